//! Fault injection (status with headers and body, 429 + Retry-After, delay, dropped connection, "do the
//! work, then fail"), per-token rate limits, the emulated clock, the state dump and the admin API.

mod common;

use std::time::{Duration, Instant};

use bytes::Bytes;
use common::{body, Emu};
use serde_json::{json, Value};
use storesubmit::api::blob::SasUrl;
use storesubmit::api::devcenter as dc;
use storesubmit::api::win32::Win32;
use storesubmit::api::Family;
use storesubmit::{ErrorKind, Method};
use storesubmit_emulator::{FaultRule, RateLimit};

#[tokio::test]
async fn status_faults_with_headers_and_bodies() {
    let emu = Emu::start();
    let ep = emu.ep.clone();
    let app = emu.info.app_id.clone();
    let get_app = || dc::get_app(&ep, &app).unwrap();
    // 429 + Retry-After, once, on one operation; the body takes the family's error shape.
    let id = emu
        .handle
        .add_fault(FaultRule {
            op: Some("devcenter.get_app".into()),
            status: Some(429),
            headers: [("Retry-After".to_string(), "7".to_string())].into(),
            times: Some(1),
            ..Default::default()
        })
        .unwrap();
    assert!(id > 0);
    let r = emu.call(Family::Devcenter, get_app()).await;
    assert_eq!(r.status, 429);
    assert_eq!(r.header("Retry-After"), Some("7"));
    assert!(r.header("X-Correlation-ID").is_some());
    assert_eq!(body(&r)["code"], "TooManyRequests");
    let e = storesubmit::Error::from_response(&r);
    assert_eq!(e.kind(), ErrorKind::RateLimited);
    assert_eq!(e.retry_after(), Some(Duration::from_secs(7)));
    assert!(e.is_retryable());
    assert_eq!(emu.call(Family::Devcenter, get_app()).await.status, 200, "times: 1");

    // A JSON body and a text body as given; `skip` lets the first match through.
    emu.handle
        .add_fault(FaultRule {
            path: Some("/win32/*/status".into()),
            method: Some("GET".into()),
            status: Some(500),
            body: Some(json!({"custom": true})),
            skip: 1,
            times: Some(1),
            ..Default::default()
        })
        .unwrap();
    let api = Win32::new(&ep, emu.info.seller_id.clone()).unwrap();
    let pid = emu.info.win32_product_id.clone();
    assert_eq!(emu.call(Family::Win32, api.get_module_status(&pid).unwrap()).await.status, 200);
    let r = emu.call(Family::Win32, api.get_module_status(&pid).unwrap()).await;
    assert_eq!((r.status, body(&r)), (500, json!({"custom": true})));
    assert_eq!(emu.call(Family::Win32, api.get_module_status(&pid).unwrap()).await.status, 200);
    // Without a body a win32 fault answers in the envelope.
    emu.handle
        .add_fault(FaultRule {
            op: Some("win32.get_packages".into()),
            status: Some(503),
            times: Some(1),
            ..Default::default()
        })
        .unwrap();
    let r = emu.call(Family::Win32, api.get_packages(&pid).unwrap()).await;
    assert_eq!(r.status, 503);
    assert_eq!(body(&r)["isSuccess"], false);
    assert_eq!(body(&r)["errors"][0]["code"], "serviceunavailable");
    assert_eq!(storesubmit::Error::from_response(&r).kind(), ErrorKind::Unavailable);
    emu.handle
        .add_fault(FaultRule {
            method: Some("GET".into()),
            path: Some("/devcenter/v1.0/my/inappproducts*".into()),
            status: Some(502),
            body: Some(json!("bad gateway")),
            times: Some(1),
            ..Default::default()
        })
        .unwrap();
    let r = emu.call(Family::Devcenter, dc::list_addons(&ep, dc::Page::default()).unwrap()).await;
    assert_eq!((r.status, r.body.as_slice()), (502, b"bad gateway".as_slice()));

    // Rules are visible (with match counts) and removable through the admin API.
    let (s, rules) = emu.admin(Method::Get, "/faults", None).await;
    assert_eq!(s, 200);
    assert_eq!(rules.as_array().unwrap().len(), 4);
    assert_eq!(rules[0]["matched"], 2);
    let (s, _) = emu.admin(Method::Delete, &format!("/faults/{id}"), None).await;
    assert_eq!(s, 204);
    let (s, _) = emu.admin(Method::Delete, &format!("/faults/{id}"), None).await;
    assert_eq!(s, 404);
    let (s, b) = emu.admin(Method::Post, "/faults", Some(json!({"status": 99}))).await;
    assert_eq!(s, 400, "{b}");
    let (s, b) = emu.admin(Method::Post, "/faults", Some(json!({"stauts": 500}))).await;
    assert_eq!(s, 400, "unknown fields are refused: {b}");
    let (s, b) = emu.admin(Method::Post, "/faults", Some(json!({"path": "/x"}))).await;
    assert_eq!(s, 400, "a rule that does nothing: {b}");
    let (s, b) = emu.admin(Method::Post, "/faults", Some(json!([{"op": "devcenter.get_app", "status": 503, "times": 1}, {"op": "devcenter.get_app", "status": 500}]))).await;
    assert_eq!(s, 201);
    assert_eq!(b["ids"].as_array().unwrap().len(), 2);
    assert_eq!(emu.call(Family::Devcenter, get_app()).await.status, 503);
    assert_eq!(emu.call(Family::Devcenter, get_app()).await.status, 500);
    let (s, _) = emu.admin(Method::Delete, "/faults", None).await;
    assert_eq!(s, 204);
    assert_eq!(emu.call(Family::Devcenter, get_app()).await.status, 200);
}

#[tokio::test]
async fn delay_drop_and_do_the_work_then_fail() {
    let emu = Emu::start();
    let ep = emu.ep.clone();
    let app = emu.info.app_id.clone();

    // Delay only: the request is answered normally, later.
    emu.handle
        .add_fault(FaultRule {
            op: Some("devcenter.get_app".into()),
            delay_ms: 300,
            times: Some(1),
            ..Default::default()
        })
        .unwrap();
    let t = Instant::now();
    let r = emu.call(Family::Devcenter, dc::get_app(&ep, &app).unwrap()).await;
    assert_eq!(r.status, 200);
    assert!(t.elapsed() >= Duration::from_millis(300));

    // Drop: the connection closes without an answer; the next request is served.
    emu.handle
        .add_fault(FaultRule { op: Some("devcenter.get_app".into()), drop: true, times: Some(1), ..Default::default() })
        .unwrap();
    let mut req = dc::get_app(&ep, &app).unwrap();
    req.authorize(&emu.token(Family::Devcenter).await);
    let e = emu.try_send(&req).await.unwrap_err();
    assert!(!e.is_empty());
    assert_eq!(emu.send(&req).await.status, 200);

    // "Do the work, then fail" (StoreBroker #123): create answers 503 but the submission exists.
    emu.handle
        .add_fault(FaultRule {
            op: Some("devcenter.create_app_submission".into()),
            after_work: true,
            times: Some(1),
            ..Default::default()
        })
        .unwrap();
    let r = emu.call(Family::Devcenter, dc::create_app_submission(&ep, &app).unwrap()).await;
    assert_eq!(r.status, 503);
    assert_eq!(storesubmit::Error::from_response(&r).kind(), ErrorKind::Unavailable);
    let r = emu.call(Family::Devcenter, dc::get_app(&ep, &app).unwrap()).await;
    let pending = body(&r)["pendingApplicationSubmission"]["id"].as_str().expect("the create took effect").to_string();
    assert_eq!(emu.call(Family::Devcenter, dc::create_app_submission(&ep, &app).unwrap()).await.status, 409);
    // The same on commit, with a chosen status.
    emu.handle
        .add_fault(FaultRule {
            op: Some("devcenter.commit_app_submission".into()),
            after_work: true,
            status: Some(500),
            times: Some(1),
            ..Default::default()
        })
        .unwrap();
    let r = emu.call(Family::Devcenter, dc::commit_app_submission(&ep, &app, &pending).unwrap()).await;
    assert_eq!(r.status, 500);
    let r = emu.call(Family::Devcenter, dc::get_app_submission_status(&ep, &app, &pending).unwrap()).await;
    assert_eq!(body(&r)["status"], "CommitStarted");

    // Faults on the blob store: the core's uploader retries a 503 block and a dropped one.
    let url = body(&emu.call(Family::Devcenter, dc::create_addon_submission(&ep, &emu.info.addon_id).unwrap()).await)
        ["fileUploadUrl"]
        .as_str()
        .unwrap()
        .to_string();
    emu.handle
        .add_fault(FaultRule {
            path: Some("/blob/*".into()),
            method: Some("PUT".into()),
            status: Some(503),
            skip: 1,
            times: Some(1),
            ..Default::default()
        })
        .unwrap();
    emu.handle
        .add_fault(FaultRule {
            path: Some("/blob/*".into()),
            method: Some("PUT".into()),
            drop: true,
            skip: 3,
            times: Some(1),
            ..Default::default()
        })
        .unwrap();
    use storesubmit::policy::retry::RetryPolicy;
    use storesubmit::transport::{BlobUploader, UploadOptions};
    let opts = UploadOptions {
        block_size: 1 << 20,
        single_put_max: 1 << 20,
        concurrency: 1,
        retry: RetryPolicy { base_delay: Duration::from_millis(10), ..RetryPolicy::default() },
        ..UploadOptions::default()
    };
    let data: Vec<u8> = (0..(3u32 << 20)).map(|i| (i % 13) as u8).collect();
    let report = BlobUploader::new(opts)
        .unwrap()
        .upload_bytes(&SasUrl::parse(&url).unwrap(), Bytes::from(data.clone()))
        .await
        .unwrap();
    assert!(report.retries >= 2, "{report:?}");
    let got = emu.send(&storesubmit::HttpRequest::new(Method::Get, url)).await;
    assert_eq!(got.body, data);
}

#[tokio::test]
async fn rate_limits_are_per_token() {
    let emu = Emu::start();
    let ep = emu.ep.clone();
    let app = emu.info.app_id.clone();
    let (s, b) = emu.admin(Method::Put, "/rate-limit", Some(json!({"requests": 3, "per_seconds": 60}))).await;
    assert_eq!((s, &b["rateLimit"]), (200, &json!({"requests": 3, "per_seconds": 60.0})));
    let a = emu.new_token(Family::Devcenter).await;
    let b_tok = emu.new_token(Family::Devcenter).await;
    let mut req = dc::get_app(&ep, &app).unwrap();
    req.authorize(&a);
    for _ in 0..3 {
        assert_eq!(emu.send(&req).await.status, 200);
    }
    let r = emu.send(&req).await;
    assert_eq!(r.status, 429);
    let wait: u64 = r.header("Retry-After").unwrap().parse().unwrap();
    assert!((1..=60).contains(&wait));
    assert_eq!(storesubmit::Error::from_response(&r).retry_after(), Some(Duration::from_secs(wait)));
    let mut other = req.clone();
    other.authorize(&b_tok);
    assert_eq!(emu.send(&other).await.status, 200, "another token has its own budget");
    emu.advance(60.0);
    assert_eq!(emu.send(&req).await.status, 200, "a new window");
    let (s, _) = emu.admin(Method::Put, "/rate-limit", Some(Value::Null)).await;
    assert_eq!(s, 200);
    for _ in 0..5 {
        assert_eq!(emu.send(&req).await.status, 200);
    }
    let (s, _) = emu.admin(Method::Put, "/rate-limit", Some(json!({"requests": 0, "per_seconds": 1}))).await;
    assert_eq!(s, 400);
    // Also from the config.
    let cfg = storesubmit_emulator::Config {
        rate_limit: Some(RateLimit { requests: 1, per_seconds: 30.0 }),
        ..common::config()
    };
    let emu2 = Emu::with(cfg);
    assert_eq!(emu2.call(Family::Devcenter, dc::get_app(&emu2.ep, &app).unwrap()).await.status, 200);
    assert_eq!(emu2.call(Family::Devcenter, dc::get_app(&emu2.ep, &app).unwrap()).await.status, 429);
}

#[tokio::test]
async fn clock_settings_state_dump_and_request_log() {
    let emu = Emu::start();
    let ep = emu.ep.clone();
    let app = emu.info.app_id.clone();
    let (s, c0) = emu.admin(Method::Get, "/clock", None).await;
    assert_eq!(s, 200);
    let (s, c1) = emu.admin(Method::Post, "/clock/advance", Some(json!({"seconds": 90}))).await;
    assert_eq!(s, 200);
    assert!(c1["nowMs"].as_u64().unwrap() >= c0["nowMs"].as_u64().unwrap() + 90_000);
    assert_eq!(c1["offsetSeconds"], 90.0);
    let (s, _) = emu.admin(Method::Post, "/clock/advance", Some(json!({"seconds": -1}))).await;
    assert_eq!(s, 400);
    emu.advance(10.0);
    let (_, c2) = emu.admin(Method::Get, "/clock", None).await;
    assert_eq!(c2["offsetSeconds"], 100.0);

    // Settings: durations and outcomes change at run time; bad values are refused.
    let (s, st) = emu
        .admin(
            Method::Patch,
            "/settings",
            Some(json!({"durations": {"commit": 5}, "outcomes": {"devcenter": "ReleaseFailed"}})),
        )
        .await;
    assert_eq!(s, 200);
    assert_eq!(st["durations"]["commit"], 5.0);
    assert_eq!(st["durations"]["preprocessing"], 100.0);
    let (s, b) = emu.admin(Method::Patch, "/settings", Some(json!({"outcomes": {"devcenter": "Maybe"}}))).await;
    assert_eq!(s, 400, "{b}");
    let (s, _) = emu.admin(Method::Patch, "/settings", Some(json!({"color": "blue"}))).await;
    assert_eq!(s, 400);
    let r = emu.call(Family::Devcenter, dc::create_app_submission(&ep, &app).unwrap()).await;
    let sid = body(&r)["id"].as_str().unwrap().to_string();
    emu.call(Family::Devcenter, dc::commit_app_submission(&ep, &app, &sid).unwrap()).await;
    for _ in 0..4 {
        emu.advance(100.0);
    }
    let r = emu.call(Family::Devcenter, dc::get_app_submission_status(&ep, &app, &sid).unwrap()).await;
    assert_eq!(body(&r)["status"], "ReleaseFailed");

    // The state dump: every family's state, no secret.
    let dump = emu.handle.state_dump();
    let (s, via_admin) = emu.admin(Method::Get, "/state", None).await;
    assert_eq!(s, 200);
    for d in [&dump, &via_admin] {
        let subs = d["devcenter"]["submissions"].as_array().unwrap();
        assert!(subs.iter().any(|x| x["id"] == sid.as_str() && x["status"] == "ReleaseFailed"));
        assert_eq!(d["win32"][0]["id"], emu.info.win32_product_id.as_str());
        assert_eq!(d["ingestion"][0]["id"], emu.info.ingestion_product_id.as_str());
        assert!(d["tokensIssued"].as_u64().unwrap() >= 1);
        let text = d.to_string();
        assert!(!text.contains(&emu.info.client_secret));
        assert!(!text.contains("sig="));
        assert!(!text.contains(&emu.token(Family::Devcenter).await.expose().to_string()));
    }
    let (s, info) = emu.admin(Method::Get, "/info", None).await;
    assert_eq!((s, info["app_id"].as_str()), (200, Some(app.as_str())));

    // The request log records method, path, status and the core's operation id.
    let (_, log) = emu.admin(Method::Get, "/requests", None).await;
    let last = log
        .as_array()
        .unwrap()
        .iter()
        .rev()
        .find(|e| e["op"] == "devcenter.get_app_submission_status")
        .unwrap()
        .clone();
    assert_eq!((last["method"].as_str(), last["status"].as_u64()), (Some("GET"), Some(200)));
    let (s, _) = emu.admin(Method::Delete, "/requests", None).await;
    assert_eq!(s, 204);
    let (s, b) = emu.admin(Method::Get, "/nothing", None).await;
    assert_eq!(s, 404, "{b}");
    // The log is what the services saw: the admin calls above are not in it.
    let (_, log) = emu.admin(Method::Get, "/requests", None).await;
    assert_eq!(log, json!([]), "admin calls are not logged");

    // Blob requests are named as the core's uploader names them, so a fault rule can name them by op.
    let r = emu.call(Family::Devcenter, dc::create_app_submission(&ep, &app).unwrap()).await;
    let r = if r.status == 409 {
        let r = emu.call(Family::Devcenter, dc::get_app(&ep, &app).unwrap()).await;
        let id = body(&r)["pendingApplicationSubmission"]["id"].as_str().unwrap().to_string();
        emu.call(Family::Devcenter, dc::get_app_submission(&ep, &app, &id).unwrap()).await
    } else {
        r
    };
    let sas = SasUrl::parse(body(&r)["fileUploadUrl"].as_str().unwrap()).unwrap();
    emu.handle
        .add_fault(FaultRule { op: Some("blob.put_blob".into()), delay_ms: 300, times: Some(1), ..Default::default() })
        .unwrap();
    let put = storesubmit::api::blob::put_blob(&sas, "2021-12-02", b"zip bytes".to_vec(), None);
    let started = Instant::now();
    assert!(emu.send(&put).await.status < 300);
    assert!(started.elapsed() >= Duration::from_millis(300), "the fault named by op applied");
    let (_, log) = emu.admin(Method::Get, "/requests", None).await;
    let ops: Vec<&str> = log.as_array().unwrap().iter().filter_map(|e| e["op"].as_str()).collect();
    assert!(ops.contains(&"blob.put_blob"), "{ops:?}");
}

#[tokio::test]
async fn debug_output_holds_no_secret() {
    let emu = Emu::start();
    let token = emu.token(Family::Devcenter).await;
    let shown = format!("{:?}", emu.handle);
    assert!(!shown.contains(token.expose()));
    assert!(!shown.contains(&emu.info.client_secret));
    let cfg = format!("{:?}", common::config());
    assert!(!cfg.contains("emulator-client-secret"), "{cfg}");
}
