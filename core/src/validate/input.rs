//! Checking a document as a user hands it over: text or JSON, with or without its kind, with or without
//! its files — what `storesubmit validate` and every binding's `validate` do, in one place.

use serde_json::Value;

use super::{cross_check_files, guess_kind, lenient_json, validate, FileSet};
use crate::error::{Error, ErrorKind, Result};
use crate::issue::Issue;
use crate::model::kind::DocumentKind;

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
    /// The kind the document was checked as (`None` when the text was not JSON).
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

/// Checks `input` as a document of `kind` (guessed when `None`) and, with `files`, cross-checks the files
/// it names.
///
/// # Errors
/// `invalid_argument` when the kind is not given and cannot be guessed (the message lists the kinds).
pub fn check(input: Input<'_>, kind: Option<DocumentKind>, files: Option<&FileSet>) -> Result<Checked> {
    let parsed;
    let (doc, mut issues) = match input {
        Input::Document(d) => (d, Vec::new()),
        Input::Text(t) => match lenient_json::parse(t) {
            Ok((d, warnings)) => {
                parsed = d;
                (&parsed, warnings)
            }
            Err(e) if e.kind() == ErrorKind::Validation => {
                return Ok(Checked { kind: None, issues: e.issues().to_vec() })
            }
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
    issues.extend(validate(kind, doc).issues);
    if let Some(set) = files {
        issues.extend(cross_check_files(kind, doc, set));
    }
    Ok(Checked { kind: Some(kind), issues })
}
