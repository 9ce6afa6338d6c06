//! Writes the manifest (`storesubmit::manifest`) to `surface/manifest.json`, or to the path given
//! as the only argument (`-` for standard output), and — without an argument — the project file's JSON
//! Schema (`storesubmit::project::schema`) to `schema/storesubmit.schema.json`. `core/tests/manifest.rs`
//! fails when a checked-in file differs from what this writes:
//!
//! ```text
//! cargo run -p storesubmit --bin storesubmit-manifest
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let text = storesubmit::manifest::manifest_text();
    let target = std::env::args().nth(1);
    if target.as_deref() == Some("-") {
        print!("{text}");
        return ExitCode::SUCCESS;
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut outputs = vec![(
        target.clone().map(PathBuf::from).unwrap_or_else(|| root.join(storesubmit::manifest::MANIFEST_PATH)),
        text,
    )];
    if target.is_none() {
        outputs
            .push((root.join(storesubmit::project::schema::SCHEMA_PATH), storesubmit::project::schema::schema_text()));
    }
    for (path, text) in outputs {
        if let Some(dir) = path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        if let Err(e) = std::fs::write(&path, text) {
            eprintln!("storesubmit-manifest: cannot write {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
        println!("wrote {}", path.canonicalize().unwrap_or(path).display());
    }
    ExitCode::SUCCESS
}
