//! Release as code (issue 17) through the binary and the emulator: for an app, an add-on, a flight and an
//! MSI/EXE product, `init project` from the live product → edit the project (a listing's text, a package
//! added through the glob) → `publish --dry-run` (the diff asserted; the emulator unchanged) → `publish`
//! (the published submission has the new text and package). Also `validate storesubmit.toml`, issues with
//! exit 3, credentials read from the variables the project names, `--environment`, and `--force`.

use std::path::Path;
use std::process::Output;

use serde_json::{json, Value};
use storesubmit_emulator::{Config, Emulator, EmulatorHandle};

mod common;

use common::{bin, Dir};

fn dir(tag: &str) -> Dir {
    common::dir("project", tag)
}

fn emulator(d: &Path) -> (EmulatorHandle, String) {
    let emu = Emulator::start_blocking(Config::default()).expect("emulator starts");
    let cfg = d.join("emulator.json");
    std::fs::write(&cfg, serde_json::to_string(emu.info()).unwrap()).unwrap();
    (emu, cfg.to_str().unwrap().to_string())
}

/// (exit code, stdout, stderr) of the binary with `env` set.
fn run_env(args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
    let mut c = bin();
    c.args(args);
    for (k, v) in env {
        c.env(k, v);
    }
    let o: Output = c.output().expect("the binary runs");
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn run(args: &[&str]) -> (i32, String, String) {
    run_env(args, &[])
}

fn json_out(args: &[&str]) -> Value {
    let (code, out, err) = run(args);
    assert_eq!(code, 0, "{args:?}\n{out}\n{err}");
    serde_json::from_str(out.trim()).unwrap_or_else(|e| panic!("{e}: {out}"))
}

/// One read of the service, through the core's client (the CLI has no `addon submission` command).
fn get(emu: &EmulatorHandle, op: &str, args: Value) -> Value {
    use storesubmit::api::auth::ClientCredentials;
    let info = emu.info();
    let creds = ClientCredentials::new(info.tenant_id.clone(), info.client_id.clone(), info.client_secret.clone());
    let mut cfg = storesubmit::flow::FlowConfig::new(emu.endpoints(), creds);
    cfg.seller_id = Some(info.seller_id.clone());
    storesubmit::client::blocking::Client::new(cfg).unwrap().call(op, args).unwrap()
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} holds {from:?}:\n{text}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// The emulator's service state (devcenter, win32, blobs): what a dry run must leave as it was.
fn service_state(emu: &EmulatorHandle) -> Value {
    let d = emu.state_dump();
    json!({"devcenter": d["devcenter"], "win32": d["win32"], "blobs": d["blobs"]})
}

fn change<'a>(plan: &'a Value, path: &str) -> &'a Value {
    plan["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["path"] == path)
        .unwrap_or_else(|| panic!("no change at {path}: {:#}", plan["changes"]))
}

/// `init project DIR <product flags>` with `--json`: the files written.
fn init(cfg: &str, project: &Path, product: &[&str]) -> Value {
    let p = project.to_str().unwrap();
    let v = json_out(&[&["--json", "init", "project", p, "--config", cfg][..], product].concat());
    assert!(project.join("storesubmit.toml").is_file(), "{v}");
    v
}

/// `publish --dry-run --json`: the plan, and the proof nothing changed on the service.
fn dry_run(emu: &EmulatorHandle, cfg: &str, toml: &Path) -> Value {
    let before = service_state(emu);
    let v = json_out(&["--json", "publish", "--project", toml.to_str().unwrap(), "--config", cfg, "--dry-run"]);
    assert_eq!(v["dryRun"], true, "{v}");
    assert_eq!(service_state(emu), before, "a dry run changes nothing on the service");
    let methods: Vec<&str> =
        v["plan"]["requests"].as_array().unwrap().iter().map(|r| r["method"].as_str().unwrap()).collect();
    assert!(methods.iter().any(|m| *m != "GET"), "the plan lists the changing requests: {methods:?}");
    v["plan"].clone()
}

/// `publish --json`: the outcome (published).
fn publish(emu: &EmulatorHandle, cfg: &str, toml: &Path, env: &[(&str, &str)]) -> Value {
    let (code, out, err) = run_env(
        &["--json", "publish", "--project", toml.to_str().unwrap(), "--config", cfg, "--poll-interval", "50ms"],
        env,
    );
    assert_eq!(code, 0, "{out}\n{err}");
    for secret in emu.issued_secrets() {
        assert!(!out.contains(&secret) && !err.contains(&secret), "a secret the emulator issued is in the output");
    }
    let v: Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(v["outcome"]["stage"], "published", "{v}");
    assert!(v["plan"]["changes"].is_array(), "the diff comes first: {v}");
    v["outcome"].clone()
}

#[test]
fn an_app_project_from_init_to_published() {
    let d = dir("app");
    let (emu, cfg) = emulator(&d.0);
    let info = emu.info().clone();
    let project = d.0.join("release");
    let written = init(&cfg, &project, &["--app-id", &info.app_id]);
    assert_eq!(written["kind"], "app");
    let toml = project.join("storesubmit.toml");
    let text = std::fs::read_to_string(&toml).unwrap();
    assert!(text.contains("client_secret = \"STORESUBMIT_CLIENT_SECRET\""), "{text}");
    assert!(!text.contains(&info.client_secret), "no secret in the project file");
    let listing: Value =
        serde_json::from_str(&std::fs::read_to_string(project.join("listings/en-us.json")).unwrap()).unwrap();
    let old_title = listing["title"].as_str().unwrap().to_string();
    assert!(listing.get("images").is_none(), "images are not files here: {listing}");

    // right after init: no package matches the glob yet — an error naming the glob, exit 3
    let (code, out, _) = run(&["validate", toml.to_str().unwrap()]);
    assert_eq!(code, 3, "{out}");
    assert!(out.contains("project.packages.no_match") && out.contains("/packages/files/0"), "{out}");

    edit(&project.join("listings/en-us.json"), &old_title, "Contoso reader 2");
    std::fs::write(project.join("packages/contoso_app_2.appx"), b"PK\x03\x04 new package").unwrap();
    let (code, out, err) = run(&["validate", toml.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("valid, 0 error(s)"), "{out}");

    let plan = dry_run(&emu, &cfg, &toml);
    let title = change(&plan, "/listings/en-us/baseListing/title");
    assert_eq!(title["from"], old_title.as_str());
    assert_eq!(title["to"], "Contoso reader 2");
    assert_eq!(plan["filesAdded"], json!(["packages/contoso_app_2.appx"]));
    assert_eq!(plan["filesRemoved"], json!(["contoso_app.appx"]));
    // the human form names the same diff
    let (code, out, _) = run(&["publish", "--project", toml.to_str().unwrap(), "--config", &cfg, "--dry-run"]);
    assert_eq!(code, 0);
    assert!(
        out.contains(&format!("/listings/en-us/baseListing/title: \"{old_title}\" → \"Contoso reader 2\"")),
        "{out}"
    );
    assert!(
        out.contains("files added: packages/contoso_app_2.appx") && out.contains("files removed: contoso_app.appx"),
        "{out}"
    );

    // the real run, with the credentials in the variables the project names (the config has only URLs)
    edit(&toml, "tenant_id = \"STORESUBMIT_TENANT_ID\"", "tenant_id = \"RELEASE_TENANT\"");
    edit(&toml, "client_id = \"STORESUBMIT_CLIENT_ID\"", "client_id = \"RELEASE_CLIENT\"");
    edit(&toml, "client_secret = \"STORESUBMIT_CLIENT_SECRET\"", "client_secret = \"RELEASE_SECRET\"");
    let urls = d.0.join("urls.json");
    std::fs::write(&urls, json!({"devcenter_url": info.devcenter_url, "token_url": info.token_url}).to_string())
        .unwrap();
    let urls = urls.to_str().unwrap();
    let (code, _, err) = run(&["publish", "--project", toml.to_str().unwrap(), "--config", urls, "--dry-run"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("RELEASE_TENANT"), "a missing credential names the project's variable: {err}");
    let env = [
        ("RELEASE_TENANT", info.tenant_id.as_str()),
        ("RELEASE_CLIENT", info.client_id.as_str()),
        ("RELEASE_SECRET", info.client_secret.as_str()),
    ];
    let outcome = publish(&emu, urls, &toml, &env);
    let sid = outcome["submissionId"].as_str().unwrap();
    let app = json_out(&["app", "get", "--config", &cfg, "--app-id", &info.app_id]);
    assert_eq!(app["lastPublishedApplicationSubmission"]["id"], sid);
    let sub = json_out(&["app", "submission", "--config", &cfg, "--app-id", &info.app_id, "--submission-id", sid]);
    assert_eq!(sub["listings"]["en-us"]["baseListing"]["title"], "Contoso reader 2");
    let names: Vec<&str> =
        sub["applicationPackages"].as_array().unwrap().iter().map(|p| p["fileName"].as_str().unwrap()).collect();
    assert_eq!(names, ["packages/contoso_app_2.appx"], "{sub:#}");
}

#[test]
fn an_addon_project_from_init_to_published() {
    let d = dir("addon");
    let (emu, cfg) = emulator(&d.0);
    let info = emu.info().clone();
    let project = d.0.join("coins");
    init(&cfg, &project, &["--addon-id", &info.addon_id, "--markdown"]);
    let md = project.join("listings/en.md");
    let text = std::fs::read_to_string(&md).unwrap();
    assert!(text.starts_with("---\ntitle: Add-on Title (English)\n---\n"), "{text}");
    assert!(!std::fs::read_to_string(project.join("storesubmit.toml")).unwrap().contains("[packages]"));
    edit(&md, "title: Add-on Title (English)", "title: 100 coins");
    // a new icon through the images folder convention
    std::fs::create_dir_all(project.join("images/en/Icon")).unwrap();
    // a 300 x 300 PNG header: what the media rules read
    std::fs::write(
        project.join("images/en/Icon/coins.png"),
        b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\x01\x2c\0\0\x01\x2c\x08\x06\0\0\0 icon",
    )
    .unwrap();
    edit(&project.join("storesubmit.toml"), "# images = \"images\"", "images = \"images\"");

    let plan = dry_run(&emu, &cfg, &project.join("storesubmit.toml"));
    let title = change(&plan, "/listings/en/title");
    assert_eq!((title["from"].as_str(), title["to"].as_str()), (Some("Add-on Title (English)"), Some("100 coins")));
    assert_eq!(change(&plan, "/listings/en/icon/fileName")["to"], "images/en/Icon/coins.png");
    assert_eq!(plan["filesAdded"], json!(["images/en/Icon/coins.png"]));
    assert!(plan["changes"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| !c["path"].as_str().unwrap().starts_with("/listings/ru/title")));

    let outcome = publish(&emu, &cfg, &project.join("storesubmit.toml"), &[]);
    let sid = outcome["submissionId"].as_str().unwrap();
    let sub =
        get(&emu, "devcenter.get_addon_submission", json!({"inAppProductId": info.addon_id, "submissionId": sid}));
    assert_eq!(sub["listings"]["en"]["title"], "100 coins");
    assert_eq!(sub["listings"]["en"]["icon"]["fileName"], "images/en/Icon/coins.png");
    assert_eq!(sub["listings"]["ru"]["title"], "Add-on Title (Russian)", "the other language kept");
}

#[test]
fn a_flight_project_from_init_to_published() {
    let d = dir("flight");
    let (emu, cfg) = emulator(&d.0);
    let info = emu.info().clone();
    let project = d.0.join("beta");
    init(&cfg, &project, &["--app-id", &info.app_id, "--flight-id", &info.flight_id]);
    let toml = project.join("storesubmit.toml");
    let text = std::fs::read_to_string(&toml).unwrap();
    assert!(text.contains(&format!("flight = \"{}\"", info.flight_id)) && text.contains("kind = \"flight\""), "{text}");
    assert!(!project.join("listings").exists(), "a flight has no listings");
    std::fs::write(project.join("packages/contoso_app_flight_2.appx"), b"PK\x03\x04 flight").unwrap();
    edit(&toml, "# rollout = 10", "rollout = 20");

    let plan = dry_run(&emu, &cfg, &toml);
    assert_eq!(plan["filesAdded"], json!(["packages/contoso_app_flight_2.appx"]));
    assert_eq!(plan["filesRemoved"], json!(["contoso_app_flight.appx"]));
    let rollout = change(&plan, "/packageDeliveryOptions/packageRollout/packageRolloutPercentage");
    assert_eq!(rollout["to"].as_f64(), Some(20.0), "{rollout}");

    let outcome = publish(&emu, &cfg, &toml, &[]);
    let sid = outcome["submissionId"].as_str().unwrap();
    let sub = get(
        &emu,
        "devcenter.get_flight_submission",
        json!({"applicationId": info.app_id, "flightId": info.flight_id, "submissionId": sid}),
    );
    let names: Vec<&str> =
        sub["flightPackages"].as_array().unwrap().iter().map(|p| p["fileName"].as_str().unwrap()).collect();
    assert_eq!(names, ["packages/contoso_app_flight_2.appx"], "{sub:#}");
}

#[test]
fn an_msi_exe_project_from_init_to_published() {
    let d = dir("win32");
    let (emu, cfg) = emulator(&d.0);
    let info = emu.info().clone();
    let project = d.0.join("setup");
    let written = init(&cfg, &project, &["--win32-product-id", &info.win32_product_id]);
    let old_pkg = project.join("packages/pack0832.json");
    assert!(
        written["written"].as_array().unwrap().iter().any(|w| w.as_str().unwrap().ends_with("pack0832.json")),
        "{written}"
    );
    let toml = project.join("storesubmit.toml");
    assert!(std::fs::read_to_string(&toml).unwrap().contains("seller_id = \"STORESUBMIT_SELLER_ID\""));
    edit(
        &project.join("listings/en-us.json"),
        "\"description\": \"Description\"",
        "\"description\": \"Version 2 is here\"",
    );
    // the new version's package replaces the old one: a new package file, the old one removed
    let mut pkg: Value = serde_json::from_str(&std::fs::read_to_string(&old_pkg).unwrap()).unwrap();
    let old_url = pkg["packageUrl"].as_str().unwrap().to_string();
    pkg.as_object_mut().unwrap().remove("packageId");
    pkg["packageUrl"] = json!("https://www.contoso.com/downloads/2.0/setup.exe");
    std::fs::write(project.join("packages/setup-2.0.json"), serde_json::to_string_pretty(&pkg).unwrap()).unwrap();
    std::fs::remove_file(&old_pkg).unwrap();

    let plan = dry_run(&emu, &cfg, &toml);
    let desc = change(&plan, "/listings/en-us/description");
    assert_eq!((desc["from"].as_str(), desc["to"].as_str()), (Some("Description"), Some("Version 2 is here")));
    assert_eq!(plan["filesAdded"], json!(["https://www.contoso.com/downloads/2.0/setup.exe"]));
    assert_eq!(plan["filesRemoved"], json!([old_url]));

    publish(&emu, &cfg, &toml, &[]);
    let packages = json_out(&["win32", "packages", "--config", &cfg, "--product-id", &info.win32_product_id]);
    let text = packages.to_string();
    assert!(text.contains("downloads/2.0/setup.exe") && !text.contains(&old_url), "{packages:#}");
    let metadata = json_out(&["win32", "get", "--config", &cfg, "--product-id", &info.win32_product_id]);
    assert!(metadata.to_string().contains("Version 2 is here"), "{metadata:#}");
}

#[test]
fn problems_in_a_project_are_issues_with_exit_3_and_environments_switch_the_target() {
    let d = dir("issues");
    let (emu, cfg) = emulator(&d.0);
    let info = emu.info().clone();
    std::fs::create_dir_all(d.0.join("build")).unwrap();
    std::fs::write(d.0.join("build/App_1.1.0.0_x64.msixupload"), b"PK package").unwrap();
    let toml = d.0.join("storesubmit.toml");
    let text = format!(
        "[product]\nkind = \"app\"\nid = \"{}\"\n\n[packages]\nfiles = [\"build/*.msixupload\"]\n\n[relase]\nrollout = 10\n\n\
         [credentials]\nclient_secret = \"{}\"\n\n[environments.beta]\nproduct = {{ kind = \"flight\", flight = \"{}\" }}\n",
        info.app_id, info.client_secret, info.flight_id
    );
    std::fs::write(&toml, &text).unwrap();
    let (code, out, err) = run(&["publish", "--project", toml.to_str().unwrap(), "--config", &cfg, "--dry-run"]);
    assert_eq!(code, 3, "{out}{err}");
    assert!(out.contains("project.field.unknown at /relase") && out.contains("did you mean `release`"), "{out}");
    assert!(out.contains("project.credentials.not_a_name at /credentials/client_secret"), "{out}");
    assert!(
        !out.contains(&info.client_secret) && !err.contains(&info.client_secret),
        "the secret is not shown: {out}{err}"
    );
    let (code, v, _) = run(&["--json", "validate", "--project", toml.to_str().unwrap()]);
    assert_eq!(code, 3);
    assert!(v.contains("project.field.unknown"), "{v}");
    let (code, out, _) = run(&["--json", "validate", toml.to_str().unwrap()]);
    assert_eq!(code, 3);
    let v: Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(v["valid"], false);
    assert!(v["request"].is_null());

    // fixed: the beta environment publishes the same package to the flight
    std::fs::write(
        &toml,
        text.replace("[relase]\nrollout = 10\n", "").replace(&info.client_secret, "STORESUBMIT_CLIENT_SECRET"),
    )
    .unwrap();
    let v = json_out(&["--json", "validate", toml.to_str().unwrap(), "--environment", "beta"]);
    assert_eq!(v["valid"], true, "{v}");
    assert_eq!(v["kind"], "flight");
    assert_eq!(v["request"]["target"]["flightId"], info.flight_id.as_str());
    std::fs::create_dir_all(d.0.join("listings")).unwrap();
    std::fs::write(d.0.join("listings/en-us.json"), r#"{"title": "App"}"#).unwrap();
    let (code, out, err) = run(&[
        "--json",
        "publish",
        "--project",
        toml.to_str().unwrap(),
        "--config",
        &cfg,
        "--environment",
        "beta",
        "--dry-run",
    ]);
    assert_eq!(code, 0, "{out}{err}");
    let plan: Value = serde_json::from_str(out.trim()).unwrap();
    assert!(err.contains("warning project.field.ignored"), "a flight has no listings, said on stderr: {err}");
    assert_eq!(plan["plan"]["filesAdded"], json!(["build/App_1.1.0.0_x64.msixupload"]));
    assert!(plan["plan"]["requests"].to_string().contains("/flights/"), "{plan}");
    let (code, out, _) = run(&["validate", toml.to_str().unwrap(), "--environment", "gamma"]);
    assert_eq!(code, 3);
    assert!(out.contains("project.environment.unknown"), "{out}");

    // init never overwrites without --force
    let (code, _, err) = run(&["init", "project", d.0.to_str().unwrap(), "--config", &cfg, "--app-id", &info.app_id]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("exists; not overwritten"), "{err}");
    assert!(std::fs::read_to_string(&toml).unwrap().contains("environments.beta"), "left as it was");
    let (code, out, err) =
        run(&["init", "project", d.0.to_str().unwrap(), "--config", &cfg, "--app-id", &info.app_id, "--force"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("storesubmit publish --project"), "the next commands: {out}");
    let (code, _, err) = run(&["init", "project", d.0.to_str().unwrap(), "--config", &cfg]);
    assert_eq!(code, 2);
    assert!(err.contains("--app-id"), "{err}");
}

#[test]
fn a_draft_only_project_publish_saves_the_resume_token() {
    let d = dir("draft");
    let (emu, cfg) = emulator(&d.0);
    let info = emu.info().clone();
    std::fs::create_dir_all(d.0.join("listings")).unwrap();
    std::fs::write(d.0.join("listings/en-us.md"), "---\ntitle: Drafted title\n---\nA description from Markdown.\n")
        .unwrap();
    let toml = d.0.join("storesubmit.toml");
    std::fs::write(
        &toml,
        format!("[product]\nkind = \"app\"\nid = \"{}\"\n\n[release]\nwait = \"draft\"\n", info.app_id),
    )
    .unwrap();
    let token = d.0.join("token.json");
    let (code, out, err) = run(&[
        "--json",
        "publish",
        "--project",
        toml.to_str().unwrap(),
        "--config",
        &cfg,
        "--save-resume",
        token.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{out}{err}");
    let v: Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(v["outcome"]["stage"], "draft", "{v}");
    assert!(token.is_file(), "the token is written to --save-resume");
    let sid = v["outcome"]["submissionId"].as_str().unwrap().to_string();
    let (code, out, err) =
        run(&["--json", "resume", token.to_str().unwrap(), "--config", &cfg, "--poll-interval", "50ms"]);
    assert_eq!(code, 0, "{out}{err}");
    let done: Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(done["stage"], "published", "{done}");
    let sub = get(&emu, "devcenter.get_app_submission", json!({"applicationId": info.app_id, "submissionId": sid}));
    assert_eq!(sub["listings"]["en-us"]["baseListing"]["title"], "Drafted title");
    assert_eq!(sub["listings"]["en-us"]["baseListing"]["description"], "A description from Markdown.");
}

#[test]
fn publish_writes_the_markdown_summary_for_a_dry_run_a_publish_and_a_failure() {
    let d = dir("summary");
    let (emu, cfg) = emulator(&d.0);
    let info = emu.info().clone();
    let project = d.0.join("coins");
    init(&cfg, &project, &["--addon-id", &info.addon_id]);
    let toml = project.join("storesubmit.toml");
    edit(&project.join("listings/en.json"), "Add-on Title (English)", "100 | coins");
    let summary = d.0.join("summary.md");
    let s = summary.to_str().unwrap();

    let (code, out, err) =
        run(&["publish", "--project", toml.to_str().unwrap(), "--config", &cfg, "--dry-run", "--summary", s]);
    assert_eq!(code, 0, "{out}{err}");
    let md = std::fs::read_to_string(&summary).unwrap();
    assert!(md.contains("/listings/en/title") && md.contains("100 \\| coins"), "the changes table, escaped:\n{md}");

    let (code, out, err) = run(&[
        "publish",
        "--project",
        toml.to_str().unwrap(),
        "--config",
        &cfg,
        "--poll-interval",
        "50ms",
        "--summary",
        s,
    ]);
    assert_eq!(code, 0, "{out}{err}");
    let md = std::fs::read_to_string(&summary).unwrap();
    let app = get(&emu, "devcenter.get_addon", json!({"inAppProductId": info.addon_id}));
    let sid = app["lastPublishedInAppProductSubmission"]["id"].as_str().unwrap();
    assert!(md.contains(sid) && md.contains("Published"), "the result table follows the dry run's:\n{md}");
    for secret in emu.issued_secrets() {
        assert!(!md.contains(&secret), "no secret in the summary");
    }

    // a product that does not exist: the failure summary names the error code
    edit(&toml, &format!("id = \"{}\"", info.addon_id), "id = \"9NOTHERE0000\"");
    let (code, _, _) = run(&[
        "publish",
        "--project",
        toml.to_str().unwrap(),
        "--config",
        &cfg,
        "--poll-interval",
        "50ms",
        "--summary",
        s,
    ]);
    assert_ne!(code, 0);
    let md = std::fs::read_to_string(&summary).unwrap();
    assert!(md.contains("failed") && md.contains("not_found"), "{md}");
}

#[test]
fn publish_writes_the_failure_summary_when_the_project_file_is_missing_or_broken() {
    let d = dir("summary-broken");
    let summary = d.0.join("summary.md");
    let s = summary.to_str().unwrap();
    let missing = d.0.join("nowhere/storesubmit.toml");
    let (code, out, err) = run(&["publish", "--project", missing.to_str().unwrap(), "--summary", s]);
    assert_ne!(code, 0, "{out}{err}");
    let md = std::fs::read_to_string(&summary).expect("a summary for a missing project file");
    assert!(md.contains("failed"), "{md}");

    let broken = d.0.join("storesubmit.toml");
    std::fs::write(&broken, "[product]\nkind = \"rocket\"\n").unwrap();
    std::fs::remove_file(&summary).unwrap();
    let (code, out, err) = run(&["publish", "--project", broken.to_str().unwrap(), "--summary", s]);
    assert_ne!(code, 0, "{out}{err}");
    let md = std::fs::read_to_string(&summary).expect("a summary for a broken project file");
    assert!(md.contains("failed") && md.contains("validation"), "{md}");
}
