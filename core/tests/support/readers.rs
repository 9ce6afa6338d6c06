//! The independent ZIP readers archives are checked with: Info-ZIP `unzip`, `7z`, Python's `zipfile`
//! and Mono's `System.IO.Compression.ZipArchive` (a small C# checker compiled with `mcs` on first use).
//! Each check runs the reader's own integrity test and returns what the reader saw (names, sizes,
//! CRC-32s), so a test compares it with what was written. A reader that is not installed fails the test
//! with the command that installs it: suites never skip.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// One entry as a reader reports it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// Entry name as the reader decoded it.
    pub name: String,
    /// Uncompressed size.
    pub size: u64,
    /// CRC-32 (`None` when the reader was told not to compute it, see [`mono`]).
    pub crc: Option<u32>,
}

impl Entry {
    /// An expected entry.
    pub fn new(name: &str, size: u64, crc: u32) -> Entry {
        Entry { name: name.to_string(), size, crc: Some(crc) }
    }
}

/// The path of `tool` on `PATH`; panics (failing the test) when it is missing.
pub fn require(tool: &str) -> PathBuf {
    let path = std::env::var_os("PATH").unwrap_or_default();
    for dir in std::env::split_paths(&path) {
        let p = dir.join(tool);
        if p.is_file() {
            return p;
        }
    }
    panic!(
        "`{tool}` is not installed, and this suite needs it as an independent ZIP reader: run `bash scripts/setup.sh` \
         (scripts/setup.d/30-package.sh installs unzip, p7zip-full, python3, mono-mcs and mono-runtime)"
    );
}

fn clip(b: &[u8]) -> String {
    let s = String::from_utf8_lossy(b);
    if s.len() > 4000 {
        format!("{}\n…\n{}", &s[..2000], &s[s.len() - 2000..])
    } else {
        s.into_owned()
    }
}

/// Runs a command and panics with its output unless it exits with 0.
pub fn run(cmd: &mut Command) -> Output {
    let out = cmd.env("LC_ALL", "C.UTF-8").output().unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
    assert!(
        out.status.success(),
        "{cmd:?} failed ({}):\nstdout:\n{}\nstderr:\n{}",
        out.status,
        clip(&out.stdout),
        clip(&out.stderr)
    );
    out
}

/// `unzip -t` (tests every entry's CRC), then `unzip -v` for names, sizes and CRCs.
pub fn unzip(zip: &Path) -> Vec<Entry> {
    unzip_testing(zip, None)
}

/// `unzip -v` (every entry's name, size and CRC from the central directory) and `unzip -t` of one
/// entry only: for huge archives, where Info-ZIP's slow CRC over every byte adds nothing.
pub fn unzip_only(zip: &Path, entry: &str) -> Vec<Entry> {
    unzip_testing(zip, Some(entry))
}

fn unzip_testing(zip: &Path, only: Option<&str>) -> Vec<Entry> {
    let bin = require("unzip");
    let t = run(Command::new(&bin).arg("-t").arg(zip).args(only));
    let text = String::from_utf8_lossy(&t.stdout);
    assert!(text.contains("No errors detected"), "unzip -t: {}", clip(&t.stdout));
    if let Some(e) = only {
        assert!(text.contains(&format!("testing: {e} ")), "unzip -t did not test {e}: {}", clip(&t.stdout));
    }
    let v = run(Command::new(&bin).arg("-v").arg(zip));
    let text = String::from_utf8_lossy(&v.stdout).into_owned();
    let mut out = Vec::new();
    let mut in_table = false;
    for line in text.lines() {
        if line.starts_with("--------") {
            if in_table {
                break;
            }
            in_table = true;
            continue;
        }
        if !in_table {
            continue;
        }
        let f: Vec<&str> = line.split_whitespace().collect();
        // Length Method Size Cmpr Date Time CRC-32 Name
        if f.len() < 8 {
            continue;
        }
        let name_start = nth_field_start(line, 7);
        out.push(Entry {
            name: line[name_start..].to_string(),
            size: f[0].parse().expect("unzip -v length"),
            crc: Some(u32::from_str_radix(f[6], 16).expect("unzip -v crc")),
        });
    }
    out
}

fn nth_field_start(line: &str, n: usize) -> usize {
    let mut count = 0;
    let mut prev_space = true;
    for (i, c) in line.char_indices() {
        let space = c == ' ';
        if prev_space && !space {
            if count == n {
                return i;
            }
            count += 1;
        }
        prev_space = space;
    }
    line.len()
}

/// `7z t` (tests every entry), then `7z l -slt` for names, sizes and CRCs.
pub fn sevenzip(zip: &Path) -> Vec<Entry> {
    let bin = require("7z");
    let t = run(Command::new(&bin).args(["t", "-bd", "-y"]).arg(zip));
    let text = String::from_utf8_lossy(&t.stdout);
    assert!(text.contains("Everything is Ok"), "7z t: {}", clip(&t.stdout));
    let l = run(Command::new(&bin).args(["l", "-slt"]).arg(zip));
    let text = String::from_utf8_lossy(&l.stdout).into_owned();
    let body = text.split_once("----------\n").map(|(_, b)| b).unwrap_or("");
    let mut out = Vec::new();
    for block in body.split("\n\n") {
        let get = |k: &str| block.lines().find_map(|l| l.strip_prefix(k)).map(str::to_string);
        if let Some(name) = get("Path = ") {
            out.push(Entry {
                name,
                size: get("Size = ").and_then(|s| s.parse().ok()).expect("7z size"),
                crc: get("CRC = ").map(|c| u32::from_str_radix(&c, 16).expect("7z crc")).or(Some(0)),
            });
        }
    }
    out
}

const PY_CHECK: &str = r#"
import json, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    bad = z.testzip()
    if bad is not None:
        sys.exit("testzip: bad entry " + bad)
    json.dump([[i.filename, i.file_size, i.CRC, i.compress_type] for i in z.infolist()], sys.stdout)
"#;

/// Python's `zipfile`: `testzip()` (reads every entry, checking CRCs), then `infolist()`.
pub fn python(zip: &Path) -> Vec<Entry> {
    let bin = require("python3");
    let out = run(Command::new(bin).arg("-c").arg(PY_CHECK).arg(zip));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("python output is JSON");
    v.as_array()
        .unwrap()
        .iter()
        .map(|e| Entry {
            name: e[0].as_str().unwrap().to_string(),
            size: e[1].as_u64().unwrap(),
            crc: Some(e[2].as_u64().unwrap() as u32),
        })
        .collect()
}

/// Compiles the C# checker once per source version (cached in the target's temp dir).
fn mono_checker() -> PathBuf {
    const SRC: &str = include_str!("ZipCheck.cs");
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let exe = dir.join(format!("zipcheck-{:08x}.exe", crc32fast::hash(SRC.as_bytes())));
    if exe.is_file() {
        return exe;
    }
    let mcs = require("mcs");
    require("mono");
    std::fs::create_dir_all(dir).unwrap();
    let tag = format!("{}-{:?}", std::process::id(), std::thread::current().id()).replace(['(', ')'], "");
    let src = dir.join(format!("ZipCheck-{tag}.cs"));
    let tmp = dir.join(format!("zipcheck-{tag}.exe"));
    std::fs::write(&src, SRC).unwrap();
    run(Command::new(mcs)
        .arg("-nologo")
        .arg("-r:System.IO.Compression.dll")
        .arg(format!("-out:{}", tmp.display()))
        .arg(&src));
    std::fs::rename(&tmp, &exe).unwrap();
    let _ = std::fs::remove_file(&src);
    exe
}

/// What Mono's `ZipArchive` saw of one entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MonoEntry {
    /// Name, size and (for entries up to the CRC limit) the CRC-32 of the bytes read.
    pub entry: Entry,
    /// Bytes read through `ZipArchiveEntry.Open()`.
    pub read: u64,
    /// The last (up to) 8 bytes read.
    pub tail: Vec<u8>,
}

/// Mono's `ZipArchive`: opens the archive and reads every entry; CRC-32s are computed for entries up to
/// `crc_limit` bytes (larger ones are read and counted only, their tail returned).
pub fn mono(zip: &Path, crc_limit: u64) -> Vec<MonoEntry> {
    let exe = mono_checker();
    let out = run(Command::new(require("mono")).arg(exe).arg(zip).arg(crc_limit.to_string()));
    let text = String::from_utf8(out.stdout).expect("mono output is UTF-8");
    let mut lines = text.lines();
    let count: usize = lines.next().and_then(|l| l.strip_prefix("entries\t")).expect("entries line").parse().unwrap();
    let entries: Vec<MonoEntry> = lines
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(f.len(), 6, "mono line {l:?}");
            let tail = (0..f[5].len() / 2).map(|i| u8::from_str_radix(&f[5][2 * i..2 * i + 2], 16).unwrap()).collect();
            MonoEntry {
                entry: Entry {
                    name: f[0].to_string(),
                    size: f[1].parse().unwrap(),
                    crc: (f[4] != "-").then(|| u32::from_str_radix(f[4], 16).unwrap()),
                },
                read: f[3].parse().unwrap(),
                tail,
            }
        })
        .collect();
    assert_eq!(entries.len(), count);
    for e in &entries {
        assert_eq!(e.read, e.entry.size, "Mono read a different number of bytes than Length for {}", e.entry.name);
    }
    entries
}

/// Every reader's view, checked against `expected` (names, sizes, CRCs, in order).
pub fn check_all(zip: &Path, expected: &[Entry]) {
    assert_eq!(unzip(zip), expected, "unzip");
    assert_eq!(sevenzip(zip), expected, "7z");
    assert_eq!(python(zip), expected, "python zipfile");
    let m: Vec<Entry> = mono(zip, i64::MAX as u64).into_iter().map(|m| m.entry).collect();
    assert_eq!(m, expected, "mono ZipArchive");
}
