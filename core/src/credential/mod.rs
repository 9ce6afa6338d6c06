//! Token sources without a client secret: where a workflow's access tokens come from when the release runs
//! in CI with a federated credential (GitHub Actions OIDC, Azure Pipelines workload identity federation, a
//! token file, a command), a certificate, or a managed identity.
//!
//! Each source is data ([`TokenSource`]) and every token is obtained by a short flow of host tasks
//! (a `TokenFetch`) that the workflow engine runs in place of the client-secret token request, so every
//! host — the CLI, the bindings, the JavaScript host loop — gets every source by moving bytes only:
//!
//! | source | tasks, per token |
//! |---|---|
//! | [`AssertionProvider::GithubOidc`] | `GET` the runner's ID-token URL (`&audience=api://AzureADTokenExchange`), then the token request with the assertion |
//! | [`AssertionProvider::AzurePipelines`] | `POST` the service connection's OIDC request URL, then the token request |
//! | [`AssertionProvider::File`] | read the file ([`crate::task::Work::File`]), then the token request |
//! | [`AssertionProvider::Command`] | run the command ([`crate::task::Work::Command`]), then the token request |
//! | [`TokenSource::Certificate`] | read the PEM file, sign a JWT (RS256, `x5t#S256`) in the core, then the token request |
//! | [`TokenSource::ManagedIdentity`] | `GET` the instance metadata endpoint with `Metadata: true` (it answers the token itself) |
//!
//! A client assertion is asked for again before every token request and never kept: GitHub's ID tokens
//! live five minutes, an hour-long workflow refreshes its access tokens several times, and a kept assertion
//! would be refused (`AADSTS700024`) after it expired. Assertions, request tokens, private keys and
//! passwords are [`Secret`]s: registered for redaction by value the moment they are read, never printed,
//! never part of a resume token or a journal (the engine holds them only while a token is being fetched).

pub mod der;
pub mod jwt;
#[cfg(feature = "certificate")]
pub mod pfx;
#[cfg(feature = "certificate")]
pub mod sign;

use std::fmt;

use serde_json::Value;

use crate::api::auth::{self, ClientAuth, TokenVersion};
use crate::api::{Endpoints, Family};
use crate::error::{Error, ErrorKind, Result};
use crate::http::{HttpRequest, HttpResponse, Method};
use crate::secret::{AccessToken, Secret};
use crate::task::{Completion, Purpose, Work};

/// The audience federated credentials are issued for (what Azure AD expects in a federated assertion).
pub const FEDERATED_AUDIENCE: &str = "api://AzureADTokenExchange";

pub use crate::api::auth::ASSERTION_TYPE;

/// The Azure instance metadata service's token endpoint (IMDS), kept with the other service roots.
pub use crate::api::IMDS_TOKEN_URL as IMDS_URL;

/// The api-version of the instance metadata token endpoint.
pub const IMDS_API_VERSION: &str = "2018-02-01";

/// The api-version of Azure DevOps' OIDC token request.
pub const PIPELINES_API_VERSION: &str = "7.1";

/// The largest token file or command output read (an assertion is a few kilobytes).
pub const MAX_ASSERTION_BYTES: u64 = 64 * 1024;

/// How a connection signs in: `--auth` of the CLI, `STORESUBMIT_AUTH`, the Action's `auth` input, the
/// project file's `credentials.auth`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AuthMethod {
    /// A client secret (the tenant id, client id and secret).
    Secret,
    /// GitHub Actions OIDC: the runner's ID token (`permissions: id-token: write`) as a federated assertion.
    GithubOidc,
    /// Azure Pipelines workload identity federation: the service connection's OIDC token.
    AzurePipelines,
    /// A federated token in a file, read again for every token (`AZURE_FEDERATED_TOKEN_FILE`, as
    /// Kubernetes workload identity writes it).
    TokenFile,
    /// A federated token printed by a command, run again for every token.
    Command,
    /// A certificate (PEM: the certificate and its private key) registered on the application.
    Certificate,
    /// The managed identity of the Azure machine the run is on (the instance metadata endpoint).
    ManagedIdentity,
}

impl AuthMethod {
    /// Every method, in the order help texts list them.
    pub const ALL: &'static [AuthMethod] = &[
        AuthMethod::Secret,
        AuthMethod::GithubOidc,
        AuthMethod::AzurePipelines,
        AuthMethod::TokenFile,
        AuthMethod::Command,
        AuthMethod::Certificate,
        AuthMethod::ManagedIdentity,
    ];

    /// Its name: `secret`, `github-oidc`, `azure-pipelines`, `token-file`, `command`, `certificate`,
    /// `managed-identity`.
    pub fn as_str(self) -> &'static str {
        match self {
            AuthMethod::Secret => "secret",
            AuthMethod::GithubOidc => "github-oidc",
            AuthMethod::AzurePipelines => "azure-pipelines",
            AuthMethod::TokenFile => "token-file",
            AuthMethod::Command => "command",
            AuthMethod::Certificate => "certificate",
            AuthMethod::ManagedIdentity => "managed-identity",
        }
    }

    /// Reads a name ([`AuthMethod::as_str`]; `oidc` is GitHub's, as the Action's input says it).
    pub fn parse(s: &str) -> Option<AuthMethod> {
        let s = s.trim().to_ascii_lowercase();
        if s == "oidc" {
            return Some(AuthMethod::GithubOidc);
        }
        AuthMethod::ALL.iter().copied().find(|m| m.as_str() == s)
    }

    /// Every name, for messages (`secret, github-oidc, …`).
    pub fn names() -> String {
        AuthMethod::ALL.iter().map(|m| m.as_str()).collect::<Vec<_>>().join(", ")
    }
}

impl fmt::Display for AuthMethod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a federated client assertion comes from. Asked again for every token.
#[derive(Clone, PartialEq, Eq)]
pub enum AssertionProvider {
    /// GitHub Actions' ID-token endpoint (`ACTIONS_ID_TOKEN_REQUEST_URL`, with the bearer
    /// `ACTIONS_ID_TOKEN_REQUEST_TOKEN`), asked for the audience `api://AzureADTokenExchange`.
    GithubOidc {
        /// The request URL as the runner gives it (it carries a query already).
        request_url: String,
        /// The runner's request token.
        request_token: Secret,
    },
    /// Azure Pipelines' OIDC request endpoint (`SYSTEM_OIDCREQUESTURI`, with `System.AccessToken`) for
    /// a service connection.
    AzurePipelines {
        /// The request URL (`System.OidcRequestUri`).
        request_url: String,
        /// The job's access token (`System.AccessToken`).
        access_token: Secret,
        /// The id of the workload-identity service connection.
        service_connection_id: String,
    },
    /// A file holding the assertion, read again every time (it is rotated by its writer).
    File {
        /// The file's path.
        path: String,
    },
    /// A command printing the assertion on its standard output, run again every time.
    Command {
        /// The program and its arguments.
        argv: Vec<String>,
    },
}

impl AssertionProvider {
    /// The auth method this provider is.
    pub fn method(&self) -> AuthMethod {
        match self {
            AssertionProvider::GithubOidc { .. } => AuthMethod::GithubOidc,
            AssertionProvider::AzurePipelines { .. } => AuthMethod::AzurePipelines,
            AssertionProvider::File { .. } => AuthMethod::TokenFile,
            AssertionProvider::Command { .. } => AuthMethod::Command,
        }
    }
}

impl fmt::Debug for AssertionProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AssertionProvider::GithubOidc { request_url, request_token } => f
                .debug_struct("GithubOidc")
                .field("request_url", &crate::secret::redact_url(request_url))
                .field("request_token", request_token)
                .finish(),
            AssertionProvider::AzurePipelines { request_url, access_token, service_connection_id } => f
                .debug_struct("AzurePipelines")
                .field("request_url", &crate::secret::redact_url(request_url))
                .field("access_token", access_token)
                .field("service_connection_id", service_connection_id)
                .finish(),
            AssertionProvider::File { path } => f.debug_struct("File").field("path", path).finish(),
            AssertionProvider::Command { argv } => {
                f.debug_struct("Command").field("program", &argv.first()).field("args", &argv.len()).finish()
            }
        }
    }
}

/// A token source the flow runs itself, with no client secret.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TokenSource {
    /// A federated client assertion exchanged at the token service (client credentials with
    /// `client_assertion`).
    Assertion {
        /// Directory (tenant) id.
        tenant_id: String,
        /// Application (client) id.
        client_id: String,
        /// Where each assertion comes from.
        provider: AssertionProvider,
    },
    /// A certificate registered on the application: the flow reads the PEM file and signs a JWT client
    /// assertion with its key (RS256, `x5t#S256`) for each token.
    Certificate {
        /// Directory (tenant) id.
        tenant_id: String,
        /// Application (client) id.
        client_id: String,
        /// The PEM file holding the certificate and its (unencrypted) private key, or a PFX (PKCS #12) file.
        path: String,
        /// The PFX file's password (none: an empty one; a PEM file needs none).
        password: Option<Secret>,
    },
    /// The machine's managed identity: tokens straight from the instance metadata endpoint.
    ManagedIdentity {
        /// The endpoint ([`IMDS_URL`] on Azure; the emulator's `managed_identity_url` in tests).
        endpoint: String,
        /// A user-assigned identity's client id; none: the system-assigned identity.
        client_id: Option<String>,
    },
}

impl TokenSource {
    /// The auth method this source is.
    pub fn method(&self) -> AuthMethod {
        match self {
            TokenSource::Assertion { provider, .. } => provider.method(),
            TokenSource::Certificate { .. } => AuthMethod::Certificate,
            TokenSource::ManagedIdentity { .. } => AuthMethod::ManagedIdentity,
        }
    }
}

/// What a [`TokenFetch`] asks the engine for next.
#[derive(Debug)]
pub(crate) enum FetchNext {
    /// Send this request (the engine adds the scheme check, the timeout and the progress event).
    Send(HttpRequest, Purpose),
    /// Perform this task (read a file, run a command).
    Task(Work),
    /// The token is here.
    Token(AccessToken),
}

/// Where a [`TokenFetch`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    /// Waiting for the assertion (or the certificate's file).
    Assertion,
    /// Waiting for the token service's (or the metadata endpoint's) answer.
    Token,
}

/// Obtaining one access token from a [`TokenSource`]: a short flow of tasks the engine runs in place of
/// the client-secret token request. One per token; a failed one is started again from the beginning (a
/// new assertion) when the engine retries.
#[derive(Debug)]
pub(crate) struct TokenFetch {
    family: Family,
    stage: Stage,
}

impl TokenFetch {
    /// Starts fetching a token for `family`: the first task.
    ///
    /// # Errors
    /// `invalid_argument` for a source that cannot build its first request.
    pub(crate) fn start(source: &TokenSource, family: Family) -> Result<(TokenFetch, FetchNext)> {
        let fetch = |stage| TokenFetch { family, stage };
        let purpose = Purpose::Assertion { source: source.method().as_str().to_string() };
        Ok(match source {
            TokenSource::Assertion { provider, .. } => {
                let next = match provider {
                    AssertionProvider::GithubOidc { request_url, request_token } => {
                        FetchNext::Send(github_request(request_url, request_token)?, purpose)
                    }
                    AssertionProvider::AzurePipelines { request_url, access_token, service_connection_id } => {
                        FetchNext::Send(pipelines_request(request_url, access_token, service_connection_id)?, purpose)
                    }
                    AssertionProvider::File { path } => FetchNext::Task(Work::File { path: path.clone() }),
                    AssertionProvider::Command { argv } => FetchNext::Task(Work::Command { argv: argv.clone() }),
                };
                (fetch(Stage::Assertion), next)
            }
            TokenSource::Certificate { path, .. } => {
                (fetch(Stage::Assertion), FetchNext::Task(Work::File { path: path.clone() }))
            }
            TokenSource::ManagedIdentity { endpoint, client_id } => {
                let req = managed_identity_request(endpoint, client_id.as_deref(), family)?;
                let scope = auth::scope_for(family);
                (fetch(Stage::Token), FetchNext::Send(req, Purpose::Token { family, scope }))
            }
        })
    }

    /// Takes a task's completion (a response already checked to be one of this fetch's); answers the next
    /// task or the token.
    ///
    /// # Errors
    /// `auth` when the issuer or the token service refuses (the service's message, which names the
    /// mismatch), `invalid_response` for an answer without an assertion or a token, the host's failure.
    pub(crate) fn complete(
        &mut self,
        source: &TokenSource,
        cfg: (&Endpoints, TokenVersion),
        completion: Completion,
        now: u64,
    ) -> Result<FetchNext> {
        match (self.stage, completion) {
            (_, Completion::Failed(e)) => Err(self.failed(source, e)),
            (Stage::Token, Completion::Response(resp)) => auth::parse_token_response(&resp, now).map(FetchNext::Token),
            (Stage::Assertion, Completion::Response(resp)) => {
                let assertion = parse_assertion_response(source.method(), &resp)?;
                self.exchange(source, cfg, &assertion)
            }
            (Stage::Assertion, Completion::Data(bytes)) => match source {
                TokenSource::Certificate { path, tenant_id, client_id, password } => {
                    let aud = audience(cfg.0, cfg.1, tenant_id)?;
                    let assertion = certificate_assertion(path, bytes, password.as_ref(), client_id, &aud, now)?;
                    self.exchange(source, cfg, &assertion)
                }
                _ => {
                    let assertion = assertion_from_bytes(source.method(), bytes)?;
                    self.exchange(source, cfg, &assertion)
                }
            },
            (_, other) => Err(Error::invalid_argument(format!(
                "the token source's task was completed with {}",
                other.kind_name()
            ))),
        }
    }

    /// The token request with the assertion.
    fn exchange(
        &mut self,
        source: &TokenSource,
        cfg: (&Endpoints, TokenVersion),
        assertion: &Secret,
    ) -> Result<FetchNext> {
        let (tenant_id, client_id) = match source {
            TokenSource::Assertion { tenant_id, client_id, .. }
            | TokenSource::Certificate { tenant_id, client_id, .. } => (tenant_id, client_id),
            TokenSource::ManagedIdentity { .. } => {
                return Err(Error::invalid_argument("a managed identity needs no assertion"));
            }
        };
        let req = auth::token_request_with(
            cfg.0,
            tenant_id,
            client_id,
            ClientAuth::Assertion(assertion),
            self.family,
            cfg.1,
        )?;
        self.stage = Stage::Token;
        let family = self.family;
        Ok(FetchNext::Send(req, Purpose::Token { family, scope: auth::scope_for(family) }))
    }

    /// A host failure while getting the assertion, with what it was about.
    fn failed(&self, source: &TokenSource, e: Error) -> Error {
        if self.stage == Stage::Token {
            return e;
        }
        let what = match source {
            TokenSource::Assertion { provider: AssertionProvider::File { path }, .. } => {
                format!("cannot read the federated token file {path}")
            }
            TokenSource::Assertion { provider: AssertionProvider::Command { argv }, .. } => {
                format!("the token command `{}` failed", argv.first().map_or("", String::as_str))
            }
            TokenSource::Certificate { path, .. } => format!("cannot read the certificate {path}"),
            _ => format!("cannot get the {} assertion", source.method()),
        };
        Error::new(e.kind(), format!("{what}: {}", e.message()))
    }
}

/// `url` with `query` appended (`?` or `&`).
fn with_query(url: &str, query: &str) -> String {
    let sep = if url.contains('?') { '&' } else { '?' };
    format!("{url}{sep}{query}")
}

fn enc(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
}

fn required<'a>(what: &str, v: &'a str) -> Result<&'a str> {
    if v.trim().is_empty() {
        return Err(Error::invalid_argument(format!("{what} is empty")));
    }
    Ok(v)
}

/// GitHub's ID-token request: `GET {url}&audience=api://AzureADTokenExchange` with the request token.
fn github_request(url: &str, token: &Secret) -> Result<HttpRequest> {
    required("the GitHub OIDC request URL (ACTIONS_ID_TOKEN_REQUEST_URL)", url)?;
    required("the GitHub OIDC request token (ACTIONS_ID_TOKEN_REQUEST_TOKEN)", token.expose())?;
    let mut req = HttpRequest::new(Method::Get, with_query(url, &format!("audience={}", enc(FEDERATED_AUDIENCE))));
    req.headers.push(("Authorization".into(), format!("Bearer {}", token.expose())));
    req.headers.push(("Accept".into(), "application/json; api-version=2.0".into()));
    req.max_response_bytes = MAX_ASSERTION_BYTES;
    Ok(req)
}

/// Azure DevOps' OIDC token request: `POST {url}?api-version=7.1&serviceConnectionId={id}` with the job's
/// access token (as Azure's own `AzurePipelinesCredential` sends it).
fn pipelines_request(url: &str, token: &Secret, connection: &str) -> Result<HttpRequest> {
    required("the Azure Pipelines OIDC request URL (SYSTEM_OIDCREQUESTURI)", url)?;
    required("the Azure Pipelines access token (System.AccessToken)", token.expose())?;
    required("the service connection id", connection)?;
    let query = format!("api-version={PIPELINES_API_VERSION}&serviceConnectionId={}", enc(connection));
    let mut req = HttpRequest::new(Method::Post, with_query(url, &query));
    req.headers.push(("Authorization".into(), format!("Bearer {}", token.expose())));
    req.headers.push(("Content-Type".into(), "application/json".into()));
    req.headers.push(("X-TFS-FedAuthRedirect".into(), "Suppress".into()));
    req.max_response_bytes = MAX_ASSERTION_BYTES;
    Ok(req)
}

/// The instance metadata token request for `family`'s resource.
fn managed_identity_request(endpoint: &str, client_id: Option<&str>, family: Family) -> Result<HttpRequest> {
    required("the managed identity endpoint", endpoint)?;
    let mut query = format!("api-version={IMDS_API_VERSION}&resource={}", enc(auth::resource_for(family)));
    if let Some(id) = client_id.filter(|c| !c.trim().is_empty()) {
        query.push_str(&format!("&client_id={}", enc(id)));
    }
    let mut req = HttpRequest::new(Method::Get, with_query(endpoint, &query));
    req.headers.push(("Metadata".into(), "true".into()));
    req.max_response_bytes = crate::data::limits::RESPONSE_TOKEN_MAX_BYTES;
    Ok(req)
}

/// The assertion in an issuer's answer: GitHub's `{"value"}`, Azure DevOps' `{"oidcToken"}`.
fn parse_assertion_response(method: AuthMethod, resp: &HttpResponse) -> Result<Secret> {
    let field = if method == AuthMethod::AzurePipelines { "oidcToken" } else { "value" };
    let parsed: Option<Value> = serde_json::from_slice(&resp.body).ok();
    // the assertion is registered for redaction before anything could show it
    let value = parsed.as_ref().and_then(|v| v.get(field)).and_then(Value::as_str).map(Secret::new);
    if !resp.is_success() {
        let e = Error::from_response(resp);
        let kind = if matches!(resp.status, 401 | 403) { ErrorKind::Auth } else { e.kind() };
        let hint = match method {
            AuthMethod::GithubOidc => " (does the job have `permissions: id-token: write`?)",
            AuthMethod::AzurePipelines => {
                " (is the service connection a workload identity federation one, and may the pipeline use it?)"
            }
            _ => "",
        };
        return Err(Error::new(
            kind,
            format!("the {method} issuer refused the ID token request: {}{hint}", e.message()),
        )
        .with_status(resp.status));
    }
    value
        .filter(|v| !v.is_empty())
        .ok_or_else(|| Error::invalid_response(format!("the {method} issuer's answer has no `{field}` (no ID token)")))
}

/// A token file's or a command's output as the assertion (trimmed).
fn assertion_from_bytes(method: AuthMethod, bytes: Vec<u8>) -> Result<Secret> {
    let text = String::from_utf8(bytes)
        .map_err(|_| Error::new(ErrorKind::Auth, format!("the {method} assertion is not UTF-8 text")))?;
    let secret = Secret::new(text.trim());
    if secret.is_empty() {
        return Err(Error::new(ErrorKind::Auth, format!("the {method} assertion is empty")));
    }
    if jwt::Jwt::parse(secret.expose()).is_err() {
        return Err(Error::new(
            ErrorKind::Auth,
            format!("the {method} assertion is not a JWT (three base64url parts separated by dots)"),
        ));
    }
    Ok(secret)
}

/// The `aud` of a certificate's client assertion: the token endpoint it is sent to.
fn audience(endpoints: &Endpoints, version: TokenVersion, tenant: &str) -> Result<String> {
    let op = match version {
        TokenVersion::V1 => "token.v1",
        TokenVersion::V2 => "token.v2",
    };
    let op = crate::api::routes::operation(op).ok_or_else(|| Error::invalid_argument("no token operation"))?;
    Ok(format!(
        "{}{}",
        endpoints.root(Family::Token),
        op.path.replace("{tenantId}", &crate::api::encode_path_segment(tenant))
    ))
}

/// Signs a client assertion with the certificate in the PEM or PFX `bytes` of `path`.
#[cfg(feature = "certificate")]
fn certificate_assertion(
    path: &str,
    bytes: Vec<u8>,
    password: Option<&Secret>,
    client_id: &str,
    aud: &str,
    now: u64,
) -> Result<Secret> {
    let cert = sign::CertificateKey::from_file(&bytes, password.map_or("", Secret::expose))
        .map_err(|e| Error::new(e.kind(), format!("{path}: {}", e.message())))?;
    cert.client_assertion(client_id, aud, now)
}

/// Without the `certificate` feature (wasm) there is no signing.
#[cfg(not(feature = "certificate"))]
fn certificate_assertion(
    path: &str,
    bytes: Vec<u8>,
    password: Option<&Secret>,
    client_id: &str,
    aud: &str,
    now: u64,
) -> Result<Secret> {
    let _ = (bytes, password, client_id, aud, now);
    Err(Error::new(ErrorKind::Unsupported, format!("{path}: this build cannot sign with a certificate")))
}

#[cfg(test)]
mod tests;
