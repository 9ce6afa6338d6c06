//! The stable error catalogue.
//!
//! Every failure the core reports is an [`Error`] with an [`ErrorKind`]. A kind has a stable string code
//! (part of every binding's contract: Python exception classes, JS `err.code`, .NET numeric codes map from
//! it), an HTTP status when the server answered, a `retryable` flag, the server's correlation id and the
//! server's own error body. [`all_error_codes`] lists them so each binding can test that it maps all.
//!
//! # Error numbers
//! Each kind also has a stable number ([`ErrorKind::number`]), the code a C ABI (and .NET's numeric
//! codes) report. Numbers are part of the public contract: **never renumber a kind and never reuse a
//! number**, even of a kind that is removed; a new kind takes the next unused number. The numbers are
//! written once, in the `error_kinds!` table below, and pinned by the `error_numbers_are_pinned` test;
//! `surface/manifest.json` (`errors[].number`) publishes them to every binding.

use std::fmt;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::issue::Issue;
use crate::secret::redact_text;

macro_rules! error_kinds {
    ($( $(#[doc = $doc:literal])* $variant:ident = $code:literal, $number:literal, $retry:literal, $desc:literal; )*) => {
        /// What went wrong, as a stable category. New kinds may be added in minor releases.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum ErrorKind {
            $( $(#[doc = $doc])* $variant, )*
        }

        impl ErrorKind {
            /// Every kind, in catalogue order.
            pub const ALL: &'static [ErrorKind] = &[$(ErrorKind::$variant,)*];

            /// The stable string code (`"rate_limited"`, …).
            pub fn code(self) -> &'static str {
                match self { $(ErrorKind::$variant => $code,)* }
            }

            /// The stable number of the kind (see "Error numbers" in the module documentation).
            pub fn number(self) -> u32 {
                match self { $(ErrorKind::$variant => $number,)* }
            }

            /// The kind with the given stable number.
            pub fn from_number(number: u32) -> Option<ErrorKind> {
                match number { $($number => Some(ErrorKind::$variant),)* _ => None }
            }

            /// Whether an error of this kind is worth retrying by default (the HTTP method may still
            /// forbid a blind retry; see `policy::retry`).
            pub fn default_retryable(self) -> bool {
                match self { $(ErrorKind::$variant => $retry,)* }
            }

            /// The kind's documentation (its doc comment, lines trimmed and joined): what it means and which
            /// HTTP status or situation produces it. Bindings use it for their exception docs.
            pub fn doc(self) -> String {
                let text = match self { $(ErrorKind::$variant => concat!($($doc, "\n",)* ""),)* };
                text.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" ")
            }

            /// One-line description of the kind.
            pub fn description(self) -> &'static str {
                match self { $(ErrorKind::$variant => $desc,)* }
            }

            /// The kind with the given code.
            pub fn from_code(code: &str) -> Option<ErrorKind> {
                match code { $($code => Some(ErrorKind::$variant),)* _ => None }
            }
        }
    };
}

error_kinds! {
    /// A caller passed an argument the core cannot use (an empty id, a missing required argument).
    InvalidArgument = "invalid_argument", 1, false, "an argument passed to storesubmit is missing or malformed";
    /// Local validation found errors; the error carries the issues.
    Validation = "validation", 2, false, "the document breaks one or more Store rules (see issues)";
    /// The token service or the API rejected the credentials or the token (HTTP 401).
    Auth = "auth", 3, false, "authentication failed: bad client credentials or an invalid/expired token";
    /// The caller is authenticated but not allowed (HTTP 403).
    Forbidden = "forbidden", 4, false, "the account or token is not allowed to do this";
    /// The resource does not exist (HTTP 404).
    NotFound = "not_found", 5, false, "the app, product, submission or other resource was not found";
    /// The resource's state forbids the call, e.g. a pending submission already exists (HTTP 409).
    Conflict = "conflict", 6, false, "the resource's current state forbids this call (e.g. a pending submission exists)";
    /// An `If-Match` precondition failed: someone else changed the resource (HTTP 412).
    PreconditionFailed = "precondition_failed", 7, false, "the resource changed since it was read (ETag mismatch)";
    /// The server rejected the request as malformed (HTTP 400 or a win32 envelope with errors).
    BadRequest = "bad_request", 8, false, "the service rejected the request as invalid";
    /// Too many requests (HTTP 429); honour `retry_after`.
    RateLimited = "rate_limited", 9, true, "too many requests; retry after the indicated delay";
    /// The service is temporarily unavailable (HTTP 503).
    Unavailable = "unavailable", 10, true, "the service is temporarily unavailable";
    /// Any other server-side failure (HTTP 5xx).
    Server = "server", 11, true, "the service failed to process the request";
    /// The request timed out before a response arrived.
    Timeout = "timeout", 12, true, "the request timed out";
    /// The connection failed (DNS, TLS, reset).
    Transport = "transport", 13, true, "the connection to the service failed";
    /// The response could not be understood (not JSON, missing fields).
    InvalidResponse = "invalid_response", 14, false, "the service's response could not be parsed";
    /// Committing a submission failed (`CommitFailed` status).
    CommitFailed = "commit_failed", 15, false, "the submission's commit failed (see server errors, e.g. MissingFiles)";
    /// The submission failed certification, pre-processing or publishing.
    SubmissionFailed = "submission_failed", 16, false, "the submission failed certification, processing or publishing";
    /// The SAS URL has expired (checked before any byte is sent).
    SasExpired = "sas_expired", 17, false, "the upload URL's shared access signature has expired";
    /// The SAS URL does not grant the permission needed (e.g. read-only).
    SasPermission = "sas_permission", 18, false, "the upload URL's shared access signature lacks a needed permission";
    /// The blob service detected corrupted data (CRC64/MD5 mismatch).
    ChecksumMismatch = "checksum_mismatch", 19, true, "uploaded data failed the service's checksum check";
    /// Files the submission names are absent from the package or folder.
    MissingFiles = "missing_files", 20, false, "files named by the submission are missing";
    /// The archive is malformed or a path in it is unsafe.
    InvalidArchive = "invalid_archive", 21, false, "the ZIP archive is malformed or holds an unsafe path";
    /// Reading or writing a local file failed.
    Io = "io", 22, false, "reading or writing a local file failed";
    /// The workflow's total deadline passed.
    DeadlineExceeded = "deadline_exceeded", 23, false, "the workflow's deadline passed before it finished";
    /// The operation was cancelled by the caller.
    Cancelled = "cancelled", 24, false, "the operation was cancelled";
    /// The configuration is unsafe or unsupported (e.g. plain http to a non-loopback host).
    Unsupported = "unsupported", 25, false, "the requested configuration is not supported";
    /// An answer was larger than the core accepts for its kind (API JSON, blob XML, token; the limits
    /// `response.*.bytes.max`): refused as it streams in, never held whole in memory.
    ResponseTooLarge = "response_too_large", 26, false, "the service's answer was larger than the limit for its kind";
}

/// One error item as the server reported it: devcenter `{code, message, target}`, win32 `errors[]`,
/// AAD `{error, error_description}`, ingestion `{error: {code, message}}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ServerError {
    /// The server's error code (e.g. `InvalidParameterValue`, `MissingFiles`, `invalid_client`).
    pub code: String,
    /// The server's message (secrets redacted).
    pub message: String,
    /// The field or resource the server blamed, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
}

/// The request an error is about: what every surface shows so a failure names what it was calling.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestRef {
    /// The operation id (`devcenter.get_app`, `token.devcenter`, `put_block`, …).
    pub op: String,
    /// The HTTP method.
    pub method: String,
    /// The URL with secrets (SAS signatures) removed.
    pub url: String,
}

impl fmt::Display for RequestRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.method, self.url)
    }
}

/// The error type of every fallible storesubmit call.
#[derive(Clone, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    message: String,
    status: Option<u16>,
    retryable: bool,
    retry_after: Option<Duration>,
    server_errors: Vec<ServerError>,
    issues: Vec<Issue>,
    /// What an error carries about its circumstances (boxed: most errors have none).
    context: Option<Box<Context>>,
}

/// The service's correlation id, the request an error is about and the resume token of the run it stopped.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Context {
    correlation_id: Option<String>,
    request: Option<RequestRef>,
    resume_token: Option<String>,
}

/// `Result` with storesubmit's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// An error of a kind with a message. The message is scrubbed of secrets.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: redact_text(&message.into()),
            status: None,
            retryable: kind.default_retryable(),
            retry_after: None,
            server_errors: Vec::new(),
            issues: Vec::new(),
            context: None,
        }
    }

    /// An `invalid_argument` error naming the argument and the rule.
    pub fn invalid_argument(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::InvalidArgument, message)
    }

    /// An `invalid_response` error.
    pub fn invalid_response(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::InvalidResponse, message)
    }

    /// A `validation` error carrying the issues found (only error-severity issues make it fail).
    pub fn validation(issues: Vec<Issue>) -> Self {
        let errors: Vec<&Issue> = issues.iter().filter(|i| i.is_error()).collect();
        let mut message = format!("{} validation error(s)", errors.len());
        if let Some(first) = errors.first() {
            message.push_str(&format!("; first: {first}"));
        }
        let mut e = Error::new(ErrorKind::Validation, message);
        e.issues = issues;
        e
    }

    /// Sets the HTTP status (builder style).
    pub fn with_status(mut self, status: u16) -> Self {
        self.status = Some(status);
        self
    }

    /// Overrides whether the error is retryable.
    pub fn with_retryable(mut self, retryable: bool) -> Self {
        self.retryable = retryable;
        self
    }

    /// Sets the server-requested delay before a retry.
    pub fn with_retry_after(mut self, delay: Duration) -> Self {
        self.retry_after = Some(delay);
        self
    }

    /// Sets the correlation id.
    pub fn with_correlation_id(mut self, id: impl Into<String>) -> Self {
        self.context.get_or_insert_with(Box::default).correlation_id = Some(id.into());
        self
    }

    /// Adds server error items.
    pub fn with_server_errors(mut self, errors: Vec<ServerError>) -> Self {
        self.server_errors = errors;
        self
    }

    /// Attaches local validation issues (builder style): e.g. a `missing_files` error found by the
    /// pre-flight files check carries the issues naming each missing file.
    pub fn with_issues(mut self, issues: Vec<Issue>) -> Self {
        self.issues = issues;
        self
    }

    /// Names the request the error is about (kept when one is named already: the first is the cause).
    /// The URL is redacted here.
    pub fn with_request(mut self, op: impl Into<String>, method: &str, url: &str) -> Self {
        let c = self.context.get_or_insert_with(Box::default);
        if c.request.is_none() {
            c.request =
                Some(RequestRef { op: op.into(), method: method.to_string(), url: crate::secret::redact_url(url) });
        }
        self
    }

    /// Attaches the resume token (its string form) of the workflow the error stopped, when it can
    /// continue: every surface hands it to the user with the error.
    pub fn with_resume_token(mut self, token: Option<impl Into<String>>) -> Self {
        if let Some(t) = token {
            self.context.get_or_insert_with(Box::default).resume_token = Some(t.into());
        }
        self
    }

    /// The request the error is about, when it came from one.
    pub fn request(&self) -> Option<&RequestRef> {
        self.context.as_ref().and_then(|c| c.request.as_ref())
    }

    /// The resume token (string form) of the workflow this error stopped, when it can continue.
    pub fn resume_token(&self) -> Option<&str> {
        self.context.as_ref().and_then(|c| c.resume_token.as_deref())
    }

    /// The kind.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The stable code of the kind.
    pub fn code(&self) -> &'static str {
        self.kind.code()
    }

    /// The message (secrets already removed).
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The HTTP status when the server answered.
    pub fn status(&self) -> Option<u16> {
        self.status
    }

    /// Whether retrying may succeed (for idempotent calls; see `policy::retry` for POST).
    pub fn is_retryable(&self) -> bool {
        self.retryable
    }

    /// The delay the server asked for (`Retry-After`, `retry-after-ms`, `x-ms-retry-after-ms`).
    pub fn retry_after(&self) -> Option<Duration> {
        self.retry_after
    }

    /// The server's correlation id, for support requests.
    pub fn correlation_id(&self) -> Option<&str> {
        self.context.as_ref().and_then(|c| c.correlation_id.as_deref())
    }

    /// The server's own error items.
    pub fn server_errors(&self) -> &[ServerError] {
        &self.server_errors
    }

    /// Validation issues (for `validation` errors).
    pub fn issues(&self) -> &[Issue] {
        &self.issues
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind.code(), self.message)?;
        match (self.request(), self.correlation_id()) {
            (Some(r), Some(id)) => write!(f, " ({r}; correlation id {id})"),
            (Some(r), None) => write!(f, " ({r})"),
            (None, Some(id)) => write!(f, " (correlation id {id})"),
            (None, None) => Ok(()),
        }
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("code", &self.kind.code())
            .field("message", &self.message)
            .field("status", &self.status)
            .field("retryable", &self.retryable)
            .field("retry_after", &self.retry_after)
            .field("correlation_id", &self.correlation_id())
            .field("server_errors", &self.server_errors)
            .field("issues", &self.issues)
            .field("request", &self.request())
            .field("resumable", &self.resume_token().is_some())
            .finish()
    }
}

impl std::error::Error for Error {}

impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Self {
        Error::invalid_response(format!("JSON: {e}"))
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        let kind = match e.kind() {
            std::io::ErrorKind::TimedOut => ErrorKind::Timeout,
            std::io::ErrorKind::ConnectionReset
            | std::io::ErrorKind::ConnectionAborted
            | std::io::ErrorKind::ConnectionRefused
            | std::io::ErrorKind::BrokenPipe
            | std::io::ErrorKind::UnexpectedEof => ErrorKind::Transport,
            _ => ErrorKind::Io,
        };
        Error::new(kind, e.to_string())
    }
}

impl ErrorKind {
    /// The HTTP status that a server answer maps to this kind, for the kinds a status maps to
    /// ([`crate::http::kind_for_status`]); `None` for kinds found locally (validation, SAS checks, I/O, …).
    pub fn http_status(self) -> Option<u16> {
        Some(match self {
            ErrorKind::BadRequest => 400,
            ErrorKind::Auth => 401,
            ErrorKind::Forbidden => 403,
            ErrorKind::NotFound => 404,
            ErrorKind::Timeout => 408,
            ErrorKind::Conflict => 409,
            ErrorKind::PreconditionFailed => 412,
            ErrorKind::RateLimited => 429,
            ErrorKind::Server => 500,
            ErrorKind::Unavailable => 503,
            _ => return None,
        })
    }
}

/// One entry of the catalogue: code, stable number, whether retryable by default, description.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct ErrorCodeInfo {
    /// Stable code.
    pub code: &'static str,
    /// Stable number ([`ErrorKind::number`]).
    pub number: u32,
    /// Default retryability.
    pub retryable: bool,
    /// One-line description.
    pub description: &'static str,
}

/// Every error code with its default retryability and description. Bindings test that they map each.
pub fn all_error_codes() -> Vec<ErrorCodeInfo> {
    ErrorKind::ALL
        .iter()
        .map(|k| ErrorCodeInfo {
            code: k.code(),
            number: k.number(),
            retryable: k.default_retryable(),
            description: k.description(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::{kind_for_status, HttpResponse};

    #[test]
    fn codes_are_unique_and_round_trip() {
        let codes = all_error_codes();
        let mut seen = std::collections::HashSet::new();
        for c in &codes {
            assert!(seen.insert(c.code), "duplicate code {}", c.code);
            assert_eq!(ErrorKind::from_code(c.code).unwrap().code(), c.code);
        }
    }

    #[test]
    fn numbers_are_unique_nonzero_and_round_trip() {
        let mut seen = std::collections::HashSet::new();
        for k in ErrorKind::ALL {
            assert!(k.number() > 0, "{} has number 0", k.code());
            assert!(seen.insert(k.number()), "duplicate number {}", k.number());
            assert_eq!(ErrorKind::from_number(k.number()), Some(*k));
        }
        assert_eq!(ErrorKind::from_number(0), None);
    }

    /// The numbers are a public contract (C ABI, .NET): this table may only grow. A failure here means a
    /// kind was renumbered or removed — undo that; give a new kind the next unused number instead.
    #[test]
    fn error_numbers_are_pinned() {
        let pinned: &[(&str, u32)] = &[
            ("invalid_argument", 1),
            ("validation", 2),
            ("auth", 3),
            ("forbidden", 4),
            ("not_found", 5),
            ("conflict", 6),
            ("precondition_failed", 7),
            ("bad_request", 8),
            ("rate_limited", 9),
            ("unavailable", 10),
            ("server", 11),
            ("timeout", 12),
            ("transport", 13),
            ("invalid_response", 14),
            ("commit_failed", 15),
            ("submission_failed", 16),
            ("sas_expired", 17),
            ("sas_permission", 18),
            ("checksum_mismatch", 19),
            ("missing_files", 20),
            ("invalid_archive", 21),
            ("io", 22),
            ("deadline_exceeded", 23),
            ("cancelled", 24),
            ("unsupported", 25),
            ("response_too_large", 26),
        ];
        for (code, number) in pinned {
            let kind = ErrorKind::from_code(code).unwrap_or_else(|| panic!("kind `{code}` was removed"));
            assert_eq!(kind.number(), *number, "`{code}` was renumbered");
        }
        assert_eq!(ErrorKind::ALL.len(), pinned.len(), "a new kind: add it (with its new number) to this table");
    }

    #[test]
    fn http_status_maps_back_to_its_kind() {
        for k in ErrorKind::ALL {
            if let Some(status) = k.http_status() {
                assert_eq!(kind_for_status(status, &[]), *k, "{}", k.code());
            }
        }
    }

    #[test]
    fn devcenter_error_body() {
        let resp = HttpResponse::json(
            409,
            &serde_json::json!({"code":"InvalidState","message":"A pending submission exists","target":"applicationSubmission"}),
        )
        .with_header("X-Correlation-ID", "abc-123");
        let e = Error::from_response(&resp);
        assert_eq!(e.kind(), ErrorKind::Conflict);
        assert_eq!(e.status(), Some(409));
        assert_eq!(e.correlation_id(), Some("abc-123"));
        assert_eq!(e.server_errors()[0].target.as_deref(), Some("applicationSubmission"));
        assert!(!e.is_retryable());
    }

    #[test]
    fn win32_envelope_and_retry_after() {
        let resp = HttpResponse::json(
            429,
            &serde_json::json!({"isSuccess":false,"errors":[{"code":"TooMany","message":"slow down","target":"x"}]}),
        )
        .with_header("Retry-After", "7");
        let e = Error::from_response(&resp);
        assert_eq!(e.kind(), ErrorKind::RateLimited);
        assert_eq!(e.retry_after(), Some(Duration::from_secs(7)));
        assert!(e.is_retryable());
        let resp = HttpResponse::new(503, "").with_header("retry-after-ms", "1500");
        assert_eq!(Error::from_response(&resp).retry_after(), Some(Duration::from_millis(1500)));
    }

    #[test]
    fn aad_error_is_auth_and_redacted() {
        let resp = HttpResponse::json(
            401,
            &serde_json::json!({"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided: client_secret=topsecret"}),
        );
        let e = Error::from_response(&resp);
        assert_eq!(e.kind(), ErrorKind::Auth);
        assert!(!format!("{e} {e:?}").contains("topsecret"));
    }
}
