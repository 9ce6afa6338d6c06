//! The process's I/O runtime for bindings: created on first use (never at import), and again in a forked
//! child (after `os.fork()`, multiprocessing's default start method on Linux), whose copy of the parent's
//! runtime has no threads. The parent's runtime is leaked in the child, never dropped: dropping it would
//! wait for threads that do not exist there. Nothing here ever calls back into a binding's language: the
//! runtime's threads touch only Rust state, so an interpreter may exit while they live.

use std::sync::Mutex;

use tokio::runtime::Runtime;

use crate::error::{Error, ErrorKind, Result};

static RUNTIME: Mutex<Option<(u32, &'static Runtime)>> = Mutex::new(None);

/// The process's runtime (two worker threads), created on first use and again in a forked child.
///
/// # Errors
/// `transport` when the runtime cannot start.
pub fn runtime() -> Result<&'static Runtime> {
    let pid = std::process::id();
    let mut g = RUNTIME.lock().unwrap_or_else(|p| p.into_inner());
    if let Some((p, rt)) = *g {
        if p == pid {
            return Ok(rt);
        }
    }
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("storesubmit")
        .enable_all()
        .build()
        .map_err(|e| Error::new(ErrorKind::Transport, format!("cannot start the I/O runtime: {e}")))?;
    let rt: &'static Runtime = Box::leak(Box::new(rt));
    *g = Some((pid, rt));
    Ok(rt)
}
