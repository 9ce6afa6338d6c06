//! Cross-check of a submission against the files that will travel with it (a folder or a ZIP's entry
//! names): every `PendingUpload` file the submission names is present with exactly that name (the
//! Store's `MissingFiles` otherwise), names are relative and free of `..`, and files nobody names are
//! reported as warnings. What would make the upload unsafe or ambiguous is an error too: entries that
//! escape the folder or ZIP (`..`, absolute names, symbolic links to outside the folder:
//! `files.unsafe_entry`), names differing only in letter case (`files.case_duplicate`) and control
//! characters in names (`files.control_character`). Names are shown in messages with control characters
//! escaped ([`shown`]), so a hostile name cannot drive the terminal. Which fields name files is `model::files::referenced_files`' business; the set of
//! files comes from names, a folder ([`FileSet::from_dir`]) or a ZIP ([`FileSet::from_zip`]).

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use serde_json::Value;

use super::check::{At, Ck};
use super::codes as c;
use crate::data::limits::MEDIA_HEADER_BYTES;
use crate::issue::Issue;
use crate::model::files::{referenced_files, zip_entry_name};
use crate::model::kind::DocumentKind;

/// A set of relative file names (ZIP entry names or paths under a folder), `/`-separated, with what is
/// known of each file beyond its name: its size (a folder's, or what a host gave) and its first bytes
/// (read from the folder on demand, or handed over by a host), from which media files are checked.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FileSet {
    names: BTreeSet<String>,
    /// Entries that escape the folder or ZIP: `..` or absolute entry names, links to outside.
    unsafe_entries: BTreeSet<String>,
    /// Files known to be empty (0 bytes): a folder's, or what a host marked ([`FileSet::insert_empty`]).
    empty: BTreeSet<String>,
    /// Sizes in bytes, where known.
    sizes: BTreeMap<String, u64>,
    /// First bytes ([`MEDIA_HEADER_BYTES`] at most) a host handed over.
    headers: BTreeMap<String, Vec<u8>>,
    /// The folder the names are relative to ([`FileSet::from_dir`]): media headers are read from it.
    root: Option<std::path::PathBuf>,
    /// The folder the files were to come from, when it does not exist ([`FileSet::missing_folder`]).
    missing_folder: Option<String>,
}

pub use crate::issue::shown;

/// Whether a `/`-separated name leaves its root (`..` segment or absolute).
fn escapes(name: &str) -> bool {
    is_absolute(name) || name.split('/').any(|seg| seg == "..")
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
    /// ending in `/`) are skipped; `\` is read as `/`; names escaping the root (`..`, absolute) are
    /// unsafe entries.
    pub fn from_names<I, S>(names: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut set = FileSet::new();
        for n in names {
            set.insert_entry(n.as_ref());
        }
        set
    }

    /// Adds one name as it is (ignored when it names a directory); a host adding a file it resolved
    /// itself (an absolute asset path) uses this.
    pub fn insert(&mut self, name: &str) {
        let n = normalise(name);
        if !n.is_empty() && !n.ends_with('/') {
            self.names.insert(n);
        }
    }

    /// Adds a name read from an archive or a list: one that escapes the root (`..`, absolute) is kept
    /// apart as an unsafe entry (reported as `files.unsafe_entry`).
    fn insert_entry(&mut self, name: &str) {
        let n = normalise(name);
        if escapes(&n) {
            self.unsafe_entries.insert(n);
        } else {
            self.insert(&n);
        }
    }

    /// Adds a name that is present but must not be read: a symbolic link resolving outside the folder
    /// (reported as `files.unsafe_entry`; it still counts as present, so it is not also "missing").
    pub fn insert_unsafe(&mut self, name: &str) {
        let n = normalise(name);
        self.unsafe_entries.insert(n.clone());
        self.names.insert(n);
    }

    /// Adds a file known to be empty (0 bytes): uploading it as a package is `files.empty`.
    pub fn insert_empty(&mut self, name: &str) {
        let n = normalise(name);
        self.insert(&n);
        if self.names.contains(&n) {
            self.empty.insert(n);
        }
    }

    /// Adds a file of known size (a name → size map from a host): a 0-byte one is empty
    /// ([`FileSet::insert_empty`]); sizes are checked against the media limits.
    pub fn insert_sized(&mut self, name: &str, size: u64) {
        if size == 0 {
            self.insert_empty(name);
            return;
        }
        let n = normalise(name);
        self.insert(&n);
        if self.names.contains(&n) {
            self.sizes.insert(n, size);
        }
    }

    /// Adds a file with its first bytes (a host holding the file: the browser page, a binding given
    /// bytes), so the media rules can read its format and dimensions. Only the first
    /// [`MEDIA_HEADER_BYTES`] bytes are kept; `size` is the whole file's, when known.
    pub fn insert_header(&mut self, name: &str, size: Option<u64>, first_bytes: &[u8]) {
        let n = normalise(name);
        match size {
            Some(sz) => self.insert_sized(&n, sz),
            None => self.insert(&n),
        }
        if self.names.contains(&n) {
            let keep = first_bytes.len().min(MEDIA_HEADER_BYTES);
            self.headers.insert(n, first_bytes[..keep].to_vec());
        }
    }

    /// The files of a folder that does not exist: no file, and the cross-check reports the folder once
    /// (`files.folder_missing`, naming `folder`) instead of each file the submission names.
    pub fn missing_folder(folder: &str) -> Self {
        FileSet { missing_folder: Some(folder.to_string()), ..FileSet::default() }
    }

    /// The folder the files were to come from, when it does not exist ([`FileSet::missing_folder`]).
    pub fn missing(&self) -> Option<&str> {
        self.missing_folder.as_deref()
    }

    /// The size of a file in bytes, when known.
    pub fn size(&self, name: &str) -> Option<u64> {
        let n = normalise(name);
        if self.empty.contains(&n) {
            return Some(0);
        }
        self.sizes.get(&n).copied()
    }

    /// The first bytes of a file ([`MEDIA_HEADER_BYTES`] at most): what a host handed over, or read from
    /// the folder ([`FileSet::from_dir`]); `None` when neither is at hand (names only) or the file cannot
    /// be read.
    pub fn header(&self, name: &str) -> Option<Vec<u8>> {
        let n = normalise(name);
        if let Some(h) = self.headers.get(&n) {
            return Some(h.clone());
        }
        if !self.names.contains(&n) || self.unsafe_entries.contains(&n) {
            return None;
        }
        self.read_header(&n)
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn read_header(&self, name: &str) -> Option<Vec<u8>> {
        use std::io::Read;
        let root = self.root.as_ref()?;
        let file = std::fs::File::open(root.join(name)).ok()?;
        let mut buf = Vec::with_capacity(MEDIA_HEADER_BYTES);
        file.take(MEDIA_HEADER_BYTES as u64).read_to_end(&mut buf).ok()?;
        Some(buf)
    }

    #[cfg(target_arch = "wasm32")]
    fn read_header(&self, _name: &str) -> Option<Vec<u8>> {
        None
    }

    /// Whether the set holds this name as an empty (0-byte) file.
    pub fn is_empty_file(&self, name: &str) -> bool {
        self.empty.contains(&normalise(name))
    }

    /// The entries that escape the folder or ZIP, sorted.
    pub fn unsafe_entries(&self) -> impl Iterator<Item = &str> {
        self.unsafe_entries.iter().map(String::as_str)
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

    /// Every file under `dir`, recursively, as `/`-separated paths relative to `dir`. Native only.
    ///
    /// Symbolic links are not followed out of the folder: a link resolving outside `dir` (or nowhere) is
    /// an unsafe entry ([`FileSet::insert_unsafe`]); a link to a file inside counts as that file; links
    /// to folders are not walked (no cycles).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn from_dir(dir: impl AsRef<std::path::Path>) -> std::io::Result<Self> {
        fn walk(
            root: &std::path::Path,
            base: &std::path::Path,
            dir: &std::path::Path,
            out: &mut FileSet,
        ) -> std::io::Result<()> {
            for entry in std::fs::read_dir(dir)? {
                let entry = entry?;
                let path = entry.path();
                let ft = entry.file_type()?;
                let Ok(rel) = path.strip_prefix(base) else { continue };
                let parts: Vec<String> =
                    rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
                let name = parts.join("/");
                if ft.is_dir() {
                    walk(root, base, &path, out)?;
                } else if ft.is_symlink() {
                    match std::fs::canonicalize(&path) {
                        Ok(target) if target.starts_with(root) => {
                            if !target.is_dir() {
                                insert_sized(out, &name, &target);
                            }
                        }
                        _ => out.insert_unsafe(&name),
                    }
                } else {
                    insert_sized(out, &name, &path);
                }
            }
            Ok(())
        }
        fn insert_sized(out: &mut FileSet, name: &str, path: &std::path::Path) {
            match std::fs::metadata(path) {
                Ok(m) => out.insert_sized(name, m.len()),
                _ => out.insert(name),
            }
        }
        let base = dir.as_ref();
        let root = std::fs::canonicalize(base)?;
        let mut set = FileSet::new();
        walk(&root, base, base, &mut set)?;
        set.root = Some(root);
        Ok(set)
    }

    /// [`FileSet::from_dir`], but a folder that does not exist is [`FileSet::missing_folder`] (one
    /// `files.folder_missing` issue naming it) rather than an error. Native only.
    ///
    /// # Errors
    /// The folder's other I/O errors (not a folder, unreadable).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn from_dir_or_missing(dir: impl AsRef<std::path::Path>) -> std::io::Result<Self> {
        let dir = dir.as_ref();
        match FileSet::from_dir(dir) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                Ok(FileSet::missing_folder(&dir.display().to_string()))
            }
            other => other,
        }
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
    if let Some(folder) = &files.missing_folder {
        let wanted = refs.iter().filter(|r| r.pending_upload).count();
        if wanted > 0 {
            ck.push(
                c::FILES_FOLDER_MISSING,
                &At::root(),
                format!(
                    "the files folder `{}` does not exist; the submission names {wanted} file(s) to upload from it",
                    shown(folder)
                ),
            );
        }
    }
    let mut by_lower: HashMap<String, Vec<&str>> = HashMap::new();
    for f in files.iter() {
        by_lower.entry(f.to_lowercase()).or_default().push(f);
    }
    for e in files.unsafe_entries() {
        ck.push(
            c::FILES_UNSAFE_ENTRY,
            &At::root(),
            format!(
                "`{}` escapes the files (a `..` or absolute entry name, or a symbolic link to outside the folder); \
                 refused",
                shown(e)
            ),
        );
    }
    for f in files.iter().filter(|f| f.chars().any(char::is_control)) {
        ck.push(
            c::FILES_CONTROL_CHARACTER,
            &At::root(),
            format!("`{}` in the files holds a control character", shown(f)),
        );
    }
    let mut groups: Vec<&Vec<&str>> = by_lower.values().filter(|g| g.len() > 1).collect();
    groups.sort();
    for group in groups {
        let list: Vec<String> = group.iter().map(|n| format!("`{}`", shown(n))).collect();
        ck.push(
            c::FILES_CASE_DUPLICATE,
            &At::root(),
            format!("{} differ only in letter case; Windows and the Store treat them as one file", list.join(" and ")),
        );
    }
    let mut used: HashSet<String> = HashSet::new();
    let mut uploads_by_lower: HashMap<String, String> = HashMap::new();
    for r in &refs {
        let at = At::pointer(&r.pointer);
        let entry = normalise(&r.name);
        used.insert(entry.clone());
        if entry.chars().any(char::is_control) {
            ck.push(
                c::FILES_CONTROL_CHARACTER,
                &at,
                format!("{}: `{}` holds a control character", at.label(), shown(&r.name)),
            );
            continue;
        }
        if is_absolute(&r.name) {
            ck.push(
                c::FILES_ABSOLUTE_PATH,
                &at,
                format!("{}: `{}` is an absolute path; names are relative to the ZIP root", at.label(), shown(&r.name)),
            );
            continue;
        }
        if entry.split('/').any(|seg| seg == "..") {
            ck.push(
                c::FILES_PARENT_SEGMENT,
                &at,
                format!("{}: `{}` uses `..`; names must stay inside the ZIP", at.label(), shown(&r.name)),
            );
            continue;
        }
        if r.pending_upload {
            let lower = entry.to_lowercase();
            match uploads_by_lower.get(&lower) {
                Some(other) if *other != entry => ck.push(
                    c::FILES_CASE_DUPLICATE,
                    &at,
                    format!(
                        "{}: `{}` and `{}` differ only in letter case; Windows and the Store treat them as one file",
                        at.label(),
                        shown(&entry),
                        shown(other)
                    ),
                ),
                Some(_) => {}
                None => {
                    uploads_by_lower.insert(lower, entry.clone());
                }
            }
        }
        let is_package = r.pointer.starts_with("/applicationPackages/") || r.pointer.starts_with("/flightPackages/");
        if r.pending_upload && is_package && files.is_empty_file(&entry) {
            ck.push(
                c::FILES_EMPTY,
                &at,
                format!(
                    "{}: `{}` is empty (0 bytes); the Store cannot accept an empty package",
                    at.label(),
                    shown(&entry)
                ),
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
                        shown(&entry),
                        shown(found[0])
                    ),
                );
            }
            None if files.missing_folder.is_some() => {}
            None => ck.push(
                c::FILES_MISSING,
                &at,
                format!(
                    "{}: `{}` (PendingUpload) is not in the files; the Store would fail the commit with MissingFiles",
                    at.label(),
                    shown(&entry)
                ),
            ),
        }
    }
    for f in files.iter() {
        if !used.contains(f) {
            ck.push(
                c::FILES_UNREFERENCED,
                &At::root(),
                format!("`{}` is in the files but the submission does not name it", shown(f)),
            );
        }
    }
    if refs.iter().any(|r| r.pending_upload) && files.missing_folder.is_none() {
        let mut canonical = doc.clone();
        let documented =
            if crate::model::canonicalize_case(kind, &mut canonical).is_empty() { doc } else { &canonical };
        super::media::check_files(&mut ck, kind, documented, &refs, files);
    }
    ck.issues
}
