//! A run as Python drives it: [`PySession`] wraps the core's `host::Session` (the executor performs every
//! task but the kinds Python keeps), [`PyRun`] the core's `wire::Run` (every task answered by the caller,
//! with its clock: the flow vectors' runner). JSON text in and out, bytes beside it.

use std::borrow::Cow;
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::Duration;

use pyo3::prelude::*;
use storesubmit::host::{DelegateKinds, Session, SessionHost};
use storesubmit::wire::Run;

use crate::{parse, py_err, PySecret, PyTokenCache};

/// One run on the executor: `next` hands out `{"progress", "tasks", "done"}` (the kept tasks only),
/// `complete` answers a task, `cancel` stops the run (it ends `cancelled`, with its resume token when it
/// can continue). The client's token cache gets the run's tokens when it ends.
#[pyclass(module = "storesubmit._native", name = "Session", frozen)]
pub struct PySession {
    inner: Session,
    tokens: Py<PyTokenCache>,
}

#[pymethods]
impl PySession {
    #[new]
    #[pyo3(signature = (options, request, secret, tokens, files, output, keep_send, keep_token, user_agent, connect_timeout))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        options: &str,
        request: &str,
        secret: Option<&Bound<'_, PySecret>>,
        tokens: Bound<'_, PyTokenCache>,
        files: Option<PathBuf>,
        output: Option<PathBuf>,
        keep_send: bool,
        keep_token: bool,
        user_agent: String,
        connect_timeout: f64,
    ) -> PyResult<Self> {
        let host = SessionHost {
            files,
            output,
            keep: DelegateKinds { send: keep_send, token: keep_token, write: false },
            user_agent,
            connect_timeout: Duration::try_from_secs_f64(connect_timeout).unwrap_or(Duration::from_secs(30)),
        };
        let (options, request) = (parse("options", options)?, parse("request", request)?);
        let (secret, cache) = (secret.map(|s| s.get().0.clone()), tokens.get().0.lock().ok().and_then(|t| t.clone()));
        let inner = Session::start_run(&options, secret, &request, cache, host).map_err(py_err)?;
        Ok(PySession { inner, tokens: tokens.unbind() })
    }

    /// What the run has, waiting up to `timeout` seconds with the GIL released (empty on timeout).
    fn next(&self, py: Python<'_>, timeout: f64) -> String {
        let wait = Duration::try_from_secs_f64(timeout).unwrap_or_default();
        let m = py.detach(|| self.inner.next(wait));
        if !m["done"].is_null() {
            if let Ok(mut t) = self.tokens.get().0.lock() {
                *t = self.inner.tokens();
            }
        }
        m.to_string()
    }

    /// The bytes of a `send` task handed out.
    fn take_body(&self, id: u64) -> Cow<'static, [u8]> {
        Cow::Owned(self.inner.take_body(id))
    }

    /// Answers a task: its completion (JSON text) and bytes (a response's body).
    fn complete(&self, completion: &str, data: &[u8]) -> PyResult<()> {
        self.inner.complete(&parse("completion", completion)?, data.to_vec()).map_err(py_err)
    }

    /// Asks the run to stop.
    fn cancel(&self) {
        self.inner.cancel();
    }
}

/// One run driven step by step (`step(event, data, now, jitter)` → the next step as JSON text).
#[pyclass(module = "storesubmit._native", name = "Run", frozen)]
pub struct PyRun(Mutex<Run>);

impl PyRun {
    fn run(&self) -> std::sync::MutexGuard<'_, Run> {
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }
}

#[pymethods]
impl PyRun {
    #[new]
    #[pyo3(signature = (options, request, secret, tokens))]
    fn new(
        options: &str,
        request: &str,
        secret: Option<&Bound<'_, PySecret>>,
        tokens: &Bound<'_, PyTokenCache>,
    ) -> PyResult<Self> {
        let (options, request) = (parse("options", options)?, parse("request", request)?);
        let tokens = tokens.get().0.lock().ok().and_then(|t| t.clone());
        let run = Run::start(&options, secret.map(|s| s.get().0.clone()), &request, tokens).map_err(py_err)?;
        Ok(PyRun(Mutex::new(run)))
    }

    fn step(&self, event: &str, data: &[u8], now: u64, jitter: f64) -> PyResult<String> {
        self.run().step(&parse("event", event)?, data.to_vec(), now, jitter).map(|v| v.to_string()).map_err(py_err)
    }

    fn take_body(&self, id: u64) -> Cow<'static, [u8]> {
        Cow::Owned(self.run().take_body(id))
    }

    fn resume_token(&self) -> Option<String> {
        self.run().resume_token()
    }
}
