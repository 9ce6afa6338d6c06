//! Cross-check of a submission against the files that will travel with it (a folder or a ZIP's entry
//! names): every `PendingUpload` file the submission names is present with exactly that name (the
//! Store's `MissingFiles` otherwise), names are relative and free of `..`, and files nobody names are
//! reported as warnings. Which fields name files is `model::files::referenced_files`' business; the set of
//! files comes from names, a folder ([`FileSet::from_dir`]) or a ZIP ([`FileSet::from_zip`]).

use std::collections::{BTreeSet, HashMap, HashSet};

use serde_json::Value;

use super::check::{At, Ck};
use super::codes as c;
use crate::issue::Issue;
use crate::model::files::{referenced_files, zip_entry_name};
use crate::model::kind::DocumentKind;

/// A set of relative file names (ZIP entry names or paths under a folder), `/`-separated.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FileSet {
    names: BTreeSet<String>,
}

/// Normalises a name for comparison: `\` → `/`, leading `./` removed. Case is kept.
fn normalise(name: &str) -> String {
    let mut s = zip_entry_name(name);
    while let Some(rest) = s.strip_prefix("./") {
        s = rest.to_string();
    }
    s
}

impl FileSet {
    /// An empty set.
    pub fn new() -> Self {
        FileSet::default()
    }

    /// A set from names (ZIP entry names, or paths relative to a folder). Directory entries (names
    /// ending in `/`) are skipped; `\` is read as `/`.
    pub fn from_names<I, S>(names: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut set = FileSet::new();
        for n in names {
            set.insert(n.as_ref());
        }
        set
    }

    /// Adds one name (ignored when it names a directory).
    pub fn insert(&mut self, name: &str) {
        let n = normalise(name);
        if !n.is_empty() && !n.ends_with('/') {
            self.names.insert(n);
        }
    }

    /// Whether the set holds exactly this name (after `\` → `/`).
    pub fn contains(&self, name: &str) -> bool {
        self.names.contains(&normalise(name))
    }

    /// Number of files.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// The names, sorted.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.names.iter().map(String::as_str)
    }

    /// The entry names of a ZIP archive (read from its central directory only; ZIP64 included), e.g. the
    /// ZIP about to be uploaded. Errors: `invalid_archive` when `zip` is not a readable ZIP, `io`.
    pub fn from_zip<R: std::io::Read + std::io::Seek>(zip: R) -> crate::Result<Self> {
        // Folder entries (`Images/`) hold no file: only files can be named by a submission.
        Ok(FileSet::from_names(crate::package::entry_names(zip)?.into_iter().filter(|n| !n.ends_with('/'))))
    }

    /// [`FileSet::from_zip`] for a ZIP held in memory (the browser page, bindings handed bytes).
    pub fn from_zip_bytes(zip: &[u8]) -> crate::Result<Self> {
        FileSet::from_zip(std::io::Cursor::new(zip))
    }

    /// Every file under `dir`, recursively, as `/`-separated paths relative to `dir`. Native only.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn from_dir(dir: impl AsRef<std::path::Path>) -> std::io::Result<Self> {
        fn walk(base: &std::path::Path, dir: &std::path::Path, out: &mut FileSet) -> std::io::Result<()> {
            for entry in std::fs::read_dir(dir)? {
                let entry = entry?;
                let path = entry.path();
                let ft = entry.file_type()?;
                if ft.is_dir() {
                    walk(base, &path, out)?;
                } else if let Ok(rel) = path.strip_prefix(base) {
                    let parts: Vec<String> =
                        rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
                    out.insert(&parts.join("/"));
                }
            }
            Ok(())
        }
        let mut set = FileSet::new();
        walk(dir.as_ref(), dir.as_ref(), &mut set)?;
        Ok(set)
    }
}

fn is_absolute(name: &str) -> bool {
    let b = name.as_bytes();
    name.starts_with('/') || name.starts_with('\\') || (b.len() >= 2 && b[1] == b':' && b[0].is_ascii_alphabetic())
}

/// Checks the files a document names against `files`. Kinds that name no files (win32 requests, create
/// bodies) give no issue.
pub fn cross_check_files(kind: DocumentKind, doc: &Value, files: &FileSet) -> Vec<Issue> {
    if !matches!(kind, DocumentKind::AppSubmission | DocumentKind::AddonSubmission | DocumentKind::FlightSubmission) {
        return Vec::new();
    }
    let mut ck = Ck::default();
    let refs = referenced_files(kind, doc);
    let mut by_lower: HashMap<String, Vec<&str>> = HashMap::new();
    for f in files.iter() {
        by_lower.entry(f.to_lowercase()).or_default().push(f);
    }
    let mut used: HashSet<String> = HashSet::new();
    for r in &refs {
        let at = At::pointer(&r.pointer);
        let entry = normalise(&r.name);
        used.insert(entry.clone());
        if is_absolute(&r.name) {
            ck.push(
                c::FILES_ABSOLUTE_PATH,
                &at,
                format!("{}: `{}` is an absolute path; names are relative to the ZIP root", at.label(), r.name),
            );
            continue;
        }
        if entry.split('/').any(|seg| seg == "..") {
            ck.push(
                c::FILES_PARENT_SEGMENT,
                &at,
                format!("{}: `{}` uses `..`; names must stay inside the ZIP", at.label(), r.name),
            );
            continue;
        }
        if !r.pending_upload || files.contains(&entry) {
            continue;
        }
        match by_lower.get(&entry.to_lowercase()) {
            Some(found) => {
                used.insert(found[0].to_string());
                ck.push(
                    c::FILES_CASE_MISMATCH,
                    &at,
                    format!(
                        "{}: `{}` not found, but `{}` is present; names are case-sensitive, rename one of them",
                        at.label(),
                        entry,
                        found[0]
                    ),
                );
            }
            None => ck.push(
                c::FILES_MISSING,
                &at,
                format!(
                    "{}: `{}` (PendingUpload) is not in the files; the Store would fail the commit with MissingFiles",
                    at.label(),
                    entry
                ),
            ),
        }
    }
    for f in files.iter() {
        if !used.contains(f) {
            ck.push(
                c::FILES_UNREFERENCED,
                &At::root(),
                format!("`{f}` is in the files but the submission does not name it"),
            );
        }
    }
    ck.issues
}
