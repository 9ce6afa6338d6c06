//! Field names matched the way the Store binds them: case-insensitively. Microsoft's published samples
//! send PascalCase (`ApplicationPackages`, `TrailerAssets`, `ImageList`, `FileName`, `Genres`), and the
//! service accepts them; our rules, flows and emulator work on the documented camelCase. One function
//! rewrites a document's keys to the documented spelling, walking the models' schemas, so the
//! validator, the workflows (before a GET-modify-PUT merge) and the emulator all read the same thing.

use serde_json::{Map, Value};

use crate::model::catalogue::{family_models, field_type, model_name};
use crate::model::files::pointer_segment;
use crate::model::{DocumentKind, Family, ModelSchema};

/// One key renamed to its documented spelling.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Renamed {
    /// JSON pointer of the value, with the documented spelling.
    pub path: String,
    /// The key as it was written.
    pub given: String,
}

/// The devcenter model a document kind is an instance of (win32 and ingestion documents are written
/// against models with explicit JSON names and are not rewritten).
fn root_model(kind: DocumentKind) -> Option<&'static str> {
    Some(match kind {
        DocumentKind::AppSubmission => "AppSubmission",
        DocumentKind::AddonSubmission => "AddonSubmission",
        DocumentKind::FlightSubmission => "FlightSubmission",
        DocumentKind::Addon => "AddonCreate",
        DocumentKind::Flight => "FlightCreate",
        _ => return None,
    })
}

/// Rewrites every key of `doc` that names a documented field in another case (`FileName`) to the
/// documented spelling (`fileName`), at any depth the models describe; unknown keys and their values are
/// kept as written. A key is left alone when the documented spelling is present too (both are kept, so
/// nothing the user wrote is lost; the validator then reports the other as unknown).
pub fn canonicalize_case(kind: DocumentKind, doc: &mut Value) -> Vec<Renamed> {
    let mut out = Vec::new();
    if let Some(root) = root_model(kind).and_then(|n| model(Family::Devcenter, n)) {
        walk_model(Family::Devcenter, root, doc, "", &mut out);
    }
    out
}

fn model(family: Family, manifest_name: &str) -> Option<&'static ModelSchema> {
    family_models(family).iter().find(|m| model_name(family, m.name) == manifest_name)
}

fn walk_model(family: Family, m: &ModelSchema, v: &mut Value, at: &str, out: &mut Vec<Renamed>) {
    let Some(obj) = v.as_object_mut() else { return };
    for f in m.fields {
        let wire = f.wire_name();
        if !obj.contains_key(&wire) {
            let given: Vec<String> = obj.keys().filter(|k| k.eq_ignore_ascii_case(&wire)).cloned().collect();
            if let [one] = given.as_slice() {
                let value = obj.remove(one).unwrap_or(Value::Null);
                obj.insert(wire.clone(), value);
                out.push(Renamed { path: format!("{at}/{}", pointer_segment(&wire)), given: one.clone() });
            }
        }
        if let Some(child) = obj.get_mut(&wire) {
            walk_type(
                family,
                &field_type(family, f.rust_type),
                child,
                &format!("{at}/{}", pointer_segment(&wire)),
                out,
            );
        }
    }
}

fn walk_type(family: Family, ty: &Value, v: &mut Value, at: &str, out: &mut Vec<Renamed>) {
    let Some(t) = ty.as_object() else { return };
    if let Some(name) = t.get("model").and_then(Value::as_str) {
        if let Some(m) = model(family, name) {
            walk_model(family, m, v, at, out);
        }
    } else if let Some(item) = t.get("array") {
        if let Some(items) = v.as_array_mut() {
            for (i, x) in items.iter_mut().enumerate() {
                walk_type(family, item, x, &format!("{at}/{i}"), out);
            }
        }
    } else if let Some(item) = t.get("map") {
        if let Some(entries) = v.as_object_mut().map(Map::iter_mut) {
            for (k, x) in entries {
                walk_type(family, item, x, &format!("{at}/{}", pointer_segment(k)), out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn pascal_case_from_microsofts_samples_is_rewritten_at_every_depth() {
        let mut doc = json!({
            "ApplicationPackages": [{"FileName": "app.msixupload", "FileStatus": "PendingUpload", "Custom": 1}],
            "Listings": {"en-us": {"BaseListing": {
                "Description": "d",
                "Images": [{"FileName": "a.png", "ImageType": "Screenshot"}]
            }}},
            "Trailers": [{"VideoFileName": "t.mp4", "TrailerAssets": {"en-us": {"Title": "T", "ImageList": [{"FileName": "th.png"}]}}}],
            "GamingOptions": [{"Genres": ["Games_Fighting"]}],
            "notes": "kept",
        });
        let renamed = canonicalize_case(DocumentKind::AppSubmission, &mut doc);
        assert_eq!(doc["applicationPackages"][0]["fileName"], "app.msixupload");
        assert_eq!(doc["applicationPackages"][0]["Custom"], 1, "unknown keys are kept as written");
        assert_eq!(doc["listings"]["en-us"]["baseListing"]["images"][0]["imageType"], "Screenshot");
        assert_eq!(doc["trailers"][0]["videoFileName"], "t.mp4");
        assert_eq!(doc["trailers"][0]["trailerAssets"]["en-us"]["imageList"][0]["fileName"], "th.png");
        assert_eq!(doc["gamingOptions"][0]["genres"][0], "Games_Fighting");
        assert_eq!(doc["notes"], "kept");
        assert!(renamed.contains(&Renamed {
            path: "/trailers/0/trailerAssets/en-us/imageList/0/fileName".into(),
            given: "FileName".into()
        }));
        assert_eq!(renamed.len(), 17, "{renamed:#?}");
        // a second pass has nothing left to do
        assert!(canonicalize_case(DocumentKind::AppSubmission, &mut doc).is_empty());
    }

    #[test]
    fn both_spellings_are_kept_and_other_kinds_are_untouched() {
        let mut doc = json!({"applicationPackages": [], "ApplicationPackages": [1]});
        assert!(canonicalize_case(DocumentKind::AppSubmission, &mut doc).is_empty());
        assert_eq!(doc["ApplicationPackages"], json!([1]));
        let mut doc = json!({"Packages": []});
        assert!(canonicalize_case(DocumentKind::Win32Packages, &mut doc).is_empty());
        assert!(doc.get("Packages").is_some());
    }
}
