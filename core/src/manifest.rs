//! The manifest: every fact a binding generates code from, as one JSON document.
//!
//! `tests/vectors/manifest.json` is this module's output, checked in (regenerate with
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
//! - `workflows`: the workflow names a [`crate::wire`] request takes under `"workflow"`.

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

use crate::api::routes::{Family, Operation, OPERATIONS};
use crate::data;
use crate::error::ErrorKind;
use crate::flow::devcenter::RolloutAction;
use crate::flow::{OldPackages, PendingPolicy, StopAfter};
use crate::model::{devcenter as dc, ingestion as ing, win32, DocumentKind, ModelSchema};
use crate::validate;

/// The format version of the manifest; bumped when a key changes meaning.
pub const MANIFEST_VERSION: u32 = 1;

/// The path of the checked-in manifest, relative to the repository root.
pub const MANIFEST_PATH: &str = "tests/vectors/manifest.json";

/// The model families, in manifest order.
const MODEL_FAMILIES: [Family; 3] = [Family::Devcenter, Family::Win32, Family::Ingestion];

/// Every devcenter model, in declaration order.
const DEVCENTER_MODELS: &[ModelSchema] = &[
    dc::ResourceRef::SCHEMA,
    dc::StatusDetails::SCHEMA,
    dc::StatusDetail::SCHEMA,
    dc::CertificationReport::SCHEMA,
    dc::SubmissionStatusResource::SCHEMA,
    dc::Pricing::SCHEMA,
    dc::Sale::SCHEMA,
    dc::PackageDeliveryOptions::SCHEMA,
    dc::PackageRollout::SCHEMA,
    dc::Application::SCHEMA,
    dc::AppAddonRef::SCHEMA,
    dc::AppSubmission::SCHEMA,
    dc::Listing::SCHEMA,
    dc::BaseListing::SCHEMA,
    dc::Image::SCHEMA,
    dc::GamingOptions::SCHEMA,
    dc::ApplicationPackage::SCHEMA,
    dc::Trailer::SCHEMA,
    dc::TrailerAssets::SCHEMA,
    dc::TrailerImage::SCHEMA,
    dc::Addon::SCHEMA,
    dc::AddonCreate::SCHEMA,
    dc::AddonSubmission::SCHEMA,
    dc::AddonListing::SCHEMA,
    dc::AddonIcon::SCHEMA,
    dc::Flight::SCHEMA,
    dc::FlightCreate::SCHEMA,
    dc::FlightSubmission::SCHEMA,
];

/// Every win32 model, in declaration order.
const WIN32_MODELS: &[ModelSchema] = &[
    win32::ResponseMessage::SCHEMA,
    win32::PollingData::SCHEMA,
    win32::Availability::SCHEMA,
    win32::ProductDeclarations::SCHEMA,
    win32::SystemFeature::SCHEMA,
    win32::SystemRequirement::SCHEMA,
    win32::Properties::SCHEMA,
    win32::HardwareRequirement::SCHEMA,
    win32::Listing::SCHEMA,
    win32::ListingLanguage::SCHEMA,
    win32::DraftMetadata::SCHEMA,
    win32::MetadataUpdate::SCHEMA,
    win32::ErrorScenarioDetail::SCHEMA,
    win32::ErrorDetail::SCHEMA,
    win32::Package::SCHEMA,
    win32::PackageList::SCHEMA,
    win32::ImageSize::SCHEMA,
    win32::Asset::SCHEMA,
    win32::ListingAssets::SCHEMA,
    win32::ListingAssetsData::SCHEMA,
    win32::AssetCounts::SCHEMA,
    win32::CreateAssetsRequest::SCHEMA,
    win32::AssetUpload::SCHEMA,
    win32::CreatedAssets::SCHEMA,
    win32::CreateAssetsData::SCHEMA,
    win32::CommitAssetsRequest::SCHEMA,
    win32::ModuleStatus::SCHEMA,
    win32::SubmitData::SCHEMA,
    win32::SubmissionStatus::SCHEMA,
];

/// Every ingestion model, in declaration order.
const INGESTION_MODELS: &[ModelSchema] = &[
    ing::TypeValuePair::SCHEMA,
    ing::Product::SCHEMA,
    ing::ProductSetup::SCHEMA,
    ing::Branch::SCHEMA,
    ing::PublishOption::SCHEMA,
    ing::PendingUpdateInfo::SCHEMA,
    ing::VariantResource::SCHEMA,
    ing::Submission::SCHEMA,
    ing::SubmissionCreationRequest::SCHEMA,
    ing::ValidationItem::SCHEMA,
    ing::WorkflowStepDetail::SCHEMA,
    ing::WorkflowDetail::SCHEMA,
    ing::PublishTarget::SCHEMA,
    ing::Package::SCHEMA,
    ing::ListingUri::SCHEMA,
    ing::ListingContact::SCHEMA,
    ing::Listing::SCHEMA,
    ing::ListingImage::SCHEMA,
    ing::PackageConfiguration::SCHEMA,
    ing::AudienceMember::SCHEMA,
    ing::AzureGovernmentCertification::SCHEMA,
    ing::CertificationReport::SCHEMA,
    ing::CosellAsset::SCHEMA,
    ing::CosellContact::SCHEMA,
    ing::CosellListing::SCHEMA,
    ing::CosellSolutionArea::SCHEMA,
    ing::CustomAmendment::SCHEMA,
    ing::CustomMeter::SCHEMA,
    ing::FeatureAvailability::SCHEMA,
    ing::IncludedBaseQuantity::SCHEMA,
    ing::LeadConfiguration::SCHEMA,
    ing::ListingAsset::SCHEMA,
    ing::ListingVideo::SCHEMA,
    ing::ListingVideoThumbnail::SCHEMA,
    ing::LocalizedDateTime::SCHEMA,
    ing::LocalizedDateTimeRange::SCHEMA,
    ing::MarketState::SCHEMA,
    ing::Price::SCHEMA,
    ing::PriceSchedule::SCHEMA,
    ing::PriceScheduleInfo::SCHEMA,
    ing::PricingCadence::SCHEMA,
    ing::PricingUnit::SCHEMA,
    ing::ProductAvailability::SCHEMA,
    ing::Property::SCHEMA,
    ing::ResellerConfiguration::SCHEMA,
    ing::SupplementalContent::SCHEMA,
    ing::SupplementalContentAsset::SCHEMA,
    ing::Tenant::SCHEMA,
    ing::Trial::SCHEMA,
    ing::ValidationResult::SCHEMA,
    ing::Variant::SCHEMA,
];

/// `(type name, documented values)` of string enums.
type EnumTable = &'static [(&'static str, &'static [&'static str])];

macro_rules! enum_table {
    ($module:ident: $($name:ident),* $(,)?) => {
        &[$((stringify!($name), $module::$name::VALUES)),*]
    };
}

const DEVCENTER_ENUMS: EnumTable = enum_table!(dc:
    Visibility, TargetPublishMode, HardwarePreference, SubmissionStatus, SubmissionStatusCode, TrialPeriod,
    FileStatus, ImageType, GameGenre, KinectDataForExternal, MinimumDirectXVersion, MinimumSystemRam,
    PackageRolloutStatus, EnterpriseLicensing, ListingPlatform, DeviceFamily, ProductType, AddonContentType,
    AddonLifetime,
);

const WIN32_ENUMS: EnumTable = enum_table!(win32:
    MetadataModule, Pricing, FreeTrial, Discoverability, PackageType, Architecture, ErrorScenario,
    HardwareFeature, SystemRequirementItem, MemoryRequirement, DirectXRequirement, VideoMemoryRequirement,
    Category, Subcategory, PublishingStatus, UploadMethod,
);

const INGESTION_ENUMS: EnumTable = enum_table!(ing:
    ProductType, SellingOption, CallToAction, BranchType, BranchModule, SubmissionState, SubmissionSubstate,
    UploadState, PackageResourceType, ContactType, PackageConfigurationType, CertificationStatus,
    LeadConfigurationType, MarketStateValue, ResellerChannelState, VariantType,
);

/// Type aliases a model field may use, resolved to the model they name.
const ALIASES: &[(Family, &str, &str)] = &[(Family::Devcenter, "FlightPackage", "ApplicationPackage")];

/// The models of a family, in declaration order.
pub fn family_models(family: Family) -> &'static [ModelSchema] {
    match family {
        Family::Devcenter => DEVCENTER_MODELS,
        Family::Win32 => WIN32_MODELS,
        Family::Ingestion => INGESTION_MODELS,
        Family::Token => &[],
    }
}

/// The string enums of a family's models: `(type name, values)`.
pub fn family_enums(family: Family) -> EnumTable {
    match family {
        Family::Devcenter => DEVCENTER_ENUMS,
        Family::Win32 => WIN32_ENUMS,
        Family::Ingestion => INGESTION_ENUMS,
        Family::Token => &[],
    }
}

/// The manifest name of a family's model: devcenter names as they are, win32 and ingestion names with
/// their family as a prefix (`Win32Package`), so names are unique across families.
pub fn model_name(family: Family, rust_name: &str) -> String {
    match family {
        Family::Win32 => format!("Win32{rust_name}"),
        Family::Ingestion => format!("Ingestion{rust_name}"),
        _ => rust_name.to_string(),
    }
}

/// What a route table model column holds: the wrapper around the model and the model's Rust name.
/// `PagedList<Application>` → `("page", "Application")`, `Envelope<PollingData>` → `("envelope", …)`,
/// `Page<Product>` → `("odataPage", …)`, `Addon` → `(None, "Addon")`.
pub fn split_wrapper(column: &str) -> (Option<&'static str>, &str) {
    for (wrapper, name) in [("PagedList<", "page"), ("Page<", "odataPage"), ("Envelope<", "envelope")] {
        if let Some(inner) = column.strip_prefix(wrapper).and_then(|r| r.strip_suffix('>')) {
            return (Some(name), inner);
        }
    }
    (None, column)
}

/// The manifest name of a model named in the route table for an operation of `family`, when that
/// model exists.
pub fn resolve_model(family: Family, rust_name: &str) -> Option<String> {
    let rust_name = ALIASES.iter().find(|(f, a, _)| *f == family && *a == rust_name).map_or(rust_name, |a| a.2);
    family_models(family).iter().any(|m| m.name == rust_name).then(|| model_name(family, rust_name))
}

fn family_label(family: Family) -> &'static str {
    family.as_str()
}

fn doc_lines(doc: &str) -> String {
    doc.lines().map(str::trim).collect::<Vec<_>>().join("\n").trim_end().to_string()
}

/// Splits `A, B<C, D>` at top-level commas.
fn split_top_level(s: &str) -> Vec<&str> {
    let (mut depth, mut start, mut out) = (0i32, 0usize, Vec::new());
    for (i, c) in s.char_indices() {
        match c {
            '<' => depth += 1,
            '>' => depth -= 1,
            ',' if depth == 0 => {
                out.push(s[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(s[start..].trim());
    out
}

/// The language-neutral type of a model field's Rust type (see the module documentation); a type it
/// cannot resolve is `{"rust": "<type>"}` (the manifest tests fail on it).
pub fn field_type(family: Family, rust: &str) -> Value {
    let rust = rust.trim();
    if let Some(open) = rust.find('<') {
        let outer = rust[..open].rsplit("::").next().unwrap_or("");
        let inner = rust[open + 1..].strip_suffix('>').unwrap_or("");
        let args = split_top_level(inner);
        return match (outer, args.as_slice()) {
            ("Vec", [t]) => json!({"array": field_type(family, t)}),
            ("Option" | "Box" | "Nullable" | "Field", [t]) => field_type(family, t),
            ("BTreeMap" | "HashMap" | "Map", [_, v]) => json!({"map": field_type(family, v)}),
            ("PagedList", [t]) => json!({"page": field_type(family, t)}),
            _ => json!({"rust": rust}),
        };
    }
    let name = rust.rsplit("::").next().unwrap_or(rust);
    match name {
        "String" | "SasUrl" | "HiddenText" => return json!("string"),
        "bool" => return json!("boolean"),
        "i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64" | "usize" | "isize" => return json!("integer"),
        "f32" | "f64" | "Number" => return json!("number"),
        "StringOrNumber" => return json!("stringOrNumber"),
        "Value" => return json!("any"),
        "Extra" => return json!({"map": "any"}),
        _ => {}
    }
    if let Some(model) = resolve_model(family, name) {
        return json!({ "model": model });
    }
    if family_enums(family).iter().any(|(n, _)| *n == name) {
        return json!({ "enum": format!("model.{}.{name}", family_label(family)) });
    }
    json!({ "rust": rust })
}

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
        "family": family_label(family),
        "rustType": format!("{}::{}", family_label(family), m.name),
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
            all.insert(format!("model.{}.{name}", family_label(family)), json!(values));
        }
    }
    for (name, values) in flow_enums() {
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
        "workflows": crate::wire::WORKFLOWS,
        "calls": crate::wire::CALLS.iter().map(|c| json!({"name": c.name, "args": c.args, "doc": c.doc})).collect::<Vec<_>>(),
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
