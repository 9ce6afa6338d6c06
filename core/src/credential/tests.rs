//! Every token source run inside a workflow by a scripted host: the tasks each asks for, the assertion in
//! the token request (never a secret), a new assertion for every token, and the errors that name why.

use serde_json::json;

use super::jwt::{b64url, signing_input};
use super::*;
use crate::flow::{simple, Credentials, Flow};
use crate::http::HttpResponse;
use crate::task::{Event, Machine, Step, Tick};

/// A JWT-shaped assertion (not signed: the scripted token service does not check it).
fn assertion(n: u32) -> String {
    let input = signing_input(&json!({"alg": "RS256"}), &json!({"sub": "repo:contoso/app", "n": n}));
    format!("{input}.{}", b64url(format!("signature-{n}").as_bytes()))
}

/// What the scripted host saw.
#[derive(Default, Debug)]
struct Seen {
    /// Requests for an assertion (sends with the assertion purpose, file reads, commands).
    assertions: u32,
    /// Token requests (to the token service or the metadata endpoint).
    tokens: u32,
    /// The last token request's body.
    token_body: String,
    /// The requests sent, `METHOD url`.
    sent: Vec<String>,
}

fn source(provider: AssertionProvider) -> TokenSource {
    TokenSource::Assertion { tenant_id: "tenant-1".into(), client_id: "client-1".into(), provider }
}

fn github() -> TokenSource {
    source(AssertionProvider::GithubOidc {
        request_url: "http://127.0.0.1:1/oidc/token?api-version=2.0".into(),
        request_token: Secret::new("runner-request-token"),
    })
}

fn get_app(source: TokenSource) -> Flow {
    let mut cfg = crate::flow::script::cfg();
    cfg.credentials = Credentials::Source(source);
    simple::call(cfg, "devcenter.get_app", json!({"applicationId": "9APP"})).unwrap()
}

/// Runs `flow` to its end: the assertion step answers `issuer`, token requests `token` (lifetime
/// `life`), API calls `api` in turn; every wait moves the clock.
fn drive(
    flow: &mut Flow,
    issuer: &mut dyn FnMut(&Work) -> Completion,
    token: &mut dyn FnMut(&str) -> HttpResponse,
    api: &mut Vec<HttpResponse>,
) -> (crate::Result<crate::flow::Outcome>, Seen) {
    let mut seen = Seen::default();
    let mut now = 1_000_000;
    let mut step = flow.resume(Event::Start, Tick::at(now));
    for _ in 0..1000 {
        let tasks = match step {
            Step::Done(r) => return (r, seen),
            Step::Run(t) => t,
            Step::Pending => panic!("pending with nothing running"),
        };
        let task = tasks.into_iter().next().unwrap();
        let completion = match &task.work {
            Work::Send { request, purpose } => {
                seen.sent.push(format!("{} {}", request.method, request.url));
                match purpose {
                    Purpose::Assertion { .. } => {
                        seen.assertions += 1;
                        issuer(&task.work)
                    }
                    Purpose::Token { .. } => {
                        seen.tokens += 1;
                        let body = String::from_utf8(request.body.clone()).unwrap();
                        seen.token_body = body.clone();
                        let r = if request.method == Method::Post { body } else { request.url.clone() };
                        Completion::Response(token(&r))
                    }
                    _ => Completion::Response(api.remove(0)),
                }
            }
            Work::File { .. } | Work::Command { .. } => {
                seen.assertions += 1;
                issuer(&task.work)
            }
            Work::Wait { duration, .. } => {
                now += duration.as_secs().max(1);
                Completion::Waited
            }
            other => panic!("unexpected task {other:?}"),
        };
        step = flow.resume(Event::Completed(task.id, completion), Tick::at(now));
    }
    panic!("the flow did not end")
}

fn token_ok(life: u64) -> impl FnMut(&str) -> HttpResponse {
    move |_| HttpResponse::json(200, &json!({"access_token": "eyJ.access.token-value", "expires_in": life}))
}

fn ok() -> Vec<HttpResponse> {
    vec![HttpResponse::json(200, &json!({"id": "9APP"}))]
}

#[test]
fn github_oidc_asks_the_runner_for_an_id_token_and_sends_it_as_the_assertion() {
    let mut n = 0;
    let mut issuer = |w: &Work| {
        let Work::Send { request, .. } = w else { panic!() };
        assert!(request.url.ends_with("?api-version=2.0&audience=api%3A%2F%2FAzureADTokenExchange"), "{}", request.url);
        assert_eq!(request.header("Authorization"), Some("Bearer runner-request-token"));
        n += 1;
        Completion::Response(HttpResponse::json(200, &json!({"count": 1, "value": assertion(n)})))
    };
    let (r, seen) = drive(&mut get_app(github()), &mut issuer, &mut token_ok(3600), &mut ok());
    assert_eq!(r.unwrap().document.unwrap()["id"], "9APP");
    assert_eq!((seen.assertions, seen.tokens), (1, 1));
    let body = &seen.token_body;
    assert!(body.contains("client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer"));
    assert!(body.contains(&format!("client_assertion={}", assertion(1))) && !body.contains("client_secret"), "{body}");
    assert!(body.contains("client_id=client-1"));
    assert!(crate::secret::redact_text(&assertion(1)).contains("<redacted>"), "the assertion is registered");
}

#[test]
fn a_new_assertion_is_asked_for_before_every_token_refresh() {
    let mut n = 0;
    let mut issuer = |_: &Work| {
        n += 1;
        Completion::Response(HttpResponse::json(200, &json!({"value": assertion(n)})))
    };
    // a token that lives 2 s, a 500 and a retry after it needs refreshing
    let mut api = vec![HttpResponse::json(500, &json!({})), HttpResponse::json(200, &json!({}))];
    let (r, seen) = drive(&mut get_app(github()), &mut issuer, &mut token_ok(2), &mut api);
    r.unwrap();
    assert_eq!((seen.assertions, seen.tokens), (2, 2), "{seen:?}");
    assert!(seen.token_body.contains(&assertion(2)), "the second token used the second assertion");
}

#[test]
fn azure_pipelines_posts_for_the_service_connection() {
    let src = source(AssertionProvider::AzurePipelines {
        request_url: "http://127.0.0.1:1/org/_apis/distributedtask/hubs/build/plans/p/jobs/j/oidctoken".into(),
        access_token: Secret::new("system-access-token"),
        service_connection_id: "sc-1".into(),
    });
    let mut issuer = |w: &Work| {
        let Work::Send { request, .. } = w else { panic!() };
        assert_eq!(request.method, Method::Post);
        assert!(request.url.ends_with("/oidctoken?api-version=7.1&serviceConnectionId=sc%2D1"), "{}", request.url);
        assert_eq!(request.header("Authorization"), Some("Bearer system-access-token"));
        assert_eq!(request.header("X-TFS-FedAuthRedirect"), Some("Suppress"));
        Completion::Response(HttpResponse::json(200, &json!({"oidcToken": assertion(7)})))
    };
    let (r, seen) = drive(&mut get_app(src), &mut issuer, &mut token_ok(3600), &mut ok());
    r.unwrap();
    assert!(seen.token_body.contains(&assertion(7)));
}

#[test]
fn a_token_file_and_a_command_are_read_again_for_every_token() {
    for provider in [
        AssertionProvider::File { path: "/var/run/secrets/azure/tokens/azure-identity-token".into() },
        AssertionProvider::Command { argv: vec!["print-token".into(), "--audience".into(), FEDERATED_AUDIENCE.into()] },
    ] {
        let mut n = 0;
        let mut issuer = |w: &Work| {
            assert!(matches!(w, Work::File { .. } | Work::Command { .. }), "{w:?}");
            n += 1;
            Completion::Data(format!("  {}\n", assertion(n)).into_bytes())
        };
        let mut api = vec![HttpResponse::json(500, &json!({})), HttpResponse::json(200, &json!({}))];
        let (r, seen) = drive(&mut get_app(source(provider)), &mut issuer, &mut token_ok(2), &mut api);
        r.unwrap();
        assert_eq!((seen.assertions, seen.tokens), (2, 2));
        assert!(seen.token_body.contains(&format!("client_assertion={}&", assertion(2))), "trimmed");
    }
}

#[test]
fn managed_identity_asks_the_metadata_endpoint_for_the_resource() {
    let src = TokenSource::ManagedIdentity { endpoint: IMDS_URL.into(), client_id: Some("mi-client".into()) };
    let mut issuer = |_: &Work| panic!("no assertion");
    let mut token = |url: &str| {
        assert_eq!(
            url,
            "http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https%3A%2F%2Fmanage%2Edevcenter%2Emicrosoft%2Ecom&client_id=mi%2Dclient"
        );
        HttpResponse::json(200, &json!({"access_token": "eyJ.mi.token", "expires_in": "86399", "token_type": "Bearer"}))
    };
    let (r, seen) = drive(&mut get_app(src), &mut issuer, &mut token, &mut ok());
    r.unwrap();
    assert_eq!((seen.assertions, seen.tokens), (0, 1));
    assert!(seen.sent[0].starts_with("GET http://169.254.169.254/"), "{:?}", seen.sent);
}

#[test]
fn refusals_are_auth_errors_that_say_why() {
    // the runner refuses: the job lacks `permissions: id-token: write`
    let mut issuer = |_: &Work| Completion::Response(HttpResponse::json(403, &json!({"message": "no id-token"})));
    let (r, _) = drive(&mut get_app(github()), &mut issuer, &mut token_ok(3600), &mut ok());
    let e = r.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Auth, "{e}");
    assert!(e.message().contains("id-token: write"), "{e}");
    assert_eq!(e.request().unwrap().op, "assertion.github-oidc");

    // the token service finds no federated credential: its message names the mismatch
    let mut issuer = |_: &Work| Completion::Response(HttpResponse::json(200, &json!({"value": assertion(1)})));
    let mut token = |_: &str| {
        HttpResponse::json(
            400,
            &json!({"error": "invalid_client", "error_description": "AADSTS70021: No matching federated identity record found for presented assertion. Assertion Subject: 'repo:x'."}),
        )
    };
    let (r, _) = drive(&mut get_app(github()), &mut issuer, &mut token, &mut ok());
    let e = r.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Auth, "{e}");
    assert!(e.message().contains("AADSTS70021") && e.message().contains("Assertion Subject"), "{e}");

    // an empty token file, a failed command
    let mut issuer = |_: &Work| Completion::Data(b" \n".to_vec());
    let src = source(AssertionProvider::File { path: "/tmp/t".into() });
    let (r, _) = drive(&mut get_app(src), &mut issuer, &mut token_ok(3600), &mut ok());
    assert!(r.unwrap_err().message().contains("token-file assertion is empty"));
    let mut issuer = |_: &Work| Completion::Failed(Error::new(ErrorKind::Auth, "it ended with exit status: 3"));
    let src = source(AssertionProvider::Command { argv: vec!["mint".into()] });
    let (r, _) = drive(&mut get_app(src), &mut issuer, &mut token_ok(3600), &mut ok());
    let e = r.unwrap_err();
    assert!(e.message().contains("the token command `mint` failed: it ended with exit status: 3"), "{e}");
}

#[test]
fn auth_methods_read_their_names() {
    for m in AuthMethod::ALL {
        assert_eq!(AuthMethod::parse(m.as_str()), Some(*m));
    }
    assert_eq!(AuthMethod::parse("OIDC"), Some(AuthMethod::GithubOidc));
    assert_eq!(AuthMethod::parse("kerberos"), None);
    let debug = format!("{:?}", github());
    assert!(!debug.contains("runner-request-token"), "{debug}");
}

#[cfg(feature = "certificate")]
#[test]
fn a_certificate_signs_an_assertion_for_the_token_endpoint() {
    let src = TokenSource::Certificate {
        tenant_id: "tenant-1".into(),
        client_id: "client-1".into(),
        path: "cert.pem".into(),
        password: None,
    };
    let pem = include_bytes!("../../../emulator/fixtures/test-certificate.pem");
    let mut issuer = |w: &Work| {
        assert!(matches!(w, Work::File { path } if path == "cert.pem"));
        Completion::Data(pem.to_vec())
    };
    let (r, seen) = drive(&mut get_app(src), &mut issuer, &mut token_ok(3600), &mut ok());
    r.unwrap();
    let body = &seen.token_body;
    let sent = body.split('&').find_map(|p| p.strip_prefix("client_assertion=")).unwrap();
    let jwt = jwt::Jwt::parse(sent).unwrap();
    assert!(jwt.header["x5t#S256"].is_string());
    assert_eq!(jwt.audiences(), ["http://127.0.0.1:1/tenant-1/oauth2/v2.0/token"]);
    assert_eq!(jwt.claim("sub"), Some("client-1"));
}

#[test]
fn a_managed_identity_defaults_to_the_instance_metadata_service() {
    // resolved only: nothing is sent to the metadata address in tests
    let sources = crate::connection::Sources {
        explicit: [("auth", "managed-identity".to_string())].into_iter().collect(),
        ..Default::default()
    };
    let r = crate::connection::resolve(&sources).unwrap();
    assert_eq!(r.value("managedIdentityUrl"), Some(IMDS_URL));
    assert_eq!(r.source("managedIdentityUrl").unwrap().origin, crate::connection::Origin::Default);
    let Credentials::Source(TokenSource::ManagedIdentity { endpoint, client_id }) = r.credential().unwrap() else {
        panic!("a managed identity")
    };
    assert_eq!((endpoint.as_str(), client_id), (IMDS_URL, None));
}
