//! Checks made before a workflow sends its first request, so a submission that cannot succeed is
//! refused locally instead of being left half done (a created, updated but uncommittable submission).

use std::path::Path;

use crate::error::{Error, ErrorKind, Result};
use crate::flow::win32::Win32Spec;
use crate::flow::SubmissionSpec;
use crate::issue::Issue;
use crate::model::files::referenced_files;
use crate::model::DocumentKind;
use crate::validate::{cross_check_files, validate, FileSet};

/// Whether an issue code is a presence rule (`field.required`, `…required`): a spec is a *partial*
/// document, so a field it leaves out is kept from the fetched submission and cannot be judged here.
fn is_presence_rule(code: &str) -> bool {
    code == "field.required" || code.ends_with(".required")
}

fn files_error(issues: Vec<Issue>) -> Error {
    let first = issues.first().map(ToString::to_string).unwrap_or_default();
    Error::new(
        ErrorKind::MissingFiles,
        format!("{} file problem(s) before anything was sent; first: {first}", issues.len()),
    )
    .with_issues(issues)
}

/// Checks a devcenter submission spec: the rules that apply to a partial document (enum values,
/// limits, formats…) and the files it names against the `files` folder.
///
/// # Errors
/// `validation` with the issues when a rule is broken; `missing_files` with the issues naming each file
/// that is missing, has the wrong letter case or an unsafe name; `invalid_argument` when files are named
/// but no folder is given; `io` when the folder cannot be read.
pub fn preflight_submission(kind: DocumentKind, spec: &SubmissionSpec, files: Option<&Path>) -> Result<()> {
    let doc = spec.standalone_document(kind);
    let errors: Vec<Issue> =
        validate(kind, &doc).issues.into_iter().filter(|i| i.is_error() && !is_presence_rule(&i.code)).collect();
    if !errors.is_empty() {
        return Err(Error::validation(errors));
    }
    let pending = referenced_files(kind, &doc).into_iter().filter(|f| f.pending_upload).count();
    if pending == 0 {
        return Ok(());
    }
    let dir = files.ok_or_else(|| {
        Error::invalid_argument(format!(
            "the submission names {pending} file(s) to upload: pass the folder that holds them"
        ))
    })?;
    // A folder that does not exist holds none of the files: every one is reported missing.
    let set = match FileSet::from_dir(dir) {
        Ok(set) => set,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => FileSet::new(),
        Err(e) => {
            return Err(Error::new(ErrorKind::Io, format!("cannot list the files folder {}: {e}", dir.display())))
        }
    };
    let issues: Vec<Issue> = cross_check_files(kind, &doc, &set).into_iter().filter(Issue::is_error).collect();
    if issues.is_empty() {
        Ok(())
    } else {
        Err(files_error(issues))
    }
}

/// Checks a win32 spec: the packages body, each package patch and the metadata body against their
/// rules, and every listing asset file against the `files` folder.
///
/// # Errors
/// As [`preflight_submission`].
pub fn preflight_win32(spec: &Win32Spec, files: Option<&Path>) -> Result<()> {
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
    let mut named = Vec::new();
    for (i, set) in spec.assets.iter().enumerate() {
        for (key, list) in [("screenshots", &set.screenshots), ("logos", &set.logos)] {
            for (j, f) in list.iter().enumerate() {
                named.push((format!("/assets/{i}/{key}/{j}"), format!("assets[{i}].{key}[{j}]"), f));
            }
        }
    }
    if named.is_empty() {
        return Ok(());
    }
    let dir = files.ok_or_else(|| {
        Error::invalid_argument(format!(
            "the spec names {} listing asset file(s): pass the folder that holds them",
            named.len()
        ))
    })?;
    let missing: Vec<Issue> = named
        .into_iter()
        .filter(|(_, _, f)| !super::path_under(dir, f).is_file())
        .map(|(ptr, label, f)| {
            Issue::error(
                crate::validate::codes::FILES_MISSING.code,
                ptr,
                format!("{label}: `{f}` is not in {}", dir.display()),
            )
        })
        .collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(files_error(missing))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn missing_files_fail_before_anything_is_sent() {
        let dir = std::env::temp_dir().join(format!("storesubmit-preflight-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("Images")).unwrap();
        std::fs::write(dir.join("app.msix"), b"x").unwrap();
        std::fs::write(dir.join("Images").join("Shot.png"), b"x").unwrap();
        let spec = SubmissionSpec::from_changes(json!({
            "applicationPackages": [{"fileName": "app.msix"}, {"fileName": "gone.msix"}],
            "listings": {"en-us": {"baseListing": {"images": [{"fileName": "Images\\shot.png", "imageType": "Screenshot"}]}}}
        }));
        let e = preflight_submission(DocumentKind::AppSubmission, &spec, Some(&dir)).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::MissingFiles);
        let codes: Vec<&str> = e.issues().iter().map(|i| i.code.as_str()).collect();
        assert_eq!(codes, ["files.missing", "files.case_mismatch"], "{e}");
        assert_eq!(e.issues()[0].path, "/applicationPackages/1/fileName");

        let nowhere = dir.join("no-such-folder");
        let e = preflight_submission(DocumentKind::AppSubmission, &spec, Some(&nowhere)).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::MissingFiles, "{e}");
        assert_eq!(e.issues().len(), 3);

        let ok = SubmissionSpec::from_changes(json!({"applicationPackages": [{"fileName": "app.msix"}]}));
        preflight_submission(DocumentKind::AppSubmission, &ok, Some(&dir)).unwrap();
        assert_eq!(
            preflight_submission(DocumentKind::AppSubmission, &ok, None).unwrap_err().kind(),
            ErrorKind::InvalidArgument
        );
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn broken_rules_fail_but_absent_fields_do_not() {
        let spec = SubmissionSpec { rollout_percentage: Some(150.0), ..Default::default() };
        let e = preflight_submission(DocumentKind::AppSubmission, &spec, None).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Validation);
        assert!(e.issues().iter().any(|i| i.code == "rollout.percentage.out_of_range"), "{e}");
        let partial = SubmissionSpec::from_changes(json!({"pricing": {"priceId": "Free"}}));
        preflight_submission(DocumentKind::AppSubmission, &partial, None).unwrap();
    }
}
