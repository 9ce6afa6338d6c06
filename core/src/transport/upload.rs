//! Blob uploads over reqwest: the sans-IO upload machine ([`crate::upload::BlobUpload`]) run by the
//! native executor ([`crate::host::drive`]), for callers that upload outside a workflow (benchmarks,
//! tools).
//!
//! Everything an upload decides — the SAS check, the plan, resume, blocks, concurrency, the memory
//! bound, retries, the streamed ZIP, the asset fallback — is the machine's; the executor only does its
//! tasks. Files are read only where the caller said: a name handed to [`BlobUploader::run`] must stay
//! inside its files folder (no `..`, no absolute path, no symlink out), and the other methods read only
//! the paths they are given.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;

use crate::api::blob::SasUrl;
use crate::error::{Error, ErrorKind, Result};
use crate::files::LocalFiles;
use crate::host::{drive, Cancel, NativeIo};
use crate::package::PackagePlan;
use crate::policy::retry::RetryPolicy;
use crate::task::Progress;
pub use crate::upload::UploadReport;
use crate::upload::{BlobUpload, UploadSettings, UploadSource, ZipEntry};

/// A progress callback: `(bytes done, bytes total)`. For a ZIP produced while uploading, `total` is an
/// upper bound of the archive's size until the last call, where it is exact.
pub type ProgressFn = Arc<dyn Fn(u64, u64) + Send + Sync>;

/// How uploads run: the machine's [`UploadSettings`], field for field, plus a progress callback.
#[derive(Clone)]
pub struct UploadOptions {
    /// [`UploadSettings::concurrency`] (default 4).
    pub concurrency: usize,
    /// [`UploadSettings::max_buffered`] (default 32 MiB).
    pub max_buffered: u64,
    /// [`UploadSettings::block_size`] (0: [`blob::DEFAULT_BLOCK_SIZE`](crate::api::blob::DEFAULT_BLOCK_SIZE), grown when 50,000 blocks would
    /// not do).
    pub block_size: u64,
    /// [`UploadSettings::single_put_max`] (default [`blob::DEFAULT_SINGLE_PUT_MAX`](crate::api::blob::DEFAULT_SINGLE_PUT_MAX)).
    pub single_put_max: u64,
    /// [`UploadSettings::retry`].
    pub retry: RetryPolicy,
    /// [`UploadSettings::resume`] (default true).
    pub resume: bool,
    /// [`UploadSettings::content_type`].
    pub content_type: Option<String>,
    /// [`UploadSettings::request_timeout`] (default 120 s).
    pub request_timeout: Duration,
    /// [`UploadSettings::api_version`].
    pub api_version: Option<String>,
    /// Progress callback, called whenever the machine's progress changes.
    pub progress: Option<ProgressFn>,
}

impl Default for UploadOptions {
    fn default() -> Self {
        UploadOptions::from_settings(UploadSettings::default())
    }
}

impl UploadOptions {
    /// Options with these settings and no progress callback.
    pub fn from_settings(s: UploadSettings) -> Self {
        UploadOptions {
            concurrency: s.concurrency,
            max_buffered: s.max_buffered,
            block_size: s.block_size,
            single_put_max: s.single_put_max,
            retry: s.retry,
            resume: s.resume,
            content_type: s.content_type,
            request_timeout: s.request_timeout,
            api_version: s.api_version,
            progress: None,
        }
    }

    /// The machine's settings.
    pub fn settings(&self) -> UploadSettings {
        UploadSettings {
            concurrency: self.concurrency,
            max_buffered: self.max_buffered,
            block_size: self.block_size,
            single_put_max: self.single_put_max,
            resume: self.resume,
            content_type: self.content_type.clone(),
            request_timeout: self.request_timeout,
            api_version: self.api_version.clone(),
            retry: self.retry,
        }
    }
}

impl std::fmt::Debug for UploadOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UploadOptions")
            .field("settings", &self.settings())
            .field("progress", &self.progress.is_some())
            .finish()
    }
}

// ---------------------------------------------------------------------------------------------------
// The uploader

/// Uploads blobs to SAS URLs with the bundled reqwest client.
#[derive(Clone, Debug)]
pub struct BlobUploader {
    io: NativeIo,
    opts: UploadOptions,
}

impl BlobUploader {
    /// An uploader with its own HTTP client (rustls).
    ///
    /// # Errors
    /// `transport` when the client cannot be built.
    pub fn new(opts: UploadOptions) -> Result<Self> {
        let ua = format!("storesubmit/{}", env!("CARGO_PKG_VERSION"));
        Ok(BlobUploader { io: NativeIo::new(NativeIo::http_client(&ua, Duration::from_secs(30))?), opts })
    }

    /// An uploader sharing an existing client.
    pub fn with_client(client: reqwest::Client, opts: UploadOptions) -> Self {
        BlobUploader { io: NativeIo::new(client), opts }
    }

    /// The options.
    pub fn options(&self) -> &UploadOptions {
        &self.opts
    }

    /// Runs an upload machine built elsewhere (a flow's upload step), its names relative to `files`:
    /// a name that leaves the folder (absolute, `..`, a symlink out) is refused.
    ///
    /// # Errors
    /// `io` when the folder cannot be opened; `invalid_argument` for a name outside it; the machine's
    /// errors.
    pub async fn run(&self, upload: BlobUpload, files: &Path) -> Result<UploadReport> {
        self.drive(upload, LocalFiles::new(files)).await
    }

    /// Runs the machine to its end on the executor, reporting its bytes to the progress callback.
    async fn drive(&self, mut up: BlobUpload, files: LocalFiles) -> Result<UploadReport> {
        let io = self.io.clone().with_files(Some(files));
        let progress = self.opts.progress.clone();
        let mut hooks = move |p: &Progress| {
            if let (Progress::Upload { done, total }, Some(f)) = (p, &progress) {
                f(*done, *total);
            }
        };
        drive(&mut up, &io, &Cancel::new(), &mut hooks).await
    }

    /// Uploads a file: one Put Blob when small, else blocks in parallel (reading the file once). The
    /// SAS is checked before any byte is sent.
    ///
    /// # Errors
    /// `sas_expired`/`sas_permission` before sending; `io` when the file cannot be read; the blob errors
    /// of [`blob::sas_error_from_response`](crate::api::blob::sas_error_from_response) (`checksum_mismatch`, `sas_expired` when the SAS ran out
    /// mid-upload, `transport`, …) once the failing request's retries are exhausted.
    pub async fn upload_file(&self, sas: &SasUrl, path: &Path) -> Result<UploadReport> {
        let name = path.to_string_lossy().into_owned();
        let up = BlobUpload::with_sas(sas.clone(), UploadSource::File(name.clone()), &self.opts.settings())?;
        self.drive(up, LocalFiles::listed([(name, path.to_path_buf())])).await
    }

    /// Uploads bytes already in memory (one Put Blob when small, else blocks).
    ///
    /// # Errors
    /// As [`BlobUploader::upload_file`].
    pub async fn upload_bytes(&self, sas: &SasUrl, data: Bytes) -> Result<UploadReport> {
        let up = BlobUpload::with_sas(sas.clone(), UploadSource::Bytes(Vec::from(data)), &self.opts.settings())?;
        self.drive(up, LocalFiles::listed([])).await
    }

    /// **Zip-while-uploading**: the plan's archive, written by the machine while it uploads — no
    /// temporary file, each input file read once, the same bytes as [`PackagePlan::write_to`].
    ///
    /// # Errors
    /// As [`BlobUploader::upload_file`], plus `missing_files` when a planned file is gone.
    pub async fn upload_zip(&self, sas: &SasUrl, plan: &PackagePlan) -> Result<UploadReport> {
        let mut paths = HashMap::new();
        let entries = plan
            .files
            .iter()
            .map(|f| {
                let name = f.path.to_string_lossy().into_owned();
                paths.insert(name.clone(), f.path.clone());
                ZipEntry { name, entry: f.name.clone(), compression: Some(f.compression) }
            })
            .collect();
        let up = BlobUpload::with_sas(sas.clone(), UploadSource::Entries(entries), &self.opts.settings())?;
        self.drive(up, LocalFiles::listed(paths)).await
    }

    /// Uploads a win32 listing asset (an image): one Put Blob with `x-ms-blob-type: BlockBlob` to
    /// `primary` (the `primaryAssetUploadUrl`), falling back to `secondary` (`secondaryAssetUploadUrl`)
    /// when the primary fails. Returns which URL took it (`0` primary, `1` secondary).
    ///
    /// # Errors
    /// The primary's error when there is no secondary, else the secondary's error.
    pub async fn upload_asset(&self, primary: &str, secondary: Option<&str>, data: Bytes) -> Result<usize> {
        let up = BlobUpload::asset_bytes(primary, secondary, Vec::from(data), Vec::new(), &self.opts.settings())?;
        let r = self.drive(up, LocalFiles::listed([])).await?;
        Ok(usize::from(r.fallback))
    }

    /// [`BlobUploader::upload_asset`] for a file, with the headers the service asked for (the asset's
    /// `httpHeaders`, as a flow's `Upload::Asset` step carries them; see [`blob::put_asset_request`](crate::api::blob::put_asset_request)).
    /// The content type is [`UploadOptions::content_type`] or, when unset, the file's
    /// ([`blob::content_type_for`](crate::api::blob::content_type_for): `image/png`, …).
    ///
    /// # Errors
    /// `io` when the file cannot be read (nothing is sent); then as [`BlobUploader::upload_asset`].
    pub async fn upload_asset_file(
        &self,
        primary: &str,
        secondary: Option<&str>,
        path: &Path,
        http_headers: &[(String, String)],
    ) -> Result<usize> {
        let name = path.to_string_lossy().into_owned();
        let up = BlobUpload::asset(primary, secondary, name.clone(), http_headers.to_vec(), &self.opts.settings())?;
        let r = self.drive(up, LocalFiles::listed([(name, path.to_path_buf())])).await?;
        Ok(usize::from(r.fallback))
    }
}

/// Writes a plan's archive to a file on a blocking thread (the "write the ZIP to a file" path; same
/// bytes as [`PackagePlan::write_to_file`]). Returns the archive's size.
///
/// # Errors
/// As [`PackagePlan::write_to_file`].
pub async fn write_zip_file(plan: PackagePlan, path: PathBuf, progress: Option<ProgressFn>) -> Result<u64> {
    tokio::task::spawn_blocking(move || {
        plan.write_to_file(&path, &mut |d, t| {
            if let Some(p) = &progress {
                p(d, t);
            }
        })
    })
    .await
    .map_err(|e| Error::new(ErrorKind::Io, format!("packaging task failed: {e}")))?
}
