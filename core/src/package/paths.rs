//! Where a submission's files are on the host: a name as a workflow writes it (`Trailers\\T.mp4`)
//! resolved under the files folder, and the archive plan of a flow's `Upload::Zip` step.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// One file of a ZIP upload: where it is (relative to the host's files folder) and its entry name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadFile {
    /// The name as the submission writes it (relative to the files folder; may use `\`).
    pub name: String,
    /// The entry name in the ZIP (`\` turned into `/`).
    pub zip_name: String,
}

/// `dir` joined with a submission file name (`\` and `/` both separate folders; an absolute name stays).
/// Pure path arithmetic: reads nothing, so it compiles everywhere.
pub fn path_under(dir: &Path, name: &str) -> PathBuf {
    let p = Path::new(name);
    if p.is_absolute() {
        return p.to_path_buf();
    }
    name.split(['/', '\\']).filter(|s| !s.is_empty()).fold(dir.to_path_buf(), |acc, seg| acc.join(seg))
}

/// The archive a flow's `flow::Upload::Zip` step asks for, every file found under `dir`, each
/// once: a file the submission names twice (one icon in two listings) is one entry, as in
/// [`super::submission_entries`] and the block-upload machine, so validate, dry-run and every upload
/// path build the same archive. Native only (it reads file sizes).
///
/// # Errors
/// `missing_files` naming every missing file, or `invalid_archive`, as [`super::PackagePlan::from_names`].
#[cfg(not(target_arch = "wasm32"))]
pub fn zip_plan(files: &[UploadFile], dir: &Path) -> crate::Result<super::PackagePlan> {
    let mut seen = std::collections::HashSet::new();
    let mut names = Vec::new();
    for f in files {
        if seen.insert(super::entry_name(&f.name)?) {
            names.push(f.name.as_str());
        }
    }
    super::PackagePlan::from_names(dir, names)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_under_the_files_folder() {
        assert_eq!(path_under(Path::new("/f"), "Trailers\\T.mp4"), Path::new("/f/Trailers/T.mp4"));
        assert_eq!(path_under(Path::new("/f"), "a/b.png"), Path::new("/f/a/b.png"));
        assert_eq!(path_under(Path::new("/f"), "a//b.png"), Path::new("/f/a/b.png"));
        assert_eq!(path_under(Path::new("/f"), "/abs/b.png"), Path::new("/abs/b.png"));
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn zip_plan_reports_every_missing_file() {
        let dir = std::env::temp_dir().join(format!("storesubmit-zip-plan-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("Images")).unwrap();
        std::fs::write(dir.join("Images").join("a.png"), b"png").unwrap();
        let file = |n: &str| UploadFile { name: n.into(), zip_name: n.replace('\\', "/") };
        let plan = zip_plan(&[file("Images\\a.png")], &dir).unwrap();
        assert_eq!(plan.files[0].name, "Images/a.png");
        assert_eq!(plan.files[0].size, 3);
        let e = zip_plan(&[file("x.msix"), file("y.msix")], &dir).unwrap_err();
        assert_eq!(e.kind(), crate::ErrorKind::MissingFiles);
        assert!(e.message().contains("x.msix, y.msix"), "{e}");
        std::fs::remove_dir_all(&dir).ok();
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn zip_plan_holds_a_file_named_twice_once() {
        let dir = std::env::temp_dir().join(format!("storesubmit-zip-plan-twice-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("Images")).unwrap();
        std::fs::write(dir.join("Images").join("icon.png"), b"png").unwrap();
        let file = |n: &str| UploadFile { name: n.into(), zip_name: n.replace('\\', "/") };
        let plan = zip_plan(&[file("Images\\icon.png"), file("Images/icon.png")], &dir).unwrap();
        assert_eq!(plan.files.len(), 1);
        assert_eq!(plan.files[0].name, "Images/icon.png");
        std::fs::remove_dir_all(&dir).ok();
    }
}
