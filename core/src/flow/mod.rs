//! Multi-step workflows as sans-IO state machines.
//!
//! A [`Flow`] never opens a socket, sleeps, reads a clock or draws a random number. A host drives it:
//!
//! ```text
//! let mut step = flow.resume(Event::Start, Tick::at(now()));
//! loop {
//!     step = match step {
//!         Step::Send(req) => flow.resume(send(req), Tick::at(now())),       // Event::Response / Event::Error
//!         Step::Wait(d) => { sleep(d); flow.resume(Event::Waited, Tick::at(now())) }
//!         Step::Upload(u) => flow.resume(upload(u), Tick::at(now())),      // Event::Uploaded / Event::Error
//!         Step::Done(result) => break result,
//!     }
//! }
//! ```
//!
//! What every flow does the same way (one implementation, in [`Flow`]):
//! - fetches a token before the first call of each API family and refreshes it before it expires, mid-flow
//!   ([`crate::api::auth::TokenCache`]); a 401 invalidates the token and the call is repeated once with a
//!   fresh one;
//! - retries with [`crate::policy::retry`]: `Retry-After` honoured, exponential backoff with the host's
//!   jitter; after an ambiguous failure of a non-idempotent call (`Verify`) the workflow re-reads state to
//!   learn whether the call took effect before doing anything else (no duplicate submissions);
//! - polls with [`crate::policy::PollSchedule`] (geometric, capped);
//! - respects a total deadline (`deadline_exceeded`);
//! - can stop after a stage ([`StopAfter::Draft`]: uploaded and updated, not committed) and hands out a
//!   serialisable [`ResumeToken`] from which [`Flow::from_resume_token`] continues later.
//!
//! The workflows: [`devcenter`] (app, add-on and flight submissions; package rollout), [`win32`] (MSI/EXE
//! products), [`ingestion`] (Partner Center product → branch → submission) and [`simple`] (one call: get,
//! list, status).

pub mod devcenter;
pub mod ingestion;
pub mod simple;
pub mod spec;
pub mod win32;

use std::fmt;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::api::auth::{self, ClientCredentials, TokenCache, TokenVersion};
use crate::api::{self, Endpoints, Family};
use crate::error::{Error, ErrorKind, Result, ServerError};
use crate::http::{HttpRequest, HttpResponse};
use crate::policy::{retry, PollSchedule, RetryDecision, RetryPolicy};
use crate::secret::redact_url;

pub use crate::task::Tick;
pub use spec::{OldPackages, PendingPolicy, SubmissionSpec};

/// What the host must do next.
#[derive(Debug)]
pub enum Step {
    /// Send this request and pass back [`Event::Response`] (any status) or [`Event::Error`] (no response).
    Send(HttpRequest),
    /// Sleep this long, then pass back [`Event::Waited`].
    Wait(Duration),
    /// Upload files (a ZIP to a SAS URL, or one listing asset), then pass back [`Event::Uploaded`] or
    /// [`Event::Error`].
    Upload(Upload),
    /// The workflow finished (also returned again by every later `resume`).
    Done(Result<Outcome>),
}

/// What happened since the last [`Step`].
#[derive(Debug)]
pub enum Event {
    /// The first call (or the time after a pause): start or continue.
    Start,
    /// The requested [`Step::Wait`] is over.
    Waited,
    /// The response to the last [`Step::Send`], whatever its status.
    Response(HttpResponse),
    /// The last [`Step::Upload`] succeeded.
    Uploaded,
    /// The last send or upload failed without a response (timeout, connection, local IO).
    Error(Error),
}

/// One file of a ZIP upload: where it is (relative to the host's files folder) and its entry name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadFile {
    /// The name as the submission writes it (relative to the files folder; may use `\`).
    pub name: String,
    /// The entry name in the ZIP (`\` turned into `/`).
    pub zip_name: String,
}

/// An upload the host performs with its blob uploader.
#[derive(Clone, PartialEq, Eq)]
pub enum Upload {
    /// Build a ZIP of these files (stored, streamed) and upload it as a block blob to `url`.
    Zip {
        /// The submission's SAS `fileUploadUrl` (a secret: `Debug` redacts its signature).
        url: String,
        /// The files to put in the ZIP.
        files: Vec<UploadFile>,
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

/// Settings shared by every workflow.
#[derive(Clone, Debug)]
pub struct FlowConfig {
    /// Service roots.
    pub endpoints: Endpoints,
    /// Azure AD client credentials.
    pub credentials: ClientCredentials,
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
    /// Per-request timeout put on every request.
    pub request_timeout: Option<Duration>,
}

impl FlowConfig {
    /// A configuration with default retry, poll and timeout settings and the default overall deadline
    /// ([`crate::data::limits::DEFAULT_WORKFLOW_DEADLINE`]; set `deadline = None` for none).
    pub fn new(endpoints: Endpoints, credentials: ClientCredentials) -> Self {
        FlowConfig {
            endpoints,
            credentials,
            token_version: TokenVersion::V2,
            seller_id: None,
            retry: RetryPolicy::default(),
            poll: PollSchedule::default(),
            deadline: Some(crate::data::limits::DEFAULT_WORKFLOW_DEADLINE),
            request_timeout: Some(Duration::from_secs(120)),
        }
    }
}

// ---------------------------------------------------------------------------------------------------
// The interface between the shared engine and one workflow.

/// A call a workflow wants made: an operation id from the route table and its arguments
/// (see [`crate::api::build`]; `sellerId` is added for win32 calls).
#[derive(Clone, Debug)]
pub(crate) struct Call {
    pub op: &'static str,
    pub args: Value,
}

impl Call {
    pub(crate) fn new(op: &'static str, args: Value) -> Self {
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

// ---------------------------------------------------------------------------------------------------
// The engine.

#[derive(Debug)]
enum State {
    /// Nothing outstanding: ask the machine.
    Idle,
    /// A token request is out; then send `pending`.
    AwaitToken,
    /// The API request is out.
    AwaitResponse,
    /// Waiting before repeating `pending`.
    AwaitRetry,
    /// Waiting for a poll delay.
    AwaitPoll,
    /// An upload is out.
    AwaitUpload,
    /// Finished.
    Finished,
}

#[derive(Debug)]
struct Pending {
    call: Call,
    family: Family,
    idempotent: bool,
    attempt: u32,
    refreshed_after_401: bool,
    token_attempt: u32,
}

/// A running workflow: feed it [`Event`]s, execute the [`Step`]s it returns.
pub struct Flow {
    cfg: FlowConfig,
    machine: Box<dyn Machine>,
    tokens: TokenCache,
    state: State,
    pending: Option<Pending>,
    deadline_at: Option<u64>,
    result: Option<Result<Outcome>>,
    requests_sent: u32,
}

impl fmt::Debug for Flow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Flow")
            .field("machine", &self.machine)
            .field("state", &self.state)
            .field("deadline_at", &self.deadline_at)
            .finish_non_exhaustive()
    }
}

impl Flow {
    pub(crate) fn new(cfg: FlowConfig, machine: Box<dyn Machine>) -> Flow {
        Flow {
            cfg,
            machine,
            tokens: TokenCache::new(),
            state: State::Idle,
            pending: None,
            deadline_at: None,
            result: None,
            requests_sent: 0,
        }
    }

    /// Re-creates a stopped workflow from its [`ResumeToken`]. `spec` is applied again only when the
    /// workflow had not updated the submission yet.
    ///
    /// # Errors
    /// `invalid_argument` when the token is not one this version wrote.
    pub fn from_resume_token(cfg: FlowConfig, token: &ResumeToken, spec: Option<SubmissionSpec>) -> Result<Flow> {
        let name = token.0.get("flow").and_then(Value::as_str).unwrap_or("");
        let machine: Box<dyn Machine> = match name {
            "app-submission" | "addon-submission" | "flight-submission" => {
                Box::new(devcenter::SubmissionMachine::from_checkpoint(&token.0, spec)?)
            }
            "win32" => Box::new(win32::Win32Machine::from_checkpoint(&token.0)?),
            _ => return Err(Error::invalid_argument(format!("resume token: unknown flow `{name}`"))),
        };
        Ok(Flow::new(cfg, machine))
    }

    /// Uses tokens obtained earlier (a client reuses them across workflows).
    pub fn with_tokens(mut self, tokens: TokenCache) -> Self {
        self.tokens = tokens;
        self
    }

    /// The token cache (to reuse in the next workflow).
    pub fn tokens(&self) -> &TokenCache {
        &self.tokens
    }

    /// A short name of the current stage, for progress output.
    pub fn stage(&self) -> String {
        self.machine.stage()
    }

    /// How many requests (token requests included) the workflow has asked the host to send.
    pub fn requests_sent(&self) -> u32 {
        self.requests_sent
    }

    /// A token from which the workflow can continue later (when it supports resuming).
    pub fn resume_token(&self) -> Option<ResumeToken> {
        self.machine.checkpoint().map(ResumeToken)
    }

    /// Whether the workflow has finished.
    pub fn is_done(&self) -> bool {
        matches!(self.state, State::Finished)
    }

    /// Advances the workflow with what happened since the last step; returns what to do next.
    pub fn resume(&mut self, event: Event, tick: Tick) -> Step {
        if let Some(result) = &self.result {
            return Step::Done(result.clone());
        }
        if self.deadline_at.is_none() {
            self.deadline_at = self.cfg.deadline.map(|d| tick.now.saturating_add(d.as_secs().max(1)));
        }
        match self.advance(event, tick) {
            Ok(step) => step,
            Err(e) => self.finish(Err(e)),
        }
    }

    fn finish(&mut self, result: Result<Outcome>) -> Step {
        self.state = State::Finished;
        self.result = Some(result.clone());
        Step::Done(result)
    }

    fn deadline_error(&self) -> Error {
        Error::new(
            ErrorKind::DeadlineExceeded,
            format!("workflow deadline passed during stage `{}`", self.machine.stage()),
        )
    }

    fn check_deadline(&self, now: u64, extra: Duration) -> Result<()> {
        if let Some(at) = self.deadline_at {
            let wait_secs = extra.as_secs() + u64::from(extra.subsec_nanos() > 0);
            if now >= at || (!extra.is_zero() && now.saturating_add(wait_secs) > at) {
                return Err(self.deadline_error());
            }
        }
        Ok(())
    }

    fn advance(&mut self, event: Event, tick: Tick) -> Result<Step> {
        self.check_deadline(tick.now, Duration::ZERO)?;
        let state = std::mem::replace(&mut self.state, State::Idle);
        match (state, event) {
            (State::Idle, Event::Start) => self.ask(Reply::Start, tick),
            (State::AwaitPoll, Event::Waited) => self.ask(Reply::Waited, tick),
            (State::AwaitUpload, Event::Uploaded) => self.ask(Reply::Uploaded, tick),
            (State::AwaitUpload, Event::Error(e)) => self.ask(Reply::Failed(e), tick),
            (State::AwaitRetry, Event::Waited) => self.send_pending(tick),
            (State::AwaitToken, Event::Response(resp)) => match auth::parse_token_response(&resp, tick.now) {
                Ok(token) => {
                    let family = self.pending.as_ref().map(|p| p.family).unwrap_or(Family::Devcenter);
                    self.tokens.store(family, token);
                    self.send_pending(tick)
                }
                Err(e) => self.token_failed(e, tick),
            },
            (State::AwaitToken, Event::Error(e)) => self.token_failed(e, tick),
            (State::AwaitResponse, Event::Response(resp)) => {
                let is_win32 = self.pending.as_ref().map(|p| p.family) == Some(Family::Win32);
                if resp.is_success() && !(is_win32 && envelope_failed(&resp)) {
                    self.pending = None;
                    return self.ask(Reply::Ok(resp), tick);
                }
                let err = Error::from_response(&resp);
                if resp.status == 401 {
                    if let Some(p) = self.pending.as_mut() {
                        if !p.refreshed_after_401 {
                            p.refreshed_after_401 = true;
                            let family = p.family;
                            self.tokens.invalidate(family);
                            return self.send_pending(tick);
                        }
                    }
                }
                self.call_failed(err, tick)
            }
            (State::AwaitResponse, Event::Error(e)) => self.call_failed(e, tick),
            (State::Finished, _) => Err(Error::invalid_argument("the workflow has finished")),
            (state, event) => {
                let msg = format!("unexpected event {event:?} in state {state:?}");
                self.state = state;
                Err(Error::invalid_argument(msg))
            }
        }
    }

    fn token_failed(&mut self, e: Error, tick: Tick) -> Result<Step> {
        let Some(p) = self.pending.as_mut() else { return Err(e) };
        p.token_attempt += 1;
        // A token request has no effect to duplicate: treat it as idempotent.
        match retry::decide(&self.cfg.retry, true, p.token_attempt, &e, tick.jitter) {
            RetryDecision::Retry(d) => self.wait_retry(d, tick),
            _ => {
                self.pending = None;
                Err(e)
            }
        }
    }

    fn call_failed(&mut self, e: Error, tick: Tick) -> Result<Step> {
        let Some(p) = self.pending.as_ref() else { return Err(e) };
        match retry::decide(&self.cfg.retry, p.idempotent, p.attempt, &e, tick.jitter) {
            RetryDecision::Retry(d) => {
                if let Some(p) = self.pending.as_mut() {
                    p.attempt += 1;
                }
                self.wait_retry(d, tick)
            }
            RetryDecision::Verify => {
                self.pending = None;
                self.ask(Reply::Ambiguous(e), tick)
            }
            RetryDecision::GiveUp => {
                self.pending = None;
                self.ask(Reply::Failed(e), tick)
            }
        }
    }

    fn wait_retry(&mut self, d: Duration, tick: Tick) -> Result<Step> {
        self.check_deadline(tick.now, d)?;
        self.state = State::AwaitRetry;
        Ok(Step::Wait(d))
    }

    fn ask(&mut self, reply: Reply, tick: Tick) -> Result<Step> {
        match self.machine.step(reply, &self.cfg)? {
            Action::Call(call) => {
                let op = api::routes::operation(call.op)
                    .ok_or_else(|| Error::invalid_argument(format!("unknown operation `{}`", call.op)))?;
                self.pending = Some(Pending {
                    family: op.family,
                    idempotent: op.is_idempotent(),
                    call,
                    attempt: 1,
                    refreshed_after_401: false,
                    token_attempt: 0,
                });
                self.send_pending(tick)
            }
            Action::Upload(u) => {
                self.state = State::AwaitUpload;
                Ok(Step::Upload(u))
            }
            Action::Poll(d) => {
                self.check_deadline(tick.now, d)?;
                self.state = State::AwaitPoll;
                Ok(Step::Wait(d))
            }
            Action::Done(outcome) => Ok(self.finish(Ok(outcome))),
        }
    }

    fn send_pending(&mut self, tick: Tick) -> Result<Step> {
        let p = self.pending.as_ref().ok_or_else(|| Error::invalid_argument("no request to send"))?;
        let family = p.family;
        self.requests_sent += 1;
        let token = self.tokens.get(family, tick.now).map(|t| t.token.clone());
        let Some(token) = token else {
            let mut req =
                auth::token_request(&self.cfg.endpoints, &self.cfg.credentials, family, self.cfg.token_version)?;
            if let Some(t) = self.cfg.request_timeout {
                req.timeout = Some(t);
            }
            self.state = State::AwaitToken;
            return Ok(Step::Send(req));
        };
        let mut args = p.call.args.clone();
        if family == Family::Win32 {
            let seller = self
                .cfg
                .seller_id
                .clone()
                .filter(|s| !s.trim().is_empty())
                .ok_or_else(|| Error::invalid_argument("win32 calls need a seller id (X-Seller-Account-Id)"))?;
            if let Value::Object(m) = &mut args {
                m.insert("sellerId".into(), Value::String(seller));
            }
        }
        let mut req = api::build(&self.cfg.endpoints, p.call.op, &args)?;
        req.authorize(&token);
        if let Some(t) = self.cfg.request_timeout {
            req.timeout = Some(t);
        }
        self.state = State::AwaitResponse;
        Ok(Step::Send(req))
    }

    /// Runs the workflow to the end with closures as the host (handy for tests, scripts and bindings that
    /// drive synchronously): `now` gives the unix time, `send` executes a request, `wait` sleeps (or
    /// advances a fake clock), `upload` performs an upload.
    pub fn run_with(
        &mut self,
        mut now: impl FnMut() -> u64,
        mut send: impl FnMut(HttpRequest) -> Result<HttpResponse>,
        mut wait: impl FnMut(Duration),
        mut upload: impl FnMut(Upload) -> Result<()>,
    ) -> Result<Outcome> {
        let mut step = self.resume(Event::Start, Tick::at(now()));
        loop {
            step = match step {
                Step::Done(r) => return r,
                Step::Send(req) => {
                    let ev = match send(req) {
                        Ok(r) => Event::Response(r),
                        Err(e) => Event::Error(e),
                    };
                    self.resume(ev, Tick::at(now()))
                }
                Step::Wait(d) => {
                    wait(d);
                    self.resume(Event::Waited, Tick::at(now()))
                }
                Step::Upload(u) => {
                    let ev = match upload(u) {
                        Ok(()) => Event::Uploaded,
                        Err(e) => Event::Error(e),
                    };
                    self.resume(ev, Tick::at(now()))
                }
            };
        }
    }
}

/// Continues any stopped workflow from its [`ResumeToken`] (devcenter submissions and win32 products)
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
