//! The built-in blob store: the part of Azure Blob storage the uploaders and the seed samples use (Put
//! Blob, Put Block, Put Block List, Get Block List, Get Blob, Get Blob Properties), behind service-SAS
//! checks (signature, expiry, permission) and transactional checksum checks (`Content-MD5`,
//! `x-ms-content-crc64`).
//!
//! SAS URLs are minted and verified with the core's signer (`storesubmit::api::blob::blob_sas_url`), with
//! an account key the emulator draws at start: a request passes only with a signature over exactly the
//! permissions, expiry and version it presents, as in Azure. CRC-64 is the core's (`api::blob::crc64`).

use std::collections::HashMap;
use std::fmt;

use base64::Engine;
use bytes::Bytes;
use md5::{Digest, Md5};
use storesubmit::api::blob as core_blob;
use storesubmit::Method;

pub use crate::svc::storage_error;
use crate::svc::storage_error_detail;
use crate::util::{self, Req, Resp};

/// Account name of the built-in store (the `/blob/{account}/…` of every signature).
pub const ACCOUNT: &str = "storesubmitemulator";

/// The Azure storage service version the emulator claims in responses and signs SAS URLs with.
pub const SERVICE_VERSION: &str = core_blob::DEFAULT_VERSION;

/// One stored blob.
#[derive(Clone, Debug)]
pub struct Blob {
    /// Content.
    pub data: Bytes,
    /// `Content-Type` it was stored with.
    pub content_type: String,
    /// Entity tag.
    pub etag: String,
    /// Last modification, unix ms (emulated clock).
    pub last_modified: u64,
    /// Stored `Content-MD5` property (base64), when known.
    pub content_md5: Option<String>,
    /// Committed block list (id, size) when assembled from blocks.
    pub blocks: Vec<(String, usize)>,
}

/// Blobs and uncommitted blocks, and the account key that signs and checks SAS URLs.
pub struct BlobStore {
    key: String,
    blobs: HashMap<String, Blob>,
    uncommitted: HashMap<String, HashMap<String, Bytes>>,
}

impl fmt::Debug for BlobStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BlobStore")
            .field("account", &ACCOUNT)
            .field("key", &"[REDACTED]")
            .field("blobs", &self.blobs.len())
            .finish()
    }
}

impl Default for BlobStore {
    fn default() -> Self {
        let mut raw = Vec::with_capacity(32);
        while raw.len() < 32 {
            raw.extend_from_slice(&util::random_u64().to_le_bytes());
        }
        BlobStore {
            key: base64::engine::general_purpose::STANDARD.encode(&raw),
            blobs: HashMap::new(),
            uncommitted: HashMap::new(),
        }
    }
}

fn md5_b64(data: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(Md5::digest(data))
}

/// Texts between `<tag>` and `</tag>` for any of the given tags, in document order.
fn xml_items(body: &str, tags: &[&str]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = body;
    while let Some(open) = rest.find('<') {
        rest = &rest[open + 1..];
        let Some(close) = rest.find('>') else { break };
        let tag = rest[..close].trim().to_string();
        rest = &rest[close + 1..];
        if let Some(t) = tags.iter().find(|t| **t == tag) {
            let end_tag = format!("</{t}>");
            if let Some(end) = rest.find(&end_tag) {
                out.push((t.to_string(), rest[..end].trim().to_string()));
                rest = &rest[end + end_tag.len()..];
            }
        }
    }
    out
}

/// Splits `container/name` (a name may hold `/`).
pub fn split_path(path: &str) -> Option<(&str, &str)> {
    path.trim_start_matches('/').split_once('/').filter(|(c, n)| !c.is_empty() && !n.is_empty())
}

fn auth_failed(detail: &str) -> Resp {
    storage_error_detail(
        403,
        "AuthenticationFailed",
        "Server failed to authenticate the request. Make sure the value of Authorization header is formed correctly including the signature.",
        Some(detail),
    )
}

impl BlobStore {
    /// A SAS URL for `path` (`container/name`) under `base` (the blob service root URL) with
    /// permissions `perms` (canonical order, e.g. `rwl`) until `expiry_ms`, signed with this store's key.
    pub fn issue_sas(&self, base: &str, path: &str, perms: &str, expiry_ms: u64) -> String {
        let (container, name) = split_path(path).unwrap_or(("blobs", path));
        core_blob::blob_sas_url(
            base,
            ACCOUNT,
            &self.key,
            container,
            name,
            perms,
            (expiry_ms / 1000) as i64,
            SERVICE_VERSION,
        )
        .unwrap_or_else(|_| format!("{base}/{path}"))
    }

    /// A stored blob.
    pub fn get(&self, path: &str) -> Option<&Blob> {
        self.blobs.get(path)
    }

    /// Number of blobs (for the state dump).
    pub fn len(&self) -> usize {
        self.blobs.len()
    }

    /// Whether no blob is stored.
    pub fn is_empty(&self) -> bool {
        self.blobs.is_empty()
    }

    /// Names and sizes of all blobs.
    pub fn listing(&self) -> Vec<(String, usize)> {
        let mut v: Vec<_> = self.blobs.iter().map(|(k, b)| (k.clone(), b.data.len())).collect();
        v.sort();
        v
    }

    /// Checks the service SAS of a request for `path` and the permission `need`, at `now_ms`.
    fn check_sas(&self, req: &Req, path: &str, need: char, now_ms: u64) -> Result<(), Resp> {
        let (Some(sig), Some(sv), Some(sp), Some(se)) =
            (req.query("sig"), req.query("sv"), req.query("sp"), req.query("se"))
        else {
            return Err(auth_failed("The request carries no complete shared access signature (sv, sp, se, sig)."));
        };
        if req.query("sr") != Some("b") {
            return Err(auth_failed("Only blob service SAS (sr=b) are accepted."));
        }
        let Some((container, name)) = split_path(path) else {
            return Err(storage_error(
                400,
                "InvalidUri",
                "The requested URI does not represent a blob (container/name).",
            ));
        };
        let Some(expiry) = core_blob::parse_iso8601(se).filter(|e| core_blob::format_iso8601(*e) == se) else {
            return Err(auth_failed("Signature did not match: the se value is not in the signed form."));
        };
        let expected = core_blob::sign_blob_sas(ACCOUNT, &self.key, container, name, sp, expiry, sv)
            .ok()
            .and_then(|q| q.split("&sig=").nth(1).map(util::decode));
        if expected.as_deref() != Some(sig) {
            return Err(auth_failed(
                "Signature did not match. String to sign used was the blob resource with the request's sp, se and sv.",
            ));
        }
        if (now_ms / 1000) as i64 >= expiry {
            return Err(auth_failed(&format!(
                "Signed expiry time [{}] must be after current time [{}]",
                util::http_date(expiry as u64 * 1000),
                util::http_date(now_ms)
            )));
        }
        let create_new = need == 'w' && sp.contains('c') && !self.blobs.contains_key(path);
        if !sp.contains(need) && !create_new {
            return Err(storage_error(
                403,
                "AuthorizationPermissionMismatch",
                "This request is not authorized to perform this operation using this permission.",
            ));
        }
        Ok(())
    }

    /// Checks `Content-MD5` and `x-ms-content-crc64` of a request body; the body's MD5 (base64).
    fn check_checksums(req: &Req, data: &[u8]) -> Result<String, Resp> {
        let md5 = md5_b64(data);
        if let Some(given) = req.header("Content-MD5") {
            if given.trim() != md5 {
                return Err(storage_error(
                    400,
                    "Md5Mismatch",
                    "The MD5 value specified in the request did not match with the MD5 value calculated by the server.",
                ));
            }
        }
        if let Some(given) = req.header("x-ms-content-crc64") {
            if given.trim() != core_blob::crc64_header(core_blob::crc64(data)) {
                return Err(storage_error(
                    400,
                    "Crc64Mismatch",
                    "The CRC64 value specified in the request did not match with the CRC64 value calculated by the server.",
                ));
            }
        }
        Ok(md5)
    }

    fn common(resp: Resp, now_ms: u64) -> Resp {
        resp.with_header("x-ms-version", SERVICE_VERSION)
            .with_header("x-ms-request-id", util::guid())
            .with_header("Date", util::http_date(now_ms))
    }

    /// Handles a request under the blob prefix; `path` is `container/name` (decoded).
    pub fn handle(&mut self, req: &Req, path: &str, now_ms: u64) -> Resp {
        let path = path.trim_start_matches('/');
        if split_path(path).is_none() {
            return Self::common(
                storage_error(400, "InvalidUri", "The requested URI does not represent a blob (container/name)."),
                now_ms,
            );
        }
        let comp = req.query("comp").unwrap_or("").to_ascii_lowercase();
        let r = match (req.method, comp.as_str()) {
            (Method::Put, "") => self.check_sas(req, path, 'w', now_ms).and_then(|_| self.put_blob(req, path, now_ms)),
            (Method::Put, "block") => self.check_sas(req, path, 'w', now_ms).and_then(|_| self.put_block(req, path)),
            (Method::Put, "blocklist") => {
                self.check_sas(req, path, 'w', now_ms).and_then(|_| self.put_block_list(req, path, now_ms))
            }
            (Method::Get, "blocklist") => {
                self.check_sas(req, path, 'r', now_ms).and_then(|_| self.get_block_list(req, path))
            }
            (Method::Get, "") | (Method::Head, "") => {
                self.check_sas(req, path, 'r', now_ms).and_then(|_| self.get_blob(req, path))
            }
            _ => Err(storage_error(
                400,
                "UnsupportedHttpVerb",
                "The emulator's blob store does not support this operation.",
            )),
        };
        Self::common(r.unwrap_or_else(|e| e), now_ms)
    }

    fn headers_for(b: &Blob) -> Vec<(String, String)> {
        vec![("ETag".to_string(), b.etag.clone()), ("Last-Modified".to_string(), util::http_date(b.last_modified))]
    }

    fn new_etag() -> String {
        format!("\"0x8D{}\"", util::random_hex(6).to_ascii_uppercase())
    }

    fn put_blob(&mut self, req: &Req, path: &str, now_ms: u64) -> Result<Resp, Resp> {
        match req.header("x-ms-blob-type") {
            Some(t) if t.eq_ignore_ascii_case("BlockBlob") => {}
            Some(_) => {
                return Err(storage_error(400, "InvalidHeaderValue", "Only BlockBlob is supported (x-ms-blob-type)."))
            }
            None => {
                return Err(storage_error(
                    400,
                    "MissingRequiredHeader",
                    "An HTTP header that's mandatory for this request is not specified: x-ms-blob-type.",
                ))
            }
        }
        let md5 = Self::check_checksums(req, &req.body)?;
        let blob = Blob {
            data: req.body.clone(),
            content_type: req
                .header("x-ms-blob-content-type")
                .or_else(|| req.header("Content-Type"))
                .unwrap_or("application/octet-stream")
                .to_string(),
            etag: Self::new_etag(),
            last_modified: now_ms,
            content_md5: Some(req.header("x-ms-blob-content-md5").map(str::to_string).unwrap_or_else(|| md5.clone())),
            blocks: Vec::new(),
        };
        let mut resp = Resp::empty(201);
        resp.headers = Self::headers_for(&blob);
        resp.headers.push(("Content-MD5".into(), md5));
        resp.headers.push(("x-ms-request-server-encrypted".into(), "true".into()));
        self.blobs.insert(path.to_string(), blob);
        self.uncommitted.remove(path);
        Ok(resp)
    }

    fn block_id(req: &Req) -> Result<String, Resp> {
        let id = req.query("blockid").unwrap_or("");
        let decoded = base64::engine::general_purpose::STANDARD.decode(id.as_bytes());
        match decoded {
            Ok(d) if !d.is_empty() && d.len() <= 64 => Ok(id.to_string()),
            _ => Err(storage_error(
                400,
                "InvalidQueryParameterValue",
                "The blockid is not a valid Base64 string of at most 64 bytes.",
            )),
        }
    }

    fn put_block(&mut self, req: &Req, path: &str) -> Result<Resp, Resp> {
        let id = Self::block_id(req)?;
        Self::check_checksums(req, &req.body)?;
        let blocks = self.uncommitted.entry(path.to_string()).or_default();
        if blocks.keys().next().is_some_and(|k| k.len() != id.len()) {
            return Err(storage_error(
                400,
                "InvalidBlobOrBlock",
                "The specified blob or block content is invalid: block ids of a blob must all have the same length.",
            ));
        }
        blocks.insert(id, req.body.clone());
        let mut resp = Resp::empty(201).with_header("x-ms-request-server-encrypted", "true");
        if req.header("x-ms-content-crc64").is_some() {
            resp = resp.with_header("x-ms-content-crc64", core_blob::crc64_header(core_blob::crc64(&req.body)));
        } else {
            resp = resp.with_header("Content-MD5", md5_b64(&req.body));
        }
        Ok(resp)
    }

    fn put_block_list(&mut self, req: &Req, path: &str, now_ms: u64) -> Result<Resp, Resp> {
        Self::check_checksums(req, &req.body)?;
        let text = std::str::from_utf8(&req.body)
            .map_err(|_| storage_error(400, "InvalidXmlDocument", "The block list is not UTF-8 XML."))?;
        if !text.contains("<BlockList>") {
            return Err(storage_error(
                400,
                "InvalidXmlDocument",
                "XML specified is not syntactically valid (no BlockList).",
            ));
        }
        let items = xml_items(text, &["Latest", "Committed", "Uncommitted"]);
        let empty = HashMap::new();
        let uncommitted = self.uncommitted.get(path).unwrap_or(&empty);
        let committed: HashMap<String, Bytes> = match self.blobs.get(path) {
            Some(b) if !b.blocks.is_empty() => {
                let mut map = HashMap::new();
                let mut off = 0usize;
                for (id, size) in &b.blocks {
                    map.insert(id.clone(), b.data.slice(off..off + size));
                    off += size;
                }
                map
            }
            _ => HashMap::new(),
        };
        let mut data = Vec::new();
        let mut blocks = Vec::new();
        for (kind, id) in items {
            let found = match kind.as_str() {
                "Uncommitted" => uncommitted.get(&id),
                "Committed" => committed.get(&id),
                _ => uncommitted.get(&id).or_else(|| committed.get(&id)),
            };
            let Some(bytes) = found else {
                return Err(storage_error(
                    400,
                    "InvalidBlockList",
                    &format!("The specified block list is invalid: block {id} was not found."),
                ));
            };
            data.extend_from_slice(bytes);
            blocks.push((id, bytes.len()));
        }
        let data = Bytes::from(data);
        let blob = Blob {
            content_md5: req.header("x-ms-blob-content-md5").map(str::to_string),
            content_type: req.header("x-ms-blob-content-type").unwrap_or("application/octet-stream").to_string(),
            data,
            etag: Self::new_etag(),
            last_modified: now_ms,
            blocks,
        };
        if let Some(m) = &blob.content_md5 {
            if *m != md5_b64(&blob.data) {
                return Err(storage_error(
                    400,
                    "Md5Mismatch",
                    "x-ms-blob-content-md5 does not match the committed content.",
                ));
            }
        }
        let mut resp = Resp::empty(201);
        resp.headers = Self::headers_for(&blob);
        resp.headers.push(("x-ms-request-server-encrypted".into(), "true".into()));
        self.blobs.insert(path.to_string(), blob);
        self.uncommitted.remove(path);
        Ok(resp)
    }

    fn get_block_list(&self, req: &Req, path: &str) -> Result<Resp, Resp> {
        let kind = req.query("blocklisttype").unwrap_or("committed").to_ascii_lowercase();
        let blob = self.blobs.get(path);
        let unc = self.uncommitted.get(path);
        if blob.is_none() && unc.is_none() {
            return Err(storage_error(404, "BlobNotFound", "The specified blob does not exist."));
        }
        let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?><BlockList>");
        if kind == "committed" || kind == "all" {
            xml.push_str("<CommittedBlocks>");
            for (id, size) in blob.map(|b| b.blocks.as_slice()).unwrap_or(&[]) {
                xml.push_str(&format!("<Block><Name>{id}</Name><Size>{size}</Size></Block>"));
            }
            xml.push_str("</CommittedBlocks>");
        }
        if kind == "uncommitted" || kind == "all" {
            xml.push_str("<UncommittedBlocks>");
            if let Some(u) = unc {
                let mut ids: Vec<_> = u.iter().collect();
                ids.sort_by(|a, b| a.0.cmp(b.0));
                for (id, data) in ids {
                    xml.push_str(&format!("<Block><Name>{id}</Name><Size>{}</Size></Block>", data.len()));
                }
            }
            xml.push_str("</UncommittedBlocks>");
        }
        xml.push_str("</BlockList>");
        let mut resp = Resp {
            status: 200,
            headers: vec![("Content-Type".into(), "application/xml".into())],
            body: Bytes::from(xml),
        };
        if let Some(b) = blob {
            resp.headers.push(("ETag".into(), b.etag.clone()));
            resp.headers.push(("x-ms-blob-content-length".into(), b.data.len().to_string()));
        }
        Ok(resp)
    }

    fn get_blob(&self, req: &Req, path: &str) -> Result<Resp, Resp> {
        let Some(b) = self.blobs.get(path) else {
            return Err(storage_error(404, "BlobNotFound", "The specified blob does not exist."));
        };
        let mut resp = Resp {
            status: 200,
            headers: Self::headers_for(b),
            body: if req.method == Method::Head { Bytes::new() } else { b.data.clone() },
        };
        if let Some(m) = &b.content_md5 {
            resp.headers.push(("Content-MD5".into(), m.clone()));
        }
        resp.headers.push(("Content-Type".into(), b.content_type.clone()));
        resp.headers.push(("x-ms-blob-type".into(), "BlockBlob".into()));
        if req.method == Method::Head {
            resp.headers.push(("Content-Length".into(), b.data.len().to_string()));
        }
        Ok(resp)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_list_xml_items() {
        let x = "<?xml version=\"1.0\"?><BlockList><Latest>AA==</Latest><Uncommitted>AQ==</Uncommitted></BlockList>";
        assert_eq!(
            xml_items(x, &["Latest", "Committed", "Uncommitted"]),
            vec![("Latest".into(), "AA==".into()), ("Uncommitted".into(), "AQ==".into())]
        );
    }

    #[test]
    fn key_is_not_in_debug() {
        let s = BlobStore::default();
        assert!(!format!("{s:?}").contains(&s.key));
        assert_eq!(split_path("/c/a/b.png"), Some(("c", "a/b.png")));
        assert_eq!(split_path("c"), None);
    }
}
