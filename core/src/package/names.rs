//! Entry names and the stored-or-deflated choice.

use unicode_normalization::UnicodeNormalization;

use crate::error::{Error, ErrorKind, Result};
use crate::model::files::zip_entry_name;

/// How an entry's data is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Compression {
    /// Copied as is (method 0). For content that is already compressed.
    Stored,
    /// Deflated (method 8), level 6.
    Deflated,
}

/// File extensions (lower case, without the dot) whose content is already compressed and is stored.
pub const STORED_EXTENSIONS: &[&str] = &[
    // app packages (ZIP-based, already deflated or block-compressed)
    "msix",
    "msixbundle",
    "appx",
    "appxbundle",
    "msixupload",
    "appxupload",
    "emsix",
    "emsixbundle",
    "eappx",
    "eappxbundle",
    "xap",
    "appinstaller_zip",
    // images
    "png",
    "jpg",
    "jpeg",
    "gif",
    "webp",
    "avif",
    "heic",
    // video and audio
    "mp4",
    "m4v",
    "mov",
    "wmv",
    "avi",
    "mkv",
    "webm",
    "mp3",
    "m4a",
    "aac",
    "ogg",
    "opus",
    "wma",
    // archives and compressed installers
    "zip",
    "7z",
    "gz",
    "tgz",
    "bz2",
    "xz",
    "zst",
    "rar",
    "cab",
    "jar",
    "apk",
    "nupkg",
    "vsix",
];

/// The default method for a name: [`Compression::Stored`] for the [`STORED_EXTENSIONS`] (matched
/// case-insensitively), [`Compression::Deflated`] for everything else.
pub fn default_compression(name: &str) -> Compression {
    let file = name.rsplit(['/', '\\']).next().unwrap_or(name);
    match file.rsplit_once('.') {
        Some((_, ext)) if STORED_EXTENSIONS.iter().any(|e| e.eq_ignore_ascii_case(ext)) => Compression::Stored,
        _ => Compression::Deflated,
    }
}

fn invalid(name: &str, why: &str) -> Error {
    // Control characters escaped: a hostile name must not reach a terminal raw.
    let name = crate::issue::shown(name);
    Error::new(ErrorKind::InvalidArchive, format!("unsafe or invalid entry name `{name}`: {why}"))
}

/// The ZIP entry name for a file name as a submission writes it.
///
/// The rule: `\` becomes `/` ([`crate::model::files::zip_entry_name`]; the Store's examples write
/// `Trailers\\Video.mp4` for the file `Video.mp4` in the folder `Trailers`, and `/` is the ZIP format's only
/// separator), then the name is normalised to Unicode NFC. Case and everything else are kept.
///
/// # Errors
/// `invalid_archive` for an empty name, an absolute path (`/x`, `C:x`, `\\server\x`), a `..`, `.` or
/// empty segment (`a//b`, a trailing separator), a control character, or a name over 65,535 bytes.
pub fn entry_name(name: &str) -> Result<String> {
    let n: String = zip_entry_name(name).nfc().collect();
    if n.is_empty() {
        return Err(invalid(name, "empty name"));
    }
    if n.starts_with('/') {
        return Err(invalid(name, "absolute path"));
    }
    let b = n.as_bytes();
    if b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':' {
        return Err(invalid(name, "absolute path (drive letter)"));
    }
    if n.chars().any(char::is_control) {
        return Err(invalid(name, "control character"));
    }
    for seg in n.split('/') {
        match seg {
            ".." => return Err(invalid(name, "`..` segment")),
            "." => return Err(invalid(name, "`.` segment")),
            "" => return Err(invalid(name, "empty path segment")),
            _ => {}
        }
    }
    if n.len() > u16::MAX as usize {
        return Err(invalid(name, "longer than 65,535 bytes"));
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separator_rule_and_nfc() {
        assert_eq!(entry_name("Trailers\\Video.mp4").unwrap(), "Trailers/Video.mp4");
        assert_eq!(entry_name("Images/Shot 1.PNG").unwrap(), "Images/Shot 1.PNG");
        // e + combining acute (NFD) → é (NFC)
        assert_eq!(entry_name("cafe\u{301}.png").unwrap(), "caf\u{e9}.png");
        assert_eq!(entry_name("caf\u{e9}.png").unwrap(), "caf\u{e9}.png");
    }

    #[test]
    fn unsafe_names_are_rejected() {
        for bad in [
            "",
            "/etc/passwd",
            "\\\\server\\share\\x",
            "C:\\x.msix",
            "c:x",
            "../x",
            "a\\..\\..\\x",
            "a/../b",
            "./a",
            "a//b",
            "a/",
            "a\u{0}b",
            "a\nb",
        ] {
            let e = entry_name(bad).unwrap_err();
            assert_eq!(e.kind(), ErrorKind::InvalidArchive, "{bad:?}");
        }
        assert!(entry_name("..a/b..").is_ok());
    }

    #[test]
    fn compression_by_extension() {
        for s in ["a.msixupload", "b.MSIX", "x/y.appxbundle", "i.png", "v.mp4", "p.jpeg", "z.zip", "Trailers\\T.MP4"] {
            assert_eq!(default_compression(s), Compression::Stored, "{s}");
        }
        for d in ["notes.txt", "a.json", "noext", "png", "dir.png/file"] {
            assert_eq!(default_compression(d), Compression::Deflated, "{d}");
        }
    }
}
