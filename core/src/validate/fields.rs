//! Unknown top-level fields of the devcenter submission resources (`manage-app-submissions.md`,
//! `manage-add-on-submissions.md`, `manage-flight-submissions.md`): a typo (`applicationPackges`) or a
//! field of another kind (`applicationPackages` in a flight submission) would otherwise be sent, ignored
//! by the Store and "publish" nothing. Each is a `field.unknown` warning with the closest known field
//! (edit distance, any letter case) as a "did you mean" suggestion. Unknown fields are still sent as
//! written (round-tripped): the warning does not block.

use serde_json::{Map, Value};

use super::check::{At, Ck};
use super::codes as c;
use crate::model::kind::DocumentKind;

/// Top-level fields of an app submission resource.
pub(crate) const APP_SUBMISSION: &[&str] = &[
    "id",
    "applicationCategory",
    "pricing",
    "visibility",
    "targetPublishMode",
    "targetPublishDate",
    "listings",
    "hardwarePreferences",
    "automaticBackupEnabled",
    "canInstallOnRemovableMedia",
    "isGameDvrEnabled",
    "gamingOptions",
    "hasExternalInAppProducts",
    "meetAccessibilityGuidelines",
    "notesForCertification",
    "status",
    "statusDetails",
    "fileUploadUrl",
    "applicationPackages",
    "packageDeliveryOptions",
    "enterpriseLicensing",
    "allowMicrosoftDecideAppAvailabilityToFutureDeviceFamilies",
    "allowTargetFutureDeviceFamilies",
    "friendlyName",
    "trailers",
    "isSeekEnabled",
];

/// Top-level fields of an add-on submission resource.
pub(crate) const ADDON_SUBMISSION: &[&str] = &[
    "id",
    "contentType",
    "keywords",
    "lifetime",
    "listings",
    "pricing",
    "targetPublishMode",
    "targetPublishDate",
    "tag",
    "visibility",
    "status",
    "statusDetails",
    "fileUploadUrl",
    "friendlyName",
];

/// Top-level fields of a flight submission resource.
pub(crate) const FLIGHT_SUBMISSION: &[&str] = &[
    "id",
    "flightId",
    "status",
    "statusDetails",
    "flightPackages",
    "packageDeliveryOptions",
    "fileUploadUrl",
    "targetPublishMode",
    "targetPublishDate",
    "notesForCertification",
    "friendlyName",
];

/// The known top-level fields of `kind` (`None`: not checked).
fn known(kind: DocumentKind) -> Option<&'static [&'static str]> {
    match kind {
        DocumentKind::AppSubmission => Some(APP_SUBMISSION),
        DocumentKind::AddonSubmission => Some(ADDON_SUBMISSION),
        DocumentKind::FlightSubmission => Some(FLIGHT_SUBMISSION),
        _ => None,
    }
}

/// Levenshtein distance over lower-cased characters.
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.to_lowercase().chars().collect();
    let b: Vec<char> = b.to_lowercase().chars().collect();
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
pub(crate) fn suggestion<'a>(key: &str, fields: &[&'a str]) -> Option<&'a str> {
    let close = fields
        .iter()
        .map(|f| (distance(key, f), *f))
        .filter(|(d, _)| *d <= (key.chars().count() / 3).max(2))
        .min_by_key(|(d, _)| *d)
        .map(|(_, f)| f);
    close.or_else(|| {
        let tail = |s: &str| s.rfind(|c: char| c.is_ascii_uppercase()).map(|i| s[i..].to_lowercase());
        let t = tail(key)?;
        fields.iter().copied().find(|f| tail(f).as_deref() == Some(t.as_str()))
    })
}

/// The kind (other than `kind`) whose resource has `key`, for the message.
fn owner(kind: DocumentKind, key: &str) -> Option<&'static str> {
    [
        (DocumentKind::AppSubmission, "an app submission"),
        (DocumentKind::AddonSubmission, "an add-on submission"),
        (DocumentKind::FlightSubmission, "a flight submission"),
    ]
    .into_iter()
    .find(|(k, _)| *k != kind && known(*k).is_some_and(|f| f.contains(&key)))
    .map(|(_, what)| what)
}

/// `field.unknown` for every top-level member of `obj` that `kind`'s resource does not have.
pub(crate) fn unknown_fields(ck: &mut Ck, kind: DocumentKind, obj: &Map<String, Value>) {
    let Some(fields) = known(kind) else { return };
    let root = At::root();
    for key in obj.keys().filter(|k| !fields.contains(&k.as_str())) {
        let at = root.key(key);
        let mut msg = format!("{key}: not a field of {}", kind.as_str());
        if let Some(other) = owner(kind, key) {
            msg.push_str(&format!(" (it belongs to {other})"));
        }
        match suggestion(key, fields) {
            Some(s) => msg.push_str(&format!("; did you mean `{s}`?")),
            None => msg.push_str("; the Store ignores it"),
        }
        ck.push(c::FIELD_UNKNOWN, &at, msg);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_for_typos_and_misplaced_fields() {
        assert_eq!(suggestion("applicationPackges", APP_SUBMISSION), Some("applicationPackages"));
        assert_eq!(suggestion("ApplicationPackages", APP_SUBMISSION), Some("applicationPackages"));
        assert_eq!(suggestion("applicationPackages", FLIGHT_SUBMISSION), Some("flightPackages"));
        assert_eq!(suggestion("zzz", FLIGHT_SUBMISSION), None);
        assert_eq!(distance("kitten", "sitting"), 3);
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
