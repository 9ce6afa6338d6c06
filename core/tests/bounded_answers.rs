//! Answers larger than a request accepts (issue 24, "Unbounded answers"): a declared
//! `Content-Length: 10000000000` aborted the CLI and killed Node's process; a body streamed without end
//! grew without bound. The bundled transport refuses both with `response_too_large`, having read at
//! most the request's limit.
#![cfg(feature = "reqwest")]

use std::io::{Read, Write};
use std::net::TcpListener;

use storesubmit::http::{HttpRequest, Method};
use storesubmit::ErrorKind;

/// A one-shot server that answers the first request with `head`, then streams `chunk` until the
/// client hangs up; its address.
fn server(head: &'static str, chunk: &'static [u8]) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        let (mut s, _) = listener.accept().unwrap();
        let mut buf = [0u8; 4096];
        let _ = s.read(&mut buf);
        if s.write_all(head.as_bytes()).is_err() {
            return;
        }
        while s.write_all(chunk).is_ok() {}
    });
    format!("http://{addr}/v1.0/my/applications")
}

fn send(url: String, max: u64) -> storesubmit::Error {
    let rt = storesubmit::host::runtime().unwrap();
    let mut req = HttpRequest::new(Method::Get, url);
    req.max_response_bytes = max;
    rt.block_on(storesubmit::host::send(&reqwest::Client::new(), req)).unwrap_err()
}

#[test]
fn a_declared_length_over_the_limit_is_refused_before_reading() {
    let url = server("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 10000000000\r\n\r\n", b"{}");
    let e = send(url, storesubmit::data::limits::RESPONSE_API_MAX_BYTES);
    assert_eq!(e.kind(), ErrorKind::ResponseTooLarge, "{e}");
    assert!(e.to_string().contains("10000000000"), "{e}");
}

#[test]
fn a_stream_without_end_is_cut_at_the_limit() {
    static CHUNK: [u8; 65536] = [b' '; 65536];
    let url = server("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n", &CHUNK);
    let e = send(url, 4 << 20);
    assert_eq!(e.kind(), ErrorKind::ResponseTooLarge, "{e}");
    assert_eq!(e.code(), "response_too_large");
}

#[test]
fn each_kind_of_request_carries_its_limit() {
    use storesubmit::data::limits::{RESPONSE_API_MAX_BYTES, RESPONSE_BLOB_MAX_BYTES, RESPONSE_TOKEN_MAX_BYTES};
    assert_eq!(HttpRequest::new(Method::Get, "https://x").max_response_bytes, RESPONSE_API_MAX_BYTES);
    let creds = storesubmit::api::auth::ClientCredentials::new("tenant", "client", "s");
    let token = storesubmit::api::auth::token_request(
        &storesubmit::api::Endpoints::production(),
        &creds,
        storesubmit::model::Family::Devcenter,
        storesubmit::api::auth::TokenVersion::V2,
    );
    assert_eq!(token.map(|r| r.max_response_bytes).ok(), Some(RESPONSE_TOKEN_MAX_BYTES));
    let sas = storesubmit::api::blob::SasUrl::parse(
        "https://acct.blob.core.windows.net/c/b?sv=2019-12-12&se=2099-01-01T00:00:00Z&sp=rw&sig=abc",
    )
    .unwrap();
    let put = storesubmit::api::blob::put_blob(&sas, "2019-12-12", vec![1, 2, 3], None);
    assert_eq!(put.max_response_bytes, RESPONSE_BLOB_MAX_BYTES);
}
