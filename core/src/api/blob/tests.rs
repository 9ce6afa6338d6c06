//! The module's unit tests (SAS, checksums, requests, plan, responses, signer).

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine as _;

use super::*;
use crate::error::ErrorKind;
use crate::http::{HttpResponse, Method};

const URL: &str = "https://acct.blob.core.windows.net/c/sub/file.zip?sv=2019-12-12&ss=b&sr=b&sp=rcw&se=2030-01-01T00%3A00%3A00Z&sig=AbC+dEf%2Fg%3D";

#[test]
fn crc64_is_nvme_little_endian() {
    assert_eq!(crc64(b"123456789"), 0xae8b_1486_0a79_9888);
    let mut c = Crc64::new();
    c.update(b"1234");
    c.update(b"56789");
    assert_eq!(c.finalize(), crc64(b"123456789"));
    assert_eq!(crc64_header(0x0102030405060708), B64.encode([8, 7, 6, 5, 4, 3, 2, 1]));
}

#[test]
fn sas_parse_fix_and_redact() {
    let s = SasUrl::parse(URL).unwrap();
    assert!(s.expose_url().contains("sig=AbC%2BdEf%2Fg%3D"), "{}", s.expose_url());
    assert_eq!(s.version(), Some("2019-12-12"));
    assert_eq!(s.permissions(), Some("rcw"));
    assert_eq!(s.expiry_unix(), Some(1_893_456_000));
    for shown in [format!("{s}"), format!("{s:?}")] {
        assert!(!shown.contains("AbC"), "{shown}");
    }
    assert!(s.check_write(1_700_000_000).is_ok());
    assert_eq!(s.check_write(1_893_456_000).unwrap_err().kind(), ErrorKind::SasExpired);
    let ro = SasUrl::parse(&URL.replace("sp=rcw", "sp=r")).unwrap();
    let e = ro.check_write(0).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::SasPermission);
    assert!(!format!("{e} {e:?}").contains("AbC"));
    assert!(SasUrl::parse("ftp://x/y").is_err());
    assert!(SasUrl::parse("https://x/y?se=notadate").is_err());
    let r = put_block(&s, s.request_version(), &block_id(0, 1), b"data");
    assert!(!format!("{r:?}").contains("AbC"));
    assert_eq!(r.header("x-ms-version"), Some("2019-12-12"));
    assert!(r.header("x-ms-content-crc64").is_some());
}

#[test]
fn iso8601_forms() {
    assert_eq!(parse_iso8601("2030-01-01"), Some(1_893_456_000));
    assert_eq!(parse_iso8601("2030-01-01T00:00Z"), Some(1_893_456_000));
    assert_eq!(parse_iso8601("2030-01-01T01:00:00.1234567+01:00"), Some(1_893_456_000));
    assert_eq!(parse_iso8601("1970-01-01T00:00:10Z"), Some(10));
    assert_eq!(format_iso8601(1_893_456_000), "2030-01-01T00:00:00Z");
    assert_eq!(parse_iso8601(&format_iso8601(1_234_567_890)), Some(1_234_567_890));
    assert_eq!(parse_iso8601("2030-13-01"), None);
}

#[test]
fn asset_requests_take_the_service_headers() {
    let s = SasUrl::parse(URL).unwrap();
    let headers = vec![
        ("x-ms-blob-type".to_string(), String::new()),
        ("Content-MD5".to_string(), String::new()),
        ("x-ms-meta-asset".to_string(), "screenshot-1".to_string()),
        ("X-Unknown-Computed".to_string(), String::new()),
    ];
    let r = put_asset_request(&s, "2019-12-12", b"png bytes", Some(content_type_for("Shot.PNG")), &headers);
    assert_eq!(r.header("x-ms-blob-type"), Some("BlockBlob"));
    assert_eq!(r.header("Content-MD5"), Some(content_md5(b"png bytes").as_str()));
    assert_eq!(r.header("Content-Type"), Some("image/png"));
    assert_eq!(r.header("x-ms-meta-asset"), Some("screenshot-1"));
    assert_eq!(r.header("X-Unknown-Computed"), None);
    assert!(r.body.is_empty());
    assert_eq!(content_type_for("a.jpeg"), "image/jpeg");
    assert_eq!(content_type_for("noext"), "application/octet-stream");
    let b = put_blob(&s, "2019-12-12", b"x".to_vec(), None);
    assert_eq!((b.body.as_slice(), b.header("Content-Type")), (&b"x"[..], None));
}

#[test]
fn block_ids_are_fixed_length() {
    let a = block_id(0, 0);
    let b = block_id(49_999, u64::MAX);
    assert_eq!(a.len(), 32);
    assert_eq!(b.len(), 32);
}

#[test]
fn plan_sizes_and_checksums() {
    let p = UploadPlan::new(1 << 30, "2021-12-02", 0, DEFAULT_SINGLE_PUT_MAX).unwrap();
    assert_eq!((p.block_size, p.block_count(), p.single_put), (4 << 20, 256, false));
    assert_eq!(p.block_range(255), (255 * (4 << 20), 4 << 20));
    let big = UploadPlan::new(1 << 40, "2021-12-02", 0, 0).unwrap();
    assert!(big.block_count() <= MAX_BLOCKS);
    assert_eq!(big.block_size % (1 << 20), 0);
    let old = UploadPlan::new(100 << 20, "2015-04-05", 0, 0).unwrap();
    assert_eq!(old.block_size, 4 << 20);
    assert!(UploadPlan::new(300 << 30, "2015-04-05", 0, 0).is_err());
    assert!(UploadPlan::new(1000, "2021-12-02", 0, DEFAULT_SINGLE_PUT_MAX).unwrap().single_put);
    assert!(matches!(BlockChecksum::compute("2015-04-05", b"x"), BlockChecksum::Md5(_)));
    assert!(matches!(BlockChecksum::compute("2019-02-02", b"x"), BlockChecksum::Crc64(_)));
}

#[test]
fn block_list_and_errors() {
    let xml = "<?xml version=\"1.0\"?><BlockList><CommittedBlocks /><UncommittedBlocks><Block><Name>QUJD</Name><Size>5</Size></Block><Block><Name>REVG</Name><Size>7</Size></Block></UncommittedBlocks></BlockList>";
    let l = parse_block_list(&HttpResponse::new(200, xml)).unwrap();
    assert!(l.committed.is_empty());
    assert_eq!(l.uncommitted, vec![Block { id: "QUJD".into(), size: 5 }, Block { id: "REVG".into(), size: 7 }]);
    let staged = StagedBlocks::from_block_list(&l);
    assert!(staged.contains("QUJD", 5) && !staged.contains("QUJD", 6));
    let both = "<BlockList><CommittedBlocks><Block><Name>WFla</Name><Size>3</Size></Block></CommittedBlocks><UncommittedBlocks><Block><Name>QUJD</Name><Size>5</Size></Block></UncommittedBlocks></BlockList>";
    let staged = StagedBlocks::from_block_list(&parse_block_list(&HttpResponse::new(200, both)).unwrap());
    assert_eq!(staged.len(), 2);
    assert!(staged.contains("WFla", 3) && staged.contains("QUJD", 5));
    assert!(parse_block_list(&HttpResponse::new(404, "")).unwrap().uncommitted.is_empty());
    let err = |status, code: &str, detail: &str| {
        let body = format!("<?xml version=\"1.0\"?><Error><Code>{code}</Code><Message>m\nRequestId:x</Message><AuthenticationErrorDetail>{detail}</AuthenticationErrorDetail></Error>");
        error_from_response(&HttpResponse::new(status, body)).kind()
    };
    assert_eq!(err(400, "Crc64Mismatch", ""), ErrorKind::ChecksumMismatch);
    assert_eq!(err(400, "Md5Mismatch", ""), ErrorKind::ChecksumMismatch);
    assert_eq!(err(403, "AuthorizationPermissionMismatch", ""), ErrorKind::SasPermission);
    assert_eq!(
        err(403, "AuthenticationFailed", "Signed expiry time [x] has to be after signed start time"),
        ErrorKind::SasExpired
    );
    assert_eq!(err(403, "AuthenticationFailed", "Signature did not match"), ErrorKind::Forbidden);
    assert_eq!(err(503, "ServerBusy", ""), ErrorKind::Unavailable);
    let refused = HttpResponse::new(403, "<Error><Code>AuthorizationFailure</Code></Error>");
    let sas = SasUrl::parse(URL).unwrap();
    assert_eq!(sas_error_from_response(&sas, &refused, 1_893_456_000).kind(), ErrorKind::SasExpired);
    assert_eq!(sas_error_from_response(&sas, &refused, 1_893_455_999).kind(), ErrorKind::Forbidden);
    let busy = HttpResponse::new(503, "");
    assert_eq!(sas_error_from_response(&sas, &busy, 1_893_456_000).kind(), ErrorKind::Unavailable);
    let e = error_from_response(&HttpResponse::new(400, "").with_header("x-ms-error-code", "Crc64Mismatch"));
    assert_eq!(e.kind(), ErrorKind::ChecksumMismatch);
    assert_eq!(e.server_errors()[0].code, "Crc64Mismatch");
}

#[test]
fn signer_layouts() {
    let key = DEV_ACCOUNT_KEY;
    let q = sign_blob_sas("devstoreaccount1", key, "c", "dir/b.zip", "rcw", 1_893_456_000, "2021-12-02").unwrap();
    assert!(q.starts_with("sv=2021-12-02&sr=b&sp=rcw&se=2030-01-01T00:00:00Z&sig="), "{q}");
    let q2 = sign_blob_sas("devstoreaccount1", key, "c", "dir/b.zip", "rcw", 1_893_456_000, "2019-12-12").unwrap();
    assert_ne!(q.split("sig=").nth(1), q2.split("sig=").nth(1));
    let url = blob_sas_url(
        "http://127.0.0.1:1/devstoreaccount1/",
        "devstoreaccount1",
        key,
        "c",
        "dir/b.zip",
        "r",
        0,
        "2021-12-02",
    )
    .unwrap();
    assert!(url.starts_with("http://127.0.0.1:1/devstoreaccount1/c/dir/b.zip?sv="));
    assert!(sign_blob_sas("a", "not base64!", "c", "b", "r", 0, "2021-12-02").is_err());
    let a = sign_account_sas("devstoreaccount1", key, "sco", "rwdlac", 1_893_456_000, "2021-12-02").unwrap();
    assert!(a.starts_with("sv=2021-12-02&ss=b&srt=sco&sp=rwdlac&se=2030-01-01T00:00:00Z&sig="), "{a}");
    assert!(sign_account_sas("a", key, "c", "r", 0, "2014-01-01").is_err());
    let a = sign_account_sas("devstoreaccount1", key, "sco", "rwc", 1_893_456_000, "2019-12-12").unwrap();
    assert!(a.starts_with("sv=2019-12-12&ss=b&srt=sco&sp=rwc&se=2030-01-01T00:00:00Z&sig="), "{a}");
    assert!(sign_account_sas("a", key, "c", "c", 0, "1999-01-01").is_err());
    let r = create_container("http://127.0.0.1:1/devstoreaccount1/", "ingestion", &a, "2019-12-12");
    assert_eq!(r.method, Method::Put);
    assert!(r.url.starts_with("http://127.0.0.1:1/devstoreaccount1/ingestion?restype=container&sv=2019-12-12&ss=b"));
    assert!(!format!("{r:?}").contains(a.split("sig=").nth(1).unwrap()));
}
