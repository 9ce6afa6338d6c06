//! The WebAssembly face of storesubmit: [`call`] (the core's offline functions) and [`Run`] (a workflow or
//! a packaging job, `storesubmit::wire::Run`, stepped by the shared JavaScript host loop of
//! `@storesubmit/host`, which performs every task with the host's `fetch`, timers and files). Every export
//! converts strings and bytes to the core's JSON surface and back; the JavaScript layer (`js/`) is the
//! shared facade generated from the manifest.
//!
//! Errors cross as the string of [`storesubmit::wire::error_json`] (thrown as a JavaScript string and
//! rebuilt into the facade's error class by `js/api.mjs`), so every binding reports the same codes.

mod convert;

use wasm_bindgen::prelude::*;

pub use convert::{call_json, run_start, step_json, Failure};

impl From<Failure> for JsValue {
    fn from(f: Failure) -> JsValue {
        JsValue::from_str(&f.0)
    }
}

/// One of the core's offline functions (`validate`, `tables`, `manifest`, `buildRequest`, …: the
/// manifest's `surface.calls`) with its arguments as JSON text; answers JSON text.
#[wasm_bindgen]
pub fn call(name: &str, args: &str) -> Result<String, JsValue> {
    Ok(call_json(name, args)?)
}

/// A workflow or a packaging job whose every task the host performs; its token tasks too (the page
/// obtains its tokens itself: no client secret ever enters the module).
#[wasm_bindgen]
pub struct Run {
    inner: storesubmit::wire::Run,
}

#[wasm_bindgen]
impl Run {
    /// Starts the run of a request (`{"workflow": …}`, JSON text) with the client options (JSON text).
    #[wasm_bindgen(constructor)]
    pub fn new(options: &str, request: &str) -> Result<Run, JsValue> {
        Ok(Run { inner: run_start(options, request)? })
    }

    /// Advances the run with one event (JSON text) and its bytes at unix time `now` (seconds) with a random
    /// `jitter` in `[0, 1)`; answers the next step as JSON text.
    pub fn step(&mut self, event: &str, data: Option<Vec<u8>>, now: f64, jitter: f64) -> Result<String, JsValue> {
        Ok(step_json(event, |ev| self.inner.step(ev, data.unwrap_or_default(), now.max(0.0) as u64, jitter))?)
    }

    /// The bytes of a `send` or `write` task (taken once).
    #[wasm_bindgen(js_name = takeBody)]
    pub fn take_body(&mut self, id: f64) -> Vec<u8> {
        self.inner.take_body(id as u64)
    }
}
