//! Printing a plan (the core's `plan` workflow document): the requests a publish would send, the fields
//! it changes (`from` → `to`) and the files it adds and removes; with `--json` one
//! `{"dryRun": true, "plan", "zipEntries", "zipSize"}` document.

use std::io::Write;

use serde_json::{json, Value};

use crate::output::{self, Mode};

fn short(v: &Value) -> String {
    let s = match v {
        Value::String(s) => format!("{s:?}"),
        other => other.to_string(),
    };
    let s = storesubmit::secret::redact_text(&s);
    if s.chars().count() > 120 {
        format!("{}…", s.chars().take(119).collect::<String>())
    } else {
        s
    }
}

/// Prints `plan` for `what` (`app 9N…`); `zip` is the ZIP's entries and size when the caller built it.
pub fn show(mode: Mode, what: &str, plan: &Value, zip: Option<(&[String], u64)>) {
    let entries: Vec<String> = zip.map(|(e, _)| e.to_vec()).unwrap_or_else(|| {
        plan["requests"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|r| r["zip"]["entries"].as_array())
            .flatten()
            .filter_map(|e| e.as_str().map(String::from))
            .collect()
    });
    if mode.json {
        let size = zip.map(|(_, s)| json!(s)).unwrap_or(Value::Null);
        output::print_json(mode, &json!({"dryRun": true, "plan": plan, "zipEntries": entries, "zipSize": size}));
        return;
    }
    let mut out = std::io::stdout().lock();
    let base = &plan["base"];
    let against = match (base["source"].as_str(), base["submissionId"].as_str()) {
        (Some("none") | None, _) => "no live submission".to_string(),
        (Some(src), Some(id)) => format!("the {src} submission {id}"),
        (Some(src), None) => format!("the {src} submission"),
    };
    let _ = writeln!(out, "{what}: plan against {against}");
    let requests = plan["requests"].as_array().cloned().unwrap_or_default();
    let _ = writeln!(out, "  requests ({}):", requests.len());
    for r in &requests {
        let method = r["method"].as_str().unwrap_or("");
        let url = storesubmit::secret::redact_url(r["url"].as_str().unwrap_or(""));
        let op = r["operation"].as_str().unwrap_or("");
        let _ = writeln!(out, "    {method:<6} {url}  [{op}]");
    }
    let changes = plan["changes"].as_array().cloned().unwrap_or_default();
    let _ = writeln!(out, "  changes ({}):", changes.len());
    for c in &changes {
        let path = c["path"].as_str().unwrap_or("");
        let line = match (c.get("from"), c.get("to")) {
            (Some(f), Some(t)) => format!("{path}: {} → {}", short(f), short(t)),
            (None, Some(t)) => format!("{path}: added {}", short(t)),
            (Some(f), None) => format!("{path}: removed (was {})", short(f)),
            (None, None) => path.to_string(),
        };
        let _ = writeln!(out, "    {line}");
    }
    for (key, label) in [("filesAdded", "files added"), ("filesRemoved", "files removed")] {
        let names: Vec<&str> = plan[key].as_array().into_iter().flatten().filter_map(Value::as_str).collect();
        let list = if names.is_empty() { "none".to_string() } else { names.join(", ") };
        let _ = writeln!(out, "  {label}: {list}");
    }
    if !entries.is_empty() {
        let _ = writeln!(out, "  ZIP entries: {}", entries.join(", "));
    }
}
