//! Cross-checking a submission against a ZIP: `FileSet::from_zip` reads the entry names of archives
//! written by storesubmit's own writer (classic and ZIP64, more than 65,535 entries) and by another tool
//! (CPython's `zipfile`), skips directory entries, and answers damaged archives with `invalid_archive`,
//! never a panic.

use base64::Engine;
use serde_json::json;
use storesubmit::model::DocumentKind;
use storesubmit::package::{Compression, EntryOptions, ZipWriter};
use storesubmit::validate::{cross_check_files, FileSet};

fn zip(names: &[&str], size_hint: Option<u64>) -> Vec<u8> {
    let mut w = ZipWriter::new(Vec::new());
    for n in names {
        let opts = match size_hint {
            Some(s) => EntryOptions::sized(s),
            None => EntryOptions::default(), // unknown size: the writer makes the entry ZIP64
        }
        .with_compression(Compression::Stored);
        w.start_entry(n, opts).unwrap();
        w.write_data(b"x").unwrap();
        w.finish_entry().unwrap();
    }
    w.finish().unwrap()
}

fn names(set: &FileSet) -> Vec<&str> {
    set.iter().collect()
}

/// Written by CPython's `zipfile`: deflated entries, a directory entry, an entry forced to ZIP64, a
/// non-ASCII name and an archive comment.
const CPYTHON_ZIP: &str = "UEsDBBQAAAAIAHc5gV0AAAAAAgAAAAAAAAAHAAAASW1hZ2VzLwMAUEsDBBQAAAAIAHc5gV2MaFZRCQAAACgAAAAXAAAASW1hZ2VzL2VuLXVzL3Nob3QgMS5wbmfrDPBz7yQCAwBQSwMELQAAAAgAAAAhAI9dDl7//////////yMAFABQYWNrYWdlcy9BcHBfMS4wLjAuMF94NjQubXNpeHVwbG9hZAEAEABkAAAAAAAAAAYAAAAAAAAAq6igPQAAUEsDBBQAAAgIAHc5gV2EO2RrAwAAAAEAAAAWAAAAVHJhaWxlcnMvw5xuw69jb2RlLm1wNCsDAFBLAQIUAxQAAAAIAHc5gV0AAAAAAgAAAAAAAAAHAAAAAAAAAAAAEAD9QQAAAABJbWFnZXMvUEsBAhQDFAAAAAgAdzmBXYxoVlEJAAAAKAAAABcAAAAAAAAAAAAAAIABJwAAAEltYWdlcy9lbi11cy9zaG90IDEucG5nUEsBAi0DLQAAAAgAAAAhAI9dDl4GAAAAZAAAACMAAAAAAAAAAAAAAIABZQAAAFBhY2thZ2VzL0FwcF8xLjAuMC4wX3g2NC5tc2l4dXBsb2FkUEsBAhQDFAAACAgAdzmBXYQ7ZGsDAAAAAQAAABYAAAAAAAAAAAAAAIABwAAAAFRyYWlsZXJzL8OcbsOvY29kZS5tcDRQSwUGAAAAAAQABAAPAQAA9wAAADEAYnVpbHQgYnkgQ1B5dGhvbiB6aXBmaWxlLCB3aXRoIGFuIGFyY2hpdmUgY29tbWVudA==";

#[test]
fn reads_another_tools_archive_and_cross_checks_it() {
    let bytes = base64::engine::general_purpose::STANDARD.decode(CPYTHON_ZIP).unwrap();
    let set = FileSet::from_zip_bytes(&bytes).unwrap();
    assert_eq!(names(&set), ["Images/en-us/shot 1.png", "Packages/App_1.0.0.0_x64.msixupload", "Trailers/Ünïcode.mp4"]);
    let doc = json!({
        "applicationPackages": [{"fileName": "Packages\\App_1.0.0.0_x64.msixupload", "fileStatus": "PendingUpload", "minimumDirectXVersion": "None", "minimumSystemRam": "None"}],
        "listings": {"en-us": {"baseListing": {"images": [{"fileName": "Images/en-us/shot 1.png", "fileStatus": "PendingUpload", "imageType": "Screenshot"},
                                                          {"fileName": "Images/en-us/shot 2.png", "fileStatus": "PendingUpload", "imageType": "Screenshot"}]}}}
    });
    let got: Vec<(String, String)> =
        cross_check_files(DocumentKind::AppSubmission, &doc, &set).into_iter().map(|i| (i.code, i.path)).collect();
    assert_eq!(
        got,
        [
            ("files.missing".to_string(), "/listings/en-us/baseListing/images/1/fileName".to_string()),
            ("files.unreferenced".to_string(), String::new()),
        ]
    );
}

#[test]
fn reads_classic_and_zip64_archives() {
    let list = ["App.msixupload", "Images/en-us/1.png", "Trailers/Launch.mp4", "é.png"];
    assert_eq!(
        names(&FileSet::from_zip_bytes(&zip(&list, Some(1))).unwrap()),
        ["App.msixupload", "Images/en-us/1.png", "Trailers/Launch.mp4", "é.png"]
    );
    assert_eq!(names(&FileSet::from_zip_bytes(&zip(&list, None)).unwrap()).len(), 4);
    assert!(FileSet::from_zip_bytes(&zip(&[], Some(1))).unwrap().is_empty());
    let path = std::env::temp_dir().join(format!("storesubmit-validation-{}.zip", std::process::id()));
    std::fs::write(&path, zip(&list, Some(1))).unwrap();
    let from_file = FileSet::from_zip(std::fs::File::open(&path).unwrap());
    std::fs::remove_file(&path).unwrap();
    assert_eq!(from_file.unwrap().len(), 4);
}

#[test]
fn more_than_65535_entries_use_the_zip64_end_record() {
    let list: Vec<String> = (0..66_000).map(|i| format!("f/{i}")).collect();
    let refs: Vec<&str> = list.iter().map(String::as_str).collect();
    let set = FileSet::from_zip_bytes(&zip(&refs, Some(1))).unwrap();
    assert_eq!(set.len(), 66_000);
    assert!(set.contains("f/65999"));
}

#[test]
fn damaged_archives_are_invalid_archive_errors_never_panics() {
    let good = zip(&["a.msix", "b.png"], Some(1));
    let mut bad: Vec<Vec<u8>> = vec![Vec::new(), b"PK".to_vec(), vec![0u8; 100], good[..good.len() - 1].to_vec()];
    let mut wrong_count = good.clone();
    let n = wrong_count.len();
    wrong_count[n - 12] = 9; // the end record claims 9 entries
    bad.push(wrong_count);
    for (i, b) in bad.iter().enumerate() {
        let e = FileSet::from_zip_bytes(b).unwrap_err();
        assert_eq!(e.code(), "invalid_archive", "case {i}: {e:?}");
    }
    // Any single corrupted byte of a classic or a ZIP64 archive gives an answer, never a panic.
    for good in [good, zip(&["a.msix"], None)] {
        for i in 0..good.len() {
            for b in [0x00, 0xFF] {
                let mut t = good.clone();
                t[i] = b;
                let _ = FileSet::from_zip_bytes(&t);
            }
        }
    }
}
