//! Bounded fuzzing of the emulator's request handling (fixed seed, fixed budget; see
//! `core/tests/fuzz_parsers.rs` for why not cargo-fuzz): structured requests over HTTP — every route of
//! the core's table with mutated paths, queries, headers and JSON bodies, with and without a valid
//! token — and raw garbage over TCP, plus mutated ZIP uploads read at commit. The emulator must answer
//! every well-formed request with a response (never a dropped connection, never a 5xx other than the
//! documented ones), and still serve normally afterwards. `STORESUBMIT_FUZZ_SCALE=N` multiplies the
//! budget.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use storesubmit::api::auth::ClientCredentials;
use storesubmit::api::routes::OPERATIONS;
use storesubmit::api::Family;
use storesubmit::client::blocking::Client;
use storesubmit::flow::FlowConfig;
use storesubmit::{HttpRequest, Method};
use storesubmit_emulator::{Config, Emulator};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn scale() -> u64 {
    std::env::var("STORESUBMIT_FUZZ_SCALE").ok().and_then(|s| s.parse().ok()).unwrap_or(1).max(1)
}

const SEGMENTS: &[&str] = &[
    "9NBLGGH4R315",
    "9NBLGGH4TNMP",
    "9PNZ3WDKXQ7R",
    "1152921504621243610",
    "0",
    "-1",
    "..",
    "%2e%2e",
    "%00",
    "%ZZ",
    "é",
    "a%2Fb",
    "",
    "xxx",
    "submissions",
    "commit",
    "status",
    "packages",
    "listings",
    "assets",
    "{id}",
];

const BODIES: &[&str] = &[
    "",
    "{}",
    "[]",
    "null",
    "{\"a\":",
    "{\"applicationPackages\": [{\"fileName\": \"../x\"}]}",
    "{\"packages\": [{\"packageUrl\": \"https://x.invalid/a.msi\"}]}",
    "{\"language\": \"en-us\", \"createAssetRequest\": {\"Screenshot\": 99999999999}}",
    "{\"listingAssets\": {\"language\": \"\u{0}\", \"screenshots\": [{\"id\": \"x\"}]}}",
    "\u{feff}{}",
    "{\"percentage\": 1e999}",
    "{\"listings\": {\"en-us\": {\"baseListing\": {\"description\": 5}}}}",
];

fn path_of(rng: &mut Rng, template: &str, ids: &[String]) -> String {
    template
        .split('/')
        .map(|seg| {
            if seg.starts_with('{') && rng.below(3) > 0 {
                ids[rng.below(ids.len())].clone()
            } else if seg.starts_with('{') || rng.below(10) == 0 {
                SEGMENTS[rng.below(SEGMENTS.len())].to_string()
            } else {
                seg.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

#[test]
fn fuzz_emulator_requests() {
    let emu = Emulator::start_blocking(Config::default()).unwrap();
    let info = emu.info().clone();
    let base = format!("http://{}", emu.addr());
    let prefix = |f: Family| match f {
        Family::Devcenter => "/devcenter",
        Family::Win32 => "/win32",
        Family::Ingestion => "/ingestion",
        Family::Token => "/token",
    };
    let mut cfg = FlowConfig::new(info.endpoints(), ClientCredentials::new(&info.tenant_id, &info.client_id, "x"));
    cfg.request_timeout = Some(Duration::from_secs(10));
    let client = Client::new(cfg).unwrap();
    // A valid token for each API (the client's own token request).
    let mut tokens = Vec::new();
    for scope in [
        "https://manage.devcenter.microsoft.com",
        "https://api.store.microsoft.com",
        "https://api.partner.microsoft.com",
    ] {
        let body = format!(
            "grant_type=client_credentials&client_id={}&client_secret={}&scope={scope}/.default",
            info.client_id,
            info.client_secret.as_str()
        );
        let mut req = HttpRequest::new(Method::Post, format!("{base}/token/{}/oauth2/v2.0/token", info.tenant_id))
            .with_header("Content-Type", "application/x-www-form-urlencoded");
        req.body = body.into_bytes();
        let r = client.send(req).unwrap();
        let v: Value = serde_json::from_slice(&r.body).unwrap();
        tokens.push(v["access_token"].as_str().unwrap().to_string());
    }
    let ids = vec![
        info.app_id.clone(),
        info.addon_id.clone(),
        info.flight_id.clone(),
        info.win32_product_id.clone(),
        info.ingestion_product_id.clone(),
        info.tenant_id.clone(),
    ];
    let mut rng = Rng(0x5EED_00E1);
    let started = Instant::now();
    let (budget, limit) = (4_000 * scale(), Duration::from_secs(15 * scale()));
    let mut n = 0;
    let mut statuses = std::collections::BTreeMap::new();
    while n < budget && started.elapsed() < limit {
        let op = &OPERATIONS[rng.below(OPERATIONS.len())];
        let method = if rng.below(8) == 0 {
            [Method::Get, Method::Post, Method::Put, Method::Patch, Method::Delete][rng.below(5)]
        } else {
            op.method
        };
        let mut url = format!("{base}{}{}", prefix(op.family), path_of(&mut rng, op.path, &ids));
        if rng.below(3) == 0 {
            url.push_str(["?top=0", "?skip=-1&top=99999999999", "?languages=", "?%=%", "?a=1&a=2"][rng.below(5)]);
        }
        let mut req = HttpRequest::new(method, url);
        match rng.below(4) {
            0 => {}
            1 => req = req.with_header("Authorization", "Bearer not-a-token"),
            2 => req = req.with_header("Authorization", format!("Bearer {}", tokens[rng.below(tokens.len())])),
            _ => {
                let i = match op.family {
                    Family::Devcenter | Family::Token => 0,
                    Family::Win32 => 1,
                    Family::Ingestion => 2,
                };
                req = req.with_header("Authorization", format!("Bearer {}", tokens[i]));
            }
        }
        if rng.below(2) == 0 {
            req = req.with_header("X-Seller-Account-Id", [info.seller_id.as_str(), "", "1"][rng.below(3)]);
        }
        if matches!(method, Method::Post | Method::Put | Method::Patch) {
            req = req.with_header("Content-Type", "application/json");
            req.body = BODIES[rng.below(BODIES.len())].as_bytes().to_vec();
        }
        let r = client.send(req).unwrap_or_else(|e| panic!("request #{n}: no answer: {e}"));
        assert!(r.status != 500, "request #{n}: 500 from the emulator: {}", String::from_utf8_lossy(&r.body));
        *statuses.entry(r.status).or_insert(0u32) += 1;
        n += 1;
    }
    // Raw garbage over TCP: the server answers 400 or closes; it never hangs or stops serving.
    let garbage: Vec<Vec<u8>> = (0..200 * scale())
        .map(|_| {
            let mut g: Vec<u8> = match rng.below(3) {
                0 => b"GET /devcenter/v1.0/my/applications HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n".to_vec(),
                1 => b"POST /token/x/oauth2/v2.0/token HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n".to_vec(),
                _ => Vec::new(),
            };
            g.extend((0..rng.below(300)).map(|_| rng.next() as u8));
            g.extend_from_slice(b"\r\n\r\n");
            g
        })
        .collect();
    for g in &garbage {
        let mut s = TcpStream::connect(emu.addr()).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        let _ = s.write_all(g);
        let _ = s.shutdown(std::net::Shutdown::Write);
        let mut buf = Vec::new();
        let _ = s.read_to_end(&mut buf);
    }
    // Still serving normally.
    let ok = client.send(HttpRequest::new(Method::Get, format!("{base}/_emulator/info"))).unwrap();
    assert_eq!(ok.status, 200);
    println!(
        "fuzz emulator requests: {n} structured + {} raw in {:.1?} (seed 0x5EED00E1); statuses {statuses:?}",
        garbage.len(),
        started.elapsed()
    );
    assert!(n >= 200, "budget too small to mean anything: {n}");
}

#[test]
fn fuzz_emulator_zip_reading_at_commit() {
    // Mutated archives uploaded to a submission's fileUploadUrl: the commit reads them and ends in
    // CommitFailed (InvalidArchive / MissingFiles) or passes, never a crash or a hang.
    let emu = Emulator::start_blocking(Config::default()).unwrap();
    let info = emu.info().clone();
    let mut cfg = FlowConfig::new(
        info.endpoints(),
        ClientCredentials::new(&info.tenant_id, &info.client_id, info.client_secret.as_str()),
    );
    cfg.request_timeout = Some(Duration::from_secs(10));
    let client = Client::new(cfg).unwrap();
    let mut z = storesubmit::package::ZipWriter::new(Vec::new());
    z.add_reader("app.msixupload", Default::default(), &mut &b"payload"[..]).unwrap();
    let zip = z.finish().unwrap();
    let mut rng = Rng(0x5EED_00E2);
    let started = Instant::now();
    let rounds = 30 * scale();
    for round in 0..rounds {
        let app = json!({"applicationId": info.app_id});
        let sub = client.call("devcenter.create_app_submission", app.clone()).unwrap();
        let sid = sub["id"].as_str().unwrap().to_string();
        let url = sub["fileUploadUrl"].as_str().unwrap().to_string();
        let mut data = zip.clone();
        for _ in 0..=rng.below(5) {
            let at = rng.below(data.len());
            data[at] = rng.next() as u8;
        }
        let mut put = HttpRequest::new(Method::Put, url).with_header("x-ms-blob-type", "BlockBlob");
        put.body = data;
        let r = client.send(put).unwrap();
        assert!(r.status < 300, "round {round}: upload {}", r.status);
        let args = json!({"applicationId": info.app_id, "submissionId": sid});
        client.call("devcenter.commit_app_submission", args.clone()).unwrap();
        emu.advance_clock(5.0);
        let st = client.call("devcenter.get_app_submission_status", args.clone()).unwrap();
        let status = st["status"].as_str().unwrap_or("").to_string();
        assert!(!status.is_empty(), "round {round}: {st}");
        // Make room for the next round.
        if status != "Published" {
            let _ = client.call("devcenter.delete_app_submission", args);
        }
        emu.advance_clock(60.0);
    }
    println!("fuzz emulator ZIP reading: {rounds} archives in {:.1?} (seed 0x5EED00E2)", started.elapsed());
}
