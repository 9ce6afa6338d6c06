//! The emulator's configuration: credentials, timings, outcomes, fault rules, rate limits and the
//! fixture. The same JSON document is the binary's `--config FILE` and the library's [`Config`].

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::faults::FaultRule;

/// Azure AD client credentials the token service accepts.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientConfig {
    /// Directory (tenant) id.
    pub tenant_id: String,
    /// Application (client) id.
    pub client_id: String,
    /// Client secret (emulator-only credential).
    pub client_secret: String,
}

impl std::fmt::Debug for ClientConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientConfig")
            .field("tenant_id", &self.tenant_id)
            .field("client_id", &self.client_id)
            .field("client_secret", &"[REDACTED]")
            .finish()
    }
}

impl Default for ClientConfig {
    fn default() -> Self {
        ClientConfig {
            tenant_id: "00000000-0000-4000-8000-00000000e001".into(),
            client_id: "00000000-0000-4000-8000-00000000c001".into(),
            client_secret: "emulator-client-secret".into(),
        }
    }
}

/// How long each emulated phase takes, in seconds of the emulated clock (which runs with real time
/// and can be moved forward with the admin API).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Durations {
    /// devcenter: `CommitStarted` → `PreProcessing` (or `CommitFailed`).
    pub commit: f64,
    /// devcenter: `PreProcessing` → `Certification`.
    pub preprocessing: f64,
    /// devcenter: `Certification` → `Release`.
    pub certification: f64,
    /// devcenter: `Release` → `Published`.
    pub release: f64,
    /// win32: package processing after packages commit.
    pub win32_package_processing: f64,
    /// win32: `INPROGRESS` → `PUBLISHED` / `FAILED`.
    pub win32_publishing: f64,
    /// ingestion: package/image processing after it is marked `Uploaded`.
    pub ingestion_processing: f64,
    /// ingestion: a submission's `Submitted` → `ReadyToPublish` / `Published` (and promote's publishing).
    pub ingestion_publishing: f64,
}

impl Default for Durations {
    fn default() -> Self {
        Durations {
            commit: 1.0,
            preprocessing: 1.0,
            certification: 2.0,
            release: 1.0,
            win32_package_processing: 1.0,
            win32_publishing: 3.0,
            ingestion_processing: 1.0,
            ingestion_publishing: 3.0,
        }
    }
}

/// How emulated pipelines end.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Outcomes {
    /// devcenter commits end in `Published` or in one of `PreProcessingFailed`, `CertificationFailed`,
    /// `ReleaseFailed`, `PublishFailed`.
    pub devcenter: String,
    /// win32 submissions end in `PUBLISHED` or `FAILED`.
    pub win32: String,
    /// ingestion submissions end in `Published` or `Failed` (substate `FailedInCertification`).
    pub ingestion: String,
}

impl Outcomes {
    /// The accepted devcenter outcomes.
    pub const DEVCENTER: &'static [&'static str] =
        &["Published", "PreProcessingFailed", "CertificationFailed", "ReleaseFailed", "PublishFailed"];
    /// The accepted win32 outcomes.
    pub const WIN32: &'static [&'static str] = &["PUBLISHED", "FAILED"];
    /// The accepted ingestion outcomes.
    pub const INGESTION: &'static [&'static str] = &["Published", "Failed"];

    /// Checks each outcome is one of the accepted values.
    ///
    /// # Errors
    /// A message naming the setting and the accepted values.
    pub fn check(&self) -> Result<(), String> {
        for (name, v, ok) in [
            ("devcenter", &self.devcenter, Self::DEVCENTER),
            ("win32", &self.win32, Self::WIN32),
            ("ingestion", &self.ingestion, Self::INGESTION),
        ] {
            if !ok.contains(&v.as_str()) {
                return Err(format!("outcomes.{name}: `{v}` is not one of {}", ok.join(", ")));
            }
        }
        Ok(())
    }
}

impl Default for Outcomes {
    fn default() -> Self {
        Outcomes { devcenter: "Published".into(), win32: "PUBLISHED".into(), ingestion: "Published".into() }
    }
}

/// A per-token request budget: at most `requests` calls per `per_seconds` window; over it, 429 with
/// `Retry-After`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RateLimit {
    /// Calls allowed per window.
    pub requests: u32,
    /// Window length in seconds.
    pub per_seconds: f64,
}

/// An outside Azure blob service (Azurite) to hand out upload URLs for instead of the built-in store.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExternalBlob {
    /// Blob endpoint including the account (`http://127.0.0.1:10000/devstoreaccount1`).
    pub endpoint: String,
    /// Account name.
    pub account: String,
    /// Base64 account key (never printed).
    pub key: String,
}

impl std::fmt::Debug for ExternalBlob {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ExternalBlob")
            .field("endpoint", &self.endpoint)
            .field("account", &self.account)
            .field("key", &"[REDACTED]")
            .finish()
    }
}

/// Everything the emulator can be told at start.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Main TCP port (the admin API and every service under its path prefix); 0 picks free ports for
    /// it and for each service's own origin, N > 0 puts the services on N+1 … N+5.
    pub port: u16,
    /// The IP address every port binds (`127.0.0.1`; another one to serve a test network: a network
    /// namespace, a container). The announced URLs name it (loopback for `0.0.0.0` / `::`).
    pub host: String,
    /// Origins (`http://127.0.0.1:5173`, or `*` for any) whose pages may call the APIs and the blob
    /// store from a browser: their requests get CORS headers and their preflights are answered.
    pub cors_origins: Vec<String>,
    /// Accepted client credentials (first one is printed in the first line).
    pub clients: Vec<ClientConfig>,
    /// Lifetime of issued access tokens, seconds.
    pub token_lifetime_secs: u64,
    /// Reject a token whose audience (v1 `resource`, v2 `scope`) is not the called family's resource.
    pub strict_audience: bool,
    /// Seller id required in `X-Seller-Account-Id` on win32 calls.
    pub seller_id: String,
    /// Lifetime of SAS URLs the emulator issues, seconds.
    pub sas_lifetime_secs: u64,
    /// Every read of a pending devcenter submission hands out a fresh `fileUploadUrl` (a new blob, newly
    /// signed), as a service that renews upload URLs would; off by default (the URL stays as created).
    pub fresh_upload_url_on_get: bool,
    /// Largest request body accepted, bytes (413 above).
    pub max_body_bytes: usize,
    /// Items per page of ingestion lists (`@odata.nextLink` beyond).
    pub page_size: usize,
    /// Phase durations.
    pub durations: Durations,
    /// Pipeline outcomes.
    pub outcomes: Outcomes,
    /// Fault rules active from the start.
    pub faults: Vec<FaultRule>,
    /// Per-token rate limit.
    pub rate_limit: Option<RateLimit>,
    /// Outside blob store, when given.
    pub external_blob: Option<ExternalBlob>,
    /// The seed state; `None` loads the default fixture (`fixtures/default.json`).
    pub fixture: Option<Value>,
    /// The GitHub-like OIDC issuer (ID tokens for federated sign-in).
    pub oidc: OidcConfig,
    /// Federated credentials: which issuer, subject and audience a client assertion must have to sign in
    /// as an application (Azure AD's "federated identity credentials").
    pub federated_credentials: Vec<FederatedCredential>,
    /// Certificates registered on applications (certificate credentials): the client's signed assertions
    /// are checked against them.
    pub certificates: Vec<CertificateCredential>,
    /// The managed identity the metadata endpoint signs in as: the client id its tokens are issued to.
    pub managed_identity_client_id: String,
}

/// The emulator's OIDC issuer (`{token_url}/_oidc`), playing GitHub Actions' and Azure DevOps' ID-token
/// endpoints.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct OidcConfig {
    /// Lifetime of the ID tokens it issues, seconds (GitHub's live 5 minutes).
    pub lifetime_secs: u64,
    /// `sub` of the tokens asked for GitHub's way (`GET`).
    pub github_subject: String,
    /// `sub` of the tokens asked for Azure DevOps' way (`POST` with `serviceConnectionId`).
    pub pipelines_subject: String,
    /// The bearer token the ID-token endpoint requires (an emulator-only value, printed in the first line).
    pub request_token: String,
}

impl Default for OidcConfig {
    fn default() -> Self {
        OidcConfig {
            lifetime_secs: 300,
            github_subject: "repo:contoso/storesubmit-release:environment:store".into(),
            pipelines_subject: "sc://contoso/storesubmit/store-connection".into(),
            request_token: "emulator-oidc-request-token".into(),
        }
    }
}

/// A federated identity credential of an application.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FederatedCredential {
    /// The application (client) id it belongs to.
    pub client_id: String,
    /// The issuer (`iss`); absent: the emulator's own issuer.
    #[serde(default)]
    pub issuer: Option<String>,
    /// The subject (`sub`) it accepts.
    pub subject: String,
    /// The audience it accepts (default `api://AzureADTokenExchange`).
    #[serde(default = "default_audience")]
    pub audience: String,
}

fn default_audience() -> String {
    storesubmit::credential::FEDERATED_AUDIENCE.into()
}

/// A certificate registered on an application.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CertificateCredential {
    /// The application (client) id it belongs to.
    pub client_id: String,
    /// The certificate, PEM (its public part; a private key beside it is ignored).
    pub certificate: String,
}

/// The test certificate registered on the default client (its private key is in the same file: an
/// emulator-only credential for tests and rehearsals).
pub const TEST_CERTIFICATE: &str = include_str!("../fixtures/test-certificate.pem");

impl Default for Config {
    fn default() -> Self {
        Config {
            port: 0,
            host: "127.0.0.1".into(),
            cors_origins: Vec::new(),
            clients: vec![ClientConfig::default()],
            token_lifetime_secs: 3600,
            strict_audience: true,
            seller_id: "40123456".into(),
            sas_lifetime_secs: 24 * 3600,
            fresh_upload_url_on_get: false,
            max_body_bytes: 1 << 30,
            page_size: 25,
            durations: Durations::default(),
            outcomes: Outcomes::default(),
            faults: Vec::new(),
            rate_limit: None,
            external_blob: None,
            fixture: None,
            oidc: OidcConfig::default(),
            federated_credentials: {
                let (client, oidc) = (ClientConfig::default(), OidcConfig::default());
                [oidc.github_subject, oidc.pipelines_subject]
                    .into_iter()
                    .map(|subject| FederatedCredential {
                        client_id: client.client_id.clone(),
                        issuer: None,
                        subject,
                        audience: default_audience(),
                    })
                    .collect()
            },
            certificates: vec![CertificateCredential {
                client_id: ClientConfig::default().client_id,
                certificate: TEST_CERTIFICATE.split("-----BEGIN PRIVATE KEY-----").next().unwrap_or("").to_string(),
            }],
            managed_identity_client_id: ClientConfig::default().client_id,
        }
    }
}

/// The default fixture shipped with the emulator.
pub const DEFAULT_FIXTURE: &str = include_str!("../fixtures/default.json");

impl Config {
    /// Parses a config document (the `--config FILE` format).
    ///
    /// # Errors
    /// A message naming the problem when the JSON is invalid.
    pub fn from_json(text: &str) -> Result<Config, String> {
        serde_json::from_str(text).map_err(|e| format!("invalid emulator config: {e}"))
    }

    /// Checks the values serde cannot: outcome names and durations.
    ///
    /// # Errors
    /// A message naming the setting and the accepted values.
    pub fn check(&self) -> Result<(), String> {
        self.outcomes.check()?;
        let d = &self.durations;
        for (name, v) in [
            ("commit", d.commit),
            ("preprocessing", d.preprocessing),
            ("certification", d.certification),
            ("release", d.release),
            ("win32_package_processing", d.win32_package_processing),
            ("win32_publishing", d.win32_publishing),
            ("ingestion_processing", d.ingestion_processing),
            ("ingestion_publishing", d.ingestion_publishing),
        ] {
            if !v.is_finite() || v < 0.0 {
                return Err(format!("durations.{name}: must be a number of seconds ≥ 0, got {v}"));
            }
        }
        for (i, rule) in self.faults.iter().enumerate() {
            rule.check().map_err(|e| format!("faults[{i}]: {e}"))?;
        }
        self.bind_ip()?;
        for (i, o) in self.cors_origins.iter().enumerate() {
            if !is_origin(o) {
                return Err(format!(
                    "cors_origins[{i}]: `{o}` is not an origin (scheme://host[:port] with http or https and no path, or *)"
                ));
            }
        }
        if self.clients.is_empty() {
            return Err("clients: at least one client is required".into());
        }
        if let Some(l) = &self.rate_limit {
            if l.requests == 0 || l.per_seconds.is_nan() || l.per_seconds <= 0.0 {
                return Err("rate_limit: requests must be > 0 and per_seconds > 0".into());
            }
        }
        Ok(())
    }

    /// The address to bind ([`Config::host`]).
    ///
    /// # Errors
    /// A message naming `host` when it is not an IP address.
    pub fn bind_ip(&self) -> Result<std::net::IpAddr, String> {
        self.host
            .trim()
            .parse()
            .map_err(|_| format!("host: `{}` is not an IP address (such as 127.0.0.1 or ::1)", self.host))
    }

    /// Whether a page of `origin` (a request's `Origin` header) may call the emulator from a browser.
    pub fn cors_allows(&self, origin: &str) -> bool {
        self.cors_origins.iter().any(|o| o == "*" || o.eq_ignore_ascii_case(origin))
    }

    /// The fixture to load (the configured one or the default).
    pub fn fixture_value(&self) -> Value {
        match &self.fixture {
            Some(v) => v.clone(),
            None => serde_json::from_str(DEFAULT_FIXTURE).unwrap_or(Value::Null),
        }
    }
}

/// Converts seconds to whole milliseconds (negative and non-finite values become 0).
pub fn secs_to_ms(s: f64) -> u64 {
    if s.is_finite() && s > 0.0 {
        (s * 1000.0).round() as u64
    } else {
        0
    }
}

/// Whether `s` is `*` or a serialized origin as browsers send it: `http(s)://host[:port]`, nothing after.
fn is_origin(s: &str) -> bool {
    if s == "*" {
        return true;
    }
    let Some((scheme, authority)) = s.split_once("://") else { return false };
    let scheme_ok = scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https");
    // The port follows the last ':' that is not inside an IPv6 literal's brackets.
    let (host, port) = match authority.rfind(':') {
        Some(i) if !authority[i..].contains(']') => (&authority[..i], Some(&authority[i + 1..])),
        _ => (authority, None),
    };
    let bad = |c: char| matches!(c, '/' | '?' | '#' | '@') || c.is_whitespace();
    scheme_ok && !host.is_empty() && !host.contains(bad) && port.is_none_or(|p| p.parse::<u16>().is_ok())
}
