//! The token service (v1 and v2, AAD error bodies, configurable lifetime, expired and unknown tokens) and
//! the blob store (Put Blob, Put Block, Put Block List, Get Block List, Get Blob; SAS signature, expiry
//! and permission; CRC-64 and MD5), driven with the core's `api::auth` and `api::blob`, and the core's
//! bundled uploader against the emulator.

mod common;

use bytes::Bytes;
use common::{body, Emu};
use serde_json::json;
use storesubmit::api::auth::{self, ClientCredentials, TokenVersion};
use storesubmit::api::blob::{self, SasUrl};
use storesubmit::api::devcenter as dc;
use storesubmit::api::{self, Family};
use storesubmit::{ErrorKind, HttpRequest, Method};
use storesubmit_emulator::{ClientConfig, Config};

#[tokio::test]
async fn v1_and_v2_tokens_work_for_their_resource() {
    let emu = Emu::start();
    let ep = emu.ep.clone();
    let creds = emu.creds();
    // v1: resource=, string expires_in, expires_on, resource echoed.
    let r = emu.send(&auth::token_request(&ep, &creds, Family::Devcenter, TokenVersion::V1).unwrap()).await;
    assert_eq!(r.status, 200);
    let b = body(&r);
    common::assert_keys(
        &b,
        &["access_token", "expires_in", "expires_on", "ext_expires_in", "not_before", "resource", "token_type"],
    );
    assert_eq!(b["expires_in"], "1000000");
    assert_eq!(b["resource"], auth::DEVCENTER_RESOURCE);
    assert_eq!(b["token_type"], "Bearer");
    let t1 = auth::parse_token_response(&r, common::now_secs()).unwrap();
    assert_eq!(t1.lifetime(), 1_000_000);
    let mut req = dc::get_app(&ep, &emu.info.app_id).unwrap();
    req.authorize(&t1.token);
    assert_eq!(emu.send(&req).await.status, 200);
    // v2: scope=…/.default, numeric expires_in.
    let r = emu.send(&auth::token_request(&ep, &creds, Family::Ingestion, TokenVersion::V2).unwrap()).await;
    let b = body(&r);
    common::assert_keys(&b, &["access_token", "expires_in", "ext_expires_in", "token_type"]);
    assert_eq!(b["expires_in"], 1_000_000);
    let t2 = auth::parse_token_response(&r, common::now_secs()).unwrap();
    let mut req = api::ingestion::Ingestion::new(&ep).list_products(None).unwrap();
    req.authorize(&t2.token);
    assert_eq!(emu.send(&req).await.status, 200);
    // The ingestion token is refused by devcenter (audience).
    let mut req = dc::get_app(&ep, &emu.info.app_id).unwrap();
    req.authorize(&t2.token);
    let r = emu.send(&req).await;
    assert_eq!(r.status, 401);
    assert_eq!(storesubmit::Error::from_response(&r).kind(), ErrorKind::Auth);
    // The generic builder (shared request vectors) builds the same token requests.
    let v = api::build(&ep, "token.v2", &json!({"tenantId": emu.info.tenant_id, "clientId": emu.info.client_id, "clientSecret": emu.info.client_secret, "scope": auth::scope_for(Family::Win32)})).unwrap();
    assert_eq!(emu.send(&v).await.status, 200);
    emu.assert_family_covered(Family::Token).await;
}

#[tokio::test]
async fn token_errors_are_aad_shaped_and_never_echo_the_secret() {
    let emu = Emu::start();
    let ep = emu.ep.clone();
    let wrong = ClientCredentials::new(emu.info.tenant_id.clone(), emu.info.client_id.clone(), "not-the-secret-xyz");
    for v in [TokenVersion::V1, TokenVersion::V2] {
        let r = emu.send(&auth::token_request(&ep, &wrong, Family::Win32, v).unwrap()).await;
        assert_eq!(r.status, 401);
        let b = body(&r);
        common::assert_keys(
            &b,
            &["correlation_id", "error", "error_codes", "error_description", "timestamp", "trace_id"],
        );
        assert_eq!(b["error"], "invalid_client");
        assert_eq!(b["error_codes"], json!([7000215]));
        assert!(b["error_description"].as_str().unwrap().starts_with("AADSTS7000215: Invalid client secret provided."));
        assert!(!String::from_utf8_lossy(&r.body).contains("not-the-secret-xyz"));
        let e = auth::parse_token_response(&r, 0).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Auth);
        assert!(!format!("{e} {e:?}").contains("not-the-secret-xyz"));
    }
    let unknown_client =
        ClientCredentials::new(emu.info.tenant_id.clone(), "11111111-2222-3333-4444-555555555555", "x");
    let r = emu.send(&auth::token_request(&ep, &unknown_client, Family::Win32, TokenVersion::V2).unwrap()).await;
    assert_eq!((r.status, body(&r)["error"].as_str()), (400, Some("unauthorized_client")));
    assert_eq!(auth::parse_token_response(&r, 0).unwrap_err().kind(), ErrorKind::Auth);
    let unknown_tenant =
        ClientCredentials::new("contoso.onmicrosoft.com", emu.info.client_id.clone(), emu.info.client_secret.clone());
    let r = emu.send(&auth::token_request(&ep, &unknown_tenant, Family::Win32, TokenVersion::V2).unwrap()).await;
    assert_eq!((r.status, body(&r)["error_codes"][0].as_u64()), (400, Some(90002)));
    let bad_scope = api::build(&ep, "token.v2", &json!({"tenantId": emu.info.tenant_id, "clientId": emu.info.client_id, "clientSecret": emu.info.client_secret, "scope": auth::WIN32_RESOURCE})).unwrap();
    let r = emu.send(&bad_scope).await;
    assert_eq!((r.status, body(&r)["error"].as_str()), (400, Some("invalid_scope")));
    let bad_resource = api::build(&ep, "token.v1", &json!({"tenantId": emu.info.tenant_id, "clientId": emu.info.client_id, "clientSecret": emu.info.client_secret, "resource": "https://graph.microsoft.com"})).unwrap();
    assert_eq!(body(&emu.send(&bad_resource).await)["error"], "invalid_resource");
}

#[tokio::test]
async fn lifetime_in_seconds_expiry_and_unknown_tokens() {
    let cfg = Config {
        token_lifetime_secs: 5,
        clients: vec![
            ClientConfig::default(),
            ClientConfig { tenant_id: "t2".into(), client_id: "c2".into(), client_secret: "s2".into() },
        ],
        ..common::config()
    };
    let emu = Emu::with(cfg);
    let ep = emu.ep.clone();
    let r = emu.send(&auth::token_request(&ep, &emu.creds(), Family::Devcenter, TokenVersion::V2).unwrap()).await;
    assert_eq!(body(&r)["expires_in"], 5);
    let tok = auth::parse_token_response(&r, common::now_secs()).unwrap();
    assert!(tok.needs_refresh(common::now_secs() + 3), "the core refreshes short-lived tokens at half-life");
    let mut req = dc::get_app(&ep, &emu.info.app_id).unwrap();
    req.authorize(&tok.token);
    assert_eq!(emu.send(&req).await.status, 200);
    emu.advance(5.0);
    let r = emu.send(&req).await;
    assert_eq!(r.status, 401);
    assert_eq!(body(&r)["code"], "Unauthorized");
    assert!(body(&r)["message"].as_str().unwrap().contains("expired"));
    assert!(r.header("WWW-Authenticate").unwrap().contains("invalid_token"));
    assert_eq!(storesubmit::Error::from_response(&r).kind(), ErrorKind::Auth);
    req.authorize(&storesubmit::Secret::new("emu.not.a.token"));
    let r = emu.send(&req).await;
    assert_eq!((r.status, body(&r)["message"].as_str()), (401, Some("The access token is invalid.")));
    // The second configured client works in its tenant.
    let c2 = ClientCredentials::new("t2", "c2", "s2");
    let r = emu.send(&auth::token_request(&ep, &c2, Family::Devcenter, TokenVersion::V1).unwrap()).await;
    assert_eq!(r.status, 200);
    // Admin: expire every token now.
    let fresh = emu.new_token(Family::Devcenter).await;
    req.authorize(&fresh);
    assert_eq!(emu.send(&req).await.status, 200);
    let (s, b) = emu.admin(Method::Post, "/tokens/expire", None).await;
    assert_eq!(s, 200);
    assert!(b["expired"].as_u64().unwrap() >= 2);
    assert_eq!(emu.send(&req).await.status, 401);
}

/// A fresh upload URL from a new devcenter submission.
async fn upload_url(emu: &Emu) -> String {
    let r = emu.call(Family::Devcenter, dc::create_app_submission(&emu.ep, &emu.info.app_id).unwrap()).await;
    body(&r)["fileUploadUrl"].as_str().unwrap().to_string()
}

fn read_url(emu: &Emu, url: &str) -> HttpRequest {
    let _ = emu;
    HttpRequest::new(Method::Get, url.to_string())
}

#[tokio::test]
async fn blob_operations_checksums_and_sas_checks() {
    let emu = Emu::start();
    let url = upload_url(&emu).await;
    let sas = SasUrl::parse(&url).unwrap();
    let v = sas.request_version().to_string();
    assert_eq!(v, blob::DEFAULT_VERSION);

    // Put Blob, Get Blob, Get Blob Properties.
    let data = b"hello, store".to_vec();
    let r = emu.send(&blob::put_blob(&sas, &v, data.clone(), Some("application/zip"))).await;
    assert_eq!(r.status, 201);
    assert_eq!(r.header("Content-MD5"), Some(blob::content_md5(&data).as_str()));
    assert!(r.header("ETag").is_some() && r.header("x-ms-request-id").is_some());
    let r = emu.send(&read_url(&emu, &url)).await;
    assert_eq!((r.status, r.body.clone()), (200, data.clone()));
    assert_eq!(r.header("Content-Type"), Some("application/zip"));
    let r = emu.send(&HttpRequest::new(Method::Head, url.clone())).await;
    assert_eq!((r.status, r.body.len()), (200, 0));
    assert_eq!(r.header("Content-Length"), Some(data.len().to_string().as_str()));

    // Blocks: stage, list uncommitted, commit, list committed, read back.
    let parts: Vec<&[u8]> = vec![b"first block ", b"second block ", b"third"];
    let ids: Vec<String> = parts.iter().enumerate().map(|(i, p)| blob::block_id(i as u32, blob::crc64(p))).collect();
    for (id, p) in ids.iter().zip(&parts).take(2) {
        let r = emu.send(&blob::put_block(&sas, &v, id, p)).await;
        blob::check_response(&r).unwrap();
        assert_eq!(r.header("x-ms-content-crc64"), Some(blob::crc64_header(blob::crc64(p)).as_str()));
    }
    let r = emu.send(&blob::get_block_list(&sas, &v)).await;
    let list = blob::parse_block_list(&r).unwrap();
    assert_eq!(list.uncommitted.len(), 2);
    let staged = blob::StagedBlocks::from_block_list(&list);
    assert!(staged.contains(&ids[0], parts[0].len() as u64) && !staged.contains(&ids[2], parts[2].len() as u64));
    let r = emu.send(&blob::put_block(&sas, &v, &ids[2], parts[2])).await;
    blob::check_response(&r).unwrap();
    let r = emu.send(&blob::put_block_list(&sas, &v, &ids, Some("application/zip"))).await;
    assert_eq!(r.status, 201, "{}", String::from_utf8_lossy(&r.body));
    let list = blob::parse_block_list(&emu.send(&blob::get_block_list(&sas, &v)).await).unwrap();
    assert_eq!(list.committed.len(), 3);
    assert!(list.uncommitted.is_empty());
    assert_eq!(emu.send(&read_url(&emu, &url)).await.body, parts.concat());
    let unknown = vec![blob::block_id(9, 9)];
    let r = emu.send(&blob::put_block_list(&sas, &v, &unknown, None)).await;
    assert_eq!((r.status, r.header("x-ms-error-code")), (400, Some("InvalidBlockList")));

    // Transactional checksums: a wrong CRC-64 or MD5 is refused (checksum_mismatch).
    let mut bad = blob::put_block(&sas, &v, &ids[0], parts[0]);
    bad.set_header("x-ms-content-crc64", blob::crc64_header(1));
    let r = emu.send(&bad).await;
    assert_eq!((r.status, r.header("x-ms-error-code")), (400, Some("Crc64Mismatch")));
    assert_eq!(blob::error_from_response(&r).kind(), ErrorKind::ChecksumMismatch);
    let mut bad = blob::put_blob(&sas, &v, data.clone(), None);
    bad.set_header("Content-MD5", blob::content_md5(b"other"));
    let r = emu.send(&bad).await;
    assert_eq!(blob::error_from_response(&r).kind(), ErrorKind::ChecksumMismatch);
    assert_eq!(r.header("x-ms-error-code"), Some("Md5Mismatch"));

    // SAS: a changed signature, a widened permission, another blob's signature: 403.
    let tampered = url.replace("sig=", "sig=AAAA");
    let r = emu.send(&blob::put_blob(&SasUrl::parse(&tampered).unwrap(), &v, data.clone(), None)).await;
    assert_eq!((r.status, r.header("x-ms-error-code")), (403, Some("AuthenticationFailed")));
    assert_eq!(blob::error_from_response(&r).kind(), ErrorKind::Forbidden);
    let widened = url.replace("sp=rwl", "sp=racwdl");
    assert_eq!(emu.send(&blob::put_blob(&SasUrl::parse(&widened).unwrap(), &v, data.clone(), None)).await.status, 403);
    let other = upload_url_for_addon(&emu).await;
    let (other_base, _) = other.split_once('?').unwrap();
    let (_, query) = url.split_once('?').unwrap();
    let swapped = format!("{other_base}?{query}");
    assert_eq!(emu.send(&blob::put_blob(&SasUrl::parse(&swapped).unwrap(), &v, data.clone(), None)).await.status, 403);
    let no_sig = url.split("&sig=").next().unwrap().to_string();
    assert_eq!(emu.send(&HttpRequest::new(Method::Get, no_sig)).await.status, 403);
}

async fn upload_url_for_addon(emu: &Emu) -> String {
    let r = emu.call(Family::Devcenter, dc::create_addon_submission(&emu.ep, &emu.info.addon_id).unwrap()).await;
    body(&r)["fileUploadUrl"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn sas_expiry_and_permission() {
    let cfg = Config { sas_lifetime_secs: 60, ..common::config() };
    let emu = Emu::with(cfg);
    let url = upload_url(&emu).await;
    let sas = SasUrl::parse(&url).unwrap();
    let v = sas.request_version().to_string();
    let r = emu.send(&blob::put_blob(&sas, &v, b"x".to_vec(), None)).await;
    assert_eq!(r.status, 201);
    // Read-only asset URL (win32 assetUrl) cannot write: sas_permission.
    let pid = emu.info.win32_product_id.clone();
    let api = api::win32::Win32::new(&emu.ep, emu.info.seller_id.clone()).unwrap();
    let create = serde_json::from_value(json!({"language": "en-us", "createAssetRequest": {"Logo": 1}})).unwrap();
    let r = emu.call(Family::Win32, api.create_listing_assets(&pid, &create).unwrap()).await;
    let slot = body(&r)["responseData"]["listingAssets"]["storeLogos"][0].clone();
    let slot_sas = SasUrl::parse(slot["primaryAssetUploadUrl"].as_str().unwrap()).unwrap();
    assert_eq!(emu.send(&blob::put_blob(&slot_sas, &v, b"png".to_vec(), None)).await.status, 201);
    let r = emu.send(&HttpRequest::new(Method::Get, slot_sas.expose_url())).await;
    assert_eq!(
        (r.status, r.header("x-ms-error-code")),
        (403, Some("AuthorizationPermissionMismatch")),
        "cw cannot read"
    );
    assert_eq!(blob::error_from_response(&r).kind(), ErrorKind::SasPermission);
    // Past `se` on the emulated clock: sas_expired.
    emu.advance(61.0);
    let r = emu.send(&blob::put_blob(&sas, &v, b"x".to_vec(), None)).await;
    assert_eq!(r.status, 403);
    assert!(String::from_utf8_lossy(&r.body).contains("Signed expiry time"));
    assert_eq!(blob::error_from_response(&r).kind(), ErrorKind::SasExpired);
}

#[tokio::test]
async fn the_core_uploader_writes_blocks_to_the_emulator() {
    use storesubmit::transport::{BlobUploader, UploadOptions};
    let emu = Emu::start();
    let url = upload_url(&emu).await;
    let sas = SasUrl::parse(&url).unwrap();
    let data: Vec<u8> = (0..(5u32 << 20) + 123).map(|i| (i % 251) as u8).collect();
    let up =
        BlobUploader::new(UploadOptions { block_size: 1 << 20, single_put_max: 1 << 20, ..UploadOptions::default() })
            .unwrap();
    let report = up.upload_bytes(&sas, Bytes::from(data.clone())).await.unwrap();
    assert_eq!((report.blocks, report.blocks_sent, report.single_put), (6, 6, false));
    assert_eq!(emu.send(&read_url(&emu, &url)).await.body, data);
    // A small upload is one Put Blob and replaces the content.
    let small = BlobUploader::new(UploadOptions::default()).unwrap();
    let report = small.upload_bytes(&sas, Bytes::from_static(b"tiny")).await.unwrap();
    assert!(report.single_put);
    assert_eq!(emu.send(&read_url(&emu, &url)).await.body, b"tiny");
}
