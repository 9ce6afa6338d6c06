//! Clients that drive the core's workflows over the bundled reqwest transport (feature `reqwest`).
//!
//! A [`Client`] is one host of [`crate::flow`]: it runs the tasks a flow hands out concurrently on
//! tokio — each [`Work::Send`] with reqwest (rustls), each [`Work::Wait`] on tokio's timer, file
//! stats and reads with [`LocalFiles`] on the blocking pool, tokens from an external credential when
//! one is set ([`ClientBuilder::credential`]) — and reports each completion back. Everything that
//! decides *what* to do — token refresh, retries, verification after ambiguous failures, polling,
//! deadlines, progress — lives in the flows, so every language binding that brings its own transport
//! behaves the same way.
//!
//! What the client adds:
//! - **Transport rules**: `https` is required except for loopback hosts (the emulator); proxies come from
//!   the standard `HTTPS_PROXY`/`HTTP_PROXY`/`ALL_PROXY`/`NO_PROXY` variables (reqwest's environment
//!   proxy support); every request carries the flow's per-request timeout.
//! - **Pre-flight checks** before the first request: every file a submission spec names must be in the
//!   files folder (`missing_files`, carrying the validation issues), and the spec must pass the rules
//!   that apply to partial documents (`validation`); see [`preflight_submission`].
//! - **Progress**: the flow's own [`Progress`] events (stages, requests, waits, upload bytes, resume
//!   tokens), forwarded to the [`ProgressHandler`].
//! - **Logs** through `tracing` (target `storesubmit`): requests at `debug` with the URL redacted, never a
//!   token, secret or SAS signature.
//! - A token cache shared by every workflow the client runs.
//!
//! [`blocking::Client`] wraps the async client for synchronous callers.

pub mod blocking;

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde_json::Value;

pub use crate::flow::Progress;
pub use crate::http::check_url_scheme;
pub use crate::package::{path_under, zip_plan};
pub use crate::preflight::{preflight_submission, preflight_win32};

use futures_util::stream::{FuturesUnordered, StreamExt};

use crate::api::auth::{AccessToken, TokenCache};
use crate::api::blob::SasUrl;
use crate::api::Family;
use crate::error::{Error, ErrorKind, Result};
use crate::flow::devcenter::{self, RolloutAction, SubmissionOptions, Target};
use crate::flow::host::LocalFiles;
use crate::flow::ingestion::{self, IngestionSpec};
use crate::flow::win32::{self as win32_flow, Win32Spec};
use crate::flow::{
    Completion, Event, Flow, FlowConfig, Outcome, ResumeToken, Step, StopAfter, SubmissionSpec, Task, TaskId, Tick,
    Upload, Work,
};
use crate::http::{HttpRequest, HttpResponse};
use crate::secret::redact_url;
use crate::transport::upload::{BlobUploader, UploadOptions};

fn now_secs() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
}

fn jitter() -> f64 {
    let n = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_nanos() as u64).unwrap_or(0);
    crate::policy::jitter(n)
}

fn tick() -> Tick {
    Tick { now: now_secs(), jitter: jitter() }
}

/// A receiver of [`Progress`] events; called on the task that runs the workflow, so it should return
/// quickly.
pub type ProgressHandler = Arc<dyn Fn(&Progress) + Send + Sync>;

/// The caller's own credential for [`crate::flow::Credentials::External`]: a token for an API family's
/// scope. Called on tokio's blocking pool; the flow caches the token and asks again before it expires.
pub type TokenProvider = Arc<dyn Fn(Family, &str) -> Result<AccessToken> + Send + Sync>;

struct Inner {
    cfg: FlowConfig,
    http: reqwest::Client,
    upload: UploadOptions,
    tokens: Mutex<TokenCache>,
    progress: Option<ProgressHandler>,
    checkpoint: Option<CheckpointHandler>,
    credential: Option<TokenProvider>,
}

/// Receives a running workflow's resume token each time it changes (see [`ClientBuilder::checkpoint`]).
pub type CheckpointHandler = Arc<dyn Fn(&crate::flow::ResumeToken) + Send + Sync>;

/// The async client: runs workflows against the Store (or the emulator) with the bundled transport.
/// Cheap to clone (shared state); safe to use from several tasks at once.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("endpoints", &self.inner.cfg.endpoints)
            .field("credentials", &self.inner.cfg.credentials)
            .field("seller_id", &self.inner.cfg.seller_id)
            .finish_non_exhaustive()
    }
}

/// Builds a [`Client`]: the flow settings plus transport, upload and progress options.
pub struct ClientBuilder {
    cfg: FlowConfig,
    upload: UploadOptions,
    progress: Option<ProgressHandler>,
    checkpoint: Option<CheckpointHandler>,
    credential: Option<TokenProvider>,
    connect_timeout: Duration,
    user_agent: String,
}

impl ClientBuilder {
    /// Upload settings (block size, concurrency, retries) for the workflows the client creates (they
    /// become [`FlowConfig::upload`]); the options' progress callback receives every upload's bytes.
    pub fn upload_options(mut self, opts: UploadOptions) -> Self {
        self.cfg.upload = opts.settings();
        self.upload = opts;
        self
    }

    /// Receives [`Progress`] events from every workflow the client runs.
    pub fn progress(mut self, handler: ProgressHandler) -> Self {
        self.progress = Some(handler);
        self
    }

    /// A handler given the running workflow's resume token each time it changes (once the changes
    /// reached the service), so a host stopped from outside (a CLI on SIGINT/SIGTERM) can write it and
    /// the same submission can be continued. Not a progress event: transcripts are unchanged.
    pub fn checkpoint(mut self, handler: CheckpointHandler) -> Self {
        self.checkpoint = Some(handler);
        self
    }

    /// The credential that answers the flows' token tasks when the configuration's credentials are
    /// [`crate::flow::Credentials::External`].
    pub fn credential(mut self, provider: TokenProvider) -> Self {
        self.credential = Some(provider);
        self
    }

    /// How long to wait for a TCP/TLS connection (default 30 s).
    pub fn connect_timeout(mut self, d: Duration) -> Self {
        self.connect_timeout = d;
        self
    }

    /// The `User-Agent` header (default `storesubmit/<version>`).
    pub fn user_agent(mut self, ua: impl Into<String>) -> Self {
        self.user_agent = ua.into();
        self
    }

    /// Builds the client.
    ///
    /// # Errors
    /// `unsupported` when a service root is plain http to a non-loopback host; `transport` when the
    /// HTTP client cannot be created.
    pub fn build(self) -> Result<Client> {
        let ep = &self.cfg.endpoints;
        for root in [&ep.devcenter, &ep.win32, &ep.ingestion, &ep.token] {
            check_url_scheme(root)?;
        }
        let http = reqwest::Client::builder()
            .connect_timeout(self.connect_timeout)
            .user_agent(self.user_agent)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| Error::new(ErrorKind::Transport, format!("cannot create the HTTP client: {e}")))?;
        Ok(Client {
            inner: Arc::new(Inner {
                cfg: self.cfg,
                http,
                upload: self.upload,
                tokens: Mutex::new(TokenCache::new()),
                progress: self.progress,
                checkpoint: self.checkpoint,
                credential: self.credential,
            }),
        })
    }
}

impl Client {
    /// A builder from the flow settings (service roots, credentials, seller id, retry, poll, deadline).
    pub fn builder(cfg: FlowConfig) -> ClientBuilder {
        ClientBuilder {
            cfg,
            upload: UploadOptions::default(),
            progress: None,
            checkpoint: None,
            credential: None,
            connect_timeout: Duration::from_secs(30),
            user_agent: format!("storesubmit/{}", env!("CARGO_PKG_VERSION")),
        }
    }

    /// A client with default transport and upload options.
    ///
    /// # Errors
    /// As [`ClientBuilder::build`].
    pub fn new(cfg: FlowConfig) -> Result<Client> {
        Client::builder(cfg).build()
    }

    /// The flow settings every workflow of this client uses.
    pub fn config(&self) -> &FlowConfig {
        &self.inner.cfg
    }

    fn emit(&self, p: Progress) {
        if let Some(h) = &self.inner.progress {
            h(&p);
        }
    }

    /// Sends one request as is (no token, no retry): the transport every workflow request goes through.
    /// Logged at `debug` with the URL redacted.
    ///
    /// # Errors
    /// `unsupported` for a non-https, non-loopback URL; `timeout`/`transport` when no response arrives.
    pub async fn send(&self, req: HttpRequest) -> Result<HttpResponse> {
        check_url_scheme(&req.url)?;
        let started = Instant::now();
        let (method, url) = (req.method, redact_url(&req.url));
        tracing::debug!(target: "storesubmit", %method, %url, "request");
        let result = crate::transport::http::send(&self.inner.http, &req, None).await;
        let elapsed_ms = started.elapsed().as_millis() as u64;
        match &result {
            Ok(resp) => {
                tracing::debug!(target: "storesubmit", %method, %url, status = resp.status, elapsed_ms, "response")
            }
            Err(e) => {
                tracing::debug!(target: "storesubmit", %method, %url, code = e.code(), error = %e, elapsed_ms, "request failed")
            }
        }
        result
    }

    /// Runs a workflow to its end, its tasks concurrently. `files` is the folder the submission's file
    /// names are relative to (needed when the workflow uploads).
    ///
    /// # Errors
    /// Whatever the workflow ends with (see [`crate::flow`]).
    pub async fn run(&self, flow: Flow, files: Option<&Path>) -> Result<Outcome> {
        let tokens = self.inner.tokens.lock().map(|t| t.clone()).unwrap_or_default();
        let mut flow = flow.with_tokens(tokens);
        let result = self.run_flow(&mut flow, files, None, None).await;
        if let Ok(mut t) = self.inner.tokens.lock() {
            *t = flow.tokens().clone();
        }
        result
    }

    /// Runs a workflow as [`Client::run`] does, with the flow's own tokens (the client's cache is neither
    /// read nor written: the caller keeps them, [`Flow::with_tokens`] / [`Flow::tokens`]) and, for this
    /// run, an extra progress handler and the credential that answers its token tasks (instead of
    /// [`ClientBuilder::credential`]). For a binding whose callbacks and token cache belong to each of
    /// its own clients while the HTTP connections are shared.
    ///
    /// # Errors
    /// Whatever the workflow ends with.
    pub async fn run_flow(
        &self,
        flow: &mut Flow,
        files: Option<&Path>,
        progress: Option<ProgressHandler>,
        credential: Option<TokenProvider>,
    ) -> Result<Outcome> {
        let files = files.map(|dir| Arc::new(LocalFiles::new(dir)));
        let credential = credential.or_else(|| self.inner.credential.clone());
        let mut running = FuturesUnordered::new();
        let mut step = flow.resume(Event::Start, tick());
        let mut checkpoint: Option<String> = None;
        loop {
            for p in flow.take_progress() {
                self.forward(&p);
                if let Some(h) = &progress {
                    h(&p);
                }
            }
            if let Some(handler) = self.inner.checkpoint.as_ref().filter(|_| !matches!(step, Step::Done(_))) {
                if let Some(token) = flow.resume_token() {
                    let json = token.to_json();
                    if checkpoint.as_deref() != Some(json.as_str()) {
                        checkpoint = Some(json);
                        handler(&token);
                    }
                }
            }
            match step {
                Step::Done(result) => return result,
                Step::Run(tasks) => {
                    running.extend(tasks.into_iter().map(|t| self.perform(t, files.clone(), credential.clone())))
                }
                Step::Pending => {}
            }
            let Some((id, completion)) = running.next().await else {
                return Err(Error::invalid_argument("the workflow waits for a task it never handed out"));
            };
            step = flow.resume(Event::Completed(id, completion), tick());
        }
    }

    /// Logs a progress event and hands it to the progress handler.
    fn forward(&self, p: &Progress) {
        match p {
            Progress::Stage(stage) => tracing::info!(target: "storesubmit", stage = %stage, "stage"),
            Progress::Resumable(_) => {
                tracing::warn!(target: "storesubmit", "the workflow can be resumed from its resume token")
            }
            Progress::Upload { done, total } => {
                if let Some(f) = &self.inner.upload.progress {
                    f(*done, *total);
                }
            }
            _ => {}
        }
        self.emit(p.clone());
    }

    /// Performs one task of a flow.
    async fn perform(
        &self,
        task: Task,
        files: Option<Arc<LocalFiles>>,
        credential: Option<TokenProvider>,
    ) -> (TaskId, Completion) {
        let done = match task.work {
            Work::Send { request, .. } => self.send(request).await.map(Completion::Response),
            Work::Wait { duration, .. } => {
                tokio::time::sleep(duration).await;
                Ok(Completion::Waited)
            }
            Work::Stat { names } => blocking(files, move |f| f.stat(&names).map(Completion::Sizes)).await,
            Work::Read { name, offset, len } => {
                blocking(files, move |f| f.read(&name, offset, len).map(Completion::Data)).await
            }
            Work::Token { family, scope } => match credential {
                Some(provider) => tokio::task::spawn_blocking(move || provider(family, &scope))
                    .await
                    .unwrap_or_else(|e| Err(Error::new(ErrorKind::Auth, format!("the credential panicked: {e}"))))
                    .map(Completion::Token),
                None => Err(Error::invalid_argument(
                    "the workflow uses an external credential: set one with ClientBuilder::credential",
                )),
            },
            Work::Write { .. } => Err(Error::new(ErrorKind::Unsupported, "a workflow writes no output")),
        };
        (task.id, done.unwrap_or_else(Completion::Failed))
    }

    /// Calls one operation of the route table by id (see [`crate::api::build`] for the arguments) and
    /// returns the response body.
    ///
    /// # Errors
    /// The operation's typed error.
    pub async fn call(&self, op_id: &str, args: Value) -> Result<Value> {
        let flow = crate::flow::simple::call(self.inner.cfg.clone(), op_id, args)?;
        let out = self.run(flow, None).await?;
        Ok(out.document.unwrap_or(Value::Null))
    }

    /// Every item of a devcenter list operation (`devcenter.list_apps`, `devcenter.list_addons`,
    /// `devcenter.list_app_addons`, `devcenter.list_app_flights`), following `@nextLink` pages.
    ///
    /// # Errors
    /// The operation's typed error; `invalid_response` when a page has no `value` array.
    pub async fn list_all(&self, op_id: &str, args: Value) -> Result<Vec<Value>> {
        let mut args = if args.is_null() { Value::Object(Default::default()) } else { args };
        let mut items = Vec::new();
        for _ in 0..10_000 {
            let page = self.call(op_id, args.clone()).await?;
            let value = page
                .get("value")
                .and_then(Value::as_array)
                .ok_or_else(|| Error::invalid_response(format!("{op_id}: the page has no `value` array")))?;
            items.extend(value.iter().cloned());
            let Some(next) = page.get("@nextLink").and_then(Value::as_str).filter(|s| !s.is_empty()) else {
                return Ok(items);
            };
            let query = next.split_once('?').map(|(_, q)| q).unwrap_or("");
            let mut moved = false;
            for pair in query.split('&') {
                if let Some((k, v)) = pair.split_once('=') {
                    if k == "skip" || k == "top" {
                        moved |= args.get(k).and_then(Value::as_str) != Some(v);
                        args[k] = Value::String(v.to_string());
                    }
                }
            }
            if !moved {
                return Err(Error::invalid_response(format!("{op_id}: @nextLink `{next}` does not advance")));
            }
        }
        Err(Error::invalid_response(format!("{op_id}: too many pages")))
    }

    /// Publishes an app, add-on or flight submission: pre-flight checks, then the devcenter submission
    /// workflow ([`crate::flow::devcenter`]). `files` holds the files the spec names.
    ///
    /// # Errors
    /// `missing_files`/`validation` before any request; then the workflow's errors.
    pub async fn publish_submission(
        &self,
        target: Target,
        spec: SubmissionSpec,
        options: SubmissionOptions,
        files: Option<&Path>,
    ) -> Result<Outcome> {
        preflight_submission(target.kind(), &spec, files)?;
        let flow = devcenter::submission(self.inner.cfg.clone(), target, spec, options);
        self.run(flow, files).await
    }

    /// Continues a workflow stopped at "draft only" (any flow's [`ResumeToken`]) up to `stop_after`.
    ///
    /// # Errors
    /// `invalid_argument` for a token this version did not write; then the workflow's errors.
    pub async fn resume(&self, token: &ResumeToken, stop_after: StopAfter, files: Option<&Path>) -> Result<Outcome> {
        let flow = crate::flow::resume(self.inner.cfg.clone(), token, stop_after)?;
        self.run(flow, files).await
    }

    /// Reads or changes the gradual package rollout of an app's or flight's submission.
    ///
    /// # Errors
    /// The workflow's errors.
    pub async fn rollout(&self, target: Target, submission_id: &str, action: RolloutAction) -> Result<Outcome> {
        let flow = devcenter::rollout(self.inner.cfg.clone(), target, submission_id, action);
        self.run(flow, None).await
    }

    /// Runs the MSI/EXE workflow for a product (packages, metadata, listing assets, submit, poll).
    /// `files` holds the listing asset images the spec names.
    ///
    /// # Errors
    /// `missing_files`/`validation` before any request; then the workflow's errors.
    pub async fn publish_win32(
        &self,
        product_id: &str,
        spec: Win32Spec,
        stop_after: StopAfter,
        files: Option<&Path>,
    ) -> Result<Outcome> {
        preflight_win32(&spec, files)?;
        let flow = win32_flow::publish(self.inner.cfg.clone(), product_id, spec, stop_after);
        self.run(flow, files).await
    }

    /// Runs the Partner Center ingestion workflow for a product.
    ///
    /// # Errors
    /// The workflow's errors.
    pub async fn publish_ingestion(
        &self,
        product_id: &str,
        spec: IngestionSpec,
        stop_after: StopAfter,
    ) -> Result<Outcome> {
        let flow = ingestion::publish(self.inner.cfg.clone(), product_id, spec, stop_after);
        self.run(flow, None).await
    }
}

/// Runs a file task on tokio's blocking pool (files are read with blocking I/O).
async fn blocking(
    files: Option<Arc<LocalFiles>>,
    f: impl FnOnce(&LocalFiles) -> Result<Completion> + Send + 'static,
) -> Result<Completion> {
    let files = files.ok_or_else(|| {
        Error::invalid_argument(
            "this workflow uploads files: pass the folder the submission's file names are relative to",
        )
    })?;
    tokio::task::spawn_blocking(move || f(&files))
        .await
        .unwrap_or_else(|e| Err(Error::new(ErrorKind::Io, format!("reading files failed: {e}"))))
}

/// Performs one [`Upload`] outside a flow with the bundled uploader: a submission's ZIP built while it
/// uploads, or one listing asset (primary URL, then the secondary). `files` is the folder the names are
/// relative to. The uploader's progress callback sees the bytes. Flows run their uploads themselves;
/// this is for hosts that upload on their own (the Python binding's bundled transport, until it drives
/// the flow's tasks).
///
/// # Errors
/// `invalid_argument` without a files folder; `unsupported` for plain http to a remote host; the
/// packaging and blob errors of [`BlobUploader`].
pub async fn perform_upload(uploader: &BlobUploader, upload: Upload, files: Option<&Path>) -> Result<()> {
    let dir = files.ok_or_else(|| {
        Error::invalid_argument(
            "this workflow uploads files: pass the folder the submission's file names are relative to",
        )
    })?;
    match upload {
        Upload::Zip { url, files: entries } => {
            check_url_scheme(&url)?;
            let plan = zip_plan(&entries, dir)?;
            let report = uploader.upload_zip(&SasUrl::parse(&url)?, &plan).await?;
            tracing::info!(target: "storesubmit", bytes = report.size, blocks = report.blocks, skipped = report.blocks_skipped, "uploaded the submission's ZIP");
        }
        Upload::Asset { file, url, fallback_url, headers } => {
            check_url_scheme(&url)?;
            let path = path_under(dir, &file);
            let used = uploader.upload_asset_file(&url, fallback_url.as_deref(), &path, &headers).await?;
            tracing::info!(target: "storesubmit", file = %file, secondary = used == 1, "uploaded a listing asset");
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_or_loopback_only() {
        for ok in [
            crate::api::DEVCENTER_ROOT,
            "http://127.0.0.1:8080/x",
            "http://localhost/x",
            "http://[::1]:9/x",
            "HTTP://127.1.2.3",
        ] {
            check_url_scheme(ok).unwrap_or_else(|e| panic!("{ok}: {e}"));
        }
        for bad in [
            "http://example.com/x",
            "http://10.0.0.1/x",
            "ftp://127.0.0.1/",
            "http://localhost.evil.com/",
            "http://127.0.0.1.evil.com/",
        ] {
            assert_eq!(check_url_scheme(bad).unwrap_err().kind(), ErrorKind::Unsupported, "{bad}");
        }
        let e = check_url_scheme("http://example.com/c/b?sv=1&sig=SECRETSIG").unwrap_err();
        assert!(!e.to_string().contains("SECRETSIG"));
    }

    #[test]
    fn jitter_is_in_range() {
        for _ in 0..100 {
            let j = jitter();
            assert!((0.0..1.0).contains(&j));
        }
    }
}
