//! `storesubmit validate FILE [--kind KIND] [--files DIR|ZIP] [--change] [--json]`; a project file
//! (`storesubmit.toml`, `storesubmit.json`, or `--project FILE`) is validated with the submission it
//! resolves to.

use std::io::Write;

use serde_json::json;
use storesubmit::model::DocumentKind;
use storesubmit::validate::{check, check_change, FileSet, Input};
use storesubmit::{Error, ErrorKind, Issue, Result};

use crate::args::ValidateArgs;
use crate::output::Mode;

/// Exit status: 0 valid, 3 invalid; errors (usage, I/O) are returned and exit with 2.
pub fn run(mode: Mode, args: &ValidateArgs) -> Result<i32> {
    let project = match (&args.project, &args.file) {
        (Some(p), _) => Some(p),
        (None, Some(f)) if super::project::is_project_file(f) => Some(f),
        _ => None,
    };
    if let Some(p) = project {
        if args.kind.is_some() || args.files.is_some() || args.change {
            return Err(Error::invalid_argument(
                "--kind, --files and --change apply to a submission document; a project file names its own kind and files",
            ));
        }
        return super::project::validate(mode, p, args.environment.as_deref());
    }
    let file = match &args.file {
        Some(f) => f,
        None => return Err(Error::invalid_argument("validate: name the document (or --project FILE)")),
    };
    if args.environment.is_some() {
        return Err(Error::invalid_argument("--environment applies to a project file (storesubmit.toml)"));
    }
    let (doc, mut issues) = match super::read_document(file) {
        Ok(r) => r,
        // Not JSON at all: that is an invalid document (exit 3), reported like any other issue.
        Err(e) if e.kind() == ErrorKind::Validation => (serde_json::Value::Null, e.issues().to_vec()),
        Err(e) => return Err(e),
    };
    let mut kind_name = None;
    if args.kind.is_none() && storesubmit::validate::looks_like_offer_changes(&doc) {
        // An ingestion offer-changes document (`ingestion publish --changes`): its structure and the
        // fields it merges into the offer's resources.
        if args.files.is_some() || args.change {
            return Err(Error::invalid_argument(
                "--files and --change apply to a devcenter submission; an offer-changes document names its files itself",
            ));
        }
        issues.extend(storesubmit::validate::offer_changes(&doc).issues);
        print_report(mode, &file.display().to_string(), Some("ingestion-changes"), &issues, false);
        return Ok(if issues.iter().any(Issue::is_error) { crate::exit::INVALID } else { crate::exit::OK });
    }
    if !doc.is_null() {
        let kind = args.kind.as_deref().map(str::parse::<DocumentKind>).transpose()?;
        let files = args.files.as_deref().map(file_set).transpose()?;
        let how = if args.change { check_change } else { check };
        let checked = how(Input::Document(&doc), kind, files.as_ref()).map_err(|e| match kind {
            None => Error::invalid_argument(format!(
                "cannot tell what {} is: pass --kind (one of {})",
                file.display(),
                DocumentKind::ALL.iter().map(|k| k.as_str()).collect::<Vec<_>>().join(", ")
            )),
            Some(_) => e,
        })?;
        kind_name = checked.kind.map(DocumentKind::as_str);
        issues.extend(checked.issues);
    }
    print_report(mode, &file.display().to_string(), kind_name, &issues, false);
    Ok(if issues.iter().any(Issue::is_error) { crate::exit::INVALID } else { crate::exit::OK })
}

/// Prints a validation report: `{"valid", "issues"}` with `--json` (unless `quiet_json`: the caller prints
/// its own document), else a verdict line naming `what` and one line per issue.
pub fn print_report(mode: Mode, what: &str, kind_name: Option<&str>, issues: &[Issue], quiet_json: bool) {
    let valid = !issues.iter().any(Issue::is_error);
    if mode.json {
        if !quiet_json {
            let v = json!({"valid": valid, "kind": kind_name, "issues": issues});
            let _ = writeln!(std::io::stdout().lock(), "{v}");
        }
        return;
    }
    let mut out = std::io::stdout().lock();
    let errors = issues.iter().filter(|i| i.is_error()).count();
    let warnings = issues.len() - errors;
    let kind = kind_name.map(|k| format!(" ({k})")).unwrap_or_default();
    let verdict = if valid { "valid" } else { "invalid" };
    let _ = writeln!(out, "{what}{kind}: {verdict}, {errors} error(s), {warnings} warning(s)");
    for i in issues {
        let path = if i.path.is_empty() { "/" } else { &i.path };
        let _ = writeln!(out, "  {} {} at {path}: {}", i.severity.as_str(), i.code, i.message);
    }
}

/// The files of a folder (recursively: names, sizes, and the first bytes of the media files it names,
/// read on demand) or the names in a ZIP. A path that does not exist is a files folder that is missing:
/// one `files.folder_missing` issue naming it.
fn file_set(path: &std::path::Path) -> Result<FileSet> {
    let io = |e: std::io::Error| Error::new(ErrorKind::Io, format!("cannot read {}: {e}", path.display()));
    if path.is_dir() || !path.exists() {
        return FileSet::from_dir_or_missing(path).map_err(io);
    }
    let file = std::fs::File::open(path).map_err(io)?;
    FileSet::from_zip(std::io::BufReader::new(file))
}
