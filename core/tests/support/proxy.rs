//! A TCP proxy between a client and a local server that sees HTTP/1.1 requests (request line and
//! `Content-Length` body) and injects faults: cut every connection once after N request-body bytes,
//! go dead (cut and refuse everything after), or flip one byte of the body of the next N Put Block
//! requests. It logs each request (method, path and query with the SAS `sig` removed, body bytes
//! forwarded, whether the whole body went through), so a test can tell exactly what was (re)sent.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;

/// The fault a proxy injects.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// Forward faithfully.
    None,
    /// Once `n` request-body bytes have gone through in total, cut every open connection (once); later
    /// connections are forwarded faithfully.
    CutOnceAfter(u64),
    /// Once `n` request-body bytes have gone through, cut every connection and refuse all later ones.
    DeadAfter(u64),
    /// Flip one byte in the body of the next `n` Put Block / Put Blob requests.
    Corrupt(u32),
}

/// One request as the proxy forwarded it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Logged {
    /// `PUT`, `GET`, …
    pub method: String,
    /// Path and query, `sig` removed.
    pub target: String,
    /// `Content-Length` of the request.
    pub length: u64,
    /// Body bytes forwarded before the request ended or was cut.
    pub forwarded: u64,
}

impl Logged {
    /// Whether the whole body went through.
    pub fn complete(&self) -> bool {
        self.forwarded == self.length
    }

    /// The `blockid` of a Put Block request.
    pub fn block_id(&self) -> Option<String> {
        let q = self.target.split_once('?')?.1;
        if !q.split('&').any(|p| p == "comp=block") {
            return None;
        }
        q.split('&')
            .find_map(|p| p.strip_prefix("blockid="))
            .map(|v| percent_encoding::percent_decode_str(v).decode_utf8_lossy().into_owned())
    }
}

struct Shared {
    fault: Mutex<Fault>,
    body_bytes: AtomicU64,
    connections: AtomicU64,
    cut_done: AtomicBool,
    dead: AtomicBool,
    open: Mutex<Vec<TcpStream>>,
    log: Mutex<Vec<Logged>>,
    /// Request bodies being forwarded right now, and the most ever at once.
    active: AtomicU64,
    max_active: AtomicU64,
    /// Entries before this index were cleared (the log only grows, so open connections keep valid indexes).
    log_start: AtomicU64,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// A running proxy; stops accepting when dropped (open connections end with their peers).
pub struct Proxy {
    port: u16,
    shared: Arc<Shared>,
    stop: Arc<AtomicBool>,
}

impl Proxy {
    /// A proxy on a free loopback port forwarding to `127.0.0.1:target_port`.
    pub fn start(target_port: u16, fault: Fault) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind proxy");
        let port = listener.local_addr().unwrap().port();
        let shared = Arc::new(Shared {
            fault: Mutex::new(fault),
            body_bytes: AtomicU64::new(0),
            connections: AtomicU64::new(0),
            cut_done: AtomicBool::new(false),
            dead: AtomicBool::new(false),
            open: Mutex::new(Vec::new()),
            log: Mutex::new(Vec::new()),
            log_start: AtomicU64::new(0),
            active: AtomicU64::new(0),
            max_active: AtomicU64::new(0),
        });
        let stop = Arc::new(AtomicBool::new(false));
        let (sh, st) = (shared.clone(), stop.clone());
        thread::spawn(move || {
            for conn in listener.incoming() {
                if st.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(client) = conn else { continue };
                sh.connections.fetch_add(1, Ordering::SeqCst);
                if sh.dead.load(Ordering::SeqCst) {
                    let _ = client.shutdown(Shutdown::Both);
                    continue;
                }
                let Ok(server) = TcpStream::connect(("127.0.0.1", target_port)) else {
                    let _ = client.shutdown(Shutdown::Both);
                    continue;
                };
                let _ = client.set_nodelay(true);
                let _ = server.set_nodelay(true);
                {
                    let mut open = lock(&sh.open);
                    open.push(client.try_clone().unwrap());
                    open.push(server.try_clone().unwrap());
                }
                let (c2, s2) = (client.try_clone().unwrap(), server.try_clone().unwrap());
                thread::spawn(move || {
                    let (mut s2, mut c2) = (s2, c2);
                    let _ = std::io::copy(&mut s2, &mut c2);
                    let _ = c2.shutdown(Shutdown::Write);
                });
                let sh2 = sh.clone();
                thread::spawn(move || {
                    let _ = forward_requests(&sh2, client, server);
                });
            }
        });
        Proxy { port, shared, stop }
    }

    /// The proxy's port.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// `url` (pointing at the target) rewritten to go through the proxy.
    pub fn url(&self, url: &str, target_port: u16) -> String {
        url.replacen(&format!("127.0.0.1:{target_port}"), &format!("127.0.0.1:{}", self.port), 1)
    }

    /// Changes the fault from now on.
    pub fn set_fault(&self, fault: Fault) {
        *lock(&self.shared.fault) = fault;
        self.shared.body_bytes.store(0, Ordering::SeqCst);
        self.shared.cut_done.store(false, Ordering::SeqCst);
        self.shared.dead.store(false, Ordering::SeqCst);
    }

    /// Connections accepted so far.
    pub fn connections(&self) -> u64 {
        self.shared.connections.load(Ordering::SeqCst)
    }

    /// Every request forwarded since the start or the last [`Proxy::clear_log`].
    pub fn log(&self) -> Vec<Logged> {
        let start = self.shared.log_start.load(Ordering::SeqCst) as usize;
        lock(&self.shared.log)[start..].to_vec()
    }

    /// Forgets the log so far.
    pub fn clear_log(&self) {
        let len = lock(&self.shared.log).len();
        self.shared.log_start.store(len as u64, Ordering::SeqCst);
    }

    /// The most request bodies that were ever being forwarded at the same time (requests in flight).
    pub fn max_in_flight(&self) -> u64 {
        self.shared.max_active.load(Ordering::SeqCst)
    }

    /// Whether a cut happened.
    pub fn was_cut(&self) -> bool {
        self.shared.cut_done.load(Ordering::SeqCst)
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(("127.0.0.1", self.port));
        for s in lock(&self.shared.open).drain(..) {
            let _ = s.shutdown(Shutdown::Both);
        }
    }
}

fn cut_all(sh: &Shared) {
    for s in lock(&sh.open).drain(..) {
        let _ = s.shutdown(Shutdown::Both);
    }
}

fn strip_sig(target: &str) -> String {
    match target.split_once('?') {
        Some((path, q)) => {
            let kept: Vec<&str> = q.split('&').filter(|p| !p.starts_with("sig=")).collect();
            format!("{path}?{}", kept.join("&"))
        }
        None => target.to_string(),
    }
}

fn forward_requests(sh: &Shared, client: TcpStream, mut server: TcpStream) -> std::io::Result<()> {
    let mut reader = BufReader::with_capacity(64 * 1024, client);
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let mut head = Vec::new();
        loop {
            let n = reader.read_until(b'\n', &mut head)?;
            if n == 0 {
                return Ok(());
            }
            if head.ends_with(b"\r\n\r\n") {
                break;
            }
        }
        let text = String::from_utf8_lossy(&head).into_owned();
        let mut first = text.lines().next().unwrap_or("").split(' ');
        let method = first.next().unwrap_or("").to_string();
        let target = strip_sig(first.next().unwrap_or(""));
        let length: u64 = text
            .lines()
            .find_map(|l| {
                let (k, v) = l.split_once(':')?;
                k.trim().eq_ignore_ascii_case("content-length").then(|| v.trim().parse().ok())?
            })
            .unwrap_or(0);
        let is_upload = method == "PUT" && (target.contains("comp=block&") || !target.contains("comp="));
        let index = {
            let mut log = lock(&sh.log);
            log.push(Logged { method, target, length, forwarded: 0 });
            log.len() - 1
        };
        let mut corrupt = false;
        if is_upload && length > 0 {
            let mut f = lock(&sh.fault);
            if let Fault::Corrupt(n) = *f {
                if n > 0 {
                    corrupt = true;
                    *f = Fault::Corrupt(n - 1);
                }
            }
        }
        server.write_all(&head)?;
        let now = sh.active.fetch_add(1, Ordering::SeqCst) + 1;
        sh.max_active.fetch_max(now, Ordering::SeqCst);
        let r = forward_body(sh, &mut reader, &mut server, &mut buf, length, index, corrupt);
        sh.active.fetch_sub(1, Ordering::SeqCst);
        if !r? {
            return Ok(());
        }
    }
}

/// Forwards one request body, injecting the fault; `Ok(false)` when the connection ended or was cut.
fn forward_body(
    sh: &Shared,
    reader: &mut BufReader<TcpStream>,
    server: &mut TcpStream,
    buf: &mut [u8],
    length: u64,
    index: usize,
    mut corrupt: bool,
) -> std::io::Result<bool> {
    {
        let mut left = length;
        while left > 0 {
            let want = left.min(buf.len() as u64) as usize;
            let n = reader.read(&mut buf[..want])?;
            if n == 0 {
                return Ok(false);
            }
            if corrupt {
                buf[0] ^= 0xFF;
                corrupt = false;
            }
            let total = sh.body_bytes.fetch_add(n as u64, Ordering::SeqCst) + n as u64;
            let fault = *lock(&sh.fault);
            let limit = match fault {
                Fault::CutOnceAfter(l) if !sh.cut_done.load(Ordering::SeqCst) => Some(l),
                Fault::DeadAfter(l) => Some(l),
                _ => None,
            };
            if let Some(l) = limit {
                if total >= l {
                    if matches!(fault, Fault::DeadAfter(_)) {
                        sh.dead.store(true, Ordering::SeqCst);
                    }
                    sh.cut_done.store(true, Ordering::SeqCst);
                    cut_all(sh);
                    return Ok(false);
                }
            }
            server.write_all(&buf[..n])?;
            lock(&sh.log)[index].forwarded += n as u64;
            left -= n as u64;
        }
    }
    Ok(true)
}
