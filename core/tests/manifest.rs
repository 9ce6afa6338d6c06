//! The checked-in manifest (`surface/manifest.json`) matches the code, and the manifest is
//! complete: every model and string enum declared under `core/src/model/` is listed, every route table
//! model column names a listed model, every error and issue code is there.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::Value;
use storesubmit::api::{Family, OPERATIONS};
use storesubmit::manifest::{self, family_enums, family_models, resolve_model, split_wrapper};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

#[test]
fn checked_in_manifest_is_up_to_date() {
    let path = root().join(manifest::MANIFEST_PATH);
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    let generated = manifest::manifest_text();
    if on_disk != generated {
        let line = on_disk.lines().zip(generated.lines()).position(|(a, b)| a != b).map_or(0, |i| i + 1);
        panic!(
            "{} is stale (first difference near line {line}); regenerate it with\n\n    \
             cargo run -p storesubmit --bin storesubmit-manifest\n\nand commit the result",
            manifest::MANIFEST_PATH
        );
    }
}

#[test]
fn checked_in_project_schema_is_up_to_date() {
    let path = root().join(storesubmit::project::schema::SCHEMA_PATH);
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        on_disk == storesubmit::project::schema::schema_text(),
        "{} is stale; regenerate it with\n\n    cargo run -p storesubmit --bin storesubmit-manifest\n\nand commit the result",
        storesubmit::project::schema::SCHEMA_PATH
    );
}

#[test]
fn every_route_model_column_names_a_listed_model() {
    let m = manifest::manifest();
    let names: BTreeSet<&str> = m["models"].as_array().unwrap().iter().map(|x| x["name"].as_str().unwrap()).collect();
    for op in OPERATIONS {
        for column in [op.body_model, op.result_model].into_iter().flatten() {
            let (_, inner) = split_wrapper(column);
            let resolved = resolve_model(op.family, inner)
                .unwrap_or_else(|| panic!("{}: model `{column}` is not a {:?} model", op.id, op.family));
            assert!(names.contains(resolved.as_str()), "{}: `{resolved}` not in the manifest's models", op.id);
        }
    }
    for op in m["operations"].as_array().unwrap() {
        for key in ["bodyModel", "resultModel"] {
            if let Some(name) = op[key].as_str() {
                assert!(names.contains(name), "{}: {key} `{name}` not in models", op["id"]);
            }
        }
    }
}

#[test]
fn every_operation_with_a_body_or_result_says_its_model() {
    for op in OPERATIONS.iter().filter(|o| o.family != Family::Token) {
        if op.body {
            assert!(op.body_model.is_some(), "{}: takes a body but names no body model", op.id);
        }
        let is_delete = op.method == storesubmit::Method::Delete;
        assert!(is_delete || op.result_model.is_some(), "{}: no result model", op.id);
    }
}

#[test]
fn paged_operations_are_the_list_operations() {
    let m = manifest::manifest();
    for op in m["operations"].as_array().unwrap() {
        let query: Vec<&str> = op["query"].as_array().unwrap().iter().map(|q| q.as_str().unwrap()).collect();
        if op["family"] == "devcenter" {
            assert_eq!(op["paged"].as_bool(), Some(query.contains(&"top")), "{}", op["id"]);
        }
        if op["family"] == "win32" && op["resultModel"].is_string() {
            assert_eq!(op["resultWrapper"], "envelope", "{}", op["id"]);
        }
    }
}

/// `(struct names in model! blocks, enum names in string_enum! blocks)` of a source file.
fn declared(text: &str) -> (Vec<String>, Vec<String>) {
    let mut models = Vec::new();
    let mut enums = Vec::new();
    let mut pending: Option<bool> = None;
    for line in text.lines() {
        let t = line.trim();
        if t.starts_with("model! {") || t == "model! {" {
            pending = Some(true);
        } else if t.contains("string_enum! {") {
            pending = Some(false);
        } else if let Some(is_model) = pending {
            let word = if is_model { "pub struct " } else { "pub enum " };
            if let Some(rest) = t.strip_prefix(word) {
                let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                if is_model {
                    models.push(name)
                } else {
                    enums.push(name)
                }
                pending = None;
            }
        }
    }
    (models, enums)
}

fn family_sources(family: Family) -> Vec<PathBuf> {
    let model = root().join("core/src/model");
    match family {
        Family::Devcenter => ["mod.rs", "app.rs", "addon.rs", "flight.rs", "enums.rs"]
            .iter()
            .map(|f| model.join("devcenter").join(f))
            .collect(),
        Family::Win32 => vec![model.join("win32.rs")],
        Family::Ingestion => vec![model.join("ingestion.rs")],
        Family::Token => vec![],
    }
}

#[test]
fn every_declared_model_and_enum_is_listed() {
    for family in [Family::Devcenter, Family::Win32, Family::Ingestion] {
        let (mut models, mut enums) = (BTreeSet::new(), BTreeSet::new());
        for path in family_sources(family) {
            let (m, e) = declared(&std::fs::read_to_string(&path).unwrap());
            models.extend(m);
            enums.extend(e);
        }
        let listed: BTreeSet<String> = family_models(family).iter().map(|m| m.name.to_string()).collect();
        assert_eq!(models, listed, "{family:?}: models declared vs listed in core/src/manifest.rs");
        let listed: BTreeSet<String> = family_enums(family).iter().map(|e| e.0.to_string()).collect();
        assert_eq!(enums, listed, "{family:?}: string enums declared vs listed in core/src/manifest.rs");
    }
}

#[test]
fn catalogues_are_complete() {
    let m = manifest::manifest();
    let errors: Vec<&Value> = m["errors"].as_array().unwrap().iter().collect();
    assert_eq!(errors.len(), storesubmit::all_error_codes().len());
    for (i, e) in errors.iter().enumerate() {
        let kind = storesubmit::ErrorKind::from_code(e["code"].as_str().unwrap()).unwrap();
        assert_eq!(e["number"].as_u64(), Some(u64::from(kind.number())));
        if i > 0 {
            assert!(e["number"].as_u64() > errors[i - 1]["number"].as_u64(), "errors are sorted by number");
        }
    }
    assert_eq!(m["issues"].as_array().unwrap().len(), storesubmit::validate::all_issue_codes().len());
    assert_eq!(m["limits"].as_object().unwrap().len(), storesubmit::data::LIMITS.len());
    assert_eq!(m["enums"]["flow.stopAfter"][0], "draft");
    assert!(m["enums"]["markets"].as_array().unwrap().iter().any(|c| c == "US"));
}
