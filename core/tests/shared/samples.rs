//! Helpers shared by the model round-trip suites (`*_models.rs`): reading the docs' samples as the docs
//! print them, round-tripping a value through a model, and listing the objects of a document.

#![allow(dead_code)] // each suite uses the helpers it needs

use std::path::Path;

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use storesubmit::model::files::pointer_segment;

/// A sample fixture, read with the core's lenient reader: the docs' samples keep their trailing commas
/// and `//` comments in the files, which JSON forbids.
pub fn load(dir: &Path, name: &str) -> Value {
    let text = std::fs::read_to_string(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    storesubmit::validate::lenient_json::parse(&text).unwrap_or_else(|e| panic!("{name}: {e}")).0
}

/// A model's round trip: parse `v` as `T`, serialise it back.
pub type Rt = fn(&Value) -> Result<Value, String>;

/// Parses `v` as `T` and serialises it back.
pub fn rt<T: DeserializeOwned + Serialize>(v: &Value) -> Result<Value, String> {
    let t: T = serde_json::from_value(v.clone()).map_err(|e| format!("parse: {e}"))?;
    serde_json::to_value(&t).map_err(|e| format!("serialise: {e}"))
}

/// JSON pointers of every object in `v` (the root included), where unknown fields get injected.
pub fn object_pointers(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            out.push(at.clone());
            for (k, child) in m {
                object_pointers(child, format!("{at}/{}", pointer_segment(k)), out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                object_pointers(child, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}
