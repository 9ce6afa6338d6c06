//! The `storesubmit` binary: everything is in the library ([`storesubmit_cli::main_from`]), which the
//! Python wheel's console script runs too.

fn main() {
    std::process::exit(storesubmit_cli::main_from(std::env::args_os()));
}
