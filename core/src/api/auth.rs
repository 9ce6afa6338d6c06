//! Azure AD client-credentials tokens: request building, response parsing and a sans-IO cache.
//!
//! All three families authenticate the same way. v1 (`/{tenant}/oauth2/token`) takes `resource=`;
//! v2 (`/{tenant}/oauth2/v2.0/token`) takes `scope=<resource>/.default`. Tokens live about 60 minutes;
//! [`TokenCache`] says "refresh now" five minutes before expiry so hour-long polls never see a 401
//! (msstore-cli #50).

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{Endpoints, Family, Operation};
use crate::error::{Error, ErrorKind, Result};
use crate::http::{HttpRequest, HttpResponse, Method};
pub use crate::secret::AccessToken;
use crate::secret::Secret;

/// AAD resource of the classic Store submission API (v1 `resource=`).
pub const DEVCENTER_RESOURCE: &str = "https://manage.devcenter.microsoft.com";
/// AAD resource of the MSI/EXE API.
pub const WIN32_RESOURCE: &str = "https://api.store.microsoft.com";
/// AAD resource of the Partner Center ingestion API.
pub const INGESTION_RESOURCE: &str = "https://api.partner.microsoft.com";

pub use crate::secret::REFRESH_MARGIN;

/// The AAD resource a family's tokens are issued for.
pub fn resource_for(family: Family) -> &'static str {
    match family {
        Family::Devcenter | Family::Token => DEVCENTER_RESOURCE,
        Family::Win32 => WIN32_RESOURCE,
        Family::Ingestion => INGESTION_RESOURCE,
    }
}

/// The v2 scope for a family (`<resource>/.default`).
pub fn scope_for(family: Family) -> String {
    format!("{}/.default", resource_for(family))
}

/// Which token endpoint to call.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum TokenVersion {
    /// `/{tenant}/oauth2/token` with `resource=`.
    V1,
    /// `/{tenant}/oauth2/v2.0/token` with `scope=` (Microsoft's current recommendation).
    #[default]
    V2,
}

/// An Azure AD application's client credentials. `Debug` never shows the secret.
#[derive(Clone, PartialEq, Eq)]
pub struct ClientCredentials {
    /// Directory (tenant) id.
    pub tenant_id: String,
    /// Application (client) id.
    pub client_id: String,
    /// Client secret ("key").
    pub client_secret: Secret,
}

impl ClientCredentials {
    /// Credentials from their three parts.
    pub fn new(tenant_id: impl Into<String>, client_id: impl Into<String>, client_secret: impl Into<Secret>) -> Self {
        ClientCredentials {
            tenant_id: tenant_id.into(),
            client_id: client_id.into(),
            client_secret: client_secret.into(),
        }
    }
}

impl fmt::Debug for ClientCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientCredentials")
            .field("tenant_id", &self.tenant_id)
            .field("client_id", &self.client_id)
            .field("client_secret", &self.client_secret)
            .finish()
    }
}

/// `application/x-www-form-urlencoded` escaping: everything but unreserved characters.
const FORM: &percent_encoding::AsciiSet =
    &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

fn form_encode(pairs: &[(&str, &str)]) -> String {
    let enc = |s: &str| percent_encoding::utf8_percent_encode(s, FORM).to_string();
    pairs.iter().map(|(k, v)| format!("{}={}", enc(k), enc(v))).collect::<Vec<_>>().join("&")
}

/// `client_assertion_type` of a JWT client assertion (RFC 7523).
pub const ASSERTION_TYPE: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

/// How a client proves who it is in a token request.
#[derive(Clone, Copy, Debug)]
pub enum ClientAuth<'a> {
    /// `client_secret=…`.
    Secret(&'a Secret),
    /// `client_assertion_type=…jwt-bearer&client_assertion=…`: a federated token or a certificate's
    /// signed JWT (see the `credential` module).
    Assertion(&'a Secret),
}

fn token_request_raw(
    endpoints: &Endpoints,
    version: TokenVersion,
    tenant: &str,
    client_id: &str,
    client: ClientAuth<'_>,
    target: &str,
) -> Result<HttpRequest> {
    let (proof_name, proof) = match client {
        ClientAuth::Secret(s) => ("clientSecret", s.expose()),
        ClientAuth::Assertion(a) => ("clientAssertion", a.expose()),
    };
    for (name, v) in [("tenantId", tenant), ("clientId", client_id), (proof_name, proof)] {
        if v.trim().is_empty() {
            return Err(Error::invalid_argument(format!("token request: `{name}` is empty")));
        }
    }
    let (op_id, key) = match version {
        TokenVersion::V1 => ("token.v1", "resource"),
        TokenVersion::V2 => ("token.v2", "scope"),
    };
    let op = super::routes::operation(op_id).expect("token operations are in the table");
    let url = format!(
        "{}{}",
        endpoints.root(Family::Token),
        op.path.replace("{tenantId}", &super::encode_path_segment(tenant))
    );
    let mut pairs = vec![("grant_type", "client_credentials"), ("client_id", client_id)];
    match client {
        ClientAuth::Secret(_) => pairs.push(("client_secret", proof)),
        ClientAuth::Assertion(_) => {
            pairs.push(("client_assertion_type", ASSERTION_TYPE));
            pairs.push(("client_assertion", proof));
        }
    }
    pairs.push((key, target));
    let body = form_encode(&pairs);
    let mut req = HttpRequest::new(Method::Post, url);
    req.max_response_bytes = crate::data::limits::RESPONSE_TOKEN_MAX_BYTES;
    req.headers.push(("Content-Type".into(), "application/x-www-form-urlencoded; charset=utf-8".into()));
    req.headers.push(("Accept".into(), "application/json".into()));
    req.body = body.into_bytes();
    Ok(req)
}

/// The token request for a family's API with any client proof (a secret or an assertion).
///
/// # Errors
/// `invalid_argument` when a part is empty.
pub fn token_request_with(
    endpoints: &Endpoints,
    tenant_id: &str,
    client_id: &str,
    client: ClientAuth<'_>,
    family: Family,
    version: TokenVersion,
) -> Result<HttpRequest> {
    let target = match version {
        TokenVersion::V1 => resource_for(family).to_string(),
        TokenVersion::V2 => scope_for(family),
    };
    token_request_raw(endpoints, version, tenant_id, client_id, client, &target)
}

/// The token request for a family's API (v1 with `resource=`, v2 with `scope=`).
///
/// # Errors
/// `invalid_argument` when a credential part is empty.
pub fn token_request(
    endpoints: &Endpoints,
    creds: &ClientCredentials,
    family: Family,
    version: TokenVersion,
) -> Result<HttpRequest> {
    token_request_with(
        endpoints,
        &creds.tenant_id,
        &creds.client_id,
        ClientAuth::Secret(&creds.client_secret),
        family,
        version,
    )
}

/// Builds `token.v1` / `token.v2` from JSON arguments (see [`super::build`]).
pub(crate) fn build_from_args(endpoints: &Endpoints, op: &Operation, args: &Map<String, Value>) -> Result<HttpRequest> {
    let get = |k: &str| -> Result<&str> {
        args.get(k)
            .and_then(Value::as_str)
            .ok_or_else(|| Error::invalid_argument(format!("{}: missing string argument `{k}`", op.id)))
    };
    let (version, key) = if op.id == "token.v1" { (TokenVersion::V1, "resource") } else { (TokenVersion::V2, "scope") };
    for k in args.keys() {
        if !["tenantId", "clientId", "clientSecret", key].contains(&k.as_str()) {
            return Err(Error::invalid_argument(format!("{}: unknown argument `{k}`", op.id)));
        }
    }
    let secret = Secret::new(get("clientSecret")?);
    token_request_raw(endpoints, version, get("tenantId")?, get("clientId")?, ClientAuth::Secret(&secret), get(key)?)
}

fn number_field(v: &Value, key: &str) -> Option<u64> {
    match v.get(key)? {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// Parses a token response (v1 returns `expires_in` as a string, v2 as a number; both accepted).
/// `now` is the current unix time in seconds, supplied by the host (the core has no clock).
///
/// # Errors
/// `auth` for AAD errors (`invalid_client`, …), `invalid_response` when no token is present.
pub fn parse_token_response(resp: &HttpResponse, now: u64) -> Result<AccessToken> {
    if !resp.is_success() {
        let mut e = Error::from_response(resp);
        if resp.status == 400 && e.kind() == ErrorKind::BadRequest {
            // AAD answers bad grants with 400 + error=invalid_grant/unauthorized_client: still an auth failure.
            let mut auth = Error::new(ErrorKind::Auth, e.message().to_string())
                .with_status(resp.status)
                .with_server_errors(e.server_errors().to_vec());
            if let Some(id) = e.correlation_id() {
                // the id is what a support request needs: keep it (tests/vectors/responses/token.json)
                auth = auth.with_correlation_id(id);
            }
            e = auth;
        }
        return Err(e);
    }
    let v: Value = serde_json::from_slice(&resp.body)
        .map_err(|e| Error::invalid_response(format!("token response is not JSON: {e}")))?;
    let token = v
        .get("access_token")
        .and_then(Value::as_str)
        .filter(|t| !t.is_empty())
        .ok_or_else(|| Error::invalid_response("token response has no access_token"))?;
    let expires_at = match number_field(&v, "expires_in") {
        Some(secs) => now + secs,
        None => {
            number_field(&v, "expires_on").ok_or_else(|| Error::invalid_response("token response has no expires_in"))?
        }
    };
    Ok(AccessToken { token: Secret::new(token), obtained_at: now, expires_at })
}

/// A per-family token cache with no clock of its own: the host passes `now`.
#[derive(Clone, Debug, Default)]
pub struct TokenCache {
    tokens: Vec<(Family, AccessToken)>,
}

impl TokenCache {
    /// An empty cache.
    pub fn new() -> Self {
        TokenCache::default()
    }

    /// The cached token for a family if it is still good at `now`; `None` means "request a new one".
    pub fn get(&self, family: Family, now: u64) -> Option<&AccessToken> {
        self.tokens.iter().find(|(f, t)| *f == family && !t.needs_refresh(now)).map(|(_, t)| t)
    }

    /// Stores a freshly obtained token.
    pub fn store(&mut self, family: Family, token: AccessToken) {
        self.tokens.retain(|(f, _)| *f != family);
        self.tokens.push((family, token));
    }

    /// Forgets a family's token (after a 401, so the next call refreshes).
    pub fn invalidate(&mut self, family: Family) {
        self.tokens.retain(|(f, _)| *f != family);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn creds() -> ClientCredentials {
        ClientCredentials::new("tenant-1", "client-1", "s3cr3t+/=")
    }

    #[test]
    fn v1_and_v2_requests() {
        let ep = Endpoints::production();
        let r = token_request(&ep, &creds(), Family::Devcenter, TokenVersion::V1).unwrap();
        assert_eq!(r.url, "https://login.microsoftonline.com/tenant-1/oauth2/token");
        let body = String::from_utf8(r.body.clone()).unwrap();
        assert_eq!(
            body,
            "grant_type=client_credentials&client_id=client-1&client_secret=s3cr3t%2B%2F%3D&resource=https%3A%2F%2Fmanage.devcenter.microsoft.com"
        );
        let r = token_request(&ep, &creds(), Family::Win32, TokenVersion::V2).unwrap();
        assert_eq!(r.url, "https://login.microsoftonline.com/tenant-1/oauth2/v2.0/token");
        assert!(String::from_utf8(r.body.clone())
            .unwrap()
            .ends_with("&scope=https%3A%2F%2Fapi.store.microsoft.com%2F.default"));
        assert!(!format!("{r:?}").contains("s3cr3t"));
        assert!(!format!("{:?}", creds()).contains("s3cr3t"));
    }

    #[test]
    fn parse_and_cache() {
        let resp = HttpResponse::json(
            200,
            &serde_json::json!({"token_type":"Bearer","expires_in":"3599","access_token":"tok"}),
        );
        let t = parse_token_response(&resp, 1000).unwrap();
        assert_eq!(t.expires_at, 4599);
        assert!(!format!("{t:?}").contains("tok\""));
        let mut c = TokenCache::new();
        c.store(Family::Win32, t);
        assert!(c.get(Family::Win32, 1000).is_some());
        assert!(c.get(Family::Devcenter, 1000).is_none());
        assert!(c.get(Family::Win32, 4599 - 301).is_some());
        assert!(c.get(Family::Win32, 4599 - 300).is_none(), "refresh five minutes before expiry");
        // Short-lived token: refresh at half-life.
        let short =
            parse_token_response(&HttpResponse::json(200, &serde_json::json!({"access_token":"x","expires_in":4})), 0)
                .unwrap();
        assert!(!short.needs_refresh(1));
        assert!(short.needs_refresh(2));
    }

    #[test]
    fn aad_errors_are_auth() {
        let resp =
            HttpResponse::json(400, &serde_json::json!({"error":"unauthorized_client","error_description":"nope"}));
        assert_eq!(parse_token_response(&resp, 0).unwrap_err().kind(), ErrorKind::Auth);
        let resp =
            HttpResponse::json(401, &serde_json::json!({"error":"invalid_client","error_description":"bad secret"}));
        assert_eq!(parse_token_response(&resp, 0).unwrap_err().kind(), ErrorKind::Auth);
    }
}
