//! Secrets that never print.
//!
//! Client secrets, access tokens and SAS signatures must not appear in Debug, Display, logs or errors in
//! any language (DESIGN principle 6). [`Secret`] wraps such a value; [`redact_url`] and [`redact_text`]
//! scrub text that may embed one (a SAS URL, a form body, a JSON token response) before it is shown.
//!
//! Patterns (`Bearer x`, `sig=`, `client_secret=`) are not enough: a proxy or gateway may echo a token or
//! the client secret anywhere in an error body. So every secret value the process holds is also
//! registered ([`remember`]: every [`Secret`] made, every SAS signature parsed) and [`redact_text`] removes
//! each of them, wherever it stands, from every error, log line, summary and exception text.

use std::fmt;
use std::time::Duration;

/// How long before expiry a cached token is replaced.
pub const REFRESH_MARGIN: Duration = Duration::from_secs(5 * 60);

/// What a redacted value is replaced with.
pub const REDACTED: &str = "<redacted>";

/// A secret string: its `Debug` and `Display` print `<redacted>`; [`Secret::expose`] is the one way out.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value, and registers it for redaction by value ([`remember`]).
    pub fn new(value: impl Into<String>) -> Self {
        let value = value.into();
        remember(&value);
        Secret(value)
    }

    /// The secret itself, for the one place that must send it (a form body, an `Authorization` header).
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Whether the secret is empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl From<String> for Secret {
    fn from(s: String) -> Self {
        Secret::new(s)
    }
}

impl From<&str> for Secret {
    fn from(s: &str) -> Self {
        Secret::new(s)
    }
}

/// The shortest value registered for redaction by value: shorter ones would blank out ordinary words.
pub const MIN_REMEMBERED_LEN: usize = 8;

/// The most values remembered (the oldest are forgotten first).
const MAX_REMEMBERED: usize = 256;

/// The values registered for redaction: longest first (for [`redact_remembered`]), and in the order they
/// came with a sequence number (for [`remembered_after`]).
struct Remembered {
    longest_first: Vec<String>,
    in_order: std::collections::VecDeque<(u64, String)>,
    count: u64,
}

static REMEMBERED: std::sync::RwLock<Remembered> = std::sync::RwLock::new(Remembered {
    longest_first: Vec::new(),
    in_order: std::collections::VecDeque::new(),
    count: 0,
});

/// Registers a secret value (and its percent-encoded form, as a form body echo would write it) so that
/// [`redact_text`] removes it wherever it appears. Values shorter than [`MIN_REMEMBERED_LEN`] are ignored.
pub fn remember(value: &str) {
    let value = value.trim();
    if value.chars().count() < MIN_REMEMBERED_LEN {
        return;
    }
    let encoded = |v: &str| percent_encoding::utf8_percent_encode(v, percent_encoding::NON_ALPHANUMERIC).to_string();
    let mut set = REMEMBERED.write().unwrap_or_else(|p| p.into_inner());
    if set.in_order.iter().any(|(_, v)| v == value) {
        return;
    }
    if set.in_order.len() >= MAX_REMEMBERED {
        // The oldest is forgotten first: tokens are replaced every hour.
        if let Some((_, old)) = set.in_order.pop_front() {
            let old_encoded = encoded(&old);
            set.longest_first.retain(|v| *v != old && *v != old_encoded);
        }
    }
    set.count += 1;
    let n = set.count;
    set.in_order.push_back((n, value.to_string()));
    for v in [value.to_string(), encoded(value)] {
        if !set.longest_first.contains(&v) {
            set.longest_first.push(v);
        }
    }
    // Longest first, so a value that contains another is removed whole.
    set.longest_first.sort_by_key(|v| std::cmp::Reverse(v.len()));
}

/// The secret values registered after the `after`-th one (0: all still kept), and the number to pass next
/// time. For a CI host that masks values in its runner's log (GitHub Actions' `::add-mask::`, Azure
/// Pipelines' `task.setsecret`) the moment the process holds them: new access tokens, SAS signatures.
pub fn remembered_after(after: u64) -> (Vec<String>, u64) {
    let set = REMEMBERED.read().unwrap_or_else(|p| p.into_inner());
    let values = set.in_order.iter().filter(|(n, _)| *n > after).map(|(_, v)| v.clone()).collect();
    (values, set.count)
}

/// What kind of secret a string looks like by its shape alone, for values found under keys that do not
/// name a credential (an imported configuration's `bearer`, `auth`, or any other key): a JWT (`eyJ…` with
/// three base64url parts), a long hexadecimal key, an Azure AD client secret (with `~`), or a base64 key.
/// At least 32 characters with no space; letters and digits mixed for the last two, so that file names and
/// identifiers (words joined by `_`, `-` or `.`) are not taken for keys.
pub fn secret_shape(value: &str) -> Option<&'static str> {
    let v = value.trim();
    if v.chars().count() < 32 || v.chars().any(char::is_whitespace) {
        return None;
    }
    let b64url = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    let parts: Vec<&str> = v.split('.').collect();
    if v.starts_with("eyJ") && parts.len() == 3 && b64url(parts[0]) && b64url(parts[1]) {
        return Some("a JWT");
    }
    if v.chars().all(|c| c.is_ascii_hexdigit()) {
        return Some("a long hexadecimal key");
    }
    let upper = v.chars().any(|c| c.is_ascii_uppercase());
    let lower = v.chars().any(|c| c.is_ascii_lowercase());
    let digits = v.chars().filter(char::is_ascii_digit).count();
    if !(upper && lower && digits > 0) {
        return None;
    }
    let only = |extra: &str| v.chars().all(|c| c.is_ascii_alphanumeric() || extra.contains(c));
    if v.contains('~') && only("~._-") {
        return Some("an Azure AD client secret");
    }
    let padded_or_signed = v.contains('+') || v.ends_with('=') || (v.contains('/') && digits >= 4);
    let one_run = !v.contains('_') && !v.contains('-') && digits >= 4;
    if only("+/=_-") && (padded_or_signed || one_run) {
        return Some("a base64 key");
    }
    None
}

/// Removes every remembered secret value from `text`.
fn redact_remembered(text: &str) -> String {
    let set = REMEMBERED.read().unwrap_or_else(|p| p.into_inner());
    let mut out = std::borrow::Cow::Borrowed(text);
    for v in set.longest_first.iter() {
        if out.contains(v.as_str()) {
            out = std::borrow::Cow::Owned(out.replace(v.as_str(), REDACTED));
        }
    }
    out.into_owned()
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Secret({REDACTED})")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

/// Query or form keys whose values are secrets.
const SECRET_KEYS: &[&str] = &["sig", "client_secret", "access_token", "refresh_token", "client_assertion", "code"];

/// JSON keys whose string values are secrets (tokens; the ingestion API's lead-configuration and
/// test-drive credentials).
const SECRET_JSON_KEYS: &[&str] = &[
    "access_token",
    "refresh_token",
    "client_secret",
    "clientSecret",
    "accessToken",
    "token",
    "password",
    "connectionString",
    "applicationKey",
    "azureActiveDirectoryApplicationKey",
];

/// A URL with every secret query value (`sig`, `client_secret`, …) replaced by `<redacted>`.
///
/// Used wherever a SAS URL (`fileUploadUrl`, `fileSasUri`, asset upload URLs) is displayed.
pub fn redact_url(url: &str) -> String {
    match url.split_once('?') {
        None => url.to_string(),
        Some((base, query)) => format!("{base}?{}", redact_pairs(query)),
    }
}

fn redact_pairs(query: &str) -> String {
    query
        .split('&')
        .map(|pair| match pair.split_once('=') {
            Some((k, _)) if SECRET_KEYS.iter().any(|s| s.eq_ignore_ascii_case(k.trim())) => {
                format!("{k}={REDACTED}")
            }
            _ => pair.to_string(),
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// A JSON document with every secret removed: string values of token/secret keys are replaced by
/// `<redacted>` and every other string goes through [`redact_text`] (so a `fileUploadUrl` keeps its
/// path but loses its `sig`). Used before a CLI or binding prints a document the service returned.
pub fn redact_json(value: &serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::String(s) => Value::String(redact_text(s)),
        Value::Array(items) => Value::Array(items.iter().map(redact_json).collect()),
        Value::Object(m) => Value::Object(
            m.iter()
                .map(|(k, v)| {
                    let secret = v.is_string() && SECRET_JSON_KEYS.iter().any(|s| s.eq_ignore_ascii_case(k));
                    (k.clone(), if secret { Value::String(REDACTED.into()) } else { redact_json(v) })
                })
                .collect(),
        ),
        other => other.clone(),
    }
}

/// Free text (an error message, a response body, a log line) with embedded secrets removed: every
/// remembered secret value ([`remember`]), SAS signatures and form secrets (`sig=…`, `client_secret=…`),
/// `Bearer …` tokens, and JSON string values of token/secret keys.
pub fn redact_text(text: &str) -> String {
    let mut out = redact_remembered(text);
    out = redact_key_values(&out);
    out = redact_bearer(&out);
    redact_json_keys(&out)
}

fn is_value_char(c: char) -> bool {
    !matches!(c, '&' | '"' | '\'' | ' ' | '\n' | '\r' | '\t' | '<' | '>' | ',' | ';' | ')' | ']' | '}')
}

/// Replaces `key=value` for secret keys, wherever they occur (URLs inside messages, form bodies).
fn redact_key_values(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < text.len() {
        let mut matched = None;
        // A key starts at the beginning or after a delimiter.
        let at_boundary = i == 0 || matches!(bytes[i - 1], b'?' | b'&' | b' ' | b'"' | b'\'' | b'\n' | b'(' | b',');
        if at_boundary {
            for key in SECRET_KEYS {
                let end = i + key.len();
                if end < text.len()
                    && text.is_char_boundary(end)
                    && text[i..end].eq_ignore_ascii_case(key)
                    && bytes[end] == b'='
                {
                    matched = Some(end + 1);
                    break;
                }
            }
        }
        match matched {
            Some(value_start) => {
                out.push_str(&text[i..value_start]);
                let rest = &text[value_start..];
                let len = rest.find(|c: char| !is_value_char(c)).unwrap_or(rest.len());
                if len > 0 {
                    out.push_str(REDACTED);
                }
                i = value_start + len;
            }
            None => {
                let c = text[i..].chars().next().expect("i is a char boundary");
                out.push(c);
                i += c.len_utf8();
            }
        }
    }
    out
}

fn redact_bearer(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    loop {
        let lower = rest.to_ascii_lowercase();
        match lower.find("bearer ") {
            None => {
                out.push_str(rest);
                return out;
            }
            Some(pos) => {
                let start = pos + "bearer ".len();
                out.push_str(&rest[..start]);
                let tail = &rest[start..];
                let len = tail.find(|c: char| !is_value_char(c)).unwrap_or(tail.len());
                if len > 0 {
                    out.push_str(REDACTED);
                }
                rest = &tail[len..];
            }
        }
    }
}

fn redact_json_keys(text: &str) -> String {
    let mut out = text.to_string();
    for key in SECRET_JSON_KEYS {
        let needle = format!("\"{key}\"");
        let mut search_from = 0;
        while let Some(pos) = out[search_from..].find(&needle) {
            let after_key = search_from + pos + needle.len();
            let rest = &out[after_key..];
            let trimmed = rest.trim_start();
            if let Some(colon_rest) = trimmed.strip_prefix(':') {
                let value = colon_rest.trim_start();
                if let Some(inner) = value.strip_prefix('"') {
                    let value_start = out.len() - inner.len();
                    let mut end = None;
                    let mut escaped = false;
                    for (idx, c) in inner.char_indices() {
                        if escaped {
                            escaped = false;
                        } else if c == '\\' {
                            escaped = true;
                        } else if c == '"' {
                            end = Some(idx);
                            break;
                        }
                    }
                    if let Some(end) = end {
                        out.replace_range(value_start..value_start + end, REDACTED);
                        search_from = value_start + REDACTED.len();
                        continue;
                    }
                }
            }
            search_from = after_key;
        }
    }
    out
}

/// An access token and when it expires. `Debug` never shows the token.
#[derive(Clone, PartialEq, Eq)]
pub struct AccessToken {
    /// The bearer token.
    pub token: Secret,
    /// Unix time (seconds) at which it was obtained (as told to the parser).
    pub obtained_at: u64,
    /// Unix time (seconds) at which it expires.
    pub expires_at: u64,
}

impl AccessToken {
    /// Lifetime in seconds.
    pub fn lifetime(&self) -> u64 {
        self.expires_at.saturating_sub(self.obtained_at)
    }

    /// Whether the token should be replaced at `now` (unix seconds): five minutes before expiry, or at
    /// half its lifetime for short-lived tokens (emulator tests use lifetimes of seconds).
    pub fn needs_refresh(&self, now: u64) -> bool {
        let margin = REFRESH_MARGIN.as_secs().min(self.lifetime() / 2);
        now + margin >= self.expires_at
    }
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AccessToken")
            .field("token", &self.token)
            .field("obtained_at", &self.obtained_at)
            .field("expires_at", &self.expires_at)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_remembered_value_is_removed_wherever_it_stands() {
        let secret = super::Secret::new("Xq7~pL2+vR9/zz==");
        let token = super::Secret::new("eyJhbGciOiJSUzI1NiJ9.body.signature-1234567");
        let echo = format!(
            "gateway error: got header {} and form client=abc&secretvalue={} from you",
            token.expose(),
            percent_encoding::utf8_percent_encode(secret.expose(), percent_encoding::NON_ALPHANUMERIC)
        );
        let shown = super::redact_text(&echo);
        assert!(!shown.contains("eyJhbGciOiJSUzI1NiJ9") && !shown.contains("Xq7"), "{shown}");
        assert!(shown.contains("gateway error") && shown.matches(super::REDACTED).count() == 2, "{shown}");
        assert_eq!(super::redact_text("a short value: abc"), "a short value: abc", "short values are not registered");
        let e = crate::Error::new(crate::ErrorKind::Server, format!("echo {}", secret.expose()));
        assert!(!e.to_string().contains(secret.expose()), "{e}");
    }

    use super::*;

    #[test]
    fn secrets_are_known_by_their_shape_and_names_are_not() {
        for (value, shape) in [
            ("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLXZhbHVl", "a JWT"),
            ("a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4", "a long hexadecimal key"),
            ("Zq78Q~aBcDeF1234567890abcdefGHIJKLmnopqr", "an Azure AD client secret"),
            ("Xk3+9aZq/2LmN0pQrStUvWxYz12345678abcdEFGHij==", "a base64 key"),
            ("kL9mN2pQ4rS6tU8vW0xY1zA3bC5dE7fG9hJ", "a base64 key"),
        ] {
            assert_eq!(secret_shape(value), Some(shape), "{value}");
        }
        for value in [
            "packages/Contoso.App_1.2.3.0_x64_Release.msixupload",
            "Contoso_Application_Package_Version_2024_Final",
            "https://login.microsoftonline.com/common/oauth2",
            "the app's description with words in it and more",
            "00000000-0000-0000-0000-000000000000",
            "short1A",
        ] {
            assert_eq!(secret_shape(value), None, "{value}");
        }
    }

    #[test]
    fn a_ci_host_learns_each_new_secret_once_to_mask_it() {
        let (_, start) = remembered_after(u64::MAX);
        let a = Secret::new("first-secret-value-1");
        let (values, next) = remembered_after(start);
        assert!(values.contains(&a.expose().to_string()), "{values:?}");
        let _again = Secret::new("first-secret-value-1");
        let b = Secret::new("second-secret-value-2");
        let (values, _) = remembered_after(next);
        assert!(values.contains(&b.expose().to_string()), "{values:?}");
        assert!(!values.contains(&a.expose().to_string()), "a value is handed out once: {values:?}");
    }

    #[test]
    fn json_documents_lose_signatures_and_tokens() {
        let doc = serde_json::json!({"fileUploadUrl": "https://a.blob/c/b?sv=2019-02-02&sig=S3CRET%2B&se=x",
            "nested": [{"access_token": "eyJ0"}], "n": 1, "title": "keep"});
        let out = redact_json(&doc);
        let text = out.to_string();
        assert!(!text.contains("S3CRET") && !text.contains("eyJ0"), "{text}");
        assert!(text.contains("https://a.blob/c/b?sv=2019-02-02"));
        assert_eq!(out["title"], "keep");
        assert_eq!(out["n"], 1);
    }

    #[test]
    fn secret_never_prints() {
        let s = Secret::new("hunter2");
        assert_eq!(format!("{s}"), REDACTED);
        assert!(!format!("{s:?}").contains("hunter2"));
        assert_eq!(s.expose(), "hunter2");
    }

    #[test]
    fn sas_signature_is_redacted() {
        let url =
            "https://x.blob.core.windows.net/c/b?sv=2019-12-12&se=2030-01-01T00%3A00%3A00Z&sr=b&sp=rw&sig=AbC%2Bdef%3D";
        let r = redact_url(url);
        assert!(!r.contains("AbC"), "{r}");
        assert!(r.contains("sv=2019-12-12"));
        assert!(r.ends_with("sig=<redacted>"));
    }

    #[test]
    fn text_redaction_covers_forms_bearer_and_json() {
        let t = "grant_type=client_credentials&client_id=abc&client_secret=s3cr3t&resource=x";
        assert!(!redact_text(t).contains("s3cr3t"));
        assert!(redact_text(t).contains("client_id=abc"));
        let t = "Authorization: Bearer eyJ0eXAi.abc.def, next";
        assert!(!redact_text(t).contains("eyJ0eXAi"));
        let t = r#"{"token_type":"Bearer","access_token":"eyJ.x.y","expires_in":"3599"}"#;
        let r = redact_text(t);
        assert!(!r.contains("eyJ.x.y"), "{r}");
        assert!(r.contains("3599"));
        let t = "upload to https://h/c/b?sv=1&sig=SECRETSIG failed";
        assert!(!redact_text(t).contains("SECRETSIG"));
        assert!(redact_text(t).ends_with(" failed"));
    }

    #[test]
    fn unicode_text_is_safe() {
        let t = "ünïcödé sig=x bearer ✓";
        let r = redact_text(t);
        assert!(r.starts_with("ünïcödé sig=<redacted>"));
    }
}
