//! The block blob requests an upload sends: Put Blob (files, listing assets), Put Block, Put Block List,
//! Get Block List.

use super::checksum::{content_md5, BlockChecksum};
use super::sas::SasUrl;
use crate::api::encode_query_value;
use crate::http::{HttpRequest, Method};

pub(super) fn base_request(method: Method, url: String, version: &str) -> HttpRequest {
    let mut req = HttpRequest::new(method, url).with_header("x-ms-version", version);
    req.max_response_bytes = crate::data::limits::RESPONSE_BLOB_MAX_BYTES;
    req
}

/// Put Blob: the whole body in one request, as a block blob, with `Content-MD5` (accepted by every
/// version). Used for small files and win32 listing assets.
pub fn put_blob(sas: &SasUrl, version: &str, body: Vec<u8>, content_type: Option<&str>) -> HttpRequest {
    let mut r = put_blob_request(sas, version, &body, content_type);
    r.body = body;
    r
}

/// Put Blob without its body (the transport attaches `data` without a copy): `x-ms-blob-type:
/// BlockBlob`, `Content-MD5` of `data`, and the blob's content type when given.
pub fn put_blob_request(sas: &SasUrl, version: &str, data: &[u8], content_type: Option<&str>) -> HttpRequest {
    let mut r = base_request(Method::Put, sas.expose_url(), version)
        .with_header("x-ms-blob-type", "BlockBlob")
        .with_header("Content-MD5", content_md5(data));
    if let Some(ct) = content_type {
        r.set_header("Content-Type", ct);
        r.set_header("x-ms-blob-content-type", ct);
    }
    r
}

/// Put Blob of a win32 listing asset to a `primaryAssetUploadUrl` / `secondaryAssetUploadUrl`, with the
/// headers the service listed in the asset's `httpHeaders`: a header with a value is sent as given
/// (it may override ours); one with an empty value ("calculated during the API call", seed 003) is
/// computed — `Content-MD5`, `x-ms-blob-type`, `Content-Type`/`x-ms-blob-content-type` (from
/// `content_type`), `x-ms-version`; `Content-Length` is the transport's. Other empty headers are
/// left out: there is nothing to compute them from. The body is attached by the transport.
pub fn put_asset_request(
    sas: &SasUrl,
    version: &str,
    data: &[u8],
    content_type: Option<&str>,
    http_headers: &[(String, String)],
) -> HttpRequest {
    let mut r = put_blob_request(sas, version, data, content_type);
    for (name, value) in http_headers {
        if !value.is_empty() {
            r.set_header(name, value);
        }
    }
    r
}

/// The MIME type of a listing asset or package by extension (`image/png`, …), for the blob's
/// `Content-Type`; `application/octet-stream` when unknown.
pub fn content_type_for(name: &str) -> &'static str {
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "bmp" => "image/bmp",
        "mp4" => "video/mp4",
        "zip" => "application/zip",
        _ => "application/octet-stream",
    }
}

/// Put Block without its body (the transport attaches the data): `comp=block&blockid=…` and the
/// checksum header.
pub fn put_block_request(sas: &SasUrl, version: &str, block_id: &str, checksum: &BlockChecksum) -> HttpRequest {
    let id = encode_query_value(block_id);
    let (h, v) = checksum.header();
    base_request(Method::Put, sas.url_with(&[("comp", "block"), ("blockid", &id)]), version).with_header(h, v)
}

/// Put Block with its body (copies `data`; transports that can send a borrowed buffer use
/// [`put_block_request`]).
pub fn put_block(sas: &SasUrl, version: &str, block_id: &str, data: &[u8]) -> HttpRequest {
    let mut r = put_block_request(sas, version, block_id, &BlockChecksum::compute(version, data));
    r.body = data.to_vec();
    r
}

/// Put Block List: commits the blocks, in order, as the blob's content (`Latest`: the newest staged
/// version of each id).
pub fn put_block_list(sas: &SasUrl, version: &str, ids: &[String], content_type: Option<&str>) -> HttpRequest {
    let mut body = String::with_capacity(64 + ids.len() * 50);
    body.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?><BlockList>");
    for id in ids {
        body.push_str("<Latest>");
        body.push_str(&xml_escape(id));
        body.push_str("</Latest>");
    }
    body.push_str("</BlockList>");
    let mut r = base_request(Method::Put, sas.url_with(&[("comp", "blocklist")]), version)
        .with_header("Content-Type", "application/xml")
        .with_header("Content-MD5", content_md5(body.as_bytes()));
    if let Some(ct) = content_type {
        r.set_header("x-ms-blob-content-type", ct);
    }
    r.body = body.into_bytes();
    r
}

/// Get Block List (`blocklisttype=all`): what is committed and what is staged.
pub fn get_block_list(sas: &SasUrl, version: &str) -> HttpRequest {
    base_request(Method::Get, sas.url_with(&[("comp", "blocklist"), ("blocklisttype", "all")]), version)
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}
