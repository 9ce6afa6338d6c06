//! The HTTP server: each service at the root of its own port, all of them under path prefixes on the
//! main port, fault injection, rate limiting, correlation ids, CORS, and dispatch of every API request
//! through the core's route table.

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
pub use crate::svc::{
    code_for_status, error, Svc, ADMIN_PREFIX, BLOB_PREFIX, DEVCENTER_PREFIX, DEVCENTER_SOURCE, INGESTION_PREFIX,
    TOKEN_PREFIX, WIN32_PREFIX,
};
use crate::svc::{prefix_of, split_prefix};
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

fn fault_response(svc: Svc, action: &crate::faults::FaultAction, req: &Req) -> Resp {
    let status = action.status.unwrap_or(503);
    let mut resp = match &action.body {
        _ if action.echo => {
            let headers: Vec<String> = req.headers.iter().map(|(n, v)| format!("{n}: {v}")).collect();
            let message = format!(
                "the gateway repeats your request: {} | {}",
                headers.join("; "),
                String::from_utf8_lossy(&req.body)
            );
            error(svc, status, code_for_status(svc, status), &message, "")
        }
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

fn operation_for(svc: Svc, method: Method, rest: &str, query: &str) -> Option<&'static str> {
    match svc {
        Svc::Api(f) => match_route(f, method, rest)
            .map(|(op, _)| op.id)
            .or_else(|| (f == Family::Token).then(|| crate::oidc::operation(rest)).flatten()),
        Svc::Blob => Some(blob_operation(method, query)),
        _ => None,
    }
}

/// The blob request's operation, named as the core's uploader names its requests (`blob.put_block`, …),
/// so fault rules and the request log can name it whatever the blob's path.
fn blob_operation(method: Method, query: &str) -> &'static str {
    let comp = query.split('&').find_map(|p| p.strip_prefix("comp=")).map(str::to_ascii_lowercase).unwrap_or_default();
    match (method, comp.as_str()) {
        (Method::Put, "block") => "blob.put_block",
        (Method::Put, "blocklist") => "blob.put_block_list",
        (Method::Get, "blocklist") => "blob.get_block_list",
        (Method::Put, _) => "blob.put_blob",
        (Method::Get | Method::Head, _) => "blob.get_blob",
        _ => "blob.other",
    }
}

/// How a listener maps request paths to services.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// The main port: every service under its path prefix (`/devcenter`, …, `/blob`) and the admin API
    /// under `/_emulator`.
    Prefixed,
    /// A service's own origin: the service answers at the root, as Microsoft's does (the blob store under
    /// its account segment `/blob`, as path-style blob URLs on an IP address have).
    Origin(Svc),
}

impl Layout {
    /// The service a request path is for and the path below the service root.
    pub fn route(self, path: &str) -> Option<(Svc, &str)> {
        match self {
            Layout::Prefixed => split_prefix(path),
            Layout::Origin(Svc::Blob) => split_prefix(path).filter(|(svc, _)| *svc == Svc::Blob),
            Layout::Origin(svc) => Some((svc, path)),
        }
    }

    /// What the listener serves, for messages (`the devcenter port`).
    pub fn describe(self) -> String {
        match self {
            Layout::Prefixed => "the main port".into(),
            Layout::Origin(svc) => format!("the {} port", prefix_of(svc).trim_start_matches('/')),
        }
    }
}

/// The headers a browser page may read from an answer (`Access-Control-Expose-Headers`): what the
/// core's parsers and Azure's blob clients look at.
const CORS_EXPOSE: &str = "ETag, Last-Modified, Location, Retry-After, Date, WWW-Authenticate, MS-CorrelationId, \
MS-RequestId, X-Correlation-ID, x-ms-request-id, x-ms-version, x-ms-error-code, x-ms-content-crc64, Content-MD5, \
x-ms-request-server-encrypted";

/// The answer to a CORS preflight (`OPTIONS` with `Origin` and `Access-Control-Request-Method`): the
/// requested method and headers allowed for an allowed origin; 403 otherwise, as Azure storage answers a
/// preflight no CORS rule matches.
fn preflight(svc: Option<Svc>, allowed: bool, request_headers: Option<String>, private_network: bool) -> Resp {
    if !allowed {
        let svc = svc.unwrap_or(Svc::Blob);
        return error(
            svc,
            403,
            "CorsPreflightFailure",
            "CORS is not enabled for this origin (start the emulator with --cors-origin).",
            "",
        );
    }
    let mut r = Resp::empty(200)
        .with_header("Access-Control-Allow-Methods", "GET, HEAD, PUT, POST, PATCH, DELETE")
        .with_header("Access-Control-Max-Age", "600");
    if let Some(h) = request_headers {
        r = r.with_header("Access-Control-Allow-Headers", h);
    }
    if private_network {
        r = r.with_header("Access-Control-Allow-Private-Network", "true");
    }
    r
}

/// Serves one request on a listener of the given layout: routing, CORS, correlation headers around
/// [`serve_routed`].
///
/// # Errors
/// [`DropConnection`] when a fault rule says to drop the connection.
pub async fn serve(
    shared: Arc<Shared>,
    layout: Layout,
    req: hyper::Request<Incoming>,
) -> Result<hyper::Response<Full<Bytes>>, DropConnection> {
    if shared.lock().down_until.is_some_and(|t| std::time::Instant::now() < t) {
        // Restarting: no answer at all.
        return Err(DropConnection);
    }
    let header = |n: &str| req.headers().get(n).and_then(|v| v.to_str().ok()).map(str::to_string);
    let origin = header("origin").filter(|o| shared.lock().config.cors_allows(o));
    let asked_origin = header("origin").is_some();
    let (correlation_id, request_id) = (header("ms-correlationid"), header("ms-requestid"));
    let routed = layout.route(req.uri().path()).map(|(svc, rest)| (svc, rest.to_string()));
    let is_preflight =
        req.method() == hyper::Method::OPTIONS && asked_origin && header("access-control-request-method").is_some();
    let (svc, mut resp) = if is_preflight {
        let svc = routed.as_ref().map(|(s, _)| *s);
        let private_network = header("access-control-request-private-network").is_some();
        (svc, preflight(svc, origin.is_some(), header("access-control-request-headers"), private_network))
    } else {
        match routed {
            Some((svc, rest)) => (Some(svc), serve_routed(&shared, layout, svc, rest, req).await?),
            None => (None, unknown_path(layout)),
        }
    };
    let correlation = match resp.header("X-Correlation-ID") {
        Some(c) => c.to_string(),
        None => {
            let c = util::guid();
            resp.headers.push(("X-Correlation-ID".into(), c.clone()));
            c
        }
    };
    // The Partner Center front door (the classic API and the ingestion API) answers with the client's
    // MS-CorrelationId and MS-RequestId, or ids of its own when the client sent none.
    if matches!(svc, Some(Svc::Api(Family::Devcenter | Family::Ingestion))) {
        for (name, sent, own) in
            [("MS-CorrelationId", correlation_id, correlation), ("MS-RequestId", request_id, util::guid())]
        {
            if resp.header(name).is_none() {
                resp.headers.push((name.into(), sent.filter(|v| !v.trim().is_empty()).unwrap_or(own)));
            }
        }
    }
    if let Some(o) = origin {
        resp.headers.push(("Access-Control-Allow-Origin".into(), o));
        resp.headers.push(("Access-Control-Expose-Headers".into(), CORS_EXPOSE.into()));
        resp.headers.push(("Vary".into(), "Origin".into()));
    }
    Ok(to_hyper(resp))
}

/// The answer to a path no service of this listener serves.
fn unknown_path(layout: Layout) -> Resp {
    match layout {
        Layout::Origin(svc) => {
            let message = format!("No such resource: this origin serves {}/….", prefix_of(svc));
            error(svc, 404, code_for_status(svc, 404), &message, "")
        }
        Layout::Prefixed => {
            let prefixes = [DEVCENTER_PREFIX, WIN32_PREFIX, INGESTION_PREFIX, TOKEN_PREFIX, BLOB_PREFIX, ADMIN_PREFIX];
            Resp::json(404, &json!({"error": "unknown service prefix", "services": prefixes}))
        }
    }
}

/// Serves one request for a service: `rest` is its path below the service root. Fault rules and the
/// request log see the path with the service's prefix, whichever origin the request came in on.
async fn serve_routed(
    shared: &Arc<Shared>,
    layout: Layout,
    svc: Svc,
    rest: String,
    req: hyper::Request<Incoming>,
) -> Result<Resp, DropConnection> {
    let (parts, body) = req.into_parts();
    let one_port = layout == Layout::Prefixed;
    let full_path = format!("{}{rest}", prefix_of(svc));
    let raw_query = parts.uri.query().unwrap_or("").to_string();
    let Some(method) = Method::parse(parts.method.as_str()) else {
        return Ok(error(svc, 405, "MethodNotAllowed", "The HTTP method is not supported.", ""));
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
    if let Some(r) = refuse_early(shared, svc, &req, max_body) {
        let op = operation_for(svc, method, &rest, &req.raw_query);
        shared.lock().record(method.as_str(), &full_path, r.status, op);
        return Ok(r);
    }
    req.body = match Limited::new(body, max_body).collect().await {
        Ok(b) => b.to_bytes(),
        Err(e) => {
            let too_big = e.downcast_ref::<http_body_util::LengthLimitError>().is_some();
            if !too_big {
                return Err(DropConnection);
            }
            return Ok(error(
                svc,
                413,
                "RequestBodyTooLarge",
                "The request body is larger than the emulator accepts.",
                "",
            ));
        }
    };
    let op = operation_for(svc, method, &rest, &req.raw_query);
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
                    let message = format!("The blob store could not be read: {e}");
                    return Ok(error(svc, 502, code_for_status(svc, 502), &message, ""));
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
    let resp = match &action {
        Some(a) if a.status.is_some() && !a.after_work => fault_response(svc, a, &req),
        _ => {
            let mut st = shared.lock();
            st.prefetched = prefetched;
            st.one_port = one_port;
            let r = handle(&mut st, svc, &req);
            st.prefetched.clear();
            st.one_port = false;
            match &action {
                Some(a) if a.after_work => fault_response(svc, a, &req),
                _ => r,
            }
        }
    };
    // The log is what the services saw: the admin API's own calls are not in it.
    if svc != Svc::Admin {
        shared.lock().record(method.as_str(), &full_path, resp.status, op);
    }
    Ok(resp)
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
            if family == Family::Token {
                if let Some(r) = crate::oidc::handle(st, req) {
                    return r;
                }
            }
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

/// Accept loops, one per listener: serve connections until `shutdown` fires.
pub async fn run(
    listeners: Vec<(tokio::net::TcpListener, Layout)>,
    shared: Arc<Shared>,
    shutdown: tokio::sync::watch::Receiver<bool>,
) {
    // Dropping the set (when this task is aborted) aborts every accept loop.
    let mut loops = tokio::task::JoinSet::new();
    for (listener, layout) in listeners {
        loops.spawn(accept(listener, layout, shared.clone(), shutdown.clone()));
    }
    while loops.join_next().await.is_some() {}
}

async fn accept(
    listener: tokio::net::TcpListener,
    layout: Layout,
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
                    let svc = hyper::service::service_fn(move |req| serve(shared.clone(), layout, req));
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
