//! Hostile input to the readers and validators: each case states its bound (time, memory, size) and
//! expects a clear typed error (or a clean answer), never a hang, a crash or unbounded memory.
//!
//! Time bounds are generous multiples of what a 2-core CI machine takes (the work is linear), so a
//! regression to quadratic behaviour fails them by orders of magnitude, not by noise.

use std::time::{Duration, Instant};

use storesubmit::validate::lenient_json;

/// Runs `f` and fails when it takes longer than `bound`.
fn within<T>(bound: Duration, what: &str, f: impl FnOnce() -> T) -> T {
    let t = Instant::now();
    let out = f();
    let took = t.elapsed();
    assert!(took <= bound, "{what}: took {took:?}, bound {bound:?}");
    out
}

fn nested(depth: usize) -> String {
    // `[[[1,],],]`: every level ends in a trailing comma (issue 11, defect 3).
    let mut s = "[".repeat(depth);
    s.push('1');
    s.push_str(&",]".repeat(depth));
    s
}

/// Defect 3: 10,000 nested levels with trailing commas (30 KB) took 6 s and 138 MB; bound 1 s, typed error.
#[test]
fn lenient_json_deep_trailing_commas_fail_fast_and_typed() {
    for depth in [10_000usize, 100_000] {
        let text = nested(depth);
        let e = within(Duration::from_secs(1), "deeply nested", || lenient_json::parse(&text)).unwrap_err();
        assert_eq!(e.code(), "validation");
        assert_eq!(e.issues()[0].code, "json.too_deep", "{depth}");
        assert!(e.issues()[0].message.contains("128"), "{}", e.issues()[0].message);
    }
    // Just under the limit still parses, warnings and all.
    let (v, issues) = lenient_json::parse(&nested(100)).unwrap();
    assert!(v.is_array());
    assert_eq!(issues.len(), 100);
}

/// Defect 3, wide form: 200,000 trailing commas on one line (1.4 MB) each computed their column from the
/// start of the text (quadratic). Bound: 2 s; warnings capped at 1,000 plus one summary.
#[test]
fn lenient_json_many_trailing_commas_on_one_line_is_linear() {
    let mut text = String::from("[");
    for _ in 0..200_000 {
        text.push_str("[1,],");
    }
    text.push_str("[1]]");
    let (v, issues) = within(Duration::from_secs(2), "wide", || lenient_json::parse(&text)).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 200_001);
    assert_eq!(issues.len(), 1_001);
    assert!(issues.last().unwrap().message.starts_with("199000 more"), "{}", issues.last().unwrap().message);
    assert_eq!(
        issues[999].message,
        "line 1, column 4999: trailing comma before `]` ends the array, which JSON forbids; accepted"
    );
}

/// Strict JSON nested 100,000 deep (the strict reader is serde_json, as used for responses): a typed
/// error within 1 s, whichever reader.
#[test]
fn strict_json_nested_100000_deep_is_a_typed_error() {
    let text = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let e = within(Duration::from_secs(1), "strict deep", || lenient_json::parse(&text)).unwrap_err();
    assert_eq!(e.issues()[0].code, "json.too_deep");
    let r: Result<serde_json::Value, _> = serde_json::from_str(&text);
    assert!(r.unwrap_err().to_string().contains("recursion limit"));
}

// ---------------------------------------------------------------------------------------------------
// Files: symlinks, case-only duplicates, NUL, `..`, absolute names, 70,000 entries, ZIP bombs.

use std::path::PathBuf;

use serde_json::json;
use storesubmit::model::DocumentKind;
use storesubmit::package::{entry_names, PackagePlan, ZipWriter};
use storesubmit::validate::{cross_check_files, FileSet};

struct Dir(PathBuf);

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn dir(tag: &str) -> Dir {
    let d = std::env::temp_dir().join(format!("storesubmit-hostile-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    Dir(d)
}

fn submission(names: &[&str]) -> serde_json::Value {
    let pkgs: Vec<_> = names
        .iter()
        .map(|n| json!({"fileName": n, "fileStatus": "PendingUpload", "minimumDirectXVersion": "None", "minimumSystemRam": "None"}))
        .collect();
    json!({ "applicationPackages": pkgs })
}

fn codes(issues: &[storesubmit::Issue]) -> Vec<&str> {
    issues.iter().filter(|i| i.is_error()).map(|i| i.code.as_str()).collect()
}

/// Defect 2: `link.msixupload -> /etc/passwd` in the files folder was packed and called valid.
/// Now validate reports `files.unsafe_entry` and pack refuses it with `invalid_archive` naming the file.
#[cfg(unix)]
#[test]
fn symlink_out_of_the_folder_is_refused_by_validate_and_pack() {
    let d = dir("symlink-out");
    let outside = dir("symlink-target");
    std::fs::write(outside.0.join("secret.txt"), b"not yours").unwrap();
    std::os::unix::fs::symlink(outside.0.join("secret.txt"), d.0.join("link.msixupload")).unwrap();
    std::os::unix::fs::symlink("/nonexistent/x", d.0.join("dangling.msixupload")).unwrap();
    let doc = submission(&["link.msixupload"]);
    let set = FileSet::from_dir(&d.0).unwrap();
    let issues = cross_check_files(DocumentKind::AppSubmission, &doc, &set);
    assert_eq!(codes(&issues), ["files.unsafe_entry", "files.unsafe_entry"], "{issues:?}");
    let e = PackagePlan::from_submission(DocumentKind::AppSubmission, &doc, &d.0).unwrap_err();
    assert_eq!(e.kind(), storesubmit::ErrorKind::InvalidArchive, "{e}");
    assert!(e.message().contains("link.msixupload") && e.message().contains("outside"), "{e}");
    // The upload path (a flow's list of names) refuses it the same way.
    let e = PackagePlan::from_names(&d.0, ["link.msixupload"]).unwrap_err();
    assert_eq!(e.kind(), storesubmit::ErrorKind::InvalidArchive, "{e}");
    let e = PackagePlan::from_names(&d.0, ["dangling.msixupload"]).unwrap_err();
    assert_eq!(e.kind(), storesubmit::ErrorKind::InvalidArchive, "{e}");
}

/// A symlink that stays inside the folder is an ordinary file; a folder symlink pointing at its parent
/// (a cycle) is not walked.
#[cfg(unix)]
#[test]
fn symlink_inside_the_folder_is_fine_and_cycles_end() {
    let d = dir("symlink-in");
    std::fs::write(d.0.join("real.msixupload"), b"data").unwrap();
    std::os::unix::fs::symlink(d.0.join("real.msixupload"), d.0.join("app.msixupload")).unwrap();
    std::os::unix::fs::symlink(&d.0, d.0.join("loop")).unwrap();
    let doc = submission(&["app.msixupload"]);
    let set = within(Duration::from_secs(2), "cycle", || FileSet::from_dir(&d.0).unwrap());
    assert!(codes(&cross_check_files(DocumentKind::AppSubmission, &doc, &set)).is_empty());
    let plan = PackagePlan::from_submission(DocumentKind::AppSubmission, &doc, &d.0).unwrap();
    assert_eq!(plan.files.len(), 1);
}

/// Defect 8: names differing only in case were valid and pack wrote both entries.
#[test]
fn case_only_duplicates_are_reported_and_not_packed() {
    let d = dir("case");
    std::fs::write(d.0.join("a.msixupload"), b"1").unwrap();
    std::fs::write(d.0.join("A.msixupload"), b"2").unwrap();
    let doc = submission(&["a.msixupload", "A.msixupload"]);
    let set = FileSet::from_dir(&d.0).unwrap();
    let issues = cross_check_files(DocumentKind::AppSubmission, &doc, &set);
    assert!(codes(&issues).contains(&"files.case_duplicate"), "{issues:?}");
    let e = PackagePlan::from_submission(DocumentKind::AppSubmission, &doc, &d.0).unwrap_err();
    assert_eq!(e.kind(), storesubmit::ErrorKind::InvalidArchive);
    assert!(e.message().contains("letter case"), "{e}");
    assert!(PackagePlan::from_names(&d.0, ["a.msixupload", "A.msixupload"]).is_err());
}

/// Defect 8: NUL and escape characters in names: reported, refused, and never echoed raw.
#[test]
fn control_characters_in_names_are_reported_escaped() {
    let doc = submission(&["app\u{0}.msixupload", "x\u{1b}[2J\u{1b}]0;pwned\u{7}.msixupload"]);
    let issues = cross_check_files(DocumentKind::AppSubmission, &doc, &FileSet::new());
    assert_eq!(codes(&issues), ["files.control_character", "files.control_character"]);
    for i in &issues {
        assert!(!i.message.chars().any(char::is_control), "raw control character in {:?}", i.message);
    }
    let e = storesubmit::package::entry_name("x\u{1b}[2J.msix").unwrap_err();
    assert!(!e.to_string().chars().any(char::is_control), "{e}");
}

/// `..` and absolute names: in the submission (`files.parent_segment` / `files.absolute_path`) and as
/// entries of a `--files` ZIP (`files.unsafe_entry`, defect 8).
#[test]
fn dotdot_and_absolute_names_in_submission_and_zip() {
    let doc = submission(&["../up.msixupload", "/abs.msixupload", "C:\\x.msixupload"]);
    let issues = cross_check_files(DocumentKind::AppSubmission, &doc, &FileSet::new());
    assert_eq!(codes(&issues), ["files.parent_segment", "files.absolute_path", "files.absolute_path"]);
    // A ZIP whose entries escape its root (written raw: our writer refuses such names).
    let zip = raw_zip(&["ok.msixupload", "../../evil.dll", "/etc/passwd"]);
    let set = FileSet::from_zip_bytes(&zip).unwrap();
    let issues = cross_check_files(DocumentKind::AppSubmission, &submission(&["ok.msixupload"]), &set);
    assert_eq!(codes(&issues), ["files.unsafe_entry", "files.unsafe_entry"], "{issues:?}");
}

/// A minimal stored ZIP with arbitrary (even unsafe) entry names and empty data.
fn raw_zip(names: &[&str]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for n in names {
        let offset = out.len() as u32;
        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        out.extend_from_slice(&[20, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        out.extend_from_slice(&[0; 12]);
        out.extend_from_slice(&(n.len() as u16).to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        out.extend_from_slice(n.as_bytes());
        central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        central.extend_from_slice(&[20, 0, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        central.extend_from_slice(&[0; 12]);
        central.extend_from_slice(&(n.len() as u16).to_le_bytes());
        central.extend_from_slice(&[0; 12]);
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(n.as_bytes());
    }
    let cd_offset = out.len() as u32;
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0; 4]);
    out.extend_from_slice(&(names.len() as u16).to_le_bytes());
    out.extend_from_slice(&(names.len() as u16).to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&cd_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

/// 70,000 entries (ZIP64 entry count): the ZIP's names are read and cross-checked within 5 s.
#[test]
fn seventy_thousand_entries_are_read_and_checked_in_bounded_time() {
    let mut z = ZipWriter::new(Vec::new());
    for i in 0..70_000 {
        z.add_reader(&format!("f/{i}.txt"), Default::default(), &mut &b""[..]).unwrap();
    }
    let zip = z.finish().unwrap();
    let set = within(Duration::from_secs(5), "70,000 entries", || FileSet::from_zip_bytes(&zip).unwrap());
    assert_eq!(set.len(), 70_000);
    let issues = within(Duration::from_secs(5), "cross-check", || {
        cross_check_files(DocumentKind::AppSubmission, &submission(&["f/1.txt"]), &set)
    });
    assert_eq!(issues.len(), 69_999, "every other file is unreferenced");
}

/// A ZIP bomb: entries that claim 4 GiB of data each. Only the central directory is read (never the
/// data), so reading it costs microseconds and no memory; a directory claiming to be larger than the
/// file is a typed `invalid_archive`.
#[test]
fn zip_bomb_and_lying_directories_cost_nothing() {
    let mut zip = raw_zip(&["bomb.bin", "bomb2.bin"]);
    // Patch the claimed sizes in the central directory entries to 0xFFFFFFFE (4 GiB each).
    let n = zip.len();
    let cd = u32::from_le_bytes([zip[n - 6], zip[n - 5], zip[n - 4], zip[n - 3]]) as usize;
    for e in [cd, cd + 46 + "bomb.bin".len()] {
        zip[e + 20..e + 28].copy_from_slice(&[0xFE, 0xFF, 0xFF, 0xFF, 0xFE, 0xFF, 0xFF, 0xFF]);
    }
    let names = within(Duration::from_millis(200), "bomb", || entry_names(std::io::Cursor::new(&zip)).unwrap());
    assert_eq!(names, ["bomb.bin", "bomb2.bin"]);
    // The end record claims a 4 GiB central directory: refused, nothing allocated for it.
    let mut lying = zip.clone();
    let n = lying.len();
    lying[n - 10..n - 6].copy_from_slice(&0xFFFF_FF00u32.to_le_bytes());
    let e = entry_names(std::io::Cursor::new(&lying)).unwrap_err();
    assert_eq!(e.kind(), storesubmit::ErrorKind::InvalidArchive);
}

/// Invalid UTF-8 in a document read by the lenient reader's callers is refused before parsing (the
/// reader takes `&str`); as JSON bytes, serde_json reports it as a typed error.
#[test]
fn invalid_utf8_is_a_typed_error() {
    let bytes: &[u8] = &[b'{', b'"', b'a', b'"', b':', b'"', 0xff, 0xfe, b'"', b'}'];
    assert!(String::from_utf8(bytes.to_vec()).is_err());
    assert!(serde_json::from_slice::<serde_json::Value>(bytes).is_err());
    let lossy = String::from_utf8_lossy(bytes);
    let (v, _) = lenient_json::parse(&lossy).unwrap();
    assert_eq!(v["a"], "\u{fffd}\u{fffd}");
}

/// A 200 MB string value (defect 8: "valid" before): read and validated in bounded time with the
/// description limit reported; memory a small multiple of the text. Bound: 30 s each on a 2-core CI
/// machine in an unoptimised test build (one pass each; about 5 s measured).
#[test]
fn a_200_mb_description_is_read_and_refused() {
    let desc = "d".repeat(200 << 20);
    let text = format!("{{\"listings\": {{\"en-us\": {{\"baseListing\": {{\"description\": \"{desc}\"}}}}}}}}");
    drop(desc);
    let (doc, warnings) = within(Duration::from_secs(30), "200 MB read", || lenient_json::parse(&text).unwrap());
    assert!(warnings.is_empty());
    drop(text);
    let report = within(Duration::from_secs(30), "200 MB validate", || {
        storesubmit::validate::validate(DocumentKind::AppSubmission, &doc)
    });
    assert!(report.issues.iter().any(|i| i.code == "listing.description.too_long"));
}

/// Defect 8: raw escape bytes from a document were echoed to the terminal in any issue message.
#[test]
fn issue_messages_never_carry_raw_control_characters() {
    let doc = json!({"applicationCategory": "Games\u{1b}]0;pwned\u{7}", "visibility": "\u{1b}[2JPublic",
        "listings": {"x\u{0}y": {"baseListing": {"description": 5}}}});
    let report = storesubmit::validate::validate(DocumentKind::AppSubmission, &doc);
    assert!(report.issues.len() >= 3, "{:?}", report.issues);
    for i in &report.issues {
        assert!(!i.message.chars().any(char::is_control), "raw control character in {:?}", i.message);
    }
}

/// Issue 24: issue messages repeated whole values (a 15 MB input gave 21 MB of warnings). Every message
/// and path is bounded, whatever field the value is in, and the report stays small; the "did you mean"
/// suggestions no longer cost a pass per known name over a megabyte-long key or value.
#[test]
fn huge_values_give_small_issues() {
    let big = "x".repeat(8 << 20);
    let doc = json!({
        big.clone(): 1,
        "applicationCategory": big.clone(),
        "visibility": big.clone(),
        "listings": {big.clone(): {"baseListing": {"title": big.clone(), "keywords": [big.clone()]}}},
        "applicationPackages": [{"fileName": big.clone(), "minimumDirectXVersion": big.clone()}],
    });
    drop(big);
    let report = storesubmit::validate::validate(DocumentKind::AppSubmission, &doc);
    assert!(report.issues.len() >= 4, "{:?}", report.issues.iter().map(|i| &i.code).collect::<Vec<_>>());
    let limits = storesubmit::data::limits::ISSUE_MESSAGE_MAX_CHARS + storesubmit::data::limits::ISSUE_PATH_MAX_CHARS;
    for i in &report.issues {
        assert!(
            i.message.chars().count() + i.path.chars().count() <= limits,
            "{} is {} chars",
            i.code,
            i.message.len()
        );
    }
    let all: usize = report.issues.iter().map(|i| i.message.len() + i.path.len()).sum();
    assert!(all < 256 << 10, "{all} bytes of issues");
}
