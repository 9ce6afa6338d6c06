//! SAS URLs: parsing (with the unescaped-`+` repair), redaction, the write check made before any byte
//! is sent, and the ISO 8601 forms of `se`/`st`.

use std::fmt;

use percent_encoding::percent_decode_str;

use super::DEFAULT_VERSION;
use super::OLDEST_VERSION;
use crate::error::{Error, ErrorKind, Result};
use crate::secret::{redact_url, REDACTED};

/// A parsed SAS URL. `Debug` and `Display` show it with `sig` redacted; [`SasUrl::expose_url`] is the
/// one way to the full URL (for the request line only).
#[derive(Clone, PartialEq, Eq)]
pub struct SasUrl {
    base: String,
    params: Vec<(String, String)>,
    expiry: Option<i64>,
    version: Option<String>,
    permissions: Option<String>,
}

fn decode(v: &str) -> String {
    percent_decode_str(v).decode_utf8_lossy().into_owned()
}

impl SasUrl {
    /// Parses a SAS URL.
    ///
    /// Repairs a `sig` whose `+` characters were left unescaped (a raw `+` in a query means a space, and
    /// the service would reject the signature): each `+` (or space) becomes `%2B`. Reads `se` (expiry:
    /// `YYYY-MM-DD`, `YYYY-MM-DDThh:mm[:ss[.f]]` with `Z` or an offset), `sv` and `sp`.
    ///
    /// # Errors
    /// `invalid_argument` when the URL is not `http(s)://host/...` or `se` cannot be read.
    pub fn parse(url: &str) -> Result<Self> {
        let url = url.trim();
        let (base, query) = match url.split_once('?') {
            Some((b, q)) => (b, q),
            None => (url, ""),
        };
        let rest = base.strip_prefix("https://").or_else(|| base.strip_prefix("http://")).ok_or_else(|| {
            Error::invalid_argument(format!("SAS URL must start with https:// ({})", redact_url(url)))
        })?;
        if rest.is_empty() || rest.starts_with('/') || !rest.contains('/') {
            return Err(Error::invalid_argument(format!("SAS URL has no host or blob path ({})", redact_url(url))));
        }
        let mut params = Vec::new();
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let v = if k.eq_ignore_ascii_case("sig") { v.replace(['+', ' '], "%2B") } else { v.to_string() };
            if k.eq_ignore_ascii_case("sig") {
                // the signature is a secret wherever it shows up (a server echoing it in an error)
                crate::secret::remember(&v);
                crate::secret::remember(&decode(&v));
            }
            params.push((k.to_string(), v));
        }
        let get = |name: &str| params.iter().find(|(k, _)| k == name).map(|(_, v)| decode(v));
        let expiry = match get("se") {
            Some(se) => Some(
                parse_iso8601(&se)
                    .ok_or_else(|| Error::invalid_argument(format!("SAS URL: cannot read expiry `se={se}`")))?,
            ),
            None => None,
        };
        let version = get("sv");
        let permissions = get("sp");
        Ok(SasUrl { base: base.to_string(), params, expiry, version, permissions })
    }

    /// The URL without its query (`https://account.blob.core.windows.net/container/blob`).
    pub fn base(&self) -> &str {
        &self.base
    }

    /// Expiry (`se`) as Unix seconds.
    pub fn expiry_unix(&self) -> Option<i64> {
        self.expiry
    }

    /// Signed version (`sv`).
    pub fn version(&self) -> Option<&str> {
        self.version.as_deref()
    }

    /// Signed permissions (`sp`), e.g. `rcw`.
    pub fn permissions(&self) -> Option<&str> {
        self.permissions.as_deref()
    }

    /// Whether the URL carries a signature.
    pub fn has_signature(&self) -> bool {
        self.params.iter().any(|(k, v)| k == "sig" && !v.is_empty())
    }

    /// The full URL, signature included. For the request line only: never print it.
    pub fn expose_url(&self) -> String {
        self.url_with(&[])
    }

    /// The full URL plus extra query parameters (already encoded values), signature included.
    pub fn url_with(&self, extra: &[(&str, &str)]) -> String {
        let mut u = self.base.clone();
        let mut first = true;
        for (k, v) in self.params.iter().map(|(k, v)| (k.as_str(), v.as_str())).chain(extra.iter().copied()) {
            u.push(if first { '?' } else { '&' });
            first = false;
            u.push_str(k);
            u.push('=');
            u.push_str(v);
        }
        u
    }

    /// The `x-ms-version` to send with this SAS: its `sv` when it is a version this module knows
    /// (≥ 2015-04-05), else [`DEFAULT_VERSION`].
    pub fn request_version(&self) -> &str {
        match self.version.as_deref() {
            Some(v) if is_version(v) && v >= OLDEST_VERSION => v,
            _ => DEFAULT_VERSION,
        }
    }

    /// Checks, before any byte is sent, that the SAS can still write at `now_unix` (seconds): not expired
    /// and, when `sp` is present, granting write (`w`) or create (`c`).
    ///
    /// # Errors
    /// `sas_expired` when `se` has passed; `sas_permission` when `sp` has neither `w` nor `c`.
    pub fn check_write(&self, now_unix: i64) -> Result<()> {
        if let Some(se) = self.expiry {
            if now_unix >= se {
                return Err(Error::new(
                    ErrorKind::SasExpired,
                    format!("the upload URL expired {} s ago ({})", now_unix - se, self),
                ));
            }
        }
        if let Some(sp) = &self.permissions {
            if !sp.contains('w') && !sp.contains('c') {
                return Err(Error::new(
                    ErrorKind::SasPermission,
                    format!("the upload URL grants `sp={sp}`, which cannot write ({self})"),
                ));
            }
        }
        Ok(())
    }
}

impl fmt::Display for SasUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&redact_url(&self.expose_url()))
    }
}

impl fmt::Debug for SasUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SasUrl")
            .field("url", &redact_url(&self.expose_url()))
            .field("expiry_unix", &self.expiry)
            .field("version", &self.version)
            .field("permissions", &self.permissions)
            .field("sig", &if self.has_signature() { REDACTED } else { "" })
            .finish()
    }
}

/// Whether `v` is a service version string (`YYYY-MM-DD`).
pub fn is_version(v: &str) -> bool {
    let b = v.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

fn num(s: &str) -> Option<i64> {
    if s.is_empty() || !s.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// Days from 1970-01-01 to a civil date (proleptic Gregorian).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Parses the ISO 8601 forms a SAS `se`/`st` uses into Unix seconds.
pub fn parse_iso8601(s: &str) -> Option<i64> {
    let s = s.trim();
    let (date, time) = match s.split_once(['T', 't', ' ']) {
        Some((d, t)) => (d, Some(t)),
        None => (s, None),
    };
    let mut dp = date.split('-');
    let (y, mo, d) = (num(dp.next()?)?, num(dp.next()?)?, num(dp.next()?)?);
    if dp.next().is_some() || !(1..=12).contains(&mo) || !(1..=31).contains(&d) || date.len() != 10 {
        return None;
    }
    let mut secs = days_from_civil(y, mo, d) * 86_400;
    if let Some(t) = time {
        let (clock, offset) = if let Some(c) = t.strip_suffix(['Z', 'z']) {
            (c, 0)
        } else if let Some(pos) = t.rfind(['+', '-']) {
            let (c, off) = t.split_at(pos);
            let sign = if off.starts_with('-') { -1 } else { 1 };
            let (oh, om) = off[1..].split_once(':').unwrap_or((&off[1..], "0"));
            (c, sign * (num(oh)? * 3600 + num(om)? * 60))
        } else {
            (t, 0)
        };
        let mut cp = clock.split(':');
        let h = num(cp.next()?)?;
        let mi = num(cp.next()?)?;
        let sec = match cp.next() {
            Some(x) => num(x.split('.').next()?)?,
            None => 0,
        };
        if cp.next().is_some() || h > 23 || mi > 59 || sec > 60 {
            return None;
        }
        secs += h * 3600 + mi * 60 + sec - offset;
    }
    Some(secs)
}

/// Formats Unix seconds as `YYYY-MM-DDThh:mm:ssZ` (the form SAS signers use).
pub fn format_iso8601(unix: i64) -> String {
    let days = unix.div_euclid(86_400);
    let rem = unix.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", rem / 3600, rem % 3600 / 60, rem % 60)
}
