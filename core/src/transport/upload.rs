//! Blob uploads over reqwest: the bundled host of the sans-IO upload machine
//! ([`crate::api::blob::BlobUpload`]).
//!
//! Everything an upload decides — the SAS check, the plan, resume, blocks, concurrency, the memory
//! bound, retries, the streamed ZIP, the asset fallback — is the machine's. This host only does its
//! tasks: `Send` with reqwest, `Wait` with tokio's timer, `Stat`/`Read` from local files (on blocking
//! threads, with positioned reads of an open file), each task on its own tokio task, feeding every
//! completion back as it arrives. Files are read only where the caller said: a name handed to
//! [`BlobUploader::run`] must stay inside its files folder (no `..`, no absolute path, no symlink out).

use std::collections::HashMap;
use std::fs::File;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use bytes::Bytes;
use tokio::task::JoinSet;

use super::http::send;
pub use crate::api::blob::UploadReport;
use crate::api::blob::{BlobUpload, SasUrl, UploadSettings, UploadSource, UploadStep, ZipEntry};
use crate::error::{Error, ErrorKind, Result};
use crate::package::PackagePlan;
use crate::policy::retry::RetryPolicy;
use crate::task::{Completion, Task, TaskId, Tick, WaitReason, Work};

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

fn tick() -> Tick {
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default();
    Tick { now: now.as_secs(), jitter: crate::policy::jitter(now.as_nanos() as u64) }
}

// ---------------------------------------------------------------------------------------------------
// Local files

/// Where the names of `Stat` and `Read` tasks point.
enum Names {
    /// Names relative to a folder, never leaving it (`canonical` is the folder, resolved).
    Under { root: PathBuf, canonical: PathBuf },
    /// Exactly these names, each a path the caller chose.
    Listed(HashMap<String, PathBuf>),
}

/// The local side of `Stat` and `Read`: name resolution and the most recently opened file (a file is
/// read block after block; keeping it open saves an `open` per block).
struct LocalFiles {
    names: Names,
    open: Mutex<Option<(String, Arc<File>)>>,
}

impl LocalFiles {
    fn listed(names: impl IntoIterator<Item = (String, PathBuf)>) -> Arc<Self> {
        Arc::new(LocalFiles { names: Names::Listed(names.into_iter().collect()), open: Mutex::new(None) })
    }

    fn under(root: &Path) -> Result<Arc<Self>> {
        let canonical = root
            .canonicalize()
            .map_err(|e| Error::new(ErrorKind::Io, format!("cannot open the files folder {}: {e}", root.display())))?;
        Ok(Arc::new(LocalFiles { names: Names::Under { root: root.to_path_buf(), canonical }, open: Mutex::new(None) }))
    }

    /// The path of `name`, or `None` when there is no such file.
    ///
    /// # Errors
    /// `invalid_argument` for a name that leaves the files folder (absolute, `..`, a symlink out) or
    /// that the caller did not list.
    fn resolve(&self, name: &str) -> Result<Option<PathBuf>> {
        match &self.names {
            Names::Listed(map) => map
                .get(name)
                .cloned()
                .map(Some)
                .ok_or_else(|| Error::invalid_argument(format!("`{name}` is not a file of this upload"))),
            Names::Under { root, canonical } => {
                let outside = || Error::invalid_argument(format!("`{name}` is outside the files folder"));
                let relative = Path::new(name);
                let drive = name.len() >= 2 && name.as_bytes()[1] == b':';
                if relative.is_absolute() || name.starts_with(['/', '\\']) || drive {
                    return Err(outside());
                }
                if name.split(['/', '\\']).any(|s| s == "..")
                    || relative.components().any(|c| !matches!(c, Component::Normal(_) | Component::CurDir))
                {
                    return Err(outside());
                }
                let path = crate::client::path_under(root, name);
                match path.canonicalize() {
                    Ok(real) if real.starts_with(canonical) => Ok(Some(real)),
                    Ok(_) => Err(outside()),
                    Err(_) => Ok(None),
                }
            }
        }
    }

    fn stat(&self, names: &[String]) -> Result<Vec<Option<u64>>> {
        names
            .iter()
            .map(|n| {
                Ok(self.resolve(n)?.and_then(|p| std::fs::metadata(p).ok()).filter(|m| m.is_file()).map(|m| m.len()))
            })
            .collect()
    }

    fn file(&self, name: &str) -> Result<Arc<File>> {
        let mut open = self.open.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((n, f)) = open.as_ref() {
            if n == name {
                return Ok(f.clone());
            }
        }
        let path =
            self.resolve(name)?.ok_or_else(|| Error::new(ErrorKind::Io, format!("cannot open `{name}`: not found")))?;
        let f = Arc::new(
            File::open(&path).map_err(|e| Error::new(ErrorKind::Io, format!("cannot open {}: {e}", path.display())))?,
        );
        *open = Some((name.to_string(), f.clone()));
        Ok(f)
    }

    /// `len` bytes of `name` from `offset` (fewer only at the end of the file).
    fn read(&self, name: &str, offset: u64, len: u64) -> Result<Vec<u8>> {
        let file = self.file(name)?;
        let len = usize::try_from(len).map_err(|_| Error::invalid_argument("read too large"))?;
        let mut buf = vec![0u8; len];
        let mut got = 0;
        while got < len {
            match read_at(&file, &mut buf[got..], offset + got as u64) {
                Ok(0) => break,
                Ok(n) => got += n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(Error::new(ErrorKind::Io, format!("reading `{name}`: {e}"))),
            }
        }
        buf.truncate(got);
        Ok(buf)
    }
}

#[cfg(unix)]
fn read_at(f: &File, buf: &mut [u8], offset: u64) -> std::io::Result<usize> {
    std::os::unix::fs::FileExt::read_at(f, buf, offset)
}

#[cfg(windows)]
fn read_at(f: &File, buf: &mut [u8], offset: u64) -> std::io::Result<usize> {
    std::os::windows::fs::FileExt::seek_read(f, buf, offset)
}

async fn blocking<T: Send + 'static>(f: impl FnOnce() -> Result<T> + Send + 'static) -> Result<T> {
    tokio::task::spawn_blocking(f).await.map_err(|e| Error::new(ErrorKind::Io, format!("file task failed: {e}")))?
}

/// Does one task.
async fn perform(client: reqwest::Client, files: Arc<LocalFiles>, task: Task) -> (TaskId, Completion) {
    let done = match task.work {
        Work::Send { mut request, .. } => {
            // the body goes to reqwest as is, without a copy
            let body = Bytes::from(std::mem::take(&mut request.body));
            match send(&client, &request, Some(body)).await {
                Ok(resp) => Completion::Response(resp),
                Err(e) => Completion::Failed(e),
            }
        }
        Work::Wait { duration, reason } => {
            if let WaitReason::Retry { code, attempt } = &reason {
                tracing::debug!(attempt, code = code.as_str(), "blob request failed; retrying in {duration:?}");
            }
            tokio::time::sleep(duration).await;
            Completion::Waited
        }
        Work::Stat { names } => match blocking(move || files.stat(&names)).await {
            Ok(sizes) => Completion::Sizes(sizes),
            Err(e) => Completion::Failed(e),
        },
        Work::Read { name, offset, len } => match blocking(move || files.read(&name, offset, len)).await {
            Ok(data) => Completion::Data(data),
            Err(e) => Completion::Failed(e),
        },
        Work::Token { .. } => {
            Completion::Failed(Error::new(ErrorKind::Unsupported, "the blob uploader has no credential to ask"))
        }
        Work::Write { .. } => Completion::Failed(Error::new(ErrorKind::Unsupported, "an upload writes no output")),
    };
    (task.id, done)
}

// ---------------------------------------------------------------------------------------------------
// The uploader

/// Uploads blobs to SAS URLs with the bundled reqwest client.
#[derive(Clone, Debug)]
pub struct BlobUploader {
    client: reqwest::Client,
    opts: UploadOptions,
}

impl BlobUploader {
    /// An uploader with its own HTTP client (rustls).
    ///
    /// # Errors
    /// `transport` when the client cannot be built.
    pub fn new(opts: UploadOptions) -> Result<Self> {
        let client = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(30))
            .build()
            .map_err(|e| super::http::map_error(&e))?;
        Ok(BlobUploader { client, opts })
    }

    /// An uploader sharing an existing client.
    pub fn with_client(client: reqwest::Client, opts: UploadOptions) -> Self {
        BlobUploader { client, opts }
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
        self.drive(upload, LocalFiles::under(files)?).await
    }

    /// Runs the machine to its end: starts each task it hands out on its own tokio task and feeds the
    /// completions back as they arrive. Dropping the set when the machine is done stops what still runs.
    async fn drive(&self, mut up: BlobUpload, files: Arc<LocalFiles>) -> Result<UploadReport> {
        let mut running: JoinSet<(TaskId, Completion)> = JoinSet::new();
        let mut completion = None;
        let mut shown = None;
        loop {
            let step = up.resume(completion.take(), tick());
            let progress = up.progress();
            let done = matches!(step, UploadStep::Done(Ok(_)));
            if shown != Some(progress) && (progress.1 > 0 || done) {
                shown = Some(progress);
                if let Some(p) = &self.opts.progress {
                    p(progress.0, progress.1);
                }
            }
            match step {
                UploadStep::Done(r) => return r,
                UploadStep::Run(tasks) => {
                    for t in tasks {
                        running.spawn(perform(self.client.clone(), files.clone(), t));
                    }
                }
                UploadStep::Pending => {}
            }
            completion = match running.join_next().await {
                Some(Ok(c)) => Some(c),
                Some(Err(e)) => return Err(Error::new(ErrorKind::Transport, format!("an upload task failed: {e}"))),
                None => return Err(Error::invalid_argument("internal: the upload waits for nothing")),
            };
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_stay_inside_the_files_folder() {
        let base = std::env::temp_dir().join(format!("ss-local-{}", std::process::id()));
        let dir = base.join("files");
        std::fs::create_dir_all(dir.join("Images")).unwrap();
        std::fs::write(dir.join("Images").join("a.png"), b"0123456789").unwrap();
        std::fs::write(base.join("secret.txt"), b"secret").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(base.join("secret.txt"), dir.join("link.txt")).unwrap();
        let files = LocalFiles::under(&dir).unwrap();
        assert_eq!(files.stat(&["Images\\a.png".into(), "Images/none.png".into()]).unwrap(), [Some(10), None]);
        assert_eq!(files.read("Images/a.png", 3, 4).unwrap(), b"3456");
        assert_eq!(files.read("Images/a.png", 8, 4).unwrap(), b"89", "short only at the end");
        let secret = base.join("secret.txt").to_string_lossy().into_owned();
        for bad in ["../secret.txt", "Images/../../secret.txt", "..\\secret.txt", secret.as_str(), "/etc/passwd", "C:x"]
        {
            let e = files.stat(&[bad.to_string()]).unwrap_err();
            assert_eq!(e.kind(), ErrorKind::InvalidArgument, "{bad}");
            assert!(files.read(bad, 0, 1).is_err(), "{bad}");
        }
        #[cfg(unix)]
        assert_eq!(files.read("link.txt", 0, 6).unwrap_err().kind(), ErrorKind::InvalidArgument, "a symlink out");
        let listed = LocalFiles::listed([("x".to_string(), dir.join("Images").join("a.png"))]);
        assert_eq!(listed.stat(&["x".into()]).unwrap(), [Some(10)]);
        assert!(listed.stat(&["Images/a.png".into()]).is_err(), "only the listed names");
        let _ = std::fs::remove_dir_all(&base);
    }
}
