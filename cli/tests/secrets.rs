//! Secrets never leave (issue 11): full publishing flows of the `storesubmit` binary against the
//! emulator at the most verbose logging (`-vvv` and `RUST_LOG=trace`, every crate), plain and `--json`,
//! successful and failing, plus the bundled client's results and errors. The test fails when the client
//! secret, any access token the emulator issued, or any SAS `sig` appears in stdout, stderr, an error,
//! a resume token or a returned result.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use serde_json::{json, Value};
use storesubmit::api::auth::ClientCredentials;
use storesubmit::client::blocking::Client;
use storesubmit::flow::devcenter::{SubmissionOptions, Target};
use storesubmit::flow::{FlowConfig, StopAfter, SubmissionSpec};
use storesubmit_emulator::{ClientConfig, Config, Durations, Emulator, EmulatorHandle, FaultRule};

const SECRET: &str = "S3cret+Client/Value=42";

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

fn emulator() -> EmulatorHandle {
    let config = Config {
        durations: quick(),
        clients: vec![ClientConfig { client_secret: SECRET.into(), ..ClientConfig::default() }],
        ..Config::default()
    };
    Emulator::start_blocking(config).unwrap()
}

struct Dir(PathBuf);

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn workdir(emu: &EmulatorHandle, tag: &str) -> Dir {
    let d = std::env::temp_dir().join(format!("storesubmit-secrets-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(d.join("files/Assets")).unwrap();
    std::fs::write(d.join("files/app.msixupload"), vec![1u8; 30_000]).unwrap();
    std::fs::write(d.join("files/Assets/shot.png"), vec![2u8; 2_000]).unwrap();
    std::fs::write(d.join("files/Assets/logo.png"), vec![3u8; 1_000]).unwrap();
    let mut info = serde_json::to_value(emu.info()).unwrap();
    info["client_secret"] = json!(SECRET);
    std::fs::write(d.join("emu.json"), info.to_string()).unwrap();
    std::fs::write(d.join("sub.json"), json!({"applicationPackages": [{"fileName": "app.msixupload"}]}).to_string())
        .unwrap();
    std::fs::write(
        d.join("win32.json"),
        json!({
            "packages": {"packages": [{"packageUrl": "https://downloads.contoso.example/setup.msi", "languages": ["en-us"],
                "architectures": ["X64"], "isSilentInstall": true, "packageType": "msi"}]},
            "metadata": {"listings": {"language": "en-us", "description": "secrets", "shortDescription": "s"}},
            "metadataPatch": true,
            "assets": [{"language": "en-us", "screenshots": ["Assets/shot.png"], "logos": ["Assets/logo.png"]}]
        })
        .to_string(),
    )
    .unwrap();
    Dir(d)
}

/// Runs the binary at the most verbose logging; stdout and stderr together.
fn run(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let mut c = Command::new(env!("CARGO_BIN_EXE_storesubmit"));
    for (k, _) in std::env::vars() {
        if k.starts_with("STORESUBMIT_") {
            c.env_remove(k);
        }
    }
    let o = c.current_dir(dir).env("RUST_LOG", "trace").args(args).output().expect("the binary runs");
    let all = format!("{}\n{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
    (o.status.code(), all)
}

/// Fails when any secret the emulator handed out, or a `sig=` with a value, appears in `text`.
fn assert_clean(emu: &EmulatorHandle, what: &str, text: &str) {
    let secrets = emu.issued_secrets();
    assert!(secrets.iter().any(|s| s == SECRET), "the client secret is among those scanned for");
    assert!(secrets.len() > 2, "tokens and signatures are among those scanned for: {}", secrets.len());
    for s in &secrets {
        assert!(!text.contains(s.as_str()), "{what}: a secret leaked ({}…)", &s[..4]);
    }
    for (i, _) in text.match_indices("sig=") {
        let rest = &text[i + 4..];
        assert!(rest.starts_with("<redacted>") || rest.starts_with("%3Credacted%3E"), "{what}: unredacted sig= …");
    }
    assert!(!text.contains("Bearer ey"), "{what}: a bearer token leaked");
}

#[test]
fn cli_flows_at_trace_level_print_no_secret() {
    let emu = emulator();
    let d = workdir(&emu, "cli");
    let app = emu.info().app_id.clone();
    let product = emu.info().win32_product_id.clone();
    let common = ["--config", "emu.json", "--poll-interval", "20ms", "--timeout", "60s"];
    let mut outputs = Vec::new();
    for json_mode in [false, true] {
        let mut args: Vec<&str> = vec!["-vvv"];
        if json_mode {
            args.push("--json");
        }
        let mut a = args.clone();
        a.extend(["app", "publish", "--app-id", &app, "--submission", "sub.json", "--files", "files", "--draft-only"]);
        a.extend(common);
        let (code, out) = run(&d.0, &a);
        assert_eq!(code, Some(0), "{out}");
        outputs.push(("app publish --draft-only", out));
        // Finish it with `--pending reuse` (the draft is pending).
        let mut a = args.clone();
        a.extend(["app", "publish", "--app-id", &app, "--submission", "sub.json", "--files", "files"]);
        a.extend(["--pending", "reuse"]);
        a.extend(common);
        let (code, out) = run(&d.0, &a);
        assert_eq!(code, Some(0), "{out}");
        outputs.push(("app publish", out));
        let mut a = args.clone();
        a.extend(["win32", "publish", "--product-id", &product, "--spec", "win32.json", "--files", "files"]);
        a.extend(common);
        let (code, out) = run(&d.0, &a);
        assert_eq!(code, Some(0), "{out}");
        outputs.push(("win32 publish", out));
    }
    // A failing flow: every upload refused as an expired SAS; the error and its advice print no secret.
    emu.add_fault(FaultRule {
        method: Some("PUT".into()),
        path: Some("/blob/*".into()),
        status: Some(403),
        headers: [("x-ms-error-code".to_string(), "AuthenticationFailed".to_string())].into_iter().collect(),
        body: Some(Value::String(
            "<Error><Code>AuthenticationFailed</Code><AuthenticationErrorDetail>Signed expiry time has expired\
             </AuthenticationErrorDetail></Error>"
                .into(),
        )),
        ..FaultRule::default()
    })
    .unwrap();
    let mut a = vec!["-vvv", "app", "publish", "--app-id", &app, "--submission", "sub.json", "--files", "files"];
    a.extend(["--pending", "recreate"]);
    a.extend(common);
    let (code, out) = run(&d.0, &a);
    assert_eq!(code, Some(6), "an expired SAS: retry later: {out}");
    assert!(out.contains("sas_expired") || out.contains("expired"), "{out}");
    outputs.push(("failing app publish", out));
    for (what, out) in &outputs {
        assert!(out.contains("TRACE") || out.contains("DEBUG") || out.contains("\"stage\""), "{what}: logs at trace");
        assert_clean(&emu, what, out);
    }
}

#[test]
fn client_results_and_errors_carry_no_secret() {
    let emu = emulator();
    let d = workdir(&emu, "client");
    let info = emu.info().clone();
    let mut cfg = FlowConfig::new(info.endpoints(), ClientCredentials::new(&info.tenant_id, &info.client_id, SECRET));
    cfg.seller_id = Some(info.seller_id.clone());
    cfg.poll = storesubmit::policy::PollSchedule::fast(Duration::from_millis(20));
    let c = Client::new(cfg.clone()).unwrap();
    let spec = SubmissionSpec::from_changes(json!({"applicationPackages": [{"fileName": "app.msixupload"}]}));
    let target = Target::App { app_id: info.app_id.clone() };
    let draft = SubmissionOptions { stop_after: StopAfter::Draft, ..SubmissionOptions::default() };
    let out = c.publish_submission(target.clone(), spec.clone(), draft, Some(&d.0.join("files"))).unwrap();
    let token = out.resume_token.clone().expect("a draft hands out a resume token");
    let done = c.resume(&token, StopAfter::Published, Some(&d.0.join("files"))).unwrap();
    let mut texts = vec![
        ("draft outcome", serde_json::to_string(&out).unwrap()),
        ("draft outcome (Debug)", format!("{out:?}")),
        ("resume token", token.to_json()),
        ("published outcome", serde_json::to_string(&done).unwrap()),
        ("config (Debug)", format!("{cfg:?}")),
    ];
    // Errors: a wrong secret, and an upload refused with the SAS in the request.
    let bad = Client::new(FlowConfig {
        credentials: ClientCredentials::new(&info.tenant_id, &info.client_id, "Wr0ng+Secret").into(),
        ..cfg.clone()
    })
    .unwrap();
    let e = bad.call("devcenter.get_app", json!({"applicationId": info.app_id})).unwrap_err();
    texts.push(("auth error", format!("{e} {e:?}")));
    emu.add_fault(FaultRule {
        method: Some("PUT".into()),
        path: Some("/blob/*".into()),
        status: Some(500),
        ..FaultRule::default()
    })
    .unwrap();
    let e = c.publish_submission(target, spec, SubmissionOptions::default(), Some(&d.0.join("files"))).unwrap_err();
    texts.push(("upload error", format!("{e} {e:?}")));
    for (what, t) in &texts {
        assert_clean(&emu, what, t);
        assert!(!t.contains("Wr0ng+Secret"), "{what}: the wrong secret leaked");
    }
    // The scanner itself catches a leak of each kind.
    for leak in [format!("x {SECRET} y"), format!("token {}", emu.issued_secrets()[1]), "u?sig=abcDEF%2B".into()] {
        let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| assert_clean(&emu, "self-test", &leak)));
        assert!(caught.is_err(), "the scanner missed a leak");
    }
}
