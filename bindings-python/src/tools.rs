//! Offline tools: validation, the issue catalogue, document kinds, packaging (`pack`), and the core's
//! blob functions the shared blob vectors check (`blob_*`).
//!
//! All of it is the core's: rules, codes and archive layout live in `storesubmit::validate` and
//! `storesubmit::package`; this file only converts values and releases the GIL around file work.

use std::path::PathBuf;
use std::sync::Mutex;

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use storesubmit::api::blob;
use storesubmit::model::DocumentKind;
use storesubmit::package::{submission_entries, PackagePlan};
use storesubmit::validate::{self, FileSet};

use crate::convert::{json_to_py, py_to_json};
use crate::errors::{issue_to_py, IntoPy};
use crate::http::{PyRequest, PyResponse};

fn kind_of(kind: &str) -> PyResult<DocumentKind> {
    kind.parse::<DocumentKind>().py()
}

/// Every issue of `doc` checked as a document of `kind`, plus the cross-check of the files it names:
/// `files` is a list of names as in a ZIP, or `folder` a folder (whose listing also knows empty files).
/// Issues are dicts `{code, path, message, severity}`.
#[pyfunction]
#[pyo3(signature = (kind, doc, files=None, folder=None))]
fn validate_document<'py>(
    py: Python<'py>,
    kind: &str,
    doc: &Bound<'py, PyAny>,
    files: Option<Vec<String>>,
    folder: Option<PathBuf>,
) -> PyResult<Bound<'py, PyList>> {
    let kind = kind_of(kind)?;
    let doc = py_to_json(doc)?;
    let set = match (&files, &folder) {
        (_, Some(dir)) => Some(
            py.detach(|| FileSet::from_dir(dir))
                .map_err(|e| {
                    storesubmit::Error::new(storesubmit::ErrorKind::Io, format!("cannot list {}: {e}", dir.display()))
                })
                .py()?,
        ),
        (Some(names), None) => Some(FileSet::from_names(names)),
        (None, None) => None,
    };
    let report = py.detach(|| match &set {
        Some(s) => validate::validate_with_files(kind, &doc, s),
        None => validate::validate(kind, &doc),
    });
    let list = PyList::empty(py);
    for i in &report.issues {
        list.append(issue_to_py(py, i)?)?;
    }
    Ok(list)
}

/// The kind a document most probably is, or `None`.
#[pyfunction]
fn guess_kind(doc: &Bound<'_, PyAny>) -> PyResult<Option<&'static str>> {
    Ok(validate::guess_kind(&py_to_json(doc)?).map(DocumentKind::as_str))
}

/// The files a submission needs in its ZIP: `{name, source_name, pointers}` per entry, in order.
#[pyfunction]
fn package_entries<'py>(py: Python<'py>, kind: &str, doc: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyList>> {
    let entries = submission_entries(kind_of(kind)?, &py_to_json(doc)?).py()?;
    let list = PyList::empty(py);
    for e in entries {
        let d = PyDict::new(py);
        d.set_item("name", e.name)?;
        d.set_item("source_name", e.source_name)?;
        d.set_item("pointers", e.pointers)?;
        list.append(d)?;
    }
    Ok(list)
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

/// Reads JSON text as people write it (trailing commas, comments, a BOM) like the CLI does: returns
/// `(document, issues)` where issues are the warnings about what was tolerated; raises
/// `ValidationError` (`json.syntax`) when the text is not JSON at all.
#[pyfunction]
fn parse_json_lenient<'py>(py: Python<'py>, text: &str) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyList>)> {
    let (doc, issues) = validate::lenient_json::parse(text).py()?;
    let list = PyList::empty(py);
    for i in &issues {
        list.append(issue_to_py(py, i)?)?;
    }
    Ok((json_to_py(py, &doc)?, list))
}

// ---- the core's blob functions, for the shared blob vectors (tests/vectors/blob) -------------------

/// Azure's CRC-64 of `data`.
#[pyfunction]
fn blob_crc64(data: &[u8]) -> u64 {
    blob::crc64(data)
}

/// The checksum header the core puts on a staged block of `data` for service `version`: `(name, value)`.
#[pyfunction]
fn blob_checksum_header(version: &str, data: &[u8]) -> (&'static str, String) {
    blob::BlockChecksum::compute(version, data).header()
}

/// The id of block `index` whose data has CRC-64 `crc`.
#[pyfunction]
fn blob_block_id(index: u32, crc: u64) -> String {
    blob::block_id(index, crc)
}

/// A block blob request built by the core: `kind` is `put_block` (`block_id`, `data`), `put_block_list`
/// (`ids`, `content_type`), `get_block_list` or `put_blob` (`data`, `content_type`).
#[pyfunction]
#[pyo3(signature = (kind, url, version, block_id=None, data=None, ids=None, content_type=None))]
#[allow(clippy::too_many_arguments)]
fn blob_request(
    kind: &str,
    url: &str,
    version: &str,
    block_id: Option<&str>,
    data: Option<Vec<u8>>,
    ids: Option<Vec<String>>,
    content_type: Option<&str>,
) -> PyResult<PyRequest> {
    let sas = blob::SasUrl::parse(url).py()?;
    let data = data.unwrap_or_default();
    let inner = match kind {
        "put_block" => blob::put_block(&sas, version, block_id.unwrap_or_default(), &data),
        "put_block_list" => blob::put_block_list(&sas, version, &ids.unwrap_or_default(), content_type),
        "get_block_list" => blob::get_block_list(&sas, version),
        "put_blob" => blob::put_blob(&sas, version, data, content_type),
        other => return Err(storesubmit::Error::invalid_argument(format!("unknown blob request `{other}`"))).py(),
    };
    Ok(PyRequest { inner })
}

/// A Get Block List response read by the core: `{committed: [{id, size}], uncommitted: [...]}`.
#[pyfunction]
fn blob_parse_block_list<'py>(py: Python<'py>, response: &Bound<'py, PyResponse>) -> PyResult<Bound<'py, PyDict>> {
    let list = blob::parse_block_list(&response.get().inner).py()?;
    let out = PyDict::new(py);
    for (key, blocks) in [("committed", &list.committed), ("uncommitted", &list.uncommitted)] {
        let items = PyList::empty(py);
        for b in blocks {
            let d = PyDict::new(py);
            d.set_item("id", &b.id)?;
            d.set_item("size", b.size)?;
            items.append(d)?;
        }
        out.set_item(key, items)?;
    }
    Ok(out)
}

/// A SAS URL as the core reads it: `{base, expiry_unix, version, permissions, has_signature,
/// request_version, redacted, sent_query}` (`sent_query` holds the signature: tests only).
#[pyfunction]
fn blob_sas_info<'py>(py: Python<'py>, url: &str) -> PyResult<Bound<'py, PyDict>> {
    let sas = blob::SasUrl::parse(url).py()?;
    let d = PyDict::new(py);
    d.set_item("base", sas.base())?;
    d.set_item("expiry_unix", sas.expiry_unix())?;
    d.set_item("version", sas.version())?;
    d.set_item("permissions", sas.permissions())?;
    d.set_item("has_signature", sas.has_signature())?;
    d.set_item("request_version", sas.request_version())?;
    d.set_item("redacted", sas.to_string())?;
    let sent = sas.expose_url();
    d.set_item("sent_query", sent.split_once('?').map_or("", |(_, q)| q))?;
    Ok(d)
}

/// Raises the error the core's pre-upload check gives for a SAS at `now` (Unix seconds), if any.
#[pyfunction]
fn blob_sas_check_write(url: &str, now: i64) -> PyResult<()> {
    blob::SasUrl::parse(url).py()?.check_write(now).py()
}

/// Raises the typed error of a failed response to a request made with the SAS `url`, at `now`.
#[pyfunction]
fn blob_sas_error(url: &str, response: &Bound<'_, PyResponse>, now: i64) -> PyResult<()> {
    let sas = blob::SasUrl::parse(url).py()?;
    Err(blob::sas_error_from_response(&sas, &response.get().inner, now)).py()
}

/// Raises the typed blob error (`sas_expired`, `sas_permission`, `checksum_mismatch`, `not_found`, …)
/// for a failed blob response; returns `None` for a success.
#[pyfunction]
fn check_blob_response(response: &Bound<'_, PyResponse>) -> PyResult<()> {
    blob::check_response(&response.get().inner).py()
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
    m.add_function(wrap_pyfunction!(validate_document, m)?)?;
    m.add_function(wrap_pyfunction!(check_blob_response, m)?)?;
    m.add_function(wrap_pyfunction!(blob_sas_url, m)?)?;
    m.add_function(wrap_pyfunction!(guess_kind, m)?)?;
    m.add_function(wrap_pyfunction!(package_entries, m)?)?;
    m.add_function(wrap_pyfunction!(pack, m)?)?;
    m.add_function(wrap_pyfunction!(parse_json_lenient, m)?)?;
    m.add_function(wrap_pyfunction!(blob_crc64, m)?)?;
    m.add_function(wrap_pyfunction!(blob_checksum_header, m)?)?;
    m.add_function(wrap_pyfunction!(blob_block_id, m)?)?;
    m.add_function(wrap_pyfunction!(blob_request, m)?)?;
    m.add_function(wrap_pyfunction!(blob_parse_block_list, m)?)?;
    m.add_function(wrap_pyfunction!(blob_sas_info, m)?)?;
    m.add_function(wrap_pyfunction!(blob_sas_check_write, m)?)?;
    m.add_function(wrap_pyfunction!(blob_sas_error, m)?)?;
    Ok(())
}
