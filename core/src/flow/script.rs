//! Scripted host for the flow unit tests: it answers the flow's tasks from a queue of expected requests
//! and canned responses, one task at a time, with a fake clock.

use std::collections::VecDeque;
use std::time::Duration;

use serde_json::{json, Value};

use super::{Completion, Event, Flow, FlowConfig, Outcome, Purpose, Step, Tick, Upload, Work};
use crate::api::auth::{AccessToken, ClientCredentials};
use crate::api::{Endpoints, Family};
use crate::error::Result;
use crate::http::{HttpRequest, HttpResponse, Method};
use crate::policy::PollSchedule;
use crate::task::Machine;
use crate::validate::FileSet;

pub(crate) fn cfg() -> FlowConfig {
    let mut c =
        FlowConfig::new(Endpoints::all_at("http://127.0.0.1:1"), ClientCredentials::new("t", "c", "CLIENTSECRET"));
    c.seller_id = Some("SELLER".into());
    c.poll = PollSchedule::fast(Duration::from_secs(5));
    c
}

enum Expect {
    Token(u64),
    Call { method: Method, url_part: String, resp: HttpResponse },
    Upload,
    Advance(u64),
}

pub(crate) struct Script {
    queue: VecDeque<Expect>,
    pub now: u64,
    pub waits: Vec<Duration>,
    pub sent: Vec<HttpRequest>,
    pub uploads: Vec<Upload>,
    /// The blob requests of the uploads (method, operation), in order.
    pub blob_requests: Vec<(Method, String)>,
    /// The token tasks answered (external credential), in order.
    pub tokens_asked: Vec<(Family, String)>,
    /// The host's files, as the pre-flight stage lists them (a flow that uploads asks for them).
    pub files: Option<FileSet>,
}

/// The size of every file an upload of the script reads (its bytes are a fixed pattern).
const FILE_SIZE: u64 = 1000;

impl Script {
    pub fn new() -> Self {
        Script {
            queue: VecDeque::new(),
            now: 1_000_000,
            waits: Vec::new(),
            sent: Vec::new(),
            uploads: Vec::new(),
            blob_requests: Vec::new(),
            tokens_asked: Vec::new(),
            files: None,
        }
    }

    /// The host's files: these names (what a flow's pre-flight stage lists).
    pub fn files(&mut self, names: &[&str]) {
        self.files = Some(FileSet::from_names(names));
    }

    pub fn token(&mut self, lifetime: u64) {
        self.queue.push_back(Expect::Token(lifetime));
    }

    pub fn expect(&mut self, method: Method, url_part: &str, status: u16, body: Value) {
        self.expect_with(method, url_part, status, body, &[]);
    }

    pub fn expect_with(&mut self, method: Method, url_part: &str, status: u16, body: Value, headers: &[(&str, &str)]) {
        let mut resp = if body.is_null() { HttpResponse::new(status, "") } else { HttpResponse::json(status, &body) };
        for (k, v) in headers {
            resp = resp.with_header(*k, *v);
        }
        self.queue.push_back(Expect::Call { method, url_part: url_part.to_string(), resp });
    }

    pub fn expect_upload(&mut self) {
        self.queue.push_back(Expect::Upload);
    }

    pub fn advance(&mut self, secs: u64) {
        self.queue.push_back(Expect::Advance(secs));
    }

    fn skip_advances(&mut self) {
        while let Some(Expect::Advance(s)) = self.queue.front() {
            self.now += s;
            self.queue.pop_front();
        }
    }

    fn answer(&mut self, req: HttpRequest, purpose: &Purpose) -> Completion {
        if let Purpose::Blob { op } = purpose {
            // Inside an upload (started by a Stat the script expected): the blob store accepts everything.
            assert!(req.url.contains("sig="), "a blob request goes to the SAS URL: {}", req.url);
            let status = if op == "get_block_list" { 404 } else { 201 };
            self.blob_requests.push((req.method, op.clone()));
            return Completion::Response(HttpResponse::new(status, ""));
        }
        self.skip_advances();
        let is_token = matches!(purpose, Purpose::Token { .. });
        assert_eq!(is_token, req.url.contains("/oauth2/"), "{purpose:?} for {}", req.url);
        let next = self.queue.pop_front();
        let ev = match next {
            Some(Expect::Token(life)) => {
                assert!(is_token, "expected a token request, got {} {}", req.method, req.url);
                Completion::Response(HttpResponse::json(
                    200,
                    &json!({"access_token": format!("tok{}", self.now), "expires_in": life}),
                ))
            }
            Some(Expect::Call { method, url_part, resp }) => {
                assert!(!is_token, "unexpected token request (next expected {method} {url_part})");
                assert_eq!(req.method, method, "{}", req.url);
                assert!(req.url.contains(&url_part), "expected {method} …{url_part}, got {}", req.url);
                assert!(req.header("Authorization").is_some_and(|a| a.starts_with("Bearer tok")));
                if req.url.contains("/submission/v1/") {
                    assert_eq!(req.header("X-Seller-Account-Id"), Some("SELLER"));
                }
                Completion::Response(resp)
            }
            Some(Expect::Upload) => panic!("expected an upload, got {} {}", req.method, req.url),
            Some(Expect::Advance(_)) => unreachable!(),
            None => panic!("script exhausted at {} {}", req.method, req.url),
        };
        self.sent.push(req);
        self.skip_advances();
        ev
    }

    /// Answers one request from the script (for tests that drive a flow by hand).
    pub fn answer_for_test(&mut self, req: HttpRequest, purpose: &Purpose) -> Completion {
        self.answer(req, purpose)
    }

    /// Runs the flow to its end, answering its tasks one at a time in the order they were handed out.
    pub fn run(&mut self, flow: &mut Flow) -> Result<Outcome> {
        let mut queue = VecDeque::new();
        let named = FileSet::from_names(flow.preflight_names());
        let mut step = flow.resume(Event::Start, Tick::at(self.now));
        for _ in 0..10_000 {
            match step {
                Step::Done(r) => {
                    self.uploads.append(&mut flow.uploads_started);
                    return r;
                }
                Step::Run(tasks) => queue.extend(tasks),
                Step::Pending => {}
            }
            let task = queue.pop_front().expect("the flow waits for a task it never handed out");
            let completion = match task.work {
                Work::Send { request, purpose } => self.answer(request, &purpose),
                Work::Wait { duration, .. } => {
                    self.waits.push(duration);
                    self.now += duration.as_secs().max(1);
                    Completion::Waited
                }
                Work::Stat { names } => {
                    self.skip_advances();
                    match self.queue.pop_front() {
                        Some(Expect::Upload) => {}
                        _ => panic!("unexpected upload of {names:?}"),
                    }
                    Completion::Sizes(names.iter().map(|_| Some(FILE_SIZE)).collect())
                }
                Work::Token { family, scope } => {
                    self.skip_advances();
                    let life = match self.queue.pop_front() {
                        Some(Expect::Token(life)) => life,
                        _ => panic!("unexpected token task for {scope}"),
                    };
                    self.tokens_asked.push((family, scope));
                    Completion::Token(AccessToken {
                        token: format!("tok{}", self.now).into(),
                        obtained_at: self.now,
                        expires_at: self.now + life,
                    })
                }
                Work::Read { offset, len, .. } => {
                    let end = FILE_SIZE.min(offset + len);
                    Completion::Data((offset..end).map(|i| (i % 251) as u8).collect())
                }
                Work::Write { .. } => panic!("a workflow asked to write output"),
                Work::File { .. } | Work::Command { .. } => panic!("the script has no token source"),
                // By default the host has every file the flow names.
                Work::List { .. } => Completion::Files(self.files.clone().unwrap_or_else(|| named.clone())),
            };
            step = flow.resume(Event::Completed(task.id, completion), Tick::at(self.now));
        }
        panic!("flow did not finish")
    }

    pub fn sent_json(&self, method: Method) -> Option<Value> {
        self.sent.iter().find(|r| r.method == method).and_then(HttpRequest::json_body)
    }

    pub fn count(&self, method: Method, url_part: &str) -> usize {
        self.sent.iter().filter(|r| r.method == method && r.url.contains(url_part)).count()
    }

    pub fn finish(&mut self) {
        self.skip_advances();
        assert!(self.queue.is_empty(), "{} scripted steps were not used", self.queue.len());
    }
}
