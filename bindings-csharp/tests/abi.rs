//! Every export of the C ABI called with null, invalid and freed arguments: each answers an error number
//! (and, with an `err` buffer, the error JSON naming the argument), never a crash.

use std::ffi::{c_char, CString};
use std::ptr::{null, null_mut};

use serde_json::Value;
use storesubmit_native::*;

const INVALID: u32 = 1;

fn c(s: &str) -> CString {
    CString::new(s).unwrap()
}

/// Takes a result buffer: its bytes, then frees it (the free must succeed exactly once).
fn take(buf: SsBuf) -> Vec<u8> {
    if buf.ptr.is_null() {
        return Vec::new();
    }
    // SAFETY: a buffer the library handed out, not yet freed.
    let bytes = unsafe { std::slice::from_raw_parts(buf.ptr, buf.len) }.to_vec();
    assert_eq!(unsafe { storesubmit_buf_free(buf.ptr, buf.len) }, 0);
    bytes
}

fn json(buf: SsBuf) -> Value {
    serde_json::from_slice(&take(buf)).expect("JSON")
}

/// The error JSON's number equals the returned number, and its message names `what`.
fn refused(rc: u32, err: SsBuf, what: &str) {
    assert_ne!(rc, 0, "{what}: expected an error");
    let e = json(err);
    assert_eq!(e["number"].as_u64(), Some(u64::from(rc)), "{e}");
    assert!(e["message"].as_str().unwrap_or("").contains(what), "{what}: {e}");
}

fn new_tokens() -> u64 {
    let mut h = 0u64;
    assert_eq!(unsafe { storesubmit_tokens_new(&mut h, null_mut()) }, 0);
    h
}

const OPTIONS: &str = r#"{"tenantId": "t", "clientId": "c", "retry": {"maxAttempts": 1}, "endpoints": {"token": "http://127.0.0.1:9/t",
    "devcenter": "http://127.0.0.1:9/d", "win32": "http://127.0.0.1:9/w", "ingestion": "http://127.0.0.1:9/i"}}"#;
const CALL: &str = r#"{"workflow": "call", "op": "devcenter.get_app", "args": {"applicationId": "9APP"}}"#;
const SEND: &str = r#"{"keep": {"send": true}}"#;

fn start(request: &str, secret: Option<&[u8]>, tokens: u64, host: &str) -> u64 {
    let (o, r, h) = (c(OPTIONS), c(request), c(host));
    let (ptr, len) = secret.map_or((null(), 0), |s| (s.as_ptr(), s.len()));
    let mut out = 0u64;
    let mut err = SsBuf::EMPTY;
    let rc =
        unsafe { storesubmit_session_start(o.as_ptr(), ptr, len, r.as_ptr(), tokens, h.as_ptr(), &mut out, &mut err) };
    assert_eq!(rc, 0, "{}", if rc == 0 { Value::Null } else { json(err) });
    out
}

/// The next message of a session that has one (within 10 s).
fn next(session: u64) -> Value {
    let mut out = SsBuf::EMPTY;
    // progress that came alone (the executor reports as it goes) is kept for the message returned
    let mut progress = Vec::new();
    for _ in 0..100 {
        assert_eq!(unsafe { storesubmit_session_next(session, 100, &mut out, null_mut()) }, 0);
        let mut m = json(out);
        progress.extend(m["progress"].as_array().cloned().unwrap_or_default());
        if !m["tasks"].as_array().unwrap().is_empty() || !m["done"].is_null() {
            m["progress"] = Value::Array(progress);
            return m;
        }
    }
    panic!("the session said nothing for 10 s");
}

fn complete(session: u64, completion: &str, data: &[u8]) -> u32 {
    let text = c(completion);
    unsafe { storesubmit_session_complete(session, text.as_ptr(), data.as_ptr(), data.len(), null_mut()) }
}

#[test]
fn version_and_abi() {
    assert_eq!(storesubmit_abi_version(), ABI_VERSION);
    let mut out = SsBuf::EMPTY;
    assert_eq!(unsafe { storesubmit_version(&mut out, null_mut()) }, 0);
    assert_eq!(json(out)["abi"], ABI_VERSION);
    let mut err = SsBuf::EMPTY;
    refused(unsafe { storesubmit_version(null_mut(), &mut err) }, err, "out");
}

#[test]
fn call_refuses_null_and_malformed_arguments() {
    let name = c("manifest");
    let args = c("{}");
    let mut out = SsBuf::EMPTY;
    let mut err = SsBuf::EMPTY;
    refused(unsafe { storesubmit_call(null(), args.as_ptr(), &mut out, &mut err) }, err, "name");
    refused(unsafe { storesubmit_call(name.as_ptr(), null(), &mut out, &mut err) }, err, "args");
    let bad = c("{not json");
    refused(unsafe { storesubmit_call(name.as_ptr(), bad.as_ptr(), &mut out, &mut err) }, err, "args: is not JSON");
    let utf8 = [0xffu8, 0xfe, 0];
    refused(
        unsafe { storesubmit_call(utf8.as_ptr() as *const c_char, args.as_ptr(), &mut out, &mut err) },
        err,
        "UTF-8",
    );
    refused(unsafe { storesubmit_call(name.as_ptr(), args.as_ptr(), null_mut(), &mut err) }, err, "out");
    let unknown = c("noSuchCall");
    let rc = unsafe { storesubmit_call(unknown.as_ptr(), args.as_ptr(), &mut out, &mut err) };
    assert_ne!(rc, 0);
    take(err);
    // without an err buffer the number still comes back
    assert_eq!(unsafe { storesubmit_call(null(), null(), null_mut(), null_mut()) }, INVALID);
}

#[test]
fn session_start_refuses_bad_arguments_naming_them() {
    let (o, r, h) = (c(OPTIONS), c(CALL), c(SEND));
    let mut out = 0u64;
    let mut err = SsBuf::EMPTY;
    let go = |o: *const c_char,
              s: *const u8,
              n: usize,
              r: *const c_char,
              t: u64,
              h: *const c_char,
              out: *mut u64,
              err: &mut SsBuf| unsafe { storesubmit_session_start(o, s, n, r, t, h, out, err) };
    refused(go(null(), null(), 0, r.as_ptr(), 0, h.as_ptr(), &mut out, &mut err), err, "options");
    refused(go(o.as_ptr(), null(), 0, null(), 0, h.as_ptr(), &mut out, &mut err), err, "request");
    refused(go(o.as_ptr(), null(), 0, r.as_ptr(), 0, null(), &mut out, &mut err), err, "host");
    refused(go(o.as_ptr(), null(), 5, r.as_ptr(), 0, h.as_ptr(), &mut out, &mut err), err, "secret");
    refused(go(o.as_ptr(), [0xffu8].as_ptr(), 1, r.as_ptr(), 0, h.as_ptr(), &mut out, &mut err), err, "secret");
    refused(go(o.as_ptr(), null(), 0, r.as_ptr(), 0, h.as_ptr(), null_mut(), &mut err), err, "out");
    refused(go(o.as_ptr(), null(), 0, r.as_ptr(), 999_999, h.as_ptr(), &mut out, &mut err), err, "handle");
    let bad = c(r#"{"workflow": "deploy"}"#);
    refused(go(o.as_ptr(), null(), 0, bad.as_ptr(), 0, h.as_ptr(), &mut out, &mut err), err, "workflow/workflow");
    for (host, what) in [
        (r#"{"colour": 1}"#, "host/colour"),
        (r#"{"keep": {"read": true}}"#, "host/keep: unknown field `read`"),
        (r#"{"keep": {"send": 1}}"#, "host/keep"),
        (r#"{"connectTimeout": -1}"#, "host/connectTimeout"),
        (r#"{"files": 7}"#, "host/files"),
        ("[]", "host"),
    ] {
        let h = c(host);
        refused(go(o.as_ptr(), null(), 0, r.as_ptr(), 0, h.as_ptr(), &mut out, &mut err), err, what);
    }
    // a session handle is not a token cache
    let s = start(CALL, None, 0, SEND);
    refused(go(o.as_ptr(), null(), 0, r.as_ptr(), s, h.as_ptr(), &mut out, &mut err), err, "not a tokens");
    assert_eq!(unsafe { storesubmit_free(s, null_mut()) }, 0);
}

#[test]
fn a_session_hands_over_only_the_kept_tasks_and_its_tokens_go_back_to_the_cache() {
    let tokens = new_tokens();
    // no secret, the host keeps the tokens and the sends: a token task first, then the request with it
    let s = start(CALL, None, tokens, r#"{"keep": {"send": true, "token": true}, "userAgent": "abi-test"}"#);
    let m = next(s);
    assert_eq!(m["progress"][0]["kind"], "stage", "{m}");
    let task = &m["tasks"][0];
    assert_eq!(task["kind"], "token", "{m}");
    assert_eq!(complete(s, r#"{"id": 1, "kind": "nope"}"#, b""), INVALID, "a malformed completion is refused");
    let id = task["id"].as_u64().unwrap();
    let answer = format!(r#"{{"id": {id}, "kind": "token", "token": "abi-token", "expiresOn": 4000000000}}"#);
    assert_eq!(complete(s, &answer, b""), 0);
    let m = next(s);
    let send = &m["tasks"][0];
    assert_eq!(send["kind"], "send", "{m}");
    assert!(send["headers"].to_string().contains("Bearer abi-token"), "{send}");
    let id = send["id"].as_u64().unwrap();
    let mut out = SsBuf::EMPTY;
    assert_eq!(unsafe { storesubmit_session_take_body(s, id, &mut out, null_mut()) }, 0);
    assert!(out.ptr.is_null(), "a GET has no body");
    let answer = format!(
        r#"{{"id": {id}, "kind": "response", "status": 200, "headers": [["Content-Type", "application/json"]]}}"#
    );
    assert_eq!(complete(s, &answer, br#"{"id": "9APP"}"#), 0);
    let m = next(s);
    assert_eq!(m["done"]["outcome"]["document"]["id"], "9APP", "{m}");
    assert_eq!(complete(s, &answer, b""), 0, "a completion after the end is ignored");
    assert_eq!(unsafe { storesubmit_free(s, null_mut()) }, 0);
    // the next session of the same cache needs no token task
    let s = start(CALL, None, tokens, SEND);
    let m = next(s);
    assert_eq!(m["tasks"][0]["kind"], "send", "{m}");
    // cancelled: the run ends with `cancelled`
    assert_eq!(unsafe { storesubmit_session_cancel(s, null_mut()) }, 0);
    let m = next(s);
    assert_eq!(m["done"]["error"]["code"], "cancelled", "{m}");
    for h in [s, tokens] {
        assert_eq!(unsafe { storesubmit_free(h, null_mut()) }, 0);
    }
}

#[test]
fn a_session_packs_from_its_files_to_the_hosts_output() {
    let dir = std::env::temp_dir().join(format!("storesubmit-abi-pack-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("a.bin"), vec![7u8; 5000]).unwrap();
    let host = serde_json::json!({"files": dir, "keep": {"write": true}}).to_string();
    let s = start(r#"{"workflow": "pack", "names": ["a.bin"]}"#, None, 0, &host);
    let mut zip = Vec::new();
    let report = loop {
        let m = next(s);
        for t in m["tasks"].as_array().unwrap() {
            assert_eq!(t["kind"], "write", "only the kept kind: {t}");
            let id = t["id"].as_u64().unwrap();
            let mut out = SsBuf::EMPTY;
            assert_eq!(unsafe { storesubmit_session_take_body(s, id, &mut out, null_mut()) }, 0);
            let data = take(out);
            let at = t["offset"].as_u64().unwrap() as usize;
            zip.resize(zip.len().max(at + data.len()), 0);
            zip[at..at + data.len()].copy_from_slice(&data);
            assert_eq!(complete(s, &format!(r#"{{"id": {id}, "kind": "written"}}"#), b""), 0);
        }
        if !m["done"].is_null() {
            break m["done"]["outcome"].clone();
        }
    };
    assert_eq!(report["size"].as_u64(), Some(zip.len() as u64), "{report}");
    assert_eq!(report["entries"], serde_json::json!(["a.bin"]));
    assert_eq!(&zip[..2], b"PK");
    assert_eq!(unsafe { storesubmit_free(s, null_mut()) }, 0);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn session_functions_refuse_null_invalid_and_freed_handles() {
    let s = start(CALL, Some(b"abi-test-secret"), 0, SEND);
    let tokens = new_tokens();
    let mut out = SsBuf::EMPTY;
    let mut err = SsBuf::EMPTY;
    refused(unsafe { storesubmit_session_next(s, 0, null_mut(), &mut err) }, err, "out");
    refused(unsafe { storesubmit_session_next(tokens, 0, &mut out, &mut err) }, err, "not a session");
    refused(unsafe { storesubmit_session_take_body(s, 1, null_mut(), &mut err) }, err, "out");
    refused(unsafe { storesubmit_session_complete(s, null(), null(), 0, &mut err) }, err, "completion");
    let ok = c(r#"{"id": 1, "kind": "waited"}"#);
    refused(unsafe { storesubmit_session_complete(s, ok.as_ptr(), null(), 4, &mut err) }, err, "data");
    refused(unsafe { storesubmit_session_cancel(tokens, &mut err) }, err, "not a session");
    // still working after every refusal: the token request (the secret's) is a kept send, its body the form
    let m = next(s);
    let id = m["tasks"][0]["id"].as_u64().unwrap();
    assert_eq!(unsafe { storesubmit_session_take_body(s, id, &mut out, null_mut()) }, 0);
    assert!(String::from_utf8_lossy(&take(out)).contains("client_secret="), "the token request body");
    assert_eq!(unsafe { storesubmit_session_take_body(s, id, &mut out, null_mut()) }, 0);
    assert!(out.ptr.is_null() && out.len == 0, "a body is handed out once; empty is {{NULL, 0}}");
    // freed: every function refuses the handle, a second free too
    assert_eq!(unsafe { storesubmit_free(s, null_mut()) }, 0);
    refused(unsafe { storesubmit_free(s, &mut err) }, err, "not a live handle");
    refused(unsafe { storesubmit_session_next(s, 0, &mut out, &mut err) }, err, "not a live");
    refused(unsafe { storesubmit_session_take_body(s, id, &mut out, &mut err) }, err, "not a live");
    refused(unsafe { storesubmit_session_complete(s, ok.as_ptr(), null(), 0, &mut err) }, err, "not a live");
    refused(unsafe { storesubmit_session_cancel(s, &mut err) }, err, "not a live");
    // handles are never reused
    let again = start(CALL, None, 0, SEND);
    assert_ne!(again, s);
    for h in [again, tokens] {
        assert_eq!(unsafe { storesubmit_free(h, null_mut()) }, 0);
    }
    refused(unsafe { storesubmit_free(0, &mut err) }, err, "handle 0");
    refused(unsafe { storesubmit_free(u64::MAX, &mut err) }, err, "not a live");
    assert_eq!(unsafe { storesubmit_tokens_new(null_mut(), null_mut()) }, INVALID);
}

#[test]
fn run_functions_step_with_the_hosts_clock_and_refuse_bad_handles() {
    let (o, r) = (c(OPTIONS), c(CALL));
    let mut run = 0u64;
    let mut out = SsBuf::EMPTY;
    let mut err = SsBuf::EMPTY;
    refused(unsafe { storesubmit_run_start(null(), null(), 0, r.as_ptr(), &mut run, &mut err) }, err, "options");
    refused(unsafe { storesubmit_run_start(o.as_ptr(), null(), 0, r.as_ptr(), null_mut(), &mut err) }, err, "out");
    assert_eq!(unsafe { storesubmit_run_start(o.as_ptr(), null(), 0, r.as_ptr(), &mut run, null_mut()) }, 0);
    let begin = c(r#"{"kind": "start"}"#);
    refused(unsafe { storesubmit_run_step(run, null(), null(), 0, 1, 0.5, &mut out, &mut err) }, err, "event");
    refused(unsafe { storesubmit_run_step(run, begin.as_ptr(), null(), 3, 1, 0.5, &mut out, &mut err) }, err, "data");
    refused(unsafe { storesubmit_run_step(run, begin.as_ptr(), null(), 0, 1, 0.5, null_mut(), &mut err) }, err, "out");
    let bad = c(r#"{"id": 77, "kind": "nope"}"#);
    refused(
        unsafe { storesubmit_run_step(run, bad.as_ptr(), null(), 0, 1, 0.5, &mut out, &mut err) },
        err,
        "completion/kind",
    );
    refused(unsafe { storesubmit_run_take_body(run, 1, null_mut(), &mut err) }, err, "out");
    let s = start(CALL, None, 0, SEND);
    refused(
        unsafe { storesubmit_run_step(s, begin.as_ptr(), null(), 0, 1, 0.5, &mut out, &mut err) },
        err,
        "not a run",
    );
    refused(unsafe { storesubmit_session_next(run, 0, &mut out, &mut err) }, err, "not a session");
    // NaN jitter is clamped; without a secret the first task is the token the host answers
    assert_eq!(unsafe { storesubmit_run_step(run, begin.as_ptr(), null(), 0, 1, f64::NAN, &mut out, null_mut()) }, 0);
    let step = json(out);
    assert_eq!(step["kind"], "run", "{step}");
    assert_eq!(step["tasks"][0]["kind"], "token", "{step}");
    for h in [run, s] {
        assert_eq!(unsafe { storesubmit_free(h, null_mut()) }, 0);
    }
    refused(
        unsafe { storesubmit_run_step(run, begin.as_ptr(), null(), 0, 1, 0.5, &mut out, &mut err) },
        err,
        "not a live",
    );
    refused(unsafe { storesubmit_run_take_body(run, 1, &mut out, &mut err) }, err, "not a live");
}

#[test]
fn buffers_are_freed_once_and_unknown_pointers_refused() {
    let mut out = SsBuf::EMPTY;
    assert_eq!(unsafe { storesubmit_version(&mut out, null_mut()) }, 0);
    assert!(!out.ptr.is_null());
    assert_eq!(unsafe { storesubmit_buf_free(out.ptr, out.len + 1) }, INVALID, "a wrong length is refused");
    assert_eq!(unsafe { storesubmit_buf_free(out.ptr, out.len) }, 0);
    assert_eq!(unsafe { storesubmit_buf_free(out.ptr, out.len) }, INVALID, "a second free is refused");
    let mut local = [0u8; 4];
    assert_eq!(unsafe { storesubmit_buf_free(local.as_mut_ptr(), 4) }, INVALID, "memory not handed out is refused");
    assert_eq!(unsafe { storesubmit_buf_free(null_mut(), 0) }, 0, "NULL frees nothing (like free(NULL))");
    assert_eq!(unsafe { storesubmit_buf_free(null_mut(), 12) }, 0);
}
