//! The bundled transport (feature `reqwest`, native only): reqwest with rustls on tokio.
//!
//! - [`upload`]: the host of the blob upload machine (`api::blob::BlobUpload`): requests, timers and local
//!   files for parallel blocks, resume, zip-while-uploading and win32 listing assets.
//!
//! Everything here executes requests the sans-IO core builds (`crate::api::blob`); no endpoint rule lives
//! here.

pub(crate) mod http;
pub mod upload;

pub use upload::{write_zip_file, BlobUploader, ProgressFn, UploadOptions, UploadReport};
