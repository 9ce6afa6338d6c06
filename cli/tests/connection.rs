//! `tests/vectors/connection/precedence.json` through the `storesubmit` binary: each row's explicit values
//! as flags, its config file as `--config`, its project's `[credentials]` as a project file
//! (`publish --project`; `app get` for rows without a project) and exactly its environment. `--timeout 0s`
//! stops the run before its first request; the `--json` error then carries the connection the command
//! resolved (`error.connection`: values but the secret, and where each came from), which must be the row's.
//! Also: `--help` names every variable the resolution reads.

mod common;

use std::io::{Read, Write};
use std::net::TcpListener;
use std::process::{Command, Stdio};

use common::{bin, dir};
use serde_json::Value;

fn rows() -> Vec<Value> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/vectors/connection/precedence.json");
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    doc["rows"].as_array().unwrap().clone()
}

/// The command of a row: its flags, its files written under `d`, only its environment.
fn command(row: &Value, d: &std::path::Path) -> Command {
    let mut c = bin();
    c.env_clear().env("PATH", std::env::var("PATH").unwrap_or_default());
    c.arg("--json");
    match row.get("credentialNames") {
        Some(names) => {
            let mut toml = "[product]\nkind = \"app\"\nid = \"9NBLGGH4R315\"\n\n[credentials]\n".to_string();
            for (key, var) in names.as_object().unwrap() {
                let snake = storesubmit::connection::setting_named(key).unwrap().snake;
                toml.push_str(&format!("{snake} = \"{}\"\n", var.as_str().unwrap()));
            }
            let project = d.join("storesubmit.toml");
            std::fs::write(&project, toml).unwrap();
            c.args(["publish", "--dry-run", "--project"]).arg(project);
        }
        None => {
            c.args(["app", "get", "--app-id", "9NBLGGH4R315"]);
        }
    }
    c.args(["--timeout", "0s"]);
    for (key, value) in row["explicit"].as_object().into_iter().flatten() {
        let flag = storesubmit::connection::setting_named(key).unwrap().flag;
        c.arg(format!("--{flag}={}", value.as_str().unwrap()));
    }
    let text = row.get("configText").and_then(|t| t.as_str().map(str::to_string));
    if let Some(text) = text.or_else(|| row.get("config").map(Value::to_string)) {
        let file = d.join(row.get("configName").and_then(Value::as_str).unwrap_or("config.json"));
        std::fs::write(&file, text).unwrap();
        c.arg("--config").arg(file);
    }
    for (k, v) in row["env"].as_object().into_iter().flatten() {
        c.env(k, v.as_str().unwrap());
    }
    c
}

#[test]
fn the_cli_resolves_every_row_of_the_precedence_table() {
    let rows = rows();
    let dirs: Vec<_> = (0..rows.len()).map(|i| dir("connection", &i.to_string())).collect();
    // every row's process at once: each stops before its first request
    let children: Vec<_> = rows
        .iter()
        .zip(&dirs)
        .map(|(row, d)| command(row, &d.0).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap())
        .collect();
    for (row, child) in rows.iter().zip(children) {
        let name = &row["name"];
        let out = child.wait_with_output().unwrap();
        let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        for s in row["secrets"].as_array().unwrap() {
            let s = s.as_str().unwrap();
            assert!(!stdout.contains(s) && !stderr.contains(s), "{name}: a secret in the output:\n{stdout}{stderr}");
        }
        let doc: Value = serde_json::from_str(stdout.trim())
            .unwrap_or_else(|e| panic!("{name}: not one JSON document ({e}):\n{stdout}\n{stderr}"));
        let error = &doc["error"];
        let expect = &row["expect"];
        if let Some(code) = expect.get("error") {
            assert_eq!(&error["code"], code, "{name}: {error}");
            let message = error["message"].as_str().unwrap();
            for m in expect["mentions"].as_array().unwrap() {
                assert!(message.contains(m.as_str().unwrap()), "{name}: {m} not in {message}");
            }
            for k in expect.get("missing").and_then(Value::as_array).into_iter().flatten() {
                let flag = storesubmit::connection::setting_named(k.as_str().unwrap()).unwrap().flag;
                assert!(message.contains(&format!("--{flag}")), "{name}: --{flag} not in {message}");
            }
            for a in expect.get("absent").and_then(Value::as_array).into_iter().flatten() {
                assert!(!message.contains(a.as_str().unwrap()), "{name}: {a} in {message}");
            }
            continue;
        }
        // the run stops at once: at its deadline, or (a token file that is not there) at its first task
        let stopped = error["code"] == "deadline_exceeded"
            || (error["code"] == "io"
                && ["token-file", "certificate"].map(Value::from).contains(&expect["auth"]["value"]));
        assert!(stopped, "{name}: the run stops at once: {doc}\n{stderr}");
        let connection = &error["connection"];
        for (key, exp) in expect.as_object().unwrap() {
            let source = &connection["sources"][key];
            if exp["from"].is_null() {
                assert!(source.is_null() && connection["values"][key].is_null(), "{name}: {key}: {connection}");
                continue;
            }
            assert_eq!(source["from"], exp["from"], "{name}: {key}: {connection}");
            if let Some(n) = exp.get("name") {
                assert_eq!(&source["name"], n, "{name}: {key}");
            }
            if key == "clientSecret" {
                assert!(connection["values"].get(key).is_none(), "{name}: the secret is no value shown");
            } else {
                assert_eq!(connection["values"][key], exp["value"], "{name}: {key}");
            }
        }
        if let Some(flag_source) = connection["sources"]["tenantId"].as_object() {
            if flag_source["from"] == "explicit" {
                assert_eq!(flag_source["name"], "--tenant-id", "{name}: a flag is named as the user typed it");
            }
        }
    }
}

#[test]
fn help_names_every_variable_the_connection_reads() {
    let out = bin().args(["app", "get", "--help"]).output().unwrap();
    let help = String::from_utf8_lossy(&out.stdout);
    for s in storesubmit::connection::SETTINGS {
        assert!(help.contains(s.variable), "--help does not name {}:\n{help}", s.variable);
        assert!(help.contains(&format!("--{}", s.flag)), "--help has no --{}", s.flag);
    }
    assert!(help.contains(storesubmit::connection::CONFIG_VARIABLE), "{help}");
}

/// A token service that refuses every sign-in (401) and hands back the first request it read.
fn refusing_token_service() -> (String, std::thread::JoinHandle<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let server = std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        let mut request = Vec::new();
        let mut buf = [0u8; 4096];
        // the request line, headers and the short form body
        while !String::from_utf8_lossy(&request).contains("client_id=") {
            let n = stream.read(&mut buf).unwrap();
            if n == 0 {
                break;
            }
            request.extend_from_slice(&buf[..n]);
        }
        let body = r#"{"error":"invalid_client","error_description":"bad secret"}"#;
        let head = format!("HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len());
        stream.write_all(head.as_bytes()).unwrap();
        stream.write_all(body.as_bytes()).unwrap();
        String::from_utf8_lossy(&request).into_owned()
    });
    (url, server)
}

#[test]
fn a_refused_sign_in_shows_where_each_setting_came_from_and_used_those_values() {
    let (url, server) = refusing_token_service();
    let d = dir("connection", "text");
    std::fs::write(d.0.join("c.json"), format!(r#"{{"tokenUrl": "{url}", "tenantId": "tenant-config"}}"#)).unwrap();
    let out = bin()
        .env("STORESUBMIT_TENANT_ID", "tenant-env")
        .env("STORESUBMIT_CLIENT_SECRET", "s3cret-env-value")
        .env("STORESUBMIT_CONFIG", d.0.join("c.json"))
        .args(["app", "get", "--app-id", "9NBLGGH4R315", "--client-id", "client-flag"])
        .output()
        .unwrap();
    let request = server.join().unwrap();
    assert!(request.starts_with("POST /tenant-config/oauth2/v2.0/token "), "{request}");
    assert!(
        request.contains("client_id=client-flag") && request.contains("client_secret=s3cret-env-value"),
        "{request}"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(4), "{stderr}");
    let line = stderr.lines().find(|l| l.starts_with("  connection: ")).unwrap_or_else(|| panic!("{stderr}"));
    assert!(line.contains("tenantId tenant-config from --config "), "{line}");
    assert!(line.contains("clientId client-flag from --client-id"), "{line}");
    assert!(line.contains("clientSecret (hidden) from STORESUBMIT_CLIENT_SECRET"), "{line}");
    assert!(!stderr.contains("s3cret-env-value"), "{stderr}");
}
