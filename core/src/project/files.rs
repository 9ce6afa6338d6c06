//! What a project's folder holds, behind a small trait: the resolver lists folders and reads files
//! through it, so it does no I/O itself ([`FsFiles`] is the native folder, [`MemFiles`] a map).
//!
//! **Everything stays inside the project folder.** A path with a `..` segment, an absolute path or a
//! drive prefix (`C:x`) is refused before anything is read ([`inside`]), and on disk a path whose real
//! location (symbolic links resolved) leaves the folder is refused too: a project file cannot make a dry
//! run — or a pull request's job summary — show a file from elsewhere on the machine. Files larger than
//! [`crate::data::limits::PROJECT_FILE_MAX_BYTES`] are refused before they are read.

use std::collections::BTreeMap;

/// One entry of a folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// Its name within the folder (no `/`).
    pub name: String,
    /// Whether it is a folder (a symbolic link to a folder is not followed: it is not one).
    pub dir: bool,
    /// Its size in bytes (files).
    pub size: u64,
}

/// The files of a project folder, named by `/`-separated paths relative to it (`""` is the folder).
pub trait ProjectFiles {
    /// The entries of the folder `dir`, sorted by name; `Ok(None)` when there is no such folder.
    ///
    /// # Errors
    /// The reason, when the folder exists but cannot be listed.
    fn list(&self, dir: &str) -> Result<Option<Vec<Entry>>, String>;

    /// The bytes of the file `path`.
    ///
    /// # Errors
    /// The reason, when there is no such file or it cannot be read.
    fn read(&self, path: &str) -> Result<Vec<u8>, String>;
}

/// Checks that a project path stays inside the project folder: no `..` segment, not absolute, no drive
/// prefix (`C:x` is relative to a drive's current folder on Windows).
///
/// # Errors
/// The rule it breaks.
pub fn inside(path: &str) -> Result<(), String> {
    let p = path.replace('\\', "/");
    let b = p.as_bytes();
    if p.starts_with('/') || (b.len() >= 2 && b[1] == b':' && b[0].is_ascii_alphabetic()) {
        return Err(format!("`{path}` is absolute: paths are relative to the project folder"));
    }
    if p.split('/').any(|s| s == "..") {
        return Err(format!("`{path}` leaves the project folder (`..`)"));
    }
    Ok(())
}

/// `a/b` joined as a project path.
pub(crate) fn join(dir: &str, name: &str) -> String {
    if dir.is_empty() {
        name.to_string()
    } else {
        format!("{dir}/{name}")
    }
}

/// A project folder held in memory: path → bytes (folders are implied by the paths).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MemFiles(pub BTreeMap<String, Vec<u8>>);

impl MemFiles {
    /// An empty folder.
    pub fn new() -> Self {
        MemFiles::default()
    }

    /// Adds a file.
    pub fn with(mut self, path: &str, bytes: impl Into<Vec<u8>>) -> Self {
        self.0.insert(path.trim_start_matches('/').to_string(), bytes.into());
        self
    }
}

impl ProjectFiles for MemFiles {
    fn list(&self, dir: &str) -> Result<Option<Vec<Entry>>, String> {
        inside(dir)?;
        let prefix = if dir.is_empty() { String::new() } else { format!("{dir}/") };
        let mut out: BTreeMap<String, Entry> = BTreeMap::new();
        let mut found = dir.is_empty();
        for (path, bytes) in &self.0 {
            let Some(rest) = path.strip_prefix(&prefix) else { continue };
            found = true;
            match rest.split_once('/') {
                Some((d, _)) => {
                    out.entry(d.to_string()).or_insert(Entry { name: d.to_string(), dir: true, size: 0 });
                }
                None => {
                    out.insert(
                        rest.to_string(),
                        Entry { name: rest.to_string(), dir: false, size: bytes.len() as u64 },
                    );
                }
            }
        }
        Ok(found.then(|| out.into_values().collect()))
    }

    fn read(&self, path: &str) -> Result<Vec<u8>, String> {
        inside(path)?;
        let bytes = self.0.get(path).ok_or_else(|| "no such file".to_string())?;
        if bytes.len() as u64 > crate::data::limits::PROJECT_FILE_MAX_BYTES {
            return Err(too_large(path, bytes.len() as u64));
        }
        Ok(bytes.clone())
    }
}

/// A project folder on disk.
#[cfg(not(target_arch = "wasm32"))]
#[derive(Clone, Debug)]
pub struct FsFiles {
    root: std::path::PathBuf,
}

#[cfg(not(target_arch = "wasm32"))]
impl FsFiles {
    /// The folder `root`.
    pub fn new(root: &std::path::Path) -> Self {
        FsFiles { root: root.to_path_buf() }
    }

    /// The path of `rel`, refused when it leaves the folder (by its name, or through a symbolic link).
    fn path(&self, rel: &str) -> Result<std::path::PathBuf, String> {
        inside(rel)?;
        let path = rel.split('/').filter(|s| !s.is_empty()).fold(self.root.clone(), |p, s| p.join(s));
        if let (Ok(real), Ok(root)) = (path.canonicalize(), self.root.canonicalize()) {
            if !real.starts_with(&root) {
                return Err(format!("`{rel}` leads outside the project folder (a symbolic link?)"));
            }
        }
        Ok(path)
    }
}

fn too_large(path: &str, size: u64) -> String {
    format!(
        "`{path}` holds {size} bytes, more than a project reads ({} bytes)",
        crate::data::limits::PROJECT_FILE_MAX_BYTES
    )
}

#[cfg(not(target_arch = "wasm32"))]
impl ProjectFiles for FsFiles {
    fn list(&self, dir: &str) -> Result<Option<Vec<Entry>>, String> {
        let path = self.path(dir)?;
        let rd = match std::fs::read_dir(&path) {
            Ok(rd) => rd,
            Err(e) if matches!(e.kind(), std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory) => {
                return Ok(None)
            }
            Err(_) if path.is_file() => return Ok(None),
            Err(e) => return Err(e.to_string()),
        };
        let mut out = Vec::new();
        for entry in rd {
            let entry = entry.map_err(|e| e.to_string())?;
            let Ok(name) = entry.file_name().into_string() else { continue };
            let link = entry.file_type().map(|t| t.is_symlink()).unwrap_or(false);
            // a link is followed to a file inside the folder (its size), never into a folder (no cycles)
            // and never out of the project folder
            if link && self.path(&join(dir, &name)).is_err() {
                continue;
            }
            let meta = std::fs::metadata(entry.path());
            match meta {
                Ok(m) if m.is_dir() && !link => out.push(Entry { name, dir: true, size: 0 }),
                Ok(m) if m.is_file() => out.push(Entry { name, dir: false, size: m.len() }),
                _ => {}
            }
        }
        out.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(Some(out))
    }

    fn read(&self, path: &str) -> Result<Vec<u8>, String> {
        use std::io::Read;
        let file = std::fs::File::open(self.path(path)?).map_err(|e| e.to_string())?;
        let max = crate::data::limits::PROJECT_FILE_MAX_BYTES;
        let mut bytes = Vec::new();
        file.take(max + 1).read_to_end(&mut bytes).map_err(|e| e.to_string())?;
        if bytes.len() as u64 > max {
            return Err(too_large(path, bytes.len() as u64));
        }
        Ok(bytes)
    }
}
