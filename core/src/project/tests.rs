use std::collections::BTreeSet;
use std::path::PathBuf;

use serde_json::{json, Value};

use super::*;
use crate::issue::Severity;

fn resolve(text: &str, env: Option<&str>, files: &MemFiles) -> Resolved {
    resolve_text(text, Format::Toml, env, files, PathBuf::from("/p"))
}

fn codes(r: &Resolved) -> BTreeSet<String> {
    r.issues.iter().map(|i| i.code.clone()).collect()
}

fn issue<'a>(r: &'a Resolved, code: &str) -> &'a Issue {
    r.issues.iter().find(|i| i.code == code).unwrap_or_else(|| panic!("no {code} in {:#?}", r.issues))
}

const APP: &str = r#"
[product]
kind = "app"
id = "9NBLGGH4R315"

[packages]
files = ["build/*.msixupload"]

[release]
rollout = 10
pending = "recreate"
wait = "committed"

[environments.beta]
product = { kind = "flight", flight = "7bfc11d5-f710-47c5-8a98-e04bb5aad310" }
release = { rollout = 100 }
"#;

fn app_files() -> MemFiles {
    MemFiles::new()
        .with("build/MyApp_1.1.0.0_x64.msixupload", b"PK-package".to_vec())
        .with("build/notes.txt", b"x".to_vec())
        .with(
            "listings/en-us.md",
            "---\ntitle: My App\nfeatures:\n  - Fast\n  - \"Small: really\"\n---\nThe **best** app.\n",
        )
        .with("listings/de-de.json", r#"{"title": "Meine App", "description": "Die beste App."}"#)
        .with("images/en-us/Screenshot/02.png", b"png2".to_vec())
        .with("images/en-us/Screenshot/01.png", b"png1".to_vec())
        .with("images/en-us/StoreLogo9x16/logo.png", b"logo".to_vec())
}

#[test]
fn an_app_project_resolves_to_the_submission_request() {
    let r = resolve(APP, None, &app_files());
    assert!(r.valid(), "{:#?}", r.issues);
    assert_eq!(r.kind, Some(ProductKind::App));
    let req = &r.request;
    assert_eq!(req["workflow"], "submission");
    assert_eq!(req["target"], json!({"type": "app", "appId": "9NBLGGH4R315"}));
    assert_eq!(req["pending"], "recreate");
    assert_eq!(req["stopAfter"], "committed");
    let spec = &req["spec"];
    assert_eq!(spec["rolloutPercentage"], json!(10.0));
    assert_eq!(spec["oldPackages"], "replace");
    let changes = &spec["changes"];
    assert_eq!(changes["applicationPackages"], json!([{"fileName": "build/MyApp_1.1.0.0_x64.msixupload"}]));
    let en = &changes["listings"]["en-us"]["baseListing"];
    assert_eq!(en["title"], "My App");
    assert_eq!(en["features"], json!(["Fast", "Small: really"]));
    assert_eq!(en["description"], "The **best** app.");
    assert_eq!(
        en["images"],
        json!([
            {"fileName": "images/en-us/Screenshot/01.png", "imageType": "Screenshot"},
            {"fileName": "images/en-us/Screenshot/02.png", "imageType": "Screenshot"},
            {"fileName": "images/en-us/StoreLogo9x16/logo.png", "imageType": "StoreLogo9x16"},
        ])
    );
    assert_eq!(changes["listings"]["de-de"]["baseListing"]["title"], "Meine App");
    assert_eq!(r.credentials, CredentialNames::default());
    // the request is what the workflow reader takes
    let cfg = crate::flow::FlowConfig::new(
        crate::api::Endpoints::production(),
        crate::api::auth::ClientCredentials::new("t", "c", "s"),
    );
    assert!(crate::wire::workflow_from_json(cfg, req).is_ok());
}

#[test]
fn the_beta_environment_switches_the_app_to_its_flight() {
    let r = resolve(APP, Some("beta"), &app_files());
    assert!(r.valid(), "{:#?}", r.issues);
    assert_eq!(r.kind, Some(ProductKind::Flight));
    assert_eq!(
        r.request["target"],
        json!({"type": "flight", "appId": "9NBLGGH4R315", "flightId": "7bfc11d5-f710-47c5-8a98-e04bb5aad310"})
    );
    let changes = &r.request["spec"]["changes"];
    assert_eq!(changes["flightPackages"], json!([{"fileName": "build/MyApp_1.1.0.0_x64.msixupload"}]));
    assert!(changes.get("listings").is_none(), "a flight has no listings: {changes}");
    assert_eq!(r.request["spec"]["rolloutPercentage"], json!(100.0));
    assert_eq!(r.request["pending"], "recreate", "top-level values the environment does not set stay");
    // listings and images present: ignored for a flight, said so
    assert_eq!(issue(&r, "project.field.ignored").severity, Severity::Warning);
    let e = resolve(APP, Some("betta"), &app_files());
    let i = issue(&e, "project.environment.unknown");
    assert!(i.message.contains("did you mean `beta`"), "{}", i.message);
    assert!(e.request.is_null());
}

#[test]
fn environment_values_are_checked_and_named_where_written() {
    let text = APP.replace("release = { rollout = 100 }", "release = { rollout = 150 }");
    let r = resolve(&text, None, &app_files());
    let i = issue(&r, "project.field.value");
    assert_eq!(i.path, "/environments/beta/release/rollout");
    assert!(r.request.is_null(), "an environment not asked for is checked too");
}

#[test]
fn unknown_keys_types_and_values_name_the_field_and_the_rule() {
    let text = r#"
[product]
kind = "apps"
id = 42

[packages]
file = ["*.msix"]
keep_old = "no"

[relase]
rollout = 10

[release]
wait = "publish"
"#;
    let r = resolve(text, None, &MemFiles::new());
    let unknown: Vec<&Issue> = r.issues.iter().filter(|i| i.code == "project.field.unknown").collect();
    assert!(
        unknown.iter().any(|i| i.path == "/relase" && i.message.contains("did you mean `release`")),
        "{unknown:#?}"
    );
    assert!(
        unknown.iter().any(|i| i.path == "/packages/file" && i.message.contains("did you mean `files`")),
        "{unknown:#?}"
    );
    let value: Vec<&Issue> = r.issues.iter().filter(|i| i.code == "project.field.value").collect();
    assert!(value.iter().any(|i| i.path == "/product/kind" && i.message.contains("\"app\"")), "{value:#?}");
    assert!(value.iter().any(|i| i.path == "/release/wait" && i.message.contains("did you mean \"published\"")));
    let types: Vec<&Issue> = r.issues.iter().filter(|i| i.code == "project.field.type").collect();
    assert!(types.iter().any(|i| i.path == "/product/id" && i.message.contains("a string")), "{types:#?}");
    assert!(types.iter().any(|i| i.path == "/packages/keep_old" && i.message.contains("true or false")));
    assert!(r.request.is_null());
    assert!(!r.valid());
}

#[test]
fn missing_product_fields_are_errors() {
    let r = resolve("[packages]\nfiles = []\n", None, &MemFiles::new());
    assert!(codes(&r).contains("project.product.kind_missing"), "{:#?}", r.issues);
    assert!(codes(&r).contains("project.product.id_missing"));
    let f = resolve("[product]\nkind = \"flight\"\nid = \"9N\"\n", None, &MemFiles::new());
    assert_eq!(issue(&f, "project.product.flight_missing").path, "/product/flight");
    let nothing = resolve("[product]\nkind = \"app\"\nid = \"9N\"\n", None, &MemFiles::new());
    assert!(nothing.valid());
    assert!(codes(&nothing).contains("project.nothing_to_publish"));
}

#[test]
fn syntax_errors_name_the_line_and_never_quote_it() {
    let r = resolve("[product]\nkind = \"app\"\nid = \"9N\nsecret = \"hunter2-abcdef\"\n", None, &MemFiles::new());
    let i = issue(&r, "project.syntax");
    assert!(i.message.contains("line 3"), "{}", i.message);
    assert!(!i.message.contains("hunter2"), "{}", i.message);
    let j = resolve_text("{\"product\": ", Format::Json, None, &MemFiles::new(), PathBuf::from("/p"));
    assert!(codes(&j).contains("project.syntax"));
    let ok = resolve_text(
        "{\"product\": {\"kind\": \"app\", \"id\": \"9N\",},}",
        Format::Json,
        None,
        &MemFiles::new(),
        PathBuf::from("/p"),
    );
    assert!(ok.valid(), "{:#?}", ok.issues);
    assert!(codes(&ok).contains("json.trailing_comma"));
}

#[test]
fn credentials_are_variable_names_and_secrets_are_refused_unseen() {
    let secret = "Zq8~Xw.3kLmN0pQrStUvWxYz-12345678";
    let long_token = "aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dE";
    let text = format!(
        "[product]\nkind = \"app\"\nid = \"9N\"\n[credentials]\ntenant_id = \"MY_TENANT\"\nclient_secret = \"{secret}\"\nclient_id = \"{long_token}\"\n"
    );
    let r = resolve(&text, None, &MemFiles::new());
    let not_name = issue(&r, "project.credentials.not_a_name");
    assert_eq!(not_name.path, "/credentials/client_secret");
    let looks = issue(&r, "project.credentials.secret");
    assert_eq!(looks.path, "/credentials/client_id");
    let all = format!("{:?}", r);
    assert!(!all.contains(secret) && !all.contains(long_token), "a secret is never echoed");
    assert_eq!(r.credentials.tenant_id, "MY_TENANT");
    assert_eq!(r.credentials.client_secret, "STORESUBMIT_CLIENT_SECRET", "a refused value is not used");
    assert!(!looks_like_secret("STORESUBMIT_CLIENT_SECRET") && !looks_like_secret("AZURE_CLIENT_SECRET_PROD2"));
    assert!(looks_like_secret(long_token));
    assert!(looks_like_secret("a1b2c3d4e5f60718293a4b5c6d7e8f90"), "a hex key");
    assert!(looks_like_secret(&"A".repeat(65)));
    assert!(!looks_like_secret("RELEASE2024") && !looks_like_secret("STORE_SECRET_V2_2024_PROD"));
}

#[test]
fn globs_match_inside_the_project_only_and_say_when_nothing_matches() {
    let files = MemFiles::new()
        .with("out/x64/App_x64.msixupload", b"1".to_vec())
        .with("out/arm64/App_arm64.msixupload", b"2".to_vec())
        .with("out/arm64/deep/App_old.msixupload", b"3".to_vec());
    let g = Glob::parse("out/**/App_[ax]*.msixupload").unwrap();
    let mut budget = 100;
    let (hits, limited) = g.walk(&files, &mut budget).unwrap();
    let names: Vec<&str> = hits.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["out/arm64/App_arm64.msixupload", "out/x64/App_x64.msixupload"]);
    assert!(!limited);
    assert!(Glob::parse("out/*/App_?64.msixupload").unwrap().matches("out/x64/App_x64.msixupload"));
    assert!(!Glob::parse("out/*.msixupload").unwrap().matches("out/x64/App_x64.msixupload"));
    assert!(Glob::parse("out/**").unwrap().matches("out/arm64/deep/App_old.msixupload"));
    assert!(Glob::parse("[!a]*").unwrap().matches("b") && !Glob::parse("[!a]*").unwrap().matches("a"));
    for bad in ["", "/abs/*.msix", "../x/*.msix", "C:/x.msix", "a[b.msix"] {
        assert!(Glob::parse(bad).is_err(), "{bad}");
    }
    let text = "[product]\nkind = \"app\"\nid = \"9N\"\n[packages]\nfiles = [\"out/*.appx\", \"../*.msix\"]\n";
    let r = resolve(text, None, &files);
    assert_eq!(issue(&r, "project.packages.no_match").path, "/packages/files/0");
    assert_eq!(issue(&r, "project.packages.glob_invalid").path, "/packages/files/1");
    let mut tiny = 2;
    let (_, limited) = Glob::parse("**/*.msixupload").unwrap().walk(&files, &mut tiny).unwrap();
    assert!(limited, "the walk stops at its budget");
}

#[test]
fn the_walk_limit_is_an_issue() {
    let mut files = MemFiles::new();
    for i in 0..(crate::data::limits::PROJECT_WALK_MAX_ENTRIES + 5) {
        files = files.with(&format!("big/f{i}.bin"), b"x".to_vec());
    }
    let text = "[product]\nkind = \"app\"\nid = \"9N\"\n[packages]\nfiles = [\"big/*.msix\"]\n";
    let r = resolve(text, None, &files);
    assert!(codes(&r).contains("project.walk_limit"), "{:#?}", r.issues);
    assert!(!codes(&r).contains("project.packages.no_match"), "no false 'matches nothing' past the limit");
}

#[test]
fn markdown_front_matter() {
    let f = front_matter(
        "---\ntitle: \"A: B\"\n# a comment\nkeywords:\n- one\n- two\nreleaseNotes: 'x'\n---\n\nBody line 1\nline 2\n",
    )
    .unwrap();
    assert_eq!(
        Value::Object(f),
        json!({"title": "A: B", "keywords": ["one", "two"], "releaseNotes": "x", "description": "Body line 1\nline 2"})
    );
    assert_eq!(Value::Object(front_matter("Only a body").unwrap()), json!({"description": "Only a body"}));
    assert_eq!(front_matter("---\ntitle: x\n").unwrap_err().0, 1);
    assert_eq!(front_matter("---\n- orphan\n---\n").unwrap_err().0, 2);
    assert_eq!(front_matter("---\ntitle x\n---\n").unwrap_err().0, 2);
    assert!(front_matter("---\ndescription: a\n---\nb").is_err());
    assert!(front_matter("---\ntitle: a\ntitle: b\n---\n").is_err());
}

#[test]
fn listing_file_issues() {
    let files = MemFiles::new()
        .with("listings/xx-yy.json", "{}")
        .with("listings/en-us.json", r#"{"title": "T", "titel": "typo"}"#)
        .with("listings/en-us.md", "---\ntitle: T\n---\n")
        .with("listings/fr-fr.json", "[1]")
        .with("listings/de-de.md", "---\ntitle T\n---\n")
        .with("listings/README.txt", "notes");
    let r = resolve("[product]\nkind = \"app\"\nid = \"9N\"\n", None, &files);
    assert_eq!(issue(&r, "project.listings.language_unknown").path, "listings/xx-yy.json");
    assert!(issue(&r, "project.listings.duplicate").message.contains("en-us"));
    let syntax: Vec<&str> =
        r.issues.iter().filter(|i| i.code == "project.listings.syntax").map(|i| i.path.as_str()).collect();
    assert_eq!(syntax, ["listings/de-de.md", "listings/fr-fr.json"]);
    let typo = issue(&r, "project.listings.field_unknown");
    assert_eq!(typo.path, "listings/en-us.json#/titel");
    assert!(typo.message.contains("did you mean `title`"), "{}", typo.message);
    assert_eq!(issue(&r, "project.listings.file_ignored").severity, Severity::Warning);
    let missing = resolve("[product]\nkind = \"app\"\nid = \"9N\"\n[listings]\nfolder = \"store\"\n", None, &files);
    assert_eq!(issue(&missing, "project.folder.missing").path, "/listings/folder");
    let bin = MemFiles::new().with("listings/en-us.json", vec![0xff, 0xfe]);
    let r = resolve("[product]\nkind = \"app\"\nid = \"9N\"\n", None, &bin);
    assert!(codes(&r).contains("project.file.unreadable"));
}

#[test]
fn images_by_folder_convention_per_kind() {
    let files = MemFiles::new()
        .with("images/en-us/Screenshots/1.png", b"x".to_vec())
        .with("images/zz-zz/Screenshot/1.png", b"x".to_vec())
        .with("images/en-us/stray.png", b"x".to_vec());
    let r = resolve("[product]\nkind = \"app\"\nid = \"9N\"\n", None, &files);
    let t = issue(&r, "project.images.type_unknown");
    assert_eq!(t.path, "images/en-us/Screenshots");
    assert!(t.message.contains("did you mean `Screenshot`"), "{}", t.message);
    assert_eq!(issue(&r, "project.images.language_unknown").path, "images/zz-zz");
    assert_eq!(issue(&r, "project.images.misplaced").path, "images/en-us/stray.png");

    let addon_files = MemFiles::new()
        .with("images/en/Icon/icon.png", b"png".to_vec())
        .with("listings/en.json", r#"{"title": "100 coins"}"#);
    let addon = resolve("[product]\nkind = \"addon\"\nid = \"9NADDON\"\n", None, &addon_files);
    assert!(addon.valid(), "{:#?}", addon.issues);
    assert_eq!(addon.request["target"], json!({"type": "addon", "addonId": "9NADDON"}));
    assert_eq!(
        addon.request["spec"]["changes"]["listings"]["en"],
        json!({"title": "100 coins", "icon": {"fileName": "images/en/Icon/icon.png"}})
    );
    let two = addon_files.with("images/en/Icon/icon2.png", b"png".to_vec());
    assert!(codes(&resolve("[product]\nkind = \"addon\"\nid = \"9NADDON\"\n", None, &two))
        .contains("project.images.too_many"));

    let w = MemFiles::new()
        .with("images/en-us/Screenshot/1.png", b"x".to_vec())
        .with("images/en-us/Logo/logo.png", b"x".to_vec());
    let win32 = resolve("[product]\nkind = \"win32\"\nid = \"9PN\"\n", None, &w);
    assert!(win32.valid(), "{:#?}", win32.issues);
    assert_eq!(
        win32.request["spec"]["assets"],
        json!([{"language": "en-us", "screenshots": ["images/en-us/Screenshot/1.png"], "logos": ["images/en-us/Logo/logo.png"]}])
    );
    // an app image type is not an MSI/EXE asset type
    let app_type = MemFiles::new().with("images/en-us/StoreLogo9x16/1.png", b"x".to_vec());
    assert!(codes(&resolve("[product]\nkind = \"win32\"\nid = \"9PN\"\n", None, &app_type))
        .contains("project.images.type_unknown"));
}

#[test]
fn a_win32_project_resolves_to_the_win32_request() {
    let files = MemFiles::new()
        .with(
            "packages/setup-x64.json",
            r#"{"packageUrl": "https://example.com/2.0/setup.exe", "languages": ["en-us"], "architectures": ["X64"],
                "isSilentInstall": true, "installerParameters": "/S", "genericDocUrl": "https://example.com/d", "packageType": "exe"}"#,
        )
        .with("packages/broken.json", "[]")
        .with("listings/en-us.json", r#"{"description": "D", "whatsNew": "N"}"#)
        .with("extra.json", r#"{"properties": {"certificationNotes": "Notes"}}"#);
    let text = "[product]\nkind = \"win32\"\nid = \"9PNZ3WDKXQ7R\"\n[packages]\nfiles = [\"packages/setup-*.json\"]\n[submission]\nfile = \"extra.json\"\n[release]\nwait = \"draft\"\n";
    let r = resolve(text, None, &files);
    assert!(r.valid(), "{:#?}", r.issues);
    assert_eq!(r.request["workflow"], "win32");
    assert_eq!(r.request["productId"], "9PNZ3WDKXQ7R");
    assert_eq!(r.request["stopAfter"], "draft");
    let spec = &r.request["spec"];
    assert_eq!(spec["packages"]["packages"][0]["packageUrl"], "https://example.com/2.0/setup.exe");
    assert_eq!(spec["metadataPatch"], true);
    assert_eq!(spec["metadata"]["listings"], json!([{"language": "en-us", "description": "D", "whatsNew": "N"}]));
    assert_eq!(spec["metadata"]["properties"]["certificationNotes"], "Notes");
    assert_eq!(r.credentials.seller_id.as_deref(), Some("STORESUBMIT_SELLER_ID"));
    let cfg = crate::flow::FlowConfig::new(
        crate::api::Endpoints::production(),
        crate::api::auth::ClientCredentials::new("t", "c", "s"),
    );
    assert!(crate::wire::workflow_from_json(cfg, &r.request).is_ok());
    let broken = text.replace("setup-*.json", "*.json");
    assert_eq!(issue(&resolve(&broken, None, &files), "project.packages.win32_invalid").path, "packages/broken.json");
}

#[test]
fn fields_that_do_not_fit_the_kind() {
    let text = "[product]\nkind = \"addon\"\nid = \"9N\"\n[packages]\nfiles = [\"*.msix\"]\n[release]\nrollout = 5\n";
    let r = resolve(text, None, &MemFiles::new().with("a.msix", b"x".to_vec()));
    let paths: Vec<&str> =
        r.issues.iter().filter(|i| i.code == "project.field.not_for_kind").map(|i| i.path.as_str()).collect();
    assert_eq!(paths, ["/release/rollout", "/packages/files"]);
    let w = "[product]\nkind = \"win32\"\nid = \"9N\"\n[packages]\nkeep_old = true\n[release]\npending = \"fail\"\n";
    let r = resolve(w, None, &MemFiles::new());
    assert_eq!(r.issues.iter().filter(|i| i.code == "project.field.not_for_kind").count(), 2, "{:#?}", r.issues);
}

#[test]
fn every_path_stays_inside_the_project_folder() {
    let files = app_files().with("sub.json", "{}");
    for bad in ["../secret.json", "/etc/passwd.json", "C:secret.json", "a/../../x.json"] {
        let text = format!("[product]\nkind = \"app\"\nid = \"9N\"\n[submission]\nfile = {bad:?}\n");
        let r = resolve(&text, None, &files);
        assert!(!r.valid(), "{bad}");
        let i = issue(&r, "project.field.value");
        assert!(i.message.starts_with("submission.file:") && i.message.contains(bad.trim_start_matches('/')), "{i:?}");
    }
    let r = resolve("[product]\nkind = \"app\"\nid = \"9N\"\n[listings]\nfolder = \"C:listings\"\n", None, &files);
    assert!(!r.valid(), "{:#?}", r.issues);
    assert!(MemFiles::new().with("a.json", "{}").read("../a.json").is_err());
    let huge = MemFiles::new().with("big.json", vec![b' '; (crate::data::limits::PROJECT_FILE_MAX_BYTES + 1) as usize]);
    assert!(huge.read("big.json").unwrap_err().contains("more than a project reads"));
}

#[cfg(unix)]
#[test]
fn links_leaving_the_project_folder_are_not_followed() {
    let base = std::env::temp_dir().join(format!("storesubmit-project-links-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&base);
    let (dir, outside) = (base.join("project"), base.join("outside"));
    std::fs::create_dir_all(dir.join("listings")).unwrap();
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("en-us.json"), r#"{"title": "from outside"}"#).unwrap();
    std::fs::write(outside.join("sub.json"), r#"{"notes": "from outside"}"#).unwrap();
    std::os::unix::fs::symlink(&outside, dir.join("shared")).unwrap();
    std::os::unix::fs::symlink(outside.join("sub.json"), dir.join("sub.json")).unwrap();
    std::os::unix::fs::symlink(outside.join("en-us.json"), dir.join("listings").join("en-us.json")).unwrap();
    let fs = FsFiles::new(&dir);
    assert!(fs.read("sub.json").unwrap_err().contains("outside the project folder"));
    assert!(fs.list("shared").is_err(), "a linked folder that leaves is not listed");
    assert!(fs.list("listings").unwrap().unwrap().is_empty(), "a linked file that leaves is not listed");
    std::fs::remove_dir_all(&base).unwrap();
}

#[test]
fn the_submission_file_is_merged_under_the_generated_fields() {
    let files = MemFiles::new()
        .with("sub.json", r#"{"pricing": {"priceId": "Free"}, "listings": {"en-us": {"baseListing": {"title": "Old", "keywords": ["k"]}}}}"#)
        .with("listings/en-us.json", r#"{"title": "New"}"#)
        .with("bad.json", "[1, 2]");
    let r = resolve("[product]\nkind = \"app\"\nid = \"9N\"\n[submission]\nfile = \"sub.json\"\n", None, &files);
    assert!(r.valid(), "{:#?}", r.issues);
    let c = &r.request["spec"]["changes"];
    assert_eq!(c["pricing"]["priceId"], "Free");
    assert_eq!(c["listings"]["en-us"]["baseListing"], json!({"title": "New", "keywords": ["k"]}));
    let bad = resolve("[product]\nkind = \"app\"\nid = \"9N\"\n[submission]\nfile = \"bad.json\"\n", None, &files);
    assert_eq!(issue(&bad, "project.submission.file_invalid").path, "/submission/file");
    let none = resolve("[product]\nkind = \"app\"\nid = \"9N\"\n[submission]\nfile = \"nope.json\"\n", None, &files);
    assert!(codes(&none).contains("project.file.unreadable"));
}

#[test]
fn the_resolved_submission_passes_the_publish_rules() {
    let files = MemFiles::new()
        .with("build/App.msixupload", Vec::new())
        .with("listings/en-us.json", r#"{"keywords": ["1", "2", "3", "4", "5", "6", "7", "8"]}"#);
    let r = resolve("[product]\nkind = \"app\"\nid = \"9N\"\n[packages]\nfiles = [\"build/*\"]\n", None, &files);
    let empty = issue(&r, "files.empty");
    assert!(empty.path.starts_with("resolved:"), "{}", empty.path);
    let kw = issue(&r, "listing.keywords.too_many");
    assert_eq!(kw.path, "resolved:/listings/en-us/baseListing/keywords");
    assert!(r.request.is_null());
}

#[test]
fn every_project_code_is_registered_and_tested_here() {
    let source = include_str!("tests.rs");
    for c in crate::validate::all_issue_codes().iter().filter(|c| c.code.starts_with("project.")) {
        assert!(source.contains(&format!("\"{}\"", c.code)), "{} has no test", c.code);
    }
    let registered: BTreeSet<&str> = crate::validate::all_issue_codes().iter().map(|c| c.code).collect();
    for code in [
        "project.walk_limit",
        "project.credentials.secret",
        "project.images.too_many",
        "project.field.ignored",
        "project.nothing_to_publish",
    ] {
        assert!(registered.contains(code));
    }
}

#[test]
fn the_value_lists_are_the_workflow_names() {
    for p in schema::PENDING_POLICIES {
        assert!(serde_json::from_value::<crate::flow::PendingPolicy>(json!(p)).is_ok(), "{p}");
    }
    for w in schema::WAIT_STAGES {
        assert!(crate::flow::StopAfter::parse(w).is_some(), "{w}");
    }
    for k in schema::PRODUCT_KINDS {
        assert_eq!(ProductKind::parse(k).map(ProductKind::as_str), Some(*k));
    }
}

#[test]
fn the_schema_describes_every_field() {
    let s = schema::schema();
    for f in schema::FIELDS {
        let p = &s["properties"][f.table]["properties"][f.key];
        assert!(p["description"].is_string(), "{}.{}", f.table, f.key);
        let env = &s["properties"]["environments"]["additionalProperties"]["properties"][f.table]["properties"][f.key];
        assert_eq!(p, env);
    }
    assert_eq!(s["properties"]["release"]["properties"]["pending"]["enum"], json!(["reuse", "recreate", "fail"]));
    assert_eq!(s["additionalProperties"], false);
}

#[test]
fn load_reads_the_folder_and_the_wire_call_answers() {
    let dir = std::env::temp_dir().join(format!("storesubmit-project-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("build")).unwrap();
    std::fs::create_dir_all(dir.join("listings")).unwrap();
    std::fs::write(dir.join("build/App_1.0.0.0_x64.msixupload"), b"PK").unwrap();
    std::fs::write(dir.join("listings/en-us.md"), "---\ntitle: Hello\n---\nBody\n").unwrap();
    std::fs::write(dir.join("storesubmit.toml"), APP).unwrap();
    let r = load(&dir.join("storesubmit.toml"), Some("beta")).unwrap();
    assert!(r.valid(), "{:#?}", r.issues);
    assert_eq!(r.files, dir.canonicalize().unwrap());
    assert_eq!(r.request["spec"]["changes"]["flightPackages"][0]["fileName"], "build/App_1.0.0.0_x64.msixupload");
    let path = dir.join("storesubmit.toml");
    let v = crate::wire::call("loadProject", &json!({"path": path.to_str().unwrap()})).unwrap();
    assert_eq!(v["valid"], true);
    assert_eq!(v["credentials"]["clientSecret"], "STORESUBMIT_CLIENT_SECRET");
    assert_eq!(v["credentials"]["sellerId"], Value::Null);
    assert_eq!(v["request"]["spec"]["changes"]["listings"]["en-us"]["baseListing"]["title"], "Hello");
    let missing =
        crate::wire::call("loadProject", &json!({"path": dir.join("nope.toml").to_str().unwrap()})).unwrap_err();
    assert_eq!(missing.code(), "io");
    std::fs::remove_dir_all(&dir).unwrap();
}
