//! `storesubmit import storebroker`: the sample StoreBroker setups (tests/fixtures/storebroker) become
//! projects that load and validate; a credential in SBConfig.json never shows; broken PDP files stop the
//! import before anything is written.

mod common;

use std::path::{Path, PathBuf};

use common::{bin, dir};
use serde_json::Value;

fn fixture(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/storebroker").join(p)
}

fn run(args: &[&str]) -> (i32, String, String) {
    let o = bin().args(args).output().unwrap();
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[test]
fn the_sample_app_imports_into_a_project_that_validates() {
    let d = dir("import", "app");
    let out = d.0.join("project");
    let config = fixture("app/SBConfig.json");
    let (code, stdout, stderr) =
        run(&["import", "storebroker", "--config", config.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains("listings: de-de, en-us"), "{stdout}");
    assert!(stdout.contains("images/en-us/Screenshot/01-Desktop1.png"), "{stdout}");
    let project = out.join("storesubmit.toml");
    assert!(stdout.contains(&format!("storesubmit validate --project {}", project.display())), "{stdout}");
    assert!(stdout.contains(&format!("storesubmit publish --project {} --dry-run", project.display())), "{stdout}");
    assert!(stderr.contains("import.packages.moved"), "{stderr}");
    // the images are the sample's bytes
    assert_eq!(
        std::fs::read(out.join("images/de-de/Screenshot/02-Desktop2.png")).unwrap(),
        std::fs::read(fixture("app/Images/2412/en-us/screens/Desktop2.png")).unwrap()
    );
    let listing: Value = serde_json::from_slice(&std::fs::read(out.join("listings/en-us.json")).unwrap()).unwrap();
    assert_eq!(listing["features"][1], "Captions in a range of styles");
    // a second import does not overwrite; --force does
    let (code, _, stderr) =
        run(&["import", "storebroker", "--config", config.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("--force"), "{stderr}");
    let (code, _, stderr) = run(&[
        "import",
        "storebroker",
        "--config",
        config.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--force",
    ]);
    assert_eq!(code, 0, "{stderr}");
    // the package the project names, put in place as the next step says; then the project loads and validates
    std::fs::create_dir_all(out.join("packages")).unwrap();
    std::fs::write(out.join("packages/Contoso.VideoEdit_1.4.0.0_x64.msixupload"), b"a package").unwrap();
    let resolved = storesubmit::project::load(&project, None).unwrap();
    assert!(resolved.valid(), "{:?}", resolved.issues);
    assert_eq!(resolved.request["target"]["appId"], "9NBLGGH4R315");
    // the next command the import printed
    let (code, stdout, stderr) = run(&["--json", "validate", "--project", project.to_str().unwrap()]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let v: Value = serde_json::from_str(stdout.trim()).unwrap();
    assert_eq!(v["valid"], true, "{v}");
    assert!(!v["issues"].as_array().unwrap().iter().any(|i| i["severity"] == "error"), "{v}");
    // without the package the glob names, validate says so (exit 3)
    std::fs::remove_file(out.join("packages/Contoso.VideoEdit_1.4.0.0_x64.msixupload")).unwrap();
    let (code, stdout, _) = run(&["validate", "--project", project.to_str().unwrap()]);
    assert_eq!(code, 3, "{stdout}");
    assert!(stdout.contains("project.packages.no_match"), "{stdout}");
}

#[test]
fn the_sample_addon_imports_with_pdp_and_images_given_on_the_command_line() {
    let d = dir("import", "addon");
    // the config says PDPs/ and Images/; --pdp and --images point elsewhere (here: the same folders, copied)
    let moved = d.0.join("moved");
    copy_tree(&fixture("addon/PDPs"), &moved.join("pdp"));
    copy_tree(&fixture("addon/Images"), &moved.join("media"));
    std::fs::copy(fixture("addon/SBConfig.json"), d.0.join("SBConfig.json")).unwrap();
    let out = d.0.join("project");
    let (code, stdout, stderr) = run(&[
        "--json",
        "import",
        "storebroker",
        "--config",
        d.0.join("SBConfig.json").to_str().unwrap(),
        "--pdp",
        moved.join("pdp").to_str().unwrap(),
        "--images",
        moved.join("media").to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let v: Value = serde_json::from_str(stdout.trim()).unwrap();
    assert_eq!(v["written"], true);
    assert_eq!(v["languages"], serde_json::json!(["de-de", "en-us"]));
    assert!(v["copies"].as_array().unwrap().iter().any(|c| c["to"] == "images/de-de/Icon/01-coins.png"), "{v}");
    let resolved = storesubmit::project::load(&out.join("storesubmit.toml"), None).unwrap();
    assert!(resolved.valid(), "{:?}", resolved.issues);
    assert_eq!(resolved.request["spec"]["changes"]["listings"]["de-de"]["title"], "200 Münzen");
    let (code, stdout, stderr) = run(&["validate", "--project", out.join("storesubmit.toml").to_str().unwrap()]);
    assert_eq!(code, 0, "{stdout}{stderr}");
}

#[test]
fn a_secret_in_sbconfig_never_shows_and_broken_pdp_files_write_nothing() {
    let d = dir("import", "secret");
    let secret = "Qx7~Sup3rSecretValue.0123456789";
    let config = d.0.join("SBConfig.json");
    std::fs::write(
        &config,
        format!(
            "// comments are fine\n{{\"packageParameters\": {{\"PDPRootPath\": \"pdp\"}},\n\"appSubmission\": {{\"appId\": \"9NBLGGH4R315\", \"clientSecret\": \"{secret}\"}}}}"
        ),
    )
    .unwrap();
    std::fs::create_dir_all(d.0.join("pdp/en-us")).unwrap();
    std::fs::write(
        d.0.join("pdp/en-us/ProductDescription.xml"),
        "<ProductDescription xmlns=\"http://schemas.microsoft.com/appx/2012/ProductDescription\" language=\"en-us\" Release=\"\">\n<Description>ok</Description>\n</ProductDescription>",
    )
    .unwrap();
    let out = d.0.join("project");
    for json in [false, true] {
        let mut args = vec![
            "import",
            "storebroker",
            "--config",
            config.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--force",
        ];
        if json {
            args.insert(0, "--json");
        }
        let (code, stdout, stderr) = run(&args);
        assert_eq!(code, 0, "{stdout}{stderr}");
        assert!(!stdout.contains(secret) && !stderr.contains(secret), "the secret was shown");
        assert!(format!("{stdout}{stderr}").contains("import.config.credential"), "{stdout}{stderr}");
    }
    for entry in walk(&out) {
        assert!(!String::from_utf8_lossy(&std::fs::read(&entry).unwrap()).contains(secret), "{}", entry.display());
    }
    // a malformed PDP: exit 2, the file, line and element named, nothing written
    std::fs::write(
        d.0.join("pdp/en-us/ProductDescription.xml"),
        "<ProductDescription>\n<Description>broken\n</ProductDescription>",
    )
    .unwrap();
    let fresh = d.0.join("fresh");
    let (code, _, stderr) =
        run(&["import", "storebroker", "--config", config.to_str().unwrap(), "--out", fresh.to_str().unwrap()]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("import.pdp.xml")
            && stderr.contains("ProductDescription.xml line 3")
            && stderr.contains("<Description>"),
        "{stderr}"
    );
    assert!(!fresh.exists());
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_dir() {
            copy_tree(&e.path(), &to.join(e.file_name()));
        } else {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

fn walk(d: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(d).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[cfg(unix)]
#[test]
fn nothing_is_written_through_a_symbolic_link_in_out() {
    let d = dir("import", "symlink");
    let (out, elsewhere) = (d.0.join("project"), d.0.join("elsewhere"));
    std::fs::create_dir_all(&out).unwrap();
    std::fs::create_dir_all(&elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, out.join("listings")).unwrap();
    let config = fixture("app/SBConfig.json");
    let (code, stdout, stderr) =
        run(&["import", "storebroker", "--config", config.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert!(stderr.contains("symbolic link"), "{stderr}");
    assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 0, "nothing written where the link points");
}
