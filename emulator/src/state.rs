//! The emulator's whole state behind one lock: clock, tokens, faults, blobs and the three families.

use std::collections::{HashMap, VecDeque};

use bytes::Bytes;
use std::sync::atomic::{AtomicU64, Ordering};

use serde_json::{json, Value};

use crate::blob::BlobStore;
use crate::config::{secs_to_ms, Config};
use crate::devcenter::Devcenter;
use crate::faults::{Faults, RateLimiter};
use crate::ingestion::Ingestion;
use crate::win32::Win32;

/// An issued access token.
#[derive(Clone, Debug)]
pub struct TokenInfo {
    /// Expiry, unix ms on the emulated clock.
    pub expires_ms: u64,
    /// The audience (resource) it was issued for.
    pub audience: String,
    /// The client it was issued to.
    pub client_id: String,
}

/// Phase durations in milliseconds.
#[derive(Clone, Debug)]
pub struct DurationsMs {
    /// See [`crate::config::Durations`].
    pub commit: u64,
    /// See [`crate::config::Durations`].
    pub preprocessing: u64,
    /// See [`crate::config::Durations`].
    pub certification: u64,
    /// See [`crate::config::Durations`].
    pub release: u64,
    /// See [`crate::config::Durations`].
    pub win32_package_processing: u64,
    /// See [`crate::config::Durations`].
    pub win32_publishing: u64,
    /// See [`crate::config::Durations`].
    pub ingestion_processing: u64,
    /// See [`crate::config::Durations`].
    pub ingestion_publishing: u64,
}

impl From<&crate::config::Durations> for DurationsMs {
    fn from(d: &crate::config::Durations) -> Self {
        DurationsMs {
            commit: secs_to_ms(d.commit),
            preprocessing: secs_to_ms(d.preprocessing),
            certification: secs_to_ms(d.certification),
            release: secs_to_ms(d.release),
            win32_package_processing: secs_to_ms(d.win32_package_processing),
            win32_publishing: secs_to_ms(d.win32_publishing),
            ingestion_processing: secs_to_ms(d.ingestion_processing),
            ingestion_publishing: secs_to_ms(d.ingestion_publishing),
        }
    }
}

/// The whole mutable state. `Debug` shows counts only: no token value, no key.
pub struct State {
    /// The configuration it started with (settings may be changed by the admin API).
    pub config: Config,
    /// Phase durations.
    pub durations: DurationsMs,
    /// The main origin (`http://127.0.0.1:PORT`): the admin API and every service under its path prefix.
    pub base_url: String,
    /// The origin of each service's own port.
    pub origins: Origins,
    /// Whether the request being handled came in on the main origin: URLs made for it (upload URLs) then
    /// point at the main origin's `/blob` too, so a client behind one forwarded port reaches them.
    pub one_port: bool,
    /// How far the emulated clock is ahead of real time, ms.
    pub clock_offset_ms: u64,
    /// Issued tokens.
    pub tokens: HashMap<String, TokenInfo>,
    /// The last ID tokens the OIDC issuer handed out (for secret scans).
    pub id_tokens: VecDeque<String>,
    /// Fault rules.
    pub faults: Faults,
    /// Rate limiter.
    pub limiter: RateLimiter,
    /// Built-in blob store.
    pub blobs: BlobStore,
    /// The outside blob store upload URLs point at, when configured.
    pub external: Option<crate::external::External>,
    /// Blobs read from the outside store for the request being handled (see `server::serve`).
    pub prefetched: HashMap<String, Option<Bytes>>,
    /// devcenter state.
    pub dc: Devcenter,
    /// win32 state.
    pub w32: Win32,
    /// ingestion state.
    pub ing: Ingestion,
    /// Recent requests (method, path without query, status, operation id).
    pub log: VecDeque<Value>,
    /// Until when (real time) the emulator plays dead, as during a restart: every connection is closed
    /// without an answer. State is kept (a service restarting on persistent storage).
    pub down_until: Option<std::time::Instant>,
}

impl std::fmt::Debug for State {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("State")
            .field("base_url", &self.base_url)
            .field("origins", &self.origins)
            .field("clock_offset_ms", &self.clock_offset_ms)
            .field("tokens", &self.tokens.len())
            .field("faults", &self.faults.rules.len())
            .field("blobs", &self.blobs)
            .field("external", &self.external)
            .finish_non_exhaustive()
    }
}

/// The origin (`http://host:port`, no trailing slash) of each service's own port, where the service
/// answers at the root as Microsoft's does: clients that join absolute paths (`/v1.0/my/…`) onto a service
/// root, as .NET's `Uri` does, keep every segment. The blob store keeps its account segment (`/blob`),
/// as path-style blob URLs on an IP address have (Azurite's `/devstoreaccount1`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Origins {
    /// The classic devcenter API.
    pub devcenter: String,
    /// The MSI/EXE API.
    pub win32: String,
    /// The ingestion API.
    pub ingestion: String,
    /// The token service.
    pub token: String,
    /// The blob store (its root is `{blob}/blob`).
    pub blob: String,
}

static ID_COUNTER: AtomicU64 = AtomicU64::new(0);

/// Container of devcenter submission uploads (`fileUploadUrl`), as in the docs' sample URLs.
pub const DEVCENTER_CONTAINER: &str = "ingestion";
/// Container of win32 listing-asset uploads.
pub const WIN32_ASSET_CONTAINER: &str = "listingassets";
/// Container of ingestion package and listing-image uploads (`fileSasUri`).
pub const INGESTION_CONTAINER: &str = "partneringestion";
/// Every container the emulator writes to (created on an outside store at start).
pub const CONTAINERS: &[&str] = &[DEVCENTER_CONTAINER, WIN32_ASSET_CONTAINER, INGESTION_CONTAINER];

/// A fresh numeric id in the Store's style (`1152921504621…`).
pub fn numeric_id() -> String {
    format!("11529215046{:08}", 21_000_000 + ID_COUNTER.fetch_add(1, Ordering::Relaxed))
}

/// A fresh 12-character Store id (`9N…`).
pub fn store_id() -> String {
    const ALPHABET: &[u8] = b"0123456789BCDFGHJKLMNPQRSTVWXZ";
    let mut n = crate::util::random_u64();
    let mut s = String::from("9N");
    for _ in 0..10 {
        s.push(ALPHABET[(n % ALPHABET.len() as u64) as usize] as char);
        n /= ALPHABET.len() as u64;
    }
    s
}

impl State {
    /// Builds the state from a config, the main origin and the services' origins.
    ///
    /// # Errors
    /// A message when the fixture is malformed.
    pub fn new(
        config: Config,
        base_url: String,
        origins: Origins,
        external: Option<crate::external::External>,
    ) -> Result<State, String> {
        let fixture = config.fixture_value();
        let mut faults = Faults::default();
        for rule in &config.faults {
            rule.check()?;
            faults.add(rule.clone());
        }
        let mut st = State {
            durations: DurationsMs::from(&config.durations),
            config,
            base_url,
            origins,
            one_port: false,
            clock_offset_ms: 0,
            tokens: HashMap::new(),
            id_tokens: VecDeque::new(),
            faults,
            limiter: RateLimiter::default(),
            blobs: BlobStore::default(),
            external,
            prefetched: HashMap::new(),
            dc: Devcenter::default(),
            w32: Win32::default(),
            ing: Ingestion::default(),
            log: VecDeque::new(),
            down_until: None,
        };
        st.load_fixture(&fixture)?;
        Ok(st)
    }

    fn load_fixture(&mut self, f: &Value) -> Result<(), String> {
        if !f.is_object() {
            return Err("the fixture must be a JSON object".into());
        }
        crate::devcenter::load(self, f.get("devcenter").unwrap_or(&Value::Null))?;
        crate::win32::load(self, f.get("win32").unwrap_or(&Value::Null))?;
        crate::ingestion::load(self, f.get("ingestion").unwrap_or(&Value::Null))?;
        Ok(())
    }

    /// Now on the emulated clock, unix ms.
    pub fn now(&self) -> u64 {
        let real = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis() as u64)
            .unwrap_or(0);
        real + self.clock_offset_ms
    }

    /// The blob service root URL for the request being handled: on the blob store's own origin, or on the
    /// main origin for a request that came in there (see [`State::one_port`]).
    pub fn blob_root(&self) -> String {
        let origin = if self.one_port { &self.base_url } else { &self.origins.blob };
        format!("{origin}{}", crate::svc::BLOB_PREFIX)
    }

    /// The blob path (`container/name`, still percent-encoded, query kept) of a URL on either root of
    /// the built-in blob store; `None` for any other URL.
    pub fn blob_path_of<'a>(&self, url: &'a str) -> Option<&'a str> {
        [&self.origins.blob, &self.base_url]
            .into_iter()
            .find_map(|o| url.strip_prefix(o.as_str())?.strip_prefix(crate::svc::BLOB_PREFIX)?.strip_prefix('/'))
    }

    /// Issues a SAS upload URL for a new blob in `container` (on the outside store when one is
    /// configured, else on the built-in one); returns (url, path).
    pub fn new_upload_url(&mut self, container: &str, perms: &str) -> (String, String) {
        let path = format!("{container}/{}", crate::util::guid());
        (self.sas_url(&path, perms), path)
    }

    /// A SAS URL for an existing blob path with the given permissions and the configured lifetime.
    pub fn sas_url(&self, path: &str, perms: &str) -> String {
        match &self.external {
            Some(x) => x.issue_sas(path, perms, self.config.sas_lifetime_secs),
            None => {
                let expiry = self.now() + self.config.sas_lifetime_secs.saturating_mul(1000);
                self.blobs.issue_sas(&self.blob_root(), path, perms, expiry)
            }
        }
    }

    /// A read-only URL of a stored blob (listing assets' `assetUrl`).
    pub fn read_url(&self, path: &str) -> String {
        self.sas_url(path, "r")
    }

    /// The content of a blob: from the outside store (fetched before the request ran) or the built-in
    /// one. `None` when it does not exist or is empty.
    pub fn blob_data(&self, path: &str) -> Option<Bytes> {
        let data = match &self.external {
            Some(_) => self.prefetched.get(path).cloned().flatten(),
            None => self.blobs.get(path).map(|b| b.data.clone()),
        };
        data.filter(|d| !d.is_empty())
    }

    /// Moves every emulated pipeline forward to the current time.
    pub fn tick(&mut self) {
        let now = self.now();
        crate::devcenter::tick(self, now);
        crate::win32::tick(self, now);
        crate::ingestion::tick(self, now);
    }

    /// Keeps an issued ID token for the secret scans (the last 1000).
    pub fn remember_issued(&mut self, token: String) {
        if self.id_tokens.len() >= 1000 {
            self.id_tokens.pop_front();
        }
        self.id_tokens.push_back(token);
    }

    /// Records a request in the log (kept to the last 2000).
    pub fn record(&mut self, method: &str, path: &str, status: u16, op: Option<&str>) {
        if self.log.len() >= 2000 {
            self.log.pop_front();
        }
        let now = self.now();
        self.log.push_back(
            json!({"time": crate::util::iso(now), "ms": now, "method": method, "path": path, "status": status, "op": op}),
        );
    }

    /// Every secret value the emulator handed out or accepts: client secrets, issued tokens, SAS
    /// signatures (raw and decoded). A test's secret scan checks none of them shows (`GET /issued`).
    pub fn issued_secrets(&self) -> Vec<String> {
        let st = self;
        let mut out: Vec<String> = st.config.clients.iter().map(|c| c.client_secret.clone()).collect();
        out.extend(st.tokens.keys().cloned());
        out.push(st.config.oidc.request_token.clone());
        out.extend(st.id_tokens.iter().cloned());
        for s in st.dc.subs.values() {
            let url = s.doc.get("fileUploadUrl").and_then(|u| u.as_str()).unwrap_or("");
            if let Some(sig) = url.split(['?', '&']).find_map(|p| p.strip_prefix("sig=")) {
                out.push(sig.to_string());
                out.push(crate::util::decode(sig));
            }
        }
        out.retain(|s| s.len() >= 8);
        out
    }

    /// A JSON dump of the state (no secrets: token values are not included).
    pub fn dump(&mut self) -> Value {
        self.tick();
        json!({
            "now": crate::util::iso(self.now()),
            "clockOffsetSeconds": self.clock_offset_ms as f64 / 1000.0,
            "tokensIssued": self.tokens.len(),
            "faults": self.faults.rules,
            "devcenter": self.dc.dump(),
            "win32": self.w32.dump(),
            "ingestion": self.ing.dump(),
            "blobs": self.blobs.listing().into_iter().map(|(n, s)| json!({"name": n, "size": s})).collect::<Vec<_>>(),
        })
    }
}
