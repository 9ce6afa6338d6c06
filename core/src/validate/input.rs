//! Checking a document as a user hands it over: text or JSON, with or without its kind, with or without
//! its files — what `storesubmit validate` and every binding's `validate` do, in one place.

use serde_json::Value;

use super::{cross_check_files, guess_kind, lenient_json, validate, FileSet};
use crate::error::{Error, ErrorKind, Result};
use crate::issue::Issue;
use crate::model::kind::DocumentKind;
use crate::spec::SubmissionSpec;

/// The document to check.
#[derive(Clone, Copy, Debug)]
pub enum Input<'a> {
    /// Already parsed.
    Document(&'a Value),
    /// Text, read leniently ([`lenient_json::parse`]: trailing commas and comments are warnings; text
    /// that is not JSON at all is a `json.syntax` issue, not an error).
    Text(&'a str),
}

/// What [`check`] found.
#[derive(Clone, Debug, PartialEq)]
pub struct Checked {
    /// The kind the document was checked as (`None` when the text was not JSON and no kind was named).
    pub kind: Option<DocumentKind>,
    /// Every issue: reading the text, the rules of the kind, then the files.
    pub issues: Vec<Issue>,
}

impl Checked {
    /// Whether no issue is an error (warnings do not make a document invalid).
    pub fn valid(&self) -> bool {
        !self.issues.iter().any(Issue::is_error)
    }
}

/// Whether an issue code is a presence rule (`field.required`, `….required`). A *change* — what a publish
/// applies to the live submission (GET-modify-PUT) — leaves fields out on purpose: they keep their live
/// values, so presence rules do not apply to it.
pub fn is_presence_rule(code: &str) -> bool {
    code == "field.required" || code.ends_with(".required")
}

/// The one definition of a valid change of a devcenter submission: the document a publish would send
/// when the live submission is empty (`SubmissionSpec::standalone_document`, packages it names marked
/// for upload) checked with every rule but the presence rules, and with `files` its files cross-checked.
/// `storesubmit validate --change`, a publish's pre-flight and every binding's `validate(change=…)` use
/// it, so they agree. Returns the issues (errors and warnings).
pub fn change_issues(kind: DocumentKind, standalone: &Value, files: Option<&FileSet>) -> Vec<Issue> {
    let mut issues: Vec<Issue> =
        validate(kind, standalone).issues.into_iter().filter(|i| !is_presence_rule(&i.code)).collect();
    if let Some(set) = files {
        issues.extend(cross_check_files(kind, standalone, set));
    }
    issues
}

/// Checks `input` as a document of `kind` (guessed when `None`) and, with `files`, cross-checks the files
/// it names.
///
/// # Errors
/// `invalid_argument` when the kind is not given and cannot be guessed (the message lists the kinds).
pub fn check(input: Input<'_>, kind: Option<DocumentKind>, files: Option<&FileSet>) -> Result<Checked> {
    check_as(input, kind, files, false)
}

/// [`check`] of a change (see [`change_issues`]): for a devcenter submission kind the document is read as
/// the changes a publish applies; other kinds are checked as [`check`] does.
///
/// # Errors
/// As [`check`].
pub fn check_change(input: Input<'_>, kind: Option<DocumentKind>, files: Option<&FileSet>) -> Result<Checked> {
    check_as(input, kind, files, true)
}

fn check_as(input: Input<'_>, kind: Option<DocumentKind>, files: Option<&FileSet>, change: bool) -> Result<Checked> {
    let parsed;
    let (doc, mut issues) = match input {
        Input::Document(d) => (d, Vec::new()),
        Input::Text(t) => match lenient_json::parse(t) {
            Ok((d, warnings)) => {
                parsed = d;
                (&parsed, warnings)
            }
            // the kind the caller named stays the answer's; an unguessable one stays unknown
            Err(e) if e.kind() == ErrorKind::Validation => return Ok(Checked { kind, issues: e.issues().to_vec() }),
            Err(e) => return Err(e),
        },
    };
    let kind = match kind {
        Some(k) => k,
        None => guess_kind(doc).ok_or_else(|| {
            Error::invalid_argument(format!(
                "kind: cannot tell what kind of document this is; name it (one of {})",
                DocumentKind::ALL.iter().map(|k| k.as_str()).collect::<Vec<_>>().join(", ")
            ))
        })?,
    };
    let submission =
        matches!(kind, DocumentKind::AppSubmission | DocumentKind::AddonSubmission | DocumentKind::FlightSubmission);
    if change && submission {
        let spec = SubmissionSpec { changes: doc.clone(), ..SubmissionSpec::default() };
        issues.extend(change_issues(kind, &spec.standalone_document(kind), files));
        return Ok(Checked { kind: Some(kind), issues });
    }
    issues.extend(validate(kind, doc).issues);
    if let Some(set) = files {
        issues.extend(cross_check_files(kind, doc, set));
    }
    Ok(Checked { kind: Some(kind), issues })
}
