//! The Store emulator (crate `storesubmit-emulator`) embedded in the extension, so
//! `storesubmit.emulator.start()` needs nothing but the wheel: it serves devcenter, MSI/EXE,
//! ingestion, a token service and a blob store on one loopback port, on a runtime of its own.

use std::sync::Mutex;

use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use storesubmit_emulator::{Config, Emulator, EmulatorHandle, FaultRule};

use crate::convert::{json_to_py, py_to_json};

/// A running emulator (stopped by `stop()` or when collected).
#[pyclass(module = "storesubmit._native", name = "EmulatorHandle", frozen)]
pub struct PyEmulator {
    handle: Mutex<Option<EmulatorHandle>>,
    info: serde_json::Value,
}

impl PyEmulator {
    fn with<T>(&self, f: impl FnOnce(&EmulatorHandle) -> T) -> PyResult<T> {
        let g = self.handle.lock().map_err(|_| PyRuntimeError::new_err("emulator lock poisoned"))?;
        let h = g.as_ref().ok_or_else(|| PyRuntimeError::new_err("the emulator has been stopped"))?;
        Ok(f(h))
    }
}

#[pymethods]
impl PyEmulator {
    /// Starts an emulator; `config` is the emulator's JSON config (`port`, `durations`, `outcomes`,
    /// `faults`, `token_lifetime_secs`, `fixture`, …), missing keys default.
    #[staticmethod]
    #[pyo3(signature = (config=None))]
    fn start(py: Python<'_>, config: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let config: Config = match config {
            None => Config::default(),
            Some(c) => serde_json::from_value(py_to_json(c)?)
                .map_err(|e| PyValueError::new_err(format!("emulator config: {e}")))?,
        };
        let handle = py
            .detach(|| Emulator::start_blocking(config))
            .map_err(|e| PyRuntimeError::new_err(format!("cannot start the emulator: {e}")))?;
        let info = serde_json::to_value(handle.info()).map_err(|e| PyRuntimeError::new_err(e.to_string()))?;
        Ok(PyEmulator { handle: Mutex::new(Some(handle)), info })
    }

    /// Service roots, the fixture's ids and the emulator-only credentials.
    fn info<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_to_py(py, &self.info)
    }

    /// Moves the emulated clock forward (phases complete sooner).
    fn advance_clock(&self, seconds: f64) -> PyResult<()> {
        self.with(|h| h.advance_clock(seconds))
    }

    /// Adds a fault rule (`{op|path|method, status, times, skip, after_work, drop, delay_ms, headers,
    /// body}`); returns its id.
    fn add_fault(&self, rule: &Bound<'_, PyAny>) -> PyResult<u64> {
        let rule: FaultRule =
            serde_json::from_value(py_to_json(rule)?).map_err(|e| PyValueError::new_err(format!("fault rule: {e}")))?;
        self.with(|h| h.add_fault(rule))?.map_err(PyValueError::new_err)
    }

    /// Removes every fault rule.
    fn clear_faults(&self) -> PyResult<()> {
        self.with(|h| h.clear_faults())
    }

    /// A JSON dump of the emulator's state (apps, submissions, products, blobs…).
    fn state<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let v = self.with(|h| h.state_dump())?;
        json_to_py(py, &v)
    }

    /// Stops serving (idempotent).
    fn stop(&self, py: Python<'_>) -> PyResult<()> {
        let h = self.handle.lock().map_err(|_| PyRuntimeError::new_err("emulator lock poisoned"))?.take();
        if let Some(mut h) = h {
            py.detach(move || h.stop());
        }
        Ok(())
    }

    /// Whether it is still serving.
    #[getter]
    fn running(&self) -> bool {
        self.handle.lock().map(|h| h.is_some()).unwrap_or(false)
    }
}

/// Registers this module's class.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyEmulator>()
}
