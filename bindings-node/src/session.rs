//! A run of the core's executor for the package's JavaScript host loop (`@storesubmit/host`'s driver):
//! [`Session`] wraps `storesubmit::host::Session`. The executor performs every task but the kinds the
//! package keeps — sends when the caller brought a `fetch`, tokens when it brought a credential object,
//! writes when `pack` writes to a stream — and hands those over as JSON, with their bytes beside them.
//! No runtime thread calls into JavaScript: the loop asks [`Session::next`], which resolves when the run
//! has something.

use std::sync::Arc;

use napi::bindgen_prelude::{Buffer, PromiseRaw, Uint8Array};
use napi::Env;
use napi_derive::napi;
use storesubmit::host::{Session as CoreSession, SessionHost};

use crate::secret::{Secret, TokenCache};
use crate::{parse, IntoJs};

/// One job (a workflow or a packaging job) running on the executor.
#[napi]
pub struct Session {
    inner: Arc<CoreSession>,
}

#[napi]
impl Session {
    /// Starts `request` (JSON) with the client `options` (JSON), the client secret (none: the package
    /// answers token tasks), the client's tokens and `host` (JSON: `files`, `output` (paths), `keep`
    /// ({send, token, write}), `userAgent`, `connectTimeout` (seconds)).
    #[napi(constructor)]
    pub fn new(
        options: String,
        request: String,
        secret: Option<&Secret>,
        tokens: Option<&TokenCache>,
        host: String,
    ) -> napi::Result<Self> {
        let host = SessionHost::from_json(&parse("host", &host)?).js()?;
        let (options, request) = (parse("options", &options)?, parse("request", &request)?);
        let secret = secret.map(|s| s.inner.clone());
        let tokens = tokens.map(TokenCache::get);
        Ok(Session { inner: Arc::new(CoreSession::start_run(&options, secret, &request, tokens, host).js()?) })
    }

    /// Resolves with what the run has next: `{"progress", "tasks", "done"}` as JSON text.
    #[napi(ts_return_type = "Promise<string>")]
    pub fn next<'env>(&self, env: &'env Env) -> napi::Result<PromiseRaw<'env, String>> {
        let session = self.inner.clone();
        env.spawn_future(async move { Ok(session.next_async().await.to_string()) })
    }

    /// The bytes of a `send` or `write` task handed out (once).
    #[napi]
    pub fn take_body(&self, id: i64) -> Buffer {
        self.inner.take_body(u64::try_from(id).unwrap_or(u64::MAX)).into()
    }

    /// Answers a task the package performed: its completion (JSON) and bytes.
    #[napi]
    pub fn complete(&self, completion: String, data: Option<Uint8Array>) -> napi::Result<()> {
        let data = data.map(|d| d.to_vec()).unwrap_or_default();
        self.inner.complete(&parse("completion", &completion)?, data).js()
    }

    /// Stops the run: it ends with `cancelled`, with its resume token when it can continue.
    #[napi]
    pub fn cancel(&self) {
        self.inner.cancel();
    }

    /// Keeps the tokens the run ended with in the client's cache (nothing before the run ended).
    #[napi]
    pub fn save_tokens(&self, cache: &TokenCache) {
        if let Some(tokens) = self.inner.tokens() {
            cache.set(tokens);
        }
    }
}
