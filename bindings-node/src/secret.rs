//! What the package keeps out of JavaScript values: a client secret and a client's access tokens live
//! in native objects with no readable property, so `util.inspect`, `String()` and `JSON.stringify` of
//! a credential or a client show nothing of them.

use std::sync::Mutex;

use napi_derive::napi;
use storesubmit::api::auth::TokenCache as CoreTokens;

/// A client secret (the core's `Secret`: its `Debug` and `Display` are redacted).
#[napi]
pub struct Secret {
    pub(crate) inner: storesubmit::Secret,
}

#[napi]
impl Secret {
    /// Keeps `value`; nothing reads it back from JavaScript.
    #[napi(constructor)]
    pub fn new(value: String) -> Self {
        Secret { inner: storesubmit::Secret::new(value) }
    }

    /// Always `"<redacted>"`.
    #[napi]
    #[allow(clippy::inherent_to_string)]
    pub fn to_string(&self) -> &'static str {
        "<redacted>"
    }
}

/// The access tokens a client shares between the workflows it runs (never exposed).
#[napi]
pub struct TokenCache {
    inner: Mutex<CoreTokens>,
}

impl TokenCache {
    /// A copy of the tokens for one run.
    pub(crate) fn get(&self) -> CoreTokens {
        self.inner.lock().map(|t| t.clone()).unwrap_or_default()
    }

    /// Keeps the tokens a run ended with.
    pub(crate) fn set(&self, tokens: CoreTokens) {
        if let Ok(mut t) = self.inner.lock() {
            *t = tokens;
        }
    }
}

#[napi]
impl TokenCache {
    /// An empty cache.
    #[napi(constructor)]
    #[allow(clippy::new_without_default)]
    pub fn new() -> Self {
        TokenCache { inner: Mutex::new(CoreTokens::new()) }
    }
}
