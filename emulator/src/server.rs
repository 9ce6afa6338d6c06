//! The HTTP server: one loopback port, one path prefix per service, fault injection, rate limiting,
//! correlation ids, and dispatch of every API request through the core's route table.

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use serde_json::{json, Value};
use storesubmit::api::routes::{self, match_route};
use storesubmit::api::Family;
use storesubmit::Method;

use crate::state::State;
use crate::svc::split_prefix;
pub use crate::svc::{
    code_for_status, error, Svc, ADMIN_PREFIX, BLOB_PREFIX, DEVCENTER_PREFIX, DEVCENTER_SOURCE, INGESTION_PREFIX,
    TOKEN_PREFIX, WIN32_PREFIX,
};
use crate::util::{self, Req, Resp};

/// State shared by all connections.
#[derive(Debug)]
pub struct Shared {
    /// The state.
    pub state: Mutex<State>,
}

impl Shared {
    /// Locks the state (a poisoned lock is recovered: handlers never leave it half-written).
    pub fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// Returned by the service to make hyper close the connection without an answer.
#[derive(Debug)]
pub struct DropConnection;

impl std::fmt::Display for DropConnection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection dropped by fault rule")
    }
}

impl std::error::Error for DropConnection {}

fn to_hyper(resp: Resp) -> hyper::Response<Full<Bytes>> {
    let mut b = hyper::Response::builder().status(resp.status);
    for (n, v) in &resp.headers {
        if let (Ok(name), Ok(value)) =
            (hyper::header::HeaderName::from_bytes(n.as_bytes()), hyper::header::HeaderValue::from_str(v))
        {
            b = b.header(name, value);
        }
    }
    b.body(Full::new(resp.body)).unwrap_or_else(|_| {
        let mut r = hyper::Response::new(Full::new(Bytes::from_static(b"internal error")));
        *r.status_mut() = hyper::StatusCode::INTERNAL_SERVER_ERROR;
        r
    })
}

fn fault_response(svc: Svc, action: &crate::faults::FaultAction) -> Resp {
    let status = action.status.unwrap_or(503);
    let mut resp = match &action.body {
        Some(Value::String(s)) => Resp { status, headers: Vec::new(), body: Bytes::from(s.clone()) },
        Some(v) => Resp::json(status, v),
        None => {
            let code = code_for_status(svc, status);
            error(svc, status, code, "Fault injected by the storesubmit emulator.", "")
        }
    };
    let mut headers = action.headers.clone();
    if let Some(secs) = action.retry_after_date_secs {
        let now_ms =
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() * 1000).unwrap_or(0);
        headers.push(("Date".into(), util::http_date(now_ms)));
        headers.push(("Retry-After".into(), util::http_date(now_ms + secs * 1000)));
    }
    for (n, v) in &headers {
        resp.headers.retain(|(h, _)| !h.eq_ignore_ascii_case(n));
        resp.headers.push((n.clone(), v.clone()));
    }
    resp
}

fn operation_for(svc: Svc, method: Method, rest: &str) -> Option<&'static str> {
    match svc {
        Svc::Api(f) => match_route(f, method, rest).map(|(op, _)| op.id),
        _ => None,
    }
}

/// Serves one request.
///
/// # Errors
/// [`DropConnection`] when a fault rule says to drop the connection.
pub async fn serve(
    shared: Arc<Shared>,
    req: hyper::Request<Incoming>,
) -> Result<hyper::Response<Full<Bytes>>, DropConnection> {
    let correlation = util::guid();
    if shared.lock().down_until.is_some_and(|t| std::time::Instant::now() < t) {
        // Restarting: no answer at all.
        return Err(DropConnection);
    }
    let (parts, body) = req.into_parts();
    let full_path = parts.uri.path().to_string();
    let raw_query = parts.uri.query().unwrap_or("").to_string();
    let Some((svc, rest)) = split_prefix(&full_path) else {
        let r = Resp::json(404, &json!({"error": "unknown service prefix", "services": [DEVCENTER_PREFIX, WIN32_PREFIX, INGESTION_PREFIX, TOKEN_PREFIX, BLOB_PREFIX, ADMIN_PREFIX]}))
            .with_header("X-Correlation-ID", correlation);
        return Ok(to_hyper(r));
    };
    let rest = rest.to_string();
    let Some(method) = Method::parse(parts.method.as_str()) else {
        let r = error(svc, 405, "MethodNotAllowed", "The HTTP method is not supported.", "")
            .with_header("X-Correlation-ID", correlation);
        return Ok(to_hyper(r));
    };
    let headers: Vec<(String, String)> = parts
        .headers
        .iter()
        .map(|(n, v)| (n.as_str().to_string(), String::from_utf8_lossy(v.as_bytes()).into_owned()))
        .collect();
    let mut req = Req {
        method,
        path: rest.clone(),
        query: util::parse_pairs(&raw_query),
        raw_query,
        headers,
        body: Bytes::new(),
    };
    // Refuse what can be refused from the head alone before reading a byte of the body: a hostile client
    // cannot make the emulator buffer a large body it would reject anyway.
    let max_body = body_limit(&shared.lock(), svc);
    if let Some(r) = refuse_early(&shared, svc, &req, max_body) {
        let r = r.with_header("X-Correlation-ID", correlation);
        shared.lock().record(method.as_str(), &full_path, r.status, operation_for(svc, method, &rest));
        return Ok(to_hyper(r));
    }
    req.body = match Limited::new(body, max_body).collect().await {
        Ok(b) => b.to_bytes(),
        Err(e) => {
            let too_big = e.downcast_ref::<http_body_util::LengthLimitError>().is_some();
            if !too_big {
                return Err(DropConnection);
            }
            let r = error(svc, 413, "RequestBodyTooLarge", "The request body is larger than the emulator accepts.", "")
                .with_header("X-Correlation-ID", correlation);
            return Ok(to_hyper(r));
        }
    };
    let op = operation_for(svc, method, &rest);
    let mut prefetched = std::collections::HashMap::new();
    let (external, wanted) = {
        let st = shared.lock();
        (st.external.clone(), blobs_needed(&st, svc, &req))
    };
    if let Some(x) = external {
        for path in wanted {
            match x.get(&path).await {
                Ok(data) => {
                    prefetched.insert(path, data);
                }
                Err(e) => {
                    let r = error(
                        svc,
                        502,
                        code_for_status(svc, 502),
                        &format!("The blob store could not be read: {e}"),
                        "",
                    )
                    .with_header("X-Correlation-ID", correlation);
                    return Ok(to_hyper(r));
                }
            }
        }
    }

    let action = if svc == Svc::Admin { None } else { shared.lock().faults.take(method.as_str(), &full_path, op) };
    if let Some(a) = &action {
        if a.delay_ms > 0 {
            tokio::time::sleep(Duration::from_millis(a.delay_ms)).await;
        }
        if a.drop {
            shared.lock().record(method.as_str(), &full_path, 0, op);
            return Err(DropConnection);
        }
    }
    let mut resp = match &action {
        Some(a) if a.status.is_some() && !a.after_work => fault_response(svc, a),
        _ => {
            let mut st = shared.lock();
            st.prefetched = prefetched;
            let r = handle(&mut st, svc, &req);
            st.prefetched.clear();
            match &action {
                Some(a) if a.after_work => fault_response(svc, a),
                _ => r,
            }
        }
    };
    if resp.header("X-Correlation-ID").is_none() {
        resp.headers.push(("X-Correlation-ID".into(), correlation.clone()));
    }
    if svc == Svc::Api(Family::Devcenter) && resp.header("MS-CorrelationId").is_none() {
        resp.headers.push(("MS-CorrelationId".into(), correlation));
    }
    shared.lock().record(method.as_str(), &full_path, resp.status, op);
    Ok(to_hyper(resp))
}

/// Largest API request body (JSON documents), bytes: no Store document comes near it, so a larger body
/// is refused (413) without being buffered. Blob uploads may use the whole `max_body_bytes`.
pub const API_MAX_BODY_BYTES: usize = 32 << 20;

/// The body limit of a service: `max_body_bytes` for the blob store, at most [`API_MAX_BODY_BYTES`]
/// for the APIs and the token service.
fn body_limit(st: &State, svc: Svc) -> usize {
    match svc {
        Svc::Blob => st.config.max_body_bytes,
        _ => st.config.max_body_bytes.min(API_MAX_BODY_BYTES),
    }
}

/// The answer to a request that can be refused from its head alone: an API call without a valid token
/// (401, the same answer [`handle`] gives), or a declared `Content-Length` over the limit (413).
fn refuse_early(shared: &Shared, svc: Svc, req: &Req, max_body: usize) -> Option<Resp> {
    if let Svc::Api(family) = svc {
        if family != Family::Token && match_route(family, req.method, &req.path).is_some() {
            let st = shared.lock();
            if let Err(f) = crate::token::check(&st, req, family) {
                return Some(
                    error(svc, 401, code_for_status(svc, 401), f.message(), "")
                        .with_header("WWW-Authenticate", f.challenge()),
                );
            }
        }
    }
    let declared = req.header("content-length").and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|n| n > max_body as u64) {
        return Some(error(
            svc,
            413,
            "RequestBodyTooLarge",
            "The request body is larger than the emulator accepts.",
            "",
        ));
    }
    None
}

/// The blobs a request reads, which must be fetched from an outside store before it runs.
fn blobs_needed(st: &State, svc: Svc, req: &Req) -> Vec<String> {
    let Svc::Api(family) = svc else { return Vec::new() };
    let Some((op, params)) = match_route(family, req.method, &req.path) else { return Vec::new() };
    match family {
        Family::Devcenter => crate::devcenter::blobs_needed(st, op.id, &params),
        Family::Win32 => crate::win32::blobs_needed(st, op.id, &params, req),
        Family::Ingestion => crate::ingestion::blobs_needed(st, op.id, &params, req),
        Family::Token => Vec::new(),
    }
}

/// Handles a request against the state (no faults here).
pub fn handle(st: &mut State, svc: Svc, req: &Req) -> Resp {
    st.tick();
    match svc {
        Svc::Admin => crate::admin::handle(st, req),
        Svc::Blob => {
            let path = util::decode(req.path.trim_start_matches('/'));
            let now = st.now();
            st.blobs.handle(req, &path, now)
        }
        Svc::Api(family) => {
            let Some((op, params)) = match_route(family, req.method, &req.path) else {
                let other_method = routes::OPERATIONS.iter().filter(|o| o.family == family).any(|o| {
                    [Method::Get, Method::Post, Method::Put, Method::Patch, Method::Delete]
                        .iter()
                        .any(|m| *m != req.method && o.method == *m && match_route(family, *m, &req.path).is_some())
                });
                return if other_method {
                    error(svc, 405, code_for_status(svc, 405), "The HTTP method is not allowed on this resource.", "")
                } else {
                    error(svc, 404, code_for_status(svc, 404), "No such resource.", "")
                };
            };
            if family == Family::Token {
                let tenant = util::param(&params, "tenantId").to_string();
                return crate::token::issue(st, req, &tenant, op.id == "token.v2");
            }
            let token = match crate::token::check(st, req, family) {
                Ok(t) => t,
                Err(f) => {
                    return error(svc, 401, code_for_status(svc, 401), f.message(), "")
                        .with_header("WWW-Authenticate", f.challenge())
                }
            };
            if let Some(limit) = st.config.rate_limit.clone() {
                let now = st.now();
                if let Some(after) = st.limiter.hit(&token, now, &limit) {
                    return error(
                        svc,
                        429,
                        code_for_status(svc, 429),
                        "Rate limit exceeded; retry after the indicated delay.",
                        "",
                    )
                    .with_header("Retry-After", after.to_string());
                }
            }
            match family {
                Family::Devcenter => crate::devcenter::handle(st, req, op.id, &params),
                Family::Win32 => crate::win32::handle(st, req, op.id, &params),
                Family::Ingestion => crate::ingestion::handle(st, req, op.id, &params),
                Family::Token => unreachable_token(),
            }
        }
    }
}

fn unreachable_token() -> Resp {
    Resp::json(500, &json!({"error": "internal routing error"}))
}

/// Accept loop: serves connections until `shutdown` fires.
pub async fn run(
    listener: tokio::net::TcpListener,
    shared: Arc<Shared>,
    mut shutdown: tokio::sync::watch::Receiver<bool>,
) {
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let Ok((stream, _)) = accepted else { continue };
                let _ = stream.set_nodelay(true);
                let shared = shared.clone();
                let mut stop = shutdown.clone();
                tokio::spawn(async move {
                    let io = hyper_util::rt::TokioIo::new(stream);
                    let svc = hyper::service::service_fn(move |req| serve(shared.clone(), req));
                    let conn = hyper::server::conn::http1::Builder::new().keep_alive(true).serve_connection(io, svc);
                    tokio::pin!(conn);
                    tokio::select! {
                        _ = conn.as_mut() => {}
                        _ = stop.changed() => {}
                    }
                });
            }
            _ = shutdown.changed() => break,
        }
    }
}
