//! Streaming ZIP packaging of submissions.
//!
//! The devcenter API takes every new file of a submission (packages, listing images, trailers, add-on
//! icons) in one ZIP uploaded to the submission's `fileUploadUrl`. This module writes that ZIP:
//!
//! - [`ZipWriter`] writes to any [`std::io::Write`] (a socket, a channel, a pipe): no seeking, each entry's
//!   CRC-32 and sizes follow its data in a data descriptor. [`SeekZipWriter`] writes to a
//!   `Write + Seek` (a file) and patches the local headers instead, so no data descriptors are needed.
//! - Already-compressed content (packages, images, videos, archives: see [`default_compression`]) is
//!   *stored*; the rest is deflated. [`EntryOptions::compression`] overrides the choice per entry.
//! - ZIP64 is used automatically when an entry or the archive passes 4 GiB or the archive has 65,535
//!   entries or more.
//! - Entry names are the names the submission JSON uses, with one rule ([`entry_name`]): `\` becomes `/`
//!   (the Store's own examples write `Trailers\\Video.mp4`, meaning the folder `Trailers`; the ZIP format's
//!   only separator is `/`), Unicode is normalised to NFC, and absolute paths and `..` are rejected with
//!   an `invalid_archive` error.
//! - Every entry gets the same fixed timestamp (1980-01-01 00:00, the earliest DOS time) and no
//!   platform-specific attributes, so the same input always gives the same bytes.
//! - [`submission_entries`] lists the files a submission needs in its ZIP; [`PackagePlan`] (native only)
//!   finds them under a base folder, reports every missing one before any byte is written
//!   (`missing_files`), and writes the archive reading each input file exactly once, with bounded memory.
//!
//! The writer itself is pure Rust over `Write` and compiles to wasm32; the parts that read the
//! filesystem are compiled out on `wasm32`.

mod listing;
mod names;
mod submission;
mod zip;

pub use listing::entry_names;
pub use names::{default_compression, entry_name, Compression, STORED_EXTENSIONS};
pub use submission::{submission_entries, SubmissionEntry};
#[cfg(not(target_arch = "wasm32"))]
pub use submission::{PackagePlan, PlannedFile};
pub use zip::{EntryOptions, SeekZipWriter, ZipWriter, ZIP64_ENTRY_THRESHOLD};

/// Size of the buffer used to read each input file (and of each write into the archive).
pub const READ_BUFFER: usize = 1 << 20;

/// A progress callback: `(bytes done, bytes total)` of input data.
pub type Progress<'a> = &'a mut dyn FnMut(u64, u64);
