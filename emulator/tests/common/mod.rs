//! Test harness: an emulator on its own runtime, a reqwest transport for the core's `HttpRequest`s,
//! cached tokens per family, the admin API, and the record of which operations were exercised.
#![allow(dead_code)]

use std::collections::{HashMap, HashSet};
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;

use serde_json::Value;
use storesubmit::api::auth::{self, ClientCredentials, TokenVersion};
use storesubmit::api::{Endpoints, Family};
use storesubmit::{HttpRequest, HttpResponse, Method, Secret};
use storesubmit_emulator::{Config, Durations, Emulator, EmulatorHandle, Info};

/// Phase durations long enough that real time never finishes a phase during a test: tests move the
/// emulated clock explicitly.
pub fn slow_durations() -> Durations {
    Durations {
        commit: 100.0,
        preprocessing: 100.0,
        certification: 100.0,
        release: 100.0,
        win32_package_processing: 100.0,
        win32_publishing: 100.0,
        ingestion_processing: 100.0,
        ingestion_publishing: 100.0,
    }
}

/// The test config: slow phases, long-lived tokens.
pub fn config() -> Config {
    Config { durations: slow_durations(), token_lifetime_secs: 1_000_000, ..Config::default() }
}

/// A running emulator plus a client.
pub struct Emu {
    pub handle: EmulatorHandle,
    pub info: Info,
    pub ep: Endpoints,
    pub http: reqwest::Client,
    tokens: Mutex<HashMap<Family, Secret>>,
}

impl Emu {
    /// Starts with [`config`].
    pub fn start() -> Emu {
        Emu::with(config())
    }

    /// Starts with a config.
    pub fn with(config: Config) -> Emu {
        let handle = Emulator::start_blocking(config).expect("emulator starts");
        let info = handle.info().clone();
        let ep = handle.endpoints();
        let http = reqwest::Client::builder().pool_max_idle_per_host(64).build().expect("client");
        Emu { handle, info, ep, http, tokens: Mutex::new(HashMap::new()) }
    }

    /// The default client's credentials.
    pub fn creds(&self) -> ClientCredentials {
        ClientCredentials::new(
            self.info.tenant_id.clone(),
            self.info.client_id.clone(),
            self.info.client_secret.clone(),
        )
    }

    /// Sends a core request as is.
    pub async fn send(&self, req: &HttpRequest) -> HttpResponse {
        self.try_send(req).await.unwrap_or_else(|e| panic!("{} {}: {e}", req.method, req.url))
    }

    /// Sends a core request; the transport error (e.g. a dropped connection) as a string.
    pub async fn try_send(&self, req: &HttpRequest) -> Result<HttpResponse, String> {
        send_with(&self.http, req).await
    }

    /// A fresh v2 token for a family.
    pub async fn new_token(&self, family: Family) -> Secret {
        let req = auth::token_request(&self.ep, &self.creds(), family, TokenVersion::V2).expect("token request");
        let resp = self.send(&req).await;
        auth::parse_token_response(&resp, now_secs()).expect("token").token
    }

    /// The cached token for a family (fetched once).
    pub async fn token(&self, family: Family) -> Secret {
        if let Some(t) = self.tokens.lock().unwrap().get(&family) {
            return t.clone();
        }
        let t = self.new_token(family).await;
        self.tokens.lock().unwrap().insert(family, t.clone());
        t
    }

    /// Sends a request with the family's bearer token.
    pub async fn call(&self, family: Family, mut req: HttpRequest) -> HttpResponse {
        let t = self.token(family).await;
        req.authorize(&t);
        self.send(&req).await
    }

    /// An admin API call: (status, JSON body or Null).
    pub async fn admin(&self, method: Method, path: &str, body: Option<Value>) -> (u16, Value) {
        let mut req = HttpRequest::new(method, format!("{}{path}", self.info.admin_url));
        if let Some(b) = body {
            req = req.with_json(&b);
        }
        let r = self.send(&req).await;
        (r.status, serde_json::from_slice(&r.body).unwrap_or(Value::Null))
    }

    /// Moves the emulated clock.
    pub fn advance(&self, seconds: f64) {
        self.handle.advance_clock(seconds);
    }

    /// Operation ids the emulator has answered so far (from the admin request log).
    pub async fn ops_seen(&self) -> HashSet<String> {
        let (_, log) = self.admin(Method::Get, "/requests", None).await;
        log.as_array()
            .into_iter()
            .flatten()
            .filter_map(|e| e.get("op").and_then(Value::as_str).map(str::to_string))
            .collect()
    }

    /// Asserts every operation of a family in the core's route table was answered.
    pub async fn assert_family_covered(&self, family: Family) {
        let seen = self.ops_seen().await;
        let missing: Vec<&str> = storesubmit::api::OPERATIONS
            .iter()
            .filter(|o| o.family == family && !seen.contains(o.id))
            .map(|o| o.id)
            .collect();
        assert!(missing.is_empty(), "operations never exercised: {missing:?}");
    }
}

/// Sends a core request with a reqwest client; the transport error (e.g. a dropped connection) as a string.
pub async fn send_with(http: &reqwest::Client, req: &HttpRequest) -> Result<HttpResponse, String> {
    let method = reqwest::Method::from_bytes(req.method.as_str().as_bytes()).expect("method");
    let mut b = http.request(method, &req.url);
    for (n, v) in &req.headers {
        b = b.header(n, v);
    }
    let resp = b.body(req.body.clone()).send().await.map_err(|e| e.to_string())?;
    let status = resp.status().as_u16();
    let headers = resp
        .headers()
        .iter()
        .map(|(n, v)| (n.as_str().to_string(), String::from_utf8_lossy(v.as_bytes()).into_owned()))
        .collect();
    let body = resp.bytes().await.map_err(|e| e.to_string())?.to_vec();
    Ok(HttpResponse { status, headers, body })
}

/// Unix seconds now.
pub fn now_secs() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs()
}

/// The JSON body of a response.
pub fn body(r: &HttpResponse) -> Value {
    serde_json::from_slice(&r.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&r.body)))
}

/// A stored ZIP with the given entry names (contents: the name).
pub fn zip_with(names: &[&str]) -> Vec<u8> {
    use storesubmit::package::{EntryOptions, ZipWriter};
    let mut w = ZipWriter::new(Vec::new());
    for n in names {
        w.add_reader(n, EntryOptions::sized(n.len() as u64), &mut n.as_bytes()).expect("zip entry");
    }
    w.finish().expect("zip")
}

/// Asserts a JSON value has exactly these keys.
pub fn assert_keys(v: &Value, keys: &[&str]) {
    let mut have: Vec<&str> = v.as_object().expect("object").keys().map(String::as_str).collect();
    have.sort();
    let mut want = keys.to_vec();
    want.sort();
    assert_eq!(have, want, "{v}");
}

/// A stored ZIP written byte by byte, with any entry names at all (the core's writer refuses unsafe
/// ones, which is what some tests need to send).
pub fn raw_zip(names: &[&str]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut cd = Vec::new();
    for name in names {
        let off = out.len() as u32;
        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        out.extend_from_slice(&[20, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        out.extend_from_slice(&[0; 12]);
        out.extend_from_slice(&(name.len() as u16).to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        out.extend_from_slice(name.as_bytes());
        cd.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        cd.extend_from_slice(&[20, 0, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        cd.extend_from_slice(&[0; 12]);
        cd.extend_from_slice(&(name.len() as u16).to_le_bytes());
        cd.extend_from_slice(&[0; 12]);
        cd.extend_from_slice(&off.to_le_bytes());
        cd.extend_from_slice(name.as_bytes());
    }
    let cd_off = out.len() as u32;
    out.extend_from_slice(&cd);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0; 4]);
    out.extend_from_slice(&(names.len() as u16).to_le_bytes());
    out.extend_from_slice(&(names.len() as u16).to_le_bytes());
    out.extend_from_slice(&(cd.len() as u32).to_le_bytes());
    out.extend_from_slice(&cd_off.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

/// The emulator binary of this build.
pub const BIN: &str = env!("CARGO_BIN_EXE_storesubmit-emulator");

/// The emulator binary as a process (stopped by closing its stdin) and its first-line object.
pub struct Proc {
    pub child: Child,
    pub info: Value,
}

impl Proc {
    /// Starts the binary with these arguments (plus `--stop-on-stdin-eof`) and reads its first line.
    pub fn start(args: &[&str]) -> Proc {
        let mut child = Command::new(BIN)
            .args(args)
            .arg("--stop-on-stdin-eof")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn the emulator");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).expect("first line");
        let info: Value =
            serde_json::from_str(&line).unwrap_or_else(|e| panic!("first line is not JSON ({e}): {line:?}"));
        Proc { child, info }
    }

    /// A string value of the first line.
    pub fn s(&self, k: &str) -> String {
        self.info[k].as_str().unwrap().to_string()
    }

    /// The service roots of the first line.
    pub fn endpoints(&self) -> Endpoints {
        Endpoints {
            devcenter: self.s("devcenter_url"),
            win32: self.s("win32_url"),
            ingestion: self.s("ingestion_url"),
            token: self.s("token_url"),
        }
    }

    /// Closes stdin and waits: the exit code.
    pub fn stop(mut self) -> i32 {
        drop(self.child.stdin.take());
        self.child.wait().unwrap().code().unwrap_or(-1)
    }
}
