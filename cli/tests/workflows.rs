//! End-to-end workflows through the emulator with the bundled transport: every flow to Published, token
//! refresh mid-flow, "do the work, then 503" on create/commit/submit (no duplicate), 429 + Retry-After,
//! MissingFiles before any upload, and resume after "draft only".

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{json, Value};
use storesubmit::api::auth::ClientCredentials;
use storesubmit::client::blocking::Client;
use storesubmit::client::{Client as AsyncClient, Progress};
use storesubmit::flow::devcenter::{RolloutAction, SubmissionOptions, Target};
use storesubmit::flow::ingestion::IngestionSpec;
use storesubmit::flow::win32::{AssetSet, Win32Spec};
use storesubmit::flow::{FlowConfig, StopAfter, SubmissionSpec};
use storesubmit::policy::PollSchedule;
use storesubmit::ErrorKind;
use storesubmit_emulator::{Config, Emulator, EmulatorHandle, FaultRule};

mod common;

struct Files(PathBuf);

impl Drop for Files {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn files(tag: &str) -> Files {
    let dir = std::env::temp_dir().join(format!("storesubmit-e2e-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    for (name, len) in [
        ("app.msixupload", 300_000usize),
        ("flight.msixupload", 100_000),
        ("Images/shot1.png", 20_000),
        ("Images/icon.png", 5_000),
        ("Assets/shot.png", 10_000),
        ("Assets/logo.png", 4_000),
    ] {
        common::write_placeholder(&dir, name, len);
    }
    Files(dir)
}

fn start(config: Config) -> EmulatorHandle {
    Emulator::start_blocking(config).expect("emulator starts")
}

fn cfg(emu: &EmulatorHandle) -> FlowConfig {
    let info = emu.info();
    let mut c = FlowConfig::new(
        info.endpoints(),
        ClientCredentials::new(&info.tenant_id, &info.client_id, info.client_secret.as_str()),
    );
    c.seller_id = Some(info.seller_id.clone());
    c.poll = PollSchedule::fast(Duration::from_millis(100));
    c.deadline = Some(Duration::from_secs(120));
    c
}

/// A blocking client recording every progress event.
fn client(cfg: FlowConfig) -> (Client, Arc<Mutex<Vec<Progress>>>) {
    let events = Arc::new(Mutex::new(Vec::new()));
    let sink = events.clone();
    let builder =
        AsyncClient::builder(cfg).progress(Arc::new(move |p: &Progress| sink.lock().unwrap().push(p.clone())));
    (Client::from_builder(builder).unwrap(), events)
}

fn app_spec() -> SubmissionSpec {
    SubmissionSpec {
        changes: json!({
            "applicationPackages": [{"fileName": "app.msixupload", "minimumDirectXVersion": "None", "minimumSystemRam": "None"}],
            "listings": {"en-us": {"baseListing": {"description": "e2e", "images": [{"fileName": "Images\\shot1.png", "imageType": "Screenshot"}]}}}
        }),
        rollout_percentage: Some(10.0),
        ..SubmissionSpec::default()
    }
}

fn app(emu: &EmulatorHandle) -> Target {
    Target::App { app_id: emu.info().app_id.clone() }
}

fn requests(events: &Mutex<Vec<Progress>>, needle: &str) -> usize {
    events.lock().unwrap().iter().filter(|p| matches!(p, Progress::Request { url, .. } if url.contains(needle))).count()
}

fn pending_submissions(emu: &EmulatorHandle) -> usize {
    // Count the app submissions the emulator holds that are not published: a duplicate shows up here.
    let dump = emu.state_dump();
    let text = dump.to_string();
    text.matches("\"PendingCommit\"").count()
}

#[test]
fn app_submission_publishes_with_rollout_and_keeps_unknown_fields() {
    let emu = start(Config::default());
    let f = files("app");
    let (c, events) = client(cfg(&emu));
    let out = c.publish_submission(app(&emu), app_spec(), SubmissionOptions::default(), Some(&f.0)).unwrap();
    assert_eq!(out.stage, "published");
    assert_eq!(out.status.as_deref(), Some("Published"));
    let sid = out.submission_id.clone().unwrap();
    // The submission the Store holds carries the rollout percentage and the new package.
    let sub = c
        .call("devcenter.get_app_submission", json!({"applicationId": emu.info().app_id, "submissionId": sid}))
        .unwrap();
    assert_eq!(sub["packageDeliveryOptions"]["packageRollout"]["packageRolloutPercentage"], json!(10.0));
    let names: Vec<&str> =
        sub["applicationPackages"].as_array().unwrap().iter().filter_map(|p| p["fileName"].as_str()).collect();
    assert!(names.contains(&"app.msixupload"), "{names:?}");
    // One ZIP upload went to the emulator's blob store, with progress reported.
    assert!(events
        .lock()
        .unwrap()
        .iter()
        .any(|p| matches!(p, Progress::Upload { done, total } if done == total && *total > 300_000)));
    // Rollout: update, halt, finalize through the rollout workflow.
    let r = c.rollout(app(&emu), &sid, RolloutAction::Update(50.0)).unwrap();
    assert_eq!(r.document.unwrap()["packageRolloutPercentage"], json!(50.0));
    let r = c.rollout(app(&emu), &sid, RolloutAction::Finalize).unwrap();
    assert!(r.status.unwrap().contains("Complete"));
}

#[test]
fn addon_and_flight_submissions_publish() {
    let emu = start(Config::default());
    let f = files("addon");
    let (c, _) = client(cfg(&emu));
    let addon = Target::Addon { addon_id: emu.info().addon_id.clone() };
    let spec = SubmissionSpec::from_changes(json!({
        "listings": {"en-us": {"title": "Coins", "description": "100 coins", "icon": {"fileName": "Images/icon.png"}}}
    }));
    let out = c.publish_submission(addon, spec, SubmissionOptions::default(), Some(&f.0)).unwrap();
    assert_eq!(out.stage, "published");

    let flight = Target::Flight { app_id: emu.info().app_id.clone(), flight_id: emu.info().flight_id.clone() };
    let spec = SubmissionSpec::from_changes(json!({"flightPackages": [{"fileName": "flight.msixupload"}]}));
    let out = c.publish_submission(flight, spec, SubmissionOptions::default(), Some(&f.0)).unwrap();
    assert_eq!(out.stage, "published");
}

fn win32_spec() -> Win32Spec {
    Win32Spec {
        packages: Some(json!({"packages": [{
            "packageUrl": "https://downloads.contoso.example/setup.msi", "languages": ["en-us"],
            "architectures": ["X64"], "isSilentInstall": true, "packageType": "msi"}]})),
        metadata: Some(json!({"listings": {"language": "en-us", "description": "e2e", "shortDescription": "e2e"}})),
        metadata_patch: true,
        assets: vec![AssetSet {
            language: "en-us".into(),
            screenshots: vec!["Assets/shot.png".into()],
            logos: vec!["Assets/logo.png".into()],
        }],
        ..Win32Spec::default()
    }
}

#[test]
fn win32_product_publishes() {
    let emu = start(Config::default());
    let f = files("win32");
    let (c, _) = client(cfg(&emu));
    let out = c.publish_win32(&emu.info().win32_product_id, win32_spec(), StopAfter::Published, Some(&f.0)).unwrap();
    assert_eq!(out.stage, "published");
    assert_eq!(out.status.as_deref().map(str::to_ascii_uppercase).as_deref(), Some("PUBLISHED"));
}

#[test]
fn ingestion_product_publishes() {
    let emu = start(Config::default());
    let (c, _) = client(cfg(&emu));
    let product = emu.info().ingestion_product_id.clone();
    assert!(!product.is_empty(), "the default fixture has an ingestion product");
    let out = c
        .publish_ingestion(&product, IngestionSpec { promote: true, ..IngestionSpec::default() }, StopAfter::Published)
        .unwrap();
    assert_eq!(out.stage, "published");
}

#[test]
fn short_lived_tokens_are_refreshed_mid_flow() {
    let mut config = Config { token_lifetime_secs: 2, ..Config::default() };
    config.durations.certification = 5.0;
    let emu = start(config);
    let f = files("token");
    let (c, events) = client(cfg(&emu));
    let out = c.publish_submission(app(&emu), app_spec(), SubmissionOptions::default(), Some(&f.0)).unwrap();
    assert_eq!(out.stage, "published");
    assert!(requests(&events, "/oauth2/") >= 3, "tokens were refreshed during the flow");
    let unauthorized =
        events.lock().unwrap().iter().filter(|p| matches!(p, Progress::Request { status: Some(401), .. })).count();
    assert_eq!(unauthorized, 0, "a refresh happens before expiry, no 401 is ever seen");
}

fn after_work_503(op: &str) -> FaultRule {
    FaultRule { op: Some(op.into()), after_work: true, status: Some(503), times: Some(1), ..FaultRule::default() }
}

#[test]
fn create_and_commit_that_work_then_fail_do_not_duplicate() {
    let emu = start(Config::default());
    emu.add_fault(after_work_503("devcenter.create_app_submission")).unwrap();
    emu.add_fault(after_work_503("devcenter.commit_app_submission")).unwrap();
    let f = files("503");
    let (c, events) = client(cfg(&emu));
    let out = c.publish_submission(app(&emu), app_spec(), SubmissionOptions::default(), Some(&f.0)).unwrap();
    assert_eq!(out.stage, "published");
    assert!(out.adopted, "the submission created by the lost call was adopted");
    let creates = events
        .lock()
        .unwrap()
        .iter()
        .filter(|p| matches!(p, Progress::Request { method: storesubmit::Method::Post, url, .. } if url.ends_with("/submissions")))
        .count();
    assert_eq!(creates, 1, "create was never repeated");
    assert_eq!(requests(&events, "/commit"), 1, "commit was never repeated");
    assert_eq!(pending_submissions(&emu), 0);
}

#[test]
fn win32_submit_that_works_then_fails_is_adopted() {
    let emu = start(Config::default());
    emu.add_fault(after_work_503("win32.submit")).unwrap();
    let f = files("w503");
    let (c, events) = client(cfg(&emu));
    let out = c.publish_win32(&emu.info().win32_product_id, win32_spec(), StopAfter::Published, Some(&f.0)).unwrap();
    assert_eq!(out.stage, "published");
    assert!(out.adopted);
    assert_eq!(requests(&events, "/submit"), 1, "submit was never repeated");
}

#[test]
fn rate_limits_are_waited_out_as_told() {
    let emu = start(Config::default());
    let rule = FaultRule {
        op: Some("devcenter.get_app".into()),
        status: Some(429),
        headers: [("Retry-After".to_string(), "1".to_string())].into_iter().collect(),
        times: Some(1),
        ..FaultRule::default()
    };
    emu.add_fault(rule).unwrap();
    let f = files("429");
    let (c, events) = client(cfg(&emu));
    let opts = SubmissionOptions { stop_after: StopAfter::Draft, ..SubmissionOptions::default() };
    let started = std::time::Instant::now();
    c.publish_submission(app(&emu), app_spec(), opts, Some(&f.0)).unwrap();
    assert!(started.elapsed() >= Duration::from_secs(1));
    assert!(
        events
            .lock()
            .unwrap()
            .iter()
            .any(|p| matches!(p, Progress::Wait { duration, .. } if *duration == Duration::from_secs(1))),
        "waited exactly Retry-After"
    );
}

#[test]
fn missing_files_fail_before_anything_is_sent() {
    let emu = start(Config::default());
    let f = files("missing");
    let (c, events) = client(cfg(&emu));
    let spec = SubmissionSpec::from_changes(json!({"applicationPackages": [{"fileName": "not-there.msixupload"}]}));
    let e = c.publish_submission(app(&emu), spec, SubmissionOptions::default(), Some(&f.0)).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::MissingFiles);
    assert_eq!(e.issues()[0].path, "/applicationPackages/0/fileName");
    assert!(events.lock().unwrap().iter().all(|p| !matches!(p, Progress::Request { .. })), "no request was sent");
}

#[test]
fn draft_only_then_resume_publishes_the_same_submission() {
    let emu = start(Config::default());
    let f = files("draft");
    let (c, _) = client(cfg(&emu));
    let opts = SubmissionOptions { stop_after: StopAfter::Draft, ..SubmissionOptions::default() };
    let draft = c.publish_submission(app(&emu), app_spec(), opts, Some(&f.0)).unwrap();
    assert_eq!(draft.stage, "draft");
    let token = draft.resume_token.clone().expect("a resume token");
    assert!(!token.to_json().contains("sig="), "no SAS in the token");
    let status = c
        .call(
            "devcenter.get_app_submission_status",
            json!({"applicationId": emu.info().app_id, "submissionId": draft.submission_id}),
        )
        .unwrap();
    assert_eq!(status["status"], "PendingCommit", "not committed yet");
    // A new client (a later CI job) continues from the token alone.
    let (c2, _) = client(cfg(&emu));
    let done = c2.resume(&token, StopAfter::Published, Some(&f.0)).unwrap();
    assert_eq!(done.stage, "published");
    assert_eq!(done.submission_id, draft.submission_id);
}

#[test]
fn win32_draft_only_then_resume() {
    let emu = start(Config::default());
    let f = files("w32draft");
    let (c, _) = client(cfg(&emu));
    let draft = c.publish_win32(&emu.info().win32_product_id, win32_spec(), StopAfter::Draft, Some(&f.0)).unwrap();
    assert_eq!(draft.stage, "draft");
    let token = draft.resume_token.unwrap();
    let done = c.resume(&token, StopAfter::Published, Some(Path::new(&f.0))).unwrap();
    assert_eq!(done.stage, "published");
}

#[test]
fn a_deadline_stops_a_long_poll_with_a_typed_error() {
    let mut config = Config::default();
    config.durations.certification = 600.0;
    let emu = start(config);
    let f = files("deadline");
    let mut c = cfg(&emu);
    c.deadline = Some(Duration::from_secs(3));
    let (c, _) = client(c);
    let e = c.publish_submission(app(&emu), app_spec(), SubmissionOptions::default(), Some(&f.0)).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::DeadlineExceeded);
}

#[test]
fn list_all_follows_next_links() {
    let emu = start(Config::default());
    let (c, _) = client(cfg(&emu));
    let apps = c.list_all("devcenter.list_apps", json!({"top": 1})).unwrap();
    assert!(!apps.is_empty());
    let ids: Vec<&Value> = apps.iter().map(|a| &a["id"]).collect();
    let mut dedup = ids.clone();
    dedup.dedup();
    assert_eq!(ids.len(), dedup.len(), "each page once");
}

#[test]
fn the_core_list_flow_pages_the_emulator_in_both_families() {
    let emu = start(Config { page_size: 1, ..Config::default() });
    let (c, _) = client(cfg(&emu));
    let list = |op: &str, args: Value, cap: u32| {
        let flow = storesubmit::flow::simple::list_all(cfg(&emu), op, args, cap).unwrap();
        c.run(flow, None).unwrap().document.unwrap()
    };
    let apps = list("devcenter.list_apps", json!({"top": 1}), 1000);
    assert_eq!(apps["truncated"], false);
    let n = apps["value"].as_array().unwrap().len();
    assert_eq!(apps["pages"].as_u64(), Some(n as u64), "one app per page: {apps}");
    for name in ["Paging Two", "Paging Three"] {
        c.call("ingestion.create_product", json!({"body": {"name": name, "resourceType": "AzureApplication"}}))
            .unwrap();
    }
    let products = list("ingestion.list_products", Value::Null, 1000);
    let all = products["value"].as_array().unwrap().len();
    assert!(all >= 3, "the emulator's products span pages: {products}");
    assert_eq!(products["pages"].as_u64(), Some(all as u64));
    let capped = list("ingestion.list_products", Value::Null, 1);
    assert_eq!((capped["truncated"].as_bool(), capped["value"].as_array().unwrap().len()), (Some(true), 1));
    assert!(capped["nextLink"].as_str().unwrap().contains("$skipToken="), "{capped}");
}

#[test]
fn a_failed_upload_is_resumed_without_a_second_submission() {
    let emu = start(Config::default());
    let f = files("resume-after-failure");
    let c = cfg(&emu);
    let events = Arc::new(Mutex::new(Vec::new()));
    let sink = events.clone();
    let upload = storesubmit::transport::UploadOptions {
        retry: storesubmit::policy::RetryPolicy { max_attempts: 2, ..Default::default() },
        ..Default::default()
    };
    let builder = AsyncClient::builder(c.clone())
        .upload_options(upload)
        .progress(Arc::new(move |p: &Progress| sink.lock().unwrap().push(p.clone())));
    let client_a = Client::from_builder(builder).unwrap();
    // Every blob write fails: the upload gives up after its retries.
    let rule = FaultRule {
        method: Some("PUT".into()),
        path: Some("/blob/*".into()),
        status: Some(500),
        ..FaultRule::default()
    };
    emu.add_fault(rule).unwrap();
    let e = client_a.publish_submission(app(&emu), app_spec(), SubmissionOptions::default(), Some(&f.0)).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Server, "{e}");
    let token = events
        .lock()
        .unwrap()
        .iter()
        .find_map(|p| match p {
            Progress::Resumable(t) => Some(t.clone()),
            _ => None,
        })
        .expect("a failure after the update hands out a resume token");
    emu.clear_faults();
    let (client_b, _) = client(c);
    let out = client_b.resume(&token, StopAfter::Published, Some(&f.0)).unwrap();
    assert_eq!(out.stage, "published");
    assert_eq!(token.0["submission_id"].as_str(), out.submission_id.as_deref(), "the same submission was finished");
}
