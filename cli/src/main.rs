//! The `storesubmit` command (in progress).
fn main() {
    eprintln!("storesubmit: the CLI is not built yet (issue 6)");
    std::process::exit(2);
}
