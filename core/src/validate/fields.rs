//! Unknown fields at every depth of a document, from the typed models' field lists
//! (`crate::model::{devcenter, win32, ingestion}`, as the manifest describes them): a typo
//! (`applicationPackges`, `relaseNotes` in a base listing, `packageRolloutPercentag` in a rollout) or a
//! field of another kind (`applicationPackages` in a flight submission) would otherwise be sent, ignored
//! by the Store and "publish" nothing. Each is a `field.unknown` warning with the closest known field
//! (edit distance, any letter case) as a "did you mean" suggestion. Unknown fields are still sent as
//! written (round-tripped): the warning does not block.
//!
//! The walk follows each field's declared type: a model is checked key by key, an array's or a map's
//! values are walked with their item type (map keys are data: languages, markets, platforms, and have
//! rules of their own), free-form values (`Value`, `Extra`) are not walked.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde_json::{Map, Value};

use super::check::{At, Ck};
use super::codes as c;
use crate::api::Family;
use crate::model::catalogue::{family_models, field_type, model_name};
use crate::model::kind::DocumentKind;

/// What a field holds, as far as the walk is concerned.
#[derive(Debug)]
enum Child {
    /// A scalar or free-form value: not walked.
    Leaf,
    /// A model (index into [`Tree::nodes`]).
    Model(usize),
    /// An array of items.
    Array(Box<Child>),
    /// A map with string keys (data) and values of one type.
    Map(Box<Child>),
}

/// One model: its manifest name and its fields' JSON keys with what each holds.
#[derive(Debug)]
struct Node {
    name: String,
    fields: Vec<(String, Child)>,
}

/// Every model of every family, built once from the model schemas (no allocation per document).
#[derive(Debug)]
struct Tree {
    nodes: Vec<Node>,
    index: HashMap<String, usize>,
}

impl Tree {
    fn get() -> &'static Tree {
        static TREE: OnceLock<Tree> = OnceLock::new();
        TREE.get_or_init(Tree::build)
    }

    fn build() -> Tree {
        let families = [Family::Devcenter, Family::Win32, Family::Ingestion];
        let mut index = HashMap::new();
        for family in families {
            for m in family_models(family) {
                let n = index.len();
                index.entry(model_name(family, m.name)).or_insert(n);
            }
        }
        let mut nodes = Vec::with_capacity(index.len());
        for family in families {
            for m in family_models(family) {
                let fields =
                    m.fields.iter().map(|f| (f.wire_name(), child(&field_type(family, f.rust_type), &index))).collect();
                nodes.push(Node { name: model_name(family, m.name), fields });
            }
        }
        Tree { nodes, index }
    }

    fn node(&self, manifest_name: &str) -> Option<usize> {
        self.index.get(manifest_name).copied()
    }
}

fn child(ty: &Value, index: &HashMap<String, usize>) -> Child {
    let Some(t) = ty.as_object() else { return Child::Leaf };
    if let Some(name) = t.get("model").and_then(Value::as_str) {
        return index.get(name).map_or(Child::Leaf, |i| Child::Model(*i));
    }
    if let Some(item) = t.get("array") {
        return Child::Array(Box::new(child(item, index)));
    }
    match t.get("map") {
        Some(item) => Child::Map(Box::new(child(item, index))),
        None => Child::Leaf,
    }
}

/// The model a document kind is an instance of (manifest name).
fn root_model(kind: DocumentKind) -> &'static str {
    match kind {
        DocumentKind::AppSubmission => "AppSubmission",
        DocumentKind::AddonSubmission => "AddonSubmission",
        DocumentKind::FlightSubmission => "FlightSubmission",
        DocumentKind::Addon => "AddonCreate",
        DocumentKind::Flight => "FlightCreate",
        DocumentKind::Win32Metadata | DocumentKind::Win32MetadataPatch => "Win32MetadataUpdate",
        DocumentKind::Win32Packages => "Win32PackageList",
        DocumentKind::Win32Package => "Win32Package",
        DocumentKind::Win32AssetsCreate => "Win32CreateAssetsRequest",
        DocumentKind::Win32AssetsCommit => "Win32CommitAssetsRequest",
    }
}

/// Top-level fields a kind's document may carry beyond its model's: read-only fields of the resource a
/// GET answers, which the kind's rules report as `field.read_only` (the draft metadata's
/// `listingLanguages`).
fn also_known(kind: DocumentKind) -> &'static [&'static str] {
    match kind {
        DocumentKind::Win32Metadata | DocumentKind::Win32MetadataPatch => &["listingLanguages"],
        _ => &[],
    }
}

/// Models whose unknown keys a rule of their own reports (`createAssetRequest`: `assets.create.type_unknown`).
const CHECKED_ELSEWHERE: &[&str] = &["Win32AssetCounts"];

/// The known fields of a model (manifest name).
#[cfg(test)]
pub(crate) fn model_fields(manifest_name: &str) -> Vec<&'static str> {
    let tree = Tree::get();
    tree.node(manifest_name).map(|i| tree.nodes[i].fields.iter().map(|(k, _)| k.as_str()).collect()).unwrap_or_default()
}

/// Levenshtein distance between lower-cased character lists.
fn distance(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb)).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The field of `fields` a user most probably meant by `key`: the closest within a third of its length
/// (at least 2 edits), or one sharing its last word (`applicationPackages` → `flightPackages`).
///
/// Only fields whose length is within that many edits of the key's are compared (the difference of the
/// lengths is a lower bound of the distance), so a key of megabytes costs one pass, not one per field.
pub(crate) fn suggestion<'a>(key: &str, fields: &[&'a str]) -> Option<&'a str> {
    let lower = |s: &str| s.to_lowercase().chars().collect::<Vec<char>>();
    let n = key.chars().count();
    let most = (n / 3).max(2);
    let longest = fields.iter().map(|f| f.chars().count()).max().unwrap_or(0);
    let close = if n > longest + most {
        None
    } else {
        let k = lower(key);
        fields
            .iter()
            .filter(|f| f.chars().count().abs_diff(n) <= most)
            .map(|f| (distance(&k, &lower(f)), *f))
            .filter(|(d, _)| *d <= most)
            .min_by_key(|(d, _)| *d)
            .map(|(_, f)| f)
    };
    close.or_else(|| {
        let tail = |s: &str| s.rfind(|c: char| c.is_ascii_uppercase()).map(|i| s[i..].to_lowercase());
        let t = tail(key)?;
        fields.iter().copied().find(|f| tail(f).as_deref() == Some(t.as_str()))
    })
}

/// The kind (other than `kind`) whose resource has `key` at the top, for the message.
fn owner(kind: DocumentKind, key: &str) -> Option<&'static str> {
    let tree = Tree::get();
    [
        (DocumentKind::AppSubmission, "an app submission"),
        (DocumentKind::AddonSubmission, "an add-on submission"),
        (DocumentKind::FlightSubmission, "a flight submission"),
    ]
    .into_iter()
    .filter(|(k, _)| *k != kind)
    .find(|(k, _)| tree.node(root_model(*k)).is_some_and(|i| tree.nodes[i].fields.iter().any(|(f, _)| f == key)))
    .map(|(_, what)| what)
}

/// `field.unknown` for every member of `doc`, at any depth the models describe, that `kind`'s models do
/// not have.
pub(crate) fn unknown_fields(ck: &mut Ck, kind: DocumentKind, doc: &Value) {
    let tree = Tree::get();
    let Some(root) = tree.node(root_model(kind)) else { return };
    let Some(obj) = doc.as_object() else { return };
    let at = At::root();
    for (key, v) in obj {
        match tree.nodes[root].fields.iter().find(|(f, _)| f == key) {
            Some((_, child)) => walk_child(ck, tree, child, v, &at.key(key)),
            None if also_known(kind).contains(&key.as_str()) => {}
            None => {
                let fields: Vec<&str> = tree.nodes[root].fields.iter().map(|(f, _)| f.as_str()).collect();
                let mut msg = format!("{key}: not a field of {}", kind.as_str());
                if let Some(other) = owner(kind, key) {
                    msg.push_str(&format!(" (it belongs to {other})"));
                }
                push_unknown(ck, &at.key(key), msg, key, &fields);
            }
        }
    }
}

/// `field.unknown` for the members of `v` that the model `manifest_name` does not have, at any depth
/// (the ingestion changes' free-form objects are checked against their resource this way).
pub(crate) fn unknown_in_model(ck: &mut Ck, manifest_name: &str, obj: &Map<String, Value>, at: &At) {
    let tree = Tree::get();
    if let Some(i) = tree.node(manifest_name) {
        walk_object(ck, tree, i, obj, at);
    }
}

fn push_unknown(ck: &mut Ck, at: &At, mut msg: String, key: &str, fields: &[&str]) {
    match suggestion(key, fields) {
        Some(s) => msg.push_str(&format!("; did you mean `{s}`?")),
        None => msg.push_str("; the Store ignores it"),
    }
    ck.push(c::FIELD_UNKNOWN, at, msg);
}

fn walk_model(ck: &mut Ck, tree: &Tree, node: usize, v: &Value, at: &At) {
    match v {
        Value::Object(obj) => walk_object(ck, tree, node, obj, at),
        // A model given as an array (win32 `listings`: one listing or an array of them).
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                if let Value::Object(obj) = item {
                    walk_object(ck, tree, node, obj, &at.idx(i));
                }
            }
        }
        _ => {}
    }
}

fn walk_object(ck: &mut Ck, tree: &Tree, node: usize, obj: &Map<String, Value>, at: &At) {
    let n = &tree.nodes[node];
    let check = !CHECKED_ELSEWHERE.contains(&n.name.as_str());
    for (key, v) in obj {
        match n.fields.iter().find(|(f, _)| f == key) {
            Some((_, child)) => walk_child(ck, tree, child, v, &at.key(key)),
            None if check => {
                let a = at.key(key);
                let shown =
                    n.name.strip_prefix("Win32").or_else(|| n.name.strip_prefix("Ingestion")).unwrap_or(&n.name);
                let fields: Vec<&str> = n.fields.iter().map(|(f, _)| f.as_str()).collect();
                push_unknown(ck, &a, format!("{}: not a field of {shown}", a.label()), key, &fields);
            }
            None => {}
        }
    }
}

fn walk_child(ck: &mut Ck, tree: &Tree, child: &Child, v: &Value, at: &At) {
    match (child, v) {
        (Child::Leaf, _) => {}
        (Child::Model(i), _) => walk_model(ck, tree, *i, v, at),
        (Child::Array(item), Value::Array(items)) => {
            for (i, x) in items.iter().enumerate() {
                walk_child(ck, tree, item, x, &at.idx(i));
            }
        }
        (Child::Map(item), Value::Object(entries)) => {
            for (k, x) in entries {
                walk_child(ck, tree, item, x, &at.named(k, k));
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn top(kind: DocumentKind) -> Vec<&'static str> {
        model_fields(root_model(kind))
    }

    #[test]
    fn suggestions_for_typos_and_misplaced_fields() {
        let app = top(DocumentKind::AppSubmission);
        let flight = top(DocumentKind::FlightSubmission);
        assert_eq!(suggestion("applicationPackges", &app), Some("applicationPackages"));
        assert_eq!(suggestion("ApplicationPackages", &app), Some("applicationPackages"));
        assert_eq!(suggestion("applicationPackages", &flight), Some("flightPackages"));
        assert_eq!(suggestion("zzz", &flight), None);
        let chars = |s: &str| s.chars().collect::<Vec<char>>();
        assert_eq!(distance(&chars("kitten"), &chars("sitting")), 3);
        for kind in DocumentKind::ALL {
            assert!(!top(*kind).is_empty(), "{kind} has a model");
        }
    }

    #[test]
    fn validate_warns_about_unknown_top_level_fields() {
        let doc = serde_json::json!({"applicationPackages": [{"fileName": "a.msix", "fileStatus": "PendingUpload"}]});
        let issues = crate::validate::validate(DocumentKind::FlightSubmission, &doc).issues;
        let i = issues.iter().find(|i| i.code == "field.unknown").expect("a field.unknown issue");
        assert_eq!(i.path, "/applicationPackages");
        assert!(!i.is_error());
        assert!(i.message.contains("did you mean `flightPackages`") && i.message.contains("app submission"), "{i}");
        let doc = serde_json::json!({"applicationPackges": []});
        let issues = crate::validate::validate(DocumentKind::AppSubmission, &doc).issues;
        assert!(issues.iter().any(|i| i.code == "field.unknown" && i.message.contains("`applicationPackages`")));
        let ok = serde_json::json!({"applicationPackages": [], "listings": {}});
        assert!(!crate::validate::validate(DocumentKind::AppSubmission, &ok)
            .issues
            .iter()
            .any(|i| i.code == "field.unknown"));
    }

    /// Issue 25: typos nested inside objects were sent silently (only top-level fields were checked).
    #[test]
    fn typos_at_every_depth_are_warned_with_a_suggestion() {
        let doc = serde_json::json!({
            "listings": {"en-us": {"baseListing": {"relaseNotes": "x", "titel": "T"},
                                   "platformOverrides": {"Windows81": {"descripton": "d"}}}},
            "packageDeliveryOptions": {"packageRollout": {"packageRolloutPercentag": 10}},
            "trailers": [{"videoFileName": "t.mp4", "trailerAssets": {"en-us": {"title": "t", "imageList": [{"fileName": "a.png", "descripton": "x"}]}}}],
        });
        let issues = crate::validate::validate(DocumentKind::AppSubmission, &doc).issues;
        let unknown = |path: &str, want: &str| {
            let i = issues
                .iter()
                .find(|i| i.code == "field.unknown" && i.path == path)
                .unwrap_or_else(|| panic!("{path}: {issues:#?}"));
            assert!(i.message.contains(&format!("did you mean `{want}`")), "{i}");
        };
        unknown("/listings/en-us/baseListing/relaseNotes", "releaseNotes");
        unknown("/listings/en-us/baseListing/titel", "title");
        unknown("/listings/en-us/platformOverrides/Windows81/descripton", "description");
        unknown("/packageDeliveryOptions/packageRollout/packageRolloutPercentag", "packageRolloutPercentage");
        unknown("/trailers/0/trailerAssets/en-us/imageList/0/descripton", "description");
        let win32 = serde_json::json!({"listings": [{"language": "en-us", "descriptin": "d"}], "properties": {"webiste": "https://a.b"}});
        let issues = crate::validate::validate(DocumentKind::Win32MetadataPatch, &win32).issues;
        assert!(
            issues.iter().any(|i| i.path == "/listings/0/descriptin" && i.message.contains("`description`")),
            "{issues:#?}"
        );
        assert!(
            issues.iter().any(|i| i.path == "/properties/webiste" && i.message.contains("`website`")),
            "{issues:#?}"
        );
    }

    /// Issue 25: a misspelt applicationCategory got no suggestion; enum values everywhere get one.
    #[test]
    fn misspelt_categories_and_enum_values_get_a_suggestion() {
        let doc = serde_json::json!({"applicationCategory": "Productivty", "visibility": "Pubic",
            "pricing": {"trialPeriod": "SevenDay"}});
        let issues = crate::validate::validate(DocumentKind::AppSubmission, &doc).issues;
        let msg = |code: &str| issues.iter().find(|i| i.code == code).map(|i| i.message.clone()).unwrap_or_default();
        assert!(msg("app.application_category.unrecognized").contains("did you mean `Productivity`"), "{issues:#?}");
        assert!(msg("submission.visibility.invalid").contains("did you mean `Public`"), "{issues:#?}");
        assert!(msg("pricing.trial_period.invalid").contains("did you mean `SevenDays`"), "{issues:#?}");
        let sub = serde_json::json!({"applicationCategory": "Business_CMR"});
        let issues = crate::validate::validate(DocumentKind::AppSubmission, &sub).issues;
        assert!(issues[0].message.contains("did you mean `Business_CRM`"), "{issues:#?}");
        let win32 = serde_json::json!({"properties": {"category": "Productiviti", "subcategory": "x"}});
        let issues = crate::validate::validate(DocumentKind::Win32MetadataPatch, &win32).issues;
        assert!(issues.iter().any(|i| i.message.contains("did you mean `Productivity`")), "{issues:#?}");
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn an_empty_package_is_an_error() {
        let dir = std::env::temp_dir().join(format!("storesubmit-empty-pkg-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("app.msix"), b"").unwrap();
        let set = crate::validate::FileSet::from_dir(&dir).unwrap();
        let doc = serde_json::json!({"applicationPackages": [{"fileName": "app.msix", "fileStatus": "PendingUpload"}]});
        let issues = crate::validate::cross_check_files(DocumentKind::AppSubmission, &doc, &set);
        assert!(
            issues
                .iter()
                .any(|i| i.code == "files.empty" && i.is_error() && i.path == "/applicationPackages/0/fileName"),
            "{issues:?}"
        );
        let e = crate::package::PackagePlan::from_submission(DocumentKind::AppSubmission, &doc, &dir).unwrap_err();
        assert!(e.issues().iter().any(|i| i.code == "files.empty"), "{e}");
        std::fs::remove_dir_all(&dir).ok();
    }
}
