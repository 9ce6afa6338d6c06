//! The Store's reference tables, written once: markets, languages, categories and sub-categories,
//! limits and documented value lists. Validation uses them; bindings, the CLI and the browser page offer
//! them as pick-lists ([`tables_json`] is one serialisable summary of all of them).

pub mod categories;
pub mod enums;
pub mod images;
pub mod languages;
pub mod limits;
pub mod markets;

pub use categories::{categories, Category, CATEGORIES};
pub use enums::{EnumList, ENUMS};
pub use languages::{Language, LANGUAGES};
pub use limits::{Limit, LIMITS};
pub use markets::{Market, MARKETS};

use serde_json::{json, Map, Value};

/// Every table as one JSON value, for bindings and the browser page:
/// `{"markets": [{code, name}], "languages": [{name, codes}], "categories": [{name, subcategories}],
///   "limits": {key: value}, "enums": {name: [values]}}`.
pub fn tables_json() -> Value {
    let limits: Map<String, Value> = LIMITS.iter().map(|l| (l.key.to_string(), json!(l.value))).collect();
    let enums: Map<String, Value> = ENUMS.iter().map(|e| (e.name.to_string(), json!(e.values))).collect();
    json!({
        "markets": MARKETS,
        "languages": LANGUAGES,
        "categories": CATEGORIES,
        "limits": limits,
        "enums": enums,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn tables_json_has_every_table() {
        let t = super::tables_json();
        assert_eq!(t["markets"].as_array().unwrap().len(), super::MARKETS.len());
        assert_eq!(t["markets"][0]["code"], "AF");
        assert_eq!(t["categories"][2]["subcategories"][0], "Database");
        assert_eq!(t["limits"]["win32.listing.description.chars"], 10000.0);
        assert_eq!(t["enums"]["win32.package.packageType"][1], "msi");
    }
}
