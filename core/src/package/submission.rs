//! Building the archive a submission needs.

use serde_json::Value;

use super::names::entry_name;
use crate::error::Result;
use crate::model::files::referenced_files;
use crate::model::kind::DocumentKind;

/// One file a submission needs in its ZIP.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SubmissionEntry {
    /// The ZIP entry name ([`entry_name`] of the name in the JSON).
    pub name: String,
    /// The name exactly as the submission writes it.
    pub source_name: String,
    /// JSON pointers of every field naming this file (a file may be named more than once).
    pub pointers: Vec<String>,
}

/// Every file the submission names with `fileStatus: PendingUpload` (and new trailers and their
/// thumbnails), once each, in document order, with their ZIP entry names. Pure: reads no file.
///
/// # Errors
/// `invalid_archive` when a name is unsafe (absolute, `..`; see [`entry_name`]), or when two names
/// differ only in letter case (Windows and the Store would see one file; the archive would hold two).
pub fn submission_entries(kind: DocumentKind, doc: &Value) -> Result<Vec<SubmissionEntry>> {
    let mut out: Vec<SubmissionEntry> = Vec::new();
    for f in referenced_files(kind, doc).into_iter().filter(|f| f.pending_upload) {
        let name = entry_name(&f.name)?;
        if let Some(other) = out.iter().find(|e| e.name != name && same_ignoring_case(&e.name, &name)) {
            return Err(case_duplicate(&other.name, &name));
        }
        match out.iter_mut().find(|e| e.name == name) {
            Some(e) => e.pointers.push(f.pointer),
            None => out.push(SubmissionEntry { name, source_name: f.name, pointers: vec![f.pointer] }),
        }
    }
    Ok(out)
}

/// Whether two names are one file to Windows and the Store (equal ignoring letter case).
fn same_ignoring_case(a: &str, b: &str) -> bool {
    a.to_lowercase() == b.to_lowercase()
}

/// The error for two entry names that differ only in letter case.
fn case_duplicate(a: &str, b: &str) -> crate::error::Error {
    crate::error::Error::new(
        crate::error::ErrorKind::InvalidArchive,
        format!(
            "entry names `{}` and `{}` differ only in letter case; Windows and the Store treat them as one file",
            crate::issue::shown(a),
            crate::issue::shown(b)
        ),
    )
}

#[cfg(not(target_arch = "wasm32"))]
pub use native::{PackagePlan, PlannedFile};

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::fs::File;
    use std::io::{BufWriter, Read, Seek, Write};
    use std::path::{Path, PathBuf};

    use serde_json::Value;

    use super::super::names::{default_compression, entry_name, Compression};
    use super::super::zip::{archive_size_bound, EntryOptions, EntrySink, ZipWriter};
    use super::super::READ_BUFFER;
    use super::{case_duplicate, same_ignoring_case, submission_entries};
    use crate::error::{Error, ErrorKind, Result};
    use crate::model::kind::DocumentKind;
    use crate::validate::{cross_check_files, errors_only, FileSet};

    /// The file a submission's name refers to under `base` (names reach here checked by [`entry_name`],
    /// so never absolute).
    fn source_path(base: &Path, name: &str) -> PathBuf {
        super::super::path_under(base, name)
    }

    /// `path` (the file behind entry `name` under `base`) when it resolves inside `base`; a symbolic
    /// link (of the file or of a folder on the way) to outside the folder is refused, naming the file.
    fn inside(base: &Path, name: &str, path: PathBuf) -> Result<PathBuf> {
        let outside = || {
            Error::new(
                ErrorKind::InvalidArchive,
                format!(
                    "`{}` resolves to a file outside the files folder {} (a symbolic link?); refused: copy the file \
                     into the folder instead",
                    crate::issue::shown(name),
                    base.display()
                ),
            )
        };
        let root = std::fs::canonicalize(base)
            .map_err(|e| Error::new(ErrorKind::Io, format!("cannot read the files folder {}: {e}", base.display())))?;
        match std::fs::canonicalize(&path) {
            Ok(real) if real.starts_with(&root) => Ok(path),
            Ok(_) => Err(outside()),
            // A dangling link is outside too; a plain missing file is reported as missing later.
            Err(_) if std::fs::symlink_metadata(&path).is_ok() => Err(outside()),
            Err(_) => Ok(path),
        }
    }

    /// One file to put in the archive.
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct PlannedFile {
        /// ZIP entry name.
        pub name: String,
        /// Where the data is read from.
        pub path: PathBuf,
        /// Size at planning time.
        pub size: u64,
        /// Stored or deflated.
        pub compression: Compression,
    }

    /// The files of an archive, checked to exist, ready to be written (to a file, or streamed into an
    /// upload). Each file is read exactly once, through one [`READ_BUFFER`]-sized buffer.
    #[derive(Clone, Debug, Default, PartialEq, Eq)]
    pub struct PackagePlan {
        /// The entries, in archive order.
        pub files: Vec<PlannedFile>,
    }

    impl PackagePlan {
        /// An empty plan.
        pub fn new() -> Self {
            PackagePlan::default()
        }

        /// The plan for a submission: every file it needs ([`submission_entries`]) found under `base`
        /// (a name `Trailers\\T.mp4` is the file `base/Trailers/T.mp4`).
        ///
        /// The folder is checked with the validation cross-check
        /// ([`crate::validate::cross_check_files`]) before anything is read or written, so a
        /// missing file, or one present only with a different letter case, fails here and not at the
        /// Store's commit.
        ///
        /// # Errors
        /// `invalid_archive` for an unsafe name (absolute, `..`); `missing_files` when files are missing,
        /// carrying the cross-check's error issues (`files.missing`, `files.case_mismatch`, each with the
        /// JSON pointer naming the file); `io` when `base` cannot be listed.
        pub fn from_submission(kind: DocumentKind, doc: &Value, base: &Path) -> Result<Self> {
            let entries = submission_entries(kind, doc)?;
            let present = FileSet::from_dir(base).map_err(|e| {
                Error::new(ErrorKind::Io, format!("cannot list the files folder {}: {e}", base.display()))
            })?;
            // Folder-level findings (an unreferenced link out of the folder, two unrelated files differing
            // in case) do not stop packing what the submission names; each named file is checked below.
            let folder_level = ["files.unsafe_entry", "files.case_duplicate", "files.control_character"];
            let issues: Vec<_> = errors_only(cross_check_files(kind, doc, &present))
                .into_iter()
                .filter(|i| !(i.path.is_empty() && folder_level.contains(&i.code.as_str())))
                .collect();
            if !issues.is_empty() {
                let list: Vec<String> = issues.iter().map(|i| i.message.clone()).collect();
                return Err(Error::new(
                    ErrorKind::MissingFiles,
                    format!(
                        "{} problem(s) with the files the submission names under {}: {}",
                        issues.len(),
                        base.display(),
                        list.join("; ")
                    ),
                )
                .with_issues(issues));
            }
            let mut plan = PackagePlan::new();
            for e in entries {
                let path = inside(base, &e.name, source_path(base, &e.source_name))?;
                plan.push_checked(e.name, path)?;
            }
            Ok(plan)
        }

        /// The plan for a list of names relative to `base` (as a flow's `Upload::Zip` step lists them),
        /// each becoming the entry [`entry_name`] of itself. Every missing file is reported at once.
        ///
        /// # Errors
        /// `invalid_archive` for an unsafe or duplicate name; `missing_files` naming every missing file.
        pub fn from_names<I, S>(base: &Path, names: I) -> Result<Self>
        where
            I: IntoIterator<Item = S>,
            S: AsRef<str>,
        {
            let mut plan = PackagePlan::new();
            let mut missing = Vec::new();
            for n in names {
                let n = n.as_ref();
                let name = entry_name(n)?;
                if plan.files.iter().any(|f| f.name == name) {
                    return Err(Error::new(ErrorKind::InvalidArchive, format!("duplicate entry name `{name}`")));
                }
                if let Some(f) = plan.files.iter().find(|f| same_ignoring_case(&f.name, &name)) {
                    return Err(case_duplicate(&f.name, &name));
                }
                let path = source_path(base, n);
                if std::fs::symlink_metadata(&path).is_ok() {
                    inside(base, &name, path.clone())?;
                }
                match std::fs::metadata(&path) {
                    Ok(m) if m.is_file() => plan.files.push(PlannedFile {
                        compression: default_compression(&name),
                        name,
                        path,
                        size: m.len(),
                    }),
                    _ => missing.push(n.to_string()),
                }
            }
            if !missing.is_empty() {
                return Err(Error::new(
                    ErrorKind::MissingFiles,
                    format!("{} file(s) missing under {}: {}", missing.len(), base.display(), missing.join(", ")),
                ));
            }
            Ok(plan)
        }

        fn push_checked(&mut self, name: String, path: PathBuf) -> Result<()> {
            let size = match std::fs::metadata(&path) {
                Ok(m) if m.is_file() => m.len(),
                _ => return Err(Error::new(ErrorKind::MissingFiles, format!("file missing: {}", path.display()))),
            };
            self.files.push(PlannedFile { compression: default_compression(&name), name, path, size });
            Ok(())
        }

        /// Adds a file under an entry name (checked with [`entry_name`]); `compression: None` picks by
        /// extension.
        ///
        /// # Errors
        /// `invalid_archive` for an unsafe or duplicate name; `missing_files` when the file is missing.
        pub fn add_file(
            &mut self,
            name: &str,
            path: impl Into<PathBuf>,
            compression: Option<Compression>,
        ) -> Result<()> {
            let name = entry_name(name)?;
            if self.files.iter().any(|f| f.name == name) {
                return Err(Error::new(ErrorKind::InvalidArchive, format!("duplicate entry name `{name}`")));
            }
            if let Some(f) = self.files.iter().find(|f| same_ignoring_case(&f.name, &name)) {
                return Err(case_duplicate(&f.name, &name));
            }
            self.push_checked(name, path.into())?;
            if let (Some(c), Some(f)) = (compression, self.files.last_mut()) {
                f.compression = c;
            }
            Ok(())
        }

        /// Total input bytes (the `total` of progress callbacks).
        pub fn total_bytes(&self) -> u64 {
            self.files.iter().map(|f| f.size).sum()
        }

        /// An upper bound of the archive's size (stored data, deflate's worst case, headers): used to
        /// choose an upload's block size before the archive exists.
        pub fn max_archive_size(&self) -> u64 {
            archive_size_bound(self.files.iter().map(|f| (f.name.len(), f.size, f.compression)))
        }

        /// Writes every file into `sink`, reading each once: files from [`MMAP_MIN`] up through
        /// pre-faulted memory-mapped windows ([`map_window`]: the bytes reach the output with one copy,
        /// the write, instead of two), smaller ones through one [`READ_BUFFER`]. Memory stays at one
        /// window or buffer whatever the sizes.
        fn write_into(&self, sink: &mut dyn EntrySink, progress: &mut dyn FnMut(u64, u64)) -> Result<()> {
            let total = self.total_bytes();
            let mut done = 0u64;
            let mut buf = Vec::new();
            progress(0, total);
            for f in &self.files {
                let mut file =
                    File::open(&f.path).map_err(|e| io_error(ErrorKind::MissingFiles, "cannot open", f, e))?;
                // the size now (it may differ from planning time): mapped windows cover exactly that
                let size = file.metadata().map_err(|e| io_error(ErrorKind::Io, "reading", f, e))?.len();
                sink.start(&f.name, EntryOptions { compression: Some(f.compression), size_hint: Some(f.size) })?;
                if size >= MMAP_MIN {
                    let mut offset = 0;
                    while offset < size {
                        let len = MMAP_WINDOW.min(size - offset);
                        let window =
                            map_window(&file, offset, len).map_err(|e| io_error(ErrorKind::Io, "reading", f, e))?;
                        // in cache-sized pieces: each is checksummed and written while it is in the CPU cache
                        for piece in window.chunks(CACHE_PIECE) {
                            sink.data(piece)?;
                        }
                        offset += len;
                        done += len;
                        progress(done, total.max(done));
                    }
                } else {
                    if buf.is_empty() {
                        buf = vec![0u8; READ_BUFFER];
                    }
                    loop {
                        let n = match file.read(&mut buf) {
                            Ok(0) => break,
                            Ok(n) => n,
                            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                            Err(e) => return Err(io_error(ErrorKind::Io, "reading", f, e)),
                        };
                        sink.data(&buf[..n])?;
                        done += n as u64;
                        progress(done, total.max(done));
                    }
                }
                sink.end()?;
            }
            Ok(())
        }

        /// Streams the archive into any writer (no seeking; data descriptors). Returns the writer.
        ///
        /// # Errors
        /// `io`/`missing_files` when a file cannot be read; `io` when writing fails.
        pub fn write_to<W: Write>(&self, out: W, progress: &mut dyn FnMut(u64, u64)) -> Result<W> {
            let mut z = ZipWriter::new(out);
            self.write_into(&mut z, progress)?;
            z.finish()
        }

        /// Writes the archive to a file (created or truncated), streamed exactly as a publish streams it
        /// into its upload (data descriptors after each entry), so the file holds the very bytes a
        /// publish from the folder would upload, and publishing that file as is changes nothing. Returns
        /// the archive's size. The file is flushed, not `fsync`ed (as `cp`
        /// leaves it; call `File::sync_all` when the archive must survive a power cut).
        ///
        /// # Errors
        /// `io` when the file cannot be written or an input cannot be read.
        pub fn write_to_file(&self, path: &Path, progress: &mut dyn FnMut(u64, u64)) -> Result<u64> {
            let file = File::create(path)
                .map_err(|e| Error::new(ErrorKind::Io, format!("cannot create {}: {e}", path.display())))?;
            // a small buffer for headers and deflate output; data pieces (≥ 64 KiB) bypass it uncopied
            let mut z = ZipWriter::new(BufWriter::with_capacity(64 << 10, file));
            self.write_into(&mut z, progress)?;
            let w = z.finish()?;
            let mut file = w
                .into_inner()
                .map_err(|e| Error::new(ErrorKind::Io, format!("writing {}: {}", path.display(), e.error())))?;
            file.flush()?;
            Ok(file.stream_position()?)
        }
    }

    /// Files from this size up are read through memory-mapped windows instead of `read`.
    const MMAP_MIN: u64 = 1 << 20;
    /// Size of one mapped window (the most mapped memory resident at once).
    const MMAP_WINDOW: u64 = 8 << 20;
    /// Mapped data goes to the writer in pieces this size, so that the CRC pass leaves each piece in
    /// the CPU's cache for the write that copies it (one trip through memory instead of two).
    const CACHE_PIECE: usize = 256 << 10;

    fn io_error(kind: ErrorKind, what: &str, f: &PlannedFile, e: std::io::Error) -> Error {
        Error::new(kind, format!("{what} {}: {e}", f.path.display()))
    }

    /// Maps `len` bytes of `file` from `offset`, pre-faulted (`populate`) so the writer's checksum and
    /// write find the pages resident.
    ///
    /// The archive's bytes then go from the page cache to the output with one copy (the write) instead
    /// of two (read, then write) — the difference between packing at the speed of `cp` and at half of
    /// it. The caveat every memory-mapped reader shares: a file truncated by another process while it
    /// is being packed can end the process with `SIGBUS`. Packaging inputs are finished build outputs;
    /// files under [`MMAP_MIN`] are read normally.
    fn map_window(file: &File, offset: u64, len: u64) -> std::io::Result<memmap2::Mmap> {
        // SAFETY: the mapping is read-only and private to this packaging run; the file is not modified
        // by this process while mapped (see the caveat above for other processes).
        #[allow(unsafe_code)]
        unsafe {
            memmap2::MmapOptions::new().offset(offset).len(len as usize).populate().map(file)
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use serde_json::json;

        #[test]
        fn missing_files_are_listed_before_writing() {
            let dir = std::env::temp_dir().join(format!("ss-pkg-{}", std::process::id()));
            std::fs::create_dir_all(dir.join("Trailers")).unwrap();
            std::fs::write(dir.join("app.msixupload"), b"x").unwrap();
            std::fs::write(dir.join("Trailers").join("T.mp4"), b"\0\0\0\x10ftypmp42\0\0\0\0").unwrap();
            let doc = json!({
                "applicationPackages": [{"fileName": "app.msixupload", "fileStatus": "PendingUpload"},
                                        {"fileName": "gone.msix", "fileStatus": "PendingUpload"}],
                "listings": {"en-us": {"baseListing": {"images": [{"fileName": "img\\s.png", "fileStatus": "PendingUpload"}]}}},
                "trailers": [{"videoFileName": "Trailers\\T.mp4", "trailerAssets": {}}]
            });
            let e = PackagePlan::from_submission(DocumentKind::AppSubmission, &doc, &dir).unwrap_err();
            assert_eq!(e.kind(), ErrorKind::MissingFiles);
            assert!(e.message().contains("`gone.msix`"), "{}", e.message());
            assert!(e.message().contains("img/s.png"), "{}", e.message());
            assert!(!e.message().contains("app.msixupload"));
            let pointers: Vec<_> = e.issues().iter().map(|i| (i.code.as_str(), i.path.as_str())).collect();
            assert_eq!(
                pointers,
                [
                    ("files.missing", "/applicationPackages/1/fileName"),
                    ("files.missing", "/listings/en-us/baseListing/images/0/fileName")
                ]
            );
            let doc = json!({"applicationPackages": [{"fileName": "app.msixupload", "fileStatus": "PendingUpload"}],
                             "trailers": [{"videoFileName": "Trailers\\T.mp4", "trailerAssets": {}}]});
            let plan = PackagePlan::from_submission(DocumentKind::AppSubmission, &doc, &dir).unwrap();
            let names: Vec<_> = plan.files.iter().map(|f| f.name.as_str()).collect();
            assert_eq!(names, ["app.msixupload", "Trailers/T.mp4"]);
            let mut calls = 0;
            let bytes = plan
                .write_to(Vec::new(), &mut |d, t| {
                    calls += 1;
                    assert!(d <= t);
                })
                .unwrap();
            assert!(calls >= 3);
            let out = dir.join("out.zip");
            let n = plan.write_to_file(&out, &mut |_, _| {}).unwrap();
            assert_eq!(n, std::fs::metadata(&out).unwrap().len());
            assert_eq!(std::fs::read(&out).unwrap(), bytes, "the file holds the streamed bytes a publish uploads");
            let _ = std::fs::remove_dir_all(&dir);
        }

        #[test]
        fn unsafe_names_in_a_submission() {
            let doc =
                json!({"applicationPackages": [{"fileName": "..\\..\\etc\\passwd", "fileStatus": "PendingUpload"}]});
            let e = submission_entries(DocumentKind::AppSubmission, &doc).unwrap_err();
            assert_eq!(e.kind(), ErrorKind::InvalidArchive);
        }
    }
}
