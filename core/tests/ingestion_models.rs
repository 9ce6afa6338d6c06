//! Partner Center ingestion models against the swagger's examples (`fixtures/ingestion/swagger/`, verbatim)
//! and representative resources written from its schemas (`fixtures/ingestion/*.json`); typed builders
//! against `api::build`.

#[path = "shared/samples.rs"]
mod samples;

use std::path::{Path, PathBuf};

use samples::{object_pointers, rt, Rt};
use serde_json::{json, Value};
use storesubmit::api::ingestion::{self as ing, Ingestion};
use storesubmit::api::{self, Endpoints};
use storesubmit::model::ingestion::*;
use storesubmit::{ErrorKind, HttpResponse, Method};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ingestion")
}

fn load(name: &str) -> Value {
    samples::load(&dir(), name)
}

const FIXTURES: &[(&str, Rt)] = &[
    ("product.json", rt::<Product>),
    ("product.create.request.json", rt::<Product>),
    ("products.page.json", rt::<Page<Product>>),
    ("product_setup.json", rt::<ProductSetup>),
    ("branches.page.json", rt::<Page<Branch>>),
    ("listing.json", rt::<Listing>),
    ("listings.page.json", rt::<Page<Listing>>),
    ("listing_image.create.request.json", rt::<ListingImage>),
    ("listing_image.json", rt::<ListingImage>),
    ("listing_images.page.json", rt::<Page<ListingImage>>),
    ("package.create.request.json", rt::<Package>),
    ("package.json", rt::<Package>),
    ("packages.page.json", rt::<Page<Package>>),
    ("submission.create.request.json", rt::<SubmissionCreationRequest>),
    ("submission.json", rt::<Submission>),
    ("submissions.page.json", rt::<Page<Submission>>),
    ("validations.page.json", rt::<Page<ValidationItem>>),
    ("workflow.page.json", rt::<Page<WorkflowDetail>>),
    ("property.json", rt::<Property>),
    ("properties.page.json", rt::<Page<Property>>),
    ("product_availability.json", rt::<ProductAvailability>),
    ("product_availabilities.page.json", rt::<Page<ProductAvailability>>),
    ("feature_availability.json", rt::<FeatureAvailability>),
    ("feature_availabilities.page.json", rt::<Page<FeatureAvailability>>),
    ("listing_asset.json", rt::<ListingAsset>),
    ("listing_assets.page.json", rt::<Page<ListingAsset>>),
    ("listing_video.json", rt::<ListingVideo>),
    ("listing_videos.page.json", rt::<Page<ListingVideo>>),
    ("certification_reports.page.json", rt::<Page<CertificationReport>>),
    ("supplemental_content.json", rt::<SupplementalContent>),
    ("supplemental_contents.page.json", rt::<Page<SupplementalContent>>),
    ("cosell_asset.json", rt::<CosellAsset>),
    ("cosell_assets.page.json", rt::<Page<CosellAsset>>),
    ("cosell_listing.json", rt::<CosellListing>),
    ("cosell_listings.page.json", rt::<Page<CosellListing>>),
    ("reseller_configuration.json", rt::<ResellerConfiguration>),
];

/// Every fixture with its model: the table above plus every swagger example (package configurations,
/// lead configurations, variants).
fn all_fixtures() -> Vec<(String, Rt)> {
    let mut out: Vec<(String, Rt)> = FIXTURES.iter().map(|(n, f)| (n.to_string(), *f)).collect();
    let mut swagger: Vec<String> = std::fs::read_dir(dir().join("swagger"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json"))
        .collect();
    swagger.sort();
    assert_eq!(swagger.len(), 30);
    for n in swagger {
        let page = n.starts_with("page.");
        let f: Rt = match (n.contains("LeadConfiguration"), n.contains("Variant"), page) {
            (true, _, _) => rt::<LeadConfiguration>,
            (_, true, true) => rt::<Page<Variant>>,
            (_, true, false) => rt::<Variant>,
            (_, _, true) => rt::<Page<PackageConfiguration>>,
            _ => rt::<PackageConfiguration>,
        };
        out.push((format!("swagger/{n}"), f));
    }
    out
}

#[test]
fn every_fixture_is_covered() {
    let mut names: Vec<String> = std::fs::read_dir(dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json"))
        .collect();
    names.sort();
    let mut listed: Vec<String> = FIXTURES.iter().map(|(n, _)| n.to_string()).collect();
    listed.sort();
    assert_eq!(names, listed);
}

#[test]
fn every_example_round_trips_exactly() {
    for (name, f) in all_fixtures() {
        let v = load(&name);
        assert_eq!(f(&v).unwrap_or_else(|e| panic!("{name}: {e}")), v, "{name}");
    }
}

#[test]
fn explicit_nulls_and_absent_keys_round_trip_for_every_key() {
    for (name, f) in all_fixtures() {
        let v = load(&name);
        let mut ptrs = Vec::new();
        object_pointers(&v, String::new(), &mut ptrs);
        for p in &ptrs {
            let keys: Vec<String> = v.pointer(p).unwrap().as_object().unwrap().keys().cloned().collect();
            for k in keys {
                let mut nulled = v.clone();
                nulled.pointer_mut(p).unwrap()[&k] = Value::Null;
                assert_eq!(f(&nulled).unwrap_or_else(|e| panic!("{name} {p}/{k}=null: {e}")), nulled, "{name} {p}/{k}");
                let mut removed = v.clone();
                removed.pointer_mut(p).unwrap().as_object_mut().unwrap().remove(&k);
                assert_eq!(f(&removed).unwrap_or_else(|e| panic!("{name} -{p}/{k}: {e}")), removed, "{name} -{p}/{k}");
            }
        }
    }
}

#[test]
fn unknown_fields_survive_top_level_and_nested() {
    for (name, f) in all_fixtures() {
        let mut v = load(&name);
        let mut ptrs = Vec::new();
        object_pointers(&v, String::new(), &mut ptrs);
        for p in &ptrs {
            v.pointer_mut(p).unwrap()["zzUnknown"] = json!({"a": [1, null, {"b": "c"}]});
        }
        assert_eq!(f(&v).unwrap_or_else(|e| panic!("{name}: {e}")), v, "{name}");
    }
    let mut v = load("submission.json");
    v["newTop"] = json!(1);
    v["publishOption"]["newNested"] = json!("x");
    let s: Submission = serde_json::from_value(v).unwrap();
    assert_eq!(s.extra["newTop"], json!(1));
    assert_eq!(s.publish_option.value().unwrap().extra["newNested"], json!("x"));
    // the swagger's examples spell the id `ID`: kept verbatim in `extra`
    let c: PackageConfiguration =
        serde_json::from_value(load("swagger/AzureApplicationPackageConfiguration.json")).unwrap();
    assert_eq!(c.extra["ID"], json!("string"));
    assert_eq!(c.etag(), Some("string"));
}

#[test]
fn examples_parse_into_typed_values() {
    let p: Product = serde_json::from_value(load("product.json")).unwrap();
    assert_eq!(p.resource_type, Field::Value(ProductType::AzureApplication));
    assert_eq!(p.etag(), Some("\"0400a2f8-0000-0800-0000-5f1a2b3c0000\""));
    let page: Page<Product> = serde_json::from_value(load("products.page.json")).unwrap();
    assert_eq!(page.items().len(), 2);
    assert_eq!(page.items()[1].is_modular_publishing, Field::Null);
    assert_eq!(page.next(), Some("products?$skipToken=eyJza2lwIjoyfQ%3D%3D"));
    let b: Page<Branch> = serde_json::from_value(load("branches.page.json")).unwrap();
    assert_eq!(b.items()[0].module, Field::Value(BranchModule::Listing));
    assert!(b.next().is_none());
    let s: Submission = serde_json::from_value(load("submission.json")).unwrap();
    assert_eq!(s.state, Field::Value(SubmissionState::InProgress));
    assert_eq!(s.substate, Field::Value(SubmissionSubstate::InDraft));
    let k: Package = serde_json::from_value(load("package.json")).unwrap();
    assert_eq!(k.state, Field::Value(UploadState::PendingUpload));
    assert!(k.file_sas_uri.value().unwrap().expose().contains("sig=SECRETSIG456"));
    let i: ListingImage = serde_json::from_value(load("listing_image.json")).unwrap();
    assert_eq!(i.state, Field::Value(UploadState::PendingUpload));
    let l: Listing = serde_json::from_value(load("listing.json")).unwrap();
    assert_eq!(l.listing_contacts.value().unwrap()[0].r#type, Field::Value(ContactType::CustomerSupport));
    let c: Page<PackageConfiguration> =
        serde_json::from_value(load("swagger/page.AzureManagedApplicationPackageConfiguration.json")).unwrap();
    let c = &c.items()[0];
    assert_eq!(c.resource_type, Field::Value(PackageConfigurationType::AzureManagedApplicationPackageConfiguration));
    assert_eq!(c.package_references.value().unwrap()[0].value, Field::Value("packageID".to_string()));
    assert!(c.extra.contains_key("policies"));
}

#[test]
fn unknown_enum_values_parse_to_other() {
    let mut v = load("package.json");
    v["state"] = json!("Quarantined");
    v["resourceType"] = json!("AzureContainerPackage");
    let k: Package = serde_json::from_value(v.clone()).unwrap();
    assert_eq!(k.state, Field::Value(UploadState::Other("Quarantined".into())));
    assert_eq!(k.resource_type, Field::Value(PackageResourceType::Other("AzureContainerPackage".into())));
    assert_eq!(serde_json::to_value(&k).unwrap(), v);
    let mut v = load("submission.json");
    v["substate"] = json!("Archived");
    let s: Submission = serde_json::from_value(v.clone()).unwrap();
    assert_eq!(s.substate, Field::Value(SubmissionSubstate::Other("Archived".into())));
    assert_eq!(serde_json::to_value(&s).unwrap(), v);
    let mut v = load("branches.page.json");
    v["value"][0]["module"] = json!("Pricing");
    let b: Page<Branch> = serde_json::from_value(v.clone()).unwrap();
    assert_eq!(b.items()[0].module, Field::Value(BranchModule::Other("Pricing".into())));
    assert_eq!(serde_json::to_value(&b).unwrap(), v);
}

#[test]
fn updates_send_the_resource_as_read_with_if_match() {
    // The swagger marks no field read-only: the PUT body is the resource as read (etag included).
    let ep = Endpoints::production();
    let api = Ingestion::new(&ep);
    let l: Listing = serde_json::from_value(load("listing.json")).unwrap();
    let req = api.update_listing("p1", "l1", &l).unwrap();
    assert_eq!(req.header("If-Match"), Some("\"0400a2f8-0000-0800-0000-5f1a2b3c0000\""));
    assert_eq!(req.json_body().unwrap(), load("listing.json"));
    let mut i: ListingImage = serde_json::from_value(load("listing_image.json")).unwrap();
    i.state = Field::Value(UploadState::Uploaded);
    let req = api.update_listing_image("p1", "l1", "i1", &i).unwrap();
    assert_eq!(req.json_body().unwrap()["state"], json!("Uploaded"));
    assert!(req.header("If-Match").is_some());
    let mut no_tag = i.clone();
    no_tag.odata_etag = Field::Null;
    assert_eq!(api.update_listing_image("p1", "l1", "i1", &no_tag).unwrap_err().kind(), ErrorKind::InvalidArgument);
    let c: PackageConfiguration =
        serde_json::from_value(load("swagger/AzureApplicationPackageConfiguration.json")).unwrap();
    assert_eq!(api.update_package_configuration("p1", "c1", &c).unwrap().header("If-Match"), Some("string"));
}

#[test]
fn stale_etag_is_precondition_failed_and_other_statuses_map() {
    let body = json!({"error": {"code": "PreconditionFailed", "message": "The resource has changed"}});
    let e = ing::parse_listing(&HttpResponse::json(412, &body)).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::PreconditionFailed);
    assert_eq!(e.code(), "precondition_failed");
    assert_eq!(e.server_errors()[0].code, "PreconditionFailed");
    assert_eq!(ing::parse_package(&HttpResponse::new(409, "\"conflict\"")).unwrap_err().kind(), ErrorKind::Conflict);
    assert_eq!(ing::parse_product(&HttpResponse::new(404, "")).unwrap_err().kind(), ErrorKind::NotFound);
    assert!(ing::parse_deleted(&HttpResponse::new(204, "")).is_ok());
    assert_eq!(ing::parse_product(&HttpResponse::new(200, "not json")).unwrap_err().kind(), ErrorKind::InvalidResponse);
    assert!(ing::parse_products(&HttpResponse::json(200, &load("products.page.json"))).is_ok());
    assert!(ing::parse_submissions(&HttpResponse::json(200, &load("submissions.page.json"))).is_ok());
    assert!(ing::parse_package_configurations(&HttpResponse::json(
        200,
        &load("swagger/page.AzureApplicationPackageConfiguration.json")
    ))
    .is_ok());
}

#[test]
fn next_link_paging_absolute_and_relative() {
    let ep = Endpoints::production();
    let api = Ingestion::new(&ep);
    let page: Page<Product> = serde_json::from_value(load("products.page.json")).unwrap();
    let next = api.next_page(&page).unwrap().unwrap();
    assert_eq!(next.method, Method::Get);
    let path = |op: &str| storesubmit::api::routes::operation(op).unwrap().path.replace("{productId}", "p1");
    let root = storesubmit::api::INGESTION_ROOT;
    assert_eq!(next.url, format!("{root}{}?$skipToken=eyJza2lwIjoyfQ%3D%3D", path("ingestion.list_products")));
    let page: Page<Submission> = serde_json::from_value(load("submissions.page.json")).unwrap();
    assert_eq!(
        api.next_page(&page).unwrap().unwrap().url,
        format!("{root}{}?$skipToken=abc", path("ingestion.list_submissions"))
    );
    let emu = Endpoints::all_at("http://127.0.0.1:7777");
    let api = Ingestion::new(&emu);
    assert_eq!(
        api.next_page(&page).unwrap().unwrap_err().kind(),
        ErrorKind::InvalidResponse,
        "an absolute link on another host is refused"
    );
}

/// A model from JSON (the type follows the builder's signature).
fn m<T: serde::de::DeserializeOwned>(v: &Value) -> T {
    serde_json::from_value(v.clone()).expect("model")
}

fn same(typed: storesubmit::Result<storesubmit::HttpRequest>, op: &str, args: Value) {
    let typed = typed.unwrap_or_else(|e| panic!("{op}: {e}"));
    let generic = api::build(&Endpoints::production(), op, &args).unwrap_or_else(|e| panic!("{op}: {e}"));
    assert_eq!(typed.method, generic.method, "{op}");
    assert_eq!(typed.url, generic.url, "{op}");
    let mut th = typed.headers.clone();
    let mut gh = generic.headers.clone();
    th.sort();
    gh.sort();
    assert_eq!(th, gh, "{op}");
    assert_eq!(typed.json_body(), generic.json_body(), "{op}");
}

#[test]
fn typed_builders_equal_the_generic_builder() {
    let ep = Endpoints::production();
    let a = Ingestion::new(&ep);
    let p = "5ee59b4f-0d36-4a62-8d19-1ba6bd2e4a4a";
    let tag = "\"0400a2f8-0000-0800-0000-5f1a2b3c0000\"";
    let mut tested = Vec::new();
    let mut check = |t, op: &'static str, args: Value| {
        same(t, op, args);
        tested.push(op);
    };
    check(a.list_products(None), "ingestion.list_products", json!({}));
    check(
        a.list_products(Some("resourceType eq 'AzureApplication'")),
        "ingestion.list_products",
        json!({"$filter": "resourceType eq 'AzureApplication'"}),
    );
    let prod: Product = serde_json::from_value(load("product.create.request.json")).unwrap();
    check(a.create_product(&prod), "ingestion.create_product", json!({"body": load("product.create.request.json")}));
    check(a.get_product(p), "ingestion.get_product", json!({"productId": p}));
    check(a.delete_product(p), "ingestion.delete_product", json!({"productId": p}));
    check(a.get_product_setup(p), "ingestion.get_product_setup", json!({"productId": p}));
    check(
        a.list_branches_by_module(p, &BranchModule::Package),
        "ingestion.list_branches_by_module",
        json!({"productId": p, "module": "Package"}),
    );
    check(a.get_listing(p, "l1"), "ingestion.get_listing", json!({"productId": p, "listingId": "l1"}));
    let l: Listing = serde_json::from_value(load("listing.json")).unwrap();
    check(
        a.update_listing(p, "l1", &l),
        "ingestion.update_listing",
        json!({"productId": p, "listingId": "l1", "ifMatch": tag, "body": load("listing.json")}),
    );
    check(
        a.get_listings_by_instance(p, "inst-1"),
        "ingestion.get_listings_by_instance",
        json!({"productId": p, "instanceId": "inst-1"}),
    );
    check(a.list_listing_images(p, "l1"), "ingestion.list_listing_images", json!({"productId": p, "listingId": "l1"}));
    let img: ListingImage = serde_json::from_value(load("listing_image.create.request.json")).unwrap();
    check(
        a.create_listing_image(p, "l1", &img),
        "ingestion.create_listing_image",
        json!({"productId": p, "listingId": "l1", "body": load("listing_image.create.request.json")}),
    );
    check(
        a.get_listing_image(p, "l1", "i1"),
        "ingestion.get_listing_image",
        json!({"productId": p, "listingId": "l1", "imageId": "i1"}),
    );
    let img: ListingImage = serde_json::from_value(load("listing_image.json")).unwrap();
    check(
        a.update_listing_image(p, "l1", "i1", &img),
        "ingestion.update_listing_image",
        json!({"productId": p, "listingId": "l1", "imageId": "i1", "ifMatch": tag, "body": load("listing_image.json")}),
    );
    check(a.list_packages(p), "ingestion.list_packages", json!({"productId": p}));
    let k: Package = serde_json::from_value(load("package.create.request.json")).unwrap();
    check(
        a.create_package(p, &k),
        "ingestion.create_package",
        json!({"productId": p, "body": load("package.create.request.json")}),
    );
    check(a.get_package(p, "k1"), "ingestion.get_package", json!({"productId": p, "packageId": "k1"}));
    let k: Package = serde_json::from_value(load("package.json")).unwrap();
    check(
        a.update_package(p, "k1", &k),
        "ingestion.update_package",
        json!({"productId": p, "packageId": "k1", "ifMatch": tag, "body": load("package.json")}),
    );
    check(a.delete_package(p, "k1"), "ingestion.delete_package", json!({"productId": p, "packageId": "k1"}));
    check(
        a.get_package_configuration(p, "c1"),
        "ingestion.get_package_configuration",
        json!({"productId": p, "packageConfigurationId": "c1"}),
    );
    let c: PackageConfiguration =
        serde_json::from_value(load("swagger/AzureApplicationPackageConfiguration.json")).unwrap();
    check(
        a.update_package_configuration(p, "c1", &c),
        "ingestion.update_package_configuration",
        json!({"productId": p, "packageConfigurationId": "c1", "ifMatch": "string", "body": load("swagger/AzureApplicationPackageConfiguration.json")}),
    );
    check(
        a.get_package_configurations_by_instance(p, "inst-3"),
        "ingestion.get_package_configurations_by_instance",
        json!({"productId": p, "instanceId": "inst-3"}),
    );
    check(a.list_submissions(p), "ingestion.list_submissions", json!({"productId": p}));
    let s: SubmissionCreationRequest = serde_json::from_value(load("submission.create.request.json")).unwrap();
    check(
        a.create_submission(p, &s),
        "ingestion.create_submission",
        json!({"productId": p, "body": load("submission.create.request.json")}),
    );
    check(a.get_submission(p, "s1"), "ingestion.get_submission", json!({"productId": p, "submissionId": "s1"}));
    check(a.delete_submission(p, "s1"), "ingestion.delete_submission", json!({"productId": p, "submissionId": "s1"}));
    check(a.promote_submission(p, "s1"), "ingestion.promote_submission", json!({"productId": p, "submissionId": "s1"}));
    check(
        a.get_submission_validations(p, "s1"),
        "ingestion.get_submission_validations",
        json!({"productId": p, "submissionId": "s1"}),
    );
    check(
        a.get_submission_workflow(p, "s1"),
        "ingestion.get_submission_workflow",
        json!({"productId": p, "submissionId": "s1"}),
    );
    // the operations added for the whole swagger: one model body for every create and update
    let body = json!({"resourceType": "Any", "id": "x1", "@odata.etag": tag});
    check(
        a.create_product_setup(p, &m(&body)),
        "ingestion.create_product_setup",
        json!({"productId": p, "body": body}),
    );
    check(a.list_product_availabilities(p), "ingestion.list_product_availabilities", json!({"productId": p}));
    check(
        a.create_product_availability(p, &m(&body)),
        "ingestion.create_product_availability",
        json!({"productId": p, "body": body}),
    );
    check(
        a.get_product_availability(p, "productavailability1"),
        "ingestion.get_product_availability",
        json!({"productId": p, "productAvailabilityId": "productavailability1"}),
    );
    check(
        a.update_product_availability(p, "productavailability1", &m(&body)),
        "ingestion.update_product_availability",
        json!({"productId": p, "productAvailabilityId": "productavailability1", "body": body, "ifMatch": tag}),
    );
    check(
        a.get_product_availabilities_by_instance(p, "instance1"),
        "ingestion.get_product_availabilities_by_instance",
        json!({"productId": p, "instanceId": "instance1"}),
    );
    check(a.list_properties(p), "ingestion.list_properties", json!({"productId": p}));
    check(a.create_property(p, &m(&body)), "ingestion.create_property", json!({"productId": p, "body": body}));
    check(a.get_property(p, "property1"), "ingestion.get_property", json!({"productId": p, "propertyId": "property1"}));
    check(
        a.update_property(p, "property1", &m(&body)),
        "ingestion.update_property",
        json!({"productId": p, "propertyId": "property1", "body": body, "ifMatch": tag}),
    );
    check(
        a.get_properties_by_instance(p, "instance1"),
        "ingestion.get_properties_by_instance",
        json!({"productId": p, "instanceId": "instance1"}),
    );
    check(
        a.delete_listing(p, "listing1"),
        "ingestion.delete_listing",
        json!({"productId": p, "listingId": "listing1"}),
    );
    check(
        a.create_listing_with_instance(p, "instance1", &m(&body)),
        "ingestion.create_listing_with_instance",
        json!({"productId": p, "instanceId": "instance1", "body": body}),
    );
    check(
        a.list_listing_assets(p, "listing1", Some("FileSasUri")),
        "ingestion.list_listing_assets",
        json!({"productId": p, "listingId": "listing1", "$expand": "FileSasUri"}),
    );
    check(
        a.create_listing_asset(p, "listing1", &m(&body)),
        "ingestion.create_listing_asset",
        json!({"productId": p, "listingId": "listing1", "body": body}),
    );
    check(
        a.get_listing_asset(p, "listing1", "asset1", Some("FileSasUri")),
        "ingestion.get_listing_asset",
        json!({"productId": p, "listingId": "listing1", "assetId": "asset1", "$expand": "FileSasUri"}),
    );
    check(
        a.update_listing_asset(p, "listing1", "asset1", &m(&body)),
        "ingestion.update_listing_asset",
        json!({"productId": p, "listingId": "listing1", "assetId": "asset1", "body": body, "ifMatch": tag}),
    );
    check(
        a.delete_listing_asset(p, "listing1", "asset1"),
        "ingestion.delete_listing_asset",
        json!({"productId": p, "listingId": "listing1", "assetId": "asset1"}),
    );
    check(
        a.delete_listing_image(p, "listing1", "image1"),
        "ingestion.delete_listing_image",
        json!({"productId": p, "listingId": "listing1", "imageId": "image1"}),
    );
    check(
        a.list_listing_videos(p, "listing1", Some("FileSasUri")),
        "ingestion.list_listing_videos",
        json!({"productId": p, "listingId": "listing1", "$expand": "FileSasUri"}),
    );
    check(
        a.create_listing_video(p, "listing1", &m(&body)),
        "ingestion.create_listing_video",
        json!({"productId": p, "listingId": "listing1", "body": body}),
    );
    check(
        a.get_listing_video(p, "listing1", "video1", Some("FileSasUri")),
        "ingestion.get_listing_video",
        json!({"productId": p, "listingId": "listing1", "videoId": "video1", "$expand": "FileSasUri"}),
    );
    check(
        a.update_listing_video(p, "listing1", "video1", &m(&body)),
        "ingestion.update_listing_video",
        json!({"productId": p, "listingId": "listing1", "videoId": "video1", "body": body, "ifMatch": tag}),
    );
    check(
        a.delete_listing_video(p, "listing1", "video1"),
        "ingestion.delete_listing_video",
        json!({"productId": p, "listingId": "listing1", "videoId": "video1"}),
    );
    check(a.list_variants(p), "ingestion.list_variants", json!({"productId": p}));
    check(a.create_variant(p, &m(&body)), "ingestion.create_variant", json!({"productId": p, "body": body}));
    check(a.get_variant(p, "variant1"), "ingestion.get_variant", json!({"productId": p, "variantId": "variant1"}));
    check(
        a.update_variant(p, "variant1", &m(&body)),
        "ingestion.update_variant",
        json!({"productId": p, "variantId": "variant1", "body": body, "ifMatch": tag}),
    );
    check(
        a.delete_variant(p, "variant1"),
        "ingestion.delete_variant",
        json!({"productId": p, "variantId": "variant1"}),
    );
    check(
        a.get_feature_availabilities_by_instance(p, "instance1", Some("FileSasUri")),
        "ingestion.get_feature_availabilities_by_instance",
        json!({"productId": p, "instanceId": "instance1", "$expand": "FileSasUri"}),
    );
    check(
        a.get_feature_availability(p, "featureavailability1", Some("FileSasUri")),
        "ingestion.get_feature_availability",
        json!({"productId": p, "featureAvailabilityId": "featureavailability1", "$expand": "FileSasUri"}),
    );
    check(
        a.update_feature_availability(p, "featureavailability1", Some("FileSasUri"), &m(&body)),
        "ingestion.update_feature_availability",
        json!({"productId": p, "featureAvailabilityId": "featureavailability1", "$expand": "FileSasUri", "body": body, "ifMatch": tag}),
    );
    check(
        a.get_submission_reports(p, "submission1"),
        "ingestion.get_submission_reports",
        json!({"productId": p, "submissionId": "submission1"}),
    );
    check(a.get_lead_configuration(p), "ingestion.get_lead_configuration", json!({"productId": p}));
    check(
        a.create_lead_configuration(p, &m(&body)),
        "ingestion.create_lead_configuration",
        json!({"productId": p, "body": body}),
    );
    check(
        a.get_supplemental_contents_by_instance(p, "instance1"),
        "ingestion.get_supplemental_contents_by_instance",
        json!({"productId": p, "instanceId": "instance1"}),
    );
    check(
        a.get_supplemental_content(p, "instance1"),
        "ingestion.get_supplemental_content",
        json!({"productId": p, "instanceId": "instance1"}),
    );
    check(
        a.update_supplemental_content(p, "instance1", &m(&body)),
        "ingestion.update_supplemental_content",
        json!({"productId": p, "instanceId": "instance1", "body": body, "ifMatch": tag}),
    );
    check(
        a.commit_supplemental_content(p, "instance1"),
        "ingestion.commit_supplemental_content",
        json!({"productId": p, "instanceId": "instance1"}),
    );
    check(a.list_cosell_assets(p), "ingestion.list_cosell_assets", json!({"productId": p}));
    check(a.create_cosell_asset(p, &m(&body)), "ingestion.create_cosell_asset", json!({"productId": p, "body": body}));
    check(
        a.get_cosell_assets_by_instance(p, "instance1"),
        "ingestion.get_cosell_assets_by_instance",
        json!({"productId": p, "instanceId": "instance1"}),
    );
    check(
        a.get_cosell_asset(p, "cosellasset1"),
        "ingestion.get_cosell_asset",
        json!({"productId": p, "cosellAssetId": "cosellasset1"}),
    );
    check(
        a.update_cosell_asset(p, "cosellasset1", &m(&body)),
        "ingestion.update_cosell_asset",
        json!({"productId": p, "cosellAssetId": "cosellasset1", "body": body, "ifMatch": tag}),
    );
    check(
        a.delete_cosell_asset(p, "cosellasset1"),
        "ingestion.delete_cosell_asset",
        json!({"productId": p, "cosellAssetId": "cosellasset1"}),
    );
    check(
        a.get_cosell_listing(p, "instance1"),
        "ingestion.get_cosell_listing",
        json!({"productId": p, "instanceId": "instance1"}),
    );
    check(
        a.update_cosell_listing(p, "instance1", &m(&body)),
        "ingestion.update_cosell_listing",
        json!({"productId": p, "instanceId": "instance1", "body": body, "ifMatch": tag}),
    );
    check(
        a.get_cosell_listings_by_instance(p, "instance1"),
        "ingestion.get_cosell_listings_by_instance",
        json!({"productId": p, "instanceId": "instance1"}),
    );
    check(a.get_reseller_configuration(p), "ingestion.get_reseller_configuration", json!({"productId": p}));
    check(
        a.create_reseller_configuration(p, &m(&body)),
        "ingestion.create_reseller_configuration",
        json!({"productId": p, "body": body}),
    );
    for op in api::OPERATIONS.iter().filter(|o| o.family == api::Family::Ingestion) {
        assert!(tested.contains(&op.id), "{} has no typed-builder test", op.id);
    }
}

#[test]
fn sas_uris_stay_out_of_debug() {
    let k: Package = serde_json::from_value(load("package.json")).unwrap();
    let i: ListingImage = serde_json::from_value(load("listing_image.json")).unwrap();
    let dbg = format!("{k:?} {i:?}");
    assert!(!dbg.contains("SECRETSIG"), "{dbg}");
    assert!(dbg.contains("ingestionpackages.blob.core.windows.net"));
}

#[test]
fn new_resources_parse_into_typed_values_and_hide_credentials() {
    let f: FeatureAvailability = serde_json::from_value(load("feature_availability.json")).unwrap();
    assert_eq!(f.market_states.value().unwrap()[1].state, Field::Value(MarketStateValue::StopSelling));
    let schedule = &f.price_schedules.value().unwrap()[0].schedules.value().unwrap()[0];
    assert_eq!(schedule.retail_price.value().unwrap().open_price.value().and_then(|n| n.as_f64()), Some(12.5));
    assert_eq!(f.custom_meters.value().unwrap()[0].id, Field::Value("meter1".to_string()));
    assert!(f.etag().is_some());
    let r: Page<CertificationReport> = serde_json::from_value(load("certification_reports.page.json")).unwrap();
    assert_eq!(r.items()[0].status, Field::Value(CertificationStatus::Failed));
    let v: Variant = serde_json::from_value(load("swagger/AzureSkuVariant.json")).unwrap();
    assert_eq!(v.resource_type, Field::Value(VariantType::AzureSkuVariant));
    assert_eq!(v.extra["friedlyName"], json!("string"), "the swagger's misspelling stays in extra");
    let r: ResellerConfiguration = serde_json::from_value(load("reseller_configuration.json")).unwrap();
    assert_eq!(r.reseller_channel_state, Field::Value(ResellerChannelState::PartialOptIn));
    let mut lead: LeadConfiguration =
        serde_json::from_value(load("swagger/DynamicsCustomerRelationshipManagementLeadConfiguration.json")).unwrap();
    lead.password = Field::Value(HiddenText("hunter2-PASSWORD".into()));
    lead.application_key = Field::Value(HiddenText("APPKEY-SECRET".into()));
    lead.connection_string = Field::Value(HiddenText("AccountKey=CONNSECRET".into()));
    let shown = format!("{lead:?}");
    for secret in ["hunter2-PASSWORD", "APPKEY-SECRET", "CONNSECRET"] {
        assert!(!shown.contains(secret), "{shown}");
    }
    assert_eq!(serde_json::to_value(&lead).unwrap()["password"], json!("hunter2-PASSWORD"));
    let a: ListingAsset = serde_json::from_value(load("listing_asset.json")).unwrap();
    assert!(!format!("{a:?}").contains("SECRETSIG789"));
    assert!(a.file_sas_uri.value().unwrap().expose().contains("sig=SECRETSIG789"));
}

#[test]
fn new_updates_send_if_match_where_the_swagger_requires_it() {
    let ep = Endpoints::production();
    let api = Ingestion::new(&ep);
    let p: Property = serde_json::from_value(load("property.json")).unwrap();
    assert_eq!(api.update_property("p1", "x", &p).unwrap().header("If-Match"), p.etag());
    let f: FeatureAvailability = serde_json::from_value(load("feature_availability.json")).unwrap();
    let r = api.update_feature_availability("p1", "f1", Some("MarketStates"), &f).unwrap();
    assert!(r.url.ends_with("/featureavailabilities/f1?$expand=MarketStates"), "{}", r.url);
    for required in [
        api.update_property("p1", "x", &Property::default()),
        api.update_product_availability("p1", "x", &ProductAvailability::default()),
        api.update_feature_availability("p1", "x", None, &FeatureAvailability::default()),
        api.update_supplemental_content("p1", "x", &SupplementalContent::default()),
    ] {
        assert_eq!(required.unwrap_err().kind(), ErrorKind::InvalidArgument);
    }
    for optional in [
        api.update_variant("p1", "x", &Variant::default()),
        api.update_listing_asset("p1", "l", "x", &ListingAsset::default()),
        api.update_listing_video("p1", "l", "x", &ListingVideo::default()),
        api.update_cosell_asset("p1", "x", &CosellAsset::default()),
        api.update_cosell_listing("p1", "x", &CosellListing::default()),
    ] {
        assert_eq!(optional.unwrap().header("If-Match"), None);
    }
    let resp = HttpResponse::json(200, &load("certification_reports.page.json"));
    assert_eq!(ing::parse_certification_reports(&resp).unwrap().items().len(), 2);
}
