//! The host protocol as JSON, for bindings that reach the core through strings and byte buffers (the C
//! ABI, wasm, Node): one [`WireFlow`] per workflow run, JSON out, JSON and bytes in. Every binding then
//! converts the same JSON instead of each mapping the Rust types on its own.
//!
//! A run:
//! 1. [`WireFlow::start`] with the client options (as [`crate::options::ClientOptions::from_json`] reads
//!    them), the client secret or none (then the host answers `token` tasks itself), and the workflow
//!    request ([`workflow_from_json`]).
//! 2. [`WireFlow::step`] with `{"kind": "start"}`, then with each task's completion, in any order; or
//!    with `{"kind": "cancel"}`. Each answer is a step:
//!    - `{"kind": "run", "tasks": [task…], "progress": [event…]}`: start these tasks;
//!    - `{"kind": "pending", "progress": […]}`: report the next completion of a task still running;
//!    - `{"kind": "done", "outcome": {…} | "error": {…}, "progress": […]}`: finished.
//! 3. For a `send` task, [`WireFlow::take_body`] gives the request body (bytes, `bodyLength` long).
//!
//! Tasks ([`task_json`]): `{"id", "kind": "send", "method", "url", "headers": [[name, value]…], "timeout"
//! (seconds or null), "bodyLength", "purpose"}`, `{"id", "kind": "wait", "seconds", "reason"}`, `{"id",
//! "kind": "stat", "names"}`, `{"id", "kind": "read", "name", "offset", "length"}`, `{"id", "kind": "token",
//! "family", "scope"}`. A `send` task carries the bearer token in its headers: log [`describe_task`]
//! instead of the task.
//!
//! Completions ([`completion_from_json`]), with bytes beside them for `response` (the body) and `data`
//! (the file's bytes): `{"id", "kind": "response", "status", "headers"}`, `{"id", "kind": "failed",
//! "error": {"code": "transport" | "timeout" | "io" | …, "message"}}`, `{"id", "kind": "waited"}`, `{"id",
//! "kind": "sizes", "sizes": [n | null…]}`, `{"id", "kind": "data"}`, `{"id", "kind": "token", "token",
//! "expiresOn"}` (unix seconds).
//!
//! Progress events: [`progress_json`]. Errors: [`error_json`] (the manifest's codes and numbers).
//!
//! Beside the workflows:
//! - [`PackJob`]: the ZIP of a submission from the host's files to the host's output, in the same step
//!   shape, with `{"id", "kind": "write", "offset", "length"}` tasks (bytes from [`PackJob::take_body`],
//!   completed with `{"id", "kind": "written"}`).
//! - [`call`]: every offline function (validate, guessKind, packageEntries, buildRequest, parseResponse,
//!   parseJson, redact, the manifest and tables, the blob vectors' answers) as JSON in, JSON out; the
//!   list is [`CALLS`].

mod call;
mod json;
mod pack;
mod vectors;
mod workflow;

use serde_json::{json, Value};
use std::collections::HashMap;

pub use call::{call, CallInfo, CALLS};
pub use json::{completion_from_json, describe_task, error_from_json, error_json, progress_json, task_json};
pub use pack::PackJob;
pub use vectors::blob_vector;
pub use workflow::{workflow_from_json, WORKFLOWS};

use json::tasks_json;

use crate::api::auth::{ClientCredentials, TokenCache};
use crate::error::{Error, Result};
use crate::flow::{Credentials, Event, Flow, Step, TaskId, Tick};
use crate::options::ClientOptions;
use crate::secret::Secret;

/// One workflow run driven through JSON (see the module documentation).
pub struct WireFlow {
    flow: Flow,
    bodies: HashMap<TaskId, Vec<u8>>,
}

impl std::fmt::Debug for WireFlow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WireFlow").field("stage", &self.flow.stage()).field("bodies", &self.bodies.len()).finish()
    }
}

impl WireFlow {
    /// Builds the run: `options` as the client options, `secret` the client secret (none: the host
    /// answers `token` tasks from its own credential), `request` the workflow ([`workflow_from_json`]),
    /// `tokens` a cache shared with earlier runs (see [`WireFlow::tokens`]).
    ///
    /// # Errors
    /// `invalid_argument` naming the bad field of `options` or `request`.
    pub fn start(options: &Value, secret: Option<Secret>, request: &Value, tokens: Option<TokenCache>) -> Result<Self> {
        let opts = ClientOptions::from_json(options)?;
        let credentials = match secret {
            Some(s) => {
                if opts.tenant_id.is_empty() || opts.client_id.is_empty() {
                    return Err(Error::invalid_argument(
                        "options/tenantId, options/clientId: both are required with a client secret",
                    ));
                }
                Credentials::ClientSecret(ClientCredentials::new("", "", s.expose()))
            }
            None => Credentials::External,
        };
        let mut flow = workflow_from_json(opts.into_flow_config(credentials), request)?;
        if let Some(t) = tokens {
            flow = flow.with_tokens(t);
        }
        Ok(WireFlow { flow, bodies: HashMap::new() })
    }

    /// Advances the run with one event (`{"kind": "start"}`, `{"kind": "cancel"}` or a completion and its
    /// bytes) at unix time `now` with a random `jitter` in `[0, 1)`, and answers the next step.
    ///
    /// # Errors
    /// `invalid_argument` when the event is malformed; the run is unchanged then.
    pub fn step(&mut self, event: &Value, data: Vec<u8>, now: u64, jitter: f64) -> Result<Value> {
        let event = match event.get("kind").and_then(Value::as_str) {
            Some("start") => Event::Start,
            Some("cancel") => Event::Cancel,
            _ => {
                let (id, c) = completion_from_json(event, data)?;
                Event::Completed(id, c)
            }
        };
        let jitter = if jitter.is_finite() { jitter.clamp(0.0, 1.0) } else { 0.5 };
        let step = self.flow.resume(event, Tick { now, jitter });
        let progress: Vec<Value> = self.flow.take_progress().iter().map(progress_json).collect();
        Ok(match step {
            Step::Run(tasks) => {
                let tasks = tasks_json(tasks, &mut self.bodies);
                json!({"kind": "run", "tasks": tasks, "progress": progress})
            }
            Step::Pending => json!({"kind": "pending", "progress": progress}),
            Step::Done(Ok(outcome)) => {
                self.bodies.clear();
                json!({"kind": "done", "outcome": outcome, "progress": progress})
            }
            Step::Done(Err(e)) => {
                self.bodies.clear();
                json!({"kind": "done", "error": error_json(&e), "progress": progress})
            }
        })
    }

    /// The request body of a `send` task handed out by the last steps (taken: a second call gives
    /// nothing). Empty for a task without a body.
    pub fn take_body(&mut self, id: u64) -> Vec<u8> {
        self.bodies.remove(&TaskId(id)).unwrap_or_default()
    }

    /// The tokens the run holds, to share with the next run of the same client.
    pub fn tokens(&self) -> TokenCache {
        self.flow.tokens().clone()
    }

    /// The workflow's current stage (`create`, `upload`, `poll`, …).
    pub fn stage(&self) -> String {
        self.flow.stage()
    }

    /// Where the run could continue from, when it stopped early or was cancelled.
    pub fn resume_token(&self) -> Option<String> {
        self.flow.resume_token().map(|t| t.to_json())
    }
}

#[cfg(test)]
mod tests;
