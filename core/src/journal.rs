//! The durable journal of a publish: what a run killed at any moment (SIGKILL, an out-of-memory kill, a
//! preempted runner) leaves behind so that **the same command run again** continues the same submission
//! instead of refusing ("in progress") or publishing a second one.
//!
//! **What it holds.** One small JSON file per request (the request's fingerprint names it), rewritten
//! atomically — a temporary file beside it, `fsync`, `rename`, `fsync` of the folder — so a kill leaves
//! either the old entry or the new one, never a torn one:
//! - `started` before the run sends anything: a submission may exist after this point;
//! - `resumable` with the run's resume token each time the token changes (the host writes it before the
//!   tasks of the next step start, so no request that changes the service runs without it);
//! - `done` with the run's outcome when it succeeded: a kill between the success and the process's exit
//!   must not make the rerun publish the same files a second time. The request's fingerprint includes
//!   the files' identity (name, size, modification time: [`files_identity`]), so a rebuilt package is a
//!   new request and publishes.
//!
//! No secret is ever in it: resume tokens hold ids and progress only (never a token, a client secret or a
//! SAS URL).
//!
//! **What the rerun does** ([`Journal::prepare`]): an entry with a resume token turns the request into a
//! `resume` of that token (a committed submission is then followed, never committed twice); a `started`
//! entry runs the request again with `pending: reuse`, so a draft the killed run created is adopted
//! instead of refused; a `done` entry answers with the recorded outcome and sends nothing. A failure
//! that leaves nothing to continue removes the entry ([`Journal::finish`]).
//!
//! **Where.** [`Journal::default_dir`]: `$STORESUBMIT_JOURNAL_DIR`, else `$XDG_STATE_HOME/storesubmit/journal`,
//! else `~/.local/state/storesubmit/journal` (`%LOCALAPPDATA%\storesubmit\journal` on Windows), else the
//! temporary folder.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde_json::{json, Value};

use crate::error::{Error, ErrorKind, Result};
use crate::task::ResumeToken;

/// Whether runs of `workflow` are journaled: those that change the service (publishes, rollouts, uploads,
/// resumes); reads, plans and packaging are not (running them again is harmless).
pub fn journaled(workflow: &str) -> bool {
    !matches!(workflow, "plan" | "call" | "listAll" | "pack" | "waitForSubmission")
}

/// The journal entry of one request.
#[derive(Clone, Debug)]
pub struct Journal {
    path: PathBuf,
}

/// What [`Journal::prepare`] found from an earlier run of the same request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Recovered {
    /// Nothing: a first run (or the last one ended cleanly).
    Nothing,
    /// An earlier run started but left no resume token: the request runs again, adopting its draft.
    Started,
    /// An earlier run left this resume token: the request becomes its resume.
    Resumable(String),
    /// An earlier run of the same request (same files) succeeded with this outcome (JSON): nothing to send.
    Done(Value),
}

impl Journal {
    /// The folder journals go to when the caller names none (see the module documentation).
    pub fn default_dir() -> PathBuf {
        let env = |k: &str| std::env::var_os(k).filter(|v| !v.is_empty()).map(PathBuf::from);
        if let Some(d) = env("STORESUBMIT_JOURNAL_DIR") {
            return d;
        }
        if let Some(d) = env("XDG_STATE_HOME") {
            return d.join("storesubmit").join("journal");
        }
        if cfg!(windows) {
            if let Some(d) = env("LOCALAPPDATA") {
                return d.join("storesubmit").join("journal");
            }
        }
        if let Some(home) = env("HOME") {
            return home.join(".local").join("state").join("storesubmit").join("journal");
        }
        std::env::temp_dir().join("storesubmit-journal")
    }

    /// The journal of `request` (a workflow request as [`crate::wire::workflow_from_json`] takes it) in
    /// `dir`: the same request always names the same file.
    pub fn for_request(dir: &Path, request: &Value) -> Journal {
        let key = crate::api::blob::crc64(request.to_string().as_bytes());
        Journal { path: dir.join(format!("{key:016x}.json")) }
    }

    /// The journal of one run in `dir`: keyed by the request, the service it goes to (the same request to
    /// another emulator or account is another run) and the files' identity ([`files_identity`]: a rebuilt
    /// package is a new release).
    pub fn for_run(
        dir: &Path,
        request: &Value,
        endpoints: &crate::api::Endpoints,
        seller: Option<&str>,
        files: Option<&Path>,
    ) -> Journal {
        let key = json!({"request": request, "endpoints": [&endpoints.devcenter, &endpoints.win32,
            &endpoints.ingestion], "seller": seller, "files": files_identity(files)});
        Journal::for_request(dir, &key)
    }

    /// The journal at exactly this file (`--save-resume FILE`).
    pub fn at(path: impl Into<PathBuf>) -> Journal {
        Journal { path: path.into() }
    }

    /// Where the entry is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// What an earlier run of the request left. An entry that cannot be read is reported, not ignored:
    /// guessing could publish twice.
    ///
    /// # Errors
    /// `io` when the file exists but cannot be read or is not a journal entry.
    pub fn recovered(&self) -> Result<Recovered> {
        let text = match std::fs::read_to_string(&self.path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Recovered::Nothing),
            Err(e) => return Err(self.io("read", &e)),
        };
        let v: Value = serde_json::from_str(&text).map_err(|e| {
            Error::new(ErrorKind::Io, format!("{} is not a storesubmit journal entry: {e}", self.path.display()))
        })?;
        // A bare resume token (what `--save-resume` holds after a run that ended) is not a journal entry:
        // that run ended, and the file is the user's to resume explicitly.
        if v.get("journal").is_none() {
            return Ok(Recovered::Nothing);
        }
        if v["state"] == "done" {
            return Ok(Recovered::Done(v.get("outcome").cloned().unwrap_or(Value::Null)));
        }
        Ok(match v.get("resumeToken").and_then(Value::as_str) {
            Some(t) => Recovered::Resumable(t.to_string()),
            None => Recovered::Started,
        })
    }

    /// `request` as this rerun must send it, from what an earlier run left ([`Journal::recovered`]).
    ///
    /// # Errors
    /// As [`Journal::recovered`].
    pub fn prepare(&self, request: Value) -> Result<(Value, Recovered)> {
        let found = self.recovered()?;
        let next = match &found {
            Recovered::Nothing | Recovered::Done(_) => request,
            Recovered::Started => {
                let mut r = request;
                if let Some(o) = r.as_object_mut() {
                    o.insert("pending".into(), json!("reuse"));
                }
                r
            }
            Recovered::Resumable(token) => {
                let mut r = json!({"workflow": "resume", "token": token});
                if let Some(s) = request.get("stopAfter") {
                    r["stopAfter"] = s.clone();
                }
                r
            }
        };
        Ok((next, found))
    }

    /// Records that a run starts (before its first request).
    ///
    /// # Errors
    /// `io` when the entry cannot be written durably.
    pub fn started(&self) -> Result<()> {
        self.write(&json!({"journal": 1, "state": "started"}))
    }

    /// Records the run's latest resume token.
    ///
    /// # Errors
    /// `io` when the entry cannot be written durably.
    pub fn checkpoint(&self, token: &ResumeToken) -> Result<()> {
        self.write(&json!({"journal": 1, "state": "resumable", "resumeToken": token.to_json()}))
    }

    /// Records a success with its outcome (JSON), so a rerun of the same request answers it.
    ///
    /// # Errors
    /// `io` when the entry cannot be written durably.
    pub fn done(&self, outcome: &Value) -> Result<()> {
        self.write(&json!({"journal": 1, "state": "done", "outcome": outcome}))
    }

    /// Ends the entry of a run that failed: rewritten with the token of a failure that has one, removed
    /// after a failure without one (nothing to continue: the rerun starts afresh).
    ///
    /// # Errors
    /// `io` when the entry cannot be removed or written.
    pub fn finish(&self, token: Option<&ResumeToken>) -> Result<()> {
        match token {
            Some(t) => self.checkpoint(t),
            None => match std::fs::remove_file(&self.path) {
                Ok(()) => Ok(()),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
                Err(e) => Err(self.io("remove", &e)),
            },
        }
    }

    fn write(&self, v: &Value) -> Result<()> {
        write_atomic(&self.path, v.to_string().as_bytes()).map_err(|e| self.io("write", &e))
    }

    fn io(&self, what: &str, e: &std::io::Error) -> Error {
        Error::new(ErrorKind::Io, format!("cannot {what} the journal {}: {e}", self.path.display()))
    }
}

/// What identifies the files of a run beyond their names: each file's name, size and modification time
/// under `dir` (or of the one file `dir` names; at most [`crate::data::limits::PROJECT_WALK_MAX_ENTRIES`]
/// files), so the journal of a rebuilt package is another entry. `Null` without a folder.
pub fn files_identity(dir: Option<&Path>) -> Value {
    fn entry(name: String, meta: &std::fs::Metadata) -> Value {
        let mtime = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos() as u64);
        json!([name, meta.len(), mtime])
    }
    fn walk(base: &Path, dir: &Path, out: &mut Vec<Value>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for e in entries.flatten() {
            if out.len() >= crate::data::limits::PROJECT_WALK_MAX_ENTRIES {
                return;
            }
            let (Ok(meta), path) = (e.metadata(), e.path()) else { continue };
            if meta.is_dir() {
                walk(base, &path, out);
            } else {
                let name = path.strip_prefix(base).unwrap_or(&path).to_string_lossy().replace('\\', "/");
                out.push(entry(name, &meta));
            }
        }
    }
    let Some(dir) = dir else { return Value::Null };
    let mut out = Vec::new();
    match std::fs::metadata(dir) {
        Ok(meta) if meta.is_file() => out.push(entry(dir.to_string_lossy().into_owned(), &meta)),
        _ => walk(dir, dir, &mut out),
    }
    out.sort_by_key(|v| v[0].as_str().unwrap_or_default().to_string());
    Value::Array(out)
}

/// Replaces `path` with `bytes` so that a crash at any moment leaves the old content or the new one:
/// a temporary file in the same folder, written and synced, renamed over `path`, the folder synced.
///
/// # Errors
/// The file system's.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    // One temporary name per write, not per process: two threads writing the same file (a run's
    // checkpoint and the signal thread's) must not truncate or rename each other's temporary file.
    static WRITES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = WRITES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let tmp = dir.join(format!(".{name}.{}.{n}.tmp", std::process::id()));
    {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
    }
    if let Err(e) = std::fs::rename(&tmp, path) {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    // Windows: `rename` replaces the file in one step (MoveFileEx with REPLACE_EXISTING) and a folder
    // cannot be opened to sync, so the rename is the last step there.
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn threads_writing_one_file_leave_a_whole_one() {
        let d = dir("threads");
        let path = d.join("token.json");
        let writers: Vec<_> = (0..4u8)
            .map(|t| {
                let path = path.clone();
                std::thread::spawn(move || {
                    let body = vec![b'a' + t; 4096];
                    (0..100).try_for_each(|_| write_atomic(&path, &body))
                })
            })
            .collect();
        for w in writers {
            w.join().unwrap().expect("every write succeeds");
        }
        let got = std::fs::read(&path).unwrap();
        assert_eq!(got.len(), 4096);
        assert!(got.iter().all(|b| *b == got[0]), "one writer's whole content");
        let left: Vec<_> = std::fs::read_dir(&d).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(left.len(), 1, "no temporary file is left: {left:?}");
        let _ = std::fs::remove_dir_all(&d);
    }

    fn dir(tag: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("storesubmit-journal-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        d
    }

    #[test]
    fn the_same_request_names_the_same_entry_and_another_request_another() {
        let d = dir("names");
        let a = json!({"workflow": "submission", "target": {"type": "app", "appId": "1"}});
        let b = json!({"workflow": "submission", "target": {"type": "app", "appId": "2"}});
        assert_eq!(Journal::for_request(&d, &a).path(), Journal::for_request(&d, &a.clone()).path());
        assert_ne!(Journal::for_request(&d, &a).path(), Journal::for_request(&d, &b).path());
    }

    #[test]
    fn a_rerun_resumes_the_token_adopts_after_a_start_and_runs_afresh_after_a_clean_end() {
        let d = dir("rerun");
        let request =
            json!({"workflow": "submission", "target": {"type": "app", "appId": "1"}, "stopAfter": "committed"});
        let j = Journal::for_request(&d, &request);
        assert_eq!(j.prepare(request.clone()).unwrap(), (request.clone(), Recovered::Nothing));
        j.started().unwrap();
        let (r, found) = j.prepare(request.clone()).unwrap();
        assert_eq!(found, Recovered::Started);
        assert_eq!(r["pending"], "reuse");
        assert_eq!(r["target"], request["target"]);
        let token = ResumeToken::from_value(json!({"flow": "app-submission", "submission_id": "77"})).unwrap();
        j.checkpoint(&token).unwrap();
        let (r, found) = j.prepare(request.clone()).unwrap();
        assert_eq!(found, Recovered::Resumable(token.to_json()));
        assert_eq!(r, json!({"workflow": "resume", "token": token.to_json(), "stopAfter": "committed"}));
        j.finish(None).unwrap();
        assert!(!j.path().exists());
        assert_eq!(j.prepare(request.clone()).unwrap().1, Recovered::Nothing);
        j.done(&json!({"stage": "published", "submissionId": "77"})).unwrap();
        let (r, found) = j.prepare(request.clone()).unwrap();
        assert_eq!((r, found), (request.clone(), Recovered::Done(json!({"stage": "published", "submissionId": "77"}))));
        let _ = std::fs::remove_dir_all(&d);
    }

    #[test]
    fn a_rebuilt_file_changes_the_identity() {
        let d = dir("identity");
        std::fs::create_dir_all(d.join("Images")).unwrap();
        std::fs::write(d.join("app.msix"), b"one").unwrap();
        std::fs::write(d.join("Images").join("s.png"), b"x").unwrap();
        let before = files_identity(Some(&d));
        assert_eq!(before.as_array().unwrap().len(), 2, "{before}");
        assert_eq!(before, files_identity(Some(&d)));
        std::fs::write(d.join("app.msix"), b"one, rebuilt").unwrap();
        assert_ne!(before, files_identity(Some(&d)));
        assert_eq!(files_identity(None), Value::Null);
        let _ = std::fs::remove_dir_all(&d);
    }

    #[test]
    fn a_bare_token_is_no_entry_and_garbage_is_an_error() {
        let d = dir("bare");
        std::fs::create_dir_all(&d).unwrap();
        let token = ResumeToken::from_value(json!({"flow": "app-submission", "submission_id": "9"})).unwrap();
        std::fs::write(d.join("t.json"), token.to_json()).unwrap();
        assert_eq!(Journal::at(d.join("t.json")).recovered().unwrap(), Recovered::Nothing);
        std::fs::write(d.join("bad.json"), "{not json").unwrap();
        assert_eq!(Journal::at(d.join("bad.json")).recovered().unwrap_err().kind(), ErrorKind::Io);
        let _ = std::fs::remove_dir_all(&d);
    }

    #[test]
    fn an_atomic_write_leaves_no_temporary_file_and_replaces_the_old_content() {
        let d = dir("atomic");
        let p = d.join("sub").join("e.json");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(p.parent().unwrap()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names.len(), 1, "{names:?}");
        let _ = std::fs::remove_dir_all(&d);
    }
}
