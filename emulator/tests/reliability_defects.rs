//! Regression tests for the defects of issue 11, through public surfaces only: the bundled blocking
//! client (`storesubmit::client::blocking::Client`) against the emulator, its fault rules and its admin
//! state, and raw sockets where the defect is in the emulator itself. Each test failed on the main of
//! the day the issue was filed.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use storesubmit::api::auth::ClientCredentials;
use storesubmit::client::blocking::Client;
use storesubmit::flow::devcenter::{SubmissionOptions, Target};
use storesubmit::flow::win32::Win32Spec;
use storesubmit::flow::{FlowConfig, PendingPolicy, StopAfter, SubmissionSpec};
use storesubmit::policy::PollSchedule;
use storesubmit::ErrorKind;
use storesubmit_emulator::{Config, Durations, Emulator, EmulatorHandle, FaultRule};

struct Dir(PathBuf);

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn files(tag: &str) -> Dir {
    let dir = std::env::temp_dir().join(format!("storesubmit-defects-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("app.msixupload"), vec![7u8; 20_000]).unwrap();
    Dir(dir)
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

fn start(mut config: Config) -> EmulatorHandle {
    config.durations = quick();
    Emulator::start_blocking(config).expect("emulator starts")
}

fn cfg(emu: &EmulatorHandle, deadline: u64) -> FlowConfig {
    let info = emu.info();
    let mut c = FlowConfig::new(
        info.endpoints(),
        ClientCredentials::new(&info.tenant_id, &info.client_id, info.client_secret.as_str()),
    );
    c.seller_id = Some(info.seller_id.clone());
    c.poll = PollSchedule::fast(Duration::from_millis(20));
    c.deadline = Some(Duration::from_secs(deadline));
    c
}

fn app_spec() -> SubmissionSpec {
    SubmissionSpec::from_changes(json!({"applicationPackages": [{"fileName": "app.msixupload"}]}))
}

fn app(emu: &EmulatorHandle) -> Target {
    Target::App { app_id: emu.info().app_id.clone() }
}

fn fault(op: &str, status: u16, times: Option<u32>) -> FaultRule {
    FaultRule { op: Some(op.into()), status: Some(status), times, ..FaultRule::default() }
}

/// Defect 1: one 500 on the packages commit (the work not done) was followed by a status check reading
/// `isReady: false`, taken for "processing", and polled for ever. Now the commit is sent again.
#[test]
fn win32_packages_commit_500_commits_again_and_publishes() {
    let emu = start(Config::default());
    emu.add_fault(fault("win32.commit_packages", 500, Some(1))).unwrap();
    let c = Client::new(cfg(&emu, 30)).unwrap();
    let spec = Win32Spec {
        packages: Some(json!({"packages": [{"packageUrl": "https://example.com/app.msi", "languages": ["en-us"],
            "architectures": ["X64"], "isSilentInstall": true, "packageType": "msi"}]})),
        ..Win32Spec::default()
    };
    let t = Instant::now();
    let out = c.publish_win32(&emu.info().win32_product_id, spec, StopAfter::Published, None).unwrap();
    assert_eq!(out.stage, "published");
    assert_eq!(emu.count_op("win32.commit_packages"), 2, "one lost commit, one commit again");
    assert_eq!(emu.count_op("win32.submit"), 1);
    assert!(t.elapsed() < Duration::from_secs(20), "{:?}", t.elapsed());
}

/// Defect 1, second half: every workflow has a default deadline (4 h), so nothing polls for ever.
#[test]
fn every_workflow_has_a_default_deadline() {
    let c = FlowConfig::new(storesubmit::api::Endpoints::production(), ClientCredentials::new("t", "c", "s"));
    assert_eq!(c.deadline, Some(storesubmit::data::limits::DEFAULT_WORKFLOW_DEADLINE));
    assert_eq!(storesubmit::data::limits::DEFAULT_WORKFLOW_DEADLINE, Duration::from_secs(4 * 3600));
}

/// Defect 1: a product whose packages can never be committed (every commit lost) ends in a typed
/// `commit_failed` after three attempts instead of polling.
#[test]
fn win32_packages_commit_that_never_takes_effect_fails_typed() {
    let emu = start(Config::default());
    emu.add_fault(fault("win32.commit_packages", 500, None)).unwrap();
    let c = Client::new(cfg(&emu, 30)).unwrap();
    let spec = Win32Spec {
        packages: Some(json!({"packages": [{"packageUrl": "https://example.com/app.msi", "languages": ["en-us"],
            "architectures": ["X64"], "isSilentInstall": true, "packageType": "msi"}]})),
        ..Win32Spec::default()
    };
    let e = c.publish_win32(&emu.info().win32_product_id, spec, StopAfter::Published, None).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::CommitFailed, "{e}");
    assert_eq!(emu.count_op("win32.commit_packages"), 3);
    assert_eq!(emu.count_op("win32.submit"), 0);
}

/// Also seen: a 500 on create was retried about 1 ms apart. Now each create that did not take effect
/// is followed by a backoff (≥ 250 ms with the default policy) before the next one.
#[test]
fn create_500_backs_off_before_creating_again() {
    let emu = start(Config::default());
    emu.add_fault(fault("devcenter.create_app_submission", 500, Some(2))).unwrap();
    let f = files("backoff");
    let c = Client::new(cfg(&emu, 60)).unwrap();
    let out = c.publish_submission(app(&emu), app_spec(), SubmissionOptions::default(), Some(&f.0)).unwrap();
    assert_eq!(out.stage, "published");
    let creates: Vec<u64> = emu
        .requests()
        .iter()
        .filter(|r| r["op"] == "devcenter.create_app_submission")
        .map(|r| r["ms"].as_u64().unwrap())
        .collect();
    assert_eq!(creates.len(), 3, "two lost, one that worked");
    for w in creates.windows(2) {
        assert!(w[1] - w[0] >= 250, "creates {} ms apart", w[1] - w[0]);
    }
}

fn sas_expired_fault(times: Option<u32>) -> FaultRule {
    let body = "<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>AuthenticationFailed</Code><Message>Server failed \
                to authenticate the request.</Message><AuthenticationErrorDetail>Signed expiry time [Wed, 02 Dec 2026 \
                07:00:00 GMT] must be after current time [Wed, 02 Dec 2026 08:00:00 GMT]</AuthenticationErrorDetail></Error>";
    FaultRule {
        method: Some("PUT".into()),
        path: Some("/blob/*".into()),
        status: Some(403),
        headers: [("x-ms-error-code".to_string(), "AuthenticationFailed".to_string())].into_iter().collect(),
        body: Some(Value::String(body.into())),
        times,
        ..FaultRule::default()
    }
}

/// Defect 5: the SAS expired during the upload. When the service hands out a fresh `fileUploadUrl` on a
/// read, the workflow re-reads the submission and uploads once more, and publishes one submission.
#[test]
fn sas_expired_mid_upload_uses_a_fresh_upload_url() {
    let emu = start(Config { fresh_upload_url_on_get: true, ..Config::default() });
    emu.add_fault(sas_expired_fault(Some(1))).unwrap();
    let f = files("sas-fresh");
    let c = Client::new(cfg(&emu, 60)).unwrap();
    let out = c.publish_submission(app(&emu), app_spec(), SubmissionOptions::default(), Some(&f.0)).unwrap();
    assert_eq!(out.stage, "published");
    assert_eq!(emu.count_op("devcenter.create_app_submission"), 1);
    assert_eq!(emu.count_op("devcenter.get_app_submission"), 1, "one re-read for a fresh URL");
}

/// Defect 5: when no fresh URL comes, the error says exactly what to run and no resume token is
/// offered (every read gives the same expired URL, so resuming could never work). Running what it
/// says then publishes.
#[test]
fn sas_expired_without_a_fresh_url_says_pending_recreate() {
    let emu = start(Config::default());
    emu.add_fault(sas_expired_fault(None)).unwrap();
    let f = files("sas-dead");
    let resumable = Arc::new(AtomicBool::new(false));
    let flag = resumable.clone();
    let builder = storesubmit::client::Client::builder(cfg(&emu, 60)).progress(Arc::new(move |p| {
        if matches!(p, storesubmit::client::Progress::Resumable(_)) {
            flag.store(true, Ordering::SeqCst);
        }
    }));
    let c = Client::from_builder(builder).unwrap();
    let e = c.publish_submission(app(&emu), app_spec(), SubmissionOptions::default(), Some(&f.0)).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::SasExpired, "{e}");
    assert!(e.message().contains("--pending recreate"), "{e}");
    assert!(!resumable.load(Ordering::SeqCst), "no resume token that cannot work");
    emu.clear_faults();
    let opts = SubmissionOptions { pending: PendingPolicy::Recreate, ..SubmissionOptions::default() };
    let out = c.publish_submission(app(&emu), app_spec(), opts, Some(&f.0)).unwrap();
    assert_eq!(out.stage, "published");
    assert_eq!(emu.count_op("devcenter.delete_app_submission"), 1);
}

/// Defect 6: the outcome's document carried the live write SAS (`fileUploadUrl` with its `sig`).
#[test]
fn outcome_document_carries_no_sas_signature() {
    let emu = start(Config::default());
    let f = files("redact");
    let c = Client::new(cfg(&emu, 60)).unwrap();
    let opts = SubmissionOptions { stop_after: StopAfter::Draft, ..SubmissionOptions::default() };
    let out = c.publish_submission(app(&emu), app_spec(), opts, Some(&f.0)).unwrap();
    let sid = out.submission_id.clone().unwrap();
    let live = c
        .call("devcenter.get_app_submission", json!({"applicationId": emu.info().app_id, "submissionId": sid}))
        .unwrap();
    let url = live["fileUploadUrl"].as_str().unwrap().to_string();
    let sig = url.split('&').find_map(|p| p.strip_prefix("sig=")).unwrap().to_string();
    assert!(sig.len() > 10);
    let text = serde_json::to_string(&out).unwrap();
    assert!(!text.contains(&sig), "the outcome holds the SAS signature");
    let doc_url = out.document.as_ref().unwrap()["fileUploadUrl"].as_str().unwrap();
    assert!(doc_url.contains("sig=<redacted>") || !doc_url.contains("sig="), "{doc_url}");
}

/// Sends a request head declaring `declared` body bytes, then streams zeros (never held in memory)
/// until the emulator answers; returns the status and how many body bytes went out first.
fn stream_body(emu: &EmulatorHandle, path: &str, declared: u64, auth: Option<&str>) -> (u16, u64) {
    let mut s = TcpStream::connect(emu.addr()).unwrap();
    let mut head = format!(
        "POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {declared}\r\n"
    );
    if let Some(a) = auth {
        head.push_str(&format!("Authorization: Bearer {a}\r\n"));
    }
    head.push_str("\r\n");
    s.write_all(head.as_bytes()).unwrap();
    let answered = Arc::new(AtomicBool::new(false));
    let mut reader = s.try_clone().unwrap();
    let flag = answered.clone();
    let t = std::thread::spawn(move || {
        let mut buf = [0u8; 1024];
        let n = reader.read(&mut buf).unwrap_or(0);
        flag.store(true, Ordering::SeqCst);
        let text = String::from_utf8_lossy(&buf[..n]).to_string();
        text.split(' ').nth(1).and_then(|c| c.parse::<u16>().ok()).unwrap_or(0)
    });
    let chunk = vec![b' '; 1 << 20];
    let mut sent = 0u64;
    while sent < declared && !answered.load(Ordering::SeqCst) {
        let n = chunk.len().min((declared - sent) as usize);
        if s.write_all(&chunk[..n]).is_err() {
            break;
        }
        sent += n as u64;
    }
    (t.join().unwrap(), sent)
}

/// Defect 4: a 1 GiB body without a token was read in full (2 GB of memory) before the 401. Now the
/// answer comes from the head alone. Bound: the 401 arrives before 64 MiB of the body went out, in 5 s.
#[test]
fn api_call_without_token_is_refused_before_its_body() {
    let emu = start(Config::default());
    let path = format!("/devcenter/v1.0/my/applications/{}/submissions", emu.info().app_id);
    let t = Instant::now();
    let (status, sent) = stream_body(&emu, &path, 1 << 30, None);
    assert_eq!(status, 401);
    assert!(sent < 64 << 20, "sent {sent} bytes before the answer");
    assert!(t.elapsed() < Duration::from_secs(5));
    // A bad token is refused the same way; a declared size over the cap is 413 whatever the token.
    let (status, sent) = stream_body(&emu, &path, 1 << 30, Some("not-a-token"));
    assert_eq!((status, sent < 64 << 20), (401, true));
    let (status, _) = stream_body(&emu, "/token/x/oauth2/v2.0/token", 1 << 30, None);
    assert_eq!(status, 413);
}
