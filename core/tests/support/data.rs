//! Temporary folders and generated test data: pseudo-random files, sparse files, and a writer that
//! leaves holes for runs of zeros (so a > 4 GiB archive of a sparse input costs no disk).

use std::fs::File;
use std::io::{Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

/// A folder under the system temp dir, removed (with its content) when dropped.
pub struct TempDir(PathBuf);

impl TempDir {
    /// A fresh, empty folder whose name starts with `label`.
    pub fn new(label: &str) -> TempDir {
        static N: AtomicU32 = AtomicU32::new(0);
        let p = std::env::temp_dir().join(format!(
            "storesubmit-{label}-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).expect("create temp dir");
        TempDir(p)
    }

    /// The folder.
    pub fn path(&self) -> &Path {
        &self.0
    }

    /// A path inside the folder (parent folders created).
    pub fn join(&self, rel: &str) -> PathBuf {
        let p = rel.split('/').fold(self.0.clone(), |p, s| p.join(s));
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).expect("create parent dir");
        }
        p
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A fast deterministic generator (xorshift64*): incompressible bytes without a dependency.
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Fills `buf`.
    pub fn fill(&mut self, buf: &mut [u8]) {
        let mut chunks = buf.chunks_exact_mut(8);
        for c in &mut chunks {
            c.copy_from_slice(&self.next_u64().to_le_bytes());
        }
        let rest = chunks.into_remainder();
        let last = self.next_u64().to_le_bytes();
        rest.copy_from_slice(&last[..rest.len()]);
    }
}

/// `len` pseudo-random bytes.
pub fn random_bytes(seed: u64, len: usize) -> Vec<u8> {
    let mut v = vec![0u8; len];
    Rng::new(seed).fill(&mut v);
    v
}

/// `len` bytes (at least 33) that start as a PNG of `width` x `height` (signature and `IHDR` chunk; the rest
/// pseudo-random): what validation reads of a listing image.
pub fn png_bytes(seed: u64, width: u32, height: u32, len: usize) -> Vec<u8> {
    let mut v = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    v.extend_from_slice(&width.to_be_bytes());
    v.extend_from_slice(&height.to_be_bytes());
    v.extend_from_slice(&[8, 6, 0, 0, 0, 0, 0, 0, 0]);
    v.extend(random_bytes(seed, len.saturating_sub(v.len())));
    v
}

/// `len` bytes (at least 16) that start as an MP4 file (an `ftyp` box; the rest pseudo-random): what
/// validation reads of a trailer video.
pub fn mp4_bytes(seed: u64, len: usize) -> Vec<u8> {
    let mut v = b"\0\0\0\x10ftypmp42\0\0\0\0".to_vec();
    v.extend(random_bytes(seed, len.saturating_sub(v.len())));
    v
}

/// Writes `len` pseudo-random bytes to `path`, 1 MiB at a time.
pub fn write_random_file(path: &Path, seed: u64, len: u64) {
    let mut f = File::create(path).expect("create random file");
    let mut rng = Rng::new(seed);
    let mut buf = vec![0u8; 1 << 20];
    let mut left = len;
    while left > 0 {
        let n = left.min(buf.len() as u64) as usize;
        rng.fill(&mut buf[..n]);
        f.write_all(&buf[..n]).expect("write random file");
        left -= n as u64;
    }
}

/// Text that deflates well: numbered lines.
pub fn text(lines: usize) -> String {
    (0..lines).map(|i| format!("line {i}: the quick brown fox jumps over the lazy dog\n")).collect()
}

/// A sparse file of `len` bytes, zero except for `marks` (offset, bytes): reading it costs no disk.
pub fn sparse_file(path: &Path, len: u64, marks: &[(u64, &[u8])]) {
    let mut f = File::create(path).expect("create sparse file");
    f.set_len(len).expect("set_len");
    for (off, bytes) in marks {
        f.seek(SeekFrom::Start(*off)).unwrap();
        f.write_all(bytes).unwrap();
    }
}

/// CRC-32 (the ZIP one) and size of a file, read in 1 MiB chunks.
pub fn file_crc32(path: &Path) -> (u32, u64) {
    use std::io::Read;
    let mut f = File::open(path).expect("open");
    let mut h = crc32fast::Hasher::new();
    let mut buf = vec![0u8; 1 << 20];
    let mut n = 0u64;
    loop {
        let r = f.read(&mut buf).unwrap();
        if r == 0 {
            break;
        }
        h.update(&buf[..r]);
        n += r as u64;
    }
    (h.finalize(), n)
}

/// A `Write + Seek` file that seeks over all-zero writes instead of writing them, leaving holes: a
/// multi-GiB archive of sparse input stays sparse on disk. The length is fixed up on `flush`.
pub struct SparseWriter {
    file: File,
    pos: u64,
    len: u64,
}

impl SparseWriter {
    /// Creates (truncates) `path`.
    pub fn create(path: &Path) -> SparseWriter {
        SparseWriter { file: File::create(path).expect("create"), pos: 0, len: 0 }
    }
}

impl Write for SparseWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        // slice equality is a memcmp, fast even in a debug build
        static ZEROS: [u8; 1 << 16] = [0; 1 << 16];
        if buf.len() >= 4096 && buf.chunks(ZEROS.len()).all(|c| c == &ZEROS[..c.len()]) {
            self.file.seek(SeekFrom::Current(buf.len() as i64))?;
        } else {
            self.file.write_all(buf)?;
        }
        self.pos += buf.len() as u64;
        self.len = self.len.max(self.pos);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.file.metadata()?.len() < self.len {
            self.file.set_len(self.len)?;
        }
        self.file.flush()
    }
}

impl Seek for SparseWriter {
    fn seek(&mut self, to: SeekFrom) -> std::io::Result<u64> {
        self.pos = self.file.seek(to)?;
        Ok(self.pos)
    }
}

/// The CRC-32 of `n` zero bytes, computed without touching `n` bytes (CRC combination, O(log n)).
fn zeros_hasher(n: u64) -> crc32fast::Hasher {
    let mut pow = crc32fast::Hasher::new();
    pow.update(&[0]);
    let mut acc = crc32fast::Hasher::new();
    let mut bits = n;
    while bits > 0 {
        if bits & 1 == 1 {
            acc.combine(&pow);
        }
        let p = pow.clone();
        pow.combine(&p);
        bits >>= 1;
    }
    acc
}

/// The CRC-32 of the file [`sparse_file`] writes, computed independently of any reader or writer and
/// without reading gigabytes (marks sorted by offset, not overlapping).
pub fn sparse_crc32(len: u64, marks: &[(u64, &[u8])]) -> u32 {
    let mut h = crc32fast::Hasher::new();
    let mut pos = 0u64;
    for (off, bytes) in marks {
        h.combine(&zeros_hasher(off - pos));
        h.update(bytes);
        pos = off + bytes.len() as u64;
    }
    h.combine(&zeros_hasher(len - pos));
    h.finalize()
}
