//! The behaviour vectors (`tests/vectors/behaviour/scenarios.json`, format in its README) run by the Rust
//! surface: the client on the native executor, each scenario against a fresh emulator — publish,
//! cancel at each stage then resume (exactly one submission), pre-flight refusals before any request —
//! and the validation cases through the wire call every binding uses.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{json, Value};
use storesubmit::api::auth::ClientCredentials;
use storesubmit::client::{Cancel, Client, Progress};
use storesubmit::flow::Outcome;
use storesubmit::http::{HttpRequest, Method};
use storesubmit::options::ClientOptions;
use storesubmit::wire::{progress_json, workflow_from_json};
use storesubmit::Error;
use storesubmit_emulator::{Config, Emulator, EmulatorHandle};

fn vectors() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/behaviour/scenarios.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Fills `{appId}` (and the other fixture ids) into a request.
fn fill(v: &Value, emu: &EmulatorHandle) -> Value {
    let info = serde_json::to_value(emu.info()).unwrap();
    let mut text = v.to_string();
    for (key, name) in [("app_id", "appId"), ("addon_id", "addonId"), ("flight_id", "flightId")] {
        text = text.replace(&format!("{{{name}}}"), info[key].as_str().unwrap_or(""));
    }
    serde_json::from_str(&text).unwrap()
}

/// A fresh folder with the scenario's files ([`file_bytes`]).
fn write_files(name: &str, files: &Value, headers: &Value) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("storesubmit-behaviour-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for (name, size) in files.as_object().into_iter().flatten() {
        let path = name.split(['/', '\\']).fold(dir.clone(), |p, s| p.join(s));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, file_bytes(name, size.as_u64().unwrap(), headers)).unwrap();
    }
    dir
}

/// A vector file's bytes: byte `i` is `i % 251`, the start overwritten by the `fileHeaders` entry of the
/// name's extension (a real PNG header for a `.png`).
fn file_bytes(name: &str, size: u64, headers: &Value) -> Vec<u8> {
    let mut bytes: Vec<u8> = (0..size).map(|i| (i % 251) as u8).collect();
    for (ext, hex) in headers.as_object().into_iter().flatten() {
        if name.to_ascii_lowercase().ends_with(ext.as_str()) {
            let head: Vec<u8> = (0..hex.as_str().unwrap().len() / 2)
                .map(|i| u8::from_str_radix(&hex.as_str().unwrap()[2 * i..2 * i + 2], 16).unwrap())
                .collect();
            let n = head.len().min(bytes.len());
            bytes[..n].copy_from_slice(&head[..n]);
        }
    }
    bytes
}

fn admin(client: &Client, rt: &tokio::runtime::Runtime, method: Method, url: &str, body: Option<&Value>) -> Value {
    let mut req = HttpRequest::new(method, url);
    if let Some(b) = body {
        req = req.with_json(b);
    }
    let resp = rt.block_on(client.send(req)).unwrap();
    assert!(resp.is_success(), "{method:?} {url}: {}", resp.status);
    serde_json::from_slice(&resp.body).unwrap_or(Value::Null)
}

/// Whether every field of `want` is in `got` with the same value.
fn includes(got: &Value, want: &Value) -> bool {
    want.as_object().into_iter().flatten().all(|(k, v)| got.get(k) == Some(v))
}

struct Run {
    result: Result<Outcome, Error>,
}

fn run(
    client: &Client,
    rt: &tokio::runtime::Runtime,
    cfg: &ClientOptions,
    request: &Value,
    files: &Path,
    cancel_on: Option<&Value>,
) -> Run {
    let _ = cfg;
    let cancel = Cancel::new();
    let seen: Arc<Mutex<Vec<Value>>> = Arc::default();
    let flow = workflow_from_json(client.config().clone(), request);
    let result = match flow {
        Err(e) => Err(e),
        Ok(flow) => {
            let (c2, want, seen2) = (cancel.clone(), cancel_on.cloned(), seen.clone());
            let watcher = client.clone().with_progress(Arc::new(move |p: &Progress| {
                let v = progress_json(p);
                if want.as_ref().is_some_and(|w| includes(&v, w)) {
                    c2.cancel();
                }
                seen2.lock().unwrap().push(v);
            }));
            rt.block_on(watcher.run_until(flow, Some(files), &cancel))
        }
    };
    Run { result }
}

#[test]
fn every_scenario_behaves_on_the_rust_surface() {
    let v = vectors();
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    let options = v["clientOptions"].clone();
    let mut ran = 0;
    for s in v["scenarios"].as_array().unwrap() {
        let name = s["name"].as_str().unwrap();
        let emu = Emulator::start_blocking(Config::default()).expect("the emulator starts");
        let info = emu.info().clone();
        let mut opts = options.clone();
        opts["endpoints"] = json!({"devcenter": info.devcenter_url, "win32": info.win32_url,
            "ingestion": info.ingestion_url, "token": info.token_url});
        opts["sellerId"] = json!(info.seller_id);
        for (k, v) in s["clientOptions"].as_object().into_iter().flatten() {
            opts[k] = v.clone();
        }
        let client_options = ClientOptions::from_json(&opts).unwrap();
        let creds = ClientCredentials::new(&info.tenant_id, &info.client_id, info.client_secret.as_str());
        let client = Client::new(client_options.clone().into_flow_config(creds)).unwrap();
        admin(&client, &rt, Method::Patch, &format!("{}/settings", info.admin_url), Some(&v["emulatorSettings"]));
        for f in s["faults"].as_array().into_iter().flatten() {
            admin(&client, &rt, Method::Post, &format!("{}/faults", info.admin_url), Some(f));
        }
        admin(&client, &rt, Method::Delete, &format!("{}/requests", info.admin_url), None);
        let files = write_files(name, &s["files"], &v["fileHeaders"]);
        let request = fill(&s["request"], &emu);
        let started = std::time::Instant::now();
        let first = run(&client, &rt, &client_options, &request, &files, s.get("cancelOn"));
        let expect = &s["expect"];
        if let Some(within) = expect["withinSeconds"].as_f64() {
            assert!(started.elapsed().as_secs_f64() <= within, "{name}: the run took {:?}", started.elapsed());
        }
        let mut last = match (&first.result, expect.get("error")) {
            (Ok(out), None) => {
                let got = serde_json::to_value(out).unwrap();
                assert!(includes(&got, &expect["outcome"]), "{name}: outcome {got}");
                got
            }
            (Err(e), Some(code)) => {
                assert_eq!(e.code(), code.as_str().unwrap(), "{name}: {e}");
                if expect["resumeToken"] == json!(true) {
                    assert!(e.resume_token().is_some(), "{name}: no resume token in {e:?}");
                }
                for want in expect["issues"].as_array().into_iter().flatten() {
                    assert!(e.issues().iter().any(|i| i.code == want.as_str().unwrap()), "{name}: {e:?}");
                }
                Value::Null
            }
            (r, _) => panic!("{name}: expected {expect}, got {r:?}"),
        };
        if s["secretsAbsent"] == json!(true) {
            let issued = admin(&client, &rt, Method::Get, &format!("{}/issued", info.admin_url), None);
            let e = first.result.as_ref().unwrap_err();
            let shown = format!("{e} {e:?} {}", storesubmit::wire::error_json(e));
            for secret in issued.as_array().unwrap() {
                let secret = secret.as_str().unwrap();
                assert!(!shown.contains(secret), "{name}: a secret value shows in {shown}");
            }
            assert!(shown.contains("the gateway repeats your request"), "{name}: the echo reached the error: {shown}");
        }
        if let Some(then) = s["then"].as_str() {
            let e = first.result.as_ref().unwrap_err();
            let next = match (then, e.resume_token()) {
                (_, Some(token)) => json!({"workflow": "resume", "token": token}),
                ("resumeOrRerun", None) => request.clone(),
                (_, None) => panic!("{name}: `resume` needs a resume token"),
            };
            let again = run(&client, &rt, &client_options, &next, &files, None);
            let out = again.result.unwrap_or_else(|e| panic!("{name}: the {then} failed: {e}"));
            last = serde_json::to_value(&out).unwrap();
            assert!(includes(&last, &s["final"]), "{name}: final outcome {last}");
        }
        let _ = last;
        let log = admin(&client, &rt, Method::Get, &format!("{}/requests", info.admin_url), None);
        let log = log.as_array().cloned().unwrap_or_default();
        if let Some(n) = s["service"]["requests"].as_u64() {
            assert_eq!(log.len() as u64, n, "{name}: requests {log:?}");
        }
        for (op, n) in s["service"]["ops"].as_object().into_iter().flatten() {
            let ok = log
                .iter()
                .filter(|r| r["op"] == *op && r["status"].as_u64().is_some_and(|s| (200..300).contains(&s)))
                .count();
            assert_eq!(ok as u64, n.as_u64().unwrap(), "{name}: {op} answered 2xx {ok} time(s)");
        }
        let _ = std::fs::remove_dir_all(&files);
        std::thread::sleep(Duration::from_millis(10));
        ran += 1;
    }
    assert!(ran >= 11, "{ran} scenarios");
}

#[test]
fn every_validation_case_agrees() {
    for c in vectors()["validate"].as_array().unwrap() {
        let mut args = json!({"document": c["document"]});
        for key in ["kind", "files", "change"] {
            if let Some(v) = c.get(key) {
                args[key] = v.clone();
            }
        }
        let got = storesubmit::wire::call("validate", &args).unwrap();
        let name = c["name"].as_str().unwrap();
        assert_eq!(got["valid"], c["expect"]["valid"], "{name}: {got}");
        assert_eq!(got["kind"], c["expect"]["kind"], "{name}: {got}");
        for code in c["expect"]["issues"].as_array().into_iter().flatten() {
            assert!(got["issues"].as_array().unwrap().iter().any(|i| i["code"] == *code), "{name}: {code} in {got}");
        }
    }
}

/// A binding's view: the same publish through a [`storesubmit::host::Session`], the binding keeping the
/// sends (as .NET's `HttpClient`, a Python transport or `fetch` do) and cancelling at the upload; the error
/// carries the token, and a second session resumes it.
#[test]
fn a_session_hands_the_binding_its_tasks_and_cancels_with_a_resume_token() {
    use storesubmit::host::{DelegateKinds, Session, SessionHost};
    use storesubmit::secret::Secret;
    use storesubmit::wire::Job;

    let emu = Emulator::start_blocking(Config::default()).expect("the emulator starts");
    let info = emu.info().clone();
    let options = json!({"tenantId": info.tenant_id, "clientId": info.client_id, "poll": {"initial": 0.05, "max": 0.2},
        "endpoints": {"devcenter": info.devcenter_url, "win32": info.win32_url, "ingestion": info.ingestion_url, "token": info.token_url}});
    let files = write_files("session", &json!({"app.msixupload": 65536}), &Value::Null);
    let host = SessionHost {
        files: Some(files.clone()),
        keep: DelegateKinds { send: true, ..DelegateKinds::default() },
        ..SessionHost::default()
    };
    let http = reqwest::Client::new();
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    // The binding's loop: progress forwarded, sends made with its own client, cancel at the upload.
    let drive = |request: &Value, cancel_at_upload: bool| -> Value {
        let job = Job::start(&options, Some(Secret::new(info.client_secret.as_str())), request).unwrap();
        let session = Session::start(job, host.clone()).unwrap();
        let mut sent = 0;
        loop {
            let m = session.next(Duration::from_secs(5));
            for p in m["progress"].as_array().unwrap() {
                if cancel_at_upload && p["kind"] == "stage" && p["stage"] == "upload" {
                    session.cancel();
                }
            }
            for t in m["tasks"].as_array().unwrap() {
                assert_eq!(t["kind"], "send", "only the kept kinds are handed over: {t}");
                let id = t["id"].as_u64().unwrap();
                let method = reqwest::Method::from_bytes(t["method"].as_str().unwrap().as_bytes()).unwrap();
                let mut rb = http.request(method, t["url"].as_str().unwrap()).body(session.take_body(id));
                for h in t["headers"].as_array().unwrap() {
                    rb = rb.header(h[0].as_str().unwrap(), h[1].as_str().unwrap());
                }
                let (status, headers, body) = rt.block_on(async {
                    let resp = rb.send().await.unwrap();
                    let status = resp.status().as_u16();
                    let headers: Vec<Value> =
                        resp.headers().iter().map(|(k, v)| json!([k.as_str(), v.to_str().unwrap_or("")])).collect();
                    (status, headers, resp.bytes().await.unwrap().to_vec())
                });
                session
                    .complete(&json!({"id": id, "kind": "response", "status": status, "headers": headers}), body)
                    .unwrap();
                sent += 1;
            }
            if !m["done"].is_null() {
                assert!(sent > 0);
                return m["done"].clone();
            }
        }
    };
    let request = json!({"workflow": "publishAppSubmission", "appId": info.app_id,
        "changes": {"applicationPackages": [{"fileName": "app.msixupload"}]}});
    let done = drive(&request, true);
    assert_eq!(done["error"]["code"], "cancelled", "{done}");
    let token = done["error"]["resumeToken"].as_str().expect("a resume token").to_string();
    let done = drive(&json!({"workflow": "resume", "token": token}), false);
    assert_eq!(done["outcome"]["stage"], "published", "{done}");
    assert_eq!(emu.count_op("devcenter.create_app_submission"), 1);
    let _ = std::fs::remove_dir_all(&files);
}
