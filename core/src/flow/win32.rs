//! The MSI/EXE ("win32") workflow: packages → commit packages and poll module status → metadata (PUT or
//! PATCH) → listing assets (create, upload, commit) → readiness → [stop for "draft only"] → submit → poll
//! the submission's publishing status.
//!
//! A lost answer to `submit` is checked by reading the module status: an `ongoingSubmissionId` there is
//! the submission that was created, adopted instead of submitting twice. A lost answer to the packages
//! commit is checked the same way: processing under way (not ready, nothing uncommitted) means it took
//! effect; packages still uncommitted (`packagesnotcommitted`) mean it did not, and the commit is sent
//! again after a backoff, at most [`MAX_COMMIT_ATTEMPTS`] times in all — also when a later poll still
//! finds the packages uncommitted — and then fails with `commit_failed` instead of polling for ever.

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::preflight::Check;
use super::{
    findings, str_of, to_server_errors, Action, Call, Flow, FlowConfig, Outcome, Reply, ResumeToken, StopAfter, Upload,
    Workflow,
};
use crate::api::Operation;
use crate::error::{Error, ErrorKind, Result};
use crate::policy::retry;

/// Packages commits (or submits) sent in all before an ambiguous failure becomes the workflow's error.
pub const MAX_COMMIT_ATTEMPTS: u32 = 3;

/// The module-status finding that says the draft's packages changed and were not committed.
pub(crate) const PACKAGES_NOT_COMMITTED: &str = "packagesnotcommitted";

/// The module-status finding that says processing a committed package failed.
pub(crate) const PACKAGE_UPLOAD_ERROR: &str = "packageuploaderror";

/// A single package patch (`PATCH …/packages/{packageId}`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PackagePatch {
    /// The package's id (from the current draft's packages).
    pub package_id: String,
    /// The patch body (a package object).
    pub body: Value,
}

/// New listing images for one language (replacing that language's images of the given types).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct AssetSet {
    /// Listing language (`en-us`).
    pub language: String,
    /// Screenshot files (1–10); empty keeps the current screenshots.
    #[serde(default)]
    pub screenshots: Vec<String>,
    /// Store logo files (1–2); empty keeps the current logos.
    #[serde(default)]
    pub logos: Vec<String>,
}

/// The changes a win32 workflow makes to a product's draft.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Win32Spec {
    /// Full packages update body (`{"packages": [...]}`, PUT), when packages change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub packages: Option<Value>,
    /// Single package patches (used instead of, or after, `packages`).
    #[serde(default)]
    pub package_patches: Vec<PackagePatch>,
    /// Draft metadata body (listings, properties, availability).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Value>,
    /// Send `metadata` as a module PATCH instead of a full PUT.
    #[serde(default)]
    pub metadata_patch: bool,
    /// Listing images to replace.
    #[serde(default)]
    pub assets: Vec<AssetSet>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum Stage {
    Start,
    Packages,
    PatchPackages,
    CommitPackages,
    VerifyCommitPackages,
    /// Waiting (backoff) before committing the packages again.
    RecommitPackages,
    PollPackages,
    Metadata,
    GetAssets,
    CreateAssets,
    UploadAssets,
    CommitAssets,
    Readiness,
    Drafted,
    Submit,
    VerifySubmit,
    /// Waiting (backoff) before submitting again.
    Resubmit,
    PollSubmission,
    Done,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct PendingAsset {
    kind: &'static str,
    id: String,
    file: String,
    url: String,
    fallback: Option<String>,
    headers: Vec<(String, String)>,
    /// The primary URL failed: the asset goes (and is committed) through the secondary one.
    on_secondary: bool,
}

impl PendingAsset {
    /// The URL the asset is uploaded to, and named by in the commit (seed 003: "the Upload URL – Primary
    /// or Secondary, using which a new Asset was Uploaded").
    fn used_url(&self) -> &str {
        match (&self.fallback, self.on_secondary) {
            (Some(f), true) => f,
            _ => &self.url,
        }
    }
}

/// The win32 workflow's state (serialisable for resume tokens).
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct Win32Machine {
    flow: String,
    product_id: String,
    stop_after: StopAfter,
    stage: Stage,
    completed: Stage,
    submission_id: Option<String>,
    adopted: bool,
    polls: u32,
    attempts: u32,
    /// The last publishing status a poll saw (shown in the stage name).
    #[serde(skip)]
    last_status: Option<String>,
    patch_index: usize,
    asset_index: usize,
    #[serde(skip)]
    spec: Win32Spec,
    #[serde(skip)]
    existing_assets: Value,
    #[serde(skip)]
    pending_assets: Vec<PendingAsset>,
    #[serde(skip)]
    uploaded: usize,
    /// Upload-slot requests repeated (after a lost answer or expired upload URLs).
    #[serde(skip)]
    slot_requests: u32,
    #[serde(skip)]
    warnings: Vec<super::Finding>,
}

fn data(v: &Value) -> &Value {
    v.get("responseData").unwrap_or(&Value::Null)
}

impl Win32Machine {
    pub(crate) fn from_checkpoint(v: &Value) -> Result<Self> {
        let mut m: Win32Machine =
            serde_json::from_value(v.clone()).map_err(|e| Error::invalid_argument(format!("resume token: {e}")))?;
        if m.stop_after == StopAfter::Draft {
            m.stop_after = StopAfter::Published;
        }
        m.stage = Stage::Start;
        Ok(m)
    }

    /// Overrides where a resumed workflow stops.
    pub(crate) fn set_stop_after(&mut self, s: StopAfter) {
        self.stop_after = s;
    }

    fn args(&self) -> Value {
        json!({ "productId": self.product_id })
    }

    fn call(&mut self, stage: Stage, op: &'static Operation, args: Value) -> Result<Action> {
        self.stage = stage;
        Ok(Action::Call(Call::new(op, args)))
    }

    fn with_body(&self, body: Value) -> Value {
        let mut a = self.args();
        a["body"] = body;
        a
    }

    fn outcome(&self, stage: &str, doc: Option<Value>) -> Outcome {
        Outcome {
            flow: "win32".into(),
            stage: stage.into(),
            resource_id: Some(self.product_id.clone()),
            submission_id: self.submission_id.clone(),
            status: doc.as_ref().and_then(|d| str_of(data(d), "publishingStatus")).map(str::to_string),
            adopted: self.adopted,
            warnings: self.warnings.clone(),
            document: doc.as_ref().map(crate::secret::redact_json),
            ..Outcome::default()
        }
    }

    fn note(&mut self, resp: &Value) {
        // A successful envelope may carry warnings in `errors`.
        self.warnings.extend(findings(resp.get("errors")));
    }

    /// Moves to the first stage after `after` that has work to do.
    fn next_from(&mut self, after: Stage, cfg: &FlowConfig) -> Result<Action> {
        let _ = cfg;
        self.completed = self.completed.max(after);
        if after < Stage::Packages {
            if let Some(body) = self.spec.packages.clone() {
                let args = self.with_body(body);
                return self.call(Stage::Packages, op!("win32.put_packages"), args);
            }
        }
        if after < Stage::PatchPackages
            || (after == Stage::PatchPackages && self.patch_index < self.spec.package_patches.len())
        {
            if let Some(p) = self.spec.package_patches.get(self.patch_index).cloned() {
                let mut args = self.with_body(p.body);
                args["packageId"] = Value::String(p.package_id);
                return self.call(Stage::PatchPackages, op!("win32.patch_package"), args);
            }
        }
        let packages_changed = self.spec.packages.is_some() || !self.spec.package_patches.is_empty();
        if after < Stage::CommitPackages && packages_changed {
            self.attempts = 1;
            return self.call(Stage::CommitPackages, op!("win32.commit_packages"), self.args());
        }
        if after < Stage::Metadata {
            if let Some(body) = self.spec.metadata.clone() {
                let op = if self.spec.metadata_patch { op!("win32.patch_metadata") } else { op!("win32.put_metadata") };
                let args = self.with_body(body);
                return self.call(Stage::Metadata, op, args);
            }
        }
        if after < Stage::CommitAssets || (after == Stage::CommitAssets && self.asset_index < self.spec.assets.len()) {
            if let Some(set) = self.spec.assets.get(self.asset_index).cloned() {
                let mut args = self.args();
                args["languages"] = Value::String(set.language);
                return self.call(Stage::GetAssets, op!("win32.get_listing_assets"), args);
            }
        }
        if after < Stage::Readiness {
            self.polls = 0;
            return self.call(Stage::Readiness, op!("win32.get_module_status"), self.args());
        }
        if after < Stage::Drafted && self.stop_after == StopAfter::Draft {
            self.completed = Stage::Drafted;
            self.stage = Stage::Done;
            let mut out = self.outcome("draft", None);
            out.resume_token = self.checkpoint().map(ResumeToken);
            return Ok(Action::Done(out));
        }
        if after < Stage::Submit {
            self.attempts = 1;
            return self.call(Stage::Submit, op!("win32.submit"), self.args());
        }
        self.poll_submission()
    }

    fn poll_submission(&mut self) -> Result<Action> {
        let sid =
            self.submission_id.clone().ok_or_else(|| Error::invalid_response("submit returned no submissionId"))?;
        if self.stop_after == StopAfter::Committed {
            self.stage = Stage::Done;
            return Ok(Action::Done(self.outcome("committed", None)));
        }
        let mut args = self.args();
        args["submissionId"] = Value::String(sid);
        self.call(Stage::PollSubmission, op!("win32.get_submission_status"), args)
    }

    /// Sends a call that did not take effect again after a backoff, or fails once
    /// [`MAX_COMMIT_ATTEMPTS`] have been sent.
    fn again_later(&mut self, wait: Stage, what: &str, cfg: &FlowConfig) -> Result<Action> {
        if self.attempts >= MAX_COMMIT_ATTEMPTS {
            return Err(Error::new(
                ErrorKind::CommitFailed,
                format!(
                    "win32 product {}: the {what} did not take effect after {} attempts",
                    self.product_id, self.attempts
                ),
            ));
        }
        self.stage = wait;
        Ok(Action::Poll(retry::backoff(&cfg.retry, self.attempts, 0.5)))
    }

    fn poll_later(&mut self, cfg: &FlowConfig) -> Action {
        let d = cfg.poll.delay(self.polls);
        self.polls += 1;
        Action::Poll(d)
    }

    /// Asks for upload slots for the current asset set.
    fn create_assets(&mut self) -> Result<Action> {
        let set = self.spec.assets.get(self.asset_index).cloned().unwrap_or_default();
        let mut req = serde_json::Map::new();
        if !set.screenshots.is_empty() {
            req.insert("Screenshot".into(), json!(set.screenshots.len()));
        }
        if !set.logos.is_empty() {
            req.insert("Logo".into(), json!(set.logos.len()));
        }
        let args = self.with_body(json!({"language": set.language, "createAssetRequest": req}));
        self.call(Stage::CreateAssets, op!("win32.create_listing_assets"), args)
    }

    fn upload_next(&mut self) -> Result<Action> {
        match self.pending_assets.get(self.uploaded).cloned() {
            Some(a) => {
                // One URL at a time: the workflow falls back to the secondary URL itself, so that it knows
                // which one the commit must name.
                self.stage = Stage::UploadAssets;
                Ok(Action::Upload(Upload::Asset {
                    url: a.used_url().to_string(),
                    file: a.file,
                    fallback_url: None,
                    headers: a.headers,
                }))
            }
            None => {
                let set = self.spec.assets.get(self.asset_index).cloned().unwrap_or_default();
                let entry = |kind: &str| -> Value {
                    let new: Vec<Value> = self
                        .pending_assets
                        .iter()
                        .filter(|a| a.kind == kind)
                        .map(|a| json!({"id": a.id, "assetUrl": a.used_url()}))
                        .collect();
                    let replacing =
                        if kind == "screenshots" { !set.screenshots.is_empty() } else { !set.logos.is_empty() };
                    if replacing {
                        Value::Array(new)
                    } else {
                        // Keep the current assets of the types not replaced.
                        let current =
                            self.existing_assets.get(kind).and_then(Value::as_array).cloned().unwrap_or_default();
                        Value::Array(
                            current
                                .into_iter()
                                .map(|a| json!({"id": a.get("id").cloned().unwrap_or(Value::Null), "assetUrl": a.get("assetUrl").cloned().unwrap_or(Value::Null)}))
                                .collect(),
                        )
                    }
                };
                let body = json!({"listingAssets": {
                    "language": set.language,
                    "storeLogos": entry("storeLogos"),
                    "screenshots": entry("screenshots"),
                }});
                let args = self.with_body(body);
                self.call(Stage::CommitAssets, op!("win32.commit_listing_assets"), args)
            }
        }
    }
}

/// Whether a module status says the draft's packages are changed but not committed.
fn packages_uncommitted(resp: &Value) -> bool {
    findings(resp.get("errors")).iter().any(|f| f.code.eq_ignore_ascii_case(PACKAGES_NOT_COMMITTED))
}

fn module_errors(resp: &Value) -> Option<Error> {
    let errs = findings(resp.get("errors"));
    let bad: Vec<_> = errs.iter().filter(|e| e.code.eq_ignore_ascii_case(PACKAGE_UPLOAD_ERROR)).cloned().collect();
    if bad.is_empty() {
        return None;
    }
    let msg = format!("package processing failed: {}", bad[0].message);
    Some(Error::new(ErrorKind::SubmissionFailed, msg).with_server_errors(to_server_errors(&bad)))
}

impl Workflow for Win32Machine {
    fn stage(&self) -> String {
        let name =
            serde_json::to_value(self.stage).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
        match (&self.stage, &self.last_status) {
            (Stage::PollSubmission, Some(status)) => format!("{name}: {status}"),
            _ => name,
        }
    }

    fn checkpoint(&self) -> Option<Value> {
        // Resumable once every change of the spec is in the draft (a resume carries no spec).
        (self.completed >= Stage::Readiness).then(|| serde_json::to_value(self).ok()).flatten()
    }

    fn step(&mut self, reply: Reply, cfg: &FlowConfig) -> Result<Action> {
        match self.stage {
            Stage::Start => {
                let from = self.completed;
                self.next_from(from, cfg)
            }
            Stage::Packages => {
                let v = reply.json()?;
                self.note(&v);
                self.next_from(Stage::Packages, cfg)
            }
            Stage::PatchPackages => {
                let v = reply.json()?;
                self.note(&v);
                self.patch_index += 1;
                self.next_from(Stage::PatchPackages, cfg)
            }
            Stage::CommitPackages => match reply {
                Reply::Ambiguous(_) => {
                    self.call(Stage::VerifyCommitPackages, op!("win32.get_module_status"), self.args())
                }
                other => {
                    let v = other.json()?;
                    self.note(&v);
                    self.polls = 0;
                    self.call(Stage::PollPackages, op!("win32.get_module_status"), self.args())
                }
            },
            Stage::VerifyCommitPackages => {
                let v = reply.json()?;
                if packages_uncommitted(&v) {
                    // The lost commit did not take effect: commit again (harmless), after a backoff.
                    return self.again_later(Stage::RecommitPackages, "packages commit", cfg);
                }
                if let Some(e) = module_errors(&v) {
                    return Err(e);
                }
                self.completed = Stage::CommitPackages;
                if data(&v).get("isReady").and_then(Value::as_bool) == Some(true) {
                    // It took effect and processing has finished already.
                    return self.next_from(Stage::CommitPackages, cfg);
                }
                // Processing is under way: the commit took effect.
                self.polls = 0;
                self.stage = Stage::PollPackages;
                Ok(self.poll_later(cfg))
            }
            Stage::RecommitPackages => {
                self.attempts += 1;
                self.call(Stage::CommitPackages, op!("win32.commit_packages"), self.args())
            }
            Stage::PollPackages | Stage::Readiness => {
                let stage = self.stage;
                if let Reply::Waited = reply {
                    return self.call(stage, op!("win32.get_module_status"), self.args());
                }
                let v = reply.json()?;
                if let Some(e) = module_errors(&v) {
                    return Err(e);
                }
                if packages_uncommitted(&v) {
                    if stage == Stage::PollPackages {
                        // Processing will never start: the commit was lost after all. Commit again.
                        return self.again_later(Stage::RecommitPackages, "packages commit", cfg);
                    }
                    return Err(Error::new(
                        ErrorKind::Conflict,
                        format!(
                            "win32 product {}: the draft's packages were changed but not committed, so it can never \
                             become ready; publish again with the packages (or commit them in Partner Center)",
                            self.product_id
                        ),
                    ));
                }
                if data(&v).get("isReady").and_then(Value::as_bool) == Some(true) {
                    let done = if stage == Stage::PollPackages { Stage::CommitPackages } else { Stage::Readiness };
                    if stage == Stage::Readiness {
                        if let Some(id) = str_of(data(&v), "ongoingSubmissionId") {
                            return Err(Error::new(
                                ErrorKind::Conflict,
                                format!("product {} already has a submission in progress ({id})", self.product_id),
                            ));
                        }
                    }
                    return self.next_from(done, cfg);
                }
                Ok(self.poll_later(cfg))
            }
            Stage::Metadata => {
                let v = reply.json()?;
                self.note(&v);
                self.next_from(Stage::Metadata, cfg)
            }
            Stage::GetAssets => {
                let v = reply.json()?;
                let set = self.spec.assets.get(self.asset_index).cloned().unwrap_or_default();
                self.existing_assets = data(&v)
                    .get("listingAssets")
                    .and_then(Value::as_array)
                    .and_then(|a| {
                        a.iter().find(|x| str_of(x, "language").is_some_and(|l| l.eq_ignore_ascii_case(&set.language)))
                    })
                    .cloned()
                    .unwrap_or(Value::Null);
                self.create_assets()
            }
            Stage::CreateAssets => {
                if let Reply::Ambiguous(e) = reply {
                    // Upload slots made by a lost answer are never committed: asking again is harmless.
                    self.slot_requests += 1;
                    if self.slot_requests > MAX_COMMIT_ATTEMPTS {
                        return Err(e);
                    }
                    return self.create_assets();
                }
                let v = reply.json()?;
                self.note(&v);
                let set = self.spec.assets.get(self.asset_index).cloned().unwrap_or_default();
                let la = data(&v).get("listingAssets").cloned().unwrap_or(Value::Null);
                self.pending_assets.clear();
                self.uploaded = 0;
                for (kind, files) in [("screenshots", &set.screenshots), ("storeLogos", &set.logos)] {
                    let slots = la.get(kind).and_then(Value::as_array).cloned().unwrap_or_default();
                    if slots.len() < files.len() {
                        return Err(Error::invalid_response(format!(
                            "asked for {} {kind} upload slots, got {}",
                            files.len(),
                            slots.len()
                        )));
                    }
                    for (file, slot) in files.iter().zip(slots) {
                        let url = str_of(&slot, "primaryAssetUploadUrl").ok_or_else(|| {
                            Error::invalid_response("listing asset slot has no primaryAssetUploadUrl")
                        })?;
                        let headers = slot
                            .get("httpHeaders")
                            .and_then(Value::as_object)
                            .map(|m| m.iter().map(|(k, v)| (k.clone(), v.as_str().unwrap_or("").to_string())).collect())
                            .unwrap_or_default();
                        self.pending_assets.push(PendingAsset {
                            kind,
                            id: str_of(&slot, "id").unwrap_or("").to_string(),
                            file: file.clone(),
                            url: url.to_string(),
                            fallback: str_of(&slot, "secondaryAssetUploadUrl").map(str::to_string),
                            headers,
                            on_secondary: false,
                        });
                    }
                }
                self.upload_next()
            }
            Stage::UploadAssets => match reply {
                Reply::Uploaded => {
                    self.uploaded += 1;
                    self.upload_next()
                }
                Reply::Failed(_) | Reply::Ambiguous(_)
                    if self
                        .pending_assets
                        .get(self.uploaded)
                        .is_some_and(|a| a.fallback.is_some() && !a.on_secondary) =>
                {
                    // The primary URL failed: try the secondary one.
                    if let Some(a) = self.pending_assets.get_mut(self.uploaded) {
                        a.on_secondary = true;
                    }
                    self.upload_next()
                }
                Reply::Failed(e) if e.kind() == ErrorKind::SasExpired && self.slot_requests < MAX_COMMIT_ATTEMPTS => {
                    // The upload URLs expired: ask for new slots (fresh URLs) and upload this set again.
                    self.slot_requests += 1;
                    self.create_assets()
                }
                other => Err(other.response().err().unwrap_or_else(|| Error::invalid_response("upload failed"))),
            },
            Stage::CommitAssets => {
                let v = reply.json()?;
                self.note(&v);
                self.asset_index += 1;
                self.next_from(Stage::CommitAssets, cfg)
            }
            Stage::Submit => match reply {
                Reply::Ambiguous(_) => self.call(Stage::VerifySubmit, op!("win32.get_module_status"), self.args()),
                other => {
                    let v = other.json()?;
                    self.note(&v);
                    let id = str_of(data(&v), "submissionId")
                        .ok_or_else(|| Error::invalid_response("submit returned no submissionId"))?;
                    self.submission_id = Some(id.to_string());
                    self.completed = Stage::Submit;
                    self.polls = 0;
                    self.poll_submission()
                }
            },
            Stage::VerifySubmit => {
                let v = reply.json()?;
                if let Some(id) = str_of(data(&v), "ongoingSubmissionId") {
                    // The lost submit took effect: adopt its submission.
                    self.submission_id = Some(id.to_string());
                    self.adopted = true;
                    self.completed = Stage::Submit;
                    self.polls = 0;
                    return self.poll_submission();
                }
                // Nothing in progress: the submit did not take effect. Submit again, after a backoff.
                self.again_later(Stage::Resubmit, "submit", cfg)
            }
            Stage::Resubmit => {
                self.attempts += 1;
                self.call(Stage::Submit, op!("win32.submit"), self.args())
            }
            Stage::PollSubmission => {
                if let Reply::Waited = reply {
                    return self.poll_submission();
                }
                let v = reply.json()?;
                let d = data(&v);
                let status = str_of(d, "publishingStatus").unwrap_or("").to_ascii_uppercase();
                self.last_status = Some(status.clone()).filter(|s| !s.is_empty());
                if status == "FAILED" || d.get("hasFailed").and_then(Value::as_bool) == Some(true) {
                    let errs = findings(v.get("errors"));
                    let mut msg = format!("win32 submission {} failed", self.submission_id.as_deref().unwrap_or("?"));
                    if let Some(f) = errs.first() {
                        msg.push_str(&format!(": {}: {}", f.code, f.message));
                    }
                    return Err(
                        Error::new(ErrorKind::SubmissionFailed, msg).with_server_errors(to_server_errors(&errs))
                    );
                }
                if status == "PUBLISHED" {
                    self.stage = Stage::Done;
                    self.completed = Stage::PollSubmission;
                    return Ok(Action::Done(self.outcome("published", Some(v))));
                }
                Ok(self.poll_later(cfg))
            }
            Stage::Drafted | Stage::Done => Err(Error::invalid_argument("the workflow has finished")),
        }
    }
}

/// Starts the win32 workflow for a product.
pub fn publish(cfg: FlowConfig, product_id: impl Into<String>, spec: Win32Spec, stop_after: StopAfter) -> Flow {
    let check = Check::Win32(Box::new(spec.clone()));
    let m = Win32Machine {
        flow: "win32".into(),
        product_id: product_id.into(),
        stop_after,
        stage: Stage::Start,
        completed: Stage::Start,
        submission_id: None,
        adopted: false,
        polls: 0,
        attempts: 0,
        last_status: None,
        patch_index: 0,
        asset_index: 0,
        spec,
        existing_assets: Value::Null,
        pending_assets: Vec::new(),
        uploaded: 0,
        slot_requests: 0,
        warnings: Vec::new(),
    };
    Flow::new(cfg, Box::new(m)).with_preflight(check)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flow::script::{cfg, Script};
    use crate::http::Method;

    fn ok(data: Value) -> Value {
        json!({"isSuccess": true, "errors": [], "responseData": data})
    }

    fn spec() -> Win32Spec {
        Win32Spec {
            packages: Some(
                json!({"packages": [{"packageUrl": "https://x/app.msi", "languages": ["en-us"], "architectures": ["X64"], "isSilentInstall": true, "packageType": "msi"}]}),
            ),
            metadata: Some(json!({"listings": {"language": "en-us", "description": "d"}})),
            metadata_patch: true,
            assets: vec![AssetSet { language: "en-us".into(), screenshots: vec!["s1.png".into()], logos: vec![] }],
            ..Default::default()
        }
    }

    fn script_until_ready(s: &mut Script) {
        s.token(3600);
        s.expect(Method::Put, "/packages", 200, ok(json!({})));
        s.expect(Method::Post, "/packages/commit", 200, ok(json!({"pollingUrl": "/x"})));
        s.expect(Method::Get, "/status", 200, ok(json!({"isReady": false})));
        s.expect(Method::Get, "/status", 200, ok(json!({"isReady": true})));
        s.expect(Method::Patch, "/metadata", 200, ok(json!({})));
        s.expect(Method::Get, "/listings/assets?languages=en-us", 200,
            ok(json!({"listingAssets": [{"language": "en-us", "storeLogos": [{"id": "L1", "assetUrl": "https://a/L1"}], "screenshots": [{"id": "S0", "assetUrl": "https://a/S0"}]}]})));
        s.expect(Method::Post, "/listings/assets/create", 200,
            ok(json!({"listingAssets": {"language": "en-us", "screenshots": [{"id": "N1", "primaryAssetUploadUrl": "https://blob/n1?sig=Z", "secondaryAssetUploadUrl": "https://blob2/n1?sig=Y", "httpMethod": "PUT", "httpHeaders": {"x-ms-blob-type": "BlockBlob"}}]}})));
        s.expect_upload();
        s.expect(Method::Put, "/listings/assets/commit", 200, ok(json!({})));
        s.expect(Method::Get, "/status", 200, ok(json!({"isReady": true, "ongoingSubmissionId": ""})));
    }

    #[test]
    fn publishes_and_submit_503_adopts() {
        let mut s = Script::new();
        script_until_ready(&mut s);
        s.expect(Method::Post, "/submit", 503, json!({}));
        s.expect(Method::Get, "/status", 200, ok(json!({"isReady": true, "ongoingSubmissionId": "SUB9"})));
        s.expect(
            Method::Get,
            "/submission/SUB9/status",
            200,
            ok(json!({"publishingStatus": "INPROGRESS", "hasFailed": false})),
        );
        s.expect(
            Method::Get,
            "/submission/SUB9/status",
            200,
            ok(json!({"publishingStatus": "PUBLISHED", "hasFailed": false})),
        );
        let mut flow = publish(cfg(), "PROD1", spec(), StopAfter::Published);
        let out = s.run(&mut flow).unwrap();
        assert_eq!(out.stage, "published");
        assert_eq!(out.submission_id.as_deref(), Some("SUB9"));
        assert!(out.adopted);
        assert_eq!(s.count(Method::Post, "/submit"), 1);
        let commit = s.sent.iter().find(|r| r.url.ends_with("/assets/commit")).unwrap().json_body().unwrap();
        assert_eq!(commit["listingAssets"]["screenshots"][0]["id"], "N1");
        assert_eq!(commit["listingAssets"]["storeLogos"][0]["id"], "L1", "logos not replaced are kept");
        match &s.uploads[0] {
            Upload::Asset { file, url, fallback_url, .. } => {
                assert_eq!(file, "s1.png");
                assert_eq!(url, "https://blob/n1?sig=Z", "the primary URL first");
                assert!(fallback_url.is_none(), "the workflow falls back itself");
            }
            other => panic!("{other:?}"),
        }
        s.finish();
    }

    #[test]
    fn draft_then_resume_submits() {
        let mut s = Script::new();
        script_until_ready(&mut s);
        let mut flow = publish(cfg(), "PROD1", spec(), StopAfter::Draft);
        let out = s.run(&mut flow).unwrap();
        assert_eq!(out.stage, "draft");
        s.finish();
        let token = out.resume_token.unwrap();
        let mut s = Script::new();
        s.token(3600);
        s.expect(Method::Post, "/submit", 200, ok(json!({"submissionId": "SUB1"})));
        s.expect(Method::Get, "/submission/SUB1/status", 200, ok(json!({"publishingStatus": "PUBLISHED"})));
        let mut flow = crate::flow::resume(cfg(), &token, StopAfter::Published).unwrap();
        assert_eq!(s.run(&mut flow).unwrap().stage, "published");
        s.finish();
    }

    #[test]
    fn package_error_and_envelope_failure_are_typed() {
        let mut s = Script::new();
        s.token(3600);
        s.expect(Method::Put, "/packages", 200, ok(json!({})));
        s.expect(Method::Post, "/packages/commit", 200, ok(json!({})));
        s.expect(Method::Get, "/status", 200,
            json!({"isSuccess": true, "errors": [{"code": "packageuploaderror", "message": "bad url", "target": "packages"}], "responseData": {"isReady": false}}));
        let mut flow = publish(cfg(), "PROD1", spec(), StopAfter::Published);
        let e = s.run(&mut flow).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::SubmissionFailed);
        assert_eq!(e.server_errors()[0].code, "packageuploaderror");

        let mut s = Script::new();
        s.token(3600);
        s.expect(
            Method::Put,
            "/packages",
            200,
            json!({"isSuccess": false, "errors": [{"code": "InvalidInput", "message": "m", "target": "packages"}]}),
        );
        let mut flow = publish(cfg(), "PROD1", spec(), StopAfter::Published);
        let e = s.run(&mut flow).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::BadRequest);
    }

    #[test]
    fn submission_failure_surfaces() {
        let mut s = Script::new();
        s.token(3600);
        s.expect(Method::Get, "/status", 200, ok(json!({"isReady": true})));
        s.expect(Method::Post, "/submit", 200, ok(json!({"submissionId": "S"})));
        s.expect(Method::Get, "/submission/S/status", 200,
            json!({"isSuccess": true, "errors": [{"code": "CertFail", "message": "no"}], "responseData": {"publishingStatus": "FAILED", "hasFailed": true}}));
        let mut flow = publish(cfg(), "PROD1", Win32Spec::default(), StopAfter::Published);
        let e = s.run(&mut flow).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::SubmissionFailed);
        assert_eq!(e.server_errors()[0].code, "CertFail");
    }
}
