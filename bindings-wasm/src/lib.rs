//! The WebAssembly face of storesubmit: every export converts strings and bytes to the core's JSON
//! surface ([`storesubmit::wire`]) and back, and holds no logic of its own. The JavaScript layer of the
//! npm package (`js/`) parses the JSON, drives the machines with the shared host loop (`js-host/driver.mjs`)
//! and turns error JSON into exceptions.
//!
//! Errors cross as the string of [`storesubmit::wire::error_json`] (thrown as a JavaScript string and
//! rebuilt into a `StoreSubmitError` by `js/api.mjs`), so every binding reports the same codes and numbers.

mod convert;

use wasm_bindgen::prelude::*;

use storesubmit::wire::{PackJob, WireFlow};

pub use convert::{call_json, flow_start, pack_start, step_json, Failure};

impl From<Failure> for JsValue {
    fn from(f: Failure) -> JsValue {
        JsValue::from_str(&f.0)
    }
}

/// One of the core's named calls (`validate`, `tables`, `manifest`, `buildRequest`, …: `wire::CALLS`)
/// with its arguments as JSON text; answers JSON text.
#[wasm_bindgen]
pub fn call(name: &str, args: &str) -> Result<String, JsValue> {
    Ok(call_json(name, args)?)
}

/// A workflow run whose token tasks the host answers (the page obtains its token itself: no client
/// secret ever enters the module).
#[wasm_bindgen]
pub struct Flow {
    inner: WireFlow,
}

#[wasm_bindgen]
impl Flow {
    /// Starts a run from the client options and the workflow request (both JSON text).
    #[wasm_bindgen(constructor)]
    pub fn new(options: &str, request: &str) -> Result<Flow, JsValue> {
        Ok(Flow { inner: flow_start(options, request)? })
    }

    /// Advances the run with one event (JSON text) and the bytes that go with it, at unix time `now`
    /// (seconds) with a random `jitter` in `[0, 1)`; answers the next step as JSON text.
    pub fn step(&mut self, event: &str, data: Option<Vec<u8>>, now: f64, jitter: f64) -> Result<String, JsValue> {
        Ok(step_json(event, |ev| self.inner.step(ev, data.unwrap_or_default(), now.max(0.0) as u64, jitter))?)
    }

    /// The request body of a `send` task (taken once).
    #[wasm_bindgen(js_name = takeBody)]
    pub fn take_body(&mut self, id: f64) -> Vec<u8> {
        self.inner.take_body(id as u64)
    }

    /// The workflow's current stage.
    pub fn stage(&self) -> String {
        self.inner.stage()
    }

    /// Where the run could continue from (the resume token's JSON text), when it stopped early.
    #[wasm_bindgen(js_name = resumeToken)]
    pub fn resume_token(&self) -> Option<String> {
        self.inner.resume_token()
    }
}

/// A ZIP packaging job: the core plans and writes the archive, the host reads the inputs by slices and
/// appends the output chunks.
#[wasm_bindgen]
pub struct Pack {
    inner: PackJob,
}

#[wasm_bindgen]
impl Pack {
    /// Starts a job from `{"kind", "document"}` or `{"names": [...]}` (JSON text).
    #[wasm_bindgen(constructor)]
    pub fn new(spec: &str) -> Result<Pack, JsValue> {
        Ok(Pack { inner: pack_start(spec)? })
    }

    /// Advances the job with one event (JSON text) and the bytes read for it; answers the next step.
    pub fn step(&mut self, event: &str, data: Option<Vec<u8>>) -> Result<String, JsValue> {
        Ok(step_json(event, |ev| self.inner.step(ev, data.unwrap_or_default()))?)
    }

    /// The bytes of a `write` task (taken once).
    #[wasm_bindgen(js_name = takeBody)]
    pub fn take_body(&mut self, id: f64) -> Vec<u8> {
        self.inner.take_body(id as u64)
    }
}
