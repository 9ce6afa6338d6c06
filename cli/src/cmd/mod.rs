//! One module per group of commands; shared helpers here.

pub mod demo;
pub mod ingestion;
pub mod init;
pub mod pack;
pub mod plan;
pub mod project;
pub mod project_init;
pub mod publish;
pub mod query;
pub mod validate;

use std::path::Path;

use serde_json::Value;
use storesubmit::client::blocking::Client;
use storesubmit::client::Client as AsyncClient;
use storesubmit::flow::{FlowConfig, StopAfter};
use storesubmit::{Error, ErrorKind, Issue, Result};

use crate::args::WaitArg;
use crate::output::{Mode, Reporter};

/// Reads a JSON document as people write it (trailing commas and comments accepted, each with a
/// warning issue).
///
/// # Errors
/// `io` when the file cannot be read; `validation` (issue `json.syntax`) when it is not JSON.
pub fn read_document(path: &Path) -> Result<(Value, Vec<Issue>)> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Error::new(ErrorKind::Io, format!("cannot read {}: {e}", path.display())))?;
    storesubmit::validate::lenient_json::parse(&text)
}

/// Reads a JSON document, printing its leniency warnings (trailing commas…) as notes.
///
/// # Errors
/// As [`read_document`].
pub fn read_json(mode: Mode, path: &Path) -> Result<Value> {
    let (doc, warnings) = read_document(path)?;
    for w in warnings {
        crate::output::note(mode, &format!("warning {} in {}: {}", w.code, path.display(), w.message));
    }
    Ok(doc)
}

/// The stage a `--wait` names.
pub fn stop_after(wait: WaitArg, draft_only: bool) -> StopAfter {
    if draft_only {
        return StopAfter::Draft;
    }
    match wait {
        WaitArg::Committed => StopAfter::Committed,
        WaitArg::Certification => StopAfter::Certification,
        WaitArg::Published => StopAfter::Published,
    }
}

/// A blocking client reporting progress under `label`.
///
/// # Errors
/// As [`storesubmit::client::ClientBuilder::build`].
pub fn client(mode: Mode, cfg: FlowConfig, label: &str) -> Result<(Client, std::sync::Arc<Reporter>)> {
    let reporter = Reporter::new(mode, label);
    let builder = AsyncClient::builder(cfg)
        .progress(reporter.handler())
        .checkpoint(std::sync::Arc::new(crate::interrupt::remember));
    Ok((Client::from_builder(builder)?, reporter))
}
