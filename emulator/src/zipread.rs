//! Reads the entry names of a ZIP archive from its central directory (ZIP64 included). The emulator's
//! commit needs nothing more: which files the uploaded archive holds.

fn u16_at(b: &[u8], i: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(i..i + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], i: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(i..i + 4)?.try_into().ok()?))
}

fn u64_at(b: &[u8], i: usize) -> Option<u64> {
    Some(u64::from_le_bytes(b.get(i..i + 8)?.try_into().ok()?))
}

/// The entry names of a ZIP archive, or a message saying why it is not a readable archive.
///
/// # Errors
/// A description of the first structural problem found (no end record, truncated directory, bad
/// signature, non-UTF-8 name).
pub fn entry_names(data: &[u8]) -> Result<Vec<String>, String> {
    if data.len() < 22 {
        return Err("the archive is shorter than a ZIP end-of-central-directory record".into());
    }
    let lowest = data.len().saturating_sub(22 + 65_535);
    let mut eocd = None;
    let mut i = data.len() - 22;
    loop {
        if u32_at(data, i) == Some(0x0605_4b50) {
            eocd = Some(i);
            break;
        }
        if i == lowest {
            break;
        }
        i -= 1;
    }
    let eocd = eocd.ok_or("no ZIP end-of-central-directory record found")?;
    let mut entries = u64::from(u16_at(data, eocd + 10).ok_or("truncated end record")?);
    let mut cd_size = u64::from(u32_at(data, eocd + 12).ok_or("truncated end record")?);
    let mut cd_offset = u64::from(u32_at(data, eocd + 16).ok_or("truncated end record")?);
    if entries == 0xFFFF || cd_size == 0xFFFF_FFFF || cd_offset == 0xFFFF_FFFF {
        // ZIP64: the locator sits just before the end record.
        let loc = eocd.checked_sub(20).ok_or("ZIP64 locator missing")?;
        if u32_at(data, loc) != Some(0x0706_4b50) {
            return Err("ZIP64 end-of-central-directory locator missing".into());
        }
        let rec = usize::try_from(u64_at(data, loc + 8).ok_or("truncated ZIP64 locator")?)
            .map_err(|_| "ZIP64 record offset out of range")?;
        if u32_at(data, rec) != Some(0x0606_4b50) {
            return Err("ZIP64 end-of-central-directory record missing".into());
        }
        entries = u64_at(data, rec + 32).ok_or("truncated ZIP64 record")?;
        cd_size = u64_at(data, rec + 40).ok_or("truncated ZIP64 record")?;
        cd_offset = u64_at(data, rec + 48).ok_or("truncated ZIP64 record")?;
    }
    let start = usize::try_from(cd_offset).map_err(|_| "central directory offset out of range")?;
    let end = start
        .checked_add(usize::try_from(cd_size).map_err(|_| "central directory size out of range")?)
        .filter(|e| *e <= data.len())
        .ok_or("the central directory lies outside the archive")?;
    let mut names = Vec::new();
    let mut p = start;
    for n in 0..entries {
        if p + 46 > end || u32_at(data, p) != Some(0x0201_4b50) {
            return Err(format!("central directory entry {n} is damaged"));
        }
        let name_len = usize::from(u16_at(data, p + 28).unwrap_or(0));
        let extra_len = usize::from(u16_at(data, p + 30).unwrap_or(0));
        let comment_len = usize::from(u16_at(data, p + 32).unwrap_or(0));
        let name = data.get(p + 46..p + 46 + name_len).ok_or_else(|| format!("entry {n}'s name is truncated"))?;
        let name = std::str::from_utf8(name).map_err(|_| format!("entry {n}'s name is not UTF-8"))?;
        names.push(name.to_string());
        p += 46 + name_len + extra_len + comment_len;
    }
    Ok(names)
}

/// Whether an entry name is unsafe to extract (absolute, drive-qualified or climbing with `..`).
pub fn is_unsafe(name: &str) -> bool {
    let n = name.replace('\\', "/");
    n.starts_with('/') || n.as_bytes().get(1) == Some(&b':') || n.split('/').any(|s| s == "..")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stored ZIP with the given names and empty contents.
    pub fn tiny_zip(names: &[&str]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut cd = Vec::new();
        for name in names {
            let off = out.len() as u32;
            out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
            out.extend_from_slice(&[20, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
            out.extend_from_slice(&[0; 12]);
            out.extend_from_slice(&(name.len() as u16).to_le_bytes());
            out.extend_from_slice(&0u16.to_le_bytes());
            out.extend_from_slice(name.as_bytes());
            cd.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
            cd.extend_from_slice(&[20, 0, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
            cd.extend_from_slice(&[0; 12]);
            cd.extend_from_slice(&(name.len() as u16).to_le_bytes());
            cd.extend_from_slice(&[0; 12]);
            cd.extend_from_slice(&off.to_le_bytes());
            cd.extend_from_slice(name.as_bytes());
        }
        let cd_off = out.len() as u32;
        out.extend_from_slice(&cd);
        out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
        out.extend_from_slice(&[0; 4]);
        out.extend_from_slice(&(names.len() as u16).to_le_bytes());
        out.extend_from_slice(&(names.len() as u16).to_le_bytes());
        out.extend_from_slice(&(cd.len() as u32).to_le_bytes());
        out.extend_from_slice(&cd_off.to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        out
    }

    #[test]
    fn reads_names_and_rejects_garbage() {
        let z = tiny_zip(&["a.msix", "Images/s.png"]);
        assert_eq!(entry_names(&z).unwrap(), vec!["a.msix", "Images/s.png"]);
        assert!(entry_names(b"not a zip at all, definitely not").is_err());
        assert!(entry_names(&z[..z.len() - 3]).is_err());
        assert!(is_unsafe("../x") && is_unsafe("/x") && is_unsafe("C:\\x") && !is_unsafe("a/b"));
    }
}
