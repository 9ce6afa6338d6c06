//! Models of the classic Store submission API ([`crate::api::DEVCENTER_ROOT`]): apps, app
//! submissions, gradual rollout, add-ons (in-app products), add-on submissions, package flights and
//! flight submissions.
//!
//! # Round-trip exactness
//! A document read from the Store is re-serialised to the same JSON (modulo key order), so GET → modify
//! → PUT loses nothing:
//! - every documented field is a [`Nullable<T>`]: *absent* stays absent, an explicit `null` stays `null`
//!   (the Store sends `null` for `gamingOptions`/`trailers` on old submissions), a value stays a value;
//! - every struct keeps the fields it does not know in a flattened `extra` map ([`crate::model::Extra`]);
//! - numbers whose integer/float spelling matters (`packageRolloutPercentage`: `0` vs `0.0`) are kept as
//!   [`serde_json::Number`]; ids the Store sometimes sends as numbers are [`StringOrNumber`];
//! - every documented enum has an `Other(String)` fallback ([`crate::string_enum!`]).
//!
//! Do not put a documented field's key into `extra` yourself: it would be written twice.
//!
//! # Read-only fields
//! Each resource that is sent back has a `READ_ONLY` list of JSON pointers (server-assigned values such
//! as `id`, `status`, `statusDetails`, `fileUploadUrl`, `packageRolloutStatus`, `fallbackSubmissionId`).
//! The update builders in [`crate::api::devcenter`] strip them with [`crate::model::strip_read_only`].

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::kind::DocumentKind;

/// Declares a devcenter model: every field becomes a `Nullable<T>` that is skipped when absent, names are
/// camelCase on the wire, and unknown fields are kept in `extra`.
macro_rules! model {
    (
        $(#[$($meta:tt)*])*
        pub struct $name:ident {
            $( $(#[$($fmeta:tt)*])* $field:ident : $ty:ty ),* $(,)?
        }
    ) => {
        $(#[$($meta)*])*
        #[derive(Clone, Debug, Default, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
        #[serde(rename_all = "camelCase")]
        pub struct $name {
            $(
                $(#[$($fmeta)*])*
                #[serde(default, skip_serializing_if = "crate::model::devcenter::Nullable::is_absent")]
                pub $field: crate::model::devcenter::Nullable<$ty>,
            )*
            /// Fields this model does not know, kept verbatim and written back.
            #[serde(flatten)]
            pub extra: crate::model::Extra,
        }

        impl $name {
            /// The model's name, documentation and fields, for the manifest.
            pub const SCHEMA: crate::model::ModelSchema = crate::model::ModelSchema {
                name: stringify!($name),
                doc: crate::model::doc_text!($([$($meta)*])*),
                fields: &[$(crate::model::FieldSchema {
                    name: stringify!($field),
                    json: None,
                    rust_type: stringify!($ty),
                    doc: crate::model::doc_text!($([$($fmeta)*])*),
                },)*],
            };
        }
    };
}

mod addon;
mod app;
mod enums;
mod flight;

pub use addon::*;
pub use app::*;
pub use enums::*;
pub use flight::*;

// ---- Nullable ------------------------------------------------------------------------------------------

/// A JSON field that is either absent, explicitly `null`, or set. Keeping the difference is what makes a
/// GET → PUT round trip exact: an absent field is not written, a `null` is written as `null`.
///
/// Used with `#[serde(default, skip_serializing_if = "Nullable::is_absent")]` (the devcenter models do
/// this for every field).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub enum Nullable<T> {
    /// The key is not in the document.
    #[default]
    Absent,
    /// The key is present with the value `null`.
    Null,
    /// The key is present with a value.
    Value(T),
}

impl<T> Nullable<T> {
    /// Whether the key is absent (such a field is not serialised).
    pub fn is_absent(&self) -> bool {
        matches!(self, Nullable::Absent)
    }

    /// Whether the key is present with `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Nullable::Null)
    }

    /// Whether the key has a value.
    pub fn is_value(&self) -> bool {
        matches!(self, Nullable::Value(_))
    }

    /// The value, if set (`None` for absent and `null`).
    pub fn get(&self) -> Option<&T> {
        match self {
            Nullable::Value(v) => Some(v),
            _ => None,
        }
    }

    /// The value for modification, if set.
    pub fn get_mut(&mut self) -> Option<&mut T> {
        match self {
            Nullable::Value(v) => Some(v),
            _ => None,
        }
    }

    /// Sets the value.
    pub fn set(&mut self, value: T) {
        *self = Nullable::Value(value);
    }

    /// The value, inserting one made by `f` when absent or `null`.
    pub fn get_or_insert_with(&mut self, f: impl FnOnce() -> T) -> &mut T {
        if !self.is_value() {
            *self = Nullable::Value(f());
        }
        match self {
            Nullable::Value(v) => v,
            _ => unreachable!("just set to a value"),
        }
    }

    /// Takes the value out, leaving the field absent.
    pub fn take(&mut self) -> Option<T> {
        match std::mem::take(self) {
            Nullable::Value(v) => Some(v),
            _ => None,
        }
    }

    /// The value as an `Option` (absent and `null` both give `None`).
    pub fn into_option(self) -> Option<T> {
        match self {
            Nullable::Value(v) => Some(v),
            _ => None,
        }
    }

    /// `Value(v)` for `Some(v)`, `Absent` for `None`.
    pub fn from_option(value: Option<T>) -> Self {
        match value {
            Some(v) => Nullable::Value(v),
            None => Nullable::Absent,
        }
    }

    /// Borrows the value.
    pub fn as_ref(&self) -> Nullable<&T> {
        match self {
            Nullable::Absent => Nullable::Absent,
            Nullable::Null => Nullable::Null,
            Nullable::Value(v) => Nullable::Value(v),
        }
    }
}

impl<T: Default> Nullable<T> {
    /// The value, inserting `T::default()` when absent or `null`.
    pub fn get_or_insert_default(&mut self) -> &mut T {
        self.get_or_insert_with(T::default)
    }
}

impl Nullable<String> {
    /// The string value, if set.
    pub fn as_deref(&self) -> Option<&str> {
        self.get().map(String::as_str)
    }
}

impl<T> From<T> for Nullable<T> {
    fn from(value: T) -> Self {
        Nullable::Value(value)
    }
}

impl From<&str> for Nullable<String> {
    fn from(value: &str) -> Self {
        Nullable::Value(value.to_string())
    }
}

impl<T: Serialize> Serialize for Nullable<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            // Only reached when a field forgot `skip_serializing_if`; `null` is the closest spelling.
            Nullable::Absent | Nullable::Null => s.serialize_none(),
            Nullable::Value(v) => s.serialize_some(v),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Nullable<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // A missing key never reaches here (`#[serde(default)]` gives `Absent`).
        Ok(match Option::<T>::deserialize(d)? {
            Some(v) => Nullable::Value(v),
            None => Nullable::Null,
        })
    }
}

// ---- small value types ---------------------------------------------------------------------------------

/// A URL that may carry a SAS signature (`fileUploadUrl`, certification `reportUrl`). Serialises as the
/// plain string; `Debug` and `Display` redact the `sig` (and other secret query values).
#[derive(Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SasUrl(String);

impl SasUrl {
    /// Wraps a URL.
    pub fn new(url: impl Into<String>) -> Self {
        SasUrl(url.into())
    }

    /// The full URL, signature included — only for the one place that uploads to it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for SasUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", crate::secret::redact_url(&self.0))
    }
}

impl fmt::Display for SasUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::secret::redact_url(&self.0))
    }
}

/// An id the Store documents as a string but whose samples sometimes spell as a number (flight
/// `groupIds: [0]` in the create-a-flight request). Kept in its original spelling.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(untagged)]
pub enum StringOrNumber {
    /// `"1152921504606962205"`
    String(String),
    /// `0`
    Number(serde_json::Number),
}

impl fmt::Display for StringOrNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StringOrNumber::String(s) => f.write_str(s),
            StringOrNumber::Number(n) => write!(f, "{n}"),
        }
    }
}

impl From<&str> for StringOrNumber {
    fn from(s: &str) -> Self {
        StringOrNumber::String(s.to_string())
    }
}

impl From<String> for StringOrNumber {
    fn from(s: String) -> Self {
        StringOrNumber::String(s)
    }
}

// ---- shared resources ----------------------------------------------------------------------------------

/// A page of a devcenter collection: `{value, @nextLink, totalCount}` (get all apps, add-ons for an app,
/// flights for an app, all add-ons; also an add-on's `applications`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PagedList<T> {
    /// The items of this page.
    #[serde(default, skip_serializing_if = "Nullable::is_absent")]
    pub value: Nullable<Vec<T>>,
    /// Path of the next page relative to the API base ([`crate::api::devcenter::next_page`]; absent on
    /// the last page); turn it into a request with `api::devcenter::next_page`.
    #[serde(rename = "@nextLink", default, skip_serializing_if = "Nullable::is_absent")]
    pub next_link: Nullable<String>,
    /// The total number of items across all pages.
    #[serde(default, skip_serializing_if = "Nullable::is_absent")]
    pub total_count: Nullable<u64>,
    /// Fields this model does not know, kept verbatim and written back.
    #[serde(flatten)]
    pub extra: crate::model::Extra,
}

impl<T> Default for PagedList<T> {
    fn default() -> Self {
        PagedList {
            value: Nullable::Absent,
            next_link: Nullable::Absent,
            total_count: Nullable::Absent,
            extra: Default::default(),
        }
    }
}

impl<T> PagedList<T> {
    /// The items (empty when `value` is absent or `null`).
    pub fn items(&self) -> &[T] {
        self.value.get().map(Vec::as_slice).unwrap_or(&[])
    }

    /// The next page's relative link, when there is one (an empty link counts as none).
    pub fn next_link(&self) -> Option<&str> {
        self.next_link.as_deref().filter(|s| !s.trim().is_empty())
    }
}

model! {
    /// A reference to another resource: `{id, resourceLocation}` (the docs' "submission resource", e.g.
    /// `pendingApplicationSubmission`, and an add-on's application entries). `resourceLocation` is
    /// relative to the API base, like the next-page link of a list.
    pub struct ResourceRef {
        /// The id of the referenced resource.
        id: String,
        /// Relative path of the resource (e.g. `applications/9NBLGGH4R315/submissions/1152921504621243487`).
        resource_location: String,
    }
}

model! {
    /// Additional details about a submission's status: errors, warnings and certification reports.
    pub struct StatusDetails {
        /// Error details.
        errors: Vec<StatusDetail>,
        /// Warning details.
        warnings: Vec<StatusDetail>,
        /// Certification reports (useful when certification fails).
        certification_reports: Vec<CertificationReport>,
    }
}

model! {
    /// One error or warning about a submission.
    pub struct StatusDetail {
        /// The submission status code (`MissingFiles`, `InvalidParameterValue`, …).
        code: SubmissionStatusCode,
        /// A message with more details.
        details: String,
    }
}

model! {
    /// Access to a certification report.
    pub struct CertificationReport {
        /// When the report was generated (ISO 8601).
        date: String,
        /// Where the report can be read (may carry a SAS signature; redacted in `Debug`).
        report_url: SasUrl,
    }
}

model! {
    /// The status resource of a submission (`GET …/status`; also the body of a commit response,
    /// `{"status": "CommitStarted"}`).
    pub struct SubmissionStatusResource {
        /// The submission's status.
        status: SubmissionStatus,
        /// Details: errors, warnings, certification reports.
        status_details: StatusDetails,
    }
}

impl SubmissionStatusResource {
    /// The status, if the response carried one.
    pub fn status(&self) -> Option<&SubmissionStatus> {
        self.status.get()
    }
}

model! {
    /// Pricing of an app or add-on submission.
    pub struct Pricing {
        /// Trial period (apps only).
        trial_period: TrialPeriod,
        /// Market (ISO 3166-1 alpha-2) → price tier overrides of the base price.
        market_specific_pricings: std::collections::BTreeMap<String, String>,
        /// Deprecated sales; the Store returns `[]` and ignores it on PUT.
        sales: Vec<Sale>,
        /// Base price tier: `Base`, `NotAvailable`, `Free` or `Tier…` (see [`PRICE_TIER_KEYWORDS`]).
        price_id: String,
        /// Whether the account has the expanded tier set (read-only).
        is_advanced_pricing_model: bool,
    }
}

/// Price tier values that are not `Tier<n>`: the allowed tier numbers depend on the account
/// (`Tier2`–`Tier96`, or `Tier1012`–`Tier1424` with the advanced pricing model).
pub const PRICE_TIER_KEYWORDS: &[&str] = &["Base", "NotAvailable", "Free"];

model! {
    /// A sale (deprecated; no longer readable or writable through the API).
    pub struct Sale {
        /// Name of the sale.
        name: String,
        /// Price tier used as the sale's base price.
        base_price_id: String,
        /// Start date (ISO 8601).
        start_date: String,
        /// End date (ISO 8601).
        end_date: String,
        /// Market → price tier overrides during the sale.
        market_specific_pricings: std::collections::BTreeMap<String, String>,
    }
}

model! {
    /// Gradual rollout and mandatory update settings of an app or flight submission.
    pub struct PackageDeliveryOptions {
        /// Gradual rollout settings.
        package_rollout: PackageRollout,
        /// Whether the packages are mandatory for self-installing updates.
        is_mandatory_update: bool,
        /// When the packages become mandatory (ISO 8601, UTC).
        mandatory_update_effective_date: String,
    }
}

model! {
    /// Gradual package rollout settings of a submission; also the response of the get/update/halt/
    /// finalize package rollout methods.
    pub struct PackageRollout {
        /// Whether gradual rollout is enabled.
        is_package_rollout: bool,
        /// Percentage of users who get the packages. Kept as a JSON number so `0` and `0.0` round-trip;
        /// see [`PackageRollout::percentage`].
        package_rollout_percentage: serde_json::Number,
        /// Rollout state (assigned by Partner Center; read-only).
        package_rollout_status: PackageRolloutStatus,
        /// Submission that customers outside the rollout get (assigned by Partner Center; read-only).
        fallback_submission_id: String,
        /// Whether customers outside the rollout who check for updates manually get the newest packages.
        is_seek_enabled: bool,
    }
}

impl PackageRollout {
    /// Fields Partner Center assigns; never sent back.
    pub const READ_ONLY: &'static [&'static str] = &["/packageRolloutStatus", "/fallbackSubmissionId"];

    /// The rollout percentage as a float.
    pub fn percentage(&self) -> Option<f64> {
        self.package_rollout_percentage.get().and_then(serde_json::Number::as_f64)
    }

    /// Sets the rollout percentage (a non-finite value leaves the field unchanged and returns `false`).
    pub fn set_percentage(&mut self, percentage: f64) -> bool {
        match serde_json::Number::from_f64(percentage) {
            Some(n) => {
                self.package_rollout_percentage.set(n);
                true
            }
            None => false,
        }
    }
}

/// The read-only JSON pointers of a devcenter document kind (empty for kinds of other families).
pub fn read_only_pointers(kind: DocumentKind) -> &'static [&'static str] {
    match kind {
        DocumentKind::AppSubmission => AppSubmission::READ_ONLY,
        DocumentKind::AddonSubmission => AddonSubmission::READ_ONLY,
        DocumentKind::FlightSubmission => FlightSubmission::READ_ONLY,
        DocumentKind::Addon => AddonCreate::READ_ONLY,
        DocumentKind::Flight => FlightCreate::READ_ONLY,
        _ => &[],
    }
}

/// Serialises a model and removes the given read-only pointers: the body of an update (PUT) request.
///
/// # Errors
/// `invalid_argument` if the model cannot be serialised (only possible for a hand-built `extra` holding
/// a non-string map key, which `serde_json` rejects).
pub fn to_update_body<T: Serialize>(model: &T, read_only: &[&str]) -> crate::Result<serde_json::Value> {
    let mut v = serde_json::to_value(model)
        .map_err(|e| crate::Error::invalid_argument(format!("cannot serialise the document: {e}")))?;
    crate::model::strip_read_only(&mut v, read_only);
    Ok(v)
}
