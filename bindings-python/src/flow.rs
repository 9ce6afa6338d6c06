//! The core's sans-IO workflows ([`storesubmit::flow`]) as Python objects.
//!
//! Python drives a [`PyFlow`] exactly like the core's own client does: `start()`, then for every
//! [`PyStep`] it executes the step (send a request, sleep, upload) and feeds the result back with
//! `respond()`, `waited()`, `uploaded()` or `failed()`. The same loop runs over the bundled transport, a
//! `requests`/`httpx` adapter or any user callable, so every transport gets the same token refresh,
//! retries, verification after ambiguous failures, polling and deadlines.
//!
//! A step that asks for a token is marked with `token_scope`, so a host holding an azure-identity style
//! credential answers it from `credential.get_token(scope)` instead of sending it (the request carries
//! placeholder credentials in that case and never leaves the process).

use std::collections::VecDeque;
use std::sync::Mutex;
use std::time::Duration;

use pyo3::exceptions::{PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use serde_json::Value;
use storesubmit::api::auth::{ClientCredentials, TokenCache, TokenVersion};
use storesubmit::api::Endpoints;
use storesubmit::flow::devcenter::{self, RolloutAction, SubmissionOptions, Target};
use storesubmit::flow::ingestion::{self, IngestionSpec};
use storesubmit::flow::win32::{self as win32_flow, Win32Spec};
use storesubmit::flow::{
    self, host::LocalFiles, Completion, Event, Flow, FlowConfig, Progress, Purpose, ResumeToken, Step, StopAfter,
    SubmissionSpec, Task, TaskId, Tick, Upload, Work,
};
use storesubmit::policy::{PollSchedule, RetryPolicy};
use storesubmit::{Error, ErrorKind};

use crate::convert::{json_to_py, py_to_json};
use crate::errors::IntoPy;
use crate::http::{PyRequest, PyResponse};
use crate::secret::PySecret;

fn secs(v: &Value, key: &str) -> PyResult<Option<Duration>> {
    match v.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(x) => {
            let s = x
                .as_f64()
                .ok_or_else(|| PyTypeError::new_err(format!("config `{key}` must be a number of seconds")))?;
            Duration::try_from_secs_f64(s).map(Some).map_err(|e| PyValueError::new_err(format!("config `{key}`: {e}")))
        }
    }
}

/// Reads the Python client's settings into a [`FlowConfig`].
///
/// `cfg` keys: `endpoints` (`{devcenter, win32, ingestion, token}`, missing ones production),
/// `tenant_id`, `client_id`, `token_version` (`"v1"`/`"v2"`), `seller_id`, `retry`
/// (`{max_attempts, base_delay, max_delay, max_retry_after}`), `poll` (`{initial, factor, max}`),
/// `deadline`, `request_timeout` (seconds). The client secret comes separately as a [`PySecret`] so it
/// never sits in a dict.
pub fn flow_config(cfg: &Bound<'_, PyAny>, secret: Option<&Bound<'_, PySecret>>) -> PyResult<FlowConfig> {
    let v = py_to_json(cfg)?;
    let mut ep = Endpoints::production();
    if let Some(e) = v.get("endpoints").and_then(Value::as_object) {
        for (k, val) in e {
            let Some(s) = val.as_str() else { continue };
            match k.as_str() {
                "devcenter" => ep.devcenter = s.to_string(),
                "win32" => ep.win32 = s.to_string(),
                "ingestion" => ep.ingestion = s.to_string(),
                "token" => ep.token = s.to_string(),
                other => return Err(PyValueError::new_err(format!("unknown endpoints key {other:?}"))),
            }
        }
    }
    let text = |k: &str| v.get(k).and_then(Value::as_str).unwrap_or("").to_string();
    let secret = secret.map(|s| s.get().inner.clone()).unwrap_or_else(|| "unused".into());
    let creds = ClientCredentials::new(text("tenant_id"), text("client_id"), secret);
    let mut fc = FlowConfig::new(ep, creds);
    fc.token_version = match v.get("token_version").and_then(Value::as_str) {
        None | Some("v2") => TokenVersion::V2,
        Some("v1") => TokenVersion::V1,
        Some(other) => {
            return Err(PyValueError::new_err(format!("token_version must be \"v1\" or \"v2\", not {other:?}")))
        }
    };
    fc.seller_id = v.get("seller_id").and_then(Value::as_str).map(str::to_string);
    if let Some(r) = v.get("retry").filter(|r| r.is_object()) {
        let d = RetryPolicy::default();
        fc.retry = RetryPolicy {
            max_attempts: r
                .get("max_attempts")
                .and_then(Value::as_u64)
                .map(|n| n.clamp(1, 100) as u32)
                .unwrap_or(d.max_attempts),
            base_delay: secs(r, "base_delay")?.unwrap_or(d.base_delay),
            max_delay: secs(r, "max_delay")?.unwrap_or(d.max_delay),
            max_retry_after: secs(r, "max_retry_after")?.unwrap_or(d.max_retry_after),
        };
    }
    if let Some(p) = v.get("poll").filter(|p| p.is_object()) {
        let d = PollSchedule::default();
        fc.poll = PollSchedule {
            initial: secs(p, "initial")?.unwrap_or(d.initial),
            factor: p.get("factor").and_then(Value::as_f64).unwrap_or(d.factor),
            max: secs(p, "max")?.unwrap_or(d.max),
        };
    }
    if v.get("deadline").is_some() {
        // Absent: the core's default workflow deadline (FlowConfig::new) stays.
        fc.deadline = secs(&v, "deadline")?;
    }
    if v.get("request_timeout").is_some() {
        fc.request_timeout = secs(&v, "request_timeout")?;
    }
    Ok(fc)
}

fn stop_after(s: Option<&str>) -> PyResult<StopAfter> {
    match s {
        None => Ok(StopAfter::Published),
        Some(s) => StopAfter::parse(s).ok_or_else(|| {
            PyValueError::new_err(format!(
                "stop_after must be \"draft\", \"committed\", \"certification\" or \"published\", not {s:?}"
            ))
        }),
    }
}

fn from_json<T: serde::de::DeserializeOwned>(what: &str, v: Value) -> PyResult<T> {
    serde_json::from_value(v).map_err(|e| Error::invalid_argument(format!("{what}: {e}"))).py()
}

/// The token cache a client shares between the workflows it runs (tokens are never exposed).
#[pyclass(module = "storesubmit._native", name = "TokenCache", frozen)]
pub struct PyTokenCache {
    inner: Mutex<TokenCache>,
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

/// One thing the host must do next (see the module documentation).
#[pyclass(module = "storesubmit._native", name = "Step", frozen)]
pub struct PyStep {
    kind: &'static str,
    request: Option<Py<PyRequest>>,
    seconds: f64,
    upload: Option<Py<PyUpload>>,
    outcome: Option<Py<PyAny>>,
    token_scope: Option<String>,
}

#[pymethods]
impl PyStep {
    /// `"send"`, `"wait"`, `"upload"` or `"done"`.
    #[getter]
    fn kind(&self) -> &'static str {
        self.kind
    }

    /// The request to send (`send` steps).
    #[getter]
    fn request(&self, py: Python<'_>) -> Option<Py<PyRequest>> {
        self.request.as_ref().map(|r| r.clone_ref(py))
    }

    /// How long to wait, in seconds (`wait` steps).
    #[getter]
    fn seconds(&self) -> f64 {
        self.seconds
    }

    /// The upload to perform (`upload` steps).
    #[getter]
    fn upload(&self, py: Python<'_>) -> Option<Py<PyUpload>> {
        self.upload.as_ref().map(|u| u.clone_ref(py))
    }

    /// The outcome dict (`done` steps).
    #[getter]
    fn outcome(&self, py: Python<'_>) -> Option<Py<PyAny>> {
        self.outcome.as_ref().map(|o| o.clone_ref(py))
    }

    /// For a `send` step that asks the token service for a token: the scope (`<resource>/.default`).
    #[getter]
    fn token_scope(&self) -> Option<String> {
        self.token_scope.clone()
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        match self.kind {
            "send" => format!(
                "Step(send, {}{})",
                self.request.as_ref().map(|r| r.get().summary()).unwrap_or_default(),
                if self.token_scope.is_some() { ", token" } else { "" }
            ),
            "wait" => format!("Step(wait, {:.3}s)", self.seconds),
            "upload" => format!(
                "Step(upload, {})",
                self.upload.as_ref().map(|u| u.bind(py).get().describe()).unwrap_or_default()
            ),
            other => format!("Step({other})"),
        }
    }
}

/// An upload a workflow asks for: a submission's ZIP to its SAS URL, or one win32 listing asset.
/// `repr()` never shows the SAS signature.
#[pyclass(module = "storesubmit._native", name = "Upload", frozen)]
pub struct PyUpload {
    /// The core's upload.
    pub inner: Upload,
}

impl PyUpload {
    fn describe(&self) -> String {
        format!("{:?}", self.inner)
    }
}

#[pymethods]
impl PyUpload {
    /// A ZIP upload of `files` (names as a submission writes them, relative to the files folder) to a
    /// blob SAS URL: what a devcenter workflow hands out, for uploading a package through any transport.
    #[staticmethod]
    fn zip(url: String, files: Vec<String>) -> Self {
        let files = files
            .into_iter()
            .map(|name| storesubmit::flow::UploadFile {
                zip_name: storesubmit::model::files::zip_entry_name(&name),
                name,
            })
            .collect();
        PyUpload { inner: Upload::Zip { url, files } }
    }

    /// `"zip"` or `"asset"`.
    #[getter]
    fn kind(&self) -> &'static str {
        match self.inner {
            Upload::Zip { .. } => "zip",
            Upload::Asset { .. } => "asset",
        }
    }

    /// The files uploaded, as the submission names them (relative to the files folder).
    #[getter]
    fn files(&self) -> Vec<String> {
        match &self.inner {
            Upload::Zip { files, .. } => files.iter().map(|f| f.name.clone()).collect(),
            Upload::Asset { file, .. } => vec![file.clone()],
        }
    }

    /// The destination URL with its signature redacted (for logs).
    #[getter]
    fn redacted_url(&self) -> String {
        match &self.inner {
            Upload::Zip { url, .. } | Upload::Asset { url, .. } => storesubmit::secret::redact_url(url),
        }
    }

    fn __repr__(&self) -> String {
        format!("Upload({})", self.describe())
    }
}

/// A running workflow. Not reentrant: one host drives it at a time.
#[pyclass(module = "storesubmit._native", name = "Flow", frozen)]
pub struct PyFlow {
    flow: Mutex<Option<Flow>>,
    /// Tasks handed out by the flow and not yet given to Python (Python runs them one at a time), and
    /// the one Python runs now.
    tasks: Mutex<(VecDeque<Task>, Option<TaskId>)>,
    /// The folder the flow's file tasks read (given to `start`), and the last upload bytes reported.
    files: Mutex<FileState>,
    intercept_tokens: bool,
}

/// The folder a flow's file tasks read, and the last upload bytes reported (done, total).
type FileState = (Option<LocalFiles>, Option<(u64, u64)>);

impl PyFlow {
    fn with<T>(&self, f: impl FnOnce(&mut Flow) -> T) -> PyResult<T> {
        let mut g = self.flow.lock().map_err(|_| PyRuntimeError::new_err("workflow state poisoned"))?;
        let flow = g.as_mut().ok_or_else(|| PyRuntimeError::new_err("workflow state lost"))?;
        Ok(f(flow))
    }

    fn wrap(flow: Flow, _cfg: FlowConfig, intercept_tokens: bool) -> Self {
        PyFlow {
            flow: Mutex::new(Some(flow)),
            tasks: Mutex::new((VecDeque::new(), None)),
            files: Mutex::new((None, None)),
            intercept_tokens,
        }
    }

    /// Reports the completion of the task Python ran (`None`: start) and hands Python the next task.
    fn advance(&self, py: Python<'_>, completion: Option<Completion>, now: u64, jitter: f64) -> PyResult<PyStep> {
        let tick = Tick { now, jitter: jitter.clamp(0.0, 0.999_999) };
        let mut tasks = self.tasks.lock().map_err(|_| PyRuntimeError::new_err("workflow state poisoned"))?;
        let event = match completion {
            None => Event::Start,
            Some(c) => {
                let id = tasks.1.take().ok_or_else(|| PyRuntimeError::new_err("no step is running"))?;
                Event::Completed(id, c)
            }
        };
        let mut step = self.with(|f| f.resume(event, tick))?;
        let mut out =
            PyStep { kind: "done", request: None, seconds: 0.0, upload: None, outcome: None, token_scope: None };
        let mut files = self.files.lock().map_err(|_| PyRuntimeError::new_err("workflow state poisoned"))?;
        let result = loop {
            for p in self.with(Flow::take_progress)? {
                if let Progress::Upload { done, total } = p {
                    files.1 = Some((done, total));
                }
            }
            match step {
                Step::Done(result) => break result,
                Step::Run(new) => tasks.0.extend(new),
                Step::Pending => {}
            }
            let task = tasks.0.pop_front().ok_or_else(|| PyRuntimeError::new_err("the workflow waits for nothing"))?;
            match task.work {
                Work::Send { request, purpose } => {
                    out.kind = "send";
                    if let (true, Purpose::Token { scope, .. }) = (self.intercept_tokens, purpose) {
                        out.token_scope = Some(scope);
                    }
                    out.request = Some(Py::new(py, PyRequest { inner: request })?);
                }
                Work::Wait { duration, .. } => {
                    out.kind = "wait";
                    out.seconds = duration.as_secs_f64();
                }
                other => {
                    // File tasks are answered here, from the folder given to `start`.
                    let no_files = || {
                        Error::invalid_argument(
                            "this workflow uploads files: pass `files=` (the folder the submission's file names are relative to)",
                        )
                    };
                    let done = match (other, files.0.as_ref()) {
                        (Work::Stat { names }, Some(f)) => f.stat(&names).map(Completion::Sizes),
                        (Work::Read { name, offset, len }, Some(f)) => {
                            py.detach(|| f.read(&name, offset, len)).map(Completion::Data)
                        }
                        (Work::Stat { .. } | Work::Read { .. }, None) => Err(no_files()),
                        (other, _) => {
                            Err(Error::new(ErrorKind::Unsupported, format!("this host cannot perform {other:?}")))
                        }
                    };
                    let completion = done.unwrap_or_else(Completion::Failed);
                    step = self.with(|f| f.resume(Event::Completed(task.id, completion), tick))?;
                    continue;
                }
            }
            tasks.1 = Some(task.id);
            return Ok(out);
        };
        let outcome = result.py()?;
        let mut v = serde_json::to_value(&outcome).map_err(|e| PyRuntimeError::new_err(e.to_string()))?;
        if let Some(token) = &outcome.resume {
            v["resume"] = Value::String(token.to_json());
        }
        out.outcome = Some(json_to_py(py, &v)?.unbind());
        Ok(out)
    }
}

fn parse_target(v: Value) -> PyResult<Target> {
    from_json("target", v)
}

#[pymethods]
impl PyFlow {
    /// An app, add-on or flight submission: `target` is `{"type": "app", "app_id"}`,
    /// `{"type": "addon", "addon_id"}` or `{"type": "flight", "app_id", "flight_id"}`; `spec` is
    /// `{changes, oldPackages, rolloutPercentage, mandatoryUpdate, mandatoryUpdateEffectiveDate}`;
    /// `pending` is `"fail"`, `"reuse"` or `"recreate"`.
    #[staticmethod]
    #[pyo3(signature = (cfg, target, spec, stop_after=None, pending=None, secret=None, intercept_tokens=false))]
    #[allow(clippy::too_many_arguments)]
    fn submission(
        cfg: &Bound<'_, PyAny>,
        target: &Bound<'_, PyAny>,
        spec: &Bound<'_, PyAny>,
        stop_after: Option<&str>,
        pending: Option<&str>,
        secret: Option<&Bound<'_, PySecret>>,
        intercept_tokens: bool,
    ) -> PyResult<Self> {
        let fc = flow_config(cfg, secret)?;
        let target = parse_target(py_to_json(target)?)?;
        let spec: SubmissionSpec = from_json("spec", py_to_json(spec)?)?;
        let pending = from_json("pending", Value::String(pending.unwrap_or("reuse").to_string()))?;
        let options = SubmissionOptions { stop_after: self::stop_after(stop_after)?, pending };
        Ok(PyFlow::wrap(devcenter::submission(fc.clone(), target, spec, options), fc, intercept_tokens))
    }

    /// A rollout read or change: `action` is `"get"`, `"update"` (with `percentage`), `"halt"` or
    /// `"finalize"`.
    #[staticmethod]
    #[pyo3(signature = (cfg, target, submission_id, action, percentage=None, secret=None, intercept_tokens=false))]
    #[allow(clippy::too_many_arguments)]
    fn rollout(
        cfg: &Bound<'_, PyAny>,
        target: &Bound<'_, PyAny>,
        submission_id: &str,
        action: &str,
        percentage: Option<f64>,
        secret: Option<&Bound<'_, PySecret>>,
        intercept_tokens: bool,
    ) -> PyResult<Self> {
        let fc = flow_config(cfg, secret)?;
        let target = parse_target(py_to_json(target)?)?;
        let action = match (action, percentage) {
            ("get", _) => RolloutAction::Get,
            ("update", Some(p)) if (0.0..=100.0).contains(&p) => RolloutAction::Update(p),
            ("update", _) => {
                return Err(Error::invalid_argument("rollout update: `percentage` must be a number from 0 to 100")).py()
            }
            ("halt", _) => RolloutAction::Halt,
            ("finalize", _) => RolloutAction::Finalize,
            (other, _) => {
                return Err(Error::invalid_argument(format!(
                    "rollout action must be \"get\", \"update\", \"halt\" or \"finalize\", not {other:?}"
                )))
                .py()
            }
        };
        if submission_id.trim().is_empty() {
            return Err(Error::invalid_argument("rollout: `submission_id` is empty")).py();
        }
        Ok(PyFlow::wrap(devcenter::rollout(fc.clone(), target, submission_id, action), fc, intercept_tokens))
    }

    /// The MSI/EXE workflow: `spec` is `{packages, packagePatches, metadata, metadataPatch, assets}`.
    #[staticmethod]
    #[pyo3(signature = (cfg, product_id, spec, stop_after=None, secret=None, intercept_tokens=false))]
    fn win32(
        cfg: &Bound<'_, PyAny>,
        product_id: &str,
        spec: &Bound<'_, PyAny>,
        stop_after: Option<&str>,
        secret: Option<&Bound<'_, PySecret>>,
        intercept_tokens: bool,
    ) -> PyResult<Self> {
        let fc = flow_config(cfg, secret)?;
        let spec: Win32Spec = from_json("win32 spec", py_to_json(spec)?)?;
        let flow = win32_flow::publish(fc.clone(), product_id, spec, self::stop_after(stop_after)?);
        Ok(PyFlow::wrap(flow, fc, intercept_tokens))
    }

    /// The Partner Center ingestion workflow: `spec` is `{modules, scope, promote, publishOption}`.
    #[staticmethod]
    #[pyo3(signature = (cfg, product_id, spec, stop_after=None, secret=None, intercept_tokens=false))]
    fn ingestion(
        cfg: &Bound<'_, PyAny>,
        product_id: &str,
        spec: &Bound<'_, PyAny>,
        stop_after: Option<&str>,
        secret: Option<&Bound<'_, PySecret>>,
        intercept_tokens: bool,
    ) -> PyResult<Self> {
        let fc = flow_config(cfg, secret)?;
        let spec: IngestionSpec = from_json("ingestion spec", py_to_json(spec)?)?;
        let flow = ingestion::publish(fc.clone(), product_id, spec, self::stop_after(stop_after)?);
        Ok(PyFlow::wrap(flow, fc, intercept_tokens))
    }

    /// One call of any operation by id (the `document` of the outcome is the response body).
    #[staticmethod]
    #[pyo3(signature = (cfg, op_id, args=None, secret=None, intercept_tokens=false))]
    fn call(
        cfg: &Bound<'_, PyAny>,
        op_id: &str,
        args: Option<&Bound<'_, PyAny>>,
        secret: Option<&Bound<'_, PySecret>>,
        intercept_tokens: bool,
    ) -> PyResult<Self> {
        let fc = flow_config(cfg, secret)?;
        let args = match args {
            Some(a) => py_to_json(a)?,
            None => Value::Null,
        };
        let flow = flow::simple::call(fc.clone(), op_id, args).py()?;
        Ok(PyFlow::wrap(flow, fc, intercept_tokens))
    }

    /// Every item of a list operation: the core's paging flow follows next-page links up to `max_pages`
    /// (the `document` of the outcome is `{value, pages, truncated}`).
    #[staticmethod]
    #[pyo3(signature = (cfg, op_id, args=None, max_pages=storesubmit::data::limits::LIST_PAGES_DEFAULT, secret=None, intercept_tokens=false))]
    fn list_all(
        cfg: &Bound<'_, PyAny>,
        op_id: &str,
        args: Option<&Bound<'_, PyAny>>,
        max_pages: u32,
        secret: Option<&Bound<'_, PySecret>>,
        intercept_tokens: bool,
    ) -> PyResult<Self> {
        let fc = flow_config(cfg, secret)?;
        let args = match args {
            Some(a) => py_to_json(a)?,
            None => Value::Null,
        };
        let flow = flow::simple::list_all(fc.clone(), op_id, args, max_pages).py()?;
        Ok(PyFlow::wrap(flow, fc, intercept_tokens))
    }

    /// Continues a workflow stopped early from its resume token (the outcome's `resume` string).
    #[staticmethod]
    #[pyo3(signature = (cfg, token, stop_after=None, secret=None, intercept_tokens=false))]
    fn resume_from(
        cfg: &Bound<'_, PyAny>,
        token: &str,
        stop_after: Option<&str>,
        secret: Option<&Bound<'_, PySecret>>,
        intercept_tokens: bool,
    ) -> PyResult<Self> {
        let fc = flow_config(cfg, secret)?;
        let token = ResumeToken::from_json(token).py()?;
        let flow = flow::resume(fc.clone(), &token, self::stop_after(stop_after)?).py()?;
        Ok(PyFlow::wrap(flow, fc, intercept_tokens))
    }

    /// Loads the tokens of a shared cache (call before `start`).
    fn use_tokens(&self, cache: &Bound<'_, PyTokenCache>) -> PyResult<()> {
        let tokens = cache.get().inner.lock().map(|t| t.clone()).unwrap_or_default();
        let mut f = self.flow.lock().map_err(|_| PyRuntimeError::new_err("workflow state poisoned"))?;
        if let Some(taken) = f.take() {
            *f = Some(taken.with_tokens(tokens));
        }
        Ok(())
    }

    /// Stores the workflow's tokens back into a shared cache (call when it is done).
    fn save_tokens(&self, cache: &Bound<'_, PyTokenCache>) -> PyResult<()> {
        let tokens = self.with(|f| f.tokens().clone())?;
        if let Ok(mut c) = cache.get().inner.lock() {
            *c = tokens;
        }
        Ok(())
    }

    /// Begins the workflow. `now` is unix seconds, `jitter` a random number in [0, 1); `files` is the
    /// folder the submission's file names are relative to (the flow reads it when it uploads).
    #[pyo3(signature = (now, jitter, files=None))]
    fn start(&self, py: Python<'_>, now: u64, jitter: f64, files: Option<String>) -> PyResult<PyStep> {
        if let Ok(mut f) = self.files.lock() {
            f.0 = files.map(LocalFiles::new);
        }
        self.advance(py, None, now, jitter)
    }

    /// The upload bytes `(done, total)` reported since the last call, if any.
    fn take_upload_progress(&self) -> PyResult<Option<(u64, u64)>> {
        let mut f = self.files.lock().map_err(|_| PyRuntimeError::new_err("workflow state poisoned"))?;
        Ok(f.1.take())
    }

    /// The response to the last `send` step (any status).
    fn respond(&self, py: Python<'_>, response: &Bound<'_, PyResponse>, now: u64, jitter: f64) -> PyResult<PyStep> {
        self.advance(py, Some(Completion::Response(response.get().inner.clone())), now, jitter)
    }

    /// The last `wait` step is over.
    fn waited(&self, py: Python<'_>, now: u64, jitter: f64) -> PyResult<PyStep> {
        self.advance(py, Some(Completion::Waited), now, jitter)
    }

    /// The last `upload` step succeeded.
    fn uploaded(&self, py: Python<'_>, now: u64, jitter: f64) -> PyResult<PyStep> {
        self.advance(py, Some(Completion::Waited), now, jitter)
    }

    /// The last `send` or `upload` step failed without a response: `code` is an error code
    /// (`transport`, `timeout`, `io`, a blob error…), `message` says what happened.
    #[pyo3(signature = (code, message, now, jitter, status=None, retryable=None))]
    #[allow(clippy::too_many_arguments)]
    fn failed(
        &self,
        py: Python<'_>,
        code: &str,
        message: &str,
        now: u64,
        jitter: f64,
        status: Option<u16>,
        retryable: Option<bool>,
    ) -> PyResult<PyStep> {
        let kind = ErrorKind::from_code(code).unwrap_or(ErrorKind::Transport);
        let mut e = Error::new(kind, message);
        if let Some(s) = status {
            e = e.with_status(s);
        }
        if let Some(r) = retryable {
            e = e.with_retryable(r);
        }
        self.advance(py, Some(Completion::Failed(e)), now, jitter)
    }

    /// A short name of the current stage.
    #[getter]
    fn stage(&self) -> PyResult<String> {
        self.with(|f| f.stage())
    }

    /// Requests asked for so far (token requests included).
    #[getter]
    fn requests_sent(&self) -> PyResult<u32> {
        self.with(|f| f.requests_sent())
    }

    /// The resume token of the workflow as it stands (a JSON string), when it supports resuming.
    fn resume_token(&self) -> PyResult<Option<String>> {
        self.with(|f| f.resume_token().map(|t| t.to_json()))
    }

    fn __repr__(&self) -> String {
        let stage = self.with(|f| f.stage()).unwrap_or_default();
        format!("Flow(stage={stage:?})")
    }
}

/// The submission document a spec describes before anything is fetched (what pre-flight checks and
/// `pack` look at): new packages and images `PendingUpload`.
#[pyfunction]
pub fn standalone_document<'py>(py: Python<'py>, kind: &str, spec: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let kind: storesubmit::model::DocumentKind = kind.parse().py()?;
    let spec: SubmissionSpec = from_json("spec", py_to_json(spec)?)?;
    json_to_py(py, &spec.standalone_document(kind))
}

/// Pre-flight checks of a devcenter submission spec (rules and files), as the core client makes them.
#[pyfunction]
#[pyo3(signature = (kind, spec, files=None))]
pub fn preflight_submission(
    py: Python<'_>,
    kind: &str,
    spec: &Bound<'_, PyAny>,
    files: Option<std::path::PathBuf>,
) -> PyResult<()> {
    let kind: storesubmit::model::DocumentKind = kind.parse().py()?;
    let spec: SubmissionSpec = from_json("spec", py_to_json(spec)?)?;
    py.detach(|| storesubmit::client::preflight_submission(kind, &spec, files.as_deref())).py()
}

/// Pre-flight checks of a win32 spec (rules and listing asset files).
#[pyfunction]
#[pyo3(signature = (spec, files=None))]
pub fn preflight_win32(py: Python<'_>, spec: &Bound<'_, PyAny>, files: Option<std::path::PathBuf>) -> PyResult<()> {
    let spec: Win32Spec = from_json("win32 spec", py_to_json(spec)?)?;
    py.detach(|| storesubmit::client::preflight_win32(&spec, files.as_deref())).py()
}

/// Registers this module's classes and functions.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyFlow>()?;
    m.add_class::<PyStep>()?;
    m.add_class::<PyUpload>()?;
    m.add_class::<PyTokenCache>()?;
    m.add_function(wrap_pyfunction!(standalone_document, m)?)?;
    m.add_function(wrap_pyfunction!(preflight_submission, m)?)?;
    m.add_function(wrap_pyfunction!(preflight_win32, m)?)?;
    Ok(())
}
