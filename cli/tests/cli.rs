//! The `storesubmit` binary as users run it: exit codes, `--json` shapes, help texts, one-line errors,
//! secrets that never reach the output (even with `-vvv`), and the README's `demo`.

use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::Value;
use storesubmit_emulator::{ClientConfig, Config, Emulator};

mod common;

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_storesubmit"));
    for (k, _) in std::env::vars() {
        if k.starts_with("STORESUBMIT_") {
            c.env_remove(k);
        }
    }
    c
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("the binary runs")
}

fn text(o: &Output) -> (String, String) {
    (String::from_utf8_lossy(&o.stdout).into_owned(), String::from_utf8_lossy(&o.stderr).into_owned())
}

/// Every `sig=` in `s` is followed by `<redacted>`.
fn no_signature(s: &str) -> bool {
    s.match_indices("sig=").all(|(i, _)| s[i..].starts_with("sig=<redacted>"))
}

fn temp(name: &str, body: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("storesubmit-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, body).unwrap();
    p
}

#[test]
fn validate_exit_codes_and_json_shape() {
    let ok = temp(
        "ok.json",
        r#"{"applicationIds": ["9NBLGGH4R315"], "productId": "coins-100", "productType": "Consumable"}"#,
    );
    let o = run(&["validate", ok.to_str().unwrap(), "--json"]);
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out}{err}");
    let v: Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(v["valid"], true);
    assert!(v["issues"].is_array());
    assert_eq!(
        v.as_object().unwrap().len(),
        3,
        "exactly valid, kind and issues (the ValidationReport of every surface): {v}"
    );
    assert_eq!(v["kind"], "addon", "{v}");

    let bad = temp("bad.json", r#"{"applicationIds": [], "productId": "p", "productType": "Forever",}"#);
    let o = run(&["validate", bad.to_str().unwrap(), "--kind", "addon", "--json"]);
    let (out, _) = text(&o);
    assert_eq!(o.status.code(), Some(3));
    let v: Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(v["valid"], false);
    let issues = v["issues"].as_array().unwrap();
    let codes: Vec<&str> = issues.iter().map(|i| i["code"].as_str().unwrap()).collect();
    assert!(codes.contains(&"json.trailing_comma"), "trailing comma accepted with a warning: {codes:?}");
    assert!(codes.contains(&"addon.product_type.invalid"), "{codes:?}");
    for i in issues {
        assert!(i["path"].as_str().unwrap().is_empty() || i["path"].as_str().unwrap().starts_with('/'));
        assert!(["error", "warning"].contains(&i["severity"].as_str().unwrap()));
        assert!(!i["message"].as_str().unwrap().is_empty());
    }

    let o = run(&["validate", "/nonexistent/file.json"]);
    assert_eq!(o.status.code(), Some(2));
    let (_, err) = text(&o);
    assert!(err.starts_with("error[io]:"), "{err}");
    assert_eq!(err.lines().count(), 1, "one clear line: {err}");
    let o = run(&["validate", ok.to_str().unwrap(), "--kind", "nonsense"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn validate_cross_checks_a_folder_and_a_zip() {
    let sub = temp("sub.json", r#"{"applicationPackages": [{"fileName": "app.msix", "fileStatus": "PendingUpload"}]}"#);
    let dir = sub.parent().unwrap().join("files-for-validate");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("App.msix"), b"x").unwrap();
    let o = run(&[
        "validate",
        sub.to_str().unwrap(),
        "--kind",
        "app-submission",
        "--files",
        dir.to_str().unwrap(),
        "--json",
    ]);
    let (out, _) = text(&o);
    assert_eq!(o.status.code(), Some(3), "{out}");
    assert!(out.contains("files.case_mismatch"), "{out}");

    let zip = sub.parent().unwrap().join("files.zip");
    let pack_src = temp("pack.json", r#"{"applicationPackages": [{"fileName": "App.msix"}]}"#);
    let o = run(&[
        "pack",
        "--submission",
        pack_src.to_str().unwrap(),
        "--files",
        dir.to_str().unwrap(),
        "-o",
        zip.to_str().unwrap(),
        "--kind",
        "app-submission",
    ]);
    assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));
    let o = run(&["validate", sub.to_str().unwrap(), "--kind", "app-submission", "--files", zip.to_str().unwrap()]);
    let (out, _) = text(&o);
    assert_eq!(o.status.code(), Some(3));
    assert!(out.contains("files.case_mismatch"), "{out}");
}

#[test]
fn help_reads_well_for_every_command() {
    let o = run(&["--help"]);
    assert_eq!(o.status.code(), Some(0));
    let (out, _) = text(&o);
    for cmd in
        ["demo", "emulator", "validate", "pack", "app", "addon", "flight", "win32", "ingestion", "resume", "codes"]
    {
        assert!(out.contains(cmd), "{cmd} in --help");
        let o = run(&[cmd, "--help"]);
        assert_eq!(o.status.code(), Some(0), "{cmd} --help");
        assert!(!text(&o).0.is_empty());
    }
    for sub in
        [["app", "publish"], ["app", "rollout"], ["win32", "publish"], ["ingestion", "publish"], ["flight", "publish"]]
    {
        let o = run(&[sub[0], sub[1], "--help"]);
        let (out, _) = text(&o);
        assert_eq!(o.status.code(), Some(0));
        assert!(out.contains("STORESUBMIT_CLIENT_SECRET"), "{sub:?} documents the environment");
    }
}

#[test]
fn rollout_percentage_is_range_checked_before_anything_is_sent() {
    // A closed port: any request would fail with a transport error, not with the range rule.
    let conn =
        ["--tenant-id", "t", "--client-id", "c", "--client-secret", "s", "--devcenter-url", "http://127.0.0.1:9"];
    for (pct, want) in [("--percentage=150", "got 150"), ("--percentage=-1", "got -1")] {
        let mut args = vec!["app", "rollout", "--app-id", "9APP", "--submission-id", "1", "update", pct];
        args.extend(conn);
        let o = run(&args);
        let (out, err) = text(&o);
        assert_eq!(o.status.code(), Some(2), "{out}{err}");
        assert!(err.contains("must be a number from 0 to 100") && err.contains(want), "{err}");
    }
    let mut args = vec!["app", "rollout", "--app-id", "9APP", "--submission-id", "1", "halt", "--percentage", "5"];
    args.extend(conn);
    let (_, err) = text(&run(&args));
    assert!(err.contains("`percentage` is only for `update`"), "{err}");
}

#[test]
fn a_secret_never_reaches_the_output_even_at_trace_level() {
    const SECRET: &str = "Sup3r+Secret/Value=";
    let config = Config {
        clients: vec![ClientConfig { client_secret: SECRET.into(), ..ClientConfig::default() }],
        ..Config::default()
    };
    let emu = Emulator::start_blocking(config).unwrap();
    let info = emu.info().clone();
    let common = [
        "--tenant-id",
        &info.tenant_id,
        "--client-id",
        &info.client_id,
        "--client-secret",
        SECRET,
        "--devcenter-url",
        &info.devcenter_url,
        "--token-url",
        &info.token_url,
    ];
    let mut args = vec!["-vvv", "app", "get", "--app-id", &info.app_id];
    args.extend(common);
    let o = run(&args);
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out}{err}");
    assert!(out.contains(&info.app_id));
    assert!(!err.is_empty(), "-vvv logs something");
    for leak in [SECRET, "Sup3r", "Bearer ey"] {
        assert!(!out.contains(leak) && !err.contains(leak), "`{leak}` leaked:\n{out}\n{err}");
    }
    // A wrong secret: an auth error in one line, still without the secret.
    let mut args = vec!["-vvv", "app", "list", "--tenant-id", &info.tenant_id, "--client-id", &info.client_id];
    args.extend([
        "--client-secret",
        "Wr0ng+Secret",
        "--devcenter-url",
        &info.devcenter_url,
        "--token-url",
        &info.token_url,
    ]);
    let o = run(&args);
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(4));
    assert!(err.lines().any(|l| l.starts_with("error[auth]:")), "{err}");
    assert!(!out.contains("Wr0ng") && !err.contains("Wr0ng"), "{err}");
}

#[test]
fn an_emulator_first_line_is_a_config_file() {
    let emu = Emulator::start_blocking(Config::default()).unwrap();
    let line = serde_json::to_string(emu.info()).unwrap();
    let cfg = temp("emu.json", &line);
    let o = run(&["--json", "app", "list", "--config", cfg.to_str().unwrap()]);
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    let v: Value = serde_json::from_str(out.trim()).unwrap();
    assert!(v.as_array().unwrap().iter().any(|a| a["id"] == emu.info().app_id.as_str()));
}

#[test]
fn demo_publishes_everything() {
    let o = run(&["demo"]);
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out}\n{err}");
    for what in ["app ", "add-on ", "flight ", "MSI/EXE "] {
        assert!(out.lines().any(|l| l.starts_with(what) && l.contains(": published")), "{what} published:\n{out}");
    }
    assert!(err.contains("stage"), "stages are printed:\n{err}");
    assert!(no_signature(&out) && no_signature(&err), "no SAS signature in the output");
}

#[test]
fn proxies_come_from_the_environment() {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let proxy = format!("http://{}", listener.local_addr().unwrap());
    let seen = std::thread::spawn(move || {
        let (stream, _) = listener.accept().unwrap();
        let mut reader = BufReader::new(stream.try_clone().unwrap());
        let mut first = String::new();
        reader.read_line(&mut first).unwrap();
        let body = r#"{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided."}"#;
        let mut s = stream;
        let _ = write!(s, "HTTP/1.1 401 Unauthorized\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}", body.len());
        first
    });
    let o = bin()
        .args(["app", "get", "--app-id", "9N", "--tenant-id", "t", "--client-id", "c", "--client-secret", "s"])
        .args(["--devcenter-url", "http://127.0.0.1:9", "--token-url", "http://127.0.0.1:9"])
        .env("HTTP_PROXY", &proxy)
        .env("NO_PROXY", "")
        .output()
        .unwrap();
    let first = seen.join().unwrap();
    assert!(
        first.starts_with("POST http://127.0.0.1:9/t/oauth2/v2.0/token HTTP/1.1"),
        "the token request went through the proxy: {first}"
    );
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(4));
    assert!(err.starts_with("error[auth]:"), "{err}");
}

/// `storesubmit emulator` as a process: its first line drives `app publish --draft-only`, `resume` and
/// `--dry-run` through the real binary.
#[test]
fn publish_draft_resume_and_dry_run_through_the_binary() {
    use std::io::{BufRead, BufReader};
    let mut emu = bin()
        .args(["emulator", "--port", "0"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(emu.stdout.take().unwrap()).read_line(&mut first).unwrap();
    let info: Value = serde_json::from_str(&first).expect("the first line is JSON");
    for key in [
        "devcenter_url",
        "win32_url",
        "ingestion_url",
        "token_url",
        "blob_url",
        "admin_url",
        "tenant_id",
        "client_id",
        "client_secret",
        "seller_id",
        "app_id",
        "addon_id",
        "flight_id",
        "win32_product_id",
    ] {
        assert!(info[key].as_str().is_some_and(|s| !s.is_empty()), "{key} in {first}");
    }
    let cfg = temp("emu-proc.json", &first);
    let dir = cfg.parent().unwrap().join("publish-files");
    std::fs::create_dir_all(dir.join("Images")).unwrap();
    std::fs::write(dir.join("app.msixupload"), vec![7u8; 200_000]).unwrap();
    std::fs::write(dir.join("Images").join("s.png"), common::placeholder_bytes("s.png", 1000)).unwrap();
    let sub = temp(
        "publish.json",
        r#"{
        "applicationPackages": [{"fileName": "app.msixupload"}],
        "listings": {"en-us": {"baseListing": {"images": [{"fileName": "Images\\s.png", "imageType": "Screenshot"}]}}},
    }"#,
    );
    let app = info["app_id"].as_str().unwrap();
    let (cfg_s, dir_s, sub_s) = (cfg.to_str().unwrap(), dir.to_str().unwrap(), sub.to_str().unwrap());

    let o = run(&[
        "--json",
        "app",
        "publish",
        "--config",
        cfg_s,
        "--app-id",
        app,
        "--submission",
        sub_s,
        "--files",
        dir_s,
        "--dry-run",
    ]);
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out}{err}");
    let v: Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(v["dryRun"], true);
    assert_eq!(v["zipEntries"], serde_json::json!(["app.msixupload", "Images/s.png"]));
    assert!(v["zipSize"].as_u64().unwrap() > 201_000);
    assert!(err.contains("json.trailing_comma"), "the trailing comma is reported: {err}");

    let token_file = cfg.parent().unwrap().join("resume.json");
    let o = run(&[
        "app",
        "publish",
        "--config",
        cfg_s,
        "--app-id",
        app,
        "--submission",
        sub_s,
        "--files",
        dir_s,
        "--draft-only",
        "--save-resume",
        token_file.to_str().unwrap(),
        "--poll-interval",
        "100ms",
    ]);
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out}{err}");
    assert!(out.contains(": draft"), "{out}");
    assert!(err.contains("stage upload") && err.contains("upload 100%"), "{err}");
    let o = run(&["--json", "resume", token_file.to_str().unwrap(), "--config", cfg_s, "--poll-interval", "100ms"]);
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out}{err}");
    let v: Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(v["stage"], "published");
    assert!(no_signature(&out), "no SAS signature in the output: {out}");
    let _ = emu.kill();
    let _ = emu.wait();
}

/// Issue 24, "Unbounded answers": a server declaring a 10 GB answer aborted the CLI (exit 134). It is
/// refused as `response_too_large` (exit 9) without reading it.
#[test]
fn an_answer_declaring_ten_gigabytes_is_refused_not_an_abort() {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for s in listener.incoming() {
            let Ok(mut s) = s else { return };
            let mut buf = [0u8; 8192];
            let _ = s.read(&mut buf);
            let _ = s.write_all(
                b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 10000000000\r\n\r\n{",
            );
        }
    });
    let d = common::dir("cli", "huge-answer");
    let cfg = common::write(
        &d.0,
        "server.json",
        &serde_json::json!({"devcenterUrl": url, "win32Url": url, "ingestionUrl": url, "tokenUrl": url,
            "tenantId": "t", "clientId": "c", "clientSecret": "s", "sellerId": "1"}),
    );
    let out = common::bin().args(["--json", "app", "list", "--config", &cfg]).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(9), "{stdout}{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains("\"response_too_large\""), "{stdout}");
}
