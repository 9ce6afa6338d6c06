//! Release as code: `storesubmit publish [--project FILE] [--environment NAME] [--dry-run]` and
//! `storesubmit validate storesubmit.toml`. The core resolves the project file (`storesubmit::project`)
//! into a workflow request; a publish plans it first (the core's read-only `plan` workflow: the requests,
//! the fields changed and the files added or removed against the live submission), shows that diff, and
//! then — unless `--dry-run` — runs the request's workflow as `app publish` does.

use std::path::{Path, PathBuf};

use serde_json::{json, Value};
use storesubmit::flow::devcenter::Target;
use storesubmit::project::Resolved;
use storesubmit::{Error, ErrorKind, Result};

use super::client;
use super::publish::{finish, label, save_resume};
use crate::args::ProjectPublishArgs;
use crate::connect::project_flow_config;
use crate::output::{self, Mode};

/// The file names `publish` looks for when `--project` is not given, in order.
pub const DEFAULT_FILES: &[&str] = &["storesubmit.toml", "storesubmit.json"];

/// Whether `validate FILE` should read `FILE` as a project file: a `.toml` file, or one named
/// `storesubmit.json`.
pub fn is_project_file(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("").to_ascii_lowercase();
    name.ends_with(".toml") || name == "storesubmit.json"
}

/// The project file: `--project`, else the first of [`DEFAULT_FILES`] in the current folder.
fn project_path(arg: Option<&Path>) -> Result<PathBuf> {
    if let Some(p) = arg {
        return Ok(p.to_path_buf());
    }
    DEFAULT_FILES.iter().map(PathBuf::from).find(|p| p.is_file()).ok_or_else(|| {
        Error::invalid_argument(
            "no project file: pass --project FILE, or run in a folder with storesubmit.toml or storesubmit.json \
             (`storesubmit init project DIR --app-id ID` writes one)",
        )
    })
}

/// `validate` of a project file: its issues and the resolved submission's, with the same codes as
/// every other validation. Exit 0 valid, 3 invalid.
pub fn validate(mode: Mode, path: &Path, environment: Option<&str>) -> Result<i32> {
    let r = storesubmit::project::load(path, environment)?;
    if mode.json {
        output::print_json(mode, &r.to_json());
    }
    super::validate::print_report(mode, &describe(path, &r), None, &r.issues, true);
    Ok(if r.valid() { crate::exit::OK } else { crate::exit::INVALID })
}

/// `storesubmit.toml (app 9N…, environment beta)`.
fn describe(path: &Path, r: &Resolved) -> String {
    let mut what = path.display().to_string();
    let mut parts = Vec::new();
    if let Some(k) = r.kind {
        parts.push(k.as_str().to_string());
    }
    if let Some(e) = &r.environment {
        parts.push(format!("environment {e}"));
    }
    if !parts.is_empty() {
        what.push_str(&format!(" [{}]", parts.join(", ")));
    }
    what
}

/// What the request publishes, as the other publish commands name it (`app 9N…`, `win32 9P…`).
fn what(request: &Value) -> String {
    match request.get("workflow").and_then(Value::as_str) {
        Some("win32") => format!("win32 {}", request["productId"].as_str().unwrap_or("")),
        _ => match serde_json::from_value::<Target>(request["target"].clone()) {
            Ok(t) => label(&t),
            Err(_) => "submission".into(),
        },
    }
}

/// `storesubmit publish`. `--summary` gets a Markdown summary whatever happens: the result, or the
/// failure — a missing or broken project file, its errors, a connection or plan that fails — with the
/// plan made before it.
pub fn publish(mode: Mode, args: &ProjectPublishArgs) -> Result<i32> {
    let mut plan = None;
    let result = publish_project(mode, args, &mut plan);
    if let Err(e) = &result {
        let markdown = storesubmit::report::failure_markdown(&storesubmit::wire::error_json(e), plan.as_ref());
        if let Err(not_written) = write_summary(args.summary.as_deref(), &markdown) {
            output::note(mode, &format!("warning: {}", not_written.message()));
        }
    }
    result
}

/// The publish itself; the plan, once made, is left in `plan` for the failure summary.
fn publish_project(mode: Mode, args: &ProjectPublishArgs, plan_made: &mut Option<Value>) -> Result<i32> {
    let path = project_path(args.project.as_deref())?;
    let r = storesubmit::project::load(&path, args.environment.as_deref())?;
    let described = describe(&path, &r);
    if !r.valid() {
        if mode.json {
            output::print_json(mode, &json!({"valid": false, "issues": r.issues}));
        }
        super::validate::print_report(mode, &described, None, &r.issues, true);
        let errors = r.issues.iter().filter(|i| i.is_error()).cloned().collect();
        let e = Error::validation(errors);
        write_summary(
            args.summary.as_deref(),
            &storesubmit::report::failure_markdown(&storesubmit::wire::error_json(&e), None),
        )?;
        return Ok(crate::exit::INVALID);
    }
    // warnings on stderr (with --json too: stdout holds the one result document)
    for i in &r.issues {
        output::note(mode, &format!("warning {} at {}: {}", i.code, i.path, i.message));
    }
    let cfg = project_flow_config(&args.conn, &r.credentials)?;
    let what = what(&r.request);
    // the diff against the live submission: the plan workflow sends only reads
    let plan = super::plan::run(mode, cfg.clone(), &what, &r.request, Some(&r.files))?;
    *plan_made = Some(plan.clone());
    let zip = super::plan::zip_for(&plan, Some(&r.files))?;
    let zip = zip.as_ref().map(|(e, s)| (e.as_slice(), *s));
    if args.dry_run {
        super::plan::show(mode, &what, &plan, zip);
        write_summary(args.summary.as_deref(), &storesubmit::report::summary_markdown(&Value::Null, Some(&plan)))?;
        return Ok(crate::exit::OK);
    }
    if !mode.json {
        super::plan::show(mode, &format!("{what} (before publishing)"), &plan, zip);
    }
    let (c, reporter) = client(mode, cfg.clone(), &what)?;
    crate::interrupt::save_to(args.save_resume.clone());
    let result = super::publish::run_journaled(
        mode,
        &c,
        cfg.clone(),
        r.request.clone(),
        Some(&r.files),
        args.save_resume.as_deref(),
    );
    if let Ok(out) = &result {
        let markdown =
            storesubmit::report::summary_markdown(&serde_json::to_value(out).unwrap_or(Value::Null), Some(&plan));
        write_summary(args.summary.as_deref(), &markdown)?;
    }
    let out = finish(mode, &reporter, result, args.save_resume.as_deref())?;
    save_resume(mode, &out, args.save_resume.as_deref())?;
    if mode.json {
        let outcome = output::camel_case_keys(serde_json::to_value(&out).unwrap_or(Value::Null));
        output::print_json(mode, &json!({"dryRun": false, "plan": plan, "outcome": outcome}));
    } else {
        output::print_outcome(mode, &what, &out);
    }
    Ok(crate::exit::OK)
}

/// Appends the Markdown summary to `path` (a job summary file collects every step's).
fn write_summary(path: Option<&Path>, markdown: &str) -> Result<()> {
    let Some(path) = path else { return Ok(()) };
    use std::io::Write;
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .and_then(|mut f| f.write_all(markdown.as_bytes()))
        .map_err(|e| Error::new(ErrorKind::Io, format!("cannot write the summary to {}: {e}", path.display())))
}

/// A file `init project` writes, refusing to overwrite one that exists unless `force`.
pub(crate) fn write_new(path: &Path, text: &str, force: bool) -> Result<()> {
    if path.exists() && !force {
        return Err(Error::invalid_argument(format!("{} exists; not overwritten (pass --force)", path.display())));
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| Error::new(ErrorKind::Io, format!("cannot create {}: {e}", dir.display())))?;
    }
    std::fs::write(path, text).map_err(|e| Error::new(ErrorKind::Io, format!("cannot write {}: {e}", path.display())))
}
