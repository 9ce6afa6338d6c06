//! Which workflow a host asks for, as JSON: one object names the workflow and its arguments, so a
//! binding exposes every workflow without a constructor per workflow in its own code.

use serde_json::{Map, Value};

use crate::data::limits::LIST_PAGES_DEFAULT;
use crate::error::{Error, Result};
use crate::flow::devcenter::{self, RolloutAction, SubmissionOptions, Target};
use crate::flow::ingestion::{self, IngestionSpec};
use crate::flow::win32::{self, Win32Spec};
use crate::flow::{self, simple, Flow, FlowConfig, PendingPolicy, ResumeToken, StopAfter, SubmissionSpec};
use crate::options::decode;

/// The names [`workflow_from_json`] accepts under `"workflow"`.
pub const WORKFLOWS: &[&str] =
    &["submission", "rollout", "wait", "win32", "ingestion", "call", "listAll", "resume", "plan"];

/// Builds the flow a request names. The request is one object:
///
/// | `workflow` | other fields |
/// | --- | --- |
/// | `submission` | `target` (`{"type": "app", "app_id"}`, `{"type": "addon", "addon_id"}`, `{"type": "flight", "app_id", "flight_id"}`), `spec`, `stopAfter`, `pending` (`fail`, `reuse`, `recreate`), `archive` (a ready ZIP to upload as is) |
/// | `rollout` | `target`, `submissionId`, `action` (`{"action": "get" \| "update" \| "halt" \| "finalize", "percentage"}`) |
/// | `wait` | `target`, `submissionId`, `stopAfter`: wait for a committed submission started elsewhere |
/// | `win32` | `productId`, `spec`, `stopAfter` |
/// | `ingestion` | `productId`, `spec`, `stopAfter` |
/// | `call` | `op` (an operation id of the manifest), `args` |
/// | `listAll` | `op`, `args`, `maxPages` |
/// | `resume` | `token` (the resume token, as its string or its object), `stopAfter` |
/// | `plan` | `request` (a `submission` or `win32` request as above): a read-only dry run — only GET requests are sent; the outcome's `document` is the plan ([`crate::flow::plan::Plan`]: the requests the real run would send, with their bodies and ZIP entries, and the fields and files it changes) |
///
/// `stopAfter` is `draft`, `committed`, `certification` or `published` (the default).
///
/// # Errors
/// `invalid_argument` naming the field (`workflow/spec/rolloutPercentage: …`) and its rule, or the
/// unknown field.
pub fn workflow_from_json(cfg: FlowConfig, request: &Value) -> Result<Flow> {
    let obj = request.as_object().ok_or_else(|| Error::invalid_argument("workflow: must be a JSON object"))?;
    let name = obj.get("workflow").and_then(Value::as_str).ok_or_else(|| {
        Error::invalid_argument(format!("workflow/workflow: must name the workflow, one of {}", WORKFLOWS.join(", ")))
    })?;
    let allowed: &[&str] = match name {
        "submission" => &["target", "spec", "stopAfter", "pending", "archive"],
        "rollout" => &["target", "submissionId", "action"],
        "wait" => &["target", "submissionId", "stopAfter"],
        "win32" | "ingestion" => &["productId", "spec", "stopAfter"],
        "call" => &["op", "args"],
        "listAll" => &["op", "args", "maxPages"],
        "resume" => &["token", "stopAfter"],
        "plan" => &["request"],
        other => {
            return Err(Error::invalid_argument(format!(
                "workflow/workflow: must be one of {}, got {other:?}",
                WORKFLOWS.join(", ")
            )))
        }
    };
    if let Some(k) = obj.keys().find(|k| *k != "workflow" && !allowed.contains(&k.as_str())) {
        return Err(Error::invalid_argument(format!(
            "workflow/{k}: unknown field for the {name} workflow (known: {})",
            allowed.join(", ")
        )));
    }
    let f = Fields(obj);
    Ok(match name {
        "submission" => {
            let archive = match obj.get("archive") {
                None | Some(Value::Null) => None,
                Some(_) => Some(f.string("archive")?),
            };
            let options =
                SubmissionOptions { stop_after: f.stop_after()?, pending: f.opt::<PendingPolicy>("pending")?, archive };
            devcenter::submission(cfg, f.req("target")?, f.opt::<SubmissionSpec>("spec")?, options)
        }
        "rollout" => {
            let id = f.string("submissionId")?;
            devcenter::rollout(cfg, f.req::<Target>("target")?, id, f.req::<RolloutAction>("action")?)
        }
        "wait" => devcenter::wait_for(cfg, f.req::<Target>("target")?, &f.string("submissionId")?, f.stop_after()?),
        "win32" => win32::publish(cfg, f.string("productId")?, f.opt::<Win32Spec>("spec")?, f.stop_after()?),
        "ingestion" => {
            ingestion::publish(cfg, f.string("productId")?, f.req::<IngestionSpec>("spec")?, f.stop_after()?)
        }
        "call" => simple::call(cfg, &f.string("op")?, f.args())?,
        "plan" => match obj.get("request") {
            Some(r @ Value::Object(_)) => flow::plan::plan(cfg, r)?,
            _ => {
                return Err(Error::invalid_argument(
                    "workflow/request: must be a submission or win32 request (an object)",
                ))
            }
        },
        "listAll" => {
            let pages = match obj.get("maxPages") {
                None | Some(Value::Null) => LIST_PAGES_DEFAULT,
                Some(v) => v
                    .as_u64()
                    .and_then(|n| u32::try_from(n).ok())
                    .filter(|n| *n > 0)
                    .ok_or_else(|| Error::invalid_argument("workflow/maxPages: must be a whole number above 0"))?,
            };
            simple::list_all(cfg, &f.string("op")?, f.args(), pages)?
        }
        _ => {
            let token = match obj.get("token") {
                Some(Value::String(s)) => ResumeToken::from_json(s)?,
                Some(v @ Value::Object(_)) => ResumeToken::from_json(&v.to_string())?,
                _ => {
                    return Err(Error::invalid_argument("workflow/token: must be the resume token (string or object)"))
                }
            };
            flow::resume(cfg, &token, f.stop_after()?)?
        }
    })
}

/// The request's fields, read with errors that name them.
struct Fields<'a>(&'a Map<String, Value>);

impl Fields<'_> {
    fn req<T: serde::de::DeserializeOwned>(&self, key: &str) -> Result<T> {
        match self.0.get(key) {
            None | Some(Value::Null) => Err(Error::invalid_argument(format!("workflow/{key}: is required"))),
            Some(v) => decode(&format!("workflow/{key}"), v),
        }
    }

    fn opt<T: serde::de::DeserializeOwned + Default>(&self, key: &str) -> Result<T> {
        match self.0.get(key) {
            None | Some(Value::Null) => Ok(T::default()),
            Some(v) => decode(&format!("workflow/{key}"), v),
        }
    }

    fn string(&self, key: &str) -> Result<String> {
        match self.0.get(key).and_then(Value::as_str).map(str::trim) {
            Some(s) if !s.is_empty() => Ok(s.to_string()),
            _ => Err(Error::invalid_argument(format!("workflow/{key}: must be a non-empty string"))),
        }
    }

    fn stop_after(&self) -> Result<StopAfter> {
        match self.0.get("stopAfter") {
            None | Some(Value::Null) => Ok(StopAfter::default()),
            Some(Value::String(s)) => StopAfter::parse(s).ok_or_else(|| {
                Error::invalid_argument(format!(
                    "workflow/stopAfter: must be \"draft\", \"committed\", \"certification\" or \"published\", got {s:?}"
                ))
            }),
            Some(_) => Err(Error::invalid_argument("workflow/stopAfter: must be a string")),
        }
    }

    fn args(&self) -> Value {
        self.0.get("args").cloned().unwrap_or(Value::Null)
    }
}
