//! win32 product categories and their sub-categories (`properties.category` / `properties.subcategory`),
//! also used to recognise devcenter `applicationCategory` values (`Category_Subcategory`).
//!
//! Source: seed 003, "Update Current Draft Submission Metadata API", table **Categories and
//! Sub-categories**, verbatim, including the table's own spellings (`AccountingAndfinance`, `DYI`, `themes`).
//! Categories listed with "(None)" have no sub-categories.

use serde::Serialize;

/// One category and its sub-categories.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Category {
    /// Category value as the API takes it (`"DeveloperTools"`).
    pub name: &'static str,
    /// Sub-category values; empty when the category has none.
    pub subcategories: &'static [&'static str],
}

macro_rules! cats {
    ($($name:literal => [$($sub:literal),*];)*) => {
        /// Every category, in the documentation's order.
        pub const CATEGORIES: &[Category] = &[$(Category { name: $name, subcategories: &[$($sub),*] },)*];
    };
}

cats! {
    "BooksAndReference" => ["EReader", "Fiction", "Nonfiction", "Reference"];
    "Business" => ["AccountingAndfinance", "Collaboration", "CRM", "DataAndAnalytics", "FileManagement", "InventoryAndlogistics", "LegalAndHR", "ProjectManagement", "RemoteDesktop", "SalesAndMarketing", "TimeAndExpenses"];
    "DeveloperTools" => ["Database", "DesignTools", "DevelopmentKits", "Networking", "ReferenceAndTraining", "Servers", "Utilities", "WebHosting"];
    "Education" => ["EducationBooksAndReference", "EarlyLearning", "InstructionalTools", "Language", "StudyAids"];
    "Entertainment" => [];
    "FoodAndDining" => [];
    "GovernmentAndPolitics" => [];
    "HealthAndFitness" => [];
    "KidsAndFamily" => ["KidsAndFamilyBooksAndReference", "KidsAndFamilyEntertainment", "HobbiesAndToys", "SportsAndActivities", "KidsAndFamilyTravel"];
    "Lifestyle" => ["Automotive", "DYI", "HomeAndGarden", "Relationships", "SpecialInterest", "StyleAndFashion"];
    "Medical" => [];
    "MultimediaDesign" => ["IllustrationAndGraphicDesign", "MusicProduction", "PhotoAndVideoProduction"];
    "Music" => [];
    "NavigationAndMaps" => [];
    "NewsAndWeather" => ["News", "Weather"];
    "PersonalFinance" => ["BankingAndInvestments", "BudgetingAndTaxes"];
    "Personalization" => ["RingtonesAndSounds", "themes", "WallpaperAndLockScreens"];
    "PhotoAndVideo" => [];
    "Productivity" => [];
    "Security" => ["PCProtection", "PersonalSecurity"];
    "Shopping" => [];
    "Social" => [];
    "Sports" => [];
    "Travel" => ["CityGuides", "Hotels"];
    "UtilitiesAndTools" => ["BackupAndManage", "FileManager"];
}

/// Every category (same as [`CATEGORIES`]; a function for bindings that prefer one).
pub fn categories() -> &'static [Category] {
    CATEGORIES
}

/// The category with exactly this name (case-sensitive, as the API takes it).
pub fn category(name: &str) -> Option<&'static Category> {
    CATEGORIES.iter().find(|c| c.name == name)
}

/// The sub-categories of a category; `None` when the category is unknown.
pub fn subcategories(category_name: &str) -> Option<&'static [&'static str]> {
    category(category_name).map(|c| c.subcategories)
}

#[cfg(test)]
mod tests {
    #[test]
    fn lookups() {
        assert_eq!(super::CATEGORIES.len(), 25);
        assert_eq!(super::subcategories("DeveloperTools").unwrap()[0], "Database");
        assert!(super::subcategories("Music").unwrap().is_empty());
        assert!(super::category("music").is_none());
    }
}
