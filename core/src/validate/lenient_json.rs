//! Lenient JSON reading for documents people write by hand or copy from the Store's documentation.
//!
//! The Store's own samples are not valid JSON: they carry trailing commas (`"packageType": "exe",}`) and
//! `//` comments (`// Next 8 apps are omitted for brevity`). Users copy them, so the CLI and the bindings
//! accept such input — with a warning each, so that the file can be fixed before another tool chokes on
//! it. [`parse`] is the one place this leniency lives.
//!
//! Accepted, each with a warning-severity [`Issue`] whose path is a JSON pointer into the parsed
//! document:
//! - a comma directly before `}` or `]` (`json.trailing_comma`, path: the object or array holding it);
//! - `// line` and `/* block */` comments outside strings (`json.comment`, path: the innermost object or
//!   array around the comment, `""` at top level);
//! - a leading UTF-8 byte-order mark (`json.bom`, path `""`), which Windows editors and PowerShell 5 write.
//!
//! Anything else that is not JSON is a `validation` [`crate::Error`] carrying one `json.syntax` issue
//! with the line and column (positions are those of the original text). Nesting deeper than
//! [`crate::data::limits::JSON_MAX_DEPTH`] is a `validation` error with one `json.too_deep` issue.
//!
//! Hostile input stays cheap: one pass, line and column tracked as the scan goes, at most
//! [`crate::data::limits::JSON_MAX_WARNINGS`] warnings kept (one more says how many were left out) and JSON
//! pointers cut at [`crate::data::limits::JSON_MAX_POINTER_CHARS`], so time and memory are linear in the text.

use serde_json::Value;

use super::codes::{self, IssueCodeInfo};
use crate::data::limits::{JSON_MAX_DEPTH, JSON_MAX_POINTER_CHARS, JSON_MAX_WARNINGS};
use crate::issue::Issue;
use crate::model::files::pointer_segment;

/// Parses `text` as JSON, accepting trailing commas, comments and a byte-order mark with a warning each.
///
/// Strict JSON parses without any issue and without a second pass. On a syntax error the result is a
/// `validation` error whose single issue has code `json.syntax`.
pub fn parse(text: &str) -> crate::Result<(Value, Vec<Issue>)> {
    if let Ok(v) = serde_json::from_str::<Value>(text) {
        return Ok((v, Vec::new()));
    }
    let cleaned = clean(text)?;
    match serde_json::from_str::<Value>(&cleaned.text) {
        Ok(v) => Ok((v, cleaned.issues)),
        Err(e) => {
            let msg = format!(
                "document: not JSON at line {}, column {}: {}",
                e.line(),
                e.column(),
                strip_position(&e.to_string())
            );
            Err(crate::Error::validation(vec![issue(codes::JSON_SYNTAX, String::new(), msg)]))
        }
    }
}

/// serde_json appends " at line L column C" to its messages; the position is already in ours.
fn strip_position(msg: &str) -> &str {
    match msg.rfind(" at line ") {
        Some(i) => &msg[..i],
        None => msg,
    }
}

fn issue(code: IssueCodeInfo, path: String, message: String) -> Issue {
    Issue::new(code.code, path, message, code.severity)
}

/// Where the scanner is: one frame per open object or array.
enum Frame {
    /// An object; `key` is the member being read (its value may be the next container).
    Object { key: String, expect_key: bool },
    /// An array; `index` is the element being read.
    Array { index: usize },
}

struct Cleaned {
    text: String,
    issues: Vec<Issue>,
}

/// JSON pointer of the innermost open container (cut at `JSON_MAX_POINTER_CHARS`, ending in `…`).
fn pointer(stack: &[Frame]) -> String {
    let mut p = String::new();
    // Every frame but the last names the child that is the next frame.
    for f in stack.iter().take(stack.len().saturating_sub(1)) {
        p.push('/');
        match f {
            Frame::Object { key, .. } => p.push_str(&pointer_segment(key)),
            Frame::Array { index } => p.push_str(&index.to_string()),
        }
        if p.len() > JSON_MAX_POINTER_CHARS {
            let mut cut = JSON_MAX_POINTER_CHARS;
            while !p.is_char_boundary(cut) {
                cut -= 1;
            }
            p.truncate(cut);
            p.push('…');
            break;
        }
    }
    p
}

/// Line and column (1-based, columns in characters) of a byte offset, computed incrementally: offsets
/// asked for only grow, so the whole scan reads each byte once.
struct Position<'a> {
    src: &'a [u8],
    at: usize,
    line: usize,
    col: usize,
}

impl<'a> Position<'a> {
    fn new(src: &'a [u8]) -> Self {
        Position { src, at: 0, line: 1, col: 1 }
    }

    fn of(&mut self, to: usize) -> (usize, usize) {
        let to = to.min(self.src.len());
        for &b in &self.src[self.at.min(to)..to] {
            if b == b'\n' {
                self.line += 1;
                self.col = 1;
            } else if b & 0xC0 != 0x80 {
                // A UTF-8 continuation byte is not a character of its own.
                self.col += 1;
            }
        }
        self.at = self.at.max(to);
        (self.line, self.col)
    }
}

/// Collects warnings up to `JSON_MAX_WARNINGS`, then counts those left out.
struct Warnings {
    issues: Vec<Issue>,
    left_out: usize,
}

impl Warnings {
    fn push(&mut self, code: IssueCodeInfo, path: impl FnOnce() -> String, message: impl FnOnce() -> String) {
        if self.issues.len() < JSON_MAX_WARNINGS {
            self.issues.push(issue(code, path(), message()));
        } else {
            self.left_out += 1;
        }
    }

    fn finish(mut self) -> Vec<Issue> {
        if self.left_out > 0 {
            let last = self.issues.last().map(|i| i.code.clone()).unwrap_or_default();
            let info = codes::issue_code(&last).unwrap_or(codes::JSON_TRAILING_COMMA);
            self.issues.push(issue(
                info,
                String::new(),
                format!("{} more trailing commas, comments or similar were accepted and not listed", self.left_out),
            ));
        }
        self.issues
    }
}

/// Blanks out what JSON forbids but [`parse`] accepts, byte for byte (removed bytes become spaces and
/// newlines stay), so serde_json's line and column numbers are those of the original text.
fn clean(text: &str) -> crate::Result<Cleaned> {
    let src = text.as_bytes();
    let mut out: Vec<u8> = src.to_vec();
    let mut issues = Warnings { issues: Vec::new(), left_out: 0 };
    let mut pos = Position::new(src);
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    // The last byte that is neither whitespace nor part of a comment (`"` for a string): a comma right
    // after `[`, `{` or another comma is not a trailing comma but an error left to serde_json.
    let mut prev = 0u8;
    if src.starts_with(&[0xEF, 0xBB, 0xBF]) {
        out[..3].copy_from_slice(b"   ");
        issues.push(codes::JSON_BOM, String::new, || {
            "document: starts with a UTF-8 byte-order mark, which JSON forbids; accepted".into()
        });
        i = 3;
    }
    let blank = |out: &mut Vec<u8>, from: usize, to: usize| {
        for b in &mut out[from..to] {
            if *b != b'\n' && *b != b'\r' {
                *b = b' ';
            }
        }
    };
    while i < src.len() {
        match src[i] {
            b'"' => {
                let start = i;
                i += 1;
                while i < src.len() && src[i] != b'"' {
                    i += if src[i] == b'\\' { 2 } else { 1 };
                }
                let end = (i + 1).min(src.len());
                if let Some(Frame::Object { key, expect_key }) = stack.last_mut() {
                    if *expect_key {
                        *key = serde_json::from_slice::<String>(&src[start..end]).unwrap_or_default();
                        *expect_key = false;
                    }
                }
                i = end;
                prev = b'"';
                continue;
            }
            b'/' if src.get(i + 1) == Some(&b'/') => {
                let end = src[i..].iter().position(|&b| b == b'\n').map_or(src.len(), |n| i + n);
                let (line, col) = pos.of(i);
                blank(&mut out, i, end);
                issues.push(
                    codes::JSON_COMMENT,
                    || pointer(&stack),
                    || format!("line {line}, column {col}: `//` comment, which JSON forbids; ignored"),
                );
                i = end;
                continue;
            }
            b'/' if src.get(i + 1) == Some(&b'*') => {
                let end = src[i + 2..].windows(2).position(|w| w == b"*/").map_or(src.len(), |n| i + 2 + n + 2);
                let (line, col) = pos.of(i);
                blank(&mut out, i, end);
                issues.push(
                    codes::JSON_COMMENT,
                    || pointer(&stack),
                    || format!("line {line}, column {col}: `/* */` comment, which JSON forbids; ignored"),
                );
                i = end;
                continue;
            }
            b'{' | b'[' if stack.len() >= JSON_MAX_DEPTH => {
                let (line, col) = pos.of(i);
                let msg = format!(
                    "document: line {line}, column {col}: nested deeper than {JSON_MAX_DEPTH} objects and arrays"
                );
                return Err(crate::Error::validation(vec![issue(codes::JSON_TOO_DEEP, String::new(), msg)]));
            }
            b'{' => stack.push(Frame::Object { key: String::new(), expect_key: true }),
            b'[' => stack.push(Frame::Array { index: 0 }),
            b'}' | b']' => {
                stack.pop();
            }
            b',' if !matches!(prev, b'[' | b'{' | b',' | 0) => {
                if let Some(close) = next_significant(src, i + 1) {
                    let (line, col) = pos.of(i);
                    out[i] = b' ';
                    let what = if close == b'}' { "object" } else { "array" };
                    issues.push(codes::JSON_TRAILING_COMMA, || pointer(&stack), || {
                        format!("line {line}, column {col}: trailing comma before `{}` ends the {what}, which JSON forbids; accepted", close as char)
                    });
                } else {
                    match stack.last_mut() {
                        Some(Frame::Object { expect_key, .. }) => *expect_key = true,
                        Some(Frame::Array { index }) => *index += 1,
                        None => {}
                    }
                }
            }
            _ => {}
        }
        if !src[i].is_ascii_whitespace() {
            prev = src[i];
        }
        i += 1;
    }
    // Only bytes < 0x80 were replaced by spaces, so the text is still UTF-8.
    let text = String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    Ok(Cleaned { text, issues: issues.finish() })
}

/// `Some(b'}' | b']')` when the next byte after whitespace and comments closes a container.
fn next_significant(src: &[u8], mut i: usize) -> Option<u8> {
    while i < src.len() {
        match src[i] {
            b' ' | b'\t' | b'\n' | b'\r' => i += 1,
            b'/' if src.get(i + 1) == Some(&b'/') => {
                i = src[i..].iter().position(|&b| b == b'\n').map_or(src.len(), |n| i + n);
            }
            b'/' if src.get(i + 1) == Some(&b'*') => {
                i = src[i + 2..].windows(2).position(|w| w == b"*/").map_or(src.len(), |n| i + 2 + n + 2);
            }
            b @ (b'}' | b']') => return Some(b),
            _ => return None,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::parse;
    use serde_json::json;

    fn codes_paths(text: &str) -> Vec<(String, String)> {
        parse(text).unwrap().1.into_iter().map(|i| (i.code, i.path)).collect()
    }

    #[test]
    fn strict_json_has_no_issue() {
        let (v, issues) = parse(r#"{"a": [1, 2], "b": "x,}"}"#).unwrap();
        assert_eq!(v, json!({"a": [1, 2], "b": "x,}"}));
        assert!(issues.is_empty());
    }

    #[test]
    fn trailing_commas_point_at_their_container() {
        let text = "{\"packages\": [{\"packageType\": \"exe\",\n}, {\"a\": [1, 2,]},],\n \"x~/\": {\"k\": 1,},}";
        let (v, _) = parse(text).unwrap();
        assert_eq!(v, json!({"packages": [{"packageType": "exe"}, {"a": [1, 2]}], "x~/": {"k": 1}}));
        assert_eq!(
            codes_paths(text),
            [
                ("json.trailing_comma".into(), "/packages/0".into()),
                ("json.trailing_comma".into(), "/packages/1/a".into()),
                ("json.trailing_comma".into(), "/packages".into()),
                ("json.trailing_comma".into(), "/x~0~1".into()),
                ("json.trailing_comma".into(), "".into()),
            ]
        );
        let issues = parse(text).unwrap().1;
        assert_eq!(
            issues[0].message,
            "line 1, column 36: trailing comma before `}` ends the object, which JSON forbids; accepted"
        );
        assert!(issues.iter().all(|i| !i.is_error()));
    }

    #[test]
    fn strings_with_commas_braces_and_escapes_are_untouched() {
        let (v, issues) = parse(r#"{"s": "a,}\",]// not /* a comment", "t": [1,],}"#).unwrap();
        assert_eq!(v, json!({"s": "a,}\",]// not /* a comment", "t": [1]}));
        assert_eq!(issues.len(), 2);
        assert_eq!(issues[0].path, "/t");
    }

    #[test]
    fn comments_and_bom() {
        let text = "\u{feff}{\n  // Next 8 apps are omitted for brevity\n  \"value\": [1, /* two */ 2,\n  ], \"é\": {\"k\": 1 // c\n}}";
        let (v, issues) = parse(text).unwrap();
        assert_eq!(v, json!({"value": [1, 2], "é": {"k": 1}}));
        let got: Vec<(&str, &str)> = issues.iter().map(|i| (i.code.as_str(), i.path.as_str())).collect();
        assert_eq!(
            got,
            [
                ("json.bom", ""),
                ("json.comment", ""),
                ("json.comment", "/value"),
                ("json.trailing_comma", "/value"),
                ("json.comment", "/é")
            ]
        );
        assert!(issues[1].message.starts_with("line 2, column 3: `//` comment"), "{}", issues[1].message);
    }

    #[test]
    fn syntax_errors_keep_original_positions() {
        let e = parse("{\n  // c\n  \"a\": 1,,\n}").unwrap_err();
        assert_eq!(e.code(), "validation");
        let i = &e.issues()[0];
        assert_eq!((i.code.as_str(), i.path.as_str()), ("json.syntax", ""));
        assert!(i.message.starts_with("document: not JSON at line 3, column 10"), "{}", i.message);
        for bad in ["", "{", "[1,", "{\"a\" 1}", "\"unterminated", "/*", "{\"a\": 1,", ",", "}}]]", "\u{feff}"] {
            let e = parse(bad).unwrap_err();
            assert_eq!(e.issues()[0].code, "json.syntax", "{bad:?}");
        }
    }

    #[test]
    fn never_panics_on_fragments() {
        let pieces = ["{", "}", "[", "]", ",", ":", "\"k\"", "\"\\", "1", "//x\n", "/*", "*/", "é", "\u{feff}", " "];
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        for _ in 0..5000 {
            let mut s = String::new();
            for _ in 0..(seed % 12) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                s.push_str(pieces[(seed % pieces.len() as u64) as usize]);
            }
            let _ = parse(&s);
        }
    }
}
