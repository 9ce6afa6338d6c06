//! The entry names of a ZIP archive, read from its central directory (ZIP64 included), so that a
//! submission can be cross-checked against a ZIP it is about to upload without unpacking it. Only the
//! end records and the central directory are read: a multi-GB package costs a few kilobytes of I/O.

use std::io::{Read, Seek, SeekFrom};

use crate::error::{Error, ErrorKind, Result};

const EOCD_SIG: u32 = 0x0605_4b50;
const EOCD64_LOCATOR_SIG: u32 = 0x0706_4b50;
const EOCD64_SIG: u32 = 0x0606_4b50;
const CENTRAL_SIG: u32 = 0x0201_4b50;
/// End of central directory record without its comment.
const EOCD_LEN: u64 = 22;
/// The EOCD comment is at most 65,535 bytes, so the record starts in the last 64 KiB + 22 bytes.
const TAIL_MAX: u64 = 0xFFFF + EOCD_LEN;
/// A central directory larger than this is refused rather than read into memory (about 2 million entries).
const CENTRAL_DIRECTORY_MAX: u64 = 256 << 20;

fn bad(msg: impl Into<String>) -> Error {
    Error::new(ErrorKind::InvalidArchive, msg)
}

fn u16_at(b: &[u8], i: usize) -> u16 {
    u16::from_le_bytes([b[i], b[i + 1]])
}

fn u32_at(b: &[u8], i: usize) -> u32 {
    u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]])
}

fn u64_at(b: &[u8], i: usize) -> u64 {
    let mut a = [0u8; 8];
    a.copy_from_slice(&b[i..i + 8]);
    u64::from_le_bytes(a)
}

fn read_at<R: Read + Seek>(r: &mut R, offset: u64, len: u64) -> Result<Vec<u8>> {
    r.seek(SeekFrom::Start(offset)).map_err(Error::from)?;
    let mut buf = Vec::with_capacity(len as usize);
    r.take(len).read_to_end(&mut buf).map_err(Error::from)?;
    if buf.len() as u64 != len {
        return Err(bad(format!("ZIP archive truncated: {len} bytes expected at offset {offset}, {} present", buf.len())));
    }
    Ok(buf)
}

/// Every entry name of the ZIP archive in `r`, in central-directory order, as stored (a name that is not
/// valid UTF-8 is read lossily). Errors are `invalid_archive` (not a ZIP, truncated, inconsistent) or `io`.
pub(crate) fn entry_names<R: Read + Seek>(r: &mut R) -> Result<Vec<String>> {
    let len = r.seek(SeekFrom::End(0)).map_err(Error::from)?;
    if len < EOCD_LEN {
        return Err(bad(format!("not a ZIP archive: {len} bytes, shorter than an end-of-central-directory record")));
    }
    let tail_len = len.min(TAIL_MAX);
    let tail = read_at(r, len - tail_len, tail_len)?;
    let eocd = (0..=tail.len() - EOCD_LEN as usize)
        .rev()
        .find(|&i| u32_at(&tail, i) == EOCD_SIG)
        .ok_or_else(|| bad("not a ZIP archive: no end-of-central-directory record"))?;
    let mut count = u64::from(u16_at(&tail, eocd + 10));
    let mut cd_size = u64::from(u32_at(&tail, eocd + 12));
    let mut cd_offset = u64::from(u32_at(&tail, eocd + 16));
    // ZIP64: a locator right before the EOCD points at the ZIP64 end record, whose values win.
    if eocd >= 20 && u32_at(&tail, eocd - 20) == EOCD64_LOCATOR_SIG {
        let at = u64_at(&tail, eocd - 20 + 8);
        if at.checked_add(56).is_none_or(|end| end > len) {
            return Err(bad(format!("ZIP64 end record offset {at} lies outside the {len}-byte archive")));
        }
        let rec = read_at(r, at, 56)?;
        if u32_at(&rec, 0) != EOCD64_SIG {
            return Err(bad(format!("no ZIP64 end record at offset {at}")));
        }
        count = u64_at(&rec, 32);
        cd_size = u64_at(&rec, 40);
        cd_offset = u64_at(&rec, 48);
    }
    if cd_offset.checked_add(cd_size).is_none_or(|end| end > len) {
        return Err(bad(format!("central directory ({cd_size} bytes at offset {cd_offset}) lies outside the {len}-byte archive")));
    }
    if cd_size > CENTRAL_DIRECTORY_MAX {
        return Err(bad(format!("central directory of {cd_size} bytes, limit {CENTRAL_DIRECTORY_MAX}")));
    }
    let cd = read_at(r, cd_offset, cd_size)?;
    let mut names = Vec::with_capacity(count.min(cd_size / 46) as usize);
    let mut i = 0usize;
    while names.len() as u64 != count {
        if i + 46 > cd.len() || u32_at(&cd, i) != CENTRAL_SIG {
            return Err(bad(format!("central directory entry {} is malformed (at byte {i} of {})", names.len(), cd.len())));
        }
        let name_len = usize::from(u16_at(&cd, i + 28));
        let rest = usize::from(u16_at(&cd, i + 30)) + usize::from(u16_at(&cd, i + 32));
        let name = cd.get(i + 46..i + 46 + name_len).ok_or_else(|| bad(format!("central directory entry {} is truncated", names.len())))?;
        names.push(String::from_utf8_lossy(name).into_owned());
        i += 46 + name_len + rest;
    }
    Ok(names)
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use super::entry_names;
    use crate::package::{Compression, EntryOptions, ZipWriter};

    fn zip(names: &[&str], size_hint: Option<u64>) -> Vec<u8> {
        let mut w = ZipWriter::new(Vec::new());
        for n in names {
            let opts = match size_hint {
                Some(s) => EntryOptions::sized(s),
                None => EntryOptions::default(),
            }
            .with_compression(Compression::Stored);
            w.start_entry(n, opts).unwrap();
            w.write_data(b"x").unwrap();
            w.finish_entry().unwrap();
        }
        w.finish().unwrap()
    }

    #[test]
    fn reads_names_of_plain_and_zip64_archives() {
        let names = ["App.msixupload", "Images/en-us/1.png", "Trailers/Launch.mp4", "é.png"];
        assert_eq!(entry_names(&mut Cursor::new(zip(&names, Some(1)))).unwrap(), names);
        // No size hint: the writer marks every entry ZIP64.
        assert_eq!(entry_names(&mut Cursor::new(zip(&names, None))).unwrap(), names);
        assert!(entry_names(&mut Cursor::new(zip(&[], Some(1)))).unwrap().is_empty());
    }

    /// A ZIP written by CPython's `zipfile` (deflated entries, a directory entry, an entry forced to ZIP64,
    /// a non-ASCII name and an archive comment), so the reader is checked against another tool's output.
    const CPYTHON_ZIP: &str = "UEsDBBQAAAAIAHc5gV0AAAAAAgAAAAAAAAAHAAAASW1hZ2VzLwMAUEsDBBQAAAAIAHc5gV2MaFZRCQAAACgAAAAXAAAASW1hZ2VzL2VuLXVzL3Nob3QgMS5wbmfrDPBz7yQCAwBQSwMELQAAAAgAAAAhAI9dDl7//////////yMAFABQYWNrYWdlcy9BcHBfMS4wLjAuMF94NjQubXNpeHVwbG9hZAEAEABkAAAAAAAAAAYAAAAAAAAAq6igPQAAUEsDBBQAAAgIAHc5gV2EO2RrAwAAAAEAAAAWAAAAVHJhaWxlcnMvw5xuw69jb2RlLm1wNCsDAFBLAQIUAxQAAAAIAHc5gV0AAAAAAgAAAAAAAAAHAAAAAAAAAAAAEAD9QQAAAABJbWFnZXMvUEsBAhQDFAAAAAgAdzmBXYxoVlEJAAAAKAAAABcAAAAAAAAAAAAAAIABJwAAAEltYWdlcy9lbi11cy9zaG90IDEucG5nUEsBAi0DLQAAAAgAAAAhAI9dDl4GAAAAZAAAACMAAAAAAAAAAAAAAIABZQAAAFBhY2thZ2VzL0FwcF8xLjAuMC4wX3g2NC5tc2l4dXBsb2FkUEsBAhQDFAAACAgAdzmBXYQ7ZGsDAAAAAQAAABYAAAAAAAAAAAAAAIABwAAAAFRyYWlsZXJzL8OcbsOvY29kZS5tcDRQSwUGAAAAAAQABAAPAQAA9wAAADEAYnVpbHQgYnkgQ1B5dGhvbiB6aXBmaWxlLCB3aXRoIGFuIGFyY2hpdmUgY29tbWVudA==";

    #[test]
    fn reads_another_tools_archive() {
        use base64::Engine;
        let bytes = base64::engine::general_purpose::STANDARD.decode(CPYTHON_ZIP).unwrap();
        let names = entry_names(&mut Cursor::new(&bytes)).unwrap();
        assert_eq!(names, ["Images/", "Images/en-us/shot 1.png", "Packages/App_1.0.0.0_x64.msixupload", "Trailers/Ünïcode.mp4"]);
        let set = crate::validate::FileSet::from_zip_bytes(&bytes).unwrap();
        assert_eq!(set.iter().collect::<Vec<_>>(), ["Images/en-us/shot 1.png", "Packages/App_1.0.0.0_x64.msixupload", "Trailers/Ünïcode.mp4"]);
    }

    #[test]
    fn many_entries_use_the_zip64_end_record() {
        let names: Vec<String> = (0..66_000).map(|i| format!("f/{i}")).collect();
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        let got = entry_names(&mut Cursor::new(zip(&refs, Some(1)))).unwrap();
        assert_eq!(got.len(), 66_000);
        assert_eq!(got[65_999], "f/65999");
    }

    #[test]
    fn malformed_archives_are_invalid_archive_errors() {
        let good = zip(&["a.msix", "b.png"], Some(1));
        let mut cases: Vec<Vec<u8>> = vec![Vec::new(), b"PK".to_vec(), vec![0u8; 100], good[..good.len() - 1].to_vec()];
        for cut in [10, 40, good.len() / 2] {
            let mut t = good.clone();
            t.drain(..cut); // offsets now point past the data
            cases.push(t);
        }
        let mut wrong_count = good.clone();
        let n = wrong_count.len();
        wrong_count[n - 12] = 9; // EOCD says 9 entries
        cases.push(wrong_count);
        for (i, c) in cases.iter().enumerate() {
            let e = entry_names(&mut Cursor::new(c)).unwrap_err();
            assert_eq!(e.code(), "invalid_archive", "case {i}: {e:?}");
        }
        // Any single corrupted byte, of a classic and of a ZIP64 archive: an answer, never a panic.
        for good in [good, zip(&["a.msix"], None)] {
            for i in 0..good.len() {
                for b in [0x00, 0xFF] {
                    let mut t = good.clone();
                    t[i] = b;
                    let _ = entry_names(&mut Cursor::new(&t));
                }
            }
        }
    }
}
