//! The scenarios the flow vectors are made from: each is a vector's head (config, workflow, files) and a
//! responder standing in for the service. `vectors_flows.rs` drives each through its flow and compares
//! the transcript with the checked-in file (or writes it, with `STORESUBMIT_BLESS=1`).

use std::collections::BTreeMap;

use serde_json::{json, Value};

use super::Answers;

/// A vector's head and the service that answers its flow.
pub struct Scenario {
    /// `name`, `description`, `clock`, `config`, `credentials`, `workflow`, `files`.
    pub head: Value,
    /// Answers every task.
    pub responder: Box<dyn Answers>,
    /// The vector (made before this one) whose outcome's resume token becomes `workflow.token`.
    pub token_from: Option<&'static str>,
}

/// An API operation's answer: status, JSON body (`Value::Null`: empty), headers.
pub type Reply = (u16, Value, Vec<(&'static str, &'static str)>);

/// Answers an API call: operation id, how many times it was called before, the task.
type Api = Box<dyn FnMut(&str, usize, &Value) -> Reply>;

/// A service: API calls answered by `api` (operation id, how many times it was called before, the
/// task); tokens, blob requests, waits and stats answered alike in every scenario.
struct Service {
    api: Api,
    calls: BTreeMap<String, usize>,
    tokens: usize,
}

fn service(api: impl FnMut(&str, usize, &Value) -> Reply + 'static) -> Service {
    Service { api: Box::new(api), calls: BTreeMap::new(), tokens: 0 }
}

fn response(status: u16, body: Value, headers: &[(&str, &str)]) -> Value {
    let mut r = json!({ "kind": "response", "status": status });
    if !headers.is_empty() {
        r["headers"] = headers.iter().map(|(k, v)| (k.to_string(), json!(v))).collect();
    }
    if !body.is_null() {
        r["json"] = body;
    }
    r
}

impl Answers for Service {
    fn answer(&mut self, task: &Value) -> Result<(Value, u64), String> {
        let answer = match task["kind"].as_str().unwrap_or("") {
            "wait" => json!({"kind": "waited"}),
            "stat" => json!({"kind": "sizes"}),
            "list" => json!({"kind": "files"}),
            "token" => {
                self.tokens += 1;
                json!({"kind": "token", "token": format!("vector-token-{}", self.tokens), "expiresIn": 3600})
            }
            "send" => {
                let purpose = &task["purpose"];
                let op = purpose["op"].as_str().unwrap_or("").to_string();
                match purpose["kind"].as_str().unwrap_or("") {
                    "token" => {
                        self.tokens += 1;
                        let token = format!("vector-token-{}", self.tokens);
                        response(200, json!({"token_type": "Bearer", "access_token": token, "expires_in": 3600}), &[])
                    }
                    // A fresh blob: no block list yet; every block and the list are accepted.
                    "blob" if op == "get_block_list" => response(404, Value::Null, &[]),
                    "blob" => response(201, Value::Null, &[]),
                    _ => {
                        let n = self.calls.entry(op.clone()).or_insert(0);
                        let (status, body, headers) = (self.api)(&op, *n, task);
                        *n += 1;
                        response(status, body, &headers)
                    }
                }
            }
            other => return Err(format!("no answer for a {other} task")),
        };
        Ok((answer, 0))
    }
}

/// The options every vector runs with: loopback endpoints, a fast poll, small blocks.
fn config() -> Value {
    json!({
        "endpoints": {
            "devcenter": "http://127.0.0.1:1/devcenter",
            "win32": "http://127.0.0.1:1/win32",
            "ingestion": "http://127.0.0.1:1/ingestion",
            "token": "http://127.0.0.1:1/token"
        },
        "tenantId": "vector-tenant",
        "clientId": "vector-client",
        "sellerId": "SELLER",
        "retry": {"maxAttempts": 4, "baseDelay": 0.5, "maxDelay": 8, "maxRetryAfter": 60},
        "poll": {"initial": 5, "factor": 2, "max": 20},
        "deadline": 3600,
        "requestTimeout": 60,
        "upload": {"blockSize": 65536, "singlePutMax": 65536, "concurrency": 2}
    })
}

fn head(name: &str, description: &str, credentials: &str, workflow: Value, files: Value) -> Value {
    json!({
        "name": name,
        "description": description,
        "clock": {"start": 1_000_000, "jitter": 0.5},
        "config": config(),
        "credentials": credentials,
        "workflow": workflow,
        "files": files,
    })
}

const UPLOAD_URL: &str =
    "https://blob.example/submissions/S1.zip?sv=2019-12-12&sr=b&sp=rcw&se=2099-01-01T00%3A00%3A00Z&sig=<redacted>";

fn app_submission(status: &str) -> Value {
    json!({"id": "S1", "status": status, "fileUploadUrl": UPLOAD_URL, "applicationPackages": [],
           "listings": {}, "unknownThing": 7})
}

fn app_workflow(stop_after: &str) -> Value {
    json!({
        "kind": "devcenter.submission",
        "target": {"type": "app", "app_id": "9APP"},
        "spec": {"changes": {"applicationPackages": [{"fileName": "app.msixupload", "minimumDirectXVersion": "None"}]}},
        "options": {"stop_after": stop_after, "pending": "reuse"}
    })
}

fn app_files() -> Value {
    json!({"app.msixupload": 150_000})
}

fn app_publish() -> Scenario {
    let api = |op: &str, n: usize, _: &Value| -> Reply {
        match (op, n) {
            ("devcenter.get_app", _) => (200, json!({"id": "9APP"}), vec![]),
            ("devcenter.create_app_submission", _) => (201, app_submission("PendingCommit"), vec![]),
            ("devcenter.update_app_submission", _) => (200, app_submission("PendingCommit"), vec![]),
            ("devcenter.commit_app_submission", _) => (202, json!({"status": "CommitStarted"}), vec![]),
            ("devcenter.get_app_submission_status", 0) => (200, json!({"status": "CommitStarted"}), vec![]),
            ("devcenter.get_app_submission_status", 1) => (200, json!({"status": "PreProcessing"}), vec![]),
            ("devcenter.get_app_submission_status", _) => (
                200,
                json!({"status": "Published", "statusDetails": {"errors": [], "warnings": [{"code": "ListingOptOutWarning", "details": "w"}], "certificationReports": []}}),
                vec![],
            ),
            _ => (500, json!({"code": "Unexpected", "message": op}), vec![]),
        }
    };
    Scenario {
        head: head(
            "app-publish",
            "A whole app publish: token, read the app, create a submission, update it, upload the ZIP in blocks (Get Block List, Put Block x3, Put Block List), commit, poll until Published.",
            "clientSecret",
            app_workflow("published"),
            app_files(),
        ),
        responder: Box::new(service(api)),
        token_from: None,
    }
}

/// The create's answer is lost (503) after the service made the submission: the flow reads the app
/// again, finds the pending submission and adopts it; one create in all.
fn create_503_adopts() -> Scenario {
    let api = |op: &str, n: usize, _: &Value| -> Reply {
        match (op, n) {
            ("devcenter.get_app", 0) => (200, json!({"id": "9APP"}), vec![]),
            ("devcenter.get_app", _) => (
                200,
                json!({"id": "9APP", "pendingApplicationSubmission": {"id": "S1", "resourceLocation": "applications/9APP/submissions/S1"}}),
                vec![],
            ),
            ("devcenter.create_app_submission", _) => (
                503,
                json!({"code": "ServiceUnavailable", "message": "try later"}),
                vec![("X-Correlation-ID", "corr-503")],
            ),
            ("devcenter.get_app_submission", _) | ("devcenter.update_app_submission", _) => {
                (200, app_submission("PendingCommit"), vec![])
            }
            _ => (500, json!({"code": "Unexpected", "message": op}), vec![]),
        }
    };
    Scenario {
        head: head(
            "create-503-adopts",
            "The create does the work, then answers 503: the flow must not create again. It reads the app, finds pendingApplicationSubmission S1 and adopts it (update, upload), stopping at draft with a resume token.",
            "clientSecret",
            app_workflow("draft"),
            app_files(),
        ),
        responder: Box::new(service(api)),
        token_from: None,
    }
}

/// A 401 in the middle of the run: the token is refreshed once and the call repeated.
fn token_refresh_401() -> Scenario {
    let api = |op: &str, n: usize, _: &Value| -> Reply {
        match (op, n) {
            ("devcenter.get_app", _) => (200, json!({"id": "9APP"}), vec![]),
            ("devcenter.create_app_submission", _) => (201, app_submission("PendingCommit"), vec![]),
            ("devcenter.update_app_submission", 0) => {
                (401, json!({"code": "Unauthorized", "message": "token revoked"}), vec![("WWW-Authenticate", "Bearer")])
            }
            ("devcenter.update_app_submission", _) => (200, app_submission("PendingCommit"), vec![]),
            ("devcenter.commit_app_submission", _) => (202, json!({"status": "CommitStarted"}), vec![]),
            ("devcenter.get_app_submission_status", _) => (200, json!({"status": "PreProcessing"}), vec![]),
            _ => (500, json!({"code": "Unexpected", "message": op}), vec![]),
        }
    };
    Scenario {
        head: head(
            "token-refresh-401",
            "The update answers 401 (token revoked): the flow asks the token service again (vector-token-2) and repeats the update with the new token; then upload, commit and one status read (processing has started), stopping at committed.",
            "clientSecret",
            app_workflow("committed"),
            app_files(),
        ),
        responder: Box::new(service(api)),
        token_from: None,
    }
}

/// Continuing from the draft of `create-503-adopts`: fetch the submission, commit, poll.
fn resume_from_token() -> Scenario {
    let api = |op: &str, n: usize, _: &Value| -> Reply {
        match (op, n) {
            ("devcenter.get_app_submission", _) => (200, app_submission("PendingCommit"), vec![]),
            ("devcenter.commit_app_submission", _) => (202, json!({"status": "CommitStarted"}), vec![]),
            ("devcenter.get_app_submission_status", 0) => (200, json!({"status": "PreProcessing"}), vec![]),
            ("devcenter.get_app_submission_status", _) => (200, json!({"status": "Certification"}), vec![]),
            _ => (500, json!({"code": "Unexpected", "message": op}), vec![]),
        }
    };
    Scenario {
        head: head(
            "resume-from-token",
            "A new process continues from the resume token `create-503-adopts` ended with (workflow.token): it reads submission S1, commits it and polls until certification has started.",
            "clientSecret",
            json!({"kind": "resume", "token": null, "stopAfter": "certification"}),
            app_files(),
        ),
        responder: Box::new(service(api)),
        token_from: Some("create-503-adopts"),
    }
}

fn win32_ok(data: Value) -> Value {
    json!({"isSuccess": true, "errors": [], "responseData": data})
}

/// A win32 publish with an external credential (the host hands in tokens).
fn win32_publish() -> Scenario {
    let api = |op: &str, n: usize, _: &Value| -> Reply {
        match (op, n) {
            ("win32.put_packages", _) | ("win32.patch_metadata", _) | ("win32.commit_listing_assets", _) => {
                (200, win32_ok(json!({})), vec![])
            }
            ("win32.commit_packages", _) => (200, win32_ok(json!({"pollingUrl": "/products/PROD1/status"})), vec![]),
            ("win32.get_module_status", 0) => (200, win32_ok(json!({"isReady": false})), vec![]),
            ("win32.get_module_status", _) => {
                (200, win32_ok(json!({"isReady": true, "ongoingSubmissionId": ""})), vec![])
            }
            ("win32.get_listing_assets", _) => (
                200,
                win32_ok(
                    json!({"listingAssets": [{"language": "en-us", "storeLogos": [{"id": "L1", "assetUrl": "https://assets.example/L1"}], "screenshots": [{"id": "S0", "assetUrl": "https://assets.example/S0"}]}]}),
                ),
                vec![],
            ),
            ("win32.create_listing_assets", _) => (
                200,
                win32_ok(json!({"listingAssets": {"language": "en-us", "screenshots": [{"id": "N1",
                    "primaryAssetUploadUrl": "https://blob.example/assets/n1?sv=2019-12-12&se=2099-01-01T00%3A00%3A00Z&sig=<redacted>",
                    "secondaryAssetUploadUrl": "https://blob2.example/assets/n1?sv=2019-12-12&se=2099-01-01T00%3A00%3A00Z&sig=<redacted>",
                    "httpMethod": "PUT", "httpHeaders": {"x-ms-blob-type": "BlockBlob"}}]}})),
                vec![],
            ),
            ("win32.submit", _) => (200, win32_ok(json!({"submissionId": "SUB1"})), vec![]),
            ("win32.get_submission_status", 0) => {
                (200, win32_ok(json!({"publishingStatus": "INPROGRESS", "hasFailed": false})), vec![])
            }
            ("win32.get_submission_status", _) => {
                (200, win32_ok(json!({"publishingStatus": "PUBLISHED", "hasFailed": false})), vec![])
            }
            _ => (500, json!({"isSuccess": false, "errors": [{"code": "Unexpected", "message": op}]}), vec![]),
        }
    };
    Scenario {
        head: head(
            "win32-publish",
            "An MSI/EXE product with an external credential (token tasks): packages, commit and wait until ready, metadata patch, a new screenshot (asset slot, Put Blob, commit), submit, poll until PUBLISHED.",
            "external",
            json!({
                "kind": "win32.publish",
                "productId": "PROD1",
                "spec": {
                    "packages": {"packages": [{"packageUrl": "https://downloads.example/app.msi", "languages": ["en-us"], "architectures": ["X64"], "isSilentInstall": true, "packageType": "msi"}]},
                    "metadata": {"listings": {"language": "en-us", "description": "d"}},
                    "metadataPatch": true,
                    "assets": [{"language": "en-us", "screenshots": ["s1.png"], "logos": []}]
                },
                "stopAfter": "published"
            }),
            json!({"s1.png": 2000}),
        ),
        responder: Box::new(service(api)),
        token_from: None,
    }
}

fn ingestion_head(name: &str, description: &str, workflow: Value) -> Value {
    let mut h = head(name, description, "clientSecret", workflow, json!({}));
    h["config"]["deadline"] = json!(40);
    h
}

fn ingestion_workflow() -> Value {
    json!({"kind": "ingestion.publish", "productId": "P1",
           "spec": {"modules": ["Listing"], "scope": "Preview", "promote": true}, "stopAfter": "published"})
}

/// An ingestion publish whose submission never gets ready: the deadline passes, with a resume token.
fn ingestion_deadline() -> Scenario {
    let api = |op: &str, _: usize, _: &Value| -> Reply {
        let submitted = json!({"id": "S1", "state": "InProgress", "substate": "Submitted",
                               "targets": [{"type": "Scope", "value": "Preview"}], "resources": [{"type": "Listing", "value": "L-inst"}]});
        match op {
            "ingestion.get_product" => (200, json!({"id": "P1", "name": "Vector product"}), vec![]),
            "ingestion.list_submissions" => (200, json!({"value": []}), vec![]),
            "ingestion.list_branches_by_module" => (
                200,
                json!({"value": [{"id": "b1", "type": "Main", "module": "Listing", "currentDraftInstanceID": "L-inst"}]}),
                vec![],
            ),
            "ingestion.create_submission" => (201, submitted, vec![]),
            "ingestion.get_submission_validations" => (200, json!({"value": []}), vec![]),
            "ingestion.get_submission" => (200, submitted, vec![]),
            _ => (500, json!({"error": {"code": "Unexpected", "message": op}}), vec![]),
        }
    };
    Scenario {
        head: ingestion_head(
            "ingestion-deadline",
            "A Partner Center ingestion publish (Listing module, preview, promote): the submission is created, but its status never gets ready and the 40 s deadline passes. The error carries a resume token naming submission S1.",
            ingestion_workflow(),
        ),
        responder: Box::new(service(api)),
        token_from: None,
    }
}

/// Continuing `ingestion-deadline` from its token: the same submission is polled, promoted, published.
fn ingestion_resume() -> Scenario {
    let api = |op: &str, n: usize, _: &Value| -> Reply {
        match (op, n) {
            ("ingestion.get_submission", 0) => {
                (200, json!({"id": "S1", "state": "InProgress", "substate": "ReadyToPublish"}), vec![])
            }
            ("ingestion.promote_submission", _) => (200, json!({"type": "Promote", "state": "InProgress"}), vec![]),
            ("ingestion.get_submission", _) => {
                (200, json!({"id": "S1", "state": "Published", "substate": "InStore"}), vec![])
            }
            _ => (500, json!({"error": {"code": "Unexpected", "message": op}}), vec![]),
        }
    };
    Scenario {
        head: ingestion_head(
            "ingestion-resume",
            "Continuing from the token `ingestion-deadline` ended with: submission S1 is polled (no second create), promoted to live once ReadyToPublish, and polled until InStore.",
            json!({"kind": "resume", "token": null, "stopAfter": "published"}),
        ),
        responder: Box::new(service(api)),
        token_from: Some("ingestion-deadline"),
    }
}

/// Every scenario; one whose `token_from` names another comes after it.
pub fn all() -> Vec<Scenario> {
    vec![
        app_publish(),
        create_503_adopts(),
        token_refresh_401(),
        resume_from_token(),
        win32_publish(),
        ingestion_deadline(),
        ingestion_resume(),
    ]
}
