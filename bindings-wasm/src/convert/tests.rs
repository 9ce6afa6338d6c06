use serde_json::{json, Value};

use super::*;

fn error_of(f: Failure) -> Value {
    serde_json::from_str(&f.0).expect("a failure is error JSON")
}

#[test]
fn a_call_answers_json_text() {
    let kinds: Value = serde_json::from_str(&call_json("documentKinds", "{}").unwrap()).unwrap();
    assert!(kinds.as_array().unwrap().iter().any(|k| k == "app-submission"), "{kinds}");
    let report: Value = serde_json::from_str(
        &call_json("validate", r#"{"kind": "app-submission", "document": "{\"listings\": {"}"#).unwrap(),
    )
    .unwrap();
    assert_eq!(report["valid"], json!(false));
    assert_eq!(report["issues"][0]["code"], json!("json.syntax"));
}

#[test]
fn arguments_that_are_not_json_fail_as_invalid_argument() {
    let e = error_of(call_json("documentKinds", "{nope").unwrap_err());
    assert_eq!(e["code"], json!("invalid_argument"));
    assert_eq!(e["number"], json!(1));
    assert!(e["message"].as_str().unwrap().starts_with("args: not JSON"), "{e}");
}

#[test]
fn an_unknown_call_fails_with_the_cores_error() {
    let e = error_of(call_json("noSuchCall", "{}").unwrap_err());
    assert_eq!(e["code"], json!("invalid_argument"));
}

#[test]
fn a_run_needs_a_known_workflow_and_rejects_malformed_events() {
    let e = error_of(run_start("{}", r#"{"workflow": "teleport"}"#).unwrap_err());
    assert_eq!(e["code"], json!("invalid_argument"));
    assert!(e["message"].as_str().unwrap().contains("workflow/workflow"), "{e}");

    let request = r#"{"workflow": "call", "op": "devcenter.get_app", "args": {"applicationId": "9NBLGGH4R315"}}"#;
    let mut flow = run_start("{}", request).unwrap();
    let e = error_of(step_json("[1]", |ev| flow.step(ev, Vec::new(), 0, 0.5)).unwrap_err());
    assert_eq!(e["code"], json!("invalid_argument"));
    // the run is unchanged: it still starts, and its first task gets a token from the host
    let step: Value =
        serde_json::from_str(&step_json(r#"{"kind": "start"}"#, |ev| flow.step(ev, Vec::new(), 0, 0.5)).unwrap())
            .unwrap();
    assert_eq!(step["kind"], json!("run"));
    assert_eq!(step["tasks"][0]["kind"], json!("token"), "{step}");
}

#[test]
fn a_pack_job_starts_from_a_list_of_names_and_asks_for_their_sizes() {
    let mut job = run_start("{}", r#"{"workflow": "pack", "names": ["a.txt"]}"#).unwrap();
    let step: Value =
        serde_json::from_str(&step_json(r#"{"kind": "start"}"#, |ev| job.step(ev, Vec::new(), 0, 0.5)).unwrap())
            .unwrap();
    assert_eq!(step["kind"], json!("run"));
    assert_eq!(step["tasks"][0]["kind"], json!("stat"), "{step}");
    let Err(f) = run_start("{}", r#"{"workflow": "pack", "names": 3}"#) else { panic!("a list of names is required") };
    let e = error_of(f);
    assert_eq!(e["code"], json!("invalid_argument"));
}
