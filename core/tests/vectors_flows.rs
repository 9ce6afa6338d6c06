//! The flow vectors (`tests/vectors/flows/*.json`, format in their README): every file is replayed —
//! its flow configured and driven one task at a time, each task matched against the file and answered
//! from it — and must end in the file's outcome. A second test rebuilds every vector from its scenario
//! below (a responder standing in for the service) and fails when a checked-in file differs from what
//! the flows send today; `STORESUBMIT_BLESS=1` rewrites the files instead.

use std::collections::{BTreeMap, VecDeque};
use std::path::{Path, PathBuf};

use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};
use storesubmit::api::auth::{AccessToken, ClientCredentials};
use storesubmit::flow::{self, Completion, Credentials, Event, Flow, Progress, ResumeToken, Step, Tick, Work};
use storesubmit::json::decode;
use storesubmit::options::ClientOptions;
use storesubmit::secret::redact_url;
use storesubmit::task::Machine;
use storesubmit::validate::FileSet;
use storesubmit::{Error, ErrorKind, HttpRequest, HttpResponse};

/// The client secret every `clientSecret` vector runs with (a placeholder, never a real one).
const CLIENT_SECRET: &str = "vector-client-secret";

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/flows")
}

// ---------------------------------------------------------------------------------------------------
// Building the flow a vector names.

fn build_flow(v: &Value) -> Flow {
    let options = ClientOptions::from_json(&v["config"]).expect("config");
    let credentials = match v["credentials"].as_str() {
        Some("clientSecret") => Credentials::ClientSecret(ClientCredentials::new("", "", CLIENT_SECRET)),
        Some("external") => Credentials::External,
        other => panic!("credentials {other:?}"),
    };
    let cfg = options.into_flow_config(credentials);
    let w = &v["workflow"];
    let stop_after = |key: &str| decode("stopAfter", &w[key]).expect("stopAfter");
    match w["kind"].as_str().unwrap_or("") {
        "devcenter.submission" => flow::devcenter::submission(
            cfg,
            decode("target", &w["target"]).expect("target"),
            decode("spec", &w["spec"]).expect("spec"),
            decode("options", &w["options"]).expect("options"),
        ),
        "win32.publish" => flow::win32::publish(
            cfg,
            w["productId"].as_str().expect("productId"),
            decode("spec", &w["spec"]).expect("spec"),
            stop_after("stopAfter"),
        ),
        "ingestion.publish" => flow::ingestion::publish(
            cfg,
            w["productId"].as_str().expect("productId"),
            decode("spec", &w["spec"]).expect("spec"),
            stop_after("stopAfter"),
        ),
        "resume" => {
            let token: ResumeToken = decode("token", &w["token"]).expect("token");
            flow::resume(cfg, &token, stop_after("stopAfter")).expect("resume")
        }
        other => panic!("workflow kind {other:?}"),
    }
}

// ---------------------------------------------------------------------------------------------------
// Tasks as JSON (what a vector's `task` holds) and answers as completions.

/// The body of a request as a vector writes it.
fn body_json(req: &HttpRequest) -> Value {
    if req.body.is_empty() {
        return Value::Null;
    }
    let content_type = req.header("Content-Type").unwrap_or("").to_ascii_lowercase();
    if content_type.contains("json") {
        if let Ok(v) = serde_json::from_slice::<Value>(&req.body) {
            return json!({ "json": v });
        }
    }
    if content_type.contains("x-www-form-urlencoded") {
        let text = String::from_utf8_lossy(&req.body);
        let mut form = Map::new();
        for pair in text.split('&') {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let v = if k == "client_secret" { "<redacted>".to_string() } else { url_decode(v) };
            form.insert(url_decode(k), Value::String(v));
        }
        return json!({ "form": form });
    }
    if content_type.contains("xml") {
        if let Ok(text) = std::str::from_utf8(&req.body) {
            return json!({ "text": text });
        }
    }
    let digest: String = Sha256::digest(&req.body).iter().map(|b| format!("{b:02x}")).collect();
    json!({ "sha256": digest, "length": req.body.len() })
}

fn url_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'+', _) => out.push(b' '),
            (b'%', Some(b)) => {
                out.push(b);
                i += 2;
            }
            (b, _) => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Headers a vector records: all the flow set except those a transport owns.
fn headers_json(req: &HttpRequest) -> Value {
    let mut m = Map::new();
    for (k, v) in &req.headers {
        if ["content-length", "user-agent"].contains(&k.to_ascii_lowercase().as_str()) {
            continue;
        }
        m.insert(
            k.clone(),
            Value::String(if k.eq_ignore_ascii_case("authorization") { v.clone() } else { redact_url(v) }),
        );
    }
    Value::Object(m)
}

/// A task as a vector writes it (`None` for a `read`, which vectors do not list).
fn task_json(work: &Work) -> Option<Value> {
    Some(match work {
        Work::Send { request, purpose } => json!({
            "kind": "send",
            "method": request.method.as_str(),
            "url": redact_url(&request.url),
            "purpose": purpose,
            "headers": headers_json(request),
            "body": body_json(request),
        }),
        Work::Wait { duration, reason } => json!({
            "kind": "wait",
            "seconds": duration.as_secs_f64(),
            "reason": reason,
        }),
        Work::List { archive } => json!({ "kind": "list", "archive": archive }),
        Work::Stat { names } => json!({ "kind": "stat", "names": names }),
        Work::Token { family, scope } => json!({ "kind": "token", "family": family, "scope": scope }),
        Work::Read { .. } | Work::Write { .. } | Work::File { .. } | Work::Command { .. } => return None,
    })
}

/// Whether the actual task matches the vector's: the same JSON, except that only the headers the
/// vector lists are compared (names case-insensitive) and a missing `body` is not compared.
fn task_matches(want: &Value, got: &Value) -> std::result::Result<(), String> {
    let (Some(w), Some(g)) = (want.as_object(), got.as_object()) else { return Err("not an object".into()) };
    for (k, wv) in w {
        let gv = g.get(k).unwrap_or(&Value::Null);
        let same = match k.as_str() {
            "headers" => wv.as_object().into_iter().flatten().all(|(name, value)| {
                gv.as_object().into_iter().flatten().any(|(n, v)| n.eq_ignore_ascii_case(name) && v == value)
            }),
            "seconds" => (wv.as_f64().unwrap_or(-1.0) - gv.as_f64().unwrap_or(-2.0)).abs() < 0.0005,
            _ => wv == gv,
        };
        if !same {
            return Err(format!("`{k}`: want {wv}, got {gv}"));
        }
    }
    for k in g.keys() {
        if !w.contains_key(k) && !["headers", "body"].contains(&k.as_str()) {
            return Err(format!("`{k}` missing from the vector"));
        }
    }
    Ok(())
}

/// The file pattern: byte `i` is `i % 251`.
fn pattern(offset: u64, end: u64) -> Vec<u8> {
    (offset..end).map(|i| (i % 251) as u8).collect()
}

fn completion(answer: &Value, work: &Work, files: &BTreeMap<String, u64>, now: u64) -> Completion {
    match answer["kind"].as_str().unwrap_or("") {
        "response" => {
            let status = answer["status"].as_u64().expect("status") as u16;
            let mut resp = if let Some(j) = answer.get("json") {
                HttpResponse::json(status, j)
            } else if let Some(t) = answer["text"].as_str() {
                HttpResponse::new(status, t.as_bytes().to_vec())
            } else {
                HttpResponse::new(status, Vec::new())
            };
            for (k, v) in answer["headers"].as_object().into_iter().flatten() {
                resp = resp.with_header(k.clone(), v.as_str().unwrap_or("").to_string());
            }
            Completion::Response(resp)
        }
        "failed" => {
            let kind = ErrorKind::from_code(answer["error"].as_str().unwrap_or("")).expect("an error code");
            Completion::Failed(Error::new(kind, answer["message"].as_str().unwrap_or("")))
        }
        "waited" => Completion::Waited,
        "files" => {
            let mut set = FileSet::new();
            for (name, size) in files {
                if *size == 0 {
                    set.insert_empty(name);
                } else {
                    set.insert(name);
                }
            }
            Completion::Files(set)
        }
        "sizes" => match work {
            Work::Stat { names } => Completion::Sizes(names.iter().map(|n| files.get(n).copied()).collect()),
            _ => panic!("`sizes` answers a stat"),
        },
        "token" => {
            let life = answer["expiresIn"].as_u64().expect("expiresIn");
            Completion::Token(AccessToken {
                token: answer["token"].as_str().expect("token").to_string().into(),
                obtained_at: now,
                expires_at: now + life,
            })
        }
        other => panic!("answer kind {other:?}"),
    }
}

// ---------------------------------------------------------------------------------------------------
// Driving a flow (the README's order), with answers from a vector or from a scenario's responder.

/// What a run produced: the exchanges as a vector writes them, the outcome, the stages entered.
struct Run {
    exchanges: Vec<Value>,
    outcome: Value,
}

/// Something that answers tasks: the next exchange's answer (and clock advance) for this task JSON.
trait Answers {
    fn answer(&mut self, task: &Value) -> std::result::Result<(Value, u64), String>;
}

fn drive(v: &Value, answers: &mut dyn Answers) -> std::result::Result<Run, String> {
    let mut flow = build_flow(v);
    let files: BTreeMap<String, u64> = v["files"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(k, s)| (k.clone(), s.as_u64().expect("a file size")))
        .collect();
    let jitter = v["clock"]["jitter"].as_f64().unwrap_or(0.5);
    let mut now = v["clock"]["start"].as_u64().unwrap_or(1_000_000);
    let tick = |now: u64| Tick { now, jitter };
    let mut queue = VecDeque::new();
    let mut exchanges = Vec::new();
    let mut stages = Vec::new();
    let mut step = flow.resume(Event::Start, tick(now));
    let result = loop {
        for p in flow.take_progress() {
            if let Progress::Stage(s) = p {
                stages.push(Value::String(s));
            }
        }
        match step {
            Step::Done(r) => break r,
            Step::Run(tasks) => queue.extend(tasks),
            Step::Pending => {}
        }
        if exchanges.len() > 5_000 {
            return Err("more than 5,000 exchanges".into());
        }
        let task = queue.pop_front().ok_or("the flow waits for a task it never handed out")?;
        let completion = match task_json(&task.work) {
            None => match &task.work {
                Work::Read { name, offset, len } => {
                    let size = *files.get(name).ok_or_else(|| format!("read of unknown file {name}"))?;
                    Completion::Data(pattern(*offset, size.min(offset + len)))
                }
                _ => unreachable!(),
            },
            Some(t) => {
                let (answer, advance) = answers.answer(&t).map_err(|e| format!("exchange {}: {e}", exchanges.len()))?;
                now += advance;
                if let Work::Wait { duration, .. } = &task.work {
                    now += duration.as_secs().max(1);
                }
                let c = completion(&answer, &task.work, &files, now);
                let mut x = json!({ "task": t });
                if advance > 0 {
                    x["advance"] = json!(advance);
                }
                x["answer"] = answer;
                exchanges.push(x);
                c
            }
        };
        step = flow.resume(Event::Completed(task.id, completion), tick(now));
    };
    let mut outcome = match result {
        Ok(o) => json!({ "ok": o }),
        Err(e) => {
            let mut err = json!({ "code": e.code(), "messageContains": [e.message()] });
            if let Some(s) = e.status() {
                err["status"] = json!(s);
            }
            err["resumeToken"] = flow.resume_token().map_or(Value::Null, |t| Value::String(t.to_json()));
            json!({ "error": err })
        }
    };
    outcome["progress"] = Value::Array(stages);
    Ok(Run { exchanges, outcome })
}

/// Answers from a vector's exchanges, checking each task against the vector's.
struct Replay<'a> {
    exchanges: std::slice::Iter<'a, Value>,
}

impl Answers for Replay<'_> {
    fn answer(&mut self, task: &Value) -> std::result::Result<(Value, u64), String> {
        let x = self.exchanges.next().ok_or_else(|| format!("no exchange left for {task}"))?;
        task_matches(&x["task"], task)?;
        Ok((x["answer"].clone(), x["advance"].as_u64().unwrap_or(0)))
    }
}

/// Whether the actual outcome matches the vector's (the README's rules).
fn outcome_matches(want: &Value, got: &Value) -> std::result::Result<(), String> {
    let compare = |w: &Value, g: &Value, what: &str| -> std::result::Result<(), String> {
        for (k, wv) in w.as_object().into_iter().flatten() {
            let gv = g.get(k).unwrap_or(&Value::Null);
            let same = if k == "messageContains" {
                let msg = g["messageContains"][0].as_str().unwrap_or("");
                wv.as_array().into_iter().flatten().all(|s| msg.contains(s.as_str().unwrap_or("\u{0}")))
            } else {
                wv == gv
            };
            if !same {
                return Err(format!("{what}.{k}: want {wv}, got {gv}"));
            }
        }
        Ok(())
    };
    for key in ["ok", "error"] {
        if let Some(w) = want.get(key) {
            let g = got.get(key).ok_or_else(|| format!("want `{key}`, got {got}"))?;
            compare(w, g, key)?;
        }
    }
    if let Some(p) = want.get("progress") {
        if p != &got["progress"] {
            return Err(format!("progress: want {p}, got {}", got["progress"]));
        }
    }
    Ok(())
}

fn vector_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir())
        .expect("tests/vectors/flows")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

/// What must never appear in a vector or in what a flow shows.
fn assert_no_secret(text: &str, what: &str) {
    assert!(!text.contains(CLIENT_SECRET), "{what}: the client secret");
    for (i, _) in text.match_indices("sig=") {
        assert!(
            text[i + 4..].starts_with("<redacted>"),
            "{what}: a SAS signature at {}",
            &text[i..text.len().min(i + 30)]
        );
    }
}

#[test]
fn every_flow_vector_replays() {
    let files = vector_files();
    assert!(files.len() >= 7, "the vectors: {files:?}");
    let mut exchanges = 0;
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        assert_no_secret(&text, &name);
        let v: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(v["name"].as_str().map(|n| format!("{n}.json")), Some(name.clone()), "`name` is the file's");
        let want = v["exchanges"].as_array().unwrap_or_else(|| panic!("{name}: exchanges"));
        let mut replay = Replay { exchanges: want.iter() };
        let run = drive(&v, &mut replay).unwrap_or_else(|e| panic!("{name}: {e}"));
        let left = replay.exchanges.len();
        assert_eq!(left, 0, "{name}: {left} exchanges were not used");
        outcome_matches(&v["outcome"], &run.outcome).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_no_secret(&run.outcome.to_string(), &name);
        exchanges += run.exchanges.len();
    }
    assert!(exchanges > 70, "{exchanges} exchanges in all");
}

#[test]
fn a_mismatching_vector_fails() {
    // The runner is not lenient: a changed URL, a changed body, an extra exchange each fail.
    let path = dir().join("app-publish.json");
    let v: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    type Mutation = (&'static str, fn(&mut Value));
    let mutations: [Mutation; 4] = [
        ("url", |v| v["exchanges"][1]["task"]["url"] = json!("http://127.0.0.1:1/elsewhere")),
        ("body", |v| {
            let x = v["exchanges"].as_array_mut().unwrap().iter_mut().find(|x| x["task"]["method"] == "PUT").unwrap();
            x["task"]["body"] = json!({"json": {}});
        }),
        ("extra exchange", |v| {
            let last = v["exchanges"].as_array().unwrap().last().unwrap().clone();
            v["exchanges"].as_array_mut().unwrap().push(last);
        }),
        ("outcome", |v| v["outcome"]["ok"]["stage"] = json!("draft")),
    ];
    for (what, mutate) in mutations {
        let mut m = v.clone();
        mutate(&mut m);
        let want = m["exchanges"].as_array().unwrap().clone();
        let mut replay = Replay { exchanges: want.iter() };
        let failed = match drive(&m, &mut replay) {
            Err(_) => true,
            Ok(run) => replay.exchanges.len() > 0 || outcome_matches(&m["outcome"], &run.outcome).is_err(),
        };
        assert!(failed, "a vector with a wrong {what} passed");
    }
}

#[path = "support/flow_scenarios.rs"]
mod scenarios;

#[test]
fn the_vectors_are_what_the_flows_do_today() {
    let bless = std::env::var_os("STORESUBMIT_BLESS").is_some();
    let mut outcomes: BTreeMap<String, Value> = BTreeMap::new();
    for s in scenarios::all() {
        let mut v = s.head.clone();
        if let Some(from) = s.token_from {
            let o = &outcomes[from];
            let token =
                o["ok"].get("resumeToken").or_else(|| o["error"].get("resumeToken")).cloned().unwrap_or(Value::Null);
            assert!(token.is_string(), "{from} ended without a resume token: {o}");
            v["workflow"]["token"] = token;
        }
        let mut responder = s.responder;
        let run = drive(&v, &mut *responder).unwrap_or_else(|e| panic!("{}: {e}", s.head["name"]));
        v["exchanges"] = Value::Array(run.exchanges);
        outcomes.insert(v["name"].as_str().unwrap().to_string(), run.outcome.clone());
        v["outcome"] = run.outcome;
        let text = serde_json::to_string_pretty(&v).unwrap() + "\n";
        let path = dir().join(format!("{}.json", v["name"].as_str().unwrap()));
        if bless {
            std::fs::write(&path, &text).unwrap();
        } else {
            let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
            assert!(on_disk == text, "{} is stale: run with STORESUBMIT_BLESS=1 and review the diff", path.display());
        }
    }
}
