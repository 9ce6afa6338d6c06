//! What every service module of the emulator shares: the path prefix of each service, the [`Svc`] a
//! request is for, and the error shapes each service answers with. A leaf module (it imports only
//! [`crate::util`]), so the service modules and the server depend on it and not on each other.

use bytes::Bytes;
use serde_json::{json, Value};
use storesubmit::api::Family;

use crate::util::{self, Resp};

/// Path prefix of the classic Store API.
pub const DEVCENTER_PREFIX: &str = "/devcenter";
/// Path prefix of the MSI/EXE API.
pub const WIN32_PREFIX: &str = "/win32";
/// Path prefix of the ingestion API.
pub const INGESTION_PREFIX: &str = "/ingestion";
/// Path prefix of the token service.
pub const TOKEN_PREFIX: &str = "/token";
/// Path prefix of the blob store.
pub const BLOB_PREFIX: &str = "/blob";
/// Path prefix of the admin API.
pub const ADMIN_PREFIX: &str = "/_emulator";

/// Which service a request is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Svc {
    /// An API family (devcenter, win32, ingestion) or the token service.
    Api(Family),
    /// The blob store.
    Blob,
    /// The admin API.
    Admin,
}

/// The services that get an origin (a port) of their own, in the order of their ports after the main one
/// (`--port N` puts them on N+1 … N+5).
pub const SERVICES: [Svc; 5] = [
    Svc::Api(Family::Devcenter),
    Svc::Api(Family::Win32),
    Svc::Api(Family::Ingestion),
    Svc::Api(Family::Token),
    Svc::Blob,
];

/// The path prefix of a service in the one-port layout (`/devcenter`, …). Fault rules and the request log
/// name paths with it whichever origin a request came in on, so one rule covers both layouts.
pub fn prefix_of(svc: Svc) -> &'static str {
    match svc {
        Svc::Api(Family::Devcenter) => DEVCENTER_PREFIX,
        Svc::Api(Family::Win32) => WIN32_PREFIX,
        Svc::Api(Family::Ingestion) => INGESTION_PREFIX,
        Svc::Api(Family::Token) => TOKEN_PREFIX,
        Svc::Blob => BLOB_PREFIX,
        Svc::Admin => ADMIN_PREFIX,
    }
}

/// The service a path is for and the rest of the path after its prefix.
pub fn split_prefix(path: &str) -> Option<(Svc, &str)> {
    let table = [
        (DEVCENTER_PREFIX, Svc::Api(Family::Devcenter)),
        (WIN32_PREFIX, Svc::Api(Family::Win32)),
        (INGESTION_PREFIX, Svc::Api(Family::Ingestion)),
        (TOKEN_PREFIX, Svc::Api(Family::Token)),
        (BLOB_PREFIX, Svc::Blob),
        (ADMIN_PREFIX, Svc::Admin),
    ];
    for (prefix, svc) in table {
        if let Some(rest) = path.strip_prefix(prefix) {
            if rest.is_empty() || rest.starts_with('/') {
                return Some((svc, rest));
            }
        }
    }
    None
}

/// The `source` of devcenter error bodies, as the service writes it.
pub const DEVCENTER_SOURCE: &str = "Ingestion Api";

/// An error response in the shape of the service: devcenter `{code, data, details, message, source,
/// target}`, win32 envelope, ingestion `{error: {code, message, target}}`, AAD `{error,
/// error_description}`, blob XML, admin `{error}`.
pub fn error(svc: Svc, status: u16, code: &str, message: &str, target: &str) -> Resp {
    match svc {
        Svc::Api(Family::Devcenter) => Resp::json(
            status,
            &json!({"code": code, "data": [], "details": [], "message": message, "source": DEVCENTER_SOURCE, "target": target}),
        ),
        Svc::Api(Family::Win32) => envelope_error(status, code, message, target, json!({})),
        Svc::Api(Family::Ingestion) => {
            Resp::json(status, &json!({"error": {"code": code, "message": message, "target": target}}))
        }
        Svc::Api(Family::Token) => Resp::json(status, &json!({"error": code, "error_description": message})),
        Svc::Blob => storage_error(status, code, message),
        Svc::Admin => Resp::json(status, &json!({"error": message})),
    }
}

/// The error code a service uses for an HTTP status (fault-injected answers without a body).
pub fn code_for_status(svc: Svc, status: u16) -> &'static str {
    let win32 = matches!(svc, Svc::Api(Family::Win32));
    if svc == Svc::Blob {
        return match status {
            400 => "InvalidInput",
            403 => "AuthenticationFailed",
            404 => "BlobNotFound",
            409 => "LeaseAlreadyPresent",
            500 => "InternalError",
            503 => "ServerBusy",
            _ => "OperationTimedOut",
        };
    }
    if svc == Svc::Api(Family::Token) {
        return match status {
            400 => "invalid_request",
            401 => "invalid_client",
            429 => "temporarily_unavailable",
            _ => "server_error",
        };
    }
    match (status, win32) {
        (400, false) => "InvalidParameterValue",
        (400, true) => "badrequest",
        (401, false) => "Unauthorized",
        (401, true) => "unauthorized",
        (403, false) => "Forbidden",
        (403, true) => "forbidden",
        (404, false) => "ResourceNotFound",
        (404, true) => "notfound",
        (409, false) => "InvalidState",
        (409, true) => "conflict",
        (429, false) => "TooManyRequests",
        (429, true) => "toomanyrequests",
        (503, false) => "ServiceUnavailable",
        (503, true) => "serviceunavailable",
        (_, false) => "ServiceError",
        (_, true) => "internalservererror",
    }
}

/// An Azure storage error response (`<Error><Code>…`, `x-ms-error-code`).
pub fn storage_error(status: u16, code: &str, message: &str) -> Resp {
    storage_error_detail(status, code, message, None)
}

/// [`storage_error`] with an `AuthenticationErrorDetail` element (SAS refusals).
pub fn storage_error_detail(status: u16, code: &str, message: &str, detail: Option<&str>) -> Resp {
    let mut body = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>{code}</Code><Message>{}\nRequestId:{}</Message>",
        xml_escape(message),
        util::guid()
    );
    if let Some(d) = detail {
        body.push_str(&format!("<AuthenticationErrorDetail>{}</AuthenticationErrorDetail>", xml_escape(d)));
    }
    body.push_str("</Error>");
    Resp { status, headers: vec![("Content-Type".into(), "application/xml".into())], body: Bytes::from(body) }
        .with_header("x-ms-error-code", code)
}

/// Escapes text for an XML element.
pub fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// The win32 envelope of a failed call: `errors[]` with one item, `responseData` as given.
pub fn envelope_error(status: u16, code: &str, message: &str, target: &str, data: Value) -> Resp {
    envelope_errors(status, vec![json!({"code": code, "message": message, "target": target})], data)
}

/// The win32 envelope of a failed call with several error items.
pub fn envelope_errors(status: u16, errors: Vec<Value>, data: Value) -> Resp {
    Resp::json(status, &json!({"isSuccess": false, "errors": errors, "responseData": data}))
}
