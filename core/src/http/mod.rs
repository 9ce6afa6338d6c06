//! The only types a transport ever sees.
//!
//! The core never opens a socket. It produces [`HttpRequest`]s and consumes [`HttpResponse`]s; a host
//! (the bundled reqwest transport, Python's `requests`, Node's `fetch`, .NET's `HttpClient`, the browser)
//! carries them. Keeping these types plain (strings and bytes) is what lets every binding map them 1:1.

use std::fmt;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind, Result};
use crate::secret::redact_url;

mod errors;

pub use errors::{kind_for_status, parse_server_errors, retry_after_from_headers};

/// HTTP method of a request. Only the methods the Store APIs use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Method {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `PUT`
    Put,
    /// `PATCH`
    Patch,
    /// `DELETE`
    Delete,
    /// `HEAD`
    Head,
}

impl Method {
    /// The method as it appears on the wire (`"GET"`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
            Method::Head => "HEAD",
        }
    }

    /// Parses a method name case-insensitively; `None` for methods the Store APIs never use.
    pub fn parse(s: &str) -> Option<Method> {
        Some(match s.to_ascii_uppercase().as_str() {
            "GET" => Method::Get,
            "POST" => Method::Post,
            "PUT" => Method::Put,
            "PATCH" => Method::Patch,
            "DELETE" => Method::Delete,
            "HEAD" => Method::Head,
            _ => return None,
        })
    }

    /// Whether repeating the request cannot cause a second effect (RFC 9110 §9.2.2). POST is not
    /// idempotent: a POST that failed ambiguously must be checked, never blindly retried.
    pub fn is_idempotent(self) -> bool {
        !matches!(self, Method::Post | Method::Patch)
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Header names whose values are secrets and are never displayed.
const SECRET_HEADERS: &[&str] = &["authorization", "x-ms-copy-source-authorization", "proxy-authorization"];

/// Whether a header carries a secret (its value is never printed).
pub fn is_secret_header(name: &str) -> bool {
    SECRET_HEADERS.iter().any(|h| h.eq_ignore_ascii_case(name))
}

/// A request for a transport to send. Built by the core's request builders; executed by a host.
///
/// `Debug` redacts the `Authorization` header, SAS signatures in the URL and form-encoded secrets in
/// the body, so a request can be logged safely.
#[derive(Clone, PartialEq, Eq)]
pub struct HttpRequest {
    /// HTTP method.
    pub method: Method,
    /// Absolute URL, query string included.
    pub url: String,
    /// Headers in the order they are to be sent. Names are as the Store documents them.
    pub headers: Vec<(String, String)>,
    /// Request body; empty for none.
    pub body: Vec<u8>,
    /// How long the transport may wait for the whole response; `None` leaves it to the transport.
    pub timeout: Option<Duration>,
    /// The most bytes of response body the core accepts for this request (its kind's limit,
    /// `response.*.bytes.max`): a transport stops reading past it and fails with `response_too_large`.
    pub max_response_bytes: u64,
}

/// The error of an answer longer than its request accepts (`response_too_large`), the same whichever
/// transport saw it: `seen` is what it saw (the declared length, or "more than" the bytes read so far).
pub fn response_too_large(seen: &str, max: u64) -> crate::error::Error {
    crate::error::Error::new(
        crate::error::ErrorKind::ResponseTooLarge,
        format!("the answer holds {seen} bytes, more than the {max} this request accepts; it was not read"),
    )
}

impl HttpRequest {
    /// A request with no headers, no body and no timeout.
    pub fn new(method: Method, url: impl Into<String>) -> Self {
        HttpRequest {
            method,
            url: url.into(),
            headers: Vec::new(),
            body: Vec::new(),
            timeout: None,
            max_response_bytes: crate::data::limits::RESPONSE_API_MAX_BYTES,
        }
    }

    /// Adds a header (builder style).
    pub fn with_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Sets a JSON body and the matching `Content-Type`.
    pub fn with_json(mut self, value: &serde_json::Value) -> Self {
        self.body = serde_json::to_vec(value).expect("a serde_json::Value always serialises");
        self.set_header("Content-Type", "application/json");
        self
    }

    /// Sets the per-request timeout.
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Replaces (or adds) a header, matching the name case-insensitively.
    pub fn set_header(&mut self, name: &str, value: impl Into<String>) {
        let value = value.into();
        if let Some(h) = self.headers.iter_mut().find(|(n, _)| n.eq_ignore_ascii_case(name)) {
            h.1 = value;
        } else {
            self.headers.push((name.to_string(), value));
        }
    }

    /// The first value of a header, matched case-insensitively.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// Adds `Authorization: Bearer <token>`. Every Store API call needs it; token requests and SAS
    /// blob requests do not.
    pub fn authorize(&mut self, access_token: &crate::secret::Secret) {
        self.set_header("Authorization", format!("Bearer {}", access_token.expose()));
    }

    /// The body parsed as JSON, if it is JSON.
    pub fn json_body(&self) -> Option<serde_json::Value> {
        if self.body.is_empty() {
            return None;
        }
        serde_json::from_slice(&self.body).ok()
    }
}

impl fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("url", &redact_url(&self.url))
            .field("headers", &RedactedHeaders(&self.headers))
            .field("body", &RedactedBody(&self.body))
            .field("timeout", &self.timeout)
            .field("max_response_bytes", &self.max_response_bytes)
            .finish()
    }
}

/// A response as the transport received it.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct HttpResponse {
    /// HTTP status code.
    pub status: u16,
    /// Response headers.
    pub headers: Vec<(String, String)>,
    /// Response body.
    pub body: Vec<u8>,
}

impl HttpResponse {
    /// A response with the given status and body and no headers.
    pub fn new(status: u16, body: impl Into<Vec<u8>>) -> Self {
        HttpResponse { status, headers: Vec::new(), body: body.into() }
    }

    /// A response with a JSON body.
    pub fn json(status: u16, value: &serde_json::Value) -> Self {
        HttpResponse::new(status, serde_json::to_vec(value).expect("a serde_json::Value always serialises"))
            .with_header("Content-Type", "application/json")
    }

    /// Adds a header (builder style).
    pub fn with_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// The first value of a header, matched case-insensitively.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// Whether the status is 2xx.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// The server's correlation id, from whichever header the service uses.
    pub fn correlation_id(&self) -> Option<&str> {
        ["X-Correlation-ID", "MS-CorrelationId", "x-ms-request-id", "client-request-id"]
            .iter()
            .find_map(|h| self.header(h))
    }
}

impl fmt::Debug for HttpResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpResponse")
            .field("status", &self.status)
            .field("headers", &RedactedHeaders(&self.headers))
            .field("body", &RedactedBody(&self.body))
            .finish()
    }
}

struct RedactedHeaders<'a>(&'a [(String, String)]);

impl fmt::Debug for RedactedHeaders<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut m = f.debug_list();
        for (n, v) in self.0 {
            if is_secret_header(n) {
                m.entry(&format_args!("{n}: <redacted>"));
            } else {
                m.entry(&format_args!("{n}: {}", crate::secret::redact_text(v)));
            }
        }
        m.finish()
    }
}

struct RedactedBody<'a>(&'a [u8]);

impl fmt::Debug for RedactedBody<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match std::str::from_utf8(self.0) {
            Ok(s) if s.len() <= 4096 => write!(f, "{:?}", crate::secret::redact_text(s)),
            Ok(s) => write!(f, "<{} bytes of text>", s.len()),
            Err(_) => write!(f, "<{} bytes>", self.0.len()),
        }
    }
}

/// Whether a URL may be used: `https`, or `http` to a loopback host (`localhost`, `127.0.0.0/8`, `[::1]`).
///
/// # Errors
/// `unsupported` for plain `http` to any other host or another scheme: a bearer token must never travel
/// unencrypted over a network.
pub fn check_url_scheme(url: &str) -> Result<()> {
    let lower = url.to_ascii_lowercase();
    if lower.starts_with("https://") {
        return Ok(());
    }
    if let Some(rest) = lower.strip_prefix("http://") {
        let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
        let host_port = authority.rsplit('@').next().unwrap_or("");
        let host = if let Some(v6) = host_port.strip_prefix('[') {
            v6.split(']').next().unwrap_or("")
        } else {
            host_port.split(':').next().unwrap_or("")
        };
        let loopback =
            host == "localhost" || host == "::1" || host.parse::<std::net::Ipv4Addr>().is_ok_and(|ip| ip.is_loopback());
        // Azure's instance metadata service (managed identity) is plain http to a link-local address that
        // never leaves the machine.
        let metadata = host == "169.254.169.254";
        if loopback || metadata {
            return Ok(());
        }
        return Err(Error::new(
            ErrorKind::Unsupported,
            format!("plain http is only allowed to loopback hosts, not `{host}`: use https ({})", redact_url(url)),
        ));
    }
    Err(Error::new(ErrorKind::Unsupported, format!("unsupported URL scheme in {}", redact_url(url))))
}
