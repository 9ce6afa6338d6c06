//! The Partner Center ingestion workflow: product → branches → submission → (promote) → published.
//!
//! 1. Read the product (it must exist) and list its submissions, remembering their ids.
//! 2. For each module to submit (`Listing`, `Package`, `Availability`, `Property` by default), list the
//!    product's branches of that module and take the main branch's current draft instance.
//! 3. Create a submission of those draft instances to the target scope (`Preview` by default).
//! 4. Poll the submission until it is ready (preview: `ReadyToPublish`; live: `Published`/`InStore`), or
//!    fails (`Failed`, `FailedInCertification`: the validations are read and reported).
//! 5. With [`IngestionSpec::promote`], promote the preview submission to live and poll again.
//!
//! A lost answer to the create call is checked by listing the submissions again: a submission whose id
//! was not there before is the one that was created, and it is adopted (never a second submission).
//! Promote is checked the same way, by reading the submission back.

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::{findings, str_of, to_server_errors, Action, Call, Flow, FlowConfig, Machine, Outcome, Reply, StopAfter};
use crate::error::{Error, ErrorKind, Result};

/// Modules submitted when [`IngestionSpec::modules`] is empty.
pub const DEFAULT_MODULES: &[&str] = &["Listing", "Package", "Availability", "Property"];

/// What an ingestion workflow submits.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct IngestionSpec {
    /// Modules whose current drafts are submitted (empty: [`DEFAULT_MODULES`]). A module without a
    /// branch is skipped.
    #[serde(default)]
    pub modules: Vec<String>,
    /// The target scope (`Preview` or `Live`).
    #[serde(default = "default_scope")]
    pub scope: String,
    /// After the preview is ready, promote it to live.
    #[serde(default)]
    pub promote: bool,
    /// `publishOption` of the submission (e.g. `{"isManualPublish": false}`), passed as is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publish_option: Option<Value>,
}

fn default_scope() -> String {
    "Preview".into()
}

impl Default for IngestionSpec {
    fn default() -> Self {
        IngestionSpec { modules: Vec::new(), scope: default_scope(), promote: false, publish_option: None }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stage {
    Start,
    ReadProduct,
    ListBefore,
    Branches,
    Create,
    VerifyCreate,
    Poll,
    Validations,
    Promote,
    VerifyPromote,
    Done,
}

#[derive(Debug)]
struct IngestionMachine {
    product_id: String,
    spec: IngestionSpec,
    stop_after: StopAfter,
    stage: Stage,
    modules: Vec<String>,
    module_index: usize,
    resources: Vec<Value>,
    existing: Vec<String>,
    submission_id: Option<String>,
    adopted: bool,
    promoted: bool,
    attempts: u32,
    polls: u32,
    last: Option<Value>,
}

/// The main branch of a module: `type: Main` if there is one, else the first.
fn main_branch(page: &Value) -> Option<&Value> {
    let items = page.get("value").and_then(Value::as_array)?;
    items.iter().find(|b| str_of(b, "type").is_some_and(|t| t.eq_ignore_ascii_case("Main"))).or_else(|| items.first())
}

fn ids(page: &Value) -> Vec<String> {
    page.get("value")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|s| str_of(s, "id").map(str::to_string))
        .collect()
}

impl IngestionMachine {
    fn args(&self) -> Value {
        json!({ "productId": self.product_id })
    }

    fn sub_args(&self) -> Result<Value> {
        let sid = self.submission_id.clone().ok_or_else(|| Error::invalid_response("no submission id"))?;
        let mut a = self.args();
        a["submissionId"] = Value::String(sid);
        Ok(a)
    }

    fn call(&mut self, stage: Stage, op: &'static str, args: Value) -> Result<Action> {
        self.stage = stage;
        Ok(Action::Call(Call::new(op, args)))
    }

    fn next_branch(&mut self) -> Result<Action> {
        if let Some(module) = self.modules.get(self.module_index).cloned() {
            let mut args = self.args();
            args["module"] = Value::String(module);
            return self.call(Stage::Branches, "ingestion.list_branches_by_module", args);
        }
        if self.resources.is_empty() {
            return Err(Error::invalid_argument(format!(
                "product {} has no branch for any of the modules {}",
                self.product_id,
                self.modules.join(", ")
            )));
        }
        self.create()
    }

    fn create(&mut self) -> Result<Action> {
        self.attempts += 1;
        let mut body = json!({
            "resourceType": "SubmissionCreationRequest",
            "targets": [{"type": "Scope", "value": self.spec.scope}],
            "resources": self.resources,
        });
        if let Some(p) = &self.spec.publish_option {
            body["publishOption"] = p.clone();
        }
        let mut args = self.args();
        args["body"] = body;
        self.call(Stage::Create, "ingestion.create_submission", args)
    }

    fn poll(&mut self) -> Result<Action> {
        let args = self.sub_args()?;
        self.call(Stage::Poll, "ingestion.get_submission", args)
    }

    fn outcome(&self, stage: &str) -> Outcome {
        let doc = self.last.clone();
        Outcome {
            flow: "ingestion".into(),
            stage: stage.into(),
            resource_id: Some(self.product_id.clone()),
            submission_id: self.submission_id.clone(),
            status: doc.as_ref().and_then(|d| str_of(d, "substate").or_else(|| str_of(d, "state"))).map(str::to_string),
            adopted: self.adopted,
            document: doc,
            ..Outcome::default()
        }
    }

    /// Judges a submission: done, failed (read the validations), promote, or poll again.
    fn judge(&mut self, sub: Value, cfg: &FlowConfig) -> Result<Action> {
        let state = str_of(&sub, "state").unwrap_or("").to_string();
        let substate = str_of(&sub, "substate").unwrap_or("").to_string();
        self.last = Some(sub);
        if substate.eq_ignore_ascii_case("Failed") || substate.eq_ignore_ascii_case("FailedInCertification") {
            let args = self.sub_args()?;
            return self.call(Stage::Validations, "ingestion.get_submission_validations", args);
        }
        if self.stop_after == StopAfter::Committed {
            self.stage = Stage::Done;
            return Ok(Action::Done(self.outcome("committed")));
        }
        let live = state.eq_ignore_ascii_case("Published")
            || substate.eq_ignore_ascii_case("Published")
            || substate.eq_ignore_ascii_case("InStore");
        let ready = live || substate.eq_ignore_ascii_case("ReadyToPublish");
        let preview = self.spec.scope.eq_ignore_ascii_case("preview") && !self.promoted;
        if ready && preview && self.spec.promote {
            self.attempts = 1;
            let args = self.sub_args()?;
            self.promoted = true;
            return self.call(Stage::Promote, "ingestion.promote_submission", args);
        }
        if (preview && ready) || live {
            self.stage = Stage::Done;
            return Ok(Action::Done(self.outcome("published")));
        }
        self.stage = Stage::Poll;
        let d = cfg.poll.delay(self.polls);
        self.polls += 1;
        Ok(Action::Poll(d))
    }
}

impl Machine for IngestionMachine {
    fn stage(&self) -> String {
        format!("{:?}", self.stage).to_ascii_lowercase()
    }

    fn step(&mut self, reply: Reply, cfg: &FlowConfig) -> Result<Action> {
        match self.stage {
            Stage::Start => self.call(Stage::ReadProduct, "ingestion.get_product", self.args()),
            Stage::ReadProduct => {
                reply.json()?;
                self.call(Stage::ListBefore, "ingestion.list_submissions", self.args())
            }
            Stage::ListBefore => {
                self.existing = ids(&reply.json()?);
                self.next_branch()
            }
            Stage::Branches => {
                let module = self.modules[self.module_index].clone();
                let page = match reply.json() {
                    Ok(p) => p,
                    Err(e) if e.kind() == ErrorKind::NotFound => Value::Null,
                    Err(e) => return Err(e),
                };
                if let Some(instance) = main_branch(&page).and_then(|b| str_of(b, "currentDraftInstanceID")) {
                    self.resources.push(json!({"type": module, "value": instance}));
                }
                self.module_index += 1;
                self.next_branch()
            }
            Stage::Create => match reply {
                Reply::Ambiguous(e) => {
                    if self.attempts > 2 {
                        return Err(e);
                    }
                    self.call(Stage::VerifyCreate, "ingestion.list_submissions", self.args())
                }
                other => {
                    let sub = other.json()?;
                    let id =
                        str_of(&sub, "id").ok_or_else(|| Error::invalid_response("created submission has no id"))?;
                    self.submission_id = Some(id.to_string());
                    self.judge(sub, cfg)
                }
            },
            Stage::VerifyCreate => {
                let now = ids(&reply.json()?);
                match now.into_iter().find(|id| !self.existing.contains(id)) {
                    Some(id) => {
                        // The lost create took effect: adopt it.
                        self.submission_id = Some(id);
                        self.adopted = true;
                        self.poll()
                    }
                    None => self.create(),
                }
            }
            Stage::Poll => match reply {
                Reply::Waited => self.poll(),
                other => {
                    let sub = other.json()?;
                    self.judge(sub, cfg)
                }
            },
            Stage::Validations => {
                let page = reply.json().unwrap_or(Value::Null);
                let items = findings(page.get("value"));
                let substate = self.last.as_ref().and_then(|d| str_of(d, "substate")).unwrap_or("Failed").to_string();
                let mut msg = format!(
                    "ingestion submission {} ended in {substate}",
                    self.submission_id.as_deref().unwrap_or("?")
                );
                if let Some(f) = items.first() {
                    msg.push_str(&format!(": {}: {}", f.code, f.message));
                }
                Err(Error::new(ErrorKind::SubmissionFailed, msg).with_server_errors(to_server_errors(&items)))
            }
            Stage::Promote => match reply {
                Reply::Ambiguous(e) => {
                    if self.attempts > 2 {
                        return Err(e);
                    }
                    let args = self.sub_args()?;
                    self.call(Stage::VerifyPromote, "ingestion.get_submission", args)
                }
                other => {
                    other.response()?;
                    self.polls = 0;
                    self.poll()
                }
            },
            Stage::VerifyPromote => {
                let sub = reply.json()?;
                let targets = sub.get("targets").map(Value::to_string).unwrap_or_default().to_ascii_lowercase();
                let moved = targets.contains("live") || str_of(&sub, "substate").is_some_and(|s| s != "ReadyToPublish");
                if moved {
                    self.polls = 0;
                    return self.judge(sub, cfg);
                }
                self.attempts += 1;
                let args = self.sub_args()?;
                self.call(Stage::Promote, "ingestion.promote_submission", args)
            }
            Stage::Done => Err(Error::invalid_argument("the workflow has finished")),
        }
    }
}

/// Starts the ingestion workflow for a product (stops at `committed` or runs to `published`; `draft`
/// has no meaning here and is treated as `committed`).
pub fn publish(cfg: FlowConfig, product_id: impl Into<String>, spec: IngestionSpec, stop_after: StopAfter) -> Flow {
    let modules = if spec.modules.is_empty() {
        DEFAULT_MODULES.iter().map(|s| s.to_string()).collect()
    } else {
        spec.modules.clone()
    };
    let stop_after = if stop_after == StopAfter::Draft { StopAfter::Committed } else { stop_after };
    let m = IngestionMachine {
        product_id: product_id.into(),
        spec,
        stop_after,
        stage: Stage::Start,
        modules,
        module_index: 0,
        resources: Vec::new(),
        existing: Vec::new(),
        submission_id: None,
        adopted: false,
        promoted: false,
        attempts: 0,
        polls: 0,
        last: None,
    };
    Flow::new(cfg, Box::new(m))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flow::script::{cfg, Script};
    use crate::http::Method;

    fn branches(instance: &str) -> Value {
        json!({"value": [{"id": "b0", "type": "Private", "currentDraftInstanceID": "nope"},
                         {"id": "b1", "type": "Main", "module": "Listing", "currentDraftInstanceID": instance}]})
    }

    #[test]
    fn submits_main_drafts_promotes_and_polls() {
        let mut s = Script::new();
        s.token(3600);
        s.expect(Method::Get, "/products/P1", 200, json!({"id": "P1"}));
        s.expect(Method::Get, "/products/P1/submissions", 200, json!({"value": [{"id": "old"}]}));
        s.expect(Method::Get, "getByModule(module=Listing)", 200, branches("L-inst"));
        s.expect(Method::Get, "getByModule(module=Package)", 404, json!({"error": {"code": "NotFound"}}));
        let spec =
            IngestionSpec { modules: vec!["Listing".into(), "Package".into()], promote: true, ..Default::default() };
        s.expect(
            Method::Post,
            "/products/P1/submissions",
            201,
            json!({"id": "S1", "state": "InProgress", "substate": "Submitted"}),
        );
        s.expect(
            Method::Get,
            "/submissions/S1",
            200,
            json!({"id": "S1", "state": "InProgress", "substate": "ReadyToPublish"}),
        );
        s.expect(Method::Post, "/submissions/S1/promote", 200, json!({}));
        s.expect(Method::Get, "/submissions/S1", 200, json!({"id": "S1", "state": "Published", "substate": "InStore"}));
        let mut flow = publish(cfg(), "P1", spec, StopAfter::Published);
        let out = s.run(&mut flow).unwrap();
        assert_eq!(out.stage, "published");
        assert_eq!(out.status.as_deref(), Some("InStore"));
        let created = s.sent.iter().find(|r| r.method == Method::Post && r.url.ends_with("/submissions")).unwrap();
        let body = created.json_body().unwrap();
        assert_eq!(body["resources"], json!([{"type": "Listing", "value": "L-inst"}]));
        assert_eq!(body["targets"][0]["value"], "Preview");
        s.finish();
    }

    #[test]
    fn lost_create_is_adopted_and_failure_reports_validations() {
        let mut s = Script::new();
        s.token(3600);
        s.expect(Method::Get, "/products/P1", 200, json!({"id": "P1"}));
        s.expect(Method::Get, "/products/P1/submissions", 200, json!({"value": [{"id": "old"}]}));
        s.expect(Method::Get, "getByModule(module=Listing)", 200, branches("L"));
        s.expect(Method::Post, "/products/P1/submissions", 503, json!({}));
        s.expect(Method::Get, "/products/P1/submissions", 200, json!({"value": [{"id": "old"}, {"id": "NEW"}]}));
        s.expect(
            Method::Get,
            "/submissions/NEW",
            200,
            json!({"id": "NEW", "state": "InProgress", "substate": "Failed"}),
        );
        s.expect(
            Method::Get,
            "/submissions/NEW/validations",
            200,
            json!({"value": [{"code": "InvalidListing", "message": "title missing", "resource": "Listing"}]}),
        );
        let spec = IngestionSpec { modules: vec!["Listing".into()], ..Default::default() };
        let mut flow = publish(cfg(), "P1", spec, StopAfter::Published);
        let e = s.run(&mut flow).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::SubmissionFailed);
        assert_eq!(e.server_errors()[0].code, "InvalidListing");
        assert_eq!(s.count(Method::Post, "/submissions"), 1, "never a second create");
        s.finish();
    }
}
