//! The Store emulator (crate `storesubmit-emulator`) embedded in the extension, so
//! `storesubmit.emulator.start()` needs nothing but the wheel: one loopback port serves devcenter, MSI/EXE,
//! ingestion, a token service and a blob store, on a runtime of its own. JSON text in and out.

use std::sync::Mutex;

use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use storesubmit_emulator::{Config, Emulator, EmulatorHandle, FaultRule};

/// A running emulator (stopped by `stop()` or when collected).
#[pyclass(module = "storesubmit._native", name = "EmulatorHandle", frozen)]
pub struct PyEmulator(Mutex<Option<EmulatorHandle>>);

impl PyEmulator {
    fn with<T>(&self, f: impl FnOnce(&EmulatorHandle) -> T) -> PyResult<T> {
        let g = self.0.lock().map_err(|_| PyRuntimeError::new_err("emulator lock poisoned"))?;
        g.as_ref().map(f).ok_or_else(|| PyRuntimeError::new_err("the emulator has been stopped"))
    }
}

fn bad(what: &str) -> impl Fn(serde_json::Error) -> PyErr + '_ {
    move |e| PyValueError::new_err(format!("{what}: {e}"))
}

#[pymethods]
impl PyEmulator {
    /// Starts an emulator with its JSON config (missing keys default).
    #[new]
    fn new(py: Python<'_>, config: &str) -> PyResult<Self> {
        let config: Config = serde_json::from_str(config).map_err(bad("emulator config"))?;
        let handle = py
            .detach(|| Emulator::start_blocking(config))
            .map_err(|e| PyRuntimeError::new_err(format!("cannot start the emulator: {e}")))?;
        Ok(PyEmulator(Mutex::new(Some(handle))))
    }

    /// Service roots, the fixture's ids and the emulator-only credentials (JSON text).
    fn info(&self) -> PyResult<String> {
        self.with(|h| serde_json::to_string(h.info()).unwrap_or_default())
    }

    fn advance_clock(&self, seconds: f64) -> PyResult<()> {
        self.with(|h| h.advance_clock(seconds))
    }

    fn add_fault(&self, rule: &str) -> PyResult<u64> {
        let rule: FaultRule = serde_json::from_str(rule).map_err(bad("fault rule"))?;
        self.with(|h| h.add_fault(rule))?.map_err(PyValueError::new_err)
    }

    fn clear_faults(&self) -> PyResult<()> {
        self.with(|h| h.clear_faults())
    }

    fn state(&self) -> PyResult<String> {
        self.with(|h| h.state_dump().to_string())
    }

    fn stop(&self, py: Python<'_>) {
        let handle = self.0.lock().ok().and_then(|mut g| g.take());
        if let Some(mut h) = handle {
            py.detach(move || h.stop());
        }
    }

    #[getter]
    fn running(&self) -> bool {
        self.0.lock().map(|h| h.is_some()).unwrap_or(false)
    }
}
