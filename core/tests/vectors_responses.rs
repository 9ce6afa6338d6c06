//! Runs the shared response vectors in `tests/vectors/responses/*.json` (every binding runs the same
//! files; the format is in `tests/vectors/responses/README.md`): each case is a service answer (status,
//! headers, body) read by the parser of its operation's family, and the typed error it must give (code,
//! status, retryable, retry-after, correlation id, server error items) or `ok`. Also checks that every
//! error kind a response can produce has a vector.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::Value;
use storesubmit::api::{self, Family};
use storesubmit::{Error, ErrorKind, HttpResponse};

fn vector_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/responses")
}

/// `(file, case)` of every vector file.
fn load_cases() -> Vec<(String, Value)> {
    let dir = vector_dir();
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("read {}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    let mut out = Vec::new();
    for path in paths {
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        let v: Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap_or_else(|e| panic!("{file}: {e}"));
        for c in v["cases"].as_array().unwrap_or_else(|| panic!("{file}: no cases array")) {
            out.push((file.clone(), c.clone()));
        }
    }
    out
}

/// The response of a case: `status`, `headers` (object or `[[name, value]]`), and a body given as
/// `json` (serialised compactly), `text`, or neither (empty).
pub fn response_of(r: &Value) -> HttpResponse {
    let status = r["status"].as_u64().expect("response.status") as u16;
    let body = match (r.get("json"), r.get("text")) {
        (Some(j), _) => serde_json::to_vec(j).unwrap(),
        (None, Some(t)) => t.as_str().expect("response.text is a string").as_bytes().to_vec(),
        (None, None) => Vec::new(),
    };
    let mut resp = HttpResponse::new(status, body);
    match r.get("headers") {
        Some(Value::Object(h)) => {
            for (k, v) in h {
                resp = resp.with_header(k, v.as_str().expect("header values are strings"));
            }
        }
        Some(Value::Array(h)) => {
            for pair in h {
                resp = resp.with_header(pair[0].as_str().unwrap(), pair[1].as_str().unwrap());
            }
        }
        _ => {}
    }
    resp
}

/// Reads a response as the operation's family does: the token service's parser, the win32 envelope,
/// or the JSON body of devcenter and ingestion.
fn parse(op: &str, resp: &HttpResponse) -> Result<(), Error> {
    let family = api::routes::operation(op).unwrap_or_else(|| panic!("unknown op {op}")).family;
    match family {
        Family::Token => api::auth::parse_token_response(resp, 0).map(drop),
        Family::Win32 => api::win32::parse_envelope::<Value>(resp).map(drop),
        _ => api::parse_json::<Value>(resp).map(drop),
    }
}

/// Compares an error with a case's `expect`; `Err` says what differs.
pub fn check_error(e: &Error, exp: &Value) -> Result<(), String> {
    let mut diffs = Vec::new();
    if e.code() != exp["error"].as_str().unwrap_or("") {
        diffs.push(format!("code {} != {}", e.code(), exp["error"]));
    }
    if let Some(s) = exp.get("status") {
        if e.status().map(u64::from) != s.as_u64() {
            diffs.push(format!("status {:?} != {s}", e.status()));
        }
    }
    if let Some(r) = exp.get("retryable") {
        if Some(e.is_retryable()) != r.as_bool() {
            diffs.push(format!("retryable {} != {r}", e.is_retryable()));
        }
    }
    if let Some(ms) = exp.get("retryAfterMs") {
        let got = e.retry_after().map(|d| d.as_millis() as u64);
        if got != ms.as_u64() {
            diffs.push(format!("retryAfterMs {got:?} != {ms}"));
        }
    }
    if let Some(id) = exp.get("correlationId") {
        if e.correlation_id() != id.as_str() {
            diffs.push(format!("correlationId {:?} != {id}", e.correlation_id()));
        }
    }
    if let Some(items) = exp.get("serverErrors") {
        let got = serde_json::to_value(e.server_errors()).unwrap();
        if &got != items {
            diffs.push(format!("serverErrors {got} != {items}"));
        }
    }
    let text = format!("{e} {e:?}");
    for want in exp.get("messageContains").and_then(Value::as_array).into_iter().flatten() {
        if !e.message().contains(want.as_str().unwrap()) {
            diffs.push(format!("message {:?} lacks {want}", e.message()));
        }
    }
    for secret in exp.get("secretsAbsent").and_then(Value::as_array).into_iter().flatten() {
        if text.contains(secret.as_str().unwrap()) {
            diffs.push(format!("a secret ({} chars) shows in the error", secret.as_str().unwrap().len()));
        }
    }
    if diffs.is_empty() {
        Ok(())
    } else {
        Err(diffs.join("; "))
    }
}

#[test]
fn every_response_vector() {
    let cases = load_cases();
    assert!(cases.len() >= 60, "only {} response vectors", cases.len());
    let mut failures = Vec::new();
    for (file, case) in &cases {
        let name = format!("{file} / {}", case["name"].as_str().expect("case name"));
        let op = case["op"].as_str().unwrap_or_else(|| panic!("{name}: no op"));
        let resp = response_of(&case["response"]);
        let exp = &case["expect"];
        let result = parse(op, &resp);
        let outcome = match (exp.get("ok").and_then(Value::as_bool), result) {
            (Some(true), Ok(())) => Ok(()),
            (Some(true), Err(e)) => Err(format!("expected ok, got {e}")),
            (_, Ok(())) => Err(format!("expected {}, got ok", exp["error"])),
            (_, Err(e)) => check_error(&e, exp),
        };
        if let Err(why) = outcome {
            failures.push(format!("{name}: {why}"));
        }
    }
    assert!(failures.is_empty(), "{} of {} vectors failed:\n{}", failures.len(), cases.len(), failures.join("\n"));
}

#[test]
fn every_kind_a_response_can_produce_has_a_vector() {
    let covered: BTreeSet<String> =
        load_cases().iter().filter_map(|(_, c)| c["expect"]["error"].as_str().map(str::to_string)).collect();
    // Every kind `kind_for_status` can give, plus `invalid_response` (an unreadable success body).
    let mut reachable: BTreeSet<String> =
        ErrorKind::ALL.iter().filter(|k| k.http_status().is_some()).map(|k| k.code().to_string()).collect();
    reachable.insert(ErrorKind::InvalidResponse.code().to_string());
    let missing: Vec<_> = reachable.difference(&covered).collect();
    assert!(missing.is_empty(), "no response vector for {missing:?}");
}

#[test]
fn every_family_has_its_error_envelope_covered() {
    let cases = load_cases();
    for family in ["devcenter", "win32", "ingestion", "token"] {
        let n = cases
            .iter()
            .filter(|(_, c)| c["op"].as_str().unwrap_or("").starts_with(&format!("{family}.")))
            .filter(|(_, c)| c["expect"]["serverErrors"].as_array().is_some_and(|a| !a.is_empty()))
            .count();
        assert!(n >= 2, "{family}: only {n} vectors with server error items");
    }
}
