//! Request builders and response parsers for the three Store API families, the token service and Azure
//! Blob storage. Pure functions: requests out, responses in.
//!
//! - [`routes`]: the table of every operation (the one home of every endpoint path).
//! - [`build`]: builds any operation from its id and JSON arguments (what the shared request vectors and
//!   the bindings' generic `build_request` use); the typed modules below are thin wrappers around it.
//! - [`auth`], [`devcenter`], [`win32`], [`ingestion`], [`blob`]: typed builders and parsers per service.

pub mod auth;
pub mod blob;
pub mod devcenter;
pub mod ingestion;
pub mod routes;
pub mod win32;

use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::{Error, Result};
use crate::http::{HttpRequest, HttpResponse};
pub use routes::{Family, Operation, OPERATIONS};

/// Production service root of the classic Store submission API.
pub const DEVCENTER_ROOT: &str = "https://manage.devcenter.microsoft.com";
/// Production service root of the MSI/EXE submission API.
pub const WIN32_ROOT: &str = "https://api.store.microsoft.com";
/// Production service root of the Partner Center ingestion API.
pub const INGESTION_ROOT: &str = "https://api.partner.microsoft.com";
/// Production Azure AD token service root.
pub const TOKEN_ROOT: &str = "https://login.microsoftonline.com";
/// The Azure instance metadata service's token endpoint, where a managed identity gets its tokens
/// (plain http to a link-local address that never leaves the machine).
pub const IMDS_TOKEN_URL: &str = "http://169.254.169.254/metadata/identity/oauth2/token";

/// Header carrying the seller id on every win32 call.
pub const SELLER_HEADER: &str = "X-Seller-Account-Id";

/// Service roots: the documented paths are appended to these. Defaults are production; the emulator
/// (and tests) override them. These are exactly the `*_url` values the emulator prints.
///
/// JSON (`endpoints` of [`crate::options::ClientOptions`]): `{devcenter, win32, ingestion, token}`, each
/// optional (production when absent), each `https` or `http` to a loopback host.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Endpoints {
    /// Root of the classic API (`{devcenter}/v1.0/my/...`). Default [`DEVCENTER_ROOT`].
    pub devcenter: String,
    /// Root of the MSI/EXE API (`{win32}/submission/v1/product/...`). Default [`WIN32_ROOT`].
    pub win32: String,
    /// Root of the ingestion API (`{ingestion}/v1.0/ingestion/...`). Default [`INGESTION_ROOT`].
    pub ingestion: String,
    /// Root of the token service (`{token}/{tenant}/oauth2/v2.0/token`). Default [`TOKEN_ROOT`].
    pub token: String,
}

impl<'de> Deserialize<'de> for Endpoints {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let v = Value::deserialize(d)?;
        Endpoints::from_json_at(&v, "").map_err(|e| serde::de::Error::custom(e.message()))
    }
}

impl Default for Endpoints {
    fn default() -> Self {
        Endpoints::production()
    }
}

impl Endpoints {
    /// The real Microsoft services.
    pub fn production() -> Self {
        Endpoints {
            devcenter: DEVCENTER_ROOT.to_string(),
            win32: WIN32_ROOT.to_string(),
            ingestion: INGESTION_ROOT.to_string(),
            token: TOKEN_ROOT.to_string(),
        }
    }

    /// The same root for every service (an emulator serving all of them on one port).
    pub fn all_at(root: &str) -> Self {
        let root = root.trim_end_matches('/').to_string();
        Endpoints { devcenter: root.clone(), win32: root.clone(), ingestion: root.clone(), token: root }
    }

    /// Reads the JSON form found at pointer `at`: missing keys are production.
    ///
    /// # Errors
    /// `invalid_argument` naming the field's pointer when a root is not a string or the key is unknown;
    /// `unsupported` (the kind of [`crate::http::check_url_scheme`], so the rule fails alike wherever it
    /// is applied) naming the pointer when a root is not https (plain http only to loopback hosts).
    pub fn from_json_at(v: &Value, at: &str) -> Result<Endpoints> {
        let mut f = crate::json::Fields::new(v, at)?;
        let mut ep = Endpoints::production();
        for (key, slot) in [
            ("devcenter", &mut ep.devcenter),
            ("win32", &mut ep.win32),
            ("ingestion", &mut ep.ingestion),
            ("token", &mut ep.token),
        ] {
            if let Some(x) = f.take(key, &[])? {
                let url = x.string()?;
                crate::http::check_url_scheme(url).map_err(|e| {
                    let rule = format!("must be https (plain http only to a loopback host): {}", e.message());
                    Error::new(e.kind(), x.invalid(rule).message())
                })?;
                *slot = url.to_string();
            }
        }
        f.finish()?;
        Ok(ep)
    }

    /// The root of a family, without a trailing slash.
    pub fn root(&self, family: Family) -> &str {
        let r = match family {
            Family::Devcenter => &self.devcenter,
            Family::Win32 => &self.win32,
            Family::Ingestion => &self.ingestion,
            Family::Token => &self.token,
        };
        r.trim_end_matches('/')
    }
}

/// Characters escaped in a path segment: everything but unreserved and the sub-delims the services
/// use literally in OData segments.
const PATH_SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'<')
    .add(b'>')
    .add(b'`')
    .add(b'?')
    .add(b'{')
    .add(b'}')
    .add(b'/')
    .add(b'%')
    .add(b'\\')
    .add(b'^')
    .add(b'|');

/// Characters escaped in a query value.
const QUERY_VALUE: &AsciiSet = &PATH_SEGMENT.add(b'&').add(b'=').add(b'+').add(b'\'');

/// Escapes a value for use in a path segment.
pub fn encode_path_segment(value: &str) -> String {
    utf8_percent_encode(value, PATH_SEGMENT).to_string()
}

/// Escapes a value for use in a query string.
pub fn encode_query_value(value: &str) -> String {
    utf8_percent_encode(value, QUERY_VALUE).to_string()
}

/// A request being assembled for one [`Operation`]: path parameters, query, body, headers.
#[derive(Debug, Clone)]
pub struct OpRequest<'a> {
    endpoints: &'a Endpoints,
    op: &'static Operation,
    params: Vec<(String, String)>,
    query: Vec<(String, String)>,
    body: Option<Value>,
    headers: Vec<(String, String)>,
}

impl<'a> OpRequest<'a> {
    /// Starts a request for the operation with the given id.
    ///
    /// # Errors
    /// `invalid_argument` when no operation has that id.
    pub fn new(endpoints: &'a Endpoints, op_id: &str) -> Result<Self> {
        let op =
            routes::operation(op_id).ok_or_else(|| Error::invalid_argument(format!("unknown operation `{op_id}`")))?;
        Ok(OpRequest::for_operation(endpoints, op))
    }

    /// Starts a request for an operation of the table (no lookup, nothing to fail).
    pub fn for_operation(endpoints: &'a Endpoints, op: &'static Operation) -> Self {
        OpRequest { endpoints, op, params: Vec::new(), query: Vec::new(), body: None, headers: Vec::new() }
    }

    /// Sets a path parameter.
    pub fn param(mut self, name: &str, value: impl Into<String>) -> Self {
        self.params.push((name.to_string(), value.into()));
        self
    }

    /// Adds a query parameter (must be one the operation documents).
    pub fn query(mut self, name: &str, value: impl Into<String>) -> Self {
        self.query.push((name.to_string(), value.into()));
        self
    }

    /// Adds a query parameter when present.
    pub fn query_opt(self, name: &str, value: Option<impl Into<String>>) -> Self {
        match value {
            Some(v) => self.query(name, v),
            None => self,
        }
    }

    /// Sets the JSON body.
    pub fn json(mut self, body: Value) -> Self {
        self.body = Some(body);
        self
    }

    /// Adds a header.
    pub fn header(mut self, name: &str, value: impl Into<String>) -> Self {
        self.headers.push((name.to_string(), value.into()));
        self
    }

    /// Builds the request.
    ///
    /// # Errors
    /// `invalid_argument` naming the parameter when a path parameter is missing or empty, a query
    /// parameter is not one the method documents, or a body is missing/unexpected.
    pub fn build(self) -> Result<HttpRequest> {
        let op = self.op;
        let mut path = String::with_capacity(op.path.len() + 32);
        let mut rest = op.path;
        while let Some(start) = rest.find('{') {
            let end = rest[start..].find('}').expect("templates are well formed") + start;
            let name = &rest[start + 1..end];
            let value = self
                .params
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.as_str())
                .ok_or_else(|| Error::invalid_argument(format!("{}: missing path parameter `{name}`", op.id)))?;
            if value.trim().is_empty() {
                return Err(Error::invalid_argument(format!("{}: path parameter `{name}` is empty", op.id)));
            }
            path.push_str(&rest[..start]);
            path.push_str(&encode_path_segment(value));
            rest = &rest[end + 1..];
        }
        path.push_str(rest);
        let mut url = format!("{}{}", self.endpoints.root(op.family), path);
        for (i, (k, v)) in self.query.iter().enumerate() {
            if !accepts_query(op, k) {
                return Err(Error::invalid_argument(format!(
                    "{}: unknown query parameter `{k}` (accepted: {})",
                    op.id,
                    op.query.join(", ")
                )));
            }
            url.push(if i == 0 { '?' } else { '&' });
            url.push_str(&encode_query_value(k));
            url.push('=');
            url.push_str(&encode_query_value(v));
        }
        let mut req = HttpRequest::new(op.method, url);
        req.headers.push(("Accept".to_string(), "application/json".to_string()));
        for (n, v) in self.headers {
            req.set_header(&n, v);
        }
        match (op.body, self.body) {
            (true, Some(b)) => req = req.with_json(&b),
            (true, None) => return Err(Error::invalid_argument(format!("{}: a JSON body is required", op.id))),
            (false, Some(_)) => {
                return Err(Error::invalid_argument(format!("{}: this method takes no request body", op.id)))
            }
            (false, None) => {}
        }
        Ok(req)
    }
}

/// The OData paging token of the ingestion API's paged collections: each `@odata.nextLink` carries it,
/// so every ingestion list (GET) accepts it besides the query parameters its route documents.
pub const INGESTION_PAGE_TOKEN: &str = "$skipToken";

/// Whether `op` takes the query parameter `name`: one its route documents, or the ingestion paging token.
pub fn accepts_query(op: &Operation, name: &str) -> bool {
    op.query.contains(&name)
        || (op.family == Family::Ingestion && op.method == crate::http::Method::Get && name == INGESTION_PAGE_TOKEN)
}

fn arg_to_string(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Array(items) => Some(items.iter().filter_map(arg_to_string).collect::<Vec<_>>().join(",")),
        _ => None,
    }
}

/// Builds any operation from its id and a JSON object of arguments — the generic entry point used by the
/// shared request vectors and by every binding's `build_request`.
///
/// Arguments: each path placeholder by name (`applicationId`, `productId`, …); each documented query
/// parameter by name (arrays are joined with commas, e.g. `languages`); `body` for methods with a JSON
/// body; `sellerId` for win32 calls (sent as `X-Seller-Account-Id`); `ifMatch` for ingestion updates.
/// Token operations take `tenantId`, `clientId`, `clientSecret` and `resource` (v1) or `scope` (v2).
///
/// # Errors
/// `invalid_argument` naming the argument when one is missing, empty or unknown.
pub fn build(endpoints: &Endpoints, op_id: &str, args: &Value) -> Result<HttpRequest> {
    if !matches!(args, Value::Object(_) | Value::Null) {
        return Err(Error::invalid_argument(format!("{op_id}: arguments must be a JSON object")));
    }
    let op = routes::operation(op_id).ok_or_else(|| Error::invalid_argument(format!("unknown operation `{op_id}`")))?;
    build_operation(endpoints, op, args)
}

/// [`build`] for an operation of the table itself (the workflows name theirs while compiling, with
/// [`routes::operation_by_id`]).
///
/// # Errors
/// As [`build`], except that the operation is known.
pub fn build_operation(endpoints: &Endpoints, op: &'static Operation, args: &Value) -> Result<HttpRequest> {
    let op_id = op.id;
    let empty = serde_json::Map::new();
    let args = match args {
        Value::Object(m) => m,
        Value::Null => &empty,
        _ => return Err(Error::invalid_argument(format!("{op_id}: arguments must be a JSON object"))),
    };
    if op.family == Family::Token {
        return auth::build_from_args(endpoints, op, args);
    }
    let mut r = OpRequest::for_operation(endpoints, op);
    let path_params = op.path_params();
    for (k, v) in args {
        let k = k.as_str();
        if path_params.contains(&k) {
            let s = arg_to_string(v)
                .ok_or_else(|| Error::invalid_argument(format!("{op_id}: `{k}` must be a string or number")))?;
            r = r.param(k, s);
        } else if accepts_query(op, k) {
            if !v.is_null() {
                let s = arg_to_string(v)
                    .ok_or_else(|| Error::invalid_argument(format!("{op_id}: `{k}` must be a scalar or array")))?;
                r = r.query(k, s);
            }
        } else if k == "body" {
            r = r.json(v.clone());
        } else if k == "sellerId" && op.family == Family::Win32 {
            let s = arg_to_string(v)
                .ok_or_else(|| Error::invalid_argument(format!("{op_id}: `sellerId` must be a string or number")))?;
            r = r.header(SELLER_HEADER, s);
        } else if k == "ifMatch" && op.family == Family::Ingestion {
            let s =
                v.as_str().ok_or_else(|| Error::invalid_argument(format!("{op_id}: `ifMatch` must be a string")))?;
            r = r.header("If-Match", s);
        } else {
            return Err(Error::invalid_argument(format!("{op_id}: unknown argument `{k}`")));
        }
    }
    if op.family == Family::Win32 && !args.contains_key("sellerId") {
        return Err(Error::invalid_argument(format!("{op_id}: `sellerId` is required (X-Seller-Account-Id)")));
    }
    r.build()
}

/// The JSON result of a response to the operation `op_id` (to any operation when `None`), read by the
/// parser of its family as the flows read it: the body on success (`null` when empty), its typed error
/// otherwise; for an MSI/EXE operation a 2xx envelope with `isSuccess: false` is an error too; for a
/// token operation the token response is checked and answered as `{"tokenType", "expiresAt"}` (read at
/// time 0: `expires_in` seconds, or the absolute `expires_on`; the token itself is never returned). What a
/// binding's generic `parse_response` answers.
///
/// # Errors
/// `invalid_argument` for an unknown operation id; otherwise as [`parse_json`],
/// [`win32::parse_envelope`] and [`auth::parse_token_response`].
pub fn parse_result(op_id: Option<&str>, resp: &HttpResponse) -> Result<Value> {
    if let Some(id) = op_id {
        let op = routes::operation(id).ok_or_else(|| Error::invalid_argument(format!("unknown operation `{id}`")))?;
        match op.family {
            Family::Win32 => {
                win32::parse_envelope::<Value>(resp)?;
            }
            Family::Token => {
                let t = auth::parse_token_response(resp, 0)?;
                return Ok(serde_json::json!({"tokenType": "Bearer", "expiresAt": t.expires_at}));
            }
            Family::Devcenter | Family::Ingestion => {}
        }
    }
    parse_json(resp)
}

/// Parses a successful JSON response into `T`, or turns an error response into a typed [`Error`].
///
/// # Errors
/// The mapped [`Error`] for non-2xx responses; `invalid_response` when the body is not the expected JSON.
pub fn parse_json<T: serde::de::DeserializeOwned>(resp: &HttpResponse) -> Result<T> {
    if !resp.is_success() {
        return Err(Error::from_response(resp));
    }
    let body: &[u8] = if resp.body.iter().all(u8::is_ascii_whitespace) { b"null" } else { &resp.body };
    serde_json::from_slice(body).map_err(|e| {
        let mut err = Error::invalid_response(format!("unexpected response body: {e}")).with_status(resp.status);
        if let Some(id) = resp.correlation_id() {
            err = err.with_correlation_id(id);
        }
        err
    })
}

/// Checks a response that carries no body of interest (DELETE, commit-without-body, rollout halt).
///
/// # Errors
/// The mapped [`Error`] for non-2xx responses.
pub fn parse_empty(resp: &HttpResponse) -> Result<()> {
    if resp.is_success() {
        Ok(())
    } else {
        Err(Error::from_response(resp))
    }
}
