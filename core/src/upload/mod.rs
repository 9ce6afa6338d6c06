//! The block upload as a sans-IO state machine: what every host (the bundled reqwest transport, Python,
//! Node, the browser, .NET) runs to put a file, a buffer or a streamed ZIP into a blob SAS URL.
//!
//! [`BlobUpload`] speaks the host protocol of [`crate::task`]: it hands out [`Task`]s — `Stat` the
//! inputs, `Read` chunks of them, `Send` Get Block List / Put Block / Put Block List / Put Blob, `Wait`
//! before a retry — and the host reports each [`Completion`] with its [`TaskId`], in any order. The
//! machine decides everything else:
//!
//! - **SAS first**: the SAS is checked against the host's clock ([`Tick::now`]) before any byte is sent
//!   (`sas_expired`, `sas_permission`); `x-ms-version` is the SAS's `sv` unless set.
//! - **Plan**: the inputs' sizes ([`Work::Stat`]) choose one Put Blob (small data) or blocks
//!   ([`UploadPlan`]: 4 MiB, grown so that 50,000 blocks hold the data). A missing input is an error
//!   naming it before anything is read (`missing_files` for a ZIP's files, `io` for a file).
//! - **Resume**: with [`UploadSettings::resume`] and a SAS granting `r`, Get Block List first; every
//!   block the blob already holds, staged or committed, is skipped. Block ids name their content
//!   ([`block_id`]: index and CRC-64), so a block with the same id and size holds the same bytes. A
//!   refused Get Block List uploads everything.
//! - **ZIP**: a [`UploadSource::Zip`] archive is written inside the machine by the core's
//!   [`ZipWriter`] from `Read`s of each file in order, with the entry names and options of
//!   `PackagePlan::write_to`, so the blob is byte for byte the archive `storesubmit pack` streams — and,
//!   being deterministic, resumable like a file.
//! - **Concurrency and memory**: at most [`UploadSettings::concurrency`] Put Block requests in flight;
//!   no `Read` is asked for while the bytes read, buffered and in flight would pass
//!   [`UploadSettings::max_buffered`] or `(concurrency + 2) × block size`, whichever is less (one block
//!   is always allowed, so a block larger than the bound still goes, alone). A file's block is handed to
//!   the host, not kept (a retry reads it again and checks its CRC-64); a ZIP's block is kept for its
//!   retries while the host sends its copy, and the ZIP's headers and central directory come on top.
//! - **Retries**: each request alone, per [`crate::policy::retry::decide`], after a [`Work::Wait`] with
//!   [`WaitReason::Retry`] (backoff with the host's jitter, or the service's `Retry-After`). A failed
//!   answer is [`sas_error_from_response`]'s typed error (`checksum_mismatch`, `sas_expired` when the SAS
//!   ran out mid-upload, …). Every request carries [`UploadSettings::request_timeout`].
//! - **Assets**: [`BlobUpload::asset`] is one Put Blob of a win32 listing asset with the service's
//!   `httpHeaders` and the file's content type, to the primary URL and, when that fails, the fallback.
//!
//! Once [`Step::Done`] is returned the host may drop the tasks still running; their completions
//! are ignored. Nothing here reads a clock, a file or a socket: it compiles for wasm32.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::fmt;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::api::blob::{
    block_id, content_type_for, crc64, get_block_list, is_version, limits, parse_block_list, put_asset_request,
    put_blob_request, put_block_list, put_block_request, sas_error_from_response, BlockChecksum, SasUrl, StagedBlocks,
    UploadPlan, DEFAULT_BLOCK_SIZE, DEFAULT_SINGLE_PUT_MAX, MAX_BLOCKS, OLDEST_VERSION,
};
use crate::error::{Error, ErrorKind, Result};
use crate::http::{HttpRequest, HttpResponse};
use crate::package::stream::{changed_while_read, ZipInput, ZipProducer};
use crate::package::UploadFile;
use crate::package::{archive_size_bound, default_compression, entry_name, Compression};
use crate::policy::retry::{decide, RetryDecision, RetryPolicy};
use crate::task::{Completion, Event, Machine, Progress, Purpose, Step, Task, TaskId, Tick, WaitReason, Work};

const MIB: u64 = 1 << 20;
/// Most blocks in flight [`UploadSettings::validate`] accepts.
pub const MAX_CONCURRENCY: usize = 64;
/// Largest block any service version accepts (4000 MiB, from 2019-12-12).
pub const MAX_BLOCK_SIZE: u64 = 4000 * MIB;
/// Largest single Put Blob any service version accepts (5000 MiB, from 2019-12-12).
pub const MAX_SINGLE_PUT: u64 = 5000 * MIB;
/// `Read`s asked for at once (enough to keep reading while the previous chunk is checksummed).
const READ_AHEAD: usize = 2;
/// Largest read of a ZIP's input: the archive is cut into blocks after the writer, so reads need not be
/// block-sized, and small reads keep what is read ahead small.
const ZIP_READ: u64 = 1 << 20;

// ---------------------------------------------------------------------------------------------------
// Settings

/// How an upload runs: the one options surface every host passes (JSON, camelCase, every field
/// optional with the default below; durations in seconds).
///
/// ```json
/// {"concurrency": 4, "maxBuffered": 33554432, "blockSize": 0, "singlePutMax": 4194304, "resume": true,
///  "contentType": null, "requestTimeout": 120, "apiVersion": null,
///  "retry": {"maxAttempts": 6, "baseDelay": 0.5, "maxDelay": 30, "maxRetryAfter": 300}}
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct UploadSettings {
    /// Most Put Block requests in flight at once, 1 to 64. Default 4.
    pub concurrency: usize,
    /// Most block data read, buffered and in flight at once, in bytes (at least 1). When blocks are
    /// large (data over 195 GiB needs blocks over 4 MiB), fewer go in flight, down to one. Default
    /// 32 MiB.
    pub max_buffered: u64,
    /// Preferred block size in bytes, at most 4000 MiB; 0 is [`DEFAULT_BLOCK_SIZE`] (grown when 50,000
    /// blocks would not hold the data). Default 0.
    pub block_size: u64,
    /// Largest data sent as one Put Blob (held in memory whole), at most 5000 MiB. Default
    /// [`DEFAULT_SINGLE_PUT_MAX`] (4 MiB).
    pub single_put_max: u64,
    /// Read the blob's block list first and skip the blocks it already holds, staged or committed
    /// (needs a SAS with read permission; without, every block is sent). Default true.
    pub resume: bool,
    /// The blob's content type (`x-ms-blob-content-type`); an asset without it takes its file's
    /// ([`content_type_for`]). Default none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
    /// Timeout of each request, in seconds (more than 0). Default 120.
    #[serde(with = "seconds")]
    pub request_timeout: Duration,
    /// `x-ms-version` (`YYYY-MM-DD`, from 2015-04-05); none uses the SAS's `sv`
    /// ([`SasUrl::request_version`]). Default none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub api_version: Option<String>,
    /// Retry of each request (each block separately): `maxAttempts` (1 to 100, the first included),
    /// `baseDelay`, `maxDelay`, `maxRetryAfter` (seconds). Default 6 attempts, 0.5 s doubling to 30 s,
    /// `Retry-After` honoured up to 300 s.
    #[serde(with = "retry_json")]
    pub retry: RetryPolicy,
}

impl Default for UploadSettings {
    fn default() -> Self {
        UploadSettings {
            concurrency: 4,
            max_buffered: 32 * MIB,
            block_size: 0,
            single_put_max: DEFAULT_SINGLE_PUT_MAX,
            resume: true,
            content_type: None,
            request_timeout: Duration::from_secs(120),
            api_version: None,
            retry: RetryPolicy::default(),
        }
    }
}

fn setting_error(field: &str, rule: impl fmt::Display) -> Error {
    Error::invalid_argument(format!("upload settings: `{field}` {rule}"))
}

impl UploadSettings {
    /// Settings from a binding's JSON object (see the type's documentation), validated.
    ///
    /// # Errors
    /// `invalid_argument` naming the field: an unknown field, a value of the wrong type, or one
    /// [`UploadSettings::validate`] refuses.
    pub fn from_json(value: &serde_json::Value) -> Result<Self> {
        let obj = value.as_object().ok_or_else(|| Error::invalid_argument("upload settings must be a JSON object"))?;
        // one field at a time first, so that the error names the field whatever serde says
        for (k, v) in obj {
            let one = serde_json::Value::Object(std::iter::once((k.clone(), v.clone())).collect());
            UploadSettings::deserialize(&one).map_err(|e| setting_error(k, format_args!("is invalid: {e}")))?;
        }
        let s =
            UploadSettings::deserialize(value).map_err(|e| Error::invalid_argument(format!("upload settings: {e}")))?;
        s.validate()?;
        Ok(s)
    }

    /// Checks every field against its limits.
    ///
    /// # Errors
    /// `invalid_argument` naming the first bad field (`concurrency` 1–64, `maxBuffered` ≥ 1, `blockSize`
    /// ≤ 4000 MiB, `singlePutMax` ≤ 5000 MiB, `requestTimeout` > 0, `apiVersion` a version from
    /// 2015-04-05, `contentType` non-empty without control characters, `retry.maxAttempts` 1–100,
    /// `retry.baseDelay` ≤ `retry.maxDelay`).
    pub fn validate(&self) -> Result<()> {
        if !(1..=MAX_CONCURRENCY).contains(&self.concurrency) {
            return Err(setting_error("concurrency", format_args!("must be 1 to 64 (got {})", self.concurrency)));
        }
        if self.max_buffered == 0 {
            return Err(setting_error("maxBuffered", "must be at least 1 byte"));
        }
        if self.block_size > MAX_BLOCK_SIZE {
            return Err(setting_error("blockSize", format_args!("must be at most 4000 MiB (got {})", self.block_size)));
        }
        if self.single_put_max > MAX_SINGLE_PUT {
            return Err(setting_error(
                "singlePutMax",
                format_args!("must be at most 5000 MiB (got {})", self.single_put_max),
            ));
        }
        if self.request_timeout.is_zero() {
            return Err(setting_error("requestTimeout", "must be more than 0 seconds"));
        }
        if let Some(v) = &self.api_version {
            if !is_version(v) || v.as_str() < OLDEST_VERSION {
                return Err(setting_error(
                    "apiVersion",
                    format_args!("must be a service version YYYY-MM-DD from {OLDEST_VERSION} (got `{v}`)"),
                ));
            }
        }
        if let Some(ct) = &self.content_type {
            if ct.trim().is_empty() || ct.chars().any(char::is_control) {
                return Err(setting_error(
                    "contentType",
                    "must be a non-empty header value without control characters",
                ));
            }
        }
        if !(1..=100).contains(&self.retry.max_attempts) {
            return Err(setting_error(
                "retry.maxAttempts",
                format_args!("must be 1 to 100 (got {})", self.retry.max_attempts),
            ));
        }
        if self.retry.base_delay > self.retry.max_delay {
            return Err(setting_error("retry.baseDelay", "must not exceed `retry.maxDelay`"));
        }
        Ok(())
    }

    fn version_for(&self, sas: &SasUrl) -> String {
        self.api_version.clone().unwrap_or_else(|| sas.request_version().to_string())
    }
}

/// Durations as seconds (a JSON number; fractions allowed).
mod seconds {
    use std::time::Duration;

    use serde::de::Error as _;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(d.as_secs_f64())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Duration, D::Error> {
        let secs = f64::deserialize(d)?;
        Duration::try_from_secs_f64(secs).map_err(|_| D::Error::custom(format!("{secs} is not a duration in seconds")))
    }
}

/// [`RetryPolicy`] as `{maxAttempts, baseDelay, maxDelay, maxRetryAfter}` (seconds).
mod retry_json {
    use std::time::Duration;

    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use crate::policy::retry::RetryPolicy;

    #[derive(Serialize, Deserialize)]
    #[serde(rename_all = "camelCase", default, deny_unknown_fields)]
    struct Retry {
        max_attempts: u32,
        #[serde(with = "super::seconds")]
        base_delay: Duration,
        #[serde(with = "super::seconds")]
        max_delay: Duration,
        #[serde(with = "super::seconds")]
        max_retry_after: Duration,
    }

    impl Default for Retry {
        fn default() -> Self {
            let p = RetryPolicy::default();
            Retry {
                max_attempts: p.max_attempts,
                base_delay: p.base_delay,
                max_delay: p.max_delay,
                max_retry_after: p.max_retry_after,
            }
        }
    }

    pub fn serialize<S: Serializer>(p: &RetryPolicy, s: S) -> Result<S::Ok, S::Error> {
        Retry {
            max_attempts: p.max_attempts,
            base_delay: p.base_delay,
            max_delay: p.max_delay,
            max_retry_after: p.max_retry_after,
        }
        .serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<RetryPolicy, D::Error> {
        let r = Retry::deserialize(d)?;
        Ok(RetryPolicy {
            max_attempts: r.max_attempts,
            base_delay: r.base_delay,
            max_delay: r.max_delay,
            max_retry_after: r.max_retry_after,
        })
    }
}

// ---------------------------------------------------------------------------------------------------
// Sources, steps, report

/// What an upload puts into the blob. Names are the host's (relative to its files folder, a picked
/// directory, a map of streams): the machine only passes them back in `Stat` and `Read` tasks.
#[derive(Clone, PartialEq, Eq)]
pub enum UploadSource {
    /// A ZIP of these files, written while uploading (a flow's `Upload::Zip`): entry `zip_name`, data
    /// from `name`, stored or deflated by extension.
    Zip(Vec<UploadFile>),
    /// A ZIP of these entries (a `PackagePlan`'s files, whose compression may be chosen per entry).
    Entries(Vec<ZipEntry>),
    /// One file, as is.
    File(String),
    /// Bytes already in memory.
    Bytes(Vec<u8>),
}

impl fmt::Debug for UploadSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UploadSource::Zip(files) => f.debug_tuple("Zip").field(files).finish(),
            UploadSource::Entries(e) => f.debug_tuple("Entries").field(e).finish(),
            UploadSource::File(name) => f.debug_tuple("File").field(name).finish(),
            UploadSource::Bytes(b) => write!(f, "Bytes({} bytes)", b.len()),
        }
    }
}

/// One entry of a ZIP upload ([`UploadSource::Entries`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ZipEntry {
    /// Where the data is (the host's name, passed back in `Stat`/`Read`).
    pub name: String,
    /// The entry name in the archive (checked and normalised with [`entry_name`]).
    pub entry: String,
    /// Stored or deflated; `None` picks by extension ([`default_compression`]).
    pub compression: Option<Compression>,
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
    /// Whether an asset went to its fallback (secondary) URL.
    pub fallback: bool,
}

// ---------------------------------------------------------------------------------------------------
// Producers: where the bytes of the blob come from

/// Where the data comes from, once the sizes are known.
enum Producer {
    /// Bytes in memory, cut on demand.
    Bytes { data: Vec<u8>, block: u64, next: u64, count: u64 },
    /// One file: each read is one block.
    File {
        name: String,
        size: u64,
        block: u64,
        next: u64,
        count: u64,
        ready: VecDeque<(u32, Vec<u8>)>,
        ready_bytes: u64,
    },
    /// A ZIP written while uploading.
    Zip(Box<ZipProducer>),
}

/// A read the machine waits for.
#[derive(Clone, Copy, Debug)]
enum ReadKey {
    /// Block `index` of a file.
    Block(u32),
    /// Chunk of a ZIP's file `file` at `offset`.
    Zip(usize, u64),
}

impl Producer {
    /// The next read to ask for: name, offset, length, key.
    fn next_read(&mut self) -> Option<(String, u64, u64, ReadKey)> {
        match self {
            Producer::Bytes { .. } => None,
            Producer::File { name, size, block, next, count, .. } => {
                if *next >= *count {
                    return None;
                }
                let off = *next * *block;
                let len = (*block).min(*size - off);
                let key = ReadKey::Block(*next as u32);
                *next += 1;
                Some((name.clone(), off, len, key))
            }
            Producer::Zip(z) => {
                z.next_read().map(|(i, off, len)| (z.files[i].name.clone(), off, len, ReadKey::Zip(i, off)))
            }
        }
    }

    /// Length the next read would have, without taking it.
    fn peek_read_len(&self) -> Option<u64> {
        match self {
            Producer::Bytes { .. } => None,
            Producer::File { size, block, next, count, .. } => {
                (*next < *count).then(|| (*block).min(*size - *next * *block))
            }
            Producer::Zip(z) => {
                let mut at = z.read_at;
                while let Some(f) = z.files.get(at.0) {
                    if at.1 < f.size {
                        return Some(z.chunk.min(f.size - at.1));
                    }
                    at = (at.0 + 1, 0);
                }
                None
            }
        }
    }

    fn on_data(&mut self, key: ReadKey, expected: u64, data: Vec<u8>) -> Result<()> {
        match (self, key) {
            (Producer::File { name, block, ready, ready_bytes, .. }, ReadKey::Block(i)) => {
                if data.len() as u64 != expected {
                    return Err(changed_while_read(name, u64::from(i) * *block, expected, data.len()));
                }
                *ready_bytes += expected;
                ready.push_back((i, data));
                Ok(())
            }
            (Producer::Zip(z), ReadKey::Zip(file, offset)) => z.on_data(file, offset, data),
            _ => Err(Error::invalid_argument("internal: a read answered for another source")),
        }
    }

    fn take_ready(&mut self) -> Result<Option<(u32, Vec<u8>)>> {
        Ok(match self {
            Producer::Bytes { data, block, next, count } => {
                if *next >= *count {
                    return Ok(None);
                }
                let i = *next;
                *next += 1;
                if *count == 1 {
                    Some((0, std::mem::take(data)))
                } else {
                    let off = (i * *block) as usize;
                    let end = (off + *block as usize).min(data.len());
                    Some((i as u32, data[off..end].to_vec()))
                }
            }
            Producer::File { ready, ready_bytes, .. } => {
                ready.pop_front().inspect(|(_, d)| *ready_bytes -= d.len() as u64)
            }
            Producer::Zip(z) => {
                let r = z.take_ready();
                if let Some((i, _)) = &r {
                    if u64::from(*i) >= MAX_BLOCKS {
                        return Err(Error::invalid_argument(format!(
                            "the archive needs more than {MAX_BLOCKS} blocks"
                        )));
                    }
                }
                r
            }
        })
    }

    /// Whether a whole block is waiting to be taken.
    fn has_ready(&self) -> bool {
        match self {
            Producer::Bytes { next, count, .. } => next < count,
            Producer::File { ready, .. } => !ready.is_empty(),
            Producer::Zip(z) => !z.cutter().full.is_empty(),
        }
    }

    fn buffered(&self) -> u64 {
        match self {
            Producer::Bytes { .. } => 0,
            Producer::File { ready_bytes, .. } => *ready_bytes,
            Producer::Zip(z) => z.buffered(),
        }
    }

    /// Whether every block has been taken.
    fn exhausted(&self) -> bool {
        match self {
            Producer::Bytes { next, count, .. } => next >= count,
            Producer::File { next, count, ready, .. } => next >= count && ready.is_empty(),
            Producer::Zip(z) => z.exhausted(),
        }
    }

    /// Size of the data, once exhausted (a ZIP's is known only then).
    fn size(&self, planned: u64) -> u64 {
        match self {
            Producer::Zip(z) => z.produced(),
            _ => planned,
        }
    }
}

// ---------------------------------------------------------------------------------------------------
// The machine

/// Which request a task or a retry is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Req {
    GetBlockList,
    PutBlock(u32),
    PutBlockList,
    PutBlob,
}

impl Req {
    fn op(self, asset: bool) -> &'static str {
        match self {
            Req::GetBlockList => "get_block_list",
            Req::PutBlock(_) => "put_block",
            Req::PutBlockList => "put_block_list",
            Req::PutBlob if asset => "put_asset",
            Req::PutBlob => "put_blob",
        }
    }
}

/// What a task handed out is waiting for.
#[derive(Debug)]
enum Pending {
    Stat,
    Read {
        key: ReadKey,
        len: u64,
    },
    /// A file's block read again for a retry.
    Reread(u32),
    Send(Req),
    Wait(Req),
}

/// A block sent (or about to be re-sent). A file's block is not kept while the host sends it: a retry
/// reads it again (checked against its CRC-64), so a file's blocks are in memory once, not twice.
struct InFlight {
    id: String,
    checksum: BlockChecksum,
    crc: u64,
    len: u64,
    data: Option<Vec<u8>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    /// Nothing asked yet.
    Start,
    /// Waiting for the sizes.
    Stat,
    /// Reading, staging blocks (or gathering the single put's data).
    Transfer,
    /// The final request (Put Block List, Put Blob) is out.
    Commit,
    Done,
}

/// What the upload writes to.
enum Target {
    /// A blob (block upload or single Put Blob).
    Blob(SasUrl),
    /// A win32 listing asset: candidate URLs in order (primary, fallback), each parsed or not.
    Asset { urls: Vec<Result<SasUrl>>, current: usize, headers: Vec<(String, String)> },
}

/// The block-upload state machine (see the module documentation).
pub struct BlobUpload {
    settings: UploadSettings,
    target: Target,
    /// The source until the sizes are known.
    source: Option<UploadSource>,
    /// The names a `Stat` asked about (a ZIP's, after removing duplicate entries).
    stat_names: Vec<String>,
    zip_entries: Vec<(String, String, Compression)>,
    version: String,
    plan: Option<UploadPlan>,
    producer: Option<Producer>,
    phase: Phase,
    next_id: u64,
    pending: HashMap<TaskId, Pending>,
    attempts: HashMap<Req, u32>,
    reading: u64,
    reads_out: usize,
    /// `None` until the block list is known (or not asked for).
    staged: Option<StagedBlocks>,
    gbl_sent: bool,
    in_flight: BTreeMap<u32, InFlight>,
    in_flight_bytes: u64,
    /// The single put's data (held for retries and the fallback URL).
    whole: Option<Vec<u8>>,
    ids: Vec<Option<String>>,
    done_bytes: u64,
    report: UploadReport,
    result: Option<Result<UploadReport>>,
    out: Vec<Task>,
    now: i64,
    jitter: f64,
    /// The bytes last reported as [`Progress::Upload`].
    reported: (u64, u64),
}

impl Machine for BlobUpload {
    type Output = UploadReport;

    /// Advances the machine with a completion of a task handed out earlier ([`Event::Start`] to begin);
    /// [`Event::Cancel`] ends it with `cancelled`.
    fn resume(&mut self, event: Event, tick: Tick) -> Step<UploadReport> {
        if let Some(r) = &self.result {
            return Step::Done(r.clone());
        }
        self.now = i64::try_from(tick.now).unwrap_or(i64::MAX);
        self.jitter = tick.jitter;
        let r = match event {
            Event::Completed(id, c) => self.complete(id, c),
            Event::Start => Ok(()),
            Event::Cancel => Err(Error::new(ErrorKind::Cancelled, "the upload was cancelled")),
        }
        .and_then(|()| self.advance());
        if let Err(e) = r {
            self.finish(Err(e));
        }
        if let Some(r) = &self.result {
            self.out.clear();
            return Step::Done(r.clone());
        }
        if self.out.is_empty() {
            if self.pending.is_empty() {
                // cannot happen: every phase but Done has a task out or one to hand out
                self.finish(Err(Error::invalid_argument("internal: the upload has nothing to wait for")));
                return Step::Done(self.result.clone().expect("just set"));
            }
            return Step::Pending;
        }
        Step::Run(std::mem::take(&mut self.out))
    }

    /// An [`Progress::Upload`] event when the bytes done or the total changed since the last call.
    fn take_progress(&mut self) -> Vec<Progress> {
        let now = self.progress();
        if now == self.reported || (now.1 == 0 && self.result.is_none()) {
            return Vec::new();
        }
        self.reported = now;
        vec![Progress::Upload { done: now.0, total: now.1 }]
    }

    fn stage(&self) -> String {
        format!("{:?}", self.phase).to_lowercase()
    }
}

impl fmt::Debug for BlobUpload {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BlobUpload")
            .field("phase", &self.phase)
            .field("pending", &self.pending.len())
            .field("progress", &self.progress())
            .finish_non_exhaustive()
    }
}

impl BlobUpload {
    /// An upload of `source` to the blob SAS URL `sas_url`.
    ///
    /// # Errors
    /// `invalid_argument` for a malformed SAS URL or bad settings ([`UploadSettings::validate`]);
    /// `invalid_archive` for an unsafe ZIP entry name (absolute, `..`).
    pub fn new(sas_url: &str, source: UploadSource, settings: &UploadSettings) -> Result<BlobUpload> {
        BlobUpload::with_sas(SasUrl::parse(sas_url)?, source, settings)
    }

    /// As [`BlobUpload::new`], with a SAS URL already parsed.
    ///
    /// # Errors
    /// As [`BlobUpload::new`].
    pub fn with_sas(sas: SasUrl, source: UploadSource, settings: &UploadSettings) -> Result<BlobUpload> {
        settings.validate()?;
        let mut up = BlobUpload::blank(Target::Blob(sas), settings);
        match &source {
            UploadSource::Zip(files) => {
                let entries = files
                    .iter()
                    .map(|f| ZipEntry { name: f.name.clone(), entry: f.zip_name.clone(), compression: None })
                    .collect::<Vec<_>>();
                up.set_zip_entries(&entries)?;
            }
            UploadSource::Entries(entries) => up.set_zip_entries(entries)?,
            UploadSource::File(name) => up.stat_names = vec![name.clone()],
            UploadSource::Bytes(_) => {}
        }
        up.source = Some(source);
        Ok(up)
    }

    /// One win32 listing asset: a Put Blob of `file` with the service's `http_headers` (an empty value
    /// means "compute it": see [`put_asset_request`]) and the file's content type (unless
    /// [`UploadSettings::content_type`] is set), to `primary`, then to `fallback` when the primary fails.
    /// [`UploadReport::fallback`] says which took it.
    ///
    /// # Errors
    /// `invalid_argument` for bad settings, or when no URL parses.
    pub fn asset(
        primary: &str,
        fallback: Option<&str>,
        file: String,
        http_headers: Vec<(String, String)>,
        settings: &UploadSettings,
    ) -> Result<BlobUpload> {
        let mut up =
            BlobUpload::asset_with(primary, fallback, UploadSource::File(file.clone()), http_headers, settings)?;
        up.stat_names = vec![file.clone()];
        if up.settings.content_type.is_none() {
            up.settings.content_type = Some(content_type_for(&file).to_string());
        }
        Ok(up)
    }

    /// As [`BlobUpload::asset`], for bytes in memory (content type: [`UploadSettings::content_type`]).
    ///
    /// # Errors
    /// As [`BlobUpload::asset`].
    pub fn asset_bytes(
        primary: &str,
        fallback: Option<&str>,
        data: Vec<u8>,
        http_headers: Vec<(String, String)>,
        settings: &UploadSettings,
    ) -> Result<BlobUpload> {
        BlobUpload::asset_with(primary, fallback, UploadSource::Bytes(data), http_headers, settings)
    }

    fn asset_with(
        primary: &str,
        fallback: Option<&str>,
        source: UploadSource,
        headers: Vec<(String, String)>,
        settings: &UploadSettings,
    ) -> Result<BlobUpload> {
        settings.validate()?;
        let urls: Vec<Result<SasUrl>> = std::iter::once(primary).chain(fallback).map(SasUrl::parse).collect();
        if let (true, Some(Err(e))) = (urls.iter().all(Result::is_err), urls.last()) {
            return Err(e.clone());
        }
        let mut up = BlobUpload::blank(Target::Asset { urls, current: 0, headers }, settings);
        up.source = Some(source);
        Ok(up)
    }

    fn blank(target: Target, settings: &UploadSettings) -> BlobUpload {
        BlobUpload {
            settings: settings.clone(),
            target,
            source: None,
            stat_names: Vec::new(),
            zip_entries: Vec::new(),
            version: String::new(),
            plan: None,
            producer: None,
            phase: Phase::Start,
            reported: (0, 0),
            next_id: 0,
            pending: HashMap::new(),
            attempts: HashMap::new(),
            reading: 0,
            reads_out: 0,
            staged: None,
            gbl_sent: false,
            in_flight: BTreeMap::new(),
            in_flight_bytes: 0,
            whole: None,
            ids: Vec::new(),
            done_bytes: 0,
            report: UploadReport::default(),
            result: None,
            out: Vec::new(),
            now: 0,
            jitter: 0.5,
        }
    }

    /// Checks the entry names and drops later duplicates of an entry (as `submission_entries` does).
    fn set_zip_entries(&mut self, entries: &[ZipEntry]) -> Result<()> {
        for e in entries {
            let name = entry_name(&e.entry)?;
            if self.zip_entries.iter().any(|(_, n, _)| *n == name) {
                continue;
            }
            let c = e.compression.unwrap_or_else(|| default_compression(&name));
            self.stat_names.push(e.name.clone());
            self.zip_entries.push((e.name.clone(), name, c));
        }
        Ok(())
    }

    /// Bytes done (blocks staged or found staged, or the single put once sent) and the total: the data's
    /// size, an upper bound for a ZIP until its last block, exact once done.
    pub fn progress(&self) -> (u64, u64) {
        if let Some(Ok(r)) = &self.result {
            return (r.size, r.size);
        }
        let total = match (&self.plan, &self.producer) {
            (Some(p), Some(prod)) if prod.exhausted() => prod.size(p.size),
            (Some(p), _) => p.size,
            _ => 0,
        };
        (self.done_bytes, total.max(self.done_bytes))
    }

    fn finish(&mut self, r: Result<UploadReport>) {
        self.phase = Phase::Done;
        self.pending.clear();
        self.in_flight.clear();
        self.whole = None;
        self.producer = None;
        self.result = Some(r);
    }

    fn task(&mut self, work: Work, pending: Pending) {
        self.next_id += 1;
        let id = TaskId(self.next_id);
        self.pending.insert(id, pending);
        self.out.push(Task { id, work });
    }

    fn is_asset(&self) -> bool {
        matches!(self.target, Target::Asset { .. })
    }

    /// The SAS the next request goes to.
    fn sas(&self) -> &SasUrl {
        match &self.target {
            Target::Blob(s) => s,
            Target::Asset { urls, current, .. } => match &urls[*current] {
                Ok(s) => s,
                Err(_) => unreachable!("an asset only sends to a URL that parsed and passed its check"),
            },
        }
    }

    // --- completions ---------------------------------------------------------------------------------

    fn complete(&mut self, id: TaskId, c: Completion) -> Result<()> {
        let Some(p) = self.pending.remove(&id) else {
            return Err(Error::invalid_argument(format!("the host answered task {id}, which is not outstanding")));
        };
        match (p, c) {
            (Pending::Stat, Completion::Sizes(sizes)) => self.on_sizes(sizes),
            (Pending::Read { key, len }, Completion::Data(data)) => {
                self.reading -= len;
                self.reads_out -= 1;
                self.producer.as_mut().expect("reads only once producing").on_data(key, len, data)
            }
            (Pending::Send(req), Completion::Response(resp)) => self.on_response(req, resp),
            (Pending::Send(req), Completion::Failed(e)) => self.on_failure(req, e),
            (Pending::Wait(Req::PutBlock(i)), Completion::Waited) if self.in_flight[&i].data.is_none() => {
                let Some(Producer::File { name, block, .. }) = &self.producer else {
                    return Err(Error::invalid_argument("internal: only a file's blocks are read again"));
                };
                let (name, offset, len) = (name.clone(), u64::from(i) * *block, self.in_flight[&i].len);
                self.task(Work::Read { name, offset, len }, Pending::Reread(i));
                Ok(())
            }
            (Pending::Reread(i), Completion::Data(data)) => {
                let b = self.in_flight.get_mut(&i).expect("a block read again is in flight");
                if data.len() as u64 != b.len || crc64(&data) != b.crc {
                    let name = match &self.producer {
                        Some(Producer::File { name, .. }) => name.as_str(),
                        _ => "the file",
                    };
                    return Err(Error::new(
                        ErrorKind::Io,
                        format!("`{name}` changed while it was uploaded (block {i})"),
                    ));
                }
                b.data = Some(data);
                self.send(Req::PutBlock(i));
                Ok(())
            }
            (Pending::Wait(req), Completion::Waited) => {
                self.send(req);
                Ok(())
            }
            (Pending::Stat | Pending::Read { .. } | Pending::Reread(_), Completion::Failed(e)) => Err(e),
            (p, c) => Err(Error::invalid_argument(format!(
                "the host answered task {id} ({}) with {}",
                match p {
                    Pending::Stat => "stat",
                    Pending::Read { .. } | Pending::Reread(_) => "read",
                    Pending::Send(r) => r.op(false),
                    Pending::Wait(_) => "wait",
                },
                c.kind_name()
            ))),
        }
    }

    fn on_sizes(&mut self, sizes: Vec<Option<u64>>) -> Result<()> {
        if sizes.len() != self.stat_names.len() {
            return Err(Error::invalid_argument(format!(
                "the host answered a stat of {} files with {} sizes",
                self.stat_names.len(),
                sizes.len()
            )));
        }
        let missing: Vec<&str> =
            self.stat_names.iter().zip(&sizes).filter(|(_, s)| s.is_none()).map(|(n, _)| n.as_str()).collect();
        let source = self.source.take().expect("the source waits for its sizes");
        if !missing.is_empty() {
            return Err(match source {
                UploadSource::Zip(_) | UploadSource::Entries(_) => Error::new(
                    ErrorKind::MissingFiles,
                    format!("{} file(s) missing: {}", missing.len(), missing.join(", ")),
                ),
                _ => Error::new(ErrorKind::Io, format!("cannot read `{}`: no such file", missing.join("`, `"))),
            });
        }
        let sizes: Vec<u64> = sizes.into_iter().map(|s| s.unwrap_or(0)).collect();
        self.start_producing(source, &sizes)
    }

    fn start_producing(&mut self, source: UploadSource, sizes: &[u64]) -> Result<()> {
        let zip_inputs = || -> Vec<ZipInput> {
            self.zip_entries
                .iter()
                .zip(sizes)
                .map(|((name, entry, c), size)| ZipInput {
                    name: name.clone(),
                    entry: entry.clone(),
                    compression: *c,
                    size: *size,
                })
                .collect()
        };
        let size = match &source {
            UploadSource::Zip(_) | UploadSource::Entries(_) => {
                archive_size_bound(self.zip_entries.iter().zip(sizes).map(|((_, n, c), s)| (n.len(), *s, *c)))
            }
            UploadSource::File(_) => sizes[0],
            UploadSource::Bytes(b) => b.len() as u64,
        };
        let plan = if self.is_asset() {
            UploadPlan { size, block_size: size.max(1), version: self.version.clone(), single_put: true }
        } else {
            UploadPlan::new(size, &self.version, self.settings.block_size, self.settings.single_put_max)?
        };
        let block = if plan.single_put { size.max(1) } else { plan.block_size };
        let count = if plan.single_put { 1 } else { plan.block_count() };
        let producer = match source {
            UploadSource::Bytes(data) => Producer::Bytes { data, block, next: 0, count },
            UploadSource::File(_) if size == 0 => Producer::Bytes { data: Vec::new(), block, next: 0, count: 1 },
            UploadSource::File(name) => {
                Producer::File { name, size, block, next: 0, count, ready: VecDeque::new(), ready_bytes: 0 }
            }
            UploadSource::Zip(_) | UploadSource::Entries(_) => {
                let chunk = if plan.single_put { ZIP_READ } else { plan.block_size.min(ZIP_READ) };
                let cut =
                    if plan.single_put { usize::MAX } else { usize::try_from(plan.block_size).unwrap_or(usize::MAX) };
                Producer::Zip(Box::new(ZipProducer::new(zip_inputs(), chunk, cut)))
            }
        };
        let resume =
            self.settings.resume && !plan.single_put && self.sas().permissions().is_none_or(|p| p.contains('r'));
        if !resume {
            self.staged = Some(StagedBlocks::default());
        }
        self.report.single_put = plan.single_put;
        self.plan = Some(plan);
        self.producer = Some(producer);
        self.phase = Phase::Transfer;
        // a ZIP of empty files has no reads: the archive is complete at once
        if let Some(Producer::Zip(z)) = self.producer.as_mut() {
            z.feed()?;
        }
        Ok(())
    }

    fn on_response(&mut self, req: Req, resp: HttpResponse) -> Result<()> {
        if req == Req::GetBlockList && resp.status == 404 {
            self.staged = Some(StagedBlocks::default());
            return Ok(());
        }
        if !resp.is_success() {
            let e = sas_error_from_response(self.sas(), &resp, self.now);
            return self.on_failure(req, e);
        }
        match req {
            Req::GetBlockList => {
                let list = parse_block_list(&resp)?;
                self.staged = Some(StagedBlocks::from_block_list(&list));
            }
            Req::PutBlock(i) => {
                let b = self.in_flight.remove(&i).expect("a Put Block answered for a block in flight");
                self.in_flight_bytes -= b.len;
                self.done_bytes += b.len;
                if let (Some(Producer::Zip(z)), Some(data)) = (self.producer.as_mut(), b.data) {
                    let cutter = z.cutter_mut();
                    if cutter.spare.is_empty() {
                        cutter.spare.push(data);
                    }
                }
            }
            Req::PutBlockList => {
                let planned = self.plan.as_ref().map_or(0, |p| p.size);
                let size = self.producer.as_ref().map_or(0, |p| p.size(planned));
                self.done_bytes = size;
                self.report.size = size;
                self.report.blocks = self.ids.len() as u64;
                self.finish(Ok(self.report.clone()));
            }
            Req::PutBlob => {
                let size = self.whole.as_ref().map_or(0, |w| w.len() as u64);
                self.done_bytes = size;
                self.report.size = size;
                self.finish(Ok(self.report.clone()));
            }
        }
        Ok(())
    }

    fn on_failure(&mut self, req: Req, e: Error) -> Result<()> {
        if req == Req::GetBlockList && matches!(e.kind(), ErrorKind::SasPermission | ErrorKind::Forbidden) {
            // resuming is an optimisation, never a reason to fail
            self.staged = Some(StagedBlocks::default());
            return Ok(());
        }
        let attempt = self.attempts.get(&req).copied().unwrap_or(1);
        match decide(&self.settings.retry, true, attempt, &e, self.jitter) {
            RetryDecision::Retry(duration) => {
                self.attempts.insert(req, attempt + 1);
                self.report.retries += 1;
                let reason = WaitReason::Retry { code: e.code().to_string(), attempt };
                self.task(Work::Wait { duration, reason }, Pending::Wait(req));
                Ok(())
            }
            RetryDecision::Verify | RetryDecision::GiveUp => self.next_asset_url(e),
        }
    }

    /// An asset whose URL failed goes to the next one; anything else fails.
    fn next_asset_url(&mut self, e: Error) -> Result<()> {
        let now = self.now;
        let Target::Asset { urls, current, .. } = &mut self.target else { return Err(e) };
        let Some(next) =
            (*current + 1..urls.len()).find(|&i| urls[i].as_ref().is_ok_and(|s| s.check_write(now).is_ok()))
        else {
            return Err(e);
        };
        *current = next;
        self.version = self.settings.version_for(self.sas());
        self.attempts.clear();
        self.report.fallback = true;
        self.send(Req::PutBlob);
        Ok(())
    }

    // --- handing out work ----------------------------------------------------------------------------

    fn advance(&mut self) -> Result<()> {
        match self.phase {
            Phase::Start => self.start(),
            Phase::Transfer => self.transfer(),
            Phase::Stat | Phase::Commit | Phase::Done => Ok(()),
        }
    }

    fn start(&mut self) -> Result<()> {
        match &mut self.target {
            Target::Blob(sas) => {
                sas.check_write(self.now)?;
                self.version = self.settings.version_for(sas);
            }
            Target::Asset { urls, current, .. } => {
                // the first URL that can take the data; the last URL's error when none can
                let (now, mut last) = (self.now, None);
                let found = urls.iter().position(|u| match u.as_ref().map(|s| s.check_write(now)) {
                    Ok(Ok(())) => true,
                    Ok(Err(e)) => {
                        last = Some(e);
                        false
                    }
                    Err(e) => {
                        last = Some(e.clone());
                        false
                    }
                });
                match found {
                    Some(i) => {
                        *current = i;
                        self.report.fallback = i > 0;
                    }
                    None => return Err(last.unwrap_or_else(|| Error::invalid_argument("no asset upload URL"))),
                }
                self.version = self.settings.version_for(self.sas());
            }
        }
        if self.stat_names.is_empty() && matches!(self.source, Some(UploadSource::Bytes(_))) {
            let source = self.source.take().expect("checked");
            self.start_producing(source, &[])?;
            return self.transfer();
        }
        self.phase = Phase::Stat;
        let names = self.stat_names.clone();
        self.task(Work::Stat { names }, Pending::Stat);
        Ok(())
    }

    /// Memory the upload holds or has asked for: reads out, data buffered, blocks in flight.
    fn held(&self) -> u64 {
        self.reading + self.producer.as_ref().map_or(0, Producer::buffered) + self.in_flight_bytes
    }

    fn transfer(&mut self) -> Result<()> {
        if self.staged.is_none() && !self.gbl_sent {
            self.gbl_sent = true;
            self.send(Req::GetBlockList);
        }
        if self.report.single_put {
            self.issue_reads(u64::MAX);
            let producer = self.producer.as_mut().expect("transferring");
            if let Some((_, data)) = producer.take_ready()? {
                self.whole = Some(data);
            }
            if self.whole.is_some() && self.producer.as_ref().is_some_and(Producer::exhausted) {
                self.phase = Phase::Commit;
                self.send(Req::PutBlob);
            }
            return Ok(());
        }
        // blocks taken (sent or skipped) free memory for reads, whose data makes blocks: until neither moves
        let limit = self.memory_limit();
        while self.issue_reads(limit) | self.issue_blocks()? {}
        let exhausted = self.producer.as_ref().is_some_and(Producer::exhausted);
        if exhausted && self.in_flight.is_empty() && self.reads_out == 0 && self.staged.is_some() {
            if let Some(missing) = self.ids.iter().position(Option::is_none) {
                return Err(Error::invalid_argument(format!("internal: block {missing} was never produced")));
            }
            self.phase = Phase::Commit;
            self.send(Req::PutBlockList);
        }
        Ok(())
    }

    /// What the blocks may hold: [`UploadSettings::max_buffered`], and no more than the blocks in flight
    /// plus two (one ready to go, one being read or filled) — reading further ahead would not send faster.
    fn memory_limit(&self) -> u64 {
        let block = self.plan.as_ref().map_or(DEFAULT_BLOCK_SIZE, |p| p.block_size);
        let ahead = (self.settings.concurrency as u64 + 2).saturating_mul(block);
        self.settings.max_buffered.min(ahead)
    }

    /// Asks for reads while memory allows: what is read, buffered and in flight stays within `limit`,
    /// except that one chunk may always go when nothing else is held but a partial block (so a block
    /// larger than the bound still moves). Returns whether a read was asked for.
    fn issue_reads(&mut self, limit: u64) -> bool {
        let mut any = false;
        while self.reads_out < READ_AHEAD {
            let producer = self.producer.as_ref().expect("transferring");
            let Some(len) = producer.peek_read_len() else { break };
            let idle = self.reads_out == 0 && self.in_flight.is_empty() && !producer.has_ready();
            if self.held().saturating_add(len) > limit && !idle {
                break;
            }
            let (name, offset, len, key) = self.producer.as_mut().expect("transferring").next_read().expect("peeked");
            self.reading += len;
            self.reads_out += 1;
            self.task(Work::Read { name, offset, len }, Pending::Read { key, len });
            any = true;
        }
        any
    }

    /// Takes ready blocks while a slot is free (and the block list is known): a block the blob holds
    /// already is skipped, any other goes out as a Put Block. Returns whether a block was taken.
    fn issue_blocks(&mut self) -> Result<bool> {
        let Some(staged) = self.staged.take() else { return Ok(false) };
        let r = self.issue_blocks_with(&staged);
        self.staged = Some(staged);
        r
    }

    fn issue_blocks_with(&mut self, staged: &StagedBlocks) -> Result<bool> {
        let md5 = !limits(&self.version).crc64;
        let mut any = false;
        while self.in_flight.len() < self.settings.concurrency {
            let Some((index, data)) = self.producer.as_mut().expect("transferring").take_ready()? else { break };
            any = true;
            let len = data.len() as u64;
            let crc = crc64(&data);
            let id = block_id(index, crc);
            let slot = index as usize;
            if self.ids.len() <= slot {
                self.ids.resize(slot + 1, None);
            }
            self.ids[slot] = Some(id.clone());
            if staged.contains(&id, len) {
                self.report.blocks_skipped += 1;
                self.done_bytes += len;
                continue;
            }
            let checksum = if md5 { BlockChecksum::compute(OLDEST_VERSION, &data) } else { BlockChecksum::Crc64(crc) };
            self.in_flight_bytes += len;
            self.in_flight.insert(index, InFlight { id, checksum, crc, len, data: Some(data) });
            self.report.blocks_sent += 1;
            self.send(Req::PutBlock(index));
        }
        Ok(any)
    }

    /// Hands out the Send task of `req` (first attempt or a retry).
    fn send(&mut self, req: Req) {
        // a file's block goes to the host as is (read again for a retry); other data is kept for retries
        let block_body = match req {
            Req::PutBlock(i) => {
                let moves = matches!(self.producer, Some(Producer::File { .. }));
                let b = self.in_flight.get_mut(&i).expect("a block sent is in flight");
                if moves {
                    b.data.take()
                } else {
                    b.data.clone()
                }
            }
            _ => None,
        };
        let sas = self.sas();
        let v = &self.version;
        let ct = self.settings.content_type.as_deref();
        let mut request: HttpRequest = match req {
            Req::GetBlockList => get_block_list(sas, v),
            Req::PutBlock(i) => {
                let b = &self.in_flight[&i];
                let mut r = put_block_request(sas, v, &b.id, &b.checksum);
                r.body = block_body.unwrap_or_default();
                r
            }
            Req::PutBlockList => {
                let ids: Vec<String> = self.ids.iter().flatten().cloned().collect();
                put_block_list(sas, v, &ids, ct)
            }
            Req::PutBlob => {
                let data = self.whole.as_deref().unwrap_or_default();
                let mut r = match &self.target {
                    Target::Asset { headers, .. } => put_asset_request(sas, v, data, ct, headers),
                    Target::Blob(_) => put_blob_request(sas, v, data, ct),
                };
                r.body = data.to_vec();
                r
            }
        };
        request.timeout = Some(self.settings.request_timeout);
        self.report.bytes_sent += match req {
            Req::PutBlock(_) | Req::PutBlob => request.body.len() as u64,
            _ => 0,
        };
        let purpose = Purpose::Blob { op: req.op(self.is_asset()).to_string() };
        self.task(Work::Send { request, purpose }, Pending::Send(req));
    }
}

#[cfg(test)]
mod tests;
