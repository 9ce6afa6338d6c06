//! Offline checks of an ingestion offer-changes document (what `storesubmit ingestion publish --changes`
//! reads: `crate::flow::ingestion::OfferChanges`): its own structure, and the free-form objects it
//! merges into the offer's resources — a listing's `set` (the `Listing` resource), an image's or video's
//! `fields`, `property`, `availability`, a plan's `set` and `availability` — against the ingestion models
//! at every depth, with "did you mean" for typos (`descripton` in a listing's `set` would otherwise be
//! sent and ignored).

use serde_json::{Map, Value};

use super::check::{At, Ck};
use super::codes as c;
use super::fields::{suggestion, unknown_in_model};
use super::Report;

/// The keys of the offer-changes structure: `(object, its keys)`.
const TOP: &[&str] = &["listings", "property", "availability", "plans"];
const LISTING: &[&str] = &["languageCode", "set", "images", "videos"];
const MEDIA: &[&str] = &["file", "type", "fields"];
const PLAN: &[&str] = &["plan", "create", "set", "availability"];

fn structure(ck: &mut Ck, obj: &Map<String, Value>, at: &At, keys: &[&str], what: &str) {
    for k in obj.keys().filter(|k| !keys.contains(&k.as_str())) {
        let a = at.key(k);
        let hint = suggestion(k, keys).map(|s| format!("did you mean `{s}`?")).unwrap_or_else(|| {
            format!("it has {}", keys.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", "))
        });
        ck.push(
            c::INGESTION_CHANGES_FIELD_UNKNOWN,
            &a,
            format!("{}: not a key of {what}; publish refuses the document ({hint})", a.name()),
        );
    }
}

fn each_object<'v>(
    ck: &mut Ck,
    obj: &'v Map<String, Value>,
    at: &At,
    key: &str,
) -> Vec<(usize, &'v Map<String, Value>)> {
    let Some(items) = ck.array(obj, at, key, false) else { return Vec::new() };
    let at_k = at.key(key);
    items.iter().enumerate().filter_map(|(i, v)| ck.as_object(v, &at_k.idx(i)).map(|o| (i, o))).collect()
}

/// Whether `doc` looks like an offer-changes document rather than one of the [`crate::model::DocumentKind`]s:
/// its keys are among `listings`, `property`, `availability`, `plans`, and its listings (if any) are
/// listing changes (`languageCode`, `set`, `images`, `videos`), or it has `plans`.
pub fn looks_like_offer_changes(doc: &Value) -> bool {
    let Some(obj) = doc.as_object() else { return false };
    if obj.is_empty() || !obj.keys().all(|k| TOP.contains(&k.as_str())) {
        return false;
    }
    let listing_changes = obj.get("listings").and_then(Value::as_array).is_some_and(|items| {
        !items.is_empty()
            && items.iter().all(|l| l.as_object().is_some_and(|m| m.keys().any(|k| LISTING.contains(&k.as_str()))))
    });
    listing_changes || obj.contains_key("plans") || (!obj.contains_key("listings") && obj.contains_key("property"))
}

/// Checks an ingestion offer-changes document: `ingestion.changes.field_unknown` for a key its structure
/// does not have (publish would refuse it), `field.unknown` (with "did you mean") for a field of a merged
/// object that its resource does not have, `field.type` for a structure member of the wrong type, and the
/// text rules every document has (`field.placeholder`).
pub fn offer_changes(doc: &Value) -> Report {
    let mut ck = Ck::default();
    let root = At::root();
    let Some(obj) = ck.as_object(doc, &root) else { return Report { issues: ck.issues } };
    structure(&mut ck, obj, &root, TOP, "an offer-changes document");
    let listings = root.key("listings");
    for (i, l) in each_object(&mut ck, obj, &root, "listings") {
        let at = listings.idx(i);
        structure(&mut ck, l, &at, LISTING, "a listing change");
        ck.str(l, &at, "languageCode", false);
        if let Some(set) = ck.object(l, &at, "set", false) {
            unknown_in_model(&mut ck, "IngestionListing", set, &at.key("set"));
        }
        for (key, model) in [("images", "IngestionListingImage"), ("videos", "IngestionListingVideo")] {
            let at_k = at.key(key);
            for (j, m) in each_object(&mut ck, l, &at, key) {
                let at_m = at_k.idx(j);
                structure(&mut ck, m, &at_m, MEDIA, "an image or video to add");
                ck.text(m, &at_m, "file", true);
                ck.str(m, &at_m, "type", false);
                if let Some(f) = ck.object(m, &at_m, "fields", false) {
                    unknown_in_model(&mut ck, model, f, &at_m.key("fields"));
                }
            }
        }
    }
    for (key, model) in [("property", "IngestionProperty"), ("availability", "IngestionProductAvailability")] {
        if let Some(o) = ck.object(obj, &root, key, false) {
            unknown_in_model(&mut ck, model, o, &root.key(key));
        }
    }
    let plans = root.key("plans");
    for (i, p) in each_object(&mut ck, obj, &root, "plans") {
        let at = plans.idx(i);
        structure(&mut ck, p, &at, PLAN, "a plan change");
        ck.text(p, &at, "plan", true);
        for (key, model) in [
            ("create", "IngestionVariant"),
            ("set", "IngestionVariant"),
            ("availability", "IngestionFeatureAvailability"),
        ] {
            if let Some(o) = ck.object(p, &at, key, false) {
                unknown_in_model(&mut ck, model, o, &at.key(key));
            }
        }
    }
    super::text::placeholders(&mut ck, doc);
    Report { issues: ck.issues }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn typos_in_merged_objects_and_the_structure() {
        let doc = json!({
            "listings": [{"languageCode": "en-us", "set": {"descripton": "d", "title": "T"},
                          "images": [{"file": "a.png", "type": "AzureLogoLarge", "feilds": {}}]}],
            "propery": {},
            "availability": {"visibilty": "Public"},
        });
        let r = offer_changes(&doc);
        let find = |code: &str, path: &str| {
            r.issues
                .iter()
                .find(|i| i.code == code && i.path == path)
                .unwrap_or_else(|| panic!("{code} {path}: {:#?}", r.issues))
        };
        assert!(find("field.unknown", "/listings/0/set/descripton").message.contains("did you mean `description`"));
        assert!(find("ingestion.changes.field_unknown", "/listings/0/images/0/feilds").message.contains("`fields`"));
        assert!(find("ingestion.changes.field_unknown", "/propery").message.contains("`property`"));
        assert!(find("field.unknown", "/availability/visibilty").message.contains("`visibility`"));
        assert!(!r.is_valid());
        let ok = json!({"listings": [{"languageCode": "en-us", "set": {"description": "d", "summary": "s"},
                        "images": [{"file": "Images/logo.png", "type": "AzureLogoLarge"}]}]});
        assert!(offer_changes(&ok).issues.is_empty(), "{:?}", offer_changes(&ok).issues);
        assert!(looks_like_offer_changes(&ok) && looks_like_offer_changes(&json!({"plans": []})));
        assert!(!looks_like_offer_changes(&json!({"listings": [{"language": "en-us", "description": "d"}]})));
        assert!(!looks_like_offer_changes(&json!({"availability": {}})) && !looks_like_offer_changes(&json!({})));
        for m in [
            "IngestionListing",
            "IngestionListingImage",
            "IngestionListingVideo",
            "IngestionProperty",
            "IngestionProductAvailability",
            "IngestionVariant",
            "IngestionFeatureAvailability",
        ] {
            assert!(!super::super::fields::model_fields(m).is_empty(), "{m}");
        }
    }
}
