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
