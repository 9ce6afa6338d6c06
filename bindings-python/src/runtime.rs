//! The bundled transport: the core's reqwest (rustls) client, which runs whole workflows, on a tokio runtime.
//!
//! - **No runtime at import.** The runtime is created on first use, not when the module loads.
//! - **Fork-safe.** The runtime and the HTTP client are remembered with the process id that made them;
//!   a child process (after `os.fork()`, e.g. multiprocessing's default start method on Linux) sees a
//!   different id and builds its own. The parent's runtime is leaked in the child, never dropped: its
//!   threads do not exist there, and dropping it would wait for them.
//! - **GIL released.** Every send, workflow and upload runs with the GIL released (`py.detach`); the sync API
//!   blocks on the runtime, the async API spawns a task and resolves an asyncio future through
//!   `loop.call_soon_threadsafe`.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use storesubmit::api::auth::AccessToken;
use storesubmit::api::auth::ClientCredentials;
use storesubmit::api::blob::SasUrl;
use storesubmit::api::Endpoints;
use storesubmit::client::{check_url_scheme, Client, Progress, ProgressHandler, TokenProvider};
use storesubmit::flow::FlowConfig;
use storesubmit::transport::{BlobUploader, ProgressFn, UploadOptions, UploadReport};
use storesubmit::wire::progress_json;
use storesubmit::{Error, ErrorKind, Result, Secret};
use tokio::runtime::Runtime;

use crate::convert::json_to_py;
use crate::errors::{to_py_err, IntoPy};
use crate::flow::{outcome_to_py, PyFlow, PyTokenCache};
use crate::http::{PyRequest, PyResponse};

static RUNTIME: Mutex<Option<(u32, &'static Runtime)>> = Mutex::new(None);

/// The process's runtime, created on first use (and again in a forked child).
pub fn runtime() -> PyResult<&'static Runtime> {
    let pid = std::process::id();
    let mut g = RUNTIME.lock().map_err(|_| PyRuntimeError::new_err("storesubmit runtime lock poisoned"))?;
    if let Some((p, rt)) = *g {
        if p == pid {
            return Ok(rt);
        }
    }
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("storesubmit")
        .enable_all()
        .build()
        .map_err(|e| to_py_err(Error::new(ErrorKind::Transport, format!("cannot start the I/O runtime: {e}"))))?;
    let rt: &'static Runtime = Box::leak(Box::new(rt));
    *g = Some((pid, rt));
    Ok(rt)
}

fn report_to_py<'py>(py: Python<'py>, r: &UploadReport) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("size", r.size)?;
    d.set_item("single_put", r.single_put)?;
    d.set_item("blocks", r.blocks)?;
    d.set_item("blocks_sent", r.blocks_sent)?;
    d.set_item("blocks_skipped", r.blocks_skipped)?;
    d.set_item("bytes_sent", r.bytes_sent)?;
    d.set_item("retries", r.retries)?;
    Ok(d)
}

/// The Python callbacks of one run: progress events (or an upload's bytes) and an outside credential. The
/// first exception one raises is kept and raised when the run returns (instead of the error it caused).
struct Hooks {
    on_event: Option<Py<PyAny>>,
    get_token: Option<Py<PyAny>>,
    error: Arc<Mutex<Option<PyErr>>>,
}

fn keep(slot: &Mutex<Option<PyErr>>, e: PyErr) {
    if let Ok(mut s) = slot.lock() {
        s.get_or_insert(e);
    }
}

impl Hooks {
    fn progress(&self) -> Option<ProgressHandler> {
        let (cb, err) = (Python::attach(|py| self.on_event.as_ref().map(|c| c.clone_ref(py)))?, self.error.clone());
        Some(Arc::new(move |p: &Progress| {
            Python::attach(|py| {
                if let Err(e) = json_to_py(py, &progress_json(p)).and_then(|ev| cb.call1(py, (ev,))) {
                    keep(&err, e);
                }
            })
        }))
    }

    /// `on_event` as an uploader's byte counter `(done, total)`.
    fn bytes(&self) -> Option<ProgressFn> {
        let (cb, err) = (Python::attach(|py| self.on_event.as_ref().map(|c| c.clone_ref(py)))?, self.error.clone());
        Some(Arc::new(move |done, total| {
            Python::attach(|py| cb.call1(py, (done, total)).map(drop).unwrap_or_else(|e| keep(&err, e)))
        }))
    }

    fn credential(&self) -> Option<TokenProvider> {
        let (cb, err) = (Python::attach(|py| self.get_token.as_ref().map(|c| c.clone_ref(py)))?, self.error.clone());
        Some(Arc::new(move |_family, scope: &str| {
            let now = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
            Python::attach(|py| cb.call1(py, (scope,)).and_then(|t| t.extract::<(String, u64)>(py)))
                .map(|(token, expires_at)| AccessToken { token: Secret::new(token), obtained_at: now, expires_at })
                .map_err(|e| {
                    keep(&err, e);
                    Error::new(ErrorKind::Auth, "the credential failed")
                })
        }))
    }

    fn finish<T>(&self, result: Result<T>) -> PyResult<T> {
        match (result, self.error.lock().ok().and_then(|mut e| e.take())) {
            (_, Some(e)) => Err(e),
            (r, None) => r.py(),
        }
    }
}

/// Hands a result to an asyncio future from any thread: `loop.call_soon_threadsafe(resolve, fut, ok, value)`.
fn deliver(loop_: &Py<PyAny>, fut: &Py<PyAny>, result: PyResult<Py<PyAny>>) {
    Python::attach(|py| {
        let (ok, value) = match result {
            Ok(v) => (true, v),
            Err(e) => (false, e.into_value(py).into_any()),
        };
        let call = || -> PyResult<()> {
            let resolve = py.import("storesubmit._aio_bridge")?.getattr("resolve")?;
            loop_.call_method1(py, "call_soon_threadsafe", (resolve, fut.clone_ref(py), ok, value))?;
            Ok(())
        };
        // A closed event loop has nobody left to tell.
        let _ = call();
    })
}

/// Lets asyncio cancel a task running on the runtime.
#[pyclass(module = "storesubmit._native", name = "TaskHandle", frozen)]
pub struct PyTaskHandle {
    handle: tokio::task::AbortHandle,
}

#[pymethods]
impl PyTaskHandle {
    /// Stops the task (its future is cancelled by the caller).
    fn cancel(&self) {
        self.handle.abort();
    }
}

/// The bundled transport: sends requests and performs uploads with the core's reqwest client.
#[pyclass(module = "storesubmit._native", name = "BundledTransport", frozen)]
pub struct PyBundled {
    user_agent: String,
    connect_timeout: Duration,
    block_size: u64,
    concurrency: usize,
    client: Mutex<Option<(u32, Client)>>,
}

impl PyBundled {
    fn client(&self) -> PyResult<(&'static Runtime, Client)> {
        let rt = runtime()?;
        let pid = std::process::id();
        let mut g = self.client.lock().map_err(|_| PyRuntimeError::new_err("transport lock poisoned"))?;
        if let Some((p, c)) = g.as_ref() {
            if *p == pid {
                return Ok((rt, c.clone()));
            }
        }
        if let Some(old) = g.take() {
            // Made in the parent process: its connections belong to a runtime that is gone here.
            std::mem::forget(old);
        }
        let cfg = FlowConfig::new(Endpoints::production(), ClientCredentials::new("-", "-", "-"));
        let client = {
            let _guard = rt.enter();
            Client::builder(cfg)
                .user_agent(self.user_agent.clone())
                .connect_timeout(self.connect_timeout)
                .build()
                .py()?
        };
        *g = Some((pid, client.clone()));
        Ok((rt, client))
    }

    fn uploader(&self, progress: Option<ProgressFn>) -> PyResult<BlobUploader> {
        let opts = UploadOptions {
            block_size: self.block_size,
            concurrency: self.concurrency.max(1),
            progress,
            ..UploadOptions::default()
        };
        let rt = runtime()?;
        let _guard = rt.enter();
        BlobUploader::new(opts).py()
    }
}

#[pymethods]
impl PyBundled {
    /// A transport: `User-Agent`, connect timeout (seconds), upload block size (bytes, 0 for the
    /// default 4 MiB) and blocks in flight.
    #[new]
    #[pyo3(signature = (user_agent, connect_timeout=30.0, block_size=0, concurrency=4))]
    fn new(user_agent: String, connect_timeout: f64, block_size: u64, concurrency: usize) -> PyResult<Self> {
        let connect_timeout = Duration::try_from_secs_f64(connect_timeout)
            .map_err(|e| to_py_err(Error::invalid_argument(format!("connect_timeout: {e}"))))?;
        Ok(PyBundled { user_agent, connect_timeout, block_size, concurrency, client: Mutex::new(None) })
    }

    /// Sends one request (https, or http to a loopback host) and returns the response, whatever its
    /// status. Raises `TransportError`/`RequestTimeoutError` when no response arrives.
    fn send(&self, py: Python<'_>, request: &Bound<'_, PyRequest>) -> PyResult<PyResponse> {
        let (rt, client) = self.client()?;
        let req = request.get().inner.clone();
        let resp = py.detach(|| rt.block_on(client.send(req))).py()?;
        Ok(PyResponse { inner: resp })
    }

    /// Runs a workflow to its end with the core's client (its tasks concurrently, the GIL released),
    /// with the cache's tokens; returns the outcome dict or raises its error. `on_event` receives each
    /// progress event dict, `get_token(scope)` answers the token tasks of an outside credential with
    /// `(token, expires_on)`.
    #[pyo3(signature = (flow, tokens, files=None, on_event=None, get_token=None))]
    fn run(
        &self,
        py: Python<'_>,
        flow: &Bound<'_, PyFlow>,
        tokens: &Bound<'_, PyTokenCache>,
        files: Option<PathBuf>,
        on_event: Option<Py<PyAny>>,
        get_token: Option<Py<PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let (rt, client) = self.client()?;
        let mut f = flow.get().take(tokens.get())?;
        let hooks = Hooks { on_event, get_token, error: Arc::default() };
        let (progress, credential) = (hooks.progress(), hooks.credential());
        let result = py.detach(|| rt.block_on(client.run_flow(&mut f, files.as_deref(), progress, credential)));
        flow.get().put_back(f, tokens.get())?;
        outcome_to_py(py, &hooks.finish(result)?)
    }

    /// Uploads a local file to a blob SAS URL (blocks in parallel, resumable); returns the report.
    #[pyo3(signature = (url, path, on_progress=None))]
    fn upload_file<'py>(
        &self,
        py: Python<'py>,
        url: &str,
        path: PathBuf,
        on_progress: Option<Py<PyAny>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        check_url_scheme(url).py()?;
        let sas = SasUrl::parse(url).py()?;
        let hooks = Hooks { on_event: on_progress, get_token: None, error: Arc::default() };
        let uploader = self.uploader(hooks.bytes())?;
        let rt = runtime()?;
        let result = py.detach(|| rt.block_on(uploader.upload_file(&sas, &path)));
        report_to_py(py, &hooks.finish(result)?)
    }

    /// Asynchronous `send`: resolves `future` (of `loop`) with the response or the exception.
    fn send_async(
        &self,
        request: &Bound<'_, PyRequest>,
        event_loop: Py<PyAny>,
        future: Py<PyAny>,
    ) -> PyResult<PyTaskHandle> {
        let (rt, client) = self.client()?;
        let req = request.get().inner.clone();
        let handle = rt.spawn(async move {
            let result = client.send(req).await;
            let value = result
                .map_err(to_py_err)
                .and_then(|r| Python::attach(|py| Ok(Py::new(py, PyResponse { inner: r })?.into_any())));
            deliver(&event_loop, &future, value);
        });
        Ok(PyTaskHandle { handle: handle.abort_handle() })
    }

    /// Asynchronous `run`: resolves `future` (of `loop`) with the outcome or the exception. `on_event`
    /// and `get_token` are called from runtime threads (the asyncio client hops them onto the loop).
    #[pyo3(signature = (flow, tokens, files, on_event, get_token, event_loop, future))]
    #[allow(clippy::too_many_arguments)]
    fn run_async(
        &self,
        flow: &Bound<'_, PyFlow>,
        tokens: &Bound<'_, PyTokenCache>,
        files: Option<PathBuf>,
        on_event: Option<Py<PyAny>>,
        get_token: Option<Py<PyAny>>,
        event_loop: Py<PyAny>,
        future: Py<PyAny>,
    ) -> PyResult<PyTaskHandle> {
        let (rt, client) = self.client()?;
        let mut f = flow.get().take(tokens.get())?;
        let (flow, tokens) = (flow.clone().unbind(), tokens.clone().unbind());
        let hooks = Hooks { on_event, get_token, error: Arc::default() };
        let handle = rt.spawn(async move {
            let result = client.run_flow(&mut f, files.as_deref(), hooks.progress(), hooks.credential()).await;
            let value = Python::attach(|py| {
                flow.get().put_back(f, tokens.get())?;
                outcome_to_py(py, &hooks.finish(result)?)
            });
            deliver(&event_loop, &future, value);
        });
        Ok(PyTaskHandle { handle: handle.abort_handle() })
    }

    fn __repr__(&self) -> String {
        format!("BundledTransport(user_agent={:?})", self.user_agent)
    }
}

/// Registers this module's classes.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyBundled>()?;
    m.add_class::<PyTaskHandle>()?;
    Ok(())
}
