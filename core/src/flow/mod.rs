//! Multi-step workflows as sans-IO state machines.
//!
//! A [`Flow`] never opens a socket, sleeps, reads a clock or draws a random number. It speaks the host
//! protocol of [`crate::task`]: it hands out [`Task`]s (send a request, wait, stat or read a file, get a
//! token from the caller's credential) and the host reports each one's [`Completion`] with its id, in
//! any order. After every `resume` the host forwards the flow's own [`Progress`] events:
//!
//! ```text
//! let mut running = Vec::new();
//! let mut step = flow.resume(Event::Start, tick());
//! loop {
//!     forward(flow.take_progress());
//!     match step {
//!         Step::Done(result) => break result,
//!         Step::Run(tasks) => running.extend(tasks.into_iter().map(start)),   // one at a time or all at once
//!         Step::Pending => {}
//!     }
//!     let (id, completion) = next_finished(&mut running);                  // Completion::Response, Waited, …
//!     step = flow.resume(Event::Completed(id, completion), tick());
//! }
//! ```
//!
//! [`crate::task::run_sync`] is that loop for a [`crate::task::SyncHost`] that runs one task at a time; the
//! native executor ([`crate::host`], feature `reqwest`) runs tasks concurrently on tokio.
//!
//! What every flow does the same way (one implementation, in [`Flow`]):
//! - fetches a token before the first call of each API family and refreshes it before it expires, mid-flow
//!   ([`crate::api::auth::TokenCache`]); a 401 invalidates the token and the call is repeated once with a
//!   fresh one. With [`Credentials::ClientSecret`] the flow sends the token request itself
//!   ([`Purpose::Token`]); with [`Credentials::External`] it asks the host for a token ([`Work::Token`])
//!   and caches the answer by the same rule;
//! - retries with [`crate::policy::retry`]: `Retry-After` honoured, exponential backoff with the host's
//!   jitter; after an ambiguous failure of a non-idempotent call (`Verify`) the workflow re-reads state to
//!   learn whether the call took effect before doing anything else (no duplicate submissions);
//! - polls with [`crate::policy::PollSchedule`] (geometric, capped);
//! - refuses to send to a URL that is neither https nor loopback ([`crate::http::check_url_scheme`]);
//! - respects a total deadline (`deadline_exceeded`) and stops on [`Event::Cancel`] (`cancelled`);
//! - reports [`Progress`]: stages, requests, waits and why, upload bytes, and a [`ResumeToken`] when a
//!   failed or cancelled workflow can continue;
//! - can stop after a stage ([`StopAfter::Draft`]: uploaded and updated, not committed) and hands out a
//!   serialisable [`ResumeToken`] from which [`resume`] continues later.
//!
//! The workflows: [`devcenter`] (app, add-on and flight submissions; package rollout), [`win32`] (MSI/EXE
//! products), [`ingestion`] (Partner Center product → branch → submission), [`simple`] (one call: get,
//! list, status) and [`plan`] (a read-only dry run of a submission or win32 publish: the requests it
//! would send and what they change).

/// An operation of the route table by id, looked up while compiling
/// ([`crate::api::routes::operation_by_id`] in a `const`): a misspelled id does not build.
macro_rules! op {
    ($id:literal) => {{
        const OP: &$crate::api::Operation = $crate::api::routes::operation_by_id($id);
        OP
    }};
}

pub mod devcenter;
mod engine;
pub mod ingestion;
pub mod plan;
pub mod preflight;
mod resume;
pub mod simple;
mod types;
mod upload;
pub mod win32;
mod workflow;

pub use crate::package::UploadFile;
pub use crate::spec::{OldPackages, PendingPolicy, SubmissionSpec};
pub use crate::task::{Completion, Event, Progress, Purpose, ResumeToken, Step, Task, TaskId, Tick, WaitReason, Work};
pub use engine::Flow;
pub use resume::resume;
pub use types::{Credentials, Finding, FlowConfig, Outcome, StopAfter, Upload};
pub use upload::upload;
pub(crate) use workflow::{findings, json_body, str_of, to_server_errors, Action, Call, Reply, Workflow};

#[cfg(test)]
pub(crate) mod script;
