//! Helpers shared by the vector runners (`vectors_*.rs`): reading a folder of `tests/vectors/`, building
//! a case's HTTP response, and comparing a typed error with a case's `expect` (the keys of
//! `tests/vectors/responses/README.md`).

#![allow(dead_code)] // each runner uses the helpers it needs

use std::path::{Path, PathBuf};

use serde_json::Value;
use storesubmit::{Error, HttpResponse};

/// `(file name, case)` of every `*.json` file of `tests/vectors/<folder>`, files in name order.
pub fn load_cases(folder: &str) -> Vec<(String, Value)> {
    let dir: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors").join(folder);
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
