//! Text in, text out: the JSON conversions behind the exports, kept free of `JsValue` so they run (and
//! are tested) natively too.

use serde_json::Value;

use storesubmit::wire::{self, error_json, Run};
use storesubmit::{Error, Result};

/// A failure as the text of its error JSON (what the JavaScript layer turns into a `StoreSubmitError`).
#[derive(Debug, Clone, PartialEq)]
pub struct Failure(pub String);

impl From<Error> for Failure {
    fn from(e: Error) -> Failure {
        Failure(error_json(&e).to_string())
    }
}

fn parse(what: &str, text: &str) -> Result<Value> {
    if text.trim().is_empty() {
        return Ok(Value::Null);
    }
    serde_json::from_str(text).map_err(|e| Error::invalid_argument(format!("{what}: not JSON ({e})")))
}

/// `wire::call(name, args)` with the arguments and the answer as JSON text.
///
/// # Errors
/// The core's error, as error JSON text.
pub fn call_json(name: &str, args: &str) -> std::result::Result<String, Failure> {
    let args = parse("args", args)?;
    Ok(wire::call(name, &args)?.to_string())
}

/// A run of a request (a workflow, or `{"workflow": "pack", …}`) with external credentials (the host answers
/// `token` tasks).
///
/// # Errors
/// `invalid_argument` naming the bad field, as error JSON text.
pub fn run_start(options: &str, request: &str) -> std::result::Result<Run, Failure> {
    Ok(Run::start(&parse("options", options)?, None, &parse("request", request)?, None)?)
}

/// Parses an event, runs one step of a machine on it and answers the step as JSON text.
///
/// # Errors
/// `invalid_argument` for a malformed event, as error JSON text (the machine is unchanged).
pub fn step_json(event: &str, step: impl FnOnce(&Value) -> Result<Value>) -> std::result::Result<String, Failure> {
    let event = parse("event", event)?;
    Ok(step(&event)?.to_string())
}

#[cfg(test)]
mod tests;
