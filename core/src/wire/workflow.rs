//! Which workflow a host asks for, as JSON: one object names the workflow and its parameters, read by
//! the surface's table ([`crate::surface::WORKFLOWS`]: unknown parameters refused, required ones named,
//! defaults filled), so a binding exposes every workflow without a constructor of its own and every
//! default lives in one place.

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::error::{Error, Result};
use crate::flow::devcenter::{self, RolloutAction, SubmissionOptions, Target};
use crate::flow::ingestion::{self, IngestionSpec};
use crate::flow::win32::{self, Win32Spec};
use crate::flow::{self, simple, Flow, FlowConfig, ResumeToken, StopAfter, Upload};
use crate::json::decode;
use crate::surface::{self, Method};

/// Builds the flow a request names: `{"workflow": name, …params}` with a name and parameters of
/// [`crate::surface::WORKFLOWS`] (`pack` is not a flow: see [`super::Job::start`]).
///
/// # Errors
/// `invalid_argument` naming the field (`workflow/rolloutPercentage: …`) and its rule, or the unknown
/// field.
pub fn workflow_from_json(cfg: FlowConfig, request: &Value) -> Result<Flow> {
    let (method, p) = read(request)?;
    let target = |kind: &str| -> Result<Target> {
        Ok(match kind {
            "app" => Target::App { app_id: p.string("appId")? },
            "addon" => Target::Addon { addon_id: p.string("addonId")? },
            _ => Target::Flight { app_id: p.string("appId")?, flight_id: p.string("flightId")? },
        })
    };
    Ok(match method.name {
        "publishAppSubmission" | "publishAddonSubmission" | "publishFlightSubmission" => {
            let kind = match method.name {
                "publishAppSubmission" => "app",
                "publishAddonSubmission" => "addon",
                _ => "flight",
            };
            let spec = p.subset(&[
                "changes",
                "oldPackages",
                "rolloutPercentage",
                "mandatoryUpdate",
                "mandatoryUpdateEffectiveDate",
            ]);
            let options = SubmissionOptions {
                stop_after: p.stop_after()?,
                pending: p.decode("pending")?,
                archive: p.opt_string("archive")?,
            };
            devcenter::submission(cfg, target(kind)?, decode("workflow", &spec)?, options)
        }
        "submission" => {
            let options = SubmissionOptions {
                stop_after: p.stop_after()?,
                pending: p.decode("pending")?,
                archive: p.opt_string("archive")?,
            };
            devcenter::submission(cfg, p.decode("target")?, p.decode_or_default("spec")?, options)
        }
        "rollout" => {
            let kind = if p.has("flightId") { "flight" } else { "app" };
            let action: RolloutAction = decode("workflow", &p.subset(&["action", "percentage"]))?;
            devcenter::rollout(cfg, target(kind)?, p.string("submissionId")?, action)
        }
        "waitForSubmission" => {
            let kind = match (p.has("appId"), p.has("addonId"), p.has("flightId")) {
                (true, false, false) => "app",
                (true, false, true) => "flight",
                (false, true, false) => "addon",
                _ => {
                    return Err(Error::invalid_argument(
                        "workflow/appId: give appId (with flightId for a flight) or addonId, not both",
                    ))
                }
            };
            devcenter::wait_for(cfg, target(kind)?, &p.string("submissionId")?, p.stop_after()?)
        }
        "publishWin32" => {
            let spec = p.subset(&["packages", "packagePatches", "metadata", "metadataPatch", "assets"]);
            win32::publish(cfg, p.string("productId")?, decode::<Win32Spec>("workflow", &spec)?, p.stop_after()?)
        }
        "win32" => win32::publish(cfg, p.string("productId")?, p.decode_or_default("spec")?, p.stop_after()?),
        "publishIngestion" => {
            let spec = p.subset(&["modules", "scope", "promote", "publishOption", "changes"]);
            ingestion::publish(
                cfg,
                p.string("productId")?,
                decode::<IngestionSpec>("workflow", &spec)?,
                p.stop_after()?,
            )
        }
        "ingestion" => ingestion::publish(cfg, p.string("productId")?, p.decode("spec")?, p.stop_after()?),
        "call" => simple::call(cfg, &p.string("op")?, p.get("args").clone())?,
        "listAll" => {
            let pages = p
                .get("maxPages")
                .as_u64()
                .and_then(|n| u32::try_from(n).ok())
                .filter(|n| *n > 0)
                .ok_or_else(|| Error::invalid_argument("workflow/maxPages: must be a whole number above 0"))?;
            simple::list_all(cfg, &p.string("op")?, p.get("args").clone(), pages)?
        }
        "resume" => {
            let token = match p.get("token") {
                Value::String(s) => ResumeToken::from_json(s)?,
                v @ Value::Object(_) => ResumeToken::from_value(v.clone())?,
                _ => return Err(Error::invalid_argument("workflow/token: must be the resume token (a string)")),
            };
            flow::resume(cfg, &token, p.stop_after()?)?
        }
        "plan" => match p.get("request") {
            r @ Value::Object(_) => {
                flow::plan::check_plannable(r)?;
                let inner = workflow_from_json(cfg, r)?;
                flow::plan::plan(inner, r)?
            }
            _ => {
                return Err(Error::invalid_argument(
                    "workflow/request: must be a submission or win32 request (an object)",
                ))
            }
        },
        "upload" => flow::upload(cfg, Upload::Archive { url: p.string("url")?, file: p.string("file")? }),
        other => return Err(Error::invalid_argument(format!("workflow/workflow: `{other}` is not a flow"))),
    })
}

/// The request's method and its parameters, checked against the table and with the defaults filled in.
fn read(request: &Value) -> Result<(&'static Method, Params)> {
    let obj = request.as_object().ok_or_else(|| Error::invalid_argument("workflow: must be a JSON object"))?;
    let names = || surface::WORKFLOWS.iter().map(|m| m.name).collect::<Vec<_>>().join(", ");
    let name = obj.get("workflow").and_then(Value::as_str).ok_or_else(|| {
        Error::invalid_argument(format!("workflow/workflow: must name the workflow, one of {}", names()))
    })?;
    let method = surface::workflow(name).ok_or_else(|| {
        Error::invalid_argument(format!("workflow/workflow: must be one of {}, got {name:?}", names()))
    })?;
    Ok((method, Params::read(method, obj, "workflow")?))
}

/// A method's parameters read by its table: the values given (nulls dropped) and the defaults.
pub(crate) struct Params {
    values: Map<String, Value>,
    at: &'static str,
}

impl Params {
    /// Reads `obj` (the key `workflow` aside) as the parameters of `method`; errors name `at/field`.
    pub(crate) fn read(method: &Method, obj: &Map<String, Value>, at: &'static str) -> Result<Params> {
        let mut values = Map::new();
        for (k, v) in obj {
            if k == "workflow" && at == "workflow" {
                continue;
            }
            if method.param(k).is_none() {
                let known: Vec<&str> = method.params.iter().map(|p| p.name).collect();
                return Err(Error::invalid_argument(format!(
                    "{at}/{k}: unknown field for {} (known: {})",
                    method.name,
                    if known.is_empty() { "none".to_string() } else { known.join(", ") }
                )));
            }
            if !v.is_null() {
                values.insert(k.clone(), v.clone());
            }
        }
        for p in method.params {
            if values.contains_key(p.name) {
                continue;
            }
            if p.required {
                return Err(Error::invalid_argument(format!("{at}/{}: is required ({})", p.name, p.doc)));
            }
            if let Some(d) = p.default {
                values.insert(p.name.to_string(), serde_json::from_str(d).unwrap_or(Value::Null));
            }
        }
        Ok(Params { values, at })
    }

    fn has(&self, key: &str) -> bool {
        self.values.contains_key(key)
    }

    /// The value (`null` when absent without a default).
    pub(crate) fn get(&self, key: &str) -> &Value {
        self.values.get(key).unwrap_or(&Value::Null)
    }

    fn string(&self, key: &str) -> Result<String> {
        match self.get(key).as_str().map(str::trim) {
            Some(s) if !s.is_empty() => Ok(s.to_string()),
            _ => Err(Error::invalid_argument(format!("{}/{key}: must be a non-empty string", self.at))),
        }
    }

    fn opt_string(&self, key: &str) -> Result<Option<String>> {
        if self.has(key) {
            self.string(key).map(Some)
        } else {
            Ok(None)
        }
    }

    fn decode<T: DeserializeOwned>(&self, key: &str) -> Result<T> {
        decode(&format!("{}/{key}", self.at), self.get(key))
    }

    fn decode_or_default<T: DeserializeOwned + Default>(&self, key: &str) -> Result<T> {
        if self.has(key) {
            self.decode(key)
        } else {
            Ok(T::default())
        }
    }

    fn stop_after(&self) -> Result<StopAfter> {
        match self.get("stopAfter") {
            Value::Null => Ok(StopAfter::default()),
            Value::String(s) => StopAfter::parse(s).ok_or_else(|| {
                Error::invalid_argument(format!(
                    "{}/stopAfter: must be \"draft\", \"committed\", \"certification\" or \"published\", got {s:?}",
                    self.at
                ))
            }),
            _ => Err(Error::invalid_argument(format!("{}/stopAfter: must be a string", self.at))),
        }
    }

    /// The parameters among `keys` that are set, as one object (a spec's fields).
    fn subset(&self, keys: &[&str]) -> Value {
        Value::Object(keys.iter().filter_map(|k| self.values.get(*k).map(|v| ((*k).to_string(), v.clone()))).collect())
    }
}
