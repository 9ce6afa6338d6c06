//! The values every workflow shares: where it stops ([`StopAfter`]), what it uploads ([`Upload`]), what it
//! reports when done ([`Outcome`], [`Finding`]), where its tokens come from ([`Credentials`]) and its
//! settings ([`FlowConfig`]).

use std::fmt;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::api::auth::{ClientCredentials, TokenVersion};
use crate::api::Endpoints;
use crate::package::UploadFile;
use crate::policy::{PollSchedule, RetryPolicy};
use crate::secret::redact_url;
use crate::task::ResumeToken;
use crate::upload::UploadSettings;

/// An upload a workflow asks for; the flow runs it with the block-upload machine
/// ([`crate::api::blob::BlobUpload`]) as part of its own tasks.
#[derive(Clone, PartialEq, Eq)]
pub enum Upload {
    /// Build a ZIP of these files (stored, streamed) and upload it as a block blob to `url`.
    Zip {
        /// The submission's SAS `fileUploadUrl` (a secret: `Debug` redacts its signature).
        url: String,
        /// The files to put in the ZIP.
        files: Vec<UploadFile>,
    },
    /// Upload a ZIP the host already has, as is, as a block blob to `url` (a submission published with
    /// [`devcenter::SubmissionOptions::archive`]).
    Archive {
        /// The submission's SAS `fileUploadUrl` (a secret: `Debug` redacts its signature).
        url: String,
        /// The ZIP (as the host names its files).
        file: String,
    },
    /// Upload one file as a block blob (`PUT` with `x-ms-blob-type: BlockBlob`): a win32 listing asset.
    Asset {
        /// The file (relative to the host's files folder, or absolute).
        file: String,
        /// The primary upload URL.
        url: String,
        /// The secondary upload URL, to try when the primary fails.
        fallback_url: Option<String>,
        /// Headers the service asks for (`httpHeaders`; an empty value means "compute it").
        headers: Vec<(String, String)>,
    },
}

impl fmt::Debug for Upload {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Upload::Archive { url, file } => {
                f.debug_struct("Archive").field("url", &redact_url(url)).field("file", file).finish()
            }
            Upload::Zip { url, files } => {
                f.debug_struct("Zip").field("url", &redact_url(url)).field("files", files).finish()
            }
            Upload::Asset { file, url, fallback_url, headers } => f
                .debug_struct("Asset")
                .field("file", file)
                .field("url", &redact_url(url))
                .field("fallback_url", &fallback_url.as_deref().map(redact_url))
                .field("headers", headers)
                .finish(),
        }
    }
}

/// Where a publishing workflow stops.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum StopAfter {
    /// "Draft only": created, updated and uploaded, not committed/submitted. A resume token is returned.
    Draft,
    /// Committed/submitted; processing has started.
    Committed,
    /// Processing passed and certification has started (devcenter; others treat it as `Published`).
    Certification,
    /// Published (the default).
    #[default]
    Published,
}

impl StopAfter {
    /// Parses `draft`, `committed`, `certification`, `published`.
    pub fn parse(s: &str) -> Option<StopAfter> {
        Some(match s.to_ascii_lowercase().as_str() {
            "draft" | "draft-only" => StopAfter::Draft,
            "committed" | "commit" | "submitted" => StopAfter::Committed,
            "certification" => StopAfter::Certification,
            "published" | "publish" => StopAfter::Published,
            _ => return None,
        })
    }
}

/// A finding the service reported (statusDetails errors/warnings, win32 envelope errors, validations).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// The service's code.
    pub code: String,
    /// The service's message.
    pub message: String,
    /// What it is about, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
}

/// What a finished workflow reports. JSON: camelCase, the resume token in its string form.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Outcome {
    /// Which workflow (`app-submission`, `win32`, …).
    pub flow: String,
    /// The last stage reached (`draft`, `committed`, `certification`, `published`, `done`).
    pub stage: String,
    /// The resource's id (app, add-on, product).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource_id: Option<String>,
    /// The submission's id, when one was created or adopted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub submission_id: Option<String>,
    /// The submission's last status as the service wrote it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Whether an existing pending submission was adopted (after a lost create response, or by policy).
    #[serde(default)]
    pub adopted: bool,
    /// Errors the service reported without failing the workflow (statusDetails).
    #[serde(default)]
    pub errors: Vec<Finding>,
    /// Warnings the service reported.
    #[serde(default)]
    pub warnings: Vec<Finding>,
    /// Certification reports (`statusDetails.certificationReports`).
    #[serde(default)]
    pub certification_reports: Vec<Value>,
    /// The last document read (submission, status, rollout, list page…).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document: Option<Value>,
    /// Set when the workflow stopped early: pass it to [`super::resume`] to continue.
    #[serde(default, skip_serializing_if = "Option::is_none", alias = "resume")]
    pub resume_token: Option<ResumeToken>,
}

/// Where a workflow's access tokens come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Credentials {
    /// An Azure AD application's client secret: the flow sends the token requests itself
    /// ([`Purpose::Token`]).
    ClientSecret(ClientCredentials),
    /// The caller's own credential (azure-identity, @azure/identity, a .NET delegate): the flow asks the
    /// host for each token with [`Work::Token`] and caches what it gets, refreshing it by the same rule.
    External,
    /// A token source with no client secret (a federated assertion, a certificate, a managed identity):
    /// the flow obtains each token with the source's own tasks ([`crate::credential`]).
    Source(crate::credential::TokenSource),
}

impl From<ClientCredentials> for Credentials {
    fn from(c: ClientCredentials) -> Self {
        Credentials::ClientSecret(c)
    }
}

impl Credentials {
    /// The client credentials, when the flow requests tokens itself.
    pub fn client_secret(&self) -> Option<&ClientCredentials> {
        match self {
            Credentials::ClientSecret(c) => Some(c),
            Credentials::External | Credentials::Source(_) => None,
        }
    }
}

/// Settings shared by every workflow.
#[derive(Clone, Debug)]
pub struct FlowConfig {
    /// Service roots.
    pub endpoints: Endpoints,
    /// Where access tokens come from.
    pub credentials: Credentials,
    /// Token endpoint version.
    pub token_version: TokenVersion,
    /// Seller id (`X-Seller-Account-Id`), required by win32 calls.
    pub seller_id: Option<String>,
    /// Retry limits.
    pub retry: RetryPolicy,
    /// Poll schedule for long-running statuses.
    pub poll: PollSchedule,
    /// Total time the workflow may take, from its first event.
    pub deadline: Option<Duration>,
    /// Per-request timeout put on every request (blob requests take theirs from `upload`).
    pub request_timeout: Option<Duration>,
    /// How uploads run inside the flow (block size, concurrency, resume, retries of each blob request).
    pub upload: UploadSettings,
}

impl FlowConfig {
    /// A configuration with default retry, poll and timeout settings and the default overall deadline
    /// ([`crate::data::limits::DEFAULT_WORKFLOW_DEADLINE`]; set `deadline = None` for none).
    pub fn new(endpoints: Endpoints, credentials: impl Into<Credentials>) -> Self {
        FlowConfig {
            endpoints,
            credentials: credentials.into(),
            token_version: TokenVersion::V2,
            seller_id: None,
            retry: RetryPolicy::default(),
            poll: PollSchedule::default(),
            deadline: Some(crate::data::limits::DEFAULT_WORKFLOW_DEADLINE),
            request_timeout: Some(Duration::from_secs(120)),
            upload: UploadSettings::default(),
        }
    }
}
