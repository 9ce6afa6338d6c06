//! A client's `connection` option (what the Python, Node and .NET packages and the GitHub Action pass):
//! the core resolves it by the one precedence and signs in with its method — here the emulator's GitHub-like
//! ID-token endpoint, given as a CI runner gives it (environment variables), with no secret anywhere.

use std::time::Duration;

use serde_json::json;
use storesubmit::host::{Session, SessionHost};
use storesubmit::wire::Job;
use storesubmit_emulator::{Config, Emulator};

#[test]
fn a_session_signs_in_with_the_connection_it_is_given() {
    let emu = Emulator::start_blocking(Config::default()).unwrap();
    let info = emu.info().clone();
    let options = json!({"connection": {
        "explicit": {"tenantId": info.tenant_id, "clientId": info.client_id, "devcenterUrl": info.devcenter_url,
                     "tokenUrl": info.token_url},
        "env": {"ACTIONS_ID_TOKEN_REQUEST_URL": info.oidc_request_url, "ACTIONS_ID_TOKEN_REQUEST_TOKEN": info.oidc_request_token},
        "naming": "argument",
    }});
    let request = json!({"workflow": "call", "op": "devcenter.get_app", "args": {"applicationId": info.app_id}});
    let session = Session::start(Job::start(&options, None, &request).unwrap(), SessionHost::default()).unwrap();
    let done = loop {
        let step = session.next(Duration::from_secs(30));
        assert!(step["tasks"].as_array().unwrap().is_empty(), "nothing is delegated: {step}");
        if !step["done"].is_null() {
            break step["done"].clone();
        }
    };
    assert_eq!(done["outcome"]["document"]["id"], info.app_id.as_str(), "{done}");
    assert_eq!(emu.count_op("oidc.token"), 1);

    // a connection missing what its method needs is refused before anything runs, naming the ways
    let bad = json!({"connection": {"explicit": {"auth": "github-oidc", "tenantId": "t", "clientId": "c"}, "env": {}}});
    let e = Job::start(&bad, None, &request).unwrap_err();
    assert!(e.message().contains("ACTIONS_ID_TOKEN_REQUEST_URL"), "{e}");
    let e = storesubmit::options::ClientOptions::from_json(&json!({"connection": {"explicit": []}})).unwrap_err();
    assert!(e.message().contains("/connection/explicit: must be an object"), "{e}");
}
