//! The bundled transport: the core's reqwest (rustls) client and blob uploader on a tokio runtime.
//!
//! - **No runtime at import.** The runtime is created on first use, not when the module loads.
//! - **Fork-safe.** The runtime and the HTTP client are remembered with the process id that made them;
//!   a child process (after `os.fork()`, e.g. multiprocessing's default start method on Linux) sees a
//!   different id and builds its own. The parent's runtime is leaked in the child, never dropped: its
//!   threads do not exist there, and dropping it would wait for them.
//! - **GIL released.** Every send and upload runs with the GIL released (`py.detach`); the sync API
//!   blocks on the runtime, the async API spawns a task and resolves an asyncio future through
//!   `loop.call_soon_threadsafe`.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use storesubmit::api::auth::ClientCredentials;
use storesubmit::api::blob::SasUrl;
use storesubmit::api::Endpoints;
use storesubmit::client::{check_url_scheme, perform_upload, Client};
use storesubmit::flow::FlowConfig;
use storesubmit::transport::{BlobUploader, ProgressFn, UploadOptions, UploadReport};
use storesubmit::{Error, ErrorKind, Result};
use tokio::runtime::Runtime;

use crate::errors::{to_py_err, IntoPy};
use crate::flow::PyUpload;
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

/// The files folder an upload needs.
pub fn files_dir(files: Option<&Path>) -> Result<&Path> {
    files.ok_or_else(|| {
        Error::invalid_argument(
            "this workflow uploads files: pass `files=` (the folder the submission's file names are relative to)",
        )
    })
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

/// A progress callback calling a Python callable `(done, total)`; the first exception it raises is kept
/// and raised when the upload returns.
struct PyProgress {
    callback: Py<PyAny>,
    error: Arc<Mutex<Option<PyErr>>>,
}

impl PyProgress {
    fn new(callback: Option<Py<PyAny>>) -> Option<Self> {
        callback.map(|callback| PyProgress { callback, error: Arc::new(Mutex::new(None)) })
    }

    fn func(&self) -> ProgressFn {
        let (cb, err) = (Python::attach(|py| self.callback.clone_ref(py)), self.error.clone());
        Arc::new(move |done, total| {
            Python::attach(|py| {
                if let Err(e) = cb.call1(py, (done, total)) {
                    if let Ok(mut slot) = err.lock() {
                        slot.get_or_insert(e);
                    }
                }
            })
        })
    }

    fn take_error(&self) -> Option<PyErr> {
        self.error.lock().ok().and_then(|mut e| e.take())
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

    /// Performs a workflow's upload step; `files` is the folder its file names are relative to.
    #[pyo3(signature = (upload, files=None, on_progress=None))]
    fn upload(
        &self,
        py: Python<'_>,
        upload: &Bound<'_, PyUpload>,
        files: Option<PathBuf>,
        on_progress: Option<Py<PyAny>>,
    ) -> PyResult<()> {
        let progress = PyProgress::new(on_progress);
        let func = progress.as_ref().map(PyProgress::func);
        let uploader = self.uploader(func.clone())?;
        let rt = runtime()?;
        let up = upload.get().inner.clone();
        let result = py.detach(|| rt.block_on(perform_upload(&uploader, up, files.as_deref())));
        if let Some(e) = progress.as_ref().and_then(PyProgress::take_error) {
            return Err(e);
        }
        result.py()
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
        let progress = PyProgress::new(on_progress);
        let uploader = self.uploader(progress.as_ref().map(PyProgress::func))?;
        let rt = runtime()?;
        let result = py.detach(|| rt.block_on(uploader.upload_file(&sas, &path)));
        if let Some(e) = progress.as_ref().and_then(PyProgress::take_error) {
            return Err(e);
        }
        report_to_py(py, &result.py()?)
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

    /// Asynchronous `upload`: resolves `future` with `None` or the exception. `on_progress` is called
    /// from a runtime thread (the asyncio client hops it onto the loop).
    #[pyo3(signature = (upload, files, on_progress, event_loop, future))]
    fn upload_async(
        &self,
        upload: &Bound<'_, PyUpload>,
        files: Option<PathBuf>,
        on_progress: Option<Py<PyAny>>,
        event_loop: Py<PyAny>,
        future: Py<PyAny>,
    ) -> PyResult<PyTaskHandle> {
        let progress = PyProgress::new(on_progress);
        let func = progress.as_ref().map(PyProgress::func);
        let uploader = self.uploader(func.clone())?;
        let rt = runtime()?;
        let up = upload.get().inner.clone();
        let handle = rt.spawn(async move {
            let result = perform_upload(&uploader, up, files.as_deref()).await;
            let value = match progress.as_ref().and_then(PyProgress::take_error) {
                Some(e) => Err(e),
                None => result.map_err(to_py_err).map(|()| Python::attach(|py| py.None())),
            };
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
