//! The host kit's acceptance test: a whole app publish (token, create, update, ZIP upload in blocks,
//! commit, poll) against the emulator, once through `run_sync` with a host that only moves bytes
//! (a plain HTTP/1.1 exchange over `std::net::TcpStream`, `std::thread::sleep`, `LocalFiles`: no
//! uploader, retry or token code of its own) and once through the bundled `Client`. A recording proxy
//! in front of each emulator writes down every request; both transcripts (method, path, query without
//! the SAS's time-dependent and secret parts, body digest; in order, Put Block as a multiset) and the
//! progress both hosts report must be equal. Also: cancelling mid-upload leaves a resume token that
//! completes the publish (skipping the blocks already staged), and an external credential is asked
//! again after a 401; and a host that sees only the JSON form (`storesubmit::wire`) sends the same requests.
#![cfg(feature = "reqwest")]

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::json;
use sha2::{Digest, Sha256};
use storesubmit::api::auth::{parse_token_response, token_request, AccessToken, ClientCredentials, TokenVersion};
use storesubmit::api::{Endpoints, Family};
use storesubmit::client::blocking::Client;
use storesubmit::client::Client as AsyncClient;
use storesubmit::files::LocalFiles;
use storesubmit::flow::devcenter::{self, SubmissionOptions, Target};
use storesubmit::flow::{
    Credentials, Event, FlowConfig, Progress, Purpose, Step, StopAfter, SubmissionSpec, Tick, WaitReason, Work,
};
use storesubmit::options::ClientOptions;
use storesubmit::policy::PollSchedule;
use storesubmit::secret::Secret;
use storesubmit::task::{perform, run_sync, Machine, SyncHost};
use storesubmit::upload::UploadSettings;
use storesubmit::validate::FileSet;
use storesubmit::wire::Run;
use storesubmit::{ErrorKind, HttpRequest, HttpResponse, Result};
use storesubmit_emulator::{Config, Emulator, EmulatorHandle, FaultRule};

// ---------------------------------------------------------------------------------------------------
// HTTP/1.1 over TcpStream: just enough for the emulator (Content-Length or chunked bodies).

struct Message {
    head: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

fn read_message(r: &mut impl BufRead) -> std::io::Result<Option<Message>> {
    let mut head = String::new();
    if r.read_line(&mut head)? == 0 {
        return Ok(None);
    }
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        r.read_line(&mut line)?;
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((k, v)) = line.split_once(':') {
            headers.push((k.trim().to_string(), v.trim().to_string()));
        }
    }
    let header = |name: &str| headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.clone());
    let mut body = Vec::new();
    if header("transfer-encoding").is_some_and(|v| v.eq_ignore_ascii_case("chunked")) {
        loop {
            let mut size = String::new();
            r.read_line(&mut size)?;
            let n = usize::from_str_radix(size.trim().split(';').next().unwrap_or("0"), 16).unwrap_or(0);
            let mut chunk = vec![0; n + 2];
            r.read_exact(&mut chunk)?;
            if n == 0 {
                break;
            }
            body.extend_from_slice(&chunk[..n]);
        }
    } else if let Some(len) = header("content-length").and_then(|v| v.parse::<usize>().ok()) {
        body.resize(len, 0);
        r.read_exact(&mut body)?;
    } else if !head.starts_with("HTTP/") {
        // a request without a body
    } else {
        r.read_to_end(&mut body)?;
    }
    Ok(Some(Message { head: head.trim_end().to_string(), headers, body }))
}

fn write_message(w: &mut impl Write, head: &str, headers: &[(String, String)], body: &[u8]) -> std::io::Result<()> {
    let mut out = format!("{head}\r\n");
    for (k, v) in headers {
        if !["content-length", "transfer-encoding", "connection", "host"].contains(&k.to_ascii_lowercase().as_str()) {
            out.push_str(&format!("{k}: {v}\r\n"));
        }
    }
    out.push_str(&format!("content-length: {}\r\n\r\n", body.len()));
    w.write_all(out.as_bytes())?;
    w.write_all(body)?;
    w.flush()
}

/// One request on a fresh connection (`Connection: close`), the answer whatever its status.
fn exchange(port: u16, method: &str, target: &str, headers: &[(String, String)], body: &[u8]) -> Result<Message> {
    let io = |e: std::io::Error| storesubmit::Error::new(ErrorKind::Transport, e.to_string());
    let mut s = TcpStream::connect(("127.0.0.1", port)).map_err(io)?;
    let mut head = format!("{method} {target} HTTP/1.1\r\nconnection: close\r\nhost: 127.0.0.1:{port}\r\n");
    for (k, v) in headers {
        if !["content-length", "connection", "host"].contains(&k.to_ascii_lowercase().as_str()) {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
    }
    head.push_str(&format!("content-length: {}\r\n\r\n", body.len()));
    s.write_all(head.as_bytes()).and_then(|()| s.write_all(body)).map_err(io)?;
    read_message(&mut BufReader::new(s)).map_err(io)?.ok_or_else(|| io(std::io::ErrorKind::UnexpectedEof.into()))
}

/// `http://127.0.0.1:<port>/<target>` split.
fn split_url(url: &str) -> (u16, String) {
    let rest = url.strip_prefix("http://127.0.0.1:").expect("a loopback URL");
    let (port, target) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    (port.parse().unwrap(), if target.is_empty() { "/".into() } else { target.to_string() })
}

// ---------------------------------------------------------------------------------------------------
// The recording proxy.

/// One request as recorded: method, path and query (without `sig`, `se`, `st`), body digest.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Line {
    method: String,
    target: String,
    body: String,
}

impl Line {
    fn is_put_block(&self) -> bool {
        self.target.contains("comp=block&") || self.target.ends_with("comp=block")
    }
}

fn normalise(target: &str) -> String {
    let Some((path, query)) = target.split_once('?') else { return target.to_string() };
    let kept: Vec<&str> =
        query.split('&').filter(|p| !["sig=", "se=", "st="].iter().any(|k| p.starts_with(k))).collect();
    format!("{path}?{}", kept.join("&"))
}

/// Forwards every request to the emulator, records it, and points the URLs in answers (the SAS upload
/// URL) at itself, so that blob requests go through it too.
struct Recorder {
    port: u16,
    log: Arc<Mutex<Vec<Line>>>,
}

impl Recorder {
    fn start(target: u16) -> Recorder {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let log = Arc::new(Mutex::new(Vec::new()));
        let sink = log.clone();
        std::thread::spawn(move || {
            for conn in listener.incoming() {
                let Ok(conn) = conn else { continue };
                let sink = sink.clone();
                std::thread::spawn(move || {
                    let mut reader = BufReader::new(conn.try_clone().unwrap());
                    let mut writer = conn;
                    while let Ok(Some(req)) = read_message(&mut reader) {
                        let mut parts = req.head.split(' ');
                        let (method, path) = (parts.next().unwrap_or("").to_string(), parts.next().unwrap_or(""));
                        let digest = hex(&Sha256::digest(&req.body)[..8]);
                        sink.lock().unwrap().push(Line {
                            method: method.clone(),
                            target: normalise(path),
                            body: digest,
                        });
                        let Ok(resp) = exchange(target, &method, path, &req.headers, &req.body) else { break };
                        let body = String::from_utf8(resp.body.clone())
                            .map(|t| {
                                t.replace(&format!("127.0.0.1:{target}"), &format!("127.0.0.1:{port}")).into_bytes()
                            })
                            .unwrap_or(resp.body);
                        if write_message(&mut writer, &resp.head, &resp.headers, &body).is_err() {
                            break;
                        }
                    }
                });
            }
        });
        Recorder { port, log }
    }

    fn endpoints(&self, emu: &EmulatorHandle) -> Endpoints {
        let to_me =
            |u: &str| u.replacen(&format!("127.0.0.1:{}", emu.addr().port()), &format!("127.0.0.1:{}", self.port), 1);
        let e = emu.info().prefixed_endpoints();
        Endpoints {
            devcenter: to_me(&e.devcenter),
            win32: to_me(&e.win32),
            ingestion: to_me(&e.ingestion),
            token: to_me(&e.token),
        }
    }

    /// The transcript: the requests other than Put Block in order, and the Put Blocks as a multiset.
    /// The ids each emulator makes up (the submission's, the blob's name) read `{submission}`, `{blob}`.
    fn transcript(&self, submission_id: &str) -> (Vec<Line>, BTreeMap<Line, usize>) {
        let log = self.log.lock().unwrap().clone();
        let mut blocks = BTreeMap::new();
        let mut rest = Vec::new();
        for mut l in log {
            l.target = l.target.replace(submission_id, "{submission}");
            if let Some(blob) = l.target.strip_prefix("/blob/").and_then(|t| t.split('?').next()) {
                let container = blob.split('/').next().unwrap_or("");
                l.target = l.target.replacen(blob, &format!("{container}/{{blob}}"), 1);
            }
            if l.is_put_block() {
                *blocks.entry(l).or_insert(0) += 1;
            } else {
                rest.push(l);
            }
        }
        (rest, blocks)
    }
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

// ---------------------------------------------------------------------------------------------------
// The host that only moves bytes.

struct BytesHost {
    files: LocalFiles,
    progress: Vec<Progress>,
    /// The external credential, when the flow uses one: the client id and secret it holds, and every
    /// scope it was asked for.
    credential: Option<(ClientCredentials, Endpoints, Vec<String>)>,
}

impl BytesHost {
    fn new(files: &Path) -> Self {
        BytesHost { files: LocalFiles::new(files), progress: Vec::new(), credential: None }
    }
}

impl SyncHost for BytesHost {
    fn now(&mut self) -> u64 {
        SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs()
    }
    fn jitter(&mut self) -> f64 {
        0.5
    }
    fn send(&mut self, req: HttpRequest, _purpose: &Purpose) -> Result<HttpResponse> {
        let (port, target) = split_url(&req.url);
        let m = exchange(port, req.method.as_str(), &target, &req.headers, &req.body)?;
        let status = m.head.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
        let mut resp = HttpResponse::new(status, m.body);
        for (k, v) in m.headers {
            resp = resp.with_header(k, v);
        }
        Ok(resp)
    }
    fn sleep(&mut self, duration: Duration, _reason: &WaitReason) {
        std::thread::sleep(duration);
    }
    fn list(&mut self, archive: Option<&str>) -> Result<FileSet> {
        self.files.list(archive)
    }
    fn stat(&mut self, names: &[String]) -> Result<Vec<Option<u64>>> {
        self.files.stat(names)
    }
    fn read(&mut self, name: &str, offset: u64, len: u64) -> Result<Vec<u8>> {
        self.files.read(name, offset, len)
    }
    fn token(&mut self, family: Family, scope: &str) -> Result<AccessToken> {
        // Stands for azure-identity: the credential gets its token its own way.
        let (creds, endpoints, asked) = self.credential.as_mut().expect("a credential");
        asked.push(scope.to_string());
        let req = token_request(endpoints, creds, family, TokenVersion::V2)?;
        let now = self.now();
        parse_token_response(&self.send(req, &Purpose::Api { op: "credential".into() })?, now)
    }
    fn progress(&mut self, event: Progress) {
        self.progress.push(event);
    }
}

// ---------------------------------------------------------------------------------------------------
// Fixtures.

struct Files(PathBuf);

impl Drop for Files {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn files(tag: &str) -> Files {
    let dir = std::env::temp_dir().join(format!("storesubmit-transcript-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("Images")).unwrap();
    std::fs::write(dir.join("app.msixupload"), (0..600_000u32).map(|i| (i * 31 % 251) as u8).collect::<Vec<u8>>())
        .unwrap();
    // a 1366 x 768 PNG's header (the media rules read it), then filler
    let mut shot = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\x05\x56\0\0\x03\0\x08\x06\0\0\0".to_vec();
    shot.resize(20_000, 7);
    std::fs::write(dir.join("Images").join("shot1.png"), shot).unwrap();
    Files(dir)
}

fn emulator() -> EmulatorHandle {
    let mut config = Config::default();
    // Every phase is over at once: the answers, and so the requests, do not depend on timing.
    config.durations.commit = 0.0;
    config.durations.preprocessing = 0.0;
    config.durations.certification = 0.0;
    config.durations.release = 0.0;
    Emulator::start_blocking(config).expect("emulator starts")
}

fn cfg(emu: &EmulatorHandle, endpoints: Endpoints) -> FlowConfig {
    let info = emu.info();
    let creds = ClientCredentials::new(&info.tenant_id, &info.client_id, info.client_secret.as_str());
    let mut c = FlowConfig::new(endpoints, creds);
    c.poll = PollSchedule::fast(Duration::from_millis(100));
    c.deadline = Some(Duration::from_secs(120));
    // Small blocks, so that the ZIP goes as several Put Block requests.
    c.upload = UploadSettings { block_size: 64 << 10, single_put_max: 64 << 10, ..UploadSettings::default() };
    c
}

fn app(emu: &EmulatorHandle) -> Target {
    Target::App { app_id: emu.info().app_id.clone() }
}

fn spec() -> SubmissionSpec {
    SubmissionSpec {
        changes: json!({
            "applicationPackages": [{"fileName": "app.msixupload", "minimumDirectXVersion": "None", "minimumSystemRam": "None"}],
            "listings": {"en-us": {"baseListing": {"description": "transcript", "images": [{"fileName": "Images\\shot1.png", "imageType": "Screenshot"}]}}}
        }),
        ..SubmissionSpec::default()
    }
}

/// One 429 with `Retry-After: 1` on the first read of the app, so both hosts wait once for a reason.
fn one_rate_limit(emu: &EmulatorHandle) {
    let mut headers = std::collections::HashMap::new();
    headers.insert("Retry-After".to_string(), "1".to_string());
    let rule = FaultRule {
        op: Some("devcenter.get_app".into()),
        times: Some(1),
        status: Some(429),
        headers,
        ..FaultRule::default()
    };
    emu.add_fault(rule).unwrap();
}

/// What both hosts must report alike: stages, requests (without the proxy's port), waits and their
/// reasons, in order; and the last upload bytes.
fn comparable(progress: &[Progress], submission_id: &str) -> (Vec<String>, Option<(u64, u64)>) {
    let mut lines = Vec::new();
    let mut last_upload = None;
    for p in progress {
        match p {
            Progress::Stage(s) => lines.push(format!("stage {s}")),
            Progress::Request { method, url, status, purpose } => {
                let path = url.split_once("127.0.0.1:").map(|(_, r)| &r[r.find('/').unwrap_or(0)..]).unwrap_or(url);
                let path = path.replace(submission_id, "{submission}");
                lines.push(format!("request {method} {path} {status:?} {purpose:?}"))
            }
            Progress::Wait { duration, reason } => lines.push(format!("wait {duration:?} {reason:?}")),
            Progress::Upload { done, total } => {
                assert!(done <= total, "{done} of {total}");
                if let Some((d, _)) = last_upload {
                    assert!(*done >= d, "upload bytes only grow");
                }
                last_upload = Some((*done, *total));
            }
            Progress::Resumable(_) => lines.push("resumable".into()),
            _ => lines.push(format!("{p:?}")),
        }
    }
    (lines, last_upload)
}

// ---------------------------------------------------------------------------------------------------

#[test]
fn a_host_that_only_moves_bytes_sends_what_the_bundled_client_sends() {
    let f = files("same");

    // 1. The flow driven by run_sync over plain TCP.
    let emu = emulator();
    one_rate_limit(&emu);
    let rec = Recorder::start(emu.addr().port());
    let config = cfg(&emu, rec.endpoints(&emu));
    let mut host = BytesHost::new(&f.0);
    let mut flow = devcenter::submission(config, app(&emu), spec(), SubmissionOptions::default());
    let out = run_sync(&mut flow, &mut host).expect("published through the byte-moving host");
    assert_eq!(out.stage, "published");
    let (sync_requests, sync_blocks) = rec.transcript(out.submission_id.as_deref().unwrap());
    let (sync_progress, sync_upload) = comparable(&host.progress, out.submission_id.as_deref().unwrap());

    // 2. The bundled client.
    let emu2 = emulator();
    one_rate_limit(&emu2);
    let rec2 = Recorder::start(emu2.addr().port());
    let config = cfg(&emu2, rec2.endpoints(&emu2));
    let events = Arc::new(Mutex::new(Vec::new()));
    let sink = events.clone();
    let builder =
        AsyncClient::builder(config).progress(Arc::new(move |p: &Progress| sink.lock().unwrap().push(p.clone())));
    let client = Client::from_builder(builder).unwrap();
    let out2 = client.publish_submission(app(&emu2), spec(), SubmissionOptions::default(), Some(&f.0)).unwrap();
    assert_eq!(out2.stage, "published");
    let (client_requests, client_blocks) = rec2.transcript(out2.submission_id.as_deref().unwrap());
    let (client_progress, client_upload) = comparable(&events.lock().unwrap(), out2.submission_id.as_deref().unwrap());

    // The same requests…
    let ops: Vec<String> = sync_requests.iter().map(|l| format!("{} {}", l.method, l.target)).collect();
    for want in ["/oauth2/v2.0/token", "/submissions", "comp=blocklist", "/commit", "/status"] {
        assert!(ops.iter().any(|o| o.contains(want)), "{want} in {ops:#?}");
    }
    assert!(sync_blocks.values().sum::<usize>() >= 9, "the ZIP went in blocks: {sync_blocks:?}");
    assert_eq!(sync_requests, client_requests);
    assert_eq!(sync_blocks, client_blocks);
    // …and the same progress.
    assert!(sync_progress.iter().any(|l| l.starts_with("wait 1s Retry")), "{sync_progress:#?}");
    assert!(sync_progress.iter().any(|l| l.starts_with("stage upload")), "{sync_progress:#?}");
    assert_eq!(sync_progress, client_progress);
    let (done, total) = sync_upload.expect("upload progress");
    assert_eq!(done, total);
    assert!(total > 600_000);
    assert_eq!(sync_upload, client_upload);
    // No secret in what a host is shown.
    let shown = format!("{:?}", host.progress);
    assert!(!shown.contains(emu.info().client_secret.as_str()) && !shown.contains("sig="), "{shown}");
}

#[test]
fn cancelled_mid_upload_the_resume_token_completes_the_publish() {
    let f = files("cancel");
    let emu = emulator();
    let rec = Recorder::start(emu.addr().port());
    let config = cfg(&emu, rec.endpoints(&emu));
    let mut host = BytesHost::new(&f.0);
    let mut flow = devcenter::submission(config.clone(), app(&emu), spec(), SubmissionOptions::default());

    // Drive by hand, one task at a time; cancel once two blocks are staged.
    let mut queue = std::collections::VecDeque::new();
    let mut step = flow.resume(Event::Start, Tick::at(host.now()));
    let mut blocks_sent = 0;
    let result = loop {
        match step {
            Step::Done(r) => break r,
            Step::Run(tasks) => queue.extend(tasks),
            Step::Pending => {}
        }
        if blocks_sent == 2 {
            step = flow.resume(Event::Cancel, Tick::at(host.now()));
            continue;
        }
        let task = queue.pop_front().expect("a task");
        if let Work::Send { purpose: Purpose::Blob { op }, .. } = &task.work {
            blocks_sent += usize::from(op == "put_block");
        }
        let completion = perform(&mut host, task.work);
        step = flow.resume(Event::Completed(task.id, completion), Tick::at(host.now()));
    };
    assert_eq!(result.unwrap_err().kind(), ErrorKind::Cancelled);
    let token = flow
        .take_progress()
        .into_iter()
        .find_map(|p| match p {
            Progress::Resumable(t) => Some(t),
            _ => None,
        })
        .expect("a cancelled upload is resumable");
    assert_eq!(Some(&token), flow.resume_token().as_ref());
    assert!(rec.log.lock().unwrap().iter().all(|l| !l.target.contains("/commit")), "not committed");

    // Later (another process, say): continue from the token.
    rec.log.lock().unwrap().clear();
    let mut resumed = storesubmit::flow::resume(config, &token, StopAfter::Published).unwrap();
    let out = run_sync(&mut resumed, &mut BytesHost::new(&f.0)).expect("the resumed publish completes");
    assert_eq!(out.stage, "published");
    let (requests, blocks) = rec.transcript(out.submission_id.as_deref().unwrap());
    assert!(
        requests.iter().any(|l| l.target.contains("comp=blocklist") && l.method == "GET"),
        "resume reads the block list"
    );
    assert!(requests.iter().any(|l| l.target.ends_with("/commit")));
    let again: usize = blocks.values().sum();
    assert!(again >= 7, "the other blocks went: {again}");
    // The blocks staged before the cancel were not sent again.
    let total = again + 2;
    assert!(total >= 9 && again < total);
}

#[test]
fn an_external_credential_is_asked_again_after_a_401() {
    let f = files("external");
    let emu = emulator();
    let info = emu.info();
    let mut config = cfg(&emu, info.endpoints());
    config.credentials = Credentials::External;
    emu.add_fault(FaultRule {
        op: Some("devcenter.get_app".into()),
        times: Some(1),
        status: Some(401),
        ..FaultRule::default()
    })
    .unwrap();
    let mut host = BytesHost::new(&f.0);
    let creds = ClientCredentials::new(&info.tenant_id, &info.client_id, info.client_secret.as_str());
    host.credential = Some((creds, info.endpoints(), Vec::new()));
    let options = SubmissionOptions { stop_after: StopAfter::Draft, ..SubmissionOptions::default() };
    let mut flow = devcenter::submission(config, app(&emu), spec(), options);
    let out = run_sync(&mut flow, &mut host).unwrap();
    assert_eq!(out.stage, "draft");
    let asked = &host.credential.as_ref().unwrap().2;
    assert_eq!(asked.len(), 2, "once at the start, once after the 401: {asked:?}");
    assert!(asked.iter().all(|s| *s == storesubmit::api::auth::scope_for(Family::Devcenter)));
    // The flow sent no token request of its own.
    assert!(host.progress.iter().all(|p| !matches!(p, Progress::Request { purpose: Purpose::Token { .. }, .. })));
}

// ---------------------------------------------------------------------------------------------------
// A host that sees only the JSON form (`storesubmit::wire`), as the C ABI, wasm and Node hosts do.

/// Runs `request` through a [`Run`] whose host reads each task's JSON, moves the bytes with the
/// same plain HTTP exchange and files as [`BytesHost`], and answers with completion JSON. Returns the
/// outcome JSON and the stages and wait reasons the steps reported.
fn run_json_host(
    options: &serde_json::Value,
    secret: &str,
    request: &serde_json::Value,
    files: &Path,
) -> (serde_json::Value, Vec<String>) {
    let local = LocalFiles::new(files);
    let now = || SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs();
    let mut flow = Run::start(options, Some(Secret::new(secret)), request, None).expect("the run starts");
    let mut step = flow.step(&json!({"kind": "start"}), Vec::new(), now(), 0.5).unwrap();
    let mut queue = std::collections::VecDeque::new();
    let mut seen = Vec::new();
    loop {
        for p in step["progress"].as_array().unwrap() {
            match p["kind"].as_str().unwrap() {
                "stage" => seen.push(format!("stage {}", p["stage"].as_str().unwrap())),
                "wait" => seen.push(format!("wait {} {}", p["reason"]["kind"], p["seconds"])),
                _ => {}
            }
        }
        match step["kind"].as_str().unwrap() {
            "done" => return (step, seen),
            "run" => queue.extend(step["tasks"].as_array().unwrap().iter().cloned()),
            _ => {}
        }
        let task = queue.pop_front().expect("a task to run while the flow is pending");
        let id = task["id"].as_u64().unwrap();
        let (answer, data) = match task["kind"].as_str().unwrap() {
            "send" => {
                let headers: Vec<(String, String)> = task["headers"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|h| (h[0].as_str().unwrap().to_string(), h[1].as_str().unwrap().to_string()))
                    .collect();
                let (port, target) = split_url(task["url"].as_str().unwrap());
                let body = flow.take_body(id);
                assert_eq!(body.len() as u64, task["bodyLength"].as_u64().unwrap());
                match exchange(port, task["method"].as_str().unwrap(), &target, &headers, &body) {
                    Ok(m) => {
                        let status: u64 = m.head.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
                        let headers: Vec<serde_json::Value> = m.headers.iter().map(|(k, v)| json!([k, v])).collect();
                        (json!({"id": id, "kind": "response", "status": status, "headers": headers}), m.body)
                    }
                    Err(e) => (
                        json!({"id": id, "kind": "failed", "error": {"code": "transport", "message": e.message()}}),
                        Vec::new(),
                    ),
                }
            }
            "wait" => {
                std::thread::sleep(Duration::from_secs_f64(task["seconds"].as_f64().unwrap()));
                (json!({"id": id, "kind": "waited"}), Vec::new())
            }
            "list" => {
                let set = local.list(None).unwrap();
                let files: Vec<serde_json::Value> =
                    set.iter().map(|n| json!({"name": n, "size": if set.is_empty_file(n) { 0 } else { 1 }})).collect();
                (json!({"id": id, "kind": "files", "files": files}), Vec::new())
            }
            "stat" => {
                let names: Vec<String> = serde_json::from_value(task["names"].clone()).unwrap();
                (json!({"id": id, "kind": "sizes", "sizes": local.stat(&names).unwrap()}), Vec::new())
            }
            "read" => {
                let data = local
                    .read(
                        task["name"].as_str().unwrap(),
                        task["offset"].as_u64().unwrap(),
                        task["length"].as_u64().unwrap(),
                    )
                    .unwrap();
                (json!({"id": id, "kind": "data"}), data)
            }
            other => panic!("no answer for a {other} task"),
        };
        step = flow.step(&answer, data, now(), 0.5).unwrap();
    }
}

#[test]
fn a_host_that_speaks_only_json_sends_what_the_byte_moving_host_sends() {
    let f = files("json");

    // The byte-moving host (run_sync), as in the first test.
    let emu = emulator();
    one_rate_limit(&emu);
    let rec = Recorder::start(emu.addr().port());
    let mut host = BytesHost::new(&f.0);
    let mut flow =
        devcenter::submission(cfg(&emu, rec.endpoints(&emu)), app(&emu), spec(), SubmissionOptions::default());
    let out = run_sync(&mut flow, &mut host).expect("published through the byte-moving host");
    let (sync_requests, sync_blocks) = rec.transcript(out.submission_id.as_deref().unwrap());
    let sync_seen: Vec<String> = host
        .progress
        .iter()
        .filter_map(|p| match p {
            Progress::Stage(s) => Some(format!("stage {s}")),
            Progress::Wait { duration, reason } => Some(format!(
                "wait {} {}",
                serde_json::to_value(reason).unwrap()["kind"],
                serde_json::to_value(duration.as_secs_f64()).unwrap()
            )),
            _ => None,
        })
        .collect();

    // The JSON host, configured only through JSON: the options a binding passes and the workflow request.
    let emu2 = emulator();
    one_rate_limit(&emu2);
    let rec2 = Recorder::start(emu2.addr().port());
    let info = emu2.info();
    let c = cfg(&emu2, rec2.endpoints(&emu2));
    let options = ClientOptions {
        endpoints: c.endpoints.clone(),
        tenant_id: info.tenant_id.clone(),
        client_id: info.client_id.clone(),
        poll: c.poll,
        deadline: c.deadline,
        upload: Some(serde_json::to_value(&c.upload).unwrap()),
        ..ClientOptions::default()
    }
    .to_json();
    let request = json!({
        "workflow": "submission",
        "target": serde_json::to_value(app(&emu2)).unwrap(),
        "spec": serde_json::to_value(spec()).unwrap(),
    });
    let (done, json_seen) = run_json_host(&options, info.client_secret.as_str(), &request, &f.0);
    assert_eq!(done["outcome"]["stage"], "published", "{done}");
    let submission = done["outcome"]["submissionId"].as_str().or(done["outcome"]["submission_id"].as_str()).unwrap();
    let (json_requests, json_blocks) = rec2.transcript(submission);

    assert!(json_blocks.values().sum::<usize>() >= 9, "the ZIP went in blocks: {json_blocks:?}");
    assert_eq!(json_requests, sync_requests);
    assert_eq!(json_blocks, sync_blocks);
    assert!(json_seen.iter().any(|l| l.starts_with("wait \"retry\"")), "{json_seen:#?}");
    assert_eq!(json_seen, sync_seen);
    let shown = done.to_string();
    assert!(!shown.contains(info.client_secret.as_str()) && !shown.contains("sig="), "{shown}");
}
