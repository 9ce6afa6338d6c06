//! The host's files on a local disk: the answers to a machine's file tasks ([`Work::List`],
//! [`Work::Stat`], [`Work::Read`]) over one folder, with one confinement rule, for every native host
//! (the executor of [`crate::host`], the synchronous loop, the C ABI, the Python and Node bindings).
//!
//! **The rule.** A name is relative to the folder; `\` and `/` both separate folders. A name that leaves
//! the folder is refused (`invalid_argument`) before anything is opened: an absolute path, a leading
//! separator, a drive prefix (`C:x`, `C:\x`), a `..` segment, or a path whose real location (symbolic
//! links resolved) is outside the folder. So a submission document cannot make a host read other files.
//!
//! Reads are positioned reads of a file kept open between calls (a package is read block after block).
//!
//! [`Work::List`]: crate::task::Work::List
//! [`Work::Stat`]: crate::task::Work::Stat
//! [`Work::Read`]: crate::task::Work::Read

use std::collections::HashMap;
use std::fs::File;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::error::{Error, ErrorKind, Result};
use crate::validate::FileSet;

/// Where names point.
#[derive(Debug)]
enum Names {
    /// Names relative to a folder, never leaving it.
    Under(PathBuf),
    /// Exactly these names, each a path the caller chose (one file uploaded by its path).
    Listed(HashMap<String, PathBuf>),
}

/// The files of one local folder (or of an explicit list), as a host's answers to file tasks.
#[derive(Debug)]
pub struct LocalFiles {
    names: Names,
    /// The file read last, kept open (a package is read block after block).
    open: Mutex<Option<(String, Arc<File>)>>,
}

impl LocalFiles {
    /// The files under `root` (the folder need not exist yet: every name is then missing).
    pub fn new(root: impl Into<PathBuf>) -> Self {
        LocalFiles { names: Names::Under(root.into()), open: Mutex::new(None) }
    }

    /// Exactly the files named here, each at the path given (a single file uploaded by its path).
    pub fn listed(names: impl IntoIterator<Item = (String, PathBuf)>) -> Self {
        LocalFiles { names: Names::Listed(names.into_iter().collect()), open: Mutex::new(None) }
    }

    /// The folder, when the names are relative to one.
    pub fn root(&self) -> Option<&Path> {
        match &self.names {
            Names::Under(root) => Some(root),
            Names::Listed(_) => None,
        }
    }

    /// Where a name is, checked to stay inside the folder; `Ok(None)` when it does not exist.
    ///
    /// # Errors
    /// `invalid_argument` for a name that leaves the folder (or is not one of the listed names); `io`
    /// when the folder cannot be read.
    pub fn resolve(&self, name: &str) -> Result<Option<PathBuf>> {
        let root = match &self.names {
            Names::Listed(map) => {
                return map
                    .get(name)
                    .cloned()
                    .map(Some)
                    .ok_or_else(|| Error::invalid_argument(format!("`{name}` is not a file of this upload")))
            }
            Names::Under(root) => root,
        };
        let refuse = || Error::invalid_argument(format!("file name `{name}` leaves the files folder"));
        if leaves_folder(name) {
            return Err(refuse());
        }
        let mut path = root.clone();
        for seg in name.split(['/', '\\']).filter(|s| !s.is_empty() && *s != ".") {
            path.push(seg);
        }
        if path == *root {
            return Err(refuse());
        }
        let real = match path.canonicalize() {
            Ok(p) => p,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(io_error(name, &e)),
        };
        let root = match root.canonicalize() {
            Ok(r) => r,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(io_error("the files folder", &e)),
        };
        if !real.starts_with(&root) {
            return Err(refuse());
        }
        Ok(Some(real))
    }

    /// Every file under the folder, as a [`FileSet`] (sizes known: empty files marked; links leaving the
    /// folder marked unsafe), or the entries of the ZIP `archive` (a name under the folder) when given.
    ///
    /// # Errors
    /// `io` when the folder cannot be read; `invalid_archive` when `archive` is not a ZIP. A folder that
    /// does not exist is not an error here: it lists as [`FileSet::missing_folder`], which the checks
    /// report once (`files.folder_missing`, naming it) instead of each file.
    pub fn list(&self, archive: Option<&str>) -> Result<FileSet> {
        if let Some(zip) = archive {
            let path = self
                .resolve(zip)?
                .ok_or_else(|| Error::new(ErrorKind::MissingFiles, format!("the ZIP `{zip}` does not exist")))?;
            let file = File::open(&path).map_err(|e| io_error(zip, &e))?;
            return FileSet::from_zip(std::io::BufReader::new(file));
        }
        let root = match &self.names {
            Names::Under(root) => root,
            Names::Listed(map) => return Ok(FileSet::from_names(map.keys())),
        };
        match FileSet::from_dir(root) {
            Ok(set) => Ok(set),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                Ok(FileSet::missing_folder(&root.display().to_string()))
            }
            Err(e) => Err(Error::new(ErrorKind::Io, format!("cannot list the files folder {}: {e}", root.display()))),
        }
    }

    /// The size of each named file (`None` when missing or not a file).
    ///
    /// # Errors
    /// As [`LocalFiles::resolve`].
    pub fn stat(&self, names: &[String]) -> Result<Vec<Option<u64>>> {
        names
            .iter()
            .map(|n| {
                Ok(self.resolve(n)?.and_then(|p| std::fs::metadata(p).ok()).filter(|m| m.is_file()).map(|m| m.len()))
            })
            .collect()
    }

    /// `len` bytes of a named file from `offset` (fewer only at its end).
    ///
    /// # Errors
    /// As [`LocalFiles::resolve`]; `io` when the file is missing or cannot be read.
    pub fn read(&self, name: &str, offset: u64, len: u64) -> Result<Vec<u8>> {
        let file = self.file(name)?;
        let len = usize::try_from(len).map_err(|_| Error::invalid_argument("read too large"))?;
        let mut buf = vec![0u8; len];
        let mut got = 0;
        while got < len {
            match read_at(&file, &mut buf[got..], offset + got as u64) {
                Ok(0) => break,
                Ok(n) => got += n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(io_error(name, &e)),
            }
        }
        buf.truncate(got);
        Ok(buf)
    }

    fn file(&self, name: &str) -> Result<Arc<File>> {
        let mut open = self.open.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((n, f)) = open.as_ref() {
            if n == name {
                return Ok(f.clone());
            }
        }
        let path =
            self.resolve(name)?.ok_or_else(|| Error::new(ErrorKind::Io, format!("file `{name}` does not exist")))?;
        let f = Arc::new(File::open(&path).map_err(|e| io_error(name, &e))?);
        *open = Some((name.to_string(), f.clone()));
        Ok(f)
    }
}

/// Whether a name, read before anything is opened, leaves its folder: absolute, a leading separator, a
/// drive prefix (`C:x` is relative to the drive's current folder on Windows), or a `..` segment.
fn leaves_folder(name: &str) -> bool {
    let b = name.as_bytes();
    let drive = b.len() >= 2 && b[1] == b':' && b[0].is_ascii_alphabetic();
    name.starts_with(['/', '\\'])
        || drive
        || Path::new(name).is_absolute()
        || name.split(['/', '\\']).any(|s| s == "..")
        || name
            .split(['/', '\\'])
            .filter(|s| !s.is_empty() && *s != ".")
            .any(|s| !matches!(Path::new(s).components().next(), Some(Component::Normal(_))))
}

fn io_error(name: &str, e: &std::io::Error) -> Error {
    Error::new(ErrorKind::Io, format!("cannot read `{}`: {e}", crate::issue::shown(name)))
}

#[cfg(unix)]
fn read_at(f: &File, buf: &mut [u8], offset: u64) -> std::io::Result<usize> {
    std::os::unix::fs::FileExt::read_at(f, buf, offset)
}

#[cfg(windows)]
fn read_at(f: &File, buf: &mut [u8], offset: u64) -> std::io::Result<usize> {
    std::os::windows::fs::FileExt::seek_read(f, buf, offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder(tag: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("storesubmit-localfiles-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        std::fs::write(dir.join("sub").join("a.bin"), b"0123456789").unwrap();
        dir
    }

    #[test]
    fn reads_stats_and_lists_inside_the_folder() {
        let dir = folder("inside");
        let files = LocalFiles::new(&dir);
        let sizes = files.stat(&["sub\\a.bin".into(), "sub/missing".into(), "sub".into()]).unwrap();
        assert_eq!(sizes, vec![Some(10), None, None]);
        assert_eq!(files.read("sub/a.bin", 3, 4).unwrap(), b"3456");
        assert_eq!(files.read("./sub/a.bin", 8, 100).unwrap(), b"89");
        assert_eq!(files.read("sub/missing", 0, 1).unwrap_err().kind(), ErrorKind::Io);
        assert!(files.list(None).unwrap().contains("sub/a.bin"));
        let gone = LocalFiles::new(dir.join("nope"));
        let set = gone.list(None).unwrap();
        assert!(set.missing().is_some_and(|f| f.ends_with("nope")), "a missing folder lists as itself: {set:?}");
        assert_eq!(gone.stat(&["x".into()]).unwrap(), vec![None]);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn refuses_names_leaving_the_folder() {
        let dir = folder("escape");
        let outside = dir.with_extension("outside");
        std::fs::write(&outside, b"secret").unwrap();
        let files = LocalFiles::new(dir.join("sub"));
        let abs = outside.to_string_lossy().into_owned();
        for bad in
            ["../a.bin", "..\\sub\\a.bin", "x/../../a.bin", "/etc/passwd", "\\x", "C:x", "c:\\x", abs.as_str(), ""]
        {
            let e = files.stat(&[bad.to_string()]).unwrap_err();
            assert_eq!(e.kind(), ErrorKind::InvalidArgument, "{bad}");
            assert!(files.read(bad, 0, 1).is_err(), "{bad}");
        }
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(&outside, dir.join("sub").join("link")).unwrap();
            assert_eq!(files.read("link", 0, 6).unwrap_err().kind(), ErrorKind::InvalidArgument);
        }
        let _ = std::fs::remove_dir_all(&dir);
        let _ = std::fs::remove_file(&outside);
    }

    #[test]
    fn listed_files_are_the_only_ones() {
        let dir = folder("listed");
        let files = LocalFiles::listed([("pkg".to_string(), dir.join("sub").join("a.bin"))]);
        assert_eq!(files.stat(&["pkg".into()]).unwrap(), vec![Some(10)]);
        assert_eq!(files.read("pkg", 0, 2).unwrap(), b"01");
        assert_eq!(files.stat(&["other".into()]).unwrap_err().kind(), ErrorKind::InvalidArgument);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
