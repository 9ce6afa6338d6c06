//! What a running machine reports about itself, for progress bars, log lines and bindings'
//! `on_progress` callbacks.
//!
//! A machine emits these events itself, whatever host drives it: a host drains them with
//! [`super::Machine::take_progress`] after each `resume` and forwards them. So the native executor, the
//! sync loop and every binding report the same stages, waits and bytes in the same order.

use std::fmt;
use std::time::Duration;

use super::{Purpose, ResumeToken, WaitReason};
use crate::http::Method;

/// One thing that happened while a workflow ran. URLs are redacted (no SAS signature), tokens never
/// appear.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Progress {
    /// The workflow entered a stage (`create`, `upload`, `commit`, `poll: CommitStarted`, …; see the flows).
    Stage(String),
    /// A token request or an API call was answered (`status`) or failed without an answer (`None`).
    /// Blob requests of an upload are reported as [`Progress::Upload`] bytes instead.
    Request {
        /// The method.
        method: Method,
        /// The URL with secrets redacted.
        url: String,
        /// The HTTP status, when a response arrived.
        status: Option<u16>,
        /// What the request was for.
        purpose: Purpose,
    },
    /// The workflow waits this long, and why (a poll interval, a retry delay).
    Wait {
        /// How long.
        duration: Duration,
        /// Why.
        reason: WaitReason,
    },
    /// Upload progress: bytes sent so far and the total (for a ZIP built while uploading the total is
    /// known from the files' sizes before the first block).
    Upload {
        /// Bytes done.
        done: u64,
        /// Bytes in total.
        total: u64,
    },
    /// Packaging progress: bytes of the input files read so far and in total (a ZIP job).
    Pack {
        /// Bytes read.
        done: u64,
        /// Bytes in total (known once the files' sizes are in).
        total: u64,
    },
    /// The workflow stopped (failed or was cancelled) after the user's changes reached the service:
    /// continuing from this token ([`super::resume`]) finishes the same submission instead of starting
    /// over. Emitted just before the `Done(Err(..))` step.
    Resumable(ResumeToken),
}

/// The event as one log line, the same in every binding ("stage commit", "PUT https://… -> 201",
/// "waiting 30.0 s: polling, status CommitStarted"); URLs stay redacted, no token appears.
impl fmt::Display for Progress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Progress::Stage(s) => write!(f, "stage {s}"),
            Progress::Request { method, url, status, .. } => match status {
                Some(s) => write!(f, "{} {} -> {s}", method.as_str(), crate::secret::redact_url(url)),
                None => write!(f, "{} {} -> no response", method.as_str(), crate::secret::redact_url(url)),
            },
            Progress::Wait { duration, reason } => {
                write!(f, "waiting {:.1} s: ", duration.as_secs_f64())?;
                match reason {
                    WaitReason::Retry { code, attempt } => write!(f, "retrying after {code} (attempt {attempt})"),
                    WaitReason::Poll { status } => write!(f, "polling, status {status}"),
                }
            }
            Progress::Upload { done, total } => write!(f, "uploaded {done} of {total} bytes"),
            Progress::Pack { done, total } => write!(f, "packed {done} of {total} bytes"),
            Progress::Resumable(_) => f.write_str("stopped after the changes reached the service: resumable"),
        }
    }
}
