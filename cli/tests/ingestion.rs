//! The Partner Center ingestion commands through the binary and the emulator: an offer update end to end
//! (a listing with a new logo and video, a plan's availability and a property changed, submitted, failed in
//! certification by a fault rule, the report shown, the listing fixed, resubmitted and promoted), plus
//! `addon delete`, `flight delete` and `win32 package get`.

use std::path::Path;
use std::process::Output;

use serde_json::{json, Value};
use storesubmit_emulator::{Config, Durations, Emulator, EmulatorHandle, FaultRule};

mod common;

use common::{bin, write, Dir};

fn dir(tag: &str) -> Dir {
    common::dir("cli-ing", tag)
}

/// An emulator with quick ingestion phases, and its first line as a config file.
fn emulator(d: &Path) -> (EmulatorHandle, String) {
    let durations = Durations { ingestion_processing: 0.2, ingestion_publishing: 0.3, ..Durations::default() };
    let emu = Emulator::start_blocking(Config { durations, ..Config::default() }).expect("emulator starts");
    let cfg = d.join("emulator.json");
    std::fs::write(&cfg, serde_json::to_string(emu.info()).unwrap()).unwrap();
    (emu, cfg.to_str().unwrap().to_string())
}

/// Runs the binary with `--config`; (exit code, stdout, stderr).
fn run(cfg: &str, args: &[&str]) -> (i32, String, String) {
    let o: Output = bin().args(args).args(["--config", cfg]).output().expect("the binary runs");
    let (out, err) = (String::from_utf8_lossy(&o.stdout).into_owned(), String::from_utf8_lossy(&o.stderr).into_owned());
    assert!(no_signature(&out) && no_signature(&err), "a SAS signature in the output:\n{out}\n{err}");
    (o.status.code().unwrap_or(-1), out, err)
}

/// Runs with `--json` and expects success; the JSON printed.
fn ok_json(cfg: &str, args: &[&str]) -> Value {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    let (code, out, err) = run(cfg, &all);
    assert_eq!(code, 0, "{args:?}\n{out}\n{err}");
    serde_json::from_str(out.trim()).unwrap_or_else(|e| panic!("{args:?}: not JSON ({e}): {out}"))
}

fn no_signature(s: &str) -> bool {
    s.match_indices("sig=").all(|(i, _)| s[i..].starts_with("sig=<redacted>"))
}

/// The product's own (not a plan's) draft instance of a module, and a plan's.
fn instance(cfg: &str, pid: &str, module: &str, variant: &str) -> String {
    let page = ok_json(cfg, &["ingestion", "branches", "--product-id", pid, "--module", module]);
    let b = page["value"].as_array().unwrap().iter().find(|b| b["variantID"] == variant).expect("branch").clone();
    b["currentDraftInstanceID"].as_str().unwrap().to_string()
}

#[test]
fn offer_update_fails_certification_shows_the_report_is_fixed_and_promoted() {
    let d = dir("offer");
    let (emu, cfg) = emulator(&d.0);
    let pid = emu.info().ingestion_product_id.clone();
    let cfg = cfg.as_str();

    // A plan to sell, created with its own command.
    let plan = write(
        &d.0,
        "gold.json",
        &json!({"resourceType": "AzureSkuVariant", "friendlyName": "Gold", "externalID": "gold"}),
    );
    let gold = ok_json(cfg, &["ingestion", "plan", "create", "--product-id", &pid, "--file", &plan]);
    let gold_id = gold["id"].as_str().unwrap().to_string();
    let plans = ok_json(cfg, &["ingestion", "plan", "list", "--product-id", &pid]);
    assert_eq!(plans["value"].as_array().unwrap().len(), 1);

    // The certification of the next submission fails (a fault rule on the emulator's certification).
    emu.add_fault(FaultRule {
        op: Some("ingestion.certification".into()),
        status: Some(422),
        times: Some(1),
        body: Some(json!({"errorCode": "ListingDescriptionInvalid", "message": "The description promises a free tier the plans do not have.", "resource": "Listing"})),
        ..FaultRule::default()
    })
    .unwrap();

    // The offer update: listing text and a new logo, the plan's markets and price, a property.
    std::fs::create_dir_all(d.0.join("media")).unwrap();
    std::fs::write(d.0.join("media").join("logo.png"), b"\x89PNG\r\n\x1a\n-logo-").unwrap();
    std::fs::write(d.0.join("media").join("tour.mp4"), vec![0x42u8; 4096]).unwrap();
    let changes = write(
        &d.0,
        "changes.json",
        &json!({
            "listings": [{"languageCode": "en-us", "set": {"description": "Insights, with a free tier.", "summary": "Insights"},
                          "images": [{"file": "media/logo.png", "type": "AzureLogoLarge"}],
                          "videos": [{"file": "media/tour.mp4", "fields": {"thumbnail": {"fileName": "tour.png", "title": "Tour"}}}]}],
            "property": {"categories": ["Analytics"], "industries": ["Retail"]},
            "plans": [{"plan": "gold", "availability": {
                "marketStates": [{"marketCode": "US", "state": "Enabled"}, {"marketCode": "DE", "state": "Enabled"}],
                "priceSchedules": [{"isBaseSchedule": true, "marketCodes": ["US"], "schedules": [{"pricingModel": "Recurring", "retailPrice": {"openPrice": 20, "currencyCode": "USD"}}]}]
            }}]
        }),
    );
    let files = d.0.to_str().unwrap();
    let publish = ["ingestion", "publish", "--product-id", &pid, "--poll-interval", "100ms", "--timeout", "60s"];
    let mut args = publish.to_vec();
    args.extend(["--changes", &changes, "--files", files]);
    let (code, out, err) = run(cfg, &args);
    assert_eq!(code, 1, "certification fails:\n{out}\n{err}");
    assert!(err.contains("error[submission_failed]") && err.contains("FailedInCertification"), "{err}");
    assert!(err.contains("ListingDescriptionInvalid"), "the validation is shown: {err}");
    assert!(err.contains("server certificationReport") && err.contains("Status: Failed"), "the report is shown: {err}");

    // The changes are in the drafts.
    let listing_inst = instance(cfg, &pid, "Listing", "");
    let listings =
        ok_json(cfg, &["ingestion", "listing", "by-instance", "--product-id", &pid, "--instance-id", &listing_inst]);
    let listing = listings["value"][0].clone();
    let lid = listing["id"].as_str().unwrap().to_string();
    assert_eq!(listing["description"], "Insights, with a free tier.");
    let images = ok_json(cfg, &["ingestion", "image", "list", "--product-id", &pid, "--listing-id", &lid]);
    assert_eq!(images["value"][0]["fileName"], "logo.png");
    let state = images["value"][0]["state"].as_str().unwrap();
    assert!(["Uploaded", "Processed"].contains(&state), "the logo was uploaded: {state}");
    let videos = ok_json(cfg, &["ingestion", "video", "list", "--product-id", &pid, "--listing-id", &lid]);
    assert_eq!(videos["value"][0]["fileName"], "tour.mp4");
    assert_eq!(videos["value"][0]["thumbnail"]["title"], "Tour");
    assert!(videos["value"][0].get("fileSasUri").is_none(), "no upload URL without --expand FileSasUri");
    let prop_inst = instance(cfg, &pid, "Property", "");
    let props =
        ok_json(cfg, &["ingestion", "property", "by-instance", "--product-id", &pid, "--instance-id", &prop_inst]);
    assert_eq!(props["value"][0]["categories"], json!(["Analytics"]));
    let plan_inst = instance(cfg, &pid, "Availability", &gold_id);
    let expand = "MarketStates,PriceSchedules";
    let fa = ok_json(
        cfg,
        &[
            "ingestion",
            "feature-availability",
            "by-instance",
            "--product-id",
            &pid,
            "--instance-id",
            &plan_inst,
            "--expand",
            expand,
        ],
    );
    assert_eq!(fa["value"][0]["marketStates"][1], json!({"marketCode": "DE", "state": "Enabled"}));
    assert_eq!(fa["value"][0]["priceSchedules"][0]["schedules"][0]["retailPrice"]["openPrice"], 20);

    // The failed submission and its report, as people read it.
    let subs = ok_json(cfg, &["ingestion", "submission", "list", "--product-id", &pid]);
    let failed = subs["value"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(failed["substate"], "FailedInCertification");
    assert_eq!(failed["variantResources"][0]["variantID"], gold_id.as_str(), "the plan is submitted too");
    let sid = failed["id"].as_str().unwrap();
    let (code, out, err) = run(cfg, &["ingestion", "submission", "reports", "--product-id", &pid, "--id", sid]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("certification report: Failed"), "{out}");
    assert!(out.contains("ListingDescriptionInvalid: The description promises a free tier"), "{out}");
    let v = ok_json(cfg, &["ingestion", "submission", "validations", "--product-id", &pid, "--id", sid]);
    assert_eq!(v["value"][0]["errorCode"], "ListingDescriptionInvalid");

    // The fix: the listing's description, merged into the listing as read (If-Match from it).
    let fix = write(&d.0, "fix.json", &json!({"description": "Insights for every team."}));
    let fixed = ok_json(cfg, &["ingestion", "listing", "update", "--product-id", &pid, "--id", &lid, "--file", &fix]);
    assert_eq!(fixed["description"], "Insights for every team.");
    assert_eq!(fixed["summary"], "Insights", "the rest of the listing is kept");

    // Resubmit and promote to live.
    let mut args = publish.to_vec();
    args.push("--promote");
    let out = ok_json(cfg, &args);
    assert_eq!(out["stage"], "published", "{out}");
    assert_eq!(out["status"], "InStore");
    let sid = out["submissionId"].as_str().unwrap();
    let sub = ok_json(cfg, &["ingestion", "submission", "get", "--product-id", &pid, "--id", sid]);
    assert_eq!(sub["state"], "Published");
    assert_eq!(sub["targets"][0]["value"], "Live");
    let reports = ok_json(cfg, &["ingestion", "submission", "reports", "--product-id", &pid, "--id", sid]);
    assert_eq!(reports["value"][0]["status"], "Passed");
}

#[test]
fn resource_commands_cover_each_family_and_the_other_deletes() {
    let d = dir("families");
    let (emu, cfg) = emulator(&d.0);
    let info = emu.info().clone();
    let pid = info.ingestion_product_id.as_str();
    let cfg = cfg.as_str();

    // Setup, lead and reseller configuration; credentials never printed.
    let setup = write(&d.0, "setup.json", &json!({"sellingOption": "ListAndSell", "callToAction": "free-trial"}));
    assert_eq!(
        ok_json(cfg, &["ingestion", "setup", "create", "--product-id", pid, "--file", &setup])["sellingOption"],
        "ListAndSell"
    );
    let lead = write(
        &d.0,
        "lead.json",
        &json!({"resourceType": "AzureTableLeadConfiguration", "connectionString": "DefaultEndpointsProtocol=https;AccountName=a;AccountKey=LEADKEY123"}),
    );
    ok_json(cfg, &["ingestion", "lead", "create", "--product-id", pid, "--file", &lead]);
    let (code, out, err) = run(cfg, &["ingestion", "lead", "get", "--product-id", pid]);
    assert_eq!(code, 0, "{err}");
    assert!(!out.contains("LEADKEY123"), "the lead storage key is redacted: {out}");
    let reseller = write(&d.0, "reseller.json", &json!({"resellerChannelState": "Enabled"}));
    ok_json(cfg, &["ingestion", "reseller", "create", "--product-id", pid, "--file", &reseller]);
    assert_eq!(ok_json(cfg, &["ingestion", "reseller", "get", "--product-id", pid])["resellerChannelState"], "Enabled");

    // Supplemental content and co-sell listing by instance.
    let sinst = instance(cfg, pid, "SupplementalContent", "");
    let sc = write(&d.0, "sc.json", &json!({"targetRelease": "3.0"}));
    ok_json(cfg, &["ingestion", "supplemental", "update", "--product-id", pid, "--instance-id", &sinst, "--file", &sc]);
    assert_eq!(
        ok_json(cfg, &["ingestion", "supplemental", "commit", "--product-id", pid, "--instance-id", &sinst])
            ["targetRelease"],
        "3.0"
    );
    let cinst = instance(cfg, pid, "Cosell", "");
    let cl =
        ok_json(cfg, &["ingestion", "cosell-listing", "by-instance", "--product-id", pid, "--instance-id", &cinst]);
    assert_eq!(cl["value"][0]["resourceType"], "CosellListing");

    // A wrong action names the ones the family has; a missing flag is named.
    let (code, _, err) = run(cfg, &["ingestion", "lead", "delete", "--product-id", pid]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("it has: get, create"), "{err}");
    let (code, _, err) = run(cfg, &["ingestion", "property", "get", "--product-id", pid]);
    assert_eq!(code, 2);
    assert!(err.contains("needs --id"), "{err}");

    // addon delete, flight delete, win32 package get.
    let v = ok_json(cfg, &["addon", "delete", "--addon-id", &info.addon_id]);
    assert!(v.is_null(), "{v}");
    let (code, _, err) = run(cfg, &["addon", "get", "--addon-id", &info.addon_id]);
    assert_eq!(code, 5, "deleted: not found: {err}");
    ok_json(cfg, &["flight", "delete", "--app-id", &info.app_id, "--flight-id", &info.flight_id]);
    let (code, _, _) = run(cfg, &["flight", "get", "--app-id", &info.app_id, "--flight-id", &info.flight_id]);
    assert_eq!(code, 5, "not found");
    let packages = ok_json(cfg, &["win32", "packages", "--product-id", &info.win32_product_id]);
    let first = packages["responseData"]["packages"][0].clone();
    let package_id = first["packageId"].as_str().expect("a package id").to_string();
    let one =
        ok_json(cfg, &["win32", "package", "get", "--product-id", &info.win32_product_id, "--package-id", &package_id]);
    // The emulator answers a one-package list in the envelope, as the MSI/EXE samples show.
    let data = &one["responseData"];
    let got = data.get("packageId").or_else(|| data["packages"][0].get("packageId"));
    assert_eq!(got, Some(&json!(package_id)), "{one}");
}
