//! `storesubmit._native`: the Rust half of the Python package `storesubmit`, a thin wrapper of the core.
//!
//! Values cross as JSON text (Python's `json` module reads and writes it) and bytes. A run is a
//! [`session::PySession`] on the core's executor (`storesubmit::host::Session`): Python only loops on its
//! `next` (GIL released) and answers the tasks it keeps, so no runtime thread ever calls into Python and an
//! interpreter may exit while a run goes on. Offline functions go through one [`call`]. The typed,
//! documented API is the pure-Python package (`python/storesubmit/`); no Store fact lives here.
#![deny(missing_docs)]

mod emulator;
mod session;

use std::sync::Mutex;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use pyo3::exceptions::{PyRuntimeError, PyTypeError};
use pyo3::prelude::*;
use serde_json::{json, Value};
use storesubmit::api::auth::{parse_token_response, TokenCache};
use storesubmit::api::{self, Endpoints};
use storesubmit::host::{runtime, send, NativeIo};
use storesubmit::{Error, Secret};

/// A core error as the exception of its code (`storesubmit._errors`, generated from the manifest, picks
/// the class from the error's JSON).
pub(crate) fn py_err(e: Error) -> PyErr {
    let text = storesubmit::wire::error_json(&e).to_string();
    Python::attach(|py| {
        let exc = py.import("storesubmit._errors")?.getattr("_from_json")?.call1((text,))?;
        Ok::<_, PyErr>(PyErr::from_value(exc))
    })
    .unwrap_or_else(|_| PyRuntimeError::new_err(e.to_string()))
}

/// JSON text from Python, as a value (a `TypeError` naming `what` when it is not JSON).
pub(crate) fn parse(what: &str, text: &str) -> PyResult<Value> {
    serde_json::from_str(text).map_err(|e| PyTypeError::new_err(format!("{what}: not JSON: {e}")))
}

/// Any of the core's offline functions by name (`storesubmit::wire::call`; the list is the manifest's
/// `surface.calls`), its arguments and its result as JSON text.
#[pyfunction]
fn call(py: Python<'_>, name: &str, args: &str) -> PyResult<String> {
    let args = parse("args", args)?;
    py.detach(|| storesubmit::wire::call(name, &args)).map(|v| v.to_string()).map_err(py_err)
}

/// A client secret held here, so no `repr()`, `vars()` or pickle of the Python credential shows it.
#[pyclass(module = "storesubmit._native", name = "Secret", frozen)]
pub struct PySecret(pub(crate) Secret);

#[pymethods]
impl PySecret {
    #[new]
    fn new(value: String) -> Self {
        PySecret(Secret::new(value))
    }

    fn __repr__(&self) -> &'static str {
        "Secret('<redacted>')"
    }

    fn __str__(&self) -> &'static str {
        "<redacted>"
    }

    fn __reduce__(&self) -> PyResult<()> {
        Err(PyTypeError::new_err("a Secret cannot be pickled"))
    }
}

/// The tokens a client shares between its runs (never shown).
#[pyclass(module = "storesubmit._native", name = "TokenCache", frozen)]
#[derive(Default)]
pub struct PyTokenCache(pub(crate) Mutex<Option<TokenCache>>);

#[pymethods]
impl PyTokenCache {
    #[new]
    fn new() -> Self {
        PyTokenCache::default()
    }

    fn __repr__(&self) -> &'static str {
        "TokenCache(<redacted>)"
    }
}

/// A token for `scope` from the token service (`token.v1`/`token.v2` per `version`) with a client
/// secret, GIL released: `(token, expires_on)`. What `ClientSecretCredential.get_token` answers.
#[pyfunction]
#[pyo3(signature = (tenant_id, client_id, secret, scope, version, token_root=None))]
fn fetch_token(
    py: Python<'_>,
    tenant_id: &str,
    client_id: &str,
    secret: &Bound<'_, PySecret>,
    scope: &str,
    version: &str,
    token_root: Option<&str>,
) -> PyResult<(String, u64)> {
    let endpoints = match token_root {
        Some(root) => Endpoints::from_json_at(&json!({ "token": root }), "authority").map_err(py_err)?,
        None => Endpoints::production(),
    };
    let (op, key, target) = match version {
        "v1" => ("token.v1", "resource", scope.trim_end_matches("/.default")),
        _ => ("token.v2", "scope", scope),
    };
    let args =
        json!({"tenantId": tenant_id, "clientId": client_id, "clientSecret": secret.get().0.expose(), key: target});
    let fetch = || -> storesubmit::Result<(String, u64)> {
        let req = api::build(&endpoints, op, &args)?;
        let rt = runtime()?;
        let http = {
            let _guard = rt.enter();
            NativeIo::http_client(
                &format!("storesubmit-python/{}", env!("CARGO_PKG_VERSION")),
                Duration::from_secs(30),
            )?
        };
        let resp = rt.block_on(send(&http, req))?;
        let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default().as_secs();
        let t = parse_token_response(&resp, now)?;
        Ok((t.token.expose().to_string(), t.expires_at))
    };
    py.detach(fetch).map_err(py_err)
}

/// A service SAS URL (`sr=b`) for a blob, signed with an account key: for tests against Azurite.
#[pyfunction]
#[allow(clippy::too_many_arguments)]
fn blob_sas_url(
    account_url: &str,
    account: &str,
    key: &str,
    container: &str,
    blob: &str,
    permissions: &str,
    expiry_unix: i64,
) -> PyResult<String> {
    let version = api::blob::DEFAULT_VERSION;
    api::blob::blob_sas_url(account_url, account, key, container, blob, permissions, expiry_unix, version)
        .map_err(py_err)
}

/// The wheel's `storesubmit` command: the CLI crate linked in, run on `sys.argv` with the GIL released;
/// returns the exit status (the command owns SIGINT/SIGTERM, as the binary does).
#[pyfunction]
fn cli_main(py: Python<'_>) -> PyResult<i32> {
    let argv: Vec<String> = py.import("sys")?.getattr("argv")?.extract()?;
    let args = std::iter::once("storesubmit".to_string()).chain(argv.into_iter().skip(1));
    Ok(py.detach(|| storesubmit_cli::main_from(args)))
}

/// The extension module.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PySecret>()?;
    m.add_class::<PyTokenCache>()?;
    m.add_class::<session::PySession>()?;
    m.add_class::<session::PyRun>()?;
    m.add_class::<emulator::PyEmulator>()?;
    m.add_function(wrap_pyfunction!(call, m)?)?;
    m.add_function(wrap_pyfunction!(fetch_token, m)?)?;
    m.add_function(wrap_pyfunction!(blob_sas_url, m)?)?;
    m.add_function(wrap_pyfunction!(cli_main, m)?)?;
    m.add("CORE_VERSION", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
