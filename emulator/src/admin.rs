//! The admin API under `/_emulator`: fault rules, rate limits, the clock, settings, state dump.

use serde_json::{json, Value};
use storesubmit::Method;

use crate::config::{Durations, Outcomes, RateLimit};
use crate::faults::FaultRule;
use crate::state::{DurationsMs, State};
use crate::util::{Req, Resp};

fn bad(msg: impl Into<String>) -> Resp {
    Resp::json(400, &json!({"error": msg.into()}))
}

fn add_rule(st: &mut State, v: Value) -> Result<u64, String> {
    let rule: FaultRule = serde_json::from_value(v).map_err(|e| format!("invalid fault rule: {e}"))?;
    rule.check()?;
    Ok(st.faults.add(rule))
}

/// Handles an admin request.
pub fn handle(st: &mut State, req: &Req) -> Resp {
    let path = req.path.trim_end_matches('/');
    let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    match (req.method, segs.as_slice()) {
        (Method::Get, ["info"]) | (Method::Get, []) => {
            Resp::json(200, &serde_json::to_value(crate::info_of(st)).unwrap_or_default())
        }
        (Method::Get, ["state"]) => Resp::json(200, &st.dump()),
        (Method::Get, ["issued"]) => Resp::json(200, &json!(st.issued_secrets())),
        (Method::Get, ["issued", "tokens"]) => Resp::json(200, &json!(st.tokens.keys().collect::<Vec<_>>())),
        (Method::Get, ["requests"]) => Resp::json(200, &Value::Array(st.log.iter().cloned().collect())),
        (Method::Delete, ["requests"]) => {
            st.log.clear();
            Resp::empty(204)
        }
        (Method::Get, ["faults"]) => Resp::json(200, &json!(st.faults.rules)),
        (Method::Post, ["faults"]) => {
            let Some(body) = req.json() else { return bad("a JSON fault rule (or array of rules) is required") };
            let rules = match body {
                Value::Array(a) => a,
                other => vec![other],
            };
            let mut ids = Vec::new();
            for r in rules {
                match add_rule(st, r) {
                    Ok(id) => ids.push(id),
                    Err(e) => return bad(e),
                }
            }
            Resp::json(201, &json!({"ids": ids, "id": ids.first()}))
        }
        (Method::Delete, ["faults"]) => {
            st.faults.rules.clear();
            Resp::empty(204)
        }
        (Method::Delete, ["faults", id]) => match id.parse::<u64>() {
            Ok(id) if st.faults.remove(id) => Resp::empty(204),
            _ => Resp::json(404, &json!({"error": "no such fault rule"})),
        },
        (Method::Get, ["clock"]) => {
            let now = st.now();
            Resp::json(
                200,
                &json!({"now": crate::util::iso(now), "nowMs": now, "offsetSeconds": st.clock_offset_ms as f64 / 1000.0}),
            )
        }
        (Method::Post, ["clock", "advance"]) => {
            let secs = req
                .json()
                .and_then(|v| v.get("seconds").and_then(Value::as_f64))
                .or_else(|| req.query("seconds").and_then(|s| s.parse().ok()));
            match secs {
                Some(s) if s.is_finite() && s >= 0.0 => {
                    st.clock_offset_ms += crate::config::secs_to_ms(s);
                    st.tick();
                    let now = st.now();
                    Resp::json(
                        200,
                        &json!({"now": crate::util::iso(now), "nowMs": now, "offsetSeconds": st.clock_offset_ms as f64 / 1000.0}),
                    )
                }
                _ => bad("`seconds` (a non-negative number) is required"),
            }
        }
        (Method::Put, ["rate-limit"]) => match req.json() {
            None | Some(Value::Null) => {
                st.config.rate_limit = None;
                Resp::json(200, &json!({"rateLimit": null}))
            }
            Some(v) => match serde_json::from_value::<RateLimit>(v) {
                Ok(l) if l.requests > 0 && l.per_seconds > 0.0 => {
                    st.config.rate_limit = Some(l.clone());
                    Resp::json(200, &json!({"rateLimit": l}))
                }
                _ => bad("expected {\"requests\": N > 0, \"per_seconds\": S > 0} or null"),
            },
        },
        (Method::Post, ["tokens", "expire"]) => {
            let now = st.now();
            for t in st.tokens.values_mut() {
                t.expires_ms = now;
            }
            Resp::json(200, &json!({"expired": st.tokens.len()}))
        }
        (Method::Get, ["settings"]) => Resp::json(200, &settings(st)),
        (Method::Patch, ["settings"]) => {
            let Some(Value::Object(patch)) = req.json() else { return bad("a JSON object is required") };
            for (k, v) in patch {
                let r: Result<(), String> = match k.as_str() {
                    "token_lifetime_secs" => v
                        .as_u64()
                        .map(|n| st.config.token_lifetime_secs = n)
                        .ok_or_else(|| "token_lifetime_secs: integer".into()),
                    "sas_lifetime_secs" => v
                        .as_u64()
                        .map(|n| st.config.sas_lifetime_secs = n)
                        .ok_or_else(|| "sas_lifetime_secs: integer".into()),
                    "strict_audience" => v
                        .as_bool()
                        .map(|b| st.config.strict_audience = b)
                        .ok_or_else(|| "strict_audience: boolean".into()),
                    "durations" => {
                        let mut merged = serde_json::to_value(&st.config.durations).unwrap_or_default();
                        crate::util::merge(&mut merged, &v);
                        serde_json::from_value::<Durations>(merged)
                            .map(|d| {
                                st.durations = DurationsMs::from(&d);
                                st.config.durations = d;
                            })
                            .map_err(|e| format!("durations: {e}"))
                    }
                    "outcomes" => {
                        let mut merged = serde_json::to_value(&st.config.outcomes).unwrap_or_default();
                        crate::util::merge(&mut merged, &v);
                        serde_json::from_value::<Outcomes>(merged)
                            .map_err(|e| format!("outcomes: {e}"))
                            .and_then(|o| o.check().map(|_| st.config.outcomes = o))
                    }
                    "oidc" => {
                        let mut merged = serde_json::to_value(&st.config.oidc).unwrap_or_default();
                        crate::util::merge(&mut merged, &v);
                        serde_json::from_value(merged).map(|o| st.config.oidc = o).map_err(|e| format!("oidc: {e}"))
                    }
                    "federated_credentials" => serde_json::from_value(v.clone())
                        .map(|f| st.config.federated_credentials = f)
                        .map_err(|e| format!("federated_credentials: {e}")),
                    other => Err(format!("unknown setting `{other}`")),
                };
                if let Err(e) = r {
                    return bad(e);
                }
            }
            Resp::json(200, &settings(st))
        }
        _ => Resp::json(404, &json!({"error": "unknown admin endpoint", "see": "emulator/README.md"})),
    }
}

fn settings(st: &State) -> Value {
    json!({
        "token_lifetime_secs": st.config.token_lifetime_secs,
        "sas_lifetime_secs": st.config.sas_lifetime_secs,
        "strict_audience": st.config.strict_audience,
        "durations": st.config.durations,
        "outcomes": st.config.outcomes,
        "rate_limit": st.config.rate_limit,
        "oidc": {"lifetime_secs": st.config.oidc.lifetime_secs, "github_subject": st.config.oidc.github_subject,
                 "pipelines_subject": st.config.oidc.pipelines_subject},
        "federated_credentials": st.config.federated_credentials,
    })
}
