//! A [`Job`] running on the executor for a binding: the binding starts it, then loops on
//! [`Session::next`] — which hands it, as JSON, the run's progress events, the tasks it keeps (sends
//! through its own HTTP client, tokens from its own credential, writes to its own output) and finally the
//! outcome or the error — answers each task with [`Session::complete`], and may [`Session::cancel`] at any
//! time. Every other task (the bundled HTTP client's sends, waits, file reads) runs here.
//!
//! So a binding's whole host loop is a few lines in its own language, the same in all of them, and no
//! runtime thread ever calls into the binding's language: a Python interpreter or a .NET runtime may shut
//! down while a run is still going.
//!
//! `next` answers `{"progress": [event…], "tasks": [task…], "done": null | {"outcome": …} | {"error": …}}`
//! (the JSON of [`crate::wire`]); a task's bytes come from [`Session::take_body`].

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use tokio::sync::{oneshot, Notify};

use super::io::{DelegateKinds, Delegated, NativeIo};
use super::{drive, runtime, Cancel, Hooks};
use crate::api::auth::TokenCache;
use crate::error::{Error, ErrorKind, Result};
use crate::files::LocalFiles;
use crate::journal::{journaled, Journal, Recovered};
use crate::task::{Completion, Progress, ResumeToken, Task};
use crate::wire::json::{capped, response_cap};
use crate::wire::{completion_from_json, error_json, progress_json, task_json, Job};

/// What a binding brings to a run besides the job.
#[derive(Clone, Debug)]
pub struct SessionHost {
    /// The folder the job's file names are relative to.
    pub files: Option<PathBuf>,
    /// The file a packaging job writes, when the binding does not keep the writes.
    pub output: Option<PathBuf>,
    /// The kinds of task the binding performs itself.
    pub keep: DelegateKinds,
    /// The `User-Agent` of the bundled HTTP client.
    pub user_agent: String,
    /// The bundled HTTP client's connect timeout.
    pub connect_timeout: Duration,
}

impl Default for SessionHost {
    fn default() -> Self {
        SessionHost {
            files: None,
            output: None,
            keep: DelegateKinds::default(),
            user_agent: format!("storesubmit/{}", env!("CARGO_PKG_VERSION")),
            connect_timeout: Duration::from_secs(30),
        }
    }
}

/// The JSON form of [`SessionHost`], as the Node package and the C ABI pass it.
#[derive(serde::Deserialize, Default)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
struct HostJson {
    files: Option<PathBuf>,
    output: Option<PathBuf>,
    keep: KeepJson,
    user_agent: Option<String>,
    connect_timeout: Option<f64>,
}

#[derive(serde::Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
struct KeepJson {
    send: bool,
    token: bool,
    write: bool,
}

impl SessionHost {
    /// Reads `{files, output, keep: {send, token, write}, userAgent, connectTimeout}` (paths as
    /// strings, `connectTimeout` in seconds): one reading for every binding that passes JSON.
    ///
    /// # Errors
    /// `invalid_argument` naming the bad field.
    pub fn from_json(v: &Value) -> Result<SessionHost> {
        if !v.is_object() {
            return Err(Error::invalid_argument("host: must be a JSON object"));
        }
        let h: HostJson = crate::json::decode("host", v)?;
        let KeepJson { send, token, write } = h.keep;
        let mut host = SessionHost {
            files: h.files,
            output: h.output,
            keep: DelegateKinds { send, token, write },
            ..SessionHost::default()
        };
        host.user_agent = h.user_agent.unwrap_or(host.user_agent);
        if let Some(s) = h.connect_timeout {
            if !(s > 0.0 && s <= 3600.0) {
                return Err(Error::invalid_argument("host/connectTimeout: must be seconds, above 0 and up to 3600"));
            }
            host.connect_timeout = Duration::from_secs_f64(s);
        }
        Ok(host)
    }
}

#[derive(Default)]
struct Outbox {
    progress: Vec<Value>,
    tasks: Vec<Value>,
    bodies: HashMap<u64, Vec<u8>>,
    done: Option<Value>,
    delivered: bool,
    tokens: Option<TokenCache>,
}

#[derive(Default)]
struct Shared {
    outbox: Mutex<Outbox>,
    cond: Condvar,
    notify: Notify,
    waiting: Mutex<HashMap<u64, oneshot::Sender<Completion>>>,
}

impl Shared {
    fn push(&self, f: impl FnOnce(&mut Outbox)) {
        f(&mut self.outbox.lock().unwrap_or_else(|p| p.into_inner()));
        self.cond.notify_all();
        self.notify.notify_waiters();
    }

    /// Takes what is ready; `None` when nothing is.
    fn take(&self, o: &mut Outbox) -> Option<Value> {
        let ready = !o.progress.is_empty() || !o.tasks.is_empty() || (o.done.is_some() && !o.delivered);
        if !ready {
            return None;
        }
        let done = if o.delivered { None } else { o.done.clone() };
        o.delivered |= done.is_some();
        Some(json!({
            "progress": std::mem::take(&mut o.progress),
            "tasks": std::mem::take(&mut o.tasks),
            "done": done,
        }))
    }
}

struct SessionHooks(Arc<Shared>, Option<Journal>);

impl Hooks for SessionHooks {
    fn progress(&mut self, event: &Progress) {
        let v = progress_json(event);
        self.0.push(|o| o.progress.push(v));
    }

    /// Writes the token to the journal. The folder was proven writable when the run started (its
    /// `started` entry); should a later write fail (a full disk), the entry still says `started`, and
    /// the same call again adopts the run's draft instead of resuming it: never a second submission.
    fn checkpoint(&mut self, token: &ResumeToken) {
        if let Some(j) = &self.1 {
            let _ = j.checkpoint(token);
        }
    }
}

/// Records how a journaled run ended: its outcome, or the resume token of a failure (none: removed).
fn journal_end(journal: &Journal, result: &Result<Value>) -> Result<()> {
    match result {
        Ok(outcome) => journal.done(outcome),
        Err(e) => journal.finish(e.resume_token().map(ResumeToken::from_json).transpose()?.as_ref()),
    }
}

/// A job running on the executor for a binding (see the module documentation).
pub struct Session {
    shared: Arc<Shared>,
    cancel: Cancel,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session").field("cancelled", &self.cancel.is_cancelled()).finish_non_exhaustive()
    }
}

/// One HTTP client per settings and process (connections are pooled across runs).
fn http_client(user_agent: &str, connect_timeout: Duration) -> Result<reqwest::Client> {
    type Clients = HashMap<(String, u128), reqwest::Client>;
    static CLIENTS: Mutex<Option<(u32, Clients)>> = Mutex::new(None);
    let pid = std::process::id();
    let mut g = CLIENTS.lock().unwrap_or_else(|p| p.into_inner());
    if g.as_ref().map(|(p, _)| *p) != Some(pid) {
        // made in a parent process: its connections belong to a runtime that does not run here
        if let Some(old) = g.take() {
            std::mem::forget(old);
        }
        *g = Some((pid, HashMap::new()));
    }
    let clients = &mut g.as_mut().expect("set above").1;
    let key = (user_agent.to_string(), connect_timeout.as_millis());
    if let Some(c) = clients.get(&key) {
        return Ok(c.clone());
    }
    let _guard = runtime()?.enter();
    let c = NativeIo::http_client(user_agent, connect_timeout)?;
    clients.insert(key, c.clone());
    Ok(c)
}

impl Session {
    /// Starts the run of `request` ([`Job::start`] with `options` and the client `secret`, sharing the
    /// client's `tokens`) with what the binding brings. With a journal folder (the `journal` client
    /// option) and a workflow that changes the service, the run is journaled as the CLI's are: its resume
    /// state is written before each request that changes the service, and an earlier run of the same
    /// request killed before its end is continued (resumed from its token, or its draft adopted); one that
    /// ended answers its outcome again without a request.
    ///
    /// # Errors
    /// `invalid_argument` naming the bad field of `options` or `request`; `io` when the journal cannot be
    /// read or written; `transport` when the runtime or the HTTP client cannot start.
    pub fn start_run(
        options: &Value,
        secret: Option<crate::secret::Secret>,
        request: &Value,
        tokens: Option<TokenCache>,
        host: SessionHost,
    ) -> Result<Session> {
        let workflow = request.get("workflow").and_then(Value::as_str).unwrap_or_default();
        let opts = crate::options::ClientOptions::from_json(options)?;
        let journal = match opts.journal.clone().filter(|_| journaled(workflow)) {
            Some(dir) => {
                // keyed by the service the run goes to, as the connection resolves it
                let cfg = opts.resolve(crate::flow::Credentials::External)?;
                let seller = cfg.seller_id.as_deref();
                Some(Journal::for_run(&dir, request, &cfg.endpoints, seller, host.files.as_deref()))
            }
            None => None,
        };
        let (request, found) = match &journal {
            Some(j) => j.prepare(request.clone())?,
            None => (request.clone(), Recovered::Nothing),
        };
        if let (Some(_), Recovered::Done(outcome)) = (&journal, &found) {
            return Ok(Session::ended(json!({ "outcome": outcome })));
        }
        // a request the core refuses leaves no entry behind
        let job = Job::start(options, secret, &request)?.with_tokens(tokens);
        if let (Some(j), Recovered::Nothing) = (&journal, &found) {
            j.started()?;
        }
        Session::launch(job, host, journal)
    }

    /// A session whose run already ended with `done` (a journaled run that had finished).
    fn ended(done: Value) -> Session {
        let shared = Arc::new(Shared::default());
        shared.push(|o| o.done = Some(done));
        Session { shared, cancel: Cancel::new() }
    }

    /// Starts `job` on the process's runtime with what the binding brings (no journal: see
    /// [`Session::start_run`]).
    ///
    /// # Errors
    /// `transport` when the runtime or the HTTP client cannot start.
    pub fn start(job: Job, host: SessionHost) -> Result<Session> {
        Session::launch(job, host, None)
    }

    fn launch(job: Job, host: SessionHost, journal: Option<Journal>) -> Result<Session> {
        let shared = Arc::new(Shared::default());
        let cancel = Cancel::new();
        let rt = runtime()?;
        let hand_over: Delegated = {
            let shared = shared.clone();
            Arc::new(move |task: Task| {
                let (tx, rx) = oneshot::channel();
                let id = task.id.0;
                let cap = response_cap(&task);
                shared.waiting.lock().unwrap_or_else(|p| p.into_inner()).insert(id, tx);
                let (v, body) = task_json(task);
                shared.push(|o| {
                    if !body.is_empty() {
                        o.bodies.insert(id, body);
                    }
                    o.tasks.push(v);
                });
                Box::pin(async move {
                    match rx.await {
                        Ok(c) => capped(c, cap),
                        Err(_) => Completion::Failed(Error::new(ErrorKind::Cancelled, "the host dropped the task")),
                    }
                })
            })
        };
        let io = NativeIo::new(http_client(&host.user_agent, host.connect_timeout)?)
            .with_files(host.files.map(LocalFiles::new))
            .with_output(host.output)
            .with_delegate(host.keep, hand_over);
        let (run_shared, run_cancel) = (shared.clone(), cancel.clone());
        rt.spawn(async move {
            let mut job = job;
            let mut hooks = SessionHooks(run_shared.clone(), journal.clone());
            let mut result = drive(&mut job, &io, &run_cancel, &mut hooks).await;
            if let Some(Err(e)) = journal.as_ref().map(|j| journal_end(j, &result)) {
                // the run's own error says more than the journal's; a success the journal cannot record
                // is still a success, but the caller must know a rerun would not see it
                if result.is_ok() {
                    result = Err(e);
                }
            }
            let done = match result {
                Ok(outcome) => json!({ "outcome": outcome }),
                Err(e) => json!({ "error": error_json(&e) }),
            };
            let tokens = job.tokens();
            run_shared.waiting.lock().unwrap_or_else(|p| p.into_inner()).clear();
            run_shared.push(|o| {
                o.done = Some(done);
                o.tokens = tokens;
                o.bodies.clear();
            });
        });
        Ok(Session { shared, cancel })
    }

    /// What the run has for the binding, waiting up to `timeout` for something (an empty answer on
    /// timeout, so a binding can look at its own signals between calls). Blocking: call it without
    /// holding an interpreter lock.
    pub fn next(&self, timeout: Duration) -> Value {
        let deadline = Instant::now() + timeout;
        let mut o = self.shared.outbox.lock().unwrap_or_else(|p| p.into_inner());
        loop {
            if let Some(v) = self.shared.take(&mut o) {
                return v;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return json!({"progress": [], "tasks": [], "done": null});
            }
            o = self.shared.cond.wait_timeout(o, left).unwrap_or_else(|p| p.into_inner()).0;
        }
    }

    /// [`Session::next`] for an async host: resolves when the run has something.
    pub async fn next_async(&self) -> Value {
        loop {
            let notified = self.shared.notify.notified();
            if let Some(v) = self.shared.take(&mut self.shared.outbox.lock().unwrap_or_else(|p| p.into_inner())) {
                return v;
            }
            notified.await;
        }
    }

    /// The bytes of a `send` or `write` task handed out (taken: a second call gives nothing).
    pub fn take_body(&self, id: u64) -> Vec<u8> {
        self.shared.outbox.lock().unwrap_or_else(|p| p.into_inner()).bodies.remove(&id).unwrap_or_default()
    }

    /// Answers a task the binding performed: a completion as [`crate::wire::completion_from_json`] reads
    /// it, with its bytes. A completion for a task that is no longer waited for (the run ended) is ignored.
    ///
    /// # Errors
    /// `invalid_argument` naming the field of a malformed completion.
    pub fn complete(&self, completion: &Value, data: Vec<u8>) -> Result<()> {
        let (id, c) = completion_from_json(completion, data)?;
        if let Some(tx) = self.shared.waiting.lock().unwrap_or_else(|p| p.into_inner()).remove(&id.0) {
            let _ = tx.send(c);
        }
        Ok(())
    }

    /// Asks the run to stop: it ends with `cancelled`, carrying its resume token when it can continue.
    pub fn cancel(&self) {
        self.cancel.cancel();
    }

    /// The tokens the run held when it ended, to share with the client's next run.
    pub fn tokens(&self) -> Option<TokenCache> {
        self.shared.outbox.lock().unwrap_or_else(|p| p.into_inner()).tokens.clone()
    }
}

impl Drop for Session {
    /// A session dropped before its end (the binding's object collected) stops its run.
    fn drop(&mut self) {
        self.cancel.cancel();
    }
}
