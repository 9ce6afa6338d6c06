//! Blob responses to typed errors: storage error codes (`Crc64Mismatch`, `Authorization*Mismatch`, …),
//! and the SAS's own expiry for a refusal the service does not explain.

use super::responses::xml_text;
use super::sas::SasUrl;
use crate::error::{Error, ErrorKind, Result, ServerError};
use crate::http::retry_after_from_headers;
use crate::http::HttpResponse;

/// `Ok` for a 2xx response, else the typed error.
///
/// # Errors
/// [`error_from_response`].
pub fn check_response(resp: &HttpResponse) -> Result<()> {
    if resp.is_success() {
        Ok(())
    } else {
        Err(error_from_response(resp))
    }
}

/// The typed error of a failed blob response. The storage error code comes from `x-ms-error-code` or
/// the XML body's `<Code>`:
/// `Md5Mismatch`, `Crc64Mismatch`, `InvalidMd5`, `InvalidCrc64` → `checksum_mismatch`;
/// `AuthorizationPermissionMismatch` (and the other `Authorization*Mismatch` codes) → `sas_permission`;
/// `AuthenticationFailed` whose detail mentions expiry → `sas_expired`; the rest by HTTP status.
pub fn error_from_response(resp: &HttpResponse) -> Error {
    let body = String::from_utf8_lossy(&resp.body);
    let code = resp
        .header("x-ms-error-code")
        .map(str::to_string)
        .or_else(|| xml_text(&body, "Code").map(|c| c.trim().to_string()))
        .unwrap_or_default();
    let message =
        xml_text(&body, "Message").map(|m| m.lines().next().unwrap_or("").trim().to_string()).unwrap_or_default();
    let detail = xml_text(&body, "AuthenticationErrorDetail").unwrap_or("").trim().to_string();
    let kind = match code.as_str() {
        "Md5Mismatch" | "Crc64Mismatch" | "InvalidMd5" | "InvalidCrc64" => ErrorKind::ChecksumMismatch,
        "AuthorizationPermissionMismatch"
        | "AuthorizationResourceTypeMismatch"
        | "AuthorizationServiceMismatch"
        | "AuthorizationSourceIPMismatch"
        | "AuthorizationProtocolMismatch" => ErrorKind::SasPermission,
        "AuthenticationFailed" if detail.to_ascii_lowercase().contains("expir") => ErrorKind::SasExpired,
        _ => crate::http::kind_for_status(resp.status, &[]),
    };
    let mut text = format!("HTTP {}", resp.status);
    if !code.is_empty() {
        text.push_str(": ");
        text.push_str(&code);
    }
    if !message.is_empty() {
        text.push_str(": ");
        text.push_str(&message);
    }
    if !detail.is_empty() {
        text.push_str(&format!(" ({detail})"));
    }
    let mut e = Error::new(kind, text).with_status(resp.status);
    if !code.is_empty() {
        e = e.with_server_errors(vec![ServerError {
            code,
            message: crate::secret::redact_text(&message),
            target: None,
        }]);
    }
    if let Some(id) = resp.correlation_id() {
        e = e.with_correlation_id(id);
    }
    if let Some(d) = retry_after_from_headers(resp) {
        e = e.with_retry_after(d);
    }
    e
}

/// The typed error of a failed response to a request made with `sas`, at `now_unix`: as
/// [`error_from_response`], except that an authentication or authorisation failure (401/403 mapped to
/// `auth`/`forbidden`) while the SAS's `se` has passed is `sas_expired`. The service does not always
/// say why it refused (Azurite answers a bare `AuthorizationFailure`), but the client knows the expiry,
/// so a SAS that ran out in the middle of a long upload is reported as such.
pub fn sas_error_from_response(sas: &SasUrl, resp: &HttpResponse, now_unix: i64) -> Error {
    let e = error_from_response(resp);
    let expired = sas.expiry_unix().is_some_and(|se| now_unix >= se);
    if expired && matches!(e.kind(), ErrorKind::Forbidden | ErrorKind::Auth) {
        let mut x = Error::new(ErrorKind::SasExpired, format!("the upload URL has expired ({})", e.message()))
            .with_status(resp.status)
            .with_server_errors(e.server_errors().to_vec());
        if let Some(id) = e.correlation_id() {
            x = x.with_correlation_id(id);
        }
        return x;
    }
    e
}
