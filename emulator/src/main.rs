//! `storesubmit-emulator`: runs the Store emulator on 127.0.0.1 (see `emulator/README.md`).

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    std::process::exit(storesubmit_emulator::run_cli(&args));
}
