//! Format checks shared by the rules: URLs, e-mail addresses, ISO 8601 dates, character counts.

use time::format_description::well_known::Iso8601;

/// Length in Unicode scalar values (what the Store's "character limit" counts), not bytes.
pub fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// What follows `http://` or `https://` (any letter case); `None` for another scheme.
pub(crate) fn after_http_scheme(s: &str) -> Option<&str> {
    let b = s.as_bytes();
    // the matched prefix is ASCII, so the slices below start on a character boundary
    if b.len() >= 8 && b[..8].eq_ignore_ascii_case(b"https://") {
        Some(&s[8..])
    } else if b.len() >= 7 && b[..7].eq_ignore_ascii_case(b"http://") {
        Some(&s[7..])
    } else {
        None
    }
}

/// An absolute `http` or `https` URL with a plausible host and no whitespace.
pub fn is_url(s: &str) -> bool {
    let Some(rest) = after_http_scheme(s) else { return false };
    if s.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return false;
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_port = authority.rsplit('@').next().unwrap_or("");
    let (host, port) = match host_port.rsplit_once(':') {
        Some((h, p)) if !h.ends_with(']') || host_port.starts_with('[') => (h, Some(p)),
        _ => (host_port, None),
    };
    if let Some(p) = port {
        if p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) || p.len() > 5 {
            return false;
        }
    }
    if host.starts_with('[') {
        return host.ends_with(']') && host.len() > 2;
    }
    is_host(host)
}

fn is_host(host: &str) -> bool {
    !host.is_empty()
        && host.len() <= 253
        && host.split('.').all(|label| {
            !label.is_empty()
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
}

/// A plain e-mail address `local@domain.tld` (a `mailto:` prefix is accepted).
pub fn is_email(s: &str) -> bool {
    let s = s.strip_prefix("mailto:").unwrap_or(s);
    let Some((local, domain)) = s.split_once('@') else { return false };
    !local.is_empty()
        && !local.chars().any(|c| c.is_whitespace() || c.is_control() || c == '@')
        && domain.contains('.')
        && is_host(domain)
}

/// An ISO 8601 date-time (`2016-03-15T05:10:58.047Z`, `1601-01-01T00:00:00.0000000Z`) or date (`2016-03-15`).
pub fn is_iso8601(s: &str) -> bool {
    time::OffsetDateTime::parse(s, &Iso8601::DEFAULT).is_ok()
        || time::PrimitiveDateTime::parse(s, &Iso8601::DEFAULT).is_ok()
        || time::Date::parse(s, &Iso8601::DEFAULT).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        for ok in [
            "http://contoso.com",
            "https://docs.contoso.com/doclink",
            "https://contoso.com/blob=1234567890abcdefgh",
            "https://errors.contoso.com/errors/ERR001001",
            "HTTPS://x.example:8080/a?b#c",
            "http://localhost",
        ] {
            assert!(is_url(ok), "{ok}");
        }
        for bad in [
            "contoso.com",
            "ftp://x.com",
            "http://",
            "http://exa mple.com",
            "https://a..b",
            "http://x.com:port",
            "",
            "https://-a.com",
        ] {
            assert!(!is_url(bad), "{bad}");
        }
    }

    #[test]
    fn emails_and_dates() {
        assert!(is_email("contactus@contoso.com") && is_email("mailto:a@b.io"));
        assert!(!is_email("contoso.com") && !is_email("a@b") && !is_email("a b@c.com"));
        for ok in [
            "2016-03-15T05:10:58.047Z",
            "1601-01-01T00:00:00.0000000Z",
            "1601-01-01T00:00:00Z",
            "2024-05-01",
            "2024-05-01T10:00:00+02:00",
        ] {
            assert!(is_iso8601(ok), "{ok}");
        }
        for bad in ["", "tomorrow", "2024-13-01", "05/01/2024"] {
            assert!(!is_iso8601(bad), "{bad}");
        }
        assert_eq!(char_len("é€😀"), 3);
    }
}
