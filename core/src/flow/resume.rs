//! The one way back into a stopped workflow: its [`ResumeToken`], whichever workflow wrote it.

use serde_json::Value;

use super::types::{FlowConfig, StopAfter};
use super::{devcenter, ingestion, win32, Flow};
use crate::error::{Error, Result};
use crate::task::ResumeToken;

/// Continues any stopped workflow from its [`ResumeToken`] (devcenter submissions, win32 and ingestion products)
/// up to `stop_after` (`draft` is read as `published`: the draft exists already).
///
/// # Errors
/// `invalid_argument` when the token is not one this version wrote.
pub fn resume(cfg: FlowConfig, token: &ResumeToken, stop_after: StopAfter) -> Result<Flow> {
    let stop_after = if stop_after == StopAfter::Draft { StopAfter::Published } else { stop_after };
    match token.0.get("flow").and_then(Value::as_str).unwrap_or("") {
        "app-submission" | "addon-submission" | "flight-submission" => {
            devcenter::resume_submission(cfg, token, stop_after)
        }
        "win32" => {
            let mut m = win32::Win32Machine::from_checkpoint(&token.0)?;
            m.set_stop_after(stop_after);
            Ok(Flow::new(cfg, Box::new(m)))
        }
        "ingestion" => ingestion::resume(cfg, token, Some(stop_after)),
        other => Err(Error::invalid_argument(format!("resume token: unknown flow `{other}`"))),
    }
}
