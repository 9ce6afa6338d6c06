//! The boundary's plumbing: result buffers, the panic guard, and reading the caller's arguments.

use std::ffi::{c_char, CStr};
use std::panic::{catch_unwind, AssertUnwindSafe};

use serde_json::Value;
use storesubmit::error::{Error, ErrorKind, Result};
use storesubmit::wire::error_json;

use crate::registry;

/// A buffer handed to the caller (`{uint8_t *ptr; size_t len;}`): free it with
/// [`crate::storesubmit_buf_free`]. `{NULL, 0}` is the empty buffer.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct SsBuf {
    /// The first byte, or null for an empty buffer.
    pub ptr: *mut u8,
    /// The number of bytes.
    pub len: usize,
}

impl SsBuf {
    /// The empty buffer.
    pub const EMPTY: SsBuf = SsBuf { ptr: std::ptr::null_mut(), len: 0 };
}

/// Runs an export's body: `0` when it succeeds, else the error's number with the error JSON written
/// to `err` (when not null). A panic becomes an `unsupported` error naming the export.
pub(crate) fn guard(export: &str, err: *mut SsBuf, body: impl FnOnce() -> Result<()>) -> u32 {
    let outcome = catch_unwind(AssertUnwindSafe(body)).unwrap_or_else(|_| {
        Err(Error::new(
            ErrorKind::Unsupported,
            format!("{export}: an internal error (panic) in the native library; the handle may be unusable"),
        ))
    });
    match outcome {
        Ok(()) => 0,
        Err(e) => {
            if !err.is_null() {
                let text = error_json(&e).to_string().into_bytes();
                // SAFETY: `err` is non-null and the caller promises it points to a writable SsBuf.
                unsafe { err.write(registry::hand_out(text)) };
            }
            e.kind().number()
        }
    }
}

/// Refuses a null result out-parameter before any work is done (so a refused call changes nothing).
pub(crate) fn need(out: *mut SsBuf) -> Result<()> {
    if out.is_null() {
        return Err(Error::invalid_argument("out: must point to a buffer (SsBuf) to receive the result"));
    }
    Ok(())
}

/// Writes a result buffer into the caller's out-parameter.
pub(crate) fn put(out: *mut SsBuf, bytes: Vec<u8>) -> Result<()> {
    need(out)?;
    // SAFETY: checked non-null; the caller promises a writable SsBuf.
    unsafe { out.write(registry::hand_out(bytes)) };
    Ok(())
}

/// Writes a handle into the caller's out-parameter.
pub(crate) fn put_handle(out: *mut u64, make: impl FnOnce() -> Result<u64>) -> Result<()> {
    if out.is_null() {
        return Err(Error::invalid_argument("out: must point to a uint64_t to receive the handle"));
    }
    let h = make()?;
    // SAFETY: checked non-null; the caller promises a writable uint64_t.
    unsafe { out.write(h) };
    Ok(())
}

/// A NUL-terminated UTF-8 argument.
pub(crate) fn text<'a>(name: &str, p: *const c_char) -> Result<&'a str> {
    if p.is_null() {
        return Err(Error::invalid_argument(format!("{name}: must be a NUL-terminated UTF-8 string, got NULL")));
    }
    // SAFETY: non-null; the caller promises a NUL-terminated string that outlives the call.
    unsafe { CStr::from_ptr(p) }.to_str().map_err(|_| Error::invalid_argument(format!("{name}: is not valid UTF-8")))
}

/// A NUL-terminated UTF-8 JSON argument.
pub(crate) fn json(name: &str, p: *const c_char) -> Result<Value> {
    let s = text(name, p)?;
    serde_json::from_str(s).map_err(|e| Error::invalid_argument(format!("{name}: is not JSON ({e})")))
}

/// A byte argument (`ptr` may be null when `len` is 0).
pub(crate) fn bytes(name: &str, ptr: *const u8, len: usize) -> Result<Vec<u8>> {
    if len == 0 {
        return Ok(Vec::new());
    }
    if ptr.is_null() {
        return Err(Error::invalid_argument(format!("{name}: NULL with a length of {len}")));
    }
    if len > isize::MAX as usize {
        return Err(Error::invalid_argument(format!("{name}: length {len} is too large")));
    }
    // SAFETY: non-null, and the caller promises `len` readable bytes for the duration of the call.
    Ok(unsafe { std::slice::from_raw_parts(ptr, len) }.to_vec())
}

/// A value as its JSON text.
pub(crate) fn json_bytes(v: &Value) -> Vec<u8> {
    v.to_string().into_bytes()
}
