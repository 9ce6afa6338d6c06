//! The native half of the npm package `storesubmit` (napi-rs).
//!
//! Thin wrappers over the `storesubmit` core, which holds every Store fact and every workflow:
//! - [`wire::WireMachine`]: one workflow run as JSON steps (the core's `WireFlow`), driven by the
//!   package's JavaScript host loop (`js-host/driver.mjs`) when the caller brings a `fetch`;
//! - [`bundled::Bundled`]: the bundled transport, which runs a whole workflow with the core's reqwest
//!   client on napi's tokio runtime (off the main thread), with progress, abort and outside credentials;
//! - [`emulator::Emulator`]: the Store emulator, embedded so `startEmulator()` needs nothing but the addon;
//! - [`wire::PackMachine`]: the core's ZIP packaging job, driven by the same loop;
//! - the core's JSON calls (`callCore`: validation, request building, redaction, the manifest…).
//!
//! The typed, documented public API is the JavaScript package (`lib/`). Core errors cross into
//! JavaScript as an `Error` whose message is `storesubmit:` followed by the core's error JSON
//! (`wire::error_json`); `lib/native.js` turns it into the `StoreSubmitError` subclass of its code.
#![deny(missing_docs)]
// napi-derive registers the exports only outside `cfg(test)`: a test build (clippy --all-targets) sees them unused.
#![cfg_attr(test, allow(dead_code))]

mod bundled;
mod emulator;
mod files;
mod secret;
mod wire;

use napi::{Error, Status};
use napi_derive::napi;
use serde_json::Value;

/// A core error as the JavaScript `Error` `lib/native.js` maps (see the crate documentation).
pub(crate) fn js_err(e: &storesubmit::Error) -> Error {
    Error::new(Status::GenericFailure, format!("storesubmit:{}", storesubmit::wire::error_json(e)))
}

/// Extension trait: `?` on a core result inside a napi function.
pub(crate) trait IntoJs<T> {
    /// The value, or the mapped error.
    fn js(self) -> napi::Result<T>;
}

impl<T> IntoJs<T> for storesubmit::Result<T> {
    fn js(self) -> napi::Result<T> {
        self.map_err(|e| js_err(&e))
    }
}

/// Reads a JSON argument handed over as a string, naming it when it does not parse.
pub(crate) fn parse(what: &str, text: &str) -> napi::Result<Value> {
    serde_json::from_str(text)
        .map_err(|e| js_err(&storesubmit::Error::invalid_argument(format!("{what}: not JSON ({e})"))))
}

/// The core's version (the addon and the core are one build).
#[napi]
pub fn core_version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

/// One of the core's JSON calls (`storesubmit::wire::call`: validate, buildRequest, parseResponse,
/// tables, blobVector, …) with its arguments as JSON text; answers JSON text.
#[napi]
pub fn call_core(name: String, args: String) -> napi::Result<String> {
    Ok(storesubmit::wire::call(&name, &parse("args", &args)?).js()?.to_string())
}
