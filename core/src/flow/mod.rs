//! Multi-step workflows as sans-IO state machines.
//!
//! A [`Flow`] never opens a socket, sleeps, reads a clock or draws a random number. It speaks the host
//! protocol of [`crate::task`]: it hands out [`Task`]s (send a request, wait, stat or read a file, get a
//! token from the caller's credential) and the host reports each one's [`Completion`] with its id, in
//! any order. After every `resume` the host forwards the flow's own [`Progress`] events:
//!
//! ```text
//! let mut running = Vec::new();
//! let mut step = flow.resume(Event::Start, tick());
//! loop {
//!     forward(flow.take_progress());
//!     match step {
//!         Step::Done(result) => break result,
//!         Step::Run(tasks) => running.extend(tasks.into_iter().map(start)),   // one at a time or all at once
//!         Step::Pending => {}
//!     }
//!     let (id, completion) = next_finished(&mut running);                  // Completion::Response, Waited, …
//!     step = flow.resume(Event::Completed(id, completion), tick());
//! }
//! ```
//!
//! [`Flow::run_sync`] is that loop for a [`host::SyncHost`] that runs one task at a time; the bundled
//! client (feature `reqwest`) runs tasks concurrently on tokio.
//!
//! What every flow does the same way (one implementation, in [`Flow`]):
//! - fetches a token before the first call of each API family and refreshes it before it expires, mid-flow
//!   ([`crate::api::auth::TokenCache`]); a 401 invalidates the token and the call is repeated once with a
//!   fresh one. With [`Credentials::ClientSecret`] the flow sends the token request itself
//!   ([`Purpose::Token`]); with [`Credentials::External`] it asks the host for a token ([`Work::Token`])
//!   and caches the answer by the same rule;
//! - retries with [`crate::policy::retry`]: `Retry-After` honoured, exponential backoff with the host's
//!   jitter; after an ambiguous failure of a non-idempotent call (`Verify`) the workflow re-reads state to
//!   learn whether the call took effect before doing anything else (no duplicate submissions);
//! - polls with [`crate::policy::PollSchedule`] (geometric, capped);
//! - refuses to send to a URL that is neither https nor loopback ([`crate::http::check_url_scheme`]);
//! - respects a total deadline (`deadline_exceeded`) and stops on [`Event::Cancel`] (`cancelled`);
//! - reports [`Progress`]: stages, requests, waits and why, upload bytes, and a [`ResumeToken`] when a
//!   failed or cancelled workflow can continue;
//! - can stop after a stage ([`StopAfter::Draft`]: uploaded and updated, not committed) and hands out a
//!   serialisable [`ResumeToken`] from which [`Flow::from_resume_token`] continues later.
//!
//! The workflows: [`devcenter`] (app, add-on and flight submissions; package rollout), [`win32`] (MSI/EXE
//! products), [`ingestion`] (Partner Center product → branch → submission), [`simple`] (one call: get,
//! list, status) and [`plan`] (a read-only dry run of a submission or win32 publish: the requests it
//! would send and what they change).

/// An operation of the route table by id, looked up while compiling
/// ([`crate::api::routes::operation_by_id`] in a `const`): a misspelled id does not build.
macro_rules! op {
    ($id:literal) => {{
        const OP: &$crate::api::Operation = $crate::api::routes::operation_by_id($id);
        OP
    }};
}

pub mod devcenter;
mod engine;
pub mod host;
pub mod ingestion;
pub mod plan;
pub mod progress;
pub mod simple;
pub mod spec;
pub mod win32;

use std::fmt;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::api::auth::{ClientCredentials, TokenVersion};
use crate::api::blob::UploadSettings;
use crate::api::{Endpoints, Operation};
use crate::error::{Error, ErrorKind, Result, ServerError};
use crate::http::HttpResponse;
use crate::policy::{PollSchedule, RetryPolicy};
use crate::secret::redact_url;

pub use crate::task::{Completion, Purpose, Task, TaskId, Tick, WaitReason, Work};
pub use engine::Flow;
pub use progress::Progress;
pub use spec::{OldPackages, PendingPolicy, SubmissionSpec};

/// What the host must do next (the answer to every [`Flow::resume`]).
#[derive(Debug)]
#[allow(clippy::large_enum_variant)] // one `Done` per workflow: boxing it would only cost every caller a deref
pub enum Step {
    /// Start these tasks (one after another or all at once) and report each one's completion with
    /// [`Event::Completed`]. Earlier tasks still running stay running.
    Run(Vec<Task>),
    /// Nothing new to start: report the next completion of a task still running.
    Pending,
    /// The workflow finished (also returned again by every later `resume`).
    Done(Result<Outcome>),
}

/// What happened since the last [`Step`].
#[derive(Debug)]
pub enum Event {
    /// The first call: begin.
    Start,
    /// A task handed out earlier finished.
    Completed(TaskId, Completion),
    /// Stop now: the flow finishes with `cancelled` (after a [`Progress::Resumable`] when it can
    /// continue later). Tasks still running are abandoned; their completions are ignored.
    Cancel,
}

/// One file of a ZIP upload: where it is (relative to the host's files folder) and its entry name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadFile {
    /// The name as the submission writes it (relative to the files folder; may use `\`).
    pub name: String,
    /// The entry name in the ZIP (`\` turned into `/`).
    pub zip_name: String,
}

/// An upload a workflow asks for; the flow runs it with the block-upload machine
/// ([`crate::api::blob::BlobUpload`]) as part of its own tasks.
#[derive(Clone, PartialEq, Eq)]
pub enum Upload {
    /// Build a ZIP of these files (stored, streamed) and upload it as a block blob to `url`.
    Zip {
        /// The submission's SAS `fileUploadUrl` (a secret: `Debug` redacts its signature).
        url: String,
        /// The files to put in the ZIP.
        files: Vec<UploadFile>,
    },
    /// Upload a ZIP the host already has, as is, as a block blob to `url` (a submission published with
    /// [`devcenter::SubmissionOptions::archive`]).
    Archive {
        /// The submission's SAS `fileUploadUrl` (a secret: `Debug` redacts its signature).
        url: String,
        /// The ZIP (as the host names its files).
        file: String,
    },
    /// Upload one file as a block blob (`PUT` with `x-ms-blob-type: BlockBlob`): a win32 listing asset.
    Asset {
        /// The file (relative to the host's files folder, or absolute).
        file: String,
        /// The primary upload URL.
        url: String,
        /// The secondary upload URL, to try when the primary fails.
        fallback_url: Option<String>,
        /// Headers the service asks for (`httpHeaders`; an empty value means "compute it").
        headers: Vec<(String, String)>,
    },
}

impl fmt::Debug for Upload {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Upload::Archive { url, file } => {
                f.debug_struct("Archive").field("url", &redact_url(url)).field("file", file).finish()
            }
            Upload::Zip { url, files } => {
                f.debug_struct("Zip").field("url", &redact_url(url)).field("files", files).finish()
            }
            Upload::Asset { file, url, fallback_url, headers } => f
                .debug_struct("Asset")
                .field("file", file)
                .field("url", &redact_url(url))
                .field("fallback_url", &fallback_url.as_deref().map(redact_url))
                .field("headers", headers)
                .finish(),
        }
    }
}

/// Where a publishing workflow stops.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum StopAfter {
    /// "Draft only": created, updated and uploaded, not committed/submitted. A resume token is returned.
    Draft,
    /// Committed/submitted; processing has started.
    Committed,
    /// Processing passed and certification has started (devcenter; others treat it as `Published`).
    Certification,
    /// Published (the default).
    #[default]
    Published,
}

impl StopAfter {
    /// Parses `draft`, `committed`, `certification`, `published`.
    pub fn parse(s: &str) -> Option<StopAfter> {
        Some(match s.to_ascii_lowercase().as_str() {
            "draft" | "draft-only" => StopAfter::Draft,
            "committed" | "commit" | "submitted" => StopAfter::Committed,
            "certification" => StopAfter::Certification,
            "published" | "publish" => StopAfter::Published,
            _ => return None,
        })
    }
}

/// The opaque, serialisable state from which a stopped workflow continues (no secrets in it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ResumeToken(pub Value);

impl ResumeToken {
    /// The token as a JSON string (to store in a file or a CI variable).
    pub fn to_json(&self) -> String {
        self.0.to_string()
    }

    /// Parses a token written by [`ResumeToken::to_json`].
    ///
    /// # Errors
    /// `invalid_argument` when the text is not a token.
    pub fn from_json(s: &str) -> Result<ResumeToken> {
        let v: Value = serde_json::from_str(s).map_err(|e| Error::invalid_argument(format!("resume token: {e}")))?;
        if v.get("flow").and_then(Value::as_str).is_none() {
            return Err(Error::invalid_argument("resume token: no `flow` field"));
        }
        Ok(ResumeToken(v))
    }
}

/// A finding the service reported (statusDetails errors/warnings, win32 envelope errors, validations).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// The service's code.
    pub code: String,
    /// The service's message.
    pub message: String,
    /// What it is about, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
}

/// What a finished workflow reports.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
pub struct Outcome {
    /// Which workflow (`app-submission`, `win32`, …).
    pub flow: String,
    /// The last stage reached (`draft`, `committed`, `certification`, `published`, `done`).
    pub stage: String,
    /// The resource's id (app, add-on, product).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource_id: Option<String>,
    /// The submission's id, when one was created or adopted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub submission_id: Option<String>,
    /// The submission's last status as the service wrote it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Whether an existing pending submission was adopted (after a lost create response, or by policy).
    #[serde(default)]
    pub adopted: bool,
    /// Errors the service reported without failing the workflow (statusDetails).
    #[serde(default)]
    pub errors: Vec<Finding>,
    /// Warnings the service reported.
    #[serde(default)]
    pub warnings: Vec<Finding>,
    /// Certification reports (`statusDetails.certificationReports`).
    #[serde(default)]
    pub certification_reports: Vec<Value>,
    /// The last document read (submission, status, rollout, list page…).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document: Option<Value>,
    /// Set when the workflow stopped early: pass it to [`Flow::from_resume_token`] to continue.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resume: Option<ResumeToken>,
}

/// Where a workflow's access tokens come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Credentials {
    /// An Azure AD application's client secret: the flow sends the token requests itself
    /// ([`Purpose::Token`]).
    ClientSecret(ClientCredentials),
    /// The caller's own credential (azure-identity, @azure/identity, a .NET delegate): the flow asks the
    /// host for each token with [`Work::Token`] and caches what it gets, refreshing it by the same rule.
    External,
}

impl From<ClientCredentials> for Credentials {
    fn from(c: ClientCredentials) -> Self {
        Credentials::ClientSecret(c)
    }
}

impl Credentials {
    /// The client credentials, when the flow requests tokens itself.
    pub fn client_secret(&self) -> Option<&ClientCredentials> {
        match self {
            Credentials::ClientSecret(c) => Some(c),
            Credentials::External => None,
        }
    }
}

/// Settings shared by every workflow.
#[derive(Clone, Debug)]
pub struct FlowConfig {
    /// Service roots.
    pub endpoints: Endpoints,
    /// Where access tokens come from.
    pub credentials: Credentials,
    /// Token endpoint version.
    pub token_version: TokenVersion,
    /// Seller id (`X-Seller-Account-Id`), required by win32 calls.
    pub seller_id: Option<String>,
    /// Retry limits.
    pub retry: RetryPolicy,
    /// Poll schedule for long-running statuses.
    pub poll: PollSchedule,
    /// Total time the workflow may take, from its first event.
    pub deadline: Option<Duration>,
    /// Per-request timeout put on every request (blob requests take theirs from `upload`).
    pub request_timeout: Option<Duration>,
    /// How uploads run inside the flow (block size, concurrency, resume, retries of each blob request).
    pub upload: UploadSettings,
}

impl FlowConfig {
    /// A configuration with default retry, poll and timeout settings and the default overall deadline
    /// ([`crate::data::limits::DEFAULT_WORKFLOW_DEADLINE`]; set `deadline = None` for none).
    pub fn new(endpoints: Endpoints, credentials: impl Into<Credentials>) -> Self {
        FlowConfig {
            endpoints,
            credentials: credentials.into(),
            token_version: TokenVersion::V2,
            seller_id: None,
            retry: RetryPolicy::default(),
            poll: PollSchedule::default(),
            deadline: Some(crate::data::limits::DEFAULT_WORKFLOW_DEADLINE),
            request_timeout: Some(Duration::from_secs(120)),
            upload: UploadSettings::default(),
        }
    }
}

// ---------------------------------------------------------------------------------------------------
// The interface between the shared engine and one workflow.

/// A call a workflow wants made: an operation of the route table (named with `op!`, so checked
/// while compiling) and its arguments (see [`crate::api::build`]; `sellerId` is added for win32 calls).
#[derive(Clone, Debug)]
pub(crate) struct Call {
    pub op: &'static Operation,
    pub args: Value,
}

impl Call {
    pub(crate) fn new(op: &'static Operation, args: Value) -> Self {
        Call { op, args }
    }
}

/// What the engine tells a workflow.
#[derive(Debug)]
pub(crate) enum Reply {
    /// Begin.
    Start,
    /// The last call succeeded (2xx; win32 envelope `isSuccess` not false).
    Ok(HttpResponse),
    /// The last call failed for good (retries exhausted or not retryable).
    Failed(Error),
    /// The last (non-idempotent) call failed ambiguously: it may have taken effect. Re-read state.
    Ambiguous(Error),
    /// The upload succeeded.
    Uploaded,
    /// A poll delay is over.
    Waited,
}

impl Reply {
    /// The response of a successful call, or the error (an ambiguous failure counts as a failure).
    pub(crate) fn response(self) -> Result<HttpResponse> {
        match self {
            Reply::Ok(r) => Ok(r),
            Reply::Failed(e) | Reply::Ambiguous(e) => Err(e),
            other => {
                Err(Error::new(ErrorKind::InvalidResponse, format!("workflow expected a response, got {other:?}")))
            }
        }
    }

    /// The JSON body of a successful call.
    pub(crate) fn json(self) -> Result<Value> {
        let resp = self.response()?;
        json_body(&resp)
    }
}

/// What a workflow asks of the engine.
// One action exists at a time (returned by a workflow, consumed by the engine), so its size is moot.
#[allow(clippy::large_enum_variant)]
#[derive(Debug)]
pub(crate) enum Action {
    Call(Call),
    Upload(Upload),
    Poll(Duration),
    Done(Outcome),
}

/// One workflow's logic. Implemented by each workflow; driven by [`Flow`].
pub(crate) trait Machine: fmt::Debug + Send {
    /// Advances on a reply.
    fn step(&mut self, reply: Reply, cfg: &FlowConfig) -> Result<Action>;
    /// A short name of the current stage (for progress output).
    fn stage(&self) -> String;
    /// The serialisable state (a [`ResumeToken`] body), when the workflow can resume.
    fn checkpoint(&self) -> Option<Value> {
        None
    }
}

/// The JSON body of a response (`null` when empty).
pub(crate) fn json_body(resp: &HttpResponse) -> Result<Value> {
    if resp.body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Value::Null);
    }
    serde_json::from_slice(&resp.body)
        .map_err(|e| Error::invalid_response(format!("response is not JSON: {e}")).with_status(resp.status))
}

/// A string field of a JSON object.
pub(crate) fn str_of<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str).filter(|s| !s.is_empty())
}

/// Findings from an array of `{code, message, target}` items.
pub(crate) fn findings(v: Option<&Value>) -> Vec<Finding> {
    v.and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|e| Finding {
            code: e.get("code").or_else(|| e.get("errorCode")).and_then(Value::as_str).unwrap_or("").to_string(),
            message: crate::secret::redact_text(
                e.get("details").or_else(|| e.get("message")).and_then(Value::as_str).unwrap_or(""),
            ),
            target: e.get("target").or_else(|| e.get("resource")).and_then(Value::as_str).map(str::to_string),
        })
        .collect()
}

/// Turns findings into server errors (for typed errors such as `commit_failed`).
pub(crate) fn to_server_errors(f: &[Finding]) -> Vec<ServerError> {
    f.iter()
        .map(|f| ServerError { code: f.code.clone(), message: f.message.clone(), target: f.target.clone() })
        .collect()
}

/// Continues any stopped workflow from its [`ResumeToken`] (devcenter submissions, win32 and ingestion products)
/// up to `stop_after` (`draft` is read as `published`: the draft exists already).
///
/// # Errors
/// `invalid_argument` when the token is not one this version wrote.
pub fn resume(cfg: FlowConfig, token: &ResumeToken, stop_after: StopAfter) -> Result<Flow> {
    let stop_after = if stop_after == StopAfter::Draft { StopAfter::Published } else { stop_after };
    match token.0.get("flow").and_then(Value::as_str).unwrap_or("") {
        "app-submission" | "addon-submission" | "flight-submission" => {
            devcenter::resume_submission(cfg, token, stop_after)
        }
        "win32" => {
            let mut m = win32::Win32Machine::from_checkpoint(&token.0)?;
            m.set_stop_after(stop_after);
            Ok(Flow::new(cfg, Box::new(m)))
        }
        "ingestion" => ingestion::resume(cfg, token, Some(stop_after)),
        other => Err(Error::invalid_argument(format!("resume token: unknown flow `{other}`"))),
    }
}

/// Whether a 2xx win32 response is an envelope reporting failure (`isSuccess: false`).
fn envelope_failed(resp: &HttpResponse) -> bool {
    serde_json::from_slice::<Value>(&resp.body).ok().and_then(|v| v.get("isSuccess").and_then(Value::as_bool))
        == Some(false)
}

#[cfg(test)]
pub(crate) mod script;
