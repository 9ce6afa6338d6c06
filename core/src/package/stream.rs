//! The ZIP of a set of files written from chunks a host reads, in any order they arrive, with bounded
//! memory: the one streaming writer behind both a zip-while-uploading blob upload (its output cut into
//! blocks) and a packaging job ([`super::job::PackJob`], its output cut into writes).

use std::collections::{BTreeMap, VecDeque};
use std::io::Write;

use super::{Compression, EntryOptions, ZipWriter};
use crate::error::{Error, ErrorKind, Result};

/// A ZIP's chunk is handed to the writer in pieces this size, so that each is checksummed while it is
/// still in the CPU cache (as `PackagePlan` does).
const FEED_PIECE: usize = 256 << 10;

/// A `Write` that cuts the stream into blocks of `block` bytes (`usize::MAX`: one block of everything).
pub(crate) struct BlockCutter {
    pub(crate) block: usize,
    pub(crate) cur: Vec<u8>,
    /// Buffers of blocks already sent, to fill again (fewer allocations of block-sized buffers).
    pub(crate) spare: Vec<Vec<u8>>,
    pub(crate) full: VecDeque<Vec<u8>>,
    pub(crate) full_bytes: u64,
    pub(crate) written: u64,
}

impl BlockCutter {
    pub(crate) fn new(block: usize) -> Self {
        BlockCutter { block, cur: Vec::new(), spare: Vec::new(), full: VecDeque::new(), full_bytes: 0, written: 0 }
    }

    fn push_cur(&mut self) {
        let b = std::mem::take(&mut self.cur);
        self.full_bytes += b.len() as u64;
        self.full.push_back(b);
    }

    fn buffered(&self) -> u64 {
        self.full_bytes + self.cur.len() as u64
    }
}

impl Write for BlockCutter {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        if self.cur.capacity() == 0 && self.block != usize::MAX {
            match self.spare.pop() {
                Some(mut b) => {
                    b.clear();
                    self.cur = b;
                }
                None => self.cur.reserve_exact(self.block.min(64 << 20)),
            }
        }
        let n = (self.block - self.cur.len()).min(data.len());
        self.cur.extend_from_slice(&data[..n]);
        self.written += n as u64;
        if self.cur.len() == self.block {
            self.push_cur();
        }
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// One file of a ZIP upload, sized.
pub(crate) struct ZipInput {
    pub(crate) name: String,
    pub(crate) entry: String,
    pub(crate) compression: Compression,
    pub(crate) size: u64,
}

/// The ZIP written inside the machine: reads in file order (a few ahead), fed to the writer in order.
pub(crate) struct ZipProducer {
    pub(crate) files: Vec<ZipInput>,
    pub(crate) chunk: u64,
    /// Next read: file index, offset.
    pub(crate) read_at: (usize, u64),
    /// Next data to feed: file index, offset.
    pub(crate) feed_at: (usize, u64),
    pub(crate) entry_open: bool,
    pub(crate) arrived: BTreeMap<(usize, u64), Vec<u8>>,
    pub(crate) arrived_bytes: u64,
    pub(crate) zip: Option<ZipWriter<BlockCutter>>,
    /// The cutter after `finish` (its last blocks).
    pub(crate) tail: Option<BlockCutter>,
    pub(crate) next_index: u32,
}

impl ZipProducer {
    /// A producer of the ZIP of `files` (in archive order): reads of at most `chunk` bytes, output cut
    /// into pieces of `cut` bytes (`usize::MAX`: one piece).
    pub(crate) fn new(files: Vec<ZipInput>, chunk: u64, cut: usize) -> Self {
        ZipProducer {
            files,
            chunk,
            read_at: (0, 0),
            feed_at: (0, 0),
            entry_open: false,
            arrived: BTreeMap::new(),
            arrived_bytes: 0,
            zip: Some(ZipWriter::new(BlockCutter::new(cut))),
            tail: None,
            next_index: 0,
        }
    }

    pub(crate) fn cutter(&self) -> &BlockCutter {
        match (&self.zip, &self.tail) {
            (Some(z), _) => z.get_ref(),
            (None, Some(t)) => t,
            (None, None) => unreachable!("a ZIP producer always has its writer or its tail"),
        }
    }

    pub(crate) fn cutter_mut(&mut self) -> &mut BlockCutter {
        match (&mut self.zip, &mut self.tail) {
            (Some(z), _) => z.get_mut(),
            (None, Some(t)) => t,
            (None, None) => unreachable!("a ZIP producer always has its writer or its tail"),
        }
    }

    pub(crate) fn next_read(&mut self) -> Option<(usize, u64, u64)> {
        while let Some(f) = self.files.get(self.read_at.0) {
            if self.read_at.1 >= f.size {
                self.read_at = (self.read_at.0 + 1, 0);
                continue;
            }
            let (i, off) = self.read_at;
            let len = self.chunk.min(f.size - off);
            self.read_at.1 += len;
            return Some((i, off, len));
        }
        None
    }

    pub(crate) fn on_data(&mut self, file: usize, offset: u64, data: Vec<u8>) -> Result<()> {
        self.arrived_bytes += data.len() as u64;
        self.arrived.insert((file, offset), data);
        self.feed()
    }

    /// Feeds every chunk that is next in order; finishes the archive after the last file.
    pub(crate) fn feed(&mut self) -> Result<()> {
        let Some(zip) = self.zip.as_mut() else { return Ok(()) };
        loop {
            let (i, off) = self.feed_at;
            let Some(f) = self.files.get(i) else {
                let zip = self.zip.take().expect("checked above");
                let mut cutter = zip.finish()?;
                if !cutter.cur.is_empty() {
                    cutter.push_cur();
                }
                self.tail = Some(cutter);
                return Ok(());
            };
            if !self.entry_open {
                zip.start_entry(&f.entry, EntryOptions { compression: Some(f.compression), size_hint: Some(f.size) })?;
                self.entry_open = true;
            }
            if off >= f.size {
                zip.finish_entry()?;
                self.entry_open = false;
                self.feed_at = (i + 1, 0);
                continue;
            }
            let Some(data) = self.arrived.remove(&(i, off)) else { return Ok(()) };
            self.arrived_bytes -= data.len() as u64;
            let want = self.chunk.min(f.size - off);
            if data.len() as u64 != want {
                return Err(changed_while_read(&f.name, off, want, data.len()));
            }
            for piece in data.chunks(FEED_PIECE) {
                zip.write_data(piece)?;
            }
            self.feed_at.1 += want;
        }
    }

    pub(crate) fn take_ready(&mut self) -> Option<(u32, Vec<u8>)> {
        let c = self.cutter_mut();
        let b = c.full.pop_front()?;
        c.full_bytes -= b.len() as u64;
        let i = self.next_index;
        self.next_index += 1;
        Some((i, b))
    }

    pub(crate) fn buffered(&self) -> u64 {
        self.arrived_bytes + self.cutter().buffered()
    }

    pub(crate) fn exhausted(&self) -> bool {
        self.tail.as_ref().is_some_and(|t| t.full.is_empty())
    }

    pub(crate) fn produced(&self) -> u64 {
        self.cutter().written
    }
}

pub(crate) fn changed_while_read(name: &str, offset: u64, want: u64, got: usize) -> Error {
    Error::new(
        ErrorKind::Io,
        format!("`{name}` changed while it was uploaded: {got} bytes at offset {offset} where {want} were expected"),
    )
}
