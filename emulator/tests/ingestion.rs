//! The Partner Center ingestion API through the emulator with the core's builders and parsers: products,
//! setup, branches by module, listings and images, packages with `fileSasUri` and processing, package
//! configurations, submissions to Preview and promotion to Live, `@odata.etag` + `If-Match` → 412,
//! OData paging; properties, product and feature availability, plans, listing assets and videos, co-sell,
//! supplemental content, lead and reseller configuration, certification reports and the certification
//! fault rule.

mod common;

use common::{body, zip_with, Emu};
use serde_json::{json, Value};
use storesubmit::api::blob::{self, SasUrl};
use storesubmit::api::ingestion::{self as ing, Ingestion};
use storesubmit::api::Family;
use storesubmit::model::ingestion::{
    BranchModule, CosellAsset, CosellListing, FeatureAvailability, LeadConfiguration, Listing, ListingAsset,
    ListingImage, ListingVideo, Package, PackageConfiguration, Product, ProductAvailability, ProductSetup, Property,
    ResellerConfiguration, SubmissionCreationRequest, SupplementalContent, Variant,
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
    let wf = ing::parse_promote(&r).unwrap();
    assert_eq!(wf.target_environment.value().map(String::as_str), Some("Live"), "promote answers a WorkflowDetail");
    assert_eq!(body(&call(&emu, api.get_submission(&pid, &sid)).await)["substate"], "Publishing");
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

    offer_resources(&emu, &pid, &lid).await;
    listing_media_and_cosell(&emu, &pid, &lid).await;
    certification_reports_and_faults(&emu, &pid, &instance).await;

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

/// The current draft instance of a module's product (not plan) branch.
async fn instance_of(emu: &Emu, pid: &str, module: BranchModule) -> String {
    let api = Ingestion::new(&emu.ep);
    let r = call(emu, api.list_branches_by_module(pid, &module)).await;
    let b = body(&r);
    let main = b["value"].as_array().unwrap().iter().find(|b| b["variantID"] == "").expect("product branch").clone();
    main["currentDraftInstanceID"].as_str().unwrap().to_string()
}

/// Product setup, properties, product availability, plans and their feature availability.
async fn offer_resources(emu: &Emu, pid: &str, lid: &str) {
    let api = Ingestion::new(&emu.ep);
    // Setup: POST replaces it.
    let setup: ProductSetup = model(
        json!({"resourceType": "AzureProductSetup", "sellingOption": "ListAndSell", "callToAction": "free-trial"}),
    );
    let r = call(emu, api.create_product_setup(pid, &setup)).await;
    assert_eq!(r.status, 201);
    ing::parse_product_setup(&r).unwrap();
    assert_eq!(body(&call(emu, api.get_product_setup(pid)).await)["sellingOption"], "ListAndSell");
    let bad: ProductSetup = model(json!({"sellingOption": "Sometimes"}));
    assert_error(&call(emu, api.create_product_setup(pid, &bad)).await, 400, "InvalidRequest", ErrorKind::BadRequest);

    // Properties: one per Property instance at creation; update with If-Match; create another.
    let inst = instance_of(emu, pid, BranchModule::Property).await;
    let r = call(emu, api.get_properties_by_instance(pid, &inst)).await;
    let prop_doc = ing::parse_properties(&r).unwrap();
    let prop = prop_doc.items()[0].clone();
    let prop_id = prop.id.value().unwrap().clone();
    let mut changed = prop.clone();
    changed.categories = storesubmit::model::ingestion::Field::Value(vec!["Analytics".into()]);
    let r = call(emu, api.update_property(pid, &prop_id, &changed)).await;
    assert_eq!(body(&r)["categories"], json!(["Analytics"]));
    ing::parse_property(&r).unwrap();
    assert_error(
        &call(emu, api.update_property(pid, &prop_id, &changed)).await,
        412,
        "PreconditionFailed",
        ErrorKind::PreconditionFailed,
    );
    assert_eq!(body(&call(emu, api.get_property(pid, &prop_id)).await)["categories"], json!(["Analytics"]));
    let r = call(
        emu,
        api.create_property(
            pid,
            &model::<Property>(json!({"resourceType": "AzureProperty", "industries": ["Retail"]})),
        ),
    )
    .await;
    assert_eq!(r.status, 200, "the swagger answers 200 to a property create");
    assert_eq!(ing::parse_properties(&call(emu, api.list_properties(pid)).await).unwrap().items().len(), 2);
    assert_error(&call(emu, api.get_property(pid, "nosuch")).await, 404, "ResourceNotFound", ErrorKind::NotFound);

    // Product availability.
    let inst = instance_of(emu, pid, BranchModule::Availability).await;
    let r = call(emu, api.get_product_availabilities_by_instance(pid, &inst)).await;
    let avail = ing::parse_product_availabilities(&r).unwrap().items()[0].clone();
    let aid = avail.id.value().unwrap().clone();
    let mut private = body(&call(emu, api.get_product_availability(pid, &aid)).await);
    private["visibility"] = json!("Private");
    private["emailAudiences"] = json!([{"ID": "qa@contoso.com", "description": "QA"}]);
    let r = call(emu, api.update_product_availability(pid, &aid, &model(private))).await;
    ing::parse_product_availability(&r).unwrap();
    assert_eq!(body(&r)["visibility"], "Private");
    let r =
        call(emu, api.create_product_availability(pid, &model::<ProductAvailability>(json!({"visibility": "Public"}))))
            .await;
    assert_eq!(r.status, 201);
    assert_eq!(
        ing::parse_product_availabilities(&call(emu, api.list_product_availabilities(pid)).await)
            .unwrap()
            .items()
            .len(),
        2
    );
    assert_error(
        &call(emu, api.create_product_availability(pid, &model::<ProductAvailability>(json!({})))).await,
        400,
        "InvalidRequest",
        ErrorKind::BadRequest,
    );

    // Plans: a plan gets its own Listing and Availability branches; its feature availability sells in markets.
    let gold: Variant = model(
        json!({"resourceType": "AzureSkuVariant", "friendlyName": "Gold", "externalID": "gold", "cloudAvailabilities": ["public-azure"]}),
    );
    let r = call(emu, api.create_variant(pid, &gold)).await;
    assert_eq!(r.status, 201);
    let vid = ing::parse_variant(&r).unwrap().id.value().unwrap().clone();
    assert_error(&call(emu, api.create_variant(pid, &gold)).await, 409, "Conflict", ErrorKind::Conflict);
    assert_error(
        &call(emu, api.create_variant(pid, &model::<Variant>(json!({"resourceType": "Nope"})))).await,
        400,
        "InvalidRequest",
        ErrorKind::BadRequest,
    );
    let r = call(emu, api.list_branches_by_module(pid, &BranchModule::Availability)).await;
    let plan_branch =
        body(&r)["value"].as_array().unwrap().iter().find(|b| b["variantID"] == vid.as_str()).unwrap().clone();
    let plan_inst = plan_branch["currentDraftInstanceID"].as_str().unwrap().to_string();
    let r = call(
        emu,
        api.get_feature_availabilities_by_instance(pid, &plan_inst, Some("MarketStates,PriceSchedules,Trial")),
    )
    .await;
    let fa = ing::parse_feature_availabilities(&r).unwrap().items()[0].clone();
    let fid = fa.id.value().unwrap().clone();
    assert!(body(&r)["value"][0].get("marketStates").is_some());
    let r = call(emu, api.get_feature_availability(pid, &fid, None)).await;
    assert!(body(&r).get("marketStates").is_none(), "marketStates only with $expand");
    let mut sell = body(&call(emu, api.get_feature_availability(pid, &fid, Some("MarketStates"))).await);
    sell["marketStates"] = json!([{"marketCode": "US", "state": "Enabled"}]);
    let r = call(emu, api.update_feature_availability(pid, &fid, Some("MarketStates"), &model(sell.clone()))).await;
    assert_eq!(body(&r)["marketStates"][0]["state"], "Enabled");
    // A body read without $expand keeps the markets.
    let plain: FeatureAvailability =
        ing::parse_feature_availability(&call(emu, api.get_feature_availability(pid, &fid, None)).await).unwrap();
    call(emu, api.update_feature_availability(pid, &fid, None, &plain)).await;
    let r = call(emu, api.get_feature_availability(pid, &fid, Some("marketstates"))).await;
    assert_eq!(body(&r)["marketStates"][0]["marketCode"], "US");
    let mut wrong = body(&r);
    wrong["marketStates"] = json!([{"marketCode": "US", "state": "Maybe"}]);
    assert_error(
        &call(emu, api.update_feature_availability(pid, &fid, None, &model(wrong))).await,
        400,
        "InvalidRequest",
        ErrorKind::BadRequest,
    );
    let mut renamed = body(&call(emu, api.get_variant(pid, &vid)).await);
    renamed["friendlyName"] = json!("Gold plan");
    renamed["state"] = json!("Active");
    let r = call(emu, api.update_variant(pid, &vid, &model(renamed))).await;
    assert_eq!(body(&r)["friendlyName"], "Gold plan");
    let td: Variant = model(json!({"resourceType": "AzureTestDriveVariant", "testDriveType": "AzureResourceManager"}));
    let td_id = body(&call(emu, api.create_variant(pid, &td)).await)["id"].as_str().unwrap().to_string();
    assert_eq!(ing::parse_variants(&call(emu, api.list_variants(pid)).await).unwrap().items().len(), 2);
    assert_eq!(call(emu, api.delete_variant(pid, &td_id)).await.status, 204);
    assert_error(&call(emu, api.get_variant(pid, &td_id)).await, 404, "ResourceNotFound", ErrorKind::NotFound);
    let _ = lid;
}

/// Listings in an instance, listing assets and videos, image delete, co-sell, supplemental content, lead
/// and reseller configuration.
async fn listing_media_and_cosell(emu: &Emu, pid: &str, lid: &str) {
    let api = Ingestion::new(&emu.ep);
    let inst = instance_of(emu, pid, BranchModule::Listing).await;
    let de: Listing = model(json!({"resourceType": "AzureListing", "languageCode": "de-de", "title": "Einblicke"}));
    let r = call(emu, api.create_listing_with_instance(pid, &inst, &de)).await;
    assert_eq!(r.status, 201);
    let de_id = ing::parse_listing(&r).unwrap().id.value().unwrap().clone();
    assert_error(
        &call(emu, api.create_listing_with_instance(pid, &inst, &de)).await,
        409,
        "Conflict",
        ErrorKind::Conflict,
    );
    assert_error(
        &call(emu, api.create_listing_with_instance(pid, "nosuch", &de)).await,
        404,
        "ResourceNotFound",
        ErrorKind::NotFound,
    );
    assert_eq!(
        ing::parse_listings(&call(emu, api.get_listings_by_instance(pid, &inst)).await).unwrap().items().len(),
        2
    );

    // Listing assets: fileSasUri only with $expand on reads; upload, Uploaded, Processed; delete.
    let asset: ListingAsset =
        model(json!({"resourceType": "ListingAsset", "fileName": "whitepaper.pdf", "type": "Document"}));
    let r = call(emu, api.create_listing_asset(pid, lid, &asset)).await;
    assert_eq!(r.status, 201);
    let doc = body(&r);
    let aid = doc["id"].as_str().unwrap().to_string();
    ing::parse_listing_asset(&r).unwrap();
    let r = call(emu, api.get_listing_asset(pid, lid, &aid, None)).await;
    assert!(body(&r).get("fileSasUri").is_none());
    let r = call(emu, api.get_listing_asset(pid, lid, &aid, Some("FileSasUri"))).await;
    assert_eq!(body(&r)["fileSasUri"], doc["fileSasUri"]);
    let sas = SasUrl::parse(doc["fileSasUri"].as_str().unwrap()).unwrap();
    blob::check_response(
        &emu.send(&blob::put_blob(&sas, sas.request_version(), b"%PDF-1.7".to_vec(), Some("application/pdf"))).await,
    )
    .unwrap();
    let mut up = doc.clone();
    up["state"] = json!("Uploaded");
    let r = call(emu, api.update_listing_asset(pid, lid, &aid, &model(up))).await;
    assert_eq!(body(&r)["state"], "Uploaded");
    emu.advance(100.0);
    let r = call(emu, api.list_listing_assets(pid, lid, Some("FileSasUri"))).await;
    assert_eq!(ing::parse_listing_assets(&r).unwrap().items().len(), 1);
    assert_eq!(body(&r)["value"][0]["state"], "Processed");
    assert_eq!(call(emu, api.delete_listing_asset(pid, lid, &aid)).await.status, 204);
    assert_error(
        &call(emu, api.get_listing_asset(pid, lid, &aid, None)).await,
        404,
        "ResourceNotFound",
        ErrorKind::NotFound,
    );

    // Videos, with a thumbnail upload URL of their own.
    let video: ListingVideo = model(
        json!({"resourceType": "ListingVideo", "fileName": "tour.mp4", "thumbnail": {"fileName": "tour.png", "title": "Tour"}}),
    );
    let r = call(emu, api.create_listing_video(pid, lid, &video)).await;
    let vdoc = body(&r);
    let vid = vdoc["id"].as_str().unwrap().to_string();
    assert_ne!(vdoc["thumbnail"]["fileSasUri"], vdoc["fileSasUri"]);
    ing::parse_listing_video(&r).unwrap();
    let mut up = vdoc.clone();
    up["state"] = json!("Uploaded");
    assert_error(
        &call(emu, api.update_listing_video(pid, lid, &vid, &model(up.clone()))).await,
        400,
        "InvalidRequest",
        ErrorKind::BadRequest,
    );
    let sas = SasUrl::parse(vdoc["fileSasUri"].as_str().unwrap()).unwrap();
    blob::check_response(
        &emu.send(&blob::put_blob(&sas, sas.request_version(), b"....ftypmp42".to_vec(), Some("video/mp4"))).await,
    )
    .unwrap();
    assert_eq!(body(&call(emu, api.update_listing_video(pid, lid, &vid, &model(up))).await)["state"], "Uploaded");
    let r = call(emu, api.get_listing_video(pid, lid, &vid, Some("FileSasUri"))).await;
    assert!(body(&r)["thumbnail"]["fileSasUri"].is_string());
    assert_eq!(
        ing::parse_listing_videos(&call(emu, api.list_listing_videos(pid, lid, None)).await).unwrap().items().len(),
        1
    );
    assert_eq!(call(emu, api.delete_listing_video(pid, lid, &vid)).await.status, 204);

    // An image and a whole listing can go.
    let img: ListingImage = model(json!({"fileName": "shot.png", "type": "Screenshot"}));
    let iid = body(&call(emu, api.create_listing_image(pid, &de_id, &img)).await)["id"].as_str().unwrap().to_string();
    assert_eq!(call(emu, api.delete_listing_image(pid, &de_id, &iid)).await.status, 204);
    assert_eq!(call(emu, api.delete_listing(pid, &de_id)).await.status, 204);
    assert_error(&call(emu, api.get_listing(pid, &de_id)).await, 404, "ResourceNotFound", ErrorKind::NotFound);

    // Co-sell: assets on the Cosell instance, referenced by the co-sell listing.
    let cinst = instance_of(emu, pid, BranchModule::Cosell).await;
    let ca: CosellAsset =
        model(json!({"resourceType": "CosellAsset", "fileName": "brief.pdf", "type": "SolutionOrOfferOnePager"}));
    let r = call(emu, api.create_cosell_asset(pid, &ca)).await;
    let cdoc = body(&r);
    let cid = ing::parse_cosell_asset(&r).unwrap().id.value().unwrap().clone();
    let mut renamed = cdoc.clone();
    renamed["type"] = json!("CaseStudy");
    assert_eq!(body(&call(emu, api.update_cosell_asset(pid, &cid, &model(renamed))).await)["type"], "CaseStudy");
    assert_eq!(body(&call(emu, api.get_cosell_asset(pid, &cid)).await)["type"], "CaseStudy");
    assert_eq!(ing::parse_cosell_assets(&call(emu, api.list_cosell_assets(pid)).await).unwrap().items().len(), 1);
    assert_eq!(
        ing::parse_cosell_assets(&call(emu, api.get_cosell_assets_by_instance(pid, &cinst)).await)
            .unwrap()
            .items()
            .len(),
        1
    );
    let r = call(emu, api.get_cosell_listings_by_instance(pid, &cinst)).await;
    ing::parse_cosell_listings(&r).unwrap();
    let mut cl: CosellListing =
        ing::parse_cosell_listing(&call(emu, api.get_cosell_listing(pid, &cinst)).await).unwrap();
    cl.asset_references =
        storesubmit::model::ingestion::Field::Value(vec![model(json!({"type": "CosellAsset", "value": "nosuch"}))]);
    assert_error(
        &call(emu, api.update_cosell_listing(pid, &cinst, &cl)).await,
        400,
        "InvalidRequest",
        ErrorKind::BadRequest,
    );
    cl.asset_references =
        storesubmit::model::ingestion::Field::Value(vec![model(json!({"type": "CosellAsset", "value": cid}))]);
    assert_eq!(call(emu, api.update_cosell_listing(pid, &cinst, &cl)).await.status, 200);
    assert_error(&call(emu, api.delete_cosell_asset(pid, &cid)).await, 409, "Conflict", ErrorKind::Conflict);
    let mut cl = body(&call(emu, api.get_cosell_listing(pid, &cinst)).await);
    cl["assetReferences"] = json!([]);
    call(emu, api.update_cosell_listing(pid, &cinst, &model(cl))).await;
    assert_eq!(call(emu, api.delete_cosell_asset(pid, &cid)).await.status, 204);

    // Supplemental content: update with If-Match, commit.
    let sinst = instance_of(emu, pid, BranchModule::SupplementalContent).await;
    let r = call(emu, api.get_supplemental_contents_by_instance(pid, &sinst)).await;
    assert_eq!(ing::parse_supplemental_contents(&r).unwrap().items().len(), 1);
    let mut sc: SupplementalContent =
        ing::parse_supplemental_content(&call(emu, api.get_supplemental_content(pid, &sinst)).await).unwrap();
    sc.target_release = storesubmit::model::ingestion::Field::Value("2.0".into());
    sc.assets = storesubmit::model::ingestion::Field::Value(vec![model(json!({"type": "TestNotes"}))]);
    let r = call(emu, api.update_supplemental_content(pid, &sinst, &sc)).await;
    assert_eq!(body(&r)["targetRelease"], "2.0");
    assert_error(
        &call(emu, api.commit_supplemental_content(pid, &sinst)).await,
        400,
        "InvalidRequest",
        ErrorKind::BadRequest,
    );
    let mut sc = body(&r);
    sc["assets"] = json!([{"type": "TestNotes", "fileName": "notes.pdf"}]);
    call(emu, api.update_supplemental_content(pid, &sinst, &model(sc))).await;
    let r = call(emu, api.commit_supplemental_content(pid, &sinst)).await;
    assert_eq!(r.status, 200);
    ing::parse_supplemental_content(&r).unwrap();

    // Lead configuration: none until created; each destination's fields required.
    assert_error(&call(emu, api.get_lead_configuration(pid)).await, 404, "ResourceNotFound", ErrorKind::NotFound);
    let lead: LeadConfiguration = model(
        json!({"resourceType": "AzureBlobLeadConfiguration", "connectionString": "DefaultEndpointsProtocol=https;AccountKey=KEY"}),
    );
    assert_error(
        &call(emu, api.create_lead_configuration(pid, &lead)).await,
        400,
        "InvalidRequest",
        ErrorKind::BadRequest,
    );
    let lead: LeadConfiguration = model(
        json!({"resourceType": "HttpsEndpointLeadConfiguration", "httpsEndpointUri": "https://contoso.example/leads", "contactEmail": "leads@contoso.example"}),
    );
    assert_eq!(call(emu, api.create_lead_configuration(pid, &lead)).await.status, 200);
    let r = call(emu, api.get_lead_configuration(pid)).await;
    assert_eq!(
        ing::parse_lead_configuration(&r).unwrap().https_endpoint_uri.value().map(String::as_str),
        Some("https://contoso.example/leads")
    );

    // Reseller configuration: Disabled until created; PartialOptIn needs tenants.
    let r = call(emu, api.get_reseller_configuration(pid)).await;
    assert_eq!(body(&r)["resellerChannelState"], "Disabled");
    let partial: ResellerConfiguration = model(json!({"resellerChannelState": "PartialOptIn"}));
    assert_error(
        &call(emu, api.create_reseller_configuration(pid, &partial)).await,
        400,
        "InvalidRequest",
        ErrorKind::BadRequest,
    );
    let partial: ResellerConfiguration =
        model(json!({"resellerChannelState": "PartialOptIn", "tenantIds": ["72f988bf-86f1-41af-91ab-2d7cd011db47"]}));
    assert_eq!(call(emu, api.create_reseller_configuration(pid, &partial)).await.status, 200);
    let r = call(emu, api.get_reseller_configuration(pid)).await;
    assert_eq!(ing::parse_reseller_configuration(&r).unwrap().tenant_ids.value().unwrap().len(), 1);
}

/// Certification reports: a fault rule on `ingestion.certification` fails the next certification, the
/// report and a validation say why; the next submission passes.
async fn certification_reports_and_faults(emu: &Emu, pid: &str, listing_instance: &str) {
    let api = Ingestion::new(&emu.ep);
    let (status, _) = emu
        .admin(
            storesubmit::Method::Post,
            "/faults",
            Some(json!({"op": "ingestion.certification", "status": 422, "times": 1,
                        "body": {"errorCode": "ListingDescriptionInvalid", "message": "The description links to a page that does not load.", "resource": "Listing"}})),
        )
        .await;
    assert_eq!(status, 201);
    let req: SubmissionCreationRequest = model(
        json!({"resourceType": "SubmissionCreationRequest", "targets": [{"type": "Scope", "value": "Preview"}], "resources": [{"type": "Listing", "value": listing_instance}]}),
    );
    let sid = body(&call(emu, api.create_submission(pid, &req)).await)["id"].as_str().unwrap().to_string();
    assert!(ing::parse_certification_reports(&call(emu, api.get_submission_reports(pid, &sid)).await)
        .unwrap()
        .items()
        .is_empty());
    emu.advance(100.0);
    let r = call(emu, api.get_submission(pid, &sid)).await;
    assert_eq!(body(&r)["substate"], "FailedInCertification");
    let r = call(emu, api.get_submission_reports(pid, &sid)).await;
    let reports = ing::parse_certification_reports(&r).unwrap();
    assert_eq!(reports.items()[0].status.value().map(|s| s.as_str()), Some("Failed"));
    let uri = body(&r)["value"][0]["fileUri"].as_str().unwrap().to_string();
    let text = base64::Engine::decode(
        &base64::engine::general_purpose::STANDARD,
        uri.strip_prefix("data:text/plain;base64,").unwrap(),
    )
    .unwrap();
    assert!(String::from_utf8(text).unwrap().contains("ListingDescriptionInvalid"));
    assert_eq!(
        body(&call(emu, api.get_submission_validations(pid, &sid)).await)["value"][0]["errorCode"],
        "ListingDescriptionInvalid"
    );
    // The rule is used up: the next certification passes.
    let sid = body(&call(emu, api.create_submission(pid, &req)).await)["id"].as_str().unwrap().to_string();
    emu.advance(100.0);
    assert_eq!(body(&call(emu, api.get_submission(pid, &sid)).await)["substate"], "ReadyToPublish");
    let r = call(emu, api.get_submission_reports(pid, &sid)).await;
    assert_eq!(body(&r)["value"][0]["status"], "Passed");
}
