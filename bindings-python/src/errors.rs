//! Core [`Error`] → Python exception.
//!
//! The exception classes live in `storesubmit._errors` (generated there from the manifest, one subclass
//! of `StoreSubmitError` per code). This module hands the core error's JSON form
//! (`storesubmit::wire::error_json`) to that module's factory, which picks the class by code; nothing
//! here lists codes.

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
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
    let exc = factory.call1((json_to_py(py, &storesubmit::wire::error_json(e))?,))?;
    Ok(PyErr::from_value(exc))
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
