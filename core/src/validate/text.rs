//! Rules about what text says rather than how long it is: placeholders the Store would take as meant
//! (`field.placeholder`) and Markdown in a field the Store shows as plain text (`text.markdown`).

use serde_json::Value;

use super::check::{At, Ck};
use super::codes as c;

/// The mark `storesubmit init` puts in front of the text a starter holds until the user writes their own
/// (`"TODO: what the app does, in a few sentences."`): validation reports a text starting with it as
/// `field.placeholder`, so a starter never publishes as it is.
pub const PLACEHOLDER_MARK: &str = "TODO:";

/// Whether `s` is a starter's placeholder text (it starts with [`PLACEHOLDER_MARK`]).
pub fn is_placeholder_text(s: &str) -> bool {
    s.trim_start().starts_with(PLACEHOLDER_MARK)
}

/// The host a starter puts in the URLs the user must replace (`https://downloads.todo.invalid/…`): under
/// `.invalid`, which RFC 2606 reserves so that it never resolves, and named for what it is.
pub const PLACEHOLDER_HOST: &str = "todo.invalid";

/// The host of an http(s) URL when it is [`PLACEHOLDER_HOST`] or a name under it.
fn invalid_host(s: &str) -> Option<&str> {
    let rest = super::formats::after_http_scheme(s)?;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?.split(':').next()?;
    let h = host.trim_end_matches('.').to_ascii_lowercase();
    (h == PLACEHOLDER_HOST || h.ends_with(&format!(".{PLACEHOLDER_HOST}"))).then_some(host)
}

/// `field.placeholder` for every string of `doc`, at any depth, that is a starter's placeholder text or a
/// URL on the starters' placeholder host.
pub(crate) fn placeholders(ck: &mut Ck, doc: &Value) {
    fn walk(ck: &mut Ck, v: &Value, at: &At) {
        match v {
            Value::String(s) => {
                if is_placeholder_text(s) {
                    ck.push(
                        c::FIELD_PLACEHOLDER,
                        at,
                        format!(
                            "{}: `{}` is placeholder text of a starter (marked {PLACEHOLDER_MARK}); write the text customers \
                             should see",
                            at.name(),
                            super::check::clip(s.trim())
                        ),
                    );
                } else if let Some(host) = invalid_host(s) {
                    ck.push(
                        c::FIELD_PLACEHOLDER,
                        at,
                        format!(
                            "{}: `{host}` is a starter's placeholder host (.invalid never resolves); put the real https URL",
                            at.name()
                        ),
                    );
                }
            }
            Value::Array(items) => {
                for (i, x) in items.iter().enumerate() {
                    walk(ck, x, &at.idx(i));
                }
            }
            Value::Object(m) => {
                for (k, x) in m {
                    walk(ck, x, &at.key(k));
                }
            }
            _ => {}
        }
    }
    walk(ck, doc, &At::root());
}

/// `field.placeholder` when `value` is the StoreBroker template value `template` of the member `key`;
/// `instead` says what to put. Returns whether it was reported (the caller then skips its other rules for
/// the value).
pub(crate) fn template_value(ck: &mut Ck, at: &At, value: &str, template: &str, instead: &str) -> bool {
    if value != template {
        return false;
    }
    ck.push(
        c::FIELD_PLACEHOLDER,
        at,
        format!(
            "{}: `{template}` is StoreBroker's template placeholder, which the Store would apply as is; {instead}, or \
             leave the field out to keep the live value",
            at.name()
        ),
    );
    true
}

/// The first sign of Markdown in `s`, named for a message: a heading, bold text, a link or image, or a
/// code fence. Plain-text habits (a `-` or `•` bullet, a lone `*` or `#`) are not signs.
pub fn markdown_sign(s: &str) -> Option<&'static str> {
    // Most listing text has none of the bytes a sign starts with: two vectorised scans rule it out.
    let b = s.as_bytes();
    if memchr::memchr3(b'#', b'*', b'`', b).is_none() && memchr::memchr2(b']', b'~', b).is_none() {
        return None;
    }
    for line in s.lines() {
        let t = line.trim_start();
        let hashes = t.bytes().take_while(|b| *b == b'#').count();
        if (1..=6).contains(&hashes) && t[hashes..].starts_with(' ') && !t[hashes..].trim().is_empty() {
            return Some("a `#` heading");
        }
        if t.starts_with("```") || t.starts_with("~~~") {
            return Some("a code fence");
        }
        if emphasis(line, "**") {
            return Some("`**bold**` text");
        }
        if link(line) {
            return Some("a `[text](url)` link");
        }
    }
    None
}

/// `mark` + non-space text + `mark` on one line (`**bold**`; `__` is left alone: `__init__` is a name).
fn emphasis(line: &str, mark: &str) -> bool {
    let mut rest = line;
    while let Some(i) = rest.find(mark) {
        let after = &rest[i + mark.len()..];
        if after.starts_with(|c: char| !c.is_whitespace()) {
            if let Some(j) = after.find(mark) {
                if j > 0 && !after[..j].ends_with(char::is_whitespace) {
                    return true;
                }
            }
        }
        rest = after;
    }
    false
}

/// `[text](target)` on one line.
fn link(line: &str) -> bool {
    let mut rest = line;
    while let Some(i) = rest.find("](") {
        let (before, after) = (&rest[..i], &rest[i + 2..]);
        let opened = before.rfind('[').is_some_and(|o| o + 1 < before.len());
        let closed = after.find(')').is_some_and(|c| c > 0 && !after[..c].contains(char::is_whitespace));
        if opened && closed {
            return true;
        }
        rest = after;
    }
    false
}

/// `text.markdown` when the plain-text value `s` at `at` holds Markdown.
pub(crate) fn markdown(ck: &mut Ck, at: &At, s: &str) {
    if let Some(sign) = markdown_sign(s) {
        ck.push(
            c::TEXT_MARKDOWN,
            at,
            format!(
                "{}: looks like Markdown ({sign}); the Store shows this field as plain text, so the marks appear as \
                 written",
                at.name()
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_signs() {
        assert_eq!(markdown_sign("## Features\nFast"), Some("a `#` heading"));
        assert_eq!(markdown_sign("It is **really** fast"), Some("`**bold**` text"));
        assert_eq!(markdown_sign("See [the docs](https://contoso.com)"), Some("a `[text](url)` link"));
        assert_eq!(markdown_sign("```\ncode\n```"), Some("a code fence"));
        for plain in [
            "Plain text.\n- a bullet\n• another",
            "C# and F# support",
            "#1 app",
            "5 * 3 = 15, a ** b",
            "snake_case_name and __init__",
            "[draft] (not a link)",
            "",
        ] {
            assert_eq!(markdown_sign(plain), None, "{plain:?}");
        }
    }

    #[test]
    fn placeholder_hosts_and_text() {
        assert!(is_placeholder_text("  TODO: write me"));
        assert!(!is_placeholder_text("Things TODO: none"));
        assert_eq!(invalid_host("https://downloads.todo.invalid/1.0/setup.exe"), Some("downloads.todo.invalid"));
        assert_eq!(invalid_host("HTTP://Docs.TODO.invalid:8080/a"), Some("Docs.TODO.invalid"));
        // another .invalid host is the emulator's way to name a URL that cannot be downloaded: not a placeholder
        assert_eq!(invalid_host("https://downloads.contoso.invalid/setup.exe"), None);
        assert_eq!(invalid_host("https://www.contoso.com/setup.exe"), None);
        assert_eq!(invalid_host("not a url"), None);
    }
}
