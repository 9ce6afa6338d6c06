//! `storesubmit_native`: the C ABI of storesubmit, for the .NET library in `cs/StoreSubmit` (any other
//! C-callable host can use it too). Everything crosses as UTF-8 JSON or bytes; the logic stays in the core
//! (`storesubmit::wire`): this crate only checks pointers, moves buffers and maps errors.
//!
//! Conventions (ABI version [`ABI_VERSION`]):
//! - Every export returns a `uint32_t`: `0` on success, else the stable error number of the manifest
//!   (`surface/manifest.json` `errors[].number`; `1` = `invalid_argument` for a null, malformed or
//!   stale argument). On failure the `err` out-parameter (may be null) receives the error as JSON
//!   (`{code, number, message, status, retryable, retryAfter, correlationId, serverErrors, issues}`).
//! - Strings in are NUL-terminated UTF-8 (`const char*`); bytes in are a pointer and a length (the pointer
//!   may be null when the length is 0).
//! - Results come back in an [`SsBuf`] (`{uint8_t *ptr; size_t len;}`) the caller frees with
//!   [`storesubmit_buf_free`]; an empty result is `{NULL, 0}`.
//! - Workflow runs, packaging jobs and token caches are opaque `uint64_t` handles, freed with
//!   [`storesubmit_free`]. A freed, unknown or wrong-kind handle is refused with `invalid_argument`,
//!   never dereferenced (handles are registry keys, never reused).
//! - No panic crosses the boundary: each export runs under `catch_unwind`; a panic is reported as the
//!   `unsupported` error (number 25) naming the export.
//!
//! The exports (declared for C in `include/storesubmit.h`): [`storesubmit_abi_version`],
//! [`storesubmit_version`], [`storesubmit_call`] (`storesubmit::wire::call`), the workflow runs
//! (`storesubmit_flow_start` / `_step` / `_take_body` / `_save_tokens` / `_resume_token` / `_stage`, over
//! `storesubmit::wire::WireFlow`) with their token caches ([`storesubmit_tokens_new`]), packaging jobs
//! (`storesubmit_pack_start` / `_step` / `_take_body`, over `storesubmit::wire::PackJob`), a host's answers
//! to `stat` and `read` tasks from a folder ([`storesubmit_files_stat`], [`storesubmit_files_read`], the
//! core's `LocalFiles`), the checks before a workflow's first request ([`storesubmit_preflight`]), and the
//! frees ([`storesubmit_free`], [`storesubmit_buf_free`]).
#![deny(missing_docs)]

mod abi;
mod exports;
mod registry;

pub use abi::SsBuf;
pub use exports::*;

/// The version of this C ABI (the functions and their conventions); bumped on any incompatible change.
pub const ABI_VERSION: u32 = 1;
