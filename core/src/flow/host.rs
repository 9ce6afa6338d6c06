//! Driving a [`Flow`] synchronously: the [`SyncHost`] trait (the I/O a host brings — a clock, a sender,
//! a sleeper, files, an optional credential) and [`Flow::run_sync`], the loop that executes the flow's
//! tasks one at a time. Scripts, tests and bindings that drive synchronously (a C ABI, a blocking Python
//! transport) use it instead of writing the loop again; the bundled async client runs the same tasks
//! concurrently.
//!
//! [`LocalFiles`] (native only) answers the file tasks over one folder.

use std::collections::VecDeque;
use std::time::Duration;

use super::{Action, Event, Flow, Machine, Outcome, Progress, Reply, Step, Upload};
use crate::api::auth::AccessToken;
use crate::api::Family;
use crate::error::{Error, ErrorKind, Result};
use crate::http::{HttpRequest, HttpResponse};
use crate::task::{Completion, Purpose, Tick, WaitReason, Work};

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
        Work::Stat { names } => host.stat(&names).map(Completion::Sizes),
        Work::Read { name, offset, len } => host.read(&name, offset, len).map(Completion::Data),
        Work::Token { family, scope } => host.token(family, &scope).map(Completion::Token),
        Work::Write { offset, data } => host.write(offset, &data).map(|()| Completion::Written),
    };
    done.unwrap_or_else(Completion::Failed)
}

impl Flow {
    /// Runs the workflow to its end with a synchronous host, one task at a time, forwarding every
    /// progress event to [`SyncHost::progress`].
    ///
    /// # Errors
    /// Whatever the workflow ends with.
    pub fn run_sync<H: SyncHost + ?Sized>(&mut self, host: &mut H) -> Result<Outcome> {
        let mut queue = VecDeque::new();
        let tick = |host: &mut H| Tick { now: host.now(), jitter: host.jitter() };
        let t = tick(host);
        let mut step = self.resume(Event::Start, t);
        loop {
            for p in self.take_progress() {
                host.progress(p);
            }
            match step {
                Step::Done(result) => return result,
                Step::Run(tasks) => queue.extend(tasks),
                Step::Pending => {}
            }
            let Some(task) = queue.pop_front() else {
                return Err(Error::invalid_argument("the workflow waits for a task it never handed out"));
            };
            let completion = perform(host, task.work);
            let t = tick(host);
            step = self.resume(Event::Completed(task.id, completion), t);
        }
    }
}

/// A workflow that only performs one [`Upload`] (a submission's ZIP, or a listing asset) with the flow's
/// block-upload machine, retries and progress: for a host that uploads to a SAS URL it got elsewhere, over
/// its own transport. The outcome's `stage` is `uploaded`.
pub fn upload(cfg: super::FlowConfig, upload: Upload) -> Flow {
    Flow::new(cfg, Box::new(UploadMachine { upload: Some(upload) }))
}

#[derive(Debug)]
struct UploadMachine {
    upload: Option<Upload>,
}

impl Machine for UploadMachine {
    fn step(&mut self, reply: Reply, _cfg: &super::FlowConfig) -> Result<Action> {
        match (reply, self.upload.take()) {
            (Reply::Start, Some(u)) => Ok(Action::Upload(u)),
            (Reply::Uploaded, _) => {
                Ok(Action::Done(Outcome { flow: "upload".into(), stage: "uploaded".into(), ..Outcome::default() }))
            }
            (Reply::Failed(e) | Reply::Ambiguous(e), _) => Err(e),
            (other, _) => Err(Error::invalid_argument(format!("upload: unexpected {other:?}"))),
        }
    }

    fn stage(&self) -> String {
        if self.upload.is_some() { "start" } else { "upload" }.into()
    }
}

#[cfg(not(target_arch = "wasm32"))]
pub use local::LocalFiles;

#[cfg(not(target_arch = "wasm32"))]
mod local {
    use std::fs::File;
    use std::io::{Read, Seek, SeekFrom};
    use std::path::{Component, Path, PathBuf};

    use crate::error::{Error, ErrorKind, Result};

    /// The files of one local folder, as a host's answers to [`crate::task::Work::Stat`] and
    /// [`crate::task::Work::Read`]. Names are relative to the folder (`\` and `/` both separate folders);
    /// a name that leaves the folder — `..`, an absolute path, a symbolic link pointing outside — is
    /// refused (`invalid_argument`), so a submission document cannot make a host read other files.
    #[derive(Clone, Debug)]
    pub struct LocalFiles {
        root: PathBuf,
    }

    impl LocalFiles {
        /// The files under `root`.
        pub fn new(root: impl Into<PathBuf>) -> Self {
            LocalFiles { root: root.into() }
        }

        /// The folder.
        pub fn root(&self) -> &Path {
            &self.root
        }

        /// Where a name is, checked to stay inside the folder; `Ok(None)` when it does not exist.
        ///
        /// # Errors
        /// `invalid_argument` for a name that leaves the folder; `io` when the folder cannot be read.
        pub fn resolve(&self, name: &str) -> Result<Option<PathBuf>> {
            let refuse = || Error::invalid_argument(format!("file name `{name}` leaves the files folder"));
            let mut path = self.root.clone();
            for seg in name.split(['/', '\\']).filter(|s| !s.is_empty() && *s != ".") {
                let mut parts = Path::new(seg).components();
                match (parts.next(), parts.next()) {
                    (Some(Component::Normal(_)), None) => path.push(seg),
                    _ => return Err(refuse()),
                }
            }
            if name.starts_with(['/', '\\']) || Path::new(name).is_absolute() || path == self.root {
                return Err(refuse());
            }
            let real = match path.canonicalize() {
                Ok(p) => p,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
                Err(e) => return Err(io_error(name, &e)),
            };
            let root = self.root.canonicalize().map_err(|e| io_error("the files folder", &e))?;
            if !real.starts_with(&root) {
                return Err(refuse());
            }
            Ok(Some(real))
        }

        /// The size of each named file (`None` when missing or not a file).
        ///
        /// # Errors
        /// As [`LocalFiles::resolve`].
        pub fn stat(&self, names: &[String]) -> Result<Vec<Option<u64>>> {
            names
                .iter()
                .map(|n| {
                    Ok(match self.resolve(n)? {
                        Some(p) => std::fs::metadata(&p).ok().filter(|m| m.is_file()).map(|m| m.len()),
                        None => None,
                    })
                })
                .collect()
        }

        /// `len` bytes of a named file from `offset` (fewer only at its end).
        ///
        /// # Errors
        /// As [`LocalFiles::resolve`]; `io` when the file is missing or cannot be read.
        pub fn read(&self, name: &str, offset: u64, len: u64) -> Result<Vec<u8>> {
            let path = self
                .resolve(name)?
                .ok_or_else(|| Error::new(ErrorKind::Io, format!("file `{name}` does not exist")))?;
            let mut f = File::open(&path).map_err(|e| io_error(name, &e))?;
            f.seek(SeekFrom::Start(offset)).map_err(|e| io_error(name, &e))?;
            let mut out = Vec::with_capacity(usize::try_from(len).unwrap_or(0).min(64 << 20));
            f.take(len).read_to_end(&mut out).map_err(|e| io_error(name, &e))?;
            Ok(out)
        }
    }

    fn io_error(name: &str, e: &std::io::Error) -> Error {
        Error::new(ErrorKind::Io, format!("cannot read `{name}`: {e}"))
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        fn folder(tag: &str) -> PathBuf {
            let dir = std::env::temp_dir().join(format!("storesubmit-localfiles-{tag}-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(dir.join("sub")).unwrap();
            std::fs::write(dir.join("sub").join("a.bin"), b"0123456789").unwrap();
            dir
        }

        #[test]
        fn reads_and_stats_inside_the_folder() {
            let dir = folder("inside");
            let files = LocalFiles::new(&dir);
            let sizes = files.stat(&["sub\\a.bin".into(), "sub/missing".into(), "sub".into()]).unwrap();
            assert_eq!(sizes, vec![Some(10), None, None]);
            assert_eq!(files.read("sub/a.bin", 3, 4).unwrap(), b"3456");
            assert_eq!(files.read("./sub/a.bin", 8, 100).unwrap(), b"89");
            assert_eq!(files.read("sub/missing", 0, 1).unwrap_err().kind(), ErrorKind::Io);
            let _ = std::fs::remove_dir_all(&dir);
        }

        #[test]
        fn refuses_names_leaving_the_folder() {
            let dir = folder("escape");
            let outside = dir.with_extension("outside");
            std::fs::write(&outside, b"secret").unwrap();
            let files = LocalFiles::new(dir.join("sub"));
            let abs = outside.to_string_lossy().into_owned();
            for bad in ["../a.bin", "..\\sub\\a.bin", "x/../../a.bin", "/etc/passwd", "\\x", abs.as_str(), ""] {
                let e = files.stat(&[bad.to_string()]).unwrap_err();
                assert_eq!(e.kind(), ErrorKind::InvalidArgument, "{bad}");
                assert!(files.read(bad, 0, 1).is_err(), "{bad}");
            }
            #[cfg(unix)]
            {
                std::os::unix::fs::symlink(&outside, dir.join("sub").join("link")).unwrap();
                assert_eq!(files.read("link", 0, 6).unwrap_err().kind(), ErrorKind::InvalidArgument);
            }
            let _ = std::fs::remove_dir_all(&dir);
            let _ = std::fs::remove_file(&outside);
        }
    }
}
