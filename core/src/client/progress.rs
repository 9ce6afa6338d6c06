//! Progress events a [`super::Client`] reports while it runs a workflow, for progress bars, plain log
//! lines and bindings' `on_progress` callbacks.

use std::sync::Arc;
use std::time::Duration;

use crate::flow::ResumeToken;
use crate::http::Method;

/// One thing that happened while a workflow ran. URLs are redacted (no SAS signature).
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Progress {
    /// The workflow entered a stage (`create`, `upload`, `commit`, `poll`, …; see the flows).
    Stage(String),
    /// A request was answered (`status`) or failed without an answer (`None`).
    Request {
        /// The method.
        method: Method,
        /// The URL with secrets redacted.
        url: String,
        /// The HTTP status, when a response arrived.
        status: Option<u16>,
        /// How long the request took.
        elapsed: Duration,
    },
    /// The workflow waits this long (a poll interval or a retry delay).
    Wait(Duration),
    /// The workflow failed after the user's changes reached the service (e.g. an upload or a poll
    /// failed): continuing from this token ([`super::Client::resume`]) finishes the same submission
    /// instead of starting over. Emitted just before the error is returned.
    Resumable(ResumeToken),
    /// Upload progress: bytes sent so far and the total (for a ZIP built while uploading the total is an
    /// upper bound until the last event).
    Upload {
        /// Bytes done.
        done: u64,
        /// Bytes in total.
        total: u64,
    },
}

/// A receiver of [`Progress`] events; called on the thread or task that runs the workflow, so it should
/// return quickly.
pub type ProgressHandler = Arc<dyn Fn(&Progress) + Send + Sync>;
