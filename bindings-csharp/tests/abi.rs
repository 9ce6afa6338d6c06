//! Every export of the C ABI called with null, invalid and freed arguments: each answers an error number
//! (and, with an `err` buffer, the error JSON naming the argument), never a crash.

use std::ffi::{c_char, CString};
use std::ptr::{null, null_mut};

use serde_json::Value;
use storesubmit::error::ErrorKind;
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

const OPTIONS: &str = r#"{"tenantId": "t", "clientId": "c", "endpoints": {"token": "http://127.0.0.1:9/t",
    "devcenter": "http://127.0.0.1:9/d", "win32": "http://127.0.0.1:9/w", "ingestion": "http://127.0.0.1:9/i"}}"#;
const REQUEST: &str =
    r#"{"workflow": "submission", "target": {"type": "app", "app_id": "9APP"}, "stopAfter": "draft"}"#;

fn new_flow() -> u64 {
    let (o, r) = (c(OPTIONS), c(REQUEST));
    let mut h = 0u64;
    let secret = b"abi-test-secret";
    let rc =
        unsafe { storesubmit_flow_start(o.as_ptr(), secret.as_ptr(), secret.len(), r.as_ptr(), 0, &mut h, null_mut()) };
    assert_eq!(rc, 0);
    h
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
fn flow_start_refuses_bad_arguments() {
    let (o, r) = (c(OPTIONS), c(REQUEST));
    let mut h = 0u64;
    let mut err = SsBuf::EMPTY;
    refused(unsafe { storesubmit_flow_start(null(), null(), 0, r.as_ptr(), 0, &mut h, &mut err) }, err, "options");
    refused(unsafe { storesubmit_flow_start(o.as_ptr(), null(), 0, null(), 0, &mut h, &mut err) }, err, "request");
    refused(unsafe { storesubmit_flow_start(o.as_ptr(), null(), 5, r.as_ptr(), 0, &mut h, &mut err) }, err, "secret");
    refused(unsafe { storesubmit_flow_start(o.as_ptr(), null(), 0, r.as_ptr(), 0, null_mut(), &mut err) }, err, "out");
    refused(
        unsafe { storesubmit_flow_start(o.as_ptr(), null(), 0, r.as_ptr(), 999_999, &mut h, &mut err) },
        err,
        "handle",
    );
    let bad = c(r#"{"workflow": "deploy"}"#);
    refused(
        unsafe { storesubmit_flow_start(o.as_ptr(), null(), 0, bad.as_ptr(), 0, &mut h, &mut err) },
        err,
        "workflow",
    );
    let bad_secret = [0xffu8];
    refused(
        unsafe { storesubmit_flow_start(o.as_ptr(), bad_secret.as_ptr(), 1, r.as_ptr(), 0, &mut h, &mut err) },
        err,
        "secret",
    );
    // a pack handle is not a token cache
    let names = c(r#"{"names": ["a.bin"]}"#);
    let mut pack = 0u64;
    if unsafe { storesubmit_pack_start(names.as_ptr(), &mut pack, null_mut()) } == 0 {
        refused(
            unsafe { storesubmit_flow_start(o.as_ptr(), null(), 0, r.as_ptr(), pack, &mut h, &mut err) },
            err,
            "not a tokens",
        );
        assert_eq!(unsafe { storesubmit_free(pack, null_mut()) }, 0);
    }
}

#[test]
fn flow_functions_refuse_null_invalid_and_freed_handles() {
    let flow = new_flow();
    let tokens = new_tokens();
    let start = c(r#"{"kind": "start"}"#);
    let mut out = SsBuf::EMPTY;
    let mut err = SsBuf::EMPTY;
    // null and invalid arguments on a live flow
    refused(unsafe { storesubmit_flow_step(flow, null(), null(), 0, 1, 0.5, &mut out, &mut err) }, err, "event");
    refused(unsafe { storesubmit_flow_step(flow, start.as_ptr(), null(), 3, 1, 0.5, &mut out, &mut err) }, err, "data");
    refused(
        unsafe { storesubmit_flow_step(flow, start.as_ptr(), null(), 0, 1, 0.5, null_mut(), &mut err) },
        err,
        "out",
    );
    let bad = c(r#"{"id": 77, "kind": "nope"}"#);
    refused(
        unsafe { storesubmit_flow_step(flow, bad.as_ptr(), null(), 0, 1, 0.5, &mut out, &mut err) },
        err,
        "completion/kind",
    );
    refused(unsafe { storesubmit_flow_take_body(flow, 1, null_mut(), &mut err) }, err, "out");
    refused(unsafe { storesubmit_flow_resume_token(flow, null_mut(), &mut err) }, err, "out");
    refused(unsafe { storesubmit_flow_stage(flow, null_mut(), &mut err) }, err, "out");
    refused(unsafe { storesubmit_flow_save_tokens(flow, 0, &mut err) }, err, "handle 0");
    refused(unsafe { storesubmit_flow_save_tokens(flow, flow, &mut err) }, err, "not a tokens");
    refused(unsafe { storesubmit_flow_save_tokens(tokens, tokens, &mut err) }, err, "not a flow");
    // the flow still works after every refusal: NaN jitter is clamped, the first task is the token request
    assert_eq!(unsafe { storesubmit_flow_step(flow, start.as_ptr(), null(), 0, 1, f64::NAN, &mut out, &mut err) }, 0);
    let step = json(out);
    assert_eq!(step["kind"], "run", "{step}");
    let id = step["tasks"][0]["id"].as_u64().unwrap();
    assert_eq!(unsafe { storesubmit_flow_take_body(flow, id, &mut out, null_mut()) }, 0);
    let body = take(out);
    assert!(String::from_utf8_lossy(&body).contains("client_secret="), "the token request body");
    assert_eq!(unsafe { storesubmit_flow_take_body(flow, id, &mut out, null_mut()) }, 0);
    assert!(out.ptr.is_null() && out.len == 0, "a body is handed out once; empty is {{NULL, 0}}");
    assert_eq!(unsafe { storesubmit_flow_stage(flow, &mut out, null_mut()) }, 0);
    assert!(json(out).is_string());
    assert_eq!(unsafe { storesubmit_flow_resume_token(flow, &mut out, null_mut()) }, 0);
    assert!(json(out).is_null());
    assert_eq!(unsafe { storesubmit_flow_save_tokens(flow, tokens, null_mut()) }, 0);
    // freed: every function refuses the handle, a second free too
    assert_eq!(unsafe { storesubmit_free(flow, null_mut()) }, 0);
    refused(unsafe { storesubmit_free(flow, &mut err) }, err, "not a live handle");
    refused(
        unsafe { storesubmit_flow_step(flow, start.as_ptr(), null(), 0, 1, 0.5, &mut out, &mut err) },
        err,
        "not a live",
    );
    refused(unsafe { storesubmit_flow_take_body(flow, id, &mut out, &mut err) }, err, "not a live");
    refused(unsafe { storesubmit_flow_resume_token(flow, &mut out, &mut err) }, err, "not a live");
    refused(unsafe { storesubmit_flow_stage(flow, &mut out, &mut err) }, err, "not a live");
    refused(unsafe { storesubmit_flow_save_tokens(flow, tokens, &mut err) }, err, "not a live");
    // handles are never reused: a new flow gets a new number
    let again = new_flow();
    assert_ne!(again, flow);
    for h in [again, tokens] {
        assert_eq!(unsafe { storesubmit_free(h, null_mut()) }, 0);
    }
    refused(unsafe { storesubmit_free(0, &mut err) }, err, "handle 0");
    refused(unsafe { storesubmit_free(u64::MAX, &mut err) }, err, "not a live");
    assert_eq!(unsafe { storesubmit_tokens_new(null_mut(), null_mut()) }, INVALID);
}

#[test]
fn pack_functions_refuse_null_invalid_and_freed_handles() {
    let mut h = 0u64;
    let mut out = SsBuf::EMPTY;
    let mut err = SsBuf::EMPTY;
    refused(unsafe { storesubmit_pack_start(null(), &mut h, &mut err) }, err, "request");
    let bad = c("[");
    refused(unsafe { storesubmit_pack_start(bad.as_ptr(), &mut h, &mut err) }, err, "request");
    let req = c(r#"{"names": ["a.bin"]}"#);
    refused(unsafe { storesubmit_pack_start(req.as_ptr(), null_mut(), &mut err) }, err, "out");
    let rc = unsafe { storesubmit_pack_start(req.as_ptr(), &mut h, &mut err) };
    assert_eq!(rc, 0, "{}", if rc == 0 { Value::Null } else { json(err) });
    let start = c(r#"{"kind": "start"}"#);
    refused(unsafe { storesubmit_pack_step(h, null(), null(), 0, &mut out, &mut err) }, err, "event");
    refused(unsafe { storesubmit_pack_step(h, start.as_ptr(), null(), 9, &mut out, &mut err) }, err, "data");
    refused(unsafe { storesubmit_pack_step(h, start.as_ptr(), null(), 0, null_mut(), &mut err) }, err, "out");
    refused(unsafe { storesubmit_pack_take_body(h, 1, null_mut(), &mut err) }, err, "out");
    let flow = new_flow();
    refused(unsafe { storesubmit_pack_step(flow, start.as_ptr(), null(), 0, &mut out, &mut err) }, err, "not a pack");
    refused(
        unsafe { storesubmit_flow_step(h, start.as_ptr(), null(), 0, 1, 0.5, &mut out, &mut err) },
        err,
        "not a flow",
    );
    assert_eq!(unsafe { storesubmit_pack_step(h, start.as_ptr(), null(), 0, &mut out, null_mut()) }, 0);
    assert_eq!(json(out)["kind"], "run");
    for x in [h, flow] {
        assert_eq!(unsafe { storesubmit_free(x, null_mut()) }, 0);
    }
    refused(unsafe { storesubmit_pack_step(h, start.as_ptr(), null(), 0, &mut out, &mut err) }, err, "not a live");
    refused(unsafe { storesubmit_pack_take_body(h, 1, &mut out, &mut err) }, err, "not a live");
}

#[test]
fn files_functions_refuse_bad_arguments_and_names_leaving_the_folder() {
    let dir = std::env::temp_dir().join(format!("storesubmit-abi-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("a.bin"), b"hello").unwrap();
    let folder = c(dir.to_str().unwrap());
    let names = c(r#"["a.bin", "missing.bin"]"#);
    let mut out = SsBuf::EMPTY;
    let mut err = SsBuf::EMPTY;
    assert_eq!(unsafe { storesubmit_files_stat(folder.as_ptr(), names.as_ptr(), &mut out, null_mut()) }, 0);
    assert_eq!(json(out), serde_json::json!([5, null]));
    let name = c("a.bin");
    assert_eq!(unsafe { storesubmit_files_read(folder.as_ptr(), name.as_ptr(), 1, 3, &mut out, null_mut()) }, 0);
    assert_eq!(take(out), b"ell");
    refused(unsafe { storesubmit_files_stat(null(), names.as_ptr(), &mut out, &mut err) }, err, "folder");
    refused(unsafe { storesubmit_files_stat(folder.as_ptr(), null(), &mut out, &mut err) }, err, "names");
    let not_list = c(r#"{"a": 1}"#);
    refused(unsafe { storesubmit_files_stat(folder.as_ptr(), not_list.as_ptr(), &mut out, &mut err) }, err, "names");
    refused(unsafe { storesubmit_files_stat(folder.as_ptr(), names.as_ptr(), null_mut(), &mut err) }, err, "out");
    let escape = c(r#"["../etc/passwd"]"#);
    refused(unsafe { storesubmit_files_stat(folder.as_ptr(), escape.as_ptr(), &mut out, &mut err) }, err, "leaves");
    refused(unsafe { storesubmit_files_read(null(), name.as_ptr(), 0, 1, &mut out, &mut err) }, err, "folder");
    refused(unsafe { storesubmit_files_read(folder.as_ptr(), null(), 0, 1, &mut out, &mut err) }, err, "name");
    refused(unsafe { storesubmit_files_read(folder.as_ptr(), name.as_ptr(), 0, 1, null_mut(), &mut err) }, err, "out");
    let up = c("../a.bin");
    refused(unsafe { storesubmit_files_read(folder.as_ptr(), up.as_ptr(), 0, 1, &mut out, &mut err) }, err, "leaves");
    let missing = c("missing.bin");
    let rc = unsafe { storesubmit_files_read(folder.as_ptr(), missing.as_ptr(), 0, 1, &mut out, &mut err) };
    assert_eq!(rc, ErrorKind::Io.number(), "a missing file is an io error");
    take(err);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn preflight_refuses_bad_arguments_and_reports_missing_files() {
    let mut err = SsBuf::EMPTY;
    let kind = c("app-submission");
    let spec = c(r#"{"changes": {"applicationPackages": [{"fileName": "app.msixupload"}]}}"#);
    refused(unsafe { storesubmit_preflight(null(), spec.as_ptr(), null(), &mut err) }, err, "kind");
    refused(unsafe { storesubmit_preflight(kind.as_ptr(), null(), null(), &mut err) }, err, "spec");
    let nope = c("no-such-kind");
    assert_eq!(unsafe { storesubmit_preflight(nope.as_ptr(), spec.as_ptr(), null(), null_mut()) }, INVALID);
    let bad = c(r#"{"rolloutPercentage": 150}"#);
    refused(unsafe { storesubmit_preflight(kind.as_ptr(), bad.as_ptr(), null(), &mut err) }, err, "rolloutPercentage");
    let empty = std::env::temp_dir().join(format!("storesubmit-abi-empty-{}", std::process::id()));
    std::fs::create_dir_all(&empty).unwrap();
    let folder = c(empty.to_str().unwrap());
    let rc = unsafe { storesubmit_preflight(kind.as_ptr(), spec.as_ptr(), folder.as_ptr(), &mut err) };
    assert_eq!(rc, ErrorKind::MissingFiles.number());
    let e = json(err);
    assert_eq!(e["code"], "missing_files");
    assert!(!e["issues"].as_array().unwrap().is_empty(), "{e}");
    std::fs::remove_dir_all(&empty).unwrap();
    let win32 = c("win32");
    let bad = c(r#"{"metadataPatch": "yes"}"#);
    refused(unsafe { storesubmit_preflight(win32.as_ptr(), bad.as_ptr(), null(), &mut err) }, err, "metadataPatch");
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
