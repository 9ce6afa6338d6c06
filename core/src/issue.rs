//! A validation finding: the unit that validation reports and `ValidationError`s carry.
//!
//! Defined here (not in `validate/`) because errors, bindings and the emulator all exchange it.

use std::fmt;

use serde::{Deserialize, Serialize};

/// How bad a finding is. Errors make a submission invalid; warnings are advice.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Advice; the Store would accept the document.
    Warning,
    /// The Store would reject the document.
    Error,
}

impl Severity {
    /// `"error"` or `"warning"`, as in every binding and in `--json` output.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// One finding: a stable code, where (a JSON pointer into the checked document), a message naming the
/// field, the rule and the limit, and a severity.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Issue {
    /// Stable code such as `listing.description.too_long`; see `validate::all_issue_codes()`.
    pub code: String,
    /// JSON pointer (RFC 6901) to the offending value, `""` for the whole document.
    pub path: String,
    /// Human-readable message naming the field, the rule and the limit.
    pub message: String,
    /// Error or warning.
    pub severity: Severity,
}

impl Issue {
    /// An error-severity issue.
    pub fn error(code: impl Into<String>, path: impl Into<String>, message: impl Into<String>) -> Self {
        Issue { code: code.into(), path: path.into(), message: message.into(), severity: Severity::Error }
    }

    /// A warning-severity issue.
    pub fn warning(code: impl Into<String>, path: impl Into<String>, message: impl Into<String>) -> Self {
        Issue { code: code.into(), path: path.into(), message: message.into(), severity: Severity::Warning }
    }

    /// Whether this issue makes the document invalid.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = if self.path.is_empty() { "/" } else { &self.path };
        write!(f, "{} {} at {}: {}", self.severity.as_str(), self.code, path, self.message)
    }
}

/// A name as messages show it: control characters (NUL, ESC, newlines, …) escaped as `\u{1b}`, the
/// rest as is.
pub fn shown(name: &str) -> String {
    if !name.chars().any(char::is_control) {
        return name.to_string();
    }
    name.chars().map(|c| if c.is_control() { c.escape_unicode().to_string() } else { c.to_string() }).collect()
}
