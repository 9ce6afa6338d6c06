//! The interface between the shared engine ([`super::Flow`]) and one workflow's logic: the calls a
//! [`Workflow`] asks for, the replies it gets, and the helpers every workflow reads responses with.

use std::fmt;
use std::time::Duration;

use serde_json::Value;

use super::types::{Finding, FlowConfig, Outcome, Upload};
use crate::api::Operation;
use crate::error::{Error, ErrorKind, Result, ServerError};
use crate::http::HttpResponse;

/// A call a workflow wants made: an operation of the route table (named with `op!`, so checked
/// while compiling) and its arguments (see [`crate::api::build`]; `sellerId` is added for win32 calls).
#[derive(Clone, Debug)]
pub(crate) struct Call {
    pub op: &'static Operation,
    pub args: Value,
}

impl Call {
    pub(crate) fn new(op: &'static Operation, args: Value) -> Self {
        Call { op, args }
    }
}

/// What the engine tells a workflow.
#[derive(Debug)]
pub(crate) enum Reply {
    /// Begin.
    Start,
    /// The last call succeeded (2xx; win32 envelope `isSuccess` not false).
    Ok(HttpResponse),
    /// The last call failed for good (retries exhausted or not retryable).
    Failed(Error),
    /// The last (non-idempotent) call failed ambiguously: it may have taken effect. Re-read state.
    Ambiguous(Error),
    /// The upload succeeded.
    Uploaded,
    /// A poll delay is over.
    Waited,
}

impl Reply {
    /// The response of a successful call, or the error (an ambiguous failure counts as a failure).
    pub(crate) fn response(self) -> Result<HttpResponse> {
        match self {
            Reply::Ok(r) => Ok(r),
            Reply::Failed(e) | Reply::Ambiguous(e) => Err(e),
            other => {
                Err(Error::new(ErrorKind::InvalidResponse, format!("workflow expected a response, got {other:?}")))
            }
        }
    }

    /// The JSON body of a successful call.
    pub(crate) fn json(self) -> Result<Value> {
        let resp = self.response()?;
        json_body(&resp)
    }
}

/// What a workflow asks of the engine.
// One action exists at a time (returned by a workflow, consumed by the engine), so its size is moot.
#[allow(clippy::large_enum_variant)]
#[derive(Debug)]
pub(crate) enum Action {
    Call(Call),
    Upload(Upload),
    Poll(Duration),
    Done(Outcome),
}

/// One workflow's logic. Implemented by each workflow; driven by [`super::Flow`].
pub(crate) trait Workflow: fmt::Debug + Send {
    /// Advances on a reply.
    fn step(&mut self, reply: Reply, cfg: &FlowConfig) -> Result<Action>;
    /// A short name of the current stage (for progress output).
    fn stage(&self) -> String;
    /// The serialisable state (a [`crate::task::ResumeToken`] body), when the workflow can resume.
    fn checkpoint(&self) -> Option<Value> {
        None
    }
}

/// The JSON body of a response (`null` when empty).
pub(crate) fn json_body(resp: &HttpResponse) -> Result<Value> {
    if resp.body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Value::Null);
    }
    serde_json::from_slice(&resp.body)
        .map_err(|e| Error::invalid_response(format!("response is not JSON: {e}")).with_status(resp.status))
}

/// A string field of a JSON object.
pub(crate) fn str_of<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str).filter(|s| !s.is_empty())
}

/// Findings from an array of `{code, message, target}` items.
pub(crate) fn findings(v: Option<&Value>) -> Vec<Finding> {
    v.and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|e| Finding {
            code: e.get("code").or_else(|| e.get("errorCode")).and_then(Value::as_str).unwrap_or("").to_string(),
            message: crate::secret::redact_text(
                e.get("details").or_else(|| e.get("message")).and_then(Value::as_str).unwrap_or(""),
            ),
            target: e.get("target").or_else(|| e.get("resource")).and_then(Value::as_str).map(str::to_string),
        })
        .collect()
}

/// Turns findings into server errors (for typed errors such as `commit_failed`).
pub(crate) fn to_server_errors(f: &[Finding]) -> Vec<ServerError> {
    f.iter()
        .map(|f| ServerError { code: f.code.clone(), message: f.message.clone(), target: f.target.clone() })
        .collect()
}

/// Whether a 2xx win32 response is an envelope reporting failure (`isSuccess: false`).
pub(crate) fn envelope_failed(resp: &HttpResponse) -> bool {
    serde_json::from_slice::<Value>(&resp.body).ok().and_then(|v| v.get("isSuccess").and_then(Value::as_bool))
        == Some(false)
}
