//! The behaviour vectors (`tests/vectors/behaviour/scenarios.json`, format in its README) run by the CLI
//! binary: each scenario's request as the `storesubmit` command a user types (`app publish`, `--dry-run`
//! for a plan), a cancel as SIGINT when the scenario's stage shows on stderr, then `storesubmit resume` with
//! the token `--save-resume` wrote (or the same command again when there is none); the emulator's request
//! log checked as the vector says. Validation cases through `storesubmit validate --json`.

mod common;

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Command, Stdio};

use common::{bin, dir, write};
use serde_json::{json, Value};
use storesubmit::client::blocking::Client;
use storesubmit::http::{HttpRequest, Method};
use storesubmit_emulator::{Config, Emulator};

fn vectors() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/behaviour/scenarios.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn admin(http: &Client, method: Method, url: &str, body: Option<&Value>) -> Value {
    let mut req = HttpRequest::new(method, url);
    if let Some(b) = body {
        req = req.with_json(b);
    }
    let resp = http.send(req).unwrap();
    assert!(resp.is_success(), "{method:?} {url}: {}", resp.status);
    serde_json::from_slice(&resp.body).unwrap_or(Value::Null)
}

fn write_files(root: &Path, files: &Value, headers: &Value) {
    std::fs::create_dir_all(root).unwrap();
    for (name, size) in files.as_object().into_iter().flatten() {
        let path = name.split(['/', '\\']).fold(root.to_path_buf(), |p, s| p.join(s));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, file_bytes(name, size.as_u64().unwrap(), headers)).unwrap();
    }
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

/// The command a scenario's request is (the publish of `request`, or its dry run for a plan).
fn command(request: &Value, app_id: &str, cfg: &str, sub: &str, files: &Path, token: &Path) -> Vec<String> {
    let (publish, dry) = match request["workflow"].as_str().unwrap() {
        "plan" => (&request["request"], true),
        "call" => {
            assert_eq!(request["op"], "devcenter.get_app", "the CLI runner knows `app get`");
            return ["--json", "app", "get", "--config", cfg, "--app-id", app_id]
                .iter()
                .map(|s| s.to_string())
                .collect();
        }
        _ => (request, false),
    };
    assert_eq!(publish["workflow"], "publishAppSubmission", "the CLI runner knows app publishes");
    let mut args: Vec<String> = ["--json", "app", "publish", "--config", cfg, "--app-id", app_id, "--submission", sub]
        .iter()
        .map(|s| s.to_string())
        .collect();
    args.extend(["--files".into(), files.to_string_lossy().into_owned(), "--poll-interval".into(), "50ms".into()]);
    if dry {
        args.push("--dry-run".into());
    } else {
        args.extend(["--save-resume".into(), token.to_string_lossy().into_owned()]);
    }
    args
}

/// Runs the command; with `cancel_stage`, sends SIGINT when stderr shows that stage. Answers the exit
/// code, stdout and stderr.
fn run(args: &[String], cancel_stage: Option<&str>) -> (i32, String, String) {
    let mut child = bin().args(args).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let mut out = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        out.read_to_string(&mut s).unwrap();
        s
    });
    let mut err = BufReader::new(child.stderr.take().unwrap());
    let mut seen = String::new();
    let mut sent = false;
    loop {
        let mut line = String::new();
        if err.read_line(&mut line).unwrap() == 0 {
            break;
        }
        if let Some(stage) = cancel_stage.filter(|_| !sent) {
            let words: Vec<&str> = line.split_whitespace().collect();
            if words.windows(2).any(|w| w[0] == "stage" && w[1].trim_end_matches(':') == stage) {
                let st = Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap();
                assert!(st.success());
                sent = true;
            }
        }
        seen.push_str(&line);
    }
    let status = child.wait().unwrap();
    (status.code().unwrap_or(-1), reader.join().unwrap(), seen)
}

#[test]
fn every_scenario_behaves_through_the_cli() {
    let v = vectors();
    let mut ran = 0;
    for s in v["scenarios"].as_array().unwrap() {
        let name = s["name"].as_str().unwrap();
        let d = dir("behaviour", name);
        let emu = Emulator::start_blocking(Config::default()).expect("the emulator starts");
        let info = emu.info().clone();
        let cfg = write(&d.0, "emulator.json", &serde_json::to_value(&info).unwrap());
        let http = Client::new(storesubmit::flow::FlowConfig::new(
            info.endpoints(),
            storesubmit::api::auth::ClientCredentials::new("t", "c", "s"),
        ))
        .unwrap();
        admin(&http, Method::Patch, &format!("{}/settings", info.admin_url), Some(&v["emulatorSettings"]));
        for f in s["faults"].as_array().into_iter().flatten() {
            admin(&http, Method::Post, &format!("{}/faults", info.admin_url), Some(f));
        }
        admin(&http, Method::Delete, &format!("{}/requests", info.admin_url), None);
        let files = d.0.join("files");
        write_files(&files, &s["files"], &v["fileHeaders"]);
        let request: Value = serde_json::from_str(&s["request"].to_string().replace("{appId}", &info.app_id)).unwrap();
        let changes = request.get("changes").or_else(|| request["request"].get("changes")).cloned();
        let sub = write(&d.0, "submission.json", &changes.unwrap_or(json!({})));
        let token = d.0.join("token.json");
        let mut args = command(&request, &info.app_id, &cfg, &sub, &files, &token);
        for (k, v) in s["clientOptions"].as_object().into_iter().flatten() {
            assert_eq!(k, "deadline", "{name}: the CLI runner knows the deadline (--timeout) only");
            args.extend(["--timeout".to_string(), format!("{}s", v.as_u64().unwrap())]);
        }
        let cancel = s["cancelOn"]["stage"].as_str();
        let started = std::time::Instant::now();
        let (code, out, err) = run(&args, cancel);
        let expect = &s["expect"];
        if let Some(within) = expect["withinSeconds"].as_f64() {
            assert!(started.elapsed().as_secs_f64() <= within, "{name}: the run took {:?}", started.elapsed());
        }
        match expect.get("error").and_then(Value::as_str) {
            None => {
                assert_eq!(code, 0, "{name}: {out}{err}");
                let got: Value = serde_json::from_str(out.trim()).unwrap();
                let want = expect["outcome"].as_object().unwrap();
                assert!(want.iter().all(|(k, w)| got.get(k) == Some(w)), "{name}: {got}");
            }
            Some("cancelled") => {
                assert_eq!(code, 7, "{name}: interrupted exits 7: {out}{err}");
                if expect["resumeToken"] == json!(true) {
                    assert!(token.exists(), "{name}: --save-resume holds the token: {err}");
                }
            }
            Some(code_want) => {
                let got: Value = serde_json::from_str(out.trim()).unwrap_or(Value::Null);
                assert_eq!(got["error"]["code"], code_want, "{name}: {out}{err}");
                for i in expect["issues"].as_array().into_iter().flatten() {
                    let issues = got["error"]["issues"].as_array().cloned().unwrap_or_default();
                    assert!(issues.iter().any(|x| x["code"] == *i), "{name}: {i} in {got}");
                }
                assert_ne!(code, 0, "{name}");
            }
        }
        if s["secretsAbsent"] == json!(true) {
            let issued = admin(&http, Method::Get, &format!("{}/issued", info.admin_url), None);
            for secret in issued.as_array().unwrap() {
                let secret = secret.as_str().unwrap();
                assert!(!out.contains(secret) && !err.contains(secret), "{name}: a secret value shows: {out}{err}");
            }
            assert!(out.contains("the gateway repeats your request"), "{name}: the echo reached the error: {out}");
        }
        if s.get("then").is_some() {
            let (code, out, err) = if token.exists() {
                let resume = [
                    "--json",
                    "resume",
                    token.to_str().unwrap(),
                    "--config",
                    &cfg,
                    "--files",
                    files.to_str().unwrap(),
                    "--poll-interval",
                    "50ms",
                ];
                run(&resume.iter().map(|s| s.to_string()).collect::<Vec<_>>(), None)
            } else {
                assert_eq!(s["then"], "resumeOrRerun", "{name}: no token to resume: {err}");
                run(&args, None)
            };
            assert_eq!(code, 0, "{name}: the resume: {out}{err}");
            let got: Value = serde_json::from_str(out.trim()).unwrap();
            let want = s["final"].as_object().unwrap();
            assert!(want.iter().all(|(k, w)| got.get(k) == Some(w)), "{name}: {got}");
        }
        let log = admin(&http, Method::Get, &format!("{}/requests", info.admin_url), None);
        let log = log.as_array().cloned().unwrap_or_default();
        if let Some(n) = s["service"]["requests"].as_u64() {
            assert_eq!(log.len() as u64, n, "{name}: {log:?}");
        }
        for (op, n) in s["service"]["ops"].as_object().into_iter().flatten() {
            let ok = log
                .iter()
                .filter(|r| r["op"] == *op && r["status"].as_u64().is_some_and(|s| (200..300).contains(&s)))
                .count();
            assert_eq!(ok as u64, n.as_u64().unwrap(), "{name}: {op} answered 2xx {ok} time(s)");
        }
        ran += 1;
    }
    assert!(ran >= 11);
}

#[test]
fn every_validation_case_agrees_through_the_cli() {
    let v = vectors();
    for c in v["validate"].as_array().unwrap() {
        let name = c["name"].as_str().unwrap();
        let d = dir("behaviour-validate", name);
        let doc = match &c["document"] {
            Value::String(text) => {
                std::fs::write(d.0.join("doc.json"), text).unwrap();
                d.0.join("doc.json").to_string_lossy().into_owned()
            }
            v => write(&d.0, "doc.json", v),
        };
        let mut args = vec!["validate".to_string(), doc, "--json".to_string()];
        if let Some(k) = c["kind"].as_str() {
            args.extend(["--kind".into(), k.into()]);
        }
        if c["change"] == json!(true) {
            args.push("--change".into());
        }
        if let Some(files) = c.get("files") {
            write_files(&d.0.join("files"), files, &v["fileHeaders"]);
            args.extend(["--files".into(), d.0.join("files").to_string_lossy().into_owned()]);
        }
        let (_, out, err) = run(&args, None);
        let got: Value = serde_json::from_str(out.trim()).unwrap_or_else(|e| panic!("{name}: {e}: {out}{err}"));
        assert_eq!(got["valid"], c["expect"]["valid"], "{name}: {got}");
        assert_eq!(got["kind"], c["expect"]["kind"], "{name}: {got}");
        for code in c["expect"]["issues"].as_array().into_iter().flatten() {
            assert!(got["issues"].as_array().unwrap().iter().any(|i| i["code"] == *code), "{name}: {code} in {got}");
        }
    }
}
