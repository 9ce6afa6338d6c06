//! `tests/vectors/connection/precedence.json` against the core: the typed `connection::resolve` and the
//! wire call `resolveConnection` answer every row as the table says.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::{json, Map, Value};
use storesubmit::connection::{self, ConfigText, Naming, Sources};
use storesubmit::project::CredentialNames;

fn rows() -> Vec<Value> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/connection/precedence.json");
    let doc: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    doc["rows"].as_array().unwrap().clone()
}

fn strings(v: &Value) -> BTreeMap<String, String> {
    v.as_object()
        .map(|m| m.iter().map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string())).collect())
        .unwrap_or_default()
}

fn config_text(row: &Value) -> Option<String> {
    row.get("configText")
        .and_then(Value::as_str)
        .map(str::to_string)
        .or_else(|| row.get("config").map(Value::to_string))
}

fn config_name(row: &Value) -> String {
    row.get("configName").and_then(Value::as_str).unwrap_or("config.json").to_string()
}

/// The row as the typed sources of `connection::resolve`.
fn sources(row: &Value) -> Sources {
    let explicit =
        strings(&row["explicit"]).into_iter().map(|(k, v)| (connection::setting_named(&k).unwrap().key, v)).collect();
    let credential_names = row.get("credentialNames").map(|n| {
        let n = strings(n);
        let d = CredentialNames::default();
        CredentialNames {
            tenant_id: n.get("tenantId").cloned().unwrap_or(d.tenant_id),
            client_id: n.get("clientId").cloned().unwrap_or(d.client_id),
            client_secret: n.get("clientSecret").cloned().unwrap_or(d.client_secret),
            seller_id: n.get("sellerId").cloned(),
            auth: n.get("auth").cloned(),
            service_connection_id: n.get("serviceConnectionId").cloned(),
            token_file: n.get("tokenFile").cloned(),
            token_command: n.get("tokenCommand").cloned(),
            certificate: n.get("certificate").cloned(),
            certificate_password: n.get("certificatePassword").cloned(),
        }
    });
    Sources {
        explicit,
        config: config_text(row).map(|text| ConfigText { text, name: config_name(row) }),
        credential_names,
        env: strings(&row["env"]),
        naming: Naming::Argument,
    }
}

/// The row as the wire call's arguments.
fn wire_args(row: &Value) -> Value {
    let mut a = Map::new();
    for k in ["explicit", "credentialNames", "env"] {
        if let Some(v) = row.get(k) {
            a.insert(k.into(), v.clone());
        }
    }
    if let Some(t) = config_text(row) {
        a.insert("configText".into(), json!(t));
        a.insert("configName".into(), json!(config_name(row)));
    }
    Value::Object(a)
}

fn no_secret(row: &Value, text: &str) {
    for s in row["secrets"].as_array().unwrap() {
        assert!(!text.contains(s.as_str().unwrap()), "{}: a secret in {text}", row["name"]);
    }
}

/// Checks an answer shaped as the wire call's (`values`, `sources`, `clientSecret`) against `expect`.
fn check_answer(row: &Value, got: &Value) {
    let name = &row["name"];
    for (key, exp) in row["expect"].as_object().unwrap() {
        let value = if key == "clientSecret" { &got["clientSecret"] } else { &got["values"][key] };
        assert_eq!(value, &exp["value"], "{name}: {key}");
        let source = &got["sources"][key];
        if exp["from"].is_null() {
            assert!(source.is_null(), "{name}: {key} has a source {source}");
            continue;
        }
        assert_eq!(source["from"], exp["from"], "{name}: {key}");
        if let Some(n) = exp.get("name") {
            assert_eq!(&source["name"], n, "{name}: {key}");
        }
    }
    let mut shown = got.clone();
    shown.as_object_mut().unwrap().remove("clientSecret");
    no_secret(row, &shown.to_string());
}

fn check_error(row: &Value, e: &storesubmit::Error) {
    let exp = &row["expect"];
    let name = &row["name"];
    assert_eq!(e.code(), exp["error"], "{name}: {e}");
    for m in exp["mentions"].as_array().unwrap() {
        assert!(e.message().contains(m.as_str().unwrap()), "{name}: {m} not in {e}");
    }
    for k in exp.get("missing").and_then(Value::as_array).into_iter().flatten() {
        assert!(e.message().contains(&format!("pass {}", k.as_str().unwrap())), "{name}: {k} not in {e}");
    }
    for a in exp.get("absent").and_then(Value::as_array).into_iter().flatten() {
        assert!(!e.message().contains(a.as_str().unwrap()), "{name}: {a} in {e}");
    }
    no_secret(row, e.message());
}

#[test]
fn the_core_resolves_every_row() {
    let rows = rows();
    assert!(rows.len() >= 20);
    for row in &rows {
        match connection::resolve(&sources(row)) {
            Ok(r) => {
                assert!(row["expect"].get("error").is_none(), "{}: resolved, expected an error", row["name"]);
                let mut answer = r.to_json();
                answer["clientSecret"] = json!(Some(r.client_secret.expose()).filter(|s| !s.is_empty()));
                check_answer(row, &answer);
                no_secret(row, &format!("{r:?}"));
                assert_eq!(r.credentials().tenant_id, r.tenant_id);
                // the credential the flow gets is of the method resolved, and holds no secret in its Debug
                let credential = r.credential().unwrap();
                no_secret(row, &format!("{credential:?}"));
                let method = match &credential {
                    storesubmit::flow::Credentials::ClientSecret(_) => "secret",
                    storesubmit::flow::Credentials::Source(s) => s.method().as_str(),
                    storesubmit::flow::Credentials::External => "external",
                };
                assert_eq!(method, r.auth.as_str(), "{}", row["name"]);
            }
            Err(e) => check_error(row, &e),
        }
    }
}

#[test]
fn the_wire_call_resolves_every_row() {
    for row in &rows() {
        match storesubmit::wire::call("resolveConnection", &wire_args(row)) {
            Ok(answer) => {
                assert!(row["expect"].get("error").is_none(), "{}: resolved, expected an error", row["name"]);
                check_answer(row, &answer);
            }
            Err(e) => check_error(row, &e),
        }
    }
}

#[test]
fn the_wire_call_names_malformed_arguments() {
    let call = |args: Value| storesubmit::wire::call("resolveConnection", &args).unwrap_err().message().to_string();
    assert!(call(json!({"explicit": {"tenantID": "t"}})).contains("resolveConnection/explicit/tenantID"));
    assert!(call(json!({"explicit": {"tenantId": ["t"]}}))
        .contains("resolveConnection/explicit/tenantId: must be a string"));
    assert!(call(json!({"env": []})).contains("resolveConnection/env: must be an object"));
    assert!(call(json!({"credentialNames": {"token": "X"}})).contains("resolveConnection/credentialNames/token"));
    assert!(call(json!({"naming": "cli"})).contains("flag, input, taskInput, argument"));
}

#[test]
fn each_host_names_its_own_flags_and_inputs() {
    let mut s = Sources { env: BTreeMap::from([("X".into(), "y".into())]), ..Sources::default() };
    for (naming, words) in [
        (Naming::Flag, ["pass --tenant-id", "the --config file"]),
        (Naming::Input, ["set the input tenant-id", "(input config)"]),
        (Naming::TaskInput, ["set the input tenantId", "(input config)"]),
        (Naming::Argument, ["pass tenantId", "the config file"]),
    ] {
        s.naming = naming;
        let e = connection::resolve(&s).unwrap_err();
        for w in words {
            assert!(e.message().contains(w), "{naming:?}: {w} not in {e}");
        }
    }
    s.naming = Naming::Flag;
    s.explicit = BTreeMap::from([("tenantId", "T".into()), ("clientId", "C".into()), ("clientSecret", "S3".into())]);
    s.config = Some(ConfigText { text: r#"{"tokenUrl": "http://127.0.0.1:9"}"#.into(), name: "emu.json".into() });
    let r = connection::resolve(&s).unwrap();
    assert_eq!(r.source("tenantId").unwrap().name, "--tenant-id");
    assert_eq!(r.source("tokenUrl").unwrap().name, "--config emu.json");
    let d = r.describe();
    assert!(d.starts_with("tenantId T from --tenant-id; clientId C from --client-id; clientSecret (hidden) from --client-secret; sellerId not set; devcenterUrl production default"), "{d}");
    assert!(d.contains("tokenUrl http://127.0.0.1:9 from --config emu.json"), "{d}");
    assert!(!d.contains("S3"), "{d}");
}
