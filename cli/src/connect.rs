//! Turns the connection flags, `--config FILE`, a project's `[credentials]` and the process environment
//! into the core's [`FlowConfig`], by the core's one rule (`storesubmit::connection`, shared with the
//! GitHub Action, the Azure DevOps task and the bindings): flag > config file > the project's variable >
//! `STORESUBMIT_*` > production.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

use storesubmit::connection::{self, ConfigText, Naming, Resolved, Sources};
use storesubmit::flow::FlowConfig;
use storesubmit::policy::PollSchedule;
use storesubmit::project::CredentialNames;
use storesubmit::{Error, ErrorKind, Result};

use crate::args::{Connection, TokenVersionArg};

/// The process environment as the core reads it: a map (variables that are not Unicode are left out).
fn process_env() -> BTreeMap<String, String> {
    std::env::vars_os().filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?))).collect()
}

/// The config file's path: `--config`, else `STORESUBMIT_CONFIG`.
fn config_path(conn: &Connection, env: &BTreeMap<String, String>) -> Option<PathBuf> {
    let from_env = || env.get(connection::CONFIG_VARIABLE).filter(|v| !v.trim().is_empty()).map(PathBuf::from);
    conn.config.clone().or_else(from_env)
}

/// Every source of the connection, as the core takes them.
///
/// # Errors
/// `io` for an unreadable config file.
fn sources(conn: &Connection, names: Option<&CredentialNames>, env: BTreeMap<String, String>) -> Result<Sources> {
    let version = conn.token_version.map(|v| match v {
        TokenVersionArg::V1 => "v1".to_string(),
        TokenVersionArg::V2 => "v2".to_string(),
    });
    let flags = [
        ("tenantId", &conn.tenant_id),
        ("clientId", &conn.client_id),
        ("clientSecret", &conn.client_secret),
        ("sellerId", &conn.seller_id),
        ("devcenterUrl", &conn.devcenter_url),
        ("win32Url", &conn.win32_url),
        ("ingestionUrl", &conn.ingestion_url),
        ("tokenUrl", &conn.token_url),
        ("tokenVersion", &version),
        ("auth", &conn.auth),
        ("oidcRequestUrl", &conn.oidc_request_url),
        ("oidcRequestToken", &conn.oidc_request_token),
        ("serviceConnectionId", &conn.service_connection_id),
        ("tokenFile", &conn.token_file),
        ("tokenCommand", &conn.token_command),
        ("certificate", &conn.certificate),
        ("certificatePassword", &conn.certificate_password),
        ("managedIdentityUrl", &conn.managed_identity_url),
    ];
    let explicit = flags.into_iter().filter_map(|(k, v)| Some((k, v.clone()?))).collect();
    let config = match config_path(conn, &env) {
        Some(p) => Some(ConfigText {
            text: std::fs::read_to_string(&p)
                .map_err(|e| Error::new(ErrorKind::Io, format!("cannot read config file {}: {e}", p.display())))?,
            name: p.display().to_string(),
        }),
        None => None,
    };
    Ok(Sources { explicit, config, credential_names: names.cloned(), env, naming: Naming::Flag })
}

/// Resolves the connection from `conn`, the project's variable names and `env`.
///
/// # Errors
/// As [`connection::resolve`] (a missing credential is `invalid_argument` naming each way to give it);
/// `io` for an unreadable config file.
fn resolve(conn: &Connection, names: Option<&CredentialNames>, env: BTreeMap<String, String>) -> Result<Resolved> {
    connection::resolve(&sources(conn, names, env)?)
}

/// The flow settings of a resolved connection, with the run's own flags (`--timeout`, `--poll-interval`).
fn settings(conn: &Connection, r: &Resolved) -> Result<FlowConfig> {
    let mut cfg = FlowConfig::new(r.endpoints.clone(), r.credential()?);
    cfg.seller_id = r.seller_id.clone();
    cfg.token_version = r.token_version;
    if let Some(t) = conn.timeout {
        // Without --timeout the core's default deadline (set by FlowConfig::new) stays.
        cfg.deadline = t.0;
    }
    if let Some(p) = conn.poll_interval {
        cfg.poll = PollSchedule::fast(p.max(Duration::from_millis(10)));
    }
    Ok(cfg)
}

/// Builds the flow settings of a command, and remembers the connection for error messages (which
/// setting came from where: a failure to sign in or to connect shows it).
///
/// # Errors
/// `invalid_argument` naming each missing credential and every way to give it; `io` for an unreadable
/// config file; the config file's own mistakes.
pub fn flow_config(conn: &Connection) -> Result<FlowConfig> {
    config_for(conn, None)
}

/// As [`flow_config`], for a project publish: the variables the project file names (`[credentials]`)
/// come after the flags and the config file, before `STORESUBMIT_*`.
///
/// # Errors
/// As [`flow_config`]; a missing credential's message names the project's variable too.
pub fn project_flow_config(conn: &Connection, names: &CredentialNames) -> Result<FlowConfig> {
    config_for(conn, Some(names))
}

fn config_for(conn: &Connection, names: Option<&CredentialNames>) -> Result<FlowConfig> {
    let r = resolve(conn, names, process_env())?;
    crate::output::connection_used(r.to_json());
    settings(conn, &r)
}

/// Whether connection settings were given at all (a credential flag, `--config`, `STORESUBMIT_CONFIG` or
/// a credential's `STORESUBMIT_*` variable): then a dry run reads the live state and prints the plan;
/// otherwise it stays offline.
pub fn has_connection(conn: &Connection) -> bool {
    let env = process_env();
    let credentials = connection::SETTINGS.iter().filter(|s| s.required);
    let set = |name: &str| env.get(name).is_some_and(|v| !v.trim().is_empty());
    config_path(conn, &env).is_some()
        || conn.tenant_id.is_some()
        || conn.client_id.is_some()
        || conn.client_secret.is_some()
        || conn.auth.is_some()
        || set("STORESUBMIT_AUTH")
        || credentials.into_iter().any(|s| set(s.variable))
}

#[cfg(test)]
mod tests {
    use super::*;
    use storesubmit::api::auth::TokenVersion;

    fn conn() -> Connection {
        Connection::default()
    }

    fn env(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    /// `tests/vectors/connection/precedence.json`: the flow settings the CLI builds are the resolved
    /// values of each row (flags for `explicit`, a file for the config, the row's environment).
    #[test]
    fn the_flow_settings_are_the_resolved_values_of_every_vector_row() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/vectors/connection/precedence.json");
        let doc: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let dir = std::env::temp_dir().join(format!("storesubmit-cli-vectors-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let text = |v: &serde_json::Value| v.as_str().map(str::to_string);
        let mut checked = 0;
        for row in doc["rows"].as_array().unwrap() {
            let e = &row["explicit"];
            let text_of = |k: &str| text(&e[k]);
            let version = match e["tokenVersion"].as_str() {
                Some("v1") => Some(TokenVersionArg::V1),
                Some(_) => Some(TokenVersionArg::V2),
                None => None,
            };
            let mut c = Connection {
                tenant_id: text(&e["tenantId"]),
                client_id: text(&e["clientId"]),
                client_secret: text(&e["clientSecret"]),
                seller_id: text(&e["sellerId"]),
                devcenter_url: text(&e["devcenterUrl"]),
                win32_url: text(&e["win32Url"]),
                ingestion_url: text(&e["ingestionUrl"]),
                token_url: text(&e["tokenUrl"]),
                token_version: version,
                auth: text_of("auth"),
                ..conn()
            };
            if let Some(t) = row
                .get("configText")
                .and_then(|t| t.as_str().map(str::to_string))
                .or_else(|| row.get("config").map(|c| c.to_string()))
            {
                let p = dir.join(row.get("configName").and_then(|n| n.as_str()).unwrap_or("config.json"));
                std::fs::write(&p, t).unwrap();
                c.config = Some(p);
            }
            let names = row.get("credentialNames").map(|n| CredentialNames {
                tenant_id: n["tenantId"].as_str().unwrap_or("STORESUBMIT_TENANT_ID").into(),
                client_id: n["clientId"].as_str().unwrap_or("STORESUBMIT_CLIENT_ID").into(),
                client_secret: n["clientSecret"].as_str().unwrap_or("STORESUBMIT_CLIENT_SECRET").into(),
                seller_id: text(&n["sellerId"]),
                auth: text(&n["auth"]),
                service_connection_id: text(&n["serviceConnectionId"]),
                token_file: text(&n["tokenFile"]),
                token_command: text(&n["tokenCommand"]),
                certificate: text(&n["certificate"]),
                certificate_password: text(&n["certificatePassword"]),
            });
            let vars = row["env"]
                .as_object()
                .map(|m| m.iter().map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string())).collect())
                .unwrap_or_default();
            let Ok(r) = resolve(&c, names.as_ref(), vars) else {
                assert!(row["expect"].get("error").is_some(), "{}", row["name"]);
                continue;
            };
            let cfg = settings(&c, &r).unwrap();
            let x = &row["expect"];
            let Some(creds) = cfg.credentials.client_secret() else {
                assert_ne!(x["auth"]["value"], "secret", "{}", row["name"]);
                continue;
            };
            let is = |k: &str, got: &str| {
                if let Some(want) = x[k]["value"].as_str() {
                    assert_eq!(want, got, "{}: {k}", row["name"]);
                }
            };
            is("tenantId", &creds.tenant_id);
            is("clientId", &creds.client_id);
            is("clientSecret", creds.client_secret.expose());
            assert_eq!(x["sellerId"]["value"].as_str(), cfg.seller_id.as_deref(), "{}", row["name"]);
            is("devcenterUrl", &cfg.endpoints.devcenter);
            is("win32Url", &cfg.endpoints.win32);
            is("ingestionUrl", &cfg.endpoints.ingestion);
            is("tokenUrl", &cfg.endpoints.token);
            is("tokenVersion", if cfg.token_version == TokenVersion::V1 { "v1" } else { "v2" });
            checked += 1;
        }
        std::fs::remove_dir_all(&dir).ok();
        assert!(checked >= 15, "{checked}");
    }

    #[test]
    fn a_missing_credential_names_the_flag_the_config_key_and_the_variables() {
        let names = CredentialNames { client_secret: "PROJ_SECRET".into(), ..CredentialNames::default() };
        let mut c = conn();
        (c.tenant_id, c.client_id) = (Some("T".into()), Some("C".into()));
        let e = resolve(&c, Some(&names), env(&[("STORESUBMIT_CLIENT_ID", "x")])).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidArgument);
        for word in
            ["--client-secret", "`clientSecret` in the --config file", "PROJ_SECRET", "STORESUBMIT_CLIENT_SECRET"]
        {
            assert!(e.message().contains(word), "{word}: {e}");
        }
        c.config = Some(std::env::temp_dir().join("storesubmit-no-such-config.json"));
        assert_eq!(resolve(&c, None, env(&[])).unwrap_err().kind(), ErrorKind::Io);
    }

    #[test]
    fn storesubmit_config_names_the_config_file_when_no_flag_does() {
        let dir = std::env::temp_dir().join(format!("storesubmit-cli-conn-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("emu.json");
        std::fs::write(
            &file,
            r#"{"tenant_id":"T","client_id":"C","client_secret":"S","devcenter_url":"http://127.0.0.1:9/dc"}"#,
        )
        .unwrap();
        let vars = env(&[(connection::CONFIG_VARIABLE, file.to_str().unwrap())]);
        let r = resolve(&conn(), None, vars.clone()).unwrap();
        assert_eq!(r.endpoints.devcenter, "http://127.0.0.1:9/dc");
        assert_eq!(r.source("tenantId").unwrap().name, format!("--config {}", file.display()));
        let mut c = conn();
        c.config = Some(dir.join("missing.json"));
        assert_eq!(resolve(&c, None, vars).unwrap_err().kind(), ErrorKind::Io, "--config beats STORESUBMIT_CONFIG");
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn timeout_defaults_to_the_core_deadline_and_none_means_none() {
        let mut c = conn();
        (c.tenant_id, c.client_id, c.client_secret) = (Some("T".into()), Some("C".into()), Some("S".into()));
        let r = resolve(&c, None, env(&[])).unwrap();
        let default = settings(&c, &r).unwrap().deadline;
        assert_eq!(default, Some(storesubmit::data::limits::DEFAULT_WORKFLOW_DEADLINE));
        c.timeout = Some(crate::args::parse_timeout("none").unwrap());
        assert_eq!(settings(&c, &r).unwrap().deadline, None);
        c.timeout = Some(crate::args::parse_timeout("90s").unwrap());
        assert_eq!(settings(&c, &r).unwrap().deadline, Some(Duration::from_secs(90)));
        assert!(crate::args::parse_timeout("forever").is_err());
    }
}
