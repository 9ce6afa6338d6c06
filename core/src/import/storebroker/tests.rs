use serde_json::{json, Value};

use super::*;
use crate::import::{FsSource, MemSource};
use crate::model::DocumentKind;
use crate::validate::{check_change, FileSet, Input};

fn fixture(p: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/storebroker").join(p)
}

fn import_fixture(which: &str) -> ImportResult {
    let text = std::fs::read_to_string(fixture(&format!("{which}/SBConfig.json"))).unwrap();
    let cfg = read_config(&text, "SBConfig.json");
    let pdp = FsSource::new(fixture(&format!("{which}/{}", cfg.pdp_root)));
    let images = FsSource::new(fixture(&format!("{which}/{}", cfg.images_root)));
    import(&cfg, Some(&pdp), Some(&images))
}

fn json_file(r: &ImportResult, path: &str) -> Value {
    serde_json::from_str(r.file(path).unwrap_or_else(|| panic!("{path} not written: {:?}", r.files))).unwrap()
}

fn codes_of(r: &ImportResult) -> Vec<&str> {
    r.issues.iter().map(|i| i.code.as_str()).collect()
}

fn errors(r: &ImportResult) -> Vec<String> {
    r.issues.iter().filter(|i| i.is_error()).map(ToString::to_string).collect()
}

const CONFIG: &str = r#"{"packageParameters": {"PDPRootPath": "p", "ImagesRootPath": "i"},
  "appSubmission": {"appId": "9NBLGGH4R315", "visibility": "Public"}}"#;

const PDP_HEAD: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<ProductDescription language="en-us" xmlns="http://schemas.microsoft.com/appx/2012/ProductDescription" Release="">"#;

/// An import of one en-us PDP body (inside <ProductDescription>) with the given images.
fn import_one(body: &str, images: &[&str]) -> ImportResult {
    let cfg = read_config(CONFIG, "SBConfig.json");
    let pdp = MemSource::new("pdps")
        .with("en-us/ProductDescription.xml", format!("{PDP_HEAD}\n{body}\n</ProductDescription>"));
    let mut media = MemSource::new("images");
    for i in images {
        media = media.with(&format!("en-us/{i}"), b"png".to_vec());
    }
    import(&cfg, Some(&pdp), Some(&media))
}

#[test]
fn every_product_description_field_maps_to_its_listing_field() {
    let r = import_fixture("app");
    assert!(r.valid(), "{:?}", errors(&r));
    let en = json_file(&r, "listings/en-us.json");
    assert_eq!(en["keywords"], json!(["video editor", "captions", "trim"]));
    assert_eq!(
        en["description"],
        "Contoso Video Edit turns a long recording into a short clip worth sharing.\n    Trim it, add captions & music, and export."
    );
    assert_eq!(en["shortDescription"], "Trim, caption and share your videos.");
    assert_eq!(en["devStudio"], "Contoso Studios");
    assert_eq!(en["releaseNotes"], "Faster export; captions keep their style when you trim.");
    assert_eq!(en["features"].as_array().unwrap().len(), 3);
    assert_eq!(en["features"][0], "Trim from the beginning, middle or end");
    assert_eq!(en["minimumHardware"], json!(["4 GB of memory"]));
    assert_eq!(en["recommendedHardware"], json!(["A graphics card with video encoding", "8 GB of memory"]));
    assert_eq!(en["copyrightAndTrademarkInfo"], "(c) Contoso Ltd.");
    assert_eq!(en["licenseTerms"], "Free for personal use.");
    // the obsolete fields (set on the Properties page now) are not written: every run would warn about them
    for obsolete in ["websiteUrl", "supportContact", "privacyPolicy"] {
        assert!(en.get(obsolete).is_none(), "{obsolete}: {en}");
    }
    assert_eq!(r.issues.iter().filter(|i| i.code == "import.pdp.obsolete").count(), 6, "{:?}", r.issues);
    // no AppStoreName in en-us (the package's DisplayName is used); an empty ShortTitle is left out
    assert!(en.get("title").is_none() && en.get("shortTitle").is_none(), "{en}");
    let de = json_file(&r, "listings/de-de.json");
    assert_eq!(de["title"], "Contoso Videoschnitt");
    assert_eq!(de["keywords"], json!(["Videoschnitt", "Untertitel"]));
    assert_eq!(de["features"][0], "Am Anfang, in der Mitte oder am Ende kürzen");
    assert!(de.get("supportContact").is_none(), "{de}");
    // `default` is in LanguageExclude
    assert!(r.file("listings/default.json").is_none());
    assert_eq!(languages(&r).into_iter().collect::<Vec<_>>(), ["de-de", "en-us"]);
}

#[test]
fn screenshots_keep_their_captions_order_and_fallback_language() {
    let r = import_fixture("app");
    let en = json_file(&r, "listings/en-us.json");
    assert_eq!(
        en["images"],
        json!([
            {"fileName": "images/en-us/Screenshot/01-Desktop1.png", "imageType": "Screenshot", "description": "Trim to your favourite part"},
            {"fileName": "images/en-us/MobileScreenshot/01-Mobile1.png", "imageType": "MobileScreenshot", "description": "Trim to your favourite part"},
            {"fileName": "images/en-us/Screenshot/02-Desktop2.png", "imageType": "Screenshot", "description": "Captions <and> music"},
            {"fileName": "images/en-us/StoreLogo9x16/01-logo9x16.png", "imageType": "StoreLogo9x16"},
            {"fileName": "images/en-us/StoreLogoSquare/01-StoreLogoSquare.png", "imageType": "StoreLogoSquare"}
        ])
    );
    let copy = |to: &str| r.copies.iter().find(|(_, t)| t == to).map(|(f, _)| f.as_str());
    // found at any depth under <images>/<Release>/<language>/
    assert_eq!(copy("images/en-us/Screenshot/01-Desktop1.png"), Some("2412/en-us/screens/Desktop1.png"));
    // de-de has its own Desktop1.png; Desktop2.png comes from en-us (MediaFallbackLanguage)
    assert_eq!(copy("images/de-de/Screenshot/01-Desktop1.png"), Some("2412/de-de/Desktop1.png"));
    assert_eq!(copy("images/de-de/Screenshot/02-Desktop2.png"), Some("2412/en-us/screens/Desktop2.png"));
    // every listing image is copied, once
    let listed: usize = ["en-us", "de-de"]
        .iter()
        .map(|l| json_file(&r, &format!("listings/{l}.json"))["images"].as_array().unwrap().len())
        .sum();
    assert_eq!(r.copies.iter().filter(|(_, t)| t.starts_with("images/")).count(), listed);
}

#[test]
fn trailers_go_to_the_submission_one_per_video_with_an_asset_per_language() {
    let r = import_fixture("app");
    let sub = json_file(&r, "submission.json");
    let trailers = sub["trailers"].as_array().unwrap();
    assert_eq!(trailers.len(), 1, "{sub}");
    assert_eq!(trailers[0]["videoFileName"], "trailers/en-us/trailer1.mp4");
    let assets = &trailers[0]["trailerAssets"];
    assert_eq!(assets["en-us"]["title"], "Contoso Video Edit in 30 seconds");
    assert_eq!(assets["de-de"]["title"], "Contoso Videoschnitt in 30 Sekunden");
    assert_eq!(
        assets["en-us"]["imageList"],
        json!([{"fileName": "trailers/en-us/trailer1-thumb.png", "description": "The editor, mid-trim"}])
    );
    assert_eq!(r.copies.iter().filter(|(_, t)| t == "trailers/en-us/trailer1.mp4").count(), 1);
}

#[test]
fn config_fields_become_submission_json_and_storesubmit_toml() {
    let r = import_fixture("app");
    let sub = json_file(&r, "submission.json");
    let m = sub.as_object().unwrap();
    // the id goes to [product]; StoreBroker's "not set" values are left out
    for gone in ["appId", "targetPublishMode", "targetPublishDate"] {
        assert!(!m.contains_key(gone), "{gone}: {sub}");
    }
    assert_eq!(sub["visibility"], "Public");
    assert_eq!(sub["pricing"]["priceId"], "Free");
    assert_eq!(sub["applicationCategory"], "MultimediaDesign_PhotoAndVideoProduction");
    assert_eq!(sub["allowTargetFutureDeviceFamilies"]["Desktop"], true);
    assert_eq!(sub["hardwarePreferences"], json!(["Keyboard", "Mouse"]));
    assert_eq!(sub["notesForCertification"], "Sign in is not required.\r\nOpen any .mp4 file to try the editor.");
    // the config's order is kept
    let keys: Vec<&str> = m.keys().map(String::as_str).collect();
    assert_eq!(&keys[..3], ["visibility", "pricing", "allowTargetFutureDeviceFamilies"]);
    let toml = r.file("storesubmit.toml").unwrap();
    for line in [
        "kind = \"app\"",
        "id = \"9NBLGGH4R315\"",
        "client_secret = \"STORESUBMIT_CLIENT_SECRET\"",
        "files = [\"packages/Contoso.VideoEdit_1.4.0.0_x64.msixupload\"]",
        "folder = \"listings\"",
        "images = \"images\"",
        "file = \"submission.json\"",
    ] {
        assert!(toml.lines().any(|l| l.starts_with(line)), "{line} missing:\n{toml}");
    }
    // targetPublishMode "NotSet" (StoreBroker's template value) is named, and so are the six obsolete PDP
    // elements (WebsiteURL, SupportContactInfo, PrivacyPolicyURL of en-us and de-de)
    let mut codes = codes_of(&r);
    codes.dedup();
    assert_eq!(codes, ["import.config.placeholder", "import.packages.moved", "import.pdp.obsolete"]);
}

#[test]
fn an_addon_config_and_its_in_app_product_descriptions() {
    let r = import_fixture("addon");
    assert!(r.valid(), "{:?}", errors(&r));
    let toml = r.file("storesubmit.toml").unwrap();
    assert!(toml.contains("kind = \"addon\"") && toml.contains("id = \"9NBLGGH4TNMP\""), "{toml}");
    assert!(!toml.contains("[packages]"), "{toml}");
    assert_eq!(
        json_file(&r, "listings/en-us.json"),
        json!({"title": "200 coins", "description": "A bag of 200 extra coins."})
    );
    assert_eq!(json_file(&r, "listings/de-de.json")["title"], "200 Münzen");
    let sub = json_file(&r, "submission.json");
    assert!(sub.get("iapId").is_none() && sub.get("targetPublishDate").is_none(), "{sub}");
    assert_eq!(sub["targetPublishMode"], "Immediate");
    assert_eq!(sub["keywords"], json!(["coins", "bonus"]));
    // the add-on's icon; de-de's comes from en-us
    assert!(r.copies.contains(&("en-us/coins.png".into(), "images/en-us/Icon/01-coins.png".into())));
    assert!(r.copies.contains(&("en-us/coins.png".into(), "images/de-de/Icon/01-coins.png".into())));
}

#[test]
fn comments_in_sbconfig_are_accepted_without_a_warning_each() {
    let text = "// top\n{\n  // the app\n  \"appSubmission\": { \"appId\": \"9N1\", // id\n \"visibility\": \"Public\", },\n}\n";
    let cfg = read_config(text, "SBConfig.json");
    assert_eq!(cfg.kind, Some(Kind::App));
    assert_eq!(cfg.id, "9N1");
    let codes: Vec<&str> = cfg.issues.iter().map(|i| i.code.as_str()).collect();
    assert!(!codes.contains(&"json.comment"), "{codes:?}");
    // a trailing comma is still worth knowing about (PowerShell 5's ConvertFrom-Json refuses it)
    assert!(codes.contains(&"json.trailing_comma"), "{codes:?}");
    assert!(cfg.issues.iter().all(|i| i.path.starts_with("SBConfig.json#")), "{:?}", cfg.issues);
}

#[test]
fn a_secret_in_sbconfig_is_never_imported_nor_shown() {
    let secret = "Zq8~sEcReT-VALUE.1234567890abcdef";
    let text = format!(
        r#"{{"packageParameters": {{"PDPRootPath": "p"}},
        "appSubmission": {{"appId": "9NBLGGH4R315", "clientSecret": "{secret}", "tenantId": "72f988bf-0000",
        "auth": {{"Password": "{secret}"}}, "visibility": "Public"}}}}"#
    );
    let cfg = read_config(&text, "SBConfig.json");
    let pdp = MemSource::new("pdps")
        .with("en-us/ProductDescription.xml", format!("{PDP_HEAD}<Description>d</Description></ProductDescription>"));
    let r = import(&cfg, Some(&pdp), None);
    assert!(r.valid(), "{:?}", errors(&r));
    let everything = format!("{r:?}{cfg:?}");
    assert!(!everything.contains(secret) && !everything.contains("72f988bf"), "a credential leaked");
    let creds: Vec<&Issue> = r.issues.iter().filter(|i| i.code == "import.config.credential").collect();
    assert_eq!(creds.len(), 3, "{:?}", r.issues);
    assert!(creds.iter().all(|i| !i.is_error()));
    assert!(creds
        .iter()
        .any(|i| i.path == "SBConfig.json#/appSubmission/clientSecret"
            && i.message.contains("STORESUBMIT_CLIENT_SECRET")));
    assert!(creds.iter().any(|i| i.message.contains("STORESUBMIT_TENANT_ID")));
    let sub = json_file(&r, "submission.json");
    assert_eq!(sub, json!({"visibility": "Public", "auth": {}}));
    assert!(r.file("storesubmit.toml").unwrap().contains("client_secret = \"STORESUBMIT_CLIENT_SECRET\""));
}

#[test]
fn malformed_xml_names_the_file_the_line_and_the_element() {
    let r = import_one("<Description>d</Description>\n<Keywords>\n  <Keyword>a</Keywrd>\n</Keywords>", &[]);
    let xml: Vec<&Issue> = r.issues.iter().filter(|i| i.code == "import.pdp.xml").collect();
    assert_eq!(xml.len(), 1, "{:?}", r.issues);
    let m = &xml[0].message;
    assert!(m.contains("pdps/en-us/ProductDescription.xml") && m.contains("line 5") && m.contains("<Keyword>"), "{m}");
    assert_eq!(xml[0].path, "en-us/ProductDescription.xml");
    assert!(!r.valid());
    let out = std::env::temp_dir().join(format!("storesubmit-import-refused-{}", std::process::id()));
    let e = crate::import::write(&r, None, &out, false).unwrap_err();
    assert_eq!(e.kind(), crate::ErrorKind::Validation);
    assert!(!out.exists(), "nothing is written when the import has an error");
}

#[test]
fn unknown_elements_and_attributes_are_warnings_with_their_line() {
    let r = import_one(
        "<Description>d</Description>\n<Tagline>new</Tagline>\n<ScreenshotCaptions>\n<Caption DesktopImge=\"a.png\">c</Caption>\n</ScreenshotCaptions>",
        &["a.png"],
    );
    assert!(r.valid(), "{:?}", errors(&r));
    let unknown: Vec<&Issue> = r.issues.iter().filter(|i| i.code == "import.pdp.element_unknown").collect();
    assert_eq!(unknown.len(), 2, "{:?}", r.issues);
    assert!(unknown[0].message.contains("line 4") && unknown[0].message.contains("<Tagline>"), "{}", unknown[0]);
    assert!(
        unknown[1].message.contains("DesktopImge") && unknown[1].message.contains("did you mean `DesktopImage`"),
        "{}",
        unknown[1]
    );
    assert!(!json_file(&r, "listings/en-us.json").to_string().contains("new"));
}

#[test]
fn missing_media_and_missing_folders_are_errors() {
    let r = import_one(
        "<Description>d</Description><AdditionalAssets><Icon FileName=\"icon.png\"/></AdditionalAssets>",
        &[],
    );
    let m: Vec<&Issue> = r.issues.iter().filter(|i| i.code == "import.media.missing").collect();
    assert_eq!(m.len(), 1, "{:?}", r.issues);
    assert!(m[0].message.contains("icon.png") && m[0].message.contains("images/en-us"), "{}", m[0]);
    let cfg = read_config(CONFIG, "SBConfig.json");
    let pdp = MemSource::new("pdps").with(
        "en-us/ProductDescription.xml",
        format!("{PDP_HEAD}<Description>d</Description><AdditionalAssets><Icon FileName=\"icon.png\"/></AdditionalAssets></ProductDescription>"),
    );
    let r = import(&cfg, Some(&pdp), None);
    assert_eq!(codes_of(&r), ["import.media.folder_missing"]);
    let r = import(&cfg, Some(&MemSource::new("nowhere").with("x/y", b"".to_vec())), None);
    // a source with files but not the folder asked for: "nowhere" lists, so the PDP walk finds no PDP
    assert!(
        codes_of(&r).contains(&"import.pdp.none") || codes_of(&r).contains(&"import.pdp.language_unknown"),
        "{:?}",
        r.issues
    );
}

#[test]
fn pdp_files_follow_storebroker_s_folder_rules() {
    let cfg = read_config(
        r#"{"packageParameters": {"Release": "1606", "PDPInclude": ["PDP*.xml"], "PDPExclude": ["*old*"], "LanguageExclude": ["qps-ploc"]},
            "appSubmission": {"appId": "9N1"}}"#,
        "c.json",
    );
    let body = |l: &str| {
        format!("<ProductDescription language=\"{l}\" xmlns=\"{PDP_NAMESPACE}\" Release=\"\"><Description>{l}</Description></ProductDescription>")
    };
    let pdp = MemSource::new("pdps")
        .with("1606/en-us/sub/PDP.xml", body("en-us"))
        .with("1606/fr-fr/PDP.xml", body("fr-fr"))
        .with("1606/fr-fr/PDP-old.xml", body("fr-fr"))
        .with("1606/fr-fr/notes.xml", "not read")
        .with("1606/qps-ploc/PDP.xml", body("qps-ploc"))
        .with("1606/xx-notalanguage/PDP.xml", body("xx"))
        .with("1606/ja-jp/PDP.xml", body("ja-jp"))
        .with("1606/ja-jp/PDP2.xml", body("ja-jp"))
        .with("1605/de-de/PDP.xml", body("de-de"));
    let r = import(&cfg, Some(&pdp), None);
    assert_eq!(languages(&r).into_iter().collect::<Vec<_>>(), ["en-us", "fr-fr", "ja-jp"]);
    assert_eq!(json_file(&r, "listings/fr-fr.json")["description"], "fr-fr");
    let codes = codes_of(&r);
    assert!(codes.contains(&"import.pdp.language_unknown"), "{codes:?}");
    assert!(codes.contains(&"import.pdp.language_duplicate"), "{codes:?}");
    assert!(!r.issues.iter().any(|i| i.message.contains("qps-ploc")), "{:?}", r.issues);
    assert!(wildcard("ProductDescription*.xml", "productdescription.XML"));
    assert!(wildcard("*.xml.l?s", "a.xml.lss") && !wildcard("*.xml", "a.xml.lss") && wildcard("*", ""));
}

#[test]
fn the_root_element_namespace_and_language_are_checked() {
    let cfg = read_config(CONFIG, "SBConfig.json");
    let iap = "<InAppProductDescription language=\"en-us\" Release=\"\"><Title>t</Title></InAppProductDescription>";
    let r = import(&cfg, Some(&MemSource::new("p").with("en-us/PDP.xml", iap)), None);
    assert_eq!(codes_of(&r), ["import.pdp.root", "import.pdp.none"].iter().take(1).copied().collect::<Vec<_>>());
    let other = "<ProductDescription language=\"fr-fr\" xmlns=\"urn:other\" Release=\"\"><Description>d</Description></ProductDescription>";
    let r = import(&cfg, Some(&MemSource::new("p").with("en-us/PDP.xml", other)), None);
    assert!(r.valid());
    assert_eq!(codes_of(&r), ["import.pdp.namespace", "import.pdp.language_mismatch"]);
    assert!(r.file("listings/en-us.json").is_some(), "the folder's language is used");
    let r = import_one("<ReleaseNotes>n</ReleaseNotes>", &[]);
    assert_eq!(codes_of(&r), ["import.pdp.required"]);
    assert!(r.issues[0].message.contains("Description"));
}

#[test]
fn inputs_are_bounded() {
    let cfg = read_config(CONFIG, "SBConfig.json");
    let big =
        format!("{PDP_HEAD}<Description>{}</Description></ProductDescription>", "x".repeat(IMPORT_FILE_MAX_BYTES));
    let r = import(&cfg, Some(&MemSource::new("p").with("en-us/PDP.xml", big)), None);
    assert_eq!(codes_of(&r), ["import.pdp.too_large"]);
    let huge = format!("{{\"appSubmission\": {{\"appId\": \"{}\"}}}}", "x".repeat(IMPORT_FILE_MAX_BYTES));
    assert_eq!(read_config(&huge, "c.json").issues[0].code, "import.config.too_large");
}

#[test]
fn config_problems_are_issues() {
    let c = read_config("{ not json", "SBConfig.json");
    assert_eq!(c.issues[0].code, "import.config.syntax");
    assert!(c.issues[0].message.contains("line 1"), "{}", c.issues[0]);
    let c = read_config(r#"{"packageParameters": {"PDPRootPat": "x"}}"#, "SBConfig.json");
    let codes: Vec<&str> = c.issues.iter().map(|i| i.code.as_str()).collect();
    assert_eq!(codes, ["import.config.kind"], "the kind is checked first");
    let c =
        read_config(r#"{"packageParameters": {"PDPRootPat": "x"}, "appSubmission": {"appId": ""}}"#, "SBConfig.json");
    let codes: Vec<&str> = c.issues.iter().map(|i| i.code.as_str()).collect();
    assert_eq!(codes, ["import.config.id_missing", "import.config.parameter_unknown"]);
    assert!(c.issues[1].message.contains("did you mean `PDPRootPath`"), "{}", c.issues[1]);
    let c = read_config(
        r#"{"appSubmission": {"appId": "9N1", "listings": {"en-us": {}}, "applicationPackages": [{"fileName": "a.msix"}], "visibility": "Private"}}"#,
        "SBConfig.json",
    );
    let dropped: Vec<&str> =
        c.issues.iter().filter(|i| i.code == "import.config.field_dropped").map(|i| i.path.as_str()).collect();
    assert_eq!(dropped, ["SBConfig.json#/appSubmission/listings", "SBConfig.json#/appSubmission/applicationPackages"]);
    assert_eq!(Value::Object(c.submission), json!({"visibility": "Private"}));
}

/// A project written by the import, assembled into the submission its format describes (submission file
/// under the listings and images, packages from the globs) and checked as a publish's pre-flight checks it.
fn round_trip(which: &str, kind: DocumentKind) -> (Value, Vec<Issue>) {
    let r = import_fixture(which);
    assert!(r.valid(), "{:?}", errors(&r));
    let out = std::env::temp_dir().join(format!("storesubmit-import-{which}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let text = std::fs::read_to_string(fixture(&format!("{which}/SBConfig.json"))).unwrap();
    let images = fixture(&format!("{which}/{}", read_config(&text, "c").images_root));
    let written = crate::import::write(&r, Some(&images), &out, false).unwrap();
    assert_eq!(written.len(), r.files.len() + r.copies.len());
    assert!(crate::import::write(&r, Some(&images), &out, false).is_err(), "an existing project is not overwritten");
    crate::import::write(&r, Some(&images), &out, true).unwrap();
    let read = |p: &str| -> Value { serde_json::from_str(&std::fs::read_to_string(out.join(p)).unwrap()).unwrap() };
    let mut changes = read("submission.json");
    for glob in package_globs(&read_config(&text, "c")) {
        std::fs::create_dir_all(out.join("packages")).unwrap();
        std::fs::write(out.join(&glob), b"a package").unwrap();
        changes["applicationPackages"].as_array_mut().map(|a| a.push(json!({"fileName": glob}))).unwrap_or_else(|| {
            changes["applicationPackages"] = json!([{"fileName": glob}]);
        });
    }
    let mut listings = serde_json::Map::new();
    for lang in languages(&r) {
        let mut fields = read(&format!("listings/{lang}.json"));
        let listing = if kind == DocumentKind::AppSubmission {
            json!({"baseListing": fields})
        } else {
            let icon = std::fs::read_dir(out.join(format!("images/{lang}/Icon"))).unwrap().next().unwrap().unwrap();
            fields["icon"] = json!({"fileName": format!("images/{lang}/Icon/{}", icon.file_name().to_string_lossy())});
            fields
        };
        listings.insert(lang, listing);
    }
    changes["listings"] = Value::Object(listings);
    let files = FileSet::from_dir(&out).unwrap();
    let checked = check_change(Input::Document(&changes), Some(kind), Some(&files)).unwrap();
    let _ = std::fs::remove_dir_all(&out);
    (changes, checked.issues)
}

#[test]
fn the_sample_app_round_trips_into_a_submission_that_validates() {
    let (changes, issues) = round_trip("app", DocumentKind::AppSubmission);
    let errs: Vec<String> = issues.iter().filter(|i| i.is_error()).map(ToString::to_string).collect();
    assert!(errs.is_empty(), "{errs:?}");
    // files the project holds but the submission does not name would be warned about: there are none
    assert!(!issues.iter().any(|i| i.code == "files.unreferenced" && !i.path.is_empty()), "{issues:?}");
    assert_eq!(changes["listings"]["en-us"]["baseListing"]["images"][0]["description"], "Trim to your favourite part");
}

#[test]
fn the_sample_addon_round_trips_into_a_submission_that_validates() {
    let (changes, issues) = round_trip("addon", DocumentKind::AddonSubmission);
    let errs: Vec<String> = issues.iter().filter(|i| i.is_error()).map(ToString::to_string).collect();
    assert!(errs.is_empty(), "{errs:?}");
    assert_eq!(changes["listings"]["de-de"]["title"], "200 Münzen");
}

#[test]
fn every_import_code_is_reported() {
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut add = |issues: &[Issue]| seen.extend(issues.iter().map(|i| i.code.clone()));
    add(&import_fixture("app").issues);
    add(&read_config("{", "c").issues);
    add(&read_config(&" ".repeat(IMPORT_FILE_MAX_BYTES + 1), "c").issues);
    add(&read_config("{}", "c").issues);
    let secret = r#"{"appSubmission": {"appId": "", "clientSecret": "x", "listings": {"a": 1}}, "packageParameters": {"Bogus": 1}}"#;
    add(&read_config(secret, "c").issues);
    let cfg = read_config(CONFIG, "SBConfig.json");
    add(&import(&cfg, None, None).issues);
    add(&import(&cfg, Some(&FsSource::new(fixture("no-such-folder"))), None).issues);
    let pdp = |name: &str, body: &str| MemSource::new("p").with(name, body.to_string());
    let doc = |inner: &str| format!("{PDP_HEAD}{inner}</ProductDescription>");
    add(&import(&cfg, Some(&pdp("en-us/PDP.xml", "<ProductDescription>")), None).issues);
    add(&import(&cfg, Some(&MemSource::new("p").with("en-us/PDP.xml", vec![0xff, 0xfe])), None).issues);
    add(&import(&cfg, Some(&pdp("en-us/PDP.xml", &"x".repeat(IMPORT_FILE_MAX_BYTES + 1))), None).issues);
    add(&import(&cfg, Some(&pdp("en-us/PDP.xml", "<Other/>")), None).issues);
    let foreign =
        "<ProductDescription language=\"fr-fr\" Release=\"\"><Description>d</Description><X/></ProductDescription>";
    add(&import(&cfg, Some(&pdp("en-us/PDP.xml", foreign)), None).issues);
    add(&import(&cfg, Some(&pdp("en-us/PDP.xml", &doc(""))), None).issues);
    add(&import(&cfg, Some(&pdp("zz-zz/PDP.xml", &doc("<Description>d</Description>"))), None).issues);
    let two = MemSource::new("p")
        .with("en-us/a.xml", doc("<Description>d</Description>"))
        .with("en-us/b.xml", doc("<Description>d</Description>"));
    add(&import(&cfg, Some(&two), None).issues);
    let assets = doc("<Description>d</Description><AdditionalAssets><Icon FileName=\"i.png\"/></AdditionalAssets>");
    add(&import(&cfg, Some(&pdp("en-us/PDP.xml", &assets)), None).issues);
    add(&import(
        &cfg,
        Some(&pdp("en-us/PDP.xml", &assets)),
        Some(&MemSource::new("m").with("fr-fr/i.png", b"p".to_vec())),
    )
    .issues);
    let twice = MemSource::new("m").with("en-us/a/i.png", b"p".to_vec()).with("en-us/b/i.png", b"p".to_vec());
    let r = import(&cfg, Some(&pdp("en-us/PDP.xml", &assets)), Some(&twice));
    assert!(
        r.copies.contains(&("en-us/a/i.png".into(), "images/en-us/Icon/01-i.png".into())),
        "the first in path order"
    );
    add(&r.issues);
    let mut crowded = MemSource::new("m");
    for n in 0..=IMPORT_WALK_MAX_ENTRIES {
        crowded = crowded.with(&format!("en-us/{n}.png"), Vec::new());
    }
    add(&import(&cfg, Some(&pdp("en-us/PDP.xml", &assets)), Some(&crowded)).issues);
    let all: BTreeSet<String> =
        codes::ALL.iter().map(|c| c.code).filter(|c| c.starts_with("import.")).map(String::from).collect();
    let missing: Vec<&String> = all.difference(&seen).collect();
    assert!(missing.is_empty(), "import codes no test produces: {missing:?}");
}

/// The import written to a folder (with the package the globs name put in place), loaded as a project.
fn load_imported(which: &str) -> (std::path::PathBuf, crate::project::Resolved) {
    let r = import_fixture(which);
    let out = std::env::temp_dir().join(format!("storesubmit-import-load-{which}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let text = std::fs::read_to_string(fixture(&format!("{which}/SBConfig.json"))).unwrap();
    let cfg = read_config(&text, "c");
    crate::import::write(&r, Some(&fixture(&format!("{which}/{}", cfg.images_root))), &out, false).unwrap();
    for glob in package_globs(&cfg) {
        std::fs::create_dir_all(out.join("packages")).unwrap();
        std::fs::write(out.join(glob), b"a package").unwrap();
    }
    let resolved = crate::project::load(&out.join("storesubmit.toml"), None).unwrap();
    (out, resolved)
}

#[test]
fn the_imported_projects_load_into_requests_whose_spec_validates() {
    for (which, kind) in [("app", DocumentKind::AppSubmission), ("addon", DocumentKind::AddonSubmission)] {
        let (out, resolved) = load_imported(which);
        let errs: Vec<String> = resolved.issues.iter().filter(|i| i.is_error()).map(ToString::to_string).collect();
        assert!(resolved.valid(), "{which}: {errs:?}");
        let changes = &resolved.request["spec"]["changes"];
        let files = FileSet::from_dir(&out).unwrap();
        let checked = check_change(Input::Document(changes), Some(kind), Some(&files)).unwrap();
        let errs: Vec<String> = checked.issues.iter().filter(|i| i.is_error()).map(ToString::to_string).collect();
        assert!(errs.is_empty(), "{which}: {errs:?}");
        assert!(changes["listings"]["de-de"].is_object(), "{which}: {changes}");
        if kind == DocumentKind::AppSubmission {
            let images = changes["listings"]["de-de"]["baseListing"]["images"].as_array().unwrap();
            assert_eq!(images.len(), 2, "{changes}");
            assert_eq!(changes["trailers"][0]["videoFileName"], "trailers/en-us/trailer1.mp4");
            assert_eq!(
                changes["applicationPackages"][0]["fileName"],
                "packages/Contoso.VideoEdit_1.4.0.0_x64.msixupload"
            );
        }
        let _ = std::fs::remove_dir_all(&out);
    }
}

#[test]
fn a_missing_images_folder_matters_only_when_a_pdp_names_media() {
    let cfg = read_config(CONFIG, "SBConfig.json");
    let gone = FsSource::new(fixture("no-such-images"));
    let text = MemSource::new("p")
        .with("en-us/PDP.xml", format!("{PDP_HEAD}<Description>d</Description></ProductDescription>"));
    let r = import(&cfg, Some(&text), Some(&gone));
    assert!(r.valid() && r.issues.is_empty(), "{:?}", r.issues);
    let named = MemSource::new("p").with(
        "en-us/PDP.xml",
        format!("{PDP_HEAD}<Description>d</Description><AdditionalAssets><Icon FileName=\"a.png\"/><StoreLogoSquare FileName=\"b.png\"/></AdditionalAssets></ProductDescription>"),
    );
    let r = import(&cfg, Some(&named), Some(&gone));
    assert_eq!(codes_of(&r), ["import.media.folder_missing"], "reported once");
    assert!(
        r.issues[0].message.contains("no-such-images") && r.issues[0].message.contains("line 2"),
        "{}",
        r.issues[0]
    );
    assert_eq!(r.issues[0].path, "en-us/PDP.xml");
}

/// Issue 25: StoreBroker's template values (`"visibility": "NotSet"`, `"priceId": "NotAvailable"`, …) were
/// carried into submission.json, where they would take the app off sale; they are dropped, each named.
#[test]
fn template_placeholders_are_dropped_and_named() {
    let text = r#"{"appSubmission": {"appId": "9NBLGGH4R315", "visibility": "NotSet", "targetPublishMode": "NotSet",
        "applicationCategory": "NotSet", "pricing": {"priceId": "NotAvailable", "trialPeriod": "NoFreeTrial"},
        "enterpriseLicensing": "None"}}"#;
    let cfg = read_config(text, "SBConfig.json");
    let sub = &cfg.submission;
    for gone in ["visibility", "targetPublishMode", "applicationCategory"] {
        assert!(sub.get(gone).is_none(), "{gone}: {sub:?}");
    }
    assert_eq!(sub["pricing"], json!({"trialPeriod": "NoFreeTrial"}));
    assert_eq!(sub["enterpriseLicensing"], "None", "a real value is kept");
    let named: Vec<&str> =
        cfg.issues.iter().filter(|i| i.code == "import.config.placeholder").map(|i| i.path.as_str()).collect();
    assert_eq!(
        named,
        [
            "SBConfig.json#/appSubmission/targetPublishMode",
            "SBConfig.json#/appSubmission/visibility",
            "SBConfig.json#/appSubmission/applicationCategory",
            "SBConfig.json#/appSubmission/pricing/priceId"
        ]
    );
    assert!(cfg.issues.iter().all(|i| !i.is_error()), "{:?}", cfg.issues);
    let iap = read_config(r#"{"iapSubmission": {"iapId": "9P", "contentType": "NotSet", "lifetime": "Forever"}}"#, "c");
    assert!(iap.submission.get("contentType").is_none() && iap.submission.get("lifetime").is_some());
}

#[test]
fn credentials_are_found_by_their_key_names_and_by_their_shape() {
    let jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLXZhbHVl";
    let key = "Xk3+9aZq/2LmN0pQrStUvWxYz12345678abcdEFGHij==";
    let hex = "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4";
    let text = format!(
        r#"{{"packageParameters": {{"PDPRootPath": "p"}},
        "appSubmission": {{"appId": "9NBLGGH4R315", "credential": "plain-words-here", "pwd": "hunter2hunter2",
        "storageAccountKey": "{key}", "upload": {{"headers": {{"bearer": "{jwt}"}}}}, "note": "{hex}",
        "visibility": "Public"}}}}"#
    );
    let cfg = read_config(&text, "SBConfig.json");
    let pdp = MemSource::new("pdps")
        .with("en-us/ProductDescription.xml", format!("{PDP_HEAD}<Description>d</Description></ProductDescription>"));
    let r = import(&cfg, Some(&pdp), None);
    let everything = format!("{r:?}{cfg:?}");
    for leaked in [jwt, key, hex, "plain-words-here", "hunter2hunter2"] {
        assert!(!everything.contains(leaked), "{leaked} was imported or shown");
    }
    let creds: Vec<&Issue> = r.issues.iter().filter(|i| i.code == "import.config.credential").collect();
    assert_eq!(creds.len(), 5, "{:?}", r.issues);
    assert!(creds.iter().any(|i| i.path.ends_with("/note") && i.message.contains("a long hexadecimal key")));
    assert_eq!(json_file(&r, "submission.json"), json!({"visibility": "Public", "upload": {"headers": {}}}));
}
