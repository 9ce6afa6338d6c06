//! Reading the project file: the text (TOML or JSON) → one JSON value, every table and key checked against
//! [`super::schema::FIELDS`] (every environment's tables too), the environment's tables merged over the
//! top-level ones, then the typed [`Project`].

use serde_json::{Map, Value};

use super::credentials::{self, CredentialNames};
use super::schema::{fields_of, quoted, FieldType, ENVIRONMENTS, FIELDS, SCHEMA_KEY, TABLES};
use super::{Format, ProductKind};
use crate::issue::Issue;
use crate::json::merge;
use crate::model::files::pointer_segment;
use crate::validate::codes;

/// The project as the resolver uses it (after the environment's overrides).
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Project {
    pub kind: Option<ProductKind>,
    pub id: Option<String>,
    pub flight: Option<String>,
    pub credentials: CredentialNames,
    pub package_globs: Vec<(String, String)>,
    pub keep_old: Option<bool>,
    pub listings_folder: Option<(String, String)>,
    pub images_folder: Option<(String, String)>,
    pub submission_file: Option<(String, String)>,
    pub rollout: Option<(f64, String)>,
    pub mandatory: Option<(bool, String)>,
    pub pending: Option<(String, String)>,
    pub wait: Option<(String, String)>,
}

/// The text as a JSON value, or the issue saying why it is not one.
pub(crate) fn parse_text(text: &str, format: Format, issues: &mut Vec<Issue>) -> Option<Value> {
    match format {
        Format::Json => match crate::validate::lenient_json::parse(text) {
            Ok((v, warnings)) => {
                issues.extend(warnings);
                Some(v)
            }
            Err(e) => {
                let detail = e.issues().first().map(|i| i.message.clone()).unwrap_or_else(|| e.message().to_string());
                issues.push(Issue::error(
                    codes::PROJECT_SYNTAX.code,
                    "",
                    format!("the project file is not JSON: {detail}"),
                ));
                None
            }
        },
        Format::Toml => match toml::from_str::<Value>(text.trim_start_matches('\u{feff}')) {
            Ok(v) => Some(v),
            Err(e) => {
                // the message only: toml's Display quotes the offending line, which may hold a secret
                let at = e.span().map(|s| line_col(text, s.start)).unwrap_or_default();
                issues.push(Issue::error(
                    codes::PROJECT_SYNTAX.code,
                    "",
                    format!("the project file is not TOML{at}: {}", e.message().trim()),
                ));
                None
            }
        },
    }
}

fn line_col(text: &str, offset: usize) -> String {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    format!(" (line {line}, column {col})")
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "a table",
    }
}

fn unknown(path: &str, key: &str, known: &[&'static str], what: &str) -> Issue {
    let hint = match crate::validate::fields_suggestion(key, known) {
        Some(s) => format!("; did you mean `{s}`?"),
        None => String::new(),
    };
    Issue::error(
        codes::PROJECT_FIELD_UNKNOWN.code,
        path,
        format!("`{key}` is not a key of {what} (known: {}){hint}", known.join(", ")),
    )
}

/// Checks every table of the document (top level and each environment) against the field description.
pub(crate) fn check_structure(doc: &Value, issues: &mut Vec<Issue>) {
    let Some(top) = doc.as_object() else {
        issues.push(Issue::error(
            codes::PROJECT_FIELD_TYPE.code,
            "",
            format!("the project file must be a table (an object), got {}", type_name(doc)),
        ));
        return;
    };
    let mut known: Vec<&'static str> = TABLES.iter().map(|(t, _)| *t).collect();
    known.push(ENVIRONMENTS);
    for (k, v) in top {
        match k.as_str() {
            SCHEMA_KEY => {}
            ENVIRONMENTS => match v {
                Value::Object(envs) => {
                    for (name, env) in envs {
                        let at = format!("/{ENVIRONMENTS}/{}", pointer_segment(name));
                        match env {
                            Value::Object(tables) => check_tables(&at, tables, issues, true),
                            other => issues.push(Issue::error(
                                codes::PROJECT_FIELD_TYPE.code,
                                at,
                                format!("environments.{name} must be a table, got {}", type_name(other)),
                            )),
                        }
                    }
                }
                other => issues.push(Issue::error(
                    codes::PROJECT_FIELD_TYPE.code,
                    "/environments",
                    format!("environments must be a table of environments, got {}", type_name(other)),
                )),
            },
            _ if TABLES.iter().any(|(t, _)| t == k) => {}
            _ => issues.push(unknown(&format!("/{}", pointer_segment(k)), k, &known, "the project file")),
        }
    }
    let tables: Map<String, Value> =
        top.iter().filter(|(k, _)| TABLES.iter().any(|(t, _)| t == k)).map(|(k, v)| (k.clone(), v.clone())).collect();
    check_tables("", &tables, issues, false);
}

fn check_tables(at: &str, tables: &Map<String, Value>, issues: &mut Vec<Issue>, environment: bool) {
    let names: Vec<&'static str> = TABLES.iter().map(|(t, _)| *t).collect();
    for (t, v) in tables {
        let path = format!("{at}/{}", pointer_segment(t));
        if !names.contains(&t.as_str()) {
            let what = if environment {
                "an environment (environments hold the top-level tables)"
            } else {
                "the project file"
            };
            issues.push(unknown(&path, t, &names, what));
            continue;
        }
        let Value::Object(fields) = v else {
            issues.push(Issue::error(
                codes::PROJECT_FIELD_TYPE.code,
                path,
                format!("[{t}] must be a table, got {}", type_name(v)),
            ));
            continue;
        };
        let keys: Vec<&'static str> = fields_of(t).map(|f| f.key).collect();
        for (k, value) in fields {
            let fpath = format!("{path}/{}", pointer_segment(k));
            let Some(f) = FIELDS.iter().find(|f| f.table == t && f.key == k) else {
                issues.push(unknown(&fpath, k, &keys, &format!("[{t}]")));
                continue;
            };
            check_value(&fpath, t, f.key, f.ty, value, issues);
        }
    }
}

fn check_value(path: &str, table: &str, key: &str, ty: FieldType, v: &Value, issues: &mut Vec<Issue>) {
    let wrong = |issues: &mut Vec<Issue>| {
        issues.push(Issue::error(
            codes::PROJECT_FIELD_TYPE.code,
            path,
            format!("{table}.{key} must be {}, got {}", ty.describe(), type_name(v)),
        ))
    };
    match (ty, v) {
        (FieldType::Str, Value::String(s)) => {
            if table == "credentials" {
                issues.extend(credentials::check(path, s));
            }
        }
        (FieldType::Bool, Value::Bool(_)) => {}
        (FieldType::Number { min, max }, Value::Number(n)) => {
            let x = n.as_f64().unwrap_or(f64::NAN);
            if !(min..=max).contains(&x) {
                issues.push(Issue::error(
                    codes::PROJECT_FIELD_VALUE.code,
                    path,
                    format!("{table}.{key} must be a number from {min} to {max}, got {x}"),
                ));
            }
        }
        (FieldType::Strings, Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                if !item.is_string() {
                    issues.push(Issue::error(
                        codes::PROJECT_FIELD_TYPE.code,
                        format!("{path}/{i}"),
                        format!("{table}.{key}[{i}] must be a string, got {}", type_name(item)),
                    ));
                }
            }
        }
        (FieldType::OneOf(values), Value::String(s)) => {
            if !values.contains(&s.as_str()) {
                let hint = match crate::validate::fields_suggestion(s, values) {
                    Some(h) => format!("; did you mean \"{h}\"?"),
                    None => String::new(),
                };
                issues.push(Issue::error(
                    codes::PROJECT_FIELD_VALUE.code,
                    path,
                    format!("{table}.{key} must be {}, got {s:?}{hint}", quoted(values)),
                ));
            }
        }
        _ => wrong(issues),
    }
}

/// The document with `environment`'s tables merged over the top-level ones (and `environments` removed),
/// and the function naming where a value came from.
pub(crate) fn apply_environment(doc: &Value, environment: Option<&str>, issues: &mut Vec<Issue>) -> Value {
    let mut merged = doc.clone();
    let envs = merged.as_object_mut().and_then(|m| m.remove(ENVIRONMENTS));
    if let Some(name) = environment {
        let found = envs.as_ref().and_then(|e| e.get(name)).filter(|e| e.is_object());
        match found {
            Some(env) => merge(&mut merged, env),
            None => {
                let names: Vec<String> =
                    envs.as_ref().and_then(Value::as_object).map(|m| m.keys().cloned().collect()).unwrap_or_default();
                let refs: Vec<&str> = names.iter().map(String::as_str).collect();
                let hint = match crate::validate::fields_suggestion(name, &refs) {
                    Some(h) => format!("; did you mean `{h}`?"),
                    None => String::new(),
                };
                issues.push(Issue::error(
                    codes::PROJECT_ENVIRONMENT_UNKNOWN.code,
                    format!("/{ENVIRONMENTS}"),
                    format!(
                        "the environment `{name}` is not defined (environments: {}){hint}",
                        if names.is_empty() { "none".to_string() } else { names.join(", ") }
                    ),
                ));
            }
        }
    }
    merged
}

/// Where a key of the merged document was written: in the environment's table when it sets it.
pub(crate) struct Origin<'a> {
    pub doc: &'a Value,
    pub environment: Option<&'a str>,
}

impl Origin<'_> {
    pub(crate) fn path(&self, table: &str, key: &str) -> String {
        if let Some(env) = self.environment {
            if self.doc.pointer(&format!("/{ENVIRONMENTS}/{}/{table}/{key}", pointer_segment(env))).is_some() {
                return format!("/{ENVIRONMENTS}/{}/{table}/{key}", pointer_segment(env));
            }
        }
        format!("/{table}/{key}")
    }
}

/// The typed project of a merged document whose structure was checked (values of the wrong type are
/// skipped: they are issues already).
pub(crate) fn project(merged: &Value, origin: &Origin<'_>) -> Project {
    let get = |t: &str, k: &str| merged.get(t).and_then(|v| v.get(k));
    let string =
        |t: &str, k: &str| get(t, k).and_then(Value::as_str).map(|s| (s.trim().to_string(), origin.path(t, k)));
    let mut p = Project {
        kind: get("product", "kind").and_then(Value::as_str).and_then(ProductKind::parse),
        id: string("product", "id").map(|s| s.0).filter(|s| !s.is_empty()),
        flight: string("product", "flight").map(|s| s.0).filter(|s| !s.is_empty()),
        ..Project::default()
    };
    let mut names = CredentialNames::default();
    for key in credentials::KEYS {
        let Some(v) = get("credentials", key).and_then(Value::as_str) else { continue };
        if credentials::check("", v).is_some() {
            continue;
        }
        match *key {
            "tenant_id" => names.tenant_id = v.to_string(),
            "client_id" => names.client_id = v.to_string(),
            "client_secret" => names.client_secret = v.to_string(),
            "service_connection_id" => names.service_connection_id = Some(v.to_string()),
            "token_file" => names.token_file = Some(v.to_string()),
            "token_command" => names.token_command = Some(v.to_string()),
            "certificate" => names.certificate = Some(v.to_string()),
            "certificate_password" => names.certificate_password = Some(v.to_string()),
            _ => names.seller_id = Some(v.to_string()),
        }
    }
    names.auth = get("credentials", "auth").and_then(Value::as_str).map(str::to_string);
    p.credentials = names;
    if let Some(Value::Array(globs)) = get("packages", "files") {
        let at = origin.path("packages", "files");
        p.package_globs = globs
            .iter()
            .enumerate()
            .filter_map(|(i, g)| Some((g.as_str()?.to_string(), format!("{at}/{i}"))))
            .collect();
    }
    p.keep_old = get("packages", "keep_old").and_then(Value::as_bool);
    p.listings_folder = string("listings", "folder");
    p.images_folder = string("listings", "images");
    p.submission_file = string("submission", "file");
    p.rollout = get("release", "rollout").and_then(Value::as_f64).map(|r| (r, origin.path("release", "rollout")));
    p.mandatory =
        get("release", "mandatory").and_then(Value::as_bool).map(|m| (m, origin.path("release", "mandatory")));
    p.pending = string("release", "pending");
    p.wait = string("release", "wait");
    p
}
