//! Writes the manifest (`storesubmit::manifest`) to `tests/vectors/manifest.json`, or to the path given
//! as the only argument (`-` for standard output). `core/tests/manifest.rs` fails when the checked-in
//! file differs from what this writes:
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
    let path = target.map(PathBuf::from).unwrap_or_else(|| {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..").join(storesubmit::manifest::MANIFEST_PATH)
    });
    match std::fs::write(&path, text) {
        Ok(()) => {
            println!("wrote {}", path.canonicalize().unwrap_or(path).display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("storesubmit-manifest: cannot write {}: {e}", path.display());
            ExitCode::FAILURE
        }
    }
}
