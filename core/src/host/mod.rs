//! The native executor (feature `reqwest`): the one host loop that runs any [`Machine`] of the core on
//! tokio, its tasks concurrently — requests with reqwest (rustls), waits on tokio's timer, file tasks with
//! [`LocalFiles`] on the blocking pool — feeding every completion back as it arrives, forwarding progress,
//! writing the machine's checkpoints and turning a cancel into the machine's [`Event::Cancel`].
//!
//! Everything that decides *what* to do (tokens, retries, verification after ambiguous failures, polling,
//! deadlines, block uploads, pre-flight checks) is the machine's; this loop only moves bytes. Every native
//! surface runs it: the Rust [`crate::client::Client`] and the CLI directly ([`drive`]), the Python, Node
//! and .NET bindings through a [`Session`], which hands the binding, as JSON, only the tasks it keeps
//! (sends through its own HTTP client, tokens from its own credential, writes to its own output).

pub(crate) mod http;
mod io;
mod runtime;
mod session;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use futures_util::stream::{FuturesUnordered, StreamExt};
use tokio::sync::Notify;

pub use crate::files::LocalFiles;
pub use io::{send, DelegateKinds, Delegated, NativeIo, TokenProvider};
pub use runtime::runtime;
pub use session::{Session, SessionHost};

use crate::error::{Error, Result};
use crate::task::{Event, Machine, Progress, ResumeToken, Step, Tick};

/// The host's clock and randomness now.
pub fn tick() -> Tick {
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default();
    Tick { now: now.as_secs(), jitter: crate::policy::jitter(now.as_nanos() as u64) }
}

/// A cancel request shared between whoever stops a run (Ctrl-C, a binding's signal) and the loop.
#[derive(Clone, Debug, Default)]
pub struct Cancel(Arc<CancelInner>);

#[derive(Debug, Default)]
struct CancelInner {
    set: AtomicBool,
    notify: Notify,
}

impl Cancel {
    /// A cancel that is not set.
    pub fn new() -> Self {
        Cancel::default()
    }

    /// Asks the run to stop: the machine gets [`Event::Cancel`] and finishes with `cancelled` (with its
    /// resume token when it can continue).
    pub fn cancel(&self) {
        self.0.set.store(true, Ordering::SeqCst);
        self.0.notify.notify_waiters();
    }

    /// Whether a cancel was asked for.
    pub fn is_cancelled(&self) -> bool {
        self.0.set.load(Ordering::SeqCst)
    }

    async fn cancelled(&self) {
        loop {
            let notified = self.0.notify.notified();
            if self.is_cancelled() {
                return;
            }
            notified.await;
        }
    }
}

/// What a host does with what a run reports.
pub trait Hooks: Send {
    /// A progress event (stages, requests, waits, bytes, a resume token).
    fn progress(&mut self, event: &Progress) {
        let _ = event;
    }

    /// The run's resume token changed: a host that keeps a journal writes it now, before the tasks of the
    /// step that follows start (so a request that changes the service never runs without it).
    fn checkpoint(&mut self, token: &ResumeToken) {
        let _ = token;
    }
}

/// Hooks that ignore everything.
#[derive(Debug, Default)]
pub struct NoHooks;

impl Hooks for NoHooks {}

impl<F: FnMut(&Progress) + Send> Hooks for F {
    fn progress(&mut self, event: &Progress) {
        self(event)
    }
}

/// Runs `machine` to its end with `io`, its tasks concurrently, until it is done or `cancel` is set (the
/// machine then finishes as it does on [`Event::Cancel`]).
///
/// # Errors
/// Whatever the machine ends with.
pub async fn drive<M: Machine + ?Sized>(
    machine: &mut M,
    io: &NativeIo,
    cancel: &Cancel,
    hooks: &mut dyn Hooks,
) -> Result<M::Output> {
    let mut running = FuturesUnordered::new();
    let mut step = if cancel.is_cancelled() {
        machine.resume(Event::Cancel, tick())
    } else {
        machine.resume(Event::Start, tick())
    };
    let mut cancel_sent = cancel.is_cancelled();
    let mut checkpoint: Option<String> = None;
    loop {
        for p in machine.take_progress() {
            hooks.progress(&p);
        }
        if !matches!(step, Step::Done(_)) {
            if let Some(token) = machine.resume_token() {
                let text = token.to_json();
                if checkpoint.as_deref() != Some(text.as_str()) {
                    hooks.checkpoint(&token);
                    checkpoint = Some(text);
                }
            }
        }
        match step {
            Step::Done(result) => return result,
            Step::Run(tasks) => running.extend(tasks.into_iter().map(|t| io.perform(t))),
            Step::Pending => {}
        }
        tokio::select! {
            biased;
            () = cancel.cancelled(), if !cancel_sent => {
                cancel_sent = true;
                step = machine.resume(Event::Cancel, tick());
            }
            next = running.next() => match next {
                Some((id, completion)) => step = machine.resume(Event::Completed(id, completion), tick()),
                None => return Err(Error::invalid_argument("the machine waits for a task it never handed out")),
            },
        }
    }
}
