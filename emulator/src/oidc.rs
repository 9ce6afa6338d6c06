//! The other side of secretless sign-in, on the token service's port: a GitHub-like OIDC issuer
//! (`{token_url}/_oidc`: discovery, JWKS, ID tokens asked for GitHub's way or Azure DevOps' way), the
//! checks of a client assertion at the token endpoint (a federated token against the application's
//! federated credentials, or a certificate's signed JWT against its registered certificates), and the
//! instance metadata endpoint of a managed identity. Choices where Microsoft's docs are silent are in
//! the README ("Token service").

use std::sync::OnceLock;

use serde_json::{json, Value};
use storesubmit::api::auth::resource_for;
use storesubmit::api::Family;
use storesubmit::credential::der::pem_blocks;
use storesubmit::credential::jwt::Jwt;
use storesubmit::credential::sign::{self, RsaKeyPair};
use storesubmit::credential::ASSERTION_TYPE;

use crate::config::ClientConfig;
use crate::state::State;
use crate::util::{self, Req, Resp};

/// Where the issuer lives below the token service's root.
pub const OIDC_PREFIX: &str = "/_oidc";
/// The ID-token endpoint below the issuer.
pub const TOKEN_PATH: &str = "/_oidc/token";
/// The managed identity endpoint (the instance metadata service's path).
pub const MANAGED_IDENTITY_PATH: &str = "/metadata/identity/oauth2/token";

/// How much later than its `nbf` an assertion may arrive, and how long after `exp` it is still taken
/// (Azure AD allows clock skew of about five minutes; the emulator allows none after `exp`, so a kept
/// assertion fails as soon as it expires).
const NBF_SKEW_MS: u64 = 5 * 60 * 1000;

/// The issuer's signing key (an emulator-only key shipped in `fixtures/`).
fn key() -> &'static RsaKeyPair {
    static KEY: OnceLock<RsaKeyPair> = OnceLock::new();
    KEY.get_or_init(|| {
        sign::rsa_key(include_bytes!("../fixtures/oidc-signing-key.pem")).expect("the fixture's key is an RSA key")
    })
}

/// The signing key's id: `emulator-` and the start of its modulus, base64url.
fn kid() -> String {
    let (n, _) = sign::public_components(key());
    format!("emulator-{}", &n[..12.min(n.len())])
}

/// The issuer URL (`iss`) of the tokens this emulator issues.
pub fn issuer(st: &State) -> String {
    format!("{}{OIDC_PREFIX}", st.origins.token)
}

/// The operation id of a request to one of these endpoints (the request log, fault rules).
pub fn operation(rest: &str) -> Option<&'static str> {
    match rest {
        TOKEN_PATH => Some("oidc.token"),
        "/_oidc/.well-known/jwks" => Some("oidc.jwks"),
        "/_oidc/.well-known/openid-configuration" => Some("oidc.configuration"),
        MANAGED_IDENTITY_PATH => Some("managed_identity.token"),
        _ => None,
    }
}

/// Answers a request to one of these endpoints; `None` when the path is not one.
pub fn handle(st: &mut State, req: &Req) -> Option<Resp> {
    Some(match (req.method, req.path.as_str()) {
        (_, "/_oidc/.well-known/openid-configuration") => {
            let iss = issuer(st);
            Resp::json(
                200,
                &json!({"issuer": iss, "jwks_uri": format!("{iss}/.well-known/jwks"),
                        "response_types_supported": ["id_token"], "subject_types_supported": ["public"],
                        "id_token_signing_alg_values_supported": ["RS256"], "claims_supported": ["sub", "aud", "iss", "exp", "iat", "nbf", "jti"]}),
            )
        }
        (_, "/_oidc/.well-known/jwks") => {
            let (n, e) = sign::public_components(key());
            Resp::json(
                200,
                &json!({"keys": [{"kty": "RSA", "alg": "RS256", "use": "sig", "kid": kid(), "n": n, "e": e}]}),
            )
        }
        (_, TOKEN_PATH) => id_token(st, req),
        (_, MANAGED_IDENTITY_PATH) => managed_identity(st, req),
        _ => return None,
    })
}

/// An ID token: `GET` as GitHub Actions' runner asks (`&audience=`, answer `{count, value}`), `POST` as
/// Azure DevOps' (`serviceConnectionId`, answer `{oidcToken}`); both need the request token as bearer.
fn id_token(st: &mut State, req: &Req) -> Resp {
    if req.bearer() != Some(st.config.oidc.request_token.as_str()) {
        return Resp::json(401, &json!({"message": "Bad credentials: the OIDC request token is missing or wrong"}));
    }
    let q = |k: &str| req.query.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
    let (subject, audience, pipelines) = match req.method {
        storesubmit::http::Method::Get => {
            let aud = q("audience").unwrap_or_else(|| "https://github.com/contoso".into());
            (st.config.oidc.github_subject.clone(), aud, false)
        }
        storesubmit::http::Method::Post => {
            if q("serviceConnectionId").is_none_or(|c| c.trim().is_empty()) {
                return Resp::json(400, &json!({"message": "serviceConnectionId is required"}));
            }
            (st.config.oidc.pipelines_subject.clone(), storesubmit::credential::FEDERATED_AUDIENCE.to_string(), true)
        }
        _ => return Resp::json(405, &json!({"message": "GET (GitHub) or POST (Azure DevOps)"})),
    };
    let now = st.now() / 1000;
    let claims = json!({
        "iss": issuer(st), "sub": subject, "aud": audience, "iat": now, "nbf": now,
        "exp": now + st.config.oidc.lifetime_secs.max(1), "jti": sign::guid().unwrap_or_default(),
    });
    let header = json!({"alg": "RS256", "typ": "JWT", "kid": kid()});
    let Ok(token) = sign::sign_rs256(key(), &header, &claims) else {
        return Resp::json(500, &json!({"message": "signing failed"}));
    };
    st.remember_issued(token.clone());
    if pipelines {
        Resp::json(200, &json!({"oidcToken": token}))
    } else {
        Resp::json(200, &json!({"count": 1, "value": token}))
    }
}

/// The instance metadata token endpoint: `Metadata: true` required, a token for `resource` issued to
/// the managed identity's client id (and a `client_id` given must be it).
fn managed_identity(st: &mut State, req: &Req) -> Resp {
    let q = |k: &str| req.query.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
    let bad = |e: &str, d: &str| Resp::json(400, &json!({"error": e, "error_description": d}));
    if !req.header("metadata").is_some_and(|v| v.eq_ignore_ascii_case("true")) {
        return bad("invalid_request", "Required metadata header not specified");
    }
    let identity = st.config.managed_identity_client_id.clone();
    if q("client_id").is_some_and(|c| c != identity) {
        return bad("invalid_request", "Identity not found");
    }
    let Some(resource) = q("resource").filter(|r| known_resource(r)) else {
        return bad(
            "invalid_resource",
            "AADSTS500011: The resource principal named in `resource` was not found in the tenant.",
        );
    };
    let (token, lifetime) = crate::token::mint(st, &identity, &resource);
    let secs = st.now() / 1000;
    Resp::json(
        200,
        &json!({"access_token": token, "client_id": identity, "expires_in": lifetime.to_string(),
                "expires_on": (secs + lifetime).to_string(), "ext_expires_in": lifetime.to_string(),
                "not_before": secs.to_string(), "resource": resource, "token_type": "Bearer"}),
    )
}

/// Whether `r` is one of the three APIs' resources.
pub fn known_resource(r: &str) -> bool {
    [Family::Devcenter, Family::Win32, Family::Ingestion]
        .iter()
        .any(|f| resource_for(*f).trim_end_matches('/').eq_ignore_ascii_case(r.trim().trim_end_matches('/')))
}

/// Why an assertion is refused: `(status, error, AADSTS code, description)`.
pub type Refusal = (u16, &'static str, &'static str, String);

/// Checks a token request's client assertion for `client` at `tenant`: a certificate's (its header
/// names a thumbprint) or a federated token (issuer, signature, expiry, subject, audience).
///
/// # Errors
/// The refusal, in Azure AD's words, naming the mismatch.
pub fn check_assertion(
    st: &State,
    client: &ClientConfig,
    tenant: &str,
    kind: Option<&str>,
    assertion: &str,
) -> Result<(), Refusal> {
    let refuse = |status, error, code, d: String| Err((status, error, code, d));
    if kind != Some(ASSERTION_TYPE) {
        return refuse(
            400,
            "invalid_request",
            "AADSTS50027",
            format!("client_assertion_type must be '{ASSERTION_TYPE}'."),
        );
    }
    let Ok(jwt) = Jwt::parse(assertion) else {
        return refuse(401, "invalid_client", "AADSTS50027", "Invalid JWT token. The token is malformed.".into());
    };
    let thumbprint = jwt.header.get("x5t#S256").or_else(|| jwt.header.get("x5t")).and_then(Value::as_str);
    match thumbprint {
        Some(t) => check_certificate(st, client, tenant, &jwt, t),
        None => check_federated(st, client, &jwt),
    }
}

/// The time checks every assertion passes (on the emulated clock).
fn check_time(st: &State, jwt: &Jwt) -> Result<(), Refusal> {
    let now_ms = st.now();
    let (exp, nbf) = (jwt.time("exp").unwrap_or(0), jwt.time("nbf").or(jwt.time("iat")).unwrap_or(0));
    if now_ms >= exp * 1000 || now_ms + NBF_SKEW_MS < nbf * 1000 {
        return Err((
            401,
            "invalid_client",
            "AADSTS700024",
            format!(
                "Client assertion is not within its valid time range. Current time: {}, assertion valid from {}, expiry time of assertion {}.",
                util::iso(now_ms),
                util::iso(nbf * 1000),
                util::iso(exp * 1000)
            ),
        ));
    }
    Ok(())
}

fn check_certificate(
    st: &State,
    client: &ClientConfig,
    tenant: &str,
    jwt: &Jwt,
    thumbprint: &str,
) -> Result<(), Refusal> {
    let cert = st
        .config
        .certificates
        .iter()
        .filter(|c| c.client_id == client.client_id)
        .filter_map(|c| pem_blocks(&c.certificate).ok()?.into_iter().find(|b| b.label == "CERTIFICATE"))
        .find(|b| sign::thumbprint_s256(&b.der) == thumbprint);
    let Some(cert) = cert else {
        return Err((401, "invalid_client", "AADSTS700027", format!(
            "The certificate with identifier used to sign the client assertion is not registered on application. [Reason - The key was not found., Thumbprint of key used by client: '{thumbprint}', application '{}']",
            client.client_id
        )));
    };
    if !sign::verify_with_certificate(jwt, &cert.der) {
        return Err((401, "invalid_client", "AADSTS700027", "Client assertion contains an invalid signature.".into()));
    }
    for claim in ["iss", "sub"] {
        if jwt.claim(claim) != Some(client.client_id.as_str()) {
            return Err((401, "invalid_client", "AADSTS700021", format!(
                "Client assertion application identifier doesn't match 'client_id' parameter: the assertion's {claim} is '{}'.",
                jwt.claim(claim).unwrap_or("")
            )));
        }
    }
    let endpoint = |a: &&str| {
        let path = a.split_once("://").map_or("", |(_, rest)| rest.split_once('/').map_or("", |(_, p)| p));
        [format!("{tenant}/oauth2/v2.0/token"), format!("{tenant}/oauth2/token")].iter().any(|p| {
            path.eq_ignore_ascii_case(p) || path.to_ascii_lowercase().ends_with(&format!("/{}", p.to_ascii_lowercase()))
        })
    };
    if !jwt.audiences().iter().any(endpoint) {
        return Err((401, "invalid_client", "AADSTS700023", format!(
            "Client assertion audience claim does not match Realm issuer: the assertion's audience '{}' is not this tenant's token endpoint.",
            jwt.audiences().join(", ")
        )));
    }
    check_time(st, jwt)
}

fn check_federated(st: &State, client: &ClientConfig, jwt: &Jwt) -> Result<(), Refusal> {
    let own = issuer(st);
    let (iss, sub) = (jwt.claim("iss").unwrap_or(""), jwt.claim("sub").unwrap_or(""));
    let aud = jwt.audiences().join(", ");
    let presented = format!("Assertion Issuer: '{iss}'. Assertion Subject: '{sub}'. Assertion Audience: '{aud}'.");
    let of_client: Vec<_> =
        st.config.federated_credentials.iter().filter(|f| f.client_id == client.client_id).collect();
    let by_issuer: Vec<_> = of_client.iter().filter(|f| f.issuer.as_deref().unwrap_or(&own) == iss).collect();
    if by_issuer.is_empty() {
        return Err((400, "invalid_client", "AADSTS700211", format!(
            "No matching federated identity record found for presented assertion issuer '{iss}'. The issuer matches no federated credential of application '{}'. {presented}",
            client.client_id
        )));
    }
    let (n, e) = sign::public_components(key());
    if iss != own
        || jwt.header.get("kid").and_then(Value::as_str) != Some(kid().as_str())
        || !sign::verify_with_components(jwt, &n, &e)
    {
        return Err((
            400,
            "invalid_client",
            "AADSTS50013",
            format!("Assertion failed signature validation. {presented}"),
        ));
    }
    check_time(st, jwt)?;
    let by_subject: Vec<_> = by_issuer.iter().filter(|f| f.subject == sub).collect();
    if by_subject.is_empty() {
        let expected: Vec<&str> = by_issuer.iter().map(|f| f.subject.as_str()).collect();
        return Err((400, "invalid_client", "AADSTS70021", format!(
            "No matching federated identity record found for presented assertion. {presented} The subject does not match: the application's federated credentials for this issuer accept the subjects '{}'.",
            expected.join("', '")
        )));
    }
    if !by_subject.iter().any(|f| jwt.audiences().contains(&f.audience.as_str())) {
        let expected: Vec<&str> = by_subject.iter().map(|f| f.audience.as_str()).collect();
        return Err((400, "invalid_client", "AADSTS70021", format!(
            "No matching federated identity record found for presented assertion. {presented} The audience does not match: the federated credential accepts the audience '{}'.",
            expected.join("', '")
        )));
    }
    Ok(())
}

/// `{iss}` of an ID token, for tests and messages.
pub fn token_claims(token: &str) -> Option<Value> {
    Jwt::parse(token).ok().map(|j| j.claims)
}

/// The test certificate's `x5t#S256`.
pub fn test_certificate_thumbprint() -> String {
    pem_blocks(crate::config::TEST_CERTIFICATE)
        .ok()
        .and_then(|b| b.into_iter().find(|b| b.label == "CERTIFICATE"))
        .map(|b| sign::thumbprint_s256(&b.der))
        .unwrap_or_default()
}
