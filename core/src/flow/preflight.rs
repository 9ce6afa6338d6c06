//! The checks every publishing workflow makes before its first request — its `preflight` stage — so a
//! submission that cannot succeed is refused locally instead of being left half done (a created, updated
//! but uncommittable submission).
//!
//! A [`Check`] runs in two steps inside the engine ([`super::Flow`]): the rules that apply to the
//! partial document (enum values, limits, formats…), which need nothing from the host; then, when the
//! workflow uploads files, the files it names against the host's files (a [`crate::task::Work::List`]
//! task: a folder, a browser's picked files, a ZIP's entries). Every entry point — the CLI, the bindings,
//! the GitHub Action, a dry run — runs the same stage because it is part of the workflow, and reports it
//! the same way (a `preflight` stage, then `validation` or `missing_files` with the issues).
//!
//! [`check_submission`] and [`check_win32`] are the same checks over a [`FileSet`] a caller already has
//! (the wire call `preflight`).

use crate::error::{Error, ErrorKind, Result};
use crate::issue::Issue;
use crate::model::files::referenced_files;
use crate::model::DocumentKind;
use crate::spec::SubmissionSpec;
use crate::validate::{change_issues, cross_check_files, validate};

use super::win32::Win32Spec;

pub use crate::validate::FileSet;

/// The pre-flight checks of one workflow.
#[derive(Clone, Debug)]
pub enum Check {
    /// A devcenter submission spec of `kind`; with `archive`, its files are the entries of that ready ZIP.
    Submission {
        /// The submission kind.
        kind: DocumentKind,
        /// The changes.
        spec: Box<SubmissionSpec>,
        /// A ready ZIP the publish uploads as is (its entries are the files), or none.
        archive: Option<String>,
    },
    /// A win32 spec (packages, metadata, listing assets).
    Win32(Box<Win32Spec>),
}

impl Check {
    /// The rules, which need nothing from the host. `Ok(Some(archive))` when the files the workflow
    /// uploads must be checked next, against the host's files (or the entries of the ZIP `archive`).
    ///
    /// # Errors
    /// `validation` with the issues.
    pub fn rules(&self) -> Result<Option<Option<String>>> {
        match self {
            Check::Submission { kind, spec, archive } => {
                let doc = spec.standalone_document(*kind);
                let errors: Vec<Issue> = change_issues(*kind, &doc, None).into_iter().filter(Issue::is_error).collect();
                if !errors.is_empty() {
                    return Err(Error::validation(errors));
                }
                let pending = referenced_files(*kind, &doc).into_iter().any(|f| f.pending_upload);
                Ok((pending || archive.is_some()).then(|| archive.clone()))
            }
            Check::Win32(spec) => {
                win32_rules(spec)?;
                Ok((!win32_asset_files(spec).is_empty()).then_some(None))
            }
        }
    }

    /// The files the workflow uploads, against the host's `files`.
    ///
    /// # Errors
    /// `missing_files` with the issues naming each file that is missing, has the wrong letter case or an
    /// unsafe name.
    pub fn files(&self, files: &FileSet) -> Result<()> {
        match self {
            Check::Submission { kind, spec, .. } => submission_files(*kind, spec, files),
            Check::Win32(spec) => win32_files(spec, files),
        }
    }

    /// The error when the host could not list its files: a host without files (`unsupported`) is told to
    /// pass the folder that holds the files the workflow names.
    pub fn no_files(&self, e: Error) -> Error {
        if e.kind() != ErrorKind::Unsupported {
            return e;
        }
        let (n, what) = match self {
            Check::Submission { kind, spec, .. } => {
                let doc = spec.standalone_document(*kind);
                (referenced_files(*kind, &doc).into_iter().filter(|f| f.pending_upload).count(), "file(s) to upload")
            }
            Check::Win32(spec) => (win32_asset_files(spec).len(), "listing asset file(s)"),
        };
        Error::invalid_argument(format!("the workflow names {n} {what}: pass the folder that holds them"))
    }
}

impl Check {
    /// The names of every file the workflow uploads (a test host that has them all answers its list
    /// with these).
    #[cfg(test)]
    pub(crate) fn names(&self) -> Vec<String> {
        match self {
            Check::Submission { kind, spec, .. } => {
                let doc = spec.standalone_document(*kind);
                referenced_files(*kind, &doc).into_iter().filter(|f| f.pending_upload).map(|f| f.name).collect()
            }
            Check::Win32(spec) => win32_asset_files(spec).into_iter().map(|(_, _, n)| n.to_string()).collect(),
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl Check {
    /// Both steps against a local folder (or, with an archive, that ZIP under it), as the native executor
    /// would run them: for a caller that checks without running the workflow (an offline dry run).
    ///
    /// # Errors
    /// As [`Check::rules`] and [`Check::files`]; `missing_files` with one `files.folder_missing` issue naming
    /// a folder that does not exist.
    pub fn check_local(&self, files: Option<&std::path::Path>) -> Result<()> {
        let Some(archive) = self.rules()? else { return Ok(()) };
        let set = match files {
            Some(dir) => crate::files::LocalFiles::new(dir).list(archive.as_deref())?,
            None => return Err(self.no_files(Error::new(ErrorKind::Unsupported, "no files"))),
        };
        self.files(&set)
    }
}

/// Checks a devcenter submission spec: the rules that apply to a partial document and the files it names
/// against `files` (the files the host can upload).
///
/// # Errors
/// `validation` with the issues when a rule is broken; `missing_files` with the issues naming each file
/// that is missing, has the wrong letter case or an unsafe name; `invalid_argument` when files are named
/// but no file set is given.
pub fn check_submission(kind: DocumentKind, spec: &SubmissionSpec, files: Option<&FileSet>) -> Result<()> {
    let check = Check::Submission { kind, spec: Box::new(spec.clone()), archive: None };
    run(&check, files)
}

/// Checks a win32 spec: the packages body, each package patch and the metadata body against their
/// rules, and every listing asset file against `files`.
///
/// # Errors
/// As [`check_submission`].
pub fn check_win32(spec: &Win32Spec, files: Option<&FileSet>) -> Result<()> {
    run(&Check::Win32(Box::new(spec.clone())), files)
}

/// Both steps of a check over a file set the caller has (or none).
fn run(check: &Check, files: Option<&FileSet>) -> Result<()> {
    if check.rules()?.is_none() {
        return Ok(());
    }
    match files {
        Some(set) => check.files(set),
        None => Err(check.no_files(Error::new(ErrorKind::Unsupported, "no files"))),
    }
}

fn files_error(issues: Vec<Issue>) -> Error {
    let first = issues.first().map(ToString::to_string).unwrap_or_default();
    Error::new(
        ErrorKind::MissingFiles,
        format!("{} file problem(s) before anything was sent; first: {first}", issues.len()),
    )
    .with_issues(issues)
}

fn submission_files(kind: DocumentKind, spec: &SubmissionSpec, set: &FileSet) -> Result<()> {
    let doc = spec.standalone_document(kind);
    let issues: Vec<Issue> = cross_check_files(kind, &doc, set).into_iter().filter(Issue::is_error).collect();
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

fn win32_rules(spec: &Win32Spec) -> Result<()> {
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
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Error::validation(errors))
    }
}

fn win32_files(spec: &Win32Spec, set: &FileSet) -> Result<()> {
    let named = win32_asset_files(spec);
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
}
