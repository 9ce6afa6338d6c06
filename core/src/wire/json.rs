//! The JSON forms of the host protocol's values: tasks out, completions in, progress events, errors.
//! Bodies and file data travel beside the JSON as bytes (see [`super`]).

use std::collections::HashMap;
use std::time::Duration;

use serde_json::{json, Map, Value};

use crate::error::{Error, ErrorKind, Result};
use crate::flow::Outcome;
use crate::http::HttpResponse;
use crate::json::decode;
use crate::secret::{redact_url, AccessToken};
use crate::task::{Completion, Progress, Task, TaskId, Work};
use crate::validate::FileSet;

/// A task as JSON, and the request body that goes with a `send` task (empty for others).
pub fn task_json(task: Task) -> (Value, Vec<u8>) {
    let id = task.id.0;
    match task.work {
        Work::Send { request, purpose } => {
            let headers: Vec<Value> = request.headers.iter().map(|(k, v)| json!([k, v])).collect();
            let v = json!({
                "id": id, "kind": "send", "method": request.method.as_str(), "url": request.url,
                "headers": headers, "timeout": request.timeout.map(|t| t.as_secs_f64()),
                "maxResponseBytes": request.max_response_bytes,
                "bodyLength": request.body.len(), "purpose": purpose,
            });
            (v, request.body)
        }
        Work::Wait { duration, reason } => {
            (json!({"id": id, "kind": "wait", "seconds": duration.as_secs_f64(), "reason": reason}), Vec::new())
        }
        Work::List { archive } => (json!({"id": id, "kind": "list", "archive": archive}), Vec::new()),
        Work::Stat { names } => (json!({"id": id, "kind": "stat", "names": names}), Vec::new()),
        Work::Read { name, offset, len } => {
            (json!({"id": id, "kind": "read", "name": name, "offset": offset, "length": len}), Vec::new())
        }
        Work::Token { family, scope } => {
            (json!({"id": id, "kind": "token", "family": family, "scope": scope}), Vec::new())
        }
        Work::Write { offset, data } => {
            (json!({"id": id, "kind": "write", "offset": offset, "length": data.len()}), data)
        }
        Work::File { path } => (json!({"id": id, "kind": "file", "path": path}), Vec::new()),
        Work::Command { argv } => (json!({"id": id, "kind": "command", "argv": argv}), Vec::new()),
    }
}

/// The most bytes a task's answer may hold: a `send` task's request limit, none for other tasks.
pub(crate) fn response_cap(task: &Task) -> Option<u64> {
    match &task.work {
        Work::Send { request, .. } => Some(request.max_response_bytes),
        _ => None,
    }
}

/// A host's answer to a task, refused (`response_too_large`) when it is a response longer than the
/// request accepts: a host transport that read more than the limit cannot make the run parse it, and
/// every host ends with the same typed error as the bundled transport.
pub(crate) fn capped(c: Completion, cap: Option<u64>) -> Completion {
    match (c, cap) {
        (Completion::Response(r), Some(max)) if r.body.len() as u64 > max => {
            Completion::Failed(crate::http::response_too_large(&r.body.len().to_string(), max))
        }
        (c, _) => c,
    }
}

/// The JSON of the tasks of a `run` step; the bodies of `send` and `write` tasks are kept in `bodies`
/// under their ids, for the host's `take_body`.
pub(crate) fn tasks_json(tasks: Vec<Task>, bodies: &mut HashMap<TaskId, Vec<u8>>) -> Vec<Value> {
    tasks
        .into_iter()
        .map(|t| {
            let id = t.id;
            let (v, body) = task_json(t);
            if !body.is_empty() {
                bodies.insert(id, body);
            }
            v
        })
        .collect()
}

/// A task's one-line description without secrets (no header values, the URL redacted), for a host's
/// debug log.
pub fn describe_task(task: &Value) -> String {
    let id = task.get("id").and_then(Value::as_u64).unwrap_or_default();
    let kind = task.get("kind").and_then(Value::as_str).unwrap_or("?");
    match kind {
        "send" => format!(
            "#{id} send {} {}",
            task.get("method").and_then(Value::as_str).unwrap_or("?"),
            redact_url(task.get("url").and_then(Value::as_str).unwrap_or(""))
        ),
        "read" => format!("#{id} read {}", task.get("name").and_then(Value::as_str).unwrap_or("?")),
        _ => format!("#{id} {kind}"),
    }
}

/// Reads a completion: `{"id", "kind": "response" | "failed" | "waited" | "files" | "sizes" | "data" |
/// "written" | "token", …}`,
/// with `data` the response body or the file bytes.
///
/// # Errors
/// `invalid_argument` naming the field and its rule.
pub fn completion_from_json(v: &Value, data: Vec<u8>) -> Result<(TaskId, Completion)> {
    let obj = v.as_object().ok_or_else(|| Error::invalid_argument("completion: must be a JSON object"))?;
    let id = obj
        .get("id")
        .and_then(Value::as_u64)
        .ok_or_else(|| Error::invalid_argument("completion/id: must be the task's id (a whole number)"))?;
    let kind = str_field(obj, "kind")?;
    let completion = match kind {
        "response" => {
            let status = obj
                .get("status")
                .and_then(Value::as_u64)
                .filter(|s| (100..=999).contains(s))
                .ok_or_else(|| Error::invalid_argument("completion/status: must be an HTTP status from 100 to 999"))?;
            let headers = headers_from_json(obj.get("headers"), "completion/headers")?;
            Completion::Response(HttpResponse { status: status as u16, headers, body: data })
        }
        "failed" => Completion::Failed(error_from_json(obj.get("error").unwrap_or(&Value::Null))?),
        "waited" => Completion::Waited,
        "written" => Completion::Written,
        "sizes" => Completion::Sizes(decode("completion/sizes", obj.get("sizes").unwrap_or(&Value::Null))?),
        "files" => Completion::Files(files_from_json(obj.get("files"))?),
        "data" => Completion::Data(data),
        "token" => {
            let token = str_field(obj, "token")?;
            let expires = obj
                .get("expiresOn")
                .and_then(Value::as_f64)
                .filter(|t| *t >= 0.0)
                .ok_or_else(|| Error::invalid_argument("completion/expiresOn: must be a unix time in seconds"))?;
            let obtained = obj.get("obtainedAt").and_then(Value::as_f64).unwrap_or(0.0);
            Completion::Token(AccessToken {
                token: token.into(),
                obtained_at: obtained as u64,
                expires_at: expires as u64,
            })
        }
        other => {
            return Err(Error::invalid_argument(format!(
                "completion/kind: must be \"response\", \"failed\", \"waited\", \"files\", \"sizes\", \"data\", \"written\" or \"token\", got {other:?}"
            )))
        }
    };
    Ok((TaskId(id), completion))
}

/// The host's files, as a `list` task's completion gives them: `[{"name", "size"}…]` (`size` 0: an empty
/// file; `size` null: present but unsafe, a link leaving the folder).
fn files_from_json(v: Option<&Value>) -> Result<FileSet> {
    let items = v
        .and_then(Value::as_array)
        .ok_or_else(|| Error::invalid_argument("completion/files: must be a list of {name, size}"))?;
    let mut set = FileSet::new();
    for (i, item) in items.iter().enumerate() {
        let name = item
            .get("name")
            .and_then(Value::as_str)
            .ok_or_else(|| Error::invalid_argument(format!("completion/files/{i}/name: must be a string")))?;
        match item.get("size") {
            Some(Value::Null) => set.insert_unsafe(name),
            Some(n) if n.as_u64() == Some(0) => set.insert_empty(name),
            _ => set.insert(name),
        }
    }
    Ok(set)
}

fn str_field<'a>(obj: &'a Map<String, Value>, key: &str) -> Result<&'a str> {
    obj.get(key)
        .and_then(Value::as_str)
        .ok_or_else(|| Error::invalid_argument(format!("completion/{key}: must be a string")))
}

/// A response as a host or a vector writes it: `{status, headers, text | json}` (no body: empty);
/// errors name the field under `at`.
pub(crate) fn response_from_json(v: &Value, at: &str) -> Result<HttpResponse> {
    let bad = |rule: &str| Error::invalid_argument(format!("{at}: {rule}"));
    let obj = v.as_object().ok_or_else(|| bad("must be an object {status, headers, text | json}"))?;
    let status = obj
        .get("status")
        .and_then(Value::as_u64)
        .and_then(|s| u16::try_from(s).ok())
        .filter(|s| (100..=999).contains(s))
        .ok_or_else(|| bad("status must be an HTTP status from 100 to 999"))?;
    let body = match (obj.get("json"), obj.get("text")) {
        (Some(j), _) => serde_json::to_vec(j).unwrap_or_default(),
        (None, Some(Value::String(t))) => t.as_bytes().to_vec(),
        (None, Some(_)) => return Err(bad("text must be a string")),
        (None, None) => Vec::new(),
    };
    let mut resp = HttpResponse::new(status, body);
    resp.headers = headers_from_json(obj.get("headers"), &format!("{at}/headers"))?;
    Ok(resp)
}

/// Headers as a host passes them: a list of `[name, value]` pairs, or an object of name → value;
/// errors name the field `at`.
pub(crate) fn headers_from_json(v: Option<&Value>, at: &str) -> Result<Vec<(String, String)>> {
    let rule = || Error::invalid_argument(format!("{at}: must be a list of [name, value] string pairs"));
    match v {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(items)) => items
            .iter()
            .map(|p| match p.as_array().map(Vec::as_slice) {
                Some([Value::String(k), Value::String(v)]) => Ok((k.clone(), v.clone())),
                _ => Err(rule()),
            })
            .collect(),
        // an object of name → value is accepted too (what fetch's Headers and most HTTP clients give)
        Some(Value::Object(m)) => {
            m.iter().map(|(k, v)| v.as_str().map(|s| (k.clone(), s.to_string())).ok_or_else(rule)).collect()
        }
        Some(_) => Err(rule()),
    }
}

/// An error as JSON: `{code, number, message, status, retryable, retryAfter, correlationId, serverErrors,
/// issues, request, resumeToken}` (secrets already scrubbed from the message by [`Error::new`];
/// `request` is `{op, method, url}` with the URL redacted, or null; `resumeToken` the string a resume
/// takes, or null).
pub fn error_json(e: &Error) -> Value {
    json!({
        "code": e.code(), "number": e.kind().number(), "message": e.message(), "status": e.status(),
        "retryable": e.is_retryable(), "retryAfter": e.retry_after().map(|d| d.as_secs_f64()),
        "correlationId": e.correlation_id(), "serverErrors": e.server_errors(), "issues": e.issues(),
        "request": e.request(), "resumeToken": e.resume_token(),
    })
}

/// A workflow's outcome as JSON, camelCase, its resume token in string form (what every surface hands out).
pub fn outcome_json(o: &Outcome) -> Value {
    serde_json::to_value(o).unwrap_or(Value::Null)
}

/// A host's failure (`{"code": "transport" | "timeout" | "io" | …, "message"}`) as an [`Error`]; the code
/// is one of the manifest's error codes (or its number under `number`).
///
/// # Errors
/// `invalid_argument` when neither names a known error.
pub fn error_from_json(v: &Value) -> Result<Error> {
    let kind = match (v.get("code").and_then(Value::as_str), v.get("number").and_then(Value::as_u64)) {
        (Some(c), _) => ErrorKind::from_code(c),
        (None, Some(n)) => u32::try_from(n).ok().and_then(ErrorKind::from_number),
        _ => None,
    }
    .ok_or_else(|| Error::invalid_argument("completion/error/code: must be one of the error codes (allErrorCodes)"))?;
    let message = v.get("message").and_then(Value::as_str).unwrap_or("the host reported a failure");
    let mut e = Error::new(kind, message);
    if let Some(s) = v.get("status").and_then(Value::as_u64).and_then(|s| u16::try_from(s).ok()) {
        e = e.with_status(s);
    }
    if let Some(r) = v.get("retryAfter").and_then(Value::as_f64).filter(|r| r.is_finite() && *r >= 0.0) {
        e = e.with_retry_after(Duration::from_secs_f64(r.min(86_400.0)));
    }
    Ok(e)
}

/// A progress event as JSON: `{"kind": "stage", "stage"}`, `{"kind": "request", "method", "url" (redacted),
/// "status", "purpose"}`, `{"kind": "wait", "seconds", "reason"}`, `{"kind": "upload", "done", "total"}`
/// `{"kind": "pack", "done", "total"}` or `{"kind": "resumable", "resumeToken"}` (the resume token's string
/// form); each with `message`, the event as one log line.
pub fn progress_json(p: &Progress) -> Value {
    let mut v = match p {
        Progress::Stage(s) => json!({"kind": "stage", "stage": s}),
        Progress::Request { method, url, status, purpose } => json!({
            "kind": "request", "method": method.as_str(), "url": redact_url(url), "status": status, "purpose": purpose,
        }),
        Progress::Wait { duration, reason } => {
            json!({"kind": "wait", "seconds": duration.as_secs_f64(), "reason": reason})
        }
        Progress::Upload { done, total } => json!({"kind": "upload", "done": done, "total": total}),
        Progress::Pack { done, total } => json!({"kind": "pack", "done": done, "total": total}),
        Progress::Resumable(token) => json!({"kind": "resumable", "resumeToken": token.to_json()}),
    };
    v["message"] = json!(p.to_string());
    v
}
