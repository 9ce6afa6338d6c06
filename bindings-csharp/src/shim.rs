//! TEMPORARY until storesubmit::wire::{call, PackJob} land on main (removed at the merge).
use serde_json::Value;
use storesubmit::error::{Error, ErrorKind, Result};
pub fn call(name: &str, args: &Value) -> Result<Value> {
    let s = |k: &str| args.get(k).and_then(Value::as_str).unwrap_or("").to_string();
    match name {
        "redact" => Ok(Value::String(storesubmit::secret::redact_text(&s("text")))),
        "redactUrl" => Ok(Value::String(storesubmit::secret::redact_url(&s("url")))),
        _ => Err(Error::new(ErrorKind::Unsupported, "wire::call not merged yet")),
    }
}
pub struct PackJob;
impl PackJob {
    pub fn start(_r: &Value) -> Result<PackJob> {
        Err(Error::new(ErrorKind::Unsupported, "wire::PackJob not merged yet"))
    }
    pub fn step(&mut self, _e: &Value, _d: Vec<u8>) -> Result<Value> {
        Err(Error::new(ErrorKind::Unsupported, "x"))
    }
    pub fn take_body(&mut self, _id: u64) -> Vec<u8> {
        Vec::new()
    }
}
