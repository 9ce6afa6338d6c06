//! Azure Blob storage, sans-IO: SAS URLs, the block blob requests an upload needs, their responses,
//! an upload plan, CRC-64 and a service-SAS signer: the pure parts the block-upload machine
//! ([`crate::upload`]) is written with.
//!
//! Submission ZIPs go to the SAS URL in `fileUploadUrl` as a block blob; win32 listing assets go to
//! `primaryAssetUploadUrl` with a single Put Blob. Nothing here opens a socket or keeps state between
//! requests: the machine that runs an upload is [`crate::upload::BlobUpload`].
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
//!
//! Modules by concern: `sas` (SAS URLs, ISO 8601), `checksum` (CRC-64, MD5, block ids), `requests`,
//! `responses` (block lists), `errors` (responses to typed errors), `plan` (limits, plan, staged blocks),
//! `dev` (signers, Create Container).

mod checksum;
mod dev;
mod errors;
mod plan;
mod requests;
mod responses;
mod sas;

pub use checksum::{block_id, content_md5, crc64, crc64_header, BlockChecksum, Crc64};
pub use dev::{blob_sas_url, create_container, sign_account_sas, sign_blob_sas, DEV_ACCOUNT, DEV_ACCOUNT_KEY};
pub use errors::{check_response, error_from_response, sas_error_from_response};
pub use plan::{limits, Limits, StagedBlocks, UploadPlan};
pub use requests::{
    content_type_for, get_block_list, put_asset_request, put_blob, put_blob_request, put_block, put_block_list,
    put_block_request,
};
pub use responses::{parse_block_list, Block, BlockList};
pub use sas::{format_iso8601, is_version, parse_iso8601, SasUrl};

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

#[cfg(test)]
mod tests;
