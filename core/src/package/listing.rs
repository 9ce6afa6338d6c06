//! Reading the entry names of an existing ZIP (its central directory), so validation can cross-check a
//! submission against a ZIP that was built elsewhere (`storesubmit validate --files package.zip`) and
//! the emulator can check an uploaded archive. Only the directory is read, never the data: a 4 GiB
//! archive costs a few reads. ZIP64 archives (more than 65,535 entries or beyond 4 GiB) are supported.

use crate::validate::FileSet;
use std::io::{Read, Seek, SeekFrom};

use crate::error::{Error, ErrorKind, Result};

use super::zip::{CENTRAL_SIG, EOCD64_LOCATOR_SIG as ZIP64_LOCATOR_SIG, EOCD64_SIG as ZIP64_EOCD_SIG, EOCD_SIG};

/// End of central directory record without its comment.
const EOCD_LEN: u64 = 22;
/// Longest ZIP comment.
const MAX_COMMENT: u64 = 0xFFFF;

fn invalid(msg: impl Into<String>) -> Error {
    Error::new(ErrorKind::InvalidArchive, msg.into())
}

fn le16(b: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([b[at], b[at + 1]])
}

fn le32(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

fn le64(b: &[u8], at: usize) -> u64 {
    let mut a = [0u8; 8];
    a.copy_from_slice(&b[at..at + 8]);
    u64::from_le_bytes(a)
}

fn read_at<R: Read + Seek>(r: &mut R, offset: u64, len: usize) -> Result<Vec<u8>> {
    r.seek(SeekFrom::Start(offset)).map_err(|e| Error::new(ErrorKind::Io, format!("seeking in the ZIP: {e}")))?;
    let mut buf = vec![0u8; len];
    r.read_exact(&mut buf).map_err(|_| invalid("the ZIP is truncated"))?;
    Ok(buf)
}

/// The names of every entry of a ZIP, in central-directory order (folders included, with their
/// trailing `/`). Names not flagged UTF-8 are read as UTF-8 anyway, lossily.
///
/// # Errors
/// `invalid_archive` when the data is not a ZIP or its directory is damaged; `io` when reading fails.
pub fn entry_names<R: Read + Seek>(mut r: R) -> Result<Vec<String>> {
    let len = r.seek(SeekFrom::End(0)).map_err(|e| Error::new(ErrorKind::Io, format!("reading the ZIP: {e}")))?;
    if len < EOCD_LEN {
        return Err(invalid("not a ZIP archive (too short)"));
    }
    let tail_len = len.min(EOCD_LEN + MAX_COMMENT);
    let tail = read_at(&mut r, len - tail_len, tail_len as usize)?;
    let eocd = (0..=tail.len() - EOCD_LEN as usize)
        .rev()
        .find(|&i| le32(&tail, i) == EOCD_SIG)
        .ok_or_else(|| invalid("not a ZIP archive (no end of central directory)"))?;
    let eocd_offset = len - tail_len + eocd as u64;
    let mut count = u64::from(le16(&tail, eocd + 10));
    let mut cd_size = u64::from(le32(&tail, eocd + 12));
    let mut cd_offset = u64::from(le32(&tail, eocd + 16));
    if count == 0xFFFF || cd_size == 0xFFFF_FFFF || cd_offset == 0xFFFF_FFFF {
        if eocd_offset < 20 {
            return Err(invalid("ZIP64 archive without its locator"));
        }
        let loc = read_at(&mut r, eocd_offset - 20, 20)?;
        if le32(&loc, 0) != ZIP64_LOCATOR_SIG {
            return Err(invalid("ZIP64 archive without its locator"));
        }
        let rec = read_at(&mut r, le64(&loc, 8), 56)?;
        if le32(&rec, 0) != ZIP64_EOCD_SIG {
            return Err(invalid("damaged ZIP64 end of central directory"));
        }
        count = le64(&rec, 32);
        cd_size = le64(&rec, 40);
        cd_offset = le64(&rec, 48);
    }
    if cd_offset.checked_add(cd_size).is_none_or(|end| end > len) {
        return Err(invalid("the central directory lies outside the archive"));
    }
    let cd = read_at(&mut r, cd_offset, cd_size as usize)?;
    let mut names = Vec::with_capacity(count.min(1 << 20) as usize);
    let mut at = 0usize;
    for _ in 0..count {
        if at + 46 > cd.len() || le32(&cd, at) != CENTRAL_SIG {
            return Err(invalid(format!("damaged central directory at entry {}", names.len())));
        }
        let (n, x, c) = (le16(&cd, at + 28) as usize, le16(&cd, at + 30) as usize, le16(&cd, at + 32) as usize);
        let end = at + 46 + n;
        if end + x + c > cd.len() {
            return Err(invalid(format!("damaged central directory at entry {}", names.len())));
        }
        names.push(String::from_utf8_lossy(&cd[at + 46..end]).into_owned());
        at = end + x + c;
    }
    Ok(names)
}

/// A ZIP's entries as the file set a submission is checked against (defined here, beside the reader of
/// entry names, so the validator does not depend on packaging).
impl FileSet {
    /// The entry names of a ZIP archive (read from its central directory only; ZIP64 included), e.g. the
    /// ZIP about to be uploaded. Errors: `invalid_archive` when `zip` is not a readable ZIP, `io`.
    pub fn from_zip<R: std::io::Read + std::io::Seek>(zip: R) -> crate::Result<Self> {
        // Folder entries (`Images/`) hold no file: only files can be named by a submission.
        Ok(FileSet::from_names(entry_names(zip)?.into_iter().filter(|n| !n.ends_with('/'))))
    }

    /// [`FileSet::from_zip`] for a ZIP held in memory (the browser page, bindings handed bytes).
    pub fn from_zip_bytes(zip: &[u8]) -> crate::Result<Self> {
        FileSet::from_zip(std::io::Cursor::new(zip))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::package::{EntryOptions, ZipWriter};

    #[test]
    fn lists_what_the_writer_wrote() {
        let mut w = ZipWriter::new(Vec::new());
        for name in ["a.msix", "Images/s1.png", "Trailers/Ünïcode.mp4"] {
            w.add_reader(name, EntryOptions::default(), &mut &b"data"[..]).unwrap();
        }
        let bytes = w.finish().unwrap();
        let names = entry_names(std::io::Cursor::new(&bytes)).unwrap();
        assert_eq!(names, ["a.msix", "Images/s1.png", "Trailers/Ünïcode.mp4"]);
        assert_eq!(
            entry_names(std::io::Cursor::new(b"not a zip at all, just text".to_vec())).unwrap_err().code(),
            "invalid_archive"
        );
        assert_eq!(
            entry_names(std::io::Cursor::new(bytes[..bytes.len() - 30].to_vec())).unwrap_err().code(),
            "invalid_archive"
        );
    }
}
