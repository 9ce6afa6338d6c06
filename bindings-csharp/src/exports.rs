//! The exported functions (see the crate documentation for the conventions they share). Each is one
//! `guard` around reading the arguments and calling the core.
#![allow(clippy::missing_safety_doc)] // the safety contract is the crate's conventions, stated once

use std::ffi::c_char;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::json;
use storesubmit::api::auth::TokenCache;
use storesubmit::error::{Error, Result};
use storesubmit::host::{Session, SessionHost};
use storesubmit::secret::Secret;
use storesubmit::wire::{self, Run};

use crate::abi::{bytes, guard, json, json_bytes, need, put, put_handle, text, SsBuf};
use crate::registry::{self, Object};

/// The ABI version ([`crate::ABI_VERSION`]); a host checks it before any other call.
#[no_mangle]
pub extern "C" fn storesubmit_abi_version() -> u32 {
    crate::ABI_VERSION
}

/// `{"abi": 2, "version": "<crate version>"}` into `out`.
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
        put(out, json_bytes(&wire::call(name, &args)?))
    })
}

/// A new, empty token cache (one per client, shared by its runs) into `out`.
#[no_mangle]
pub unsafe extern "C" fn storesubmit_tokens_new(out: *mut u64, err: *mut SsBuf) -> u32 {
    guard("storesubmit_tokens_new", err, || {
        put_handle(out, || Ok(registry::insert(Object::Tokens(Arc::new(Mutex::new(TokenCache::new()))))))
    })
}

/// The client secret's UTF-8 bytes (null/0: none, the host answers `token` tasks).
fn secret(ptr: *const u8, len: usize) -> Result<Option<Secret>> {
    if ptr.is_null() && len == 0 {
        return Ok(None);
    }
    let s = String::from_utf8(bytes("secret", ptr, len)?)
        .map_err(|_| Error::invalid_argument("secret: is not valid UTF-8"))?;
    Ok(Some(Secret::new(s)))
}

/// What the host brings (every field optional; unknown ones refused, naming them): the folder the job's
/// file names are relative to, the file a ZIP job writes when the host does not keep the writes, the kinds
/// of task the host performs itself, and the bundled HTTP client's `User-Agent` and connect timeout.
/// Starts a job on the core's executor (`storesubmit::host::Session`): `options` the client options JSON,
/// `secret` the client secret's UTF-8 bytes (null/0: the host keeps the `token` tasks), `request` the
/// workflow JSON (`{"workflow": "pack", …}` for a ZIP), `tokens` a token cache handle or 0 (its tokens are
/// used, and the run's go back into it when [`storesubmit_session_next`] hands out the end), `host` what the
/// host brings (`{files, output, keep: {send, token, write}, userAgent, connectTimeout}`). The session's
/// handle into `out`.
#[no_mangle]
pub unsafe extern "C" fn storesubmit_session_start(
    options: *const c_char,
    secret_ptr: *const u8,
    secret_len: usize,
    request: *const c_char,
    tokens: u64,
    host: *const c_char,
    out: *mut u64,
    err: *mut SsBuf,
) -> u32 {
    guard("storesubmit_session_start", err, || {
        let options = json("options", options)?;
        let request = json("request", request)?;
        let host = SessionHost::from_json(&json("host", host)?)?;
        let secret = secret(secret_ptr, secret_len)?;
        let cache = if tokens == 0 { None } else { Some(registry::tokens(tokens)?) };
        put_handle(out, || {
            let tokens = cache.as_ref().map(registry::read);
            let session = Session::start_run(&options, secret, &request, tokens, host)?;
            Ok(registry::insert(Object::Session(Arc::new(session), cache)))
        })
    })
}

/// What the session has for the host, waiting up to `timeout_ms` (blocking this thread only): `{"progress":
/// [event…], "tasks": [task…], "done": null | {"outcome": …} | {"error": …}}` into `out` (the JSON of
/// `storesubmit::wire`; empty lists and `done` null on timeout).
#[no_mangle]
pub unsafe extern "C" fn storesubmit_session_next(
    session: u64,
    timeout_ms: u32,
    out: *mut SsBuf,
    err: *mut SsBuf,
) -> u32 {
    guard("storesubmit_session_next", err, || {
        need(out)?;
        let (s, cache) = registry::session(session)?;
        let m = s.next(Duration::from_millis(u64::from(timeout_ms)));
        if let (false, Some(cache), Some(t)) = (m["done"].is_null(), cache, s.tokens()) {
            registry::write(&cache, t);
        }
        put(out, json_bytes(&m))
    })
}

/// The bytes of a `send` or `write` task the session handed out (taken once; empty for none) into `out`.
#[no_mangle]
pub unsafe extern "C" fn storesubmit_session_take_body(session: u64, id: u64, out: *mut SsBuf, err: *mut SsBuf) -> u32 {
    guard("storesubmit_session_take_body", err, || {
        need(out)?;
        put(out, registry::session(session)?.0.take_body(id))
    })
}

/// Answers a task the host performed: a completion JSON (`{"id", "kind": "response" | "failed" | "token" |
/// "written", …}`) and its bytes (a response body). A completion for a run that has ended is ignored.
#[no_mangle]
pub unsafe extern "C" fn storesubmit_session_complete(
    session: u64,
    completion: *const c_char,
    data: *const u8,
    data_len: usize,
    err: *mut SsBuf,
) -> u32 {
    guard("storesubmit_session_complete", err, || {
        let completion = json("completion", completion)?;
        let data = bytes("data", data, data_len)?;
        registry::session(session)?.0.complete(&completion, data)
    })
}

/// Asks the session's run to stop: it ends with `cancelled`, carrying its resume token when it can continue.
#[no_mangle]
pub unsafe extern "C" fn storesubmit_session_cancel(session: u64, err: *mut SsBuf) -> u32 {
    guard("storesubmit_session_cancel", err, || {
        registry::session(session)?.0.cancel();
        Ok(())
    })
}

/// Starts a job the host steps itself (`storesubmit::wire::Run`, every task the host's, its clock the
/// host's: a host without threads, or a test replaying a transcript): arguments as
/// [`storesubmit_session_start`] without `host`. The run's handle into `out`.
#[no_mangle]
pub unsafe extern "C" fn storesubmit_run_start(
    options: *const c_char,
    secret_ptr: *const u8,
    secret_len: usize,
    request: *const c_char,
    out: *mut u64,
    err: *mut SsBuf,
) -> u32 {
    guard("storesubmit_run_start", err, || {
        let options = json("options", options)?;
        let request = json("request", request)?;
        let secret = secret(secret_ptr, secret_len)?;
        put_handle(out, || {
            let run = Run::start(&options, secret, &request, None)?;
            Ok(registry::insert(Object::Run(Arc::new(Mutex::new(run)))))
        })
    })
}

/// Advances a run with one event JSON (`{"kind": "start"}`, `{"kind": "cancel"}`, a completion) and its
/// bytes, at unix time `now` with `jitter` in [0, 1); the step JSON into `out`.
#[no_mangle]
pub unsafe extern "C" fn storesubmit_run_step(
    run: u64,
    event: *const c_char,
    data: *const u8,
    data_len: usize,
    now: u64,
    jitter: f64,
    out: *mut SsBuf,
    err: *mut SsBuf,
) -> u32 {
    guard("storesubmit_run_step", err, || {
        let event = json("event", event)?;
        let data = bytes("data", data, data_len)?;
        need(out)?;
        let step = registry::run(run, |r| r.step(&event, data, now, jitter))?;
        put(out, json_bytes(&step))
    })
}

/// The bytes of a run's `send` or `write` task (taken once; empty for none) into `out`.
#[no_mangle]
pub unsafe extern "C" fn storesubmit_run_take_body(run: u64, id: u64, out: *mut SsBuf, err: *mut SsBuf) -> u32 {
    guard("storesubmit_run_take_body", err, || {
        need(out)?;
        put(out, registry::run(run, |r| Ok(r.take_body(id)))?)
    })
}

/// Frees a handle of any kind (session, run, tokens); a second free is refused. A session freed before its
/// end stops its run.
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
