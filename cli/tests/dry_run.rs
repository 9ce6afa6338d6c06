//! `--dry-run` with connection settings (issue 12, the diff engine of issue 17) through the binary and the
//! emulator: the requests the publish would send with their real URLs, the fields that change, nothing
//! changed on the service, the printed PUT body equal to what the real publish then sends, win32, and the
//! conflict of `--pending fail`.

use std::path::Path;
use std::process::Output;

use serde_json::{json, Value};
use storesubmit_emulator::{Config, Emulator, EmulatorHandle};

mod common;

use common::{bin, write, Dir};

fn dir(tag: &str) -> Dir {
    common::dir("dry-run", tag)
}

fn write_file(dir: &Path, name: &str, len: usize) {
    let p = name.split('/').fold(dir.to_path_buf(), |p, s| p.join(s));
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(&p, (0..len).map(|i| (i * 17 % 251) as u8).collect::<Vec<u8>>()).unwrap();
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

fn json_out(args: &[&str]) -> Value {
    let (code, out, err) = run(args);
    assert_eq!(code, 0, "{args:?}\n{out}\n{err}");
    serde_json::from_str(out.trim()).unwrap_or_else(|e| panic!("not one JSON document ({e}): {out}"))
}

/// A submission changing the title and the package, with its files.
fn release(d: &Path) -> (String, String) {
    let files = d.join("files");
    write_file(&files, "app.msixupload", 20_000);
    let sub = write(
        d,
        "sub.json",
        &json!({"applicationPackages": [{"fileName": "app.msixupload"}],
                "listings": {"en-us": {"baseListing": {"title": "New title"}}}}),
    );
    (sub, files.to_str().unwrap().to_string())
}

/// The requests the emulator answered that were not reads (token requests aside).
fn changes_sent(emu: &EmulatorHandle) -> Vec<String> {
    emu.requests()
        .into_iter()
        .filter(|r| r["method"] != "GET" && !r["path"].as_str().unwrap_or("").starts_with("/token"))
        .map(|r| format!("{} {}", r["method"], r["path"]))
        .collect()
}

/// The PUT body of a plan.
fn put_body(plan: &Value) -> Value {
    plan["requests"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["method"] == "PUT" && r["operation"] != "blob.upload")
        .expect("a PUT in the plan")["body"]
        .clone()
}

/// A submission as the service holds it, without the fields it writes itself (never part of a PUT body).
fn without_read_only(mut doc: Value) -> Value {
    for ptr in storesubmit::spec::READ_ONLY_SUBMISSION_FIELDS {
        let (parent, key) = ptr.rsplit_once('/').unwrap();
        if let Some(o) = doc.pointer_mut(parent).and_then(Value::as_object_mut) {
            o.remove(key);
        }
    }
    doc
}

#[test]
fn an_app_dry_run_prints_the_real_requests_and_the_title_change_and_changes_nothing() {
    let d = dir("app");
    let (emu, cfg) = emulator(&d.0);
    let (sub, files) = release(&d.0);
    let info = emu.info().clone();
    let (code, out, err) = run(&[
        "app",
        "publish",
        "--config",
        &cfg,
        "--app-id",
        &info.app_id,
        "--submission",
        &sub,
        "--files",
        &files,
        "--dry-run",
    ]);
    assert_eq!(code, 0, "{out}\n{err}");
    let root = format!("{}/v1.0/my/applications/{}/submissions", info.devcenter_url, info.app_id);
    for line in [
        format!("POST   {root}  [devcenter.create_app_submission]"),
        format!("PUT    {root}/{{new}}  [devcenter.update_app_submission]"),
        "PUT    {new.fileUploadUrl}  [blob.upload]".to_string(),
        format!("POST   {root}/{{new}}/commit  [devcenter.commit_app_submission]"),
    ] {
        assert!(out.contains(&line), "missing `{line}` in:\n{out}");
    }
    let order: Vec<usize> =
        ["create_app", "update_app", "blob.upload", "commit_app"].iter().map(|s| out.find(s).unwrap()).collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "in the order the publish sends them:\n{out}");
    assert!(out.contains("ZIP of 1 file(s)") && out.contains("           app.msixupload"), "{out}");
    assert!(
        out.contains("~ /listings/en-us/baseListing/title: \"Contoso ebook reader\" → \"New title\""),
        "the title change:\n{out}"
    );
    assert!(out.contains("files added: app.msixupload") && out.contains("files removed: contoso_app.appx"), "{out}");
    assert!(out.contains("nothing was changed (2 reads)"), "{out}");

    assert_eq!(changes_sent(&emu), Vec::<String>::new(), "only reads reached the service");
    assert_eq!(emu.count_op("devcenter.get_app"), 1);
    let state = emu.state_dump();
    let app = state["devcenter"]["parents"].as_array().unwrap().iter().find(|p| p["id"] == info.app_id.as_str());
    assert!(app.unwrap().get("pendingApplicationSubmission").is_none(), "no pending submission after the dry run");

    // Without connection settings: the offline dry run, and how to see the requests.
    let (code, out, err) =
        run(&["app", "publish", "--app-id", &info.app_id, "--submission", &sub, "--files", &files, "--dry-run"]);
    assert_eq!(code, 0, "{out}\n{err}");
    assert!(out.contains("dry run passed") && !out.contains("[devcenter."), "{out}");
    assert!(err.contains("pass --config") && err.contains("STORESUBMIT_CLIENT_SECRET"), "{err}");
}

#[test]
fn the_printed_put_body_is_the_body_the_real_publish_sends() {
    let d = dir("same-body");
    let (emu, cfg) = emulator(&d.0);
    let (sub, files) = release(&d.0);
    let app = emu.info().app_id.clone();
    let publish =
        ["--json", "app", "publish", "--config", &cfg, "--app-id", &app, "--submission", &sub, "--files", &files];
    let get = |id: &str| {
        json_out(&["--json", "app", "submission", "--config", &cfg, "--app-id", &app, "--submission-id", id])
    };

    // A new submission: the plan's body is computed from the last published one, which the service copies.
    let v = json_out(&[&publish[..], &["--dry-run"]].concat());
    assert_eq!((v["dryRun"].clone(), v["zipEntries"].clone()), (json!(true), json!(["app.msixupload"])), "{v}");
    assert!(v["zipSize"].as_u64().unwrap() > 20_000, "the ZIP's real size: {v}");
    assert_eq!(v["plan"]["base"]["source"], "lastPublished");
    let planned = put_body(&v["plan"]);
    let draft = json_out(&[&publish[..], &["--draft-only"]].concat());
    let id = draft["submissionId"].as_str().expect("a submission was created").to_string();
    let mut sent = without_read_only(draft["document"].clone());
    // The one field the service itself writes into a new submission: its name ("Submission N").
    sent["friendlyName"] = planned["friendlyName"].clone();
    assert_eq!(sent, planned, "the PUT body of the real run is the one printed");

    // The pending submission reused, with other changes: the plan's PUT body is what the real run sends.
    let second =
        write(&d.0, "second.json", &json!({"listings": {"en-us": {"baseListing": {"title": "Second title"}}}}));
    let publish =
        ["--json", "app", "publish", "--config", &cfg, "--app-id", &app, "--submission", &second, "--files", &files];
    let v = json_out(&[&publish[..], &["--dry-run"]].concat());
    let title =
        v["plan"]["changes"].as_array().unwrap().iter().find(|c| c["path"] == "/listings/en-us/baseListing/title");
    assert_eq!(
        title,
        Some(&json!({"path": "/listings/en-us/baseListing/title", "from": "New title", "to": "Second title"}))
    );
    let plan = &v["plan"];
    assert_eq!(plan["base"], json!({"source": "pending", "submissionId": id}));
    let ops: Vec<&str> =
        plan["requests"].as_array().unwrap().iter().map(|r| r["operation"].as_str().unwrap()).collect();
    assert_eq!(ops, ["devcenter.update_app_submission", "blob.upload", "devcenter.commit_app_submission"]);
    let upload = &plan["requests"][1]["url"];
    assert!(upload.as_str().unwrap().contains("sig=<redacted>"), "the SAS signature is redacted: {upload}");
    let planned = put_body(plan);
    let before = get(&id);
    let real = json_out(&[&publish[..], &["--draft-only"]].concat());
    assert_eq!(real["submissionId"], json!(id), "{real}");
    assert_eq!(without_read_only(real["document"].clone()), planned, "the real run PUT the planned body");
    let after = get(&id);
    assert_ne!(before, after, "the real run changed the submission");
    assert_eq!(without_read_only(after), planned, "the submission holds exactly the planned PUT body");
    let secrets = emu.issued_secrets();
    let text = v.to_string();
    assert!(secrets.iter().all(|s| !text.contains(s.as_str())), "no secret in the plan");
}

#[test]
fn a_win32_dry_run_lists_its_requests_and_leaves_the_draft_as_it_was() {
    let d = dir("win32");
    let (emu, cfg) = emulator(&d.0);
    let info = emu.info().clone();
    let packages = write(
        &d.0,
        "packages.json",
        &json!({"packages": [{"packageUrl": "https://www.contoso.com/downloads/1.2/setup.exe", "languages": ["en-us"],
            "architectures": ["X64"], "isSilentInstall": true, "installerParameters": "/s", "packageType": "exe",
            "genericDocUrl": "https://docs.contoso.com/doclink"}]}),
    );
    let metadata =
        write(&d.0, "metadata.json", &json!({"listings": {"language": "en-us", "description": "New description"}}));
    let before = emu.state_dump()["win32"].clone();
    let (code, out, err) = run(&[
        "win32",
        "publish",
        "--config",
        &cfg,
        "--product-id",
        &info.win32_product_id,
        "--packages",
        &packages,
        "--metadata",
        &metadata,
        "--patch",
        "--dry-run",
    ]);
    assert_eq!(code, 0, "{out}\n{err}");
    let root = format!("{}/submission/v1/product/{}", info.win32_url, info.win32_product_id);
    let lines = [
        format!("PUT    {root}/packages  [win32.put_packages]"),
        format!("POST   {root}/packages/commit  [win32.commit_packages]"),
        format!("PATCH  {root}/metadata  [win32.patch_metadata]"),
        format!("POST   {root}/submit  [win32.submit]"),
    ];
    let mut at = 0;
    for line in &lines {
        let found = out[at..].find(line.as_str()).unwrap_or_else(|| panic!("missing `{line}` (in order) in:\n{out}"));
        at += found + line.len();
    }
    assert!(out.contains("~ /listings/en-us/description: \"Description\" → \"New description\""), "{out}");
    assert!(out.contains("files added: https://www.contoso.com/downloads/1.2/setup.exe"), "{out}");
    assert!(out.contains("nothing was changed (3 reads)"), "{out}");
    assert_eq!(changes_sent(&emu), Vec::<String>::new());
    assert_eq!(emu.state_dump()["win32"], before, "the draft is as it was");

    let v = json_out(&[
        "--json",
        "win32",
        "publish",
        "--config",
        &cfg,
        "--product-id",
        &info.win32_product_id,
        "--packages",
        &packages,
        "--dry-run",
    ]);
    assert_eq!(v["plan"]["workflow"], "win32");
    assert_eq!(
        v["plan"]["requests"][0]["body"],
        serde_json::from_str::<Value>(&std::fs::read_to_string(&packages).unwrap()).unwrap()
    );
}

#[test]
fn a_dry_run_with_pending_fail_and_a_pending_submission_exits_with_the_conflict_code() {
    let d = dir("conflict");
    let (emu, cfg) = emulator(&d.0);
    let (sub, files) = release(&d.0);
    let app = emu.info().app_id.clone();
    let publish = ["app", "publish", "--config", &cfg, "--app-id", &app, "--submission", &sub, "--files", &files];
    let draft = json_out(&[&["--json"], &publish[..], &["--draft-only"]].concat());
    let pending = draft["submissionId"].as_str().unwrap().to_string();
    let sent_before = changes_sent(&emu);

    let (code, out, err) = run(&[&publish[..], &["--pending", "fail", "--dry-run"]].concat());
    assert_eq!(code, 8, "the conflict exit code, as the real run:\n{out}\n{err}");
    assert!(err.contains("error[conflict]") && err.contains(&pending), "{err}");
    let (real, _, real_err) = run(&[&publish[..], &["--pending", "fail"]].concat());
    assert_eq!(real, 8, "{real_err}");
    assert_eq!(
        err.lines().find(|l| l.starts_with("error[")),
        real_err.lines().find(|l| l.starts_with("error[")),
        "the same error as the real run"
    );
    assert_eq!(changes_sent(&emu), sent_before, "nothing more was sent");
}
