//! Local file work: packaging a folder into a ZIP (`pack`, the GIL released) and minting blob SAS URLs
//! (for tests against Azurite). The rules and the archive layout are the core's (`storesubmit::package`).

use std::path::PathBuf;
use std::sync::Mutex;

use pyo3::prelude::*;
use pyo3::types::PyDict;
use storesubmit::api::blob;
use storesubmit::model::DocumentKind;
use storesubmit::package::PackagePlan;

use crate::convert::py_to_json;
use crate::errors::IntoPy;

fn kind_of(kind: &str) -> PyResult<DocumentKind> {
    kind.parse::<DocumentKind>().py()
}

/// Writes the ZIP a submission needs (every `PendingUpload` file found under `base`) to `out`; calls
/// `on_progress(done, total)` with input bytes as it goes. Returns `{size, entries, input_bytes}`.
#[pyfunction]
#[pyo3(signature = (kind, doc, base, out, on_progress=None))]
fn pack<'py>(
    py: Python<'py>,
    kind: &str,
    doc: &Bound<'py, PyAny>,
    base: PathBuf,
    out: PathBuf,
    on_progress: Option<Py<PyAny>>,
) -> PyResult<Bound<'py, PyDict>> {
    let kind = kind_of(kind)?;
    let doc = py_to_json(doc)?;
    let plan = py.detach(|| PackagePlan::from_submission(kind, &doc, &base)).py()?;
    let error: Mutex<Option<PyErr>> = Mutex::new(None);
    let size = py
        .detach(|| {
            plan.write_to_file(&out, &mut |done, total| {
                if let Some(cb) = &on_progress {
                    Python::attach(|py| {
                        if let Err(e) = cb.call1(py, (done, total)) {
                            if let Ok(mut slot) = error.lock() {
                                slot.get_or_insert(e);
                            }
                        }
                    });
                }
            })
        })
        .py()?;
    if let Some(e) = error.lock().ok().and_then(|mut e| e.take()) {
        return Err(e);
    }
    let d = PyDict::new(py);
    d.set_item("size", size)?;
    d.set_item("entries", plan.files.iter().map(|f| f.name.clone()).collect::<Vec<_>>())?;
    d.set_item("input_bytes", plan.total_bytes())?;
    Ok(d)
}

/// Mints a service SAS URL (`sr=b`) for a blob with an account key: for tests against Azurite and for
/// services that hand out keys instead of URLs.
#[pyfunction]
#[pyo3(signature = (account_url, account, key, container, blob_name, permissions, expiry_unix, version=None))]
#[allow(clippy::too_many_arguments)]
fn blob_sas_url(
    account_url: &str,
    account: &str,
    key: &str,
    container: &str,
    blob_name: &str,
    permissions: &str,
    expiry_unix: i64,
    version: Option<&str>,
) -> PyResult<String> {
    let version = version.unwrap_or(blob::DEFAULT_VERSION);
    blob::blob_sas_url(account_url, account, key, container, blob_name, permissions, expiry_unix, version).py()
}

/// Registers this module's functions.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(blob_sas_url, m)?)?;
    m.add_function(wrap_pyfunction!(pack, m)?)?;
    Ok(())
}
