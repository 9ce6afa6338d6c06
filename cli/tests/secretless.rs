//! Secretless CI (issue 27) through the binary and the emulator: `app publish` with each sign-in method —
//! GitHub Actions OIDC (detected from the runner's variables), Azure Pipelines workload identity, a token
//! file (`AZURE_FEDERATED_TOKEN_FILE`), a token command, a certificate and a managed identity — with no
//! client secret in the environment, the config file or anywhere else, and at the most verbose logging no
//! secret printed (ID tokens, request tokens, access tokens); a wrong subject or audience fails with
//! exit 4 and a message naming the mismatch.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{json, Value};
use storesubmit_emulator::{Config, Durations, Emulator, EmulatorHandle};

struct Dir(PathBuf);

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn emulator() -> EmulatorHandle {
    let quick = Durations {
        commit: 0.05,
        preprocessing: 0.05,
        certification: 0.05,
        release: 0.05,
        win32_package_processing: 0.05,
        win32_publishing: 0.05,
        ingestion_processing: 0.05,
        ingestion_publishing: 0.05,
    };
    Emulator::start_blocking(Config { durations: quick, ..Config::default() }).unwrap()
}

/// A work folder with a package, its submission, a config file of the emulator's line without the client
/// secret, and an ID token in `id-token` (what a Kubernetes webhook writes to the token file).
fn workdir(emu: &EmulatorHandle, tag: &str) -> Dir {
    let d = std::env::temp_dir().join(format!("storesubmit-secretless-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(d.join("files")).unwrap();
    std::fs::write(d.join("files/app.msixupload"), vec![1u8; 3_000]).unwrap();
    std::fs::write(d.join("sub.json"), json!({"applicationPackages": [{"fileName": "app.msixupload"}]}).to_string())
        .unwrap();
    let info = emu.info();
    // no secret of any kind in the config file: endpoints and ids only
    let config = json!({"devcenter_url": info.devcenter_url, "win32_url": info.win32_url, "ingestion_url": info.ingestion_url,
        "token_url": info.token_url, "tenant_id": info.tenant_id, "client_id": info.client_id});
    std::fs::write(d.join("emu.json"), config.to_string()).unwrap();
    let url = format!("{}&audience=api://AzureADTokenExchange", info.oidc_request_url);
    let token = id_token(&url, &info.oidc_request_token);
    std::fs::write(d.join("id-token"), token).unwrap();
    Dir(d)
}

/// An ID token from the emulator's issuer (a blocking GET on a runtime of its own).
fn id_token(url: &str, bearer: &str) -> String {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let http = storesubmit::host::NativeIo::http_client("test", std::time::Duration::from_secs(10)).unwrap();
    let mut req = storesubmit::HttpRequest::new(storesubmit::Method::Get, url);
    req.headers.push(("Authorization".into(), format!("Bearer {bearer}")));
    let r = rt.block_on(storesubmit::host::send(&http, req)).unwrap();
    serde_json::from_slice::<Value>(&r.body).unwrap()["value"].as_str().unwrap().to_string()
}

/// The binary with only PATH and `env`, at trace logging: (exit code, stdout, everything printed).
fn run(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
    let mut c = Command::new(env!("CARGO_BIN_EXE_storesubmit"));
    c.env_clear().env("PATH", std::env::var("PATH").unwrap_or_default()).env("RUST_LOG", "trace");
    c.envs(env.iter().copied());
    let o = c.current_dir(dir).args(args).output().expect("the binary runs");
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    let all = format!("{out}\n{}", String::from_utf8_lossy(&o.stderr));
    (o.status.code().unwrap_or(-1), out, all)
}

fn publish_args<'a>(app: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut a = vec!["--json", "app", "publish", "--config", "emu.json", "--app-id", app];
    a.extend(["--submission", "sub.json", "--files", "files", "--poll-interval", "10ms"]);
    a.extend_from_slice(extra);
    a
}

#[test]
fn a_publish_with_each_sign_in_method_and_no_secret_anywhere() {
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/../emulator/fixtures/test-certificate.pem");
    let pfx = concat!(env!("CARGO_MANIFEST_DIR"), "/../emulator/fixtures/test-certificate.pfx");
    let methods = ["github-oidc", "azure-pipelines", "token-file", "command", "certificate", "pfx", "managed-identity"];
    for method in methods {
        let emu = emulator();
        let d = workdir(&emu, method);
        let info = emu.info().clone();
        let token_file = d.0.join("id-token").display().to_string();
        let command = format!("cat {token_file}");
        let (extra, env): (Vec<&str>, Vec<(&str, &str)>) = match method {
            // nothing says the method: a GitHub Actions job's variables are detected
            "github-oidc" => (
                vec![],
                vec![
                    ("ACTIONS_ID_TOKEN_REQUEST_URL", info.oidc_request_url.as_str()),
                    ("ACTIONS_ID_TOKEN_REQUEST_TOKEN", info.oidc_request_token.as_str()),
                ],
            ),
            "azure-pipelines" => (
                vec!["--auth", "azure-pipelines"],
                vec![
                    ("SYSTEM_OIDCREQUESTURI", info.oidc_request_url.as_str()),
                    ("SYSTEM_ACCESSTOKEN", info.oidc_request_token.as_str()),
                    ("AZURESUBSCRIPTION_SERVICE_CONNECTION_ID", "6d0f3f3a-0000-4000-8000-00000000c0c0"),
                ],
            ),
            "token-file" => (vec![], vec![("AZURE_FEDERATED_TOKEN_FILE", token_file.as_str())]),
            "command" => (vec!["--token-command", command.as_str()], vec![]),
            "certificate" => (vec![], vec![("STORESUBMIT_CERTIFICATE", fixture)]),
            "pfx" => (
                vec![],
                vec![("STORESUBMIT_CERTIFICATE", pfx), ("STORESUBMIT_CERTIFICATE_PASSWORD", "storesubmit-test")],
            ),
            _ => (
                vec!["--auth", "managed-identity", "--managed-identity-url", info.managed_identity_url.as_str()],
                vec![],
            ),
        };
        let before = emu.count_op("oidc.token");
        let (code, out, all) = run(&d.0, &publish_args(&info.app_id, &extra), &env);
        assert_eq!(code, 0, "{method}:\n{all}");
        let doc: Value = serde_json::from_str(out.trim()).unwrap_or_else(|e| panic!("{method}: {e}\n{out}"));
        assert_eq!(doc["status"], "Published", "{method}: {doc}");
        for s in emu.issued_secrets() {
            assert!(!all.contains(&s), "{method}: a secret in the output ({}…)", &s[..6]);
        }
        let asked = emu.count_op("oidc.token") - before;
        assert_eq!(asked > 0, matches!(method, "github-oidc" | "azure-pipelines"), "{method}: {asked}");
        assert_eq!(emu.count_op("managed_identity.token") > 0, method == "managed-identity", "{method}");
    }
}

#[test]
fn a_wrong_subject_or_audience_fails_with_exit_4_naming_the_mismatch() {
    let emu = emulator();
    let d = workdir(&emu, "mismatch");
    let info = emu.info().clone();
    let env = [
        ("ACTIONS_ID_TOKEN_REQUEST_URL", info.oidc_request_url.as_str()),
        ("ACTIONS_ID_TOKEN_REQUEST_TOKEN", info.oidc_request_token.as_str()),
    ];
    let get = ["--json", "app", "get", "--config", "emu.json", "--app-id", info.app_id.as_str()];
    emu.configure(|c| c.oidc.github_subject = "repo:contoso/other-repo:ref:refs/heads/main".into());
    let (code, out, all) = run(&d.0, &get, &env);
    assert_eq!(code, 4, "{all}");
    let error = &serde_json::from_str::<Value>(out.trim()).unwrap()["error"];
    assert_eq!(error["code"], "auth");
    let message = error["message"].as_str().unwrap();
    for words in ["AADSTS70021", "Assertion Subject: 'repo:contoso/other-repo", "The subject does not match"] {
        assert!(message.contains(words), "{words}: {message}");
    }
    assert!(error["connection"]["description"].as_str().unwrap().contains("auth github-oidc (detected)"), "{error}");

    emu.configure(|c| {
        c.oidc = Default::default();
        for f in &mut c.federated_credentials {
            f.audience = "api://contoso-store".into();
        }
    });
    let (code, _, all) = run(&d.0, &get, &env);
    assert_eq!(code, 4, "{all}");
    assert!(
        all.contains("The audience does not match") && all.contains("Assertion Audience: 'api://AzureADTokenExchange'"),
        "{all}"
    );

    // the runner's variables missing under --auth github-oidc: a usage error naming each way to give them
    let (code, _, all) =
        run(&d.0, &["--json", "app", "get", "--config", "emu.json", "--app-id", "9N", "--auth", "github-oidc"], &[]);
    assert_eq!(code, 2, "{all}");
    assert!(all.contains("ACTIONS_ID_TOKEN_REQUEST_URL") && all.contains("id-token: write"), "{all}");
}

#[test]
fn a_resume_token_and_the_journal_hold_no_assertion_and_a_resumed_run_signs_in_again() {
    let emu = emulator();
    let d = workdir(&emu, "resume");
    let info = emu.info().clone();
    let journal = d.0.join("journal").display().to_string();
    let env = [
        ("ACTIONS_ID_TOKEN_REQUEST_URL", info.oidc_request_url.as_str()),
        ("ACTIONS_ID_TOKEN_REQUEST_TOKEN", info.oidc_request_token.as_str()),
        ("STORESUBMIT_JOURNAL_DIR", journal.as_str()),
    ];
    let draft = publish_args(&info.app_id, &["--draft-only", "--save-resume", "token.json"]);
    let (code, _, all) = run(&d.0, &draft, &env);
    assert_eq!(code, 0, "{all}");
    let asked = emu.count_op("oidc.token");
    let mut kept = vec![std::fs::read_to_string(d.0.join("token.json")).unwrap()];
    for entry in std::fs::read_dir(&journal).unwrap() {
        kept.push(std::fs::read_to_string(entry.unwrap().path()).unwrap());
    }
    assert!(kept.len() >= 2, "a resume token and a journal entry");
    for text in &kept {
        assert!(!text.contains("eyJ"), "no JWT kept: {text}");
        for s in emu.issued_secrets() {
            assert!(!text.contains(&s), "a secret kept ({}…): {text}", &s[..6]);
        }
    }
    // the resumed run signs in again by the same rule: a new ID token
    let (code, out, all) =
        run(&d.0, &["--json", "resume", "token.json", "--config", "emu.json", "--poll-interval", "10ms"], &env);
    assert_eq!(code, 0, "{all}");
    assert_eq!(serde_json::from_str::<Value>(out.trim()).unwrap()["status"], "Published", "{out}");
    assert!(emu.count_op("oidc.token") > asked, "a new ID token for the resumed run");
}
