//! Helpers the CLI test files share: the binary with a clean environment, scratch folders, JSON files.
#![allow(dead_code)] // each test file uses a part

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// The `storesubmit` binary, without the caller's `STORESUBMIT_*` settings or `NO_COLOR`.
pub fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_storesubmit"));
    for (k, _) in std::env::vars() {
        if k.starts_with("STORESUBMIT_") || k == "NO_COLOR" {
            c.env_remove(k);
        }
    }
    c
}

/// A scratch folder, removed when dropped.
pub struct Dir(pub PathBuf);

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A fresh scratch folder named for the test file (`suite`) and the test (`tag`).
pub fn dir(suite: &str, tag: &str) -> Dir {
    let d = std::env::temp_dir().join(format!("storesubmit-{suite}-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    Dir(d)
}

/// Writes `v` as pretty JSON to `dir/name` and returns the path.
pub fn write(dir: &Path, name: &str, v: &Value) -> String {
    let p = dir.join(name);
    std::fs::write(&p, serde_json::to_vec_pretty(v).unwrap()).unwrap();
    p.to_str().unwrap().to_string()
}

/// `len` bytes standing in for a file named `name`, as validation reads them: a `.png` starts with the PNG
/// signature and an `IHDR` of a size the Store takes for what the name suggests (`icon`: 300 x 300,
/// `9x16`/`poster`: 720 x 1080, `square`/`box`: 1080 x 1080, else 1920 x 1080), a `.mp4`/`.mov` with an
/// `ftyp` box; the rest is filler.
pub fn placeholder_bytes(name: &str, len: usize) -> Vec<u8> {
    let lower = name.to_ascii_lowercase();
    let mut v: Vec<u8> = if lower.ends_with(".png") {
        let (w, h): (u32, u32) = if lower.contains("icon") {
            (300, 300)
        } else if lower.contains("9x16") || lower.contains("poster") {
            (720, 1080)
        } else if lower.contains("square") || lower.contains("box") {
            (1080, 1080)
        } else {
            (1920, 1080)
        };
        let mut h_ = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        h_.extend_from_slice(&w.to_be_bytes());
        h_.extend_from_slice(&h.to_be_bytes());
        h_.extend_from_slice(&[8, 6, 0, 0, 0]);
        h_
    } else if lower.ends_with(".mp4") || lower.ends_with(".mov") {
        b"\0\0\0\x10ftypmp42\0\0\0\0".to_vec()
    } else {
        Vec::new()
    };
    let start = v.len();
    v.extend((start..len.max(start)).map(|i| (i * 31 % 251) as u8));
    v
}

/// Writes [`placeholder_bytes`] for `name` under `dir` (folders created).
pub fn write_placeholder(dir: &Path, name: &str, len: usize) {
    let p = name.split('/').fold(dir.to_path_buf(), |p, s| p.join(s));
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(&p, placeholder_bytes(name, len)).unwrap();
}

/// Replaces every text of the JSON file at `path` that a starter marked `TODO:` with real text, as the
/// user does before validating (the starters' placeholders are errors until then).
pub fn write_the_todos(path: &Path) {
    fn walk(v: &mut Value) {
        match v {
            Value::String(s) if s.starts_with("TODO:") => *s = format!("Written by the user:{}", &s[5..]),
            Value::String(s) if s.contains(".todo.invalid") => *s = s.replace(".todo.invalid", ".contoso.com"),
            Value::Array(items) => items.iter_mut().for_each(walk),
            Value::Object(m) => m.values_mut().for_each(walk),
            _ => {}
        }
    }
    let mut v: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    walk(&mut v);
    std::fs::write(path, serde_json::to_vec_pretty(&v).unwrap()).unwrap();
}
