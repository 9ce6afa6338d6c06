//! Turns `--tenant-id …`/`STORESUBMIT_*`/`--config FILE` into the core's [`FlowConfig`]: flags and
//! environment variables (clap reads both) beat the config file, which beats the production defaults.

use std::path::Path;
use std::time::Duration;

use serde_json::Value;
use storesubmit::api::auth::{ClientCredentials, TokenVersion};
use storesubmit::api::Endpoints;
use storesubmit::flow::FlowConfig;
use storesubmit::policy::PollSchedule;
use storesubmit::project::CredentialNames;
use storesubmit::{Error, ErrorKind, Result};

use crate::args::{Connection, TokenVersionArg};

/// The config file, read by the core's rules (`storesubmit::connection`, shared with the GitHub Action
/// and the Azure DevOps task): every known key in camelCase, `null` when absent.
fn read_config(path: &Path) -> Result<Value> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Error::new(ErrorKind::Io, format!("cannot read config file {}: {e}", path.display())))?;
    storesubmit::connection::read_text(&text, &path.display().to_string())
}

fn from_file(file: &Value, camel: &str) -> Option<String> {
    file.get(camel).and_then(Value::as_str).map(str::to_string).filter(|s| !s.is_empty())
}

/// Builds the flow settings. `need_credentials` is false for commands that never call a service.
///
/// # Errors
/// `invalid_argument` naming the missing setting and the three ways to give it; `io` for an unreadable
/// config file.
pub fn flow_config(conn: &Connection) -> Result<FlowConfig> {
    let file = match &conn.config {
        Some(p) => read_config(p)?,
        None => Value::Object(Default::default()),
    };
    let pick =
        |flag: &Option<String>, camel: &str| flag.clone().filter(|s| !s.is_empty()).or_else(|| from_file(&file, camel));
    let need = |flag: &Option<String>, camel: &str, flag_name: &str, env: &str| {
        pick(flag, camel).ok_or_else(|| {
            Error::invalid_argument(format!(
                "no {camel}: pass --{flag_name}, set {env} or put `{camel}` in the --config file"
            ))
        })
    };
    let prod = Endpoints::production();
    let endpoints = Endpoints {
        devcenter: pick(&conn.devcenter_url, "devcenterUrl").unwrap_or(prod.devcenter),
        win32: pick(&conn.win32_url, "win32Url").unwrap_or(prod.win32),
        ingestion: pick(&conn.ingestion_url, "ingestionUrl").unwrap_or(prod.ingestion),
        token: pick(&conn.token_url, "tokenUrl").unwrap_or(prod.token),
    };
    let credentials = ClientCredentials::new(
        need(&conn.tenant_id, "tenantId", "tenant-id", "STORESUBMIT_TENANT_ID")?,
        need(&conn.client_id, "clientId", "client-id", "STORESUBMIT_CLIENT_ID")?,
        need(&conn.client_secret, "clientSecret", "client-secret", "STORESUBMIT_CLIENT_SECRET")?,
    );
    let mut cfg = FlowConfig::new(endpoints, credentials);
    cfg.seller_id = pick(&conn.seller_id, "sellerId");
    let file_version = file.get("tokenVersion").and_then(Value::as_str).map(str::to_ascii_lowercase);
    cfg.token_version = match (conn.token_version, file_version.as_deref()) {
        (TokenVersionArg::V1, _) | (TokenVersionArg::V2, Some("v1")) => TokenVersion::V1,
        _ => TokenVersion::V2,
    };
    if let Some(t) = conn.timeout {
        // Without --timeout the core's default deadline (set by FlowConfig::new) stays.
        cfg.deadline = t.0;
    }
    if let Some(p) = conn.poll_interval {
        cfg.poll = PollSchedule::fast(p.max(Duration::from_millis(10)));
    }
    Ok(cfg)
}

/// One credential: its field, config key, default variable, the project's variable, project file key.
type Slot<'a> = (&'a mut Option<String>, &'a str, &'a str, Option<&'a str>, &'a str);

/// The connection of a project publish: each credential not given by a flag (or its `STORESUBMIT_*`
/// variable) nor by the `--config` file is read from the environment variable the project file names
/// (`[credentials]`); a `STORESUBMIT_*` value gives way to the project's own variable when that is set.
///
/// # Errors
/// `io` for an unreadable config file; `invalid_argument` naming the project's variable when a credential
/// is found nowhere.
pub fn with_project_credentials(conn: &Connection, names: &CredentialNames) -> Result<Connection> {
    let file = match &conn.config {
        Some(p) => read_config(p)?,
        None => Value::Object(Default::default()),
    };
    let mut c = conn.clone();
    let slots: [Slot<'_>; 4] = [
        (&mut c.tenant_id, "tenantId", "STORESUBMIT_TENANT_ID", Some(names.tenant_id.as_str()), "tenant_id"),
        (&mut c.client_id, "clientId", "STORESUBMIT_CLIENT_ID", Some(names.client_id.as_str()), "client_id"),
        (
            &mut c.client_secret,
            "clientSecret",
            "STORESUBMIT_CLIENT_SECRET",
            Some(names.client_secret.as_str()),
            "client_secret",
        ),
        (&mut c.seller_id, "sellerId", "STORESUBMIT_SELLER_ID", names.seller_id.as_deref(), "seller_id"),
    ];
    for (slot, camel, default, var, key) in slots {
        let Some(var) = var else { continue };
        let given = slot.as_deref().filter(|s| !s.is_empty());
        let from_default_env = given.is_some() && std::env::var(default).ok().as_deref() == given;
        let project_value = std::env::var(var).ok().filter(|v| !v.is_empty());
        if (given.is_none() || (from_default_env && var != default)) && from_file(&file, camel).is_none() {
            if let Some(v) = project_value {
                *slot = Some(v);
            } else if given.is_none() && key != "seller_id" {
                return Err(Error::invalid_argument(format!(
                    "no {camel}: set {var} (the project file's credentials.{key}), pass --{} or put `{camel}` in \
                     the --config file",
                    key.replace('_', "-")
                )));
            }
        }
    }
    Ok(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conn() -> Connection {
        Connection::default()
    }

    #[test]
    fn flags_beat_the_file_and_missing_ones_are_named() {
        let dir = std::env::temp_dir().join(format!("storesubmit-cli-conn-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("emu.json");
        std::fs::write(&file, r#"{"devcenter_url":"http://127.0.0.1:9/dc","token_url":"http://127.0.0.1:9/t","tenant_id":"T","client_id":"C","client_secret":"S","seller_id":"42","app_id":"9N"}"#).unwrap();
        let mut c = conn();
        c.config = Some(file.clone());
        c.tenant_id = Some("FLAG".into());
        let cfg = flow_config(&c).unwrap();
        let creds = cfg.credentials.client_secret().unwrap();
        assert_eq!(creds.tenant_id, "FLAG");
        assert_eq!(creds.client_secret.expose(), "S");
        assert_eq!(cfg.endpoints.devcenter, "http://127.0.0.1:9/dc");
        assert_eq!(cfg.endpoints.win32, storesubmit::api::WIN32_ROOT);
        assert_eq!(cfg.seller_id.as_deref(), Some("42"));

        let e = flow_config(&conn()).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidArgument);
        assert!(e.message().contains("--tenant-id") && e.message().contains("STORESUBMIT_TENANT_ID"), "{e}");

        std::fs::write(&file, r#"{"tenantId":"T","typo":"x"}"#).unwrap();
        assert!(flow_config(&c).unwrap_err().message().contains("unknown key `typo`"));
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn project_variables_fill_in_and_flags_and_the_config_file_win() {
        // nextest runs each test in its own process: these variables are this test's
        std::env::set_var("PROJ_TEST_TENANT", "from-project");
        std::env::set_var("PROJ_TEST_CLIENT", "client-from-project");
        std::env::set_var("PROJ_TEST_SECRET", "secret-from-project");
        std::env::set_var("STORESUBMIT_CLIENT_SECRET", "secret-from-default");
        let names = CredentialNames {
            tenant_id: "PROJ_TEST_TENANT".into(),
            client_id: "PROJ_TEST_CLIENT".into(),
            client_secret: "PROJ_TEST_SECRET".into(),
            seller_id: None,
        };
        let mut c = conn();
        c.tenant_id = Some("from-flag".into());
        // clap filled client_secret from STORESUBMIT_CLIENT_SECRET: the project's own variable wins
        c.client_secret = Some("secret-from-default".into());
        let dir = std::env::temp_dir().join(format!("storesubmit-cli-proj-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("c.json");
        std::fs::write(&file, r#"{"clientId": "client-from-config"}"#).unwrap();
        c.config = Some(file);
        let out = with_project_credentials(&c, &names).unwrap();
        assert_eq!(out.tenant_id.as_deref(), Some("from-flag"), "a flag wins");
        assert_eq!(out.client_id, None, "the config file's value is left for flow_config");
        assert_eq!(flow_config(&out).unwrap().credentials.client_secret().unwrap().client_id, "client-from-config");
        assert_eq!(out.client_secret.as_deref(), Some("secret-from-project"));
        std::env::remove_var("PROJ_TEST_TENANT");
        let e = with_project_credentials(&Connection::default(), &names).unwrap_err();
        assert!(e.message().contains("PROJ_TEST_TENANT"), "{e}");
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn timeout_defaults_to_the_core_deadline_and_none_means_none() {
        let mut c = conn();
        (c.tenant_id, c.client_id, c.client_secret) = (Some("T".into()), Some("C".into()), Some("S".into()));
        let default = flow_config(&c).unwrap().deadline;
        assert_eq!(default, Some(storesubmit::data::limits::DEFAULT_WORKFLOW_DEADLINE));
        c.timeout = Some(crate::args::parse_timeout("none").unwrap());
        assert_eq!(flow_config(&c).unwrap().deadline, None);
        c.timeout = Some(crate::args::parse_timeout("90s").unwrap());
        assert_eq!(flow_config(&c).unwrap().deadline, Some(Duration::from_secs(90)));
        assert!(crate::args::parse_timeout("forever").is_err());
    }
}
