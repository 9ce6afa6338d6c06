//! The bundled blob uploader against real Azure Blob Storage (Azurite, started per test on a free port
//! with in-memory persistence): single Put Blob, 200 MiB in parallel blocks, per-block retry after a
//! dropped connection, resume that re-sends no block the server already has (staged or committed),
//! typed errors for a corrupted block (`checksum_mismatch`), an expired SAS (`sas_expired`, before any
//! byte is sent) and a read-only SAS (`sas_permission`), zip-while-uploading checked by ZIP readers,
//! and win32 listing assets with the fallback URL. Faults are injected by a TCP proxy in the test.
#![cfg(feature = "reqwest")]

mod support;

use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use sha2::{Digest, Sha256};
use storesubmit::api::blob::{self, BlockChecksum, SasUrl};
use storesubmit::package::PackagePlan;
use storesubmit::policy::retry::RetryPolicy;
use storesubmit::transport::{BlobUploader, UploadOptions};
use storesubmit::ErrorKind;
use support::azurite::{now, Azurite, SAS_VERSION};
use support::data::{self, TempDir};
use support::proxy::{Fault, Proxy};
use support::readers;

const MIB: u64 = 1 << 20;

fn quick_retry(attempts: u32) -> RetryPolicy {
    RetryPolicy {
        max_attempts: attempts,
        base_delay: Duration::from_millis(50),
        max_delay: Duration::from_millis(200),
        ..RetryPolicy::default()
    }
}

fn uploader(f: impl FnOnce(&mut UploadOptions)) -> BlobUploader {
    let mut o =
        UploadOptions { retry: quick_retry(4), request_timeout: Duration::from_secs(60), ..UploadOptions::default() };
    f(&mut o);
    BlobUploader::new(o).unwrap()
}

/// Fails when the SAS signature of `url` (raw or percent-decoded) shows in an error's text or debug form.
fn assert_no_sig(e: &storesubmit::Error, url: &str) {
    let sig = url.split("sig=").nth(1).unwrap().split('&').next().unwrap();
    let decoded = percent_encoding::percent_decode_str(sig).decode_utf8_lossy().into_owned();
    let shown = format!("{e} {e:?}");
    assert!(!shown.contains(sig) && !shown.contains(&decoded), "the signature leaked: {shown}");
}

fn sha(b: &[u8]) -> Vec<u8> {
    Sha256::digest(b).to_vec()
}

fn file_sha(path: &std::path::Path) -> Vec<u8> {
    sha(&std::fs::read(path).unwrap())
}

/// The Put Block requests a proxy forwarded, as block ids (complete bodies only when `complete`).
fn put_blocks(p: &Proxy, complete: bool) -> Vec<String> {
    p.log().iter().filter(|l| !complete || l.complete()).filter_map(|l| l.block_id()).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn single_put_of_a_small_file() {
    let az = Azurite::start();
    az.create_container("uploads").await;
    let dir = TempDir::new("up-single");
    let path = dir.join("small.bin");
    data::write_random_file(&path, 7, 3 * MIB);
    let proxy = Proxy::start(az.port(), Fault::None);
    let sas = SasUrl::parse(&proxy.url(&az.sas("uploads", "small.bin", "rcw", now() + 600), az.port())).unwrap();
    let up = uploader(|o| o.content_type = Some("application/octet-stream".into()));
    let r = up.upload_file(&sas, &path).await.unwrap();
    assert!(r.single_put);
    assert_eq!((r.size, r.blocks, r.bytes_sent), (3 * MIB, 0, 3 * MIB));
    let log = proxy.log();
    assert_eq!(log.len(), 1, "one request: {log:?}");
    assert_eq!((log[0].method.as_str(), log[0].length), ("PUT", 3 * MIB));
    assert!(!log[0].target.contains("comp="), "a Put Blob, not a block: {}", log[0].target);
    let (body, ct) = az.download("uploads", "small.bin").await;
    assert_eq!(sha(&body), file_sha(&path));
    assert_eq!(ct, "application/octet-stream");
    assert!(az.block_list("uploads", "small.bin").await.committed.is_empty(), "a Put Blob has no block list");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hundred_mib_in_parallel_blocks_then_nothing_resent() {
    let az = Azurite::start();
    az.create_container("uploads").await;
    let dir = TempDir::new("up-200");
    let path = dir.join("app.msixupload");
    data::write_random_file(&path, 200, 200 * MIB);
    let proxy = Proxy::start(az.port(), Fault::None);
    let sas =
        SasUrl::parse(&proxy.url(&az.sas("uploads", "big/app.msixupload", "rcw", now() + 3600), az.port())).unwrap();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let s2 = seen.clone();
    let up = uploader(|o| o.progress = Some(Arc::new(move |d, t| s2.lock().unwrap().push((d, t)))));
    let r = up.upload_file(&sas, &path).await.unwrap();
    assert_eq!((r.single_put, r.size, r.blocks, r.blocks_sent, r.blocks_skipped), (false, 200 * MIB, 50, 50, 0));
    assert_eq!((r.bytes_sent, r.retries), (200 * MIB, 0));
    let progress = seen.lock().unwrap().clone();
    assert_eq!(progress.last(), Some(&(200 * MIB, 200 * MIB)));
    assert!(progress.windows(2).all(|w| w[0].0 <= w[1].0), "progress only grows");
    assert!(progress.len() >= 50);

    let list = az.block_list("uploads", "big/app.msixupload").await;
    assert_eq!(list.committed.len(), 50);
    assert!(list.committed.iter().all(|b| b.size == 4 * MIB && b.id.len() == 32));
    assert!(list.uncommitted.is_empty());
    let (body, _) = az.download("uploads", "big/app.msixupload").await;
    assert_eq!(body.len() as u64, 200 * MIB);
    assert_eq!(sha(&body), file_sha(&path));
    // the log: one Get Block List, 50 distinct Put Blocks, one Put Block List
    let ids = put_blocks(&proxy, true);
    assert_eq!(ids.len(), 50);
    assert_eq!(ids.iter().collect::<HashSet<_>>().len(), 50);
    // parallel, but never more than `concurrency` (4) blocks in flight: the memory bound, seen from the wire
    assert!((2..=4).contains(&proxy.max_in_flight()), "{} blocks in flight at once", proxy.max_in_flight());

    // the same upload again (say its commit answer was lost): every block is committed already, so
    // only the block list goes out again
    proxy.clear_log();
    let r = up.upload_file(&sas, &path).await.unwrap();
    assert_eq!((r.blocks, r.blocks_sent, r.blocks_skipped, r.bytes_sent), (50, 0, 50, 0));
    assert!(put_blocks(&proxy, false).is_empty(), "no block re-sent");
    let (body, _) = az.download("uploads", "big/app.msixupload").await;
    assert_eq!(sha(&body), file_sha(&path));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dropped_connection_costs_only_the_blocks_in_flight() {
    let az = Azurite::start();
    az.create_container("uploads").await;
    let dir = TempDir::new("up-cut");
    let path = dir.join("p.msix");
    data::write_random_file(&path, 9, 48 * MIB);
    // every open connection is cut once, mid-block, after 18.5 MiB of block data
    let proxy = Proxy::start(az.port(), Fault::CutOnceAfter(18 * MIB + MIB / 2));
    // a write-only SAS (`sp=cw`, no read): uploads work, without asking for the block list
    let sas = SasUrl::parse(&proxy.url(&az.sas("uploads", "p.msix", "cw", now() + 600), az.port())).unwrap();
    let up = uploader(|_| {});
    let r = up.upload_file(&sas, &path).await.unwrap();
    assert!(proxy.was_cut());
    assert!(
        proxy.log().iter().all(|l| !l.target.contains("comp=blocklist&blocklisttype")),
        "a write-only SAS is not asked for its block list"
    );
    assert!(r.retries >= 1, "{r:?}");
    assert_eq!((r.blocks, r.blocks_sent), (12, 12));
    let all = put_blocks(&proxy, false);
    // blocks answered before the cut went once; only the (at most 4) in flight went again
    assert!(all.len() > 12 && all.len() <= 12 + 4, "{} Put Block requests", all.len());
    assert_eq!(put_blocks(&proxy, true).iter().collect::<HashSet<_>>().len(), 12);
    let (body, _) = az.download("uploads", "p.msix").await;
    assert_eq!(sha(&body), file_sha(&path));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn resume_after_the_connection_dies_sends_only_missing_blocks() {
    let az = Azurite::start();
    az.create_container("uploads").await;
    let dir = TempDir::new("up-resume");
    let path = dir.join("p.msixupload");
    data::write_random_file(&path, 11, 48 * MIB);
    let url = az.sas("uploads", "p.msixupload", "rcw", now() + 600);
    // the link dies after 22.5 MiB of block data and stays dead: the upload fails…
    let dead = Proxy::start(az.port(), Fault::DeadAfter(22 * MIB + MIB / 2));
    let up = uploader(|o| o.retry = quick_retry(2));
    let e = up.upload_file(&SasUrl::parse(&dead.url(&url, az.port())).unwrap(), &path).await.unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::Transport | ErrorKind::Timeout), "{e}");
    assert_no_sig(&e, &url);
    // …leaving some blocks staged (bodies the proxy had passed on before the cut may still be landing:
    // wait until the list is stable)
    let mut staged: HashSet<String> = HashSet::new();
    for _ in 0..40 {
        let now: HashSet<String> =
            az.block_list("uploads", "p.msixupload").await.uncommitted.into_iter().map(|b| b.id).collect();
        if !now.is_empty() && now == staged {
            break;
        }
        staged = now;
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    assert!(!staged.is_empty() && staged.len() < 12, "{} staged", staged.len());

    // a later upload of the same file to the same URL sends exactly the missing blocks
    let healthy = Proxy::start(az.port(), Fault::None);
    let r = up.upload_file(&SasUrl::parse(&healthy.url(&url, az.port())).unwrap(), &path).await.unwrap();
    assert_eq!(r.blocks_skipped as usize, staged.len());
    assert_eq!(r.blocks_sent as usize, 12 - staged.len());
    let sent = put_blocks(&healthy, false);
    assert_eq!(sent.len(), 12 - staged.len());
    assert!(sent.iter().all(|id| !staged.contains(id)), "a staged block was sent again");
    let (body, _) = az.download("uploads", "p.msixupload").await;
    assert_eq!(sha(&body), file_sha(&path));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_corrupted_block_is_a_checksum_mismatch() {
    let az = Azurite::start();
    az.create_container("uploads").await;
    // the sans-IO request with a wrong CRC-64, and with a wrong Content-MD5, straight to Azurite
    let sas = az.write_sas("uploads", "direct");
    let id = blob::block_id(0, 1);
    for checksum in [BlockChecksum::Crc64(blob::crc64(b"other data")), BlockChecksum::Md5([7; 16])] {
        let mut req = blob::put_block_request(&sas, SAS_VERSION, &id, &checksum);
        req.body = b"block data".to_vec();
        let resp = az.send(&req).await;
        let e = blob::error_from_response(&resp);
        assert_eq!((resp.status, e.kind()), (400, ErrorKind::ChecksumMismatch), "{checksum:?}: {e}");
        assert!(e.is_retryable());
    }

    let dir = TempDir::new("up-crc");
    let path = dir.join("p.msix");
    data::write_random_file(&path, 13, 12 * MIB);
    // through a proxy that flips a byte of every block: the uploader gives up with the typed error
    let proxy = Proxy::start(az.port(), Fault::Corrupt(u32::MAX));
    let sas = SasUrl::parse(&proxy.url(&az.sas("uploads", "p.msix", "rcw", now() + 600), az.port())).unwrap();
    let e = uploader(|o| o.retry = quick_retry(2)).upload_file(&sas, &path).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::ChecksumMismatch, "{e}");
    assert_eq!(e.status(), Some(400));
    // a single Put Blob is checked too (Content-MD5)
    let small = dir.join("small.png");
    data::write_random_file(&small, 14, 1000);
    let e = uploader(|o| o.retry = quick_retry(1)).upload_file(&sas, &small).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::ChecksumMismatch, "{e}");

    // one corrupted block is retried alone and the blob ends up intact
    proxy.set_fault(Fault::Corrupt(1));
    proxy.clear_log();
    let r = uploader(|_| {}).upload_file(&sas, &path).await.unwrap();
    assert_eq!((r.blocks, r.retries), (3, 1));
    assert_eq!(put_blocks(&proxy, true).len(), 4);
    let (body, _) = az.download("uploads", "p.msix").await;
    assert_eq!(sha(&body), file_sha(&path));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn expired_and_read_only_sas_fail_before_any_byte_is_sent() {
    let az = Azurite::start();
    az.create_container("uploads").await;
    let dir = TempDir::new("up-sas");
    let path = dir.join("p.msix");
    data::write_random_file(&path, 15, 6 * MIB);
    std::fs::write(dir.join("i.png"), b"png").unwrap();
    let plan = PackagePlan::from_names(dir.path(), ["p.msix"]).unwrap();
    let proxy = Proxy::start(az.port(), Fault::None);
    let up = uploader(|_| {});
    let cases = [
        (az.sas("uploads", "x", "rcw", now() - 60), ErrorKind::SasExpired),
        (az.sas("uploads", "x", "r", now() + 600), ErrorKind::SasPermission),
    ];
    for (url, kind) in &cases {
        let url = proxy.url(url, az.port());
        let sas = SasUrl::parse(&url).unwrap();
        let errors = [
            up.upload_file(&sas, &path).await.unwrap_err(),
            up.upload_bytes(&sas, Bytes::from_static(b"x")).await.unwrap_err(),
            up.upload_zip(&sas, &plan).await.unwrap_err(),
            up.upload_asset_file(&url, None, &dir.join("i.png"), &[]).await.unwrap_err(),
        ];
        for e in errors {
            assert_eq!(e.kind(), *kind, "{e}");
            assert!(!e.is_retryable());
            assert_no_sig(&e, &url);
        }
    }
    assert_eq!(proxy.connections(), 0, "no connection may be opened");

    // the service's own answers map to the same kinds (a SAS that expires mid-upload, a SAS whose
    // permissions the client cannot see)
    for (url, kind, status) in [
        (az.sas("uploads", "x", "rcw", now() - 60), ErrorKind::SasExpired, 403),
        (az.sas("uploads", "x", "r", now() + 600), ErrorKind::SasPermission, 403),
    ] {
        let sas = SasUrl::parse(&url).unwrap();
        let resp = az.send(&blob::put_blob(&sas, SAS_VERSION, b"x".to_vec(), None)).await;
        let e = blob::sas_error_from_response(&sas, &resp, now());
        assert_eq!((resp.status, e.kind()), (status, kind), "{e}: {}", String::from_utf8_lossy(&resp.body));
        assert_no_sig(&e, &url);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn zip_while_uploading_end_to_end() {
    let az = Azurite::start();
    az.create_container("uploads").await;
    let files = TempDir::new("up-zip-files");
    data::write_random_file(&files.join("app.msixupload"), 21, 9 * MIB + 12345);
    data::write_random_file(&files.join("Images/Shot 1.png"), 22, 300_000);
    std::fs::write(files.join("notes.txt"), data::text(20_000)).unwrap();
    let plan = PackagePlan::from_names(files.path(), ["app.msixupload", "Images\\Shot 1.png", "notes.txt"]).unwrap();
    let proxy = Proxy::start(az.port(), Fault::None);
    let sas = SasUrl::parse(&proxy.url(&az.sas("uploads", "submission.zip", "rcw", now() + 600), az.port())).unwrap();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let s2 = seen.clone();
    let up = uploader(|o| {
        o.block_size = MIB;
        o.single_put_max = 0;
        o.concurrency = 2;
        o.progress = Some(Arc::new(move |d, t| s2.lock().unwrap().push((d, t))));
    });
    let r = up.upload_zip(&sas, &plan).await.unwrap();
    let expected = plan.write_to(Vec::new(), &mut |_, _| {}).unwrap();
    assert_eq!(r.size, expected.len() as u64);
    assert_eq!(r.blocks, r.size.div_ceil(MIB));
    assert_eq!(seen.lock().unwrap().last(), Some(&(r.size, r.size)), "the last progress call is exact");
    let (body, _) = az.download("uploads", "submission.zip").await;
    assert_eq!(sha(&body), sha(&expected), "the blob is the streamed archive, byte for byte");
    let out = TempDir::new("up-zip-out");
    std::fs::write(out.join("downloaded.zip"), &body).unwrap();
    let names: Vec<String> = readers::python(&out.join("downloaded.zip")).into_iter().map(|e| e.name).collect();
    assert_eq!(names, ["app.msixupload", "Images/Shot 1.png", "notes.txt"]);
    assert_eq!(readers::unzip(&out.join("downloaded.zip")).len(), 3);
    // every block was produced and sent once, never more than 2 in flight (`concurrency: 2`)
    assert_eq!(put_blocks(&proxy, true).len() as u64, r.blocks);
    assert!(proxy.max_in_flight() <= 2, "{}", proxy.max_in_flight());

    // deterministic bytes make zip-while-uploading resumable too: the same plan again sends nothing
    proxy.clear_log();
    let r2 = up.upload_zip(&sas, &plan).await.unwrap();
    assert_eq!((r2.blocks_sent, r2.blocks_skipped), (0, r.blocks));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn listing_asset_single_put_with_fallback() {
    let az = Azurite::start();
    az.create_container("assets").await;
    let dir = TempDir::new("up-asset");
    let png = dir.join("Screenshot 1.png");
    data::write_random_file(&png, 31, 150_000);
    let proxy = Proxy::start(az.port(), Fault::None);
    let good = proxy.url(&az.sas("assets", "shot-1", "rcw", now() + 600), az.port());
    // a primary URL the service rejects (signature for another blob) and one nobody listens on
    let forged = good.replacen("/shot-1?", "/shot-x?", 1);
    let refused = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = l.local_addr().unwrap().port();
        drop(l);
        good.replacen(&format!("127.0.0.1:{}", proxy.port()), &format!("127.0.0.1:{port}"), 1)
    };
    let up = uploader(|o| o.retry = quick_retry(2));
    let headers =
        vec![("x-ms-blob-type".to_string(), String::new()), ("x-ms-meta-kind".to_string(), "screenshot".to_string())];
    assert_eq!(up.upload_asset_file(&good, Some(&forged), &png, &headers).await.unwrap(), 0, "primary works");
    let put = proxy.log().into_iter().filter(|l| l.method == "PUT").collect::<Vec<_>>();
    assert_eq!(put.len(), 1);
    for primary in [&forged, &refused] {
        proxy.clear_log();
        assert_eq!(up.upload_asset_file(primary, Some(&good), &png, &headers).await.unwrap(), 1, "secondary takes it");
    }
    let (body, ct) = az.download("assets", "shot-1").await;
    assert_eq!(sha(&body), file_sha(&png));
    assert_eq!(ct, "image/png");
    // both failing: the secondary's typed error
    let e = up.upload_asset_file(&refused, Some(&forged), &png, &headers).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Forbidden, "{e}");
    let e = up.upload_asset(&forged, None, Bytes::from_static(b"png")).await.unwrap_err();
    assert_eq!((e.kind(), e.status()), (ErrorKind::Forbidden, Some(403)));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sas_with_an_unescaped_plus_in_its_signature_still_works() {
    let az = Azurite::start();
    az.create_container("uploads").await;
    // find an expiry whose signature contains '+', then spoil the URL's escaping as some tools do
    let url = (0..200)
        .map(|i| az.sas("uploads", "plus.bin", "rcw", now() + 600 + i))
        .find(|u| u.contains("%2B"))
        .expect("a signature with '+' within 200 tries");
    let (base, sig) = url.split_once("&sig=").unwrap();
    let broken = format!("{base}&sig={}", sig.replace("%2B", "+"));
    let sas = SasUrl::parse(&broken).unwrap();
    let r = uploader(|_| {}).upload_bytes(&sas, Bytes::from_static(b"plus")).await.unwrap();
    assert!(r.single_put);
    assert_eq!(az.download("uploads", "plus.bin").await.0, b"plus");
}
