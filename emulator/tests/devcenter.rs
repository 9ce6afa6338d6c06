//! The classic devcenter API through the emulator, with the core's builders and parsers: every operation
//! of the route table, the documented error paths (409 on a second pending submission, CommitFailed with
//! InvalidArchive / MissingFiles), status transitions on the emulated clock, gradual rollout, paging.

mod common;

use common::{body, zip_with, Emu};
use serde_json::{json, Value};
use storesubmit::api::blob::{put_blob, SasUrl};
use storesubmit::api::devcenter::{self as dc, Page};
use storesubmit::api::{self, Family};
use storesubmit::model::devcenter::{AddonCreate, AddonSubmission, AppSubmission, FlightCreate, FlightSubmission};
use storesubmit::{ErrorKind, HttpRequest, HttpResponse};

async fn call(emu: &Emu, req: storesubmit::Result<HttpRequest>) -> HttpResponse {
    emu.call(Family::Devcenter, req.expect("request builds")).await
}

/// Asserts the documented error status and the service's error body (`{code, data, details, message,
/// source, target}`), and that the core maps it to `kind`.
fn assert_error(r: &HttpResponse, status: u16, code: &str, kind: ErrorKind) {
    assert_eq!(r.status, status, "{}", String::from_utf8_lossy(&r.body));
    let b = body(r);
    common::assert_keys(&b, &["code", "data", "details", "message", "source", "target"]);
    assert_eq!(b["code"], code);
    assert_eq!(b["source"], "Ingestion Api");
    assert!(!b["message"].as_str().unwrap().is_empty());
    let e = storesubmit::Error::from_response(r);
    assert_eq!(e.kind(), kind);
    assert_eq!(e.server_errors()[0].code, code);
    assert!(e.correlation_id().is_some(), "correlation id on error responses");
}

async fn upload(emu: &Emu, url: &str, data: Vec<u8>) {
    let sas = SasUrl::parse(url).expect("SAS URL");
    let r = emu.send(&put_blob(&sas, sas.request_version(), data, Some("application/zip"))).await;
    assert_eq!(r.status, 201, "{}", String::from_utf8_lossy(&r.body));
}

fn status_of(r: &HttpResponse) -> String {
    dc::parse_submission_status(r).expect("status parses");
    body(r)["status"].as_str().unwrap_or("").to_string()
}

#[tokio::test]
async fn app_submission_lifecycle_with_documented_errors() {
    let emu = Emu::start();
    let ep = emu.ep.clone();
    let app = emu.info.app_id.clone();

    // Apps.
    let r = call(&emu, dc::list_apps(&ep, Page::default())).await;
    let list = dc::parse_app_list(&r).unwrap();
    assert_eq!(list.items().len(), 1);
    assert_eq!(body(&r)["totalCount"], 1);
    assert!(r.header("X-Correlation-ID").is_some() && r.header("MS-CorrelationId").is_some());
    let r = call(&emu, dc::get_app(&ep, &app)).await;
    dc::parse_app(&r).unwrap();
    let published = body(&r)["lastPublishedApplicationSubmission"]["id"].as_str().unwrap().to_string();
    assert!(body(&r).get("pendingApplicationSubmission").is_none());
    assert_error(&call(&emu, dc::get_app(&ep, "9NOSUCHAPP00")).await, 404, "ResourceNotFound", ErrorKind::NotFound);
    let r = call(&emu, dc::list_app_addons(&ep, &app, Page::default())).await;
    assert_eq!(dc::parse_app_addon_list(&r).unwrap().items().len(), 1);
    assert_eq!(body(&r)["value"][0], json!({"inAppProductId": emu.info.addon_id}));
    let r = call(&emu, dc::list_app_flights(&ep, &app, Page::default())).await;
    assert_eq!(dc::parse_flight_list(&r).unwrap().items().len(), 1);
    assert_eq!(body(&r)["value"][0]["flightId"], emu.info.flight_id.as_str());

    // Create: a copy of the last published submission with a fresh SAS upload URL.
    let r = call(&emu, dc::get_app_submission(&ep, &app, &published)).await;
    let published_doc = body(&r);
    assert_eq!(published_doc["status"], "Published");
    let r = call(&emu, dc::create_app_submission(&ep, &app)).await;
    let sub: AppSubmission = dc::parse_app_submission(&r).unwrap();
    let doc = body(&r);
    let sid = doc["id"].as_str().unwrap().to_string();
    assert_ne!(sid, published);
    assert_eq!(doc["status"], "PendingCommit");
    assert_eq!(doc["listings"], published_doc["listings"]);
    assert_eq!(doc["applicationPackages"], published_doc["applicationPackages"]);
    let url = doc["fileUploadUrl"].as_str().unwrap().to_string();
    let sas = SasUrl::parse(&url).unwrap();
    assert!(sas.has_signature() && sas.permissions() == Some("rwl"));
    assert!(!format!("{sub:?}").contains(url.split("sig=").nth(1).unwrap()), "Debug redacts the SAS signature");
    let r = call(&emu, dc::get_app(&ep, &app)).await;
    assert_eq!(body(&r)["pendingApplicationSubmission"]["id"], sid.as_str());
    assert_eq!(
        body(&r)["pendingApplicationSubmission"]["resourceLocation"],
        format!("applications/{app}/submissions/{sid}").as_str()
    );

    // Documented 409: one pending submission per app.
    let r = call(&emu, dc::create_app_submission(&ep, &app)).await;
    assert_error(&r, 409, "InvalidState", ErrorKind::Conflict);
    assert_eq!(body(&r)["target"], "applicationSubmission");

    // Rollout calls on a submission that is not published: 409.
    assert_error(
        &call(&emu, dc::halt_app_package_rollout(&ep, &app, &sid)).await,
        409,
        "InvalidState",
        ErrorKind::Conflict,
    );

    // Update: read-only fields in the body are ignored, unknown fields kept.
    let mut changed = doc.clone();
    changed["notesForCertification"] = json!("emulator test");
    changed["futureField"] = json!({"kept": true});
    changed["applicationPackages"]
        .as_array_mut()
        .unwrap()
        .push(json!({"fileName": "pkgs/new.msixupload", "fileStatus": "PendingUpload", "minimumDirectXVersion": "None", "minimumSystemRam": "None"}));
    changed["packageDeliveryOptions"]["packageRollout"] =
        json!({"isPackageRollout": true, "packageRolloutPercentage": 25.0});
    let mut raw = changed.clone();
    raw["status"] = json!("Published");
    raw["id"] = json!("1");
    let raw_req = api::build(
        &ep,
        "devcenter.update_app_submission",
        &json!({"applicationId": app, "submissionId": sid, "body": raw}),
    );
    let r = call(&emu, raw_req).await;
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let updated = body(&r);
    assert_eq!(updated["status"], "PendingCommit", "status is read-only");
    assert_eq!(updated["id"], sid.as_str(), "id is read-only");
    assert_eq!(updated["fileUploadUrl"], url.as_str());
    assert_eq!(updated["futureField"], json!({"kept": true}));
    assert_eq!(updated["packageDeliveryOptions"]["packageRollout"]["packageRolloutStatus"], "PackageRolloutNotStarted");
    // The same update through the typed builder.
    let model: AppSubmission = serde_json::from_value(changed.clone()).unwrap();
    let r = call(&emu, dc::update_app_submission(&ep, &app, &sid, &model)).await;
    dc::parse_app_submission(&r).unwrap();

    // An invalid update: 400 with the core's issue codes in `details`.
    let mut bad = changed.clone();
    bad["packageDeliveryOptions"]["packageRollout"]["packageRolloutPercentage"] = json!(150);
    bad["visibility"] = json!("Sometimes");
    let model: AppSubmission = serde_json::from_value(bad).unwrap();
    let r = call(&emu, dc::update_app_submission(&ep, &app, &sid, &model)).await;
    assert_error(&r, 400, "InvalidParameterValue", ErrorKind::BadRequest);
    let details = body(&r)["details"].as_array().unwrap().clone();
    assert!(details.len() >= 2, "{details:?}");
    assert!(details.iter().all(|d| d["target"].as_str().unwrap().starts_with('/')));

    // Commit with nothing uploaded: CommitStarted, then CommitFailed + MissingFiles on the emulated clock.
    let r = call(&emu, dc::commit_app_submission(&ep, &app, &sid)).await;
    assert_eq!(dc::parse_commit(&r).unwrap().status().map(|s| s.is_committing()), Some(true));
    assert_eq!(body(&r), json!({"status": "CommitStarted"}));
    assert_eq!(status_of(&call(&emu, dc::get_app_submission_status(&ep, &app, &sid)).await), "CommitStarted");
    assert_error(
        &call(&emu, dc::commit_app_submission(&ep, &app, &sid)).await,
        409,
        "InvalidState",
        ErrorKind::Conflict,
    );
    emu.advance(100.0);
    let r = call(&emu, dc::get_app_submission_status(&ep, &app, &sid)).await;
    assert_eq!(status_of(&r), "CommitFailed");
    let errs = body(&r)["statusDetails"]["errors"].clone();
    assert_eq!(errs.as_array().unwrap().len(), 1);
    assert_eq!(errs[0]["code"], "MissingFiles");
    assert!(errs[0]["details"].as_str().unwrap().contains("pkgs/new.msixupload"), "{errs}");

    // Not a ZIP: InvalidArchive.
    upload(&emu, &url, b"this is not a zip archive at all".to_vec()).await;
    call(&emu, dc::commit_app_submission(&ep, &app, &sid)).await;
    emu.advance(100.0);
    let r = call(&emu, dc::get_app_submission_status(&ep, &app, &sid)).await;
    assert_eq!(status_of(&r), "CommitFailed");
    assert_eq!(body(&r)["statusDetails"]["errors"][0]["code"], "InvalidArchive");

    // A ZIP without the new package: MissingFiles again.
    upload(&emu, &url, zip_with(&["other.appx"])).await;
    call(&emu, dc::commit_app_submission(&ep, &app, &sid)).await;
    emu.advance(100.0);
    let r = call(&emu, dc::get_app_submission_status(&ep, &app, &sid)).await;
    assert_eq!(body(&r)["statusDetails"]["errors"][0]["code"], "MissingFiles");

    // The right ZIP: CommitStarted → PreProcessing → Certification → Release → Published.
    upload(&emu, &url, zip_with(&["pkgs/new.msixupload"])).await;
    call(&emu, dc::commit_app_submission(&ep, &app, &sid)).await;
    let mut seen = vec![status_of(&call(&emu, dc::get_app_submission_status(&ep, &app, &sid)).await)];
    for _ in 0..4 {
        emu.advance(100.0);
        seen.push(status_of(&call(&emu, dc::get_app_submission_status(&ep, &app, &sid)).await));
    }
    assert_eq!(seen, ["CommitStarted", "PreProcessing", "Certification", "Release", "Published"]);
    let r = call(&emu, dc::get_app_submission(&ep, &app, &sid)).await;
    let done = body(&r);
    assert!(done["statusDetails"]["errors"].as_array().unwrap().is_empty());
    assert!(!done["statusDetails"]["certificationReports"].as_array().unwrap().is_empty());
    let pkgs = done["applicationPackages"].as_array().unwrap();
    let new_pkg = pkgs.iter().find(|p| p["fileName"] == "pkgs/new.msixupload").unwrap();
    assert_eq!(new_pkg["fileStatus"], "Uploaded");
    assert!(!new_pkg["id"].as_str().unwrap().is_empty());
    let r = call(&emu, dc::get_app(&ep, &app)).await;
    assert_eq!(body(&r)["lastPublishedApplicationSubmission"]["id"], sid.as_str());
    assert!(body(&r).get("pendingApplicationSubmission").is_none());
    assert_error(
        &call(&emu, dc::update_app_submission(&ep, &app, &sid, &model)).await,
        409,
        "InvalidState",
        ErrorKind::Conflict,
    );
    assert_error(
        &call(&emu, dc::delete_app_submission(&ep, &app, &sid)).await,
        409,
        "InvalidState",
        ErrorKind::Conflict,
    );

    // Gradual rollout: the documented statuses.
    let r = call(&emu, dc::get_app_package_rollout(&ep, &app, &sid)).await;
    let ro = dc::parse_package_rollout(&r).unwrap();
    assert_eq!(ro.percentage(), Some(25.0));
    assert_eq!(
        body(&r),
        json!({"isPackageRollout": true, "packageRolloutPercentage": 25.0, "packageRolloutStatus": "PackageRolloutInProgress", "fallbackSubmissionId": published})
    );
    let r = call(&emu, dc::update_app_package_rollout_percentage(&ep, &app, &sid, 50.0)).await;
    assert_eq!(dc::parse_package_rollout(&r).unwrap().percentage(), Some(50.0));
    assert_eq!(body(&r)["packageRolloutStatus"], "PackageRolloutInProgress");
    let bad_pct = api::build(
        &ep,
        "devcenter.update_app_package_rollout_percentage",
        &json!({"applicationId": app, "submissionId": sid, "percentage": "lots"}),
    );
    assert_error(&call(&emu, bad_pct).await, 400, "InvalidParameterValue", ErrorKind::BadRequest);
    let r = call(&emu, dc::halt_app_package_rollout(&ep, &app, &sid)).await;
    assert_eq!(
        body(&r),
        json!({"isPackageRollout": true, "packageRolloutPercentage": 0.0, "packageRolloutStatus": "PackageRolloutStopped", "fallbackSubmissionId": published})
    );
    assert_error(
        &call(&emu, dc::update_app_package_rollout_percentage(&ep, &app, &sid, 60.0)).await,
        409,
        "InvalidState",
        ErrorKind::Conflict,
    );
    assert_error(
        &call(&emu, dc::finalize_app_package_rollout(&ep, &app, &sid)).await,
        409,
        "InvalidState",
        ErrorKind::Conflict,
    );

    // A submission of another app's id: 404; a submission that is not this app's: 409 (documented).
    assert_error(
        &call(&emu, dc::get_app_submission(&ep, &app, "1152921500000000000")).await,
        404,
        "ResourceNotFound",
        ErrorKind::NotFound,
    );
    let addon_sub = addon_published(&emu).await;
    assert_error(
        &call(&emu, dc::get_app_package_rollout(&ep, &app, &addon_sub)).await,
        409,
        "InvalidOperation",
        ErrorKind::Conflict,
    );

    // A new pending submission can be deleted; then it is gone.
    let r = call(&emu, dc::create_app_submission(&ep, &app)).await;
    let second = body(&r)["id"].as_str().unwrap().to_string();
    assert_eq!(
        body(&r)["packageDeliveryOptions"]["packageRollout"]["packageRolloutStatus"],
        "PackageRolloutNotStarted"
    );
    let r = call(&emu, dc::delete_app_submission(&ep, &app, &second)).await;
    assert_eq!(r.status, 204);
    dc::parse_deleted(&r).unwrap();
    assert_error(
        &call(&emu, dc::get_app_submission(&ep, &app, &second)).await,
        404,
        "ResourceNotFound",
        ErrorKind::NotFound,
    );
    let r = call(&emu, dc::create_app_submission(&ep, &app)).await;
    assert_eq!(r.status, 200, "deleting the pending submission allows a new one");
}

/// The fixture add-on's published submission id.
async fn addon_published(emu: &Emu) -> String {
    let r = emu.call(Family::Devcenter, dc::get_addon(&emu.ep, &emu.info.addon_id).unwrap()).await;
    body(&r)["lastPublishedInAppProductSubmission"]["id"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn addons_and_addon_submissions() {
    let emu = Emu::start();
    let ep = emu.ep.clone();
    let app = emu.info.app_id.clone();
    let r = call(&emu, dc::list_addons(&ep, Page::default())).await;
    assert_eq!(dc::parse_addon_list(&r).unwrap().items().len(), 1);
    let r = call(&emu, dc::get_addon(&ep, &emu.info.addon_id)).await;
    dc::parse_addon(&r).unwrap();
    assert_eq!(body(&r)["productType"], "Durable");

    let create: AddonCreate =
        serde_json::from_value(json!({"applicationIds": [app], "productId": "Coins100", "productType": "Consumable"}))
            .unwrap();
    let r = call(&emu, dc::create_addon(&ep, &create)).await;
    let addon = dc::parse_addon(&r).unwrap();
    let id = body(&r)["id"].as_str().unwrap().to_string();
    assert_eq!(body(&r)["applications"]["value"][0]["id"], app.as_str());
    let _ = addon;
    assert_error(&call(&emu, dc::create_addon(&ep, &create)).await, 409, "InvalidState", ErrorKind::Conflict);
    let bad: AddonCreate =
        serde_json::from_value(json!({"applicationIds": [app], "productId": "X", "productType": "Forever"})).unwrap();
    assert_error(&call(&emu, dc::create_addon(&ep, &bad)).await, 400, "InvalidParameterValue", ErrorKind::BadRequest);
    let r = call(&emu, dc::list_app_addons(&ep, &app, Page::default())).await;
    assert_eq!(body(&r)["totalCount"], 2);

    // A first submission of a new add-on, with an icon to upload.
    let r = call(&emu, dc::create_addon_submission(&ep, &id)).await;
    dc::parse_addon_submission(&r).unwrap();
    let doc = body(&r);
    let sid = doc["id"].as_str().unwrap().to_string();
    assert_eq!(doc["status"], "PendingCommit");
    assert_error(&call(&emu, dc::create_addon_submission(&ep, &id)).await, 409, "InvalidState", ErrorKind::Conflict);
    let mut changed = doc.clone();
    changed["listings"] = json!({"en-us": {"title": "100 coins", "description": "A hundred coins", "icon": {"fileName": "icons/coins.png", "fileStatus": "PendingUpload"}}});
    changed["pricing"]["priceId"] = json!("Tier2");
    let model: AddonSubmission = serde_json::from_value(changed).unwrap();
    let r = call(&emu, dc::update_addon_submission(&ep, &id, &sid, &model)).await;
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let r = call(&emu, dc::get_addon_submission(&ep, &id, &sid)).await;
    assert_eq!(body(&r)["listings"]["en-us"]["title"], "100 coins");
    upload(&emu, doc["fileUploadUrl"].as_str().unwrap(), zip_with(&["icons/coins.png"])).await;
    let r = call(&emu, dc::commit_addon_submission(&ep, &id, &sid)).await;
    dc::parse_commit(&r).unwrap();
    let mut seen = Vec::new();
    for _ in 0..5 {
        let r = call(&emu, dc::get_addon_submission_status(&ep, &id, &sid)).await;
        seen.push(status_of(&r));
        emu.advance(100.0);
    }
    assert_eq!(seen, ["CommitStarted", "PreProcessing", "Certification", "Release", "Published"]);
    let r = call(&emu, dc::get_addon_submission(&ep, &id, &sid)).await;
    assert_eq!(body(&r)["listings"]["en-us"]["icon"]["fileStatus"], "Uploaded");

    // Delete a pending add-on submission, then the add-on.
    let r = call(&emu, dc::create_addon_submission(&ep, &id)).await;
    let second = body(&r)["id"].as_str().unwrap().to_string();
    assert_eq!(body(&r)["listings"]["en-us"]["title"], "100 coins", "copied from the published one");
    let r = call(&emu, dc::delete_addon_submission(&ep, &id, &second)).await;
    assert_eq!(r.status, 204);
    let r = call(&emu, dc::delete_addon(&ep, &id)).await;
    dc::parse_deleted(&r).unwrap();
    assert_error(&call(&emu, dc::get_addon(&ep, &id)).await, 404, "ResourceNotFound", ErrorKind::NotFound);
    assert_error(&call(&emu, dc::delete_addon(&ep, &id)).await, 404, "ResourceNotFound", ErrorKind::NotFound);
}

#[tokio::test]
async fn flights_flight_submissions_and_rollout_finalize() {
    let emu = Emu::start();
    let ep = emu.ep.clone();
    let app = emu.info.app_id.clone();
    let flight = emu.info.flight_id.clone();
    let r = call(&emu, dc::get_flight(&ep, &app, &flight)).await;
    dc::parse_flight(&r).unwrap();
    let published = body(&r)["lastPublishedFlightSubmission"]["id"].as_str().unwrap().to_string();
    assert_error(
        &call(&emu, dc::get_flight(&ep, &app, "00000000-0000-0000-0000-000000000000")).await,
        404,
        "ResourceNotFound",
        ErrorKind::NotFound,
    );

    let create: FlightCreate = serde_json::from_value(
        json!({"friendlyName": "insiders", "groupIds": ["1152921504606962205"], "rankHigherThan": "myflight"}),
    )
    .unwrap();
    let r = call(&emu, dc::create_flight(&ep, &app, &create)).await;
    dc::parse_flight(&r).unwrap();
    let new_flight = body(&r)["flightId"].as_str().unwrap().to_string();
    // as Microsoft's flight sample expects, the flight comes with its first pending submission
    let first = body(&r)["pendingFlightSubmission"]["id"].as_str().expect("pendingFlightSubmission").to_string();
    assert_eq!(
        body(&r)["pendingFlightSubmission"]["resourceLocation"],
        format!("flights/{new_flight}/submissions/{first}")
    );
    assert_error(&call(&emu, dc::create_flight(&ep, &app, &create)).await, 409, "InvalidState", ErrorKind::Conflict);
    let r = call(&emu, dc::list_app_flights(&ep, &app, Page::default())).await;
    assert_eq!(body(&r)["totalCount"], 2);

    // The fixture flight: submission with rollout, publish, then update and finalize the rollout.
    let r = call(&emu, dc::create_flight_submission(&ep, &app, &flight)).await;
    dc::parse_flight_submission(&r).unwrap();
    let doc = body(&r);
    let sid = doc["id"].as_str().unwrap().to_string();
    assert_eq!(doc["flightId"], flight.as_str());
    assert_error(
        &call(&emu, dc::create_flight_submission(&ep, &app, &flight)).await,
        409,
        "InvalidState",
        ErrorKind::Conflict,
    );
    let mut changed = doc.clone();
    changed["flightPackages"] = json!([{"fileName": "flight2.appx", "fileStatus": "PendingUpload", "minimumDirectXVersion": "None", "minimumSystemRam": "None"}]);
    changed["packageDeliveryOptions"]["packageRollout"] =
        json!({"isPackageRollout": true, "packageRolloutPercentage": 10.0});
    let model: FlightSubmission = serde_json::from_value(changed).unwrap();
    let r = call(&emu, dc::update_flight_submission(&ep, &app, &flight, &sid, &model)).await;
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let r = call(&emu, dc::get_flight_submission(&ep, &app, &flight, &sid)).await;
    assert_eq!(body(&r)["flightPackages"][0]["fileName"], "flight2.appx");
    upload(&emu, doc["fileUploadUrl"].as_str().unwrap(), zip_with(&["flight2.appx"])).await;
    call(&emu, dc::commit_flight_submission(&ep, &app, &flight, &sid)).await;
    let mut last = String::new();
    for _ in 0..5 {
        last = status_of(&call(&emu, dc::get_flight_submission_status(&ep, &app, &flight, &sid)).await);
        emu.advance(100.0);
    }
    assert_eq!(last, "Published");
    let r = call(&emu, dc::get_flight_package_rollout(&ep, &app, &flight, &sid)).await;
    assert_eq!(
        body(&r),
        json!({"isPackageRollout": true, "packageRolloutPercentage": 10.0, "packageRolloutStatus": "PackageRolloutInProgress", "fallbackSubmissionId": published})
    );
    let r = call(&emu, dc::update_flight_package_rollout_percentage(&ep, &app, &flight, &sid, 12.5)).await;
    assert_eq!(dc::parse_package_rollout(&r).unwrap().percentage(), Some(12.5));
    let r = call(&emu, dc::finalize_flight_package_rollout(&ep, &app, &flight, &sid)).await;
    assert_eq!(
        body(&r),
        json!({"isPackageRollout": true, "packageRolloutPercentage": 100.0, "packageRolloutStatus": "PackageRolloutComplete", "fallbackSubmissionId": published})
    );
    assert_error(
        &call(&emu, dc::halt_flight_package_rollout(&ep, &app, &flight, &sid)).await,
        409,
        "InvalidState",
        ErrorKind::Conflict,
    );

    // The new flight: submission, halt on an unpublished one (409), delete it, delete the flight.
    assert_error(
        &call(&emu, dc::create_flight_submission(&ep, &app, &new_flight)).await,
        409,
        "InvalidState",
        ErrorKind::Conflict,
    );
    let r = call(&emu, dc::get_flight_submission(&ep, &app, &new_flight, &first)).await;
    let fsid = body(&r)["id"].as_str().unwrap().to_string();
    assert_eq!(fsid, first);
    assert_error(
        &call(&emu, dc::halt_flight_package_rollout(&ep, &app, &new_flight, &fsid)).await,
        409,
        "InvalidState",
        ErrorKind::Conflict,
    );
    assert_error(
        &call(&emu, dc::get_flight_submission(&ep, &app, &new_flight, &sid)).await,
        409,
        "InvalidOperation",
        ErrorKind::Conflict,
    );
    let r = call(&emu, dc::delete_flight_submission(&ep, &app, &new_flight, &fsid)).await;
    assert_eq!(r.status, 204);
    let r = call(&emu, dc::delete_flight(&ep, &app, &new_flight)).await;
    dc::parse_deleted(&r).unwrap();
    assert_error(
        &call(&emu, dc::get_flight(&ep, &app, &new_flight)).await,
        404,
        "ResourceNotFound",
        ErrorKind::NotFound,
    );
}

fn many_apps_fixture(n: usize) -> Value {
    let apps: Vec<Value> = (0..n)
        .map(|i| {
            json!({"app": {"id": format!("9NAPP{i:07}"), "primaryName": format!("App {i}"), "firstPublishedDate": "2020-01-01T00:00:00Z"},
                   "submissions": [{"id": format!("11529215046200{i:05}"), "status": "Published", "applicationPackages": []}]})
        })
        .collect();
    let addons: Vec<Value> = (0..n)
        .map(|i| json!({"addon": {"id": format!("9NADD{i:07}"), "productId": format!("p{i}"), "productType": "Durable",
                                  "applications": {"value": [{"id": "9NAPP0000000", "resourceLocation": "applications/9NAPP0000000"}], "totalCount": 1}}}))
        .collect();
    json!({"devcenter": {"apps": apps, "addons": addons}})
}

#[tokio::test]
async fn top_skip_and_next_link_paging() {
    let mut cfg = common::config();
    cfg.fixture = Some(many_apps_fixture(23));
    let emu = Emu::with(cfg);
    let ep = emu.ep.clone();

    // Default page: the first 10 (documented), with the documented relative @nextLink.
    let r = call(&emu, dc::list_apps(&ep, Page::default())).await;
    assert_eq!(body(&r)["value"].as_array().unwrap().len(), 10);
    assert_eq!(body(&r)["@nextLink"], "applications?skip=10&top=10");
    assert_eq!(body(&r)["totalCount"], 23);

    // Follow @nextLink with the core until it is absent.
    let mut ids = Vec::new();
    let mut req = dc::list_apps(&ep, Page { top: Some(10), skip: None }).unwrap();
    let mut pages = 0;
    loop {
        let r = emu.call(Family::Devcenter, req).await;
        let page = dc::parse_app_list(&r).unwrap();
        pages += 1;
        ids.extend(body(&r)["value"].as_array().unwrap().iter().map(|a| a["id"].as_str().unwrap().to_string()));
        match page.next_link() {
            Some(link) => req = dc::next_page(&ep, link).unwrap(),
            None => break,
        }
    }
    assert_eq!(pages, 3);
    assert_eq!(ids.len(), 23);
    ids.dedup();
    assert_eq!(ids.len(), 23, "no app twice");
    let r = call(&emu, dc::list_apps(&ep, Page::new(23, 0))).await;
    assert!(body(&r).get("@nextLink").is_none(), "top = total: one page");
    let r = call(&emu, dc::list_apps(&ep, Page::new(5, 20))).await;
    assert_eq!(body(&r)["value"].as_array().unwrap().len(), 3);
    let r = call(&emu, dc::list_apps(&ep, Page::new(5, 30))).await;
    assert_eq!(body(&r)["value"], json!([]));
    let r = call(&emu, dc::list_apps(&ep, Page::new(0, 0))).await;
    assert_error(&r, 400, "InvalidParameterValue", ErrorKind::BadRequest);

    // Add-on lists page the same way, with their documented links.
    let r = call(&emu, dc::list_addons(&ep, Page::new(10, 0))).await;
    assert_eq!(body(&r)["@nextLink"], "inappproducts/?skip=10&top=10");
    let next = dc::next_page(&ep, body(&r)["@nextLink"].as_str().unwrap()).unwrap();
    let r = emu.call(Family::Devcenter, next).await;
    assert_eq!(dc::parse_addon_list(&r).unwrap().items().len(), 10);
    let r = call(&emu, dc::list_app_addons(&ep, "9NAPP0000000", Page::new(20, 0))).await;
    assert_eq!(body(&r)["@nextLink"], "applications/9NAPP0000000/listinappproducts/?skip=20&top=20");
    let next = dc::next_page(&ep, body(&r)["@nextLink"].as_str().unwrap()).unwrap();
    let r = emu.call(Family::Devcenter, next).await;
    assert_eq!(dc::parse_app_addon_list(&r).unwrap().items().len(), 3);
    // An app without add-ons or flights: 404 (documented "no add-ons were found").
    assert_error(
        &call(&emu, dc::list_app_flights(&ep, "9NAPP0000001", Page::default())).await,
        404,
        "ResourceNotFound",
        ErrorKind::NotFound,
    );
}

#[tokio::test]
async fn failed_outcomes_and_every_devcenter_operation_covered() {
    // Certification fails on this emulator: the submission stops in CertificationFailed with an error.
    let mut cfg = common::config();
    cfg.outcomes.devcenter = "CertificationFailed".into();
    let emu = Emu::with(cfg);
    let ep = emu.ep.clone();
    let app = emu.info.app_id.clone();
    let r = call(&emu, dc::create_app_submission(&ep, &app)).await;
    let sid = body(&r)["id"].as_str().unwrap().to_string();
    call(&emu, dc::commit_app_submission(&ep, &app, &sid)).await;
    let mut seen = Vec::new();
    for _ in 0..4 {
        seen.push(status_of(&call(&emu, dc::get_app_submission_status(&ep, &app, &sid)).await));
        emu.advance(100.0);
    }
    assert_eq!(seen, ["CommitStarted", "PreProcessing", "Certification", "CertificationFailed"]);
    let r = call(&emu, dc::get_app_submission(&ep, &app, &sid)).await;
    assert!(!body(&r)["statusDetails"]["errors"].as_array().unwrap().is_empty());
    assert!(dc::parse_app_submission(&r).unwrap().status.get().is_some_and(|s| s.is_failure()));
    // A failed submission stays pending until deleted.
    assert_error(&call(&emu, dc::create_app_submission(&ep, &app)).await, 409, "InvalidState", ErrorKind::Conflict);
    assert_eq!(call(&emu, dc::delete_app_submission(&ep, &app, &sid)).await.status, 204);

    // The other tests of this file exercise each devcenter operation; this one checks the route table is
    // fully served (every operation answers with a documented status, not 404/405 from the router).
    let addon = emu.info.addon_id.clone();
    let flight = emu.info.flight_id.clone();
    let x = "1152921500000000000";
    for op in storesubmit::api::OPERATIONS.iter().filter(|o| o.family == Family::Devcenter) {
        let mut args = json!({});
        for p in op.path_params() {
            args[p] = json!(match p {
                "applicationId" => app.as_str(),
                "inAppProductId" => addon.as_str(),
                "flightId" => flight.as_str(),
                _ => x,
            });
        }
        if op.body {
            args["body"] = json!({});
        }
        if op.query.contains(&"percentage") {
            args["percentage"] = json!(50);
        }
        let r = call(&emu, api::build(&ep, op.id, &args)).await;
        let b: Value = serde_json::from_slice(&r.body).unwrap_or(Value::Null);
        let routed = !(r.status == 404 && b["message"] == "No such resource.") && r.status != 405;
        assert!(routed, "{}: {} {}", op.id, r.status, b);
    }
    emu.assert_family_covered(Family::Devcenter).await;
}

#[tokio::test]
async fn archive_checks_follow_the_core_files_rules() {
    let emu = Emu::start();
    let ep = emu.ep.clone();
    let (app, flight) = (emu.info.app_id.clone(), emu.info.flight_id.clone());
    let r = call(&emu, dc::create_flight_submission(&ep, &app, &flight)).await;
    let doc = body(&r);
    let sid = doc["id"].as_str().unwrap().to_string();
    let url = doc["fileUploadUrl"].as_str().unwrap().to_string();
    let with_package = |name: &str| -> FlightSubmission {
        let mut d = doc.clone();
        d["flightPackages"] = json!([{"fileName": name, "fileStatus": "PendingUpload", "minimumDirectXVersion": "None", "minimumSystemRam": "None"}]);
        serde_json::from_value(d).unwrap()
    };
    // A file name outside the ZIP is refused at update, with the core's code.
    let r = call(&emu, dc::update_flight_submission(&ep, &app, &flight, &sid, &with_package("../escape.appx"))).await;
    assert_error(&r, 400, "InvalidParameterValue", ErrorKind::BadRequest);
    assert!(body(&r)["details"].to_string().contains("files.parent_segment"));
    // `\` in the submission is the ZIP's `/`; names are compared exactly (case included), as the core does.
    let r =
        call(&emu, dc::update_flight_submission(&ep, &app, &flight, &sid, &with_package("Packages\\App.appx"))).await;
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let commit_and_errors = |zip: Vec<u8>| {
        let (emu, ep, app, flight, sid, url) =
            (&emu, ep.clone(), app.clone(), flight.clone(), sid.clone(), url.clone());
        async move {
            upload(emu, &url, zip).await;
            call(emu, dc::commit_flight_submission(&ep, &app, &flight, &sid)).await;
            emu.advance(100.0);
            let r = call(emu, dc::get_flight_submission_status(&ep, &app, &flight, &sid)).await;
            (status_of(&r), body(&r)["statusDetails"]["errors"].clone())
        }
    };
    let (status, errors) = commit_and_errors(common::raw_zip(&["packages/app.appx"])).await;
    assert_eq!((status.as_str(), errors[0]["code"].as_str()), ("CommitFailed", Some("MissingFiles")));
    let (status, errors) = commit_and_errors(common::raw_zip(&["Packages/App.appx", "/etc/passwd"])).await;
    assert_eq!((status.as_str(), errors[0]["code"].as_str()), ("CommitFailed", Some("InvalidArchive")));
    assert!(errors[0]["details"].as_str().unwrap().contains("/etc/passwd"));
    let (status, errors) = commit_and_errors(common::raw_zip(&["Packages/", "Packages/App.appx"])).await;
    assert_eq!(status, "PreProcessing", "{errors}");
}

/// Microsoft's samples send PascalCase names; the service binds them case-insensitively. The emulator
/// accepts such an update (it was rejected: `trailers[0].videoFileName` missing) and stores the documented
/// spelling, PascalCase gaming options included.
#[tokio::test]
async fn pascal_case_updates_from_microsofts_samples_are_bound_case_insensitively() {
    let emu = Emu::start();
    let ep = emu.ep.clone();
    let app = emu.info.app_id.clone();
    let r = call(&emu, dc::create_app_submission(&ep, &app)).await;
    let mut doc = body(&r);
    let sid = doc["id"].as_str().unwrap().to_string();
    // the sample's classes serialise every name in PascalCase: no camelCase twin in the body
    let obj = doc.as_object_mut().unwrap();
    obj.remove("trailers");
    obj.remove("gamingOptions");
    doc["Trailers"] = json!([{
        "VideoFileName": "trailers/main.mp4",
        "TrailerAssets": {"en-us": {"Title": "Main trailer", "ImageList": [{"FileName": "trailers/thumb.png", "Description": "Thumb"}]}}
    }]);
    doc["GamingOptions"] = json!([{"Genres": ["Games_Fighting"], "IsLocalMultiplayer": true}]);
    let req = api::build(
        &ep,
        "devcenter.update_app_submission",
        &json!({"applicationId": app, "submissionId": sid, "body": doc}),
    );
    let r = call(&emu, req).await;
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let stored = body(&call(&emu, dc::get_app_submission(&ep, &app, &sid)).await);
    assert_eq!(stored["trailers"][0]["videoFileName"], "trailers/main.mp4");
    assert_eq!(stored["trailers"][0]["trailerAssets"]["en-us"]["imageList"][0]["fileName"], "trailers/thumb.png");
    assert_eq!(stored["gamingOptions"][0]["genres"], json!(["Games_Fighting"]));
    assert_eq!(stored["gamingOptions"][0]["isLocalMultiplayer"], true);
    assert!(stored.get("Trailers").is_none() && stored.get("GamingOptions").is_none(), "{stored}");
}

/// The docs say a trailer's `imageList` holds one image; Microsoft's published samples send two. The
/// emulator accepts what the samples send (the validator only warns: `trailer.thumbnail.extra`), and a
/// trailer with no thumbnail is still refused.
#[tokio::test]
async fn two_trailer_thumbnails_as_the_samples_send_are_accepted_and_none_is_refused() {
    let emu = Emu::start();
    let ep = emu.ep.clone();
    let app = emu.info.app_id.clone();
    let r = call(&emu, dc::create_app_submission(&ep, &app)).await;
    let mut doc = body(&r);
    let sid = doc["id"].as_str().unwrap().to_string();
    let update = |doc: &Value| {
        api::build(
            &ep,
            "devcenter.update_app_submission",
            &json!({"applicationId": app, "submissionId": sid, "body": doc}),
        )
    };
    let images = json!([{"fileName": "trailers/thumb1.png"}, {"fileName": "trailers/thumb2.png"}]);
    doc["trailers"] = json!([{"videoFileName": "trailers/main.mp4", "trailerAssets": {"en-us": {"title": "T", "imageList": images}}}]);
    let r = call(&emu, update(&doc)).await;
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let stored = body(&call(&emu, dc::get_app_submission(&ep, &app, &sid)).await);
    assert_eq!(stored["trailers"][0]["trailerAssets"]["en-us"]["imageList"].as_array().map(Vec::len), Some(2));
    doc["trailers"][0]["trailerAssets"]["en-us"]["imageList"] = json!([]);
    let r = call(&emu, update(&doc)).await;
    assert_eq!(r.status, 400, "{}", String::from_utf8_lossy(&r.body));
}
