//! The connection file: a JSON object naming the service roots and credentials to use instead of
//! production's (the emulator, another cloud). The GitHub Action and the Azure DevOps task read it (their
//! `config` input) through the wire call `connectionFile`, so its keys and rules live here once.
//!
//! Each key is accepted in camelCase or snake_case: the emulator prints one JSON object per line and its
//! first line (snake_case, with its fixture ids and admin URL too) is a valid connection file as it is.

use serde_json::{Map, Value};

use crate::error::{Error, Result};

/// The keys of a connection file, camelCase and snake_case.
pub const KEYS: &[(&str, &str)] = &[
    ("tenantId", "tenant_id"),
    ("clientId", "client_id"),
    ("clientSecret", "client_secret"),
    ("sellerId", "seller_id"),
    ("devcenterUrl", "devcenter_url"),
    ("win32Url", "win32_url"),
    ("ingestionUrl", "ingestion_url"),
    ("tokenUrl", "token_url"),
    ("tokenVersion", "token_version"),
];

/// Reads the text of a connection file named `name` (for messages): a JSON object, or lines whose first is
/// one. Answers every key of [`KEYS`] in camelCase, `null` when absent or empty; numbers (a seller id) are
/// given as strings. Other keys ending in `_id` or `_url` (the emulator's fixtures) are ignored.
///
/// # Errors
/// `invalid_argument` naming the file when it is not a JSON object, or for an unknown key (listing the
/// known ones) or a value that is not a string or number.
pub fn read_text(text: &str, name: &str) -> Result<Value> {
    let first = text.trim_start().lines().next().unwrap_or("");
    let v: Value = serde_json::from_str(text.trim())
        .or_else(|_| serde_json::from_str(first))
        .map_err(|e| Error::invalid_argument(format!("config file {name}: not a JSON object: {e}")))?;
    let Value::Object(m) = v else {
        return Err(Error::invalid_argument(format!("config file {name}: not a JSON object")));
    };
    for k in m.keys() {
        let known = KEYS.iter().any(|(c, s)| c == k || s == k);
        if !known && !k.ends_with("_id") && !k.ends_with("_url") {
            return Err(Error::invalid_argument(format!(
                "config file {name}: unknown key `{k}` (known: {})",
                KEYS.iter().map(|(c, _)| *c).collect::<Vec<_>>().join(", ")
            )));
        }
    }
    let mut out = Map::new();
    for (camel, snake) in KEYS {
        let value = match m.get(*camel).or_else(|| m.get(*snake)) {
            None | Some(Value::Null) => Value::Null,
            Some(Value::String(s)) if s.trim().is_empty() => Value::Null,
            Some(Value::String(s)) => Value::String(s.clone()),
            Some(Value::Number(n)) => Value::String(n.to_string()),
            Some(_) => {
                return Err(Error::invalid_argument(format!("config file {name}: `{camel}` must be a string")));
            }
        };
        out.insert((*camel).to_string(), value);
    }
    Ok(Value::Object(out))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_emulator_line_and_camel_case_read_the_same() {
        let line = r#"{"devcenter_url":"http://127.0.0.1:9/dc","token_url":"http://127.0.0.1:9/t","tenant_id":"T","seller_id":42,"app_id":"9N","admin_url":"http://a"}
{"event":"listening"}"#;
        let v = read_text(line, "emu.out").unwrap();
        assert_eq!(v["devcenterUrl"], "http://127.0.0.1:9/dc");
        assert_eq!(v["tokenUrl"], "http://127.0.0.1:9/t");
        assert_eq!(v["tenantId"], "T");
        assert_eq!(v["sellerId"], "42");
        assert!(v["clientSecret"].is_null() && v["win32Url"].is_null());
        assert!(v.get("appId").is_none() && v.get("app_id").is_none(), "fixtures are not connection keys");
        let camel =
            read_text(r#"{"devcenterUrl": "https://x", "tokenVersion": "v1", "clientId": ""}"#, "c.json").unwrap();
        assert_eq!(camel["devcenterUrl"], "https://x");
        assert_eq!(camel["tokenVersion"], "v1");
        assert!(camel["clientId"].is_null(), "an empty value is absent");
    }

    #[test]
    fn mistakes_name_the_file_and_the_key() {
        let e = read_text(r#"{"tenantId": "T", "typo": 1}"#, "c.json").unwrap_err();
        assert!(e.message().contains("c.json") && e.message().contains("unknown key `typo`"), "{e}");
        assert!(e.message().contains("devcenterUrl"), "{e}");
        assert!(read_text("[1]", "c.json").unwrap_err().message().contains("not a JSON object"));
        assert!(read_text("nope", "c.json").unwrap_err().message().contains("not a JSON object"));
        let e = read_text(&json!({"tenantId": ["T"]}).to_string(), "c.json").unwrap_err();
        assert!(e.message().contains("`tenantId` must be a string"), "{e}");
    }
}
