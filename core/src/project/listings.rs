//! The listings folder: one file per language, `<language>.json` (the listing's fields as the Store names
//! them for the product kind) or `<language>.md` (Markdown with front matter: `key: value` lines and
//! `key:` followed by `- item` lines between a first `---` line and the next; the body is the
//! `description`).

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::files::{join, ProjectFiles};
use super::ProductKind;
use crate::data::languages::is_language;
use crate::issue::Issue;
use crate::model::ModelSchema;
use crate::validate::codes;

/// The listing fields a listing file may hold for a kind (the documented fields of its listing model).
pub(crate) fn known_fields(kind: ProductKind) -> Vec<String> {
    let schemas: &[ModelSchema] = match kind {
        ProductKind::App | ProductKind::Flight => &[crate::model::devcenter::BaseListing::SCHEMA],
        ProductKind::Addon => &[crate::model::devcenter::AddonListing::SCHEMA],
        ProductKind::Win32 => &[crate::model::win32::Listing::SCHEMA],
    };
    let mut names: Vec<String> =
        schemas.iter().flat_map(|s| s.fields.iter().map(|f| f.wire_name())).filter(|n| n != "language").collect();
    if matches!(kind, ProductKind::App | ProductKind::Flight) {
        names.push("platformOverrides".into());
    }
    names
}

/// Reads Markdown with front matter into listing fields: the front matter's keys, and the body (trimmed,
/// when not empty) as `description`. Text without a first `---` line is all body.
///
/// # Errors
/// `(line, rule)` for a malformed front matter line or a front matter that is not closed.
pub fn front_matter(text: &str) -> Result<Map<String, Value>, (usize, String)> {
    let text = text.trim_start_matches('\u{feff}');
    let lines: Vec<&str> = text.lines().collect();
    let mut fields = Map::new();
    let mut body_start = 0;
    if lines.first().map(|l| l.trim_end()) == Some("---") {
        let close = lines
            .iter()
            .skip(1)
            .position(|l| l.trim_end() == "---")
            .map(|i| i + 1)
            .ok_or((1, "the front matter opened by `---` is not closed by a `---` line".to_string()))?;
        let mut list_key: Option<String> = None;
        for (i, raw) in lines[1..close].iter().enumerate() {
            let line_no = i + 2;
            let line = raw.trim_end();
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            if let Some(item) = line.trim_start().strip_prefix("- ").or_else(|| (line.trim() == "-").then_some("")) {
                let Some(k) = &list_key else {
                    return Err((line_no, "a `- item` line must follow a `key:` line".into()));
                };
                if let Some(Value::Array(items)) = fields.get_mut(k) {
                    items.push(Value::String(unquote(item.trim()).to_string()));
                }
                continue;
            }
            let Some((k, v)) = line.split_once(':') else {
                return Err((line_no, format!("expected `key: value`, `key:` or `- item`, got {:?}", line.trim())));
            };
            let key = k.trim();
            if key.is_empty() || key.contains(char::is_whitespace) {
                return Err((line_no, format!("`{}` is not a key (one word before the `:`)", k.trim())));
            }
            if fields.contains_key(key) {
                return Err((line_no, format!("`{key}` is given twice")));
            }
            let v = v.trim();
            if v.is_empty() {
                fields.insert(key.to_string(), Value::Array(Vec::new()));
                list_key = Some(key.to_string());
            } else {
                fields.insert(key.to_string(), Value::String(unquote(v).to_string()));
                list_key = None;
            }
        }
        body_start = close + 1;
    }
    let body = lines.get(body_start..).map(|l| l.join("\n")).unwrap_or_default();
    let body = body.trim();
    if !body.is_empty() {
        if fields.contains_key("description") {
            return Err((1, "`description` is both in the front matter and the body; give it once".into()));
        }
        fields.insert("description".into(), Value::String(body.to_string()));
    }
    Ok(fields)
}

/// A value written in matching quotes, without them (`"a: b"` → `a: b`).
fn unquote(v: &str) -> &str {
    for q in ['"', '\''] {
        if v.len() >= 2 && v.starts_with(q) && v.ends_with(q) {
            return &v[1..v.len() - 1];
        }
    }
    v
}

/// The listings of the folder `dir` (language → fields), with the issues of its files.
pub(crate) fn read(
    files: &dyn ProjectFiles,
    dir: &str,
    kind: ProductKind,
    issues: &mut Vec<Issue>,
) -> Result<BTreeMap<String, Map<String, Value>>, String> {
    let mut out: BTreeMap<String, Map<String, Value>> = BTreeMap::new();
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    let entries = files.list(dir)?.unwrap_or_default();
    let known = known_fields(kind);
    let known_refs: Vec<&str> = known.iter().map(String::as_str).collect();
    for e in entries.iter().filter(|e| !e.dir) {
        let path = join(dir, &e.name);
        let (lang, md) = match e.name.rsplit_once('.') {
            Some((l, ext)) if ext.eq_ignore_ascii_case("json") => (l, false),
            Some((l, ext)) if ext.eq_ignore_ascii_case("md") => (l, true),
            _ => {
                issues.push(Issue::warning(
                    codes::PROJECT_LISTINGS_FILE_IGNORED.code,
                    path.as_str(),
                    format!("{path} is neither <language>.json nor <language>.md; ignored"),
                ));
                continue;
            }
        };
        if !is_language(lang) {
            issues.push(Issue::error(
                codes::PROJECT_LISTINGS_LANGUAGE_UNKNOWN.code,
                path.as_str(),
                format!("{path}: `{lang}` is not a language of the Store's languages table (e.g. en-us, de-de, ja-jp)"),
            ));
            continue;
        }
        if let Some(first) = seen.insert(lang.to_ascii_lowercase(), path.clone()) {
            issues.push(Issue::error(
                codes::PROJECT_LISTINGS_DUPLICATE.code,
                path.as_str(),
                format!("{path} and {first} are both the listing of `{lang}`; keep one"),
            ));
            continue;
        }
        let text = match files.read(&path).map(String::from_utf8) {
            Ok(Ok(t)) => t,
            Ok(Err(_)) => {
                issues.push(unreadable(&path, "it is not UTF-8 text"));
                continue;
            }
            Err(e) => {
                issues.push(unreadable(&path, &e));
                continue;
            }
        };
        let fields = if md {
            match front_matter(&text) {
                Ok(f) => f,
                Err((line, rule)) => {
                    issues.push(Issue::error(
                        codes::PROJECT_LISTINGS_SYNTAX.code,
                        path.as_str(),
                        format!("{path} line {line}: {rule}"),
                    ));
                    continue;
                }
            }
        } else {
            match crate::validate::lenient_json::parse(&text) {
                Ok((Value::Object(m), _)) => m,
                Ok((other, _)) => {
                    let what = if other.is_array() { "a list" } else { "not an object" };
                    issues.push(Issue::error(
                        codes::PROJECT_LISTINGS_SYNTAX.code,
                        path.as_str(),
                        format!("{path} must hold one JSON object of listing fields, got {what}"),
                    ));
                    continue;
                }
                Err(e) => {
                    let detail =
                        e.issues().first().map(|i| i.message.clone()).unwrap_or_else(|| e.message().to_string());
                    issues.push(Issue::error(
                        codes::PROJECT_LISTINGS_SYNTAX.code,
                        path.as_str(),
                        format!("{path} is not JSON: {detail}"),
                    ));
                    continue;
                }
            }
        };
        for k in fields.keys() {
            if !known.iter().any(|f| f == k) {
                let hint = match crate::validate::fields_suggestion(k, &known_refs) {
                    Some(h) => format!("; did you mean `{h}`?"),
                    None => String::new(),
                };
                issues.push(Issue::warning(
                    codes::PROJECT_LISTINGS_FIELD_UNKNOWN.code,
                    format!("{path}#/{}", crate::model::files::pointer_segment(k)),
                    format!("{path}: `{k}` is not a documented {} listing field; sent as written{hint}", kind.as_str()),
                ));
            }
        }
        out.insert(lang.to_string(), fields);
    }
    Ok(out)
}

pub(crate) fn unreadable(path: &str, why: &str) -> Issue {
    Issue::error(codes::PROJECT_FILE_UNREADABLE.code, path, format!("cannot read {path}: {why}"))
}
