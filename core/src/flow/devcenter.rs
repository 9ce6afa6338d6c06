//! devcenter workflows: app, add-on and flight submissions end to end; package rollout changes.
//!
//! Submission: read the parent (app / add-on / flight) → handle a pending submission (fail, reuse, or
//! delete and recreate) → create → apply the spec (GET-modify-PUT on the JSON document) → upload the ZIP
//! of `PendingUpload` files → [stop for "draft only"] → commit → poll the status until the target stage.
//!
//! Ambiguous failures: a lost create response is checked by re-reading the parent's pending submission
//! (adopted, never duplicated); a lost commit response by reading the submission's status. When the check
//! shows the call did not take effect it is sent again after a backoff (`policy::retry::backoff`), never
//! straight away.
//!
//! An upload URL (SAS) that expires during the upload: the submission is read again; when the service
//! hands out a different `fileUploadUrl` the upload is tried once more with it. Otherwise the error says
//! to start over with `--pending recreate`, and no resume token is offered (it could never work: every
//! read returns the same expired URL).
//!
//! Documents in an [`Outcome`] have their SAS signatures redacted ([`crate::secret::redact_json`]): a
//! result printed by a binding or stored by a pipeline carries no live write credential.

use std::time::Duration;

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::preflight::Check;
use super::{
    findings, str_of, to_server_errors, Action, Call, FlowConfig, Outcome, Reply, StopAfter, Upload, UploadFile,
    Workflow,
};
use super::{Flow, ResumeToken};
use crate::api::Operation;
use crate::error::{Error, ErrorKind, Result};
use crate::model::devcenter::SubmissionStatus;
use crate::model::files::{referenced_files, zip_entry_name};
use crate::model::DocumentKind;
use crate::policy::retry;
use crate::secret::redact_json;
use crate::spec::{apply, PendingPolicy, SubmissionSpec};

/// Which submission a workflow works on. JSON: `{"type": "app", "appId"}`, `{"type": "addon", "addonId"}`,
/// `{"type": "flight", "appId", "flightId"}` (the snake_case spellings are read too).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Target {
    /// An app's submission.
    App {
        /// Store id of the app.
        #[serde(rename = "appId", alias = "app_id")]
        app_id: String,
    },
    /// An add-on's submission.
    Addon {
        /// Store id of the add-on.
        #[serde(rename = "addonId", alias = "addon_id")]
        addon_id: String,
    },
    /// A package flight's submission.
    Flight {
        /// Store id of the app.
        #[serde(rename = "appId", alias = "app_id")]
        app_id: String,
        /// Id of the flight.
        #[serde(rename = "flightId", alias = "flight_id")]
        flight_id: String,
    },
}

/// The operations and fields of one target's submission workflow.
pub(crate) struct Ops {
    pub(crate) get_parent: &'static Operation,
    pub(crate) pending_field: &'static str,
    /// The parent's field naming the last published submission (the one the service copies on create).
    pub(crate) published_field: &'static str,
    pub(crate) create: &'static Operation,
    pub(crate) get: &'static Operation,
    pub(crate) update: &'static Operation,
    pub(crate) delete: &'static Operation,
    pub(crate) commit: &'static Operation,
    pub(crate) status: &'static Operation,
    pub(crate) kind: DocumentKind,
    pub(crate) name: &'static str,
}

impl Target {
    pub(crate) fn ops(&self) -> Ops {
        match self {
            Target::App { .. } => Ops {
                get_parent: op!("devcenter.get_app"),
                pending_field: "pendingApplicationSubmission",
                published_field: "lastPublishedApplicationSubmission",
                create: op!("devcenter.create_app_submission"),
                get: op!("devcenter.get_app_submission"),
                update: op!("devcenter.update_app_submission"),
                delete: op!("devcenter.delete_app_submission"),
                commit: op!("devcenter.commit_app_submission"),
                status: op!("devcenter.get_app_submission_status"),
                kind: DocumentKind::AppSubmission,
                name: "app-submission",
            },
            Target::Addon { .. } => Ops {
                get_parent: op!("devcenter.get_addon"),
                pending_field: "pendingInAppProductSubmission",
                published_field: "lastPublishedInAppProductSubmission",
                create: op!("devcenter.create_addon_submission"),
                get: op!("devcenter.get_addon_submission"),
                update: op!("devcenter.update_addon_submission"),
                delete: op!("devcenter.delete_addon_submission"),
                commit: op!("devcenter.commit_addon_submission"),
                status: op!("devcenter.get_addon_submission_status"),
                kind: DocumentKind::AddonSubmission,
                name: "addon-submission",
            },
            Target::Flight { .. } => Ops {
                get_parent: op!("devcenter.get_flight"),
                pending_field: "pendingFlightSubmission",
                published_field: "lastPublishedFlightSubmission",
                create: op!("devcenter.create_flight_submission"),
                get: op!("devcenter.get_flight_submission"),
                update: op!("devcenter.update_flight_submission"),
                delete: op!("devcenter.delete_flight_submission"),
                commit: op!("devcenter.commit_flight_submission"),
                status: op!("devcenter.get_flight_submission_status"),
                kind: DocumentKind::FlightSubmission,
                name: "flight-submission",
            },
        }
    }

    /// The kind of submission document this target's workflow edits (for validation and packaging).
    pub fn kind(&self) -> DocumentKind {
        self.ops().kind
    }

    /// The path arguments naming the parent.
    pub(crate) fn args(&self) -> Value {
        match self {
            Target::App { app_id } => json!({ "applicationId": app_id }),
            Target::Addon { addon_id } => json!({ "inAppProductId": addon_id }),
            Target::Flight { app_id, flight_id } => json!({ "applicationId": app_id, "flightId": flight_id }),
        }
    }

    pub(crate) fn sub_args(&self, submission_id: &str) -> Value {
        let mut a = self.args();
        a["submissionId"] = Value::String(submission_id.to_string());
        a
    }

    pub(crate) fn resource_id(&self) -> String {
        match self {
            Target::App { app_id } => app_id.clone(),
            Target::Addon { addon_id } => addon_id.clone(),
            Target::Flight { flight_id, .. } => flight_id.clone(),
        }
    }
}

/// Options of a submission workflow.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
pub struct SubmissionOptions {
    /// Where to stop.
    pub stop_after: StopAfter,
    /// What to do with an existing pending submission.
    pub pending: PendingPolicy,
    /// A ZIP already built (by `storesubmit pack`, or by hand), named as the host names its files: uploaded
    /// as is instead of the ZIP the workflow would write. `None` (the default): the workflow zips the
    /// files the submission names while uploading.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archive: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum Stage {
    Start,
    ReadParent,
    DeletePending,
    Create,
    VerifyCreate,
    /// Waiting (backoff) before creating again after a lost create that did not take effect.
    Recreate,
    Fetch,
    Update,
    Upload,
    /// Reading the submission again for a fresh upload URL after the SAS expired.
    RefreshUploadUrl,
    Drafted,
    Commit,
    VerifyCommit,
    /// Waiting (backoff) before committing again after a lost commit that did not take effect.
    Recommit,
    Poll,
    Done,
}

/// The devcenter submission workflow's state (serialisable: it is the resume token's body).
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct SubmissionMachine {
    flow: String,
    target: Target,
    options: SubmissionOptions,
    stage: Stage,
    /// The last stage completed (what a resume continues after).
    completed: Stage,
    submission_id: Option<String>,
    adopted: bool,
    create_attempts: u32,
    commit_attempts: u32,
    polls: u32,
    /// Whether the upload URL was already refreshed once after an expired SAS.
    #[serde(default)]
    upload_url_refreshed: bool,
    /// Set when the workflow failed in a way no resume can repair (no resume token is offered).
    #[serde(skip)]
    dead_end: bool,
    /// The last status a poll saw (shown in the stage name: `poll: Certification`).
    #[serde(skip)]
    last_status: Option<String>,
    #[serde(skip)]
    spec: Option<SubmissionSpec>,
    #[serde(skip)]
    doc: Option<Value>,
    #[serde(skip)]
    resuming: bool,
    /// Only waiting for a submission started elsewhere ([`wait_for`]): a draft is an error, not committed.
    #[serde(skip)]
    wait_only: bool,
}

impl SubmissionMachine {
    fn new(target: Target, spec: SubmissionSpec, options: SubmissionOptions) -> Self {
        SubmissionMachine {
            flow: target.ops().name.to_string(),
            target,
            options,
            stage: Stage::Start,
            completed: Stage::Start,
            submission_id: None,
            adopted: false,
            create_attempts: 0,
            commit_attempts: 0,
            polls: 0,
            upload_url_refreshed: false,
            dead_end: false,
            last_status: None,
            spec: Some(spec),
            doc: None,
            resuming: false,
            wait_only: false,
        }
    }

    pub(crate) fn from_checkpoint(v: &Value, spec: Option<SubmissionSpec>) -> Result<Self> {
        let mut m: SubmissionMachine =
            serde_json::from_value(v.clone()).map_err(|e| Error::invalid_argument(format!("resume token: {e}")))?;
        if m.submission_id.is_none() {
            return Err(Error::invalid_argument("resume token: no submission to resume"));
        }
        m.spec = spec;
        m.resuming = true;
        m.stage = Stage::Start;
        if m.options.stop_after == StopAfter::Draft {
            m.options.stop_after = StopAfter::Published;
        }
        Ok(m)
    }

    /// Overrides where a resumed workflow stops.
    pub(crate) fn set_stop_after(&mut self, s: StopAfter) {
        self.options.stop_after = s;
    }

    fn sid(&self) -> Result<&str> {
        self.submission_id.as_deref().ok_or_else(|| Error::invalid_argument("no submission id"))
    }

    fn call_sub(&self, op: &'static Operation) -> Result<Action> {
        Ok(Action::Call(Call::new(op, self.target.sub_args(self.sid()?))))
    }

    fn outcome(&self, stage: &str, status_doc: Option<&Value>) -> Outcome {
        let details = status_doc.and_then(|d| d.get("statusDetails"));
        Outcome {
            flow: self.flow.clone(),
            stage: stage.to_string(),
            resource_id: Some(self.target.resource_id()),
            submission_id: self.submission_id.clone(),
            status: status_doc.and_then(|d| str_of(d, "status")).map(str::to_string),
            adopted: self.adopted,
            errors: findings(details.and_then(|d| d.get("errors"))),
            warnings: findings(details.and_then(|d| d.get("warnings"))),
            certification_reports: details
                .and_then(|d| d.get("certificationReports"))
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default(),
            document: status_doc.map(redact_json),
            resume_token: None,
        }
    }

    /// Waits a backoff before sending a create or commit again (stage `wait`), or gives up with `e`
    /// after three attempts.
    fn again_later(&mut self, wait: Stage, attempts: u32, e: Error, cfg: &FlowConfig) -> Result<Action> {
        if attempts > 2 {
            return Err(e);
        }
        self.stage = wait;
        Ok(Action::Poll(retry::backoff(&cfg.retry, attempts, 0.5)))
    }

    /// The error for an upload URL that expired and was not replaced: start over.
    fn sas_dead_end(&mut self) -> Error {
        self.dead_end = true;
        let sid = self.submission_id.as_deref().unwrap_or("?");
        Error::new(
            ErrorKind::SasExpired,
            format!(
                "the upload URL of submission {sid} expired before the upload finished and the service hands out \
                 no fresh one, so this submission can no longer receive its files; start over with a new \
                 submission: run the publish command again with `--pending recreate` (it deletes submission {sid} \
                 first)"
            ),
        )
    }

    /// After the submission document is known: update (if a spec is pending), upload, commit.
    fn after_fetch(&mut self) -> Result<Action> {
        if self.completed < Stage::Update && self.spec.is_some() {
            return self.update();
        }
        self.after_update()
    }

    fn update(&mut self) -> Result<Action> {
        let ops = self.target.ops();
        let fetched = self.doc.clone().unwrap_or(Value::Null);
        let spec = self.spec.clone().unwrap_or_default();
        let body = apply(ops.kind, &fetched, &spec);
        let mut args = self.target.sub_args(self.sid()?);
        args["body"] = body.clone();
        // What is uploaded next is what was asked for (the PUT body), with the fetched upload URL.
        let mut next = body;
        if let Some(url) = str_of(&fetched, "fileUploadUrl") {
            next["fileUploadUrl"] = Value::String(url.to_string());
        }
        if let Some(st) = str_of(&fetched, "status") {
            next["status"] = Value::String(st.to_string());
        }
        self.doc = Some(next);
        self.stage = Stage::Update;
        Ok(Action::Call(Call::new(ops.update, args)))
    }

    fn after_update(&mut self) -> Result<Action> {
        if self.completed < Stage::Upload {
            let doc = self.doc.clone().unwrap_or(Value::Null);
            let files: Vec<UploadFile> = referenced_files(self.target.ops().kind, &doc)
                .into_iter()
                .filter(|f| f.pending_upload)
                .map(|f| UploadFile { zip_name: zip_entry_name(&f.name), name: f.name })
                .collect();
            if !files.is_empty() {
                let url = str_of(&doc, "fileUploadUrl").ok_or_else(|| {
                    Error::invalid_response("the submission names files to upload but has no fileUploadUrl")
                })?;
                self.stage = Stage::Upload;
                let url = url.to_string();
                return Ok(Action::Upload(match &self.options.archive {
                    Some(file) => Upload::Archive { url, file: file.clone() },
                    None => Upload::Zip { url, files },
                }));
            }
            self.completed = Stage::Upload;
        }
        self.after_upload()
    }

    fn after_upload(&mut self) -> Result<Action> {
        if self.options.stop_after == StopAfter::Draft {
            self.completed = Stage::Drafted;
            self.stage = Stage::Done;
            let mut out = self.outcome("draft", None);
            out.document = self.doc.as_ref().map(redact_json);
            out.status = self.doc.as_ref().and_then(|d| str_of(d, "status")).map(str::to_string);
            out.resume_token = self.checkpoint().map(ResumeToken);
            return Ok(Action::Done(out));
        }
        self.commit()
    }

    fn commit(&mut self) -> Result<Action> {
        self.stage = Stage::Commit;
        self.commit_attempts += 1;
        self.call_sub(self.target.ops().commit)
    }

    fn poll_now(&mut self) -> Result<Action> {
        self.stage = Stage::Poll;
        self.call_sub(self.target.ops().status)
    }

    /// Judges a status document: done, failed, or poll again.
    fn judge(&mut self, status_doc: Value, cfg: &FlowConfig) -> Result<Action> {
        let status = str_of(&status_doc, "status").unwrap_or("").to_string();
        self.last_status = Some(status.clone()).filter(|s| !s.is_empty());
        let details = status_doc.get("statusDetails");
        let errs = findings(details.and_then(|d| d.get("errors")));
        let parsed = SubmissionStatus::parse(&status);
        if parsed == SubmissionStatus::CommitFailed {
            let mut msg = "the submission's commit failed".to_string();
            if let Some(first) = errs.first() {
                msg.push_str(&format!(": {}: {}", first.code, first.message));
            }
            return Err(Error::new(ErrorKind::CommitFailed, msg).with_server_errors(to_server_errors(&errs)));
        }
        if parsed.is_dead_end() {
            let mut msg = format!("submission {} ended with status {status}", self.sid().unwrap_or("?"));
            if let Some(first) = errs.first() {
                msg.push_str(&format!(": {}: {}", first.code, first.message));
            }
            return Err(Error::new(ErrorKind::SubmissionFailed, msg).with_server_errors(to_server_errors(&errs)));
        }
        let rank = parsed.progress_rank();
        let (needed, name) = match self.options.stop_after {
            StopAfter::Draft | StopAfter::Committed => (1, "committed"),
            StopAfter::Certification => (2, "certification"),
            StopAfter::Published => (4, "published"),
        };
        if rank >= needed
            || (self.options.stop_after == StopAfter::Published && parsed == SubmissionStatus::PendingPublication)
        {
            // PendingPublication waits for a manual publish: the workflow is as far as it can go.
            self.stage = Stage::Done;
            self.completed = Stage::Poll;
            let stage = if parsed == SubmissionStatus::Published { "published" } else { name };
            return Ok(Action::Done(self.outcome(stage, Some(&status_doc))));
        }
        self.stage = Stage::Poll;
        let d: Duration = cfg.poll.delay(self.polls);
        self.polls += 1;
        Ok(Action::Poll(d))
    }
}

impl Workflow for SubmissionMachine {
    fn stage(&self) -> String {
        let name =
            serde_json::to_value(self.stage).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
        match (&self.stage, &self.last_status) {
            (Stage::Poll, Some(status)) => format!("{name}: {status}"),
            _ => name,
        }
    }

    fn checkpoint(&self) -> Option<Value> {
        // Resumable once the user's changes are in the submission: a resume carries no spec.
        self.submission_id.as_ref()?;
        if self.dead_end {
            return None;
        }
        if self.completed < Stage::Update && self.spec.is_some() {
            return None;
        }
        serde_json::to_value(self).ok()
    }

    fn step(&mut self, reply: Reply, cfg: &FlowConfig) -> Result<Action> {
        let ops = self.target.ops();
        match self.stage {
            Stage::Start => {
                if self.resuming {
                    self.stage = Stage::Fetch;
                    return self.call_sub(ops.get);
                }
                self.stage = Stage::ReadParent;
                Ok(Action::Call(Call::new(ops.get_parent, self.target.args())))
            }
            Stage::ReadParent | Stage::VerifyCreate => {
                let verifying = self.stage == Stage::VerifyCreate;
                let parent = reply.json()?;
                let pending = parent.get(ops.pending_field).and_then(|p| str_of(p, "id")).map(str::to_string);
                match pending {
                    Some(id) if verifying => {
                        // The lost create did take effect: adopt it instead of creating a duplicate.
                        self.submission_id = Some(id);
                        self.adopted = true;
                        self.completed = Stage::Create;
                        self.stage = Stage::Fetch;
                        self.call_sub(ops.get)
                    }
                    Some(id) => match self.options.pending {
                        PendingPolicy::Fail => Err(Error::new(
                            ErrorKind::Conflict,
                            format!("{} already has a pending submission ({id})", self.target.resource_id()),
                        )),
                        PendingPolicy::Reuse => {
                            self.submission_id = Some(id);
                            self.adopted = true;
                            self.completed = Stage::Create;
                            self.stage = Stage::Fetch;
                            self.call_sub(ops.get)
                        }
                        PendingPolicy::Recreate => {
                            self.stage = Stage::DeletePending;
                            Ok(Action::Call(Call::new(ops.delete, self.target.sub_args(&id))))
                        }
                    },
                    None if verifying => {
                        // The lost create did not take effect: create again, after a backoff.
                        let e = Error::new(
                            ErrorKind::Server,
                            format!("creating a submission of {} failed 3 times", self.target.resource_id()),
                        );
                        self.again_later(Stage::Recreate, self.create_attempts, e, cfg)
                    }
                    None => {
                        self.stage = Stage::Create;
                        self.create_attempts += 1;
                        Ok(Action::Call(Call::new(ops.create, self.target.args())))
                    }
                }
            }
            Stage::Recreate => {
                self.stage = Stage::Create;
                self.create_attempts += 1;
                Ok(Action::Call(Call::new(ops.create, self.target.args())))
            }
            Stage::DeletePending => {
                match reply.response() {
                    Ok(_) => {}
                    Err(e) if e.kind() == ErrorKind::NotFound => {}
                    Err(e) => return Err(e),
                }
                self.stage = Stage::Create;
                self.create_attempts += 1;
                Ok(Action::Call(Call::new(ops.create, self.target.args())))
            }
            Stage::Create => match reply {
                Reply::Ambiguous(e) => {
                    if self.create_attempts > 2 {
                        return Err(e);
                    }
                    self.stage = Stage::VerifyCreate;
                    Ok(Action::Call(Call::new(ops.get_parent, self.target.args())))
                }
                other => {
                    let doc = other.json()?;
                    let id = str_of(&doc, "id")
                        .ok_or_else(|| Error::invalid_response("created submission has no id"))?
                        .to_string();
                    self.submission_id = Some(id);
                    self.doc = Some(doc);
                    self.completed = Stage::Create;
                    self.after_fetch()
                }
            },
            Stage::Fetch => {
                let doc = reply.json()?;
                let status = str_of(&doc, "status").unwrap_or("PendingCommit").to_string();
                self.doc = Some(doc);
                if status == "PendingCommit" && self.wait_only {
                    self.dead_end = true;
                    return Err(Error::new(
                        ErrorKind::Conflict,
                        format!(
                            "submission {} of {} is a draft (PendingCommit): nothing to wait for; commit it first \
                             (publish with --pending reuse, or `storesubmit resume` with its token)",
                            self.sid()?,
                            self.target.resource_id()
                        ),
                    ));
                }
                if status != "PendingCommit" {
                    if self.resuming {
                        // Committed earlier (the resume token predates the commit's answer): just poll.
                        self.completed = Stage::Commit;
                        return self.poll_now();
                    }
                    // A pending submission adopted by policy is already committed: its content can no
                    // longer change, and silently dropping the user's changes would lose their work.
                    return Err(Error::new(
                        ErrorKind::Conflict,
                        format!(
                            "{} {} already has submission {} in progress (status {status}): its content cannot be \
                             changed any more; wait for it to finish, or delete it first",
                            self.target.ops().name.trim_end_matches("-submission"),
                            self.target.resource_id(),
                            self.sid()?
                        ),
                    ));
                }
                self.after_fetch()
            }
            Stage::Update => {
                let answer = reply.json()?;
                // Upload what the PUT asked for; prefer a fresh upload URL if the answer carries one.
                if let (Some(url), Some(doc)) = (str_of(&answer, "fileUploadUrl"), self.doc.as_mut()) {
                    doc["fileUploadUrl"] = Value::String(url.to_string());
                }
                self.completed = Stage::Update;
                self.after_update()
            }
            Stage::Upload => match reply {
                Reply::Uploaded => {
                    self.completed = Stage::Upload;
                    self.after_upload()
                }
                Reply::Failed(e) | Reply::Ambiguous(e) if e.kind() == ErrorKind::SasExpired => {
                    if self.upload_url_refreshed {
                        return Err(self.sas_dead_end());
                    }
                    // Ask for the submission again: the service may sign a fresh upload URL.
                    self.upload_url_refreshed = true;
                    self.stage = Stage::RefreshUploadUrl;
                    self.call_sub(ops.get)
                }
                Reply::Failed(e) | Reply::Ambiguous(e) => Err(e),
                other => Err(Error::invalid_response(format!("expected the upload's result, got {other:?}"))),
            },
            Stage::RefreshUploadUrl => {
                let fresh = reply.json()?;
                let old = self.doc.as_ref().and_then(|d| str_of(d, "fileUploadUrl")).map(str::to_string);
                match str_of(&fresh, "fileUploadUrl") {
                    Some(url) if Some(url) != old.as_deref() => {
                        if let Some(doc) = self.doc.as_mut() {
                            doc["fileUploadUrl"] = Value::String(url.to_string());
                        }
                        self.after_update()
                    }
                    _ => Err(self.sas_dead_end()),
                }
            }
            Stage::Commit => match reply {
                Reply::Ambiguous(e) => {
                    if self.commit_attempts > 2 {
                        return Err(e);
                    }
                    self.stage = Stage::VerifyCommit;
                    self.call_sub(ops.status)
                }
                other => {
                    other.response()?;
                    self.completed = Stage::Commit;
                    self.poll_now()
                }
            },
            Stage::VerifyCommit => {
                let status_doc = reply.json()?;
                if str_of(&status_doc, "status") == Some("PendingCommit") {
                    // The commit did not take effect: commit again, after a backoff.
                    let e = Error::new(ErrorKind::CommitFailed, "the commit did not take effect after 3 attempts");
                    return self.again_later(Stage::Recommit, self.commit_attempts, e, cfg);
                }
                self.completed = Stage::Commit;
                self.judge(status_doc, cfg)
            }
            Stage::Recommit => self.commit(),
            Stage::Poll => match reply {
                Reply::Waited => self.poll_now(),
                other => {
                    let status_doc = other.json()?;
                    self.judge(status_doc, cfg)
                }
            },
            Stage::Drafted | Stage::Done => Err(Error::invalid_argument("the workflow has finished")),
        }
    }
}

/// Starts a submission workflow for an app, add-on or flight.
pub fn submission(cfg: FlowConfig, target: Target, spec: SubmissionSpec, options: SubmissionOptions) -> Flow {
    let check =
        Check::Submission { kind: target.kind(), spec: Box::new(spec.clone()), archive: options.archive.clone() };
    Flow::new(cfg, Box::new(SubmissionMachine::new(target, spec, options))).with_preflight(check)
}

/// Continues a submission workflow from a resume token (e.g. after "draft only"), up to `stop_after`
/// (through [`super::resume`], the one entry point).
///
/// # Errors
/// `invalid_argument` when the token is not a devcenter submission token.
pub(crate) fn resume_submission(cfg: FlowConfig, token: &ResumeToken, stop_after: StopAfter) -> Result<Flow> {
    let mut m = SubmissionMachine::from_checkpoint(&token.0, None)?;
    m.set_stop_after(stop_after);
    Ok(Flow::new(cfg, Box::new(m)))
}

/// Waits for a committed submission this run did not start — another CI job, the Partner Center portal,
/// a run interrupted before it could write its resume token — until `stop_after`, polling its status on
/// the same schedule as a publish. Nothing is changed or committed: a submission still in draft ends the
/// flow with `conflict`.
pub fn wait_for(cfg: FlowConfig, target: Target, submission_id: &str, stop_after: StopAfter) -> Flow {
    let stop_after = if stop_after == StopAfter::Draft { StopAfter::Published } else { stop_after };
    let options = SubmissionOptions { stop_after, ..SubmissionOptions::default() };
    let mut m = SubmissionMachine::new(target, SubmissionSpec::default(), options);
    m.spec = None;
    m.submission_id = Some(submission_id.to_string());
    m.completed = Stage::Update;
    m.resuming = true;
    m.wait_only = true;
    Flow::new(cfg, Box::new(m))
}

// ---------------------------------------------------------------------------------------------------
// Rollout.

/// A change to a gradual package rollout. JSON: `{"action": "get" | "update" | "halt" | "finalize",
/// "percentage": 0–100}` (`percentage` with `update` only), checked by [`RolloutAction::parse`].
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RolloutActionJson", into = "RolloutActionJson")]
pub enum RolloutAction {
    /// Read the rollout state only.
    Get,
    /// Set the percentage (0–100).
    Update(f64),
    /// Halt the rollout.
    Halt,
    /// Finalize it (100 %).
    Finalize,
}

/// The JSON form of a [`RolloutAction`].
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RolloutActionJson {
    action: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    percentage: Option<f64>,
}

impl TryFrom<RolloutActionJson> for RolloutAction {
    type Error = String;
    fn try_from(j: RolloutActionJson) -> std::result::Result<Self, String> {
        RolloutAction::parse(&j.action, j.percentage).map_err(|e| e.message().to_string())
    }
}

impl From<RolloutAction> for RolloutActionJson {
    fn from(a: RolloutAction) -> Self {
        let (action, percentage) = match a {
            RolloutAction::Get => ("get", None),
            RolloutAction::Update(p) => ("update", Some(p)),
            RolloutAction::Halt => ("halt", None),
            RolloutAction::Finalize => ("finalize", None),
        };
        RolloutActionJson { action: action.into(), percentage }
    }
}

impl RolloutAction {
    /// The action named `get`, `update`, `halt` or `finalize` (any case), with the percentage `update`
    /// needs (and the others refuse). Every host (CLI, bindings) builds its action here, so the range
    /// rule has one home ([`crate::data::limits::ROLLOUT_PERCENTAGE_MIN`]–`MAX`).
    ///
    /// # Errors
    /// `invalid_argument` for another name, a missing or out-of-range percentage, or a stray one.
    pub fn parse(action: &str, percentage: Option<f64>) -> Result<RolloutAction> {
        let a = match action.to_ascii_lowercase().as_str() {
            "get" => RolloutAction::Get,
            "update" => {
                let p = percentage.ok_or_else(|| {
                    Error::invalid_argument("rollout update: `percentage` is required (a number from 0 to 100)")
                })?;
                RolloutAction::Update(p)
            }
            "halt" => RolloutAction::Halt,
            "finalize" => RolloutAction::Finalize,
            other => {
                return Err(Error::invalid_argument(format!(
                    "rollout action must be \"get\", \"update\", \"halt\" or \"finalize\", got {other:?}"
                )))
            }
        };
        if percentage.is_some() && !matches!(a, RolloutAction::Update(_)) {
            return Err(Error::invalid_argument(format!("rollout {action}: `percentage` is only for `update`")));
        }
        a.check()?;
        Ok(a)
    }

    /// Checks the percentage of an `Update` against the documented range.
    ///
    /// # Errors
    /// `invalid_argument` when it is outside 0–100 or not finite.
    pub fn check(&self) -> Result<()> {
        use crate::data::limits::{ROLLOUT_PERCENTAGE_MAX, ROLLOUT_PERCENTAGE_MIN};
        match *self {
            RolloutAction::Update(p) if !(p.is_finite() && (ROLLOUT_PERCENTAGE_MIN..=ROLLOUT_PERCENTAGE_MAX).contains(&p)) => {
                Err(Error::invalid_argument(format!(
                    "rollout update: `percentage` must be a number from {ROLLOUT_PERCENTAGE_MIN} to {ROLLOUT_PERCENTAGE_MAX}, got {p}"
                )))
            }
            _ => Ok(()),
        }
    }
}

#[derive(Debug)]
struct RolloutMachine {
    target: Target,
    submission_id: String,
    action: RolloutAction,
    stage: u8,
    attempts: u32,
}

impl RolloutMachine {
    fn ops(&self) -> (&'static Operation, &'static Operation, &'static Operation, &'static Operation) {
        match self.target {
            Target::Flight { .. } => (
                op!("devcenter.get_flight_package_rollout"),
                op!("devcenter.update_flight_package_rollout_percentage"),
                op!("devcenter.halt_flight_package_rollout"),
                op!("devcenter.finalize_flight_package_rollout"),
            ),
            _ => (
                op!("devcenter.get_app_package_rollout"),
                op!("devcenter.update_app_package_rollout_percentage"),
                op!("devcenter.halt_app_package_rollout"),
                op!("devcenter.finalize_app_package_rollout"),
            ),
        }
    }

    fn change(&mut self) -> Action {
        let (_, update, halt, finalize) = self.ops();
        let mut args = self.target.sub_args(&self.submission_id);
        self.attempts += 1;
        self.stage = 1;
        let op = match self.action {
            RolloutAction::Update(p) => {
                args["percentage"] = json!(p);
                update
            }
            RolloutAction::Halt => halt,
            RolloutAction::Finalize => finalize,
            RolloutAction::Get => self.ops().0,
        };
        Action::Call(Call::new(op, args))
    }

    fn done(&self, doc: Value) -> Action {
        Action::Done(Outcome {
            flow: "rollout".into(),
            stage: "done".into(),
            resource_id: Some(self.target.resource_id()),
            submission_id: Some(self.submission_id.clone()),
            status: str_of(&doc, "packageRolloutStatus").map(str::to_string),
            document: Some(redact_json(&doc)),
            ..Outcome::default()
        })
    }

    fn took_effect(&self, doc: &Value) -> bool {
        let status = str_of(doc, "packageRolloutStatus").unwrap_or("");
        match self.action {
            RolloutAction::Get => true,
            RolloutAction::Update(p) => {
                doc.get("packageRolloutPercentage").and_then(Value::as_f64).is_some_and(|x| (x - p).abs() < 1e-9)
            }
            // The documented values (`manage-app-submissions.md`): a halted rollout is `PackageRolloutStopped`.
            RolloutAction::Halt => status == "PackageRolloutStopped",
            RolloutAction::Finalize => status == "PackageRolloutComplete",
        }
    }
}

impl Workflow for RolloutMachine {
    fn stage(&self) -> String {
        ["start", "change", "verify"][usize::from(self.stage.min(2))].to_string()
    }

    fn step(&mut self, reply: Reply, _cfg: &FlowConfig) -> Result<Action> {
        match self.stage {
            0 => self.action.check().map(|()| self.change()),
            1 => match reply {
                Reply::Ambiguous(e) => {
                    if self.attempts > 2 {
                        return Err(e);
                    }
                    self.stage = 2;
                    Ok(Action::Call(Call::new(self.ops().0, self.target.sub_args(&self.submission_id))))
                }
                other => {
                    let doc = other.json()?;
                    Ok(self.done(doc))
                }
            },
            _ => {
                let doc = reply.json()?;
                if self.took_effect(&doc) {
                    Ok(self.done(doc))
                } else {
                    Ok(self.change())
                }
            }
        }
    }
}

/// A rollout read or change for an app's (or flight's) submission; the outcome's document is the
/// rollout resource after the change. A lost answer is checked by reading the rollout state.
pub fn rollout(cfg: FlowConfig, target: Target, submission_id: impl Into<String>, action: RolloutAction) -> Flow {
    let m = RolloutMachine { target, submission_id: submission_id.into(), action, stage: 0, attempts: 0 };
    Flow::new(cfg, Box::new(m))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flow::script::{cfg, Script};
    use crate::flow::{Completion, Event, Purpose, Step, Tick, Work};
    use crate::http::{HttpResponse, Method};
    use crate::task::Machine;

    fn app() -> Target {
        Target::App { app_id: "9APP".into() }
    }

    fn spec() -> SubmissionSpec {
        SubmissionSpec::from_changes(json!({"applicationPackages": [{"fileName": "app.msix"}]}))
    }

    fn sub(status: &str) -> Value {
        json!({"id": "S1", "status": status, "fileUploadUrl": "https://blob.local/c/b?sv=2019&sig=SECRET",
               "applicationPackages": [], "unknownThing": 7})
    }

    #[test]
    fn publishes_end_to_end_with_token_refresh_and_polling() {
        let mut s = Script::new();
        s.token(3600);
        s.expect(Method::Get, "/applications/9APP", 200, json!({"id": "9APP"}));
        s.expect(Method::Post, "/applications/9APP/submissions", 201, sub("PendingCommit"));
        s.expect(Method::Put, "/applications/9APP/submissions/S1", 200, sub("PendingCommit"));
        s.expect_upload();
        s.expect(Method::Post, "/submissions/S1/commit", 202, json!({"status": "CommitStarted"}));
        s.expect(Method::Get, "/submissions/S1/status", 200, json!({"status": "PreProcessing"}));
        s.advance(4000); // past the token's lifetime: the next call refreshes first
        s.token(3600);
        s.expect(Method::Get, "/submissions/S1/status", 200,
            json!({"status": "Published", "statusDetails": {"errors": [], "warnings": [{"code": "ListingOptOutWarning", "details": "w"}],
                   "certificationReports": [{"date": "2025", "reportUrl": "u"}]}}));
        let mut flow = submission(cfg(), app(), spec(), SubmissionOptions::default());
        let out = s.run(&mut flow).unwrap();
        assert_eq!(out.stage, "published");
        assert_eq!(out.submission_id.as_deref(), Some("S1"));
        assert_eq!(out.warnings[0].code, "ListingOptOutWarning");
        assert_eq!(out.certification_reports.len(), 1);
        // The PUT kept unknown fields and added the package.
        let put = s.sent_json(Method::Put).unwrap();
        assert_eq!(put["unknownThing"], 7);
        assert!(put.get("fileUploadUrl").is_none());
        assert_eq!(put["applicationPackages"][0]["fileStatus"], "PendingUpload");
        s.finish();
    }

    #[test]
    fn a_401_refreshes_once_and_repeats() {
        let mut s = Script::new();
        s.token(3600);
        s.expect(Method::Get, "/applications/9APP", 401, json!({"code": "Unauthorized"}));
        s.token(3600);
        s.expect(Method::Get, "/applications/9APP", 200, json!({"pendingApplicationSubmission": {"id": "S1"}}));
        s.expect(Method::Get, "/submissions/S1", 200, sub("PendingCommit"));
        s.expect(Method::Put, "/submissions/S1", 200, sub("PendingCommit"));
        s.expect_upload();
        let opts = SubmissionOptions { stop_after: StopAfter::Draft, ..Default::default() };
        let mut flow = submission(cfg(), app(), spec(), opts);
        let out = s.run(&mut flow).unwrap();
        assert_eq!(out.stage, "draft");
        assert!(out.adopted);
        s.finish();
    }

    #[test]
    fn a_second_401_surfaces_as_auth() {
        let mut s = Script::new();
        s.token(3600);
        s.expect(Method::Get, "/applications/9APP", 401, json!({}));
        s.token(3600);
        s.expect(Method::Get, "/applications/9APP", 401, json!({}));
        let mut flow = submission(cfg(), app(), spec(), SubmissionOptions::default());
        assert_eq!(s.run(&mut flow).unwrap_err().kind(), ErrorKind::Auth);
    }

    #[test]
    fn rate_limit_waits_as_told() {
        let mut s = Script::new();
        s.token(3600);
        s.expect_with(Method::Get, "/applications/9APP", 429, json!({}), &[("Retry-After", "7")]);
        s.expect(Method::Get, "/applications/9APP", 200, json!({}));
        s.expect(Method::Post, "/applications/9APP/submissions", 201, sub("PendingCommit"));
        s.expect(Method::Put, "/submissions/S1", 200, sub("PendingCommit"));
        s.expect_upload();
        let opts = SubmissionOptions { stop_after: StopAfter::Draft, ..Default::default() };
        let mut flow = submission(cfg(), app(), spec(), opts);
        s.run(&mut flow).unwrap();
        assert_eq!(s.waits, vec![Duration::from_secs(7)]);
    }

    #[test]
    fn create_503_adopts_instead_of_duplicating() {
        let mut s = Script::new();
        s.token(3600);
        s.expect(Method::Get, "/applications/9APP", 200, json!({}));
        s.expect(Method::Post, "/applications/9APP/submissions", 503, json!({"code": "ServiceUnavailable"}));
        s.expect(Method::Get, "/applications/9APP", 200, json!({"pendingApplicationSubmission": {"id": "S1"}}));
        s.expect(Method::Get, "/submissions/S1", 200, sub("PendingCommit"));
        s.expect(Method::Put, "/submissions/S1", 200, sub("PendingCommit"));
        s.expect_upload();
        let opts = SubmissionOptions { stop_after: StopAfter::Draft, ..Default::default() };
        let mut flow = submission(cfg(), app(), spec(), opts);
        let out = s.run(&mut flow).unwrap();
        assert!(out.adopted);
        assert_eq!(s.count(Method::Post, "/submissions"), 1, "never a second create");
        s.finish();
    }

    #[test]
    fn create_503_with_nothing_created_creates_again() {
        let mut s = Script::new();
        s.token(3600);
        s.expect(Method::Get, "/applications/9APP", 200, json!({}));
        s.expect(Method::Post, "/applications/9APP/submissions", 503, json!({}));
        s.expect(Method::Get, "/applications/9APP", 200, json!({}));
        s.expect(Method::Post, "/applications/9APP/submissions", 201, sub("PendingCommit"));
        s.expect(Method::Put, "/submissions/S1", 200, sub("PendingCommit"));
        s.expect_upload();
        let opts = SubmissionOptions { stop_after: StopAfter::Draft, ..Default::default() };
        let mut flow = submission(cfg(), app(), spec(), opts);
        let out = s.run(&mut flow).unwrap();
        assert!(!out.adopted);
        s.finish();
    }

    #[test]
    fn commit_503_verifies_status_and_commit_failed_is_typed() {
        let mut s = Script::new();
        s.token(3600);
        s.expect(Method::Get, "/applications/9APP", 200, json!({}));
        s.expect(Method::Post, "/applications/9APP/submissions", 201, sub("PendingCommit"));
        s.expect(Method::Put, "/submissions/S1", 200, sub("PendingCommit"));
        s.expect_upload();
        s.expect(Method::Post, "/submissions/S1/commit", 503, json!({}));
        s.expect(Method::Get, "/submissions/S1/status", 200, json!({"status": "CommitStarted"}));
        s.expect(Method::Get, "/submissions/S1/status", 200,
            json!({"status": "CommitFailed", "statusDetails": {"errors": [{"code": "MissingFiles", "details": "app.msix"}]}}));
        let mut flow = submission(cfg(), app(), spec(), SubmissionOptions::default());
        let e = s.run(&mut flow).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::CommitFailed);
        assert_eq!(e.server_errors()[0].code, "MissingFiles");
        assert_eq!(s.count(Method::Post, "/commit"), 1, "the commit was not repeated");
        s.finish();
    }

    #[test]
    fn reusing_a_committed_submission_is_a_conflict_not_a_silent_drop() {
        let mut s = Script::new();
        s.token(3600);
        s.expect(Method::Get, "/applications/9APP", 200, json!({"pendingApplicationSubmission": {"id": "S9"}}));
        s.expect(Method::Get, "/submissions/S9", 200, json!({"id": "S9", "status": "Certification"}));
        let mut flow = submission(cfg(), app(), spec(), SubmissionOptions::default());
        let e = s.run(&mut flow).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Conflict);
        assert!(e.message().contains("S9") && e.message().contains("Certification"), "{e}");
        assert!(flow.resume_token().is_none(), "nothing of the user's was applied: nothing to resume");
        s.finish();
    }

    #[test]
    fn a_failed_upload_leaves_a_resume_token_that_uploads_and_commits() {
        let mut s = Script::new();
        s.token(3600);
        s.expect(Method::Get, "/applications/9APP", 200, json!({}));
        s.expect(Method::Post, "/applications/9APP/submissions", 201, sub("PendingCommit"));
        let mut flow = submission(cfg(), app(), spec(), SubmissionOptions::default());
        let mut step = flow.resume(Event::Start, Tick::at(s.now));
        // Drive by hand up to the upload, then fail it.
        let mut token_before_update = None;
        let mut queue = std::collections::VecDeque::new();
        loop {
            match step {
                Step::Run(tasks) => queue.extend(tasks),
                Step::Pending => {}
                Step::Done(r) => {
                    assert_eq!(r.unwrap_err().kind(), ErrorKind::Transport);
                    break;
                }
            }
            let task = queue.pop_front().expect("a task to run");
            let completion = match task.work {
                Work::Send { request, purpose: Purpose::Blob { .. } } => {
                    assert!(request.url.contains("sig="), "the upload goes to the SAS URL");
                    Completion::Failed(Error::new(ErrorKind::Transport, "connection reset"))
                }
                Work::Send { request, .. } if request.method == Method::Put => {
                    token_before_update = Some(flow.resume_token());
                    Completion::Response(HttpResponse::json(200, &sub("PendingCommit")))
                }
                Work::Send { request, purpose } => s.answer_for_test(request, &purpose),
                Work::List { .. } => Completion::Files(crate::validate::FileSet::from_names(flow.preflight_names())),
                Work::Stat { names } => Completion::Sizes(names.iter().map(|_| Some(10)).collect()),
                Work::Read { len, .. } => Completion::Data(vec![7; len.min(10) as usize]),
                Work::Wait { .. } => Completion::Waited,
                other => panic!("{other:?}"),
            };
            step = flow.resume(Event::Completed(task.id, completion), Tick::at(s.now));
        }
        assert_eq!(token_before_update, Some(None), "not resumable before the changes are applied");
        let token = flow.resume_token().expect("resumable after the update");
        let mut s = Script::new();
        s.token(3600);
        s.expect(
            Method::Get,
            "/submissions/S1",
            200,
            json!({"id": "S1", "status": "PendingCommit", "fileUploadUrl": "https://b/c?sig=x",
            "applicationPackages": [{"fileName": "app.msix", "fileStatus": "PendingUpload"}]}),
        );
        s.expect_upload();
        s.expect(Method::Post, "/submissions/S1/commit", 202, json!({}));
        s.expect(Method::Get, "/submissions/S1/status", 200, json!({"status": "Published"}));
        let mut flow = resume_submission(cfg(), &token, StopAfter::Published).unwrap();
        assert_eq!(s.run(&mut flow).unwrap().stage, "published");
        s.finish();
    }

    #[test]
    fn wait_for_polls_a_committed_submission_and_refuses_a_draft() {
        let mut s = Script::new();
        s.token(3600);
        s.expect(Method::Get, "/submissions/S9", 200, json!({"id": "S9", "status": "CommitStarted"}));
        s.expect(Method::Get, "/submissions/S9/status", 200, json!({"status": "PreProcessing"}));
        s.expect(Method::Get, "/submissions/S9/status", 200, json!({"status": "Published"}));
        let mut flow = wait_for(cfg(), app(), "S9", StopAfter::Published);
        let out = s.run(&mut flow).unwrap();
        assert_eq!((out.stage.as_str(), out.submission_id.as_deref()), ("published", Some("S9")));
        assert_eq!(s.count(Method::Post, "/commit"), 0, "waiting commits nothing");
        s.finish();

        let mut s = Script::new();
        s.token(3600);
        s.expect(Method::Get, "/submissions/S9", 200, json!({"id": "S9", "status": "PendingCommit"}));
        let mut flow = wait_for(cfg(), app(), "S9", StopAfter::Published);
        let e = s.run(&mut flow).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Conflict);
        assert!(e.message().contains("draft"), "{}", e.message());
        assert!(flow.resume_token().is_none());
        s.finish();
    }

    #[test]
    fn pending_policy_fail_and_recreate() {
        let mut s = Script::new();
        s.token(3600);
        s.expect(Method::Get, "/applications/9APP", 200, json!({"pendingApplicationSubmission": {"id": "OLD"}}));
        let opts = SubmissionOptions { pending: PendingPolicy::Fail, ..Default::default() };
        let mut flow = submission(cfg(), app(), spec(), opts);
        assert_eq!(s.run(&mut flow).unwrap_err().kind(), ErrorKind::Conflict);

        let mut s = Script::new();
        s.token(3600);
        s.expect(Method::Get, "/applications/9APP", 200, json!({"pendingApplicationSubmission": {"id": "OLD"}}));
        s.expect(Method::Delete, "/submissions/OLD", 204, json!(null));
        s.expect(Method::Post, "/applications/9APP/submissions", 201, sub("PendingCommit"));
        s.expect(Method::Put, "/submissions/S1", 200, sub("PendingCommit"));
        s.expect_upload();
        let opts = SubmissionOptions { pending: PendingPolicy::Recreate, stop_after: StopAfter::Draft, archive: None };
        let mut flow = submission(cfg(), app(), spec(), opts);
        s.run(&mut flow).unwrap();
        s.finish();
    }

    #[test]
    fn deadline_stops_polling() {
        let mut s = Script::new();
        s.token(3600);
        s.expect(Method::Get, "/applications/9APP", 200, json!({}));
        s.expect(Method::Post, "/applications/9APP/submissions", 201, sub("PendingCommit"));
        s.expect(Method::Put, "/submissions/S1", 200, sub("PendingCommit"));
        s.expect_upload();
        s.expect(Method::Post, "/submissions/S1/commit", 202, json!({"status": "CommitStarted"}));
        for _ in 0..3 {
            s.expect(Method::Get, "/submissions/S1/status", 200, json!({"status": "Certification"}));
        }
        let mut c = cfg();
        c.deadline = Some(Duration::from_secs(20));
        let mut flow = submission(c, app(), spec(), SubmissionOptions::default());
        let e = s.run(&mut flow).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::DeadlineExceeded);
    }

    #[test]
    fn draft_then_resume_commits_without_recreating() {
        let mut s = Script::new();
        s.token(3600);
        s.expect(Method::Get, "/applications/9APP", 200, json!({}));
        s.expect(Method::Post, "/applications/9APP/submissions", 201, sub("PendingCommit"));
        s.expect(Method::Put, "/submissions/S1", 200, sub("PendingCommit"));
        s.expect_upload();
        let opts = SubmissionOptions { stop_after: StopAfter::Draft, ..Default::default() };
        let mut flow = submission(cfg(), app(), spec(), opts);
        let out = s.run(&mut flow).unwrap();
        let token = out.resume_token.expect("a draft returns a resume token");
        let text = token.to_json();
        assert!(!text.contains("SECRET"), "no SAS in the token: {text}");
        s.finish();

        let token = ResumeToken::from_json(&text).unwrap();
        let mut s = Script::new();
        s.token(3600);
        s.expect(Method::Get, "/submissions/S1", 200, sub("PendingCommit"));
        s.expect(Method::Post, "/submissions/S1/commit", 202, json!({"status": "CommitStarted"}));
        s.expect(Method::Get, "/submissions/S1/status", 200, json!({"status": "Published"}));
        let mut flow = crate::flow::resume(cfg(), &token, StopAfter::Published).unwrap();
        let out = s.run(&mut flow).unwrap();
        assert_eq!(out.stage, "published");
        s.finish();
    }

    #[test]
    fn addon_and_flight_use_their_own_routes() {
        let mut s = Script::new();
        s.token(3600);
        s.expect(Method::Get, "/inappproducts/AO1", 200, json!({}));
        s.expect(Method::Post, "/inappproducts/AO1/submissions", 201, json!({"id": "S2", "status": "PendingCommit"}));
        s.expect(Method::Put, "/inappproducts/AO1/submissions/S2", 200, json!({"id": "S2"}));
        s.expect(Method::Post, "/inappproducts/AO1/submissions/S2/commit", 202, json!({}));
        s.expect(Method::Get, "/inappproducts/AO1/submissions/S2/status", 200, json!({"status": "Published"}));
        let spec = SubmissionSpec::from_changes(json!({"contentType": "OnlineDownload"}));
        let mut flow = submission(cfg(), Target::Addon { addon_id: "AO1".into() }, spec, SubmissionOptions::default());
        s.run(&mut flow).unwrap();
        s.finish();

        let mut s = Script::new();
        s.token(3600);
        s.expect(Method::Get, "/applications/A/flights/F", 200, json!({"pendingFlightSubmission": {"id": "S3"}}));
        s.expect(
            Method::Get,
            "/flights/F/submissions/S3",
            200,
            json!({"id": "S3", "status": "PendingCommit", "fileUploadUrl": "https://b/x?sig=1"}),
        );
        s.expect(Method::Put, "/flights/F/submissions/S3", 200, json!({"id": "S3"}));
        s.expect_upload();
        s.expect(Method::Post, "/flights/F/submissions/S3/commit", 202, json!({}));
        s.expect(Method::Get, "/flights/F/submissions/S3/status", 200, json!({"status": "Certification"}));
        let spec = SubmissionSpec::from_changes(json!({"flightPackages": [{"fileName": "p.msixupload"}]}));
        let opts = SubmissionOptions { stop_after: StopAfter::Certification, ..Default::default() };
        let mut flow = submission(cfg(), Target::Flight { app_id: "A".into(), flight_id: "F".into() }, spec, opts);
        let out = s.run(&mut flow).unwrap();
        assert_eq!(out.stage, "certification");
        s.finish();
    }

    #[test]
    fn a_lost_halt_is_verified_with_the_documented_status() {
        let mut s = Script::new();
        s.token(3600);
        s.expect(Method::Post, "/submissions/S1/haltpackagerollout", 503, json!({}));
        s.expect(Method::Get, "/submissions/S1/packagerollout", 200,
            json!({"isPackageRollout": true, "packageRolloutPercentage": 20.0, "packageRolloutStatus": "PackageRolloutStopped"}));
        let mut flow = rollout(cfg(), app(), "S1", RolloutAction::Halt);
        let out = s.run(&mut flow).unwrap();
        assert_eq!(out.status.as_deref(), Some("PackageRolloutStopped"));
        assert_eq!(s.count(Method::Post, "haltpackagerollout"), 1, "the halt took effect: not sent again");
        s.finish();
    }

    #[test]
    fn rollout_update_and_verify_after_503() {
        let mut s = Script::new();
        s.token(3600);
        s.expect(Method::Post, "/submissions/S1/updatepackagerolloutpercentage?percentage=50", 503, json!({}));
        s.expect(Method::Get, "/submissions/S1/packagerollout", 200,
            json!({"isPackageRollout": true, "packageRolloutPercentage": 50.0, "packageRolloutStatus": "PackageRolloutInProgress"}));
        let mut flow = rollout(cfg(), app(), "S1", RolloutAction::Update(50.0));
        let out = s.run(&mut flow).unwrap();
        assert_eq!(out.status.as_deref(), Some("PackageRolloutInProgress"));
        assert_eq!(s.count(Method::Post, "updatepackagerolloutpercentage"), 1);
        s.finish();
    }
}
