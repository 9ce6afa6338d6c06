//! SIGINT/SIGTERM during a workflow: the submission already reached the service, so the resume token is
//! written (to `--save-resume`, or shown) with the command that continues it, and the process exits with
//! [`crate::exit::INTERRUPTED`]. Without a token (nothing sent yet) it just exits.
//!
//! Both signals are blocked in every thread from the start of `main` and taken by one thread with
//! `sigwait`, so the handling is ordinary code (locks, files), not an async-signal handler. On Windows
//! there is no such handler: Ctrl-C ends the process as a kill would, and the journal (written at each
//! new resume token, and to `--save-resume`) is what the same command, or `resume`, continues from.

use std::path::PathBuf;
use std::sync::Mutex;

use storesubmit::flow::ResumeToken;
use storesubmit::journal::Journal;

/// The latest resume token a workflow reported, and where `--save-resume` wants it.
static STATE: Mutex<(Option<ResumeToken>, Option<PathBuf>)> = Mutex::new((None, None));

/// The journal of the run going on, written at each new resume token.
static JOURNAL: Mutex<Option<Journal>> = Mutex::new(None);

/// Records the token a workflow reported (each new resume token, before the requests that follow it
/// start) and writes it to the run's journal, so a kill at any later moment leaves it behind.
///
/// The state stays locked while the files are written, so the signal thread, which takes the same
/// lock, never exits the process in the middle of this write.
pub fn remember(token: &ResumeToken) {
    let Ok(mut st) = STATE.lock() else { return };
    st.0 = Some(token.clone());
    let save = st.1.clone().map(Journal::at);
    for j in JOURNAL.lock().ok().and_then(|j| j.clone()).into_iter().chain(save) {
        if let Err(e) = j.checkpoint(token) {
            eprintln!("warning: {e}");
        }
    }
}

/// The journal the run going on writes (none between runs).
pub fn journal(j: Option<Journal>) {
    if let Ok(mut cur) = JOURNAL.lock() {
        *cur = j;
    }
}

/// Where an interruption writes the token (`--save-resume`).
pub fn save_to(path: Option<PathBuf>) {
    if let Ok(mut st) = STATE.lock() {
        st.1 = path;
    }
}

/// What an interruption does: the token written or shown, how to continue; the exit status.
fn on_signal(name: &str) -> ! {
    // Held until the exit: a checkpoint being written finishes first, and none starts after.
    let guard = STATE.lock();
    let st = guard.as_ref().map(|s| (*s).clone()).unwrap_or((None, None));
    let mut err = String::new();
    match st {
        (Some(token), Some(path)) => match storesubmit::journal::Journal::at(&path).checkpoint(&token) {
            Ok(()) => err.push_str(&format!(
                "interrupted by {name}: resume token written to {p}; continue with: storesubmit resume {p}",
                p = path.display()
            )),
            Err(e) => err.push_str(&format!(
                "interrupted by {name}: cannot write {}: {e}; continue with: storesubmit resume '{}'",
                path.display(),
                token.to_json()
            )),
        },
        (Some(token), None) => err.push_str(&format!(
            "interrupted by {name}; continue this submission with: storesubmit resume '{}'",
            token.to_json()
        )),
        (None, _) => err.push_str(&format!("interrupted by {name} before anything reached the service")),
    }
    eprintln!("{err}");
    std::process::exit(crate::exit::INTERRUPTED)
}

/// Blocks SIGINT and SIGTERM in this (the main) thread, hence in every thread started later, and
/// starts the thread that takes them. Call first in `main`; later calls do nothing (a host may run the
/// command more than once in its process).
pub fn install() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(install_once);
}

fn install_once() {
    #[cfg(unix)]
    // SAFETY: plain libc calls on a local signal set, made before any other thread exists.
    #[allow(unsafe_code)]
    unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        libc::sigaddset(&mut set, libc::SIGINT);
        libc::sigaddset(&mut set, libc::SIGTERM);
        if libc::pthread_sigmask(libc::SIG_BLOCK, &set, std::ptr::null_mut()) != 0 {
            return;
        }
        let _ = std::thread::Builder::new().name("signals".into()).spawn(move || {
            let mut sig: libc::c_int = 0;
            if libc::sigwait(&set, &mut sig) == 0 {
                on_signal(if sig == libc::SIGINT { "SIGINT" } else { "SIGTERM" });
            }
        });
    }
}
