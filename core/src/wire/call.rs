//! The core's offline functions as JSON in, JSON out: one entry point ([`call`]) that a C ABI, a wasm
//! module or a Node addon exports once, instead of a wrapper per function in every binding. The names,
//! parameters and defaults are the surface's ([`crate::surface::CALLS`], in the manifest under
//! `surface.calls`), so generated code and documentation read them from one place.

use serde_json::{json, Map, Value};

use super::json::response_from_json;
use super::vectors::blob_vector;
use crate::api::{self, Endpoints};
use crate::error::{Error, Result};
use crate::flow::preflight;
use crate::flow::win32::Win32Spec;
use crate::json::decode;
use crate::model::DocumentKind;
use crate::package::submission_entries;
use crate::spec::SubmissionSpec;
use crate::surface;
use crate::validate::{self, FileSet, Input};

/// Runs the function `name` with the fields of `args` (an object; `null` for none).
///
/// # Errors
/// `invalid_argument` for an unknown name, an unknown or malformed argument (naming it and its rule);
/// otherwise the function's own error (a `parseResponse` of an error response fails with that error).
pub fn call(name: &str, args: &Value) -> Result<Value> {
    let info = surface::call(name).ok_or_else(|| {
        Error::invalid_argument(format!(
            "unknown function `{name}`; one of {}",
            surface::CALLS.iter().map(|c| c.name).collect::<Vec<_>>().join(", ")
        ))
    })?;
    let empty = Map::new();
    let a = match args {
        Value::Null => &empty,
        Value::Object(m) => m,
        _ => return Err(Error::invalid_argument(format!("{name}: arguments must be a JSON object"))),
    };
    for key in a.keys() {
        if info.param(key).is_none() {
            let known: Vec<&str> = info.params.iter().map(|p| p.name).collect();
            return Err(Error::invalid_argument(format!(
                "{name}/{key}: unknown argument; expected {}",
                if known.is_empty() { "none".to_string() } else { known.join(", ") }
            )));
        }
    }
    let args = Args { name, a };
    match name {
        "manifest" => Ok(crate::manifest::manifest()),
        "tables" => Ok(crate::data::tables_json()),
        "documentKinds" => Ok(json!(DocumentKind::ALL.iter().map(|k| k.as_str()).collect::<Vec<_>>())),
        "validate" => validate_call(&args),
        "preflight" => preflight(&args),
        "guessKind" => Ok(json!(validate::guess_kind(args.required("document")?).map(DocumentKind::as_str))),
        "packageEntries" => {
            let entries = submission_entries(args.kind("kind")?, args.required("document")?)?;
            Ok(entries
                .into_iter()
                .map(|e| json!({"name": e.name, "sourceName": e.source_name, "pointers": e.pointers}))
                .collect())
        }
        "buildRequest" => build_request(&args),
        "parseResponse" => parse_response(&args),
        "parseJson" => {
            let (document, issues) = validate::lenient_json::parse(args.str("text")?)?;
            Ok(json!({"document": document, "issues": issues}))
        }
        "loadProject" => project(&args),
        "redact" => Ok(json!(crate::secret::redact_text(args.str("text")?))),
        "redactUrl" => Ok(json!(crate::secret::redact_url(args.str("url")?))),
        "secretsToMask" => {
            let after = match args.get("after") {
                None | Some(Value::Null) => 0,
                Some(v) => v.as_u64().ok_or_else(|| {
                    Error::invalid_argument("secretsToMask/after: must be a whole number (the previous call's `next`)")
                })?,
            };
            let (values, next) = crate::secret::remembered_after(after);
            Ok(json!({"values": values, "next": next}))
        }
        "connectionFile" => {
            let name = match args.get("name") {
                Some(_) => args.str("name")?,
                None => "(text)",
            };
            crate::connection::read_text(args.str("text")?, name)
        }
        "resolveConnection" => crate::connection::wire_call(args.a),
        "summary" => summary(&args),
        "blobVector" => blob_vector(args.str("file")?, args.required("case")?),
        other => Err(Error::invalid_argument(format!("{other}: is not an offline function"))),
    }
}

/// The arguments of one call, with errors naming `name/field`.
struct Args<'a> {
    name: &'a str,
    a: &'a Map<String, Value>,
}

impl Args<'_> {
    fn get(&self, key: &str) -> Option<&Value> {
        self.a.get(key).filter(|v| !v.is_null())
    }

    fn required(&self, key: &str) -> Result<&Value> {
        self.get(key).ok_or_else(|| self.bad(key, "is required"))
    }

    fn str(&self, key: &str) -> Result<&str> {
        self.required(key)?.as_str().ok_or_else(|| self.bad(key, "must be a string"))
    }

    fn kind(&self, key: &str) -> Result<DocumentKind> {
        self.str(key)?.parse::<DocumentKind>().map_err(|e| self.bad(key, e.message()))
    }

    fn bad(&self, key: &str, rule: &str) -> Error {
        Error::invalid_argument(format!("{}/{key}: {rule}", self.name))
    }
}

fn validate_call(args: &Args<'_>) -> Result<Value> {
    let kind = match args.get("kind") {
        Some(_) => Some(args.kind("kind")?),
        None => None,
    };
    // an explicit `"document": null` is a document (one that fails its rules), not a missing argument; a
    // string is the document's text, read leniently
    let input = match args.a.get("document") {
        Some(Value::String(t)) => Input::Text(t),
        Some(d) => Input::Document(d),
        None => return Err(args.bad("document", "is required: the document (JSON) or its text (a string)")),
    };
    let files = file_set(args)?;
    let checked = match args.get("change") {
        None | Some(Value::Bool(false)) => validate::check(input, kind, files.as_ref())?,
        Some(Value::Bool(true)) => validate::check_change(input, kind, files.as_ref())?,
        Some(_) => return Err(args.bad("change", "must be true or false")),
    };
    Ok(json!({
        "valid": checked.valid(),
        "kind": checked.kind.map(DocumentKind::as_str),
        "issues": checked.issues,
    }))
}

/// The files of `files` (a folder, listed here; a list of names; or name → size: 0 is an empty file), if
/// given.
fn file_set(args: &Args<'_>) -> Result<Option<FileSet>> {
    Ok(match args.get("files") {
        None => None,
        Some(Value::String(dir)) => Some(folder_set(args, dir)?),
        Some(Value::Array(items)) => {
            let names: Option<Vec<&str>> = items.iter().map(Value::as_str).collect();
            Some(FileSet::from_names(names.ok_or_else(|| args.bad("files", "must list names (strings)"))?))
        }
        Some(Value::Object(sizes)) => {
            let mut set = FileSet::new();
            for (n, size) in sizes {
                match size.as_u64() {
                    Some(0) => set.insert_empty(n),
                    Some(size) => set.insert_sized(n, size),
                    None => return Err(args.bad("files", "must map each name to its size in bytes")),
                }
            }
            Some(set)
        }
        Some(_) => return Err(args.bad("files", "must be a folder, a list of names or an object of name → size")),
    })
}

/// The files of a local folder, as a publish lists them (names, sizes, empty files, links out of it, the
/// first bytes of media files); a folder that does not exist is one `files.folder_missing` issue.
#[cfg(not(target_arch = "wasm32"))]
fn folder_set(_args: &Args<'_>, dir: &str) -> Result<FileSet> {
    crate::files::LocalFiles::new(dir).list(None)
}

#[cfg(target_arch = "wasm32")]
fn folder_set(args: &Args<'_>, _dir: &str) -> Result<FileSet> {
    Err(args.bad("files", "cannot be a folder here (no filesystem): pass a list of names or name → size"))
}

/// The project file at `path`, resolved (native: it reads the file and its folder).
#[cfg(not(target_arch = "wasm32"))]
fn project(args: &Args<'_>) -> Result<Value> {
    let environment = match args.get("environment") {
        Some(_) => Some(args.str("environment")?),
        None => None,
    };
    Ok(crate::project::load(std::path::Path::new(args.str("path")?), environment)?.to_json())
}

#[cfg(target_arch = "wasm32")]
fn project(args: &Args<'_>) -> Result<Value> {
    Err(args.bad("path", "has no meaning here (no filesystem): resolve the text with the core's project::resolve_text"))
}

fn preflight(args: &Args<'_>) -> Result<Value> {
    let spec = args.required("spec")?;
    let files = file_set(args)?;
    if args.str("kind")? == "win32" {
        let spec: Win32Spec = decode("preflight/spec", spec)?;
        preflight::check_win32(&spec, files.as_ref())?;
    } else {
        let spec: SubmissionSpec = decode("preflight/spec", spec)?;
        preflight::check_submission(args.kind("kind")?, &spec, files.as_ref())?;
    }
    Ok(Value::Null)
}

fn summary(args: &Args<'_>) -> Result<Value> {
    let plan = args.get("plan");
    let markdown = match (args.get("outcome"), args.get("error")) {
        (Some(_), Some(_)) => {
            return Err(args.bad("error", "give `outcome` (a run that finished) or `error`, not both"))
        }
        (_, Some(e)) if !e.is_object() => return Err(args.bad("error", "must be an error object ({code, message, …})")),
        (_, Some(e)) => crate::report::failure_markdown(e, plan),
        (outcome, None) => crate::report::summary_markdown(outcome.unwrap_or(&Value::Null), plan),
    };
    Ok(json!({ "markdown": markdown }))
}

fn build_request(args: &Args<'_>) -> Result<Value> {
    let custom = match args.get("endpoints") {
        Some(e) => Some(Endpoints::from_json_at(e, "buildRequest/endpoints")?),
        None => None,
    };
    let endpoints = custom.unwrap_or_else(Endpoints::production);
    let req = api::build(&endpoints, args.str("op")?, args.get("args").unwrap_or(&Value::Null))?;
    let headers: Vec<Value> = req.headers.iter().map(|(k, v)| json!([k, v])).collect();
    Ok(json!({
        "method": req.method.as_str(),
        "url": req.url,
        "headers": headers,
        "timeout": req.timeout.map(|t| t.as_secs_f64()),
        "body": String::from_utf8_lossy(&req.body),
    }))
}

fn parse_response(args: &Args<'_>) -> Result<Value> {
    let resp = response_from_json(args.required("response")?, "parseResponse/response")?;
    let op = match args.get("op") {
        Some(_) => Some(args.str("op")?),
        None => None,
    };
    api::parse_result(op, &resp)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_function_answers_and_unknown_input_names_the_field() {
        for c in surface::CALLS {
            let r = call(c.name, &Value::Null);
            if c.name == "resolveConnection" {
                // every argument is optional, and nothing given is a missing credential
                assert_eq!(r.unwrap_err().code(), "invalid_argument");
                continue;
            }
            if c.params.iter().all(|p| !p.required) {
                assert!(r.is_ok(), "{}: {r:?}", c.name);
            } else {
                let e = r.unwrap_err();
                assert!(e.message().starts_with(c.name), "{}: {}", c.name, e.message());
            }
        }
        let e = call("validate", &json!({"document": {}, "colour": 1})).unwrap_err();
        assert!(e.message().contains("validate/colour"), "{}", e.message());
        assert!(call("nope", &Value::Null).unwrap_err().message().contains("buildRequest"));
        assert!(call("redact", &json!([])).is_err());
    }

    #[test]
    fn validate_reads_text_leniently_and_cross_checks_sized_files() {
        let text = r#"{"applicationCategory": "Games_Fighting", "applicationPackages": [
            {"fileName": "App.msixupload", "fileStatus": "PendingUpload"},],}"#;
        let v = call("validate", &json!({"document": text, "files": {"App.msixupload": 0}})).unwrap();
        assert_eq!(v["kind"], "app-submission");
        assert_eq!(v["valid"], false);
        let codes: Vec<&str> = v["issues"].as_array().unwrap().iter().map(|i| i["code"].as_str().unwrap()).collect();
        assert!(codes.contains(&"files.empty"), "{codes:?}");
        assert!(codes.iter().any(|c| c.starts_with("json.")), "{codes:?}");
        let null = call("validate", &json!({"document": null, "kind": "win32-metadata"})).unwrap();
        assert_eq!(null["valid"], false);
        let not_json = call("validate", &json!({"document": "{", "kind": "app-submission"})).unwrap();
        assert_eq!(not_json["valid"], false);
        assert_eq!(not_json["kind"], "app-submission", "the kind named stays the answer's");
        assert!(call("validate", &json!({"document": "{"})).unwrap()["kind"].is_null());
        let dir = std::env::temp_dir().join(format!("storesubmit-call-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("App.msixupload"), b"").unwrap();
        let doc: Value = serde_json::from_str(&text.replace(",]", "]").replace(",}", "}")).unwrap();
        let v = call("validate", &json!({"document": doc, "files": dir.to_str().unwrap()})).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(v["issues"].as_array().unwrap().iter().any(|i| i["code"] == "files.empty"), "{v}");
        let spec = json!({"changes": {"applicationPackages": [{"fileName": "App.msixupload"}]}});
        assert!(call("preflight", &json!({"kind": "app-submission", "spec": spec, "files": {"App.msixupload": 9}}))
            .unwrap()
            .is_null());
        let e =
            call("preflight", &json!({"kind": "app-submission", "spec": spec, "files": ["other.bin"]})).unwrap_err();
        assert_eq!(e.code(), "missing_files");
        let guess = call("validate", &json!({"document": {"x": 1}})).unwrap_err();
        assert!(guess.message().contains("app-submission"), "{}", guess.message());
    }

    #[test]
    fn summary_answers_markdown_for_an_outcome_a_plan_or_neither() {
        let outcome =
            json!({"flow": "app-submission", "stage": "published", "submission_id": "115", "status": "Published"});
        let plan =
            json!({"requests": [], "changes": [{"path": "/listings/en-us/baseListing/title", "from": "A", "to": "B"}]});
        let md = call("summary", &json!({"outcome": outcome, "plan": plan})).unwrap();
        let md = md["markdown"].as_str().unwrap();
        assert!(md.contains("| Submission id | 115 |") && md.contains("| A | B |"), "{md}");
        let conn = call("connectionFile", &json!({"text": "{\"token_url\": \"http://t\"}", "name": "e.json"})).unwrap();
        assert_eq!(conn["tokenUrl"], "http://t");
        let e = call("connectionFile", &json!({"text": "{\"x\": 1}", "name": "e.json"})).unwrap_err();
        assert!(e.message().contains("e.json") && e.message().contains("`x`"), "{}", e.message());
        let none = call("summary", &Value::Null).unwrap();
        assert!(none["markdown"].as_str().unwrap().contains("nothing ran"));
        assert!(call("summary", &json!({"result": {}})).unwrap_err().message().contains("summary/result"));
        let failed =
            call("summary", &json!({"error": {"code": "not_found", "message": "no app"}, "plan": plan})).unwrap();
        assert!(failed["markdown"].as_str().unwrap().contains("| Error code | not_found |"), "{failed}");
        let both = call("summary", &json!({"error": {"code": "x"}, "outcome": {"flow": "f"}})).unwrap_err();
        assert!(both.message().contains("summary/error"), "{}", both.message());
    }

    #[test]
    fn requests_and_responses_round_trip_through_json() {
        let r = call("buildRequest", &json!({"op": "devcenter.get_app", "args": {"applicationId": "9N1"}})).unwrap();
        assert_eq!(r["method"], "GET");
        assert!(r["url"].as_str().unwrap().ends_with("/my/applications/9N1"), "{}", r["url"]);
        let ok = call("parseResponse", &json!({"response": {"status": 200, "json": {"id": "9N1"}}})).unwrap();
        assert_eq!(ok["id"], "9N1");
        let e = call(
            "parseResponse",
            &json!({"op": "devcenter.get_app", "response": {"status": 404, "headers": {"MS-CorrelationId": "c1"}}}),
        )
        .unwrap_err();
        assert_eq!(e.code(), "not_found");
        let win32 = call(
            "parseResponse",
            &json!({"op": "win32.get_packages", "response": {"status": 200, "json": {"isSuccess": false, "errors": []}}}),
        );
        assert!(win32.is_err());
        let token = call(
            "parseResponse",
            &json!({"op": "token.v2", "response": {"status": 200, "json": {"access_token": "SECRETtok", "expires_in": 3599}}}),
        )
        .unwrap();
        assert_eq!(token, json!({"tokenType": "Bearer", "expiresAt": 3599}));
    }
}
