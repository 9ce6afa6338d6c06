//! stub
use serde_json::Value;
use crate::state::State;
use crate::util::{Req, Resp};
/// ingestion state.
#[derive(Debug, Default)]
pub struct Ingestion {}
impl Ingestion {
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
