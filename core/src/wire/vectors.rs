//! The core's answers to the shared blob vectors (`tests/vectors/blob`, format in its README), for
//! every binding's runner: the blob functions are internal to uploads and no binding exposes them, so
//! a runner sends a case through the binding's `call("blobVector", …)` and compares the answer with
//! the case — which checks that the binding carries the core's bytes, numbers and errors unchanged.
//!
//! The answer is an object whose keys are keys of the case, each to be deep-equal to the case's value
//! (`expect`, `checkWrite`, `error`), or `failure`: the typed error (as [`super::error_json`]) the case's
//! `expect` describes with the keys of `tests/vectors/responses/README.md`, which a runner maps through
//! its own error type before comparing.

use base64::Engine as _;
use serde_json::{json, Map, Value};

use super::error_json;
use super::json::response_from_json;
use crate::api::blob::{self, BlockChecksum, SasUrl};
use crate::error::{Error, Result};
use crate::secret::redact_url;

/// The answer to `case` of `tests/vectors/blob/<file>.json` (`file` without `.json`).
///
/// # Errors
/// `invalid_argument` for an unknown file or a case that lacks a field its file's format requires.
pub fn blob_vector(file: &str, case: &Value) -> Result<Value> {
    let c = Case(case);
    match file {
        "checksums" => {
            let data = c.data()?;
            let crc = blob::crc64(&data);
            let mut headers = Map::new();
            // the versions the case asks about (the keys of its expectation)
            for version in c.get("expect")?.get("checksumHeader").and_then(Value::as_object).into_iter().flatten() {
                let (n, v) = BlockChecksum::compute(version.0, &data).header();
                headers.insert(version.0.clone(), json!([n, v]));
            }
            Ok(json!({"expect": {
                "length": data.len(),
                "crc64": format!("{crc:016x}"),
                "crc64Header": blob::crc64_header(crc),
                "contentMd5": blob::content_md5(&data),
                "checksumHeader": headers,
            }}))
        }
        "block-ids" => {
            let index = u32::try_from(c.u64("index")?).map_err(|_| c.bad("index", "must fit 32 bits"))?;
            let crc = u64::from_str_radix(c.str("crc64")?, 16).map_err(|_| c.bad("crc64", "must be 16 hex digits"))?;
            let id = blob::block_id(index, crc);
            let decoded = base64::engine::general_purpose::STANDARD
                .decode(&id)
                .map(|b| String::from_utf8_lossy(&b).into_owned())
                .unwrap_or_default();
            Ok(json!({"expect": {"id": id, "decoded": decoded}}))
        }
        "requests" => {
            let sas = SasUrl::parse(c.str("url")?)?;
            let version = c.str("version")?;
            let content_type = case.get("contentType").and_then(Value::as_str);
            let req = match c.str("request")? {
                "put_block" => blob::put_block(&sas, version, c.str("blockId")?, &c.data()?),
                "put_block_list" => {
                    let ids: Vec<String> = c
                        .get("ids")?
                        .as_array()
                        .map(|a| a.iter().filter_map(Value::as_str).map(str::to_string).collect())
                        .unwrap_or_default();
                    blob::put_block_list(&sas, version, &ids, content_type)
                }
                "get_block_list" => blob::get_block_list(&sas, version),
                "put_blob" => blob::put_blob(&sas, version, c.data()?, content_type),
                _ => return Err(c.bad("request", "must be put_block, put_block_list, get_block_list or put_blob")),
            };
            let headers: Map<String, Value> = req.headers.iter().map(|(k, v)| (k.clone(), json!(v))).collect();
            Ok(json!({"expect": {
                "method": req.method.as_str(),
                "url": redact_url(&req.url),
                "headers": headers,
                "body": String::from_utf8_lossy(&req.body),
            }}))
        }
        "block-lists" => {
            match blob::parse_block_list(&response_from_json(c.get("response")?, "blobVector/case/response")?) {
                Ok(list) => {
                    let blocks = |b: &[blob::Block]| -> Vec<Value> {
                        b.iter().map(|x| json!({"id": x.id, "size": x.size})).collect()
                    };
                    Ok(
                        json!({"expect": {"committed": blocks(&list.committed), "uncommitted": blocks(&list.uncommitted)}}),
                    )
                }
                Err(e) => Ok(json!({ "failure": error_json(&e) })),
            }
        }
        "sas" => {
            let sas = match SasUrl::parse(c.str("url")?) {
                Ok(s) => s,
                Err(e) => return Ok(json!({"error": e.code()})),
            };
            let sent = sas.expose_url();
            let checks: Vec<Value> = case
                .get("checkWrite")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .map(|check| {
                    let now = check.get("now").and_then(Value::as_i64).unwrap_or_default();
                    let got = sas.check_write(now).err().map_or("ok", |e| e.code());
                    json!({"now": now, "expect": got})
                })
                .collect();
            Ok(json!({
                "expect": {
                    "base": sas.base(),
                    "expiryUnix": sas.expiry_unix(),
                    "version": sas.version(),
                    "permissions": sas.permissions(),
                    "hasSignature": sas.has_signature(),
                    "requestVersion": sas.request_version(),
                    "redacted": sas.to_string(),
                    "sentQuery": sent.split_once('?').map_or("", |(_, q)| q),
                },
                "checkWrite": checks,
            }))
        }
        "errors" => {
            let resp = response_from_json(c.get("response")?, "blobVector/case/response")?;
            let e = match case.get("sasUrl").and_then(Value::as_str) {
                Some(url) => blob::sas_error_from_response(&SasUrl::parse(url)?, &resp, c.i64("now")?),
                None => blob::error_from_response(&resp),
            };
            Ok(json!({ "failure": error_json(&e) }))
        }
        _ => Err(Error::invalid_argument(format!(
            "blobVector/file: `{file}` is not a file of tests/vectors/blob (checksums, block-ids, requests, \
             block-lists, sas, errors)"
        ))),
    }
}

/// A case, with errors naming `blobVector/case/<field>`.
struct Case<'a>(&'a Value);

impl Case<'_> {
    fn get(&self, key: &str) -> Result<&Value> {
        self.0.get(key).ok_or_else(|| self.bad(key, "is required"))
    }

    fn str(&self, key: &str) -> Result<&str> {
        self.get(key)?.as_str().ok_or_else(|| self.bad(key, "must be a string"))
    }

    fn u64(&self, key: &str) -> Result<u64> {
        self.get(key)?.as_u64().ok_or_else(|| self.bad(key, "must be a whole number"))
    }

    fn i64(&self, key: &str) -> Result<i64> {
        self.get(key)?.as_i64().ok_or_else(|| self.bad(key, "must be a whole number"))
    }

    fn bad(&self, key: &str, rule: &str) -> Error {
        Error::invalid_argument(format!("blobVector/case/{key}: {rule}"))
    }

    /// `data` (text) or `dataHex`, repeated `repeat` times.
    fn data(&self) -> Result<Vec<u8>> {
        let one = match (self.0.get("dataHex").and_then(Value::as_str), self.0.get("data").and_then(Value::as_str)) {
            (Some(h), _) => {
                let bytes: Option<Vec<u8>> = (0..h.len() / 2)
                    .map(|i| h.get(2 * i..2 * i + 2).and_then(|p| u8::from_str_radix(p, 16).ok()))
                    .collect();
                bytes.filter(|_| h.len() % 2 == 0).ok_or_else(|| self.bad("dataHex", "must be hex digits"))?
            }
            (None, Some(t)) => t.as_bytes().to_vec(),
            (None, None) => Vec::new(),
        };
        let repeat = self.0.get("repeat").and_then(Value::as_u64).unwrap_or(1);
        if repeat.saturating_mul(one.len() as u64) > 64 << 20 {
            return Err(self.bad("repeat", "makes more than 64 MiB of data"));
        }
        Ok(one.repeat(repeat as usize))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every case of every blob vector file: the answer's plain keys equal the case's; a `failure` has the
    /// code and status the case expects.
    #[test]
    fn the_core_answers_every_blob_vector_as_the_vectors_expect() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/blob");
        let mut checked = 0;
        for file in ["checksums", "block-ids", "requests", "block-lists", "sas", "errors"] {
            let text = std::fs::read_to_string(dir.join(format!("{file}.json"))).unwrap();
            let v: Value = serde_json::from_str(&text).unwrap();
            for case in v["cases"].as_array().unwrap() {
                let name = case["name"].as_str().unwrap();
                let got = blob_vector(file, case).unwrap_or_else(|e| panic!("{file}/{name}: {e}"));
                for (k, answer) in got.as_object().unwrap() {
                    if k == "failure" {
                        assert_eq!(answer["code"], case["expect"]["error"], "{file}/{name}");
                        if let Some(s) = case["expect"].get("status") {
                            assert_eq!(&answer["status"], s, "{file}/{name}");
                        }
                    } else {
                        assert_eq!(answer, &case[k], "{file}/{name}: {k}");
                    }
                }
                checked += 1;
            }
        }
        assert!(checked >= 40, "{checked} cases");
    }
}
