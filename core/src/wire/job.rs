//! One machine a host runs, built from a JSON request: a workflow ([`Flow`]) or a packaging job
//! ([`ZipJob`]), behind the one [`Machine`] interface with its output as JSON. The executor of
//! [`crate::host`] (native) and [`super::Run`] (JSON steps, for wasm and the JavaScript host loop) both
//! run a [`Job`], so every host gets every machine the same way.

use serde_json::{json, Value};

use super::json::outcome_json;
use super::workflow::workflow_from_json;
use crate::api::auth::{ClientCredentials, TokenCache};
use crate::error::{Error, Result};
use crate::flow::{Credentials, Flow};
use crate::model::DocumentKind;
use crate::options::ClientOptions;
use crate::package::ZipJob;
use crate::secret::Secret;
use crate::task::{Event, Machine, Progress, ResumeToken, Step, Tick};

/// A workflow or a packaging job, as a host runs it.
#[derive(Debug)]
pub enum Job {
    /// A workflow (publish, rollout, call, list, resume, plan, upload…).
    Flow(Box<Flow>),
    /// A ZIP built from the host's files to the host's output.
    Pack(Box<ZipJob>),
}

impl Job {
    /// Builds the job a request names: `{"workflow": "pack", "kind", "document"}` or `{"workflow":
    /// "pack", "names"}` for a packaging job; any other workflow request (see
    /// [`super::workflow_from_json`]) with the client `options`
    /// ([`crate::options::ClientOptions::from_json`]) and the client `secret` (none: the host answers
    /// `token` tasks from its own credential).
    ///
    /// # Errors
    /// `invalid_argument` naming the bad field of `options` or `request`.
    pub fn start(options: &Value, secret: Option<Secret>, request: &Value) -> Result<Job> {
        if request.get("workflow").and_then(Value::as_str) == Some("pack") {
            return Ok(Job::Pack(Box::new(pack_job(request)?)));
        }
        let opts = ClientOptions::from_json(options)?;
        let credentials = match secret {
            Some(s) => {
                if opts.tenant_id.is_empty() || opts.client_id.is_empty() {
                    return Err(Error::invalid_argument(
                        "options/tenantId, options/clientId: both are required with a client secret",
                    ));
                }
                Credentials::ClientSecret(ClientCredentials::new("", "", s.expose()))
            }
            None => Credentials::External,
        };
        Ok(Job::Flow(Box::new(workflow_from_json(opts.resolve(credentials)?, request)?)))
    }

    /// Uses tokens obtained earlier (a client shares its cache between the runs it makes).
    pub fn with_tokens(self, tokens: Option<TokenCache>) -> Job {
        match (self, tokens) {
            (Job::Flow(f), Some(t)) => Job::Flow(Box::new(f.with_tokens(t))),
            (job, _) => job,
        }
    }

    /// The tokens the job holds, to share with the client's next run (none for a packaging job).
    pub fn tokens(&self) -> Option<TokenCache> {
        match self {
            Job::Flow(f) => Some(f.tokens().clone()),
            Job::Pack(_) => None,
        }
    }
}

impl Machine for Job {
    type Output = Value;

    fn resume(&mut self, event: Event, tick: Tick) -> Step<Value> {
        match self {
            Job::Flow(f) => f.resume(event, tick).map(|o| outcome_json(&o)),
            Job::Pack(j) => j
                .resume(event, tick)
                .map(|r| json!({"size": r.size, "entries": r.entries, "inputBytes": r.input_bytes})),
        }
    }

    fn take_progress(&mut self) -> Vec<Progress> {
        match self {
            Job::Flow(f) => f.take_progress(),
            Job::Pack(j) => j.take_progress(),
        }
    }

    fn stage(&self) -> String {
        match self {
            Job::Flow(f) => f.stage(),
            Job::Pack(j) => j.stage(),
        }
    }

    fn resume_token(&self) -> Option<ResumeToken> {
        match self {
            Job::Flow(f) => f.resume_token(),
            Job::Pack(_) => None,
        }
    }
}

/// A packaging job from `{"workflow": "pack", "kind", "document"}` (the files a submission names) or
/// `{"workflow": "pack", "names": [...]}` (a plain list of files, each its own entry).
fn pack_job(request: &Value) -> Result<ZipJob> {
    let obj = request.as_object().ok_or_else(|| Error::invalid_argument("pack: must be a JSON object"))?;
    for key in obj.keys() {
        if !["workflow", "kind", "document", "names"].contains(&key.as_str()) {
            return Err(Error::invalid_argument(format!("pack/{key}: unknown field; expected kind, document, names")));
        }
    }
    match (obj.get("names"), obj.get("kind"), obj.get("document")) {
        (Some(Value::Array(names)), None, None) => {
            let names: Option<Vec<&str>> = names.iter().map(Value::as_str).collect();
            ZipJob::for_names(names.ok_or_else(|| Error::invalid_argument("pack/names: must list file names"))?)
        }
        (None, Some(Value::String(kind)), Some(doc)) => {
            let kind = kind
                .parse::<DocumentKind>()
                .map_err(|e| Error::invalid_argument(format!("pack/kind: {}", e.message())))?;
            ZipJob::for_submission(kind, doc)
        }
        _ => Err(Error::invalid_argument(
            "pack: give `kind` and `document` (a submission's files), or `names` (a list of files)",
        )),
    }
}
