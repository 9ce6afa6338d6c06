//! One-call workflows (get, list, status): the same token, retry and deadline handling as the long
//! workflows, for calls that need no orchestration. The outcome's `document` is the response body.

use serde_json::Value;

use super::{Action, Call, Flow, FlowConfig, Machine, Outcome, Reply};
use crate::api::routes;
use crate::error::{Error, Result};

#[derive(Debug)]
struct CallMachine {
    op: &'static str,
    args: Value,
    sent: bool,
}

impl Machine for CallMachine {
    fn stage(&self) -> String {
        self.op.to_string()
    }

    fn step(&mut self, reply: Reply, _cfg: &FlowConfig) -> Result<Action> {
        if !self.sent {
            self.sent = true;
            return Ok(Action::Call(Call::new(self.op, self.args.clone())));
        }
        let doc = reply.json()?;
        let status = doc
            .get("status")
            .or_else(|| doc.get("responseData").and_then(|d| d.get("publishingStatus")))
            .and_then(Value::as_str)
            .map(str::to_string);
        Ok(Action::Done(Outcome {
            flow: "call".into(),
            stage: "done".into(),
            status,
            document: Some(doc),
            ..Outcome::default()
        }))
    }
}

/// A workflow of one call: any operation of the route table by id with its arguments (as for
/// [`crate::api::build`]; `sellerId` is added for win32). Non-idempotent operations are not repeated
/// after an ambiguous failure: the error surfaces.
///
/// # Errors
/// `invalid_argument` for an unknown operation or a token operation.
pub fn call(cfg: FlowConfig, op_id: &str, args: Value) -> Result<Flow> {
    let op = routes::operation(op_id).ok_or_else(|| Error::invalid_argument(format!("unknown operation `{op_id}`")))?;
    if op.family == crate::api::Family::Token {
        return Err(Error::invalid_argument("token operations are made by the workflow itself"));
    }
    let args = if args.is_null() { Value::Object(Default::default()) } else { args };
    Ok(Flow::new(cfg, Box::new(CallMachine { op: op.id, args, sent: false })))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flow::script::{cfg, Script};
    use crate::http::Method;
    use serde_json::json;

    #[test]
    fn one_call_with_backoff_on_500() {
        let mut s = Script::new();
        s.token(3600);
        s.expect(Method::Get, "/applications?top=2", 500, json!({}));
        s.expect(Method::Get, "/applications?top=2", 200, json!({"value": [], "totalCount": 0}));
        let mut flow = call(cfg(), "devcenter.list_apps", json!({"top": 2})).unwrap();
        let out = s.run(&mut flow).unwrap();
        assert_eq!(out.document.unwrap()["totalCount"], 0);
        assert_eq!(s.waits.len(), 1);
        s.finish();
    }
}
