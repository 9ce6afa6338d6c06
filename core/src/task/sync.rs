//! Driving any [`Machine`] synchronously: the [`SyncHost`] trait (the I/O a host brings — a clock, a
//! sender, a sleeper, files, an optional credential, an output) and [`run_sync`], the loop that executes
//! the machine's tasks one at a time. Scripts and tests that drive synchronously use it instead of writing
//! the loop again; the native executor ([`crate::host`]) runs the same tasks concurrently.

use std::collections::VecDeque;
use std::time::Duration;

use super::{Completion, Event, Machine, Progress, Purpose, Step, Tick, WaitReason, Work};
use crate::error::{Error, ErrorKind, Result};
use crate::http::{HttpRequest, HttpResponse};
use crate::model::Family;
use crate::secret::AccessToken;
use crate::validate::FileSet;

/// The I/O of a synchronous host. Only [`SyncHost::now`], [`SyncHost::jitter`], [`SyncHost::send`] and
/// [`SyncHost::sleep`] are required; a host without files or an external credential keeps the default
/// methods, which report `unsupported`.
pub trait SyncHost {
    /// The current unix time, seconds.
    fn now(&mut self) -> u64;

    /// A random number in `[0, 1)` for retry jitter (see [`crate::policy::jitter`]).
    fn jitter(&mut self) -> f64;

    /// Sends one request as is and returns the response whatever its status; an error only when no
    /// response arrived (`timeout`, `transport`).
    ///
    /// # Errors
    /// As said.
    fn send(&mut self, request: HttpRequest, purpose: &Purpose) -> Result<HttpResponse>;

    /// Sleeps (or advances a fake clock).
    fn sleep(&mut self, duration: Duration, reason: &WaitReason);

    /// The host's files (or a ZIP's entries), for a workflow's pre-flight stage.
    ///
    /// # Errors
    /// `missing_files` when the folder does not exist, `io`; by default `unsupported`.
    fn list(&mut self, archive: Option<&str>) -> Result<FileSet> {
        let _ = archive;
        Err(Error::new(
            ErrorKind::Unsupported,
            "this host has no files: pass the folder the file names are relative to",
        ))
    }

    /// The size of each named file, `None` for a file that does not exist.
    ///
    /// # Errors
    /// `io` when a file cannot be looked at; by default `unsupported` (this host has no files).
    fn stat(&mut self, names: &[String]) -> Result<Vec<Option<u64>>> {
        let _ = names;
        Err(Error::new(
            ErrorKind::Unsupported,
            "this host has no files: pass the folder the file names are relative to",
        ))
    }

    /// `len` bytes of a named file from `offset` (fewer only at the end of the file).
    ///
    /// # Errors
    /// `io`; by default `unsupported`.
    fn read(&mut self, name: &str, offset: u64, len: u64) -> Result<Vec<u8>> {
        let _ = (name, offset, len);
        Err(Error::new(
            ErrorKind::Unsupported,
            "this host has no files: pass the folder the file names are relative to",
        ))
    }

    /// A token for `scope` from the caller's own credential ([`super::Credentials::External`]).
    ///
    /// # Errors
    /// The credential's error; by default `unsupported`.
    fn token(&mut self, family: Family, scope: &str) -> Result<AccessToken> {
        let _ = (family, scope);
        Err(Error::new(ErrorKind::Unsupported, "this host has no external credential"))
    }

    /// Writes `data` at `offset` of the host's output (a packaging job's archive, in order).
    ///
    /// # Errors
    /// `io`; by default `unsupported`.
    fn write(&mut self, offset: u64, data: &[u8]) -> Result<()> {
        let _ = (offset, data);
        Err(Error::new(ErrorKind::Unsupported, "this host has no output to write to"))
    }

    /// The bytes of a whole small file at `path` (a federated token file, a certificate).
    ///
    /// # Errors
    /// `io`; by default `unsupported`.
    fn file(&mut self, path: &str) -> Result<Vec<u8>> {
        let _ = path;
        Err(Error::new(ErrorKind::Unsupported, "this host cannot read a token file"))
    }

    /// The standard output of a command (a federated token).
    ///
    /// # Errors
    /// `auth` when it fails; by default `unsupported`.
    fn command(&mut self, argv: &[String]) -> Result<Vec<u8>> {
        let _ = argv;
        Err(Error::new(ErrorKind::Unsupported, "this host cannot run a token command"))
    }

    /// Receives the flow's progress events (by default dropped).
    fn progress(&mut self, event: Progress) {
        let _ = event;
    }
}

impl<H: SyncHost + ?Sized> SyncHost for &mut H {
    fn now(&mut self) -> u64 {
        (**self).now()
    }
    fn jitter(&mut self) -> f64 {
        (**self).jitter()
    }
    fn send(&mut self, request: HttpRequest, purpose: &Purpose) -> Result<HttpResponse> {
        (**self).send(request, purpose)
    }
    fn sleep(&mut self, duration: Duration, reason: &WaitReason) {
        (**self).sleep(duration, reason)
    }
    fn list(&mut self, archive: Option<&str>) -> Result<FileSet> {
        (**self).list(archive)
    }
    fn stat(&mut self, names: &[String]) -> Result<Vec<Option<u64>>> {
        (**self).stat(names)
    }
    fn read(&mut self, name: &str, offset: u64, len: u64) -> Result<Vec<u8>> {
        (**self).read(name, offset, len)
    }
    fn token(&mut self, family: Family, scope: &str) -> Result<AccessToken> {
        (**self).token(family, scope)
    }
    fn write(&mut self, offset: u64, data: &[u8]) -> Result<()> {
        (**self).write(offset, data)
    }
    fn file(&mut self, path: &str) -> Result<Vec<u8>> {
        (**self).file(path)
    }
    fn command(&mut self, argv: &[String]) -> Result<Vec<u8>> {
        (**self).command(argv)
    }
    fn progress(&mut self, event: Progress) {
        (**self).progress(event)
    }
}

/// Performs one task with a synchronous host.
pub fn perform<H: SyncHost + ?Sized>(host: &mut H, work: Work) -> Completion {
    let done = match work {
        Work::Send { request, purpose } => host.send(request, &purpose).map(Completion::Response),
        Work::Wait { duration, reason } => {
            host.sleep(duration, &reason);
            Ok(Completion::Waited)
        }
        Work::List { archive } => host.list(archive.as_deref()).map(Completion::Files),
        Work::Stat { names } => host.stat(&names).map(Completion::Sizes),
        Work::Read { name, offset, len } => host.read(&name, offset, len).map(Completion::Data),
        Work::Token { family, scope } => host.token(family, &scope).map(Completion::Token),
        Work::Write { offset, data } => host.write(offset, &data).map(|()| Completion::Written),
        Work::File { path } => host.file(&path).map(Completion::Data),
        Work::Command { argv } => host.command(&argv).map(Completion::Data),
    };
    done.unwrap_or_else(Completion::Failed)
}

/// Runs a machine to its end with a synchronous host, one task at a time, forwarding every progress
/// event to [`SyncHost::progress`].
///
/// # Errors
/// Whatever the machine ends with.
pub fn run_sync<M: Machine + ?Sized, H: SyncHost + ?Sized>(machine: &mut M, host: &mut H) -> Result<M::Output> {
    let mut queue = VecDeque::new();
    let tick = |host: &mut H| Tick { now: host.now(), jitter: host.jitter() };
    let t = tick(host);
    let mut step = machine.resume(Event::Start, t);
    loop {
        for p in machine.take_progress() {
            host.progress(p);
        }
        match step {
            Step::Done(result) => return result,
            Step::Run(tasks) => queue.extend(tasks),
            Step::Pending => {}
        }
        let Some(task) = queue.pop_front() else {
            return Err(Error::invalid_argument("the machine waits for a task it never handed out"));
        };
        let completion = perform(host, task.work);
        let t = tick(host);
        step = machine.resume(Event::Completed(task.id, completion), t);
    }
}
