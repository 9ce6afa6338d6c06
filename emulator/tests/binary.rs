//! The `storesubmit-emulator` binary as a process: the first stdout line (the documented JSON object),
//! `--config FILE`, argument errors, and stopping on stdin EOF.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::{json, Value};
use storesubmit::api::auth::{self, ClientCredentials, TokenVersion};
use storesubmit::api::{devcenter as dc, Family};
use storesubmit::{HttpRequest, HttpResponse, Method};

use common::{Proc, BIN};

/// The keys the issue documents, plus `ingestion_product_id` and the other side of secretless sign-in
/// (`oidc_request_url`, `oidc_request_token`, `managed_identity_url`; documented in emulator/README.md).
const KEYS: &[&str] = &[
    "devcenter_url",
    "win32_url",
    "ingestion_url",
    "token_url",
    "blob_url",
    "admin_url",
    "base_url",
    "tenant_id",
    "client_id",
    "client_secret",
    "seller_id",
    "app_id",
    "addon_id",
    "flight_id",
    "win32_product_id",
    "ingestion_product_id",
    "oidc_request_url",
    "oidc_request_token",
    "managed_identity_url",
];

async fn send(req: &HttpRequest) -> HttpResponse {
    common::send_with(&reqwest::Client::new(), req).await.expect("request")
}

#[tokio::test]
async fn first_line_is_the_documented_json_object() {
    let p = Proc::start(&["--port", "0"]);
    common::assert_keys(&p.info, KEYS);
    for k in ["devcenter_url", "win32_url", "ingestion_url", "token_url", "blob_url", "admin_url", "base_url"] {
        assert!(p.s(k).starts_with("http://127.0.0.1:"), "{k}: {}", p.info[k]);
    }
    for k in KEYS {
        assert!(!p.s(k).is_empty(), "{k} is empty");
    }
    // The admin API reports the same object; the credentials work; the fixture ids exist.
    let r = send(&HttpRequest::new(Method::Get, format!("{}/info", p.s("admin_url")))).await;
    assert_eq!(serde_json::from_slice::<Value>(&r.body).unwrap(), p.info);
    let ep = p.endpoints();
    let creds = ClientCredentials::new(p.s("tenant_id"), p.s("client_id"), p.s("client_secret"));
    let t = auth::parse_token_response(
        &send(&auth::token_request(&ep, &creds, Family::Devcenter, TokenVersion::V2).unwrap()).await,
        0,
    )
    .unwrap();
    for req in [
        dc::get_app(&ep, &p.s("app_id")),
        dc::get_addon(&ep, &p.s("addon_id")),
        dc::get_flight(&ep, &p.s("app_id"), &p.s("flight_id")),
    ] {
        let mut req = req.unwrap();
        req.authorize(&t.token);
        assert_eq!(send(&req).await.status, 200, "{}", req.url);
    }
    assert_eq!(p.stop(), 0, "stdin EOF stops the emulator cleanly");
}

#[tokio::test]
async fn config_file_sets_credentials_timings_and_faults() {
    let dir = std::env::temp_dir().join(format!("storesubmit-emulator-cfg-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("emulator.json");
    let cfg = json!({
        "clients": [{"tenant_id": "tenant-a", "client_id": "client-a", "client_secret": "secret-a"}],
        "seller_id": "777",
        "token_lifetime_secs": 7,
        "durations": {"win32_publishing": 0.5},
        "faults": [{"op": "devcenter.list_apps", "status": 503, "headers": {"Retry-After": "2"}, "times": 1}]
    });
    std::fs::File::create(&path).unwrap().write_all(cfg.to_string().as_bytes()).unwrap();
    let p = Proc::start(&["--config", path.to_str().unwrap(), "--port", "0"]);
    assert_eq!(
        (p.s("tenant_id"), p.s("client_id"), p.s("client_secret"), p.s("seller_id")),
        ("tenant-a".into(), "client-a".into(), "secret-a".into(), "777".into())
    );
    let ep = p.endpoints();
    let creds = ClientCredentials::new("tenant-a", "client-a", "secret-a");
    let r = send(&auth::token_request(&ep, &creds, Family::Devcenter, TokenVersion::V2).unwrap()).await;
    assert_eq!(serde_json::from_slice::<Value>(&r.body).unwrap()["expires_in"], 7);
    let t = auth::parse_token_response(&r, 0).unwrap();
    let mut req = dc::list_apps(&ep, dc::Page::default()).unwrap();
    req.authorize(&t.token);
    let r = send(&req).await;
    assert_eq!((r.status, r.header("Retry-After")), (503, Some("2")));
    assert_eq!(send(&req).await.status, 200);
    let (s, settings) = {
        let r = send(&HttpRequest::new(Method::Get, format!("{}/settings", p.s("admin_url")))).await;
        (r.status, serde_json::from_slice::<Value>(&r.body).unwrap())
    };
    assert_eq!((s, &settings["durations"]["win32_publishing"]), (200, &json!(0.5)));
    assert_eq!(p.stop(), 0);
    std::fs::remove_dir_all(&dir).ok();
}

fn run_fails(args: &[&str]) -> String {
    let out = Command::new(BIN).args(args).stdin(Stdio::null()).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{args:?}");
    assert!(out.stdout.is_empty(), "no first line on a start error");
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn bad_arguments_and_configs_are_named() {
    assert!(run_fails(&["--colour"]).contains("unknown argument `--colour`"));
    assert!(run_fails(&["--port"]).contains("--port needs a value"));
    assert!(run_fails(&["--port", "http"]).contains("--port"));
    assert!(run_fails(&["--config", "/nonexistent/emulator.json"]).contains("/nonexistent/emulator.json"));
    assert!(run_fails(&["--blob-endpoint", "http://127.0.0.1:1/acct"]).contains("go together"));
    let dir = std::env::temp_dir().join(format!("storesubmit-emulator-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (name, text, needle) in [
        ("typo.json", r#"{"token_lifetime": 5}"#, "token_lifetime"),
        ("outcome.json", r#"{"outcomes": {"win32": "MAYBE"}}"#, "outcomes.win32"),
        ("fault.json", r#"{"faults": [{"status": 42}]}"#, "42"),
    ] {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        let err = run_fails(&["--config", path.to_str().unwrap()]);
        assert!(err.contains(needle), "{name}: {err}");
    }
    std::fs::remove_dir_all(&dir).ok();
    let out = Command::new(BIN).arg("--help").output().unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("usage: storesubmit-emulator"));
}
