//! The publishing commands: `app|addon|flight publish`, `win32 publish`, `ingestion publish`, `resume`,
//! `app|addon|flight wait`.
//! Each resolves its inputs, runs one core workflow through the blocking client and prints the outcome;
//! `--dry-run` validates and packages without changing anything: with connection settings it also runs
//! the core's plan (only reads are sent) and prints the requests the publish would send.

use std::path::Path;

use serde_json::{json, Value};
use storesubmit::flow::devcenter::{SubmissionOptions, Target};
use storesubmit::flow::ingestion::IngestionSpec;
use storesubmit::flow::preflight::Check;
use storesubmit::flow::win32::Win32Spec;
use storesubmit::flow::{Outcome, ResumeToken, StopAfter, SubmissionSpec};
use storesubmit::package::PackagePlan;
use storesubmit::spec::{OldPackages, PendingPolicy};
use storesubmit::{Error, ErrorKind, Result};

use super::{client, read_json, stop_after};
use crate::args::{Connection, PendingArg, PublishArgs, ResumeArgs, WaitArg, WaitArgs};
use crate::connect::flow_config;
use crate::output::{self, Mode, Reporter};

pub(crate) fn label(target: &Target) -> String {
    match target {
        Target::App { app_id } => format!("app {app_id}"),
        Target::Addon { addon_id } => format!("add-on {addon_id}"),
        Target::Flight { app_id, flight_id } => format!("flight {app_id}/{flight_id}"),
    }
}

fn write_token(mode: Mode, token: &ResumeToken, path: &Path) -> Result<()> {
    std::fs::write(path, token.to_json())
        .map_err(|e| Error::new(ErrorKind::Io, format!("cannot write the resume token to {}: {e}", path.display())))?;
    output::note(mode, &format!("resume token written to {}", path.display()));
    Ok(())
}

pub(crate) fn save_resume(mode: Mode, out: &Outcome, path: Option<&Path>) -> Result<()> {
    match (&out.resume_token, path) {
        (Some(token), Some(path)) => write_token(mode, token, path),
        _ => Ok(()),
    }
}

/// The workflow's result; when it failed after the changes reached the service, the resume token is
/// written to `--save-resume` (or shown) so the same submission can be finished with `storesubmit resume`.
pub(crate) fn finish(mode: Mode, reporter: &Reporter, result: Result<Outcome>, save: Option<&Path>) -> Result<Outcome> {
    reporter.finish();
    if result.is_err() {
        if let Some(token) = reporter.resumable() {
            match save {
                Some(path) => write_token(mode, &token, path)?,
                None => output::note(
                    mode,
                    &format!("continue this submission with: storesubmit resume '{}'", token.to_json()),
                ),
            }
        }
    }
    result
}

/// Runs a publish `request` under its journal (`storesubmit::journal`): the same command run again after
/// a kill at any moment continues the same submission. The journal is the request's entry in the default
/// journal folder, written before the first request and at each new resume token (which also goes to the
/// `--save-resume` file, when given, at once), and removed when the run ends with nothing to continue.
pub(crate) fn run_journaled(
    mode: Mode,
    c: &storesubmit::client::blocking::Client,
    cfg: storesubmit::flow::FlowConfig,
    request: Value,
    files: Option<&Path>,
    save: Option<&Path>,
) -> Result<Outcome> {
    use storesubmit::journal::{Journal, Recovered};
    let journal = Journal::for_run(&Journal::default_dir(), &request, &cfg.endpoints, cfg.seller_id.as_deref(), files);
    let (request, found) = journal.prepare(request)?;
    let at = journal.path().display().to_string();
    match found {
        Recovered::Nothing => journal.started()?,
        Recovered::Started => output::note(
            mode,
            &format!("an earlier run of this command stopped before its changes were in ({at}): adopting its draft"),
        ),
        Recovered::Resumable(_) => output::note(
            mode,
            &format!("an earlier run of this command was interrupted ({at}): continuing its submission"),
        ),
        Recovered::Done(outcome) => {
            output::note(
                mode,
                &format!("this command already ran to its end with these files ({at}): nothing sent; its outcome:"),
            );
            return serde_json::from_value(outcome)
                .map_err(|e| Error::new(ErrorKind::Io, format!("the journal {at} holds no outcome: {e}")));
        }
    }
    crate::interrupt::journal(Some(journal.clone()));
    let result = storesubmit::wire::workflow_from_json(cfg, &request).and_then(|f| c.run(f, files));
    crate::interrupt::journal(None);
    match &result {
        Ok(out) => journal.done(&serde_json::to_value(out).unwrap_or(Value::Null))?,
        Err(e) => journal.finish(e.resume_token().map(ResumeToken::from_json).transpose()?.as_ref())?,
    }
    if let (Ok(out), Some(save)) = (&result, save) {
        if out.resume_token.is_none() {
            // the tokens this run wrote there are spent
            Journal::at(save).finish(None)?;
        }
    }
    result
}

/// `app|addon|flight publish`.
pub fn submission(mode: Mode, target: Target, args: &PublishArgs, conn: &Connection) -> Result<i32> {
    let changes = read_json(mode, &args.submission)?;
    let spec = SubmissionSpec {
        changes,
        old_packages: if args.keep_old_packages { OldPackages::Keep } else { OldPackages::Replace },
        rollout_percentage: args.rollout,
        mandatory_update: args.mandatory.then_some(true),
        mandatory_update_effective_date: args.mandatory_from.clone(),
    };
    let options = SubmissionOptions {
        stop_after: stop_after(args.wait, args.draft_only),
        pending: match args.pending {
            PendingArg::Fail => PendingPolicy::Fail,
            PendingArg::Reuse => PendingPolicy::Reuse,
            PendingArg::Recreate => PendingPolicy::Recreate,
        },
        archive: None,
    };
    // `--files` names the folder of the submission's files, or a ZIP (from `pack`) uploaded as is
    let (files, options) = match args.files.as_deref() {
        Some(zip) if zip.is_file() => {
            let name = zip.file_name().map(|n| n.to_string_lossy().into_owned());
            let dir = zip.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
            (Some(dir), SubmissionOptions { archive: name, ..options })
        }
        other => (other, options),
    };
    let what = label(&target);
    warn_unknown_fields(mode, target.kind(), &spec);
    if args.dry_run {
        let doc = spec.standalone_document(target.kind());
        let (entries, size) = match (files, &options.archive) {
            (Some(dir), Some(zip)) => {
                let path = dir.join(zip);
                Check::Submission { kind: target.kind(), spec: Box::new(spec.clone()), archive: Some(zip.clone()) }
                    .check_local(Some(dir))?;
                let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
                let file = std::fs::File::open(&path)
                    .map_err(|e| Error::new(ErrorKind::Io, format!("cannot open {}: {e}", path.display())))?;
                (storesubmit::package::entry_names(std::io::BufReader::new(file))?, size)
            }
            (Some(dir), None) => {
                Check::Submission { kind: target.kind(), spec: Box::new(spec.clone()), archive: None }
                    .check_local(files)?;
                let plan = PackagePlan::from_submission(target.kind(), &doc, dir)?;
                let size = plan.write_to(ByteCount(0), &mut |_, _| {})?.0;
                (plan.files.iter().map(|f| f.name.clone()).collect::<Vec<_>>(), size)
            }
            (None, _) => {
                Check::Submission { kind: target.kind(), spec: Box::new(spec.clone()), archive: None }
                    .check_local(files)?;
                (Vec::new(), 0)
            }
        };
        if crate::connect::has_connection(conn) {
            let request = json!({
                "workflow": "submission",
                "target": target,
                "spec": spec,
                "stopAfter": options.stop_after,
                "pending": options.pending,
                "archive": options.archive,
            });
            let plan = super::plan::run(mode, flow_config(conn)?, &what, &request, files)?;
            let zip = match &options.archive {
                // The ZIP given is uploaded as is: its entries and size, as checked above.
                Some(_) => super::plan::zip_entries(&plan).map(|_| (entries, size)),
                None => super::plan::zip_for(&plan, files)?,
            };
            super::plan::show(mode, &what, &plan, zip.as_ref().map(|(e, s)| (e.as_slice(), *s)));
            return Ok(0);
        }
        if mode.json {
            output::print_json(mode, &json!({"dryRun": true, "valid": true, "zipEntries": entries, "zipSize": size}));
        } else {
            println!(
                "{what}: dry run passed: valid, {} file(s) to upload in a {size}-byte ZIP; nothing was sent",
                entries.len()
            );
        }
        output::note(mode, OFFLINE_HINT);
        return Ok(0);
    }
    let cfg = flow_config(conn)?;
    let (c, reporter) = client(mode, cfg.clone(), &what)?;
    crate::interrupt::save_to(args.save_resume.clone());
    let request = json!({
        "workflow": "submission",
        "target": target,
        "spec": spec,
        "stopAfter": options.stop_after,
        "pending": options.pending,
        "archive": options.archive,
    });
    let result = run_journaled(mode, &c, cfg, request, files, args.save_resume.as_deref());
    let out = finish(mode, &reporter, result, args.save_resume.as_deref())?;
    save_resume(mode, &out, args.save_resume.as_deref())?;
    output::print_outcome(mode, &what, &out);
    Ok(0)
}

/// The line an offline dry run adds: how to see the requests.
const OFFLINE_HINT: &str = "to see the requests the publish would send (read-only: nothing is changed), pass --config \
                            FILE or set STORESUBMIT_TENANT_ID, STORESUBMIT_CLIENT_ID and STORESUBMIT_CLIENT_SECRET";

/// `app|addon|flight wait`: follows a committed submission to `--wait` without changing it.
pub fn wait(mode: Mode, target: Target, args: &WaitArgs, conn: &Connection) -> Result<i32> {
    let cfg = flow_config(conn)?;
    let what = format!("{} submission {}", label(&target), args.submission_id);
    let (c, reporter) = client(mode, cfg.clone(), &what)?;
    let flow = storesubmit::flow::devcenter::wait_for(cfg, target, &args.submission_id, stop_after(args.wait, false));
    let result = c.run(flow, None);
    reporter.finish();
    output::print_outcome(mode, &what, &result?);
    Ok(0)
}

/// Shows the spec's `field.unknown` warnings (a typo, a field of another kind): sent as written, so the
/// run goes on, but a user sees them in dry-run and publish as in `validate`.
fn warn_unknown_fields(mode: Mode, kind: storesubmit::model::DocumentKind, spec: &SubmissionSpec) {
    let doc = spec.standalone_document(kind);
    for i in storesubmit::validate::validate(kind, &doc).issues.iter().filter(|i| i.code == "field.unknown") {
        output::note(mode, &format!("warning {} at {}: {}", i.code, i.path, i.message));
    }
}

/// A writer that only counts: a dry run builds the whole ZIP (reading every file once) without storing it.
pub(crate) struct ByteCount(pub(crate) u64);

impl std::io::Write for ByteCount {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len() as u64;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn read_opt(mode: Mode, p: &Option<std::path::PathBuf>) -> Result<Option<Value>> {
    p.as_deref().map(|p| read_json(mode, p)).transpose()
}

/// `win32 publish`.
#[allow(clippy::too_many_arguments)]
pub fn win32(
    mode: Mode,
    product_id: &str,
    spec_file: &Option<std::path::PathBuf>,
    packages: &Option<std::path::PathBuf>,
    metadata: &Option<std::path::PathBuf>,
    patch: bool,
    files: Option<&Path>,
    stop: StopAfter,
    dry_run: bool,
    save: Option<&Path>,
    conn: &Connection,
) -> Result<i32> {
    let mut spec: Win32Spec = match read_opt(mode, spec_file)? {
        Some(v) => serde_json::from_value(v).map_err(|e| {
            Error::invalid_argument(format!("--spec: not a win32 spec ({e}); see `storesubmit win32 publish --help`"))
        })?,
        None => Win32Spec::default(),
    };
    if let Some(p) = read_opt(mode, packages)? {
        spec.packages = Some(p);
    }
    if let Some(m) = read_opt(mode, metadata)? {
        spec.metadata = Some(m);
    }
    spec.metadata_patch |= patch;
    if spec.packages.is_none() && spec.package_patches.is_empty() && spec.metadata.is_none() && spec.assets.is_empty() {
        output::note(mode, "nothing to change: the current draft is submitted as it is");
    }
    let what = format!("win32 {product_id}");
    if dry_run {
        Check::Win32(Box::new(spec.clone())).check_local(files)?;
        if crate::connect::has_connection(conn) {
            let request = json!({"workflow": "win32", "productId": product_id, "spec": spec, "stopAfter": stop});
            let plan = super::plan::run(mode, flow_config(conn)?, &what, &request, files)?;
            super::plan::show(mode, &what, &plan, None);
            return Ok(0);
        }
        output::note(mode, OFFLINE_HINT);
        if mode.json {
            output::print_json(mode, &json!({"dryRun": true, "valid": true}));
        } else {
            println!("{what}: dry run passed: valid; nothing was sent");
        }
        return Ok(0);
    }
    let cfg = flow_config(conn)?;
    let (c, reporter) = client(mode, cfg, &what)?;
    crate::interrupt::save_to(save.map(Path::to_path_buf));
    let result = c.publish_win32(product_id, spec, stop, files);
    let out = finish(mode, &reporter, result, save)?;
    save_resume(mode, &out, save)?;
    output::print_outcome(mode, &what, &out);
    Ok(0)
}

/// `ingestion publish`: the drafts changed (images and videos uploaded from `files`), submitted, polled.
pub fn ingestion(
    mode: Mode,
    product_id: &str,
    spec: IngestionSpec,
    wait: WaitArg,
    files: Option<&Path>,
    conn: &Connection,
) -> Result<i32> {
    let cfg = flow_config(conn)?;
    let what = format!("ingestion {product_id}");
    let (c, reporter) = client(mode, cfg.clone(), &what)?;
    let flow = storesubmit::flow::ingestion::publish(cfg, product_id, spec, stop_after(wait, false));
    let result = c.run(flow, files);
    reporter.finish();
    output::print_outcome(mode, &what, &result?);
    Ok(0)
}

/// The resume token in `arg`: a file holding it, or the token itself. A missing or garbled file is
/// named in the error (not a JSON parser's "expected ident").
fn read_token(arg: &str) -> Result<ResumeToken> {
    let path = Path::new(arg);
    let looks_like_json = arg.trim_start().starts_with('{');
    if !looks_like_json && !path.is_file() {
        return Err(Error::invalid_argument(format!(
            "resume token file {arg} not found (pass the file written by --save-resume, or the token's JSON)"
        )));
    }
    let (text, from) = if looks_like_json {
        (arg.to_string(), "the token given".to_string())
    } else {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Error::new(ErrorKind::Io, format!("cannot read the resume token file {arg}: {e}")))?;
        (text, format!("the resume token file {arg}"))
    };
    ResumeToken::from_json(text.trim()).map_err(|e| {
        if e.message().contains("journal entry") {
            return Error::invalid_argument(format!("{from}: {}", e.message()));
        }
        Error::invalid_argument(format!(
            "{from} is not a resume token ({}); write it again with --save-resume",
            e.message()
        ))
    })
}

/// `resume TOKEN`.
pub fn resume(mode: Mode, args: &ResumeArgs) -> Result<i32> {
    let token = read_token(&args.token)?;
    let cfg = flow_config(&args.conn)?;
    let what = token.0.get("flow").and_then(Value::as_str).unwrap_or("workflow").to_string();
    let (c, reporter) = client(mode, cfg, &what)?;
    let result = c.resume(&token, stop_after(args.wait, false), args.files.as_deref());
    output::print_outcome(mode, &what, &finish(mode, &reporter, result, None)?);
    Ok(0)
}
