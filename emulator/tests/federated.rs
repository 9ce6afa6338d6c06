//! Signing in without a client secret, through the core's token sources against the emulator's other
//! side: its GitHub-like OIDC issuer (and its Azure DevOps-style endpoint), a token file, a command, the
//! test certificate and the managed identity endpoint — each a whole workflow call with no secret in the
//! credentials; refusals that name the mismatch (issuer, subject, audience, expiry); and an hour-long
//! publish on the emulated clock with 5-minute ID tokens, which asks the issuer again before every token.

mod common;

use std::path::PathBuf;
use std::time::Duration;

use serde_json::json;
use storesubmit::client::Client;
use storesubmit::credential::{AssertionProvider, TokenSource};
use storesubmit::flow::{Credentials, FlowConfig};
use storesubmit::http::{HttpRequest, HttpResponse};
use storesubmit::secret::Secret;
use storesubmit::task::{Purpose, SyncHost, WaitReason};
use storesubmit::{ErrorKind, Result};
use storesubmit_emulator::{Config, Emulator, EmulatorHandle, Info};

fn assertion(info: &Info, provider: AssertionProvider) -> TokenSource {
    TokenSource::Assertion { tenant_id: info.tenant_id.clone(), client_id: info.client_id.clone(), provider }
}

fn github(info: &Info) -> TokenSource {
    assertion(
        info,
        AssertionProvider::GithubOidc {
            request_url: info.oidc_request_url.clone(),
            request_token: Secret::new(info.oidc_request_token.clone()),
        },
    )
}

fn flow_config(emu: &EmulatorHandle, source: TokenSource) -> FlowConfig {
    let mut cfg = FlowConfig::new(emu.endpoints(), Credentials::Source(source));
    cfg.retry.max_attempts = 1;
    cfg
}

fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures").join(name).display().to_string()
}

/// An ID token from the emulator's issuer, GitHub's way.
async fn id_token(info: &Info) -> String {
    let url = format!("{}&audience=api://AzureADTokenExchange", info.oidc_request_url);
    let r = reqwest::Client::new().get(url).bearer_auth(&info.oidc_request_token).send().await.unwrap();
    assert_eq!(r.status(), 200);
    r.json::<serde_json::Value>().await.unwrap()["value"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn every_token_source_signs_in_without_a_secret() {
    let emu = Emulator::start_blocking(Config::default()).unwrap();
    let info = emu.info().clone();
    let dir = std::env::temp_dir().join(format!("storesubmit-federated-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let token_file = dir.join("azure-identity-token");
    std::fs::write(&token_file, id_token(&info).await).unwrap();
    let path = token_file.display().to_string();
    let sources = [
        ("github-oidc", github(&info)),
        (
            "azure-pipelines",
            assertion(
                &info,
                AssertionProvider::AzurePipelines {
                    request_url: info.oidc_request_url.clone(),
                    access_token: Secret::new(info.oidc_request_token.clone()),
                    service_connection_id: "6d0f3f3a-0000-4000-8000-00000000c0c0".into(),
                },
            ),
        ),
        ("token-file", assertion(&info, AssertionProvider::File { path: path.clone() })),
        ("command", assertion(&info, AssertionProvider::Command { argv: vec!["cat".into(), path.clone()] })),
        (
            "certificate",
            TokenSource::Certificate {
                tenant_id: info.tenant_id.clone(),
                client_id: info.client_id.clone(),
                path: fixture("test-certificate.pem"),
                password: None,
            },
        ),
        (
            "certificate (PFX)",
            TokenSource::Certificate {
                tenant_id: info.tenant_id.clone(),
                client_id: info.client_id.clone(),
                path: fixture("test-certificate.pfx"),
                password: Some(Secret::new("storesubmit-test")),
            },
        ),
        (
            "managed-identity",
            TokenSource::ManagedIdentity { endpoint: info.managed_identity_url.clone(), client_id: None },
        ),
    ];
    for (name, source) in sources {
        let before = emu.count_op("oidc.token");
        let client = Client::new(flow_config(&emu, source)).unwrap();
        let app = client.call("devcenter.get_app", json!({"applicationId": info.app_id})).await;
        assert_eq!(app.unwrap_or_else(|e| panic!("{name}: {e}"))["id"], info.app_id.as_str(), "{name}");
        let asked = emu.count_op("oidc.token") - before;
        assert_eq!(asked, usize::from(matches!(name, "github-oidc" | "azure-pipelines")), "{name}");
    }
    assert_eq!(emu.count_op("managed_identity.token"), 1);
    std::fs::remove_dir_all(&dir).ok();
}

#[tokio::test]
async fn a_wrong_subject_audience_or_an_expired_assertion_is_refused_naming_the_mismatch() {
    let emu = Emulator::start_blocking(Config::default()).unwrap();
    let info = emu.info().clone();
    let call = |source| {
        let client = Client::new(flow_config(&emu, source)).unwrap();
        let id = info.app_id.clone();
        async move { client.call("devcenter.get_app", json!({"applicationId": id})).await.unwrap_err() }
    };
    emu.configure(|c| c.oidc.github_subject = "repo:someone-else/fork:ref:refs/heads/main".into());
    let e = call(github(&info)).await;
    assert_eq!(e.kind(), ErrorKind::Auth, "{e}");
    for words in ["AADSTS70021", "Assertion Subject: 'repo:someone-else/fork", "The subject does not match"] {
        assert!(e.message().contains(words), "{words}: {e}");
    }

    emu.configure(|c| {
        c.oidc = Default::default();
        for f in &mut c.federated_credentials {
            f.audience = "api://contoso-store-publisher".into();
        }
    });
    let e = call(github(&info)).await;
    assert!(
        e.message().contains("The audience does not match") && e.message().contains("api://contoso-store-publisher"),
        "{e}"
    );

    emu.configure(|c| {
        for f in &mut c.federated_credentials {
            f.audience = storesubmit::credential::FEDERATED_AUDIENCE.into();
            f.issuer = Some("https://token.actions.githubusercontent.com".into());
        }
    });
    let e = call(github(&info)).await;
    assert!(e.message().contains("AADSTS700211") && e.message().contains("Assertion Issuer:"), "{e}");

    // a token file whose ID token expired (its writer stopped refreshing it)
    emu.configure(|c| c.federated_credentials = Config::default().federated_credentials);
    let dir = std::env::temp_dir().join(format!("storesubmit-federated-expired-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("token");
    std::fs::write(&file, id_token(&info).await).unwrap();
    emu.advance_clock(301.0);
    let e = call(assertion(&info, AssertionProvider::File { path: file.display().to_string() })).await;
    assert!(e.message().contains("AADSTS700024") && e.message().contains("not within its valid time range"), "{e}");
    std::fs::remove_dir_all(&dir).ok();

    // the issuer refuses a job without the request token
    let bad = assertion(
        &info,
        AssertionProvider::GithubOidc {
            request_url: info.oidc_request_url.clone(),
            request_token: Secret::new("wrong-request-token"),
        },
    );
    let e = call(bad).await;
    assert_eq!(e.kind(), ErrorKind::Auth);
    assert!(e.message().contains("id-token: write"), "{e}");
    for s in emu.issued_secrets() {
        assert!(!e.to_string().contains(&s), "a secret in {e}");
    }
}

#[tokio::test]
async fn the_issuer_publishes_its_keys_and_the_metadata_endpoint_wants_its_header() {
    let emu = Emulator::start_blocking(Config::default()).unwrap();
    let info = emu.info().clone();
    let token = id_token(&info).await;
    let jwt = storesubmit::credential::jwt::Jwt::parse(&token).unwrap();
    let iss = jwt.claim("iss").unwrap().to_string();
    assert_eq!(iss, format!("{}/_oidc", info.token_url));
    assert_eq!(jwt.time("exp").unwrap() - jwt.time("iat").unwrap(), 300, "GitHub's five minutes");
    let http = reqwest::Client::new();
    let conf: serde_json::Value =
        http.get(format!("{iss}/.well-known/openid-configuration")).send().await.unwrap().json().await.unwrap();
    let jwks: serde_json::Value =
        http.get(conf["jwks_uri"].as_str().unwrap()).send().await.unwrap().json().await.unwrap();
    let key = &jwks["keys"][0];
    assert_eq!(key["kid"], jwt.header["kid"]);
    assert!(storesubmit::credential::sign::verify_with_components(
        &jwt,
        key["n"].as_str().unwrap(),
        key["e"].as_str().unwrap()
    ));
    let r = http.get(&info.oidc_request_url).send().await.unwrap();
    assert_eq!(r.status(), 401, "no request token");
    let r = http
        .get(format!(
            "{}?api-version=2018-02-01&resource=https://manage.devcenter.microsoft.com",
            info.managed_identity_url
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert!(r.text().await.unwrap().contains("Required metadata header not specified"));
}

/// A host on the emulator's clock: its waits move the emulated clock instead of sleeping, its requests go
/// over HTTP, its file and command tasks are the native ones.
struct EmulatedClock<'a> {
    emu: &'a EmulatorHandle,
    rt: tokio::runtime::Runtime,
    http: reqwest::Client,
    offset: u64,
}

impl SyncHost for EmulatedClock<'_> {
    fn now(&mut self) -> u64 {
        common::now_secs() + self.offset
    }
    fn jitter(&mut self) -> f64 {
        0.5
    }
    fn send(&mut self, request: HttpRequest, _: &Purpose) -> Result<HttpResponse> {
        self.rt.block_on(storesubmit::host::send(&self.http, request))
    }
    fn sleep(&mut self, duration: Duration, _: &WaitReason) {
        let secs = duration.as_secs().max(1);
        self.emu.advance_clock(secs as f64);
        self.offset += secs;
    }
}

#[test]
fn an_hour_long_publish_with_five_minute_id_tokens_asks_the_issuer_before_every_token() {
    let mut config = Config { token_lifetime_secs: 600, ..Config::default() };
    config.durations.certification = 3600.0;
    let emu = Emulator::start_blocking(config).unwrap();
    let info = emu.info().clone();
    let mut cfg = flow_config(&emu, github(&info));
    let minute = Duration::from_secs(60);
    cfg.poll = storesubmit::policy::PollSchedule { initial: minute, factor: 1.0, max: minute };
    cfg.deadline = None;
    let spec = storesubmit::spec::SubmissionSpec::from_changes(json!({"applicationCategory": "Games"}));
    let target = storesubmit::flow::devcenter::Target::App { app_id: info.app_id.clone() };
    let mut flow = storesubmit::flow::devcenter::submission(cfg, target, spec, Default::default());
    let mut host = EmulatedClock {
        emu: &emu,
        rt: tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap(),
        http: reqwest::Client::new(),
        offset: 0,
    };
    let outcome = storesubmit::task::run_sync(&mut flow, &mut host).unwrap();
    assert_eq!(outcome.status.as_deref(), Some("Published"));
    assert!(host.offset >= 3600, "an hour on the emulated clock: {} s", host.offset);
    let (asked, tokens) = (emu.count_op("oidc.token"), emu.count_op("token.v2"));
    assert!(tokens >= 11, "the 10-minute tokens were refreshed every 5 minutes: {tokens}");
    assert_eq!(asked, tokens, "one new ID token before every token request");
}
