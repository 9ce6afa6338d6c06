//! Runs the shared blob vectors in `tests/vectors/blob/*.json` (every binding runs the same files; the
//! format is in `tests/vectors/blob/README.md`): CRC-64 and Content-MD5, block ids, the block blob
//! requests, Get Block List responses, SAS parsing and the write check, and blob error mapping.
//! Failure messages show URLs redacted only: a vector's `sig` values are fake, but the runner treats
//! them as secrets anyway.

#[path = "shared/vectors.rs"]
mod vectors;

use serde_json::{json, Value};
use storesubmit::api::blob::{self, BlockChecksum, SasUrl};
use storesubmit::secret::redact_url;
use storesubmit::HttpRequest;
use vectors::{check_error, load_cases, response_of};

/// The cases of one file of the folder.
fn cases(file: &str) -> Vec<Value> {
    let all: Vec<Value> = load_cases("blob").into_iter().filter(|(f, _)| f == file).map(|(_, c)| c).collect();
    assert!(!all.is_empty(), "no cases in tests/vectors/blob/{file}");
    all
}

fn name(case: &Value) -> &str {
    case["name"].as_str().expect("case name")
}

fn data_of(case: &Value) -> Vec<u8> {
    let one = match (case.get("dataHex"), case.get("data")) {
        (Some(h), _) => {
            let h = h.as_str().unwrap();
            (0..h.len()).step_by(2).map(|i| u8::from_str_radix(&h[i..i + 2], 16).unwrap()).collect()
        }
        (None, Some(t)) => t.as_str().unwrap().as_bytes().to_vec(),
        (None, None) => Vec::new(),
    };
    one.repeat(case.get("repeat").and_then(Value::as_u64).unwrap_or(1) as usize)
}

fn hex_u64(v: &Value) -> u64 {
    u64::from_str_radix(v.as_str().expect("hex string"), 16).expect("16 hex digits")
}

/// Collects the failures of a file's cases and fails once, listing them all.
fn run(file: &str, min: usize, check: impl Fn(&Value) -> Result<(), String>) {
    let cases = cases(file);
    assert!(cases.len() >= min, "{file}: only {} cases", cases.len());
    let failures: Vec<String> =
        cases.iter().filter_map(|c| check(c).err().map(|why| format!("{}: {why}", name(c)))).collect();
    assert!(failures.is_empty(), "{file}: {} of {} failed:\n{}", failures.len(), cases.len(), failures.join("\n"));
}

fn same<T: PartialEq + std::fmt::Debug>(what: &str, got: T, want: T) -> Result<(), String> {
    if got == want {
        Ok(())
    } else {
        Err(format!("{what}: {got:?} != {want:?}"))
    }
}

#[test]
fn checksums() {
    run("checksums.json", 5, |c| {
        let data = data_of(c);
        let exp = &c["expect"];
        same("length", data.len() as u64, exp["length"].as_u64().unwrap())?;
        let crc = blob::crc64(&data);
        same("crc64", crc, hex_u64(&exp["crc64"]))?;
        let mut incremental = blob::Crc64::new();
        for chunk in data.chunks(1000) {
            incremental.update(chunk);
        }
        same("incremental crc64", incremental.finalize(), crc)?;
        same("crc64 header", blob::crc64_header(crc).as_str(), exp["crc64Header"].as_str().unwrap())?;
        same("Content-MD5", blob::content_md5(&data).as_str(), exp["contentMd5"].as_str().unwrap())?;
        for (version, header) in exp["checksumHeader"].as_object().unwrap() {
            let (n, v) = BlockChecksum::compute(version, &data).header();
            same(&format!("checksum header for {version}"), json!([n, v]), header.clone())?;
        }
        Ok(())
    });
}

#[test]
fn block_ids() {
    run("block-ids.json", 4, |c| {
        let id = blob::block_id(c["index"].as_u64().unwrap() as u32, hex_u64(&c["crc64"]));
        same("id", id.as_str(), c["expect"]["id"].as_str().unwrap())?;
        same("id length", id.len(), 32)
    });
}

fn request_of(c: &Value) -> Result<HttpRequest, String> {
    let sas = SasUrl::parse(c["url"].as_str().unwrap()).map_err(|e| e.to_string())?;
    let version = c["version"].as_str().unwrap();
    let content_type = c.get("contentType").and_then(Value::as_str);
    Ok(match c["request"].as_str().unwrap() {
        "put_block" => blob::put_block(&sas, version, c["blockId"].as_str().unwrap(), &data_of(c)),
        "put_block_list" => {
            let ids: Vec<String> =
                c["ids"].as_array().unwrap().iter().map(|i| i.as_str().unwrap().to_string()).collect();
            blob::put_block_list(&sas, version, &ids, content_type)
        }
        "get_block_list" => blob::get_block_list(&sas, version),
        "put_blob" => blob::put_blob(&sas, version, data_of(c), content_type),
        other => return Err(format!("unknown request kind {other}")),
    })
}

#[test]
fn requests() {
    run("requests.json", 6, |c| {
        let req = request_of(c)?;
        let exp = &c["expect"];
        same("method", req.method.as_str(), exp["method"].as_str().unwrap())?;
        same("url (redacted)", redact_url(&req.url).as_str(), exp["url"].as_str().unwrap())?;
        let want = exp["headers"].as_object().unwrap();
        same("header count", req.headers.len(), want.len())?;
        for (k, v) in want {
            same(&format!("header {k}"), req.header(k), v.as_str())?;
        }
        same("body", String::from_utf8_lossy(&req.body).as_ref(), exp["body"].as_str().unwrap())
    });
}

#[test]
fn block_lists() {
    run("block-lists.json", 4, |c| {
        let exp = &c["expect"];
        match blob::parse_block_list(&response_of(&c["response"])) {
            Ok(list) => {
                let blocks = |b: &[blob::Block]| -> Value {
                    b.iter().map(|x| json!({"id": x.id, "size": x.size})).collect::<Vec<_>>().into()
                };
                if exp.get("error").is_some() {
                    return Err(format!("expected {}, got a list", exp["error"]));
                }
                same("committed", blocks(&list.committed), exp["committed"].clone())?;
                same("uncommitted", blocks(&list.uncommitted), exp["uncommitted"].clone())
            }
            Err(e) if exp.get("error").is_some() => check_error(&e, exp),
            Err(e) => Err(format!("expected a list, got {e}")),
        }
    });
}

#[test]
fn sas_urls() {
    run("sas.json", 10, |c| {
        let url = c["url"].as_str().unwrap();
        let parsed = SasUrl::parse(url);
        if let Some(code) = c.get("error").and_then(Value::as_str) {
            return match parsed {
                Err(e) => same("error", e.code(), code),
                Ok(_) => Err(format!("expected {code}, parsed")),
            };
        }
        let sas = parsed.map_err(|e| e.to_string())?;
        let exp = &c["expect"];
        same("base", sas.base(), exp["base"].as_str().unwrap())?;
        same("expiry", sas.expiry_unix(), exp["expiryUnix"].as_i64())?;
        same("version", sas.version(), exp["version"].as_str())?;
        same("permissions", sas.permissions(), exp["permissions"].as_str())?;
        same("has signature", sas.has_signature(), exp["hasSignature"].as_bool().unwrap())?;
        same("request version", sas.request_version(), exp["requestVersion"].as_str().unwrap())?;
        same("redacted", sas.to_string().as_str(), exp["redacted"].as_str().unwrap())?;
        let debug = format!("{sas:?}");
        let sent = sas.expose_url();
        let query = sent.split_once('?').map_or("", |(_, q)| q);
        if query != exp["sentQuery"].as_str().unwrap() {
            return Err(format!("the query as sent differs from sentQuery (redacted: {})", redact_url(&sent)));
        }
        if sas.has_signature() && (debug.contains(query) || sas.to_string().contains(query)) {
            return Err("the signature shows in Debug or Display".into());
        }
        for check in c["checkWrite"].as_array().unwrap() {
            let now = check["now"].as_i64().unwrap();
            let got = match sas.check_write(now) {
                Ok(()) => "ok".to_string(),
                Err(e) => e.code().to_string(),
            };
            same(&format!("check_write at {now}"), got.as_str(), check["expect"].as_str().unwrap())?;
        }
        Ok(())
    });
}

#[test]
fn blob_errors() {
    run("errors.json", 15, |c| {
        let resp = response_of(&c["response"]);
        let e = match c.get("sasUrl").and_then(Value::as_str) {
            Some(url) => {
                let sas = SasUrl::parse(url).map_err(|e| e.to_string())?;
                blob::sas_error_from_response(&sas, &resp, c["now"].as_i64().unwrap())
            }
            None => {
                let e = blob::error_from_response(&resp);
                same("check_response agrees", blob::check_response(&resp).err().map(|x| x.code()), Some(e.code()))?;
                e
            }
        };
        check_error(&e, &c["expect"])
    });
}

#[test]
fn the_blob_error_kinds_have_vectors() {
    let covered: std::collections::BTreeSet<String> = load_cases("blob")
        .iter()
        .filter_map(|(_, c)| c["expect"]["error"].as_str().map(str::to_string))
        .chain(cases("sas.json").iter().flat_map(|c| {
            c["checkWrite"].as_array().into_iter().flatten().filter_map(|x| x["expect"].as_str().map(str::to_string))
        }))
        .collect();
    for code in ["checksum_mismatch", "sas_permission", "sas_expired", "forbidden", "not_found", "unavailable"] {
        assert!(covered.contains(code), "no blob vector for {code}");
    }
}
