//! The devcenter models against every JSON sample of the Store's documentation.
//!
//! Fixtures (`core/tests/fixtures/devcenter/*.json`, sources in `SOURCES.md` there) are the samples copied
//! verbatim, so some hold what the Store docs hold: trailing commas (`"US": "Tier4",}`) and `//` comments
//! (`// Next 8 apps are omitted for brevity ...`). [`load`] reads them with the core's lenient JSON reader.
//!
//! Checked for every sample: it parses into its model and re-serialises to the same JSON (modulo key
//! order, including `null`s, absent keys and `0` vs `0.0`); unknown fields injected at the top level and
//! into every nested object survive; any field set to `null` survives; read-only fields are absent from
//! update bodies; unknown enum values parse to `Other`.

#[path = "shared/samples.rs"]
mod samples;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use samples::rt;
use serde_json::{json, Value};
use storesubmit::api::devcenter as dc;
use storesubmit::api::Endpoints;
use storesubmit::model::devcenter::*;

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/devcenter")
}

fn load(name: &str) -> Value {
    samples::load(&fixture_dir(), name)
}

/// Every fixture and the model it is a sample of (fragments like `{"gamingOptions": [...]}` are samples
/// of the enclosing resource).
const FIXTURES: &[(&str, &str)] = &[
    ("app_submission.json", "AppSubmission"),
    ("app_submission_gaming_options.json", "AppSubmission"),
    ("app_submission_packages.json", "AppSubmission"),
    ("app_submission_delivery_options.json", "AppSubmission"),
    ("app_submission_trailers.json", "AppSubmission"),
    ("app.json", "Application"),
    ("apps_list.json", "PagedList<Application>"),
    ("app_addons_list.json", "PagedList<AppAddonRef>"),
    ("app_flights_list.json", "PagedList<Flight>"),
    ("app_submission_create_response.json", "AppSubmission"),
    ("app_submission_get_response.json", "AppSubmission"),
    ("app_submission_update_request.json", "AppSubmission"),
    ("app_submission_update_response.json", "AppSubmission"),
    ("app_submission_status.json", "SubmissionStatusResource"),
    ("app_submission_commit_response.json", "SubmissionStatusResource"),
    ("app_rollout_in_progress.json", "PackageRollout"),
    ("app_rollout_not_enabled.json", "PackageRollout"),
    ("app_rollout_update_percentage_response.json", "PackageRollout"),
    ("app_rollout_halt_response.json", "PackageRollout"),
    ("app_rollout_finalize_response.json", "PackageRollout"),
    ("addons_list.json", "PagedList<Addon>"),
    ("addon_get_response.json", "Addon"),
    ("addon_create_request.json", "AddonCreate"),
    ("addon_create_response.json", "Addon"),
    ("addon_submission_create_response.json", "AddonSubmission"),
    ("addon_submission_get_response.json", "AddonSubmission"),
    ("addon_submission_update_request.json", "AddonSubmission"),
    ("addon_submission_update_response.json", "AddonSubmission"),
    ("addon_submission_status.json", "SubmissionStatusResource"),
    ("addon_submission_commit_response.json", "SubmissionStatusResource"),
    ("flight_get_response.json", "Flight"),
    ("flight_create_request.json", "FlightCreate"),
    ("flight_create_response.json", "Flight"),
    ("flight_submission_create_response.json", "FlightSubmission"),
    ("flight_submission_get_response.json", "FlightSubmission"),
    ("flight_submission_update_request.json", "FlightSubmission"),
    ("flight_submission_update_response.json", "FlightSubmission"),
    ("flight_submission_status.json", "SubmissionStatusResource"),
    ("flight_submission_commit_response.json", "SubmissionStatusResource"),
    ("flight_rollout_in_progress.json", "PackageRollout"),
    ("flight_rollout_not_enabled.json", "PackageRollout"),
    ("flight_rollout_update_percentage_response.json", "PackageRollout"),
    ("flight_rollout_halt_response.json", "PackageRollout"),
    ("flight_rollout_finalize_response.json", "PackageRollout"),
    ("app_resource.json", "Application"),
    ("app_addon_ref.json", "AppAddonRef"),
    ("flight_resource.json", "Flight"),
    ("app_submission_ref_fragment.json", "Application"),
    ("addon_resource.json", "Addon"),
    ("addon_applications_fragment.json", "Addon"),
    ("addon_submission_ref_fragment.json", "Addon"),
    ("addon_submission.json", "AddonSubmission"),
    ("flight_submission.json", "FlightSubmission"),
    ("flight_submission_packages_fragment.json", "FlightSubmission"),
    ("flight_submission_delivery_options_fragment.json", "FlightSubmission"),
];

/// Parses `v` as the named model and serialises it back.
fn round_trip(model: &str, v: &Value) -> Result<Value, String> {
    match model {
        "AppSubmission" => rt::<AppSubmission>(v),
        "AddonSubmission" => rt::<AddonSubmission>(v),
        "FlightSubmission" => rt::<FlightSubmission>(v),
        "Application" => rt::<Application>(v),
        "AppAddonRef" => rt::<AppAddonRef>(v),
        "Addon" => rt::<Addon>(v),
        "AddonCreate" => rt::<AddonCreate>(v),
        "Flight" => rt::<Flight>(v),
        "FlightCreate" => rt::<FlightCreate>(v),
        "SubmissionStatusResource" => rt::<SubmissionStatusResource>(v),
        "PackageRollout" => rt::<PackageRollout>(v),
        "PagedList<Application>" => rt::<PagedList<Application>>(v),
        "PagedList<AppAddonRef>" => rt::<PagedList<AppAddonRef>>(v),
        "PagedList<Flight>" => rt::<PagedList<Flight>>(v),
        "PagedList<Addon>" => rt::<PagedList<Addon>>(v),
        other => panic!("no model {other}"),
    }
}

/// Keys whose value is a dictionary (language, market, platform, device family → value) rather than a
/// modelled object: unknown fields go into their values, not into the dictionary itself.
const DICTIONARY_KEYS: &[&str] =
    &["listings", "platformOverrides", "marketSpecificPricings", "allowTargetFutureDeviceFamilies", "trailerAssets"];

/// Calls `f` on every modelled object in `v` (the root and every nested object except dictionaries).
fn each_model_object(v: &mut Value, f: &mut dyn FnMut(&mut serde_json::Map<String, Value>)) {
    match v {
        Value::Object(m) => {
            f(m);
            for (k, child) in m.iter_mut() {
                if DICTIONARY_KEYS.contains(&k.as_str()) {
                    if let Value::Object(dict) = child {
                        for item in dict.values_mut() {
                            each_model_object(item, f);
                        }
                    }
                } else if !k.starts_with("zz") {
                    each_model_object(child, f);
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                each_model_object(item, f);
            }
        }
        _ => {}
    }
}

#[test]
fn fixture_list_matches_the_directory() {
    let listed: BTreeSet<&str> = FIXTURES.iter().map(|(f, _)| *f).collect();
    assert_eq!(listed.len(), FIXTURES.len(), "duplicate fixture");
    let on_disk: BTreeSet<String> = std::fs::read_dir(fixture_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json"))
        .collect();
    let on_disk: BTreeSet<&str> = on_disk.iter().map(String::as_str).collect();
    assert_eq!(listed, on_disk);
}

#[test]
fn every_sample_round_trips_exactly() {
    let mut failures = Vec::new();
    for (file, model) in FIXTURES {
        let v = load(file);
        match round_trip(model, &v) {
            Ok(back) if back == v => {}
            Ok(back) => failures.push(format!("{file}: changed\n  in  {v}\n  out {back}")),
            Err(e) => failures.push(format!("{file}: {e}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn unknown_fields_survive_at_every_level() {
    for (file, model) in FIXTURES {
        let mut v = load(file);
        let mut n = 0;
        each_model_object(&mut v, &mut |m| {
            n += 1;
            m.insert(format!("zzUnknown{n}"), json!({"nested": [1, null, "x"], "n": 1.5}));
            m.insert("zzNull".to_string(), Value::Null);
        });
        assert!(n >= 1, "{file}");
        let back = round_trip(model, &v).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(back, v, "{file}: unknown fields lost ({n} objects injected)");
    }
}

#[test]
fn any_field_set_to_null_survives() {
    let mut checked = 0;
    for (file, model) in FIXTURES {
        let original = load(file);
        // Collect the paths of every field of every modelled object.
        let mut paths: Vec<Vec<String>> = Vec::new();
        fn walk(v: &Value, path: &mut Vec<String>, out: &mut Vec<Vec<String>>, dict: bool) {
            match v {
                Value::Object(m) => {
                    for (k, child) in m {
                        path.push(k.clone());
                        if !dict {
                            out.push(path.clone());
                        }
                        let child_is_dict = !dict && DICTIONARY_KEYS.contains(&k.as_str());
                        if dict || !child_is_dict {
                            walk(child, path, out, false);
                        } else {
                            walk(child, path, out, true);
                        }
                        path.pop();
                    }
                }
                Value::Array(items) => {
                    for (i, item) in items.iter().enumerate() {
                        path.push(i.to_string());
                        walk(item, path, out, false);
                        path.pop();
                    }
                }
                _ => {}
            }
        }
        walk(&original, &mut Vec::new(), &mut paths, false);
        for path in paths {
            let mut v = original.clone();
            let mut cur = &mut v;
            for seg in &path[..path.len() - 1] {
                cur = match cur {
                    Value::Object(m) => m.get_mut(seg).unwrap(),
                    Value::Array(a) => &mut a[seg.parse::<usize>().unwrap()],
                    _ => unreachable!(),
                };
            }
            cur.as_object_mut().unwrap().insert(path.last().unwrap().clone(), Value::Null);
            let back = round_trip(model, &v).unwrap_or_else(|e| panic!("{file} /{}: {e}", path.join("/")));
            assert_eq!(back, v, "{file}: null at /{} not kept", path.join("/"));
            checked += 1;
        }
    }
    assert!(checked > 500, "only {checked} fields checked");
}

#[test]
fn absent_fields_stay_absent() {
    for (file, model) in FIXTURES {
        let original = load(file);
        if let Value::Object(m) = &original {
            for key in m.keys() {
                let mut v = original.clone();
                v.as_object_mut().unwrap().remove(key);
                let back = round_trip(model, &v).unwrap();
                assert_eq!(back, v, "{file}: removing {key}");
            }
        }
    }
    assert_eq!(serde_json::to_value(AppSubmission::default()).unwrap(), json!({}));
    assert_eq!(serde_json::to_value(PagedList::<Addon>::default()).unwrap(), json!({}));
}

#[test]
fn typed_values_read_as_documented() {
    let sub: AppSubmission = serde_json::from_value(load("app_submission.json")).unwrap();
    assert_eq!(sub.id.as_deref(), Some("1152921504621243540"));
    assert_eq!(sub.status.get(), Some(&SubmissionStatus::PendingCommit));
    assert_eq!(sub.visibility.get(), Some(&Visibility::Public));
    assert_eq!(sub.target_publish_mode.get(), Some(&TargetPublishMode::Manual));
    assert_eq!(sub.enterprise_licensing.get(), Some(&EnterpriseLicensing::Online));
    assert_eq!(sub.hardware_preferences.get().unwrap(), &vec![HardwarePreference::Touch]);
    let pricing = sub.pricing.get().unwrap();
    assert_eq!(pricing.trial_period.get(), Some(&TrialPeriod::FifteenDays));
    assert_eq!(pricing.price_id.as_deref(), Some("Tier2"));
    let listing = &sub.listings.get().unwrap()["en-us"];
    let base = listing.base_listing.get().unwrap();
    assert_eq!(base.title.as_deref(), Some("Contoso ebook reader"));
    let image = &base.images.get().unwrap()[0];
    assert_eq!(image.file_status.get(), Some(&FileStatus::Uploaded));
    assert_eq!(image.image_type.get(), Some(&ImageType::Screenshot));
    assert!(listing.platform_overrides.get().unwrap()["Windows81"].description.is_value());
    let pkg = &sub.application_packages.get().unwrap()[0];
    assert_eq!(pkg.minimum_direct_x_version.get(), Some(&MinimumDirectXVersion::None));
    assert_eq!(pkg.minimum_system_ram.get(), Some(&MinimumSystemRam::None));
    let rollout = sub.package_delivery_options.get().unwrap().package_rollout.get().unwrap();
    assert_eq!(rollout.package_rollout_status.get(), Some(&PackageRolloutStatus::PackageRolloutNotStarted));
    assert_eq!(rollout.percentage(), Some(0.0));
    assert!(sub.allow_target_future_device_families.get().unwrap()["Mobile"]);
    assert!(sub.file_upload_url.get().unwrap().expose().contains("sig="));

    let games: AppSubmission = serde_json::from_value(load("app_submission_gaming_options.json")).unwrap();
    let g = &games.gaming_options.get().unwrap()[0];
    assert_eq!(g.genres.get().unwrap(), &vec![GameGenre::ActionAndAdventure, GameGenre::Casino]);
    assert_eq!(g.kinect_data_for_external.get(), Some(&KinectDataForExternal::Enabled));
    assert_eq!(g.local_multiplayer_max_players.get(), Some(&12));

    let trailers: AppSubmission = serde_json::from_value(load("app_submission_trailers.json")).unwrap();
    let t = &trailers.trailers.get().unwrap()[0];
    assert_eq!(t.video_file_name.as_deref(), Some("Trailers\\ContosoGameTrailer.mp4"));
    assert_eq!(
        t.trailer_assets.get().unwrap()["en-us"].image_list.get().unwrap()[0].file_name.as_deref(),
        Some("Images\\ContosoGame-Thumbnail.png")
    );

    // `0` stays an integer, `0.0` a float.
    let int_pct = serde_json::to_value(
        serde_json::from_value::<AppSubmission>(load("app_submission_delivery_options.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(int_pct["packageDeliveryOptions"]["packageRollout"]["packageRolloutPercentage"].to_string(), "0");
    let float_pct =
        serde_json::to_value(serde_json::from_value::<PackageRollout>(load("app_rollout_not_enabled.json")).unwrap())
            .unwrap();
    assert_eq!(float_pct["packageRolloutPercentage"].to_string(), "0.0");

    let addon_sub: AddonSubmission = serde_json::from_value(load("addon_submission.json")).unwrap();
    assert_eq!(addon_sub.content_type.get(), Some(&AddonContentType::EMagazine));
    assert_eq!(addon_sub.lifetime.get(), Some(&AddonLifetime::FiveDays));
    let warn = &addon_sub.status_details.get().unwrap().warnings.get().unwrap()[0];
    assert_eq!(warn.code.get(), Some(&SubmissionStatusCode::ListingOptOutWarning));
    assert_eq!(
        addon_sub.listings.get().unwrap()["ru"].icon.get().unwrap().file_status.get(),
        Some(&FileStatus::Uploaded)
    );
    assert_eq!(addon_sub.pricing.get().unwrap().market_specific_pricings.get().unwrap()["US"], "Tier4");

    let addon: Addon = serde_json::from_value(load("addon_resource.json")).unwrap();
    assert_eq!(addon.product_type.get(), Some(&ProductType::Durable));
    assert_eq!(addon.applications.get().unwrap().items()[0].id.as_deref(), Some("9NBLGGH4R315"));

    let apps: PagedList<Application> = serde_json::from_value(load("apps_list.json")).unwrap();
    assert_eq!(apps.next_link(), Some("applications?skip=10&top=10"));
    assert_eq!(apps.total_count.get(), Some(&21));
    assert_eq!(apps.items().len(), 2);
    let next = dc::next_page(&Endpoints::production(), apps.next_link().unwrap()).unwrap();
    let list_apps = storesubmit::api::routes::operation("devcenter.list_apps").unwrap().path;
    assert_eq!(next.url, format!("{}{list_apps}?skip=10&top=10", storesubmit::api::DEVCENTER_ROOT));

    let create: FlightCreate = serde_json::from_value(load("flight_create_request.json")).unwrap();
    assert!(create.rank_higher_than.is_null());
    assert_eq!(create.group_ids.get().unwrap()[0].to_string(), "0");

    let flight_sub: FlightSubmission = serde_json::from_value(load("flight_submission.json")).unwrap();
    assert_eq!(flight_sub.flight_packages.get().unwrap()[0].file_status.get(), Some(&FileStatus::PendingUpload));
    assert_eq!(flight_sub.target_publish_date.as_deref(), Some(""));

    let status: SubmissionStatusResource = serde_json::from_value(load("app_submission_commit_response.json")).unwrap();
    assert_eq!(status.status(), Some(&SubmissionStatus::CommitStarted));
}

#[test]
fn unknown_enum_values_parse_to_other_and_round_trip() {
    let v = json!({
        "status": "Quarantined",
        "visibility": "Secret",
        "targetPublishMode": "Someday",
        "enterpriseLicensing": "Galactic",
        "hardwarePreferences": ["Touch", "Hologram"],
        "pricing": {"trialPeriod": "OneCentury"},
        "listings": {"en-us": {"baseListing": {"images": [{"fileStatus": "Lost", "imageType": "Banner"}]}}},
        "applicationPackages": [{"minimumDirectXVersion": "DirectX12", "minimumSystemRam": "Memory64GB"}],
        "gamingOptions": [{"genres": ["Games_Idle"], "kinectDataForExternal": "Maybe"}],
        "packageDeliveryOptions": {"packageRollout": {"packageRolloutStatus": "PackageRolloutPaused"}},
        "statusDetails": {"errors": [{"code": "BrandNewCode", "details": ""}, {"code": "Other", "details": ""}]}
    });
    let sub: AppSubmission = serde_json::from_value(v.clone()).unwrap();
    assert_eq!(sub.status.get(), Some(&SubmissionStatus::Other("Quarantined".into())));
    assert_eq!(sub.visibility.get(), Some(&Visibility::Other("Secret".into())));
    assert_eq!(sub.target_publish_mode.get(), Some(&TargetPublishMode::Other("Someday".into())));
    assert_eq!(sub.enterprise_licensing.get(), Some(&EnterpriseLicensing::Other("Galactic".into())));
    assert_eq!(sub.hardware_preferences.get().unwrap()[1], HardwarePreference::Other("Hologram".into()));
    assert!(!sub.pricing.get().unwrap().trial_period.get().unwrap().is_known());
    let errors = sub.status_details.get().unwrap().errors.get().unwrap();
    assert_eq!(errors[0].code.get(), Some(&SubmissionStatusCode::Other("BrandNewCode".into())));
    assert_eq!(errors[1].code.get(), Some(&SubmissionStatusCode::OtherCode), "the documented `Other` code");
    assert_eq!(serde_json::to_value(&sub).unwrap(), v);

    let a: AddonSubmission =
        serde_json::from_value(json!({"contentType": "Hologram", "lifetime": "Forever2"})).unwrap();
    assert_eq!(a.content_type.get(), Some(&AddonContentType::Other("Hologram".into())));
    assert_eq!(a.lifetime.get(), Some(&AddonLifetime::Other("Forever2".into())));
    let p: Addon = serde_json::from_value(json!({"productType": "Subscription"})).unwrap();
    assert_eq!(p.product_type.get(), Some(&ProductType::Other("Subscription".into())));
}

#[test]
fn enum_value_lists_match_the_docs() {
    assert_eq!(SubmissionStatus::VALUES.len(), 15);
    assert_eq!(SubmissionStatusCode::VALUES.len(), 14);
    assert!(SubmissionStatusCode::VALUES.contains(&"Other"));
    assert_eq!(Visibility::VALUES, &["Hidden", "Public", "Private", "NotSet"]);
    assert_eq!(TargetPublishMode::VALUES, &["Immediate", "Manual", "SpecificDate"]);
    assert_eq!(FileStatus::VALUES, &["None", "PendingUpload", "Uploaded", "PendingDelete"]);
    assert_eq!(HardwarePreference::VALUES.len(), 8);
    assert_eq!(TrialPeriod::VALUES.len(), 6);
    assert_eq!(GameGenre::VALUES.len(), 16);
    assert_eq!(ImageType::VALUES.len(), 22);
    assert!(ImageType::LEGACY.iter().all(|l| ImageType::VALUES.contains(l)));
    assert_eq!(AddonContentType::VALUES.len(), 11);
    assert_eq!(AddonLifetime::VALUES.len(), 11);
    assert_eq!(
        PackageRolloutStatus::VALUES,
        &["PackageRolloutNotStarted", "PackageRolloutInProgress", "PackageRolloutComplete", "PackageRolloutStopped"]
    );
    for s in SubmissionStatus::VALUES {
        let parsed: SubmissionStatus = s.parse().unwrap();
        assert!(parsed.is_known() && parsed.as_str() == *s);
    }
    assert!(SubmissionStatus::CertificationFailed.is_failure());
    assert!(!SubmissionStatus::Published.is_failure());
}

/// Expands a read-only pointer with `*` against a document: the concrete pointers it names.
fn expand(v: &Value, pointer: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    for seg in pointer.trim_start_matches('/').split('/') {
        let mut next = Vec::new();
        for p in &out {
            if seg == "*" {
                if let Some(Value::Array(a)) = v.pointer(p) {
                    next.extend((0..a.len()).map(|i| format!("{p}/{i}")));
                }
            } else {
                next.push(format!("{p}/{seg}"));
            }
        }
        out = next;
    }
    out
}

#[test]
fn update_bodies_omit_read_only_fields_and_keep_the_rest() {
    let ep = Endpoints::production();
    let mut checked = 0;
    for (file, model) in FIXTURES {
        let mut v = load(file);
        // Unknown fields must travel too.
        v.as_object_mut().unwrap().insert("zzFuture".into(), json!({"keep": true}));
        let (req, read_only): (_, &[&str]) = match *model {
            "AppSubmission" => (
                dc::update_app_submission(
                    &ep,
                    "9NBLGGH4R315",
                    "1152921504621243540",
                    &serde_json::from_value(v.clone()).unwrap(),
                ),
                AppSubmission::READ_ONLY,
            ),
            "AddonSubmission" => (
                dc::update_addon_submission(
                    &ep,
                    "9NBLGGH4TNMP",
                    "1152921504621243680",
                    &serde_json::from_value(v.clone()).unwrap(),
                ),
                AddonSubmission::READ_ONLY,
            ),
            "FlightSubmission" => (
                dc::update_flight_submission(
                    &ep,
                    "9NBLGGH4R315",
                    "43e448df-97c9-4a43-a0bc-2a445e736bcd",
                    "1152921504621243649",
                    &serde_json::from_value(v.clone()).unwrap(),
                ),
                FlightSubmission::READ_ONLY,
            ),
            _ => continue,
        };
        let body = req.unwrap().json_body().unwrap();
        for p in read_only {
            for concrete in expand(&v, p) {
                assert!(body.pointer(&concrete).is_none(), "{file}: read-only {concrete} sent");
            }
        }
        let mut expected = v.clone();
        storesubmit::model::strip_read_only(&mut expected, read_only);
        assert_eq!(body, expected, "{file}: update body differs from the document minus read-only fields");
        assert_eq!(body["zzFuture"], json!({"keep": true}));
        checked += 1;
    }
    assert!(checked >= 15, "{checked}");
    // The documented ones, spelled out.
    let sub: AppSubmission = serde_json::from_value(load("app_submission.json")).unwrap();
    let body =
        dc::update_app_submission(&ep, "9NBLGGH4R315", "1152921504621243540", &sub).unwrap().json_body().unwrap();
    for gone in [
        "/id",
        "/status",
        "/statusDetails",
        "/fileUploadUrl",
        "/friendlyName",
        "/pricing/isAdvancedPricingModel",
        "/packageDeliveryOptions/packageRollout/packageRolloutStatus",
        "/packageDeliveryOptions/packageRollout/fallbackSubmissionId",
        "/applicationPackages/0/version",
        "/applicationPackages/0/architecture",
    ] {
        assert!(body.pointer(gone).is_none(), "{gone}");
    }
    assert_eq!(body.pointer("/applicationPackages/0/fileName"), Some(&json!("contoso_app.appx")));
    assert_eq!(body.pointer("/listings/en-us/baseListing/images/0/id"), Some(&json!("1152921504672272757")));
    assert_eq!(body.pointer("/packageDeliveryOptions/packageRollout/isPackageRollout"), Some(&json!(false)));
    assert_eq!(read_only_pointers(storesubmit::model::DocumentKind::AppSubmission), AppSubmission::READ_ONLY);
    assert!(read_only_pointers(storesubmit::model::DocumentKind::Win32Metadata).is_empty());
}

#[test]
fn sas_signatures_never_print() {
    for file in ["app_submission.json", "addon_submission.json", "flight_submission.json"] {
        let v = load(file);
        let sig =
            v["fileUploadUrl"].as_str().unwrap().split("sig=").nth(1).unwrap().split('&').next().unwrap().to_string();
        let debug = match file {
            "app_submission.json" => format!("{:?}", serde_json::from_value::<AppSubmission>(v.clone()).unwrap()),
            "addon_submission.json" => format!("{:?}", serde_json::from_value::<AddonSubmission>(v.clone()).unwrap()),
            _ => format!("{:?}", serde_json::from_value::<FlightSubmission>(v.clone()).unwrap()),
        };
        assert!(!debug.contains(&sig), "{file}: SAS signature in Debug");
        assert!(debug.contains("sig=<redacted>"), "{file}");
    }
    let url = SasUrl::new("https://a.blob.core.windows.net/c/b?sv=1&sig=abc%2B&sp=rwl");
    assert!(!url.to_string().contains("abc"));
    assert_eq!(
        serde_json::to_value(&url).unwrap(),
        json!("https://a.blob.core.windows.net/c/b?sv=1&sig=abc%2B&sp=rwl")
    );
}

#[test]
fn nullable_helpers() {
    let mut sub = AppSubmission {
        notes_for_certification: "Use account test@example.com".into(),
        gaming_options: Nullable::Null,
        ..AppSubmission::default()
    };
    sub.listings
        .get_or_insert_default()
        .entry("en-us".into())
        .or_default()
        .base_listing
        .get_or_insert_default()
        .title = "Contoso".into();
    assert_eq!(
        serde_json::to_value(&sub).unwrap(),
        json!({"notesForCertification": "Use account test@example.com", "gamingOptions": null,
               "listings": {"en-us": {"baseListing": {"title": "Contoso"}}}})
    );
    assert_eq!(sub.notes_for_certification.take().as_deref(), Some("Use account test@example.com"));
    assert!(sub.notes_for_certification.is_absent());
    let mut r = PackageRollout::default();
    assert!(r.set_percentage(12.5));
    assert!(!r.set_percentage(f64::NAN));
    assert_eq!(r.percentage(), Some(12.5));
}

#[test]
fn doc_json_is_read_like_the_docs_print_it() {
    let parse = |t: &str| storesubmit::validate::lenient_json::parse(t).unwrap().0;
    assert_eq!(parse("{\"a\": [1, 2,], // c\n \"u\": \"http://x,]\",}"), json!({"a": [1, 2], "u": "http://x,]"}));
    assert_eq!(parse("{\"s\": \"a\\\"//b\"}"), json!({"s": "a\"//b"}));
}
