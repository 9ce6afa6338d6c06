//! Core [`Error`] → Python exception.
//!
//! The exception classes live in `storesubmit._errors` (generated there from [`all_error_codes`], one
//! subclass of `StoreSubmitError` per code). This module hands every field of the core error to that
//! module's factory, which picks the class by code; nothing here lists codes.

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use storesubmit::Error;

use crate::convert::json_to_py;

/// Converts a core error into the matching Python exception (a `StoreSubmitError` subclass).
pub fn to_py_err(e: Error) -> PyErr {
    Python::attach(|py| match build(py, &e) {
        Ok(err) => err,
        // Never lose the error: fall back to a RuntimeError carrying the (already redacted) text.
        Err(_) => PyRuntimeError::new_err(e.to_string()),
    })
}

fn build(py: Python<'_>, e: &Error) -> PyResult<PyErr> {
    let factory = py.import("storesubmit._errors")?.getattr("_from_native")?;
    let server_errors = PyList::empty(py);
    for s in e.server_errors() {
        let d = PyDict::new(py);
        d.set_item("code", &s.code)?;
        d.set_item("message", &s.message)?;
        d.set_item("target", s.target.as_deref())?;
        server_errors.append(d)?;
    }
    let issues = PyList::empty(py);
    for i in e.issues() {
        issues.append(issue_to_py(py, i)?)?;
    }
    let kwargs = PyDict::new(py);
    kwargs.set_item("code", e.code())?;
    kwargs.set_item("message", e.message())?;
    kwargs.set_item("status", e.status())?;
    kwargs.set_item("retryable", e.is_retryable())?;
    kwargs.set_item("retry_after", e.retry_after().map(|d| d.as_secs_f64()))?;
    kwargs.set_item("correlation_id", e.correlation_id())?;
    kwargs.set_item("server_errors", server_errors)?;
    kwargs.set_item("issues", issues)?;
    let exc = factory.call((), Some(&kwargs))?;
    Ok(PyErr::from_value(exc))
}

/// An [`storesubmit::Issue`] as a Python dict `{code, path, message, severity}`.
pub fn issue_to_py<'py>(py: Python<'py>, i: &storesubmit::Issue) -> PyResult<Bound<'py, PyAny>> {
    let v = serde_json::to_value(i).map_err(|e| PyRuntimeError::new_err(e.to_string()))?;
    json_to_py(py, &v)
}

/// Extension for `Result<T, storesubmit::Error>` → `PyResult<T>`.
pub trait IntoPy<T> {
    /// Maps the core error to its Python exception.
    fn py(self) -> PyResult<T>;
}

impl<T> IntoPy<T> for Result<T, Error> {
    fn py(self) -> PyResult<T> {
        self.map_err(to_py_err)
    }
}
