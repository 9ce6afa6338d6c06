//! Blob uploads over reqwest: parallel blocks with bounded memory, per-block retry, resume,
//! zip-while-uploading, and win32 listing assets.
//!
//! Data flows from one reader thread (reading each input file once) through a bounded channel to at most
//! [`UploadOptions::concurrency`] Put Block requests in flight, so memory stays near
//! `(concurrency + 2) × block size` (and within [`UploadOptions::max_buffered`]) whatever the size of
//! the data. Each block carries its CRC-64 (`x-ms-content-crc64`, or `Content-MD5` for old service
//! versions); a failed block is retried alone (per [`crate::policy::retry`]); the block ids name their
//! content ([`blob::block_id`]), so a later upload of the same data to the same URL skips every block the
//! server already holds, staged or committed (the ZIP writer's output is deterministic, so this holds
//! for zip-while-uploading too). An expired or read-only SAS fails before any byte is sent.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use bytes::Bytes;
use tokio::sync::mpsc;
use tokio::task::JoinSet;

use super::http::send;
use crate::api::blob::{self, BlockChecksum, SasUrl, StagedBlocks, UploadPlan};
use crate::error::{Error, ErrorKind, Result};
use crate::http::{HttpRequest, HttpResponse};
use crate::package::{PackagePlan, READ_BUFFER};
use crate::policy::retry::{decide, RetryDecision, RetryPolicy};

/// A progress callback: `(bytes done, bytes total)`. For a ZIP produced while uploading, `total` is an
/// upper bound of the archive's size until the last call, where it is exact.
pub type ProgressFn = Arc<dyn Fn(u64, u64) + Send + Sync>;

/// How uploads run.
#[derive(Clone)]
pub struct UploadOptions {
    /// Most blocks in flight at once (memory ≈ `(concurrency + 2) × block_size`). Default 4.
    pub concurrency: usize,
    /// Most block data held in memory at once (blocks in flight, one queued, one being filled). When
    /// the block size must grow (data over 195 GiB needs blocks over 4 MiB to stay within 50,000),
    /// fewer blocks go in flight, down to one, so memory stays bounded whatever the size. Default
    /// 32 MiB.
    pub max_buffered: u64,
    /// Preferred block size; 0 is [`blob::DEFAULT_BLOCK_SIZE`] (grown when 50,000 blocks would not do).
    pub block_size: u64,
    /// Largest data sent as one Put Blob. Default [`blob::DEFAULT_SINGLE_PUT_MAX`].
    pub single_put_max: u64,
    /// Retry of each request (each block separately).
    pub retry: RetryPolicy,
    /// Read the server's block list first and skip the blocks it already holds, staged or committed
    /// (needs a SAS with read permission; without, every block is sent). Default true.
    pub resume: bool,
    /// `x-ms-blob-content-type` of the blob.
    pub content_type: Option<String>,
    /// Timeout of each request.
    pub request_timeout: Duration,
    /// `x-ms-version`; `None` uses the SAS's `sv` ([`SasUrl::request_version`]).
    pub api_version: Option<String>,
    /// Progress callback.
    pub progress: Option<ProgressFn>,
}

impl Default for UploadOptions {
    fn default() -> Self {
        UploadOptions {
            concurrency: 4,
            max_buffered: 32 << 20,
            block_size: 0,
            single_put_max: blob::DEFAULT_SINGLE_PUT_MAX,
            retry: RetryPolicy::default(),
            resume: true,
            content_type: None,
            request_timeout: Duration::from_secs(300),
            api_version: None,
            progress: None,
        }
    }
}

impl std::fmt::Debug for UploadOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UploadOptions")
            .field("concurrency", &self.concurrency)
            .field("max_buffered", &self.max_buffered)
            .field("block_size", &self.block_size)
            .field("single_put_max", &self.single_put_max)
            .field("retry", &self.retry)
            .field("resume", &self.resume)
            .field("content_type", &self.content_type)
            .field("request_timeout", &self.request_timeout)
            .field("api_version", &self.api_version)
            .field("progress", &self.progress.is_some())
            .finish()
    }
}

/// What an upload did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UploadReport {
    /// Size of the blob written.
    pub size: u64,
    /// Whether it went as one Put Blob.
    pub single_put: bool,
    /// Blocks of the blob (0 for a single put).
    pub blocks: u64,
    /// Blocks sent by this upload.
    pub blocks_sent: u64,
    /// Blocks found staged on the server and not sent again.
    pub blocks_skipped: u64,
    /// Data bytes sent (blocks or the single put; retries included).
    pub bytes_sent: u64,
    /// Requests repeated after a failure.
    pub retries: u64,
}

fn now_unix() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}

fn jitter() -> f64 {
    let n = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_nanos() as u64).unwrap_or(0);
    crate::policy::jitter(n)
}

/// Sends a request made with `sas`, retrying per `policy`; a non-2xx answer becomes the blob error
/// ([`blob::sas_error_from_response`]: a refusal after the SAS expired is `sas_expired`), except 404
/// when `ok_404`.
async fn execute(
    client: &reqwest::Client,
    policy: &RetryPolicy,
    sas: &SasUrl,
    req: &HttpRequest,
    body: Option<Bytes>,
    ok_404: bool,
    retries: &AtomicU64,
) -> Result<HttpResponse> {
    let mut attempt = 1u32;
    loop {
        let err = match send(client, req, body.clone()).await {
            Ok(resp) if resp.is_success() || (ok_404 && resp.status == 404) => return Ok(resp),
            Ok(resp) => blob::sas_error_from_response(sas, &resp, now_unix()),
            Err(e) => e,
        };
        match decide(policy, req.method.is_idempotent(), attempt, &err, jitter()) {
            RetryDecision::Retry(d) => {
                tracing::debug!(attempt, code = err.code(), "blob request failed; retrying in {d:?}");
                retries.fetch_add(1, Ordering::Relaxed);
                tokio::time::sleep(d).await;
                attempt += 1;
            }
            RetryDecision::Verify | RetryDecision::GiveUp => return Err(err),
        }
    }
}

/// One block on its way from the reader thread to the network.
struct ProducedBlock {
    index: u32,
    data: Bytes,
    crc: u64,
    checksum: BlockChecksum,
}

/// A `Write` that cuts the stream into blocks, checksums them and hands them over a bounded channel
/// (blocking the writer while the uploader is busy: that is the back-pressure bounding memory).
struct BlockSink {
    tx: mpsc::Sender<ProducedBlock>,
    buf: Vec<u8>,
    block_size: usize,
    next: u32,
    md5: bool,
    written: u64,
}

impl BlockSink {
    fn new(tx: mpsc::Sender<ProducedBlock>, block_size: u64, version: &str) -> Self {
        BlockSink {
            tx,
            buf: Vec::new(),
            block_size: block_size as usize,
            next: 0,
            md5: !blob::limits(version).crc64,
            written: 0,
        }
    }

    fn emit(&mut self) -> std::io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        if u64::from(self.next) >= blob::MAX_BLOCKS {
            return Err(std::io::Error::other("the data needs more than 50,000 blocks"));
        }
        let data = std::mem::take(&mut self.buf);
        let crc = blob::crc64(&data);
        let checksum = if self.md5 { BlockChecksum::compute("2015-04-05", &data) } else { BlockChecksum::Crc64(crc) };
        let block = ProducedBlock { index: self.next, data: Bytes::from(data), crc, checksum };
        self.tx
            .blocking_send(block)
            .map_err(|_| std::io::Error::new(std::io::ErrorKind::BrokenPipe, "upload stopped"))?;
        self.next += 1;
        Ok(())
    }

    fn finish(mut self) -> std::io::Result<u64> {
        self.emit()?;
        Ok(self.written)
    }
}

impl Write for BlockSink {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        if self.buf.capacity() == 0 {
            self.buf.reserve_exact(self.block_size);
        }
        let n = (self.block_size - self.buf.len()).min(data.len());
        self.buf.extend_from_slice(&data[..n]);
        self.written += n as u64;
        if self.buf.len() == self.block_size {
            self.emit()?;
        }
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

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

    fn prepare(&self, sas: &SasUrl) -> Result<String> {
        sas.check_write(now_unix())?;
        Ok(self.opts.api_version.clone().unwrap_or_else(|| sas.request_version().to_string()))
    }

    fn progress(&self, done: u64, total: u64) {
        if let Some(p) = &self.opts.progress {
            p(done, total.max(done));
        }
    }

    /// Uploads a file: one Put Blob when small, else blocks in parallel (reading the file once, in
    /// order). The SAS is checked before any byte is sent.
    ///
    /// # Errors
    /// `sas_expired`/`sas_permission` before sending; `io` when the file cannot be read; the blob errors
    /// of [`blob::sas_error_from_response`] (`checksum_mismatch`, `sas_expired` when the SAS ran out
    /// mid-upload, `transport`, …) once the failing request's retries are exhausted.
    pub async fn upload_file(&self, sas: &SasUrl, path: &Path) -> Result<UploadReport> {
        let version = self.prepare(sas)?;
        let size = std::fs::metadata(path)
            .map_err(|e| Error::new(ErrorKind::Io, format!("cannot read {}: {e}", path.display())))?
            .len();
        let plan = UploadPlan::new(size, &version, self.opts.block_size, self.opts.single_put_max)?;
        if plan.single_put {
            let data = tokio::fs::read(path)
                .await
                .map_err(|e| Error::new(ErrorKind::Io, format!("cannot read {}: {e}", path.display())))?;
            return self.put_whole(sas, &version, Bytes::from(data)).await;
        }
        let (tx, rx) = mpsc::channel(1);
        let path = path.to_path_buf();
        let (block_size, v) = (plan.block_size, version.clone());
        let producer = tokio::task::spawn_blocking(move || -> Result<u64> {
            let mut f = std::fs::File::open(&path)
                .map_err(|e| Error::new(ErrorKind::Io, format!("cannot open {}: {e}", path.display())))?;
            let mut sink = BlockSink::new(tx, block_size, &v);
            let mut buf = vec![0u8; READ_BUFFER];
            loop {
                let n = match f.read(&mut buf) {
                    Ok(0) => break,
                    Ok(n) => n,
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                    Err(e) => return Err(Error::new(ErrorKind::Io, format!("reading {}: {e}", path.display()))),
                };
                sink.write_all(&buf[..n])?;
            }
            Ok(sink.finish()?)
        });
        self.run_blocks(sas, &version, size, plan.block_size, rx, producer).await
    }

    /// Uploads bytes already in memory (one Put Blob when small, else blocks).
    ///
    /// # Errors
    /// As [`BlobUploader::upload_file`].
    pub async fn upload_bytes(&self, sas: &SasUrl, data: Bytes) -> Result<UploadReport> {
        let version = self.prepare(sas)?;
        let plan = UploadPlan::new(data.len() as u64, &version, self.opts.block_size, self.opts.single_put_max)?;
        if plan.single_put {
            return self.put_whole(sas, &version, data).await;
        }
        let (tx, rx) = mpsc::channel(1);
        let (block_size, v) = (plan.block_size, version.clone());
        let size = data.len() as u64;
        let producer = tokio::task::spawn_blocking(move || -> Result<u64> {
            let mut sink = BlockSink::new(tx, block_size, &v);
            sink.write_all(&data)?;
            Ok(sink.finish()?)
        });
        self.run_blocks(sas, &version, size, block_size, rx, producer).await
    }

    /// **Zip-while-uploading**: writes the plan's archive straight into the upload — no temporary file,
    /// each input file read once — with memory bounded by the blocks in flight.
    ///
    /// # Errors
    /// As [`BlobUploader::upload_file`], plus the packaging errors of [`PackagePlan`].
    pub async fn upload_zip(&self, sas: &SasUrl, plan: &PackagePlan) -> Result<UploadReport> {
        let version = self.prepare(sas)?;
        let estimate = plan.max_archive_size();
        let up = UploadPlan::new(estimate, &version, self.opts.block_size, self.opts.single_put_max)?;
        if up.single_put {
            let plan = plan.clone();
            let data = tokio::task::spawn_blocking(move || plan.write_to(Vec::new(), &mut |_, _| {}))
                .await
                .map_err(|e| Error::new(ErrorKind::Io, format!("packaging task failed: {e}")))??;
            return self.put_whole(sas, &version, Bytes::from(data)).await;
        }
        let (tx, rx) = mpsc::channel(1);
        let plan = plan.clone();
        let (block_size, v) = (up.block_size, version.clone());
        let producer = tokio::task::spawn_blocking(move || -> Result<u64> {
            let sink = BlockSink::new(tx, block_size, &v);
            let sink = plan.write_to(sink, &mut |_, _| {})?;
            Ok(sink.finish()?)
        });
        self.run_blocks(sas, &version, estimate, block_size, rx, producer).await
    }

    async fn put_whole(&self, sas: &SasUrl, version: &str, data: Bytes) -> Result<UploadReport> {
        let size = data.len() as u64;
        let retries = AtomicU64::new(0);
        let mut req = blob::put_blob_request(sas, version, &data, self.opts.content_type.as_deref());
        req.timeout = Some(self.opts.request_timeout);
        self.progress(0, size);
        execute(&self.client, &self.opts.retry, sas, &req, Some(data), false, &retries).await?;
        self.progress(size, size);
        let retries = retries.load(Ordering::Relaxed);
        Ok(UploadReport { size, single_put: true, bytes_sent: size * (1 + retries), retries, ..Default::default() })
    }

    async fn run_blocks(
        &self,
        sas: &SasUrl,
        version: &str,
        estimate: u64,
        block_size: u64,
        mut rx: mpsc::Receiver<ProducedBlock>,
        producer: tokio::task::JoinHandle<Result<u64>>,
    ) -> Result<UploadReport> {
        let result = self.consume_blocks(sas, version, estimate, block_size, &mut rx).await;
        drop(rx); // a stopped consumer unblocks the reader thread
        let produced = producer.await.map_err(|e| Error::new(ErrorKind::Io, format!("reader task failed: {e}")));
        let (mut report, ids, retries) = result?;
        report.size = produced??;
        let mut req = blob::put_block_list(sas, version, &ids, self.opts.content_type.as_deref());
        req.timeout = Some(self.opts.request_timeout);
        execute(&self.client, &self.opts.retry, sas, &req, None, false, &retries).await?;
        report.retries = retries.load(Ordering::Relaxed);
        self.progress(report.size, report.size);
        Ok(report)
    }

    async fn consume_blocks(
        &self,
        sas: &SasUrl,
        version: &str,
        estimate: u64,
        block_size: u64,
        rx: &mut mpsc::Receiver<ProducedBlock>,
    ) -> Result<(UploadReport, Vec<String>, AtomicU64)> {
        let retries = Arc::new(AtomicU64::new(0));
        let staged = self.staged_blocks(sas, version, &retries).await?;
        let done = Arc::new(AtomicU64::new(0));
        let mut report = UploadReport::default();
        let mut ids = Vec::new();
        let mut inflight: JoinSet<Result<u64>> = JoinSet::new();
        let concurrency = self.in_flight(block_size);
        self.progress(0, estimate);
        loop {
            // a free slot first, then the next block: a block is only taken from the reader when it
            // can go out, so memory is the blocks in flight + one queued + one being filled
            while inflight.len() >= concurrency {
                report.bytes_sent += self.join_one(&mut inflight).await?;
            }
            let Some(block) = rx.recv().await else { break };
            let len = block.data.len() as u64;
            let id = blob::block_id(block.index, block.crc);
            ids.push(id.clone());
            report.blocks += 1;
            if staged.contains(&id, len) {
                report.blocks_skipped += 1;
                let d = done.fetch_add(len, Ordering::Relaxed) + len;
                self.progress(d, estimate);
                continue;
            }
            let mut req = blob::put_block_request(sas, version, &id, &block.checksum);
            req.timeout = Some(self.opts.request_timeout);
            let (client, policy, retries, done, progress, sas) = (
                self.client.clone(),
                self.opts.retry,
                retries.clone(),
                done.clone(),
                self.opts.progress.clone(),
                sas.clone(),
            );
            let data = block.data;
            report.blocks_sent += 1;
            inflight.spawn(async move {
                let before = retries.load(Ordering::Relaxed);
                execute(&client, &policy, &sas, &req, Some(data), false, &retries).await?;
                let d = done.fetch_add(len, Ordering::Relaxed) + len;
                if let Some(p) = progress {
                    p(d, estimate.max(d));
                }
                let again = retries.load(Ordering::Relaxed).saturating_sub(before);
                Ok(len * (1 + again.min(policy.max_attempts as u64)))
            });
        }
        while !inflight.is_empty() {
            report.bytes_sent += self.join_one(&mut inflight).await?;
        }
        let retries = Arc::try_unwrap(retries).unwrap_or_else(|a| AtomicU64::new(a.load(Ordering::Relaxed)));
        Ok((report, ids, retries))
    }

    /// What the blob already holds, to skip ([`UploadOptions::resume`]). Reading the block list needs
    /// read permission: a SAS whose `sp` lacks `r` is not asked, and one the service refuses
    /// (`sas_permission`, `forbidden`) uploads everything — resuming is an optimisation, never a reason
    /// to fail.
    async fn staged_blocks(&self, sas: &SasUrl, version: &str, retries: &AtomicU64) -> Result<StagedBlocks> {
        if !self.opts.resume || sas.permissions().is_some_and(|p| !p.contains('r')) {
            return Ok(StagedBlocks::default());
        }
        let mut req = blob::get_block_list(sas, version);
        req.timeout = Some(self.opts.request_timeout);
        let list = match execute(&self.client, &self.opts.retry, sas, &req, None, true, retries).await {
            Ok(resp) => blob::parse_block_list(&resp),
            Err(e) => Err(e),
        };
        match list {
            Ok(list) => Ok(StagedBlocks::from_block_list(&list)),
            Err(e) if matches!(e.kind(), ErrorKind::SasPermission | ErrorKind::Forbidden) => {
                tracing::debug!(code = e.code(), "cannot read the block list; uploading every block");
                Ok(StagedBlocks::default())
            }
            Err(e) => Err(e),
        }
    }

    /// Blocks in flight for a block size: [`UploadOptions::concurrency`], reduced so that in-flight
    /// blocks plus the queued and the filling one fit [`UploadOptions::max_buffered`]; at least one.
    fn in_flight(&self, block_size: u64) -> usize {
        let fits = (self.opts.max_buffered / block_size.max(1)).saturating_sub(2) as usize;
        self.opts.concurrency.clamp(1, fits.max(1))
    }

    async fn join_one(&self, inflight: &mut JoinSet<Result<u64>>) -> Result<u64> {
        match inflight.join_next().await {
            Some(Ok(r)) => r,
            Some(Err(e)) => Err(Error::new(ErrorKind::Transport, format!("block task failed: {e}"))),
            None => Ok(0),
        }
    }

    /// Uploads a win32 listing asset (an image): one Put Blob with `x-ms-blob-type: BlockBlob` to
    /// `primary` (the `primaryAssetUploadUrl`), falling back to `secondary` (`secondaryAssetUploadUrl`)
    /// when the primary fails. Returns which URL took it (`0` primary, `1` secondary).
    ///
    /// # Errors
    /// The primary's error when there is no secondary, else the secondary's error.
    pub async fn upload_asset(&self, primary: &str, secondary: Option<&str>, data: Bytes) -> Result<usize> {
        let ct = self.opts.content_type.clone();
        self.upload_asset_with(primary, secondary, data, ct.as_deref(), &[]).await
    }

    /// [`BlobUploader::upload_asset`] for a file, with the headers the service asked for (the asset's
    /// `httpHeaders`, as a flow's `Upload::Asset` step carries them; see [`blob::put_asset_request`]).
    /// The content type is [`UploadOptions::content_type`] or, when unset, the file's
    /// ([`blob::content_type_for`]: `image/png`, …).
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
        let data = tokio::fs::read(path)
            .await
            .map_err(|e| Error::new(ErrorKind::Io, format!("cannot read {}: {e}", path.display())))?;
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let ct = self.opts.content_type.clone().unwrap_or_else(|| blob::content_type_for(&name).to_string());
        self.upload_asset_with(primary, secondary, Bytes::from(data), Some(&ct), http_headers).await
    }

    async fn upload_asset_with(
        &self,
        primary: &str,
        secondary: Option<&str>,
        data: Bytes,
        content_type: Option<&str>,
        http_headers: &[(String, String)],
    ) -> Result<usize> {
        let mut last = None;
        for (i, url) in std::iter::once(primary).chain(secondary).enumerate() {
            let attempt = async {
                let sas = SasUrl::parse(url)?;
                let version = self.prepare(&sas)?;
                let retries = AtomicU64::new(0);
                let mut req = blob::put_asset_request(&sas, &version, &data, content_type, http_headers);
                req.timeout = Some(self.opts.request_timeout);
                execute(&self.client, &self.opts.retry, &sas, &req, Some(data.clone()), false, &retries).await
            };
            match attempt.await {
                Ok(_) => {
                    self.progress(data.len() as u64, data.len() as u64);
                    return Ok(i);
                }
                Err(e) => {
                    tracing::debug!(url_index = i, code = e.code(), "asset upload failed");
                    last = Some(e);
                }
            }
        }
        Err(last.unwrap_or_else(|| Error::invalid_argument("no asset upload URL")))
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
