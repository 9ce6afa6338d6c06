//! The user's "submission spec": the changes a publishing workflow applies to the submission it fetched.
//!
//! The spec's `changes` is a partial submission document written like the Store's own JSON (the same file
//! `storesubmit validate` checks and `storesubmit pack` packages). It is applied to the fetched submission
//! as a `serde_json::Value` (GET-modify-PUT), so fields storesubmit does not know are never lost:
//!
//! - `applicationPackages` / `flightPackages`: each named package is added (`fileStatus: PendingUpload`
//!   unless given) or replaces the package of the same `fileName`; the packages already in the submission
//!   are marked `PendingDelete` or kept, as [`OldPackages`] says. `minimumDirectXVersion` and
//!   `minimumSystemRam`, which the Store requires in an update but ignores unless the app targets
//!   Windows 8.x, default to `None`.
//! - `listings.{lang}`: merged per language; `images` given for a listing replace the old ones (old
//!   images are marked `PendingDelete`, new ones `PendingUpload`); an add-on listing's `icon` is replaced.
//! - `trailers`: replaced (trailers without an `id` are new and uploaded).
//! - every other field (pricing, gamingOptions, packageDeliveryOptions, allowTargetFutureDeviceFamilies…):
//!   objects merged recursively, other values replaced.
//! - [`SubmissionSpec::rollout_percentage`] and [`SubmissionSpec::mandatory_update`] are written into
//!   `packageDeliveryOptions` (a gradual rollout percentage is never dropped).
//!
//! Read-only fields are removed before the PUT.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::json::merge;
use crate::model::files::PENDING_UPLOAD;
use crate::model::{strip_read_only, DocumentKind};

/// What happens to the packages already in the submission. JSON: `"replace"` or `"keep"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum OldPackages {
    /// Packages the spec does not name are marked `PendingDelete` (the default when the spec names packages).
    #[default]
    Replace,
    /// Packages the spec does not name stay.
    Keep,
}

/// What to do when the app (add-on, flight) already has a pending submission. JSON: `"fail"`, `"reuse"`
/// or `"recreate"`; default `"reuse"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum PendingPolicy {
    /// Fail with `conflict`.
    Fail,
    /// Apply the changes to the pending submission (the default).
    #[default]
    Reuse,
    /// Delete it and create a new one.
    Recreate,
}

/// The changes to apply to a fetched submission. JSON: `{changes, oldPackages, rolloutPercentage,
/// mandatoryUpdate, mandatoryUpdateEffectiveDate}`, every key optional, an unknown key refused; read it
/// with [`crate::json::decode`] for errors naming the field.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SubmissionSpec {
    /// A partial submission document (see the module documentation). Default: `null` (no changes).
    #[serde(default)]
    pub changes: Value,
    /// What happens to packages already in the submission: `"replace"` or `"keep"`. Default `"replace"`.
    #[serde(default)]
    pub old_packages: OldPackages,
    /// A gradual rollout percentage (0–100) for the new packages. Default: none (no gradual rollout).
    #[serde(default, deserialize_with = "rollout_percentage", skip_serializing_if = "Option::is_none")]
    pub rollout_percentage: Option<f64>,
    /// Make the update mandatory. Default: none (the submission's setting is kept).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mandatory_update: Option<bool>,
    /// When a mandatory update takes effect (ISO 8601). Default: none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mandatory_update_effective_date: Option<String>,
}

/// Reads `rolloutPercentage`, refusing a value outside the documented range.
fn rollout_percentage<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    use crate::data::limits::{ROLLOUT_PERCENTAGE_MAX, ROLLOUT_PERCENTAGE_MIN};
    let p = Option::<f64>::deserialize(d)?;
    match p {
        Some(p) if !(p.is_finite() && (ROLLOUT_PERCENTAGE_MIN..=ROLLOUT_PERCENTAGE_MAX).contains(&p)) => {
            Err(serde::de::Error::custom(format!(
                "must be a number from {ROLLOUT_PERCENTAGE_MIN} to {ROLLOUT_PERCENTAGE_MAX}, got {p}"
            )))
        }
        p => Ok(p),
    }
}

impl SubmissionSpec {
    /// A spec from a partial submission document.
    pub fn from_changes(changes: Value) -> Self {
        SubmissionSpec { changes, ..SubmissionSpec::default() }
    }

    /// The spec applied to an empty submission: the files it names with the status a publish gives them
    /// (new packages, images and icons `PendingUpload`). What pre-flight checks, `pack` and `--dry-run`
    /// look at before anything is fetched.
    pub fn standalone_document(&self, kind: DocumentKind) -> Value {
        apply(kind, &Value::Object(Map::new()), self)
    }
}

/// Read-only fields of devcenter submissions, never sent back on update.
pub const READ_ONLY_SUBMISSION_FIELDS: &[&str] = &[
    "/id",
    "/status",
    "/statusDetails",
    "/fileUploadUrl",
    "/packageDeliveryOptions/packageRollout/packageRolloutStatus",
    "/packageDeliveryOptions/packageRollout/fallbackSubmissionId",
];

fn set_status(item: &mut Value, status: &str) {
    if let Value::Object(m) = item {
        m.insert("fileStatus".into(), Value::String(status.into()));
    }
}

/// Fields the Store requires in every package of an update (ignored unless the app targets Windows 8.x:
/// `reference/docs/methods/manage-app-submissions.md`), with the value to send when the spec leaves them out.
const PACKAGE_DEFAULTS: &[(&str, &str)] = &[("minimumDirectXVersion", "None"), ("minimumSystemRam", "None")];

fn default_package(item: Value) -> Value {
    let mut item = default_pending(item);
    if let Value::Object(m) = &mut item {
        for (k, v) in PACKAGE_DEFAULTS {
            m.entry(*k).or_insert_with(|| Value::String((*v).into()));
        }
    }
    item
}

fn default_pending(mut item: Value) -> Value {
    if let Value::Object(m) = &mut item {
        m.entry("fileStatus").or_insert_with(|| Value::String(PENDING_UPLOAD.into()));
    }
    item
}

fn apply_packages(doc: &mut Map<String, Value>, key: &str, new: &Value, old: OldPackages) {
    let Some(new_items) = new.as_array() else { return };
    let mut items: Vec<Value> = doc.get(key).and_then(Value::as_array).cloned().unwrap_or_default();
    let named: Vec<&str> = new_items.iter().filter_map(|p| p.get("fileName").and_then(Value::as_str)).collect();
    if old == OldPackages::Replace {
        for item in items.iter_mut() {
            let name = item.get("fileName").and_then(Value::as_str).unwrap_or("");
            if !named.contains(&name) {
                set_status(item, "PendingDelete");
            }
        }
    }
    for p in new_items {
        let item = default_package(p.clone());
        let name = p.get("fileName").and_then(Value::as_str);
        match items.iter_mut().find(|i| name.is_some() && i.get("fileName").and_then(Value::as_str) == name) {
            Some(slot) => *slot = item,
            None => items.push(item),
        }
    }
    doc.insert(key.to_string(), Value::Array(items));
}

fn apply_listing_section(dst: &mut Value, src: &Value) {
    // `images` replace: old ones PendingDelete (kept in the array so the Store deletes them), new ones added.
    let Value::Object(src_map) = src else { return };
    if !dst.is_object() {
        *dst = Value::Object(Map::new());
    }
    for (k, v) in src_map {
        if k == "images" {
            let mut items: Vec<Value> = dst.get("images").and_then(Value::as_array).cloned().unwrap_or_default();
            for item in items.iter_mut() {
                set_status(item, "PendingDelete");
            }
            items.extend(v.as_array().into_iter().flatten().cloned().map(default_pending));
            dst["images"] = Value::Array(items);
        } else if k == "icon" {
            dst["icon"] = default_pending(v.clone());
        } else if k == "platformOverrides" {
            if let Value::Object(po) = v {
                for (platform, section) in po {
                    let slot = &mut dst["platformOverrides"];
                    if !slot.is_object() {
                        *slot = Value::Object(Map::new());
                    }
                    apply_listing_section(&mut slot[platform.as_str()], section);
                }
            }
        } else if k == "baseListing" {
            apply_listing_section(&mut dst["baseListing"], v);
        } else {
            match dst.get_mut(k) {
                Some(existing) if existing.is_object() && v.is_object() => merge(existing, v),
                _ => dst[k.as_str()] = v.clone(),
            }
        }
    }
}

/// Applies a spec to a fetched submission of the given kind and returns the body to PUT (read-only
/// fields removed). The fetched document keeps every field the spec does not touch.
///
/// Both sides are read with the documented spelling of each field (the Store binds names
/// case-insensitively: `ApplicationPackages` in the changes replaces `applicationPackages`).
pub fn apply(kind: DocumentKind, fetched: &Value, spec: &SubmissionSpec) -> Value {
    let mut doc = fetched.clone();
    if !doc.is_object() {
        doc = Value::Object(Map::new());
    }
    crate::model::canonicalize_case(kind, &mut doc);
    let mut changes = spec.changes.clone();
    crate::model::canonicalize_case(kind, &mut changes);
    if let (Value::Object(d), Value::Object(changes)) = (&mut doc, &changes) {
        for (k, v) in changes {
            match k.as_str() {
                "applicationPackages" if kind == DocumentKind::AppSubmission => {
                    apply_packages(d, k, v, spec.old_packages)
                }
                "flightPackages" if kind == DocumentKind::FlightSubmission => {
                    apply_packages(d, k, v, spec.old_packages)
                }
                "listings" => {
                    let listings = d.entry("listings").or_insert_with(|| Value::Object(Map::new()));
                    if !listings.is_object() {
                        *listings = Value::Object(Map::new());
                    }
                    if let Value::Object(langs) = v {
                        for (lang, listing) in langs {
                            apply_listing_section(&mut listings[lang.as_str()], listing);
                        }
                    }
                }
                "trailers" => {
                    d.insert(k.clone(), v.clone());
                }
                _ => match d.get_mut(k) {
                    Some(existing) if existing.is_object() && v.is_object() => merge(existing, v),
                    _ => {
                        d.insert(k.clone(), v.clone());
                    }
                },
            }
        }
    }
    if spec.rollout_percentage.is_some() || spec.mandatory_update.is_some() {
        let pdo = &mut doc["packageDeliveryOptions"];
        if !pdo.is_object() {
            *pdo = Value::Object(Map::new());
        }
        if let Some(p) = spec.rollout_percentage {
            let pr = &mut pdo["packageRollout"];
            if !pr.is_object() {
                *pr = Value::Object(Map::new());
            }
            pr["isPackageRollout"] = Value::Bool(true);
            pr["packageRolloutPercentage"] = serde_json::json!(p);
        }
        if let Some(m) = spec.mandatory_update {
            pdo["isMandatoryUpdate"] = Value::Bool(m);
            if let Some(date) = &spec.mandatory_update_effective_date {
                pdo["mandatoryUpdateEffectiveDate"] = Value::String(date.clone());
            }
        }
    }
    strip_read_only(&mut doc, READ_ONLY_SUBMISSION_FIELDS);
    doc
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn packages_listings_rollout_and_unknown_fields() {
        let fetched = json!({
            "id": "1", "status": "PendingCommit", "fileUploadUrl": "https://b/c?sig=x", "futureField": {"a": 1},
            "applicationPackages": [{"fileName": "old.msix", "fileStatus": "Uploaded", "id": "p1"}],
            "listings": {"en-us": {"baseListing": {"description": "old", "title": "T",
                "images": [{"fileName": "s1.png", "fileStatus": "Uploaded", "imageType": "Screenshot"}]}}},
            "packageDeliveryOptions": {"packageRollout": {"isPackageRollout": false, "packageRolloutStatus": "x", "fallbackSubmissionId": "0"}}
        });
        let spec = SubmissionSpec {
            changes: json!({
                "applicationPackages": [{"fileName": "new.msix"}],
                "listings": {"en-us": {"baseListing": {"description": "new",
                    "images": [{"fileName": "s2.png", "imageType": "Screenshot"}]}}},
                "pricing": {"priceId": "Free"}
            }),
            rollout_percentage: Some(25.0),
            mandatory_update: Some(true),
            ..Default::default()
        };
        let out = apply(DocumentKind::AppSubmission, &fetched, &spec);
        assert_eq!(out["futureField"], json!({"a": 1}));
        assert!(out.get("id").is_none() && out.get("status").is_none() && out.get("fileUploadUrl").is_none());
        assert_eq!(out["applicationPackages"][0]["fileStatus"], "PendingDelete");
        assert_eq!(
            out["applicationPackages"][1],
            json!({"fileName": "new.msix", "fileStatus": "PendingUpload", "minimumDirectXVersion": "None", "minimumSystemRam": "None"})
        );
        let base = &out["listings"]["en-us"]["baseListing"];
        assert_eq!(base["description"], "new");
        assert_eq!(base["title"], "T");
        assert_eq!(base["images"][0]["fileStatus"], "PendingDelete");
        assert_eq!(base["images"][1]["fileStatus"], "PendingUpload");
        let pr = &out["packageDeliveryOptions"]["packageRollout"];
        assert_eq!(pr["packageRolloutPercentage"], json!(25.0));
        assert_eq!(pr["isPackageRollout"], true);
        assert!(pr.get("packageRolloutStatus").is_none() && pr.get("fallbackSubmissionId").is_none());
        assert_eq!(out["packageDeliveryOptions"]["isMandatoryUpdate"], true);
        assert_eq!(out["pricing"]["priceId"], "Free");
    }

    #[test]
    fn keep_old_packages_and_replace_same_name() {
        let fetched = json!({"flightPackages": [{"fileName": "a.msix", "fileStatus": "Uploaded"}, {"fileName": "b.msix", "fileStatus": "Uploaded"}]});
        let spec = SubmissionSpec {
            changes: json!({"flightPackages": [{"fileName": "b.msix"}]}),
            old_packages: OldPackages::Keep,
            ..Default::default()
        };
        let out = apply(DocumentKind::FlightSubmission, &fetched, &spec);
        assert_eq!(out["flightPackages"][0]["fileStatus"], "Uploaded");
        assert_eq!(out["flightPackages"][1]["fileStatus"], "PendingUpload");
        assert_eq!(out["flightPackages"].as_array().unwrap().len(), 2);
    }
}
