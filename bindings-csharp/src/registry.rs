//! What the caller holds, kept on this side: handed-out buffers (keyed by their address) and handles
//! (keyed by a number never reused). A pointer or handle the registry does not know is refused, so a
//! stale, double-freed or made-up argument is an error, never a dereference.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};

use storesubmit::api::auth::TokenCache;
use storesubmit::error::{Error, Result};
use storesubmit::host::Session;
use storesubmit::wire::Run;

/// A token cache shared by the runs of one client.
pub(crate) type Tokens = Arc<Mutex<TokenCache>>;

/// An object behind a handle.
#[derive(Clone)]
pub(crate) enum Object {
    /// A job on the executor, and the token cache its tokens go back to when it ends.
    Session(Arc<Session>, Option<Tokens>),
    /// A job the host steps itself.
    Run(Arc<Mutex<Run>>),
    /// A token cache.
    Tokens(Tokens),
}

#[derive(Default)]
struct Registry {
    next: u64,
    handles: HashMap<u64, Object>,
    buffers: HashMap<usize, Vec<u8>>,
}

fn registry() -> MutexGuard<'static, Registry> {
    static R: OnceLock<Mutex<Registry>> = OnceLock::new();
    // A panic never happens while the registry is held (only map operations), so a poisoned lock
    // still guards consistent maps.
    R.get_or_init(Mutex::default).lock().unwrap_or_else(|p| p.into_inner())
}

/// Keeps `bytes` alive until [`free_buffer`] and gives the caller its address and length.
pub(crate) fn hand_out(bytes: Vec<u8>) -> crate::SsBuf {
    if bytes.is_empty() {
        return crate::SsBuf::EMPTY;
    }
    let mut bytes = bytes;
    let buf = crate::SsBuf { ptr: bytes.as_mut_ptr(), len: bytes.len() };
    registry().buffers.insert(buf.ptr as usize, bytes);
    buf
}

/// Frees a buffer handed out earlier (null: nothing to free).
pub(crate) fn free_buffer(ptr: *mut u8, len: usize) -> Result<()> {
    if ptr.is_null() {
        return Ok(());
    }
    let mut r = registry();
    match r.buffers.get(&(ptr as usize)) {
        Some(b) if b.len() == len => {
            r.buffers.remove(&(ptr as usize));
            Ok(())
        }
        Some(b) => Err(Error::invalid_argument(format!(
            "buffer: length {len} does not match the buffer handed out ({} bytes)",
            b.len()
        ))),
        None => Err(Error::invalid_argument("buffer: not a buffer this library handed out (or already freed)")),
    }
}

/// Registers an object; its handle (never 0, never reused).
pub(crate) fn insert(object: Object) -> u64 {
    let mut r = registry();
    r.next += 1;
    let h = r.next;
    r.handles.insert(h, object);
    h
}

/// Frees a handle of any kind. The object itself goes when its last user lets it go (a session's run
/// stops then), outside the registry's lock.
pub(crate) fn remove(handle: u64) -> Result<()> {
    let object = registry().handles.remove(&handle).ok_or_else(|| unknown(handle))?;
    drop(object);
    Ok(())
}

fn unknown(handle: u64) -> Error {
    Error::invalid_argument(format!("handle {handle}: not a live handle (never created, or already freed)"))
}

/// The object behind a handle, if it is of the kind `want` (`pick` answers `None` for other kinds). The
/// registry is not held while the caller uses it, so a blocking call never blocks other handles.
pub(crate) fn get<T>(handle: u64, want: &str, pick: impl FnOnce(Object) -> Option<T>) -> Result<T> {
    let o = registry().handles.get(&handle).cloned().ok_or_else(|| unknown(handle))?;
    pick(o).ok_or_else(|| Error::invalid_argument(format!("handle {handle}: not a {want} handle")))
}

/// A session.
pub(crate) fn session(handle: u64) -> Result<(Arc<Session>, Option<Tokens>)> {
    get(handle, "session", |o| match o {
        Object::Session(s, t) => Some((s, t)),
        _ => None,
    })
}

/// A token cache.
pub(crate) fn tokens(handle: u64) -> Result<Tokens> {
    get(handle, "tokens", |o| match o {
        Object::Tokens(t) => Some(t),
        _ => None,
    })
}

/// Runs `f` on a run, refusing one left inconsistent by an earlier panic.
pub(crate) fn run<R>(handle: u64, f: impl FnOnce(&mut Run) -> Result<R>) -> Result<R> {
    let arc = get(handle, "run", |o| match o {
        Object::Run(r) => Some(r),
        _ => None,
    })?;
    let mut g = arc
        .lock()
        .map_err(|_| Error::invalid_argument(format!("handle {handle}: unusable after an internal error; free it")))?;
    f(&mut g)
}

/// A token cache's tokens (a copy; a poisoned lock still holds a consistent cache).
pub(crate) fn read(tokens: &Tokens) -> TokenCache {
    tokens.lock().unwrap_or_else(|p| p.into_inner()).clone()
}

/// Replaces a token cache's tokens.
pub(crate) fn write(tokens: &Tokens, value: TokenCache) {
    *tokens.lock().unwrap_or_else(|p| p.into_inner()) = value;
}
