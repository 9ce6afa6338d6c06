//! `Request` and `Response`: the core's `HttpRequest` / `HttpResponse` as Python objects.
//!
//! A transport (the bundled one, a `requests`/`httpx` adapter, or the user's own callable) reads a
//! `Request`'s `method`, `url`, `headers`, `body`, `timeout` and returns a `Response`. `repr()` of both
//! goes through the core's redaction: no `Authorization` value, SAS `sig` or form secret is ever shown.

use std::time::Duration;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyList, PyTuple};
use storesubmit::secret::redact_url;
use storesubmit::{HttpRequest, HttpResponse, Method};

use crate::convert::json_to_py;

/// Headers given as a mapping (`dict`, `requests`' case-insensitive dict, …) or a sequence of pairs.
fn extract_headers(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<(String, String)>> {
    let Some(obj) = obj else { return Ok(Vec::new()) };
    if obj.is_none() {
        return Ok(Vec::new());
    }
    let items = if obj.hasattr("items")? { obj.call_method0("items")? } else { obj.clone() };
    let mut out = Vec::new();
    for pair in items.try_iter()? {
        let (k, v): (String, String) = pair?.extract()?;
        out.push((k, v));
    }
    Ok(out)
}

fn headers_to_py<'py>(py: Python<'py>, headers: &[(String, String)]) -> PyResult<Bound<'py, PyList>> {
    let list = PyList::empty(py);
    for (n, v) in headers {
        list.append(PyTuple::new(py, [n.as_str(), v.as_str()])?)?;
    }
    Ok(list)
}

fn find_header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
}

/// An HTTP request built by the core, for a transport to send. Immutable.
///
/// Attributes: `method` (`"GET"`, …), `url` (absolute, query included), `headers` (list of
/// `(name, value)` pairs in sending order), `body` (`bytes`, empty for none), `timeout` (seconds or
/// `None`). `repr()` redacts every secret.
#[pyclass(module = "storesubmit", name = "Request", frozen)]
pub struct PyRequest {
    /// The core request.
    pub inner: HttpRequest,
}

impl PyRequest {
    /// `METHOD url` with the URL's secrets redacted (for step and log descriptions).
    pub fn summary(&self) -> String {
        format!("{} {}", self.inner.method.as_str(), redact_url(&self.inner.url))
    }
}

#[pymethods]
impl PyRequest {
    /// Builds a request by hand (the core's builders are the usual source: `build_request`).
    #[new]
    #[pyo3(signature = (method, url, headers=None, body=None, timeout=None))]
    fn new(
        method: &str,
        url: String,
        headers: Option<&Bound<'_, PyAny>>,
        body: Option<Vec<u8>>,
        timeout: Option<f64>,
    ) -> PyResult<Self> {
        let method = Method::parse(method)
            .ok_or_else(|| PyValueError::new_err(format!("unsupported HTTP method {method:?}")))?;
        let mut inner = HttpRequest::new(method, url);
        inner.headers = extract_headers(headers)?;
        inner.body = body.unwrap_or_default();
        if let Some(t) = timeout {
            inner.timeout = Some(Duration::try_from_secs_f64(t).map_err(|e| PyValueError::new_err(e.to_string()))?);
        }
        Ok(PyRequest { inner })
    }

    /// The HTTP method, upper case.
    #[getter]
    fn method(&self) -> &'static str {
        self.inner.method.as_str()
    }

    /// The absolute URL (a SAS URL carries its signature here: do not log it; `repr()` redacts it).
    #[getter]
    fn url(&self) -> &str {
        &self.inner.url
    }

    /// Headers as a list of `(name, value)` pairs, in sending order.
    #[getter]
    fn headers<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        headers_to_py(py, &self.inner.headers)
    }

    /// The body bytes (empty for none).
    #[getter]
    fn body<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, &self.inner.body)
    }

    /// Per-request timeout in seconds, or `None` to leave it to the transport.
    #[getter]
    fn timeout(&self) -> Option<f64> {
        self.inner.timeout.map(|d| d.as_secs_f64())
    }

    /// The first value of a header (case-insensitive), or `None`.
    fn header(&self, name: &str) -> Option<String> {
        self.inner.header(name).map(str::to_owned)
    }

    /// The body parsed as JSON, or `None` when it is empty or not JSON.
    fn json<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        match self.inner.json_body() {
            Some(v) => json_to_py(py, &v),
            None => Ok(py.None().into_bound(py)),
        }
    }

    fn __repr__(&self) -> String {
        format!("{:?}", self.inner) // the core's Debug: every secret redacted
    }

    fn __str__(&self) -> String {
        self.summary()
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.cast::<PyRequest>().map(|o| o.get().inner == self.inner).unwrap_or(false)
    }
}

/// An HTTP response as a transport received it: `status`, `headers` (pairs), `body` (`bytes`).
#[pyclass(module = "storesubmit", name = "Response", frozen)]
pub struct PyResponse {
    /// The core response.
    pub inner: HttpResponse,
}

#[pymethods]
impl PyResponse {
    /// A response: status code, headers (mapping or pairs), body bytes (or `str`, encoded as UTF-8).
    #[new]
    #[pyo3(signature = (status, headers=None, body=None))]
    fn new(status: u16, headers: Option<&Bound<'_, PyAny>>, body: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let body = match body {
            None => Vec::new(),
            Some(b) if b.is_none() => Vec::new(),
            Some(b) => match b.extract::<String>() {
                Ok(s) => s.into_bytes(),
                Err(_) => b.extract::<Vec<u8>>()?,
            },
        };
        Ok(PyResponse { inner: HttpResponse { status, headers: extract_headers(headers)?, body } })
    }

    /// HTTP status code.
    #[getter]
    fn status(&self) -> u16 {
        self.inner.status
    }

    /// Headers as a list of `(name, value)` pairs.
    #[getter]
    fn headers<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        headers_to_py(py, &self.inner.headers)
    }

    /// The body bytes.
    #[getter]
    fn body<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, &self.inner.body)
    }

    /// The server's correlation id (from whichever header the service uses), or `None`.
    #[getter]
    fn correlation_id(&self) -> Option<String> {
        self.inner.correlation_id().map(str::to_owned)
    }

    /// The first value of a header (case-insensitive), or `None`.
    fn header(&self, name: &str) -> Option<String> {
        find_header(&self.inner.headers, name).map(str::to_owned)
    }

    /// Whether the status is 2xx.
    fn is_success(&self) -> bool {
        self.inner.is_success()
    }

    fn __repr__(&self) -> String {
        format!("{:?}", self.inner) // the core's Debug: every secret redacted
    }
}
