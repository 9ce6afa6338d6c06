//! `storesubmit._native`: the Rust half of the Python package `storesubmit`.
//!
//! Thin wrappers over the `storesubmit` core: request building, response parsing, the workflows, packaging
//! and, through one `call`, every offline function of `storesubmit::wire` (validation, reference data, …). The typed, documented public API is the pure-Python package
//! (`python/storesubmit/`), which re-exports these; no Store fact lives here.
#![deny(missing_docs)]

mod cli;
mod convert;
mod emulator;
mod errors;
mod flow;
mod http;
mod runtime;
mod secret;
mod tools;

use pyo3::prelude::*;
use serde_json::Value;
use storesubmit::api::{self, Endpoints};

use crate::convert::{json_to_py, py_to_json};
use crate::errors::IntoPy;
use crate::http::{PyRequest, PyResponse};

/// Builds the request of any operation from its id and a dict of arguments (`api::build`).
#[pyfunction]
#[pyo3(signature = (op_id, args=None, endpoints=None))]
fn build_request(
    op_id: &str,
    args: Option<&Bound<'_, PyAny>>,
    endpoints: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyRequest> {
    let args = match args {
        Some(a) => py_to_json(a)?,
        None => Value::Null,
    };
    let ep = match endpoints.filter(|e| !e.is_none()) {
        Some(e) => Endpoints::from_json_at(&py_to_json(e)?, "endpoints").py()?,
        None => Endpoints::production(),
    };
    api::build(&ep, op_id, &args).py().map(|inner| PyRequest { inner })
}

/// Parses a response: the JSON body on success (`None` when empty), the mapped exception otherwise.
/// With `op_id` of a win32 operation, a 2xx envelope with `isSuccess: false` raises too.
#[pyfunction]
#[pyo3(signature = (response, op_id=None))]
fn parse_response<'py>(
    py: Python<'py>,
    response: &Bound<'py, PyResponse>,
    op_id: Option<&str>,
) -> PyResult<Bound<'py, PyAny>> {
    let v = api::parse_result(op_id, &response.get().inner).py()?;
    json_to_py(py, &v)
}

/// Parses a token-service response into `(access_token, expires_on)`; `now` is unix seconds.
#[pyfunction]
fn parse_token_response(response: &Bound<'_, PyResponse>, now: u64) -> PyResult<(String, u64)> {
    let t = api::auth::parse_token_response(&response.get().inner, now).py()?;
    Ok((t.token.expose().to_owned(), t.expires_at))
}

/// Any of the core's offline functions by name (`storesubmit::wire::CALLS`: validate, guessKind,
/// packageEntries, parseJson, redact, manifest, tables, blobVector, …), arguments and result as Python
/// values; the Python layer wraps each in a typed, documented function.
#[pyfunction]
#[pyo3(signature = (name, args=None))]
fn call<'py>(py: Python<'py>, name: &str, args: Option<&Bound<'py, PyAny>>) -> PyResult<Bound<'py, PyAny>> {
    let args = match args {
        Some(a) => py_to_json(a)?,
        None => Value::Null,
    };
    let v = py.detach(|| storesubmit::wire::call(name, &args)).py()?;
    json_to_py(py, &v)
}

/// The extension module.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyRequest>()?;
    m.add_class::<PyResponse>()?;
    m.add_class::<secret::PySecret>()?;
    flow::register(m)?;
    runtime::register(m)?;
    tools::register(m)?;
    emulator::register(m)?;
    m.add_function(wrap_pyfunction!(cli::cli_main, m)?)?;
    m.add_function(wrap_pyfunction!(build_request, m)?)?;
    m.add_function(wrap_pyfunction!(parse_response, m)?)?;
    m.add_function(wrap_pyfunction!(parse_token_response, m)?)?;
    m.add_function(wrap_pyfunction!(call, m)?)?;
    m.add("CORE_VERSION", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
