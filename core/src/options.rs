//! The one options surface: the JSON object every binding passes to configure a client, read and
//! checked here so each binding only converts its language's dict/object to JSON.
//!
//! [`ClientOptions::from_json`] reads
//!
//! ```json
//! {
//!   "endpoints": {"devcenter": "https://…", "win32": "…", "ingestion": "…", "token": "…"},
//!   "tenantId": "…", "clientId": "…", "tokenVersion": "v2", "sellerId": "…",
//!   "retry": {"maxAttempts": 6, "baseDelay": 0.5, "maxDelay": 30, "maxRetryAfter": 300},
//!   "poll": {"initial": 5, "factor": 1.5, "max": 60},
//!   "deadline": 14400, "requestTimeout": 120,
//!   "upload": {}
//! }
//! ```
//!
//! Every key is optional (the defaults are on each field); durations are seconds (numbers, fractions
//! allowed); keys are camelCase and the snake_case spellings the Python binding has always used
//! (`tenant_id`, `max_attempts`, …) are accepted too. A wrong value or an unknown key is an
//! `invalid_argument` error whose message starts with the JSON pointer of the field and states the rule:
//! ``/retry/maxAttempts: must be an integer from 1 to 100, got 0``. The limits are those of
//! [`crate::data::limits`].
//!
//! [`crate::json::decode`] reads the serde-derived option types (specs, [`crate::flow::StopAfter`],
//! [`crate::flow::PendingPolicy`], [`crate::flow::devcenter::RolloutAction`]) with the same error shape.

use std::time::Duration;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::api::auth::TokenVersion;
use crate::api::Endpoints;
use crate::data::limits as lim;
use crate::error::Result;
use crate::flow::{Credentials, FlowConfig};
use crate::json::{opt_seconds, type_name, Fields};
use crate::policy::{PollSchedule, RetryPolicy};
use crate::upload::UploadSettings;

/// The per-request timeout when the options do not set one: 120 s.
pub const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(120);

/// Everything a binding configures about a client, as one JSON object (see the module documentation).
/// The client secret is not in it: it travels separately ([`ClientOptions::into_flow_config`]) so it
/// never sits in a dict, a log line or an error.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ClientOptions {
    /// Service roots. Default: production; a missing key is production too. Each must be `https`, or
    /// `http` to a loopback host (the emulator).
    pub endpoints: Endpoints,
    /// Directory (tenant) id. Default: empty (allowed when tokens come from an outside credential).
    pub tenant_id: String,
    /// Application (client) id. Default: empty (as `tenantId`).
    pub client_id: String,
    /// Token endpoint version, `"v1"` or `"v2"`. Default: `"v2"`.
    pub token_version: TokenVersion,
    /// Seller id (`X-Seller-Account-Id`), required by win32 calls; a string or an integer. Default: none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seller_id: Option<String>,
    /// Retry limits. Default: [`RetryPolicy::default`].
    pub retry: RetryPolicy,
    /// Poll schedule. Default: [`PollSchedule::default`].
    pub poll: PollSchedule,
    /// Total time a workflow may take, seconds, above 0 and up to 30 days; `null` is none. Default: 4 hours
    /// ([`crate::data::limits::DEFAULT_WORKFLOW_DEADLINE`]): nothing polls for ever unless asked to.
    #[serde(serialize_with = "opt_seconds")]
    pub deadline: Option<Duration>,
    /// Per-request timeout, seconds, above 0 and up to 3,600; `null` is none. Default: 120.
    #[serde(serialize_with = "opt_seconds")]
    pub request_timeout: Option<Duration>,
    /// Upload settings (block size, concurrency), passed to the uploader as given. Default: none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub upload: Option<Value>,
    /// A folder where runs that change the service keep their journal entry (see [`crate::journal`]): the
    /// same call again after the process was killed continues the submission. Default: none (no journal).
    /// Native hosts only (a browser has no folder to write to).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub journal: Option<std::path::PathBuf>,
    /// The connection to resolve by the one precedence ([`crate::connection`]): `{explicit, configText,
    /// configName, credentialNames, env, naming}` as `resolveConnection` takes them (without `env`, a
    /// native host's process environment). Its sign-in method gives the client its tokens (a client
    /// secret, a federated token, a certificate, a managed identity) and its service roots, token version
    /// and seller id replace the options'. Default: none (the credential passed to the client).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub connection: Option<Value>,
}

impl Default for ClientOptions {
    fn default() -> Self {
        ClientOptions {
            endpoints: Endpoints::production(),
            tenant_id: String::new(),
            client_id: String::new(),
            token_version: TokenVersion::V2,
            seller_id: None,
            retry: RetryPolicy::default(),
            poll: PollSchedule::default(),
            deadline: Some(crate::data::limits::DEFAULT_WORKFLOW_DEADLINE),
            request_timeout: Some(DEFAULT_REQUEST_TIMEOUT),
            upload: None,
            journal: None,
            connection: None,
        }
    }
}

impl ClientOptions {
    /// Reads and checks the options object (`null` gives the defaults).
    ///
    /// # Errors
    /// `invalid_argument` naming the JSON pointer of the first bad field and its rule, or the unknown key.
    pub fn from_json(v: &Value) -> Result<ClientOptions> {
        if v.is_null() {
            return Ok(ClientOptions::default());
        }
        let mut f = Fields::new(v, "")?;
        let mut o = ClientOptions::default();
        if let Some(x) = f.take("endpoints", &[])? {
            o.endpoints = Endpoints::from_json_at(x.value, &x.at)?;
        }
        if let Some(x) = f.take("tenantId", &["tenant_id"])? {
            o.tenant_id = x.identifier()?.to_string();
        }
        if let Some(x) = f.take("clientId", &["client_id"])? {
            o.client_id = x.identifier()?.to_string();
        }
        if let Some(x) = f.take("tokenVersion", &["token_version"])? {
            o.token_version = match x.string()? {
                "v1" => TokenVersion::V1,
                "v2" => TokenVersion::V2,
                other => return Err(x.invalid(format!("must be \"v1\" or \"v2\", got {other:?}"))),
            };
        }
        if let Some(x) = f.take("sellerId", &["seller_id"])? {
            o.seller_id = match x.value {
                Value::Number(n) if n.is_u64() => Some(n.to_string()),
                _ => Some(x.identifier()?.to_string()),
            };
        }
        if let Some(x) = f.take("retry", &[])? {
            o.retry = RetryPolicy::from_json_at(x.value, &x.at)?;
        }
        if let Some(x) = f.take("poll", &[])? {
            o.poll = PollSchedule::from_json_at(x.value, &x.at)?;
        }
        if let Some(x) = f.take_nullable("deadline", &[])? {
            o.deadline = x.optional_positive_seconds(lim::DEADLINE_MAX_SECS)?;
        }
        if let Some(x) = f.take_nullable("requestTimeout", &["request_timeout"])? {
            o.request_timeout = x.optional_positive_seconds(lim::REQUEST_TIMEOUT_MAX_SECS)?;
        }
        if let Some(x) = f.take("upload", &[])? {
            if !x.value.is_object() {
                return Err(x.invalid(format!("must be an object, got {}", type_name(x.value))));
            }
            UploadSettings::from_json(x.value).map_err(|e| x.invalid(e.message().to_string()))?;
            o.upload = Some(x.value.clone());
        }
        if let Some(x) = f.take("journal", &[])? {
            let dir = x.string()?;
            if dir.trim().is_empty() {
                return Err(x.invalid("must be the path of a folder"));
            }
            o.journal = Some(dir.into());
        }
        if let Some(x) = f.take("connection", &[])? {
            let Value::Object(m) = x.value else {
                return Err(x.invalid(format!("must be an object, got {}", type_name(x.value))));
            };
            crate::connection::sources_from_args(m, "/connection")?;
            o.connection = Some(x.value.clone());
        }
        f.finish()?;
        Ok(o)
    }

    /// The options as JSON (what [`ClientOptions::from_json`] reads back to the same value).
    pub fn to_json(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }

    /// The workflow settings these options describe, with the credentials' secret (which the options
    /// never hold) or [`Credentials::External`]. A client secret's tenant and client ids are used when
    /// the options leave them empty.
    pub fn into_flow_config(self, credentials: impl Into<Credentials>) -> FlowConfig {
        self.flow_config(credentials.into())
    }

    /// The workflow settings: with a `connection`, the one it resolves to (its credential, service roots,
    /// token version and seller id); else these options with `credentials`.
    ///
    /// # Errors
    /// As [`crate::connection::resolve`] (a missing setting names every way to give it).
    pub fn resolve(self, credentials: Credentials) -> crate::Result<FlowConfig> {
        let Some(Value::Object(conn)) = self.connection.clone() else { return Ok(self.flow_config(credentials)) };
        let r = crate::connection::resolve(&crate::connection::sources_from_args(&conn, "/connection")?)?;
        let mut cfg = self.flow_config(r.credential()?);
        cfg.endpoints = r.endpoints.clone();
        cfg.token_version = r.token_version;
        if r.seller_id.is_some() {
            cfg.seller_id = r.seller_id.clone();
        }
        Ok(cfg)
    }

    fn flow_config(self, credentials: Credentials) -> FlowConfig {
        let mut credentials = credentials;
        if let Credentials::ClientSecret(c) = &mut credentials {
            if !self.tenant_id.is_empty() {
                c.tenant_id = self.tenant_id;
            }
            if !self.client_id.is_empty() {
                c.client_id = self.client_id;
            }
        }
        let upload = self.upload.as_ref().and_then(|v| UploadSettings::from_json(v).ok()).unwrap_or_default();
        let mut cfg = FlowConfig::new(self.endpoints, credentials);
        cfg.upload = upload;
        cfg.token_version = self.token_version;
        cfg.seller_id = self.seller_id;
        cfg.retry = self.retry;
        cfg.poll = self.poll;
        cfg.deadline = self.deadline;
        cfg.request_timeout = self.request_timeout;
        cfg
    }
}

impl<'de> Deserialize<'de> for ClientOptions {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let v = Value::deserialize(d)?;
        ClientOptions::from_json(&v).map_err(|e| serde::de::Error::custom(e.message()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::auth::ClientCredentials;
    use crate::json::decode;
    use crate::task::Machine;
    use serde_json::json;

    fn err(v: Value) -> String {
        ClientOptions::from_json(&v).unwrap_err().message().to_string()
    }

    #[test]
    fn defaults_and_full_round_trip() {
        let d = ClientOptions::from_json(&json!({})).unwrap();
        assert_eq!(d, ClientOptions::default());
        assert_eq!(ClientOptions::from_json(&Value::Null).unwrap(), d);
        assert_eq!(d.request_timeout, Some(Duration::from_secs(120)));
        let full = json!({
            "endpoints": {"devcenter": "http://127.0.0.1:1", "win32": "http://127.0.0.1:2",
                          "ingestion": "http://127.0.0.1:3", "token": "https://login.example"},
            "tenantId": "t", "clientId": "c", "tokenVersion": "v1", "sellerId": "42",
            "retry": {"maxAttempts": 3, "baseDelay": 0.25, "maxDelay": 4.0, "maxRetryAfter": 10.0},
            "poll": {"initial": 0.5, "factor": 2.0, "max": 8.0},
            "deadline": 90.0, "requestTimeout": 15.0, "upload": {"blockSize": 4194304}
        });
        let o = ClientOptions::from_json(&full).unwrap();
        assert_eq!(o.to_json(), full);
        assert_eq!(o.retry.base_delay, Duration::from_millis(250));
        assert_eq!(o.poll.factor, 2.0);
        let back: ClientOptions = serde_json::from_value(o.to_json()).unwrap();
        assert_eq!(back, o);
        let cfg = o.into_flow_config(ClientCredentials::new("", "", "s3cret"));
        assert_eq!(cfg.credentials.client_secret().unwrap().tenant_id, "t");
        assert_eq!(cfg.upload.block_size, 4194304);
        assert_eq!(cfg.seller_id.as_deref(), Some("42"));
        assert_eq!(cfg.token_version, TokenVersion::V1);
        assert_eq!(cfg.deadline, Some(Duration::from_secs(90)));
        assert_eq!(cfg.retry.max_attempts, 3);
        assert_eq!(cfg.endpoints.token, "https://login.example");
    }

    #[test]
    fn snake_case_keys_as_the_python_binding_writes_them() {
        let o = ClientOptions::from_json(&json!({
            "endpoints": {"token": "http://localhost:9"}, "tenant_id": "t", "client_id": "c",
            "token_version": "v2", "seller_id": 7, "request_timeout": null,
            "retry": {"max_attempts": 2, "base_delay": 1, "max_delay": 2, "max_retry_after": 3},
        }))
        .unwrap();
        assert_eq!((o.tenant_id.as_str(), o.client_id.as_str()), ("t", "c"));
        assert_eq!(o.seller_id.as_deref(), Some("7"));
        assert_eq!(o.request_timeout, None);
        assert_eq!(o.retry.max_retry_after, Duration::from_secs(3));
        assert_eq!(o.endpoints.devcenter, crate::api::DEVCENTER_ROOT);
        assert!(err(json!({"tenantId": "a", "tenant_id": "b"})).starts_with("/tenantId: given twice"));
    }

    #[test]
    fn every_bad_field_is_named() {
        for (input, want) in [
            (json!([]), "(root): must be an object, got an array"),
            (json!({"retry": {"maxAttempts": 0}}), "/retry/maxAttempts: must be an integer from 1 to 100, got 0"),
            (json!({"retry": {"maxAttempts": 2.5}}), "/retry/maxAttempts: must be an integer from 1 to 100, got 2.5"),
            (
                json!({"retry": {"baseDelay": -1}}),
                "/retry/baseDelay: must be a number of seconds from 0 to 3600, got -1",
            ),
            (
                json!({"retry": {"baseDelay": 5, "maxDelay": 1}}),
                "/retry/maxDelay: must be at least baseDelay (5 s), got 1",
            ),
            (
                json!({"retry": {"maxRetryAfter": "x"}}),
                "/retry/maxRetryAfter: must be a number of seconds from 0 to 3600, got a string",
            ),
            (json!({"retry": {"maxAttemps": 3}}), "/retry/maxAttemps: unknown field (accepted: maxAttempts"),
            (json!({"retry": 3}), "/retry: must be an object, got a number"),
            (json!({"poll": {"factor": 0.5}}), "/poll/factor: must be a number from 1 to 10, got 0.5"),
            (json!({"poll": {"initial": 10, "max": 5}}), "/poll/max: must be at least initial (10 s), got 5"),
            (json!({"poll": {"initial": 4000}}), "/poll/initial: must be a number of seconds from 0 to 3600, got 4000"),
            (
                json!({"deadline": 1e9}),
                "/deadline: must be a number of seconds above 0 and up to 2592000 (or null), got 1000000000",
            ),
            (json!({"deadline": 0}), "/deadline: must be a number of seconds above 0"),
            (
                json!({"requestTimeout": true}),
                "/requestTimeout: must be a number of seconds above 0 and up to 3600 (or null), got a boolean",
            ),
            (json!({"tokenVersion": "v3"}), "/tokenVersion: must be \"v1\" or \"v2\", got \"v3\""),
            (json!({"tenantId": ""}), "/tenantId: must not be empty"),
            (json!({"clientId": "a/b"}), "/clientId: must not contain whitespace"),
            (json!({"sellerId": -1}), "/sellerId: must be a string, got a number"),
            (json!({"endpoints": {"win32": "http://example.com"}}), "/endpoints/win32: must be https"),
            (json!({"endpoints": {"win32": 1}}), "/endpoints/win32: must be a string, got a number"),
            (
                json!({"endpoints": {"blob": "https://x"}}),
                "/endpoints/blob: unknown field (accepted: devcenter, win32, ingestion, token)",
            ),
            (json!({"upload": []}), "/upload: must be an object, got an array"),
            (json!({"deadLine": 3}), "/deadLine: unknown field (accepted: endpoints, tenantId"),
            (json!({"a/b": 3}), "/a~1b: unknown field"),
        ] {
            let got = err(input.clone());
            assert!(got.starts_with(want), "{input}: {got}");
            // The URL-scheme rule fails with its own kind wherever it applies (options, client, flow).
            let kind = if want.contains("must be https") {
                crate::ErrorKind::Unsupported
            } else {
                crate::ErrorKind::InvalidArgument
            };
            assert_eq!(ClientOptions::from_json(&input).unwrap_err().kind(), kind, "{input}");
        }
    }

    #[test]
    fn decode_names_the_field_of_derived_types() {
        use crate::flow::SubmissionSpec;
        let e = decode::<SubmissionSpec>("spec", &json!({"rolloutPercentage": 150, "changes": {}})).unwrap_err();
        assert_eq!(e.message(), "spec/rolloutPercentage: must be a number from 0 to 100, got 150");
        let e = decode::<SubmissionSpec>("spec", &json!({"oldPackages": "drop"})).unwrap_err();
        assert!(e.message().starts_with("spec/oldPackages: unknown variant `drop`"), "{e}");
        let e = decode::<SubmissionSpec>("spec", &json!({"rolloutPercentag": 5})).unwrap_err();
        assert!(e.message().starts_with("spec/rolloutPercentag: unknown field `rolloutPercentag`"), "{e}");
        let e = decode::<SubmissionSpec>("spec", &json!({"mandatoryUpdate": "yes"})).unwrap_err();
        assert!(e.message().starts_with("spec/mandatoryUpdate: invalid type"), "{e}");
        let ok: SubmissionSpec = decode("spec", &json!({"rolloutPercentage": 25, "oldPackages": "keep"})).unwrap();
        assert_eq!(ok.rollout_percentage, Some(25.0));
    }

    #[test]
    fn rollout_actions_parse_and_check_the_range() {
        use crate::flow::devcenter::RolloutAction;
        assert_eq!(RolloutAction::parse("Update", Some(12.5)).unwrap(), RolloutAction::Update(12.5));
        assert_eq!(RolloutAction::parse("halt", None).unwrap(), RolloutAction::Halt);
        for (name, pct, want) in [
            ("update", Some(100.5), "must be a number from 0 to 100, got 100.5"),
            ("update", Some(f64::NAN), "got NaN"),
            ("update", None, "`percentage` is required"),
            ("finalize", Some(5.0), "`percentage` is only for `update`"),
            ("stop", None, "must be \"get\", \"update\", \"halt\" or \"finalize\", got \"stop\""),
        ] {
            let e = RolloutAction::parse(name, pct).unwrap_err();
            assert_eq!(e.kind(), crate::ErrorKind::InvalidArgument);
            assert!(e.message().contains(want), "{name} {pct:?}: {e}");
        }
        for a in [RolloutAction::Get, RolloutAction::Update(25.0), RolloutAction::Halt, RolloutAction::Finalize] {
            let v = serde_json::to_value(a).unwrap();
            assert_eq!(decode::<RolloutAction>("action", &v).unwrap(), a, "{v}");
        }
        assert_eq!(
            serde_json::to_value(RolloutAction::Update(25.0)).unwrap(),
            json!({"action": "update", "percentage": 25.0})
        );
        let e = decode::<RolloutAction>("action", &json!({"action": "update", "percentage": -3})).unwrap_err();
        assert!(e.message().contains("got -3"), "{e}");
        let e = decode::<RolloutAction>("action", &json!({"action": "get", "percent": 3})).unwrap_err();
        assert!(e.message().contains("unknown field `percent`"), "{e}");
        // The flow refuses an out-of-range update built by hand, before any request.
        let mut flow = crate::flow::devcenter::rollout(
            crate::flow::script::cfg(),
            crate::flow::devcenter::Target::App { app_id: "9APP".into() },
            "1",
            RolloutAction::Update(101.0),
        );
        match flow.resume(crate::flow::Event::Start, crate::flow::Tick::at(1)) {
            crate::flow::Step::Done(Err(e)) => assert!(e.message().contains("got 101"), "{e}"),
            other => panic!("expected the range error, got {other:?}"),
        }
    }

    #[test]
    fn endpoints_json() {
        let ep = Endpoints::all_at("http://127.0.0.1:8080");
        let v = serde_json::to_value(&ep).unwrap();
        assert_eq!(serde_json::from_value::<Endpoints>(v).unwrap(), ep);
        let partial: Endpoints = serde_json::from_value(json!({"win32": "https://w.example"})).unwrap();
        assert_eq!(
            (partial.win32.as_str(), partial.devcenter.as_str()),
            ("https://w.example", crate::api::DEVCENTER_ROOT)
        );
        let e = serde_json::from_value::<Endpoints>(json!({"token": "ftp://x"})).unwrap_err();
        assert!(e.to_string().starts_with("/token: must be https"), "{e}");
    }

    #[test]
    fn specs_refuse_unknown_keys_by_name() {
        use crate::flow::ingestion::IngestionSpec;
        use crate::flow::win32::Win32Spec;
        use crate::flow::{PendingPolicy, StopAfter};
        let w: Win32Spec = decode("spec", &json!({"metadataPatch": true, "assets": [{"language": "en-us"}]})).unwrap();
        assert_eq!(decode::<Win32Spec>("spec", &serde_json::to_value(&w).unwrap()).unwrap(), w);
        let e = decode::<Win32Spec>("spec", &json!({"metadataPatchh": true})).unwrap_err();
        assert!(e.message().starts_with("spec/metadataPatchh: unknown field `metadataPatchh`"), "{e}");
        let e = decode::<Win32Spec>("spec", &json!({"packagePatches": [{"body": {}}]})).unwrap_err();
        assert!(e.message().starts_with("spec/packagePatches: missing field `packageId`"), "{e}");
        let i: IngestionSpec = decode("spec", &json!({"modules": ["Listing"], "promote": true})).unwrap();
        assert_eq!((i.scope.as_str(), i.promote), ("Preview", true));
        assert_eq!(decode::<IngestionSpec>("spec", &serde_json::to_value(&i).unwrap()).unwrap(), i);
        let e = decode::<IngestionSpec>("spec", &json!({"scopes": "Live"})).unwrap_err();
        assert!(e.message().starts_with("spec/scopes: unknown field `scopes`"), "{e}");
        assert_eq!(decode::<StopAfter>("stopAfter", &json!("draft")).unwrap(), StopAfter::Draft);
        let e = decode::<StopAfter>("stopAfter", &json!("drafted")).unwrap_err();
        assert!(e.message().starts_with("stopAfter: unknown variant `drafted`"), "{e}");
        assert_eq!(decode::<PendingPolicy>("pending", &json!("recreate")).unwrap(), PendingPolicy::Recreate);
        let spec = crate::flow::SubmissionSpec {
            changes: json!({"pricing": {"priceId": "Free"}}),
            rollout_percentage: Some(10.0),
            mandatory_update: Some(true),
            mandatory_update_effective_date: Some("2026-01-01T00:00:00Z".into()),
            ..Default::default()
        };
        assert_eq!(decode::<crate::flow::SubmissionSpec>("spec", &serde_json::to_value(&spec).unwrap()).unwrap(), spec);
    }
}
