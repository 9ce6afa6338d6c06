//! The Partner Center ingestion workflow: product → draft edits → branches → submission → validations →
//! (promote) → published.
//!
//! 1. Read the product (it must exist) and list its submissions, remembering their ids.
//! 2. Apply [`IngestionSpec::changes`] to the drafts (see [`edits`]): listings, listing images and videos,
//!    the property, the product availability, plans and their feature availability.
//! 3. For each module to submit (`Listing`, `Package`, `Availability`, `Property` by default), list the
//!    product's branches of that module and take the product's main branch's current draft instance; plans'
//!    branches of those modules go into `variantResources`.
//! 4. Create a submission of those draft instances to the target scope (`Preview` by default), then read its
//!    validations: an `Error` item fails the workflow at once, warnings are reported in the outcome.
//! 5. Poll the submission until it is ready (preview: `ReadyToPublish`; live: `Published`/`InStore`), or
//!    fails (`Failed`, `FailedInCertification`: the validations and the certification reports are read and
//!    reported in the error).
//! 6. With [`IngestionSpec::promote`], promote the preview submission to live and poll again.
//!
//! A lost answer to the create call is checked by listing the submissions again: a submission whose id
//! was not there before is the one that was created, and it is adopted (never a second submission).
//! Promote is checked the same way, by reading the submission back.
//!
//! Once the submission exists the workflow is resumable: a run that fails after that (its deadline
//! passed while the status never became ready, a cancel, a lost connection) hands out a
//! [`super::ResumeToken`] (flow `ingestion`: the product, the scope, whether to promote, the submission id)
//! and [`super::resume`] continues by polling that same submission. A run with `stop_after: committed`
//! returns one too, to continue to `published` later.
//!
//! A run started again *without* the token does not create a second submission either: the ingestion API
//! lists a product's submissions with their `state`, `substate`, `targets` and `resources`, so before
//! creating, the workflow looks for one still in progress (`state: InProgress`, substate neither `InDraft`,
//! `Failed` nor `FailedInCertification`) to the same scope and made of exactly the draft instances it is
//! about to submit. That is the one an earlier run created (a new create would be refused with 409 while
//! it is `Submitted`/`Publishing`, or duplicate the same drafts when it is `ReadyToPublish`): it is adopted
//! (`adopted: true` in the outcome) and polled. A submission in progress made of other drafts is left
//! alone (the create then meets the service's own answer).

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::{findings, str_of, to_server_errors, Action, Call, Flow, FlowConfig, Outcome, Reply, StopAfter, Workflow};
use crate::api::Operation;
use crate::error::{Error, ErrorKind, Result, ServerError};

pub mod edits;

pub use edits::{ListingChange, MediaFile, OfferChanges, PlanChange};

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
    /// Changes to the drafts, made before submitting (empty: submit the drafts as they are).
    #[serde(default, skip_serializing_if = "OfferChanges::is_empty")]
    pub changes: OfferChanges,
}

fn default_scope() -> String {
    "Preview".into()
}

impl Default for IngestionSpec {
    fn default() -> Self {
        IngestionSpec {
            modules: Vec::new(),
            scope: default_scope(),
            promote: false,
            publish_option: None,
            changes: OfferChanges::default(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stage {
    Start,
    /// Continuing from a resume token: poll the submission it names.
    Resume,
    ReadProduct,
    ListBefore,
    Edit,
    Branches,
    Create,
    VerifyCreate,
    PreValidate,
    Poll,
    Validations,
    Reports,
    Promote,
    VerifyPromote,
    Done,
}

#[derive(Debug)]
pub(crate) struct IngestionMachine {
    product_id: String,
    spec: IngestionSpec,
    stop_after: StopAfter,
    stage: Stage,
    modules: Vec<String>,
    module_index: usize,
    resources: Vec<Value>,
    variant_resources: Vec<(String, Vec<Value>)>,
    editor: edits::Editor,
    warnings: Vec<super::Finding>,
    failure: Option<Error>,
    existing: Vec<String>,
    /// The submissions listed before the edits that were still in progress (candidates a rerun adopts).
    in_progress: Vec<Value>,
    submission_id: Option<String>,
    adopted: bool,
    promoted: bool,
    attempts: u32,
    polls: u32,
    last: Option<Value>,
    /// Set when the submission failed: nothing a resume could repair (no resume token).
    dead_end: bool,
}

/// The resume token's body: what continuing an ingestion workflow needs once its submission exists
/// (the draft edits are behind it, so no spec changes are carried).
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Checkpoint {
    flow: String,
    product_id: String,
    scope: String,
    promote: bool,
    stop_after: StopAfter,
    submission_id: String,
    adopted: bool,
    promoted: bool,
}

/// Whether a listed submission is still being processed (neither finished nor failed nor a draft).
fn in_progress(sub: &Value) -> bool {
    let substate = str_of(sub, "substate").unwrap_or("");
    str_of(sub, "state").is_some_and(|s| s.eq_ignore_ascii_case("InProgress"))
        && !["InDraft", "Failed", "FailedInCertification"].iter().any(|x| substate.eq_ignore_ascii_case(x))
}

/// A list of `{type, value}` pairs as a sorted set of strings (order does not matter when comparing).
fn pair_set(v: Option<&Value>) -> Vec<String> {
    let mut out: Vec<String> = v
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|p| format!("{}={}", str_of(p, "type").unwrap_or(""), str_of(p, "value").unwrap_or("")))
        .collect();
    out.sort();
    out
}

/// The product's main branch of a module: `type: Main` without a `variantID` if there is one, else the
/// first branch without a `variantID`.
fn main_branch(page: &Value) -> Option<&Value> {
    let items = page.get("value").and_then(Value::as_array)?;
    let own: Vec<&Value> = items.iter().filter(|b| str_of(b, "variantID").is_none()).collect();
    own.iter().find(|b| str_of(b, "type").is_some_and(|t| t.eq_ignore_ascii_case("Main"))).or(own.first()).copied()
}

/// Plans' main branches of a module: `(variantID, currentDraftInstanceID)`.
fn plan_branches(page: &Value) -> Vec<(String, String)> {
    page.get("value")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter(|b| str_of(b, "type").is_none_or(|t| t.eq_ignore_ascii_case("Main")))
        .filter_map(|b| Some((str_of(b, "variantID")?.to_string(), str_of(b, "currentDraftInstanceID")?.to_string())))
        .collect()
}

fn ids(page: &Value) -> Vec<String> {
    page.get("value")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|s| str_of(s, "id").map(str::to_string))
        .collect()
}

/// Certification reports as server errors: code `certificationReport`, the status and report text (a
/// `data:` URI is decoded; another URI is named, its signature redacted) as the message.
fn report_errors(page: &Value) -> Vec<ServerError> {
    page.get("value")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|r| {
            let status = str_of(r, "status").unwrap_or("Unknown");
            let uri = str_of(r, "fileUri").unwrap_or("");
            let text = report_text(uri);
            let message = match &text {
                Some(t) => format!("{status}: {}", crate::secret::redact_text(t.trim())),
                None => format!("{status}: report at {}", crate::secret::redact_url(uri)),
            };
            let target = if text.is_some() || uri.is_empty() { None } else { Some(crate::secret::redact_url(uri)) };
            ServerError { code: "certificationReport".into(), message, target }
        })
        .collect()
}

/// The text of a certification report's `fileUri` when it is a `data:…;base64,` or `data:…,` URI (the
/// emulator's; a service URI needs a download and gives `None`).
pub fn report_text(uri: &str) -> Option<String> {
    use base64::Engine;
    let rest = uri.strip_prefix("data:")?;
    let (meta, data) = rest.split_once(',')?;
    let bytes = if meta.ends_with(";base64") {
        base64::engine::general_purpose::STANDARD.decode(data).ok()?
    } else {
        percent_encoding::percent_decode_str(data).collect()
    };
    String::from_utf8(bytes).ok()
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

    fn call(&mut self, stage: Stage, op: &'static Operation, args: Value) -> Result<Action> {
        self.stage = stage;
        Ok(Action::Call(Call::new(op, args)))
    }

    fn next_branch(&mut self) -> Result<Action> {
        if let Some(module) = self.modules.get(self.module_index).cloned() {
            let mut args = self.args();
            args["module"] = Value::String(module);
            return self.call(Stage::Branches, op!("ingestion.list_branches_by_module"), args);
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

    /// The submission still in progress that an earlier run made of these same drafts to this scope.
    fn earlier_submission(&self) -> Option<Value> {
        let resources = pair_set(Some(&Value::Array(self.resources.clone())));
        let scope = format!("Scope={}", self.spec.scope);
        self.in_progress
            .iter()
            .rev()
            .filter(|s| pair_set(s.get("resources")) == resources)
            .find(|s| {
                let targets = pair_set(s.get("targets"));
                targets.is_empty() || targets.iter().any(|t| t.eq_ignore_ascii_case(&scope))
            })
            .cloned()
    }

    fn create(&mut self) -> Result<Action> {
        if self.attempts == 0 {
            if let Some(sub) = self.earlier_submission() {
                // A rerun without the resume token: adopt the submission the earlier run created.
                self.submission_id = str_of(&sub, "id").map(str::to_string);
                self.adopted = true;
                self.last = Some(sub);
                return self.poll();
            }
        }
        self.attempts += 1;
        let mut body = json!({
            "resourceType": "SubmissionCreationRequest",
            "targets": [{"type": "Scope", "value": self.spec.scope}],
            "resources": self.resources,
        });
        if let Some(p) = &self.spec.publish_option {
            body["publishOption"] = p.clone();
        }
        if !self.variant_resources.is_empty() {
            body["variantResources"] = self
                .variant_resources
                .iter()
                .map(|(v, r)| json!({"variantID": v, "resources": r}))
                .collect::<Vec<_>>()
                .into();
        }
        let mut args = self.args();
        args["body"] = body;
        self.call(Stage::Create, op!("ingestion.create_submission"), args)
    }

    /// Runs the draft edits; then lists the branches.
    fn edit(&mut self, reply: Reply) -> Result<Action> {
        match self.editor.step(reply)? {
            Some(action) => Ok(action),
            None => self.next_branch(),
        }
    }

    /// The error for a submission that failed (`what`: `validation` or its substate).
    fn failed(&self, items: &[super::Finding], what: &str) -> Error {
        let mut msg = format!("ingestion submission {} ended in {what}", self.submission_id.as_deref().unwrap_or("?"));
        if what == "validation" {
            msg = format!("ingestion submission {} failed validation", self.submission_id.as_deref().unwrap_or("?"));
        }
        if let Some(f) = items.first() {
            msg.push_str(&format!(": {}: {}", f.code, f.message));
        }
        Error::new(ErrorKind::SubmissionFailed, msg).with_server_errors(to_server_errors(items))
    }

    /// Re-creates the workflow from its resume token: it polls the submission (and promotes it when asked).
    pub(crate) fn from_checkpoint(v: &Value, stop_after: Option<StopAfter>) -> Result<Self> {
        let c: Checkpoint =
            serde_json::from_value(v.clone()).map_err(|e| Error::invalid_argument(format!("resume token: {e}")))?;
        let spec = IngestionSpec { scope: c.scope, promote: c.promote, ..IngestionSpec::default() };
        let mut m = new_machine(c.product_id, spec, stop_after.unwrap_or(c.stop_after));
        m.submission_id = Some(c.submission_id);
        m.adopted = c.adopted;
        m.promoted = c.promoted;
        m.stage = Stage::Resume;
        Ok(m)
    }

    fn poll(&mut self) -> Result<Action> {
        let args = self.sub_args()?;
        self.call(Stage::Poll, op!("ingestion.get_submission"), args)
    }

    fn outcome(&self, stage: &str) -> Outcome {
        let doc = self.last.clone();
        let resume = if stage == "committed" { self.checkpoint().map(super::ResumeToken) } else { None };
        Outcome {
            resume_token: resume,
            flow: "ingestion".into(),
            stage: stage.into(),
            resource_id: Some(self.product_id.clone()),
            submission_id: self.submission_id.clone(),
            status: doc.as_ref().and_then(|d| str_of(d, "substate").or_else(|| str_of(d, "state"))).map(str::to_string),
            adopted: self.adopted,
            document: doc,
            warnings: self.warnings.clone(),
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
            return self.call(Stage::Validations, op!("ingestion.get_submission_validations"), args);
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
            return self.call(Stage::Promote, op!("ingestion.promote_submission"), args);
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

impl Workflow for IngestionMachine {
    fn stage(&self) -> String {
        format!("{:?}", self.stage).to_ascii_lowercase()
    }

    fn checkpoint(&self) -> Option<Value> {
        // Resumable once the submission exists (the edits are behind it), unless it failed.
        if self.dead_end {
            return None;
        }
        let c = Checkpoint {
            flow: "ingestion".into(),
            product_id: self.product_id.clone(),
            scope: self.spec.scope.clone(),
            promote: self.spec.promote,
            stop_after: self.stop_after,
            submission_id: self.submission_id.clone()?,
            adopted: self.adopted,
            promoted: self.promoted,
        };
        serde_json::to_value(c).ok()
    }

    fn step(&mut self, reply: Reply, cfg: &FlowConfig) -> Result<Action> {
        match self.stage {
            Stage::Start => self.call(Stage::ReadProduct, op!("ingestion.get_product"), self.args()),
            Stage::Resume => self.poll(),
            Stage::ReadProduct => {
                reply.json()?;
                self.call(Stage::ListBefore, op!("ingestion.list_submissions"), self.args())
            }
            Stage::ListBefore => {
                let page = reply.json()?;
                self.existing = ids(&page);
                self.in_progress = page
                    .get("value")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter(|s| in_progress(s))
                    .cloned()
                    .collect();
                self.stage = Stage::Edit;
                self.edit(Reply::Start)
            }
            Stage::Edit => self.edit(reply),
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
                for (variant, instance) in plan_branches(&page) {
                    let entry = match self.variant_resources.iter().position(|(v, _)| *v == variant) {
                        Some(i) => i,
                        None => {
                            self.variant_resources.push((variant, Vec::new()));
                            self.variant_resources.len() - 1
                        }
                    };
                    self.variant_resources[entry].1.push(json!({"type": module, "value": instance}));
                }
                self.module_index += 1;
                self.next_branch()
            }
            Stage::Create => match reply {
                Reply::Ambiguous(e) => {
                    if self.attempts > 2 {
                        return Err(e);
                    }
                    self.call(Stage::VerifyCreate, op!("ingestion.list_submissions"), self.args())
                }
                other => {
                    let sub = other.json()?;
                    let id =
                        str_of(&sub, "id").ok_or_else(|| Error::invalid_response("created submission has no id"))?;
                    self.submission_id = Some(id.to_string());
                    self.last = Some(sub);
                    let args = self.sub_args()?;
                    self.call(Stage::PreValidate, op!("ingestion.get_submission_validations"), args)
                }
            },
            Stage::PreValidate => {
                let page = reply.json()?;
                let items = page.get("value").and_then(Value::as_array).cloned().unwrap_or_default();
                let (errors, warnings): (Vec<Value>, Vec<Value>) = items
                    .into_iter()
                    .partition(|i| str_of(i, "severity").is_none_or(|s| s.eq_ignore_ascii_case("Error")));
                self.warnings = findings(Some(&Value::Array(warnings)));
                if !errors.is_empty() {
                    self.dead_end = true;
                    return Err(self.failed(&findings(Some(&Value::Array(errors))), "validation"));
                }
                let sub = self.last.clone().unwrap_or(Value::Null);
                self.judge(sub, cfg)
            }
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
                self.dead_end = true;
                let page = reply.json().unwrap_or(Value::Null);
                let substate = self.last.as_ref().and_then(|d| str_of(d, "substate")).unwrap_or("Failed").to_string();
                self.failure = Some(self.failed(&findings(page.get("value")), &substate));
                let args = self.sub_args()?;
                self.call(Stage::Reports, op!("ingestion.get_submission_reports"), args)
            }
            Stage::Reports => {
                // The reports add to the error; without them (an older service) the validations stand.
                let page = reply.json().unwrap_or(Value::Null);
                let e = self.failure.take().unwrap_or_else(|| Error::new(ErrorKind::SubmissionFailed, "failed"));
                let mut errors = e.server_errors().to_vec();
                errors.extend(report_errors(&page));
                Err(e.with_server_errors(errors))
            }
            Stage::Promote => match reply {
                Reply::Ambiguous(e) => {
                    if self.attempts > 2 {
                        return Err(e);
                    }
                    let args = self.sub_args()?;
                    self.call(Stage::VerifyPromote, op!("ingestion.get_submission"), args)
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
                self.call(Stage::Promote, op!("ingestion.promote_submission"), args)
            }
            Stage::Done => Err(Error::invalid_argument("the workflow has finished")),
        }
    }
}

/// Starts the ingestion workflow for a product (stops at `committed` or runs to `published`; `draft`
/// has no meaning here and is treated as `committed`).
pub fn publish(cfg: FlowConfig, product_id: impl Into<String>, spec: IngestionSpec, stop_after: StopAfter) -> Flow {
    Flow::new(cfg, Box::new(new_machine(product_id.into(), spec, stop_after)))
}

/// Continues an ingestion workflow from its resume token up to `stop_after` (`draft` is `committed`).
///
/// # Errors
/// `invalid_argument` when the token is not an ingestion token this version wrote.
pub fn resume(cfg: FlowConfig, token: &super::ResumeToken, stop_after: Option<StopAfter>) -> Result<Flow> {
    let m = IngestionMachine::from_checkpoint(&token.0, stop_after)?;
    Ok(Flow::new(cfg, Box::new(m)))
}

fn new_machine(product_id: String, spec: IngestionSpec, stop_after: StopAfter) -> IngestionMachine {
    let modules = if spec.modules.is_empty() {
        DEFAULT_MODULES.iter().map(|s| s.to_string()).collect()
    } else {
        spec.modules.clone()
    };
    let stop_after = if stop_after == StopAfter::Draft { StopAfter::Committed } else { stop_after };
    let editor = edits::Editor::new(&product_id, &spec.changes);
    IngestionMachine {
        product_id,
        spec,
        stop_after,
        stage: Stage::Start,
        modules,
        module_index: 0,
        resources: Vec::new(),
        variant_resources: Vec::new(),
        editor,
        warnings: Vec::new(),
        failure: None,
        existing: Vec::new(),
        in_progress: Vec::new(),
        submission_id: None,
        adopted: false,
        promoted: false,
        attempts: 0,
        polls: 0,
        last: None,
        dead_end: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flow::script::{cfg, Script};
    use crate::http::Method;
    use crate::task::Machine;

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
            "/submissions/S1/validations",
            200,
            json!({"value": [{"errorCode": "LogoSmall", "severity": "Warning", "message": "small logo"}]}),
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
        assert_eq!(out.warnings[0].code, "LogoSmall", "validation warnings are reported, not fatal");
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
        s.expect(Method::Get, "/submissions/NEW/reports", 404, json!({"error": {"code": "NotFound"}}));
        let spec = IngestionSpec { modules: vec!["Listing".into()], ..Default::default() };
        let mut flow = publish(cfg(), "P1", spec, StopAfter::Published);
        let e = s.run(&mut flow).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::SubmissionFailed);
        assert_eq!(e.server_errors()[0].code, "InvalidListing");
        assert_eq!(s.count(Method::Post, "/submissions"), 1, "never a second create");
        s.finish();
    }

    fn page(items: Value) -> Value {
        json!({ "value": items })
    }

    /// The offer update of issue 16: a listing (fields and a replaced logo), the property, the product
    /// availability, a plan created with markets; validations clean; certification fails with a report.
    #[test]
    fn offer_update_edits_drafts_submits_and_reports_certification() {
        let changes: OfferChanges = serde_json::from_value(json!({
            "listings": [{"languageCode": "en-us", "set": {"description": "New"},
                          "images": [{"file": "img/logo.png", "type": "AzureLogoLarge"}]}],
            "property": {"categories": ["Analytics"]},
            "availability": {"visibility": "Private"},
            "plans": [{"plan": "gold", "create": {"friendlyName": "Gold"},
                       "availability": {"marketStates": [{"marketCode": "US", "state": "Enabled"}]}}]
        }))
        .unwrap();
        let main = |m: &str, inst: &str| {
            page(json!([{"type": "Main", "module": m, "variantID": "", "currentDraftInstanceID": inst},
                        {"type": "Main", "module": m, "variantID": "V1", "currentDraftInstanceID": format!("{inst}-gold")}]))
        };
        let mut s = Script::new();
        s.token(3600);
        s.expect(Method::Get, "/products/P1", 200, json!({"id": "P1"}));
        s.expect(Method::Get, "/products/P1/submissions", 200, page(json!([])));
        // listing: merge + If-Match
        s.expect(Method::Get, "getByModule(module=Listing)", 200, main("Listing", "L"));
        s.expect(
            Method::Get,
            "/listings/getByInstanceID(instanceID=L)",
            200,
            page(json!([{"id": "l1", "languageCode": "en-US", "title": "T", "@odata.etag": "\"e1\""}])),
        );
        s.expect(Method::Put, "/listings/l1", 412, json!({"error": {"code": "PreconditionFailed"}}));
        s.expect(
            Method::Get,
            "/listings/getByInstanceID(instanceID=L)",
            200,
            page(json!([{"id": "l1", "languageCode": "en-US", "title": "T2", "@odata.etag": "\"e2\""}])),
        );
        s.expect(Method::Put, "/listings/l1", 200, json!({"id": "l1"}));
        // images of the same type replaced, then the new one uploaded and marked Uploaded
        s.expect(
            Method::Get,
            "/listings/getByInstanceID(instanceID=L)",
            200,
            page(json!([{"id": "l1", "languageCode": "en-us", "@odata.etag": "\"e3\""}])),
        );
        s.expect(
            Method::Get,
            "/listings/l1/images",
            200,
            page(json!([{"id": "old", "type": "AzureLogoLarge"}, {"id": "keep", "type": "Screenshot"}])),
        );
        s.expect(Method::Delete, "/listings/l1/images/old", 204, Value::Null);
        s.expect(Method::Post, "/listings/l1/images", 201,
            json!({"id": "i1", "fileSasUri": "https://blob.example/c/i1?sig=SECRET", "state": "PendingUpload", "@odata.etag": "\"i\""}));
        s.expect_upload();
        s.expect(Method::Put, "/listings/l1/images/i1", 200, json!({"id": "i1", "state": "Uploaded"}));
        // property and availability
        s.expect(Method::Get, "getByModule(module=Property)", 200, main("Property", "PR"));
        s.expect(
            Method::Get,
            "/properties/getByInstanceID(instanceID=PR)",
            200,
            page(json!([{"id": "p1", "categories": [], "@odata.etag": "\"p\""}])),
        );
        s.expect(Method::Put, "/properties/p1", 200, json!({}));
        s.expect(Method::Get, "getByModule(module=Availability)", 200, main("Availability", "AV"));
        s.expect(
            Method::Get,
            "/productAvailabilities/getByInstanceID(instanceID=AV)",
            200,
            page(json!([{"id": "a1", "visibility": "Public", "@odata.etag": "\"a\""}])),
        );
        s.expect(Method::Put, "/productavailabilities/a1", 200, json!({}));
        // the plan: created, then its feature availability
        s.expect(Method::Get, "/products/P1/variants", 200, page(json!([])));
        s.expect(Method::Post, "/products/P1/variants", 201, json!({"id": "V1", "externalID": "gold"}));
        s.expect(Method::Get, "getByModule(module=Availability)", 200, main("Availability", "AV"));
        s.expect(
            Method::Get,
            "/featureAvailabilities/getByInstanceID(instanceID=AV-gold)?$expand=MarketStates,PriceSchedules,Trial",
            200,
            page(json!([{"id": "f1", "marketStates": [], "@odata.etag": "\"f\""}])),
        );
        s.expect(Method::Put, "/featureavailabilities/f1?$expand=", 200, json!({}));
        // submission of the product's drafts and the plan's
        s.expect(Method::Get, "getByModule(module=Listing)", 200, main("Listing", "L"));
        s.expect(Method::Get, "getByModule(module=Availability)", 200, main("Availability", "AV"));
        s.expect(Method::Post, "/products/P1/submissions", 201, json!({"id": "S1", "substate": "Submitted"}));
        s.expect(Method::Get, "/submissions/S1/validations", 200, page(json!([])));
        s.expect(Method::Get, "/submissions/S1", 200, json!({"id": "S1", "substate": "FailedInCertification"}));
        s.expect(
            Method::Get,
            "/submissions/S1/validations",
            200,
            page(json!([{"errorCode": "ListingDescriptionInvalid", "message": "fix it", "resource": "Listing"}])),
        );
        s.expect(
            Method::Get,
            "/submissions/S1/reports",
            200,
            page(json!([
            {"status": "Failed", "fileUri": "data:text/plain;base64,UmVwb3J0OiBmaXggdGhlIGRlc2NyaXB0aW9u"},
            {"status": "Failed", "fileUri": "https://reports.example/r?sig=SECRET"}])),
        );
        let spec =
            IngestionSpec { modules: vec!["Listing".into(), "Availability".into()], changes, ..Default::default() };
        let mut flow = publish(cfg(), "P1", spec, StopAfter::Published);
        let e = s.run(&mut flow).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::SubmissionFailed);
        assert!(e.to_string().contains("FailedInCertification: ListingDescriptionInvalid"), "{e}");
        let errs = e.server_errors();
        assert_eq!(errs[1].code, "certificationReport");
        assert_eq!(errs[1].message, "Failed: Report: fix the description");
        assert!(!format!("{errs:?}").contains("SECRET"), "{errs:?}");
        s.finish();

        let sent = |m: Method, part: &str| {
            s.sent.iter().filter(|r| r.method == m && r.url.contains(part)).cloned().collect::<Vec<_>>()
        };
        let listing = &sent(Method::Put, "/listings/l1")[1];
        assert_eq!(listing.header("If-Match"), Some("\"e2\""), "re-read after 412");
        assert_eq!(listing.json_body().unwrap()["title"], "T2");
        assert_eq!(listing.json_body().unwrap()["description"], "New");
        let img = &sent(Method::Post, "/listings/l1/images")[0];
        assert_eq!(
            img.json_body().unwrap(),
            json!({"resourceType": "ListingImage", "fileName": "logo.png", "type": "AzureLogoLarge"})
        );
        assert_eq!(sent(Method::Put, "/images/i1")[0].json_body().unwrap()["state"], "Uploaded");
        match &s.uploads[0] {
            super::super::Upload::Asset { file, url, .. } => {
                assert_eq!((file.as_str(), url.as_str()), ("img/logo.png", "https://blob.example/c/i1?sig=SECRET"))
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(sent(Method::Put, "/properties/p1")[0].json_body().unwrap()["categories"], json!(["Analytics"]));
        assert_eq!(sent(Method::Put, "/productavailabilities/a1")[0].header("If-Match"), Some("\"a\""));
        let plan = sent(Method::Post, "/variants")[0].json_body().unwrap();
        assert_eq!(plan, json!({"resourceType": "AzureSkuVariant", "externalID": "gold", "friendlyName": "Gold"}));
        let fa = sent(Method::Put, "/featureavailabilities/f1")[0].json_body().unwrap();
        assert_eq!(fa["marketStates"], json!([{"marketCode": "US", "state": "Enabled"}]));
        let created = sent(Method::Post, "/products/P1/submissions")[0].json_body().unwrap();
        assert_eq!(
            created["resources"],
            json!([{"type": "Listing", "value": "L"}, {"type": "Availability", "value": "AV"}])
        );
        assert_eq!(
            created["variantResources"],
            json!([{"variantID": "V1", "resources": [{"type": "Listing", "value": "L-gold"}, {"type": "Availability", "value": "AV-gold"}]}])
        );
    }

    #[test]
    fn a_missing_plan_without_create_and_validation_errors_fail_early() {
        let mut s = Script::new();
        s.token(3600);
        s.expect(Method::Get, "/products/P1", 200, json!({"id": "P1"}));
        s.expect(Method::Get, "/products/P1/submissions", 200, page(json!([])));
        s.expect(Method::Get, "/products/P1/variants", 200, page(json!([{"id": "V1", "externalID": "silver"}])));
        let changes: OfferChanges =
            serde_json::from_value(json!({"plans": [{"plan": "gold", "set": {"state": "Active"}}]})).unwrap();
        let spec = IngestionSpec { changes, ..Default::default() };
        let e = s.run(&mut publish(cfg(), "P1", spec, StopAfter::Published)).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::NotFound);
        s.finish();

        let mut s = Script::new();
        s.token(3600);
        s.expect(Method::Get, "/products/P1", 200, json!({"id": "P1"}));
        s.expect(Method::Get, "/products/P1/submissions", 200, page(json!([])));
        s.expect(
            Method::Get,
            "getByModule(module=Package)",
            200,
            page(json!([{"type": "Main", "currentDraftInstanceID": "K"}])),
        );
        s.expect(Method::Post, "/products/P1/submissions", 201, json!({"id": "S2", "substate": "Submitted"}));
        s.expect(
            Method::Get,
            "/submissions/S2/validations",
            200,
            page(json!([{"errorCode": "PackageNotProcessed", "severity": "Error", "message": "not processed"}])),
        );
        let spec = IngestionSpec { modules: vec!["Package".into()], ..Default::default() };
        let e = s.run(&mut publish(cfg(), "P1", spec, StopAfter::Published)).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::SubmissionFailed);
        assert!(e.to_string().contains("failed validation: PackageNotProcessed"), "{e}");
        s.finish();
    }

    #[test]
    fn a_video_alone_writes_no_listing() {
        let mut s = Script::new();
        s.token(3600);
        s.expect(Method::Get, "/products/P1", 200, json!({"id": "P1"}));
        s.expect(Method::Get, "/products/P1/submissions", 200, page(json!([])));
        s.expect(Method::Get, "getByModule(module=Listing)", 200, branches("L"));
        s.expect(
            Method::Get,
            "/listings/getByInstanceID(instanceID=L)",
            200,
            page(json!([{"id": "l1", "languageCode": "en-us"}])),
        );
        s.expect(
            Method::Post,
            "/listings/l1/videos",
            201,
            json!({"id": "v1", "fileSasUri": "https://b.example/c/v1?sig=S"}),
        );
        s.expect_upload();
        s.expect(Method::Put, "/listings/l1/videos/v1", 200, json!({"id": "v1", "state": "Uploaded"}));
        s.expect(Method::Get, "getByModule(module=Listing)", 200, branches("L"));
        s.expect(Method::Post, "/products/P1/submissions", 201, json!({"id": "S1", "substate": "Submitted"}));
        s.expect(Method::Get, "/submissions/S1/validations", 200, page(json!([])));
        let changes: OfferChanges =
            serde_json::from_value(json!({"listings": [{"videos": [{"file": "tour.mp4"}]}]})).unwrap();
        let spec = IngestionSpec { modules: vec!["Listing".into()], changes, ..Default::default() };
        let out = s.run(&mut publish(cfg(), "P1", spec, StopAfter::Committed)).unwrap();
        assert_eq!(out.stage, "committed");
        assert_eq!(s.count(Method::Put, "/listings/l1"), 1, "only the video's Uploaded update");
        s.finish();
    }

    /// The first run of the resume tests: the submission is created, then its status is never ready and
    /// the deadline passes.
    fn run_until_deadline(s: &mut Script) -> (Error, Option<crate::flow::ResumeToken>) {
        s.token(3600);
        s.expect(Method::Get, "/products/P1", 200, json!({"id": "P1"}));
        s.expect(Method::Get, "/products/P1/submissions", 200, page(json!([])));
        s.expect(Method::Get, "getByModule(module=Listing)", 200, branches("L"));
        s.expect(
            Method::Post,
            "/products/P1/submissions",
            201,
            json!({"id": "S1", "state": "InProgress", "substate": "Submitted"}),
        );
        s.expect(Method::Get, "/submissions/S1/validations", 200, page(json!([])));
        for _ in 0..3 {
            s.expect(
                Method::Get,
                "/submissions/S1",
                200,
                json!({"id": "S1", "state": "InProgress", "substate": "Submitted"}),
            );
        }
        let mut c = cfg();
        // Polls after 5, 8 and 12 s; the next (17 s) would end past the deadline.
        c.deadline = Some(std::time::Duration::from_secs(30));
        let spec = IngestionSpec { modules: vec!["Listing".into()], promote: true, ..Default::default() };
        let mut flow = publish(c, "P1", spec, StopAfter::Published);
        let e = s.run(&mut flow).unwrap_err();
        (e, flow.resume_token())
    }

    #[test]
    fn a_deadline_after_the_create_leaves_a_token_that_resumes_the_same_submission() {
        let mut s = Script::new();
        let (e, token) = run_until_deadline(&mut s);
        s.finish();
        assert_eq!(e.kind(), ErrorKind::DeadlineExceeded);
        let token = token.expect("the created submission is resumable");
        assert_eq!(token.0["flow"], "ingestion");
        assert_eq!(token.0["submissionId"], "S1");
        assert!(!token.to_json().contains("CLIENTSECRET"));

        // Resumed: the same submission is polled, promoted and published; nothing is created.
        let mut s = Script::new();
        s.token(3600);
        s.expect(
            Method::Get,
            "/submissions/S1",
            200,
            json!({"id": "S1", "state": "InProgress", "substate": "ReadyToPublish"}),
        );
        s.expect(Method::Post, "/submissions/S1/promote", 200, json!({}));
        s.expect(Method::Get, "/submissions/S1", 200, json!({"id": "S1", "state": "Published", "substate": "InStore"}));
        let mut flow = crate::flow::resume(cfg(), &token, StopAfter::Published).unwrap();
        let out = s.run(&mut flow).unwrap();
        assert_eq!((out.stage.as_str(), out.submission_id.as_deref()), ("published", Some("S1")));
        assert!(
            s.sent.iter().all(|r| !r.url.ends_with("/products/P1/submissions") || r.method != Method::Post),
            "no create"
        );
        s.finish();
        // The same token through Flow::from_resume_token (the bindings' entry point) builds the same flow.
        assert!(crate::flow::resume(cfg(), &token, StopAfter::Published).is_ok());
    }

    #[test]
    fn committed_returns_a_token_and_a_failed_submission_none() {
        let mut s = Script::new();
        s.token(3600);
        s.expect(Method::Get, "/products/P1", 200, json!({"id": "P1"}));
        s.expect(Method::Get, "/products/P1/submissions", 200, page(json!([])));
        s.expect(Method::Get, "getByModule(module=Listing)", 200, branches("L"));
        s.expect(
            Method::Post,
            "/products/P1/submissions",
            201,
            json!({"id": "S1", "state": "InProgress", "substate": "Submitted"}),
        );
        s.expect(Method::Get, "/submissions/S1/validations", 200, page(json!([])));
        let spec = IngestionSpec { modules: vec!["Listing".into()], ..Default::default() };
        let out = s.run(&mut publish(cfg(), "P1", spec, StopAfter::Committed)).unwrap();
        assert_eq!(out.stage, "committed");
        assert_eq!(out.resume_token.expect("continue later").0["submissionId"], "S1");
        s.finish();

        let mut s = Script::new();
        s.token(3600);
        s.expect(Method::Get, "/products/P1", 200, json!({"id": "P1"}));
        s.expect(Method::Get, "/products/P1/submissions", 200, page(json!([])));
        s.expect(Method::Get, "getByModule(module=Listing)", 200, branches("L"));
        s.expect(
            Method::Post,
            "/products/P1/submissions",
            201,
            json!({"id": "S1", "state": "InProgress", "substate": "Submitted"}),
        );
        s.expect(
            Method::Get,
            "/submissions/S1/validations",
            200,
            page(json!([{"errorCode": "Bad", "severity": "Error", "message": "no"}])),
        );
        let spec = IngestionSpec { modules: vec!["Listing".into()], ..Default::default() };
        let mut flow = publish(cfg(), "P1", spec, StopAfter::Published);
        assert_eq!(s.run(&mut flow).unwrap_err().kind(), ErrorKind::SubmissionFailed);
        assert!(flow.resume_token().is_none(), "a failed submission cannot be resumed");
    }

    #[test]
    fn a_rerun_without_the_token_adopts_the_submission_in_progress() {
        // The earlier run's submission S1 (of draft L to Preview) is still in progress; an older one of
        // other drafts too, and a failed one of the same drafts.
        let listed = page(json!([
            {"id": "S0", "state": "InProgress", "substate": "ReadyToPublish",
             "targets": [{"type": "Scope", "value": "Preview"}], "resources": [{"type": "Listing", "value": "OTHER"}]},
            {"id": "SF", "state": "InProgress", "substate": "Failed",
             "targets": [{"type": "Scope", "value": "Preview"}], "resources": [{"type": "Listing", "value": "L"}]},
            {"id": "S1", "state": "InProgress", "substate": "ReadyToPublish",
             "targets": [{"type": "Scope", "value": "Preview"}], "resources": [{"type": "Listing", "value": "L"}]}
        ]));
        let mut s = Script::new();
        s.token(3600);
        s.expect(Method::Get, "/products/P1", 200, json!({"id": "P1"}));
        s.expect(Method::Get, "/products/P1/submissions", 200, listed.clone());
        s.expect(Method::Get, "getByModule(module=Listing)", 200, branches("L"));
        s.expect(
            Method::Get,
            "/submissions/S1",
            200,
            json!({"id": "S1", "state": "InProgress", "substate": "ReadyToPublish"}),
        );
        s.expect(Method::Post, "/submissions/S1/promote", 200, json!({}));
        s.expect(Method::Get, "/submissions/S1", 200, json!({"id": "S1", "state": "Published", "substate": "InStore"}));
        let spec = IngestionSpec { modules: vec!["Listing".into()], promote: true, ..Default::default() };
        let out = s.run(&mut publish(cfg(), "P1", spec.clone(), StopAfter::Published)).unwrap();
        assert_eq!((out.stage.as_str(), out.submission_id.as_deref(), out.adopted), ("published", Some("S1"), true));
        assert!(
            s.sent.iter().all(|r| !r.url.ends_with("/products/P1/submissions") || r.method != Method::Post),
            "no create"
        );
        s.finish();

        // To another scope, the same drafts are a new submission.
        let mut s = Script::new();
        s.token(3600);
        s.expect(Method::Get, "/products/P1", 200, json!({"id": "P1"}));
        s.expect(Method::Get, "/products/P1/submissions", 200, listed);
        s.expect(Method::Get, "getByModule(module=Listing)", 200, branches("L"));
        s.expect(
            Method::Post,
            "/products/P1/submissions",
            201,
            json!({"id": "S2", "state": "InProgress", "substate": "Submitted"}),
        );
        s.expect(Method::Get, "/submissions/S2/validations", 200, page(json!([])));
        let live = IngestionSpec { scope: "Live".into(), ..spec };
        let out = s.run(&mut publish(cfg(), "P1", live, StopAfter::Committed)).unwrap();
        assert_eq!((out.submission_id.as_deref(), out.adopted), (Some("S2"), false));
        s.finish();
    }
}
