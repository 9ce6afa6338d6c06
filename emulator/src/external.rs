//! An outside Azure blob service (Azurite, or a storage account) used instead of the built-in store:
//! upload SAS URLs point at it, and the emulator reads uploads back from it (a submission's ZIP at
//! commit, listing assets at their commit, ingestion packages marked `Uploaded`).
//!
//! Every signature and request comes from the core's `api::blob` (service SAS for blobs, account SAS
//! and Create Container for the containers the emulator writes to).

use std::fmt;

use bytes::Bytes;
use storesubmit::api::blob as core_blob;

use crate::blob::split_path;
use crate::config::ExternalBlob;

/// Service version used against the outside store (before 2020-12-06, so no encryption-scope field).
pub const VERSION: &str = "2019-12-12";

/// A configured outside blob store with an HTTP client.
#[derive(Clone)]
pub struct External {
    cfg: ExternalBlob,
    http: reqwest::Client,
}

impl fmt::Debug for External {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("External")
            .field("endpoint", &self.cfg.endpoint)
            .field("account", &self.cfg.account)
            .field("key", &"[REDACTED]")
            .finish()
    }
}

fn now_unix() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}

impl External {
    /// A client for the configured store.
    ///
    /// # Errors
    /// The account key is not base64, or the HTTP client cannot be built.
    pub fn new(cfg: ExternalBlob) -> Result<Self, String> {
        core_blob::sign_account_sas(&cfg.account, &cfg.key, "c", "c", now_unix() + 60, VERSION)
            .map_err(|e| format!("--blob-key: {e}"))?;
        let http = reqwest::Client::builder()
            .timeout(std::time::Duration::from_secs(120))
            .build()
            .map_err(|e| format!("blob client: {e}"))?;
        Ok(External { cfg, http })
    }

    /// The endpoint (account URL).
    pub fn endpoint(&self) -> &str {
        self.cfg.endpoint.trim_end_matches('/')
    }

    /// A service SAS URL for `path` (`container/name`) valid for `lifetime_secs` of real time (the outside
    /// store runs on real time, not on the emulated clock).
    pub fn issue_sas(&self, path: &str, perms: &str, lifetime_secs: u64) -> String {
        let (container, name) = split_path(path).unwrap_or(("blobs", path));
        let expiry = now_unix() + lifetime_secs as i64;
        core_blob::blob_sas_url(
            self.endpoint(),
            &self.cfg.account,
            &self.cfg.key,
            container,
            name,
            perms,
            expiry,
            VERSION,
        )
        .unwrap_or_default()
    }

    /// Creates the containers (an existing one is fine).
    ///
    /// # Errors
    /// A message when the store cannot be reached or refuses.
    pub async fn ensure_containers(&self, containers: &[&str]) -> Result<(), String> {
        let sas = core_blob::sign_account_sas(&self.cfg.account, &self.cfg.key, "c", "c", now_unix() + 300, VERSION)
            .map_err(|e| e.to_string())?;
        for c in containers {
            let req = core_blob::create_container(self.endpoint(), c, &sas, VERSION);
            let resp = self.send(req).await?;
            if resp.status != 201 && resp.status != 409 {
                return Err(format!("create container {c}: {}", core_blob::error_from_response(&resp)));
            }
        }
        Ok(())
    }

    /// The content of a blob; `Ok(None)` when it does not exist.
    ///
    /// # Errors
    /// A message when the store cannot be reached or answers with an unexpected error.
    pub async fn get(&self, path: &str) -> Result<Option<Bytes>, String> {
        let url = self.issue_sas(path, "r", 300);
        let req = storesubmit::HttpRequest::new(storesubmit::Method::Get, url).with_header("x-ms-version", VERSION);
        let resp = self.send(req).await?;
        match resp.status {
            200 => Ok(Some(Bytes::from(resp.body))),
            404 => Ok(None),
            _ => Err(core_blob::error_from_response(&resp).to_string()),
        }
    }

    async fn send(&self, req: storesubmit::HttpRequest) -> Result<storesubmit::HttpResponse, String> {
        let method = reqwest::Method::from_bytes(req.method.as_str().as_bytes()).map_err(|e| e.to_string())?;
        let mut b = self.http.request(method, &req.url);
        for (n, v) in &req.headers {
            b = b.header(n, v);
        }
        b = b.body(req.body);
        let resp = b.send().await.map_err(|e| format!("blob store {}: {}", self.endpoint(), e.without_url()))?;
        let status = resp.status().as_u16();
        let headers = resp
            .headers()
            .iter()
            .map(|(n, v)| (n.as_str().to_string(), String::from_utf8_lossy(v.as_bytes()).into_owned()))
            .collect();
        let body = resp.bytes().await.map_err(|e| e.without_url().to_string())?.to_vec();
        Ok(storesubmit::HttpResponse { status, headers, body })
    }
}
