//! Uploads through a host transport (`transport=` callables, the `requests`/`httpx` adapters).
//!
//! The bundled transport uploads with the core's parallel blob uploader; a host transport gets the same
//! requests one at a time from here: [`PyBlockUpload`] streams the submission's ZIP from a writer
//! thread into blocks (each file read once, at most two blocks in memory, no temporary file) and hands
//! out the core's Put Block requests, then the Put Block List; [`asset_requests`] builds the Put Blob
//! of a win32 listing asset for its primary and fallback URLs. Responses are judged by
//! [`check_blob_response`] (the core's blob error mapping: `sas_expired`, `checksum_mismatch`, …).

use std::io::Write;
use std::path::PathBuf;
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::Mutex;
use std::thread::JoinHandle;
use std::time::{SystemTime, UNIX_EPOCH};

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use storesubmit::api::blob::{self, SasUrl, UploadPlan};
use storesubmit::client::check_url_scheme;
use storesubmit::flow::Upload;
use storesubmit::{Error, ErrorKind, Result};

use crate::errors::IntoPy;
use crate::flow::PyUpload;
use crate::http::{PyRequest, PyResponse};
use storesubmit::client::{path_under, zip_plan};

use crate::runtime::files_dir;

fn now_unix() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}

/// A `Write` cutting the archive into blocks sent over a bounded channel (back-pressure bounds memory).
struct ChannelSink {
    tx: SyncSender<Vec<u8>>,
    buf: Vec<u8>,
    block: usize,
}

impl Write for ChannelSink {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        let n = (self.block - self.buf.len()).min(data.len());
        self.buf.extend_from_slice(&data[..n]);
        if self.buf.len() == self.block {
            self.flush_block()?;
        }
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl ChannelSink {
    fn flush_block(&mut self) -> std::io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let data = std::mem::replace(&mut self.buf, Vec::with_capacity(self.block));
        self.tx.send(data).map_err(|_| std::io::Error::new(std::io::ErrorKind::BrokenPipe, "upload stopped"))
    }
}

struct BlockState {
    rx: Option<Receiver<Vec<u8>>>,
    producer: Option<JoinHandle<Result<u64>>>,
    ids: Vec<String>,
    done: u64,
    size: Option<u64>,
}

/// A submission ZIP uploaded block by block through a host transport (see the module documentation).
#[pyclass(module = "storesubmit._native", name = "BlockUpload", frozen)]
pub struct PyBlockUpload {
    sas: SasUrl,
    version: String,
    estimate: u64,
    state: Mutex<BlockState>,
}

#[pymethods]
impl PyBlockUpload {
    /// Starts packaging a ZIP upload step's files (found under `files`) into blocks of `block_size`
    /// bytes (0: the core's default, 4 MiB). Checks the SAS (expiry, write permission) first.
    #[new]
    #[pyo3(signature = (upload, files=None, block_size=0))]
    fn new(upload: &Bound<'_, PyUpload>, files: Option<PathBuf>, block_size: u64) -> PyResult<Self> {
        let Upload::Zip { url, files: entries } = &upload.get().inner else {
            return Err(Error::invalid_argument("BlockUpload takes a ZIP upload step")).py();
        };
        check_url_scheme(url).py()?;
        let plan = zip_plan(entries, files_dir(files.as_deref()).py()?).py()?;
        let sas = SasUrl::parse(url).py()?;
        sas.check_write(now_unix()).py()?;
        let version = sas.request_version().to_string();
        let estimate = plan.max_archive_size();
        let up = UploadPlan::new(estimate, &version, block_size, 0).py()?;
        let (tx, rx) = sync_channel::<Vec<u8>>(1);
        let block = up.block_size as usize;
        let producer = std::thread::Builder::new()
            .name("storesubmit-zip".into())
            .spawn(move || -> Result<u64> {
                let sink = ChannelSink { tx, buf: Vec::with_capacity(block), block };
                let mut sink = plan.write_to(CountingSink { inner: sink, written: 0 }, &mut |_, _| {})?;
                sink.inner.flush_block().map_err(Error::from)?;
                Ok(sink.written)
            })
            .map_err(|e| PyRuntimeError::new_err(format!("cannot start the packaging thread: {e}")))?;
        let state = BlockState { rx: Some(rx), producer: Some(producer), ids: Vec::new(), done: 0, size: None };
        Ok(PyBlockUpload { sas, version, estimate, state: Mutex::new(state) })
    }

    /// The next Put Block request, or `None` when the archive is complete (then send
    /// `commit_request()`). Blocks, with the GIL released, while the archive is being written.
    fn next_request(&self, py: Python<'_>) -> PyResult<Option<PyRequest>> {
        let mut st = self.state.lock().map_err(|_| PyRuntimeError::new_err("upload state poisoned"))?;
        let Some(rx) = st.rx.take() else { return Ok(None) };
        let (data, rx) = py.detach(move || (rx.recv().ok(), rx));
        match data {
            Some(data) => {
                st.rx = Some(rx);
                let id = blob::block_id(st.ids.len() as u32, blob::crc64(&data));
                st.done += data.len() as u64;
                let req = blob::put_block(&self.sas, &self.version, &id, &data);
                st.ids.push(id);
                Ok(Some(PyRequest { inner: req }))
            }
            None => {
                drop(rx);
                let producer = st.producer.take();
                let written = py.detach(move || producer.map(|p| p.join()));
                match written {
                    Some(Ok(Ok(n))) => {
                        st.size = Some(n);
                        Ok(None)
                    }
                    Some(Ok(Err(e))) => Err(e).py(),
                    Some(Err(_)) => Err(Error::new(ErrorKind::Io, "the packaging thread panicked")).py(),
                    None => Ok(None),
                }
            }
        }
    }

    /// The Put Block List committing every block handed out, in order.
    fn commit_request(&self) -> PyResult<PyRequest> {
        let st = self.state.lock().map_err(|_| PyRuntimeError::new_err("upload state poisoned"))?;
        if st.size.is_none() {
            return Err(Error::invalid_argument("commit_request: the archive is not complete yet")).py();
        }
        Ok(PyRequest { inner: blob::put_block_list(&self.sas, &self.version, &st.ids, None) })
    }

    /// Bytes handed out so far.
    #[getter]
    fn done(&self) -> u64 {
        self.state.lock().map(|s| s.done).unwrap_or(0)
    }

    /// The archive's size once complete, else an upper bound.
    #[getter]
    fn total(&self) -> u64 {
        self.state.lock().ok().and_then(|s| s.size).unwrap_or(self.estimate)
    }

    fn __repr__(&self) -> String {
        format!("BlockUpload({})", self.sas)
    }
}

/// Counts the bytes the ZIP writer produced.
struct CountingSink {
    inner: ChannelSink,
    written: u64,
}

impl Write for CountingSink {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(data)?;
        self.written += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The Put Blob requests of a win32 listing asset upload step: primary URL first, then the fallback.
#[pyfunction]
#[pyo3(signature = (upload, files=None))]
pub fn asset_requests(
    py: Python<'_>,
    upload: &Bound<'_, PyUpload>,
    files: Option<PathBuf>,
) -> PyResult<Vec<PyRequest>> {
    let Upload::Asset { file, url, fallback_url, .. } = &upload.get().inner else {
        return Err(Error::invalid_argument("asset_requests takes a listing asset upload step")).py();
    };
    let path = path_under(files_dir(files.as_deref()).py()?, file);
    let data = py
        .detach(|| std::fs::read(&path))
        .map_err(|e| Error::new(ErrorKind::Io, format!("cannot read listing asset {}: {e}", path.display())))
        .py()?;
    let mut out = Vec::new();
    for u in std::iter::once(url).chain(fallback_url.iter()) {
        check_url_scheme(u).py()?;
        let sas = SasUrl::parse(u).py()?;
        sas.check_write(now_unix()).py()?;
        out.push(PyRequest { inner: blob::put_blob(&sas, sas.request_version(), data.clone(), None) });
    }
    Ok(out)
}

/// Raises the typed blob error (`sas_expired`, `sas_permission`, `checksum_mismatch`, `not_found`, …)
/// for a failed blob response; returns `None` for a success.
#[pyfunction]
pub fn check_blob_response(response: &Bound<'_, PyResponse>) -> PyResult<()> {
    blob::check_response(&response.get().inner).py()
}

/// Refuses a URL a bearer token or a SAS must not travel to: anything but `https`, or plain `http` to
/// a loopback host (`unsupported`). Every transport's requests pass this check.
#[pyfunction]
pub fn check_url(url: &str) -> PyResult<()> {
    check_url_scheme(url).py()
}

/// Mints a service SAS URL (`sr=b`) for a blob with an account key: for tests against Azurite and for
/// services that hand out keys instead of URLs.
#[pyfunction]
#[pyo3(signature = (account_url, account, key, container, blob_name, permissions, expiry_unix, version=None))]
#[allow(clippy::too_many_arguments)]
pub fn blob_sas_url(
    account_url: &str,
    account: &str,
    key: &str,
    container: &str,
    blob_name: &str,
    permissions: &str,
    expiry_unix: i64,
    version: Option<&str>,
) -> PyResult<String> {
    blob::blob_sas_url(
        account_url,
        account,
        key,
        container,
        blob_name,
        permissions,
        expiry_unix,
        version.unwrap_or(blob::DEFAULT_VERSION),
    )
    .py()
}

/// Registers this module's classes and functions.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyBlockUpload>()?;
    m.add_function(wrap_pyfunction!(asset_requests, m)?)?;
    m.add_function(wrap_pyfunction!(check_blob_response, m)?)?;
    m.add_function(wrap_pyfunction!(check_url, m)?)?;
    m.add_function(wrap_pyfunction!(blob_sas_url, m)?)?;
    Ok(())
}
