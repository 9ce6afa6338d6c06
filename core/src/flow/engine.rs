//! The engine every workflow shares: it turns a [`Machine`]'s actions into host [`Task`]s and the
//! host's [`Completion`]s back into [`Reply`]s, with tokens, retries, polling, deadlines, cancellation,
//! the URL scheme rule and progress done once for all workflows.

use std::collections::{BTreeSet, HashMap};
use std::fmt;
use std::time::Duration;

use serde_json::Value;

use super::{
    devcenter, envelope_failed, win32, Action, Call, Credentials, Event, FlowConfig, Machine, Outcome, Progress, Reply,
    ResumeToken, Step, SubmissionSpec, Upload,
};
use crate::api::auth::{self, AccessToken, TokenCache};
use crate::api::blob::{BlobUpload, UploadSource, UploadStep};
use crate::api::{self, Family};
use crate::error::{Error, ErrorKind, Result};
use crate::http::{check_url_scheme, HttpRequest, Method};
use crate::policy::{retry, RetryDecision};
use crate::secret::redact_url;
use crate::task::{Completion, Purpose, Task, TaskId, Tick, WaitReason, Work};

/// What the engine waits for.
#[derive(Debug)]
enum State {
    /// Not started yet.
    New,
    /// Transient, while an event is handled.
    Idle,
    /// The token for the pending call is being obtained: a token request (`Some`) or a [`Work::Token`].
    Token(TaskId, Option<Sent>),
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

/// An upload in progress: h-blob's [`BlobUpload`] machine, whose local task ids are mapped to the flow's.
struct UploadRun {
    machine: BlobUpload,
    /// The flow's id of each task of the machine still running → the machine's own id.
    ids: HashMap<TaskId, TaskId>,
    /// The last bytes reported as [`Progress::Upload`].
    reported: (u64, u64),
}

impl fmt::Debug for UploadRun {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UploadRun").field("machine", &self.machine).field("running", &self.ids.len()).finish()
    }
}

/// What a sent request was, for its [`Progress::Request`] event.
#[derive(Debug)]
struct Sent {
    method: Method,
    url: String,
    purpose: Purpose,
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

/// A running workflow: feed it [`Event`]s, start the [`Task`]s of the [`Step`]s it returns, forward its
/// [`Progress`].
pub struct Flow {
    cfg: FlowConfig,
    machine: Box<dyn Machine>,
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
    pub(crate) fn new(cfg: FlowConfig, machine: Box<dyn Machine>) -> Flow {
        Flow {
            cfg,
            machine,
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
            "ingestion" => Box::new(super::ingestion::IngestionMachine::from_checkpoint(&token.0, None)?),
            _ => return Err(Error::invalid_argument(format!("resume token: unknown flow `{name}`"))),
        };
        Ok(Flow::new(cfg, machine))
    }

    /// The workflow's settings and logic, to run inside another machine (a plan drives a publishing
    /// workflow's own machine, so that it lists exactly what that workflow would send).
    pub(crate) fn into_parts(self) -> (FlowConfig, Box<dyn Machine>) {
        (self.cfg, self.machine)
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

    /// A short name of the current stage (also reported as [`Progress::Stage`]).
    pub fn stage(&self) -> String {
        self.machine.stage()
    }

    /// How many requests (token requests included, blob requests not) the workflow has asked the host
    /// to send.
    pub fn requests_sent(&self) -> u32 {
        self.requests_sent
    }

    /// A token from which the workflow can continue later (when it supports resuming).
    pub fn resume_token(&self) -> Option<ResumeToken> {
        self.machine.checkpoint().map(ResumeToken)
    }

    /// Whether the workflow has finished.
    pub fn is_done(&self) -> bool {
        self.result.is_some()
    }

    /// The progress events emitted since the last call, oldest first. Hosts call it after every
    /// [`Flow::resume`] and forward the events.
    pub fn take_progress(&mut self) -> Vec<Progress> {
        std::mem::take(&mut self.progress)
    }

    /// Advances the workflow with what happened since the last step; returns what to do next.
    pub fn resume(&mut self, event: Event, tick: Tick) -> Step {
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

    fn fail(&mut self, e: Error) -> Step {
        if let Some(token) = self.resume_token() {
            self.progress.push(Progress::Resumable(token));
        }
        self.finish(Err(e));
        Step::Done(self.result.clone().unwrap_or_else(|| unreachable!()))
    }

    fn finish(&mut self, result: Result<Outcome>) {
        self.state = State::Finished;
        self.pending = None;
        self.outstanding.clear();
        self.result = Some(result);
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

    /// Hands out a task: gives it an id, remembers it as outstanding.
    fn task(&mut self, work: Work, run: &mut Vec<Task>) -> TaskId {
        let id = TaskId(self.next_id);
        self.next_id += 1;
        self.outstanding.insert(id);
        run.push(Task { id, work });
        id
    }

    /// Hands out a request, after the URL scheme check every request passes.
    fn send(&mut self, request: HttpRequest, purpose: Purpose, run: &mut Vec<Task>) -> Result<(TaskId, Sent)> {
        check_url_scheme(&request.url)?;
        if !matches!(purpose, Purpose::Blob { .. }) {
            self.requests_sent += 1;
        }
        let sent = Sent { method: request.method, url: redact_url(&request.url), purpose: purpose.clone() };
        Ok((self.task(Work::Send { request, purpose }, run), sent))
    }

    fn wait(&mut self, duration: Duration, reason: WaitReason, run: &mut Vec<Task>) -> TaskId {
        self.progress.push(Progress::Wait { duration, reason: reason.clone() });
        self.task(Work::Wait { duration, reason }, run)
    }

    fn note_stage(&mut self) {
        let stage = self.machine.stage();
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
                    format!("the workflow was cancelled during stage `{}`", self.machine.stage()),
                ))
            }
            Event::Start => {
                self.check_deadline(tick.now, Duration::ZERO)?;
                if matches!(self.state, State::New) {
                    self.state = State::Idle;
                    self.note_stage();
                    return self.ask(Reply::Start, tick, run);
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
            State::Token(t, sent) if t == id => self.token_done(id, sent, completion, tick, run),
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
                self.note_request(sent, Some(resp.status));
                auth::parse_token_response(&resp, tick.now)
            }
            (Completion::Token(t), None) => Ok(t),
            (Completion::Failed(e), sent) => {
                if let Some(sent) = sent {
                    self.note_request(sent, None);
                }
                Err(e)
            }
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
                self.note_request(sent, Some(resp.status));
                let is_win32 = self.pending.as_ref().map(|p| p.family) == Some(Family::Win32);
                if resp.is_success() && !(is_win32 && envelope_failed(&resp)) {
                    self.pending = None;
                    return self.ask(Reply::Ok(resp), tick, run);
                }
                let err = Error::from_response(&resp);
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
                let up = Box::new(UploadRun { machine, ids: HashMap::new(), reported: (0, 0) });
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
        let step = up.machine.resume(completion, tick);
        let progress = up.machine.progress();
        if progress != up.reported && progress.1 > 0 {
            up.reported = progress;
            self.progress.push(Progress::Upload { done: progress.0, total: progress.1 });
        }
        match step {
            UploadStep::Run(tasks) => {
                for task in tasks {
                    match &task.work {
                        Work::Send { request, .. } => {
                            if let Err(e) = check_url_scheme(&request.url) {
                                return self.ask(Reply::Failed(e), tick, run);
                            }
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
            UploadStep::Pending => {
                self.state = State::Upload(up);
                Ok(())
            }
            UploadStep::Done(Ok(_)) => self.ask(Reply::Uploaded, tick, run),
            UploadStep::Done(Err(e)) => self.ask(Reply::Failed(e), tick, run),
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
                    let (id, sent) = self.send(req, Purpose::Token { family, scope }, run)?;
                    State::Token(id, Some(sent))
                }
                Credentials::External => State::Token(self.task(Work::Token { family, scope }, run), None),
            };
            return Ok(());
        };
        let op = p.call.op;
        let mut req = call_request(&self.cfg, &p.call)?;
        req.authorize(&token);
        if let Some(t) = self.cfg.request_timeout {
            req.timeout = Some(t);
        }
        let (id, sent) = self.send(req, Purpose::Api { op: op.id.to_string() }, run)?;
        self.state = State::Response(id, sent);
        Ok(())
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
