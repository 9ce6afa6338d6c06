//! A [`Job`] driven through JSON steps, for hosts that reach the core through strings and byte buffers
//! and perform every task themselves (wasm in a browser or Node, through the JavaScript host loop).
//! Native hosts use the executor of [`crate::host`] instead, which performs the tasks itself and hands
//! the host only what it keeps (its own HTTP client, its credential, its output).

use std::collections::HashMap;

use serde_json::{json, Value};

use super::json::{capped, completion_from_json, error_json, progress_json, response_cap, tasks_json};
use super::Job;
use crate::api::auth::TokenCache;
use crate::error::{Error, ErrorKind, Result};
use crate::secret::Secret;
use crate::task::{Event, Machine, Step, TaskId, Tick};

/// One job driven through JSON (see the module documentation of [`super`]).
pub struct Run {
    job: Job,
    bodies: HashMap<TaskId, Vec<u8>>,
    /// The response limit of each `send` task handed out and not answered yet.
    caps: HashMap<TaskId, u64>,
}

impl std::fmt::Debug for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Run").field("stage", &self.job.stage()).field("bodies", &self.bodies.len()).finish()
    }
}

impl Run {
    /// Builds the run: see [`Job::start`]; `tokens` a cache shared with earlier runs of the same client.
    ///
    /// # Errors
    /// `invalid_argument` naming the bad field of `options` or `request`.
    pub fn start(options: &Value, secret: Option<Secret>, request: &Value, tokens: Option<TokenCache>) -> Result<Run> {
        if options.get("journal").is_some_and(|j| !j.is_null()) {
            return Err(Error::new(
                ErrorKind::Unsupported,
                "options/journal: a host that answers every task itself (a browser) has no folder for a journal; \
                 keep the resume token of a stopped run instead",
            ));
        }
        Ok(Run {
            job: Job::start(options, secret, request)?.with_tokens(tokens),
            bodies: HashMap::new(),
            caps: HashMap::new(),
        })
    }

    /// Advances the run with one event (`{"kind": "start"}`, `{"kind": "cancel"}` or a completion and its
    /// bytes) at unix time `now` with a random `jitter` in `[0, 1)`, and answers the next step:
    /// `{"kind": "run", "tasks", "progress"}`, `{"kind": "pending", "progress"}` or `{"kind": "done",
    /// "outcome" | "error", "progress"}`.
    ///
    /// # Errors
    /// `invalid_argument` when the event is malformed; the run is unchanged then.
    pub fn step(&mut self, event: &Value, data: Vec<u8>, now: u64, jitter: f64) -> Result<Value> {
        let event = match event_from_json(event, data)? {
            Event::Completed(id, c) => {
                let cap = self.caps.remove(&id);
                Event::Completed(id, capped(c, cap))
            }
            other => other,
        };
        let jitter = if jitter.is_finite() { jitter.clamp(0.0, 1.0) } else { 0.5 };
        let step = self.job.resume(event, Tick { now, jitter });
        let progress: Vec<Value> = self.job.take_progress().iter().map(progress_json).collect();
        Ok(match step {
            Step::Run(tasks) => {
                self.caps.extend(tasks.iter().filter_map(|t| Some((t.id, response_cap(t)?))));
                let tasks = tasks_json(tasks, &mut self.bodies);
                json!({"kind": "run", "tasks": tasks, "progress": progress})
            }
            Step::Pending => json!({"kind": "pending", "progress": progress}),
            Step::Done(Ok(outcome)) => {
                self.bodies.clear();
                self.caps.clear();
                json!({"kind": "done", "outcome": outcome, "progress": progress})
            }
            Step::Done(Err(e)) => {
                self.bodies.clear();
                self.caps.clear();
                json!({"kind": "done", "error": error_json(&e), "progress": progress})
            }
        })
    }

    /// The body of a `send` or `write` task handed out by the last steps (taken: a second call gives
    /// nothing). Empty for a task without one.
    pub fn take_body(&mut self, id: u64) -> Vec<u8> {
        self.bodies.remove(&TaskId(id)).unwrap_or_default()
    }

    /// The tokens the run holds, to share with the next run of the same client.
    pub fn tokens(&self) -> Option<TokenCache> {
        self.job.tokens()
    }

    /// The job's current stage (`preflight`, `create`, `upload`, `poll`, …).
    pub fn stage(&self) -> String {
        self.job.stage()
    }

    /// Where the run could continue from, when it stopped early or was cancelled.
    pub fn resume_token(&self) -> Option<String> {
        self.job.resume_token().map(|t| t.to_json())
    }
}

/// An event as a host writes it: `{"kind": "start"}`, `{"kind": "cancel"}`, or a completion with its bytes.
///
/// # Errors
/// `invalid_argument` naming the field of a malformed completion.
pub fn event_from_json(event: &Value, data: Vec<u8>) -> Result<Event> {
    Ok(match event.get("kind").and_then(Value::as_str) {
        Some("start") => Event::Start,
        Some("cancel") => Event::Cancel,
        _ => {
            let (id, c) = completion_from_json(event, data)?;
            Event::Completed(id, c)
        }
    })
}
