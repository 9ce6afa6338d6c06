//! The host protocol as JSON, for bindings that reach the core through strings and byte buffers: one
//! [`Job`] per run (a workflow or a packaging job, built from one JSON request), its tasks, completions,
//! progress events, outcome and errors as JSON, bytes beside them. Every binding converts the same JSON
//! instead of each mapping the Rust types on its own.
//!
//! - Native hosts (Python, Node, .NET, the CLI) run a [`Job`] on the executor of [`crate::host`], which
//!   performs the tasks itself and hands the host only the kinds it keeps (its HTTP client's sends, its
//!   credential's tokens, its output's writes), in this JSON.
//! - Hosts that perform every task (wasm, through the JavaScript host loop) drive a [`Run`]:
//!   1. [`Run::start`] with the client options ([`crate::options::ClientOptions::from_json`]), the client
//!      secret or none (then the host answers `token` tasks itself), and the request
//!      ([`workflow_from_json`]; `{"workflow": "pack", …}` for a ZIP).
//!   2. [`Run::step`] with `{"kind": "start"}`, then with each task's completion, in any order; or with
//!      `{"kind": "cancel"}`. Each answer is a step: `{"kind": "run", "tasks", "progress"}`, `{"kind":
//!      "pending", "progress"}` or `{"kind": "done", "outcome" | "error", "progress"}`.
//!   3. For a `send` or `write` task, [`Run::take_body`] gives its bytes (`bodyLength`/`length` long).
//!
//! Tasks ([`task_json`]): `{"id", "kind": "send", "method", "url", "headers": [[name, value]…], "timeout"
//! (seconds or null), "bodyLength", "purpose"}`, `{"id", "kind": "wait", "seconds", "reason"}`, `{"id",
//! "kind": "list", "archive"}`, `{"id", "kind": "stat", "names"}`, `{"id", "kind": "read", "name",
//! "offset", "length"}`, `{"id", "kind": "write", "offset", "length"}`, `{"id", "kind": "token", "family",
//! "scope"}`. A `send` task carries the bearer token in its headers: log [`describe_task`] instead.
//!
//! Completions ([`completion_from_json`]), with bytes beside them for `response` (the body) and `data`
//! (the file's bytes): `{"id", "kind": "response", "status", "headers"}`, `{"id", "kind": "failed",
//! "error": {"code": "transport" | "timeout" | "io" | …, "message"}}`, `{"id", "kind": "waited"}`, `{"id",
//! "kind": "files", "files": [{"name", "size"}…]}`, `{"id", "kind": "sizes", "sizes": [n | null…]}`,
//! `{"id", "kind": "data"}`, `{"id", "kind": "written"}`, `{"id", "kind": "token", "token", "expiresOn"}`
//! (unix seconds).
//!
//! Progress events: [`progress_json`]. Outcomes: [`outcome_json`]. Errors: [`error_json`] (the manifest's
//! codes and numbers, the request named, the resume token when the run can continue).
//!
//! Beside the runs, [`call`]: every offline function (validate, guessKind, packageEntries, buildRequest,
//! parseResponse, parseJson, redact, the manifest and tables, the blob vectors' answers) as JSON in, JSON
//! out; the list is in [`crate::surface`].

mod call;
mod job;
pub(crate) mod json;
mod run;
mod vectors;
mod workflow;

pub use call::call;
pub use job::Job;
pub use json::{
    completion_from_json, describe_task, error_from_json, error_json, outcome_json, progress_json, task_json,
};
pub use run::{event_from_json, Run};
pub use vectors::blob_vector;
pub use workflow::workflow_from_json;

#[cfg(test)]
mod tests;
