//! Offline validation of every documented Store rule, with stable issue codes.
//!
//! Validation works on `serde_json::Value`, so typed models (serialised), raw JSON from a binding and
//! the browser page are all checked alike, and every [`Issue`]'s path is a JSON pointer into the document.
//!
//! - [`validate`]: the rules of one [`DocumentKind`] → [`Report`].
//! - [`cross_check_files`]: the files a submission names against a [`FileSet`] (folder or ZIP).
//! - [`guess_kind`]: which kind a document probably is.
//! - [`check`]: all of it for a document as a user hands it over (text or JSON, kind or not, files or not).
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
mod ingestion;
mod input;
pub mod lenient_json;
mod media;
mod report;
mod text;
mod win32;

use serde_json::Value;

pub use codes::{all_issue_codes, issue_code, IssueCodeInfo};
pub(crate) use fields::suggestion as fields_suggestion;
pub use files::{cross_check_files, shown, FileSet};
pub use guess::guess_kind;
pub use ingestion::{looks_like_offer_changes, offer_changes};
pub use input::{change_issues, check, check_change, is_presence_rule, Checked, Input};
pub use report::Report;
pub use text::{is_placeholder_text, markdown_sign, PLACEHOLDER_MARK};

use crate::issue::Issue;
use crate::model::kind::DocumentKind;

/// Checks `doc` against every documented rule for `kind`. Never panics, whatever the input.
pub fn validate(kind: DocumentKind, doc: &Value) -> Report {
    let mut ck = check::Ck::default();
    // Field names are bound case-insensitively, as the Store does: the rules read the documented spelling.
    // Only the devcenter documents are bound so (the win32 ones are not rewritten): the others are not
    // copied, which keeps a 200-listing MSI/EXE document well inside its time budget.
    let mut canonical = None;
    let devcenter = matches!(
        kind,
        DocumentKind::AppSubmission
            | DocumentKind::AddonSubmission
            | DocumentKind::FlightSubmission
            | DocumentKind::Addon
            | DocumentKind::Flight
    );
    let renamed = match doc {
        Value::Object(_) if devcenter => {
            let mut d = doc.clone();
            let r = crate::model::canonicalize_case(kind, &mut d);
            canonical = Some(d);
            r
        }
        _ => Vec::new(),
    };
    let doc = canonical.as_ref().unwrap_or(doc);
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
    fields::unknown_fields(&mut ck, kind, doc);
    text::placeholders(&mut ck, doc);
    // Paths point into the document as the user wrote it.
    let mut issues = ck.issues;
    if !renamed.is_empty() {
        let given: std::collections::HashMap<&str, &str> =
            renamed.iter().map(|r| (r.path.as_str(), r.given.as_str())).collect();
        for i in &mut issues {
            i.path = as_written(&i.path, &given);
        }
        for r in &renamed {
            let wanted = r.path.rsplit('/').next().unwrap_or_default().replace("~1", "/").replace("~0", "~");
            let message = format!("`{}` is spelled `{wanted}` in the documentation; it is read as `{wanted}`", r.given);
            issues.push(Issue::warning(codes::FIELD_CASE.code, as_written(&r.path, &given), message));
        }
    }
    Report { issues }
}

/// A pointer into the documented spelling of a document, rewritten to the keys as written (`given`
/// maps each renamed pointer to the key the user wrote).
fn as_written(path: &str, given: &std::collections::HashMap<&str, &str>) -> String {
    let (mut documented, mut written) = (String::new(), String::new());
    for seg in path.split('/').skip(1) {
        documented.push('/');
        documented.push_str(seg);
        written.push('/');
        match given.get(documented.as_str()) {
            Some(k) => written.push_str(&crate::model::files::pointer_segment(k)),
            None => written.push_str(seg),
        }
    }
    written
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
