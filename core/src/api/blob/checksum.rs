//! Transactional checksums and block ids: Azure's CRC-64 (`x-ms-content-crc64`), `Content-MD5`, and block
//! ids that name their content (what makes resuming safe).

use std::fmt;

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine as _;
use crc::{Crc, Table, CRC_64_NVME};
use md5::{Digest as _, Md5};

use super::plan::limits;

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
