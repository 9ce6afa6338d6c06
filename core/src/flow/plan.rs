//! A read-only dry run ("plan"): what a publishing workflow would send, found out by reading only.
//!
//! A plan drives the publishing workflow's own machine (the one [`super::devcenter::submission`] or
//! [`super::win32::publish`] runs), so the requests it lists, their order and their bodies come from the
//! same code as the real run — the PUT body is [`super::spec::apply`] on the same document, the upload
//! is the machine's own [`Upload`] — and only the sending differs:
//!
//! - reads of the current state (the app / add-on / flight, its pending submission, the listing assets
//!   of a win32 draft) are sent as the real run sends them;
//! - the plan adds the reads the real run does not need: the last published submission, which the service
//!   copies when it creates a new one (the base the PUT body is computed from), and for win32 the
//!   current draft's module status, packages and metadata (the base of its changes);
//! - every request that would change something (create, delete, PUT, PATCH, upload, commit, submit) is
//!   listed and never sent: the machine gets the answer the service would give (the copy of the last
//!   published submission for a create, with the placeholder id [`NEW_ID`]; a success otherwise), and
//!   module-status polls of a win32 draft get the status read at the start, as ready once the packages
//!   it changes are committed;
//! - the plan ends at the commit (submit), or where the run would stop (`stopAfter: draft`), or with the
//!   error the real run would end with (`pending: fail` and a pending submission → `conflict`).
//!
//! The outcome's `document` is the [`Plan`]: the requests, a leaf-level diff (`changes`) between the
//! live base document and the document that would be written, and the files that become
//! `PendingUpload` / `PendingDelete`. SAS signatures are redacted ([`crate::secret::redact_json`]).

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use super::devcenter::Target;
use super::engine::call_request;
use super::win32::{Win32Spec, PACKAGES_NOT_COMMITTED, PACKAGE_UPLOAD_ERROR};
use super::{str_of, Action, Call, Flow, FlowConfig, Outcome, Reply, Upload, Workflow};
use crate::api::Operation;
use crate::error::{Error, Result};
use crate::http::{HttpResponse, Method};
use crate::json::decode;
use crate::json::merge;
use crate::model::files::{pointer_segment, referenced_files};
use crate::model::DocumentKind;
use crate::secret::{redact_json, redact_url};
use crate::spec::{apply, SubmissionSpec};

/// The id a plan gives a submission the real run would create (it appears in URLs as `…/submissions/{new}`).
pub const NEW_ID: &str = "{new}";
/// The upload URL of a submission not created yet (the service signs it on create).
pub const NEW_UPLOAD_URL: &str = "{new.fileUploadUrl}";
/// The upload URL of a win32 listing asset not created yet.
pub const NEW_ASSET_URL: &str = "{new.assetUploadUrl}";
/// The operation name of an upload in [`PlannedRequest::operation`].
pub const UPLOAD_OPERATION: &str = "blob.upload";

/// Steps of the driven machine after which a plan gives up (a machine that never reaches its commit).
const MAX_STEPS: u32 = 1_000;

/// What a publishing run would do, as a plan lists it (the JSON of `{"workflow": "plan"}`, camelCase).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Plan {
    /// The workflow planned: `submission` or `win32`.
    pub workflow: String,
    /// What it publishes, as the request names it (`{"type": "app", "appId"}`…; win32: `{"productId"}`).
    pub target: Value,
    /// The live document the changes are computed from.
    pub base: PlanBase,
    /// Every request the real run would send that changes something, in order (reads are in `reads`).
    pub requests: Vec<PlannedRequest>,
    /// The reads the plan sent (the only requests it sent).
    pub reads: Vec<PlannedRead>,
    /// Leaf-level differences between the base and the document that would be written.
    pub changes: Vec<Change>,
    /// Files (packages, images; win32: package URLs and asset files) the run adds.
    pub files_added: Vec<String>,
    /// Files the run marks `PendingDelete` (win32: package URLs and assets replaced).
    pub files_removed: Vec<String>,
}

/// The live document a plan compares against.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanBase {
    /// Where it comes from.
    pub source: BaseSource,
    /// The submission it is, when it is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submission_id: Option<String>,
}

/// Where a plan's base document comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum BaseSource {
    /// The pending submission the run reuses.
    Pending,
    /// The last published submission, which the service copies into the submission the run creates.
    LastPublished,
    /// The current draft of a win32 product.
    Draft,
    /// Nothing: a first submission (the service creates an empty one).
    None,
}

/// One request of the real run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlannedRequest {
    /// The route table's operation id, or [`UPLOAD_OPERATION`].
    pub operation: String,
    /// The HTTP method.
    pub method: Method,
    /// The URL (signatures redacted; [`NEW_ID`] for a submission not created yet).
    pub url: String,
    /// The whole JSON body, when the request has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<Value>,
    /// An upload of a ZIP the run writes: its entries.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zip: Option<ZipEntries>,
    /// An upload of a ZIP that exists already (`publish --files upload.zip`), as the host names it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archive: Option<String>,
    /// An upload of one file (a win32 listing asset).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
}

/// The entries of a ZIP upload, in the order the run writes them (each file once).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ZipEntries {
    /// Entry names (`/` separated).
    pub entries: Vec<String>,
}

/// One read a plan sent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlannedRead {
    /// The route table's operation id.
    pub operation: String,
    /// `GET`.
    pub method: Method,
    /// The URL.
    pub url: String,
}

/// One leaf that changes: `from` absent means added, `to` absent means removed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// JSON pointer of the leaf.
    pub path: String,
    /// The live value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<Value>,
    /// The value written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<Value>,
}

/// The workflows a plan is made for: a devcenter submission or an MSI/EXE publish, in their facade or
/// project-file forms.
pub const PLANNABLE: &[&str] = &[
    "submission",
    "publishAppSubmission",
    "publishAddonSubmission",
    "publishFlightSubmission",
    "win32",
    "publishWin32",
];

/// Whether a request names a workflow a plan is made for; else the error naming it.
///
/// # Errors
/// `invalid_argument` naming the workflow.
pub fn check_plannable(request: &Value) -> Result<()> {
    let name = request.get("workflow").and_then(Value::as_str).unwrap_or("");
    if PLANNABLE.contains(&name) {
        Ok(())
    } else {
        Err(Error::invalid_argument(format!(
            "workflow/request/workflow: a plan is made for a submission or win32 request ({}), got {name:?}",
            PLANNABLE.join(", ")
        )))
    }
}

/// Plans `inner`, the publishing workflow `request` names (a `submission` or `win32` request, or their
/// facade forms, as [`crate::wire::workflow_from_json`] read it into `inner`): a flow that runs the same
/// pre-flight checks, sends only reads and ends with an [`Outcome`] whose `document` is the [`Plan`].
///
/// # Errors
/// `invalid_argument` for another workflow.
pub fn plan(inner: Flow, request: &Value) -> Result<Flow> {
    let name = request.get("workflow").and_then(Value::as_str).unwrap_or("");
    let subject = match name {
        "submission" => {
            let target: Target = decode("workflow/request/target", request.get("target").unwrap_or(&Value::Null))?;
            Subject::Submission { kind: target.kind(), target }
        }
        "publishAppSubmission" | "publishAddonSubmission" | "publishFlightSubmission" => {
            let id = |k: &str| request.get(k).and_then(Value::as_str).unwrap_or("").trim().to_string();
            let target = match name {
                "publishAppSubmission" => Target::App { app_id: id("appId") },
                "publishAddonSubmission" => Target::Addon { addon_id: id("addonId") },
                _ => Target::Flight { app_id: id("appId"), flight_id: id("flightId") },
            };
            Subject::Submission { kind: target.kind(), target }
        }
        "win32" | "publishWin32" => {
            let spec: Win32Spec = if name == "win32" {
                match request.get("spec") {
                    None | Some(Value::Null) => Win32Spec::default(),
                    Some(v) => decode("workflow/request/spec", v)?,
                }
            } else {
                let mut m = request.as_object().cloned().unwrap_or_default();
                m.retain(|k, _| {
                    ["packages", "packagePatches", "metadata", "metadataPatch", "assets"].contains(&k.as_str())
                });
                decode("workflow/request", &Value::Object(m))?
            };
            let product_id = request.get("productId").and_then(Value::as_str).unwrap_or("").trim().to_string();
            Subject::Win32 { product_id, spec: Box::new(spec) }
        }
        _ => {
            return Err(Error::invalid_argument(format!(
                "workflow/request/workflow: a plan is made for a submission or win32 request, got {name:?}"
            )))
        }
    };
    let (cfg, inner, preflight) = inner.into_parts();
    let flow = Flow::new(cfg, Box::new(PlanMachine::new(inner, subject)));
    Ok(match preflight {
        Some(check) => flow.with_preflight(check),
        None => flow,
    })
}

#[derive(Debug)]
enum Subject {
    Submission { target: Target, kind: DocumentKind },
    Win32 { product_id: String, spec: Box<Win32Spec> },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Waiting {
    Start,
    /// A read the driven machine asked for.
    Inner,
    /// The plan's own read of the last published submission; the machine's action waits in `deferred`.
    LastPublished,
    /// The plan's own read of the current win32 draft (an index into [`WIN32_BASE_READS`]).
    Win32Base(usize),
    Done,
}

/// The reads of a win32 draft a plan makes before it drives the machine.
const WIN32_BASE_READS: [&str; 3] = ["win32.get_module_status", "win32.get_packages", "win32.get_metadata"];

#[derive(Debug)]
struct PlanMachine {
    inner: Box<dyn Workflow>,
    subject: Subject,
    waiting: Waiting,
    deferred: Option<Action>,
    last_read: Option<&'static Operation>,
    parent: Value,
    base: Option<Value>,
    base_source: BaseSource,
    base_id: Option<String>,
    requests: Vec<PlannedRequest>,
    reads: Vec<PlannedRead>,
    put_body: Option<Value>,
    /// win32: the module status, packages and metadata as read (`responseData`).
    w32_status: Value,
    w32_packages: Option<Value>,
    w32_metadata: Option<Value>,
    /// win32: the listing assets the machine read, by language (lower case).
    w32_assets: Map<String, Value>,
    packages_committed: bool,
    steps: u32,
}

fn envelope(data: Value) -> HttpResponse {
    HttpResponse::json(200, &json!({"isSuccess": true, "errors": [], "responseData": data}))
}

fn response_data(v: &Value) -> Value {
    v.get("responseData").cloned().unwrap_or(Value::Null)
}

impl PlanMachine {
    fn new(inner: Box<dyn Workflow>, subject: Subject) -> Self {
        PlanMachine {
            inner,
            base_source: match subject {
                Subject::Submission { .. } => BaseSource::None,
                Subject::Win32 { .. } => BaseSource::Draft,
            },
            subject,
            waiting: Waiting::Start,
            deferred: None,
            last_read: None,
            parent: Value::Null,
            base: None,
            base_id: None,
            requests: Vec::new(),
            reads: Vec::new(),
            put_body: None,
            w32_status: Value::Null,
            w32_packages: None,
            w32_metadata: None,
            w32_assets: Map::new(),
            packages_committed: false,
            steps: 0,
        }
    }

    /// The URL of a call as the real run would send it.
    fn url(cfg: &FlowConfig, call: &Call) -> Result<String> {
        let req = call_request(cfg, call)?;
        Ok(redact_url(&req.url).replace("%7Bnew%7D", NEW_ID).replace("%7bnew%7d", NEW_ID))
    }

    /// Sends a read (the only requests a plan sends) and notes it.
    fn read(&mut self, call: Call, waiting: Waiting, cfg: &FlowConfig) -> Result<Action> {
        self.reads.push(PlannedRead {
            operation: call.op.id.to_string(),
            method: call.op.method,
            url: Self::url(cfg, &call)?,
        });
        self.last_read = Some(call.op);
        self.waiting = waiting;
        Ok(Action::Call(call))
    }

    /// Learns what a read of the driven machine says (the parent, the pending submission, assets).
    fn observe(&mut self, resp: &HttpResponse) {
        let (Some(op), Ok(doc)) = (self.last_read, super::json_body(resp)) else { return };
        match &self.subject {
            Subject::Submission { target, .. } => {
                let ops = target.ops();
                if op.id == ops.get_parent.id {
                    self.parent = doc;
                } else if op.id == ops.get.id && self.base.is_none() {
                    self.base_id = str_of(&doc, "id").map(str::to_string);
                    self.base = Some(doc);
                    self.base_source = BaseSource::Pending;
                }
            }
            Subject::Win32 { .. } => {
                if op.id == "win32.get_listing_assets" {
                    for set in response_data(&doc).get("listingAssets").and_then(Value::as_array).into_iter().flatten()
                    {
                        if let Some(lang) = str_of(set, "language") {
                            self.w32_assets.insert(lang.to_ascii_lowercase(), set.clone());
                        }
                    }
                }
            }
        }
    }

    /// The next win32 draft read the spec needs (from `from`), or the machine's first step.
    fn win32_base(&mut self, from: usize, cfg: &FlowConfig) -> Result<Action> {
        let Subject::Win32 { product_id, spec } = &self.subject else { unreachable!("win32 only") };
        for (i, op_id) in WIN32_BASE_READS.iter().enumerate().skip(from) {
            let needed = match *op_id {
                "win32.get_packages" => spec.packages.is_some() || !spec.package_patches.is_empty(),
                "win32.get_metadata" => spec.metadata.is_some(),
                _ => true,
            };
            if needed {
                let op = crate::api::routes::operation(op_id)
                    .ok_or_else(|| Error::invalid_argument(format!("unknown operation {op_id}")))?;
                let call = Call::new(op, json!({ "productId": product_id }));
                return self.read(call, Waiting::Win32Base(i), cfg);
            }
        }
        let first = self.inner.step(Reply::Start, cfg);
        self.drive(first, cfg)
    }

    /// Whether the machine's action needs the last published submission first (the base of a create).
    fn last_published_read(&self, call: &Call) -> Option<Call> {
        let Subject::Submission { target, .. } = &self.subject else { return None };
        let ops = target.ops();
        if self.base.is_some() || (call.op.id != ops.create.id && call.op.id != ops.delete.id) {
            return None;
        }
        let id = self.parent.get(ops.published_field).and_then(|p| str_of(p, "id"))?;
        Some(Call::new(ops.get, target.sub_args(id)))
    }

    /// Lists a request that changes something.
    fn record(&mut self, call: &Call, cfg: &FlowConfig) -> Result<()> {
        let body = call.args.get("body").cloned();
        if let Subject::Submission { target, .. } = &self.subject {
            if call.op.id == target.ops().update.id {
                self.put_body = body.clone();
            }
        }
        self.requests.push(PlannedRequest {
            operation: call.op.id.to_string(),
            method: call.op.method,
            url: Self::url(cfg, call)?,
            body: body.as_ref().map(redact_json),
            zip: None,
            archive: None,
            file: None,
        });
        Ok(())
    }

    fn record_upload(&mut self, upload: Upload) {
        let (url, zip, archive, file) = match upload {
            Upload::Zip { url, files } => {
                let mut seen = BTreeSet::new();
                let entries = files.into_iter().map(|f| f.zip_name).filter(|n| seen.insert(n.clone())).collect();
                (url, Some(ZipEntries { entries }), None, None)
            }
            Upload::Archive { url, file } => (url, None, Some(file), None),
            Upload::Asset { file, url, .. } => (url, None, None, Some(file)),
        };
        self.requests.push(PlannedRequest {
            operation: UPLOAD_OPERATION.into(),
            method: Method::Put,
            url: redact_url(&url),
            body: None,
            zip,
            archive,
            file,
        });
    }

    /// Whether the call is the run's last change (commit, submit): the plan ends after listing it.
    fn is_last(&self, call: &Call) -> bool {
        match &self.subject {
            Subject::Submission { target, .. } => call.op.id == target.ops().commit.id,
            Subject::Win32 { .. } => call.op.id == "win32.submit",
        }
    }

    /// The answer the service would give to a change (never sent).
    fn answer(&mut self, call: &Call) -> HttpResponse {
        match &self.subject {
            Subject::Submission { target, .. } => {
                let ops = target.ops();
                if call.op.id == ops.create.id {
                    // The service's copy of the last published submission (or an empty one).
                    let mut doc = self.base.clone().filter(Value::is_object).unwrap_or_else(|| json!({}));
                    doc["id"] = json!(NEW_ID);
                    doc["status"] = json!("PendingCommit");
                    doc["fileUploadUrl"] = json!(NEW_UPLOAD_URL);
                    HttpResponse::json(201, &doc)
                } else if call.op.id == ops.delete.id {
                    HttpResponse::new(204, "")
                } else {
                    HttpResponse::json(200, &json!({}))
                }
            }
            Subject::Win32 { .. } => match call.op.id {
                "win32.create_listing_assets" => {
                    let asked = call.args.pointer("/body/createAssetRequest").cloned().unwrap_or(Value::Null);
                    let slots = |key: &str| -> Value {
                        let n = asked.get(key).and_then(Value::as_u64).unwrap_or(0);
                        (0..n).map(|_| json!({"id": NEW_ID, "primaryAssetUploadUrl": NEW_ASSET_URL})).collect()
                    };
                    let language = call.args.pointer("/body/language").cloned().unwrap_or(Value::Null);
                    envelope(json!({"listingAssets": {
                        "language": language, "screenshots": slots("Screenshot"), "storeLogos": slots("Logo")
                    }}))
                }
                op => {
                    if op == "win32.commit_packages" {
                        self.packages_committed = true;
                    }
                    envelope(json!({}))
                }
            },
        }
    }

    /// A read the real run makes after changes the plan did not send, answered from what was read
    /// before (win32 module status): ready once the packages this run changes are committed.
    fn answered_read(&self, call: &Call) -> Option<HttpResponse> {
        if !matches!(self.subject, Subject::Win32 { .. }) || call.op.id != "win32.get_module_status" {
            return None;
        }
        let mut status = self.w32_status.clone();
        if !status.is_object() {
            status = json!({"isSuccess": true, "errors": [], "responseData": {}});
        }
        if self.packages_committed {
            if let Some(errors) = status.get_mut("errors").and_then(Value::as_array_mut) {
                errors.retain(|e| {
                    let code = e.get("code").and_then(Value::as_str).unwrap_or("");
                    !code.eq_ignore_ascii_case(PACKAGES_NOT_COMMITTED)
                        && !code.eq_ignore_ascii_case(PACKAGE_UPLOAD_ERROR)
                });
            }
        }
        let uncommitted = status.get("errors").and_then(Value::as_array).into_iter().flatten().any(|e| {
            e.get("code").and_then(Value::as_str).is_some_and(|c| c.eq_ignore_ascii_case(PACKAGES_NOT_COMMITTED))
        });
        if !uncommitted {
            if !status.get("responseData").is_some_and(Value::is_object) {
                status["responseData"] = json!({});
            }
            status["responseData"]["isReady"] = json!(true);
        }
        Some(HttpResponse::json(200, &status))
    }

    /// Runs the driven machine from `action` until it asks for a read the plan sends, or the run's end.
    fn drive(&mut self, action: Result<Action>, cfg: &FlowConfig) -> Result<Action> {
        let mut action = action?;
        loop {
            self.steps += 1;
            if self.steps > MAX_STEPS {
                return Err(Error::invalid_response(format!(
                    "the plan did not reach the end of the workflow after {MAX_STEPS} steps (stage `{}`)",
                    self.inner.stage()
                )));
            }
            let reply = match action {
                Action::Call(call) if call.op.method == Method::Get => match self.answered_read(&call) {
                    Some(resp) => Reply::Ok(resp),
                    None => return self.read(call, Waiting::Inner, cfg),
                },
                Action::Call(call) => {
                    if let Some(read) = self.last_published_read(&call) {
                        self.deferred = Some(Action::Call(call));
                        return self.read(read, Waiting::LastPublished, cfg);
                    }
                    self.record(&call, cfg)?;
                    if self.is_last(&call) {
                        return Ok(self.finish());
                    }
                    Reply::Ok(self.answer(&call))
                }
                Action::Upload(upload) => {
                    self.record_upload(upload);
                    Reply::Uploaded
                }
                Action::Poll(_) => Reply::Waited,
                Action::Done(_) => return Ok(self.finish()),
            };
            action = self.inner.step(reply, cfg)?;
        }
    }

    fn finish(&mut self) -> Action {
        self.waiting = Waiting::Done;
        let (workflow, target, resource_id, (from, to), kind) = match &self.subject {
            Subject::Submission { target, kind } => (
                "submission",
                serde_json::to_value(target).unwrap_or(Value::Null),
                target.resource_id(),
                (
                    apply(*kind, self.base.as_ref().unwrap_or(&Value::Null), &SubmissionSpec::default()),
                    self.put_body.clone().unwrap_or(Value::Null),
                ),
                Some(*kind),
            ),
            Subject::Win32 { product_id, spec } => (
                "win32",
                json!({ "productId": product_id }),
                product_id.clone(),
                win32_documents(self.w32_packages.as_ref(), self.w32_metadata.as_ref(), &self.w32_assets, spec),
                None,
            ),
        };
        let (files_added, files_removed) = match kind {
            Some(kind) => submission_files(kind, &from, &to),
            None => win32_files(&from, &to),
        };
        let plan = Plan {
            workflow: workflow.into(),
            target,
            base: PlanBase { source: self.base_source, submission_id: self.base_id.clone() },
            requests: std::mem::take(&mut self.requests),
            reads: std::mem::take(&mut self.reads),
            changes: diff(&redact_json(&from), &redact_json(&to)),
            files_added,
            files_removed,
        };
        Action::Done(Outcome {
            flow: "plan".into(),
            stage: "planned".into(),
            resource_id: Some(resource_id),
            // The submission the run would change, when it exists already (a copied one is the plan's base).
            submission_id: self.base_id.clone().filter(|_| self.base_source == BaseSource::Pending),
            document: Some(redact_json(&serde_json::to_value(&plan).unwrap_or(Value::Null))),
            ..Outcome::default()
        })
    }
}

impl Workflow for PlanMachine {
    fn step(&mut self, reply: Reply, cfg: &FlowConfig) -> Result<Action> {
        match self.waiting {
            Waiting::Start => match self.subject {
                Subject::Submission { .. } => {
                    let first = self.inner.step(Reply::Start, cfg);
                    self.drive(first, cfg)
                }
                Subject::Win32 { .. } => self.win32_base(0, cfg),
            },
            Waiting::Inner => {
                if let Reply::Ok(resp) = &reply {
                    self.observe(resp);
                }
                let next = self.inner.step(reply, cfg);
                self.drive(next, cfg)
            }
            Waiting::LastPublished => {
                let doc = reply.json()?;
                self.base_id = str_of(&doc, "id").map(str::to_string);
                self.base = Some(doc);
                self.base_source = BaseSource::LastPublished;
                let deferred = self.deferred.take().ok_or_else(|| Error::invalid_argument("no deferred action"))?;
                self.drive(Ok(deferred), cfg)
            }
            Waiting::Win32Base(i) => {
                let doc = reply.json()?;
                match WIN32_BASE_READS[i] {
                    "win32.get_module_status" => self.w32_status = doc,
                    "win32.get_packages" => self.w32_packages = Some(response_data(&doc)),
                    _ => self.w32_metadata = Some(response_data(&doc)),
                }
                self.win32_base(i + 1, cfg)
            }
            Waiting::Done => Err(Error::invalid_argument("the plan has finished")),
        }
    }

    fn stage(&self) -> String {
        match self.waiting {
            Waiting::Start | Waiting::Inner => format!("plan: {}", self.inner.stage()),
            Waiting::LastPublished => "plan: read-last-published".into(),
            Waiting::Win32Base(_) => "plan: read-draft".into(),
            Waiting::Done => "planned".into(),
        }
    }
}

// ---------------------------------------------------------------------------------------------------
// What changes.

/// The files a submission's PUT adds (`PendingUpload`, each once) and removes (newly `PendingDelete`).
fn submission_files(kind: DocumentKind, from: &Value, to: &Value) -> (Vec<String>, Vec<String>) {
    let deleting = |doc: &Value| -> BTreeSet<String> {
        referenced_files(kind, doc)
            .into_iter()
            .filter(|f| {
                let parent = f.pointer.rsplit_once('/').map_or("", |(p, _)| p);
                doc.pointer(parent).and_then(|o| o.get("fileStatus")).and_then(Value::as_str) == Some("PendingDelete")
            })
            .map(|f| f.name)
            .collect()
    };
    let mut added = Vec::new();
    for f in referenced_files(kind, to).into_iter().filter(|f| f.pending_upload) {
        if !added.contains(&f.name) {
            added.push(f.name);
        }
    }
    let before = deleting(from);
    let removed = deleting(to).into_iter().filter(|n| !before.contains(n)).collect();
    (added, removed)
}

/// A win32 draft as a plan compares it, before and after the spec: `packages`, `availability`,
/// `properties`, `listings` by language and `listingAssets` by language (asset URLs, or the files that
/// replace them). A full module update (PUT) replaces a module, a patch merges into it (seed 003's
/// "API Behavior"); a full packages update replaces every package (new package ids).
fn win32_documents(
    packages: Option<&Value>,
    metadata: Option<&Value>,
    assets: &Map<String, Value>,
    spec: &Win32Spec,
) -> (Value, Value) {
    let mut base = Map::new();
    if let Some(p) = packages {
        base.insert("packages".into(), p.get("packages").cloned().unwrap_or_else(|| json!([])));
    }
    if let Some(m) = metadata {
        for module in ["availability", "properties"] {
            if let Some(v) = m.get(module) {
                base.insert(module.into(), v.clone());
            }
        }
        let mut listings = Map::new();
        for l in m.get("listings").and_then(Value::as_array).into_iter().flatten() {
            listings.insert(str_of(l, "language").unwrap_or("").to_ascii_lowercase(), l.clone());
        }
        base.insert("listings".into(), Value::Object(listings));
    }
    if !spec.assets.is_empty() {
        let mut by_lang = Map::new();
        for set in &spec.assets {
            let lang = set.language.to_ascii_lowercase();
            let current = assets.get(&lang).cloned().unwrap_or(Value::Null);
            let urls = |kind: &str| -> Value {
                current
                    .get(kind)
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .map(|a| a.get("assetUrl").cloned().unwrap_or(Value::Null))
                    .collect()
            };
            by_lang.insert(lang, json!({"screenshots": urls("screenshots"), "storeLogos": urls("storeLogos")}));
        }
        base.insert("listingAssets".into(), Value::Object(by_lang));
    }
    let base = Value::Object(base);
    let mut after = base.clone();
    if let Some(body) = &spec.packages {
        after["packages"] = body.get("packages").cloned().unwrap_or_else(|| body.clone());
    }
    for patch in &spec.package_patches {
        let found = after
            .get_mut("packages")
            .and_then(Value::as_array_mut)
            .and_then(|items| items.iter_mut().find(|p| str_of(p, "packageId") == Some(patch.package_id.as_str())));
        match found {
            Some(item) => merge(item, &patch.body),
            None => {
                let mut item = patch.body.clone();
                item["packageId"] = json!(patch.package_id);
                if !after.get("packages").is_some_and(Value::is_array) {
                    after["packages"] = json!([]);
                }
                if let Some(items) = after["packages"].as_array_mut() {
                    items.push(item);
                }
            }
        }
    }
    if let Some(m) = &spec.metadata {
        let patch = spec.metadata_patch;
        for module in ["availability", "properties"] {
            if let Some(v) = m.get(module) {
                match after.get_mut(module) {
                    Some(current) if patch => merge(current, v),
                    _ => after[module] = v.clone(),
                }
            }
        }
        if !after.get("listings").is_some_and(Value::is_object) {
            after["listings"] = json!({});
        }
        let given: Vec<Value> = match m.get("listings") {
            Some(Value::Array(a)) => a.clone(),
            Some(o @ Value::Object(_)) => vec![o.clone()],
            _ => Vec::new(),
        };
        for lang in m.get("listingsToAdd").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str) {
            let lang = lang.to_ascii_lowercase();
            if after["listings"].get(&lang).is_none() {
                after["listings"][lang.as_str()] = json!({ "language": lang });
            }
        }
        for l in given {
            let lang = str_of(&l, "language").unwrap_or("").to_ascii_lowercase();
            match after["listings"].get_mut(&lang) {
                Some(current) if patch => merge(current, &l),
                _ => after["listings"][lang.as_str()] = l,
            }
        }
        for lang in m.get("listingsToRemove").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str)
        {
            if let Some(listings) = after["listings"].as_object_mut() {
                listings.remove(&lang.to_ascii_lowercase());
            }
        }
    }
    for set in &spec.assets {
        let slot = &mut after["listingAssets"][set.language.to_ascii_lowercase().as_str()];
        if !set.screenshots.is_empty() {
            slot["screenshots"] = json!(set.screenshots);
        }
        if !set.logos.is_empty() {
            slot["storeLogos"] = json!(set.logos);
        }
    }
    (base, after)
}

/// The package URLs and asset files a win32 run adds, and the package URLs and asset URLs it replaces.
fn win32_files(from: &Value, to: &Value) -> (Vec<String>, Vec<String>) {
    let urls = |doc: &Value| -> Vec<String> {
        doc.get("packages")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|p| str_of(p, "packageUrl").map(str::to_string))
            .collect()
    };
    let assets = |doc: &Value| -> Vec<String> {
        doc.get("listingAssets")
            .and_then(Value::as_object)
            .into_iter()
            .flat_map(|m| m.values())
            .flat_map(|set| ["screenshots", "storeLogos"].map(|k| set.get(k).cloned().unwrap_or(Value::Null)))
            .flat_map(|list| list.as_array().cloned().unwrap_or_default())
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect()
    };
    let (before, after) = ([urls(from), assets(from)].concat(), [urls(to), assets(to)].concat());
    let added = after.iter().filter(|u| !before.contains(u)).cloned().collect();
    let removed = before.iter().filter(|u| !after.contains(u)).cloned().collect();
    (added, removed)
}

/// The leaf-level differences between two JSON documents, as JSON pointers: every scalar (and every
/// empty array or object) that is added, removed or changed. Numbers compare by value (`25` = `25.0`).
pub fn diff(from: &Value, to: &Value) -> Vec<Change> {
    let mut out = Vec::new();
    walk(&mut String::new(), Some(from), Some(to), &mut out);
    out
}

fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x == y || x.as_f64() == y.as_f64(),
        _ => a == b,
    }
}

fn child(path: &mut String, seg: &str, a: Option<&Value>, b: Option<&Value>, out: &mut Vec<Change>) {
    let len = path.len();
    path.push('/');
    path.push_str(&pointer_segment(seg));
    walk(path, a, b, out);
    path.truncate(len);
}

fn non_empty(v: &Value) -> bool {
    match v {
        Value::Object(m) => !m.is_empty(),
        Value::Array(a) => !a.is_empty(),
        _ => false,
    }
}

/// Each leaf of a subtree added (`added`) or removed.
fn leaves(path: &mut String, v: &Value, added: bool, out: &mut Vec<Change>) {
    let side = |v: &Value| if added { (None, Some(v.clone())) } else { (Some(v.clone()), None) };
    match v {
        Value::Object(m) if !m.is_empty() => {
            for (k, item) in m {
                let (a, b) = side(item);
                child(path, k, a.as_ref(), b.as_ref(), out);
            }
        }
        Value::Array(items) if !items.is_empty() => {
            for (i, item) in items.iter().enumerate() {
                let (a, b) = side(item);
                child(path, &i.to_string(), a.as_ref(), b.as_ref(), out);
            }
        }
        _ => {
            let (from, to) = side(v);
            out.push(Change { path: path.clone(), from, to });
        }
    }
}

fn walk(path: &mut String, from: Option<&Value>, to: Option<&Value>, out: &mut Vec<Change>) {
    match (from, to) {
        (Some(Value::Object(a)), Some(Value::Object(b))) => {
            for (k, v) in a {
                child(path, k, Some(v), b.get(k), out);
            }
            for (k, v) in b.iter().filter(|(k, _)| !a.contains_key(*k)) {
                child(path, k, None, Some(v), out);
            }
        }
        (Some(Value::Array(a)), Some(Value::Array(b))) => {
            for i in 0..a.len().max(b.len()) {
                child(path, &i.to_string(), a.get(i), b.get(i), out);
            }
        }
        (Some(a), Some(b)) if same(a, b) => {}
        (Some(a), None) if non_empty(a) => leaves(path, a, false, out),
        (None, Some(b)) if non_empty(b) => leaves(path, b, true, out),
        (None, None) => {}
        (a, b) => out.push(Change { path: path.clone(), from: a.cloned(), to: b.cloned() }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;
    use crate::flow::devcenter::{submission, SubmissionOptions};
    use crate::flow::script::{cfg, Script};

    fn doc(id: &str, status: &str) -> Value {
        json!({"id": id, "status": status, "fileUploadUrl": "https://blob.local/c/b?sv=2019&sig=SECRET",
               "futureField": {"kept": true},
               "applicationPackages": [{"fileName": "old.msix", "fileStatus": "Uploaded", "id": "p1"}],
               "listings": {"en-us": {"baseListing": {"title": "Old title", "description": "d"}}}})
    }

    fn changes() -> Value {
        json!({"applicationPackages": [{"fileName": "new.msix"}],
               "listings": {"en-us": {"baseListing": {"title": "New title"}}}})
    }

    fn app_request(pending: &str, stop: &str) -> Value {
        json!({"workflow": "submission", "target": {"type": "app", "appId": "9APP"},
               "spec": {"changes": changes(), "rolloutPercentage": 10}, "pending": pending, "stopAfter": stop})
    }

    fn planned(s: &mut Script, request: &Value) -> Result<Plan> {
        let mut flow = crate::wire::workflow_from_json(cfg(), &json!({"workflow": "plan", "request": request}))?;
        let out = s.run(&mut flow)?;
        assert_eq!(out.flow, "plan");
        let p: Plan = serde_json::from_value(out.document.expect("a plan document")).expect("the document is a Plan");
        let changed = if p.base.source == BaseSource::Pending { p.base.submission_id.clone() } else { None };
        assert_eq!(out.submission_id, changed, "the outcome names the submission the run would change");
        Ok(p)
    }

    fn ops(p: &Plan) -> Vec<(&str, Method, &str)> {
        p.requests.iter().map(|r| (r.operation.as_str(), r.method, r.url.as_str())).collect()
    }

    fn change<'a>(p: &'a Plan, path: &str) -> Option<&'a Change> {
        p.changes.iter().find(|c| c.path == path)
    }

    const ROOT: &str = "http://127.0.0.1:1/v1.0/my/applications/9APP";

    #[test]
    fn an_app_with_a_pending_submission_plans_update_upload_commit_and_sends_only_reads() {
        let mut s = Script::new();
        s.token(3600);
        s.expect(Method::Get, "/applications/9APP", 200, json!({"pendingApplicationSubmission": {"id": "S1"}}));
        s.expect(Method::Get, "/applications/9APP/submissions/S1", 200, doc("S1", "PendingCommit"));
        let p = planned(&mut s, &app_request("reuse", "published")).unwrap();
        s.finish();
        assert!(
            s.sent.iter().filter(|r| !r.url.contains("/oauth2/")).all(|r| r.method == Method::Get),
            "only reads were sent"
        );
        assert_eq!(p.workflow, "submission");
        assert_eq!(p.target, json!({"type": "app", "appId": "9APP"}));
        assert_eq!(p.base, PlanBase { source: BaseSource::Pending, submission_id: Some("S1".into()) });
        assert_eq!(
            ops(&p),
            vec![
                ("devcenter.update_app_submission", Method::Put, &format!("{ROOT}/submissions/S1")[..]),
                (UPLOAD_OPERATION, Method::Put, "https://blob.local/c/b?sv=2019&sig=<redacted>"),
                ("devcenter.commit_app_submission", Method::Post, &format!("{ROOT}/submissions/S1/commit")[..]),
            ]
        );
        assert_eq!(p.requests[1].zip, Some(ZipEntries { entries: vec!["new.msix".into()] }));
        let body = p.requests[0].body.as_ref().expect("the PUT body");
        assert_eq!(body["futureField"], json!({"kept": true}), "unknown fields kept");
        assert_eq!(body["applicationPackages"][0]["fileStatus"], "PendingDelete");
        let title = change(&p, "/listings/en-us/baseListing/title").expect("the title changes");
        assert_eq!((title.from.clone(), title.to.clone()), (Some(json!("Old title")), Some(json!("New title"))));
        let rollout = change(&p, "/packageDeliveryOptions/packageRollout/packageRolloutPercentage").unwrap();
        assert_eq!((rollout.from.clone(), rollout.to.clone()), (None, Some(json!(10.0))));
        assert_eq!(change(&p, "/applicationPackages/0/fileStatus").unwrap().to, Some(json!("PendingDelete")));
        assert!(
            change(&p, "/id").is_none() && change(&p, "/fileUploadUrl").is_none(),
            "read-only fields are not changes"
        );
        assert!(change(&p, "/futureField/kept").is_none(), "unchanged leaves are not listed");
        assert_eq!(
            (p.files_added.clone(), p.files_removed.clone()),
            (vec!["new.msix".into()], vec!["old.msix".into()])
        );
        assert_eq!(
            p.reads.iter().map(|r| r.operation.as_str()).collect::<Vec<_>>(),
            ["devcenter.get_app", "devcenter.get_app_submission"]
        );
        let text = serde_json::to_string(&p).unwrap();
        assert!(!text.contains("SECRET"), "no SAS signature in the plan: {text}");
    }

    /// Runs the real workflow on the same answers and returns the body it PUT.
    fn real_put(s: &mut Script, request: &Value) -> Value {
        let mut flow = crate::wire::workflow_from_json(cfg(), request).unwrap();
        s.run(&mut flow).unwrap();
        s.finish();
        s.sent_json(Method::Put).expect("the real run PUT")
    }

    #[test]
    fn the_planned_put_body_is_the_body_the_real_run_puts() {
        // A pending submission reused.
        let mut s = Script::new();
        s.token(3600);
        s.expect(Method::Get, "/applications/9APP", 200, json!({"pendingApplicationSubmission": {"id": "S1"}}));
        s.expect(Method::Get, "/submissions/S1", 200, doc("S1", "PendingCommit"));
        let p = planned(&mut s, &app_request("reuse", "draft")).unwrap();
        assert_eq!(p.requests.len(), 2, "stopAfter draft: no commit planned: {:?}", ops(&p));
        let mut s = Script::new();
        s.token(3600);
        s.expect(Method::Get, "/applications/9APP", 200, json!({"pendingApplicationSubmission": {"id": "S1"}}));
        s.expect(Method::Get, "/submissions/S1", 200, doc("S1", "PendingCommit"));
        s.expect(Method::Put, "/submissions/S1", 200, doc("S1", "PendingCommit"));
        s.expect_upload();
        assert_eq!(p.requests[0].body.as_ref(), Some(&real_put(&mut s, &app_request("reuse", "draft"))));

        // No pending submission: the service copies the last published one into the new submission.
        let parent = json!({"lastPublishedApplicationSubmission": {"id": "L1"}});
        let mut s = Script::new();
        s.token(3600);
        s.expect(Method::Get, "/applications/9APP", 200, parent.clone());
        s.expect(Method::Get, "/submissions/L1", 200, doc("L1", "Published"));
        let p = planned(&mut s, &app_request("reuse", "published")).unwrap();
        s.finish();
        assert_eq!(p.base, PlanBase { source: BaseSource::LastPublished, submission_id: Some("L1".into()) });
        assert_eq!(
            ops(&p),
            vec![
                ("devcenter.create_app_submission", Method::Post, &format!("{ROOT}/submissions")[..]),
                ("devcenter.update_app_submission", Method::Put, &format!("{ROOT}/submissions/{{new}}")[..]),
                (UPLOAD_OPERATION, Method::Put, NEW_UPLOAD_URL),
                ("devcenter.commit_app_submission", Method::Post, &format!("{ROOT}/submissions/{{new}}/commit")[..]),
            ]
        );
        let mut s = Script::new();
        s.token(3600);
        s.expect(Method::Get, "/applications/9APP", 200, parent);
        s.expect(Method::Post, "/applications/9APP/submissions", 201, doc("S7", "PendingCommit"));
        s.expect(Method::Put, "/submissions/S7", 200, doc("S7", "PendingCommit"));
        s.expect_upload();
        assert_eq!(p.requests[1].body.as_ref(), Some(&real_put(&mut s, &app_request("reuse", "draft"))));
    }

    #[test]
    fn pending_fail_ends_in_the_real_runs_conflict_and_recreate_plans_the_delete() {
        let parent =
            json!({"pendingApplicationSubmission": {"id": "OLD"}, "lastPublishedApplicationSubmission": {"id": "L1"}});
        let mut s = Script::new();
        s.token(3600);
        s.expect(Method::Get, "/applications/9APP", 200, parent.clone());
        let e = planned(&mut s, &app_request("fail", "published")).unwrap_err();
        s.finish();
        assert_eq!(e.kind(), ErrorKind::Conflict);
        assert!(e.message().contains("OLD"), "{e}");
        let mut s = Script::new();
        s.token(3600);
        s.expect(Method::Get, "/applications/9APP", 200, parent.clone());
        let mut real = submission(
            cfg(),
            Target::App { app_id: "9APP".into() },
            SubmissionSpec::from_changes(changes()),
            SubmissionOptions { pending: crate::flow::PendingPolicy::Fail, ..Default::default() },
        );
        assert_eq!(s.run(&mut real).unwrap_err().message(), e.message(), "the same error as the real run");

        let mut s = Script::new();
        s.token(3600);
        s.expect(Method::Get, "/applications/9APP", 200, parent);
        s.expect(Method::Get, "/submissions/L1", 200, doc("L1", "Published"));
        let p = planned(&mut s, &app_request("recreate", "committed")).unwrap();
        s.finish();
        let names: Vec<_> =
            p.requests.iter().map(|r| (r.operation.as_str(), r.url.rsplit('/').next().unwrap())).collect();
        assert_eq!(
            names,
            [
                ("devcenter.delete_app_submission", "OLD"),
                ("devcenter.create_app_submission", "submissions"),
                ("devcenter.update_app_submission", "{new}"),
                (UPLOAD_OPERATION, NEW_UPLOAD_URL),
                ("devcenter.commit_app_submission", "commit"),
            ]
        );
        assert_eq!(p.base.source, BaseSource::LastPublished);
    }

    #[test]
    fn a_committed_pending_submission_is_the_same_conflict_as_the_real_run() {
        let mut s = Script::new();
        s.token(3600);
        s.expect(Method::Get, "/applications/9APP", 200, json!({"pendingApplicationSubmission": {"id": "S9"}}));
        s.expect(Method::Get, "/submissions/S9", 200, doc("S9", "Certification"));
        let e = planned(&mut s, &app_request("reuse", "published")).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Conflict);
        assert!(e.message().contains("S9") && e.message().contains("Certification"), "{e}");
        s.finish();
    }

    #[test]
    fn an_addon_and_a_flight_use_their_own_routes_and_documents() {
        let mut s = Script::new();
        s.token(3600);
        s.expect(Method::Get, "/inappproducts/AO1", 200, json!({"lastPublishedInAppProductSubmission": {"id": "P1"}}));
        s.expect(
            Method::Get,
            "/inappproducts/AO1/submissions/P1",
            200,
            json!({"id": "P1", "status": "Published", "contentType": "EMagazine",
                   "listings": {"en": {"title": "T", "icon": {"fileName": "old.png", "fileStatus": "Uploaded"}}}}),
        );
        let request = json!({"workflow": "submission", "target": {"type": "addon", "addonId": "AO1"},
            "spec": {"changes": {"listings": {"en": {"icon": {"fileName": "Images\\new.png"}}}}}});
        let p = planned(&mut s, &request).unwrap();
        s.finish();
        let root = "http://127.0.0.1:1/v1.0/my/inappproducts/AO1/submissions";
        assert_eq!(
            ops(&p),
            vec![
                ("devcenter.create_addon_submission", Method::Post, root),
                ("devcenter.update_addon_submission", Method::Put, &format!("{root}/{{new}}")[..]),
                (UPLOAD_OPERATION, Method::Put, NEW_UPLOAD_URL),
                ("devcenter.commit_addon_submission", Method::Post, &format!("{root}/{{new}}/commit")[..]),
            ]
        );
        assert_eq!(p.requests[2].zip.as_ref().unwrap().entries, ["Images/new.png"]);
        let icon = change(&p, "/listings/en/icon/fileName").unwrap();
        assert_eq!((icon.from.clone(), icon.to.clone()), (Some(json!("old.png")), Some(json!("Images\\new.png"))));
        assert_eq!(p.files_added, ["Images\\new.png"]);

        let mut s = Script::new();
        s.token(3600);
        s.expect(Method::Get, "/applications/A/flights/F", 200, json!({"pendingFlightSubmission": {"id": "S3"}}));
        s.expect(
            Method::Get,
            "/flights/F/submissions/S3",
            200,
            json!({"id": "S3", "status": "PendingCommit", "fileUploadUrl": "https://b/x?sig=1",
                   "flightPackages": [{"fileName": "a.msixupload", "fileStatus": "Uploaded"}]}),
        );
        let request = json!({"workflow": "submission", "target": {"type": "flight", "appId": "A", "flightId": "F"},
            "spec": {"changes": {"flightPackages": [{"fileName": "b.msixupload"}]}}});
        let p = planned(&mut s, &request).unwrap();
        s.finish();
        let root = "http://127.0.0.1:1/v1.0/my/applications/A/flights/F/submissions/S3";
        assert_eq!(
            ops(&p),
            vec![
                ("devcenter.update_flight_submission", Method::Put, root),
                (UPLOAD_OPERATION, Method::Put, "https://b/x?sig=<redacted>"),
                ("devcenter.commit_flight_submission", Method::Post, &format!("{root}/commit")[..]),
            ]
        );
        assert_eq!(change(&p, "/flightPackages/1/fileName").unwrap().to, Some(json!("b.msixupload")));
        assert_eq!(change(&p, "/flightPackages/1/fileName").unwrap().from, None, "added");
        assert_eq!(
            (p.files_added.clone(), p.files_removed.clone()),
            (vec!["b.msixupload".into()], vec!["a.msixupload".into()])
        );
    }

    fn ok(data: Value) -> Value {
        json!({"isSuccess": true, "errors": [], "responseData": data})
    }

    fn win32_request() -> Value {
        json!({"workflow": "win32", "productId": "PROD1", "spec": {
            "packages": {"packages": [{"packageUrl": "https://x/app-2.msi", "languages": ["en-us"], "architectures": ["X64"], "isSilentInstall": true, "packageType": "msi"}]},
            "metadata": {"listings": {"language": "en-us", "description": "New description"}},
            "metadataPatch": true,
            "assets": [{"language": "en-us", "screenshots": ["s1.png"]}]}})
    }

    fn win32_reads(s: &mut Script, ongoing: &str) {
        s.token(3600);
        s.expect(
            Method::Get,
            "/product/PROD1/status",
            200,
            ok(json!({"isReady": true, "ongoingSubmissionId": ongoing})),
        );
        s.expect(Method::Get, "/product/PROD1/packages", 200,
            ok(json!({"packages": [{"packageId": "P0", "packageUrl": "https://x/app-1.msi", "languages": ["en-us"], "architectures": ["X64"], "isSilentInstall": true}]})));
        s.expect(Method::Get, "/product/PROD1/metadata", 200,
            ok(json!({"properties": {"category": "DeveloperTools"}, "listings": [{"language": "en-us", "description": "Old description", "whatsNew": "w"}]})));
        s.expect(Method::Get, "/listings/assets?languages=en-us", 200,
            ok(json!({"listingAssets": [{"language": "en-us", "storeLogos": [{"id": "L1", "assetUrl": "https://a/L1"}], "screenshots": [{"id": "S0", "assetUrl": "https://a/S0"}]}]})));
    }

    #[test]
    fn win32_plans_its_changes_in_the_real_order_from_the_current_draft() {
        let mut s = Script::new();
        win32_reads(&mut s, "");
        let p = planned(&mut s, &win32_request()).unwrap();
        s.finish();
        assert!(s.sent.iter().filter(|r| !r.url.contains("/oauth2/")).all(|r| r.method == Method::Get));
        assert_eq!((p.workflow.as_str(), &p.target), ("win32", &json!({"productId": "PROD1"})));
        assert_eq!(p.base.source, BaseSource::Draft);
        let root = "http://127.0.0.1:1/submission/v1/product/PROD1";
        assert_eq!(
            ops(&p),
            vec![
                ("win32.put_packages", Method::Put, &format!("{root}/packages")[..]),
                ("win32.commit_packages", Method::Post, &format!("{root}/packages/commit")[..]),
                ("win32.patch_metadata", Method::Patch, &format!("{root}/metadata")[..]),
                ("win32.create_listing_assets", Method::Post, &format!("{root}/listings/assets/create")[..]),
                (UPLOAD_OPERATION, Method::Put, NEW_ASSET_URL),
                ("win32.commit_listing_assets", Method::Put, &format!("{root}/listings/assets/commit")[..]),
                ("win32.submit", Method::Post, &format!("{root}/submit")[..]),
            ]
        );
        assert_eq!(p.requests[4].file.as_deref(), Some("s1.png"));
        let commit = p.requests[5].body.as_ref().unwrap();
        assert_eq!(commit["listingAssets"]["storeLogos"][0]["id"], "L1", "the logos not replaced are kept");
        assert_eq!(commit["listingAssets"]["screenshots"][0]["id"], NEW_ID);
        assert_eq!(p.requests[0].body.as_ref().unwrap()["packages"][0]["packageUrl"], "https://x/app-2.msi");
        let d = change(&p, "/listings/en-us/description").unwrap();
        assert_eq!((d.from.clone(), d.to.clone()), (Some(json!("Old description")), Some(json!("New description"))));
        assert!(change(&p, "/listings/en-us/whatsNew").is_none(), "a patch keeps the other fields");
        assert_eq!(change(&p, "/packages/0/packageUrl").unwrap().to, Some(json!("https://x/app-2.msi")));
        assert_eq!(change(&p, "/listingAssets/en-us/screenshots/0").unwrap().to, Some(json!("s1.png")));
        assert_eq!(p.files_added, ["https://x/app-2.msi", "s1.png"]);
        assert_eq!(p.files_removed, ["https://x/app-1.msi", "https://a/S0"]);
        assert_eq!(p.reads.len(), 4, "{:?}", p.reads);
    }

    #[test]
    fn win32_with_a_submission_in_progress_ends_in_the_real_runs_conflict() {
        let mut s = Script::new();
        win32_reads(&mut s, "SUB9");
        let e = planned(&mut s, &win32_request()).unwrap_err();
        s.finish();
        assert_eq!(e.kind(), ErrorKind::Conflict);
        assert!(e.message().contains("SUB9"), "{e}");
    }

    #[test]
    fn the_wire_names_the_plan_and_refuses_other_workflows() {
        let mut s = Script::new();
        s.token(3600);
        s.expect(Method::Get, "/applications/9APP", 200, json!({"pendingApplicationSubmission": {"id": "S1"}}));
        s.expect(Method::Get, "/submissions/S1", 200, doc("S1", "PendingCommit"));
        let mut flow = crate::wire::workflow_from_json(
            cfg(),
            &json!({"workflow": "plan", "request": app_request("reuse", "published")}),
        )
        .unwrap();
        let out = s.run(&mut flow).unwrap();
        s.finish();
        assert_eq!(out.document.unwrap()["requests"][0]["operation"], "devcenter.update_app_submission");
        let e =
            crate::wire::workflow_from_json(cfg(), &json!({"workflow": "plan", "request": {"workflow": "rollout"}}))
                .unwrap_err();
        assert!(e.message().contains("submission") && e.message().contains("win32"), "{e}");
        let e = crate::wire::workflow_from_json(cfg(), &json!({"workflow": "plan"})).unwrap_err();
        assert!(e.message().starts_with("workflow/request"), "{e}");
    }

    #[test]
    fn diffs_are_leaf_level_pointers() {
        let from = json!({"a": {"b": 1, "c": [1, 2]}, "d~/": "x", "gone": {"x": 1}});
        let to = json!({"a": {"b": 1.0, "c": [1]}, "d~/": "y", "new": [true]});
        let got: Vec<_> = diff(&from, &to).into_iter().map(|c| (c.path, c.from, c.to)).collect();
        assert_eq!(
            got,
            vec![
                ("/a/c/1".into(), Some(json!(2)), None),
                ("/d~0~1".into(), Some(json!("x")), Some(json!("y"))),
                ("/gone/x".into(), Some(json!(1)), None),
                ("/new/0".into(), None, Some(json!(true))),
            ]
        );
    }
}
