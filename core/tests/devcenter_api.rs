//! The typed devcenter builders against the shared request vectors (`tests/vectors/requests/devcenter.json`):
//! every `expect` case is rebuilt with the typed builder for its operation and must give the expected
//! method, URL, headers and body. Update and create bodies go through the models, so the expected body
//! is the vector's body minus the model's read-only fields.

use std::path::Path;

use serde_json::Value;
use storesubmit::api::devcenter as dc;
use storesubmit::api::Endpoints;
use storesubmit::model::devcenter::*;
use storesubmit::model::strip_read_only;
use storesubmit::{HttpRequest, Result};

fn vectors() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/requests/devcenter.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn s(args: &Value, k: &str) -> String {
    match &args[k] {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        other => panic!("{k}: {other}"),
    }
}

fn page(args: &Value) -> dc::Page {
    let n = |k: &str| args.get(k).and_then(Value::as_u64).map(|n| n as u32);
    dc::Page { top: n("top"), skip: n("skip") }
}

/// Builds a vector case with the typed API; returns the request and the read-only pointers its body
/// loses on the way.
fn typed(ep: &Endpoints, op: &str, a: &Value) -> (Result<HttpRequest>, &'static [&'static str]) {
    let body = || a["body"].clone();
    let none: &'static [&'static str] = &[];
    let r = match op {
        "devcenter.list_apps" => dc::list_apps(ep, page(a)),
        "devcenter.get_app" => dc::get_app(ep, &s(a, "applicationId")),
        "devcenter.list_app_addons" => dc::list_app_addons(ep, &s(a, "applicationId"), page(a)),
        "devcenter.list_app_flights" => dc::list_app_flights(ep, &s(a, "applicationId"), page(a)),
        "devcenter.create_app_submission" => dc::create_app_submission(ep, &s(a, "applicationId")),
        "devcenter.get_app_submission" => dc::get_app_submission(ep, &s(a, "applicationId"), &s(a, "submissionId")),
        "devcenter.update_app_submission" => {
            let m: AppSubmission = serde_json::from_value(body()).unwrap();
            return (
                dc::update_app_submission(ep, &s(a, "applicationId"), &s(a, "submissionId"), &m),
                AppSubmission::READ_ONLY,
            );
        }
        "devcenter.delete_app_submission" => {
            dc::delete_app_submission(ep, &s(a, "applicationId"), &s(a, "submissionId"))
        }
        "devcenter.commit_app_submission" => {
            dc::commit_app_submission(ep, &s(a, "applicationId"), &s(a, "submissionId"))
        }
        "devcenter.get_app_submission_status" => {
            dc::get_app_submission_status(ep, &s(a, "applicationId"), &s(a, "submissionId"))
        }
        "devcenter.get_app_package_rollout" => {
            dc::get_app_package_rollout(ep, &s(a, "applicationId"), &s(a, "submissionId"))
        }
        "devcenter.update_app_package_rollout_percentage" => dc::update_app_package_rollout_percentage(
            ep,
            &s(a, "applicationId"),
            &s(a, "submissionId"),
            a["percentage"].as_f64().unwrap(),
        ),
        "devcenter.halt_app_package_rollout" => {
            dc::halt_app_package_rollout(ep, &s(a, "applicationId"), &s(a, "submissionId"))
        }
        "devcenter.finalize_app_package_rollout" => {
            dc::finalize_app_package_rollout(ep, &s(a, "applicationId"), &s(a, "submissionId"))
        }
        "devcenter.list_addons" => dc::list_addons(ep, page(a)),
        "devcenter.get_addon" => dc::get_addon(ep, &s(a, "inAppProductId")),
        "devcenter.create_addon" => {
            let m: AddonCreate = serde_json::from_value(body()).unwrap();
            return (dc::create_addon(ep, &m), AddonCreate::READ_ONLY);
        }
        "devcenter.delete_addon" => dc::delete_addon(ep, &s(a, "inAppProductId")),
        "devcenter.create_addon_submission" => dc::create_addon_submission(ep, &s(a, "inAppProductId")),
        "devcenter.get_addon_submission" => {
            dc::get_addon_submission(ep, &s(a, "inAppProductId"), &s(a, "submissionId"))
        }
        "devcenter.update_addon_submission" => {
            let m: AddonSubmission = serde_json::from_value(body()).unwrap();
            return (
                dc::update_addon_submission(ep, &s(a, "inAppProductId"), &s(a, "submissionId"), &m),
                AddonSubmission::READ_ONLY,
            );
        }
        "devcenter.delete_addon_submission" => {
            dc::delete_addon_submission(ep, &s(a, "inAppProductId"), &s(a, "submissionId"))
        }
        "devcenter.commit_addon_submission" => {
            dc::commit_addon_submission(ep, &s(a, "inAppProductId"), &s(a, "submissionId"))
        }
        "devcenter.get_addon_submission_status" => {
            dc::get_addon_submission_status(ep, &s(a, "inAppProductId"), &s(a, "submissionId"))
        }
        "devcenter.get_flight" => dc::get_flight(ep, &s(a, "applicationId"), &s(a, "flightId")),
        "devcenter.create_flight" => {
            let m: FlightCreate = serde_json::from_value(body()).unwrap();
            return (dc::create_flight(ep, &s(a, "applicationId"), &m), FlightCreate::READ_ONLY);
        }
        "devcenter.delete_flight" => dc::delete_flight(ep, &s(a, "applicationId"), &s(a, "flightId")),
        "devcenter.create_flight_submission" => {
            dc::create_flight_submission(ep, &s(a, "applicationId"), &s(a, "flightId"))
        }
        "devcenter.update_flight_submission" => {
            let m: FlightSubmission = serde_json::from_value(body()).unwrap();
            return (
                dc::update_flight_submission(ep, &s(a, "applicationId"), &s(a, "flightId"), &s(a, "submissionId"), &m),
                FlightSubmission::READ_ONLY,
            );
        }
        "devcenter.update_flight_package_rollout_percentage" => dc::update_flight_package_rollout_percentage(
            ep,
            &s(a, "applicationId"),
            &s(a, "flightId"),
            &s(a, "submissionId"),
            a["percentage"].as_f64().unwrap(),
        ),
        other => {
            let (app, flight, sub) = (s(a, "applicationId"), s(a, "flightId"), s(a, "submissionId"));
            let f = match other {
                "devcenter.get_flight_submission" => dc::get_flight_submission,
                "devcenter.delete_flight_submission" => dc::delete_flight_submission,
                "devcenter.commit_flight_submission" => dc::commit_flight_submission,
                "devcenter.get_flight_submission_status" => dc::get_flight_submission_status,
                "devcenter.get_flight_package_rollout" => dc::get_flight_package_rollout,
                "devcenter.halt_flight_package_rollout" => dc::halt_flight_package_rollout,
                "devcenter.finalize_flight_package_rollout" => dc::finalize_flight_package_rollout,
                _ => panic!("no typed builder for {other}"),
            };
            f(ep, &app, &flight, &sub)
        }
    };
    (r, none)
}

#[test]
fn typed_builders_reproduce_the_shared_vectors() {
    let file = vectors();
    let ep = Endpoints::production();
    let mut covered = std::collections::BTreeSet::new();
    for case in file["cases"].as_array().unwrap() {
        let Some(exp) = case.get("expect") else { continue };
        let name = case["name"].as_str().unwrap();
        let op = case["op"].as_str().unwrap();
        let (req, read_only) = typed(&ep, op, &case["args"]);
        let req = req.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(req.method.as_str(), exp["method"], "{name}");
        assert_eq!(req.url, exp["url"].as_str().unwrap(), "{name}");
        let headers = exp["headers"].as_object().unwrap();
        assert_eq!(req.headers.len(), headers.len(), "{name}");
        for (k, v) in headers {
            assert_eq!(req.header(k), v.as_str(), "{name}: {k}");
        }
        match exp.get("json") {
            Some(j) => {
                let mut want = j.clone();
                strip_read_only(&mut want, read_only);
                assert_eq!(req.json_body().unwrap(), want, "{name}");
            }
            None => assert!(req.body.is_empty(), "{name}"),
        }
        covered.insert(op.to_string());
    }
    let missing: Vec<_> = storesubmit::api::OPERATIONS
        .iter()
        .filter(|o| o.id.starts_with("devcenter.") && !covered.contains(o.id))
        .map(|o| o.id)
        .collect();
    assert!(missing.is_empty(), "devcenter operations without a vector: {missing:?}");
}

#[test]
fn paging_through_all_apps_with_next_links() {
    use storesubmit::HttpResponse;
    let ep = Endpoints::all_at("http://127.0.0.1:5000");
    let mut req = dc::list_apps(&ep, dc::Page { top: Some(2), skip: None }).unwrap();
    let pages = [
        serde_json::json!({"value": [{"id": "A"}, {"id": "B"}], "@nextLink": "applications?skip=2&top=2", "totalCount": 3}),
        serde_json::json!({"value": [{"id": "C"}], "totalCount": 3}),
    ];
    let mut ids = Vec::new();
    let mut urls = vec![req.url.clone()];
    for body in &pages {
        let list = dc::parse_app_list(&HttpResponse::json(200, body)).unwrap();
        ids.extend(list.items().iter().filter_map(|a| a.id.as_deref().map(str::to_string)));
        match list.next_link() {
            Some(link) => {
                req = dc::next_page(&ep, link).unwrap();
                urls.push(req.url.clone());
            }
            None => break,
        }
    }
    assert_eq!(ids, ["A", "B", "C"]);
    let list_apps = storesubmit::api::routes::operation("devcenter.list_apps").unwrap().path;
    let at = |q: &str| format!("http://127.0.0.1:5000{list_apps}?{q}");
    assert_eq!(urls, [at("top=2"), at("skip=2&top=2")]);
}
