//! Sending core `HttpRequest`s with reqwest: what the native executor sends every request with.

use bytes::Bytes;

use crate::error::{Error, ErrorKind, Result};
use crate::http::{HttpRequest, HttpResponse, Method};

fn method(m: Method) -> reqwest::Method {
    match m {
        Method::Get => reqwest::Method::GET,
        Method::Post => reqwest::Method::POST,
        Method::Put => reqwest::Method::PUT,
        Method::Patch => reqwest::Method::PATCH,
        Method::Delete => reqwest::Method::DELETE,
        Method::Head => reqwest::Method::HEAD,
    }
}

/// Maps a reqwest failure to a typed error (never showing the URL: it may hold a SAS signature).
pub(crate) fn map_error(e: &reqwest::Error) -> Error {
    let kind = if e.is_timeout() { ErrorKind::Timeout } else { ErrorKind::Transport };
    let mut msg = String::from(if e.is_timeout() { "request timed out" } else { "connection failed" });
    let mut src: Option<&dyn std::error::Error> = std::error::Error::source(e);
    while let Some(s) = src {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        src = s.source();
    }
    Error::new(kind, msg)
}

/// Sends `req`; `body` (when given) replaces `req.body` without a copy.
pub(crate) async fn send(client: &reqwest::Client, req: &HttpRequest, body: Option<Bytes>) -> Result<HttpResponse> {
    let mut b = client.request(method(req.method), &req.url);
    for (n, v) in &req.headers {
        b = b.header(n.as_str(), v.as_str());
    }
    if let Some(t) = req.timeout {
        b = b.timeout(t);
    }
    let body = body.unwrap_or_else(|| Bytes::from(req.body.clone()));
    if !body.is_empty() || matches!(req.method, Method::Put | Method::Post | Method::Patch) {
        b = b.header("Content-Length", body.len().to_string()).body(body);
    }
    let resp = b.send().await.map_err(|e| map_error(&e))?;
    let status = resp.status().as_u16();
    let headers = resp
        .headers()
        .iter()
        .map(|(n, v)| (n.as_str().to_string(), String::from_utf8_lossy(v.as_bytes()).into_owned()))
        .collect();
    let body = read_capped(resp, req.max_response_bytes).await?;
    Ok(HttpResponse { status, headers, body })
}

/// The body, read as it streams in and refused (`response_too_large`) as soon as it passes `max` bytes,
/// or at once when its declared length does: a hostile or broken server cannot make the process hold
/// (or try to allocate) more than the request's limit.
async fn read_capped(mut resp: reqwest::Response, max: u64) -> Result<Vec<u8>> {
    let too_large = |seen: String| crate::http::response_too_large(&seen, max);
    if let Some(declared) = resp.content_length().filter(|n| *n > max) {
        return Err(too_large(declared.to_string()));
    }
    let mut body = Vec::with_capacity(resp.content_length().unwrap_or(0).min(1 << 20) as usize);
    while let Some(chunk) = resp.chunk().await.map_err(|e| map_error(&e))? {
        if (body.len() + chunk.len()) as u64 > max {
            return Err(too_large(format!("more than {}", body.len() + chunk.len())));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}
