//! How the native executor performs each task: requests with reqwest, waits on tokio's timer, file tasks
//! with [`LocalFiles`] on the blocking pool, tokens from the caller's credential; and, for a binding that
//! keeps some kinds of task (its own HTTP client, credential or output), hands those to it instead.

use std::path::PathBuf;
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use futures_util::Future;

use crate::error::{Error, ErrorKind, Result};
use crate::files::LocalFiles;
use crate::http::{check_url_scheme, HttpRequest, HttpResponse};
use crate::model::Family;
use crate::secret::{redact_url, AccessToken};
use crate::task::{Completion, Task, TaskId, Work};

/// A credential the caller brings, asked for a token per scope (blocking: it runs on the blocking pool).
pub type TokenProvider = Arc<dyn Fn(Family, &str) -> Result<AccessToken> + Send + Sync>;

/// Hands a task to the binding and waits for its completion (see [`super::Session`]).
pub type Delegated = Arc<dyn Fn(Task) -> Pin<Box<dyn Future<Output = Completion> + Send>> + Send + Sync>;

/// The I/O of a native host.
#[derive(Clone)]
pub struct NativeIo {
    http: reqwest::Client,
    files: Option<Arc<LocalFiles>>,
    output: Option<PathBuf>,
    credential: Option<TokenProvider>,
    /// Which kinds of task the binding keeps, and how to hand them over.
    delegate: Option<(DelegateKinds, Delegated)>,
}

/// The kinds of task a binding performs itself.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DelegateKinds {
    /// Sends (its own HTTP client: .NET's `HttpClient`, a Python transport, a JavaScript `fetch`).
    pub send: bool,
    /// Tokens (its own credential object).
    pub token: bool,
    /// Writes (its own output stream).
    pub write: bool,
}

impl std::fmt::Debug for NativeIo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NativeIo")
            .field("files", &self.files.as_ref().and_then(|f| f.root().map(|r| r.to_path_buf())))
            .field("output", &self.output)
            .field("credential", &self.credential.is_some())
            .field("delegate", &self.delegate.as_ref().map(|d| d.0))
            .finish()
    }
}

impl NativeIo {
    /// I/O with this HTTP client and nothing else (no files, no credential).
    pub fn new(http: reqwest::Client) -> Self {
        NativeIo { http, files: None, output: None, credential: None, delegate: None }
    }

    /// An HTTP client as every native host builds it: rustls, the `User-Agent`, a connect timeout,
    /// redirects never followed (they could carry a token elsewhere), proxies from `HTTPS_PROXY` & co.
    ///
    /// # Errors
    /// `transport` when the client cannot be built.
    pub fn http_client(user_agent: &str, connect_timeout: Duration) -> Result<reqwest::Client> {
        reqwest::Client::builder()
            .connect_timeout(connect_timeout)
            .user_agent(user_agent)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| Error::new(ErrorKind::Transport, format!("cannot create the HTTP client: {e}")))
    }

    /// The files the machine's file tasks read.
    pub fn with_files(mut self, files: Option<LocalFiles>) -> Self {
        self.files = files.map(Arc::new);
        self
    }

    /// The file a packaging job writes (created, or truncated, at its first write).
    pub fn with_output(mut self, output: Option<PathBuf>) -> Self {
        self.output = output;
        self
    }

    /// The caller's credential, for [`Work::Token`] tasks.
    pub fn with_credential(mut self, credential: Option<TokenProvider>) -> Self {
        self.credential = credential;
        self
    }

    /// Hands the tasks of `kinds` to `delegated` instead of performing them.
    pub fn with_delegate(mut self, kinds: DelegateKinds, delegated: Delegated) -> Self {
        self.delegate = Some((kinds, delegated));
        self
    }

    /// The HTTP client.
    pub fn http(&self) -> &reqwest::Client {
        &self.http
    }

    fn delegated(&self, work: &Work) -> Option<&Delegated> {
        let (kinds, d) = self.delegate.as_ref()?;
        let keep = match work {
            Work::Send { .. } => kinds.send,
            Work::Token { .. } => kinds.token,
            Work::Write { .. } => kinds.write,
            _ => false,
        };
        keep.then_some(d)
    }

    /// Performs one task.
    pub fn perform(&self, task: Task) -> impl Future<Output = (TaskId, Completion)> + Send + 'static {
        let io = self.clone();
        async move {
            let id = task.id;
            if let Some(d) = io.delegated(&task.work) {
                return (id, d(task).await);
            }
            let done = match task.work {
                Work::Send { request, .. } => send(&io.http, request).await.map(Completion::Response),
                Work::Wait { duration, .. } => {
                    tokio::time::sleep(duration).await;
                    Ok(Completion::Waited)
                }
                Work::List { archive } => {
                    files_task(io.files, move |f| f.list(archive.as_deref()).map(Completion::Files)).await
                }
                Work::Stat { names } => files_task(io.files, move |f| f.stat(&names).map(Completion::Sizes)).await,
                Work::Read { name, offset, len } => {
                    files_task(io.files, move |f| f.read(&name, offset, len).map(Completion::Data)).await
                }
                Work::Token { family, scope } => match io.credential {
                    Some(provider) => tokio::task::spawn_blocking(move || provider(family, &scope))
                        .await
                        .unwrap_or_else(|e| Err(Error::new(ErrorKind::Auth, format!("the credential panicked: {e}"))))
                        .map(Completion::Token),
                    None => Err(Error::new(ErrorKind::Unsupported, "this host has no credential to ask for a token")),
                },
                Work::Write { offset, data } => write(io.output, offset, data).await.map(|()| Completion::Written),
                Work::File { path } => blocking(move || read_small_file(&path)).await.map(Completion::Data),
                Work::Command { argv } => blocking(move || run_command(&argv)).await.map(Completion::Data),
            };
            (id, done.unwrap_or_else(Completion::Failed))
        }
    }
}

/// Sends one request (https, or http to loopback), logging it without secrets.
///
/// # Errors
/// `unsupported` for a URL that is neither https nor loopback; `timeout` or `transport` when no response
/// arrived.
pub async fn send(http: &reqwest::Client, mut request: HttpRequest) -> Result<HttpResponse> {
    check_url_scheme(&request.url)?;
    let started = Instant::now();
    let (method, url) = (request.method, redact_url(&request.url));
    tracing::debug!(target: "storesubmit", %method, %url, "request");
    // the body goes to reqwest as is, without a copy
    let body = Bytes::from(std::mem::take(&mut request.body));
    let result = super::http::send(http, &request, Some(body)).await;
    let elapsed_ms = started.elapsed().as_millis() as u64;
    match &result {
        Ok(resp) => tracing::debug!(target: "storesubmit", %method, %url, status = resp.status, elapsed_ms, "response"),
        Err(e) => {
            tracing::debug!(target: "storesubmit", %method, %url, code = e.code(), error = %e, elapsed_ms, "request failed")
        }
    }
    result
}

/// Runs a file task on tokio's blocking pool (files are read with blocking I/O).
async fn files_task(
    files: Option<Arc<LocalFiles>>,
    f: impl FnOnce(&LocalFiles) -> Result<Completion> + Send + 'static,
) -> Result<Completion> {
    let files = files.ok_or_else(|| {
        Error::new(ErrorKind::Unsupported, "this host has no files: pass the folder the file names are relative to")
    })?;
    tokio::task::spawn_blocking(move || f(&files))
        .await
        .unwrap_or_else(|e| Err(Error::new(ErrorKind::Io, format!("reading files failed: {e}"))))
}

/// Runs blocking work on tokio's blocking pool.
async fn blocking<T: Send + 'static>(f: impl FnOnce() -> Result<T> + Send + 'static) -> Result<T> {
    tokio::task::spawn_blocking(f)
        .await
        .unwrap_or_else(|e| Err(Error::new(ErrorKind::Io, format!("the task failed: {e}"))))
}

/// A whole small file (a federated token file, a certificate): [`Work::File`].
///
/// # Errors
/// `io` naming the file when it cannot be read or is too large.
pub fn read_small_file(path: &str) -> Result<Vec<u8>> {
    use std::io::Read;
    let max = crate::credential::MAX_ASSERTION_BYTES * 4;
    let f = std::fs::File::open(path).map_err(|e| Error::new(ErrorKind::Io, format!("cannot read {path}: {e}")))?;
    let mut bytes = Vec::new();
    f.take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::new(ErrorKind::Io, format!("cannot read {path}: {e}")))?;
    if bytes.len() as u64 > max {
        return Err(Error::new(
            ErrorKind::Io,
            format!("{path} is larger than {max} bytes: not a token or certificate file"),
        ));
    }
    Ok(bytes)
}

/// A command's standard output (a federated token): [`Work::Command`]. Its standard error is not shown
/// (it may echo a secret); a failure says the exit status.
///
/// # Errors
/// `auth` when the command cannot start or fails.
pub fn run_command(argv: &[String]) -> Result<Vec<u8>> {
    let (program, args) = argv.split_first().ok_or_else(|| Error::invalid_argument("the token command is empty"))?;
    let out = std::process::Command::new(program)
        .args(args)
        .stdin(std::process::Stdio::null())
        .output()
        .map_err(|e| Error::new(ErrorKind::Auth, format!("cannot start it: {e}")))?;
    if !out.status.success() {
        return Err(Error::new(ErrorKind::Auth, format!("it ended with {}", out.status)));
    }
    if out.stdout.len() as u64 > crate::credential::MAX_ASSERTION_BYTES {
        return Err(Error::new(ErrorKind::Auth, "it printed more than a token"));
    }
    Ok(out.stdout)
}

/// Writes a packaging job's bytes at `offset` of the output file (created by the first write).
async fn write(output: Option<PathBuf>, offset: u64, data: Vec<u8>) -> Result<()> {
    let path = output.ok_or_else(|| Error::new(ErrorKind::Unsupported, "this host has no output to write to"))?;
    tokio::task::spawn_blocking(move || {
        use std::io::{Seek, SeekFrom, Write};
        let mut f = std::fs::OpenOptions::new()
            .create(true)
            .write(true)
            .truncate(offset == 0)
            .open(&path)
            .map_err(|e| Error::new(ErrorKind::Io, format!("cannot write {}: {e}", path.display())))?;
        f.seek(SeekFrom::Start(offset))
            .and_then(|_| f.write_all(&data))
            .map_err(|e| Error::new(ErrorKind::Io, format!("cannot write {}: {e}", path.display())))
    })
    .await
    .unwrap_or_else(|e| Err(Error::new(ErrorKind::Io, format!("writing failed: {e}"))))
}
