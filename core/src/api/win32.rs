//! Typed request builders and response parsers for the MSI/EXE ("win32") submission API.
//!
//! Builders are thin wrappers over [`OpRequest`] (every path lives in [`super::routes`]); each request
//! carries `X-Seller-Account-Id` ([`SELLER_HEADER`]). Parsers unwrap the [`Envelope`]: a non-2xx status,
//! or a `200` whose envelope says `isSuccess: false`, becomes an [`Error`] carrying the envelope's
//! `errors[]` (see [`Error::from_response`]). Calls that start background work return a relative
//! `pollingUrl`; [`Win32::poll_request`] turns it into the GET to poll.
//!
//! ```
//! use storesubmit::api::{win32::Win32, Endpoints};
//! let ep = Endpoints::production();
//! let api = Win32::new(&ep, "12345").unwrap();
//! let req = api.get_module_status("9NBLGGH4R315").unwrap();
//! assert_eq!(req.url, "https://api.store.microsoft.com/submission/v1/product/9NBLGGH4R315/status");
//! assert_eq!(req.header("X-Seller-Account-Id"), Some("12345"));
//! ```

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use super::{routes, Endpoints, Family, OpRequest, SELLER_HEADER};
use crate::error::{Error, Result};
use crate::http::{HttpRequest, HttpResponse, Method};
use crate::model::strip_read_only;
use crate::model::win32::{
    CommitAssetsRequest, CreateAssetsData, CreateAssetsRequest, DraftMetadata, Envelope, ListingAssetsData,
    MetadataModule, MetadataUpdate, ModuleStatus, Package, PackageList, PollingData, SubmissionStatus, SubmitData,
};

/// Most listing languages one metadata or listing-assets GET may name in `languages` (seed 003: "limit of
/// up to 200 Languages"; without the filter the service returns the first 200).
pub const LANGUAGES_FILTER_MAX: usize = 200;

/// Optional query of the metadata GETs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MetadataQuery {
    /// Listing languages to return (sent comma-separated as `languages`; at most 200). Empty: the first 200.
    pub languages: Vec<String>,
    /// `includelanguagelist`: also return the listing languages and their completeness.
    pub include_language_list: Option<bool>,
}

/// Request builder for one seller account against one set of endpoints.
#[derive(Clone, Debug)]
pub struct Win32<'a> {
    endpoints: &'a Endpoints,
    seller_id: String,
}

fn to_body<T: Serialize>(op: &str, value: &T, read_only: &[&str]) -> Result<Value> {
    let mut v = serde_json::to_value(value)
        .map_err(|e| Error::invalid_argument(format!("{op}: body cannot be serialised: {e}")))?;
    if !v.is_object() {
        return Err(Error::invalid_argument(format!("{op}: body must be a JSON object")));
    }
    strip_read_only(&mut v, read_only);
    Ok(v)
}

fn join_languages(languages: &[String]) -> Result<Option<String>> {
    let list: Vec<&str> = languages.iter().map(|l| l.trim()).filter(|l| !l.is_empty()).collect();
    if list.len() > LANGUAGES_FILTER_MAX {
        return Err(Error::invalid_argument(format!(
            "win32: `languages` names {} languages; at most {LANGUAGES_FILTER_MAX} are allowed",
            list.len()
        )));
    }
    Ok((!list.is_empty()).then(|| list.join(",")))
}

impl<'a> Win32<'a> {
    /// A builder for the seller account `seller_id` (the Partner Center seller id).
    ///
    /// # Errors
    /// `invalid_argument` when the seller id is empty.
    pub fn new(endpoints: &'a Endpoints, seller_id: impl Into<String>) -> Result<Self> {
        let seller_id = seller_id.into();
        if seller_id.trim().is_empty() {
            return Err(Error::invalid_argument("win32: `sellerId` is required (X-Seller-Account-Id)"));
        }
        Ok(Win32 { endpoints, seller_id })
    }

    /// The seller id sent as `X-Seller-Account-Id`.
    pub fn seller_id(&self) -> &str {
        &self.seller_id
    }

    fn op(&self, id: &str, product_id: &str) -> Result<OpRequest<'a>> {
        Ok(OpRequest::new(self.endpoints, id)?
            .param("productId", product_id)
            .header(SELLER_HEADER, self.seller_id.clone()))
    }

    fn metadata_query(r: OpRequest<'a>, q: &MetadataQuery) -> Result<OpRequest<'a>> {
        Ok(r.query_opt("languages", join_languages(&q.languages)?)
            .query_opt("includelanguagelist", q.include_language_list.map(|b| b.to_string())))
    }

    /// `win32.get_metadata`: current draft metadata, all modules.
    ///
    /// # Errors
    /// `invalid_argument` for an empty product id or more than [`LANGUAGES_FILTER_MAX`] languages.
    pub fn get_metadata(&self, product_id: &str, query: &MetadataQuery) -> Result<HttpRequest> {
        Self::metadata_query(self.op("win32.get_metadata", product_id)?, query)?.build()
    }

    /// `win32.get_metadata_module`: current draft metadata of one module.
    ///
    /// # Errors
    /// `invalid_argument` for an empty product id or module, or more than [`LANGUAGES_FILTER_MAX`] languages.
    pub fn get_metadata_module(
        &self,
        product_id: &str,
        module: &MetadataModule,
        query: &MetadataQuery,
    ) -> Result<HttpRequest> {
        let r = self.op("win32.get_metadata_module", product_id)?.param("moduleName", module.as_str());
        Self::metadata_query(r, query)?.build()
    }

    /// `win32.put_metadata`: full module update (every field of each module sent replaces the module;
    /// missing fields are reset to defaults). Read-only fields are stripped.
    ///
    /// # Errors
    /// `invalid_argument` for an empty product id.
    pub fn put_metadata(&self, product_id: &str, body: &MetadataUpdate) -> Result<HttpRequest> {
        let b = to_body("win32.put_metadata", body, MetadataUpdate::READ_ONLY)?;
        self.op("win32.put_metadata", product_id)?.json(b).build()
    }

    /// `win32.patch_metadata`: patch update (only the fields present change). Read-only fields are stripped.
    ///
    /// # Errors
    /// `invalid_argument` for an empty product id.
    pub fn patch_metadata(&self, product_id: &str, body: &MetadataUpdate) -> Result<HttpRequest> {
        let b = to_body("win32.patch_metadata", body, MetadataUpdate::READ_ONLY)?;
        self.op("win32.patch_metadata", product_id)?.json(b).build()
    }

    /// `win32.get_packages`: every package of the draft.
    ///
    /// # Errors
    /// `invalid_argument` for an empty product id.
    pub fn get_packages(&self, product_id: &str) -> Result<HttpRequest> {
        self.op("win32.get_packages", product_id)?.build()
    }

    /// `win32.get_package`: one package of the draft.
    ///
    /// # Errors
    /// `invalid_argument` for an empty product or package id.
    pub fn get_package(&self, product_id: &str, package_id: &str) -> Result<HttpRequest> {
        self.op("win32.get_package", product_id)?.param("packageId", package_id).build()
    }

    /// `win32.put_packages`: replaces the whole package set (package ids are regenerated; `packageId`
    /// is stripped from the body).
    ///
    /// # Errors
    /// `invalid_argument` for an empty product id.
    pub fn put_packages(&self, product_id: &str, body: &PackageList) -> Result<HttpRequest> {
        let b = to_body("win32.put_packages", body, PackageList::READ_ONLY)?;
        self.op("win32.put_packages", product_id)?.json(b).build()
    }

    /// `win32.patch_package`: patches one package (the id goes in the path; `packageId` is stripped from
    /// the body).
    ///
    /// # Errors
    /// `invalid_argument` for an empty product or package id.
    pub fn patch_package(&self, product_id: &str, package_id: &str, body: &Package) -> Result<HttpRequest> {
        let b = to_body("win32.patch_package", body, Package::READ_ONLY)?;
        self.op("win32.patch_package", product_id)?.param("packageId", package_id).json(b).build()
    }

    /// `win32.commit_packages`: commits the package set; the response's `pollingUrl` tracks the upload.
    ///
    /// # Errors
    /// `invalid_argument` for an empty product id.
    pub fn commit_packages(&self, product_id: &str) -> Result<HttpRequest> {
        self.op("win32.commit_packages", product_id)?.build()
    }

    /// `win32.get_listing_assets`: current listing assets, optionally for some languages only.
    ///
    /// # Errors
    /// `invalid_argument` for an empty product id or more than [`LANGUAGES_FILTER_MAX`] languages.
    pub fn get_listing_assets(&self, product_id: &str, languages: &[String]) -> Result<HttpRequest> {
        self.op("win32.get_listing_assets", product_id)?.query_opt("languages", join_languages(languages)?).build()
    }

    /// `win32.create_listing_assets`: asks for upload slots (SAS URLs) for new assets.
    ///
    /// # Errors
    /// `invalid_argument` for an empty product id.
    pub fn create_listing_assets(&self, product_id: &str, body: &CreateAssetsRequest) -> Result<HttpRequest> {
        let b = to_body("win32.create_listing_assets", body, &[])?;
        self.op("win32.create_listing_assets", product_id)?.json(b).build()
    }

    /// `win32.commit_listing_assets`: commits the assets to keep (existing and newly uploaded);
    /// `imageSize` is stripped.
    ///
    /// # Errors
    /// `invalid_argument` for an empty product id.
    pub fn commit_listing_assets(&self, product_id: &str, body: &CommitAssetsRequest) -> Result<HttpRequest> {
        let b = to_body("win32.commit_listing_assets", body, CommitAssetsRequest::READ_ONLY)?;
        self.op("win32.commit_listing_assets", product_id)?.json(b).build()
    }

    /// `win32.get_module_status`: whether every module (package upload included) is ready.
    ///
    /// # Errors
    /// `invalid_argument` for an empty product id.
    pub fn get_module_status(&self, product_id: &str) -> Result<HttpRequest> {
        self.op("win32.get_module_status", product_id)?.build()
    }

    /// `win32.submit`: creates a submission from the draft.
    ///
    /// # Errors
    /// `invalid_argument` for an empty product id.
    pub fn submit(&self, product_id: &str) -> Result<HttpRequest> {
        self.op("win32.submit", product_id)?.build()
    }

    /// `win32.get_submission_status`: the publishing status of a submission.
    ///
    /// # Errors
    /// `invalid_argument` for an empty product or submission id.
    pub fn get_submission_status(&self, product_id: &str, submission_id: &str) -> Result<HttpRequest> {
        self.op("win32.get_submission_status", product_id)?.param("submissionId", submission_id).build()
    }

    /// The GET for a `pollingUrl` the service returned (relative, e.g.
    /// `/submission/v1/product/{productId}/submission/{submissionId}/status`, or absolute on the win32 root),
    /// with the seller header. A URL matching a documented win32 GET is rebuilt from the route table;
    /// any other relative path is appended to the win32 root as is.
    ///
    /// # Errors
    /// `invalid_argument` when the URL is empty, holds whitespace or control characters, or is absolute on a
    /// host other than the win32 root (the bearer token must not go elsewhere).
    pub fn poll_request(&self, polling_url: &str) -> Result<HttpRequest> {
        let url = polling_url.trim();
        if url.is_empty() || url.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(Error::invalid_argument(format!("win32: invalid pollingUrl {polling_url:?}")));
        }
        let root = self.endpoints.root(Family::Win32);
        let rel = if url.starts_with('/') && !url.starts_with("//") {
            url
        } else if let Some(rest) = strip_prefix_ci(url, root).filter(|r| r.starts_with('/') || r.is_empty()) {
            rest
        } else {
            return Err(Error::invalid_argument(format!(
                "win32: pollingUrl {polling_url:?} is neither relative nor on the win32 root {root}"
            )));
        };
        let (path, query) = rel.split_once('?').unwrap_or((rel, ""));
        if query.is_empty() {
            if let Some((op, params)) = routes::match_route(Family::Win32, Method::Get, path) {
                let mut r = OpRequest::new(self.endpoints, op.id)?.header(SELLER_HEADER, self.seller_id.clone());
                for (name, value) in params {
                    r = r.param(name, value);
                }
                if let Ok(req) = r.build() {
                    return Ok(req);
                }
            }
        }
        let mut req = HttpRequest::new(Method::Get, format!("{root}{rel}"));
        req.headers.push(("Accept".to_string(), "application/json".to_string()));
        req.set_header(SELLER_HEADER, self.seller_id.clone());
        Ok(req)
    }
}

fn strip_prefix_ci<'s>(s: &'s str, prefix: &str) -> Option<&'s str> {
    if s.len() >= prefix.len() && s.is_char_boundary(prefix.len()) && s[..prefix.len()].eq_ignore_ascii_case(prefix) {
        Some(&s[prefix.len()..])
    } else {
        None
    }
}

/// Parses any win32 response into its [`Envelope`].
///
/// # Errors
/// The mapped [`Error`] for a non-2xx status, and for a 2xx whose envelope has `isSuccess: false`
/// (kind `bad_request`, the envelope's `errors[]` as server errors); `invalid_response` when the body is
/// not an envelope or has no `isSuccess`.
pub fn parse_envelope<T: DeserializeOwned>(resp: &HttpResponse) -> Result<Envelope<T>> {
    if !resp.is_success() {
        return Err(Error::from_response(resp));
    }
    let invalid = |msg: String| {
        let mut e = Error::invalid_response(msg).with_status(resp.status);
        if let Some(id) = resp.correlation_id() {
            e = e.with_correlation_id(id);
        }
        e
    };
    let raw: Value =
        serde_json::from_slice(&resp.body).map_err(|e| invalid(format!("win32: response is not JSON: {e}")))?;
    match raw.get("isSuccess") {
        Some(Value::Bool(true)) => {}
        Some(Value::Bool(false)) => return Err(Error::from_response(resp)),
        _ => return Err(invalid("win32: response envelope has no boolean `isSuccess`".to_string())),
    }
    serde_json::from_value(raw).map_err(|e| invalid(format!("win32: unexpected response body: {e}")))
}

/// Parses a response of `win32.get_metadata` / `win32.get_metadata_module`.
///
/// # Errors
/// See [`parse_envelope`].
pub fn parse_metadata(resp: &HttpResponse) -> Result<Envelope<DraftMetadata>> {
    parse_envelope(resp)
}

/// Parses a response carrying `{pollingUrl, ongoingSubmissionId}`: `win32.put_metadata`,
/// `win32.patch_metadata`, `win32.put_packages`, `win32.patch_package`, `win32.commit_packages`,
/// `win32.commit_listing_assets`.
///
/// # Errors
/// See [`parse_envelope`].
pub fn parse_polling(resp: &HttpResponse) -> Result<Envelope<PollingData>> {
    parse_envelope(resp)
}

/// Parses a response of `win32.get_packages` / `win32.get_package`.
///
/// # Errors
/// See [`parse_envelope`].
pub fn parse_packages(resp: &HttpResponse) -> Result<Envelope<PackageList>> {
    parse_envelope(resp)
}

/// Parses a response of `win32.get_listing_assets`.
///
/// # Errors
/// See [`parse_envelope`].
pub fn parse_listing_assets(resp: &HttpResponse) -> Result<Envelope<ListingAssetsData>> {
    parse_envelope(resp)
}

/// Parses a response of `win32.create_listing_assets` (upload slots with SAS URLs).
///
/// # Errors
/// See [`parse_envelope`].
pub fn parse_create_listing_assets(resp: &HttpResponse) -> Result<Envelope<CreateAssetsData>> {
    parse_envelope(resp)
}

/// Parses a response of `win32.get_module_status`.
///
/// # Errors
/// See [`parse_envelope`].
pub fn parse_module_status(resp: &HttpResponse) -> Result<Envelope<ModuleStatus>> {
    parse_envelope(resp)
}

/// Parses a response of `win32.submit`.
///
/// # Errors
/// See [`parse_envelope`].
pub fn parse_submit(resp: &HttpResponse) -> Result<Envelope<SubmitData>> {
    parse_envelope(resp)
}

/// Parses a response of `win32.get_submission_status`.
///
/// # Errors
/// See [`parse_envelope`].
pub fn parse_submission_status(resp: &HttpResponse) -> Result<Envelope<SubmissionStatus>> {
    parse_envelope(resp)
}

/// The `pollingUrl` of a parsed envelope, when present and non-empty.
pub fn polling_url<T: HasPollingUrl>(envelope: &Envelope<T>) -> Option<&str> {
    envelope.data().and_then(HasPollingUrl::polling_url).filter(|u| !u.trim().is_empty())
}

/// A `responseData` that may carry a `pollingUrl`.
pub trait HasPollingUrl {
    /// The polling URL, if any.
    fn polling_url(&self) -> Option<&str>;
}

impl HasPollingUrl for PollingData {
    fn polling_url(&self) -> Option<&str> {
        self.polling_url.value().map(String::as_str)
    }
}

impl HasPollingUrl for SubmitData {
    fn polling_url(&self) -> Option<&str> {
        self.polling_url.value().map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    fn ep() -> Endpoints {
        Endpoints::all_at("http://127.0.0.1:9/")
    }

    #[test]
    fn seller_header_on_every_request_and_empty_ids_rejected() {
        let e = ep();
        let api = Win32::new(&e, "777").unwrap();
        let r = api.get_submission_status("P1", "S 1").unwrap();
        assert_eq!(r.url, "http://127.0.0.1:9/submission/v1/product/P1/submission/S%201/status");
        assert_eq!(r.header(SELLER_HEADER), Some("777"));
        assert_eq!(api.get_packages(" ").unwrap_err().kind(), ErrorKind::InvalidArgument);
        assert_eq!(Win32::new(&e, "").unwrap_err().kind(), ErrorKind::InvalidArgument);
    }

    #[test]
    fn metadata_query_joins_languages() {
        let e = ep();
        let api = Win32::new(&e, "1").unwrap();
        let q = MetadataQuery { languages: vec!["en-us".into(), " en-gb".into()], include_language_list: Some(true) };
        let r = api.get_metadata_module("P", &MetadataModule::Listings, &q).unwrap();
        assert_eq!(
            r.url,
            "http://127.0.0.1:9/submission/v1/product/P/metadata/listings?languages=en-us,en-gb&includelanguagelist=true"
        );
        let r = api.get_metadata("P", &MetadataQuery::default()).unwrap();
        assert_eq!(r.url, "http://127.0.0.1:9/submission/v1/product/P/metadata");
        let many =
            MetadataQuery { languages: vec!["en-us".into(); LANGUAGES_FILTER_MAX + 1], include_language_list: None };
        assert_eq!(api.get_metadata("P", &many).unwrap_err().kind(), ErrorKind::InvalidArgument);
        assert_eq!(api.get_listing_assets("P", &many.languages).unwrap_err().kind(), ErrorKind::InvalidArgument);
    }

    #[test]
    fn is_success_false_with_200_is_an_error() {
        let resp = HttpResponse::json(
            200,
            &serde_json::json!({"isSuccess": false, "errors": [{"code": "InvalidState", "message": "busy", "target": "packages"}]}),
        )
        .with_header("X-Correlation-ID", "c-1");
        let e = parse_polling(&resp).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::BadRequest);
        assert_eq!(e.status(), Some(200));
        assert_eq!(e.correlation_id(), Some("c-1"));
        assert_eq!(e.server_errors()[0].code, "InvalidState");
        assert_eq!(e.server_errors()[0].target.as_deref(), Some("packages"));
        let resp = HttpResponse::json(200, &serde_json::json!({"responseData": {}}));
        assert_eq!(parse_polling(&resp).unwrap_err().kind(), ErrorKind::InvalidResponse);
        let resp = HttpResponse::new(200, "<html>");
        assert_eq!(parse_polling(&resp).unwrap_err().kind(), ErrorKind::InvalidResponse);
    }

    #[test]
    fn polling_url_becomes_a_get_with_the_seller_header() {
        let e = ep();
        let api = Win32::new(&e, "42").unwrap();
        let r = api.poll_request("/submission/v1/product/P1/submission/S9/status").unwrap();
        assert_eq!(r.method, Method::Get);
        assert_eq!(r.url, "http://127.0.0.1:9/submission/v1/product/P1/submission/S9/status");
        assert_eq!(r.header(SELLER_HEADER), Some("42"));
        assert_eq!(r, api.get_submission_status("P1", "S9").unwrap());
        let r = api.poll_request("http://127.0.0.1:9/submission/v1/product/P1/status").unwrap();
        assert_eq!(r, api.get_module_status("P1").unwrap());
        let r = api.poll_request("/submission/v2/other?x=1").unwrap();
        assert_eq!(r.url, "http://127.0.0.1:9/submission/v2/other?x=1");
        for bad in ["", "https://evil.example/submission/v1/product/P/status", "//evil.example/x", "/a b"] {
            assert_eq!(api.poll_request(bad).unwrap_err().kind(), ErrorKind::InvalidArgument, "{bad}");
        }
    }
}
