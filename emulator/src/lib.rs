//! # storesubmit-emulator
//!
//! A local, stateful stand-in for the Microsoft Store submission services: the classic devcenter API,
//! the MSI/EXE ("win32") API, the Partner Center ingestion API, an Azure AD token service and an Azure
//! blob store, each at the root of its own loopback origin (and all under path prefixes on a main port),
//! with fault injection and an emulated clock.
//!
//! Every API request is routed with the core's route table (`storesubmit::api::routes::match_route`):
//! the emulator holds state and transitions only; URLs, file-name fields and rules come from the core.
//!
//! ```no_run
//! let emu = storesubmit_emulator::Emulator::start_blocking(Default::default()).unwrap();
//! let endpoints = emu.endpoints(); // storesubmit::api::Endpoints pointing at the emulator
//! println!("{}", emu.info().devcenter_url);
//! ```
#![warn(missing_docs)]

pub mod admin;
pub mod blob;
pub mod config;
pub mod devcenter;
pub mod external;
pub mod faults;
pub mod ingestion;
pub mod oidc;
pub mod server;
pub mod state;
pub mod svc;
pub mod token;
pub mod util;
pub mod win32;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};

pub use config::{ClientConfig, Config, Durations, Outcomes, RateLimit};
pub use faults::FaultRule;

/// What the started emulator prints as its first stdout line: service roots and the fixture's ids and
/// (emulator-only) credentials. `Debug` redacts the client secret.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Info {
    /// Root of the classic API (`{devcenter_url}/v1.0/my/applications`).
    pub devcenter_url: String,
    /// Root of the MSI/EXE API (`{win32_url}/submission/v1/product/…`).
    pub win32_url: String,
    /// Root of the ingestion API (`{ingestion_url}/v1.0/ingestion/…`).
    pub ingestion_url: String,
    /// Root of the token service (`{token_url}/{tenant}/oauth2/v2.0/token`).
    pub token_url: String,
    /// Root of the blob store (`{blob_url}/{container}/{blob}`).
    pub blob_url: String,
    /// Root of the admin API.
    pub admin_url: String,
    /// The main origin, where every service also answers under its path prefix (`{base_url}/devcenter`,
    /// …, `{base_url}/blob`) and the admin API under `/_emulator`: one port to forward or record.
    #[serde(default)]
    pub base_url: String,
    /// Tenant of the first configured client.
    pub tenant_id: String,
    /// Client id of the first configured client.
    pub client_id: String,
    /// Client secret of the first configured client (an emulator-only credential).
    pub client_secret: String,
    /// Seller id for `X-Seller-Account-Id`.
    pub seller_id: String,
    /// The fixture's first app.
    pub app_id: String,
    /// The fixture's first add-on.
    pub addon_id: String,
    /// The fixture's first app's first flight.
    pub flight_id: String,
    /// The fixture's first MSI/EXE product.
    pub win32_product_id: String,
    /// The fixture's first ingestion product.
    #[serde(default)]
    pub ingestion_product_id: String,
    /// The OIDC issuer's ID-token endpoint, as a CI runner announces it (`ACTIONS_ID_TOKEN_REQUEST_URL`;
    /// `POST` it for an Azure Pipelines-style token).
    #[serde(default)]
    pub oidc_request_url: String,
    /// The bearer token the ID-token endpoint needs (an emulator-only value).
    #[serde(default)]
    pub oidc_request_token: String,
    /// The managed identity's token endpoint (the instance metadata service's).
    #[serde(default)]
    pub managed_identity_url: String,
}

impl std::fmt::Debug for Info {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut v = serde_json::to_value(self).unwrap_or_default();
        v["client_secret"] = serde_json::json!("[REDACTED]");
        v["oidc_request_token"] = serde_json::json!("[REDACTED]");
        write!(f, "Info {v}")
    }
}

impl Info {
    /// The core's [`storesubmit::api::Endpoints`] pointing at this emulator.
    pub fn endpoints(&self) -> storesubmit::api::Endpoints {
        storesubmit::api::Endpoints {
            devcenter: self.devcenter_url.clone(),
            win32: self.win32_url.clone(),
            ingestion: self.ingestion_url.clone(),
            token: self.token_url.clone(),
        }
    }

    /// The core's endpoints on the main origin, each service under its path prefix: for a proxy or a
    /// recorder that forwards one port (absolute-path clients need [`Info::endpoints`] instead).
    pub fn prefixed_endpoints(&self) -> storesubmit::api::Endpoints {
        let at = |prefix: &str| format!("{}{prefix}", self.base_url);
        storesubmit::api::Endpoints {
            devcenter: at(server::DEVCENTER_PREFIX),
            win32: at(server::WIN32_PREFIX),
            ingestion: at(server::INGESTION_PREFIX),
            token: at(server::TOKEN_PREFIX),
        }
    }
}

/// The [`Info`] of a running state.
pub fn info_of(st: &state::State) -> Info {
    let base = &st.base_url;
    let o = &st.origins;
    let client = st.config.clients.first().cloned().unwrap_or_default();
    Info {
        devcenter_url: o.devcenter.clone(),
        win32_url: o.win32.clone(),
        ingestion_url: o.ingestion.clone(),
        token_url: o.token.clone(),
        blob_url: format!("{}{}", o.blob, server::BLOB_PREFIX),
        admin_url: format!("{base}{}", server::ADMIN_PREFIX),
        base_url: base.clone(),
        tenant_id: client.tenant_id,
        client_id: client.client_id,
        client_secret: client.client_secret,
        seller_id: st.config.seller_id.clone(),
        app_id: st.dc.first_app().unwrap_or_default(),
        addon_id: st.dc.first_addon().unwrap_or_default(),
        flight_id: st.dc.first_flight().unwrap_or_default(),
        win32_product_id: st.w32.first_product().unwrap_or_default(),
        ingestion_product_id: st.ing.first_product().unwrap_or_default(),
        oidc_request_url: format!("{}{}?api-version=2.0", o.token, oidc::TOKEN_PATH),
        oidc_request_token: st.config.oidc.request_token.clone(),
        managed_identity_url: format!("{}{}", o.token, oidc::MANAGED_IDENTITY_PATH),
    }
}

/// Starts emulators.
#[derive(Debug)]
pub struct Emulator;

/// A running emulator; stops when dropped.
#[derive(Debug)]
pub struct EmulatorHandle {
    info: Info,
    addr: SocketAddr,
    shared: Arc<server::Shared>,
    shutdown: Option<tokio::sync::watch::Sender<bool>>,
    thread: Option<std::thread::JoinHandle<()>>,
    task: Option<tokio::task::JoinHandle<()>>,
}

fn invalid(e: impl Into<String>) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidInput, e.into())
}

/// The listeners of a started emulator: the main port first, then one per service ([`svc::SERVICES`]).
type Listeners = Vec<(tokio::net::TcpListener, server::Layout)>;

/// The host part of a URL for a bound address: loopback for an unspecified one, brackets for IPv6.
fn url_host(ip: std::net::IpAddr) -> String {
    match ip {
        std::net::IpAddr::V4(v4) if v4.is_unspecified() => "127.0.0.1".into(),
        std::net::IpAddr::V6(v6) if v6.is_unspecified() => "[::1]".into(),
        std::net::IpAddr::V4(v4) => v4.to_string(),
        std::net::IpAddr::V6(v6) => format!("[{v6}]"),
    }
}

/// Binds the main port and one port per service: all free ports for port 0, else N, N+1 … N+5.
async fn listen(config: &Config) -> std::io::Result<(Listeners, String, state::Origins)> {
    let ip = config.bind_ip().map_err(invalid)?;
    let host = url_host(ip);
    let port_for = |i: usize| -> std::io::Result<u16> {
        match config.port {
            0 => Ok(0),
            n => u16::try_from(usize::from(n) + i)
                .map_err(|_| invalid(format!("port: {n} leaves no room for the services' ports {n}+1 … {n}+5"))),
        }
    };
    let mut listeners = Vec::new();
    let mut urls = Vec::new();
    let layouts =
        std::iter::once(server::Layout::Prefixed).chain(svc::SERVICES.iter().map(|s| server::Layout::Origin(*s)));
    for (i, layout) in layouts.enumerate() {
        let port = port_for(i)?;
        let listener = tokio::net::TcpListener::bind((ip, port)).await.map_err(|e| {
            std::io::Error::new(e.kind(), format!("cannot bind {host}:{port} ({}): {e}", layout.describe()))
        })?;
        urls.push(format!("http://{host}:{}", listener.local_addr()?.port()));
        listeners.push((listener, layout));
    }
    let origins = state::Origins {
        devcenter: urls[1].clone(),
        win32: urls[2].clone(),
        ingestion: urls[3].clone(),
        token: urls[4].clone(),
        blob: urls[5].clone(),
    };
    Ok((listeners, urls[0].clone(), origins))
}

async fn bind(config: Config) -> std::io::Result<(Listeners, Arc<server::Shared>, Info)> {
    config.check().map_err(invalid)?;
    let external = match &config.external_blob {
        Some(x) => {
            let ext = external::External::new(x.clone()).map_err(invalid)?;
            ext.ensure_containers(state::CONTAINERS).await.map_err(std::io::Error::other)?;
            Some(ext)
        }
        None => None,
    };
    let (listeners, base, origins) = listen(&config).await?;
    let mut st = state::State::new(config, base, origins, external).map_err(invalid)?;
    st.tick();
    let info = info_of(&st);
    Ok((listeners, Arc::new(server::Shared { state: Mutex::new(st) }), info))
}

impl Emulator {
    /// Binds the configured host (127.0.0.1 by default): the main port (the configured one, 0 for any
    /// free one) and one port per service, loads the fixture and serves on the current tokio runtime
    /// until the handle is dropped.
    ///
    /// # Errors
    /// A port cannot be bound or the fixture/config is invalid.
    pub async fn start(config: Config) -> std::io::Result<EmulatorHandle> {
        let (listeners, shared, info) = bind(config).await?;
        let addr = listeners[0].0.local_addr()?;
        let (tx, rx) = tokio::sync::watch::channel(false);
        let task = tokio::spawn(server::run(listeners, shared.clone(), rx));
        Ok(EmulatorHandle { info, addr, shared, shutdown: Some(tx), thread: None, task: Some(task) })
    }

    /// Like [`Emulator::start`], on a runtime of its own in a background thread (for synchronous code
    /// and tests that run their own runtime).
    ///
    /// # Errors
    /// A port cannot be bound or the fixture/config is invalid.
    pub fn start_blocking(config: Config) -> std::io::Result<EmulatorHandle> {
        let (ready_tx, ready_rx) = std::sync::mpsc::channel();
        let thread = std::thread::Builder::new().name("storesubmit-emulator".into()).spawn(move || {
            let rt = match tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build() {
                Ok(rt) => rt,
                Err(e) => {
                    let _ = ready_tx.send(Err(e));
                    return;
                }
            };
            rt.block_on(async move {
                match bind(config).await {
                    Ok((listeners, shared, info)) => {
                        let (tx, rx) = tokio::sync::watch::channel(false);
                        let addr = match listeners[0].0.local_addr() {
                            Ok(a) => a,
                            Err(e) => {
                                let _ = ready_tx.send(Err(e));
                                return;
                            }
                        };
                        let _ = ready_tx.send(Ok((info, addr, shared.clone(), tx)));
                        server::run(listeners, shared, rx).await;
                    }
                    Err(e) => {
                        let _ = ready_tx.send(Err(e));
                    }
                }
            });
        })?;
        let (info, addr, shared, tx) =
            ready_rx.recv().map_err(|_| std::io::Error::other("the emulator thread stopped before it was ready"))??;
        Ok(EmulatorHandle { info, addr, shared, shutdown: Some(tx), thread: Some(thread), task: None })
    }
}

impl EmulatorHandle {
    /// Service roots, ids and credentials (the first-line JSON).
    pub fn info(&self) -> &Info {
        &self.info
    }

    /// The core's endpoints pointing at this emulator.
    pub fn endpoints(&self) -> storesubmit::api::Endpoints {
        self.info.endpoints()
    }

    /// The main port's address (every service under its path prefix, and the admin API).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// A JSON dump of the state.
    pub fn state_dump(&self) -> serde_json::Value {
        self.shared.lock().dump()
    }

    /// The bytes of the blob behind a SAS URL this emulator issued (a submission's `fileUploadUrl`), or
    /// `None` when nothing was uploaded there: tests compare what a client uploaded with what it meant to.
    pub fn blob_at(&self, url: &str) -> Option<Vec<u8>> {
        let st = self.shared.lock();
        let path = util::decode(st.blob_path_of(url)?.split('?').next()?);
        st.blob_data(&path).map(|b| b.to_vec())
    }

    /// The request log (the admin API's `GET /requests`): `{time, ms, method, path, status, op}` per
    /// request, oldest first (fault-injected answers included; status 0 for a dropped connection).
    pub fn requests(&self) -> Vec<serde_json::Value> {
        self.shared.lock().log.iter().cloned().collect()
    }

    /// How many logged requests had this operation id (`devcenter.create_app_submission`, …).
    pub fn count_op(&self, op: &str) -> usize {
        self.shared.lock().log.iter().filter(|r| r.get("op").and_then(|o| o.as_str()) == Some(op)).count()
    }

    /// Plays a restart: for `down` (real time) every request's connection is closed without an answer;
    /// then service resumes with the state as it was (a service restarting on persistent storage).
    pub fn restart(&self, down: std::time::Duration) {
        self.shared.lock().down_until = Some(std::time::Instant::now() + down);
    }

    /// Every issued token expires now (the admin API's `POST /tokens/expire`).
    pub fn expire_tokens(&self) {
        let mut st = self.shared.lock();
        let now = st.now();
        for t in st.tokens.values_mut() {
            t.expires_ms = now;
        }
    }

    /// Every secret the emulator has handed out or holds, for tests that scan output for leaks: the
    /// configured client secrets, every access token issued, and the `sig` of every devcenter
    /// `fileUploadUrl` (percent-encoded as in the URL, and decoded).
    pub fn issued_secrets(&self) -> Vec<String> {
        self.shared.lock().issued_secrets()
    }

    /// Changes the running emulator's configuration (federated credentials, the OIDC issuer's subjects
    /// and lifetime, token lifetimes, …), as `PATCH {admin_url}/settings` does.
    pub fn configure(&self, change: impl FnOnce(&mut Config)) {
        change(&mut self.shared.lock().config);
    }

    /// Moves the emulated clock forward.
    pub fn advance_clock(&self, seconds: f64) {
        let mut st = self.shared.lock();
        st.clock_offset_ms += config::secs_to_ms(seconds);
        st.tick();
    }

    /// Adds a fault rule; returns its id.
    ///
    /// # Errors
    /// The rule does nothing or names an impossible status.
    pub fn add_fault(&self, rule: FaultRule) -> Result<u64, String> {
        rule.check()?;
        Ok(self.shared.lock().faults.add(rule))
    }

    /// Removes every fault rule.
    pub fn clear_faults(&self) {
        self.shared.lock().faults.rules.clear();
    }

    /// Stops serving (also done on drop).
    pub fn stop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(true);
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }
}

impl Drop for EmulatorHandle {
    fn drop(&mut self) {
        self.stop();
    }
}

const USAGE: &str = "usage: storesubmit-emulator [--port N] [--host ADDR] [--cors-origin ORIGIN]... [--config FILE]
       [--blob-endpoint URL --blob-account NAME --blob-key KEY] [--stop-on-stdin-eof]

Starts the storesubmit Store emulator on 127.0.0.1 (--host: another address, for a test network): each
service at the root of its own port, and all of them under path prefixes on the main port (--port, 0 for
free ports). --cors-origin lets pages of that origin (or * for any) call it from a browser. The first
stdout line is one JSON object with the service roots, the fixture's ids and the emulator-only
credentials. Stops on Ctrl-C or when stdin closes with --stop-on-stdin-eof.";

/// Parses command-line arguments (without the program name) into a config.
///
/// # Errors
/// A message for an unknown flag, a missing value, an unreadable or invalid config file.
pub fn parse_args(args: &[String]) -> Result<(Config, bool), String> {
    let mut config = Config::default();
    let mut port: Option<u16> = None;
    let mut host: Option<String> = None;
    let mut cors = Vec::new();
    let (mut endpoint, mut account, mut key) = (None, None, None);
    let mut stop_on_eof = false;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = |name: &str| it.next().cloned().ok_or_else(|| format!("{name} needs a value"));
        match a.as_str() {
            "--port" => port = Some(value("--port")?.parse().map_err(|_| "--port: not a port number".to_string())?),
            "--host" => host = Some(value("--host")?),
            "--cors-origin" => cors.push(value("--cors-origin")?),
            "--config" => {
                let path = value("--config")?;
                let text = std::fs::read_to_string(&path).map_err(|e| format!("--config {path}: {e}"))?;
                config = Config::from_json(&text)?;
            }
            "--blob-endpoint" => endpoint = Some(value("--blob-endpoint")?),
            "--blob-account" => account = Some(value("--blob-account")?),
            "--blob-key" => key = Some(value("--blob-key")?),
            "--stop-on-stdin-eof" => stop_on_eof = true,
            "-h" | "--help" => return Err(USAGE.to_string()),
            other => return Err(format!("unknown argument `{other}`\n{USAGE}")),
        }
    }
    if let Some(p) = port {
        config.port = p;
    }
    if let Some(h) = host {
        config.host = h;
    }
    config.cors_origins.extend(cors);
    match (endpoint, account, key) {
        (None, None, None) => {}
        (Some(endpoint), Some(account), Some(key)) => {
            config.external_blob = Some(config::ExternalBlob { endpoint, account, key })
        }
        _ => return Err("--blob-endpoint, --blob-account and --blob-key go together".into()),
    }
    config.check()?;
    Ok((config, stop_on_eof))
}

/// The binary's entry point (also what `storesubmit emulator` calls): parses `args` (without the
/// program name), starts the emulator, prints the first-line JSON and serves until Ctrl-C (or stdin
/// EOF with `--stop-on-stdin-eof`). Returns the process exit code.
pub fn run_cli(args: &[String]) -> i32 {
    let (config, stop_on_eof) = match parse_args(args) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{e}");
            return 2;
        }
    };
    let rt = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("storesubmit-emulator: cannot start a runtime: {e}");
            return 1;
        }
    };
    rt.block_on(async move {
        let handle = match Emulator::start(config).await {
            Ok(h) => h,
            Err(e) => {
                eprintln!("storesubmit-emulator: {e}");
                return 1;
            }
        };
        match serde_json::to_string(handle.info()) {
            Ok(line) => {
                use std::io::Write;
                let mut out = std::io::stdout().lock();
                let _ = writeln!(out, "{line}");
                let _ = out.flush();
            }
            Err(e) => {
                eprintln!("storesubmit-emulator: {e}");
                return 1;
            }
        }
        eprintln!("storesubmit-emulator listening on http://{} (Ctrl-C to stop)", handle.addr());
        if stop_on_eof {
            let eof = tokio::task::spawn_blocking(|| {
                let mut sink = String::new();
                while std::io::stdin().read_line(&mut sink).map(|n| n > 0).unwrap_or(false) {
                    sink.clear();
                }
            });
            tokio::select! {
                _ = eof => {}
                _ = ctrl_c() => {}
            }
        } else {
            ctrl_c().await;
        }
        drop(handle);
        0
    })
}

async fn ctrl_c() {
    if tokio::signal::ctrl_c().await.is_err() {
        std::future::pending::<()>().await;
    }
}
