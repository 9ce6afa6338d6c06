//! The machine against a scripted host: files in a map, a small in-memory blob service (Put Blob, Put
//! Block with checksum checks, Put Block List, Get Block List), completions answered in a seeded random
//! order, faults injected per request.

use std::collections::HashMap;

use percent_encoding::percent_decode_str;

use super::*;
use crate::api::blob::{content_md5, crc64_header, sign_blob_sas, DEV_ACCOUNT, DEV_ACCOUNT_KEY};
use crate::http::Method;

const NOW: u64 = 1_800_000_000;

/// The event for a completion (`None`: start, or look again).
fn ev(c: Option<(TaskId, Completion)>) -> Event {
    c.map_or(Event::Start, |(id, c)| Event::Completed(id, c))
}
const KIB: u64 = 1024;

fn sas(perms: &str, expiry: i64) -> String {
    let q = sign_blob_sas(DEV_ACCOUNT, DEV_ACCOUNT_KEY, "c", "b.zip", perms, expiry, "2021-12-02").unwrap();
    format!("https://acct.blob.core.windows.net/c/b.zip?{q}")
}

fn url() -> String {
    sas("rcw", NOW as i64 + 3600)
}

fn data(seed: u64, len: usize) -> Vec<u8> {
    let mut s = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..len)
        .map(|_| {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            s as u8
        })
        .collect()
}

fn small_blocks(block: u64) -> UploadSettings {
    UploadSettings { block_size: block, single_put_max: 0, ..UploadSettings::default() }
}

/// What the fake service does with one request, before it handles it.
type Fault = Box<dyn FnMut(&HttpRequest, &str) -> Option<Completion>>;

#[derive(Default)]
struct Blob {
    staged: HashMap<String, Vec<u8>>,
    committed: Vec<(String, Vec<u8>)>,
    content: Vec<u8>,
    content_type: Option<String>,
}

struct Host {
    files: HashMap<String, Vec<u8>>,
    blob: Blob,
    fault: Option<Fault>,
    seed: u64,
    now: u64,
    /// Every task handed out, in order (work summaries).
    log: Vec<String>,
    requests: Vec<HttpRequest>,
    waits: Vec<(Duration, WaitReason)>,
    max_puts: usize,
    max_held: u64,
    progress: Vec<(u64, u64)>,
}

fn query(url: &str, key: &str) -> Option<String> {
    url.split_once('?')?.1.split('&').find_map(|kv| {
        let (k, v) = kv.split_once('=')?;
        (k == key).then(|| percent_decode_str(v).decode_utf8_lossy().into_owned())
    })
}

fn xml_error(status: u16, code: &str) -> Completion {
    Completion::Response(HttpResponse::new(
        status,
        format!("<?xml version=\"1.0\"?><Error><Code>{code}</Code><Message>m</Message></Error>"),
    ))
}

impl Host {
    fn new(files: &[(&str, Vec<u8>)]) -> Host {
        Host {
            files: files.iter().map(|(n, d)| (n.to_string(), d.clone())).collect(),
            blob: Blob::default(),
            fault: None,
            seed: 7,
            now: NOW,
            log: Vec::new(),
            requests: Vec::new(),
            waits: Vec::new(),
            max_puts: 0,
            max_held: 0,
            progress: Vec::new(),
        }
    }

    fn pick(&mut self, n: usize) -> usize {
        self.seed ^= self.seed << 13;
        self.seed ^= self.seed >> 7;
        self.seed ^= self.seed << 17;
        (self.seed % n as u64) as usize
    }

    /// Runs the machine to its end, answering outstanding tasks in a random order.
    fn run(&mut self, up: &mut BlobUpload) -> Result<UploadReport> {
        let mut queue: Vec<Task> = Vec::new();
        let mut completion = None;
        for _ in 0..100_000 {
            let step = up.resume(ev(completion.take()), Tick { now: self.now, jitter: 0.5 });
            self.progress.push(up.progress());
            match step {
                Step::Done(r) => return r,
                Step::Run(tasks) => {
                    assert!(!tasks.is_empty(), "Run with no task");
                    for t in &tasks {
                        self.log.push(summary(&t.work));
                    }
                    queue.extend(tasks);
                }
                Step::Pending => {}
            }
            let puts = queue.iter().filter(|t| is_put_block(&t.work)).count();
            self.max_puts = self.max_puts.max(puts);
            let held: u64 = queue
                .iter()
                .map(|t| match &t.work {
                    Work::Read { len, .. } => *len,
                    Work::Send { request, purpose: Purpose::Blob { op } } if op != "put_block_list" => {
                        request.body.len() as u64
                    }
                    _ => 0,
                })
                .sum();
            self.max_held = self.max_held.max(held);
            assert!(!queue.is_empty(), "the machine waits for nothing");
            let i = self.pick(queue.len());
            let t = queue.swap_remove(i);
            completion = Some((t.id, self.answer(t.work)));
        }
        panic!("the upload did not end");
    }

    fn answer(&mut self, work: Work) -> Completion {
        match work {
            Work::List { .. } => panic!("an upload does not list files"),
            Work::Stat { names } => {
                Completion::Sizes(names.iter().map(|n| self.files.get(n).map(|d| d.len() as u64)).collect())
            }
            Work::Read { name, offset, len } => match self.files.get(&name) {
                Some(d) => {
                    let start = (offset as usize).min(d.len());
                    let end = (start + len as usize).min(d.len());
                    Completion::Data(d[start..end].to_vec())
                }
                None => Completion::Failed(Error::new(ErrorKind::Io, format!("no {name}"))),
            },
            Work::Wait { duration, reason } => {
                self.waits.push((duration, reason));
                Completion::Waited
            }
            Work::Send { request, purpose } => {
                let Purpose::Blob { op } = &purpose else { panic!("{purpose:?}") };
                assert_eq!(request.timeout, Some(Duration::from_secs(120)), "every request has its timeout");
                self.requests.push(request.clone());
                if let Some(f) = self.fault.as_mut() {
                    if let Some(c) = f(&request, op) {
                        return c;
                    }
                }
                self.serve(&request)
            }
            Work::Token { .. } | Work::Write { .. } | Work::File { .. } | Work::Command { .. } => {
                panic!("no token or write task expected")
            }
        }
    }

    fn serve(&mut self, r: &HttpRequest) -> Completion {
        let ok = |status| Completion::Response(HttpResponse::new(status, ""));
        assert!(r.header("x-ms-version").is_some());
        match (r.method, query(&r.url, "comp").as_deref()) {
            (Method::Get, Some("blocklist")) => {
                if self.blob.committed.is_empty() && self.blob.staged.is_empty() {
                    return xml_error(404, "BlobNotFound");
                }
                let list = |blocks: Vec<(&String, &Vec<u8>)>| {
                    blocks
                        .iter()
                        .map(|(id, d)| format!("<Block><Name>{id}</Name><Size>{}</Size></Block>", d.len()))
                        .collect::<String>()
                };
                let body = format!(
                    "<?xml version=\"1.0\" encoding=\"utf-8\"?><BlockList><CommittedBlocks>{}</CommittedBlocks><UncommittedBlocks>{}</UncommittedBlocks></BlockList>",
                    list(self.blob.committed.iter().map(|(i, d)| (i, d)).collect()),
                    list(self.blob.staged.iter().collect())
                );
                Completion::Response(HttpResponse::new(200, body))
            }
            (Method::Put, Some("block")) => {
                let id = query(&r.url, "blockid").unwrap();
                assert_eq!(id.len(), 32);
                if r.header("x-ms-content-crc64") != Some(crc64_header(crc64(&r.body)).as_str()) {
                    return xml_error(400, "Crc64Mismatch");
                }
                self.blob.staged.insert(id, r.body.clone());
                ok(201)
            }
            (Method::Put, Some("blocklist")) => {
                let body = String::from_utf8(r.body.clone()).unwrap();
                let mut committed = Vec::new();
                for part in body.split("<Latest>").skip(1) {
                    let id = part.split("</Latest>").next().unwrap().to_string();
                    let d = match self.blob.staged.get(&id) {
                        Some(d) => d.clone(),
                        None => match self.blob.committed.iter().find(|(i, _)| *i == id) {
                            Some((_, d)) => d.clone(),
                            None => return xml_error(400, "InvalidBlockList"),
                        },
                    };
                    committed.push((id, d));
                }
                self.blob.content = committed.iter().flat_map(|(_, d)| d.iter().copied()).collect();
                self.blob.committed = committed;
                self.blob.staged.clear();
                self.blob.content_type = r.header("x-ms-blob-content-type").map(str::to_string);
                ok(201)
            }
            (Method::Put, None) => {
                assert_eq!(r.header("x-ms-blob-type"), Some("BlockBlob"));
                if r.header("Content-MD5") != Some(content_md5(&r.body).as_str()) {
                    return xml_error(400, "Md5Mismatch");
                }
                self.blob.content = r.body.clone();
                self.blob.committed.clear();
                self.blob.content_type = r.header("Content-Type").map(str::to_string);
                ok(201)
            }
            other => panic!("unexpected request {other:?}"),
        }
    }

    fn ops(&self) -> Vec<String> {
        self.log.iter().filter(|l| l.starts_with("send ")).cloned().collect()
    }
}

fn is_put_block(w: &Work) -> bool {
    matches!(w, Work::Send { purpose: Purpose::Blob { op }, .. } if op == "put_block")
}

fn summary(w: &Work) -> String {
    match w {
        Work::Send { purpose: Purpose::Blob { op }, .. } => format!("send {op}"),
        Work::Send { .. } => "send ?".into(),
        Work::Wait { duration, .. } => format!("wait {duration:?}"),
        Work::Stat { names } => format!("stat {}", names.join(",")),
        Work::List { .. } => "list".into(),
        Work::Read { name, offset, len } => format!("read {name} {offset} {len}"),
        Work::Token { .. } | Work::File { .. } | Work::Command { .. } => "token".into(),
        Work::Write { offset, data } => format!("write {offset} {}", data.len()),
    }
}

#[test]
fn a_small_file_is_one_put_blob() {
    let body = data(1, 3000);
    let mut host = Host::new(&[("app.msix", body.clone())]);
    let s = UploadSettings { content_type: Some("application/octet-stream".into()), ..UploadSettings::default() };
    let mut up = BlobUpload::new(&url(), UploadSource::File("app.msix".into()), &s).unwrap();
    let r = host.run(&mut up).unwrap();
    assert_eq!(r, UploadReport { size: 3000, single_put: true, bytes_sent: 3000, ..UploadReport::default() });
    assert_eq!(host.log, ["stat app.msix", "read app.msix 0 3000", "send put_blob"]);
    assert_eq!(host.blob.content, body);
    assert_eq!(host.blob.content_type.as_deref(), Some("application/octet-stream"));
    assert_eq!(host.requests[0].header("x-ms-version"), Some("2021-12-02"), "the SAS's sv");
    assert_eq!(host.progress.last(), Some(&(3000, 3000)));
}

#[test]
fn blocks_in_any_order_commit_in_order() {
    let body = data(2, 10 * KIB as usize + 17);
    for seed in 1..6 {
        let mut host = Host::new(&[("p.msix", body.clone())]);
        host.seed = seed;
        let s = UploadSettings { content_type: Some("application/zip".into()), ..small_blocks(KIB) };
        let mut up = BlobUpload::new(&url(), UploadSource::File("p.msix".into()), &s).unwrap();
        let r = host.run(&mut up).unwrap();
        assert_eq!(
            (r.size, r.single_put, r.blocks, r.blocks_sent, r.blocks_skipped),
            (body.len() as u64, false, 11, 11, 0)
        );
        assert_eq!((r.bytes_sent, r.retries), (body.len() as u64, 0));
        assert_eq!(host.blob.content, body, "seed {seed}");
        assert_eq!(host.blob.content_type.as_deref(), Some("application/zip"));
        let ops = host.ops();
        assert_eq!(ops.first().map(String::as_str), Some("send get_block_list"));
        assert_eq!(ops.last().map(String::as_str), Some("send put_block_list"));
        assert_eq!(ops.iter().filter(|o| *o == "send put_block").count(), 11);
        let ids: Vec<String> = host.blob.committed.iter().map(|(id, _)| id.clone()).collect();
        let want: Vec<String> =
            body.chunks(KIB as usize).enumerate().map(|(i, c)| block_id(i as u32, crc64(c))).collect();
        assert_eq!(ids, want, "ids name index and content, in order");
        // progress only grows and ends exact
        assert!(host.progress.windows(2).all(|w| w[0].0 <= w[1].0));
        assert_eq!(host.progress.last(), Some(&(body.len() as u64, body.len() as u64)));
        assert!(host.max_puts <= 4, "{} Put Blocks in flight", host.max_puts);
    }
}

#[test]
fn resume_skips_staged_and_committed_blocks() {
    let body = data(3, 8 * KIB as usize);
    let mut host = Host::new(&[("p", body.clone())]);
    // blocks 0, 3 and 5 are staged already; block 7 with other data under another id
    for i in [0usize, 3, 5] {
        let c = &body[i * 1024..(i + 1) * 1024];
        host.blob.staged.insert(block_id(i as u32, crc64(c)), c.to_vec());
    }
    host.blob.staged.insert(block_id(7, 1), vec![0; 1024]);
    let mut up = BlobUpload::new(&url(), UploadSource::File("p".into()), &small_blocks(KIB)).unwrap();
    let r = host.run(&mut up).unwrap();
    assert_eq!((r.blocks, r.blocks_sent, r.blocks_skipped, r.bytes_sent), (8, 5, 3, 5 * KIB));
    assert_eq!(host.blob.content, body);
    // everything committed now: the same upload again sends only the block list
    host.log.clear();
    let mut up = BlobUpload::new(&url(), UploadSource::File("p".into()), &small_blocks(KIB)).unwrap();
    let r = host.run(&mut up).unwrap();
    assert_eq!((r.blocks_sent, r.blocks_skipped, r.bytes_sent), (0, 8, 0));
    assert_eq!(host.ops(), ["send get_block_list", "send put_block_list"]);
    assert_eq!(host.blob.content, body);

    // no `r` in the SAS, or `resume: false`: no block list asked for, everything sent
    for (u, resume) in [(sas("cw", NOW as i64 + 60), true), (url(), false)] {
        host.log.clear();
        let s = UploadSettings { resume, ..small_blocks(KIB) };
        let r = host.run(&mut BlobUpload::new(&u, UploadSource::File("p".into()), &s).unwrap()).unwrap();
        assert_eq!(r.blocks_sent, 8);
        assert!(!host.ops().contains(&"send get_block_list".to_string()));
    }
    // a refused block list uploads everything
    host.fault =
        Some(Box::new(|_, op| (op == "get_block_list").then(|| xml_error(403, "AuthorizationPermissionMismatch"))));
    let r =
        host.run(&mut BlobUpload::new(&url(), UploadSource::File("p".into()), &small_blocks(KIB)).unwrap()).unwrap();
    assert_eq!((r.blocks_sent, r.retries), (8, 0));
}

#[test]
fn each_block_is_retried_alone_with_backoff_and_retry_after() {
    let body = data(4, 6 * KIB as usize);
    let mut host = Host::new(&[("p", body.clone())]);
    let mut seen: HashMap<String, u32> = HashMap::new();
    host.fault = Some(Box::new(move |r, op| {
        let id = query(&r.url, "blockid").unwrap_or_default();
        let n = seen.entry(format!("{op}{id}")).or_default();
        *n += 1;
        let first = *n == 1;
        match (op, id.starts_with("MDAwMDAwMi")) {
            // block 2: a 503 with Retry-After, then a dropped connection, then fine
            ("put_block", true) if *n == 1 => Some(Completion::Response(
                HttpResponse::new(503, "<Error><Code>ServerBusy</Code></Error>").with_header("Retry-After", "7"),
            )),
            ("put_block", true) if *n == 2 => Some(Completion::Failed(Error::new(ErrorKind::Transport, "reset"))),
            ("put_block_list", _) if first => Some(Completion::Failed(Error::new(ErrorKind::Timeout, "slow"))),
            _ => None,
        }
    }));
    let mut up = BlobUpload::new(&url(), UploadSource::File("p".into()), &small_blocks(KIB)).unwrap();
    let r = host.run(&mut up).unwrap();
    assert_eq!(r.retries, 3);
    assert_eq!(r.bytes_sent, 8 * KIB, "block 2 went three times");
    assert_eq!(host.blob.content, body);
    let reasons: Vec<(Duration, String, u32)> = host
        .waits
        .iter()
        .map(|(d, w)| match w {
            WaitReason::Retry { code, attempt } => (*d, code.clone(), *attempt),
            other => panic!("{other:?}"),
        })
        .collect();
    let backoff = |attempt| crate::policy::retry::backoff(&RetryPolicy::default(), attempt, 0.5);
    assert!(reasons.contains(&(Duration::from_secs(7), "unavailable".into(), 1)), "{reasons:?}");
    assert!(reasons.contains(&(backoff(2), "transport".into(), 2)), "{reasons:?}");
    assert!(reasons.contains(&(backoff(1), "timeout".into(), 1)), "{reasons:?}");
    let puts_of_2 =
        host.requests.iter().filter(|r| query(&r.url, "blockid").is_some_and(|i| i.starts_with("MDAwMDAwMi"))).count();
    assert_eq!(puts_of_2, 3, "only the failing block went again");
    // a file's block is not held during its send: each retry reads it again
    assert_eq!(host.log.iter().filter(|l| *l == "read p 2048 1024").count(), 3, "{:?}", host.log);
}

#[test]
fn a_file_changed_between_attempts_is_an_io_error() {
    let body = data(16, 3 * KIB as usize);
    let mut host = Host::new(&[("p", body.clone())]);
    let mut n = 0;
    host.fault = Some(Box::new(move |r, op| {
        if op == "put_block" && query(&r.url, "blockid").is_some_and(|i| i.starts_with("MDAwMDAwMS")) {
            n += 1;
            if n == 1 {
                return Some(Completion::Failed(Error::new(ErrorKind::Transport, "reset")));
            }
        }
        None
    }));
    let mut up = BlobUpload::new(&url(), UploadSource::File("p".into()), &small_blocks(KIB)).unwrap();
    // answer in order, changing the file once block 1's first attempt failed
    let mut queue: Vec<Task> = Vec::new();
    let mut completion = None;
    let e = loop {
        match up.resume(ev(completion.take()), Tick::at(NOW)) {
            Step::Done(r) => break r.unwrap_err(),
            Step::Run(t) => queue.extend(t),
            Step::Pending => {}
        }
        let t = queue.remove(0);
        if matches!(t.work, Work::Wait { .. }) {
            host.files.insert("p".into(), data(17, 3 * KIB as usize));
        }
        completion = Some((t.id, host.answer(t.work)));
    };
    assert_eq!(e.kind(), ErrorKind::Io, "{e}");
    assert!(e.message().contains("changed"), "{e}");
}

#[test]
fn failures_give_typed_errors() {
    let body = data(5, 3 * KIB as usize);
    // a block the service always finds corrupted: checksum_mismatch after the attempts
    let mut host = Host::new(&[("p", body.clone())]);
    host.fault = Some(Box::new(|_, op| (op == "put_block").then(|| xml_error(400, "Crc64Mismatch"))));
    let s = UploadSettings { retry: RetryPolicy { max_attempts: 3, ..RetryPolicy::default() }, ..small_blocks(KIB) };
    let e = host.run(&mut BlobUpload::new(&url(), UploadSource::File("p".into()), &s).unwrap()).unwrap_err();
    assert_eq!((e.kind(), e.status()), (ErrorKind::ChecksumMismatch, Some(400)));
    assert!(host.waits.len() >= 2);

    // the SAS runs out mid-upload: the service's bare refusal is sas_expired
    let u = sas("rcw", NOW as i64 + 10);
    let mut host = Host::new(&[("p", body.clone())]);
    host.fault = Some(Box::new(|_, op| (op == "put_block").then(|| xml_error(403, "AuthorizationFailure"))));
    let mut up = BlobUpload::new(&u, UploadSource::File("p".into()), &small_blocks(KIB)).unwrap();
    // start at NOW, then the clock passes the expiry
    let first = up.resume(Event::Start, Tick::at(NOW));
    assert!(matches!(first, Step::Run(_)));
    host.now = NOW + 20;
    let Step::Run(tasks) = first else { unreachable!() };
    let mut completion = Some((tasks[0].id, host.answer(tasks.into_iter().next().unwrap().work)));
    let mut queue = Vec::new();
    let e = loop {
        match up.resume(ev(completion.take()), Tick::at(host.now)) {
            Step::Done(r) => break r.unwrap_err(),
            Step::Run(t) => queue.extend(t),
            Step::Pending => {}
        }
        let t: Task = queue.remove(0);
        completion = Some((t.id, host.answer(t.work)));
    };
    assert_eq!(e.kind(), ErrorKind::SasExpired, "{e}");
    let sig = u.split("sig=").nth(1).unwrap();
    assert!(!format!("{e} {e:?}").contains(sig));

    // before any byte: an expired or read-only SAS, without a single task
    for (u, kind) in
        [(sas("rcw", NOW as i64 - 1), ErrorKind::SasExpired), (sas("r", NOW as i64 + 60), ErrorKind::SasPermission)]
    {
        let mut up = BlobUpload::new(&u, UploadSource::Bytes(b"x".to_vec()), &UploadSettings::default()).unwrap();
        match up.resume(Event::Start, Tick::at(NOW)) {
            Step::Done(Err(e)) => assert_eq!(e.kind(), kind),
            other => panic!("{other:?}"),
        }
        assert!(matches!(up.resume(Event::Start, Tick::at(NOW)), Step::Done(Err(_))), "done stays done");
        let mut up = BlobUpload::asset(&u, None, "i.png".into(), vec![], &UploadSettings::default()).unwrap();
        assert!(matches!(up.resume(Event::Start, Tick::at(NOW)), Step::Done(Err(e)) if e.kind() == kind));
    }
}

#[test]
fn bad_input_is_a_typed_error_never_a_panic() {
    let s = small_blocks(KIB);
    // missing inputs, named
    let mut host = Host::new(&[("a.msix", data(6, 10))]);
    let files = vec![
        UploadFile { name: "a.msix".into(), zip_name: "a.msix".into() },
        UploadFile { name: "gone.png".into(), zip_name: "gone.png".into() },
    ];
    let e = host.run(&mut BlobUpload::new(&url(), UploadSource::Zip(files), &s).unwrap()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::MissingFiles);
    assert!(e.message().contains("gone.png") && !e.message().contains("a.msix"), "{}", e.message());
    let e = host.run(&mut BlobUpload::new(&url(), UploadSource::File("nope".into()), &s).unwrap()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Io);
    assert!(e.message().contains("nope"));
    // unsafe entry names and malformed URLs fail at once
    let evil = vec![UploadFile { name: "x".into(), zip_name: "../x".into() }];
    assert_eq!(BlobUpload::new(&url(), UploadSource::Zip(evil), &s).unwrap_err().kind(), ErrorKind::InvalidArchive);
    assert_eq!(
        BlobUpload::new("ftp://x/y", UploadSource::Bytes(vec![]), &s).unwrap_err().kind(),
        ErrorKind::InvalidArgument
    );
    // a file that shrinks while it is read
    let mut host = Host::new(&[("p", data(7, 4000))]);
    let mut up = BlobUpload::new(&url(), UploadSource::File("p".into()), &s).unwrap();
    let Step::Run(t) = up.resume(Event::Start, Tick::at(NOW)) else { panic!() };
    let sizes = host.answer(t.into_iter().next().unwrap().work);
    host.files.insert("p".into(), data(7, 1500));
    let e = host.run_from(&mut up, t_id(1), sizes).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Io, "{e}");
    assert!(e.message().contains("changed"), "{e}");
    // a host answering with the wrong kind of completion, twice, or for a task never handed out
    let mut up = BlobUpload::new(&url(), UploadSource::File("p".into()), &s).unwrap();
    let Step::Run(t) = up.resume(Event::Start, Tick::at(NOW)) else { panic!() };
    match up.resume(Event::Completed(t[0].id, Completion::Data(vec![1])), Tick::at(NOW)) {
        Step::Done(Err(e)) => assert_eq!(e.kind(), ErrorKind::InvalidArgument, "{e}"),
        other => panic!("{other:?}"),
    }
    let mut up = BlobUpload::new(&url(), UploadSource::File("p".into()), &s).unwrap();
    let _ = up.resume(Event::Start, Tick::at(NOW));
    assert!(matches!(up.resume(Event::Completed(TaskId(99), Completion::Waited), Tick::at(NOW)), Step::Done(Err(_))));
    let mut up = BlobUpload::new(&url(), UploadSource::File("p".into()), &s).unwrap();
    let _ = up.resume(Event::Start, Tick::at(NOW));
    assert!(matches!(
        up.resume(Event::Completed(TaskId(1), Completion::Sizes(vec![])), Tick::at(NOW)),
        Step::Done(Err(_))
    ));
    // a host's own failure of a read passes through
    let mut up = BlobUpload::new(&url(), UploadSource::File("p".into()), &s).unwrap();
    let _ = up.resume(Event::Start, Tick::at(NOW));
    let Step::Run(t) = up.resume(Event::Completed(TaskId(1), Completion::Sizes(vec![Some(3000)])), Tick::at(NOW))
    else {
        panic!()
    };
    let read = t.iter().find(|t| matches!(t.work, Work::Read { .. })).unwrap().id;
    match up.resume(Event::Completed(read, Completion::Failed(Error::new(ErrorKind::Io, "disk gone"))), Tick::at(NOW)) {
        Step::Done(Err(e)) => assert_eq!((e.kind(), e.message()), (ErrorKind::Io, "disk gone")),
        other => panic!("{other:?}"),
    }
}

fn t_id(n: u64) -> TaskId {
    TaskId(n)
}

impl Host {
    /// As [`Host::run`], first reporting `c` for task `id`.
    fn run_from(&mut self, up: &mut BlobUpload, id: TaskId, c: Completion) -> Result<UploadReport> {
        let mut queue: Vec<Task> = Vec::new();
        let mut completion = Some((id, c));
        loop {
            match up.resume(ev(completion.take()), Tick::at(self.now)) {
                Step::Done(r) => return r,
                Step::Run(t) => queue.extend(t),
                Step::Pending => {}
            }
            let t = queue.swap_remove(0);
            completion = Some((t.id, self.answer(t.work)));
        }
    }
}

#[test]
fn memory_stays_within_max_buffered_and_concurrency() {
    let body = data(8, 64 * KIB as usize);
    for (concurrency, max_buffered, max_puts, max_held) in [(8, 3 * KIB, 3, 3 * KIB), (2, 1 << 30, 2, 4 * KIB)] {
        for seed in 1..4 {
            let mut host = Host::new(&[("p", body.clone())]);
            host.seed = seed;
            let s = UploadSettings { concurrency, max_buffered, ..small_blocks(KIB) };
            let r = host.run(&mut BlobUpload::new(&url(), UploadSource::File("p".into()), &s).unwrap()).unwrap();
            assert_eq!(r.blocks_sent, 64);
            assert_eq!(host.blob.content, body);
            assert!(host.max_puts <= max_puts, "{} Put Blocks in flight (concurrency {concurrency})", host.max_puts);
            assert!(host.max_held <= max_held, "{} bytes read or in flight (bound {max_buffered})", host.max_held);
        }
    }
    // a block larger than the bound still goes, alone
    let mut host = Host::new(&[("p", body.clone())]);
    let s = UploadSettings { max_buffered: 100, ..small_blocks(16 * KIB) };
    let r = host.run(&mut BlobUpload::new(&url(), UploadSource::File("p".into()), &s).unwrap()).unwrap();
    assert_eq!(r.blocks, 4);
    assert_eq!(host.max_held, 16 * KIB);
    assert_eq!(host.blob.content, body);
    // the same bound for a ZIP written while uploading
    let mut host = Host::new(&[("a.msix", body.clone()), ("b.png", data(9, 20_000))]);
    let files = ["a.msix", "b.png"].map(|n| UploadFile { name: n.into(), zip_name: n.into() }).to_vec();
    let s = UploadSettings { max_buffered: 4 * KIB, concurrency: 8, ..small_blocks(KIB) };
    let r = host.run(&mut BlobUpload::new(&url(), UploadSource::Zip(files), &s).unwrap()).unwrap();
    assert!(r.blocks > 80);
    assert!(host.max_puts <= 4, "{}", host.max_puts);
    assert!(host.max_held <= 4 * KIB, "{}", host.max_held);
}

#[test]
fn bytes_upload_in_blocks_and_whole() {
    let body = data(10, 5000);
    let mut host = Host::new(&[]);
    let r =
        host.run(&mut BlobUpload::new(&url(), UploadSource::Bytes(body.clone()), &small_blocks(KIB)).unwrap()).unwrap();
    assert_eq!((r.blocks, r.size), (5, 5000));
    assert_eq!(host.blob.content, body);
    assert!(!host.log.iter().any(|l| l.starts_with("stat") || l.starts_with("read")), "{:?}", host.log);
    let r = host
        .run(&mut BlobUpload::new(&url(), UploadSource::Bytes(Vec::new()), &UploadSettings::default()).unwrap())
        .unwrap();
    assert!(r.single_put && r.size == 0 && host.blob.content.is_empty());
}

#[cfg(not(target_arch = "wasm32"))]
#[test]
fn the_zip_is_byte_for_byte_the_package_plans() {
    use crate::package::PackagePlan;

    let dir = std::env::temp_dir().join(format!("ss-blob-zip-{}", std::process::id()));
    let files: Vec<(&str, Vec<u8>)> = vec![
        ("app.msixupload", data(11, 300_000)),
        ("Images/Shot 1.png", data(12, 70_000)),
        ("notes.txt", "release notes, again and again\n".repeat(5000).into_bytes()),
        ("empty.txt", Vec::new()),
        ("Trailers/Ünïcode.mp4", data(13, 1000)),
    ];
    for (n, d) in &files {
        let p = dir.join(n);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, d).unwrap();
    }
    let names = ["app.msixupload", "Images\\Shot 1.png", "notes.txt", "empty.txt", "Trailers\\Ünïcode.mp4"];
    let plan = PackagePlan::from_names(&dir, names).unwrap();
    let expected = plan.write_to(Vec::new(), &mut |_, _| {}).unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    // the host's names are the submission's; its files map them to the data
    let host_files: Vec<(&str, Vec<u8>)> = names.iter().zip(&files).map(|(n, (_, d))| (*n, d.clone())).collect();
    let upload_files: Vec<UploadFile> =
        names.iter().map(|n| UploadFile { name: n.to_string(), zip_name: n.replace('\\', "/") }).collect();
    for (s, single) in [
        (small_blocks(16 * KIB), false),
        (small_blocks(100_000), false),
        (UploadSettings { single_put_max: 1 << 20, ..UploadSettings::default() }, true),
    ] {
        for seed in 1..3 {
            let mut host = Host::new(&host_files);
            host.seed = seed;
            let mut up = BlobUpload::new(&url(), UploadSource::Zip(upload_files.clone()), &s).unwrap();
            let r = host.run(&mut up).unwrap();
            assert_eq!(r.single_put, single);
            assert_eq!(r.size, expected.len() as u64);
            assert!(
                host.blob.content == expected,
                "the uploaded ZIP differs from PackagePlan::write_to (block {})",
                s.block_size
            );
            assert!(host.progress.iter().all(|(d, t)| d <= t));
            assert_eq!(host.progress.last(), Some(&(r.size, r.size)), "exact at the end");
            // reads: each file in order, none longer than a block
            let reads: Vec<&String> = host.log.iter().filter(|l| l.starts_with("read ")).collect();
            assert!(reads
                .iter()
                .all(|l| l.rsplit(' ').next().unwrap().parse::<u64>().unwrap() <= s.block_size.max(4 << 20)));
        }
    }
    // the plan's own compression choices come along (Entries)
    let entries: Vec<ZipEntry> = plan
        .files
        .iter()
        .zip(names)
        .map(|(f, n)| ZipEntry { name: n.to_string(), entry: f.name.clone(), compression: Some(f.compression) })
        .collect();
    let mut host = Host::new(&host_files);
    host.run(&mut BlobUpload::new(&url(), UploadSource::Entries(entries), &small_blocks(KIB)).unwrap()).unwrap();
    assert!(host.blob.content == expected);
    // the same archive again: deterministic bytes, so every block is skipped
    host.log.clear();
    let r =
        host.run(&mut BlobUpload::new(&url(), UploadSource::Zip(upload_files), &small_blocks(KIB)).unwrap()).unwrap();
    assert_eq!((r.blocks_sent, r.blocks_skipped), (0, r.blocks));
}

#[test]
fn assets_take_the_service_headers_and_fall_back() {
    let png = data(14, 5000);
    let good = url();
    let other = good.replace("/b.zip?", "/other?");
    let headers =
        vec![("x-ms-blob-type".to_string(), String::new()), ("x-ms-meta-kind".to_string(), "shot".to_string())];
    let mut host = Host::new(&[("Images/s.png", png.clone())]);
    let mut up =
        BlobUpload::asset(&good, Some(&other), "Images/s.png".into(), headers.clone(), &UploadSettings::default())
            .unwrap();
    let r = host.run(&mut up).unwrap();
    assert!(r.single_put && !r.fallback && r.size == 5000);
    let req = host.requests.last().unwrap();
    assert_eq!((req.header("Content-Type"), req.header("x-ms-meta-kind")), (Some("image/png"), Some("shot")));
    assert!(req.url.contains("/b.zip?"));
    assert_eq!(host.blob.content, png);
    // the primary refuses: the fallback takes it (after the primary's own retries)
    let mut host = Host::new(&[("Images/s.png", png.clone())]);
    host.fault = Some(Box::new(|r, _| {
        r.url.contains("/b.zip?").then(|| Completion::Failed(Error::new(ErrorKind::Transport, "refused")))
    }));
    let s = UploadSettings {
        retry: RetryPolicy { max_attempts: 2, ..RetryPolicy::default() },
        ..UploadSettings::default()
    };
    let r = host
        .run(&mut BlobUpload::asset(&good, Some(&other), "Images/s.png".into(), headers.clone(), &s).unwrap())
        .unwrap();
    assert!(r.fallback);
    assert_eq!(r.retries, 1);
    assert_eq!(host.requests.iter().filter(|r| r.url.contains("/other?")).count(), 1);
    assert_eq!(host.blob.content, png);
    // both fail: the fallback's error; an expired primary goes straight to the fallback
    let mut host = Host::new(&[("Images/s.png", png.clone())]);
    host.fault = Some(Box::new(|r, _| {
        Some(if r.url.contains("/other?") {
            xml_error(403, "AuthenticationFailed")
        } else {
            xml_error(404, "ContainerNotFound")
        })
    }));
    let e = host
        .run(&mut BlobUpload::asset(&good, Some(&other), "Images/s.png".into(), headers.clone(), &s).unwrap())
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Forbidden);
    let expired = sas("rcw", NOW as i64 - 5);
    let mut host = Host::new(&[("Images/s.png", png.clone())]);
    let r =
        host.run(&mut BlobUpload::asset(&expired, Some(&good), "Images/s.png".into(), headers, &s).unwrap()).unwrap();
    assert!(r.fallback);
    assert!(host.requests.iter().all(|r| r.url.contains("/b.zip?")));
    // bytes in memory, a missing file
    let mut host = Host::new(&[]);
    let r = host.run(&mut BlobUpload::asset_bytes(&good, None, b"png".to_vec(), vec![], &s).unwrap()).unwrap();
    assert_eq!(r.size, 3);
    let e = host.run(&mut BlobUpload::asset(&good, None, "gone.png".into(), vec![], &s).unwrap()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Io);
    assert!(BlobUpload::asset("nope", Some("also nope"), "x".into(), vec![], &s).is_err());
}

#[test]
fn settings_are_json_with_defaults_and_validated_by_field() {
    let d = UploadSettings::from_json(&serde_json::json!({})).unwrap();
    assert_eq!(d, UploadSettings::default());
    assert_eq!((d.concurrency, d.max_buffered, d.request_timeout), (4, 32 << 20, Duration::from_secs(120)));
    let s = UploadSettings::from_json(&serde_json::json!({
        "concurrency": 8, "blockSize": 8388608, "requestTimeout": 2.5, "contentType": "application/zip",
        "retry": {"maxAttempts": 3, "baseDelay": 0.1}
    }))
    .unwrap();
    assert_eq!((s.concurrency, s.block_size, s.request_timeout), (8, 8 << 20, Duration::from_millis(2500)));
    assert_eq!(
        (s.retry.max_attempts, s.retry.base_delay, s.retry.max_delay),
        (3, Duration::from_millis(100), Duration::from_secs(30))
    );
    let back = serde_json::to_value(&s).unwrap();
    assert_eq!(UploadSettings::from_json(&back).unwrap(), s);
    for (json, field) in [
        (serde_json::json!({"concurrency": 0}), "concurrency"),
        (serde_json::json!({"concurrency": 65}), "concurrency"),
        (serde_json::json!({"concurrency": "four"}), "concurrency"),
        (serde_json::json!({"blockSize": 4001u64 << 20}), "blockSize"),
        (serde_json::json!({"singlePutMax": 5001u64 << 20}), "singlePutMax"),
        (serde_json::json!({"maxBuffered": 0}), "maxBuffered"),
        (serde_json::json!({"requestTimeout": 0}), "requestTimeout"),
        (serde_json::json!({"requestTimeout": -1}), "requestTimeout"),
        (serde_json::json!({"apiVersion": "2014-01-01"}), "apiVersion"),
        (serde_json::json!({"contentType": "a\r\nb: c"}), "contentType"),
        (serde_json::json!({"retry": {"maxAttempts": 0}}), "retry.maxAttempts"),
        (serde_json::json!({"retry": {"maxAttemps": 2}}), "retry"),
        (serde_json::json!({"concurrence": 2}), "concurrence"),
    ] {
        let e = UploadSettings::from_json(&json).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidArgument);
        assert!(e.message().contains(&format!("`{field}`")), "{json}: {}", e.message());
    }
    assert!(UploadSettings::from_json(&serde_json::json!([1])).is_err());
    let bad = UploadSettings { concurrency: 0, ..UploadSettings::default() };
    assert_eq!(
        BlobUpload::new(&url(), UploadSource::Bytes(vec![]), &bad).unwrap_err().kind(),
        ErrorKind::InvalidArgument
    );
}

#[test]
fn old_versions_send_content_md5_and_the_setting_wins() {
    let body = data(15, 3 * KIB as usize);
    let mut host = Host::new(&[("p", body.clone())]);
    host.fault = Some(Box::new(|r, op| {
        if op == "put_block" {
            assert!(r.header("x-ms-content-crc64").is_none());
            assert_eq!(r.header("Content-MD5"), Some(content_md5(&r.body).as_str()));
            assert_eq!(r.header("x-ms-version"), Some("2016-05-31"));
            return Some(Completion::Response(HttpResponse::new(201, "")));
        }
        None
    }));
    let s = UploadSettings { api_version: Some("2016-05-31".into()), resume: false, ..small_blocks(KIB) };
    let r = host.run(&mut BlobUpload::new(&url(), UploadSource::File("p".into()), &s).unwrap());
    // the fake service never staged them, so its commit refuses: the requests were what mattered
    assert_eq!(r.unwrap_err().kind(), ErrorKind::BadRequest);
    assert_eq!(host.requests.iter().filter(|r| query(&r.url, "comp").as_deref() == Some("block")).count(), 3);
}

#[test]
fn the_machine_can_move_between_threads() {
    fn send<T: Send + 'static>(_: &T) {}
    let up = BlobUpload::new(&url(), UploadSource::Bytes(vec![1]), &UploadSettings::default()).unwrap();
    send(&up);
    assert!(format!("{up:?}").starts_with("BlobUpload"));
    assert!(!format!("{up:?}").contains("sig="), "no SAS in Debug");
}
