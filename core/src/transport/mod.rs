//! Uploads outside a workflow (feature `reqwest`, native only), on the native executor of [`crate::host`].
//!
//! - [`upload`]: the blob upload machine ([`crate::upload::BlobUpload`]) run outside a workflow: files,
//!   bytes, zip-while-uploading and win32 listing assets.
//!
//! Everything here executes requests the sans-IO core builds (`crate::api::blob`); no endpoint rule lives
//! here.

pub mod upload;

pub use upload::{write_zip_file, BlobUploader, ProgressFn, UploadOptions, UploadReport};
