//! The exported functions (see the crate documentation for the conventions they share). Each is one
//! `guard` around reading the arguments and calling `storesubmit::wire`.
#![allow(clippy::missing_safety_doc)] // the safety contract is the crate's conventions, stated once

use std::ffi::c_char;
use std::sync::{Arc, Mutex};

use serde_json::{json, Value};
use storesubmit::api::auth::TokenCache;
use storesubmit::flow::host::LocalFiles;
use storesubmit::flow::win32::Win32Spec;
use storesubmit::flow::SubmissionSpec;
use storesubmit::json::decode;
use storesubmit::model::DocumentKind;
use storesubmit::preflight;
use storesubmit::secret::Secret;
use storesubmit::wire::{self, PackJob, WireFlow};

use crate::abi::{bytes, guard, json, json_bytes, need, put, put_handle, text, SsBuf};
use crate::registry::{self, Object};

/// The ABI version ([`crate::ABI_VERSION`]); a host checks it before any other call.
#[no_mangle]
pub extern "C" fn storesubmit_abi_version() -> u32 {
    crate::ABI_VERSION
}

/// `{"abi": 1, "version": "<crate version>"}` into `out`.
#[no_mangle]
pub unsafe extern "C" fn storesubmit_version(out: *mut SsBuf, err: *mut SsBuf) -> u32 {
    guard("storesubmit_version", err, || {
        put(out, json_bytes(&json!({"abi": crate::ABI_VERSION, "version": env!("CARGO_PKG_VERSION")})))
    })
}

/// One of the core's JSON calls (`storesubmit::wire::call`: `validate`, `buildRequest`, `parseResponse`,
/// `manifest`, …) with `args` (a JSON object); the result JSON into `out`.
#[no_mangle]
pub unsafe extern "C" fn storesubmit_call(
    name: *const c_char,
    args: *const c_char,
    out: *mut SsBuf,
    err: *mut SsBuf,
) -> u32 {
    guard("storesubmit_call", err, || {
        let name = text("name", name)?;
        let args = json("args", args)?;
        need(out)?;
        let result = wire::call(name, &args)?;
        put(out, json_bytes(&result))
    })
}

/// A new, empty token cache (one per client, shared by its runs) into `out`.
#[no_mangle]
pub unsafe extern "C" fn storesubmit_tokens_new(out: *mut u64, err: *mut SsBuf) -> u32 {
    guard("storesubmit_tokens_new", err, || {
        put_handle(out, || Ok(registry::insert(Object::Tokens(Arc::new(Mutex::new(TokenCache::new()))))))
    })
}

/// Starts a workflow run (`WireFlow::start`): `options` the client options JSON, `secret` the client
/// secret's UTF-8 bytes (null/0: the host answers `token` tasks), `request` the workflow JSON, `tokens` a
/// token cache handle or 0. The run's handle into `out`.
#[no_mangle]
pub unsafe extern "C" fn storesubmit_flow_start(
    options: *const c_char,
    secret: *const u8,
    secret_len: usize,
    request: *const c_char,
    tokens: u64,
    out: *mut u64,
    err: *mut SsBuf,
) -> u32 {
    guard("storesubmit_flow_start", err, || {
        let options = json("options", options)?;
        let request = json("request", request)?;
        let secret = match bytes("secret", secret, secret_len)? {
            s if s.is_empty() && secret.is_null() => None,
            s => Some(Secret::new(
                String::from_utf8(s).map_err(|_| storesubmit::Error::invalid_argument("secret: is not valid UTF-8"))?,
            )),
        };
        let cache = if tokens == 0 { None } else { Some(registry::tokens(tokens, |t| Ok(t.clone()))?) };
        put_handle(out, || {
            let flow = WireFlow::start(&options, secret, &request, cache)?;
            Ok(registry::insert(Object::Flow(Arc::new(Mutex::new(flow)))))
        })
    })
}

/// Advances a run with one event JSON (`{"kind": "start"}`, `{"kind": "cancel"}`, a completion) and its
/// bytes (a response body, a file's data), at unix time `now` with `jitter` in [0, 1); the step JSON into
/// `out`.
#[no_mangle]
pub unsafe extern "C" fn storesubmit_flow_step(
    flow: u64,
    event: *const c_char,
    data: *const u8,
    data_len: usize,
    now: u64,
    jitter: f64,
    out: *mut SsBuf,
    err: *mut SsBuf,
) -> u32 {
    guard("storesubmit_flow_step", err, || {
        let event = json("event", event)?;
        let data = bytes("data", data, data_len)?;
        need(out)?;
        let step = registry::flow(flow, |f| f.step(&event, data, now, jitter))?;
        put(out, json_bytes(&step))
    })
}

/// The request body of a `send` task (taken once; empty for none) into `out`.
#[no_mangle]
pub unsafe extern "C" fn storesubmit_flow_take_body(flow: u64, id: u64, out: *mut SsBuf, err: *mut SsBuf) -> u32 {
    guard("storesubmit_flow_take_body", err, || {
        need(out)?;
        put(out, registry::flow(flow, |f| Ok(f.take_body(id)))?)
    })
}

/// Copies the run's tokens into a token cache handle (after a run, for the client's next one).
#[no_mangle]
pub unsafe extern "C" fn storesubmit_flow_save_tokens(flow: u64, tokens: u64, err: *mut SsBuf) -> u32 {
    guard("storesubmit_flow_save_tokens", err, || {
        let held = registry::flow(flow, |f| Ok(f.tokens()))?;
        registry::tokens(tokens, |t| {
            *t = held;
            Ok(())
        })
    })
}

/// The run's resume token as JSON (its string form, or `null`) into `out`.
#[no_mangle]
pub unsafe extern "C" fn storesubmit_flow_resume_token(flow: u64, out: *mut SsBuf, err: *mut SsBuf) -> u32 {
    guard("storesubmit_flow_resume_token", err, || {
        need(out)?;
        let token = registry::flow(flow, |f| Ok(f.resume_token()))?;
        put(out, json_bytes(&token.map(Value::String).unwrap_or(Value::Null)))
    })
}

/// The run's current stage as a JSON string into `out`.
#[no_mangle]
pub unsafe extern "C" fn storesubmit_flow_stage(flow: u64, out: *mut SsBuf, err: *mut SsBuf) -> u32 {
    guard("storesubmit_flow_stage", err, || {
        need(out)?;
        put(out, json_bytes(&Value::String(registry::flow(flow, |f| Ok(f.stage()))?)))
    })
}

/// Starts a packaging job (`PackJob::start`: `{"kind", "document"}` or `{"names": [...]}`); its handle
/// into `out`.
#[no_mangle]
pub unsafe extern "C" fn storesubmit_pack_start(request: *const c_char, out: *mut u64, err: *mut SsBuf) -> u32 {
    guard("storesubmit_pack_start", err, || {
        let request = json("request", request)?;
        put_handle(out, || Ok(registry::insert(Object::Pack(Arc::new(Mutex::new(PackJob::start(&request)?))))))
    })
}

/// Advances a packaging job with one event JSON and its bytes; the step JSON into `out`.
#[no_mangle]
pub unsafe extern "C" fn storesubmit_pack_step(
    pack: u64,
    event: *const c_char,
    data: *const u8,
    data_len: usize,
    out: *mut SsBuf,
    err: *mut SsBuf,
) -> u32 {
    guard("storesubmit_pack_step", err, || {
        let event = json("event", event)?;
        let data = bytes("data", data, data_len)?;
        need(out)?;
        let step = registry::pack(pack, |p| p.step(&event, data))?;
        put(out, json_bytes(&step))
    })
}

/// The bytes of a packaging job's `write` task (taken once) into `out`.
#[no_mangle]
pub unsafe extern "C" fn storesubmit_pack_take_body(pack: u64, id: u64, out: *mut SsBuf, err: *mut SsBuf) -> u32 {
    guard("storesubmit_pack_take_body", err, || {
        need(out)?;
        put(out, registry::pack(pack, |p| Ok(p.take_body(id)))?)
    })
}

/// The sizes of the named files under `folder` (the core's `LocalFiles`: `/` and `\\` separate folders, a
/// name leaving the folder is refused) as a JSON array (`null` for a missing file) into `out`: a host's
/// answer to a `stat` task.
#[no_mangle]
pub unsafe extern "C" fn storesubmit_files_stat(
    folder: *const c_char,
    names: *const c_char,
    out: *mut SsBuf,
    err: *mut SsBuf,
) -> u32 {
    guard("storesubmit_files_stat", err, || {
        let files = LocalFiles::new(text("folder", folder)?);
        let names: Vec<String> = decode("names", &json("names", names)?)?;
        put(out, json_bytes(&json!(files.stat(&names)?)))
    })
}

/// `len` bytes of a named file under `folder` from `offset` (fewer only at its end) into `out`: a host's
/// answer to a `read` task.
#[no_mangle]
pub unsafe extern "C" fn storesubmit_files_read(
    folder: *const c_char,
    name: *const c_char,
    offset: u64,
    len: u64,
    out: *mut SsBuf,
    err: *mut SsBuf,
) -> u32 {
    guard("storesubmit_files_read", err, || {
        let files = LocalFiles::new(text("folder", folder)?);
        let name = text("name", name)?;
        need(out)?;
        put(out, files.read(name, offset, len)?)
    })
}

/// The checks a workflow's host makes before its first request (`storesubmit::preflight`): `kind` is
/// `app-submission`, `addon-submission`, `flight-submission` (then `spec` is the submission spec) or `win32`
/// (a win32 spec); `folder` the files folder or null. Succeeds (0) when the workflow can start; else the
/// `validation` or `missing_files` error with its issues.
#[no_mangle]
pub unsafe extern "C" fn storesubmit_preflight(
    kind: *const c_char,
    spec: *const c_char,
    folder: *const c_char,
    err: *mut SsBuf,
) -> u32 {
    guard("storesubmit_preflight", err, || {
        let kind = text("kind", kind)?;
        let spec = json("spec", spec)?;
        let folder = if folder.is_null() { None } else { Some(std::path::PathBuf::from(text("folder", folder)?)) };
        if kind == "win32" {
            let spec: Win32Spec = decode("spec", &spec)?;
            return preflight::preflight_win32(&spec, folder.as_deref());
        }
        let kind: DocumentKind = kind.parse()?;
        let spec: SubmissionSpec = decode("spec", &spec)?;
        preflight::preflight_submission(kind, &spec, folder.as_deref())
    })
}

/// Frees a handle of any kind (flow, pack, tokens); a second free is refused.
#[no_mangle]
pub unsafe extern "C" fn storesubmit_free(handle: u64, err: *mut SsBuf) -> u32 {
    guard("storesubmit_free", err, || registry::remove(handle))
}

/// Frees a buffer this library handed out (`ptr` null: nothing to free, returns 0); an unknown,
/// already freed or mis-sized buffer is refused.
#[no_mangle]
pub unsafe extern "C" fn storesubmit_buf_free(ptr: *mut u8, len: usize) -> u32 {
    guard("storesubmit_buf_free", std::ptr::null_mut(), || registry::free_buffer(ptr, len))
}
