//! The host protocol: the one interface between every sans-IO machine of the core and the host that
//! performs its I/O.
//!
//! Three machines speak it — the workflow engine ([`crate::flow::Flow`]), the block upload
//! ([`crate::upload::BlobUpload`]) and the ZIP job ([`crate::package::ZipJob`]) — and every host runs
//! them the same way: it feeds a [`Machine`] [`Event`]s (start, a task completed, cancel) with a
//! [`Tick`] (the host's clock and randomness), starts the [`Task`]s of each [`Step`] it gets back — one
//! after another, or several at once — and reports each one's [`Completion`] with the same [`TaskId`],
//! in whatever order they finish, forwarding the machine's [`Progress`] after each step. A host only
//! moves bytes, sleeps and reads files: the native executor ([`crate::host`], feature `reqwest`), the
//! JSON form for hosts that reach the core through strings and bytes ([`crate::wire::Run`]: wasm, the
//! JavaScript host loop), and the synchronous loop ([`run_sync`]) all drive any machine with the same
//! code.
//!
//! ```text
//! let mut step = machine.resume(Event::Start, tick());
//! loop {
//!     forward(machine.take_progress());
//!     match step {
//!         Step::Done(result) => break result,
//!         Step::Run(tasks) => running.extend(tasks.into_iter().map(start)),   // one at a time or all at once
//!         Step::Pending => {}
//!     }
//!     let (id, completion) = next_finished(&mut running);                  // Completion::Response, Waited, …
//!     step = machine.resume(Event::Completed(id, completion), tick());
//! }
//! ```
//!
//! Model: matrix-sdk-crypto's `outgoing_requests` / `mark_request_as_sent`, generalised from requests
//! to every kind of I/O a workflow needs.

mod progress;
mod sync;

pub use progress::Progress;
pub use sync::{perform, run_sync, SyncHost};

use std::fmt;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use serde_json::Value;

use crate::error::{Error, Result};
use crate::http::{HttpRequest, HttpResponse};
use crate::model::Family;
use crate::secret::AccessToken;
use crate::validate::FileSet;

/// Identifies one task; the host passes it back with the task's [`Completion`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TaskId(pub u64);

impl fmt::Display for TaskId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.0)
    }
}

/// The host's clock and randomness, passed with every event (the core has neither).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Tick {
    /// Current unix time, seconds.
    pub now: u64,
    /// A random number in `[0, 1)` for retry jitter (tests pass a fixed value).
    pub jitter: f64,
}

impl Tick {
    /// A tick at `now` with a neutral jitter of 0.5.
    pub fn at(now: u64) -> Self {
        Tick { now, jitter: 0.5 }
    }
}

/// One unit of I/O for the host.
#[derive(Debug)]
pub struct Task {
    /// Pass it back with the completion.
    pub id: TaskId,
    /// What to do.
    pub work: Work,
}

/// What a task asks the host to do.
#[derive(Debug)]
pub enum Work {
    /// Send this request as is (it carries its headers, body and timeout) and report
    /// [`Completion::Response`] whatever the status, or [`Completion::Failed`] when no response arrived.
    Send {
        /// The request.
        request: HttpRequest,
        /// What it is for (logs, progress, and a host that answers token requests itself).
        purpose: Purpose,
    },
    /// Sleep this long, then report [`Completion::Waited`].
    Wait {
        /// How long.
        duration: Duration,
        /// Why (progress output: "waiting 30 s: polling, status CommitStarted").
        reason: WaitReason,
    },
    /// List the host's files ([`Completion::Files`]): every file under the host's files folder (or map,
    /// or picked folder), with the empty ones and the links that leave the folder marked; or, with
    /// `archive`, the entries of that ZIP (a name as in [`Work::Stat`]). Asked by a workflow's pre-flight
    /// stage, before any request.
    List {
        /// A ready ZIP whose entries are the files (a submission published with its archive), or none.
        archive: Option<String>,
    },
    /// Report the size of each named file ([`Completion::Sizes`], `None` for a file that does not
    /// exist). Names are as a submission writes them, relative to the host's files (a folder, a picked
    /// directory, a map of streams).
    Stat {
        /// The files.
        names: Vec<String>,
    },
    /// Read `len` bytes of a named file from `offset` ([`Completion::Data`]; fewer bytes only at the
    /// end of the file).
    Read {
        /// The file, as in [`Work::Stat`].
        name: String,
        /// Where to start.
        offset: u64,
        /// How many bytes.
        len: u64,
    },
    /// Write these bytes at `offset` of the host's output (a file, a stream, the parts of a `Blob`) and
    /// report [`Completion::Written`]. Asked only by a packaging job ([`crate::package::ZipJob`]), in
    /// order, one at a time, so a host may simply append.
    Write {
        /// Where the bytes go in the output (the sum of the lengths written before).
        offset: u64,
        /// The bytes.
        data: Vec<u8>,
    },
    /// Get an access token for `scope` from the caller's own credential (azure-identity,
    /// @azure/identity, a .NET delegate) and report [`Completion::Token`]. Asked only when the flow runs
    /// with an external credential; with a client secret the flow sends the token request itself.
    Token {
        /// Which API family the token is for.
        family: Family,
        /// The scope to ask for (`<resource>/.default`).
        scope: String,
    },
    /// Read a whole small file at this path (absolute, or relative to the host's working folder; not one
    /// of the host's files) and report [`Completion::Data`]: a federated token file or a certificate,
    /// asked for again before every token ([`crate::credential`]). At most
    /// [`crate::credential::MAX_ASSERTION_BYTES`] × 4 are read.
    File {
        /// The file.
        path: String,
    },
    /// Run this program with these arguments (no shell), wait for it to end and report its standard
    /// output as [`Completion::Data`], or [`Completion::Failed`] when it cannot start or exits with a
    /// failure: a command that prints a federated token ([`crate::credential`]). A host that cannot run
    /// programs (a browser) answers `unsupported`.
    Command {
        /// The program, then its arguments.
        argv: Vec<String>,
    },
}

/// What a [`Work::Send`] request is for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Purpose {
    /// A token request to the token service.
    Token {
        /// Which API family the token is for.
        family: Family,
        /// The scope it asks for (`<resource>/.default`).
        scope: String,
    },
    /// A call of an operation of the route table.
    Api {
        /// The operation id (`devcenter.get_app`, …).
        op: String,
    },
    /// A request for a federated client assertion (an OIDC ID token from the CI platform).
    Assertion {
        /// The auth method asking (`github-oidc`, `azure-pipelines`).
        source: String,
    },
    /// A request to a blob SAS URL (upload).
    Blob {
        /// `get_block_list`, `put_block`, `put_block_list`, `put_blob` or `put_asset`.
        op: String,
    },
}

/// Why a [`Work::Wait`] is asked for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum WaitReason {
    /// Before repeating a failed request.
    Retry {
        /// The error code of the failure.
        code: String,
        /// The attempt that failed (1-based).
        attempt: u32,
    },
    /// Between two reads of a long-running status.
    Poll {
        /// The status last seen.
        status: String,
    },
}

/// What happened to a task.
pub enum Completion {
    /// The response to a [`Work::Send`], whatever its status.
    Response(HttpResponse),
    /// A [`Work::Send`], [`Work::List`], [`Work::Read`], [`Work::Stat`], [`Work::Write`] or [`Work::Token`] failed without a result
    /// (timeout, connection, local I/O, the credential's own error).
    Failed(Error),
    /// A [`Work::Wait`] is over.
    Waited,
    /// The files a [`Work::List`] asked for.
    Files(FileSet),
    /// The sizes a [`Work::Stat`] asked for, in the same order.
    Sizes(Vec<Option<u64>>),
    /// The bytes a [`Work::Read`] or [`Work::File`] asked for, or a [`Work::Command`]'s output.
    Data(Vec<u8>),
    /// The token a [`Work::Token`] asked for.
    Token(AccessToken),
    /// A [`Work::Write`] is done.
    Written,
}

impl Completion {
    /// What kind of completion this is, for an error about a host that answered a task with the wrong
    /// kind ("a response", "sizes", …).
    pub fn kind_name(&self) -> &'static str {
        match self {
            Completion::Response(_) => "a response",
            Completion::Failed(_) => "a failure",
            Completion::Waited => "`waited`",
            Completion::Files(_) => "files",
            Completion::Sizes(_) => "sizes",
            Completion::Data(_) => "data",
            Completion::Token(_) => "a token",
            Completion::Written => "`written`",
        }
    }
}

impl fmt::Debug for Completion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Completion::Response(r) => f.debug_tuple("Response").field(r).finish(),
            Completion::Failed(e) => f.debug_tuple("Failed").field(e).finish(),
            Completion::Waited => f.write_str("Waited"),
            Completion::Files(s) => write!(f, "Files({} files)", s.len()),
            Completion::Sizes(s) => f.debug_tuple("Sizes").field(s).finish(),
            Completion::Data(d) => write!(f, "Data({} bytes)", d.len()),
            Completion::Token(t) => f.debug_tuple("Token").field(t).finish(),
            Completion::Written => f.write_str("Written"),
        }
    }
}

/// What happened since the last [`Step`]: what a host feeds a [`Machine`].
#[derive(Debug)]
pub enum Event {
    /// The first call: begin.
    Start,
    /// A task handed out earlier finished.
    Completed(TaskId, Completion),
    /// Stop now: the machine finishes with `cancelled` (a workflow first reports
    /// [`Progress::Resumable`] when it can continue later). Tasks still running are abandoned; their
    /// completions are ignored.
    Cancel,
}

/// What the host must do next: the answer to every [`Machine::resume`].
#[derive(Debug)]
pub enum Step<T> {
    /// Start these tasks (one after another or all at once) and report each one's completion with
    /// [`Event::Completed`]. Earlier tasks still running stay running.
    Run(Vec<Task>),
    /// Nothing new to start: report the next completion of a task still running.
    Pending,
    /// The machine finished (also returned again by every later `resume`).
    Done(Result<T>),
}

impl<T> Step<T> {
    /// The same step with its result mapped (a host that wants every machine's output as JSON).
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Step<U> {
        match self {
            Step::Run(t) => Step::Run(t),
            Step::Pending => Step::Pending,
            Step::Done(r) => Step::Done(r.map(f)),
        }
    }
}

/// A sans-IO machine: everything a host needs to know about it. The workflow engine, the block upload
/// and the ZIP job implement it, so one host loop runs each of them.
pub trait Machine {
    /// What the machine answers when it is done (a workflow's outcome, an upload's or a ZIP's report).
    type Output;

    /// Advances the machine with what happened; answers what to do next. After `Done`, every call
    /// answers the same `Done` again.
    fn resume(&mut self, event: Event, tick: Tick) -> Step<Self::Output>;

    /// The progress events emitted since the last call, oldest first. Hosts call it after every
    /// [`Machine::resume`] and forward the events.
    fn take_progress(&mut self) -> Vec<Progress>;

    /// A short name of the current stage (`preflight`, `create`, `upload`, `poll: CommitStarted`, …).
    fn stage(&self) -> String;

    /// Where the machine can continue from, when it stopped early or was cancelled after it changed
    /// something on the service (a workflow past its create step). `None` for machines that cannot resume.
    fn resume_token(&self) -> Option<ResumeToken> {
        None
    }
}

/// The opaque, serialisable state from which a stopped workflow continues (no secrets in it): its string
/// form ([`ResumeToken::to_json`]) is what every surface hands out and takes back, and how it serialises;
/// it deserialises from that string or from the JSON object itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResumeToken(pub Value);

impl serde::Serialize for ResumeToken {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_json())
    }
}

impl<'de> serde::Deserialize<'de> for ResumeToken {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let v = Value::deserialize(d)?;
        let token = match v {
            Value::String(s) => ResumeToken::from_json(&s),
            v => ResumeToken::from_value(v),
        };
        token.map_err(|e| serde::de::Error::custom(e.message()))
    }
}

impl ResumeToken {
    /// The token as a JSON string (to store in a file or a CI variable).
    pub fn to_json(&self) -> String {
        self.0.to_string()
    }

    /// Parses a token written by [`ResumeToken::to_json`] (also the same text quoted once more as a JSON
    /// string, as a tool that serialised the string form writes it).
    ///
    /// # Errors
    /// `invalid_argument` when the text is not a token.
    pub fn from_json(s: &str) -> Result<ResumeToken> {
        let v: Value =
            serde_json::from_str(s.trim()).map_err(|e| Error::invalid_argument(format!("resume token: {e}")))?;
        match v {
            Value::String(inner) => ResumeToken::from_json(&inner),
            v => ResumeToken::from_value(v),
        }
    }

    /// A token from its JSON value (a binding that parsed the string already). A journal entry
    /// (`crate::journal`: `{"journal": 1, "resumeToken": "…"}`, what `--save-resume` holds while a run
    /// goes on) is read as the token it holds, so every surface resumes from either file.
    ///
    /// # Errors
    /// `invalid_argument` when the value is not a token (no `flow` field), or a journal entry of a run
    /// that has no resume token yet.
    pub fn from_value(v: Value) -> Result<ResumeToken> {
        if v.get("journal").is_some() {
            return match v.get("resumeToken").and_then(Value::as_str) {
                Some(inner) => ResumeToken::from_json(inner),
                None => Err(Error::invalid_argument(
                    "resume token: this journal entry is of a run that had no resume token yet; run the same \
                     publish command again to continue it",
                )),
            };
        }
        if v.get("flow").and_then(Value::as_str).is_none() {
            return Err(Error::invalid_argument("resume token: no `flow` field"));
        }
        Ok(ResumeToken(v))
    }
}
