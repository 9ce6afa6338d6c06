//! Importing another tool's release setup into a storesubmit project (`storesubmit.toml`, a listings
//! folder, an images folder, a submission file: the format [`crate::project`] loads).
//!
//! - [`storebroker`]: StoreBroker's `SBConfig.json` and PDP XML files.
//!
//! An import is data in, data out: the folders it reads are [`Source`]s (the native [`FsSource`], or
//! [`MemSource`] for tests and hosts without a filesystem), and the answer is an [`ImportResult`] — the
//! files to write, the media files to copy and every issue — which [`write`] puts on disk. Nothing is
//! written when an issue is an error.

pub mod storebroker;
mod xml;

use std::collections::BTreeMap;

use crate::issue::Issue;

/// One entry of a [`Source`] folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The entry's name (one path segment).
    pub name: String,
    /// Whether it is a folder.
    pub dir: bool,
}

/// A folder an import reads (the PDP root, the images root), addressed by `/`-separated paths relative
/// to it (`""` is the folder itself). Lets the core walk folders without doing I/O itself.
pub trait Source {
    /// The entries of folder `dir`, sorted by name; `Ok(None)` when it does not exist.
    ///
    /// # Errors
    /// A message when the folder exists but cannot be listed.
    fn list(&self, dir: &str) -> Result<Option<Vec<Entry>>, String>;

    /// The bytes of file `path`, refusing files larger than `max` bytes (`Err` names the size).
    ///
    /// # Errors
    /// A message when the file cannot be read or is larger than `max`.
    fn read(&self, path: &str, max: usize) -> Result<Vec<u8>, String>;

    /// How this source shows a path inside it in messages (`/abs/pdps/en-us/PDP.xml`).
    fn display(&self, path: &str) -> String;
}

/// A [`Source`] held in memory: file paths → bytes (folders are implied by the paths).
#[derive(Clone, Debug, Default)]
pub struct MemSource {
    name: String,
    files: BTreeMap<String, Vec<u8>>,
}

impl MemSource {
    /// An empty source shown as `name` in messages.
    pub fn new(name: impl Into<String>) -> Self {
        MemSource { name: name.into(), files: BTreeMap::new() }
    }

    /// Adds a file (its folders come with it).
    pub fn with(mut self, path: &str, bytes: impl Into<Vec<u8>>) -> Self {
        self.files.insert(path.trim_matches('/').to_string(), bytes.into());
        self
    }
}

impl Source for MemSource {
    fn list(&self, dir: &str) -> Result<Option<Vec<Entry>>, String> {
        let dir = dir.trim_matches('/');
        let prefix = if dir.is_empty() { String::new() } else { format!("{dir}/") };
        let mut out: BTreeMap<String, bool> = BTreeMap::new();
        for path in self.files.keys() {
            if let Some(rest) = path.strip_prefix(&prefix) {
                match rest.split_once('/') {
                    Some((d, _)) => out.insert(d.to_string(), true),
                    None => out.insert(rest.to_string(), false),
                };
            }
        }
        if out.is_empty() && !dir.is_empty() && !self.files.contains_key(dir) {
            return Ok(None);
        }
        Ok(Some(out.into_iter().map(|(name, dir)| Entry { name, dir }).collect()))
    }

    fn read(&self, path: &str, max: usize) -> Result<Vec<u8>, String> {
        match self.files.get(path.trim_matches('/')) {
            Some(b) if b.len() > max => Err(format!("{} bytes, more than the {max} read", b.len())),
            Some(b) => Ok(b.clone()),
            None => Err("no such file".into()),
        }
    }

    fn display(&self, path: &str) -> String {
        if path.is_empty() {
            self.name.clone()
        } else {
            format!("{}/{path}", self.name)
        }
    }
}

/// A [`Source`] on the filesystem, rooted at a folder.
#[cfg(not(target_arch = "wasm32"))]
#[derive(Clone, Debug)]
pub struct FsSource {
    root: std::path::PathBuf,
}

#[cfg(not(target_arch = "wasm32"))]
impl FsSource {
    /// The folder `root`.
    pub fn new(root: impl Into<std::path::PathBuf>) -> Self {
        FsSource { root: root.into() }
    }

    fn path(&self, rel: &str) -> std::path::PathBuf {
        let mut p = self.root.clone();
        for seg in rel.split('/').filter(|s| !s.is_empty()) {
            p.push(seg);
        }
        p
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl Source for FsSource {
    fn list(&self, dir: &str) -> Result<Option<Vec<Entry>>, String> {
        let p = self.path(dir);
        if !p.is_dir() {
            return Ok(None);
        }
        let rd = std::fs::read_dir(&p).map_err(|e| e.to_string())?;
        let mut out = Vec::new();
        for e in rd {
            let e = e.map_err(|e| e.to_string())?;
            let Ok(name) = e.file_name().into_string() else { continue };
            // a symbolic link is followed (StoreBroker's Get-ChildItem does); metadata() follows it
            let dir = std::fs::metadata(e.path()).map(|m| m.is_dir()).unwrap_or(false);
            out.push(Entry { name, dir });
        }
        out.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(Some(out))
    }

    fn read(&self, path: &str, max: usize) -> Result<Vec<u8>, String> {
        use std::io::Read;
        let p = self.path(path);
        let f = std::fs::File::open(&p).map_err(|e| e.to_string())?;
        let len = f.metadata().map(|m| m.len()).unwrap_or(0);
        if len > max as u64 {
            return Err(format!("{len} bytes, more than the {max} read"));
        }
        let mut buf = Vec::new();
        f.take(max as u64 + 1).read_to_end(&mut buf).map_err(|e| e.to_string())?;
        if buf.len() > max {
            return Err(format!("more than the {max} bytes read"));
        }
        Ok(buf)
    }

    fn display(&self, path: &str) -> String {
        self.path(path).display().to_string()
    }
}

/// What an import produces: the project's files, the media to copy into it, and every issue.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportResult {
    /// Files to write: path relative to the project folder (`storesubmit.toml`, `listings/en-us.json`,
    /// `submission.json`) and its text.
    pub files: Vec<(String, String)>,
    /// Files to copy: path relative to the media source (the images root) and path relative to the
    /// project folder (`images/en-us/Screenshot/01-Desktop1.png`).
    pub copies: Vec<(String, String)>,
    /// Every issue found (`import.*` codes, and the config's JSON reading warnings).
    pub issues: Vec<Issue>,
}

impl ImportResult {
    /// Whether no issue is an error (then the project can be written).
    pub fn valid(&self) -> bool {
        !self.issues.iter().any(Issue::is_error)
    }

    /// The text of a file the import writes.
    pub fn file(&self, path: &str) -> Option<&str> {
        self.files.iter().find(|(p, _)| p == path).map(|(_, t)| t.as_str())
    }
}

/// Writes an import's files and copies into `out` (created), copying media from the folder `media`.
/// Refuses, before writing anything, when the result has an error, or when a file it would write exists
/// and `force` is false. Returns the paths written, relative to `out`.
///
/// # Errors
/// `validation` (the result's issues) when the result has an error; `invalid_argument` when a file
/// exists and `force` is false, or a path is not relative; `io` when writing or copying fails.
#[cfg(not(target_arch = "wasm32"))]
pub fn write(
    result: &ImportResult,
    media: Option<&std::path::Path>,
    out: &std::path::Path,
    force: bool,
) -> crate::Result<Vec<String>> {
    use crate::error::{Error, ErrorKind};
    if !result.valid() {
        return Err(Error::validation(result.issues.iter().filter(|i| i.is_error()).cloned().collect()));
    }
    let target = |rel: &str| -> crate::Result<std::path::PathBuf> {
        let safe = !rel.is_empty()
            && !rel.starts_with('/')
            && !rel.contains('\\')
            && rel.split('/').all(|s| !s.is_empty() && s != ".." && s != "." && !s.contains(':'));
        if !safe {
            return Err(Error::invalid_argument(format!("import: `{rel}` is not a relative path inside the project")));
        }
        // never write through a symbolic link (a link inside --out could point anywhere)
        let mut at = out.to_path_buf();
        for seg in rel.split('/') {
            at.push(seg);
            if std::fs::symlink_metadata(&at).is_ok_and(|m| m.file_type().is_symlink()) {
                return Err(Error::invalid_argument(format!(
                    "import: {} is a symbolic link; refused (nothing is written through a link)",
                    at.display()
                )));
            }
        }
        Ok(out.join(rel))
    };
    let mut planned = Vec::new();
    for rel in result.files.iter().map(|(p, _)| p).chain(result.copies.iter().map(|(_, to)| to)) {
        let p = target(rel)?;
        if p.exists() && !force {
            return Err(Error::invalid_argument(format!(
                "{} exists; not overwritten (--force overwrites the imported files)",
                p.display()
            )));
        }
        planned.push(rel.clone());
    }
    let io = |p: &std::path::Path, e: std::io::Error| {
        Error::new(ErrorKind::Io, format!("cannot write {}: {e}", p.display()))
    };
    let mkparent = |p: &std::path::Path| -> crate::Result<()> {
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).map_err(|e| io(parent, e))?;
        }
        Ok(())
    };
    for (rel, text) in &result.files {
        let p = target(rel)?;
        mkparent(&p)?;
        std::fs::write(&p, text).map_err(|e| io(&p, e))?;
    }
    if !result.copies.is_empty() {
        let media = media.ok_or_else(|| Error::invalid_argument("import: media to copy but no images folder"))?;
        let src = FsSource::new(media);
        for (from, to) in &result.copies {
            let p = target(to)?;
            mkparent(&p)?;
            let from_path = src.path(from);
            std::fs::copy(&from_path, &p).map_err(|e| {
                Error::new(ErrorKind::Io, format!("cannot copy {} to {}: {e}", from_path.display(), p.display()))
            })?;
        }
    }
    Ok(planned)
}
