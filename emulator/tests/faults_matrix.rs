//! The fault matrix (issue 11): every workflow (app, add-on, flight, win32, ingestion) driven through the
//! bundled blocking client against the emulator, under each injected fault. A cell passes when the
//! workflow either
//! - completed with exactly one submission (counted in the emulator's admin state), or
//! - ended in the typed error the fault calls for with nothing half-done: after the fault is lifted,
//!   the resume token it handed out (or, when it handed none, running the same publish again) finishes
//!   with exactly one submission in all.
//!
//! The table (cells passed / total) is written to `RELIABILITY.md` at the repository root; the test fails
//! when a cell fails or when the checked-in table was stale (it is rewritten then: commit it). Everything
//! runs on the emulator's short phases, 20 ms polls and 50 ms retry backoff, cells in parallel, so the
//! whole matrix takes well under a minute.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use storesubmit::api::auth::ClientCredentials;
use storesubmit::client::blocking::Client;
use storesubmit::client::{Client as AsyncClient, Progress};
use storesubmit::flow::devcenter::{SubmissionOptions, Target};
use storesubmit::flow::ingestion::IngestionSpec;
use storesubmit::flow::win32::{AssetSet, Win32Spec};
use storesubmit::flow::{FlowConfig, Outcome, ResumeToken, StopAfter, SubmissionSpec};
use storesubmit::policy::PollSchedule;
use storesubmit::{Error, ErrorKind};
use storesubmit_emulator::{Config, Durations, Emulator, EmulatorHandle, FaultRule};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Wf {
    App,
    Addon,
    Flight,
    Win32,
    Ingestion,
}

const WORKFLOWS: [Wf; 5] = [Wf::App, Wf::Addon, Wf::Flight, Wf::Win32, Wf::Ingestion];

impl Wf {
    fn name(self) -> &'static str {
        match self {
            Wf::App => "app",
            Wf::Addon => "add-on",
            Wf::Flight => "flight",
            Wf::Win32 => "win32",
            Wf::Ingestion => "ingestion",
        }
    }

    /// The first call that changes state (a fault there is the hardest case: did it take effect?).
    fn create_op(self) -> &'static str {
        match self {
            Wf::App => "devcenter.create_app_submission",
            Wf::Addon => "devcenter.create_addon_submission",
            Wf::Flight => "devcenter.create_flight_submission",
            Wf::Win32 => "win32.submit",
            Wf::Ingestion => "ingestion.create_submission",
        }
    }

    /// Every non-idempotent call the workflow makes.
    fn non_idempotent_ops(self) -> &'static [&'static str] {
        match self {
            Wf::App => &["devcenter.create_app_submission", "devcenter.commit_app_submission"],
            Wf::Addon => &["devcenter.create_addon_submission", "devcenter.commit_addon_submission"],
            Wf::Flight => &["devcenter.create_flight_submission", "devcenter.commit_flight_submission"],
            Wf::Win32 => &["win32.commit_packages", "win32.create_listing_assets", "win32.submit"],
            Wf::Ingestion => &["ingestion.create_submission", "ingestion.promote_submission"],
        }
    }

    /// An idempotent read the workflow makes early (for slow answers).
    fn first_read_op(self) -> &'static str {
        match self {
            Wf::App => "devcenter.get_app",
            Wf::Addon => "devcenter.get_addon",
            Wf::Flight => "devcenter.get_flight",
            Wf::Win32 => "win32.get_module_status",
            Wf::Ingestion => "ingestion.get_product",
        }
    }

    /// The status the workflow polls, and an answer that never becomes ready.
    fn poll_op(self) -> (&'static str, Value) {
        match self {
            Wf::App => ("devcenter.get_app_submission_status", json!({"status": "CommitStarted", "statusDetails": {}})),
            Wf::Addon => {
                ("devcenter.get_addon_submission_status", json!({"status": "CommitStarted", "statusDetails": {}}))
            }
            Wf::Flight => {
                ("devcenter.get_flight_submission_status", json!({"status": "CommitStarted", "statusDetails": {}}))
            }
            Wf::Win32 => (
                "win32.get_module_status",
                json!({"isSuccess": true, "errors": [], "responseData": {"isReady": false, "ongoingSubmissionId": ""}}),
            ),
            Wf::Ingestion => ("ingestion.get_submission", json!({"state": "InProgress", "substate": "InProgress"})),
        }
    }

    /// The API family's path prefix on the emulator.
    fn prefix(self) -> &'static str {
        match self {
            Wf::App | Wf::Addon | Wf::Flight => "/devcenter/*",
            Wf::Win32 => "/win32/*",
            Wf::Ingestion => "/ingestion/*",
        }
    }

    fn uploads(self) -> bool {
        self != Wf::Ingestion
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Fault {
    RateLimitSeconds,
    RateLimitDate,
    RateLimitForever,
    Status500,
    Status503,
    WorkThen503,
    DropMidRequest,
    DropMidUpload,
    SlowerThanTimeout,
    TokenExpiry,
    RevokedToken,
    SasExpiry,
    InProgress409,
    NeverReady,
    RestartMidPoll,
}

const FAULTS: [Fault; 15] = [
    Fault::RateLimitSeconds,
    Fault::RateLimitDate,
    Fault::RateLimitForever,
    Fault::Status500,
    Fault::Status503,
    Fault::WorkThen503,
    Fault::DropMidRequest,
    Fault::DropMidUpload,
    Fault::SlowerThanTimeout,
    Fault::TokenExpiry,
    Fault::RevokedToken,
    Fault::SasExpiry,
    Fault::InProgress409,
    Fault::NeverReady,
    Fault::RestartMidPoll,
];

impl Fault {
    fn name(self) -> &'static str {
        match self {
            Fault::RateLimitSeconds => "429, Retry-After in seconds",
            Fault::RateLimitDate => "429, Retry-After as an HTTP-date",
            Fault::RateLimitForever => "429 for ever",
            Fault::Status500 => "500",
            Fault::Status503 => "503",
            Fault::WorkThen503 => "did the work, then 503 (every non-idempotent call)",
            Fault::DropMidRequest => "connection dropped mid-request",
            Fault::DropMidUpload => "connection dropped mid-upload",
            Fault::SlowerThanTimeout => "answer slower than the request timeout",
            Fault::TokenExpiry => "token expiry mid-flow",
            Fault::RevokedToken => "401 on a revoked token",
            Fault::SasExpiry => "SAS expiry mid-upload",
            Fault::InProgress409 => "409 \"in progress\"",
            Fault::NeverReady => "status never ready",
            Fault::RestartMidPoll => "emulator restart mid-poll",
        }
    }

    /// The typed error the workflow must end in, when the fault cannot be ridden out.
    fn expected_error(self) -> Option<ErrorKind> {
        match self {
            Fault::RateLimitForever => Some(ErrorKind::RateLimited),
            Fault::RevokedToken => Some(ErrorKind::Auth),
            Fault::InProgress409 => Some(ErrorKind::Conflict),
            Fault::NeverReady => Some(ErrorKind::DeadlineExceeded),
            _ => None,
        }
    }
}

fn quick() -> Durations {
    Durations {
        commit: 0.05,
        preprocessing: 0.05,
        certification: 0.05,
        release: 0.05,
        win32_package_processing: 0.05,
        win32_publishing: 0.05,
        ingestion_processing: 0.05,
        ingestion_publishing: 0.05,
    }
}

fn rule(op: &str) -> FaultRule {
    FaultRule { op: Some(op.into()), ..FaultRule::default() }
}

fn sas_expired_rule(times: u32) -> FaultRule {
    let body = "<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>AuthenticationFailed</Code><Message>Server \
                failed to authenticate the request.</Message><AuthenticationErrorDetail>Signed expiry time [Wed, 02 \
                Dec 2026 07:00:00 GMT] must be after current time [Wed, 02 Dec 2026 08:00:00 \
                GMT]</AuthenticationErrorDetail></Error>";
    FaultRule {
        method: Some("PUT".into()),
        path: Some("/blob/*".into()),
        status: Some(403),
        headers: [("x-ms-error-code".to_string(), "AuthenticationFailed".to_string())].into_iter().collect(),
        body: Some(Value::String(body.into())),
        times: Some(times),
        ..FaultRule::default()
    }
}

/// The fault rules for a cell (the token-expiry and restart faults act from a watcher instead).
fn rules(wf: Wf, fault: Fault) -> Vec<FaultRule> {
    let once = Some(1);
    match fault {
        Fault::RateLimitSeconds => vec![FaultRule {
            status: Some(429),
            headers: [("Retry-After".to_string(), "1".to_string())].into_iter().collect(),
            times: once,
            ..rule(wf.create_op())
        }],
        Fault::RateLimitDate => {
            vec![FaultRule { status: Some(429), retry_after_date_secs: Some(1), times: once, ..rule(wf.create_op()) }]
        }
        Fault::RateLimitForever => vec![FaultRule {
            status: Some(429),
            headers: [("Retry-After".to_string(), "0".to_string())].into_iter().collect(),
            ..rule(wf.create_op())
        }],
        Fault::Status500 => vec![FaultRule { status: Some(500), times: once, ..rule(wf.create_op()) }],
        Fault::Status503 => vec![FaultRule { status: Some(503), times: once, ..rule(wf.create_op()) }],
        Fault::WorkThen503 => wf
            .non_idempotent_ops()
            .iter()
            .map(|op| FaultRule { after_work: true, status: Some(503), times: once, ..rule(op) })
            .collect(),
        Fault::DropMidRequest => vec![FaultRule { drop: true, times: once, ..rule(wf.create_op()) }],
        Fault::DropMidUpload => vec![FaultRule {
            method: Some("PUT".into()),
            path: Some("/blob/*".into()),
            drop: true,
            times: once,
            ..FaultRule::default()
        }],
        Fault::SlowerThanTimeout => vec![FaultRule { delay_ms: 1_200, times: once, ..rule(wf.first_read_op()) }],
        Fault::TokenExpiry | Fault::RestartMidPoll => Vec::new(),
        Fault::RevokedToken => {
            vec![FaultRule { path: Some(wf.prefix().into()), status: Some(401), ..FaultRule::default() }]
        }
        Fault::SasExpiry => vec![sas_expired_rule(1)],
        Fault::InProgress409 => vec![FaultRule { status: Some(409), ..rule(wf.create_op()) }],
        Fault::NeverReady => {
            let (op, body) = wf.poll_op();
            vec![FaultRule { status: Some(200), body: Some(body), ..rule(op) }]
        }
    }
}

/// Submissions the emulator holds for the workflow's family (all of them: the fixture's included).
fn submissions(emu: &EmulatorHandle, wf: Wf) -> usize {
    let dump = emu.state_dump();
    let count = |v: &Value| v.as_array().map_or(0, Vec::len);
    match wf {
        Wf::App | Wf::Addon | Wf::Flight => count(&dump["devcenter"]["submissions"]),
        Wf::Win32 => dump["win32"].as_array().into_iter().flatten().map(|p| count(&p["submissions"])).sum(),
        Wf::Ingestion => dump["ingestion"].as_array().into_iter().flatten().map(|p| count(&p["submissions"])).sum(),
    }
}

struct Dir(PathBuf);

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn files(tag: &str) -> Dir {
    let dir = std::env::temp_dir().join(format!("storesubmit-matrix-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    for (name, len) in [
        ("app.msixupload", 40_000usize),
        ("flight.msixupload", 30_000),
        ("Images/icon.png", 2_000),
        ("Assets/shot.png", 3_000),
        ("Assets/logo.png", 1_000),
    ] {
        let p = name.split('/').fold(dir.clone(), |p, s| p.join(s));
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        let mut bytes: Vec<u8> = (0..len).map(|i| (i * 31 % 251) as u8).collect();
        if name == "Images/icon.png" {
            // the add-on icon starts as a 300 x 300 PNG: what validation reads of it
            let mut head = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
            head.extend_from_slice(&300u32.to_be_bytes());
            head.extend_from_slice(&300u32.to_be_bytes());
            bytes[..head.len()].copy_from_slice(&head);
        }
        std::fs::write(&p, bytes).unwrap();
    }
    Dir(dir)
}

fn flow_config(emu: &EmulatorHandle, fault: Fault) -> FlowConfig {
    let info = emu.info();
    let mut c = FlowConfig::new(
        info.endpoints(),
        ClientCredentials::new(&info.tenant_id, &info.client_id, info.client_secret.as_str()),
    );
    c.seller_id = Some(info.seller_id.clone());
    c.poll = PollSchedule::fast(Duration::from_millis(20));
    c.retry.base_delay = Duration::from_millis(50);
    c.retry.max_delay = Duration::from_millis(400);
    c.request_timeout = Some(Duration::from_millis(if fault == Fault::SlowerThanTimeout { 500 } else { 10_000 }));
    c.deadline = Some(Duration::from_secs(if fault == Fault::NeverReady { 3 } else { 40 }));
    c
}

/// A blocking client that records the resume token a failed workflow hands out.
fn client(cfg: FlowConfig) -> (Client, Arc<Mutex<Option<ResumeToken>>>) {
    let token = Arc::new(Mutex::new(None));
    let sink = token.clone();
    let builder = AsyncClient::builder(cfg).progress(Arc::new(move |p: &Progress| {
        if let Progress::Resumable(t) = p {
            *sink.lock().unwrap() = Some(t.clone());
        }
    }));
    (Client::from_builder(builder).unwrap(), token)
}

fn publish(c: &Client, emu: &EmulatorHandle, wf: Wf, dir: &Path) -> Result<Outcome, Error> {
    let info = emu.info();
    let opts = SubmissionOptions::default();
    match wf {
        Wf::App => {
            let spec = SubmissionSpec::from_changes(json!({
                "applicationPackages": [{"fileName": "app.msixupload", "minimumDirectXVersion": "None", "minimumSystemRam": "None"}]
            }));
            c.publish_submission(Target::App { app_id: info.app_id.clone() }, spec, opts, Some(dir))
        }
        Wf::Addon => {
            let spec = SubmissionSpec::from_changes(json!({
                "listings": {"en-us": {"title": "Coins", "description": "100 coins", "icon": {"fileName": "Images/icon.png"}}}
            }));
            c.publish_submission(Target::Addon { addon_id: info.addon_id.clone() }, spec, opts, Some(dir))
        }
        Wf::Flight => {
            let spec = SubmissionSpec::from_changes(json!({"flightPackages": [{"fileName": "flight.msixupload"}]}));
            let t = Target::Flight { app_id: info.app_id.clone(), flight_id: info.flight_id.clone() };
            c.publish_submission(t, spec, opts, Some(dir))
        }
        Wf::Win32 => {
            let spec = Win32Spec {
                packages: Some(json!({"packages": [{
                    "packageUrl": "https://downloads.contoso.example/setup.msi", "languages": ["en-us"],
                    "architectures": ["X64"], "isSilentInstall": true, "packageType": "msi"}]})),
                metadata: Some(
                    json!({"listings": {"language": "en-us", "description": "matrix", "shortDescription": "m"}}),
                ),
                metadata_patch: true,
                assets: vec![AssetSet {
                    language: "en-us".into(),
                    screenshots: vec!["Assets/shot.png".into()],
                    logos: vec!["Assets/logo.png".into()],
                }],
                ..Win32Spec::default()
            };
            c.publish_win32(&info.win32_product_id, spec, StopAfter::Published, Some(dir))
        }
        Wf::Ingestion => {
            let spec = IngestionSpec { promote: true, ..IngestionSpec::default() };
            c.publish_ingestion(&info.ingestion_product_id, spec, StopAfter::Published)
        }
    }
}

/// Acts on the emulator while the workflow runs: expires every token, or plays a restart, once the
/// workflow is past its first calls (token expiry) or polling (restart).
fn watcher(emu: Arc<EmulatorHandle>, wf: Wf, fault: Fault, stop: Arc<AtomicBool>) -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || {
        let started = Instant::now();
        while !stop.load(Ordering::SeqCst) && started.elapsed() < Duration::from_secs(30) {
            let fired = match fault {
                Fault::TokenExpiry => {
                    let api = emu
                        .requests()
                        .iter()
                        .filter(|r| !r["path"].as_str().unwrap_or("").starts_with("/token"))
                        .count();
                    api >= 3 && {
                        emu.expire_tokens();
                        true
                    }
                }
                Fault::RestartMidPoll => {
                    emu.count_op(wf.poll_op().0) >= 1 && {
                        emu.restart(Duration::from_millis(400));
                        true
                    }
                }
                _ => true,
            };
            if fired {
                return;
            }
            std::thread::sleep(Duration::from_millis(2));
        }
    })
}

/// Runs one cell; `Ok(note)` when it passed, `Err(why)` when not.
fn cell(wf: Wf, fault: Fault) -> Result<String, String> {
    if matches!(fault, Fault::DropMidUpload | Fault::SasExpiry) && !wf.uploads() {
        return Ok("n/a".into());
    }
    let config = Config {
        durations: quick(),
        fresh_upload_url_on_get: fault == Fault::SasExpiry,
        token_lifetime_secs: 3600,
        ..Config::default()
    };
    let emu = Arc::new(Emulator::start_blocking(config).map_err(|e| format!("emulator: {e}"))?);
    let before = submissions(&emu, wf);
    for r in rules(wf, fault) {
        emu.add_fault(r).map_err(|e| format!("fault rule: {e}"))?;
    }
    let dir = files(&format!("{}-{fault:?}", wf.name()));
    let (c, token) = client(flow_config(&emu, fault));
    let stop = Arc::new(AtomicBool::new(false));
    let w = watcher(emu.clone(), wf, fault, stop.clone());
    let first = publish(&c, &emu, wf, &dir.0);
    stop.store(true, Ordering::SeqCst);
    let _ = w.join();
    let created = submissions(&emu, wf) - before;
    match (first, fault.expected_error()) {
        (Ok(out), None) => {
            if out.stage != "published" {
                return Err(format!("ended at stage {}", out.stage));
            }
            if created != 1 {
                return Err(format!("published with {created} submissions"));
            }
            if matches!(fault, Fault::RateLimitSeconds | Fault::RateLimitDate) {
                // The retry waited what the 429 asked for (1 s), not a short backoff.
                let at: Vec<u64> = emu
                    .requests()
                    .iter()
                    .filter(|r| r["op"] == wf.create_op())
                    .filter_map(|r| r["ms"].as_u64())
                    .collect();
                match at.as_slice() {
                    [first, second, ..] if second - first >= 900 => {}
                    other => return Err(format!("retried after {other:?} ms, not after Retry-After")),
                }
            }
            Ok("published, 1 submission".into())
        }
        (Ok(out), Some(kind)) => Err(format!("expected {}, got stage {}", kind.code(), out.stage)),
        (Err(e), expected) => {
            if let Some(kind) = expected {
                if e.kind() != kind {
                    return Err(format!("expected {}, got {}: {e}", kind.code(), e.code()));
                }
            } else if fault != Fault::DropMidUpload {
                return Err(format!("failed: {}: {e}", e.code()));
            }
            if created > 1 {
                return Err(format!("{} left {created} submissions", e.code()));
            }
            if fault == Fault::RevokedToken && emu.count_op("token.v2") != 2 {
                return Err(format!("expected one token refresh, saw {} token calls", emu.count_op("token.v2")));
            }
            // Lift the fault; the resume token (or, without one, the same command again) must finish the
            // job with one submission in all.
            emu.clear_faults();
            let resume = token.lock().unwrap().take();
            let how = if resume.is_some() { "resumed" } else { "ran again" };
            let (c2, _) = client(flow_config(&emu, Fault::Status500));
            let second = match &resume {
                Some(t) => c2.resume(t, StopAfter::Published, Some(&dir.0)),
                None => publish(&c2, &emu, wf, &dir.0),
            };
            let created = submissions(&emu, wf) - before;
            match second {
                Ok(out) if out.stage == "published" && created == 1 => {
                    Ok(format!("typed {}, then {how}: published, 1 submission", e.code()))
                }
                Ok(out) => Err(format!("typed {}, then {how}: stage {}, {created} submissions", e.code(), out.stage)),
                Err(e2) => Err(format!("typed {}, then {how}: {}: {e2}", e.code(), e2.code())),
            }
        }
    }
}

/// Cells that fail today for a reason outside this suite's reach, each with why; counted as failing in
/// the table (never as passing). The test fails when such a cell starts passing, so the list stays true.
const KNOWN_GAPS: &[(Fault, Wf, &str)] = &[];

fn known_gap(fault: Fault, wf: Wf) -> Option<&'static str> {
    KNOWN_GAPS.iter().find(|(f, w, _)| *f == fault && *w == wf).map(|(_, _, why)| *why)
}

fn table(results: &BTreeMap<(Fault, Wf), Result<String, String>>) -> String {
    let mut s = String::new();
    s.push_str("| fault |");
    for wf in WORKFLOWS {
        s.push_str(&format!(" {} |", wf.name()));
    }
    s.push_str("\n|---|");
    for _ in WORKFLOWS {
        s.push_str("---|");
    }
    s.push('\n');
    for fault in FAULTS {
        s.push_str(&format!("| {} |", fault.name()));
        for wf in WORKFLOWS {
            let mark = match &results[&(fault, wf)] {
                Ok(n) if n == "n/a" => "n/a",
                Ok(_) => "pass",
                Err(_) if known_gap(fault, wf).is_some() => "FAIL (known gap)",
                Err(_) => "FAIL",
            };
            s.push_str(&format!(" {mark} |"));
        }
        s.push('\n');
    }
    s
}

/// Where RELIABILITY.md's hand-written sections start (the table above it is this test's).
const HAND_WRITTEN: &str = "\n<!-- Sections below are measured by other tests and kept as written. -->\n";

#[test]
fn fault_matrix() {
    let started = Instant::now();
    let cells: Vec<(Fault, Wf)> = FAULTS.iter().flat_map(|f| WORKFLOWS.iter().map(move |w| (*f, *w))).collect();
    let queue = Mutex::new(cells.clone());
    let results = Mutex::new(BTreeMap::new());
    std::thread::scope(|s| {
        for _ in 0..6 {
            s.spawn(|| loop {
                let Some((fault, wf)) = queue.lock().unwrap().pop() else { return };
                let r = cell(wf, fault);
                results.lock().unwrap().insert((fault, wf), r);
            });
        }
    });
    let results = results.into_inner().unwrap();
    let applicable = results.values().filter(|r| !matches!(r, Ok(n) if n == "n/a")).count();
    let passed = results.values().filter(|r| matches!(r, Ok(n) if n != "n/a")).count();
    let mut t = table(&results);
    for (fault, wf, why) in KNOWN_GAPS {
        t.push_str(&format!("\nKnown gap — {} × {}: {why}.\n", wf.name(), fault.name()));
    }
    println!("{t}");
    for ((fault, wf), r) in &results {
        match r {
            Ok(note) => println!("  {:<10} {:<52} {note}", wf.name(), fault.name()),
            Err(why) => println!("  {:<10} {:<52} FAILED: {why}", wf.name(), fault.name()),
        }
    }
    println!("fault matrix: {passed} passed / {applicable} cells in {:.1?}", started.elapsed());
    let doc = format!(
        "# Reliability\n\n\
         The fault matrix (`emulator/tests/faults_matrix.rs`, part of the test suite) drives every workflow through \
         the bundled client against the emulator under each injected fault. A cell passes when the workflow \
         completed with exactly one submission (counted in the emulator's admin state), or ended in the typed \
         error the fault calls for with nothing half-done: with the fault lifted, its resume token (or, when it \
         handed none, the same command run again) finished with one submission in all. `n/a`: the workflow \
         uploads nothing. The test rewrites this file when the table changes.\n\n\
         {t}\n**{passed} of {applicable} cells pass** ({} faults × {} workflows, {} not applicable).\n\n\
         Hostile input (each with its bound) is tested in `core/tests/hostile_input.rs` and \
         `emulator/tests/reliability_defects.rs`; fuzzing budgets and results are in `fuzz/RESULTS.md`; secrets \
         are scanned for in `cli/tests/secrets.rs` and `bindings-python/tests/test_secrets.py`.\n\n\
         What changed last: the one known gap (ingestion × status never ready: no resume token, and a rerun \
         created a second submission) is closed. The ingestion workflow hands out a resume token once its \
         submission exists, `resume` polls that same submission, and a rerun without the token adopts the \
         submission still in progress that holds the same drafts for the same scope \
         (`core/src/flow/ingestion.rs`).\n",
        FAULTS.len(),
        WORKFLOWS.len(),
        results.len() - applicable,
    );
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../RELIABILITY.md");
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    // sections measured elsewhere (the kill-and-rerun campaign) follow the marker and are kept as they are
    let doc = format!("{doc}{}", current.find(HAND_WRITTEN).map_or("", |i| &current[i..]));
    let stale = current != doc;
    if stale {
        std::fs::write(&path, &doc).unwrap();
    }
    let unexpected: Vec<String> = results
        .iter()
        .filter(|((f, w), r)| r.is_err() != known_gap(*f, *w).is_some())
        .map(|((f, w), r)| format!("{} × {}: {r:?}", w.name(), f.name()))
        .collect();
    assert!(unexpected.is_empty(), "fault matrix: {passed} of {applicable} cells pass; unexpected: {unexpected:#?}");
    assert_eq!(passed + KNOWN_GAPS.len(), applicable);
    assert!(!stale, "RELIABILITY.md was out of date and has been rewritten: commit it");
}

/// The other way out of ingestion × status never ready: the same command run again *without* the resume
/// token adopts the submission the first run created (same drafts, same scope, still in progress) instead
/// of creating a second one.
#[test]
fn ingestion_rerun_without_the_token_adopts_the_submission_in_progress() {
    let (wf, fault) = (Wf::Ingestion, Fault::NeverReady);
    let emu = Emulator::start_blocking(Config { durations: quick(), ..Config::default() }).unwrap();
    let before = submissions(&emu, wf);
    for r in rules(wf, fault) {
        emu.add_fault(r).unwrap();
    }
    let dir = files("ingestion-rerun");
    let (c, token) = client(flow_config(&emu, fault));
    let e = publish(&c, &emu, wf, &dir.0).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::DeadlineExceeded, "{e}");
    assert!(token.lock().unwrap().is_some(), "a resume token was offered");
    assert_eq!(submissions(&emu, wf) - before, 1);
    emu.clear_faults();
    let (c2, _) = client(flow_config(&emu, Fault::Status500));
    let out = publish(&c2, &emu, wf, &dir.0).expect("the rerun publishes");
    assert_eq!(out.stage, "published");
    assert!(out.adopted, "the rerun adopted the first run's submission");
    assert_eq!(submissions(&emu, wf) - before, 1, "one submission in all");
}
