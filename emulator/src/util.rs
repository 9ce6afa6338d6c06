//! Small shared pieces: the emulator's own request/response types, ids, time formatting, query and form
//! parsing, and the path of an operation from the core's route table.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};

use bytes::Bytes;
use serde_json::Value;
use storesubmit::api::routes;
use storesubmit::Method;

/// A request as the emulator's handlers see it: method, raw path (service prefix removed), decoded
/// query pairs, headers and the whole body.
#[derive(Clone, Debug)]
pub struct Req {
    /// HTTP method.
    pub method: Method,
    /// Path below the service prefix, still percent-encoded.
    pub path: String,
    /// Raw query string (no `?`), empty for none.
    pub raw_query: String,
    /// Decoded query pairs.
    pub query: Vec<(String, String)>,
    /// Headers (names as received).
    pub headers: Vec<(String, String)>,
    /// Body bytes.
    pub body: Bytes,
}

impl Req {
    /// First value of a header, case-insensitively.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// First value of a query parameter, case-insensitively on the name.
    pub fn query(&self, name: &str) -> Option<&str> {
        self.query.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// The body as JSON; `None` when empty or not JSON.
    pub fn json(&self) -> Option<Value> {
        if self.body.iter().all(u8::is_ascii_whitespace) {
            return None;
        }
        serde_json::from_slice(&self.body).ok()
    }

    /// The bearer token of the `Authorization` header.
    pub fn bearer(&self) -> Option<&str> {
        let v = self.header("Authorization")?.trim();
        let (scheme, token) = v.split_once(' ')?;
        scheme.eq_ignore_ascii_case("bearer").then(|| token.trim()).filter(|t| !t.is_empty())
    }
}

/// A response to send.
#[derive(Clone, Debug)]
pub struct Resp {
    /// HTTP status.
    pub status: u16,
    /// Headers.
    pub headers: Vec<(String, String)>,
    /// Body.
    pub body: Bytes,
}

impl Resp {
    /// A response with a JSON body.
    pub fn json(status: u16, v: &Value) -> Self {
        Resp {
            status,
            headers: vec![("Content-Type".into(), "application/json; charset=utf-8".into())],
            body: Bytes::from(serde_json::to_vec(v).unwrap_or_default()),
        }
    }

    /// A response with no body.
    pub fn empty(status: u16) -> Self {
        Resp { status, headers: Vec::new(), body: Bytes::new() }
    }

    /// Adds a header (builder style).
    pub fn with_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// First value of a header.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// Splits `a=b&c=d` into decoded pairs (`+` is a space, as in forms and query strings).
pub fn parse_pairs(s: &str) -> Vec<(String, String)> {
    s.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode(k), decode(v))
        })
        .collect()
}

/// Percent-decodes a query/form component (`+` is a space).
pub fn decode(s: &str) -> String {
    let s = s.replace('+', " ");
    percent_encoding::percent_decode_str(&s).decode_utf8_lossy().into_owned()
}

/// Percent-encodes a query value.
pub fn encode(s: &str) -> String {
    storesubmit::api::encode_query_value(s)
}

static COUNTER: AtomicU64 = AtomicU64::new(1);

/// A fresh pseudo-random 64-bit value (not for cryptography: the emulator only needs unpredictable ids).
pub fn random_u64() -> u64 {
    let mut h = RandomState::new().build_hasher();
    h.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    h.write_u128(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0));
    h.finish()
}

/// A random GUID-shaped string (version-4 layout).
pub fn guid() -> String {
    let a = random_u64();
    let b = random_u64();
    format!(
        "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
        (a >> 32) as u32,
        (a >> 16) as u16,
        (a & 0x0fff) as u16,
        ((b >> 48) as u16 & 0x3fff) | 0x8000,
        b & 0xffff_ffff_ffff
    )
}

/// Random bytes as lowercase hex.
pub fn random_hex(bytes: usize) -> String {
    let mut s = String::with_capacity(bytes * 2);
    while s.len() < bytes * 2 {
        s.push_str(&format!("{:016x}", random_u64()));
    }
    s.truncate(bytes * 2);
    s
}

/// RFC 3339 UTC time of a unix time in milliseconds, with 7 fractional digits as the Store writes them.
pub fn iso(ms: u64) -> String {
    let secs = (ms / 1000) as i64;
    match time::OffsetDateTime::from_unix_timestamp(secs) {
        Ok(t) => format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}0000Z",
            t.year(),
            u8::from(t.month()),
            t.day(),
            t.hour(),
            t.minute(),
            t.second(),
            ms % 1000
        ),
        Err(_) => "1601-01-01T00:00:00Z".into(),
    }
}

/// RFC 3339 UTC time in whole seconds (`2026-01-01T00:00:00Z`), the form SAS `se=` uses.
pub fn iso_secs(ms: u64) -> String {
    let secs = (ms / 1000) as i64;
    match time::OffsetDateTime::from_unix_timestamp(secs) {
        Ok(t) => format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
            t.year(),
            u8::from(t.month()),
            t.day(),
            t.hour(),
            t.minute(),
            t.second()
        ),
        Err(_) => "1970-01-01T00:00:00Z".into(),
    }
}

/// Parses an RFC 3339 time into unix milliseconds.
pub fn parse_iso(s: &str) -> Option<u64> {
    let t = time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339).ok()?;
    u64::try_from(t.unix_timestamp()).ok().map(|s| s * 1000 + u64::from(t.millisecond()))
}

/// An HTTP date (`Sun, 22 Nov 2026 00:00:00 GMT`) for blob `Last-Modified`.
pub fn http_date(ms: u64) -> String {
    let secs = (ms / 1000) as i64;
    let Ok(t) = time::OffsetDateTime::from_unix_timestamp(secs) else { return String::new() };
    const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    format!(
        "{}, {:02} {} {:04} {:02}:{:02}:{:02} GMT",
        DAYS[t.weekday().number_days_from_monday() as usize],
        t.day(),
        MONTHS[u8::from(t.month()) as usize - 1],
        t.year(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// The path of an operation with its placeholders filled (e.g. a win32 `pollingUrl`). Comes from the
/// core's route table: the emulator holds no endpoint path of its own.
pub fn op_path(op_id: &str, params: &[(&str, &str)]) -> String {
    let Some(op) = routes::operation(op_id) else { return String::new() };
    let mut p = op.path.to_string();
    for (k, v) in params {
        p = p.replace(&format!("{{{k}}}"), &storesubmit::api::encode_path_segment(v));
    }
    p
}

/// The value of a path parameter returned by `match_route`.
pub fn param<'a>(params: &'a [(&'static str, String)], name: &str) -> &'a str {
    params.iter().find(|(n, _)| *n == name).map(|(_, v)| v.as_str()).unwrap_or("")
}

/// Merges `patch` into `target` one level deep per object (JSON merge patch without `null` deletion
/// of nested arrays): objects merge recursively, everything else replaces.
pub fn merge(target: &mut Value, patch: &Value) {
    match (target, patch) {
        (Value::Object(t), Value::Object(p)) => {
            for (k, v) in p {
                match t.get_mut(k) {
                    Some(existing) if existing.is_object() && v.is_object() => merge(existing, v),
                    _ => {
                        t.insert(k.clone(), v.clone());
                    }
                }
            }
        }
        (t, p) => *t = p.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guid_shape_and_times() {
        let g = guid();
        assert_eq!(g.len(), 36);
        assert_eq!(&g[14..15], "4");
        assert_eq!(iso_secs(0), "1970-01-01T00:00:00Z");
        assert_eq!(parse_iso("1970-01-01T00:00:10Z"), Some(10_000));
        assert_eq!(http_date(0), "Thu, 01 Jan 1970 00:00:00 GMT");
        assert_eq!(parse_pairs("a=b+c&d=%2F"), vec![("a".into(), "b c".into()), ("d".into(), "/".into())]);
    }
}
