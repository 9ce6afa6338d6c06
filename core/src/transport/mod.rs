//! The bundled transport (feature `reqwest`, native only): reqwest with rustls on tokio.
//!
//! - [`upload`]: blob uploads — parallel block upload with bounded memory, per-block retry, resume,
//!   zip-while-uploading, win32 listing assets.
//!
//! Everything here executes requests the sans-IO core builds (`crate::api::blob`); no endpoint rule lives
//! here.

pub(crate) mod http;
pub mod upload;

pub use upload::{write_zip_file, BlobUploader, ProgressFn, UploadOptions, UploadReport};
