//! The bundled transport: the core's reqwest (rustls) client runs a whole workflow
//! (`Client::run_flow`: its tasks concurrently, files read natively) on napi's tokio runtime, so the
//! JavaScript thread is never blocked. Progress events reach JavaScript through a threadsafe function;
//! an outside credential's `getToken` is called on the JavaScript thread and awaited here; an abort
//! drops the running tasks and cancels the flow, which then hands back its resume token.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use napi::bindgen_prelude::{Promise, PromiseRaw};
use napi::threadsafe_function::{ThreadsafeFunction, ThreadsafeFunctionCallMode};
use napi::{Env, Status};
use napi_derive::napi;
use serde_json::{json, Value};
use storesubmit::api::auth::{AccessToken, ClientCredentials};
use storesubmit::api::Endpoints;
use storesubmit::client::{Client, Progress, ProgressHandler, TokenProvider};
use storesubmit::flow::{Credentials, Event, Flow, FlowConfig, Outcome, Step, Tick};
use storesubmit::options::ClientOptions;
use storesubmit::wire::{error_json, progress_json, workflow_from_json};
use storesubmit::{Error, ErrorKind, Secret as CoreSecret};
use tokio::sync::Notify;

use crate::secret::{save, Secret, TokenCache};
use crate::wire::now;
use crate::{parse, IntoJs};

/// A JavaScript callback given a JSON string, not waited for (progress events).
type Listener = ThreadsafeFunction<String, (), String, Status, false>;
/// A JavaScript callback given a scope, answering a promise of `{"token", "expiresOn"}` or
/// `{"error"}` as JSON text (the package's wrapper of the caller's `getToken`; it never rejects).
type TokenSource = ThreadsafeFunction<String, Promise<String>, String, Status, false>;

/// Lets an `AbortSignal` stop a bundled run: `cancel()` from JavaScript, seen by the running task.
#[napi]
pub struct Cancel {
    state: Arc<CancelState>,
}

#[derive(Default)]
struct CancelState {
    set: AtomicBool,
    notify: Notify,
}

impl CancelState {
    async fn cancelled(&self) {
        loop {
            let wait = self.notify.notified();
            if self.set.load(Ordering::SeqCst) {
                return;
            }
            wait.await;
        }
    }
}

#[napi]
impl Cancel {
    /// Not cancelled yet.
    #[napi(constructor)]
    #[allow(clippy::new_without_default)]
    pub fn new() -> Self {
        Cancel { state: Arc::default() }
    }

    /// Stops the run it was passed to (idempotent).
    #[napi]
    pub fn cancel(&self) {
        self.state.set.store(true, Ordering::SeqCst);
        self.state.notify.notify_waiters();
    }
}

/// The bundled transport's settings and its HTTP client (connections shared by every run).
#[napi]
pub struct Bundled {
    user_agent: String,
    connect_timeout: Duration,
    client: Arc<Mutex<Option<Client>>>,
}

/// Builds the shared client on first use (inside the runtime, which reqwest needs).
fn client_of(slot: &Mutex<Option<Client>>, user_agent: &str, connect_timeout: Duration) -> storesubmit::Result<Client> {
    let mut g = slot.lock().map_err(|_| Error::new(ErrorKind::Transport, "transport lock poisoned"))?;
    if let Some(c) = g.as_ref() {
        return Ok(c.clone());
    }
    let cfg = FlowConfig::new(Endpoints::production(), ClientCredentials::new("-", "-", "-"));
    let c = Client::builder(cfg).user_agent(user_agent).connect_timeout(connect_timeout).build()?;
    *g = Some(c.clone());
    Ok(c)
}

/// The outcome as JSON (the resume token as its string form, as the wire flow's steps carry it).
pub(crate) fn outcome_json(outcome: &Outcome) -> Value {
    let mut v = serde_json::to_value(outcome).unwrap_or(Value::Null);
    if let Some(token) = &outcome.resume {
        v["resume"] = Value::String(token.to_json());
    }
    v
}

/// Cancels a flow whose tasks were dropped: the cancelled error and the flow's resume token.
fn cancel_flow(flow: &mut Flow) -> Error {
    match flow.resume(Event::Cancel, Tick::at(now())) {
        Step::Done(Err(e)) => e,
        _ => Error::new(ErrorKind::Cancelled, "the workflow was cancelled"),
    }
}

/// The caller's credential as the core's token provider: the JavaScript `getToken` wrapper is called
/// on the JavaScript thread and its promise awaited on the blocking thread the client calls this on.
fn provider(source: Arc<TokenSource>) -> TokenProvider {
    Arc::new(move |_family, scope: &str| {
        let scope = scope.to_string();
        let answer = futures::executor::block_on(async {
            let promise = source.call_async_catch(scope.clone()).await?;
            promise.await
        });
        let failed = |why: String| {
            Error::new(ErrorKind::Auth, format!("the credential could not get a token for {scope}: {why}"))
        };
        let text = answer.map_err(|e| failed(e.reason.clone()))?;
        let v: Value = serde_json::from_str(&text).map_err(|e| failed(e.to_string()))?;
        if let Some(why) = v.get("error").and_then(Value::as_str) {
            return Err(failed(why.to_string()));
        }
        let token = v.get("token").and_then(Value::as_str).filter(|t| !t.is_empty());
        let expires = v.get("expiresOn").and_then(Value::as_f64).filter(|t| t.is_finite() && *t >= 0.0);
        match (token, expires) {
            (Some(t), Some(e)) => {
                Ok(AccessToken { token: CoreSecret::new(t), obtained_at: now(), expires_at: e as u64 })
            }
            _ => Err(failed("getToken must return {token, expiresOnTimestamp}".into())),
        }
    })
}

#[napi]
impl Bundled {
    /// A transport with this `User-Agent` and connect timeout (seconds).
    #[napi(constructor)]
    pub fn new(user_agent: String, connect_timeout: f64) -> napi::Result<Self> {
        let connect_timeout = Duration::try_from_secs_f64(connect_timeout)
            .map_err(|e| Error::invalid_argument(format!("connectTimeout: {e}")))
            .js()?;
        Ok(Bundled { user_agent, connect_timeout, client: Arc::default() })
    }

    /// Runs the workflow `request` (JSON) with the client `options` (JSON) and the client secret (or
    /// none: `get_token` answers the token tasks), with the cache's tokens and the files under `files`.
    /// Resolves with `{"outcome"}` or `{"error", "resume"}` as JSON text; `on_progress` receives each
    /// progress event's JSON; `cancel` stops it.
    #[allow(clippy::too_many_arguments)]
    #[napi(ts_return_type = "Promise<string>")]
    pub fn run<'env>(
        &self,
        env: &'env Env,
        options: String,
        request: String,
        secret: Option<&Secret>,
        tokens: &TokenCache,
        files: Option<String>,
        on_progress: Option<Listener>,
        get_token: Option<TokenSource>,
        cancel: Option<&Cancel>,
    ) -> napi::Result<PromiseRaw<'env, String>> {
        let opts = ClientOptions::from_json(&parse("options", &options)?).js()?;
        let credentials = match secret {
            Some(s) => Credentials::ClientSecret(ClientCredentials::new("", "", s.inner.clone())),
            None => Credentials::External,
        };
        let mut flow = workflow_from_json(opts.into_flow_config(credentials), &parse("request", &request)?)
            .js()?
            .with_tokens(tokens.get());
        let cache = tokens.inner.clone();
        let cancel = cancel.map(|c| c.state.clone()).unwrap_or_default();
        let (slot, ua, timeout) = (self.client.clone(), self.user_agent.clone(), self.connect_timeout);
        let progress: Option<ProgressHandler> = on_progress.map(|l| {
            let l = Arc::new(l);
            Arc::new(move |p: &Progress| {
                l.call(progress_json(p).to_string(), ThreadsafeFunctionCallMode::NonBlocking);
            }) as ProgressHandler
        });
        let credential = get_token.map(|s| provider(Arc::new(s)));
        env.spawn_future(async move {
            let result = match client_of(&slot, &ua, timeout) {
                Err(e) => Err(e),
                Ok(client) => {
                    let finished = {
                        let files = files.map(PathBuf::from);
                        let run = client.run_flow(&mut flow, files.as_deref(), progress.clone(), credential);
                        tokio::pin!(run);
                        tokio::select! {
                            r = &mut run => Some(r),
                            () = cancel.cancelled() => None,
                        }
                    };
                    finished.unwrap_or_else(|| {
                        let e = cancel_flow(&mut flow);
                        for p in flow.take_progress() {
                            if let Some(h) = &progress {
                                h(&p);
                            }
                        }
                        Err(e)
                    })
                }
            };
            save(&cache, flow.tokens().clone());
            Ok(match result {
                Ok(outcome) => json!({"outcome": outcome_json(&outcome)}),
                Err(e) => json!({"error": error_json(&e), "resume": flow.resume_token().map(|t| t.to_json())}),
            }
            .to_string())
        })
    }
}
