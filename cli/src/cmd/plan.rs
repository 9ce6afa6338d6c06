//! Printing a plan (the core's read-only dry run, `storesubmit::flow::plan`): the requests a publish
//! would send, the ZIP it would upload and the fields and files it would change. Used by every
//! `--dry-run` that has connection settings.

use std::io::Write;
use std::path::Path;

use serde_json::{json, Value};
use storesubmit::flow::FlowConfig;
use storesubmit::package::PackagePlan;
use storesubmit::Result;

use super::client;
use super::publish::ByteCount;
use crate::output::{self, Mode};

/// Runs the core's plan of a workflow request (`submission` or `win32`; only reads are sent), with
/// progress under `what`, and returns the plan document.
///
/// # Errors
/// As [`storesubmit::flow::plan::plan`], and the error the real run would end with (a `conflict` for
/// `pending: fail` with a pending submission).
pub fn run(mode: Mode, cfg: FlowConfig, what: &str, request: &Value) -> Result<Value> {
    let (c, reporter) = client(mode, cfg.clone(), what)?;
    let flow = storesubmit::flow::plan::plan(cfg, request)?;
    let result = c.run(flow, None);
    reporter.finish();
    Ok(result?.document.unwrap_or(Value::Null))
}

/// The entries of the plan's ZIP upload (one the run writes), or `None` when it uploads no ZIP.
pub fn zip_entries(plan: &Value) -> Option<Vec<String>> {
    let requests = plan.get("requests")?.as_array()?;
    let upload = requests.iter().find(|r| r.get("zip").is_some() || r.get("archive").is_some())?;
    Some(
        upload
            .pointer("/zip/entries")
            .and_then(Value::as_array)
            .map(|e| e.iter().filter_map(Value::as_str).map(str::to_string).collect())
            .unwrap_or_default(),
    )
}

/// The ZIP of the plan's upload built from `files` as the real run builds it (a pending submission's
/// own `PendingUpload` files included): its entries and real size, for [`show`]. Without a files
/// folder the entries are listed with size 0.
///
/// # Errors
/// `missing_files` naming each file of the upload not under `files` (the real run would fail the same way).
pub fn zip_for(plan: &Value, files: Option<&Path>) -> Result<Option<(Vec<String>, u64)>> {
    let Some(names) = zip_entries(plan) else { return Ok(None) };
    let Some(dir) = files else { return Ok(Some((names, 0))) };
    let pack = PackagePlan::from_names(dir, names.iter().map(String::as_str))?;
    let size = pack.write_to(ByteCount(0), &mut |_, _| {})?.0;
    Ok(Some((pack.files.iter().map(|f| f.name.clone()).collect(), size)))
}

/// Longest value shown in a human change line (longer ones are cut, `--json` has them whole).
const VALUE_WIDTH: usize = 60;

/// Prints `plan` (the `document` of a plan outcome) for `what` (`app 9N…`): with `--json` one object
/// `{"dryRun": true, "valid": true, "plan", "zipEntries", "zipSize"}` on stdout; otherwise each request
/// (method and URL, how many fields a body changes, the ZIP's entries and size under its upload), the
/// changes (JSON pointer: old → new), the files added and removed, and "nothing was changed (N reads)".
/// `zip` is the ZIP the host built for the plan's upload (entries and its real size), when there is one.
pub fn show(mode: Mode, what: &str, plan: &Value, zip: Option<(&[String], u64)>) {
    let (entries, size) = zip.map_or((Vec::new(), 0), |(e, s)| (e.to_vec(), s));
    if mode.json {
        output::print_json(
            mode,
            &json!({"dryRun": true, "valid": true, "plan": plan, "zipEntries": entries, "zipSize": size}),
        );
        return;
    }
    let plan = storesubmit::secret::redact_json(plan);
    let list = |key: &str| plan.get(key).and_then(Value::as_array).cloned().unwrap_or_default();
    let (requests, changes, reads) = (list("requests"), list("changes"), list("reads"));
    let mut o = std::io::stdout().lock();
    let _ = writeln!(o, "{what}: dry run: {}", base_line(&plan));
    let _ = writeln!(o, "the publish would send {} request(s):", requests.len());
    for r in &requests {
        let method = r.get("method").and_then(Value::as_str).unwrap_or("?");
        let url = r.get("url").and_then(Value::as_str).unwrap_or("?");
        let op = r.get("operation").and_then(Value::as_str).unwrap_or("");
        let _ = writeln!(o, "  {method:<6} {url}  [{op}]");
        if let Some(body) = r.get("body") {
            let _ = writeln!(
                o,
                "         body: {} field(s); what changes is below (--json prints it whole)",
                leaf_count(body)
            );
        }
        if let Some(names) = r.pointer("/zip/entries").and_then(Value::as_array) {
            let shown: Vec<String> = match zip {
                Some((e, _)) => e.to_vec(),
                None => names.iter().filter_map(Value::as_str).map(str::to_string).collect(),
            };
            let size = zip.map(|(_, s)| format!(", {s} bytes")).unwrap_or_default();
            let _ = writeln!(o, "         ZIP of {} file(s){size}:", shown.len());
            for n in shown {
                let _ = writeln!(o, "           {n}");
            }
        }
        if let Some(file) = r.get("archive").and_then(Value::as_str) {
            let size = zip.map(|(e, s)| format!(" ({} entries, {s} bytes)", e.len())).unwrap_or_default();
            let _ = writeln!(o, "         the ZIP {file} as it is{size}");
        }
        if let Some(file) = r.get("file").and_then(Value::as_str) {
            let _ = writeln!(o, "         file {file}");
        }
    }
    if changes.is_empty() {
        let _ = writeln!(o, "no field changes");
    } else {
        let _ = writeln!(o, "changes ({}):", changes.len());
        for c in &changes {
            let path = c.get("path").and_then(Value::as_str).unwrap_or("");
            let line = match (c.get("from"), c.get("to")) {
                (None, Some(to)) => format!("+ {path}: {}", short(to)),
                (Some(from), None) => format!("- {path}: {}", short(from)),
                (Some(from), Some(to)) => format!("~ {path}: {} → {}", short(from), short(to)),
                (None, None) => format!("~ {path}"),
            };
            let _ = writeln!(o, "  {line}");
        }
    }
    for (key, label) in [("filesAdded", "files added"), ("filesRemoved", "files removed")] {
        let names: Vec<String> = list(key).iter().filter_map(Value::as_str).map(str::to_string).collect();
        if !names.is_empty() {
            let _ = writeln!(o, "{label}: {}", names.join(", "));
        }
    }
    let _ = writeln!(o, "nothing was changed ({} reads)", reads.len());
}

/// What the changes are computed from, in words.
fn base_line(plan: &Value) -> String {
    let id = plan.pointer("/base/submissionId").and_then(Value::as_str).unwrap_or("");
    match plan.pointer("/base/source").and_then(Value::as_str).unwrap_or("") {
        "pending" => format!("changes to the pending submission {id}"),
        "lastPublished" => {
            format!("a new submission, a copy of the last published submission {id} with the changes")
        }
        "draft" => "changes to the current draft".to_string(),
        _ => "a new submission (nothing published to copy)".to_string(),
    }
}

/// How many leaves a body has (every scalar, empty array and empty object).
fn leaf_count(v: &Value) -> usize {
    match v {
        Value::Object(m) if !m.is_empty() => m.values().map(leaf_count).sum(),
        Value::Array(a) if !a.is_empty() => a.iter().map(leaf_count).sum(),
        _ => 1,
    }
}

/// A value on one line, cut to [`VALUE_WIDTH`] characters.
fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() <= VALUE_WIDTH {
        return s;
    }
    let cut: String = s.chars().take(VALUE_WIDTH - 1).collect();
    format!("{cut}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_values_are_cut_and_bodies_counted_by_leaf() {
        assert_eq!(short(&json!("abc")), "\"abc\"");
        let long = short(&json!("x".repeat(200)));
        assert_eq!(long.chars().count(), VALUE_WIDTH);
        assert!(long.ends_with('…'));
        assert_eq!(leaf_count(&json!({"a": [1, 2, {}], "b": {"c": null}})), 4);
        assert_eq!(
            base_line(&json!({"base": {"source": "pending", "submissionId": "S1"}})),
            "changes to the pending submission S1"
        );
    }
}
