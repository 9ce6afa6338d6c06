//! What the caller holds, kept on this side: handed-out buffers (keyed by their address) and handles
//! (keyed by a number never reused). A pointer or handle the registry does not know is refused, so a
//! stale, double-freed or made-up argument is an error, never a dereference.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};

use storesubmit::api::auth::TokenCache;
use storesubmit::error::{Error, Result};
use storesubmit::wire::{PackJob, WireFlow};

/// An object behind a handle.
pub(crate) enum Object {
    /// A workflow run.
    Flow(Arc<Mutex<WireFlow>>),
    /// A packaging job.
    Pack(Arc<Mutex<PackJob>>),
    /// A token cache shared by the runs of one client.
    Tokens(Arc<Mutex<TokenCache>>),
}

impl Object {
    fn kind(&self) -> &'static str {
        match self {
            Object::Flow(_) => "flow",
            Object::Pack(_) => "pack",
            Object::Tokens(_) => "tokens",
        }
    }
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

/// Frees a handle of any kind.
pub(crate) fn remove(handle: u64) -> Result<()> {
    registry().handles.remove(&handle).map(drop).ok_or_else(|| unknown(handle))
}

fn unknown(handle: u64) -> Error {
    Error::invalid_argument(format!("handle {handle}: not a live handle (never created, or already freed)"))
}

fn lookup<T>(handle: u64, want: &str, pick: impl FnOnce(&Object) -> Option<Arc<Mutex<T>>>) -> Result<Arc<Mutex<T>>> {
    let r = registry();
    let o = r.handles.get(&handle).ok_or_else(|| unknown(handle))?;
    pick(o)
        .ok_or_else(|| Error::invalid_argument(format!("handle {handle}: a {} handle, not a {want} handle", o.kind())))
}

/// Runs `f` on the object behind a handle, refusing one left inconsistent by an earlier panic.
fn with<T, R>(handle: u64, arc: Arc<Mutex<T>>, f: impl FnOnce(&mut T) -> Result<R>) -> Result<R> {
    let mut g = arc
        .lock()
        .map_err(|_| Error::invalid_argument(format!("handle {handle}: unusable after an internal error; free it")))?;
    f(&mut g)
}

/// Runs `f` on a flow.
pub(crate) fn flow<R>(handle: u64, f: impl FnOnce(&mut WireFlow) -> Result<R>) -> Result<R> {
    let arc = lookup(handle, "flow", |o| match o {
        Object::Flow(a) => Some(a.clone()),
        _ => None,
    })?;
    with(handle, arc, f)
}

/// Runs `f` on a packaging job.
pub(crate) fn pack<R>(handle: u64, f: impl FnOnce(&mut PackJob) -> Result<R>) -> Result<R> {
    let arc = lookup(handle, "pack", |o| match o {
        Object::Pack(a) => Some(a.clone()),
        _ => None,
    })?;
    with(handle, arc, f)
}

/// Runs `f` on a token cache.
pub(crate) fn tokens<R>(handle: u64, f: impl FnOnce(&mut TokenCache) -> Result<R>) -> Result<R> {
    let arc = lookup(handle, "tokens", |o| match o {
        Object::Tokens(a) => Some(a.clone()),
        _ => None,
    })?;
    with(handle, arc, f)
}
