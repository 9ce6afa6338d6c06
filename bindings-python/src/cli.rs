//! The wheel's `storesubmit` console script (`storesubmit._native:cli_main`): the CLI crate itself,
//! linked into the extension, so pip users get the very command the Rust binary is.

use pyo3::prelude::*;

/// Runs the command line in `sys.argv` (named `storesubmit`), GIL released, and returns the exit
/// status; the command owns SIGINT/SIGTERM (it saves the resume token, then exits), as the binary does.
#[pyfunction]
pub(crate) fn cli_main(py: Python<'_>) -> PyResult<i32> {
    let argv: Vec<String> = py.import("sys")?.getattr("argv")?.extract()?;
    let args = std::iter::once("storesubmit".to_string()).chain(argv.into_iter().skip(1));
    Ok(py.detach(|| storesubmit_cli::main_from(args)))
}
