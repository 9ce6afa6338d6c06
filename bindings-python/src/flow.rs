//! The core's sans-IO workflows ([`storesubmit::flow`]) as Python objects.
//!
//! A [`PyFlow`] is built from the client's options (one dict, read by the core's
//! [`ClientOptions::from_json`]) and a workflow request (one dict, read by the core's
//! [`workflow_from_json`]). Two kinds of host drive it:
//! - the bundled transport runs it whole with the core's client (`BundledTransport.run`), GIL released;
//! - a Python transport drives it task by task: `start()`, then for every [`PyStep`] it sends the request,
//!   sleeps or asks its credential for a token, and reports back with `respond()`, `failed()`, `waited()`
//!   or `token()`. File tasks (the uploads' reads) are answered here by the core's [`LocalFiles`].
//!
//! Everything else — token requests and refresh, retries, block uploads, paging, polling, deadlines and
//! the progress events (`take_progress()`) — happens in the flow.

use std::collections::VecDeque;
use std::sync::{Mutex, MutexGuard};

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::types::PyList;
use serde_json::Value;
use storesubmit::api::auth::{AccessToken, ClientCredentials, TokenCache};
use storesubmit::flow::host::{self, LocalFiles};
use storesubmit::flow::{
    Completion, Credentials, Event, Flow, FlowConfig, Outcome, Step, SubmissionSpec, Task, TaskId, Tick, Upload,
    UploadFile, Work,
};
use storesubmit::json::decode;
use storesubmit::options::ClientOptions;
use storesubmit::wire::{progress_json, workflow_from_json};
use storesubmit::{Error, ErrorKind, Secret};

use crate::convert::{json_to_py, py_to_json};
use crate::errors::IntoPy;
use crate::http::{PyRequest, PyResponse};
use crate::secret::PySecret;

/// The workflow settings from the client's options dict and, for a client secret, the secret (kept out
/// of the dict); without one, tokens come from the caller's credential ([`Credentials::External`]).
fn config(options: &Bound<'_, PyAny>, secret: Option<&Bound<'_, PySecret>>) -> PyResult<FlowConfig> {
    let options = ClientOptions::from_json(&py_to_json(options)?).py()?;
    let credentials = match secret {
        Some(s) => Credentials::ClientSecret(ClientCredentials::new("", "", s.get().inner.clone())),
        None => Credentials::External,
    };
    Ok(options.into_flow_config(credentials))
}

fn arg<T: serde::de::DeserializeOwned>(what: &str, v: &Bound<'_, PyAny>) -> PyResult<T> {
    decode(what, &py_to_json(v)?).py()
}

/// The outcome as the Python dict (the resume token as a JSON string).
pub fn outcome_to_py(py: Python<'_>, outcome: &Outcome) -> PyResult<Py<PyAny>> {
    let mut v = serde_json::to_value(outcome).map_err(|e| PyRuntimeError::new_err(e.to_string()))?;
    if let Some(token) = &outcome.resume {
        v["resume"] = Value::String(token.to_json());
    }
    Ok(json_to_py(py, &v)?.unbind())
}

/// The token cache a client shares between the workflows it runs (the core's; tokens are never exposed).
#[pyclass(module = "storesubmit._native", name = "TokenCache", frozen)]
pub struct PyTokenCache {
    /// The core's cache.
    pub inner: Mutex<TokenCache>,
}

#[pymethods]
impl PyTokenCache {
    /// An empty cache.
    #[new]
    fn new() -> Self {
        PyTokenCache { inner: Mutex::new(TokenCache::new()) }
    }

    fn __repr__(&self) -> &'static str {
        "TokenCache(<redacted>)"
    }
}

/// One task a Python host performs (see the module documentation).
#[pyclass(module = "storesubmit._native", name = "Step", frozen)]
pub struct PyStep {
    /// `"send"`, `"wait"`, `"token"` or `"done"`.
    #[pyo3(get)]
    kind: &'static str,
    /// The request to send (`send`).
    #[pyo3(get)]
    request: Option<Py<PyRequest>>,
    /// How long to wait, seconds (`wait`).
    #[pyo3(get)]
    seconds: f64,
    /// The scope to ask the credential for (`token`).
    #[pyo3(get)]
    scope: Option<String>,
    /// The outcome dict (`done`).
    #[pyo3(get)]
    outcome: Option<Py<PyAny>>,
}

#[pymethods]
impl PyStep {
    fn __repr__(&self, py: Python<'_>) -> String {
        let what = match (&self.request, &self.scope) {
            (Some(r), _) => r.bind(py).get().summary(),
            (None, Some(s)) => s.clone(),
            _ if self.kind == "wait" => format!("{:.3}s", self.seconds),
            _ => return format!("Step({})", self.kind),
        };
        format!("Step({}, {what})", self.kind)
    }
}

/// An upload a workflow runs (a submission's ZIP to its SAS URL, or one win32 listing asset); with
/// [`PyFlow::upload`] any transport uploads it. `repr()` never shows the SAS signature.
#[pyclass(module = "storesubmit._native", name = "Upload", frozen)]
pub struct PyUpload {
    inner: Upload,
}

#[pymethods]
impl PyUpload {
    /// A ZIP upload of `files` (names as a submission writes them, relative to the files folder) to a
    /// blob SAS URL.
    #[staticmethod]
    fn zip(url: String, files: Vec<String>) -> Self {
        let files = files
            .into_iter()
            .map(|name| UploadFile { zip_name: storesubmit::model::files::zip_entry_name(&name), name })
            .collect();
        PyUpload { inner: Upload::Zip { url, files } }
    }

    /// The destination URL with its signature redacted (for logs).
    #[getter]
    fn redacted_url(&self) -> String {
        match &self.inner {
            Upload::Zip { url, .. } | Upload::Archive { url, .. } | Upload::Asset { url, .. } => {
                storesubmit::secret::redact_url(url)
            }
        }
    }

    fn __repr__(&self) -> String {
        format!("Upload({:?})", self.inner)
    }
}

/// What a flow driven by Python holds besides the flow: the tasks handed out and not yet given to
/// Python (it runs them one at a time), the one it runs now, and the folder the file tasks read.
struct Driven {
    flow: Option<Flow>,
    queue: VecDeque<Task>,
    running: Option<TaskId>,
    files: Option<LocalFiles>,
}

/// A running workflow. Not reentrant: one host drives it at a time.
#[pyclass(module = "storesubmit._native", name = "Flow", frozen)]
pub struct PyFlow {
    state: Mutex<Driven>,
}

impl PyFlow {
    fn wrap(flow: Flow) -> Self {
        PyFlow { state: Mutex::new(Driven { flow: Some(flow), queue: VecDeque::new(), running: None, files: None }) }
    }

    fn lock(&self) -> PyResult<MutexGuard<'_, Driven>> {
        self.state.lock().map_err(|_| PyRuntimeError::new_err("workflow state poisoned"))
    }

    fn with<T>(&self, f: impl FnOnce(&mut Flow) -> T) -> PyResult<T> {
        let mut g = self.lock()?;
        g.flow.as_mut().map(f).ok_or_else(|| PyRuntimeError::new_err("the workflow is running elsewhere"))
    }

    /// Takes the flow out to run it elsewhere (the bundled transport), with the cache's tokens.
    pub fn take(&self, tokens: &PyTokenCache) -> PyResult<Flow> {
        let flow = self.lock()?.flow.take().ok_or_else(|| PyRuntimeError::new_err("the workflow already runs"))?;
        Ok(flow.with_tokens(tokens.inner.lock().map(|t| t.clone()).unwrap_or_default()))
    }

    /// Puts a flow run elsewhere back, its tokens saved in the cache.
    pub fn put_back(&self, flow: Flow, tokens: &PyTokenCache) -> PyResult<()> {
        if let Ok(mut t) = tokens.inner.lock() {
            *t = flow.tokens().clone();
        }
        self.lock()?.flow = Some(flow);
        Ok(())
    }

    /// Reports the completion of the task Python ran (`None`: start) and hands Python the next task,
    /// answering file tasks on the way.
    fn advance(&self, py: Python<'_>, completion: Option<Completion>, now: u64, jitter: f64) -> PyResult<PyStep> {
        let tick = Tick { now, jitter: jitter.clamp(0.0, 0.999_999) };
        let mut g = self.lock()?;
        let d = &mut *g;
        let flow = d.flow.as_mut().ok_or_else(|| PyRuntimeError::new_err("the workflow already runs"))?;
        let event = match completion {
            None => Event::Start,
            Some(c) => Event::Completed(d.running.take().ok_or_else(|| PyRuntimeError::new_err("no task runs"))?, c),
        };
        let mut step = flow.resume(event, tick);
        let mut out = PyStep { kind: "done", request: None, seconds: 0.0, scope: None, outcome: None };
        loop {
            match step {
                Step::Done(result) => {
                    out.outcome = Some(outcome_to_py(py, &result.py()?)?);
                    return Ok(out);
                }
                Step::Run(new) => d.queue.extend(new),
                Step::Pending => {}
            }
            let task = d.queue.pop_front().ok_or_else(|| PyRuntimeError::new_err("the workflow waits for nothing"))?;
            match task.work {
                Work::Send { request, .. } => {
                    out.kind = "send";
                    out.request = Some(Py::new(py, PyRequest { inner: request })?);
                }
                Work::Wait { duration, .. } => {
                    out.kind = "wait";
                    out.seconds = duration.as_secs_f64();
                }
                Work::Token { scope, .. } => {
                    out.kind = "token";
                    out.scope = Some(scope);
                }
                work => {
                    let done = match (work, d.files.as_ref()) {
                        (Work::Stat { names }, Some(f)) => f.stat(&names).map(Completion::Sizes),
                        (Work::Read { name, offset, len }, Some(f)) => {
                            py.detach(|| f.read(&name, offset, len)).map(Completion::Data)
                        }
                        (Work::Stat { .. } | Work::Read { .. }, None) => Err(Error::invalid_argument(
                            "this workflow uploads files: pass `files=` (the folder its file names are relative to)",
                        )),
                        (other, _) => Err(Error::new(ErrorKind::Unsupported, format!("cannot perform {other:?}"))),
                    };
                    step = flow.resume(Event::Completed(task.id, done.unwrap_or_else(Completion::Failed)), tick);
                    continue;
                }
            }
            d.running = Some(task.id);
            return Ok(out);
        }
    }
}

#[pymethods]
impl PyFlow {
    /// The workflow a request names (`{"workflow": "submission" | "rollout" | "win32" | "ingestion" |
    /// "call" | "listAll" | "resume", …}`: the core's `wire::workflow_from_json`), with the client's options
    /// and, for a client secret, the secret.
    #[new]
    #[pyo3(signature = (options, request, secret=None))]
    fn new(
        options: &Bound<'_, PyAny>,
        request: &Bound<'_, PyAny>,
        secret: Option<&Bound<'_, PySecret>>,
    ) -> PyResult<Self> {
        Ok(PyFlow::wrap(workflow_from_json(config(options, secret)?, &py_to_json(request)?).py()?))
    }

    /// Only an upload (the core's block-upload machine, its retries and progress) over any transport.
    #[staticmethod]
    fn upload(options: &Bound<'_, PyAny>, upload: &Bound<'_, PyUpload>) -> PyResult<Self> {
        Ok(PyFlow::wrap(host::upload(config(options, None)?, upload.get().inner.clone())))
    }

    /// Begins the workflow with the cache's tokens. `now` is unix seconds, `jitter` a random number in
    /// [0, 1); `files` is the folder the submission's file names are relative to.
    #[pyo3(signature = (now, jitter, tokens, files=None))]
    fn start(
        &self,
        py: Python<'_>,
        now: u64,
        jitter: f64,
        tokens: &Bound<'_, PyTokenCache>,
        files: Option<String>,
    ) -> PyResult<PyStep> {
        let flow = self.take(tokens.get())?;
        {
            let mut g = self.lock()?;
            g.flow = Some(flow);
            g.files = files.map(LocalFiles::new);
        }
        self.advance(py, None, now, jitter)
    }

    /// The response to the last `send` task (any status).
    fn respond(&self, py: Python<'_>, response: &Bound<'_, PyResponse>, now: u64, jitter: f64) -> PyResult<PyStep> {
        self.advance(py, Some(Completion::Response(response.get().inner.clone())), now, jitter)
    }

    /// The last `wait` task is over.
    fn waited(&self, py: Python<'_>, now: u64, jitter: f64) -> PyResult<PyStep> {
        self.advance(py, Some(Completion::Waited), now, jitter)
    }

    /// The token the credential gave for the last `token` task (`expires_on`: unix seconds).
    fn token(&self, py: Python<'_>, token: String, expires_on: u64, now: u64, jitter: f64) -> PyResult<PyStep> {
        let t = AccessToken { token: Secret::new(token), obtained_at: now, expires_at: expires_on };
        self.advance(py, Some(Completion::Token(t)), now, jitter)
    }

    /// The last task failed without a result: `code` is an error code (`transport`, `timeout`, …),
    /// `message` says what happened, `status`/`retryable` what the transport knows (or `None`).
    #[allow(clippy::too_many_arguments)]
    fn failed(
        &self,
        py: Python<'_>,
        code: &str,
        message: &str,
        status: Option<u16>,
        retryable: Option<bool>,
        now: u64,
        jitter: f64,
    ) -> PyResult<PyStep> {
        let mut e = Error::new(ErrorKind::from_code(code).unwrap_or(ErrorKind::Transport), message);
        if let Some(s) = status {
            e = e.with_status(s);
        }
        if let Some(r) = retryable {
            e = e.with_retryable(r);
        }
        self.advance(py, Some(Completion::Failed(e)), now, jitter)
    }

    /// The progress events emitted since the last call (`{"kind": "stage" | "request" | "wait" |
    /// "upload" | "resumable", …}`: the core's own events, `wire::progress_json`).
    fn take_progress<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let events = self.with(Flow::take_progress)?;
        PyList::new(py, events.iter().map(|p| json_to_py(py, &progress_json(p))).collect::<PyResult<Vec<_>>>()?)
    }

    /// Stores the workflow's tokens back into a shared cache (call when it is done).
    fn save_tokens(&self, cache: &Bound<'_, PyTokenCache>) -> PyResult<()> {
        let tokens = self.with(|f| f.tokens().clone())?;
        if let Ok(mut c) = cache.get().inner.lock() {
            *c = tokens;
        }
        Ok(())
    }

    /// A short name of the current stage.
    #[getter]
    fn stage(&self) -> PyResult<String> {
        self.with(|f| f.stage())
    }

    /// The resume token of the workflow as it stands (a JSON string), when it supports resuming.
    fn resume_token(&self) -> PyResult<Option<String>> {
        self.with(|f| f.resume_token().map(|t| t.to_json()))
    }

    fn __repr__(&self) -> String {
        format!("Flow(stage={:?})", self.with(|f| f.stage()).unwrap_or_default())
    }
}

/// The submission document a spec describes before anything is fetched (what pre-flight checks and
/// `pack` look at): new packages and images `PendingUpload`.
#[pyfunction]
pub fn standalone_document<'py>(py: Python<'py>, kind: &str, spec: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let kind: storesubmit::model::DocumentKind = kind.parse().py()?;
    let spec: SubmissionSpec = arg("spec", spec)?;
    json_to_py(py, &spec.standalone_document(kind))
}

/// Registers this module's classes and functions.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyFlow>()?;
    m.add_class::<PyStep>()?;
    m.add_class::<PyUpload>()?;
    m.add_class::<PyTokenCache>()?;
    m.add_function(wrap_pyfunction!(standalone_document, m)?)?;
    Ok(())
}
