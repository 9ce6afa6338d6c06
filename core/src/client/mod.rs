//! Clients that drive the core's workflows over the bundled reqwest transport (feature `reqwest`).
//!
//! A [`Client`] runs flows on the native executor ([`crate::host::drive`]): its tasks concurrently on
//! tokio, each request with reqwest (rustls), each wait on tokio's timer, file tasks with
//! [`crate::files::LocalFiles`], tokens from an external credential when one is set
//! ([`ClientBuilder::credential`]). Everything that decides *what* to do — pre-flight checks, token
//! refresh, retries, verification after ambiguous failures, polling, deadlines, progress — lives in the
//! flows, so every language binding that brings its own transport behaves the same way.
//!
//! What the client adds:
//! - **Transport rules**: `https` is required except for loopback hosts (the emulator); proxies come from
//!   the standard `HTTPS_PROXY`/`HTTP_PROXY`/`ALL_PROXY`/`NO_PROXY` variables (reqwest's environment
//!   proxy support); every request carries the flow's per-request timeout.
//! - **Progress**: the flow's own [`Progress`] events (stages, requests, waits, upload bytes, resume
//!   tokens), forwarded to the [`ProgressHandler`]; its resume token to the [`CheckpointHandler`] as soon
//!   as it changes.
//! - **Logs** through `tracing` (target `storesubmit`): requests at `debug` with the URL redacted, never a
//!   token, secret or SAS signature.
//! - A token cache shared by every workflow the client runs.
//!
//! [`blocking::Client`] wraps the async client for synchronous callers.

pub mod blocking;

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::Value;

pub use crate::flow::Progress;
pub use crate::host::{Cancel, TokenProvider};
pub use crate::http::check_url_scheme;
pub use crate::package::{path_under, zip_plan};

use crate::api::auth::TokenCache;
use crate::error::Result;
use crate::files::LocalFiles;
use crate::flow::devcenter::{self, RolloutAction, SubmissionOptions, Target};
use crate::flow::ingestion::{self, IngestionSpec};
use crate::flow::win32::{self as win32_flow, Win32Spec};
use crate::flow::{simple, Flow, FlowConfig, Outcome, ResumeToken, StopAfter, SubmissionSpec};
use crate::host::{drive, Hooks, NativeIo};
use crate::http::{HttpRequest, HttpResponse};
use crate::transport::upload::UploadOptions;

/// Receives every progress event of the client's workflows (called from the client's tasks).
pub type ProgressHandler = Arc<dyn Fn(&Progress) + Send + Sync>;

/// Receives a workflow's resume token each time it changes, before the requests that follow are sent (a
/// journal, the CLI's interrupt handler).
pub type CheckpointHandler = Arc<dyn Fn(&ResumeToken) + Send + Sync>;

struct Inner {
    cfg: FlowConfig,
    io: NativeIo,
    upload: UploadOptions,
    tokens: Arc<Mutex<TokenCache>>,
    progress: Option<ProgressHandler>,
    checkpoint: Option<CheckpointHandler>,
}

/// The async client. Cheap to clone (shares its HTTP connections and token cache).
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

/// Builds a [`Client`].
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
    /// How uploads run (block size, concurrency, a byte-progress callback).
    pub fn upload_options(mut self, opts: UploadOptions) -> Self {
        self.cfg.upload = opts.settings();
        self.upload = opts;
        self
    }

    /// Receives every progress event.
    pub fn progress(mut self, handler: ProgressHandler) -> Self {
        self.progress = Some(handler);
        self
    }

    /// Receives each new resume token (see [`CheckpointHandler`]).
    pub fn checkpoint(mut self, handler: CheckpointHandler) -> Self {
        self.checkpoint = Some(handler);
        self
    }

    /// The caller's credential, asked for tokens when the flow config says [`crate::flow::Credentials::External`].
    pub fn credential(mut self, provider: TokenProvider) -> Self {
        self.credential = Some(provider);
        self
    }

    /// The connect timeout (default 30 s).
    pub fn connect_timeout(mut self, d: Duration) -> Self {
        self.connect_timeout = d;
        self
    }

    /// The `User-Agent` (default `storesubmit/<version>`).
    pub fn user_agent(mut self, ua: impl Into<String>) -> Self {
        self.user_agent = ua.into();
        self
    }

    /// Builds the client.
    ///
    /// # Errors
    /// `unsupported` for a service root that is neither https nor loopback; `transport` when the HTTP
    /// client cannot be built.
    pub fn build(self) -> Result<Client> {
        let ep = &self.cfg.endpoints;
        for root in [&ep.devcenter, &ep.win32, &ep.ingestion, &ep.token] {
            check_url_scheme(root)?;
        }
        let http = NativeIo::http_client(&self.user_agent, self.connect_timeout)?;
        Ok(Client {
            inner: Arc::new(Inner {
                cfg: self.cfg,
                io: NativeIo::new(http).with_credential(self.credential),
                upload: self.upload,
                tokens: Arc::new(Mutex::new(TokenCache::new())),
                progress: self.progress,
                checkpoint: self.checkpoint,
            }),
        })
    }
}

/// The client's hooks for one run: progress to the handler (and upload bytes to the upload callback),
/// tokens to the checkpoint handler.
struct ClientHooks<'a>(&'a Inner);

impl Hooks for ClientHooks<'_> {
    fn progress(&mut self, p: &Progress) {
        match p {
            Progress::Stage(stage) => tracing::info!(target: "storesubmit", stage = %stage, "stage"),
            Progress::Resumable(_) => {
                tracing::warn!(target: "storesubmit", "the workflow can be resumed from its resume token")
            }
            Progress::Upload { done, total } => {
                if let Some(f) = &self.0.upload.progress {
                    f(*done, *total);
                }
            }
            _ => {}
        }
        if let Some(h) = &self.0.progress {
            h(p);
        }
    }

    fn checkpoint(&mut self, token: &ResumeToken) {
        if let Some(h) = &self.0.checkpoint {
            h(token);
        }
    }
}

impl Client {
    /// A builder with default transport and upload options.
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

    /// A client with default options.
    ///
    /// # Errors
    /// As [`ClientBuilder::build`].
    pub fn new(cfg: FlowConfig) -> Result<Client> {
        Client::builder(cfg).build()
    }

    /// The same client (its connections and token cache shared) with another progress handler: a caller
    /// that watches one run.
    pub fn with_progress(&self, handler: ProgressHandler) -> Client {
        let i = &self.inner;
        Client {
            inner: Arc::new(Inner {
                cfg: i.cfg.clone(),
                io: i.io.clone(),
                upload: i.upload.clone(),
                tokens: i.tokens.clone(),
                progress: Some(handler),
                checkpoint: i.checkpoint.clone(),
            }),
        }
    }

    /// The settings every workflow of this client gets.
    pub fn config(&self) -> &FlowConfig {
        &self.inner.cfg
    }

    /// Sends one request as is (https, or http to loopback) and returns the response whatever its status.
    ///
    /// # Errors
    /// `unsupported` for another URL; `timeout` or `transport` when no response arrived.
    pub async fn send(&self, req: HttpRequest) -> Result<HttpResponse> {
        crate::host::send(self.inner.io.http(), req).await
    }

    /// Runs a flow to its end with the client's token cache; `files` is the folder the flow's file names
    /// are relative to.
    ///
    /// # Errors
    /// Whatever the workflow ends with.
    pub async fn run(&self, flow: Flow, files: Option<&Path>) -> Result<Outcome> {
        self.run_until(flow, files, &Cancel::new()).await
    }

    /// [`Client::run`] that stops when `cancel` is set: the flow ends with `cancelled`, carrying its resume
    /// token when it can continue.
    ///
    /// # Errors
    /// Whatever the workflow ends with.
    pub async fn run_until(&self, flow: Flow, files: Option<&Path>, cancel: &Cancel) -> Result<Outcome> {
        let tokens = self.inner.tokens.lock().map(|t| t.clone()).unwrap_or_default();
        let mut flow = flow.with_tokens(tokens);
        let io = self.inner.io.clone().with_files(files.map(LocalFiles::new));
        let result = drive(&mut flow, &io, cancel, &mut ClientHooks(&self.inner)).await;
        if let Ok(mut t) = self.inner.tokens.lock() {
            *t = flow.tokens().clone();
        }
        result
    }

    /// Calls one operation of the route table by id (see [`crate::api::build`] for the arguments) and
    /// returns the response body.
    ///
    /// # Errors
    /// The operation's typed error.
    pub async fn call(&self, op_id: &str, args: Value) -> Result<Value> {
        let out = self.run(simple::call(self.inner.cfg.clone(), op_id, args)?, None).await?;
        Ok(out.document.unwrap_or(Value::Null))
    }

    /// Every item of a list operation (devcenter or ingestion), following next-page links with the core's
    /// list workflow (the same pager every binding uses).
    ///
    /// # Errors
    /// The operation's typed error; `invalid_response` for a page without items or a link that does not
    /// advance.
    pub async fn list_all(&self, op_id: &str, args: Value) -> Result<Vec<Value>> {
        let flow = simple::list_all(self.inner.cfg.clone(), op_id, args, crate::data::limits::LIST_PAGES_DEFAULT)?;
        let out = self.run(flow, None).await?;
        Ok(out.document.and_then(|d| d.get("value").and_then(Value::as_array).cloned()).unwrap_or_default())
    }

    /// Publishes an app, add-on or flight submission: the devcenter submission workflow
    /// ([`crate::flow::devcenter`]), pre-flight checks first. `files` holds the files the spec names.
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
        self.run(devcenter::submission(self.inner.cfg.clone(), target, spec, options), files).await
    }

    /// Continues a stopped workflow (any flow's [`ResumeToken`]) up to `stop_after`.
    ///
    /// # Errors
    /// `invalid_argument` for a token this version did not write; then the workflow's errors.
    pub async fn resume(&self, token: &ResumeToken, stop_after: StopAfter, files: Option<&Path>) -> Result<Outcome> {
        self.run(crate::flow::resume(self.inner.cfg.clone(), token, stop_after)?, files).await
    }

    /// Reads or changes the gradual package rollout of an app's or flight's submission.
    ///
    /// # Errors
    /// The workflow's errors.
    pub async fn rollout(&self, target: Target, submission_id: &str, action: RolloutAction) -> Result<Outcome> {
        self.run(devcenter::rollout(self.inner.cfg.clone(), target, submission_id, action), None).await
    }

    /// Runs the MSI/EXE workflow for a product (pre-flight, packages, metadata, listing assets, submit,
    /// poll). `files` holds the listing asset images the spec names.
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
        self.run(win32_flow::publish(self.inner.cfg.clone(), product_id, spec, stop_after), files).await
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
        self.run(ingestion::publish(self.inner.cfg.clone(), product_id, spec, stop_after), None).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

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
            let j = crate::host::tick().jitter;
            assert!((0.0..1.0).contains(&j));
        }
    }
}
