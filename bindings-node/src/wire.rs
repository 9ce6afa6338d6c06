//! One workflow run as JSON steps: the core's [`WireFlow`], for the package's JavaScript host loop
//! (`js-host/driver.mjs`), which moves the bytes with the caller's `fetch`. The clock and the retry
//! jitter are filled in here (the core has neither); events and steps cross as JSON text.

use std::time::{SystemTime, UNIX_EPOCH};

use napi::bindgen_prelude::{Buffer, Uint8Array};
use napi_derive::napi;
use storesubmit::wire::{PackJob, WireFlow};

use crate::secret::{save, Secret, TokenCache};
use crate::{parse, IntoJs};

/// Unix time, seconds.
pub(crate) fn now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
}

/// A number in `[0, 1)` for retry jitter, from the clock's sub-second digits mixed by the core's
/// own jitter function (good enough to spread retries; not for secrets).
fn random() -> f64 {
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0);
    storesubmit::policy::jitter(u64::from(nanos) ^ (u64::from(std::process::id()) << 32))
}

/// A workflow run driven step by step (see the core's `wire` module for the JSON).
#[napi]
pub struct WireMachine {
    flow: WireFlow,
}

#[napi]
impl WireMachine {
    /// The run of `request` (a workflow request JSON) with the client `options` JSON, the client
    /// secret (none: the host answers `token` tasks) and the client's token cache.
    #[napi(constructor)]
    pub fn new(
        options: String,
        request: String,
        secret: Option<&Secret>,
        tokens: Option<&TokenCache>,
    ) -> napi::Result<Self> {
        let flow = WireFlow::start(
            &parse("options", &options)?,
            secret.map(|s| s.inner.clone()),
            &parse("request", &request)?,
            tokens.map(TokenCache::get),
        )
        .js()?;
        Ok(WireMachine { flow })
    }

    /// Advances the run with one event JSON (`{"kind": "start"}`, `{"kind": "cancel"}` or a completion)
    /// and its bytes; answers the next step as JSON. `at` (unix seconds) and `jitter` replace the clock
    /// and the random jitter (the shared flow vectors replay a fixed clock).
    #[napi]
    pub fn step(
        &mut self,
        event: String,
        data: Option<Uint8Array>,
        at: Option<f64>,
        jitter: Option<f64>,
    ) -> napi::Result<String> {
        let data = data.map(|d| d.to_vec()).unwrap_or_default();
        let at = at.filter(|t| t.is_finite() && *t >= 0.0).map_or_else(now, |t| t as u64);
        let step = self.flow.step(&parse("event", &event)?, data, at, jitter.unwrap_or_else(random)).js()?;
        Ok(step.to_string())
    }

    /// The body of a `send` task (handed out once).
    #[napi]
    pub fn take_body(&mut self, id: i64) -> Buffer {
        self.flow.take_body(u64::try_from(id).unwrap_or(u64::MAX)).into()
    }

    /// Saves the run's tokens into the client's cache.
    #[napi]
    pub fn save_tokens(&self, cache: &TokenCache) {
        save(&cache.inner, self.flow.tokens());
    }

    /// The current stage (`create`, `upload`, `poll`, …).
    #[napi(getter)]
    pub fn stage(&self) -> String {
        self.flow.stage()
    }

    /// Where the run could continue from (a JSON string), when it stopped early or was cancelled.
    #[napi]
    pub fn resume_token(&self) -> Option<String> {
        self.flow.resume_token()
    }
}

/// A ZIP packaging job (the core's `PackJob`): `{"kind", "document"}` or `{"names"}` in, `stat`, `read`
/// and `write` tasks out, driven by the same host loop as a workflow.
#[napi]
pub struct PackMachine {
    job: PackJob,
}

#[napi]
impl PackMachine {
    /// The job a request JSON names.
    #[napi(constructor)]
    pub fn new(request: String) -> napi::Result<Self> {
        Ok(PackMachine { job: PackJob::start(&parse("request", &request)?).js()? })
    }

    /// Advances the job with one event JSON and its bytes; answers the next step as JSON.
    #[napi]
    pub fn step(&mut self, event: String, data: Option<Uint8Array>) -> napi::Result<String> {
        let data = data.map(|d| d.to_vec()).unwrap_or_default();
        Ok(self.job.step(&parse("event", &event)?, data).js()?.to_string())
    }

    /// The bytes of a `write` task (handed out once).
    #[napi]
    pub fn take_body(&mut self, id: i64) -> Buffer {
        self.job.take_body(u64::try_from(id).unwrap_or(u64::MAX)).into()
    }
}
