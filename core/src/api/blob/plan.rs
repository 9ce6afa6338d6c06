//! Upload planning: the limits of a service version, the block size and count for a size, and the
//! blocks a blob already holds (resume).

use std::collections::HashMap;

use super::responses::BlockList;
use super::{CRC64_MIN_VERSION, DEFAULT_BLOCK_SIZE, MAX_BLOCKS};
use crate::error::{Error, Result};

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
        let fits = preferred.saturating_mul(MAX_BLOCKS) >= size;
        let block_size = if fits { preferred } else { preferred.max(needed) }.min(lim.max_block.max(1));
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
