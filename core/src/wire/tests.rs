use serde_json::{json, Value};

use super::*;
use crate::error::{ErrorKind, Result};
use crate::flow::{Completion, Credentials, TaskId};
use crate::options::ClientOptions;
use crate::secret::Secret;

fn options() -> Value {
    json!({"tenantId": "t", "clientId": "c", "endpoints": {
        "token": "http://127.0.0.1:9/t", "devcenter": "http://127.0.0.1:9/d",
        "win32": "http://127.0.0.1:9/w", "ingestion": "http://127.0.0.1:9/i"}})
}

fn app_request() -> Value {
    json!({"workflow": "submission", "target": {"type": "app", "appId": "9NBLGGH4R315"}, "stopAfter": "draft"})
}

fn err(r: Result<impl std::fmt::Debug>) -> String {
    r.expect_err("an error").message().to_string()
}

#[test]
fn the_first_step_asks_for_a_token_with_the_secret_only_in_the_body() {
    let mut w = Run::start(&options(), Some(Secret::new("S3cret+Value")), &app_request(), None).unwrap();
    let step = w.step(&json!({"kind": "start"}), Vec::new(), 1_000, 0.5).unwrap();
    assert_eq!(step["kind"], "run");
    let task = &step["tasks"][0];
    assert_eq!(task["kind"], "send");
    assert_eq!(task["method"], "POST");
    assert_eq!(task["purpose"]["kind"], "token");
    let id = task["id"].as_u64().unwrap();
    let body = w.take_body(id);
    assert_eq!(task["bodyLength"].as_u64().unwrap() as usize, body.len());
    assert!(String::from_utf8_lossy(&body).contains("client_secret=S3cret"), "the secret goes in the body only");
    assert!(w.take_body(id).is_empty(), "a body is handed out once");
    let shown = format!("{step} {:?} {}", w, describe_task(task));
    assert!(!shown.contains("S3cret"), "{shown}");
}

#[test]
fn an_external_credential_gets_token_tasks_and_a_bad_completion_is_named() {
    let mut w = Run::start(&options(), None, &app_request(), None).unwrap();
    let step = w.step(&json!({"kind": "start"}), Vec::new(), 1_000, 0.5).unwrap();
    let task = &step["tasks"][0];
    assert_eq!(task["kind"], "token");
    assert_eq!(task["family"], "devcenter");
    let id = task["id"].as_u64().unwrap();
    let e = err(w.step(&json!({"id": id, "kind": "token", "token": "tok"}), Vec::new(), 1_000, 0.5));
    assert!(e.starts_with("completion/expiresOn"), "{e}");
    // the run is unchanged by the refused event: the token answer still works
    let step = w.step(&json!({"id": id, "kind": "token", "token": "tok", "expiresOn": 4_600}), Vec::new(), 1_001, 0.5);
    let step = step.unwrap();
    assert_eq!(step["kind"], "run", "{step}");
    let send = &step["tasks"][0];
    assert_eq!(send["kind"], "send");
    assert_eq!(send["purpose"]["kind"], "api");
    let auth = send["headers"].as_array().unwrap().iter().find(|h| h[0] == "Authorization").unwrap();
    assert_eq!(auth[1], "Bearer tok");
    assert!(!describe_task(send).contains("tok\""), "{}", describe_task(send));
    // a transport failure, as a host reports it, is retried with a wait (the flow's own rule)
    let id = send["id"].as_u64().unwrap();
    let failed = json!({"id": id, "kind": "failed", "error": {"code": "transport", "message": "connection reset"}});
    let step = w.step(&failed, Vec::new(), 1_002, 0.5).unwrap();
    assert_eq!(step["tasks"][0]["kind"], "wait", "{step}");
    assert_eq!(step["tasks"][0]["reason"]["kind"], "retry");
    // cancelling ends the run with `cancelled`
    let step = w.step(&json!({"kind": "cancel"}), Vec::new(), 1_003, 0.5).unwrap();
    assert_eq!(step["kind"], "done");
    assert_eq!(step["error"]["code"], "cancelled", "{step}");
    assert_eq!(step["error"]["number"], ErrorKind::Cancelled.number());
}

#[test]
fn completions_are_read_with_their_rules() {
    let ok = completion_from_json(
        &json!({"id": 3, "kind": "response", "status": 201, "headers": {"ETag": "x"}}),
        b"{}".to_vec(),
    );
    match ok.unwrap() {
        (TaskId(3), Completion::Response(r)) => {
            assert_eq!(r.status, 201);
            assert_eq!(r.headers, vec![("ETag".to_string(), "x".to_string())]);
            assert_eq!(r.body, b"{}");
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        completion_from_json(&json!({"id": 4, "kind": "sizes", "sizes": [12, null]}), Vec::new()).unwrap().1,
        Completion::Sizes(s) if s == vec![Some(12), None]
    ));
    assert!(matches!(
        completion_from_json(&json!({"id": 5, "kind": "data"}), vec![1, 2]).unwrap().1,
        Completion::Data(d) if d == vec![1, 2]
    ));
    let cases = [
        (json!([]), "completion: must be a JSON object"),
        (json!({"kind": "waited"}), "completion/id"),
        (json!({"id": 1, "kind": "nope"}), "completion/kind"),
        (json!({"id": 1, "kind": "response", "status": 42}), "completion/status"),
        (json!({"id": 1, "kind": "response", "status": 200, "headers": [["a"]]}), "completion/headers"),
        (json!({"id": 1, "kind": "failed", "error": {"code": "nope"}}), "completion/error/code"),
        (json!({"id": 1, "kind": "sizes", "sizes": ["x"]}), "completion/sizes"),
    ];
    for (v, want) in cases {
        let e = err(completion_from_json(&v, Vec::new()));
        assert!(e.starts_with(want), "{v}: {e}");
    }
    let e = error_from_json(&json!({"number": ErrorKind::Timeout.number(), "retryAfter": 2.5})).unwrap();
    assert_eq!(e.kind(), ErrorKind::Timeout);
    assert_eq!(e.retry_after(), Some(std::time::Duration::from_millis(2500)));
}

#[test]
fn workflow_requests_name_the_bad_field() {
    let cfg = || ClientOptions::from_json(&options()).unwrap().into_flow_config(Credentials::External);
    let cases = [
        (json!({}), "workflow/workflow: must name the workflow"),
        (json!({"workflow": "deploy"}), "workflow/workflow: must be one of"),
        (json!({"workflow": "submission"}), "workflow/target: is required"),
        (
            json!({"workflow": "submission", "target": {"type": "app", "appId": "x"}, "colour": 1}),
            "workflow/colour: unknown field",
        ),
        (
            json!({"workflow": "submission", "target": {"type": "app", "appId": "x"}, "spec": {"rolloutPercentage": 150}}),
            "workflow/spec/rolloutPercentage",
        ),
        (
            json!({"workflow": "submission", "target": {"type": "app", "appId": "x"}, "stopAfter": "later"}),
            "workflow/stopAfter",
        ),
        (json!({"workflow": "rollout", "appId": "x", "action": "halt"}), "workflow/submissionId"),
        (
            json!({"workflow": "rollout", "appId": "x", "submissionId": "1", "action": "update", "percentage": 101}),
            "workflow",
        ),
        (json!({"workflow": "publishAppSubmission", "changes": {}}), "workflow/appId: is required"),
        (
            json!({"workflow": "publishAppSubmission", "appId": "x", "rolloutPercentage": 150}),
            "workflow/rolloutPercentage",
        ),
        (json!({"workflow": "waitForSubmission", "submissionId": "1", "appId": "a", "addonId": "b"}), "workflow/appId"),
        (json!({"workflow": "win32", "productId": " "}), "workflow/productId"),
        (json!({"workflow": "call", "op": "noSuchOp"}), "unknown operation"),
        (json!({"workflow": "listAll", "op": "devcenter.list_apps", "maxPages": 0}), "workflow/maxPages"),
        (json!({"workflow": "resume", "token": 3}), "workflow/token"),
    ];
    for (v, want) in cases {
        let e = err(workflow_from_json(cfg(), &v));
        assert!(e.contains(want), "{v}: {e}");
    }
    for ok in [
        app_request(),
        json!({"workflow": "rollout", "appId": "a", "flightId": "f", "submissionId": "1"}),
        json!({"workflow": "publishAppSubmission", "appId": "a", "changes": {"applicationCategory": "Games"}}),
        json!({"workflow": "waitForSubmission", "submissionId": "1", "addonId": "b", "stopAfter": "committed"}),
        json!({"workflow": "win32", "productId": "p", "spec": {}}),
        json!({"workflow": "listAll", "op": "devcenter.list_apps"}),
    ] {
        workflow_from_json(cfg(), &ok).unwrap_or_else(|e| panic!("{ok}: {e}"));
    }
    let e = err(Run::start(&json!({"tenantId": "t"}), Some(Secret::new("s")), &app_request(), None));
    assert!(e.contains("options/clientId"), "{e}");
    let e = err(Run::start(&json!({"retry": {"maxAttempts": "x"}}), None, &app_request(), None));
    assert!(e.starts_with("/retry"), "{e}");
}

#[test]
fn an_answer_longer_than_its_request_accepts_is_refused_whoever_sent_it() {
    let mut w = Run::start(&options(), Some(Secret::new("s")), &app_request(), None).unwrap();
    let step = w.step(&json!({"kind": "start"}), Vec::new(), 1_000, 0.5).unwrap();
    let task = &step["tasks"][0];
    let max = task["maxResponseBytes"].as_u64().unwrap();
    let id = task["id"].as_u64().unwrap();
    let answer = json!({"id": id, "kind": "response", "status": 200, "headers": []});
    let step = w.step(&answer, vec![b' '; max as usize + 1], 1_001, 0.5).unwrap();
    let shown = step.to_string();
    assert!(shown.contains("response_too_large"), "{shown}");
    assert!(shown.contains(&format!("more than the {max}")), "{shown}");
}

#[test]
fn a_run_whose_host_answers_every_task_refuses_a_journal() {
    let mut opts = options();
    opts["journal"] = json!("/tmp/journal");
    let e = Run::start(&opts, Some(Secret::new("s")), &app_request(), None).unwrap_err();
    assert_eq!(e.code(), "unsupported");
    assert!(e.message().contains("options/journal"), "{e}");
}
