//! Runs the shared response vectors in `tests/vectors/responses/*.json` (every binding runs the same
//! files; the format is in `tests/vectors/responses/README.md`): each case is a service answer (status,
//! headers, body) read by the parser of its operation's family, and the typed error it must give (code,
//! status, retryable, retry-after, correlation id, server error items) or `ok`. Also checks that every
//! error kind a response can produce has a vector.

#[path = "shared/vectors.rs"]
mod vectors;

use std::collections::BTreeSet;

use serde_json::Value;
use storesubmit::api::{self, Family};
use storesubmit::{Error, ErrorKind, HttpResponse};
use vectors::{check_error, response_of};

fn load_cases() -> Vec<(String, Value)> {
    vectors::load_cases("responses")
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
