//! The Partner Center ingestion API through the emulator with the core's builders and parsers: products,
//! setup, branches by module, listings and images, packages with `fileSasUri` and processing, package
//! configurations, submissions to Preview and promotion to Live, `@odata.etag` + `If-Match` → 412,
//! OData paging.

mod common;

use common::{body, zip_with, Emu};
use serde_json::{json, Value};
use storesubmit::api::blob::{self, SasUrl};
use storesubmit::api::ingestion::{self as ing, Ingestion};
use storesubmit::api::Family;
use storesubmit::model::ingestion::{
    BranchModule, Listing, ListingImage, Package, PackageConfiguration, Product, SubmissionCreationRequest,
};
use storesubmit::{ErrorKind, HttpRequest, HttpResponse};

async fn call(emu: &Emu, req: storesubmit::Result<HttpRequest>) -> HttpResponse {
    let r = emu.call(Family::Ingestion, req.expect("request builds")).await;
    assert!(r.header("X-Correlation-ID").is_some());
    r
}

fn assert_error(r: &HttpResponse, status: u16, code: &str, kind: ErrorKind) {
    assert_eq!(r.status, status, "{}", String::from_utf8_lossy(&r.body));
    let b = body(r);
    common::assert_keys(&b, &["error"]);
    assert_eq!(b["error"]["code"], code);
    let e = storesubmit::Error::from_response(r);
    assert_eq!(e.kind(), kind);
    assert_eq!(e.server_errors()[0].code, code);
}

fn model<T: serde::de::DeserializeOwned>(v: Value) -> T {
    serde_json::from_value(v).expect("model")
}

/// Uploads in two blocks with the core's Put Block / Put Block List (CRC-64 per block).
async fn upload_blocks(emu: &Emu, url: &str, data: &[u8]) {
    let sas = SasUrl::parse(url).unwrap();
    let v = sas.request_version().to_string();
    let half = data.len() / 2;
    let mut ids = Vec::new();
    for (i, part) in [&data[..half], &data[half..]].into_iter().enumerate() {
        let id = blob::block_id(i as u32, blob::crc64(part));
        let r = emu.send(&blob::put_block(&sas, &v, &id, part)).await;
        blob::check_response(&r).unwrap();
        ids.push(id);
    }
    let r = emu.send(&blob::put_block_list(&sas, &v, &ids, Some("application/zip"))).await;
    blob::check_response(&r).unwrap();
}

#[tokio::test]
async fn products_listings_packages_and_submissions() {
    let emu = Emu::start();
    let ep = emu.ep.clone();
    let api = Ingestion::new(&ep);

    // Products.
    let r = call(&emu, api.list_products(None)).await;
    let page = ing::parse_products(&r).unwrap();
    assert_eq!(page.items().len(), 1);
    let create: Product = model(
        json!({"resourceType": "AzureApplication", "name": "Fabrikam Insights", "externalIDs": [{"type": "AzureOfferId", "value": "fabrikam"}], "isModularPublishing": true}),
    );
    let r = call(&emu, api.create_product(&create)).await;
    assert_eq!(r.status, 201);
    let product = ing::parse_product(&r).unwrap();
    let pid = body(&r)["id"].as_str().unwrap().to_string();
    assert!(product.odata_etag.value().is_some());
    assert_error(&call(&emu, api.create_product(&create)).await, 409, "Conflict", ErrorKind::Conflict);
    assert_error(
        &call(&emu, api.create_product(&model(json!({"resourceType": "AzureApplication"})))).await,
        400,
        "InvalidRequest",
        ErrorKind::BadRequest,
    );
    let r =
        call(&emu, api.list_products(Some("resourceType eq 'AzureApplication' and name eq 'Fabrikam Insights'"))).await;
    assert_eq!(ing::parse_products(&r).unwrap().items().len(), 1);
    assert_error(
        &call(&emu, api.list_products(Some("startswith(name, 'F')"))).await,
        400,
        "InvalidFilter",
        ErrorKind::BadRequest,
    );
    let r = call(&emu, api.get_product(&pid)).await;
    assert_eq!(body(&r)["name"], "Fabrikam Insights");
    let r = call(&emu, api.get_product_setup(&pid)).await;
    ing::parse_product_setup(&r).unwrap();
    assert_eq!(body(&r)["resourceType"], "AzureProductSetup");
    assert_error(&call(&emu, api.get_product("nosuch")).await, 404, "ResourceNotFound", ErrorKind::NotFound);

    // Branches → draft instances → listings; PUT with If-Match, then a stale tag: 412.
    let r = call(&emu, api.list_branches_by_module(&pid, &BranchModule::Listing)).await;
    let branches = ing::parse_branches(&r).unwrap();
    assert_eq!(branches.items().len(), 1);
    let instance = body(&r)["value"][0]["currentDraftInstanceID"].as_str().unwrap().to_string();
    assert_eq!(body(&r)["value"][0]["module"], "Listing");
    let r = call(&emu, api.get_listings_by_instance(&pid, &instance)).await;
    let listing_doc = body(&r)["value"][0].clone();
    ing::parse_listings(&r).unwrap();
    let lid = listing_doc["id"].as_str().unwrap().to_string();
    let r = call(&emu, api.get_listing(&pid, &lid)).await;
    let listing: Listing = ing::parse_listing(&r).unwrap();
    let mut changed = body(&r);
    changed["description"] = json!("<p>Insights for everyone</p>");
    changed["futureField"] = json!(1);
    let changed_model: Listing = model(changed.clone());
    let r = call(&emu, api.update_listing(&pid, &lid, &changed_model)).await;
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let updated = body(&r);
    assert_eq!(updated["description"], "<p>Insights for everyone</p>");
    assert_eq!(updated["futureField"], 1);
    assert_ne!(updated["@odata.etag"], listing_doc["@odata.etag"], "a new etag after each update");
    let r = call(&emu, api.update_listing(&pid, &lid, &listing)).await;
    assert_error(&r, 412, "PreconditionFailed", ErrorKind::PreconditionFailed);
    let mut no_tag = ing::Ingestion::new(&ep).update_listing(&pid, &lid, &changed_model).unwrap();
    no_tag.headers.retain(|(n, _)| !n.eq_ignore_ascii_case("If-Match"));
    assert_error(&call(&emu, Ok(no_tag)).await, 400, "InvalidRequest", ErrorKind::BadRequest);

    // Listing images: fileSasUri, upload, mark Uploaded, processing.
    let r = call(&emu, api.list_listing_images(&pid, &lid)).await;
    assert!(ing::parse_listing_images(&r).unwrap().items().is_empty());
    let img: ListingImage = model(
        json!({"resourceType": "ListingImage", "fileName": "logo_large.png", "type": "AzureLogoLarge", "state": "PendingUpload", "order": 0}),
    );
    let r = call(&emu, api.create_listing_image(&pid, &lid, &img)).await;
    assert_eq!(r.status, 201);
    let img_doc = body(&r);
    ing::parse_listing_image(&r).unwrap();
    let iid = img_doc["id"].as_str().unwrap().to_string();
    assert_eq!(img_doc["state"], "PendingUpload");
    let mut up = img_doc.clone();
    up["state"] = json!("Uploaded");
    let r = call(&emu, api.update_listing_image(&pid, &lid, &iid, &model(up.clone()))).await;
    assert_error(&r, 400, "InvalidRequest", ErrorKind::BadRequest);
    let sas = SasUrl::parse(img_doc["fileSasUri"].as_str().unwrap()).unwrap();
    let r = emu
        .send(&blob::put_blob(&sas, sas.request_version(), b"\x89PNG\r\n\x1a\n....".to_vec(), Some("image/png")))
        .await;
    blob::check_response(&r).unwrap();
    let r = call(&emu, api.update_listing_image(&pid, &lid, &iid, &model(up))).await;
    assert_eq!(body(&r)["state"], "Uploaded");
    emu.advance(100.0);
    let r = call(&emu, api.get_listing_image(&pid, &lid, &iid)).await;
    assert_eq!(body(&r)["state"], "Processed");
    assert_eq!(
        ing::parse_listing_images(&call(&emu, api.list_listing_images(&pid, &lid)).await).unwrap().items().len(),
        1
    );

    // Packages: upload in blocks, mark Uploaded, processed; a non-ZIP package fails processing.
    let pkg: Package = model(json!({"resourceType": "AzureApplicationPackage", "fileName": "app.zip"}));
    let r = call(&emu, api.create_package(&pid, &pkg)).await;
    assert_eq!(r.status, 201);
    let pkg_doc = body(&r);
    let kid = pkg_doc["id"].as_str().unwrap().to_string();
    assert_eq!(pkg_doc["state"], "PendingUpload");
    let zip = zip_with(&["mainTemplate.json", "createUiDefinition.json"]);
    upload_blocks(&emu, pkg_doc["fileSasUri"].as_str().unwrap(), &zip).await;
    let mut up = pkg_doc.clone();
    up["state"] = json!("Uploaded");
    let r = call(&emu, api.update_package(&pid, &kid, &model(up))).await;
    assert_eq!(body(&r)["state"], "Uploaded");
    let r = call(&emu, api.get_package(&pid, &kid)).await;
    assert_eq!(ing::parse_package(&r).unwrap().file_size.value(), Some(&(zip.len() as i64)));
    let stale: Package = model(pkg_doc.clone());
    assert_error(
        &call(&emu, api.update_package(&pid, &kid, &stale)).await,
        412,
        "PreconditionFailed",
        ErrorKind::PreconditionFailed,
    );
    let r = call(
        &emu,
        api.create_package(&pid, &model(json!({"resourceType": "AzureApplicationPackage", "fileName": "broken.zip"}))),
    )
    .await;
    let broken = body(&r);
    let bid = broken["id"].as_str().unwrap().to_string();
    upload_blocks(&emu, broken["fileSasUri"].as_str().unwrap(), b"definitely not a zip file").await;
    let mut up = broken.clone();
    up["state"] = json!("Uploaded");
    call(&emu, api.update_package(&pid, &bid, &model(up))).await;
    emu.advance(100.0);
    let r = call(&emu, api.get_package(&pid, &kid)).await;
    assert_eq!(body(&r)["state"], "Processed");
    let r = call(&emu, api.get_package(&pid, &bid)).await;
    assert_eq!(body(&r)["state"], "ProcessFailed");
    assert_eq!(body(&r)["validationItems"][0]["errorCode"], "InvalidArchive");
    let r = call(&emu, api.list_packages(&pid)).await;
    assert_eq!(ing::parse_packages(&r).unwrap().items().len(), 2);
    let r = call(&emu, api.delete_package(&pid, &bid)).await;
    assert_eq!(r.status, 204);
    ing::parse_deleted(&r).unwrap();
    assert_error(&call(&emu, api.get_package(&pid, &bid)).await, 404, "ResourceNotFound", ErrorKind::NotFound);

    // Package configuration of the Package branch's draft instance references the package.
    let r = call(&emu, api.list_branches_by_module(&pid, &BranchModule::Package)).await;
    let pkg_instance = body(&r)["value"][0]["currentDraftInstanceID"].as_str().unwrap().to_string();
    let r = call(&emu, api.get_package_configurations_by_instance(&pid, &pkg_instance)).await;
    ing::parse_package_configurations(&r).unwrap();
    let cid = body(&r)["value"][0]["id"].as_str().unwrap().to_string();
    let r = call(&emu, api.get_package_configuration(&pid, &cid)).await;
    let mut conf = body(&r);
    ing::parse_package_configuration(&r).unwrap();
    conf["packageReferences"] = json!([{"type": "AzureApplicationPackage", "value": "nosuchpackage"}]);
    let cfg_model: PackageConfiguration = model(conf.clone());
    assert_error(
        &call(&emu, api.update_package_configuration(&pid, &cid, &cfg_model)).await,
        400,
        "InvalidRequest",
        ErrorKind::BadRequest,
    );
    conf["packageReferences"] = json!([{"type": "AzureApplicationPackage", "value": kid}]);
    let cfg_model: PackageConfiguration = model(conf.clone());
    let r = call(&emu, api.update_package_configuration(&pid, &cid, &cfg_model)).await;
    assert_eq!(body(&r)["packageReferences"][0]["value"], kid.as_str());
    assert_error(
        &call(&emu, api.update_package_configuration(&pid, &cid, &cfg_model)).await,
        412,
        "PreconditionFailed",
        ErrorKind::PreconditionFailed,
    );

    // Submission to Preview, then promote to Live.
    let req: SubmissionCreationRequest = model(json!({
        "resourceType": "SubmissionCreationRequest",
        "targets": [{"type": "Scope", "value": "Preview"}],
        "resources": [{"type": "Listing", "value": instance}, {"type": "Package", "value": pkg_instance}]
    }));
    let r = call(&emu, api.create_submission(&pid, &req)).await;
    assert_eq!(r.status, 201);
    ing::parse_submission(&r).unwrap();
    let sub = body(&r);
    let sid = sub["id"].as_str().unwrap().to_string();
    assert_eq!((sub["state"].as_str(), sub["substate"].as_str()), (Some("InProgress"), Some("Submitted")));
    assert_eq!(sub["areResourcesReady"], true);
    assert_error(&call(&emu, api.create_submission(&pid, &req)).await, 409, "Conflict", ErrorKind::Conflict);
    assert_error(&call(&emu, api.promote_submission(&pid, &sid)).await, 409, "Conflict", ErrorKind::Conflict);
    emu.advance(100.0);
    let r = call(&emu, api.get_submission(&pid, &sid)).await;
    assert_eq!(
        (body(&r)["state"].as_str(), body(&r)["substate"].as_str()),
        (Some("InProgress"), Some("ReadyToPublish"))
    );
    let r = call(&emu, api.promote_submission(&pid, &sid)).await;
    assert_eq!(r.status, 200);
    assert_eq!(body(&r)["substate"], "Publishing");
    assert_error(&call(&emu, api.delete_submission(&pid, &sid)).await, 409, "Conflict", ErrorKind::Conflict);
    emu.advance(100.0);
    let r = call(&emu, api.get_submission(&pid, &sid)).await;
    assert_eq!((body(&r)["state"].as_str(), body(&r)["substate"].as_str()), (Some("Published"), Some("InStore")));
    assert!(body(&r)["publishedTimeInUtc"].as_str().is_some());
    let r = call(&emu, api.get_submission_validations(&pid, &sid)).await;
    assert!(ing::parse_validations(&r).unwrap().items().is_empty());
    let r = call(&emu, api.get_submission_workflow(&pid, &sid)).await;
    ing::parse_workflow(&r).unwrap();
    let steps = body(&r)["value"][0]["workflowSteps"].as_array().unwrap().clone();
    assert_eq!(steps.iter().map(|s| s["name"].as_str().unwrap()).collect::<Vec<_>>(), ["Certification", "Publish"]);
    let r = call(&emu, api.list_submissions(&pid)).await;
    assert_eq!(ing::parse_submissions(&r).unwrap().items().len(), 1);

    // A second submission can be canceled while it runs.
    let r = call(&emu, api.create_submission(&pid, &req)).await;
    let second = body(&r)["id"].as_str().unwrap().to_string();
    assert_eq!(body(&r)["releaseNumber"], 2);
    let r = call(&emu, api.delete_submission(&pid, &second)).await;
    assert_eq!(r.status, 204);
    assert_error(&call(&emu, api.get_submission(&pid, &second)).await, 404, "ResourceNotFound", ErrorKind::NotFound);

    let r = call(&emu, api.delete_product(&pid)).await;
    assert_eq!(r.status, 204);
    assert_error(&call(&emu, api.get_product(&pid)).await, 404, "ResourceNotFound", ErrorKind::NotFound);
    emu.assert_family_covered(Family::Ingestion).await;
}

#[tokio::test]
async fn unprocessed_packages_fail_validation_and_lists_page() {
    let mut cfg = common::config();
    cfg.page_size = 2;
    let products: Vec<Value> =
        (0..5).map(|i| json!({"resourceType": "AzureApplication", "name": format!("P{i}")})).collect();
    cfg.fixture = Some(json!({"ingestion": {"products": products}}));
    let emu = Emu::with(cfg);
    let ep = emu.ep.clone();
    let api = Ingestion::new(&ep);

    // OData paging with @odata.nextLink, followed by the core.
    let mut names = Vec::new();
    let mut req = api.list_products(None).unwrap();
    let mut pages = 0;
    loop {
        let r = emu.call(Family::Ingestion, req).await;
        let page = ing::parse_products(&r).unwrap();
        pages += 1;
        names.extend(page.items().iter().map(|p| p.name.value().cloned().unwrap()));
        if pages == 1 {
            assert!(page.next().unwrap().starts_with("products?$skipToken="), "{:?}", page.next());
        }
        match api.next_page(&page) {
            Some(next) => req = next.unwrap(),
            None => break,
        }
    }
    assert_eq!(pages, 3);
    assert_eq!(names, ["P0", "P1", "P2", "P3", "P4"]);

    // A package never uploaded: the submission fails validation.
    let pid = emu.info.ingestion_product_id.clone();
    let r = call(&emu, api.create_package(&pid, &model(json!({"fileName": "app.zip"})))).await;
    assert_eq!(body(&r)["resourceType"], "AzureApplicationPackage");
    let req: SubmissionCreationRequest =
        model(json!({"resourceType": "SubmissionCreationRequest", "targets": [{"type": "Scope", "value": "Live"}]}));
    let r = call(&emu, api.create_submission(&pid, &req)).await;
    let sid = body(&r)["id"].as_str().unwrap().to_string();
    assert_eq!(body(&r)["areResourcesReady"], false);
    emu.advance(100.0);
    let r = call(&emu, api.get_submission(&pid, &sid)).await;
    assert_eq!(body(&r)["substate"], "Failed");
    assert_eq!(body(&r)["pendingUpdateInfo"]["status"], "Failed");
    let r = call(&emu, api.get_submission_validations(&pid, &sid)).await;
    assert_eq!(body(&r)["value"][0]["errorCode"], "PackageNotProcessed");
    assert_error(
        &call(&emu, api.list_branches_by_module(&pid, &BranchModule::Other("Nope".into()))).await,
        400,
        "InvalidRequest",
        ErrorKind::BadRequest,
    );
}
