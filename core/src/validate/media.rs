//! Listing images, trailer videos and add-on icons: what their names say (validation of the document)
//! and what their bytes say (the files cross-check, where the files are at hand).
//!
//! Only the first [`MEDIA_HEADER_BYTES`] bytes of a file are ever read: a PNG's signature and `IHDR`
//! chunk (width, height), an MP4/QuickTime file's first box. Which surfaces have bytes: a folder
//! (`storesubmit validate --files DIR`, a publish's pre-flight, a binding's `validate` given a folder,
//! [`FileSet::from_dir`]) reads them; a host holding the bytes can hand them over
//! ([`FileSet::insert_header`]); a list of names or a name → size map (Node, wasm, .NET given names) has
//! none, and the byte rules are skipped there (sizes, when given, are still checked).

use serde_json::Value;

use super::check::{clip, At, Ck};
use super::codes as c;
use super::files::FileSet;
use crate::data::images::{image_rule, ImageRule};
use crate::data::limits::{IMAGE_MAX_BYTES, MEDIA_FILE_NAME_MAX_CHARS, MEDIA_HEADER_BYTES, TRAILER_MAX_BYTES};
use crate::model::files::FileRef;
use crate::model::kind::DocumentKind;

fn has_ext(name: &str, exts: &[&str]) -> bool {
    name.rsplit_once('.').is_some_and(|(_, e)| exts.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

/// `image.format` when an image to upload is not named `.png` (the Store takes listing images as PNG).
pub(crate) fn png_name(ck: &mut Ck, at: &At, name: &str) {
    if !name.trim().is_empty() && !has_ext(name, &["png"]) {
        ck.push(
            c::IMAGE_FORMAT,
            at,
            format!("{}: `{}` is not a .png file; the Store takes listing images as PNG", at.name(), clip(name)),
        );
    }
}

/// `trailer.video.format` when a trailer video to upload is not named `.mp4` or `.mov`.
pub(crate) fn video_name(ck: &mut Ck, at: &At, name: &str) {
    if !name.trim().is_empty() && !has_ext(name, &["mp4", "mov"]) {
        ck.push(
            c::TRAILER_VIDEO_FORMAT,
            at,
            format!(
                "{}: `{}` is not an .mp4 or .mov file; the Store takes trailers as MP4 or MOV",
                at.name(),
                clip(name)
            ),
        );
    }
}

/// `media.file_name.too_long` for a media file name over [`MEDIA_FILE_NAME_MAX_CHARS`].
pub(crate) fn file_name_length(ck: &mut Ck, at: &At, name: &str) {
    ck.max_chars(c::MEDIA_FILE_NAME_TOO_LONG, at, name, MEDIA_FILE_NAME_MAX_CHARS);
}

/// What a file named by a submission is, for the byte rules.
#[derive(Clone, Copy, Debug)]
enum Media {
    Image(&'static ImageRule),
    Video,
}

/// The media a file reference points at: a listing image (by its `imageType`), a trailer video or
/// thumbnail, an add-on icon; `None` for packages and legacy image types.
fn media_of(kind: DocumentKind, doc: &Value, pointer: &str) -> Option<Media> {
    let parent = pointer.rsplit_once('/').map(|(p, _)| p)?;
    if pointer.ends_with("/videoFileName") {
        return Some(Media::Video);
    }
    if pointer.contains("/imageList/") {
        return image_rule("trailerThumbnail").map(Media::Image);
    }
    if kind == DocumentKind::AddonSubmission && pointer.ends_with("/icon/fileName") {
        return image_rule("addonIcon").map(Media::Image);
    }
    if pointer.contains("/images/") {
        let t = doc.pointer(parent)?.get("imageType")?.as_str()?;
        return image_rule(t).map(Media::Image);
    }
    None
}

/// What the first bytes of a file say it is, for messages.
fn sniff(b: &[u8]) -> &'static str {
    if b.is_empty() {
        return "empty";
    }
    let starts = |sig: &[u8]| b.starts_with(sig);
    if starts(b"\x89PNG\r\n\x1a\n") {
        "a PNG image"
    } else if starts(&[0xFF, 0xD8, 0xFF]) {
        "a JPEG image"
    } else if starts(b"GIF87a") || starts(b"GIF89a") {
        "a GIF image"
    } else if starts(b"BM") {
        "a BMP image"
    } else if starts(b"RIFF") && b.get(8..12) == Some(b"WEBP") {
        "a WebP image"
    } else if starts(b"RIFF") && b.get(8..12) == Some(b"AVI ") {
        "an AVI video"
    } else if starts(b"II*\0") || starts(b"MM\0*") {
        "a TIFF image"
    } else if starts(&[0, 0, 1, 0]) {
        "an ICO icon"
    } else if starts(&[0x1A, 0x45, 0xDF, 0xA3]) {
        "a Matroska/WebM video"
    } else if starts(b"FLV") {
        "an FLV video"
    } else if b.iter().all(|x| x.is_ascii_graphic() || x.is_ascii_whitespace()) || std::str::from_utf8(b).is_ok() {
        "text"
    } else {
        "not a recognised media format"
    }
}

/// A PNG's width and height from its `IHDR` chunk; `None` when the bytes are not a PNG with one.
pub(crate) fn png_size(b: &[u8]) -> Option<(u32, u32)> {
    if !b.starts_with(b"\x89PNG\r\n\x1a\n") || b.get(12..16)? != b"IHDR" {
        return None;
    }
    let w = u32::from_be_bytes(b.get(16..20)?.try_into().ok()?);
    let h = u32::from_be_bytes(b.get(20..24)?.try_into().ok()?);
    Some((w, h))
}

/// Whether the bytes start an MP4 or QuickTime (MOV) file: an ISO base media `ftyp` box, or (old
/// QuickTime) a `moov`, `mdat`, `wide`, `free`, `skip` or `pnot` atom.
pub(crate) fn is_mp4_or_mov(b: &[u8]) -> bool {
    matches!(b.get(4..8), Some(t) if [b"ftyp", b"moov", b"mdat", b"wide", b"free", b"skip", b"pnot"].iter().any(|x| t == *x))
}

/// The byte rules for the media files of `refs` that are in `files`: size, format by signature, PNG
/// dimensions by image type. `doc` is spelled as documented (the pointers of `refs` point into it).
pub(crate) fn check_files(ck: &mut Ck, kind: DocumentKind, doc: &Value, refs: &[FileRef], files: &FileSet) {
    for r in refs.iter().filter(|r| r.pending_upload) {
        let Some(media) = media_of(kind, doc, &r.pointer) else { continue };
        if !files.contains(&r.name) {
            continue;
        }
        let at = At::pointer(&r.pointer);
        let (limit, what, exts): (u64, &str, &[&str]) = match media {
            Media::Image(rule) => (IMAGE_MAX_BYTES, rule.what, &["png"]),
            Media::Video => (TRAILER_MAX_BYTES, "trailer video", &["mp4", "mov"]),
        };
        if let Some(size) = files.size(&r.name) {
            if size > limit {
                let code = if matches!(media, Media::Video) { c::TRAILER_VIDEO_TOO_LARGE } else { c::IMAGE_TOO_LARGE };
                ck.push(
                    code,
                    &at,
                    format!(
                        "{}: `{}` is {} bytes; the Store takes a {what} of at most {limit} bytes ({} MB)",
                        at.label(),
                        super::shown(&r.name),
                        size,
                        limit / (1024 * 1024)
                    ),
                );
            }
        }
        // A wrong name is already reported by the document's rules; the bytes are read for the rest.
        if !has_ext(&r.name, exts) {
            continue;
        }
        let Some(head) = files.header(&r.name) else { continue };
        debug_assert!(head.len() <= MEDIA_HEADER_BYTES);
        match media {
            Media::Video => {
                if !is_mp4_or_mov(&head) {
                    ck.push(
                        c::TRAILER_VIDEO_FORMAT,
                        &at,
                        format!(
                            "{}: `{}` is {}, not an MP4 or QuickTime (MOV) video",
                            at.label(),
                            super::shown(&r.name),
                            sniff(&head)
                        ),
                    );
                }
            }
            Media::Image(rule) => match png_size(&head) {
                None => {
                    let found = match sniff(&head) {
                        "a PNG image" => "a damaged PNG (no IHDR header)",
                        other => other,
                    };
                    ck.push(
                        c::IMAGE_FORMAT,
                        &at,
                        format!(
                            "{}: `{}` is {found}, not a PNG; the Store takes a {what} as PNG",
                            at.label(),
                            super::shown(&r.name)
                        ),
                    );
                }
                Some((w, h)) => {
                    if let Some(sizes) = rule.sizes.filter(|s| !s.allows(w, h)) {
                        ck.push(
                            c::IMAGE_DIMENSIONS,
                            &at,
                            format!(
                                "{}: `{}` is {w} x {h} pixels; a {what} must be {}",
                                at.label(),
                                super::shown(&r.name),
                                sizes.describe()
                            ),
                        );
                    }
                }
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(w: u32, h: u32) -> Vec<u8> {
        let mut b = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        b.extend_from_slice(&w.to_be_bytes());
        b.extend_from_slice(&h.to_be_bytes());
        b.extend_from_slice(&[8, 6, 0, 0, 0]);
        b
    }

    /// Issue 25: images the Store rejects (a text file named .png, a JPEG named .png, an 800 x 600
    /// desktop screenshot, a 640 x 360 trailer thumbnail, a 256 x 256 add-on icon) validated; read from a
    /// folder, each is an error now, and no more than the first bytes of any file are read.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn a_folder_is_read_for_the_first_bytes_of_its_media() {
        let dir = std::env::temp_dir().join(format!("storesubmit-media-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("Images")).unwrap();
        let write = |name: &str, bytes: &[u8]| std::fs::write(dir.join(name), bytes).unwrap();
        write("Images/text.png", b"not a picture at all, just some words");
        write("Images/photo.png", b"\xFF\xD8\xFF\xE0\0\x10JFIF\0");
        write("Images/small.png", &png(800, 600));
        let mut big = png(1920, 1080);
        big.resize(10 << 20, 7); // 10 MiB: only the header is read
        write("Images/big.png", &big);
        write("thumb.png", &png(640, 360));
        write("t.mp4", b"\0\0\0\x18ftypmp42\0\0\0\0mp42isom");
        let set = FileSet::from_dir(&dir).unwrap();
        assert_eq!(set.header("Images/big.png").unwrap().len(), MEDIA_HEADER_BYTES);
        assert_eq!(set.size("Images/big.png"), Some(10 << 20));
        let img = |name: &str| serde_json::json!({"fileName": name, "fileStatus": "PendingUpload", "imageType": "Screenshot"});
        let doc = serde_json::json!({
            "listings": {"en-us": {"baseListing": {"images": [img("Images/text.png"), img("Images/photo.png"), img("Images/small.png"), img("Images/big.png")]}}},
            "trailers": [{"videoFileName": "t.mp4", "trailerAssets": {"en-us": {"title": "t", "imageList": [{"fileName": "thumb.png"}]}}}]
        });
        let issues = crate::validate::cross_check_files(DocumentKind::AppSubmission, &doc, &set);
        let found: Vec<(&str, &str)> = issues.iter().map(|i| (i.code.as_str(), i.path.as_str())).collect();
        assert_eq!(
            found,
            [
                ("image.format", "/listings/en-us/baseListing/images/0/fileName"),
                ("image.format", "/listings/en-us/baseListing/images/1/fileName"),
                ("image.dimensions", "/listings/en-us/baseListing/images/2/fileName"),
                ("image.dimensions", "/trailers/0/trailerAssets/en-us/imageList/0/fileName"),
            ],
            "{issues:#?}"
        );
        assert!(issues[0].message.contains("is text, not a PNG"), "{}", issues[0].message);
        assert!(issues[1].message.contains("a JPEG image"), "{}", issues[1].message);
        assert!(
            issues[2].message.contains("800 x 600") && issues[2].message.contains("1366 x 768"),
            "{}",
            issues[2].message
        );
        let icon = serde_json::json!({"listings": {"en-us": {"icon": {"fileName": "Images/icon.png", "fileStatus": "PendingUpload"}}}});
        write("Images/icon.png", &png(256, 256));
        let set = FileSet::from_dir(&dir).unwrap();
        let issues = crate::validate::cross_check_files(DocumentKind::AddonSubmission, &icon, &set);
        assert!(
            issues.iter().any(|i| i.code == "image.dimensions" && i.message.contains("exactly 300 x 300")),
            "{issues:?}"
        );
        // names only (a binding given a list): nothing is read, nothing is judged from bytes
        let names = FileSet::from_names(set.iter().map(String::from).collect::<Vec<_>>());
        assert!(crate::validate::cross_check_files(DocumentKind::AppSubmission, &doc, &names)
            .iter()
            .all(|i| !i.code.starts_with("image.")));
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn signatures() {
        assert_eq!(png_size(&png(1366, 768)), Some((1366, 768)));
        assert_eq!(png_size(b"\xFF\xD8\xFF\xE0"), None);
        assert_eq!(png_size(b"\x89PNG\r\n\x1a\n"), None);
        assert_eq!(sniff(b"\xFF\xD8\xFF\xE0\0\x10JFIF"), "a JPEG image");
        assert_eq!(sniff(b"hello, I am not a picture\n"), "text");
        assert_eq!(sniff(&[0x1A, 0x45, 0xDF, 0xA3, 1]), "a Matroska/WebM video");
        assert!(is_mp4_or_mov(b"\0\0\0\x18ftypmp42\0\0\0\0"));
        assert!(is_mp4_or_mov(b"\0\0\0\x14ftypqt  \0\0\0\0"));
        assert!(!is_mp4_or_mov(b"RIFF\0\0\0\0AVI LIST"));
    }
}
