//! The manifest: every fact a binding generates code from, as one JSON document.
//!
//! `surface/manifest.json` is this module's output, checked in (regenerate with
//! `cargo run -p storesubmit --bin storesubmit-manifest`; `core/tests/manifest.rs` fails when it is
//! stale). Bindings read it instead of parsing Rust: the Python generator (`bindings-python/tools/
//! generate.py`) writes its typed methods, `TypedDict`s and exception classes from it, and the Node, wasm
//! and .NET bindings will do the same.
//!
//! Shape (keys of the top-level object):
//! - `manifestVersion`: the format's version (1).
//! - `operations`: the route table, in table order: `{id, family, method, path, pathParams, query,
//!   body, bodyModel, resultModel, resultWrapper, idempotent, paged, summary}`. `bodyModel`/`resultModel`
//!   name entries of `models` (or are `null`); `resultWrapper` says what holds the result model:
//!   `null` (the body is the model), `"page"` (devcenter `{value, totalCount, @nextLink}`),
//!   `"odataPage"` (ingestion `{value, @odata.nextLink}`) or `"envelope"` (win32 `{isSuccess, errors,
//!   responseData}` with the model as `responseData`). `paged` is true for the two page wrappers.
//! - `errors`: the error catalogue by number: `{code, number, retryable, status, description, doc}`
//!   (`status`: the HTTP status that maps to the kind, `null` for kinds found locally; `doc`: the
//!   kind's documentation, for exception docstrings).
//! - `issues`: every validation issue code, sorted: `{code, severity, description, subject}` (`subject`:
//!   `document`, `project` or `import`, what the code is about).
//! - `enums`: name → documented values, sorted by name: the Store's value lists (`data::ENUMS`, dotted
//!   field names), every model enum (`model.<family>.<Type>`), the workflow options (`flow.*`), the
//!   document kinds, and the codes of the markets, languages and categories tables.
//! - `tables`: the reference tables with their names: `markets [{code, name}]`, `languages [{name,
//!   codes}]`, `categories [{name, subcategories}]`.
//! - `limits`: key → number (`data::LIMITS`), sorted by key.
//! - `services`: family → production service root.
//! - `models`: every model, family by family in declaration order: `{name, family, rustType, doc,
//!   fields: [{name, rustName, type, doc}]}`. `name` is unique across families (win32 and ingestion
//!   models carry their family as a prefix: `Win32Package`, `IngestionPackage`); `fields[].name` is the
//!   JSON key. A field `type` is `"string"`, `"boolean"`, `"integer"`, `"number"`, `"stringOrNumber"`,
//!   `"any"`, or an object: `{"array": type}`, `{"map": type}` (string keys), `{"page": type}`
//!   (a devcenter page of items), `{"model": name}`, `{"enum": name}` (a key of `enums`).
//! - `surface`: the contract of every binding's facade ([`crate::surface`]): `workflows` and `calls`
//!   (each `{name, facade, params: [{name, type, required, default, doc}], host, returns, doc}`), `types`
//!   (outcome, progress event, error, validation report… `{name, doc, fields: [{name, type, optional,
//!   doc}]}`) and `clientOptions` (the client's options with their defaults).

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

use crate::api::routes::{Family, Operation, OPERATIONS};
use crate::data;
use crate::error::ErrorKind;
use crate::flow::devcenter::RolloutAction;
use crate::flow::{OldPackages, PendingPolicy, StopAfter};
use crate::model::catalogue::doc_lines;
pub use crate::model::catalogue::{
    family_enums, family_models, field_type, model_name, resolve_model, split_wrapper, MODEL_FAMILIES,
};
use crate::model::{DocumentKind, ModelSchema};
use crate::validate;

/// The format version of the manifest; bumped when a key changes meaning.
pub const MANIFEST_VERSION: u32 = 2;

/// The path of the checked-in manifest, relative to the repository root.
pub const MANIFEST_PATH: &str = "surface/manifest.json";

fn model_json(family: Family, m: &ModelSchema) -> Value {
    let fields: Vec<Value> = m
        .fields
        .iter()
        .map(|f| {
            json!({
                "name": f.wire_name(),
                "rustName": f.name.trim_start_matches("r#"),
                "type": field_type(family, f.rust_type),
                "doc": doc_lines(f.doc),
            })
        })
        .collect();
    json!({
        "name": model_name(family, m.name),
        "family": family.as_str(),
        "rustType": format!("{}::{}", family.as_str(), m.name),
        "doc": doc_lines(m.doc),
        "fields": fields,
    })
}

fn model_column(op: &Operation, column: Option<&str>) -> (Value, Value) {
    match column {
        None => (Value::Null, Value::Null),
        Some(c) => {
            let (wrapper, inner) = split_wrapper(c);
            let name = resolve_model(op.family, inner).unwrap_or_else(|| format!("?{inner}"));
            (json!(name), json!(wrapper))
        }
    }
}

fn operation_json(op: &Operation) -> Value {
    let (body_model, _) = model_column(op, op.body_model);
    let (result_model, wrapper) = model_column(op, op.result_model);
    let paged = matches!(wrapper.as_str(), Some("page" | "odataPage"));
    json!({
        "id": op.id,
        "family": op.family.as_str(),
        "method": op.method.as_str(),
        "path": op.path,
        "pathParams": op.path_params(),
        "query": op.query,
        "body": op.body,
        "bodyModel": body_model,
        "resultModel": result_model,
        "resultWrapper": wrapper,
        "idempotent": op.is_idempotent(),
        "paged": paged,
        "summary": op.summary,
    })
}

fn errors_json() -> Vec<Value> {
    let mut kinds: Vec<ErrorKind> = ErrorKind::ALL.to_vec();
    kinds.sort_by_key(|k| k.number());
    kinds
        .iter()
        .map(|k| {
            json!({
                "code": k.code(),
                "number": k.number(),
                "retryable": k.default_retryable(),
                "status": k.http_status(),
                "description": k.description(),
                "doc": k.doc(),
            })
        })
        .collect()
}

fn issues_json() -> Vec<Value> {
    let mut codes = validate::all_issue_codes();
    codes.sort_by_key(|c| c.code);
    codes
        .iter()
        .map(|c| {
            json!({"code": c.code, "severity": c.severity.as_str(), "description": c.description, "subject": c.subject()})
        })
        .collect()
}

/// The wire names of a serde enum's unit variants.
fn serde_names<T: serde::Serialize>(values: &[T]) -> Vec<String> {
    values
        .iter()
        .map(|v| match serde_json::to_value(v).expect("enums serialise") {
            Value::String(s) => s,
            // a tagged form (`{"action": "update", "percentage": …}`) names the value by its tag
            Value::Object(o) => match o.get("action").or_else(|| o.get("kind")) {
                Some(Value::String(tag)) => tag.clone(),
                _ => o.keys().next().cloned().unwrap_or_default(),
            },
            other => other.to_string(),
        })
        .collect()
}

/// The workflow option values. The `match`es make a new variant a compile error here, so the list stays
/// complete.
fn flow_enums() -> Vec<(&'static str, Vec<String>)> {
    let stop = [StopAfter::Draft, StopAfter::Committed, StopAfter::Certification, StopAfter::Published];
    for s in &stop {
        match s {
            StopAfter::Draft | StopAfter::Committed | StopAfter::Certification | StopAfter::Published => {}
        }
    }
    let pending = [PendingPolicy::Fail, PendingPolicy::Reuse, PendingPolicy::Recreate];
    for p in &pending {
        match p {
            PendingPolicy::Fail | PendingPolicy::Reuse | PendingPolicy::Recreate => {}
        }
    }
    let old = [OldPackages::Replace, OldPackages::Keep];
    for o in &old {
        match o {
            OldPackages::Replace | OldPackages::Keep => {}
        }
    }
    let rollout = [RolloutAction::Get, RolloutAction::Update(0.0), RolloutAction::Halt, RolloutAction::Finalize];
    for r in &rollout {
        match r {
            RolloutAction::Get | RolloutAction::Update(_) | RolloutAction::Halt | RolloutAction::Finalize => {}
        }
    }
    vec![
        ("flow.stopAfter", serde_names(&stop)),
        ("flow.pendingPolicy", serde_names(&pending)),
        ("flow.oldPackages", serde_names(&old)),
        ("flow.rolloutAction", serde_names(&rollout)),
    ]
}

fn enums_json() -> Map<String, Value> {
    let mut all: BTreeMap<String, Value> = BTreeMap::new();
    for e in data::ENUMS {
        all.insert(e.name.to_string(), json!(e.values));
    }
    for family in MODEL_FAMILIES {
        for (name, values) in family_enums(family) {
            all.insert(format!("model.{}.{name}", family.as_str()), json!(values));
        }
    }
    for (name, values) in flow_enums().into_iter().chain(crate::surface::enums()) {
        all.insert(name.to_string(), json!(values));
    }
    all.insert("documentKinds".into(), json!(DocumentKind::ALL.iter().map(|k| k.as_str()).collect::<Vec<_>>()));
    all.insert("markets".into(), json!(data::MARKETS.iter().map(|m| m.code).collect::<Vec<_>>()));
    let mut languages: Vec<&str> = data::languages::language_codes().collect();
    languages.sort_unstable();
    languages.dedup();
    all.insert("languages".into(), json!(languages));
    all.insert("categories".into(), json!(data::CATEGORIES.iter().map(|c| c.name).collect::<Vec<_>>()));
    all.into_iter().collect()
}

fn limits_json() -> Map<String, Value> {
    let sorted: BTreeMap<&str, f64> = data::LIMITS.iter().map(|l| (l.key, l.value)).collect();
    sorted.into_iter().map(|(k, v)| (k.to_string(), number(v))).collect()
}

/// A number as JSON: an integer when the value is whole, so generators for typed languages see `10000`, not `10000.0`.
fn number(v: f64) -> Value {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        json!(v as i64)
    } else {
        json!(v)
    }
}

/// Every model of every family as manifest entries, family by family in declaration order.
pub fn models_json() -> Vec<Value> {
    MODEL_FAMILIES.iter().flat_map(|f| family_models(*f).iter().map(move |m| model_json(*f, m))).collect()
}

/// The manifest as a JSON value (see the module documentation for its shape).
pub fn manifest() -> Value {
    json!({
        "manifestVersion": MANIFEST_VERSION,
        "operations": OPERATIONS.iter().map(operation_json).collect::<Vec<_>>(),
        "errors": errors_json(),
        "issues": issues_json(),
        "enums": enums_json(),
        "tables": {
            "markets": data::MARKETS,
            "languages": data::LANGUAGES,
            "categories": data::CATEGORIES,
        },
        "limits": limits_json(),
        "services": {
            "devcenter": crate::api::DEVCENTER_ROOT,
            "win32": crate::api::WIN32_ROOT,
            "ingestion": crate::api::INGESTION_ROOT,
            "token": crate::api::TOKEN_ROOT,
        },
        "models": models_json(),
        "surface": crate::surface::surface_json(),
    })
}

/// The manifest as the checked-in file holds it: pretty-printed JSON with a final newline.
pub fn manifest_text() -> String {
    let mut text = serde_json::to_string_pretty(&manifest()).expect("the manifest serialises");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrappers_split() {
        assert_eq!(split_wrapper("PagedList<Application>"), (Some("page"), "Application"));
        assert_eq!(split_wrapper("Page<Product>"), (Some("odataPage"), "Product"));
        assert_eq!(split_wrapper("Envelope<PollingData>"), (Some("envelope"), "PollingData"));
        assert_eq!(split_wrapper("Addon"), (None, "Addon"));
    }

    #[test]
    fn field_types_resolve_within_their_family() {
        assert_eq!(field_type(Family::Devcenter, "Pricing"), json!({"model": "Pricing"}));
        assert_eq!(field_type(Family::Win32, "Pricing"), json!({"enum": "model.win32.Pricing"}));
        assert_eq!(
            field_type(Family::Devcenter, "std::collections::BTreeMap<String, Vec<Listing>>"),
            json!({"map": {"array": {"model": "Listing"}}})
        );
        assert_eq!(field_type(Family::Win32, "Vec<Package>"), json!({"array": {"model": "Win32Package"}}));
        assert_eq!(
            field_type(Family::Devcenter, "Vec<FlightPackage>"),
            json!({"array": {"model": "ApplicationPackage"}})
        );
        assert_eq!(field_type(Family::Devcenter, "Mystery"), json!({"rust": "Mystery"}));
    }

    #[test]
    fn every_field_type_resolves() {
        for m in models_json() {
            for f in m["fields"].as_array().unwrap() {
                assert!(
                    !f["type"].to_string().contains("\"rust\""),
                    "{}.{}: unresolved type {}",
                    m["name"],
                    f["name"],
                    f["type"]
                );
            }
        }
    }

    #[test]
    fn model_names_are_unique() {
        let models = models_json();
        let mut seen = std::collections::HashSet::new();
        for m in &models {
            assert!(seen.insert(m["name"].as_str().unwrap().to_string()), "duplicate model {}", m["name"]);
        }
    }

    #[test]
    fn flow_enum_values_are_the_wire_names() {
        let e = enums_json();
        assert_eq!(e["flow.stopAfter"], json!(["draft", "committed", "certification", "published"]));
        assert_eq!(e["flow.rolloutAction"], json!(["get", "update", "halt", "finalize"]));
        assert_eq!(e["flow.pendingPolicy"], json!(["fail", "reuse", "recreate"]));
    }
}
