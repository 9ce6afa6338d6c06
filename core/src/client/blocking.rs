//! A synchronous client for scripts and bindings without an async runtime: the async [`super::Client`]
//! driven on a runtime of its own, created when the client is built (never at import or load time).

use std::path::Path;

use serde_json::Value;

use super::{ClientBuilder, Progress, ProgressHandler};
use crate::error::{Error, ErrorKind, Result};
use crate::flow::devcenter::{RolloutAction, SubmissionOptions, Target};
use crate::flow::ingestion::IngestionSpec;
use crate::flow::win32::Win32Spec;
use crate::flow::{Flow, FlowConfig, Outcome, ResumeToken, StopAfter, SubmissionSpec};
use crate::http::{HttpRequest, HttpResponse};

/// The blocking client. Each method blocks the calling thread until the workflow ends. Do not call it
/// from inside an async runtime (it reports `unsupported` instead of deadlocking).
#[derive(Debug)]
pub struct Client {
    inner: super::Client,
    rt: tokio::runtime::Runtime,
}

impl Client {
    /// A client with default transport and upload options.
    ///
    /// # Errors
    /// As [`ClientBuilder::build`]; `transport` when the runtime cannot start.
    pub fn new(cfg: FlowConfig) -> Result<Client> {
        Client::from_builder(super::Client::builder(cfg))
    }

    /// A client from an async client's builder (for progress and upload options).
    ///
    /// # Errors
    /// As [`Client::new`].
    pub fn from_builder(builder: ClientBuilder) -> Result<Client> {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("storesubmit")
            .enable_all()
            .build()
            .map_err(|e| Error::new(ErrorKind::Transport, format!("cannot start the client's runtime: {e}")))?;
        // reqwest's client must be created inside a runtime context for its connection pool's timers.
        let inner = {
            let _guard = rt.enter();
            builder.build()?
        };
        Ok(Client { inner, rt })
    }

    /// The async client this one drives (to share its token cache with async code).
    pub fn as_async(&self) -> &super::Client {
        &self.inner
    }

    fn block<T>(&self, fut: impl std::future::Future<Output = Result<T>>) -> Result<T> {
        if tokio::runtime::Handle::try_current().is_ok() {
            return Err(Error::new(
                ErrorKind::Unsupported,
                "the blocking client was called from inside an async runtime: use storesubmit::client::Client",
            ));
        }
        self.rt.block_on(fut)
    }

    /// See [`super::Client::send`].
    ///
    /// # Errors
    /// As the async method.
    pub fn send(&self, req: HttpRequest) -> Result<HttpResponse> {
        self.block(self.inner.send(req))
    }

    /// See [`super::Client::run`].
    ///
    /// # Errors
    /// As the async method.
    pub fn run(&self, flow: Flow, files: Option<&Path>) -> Result<Outcome> {
        self.block(self.inner.run(flow, files))
    }

    /// See [`super::Client::run_until`].
    ///
    /// # Errors
    /// As the async method.
    pub fn run_until(&self, flow: Flow, files: Option<&Path>, cancel: &super::Cancel) -> Result<Outcome> {
        self.block(self.inner.run_until(flow, files, cancel))
    }

    /// See [`super::Client::call`].
    ///
    /// # Errors
    /// As the async method.
    pub fn call(&self, op_id: &str, args: Value) -> Result<Value> {
        self.block(self.inner.call(op_id, args))
    }

    /// See [`super::Client::list_all`].
    ///
    /// # Errors
    /// As the async method.
    pub fn list_all(&self, op_id: &str, args: Value) -> Result<Vec<Value>> {
        self.block(self.inner.list_all(op_id, args))
    }

    /// See [`super::Client::publish_submission`].
    ///
    /// # Errors
    /// As the async method.
    pub fn publish_submission(
        &self,
        target: Target,
        spec: SubmissionSpec,
        options: SubmissionOptions,
        files: Option<&Path>,
    ) -> Result<Outcome> {
        self.block(self.inner.publish_submission(target, spec, options, files))
    }

    /// See [`super::Client::resume`].
    ///
    /// # Errors
    /// As the async method.
    pub fn resume(&self, token: &ResumeToken, stop_after: StopAfter, files: Option<&Path>) -> Result<Outcome> {
        self.block(self.inner.resume(token, stop_after, files))
    }

    /// See [`super::Client::rollout`].
    ///
    /// # Errors
    /// As the async method.
    pub fn rollout(&self, target: Target, submission_id: &str, action: RolloutAction) -> Result<Outcome> {
        self.block(self.inner.rollout(target, submission_id, action))
    }

    /// See [`super::Client::publish_win32`].
    ///
    /// # Errors
    /// As the async method.
    pub fn publish_win32(
        &self,
        product_id: &str,
        spec: Win32Spec,
        stop_after: StopAfter,
        files: Option<&Path>,
    ) -> Result<Outcome> {
        self.block(self.inner.publish_win32(product_id, spec, stop_after, files))
    }

    /// See [`super::Client::publish_ingestion`].
    ///
    /// # Errors
    /// As the async method.
    pub fn publish_ingestion(&self, product_id: &str, spec: IngestionSpec, stop_after: StopAfter) -> Result<Outcome> {
        self.block(self.inner.publish_ingestion(product_id, spec, stop_after))
    }
}

/// A [`ProgressHandler`] from a closure (convenience for callers of the blocking client).
pub fn progress_handler(f: impl Fn(&Progress) + Send + Sync + 'static) -> ProgressHandler {
    std::sync::Arc::new(f)
}
