//! Guessing a document's kind from its fields (the CLI's default when `--kind` is omitted).

use serde_json::Value;

use crate::model::kind::DocumentKind;

/// The most likely kind of `doc`, or `None` when no distinctive field is present. A win32 metadata
/// document is guessed as a full update (`Win32Metadata`); a PATCH body cannot be told apart.
pub fn guess_kind(doc: &Value) -> Option<DocumentKind> {
    let obj = doc.as_object()?;
    let has = |k: &str| obj.contains_key(k);
    let listings_have = |k: &str| {
        obj.get("listings").and_then(Value::as_object).is_some_and(|m| m.values().any(|l| l.get(k).is_some()))
    };
    if has("flightPackages") || has("flightId") {
        return Some(DocumentKind::FlightSubmission);
    }
    if has("applicationPackages")
        || has("applicationCategory")
        || has("trailers")
        || has("hardwarePreferences")
        || has("allowTargetFutureDeviceFamilies")
        || has("gamingOptions")
        || listings_have("baseListing")
    {
        return Some(DocumentKind::AppSubmission);
    }
    if has("contentType") || has("lifetime") || listings_have("icon") {
        return Some(DocumentKind::AddonSubmission);
    }
    if has("applicationIds") || has("productType") {
        return Some(DocumentKind::Addon);
    }
    if has("groupIds") || has("rankHigherThan") {
        return Some(DocumentKind::Flight);
    }
    if has("createAssetRequest") {
        return Some(DocumentKind::Win32AssetsCreate);
    }
    if has("listingAssets") {
        return Some(DocumentKind::Win32AssetsCommit);
    }
    if has("packages") {
        return Some(DocumentKind::Win32Packages);
    }
    if has("packageUrl") || has("architectures") || has("isSilentInstall") || has("packageType") {
        return Some(DocumentKind::Win32Package);
    }
    if has("availability")
        || has("properties")
        || has("listingsToAdd")
        || has("listingsToRemove")
        || obj.get("listings").is_some_and(|l| l.is_array() || l.get("language").is_some())
    {
        return Some(DocumentKind::Win32Metadata);
    }
    if has("packageDeliveryOptions") || has("targetPublishMode") || has("pricing") || has("visibility") {
        // Fields app, add-on and flight submissions share; the app submission is the common case.
        return Some(if has("pricing") || has("visibility") {
            DocumentKind::AppSubmission
        } else {
            DocumentKind::FlightSubmission
        });
    }
    None
}
