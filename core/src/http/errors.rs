//! Errors read from HTTP responses: the error kind of a status, the server's own error items in every body
//! shape of the three families and of Azure AD, and the retry-after headers. Kept beside the HTTP types
//! (not in [`crate::error`]) so the error catalogue depends on nothing but itself.

use std::time::Duration;

use super::HttpResponse;
use crate::error::{Error, ErrorKind, ServerError};
use crate::secret::redact_text;

impl Error {
    /// Builds the error for a non-success response, or for a success status whose body reports failure
    /// (the win32 envelope with `isSuccess: false`). Understands every error body shape of the three
    /// families and of Azure AD, the correlation-id headers and the retry-after headers.
    pub fn from_response(resp: &HttpResponse) -> Self {
        let server_errors = parse_server_errors(&resp.body);
        let kind = kind_for_status(resp.status, &server_errors);
        let mut message = match server_errors.first() {
            Some(e) if !e.message.is_empty() => format!("HTTP {}: {}: {}", resp.status, e.code, e.message),
            Some(e) => format!("HTTP {}: {}", resp.status, e.code),
            None => {
                let text = String::from_utf8_lossy(&resp.body);
                let text = text.trim();
                if text.is_empty() {
                    format!("HTTP {}", resp.status)
                } else {
                    let short: String = text.chars().take(300).collect();
                    format!("HTTP {}: {short}", resp.status)
                }
            }
        };
        if server_errors.len() > 1 {
            message.push_str(&format!(" (and {} more)", server_errors.len() - 1));
        }
        if let Some(to) = resp.header("Location").filter(|_| (300..400).contains(&resp.status)) {
            // Redirects are never followed (they could carry the token elsewhere): say where it pointed.
            message.push_str(&format!(
                " (a redirect to {}, not followed: check the service URL)",
                crate::secret::redact_url(to.trim())
            ));
        }
        let mut e = Error::new(kind, message).with_status(resp.status).with_server_errors(
            server_errors.into_iter().map(|s| ServerError { message: redact_text(&s.message), ..s }).collect(),
        );
        if let Some(id) = resp.correlation_id() {
            e = e.with_correlation_id(id);
        }
        if let Some(d) = retry_after_from_headers(resp) {
            e = e.with_retry_after(d);
        }
        e
    }
}

/// The error kind for an HTTP status (and, for 400/401, the server's code).
pub fn kind_for_status(status: u16, server_errors: &[ServerError]) -> ErrorKind {
    match status {
        400 | 422 => {
            if server_errors.iter().any(|e| e.code.eq_ignore_ascii_case("invalid_client")) {
                ErrorKind::Auth
            } else {
                ErrorKind::BadRequest
            }
        }
        401 => ErrorKind::Auth,
        403 => ErrorKind::Forbidden,
        404 => ErrorKind::NotFound,
        408 => ErrorKind::Timeout,
        409 => ErrorKind::Conflict,
        412 => ErrorKind::PreconditionFailed,
        429 => ErrorKind::RateLimited,
        503 => ErrorKind::Unavailable,
        500..=599 => ErrorKind::Server,
        // A 2xx with a failure body: the win32 envelope.
        200..=299 => ErrorKind::BadRequest,
        _ => ErrorKind::InvalidResponse,
    }
}

/// The delay a response asks for: `retry-after-ms` / `x-ms-retry-after-ms` (milliseconds), or
/// `Retry-After` as delay-seconds or as an HTTP-date (IMF-fixdate, `Sun, 06 Nov 1994 08:49:37 GMT`, as
/// azure-core honours it). A date is read relative to the response's own `Date` header (the server's
/// clock, so the client's clock skew does not matter); without a `Date` header a date cannot be turned
/// into a delay here and the retry policy's backoff applies. A date in the past means "now" (zero).
pub fn retry_after_from_headers(resp: &HttpResponse) -> Option<Duration> {
    for h in ["retry-after-ms", "x-ms-retry-after-ms"] {
        if let Some(ms) = resp.header(h).and_then(|v| v.trim().parse::<f64>().ok()) {
            if ms.is_finite() && ms >= 0.0 {
                return Some(Duration::from_millis(ms as u64));
            }
        }
    }
    let value = resp.header("Retry-After")?.trim();
    if let Some(secs) = value.parse::<f64>().ok().filter(|s| s.is_finite() && *s >= 0.0) {
        return Some(Duration::try_from_secs_f64(secs).unwrap_or(Duration::MAX));
    }
    let imf = time::macros::format_description!(
        "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT"
    );
    let parse = |v: &str| time::PrimitiveDateTime::parse(v.trim(), imf).ok().map(|t| t.assume_utc());
    let (at, now) = (parse(value)?, parse(resp.header("Date")?)?);
    let delta = (at - now).whole_seconds();
    Some(Duration::from_secs(u64::try_from(delta).unwrap_or(0)))
}

fn str_field<'a>(v: &'a serde_json::Value, keys: &[&str]) -> Option<&'a str> {
    keys.iter().find_map(|k| v.get(*k).and_then(|x| x.as_str()))
}

fn server_error_from(v: &serde_json::Value) -> Option<ServerError> {
    let code = str_field(v, &["code", "Code", "error"])?;
    Some(ServerError {
        code: code.to_string(),
        message: str_field(v, &["message", "Message", "error_description", "details"]).unwrap_or("").to_string(),
        target: str_field(v, &["target", "Target"]).map(str::to_string),
    })
}

/// Reads the server's error items from any of the documented body shapes.
pub fn parse_server_errors(body: &[u8]) -> Vec<ServerError> {
    let Ok(v) = serde_json::from_slice::<serde_json::Value>(body) else { return Vec::new() };
    // win32 envelope: {isSuccess, errors: [{code, message, target}]}
    if let Some(errors) = v.get("errors").and_then(|e| e.as_array()) {
        return errors.iter().filter_map(server_error_from).collect();
    }
    // ingestion / OData: {error: {code, message}}
    if let Some(inner) = v.get("error").filter(|e| e.is_object()) {
        return server_error_from(inner).into_iter().collect();
    }
    // devcenter {code, message, target} or AAD {error, error_description}
    server_error_from(&v).into_iter().collect()
}
