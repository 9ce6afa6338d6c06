//! Azure Blob storage, sans-IO: SAS URLs, the block blob requests an upload needs, their responses,
//! an upload plan, CRC-64 and a service-SAS signer.
//!
//! Submission ZIPs go to the SAS URL in `fileUploadUrl` as a block blob; win32 listing assets go to
//! `primaryAssetUploadUrl` with a single Put Blob. Nothing here opens a socket: the bundled transport
//! (`transport::upload`, feature `reqwest`) and every binding send these requests.
//!
//! - [`SasUrl`]: parses a SAS URL (repairs a `sig` whose `+` was left unescaped, reads `se`, `sv`, `sp`);
//!   `Debug`/`Display` never show `sig`; [`SasUrl::check_write`] refuses an expired or read-only SAS
//!   before any byte is sent (`sas_expired`, `sas_permission`).
//! - [`put_blob`] / [`put_blob_request`], [`put_asset_request`] (win32 listing assets with their
//!   `httpHeaders`), [`put_block`] / [`put_block_request`], [`put_block_list`], [`get_block_list`]: requests
//!   with `x-ms-version`, `x-ms-blob-type`, a per-block `x-ms-content-crc64` (or `Content-MD5` for
//!   versions before 2019-02-02) and fixed-length block ids ([`block_id`]).
//! - [`check_response`], [`error_from_response`], [`sas_error_from_response`], [`parse_block_list`]:
//!   responses to typed results or errors (`checksum_mismatch`, `sas_expired`, `sas_permission`, …).
//! - [`UploadPlan`]: the block size for a size and version (at most 50,000 blocks) and resumption from
//!   the server's uncommitted block list ([`StagedBlocks`]).
//! - [`crc64`] / [`Crc64`]: Azure's CRC-64 (CRC-64/NVME: reflected polynomial `0x9A6C9329AC4BC9B5`, init and
//!   final XOR all ones; sent as the 8 bytes little-endian, base64) — checked against Azurite.
//! - [`sign_blob_sas`] / [`blob_sas_url`]: mint a service SAS (`sr=b`) with an account key (tests, the
//!   emulator); [`sign_account_sas`] / [`create_container`]: an account SAS and the Create Container request
//!   it authorises (a fresh Azurite or storage account; [`DEV_ACCOUNT`] / [`DEV_ACCOUNT_KEY`]).

use std::collections::HashMap;
use std::fmt;

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine as _;
use crc::{Crc, Table, CRC_64_NVME};
use hmac::{Hmac, Mac};
use md5::{Digest as _, Md5};
use percent_encoding::percent_decode_str;
use sha2::Sha256;

use crate::api::{encode_path_segment, encode_query_value};
use crate::error::{retry_after_from_headers, Error, ErrorKind, Result, ServerError};
use crate::http::{HttpRequest, HttpResponse, Method};
use crate::secret::{redact_url, REDACTED};

/// The `x-ms-version` sent when the SAS names no usable version.
pub const DEFAULT_VERSION: &str = "2021-12-02";
/// The first service version that accepts `x-ms-content-crc64`.
pub const CRC64_MIN_VERSION: &str = "2019-02-02";
/// The oldest version whose service SAS this module understands.
pub const OLDEST_VERSION: &str = "2015-04-05";
/// Most blocks a block blob may have.
pub const MAX_BLOCKS: u64 = 50_000;
/// Default block size of an upload (4 MiB, as Azure's SDKs): large enough for throughput, small enough that a few
/// blocks in flight bound memory.
pub const DEFAULT_BLOCK_SIZE: u64 = 4 << 20;
/// Default largest upload sent as one Put Blob (4 MiB); anything larger goes in blocks, so a broken
/// connection costs one block, not the whole file.
pub const DEFAULT_SINGLE_PUT_MAX: u64 = 4 << 20;

// ---------------------------------------------------------------------------------------------------
// CRC-64

static CRC64: Crc<u64, Table<16>> = Crc::<u64, Table<16>>::new(&CRC_64_NVME);

/// Azure Storage's CRC-64 of `data` (CRC-64/NVME).
pub fn crc64(data: &[u8]) -> u64 {
    CRC64.checksum(data)
}

/// The `x-ms-content-crc64` header value of a CRC-64: its 8 bytes little-endian, base64.
pub fn crc64_header(crc: u64) -> String {
    B64.encode(crc.to_le_bytes())
}

/// An incremental CRC-64 (Azure's), for data that arrives in pieces.
pub struct Crc64(crc::Digest<'static, u64, Table<16>>);

impl Default for Crc64 {
    fn default() -> Self {
        Crc64::new()
    }
}

impl fmt::Debug for Crc64 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Crc64")
    }
}

impl Crc64 {
    /// A fresh CRC.
    pub fn new() -> Self {
        Crc64(CRC64.digest())
    }
    /// Adds data.
    pub fn update(&mut self, data: &[u8]) {
        self.0.update(data);
    }
    /// The CRC of everything added.
    pub fn finalize(self) -> u64 {
        self.0.finalize()
    }
}

/// `Content-MD5` header value (base64 of the 16-byte digest).
pub fn content_md5(data: &[u8]) -> String {
    B64.encode(Md5::digest(data))
}

// ---------------------------------------------------------------------------------------------------
// SAS URLs

/// A parsed SAS URL. `Debug` and `Display` show it with `sig` redacted; [`SasUrl::expose_url`] is the
/// one way to the full URL (for the request line only).
#[derive(Clone, PartialEq, Eq)]
pub struct SasUrl {
    base: String,
    params: Vec<(String, String)>,
    expiry: Option<i64>,
    version: Option<String>,
    permissions: Option<String>,
}

fn decode(v: &str) -> String {
    percent_decode_str(v).decode_utf8_lossy().into_owned()
}

impl SasUrl {
    /// Parses a SAS URL.
    ///
    /// Repairs a `sig` whose `+` characters were left unescaped (a raw `+` in a query means a space, and
    /// the service would reject the signature): each `+` (or space) becomes `%2B`. Reads `se` (expiry:
    /// `YYYY-MM-DD`, `YYYY-MM-DDThh:mm[:ss[.f]]` with `Z` or an offset), `sv` and `sp`.
    ///
    /// # Errors
    /// `invalid_argument` when the URL is not `http(s)://host/...` or `se` cannot be read.
    pub fn parse(url: &str) -> Result<Self> {
        let url = url.trim();
        let (base, query) = match url.split_once('?') {
            Some((b, q)) => (b, q),
            None => (url, ""),
        };
        let rest = base.strip_prefix("https://").or_else(|| base.strip_prefix("http://")).ok_or_else(|| {
            Error::invalid_argument(format!("SAS URL must start with https:// ({})", redact_url(url)))
        })?;
        if rest.is_empty() || rest.starts_with('/') || !rest.contains('/') {
            return Err(Error::invalid_argument(format!("SAS URL has no host or blob path ({})", redact_url(url))));
        }
        let mut params = Vec::new();
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let v = if k.eq_ignore_ascii_case("sig") { v.replace(['+', ' '], "%2B") } else { v.to_string() };
            params.push((k.to_string(), v));
        }
        let get = |name: &str| params.iter().find(|(k, _)| k == name).map(|(_, v)| decode(v));
        let expiry = match get("se") {
            Some(se) => Some(
                parse_iso8601(&se)
                    .ok_or_else(|| Error::invalid_argument(format!("SAS URL: cannot read expiry `se={se}`")))?,
            ),
            None => None,
        };
        let version = get("sv");
        let permissions = get("sp");
        Ok(SasUrl { base: base.to_string(), params, expiry, version, permissions })
    }

    /// The URL without its query (`https://account.blob.core.windows.net/container/blob`).
    pub fn base(&self) -> &str {
        &self.base
    }

    /// Expiry (`se`) as Unix seconds.
    pub fn expiry_unix(&self) -> Option<i64> {
        self.expiry
    }

    /// Signed version (`sv`).
    pub fn version(&self) -> Option<&str> {
        self.version.as_deref()
    }

    /// Signed permissions (`sp`), e.g. `rcw`.
    pub fn permissions(&self) -> Option<&str> {
        self.permissions.as_deref()
    }

    /// Whether the URL carries a signature.
    pub fn has_signature(&self) -> bool {
        self.params.iter().any(|(k, v)| k == "sig" && !v.is_empty())
    }

    /// The full URL, signature included. For the request line only: never print it.
    pub fn expose_url(&self) -> String {
        self.url_with(&[])
    }

    /// The full URL plus extra query parameters (already encoded values), signature included.
    pub fn url_with(&self, extra: &[(&str, &str)]) -> String {
        let mut u = self.base.clone();
        let mut first = true;
        for (k, v) in self.params.iter().map(|(k, v)| (k.as_str(), v.as_str())).chain(extra.iter().copied()) {
            u.push(if first { '?' } else { '&' });
            first = false;
            u.push_str(k);
            u.push('=');
            u.push_str(v);
        }
        u
    }

    /// The `x-ms-version` to send with this SAS: its `sv` when it is a version this module knows
    /// (≥ 2015-04-05), else [`DEFAULT_VERSION`].
    pub fn request_version(&self) -> &str {
        match self.version.as_deref() {
            Some(v) if is_version(v) && v >= OLDEST_VERSION => v,
            _ => DEFAULT_VERSION,
        }
    }

    /// Checks, before any byte is sent, that the SAS can still write at `now_unix` (seconds): not expired
    /// and, when `sp` is present, granting write (`w`) or create (`c`).
    ///
    /// # Errors
    /// `sas_expired` when `se` has passed; `sas_permission` when `sp` has neither `w` nor `c`.
    pub fn check_write(&self, now_unix: i64) -> Result<()> {
        if let Some(se) = self.expiry {
            if now_unix >= se {
                return Err(Error::new(
                    ErrorKind::SasExpired,
                    format!("the upload URL expired {} s ago ({})", now_unix - se, self),
                ));
            }
        }
        if let Some(sp) = &self.permissions {
            if !sp.contains('w') && !sp.contains('c') {
                return Err(Error::new(
                    ErrorKind::SasPermission,
                    format!("the upload URL grants `sp={sp}`, which cannot write ({self})"),
                ));
            }
        }
        Ok(())
    }
}

impl fmt::Display for SasUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&redact_url(&self.expose_url()))
    }
}

impl fmt::Debug for SasUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SasUrl")
            .field("url", &redact_url(&self.expose_url()))
            .field("expiry_unix", &self.expiry)
            .field("version", &self.version)
            .field("permissions", &self.permissions)
            .field("sig", &if self.has_signature() { REDACTED } else { "" })
            .finish()
    }
}

fn is_version(v: &str) -> bool {
    let b = v.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

fn num(s: &str) -> Option<i64> {
    if s.is_empty() || !s.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// Days from 1970-01-01 to a civil date (proleptic Gregorian).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Parses the ISO 8601 forms a SAS `se`/`st` uses into Unix seconds.
pub fn parse_iso8601(s: &str) -> Option<i64> {
    let s = s.trim();
    let (date, time) = match s.split_once(['T', 't', ' ']) {
        Some((d, t)) => (d, Some(t)),
        None => (s, None),
    };
    let mut dp = date.split('-');
    let (y, mo, d) = (num(dp.next()?)?, num(dp.next()?)?, num(dp.next()?)?);
    if dp.next().is_some() || !(1..=12).contains(&mo) || !(1..=31).contains(&d) || date.len() != 10 {
        return None;
    }
    let mut secs = days_from_civil(y, mo, d) * 86_400;
    if let Some(t) = time {
        let (clock, offset) = if let Some(c) = t.strip_suffix(['Z', 'z']) {
            (c, 0)
        } else if let Some(pos) = t.rfind(['+', '-']) {
            let (c, off) = t.split_at(pos);
            let sign = if off.starts_with('-') { -1 } else { 1 };
            let (oh, om) = off[1..].split_once(':').unwrap_or((&off[1..], "0"));
            (c, sign * (num(oh)? * 3600 + num(om)? * 60))
        } else {
            (t, 0)
        };
        let mut cp = clock.split(':');
        let h = num(cp.next()?)?;
        let mi = num(cp.next()?)?;
        let sec = match cp.next() {
            Some(x) => num(x.split('.').next()?)?,
            None => 0,
        };
        if cp.next().is_some() || h > 23 || mi > 59 || sec > 60 {
            return None;
        }
        secs += h * 3600 + mi * 60 + sec - offset;
    }
    Some(secs)
}

/// Formats Unix seconds as `YYYY-MM-DDThh:mm:ssZ` (the form SAS signers use).
pub fn format_iso8601(unix: i64) -> String {
    let days = unix.div_euclid(86_400);
    let rem = unix.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", rem / 3600, rem % 3600 / 60, rem % 60)
}

// ---------------------------------------------------------------------------------------------------
// Versions, limits, checksums, block ids

/// Service limits of a version.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Largest block of Put Block.
    pub max_block: u64,
    /// Largest body of a single Put Blob.
    pub max_single_put: u64,
    /// Whether `x-ms-content-crc64` is accepted (else `Content-MD5`).
    pub crc64: bool,
}

/// The limits of a service version (`x-ms-version`).
pub fn limits(version: &str) -> Limits {
    let crc64 = version >= CRC64_MIN_VERSION;
    if version >= "2019-12-12" {
        Limits { max_block: 4000 << 20, max_single_put: 5000 << 20, crc64 }
    } else if version >= "2016-05-31" {
        Limits { max_block: 100 << 20, max_single_put: 256 << 20, crc64 }
    } else {
        Limits { max_block: 4 << 20, max_single_put: 64 << 20, crc64 }
    }
}

/// A block's transactional checksum.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockChecksum {
    /// `x-ms-content-crc64` (versions from 2019-02-02).
    Crc64(u64),
    /// `Content-MD5` (older versions).
    Md5([u8; 16]),
}

impl BlockChecksum {
    /// The checksum a version wants, computed over `data`.
    pub fn compute(version: &str, data: &[u8]) -> Self {
        if limits(version).crc64 {
            BlockChecksum::Crc64(crc64(data))
        } else {
            BlockChecksum::Md5(Md5::digest(data).into())
        }
    }

    /// The header name and value.
    pub fn header(&self) -> (&'static str, String) {
        match self {
            BlockChecksum::Crc64(c) => ("x-ms-content-crc64", crc64_header(*c)),
            BlockChecksum::Md5(d) => ("Content-MD5", B64.encode(d)),
        }
    }
}

/// The id of block `index` whose data has CRC-64 `crc`: base64 of the 24 ASCII bytes
/// `"{index:07}-{crc:016x}"`, so every id of a blob has the same length (32 characters, as the service
/// requires) and an id names its content: resuming can trust a staged block with the same id and size.
pub fn block_id(index: u32, crc: u64) -> String {
    B64.encode(format!("{index:07}-{crc:016x}"))
}

// ---------------------------------------------------------------------------------------------------
// Requests

fn base_request(method: Method, url: String, version: &str) -> HttpRequest {
    HttpRequest::new(method, url).with_header("x-ms-version", version)
}

/// Put Blob: the whole body in one request, as a block blob, with `Content-MD5` (accepted by every
/// version). Used for small files and win32 listing assets.
pub fn put_blob(sas: &SasUrl, version: &str, body: Vec<u8>, content_type: Option<&str>) -> HttpRequest {
    let mut r = put_blob_request(sas, version, &body, content_type);
    r.body = body;
    r
}

/// Put Blob without its body (the transport attaches `data` without a copy): `x-ms-blob-type:
/// BlockBlob`, `Content-MD5` of `data`, and the blob's content type when given.
pub fn put_blob_request(sas: &SasUrl, version: &str, data: &[u8], content_type: Option<&str>) -> HttpRequest {
    let mut r = base_request(Method::Put, sas.expose_url(), version)
        .with_header("x-ms-blob-type", "BlockBlob")
        .with_header("Content-MD5", content_md5(data));
    if let Some(ct) = content_type {
        r.set_header("Content-Type", ct);
        r.set_header("x-ms-blob-content-type", ct);
    }
    r
}

/// Put Blob of a win32 listing asset to a `primaryAssetUploadUrl` / `secondaryAssetUploadUrl`, with the
/// headers the service listed in the asset's `httpHeaders`: a header with a value is sent as given
/// (it may override ours); one with an empty value ("calculated during the API call", seed 003) is
/// computed — `Content-MD5`, `x-ms-blob-type`, `Content-Type`/`x-ms-blob-content-type` (from
/// `content_type`), `x-ms-version`; `Content-Length` is the transport's. Other empty headers are
/// left out: there is nothing to compute them from. The body is attached by the transport.
pub fn put_asset_request(
    sas: &SasUrl,
    version: &str,
    data: &[u8],
    content_type: Option<&str>,
    http_headers: &[(String, String)],
) -> HttpRequest {
    let mut r = put_blob_request(sas, version, data, content_type);
    for (name, value) in http_headers {
        if !value.is_empty() {
            r.set_header(name, value);
        }
    }
    r
}

/// The MIME type of a listing asset or package by extension (`image/png`, …), for the blob's
/// `Content-Type`; `application/octet-stream` when unknown.
pub fn content_type_for(name: &str) -> &'static str {
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "bmp" => "image/bmp",
        "mp4" => "video/mp4",
        "zip" => "application/zip",
        _ => "application/octet-stream",
    }
}

/// Put Block without its body (the transport attaches the data): `comp=block&blockid=…` and the
/// checksum header.
pub fn put_block_request(sas: &SasUrl, version: &str, block_id: &str, checksum: &BlockChecksum) -> HttpRequest {
    let id = encode_query_value(block_id);
    let (h, v) = checksum.header();
    base_request(Method::Put, sas.url_with(&[("comp", "block"), ("blockid", &id)]), version).with_header(h, v)
}

/// Put Block with its body (copies `data`; transports that can send a borrowed buffer use
/// [`put_block_request`]).
pub fn put_block(sas: &SasUrl, version: &str, block_id: &str, data: &[u8]) -> HttpRequest {
    let mut r = put_block_request(sas, version, block_id, &BlockChecksum::compute(version, data));
    r.body = data.to_vec();
    r
}

/// Put Block List: commits the blocks, in order, as the blob's content (`Latest`: the newest staged
/// version of each id).
pub fn put_block_list(sas: &SasUrl, version: &str, ids: &[String], content_type: Option<&str>) -> HttpRequest {
    let mut body = String::with_capacity(64 + ids.len() * 50);
    body.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?><BlockList>");
    for id in ids {
        body.push_str("<Latest>");
        body.push_str(&xml_escape(id));
        body.push_str("</Latest>");
    }
    body.push_str("</BlockList>");
    let mut r = base_request(Method::Put, sas.url_with(&[("comp", "blocklist")]), version)
        .with_header("Content-Type", "application/xml")
        .with_header("Content-MD5", content_md5(body.as_bytes()));
    if let Some(ct) = content_type {
        r.set_header("x-ms-blob-content-type", ct);
    }
    r.body = body.into_bytes();
    r
}

/// Get Block List (`blocklisttype=all`): what is committed and what is staged.
pub fn get_block_list(sas: &SasUrl, version: &str) -> HttpRequest {
    base_request(Method::Get, sas.url_with(&[("comp", "blocklist"), ("blocklisttype", "all")]), version)
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

fn xml_unescape(s: &str) -> String {
    s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&")
}

/// The text of the first `<tag>…</tag>` in `xml`.
fn xml_text<'a>(xml: &'a str, tag: &str) -> Option<&'a str> {
    let open = format!("<{tag}>");
    let close = format!("</{tag}>");
    let start = xml.find(&open)? + open.len();
    let end = xml[start..].find(&close)? + start;
    Some(&xml[start..end])
}

// ---------------------------------------------------------------------------------------------------
// Responses

/// One block of a block list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    /// Block id (base64, as sent).
    pub id: String,
    /// Size in bytes.
    pub size: u64,
}

/// A blob's block list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BlockList {
    /// Blocks of the committed content.
    pub committed: Vec<Block>,
    /// Blocks staged but not committed yet.
    pub uncommitted: Vec<Block>,
}

fn parse_blocks(section: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut rest = section;
    while let Some(start) = rest.find("<Block>") {
        let after = &rest[start + 7..];
        let end = after.find("</Block>").unwrap_or(after.len());
        let block = &after[..end];
        if let Some(name) = xml_text(block, "Name") {
            let size = xml_text(block, "Size").and_then(|s| s.trim().parse().ok()).unwrap_or(0);
            out.push(Block { id: xml_unescape(name.trim()), size });
        }
        rest = &after[end..];
    }
    out
}

/// Parses a Get Block List response. A 404 (`BlobNotFound`: nothing committed or staged yet) is an empty
/// list.
///
/// # Errors
/// The typed error of a failed response ([`error_from_response`]).
pub fn parse_block_list(resp: &HttpResponse) -> Result<BlockList> {
    if resp.status == 404 {
        return Ok(BlockList::default());
    }
    check_response(resp)?;
    let xml = String::from_utf8_lossy(&resp.body);
    let section = |name: &str| -> Vec<Block> {
        let open = format!("<{name}>");
        match xml.find(&open) {
            Some(s) => {
                let body = &xml[s + open.len()..];
                let end = body.find(&format!("</{name}>")).unwrap_or(body.len());
                parse_blocks(&body[..end])
            }
            None => Vec::new(),
        }
    };
    Ok(BlockList { committed: section("CommittedBlocks"), uncommitted: section("UncommittedBlocks") })
}

/// `Ok` for a 2xx response, else the typed error.
///
/// # Errors
/// [`error_from_response`].
pub fn check_response(resp: &HttpResponse) -> Result<()> {
    if resp.is_success() {
        Ok(())
    } else {
        Err(error_from_response(resp))
    }
}

/// The typed error of a failed blob response. The storage error code comes from `x-ms-error-code` or
/// the XML body's `<Code>`:
/// `Md5Mismatch`, `Crc64Mismatch`, `InvalidMd5`, `InvalidCrc64` → `checksum_mismatch`;
/// `AuthorizationPermissionMismatch` (and the other `Authorization*Mismatch` codes) → `sas_permission`;
/// `AuthenticationFailed` whose detail mentions expiry → `sas_expired`; the rest by HTTP status.
pub fn error_from_response(resp: &HttpResponse) -> Error {
    let body = String::from_utf8_lossy(&resp.body);
    let code = resp
        .header("x-ms-error-code")
        .map(str::to_string)
        .or_else(|| xml_text(&body, "Code").map(|c| c.trim().to_string()))
        .unwrap_or_default();
    let message =
        xml_text(&body, "Message").map(|m| m.lines().next().unwrap_or("").trim().to_string()).unwrap_or_default();
    let detail = xml_text(&body, "AuthenticationErrorDetail").unwrap_or("").trim().to_string();
    let kind = match code.as_str() {
        "Md5Mismatch" | "Crc64Mismatch" | "InvalidMd5" | "InvalidCrc64" => ErrorKind::ChecksumMismatch,
        "AuthorizationPermissionMismatch"
        | "AuthorizationResourceTypeMismatch"
        | "AuthorizationServiceMismatch"
        | "AuthorizationSourceIPMismatch"
        | "AuthorizationProtocolMismatch" => ErrorKind::SasPermission,
        "AuthenticationFailed" if detail.to_ascii_lowercase().contains("expir") => ErrorKind::SasExpired,
        _ => crate::error::kind_for_status(resp.status, &[]),
    };
    let mut text = format!("HTTP {}", resp.status);
    if !code.is_empty() {
        text.push_str(": ");
        text.push_str(&code);
    }
    if !message.is_empty() {
        text.push_str(": ");
        text.push_str(&message);
    }
    if !detail.is_empty() {
        text.push_str(&format!(" ({detail})"));
    }
    let mut e = Error::new(kind, text).with_status(resp.status);
    if !code.is_empty() {
        e = e.with_server_errors(vec![ServerError {
            code,
            message: crate::secret::redact_text(&message),
            target: None,
        }]);
    }
    if let Some(id) = resp.correlation_id() {
        e = e.with_correlation_id(id);
    }
    if let Some(d) = retry_after_from_headers(resp) {
        e = e.with_retry_after(d);
    }
    e
}

/// The typed error of a failed response to a request made with `sas`, at `now_unix`: as
/// [`error_from_response`], except that an authentication or authorisation failure (401/403 mapped to
/// `auth`/`forbidden`) while the SAS's `se` has passed is `sas_expired`. The service does not always
/// say why it refused (Azurite answers a bare `AuthorizationFailure`), but the client knows the expiry,
/// so a SAS that ran out in the middle of a long upload is reported as such.
pub fn sas_error_from_response(sas: &SasUrl, resp: &HttpResponse, now_unix: i64) -> Error {
    let e = error_from_response(resp);
    let expired = sas.expiry_unix().is_some_and(|se| now_unix >= se);
    if expired && matches!(e.kind(), ErrorKind::Forbidden | ErrorKind::Auth) {
        let mut x = Error::new(ErrorKind::SasExpired, format!("the upload URL has expired ({})", e.message()))
            .with_status(resp.status)
            .with_server_errors(e.server_errors().to_vec());
        if let Some(id) = e.correlation_id() {
            x = x.with_correlation_id(id);
        }
        return x;
    }
    e
}

// ---------------------------------------------------------------------------------------------------
// Upload plan

/// How a blob of a given size is uploaded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UploadPlan {
    /// Size of the data (an upper bound when the data is produced while uploading).
    pub size: u64,
    /// Block size (the last block may be shorter).
    pub block_size: u64,
    /// The `x-ms-version` the requests carry.
    pub version: String,
    /// Whether the data goes in one Put Blob instead of blocks.
    pub single_put: bool,
}

impl UploadPlan {
    /// Plans an upload of `size` bytes with requests of `version`.
    ///
    /// The block size is `preferred_block` (0: [`DEFAULT_BLOCK_SIZE`]) or, when that would need more
    /// than 50,000 blocks, the smallest whole MiB that fits; data up to `single_put_max` (and the
    /// version's Put Blob limit) goes in one Put Blob.
    ///
    /// # Errors
    /// `invalid_argument` when the data cannot fit in 50,000 blocks of the version's largest block.
    pub fn new(size: u64, version: &str, preferred_block: u64, single_put_max: u64) -> Result<Self> {
        let lim = limits(version);
        let preferred = if preferred_block == 0 { DEFAULT_BLOCK_SIZE } else { preferred_block };
        let needed = size.div_ceil(MAX_BLOCKS).div_ceil(1 << 20) << 20;
        let block_size = preferred.max(needed).min(lim.max_block.max(1));
        if block_size.saturating_mul(MAX_BLOCKS) < size {
            return Err(Error::invalid_argument(format!(
                "{size} bytes do not fit in {MAX_BLOCKS} blocks of at most {} bytes (x-ms-version {version})",
                lim.max_block
            )));
        }
        let single_put = size <= single_put_max.min(lim.max_single_put);
        Ok(UploadPlan { size, block_size, version: version.to_string(), single_put })
    }

    /// Number of blocks.
    pub fn block_count(&self) -> u64 {
        self.size.div_ceil(self.block_size)
    }

    /// Offset and length of block `index`.
    pub fn block_range(&self, index: u64) -> (u64, u64) {
        let off = index * self.block_size;
        (off, self.block_size.min(self.size.saturating_sub(off)))
    }
}

/// The blocks a blob already holds, committed or staged, to resume an upload without re-sending them.
///
/// Block ids name their content ([`block_id`] embeds the block's index and CRC-64), so a block on the
/// server with the id and size of the block about to be sent holds exactly that data and is skipped.
/// Committed blocks count too: a Put Block List with `<Latest>` ids takes a committed block when no
/// uncommitted one has the id, so an upload whose commit answer was lost re-commits without re-sending.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StagedBlocks(HashMap<String, u64>);

impl StagedBlocks {
    /// From a block list: its uncommitted and its committed blocks.
    pub fn from_block_list(list: &BlockList) -> Self {
        StagedBlocks(list.committed.iter().chain(&list.uncommitted).map(|b| (b.id.clone(), b.size)).collect())
    }

    /// Whether the block `id` of `len` bytes is staged already.
    pub fn contains(&self, id: &str, len: u64) -> bool {
        self.0.get(id) == Some(&len)
    }

    /// Number of staged blocks.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether nothing is staged.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

// ---------------------------------------------------------------------------------------------------
// Service SAS signer

/// The development storage account of Azurite (and the old Azure Storage Emulator).
pub const DEV_ACCOUNT: &str = "devstoreaccount1";
/// The development account's key: public and well known (Azurite's README), so tests, benchmarks and the
/// emulator can mint SAS URLs without any secret.
pub const DEV_ACCOUNT_KEY: &str =
    "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

/// Signs a blob service SAS (`sr=b`) with an account key and returns its query string
/// (`sv=…&sr=b&sp=…&se=…&sig=…`), to append to `{endpoint}/{container}/{blob}?`.
///
/// `permissions` is the `sp` value in canonical order (e.g. `r`, `cw`, `racwd`); `expiry_unix` the
/// expiry (`se`) in Unix seconds; `version` the `sv` (≥ 2015-04-05; the string-to-sign follows the
/// version's layout). The emulator and tests use it; the Store mints its own.
///
/// # Errors
/// `invalid_argument` when the key is not base64 or the version is unknown.
pub fn sign_blob_sas(
    account: &str,
    key_base64: &str,
    container: &str,
    blob: &str,
    permissions: &str,
    expiry_unix: i64,
    version: &str,
) -> Result<String> {
    check_sas_version(version)?;
    let se = format_iso8601(expiry_unix);
    let resource = format!("/blob/{account}/{container}/{blob}");
    // sp, st, se, canonicalizedResource, si, sip, spr, sv, [sr, snapshot, [ses]], rscc, rscd, rsce, rscl, rsct
    let mut fields: Vec<&str> = vec![permissions, "", &se, &resource, "", "", "", version];
    if version >= "2018-11-09" {
        fields.extend(["b", ""]);
        if version >= "2020-12-06" {
            fields.push("");
        }
    }
    fields.extend(["", "", "", "", ""]);
    let sig = hmac_base64(key_base64, &fields.join("\n"))?;
    Ok(format!(
        "sv={}&sr=b&sp={}&se={}&sig={}",
        encode_query_value(version),
        encode_query_value(permissions),
        encode_query_value(&se),
        encode_query_value(&sig)
    ))
}

/// Signs an account SAS for the blob service (`ss=b`) and returns its query string
/// (`sv=…&ss=b&srt=…&sp=…&se=…&sig=…`). Needed where a service SAS cannot go: creating a container
/// (`srt=c`). Tests, benchmarks and the emulator use it against Azurite; the Store mints its own URLs.
///
/// `resource_types` is `srt` (`s`, `c`, `o` in that order, e.g. `sco`); `permissions` is `sp` in
/// canonical order (e.g. `rwdlac`).
///
/// # Errors
/// `invalid_argument` when the key is not base64 or the version is unknown.
pub fn sign_account_sas(
    account: &str,
    key_base64: &str,
    resource_types: &str,
    permissions: &str,
    expiry_unix: i64,
    version: &str,
) -> Result<String> {
    check_sas_version(version)?;
    let se = format_iso8601(expiry_unix);
    // account, sp, ss, srt, st, se, sip, spr, sv, [ses], then a final newline
    let mut fields: Vec<&str> = vec![account, permissions, "b", resource_types, "", &se, "", "", version];
    if version >= "2020-12-06" {
        fields.push("");
    }
    fields.push("");
    let sig = hmac_base64(key_base64, &fields.join("\n"))?;
    Ok(format!(
        "sv={}&ss=b&srt={}&sp={}&se={}&sig={}",
        encode_query_value(version),
        encode_query_value(resource_types),
        encode_query_value(permissions),
        encode_query_value(&se),
        encode_query_value(&sig)
    ))
}

fn check_sas_version(version: &str) -> Result<()> {
    if !is_version(version) || version < OLDEST_VERSION {
        return Err(Error::invalid_argument(format!("SAS version `{version}` is not supported (≥ {OLDEST_VERSION})")));
    }
    Ok(())
}

fn hmac_base64(key_base64: &str, to_sign: &str) -> Result<String> {
    let key = B64.decode(key_base64.trim()).map_err(|_| Error::invalid_argument("account key is not base64"))?;
    let mut mac = Hmac::<Sha256>::new_from_slice(&key).map_err(|_| Error::invalid_argument("bad account key"))?;
    mac.update(to_sign.as_bytes());
    Ok(B64.encode(mac.finalize().into_bytes()))
}

/// A full service-SAS URL: `{account_url}/{container}/{blob}?{sign_blob_sas(..)}` where `account_url`
/// is e.g. `https://{account}.blob.core.windows.net` or Azurite's `http://127.0.0.1:10000/devstoreaccount1`.
/// The blob name's `/` separators are kept; other characters are escaped.
///
/// # Errors
/// As [`sign_blob_sas`].
#[allow(clippy::too_many_arguments)]
pub fn blob_sas_url(
    account_url: &str,
    account: &str,
    key_base64: &str,
    container: &str,
    blob: &str,
    permissions: &str,
    expiry_unix: i64,
    version: &str,
) -> Result<String> {
    let q = sign_blob_sas(account, key_base64, container, blob, permissions, expiry_unix, version)?;
    let path: Vec<String> = blob.split('/').map(encode_path_segment).collect();
    Ok(format!("{}/{}/{}?{q}", account_url.trim_end_matches('/'), encode_path_segment(container), path.join("/")))
}

/// Create Container (`PUT {account_url}/{container}?restype=container&{sas}`), authorised by an account
/// SAS query from [`sign_account_sas`] (`srt` with `c`, `sp` with `c`). A `409 ContainerAlreadyExists`
/// answer means the container is there already.
pub fn create_container(account_url: &str, container: &str, account_sas: &str, version: &str) -> HttpRequest {
    let url = format!(
        "{}/{}?restype=container&{}",
        account_url.trim_end_matches('/'),
        encode_path_segment(container),
        account_sas.trim_start_matches('?')
    );
    base_request(Method::Put, url, version)
}

#[cfg(test)]
mod tests {
    use super::*;

    const URL: &str = "https://acct.blob.core.windows.net/c/sub/file.zip?sv=2019-12-12&ss=b&sr=b&sp=rcw&se=2030-01-01T00%3A00%3A00Z&sig=AbC+dEf%2Fg%3D";

    #[test]
    fn crc64_is_nvme_little_endian() {
        assert_eq!(crc64(b"123456789"), 0xae8b_1486_0a79_9888);
        let mut c = Crc64::new();
        c.update(b"1234");
        c.update(b"56789");
        assert_eq!(c.finalize(), crc64(b"123456789"));
        assert_eq!(crc64_header(0x0102030405060708), B64.encode([8, 7, 6, 5, 4, 3, 2, 1]));
    }

    #[test]
    fn sas_parse_fix_and_redact() {
        let s = SasUrl::parse(URL).unwrap();
        assert!(s.expose_url().contains("sig=AbC%2BdEf%2Fg%3D"), "{}", s.expose_url());
        assert_eq!(s.version(), Some("2019-12-12"));
        assert_eq!(s.permissions(), Some("rcw"));
        assert_eq!(s.expiry_unix(), Some(1_893_456_000));
        for shown in [format!("{s}"), format!("{s:?}")] {
            assert!(!shown.contains("AbC"), "{shown}");
        }
        assert!(s.check_write(1_700_000_000).is_ok());
        assert_eq!(s.check_write(1_893_456_000).unwrap_err().kind(), ErrorKind::SasExpired);
        let ro = SasUrl::parse(&URL.replace("sp=rcw", "sp=r")).unwrap();
        let e = ro.check_write(0).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::SasPermission);
        assert!(!format!("{e} {e:?}").contains("AbC"));
        assert!(SasUrl::parse("ftp://x/y").is_err());
        assert!(SasUrl::parse("https://x/y?se=notadate").is_err());
        let r = put_block(&s, s.request_version(), &block_id(0, 1), b"data");
        assert!(!format!("{r:?}").contains("AbC"));
        assert_eq!(r.header("x-ms-version"), Some("2019-12-12"));
        assert!(r.header("x-ms-content-crc64").is_some());
    }

    #[test]
    fn iso8601_forms() {
        assert_eq!(parse_iso8601("2030-01-01"), Some(1_893_456_000));
        assert_eq!(parse_iso8601("2030-01-01T00:00Z"), Some(1_893_456_000));
        assert_eq!(parse_iso8601("2030-01-01T01:00:00.1234567+01:00"), Some(1_893_456_000));
        assert_eq!(parse_iso8601("1970-01-01T00:00:10Z"), Some(10));
        assert_eq!(format_iso8601(1_893_456_000), "2030-01-01T00:00:00Z");
        assert_eq!(parse_iso8601(&format_iso8601(1_234_567_890)), Some(1_234_567_890));
        assert_eq!(parse_iso8601("2030-13-01"), None);
    }

    #[test]
    fn asset_requests_take_the_service_headers() {
        let s = SasUrl::parse(URL).unwrap();
        let headers = vec![
            ("x-ms-blob-type".to_string(), String::new()),
            ("Content-MD5".to_string(), String::new()),
            ("x-ms-meta-asset".to_string(), "screenshot-1".to_string()),
            ("X-Unknown-Computed".to_string(), String::new()),
        ];
        let r = put_asset_request(&s, "2019-12-12", b"png bytes", Some(content_type_for("Shot.PNG")), &headers);
        assert_eq!(r.header("x-ms-blob-type"), Some("BlockBlob"));
        assert_eq!(r.header("Content-MD5"), Some(content_md5(b"png bytes").as_str()));
        assert_eq!(r.header("Content-Type"), Some("image/png"));
        assert_eq!(r.header("x-ms-meta-asset"), Some("screenshot-1"));
        assert_eq!(r.header("X-Unknown-Computed"), None);
        assert!(r.body.is_empty());
        assert_eq!(content_type_for("a.jpeg"), "image/jpeg");
        assert_eq!(content_type_for("noext"), "application/octet-stream");
        let b = put_blob(&s, "2019-12-12", b"x".to_vec(), None);
        assert_eq!((b.body.as_slice(), b.header("Content-Type")), (&b"x"[..], None));
    }

    #[test]
    fn block_ids_are_fixed_length() {
        let a = block_id(0, 0);
        let b = block_id(49_999, u64::MAX);
        assert_eq!(a.len(), 32);
        assert_eq!(b.len(), 32);
    }

    #[test]
    fn plan_sizes_and_checksums() {
        let p = UploadPlan::new(1 << 30, "2021-12-02", 0, DEFAULT_SINGLE_PUT_MAX).unwrap();
        assert_eq!((p.block_size, p.block_count(), p.single_put), (4 << 20, 256, false));
        assert_eq!(p.block_range(255), (255 * (4 << 20), 4 << 20));
        let big = UploadPlan::new(1 << 40, "2021-12-02", 0, 0).unwrap();
        assert!(big.block_count() <= MAX_BLOCKS);
        assert_eq!(big.block_size % (1 << 20), 0);
        let old = UploadPlan::new(100 << 20, "2015-04-05", 0, 0).unwrap();
        assert_eq!(old.block_size, 4 << 20);
        assert!(UploadPlan::new(300 << 30, "2015-04-05", 0, 0).is_err());
        assert!(UploadPlan::new(1000, "2021-12-02", 0, DEFAULT_SINGLE_PUT_MAX).unwrap().single_put);
        assert!(matches!(BlockChecksum::compute("2015-04-05", b"x"), BlockChecksum::Md5(_)));
        assert!(matches!(BlockChecksum::compute("2019-02-02", b"x"), BlockChecksum::Crc64(_)));
    }

    #[test]
    fn block_list_and_errors() {
        let xml = "<?xml version=\"1.0\"?><BlockList><CommittedBlocks /><UncommittedBlocks><Block><Name>QUJD</Name><Size>5</Size></Block><Block><Name>REVG</Name><Size>7</Size></Block></UncommittedBlocks></BlockList>";
        let l = parse_block_list(&HttpResponse::new(200, xml)).unwrap();
        assert!(l.committed.is_empty());
        assert_eq!(l.uncommitted, vec![Block { id: "QUJD".into(), size: 5 }, Block { id: "REVG".into(), size: 7 }]);
        let staged = StagedBlocks::from_block_list(&l);
        assert!(staged.contains("QUJD", 5) && !staged.contains("QUJD", 6));
        let both = "<BlockList><CommittedBlocks><Block><Name>WFla</Name><Size>3</Size></Block></CommittedBlocks><UncommittedBlocks><Block><Name>QUJD</Name><Size>5</Size></Block></UncommittedBlocks></BlockList>";
        let staged = StagedBlocks::from_block_list(&parse_block_list(&HttpResponse::new(200, both)).unwrap());
        assert_eq!(staged.len(), 2);
        assert!(staged.contains("WFla", 3) && staged.contains("QUJD", 5));
        assert!(parse_block_list(&HttpResponse::new(404, "")).unwrap().uncommitted.is_empty());
        let err = |status, code: &str, detail: &str| {
            let body = format!("<?xml version=\"1.0\"?><Error><Code>{code}</Code><Message>m\nRequestId:x</Message><AuthenticationErrorDetail>{detail}</AuthenticationErrorDetail></Error>");
            error_from_response(&HttpResponse::new(status, body)).kind()
        };
        assert_eq!(err(400, "Crc64Mismatch", ""), ErrorKind::ChecksumMismatch);
        assert_eq!(err(400, "Md5Mismatch", ""), ErrorKind::ChecksumMismatch);
        assert_eq!(err(403, "AuthorizationPermissionMismatch", ""), ErrorKind::SasPermission);
        assert_eq!(
            err(403, "AuthenticationFailed", "Signed expiry time [x] has to be after signed start time"),
            ErrorKind::SasExpired
        );
        assert_eq!(err(403, "AuthenticationFailed", "Signature did not match"), ErrorKind::Forbidden);
        assert_eq!(err(503, "ServerBusy", ""), ErrorKind::Unavailable);
        let refused = HttpResponse::new(403, "<Error><Code>AuthorizationFailure</Code></Error>");
        let sas = SasUrl::parse(URL).unwrap();
        assert_eq!(sas_error_from_response(&sas, &refused, 1_893_456_000).kind(), ErrorKind::SasExpired);
        assert_eq!(sas_error_from_response(&sas, &refused, 1_893_455_999).kind(), ErrorKind::Forbidden);
        let busy = HttpResponse::new(503, "");
        assert_eq!(sas_error_from_response(&sas, &busy, 1_893_456_000).kind(), ErrorKind::Unavailable);
        let e = error_from_response(&HttpResponse::new(400, "").with_header("x-ms-error-code", "Crc64Mismatch"));
        assert_eq!(e.kind(), ErrorKind::ChecksumMismatch);
        assert_eq!(e.server_errors()[0].code, "Crc64Mismatch");
    }

    #[test]
    fn signer_layouts() {
        let key = DEV_ACCOUNT_KEY;
        let q = sign_blob_sas("devstoreaccount1", key, "c", "dir/b.zip", "rcw", 1_893_456_000, "2021-12-02").unwrap();
        assert!(q.starts_with("sv=2021-12-02&sr=b&sp=rcw&se=2030-01-01T00:00:00Z&sig="), "{q}");
        let q2 = sign_blob_sas("devstoreaccount1", key, "c", "dir/b.zip", "rcw", 1_893_456_000, "2019-12-12").unwrap();
        assert_ne!(q.split("sig=").nth(1), q2.split("sig=").nth(1));
        let url = blob_sas_url(
            "http://127.0.0.1:1/devstoreaccount1/",
            "devstoreaccount1",
            key,
            "c",
            "dir/b.zip",
            "r",
            0,
            "2021-12-02",
        )
        .unwrap();
        assert!(url.starts_with("http://127.0.0.1:1/devstoreaccount1/c/dir/b.zip?sv="));
        assert!(sign_blob_sas("a", "not base64!", "c", "b", "r", 0, "2021-12-02").is_err());
        let a = sign_account_sas("devstoreaccount1", key, "sco", "rwdlac", 1_893_456_000, "2021-12-02").unwrap();
        assert!(a.starts_with("sv=2021-12-02&ss=b&srt=sco&sp=rwdlac&se=2030-01-01T00:00:00Z&sig="), "{a}");
        assert!(sign_account_sas("a", key, "c", "r", 0, "2014-01-01").is_err());
        let a = sign_account_sas("devstoreaccount1", key, "sco", "rwc", 1_893_456_000, "2019-12-12").unwrap();
        assert!(a.starts_with("sv=2019-12-12&ss=b&srt=sco&sp=rwc&se=2030-01-01T00:00:00Z&sig="), "{a}");
        assert!(sign_account_sas("a", key, "c", "c", 0, "1999-01-01").is_err());
        let r = create_container("http://127.0.0.1:1/devstoreaccount1/", "ingestion", &a, "2019-12-12");
        assert_eq!(r.method, Method::Put);
        assert!(r
            .url
            .starts_with("http://127.0.0.1:1/devstoreaccount1/ingestion?restype=container&sv=2019-12-12&ss=b"));
        assert!(!format!("{r:?}").contains(a.split("sig=").nth(1).unwrap()));
    }
}
