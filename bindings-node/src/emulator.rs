//! The Store emulator (crate `storesubmit-emulator`) embedded in the addon, so `startEmulator()` needs
//! nothing but the package: devcenter, MSI/EXE, ingestion, a token service and a blob store on one
//! loopback port, on a runtime of its own.

use std::sync::Mutex;

use napi::{Error, Status};
use napi_derive::napi;
use storesubmit_emulator::{Config, Emulator as Server, EmulatorHandle, FaultRule};

use crate::parse;

fn fail(what: &str, e: impl std::fmt::Display) -> Error {
    Error::new(Status::GenericFailure, format!("{what}: {e}"))
}

/// A running emulator (stopped by `stop()`).
#[napi]
pub struct Emulator {
    handle: Mutex<Option<EmulatorHandle>>,
    info: String,
}

impl Emulator {
    fn with<T>(&self, f: impl FnOnce(&EmulatorHandle) -> T) -> napi::Result<T> {
        let g = self.handle.lock().map_err(|e| fail("emulator", e))?;
        g.as_ref().map(f).ok_or_else(|| fail("emulator", "it has been stopped"))
    }
}

#[napi]
impl Emulator {
    /// Starts an emulator; `config` is the emulator's JSON config (`port`, `durations`, `outcomes`,
    /// `faults`, `token_lifetime_secs`, `external_blob`, `fixture`, …), missing keys default.
    #[napi(factory)]
    pub fn start(config: Option<String>) -> napi::Result<Self> {
        let config: Config = match config {
            None => Config::default(),
            Some(c) => serde_json::from_value(parse("config", &c)?).map_err(|e| fail("emulator config", e))?,
        };
        let handle = Server::start_blocking(config).map_err(|e| fail("cannot start the emulator", e))?;
        let info = serde_json::to_string(handle.info()).map_err(|e| fail("emulator", e))?;
        Ok(Emulator { handle: Mutex::new(Some(handle)), info })
    }

    /// Service roots, the fixture's ids and the emulator-only credentials (JSON).
    #[napi]
    pub fn info(&self) -> String {
        self.info.clone()
    }

    /// Moves the emulated clock forward (phases complete sooner).
    #[napi]
    pub fn advance_clock(&self, seconds: f64) -> napi::Result<()> {
        self.with(|h| h.advance_clock(seconds))
    }

    /// Adds a fault rule (JSON `{op|path|method, status, times, skip, after_work, drop, delay_ms,
    /// headers, body}`); returns its id.
    #[napi]
    pub fn add_fault(&self, rule: String) -> napi::Result<i64> {
        let rule: FaultRule = serde_json::from_value(parse("rule", &rule)?).map_err(|e| fail("fault rule", e))?;
        let id = self.with(|h| h.add_fault(rule))?.map_err(|e| fail("fault rule", e))?;
        Ok(i64::try_from(id).unwrap_or(i64::MAX))
    }

    /// Removes every fault rule.
    #[napi]
    pub fn clear_faults(&self) -> napi::Result<()> {
        self.with(|h| h.clear_faults())
    }

    /// A JSON dump of the emulator's state (apps, submissions, products, blobs…).
    #[napi]
    pub fn state(&self) -> napi::Result<String> {
        Ok(self.with(|h| h.state_dump())?.to_string())
    }

    /// Stops serving (idempotent).
    #[napi]
    pub fn stop(&self) -> napi::Result<()> {
        let h = self.handle.lock().map_err(|e| fail("emulator", e))?.take();
        if let Some(mut h) = h {
            h.stop();
        }
        Ok(())
    }

    /// Whether it is still serving.
    #[napi(getter)]
    pub fn running(&self) -> bool {
        self.handle.lock().map(|h| h.is_some()).unwrap_or(false)
    }
}
