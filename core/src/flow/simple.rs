//! One-call workflows (get, list, status): the same token, retry and deadline handling as the long
//! workflows, for calls that need no orchestration. The outcome's `document` is the response body.
//!
//! [`list_all`] follows a list's pages (`@nextLink` of the devcenter API, `@odata.nextLink` of the
//! ingestion API) up to a page cap, so no host pages by itself.

use percent_encoding::percent_decode_str;
use serde_json::{json, Map, Value};

use super::{Action, Call, Flow, FlowConfig, Outcome, Reply, Workflow};
use crate::api::routes::{self, Family, Operation};
use crate::api::{accepts_query, Endpoints};
use crate::data::limits::LIST_PAGES_MAX;
use crate::error::{Error, Result};
use crate::http::Method;

#[derive(Debug)]
struct CallMachine {
    op: &'static Operation,
    args: Value,
    sent: bool,
}

impl Workflow for CallMachine {
    fn stage(&self) -> String {
        self.op.id.to_string()
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
    Ok(Flow::new(cfg, Box::new(CallMachine { op, args, sent: false })))
}

/// The link to a list's next page, if the page has one (`@nextLink`, `@odata.nextLink` or `nextLink`).
fn next_link(page: &Value) -> Option<&str> {
    ["@nextLink", "@odata.nextLink", "nextLink"]
        .iter()
        .find_map(|k| page.get(*k).and_then(Value::as_str))
        .filter(|s| !s.trim().is_empty())
}

/// The arguments of the call for the page a `link` names: the link is resolved by the family's rules
/// (relative to the API, or absolute on the family's own root: the token never goes elsewhere), its path
/// must be the same list operation, and its query becomes the arguments.
///
/// # Errors
/// `invalid_response` naming the link when it points elsewhere, names another operation or carries a
/// query parameter the operation does not take.
fn next_args(ep: &Endpoints, op: &Operation, link: &str) -> Result<Value> {
    let bad = |why: String| Error::invalid_response(format!("{}: next-page link `{link}` refused: {why}", op.id));
    let req = match op.family {
        Family::Devcenter => crate::api::devcenter::next_page(ep, link),
        Family::Ingestion => crate::api::ingestion::Ingestion::new(ep).next_link_request(link),
        _ => return Err(bad("this API family has no paged lists".into())),
    }
    .map_err(|e| bad(e.message().to_string()))?;
    let root = ep.root(op.family);
    let rest = req.url.strip_prefix(root).ok_or_else(|| bad("not on the service root".into()))?;
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let (matched, params) = routes::match_route(op.family, Method::Get, path)
        .ok_or_else(|| bad("its path is no operation of the API".into()))?;
    if matched.id != op.id {
        return Err(bad(format!("it names another operation ({})", matched.id)));
    }
    let mut args: Map<String, Value> = params.into_iter().map(|(k, v)| (k.to_string(), Value::String(v))).collect();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let k = percent_decode_str(k).decode_utf8_lossy().into_owned();
        if !accepts_query(op, &k) {
            return Err(bad(format!("`{k}` is not a query parameter of {}", op.id)));
        }
        args.insert(k, Value::String(percent_decode_str(v).decode_utf8_lossy().into_owned()));
    }
    Ok(Value::Object(args))
}

#[derive(Debug)]
struct ListMachine {
    op: &'static Operation,
    args: Value,
    max_pages: u32,
    pages: u32,
    items: Vec<Value>,
    /// The arguments of every page read, so a link back to any of them is refused (no endless loop).
    seen: std::collections::HashSet<String>,
    sent: bool,
}

impl ListMachine {
    fn done(&mut self, next: Option<&str>) -> Action {
        let mut doc =
            json!({"value": std::mem::take(&mut self.items), "pages": self.pages, "truncated": next.is_some()});
        if let Some(link) = next {
            doc["nextLink"] = Value::String(link.to_string());
        }
        Action::Done(Outcome { flow: "list".into(), stage: "done".into(), document: Some(doc), ..Outcome::default() })
    }
}

impl Workflow for ListMachine {
    fn stage(&self) -> String {
        format!("{} page {}", self.op.id, self.pages + 1)
    }

    fn step(&mut self, reply: Reply, cfg: &FlowConfig) -> Result<Action> {
        if !self.sent {
            self.sent = true;
            self.seen.insert(self.args.to_string());
            return Ok(Action::Call(Call::new(self.op, self.args.clone())));
        }
        let page = reply.json()?;
        let value = page.get("value").and_then(Value::as_array).ok_or_else(|| {
            Error::invalid_response(format!("{}: page {} has no `value` array", self.op.id, self.pages + 1))
        })?;
        self.items.extend(value.iter().cloned());
        self.pages += 1;
        let Some(link) = next_link(&page) else { return Ok(self.done(None)) };
        if self.pages >= self.max_pages {
            return Ok(self.done(Some(link)));
        }
        let args = next_args(&cfg.endpoints, self.op, link)?;
        if !self.seen.insert(args.to_string()) {
            return Err(Error::invalid_response(format!(
                "{}: next-page link `{link}` does not advance (it names a page already read)",
                self.op.id
            )));
        }
        self.args = args;
        Ok(Action::Call(Call::new(self.op, self.args.clone())))
    }
}

/// A workflow that reads every page of a list operation (`devcenter.list_apps`, `ingestion.list_products`,
/// …: any GET whose answer is a page `{value, @nextLink | @odata.nextLink}`), following each next-page
/// link, at most `max_pages` pages (1 to [`LIST_PAGES_MAX`]; [`crate::data::limits::LIST_PAGES_DEFAULT`] is
/// the usual cap). The outcome's `document` is `{value: [every item], pages, truncated, nextLink?}`:
/// `truncated` is true (and `nextLink` the link not followed) when the cap stopped the listing.
///
/// A next-page link is followed only when it stays on the family's root and names the same operation,
/// so the access token never goes to another host.
///
/// # Errors
/// `invalid_argument` for an unknown or non-GET operation or a cap outside 1–[`LIST_PAGES_MAX`]; the flow
/// ends with `invalid_response` when a page has no `value` array or a link is refused or does not advance.
pub fn list_all(cfg: FlowConfig, op_id: &str, args: Value, max_pages: u32) -> Result<Flow> {
    let op = routes::operation(op_id).ok_or_else(|| Error::invalid_argument(format!("unknown operation `{op_id}`")))?;
    if op.method != Method::Get || op.family == Family::Token {
        return Err(Error::invalid_argument(format!("{op_id} is not a list operation (GET)")));
    }
    if !(1..=LIST_PAGES_MAX).contains(&max_pages) {
        return Err(Error::invalid_argument(format!(
            "list {op_id}: the page cap must be from 1 to {LIST_PAGES_MAX}, got {max_pages}"
        )));
    }
    // Scalars as strings, as a next-page link writes them, so a link back to the first page is recognised.
    let args = match args {
        Value::Null => Map::new(),
        Value::Object(m) => m
            .into_iter()
            .map(|(k, v)| match v {
                Value::Number(n) => (k, Value::String(n.to_string())),
                Value::Bool(b) => (k, Value::String(b.to_string())),
                v => (k, v),
            })
            .collect(),
        _ => return Err(Error::invalid_argument(format!("list {op_id}: arguments must be a JSON object"))),
    };
    let m = ListMachine {
        op,
        args: Value::Object(args),
        max_pages,
        pages: 0,
        items: Vec::new(),
        seen: Default::default(),
        sent: false,
    };
    Ok(Flow::new(cfg, Box::new(m)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flow::script::{cfg, Script};
    use crate::ErrorKind;

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

    fn page(ids: &[u32], next: Option<&str>) -> Value {
        let mut p = json!({"value": ids.iter().map(|i| json!({"id": i.to_string()})).collect::<Vec<_>>()});
        if let Some(n) = next {
            p["@nextLink"] = json!(n);
        }
        p
    }

    fn ids(out: &Outcome) -> Vec<String> {
        let doc = out.document.as_ref().unwrap();
        doc["value"].as_array().unwrap().iter().map(|v| v["id"].as_str().unwrap().to_string()).collect()
    }

    #[test]
    fn three_devcenter_pages_are_combined() {
        let mut s = Script::new();
        s.token(3600);
        let apps = routes::operation("devcenter.list_apps").unwrap().path;
        s.expect(Method::Get, &format!("{apps}?top=2"), 200, page(&[1, 2], Some("applications?skip=2&top=2")));
        s.expect(Method::Get, &format!("{apps}?skip=2&top=2"), 200, page(&[3, 4], Some("applications?skip=4&top=2")));
        s.expect(Method::Get, &format!("{apps}?skip=4&top=2"), 200, page(&[5], None));
        let mut flow = list_all(cfg(), "devcenter.list_apps", json!({"top": 2}), 10).unwrap();
        let out = s.run(&mut flow).unwrap();
        assert_eq!(ids(&out), ["1", "2", "3", "4", "5"]);
        let doc = out.document.unwrap();
        assert_eq!((doc["pages"].as_u64(), doc["truncated"].as_bool()), (Some(3), Some(false)));
        assert!(doc.get("nextLink").is_none());
        s.finish();
    }

    #[test]
    fn the_page_cap_stops_and_says_so() {
        let mut s = Script::new();
        s.token(3600);
        s.expect(
            Method::Get,
            "/applications/9APP/listflights?top=1",
            200,
            page(&[1], Some("applications/9APP/listflights/?skip=1&top=1")),
        );
        s.expect(
            Method::Get,
            "/applications/9APP/listflights?skip=1&top=1",
            200,
            page(&[2], Some("applications/9APP/listflights/?skip=2&top=1")),
        );
        let mut flow =
            list_all(cfg(), "devcenter.list_app_flights", json!({"applicationId": "9APP", "top": 1}), 2).unwrap();
        let out = s.run(&mut flow).unwrap();
        assert_eq!(ids(&out), ["1", "2"]);
        let doc = out.document.unwrap();
        assert_eq!(doc["truncated"], true);
        assert_eq!(doc["nextLink"], "applications/9APP/listflights/?skip=2&top=1");
        s.finish();
        assert_eq!(
            list_all(cfg(), "devcenter.list_apps", Value::Null, 0).unwrap_err().kind(),
            ErrorKind::InvalidArgument
        );
        assert!(list_all(cfg(), "devcenter.create_app_submission", Value::Null, 5).is_err());
    }

    #[test]
    fn a_link_back_to_an_earlier_page_is_refused() {
        let mut s = Script::new();
        s.token(3600);
        s.expect(Method::Get, "/applications?skip=0&top=1", 200, page(&[1], Some("applications?skip=1&top=1")));
        s.expect(Method::Get, "/applications?skip=1&top=1", 200, page(&[2], Some("applications?skip=0&top=1")));
        let mut flow = list_all(cfg(), "devcenter.list_apps", json!({"skip": 0, "top": 1}), 10).unwrap();
        let e = s.run(&mut flow).unwrap_err();
        assert!(e.message().contains("does not advance"), "{e}");
        s.finish();
    }

    #[test]
    fn ingestion_pages_follow_the_odata_link_on_the_same_root() {
        let root = cfg().endpoints.ingestion;
        let mut s = Script::new();
        s.token(3600);
        let mut p1 = page(&[1], None);
        p1["@odata.nextLink"] = json!(format!("{root}/v1.0/ingestion/products?$skipToken=abc%3D%3D"));
        s.expect(Method::Get, "/v1.0/ingestion/products", 200, p1);
        s.expect(Method::Get, "/v1.0/ingestion/products?$skipToken=abc%3D%3D", 200, page(&[2], None));
        let mut flow = list_all(cfg(), "ingestion.list_products", Value::Null, 5).unwrap();
        assert_eq!(ids(&s.run(&mut flow).unwrap()), ["1", "2"]);
        s.finish();
    }

    #[test]
    fn malformed_next_links_are_refused_before_anything_is_sent() {
        // the right paths on another host
        let path = |op: &str| routes::operation(op).unwrap().path;
        let products_elsewhere = format!("https://evil.example{}?$skipToken=x", path("ingestion.list_products"));
        let apps_elsewhere = format!("https://evil.example{}?skip=1", path("devcenter.list_apps"));
        for (op, args, link, why) in [
            ("ingestion.list_products", json!({}), products_elsewhere.as_str(), "not on the ingestion root"),
            ("devcenter.list_apps", json!({}), apps_elsewhere.as_str(), "not relative to the devcenter API"),
            (
                "devcenter.list_apps",
                json!({}),
                "//evil.example/applications?skip=1",
                "not relative to the devcenter API",
            ),
            (
                "devcenter.list_apps",
                json!({}),
                "inappproducts?skip=1&top=1",
                "another operation (devcenter.list_addons)",
            ),
            ("devcenter.list_apps", json!({}), "applications?skip=1&token=x", "`token` is not a query parameter"),
            ("devcenter.list_apps", json!({"top": 1}), "applications?top=1", "does not advance"),
        ] {
            let mut s = Script::new();
            s.token(3600);
            let mut p = page(&[1], None);
            p[if op.starts_with("ingestion") { "@odata.nextLink" } else { "@nextLink" }] = json!(link);
            s.expect(Method::Get, "/", 200, p);
            let mut flow = list_all(cfg(), op, args, 5).unwrap();
            let e = s.run(&mut flow).unwrap_err();
            assert_eq!(e.kind(), ErrorKind::InvalidResponse, "{link}: {e}");
            assert!(e.message().contains(why), "{link}: {e}");
            assert_eq!(s.sent.len(), 2, "{link}: only the token and the first page were sent");
            s.finish();
        }
        let mut s = Script::new();
        s.token(3600);
        s.expect(Method::Get, "/applications", 200, json!({"items": []}));
        let e = s.run(&mut list_all(cfg(), "devcenter.list_apps", Value::Null, 5).unwrap()).unwrap_err();
        assert!(e.message().contains("page 1 has no `value` array"), "{e}");
    }
}
