//! The result of a validation: every issue found, errors and warnings.

use serde::{Deserialize, Serialize};

use crate::issue::{Issue, Severity};

/// Every issue validation found in one document, in document order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    /// The issues, errors and warnings together.
    pub issues: Vec<Issue>,
}

impl Report {
    /// Whether the document has no error (warnings allowed).
    pub fn is_valid(&self) -> bool {
        !self.issues.iter().any(Issue::is_error)
    }

    /// The error-severity issues.
    pub fn errors(&self) -> impl Iterator<Item = &Issue> {
        self.issues.iter().filter(|i| i.severity == Severity::Error)
    }

    /// The warning-severity issues.
    pub fn warnings(&self) -> impl Iterator<Item = &Issue> {
        self.issues.iter().filter(|i| i.severity == Severity::Warning)
    }

    /// Adds more issues (e.g. from [`super::cross_check_files`]).
    pub fn extend(&mut self, issues: impl IntoIterator<Item = Issue>) {
        self.issues.extend(issues);
    }

    /// `Ok(self)` when valid, else a `validation` [`crate::Error`] carrying every issue.
    pub fn into_result(self) -> crate::Result<Report> {
        if self.is_valid() {
            Ok(self)
        } else {
            Err(crate::Error::validation(self.issues))
        }
    }
}
