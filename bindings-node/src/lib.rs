//! The native half of the npm package `storesubmit` (napi-rs): thin wrappers over the `storesubmit` core,
//! which holds every Store fact and every workflow.
//! - [`session::Session`]: a workflow or a packaging job on the core's executor (`host::Session`), driven by
//!   the package's JavaScript host loop (`@storesubmit/host`), which performs only the tasks it keeps;
//! - [`run::Run`]: a job stepped with a given clock (the shared flow vectors);
//! - [`emulator::Emulator`]: the Store emulator, embedded so `startEmulator()` needs nothing but the addon;
//! - [`call_core`]: the core's offline functions (`wire::call`: validation, the manifest, connections…).
//!
//! The typed, documented API is JavaScript (`lib/` and `@storesubmit/host`'s generated facade). Core errors
//! cross as an `Error` whose message is `storesubmit:` and the core's error JSON (`wire::error_json`), which
//! `lib/index.js` turns into the error class of its code.
#![deny(missing_docs)]
// napi-derive registers the exports only outside `cfg(test)`: a test build (clippy --all-targets) sees them unused.
#![cfg_attr(test, allow(dead_code))]

mod emulator;
mod run;
mod secret;
mod session;

use napi::{Error, Status};
use napi_derive::napi;
use serde_json::Value;

/// Extension trait: `?` on a core result inside a napi function.
pub(crate) trait IntoJs<T> {
    /// The value, or the core error as the JavaScript `Error` `lib/index.js` maps.
    fn js(self) -> napi::Result<T>;
}

impl<T> IntoJs<T> for storesubmit::Result<T> {
    fn js(self) -> napi::Result<T> {
        self.map_err(|e| {
            Error::new(Status::GenericFailure, format!("storesubmit:{}", storesubmit::wire::error_json(&e)))
        })
    }
}

/// Reads a JSON argument handed over as a string, naming it when it does not parse.
pub(crate) fn parse(what: &str, text: &str) -> napi::Result<Value> {
    serde_json::from_str(text).map_err(|e| storesubmit::Error::invalid_argument(format!("{what}: not JSON ({e})"))).js()
}

/// The core's version (the addon and the core are one build).
#[napi]
pub fn core_version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

/// One of the core's offline functions (`storesubmit::wire::call`) with its arguments as JSON text;
/// answers JSON text.
#[napi]
pub fn call_core(name: String, args: String) -> napi::Result<String> {
    Ok(storesubmit::wire::call(&name, &parse("args", &args)?).js()?.to_string())
}

/// Checks a client's options (JSON) as every run of it will read them, so a mistake shows at once.
#[napi]
pub fn check_options(options: String) -> napi::Result<()> {
    storesubmit::options::ClientOptions::from_json(&parse("options", &options)?).js().map(drop)
}
