//! The MSI/EXE (win32) API through the emulator with the core's builders and parsers: the envelope and
//! X-Correlation-ID on every answer, X-Seller-Account-Id, metadata PUT/PATCH, packages (ids regenerated
//! by a full update), packages commit and module status, `packageuploaderror`, listing assets with SAS
//! uploads, submit with `ongoingSubmissionId` + `pollingUrl`, INPROGRESS → PUBLISHED / FAILED.

mod common;

use common::{body, Emu};
use serde_json::{json, Value};
use storesubmit::api::blob::{put_blob, SasUrl};
use storesubmit::api::win32::{self as w32, MetadataQuery, Win32};
use storesubmit::api::{Family, SELLER_HEADER};
use storesubmit::model::win32::{
    CommitAssetsRequest, CreateAssetsRequest, MetadataModule, MetadataUpdate, Package, PackageList,
};
use storesubmit::{ErrorKind, HttpRequest, HttpResponse};

async fn call(emu: &Emu, req: storesubmit::Result<HttpRequest>) -> HttpResponse {
    let r = emu.call(Family::Win32, req.expect("request builds")).await;
    assert!(r.header("X-Correlation-ID").is_some_and(|c| c.len() == 36), "X-Correlation-ID on every response");
    let b = body(&r);
    common::assert_keys(&b, &["errors", "isSuccess", "responseData"]);
    r
}

fn data(r: &HttpResponse) -> Value {
    body(r)["responseData"].clone()
}

fn assert_envelope_error(r: &HttpResponse, status: u16, code: &str, kind: ErrorKind) {
    assert_eq!(r.status, status, "{}", String::from_utf8_lossy(&r.body));
    let b = body(r);
    assert_eq!(b["isSuccess"], false);
    assert_eq!(b["errors"][0]["code"], code, "{b}");
    let e = w32::parse_envelope::<Value>(r).unwrap_err();
    assert_eq!(e.kind(), kind);
    assert_eq!(e.server_errors()[0].code, code);
    assert!(e.correlation_id().is_some());
}

fn png(w: u32, h: u32) -> Vec<u8> {
    let mut p = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    p.extend_from_slice(&w.to_be_bytes());
    p.extend_from_slice(&h.to_be_bytes());
    p.extend_from_slice(&[8, 6, 0, 0, 0, 0, 0, 0, 0]);
    p
}

async fn upload(emu: &Emu, url: &str, data: Vec<u8>) -> HttpResponse {
    let sas = SasUrl::parse(url).unwrap();
    emu.send(&put_blob(&sas, sas.request_version(), data, Some("image/png"))).await
}

#[tokio::test]
async fn seller_header_and_token_are_required() {
    let emu = Emu::start();
    let ep = emu.ep.clone();
    let pid = emu.info.win32_product_id.clone();
    let api = Win32::new(&ep, emu.info.seller_id.clone()).unwrap();
    let mut req = api.get_module_status(&pid).unwrap();
    req.headers.retain(|(n, _)| !n.eq_ignore_ascii_case(SELLER_HEADER));
    let r = call(&emu, Ok(req)).await;
    assert_envelope_error(&r, 400, "badrequest", ErrorKind::BadRequest);
    assert_eq!(body(&r)["errors"][0]["target"], SELLER_HEADER);
    let other = Win32::new(&ep, "99999999").unwrap();
    assert_envelope_error(&call(&emu, other.get_module_status(&pid)).await, 403, "forbidden", ErrorKind::Forbidden);
    // No token: 401 in the envelope, with a Bearer challenge.
    let r = emu.send(&api.get_module_status(&pid).unwrap()).await;
    assert_envelope_error(&r, 401, "unauthorized", ErrorKind::Auth);
    assert!(r.header("WWW-Authenticate").unwrap().starts_with("Bearer"));
    // A devcenter token is not a win32 token.
    let mut req = api.get_module_status(&pid).unwrap();
    req.authorize(&emu.token(Family::Devcenter).await);
    assert_envelope_error(&emu.send(&req).await, 401, "unauthorized", ErrorKind::Auth);
    assert_envelope_error(
        &call(&emu, api.get_module_status("9NOSUCHPRODUCT")).await,
        404,
        "notfound",
        ErrorKind::NotFound,
    );
}

#[tokio::test]
async fn draft_packages_assets_and_submission() {
    let emu = Emu::start();
    let ep = emu.ep.clone();
    let pid = emu.info.win32_product_id.clone();
    let api = Win32::new(&ep, emu.info.seller_id.clone()).unwrap();

    // Metadata: all modules, one module, languages filter, language list.
    let r = call(&emu, api.get_metadata(&pid, &MetadataQuery::default())).await;
    let md = w32::parse_metadata(&r).unwrap();
    assert!(md.succeeded());
    let d = data(&r);
    assert_eq!(d["availability"]["markets"], json!(["US"]));
    assert_eq!(d["listings"][0]["language"], "en-us");
    assert!(d.get("listingLanguages").is_none());
    let q = MetadataQuery { languages: vec!["en-us".into()], include_language_list: Some(true) };
    let r = call(&emu, api.get_metadata_module(&pid, &MetadataModule::Listings, &q)).await;
    let d = data(&r);
    assert!(d.get("availability").is_none() && d.get("properties").is_none());
    assert_eq!(d["listingLanguages"], json!([{"language": "en-us", "isComplete": true}]));
    let q = MetadataQuery { languages: vec!["fr-fr".into()], include_language_list: None };
    let r = call(&emu, api.get_metadata_module(&pid, &MetadataModule::Listings, &q)).await;
    assert_eq!(data(&r)["listings"], json!([]));
    let r = call(&emu, api.get_metadata_module(&pid, &MetadataModule::Properties, &MetadataQuery::default())).await;
    assert_eq!(data(&r)["properties"]["category"], "DeveloperTools");
    let r =
        call(&emu, api.get_metadata_module(&pid, &MetadataModule::Other("pricing".into()), &MetadataQuery::default()))
            .await;
    assert_envelope_error(&r, 400, "badrequest", ErrorKind::BadRequest);

    // PUT replaces whole modules (absent fields take defaults); PATCH merges.
    let put: MetadataUpdate = serde_json::from_value(json!({
        "availability": {"markets": ["US", "CA"], "discoverability": "DEEPLINK_ONLY", "enableInFutureMarkets": false, "pricing": "FREE"},
        "listingsToAdd": ["fr-fr"]
    }))
    .unwrap();
    let r = call(&emu, api.put_metadata(&pid, &put)).await;
    let pd = w32::parse_polling(&r).unwrap();
    assert_eq!(w32::polling_url(&pd), Some(format!("/submission/v1/product/{pid}/status").as_str()));
    let r = call(&emu, api.get_metadata(&pid, &MetadataQuery { languages: vec![], include_language_list: Some(true) }))
        .await;
    let d = data(&r);
    assert_eq!(
        d["availability"],
        json!({"markets": ["US", "CA"], "discoverability": "DEEPLINK_ONLY", "enableInFutureMarkets": false, "pricing": "FREE", "freeTrial": "NO_FREE_TRIAL"})
    );
    assert_eq!(d["properties"]["category"], "DeveloperTools", "a module absent from the PUT is untouched");
    assert_eq!(
        d["listingLanguages"],
        json!([{"language": "en-us", "isComplete": true}, {"language": "fr-fr", "isComplete": false}])
    );
    let patch: MetadataUpdate = serde_json::from_value(json!({"listings": {"language": "en-us", "description": "Patched"}, "properties": {"productDeclarations": {"penAndInkSupport": true}}})).unwrap();
    call(&emu, api.patch_metadata(&pid, &patch)).await;
    let r = call(&emu, api.get_metadata(&pid, &MetadataQuery::default())).await;
    let d = data(&r);
    assert_eq!(d["listings"][0]["description"], "Patched");
    assert_eq!(d["listings"][0]["whatsNew"], "What's New", "PATCH keeps the other fields");
    assert_eq!(
        d["properties"]["productDeclarations"],
        json!({"dependsOnDriversOrNT": false, "accessibilitySupport": false, "penAndInkSupport": true})
    );
    let bad: MetadataUpdate = serde_json::from_value(json!({"availability": {"markets": ["XX"], "discoverability": "DISCOVERABLE", "enableInFutureMarkets": true, "pricing": "PAID"}})).unwrap();
    let r = call(&emu, api.put_metadata(&pid, &bad)).await;
    assert_envelope_error(&r, 400, "badrequest", ErrorKind::BadRequest);
    let msgs = body(&r)["errors"].to_string();
    assert!(msgs.contains("market.unknown") && msgs.contains("/availability/freeTrial"), "{msgs}");
    let remove: MetadataUpdate = serde_json::from_value(json!({"listingsToRemove": ["fr-fr"]})).unwrap();
    call(&emu, api.patch_metadata(&pid, &remove)).await;

    // Packages: GET all/one; a full update regenerates ids; PATCH by the new id.
    let r = call(&emu, api.get_packages(&pid)).await;
    let pkgs = w32::parse_packages(&r).unwrap();
    assert!(pkgs.succeeded());
    let old_id = data(&r)["packages"][0]["packageId"].as_str().unwrap().to_string();
    let r = call(&emu, api.get_package(&pid, &old_id)).await;
    assert_eq!(data(&r)["packages"].as_array().unwrap().len(), 1);
    assert_envelope_error(&call(&emu, api.get_package(&pid, "nosuch")).await, 404, "notfound", ErrorKind::NotFound);
    let mut list = data(&r);
    list["packages"][0]["installerParameters"] = json!("/s /r new-args");
    let second = json!({"packageUrl": "https://www.contoso.com/downloads/1.1/setup.msi", "languages": ["en-us"], "architectures": ["X64"], "isSilentInstall": true, "packageType": "msi"});
    list["packages"].as_array_mut().unwrap().push(second);
    let model: PackageList = serde_json::from_value(list).unwrap();
    call(&emu, api.put_packages(&pid, &model)).await;
    let r = call(&emu, api.get_packages(&pid)).await;
    let now = data(&r)["packages"].as_array().unwrap().clone();
    assert_eq!(now.len(), 2);
    let new_id = now[0]["packageId"].as_str().unwrap().to_string();
    assert_ne!(new_id, old_id, "a full update regenerates package ids");
    assert_eq!(now[0]["installerParameters"], "/s /r new-args");
    assert_eq!(now[1]["genericDocUrl"], "", "absent fields take defaults");
    let patch: Package = serde_json::from_value(json!({"installerParameters": "/quiet"})).unwrap();
    assert_envelope_error(
        &call(&emu, api.patch_package(&pid, &old_id, &patch)).await,
        404,
        "notfound",
        ErrorKind::NotFound,
    );
    call(&emu, api.patch_package(&pid, &new_id, &patch)).await;
    let r = call(&emu, api.get_package(&pid, &new_id)).await;
    assert_eq!(data(&r)["packages"][0]["installerParameters"], "/quiet");
    assert_eq!(data(&r)["packages"][0]["packageType"], "exe", "PATCH keeps the other fields");
    let bad: PackageList = serde_json::from_value(json!({"packages": [{"packageUrl": "not a url", "languages": ["en-us"], "architectures": ["X86", "X64"], "isSilentInstall": false, "packageType": "zip"}]})).unwrap();
    assert_envelope_error(&call(&emu, api.put_packages(&pid, &bad)).await, 400, "badrequest", ErrorKind::BadRequest);

    // Uncommitted packages: not ready, with the reason.
    let r = call(&emu, api.get_module_status(&pid)).await;
    assert_eq!(data(&r)["isReady"], false);
    assert_eq!(body(&r)["errors"][0]["code"], "packagesnotcommitted");

    // Commit: module status not ready until processing finishes on the emulated clock.
    let r = call(&emu, api.commit_packages(&pid)).await;
    let polling = w32::polling_url(&w32::parse_polling(&r).unwrap()).unwrap().to_string();
    let poll = api.poll_request(&polling).unwrap();
    assert_eq!(poll, api.get_module_status(&pid).unwrap());
    let r = call(&emu, Ok(poll.clone())).await;
    let ms = w32::parse_module_status(&r).unwrap();
    assert_eq!(ms.data().unwrap().is_ready.value(), Some(&false));
    let r = call(&emu, api.patch_metadata(&pid, &patch_desc("During processing"))).await;
    assert_envelope_error(&r, 409, "conflict", ErrorKind::Conflict);
    emu.advance(100.0);
    let r = call(&emu, Ok(poll.clone())).await;
    assert_eq!(data(&r), json!({"isReady": true, "ongoingSubmissionId": ""}));
    assert_eq!(body(&r)["errors"], json!([]));

    // A package URL that cannot be downloaded: packageuploaderror after processing; submit refused.
    let bad_url: Package =
        serde_json::from_value(json!({"packageUrl": "https://downloads.contoso.invalid/setup.exe"})).unwrap();
    call(&emu, api.patch_package(&pid, &new_id, &bad_url)).await;
    call(&emu, api.commit_packages(&pid)).await;
    emu.advance(100.0);
    let r = call(&emu, Ok(poll.clone())).await;
    assert_eq!(body(&r)["isSuccess"], true);
    assert_eq!(data(&r)["isReady"], false);
    assert_eq!(body(&r)["errors"][0]["code"], "packageuploaderror");
    assert!(body(&r)["errors"][0]["message"].as_str().unwrap().contains("contoso.invalid"));
    let r = call(&emu, api.submit(&pid)).await;
    assert_envelope_error(&r, 409, "conflict", ErrorKind::Conflict);
    let good_url: Package =
        serde_json::from_value(json!({"packageUrl": "https://www.contoso.com/downloads/1.2/setup.exe"})).unwrap();
    call(&emu, api.patch_package(&pid, &new_id, &good_url)).await;
    call(&emu, api.commit_packages(&pid)).await;
    emu.advance(100.0);
    assert_eq!(data(&call(&emu, Ok(poll.clone())).await)["isReady"], true);

    // Listing assets: create slots (SAS upload URLs on the emulator's blob store), upload, commit.
    let r = call(&emu, api.get_listing_assets(&pid, &["en-us".to_string()])).await;
    let la = w32::parse_listing_assets(&r).unwrap();
    assert!(la.succeeded());
    let current = data(&r)["listingAssets"][0].clone();
    let logo = current["storeLogos"][0].clone();
    let create: CreateAssetsRequest =
        serde_json::from_value(json!({"language": "en-us", "createAssetRequest": {"Screenshot": 2, "Logo": 0}}))
            .unwrap();
    let r = call(&emu, api.create_listing_assets(&pid, &create)).await;
    w32::parse_create_listing_assets(&r).unwrap();
    let slots = data(&r)["listingAssets"]["screenshots"].as_array().unwrap().clone();
    assert_eq!(slots.len(), 2);
    assert_eq!(data(&r)["listingAssets"]["storeLogos"], json!([]));
    for s in &slots {
        assert_eq!(s["httpMethod"], "PUT");
        assert!(s["primaryAssetUploadUrl"].as_str().unwrap().starts_with(&emu.info.blob_url));
        assert_ne!(s["primaryAssetUploadUrl"], s["secondaryAssetUploadUrl"]);
    }
    assert_eq!(upload(&emu, slots[0]["primaryAssetUploadUrl"].as_str().unwrap(), png(1366, 768)).await.status, 201);
    assert_eq!(upload(&emu, slots[1]["secondaryAssetUploadUrl"].as_str().unwrap(), png(1920, 1080)).await.status, 201);
    let commit = |shots: Value| -> CommitAssetsRequest {
        serde_json::from_value(
            json!({"listingAssets": {"language": "en-us", "storeLogos": [logo.clone()], "screenshots": shots}}),
        )
        .unwrap()
    };
    // Not uploaded to the URL named, or not a slot at all: 400.
    let wrong = commit(json!([{"id": slots[1]["id"], "assetUrl": slots[1]["primaryAssetUploadUrl"]}]));
    assert_envelope_error(
        &call(&emu, api.commit_listing_assets(&pid, &wrong)).await,
        400,
        "badrequest",
        ErrorKind::BadRequest,
    );
    let unknown = commit(json!([{"id": "nosuchasset", "assetUrl": "https://contoso.com/x.png"}]));
    assert_envelope_error(
        &call(&emu, api.commit_listing_assets(&pid, &unknown)).await,
        400,
        "badrequest",
        ErrorKind::BadRequest,
    );
    let ok = commit(json!([
        {"id": slots[0]["id"], "assetUrl": slots[0]["primaryAssetUploadUrl"]},
        {"id": slots[1]["id"], "assetUrl": slots[1]["secondaryAssetUploadUrl"]}
    ]));
    let r = call(&emu, api.commit_listing_assets(&pid, &ok)).await;
    assert!(w32::parse_polling(&r).unwrap().succeeded());
    let r = call(&emu, api.get_listing_assets(&pid, &[])).await;
    let after = data(&r)["listingAssets"][0].clone();
    assert_eq!(after["storeLogos"], json!([logo]), "kept existing logo");
    let shots = after["screenshots"].as_array().unwrap();
    assert_eq!(
        shots.iter().map(|s| s["id"].clone()).collect::<Vec<_>>(),
        vec![slots[0]["id"].clone(), slots[1]["id"].clone()]
    );
    assert_eq!(shots[0]["imageSize"], json!({"width": 1366, "height": 768}));
    assert_eq!(shots[1]["imageSize"], json!({"width": 1920, "height": 1080}));
    let asset = emu.send(&HttpRequest::new(storesubmit::Method::Get, shots[0]["assetUrl"].as_str().unwrap())).await;
    assert_eq!(asset.body, png(1366, 768), "assetUrl serves the uploaded image");

    // Submit; a second submit while it runs fails with ongoingSubmissionId + pollingUrl.
    let r = call(&emu, api.submit(&pid)).await;
    let sd = w32::parse_submit(&r).unwrap();
    let sid = sd.data().unwrap().submission_id.value().unwrap().clone();
    let status_url = w32::polling_url(&sd).unwrap().to_string();
    assert_eq!(status_url, format!("/submission/v1/product/{pid}/submission/{sid}/status"));
    let r = call(&emu, api.submit(&pid)).await;
    assert_envelope_error(&r, 409, "conflict", ErrorKind::Conflict);
    assert_eq!(data(&r), json!({"pollingUrl": status_url, "ongoingSubmissionId": sid}));
    let r = call(&emu, api.put_metadata(&pid, &patch_desc("while submitting"))).await;
    assert_envelope_error(&r, 409, "conflict", ErrorKind::Conflict);
    assert_eq!(data(&r)["ongoingSubmissionId"], sid.as_str());
    let r = call(&emu, api.commit_packages(&pid)).await;
    assert_eq!(data(&r)["ongoingSubmissionId"], sid.as_str());
    let r = call(&emu, Ok(poll.clone())).await;
    assert_eq!(data(&r)["ongoingSubmissionId"], sid.as_str());

    // INPROGRESS → PUBLISHED on the emulated clock.
    let poll_status = api.poll_request(&status_url).unwrap();
    assert_eq!(poll_status, api.get_submission_status(&pid, &sid).unwrap());
    let r = call(&emu, Ok(poll_status.clone())).await;
    let st = w32::parse_submission_status(&r).unwrap();
    assert!(!st.data().unwrap().is_final());
    assert_eq!(data(&r), json!({"publishingStatus": "INPROGRESS", "hasFailed": false}));
    emu.advance(100.0);
    let r = call(&emu, Ok(poll_status)).await;
    assert!(w32::parse_submission_status(&r).unwrap().data().unwrap().is_final());
    assert_eq!(data(&r), json!({"publishingStatus": "PUBLISHED", "hasFailed": false}));
    assert_eq!(data(&call(&emu, Ok(poll)).await)["ongoingSubmissionId"], "");
    assert_envelope_error(
        &call(&emu, api.get_submission_status(&pid, "1")).await,
        404,
        "notfound",
        ErrorKind::NotFound,
    );
    emu.assert_family_covered(Family::Win32).await;
}

fn patch_desc(d: &str) -> MetadataUpdate {
    serde_json::from_value(json!({"listings": {"language": "en-us", "description": d}})).unwrap()
}

#[tokio::test]
async fn failed_publishing_has_failed() {
    let mut cfg = common::config();
    cfg.outcomes.win32 = "FAILED".into();
    let emu = Emu::with(cfg);
    let pid = emu.info.win32_product_id.clone();
    let ep = emu.ep.clone();
    let api = Win32::new(&ep, emu.info.seller_id.clone()).unwrap();
    let r = call(&emu, api.submit(&pid)).await;
    let sid = data(&r)["submissionId"].as_str().unwrap().to_string();
    emu.advance(100.0);
    let r = call(&emu, api.get_submission_status(&pid, &sid)).await;
    assert_eq!(data(&r), json!({"publishingStatus": "FAILED", "hasFailed": true}));
    assert_eq!(body(&r)["isSuccess"], true);
    assert!(!body(&r)["errors"].as_array().unwrap().is_empty());
    assert!(w32::parse_submission_status(&r).unwrap().data().unwrap().is_final());
    // After a failure the draft can be submitted again.
    assert_eq!(call(&emu, api.submit(&pid)).await.status, 200);
}
