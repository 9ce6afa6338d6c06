//! Azurite (real Azure Blob Storage, from `tests/tools`) for the upload suites: each [`Azurite`] is its
//! own server on a free port with in-memory persistence, stopped when dropped. SAS URLs are minted with
//! the core's signers and the development account's well-known key.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use storesubmit::api::blob::{self, BlockList, SasUrl, DEV_ACCOUNT, DEV_ACCOUNT_KEY};
use storesubmit::http::HttpResponse;

use super::data::TempDir;

/// The SAS version the suites sign with.
pub const SAS_VERSION: &str = "2021-12-02";

/// Seconds since the Unix epoch.
pub fn now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs() as i64
}

/// The Azurite binary installed by `scripts/setup.d/20-node-tools.sh`.
pub fn azurite_bin() -> PathBuf {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/tools/node_modules/.bin/azurite-blob");
    assert!(
        p.exists(),
        "Azurite is not installed at {}: run `bash scripts/setup.sh` (scripts/setup.d/20-node-tools.sh installs it)",
        p.display()
    );
    p
}

/// A running Azurite blob service.
pub struct Azurite {
    child: Child,
    port: u16,
    _dir: TempDir,
    http: reqwest::Client,
}

impl Azurite {
    /// Starts Azurite on a free loopback port and waits until it listens.
    pub fn start() -> Azurite {
        let dir = TempDir::new("azurite");
        let mut child = Command::new(azurite_bin())
            .args([
                "--blobHost",
                "127.0.0.1",
                "--blobPort",
                "0",
                "--inMemoryPersistence",
                "--disableTelemetry",
                "--silent",
            ])
            .current_dir(dir.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn azurite-blob (is node installed?)");
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if let Some(rest) = line.split("listens on http://127.0.0.1:").nth(1) {
                    let port: String = rest.chars().take_while(char::is_ascii_digit).collect();
                    let _ = tx.send(port.parse::<u16>().ok());
                }
            }
        });
        let port = match rx.recv_timeout(Duration::from_secs(60)) {
            Ok(Some(p)) => p,
            other => {
                let _ = child.kill();
                let out = child.wait_with_output().ok();
                panic!(
                    "Azurite did not start ({other:?}); stderr: {}",
                    out.map(|o| String::from_utf8_lossy(&o.stderr).into_owned()).unwrap_or_default()
                );
            }
        };
        Azurite { child, port, _dir: dir, http: reqwest::Client::new() }
    }

    /// The blob service's port.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// `http://127.0.0.1:{port}/devstoreaccount1`.
    pub fn account_url(&self) -> String {
        format!("http://127.0.0.1:{}/{DEV_ACCOUNT}", self.port)
    }

    /// Creates a container (with an account SAS: a service SAS cannot).
    pub async fn create_container(&self, name: &str) {
        let q =
            blob::sign_account_sas(DEV_ACCOUNT, DEV_ACCOUNT_KEY, "sco", "rwdlac", now() + 3600, SAS_VERSION).unwrap();
        let url = format!("{}/{name}?restype=container&{q}", self.account_url());
        let resp =
            self.http.put(url).header("x-ms-version", SAS_VERSION).header("Content-Length", "0").send().await.unwrap();
        assert_eq!(resp.status().as_u16(), 201, "create container: {}", resp.text().await.unwrap_or_default());
    }

    /// A service SAS URL for a blob, signed with the core's signer.
    pub fn sas(&self, container: &str, blob_name: &str, permissions: &str, expiry_unix: i64) -> String {
        blob::blob_sas_url(
            &self.account_url(),
            DEV_ACCOUNT,
            DEV_ACCOUNT_KEY,
            container,
            blob_name,
            permissions,
            expiry_unix,
            SAS_VERSION,
        )
        .unwrap()
    }

    /// A write SAS valid for an hour.
    pub fn write_sas(&self, container: &str, blob_name: &str) -> SasUrl {
        SasUrl::parse(&self.sas(container, blob_name, "rcw", now() + 3600)).unwrap()
    }

    /// Sends a core request directly (no uploader), returning the raw response.
    pub async fn send(&self, req: &storesubmit::HttpRequest) -> HttpResponse {
        let m = reqwest::Method::from_bytes(req.method.as_str().as_bytes()).unwrap();
        let mut b = self.http.request(m, &req.url);
        for (k, v) in &req.headers {
            b = b.header(k, v);
        }
        let resp = b.header("Content-Length", req.body.len().to_string()).body(req.body.clone()).send().await.unwrap();
        let status = resp.status().as_u16();
        let headers =
            resp.headers().iter().map(|(k, v)| (k.to_string(), v.to_str().unwrap_or("").to_string())).collect();
        HttpResponse { status, headers, body: resp.bytes().await.unwrap().to_vec() }
    }

    /// Downloads a blob, with its `Content-Type`.
    pub async fn download(&self, container: &str, blob_name: &str) -> (Vec<u8>, String) {
        let url = self.sas(container, blob_name, "r", now() + 3600);
        let resp = self.http.get(url).header("x-ms-version", SAS_VERSION).send().await.unwrap();
        assert_eq!(resp.status().as_u16(), 200, "download {blob_name}");
        let ct = resp.headers().get("content-type").map(|v| v.to_str().unwrap().to_string()).unwrap_or_default();
        (resp.bytes().await.unwrap().to_vec(), ct)
    }

    /// The blob's block list (committed and uncommitted), read with the core's request and parser.
    pub async fn block_list(&self, container: &str, blob_name: &str) -> BlockList {
        let sas = SasUrl::parse(&self.sas(container, blob_name, "r", now() + 3600)).unwrap();
        let resp = self.send(&blob::get_block_list(&sas, SAS_VERSION)).await;
        blob::parse_block_list(&resp).unwrap()
    }
}

impl Drop for Azurite {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
