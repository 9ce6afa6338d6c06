//! `storesubmit`: publish to the Microsoft Store from release pipelines, validate and package
//! submissions offline, and run the local Store emulator. Every Store rule, endpoint and workflow comes
//! from the `storesubmit` core crate; this crate only parses arguments and prints.
//!
//! It is a library so that one build of the command serves both the `storesubmit` binary and the
//! Python wheel's `storesubmit` console script ([`main_from`]): the two can never differ.

mod args;
mod cmd;
mod connect;
mod exit;
mod interrupt;
mod output;

use clap::Parser;

use args::{Cli, Command};
use output::Mode;

/// Logs on stderr: `-v` info, `-vv` debug, `-vvv` trace — of storesubmit only; other crates stay at
/// `warn` (their logs are not written with secrets in mind). `RUST_LOG` overrides.
fn init_logs(verbose: u8) {
    let ours = match verbose {
        0 => "warn",
        1 => "info",
        2 => "debug",
        _ => "trace",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| {
        tracing_subscriber::EnvFilter::new(format!("warn,storesubmit={ours},storesubmit_cli={ours}"))
    });
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(output::colours())
        .with_target(false)
        .try_init();
}

/// A closed stdout (`storesubmit codes | head -1`) ends the process quietly, as it does for other Unix
/// tools, instead of a panic in `println!`.
fn quiet_broken_pipe() {
    #[cfg(unix)]
    // SAFETY: restoring the default disposition of SIGPIPE before any thread starts.
    #[allow(unsafe_code)]
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

fn run(cli: Cli) -> storesubmit::Result<i32> {
    let mode = Mode { json: cli.json, quiet: cli.quiet };
    match &cli.command {
        Command::Demo => cmd::demo::run(mode),
        Command::Emulator(a) => {
            let mut argv = vec!["--port".to_string(), a.port.to_string()];
            if let Some(c) = &a.config {
                argv.push("--config".into());
                argv.push(c.display().to_string());
            }
            argv.extend(a.rest.iter().cloned());
            Ok(storesubmit_emulator::run_cli(&argv))
        }
        Command::Validate(a) => cmd::validate::run(mode, a),
        Command::Init(a) => cmd::init::run(mode, a),
        Command::Publish(a) => cmd::project::publish(mode, a),
        Command::Pack(a) => cmd::pack::run(mode, a),
        Command::App(c) => cmd::query::app(mode, c),
        Command::Addon(c) => cmd::query::addon(mode, c),
        Command::Flight(c) => cmd::query::flight(mode, c),
        Command::Win32(c) => cmd::query::win32(mode, c),
        Command::Ingestion(c) => cmd::query::ingestion(mode, c),
        Command::Resume(a) => cmd::publish::resume(mode, a),
        Command::Codes => {
            let v = serde_json::json!({
                "errors": storesubmit::all_error_codes(),
                "issues": storesubmit::validate::all_issue_codes(),
            });
            if mode.json {
                output::print_json(mode, &v);
            } else {
                println!("error codes:");
                for e in storesubmit::all_error_codes() {
                    println!("  {:<22} {}", e.code, e.description);
                }
                println!("validation issue codes:");
                for i in storesubmit::validate::all_issue_codes() {
                    println!("  {:<44} {:<7} {}", i.code, i.severity.as_str(), i.description);
                }
            }
            Ok(0)
        }
    }
}

/// Runs the command line `args` (the program name first, as `std::env::args_os` gives it) and returns
/// the process exit status (see `storesubmit --help` for the table). Usage errors print clap's message;
/// `--help` and `--version` print and return 0. A SIGINT/SIGTERM during a workflow ends the process
/// (after writing the resume token), so a host calling this gives its process to the command.
pub fn main_from<I, T>(args: I) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    quiet_broken_pipe();
    interrupt::install();
    let cli = match Cli::try_parse_from(args) {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { exit::USAGE } else { exit::OK };
        }
    };
    init_logs(cli.verbose);
    let mode = Mode { json: cli.json, quiet: cli.quiet };
    let code = match run(cli) {
        Ok(code) => code,
        Err(e) => {
            output::print_error(mode, &e);
            exit::for_kind(e.kind())
        }
    };
    // A host process (the Python console script) does not run Rust's exit-time flush.
    let _ = std::io::Write::flush(&mut std::io::stdout());
    code
}
