//! The Azure AD token service (client credentials, v1 and v2 endpoints per tenant) and the bearer-token
//! check every API call goes through.

use serde_json::{json, Value};
use storesubmit::api::auth::resource_for;
use storesubmit::api::Family;

use crate::state::{State, TokenInfo};
use crate::util::{self, Req, Resp};

fn aad_error(status: u16, error: &str, code: &str, description: &str) -> Resp {
    let now = util::iso(
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis() as u64).unwrap_or(0),
    );
    let trace = util::guid();
    let corr = util::guid();
    Resp::json(
        status,
        &json!({
            "error": error,
            "error_description": format!("{code}: {description}\r\nTrace ID: {trace}\r\nCorrelation ID: {corr}\r\nTimestamp: {now}"),
            "error_codes": [code.trim_start_matches("AADSTS").parse::<u64>().unwrap_or(0)],
            "timestamp": now,
            "trace_id": trace,
            "correlation_id": corr,
        }),
    )
}

/// The refusal of a wrong client secret, or `None`.
fn check_secret(secret: &str, client: &crate::config::ClientConfig) -> Option<Resp> {
    if secret != client.client_secret {
        return Some(aad_error(
            401,
            "invalid_client",
            "AADSTS7000215",
            &format!("Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '{}'.", client.client_id),
        ));
    }
    None
}

/// Handles `token.v1` / `token.v2`. `v2` selects the v2 semantics (`scope=`, numeric `expires_in`).
pub fn issue(st: &mut State, req: &Req, tenant: &str, v2: bool) -> Resp {
    let form = util::parse_pairs(std::str::from_utf8(&req.body).unwrap_or(""));
    let get = |k: &str| form.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
    match get("grant_type") {
        Some("client_credentials") => {}
        Some(other) => {
            return aad_error(
                400,
                "unsupported_grant_type",
                "AADSTS70003",
                &format!(
                    "The app requested an unsupported grant type '{}'.",
                    other.chars().take(40).collect::<String>()
                ),
            )
        }
        None => {
            return aad_error(
                400,
                "invalid_request",
                "AADSTS900144",
                "The request body must contain the following parameter: 'grant_type'.",
            )
        }
    }
    let Some(client_id) = get("client_id").filter(|c| !c.is_empty()) else {
        return aad_error(
            400,
            "invalid_request",
            "AADSTS900144",
            "The request body must contain the following parameter: 'client_id'.",
        );
    };
    if !st.config.clients.iter().any(|c| c.tenant_id.eq_ignore_ascii_case(tenant)) {
        return aad_error(
            400,
            "invalid_request",
            "AADSTS90002",
            &format!(
                "Tenant '{}' not found. Check to make sure you have the correct tenant ID.",
                tenant.chars().take(64).collect::<String>()
            ),
        );
    }
    let Some(client) = st
        .config
        .clients
        .iter()
        .find(|c| c.tenant_id.eq_ignore_ascii_case(tenant) && c.client_id == client_id)
        .cloned()
    else {
        return aad_error(
            400,
            "unauthorized_client",
            "AADSTS700016",
            &format!(
                "Application with identifier '{}' was not found in the directory '{}'.",
                client_id.chars().take(64).collect::<String>(),
                tenant.chars().take(64).collect::<String>()
            ),
        );
    };
    if let Some(assertion) = get("client_assertion").filter(|a| !a.is_empty()) {
        if let Err((status, error, code, description)) =
            crate::oidc::check_assertion(st, &client, tenant, get("client_assertion_type"), assertion)
        {
            return aad_error(status, error, code, &description);
        }
    } else {
        let Some(secret) = get("client_secret").filter(|s| !s.is_empty()) else {
            return aad_error(
                401,
                "invalid_client",
                "AADSTS7000216",
                "'client_assertion', 'client_secret' or 'request' is required for the 'client_credentials' grant type.",
            );
        };
        if let Some(refused) = check_secret(secret, &client) {
            return refused;
        }
    }
    let audience = if v2 {
        match get("scope") {
            Some(s) if s.trim().ends_with("/.default") => s.trim().trim_end_matches("/.default").to_string(),
            Some(_) => {
                return aad_error(
                    400,
                    "invalid_scope",
                    "AADSTS1002012",
                    "The provided value for scope is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).",
                )
            }
            None => {
                return aad_error(400, "invalid_request", "AADSTS900144", "The request body must contain the following parameter: 'scope'.")
            }
        }
    } else {
        match get("resource") {
            Some(r) if !r.trim().is_empty() => r.trim().to_string(),
            _ => {
                return aad_error(
                    400,
                    "invalid_request",
                    "AADSTS50001",
                    "The request body must contain the following parameter: 'resource'.",
                )
            }
        }
    };
    let known = [Family::Devcenter, Family::Win32, Family::Ingestion]
        .iter()
        .any(|f| same_resource(resource_for(*f), &audience));
    if !known {
        return aad_error(
            400,
            "invalid_resource",
            "AADSTS500011",
            &format!(
                "The resource principal named {} was not found in the tenant.",
                audience.chars().take(100).collect::<String>()
            ),
        );
    }
    let now = st.now();
    let (token, lifetime) = mint(st, &client.client_id, &audience);
    let body: Value = if v2 {
        json!({"token_type": "Bearer", "expires_in": lifetime, "ext_expires_in": lifetime, "access_token": token})
    } else {
        let secs = now / 1000;
        json!({
            "token_type": "Bearer",
            "expires_in": lifetime.to_string(),
            "ext_expires_in": lifetime.to_string(),
            "expires_on": (secs + lifetime).to_string(),
            "not_before": secs.to_string(),
            "resource": audience,
            "access_token": token,
        })
    };
    Resp::json(200, &body).with_header("Cache-Control", "no-store, no-cache").with_header("Pragma", "no-cache")
}

/// Issues an access token for `audience` to `client_id`; answers it and its lifetime (seconds).
pub fn mint(st: &mut State, client_id: &str, audience: &str) -> (String, u64) {
    let now = st.now();
    let lifetime = st.config.token_lifetime_secs.max(1);
    let token = format!("emu.{}.{}", util::random_hex(16), util::random_hex(16));
    st.tokens.insert(
        token.clone(),
        TokenInfo {
            expires_ms: now + lifetime * 1000,
            audience: audience.to_string(),
            client_id: client_id.to_string(),
        },
    );
    // Forget long-expired tokens so a long run does not grow without bound.
    if st.tokens.len() > 10_000 {
        st.tokens.retain(|_, t| t.expires_ms + 3_600_000 > now);
    }
    (token, lifetime)
}

fn same_resource(a: &str, b: &str) -> bool {
    a.trim_end_matches('/').eq_ignore_ascii_case(b.trim_end_matches('/'))
}

/// Why a bearer token was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuthFailure {
    /// No `Authorization: Bearer` header.
    Missing,
    /// Not a token the emulator issued.
    Unknown,
    /// Expired on the emulated clock.
    Expired,
    /// Issued for another API's resource.
    WrongAudience,
}

impl AuthFailure {
    /// A message for the error body.
    pub fn message(self) -> &'static str {
        match self {
            AuthFailure::Missing => "Authorization header with a Bearer access token is required.",
            AuthFailure::Unknown => "The access token is invalid.",
            AuthFailure::Expired => "The access token has expired.",
            AuthFailure::WrongAudience => "The access token was issued for another resource (audience mismatch).",
        }
    }

    /// The `WWW-Authenticate` header value.
    pub fn challenge(self) -> String {
        format!("Bearer error=\"invalid_token\", error_description=\"{}\"", self.message())
    }
}

/// Checks the bearer token of an API call for `family`; the token key (for rate limiting) on success.
///
/// # Errors
/// Why the token is refused.
pub fn check(st: &State, req: &Req, family: Family) -> Result<String, AuthFailure> {
    let token = req.bearer().ok_or(AuthFailure::Missing)?;
    let info = st.tokens.get(token).ok_or(AuthFailure::Unknown)?;
    if st.now() >= info.expires_ms {
        return Err(AuthFailure::Expired);
    }
    if st.config.strict_audience && !same_resource(resource_for(family), &info.audience) {
        return Err(AuthFailure::WrongAudience);
    }
    Ok(token.to_string())
}
