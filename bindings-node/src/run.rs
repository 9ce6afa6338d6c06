//! A job stepped by hand with a given clock ([`storesubmit::wire::Run`]), for the shared flow vectors
//! (`tests/vectors/flows`), which replay a workflow against a fixed clock and jitter.

use napi::bindgen_prelude::{Buffer, Uint8Array};
use napi_derive::napi;

use crate::secret::Secret;
use crate::{parse, IntoJs};

/// A job driven step by step (the JSON of the core's `wire` module).
#[napi]
pub struct Run {
    inner: storesubmit::wire::Run,
}

#[napi]
impl Run {
    /// The run of `request` (JSON) with the client `options` (JSON) and the client secret (none: the
    /// caller answers token tasks).
    #[napi(constructor)]
    pub fn new(options: String, request: String, secret: Option<&Secret>) -> napi::Result<Self> {
        let (options, request) = (parse("options", &options)?, parse("request", &request)?);
        let inner = storesubmit::wire::Run::start(&options, secret.map(|s| s.inner.clone()), &request, None).js()?;
        Ok(Run { inner })
    }

    /// Advances the run with one event (JSON) and its bytes at unix time `now` with `jitter`; answers the
    /// next step as JSON.
    #[napi]
    pub fn step(&mut self, event: String, data: Option<Uint8Array>, now: f64, jitter: f64) -> napi::Result<String> {
        let data = data.map(|d| d.to_vec()).unwrap_or_default();
        Ok(self.inner.step(&parse("event", &event)?, data, now.max(0.0) as u64, jitter).js()?.to_string())
    }

    /// The body of a `send` or `write` task handed out (once).
    #[napi]
    pub fn take_body(&mut self, id: i64) -> Buffer {
        self.inner.take_body(u64::try_from(id).unwrap_or(u64::MAX)).into()
    }
}
