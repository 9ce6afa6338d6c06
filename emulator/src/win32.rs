//! stub
use serde_json::Value;
use crate::state::State;
use crate::util::{Req, Resp};
/// win32 state.
#[derive(Debug, Default)]
pub struct Win32 {}
impl Win32 {
    /// first
    pub fn first_product(&self) -> Option<String> { None }
    /// dump
    pub fn dump(&self) -> Value { Value::Null }
}
/// load
pub fn load(_st: &mut State, _f: &Value) -> Result<(), String> { Ok(()) }
/// tick
pub fn tick(_st: &mut State, _now: u64) {}
/// handle
pub fn handle(_st: &mut State, _req: &Req, _op: &str, _params: &[(&'static str, String)]) -> Resp { Resp::empty(501) }
/// err
pub fn envelope_error(status: u16, code: &str, message: &str, target: &str, data: Value) -> Resp {
    Resp::json(status, &serde_json::json!({"isSuccess": false, "errors": [{"code": code, "message": message, "target": target}], "responseData": data}))
}
