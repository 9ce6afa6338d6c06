//! `storesubmit import storebroker --config SBConfig.json [--pdp DIR] [--images DIR] --out DIR [--force]`:
//! a StoreBroker setup turned into a storesubmit project. The mapping is the core's
//! (`storesubmit::import::storebroker`); this command opens the folders, writes the answer and prints it.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use serde_json::json;
use storesubmit::data::limits::IMPORT_FILE_MAX_BYTES;
use storesubmit::import::{self, storebroker, FsSource, Source};
use storesubmit::{Error, ErrorKind, Issue, Result};

use crate::args::StorebrokerArgs;
use crate::output::{self, Mode};

/// A path of SBConfig.json (`\` already `/`): absolute as written (a Windows drive path too, which then
/// does not exist here and is reported as such), otherwise relative to the config's folder.
fn config_path(base: &Path, written: &str) -> PathBuf {
    let b = written.as_bytes();
    let drive = b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':';
    if written.starts_with('/') || drive {
        PathBuf::from(written)
    } else {
        base.join(written)
    }
}

fn print_issues(mode: Mode, issues: &[Issue]) {
    if mode.json {
        return;
    }
    let mut err = std::io::stderr().lock();
    for i in issues {
        let path = if i.path.is_empty() { String::new() } else { format!(" at {}", i.path) };
        let _ = writeln!(err, "{} {}{path}: {}", i.severity.as_str(), i.code, i.message);
    }
}

/// Exit status: 0 written (warnings allowed); 2 when the config cannot be read or the StoreBroker files
/// have errors (printed; nothing is written then).
pub fn storebroker(mode: Mode, args: &StorebrokerArgs) -> Result<i32> {
    let io = |e: std::io::Error| Error::new(ErrorKind::Io, format!("cannot read {}: {e}", args.config.display()));
    let mut bytes = Vec::new();
    std::fs::File::open(&args.config)
        .map_err(io)?
        .take(IMPORT_FILE_MAX_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    let text = String::from_utf8(bytes)
        .map_err(|_| Error::new(ErrorKind::Io, format!("{} is not UTF-8 text", args.config.display())))?;
    let name =
        args.config.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "SBConfig.json".into());
    let cfg = storebroker::read_config(&text, &name);
    let base = match args.config.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let pdp_dir = args.pdp.clone().or_else(|| (!cfg.pdp_root.is_empty()).then(|| config_path(&base, &cfg.pdp_root)));
    let images_dir =
        args.images.clone().or_else(|| (!cfg.images_root.is_empty()).then(|| config_path(&base, &cfg.images_root)));
    let pdp = pdp_dir.as_ref().map(FsSource::new);
    let images = images_dir.as_ref().map(FsSource::new);
    let result =
        storebroker::import(&cfg, pdp.as_ref().map(|s| s as &dyn Source), images.as_ref().map(|s| s as &dyn Source));
    print_issues(mode, &result.issues);
    if !result.valid() {
        let errors: Vec<Issue> = result.issues.iter().filter(|i| i.is_error()).cloned().collect();
        if mode.json {
            output::print_json(mode, &json!({"written": false, "issues": result.issues}));
            return Ok(2);
        }
        return Err(Error::invalid_argument(format!(
            "{}: {} error(s) in the StoreBroker files; nothing written",
            args.config.display(),
            errors.len()
        )));
    }
    let written = import::write(&result, images_dir.as_deref(), &args.out, args.force)?;
    let project = args.out.join("storesubmit.toml");
    let validate = format!("storesubmit validate --project {}", project.display());
    let publish = format!("storesubmit publish --project {} --dry-run", project.display());
    let packages = storebroker::package_globs(&cfg);
    if mode.json {
        output::print_json(
            mode,
            &json!({
                "written": true,
                "out": args.out,
                "files": result.files.iter().map(|(p, _)| p).collect::<Vec<_>>(),
                "copies": result.copies.iter().map(|(from, to)| json!({"from": from, "to": to})).collect::<Vec<_>>(),
                "languages": storebroker::languages(&result),
                "issues": result.issues,
                "next": {"validate": validate, "publish": publish, "packages": packages},
            }),
        );
        return Ok(0);
    }
    let langs: Vec<String> = storebroker::languages(&result).into_iter().collect();
    let mut out = std::io::stdout().lock();
    let _ = writeln!(
        out,
        "wrote {} ({} files, {} media files copied; listings: {})",
        args.out.display(),
        result.files.len(),
        result.copies.len(),
        if langs.is_empty() { "none".to_string() } else { langs.join(", ") }
    );
    for p in &written {
        let _ = writeln!(out, "  {p}");
    }
    let _ = writeln!(out, "next:");
    if !packages.is_empty() {
        let _ = writeln!(
            out,
            "  put the build's packages at {} (or edit [packages] in storesubmit.toml)",
            packages.join(", ")
        );
    }
    let _ = writeln!(out, "  {validate}");
    let _ = writeln!(out, "  {publish}");
    Ok(0)
}
