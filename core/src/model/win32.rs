//! Models of the MSI/EXE ("win32") submission API ([`crate::api::WIN32_ROOT`]).
//!
//! Every response is wrapped in the [`Envelope`] `{isSuccess, errors[], responseData}`. Every model:
//! - keeps unknown JSON fields in `extra` (written back verbatim);
//! - holds each documented field as a [`Field`], which tells an absent key, an explicit `null` and a value
//!   apart, so `parse → serialise` reproduces the input exactly (same keys, same nulls);
//! - uses [`crate::string_enum!`] enums, so a value the documentation does not list parses to `Other`.
//!
//! Update bodies (`MetadataUpdate`, `PackageList`, `Package`, `CommitAssetsRequest`) carry a
//! `READ_ONLY` list of JSON pointers — the fields the documentation shows only in responses — that the
//! builders in [`crate::api::win32`] strip with [`crate::model::strip_read_only`].

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::model::Extra;

// ------------------------------------------------------------------------------------------------
// Field: absent / null / value
// ------------------------------------------------------------------------------------------------

/// A JSON field that may be absent, explicitly `null`, or hold a value.
///
/// Use with `#[serde(default, skip_serializing_if = "Field::is_absent")]`: an absent key stays absent
/// when written back, an explicit `null` stays `null`. This is what makes the models' round trip exact.
#[derive(Clone, PartialEq, Eq, Hash, Default)]
pub enum Field<T> {
    /// The key is not present.
    #[default]
    Absent,
    /// The key is present with the value `null`.
    Null,
    /// The key is present with a value.
    Value(T),
}

impl<T> Field<T> {
    /// Whether the key is absent (used by `skip_serializing_if`).
    pub fn is_absent(&self) -> bool {
        matches!(self, Field::Absent)
    }

    /// Whether the key is present with `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Field::Null)
    }

    /// The value, if any.
    pub fn value(&self) -> Option<&T> {
        match self {
            Field::Value(v) => Some(v),
            _ => None,
        }
    }

    /// The value, mutably, if any.
    pub fn value_mut(&mut self) -> Option<&mut T> {
        match self {
            Field::Value(v) => Some(v),
            _ => None,
        }
    }

    /// Sets a value.
    pub fn set(&mut self, value: T) {
        *self = Field::Value(value);
    }

    /// The value, consuming the field.
    pub fn into_option(self) -> Option<T> {
        match self {
            Field::Value(v) => Some(v),
            _ => None,
        }
    }
}

impl<T> From<T> for Field<T> {
    fn from(value: T) -> Self {
        Field::Value(value)
    }
}

impl<T: fmt::Debug> fmt::Debug for Field<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Field::Absent => f.write_str("Absent"),
            Field::Null => f.write_str("Null"),
            Field::Value(v) => v.fmt(f),
        }
    }
}

impl<T: Serialize> Serialize for Field<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            // `Absent` is skipped by `skip_serializing_if`; if a caller serialises it directly it is `null`.
            Field::Absent | Field::Null => s.serialize_none(),
            Field::Value(v) => v.serialize(s),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Field<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(match Option::<T>::deserialize(d)? {
            Some(v) => Field::Value(v),
            None => Field::Null,
        })
    }
}

/// A SAS upload URL. Serialised as the plain string; `Debug` hides the signature (`sig=<redacted>`).
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(transparent)]
pub struct SasUrl(pub String);

impl SasUrl {
    /// The full URL, signature included (for the upload itself).
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for SasUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", crate::secret::redact_url(&self.0))
    }
}

/// Declares a round-trip-safe model: every field is a [`Field`] with an explicit JSON name, unknown
/// fields go to `extra`.
macro_rules! model {
    ($(#[$($m:tt)*])* pub struct $name:ident { $( $(#[$($fm:tt)*])* $field:ident : $ty:ty = $json:literal ),* $(,)? }) => {
        $(#[$($m)*])*
        #[derive(Clone, Debug, PartialEq, Default, ::serde::Serialize, ::serde::Deserialize)]
        pub struct $name {
            $(
                $(#[$($fm)*])*
                #[serde(rename = $json, default, skip_serializing_if = "crate::model::win32::Field::is_absent")]
                pub $field: crate::model::win32::Field<$ty>,
            )*
            /// JSON fields this model does not know, kept verbatim.
            #[serde(flatten)]
            pub extra: crate::model::Extra,
        }

        impl $name {
            /// The model's name, documentation and fields, for the manifest.
            pub const SCHEMA: crate::model::ModelSchema = crate::model::ModelSchema {
                name: stringify!($name),
                doc: crate::model::doc_text!($([$($m)*])*),
                fields: &[$(crate::model::FieldSchema {
                    name: stringify!($field),
                    json: Some($json),
                    rust_type: stringify!($ty),
                    doc: crate::model::doc_text!($([$($fm)*])*),
                },)*],
            };
        }
    };
}
pub(crate) use model;

// ------------------------------------------------------------------------------------------------
// Envelope
// ------------------------------------------------------------------------------------------------

model! {
    /// One item of an envelope's `errors` array: an error or a warning.
    pub struct ResponseMessage {
        /// The error code (`badrequest`, `warning`, `packageuploaderror`, …).
        code: String = "code",
        /// The description of the error.
        message: String = "message",
        /// The entity from which the error originated (`listings`, `properties`, …).
        target: String = "target",
    }
}

/// The response envelope of every win32 call: `{isSuccess, errors[{code,message,target}], responseData}`.
///
/// A `200` with `isSuccess: false` is a failure; the parsers in [`crate::api::win32`] turn it into an
/// [`crate::Error`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(bound(serialize = "T: Serialize", deserialize = "T: Deserialize<'de>"))]
pub struct Envelope<T> {
    /// Whether the call succeeded.
    #[serde(rename = "isSuccess", default, skip_serializing_if = "Field::is_absent")]
    pub is_success: Field<bool>,
    /// Errors or warnings (present on success too).
    #[serde(rename = "errors", default, skip_serializing_if = "Field::is_absent")]
    pub errors: Field<Vec<ResponseMessage>>,
    /// The payload.
    #[serde(rename = "responseData", default, skip_serializing_if = "Field::is_absent")]
    pub response_data: Field<T>,
    /// JSON fields this model does not know, kept verbatim.
    #[serde(flatten)]
    pub extra: Extra,
}

impl<T> Default for Envelope<T> {
    fn default() -> Self {
        Envelope { is_success: Field::Absent, errors: Field::Absent, response_data: Field::Absent, extra: Extra::new() }
    }
}

impl<T> Envelope<T> {
    /// `isSuccess` (false when absent or null).
    pub fn succeeded(&self) -> bool {
        self.is_success.value().copied().unwrap_or(false)
    }

    /// The `errors` array (empty when absent).
    pub fn messages(&self) -> &[ResponseMessage] {
        self.errors.value().map(Vec::as_slice).unwrap_or(&[])
    }

    /// The payload, if any.
    pub fn data(&self) -> Option<&T> {
        self.response_data.value()
    }
}

model! {
    /// `responseData` of calls that return a polling URL: metadata and package updates, package commit,
    /// listing asset commit.
    pub struct PollingData {
        /// Relative URL to poll (module status or submission status); see [`crate::api::win32::Win32::poll_request`].
        polling_url: String = "pollingUrl",
        /// Id of a submission already in progress (empty when none).
        ongoing_submission_id: String = "ongoingSubmissionId",
    }
}

// ------------------------------------------------------------------------------------------------
// Enums
// ------------------------------------------------------------------------------------------------

crate::string_enum! {
    /// The modules of draft metadata (`/metadata/{moduleName}`).
    pub enum MetadataModule { Listings = "listings", Properties = "properties", Availability = "availability" }
}

crate::string_enum! {
    /// `availability.pricing`.
    pub enum Pricing { Free = "FREE", Freemium = "FREEMIUM", Subscription = "SUBSCRIPTION", Paid = "PAID" }
}

crate::string_enum! {
    /// `availability.freeTrial` (required when pricing is PAID or SUBSCRIPTION).
    pub enum FreeTrial { NoFreeTrial = "NO_FREE_TRIAL", FreeTrial = "FREE_TRIAL" }
}

crate::string_enum! {
    /// `availability.discoverability`.
    pub enum Discoverability { Discoverable = "DISCOVERABLE", DeeplinkOnly = "DEEPLINK_ONLY" }
}

crate::string_enum! {
    /// `packages[].packageType`.
    pub enum PackageType { Exe = "exe", Msi = "msi" }
}

crate::string_enum! {
    /// `packages[].architectures[]` (one per package).
    pub enum Architecture { Neutral = "Neutral", X86 = "X86", X64 = "X64", Arm = "Arm", Arm64 = "Arm64" }
}

crate::string_enum! {
    /// `packages[].errorDetails[].errorScenario`: custom installer error scenarios.
    pub enum ErrorScenario {
        InstallationCancelledByUser = "installationCancelledByUser",
        ApplicationAlreadyExists = "applicationAlreadyExists",
        InstallationAlreadyInProgress = "installationAlreadyInProgress",
        DiskSpaceIsFull = "diskSpaceIsFull",
        RebootRequired = "rebootRequired",
        NetworkFailure = "networkFailure",
        PackageRejectedDuringInstallation = "packageRejectedDuringInstallation",
        InstallationSuccessful = "installationSuccessful",
        Miscellaneous = "miscellaneous",
    }
}

crate::string_enum! {
    /// `properties.isSystemFeatureRequired[].hardwareItemType`.
    pub enum HardwareFeature {
        Touch = "Touch", Keyboard = "Keyboard", Mouse = "Mouse", Camera = "Camera", NfcHce = "NFC_HCE",
        NfcProximity = "NFC_Proximity", BluetoothLe = "Bluetooth_LE", Telephony = "Telephony", Microphone = "Microphone",
    }
}

crate::string_enum! {
    /// `properties.systemRequirementDetails[].hardwareItemType`.
    pub enum SystemRequirementItem {
        Processor = "Processor", Graphics = "Graphics", Memory = "Memory", DirectX = "DirectX", VideoMemory = "Video_Memory",
    }
}

crate::string_enum! {
    /// Allowed `minimumRequirement`/`recommendedRequirement` values for `Memory`.
    pub enum MemoryRequirement {
        Mb300 = "300MB", Mb750 = "750MB", Gb1 = "1GB", Gb2 = "2GB", Gb4 = "4GB", Gb6 = "6GB", Gb8 = "8GB",
        Gb12 = "12GB", Gb16 = "16GB", Gb20 = "20GB",
    }
}

crate::string_enum! {
    /// Allowed `minimumRequirement`/`recommendedRequirement` values for `DirectX`.
    pub enum DirectXRequirement {
        Dx9 = "DX9", Dx10 = "DX10", Dx11 = "DX11", Dx12FeatureLevel11 = "DX12-FEATURELEVEL11",
        Dx12FeatureLevel12 = "DX12-FEATURELEVEL12",
    }
}

crate::string_enum! {
    /// Allowed `minimumRequirement`/`recommendedRequirement` values for `Video_Memory`.
    pub enum VideoMemoryRequirement { Gb1 = "1GB", Gb2 = "2GB", Gb4 = "4GB", Gb6 = "6GB" }
}

impl SystemRequirementItem {
    /// The values `minimumRequirement`/`recommendedRequirement` may take for this item, when the
    /// documentation restricts them (Memory, DirectX, Video_Memory); `None` for free text (max 200 chars).
    pub fn allowed_values(&self) -> Option<&'static [&'static str]> {
        match self {
            SystemRequirementItem::Memory => Some(MemoryRequirement::VALUES),
            SystemRequirementItem::DirectX => Some(DirectXRequirement::VALUES),
            SystemRequirementItem::VideoMemory => Some(VideoMemoryRequirement::VALUES),
            _ => None,
        }
    }
}

crate::string_enum! {
    /// `properties.category`.
    pub enum Category {
        BooksAndReference = "BooksAndReference", Business = "Business", DeveloperTools = "DeveloperTools",
        Education = "Education", Entertainment = "Entertainment", FoodAndDining = "FoodAndDining",
        GovernmentAndPolitics = "GovernmentAndPolitics", HealthAndFitness = "HealthAndFitness",
        KidsAndFamily = "KidsAndFamily", Lifestyle = "Lifestyle", Medical = "Medical",
        MultimediaDesign = "MultimediaDesign", Music = "Music", NavigationAndMaps = "NavigationAndMaps",
        NewsAndWeather = "NewsAndWeather", PersonalFinance = "PersonalFinance", Personalization = "Personalization",
        PhotoAndVideo = "PhotoAndVideo", Productivity = "Productivity", Security = "Security", Shopping = "Shopping",
        Social = "Social", Sports = "Sports", Travel = "Travel", UtilitiesAndTools = "UtilitiesAndTools",
    }
}

crate::string_enum! {
    /// `properties.subcategory` (the documented values of every category).
    pub enum Subcategory {
        EReader = "EReader", Fiction = "Fiction", Nonfiction = "Nonfiction", Reference = "Reference",
        AccountingAndfinance = "AccountingAndfinance", Collaboration = "Collaboration", Crm = "CRM",
        DataAndAnalytics = "DataAndAnalytics", FileManagement = "FileManagement",
        InventoryAndlogistics = "InventoryAndlogistics", LegalAndHr = "LegalAndHR",
        ProjectManagement = "ProjectManagement", RemoteDesktop = "RemoteDesktop",
        SalesAndMarketing = "SalesAndMarketing", TimeAndExpenses = "TimeAndExpenses", Database = "Database",
        DesignTools = "DesignTools", DevelopmentKits = "DevelopmentKits", Networking = "Networking",
        ReferenceAndTraining = "ReferenceAndTraining", Servers = "Servers", Utilities = "Utilities",
        WebHosting = "WebHosting", EducationBooksAndReference = "EducationBooksAndReference",
        EarlyLearning = "EarlyLearning", InstructionalTools = "InstructionalTools", Language = "Language",
        StudyAids = "StudyAids", KidsAndFamilyBooksAndReference = "KidsAndFamilyBooksAndReference",
        KidsAndFamilyEntertainment = "KidsAndFamilyEntertainment", HobbiesAndToys = "HobbiesAndToys",
        SportsAndActivities = "SportsAndActivities", KidsAndFamilyTravel = "KidsAndFamilyTravel",
        Automotive = "Automotive", Dyi = "DYI", HomeAndGarden = "HomeAndGarden", Relationships = "Relationships",
        SpecialInterest = "SpecialInterest", StyleAndFashion = "StyleAndFashion",
        IllustrationAndGraphicDesign = "IllustrationAndGraphicDesign", MusicProduction = "MusicProduction",
        PhotoAndVideoProduction = "PhotoAndVideoProduction", News = "News", Weather = "Weather",
        BankingAndInvestments = "BankingAndInvestments", BudgetingAndTaxes = "BudgetingAndTaxes",
        RingtonesAndSounds = "RingtonesAndSounds", Themes = "themes", WallpaperAndLockScreens = "WallpaperAndLockScreens",
        PcProtection = "PCProtection", PersonalSecurity = "PersonalSecurity", CityGuides = "CityGuides",
        Hotels = "Hotels", BackupAndManage = "BackupAndManage", FileManager = "FileManager",
    }
}

impl Category {
    /// The documented subcategories of this category (empty: "(None)"; `None` for an `Other` category).
    pub fn subcategories(&self) -> Option<&'static [&'static str]> {
        Some(match self {
            Category::BooksAndReference => &["EReader", "Fiction", "Nonfiction", "Reference"],
            Category::Business => &[
                "AccountingAndfinance",
                "Collaboration",
                "CRM",
                "DataAndAnalytics",
                "FileManagement",
                "InventoryAndlogistics",
                "LegalAndHR",
                "ProjectManagement",
                "RemoteDesktop",
                "SalesAndMarketing",
                "TimeAndExpenses",
            ],
            Category::DeveloperTools => &[
                "Database",
                "DesignTools",
                "DevelopmentKits",
                "Networking",
                "ReferenceAndTraining",
                "Servers",
                "Utilities",
                "WebHosting",
            ],
            Category::Education => {
                &["EducationBooksAndReference", "EarlyLearning", "InstructionalTools", "Language", "StudyAids"]
            }
            Category::KidsAndFamily => &[
                "KidsAndFamilyBooksAndReference",
                "KidsAndFamilyEntertainment",
                "HobbiesAndToys",
                "SportsAndActivities",
                "KidsAndFamilyTravel",
            ],
            Category::Lifestyle => {
                &["Automotive", "DYI", "HomeAndGarden", "Relationships", "SpecialInterest", "StyleAndFashion"]
            }
            Category::MultimediaDesign => {
                &["IllustrationAndGraphicDesign", "MusicProduction", "PhotoAndVideoProduction"]
            }
            Category::NewsAndWeather => &["News", "Weather"],
            Category::PersonalFinance => &["BankingAndInvestments", "BudgetingAndTaxes"],
            Category::Personalization => &["RingtonesAndSounds", "themes", "WallpaperAndLockScreens"],
            Category::Security => &["PCProtection", "PersonalSecurity"],
            Category::Travel => &["CityGuides", "Hotels"],
            Category::UtilitiesAndTools => &["BackupAndManage", "FileManager"],
            Category::Other(_) => return None,
            _ => &[],
        })
    }
}

crate::string_enum! {
    /// `publishingStatus` of the submission status polling API.
    pub enum PublishingStatus { InProgress = "INPROGRESS", Published = "PUBLISHED", Failed = "FAILED", Unknown = "UNKNOWN" }
}

crate::string_enum! {
    /// HTTP method an asset upload URL expects (`httpMethod`).
    pub enum UploadMethod { Put = "PUT", Post = "POST" }
}

// ------------------------------------------------------------------------------------------------
// Draft metadata
// ------------------------------------------------------------------------------------------------

model! {
    /// The availability module.
    pub struct Availability {
        /// Market codes (`US`, `GB`, …).
        markets: Vec<String> = "markets",
        /// Whether the product is discoverable in the Store.
        discoverability: Discoverability = "discoverability",
        /// Whether the product becomes available in markets added later.
        enable_in_future_markets: bool = "enableInFutureMarkets",
        /// Pricing model.
        pricing: Pricing = "pricing",
        /// Free trial (required when pricing is PAID or SUBSCRIPTION).
        free_trial: FreeTrial = "freeTrial",
    }
}

model! {
    /// `properties.productDeclarations`.
    pub struct ProductDeclarations {
        /// The product depends on drivers or NT services.
        depends_on_drivers_or_nt: bool = "dependsOnDriversOrNT",
        /// The product meets accessibility guidelines.
        accessibility_support: bool = "accessibilitySupport",
        /// The product supports pen and ink input.
        pen_and_ink_support: bool = "penAndInkSupport",
    }
}

model! {
    /// One item of `properties.isSystemFeatureRequired`.
    pub struct SystemFeature {
        /// The feature is required.
        is_required: bool = "isRequired",
        /// The feature is recommended.
        is_recommended: bool = "isRecommended",
        /// Which hardware feature.
        hardware_item_type: HardwareFeature = "hardwareItemType",
    }
}

model! {
    /// One item of `properties.systemRequirementDetails`.
    pub struct SystemRequirement {
        /// Minimum requirement (restricted values for Memory, DirectX, Video_Memory; else text ≤ 200).
        minimum_requirement: String = "minimumRequirement",
        /// Recommended requirement (same rules).
        recommended_requirement: String = "recommendedRequirement",
        /// Which hardware item.
        hardware_item_type: SystemRequirementItem = "hardwareItemType",
    }
}

model! {
    /// The properties module.
    pub struct Properties {
        /// Whether a privacy policy is required.
        is_privacy_policy_required: bool = "isPrivacyPolicyRequired",
        /// Privacy policy URL (required when `isPrivacyPolicyRequired`).
        privacy_policy_url: String = "privacyPolicyUrl",
        /// Website URL.
        website: String = "website",
        /// Support contact: URL or email address.
        support_contact_info: String = "supportContactInfo",
        /// Notes for certification (≤ 2000 characters).
        certification_notes: String = "certificationNotes",
        /// Category.
        category: Category = "category",
        /// Subcategory.
        subcategory: Subcategory = "subcategory",
        /// Product declarations.
        product_declarations: ProductDeclarations = "productDeclarations",
        /// Hardware features required or recommended.
        is_system_feature_required: Vec<SystemFeature> = "isSystemFeatureRequired",
        /// System requirements.
        system_requirement_details: Vec<SystemRequirement> = "systemRequirementDetails",
    }
}

model! {
    /// One item of a listing's `requirements`.
    pub struct HardwareRequirement {
        /// Minimum hardware (≤ 200 characters).
        minimum_hardware: String = "minimumHardware",
        /// Recommended hardware (≤ 200 characters).
        recommended_hardware: String = "recommendedHardware",
    }
}

model! {
    /// The listing of one language.
    pub struct Listing {
        /// Language code (`en-us`, …).
        language: String = "language",
        /// Description (required, ≤ 10000 characters).
        description: String = "description",
        /// What's new (≤ 1500 characters).
        whats_new: String = "whatsNew",
        /// Product features (≤ 20, 200 characters each).
        product_features: Vec<String> = "productFeatures",
        /// Short description (≤ 1000 characters).
        short_description: String = "shortDescription",
        /// Search terms (≤ 7, 30 characters each, 21 unique words in total).
        search_terms: Vec<String> = "searchTerms",
        /// Additional license terms (required, ≤ 10000 characters).
        additional_license_terms: String = "additionalLicenseTerms",
        /// Copyright (≤ 200 characters).
        copyright: String = "copyright",
        /// Developed by (≤ 255 characters).
        developed_by: String = "developedBy",
        /// Sort title.
        sort_title: String = "sortTitle",
        /// Hardware requirements (≤ 11 items in total).
        requirements: Vec<HardwareRequirement> = "requirements",
        /// Contact information (≤ 200 characters).
        contact_info: String = "contactInfo",
    }
}

model! {
    /// One item of `listingLanguages` (returned with `includelanguagelist=true`).
    pub struct ListingLanguage {
        /// Language code.
        language: String = "language",
        /// Whether the listing of this language is complete.
        is_complete: bool = "isComplete",
    }
}

model! {
    /// `responseData` of the Get Current Draft Submission Metadata API (all modules or one).
    pub struct DraftMetadata {
        /// Availability module.
        availability: Availability = "availability",
        /// Properties module.
        properties: Properties = "properties",
        /// Listings, one per language.
        listings: Vec<Listing> = "listings",
        /// Listing languages and their completeness (output only).
        listing_languages: Vec<ListingLanguage> = "listingLanguages",
    }
}

impl DraftMetadata {
    /// Output-only fields.
    pub const READ_ONLY: &'static [&'static str] = &["/listingLanguages"];

    /// The listing of a language (case-insensitive).
    pub fn listing(&self, language: &str) -> Option<&Listing> {
        self.listings.value()?.iter().find(|l| l.language.value().is_some_and(|x| x.eq_ignore_ascii_case(language)))
    }

    /// An update body from this draft: availability and properties as they are, plus the listing of
    /// `language` when given (the update API takes one listing per call). Unknown fields are kept.
    pub fn to_update(&self, language: Option<&str>) -> MetadataUpdate {
        let mut extra = self.extra.clone();
        for p in Self::READ_ONLY {
            extra.remove(p.trim_start_matches('/'));
        }
        MetadataUpdate {
            availability: self.availability.clone(),
            properties: self.properties.clone(),
            listings: match language.and_then(|l| self.listing(l)) {
                Some(l) => Field::Value(l.clone()),
                None => Field::Absent,
            },
            listings_to_add: Field::Absent,
            listings_to_remove: Field::Absent,
            extra,
        }
    }
}

model! {
    /// Body of the Update Current Draft Submission Metadata API (PUT: full module update, every field of a
    /// module present; PATCH: only the fields to change). `listings` is a single language's listing.
    pub struct MetadataUpdate {
        /// Availability module.
        availability: Availability = "availability",
        /// Properties module.
        properties: Properties = "properties",
        /// The listing of one language.
        listings: Listing = "listings",
        /// Listing languages to add.
        listings_to_add: Vec<String> = "listingsToAdd",
        /// Listing languages to remove.
        listings_to_remove: Vec<String> = "listingsToRemove",
    }
}

impl MetadataUpdate {
    /// Output-only fields, never sent.
    pub const READ_ONLY: &'static [&'static str] = &["/listingLanguages"];
}

// ------------------------------------------------------------------------------------------------
// Packages
// ------------------------------------------------------------------------------------------------

model! {
    /// One item of `errorDetails[].errorScenarioDetails`.
    pub struct ErrorScenarioDetail {
        /// Error code the installer can return.
        error_value: String = "errorValue",
        /// URL with details on the error.
        error_url: String = "errorUrl",
    }
}

model! {
    /// One item of a package's `errorDetails` (custom installer error codes, EXE installers).
    pub struct ErrorDetail {
        /// The scenario.
        error_scenario: ErrorScenario = "errorScenario",
        /// Codes and URLs of the scenario.
        error_scenario_details: Vec<ErrorScenarioDetail> = "errorScenarioDetails",
    }
}

model! {
    /// One MSI/EXE package of the draft. Also the body of the single-package PATCH.
    pub struct Package {
        /// Package id (output only; regenerated by a full PUT).
        package_id: String = "packageId",
        /// Installer download URL (required).
        package_url: String = "packageUrl",
        /// Languages (required).
        languages: Vec<String> = "languages",
        /// Architectures (required; a single one).
        architectures: Vec<Architecture> = "architectures",
        /// The installer runs silently without switches.
        is_silent_install: bool = "isSilentInstall",
        /// Installer parameters (required when not silent).
        installer_parameters: String = "installerParameters",
        /// Link to the custom error code document (required for EXE).
        generic_doc_url: String = "genericDocUrl",
        /// Custom installer error codes.
        error_details: Vec<ErrorDetail> = "errorDetails",
        /// `exe` or `msi` (required).
        package_type: PackageType = "packageType",
    }
}

impl Package {
    /// Output-only fields, never sent in a PATCH body (the id is in the path).
    pub const READ_ONLY: &'static [&'static str] = &["/packageId"];
}

model! {
    /// `{packages: [...]}`: `responseData` of Get Current Draft Packages (all or one) and the body of the
    /// full packages PUT.
    pub struct PackageList {
        /// The packages.
        packages: Vec<Package> = "packages",
    }
}

impl PackageList {
    /// Output-only fields, never sent in a PUT body (package ids are regenerated).
    pub const READ_ONLY: &'static [&'static str] = &["/packages/*/packageId"];

    /// The packages (empty when absent).
    pub fn items(&self) -> &[Package] {
        self.packages.value().map(Vec::as_slice).unwrap_or(&[])
    }
}

// ------------------------------------------------------------------------------------------------
// Listing assets
// ------------------------------------------------------------------------------------------------

model! {
    /// `imageSize` of an asset.
    pub struct ImageSize {
        /// Width in pixels.
        width: i64 = "width",
        /// Height in pixels.
        height: i64 = "height",
    }
}

model! {
    /// An existing (or newly uploaded) listing asset.
    pub struct Asset {
        /// Asset id.
        id: String = "id",
        /// Asset URL.
        asset_url: String = "assetUrl",
        /// Image size (output only).
        image_size: ImageSize = "imageSize",
    }
}

model! {
    /// The assets of one listing language.
    pub struct ListingAssets {
        /// Language code.
        language: String = "language",
        /// Store logos.
        store_logos: Vec<Asset> = "storeLogos",
        /// Screenshots.
        screenshots: Vec<Asset> = "screenshots",
    }
}

model! {
    /// `responseData` of Get Current Draft Listing Assets.
    pub struct ListingAssetsData {
        /// Assets per language.
        listing_assets: Vec<ListingAssets> = "listingAssets",
    }
}

model! {
    /// `createAssetRequest`: how many assets of each type to create.
    pub struct AssetCounts {
        /// Number of screenshots (1–10).
        screenshot: i64 = "Screenshot",
        /// Number of logos (1 or 2).
        logo: i64 = "Logo",
    }
}

model! {
    /// Body of the Create Listing Assets API.
    pub struct CreateAssetsRequest {
        /// Listing language.
        language: String = "language",
        /// Counts per asset type.
        create_asset_request: AssetCounts = "createAssetRequest",
    }
}

model! {
    /// An asset slot created for upload. The upload URLs are SAS URLs (hidden in `Debug`).
    pub struct AssetUpload {
        /// New asset id (send it back in the commit).
        id: String = "id",
        /// Primary upload URL (Azure Blob Put Blob).
        primary_asset_upload_url: SasUrl = "primaryAssetUploadUrl",
        /// Secondary upload URL.
        secondary_asset_upload_url: SasUrl = "secondaryAssetUploadUrl",
        /// HTTP method of the upload.
        http_method: UploadMethod = "httpMethod",
        /// Headers the upload must carry (an empty value: computed by the client).
        http_headers: Extra = "httpHeaders",
    }
}

model! {
    /// The created asset slots of one language.
    pub struct CreatedAssets {
        /// Language code.
        language: String = "language",
        /// Logo slots.
        store_logos: Vec<AssetUpload> = "storeLogos",
        /// Screenshot slots.
        screenshots: Vec<AssetUpload> = "screenshots",
    }
}

model! {
    /// `responseData` of Create Listing Assets.
    pub struct CreateAssetsData {
        /// The created slots.
        listing_assets: CreatedAssets = "listingAssets",
    }
}

model! {
    /// Body of the Commit Listing Assets API: the full set of assets to keep per type (existing ids and
    /// URLs, or new ids with the upload URL used).
    pub struct CommitAssetsRequest {
        /// The assets of one language.
        listing_assets: ListingAssets = "listingAssets",
    }
}

impl CommitAssetsRequest {
    /// Output-only fields, never sent.
    pub const READ_ONLY: &'static [&'static str] =
        &["/listingAssets/storeLogos/*/imageSize", "/listingAssets/screenshots/*/imageSize"];
}

// ------------------------------------------------------------------------------------------------
// Status and submission
// ------------------------------------------------------------------------------------------------

model! {
    /// `responseData` of Module Status Polling.
    pub struct ModuleStatus {
        /// All modules are ready, package upload included.
        is_ready: bool = "isReady",
        /// Id of a submission already in progress (empty when none).
        ongoing_submission_id: String = "ongoingSubmissionId",
    }
}

model! {
    /// `responseData` of Create Submission (submit).
    pub struct SubmitData {
        /// The new submission's id.
        submission_id: String = "submissionId",
        /// Relative URL to poll.
        polling_url: String = "pollingUrl",
        /// Id of a submission already in progress (empty when none).
        ongoing_submission_id: String = "ongoingSubmissionId",
    }
}

model! {
    /// `responseData` of Submission Status Polling.
    pub struct SubmissionStatus {
        /// INPROGRESS, PUBLISHED, FAILED or UNKNOWN.
        publishing_status: PublishingStatus = "publishingStatus",
        /// Publishing failed and will not be retried.
        has_failed: bool = "hasFailed",
    }
}

impl SubmissionStatus {
    /// Whether polling can stop: published, or failed (`FAILED` or `hasFailed`).
    pub fn is_final(&self) -> bool {
        self.has_failed.value() == Some(&true)
            || matches!(self.publishing_status.value(), Some(PublishingStatus::Published | PublishingStatus::Failed))
    }
}
