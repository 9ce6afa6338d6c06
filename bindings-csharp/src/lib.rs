//! `storesubmit_native`: the C ABI of storesubmit, for the .NET library in `cs/StoreSubmit` (any other
//! C-callable host can use it too). Everything crosses as UTF-8 JSON or bytes; the logic stays in the core
//! (`storesubmit::host::Session`, `storesubmit::wire`): this crate only checks pointers, moves buffers and
//! maps errors.
//!
//! Conventions (ABI version [`ABI_VERSION`]):
//! - Every export returns a `uint32_t`: `0` on success, else the stable error number of the manifest
//!   (`surface/manifest.json` `errors[].number`; `1` = `invalid_argument` for a null, malformed or
//!   stale argument). On failure the `err` out-parameter (may be null) receives the error as JSON
//!   (`{code, number, message, status, retryable, retryAfter, correlationId, serverErrors, issues, request,
//!   resumeToken}`).
//! - Strings in are NUL-terminated UTF-8 (`const char*`); bytes in are a pointer and a length (the pointer
//!   may be null when the length is 0).
//! - Results come back in an [`SsBuf`] (`{uint8_t *ptr; size_t len;}`) the caller frees with
//!   [`storesubmit_buf_free`]; an empty result is `{NULL, 0}`.
//! - Sessions, runs and token caches are opaque `uint64_t` handles, freed with [`storesubmit_free`]. A
//!   freed, unknown or wrong-kind handle is refused with `invalid_argument`, never dereferenced (handles are
//!   registry keys, never reused). Freeing a session stops its run.
//! - No panic crosses the boundary: each export runs under `catch_unwind`; a panic is reported as the
//!   `unsupported` error (number 25) naming the export.
//! - Only [`storesubmit_session_next`] blocks (up to its timeout); every export may be called from any
//!   thread, and no thread of this library ever calls into the host.
//!
//! The exports (declared for C in `include/storesubmit.h`): [`storesubmit_abi_version`],
//! [`storesubmit_version`], [`storesubmit_call`] (`storesubmit::wire::call`), the sessions
//! (`storesubmit_session_start` / `_next` / `_take_body` / `_complete` / `_cancel`, over
//! `storesubmit::host::Session`: the core's executor runs the workflow or the ZIP job and hands the host
//! only the tasks it keeps), their token caches ([`storesubmit_tokens_new`]), the runs a host steps with its
//! own clock (`storesubmit_run_start` / `_step` / `_take_body`, over `storesubmit::wire::Run`: a host that
//! performs every task, or a test replaying a transcript), and the frees ([`storesubmit_free`],
//! [`storesubmit_buf_free`]).
#![deny(missing_docs)]

mod abi;
mod exports;
mod registry;

pub use abi::SsBuf;
pub use exports::*;

/// The version of this C ABI (the functions and their conventions); bumped on any incompatible change.
pub const ABI_VERSION: u32 = 2;
