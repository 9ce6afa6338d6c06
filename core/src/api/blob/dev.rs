//! Minting SAS URLs with an account key (Azurite's development account, tests, the emulator, benchmarks)
//! and the Create Container request an account SAS authorises. The Store mints its own URLs.

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::requests::base_request;
use super::sas::{format_iso8601, is_version};
use super::OLDEST_VERSION;
use crate::api::{encode_path_segment, encode_query_value};
use crate::error::{Error, Result};
use crate::http::{HttpRequest, Method};

/// The development storage account of Azurite (and the old Azure Storage Emulator).
pub const DEV_ACCOUNT: &str = "devstoreaccount1";
/// The development account's key: public and well known (Azurite's README), so tests, benchmarks and the
/// emulator can mint SAS URLs without any secret.
pub const DEV_ACCOUNT_KEY: &str =
    "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

/// Signs a blob service SAS (`sr=b`) with an account key and returns its query string
/// (`sv=…&sr=b&sp=…&se=…&sig=…`), to append to `{endpoint}/{container}/{blob}?`.
///
/// `permissions` is the `sp` value in canonical order (e.g. `r`, `cw`, `racwd`); `expiry_unix` the
/// expiry (`se`) in Unix seconds; `version` the `sv` (≥ 2015-04-05; the string-to-sign follows the
/// version's layout). The emulator and tests use it; the Store mints its own.
///
/// # Errors
/// `invalid_argument` when the key is not base64 or the version is unknown.
pub fn sign_blob_sas(
    account: &str,
    key_base64: &str,
    container: &str,
    blob: &str,
    permissions: &str,
    expiry_unix: i64,
    version: &str,
) -> Result<String> {
    check_sas_version(version)?;
    let se = format_iso8601(expiry_unix);
    let resource = format!("/blob/{account}/{container}/{blob}");
    // sp, st, se, canonicalizedResource, si, sip, spr, sv, [sr, snapshot, [ses]], rscc, rscd, rsce, rscl, rsct
    let mut fields: Vec<&str> = vec![permissions, "", &se, &resource, "", "", "", version];
    if version >= "2018-11-09" {
        fields.extend(["b", ""]);
        if version >= "2020-12-06" {
            fields.push("");
        }
    }
    fields.extend(["", "", "", "", ""]);
    let sig = hmac_base64(key_base64, &fields.join("\n"))?;
    Ok(format!(
        "sv={}&sr=b&sp={}&se={}&sig={}",
        encode_query_value(version),
        encode_query_value(permissions),
        encode_query_value(&se),
        encode_query_value(&sig)
    ))
}

/// Signs an account SAS for the blob service (`ss=b`) and returns its query string
/// (`sv=…&ss=b&srt=…&sp=…&se=…&sig=…`). Needed where a service SAS cannot go: creating a container
/// (`srt=c`). Tests, benchmarks and the emulator use it against Azurite; the Store mints its own URLs.
///
/// `resource_types` is `srt` (`s`, `c`, `o` in that order, e.g. `sco`); `permissions` is `sp` in
/// canonical order (e.g. `rwdlac`).
///
/// # Errors
/// `invalid_argument` when the key is not base64 or the version is unknown.
pub fn sign_account_sas(
    account: &str,
    key_base64: &str,
    resource_types: &str,
    permissions: &str,
    expiry_unix: i64,
    version: &str,
) -> Result<String> {
    check_sas_version(version)?;
    let se = format_iso8601(expiry_unix);
    // account, sp, ss, srt, st, se, sip, spr, sv, [ses], then a final newline
    let mut fields: Vec<&str> = vec![account, permissions, "b", resource_types, "", &se, "", "", version];
    if version >= "2020-12-06" {
        fields.push("");
    }
    fields.push("");
    let sig = hmac_base64(key_base64, &fields.join("\n"))?;
    Ok(format!(
        "sv={}&ss=b&srt={}&sp={}&se={}&sig={}",
        encode_query_value(version),
        encode_query_value(resource_types),
        encode_query_value(permissions),
        encode_query_value(&se),
        encode_query_value(&sig)
    ))
}

fn check_sas_version(version: &str) -> Result<()> {
    if !is_version(version) || version < OLDEST_VERSION {
        return Err(Error::invalid_argument(format!("SAS version `{version}` is not supported (≥ {OLDEST_VERSION})")));
    }
    Ok(())
}

fn hmac_base64(key_base64: &str, to_sign: &str) -> Result<String> {
    let key = B64.decode(key_base64.trim()).map_err(|_| Error::invalid_argument("account key is not base64"))?;
    let mut mac = Hmac::<Sha256>::new_from_slice(&key).map_err(|_| Error::invalid_argument("bad account key"))?;
    mac.update(to_sign.as_bytes());
    Ok(B64.encode(mac.finalize().into_bytes()))
}

/// A full service-SAS URL: `{account_url}/{container}/{blob}?{sign_blob_sas(..)}` where `account_url`
/// is e.g. `https://{account}.blob.core.windows.net` or Azurite's `http://127.0.0.1:10000/devstoreaccount1`.
/// The blob name's `/` separators are kept; other characters are escaped.
///
/// # Errors
/// As [`sign_blob_sas`].
#[allow(clippy::too_many_arguments)]
pub fn blob_sas_url(
    account_url: &str,
    account: &str,
    key_base64: &str,
    container: &str,
    blob: &str,
    permissions: &str,
    expiry_unix: i64,
    version: &str,
) -> Result<String> {
    let q = sign_blob_sas(account, key_base64, container, blob, permissions, expiry_unix, version)?;
    let path: Vec<String> = blob.split('/').map(encode_path_segment).collect();
    Ok(format!("{}/{}/{}?{q}", account_url.trim_end_matches('/'), encode_path_segment(container), path.join("/")))
}

/// Create Container (`PUT {account_url}/{container}?restype=container&{sas}`), authorised by an account
/// SAS query from [`sign_account_sas`] (`srt` with `c`, `sp` with `c`). A `409 ContainerAlreadyExists`
/// answer means the container is there already.
pub fn create_container(account_url: &str, container: &str, account_sas: &str, version: &str) -> HttpRequest {
    let url = format!(
        "{}/{}?restype=container&{}",
        account_url.trim_end_matches('/'),
        encode_path_segment(container),
        account_sas.trim_start_matches('?')
    );
    base_request(Method::Put, url, version)
}
