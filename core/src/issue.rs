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
        Issue::new(code, path, message, Severity::Error)
    }

    /// A warning-severity issue.
    pub fn warning(code: impl Into<String>, path: impl Into<String>, message: impl Into<String>) -> Self {
        Issue::new(code, path, message, Severity::Warning)
    }

    /// An issue of `severity`, its path and message cut to their limits ([`ISSUE_PATH_MAX_CHARS`],
    /// [`ISSUE_MESSAGE_MAX_CHARS`]):
    /// every issue is made here, so no input makes its issues larger than the limits allow.
    pub fn new(
        code: impl Into<String>,
        path: impl Into<String>,
        message: impl Into<String>,
        severity: Severity,
    ) -> Self {
        Issue {
            code: code.into(),
            path: cut(path.into(), ISSUE_PATH_MAX_CHARS),
            message: cut(message.into(), ISSUE_MESSAGE_MAX_CHARS),
            severity,
        }
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

/// The most characters of an issue's message: a message names the field and the rule, and quotes at most
/// a part of a value (a 15 MB value must not become a 15 MB warning). Longer ones end with `…`.
pub const ISSUE_MESSAGE_MAX_CHARS: usize = 1_000;
/// The most characters of an issue's path (a JSON pointer or a file name): a document's keys can be
/// megabytes long. Longer ones end with `…`.
pub const ISSUE_PATH_MAX_CHARS: usize = 500;

/// `text` cut to `max` characters, the last one `…` when anything was cut.
fn cut(text: String, max: usize) -> String {
    match text.char_indices().nth(max.saturating_sub(1)) {
        Some((at, _)) if text.chars().count() > max => format!("{}…", &text[..at]),
        _ => text,
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
