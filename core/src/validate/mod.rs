//! Offline validation of every documented Store rule, with stable issue codes.
//!
//! Validation works on `serde_json::Value`, so typed models (serialised), raw JSON from a binding and
//! the browser page are all checked alike, and every [`Issue`]'s path is a JSON pointer into the document.
//!
//! - [`validate`]: the rules of one [`DocumentKind`] → [`Report`].
//! - [`cross_check_files`]: the files a submission names against a [`FileSet`] (folder or ZIP).
//! - [`guess_kind`]: which kind a document probably is.
//! - [`all_issue_codes`]: the catalogue of codes (see [`codes`]).
//! - [`lenient_json::parse`]: reads JSON as people write it (trailing commas, comments), with warnings.
//!
//! Sources of the rules: seed 003 (win32), seed 002 and `reference/docs` (devcenter). The tables the
//! rules use (markets, languages, categories, limits, value lists) live in [`crate::data`].

mod addon;
mod check;
pub mod codes;
mod devcenter;
mod fields;
mod files;
mod flight;
pub mod formats;
mod guess;
pub mod lenient_json;
mod report;
mod win32;

use serde_json::Value;

pub use codes::{all_issue_codes, issue_code, IssueCodeInfo};
pub use files::{cross_check_files, shown, FileSet};
pub use guess::guess_kind;
pub use report::Report;

use crate::issue::Issue;
use crate::model::kind::DocumentKind;

/// Checks `doc` against every documented rule for `kind`. Never panics, whatever the input.
pub fn validate(kind: DocumentKind, doc: &Value) -> Report {
    let mut ck = check::Ck::default();
    match kind {
        DocumentKind::AppSubmission => devcenter::app_submission(&mut ck, doc),
        DocumentKind::AddonSubmission => addon::submission(&mut ck, doc),
        DocumentKind::FlightSubmission => flight::submission(&mut ck, doc),
        DocumentKind::Addon => addon::create(&mut ck, doc),
        DocumentKind::Flight => flight::create(&mut ck, doc),
        DocumentKind::Win32Metadata => win32::metadata(&mut ck, doc, true),
        DocumentKind::Win32MetadataPatch => win32::metadata(&mut ck, doc, false),
        DocumentKind::Win32Packages => win32::packages(&mut ck, doc),
        DocumentKind::Win32Package => win32::single_package(&mut ck, doc),
        DocumentKind::Win32AssetsCreate => win32::assets_create(&mut ck, doc),
        DocumentKind::Win32AssetsCommit => win32::assets_commit(&mut ck, doc),
    }
    if let Some(obj) = doc.as_object() {
        fields::unknown_fields(&mut ck, kind, obj);
    }
    Report { issues: ck.issues }
}

/// [`validate`] plus [`cross_check_files`] in one report.
pub fn validate_with_files(kind: DocumentKind, doc: &Value, files: &FileSet) -> Report {
    let mut report = validate(kind, doc);
    report.extend(cross_check_files(kind, doc, files));
    report
}

/// Only the issues with error severity (convenience for callers that gate on errors).
pub fn errors_only(issues: Vec<Issue>) -> Vec<Issue> {
    issues.into_iter().filter(Issue::is_error).collect()
}
