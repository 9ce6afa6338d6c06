//! `storesubmit._native`: the Rust half of the Python package `storesubmit`.
//!
//! Thin wrappers over the `storesubmit` core: request building, response parsing, the error catalogue,
//! validation, reference data and packaging. The typed, documented public API is the pure-Python package
//! (`python/storesubmit/`), which re-exports these; no Store fact lives here.
#![deny(missing_docs)]

mod convert;
mod emulator;
mod errors;
mod flow;
mod http;
mod runtime;
mod secret;
mod tools;

use std::sync::OnceLock;

use pyo3::prelude::*;
use serde_json::Value;
use storesubmit::api::{self, Endpoints, Family};

use crate::convert::{json_to_py, py_to_json};
use crate::errors::IntoPy;
use crate::http::{PyRequest, PyResponse};

fn production() -> &'static Endpoints {
    static P: OnceLock<Endpoints> = OnceLock::new();
    P.get_or_init(Endpoints::production)
}

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
    let custom = match endpoints.filter(|e| !e.is_none()) {
        Some(e) => Some(Endpoints::from_json_at(&py_to_json(e)?, "endpoints").py()?),
        None => None,
    };
    let ep = custom.as_ref().unwrap_or_else(|| production());
    api::build(ep, op_id, &args).py().map(|inner| PyRequest { inner })
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
    let resp = &response.get().inner;
    let family = match op_id {
        Some(id) => Some(
            api::routes::operation(id)
                .ok_or_else(|| storesubmit::Error::invalid_argument(format!("unknown operation `{id}`")))
                .py()?
                .family,
        ),
        None => None,
    };
    if family == Some(Family::Win32) {
        api::win32::parse_envelope::<Value>(resp).py()?;
    }
    let v: Value = api::parse_json(resp).py()?;
    json_to_py(py, &v)
}

/// Parses a token-service response into `(access_token, expires_on)`; `now` is unix seconds.
#[pyfunction]
fn parse_token_response(response: &Bound<'_, PyResponse>, now: u64) -> PyResult<(String, u64)> {
    let t = api::auth::parse_token_response(&response.get().inner, now).py()?;
    Ok((t.token.expose().to_owned(), t.expires_at))
}

/// The core's manifest (`storesubmit::manifest::manifest`, what `tests/vectors/manifest.json` holds): the
/// operations, error and issue catalogues, enums, limits and models, which the Python layer reads.
#[pyfunction]
fn manifest(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    json_to_py(py, &storesubmit::manifest::manifest())
}

/// The document kinds (`app-submission`, …), as the CLI's `--kind` spells them.
#[pyfunction]
fn document_kinds() -> Vec<&'static str> {
    storesubmit::model::kind::DocumentKind::ALL.iter().map(|k| k.as_str()).collect()
}

/// The Store's reference tables (markets, languages, categories, limits, enums) as one dict.
#[pyfunction]
fn data_tables(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    json_to_py(py, &storesubmit::data::tables_json())
}

/// Text with embedded secrets (SAS `sig`, form secrets, bearer tokens, JSON token fields) removed.
#[pyfunction]
fn redact(text: &str) -> String {
    storesubmit::secret::redact_text(text)
}

/// A URL with its secret query values (SAS `sig`, …) removed.
#[pyfunction]
fn redact_url(url: &str) -> String {
    storesubmit::secret::redact_url(url)
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
    m.add_function(wrap_pyfunction!(build_request, m)?)?;
    m.add_function(wrap_pyfunction!(parse_response, m)?)?;
    m.add_function(wrap_pyfunction!(parse_token_response, m)?)?;
    m.add_function(wrap_pyfunction!(manifest, m)?)?;
    m.add_function(wrap_pyfunction!(document_kinds, m)?)?;
    m.add_function(wrap_pyfunction!(data_tables, m)?)?;
    m.add_function(wrap_pyfunction!(redact, m)?)?;
    m.add_function(wrap_pyfunction!(redact_url, m)?)?;
    m.add("CORE_VERSION", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
