//! Streaming ZIP packaging of submissions.
//!
//! The devcenter API takes every new file of a submission (packages, listing images, trailers, add-on
//! icons) in one ZIP uploaded to the submission's `fileUploadUrl`. This module writes that ZIP:
//!
//! - [`ZipWriter`] writes to any [`std::io::Write`] (a socket, a channel, a pipe): no seeking, each entry's
//!   CRC-32 and sizes follow its data in a data descriptor. [`SeekZipWriter`] writes to a
//!   `Write + Seek` and patches the local headers instead, so no data descriptors are needed (for callers that
//!   want that form; [`PackagePlan`] writes files in the streamed form, the bytes a publish uploads).
//! - Already-compressed content (packages, images, videos, archives: see [`default_compression`]) is
//!   *stored*; the rest is deflated. [`EntryOptions::compression`] overrides the choice per entry.
//! - ZIP64 is used automatically when an entry or the archive passes 4 GiB or the archive has 65,535
//!   entries or more.
//! - Entry names are the names the submission JSON uses, with one rule ([`entry_name`]): `\` becomes `/`
//!   (the Store's own examples write `Trailers\\Video.mp4`, meaning the folder `Trailers`; the ZIP format's
//!   only separator is `/`), Unicode is normalised to NFC, and absolute paths and `..` are rejected with
//!   an `invalid_archive` error.
//! - Every entry gets the same fixed timestamp (1980-01-01 00:00, the earliest DOS time) and the same
//!   attributes (Unix host, mode `0644`; no extra fields but ZIP64's), so the same input always gives the
//!   same bytes whatever the files' dates, owners or permissions.
//! - [`submission_entries`] lists the files a submission needs in its ZIP; [`PackagePlan`] (native only)
//!   finds them under a base folder, reports every missing one before any byte is written
//!   (`missing_files`, from the validation cross-check), and writes the archive reading each input file
//!   exactly once, with bounded memory (large files through memory-mapped 8 MiB windows, so their bytes
//!   are copied once, by the write: packing runs at about the speed of `cp`; see BENCHMARKS.md). [`pack`] does all of it in one call (what bindings expose).
//!
//! - [`ZipJob`] writes the same archive without a filesystem: a sans-IO machine that asks its host for
//!   the files' sizes and bytes and to append the output (a browser's `File`s and download, Node or
//!   .NET streams), with the streaming writer a zip-while-uploading upload uses.
//!
//! The writer itself is pure Rust over `Write` and compiles to wasm32; the parts that read the
//! filesystem are compiled out on `wasm32`.

mod job;
mod listing;
mod names;
mod paths;
pub(crate) mod stream;
mod submission;
mod zip;

pub use job::{ZipJob, ZipReport};
pub use listing::entry_names;
pub use names::{default_compression, entry_name, Compression, STORED_EXTENSIONS};
#[cfg(not(target_arch = "wasm32"))]
pub use paths::zip_plan;
pub use paths::{path_under, UploadFile};
pub use submission::{submission_entries, SubmissionEntry};
#[cfg(not(target_arch = "wasm32"))]
pub use submission::{PackagePlan, PlannedFile};
pub use zip::{archive_size_bound, EntryOptions, SeekZipWriter, ZipWriter, ZIP64_ENTRY_THRESHOLD};

/// Size of the buffer used to read each input file (and of each write into the archive).
pub const READ_BUFFER: usize = 1 << 20;

/// A progress callback: `(bytes done, bytes total)` of input data.
pub type Progress<'a> = &'a mut dyn FnMut(u64, u64);

#[cfg(not(target_arch = "wasm32"))]
pub use native::{pack, PackReport};

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::path::Path;

    use serde_json::Value;

    use super::PackagePlan;
    use crate::error::Result;
    use crate::model::kind::DocumentKind;

    /// What [`pack`] wrote: for a CLI's summary line and every binding's return value.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct PackReport {
        /// Entries in the archive.
        pub entries: usize,
        /// Bytes read from the input files.
        pub input_bytes: u64,
        /// Size of the archive written.
        pub archive_bytes: u64,
    }

    /// Packs a submission's files into the ZIP the Store expects: the one call the CLI and the
    /// bindings need.
    ///
    /// Collects every file `submission` (a document of `kind`: an app, add-on or flight submission)
    /// marks for upload from `files_dir`, cross-checks the folder first (nothing is written when a file
    /// is missing), then writes `out_path` reading each file once (stored or deflated by extension,
    /// fixed timestamps, ZIP64 when needed). `progress` gets `(input bytes done, input bytes total)`.
    ///
    /// # Errors
    /// `missing_files` (with the cross-check's issues) or `invalid_archive` (unsafe names) before any
    /// byte is written; `io` when an input cannot be read or the archive cannot be written.
    pub fn pack(
        kind: DocumentKind,
        submission: &Value,
        files_dir: &Path,
        out_path: &Path,
        progress: &mut dyn FnMut(u64, u64),
    ) -> Result<PackReport> {
        let plan = PackagePlan::from_submission(kind, submission, files_dir)?;
        let archive_bytes = plan.write_to_file(out_path, progress)?;
        Ok(PackReport { entries: plan.files.len(), input_bytes: plan.total_bytes(), archive_bytes })
    }
}
