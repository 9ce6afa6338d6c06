//! win32 (MSI/EXE) models against every sample of seed 003, and the typed builders against `api::build`.
//!
//! Fixtures (`tests/fixtures/win32/*.json`) are the documentation's samples verbatim; four of them carry the
//! documentation's trailing commas, which [`load`] strips before parsing (the files keep them).

#[path = "shared/samples.rs"]
mod samples;

use std::path::{Path, PathBuf};

use samples::{object_pointers, rt, Rt};
use serde_json::{json, Value};
use storesubmit::api::win32::{self as w, MetadataQuery, Win32};
use storesubmit::api::{self, Endpoints};
use storesubmit::model::win32::*;
use storesubmit::{ErrorKind, HttpResponse, Method};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/win32")
}

fn load(name: &str) -> Value {
    samples::load(&dir(), name)
}

/// Every fixture and the model it is parsed with.
const FIXTURES: &[(&str, Rt)] = &[
    ("get_metadata.response.json", rt::<Envelope<DraftMetadata>>),
    ("update_metadata.request.json", rt::<MetadataUpdate>),
    ("update_metadata.response.json", rt::<Envelope<PollingData>>),
    ("get_packages.response.json", rt::<Envelope<PackageList>>),
    ("put_packages.request.json", rt::<PackageList>),
    ("patch_package.request.json", rt::<Package>),
    ("update_packages.response.json", rt::<Envelope<PollingData>>),
    ("commit_packages.response.json", rt::<Envelope<PollingData>>),
    ("get_listing_assets.response.json", rt::<Envelope<ListingAssetsData>>),
    ("create_listing_assets.request.json", rt::<CreateAssetsRequest>),
    ("create_listing_assets.response.json", rt::<Envelope<CreateAssetsData>>),
    ("commit_listing_assets.request.json", rt::<CommitAssetsRequest>),
    ("commit_listing_assets.response.json", rt::<Envelope<PollingData>>),
    ("module_status.response.json", rt::<Envelope<ModuleStatus>>),
    ("submit.response.json", rt::<Envelope<SubmitData>>),
    ("submission_status.response.json", rt::<Envelope<SubmissionStatus>>),
];

#[test]
fn every_fixture_is_covered_and_trailing_commas_are_kept_verbatim() {
    let mut names: Vec<String> = std::fs::read_dir(dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json"))
        .collect();
    names.sort();
    let mut listed: Vec<String> = FIXTURES.iter().map(|(n, _)| n.to_string()).collect();
    listed.sort();
    assert_eq!(names, listed);
    for name in [
        "get_packages.response.json",
        "put_packages.request.json",
        "patch_package.request.json",
        "commit_listing_assets.request.json",
    ] {
        let text = std::fs::read_to_string(dir().join(name)).unwrap();
        assert!(serde_json::from_str::<Value>(&text).is_err(), "{name} should keep the documentation's trailing comma");
    }
}

#[test]
fn every_sample_round_trips_exactly() {
    for (name, f) in FIXTURES {
        let v = load(name);
        assert_eq!(f(&v).unwrap_or_else(|e| panic!("{name}: {e}")), v, "{name}");
    }
}

#[test]
fn explicit_nulls_and_absent_keys_round_trip_for_every_key() {
    let mut checked = 0;
    for (name, f) in FIXTURES {
        let v = load(name);
        let mut ptrs = Vec::new();
        object_pointers(&v, String::new(), &mut ptrs);
        for p in &ptrs {
            let keys: Vec<String> = v.pointer(p).unwrap().as_object().unwrap().keys().cloned().collect();
            for k in keys {
                let mut nulled = v.clone();
                nulled.pointer_mut(p).unwrap()[&k] = Value::Null;
                assert_eq!(
                    f(&nulled).unwrap_or_else(|e| panic!("{name} {p}/{k}=null: {e}")),
                    nulled,
                    "{name} {p}/{k}=null"
                );
                let mut removed = v.clone();
                removed.pointer_mut(p).unwrap().as_object_mut().unwrap().remove(&k);
                assert_eq!(f(&removed).unwrap_or_else(|e| panic!("{name} -{p}/{k}: {e}")), removed, "{name} -{p}/{k}");
                checked += 2;
            }
        }
    }
    assert!(checked > 500, "{checked}");
}

#[test]
fn unknown_fields_survive_top_level_and_nested() {
    let unknown = json!({"nested": [1, null, "x", {"deep": true}]});
    for (name, f) in FIXTURES {
        let mut v = load(name);
        let mut ptrs = Vec::new();
        object_pointers(&v, String::new(), &mut ptrs);
        for p in &ptrs {
            v.pointer_mut(p).unwrap()["zzUnknownField"] = unknown.clone();
        }
        assert_eq!(f(&v).unwrap_or_else(|e| panic!("{name}: {e}")), v, "{name}");
    }
    // and they land in `extra` of the right struct
    let mut v = load("get_metadata.response.json");
    v["x"] = json!(1);
    v["responseData"]["properties"]["productDeclarations"]["newDeclaration"] = json!(true);
    v["responseData"]["listings"][0]["trailer"] = json!({"url": "u"});
    let env: Envelope<DraftMetadata> = serde_json::from_value(v).unwrap();
    assert_eq!(env.extra["x"], json!(1));
    let data = env.data().unwrap();
    let decl = data.properties.value().unwrap().product_declarations.value().unwrap();
    assert_eq!(decl.extra["newDeclaration"], json!(true));
    assert_eq!(data.listings.value().unwrap()[0].extra["trailer"], json!({"url": "u"}));
}

#[test]
fn samples_parse_into_typed_values() {
    let env: Envelope<DraftMetadata> = serde_json::from_value(load("get_metadata.response.json")).unwrap();
    assert!(env.succeeded());
    assert_eq!(env.messages().len(), 2);
    assert_eq!(env.messages()[1].code.value().map(String::as_str), Some("warning"));
    let d = env.data().unwrap();
    let a = d.availability.value().unwrap();
    assert_eq!(a.pricing, Field::Value(Pricing::Paid));
    assert_eq!(a.free_trial, Field::Value(FreeTrial::NoFreeTrial));
    assert_eq!(a.discoverability, Field::Value(Discoverability::Discoverable));
    let p = d.properties.value().unwrap();
    assert_eq!(p.category, Field::Value(Category::DeveloperTools));
    assert_eq!(p.subcategory, Field::Value(Subcategory::Database));
    assert!(Category::DeveloperTools.subcategories().unwrap().contains(&"Database"));
    let feats = p.is_system_feature_required.value().unwrap();
    assert_eq!(feats.len(), 9);
    assert!(feats.iter().all(|f| f.hardware_item_type.value().unwrap().is_known()));
    let reqs = p.system_requirement_details.value().unwrap();
    let mem = &reqs[0];
    assert_eq!(mem.hardware_item_type, Field::Value(SystemRequirementItem::Memory));
    let allowed = SystemRequirementItem::Memory.allowed_values().unwrap();
    assert!(allowed.contains(&mem.minimum_requirement.value().unwrap().as_str()));
    assert!(reqs.iter().all(|r| r.hardware_item_type.value().unwrap().is_known()));
    assert_eq!(d.listing("EN-US").unwrap().sort_title, Field::Value("Product 101".to_string()));
    assert_eq!(d.listing_languages.value().unwrap()[0].is_complete, Field::Value(true));

    let env: Envelope<PackageList> = serde_json::from_value(load("get_packages.response.json")).unwrap();
    let pkg = &env.data().unwrap().items()[0];
    assert_eq!(pkg.package_type, Field::Value(PackageType::Exe));
    assert_eq!(pkg.architectures, Field::Value(vec![Architecture::X86]));
    assert_eq!(pkg.error_details.value().unwrap()[0].error_scenario, Field::Value(ErrorScenario::RebootRequired));

    let env: Envelope<SubmissionStatus> = serde_json::from_value(load("submission_status.response.json")).unwrap();
    assert_eq!(env.data().unwrap().publishing_status, Field::Value(PublishingStatus::InProgress));
    assert!(!env.data().unwrap().is_final());

    let env: Envelope<CreateAssetsData> = serde_json::from_value(load("create_listing_assets.response.json")).unwrap();
    let slot = &env.data().unwrap().listing_assets.value().unwrap().screenshots.value().unwrap()[0];
    assert_eq!(slot.http_method, Field::Value(UploadMethod::Put));
    assert!(slot.primary_asset_upload_url.value().unwrap().expose().contains("sig=54321"));
}

#[test]
fn unknown_enum_values_parse_to_other_and_round_trip() {
    let mut v = load("get_metadata.response.json");
    v["responseData"]["availability"]["pricing"] = json!("DONATION");
    v["responseData"]["availability"]["freeTrial"] = json!("TRIAL_30_DAYS");
    v["responseData"]["availability"]["discoverability"] = json!("HIDDEN");
    v["responseData"]["properties"]["category"] = json!("Robotics");
    v["responseData"]["properties"]["isSystemFeatureRequired"][0]["hardwareItemType"] = json!("Pen");
    v["responseData"]["properties"]["systemRequirementDetails"][0]["hardwareItemType"] = json!("Storage");
    let env: Envelope<DraftMetadata> = serde_json::from_value(v.clone()).unwrap();
    let d = env.data().unwrap();
    assert_eq!(d.availability.value().unwrap().pricing, Field::Value(Pricing::Other("DONATION".into())));
    assert_eq!(d.availability.value().unwrap().free_trial, Field::Value(FreeTrial::Other("TRIAL_30_DAYS".into())));
    assert_eq!(d.availability.value().unwrap().discoverability, Field::Value(Discoverability::Other("HIDDEN".into())));
    let p = d.properties.value().unwrap();
    assert_eq!(p.category, Field::Value(Category::Other("Robotics".into())));
    assert_eq!(p.category.value().unwrap().subcategories(), None);
    assert_eq!(
        p.is_system_feature_required.value().unwrap()[0].hardware_item_type,
        Field::Value(HardwareFeature::Other("Pen".into()))
    );
    let item = p.system_requirement_details.value().unwrap()[0].hardware_item_type.value().unwrap();
    assert_eq!(item, &SystemRequirementItem::Other("Storage".into()));
    assert_eq!(item.allowed_values(), None);
    assert_eq!(serde_json::to_value(&env).unwrap(), v);

    let mut v = load("get_packages.response.json");
    v["responseData"]["packages"][0]["packageType"] = json!("appx");
    v["responseData"]["packages"][0]["architectures"] = json!(["RiscV"]);
    v["responseData"]["packages"][0]["errorDetails"][0]["errorScenario"] = json!("outOfMemory");
    let env: Envelope<PackageList> = serde_json::from_value(v.clone()).unwrap();
    let pkg = &env.data().unwrap().items()[0];
    assert_eq!(pkg.package_type, Field::Value(PackageType::Other("appx".into())));
    assert_eq!(pkg.architectures, Field::Value(vec![Architecture::Other("RiscV".into())]));
    assert_eq!(
        pkg.error_details.value().unwrap()[0].error_scenario,
        Field::Value(ErrorScenario::Other("outOfMemory".into()))
    );
    assert_eq!(serde_json::to_value(&env).unwrap(), v);

    let v =
        json!({"isSuccess": true, "errors": [], "responseData": {"publishingStatus": "CANCELLED", "hasFailed": true}});
    let env: Envelope<SubmissionStatus> = serde_json::from_value(v.clone()).unwrap();
    assert_eq!(env.data().unwrap().publishing_status, Field::Value(PublishingStatus::Other("CANCELLED".into())));
    assert!(env.data().unwrap().is_final());
    assert_eq!(serde_json::to_value(&env).unwrap(), v);
}

fn ep() -> Endpoints {
    Endpoints::production()
}

#[test]
fn read_only_fields_are_absent_from_update_bodies() {
    let e = ep();
    let api = Win32::new(&e, "123").unwrap();

    // metadata: listingLanguages (response only) never goes back; everything else does.
    let env: Envelope<DraftMetadata> = serde_json::from_value(load("get_metadata.response.json")).unwrap();
    let mut draft = env.data().unwrap().clone();
    draft.extra.insert("listingLanguages".into(), json!("dup"));
    let update = draft.to_update(Some("en-us"));
    let body = api.put_metadata("P", &update).unwrap().json_body().unwrap();
    assert!(body.get("listingLanguages").is_none());
    let src = load("get_metadata.response.json");
    assert_eq!(body["availability"], src["responseData"]["availability"]);
    assert_eq!(body["properties"], src["responseData"]["properties"]);
    assert_eq!(body["listings"], src["responseData"]["listings"][0]);
    let mut with_ro = update.clone();
    with_ro.extra.insert("listingLanguages".into(), json!([]));
    let body = api.patch_metadata("P", &with_ro).unwrap().json_body().unwrap();
    assert!(body.get("listingLanguages").is_none());

    // packages: packageId is output only (regenerated by a full PUT; in the path for a PATCH).
    let env: Envelope<PackageList> = serde_json::from_value(load("get_packages.response.json")).unwrap();
    let list = env.data().unwrap().clone();
    let body = api.put_packages("P", &list).unwrap().json_body().unwrap();
    let mut expected = load("get_packages.response.json")["responseData"].clone();
    expected["packages"][0].as_object_mut().unwrap().remove("packageId");
    assert_eq!(body, expected);
    let pkg = list.items()[0].clone();
    let body = api.patch_package("P", "pack0832", &pkg).unwrap().json_body().unwrap();
    assert_eq!(body, expected["packages"][0]);

    // listing assets: imageSize is output only.
    let env: Envelope<ListingAssetsData> = serde_json::from_value(load("get_listing_assets.response.json")).unwrap();
    let assets = env.data().unwrap().listing_assets.value().unwrap()[0].clone();
    let commit = CommitAssetsRequest { listing_assets: Field::Value(assets), ..Default::default() };
    let body = api.commit_listing_assets("P", &commit).unwrap().json_body().unwrap();
    assert_eq!(body, load("commit_listing_assets.request.json"));
}

fn same(typed: storesubmit::Result<storesubmit::HttpRequest>, op: &str, args: Value) {
    let typed = typed.unwrap_or_else(|e| panic!("{op}: {e}"));
    let generic = api::build(&ep(), op, &args).unwrap_or_else(|e| panic!("{op}: {e}"));
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
    let e = ep();
    let api = Win32::new(&e, "123456").unwrap();
    let p = "9NBLGGH4R315";
    let base = |extra: Value| {
        let mut a = json!({"productId": p, "sellerId": "123456"});
        a.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
        a
    };
    let q = MetadataQuery { languages: vec!["en-us".into(), "en-gb".into()], include_language_list: Some(true) };
    same(api.get_metadata(p, &MetadataQuery::default()), "win32.get_metadata", base(json!({})));
    same(
        api.get_metadata(p, &q),
        "win32.get_metadata",
        base(json!({"languages": ["en-us", "en-gb"], "includelanguagelist": true})),
    );
    same(
        api.get_metadata_module(p, &MetadataModule::Availability, &q),
        "win32.get_metadata_module",
        base(json!({"moduleName": "availability", "languages": "en-us,en-gb", "includelanguagelist": "true"})),
    );
    let upd: MetadataUpdate = serde_json::from_value(load("update_metadata.request.json")).unwrap();
    let body = load("update_metadata.request.json");
    same(api.put_metadata(p, &upd), "win32.put_metadata", base(json!({"body": body})));
    same(api.patch_metadata(p, &upd), "win32.patch_metadata", base(json!({"body": body})));
    same(api.get_packages(p), "win32.get_packages", base(json!({})));
    same(api.get_package(p, "pack/08 32"), "win32.get_package", base(json!({"packageId": "pack/08 32"})));
    let list: PackageList = serde_json::from_value(load("put_packages.request.json")).unwrap();
    same(api.put_packages(p, &list), "win32.put_packages", base(json!({"body": load("put_packages.request.json")})));
    let pkg: Package = serde_json::from_value(load("patch_package.request.json")).unwrap();
    same(
        api.patch_package(p, "pack0832", &pkg),
        "win32.patch_package",
        base(json!({"packageId": "pack0832", "body": load("patch_package.request.json")})),
    );
    same(api.commit_packages(p), "win32.commit_packages", base(json!({})));
    same(api.get_listing_assets(p, &[]), "win32.get_listing_assets", base(json!({})));
    same(
        api.get_listing_assets(p, &["fr-fr".to_string()]),
        "win32.get_listing_assets",
        base(json!({"languages": ["fr-fr"]})),
    );
    let create: CreateAssetsRequest = serde_json::from_value(load("create_listing_assets.request.json")).unwrap();
    same(
        api.create_listing_assets(p, &create),
        "win32.create_listing_assets",
        base(json!({"body": load("create_listing_assets.request.json")})),
    );
    let commit: CommitAssetsRequest = serde_json::from_value(load("commit_listing_assets.request.json")).unwrap();
    same(
        api.commit_listing_assets(p, &commit),
        "win32.commit_listing_assets",
        base(json!({"body": load("commit_listing_assets.request.json")})),
    );
    same(api.get_module_status(p), "win32.get_module_status", base(json!({})));
    same(api.submit(p), "win32.submit", base(json!({})));
    same(
        api.get_submission_status(p, "1234567890"),
        "win32.get_submission_status",
        base(json!({"submissionId": "1234567890"})),
    );
}

#[test]
fn every_win32_operation_has_a_typed_builder_tested_above() {
    // keep this list in step with `typed_builders_equal_the_generic_builder`
    let tested = [
        "win32.get_metadata",
        "win32.get_metadata_module",
        "win32.put_metadata",
        "win32.patch_metadata",
        "win32.get_packages",
        "win32.get_package",
        "win32.put_packages",
        "win32.patch_package",
        "win32.commit_packages",
        "win32.get_listing_assets",
        "win32.create_listing_assets",
        "win32.commit_listing_assets",
        "win32.get_module_status",
        "win32.submit",
        "win32.get_submission_status",
    ];
    for op in api::OPERATIONS.iter().filter(|o| o.family == api::Family::Win32) {
        assert!(tested.contains(&op.id), "{} has no typed-builder test", op.id);
    }
}

fn resp(status: u16, name: &str) -> HttpResponse {
    HttpResponse::json(status, &load(name))
}

#[test]
fn parsers_unwrap_envelopes_and_expose_polling_urls() {
    let e = Endpoints::all_at("http://127.0.0.1:8080");
    let api = Win32::new(&e, "99").unwrap();
    assert!(w::parse_metadata(&resp(200, "get_metadata.response.json")).is_ok());
    assert!(w::parse_packages(&resp(200, "get_packages.response.json")).is_ok());
    assert!(w::parse_listing_assets(&resp(200, "get_listing_assets.response.json")).is_ok());
    assert!(w::parse_create_listing_assets(&resp(200, "create_listing_assets.response.json")).is_ok());
    assert!(
        w::parse_module_status(&resp(200, "module_status.response.json")).unwrap().data().unwrap().is_ready
            == Field::Value(true)
    );
    assert!(w::parse_submission_status(&resp(200, "submission_status.response.json")).is_ok());

    let env = w::parse_polling(&resp(200, "commit_packages.response.json")).unwrap();
    let url = w::polling_url(&env).unwrap();
    assert_eq!(url, "/submission/v1/product/{productId}/status");
    let poll = api.poll_request("/submission/v1/product/9N1/status").unwrap();
    assert_eq!(poll.method, Method::Get);
    assert_eq!(poll.url, "http://127.0.0.1:8080/submission/v1/product/9N1/status");
    assert_eq!(poll.header(api::SELLER_HEADER), Some("99"));

    let env = w::parse_submit(&resp(200, "submit.response.json")).unwrap();
    assert_eq!(env.data().unwrap().submission_id, Field::Value("1234567890".to_string()));
    assert!(w::polling_url(&env).is_some());
    for f in ["update_metadata.response.json", "update_packages.response.json", "commit_listing_assets.response.json"] {
        assert!(w::polling_url(&w::parse_polling(&resp(200, f)).unwrap()).is_some(), "{f}");
    }

    // isSuccess:false with HTTP 200 is an error carrying the envelope's errors
    let mut failed = load("commit_packages.response.json");
    failed["isSuccess"] = json!(false);
    let err = w::parse_polling(&HttpResponse::json(200, &failed)).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::BadRequest);
    assert_eq!(err.status(), Some(200));
    assert_eq!(err.server_errors().len(), 2);
    assert_eq!(err.server_errors()[0].code, "badrequest");
    // error statuses keep their mapping, with the envelope's errors
    let err = w::parse_polling(&HttpResponse::json(409, &failed)).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Conflict);
    let err = w::parse_submit(&HttpResponse::json(429, &failed).with_header("Retry-After", "3")).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::RateLimited);
    assert_eq!(err.retry_after(), Some(std::time::Duration::from_secs(3)));
}

#[test]
fn sas_upload_urls_stay_out_of_debug() {
    let env = w::parse_create_listing_assets(&resp(200, "create_listing_assets.response.json")).unwrap();
    let dbg = format!("{env:?}");
    assert!(dbg.contains("primaryAssetUploadUrl") || dbg.contains("primary_asset_upload_url"));
    for sig in ["sig=12345", "sig=54326", "sig=54321", "sig=54322"] {
        assert!(!dbg.contains(sig), "{sig} in {dbg}");
    }
    let text = serde_json::to_string(&env).unwrap();
    assert!(text.contains("sig=12345"), "the wire form keeps the URL");
}
