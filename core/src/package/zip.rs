//! The ZIP writer (APPNOTE 6.3.x subset: methods 0 and 8, data descriptors, ZIP64, UTF-8 names).

use std::collections::HashSet;
use std::io::{Read, Seek, SeekFrom, Write};

use flate2::{Compress, FlushCompress, Status};

use super::names::{default_compression, entry_name, Compression};
use crate::error::{Error, ErrorKind, Result};

/// Entries whose declared size reaches this get ZIP64 local headers (room for deflate's worst-case
/// growth below the 4 GiB field limit).
pub const ZIP64_ENTRY_THRESHOLD: u64 = 0xF000_0000;

const LOCAL_SIG: u32 = 0x0403_4b50;
pub(super) const CENTRAL_SIG: u32 = 0x0201_4b50;
const DESCRIPTOR_SIG: u32 = 0x0807_4b50;
pub(super) const EOCD_SIG: u32 = 0x0605_4b50;
pub(super) const EOCD64_SIG: u32 = 0x0606_4b50;
pub(super) const EOCD64_LOCATOR_SIG: u32 = 0x0706_4b50;
/// 1980-01-01 00:00:00, the earliest DOS date: every entry gets it (reproducible output).
const DOS_DATE: u16 = (1 << 5) | 1;
const DOS_TIME: u16 = 0;
/// "Version made by" host 3 (Unix): with host 0 (MS-DOS) Info-ZIP's `unzip` re-decodes names as CP437
/// even when the UTF-8 flag is set, mangling non-ASCII names; Unix hosts keep them.
const MADE_BY_UNIX: u16 = 3 << 8;
/// The Unix mode every entry gets (a regular file, `rw-r--r--`): a fixed value, so output is
/// reproducible, and extracted files are readable.
const UNIX_FILE_0644: u32 = 0o100_644;
const FLAG_DESCRIPTOR: u16 = 1 << 3;
const FLAG_UTF8: u16 = 1 << 11;
const DEFLATE_LEVEL: u32 = 6;
const U32_MAX: u64 = 0xFFFF_FFFF;

/// Options of one entry.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EntryOptions {
    /// Stored or deflated; `None` picks by extension ([`default_compression`]).
    pub compression: Option<Compression>,
    /// The entry's uncompressed size when known. Unknown sizes, and sizes from
    /// [`ZIP64_ENTRY_THRESHOLD`] up, get ZIP64 local headers; a known smaller size keeps the entry
    /// classic (more compact). Writing more than 4 GiB into an entry declared smaller is an error.
    pub size_hint: Option<u64>,
}

impl EntryOptions {
    /// Options with a known size and the default method.
    pub fn sized(size: u64) -> Self {
        EntryOptions { compression: None, size_hint: Some(size) }
    }

    /// Sets the method (builder style).
    pub fn with_compression(mut self, c: Compression) -> Self {
        self.compression = Some(c);
        self
    }
}

struct Counting<W> {
    inner: W,
    pos: u64,
}

impl<W: Write> Counting<W> {
    fn put(&mut self, b: &[u8]) -> Result<()> {
        self.inner.write_all(b)?;
        self.pos += b.len() as u64;
        Ok(())
    }
}

struct Record {
    name: String,
    method: u16,
    flags: u16,
    crc: u32,
    csize: u64,
    usize: u64,
    offset: u64,
    zip64_local: bool,
}

struct Current {
    rec: Record,
    hasher: crc32fast::Hasher,
    deflate: bool,
}

/// A patch a seekable writer applies to a finished entry's local header.
struct Patch {
    offset: u64,
    fixed: [u8; 12],
    zip64: Option<(u64, [u8; 16])>,
}

/// A streaming ZIP writer over any [`Write`]; needs no `Seek`.
///
/// Use: [`ZipWriter::start_entry`], [`ZipWriter::write_data`] (any number of times),
/// [`ZipWriter::finish_entry`]; or [`ZipWriter::add_reader`] for a whole entry; then
/// [`ZipWriter::finish`]. Each entry's CRC-32 and sizes follow its data in a data descriptor.
/// After an error the writer refuses further use (the output is incomplete).
pub struct ZipWriter<W: Write> {
    out: Counting<W>,
    entries: Vec<Record>,
    names: HashSet<String>,
    current: Option<Current>,
    descriptors: bool,
    /// One deflate state for the whole archive, reset per entry: a fresh state costs hundreds of KiB of
    /// zeroed memory, which for tens of thousands of small entries would dominate the run time.
    deflater: Option<Compress>,
    deflate_buf: Vec<u8>,
    read_buf: Vec<u8>,
    failed: bool,
}

fn le16(v: &mut Vec<u8>, x: u16) {
    v.extend_from_slice(&x.to_le_bytes());
}
fn le32(v: &mut Vec<u8>, x: u32) {
    v.extend_from_slice(&x.to_le_bytes());
}
fn le64(v: &mut Vec<u8>, x: u64) {
    v.extend_from_slice(&x.to_le_bytes());
}
fn clamp32(x: u64) -> u32 {
    if x >= U32_MAX {
        u32::MAX
    } else {
        x as u32
    }
}

impl<W: Write> ZipWriter<W> {
    /// A streaming writer (data descriptors) writing to `out` from its current position.
    pub fn new(out: W) -> Self {
        Self::with_mode(out, true)
    }

    fn with_mode(out: W, descriptors: bool) -> Self {
        ZipWriter {
            out: Counting { inner: out, pos: 0 },
            entries: Vec::new(),
            names: HashSet::new(),
            current: None,
            descriptors,
            deflater: None,
            deflate_buf: Vec::new(),
            read_buf: Vec::new(),
            failed: false,
        }
    }

    /// Bytes written so far.
    pub fn bytes_written(&self) -> u64 {
        self.out.pos
    }

    /// The output, to read what was written so far (a sans-IO machine takes finished blocks from an
    /// in-memory sink between writes).
    pub fn get_ref(&self) -> &W {
        &self.out.inner
    }

    /// The output, mutably: a caller may drain an in-memory sink between writes (what it takes is
    /// still counted in [`ZipWriter::bytes_written`]). Writing to it directly corrupts the archive.
    pub fn get_mut(&mut self) -> &mut W {
        &mut self.out.inner
    }

    /// Entries started so far.
    pub fn entry_count(&self) -> usize {
        self.entries.len() + usize::from(self.current.is_some())
    }

    fn check_usable(&self) -> Result<()> {
        if self.failed {
            return Err(Error::new(
                ErrorKind::InvalidArchive,
                "the ZIP writer failed earlier; the archive is incomplete",
            ));
        }
        Ok(())
    }

    fn guard<T>(&mut self, r: Result<T>) -> Result<T> {
        if r.is_err() {
            self.failed = true;
        }
        r
    }

    /// Starts an entry. The name goes through [`entry_name`] (`\` → `/`, NFC, safety checks).
    ///
    /// # Errors
    /// `invalid_archive` for an unsafe name, a duplicate name or an entry still open; `io` when writing fails.
    pub fn start_entry(&mut self, name: &str, opts: EntryOptions) -> Result<()> {
        self.check_usable()?;
        if self.current.is_some() {
            return Err(Error::new(ErrorKind::InvalidArchive, "start_entry called before finish_entry"));
        }
        let name = entry_name(name)?;
        if self.names.contains(&name) {
            return Err(Error::new(ErrorKind::InvalidArchive, format!("duplicate entry name `{name}`")));
        }
        let compression = opts.compression.unwrap_or_else(|| default_compression(&name));
        let zip64_local = opts.size_hint.is_none_or(|s| s >= ZIP64_ENTRY_THRESHOLD);
        let mut flags = if self.descriptors { FLAG_DESCRIPTOR } else { 0 };
        if !name.is_ascii() {
            flags |= FLAG_UTF8;
        }
        let method = match compression {
            Compression::Stored => 0,
            Compression::Deflated => 8,
        };
        let rec = Record { name, method, flags, crc: 0, csize: 0, usize: 0, offset: self.out.pos, zip64_local };
        let mut h = Vec::with_capacity(30 + rec.name.len() + 20);
        le32(&mut h, LOCAL_SIG);
        le16(&mut h, if zip64_local { 45 } else { 20 });
        le16(&mut h, flags);
        le16(&mut h, method);
        le16(&mut h, DOS_TIME);
        le16(&mut h, DOS_DATE);
        le32(&mut h, 0);
        let size_field = if zip64_local { u32::MAX } else { 0 };
        le32(&mut h, size_field);
        le32(&mut h, size_field);
        le16(&mut h, rec.name.len() as u16);
        le16(&mut h, if zip64_local { 20 } else { 0 });
        h.extend_from_slice(rec.name.as_bytes());
        if zip64_local {
            le16(&mut h, 0x0001);
            le16(&mut h, 16);
            le64(&mut h, 0);
            le64(&mut h, 0);
        }
        let r = self.out.put(&h);
        self.guard(r)?;
        self.names.insert(rec.name.clone());
        let deflate = method == 8;
        if deflate {
            match self.deflater.as_mut() {
                Some(z) => z.reset(),
                None => self.deflater = Some(Compress::new(flate2::Compression::new(DEFLATE_LEVEL), false)),
            }
            if self.deflate_buf.is_empty() {
                self.deflate_buf = vec![0; 256 * 1024];
            }
        }
        self.current = Some(Current { rec, hasher: crc32fast::Hasher::new(), deflate });
        Ok(())
    }

    /// Appends data to the open entry.
    ///
    /// # Errors
    /// `invalid_archive` when no entry is open; `io` when writing fails.
    pub fn write_data(&mut self, data: &[u8]) -> Result<()> {
        self.check_usable()?;
        if self.current.is_none() {
            return Err(Error::new(ErrorKind::InvalidArchive, "write_data called with no open entry"));
        }
        let r = self.write_data_inner(data);
        self.guard(r)
    }

    fn write_data_inner(&mut self, all: &[u8]) -> Result<()> {
        let cur = self
            .current
            .as_mut()
            .ok_or_else(|| Error::new(ErrorKind::InvalidArchive, "write_data called with no open entry"))?;
        cur.rec.usize += all.len() as u64;
        let mut data = all;
        match self.deflater.as_mut().filter(|_| cur.deflate) {
            None => {
                self.out.put(data)?;
                cur.rec.csize += data.len() as u64;
            }
            Some(z) => {
                while !data.is_empty() {
                    let (i0, o0) = (z.total_in(), z.total_out());
                    z.compress(data, &mut self.deflate_buf, FlushCompress::None)
                        .map_err(|e| Error::new(ErrorKind::InvalidArchive, format!("deflate failed: {e}")))?;
                    let consumed = (z.total_in() - i0) as usize;
                    let produced = (z.total_out() - o0) as usize;
                    self.out.put(&self.deflate_buf[..produced])?;
                    cur.rec.csize += produced as u64;
                    data = &data[consumed..];
                    if consumed == 0 && produced == 0 {
                        return Err(Error::new(ErrorKind::InvalidArchive, "deflate made no progress"));
                    }
                }
            }
        }
        // checksummed after it was written or compressed: the data is in the CPU cache by now, so the
        // CRC costs almost nothing (checksumming first would read it from memory twice)
        cur.hasher.update(all);
        Ok(())
    }

    fn end_entry(&mut self) -> Result<Option<Patch>> {
        self.check_usable()?;
        if self.current.is_none() {
            return Err(Error::new(ErrorKind::InvalidArchive, "finish_entry called with no open entry"));
        }
        let r = self.end_entry_inner();
        self.guard(r)
    }

    fn end_entry_inner(&mut self) -> Result<Option<Patch>> {
        let mut cur = self
            .current
            .take()
            .ok_or_else(|| Error::new(ErrorKind::InvalidArchive, "finish_entry called with no open entry"))?;
        if let Some(z) = self.deflater.as_mut().filter(|_| cur.deflate) {
            loop {
                let o0 = z.total_out();
                let st = z
                    .compress(&[], &mut self.deflate_buf, FlushCompress::Finish)
                    .map_err(|e| Error::new(ErrorKind::InvalidArchive, format!("deflate failed: {e}")))?;
                let produced = (z.total_out() - o0) as usize;
                self.out.put(&self.deflate_buf[..produced])?;
                cur.rec.csize += produced as u64;
                if st == Status::StreamEnd {
                    break;
                }
                if produced == 0 {
                    return Err(Error::new(ErrorKind::InvalidArchive, "deflate made no progress"));
                }
            }
        }
        let mut rec = cur.rec;
        rec.crc = cur.hasher.finalize();
        if !rec.zip64_local && (rec.usize >= U32_MAX || rec.csize >= U32_MAX) {
            return Err(Error::new(
                ErrorKind::InvalidArchive,
                format!("entry `{}` grew past 4 GiB but was declared smaller (size_hint)", rec.name),
            ));
        }
        let patch = if self.descriptors {
            let mut d = Vec::with_capacity(24);
            le32(&mut d, DESCRIPTOR_SIG);
            le32(&mut d, rec.crc);
            if rec.zip64_local {
                le64(&mut d, rec.csize);
                le64(&mut d, rec.usize);
            } else {
                le32(&mut d, rec.csize as u32);
                le32(&mut d, rec.usize as u32);
            }
            self.out.put(&d)?;
            None
        } else {
            let mut fixed = [0u8; 12];
            fixed[..4].copy_from_slice(&rec.crc.to_le_bytes());
            let (c, u) = if rec.zip64_local { (u32::MAX, u32::MAX) } else { (rec.csize as u32, rec.usize as u32) };
            fixed[4..8].copy_from_slice(&c.to_le_bytes());
            fixed[8..].copy_from_slice(&u.to_le_bytes());
            let zip64 = rec.zip64_local.then(|| {
                let mut x = [0u8; 16];
                x[..8].copy_from_slice(&rec.usize.to_le_bytes());
                x[8..].copy_from_slice(&rec.csize.to_le_bytes());
                (rec.offset + 30 + rec.name.len() as u64 + 4, x)
            });
            Some(Patch { offset: rec.offset + 14, fixed, zip64 })
        };
        self.entries.push(rec);
        Ok(patch)
    }

    /// Closes the open entry (writes its data descriptor).
    ///
    /// # Errors
    /// `invalid_archive` when no entry is open or a classic entry grew past 4 GiB; `io` on write errors.
    pub fn finish_entry(&mut self) -> Result<()> {
        self.end_entry().map(|_| ())
    }

    /// Adds a whole entry from a reader, reading it once in [`super::READ_BUFFER`]-sized chunks (one
    /// buffer per writer, reused by every entry). Returns the number of bytes read.
    ///
    /// # Errors
    /// As [`ZipWriter::start_entry`], plus `io` when reading fails.
    pub fn add_reader(&mut self, name: &str, opts: EntryOptions, reader: &mut dyn Read) -> Result<u64> {
        self.start_entry(name, opts)?;
        let mut buf = self.take_read_buf();
        let r = pump(reader, &mut buf, |chunk| self.write_data(chunk));
        self.read_buf = buf;
        let total = self.guard(r)?;
        self.finish_entry()?;
        Ok(total)
    }

    fn take_read_buf(&mut self) -> Vec<u8> {
        let buf = std::mem::take(&mut self.read_buf);
        if buf.is_empty() {
            vec![0; super::READ_BUFFER]
        } else {
            buf
        }
    }

    /// Writes the central directory and end records, flushes, and returns the output.
    ///
    /// # Errors
    /// `invalid_archive` when an entry is still open; `io` on write errors.
    pub fn finish(mut self) -> Result<W> {
        self.check_usable()?;
        if self.current.is_some() {
            return Err(Error::new(ErrorKind::InvalidArchive, "finish called with an entry still open"));
        }
        let cd_start = self.out.pos;
        let mut buf = Vec::with_capacity(64 * 1024);
        let entries = std::mem::take(&mut self.entries);
        for rec in &entries {
            let big_u = rec.zip64_local || rec.usize >= U32_MAX;
            let big_c = rec.zip64_local || rec.csize >= U32_MAX;
            let big_o = rec.offset >= U32_MAX;
            let extra_len = 8 * (u16::from(big_u) + u16::from(big_c) + u16::from(big_o));
            let zip64 = extra_len > 0;
            le32(&mut buf, CENTRAL_SIG);
            le16(&mut buf, MADE_BY_UNIX | if zip64 { 45 } else { 20 });
            le16(&mut buf, if zip64 { 45 } else { 20 });
            le16(&mut buf, rec.flags);
            le16(&mut buf, rec.method);
            le16(&mut buf, DOS_TIME);
            le16(&mut buf, DOS_DATE);
            le32(&mut buf, rec.crc);
            le32(&mut buf, if big_c { u32::MAX } else { rec.csize as u32 });
            le32(&mut buf, if big_u { u32::MAX } else { rec.usize as u32 });
            le16(&mut buf, rec.name.len() as u16);
            le16(&mut buf, if zip64 { extra_len + 4 } else { 0 });
            le16(&mut buf, 0); // comment
            le16(&mut buf, 0); // disk
            le16(&mut buf, 0); // internal attributes
            le32(&mut buf, UNIX_FILE_0644 << 16); // external attributes: the Unix mode
            le32(&mut buf, if big_o { u32::MAX } else { rec.offset as u32 });
            buf.extend_from_slice(rec.name.as_bytes());
            if zip64 {
                le16(&mut buf, 0x0001);
                le16(&mut buf, extra_len);
                if big_u {
                    le64(&mut buf, rec.usize);
                }
                if big_c {
                    le64(&mut buf, rec.csize);
                }
                if big_o {
                    le64(&mut buf, rec.offset);
                }
            }
            if buf.len() >= 60 * 1024 {
                let r = self.out.put(&buf);
                self.guard(r)?;
                buf.clear();
            }
        }
        let r = self.out.put(&buf);
        self.guard(r)?;
        buf.clear();
        let cd_end = self.out.pos;
        let cd_size = cd_end - cd_start;
        let count = entries.len() as u64;
        if count >= 0xFFFF || cd_start >= U32_MAX || cd_size >= U32_MAX {
            le32(&mut buf, EOCD64_SIG);
            le64(&mut buf, 44);
            le16(&mut buf, 45);
            le16(&mut buf, 45);
            le32(&mut buf, 0);
            le32(&mut buf, 0);
            le64(&mut buf, count);
            le64(&mut buf, count);
            le64(&mut buf, cd_size);
            le64(&mut buf, cd_start);
            le32(&mut buf, EOCD64_LOCATOR_SIG);
            le32(&mut buf, 0);
            le64(&mut buf, cd_end);
            le32(&mut buf, 1);
        }
        le32(&mut buf, EOCD_SIG);
        le16(&mut buf, 0);
        le16(&mut buf, 0);
        let c16 = if count >= 0xFFFF { 0xFFFF } else { count as u16 };
        le16(&mut buf, c16);
        le16(&mut buf, c16);
        le32(&mut buf, clamp32(cd_size));
        le32(&mut buf, clamp32(cd_start));
        le16(&mut buf, 0);
        let r = self.out.put(&buf);
        self.guard(r)?;
        let r = self.out.inner.flush().map_err(Error::from);
        self.guard(r)?;
        Ok(self.out.inner)
    }
}

/// An upper bound of the size of the streamed archive ([`ZipWriter`]) of entries given as
/// `(entry name length, uncompressed size, compression)`: stored data, deflate's worst case, local
/// header, data descriptor, central directory record (ZIP64 fields included) and the end records. An
/// upload chooses its block size from it before the archive exists.
pub fn archive_size_bound(entries: impl IntoIterator<Item = (usize, u64, Compression)>) -> u64 {
    entries
        .into_iter()
        .map(|(name_len, size, compression)| {
            let data = match compression {
                Compression::Stored => size,
                Compression::Deflated => size + size / 1000 + 1024,
            };
            data + 2 * name_len as u64 + 30 + 20 + 24 + 46 + 28
        })
        .sum::<u64>()
        + 22
        + 56
        + 20
}

/// A ZIP writer over a `Write + Seek` (a file): like [`ZipWriter`], but each local header is patched with
/// the entry's CRC-32 and sizes when the entry finishes, so the archive has no data descriptors. Writes
/// from the output's current position.
pub struct SeekZipWriter<W: Write + Seek> {
    inner: ZipWriter<W>,
    base: u64,
}

impl<W: Write + Seek> SeekZipWriter<W> {
    /// A writer starting at `out`'s current position.
    ///
    /// # Errors
    /// `io` when the position cannot be read.
    pub fn new(mut out: W) -> Result<Self> {
        let base = out.stream_position()?;
        Ok(SeekZipWriter { inner: ZipWriter::with_mode(out, false), base })
    }

    /// See [`ZipWriter::start_entry`].
    ///
    /// # Errors
    /// As [`ZipWriter::start_entry`].
    pub fn start_entry(&mut self, name: &str, opts: EntryOptions) -> Result<()> {
        self.inner.start_entry(name, opts)
    }

    /// See [`ZipWriter::write_data`].
    ///
    /// # Errors
    /// As [`ZipWriter::write_data`].
    pub fn write_data(&mut self, data: &[u8]) -> Result<()> {
        self.inner.write_data(data)
    }

    /// Closes the open entry and patches its local header.
    ///
    /// # Errors
    /// As [`ZipWriter::finish_entry`], plus `io` when seeking fails.
    pub fn finish_entry(&mut self) -> Result<()> {
        let patch = self.inner.end_entry()?;
        if let Some(p) = patch {
            let r = self.apply(&p);
            self.inner.guard(r)?;
        }
        Ok(())
    }

    fn apply(&mut self, p: &Patch) -> Result<()> {
        let w = &mut self.inner.out.inner;
        w.seek(SeekFrom::Start(self.base + p.offset))?;
        w.write_all(&p.fixed)?;
        if let Some((off, bytes)) = &p.zip64 {
            w.seek(SeekFrom::Start(self.base + off))?;
            w.write_all(bytes)?;
        }
        w.seek(SeekFrom::Start(self.base + self.inner.out.pos))?;
        Ok(())
    }

    /// See [`ZipWriter::add_reader`].
    ///
    /// # Errors
    /// As [`ZipWriter::add_reader`].
    pub fn add_reader(&mut self, name: &str, opts: EntryOptions, reader: &mut dyn Read) -> Result<u64> {
        self.start_entry(name, opts)?;
        let mut buf = self.inner.take_read_buf();
        let r = pump(reader, &mut buf, |chunk| self.inner.write_data(chunk));
        self.inner.read_buf = buf;
        let total = self.inner.guard(r)?;
        self.finish_entry()?;
        Ok(total)
    }

    /// Bytes written so far.
    pub fn bytes_written(&self) -> u64 {
        self.inner.bytes_written()
    }

    /// Writes the central directory and returns the output.
    ///
    /// # Errors
    /// As [`ZipWriter::finish`].
    pub fn finish(self) -> Result<W> {
        self.inner.finish()
    }
}

/// Reads `reader` to its end through `buf`, handing each chunk to `sink`. Returns the bytes read.
fn pump(reader: &mut dyn Read, buf: &mut [u8], mut sink: impl FnMut(&[u8]) -> Result<()>) -> Result<u64> {
    let mut total = 0u64;
    loop {
        let n = match reader.read(buf) {
            Ok(0) => return Ok(total),
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e.into()),
        };
        sink(&buf[..n])?;
        total += n as u64;
    }
}

/// One sink for both writers, so packaging code is written once (the native `PackagePlan`).
#[cfg(not(target_arch = "wasm32"))]
pub(crate) trait EntrySink {
    fn start(&mut self, name: &str, opts: EntryOptions) -> Result<()>;
    fn data(&mut self, data: &[u8]) -> Result<()>;
    fn end(&mut self) -> Result<()>;
}

#[cfg(not(target_arch = "wasm32"))]
impl<W: Write> EntrySink for ZipWriter<W> {
    fn start(&mut self, name: &str, opts: EntryOptions) -> Result<()> {
        self.start_entry(name, opts)
    }
    fn data(&mut self, data: &[u8]) -> Result<()> {
        self.write_data(data)
    }
    fn end(&mut self) -> Result<()> {
        self.finish_entry()
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl<W: Write + Seek> EntrySink for SeekZipWriter<W> {
    fn start(&mut self, name: &str, opts: EntryOptions) -> Result<()> {
        self.start_entry(name, opts)
    }
    fn data(&mut self, data: &[u8]) -> Result<()> {
        self.write_data(data)
    }
    fn end(&mut self) -> Result<()> {
        self.finish_entry()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    fn sample(seek: bool) -> Vec<u8> {
        let text = "hello hello hello hello\n".repeat(1000);
        if seek {
            let mut z = SeekZipWriter::new(Cursor::new(Vec::new())).unwrap();
            z.add_reader("a.txt", EntryOptions::sized(text.len() as u64), &mut text.as_bytes()).unwrap();
            z.add_reader("Images\\b.png", EntryOptions::default(), &mut &b"PNGDATA"[..]).unwrap();
            z.finish().unwrap().into_inner()
        } else {
            let mut z = ZipWriter::new(Vec::new());
            z.add_reader("a.txt", EntryOptions::sized(text.len() as u64), &mut text.as_bytes()).unwrap();
            z.add_reader("Images\\b.png", EntryOptions::default(), &mut &b"PNGDATA"[..]).unwrap();
            z.finish().unwrap()
        }
    }

    #[test]
    fn deterministic_and_structured() {
        for seek in [false, true] {
            let a = sample(seek);
            assert_eq!(a, sample(seek), "same input gives the same bytes");
            assert_eq!(&a[..4], &LOCAL_SIG.to_le_bytes());
            let eocd = &a[a.len() - 22..];
            assert_eq!(&eocd[..4], &EOCD_SIG.to_le_bytes());
            assert_eq!(u16::from_le_bytes([eocd[10], eocd[11]]), 2);
            // deflated: the text entry is much smaller than its 24,000 bytes
            assert!(a.len() < 2000, "{}", a.len());
            assert!(a.windows(12).any(|w| w == b"Images/b.png"));
        }
    }

    #[test]
    fn misuse_is_a_typed_error() {
        let mut z = ZipWriter::new(Vec::new());
        assert_eq!(z.write_data(b"x").unwrap_err().kind(), ErrorKind::InvalidArchive);
        z.start_entry("a", EntryOptions::default()).unwrap();
        assert_eq!(z.start_entry("b", EntryOptions::default()).unwrap_err().kind(), ErrorKind::InvalidArchive);
        z.finish_entry().unwrap();
        assert_eq!(z.start_entry("a", EntryOptions::default()).unwrap_err().kind(), ErrorKind::InvalidArchive);
        assert_eq!(z.start_entry("../a", EntryOptions::default()).unwrap_err().kind(), ErrorKind::InvalidArchive);
        z.finish().unwrap();
    }
}
