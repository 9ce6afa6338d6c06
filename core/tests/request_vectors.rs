//! Runs every case in `tests/vectors/requests/*.json` through the generic builder (`api::build`) and
//! checks method, URL, headers and body exactly. The same files drive every binding's suite.
//!
//! Format of a file: `{"endpoints"?: {devcenter, win32, ingestion, token}, "cases": [case]}` where a case
//! is `{"name", "op", "args", "expect": {"method", "url", "headers": {name: value}, "json"?: any,
//! "form"?: string}}` or, for a case that must fail, `{"name", "op", "args", "error": "<error code>"}`.
//! `headers` lists every header exactly (names case-insensitive); a request with a JSON body is compared
//! as JSON (`json`), a form body as text (`form`); neither key means an empty body.

use std::path::{Path, PathBuf};

use serde_json::Value;
use storesubmit::api::{self, Endpoints};

fn vector_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/requests")
}

fn endpoints(file: &Value) -> Endpoints {
    match file.get("endpoints") {
        Some(e) => serde_json::from_value(e.clone()).expect("endpoints object"),
        None => Endpoints::production(),
    }
}

fn check_case(ep: &Endpoints, case: &Value) -> Result<(), String> {
    let name = case["name"].as_str().ok_or("case without name")?;
    let op = case["op"].as_str().ok_or(format!("{name}: no op"))?;
    let args = case.get("args").cloned().unwrap_or(Value::Null);
    let result = api::build(ep, op, &args);
    if let Some(code) = case.get("error").and_then(Value::as_str) {
        return match result {
            Err(e) if e.code() == code => Ok(()),
            Err(e) => Err(format!("{name}: expected error {code}, got {e}")),
            Ok(r) => Err(format!("{name}: expected error {code}, got request {r:?}")),
        };
    }
    let req = result.map_err(|e| format!("{name}: {e}"))?;
    let exp = &case["expect"];
    if req.method.as_str() != exp["method"].as_str().unwrap_or("") {
        return Err(format!("{name}: method {} != {}", req.method, exp["method"]));
    }
    if req.url != exp["url"].as_str().unwrap_or("") {
        return Err(format!("{name}: url\n  got      {}\n  expected {}", req.url, exp["url"]));
    }
    let want_headers = exp["headers"].as_object().ok_or(format!("{name}: expect.headers missing"))?;
    if req.headers.len() != want_headers.len() {
        return Err(format!("{name}: headers {:?} != {want_headers:?}", req.headers));
    }
    for (k, v) in want_headers {
        if req.header(k) != v.as_str() {
            return Err(format!("{name}: header {k}: {:?} != {v}", req.header(k)));
        }
    }
    match (exp.get("json"), exp.get("form")) {
        (Some(j), _) => {
            let got: Value = serde_json::from_slice(&req.body).map_err(|e| format!("{name}: body not JSON: {e}"))?;
            if &got != j {
                return Err(format!("{name}: body\n  got      {got}\n  expected {j}"));
            }
        }
        (None, Some(f)) if std::str::from_utf8(&req.body).ok() != f.as_str() => {
            return Err(format!("{name}: form body {:?} != {f}", String::from_utf8_lossy(&req.body)));
        }
        (None, None) if !req.body.is_empty() => return Err(format!("{name}: unexpected body")),
        _ => {}
    }
    Ok(())
}

#[test]
fn all_request_vectors_pass_and_cover_every_operation() {
    let mut failures = Vec::new();
    let mut covered = std::collections::HashSet::new();
    let mut count = 0;
    let mut files: Vec<_> = std::fs::read_dir(vector_dir()).expect("vector dir").map(|e| e.unwrap().path()).collect();
    files.sort();
    for path in files.iter().filter(|p| p.extension().is_some_and(|e| e == "json")) {
        let text = std::fs::read_to_string(path).unwrap();
        let file: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let ep = endpoints(&file);
        for case in file["cases"].as_array().expect("cases array") {
            count += 1;
            if case.get("expect").is_some() {
                covered.insert(case["op"].as_str().unwrap_or("").to_string());
            }
            if let Err(e) = check_case(&ep, case) {
                failures.push(format!("{}: {e}", path.file_name().unwrap().to_string_lossy()));
            }
        }
    }
    assert!(failures.is_empty(), "{} of {count} vectors failed:\n{}", failures.len(), failures.join("\n"));
    let missing: Vec<_> = api::OPERATIONS.iter().filter(|o| !covered.contains(o.id)).map(|o| o.id).collect();
    assert!(missing.is_empty(), "operations without a request vector: {missing:?}");
}
