//! Checks made before a workflow sends its first request, so a submission that cannot succeed is
//! refused locally instead of being left half done (a created, updated but uncommittable submission).
//!
//! The checks read no filesystem: the files a host can upload are described by a [`FileSet`] (names
//! relative to the files folder, `/`-separated) that the host builds from whatever holds them — a
//! folder ([`files_in`], native), a browser's `FileList`, a ZIP's entry names. [`preflight_submission`]
//! and [`preflight_win32`] are the native shorthands that list a folder first.

use crate::error::{Error, ErrorKind, Result};
use crate::flow::win32::Win32Spec;
use crate::flow::SubmissionSpec;
use crate::issue::Issue;
use crate::model::files::referenced_files;
use crate::model::DocumentKind;
use crate::validate::{change_issues, cross_check_files, validate};

pub use crate::validate::FileSet;

fn files_error(issues: Vec<Issue>) -> Error {
    let first = issues.first().map(ToString::to_string).unwrap_or_default();
    Error::new(
        ErrorKind::MissingFiles,
        format!("{} file problem(s) before anything was sent; first: {first}", issues.len()),
    )
    .with_issues(issues)
}

/// Checks a devcenter submission spec: the rules that apply to a partial document (enum values,
/// limits, formats…) and the files it names against `files` (the files the host can upload).
///
/// # Errors
/// `validation` with the issues when a rule is broken; `missing_files` with the issues naming each file
/// that is missing, has the wrong letter case or an unsafe name; `invalid_argument` when files are named
/// but no file set is given.
pub fn check_submission(kind: DocumentKind, spec: &SubmissionSpec, files: Option<&FileSet>) -> Result<()> {
    submission_with(kind, spec, || Ok(files.cloned()))
}

/// [`check_submission`] with the file set built only when the spec names files to upload.
fn submission_with(
    kind: DocumentKind,
    spec: &SubmissionSpec,
    files: impl FnOnce() -> Result<Option<FileSet>>,
) -> Result<()> {
    let doc = spec.standalone_document(kind);
    let errors: Vec<Issue> = change_issues(kind, &doc, None).into_iter().filter(Issue::is_error).collect();
    if !errors.is_empty() {
        return Err(Error::validation(errors));
    }
    let pending = referenced_files(kind, &doc).into_iter().filter(|f| f.pending_upload).count();
    if pending == 0 {
        return Ok(());
    }
    let set = files()?.ok_or_else(|| {
        Error::invalid_argument(format!(
            "the submission names {pending} file(s) to upload: pass the folder that holds them"
        ))
    })?;
    let issues: Vec<Issue> = cross_check_files(kind, &doc, &set).into_iter().filter(Issue::is_error).collect();
    if issues.is_empty() {
        Ok(())
    } else {
        Err(files_error(issues))
    }
}

/// Every listing asset file a win32 spec names: `(pointer, label, name)`.
fn win32_asset_files(spec: &Win32Spec) -> Vec<(String, String, &str)> {
    let mut named = Vec::new();
    for (i, set) in spec.assets.iter().enumerate() {
        for (key, list) in [("screenshots", &set.screenshots), ("logos", &set.logos)] {
            for (j, f) in list.iter().enumerate() {
                named.push((format!("/assets/{i}/{key}/{j}"), format!("assets[{i}].{key}[{j}]"), f.as_str()));
            }
        }
    }
    named
}

/// Checks a win32 spec: the packages body, each package patch and the metadata body against their
/// rules, and every listing asset file against `files`.
///
/// # Errors
/// As [`check_submission`].
pub fn check_win32(spec: &Win32Spec, files: Option<&FileSet>) -> Result<()> {
    win32_with(spec, || Ok(files.cloned()))
}

/// [`check_win32`] with the file set built only when the spec names asset files.
fn win32_with(spec: &Win32Spec, files: impl FnOnce() -> Result<Option<FileSet>>) -> Result<()> {
    let mut issues = Vec::new();
    if let Some(p) = &spec.packages {
        issues.extend(validate(DocumentKind::Win32Packages, p).issues);
    }
    for patch in &spec.package_patches {
        issues.extend(validate(DocumentKind::Win32Package, &patch.body).issues);
    }
    if let Some(m) = &spec.metadata {
        let kind = if spec.metadata_patch { DocumentKind::Win32MetadataPatch } else { DocumentKind::Win32Metadata };
        issues.extend(validate(kind, m).issues);
    }
    let errors: Vec<Issue> = issues.into_iter().filter(Issue::is_error).collect();
    if !errors.is_empty() {
        return Err(Error::validation(errors));
    }
    let named = win32_asset_files(spec);
    if named.is_empty() {
        return Ok(());
    }
    let set = files()?.ok_or_else(|| {
        Error::invalid_argument(format!(
            "the spec names {} listing asset file(s): pass the folder that holds them",
            named.len()
        ))
    })?;
    if let Some(folder) = set.missing() {
        let message = format!(
            "the files folder `{}` does not exist; the spec names {} listing asset file(s) to upload from it",
            crate::validate::shown(folder),
            named.len()
        );
        return Err(files_error(vec![Issue::error(crate::validate::codes::FILES_FOLDER_MISSING.code, "", message)]));
    }
    let missing: Vec<Issue> = named
        .into_iter()
        .filter(|(_, _, f)| !set.contains(f))
        .map(|(ptr, label, f)| {
            Issue::error(crate::validate::codes::FILES_MISSING.code, ptr, format!("{label}: `{f}` is not in the files"))
        })
        .collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(files_error(missing))
    }
}

#[cfg(not(target_arch = "wasm32"))]
pub use native::{files_in, preflight_archive, preflight_submission, preflight_win32};

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::path::Path;

    use super::{submission_with, win32_asset_files, win32_with, FileSet};
    use crate::error::{Error, ErrorKind, Result};
    use crate::flow::win32::Win32Spec;
    use crate::flow::SubmissionSpec;
    use crate::model::DocumentKind;

    /// The files under `dir`, recursively, as a [`FileSet`]. A folder that does not exist holds none
    /// of the files and is reported once (`files.folder_missing`, naming it).
    ///
    /// # Errors
    /// `io` when the folder cannot be read.
    pub fn files_in(dir: &Path) -> Result<FileSet> {
        FileSet::from_dir_or_missing(dir)
            .map_err(|e| Error::new(ErrorKind::Io, format!("cannot list the files folder {}: {e}", dir.display())))
    }

    /// [`super::check_submission`] against the files under the folder `files` (listed only when the
    /// spec names files to upload).
    ///
    /// # Errors
    /// As [`super::check_submission`]; `io` when the folder cannot be read.
    pub fn preflight_submission(kind: DocumentKind, spec: &SubmissionSpec, files: Option<&Path>) -> Result<()> {
        submission_with(kind, spec, || files.map(files_in).transpose())
    }

    /// [`super::check_submission`] against the entries of a ready ZIP (what a publish with
    /// [`crate::flow::devcenter::SubmissionOptions::archive`] uploads as is).
    ///
    /// # Errors
    /// As [`super::check_submission`]; `io` when the ZIP cannot be read, `invalid_archive` when it is not
    /// a ZIP.
    pub fn preflight_archive(kind: DocumentKind, spec: &SubmissionSpec, zip: &Path) -> Result<()> {
        submission_with(kind, spec, || {
            let file = std::fs::File::open(zip)
                .map_err(|e| Error::new(ErrorKind::Io, format!("cannot open the ZIP {}: {e}", zip.display())))?;
            FileSet::from_zip(std::io::BufReader::new(file)).map(Some)
        })
    }

    /// [`super::check_win32`] against the folder `files`; an absolute asset name is looked up where it
    /// points.
    ///
    /// # Errors
    /// As [`super::check_win32`]; `io` when the folder cannot be read.
    pub fn preflight_win32(spec: &Win32Spec, files: Option<&Path>) -> Result<()> {
        win32_with(spec, || {
            let Some(dir) = files else { return Ok(None) };
            let mut set = files_in(dir)?;
            for (_, _, name) in win32_asset_files(spec) {
                if Path::new(name).is_absolute() && Path::new(name).is_file() {
                    set.insert(name);
                }
            }
            Ok(Some(set))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flow::win32::AssetSet;
    use serde_json::json;

    #[test]
    fn missing_files_fail_before_anything_is_sent_without_a_filesystem() {
        let set = FileSet::from_names(["app.msix", "Images/Shot.png"]);
        let spec = SubmissionSpec::from_changes(json!({
            "applicationPackages": [{"fileName": "app.msix"}, {"fileName": "gone.msix"}],
            "listings": {"en-us": {"baseListing": {"images": [{"fileName": "Images\\shot.png", "imageType": "Screenshot"}]}}}
        }));
        let e = check_submission(DocumentKind::AppSubmission, &spec, Some(&set)).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::MissingFiles);
        let codes: Vec<&str> = e.issues().iter().map(|i| i.code.as_str()).collect();
        assert_eq!(codes, ["files.missing", "files.case_mismatch"], "{e}");
        assert_eq!(e.issues()[0].path, "/applicationPackages/1/fileName");

        let e = check_submission(DocumentKind::AppSubmission, &spec, Some(&FileSet::new())).unwrap_err();
        assert_eq!(e.issues().len(), 3, "{e}");

        let ok = SubmissionSpec::from_changes(json!({"applicationPackages": [{"fileName": "app.msix"}]}));
        check_submission(DocumentKind::AppSubmission, &ok, Some(&set)).unwrap();
        let e = check_submission(DocumentKind::AppSubmission, &ok, None).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidArgument);
    }

    #[test]
    fn broken_rules_fail_but_absent_fields_do_not() {
        let spec = SubmissionSpec { rollout_percentage: Some(150.0), ..Default::default() };
        let e = check_submission(DocumentKind::AppSubmission, &spec, None).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Validation);
        assert!(e.issues().iter().any(|i| i.code == "rollout.percentage.out_of_range"), "{e}");
        let partial = SubmissionSpec::from_changes(json!({"pricing": {"priceId": "Free"}}));
        check_submission(DocumentKind::AppSubmission, &partial, None).unwrap();
    }

    #[test]
    fn win32_assets_against_a_file_set() {
        let spec = Win32Spec {
            assets: vec![AssetSet {
                language: "en-us".into(),
                screenshots: vec!["shots\\1.png".into(), "shots/2.png".into()],
                logos: vec!["logo.png".into()],
            }],
            ..Default::default()
        };
        check_win32(&spec, Some(&FileSet::from_names(["shots/1.png", "shots/2.png", "logo.png"]))).unwrap();
        let e = check_win32(&spec, Some(&FileSet::from_names(["shots/1.png"]))).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::MissingFiles);
        let paths: Vec<&str> = e.issues().iter().map(|i| i.path.as_str()).collect();
        assert_eq!(paths, ["/assets/0/screenshots/1", "/assets/0/logos/0"]);
        assert_eq!(check_win32(&spec, None).unwrap_err().kind(), ErrorKind::InvalidArgument);
        check_win32(&Win32Spec::default(), None).unwrap();
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn native_wrappers_list_the_folder() {
        let dir = std::env::temp_dir().join(format!("storesubmit-preflight-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("Images")).unwrap();
        std::fs::write(dir.join("app.msix"), b"x").unwrap();
        // a PNG header of a 1366 x 768 image: what the media rules read
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        png.extend_from_slice(&[0, 0, 5, 86, 0, 0, 3, 0, 8, 6, 0, 0, 0]);
        std::fs::write(dir.join("Images").join("Shot.png"), &png).unwrap();
        let spec = SubmissionSpec::from_changes(json!({
            "applicationPackages": [{"fileName": "app.msix"}],
            "listings": {"en-us": {"baseListing": {"images": [{"fileName": "Images\\Shot.png", "imageType": "Screenshot"}]}}}
        }));
        preflight_submission(DocumentKind::AppSubmission, &spec, Some(&dir)).unwrap();
        let nowhere = dir.join("no-such-folder");
        let e = preflight_submission(DocumentKind::AppSubmission, &spec, Some(&nowhere)).unwrap_err();
        // one error naming the folder, not one per file
        assert_eq!((e.kind(), e.issues().len()), (ErrorKind::MissingFiles, 1), "{e}");
        assert_eq!(e.issues()[0].code, "files.folder_missing");
        assert!(e.issues()[0].message.contains("no-such-folder"), "{e}");
        let bad = SubmissionSpec { rollout_percentage: Some(-1.0), ..spec.clone() };
        assert_eq!(
            preflight_submission(DocumentKind::AppSubmission, &bad, None).unwrap_err().kind(),
            ErrorKind::Validation
        );

        let abs = dir.join("Images").join("Shot.png").to_string_lossy().into_owned();
        let w = Win32Spec {
            assets: vec![AssetSet {
                language: "en-us".into(),
                screenshots: vec![abs, "Images/Shot.png".into()],
                logos: vec![],
            }],
            ..Default::default()
        };
        preflight_win32(&w, Some(&dir)).unwrap();
        assert_eq!(preflight_win32(&w, Some(&nowhere)).unwrap_err().kind(), ErrorKind::MissingFiles);
        std::fs::remove_dir_all(&dir).ok();
    }
}
