//! `Secret`: a client secret held by the extension, so the Python credential object never stores the
//! plain string in an attribute and no `repr()`, `str()`, `vars()` or pickle of it can show the value.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use storesubmit::Secret;

/// A secret string (client secret). `repr()`/`str()` show `<redacted>`; it cannot be pickled.
#[pyclass(module = "storesubmit._native", name = "Secret", frozen)]
pub struct PySecret {
    /// The value.
    pub inner: Secret,
}

#[pymethods]
impl PySecret {
    /// Wraps a secret value.
    #[new]
    fn new(value: String) -> Self {
        PySecret { inner: Secret::new(value) }
    }

    /// Whether the secret is empty.
    fn is_empty(&self) -> bool {
        self.inner.is_empty()
    }

    /// The plain value. Only for handing it to an API that needs it; never log it.
    fn expose(&self) -> String {
        self.inner.expose().to_string()
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
