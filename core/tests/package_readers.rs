//! Archives from the ZIP writer open cleanly in four independent readers — Info-ZIP `unzip -t`, `7z t`,
//! Python's `zipfile.testzip()` and Mono's `ZipArchive` — which report the names, sizes and CRC-32s
//! written: a submission's mixed files (stored and deflated, `\` names, Unicode), an entry over 4 GiB
//! (sparse input, ZIP64 sizes and offsets), 70,000 entries (ZIP64 entry count), in both the streaming
//! (data descriptor) and the seekable (patched header) form. Also: unsafe names are typed errors, the
//! same input gives the same bytes, and a missing file fails before anything is written.

mod support;

use std::fs::File;
use std::io::BufWriter;

use serde_json::json;
use storesubmit::model::kind::DocumentKind;
use storesubmit::package::{self, Compression, EntryOptions, PackagePlan, SeekZipWriter, ZipWriter};
use storesubmit::ErrorKind;
use support::data::{self, SparseWriter, TempDir};
use support::readers::{self, Entry};

/// A submission naming files the way the Store's examples do (`\` separators), plus a Unicode name
/// written decomposed (NFD) in the JSON.
fn submission() -> serde_json::Value {
    json!({
        "applicationPackages": [
            {"fileName": "app.msixupload", "fileStatus": "PendingUpload"},
            {"fileName": "old.appx", "fileStatus": "Uploaded"}
        ],
        "listings": {"en-us": {"baseListing": {"images": [
            {"fileName": "Images\\Shot 1.png", "fileStatus": "PendingUpload", "imageType": "Screenshot"},
            {"fileName": "Images/Cafe\u{301} \u{65e5}\u{672c}.png", "fileStatus": "PendingUpload", "imageType": "Screenshot"}
        ]}}},
        "trailers": [{"videoFileName": "Trailers\\Video.mp4", "trailerAssets": {"en-us": {"title": "t",
            "imageList": [{"fileName": "Trailers\\thumb.png"}]}}}],
        "notes": "release notes are not a file"
    })
}

/// Writes the submission's files under `dir`; returns the expected entries in archive order.
fn submission_files(dir: &TempDir) -> Vec<Entry> {
    let files: Vec<(&str, &str, Vec<u8>)> = vec![
        ("app.msixupload", "app.msixupload", data::random_bytes(1, 3 << 20)),
        ("Images/Shot 1.png", "Images/Shot 1.png", data::png_bytes(2, 1366, 768, 200_000)),
        (
            "Images/Cafe\u{301} \u{65e5}\u{672c}.png",
            "Images/Caf\u{e9} \u{65e5}\u{672c}.png",
            data::png_bytes(3, 1920, 1080, 1000),
        ),
        ("Trailers/Video.mp4", "Trailers/Video.mp4", data::mp4_bytes(4, 500_000)),
        ("Trailers/thumb.png", "Trailers/thumb.png", data::png_bytes(5, 1920, 1080, 33)),
    ];
    files
        .into_iter()
        .map(|(disk, entry, bytes)| {
            std::fs::write(dir.join(disk), &bytes).unwrap();
            Entry::new(entry, bytes.len() as u64, crc32fast::hash(&bytes))
        })
        .collect()
}

#[test]
fn submission_archive_opens_in_every_reader_in_both_forms() {
    let dir = TempDir::new("pkg-mixed");
    let files = TempDir::new("pkg-mixed-files");
    let mut expected = submission_files(&files);
    // a text file no submission field names, added by hand: deflated
    let notes = data::text(2000);
    std::fs::write(files.join("notes.txt"), &notes).unwrap();
    expected.push(Entry::new("notes.txt", notes.len() as u64, crc32fast::hash(notes.as_bytes())));

    let mut plan = PackagePlan::from_submission(DocumentKind::AppSubmission, &submission(), files.path()).unwrap();
    plan.add_file("notes.txt", files.join("notes.txt"), None).unwrap();
    let methods: Vec<_> = plan.files.iter().map(|f| f.compression).collect();
    use Compression::{Deflated, Stored};
    assert_eq!(methods, [Stored, Stored, Stored, Stored, Stored, Deflated]);

    let streamed = dir.join("streamed.zip");
    let mut progress = Vec::new();
    plan.write_to(BufWriter::new(File::create(&streamed).unwrap()), &mut |d, t| progress.push((d, t))).unwrap();
    let total = plan.total_bytes();
    assert_eq!(progress.first(), Some(&(0, total)));
    assert_eq!(progress.last(), Some(&(total, total)));
    assert!(progress.windows(2).all(|w| w[0].0 <= w[1].0));
    let seeked = dir.join("seeked.zip");
    let size = plan.write_to_file(&seeked, &mut |_, _| {}).unwrap();
    assert_eq!(size, std::fs::metadata(&seeked).unwrap().len());

    for zip in [&streamed, &seeked] {
        readers::check_all(zip, &expected);
    }
    // the text entry really is deflated, the packages really stored
    let raw = std::fs::read(&seeked).unwrap();
    assert!((raw.len() as u64) < total - notes.len() as u64 / 2, "text was deflated");
}

#[test]
fn pack_writes_the_submission_zip_in_one_call() {
    let files = TempDir::new("pkg-pack-files");
    let expected = submission_files(&files);
    let out = TempDir::new("pkg-pack-out");
    let path = out.join("submission.zip");
    let mut last = (0, 0);
    let report =
        package::pack(DocumentKind::AppSubmission, &submission(), files.path(), &path, &mut |d, t| last = (d, t))
            .unwrap();
    assert_eq!(report.entries, expected.len());
    assert_eq!(report.input_bytes, expected.iter().map(|e| e.size).sum::<u64>());
    assert_eq!(report.archive_bytes, std::fs::metadata(&path).unwrap().len());
    assert_eq!(last, (report.input_bytes, report.input_bytes));
    assert_eq!(readers::python(&path), expected);

    // a missing file: a typed error naming it, and nothing written
    std::fs::remove_file(files.join("Trailers/Video.mp4")).unwrap();
    let gone = out.join("never.zip");
    let e = package::pack(DocumentKind::AppSubmission, &submission(), files.path(), &gone, &mut |_, _| {}).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::MissingFiles);
    assert_eq!(e.issues().len(), 1);
    assert_eq!(e.issues()[0].code, "files.missing");
    assert_eq!(e.issues()[0].path, "/trailers/0/videoFileName");
    assert!(e.message().contains("Trailers/Video.mp4"), "{}", e.message());
    assert!(!gone.exists(), "nothing may be written when a file is missing");

    // present only with another letter case: also caught before writing
    std::fs::write(files.join("Trailers/VIDEO.mp4"), data::mp4_bytes(9, 64)).unwrap();
    let e = package::pack(DocumentKind::AppSubmission, &submission(), files.path(), &gone, &mut |_, _| {}).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::MissingFiles);
    assert_eq!(e.issues()[0].code, "files.case_mismatch");
    assert!(!gone.exists());
}

/// 4 GiB + 1 MiB of sparse input (zero except for markers around the 4 GiB boundary and at the end),
/// then a small entry whose local header lies past 4 GiB: ZIP64 sizes in the data descriptor and
/// central directory, a ZIP64 offset, ZIP64 end records.
///
/// Cost control: the entry is stored, as packages are (deflating 4 GiB would cost minutes and test no
/// more of the format); input and archive are sparse files (no disk); the expected CRC is computed by
/// CRC combination, not by reading 4 GiB. Three readers read all 4 GiB — `7z t` and Python's
/// `testzip()` check its CRC, Mono's `ZipArchive` reads it through and reports the last bytes — while
/// Info-ZIP lists the ZIP64 sizes and tests the entry past 4 GiB (its own CRC-32 runs at about
/// 200 MB/s: 20 s of CPU for no format coverage the others lack).
#[test]
fn entry_over_4_gib() {
    let dir = TempDir::new("pkg-4g");
    let big_len: u64 = (4 << 30) + (1 << 20);
    let tail_mark = *b"END-MARK";
    let marks: [(u64, &[u8]); 3] = [(0, b"MSIX"), ((4 << 30) - 2, b"4GiB!"), (big_len - 8, &tail_mark)];
    data::sparse_file(&dir.join("in/big.msixupload"), big_len, &marks);
    let after = data::text(100);
    std::fs::write(dir.join("in/after.txt"), &after).unwrap();
    let expected = [
        Entry::new("big.msixupload", big_len, data::sparse_crc32(big_len, &marks)),
        Entry::new("after.txt", after.len() as u64, crc32fast::hash(after.as_bytes())),
    ];

    let plan = PackagePlan::from_names(&dir.join("in"), ["big.msixupload", "after.txt"]).unwrap();
    let zip = dir.join("big.zip");
    let mut out = plan.write_to(SparseWriter::create(&zip), &mut |_, _| {}).unwrap();
    std::io::Write::flush(&mut out).unwrap();
    assert!(std::fs::metadata(&zip).unwrap().len() > big_len);

    assert_eq!(readers::sevenzip(&zip), expected, "7z");
    assert_eq!(readers::python(&zip), expected, "python zipfile");
    let m = readers::mono(&zip, 1 << 20);
    assert_eq!((m[0].entry.name.as_str(), m[0].entry.size, m[0].read), ("big.msixupload", big_len, big_len));
    assert_eq!(m[0].tail, tail_mark);
    assert_eq!(m[1].entry, expected[1]);
    assert_eq!(readers::unzip_only(&zip, "after.txt"), expected, "unzip");
}

/// The seekable form of the > 4 GiB entry: the local header is patched with ZIP64 sizes instead of a
/// data descriptor. `7z t` checks the whole archive's CRCs, Mono reads it through, Python checks the
/// ZIP64 offsets and reads the entry past 4 GiB, Info-ZIP lists and tests that entry.
#[test]
fn entry_over_4_gib_seekable_form() {
    let dir = TempDir::new("pkg-4g-seek");
    let big_len: u64 = (4 << 30) + 4096;
    let marks: [(u64, &[u8]); 1] = [(big_len - 4, b"tail")];
    data::sparse_file(&dir.join("big.appx"), big_len, &marks);
    let zip = dir.join("seek.zip");
    let mut z = SeekZipWriter::new(SparseWriter::create(&zip)).unwrap();
    z.add_reader("big.appx", EntryOptions::sized(big_len), &mut File::open(dir.join("big.appx")).unwrap()).unwrap();
    z.add_reader("after.txt", EntryOptions::default(), &mut &b"after the big one"[..]).unwrap();
    let mut w = z.finish().unwrap();
    std::io::Write::flush(&mut w).unwrap();
    let expected = [
        Entry::new("big.appx", big_len, data::sparse_crc32(big_len, &marks)),
        Entry::new("after.txt", 17, crc32fast::hash(b"after the big one")),
    ];
    assert_eq!(readers::sevenzip(&zip), expected, "7z");
    let m = readers::mono(&zip, 1 << 20);
    assert_eq!((m[0].read, m[0].tail.as_slice()), (big_len, &b"\0\0\0\0tail"[..]));
    assert_eq!(m[1].entry, expected[1]);
    assert_eq!(readers::unzip_only(&zip, "after.txt"), expected, "unzip");
    let script = r#"
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
big, after = z.infolist()
assert (big.file_size, big.compress_size, big.header_offset) == (int(sys.argv[2]),) * 2 + (0,), big
assert after.header_offset > 2**32, after.header_offset
assert z.read("after.txt") == b"after the big one"
print("ok")
"#;
    let out = readers::run(
        std::process::Command::new(readers::require("python3"))
            .arg("-c")
            .arg(script)
            .arg(&zip)
            .arg(big_len.to_string()),
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "ok");
}

fn many_entries(zip: &std::path::Path, seekable: bool) -> Vec<Entry> {
    let mut expected = Vec::with_capacity(70_000);
    let mut add = |w: &mut dyn FnMut(&str, EntryOptions, &[u8]), i: usize| {
        let body = format!("entry {i}\n");
        let name = if i % 2 == 0 { format!("d{}/f{i:05}.txt", i % 7) } else { format!("d{}\\s{i:05}.png", i % 7) };
        // every third entry has no size hint (ZIP64 local header), the rest a known size
        let opts = if i % 3 == 0 { EntryOptions::default() } else { EntryOptions::sized(body.len() as u64) };
        w(&name, opts, body.as_bytes());
        expected.push(Entry::new(&name.replace('\\', "/"), body.len() as u64, crc32fast::hash(body.as_bytes())));
    };
    let file = BufWriter::new(File::create(zip).unwrap());
    if seekable {
        let mut z = SeekZipWriter::new(file).unwrap();
        for i in 0..70_000 {
            add(
                &mut |n, o, b| {
                    z.add_reader(n, o, &mut &b[..]).unwrap();
                },
                i,
            );
        }
        z.finish().unwrap();
    } else {
        let mut z = ZipWriter::new(file);
        for i in 0..70_000 {
            add(
                &mut |n, o, b| {
                    z.add_reader(n, o, &mut &b[..]).unwrap();
                },
                i,
            );
        }
        z.finish().unwrap();
    }
    expected
}

/// 70,000 entries (past the 65,535 of the classic end record: ZIP64 end records), `\` and `/` names,
/// a third of them without a size hint (ZIP64 local headers). The streaming form goes through all four
/// readers; the seekable form, whose end records are written by the same code, through `7z` and Python.
#[test]
fn seventy_thousand_entries_in_both_forms() {
    let dir = TempDir::new("pkg-70k");
    let zip = dir.join("stream.zip");
    let expected = many_entries(&zip, false);
    readers::check_all(&zip, &expected);
    let zip = dir.join("seek.zip");
    let expected = many_entries(&zip, true);
    assert_eq!(readers::sevenzip(&zip), expected, "7z");
    assert_eq!(readers::python(&zip), expected, "python zipfile");
}

#[test]
fn unsafe_names_are_typed_errors_everywhere() {
    let dir = TempDir::new("pkg-unsafe");
    std::fs::write(dir.join("ok.png"), b"png").unwrap();
    let bad = [
        "/etc/passwd",
        "\\\\server\\share\\x.png",
        "C:\\x.msix",
        "d:x.png",
        "../x.png",
        "a\\..\\..\\x.png",
        "a/./b",
        "a//b",
        "",
        "a\u{0}b",
    ];
    for name in bad {
        let doc = json!({"applicationPackages": [{"fileName": name, "fileStatus": "PendingUpload"}]});
        let e = PackagePlan::from_submission(DocumentKind::AppSubmission, &doc, dir.path()).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidArchive, "{name:?}: {e}");
        assert_eq!(
            PackagePlan::from_names(dir.path(), [name]).unwrap_err().kind(),
            ErrorKind::InvalidArchive,
            "{name:?}"
        );
        let mut plan = PackagePlan::new();
        assert_eq!(plan.add_file(name, dir.join("ok.png"), None).unwrap_err().kind(), ErrorKind::InvalidArchive);
        let mut z = ZipWriter::new(Vec::new());
        assert_eq!(z.start_entry(name, EntryOptions::default()).unwrap_err().kind(), ErrorKind::InvalidArchive);
    }
    // two spellings of one entry are one entry, not a duplicate in the archive
    let doc = json!({"applicationPackages": [{"fileName": "ok.png", "fileStatus": "PendingUpload"}],
                     "listings": {"en-us": {"baseListing": {"images": [{"fileName": "ok.png", "fileStatus": "PendingUpload"}]}}}});
    assert_eq!(PackagePlan::from_submission(DocumentKind::AppSubmission, &doc, dir.path()).unwrap().files.len(), 1);
    assert_eq!(
        PackagePlan::from_names(dir.path(), ["ok.png", "./ok.png"]).unwrap_err().kind(),
        ErrorKind::InvalidArchive
    );
    let e = PackagePlan::from_names(dir.path(), ["ok.png", "nope.png", "Images\\nope.png"]).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::MissingFiles);
    assert!(e.message().contains("nope.png, Images\\nope.png"), "{}", e.message());
}

#[test]
fn same_input_gives_the_same_bytes() {
    let a = TempDir::new("pkg-det-a");
    let b = TempDir::new("pkg-det-b");
    submission_files(&a);
    submission_files(&b);
    // different folders, modification times and permissions: none of it reaches the archive
    let old = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000_000);
    for f in ["app.msixupload", "Images/Shot 1.png", "Trailers/Video.mp4"] {
        File::options().write(true).open(b.join(f)).unwrap().set_modified(old).unwrap();
    }
    let out = TempDir::new("pkg-det-out");
    let doc = submission();
    let pa = PackagePlan::from_submission(DocumentKind::AppSubmission, &doc, a.path()).unwrap();
    let pb = PackagePlan::from_submission(DocumentKind::AppSubmission, &doc, b.path()).unwrap();
    let sa = pa.write_to(Vec::new(), &mut |_, _| {}).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let sb = pb.write_to(Vec::new(), &mut |_, _| {}).unwrap();
    assert_eq!(sa, sb, "streamed form");
    pa.write_to_file(&out.join("a.zip"), &mut |_, _| {}).unwrap();
    pb.write_to_file(&out.join("b.zip"), &mut |_, _| {}).unwrap();
    let (fa, fb) = (std::fs::read(out.join("a.zip")).unwrap(), std::fs::read(out.join("b.zip")).unwrap());
    assert_eq!(fa, fb, "file form");
    assert_eq!(fa, sa, "the file holds the streamed form (what a publish uploads)");
    // and the one fixed timestamp (1980-01-01 00:00) is what readers see
    let script = "import sys, zipfile; print(sorted({i.date_time for i in zipfile.ZipFile(sys.argv[1]).infolist()}))";
    let o = readers::run(
        std::process::Command::new(readers::require("python3")).arg("-c").arg(script).arg(out.join("a.zip")),
    );
    assert_eq!(String::from_utf8_lossy(&o.stdout).trim(), "[(1980, 1, 1, 0, 0, 0)]");
}
