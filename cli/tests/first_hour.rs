//! A release engineer's first hour (issue 12) through the binary and the emulator: a file shared by two
//! listings, typos in field names, exit codes by failure class, `--json` on stdout, closed pipes, colours,
//! interrupted runs, `wait`, `init` and `pack` → `publish --files upload.zip`.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::{json, Value};
use storesubmit_emulator::{Config, Emulator, EmulatorHandle};

mod common;

use common::{bin, write, Dir};

fn dir(tag: &str) -> Dir {
    common::dir("first-hour", tag)
}

fn write_file(dir: &Path, name: &str, len: usize) {
    common::write_placeholder(dir, name, len);
}

/// An emulator and its first line as a config file.
fn emulator(d: &Path) -> (EmulatorHandle, String) {
    let emu = Emulator::start_blocking(Config::default()).expect("emulator starts");
    let cfg = d.join("emulator.json");
    std::fs::write(&cfg, serde_json::to_string(emu.info()).unwrap()).unwrap();
    (emu, cfg.to_str().unwrap().to_string())
}

/// (exit code, stdout, stderr).
fn run(args: &[&str]) -> (i32, String, String) {
    let o: Output = bin().args(args).output().expect("the binary runs");
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn shared_icon_submission() -> Value {
    let listing = |d: &str| json!({"baseListing": {"description": d, "images": [{"fileName": "Images\\icon.png", "imageType": "Icon"}]}});
    json!({
        "applicationPackages": [{"fileName": "app.msixupload"}],
        "listings": {"en-us": listing("hello"), "de-de": listing("hallo")}
    })
}

#[test]
fn a_file_shared_by_two_listings_is_uploaded_once_and_publishes() {
    let d = dir("shared");
    let (emu, cfg) = emulator(&d.0);
    let files = d.0.join("files");
    write_file(&files, "app.msixupload", 50_000);
    write_file(&files, "Images/icon.png", 3_000);
    let sub = write(&d.0, "sub.json", &shared_icon_submission());
    let app = emu.info().app_id.clone();
    let base = ["--json", "app", "publish", "--config", &cfg, "--app-id", &app, "--submission", &sub];
    let files_s = files.to_str().unwrap();

    let (code, out, err) = run(&[&base[..], &["--files", files_s, "--dry-run"]].concat());
    assert_eq!(code, 0, "{out}{err}");
    let v: Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(v["zipEntries"], json!(["app.msixupload", "Images/icon.png"]), "{v}");

    let (code, out, err) = run(&[&base[..], &["--files", files_s, "--poll-interval", "100ms"]].concat());
    assert_eq!(code, 0, "the real run publishes too:\n{out}\n{err}");
    let v: Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(v["stage"], "published", "{v}");
}

#[test]
fn typos_and_misplaced_fields_warn_and_an_empty_package_is_refused() {
    let d = dir("typos");
    let (emu, cfg) = emulator(&d.0);
    let files = d.0.join("files");
    write_file(&files, "flight.msixupload", 1_000);
    std::fs::write(files.join("empty.msixupload"), b"").unwrap();
    let flight = write(&d.0, "flight.json", &json!({"applicationPackages": [{"fileName": "flight.msixupload"}]}));
    let (code, out, err) = run(&["--json", "validate", &flight, "--kind", "flight-submission"]);
    assert_eq!(code, 0, "a warning does not make the document invalid: {out}{err}");
    let v: Value = serde_json::from_str(out.trim()).unwrap();
    let issue = v["issues"].as_array().unwrap().iter().find(|i| i["code"] == "field.unknown").expect("warned");
    assert_eq!(issue["path"], "/applicationPackages");
    assert_eq!(issue["severity"], "warning");
    assert!(issue["message"].as_str().unwrap().contains("did you mean `flightPackages`"), "{issue}");

    let typo = write(&d.0, "typo.json", &json!({"applicationPackges": [{"fileName": "app.msixupload"}]}));
    let (_, out, _) = run(&["validate", &typo, "--kind", "app-submission"]);
    assert!(out.contains("field.unknown") && out.contains("did you mean `applicationPackages`"), "{out}");

    let info = emu.info();
    let (code, out, err) = run(&[
        "flight",
        "publish",
        "--config",
        &cfg,
        "--app-id",
        &info.app_id,
        "--flight-id",
        &info.flight_id,
        "--submission",
        &flight,
        "--files",
        files.to_str().unwrap(),
        "--dry-run",
    ]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(err.contains("field.unknown") && err.contains("flightPackages"), "dry-run shows the warning: {err}");

    let empty = write(
        &d.0,
        "empty.json",
        &json!({"flightPackages": [{"fileName": "empty.msixupload", "fileStatus": "PendingUpload", "minimumDirectXVersion": "None", "minimumSystemRam": "None"}]}),
    );
    let (code, out, _) = run(&["validate", &empty, "--kind", "flight-submission", "--files", files.to_str().unwrap()]);
    assert_eq!(code, 3, "{out}");
    assert!(out.contains("files.empty"), "{out}");
    let (code, out, err) = run(&[
        "flight",
        "publish",
        "--config",
        &cfg,
        "--app-id",
        &info.app_id,
        "--flight-id",
        &info.flight_id,
        "--submission",
        &empty,
        "--files",
        files.to_str().unwrap(),
        "--dry-run",
    ]);
    assert_ne!(code, 0, "{out}{err}");
    assert!(err.contains("files.empty") || err.contains("empty (0 bytes)"), "{err}");
}

#[test]
fn scripting_exit_codes_json_errors_pipes_colours_and_resume_files() {
    let d = dir("scripting");
    // `codes | head -1`: the pipe closes early; no panic message.
    let mut child =
        bin().arg("codes").stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::piped()).spawn().unwrap();
    {
        use std::io::Read;
        let mut first = [0u8; 8];
        child.stdout.as_mut().unwrap().read_exact(&mut first).unwrap();
    }
    drop(child.stdout.take());
    let o = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!err.contains("panicked") && !err.contains("Broken pipe"), "{err}");

    // The table is in --help.
    let (code, out, _) = run(&["--help"]);
    assert_eq!(code, 0);
    assert!(out.contains("Exit status:") && out.contains("6  transient"), "{out}");

    // A service nobody answers: no connection (10), the error names the URL, JSON on stdout, no colours.
    let cfg = write(
        &d.0,
        "dead.json",
        &json!({"devcenter_url": "http://127.0.0.1:9/v1.0/my/", "token_url": "http://127.0.0.1:9/", "tenant_id": "t",
                "client_id": "c", "client_secret": "s3cret-value"}),
    );
    let (code, out, err) = run(&["app", "list", "--config", &cfg]);
    assert_eq!(code, 10, "{out}{err}");
    assert!(err.contains("http://127.0.0.1:9/"), "the URL is named: {err}");
    assert!(!err.contains('\u{1b}'), "no ANSI escapes when stderr is not a terminal: {err:?}");
    assert!(!err.contains("s3cret-value"), "{err}");
    let (code, out, _) = run(&["--json", "app", "list", "--config", &cfg]);
    assert_eq!(code, 10);
    let v: Value = serde_json::from_str(out.trim()).expect("the error is JSON on stdout");
    assert_eq!(v["error"]["code"], "transport");
    assert_eq!(v["error"]["retryable"], true);

    // Usage (2) and a missing or garbled resume file named in the message.
    let missing = d.0.join("no-such-token.json");
    let (code, _, err) = run(&["resume", missing.to_str().unwrap(), "--config", &cfg]);
    assert_eq!(code, 2);
    assert!(err.contains("no-such-token.json") && err.contains("not found"), "{err}");
    let garbled = d.0.join("garbled.json");
    std::fs::write(&garbled, "not a token").unwrap();
    let (code, _, err) = run(&["resume", garbled.to_str().unwrap(), "--config", &cfg]);
    assert_eq!(code, 2);
    assert!(err.contains("garbled.json") && err.contains("not a resume token"), "{err}");
}

#[test]
fn json_keys_are_camel_case_and_lists_show_addon_and_flight_ids() {
    let d = dir("camel");
    let (emu, cfg) = emulator(&d.0);
    let info = emu.info().clone();
    let files = d.0.join("files");
    write_file(&files, "app.msixupload", 10_000);
    let sub = write(&d.0, "sub.json", &json!({"applicationPackages": [{"fileName": "app.msixupload"}]}));
    let (code, out, err) = run(&[
        "--json",
        "app",
        "publish",
        "--config",
        &cfg,
        "--app-id",
        &info.app_id,
        "--submission",
        &sub,
        "--files",
        files.to_str().unwrap(),
        "--draft-only",
    ]);
    assert_eq!(code, 0, "{out}{err}");
    let v: Value = serde_json::from_str(out.trim()).unwrap();
    assert!(v["submissionId"].is_string(), "{v}");
    assert!(v.get("submission_id").is_none() && v.get("resource_id").is_none(), "{v}");

    let (code, out, err) = run(&["app", "addons", "--config", &cfg, "--app-id", &info.app_id]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains(&info.addon_id) && !out.starts_with('?'), "{out}");
    let (code, out, err) = run(&["app", "flights", "--config", &cfg, "--app-id", &info.app_id]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains(&info.flight_id) && !out.starts_with('?'), "{out}");
}

#[test]
fn sigterm_while_polling_writes_the_resume_token_and_resume_finishes() {
    use std::io::{BufRead, BufReader};
    let d = dir("sigterm");
    let durations =
        storesubmit_emulator::Durations { certification: 3.0, ..storesubmit_emulator::Durations::default() };
    let emu = Emulator::start_blocking(Config { durations, ..Config::default() }).expect("emulator starts");
    let cfg = d.0.join("emulator.json");
    std::fs::write(&cfg, serde_json::to_string(emu.info()).unwrap()).unwrap();
    let cfg = cfg.to_str().unwrap().to_string();
    let files = d.0.join("files");
    write_file(&files, "app.msixupload", 10_000);
    let sub = write(&d.0, "sub.json", &json!({"applicationPackages": [{"fileName": "app.msixupload"}]}));
    let token = d.0.join("token.json");
    let app = emu.info().app_id.clone();
    let mut child = bin()
        .args(["app", "publish", "--config", &cfg, "--app-id", &app, "--submission", &sub, "--files"])
        .args([files.to_str().unwrap(), "--save-resume", token.to_str().unwrap(), "--poll-interval", "100ms"])
        .stderr(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut seen = String::new();
    // Wait until it polls (past commit): the submission is on the service.
    while !seen.contains("stage poll: Certification") {
        let mut line = String::new();
        if stderr.read_line(&mut line).unwrap() == 0 {
            break;
        }
        seen.push_str(&line);
    }
    assert!(!token.exists(), "no token before the interruption");
    let st = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(st.success());
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stderr, &mut rest).unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(7), "{seen}{rest}");
    assert!(rest.contains("storesubmit resume") && rest.contains("token.json"), "says how to continue: {rest}");
    assert!(token.exists(), "the resume token is written: {rest}");

    let (code, out, err) =
        run(&["--json", "resume", token.to_str().unwrap(), "--config", &cfg, "--poll-interval", "100ms"]);
    assert_eq!(code, 0, "{out}{err}");
    let v: Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(v["stage"], "published");
}

#[test]
fn init_writes_a_starter_that_validates_and_dry_runs() {
    let d = dir("init");
    for kind in ["app", "addon", "flight"] {
        let target = d.0.join(kind);
        let (code, out, err) = run(&["--json", "init", kind, target.to_str().unwrap()]);
        assert_eq!(code, 0, "{out}{err}");
        let v: Value = serde_json::from_str(out.trim()).unwrap();
        let sub = target.join("submission.json");
        let (code, out, err) = run(&["validate", sub.to_str().unwrap()]);
        if kind == "flight" {
            assert_eq!(code, 0, "the flight starter (no text to write) validates: {out}{err}");
            assert!(out.contains("0 error(s), 0 warning(s)"), "{out}");
        } else {
            // issue 25: the starter's texts are placeholders (TODO:) that validate reports until written
            assert_eq!(code, 3, "the {kind} starter's TODO texts are reported: {out}{err}");
            assert!(out.lines().skip(1).all(|l| l.contains("error field.placeholder")), "{out}");
            common::write_the_todos(&sub);
            let (code, out, err) = run(&["validate", sub.to_str().unwrap()]);
            assert_eq!(code, 0, "the {kind} starter with its texts written validates: {out}{err}");
            assert!(out.contains("0 error(s), 0 warning(s)"), "{out}");
        }
        for name in v["needs"].as_array().unwrap() {
            write_file(&target.join("files"), name.as_str().unwrap(), 100);
        }
        let files = target.join("files");
        let (code, out, err) = run(&["validate", sub.to_str().unwrap(), "--files", files.to_str().unwrap()]);
        assert_eq!(code, 0, "{out}{err}");
        // A second init does not overwrite the submission.
        let (code, _, err) = run(&["init", kind, target.to_str().unwrap()]);
        assert_eq!(code, 2, "{err}");
    }
    let app = d.0.join("app");
    let (code, out, err) = run(&[
        "app",
        "publish",
        "--app-id",
        "9NBLGGH4R315",
        "--submission",
        app.join("submission.json").to_str().unwrap(),
        "--files",
        app.join("files").to_str().unwrap(),
        "--dry-run",
    ]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("dry run passed"), "{out}");
}

#[test]
fn init_win32_and_ingestion_write_documents_that_validate_and_publish_on_the_emulator() {
    let d = dir("init-more");
    let (emu, cfg) = emulator(&d.0);
    let info = emu.info().clone();
    for (kind, product) in [("win32", &info.win32_product_id), ("ingestion", &info.ingestion_product_id)] {
        let target = d.0.join(kind);
        let (code, out, err) = run(&["--json", "init", kind, target.to_str().unwrap()]);
        assert_eq!(code, 0, "{out}{err}");
        let v: Value = serde_json::from_str(out.trim()).unwrap();
        for doc in v["documents"].as_array().unwrap() {
            let path = doc["path"].as_str().unwrap();
            let mut args = vec!["validate", path];
            if let Some(k) = doc["kind"].as_str() {
                args.extend(["--kind", k]);
            }
            // the placeholders (TODO: texts, .invalid URLs) are reported until written, then it validates
            let (code, out, err) = run(&args);
            assert_eq!(code, 3, "{kind}: {out}{err}");
            assert!(out.contains("field.placeholder"), "{out}");
            common::write_the_todos(Path::new(path));
            let (code, out, err) = run(&args);
            assert_eq!(code, 0, "{kind}: {out}{err}");
            assert!(out.contains("0 error(s), 0 warning(s)"), "{out}");
        }
        for name in v["needs"].as_array().unwrap() {
            write_file(&target.join("files"), name.as_str().unwrap(), 100);
        }
        // the printed publish command, with the emulator's product, publishes
        let line = v["next"]["publish"].as_str().unwrap().replace("<PRODUCT ID>", product);
        let mut args: Vec<&str> = vec!["--json"];
        args.extend(line.split(' '));
        args.extend(["--config", &cfg, "--poll-interval", "100ms"]);
        let (code, out, err) = run(&args);
        assert_eq!(code, 0, "{kind}: {line}\n{out}{err}");
        let v: Value = serde_json::from_str(out.trim()).unwrap();
        assert_eq!(v["stage"], "published", "{kind}: {v}");
    }
}

#[test]
fn not_found_and_a_pending_submission_have_their_own_exit_codes() {
    let d = dir("exit-classes");
    let (emu, cfg) = emulator(&d.0);
    let (code, out, err) = run(&["app", "get", "--config", &cfg, "--app-id", "9NOSUCHAPP000"]);
    assert_eq!(code, 5, "not found: {out}{err}");
    let files = d.0.join("files");
    write_file(&files, "app.msixupload", 1_000);
    let sub = write(&d.0, "sub.json", &json!({"applicationPackages": [{"fileName": "app.msixupload"}]}));
    let app = emu.info().app_id.clone();
    let files = files.to_str().unwrap();
    let base = ["app", "publish", "--config", &cfg, "--app-id", &app, "--submission", &sub, "--files", files];
    let (code, out, err) = run(&[&base[..], &["--draft-only"]].concat());
    assert_eq!(code, 0, "{out}{err}");
    let (code, out, err) = run(&[&base[..], &["--pending", "fail"]].concat());
    assert_eq!(code, 8, "a pending submission is a conflict: {out}{err}");
}

#[test]
fn wait_follows_a_submission_committed_by_another_run_and_refuses_a_draft() {
    let d = dir("wait");
    let (emu, cfg) = emulator(&d.0);
    let files = d.0.join("files");
    write_file(&files, "app.msixupload", 2_000);
    let sub = write(&d.0, "sub.json", &json!({"applicationPackages": [{"fileName": "app.msixupload"}]}));
    let app = emu.info().app_id.clone();
    let files = files.to_str().unwrap();
    let publish =
        ["--json", "app", "publish", "--config", &cfg, "--app-id", &app, "--submission", &sub, "--files", files];
    // another job commits and stops watching
    let (code, out, err) = run(&[&publish[..], &["--wait", "committed"]].concat());
    assert_eq!(code, 0, "{out}{err}");
    let v: Value = serde_json::from_str(out.trim()).unwrap();
    let id = v["submissionId"].as_str().expect("a submission id").to_string();
    let wait = [
        "--json",
        "app",
        "wait",
        "--config",
        &cfg,
        "--app-id",
        &app,
        "--submission-id",
        &id,
        "--poll-interval",
        "100ms",
    ];
    let (code, out, err) = run(&wait);
    assert_eq!(code, 0, "{out}{err}");
    let v: Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!((v["stage"].as_str(), v["submissionId"].as_str()), (Some("published"), Some(id.as_str())), "{v}");

    // a draft is not committed by `wait`
    let (code, out, err) = run(&[&publish[..], &["--draft-only"]].concat());
    assert_eq!(code, 0, "{out}{err}");
    let draft = serde_json::from_str::<Value>(out.trim()).unwrap()["submissionId"].as_str().unwrap().to_string();
    let wait = ["app", "wait", "--config", &cfg, "--app-id", &app, "--submission-id", &draft];
    let (code, out, err) = run(&wait);
    assert_eq!(code, 8, "{out}{err}");
    assert!(err.contains("draft"), "{err}");
}

/// The bytes the emulator holds at the `fileUploadUrl` of `app`'s submission `id`.
fn uploaded(emu: &EmulatorHandle, cfg: &str, app: &str, id: &str) -> Vec<u8> {
    let (code, out, err) =
        run(&["--json", "app", "submission", "--config", cfg, "--app-id", app, "--submission-id", id]);
    assert_eq!(code, 0, "{out}{err}");
    let v: Value = serde_json::from_str(out.trim()).unwrap();
    let url = v["fileUploadUrl"].as_str().expect("an upload URL");
    emu.blob_at(url).expect("something was uploaded")
}

#[test]
fn pack_writes_the_bytes_publish_uploads_and_publish_takes_that_zip_as_is() {
    let d = dir("pack-zip");
    let (emu, cfg) = emulator(&d.0);
    let files = d.0.join("files");
    write_file(&files, "app.msixupload", 300_000);
    write_file(&files, "Images/icon.png", 5_000);
    std::fs::write(files.join("notes.txt"), "release notes ".repeat(500)).unwrap();
    let doc = shared_icon_submission();
    let mut doc = doc;
    doc["applicationPackages"].as_array_mut().unwrap().push(json!({"fileName": "notes.txt"}));
    let sub = write(&d.0, "sub.json", &doc);
    let zip = d.0.join("upload.zip");
    let (zip_s, files_s) = (zip.to_str().unwrap(), files.to_str().unwrap());
    let (code, out, err) = run(&["pack", "--submission", &sub, "--files", files_s, "-o", zip_s]);
    assert_eq!(code, 0, "{out}{err}");
    let packed = std::fs::read(&zip).unwrap();
    let app = emu.info().app_id.clone();
    let publish =
        ["--json", "app", "publish", "--config", &cfg, "--app-id", &app, "--submission", &sub, "--draft-only"];

    let (code, out, err) = run(&[&publish[..], &["--files", files_s]].concat());
    assert_eq!(code, 0, "{out}{err}");
    let id = serde_json::from_str::<Value>(out.trim()).unwrap()["submissionId"].as_str().unwrap().to_string();
    assert!(uploaded(&emu, &cfg, &app, &id) == packed, "pack's ZIP differs from the one publish uploads");

    // the ZIP itself, after the same cross-check, uploaded as is
    let (code, out, err) = run(&[&publish[..], &["--files", zip_s, "--dry-run"]].concat());
    assert_eq!(code, 0, "{out}{err}");
    let v: Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(v["zipEntries"], json!(["app.msixupload", "notes.txt", "Images/icon.png"]), "{v}");
    assert_eq!(v["zipSize"], packed.len());
    let (code, out, err) = run(&[&publish[..], &["--files", zip_s, "--pending", "recreate"]].concat());
    assert_eq!(code, 0, "{out}{err}");
    let id = serde_json::from_str::<Value>(out.trim()).unwrap()["submissionId"].as_str().unwrap().to_string();
    assert!(uploaded(&emu, &cfg, &app, &id) == packed, "the ZIP was not uploaded as is");

    // a ZIP that lacks a file the submission names is refused before anything is sent
    let other = write(&d.0, "other.json", &json!({"applicationPackages": [{"fileName": "missing.msixupload"}]}));
    let before = emu.requests().len();
    let (code, _, err) =
        run(&["app", "publish", "--config", &cfg, "--app-id", &app, "--submission", &other, "--files", zip_s]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("missing.msixupload"), "{err}");
    assert_eq!(emu.requests().len(), before, "nothing was sent");
}

#[test]
fn validate_change_and_dry_run_agree_on_a_partial_change() {
    let d = dir("change");
    let files = d.0.join("files");
    write_file(&files, "app.msixupload", 1_000);
    let files = files.to_str().unwrap();
    let good = write(&d.0, "good.json", &json!({"applicationPackages": [{"fileName": "app.msixupload"}]}));
    let bad = write(
        &d.0,
        "bad.json",
        &json!({"applicationPackages": [{"fileName": "app.msixupload"}], "visibility": "Sometimes"}),
    );
    let validate = |file: &str, change: bool| {
        let mut a = vec!["--json", "validate", file, "--kind", "app-submission", "--files", files];
        if change {
            a.push("--change");
        }
        run(&a)
    };
    let dry_run = |file: &str| {
        run(&[
            "--json",
            "app",
            "publish",
            "--app-id",
            "9NBLGGH4R315",
            "--submission",
            file,
            "--files",
            files,
            "--dry-run",
        ])
    };
    // as a whole document the change lacks required fields; as a change it is what publish accepts
    let (code, out, _) = validate(&good, false);
    assert_eq!(code, 3, "{out}");
    assert!(out.contains("required"), "{out}");
    let (code, out, err) = validate(&good, true);
    assert_eq!(code, 0, "{out}{err}");
    let (code, out, err) = dry_run(&good);
    assert_eq!(code, 0, "{out}{err}");
    // a broken rule: both refuse, naming the same issue
    let (code, out, _) = validate(&bad, true);
    assert_eq!(code, 3, "{out}");
    let v: Value = serde_json::from_str(out.trim()).unwrap();
    let codes: Vec<&str> = v["issues"].as_array().unwrap().iter().filter_map(|i| i["code"].as_str()).collect();
    let (code, out, err) = dry_run(&bad);
    assert_eq!(code, 3, "{out}{err}");
    let refused: Value = serde_json::from_str(out.trim()).unwrap();
    let dry_codes: Vec<&str> =
        refused["error"]["issues"].as_array().unwrap().iter().filter_map(|i| i["code"].as_str()).collect();
    assert!(!codes.is_empty() && dry_codes.iter().all(|c| codes.contains(c)), "{codes:?} vs {dry_codes:?}");
}

/// Issue 25: a typo nested in a listing was sent without a word (the dry run even showed it as a change);
/// `--files` naming a missing folder gave one `files.missing` per file; an offer-changes document could
/// not be validated at all.
#[test]
fn nested_typos_a_missing_files_folder_and_offer_changes() {
    let d = dir("nested");
    let (emu, cfg) = emulator(&d.0);
    let sub = write(
        &d.0,
        "sub.json",
        &json!({"applicationPackages": [{"fileName": "app.msixupload", "fileStatus": "PendingUpload",
                   "minimumDirectXVersion": "None", "minimumSystemRam": "None"}],
                "listings": {"en-us": {"baseListing": {"relaseNotes": "Faster."}}},
                "packageDeliveryOptions": {"packageRollout": {"packageRolloutPercentag": 10}}}),
    );
    let missing = d.0.join("no-such-folder");
    let (code, out, err) = run(&["validate", &sub, "--files", missing.to_str().unwrap()]);
    assert_eq!(code, 3, "{out}{err}");
    let errors: Vec<&str> = out.lines().filter(|l| l.trim_start().starts_with("error ")).collect();
    assert_eq!(errors.len(), 1, "one error for the folder: {out}");
    assert!(errors[0].contains("files.folder_missing") && errors[0].contains("no-such-folder"), "{out}");
    assert!(
        out.contains("field.unknown at /listings/en-us/baseListing/relaseNotes")
            && out.contains("did you mean `releaseNotes`")
            && out.contains("did you mean `packageRolloutPercentage`"),
        "{out}"
    );
    // the dry run shows the nested typo as a warning before the plan
    let files = d.0.join("files");
    write_file(&files, "app.msixupload", 1_000);
    let app = emu.info().app_id.clone();
    let (code, out, err) = run(&[
        "app",
        "publish",
        "--config",
        &cfg,
        "--app-id",
        &app,
        "--submission",
        &sub,
        "--files",
        files.to_str().unwrap(),
        "--dry-run",
    ]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(err.contains("field.unknown") && err.contains("relaseNotes") && err.contains("releaseNotes"), "{err}");
    // publish with the missing folder: refused before anything is sent, one error naming it
    let (code, out, err) = run(&[
        "app",
        "publish",
        "--config",
        &cfg,
        "--app-id",
        &app,
        "--submission",
        &sub,
        "--files",
        missing.to_str().unwrap(),
    ]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("files.folder_missing") && !err.contains("files.missing "), "{err}");
    // an offer-changes document is recognised and checked against the ingestion resources
    let changes =
        write(&d.0, "changes.json", &json!({"listings": [{"languageCode": "en-us", "set": {"descripton": "d"}}]}));
    let (code, out, err) = run(&["validate", &changes]);
    assert_eq!(code, 0, "a warning only: {out}{err}");
    assert!(out.contains("(ingestion-changes)") && out.contains("did you mean `description`"), "{out}");
}
