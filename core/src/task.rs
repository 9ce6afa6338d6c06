//! The host protocol: the units of I/O a sans-IO machine asks its host to perform, and what the host
//! reports back.
//!
//! Every machine of the core (the workflows of [`crate::flow`], the block uploader of
//! [`crate::api::blob`]) talks to its host in these terms and nothing else. A machine hands out
//! [`Task`]s, each with a [`TaskId`]; the host starts them — one after another, or several at once —
//! and reports each one's [`Completion`] with the same id, in whatever order they finish. So the
//! machine decides how much runs concurrently (several Put Block requests in flight), and a host only
//! moves bytes, sleeps and reads files: the bundled reqwest client, Python, Node's `fetch`, the
//! browser and .NET's `HttpClient` all run the same code.
//!
//! Model: matrix-sdk-crypto's `outgoing_requests` / `mark_request_as_sent`, generalised from requests
//! to every kind of I/O a workflow needs.

use std::fmt;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::api::auth::AccessToken;
use crate::api::Family;
use crate::error::Error;
use crate::http::{HttpRequest, HttpResponse};

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
    /// report [`Completion::Written`]. Asked only by a packaging job ([`crate::package::PackJob`]), in
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
    /// A [`Work::Send`], [`Work::Read`], [`Work::Stat`], [`Work::Write`] or [`Work::Token`] failed without a result
    /// (timeout, connection, local I/O, the credential's own error).
    Failed(Error),
    /// A [`Work::Wait`] is over.
    Waited,
    /// The sizes a [`Work::Stat`] asked for, in the same order.
    Sizes(Vec<Option<u64>>),
    /// The bytes a [`Work::Read`] asked for.
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
            Completion::Sizes(s) => f.debug_tuple("Sizes").field(s).finish(),
            Completion::Data(d) => write!(f, "Data({} bytes)", d.len()),
            Completion::Token(t) => f.debug_tuple("Token").field(t).finish(),
            Completion::Written => f.write_str("Written"),
        }
    }
}
