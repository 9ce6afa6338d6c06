//! The engine every workflow shares: it turns a [`Workflow`]'s actions into host [`Task`]s and the
//! host's [`Completion`]s back into [`Reply`]s, with pre-flight checks, tokens, retries, polling,
//! deadlines, cancellation, the URL scheme rule, the request named in every error and progress done once
//! for all workflows. [`Flow`] is the [`Machine`] a host drives.

use std::collections::{BTreeSet, HashMap};
use std::fmt;
use std::time::Duration;

use serde_json::Value;

use super::preflight::Check;
use super::types::{Credentials, FlowConfig, Outcome, Upload};
use super::workflow::{envelope_failed, Action, Call, Reply, Workflow};
use crate::api::auth::{self, AccessToken, TokenCache};
use crate::api::{self, Family};
use crate::credential::{FetchNext, TokenFetch};
use crate::error::{Error, ErrorKind, Result};
use crate::http::{check_url_scheme, HttpRequest, Method};
use crate::policy::{retry, RetryDecision};
use crate::secret::redact_url;
use crate::task::{
    Completion, Event, Machine, Progress, Purpose, ResumeToken, Step, Task, TaskId, Tick, WaitReason, Work,
};
use crate::upload::{BlobUpload, UploadSource};

/// What the engine waits for.
#[derive(Debug)]
enum State {
    /// Not started yet.
    New,
    /// The pre-flight stage waits for the host's list of files.
    Preflight(TaskId),
    /// Transient, while an event is handled.
    Idle,
    /// The token for the pending call is being obtained: a token request (`Some`) or a [`Work::Token`];
    /// with a token source, the step of its fetch.
    Token(TaskId, Option<Sent>, Option<Box<TokenFetch>>),
    /// The pending call's request is out.
    Response(TaskId, Sent),
    /// Waiting before repeating the pending call.
    Retry(TaskId),
    /// Waiting for a poll delay.
    Poll(TaskId),
    /// An upload runs: the block-upload machine's tasks are the flow's.
    Upload(Box<UploadRun>),
    /// Finished.
    Finished,
}

/// An upload in progress: the [`BlobUpload`] machine, whose local task ids are mapped to the flow's.
struct UploadRun {
    machine: BlobUpload,
    /// The flow's id of each task of the machine still running → the machine's own id.
    ids: HashMap<TaskId, TaskId>,
}

impl fmt::Debug for UploadRun {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UploadRun").field("machine", &self.machine).field("running", &self.ids.len()).finish()
    }
}

/// What a sent request was, for its [`Progress::Request`] event and the errors about it.
#[derive(Debug)]
struct Sent {
    method: Method,
    url: String,
    purpose: Purpose,
}

impl Sent {
    /// The error about this request: it names the operation and the redacted URL.
    fn about(&self, e: Error) -> Error {
        let op = match &self.purpose {
            Purpose::Api { op } | Purpose::Blob { op } => op.clone(),
            Purpose::Token { family, .. } => format!("token.{}", family.as_str()),
            Purpose::Assertion { source } => format!("assertion.{source}"),
        };
        e.with_request(op, self.method.as_str(), &self.url)
    }
}

/// The call in progress, with its retry bookkeeping.
#[derive(Debug)]
struct Pending {
    call: Call,
    family: Family,
    idempotent: bool,
    attempt: u32,
    refreshed_after_401: bool,
    token_attempt: u32,
}

/// A running workflow: the [`Machine`] a host drives (feed it [`Event`]s, start the [`Task`]s of the
/// [`Step`]s it returns, forward its [`Progress`]).
pub struct Flow {
    cfg: FlowConfig,
    machine: Box<dyn Workflow>,
    /// The checks before the first request, until they passed.
    preflight: Option<Check>,
    tokens: TokenCache,
    state: State,
    pending: Option<Pending>,
    deadline_at: Option<u64>,
    result: Option<Result<Outcome>>,
    requests_sent: u32,
    next_id: u64,
    /// Tasks handed out and not completed yet (completions of abandoned ones are ignored).
    outstanding: BTreeSet<TaskId>,
    progress: Vec<Progress>,
    stage_seen: Option<String>,
    #[cfg(test)]
    pub(crate) uploads_started: Vec<Upload>,
}

impl fmt::Debug for Flow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Flow")
            .field("machine", &self.machine)
            .field("state", &self.state)
            .field("deadline_at", &self.deadline_at)
            .field("outstanding", &self.outstanding)
            .finish_non_exhaustive()
    }
}

impl Flow {
    pub(crate) fn new(cfg: FlowConfig, machine: Box<dyn Workflow>) -> Flow {
        Flow {
            cfg,
            machine,
            preflight: None,
            tokens: TokenCache::new(),
            state: State::New,
            pending: None,
            deadline_at: None,
            result: None,
            requests_sent: 0,
            next_id: 1,
            outstanding: BTreeSet::new(),
            progress: Vec::new(),
            stage_seen: None,
            #[cfg(test)]
            uploads_started: Vec::new(),
        }
    }

    /// The files the pre-flight stage will look for (the scripted test host has them all by default).
    #[cfg(test)]
    pub(crate) fn preflight_names(&self) -> Vec<String> {
        self.preflight.as_ref().map(Check::names).unwrap_or_default()
    }

    /// The same workflow with pre-flight checks as its first stage: nothing is sent before they pass.
    pub(crate) fn with_preflight(mut self, check: Check) -> Flow {
        self.preflight = Some(check);
        self
    }

    /// The workflow's settings and logic, to run inside another machine (a plan drives a publishing
    /// workflow's own machine, so that it lists exactly what that workflow would send).
    pub(crate) fn into_parts(self) -> (FlowConfig, Box<dyn Workflow>, Option<Check>) {
        (self.cfg, self.machine, self.preflight)
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

    /// The settings the workflow runs with.
    pub fn config(&self) -> &FlowConfig {
        &self.cfg
    }

    /// How many requests (token requests included, blob requests not) the workflow has asked the host
    /// to send.
    pub fn requests_sent(&self) -> u32 {
        self.requests_sent
    }

    /// Whether the workflow has finished.
    pub fn is_done(&self) -> bool {
        self.result.is_some()
    }

    fn fail(&mut self, e: Error) -> Step<Outcome> {
        let token = self.resume_token();
        if let Some(token) = &token {
            self.progress.push(Progress::Resumable(token.clone()));
        }
        self.finish(Err(e.with_resume_token(token.map(|t| t.to_json()))));
        Step::Done(self.result.clone().unwrap_or_else(|| unreachable!()))
    }

    fn finish(&mut self, result: Result<Outcome>) {
        self.state = State::Finished;
        self.pending = None;
        self.outstanding.clear();
        self.result = Some(result);
    }

    fn deadline_error(&self) -> Error {
        Error::new(ErrorKind::DeadlineExceeded, format!("workflow deadline passed during stage `{}`", self.stage()))
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

    /// Hands out a task: gives it an id, remembers it as outstanding.
    fn task(&mut self, work: Work, run: &mut Vec<Task>) -> TaskId {
        let id = TaskId(self.next_id);
        self.next_id += 1;
        self.outstanding.insert(id);
        run.push(Task { id, work });
        id
    }

    /// Hands out a request, after the URL scheme check every request passes.
    fn send(
        &mut self,
        mut request: HttpRequest,
        purpose: Purpose,
        now: u64,
        run: &mut Vec<Task>,
    ) -> Result<(TaskId, Sent)> {
        check_url_scheme(&request.url)?;
        self.bound_timeout(&mut request, now);
        if !matches!(purpose, Purpose::Blob { .. }) {
            self.requests_sent += 1;
        }
        let sent = Sent { method: request.method, url: redact_url(&request.url), purpose: purpose.clone() };
        Ok((self.task(Work::Send { request, purpose }, run), sent))
    }

    /// Bounds a request's timeout by the time the workflow has left, so the deadline cuts a request in
    /// flight instead of waiting for the per-request timeout (at least one second, so a request can be
    /// made at all).
    fn bound_timeout(&self, request: &mut HttpRequest, now: u64) {
        if let Some(at) = self.deadline_at {
            let left = Duration::from_secs(at.saturating_sub(now).max(1));
            request.timeout = Some(request.timeout.map_or(left, |t| t.min(left)));
        }
    }

    fn wait(&mut self, duration: Duration, reason: WaitReason, run: &mut Vec<Task>) -> TaskId {
        self.progress.push(Progress::Wait { duration, reason: reason.clone() });
        self.task(Work::Wait { duration, reason }, run)
    }

    fn note_stage(&mut self) {
        let stage = self.stage();
        if self.stage_seen.as_deref() != Some(stage.as_str()) {
            self.progress.push(Progress::Stage(stage.clone()));
            self.stage_seen = Some(stage);
        }
    }

    fn note_request(&mut self, sent: Sent, status: Option<u16>) {
        if !matches!(sent.purpose, Purpose::Blob { .. }) {
            self.progress.push(Progress::Request { method: sent.method, url: sent.url, status, purpose: sent.purpose });
        }
    }

    fn advance(&mut self, event: Event, tick: Tick, run: &mut Vec<Task>) -> Result<()> {
        let (id, completion) = match event {
            Event::Cancel => {
                return Err(Error::new(
                    ErrorKind::Cancelled,
                    format!("the workflow was cancelled during stage `{}`", self.stage()),
                ))
            }
            Event::Start => {
                self.check_deadline(tick.now, Duration::ZERO)?;
                if matches!(self.state, State::New) {
                    self.state = State::Idle;
                    self.note_stage();
                    return self.start_preflight(tick, run);
                }
                // Started already: nothing new.
                return Ok(());
            }
            Event::Completed(id, completion) => (id, completion),
        };
        if !self.outstanding.remove(&id) {
            return Err(Error::invalid_argument(format!("completion of task {id}, which is not running")));
        }
        self.check_deadline(tick.now, Duration::ZERO)?;
        let state = std::mem::replace(&mut self.state, State::Idle);
        match state {
            State::Preflight(t) if t == id => self.preflight_done(id, completion, tick, run),
            State::Token(t, sent, Some(fetch)) if t == id => self.fetch_done(sent, fetch, completion, tick, run),
            State::Token(t, sent, None) if t == id => self.token_done(id, sent, completion, tick, run),
            State::Response(t, sent) if t == id => self.response_done(id, sent, completion, tick, run),
            State::Retry(t) if t == id => {
                expect_waited(id, completion)?;
                self.send_pending(tick, run)
            }
            State::Poll(t) if t == id => {
                expect_waited(id, completion)?;
                self.ask(Reply::Waited, tick, run)
            }
            State::Upload(mut up) => match up.ids.remove(&id) {
                Some(local) => self.drive_upload(up, Some((local, completion)), tick, run),
                None => {
                    // A task of an earlier upload, abandoned when it finished.
                    self.state = State::Upload(up);
                    Ok(())
                }
            },
            other => {
                // A task abandoned earlier (of an upload that finished without it): ignore its completion.
                self.state = other;
                Ok(())
            }
        }
    }

    /// The pre-flight stage: the rules first (nothing asked of the host), then, when the workflow uploads
    /// files, the host's list of files; the workflow starts only when both pass.
    fn start_preflight(&mut self, tick: Tick, run: &mut Vec<Task>) -> Result<()> {
        let Some(check) = &self.preflight else { return self.ask(Reply::Start, tick, run) };
        match check.rules()? {
            Some(archive) => {
                let id = self.task(Work::List { archive }, run);
                self.state = State::Preflight(id);
                Ok(())
            }
            None => self.preflight_passed(tick, run),
        }
    }

    fn preflight_done(&mut self, id: TaskId, completion: Completion, tick: Tick, run: &mut Vec<Task>) -> Result<()> {
        let check = self.preflight.as_ref().ok_or_else(|| Error::invalid_argument("no pre-flight check runs"))?;
        match completion {
            Completion::Files(files) => check.files(&files)?,
            Completion::Failed(e) => return Err(check.no_files(e)),
            other => return Err(mismatch(id, "list", &other)),
        }
        self.preflight_passed(tick, run)
    }

    fn preflight_passed(&mut self, tick: Tick, run: &mut Vec<Task>) -> Result<()> {
        self.preflight = None;
        self.note_stage();
        self.ask(Reply::Start, tick, run)
    }

    /// A task of a token source's fetch finished: the next task, or the token.
    fn fetch_done(
        &mut self,
        sent: Option<Sent>,
        mut fetch: Box<TokenFetch>,
        completion: Completion,
        tick: Tick,
        run: &mut Vec<Task>,
    ) -> Result<()> {
        let Credentials::Source(source) = &self.cfg.credentials else {
            return Err(Error::invalid_argument("a token source's task completed without a token source"));
        };
        let status = match &completion {
            Completion::Response(r) => Some(r.status),
            _ => None,
        };
        let next = fetch.complete(source, (&self.cfg.endpoints, self.cfg.token_version), completion, tick.now);
        let next = match sent {
            Some(sent) => {
                let next = next.map_err(|e| sent.about(e));
                self.note_request(sent, status);
                next
            }
            None => next,
        };
        match next {
            Ok(FetchNext::Token(token)) => {
                let family = self.pending.as_ref().map(|p| p.family).unwrap_or(Family::Devcenter);
                self.tokens.store(family, token);
                self.send_pending(tick, run)
            }
            Ok(next) => self.fetch_task(fetch, next, tick, run),
            Err(e) => self.token_failed(e, tick, run),
        }
    }

    /// Hands out a token source's next task.
    fn fetch_task(&mut self, fetch: Box<TokenFetch>, next: FetchNext, tick: Tick, run: &mut Vec<Task>) -> Result<()> {
        self.state = match next {
            FetchNext::Send(mut req, purpose) => {
                if let Some(t) = self.cfg.request_timeout {
                    req.timeout = Some(t);
                }
                let (id, sent) = self.send(req, purpose, tick.now, run)?;
                State::Token(id, Some(sent), Some(fetch))
            }
            FetchNext::Task(work) => State::Token(self.task(work, run), None, Some(fetch)),
            FetchNext::Token(_) => return Err(Error::invalid_argument("a token is not a task")),
        };
        Ok(())
    }

    fn token_done(
        &mut self,
        id: TaskId,
        sent: Option<Sent>,
        completion: Completion,
        tick: Tick,
        run: &mut Vec<Task>,
    ) -> Result<()> {
        let token: Result<AccessToken> = match (completion, sent) {
            (Completion::Response(resp), Some(sent)) => {
                let parsed = auth::parse_token_response(&resp, tick.now).map_err(|e| sent.about(e));
                self.note_request(sent, Some(resp.status));
                parsed
            }
            (Completion::Token(t), None) => Ok(t),
            (Completion::Failed(e), sent) => match sent {
                Some(sent) => {
                    let e = sent.about(e);
                    self.note_request(sent, None);
                    Err(e)
                }
                None => Err(e),
            },
            (other, _) => return Err(mismatch(id, "token", &other)),
        };
        match token {
            Ok(token) => {
                let family = self.pending.as_ref().map(|p| p.family).unwrap_or(Family::Devcenter);
                self.tokens.store(family, token);
                self.send_pending(tick, run)
            }
            Err(e) => self.token_failed(e, tick, run),
        }
    }

    fn response_done(
        &mut self,
        id: TaskId,
        sent: Sent,
        completion: Completion,
        tick: Tick,
        run: &mut Vec<Task>,
    ) -> Result<()> {
        match completion {
            Completion::Response(resp) => {
                let err = Error::from_response(&resp);
                let err = sent.about(err);
                self.note_request(sent, Some(resp.status));
                let is_win32 = self.pending.as_ref().map(|p| p.family) == Some(Family::Win32);
                if resp.is_success() && !(is_win32 && envelope_failed(&resp)) {
                    self.pending = None;
                    return self.ask(Reply::Ok(resp), tick, run);
                }
                if resp.status == 401 {
                    if let Some(p) = self.pending.as_mut() {
                        if !p.refreshed_after_401 {
                            p.refreshed_after_401 = true;
                            let family = p.family;
                            self.tokens.invalidate(family);
                            return self.send_pending(tick, run);
                        }
                    }
                }
                self.call_failed(err, tick, run)
            }
            Completion::Failed(e) => {
                let e = sent.about(e);
                self.note_request(sent, None);
                self.call_failed(e, tick, run)
            }
            other => Err(mismatch(id, "send", &other)),
        }
    }

    fn token_failed(&mut self, e: Error, tick: Tick, run: &mut Vec<Task>) -> Result<()> {
        let Some(p) = self.pending.as_mut() else { return Err(e) };
        p.token_attempt += 1;
        let attempt = p.token_attempt;
        // A token request has no effect to duplicate: treat it as idempotent.
        match retry::decide(&self.cfg.retry, true, attempt, &e, tick.jitter) {
            RetryDecision::Retry(d) => self.wait_retry(d, &e, attempt, tick, run),
            _ => {
                self.pending = None;
                Err(e)
            }
        }
    }

    fn call_failed(&mut self, e: Error, tick: Tick, run: &mut Vec<Task>) -> Result<()> {
        let Some(p) = self.pending.as_ref() else { return Err(e) };
        let attempt = p.attempt;
        match retry::decide(&self.cfg.retry, p.idempotent, attempt, &e, tick.jitter) {
            RetryDecision::Retry(d) => {
                if let Some(p) = self.pending.as_mut() {
                    p.attempt += 1;
                }
                self.wait_retry(d, &e, attempt, tick, run)
            }
            RetryDecision::Verify => {
                self.pending = None;
                self.ask(Reply::Ambiguous(e), tick, run)
            }
            RetryDecision::GiveUp => {
                self.pending = None;
                self.ask(Reply::Failed(e), tick, run)
            }
        }
    }

    fn wait_retry(&mut self, d: Duration, e: &Error, attempt: u32, tick: Tick, run: &mut Vec<Task>) -> Result<()> {
        self.check_deadline(tick.now, d)?;
        let id = self.wait(d, WaitReason::Retry { code: e.code().to_string(), attempt }, run);
        self.state = State::Retry(id);
        Ok(())
    }

    fn ask(&mut self, reply: Reply, tick: Tick, run: &mut Vec<Task>) -> Result<()> {
        let action = self.machine.step(reply, &self.cfg)?;
        self.note_stage();
        match action {
            Action::Call(call) => {
                let op = call.op;
                self.pending = Some(Pending {
                    family: op.family,
                    idempotent: op.is_idempotent(),
                    call,
                    attempt: 1,
                    refreshed_after_401: false,
                    token_attempt: 0,
                });
                self.send_pending(tick, run)
            }
            Action::Upload(u) => self.start_upload(u, tick, run),
            Action::Poll(d) => {
                self.check_deadline(tick.now, d)?;
                let stage = self.machine.stage();
                let status = stage.split_once(": ").map(|(_, s)| s.to_string()).unwrap_or(stage);
                let id = self.wait(d, WaitReason::Poll { status }, run);
                self.state = State::Poll(id);
                Ok(())
            }
            Action::Done(outcome) => {
                self.finish(Ok(outcome));
                Ok(())
            }
        }
    }

    /// Starts the block-upload machine for an upload action, with the flow's upload settings.
    fn start_upload(&mut self, upload: Upload, tick: Tick, run: &mut Vec<Task>) -> Result<()> {
        #[cfg(test)]
        self.uploads_started.push(upload.clone());
        let settings = &self.cfg.upload;
        let machine = match upload {
            Upload::Zip { url, files } => {
                check_url_scheme(&url).and_then(|()| BlobUpload::new(&url, UploadSource::Zip(files), settings))
            }
            Upload::Archive { url, file } => {
                check_url_scheme(&url).and_then(|()| BlobUpload::new(&url, UploadSource::File(file), settings))
            }
            Upload::Asset { file, url, fallback_url, headers } => check_url_scheme(&url)
                .and_then(|()| fallback_url.as_deref().map_or(Ok(()), check_url_scheme))
                .and_then(|()| BlobUpload::asset(&url, fallback_url.as_deref(), file, headers, settings)),
        };
        match machine {
            Ok(machine) => {
                let up = Box::new(UploadRun { machine, ids: HashMap::new() });
                self.drive_upload(up, None, tick, run)
            }
            Err(e) => self.ask(Reply::Failed(e), tick, run),
        }
    }

    /// Advances the upload with one completion (`None`: begin), hands out its new tasks as the flow's,
    /// reports its bytes, and tells the workflow when it is over.
    fn drive_upload(
        &mut self,
        mut up: Box<UploadRun>,
        completion: Option<(TaskId, Completion)>,
        tick: Tick,
        run: &mut Vec<Task>,
    ) -> Result<()> {
        let event = completion.map_or(Event::Start, |(id, c)| Event::Completed(id, c));
        let step = up.machine.resume(event, tick);
        self.progress.extend(up.machine.take_progress());
        match step {
            Step::Run(tasks) => {
                for mut task in tasks {
                    match &mut task.work {
                        Work::Send { request, .. } => {
                            if let Err(e) = check_url_scheme(&request.url) {
                                return self.ask(Reply::Failed(e), tick, run);
                            }
                            self.bound_timeout(request, tick.now);
                        }
                        Work::Wait { duration, reason } => {
                            self.check_deadline(tick.now, *duration)?;
                            self.progress.push(Progress::Wait { duration: *duration, reason: reason.clone() });
                        }
                        _ => {}
                    }
                    let id = self.task(task.work, run);
                    up.ids.insert(id, task.id);
                }
                self.state = State::Upload(up);
                Ok(())
            }
            Step::Pending => {
                self.state = State::Upload(up);
                Ok(())
            }
            Step::Done(Ok(_)) => self.ask(Reply::Uploaded, tick, run),
            Step::Done(Err(e)) => self.ask(Reply::Failed(e), tick, run),
        }
    }

    fn send_pending(&mut self, tick: Tick, run: &mut Vec<Task>) -> Result<()> {
        let p = self.pending.as_ref().ok_or_else(|| Error::invalid_argument("no request to send"))?;
        let family = p.family;
        let token = self.tokens.get(family, tick.now).map(|t| t.token.clone());
        let Some(token) = token else {
            let scope = auth::scope_for(family);
            self.state = match &self.cfg.credentials {
                Credentials::ClientSecret(creds) => {
                    let mut req = auth::token_request(&self.cfg.endpoints, creds, family, self.cfg.token_version)?;
                    if let Some(t) = self.cfg.request_timeout {
                        req.timeout = Some(t);
                    }
                    let (id, sent) = self.send(req, Purpose::Token { family, scope }, tick.now, run)?;
                    State::Token(id, Some(sent), None)
                }
                Credentials::External => State::Token(self.task(Work::Token { family, scope }, run), None, None),
                Credentials::Source(source) => {
                    let (fetch, next) = TokenFetch::start(source, family)?;
                    return self.fetch_task(Box::new(fetch), next, tick, run);
                }
            };
            return Ok(());
        };
        let op = p.call.op;
        let mut req = call_request(&self.cfg, &p.call)?;
        req.authorize(&token);
        if let Some(t) = self.cfg.request_timeout {
            req.timeout = Some(t);
        }
        let (id, sent) = self.send(req, Purpose::Api { op: op.id.to_string() }, tick.now, run)?;
        self.state = State::Response(id, sent);
        Ok(())
    }
}

impl Machine for Flow {
    type Output = Outcome;

    /// Advances the workflow with what happened since the last step; returns what to do next.
    fn resume(&mut self, event: Event, tick: Tick) -> Step<Outcome> {
        if let Some(result) = &self.result {
            return Step::Done(result.clone());
        }
        if self.deadline_at.is_none() {
            self.deadline_at = self.cfg.deadline.map(|d| tick.now.saturating_add(d.as_secs().max(1)));
        }
        let mut run = Vec::new();
        match self.advance(event, tick, &mut run) {
            Ok(()) if self.result.is_some() => Step::Done(self.result.clone().unwrap_or_else(|| unreachable!())),
            Ok(()) if run.is_empty() => Step::Pending,
            Ok(()) => Step::Run(run),
            Err(e) => self.fail(e),
        }
    }

    fn take_progress(&mut self) -> Vec<Progress> {
        std::mem::take(&mut self.progress)
    }

    /// `preflight` until the checks passed, then the workflow's own stage (`create`, `upload`, …).
    fn stage(&self) -> String {
        if self.preflight.is_some() {
            return "preflight".into();
        }
        self.machine.stage()
    }

    fn resume_token(&self) -> Option<ResumeToken> {
        self.machine.checkpoint().map(ResumeToken)
    }
}

/// The request a workflow's call becomes (the seller id added to win32 calls), before it is authorised:
/// what the engine sends, and what a plan ([`super::plan`]) lists without sending it.
///
/// # Errors
/// `invalid_argument` for a win32 call without a seller id, or arguments the operation refuses.
pub(crate) fn call_request(cfg: &FlowConfig, call: &Call) -> Result<HttpRequest> {
    let mut args = call.args.clone();
    if call.op.family == Family::Win32 {
        let seller = cfg
            .seller_id
            .clone()
            .filter(|s| !s.trim().is_empty())
            .ok_or_else(|| Error::invalid_argument("win32 calls need a seller id (X-Seller-Account-Id)"))?;
        if let Value::Object(m) = &mut args {
            m.insert("sellerId".into(), Value::String(seller));
        }
    }
    api::build_operation(&cfg.endpoints, call.op, &args)
}

fn expect_waited(id: TaskId, completion: Completion) -> Result<()> {
    match completion {
        Completion::Waited => Ok(()),
        other => Err(mismatch(id, "wait", &other)),
    }
}

/// A host reported a completion of the wrong kind (a host bug).
fn mismatch(id: TaskId, what: &str, got: &Completion) -> Error {
    Error::invalid_argument(format!("the {what} task {id} was completed with {}", got.kind_name()))
}

#[cfg(test)]
mod tests {
    use crate::task::Machine;
    use serde_json::json;

    use super::*;
    use crate::api::Endpoints;
    use crate::flow::script::{cfg, Script};
    use crate::flow::simple;
    use crate::http::HttpResponse;

    fn external() -> FlowConfig {
        let mut c = cfg();
        c.credentials = Credentials::External;
        c
    }

    fn get_app(c: FlowConfig) -> Flow {
        simple::call(c, "devcenter.get_app", json!({"applicationId": "9APP"})).unwrap()
    }

    #[test]
    fn an_external_credential_is_asked_and_asked_once_more_after_a_401() {
        let mut s = Script::new();
        s.token(3600);
        s.expect(Method::Get, "/applications/9APP", 401, json!({"code": "Unauthorized"}));
        s.token(3600);
        s.expect(Method::Get, "/applications/9APP", 200, json!({"id": "9APP"}));
        let mut flow = get_app(external());
        assert_eq!(s.run(&mut flow).unwrap().document.unwrap()["id"], "9APP");
        let scope = auth::scope_for(Family::Devcenter);
        assert_eq!(s.tokens_asked, vec![(Family::Devcenter, scope.clone()), (Family::Devcenter, scope)]);
        assert_eq!(flow.requests_sent(), 2, "token tasks are not requests");
        s.finish();

        // A second 401 is the answer: asked twice, no more.
        let mut s = Script::new();
        for _ in 0..2 {
            s.token(3600);
            s.expect(Method::Get, "/applications/9APP", 401, json!({}));
        }
        let e = s.run(&mut get_app(external())).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Auth);
        assert_eq!(s.tokens_asked.len(), 2);
        s.finish();
    }

    #[test]
    fn an_external_token_is_refreshed_before_it_expires() {
        let mut s = Script::new();
        s.token(2);
        s.expect(Method::Get, "/applications/9APP", 500, json!({}));
        s.token(3600);
        s.expect(Method::Get, "/applications/9APP", 200, json!({}));
        let mut flow = get_app(external());
        s.run(&mut flow).unwrap();
        assert_eq!(s.tokens_asked.len(), 2, "the retry came after the first token's refresh time");
        // The next flow of the same host reuses the cached token.
        let mut s2 = Script::new();
        s2.now = s.now;
        s2.expect(Method::Get, "/applications/9APP", 200, json!({}));
        let mut next = get_app(external()).with_tokens(flow.tokens().clone());
        s2.run(&mut next).unwrap();
        assert!(s2.tokens_asked.is_empty());
        s2.finish();
    }

    #[test]
    fn progress_says_stage_request_and_why_it_waits() {
        let mut s = Script::new();
        s.token(3600);
        s.expect(Method::Get, "/applications/9APP", 503, json!({}));
        s.expect(Method::Get, "/applications/9APP", 200, json!({}));
        let mut flow = get_app(cfg());
        s.run(&mut flow).unwrap();
        let p = flow.take_progress();
        assert!(matches!(&p[0], Progress::Stage(_)), "{p:?}");
        assert!(p.iter().any(|e| matches!(
            e,
            Progress::Request { status: Some(200), purpose: Purpose::Token { family: Family::Devcenter, .. }, .. }
        )));
        let waits: Vec<_> = p
            .iter()
            .filter_map(|e| match e {
                Progress::Wait { reason, .. } => Some(reason.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(waits, vec![WaitReason::Retry { code: "unavailable".into(), attempt: 1 }]);
        let statuses: Vec<_> = p
            .iter()
            .filter_map(|e| match e {
                Progress::Request { purpose: Purpose::Api { op }, status, .. } => Some((op.as_str(), *status)),
                _ => None,
            })
            .collect();
        assert_eq!(statuses, vec![("devcenter.get_app", Some(503)), ("devcenter.get_app", Some(200))]);
        assert!(flow.take_progress().is_empty(), "drained");
    }

    #[test]
    fn cancel_stops_the_flow_and_later_completions_change_nothing() {
        let mut flow = get_app(cfg());
        let Step::Run(tasks) = flow.resume(Event::Start, Tick::at(100)) else { panic!("a token request first") };
        assert!(matches!(&tasks[0].work, Work::Send { purpose: Purpose::Token { .. }, .. }));
        let Step::Done(Err(e)) = flow.resume(Event::Cancel, Tick::at(101)) else { panic!("cancelled") };
        assert_eq!(e.kind(), ErrorKind::Cancelled);
        assert!(flow.is_done());
        assert!(!flow.take_progress().iter().any(|p| matches!(p, Progress::Resumable(_))), "nothing to resume");
        let late = Completion::Response(HttpResponse::json(200, &json!({"access_token": "t", "expires_in": 3600})));
        let Step::Done(Err(e)) = flow.resume(Event::Completed(tasks[0].id, late), Tick::at(102)) else {
            panic!("still done")
        };
        assert_eq!(e.kind(), ErrorKind::Cancelled);
    }

    #[test]
    fn a_plain_http_remote_url_is_never_handed_out() {
        let mut c = cfg();
        c.endpoints = Endpoints::all_at("http://store.example");
        let mut flow = get_app(c);
        match flow.resume(Event::Start, Tick::at(100)) {
            Step::Done(Err(e)) => assert_eq!(e.kind(), ErrorKind::Unsupported),
            other => panic!("{other:?}"),
        }
        assert_eq!(flow.requests_sent(), 0);
    }

    fn app_publish(changes: serde_json::Value) -> Flow {
        use crate::flow::devcenter::{submission, SubmissionOptions, Target};
        let spec = crate::spec::SubmissionSpec::from_changes(changes);
        submission(cfg(), Target::App { app_id: "9APP".into() }, spec, SubmissionOptions::default())
    }

    #[test]
    fn a_publish_checks_its_files_before_any_request() {
        let mut s = Script::new();
        s.files(&["other.bin", "Images/shot.png"]);
        let changes = json!({"applicationPackages": [{"fileName": "app.msixupload"}],
            "listings": {"en-us": {"baseListing": {"images": [{"fileName": "Images\\Shot.png", "imageType": "Screenshot"}]}}}});
        let mut flow = app_publish(changes);
        let e = s.run(&mut flow).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::MissingFiles, "{e}");
        let codes: Vec<&str> = e.issues().iter().map(|i| i.code.as_str()).collect();
        assert_eq!(codes, ["files.missing", "files.case_mismatch"], "{e}");
        assert!(s.sent.is_empty(), "nothing was sent: {:?}", s.sent);
        let p = flow.take_progress();
        assert_eq!(p.first(), Some(&Progress::Stage("preflight".into())), "{p:?}");
        assert!(e.resume_token().is_none() && e.request().is_none(), "{e:?}");
    }

    #[test]
    fn a_broken_document_fails_in_preflight_and_a_host_without_files_is_told_to_pass_them() {
        let mut s = Script::new();
        let mut flow = app_publish(json!({"visibility": "Sometimes"}));
        let e = s.run(&mut flow).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Validation, "{e}");
        assert!(s.sent.is_empty());

        // A host that has no files at all (no folder given) answers the list with `unsupported`.
        let mut flow = app_publish(json!({"applicationPackages": [{"fileName": "app.msixupload"}]}));
        let Step::Run(tasks) = flow.resume(Event::Start, Tick::at(100)) else { panic!("a list task first") };
        assert!(matches!(tasks[0].work, Work::List { archive: None }), "{:?}", tasks[0].work);
        let none = Completion::Failed(Error::new(ErrorKind::Unsupported, "this host has no files"));
        let Step::Done(Err(e)) = flow.resume(Event::Completed(tasks[0].id, none), Tick::at(100)) else { panic!() };
        assert_eq!(e.kind(), ErrorKind::InvalidArgument);
        assert!(e.message().contains("pass the folder"), "{e}");
        assert_eq!(flow.requests_sent(), 0);

        // Nothing to upload: no list task, the workflow starts at once.
        let mut flow = app_publish(json!({"applicationCategory": "Games"}));
        let Step::Run(tasks) = flow.resume(Event::Start, Tick::at(100)) else { panic!() };
        assert!(matches!(&tasks[0].work, Work::Send { purpose: Purpose::Token { .. }, .. }), "{:?}", tasks[0].work);
    }

    #[test]
    fn errors_name_the_request_and_a_cancelled_run_carries_its_resume_token() {
        let mut s = Script::new();
        s.token(3600);
        s.expect(Method::Get, "/applications/9APP", 404, json!({"code": "NotFound", "message": "no app"}));
        let e = s.run(&mut get_app(cfg())).unwrap_err();
        let r = e.request().expect("the request is named");
        assert_eq!((r.op.as_str(), r.method.as_str()), ("devcenter.get_app", "GET"));
        assert!(r.url.ends_with("/applications/9APP"), "{r:?}");
        assert!(e.to_string().contains("(GET http://127.0.0.1:1"), "{e}");
    }

    #[test]
    fn the_deadline_bounds_every_request_timeout() {
        let mut c = cfg();
        c.deadline = Some(Duration::from_secs(30));
        c.request_timeout = Some(Duration::from_secs(120));
        let mut flow = get_app(c);
        let Step::Run(tasks) = flow.resume(Event::Start, Tick::at(1_000)) else { panic!() };
        let Work::Send { request, .. } = &tasks[0].work else { panic!() };
        assert_eq!(request.timeout, Some(Duration::from_secs(30)), "the time left, not the 120 s per request");
        let token = Completion::Response(HttpResponse::json(200, &json!({"access_token": "t", "expires_in": 3600})));
        let Step::Run(tasks) = flow.resume(Event::Completed(tasks[0].id, token), Tick::at(1_020)) else { panic!() };
        let Work::Send { request, .. } = &tasks[0].work else { panic!() };
        assert_eq!(request.timeout, Some(Duration::from_secs(10)), "20 s later, 10 s are left");
    }

    #[test]
    fn host_mistakes_are_typed_errors() {
        let mut flow = get_app(cfg());
        assert!(matches!(flow.resume(Event::Start, Tick::at(100)), Step::Run(_)));
        assert!(matches!(flow.resume(Event::Start, Tick::at(100)), Step::Pending), "started already");
        match flow.resume(Event::Completed(TaskId(99), Completion::Waited), Tick::at(100)) {
            Step::Done(Err(e)) => assert_eq!(e.kind(), ErrorKind::InvalidArgument, "{e}"),
            other => panic!("{other:?}"),
        }
        let mut flow = get_app(cfg());
        let Step::Run(tasks) = flow.resume(Event::Start, Tick::at(100)) else { panic!() };
        match flow.resume(Event::Completed(tasks[0].id, Completion::Waited), Tick::at(100)) {
            Step::Done(Err(e)) => assert!(e.message().contains("token"), "{e}"),
            other => panic!("{other:?}"),
        }
    }
}
