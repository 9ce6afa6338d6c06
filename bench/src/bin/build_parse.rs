//! Per-call cost of building a request and parsing a response in Rust: the baseline the Python binding's
//! overhead is measured against (`bench/python_overhead.py` times the same two calls through the wheel).
//!
//! Build: `api::build(production, "devcenter.update_app_submission", {applicationId, submissionId, body})`
//! with the docs' app-submission update body. Parse: `api::parse_json::<Value>` of the docs' app-submission
//! GET response (200, JSON). Prints one JSON line per measurement: `{"what", "ns_per_call", "calls"}`.
//!
//! `cargo run --release -p storesubmit-bench --bin build_parse -- [calls]`

use std::path::Path;
use std::time::Instant;

use serde_json::{json, Value};
use storesubmit::api::{self, Endpoints};
use storesubmit::HttpResponse;

fn fixture(name: &str) -> Vec<u8> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/tests/fixtures/devcenter").join(name);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn time<F: FnMut()>(what: &str, calls: u32, mut f: F) {
    for _ in 0..calls / 10 {
        f();
    }
    let mut best = f64::INFINITY;
    for _ in 0..5 {
        let start = Instant::now();
        for _ in 0..calls {
            f();
        }
        best = best.min(start.elapsed().as_nanos() as f64 / f64::from(calls));
    }
    println!("{}", json!({"what": what, "ns_per_call": (best * 10.0).round() / 10.0, "calls": calls}));
}

fn main() {
    let calls: u32 = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(20_000);
    let ep = Endpoints::production();
    let body: Value = serde_json::from_slice(&fixture("app_submission_update_request.json")).expect("fixture is JSON");
    let args = json!({"applicationId": "9NBLGGH4R315", "submissionId": "1152921504621243610", "body": body});
    let resp = HttpResponse::new(200, fixture("app_submission_get_response.json"))
        .with_header("Content-Type", "application/json");
    let small = json!({"applicationId": "9NBLGGH4R315"});

    time("build get_app", calls, || {
        std::hint::black_box(api::build(&ep, "devcenter.get_app", std::hint::black_box(&small)).unwrap());
    });
    time("build update_app_submission", calls, || {
        std::hint::black_box(api::build(&ep, "devcenter.update_app_submission", std::hint::black_box(&args)).unwrap());
    });
    time("parse app submission", calls, || {
        std::hint::black_box(api::parse_json::<Value>(std::hint::black_box(&resp)).unwrap());
    });
}
