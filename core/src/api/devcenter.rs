//! Typed request builders and response parsers for the classic Store submission API
//! (`manage.devcenter.microsoft.com/v1.0/my`).
//!
//! Each builder is a thin wrapper over [`OpRequest`] for one `devcenter.*` operation of
//! [`super::routes`] (the only home of the paths): it yields exactly the request [`super::build`] would
//! for the same arguments. Update builders serialise the model and strip its read-only fields. Parsers
//! turn a response into a typed model or a typed [`crate::Error`].
//!
//! Typical app submission flow: [`create_app_submission`] → [`parse_app_submission`] (gives the SAS
//! `fileUploadUrl`) → modify → [`update_app_submission`] → upload the ZIP (see `api::blob`) →
//! [`commit_app_submission`] → poll [`get_app_submission_status`] until the status leaves
//! `CommitStarted`.

use super::{parse_empty, parse_json, Endpoints, OpRequest};
use crate::error::{Error, Result};
use crate::http::{HttpRequest, HttpResponse, Method};
use crate::model::devcenter::{
    to_update_body, Addon, AddonCreate, AddonSubmission, AppAddonRef, AppSubmission, Application, Flight, FlightCreate,
    FlightSubmission, PackageRollout, PagedList, SubmissionStatusResource,
};

use super::routes::{self, Family};

/// Paging of a devcenter list call (`top`: page size, `skip`: items to skip). Both optional; the Store
/// returns all items (up to its own limit) when neither is set.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Page {
    /// Maximum number of items to return.
    pub top: Option<u32>,
    /// Number of items to skip.
    pub skip: Option<u32>,
}

impl Page {
    /// A page of `top` items after skipping `skip`.
    pub fn new(top: u32, skip: u32) -> Self {
        Page { top: Some(top), skip: Some(skip) }
    }
}

fn op<'a>(ep: &'a Endpoints, id: &str) -> Result<OpRequest<'a>> {
    OpRequest::new(ep, id)
}

fn paged(r: OpRequest<'_>, page: Page) -> OpRequest<'_> {
    // `skip` before `top`, as in the Store's examples and `@nextLink`s.
    r.query_opt("skip", page.skip.map(|n| n.to_string())).query_opt("top", page.top.map(|n| n.to_string()))
}

// ---- apps ---------------------------------------------------------------------------------------------

/// `GET /applications`: one page of the account's apps. Parse with [`parse_app_list`].
///
/// # Errors
/// `invalid_argument` only if the route table lacks the operation.
pub fn list_apps(ep: &Endpoints, page: Page) -> Result<HttpRequest> {
    paged(op(ep, "devcenter.list_apps")?, page).build()
}

/// `GET /applications/{applicationId}`: one app. Parse with [`parse_app`].
///
/// # Errors
/// `invalid_argument` when `app_id` is empty.
pub fn get_app(ep: &Endpoints, app_id: &str) -> Result<HttpRequest> {
    op(ep, "devcenter.get_app")?.param("applicationId", app_id).build()
}

/// `GET /applications/{applicationId}/listinappproducts`: one page of an app's add-ons. Parse with
/// [`parse_app_addon_list`].
///
/// # Errors
/// `invalid_argument` when `app_id` is empty.
pub fn list_app_addons(ep: &Endpoints, app_id: &str, page: Page) -> Result<HttpRequest> {
    paged(op(ep, "devcenter.list_app_addons")?.param("applicationId", app_id), page).build()
}

/// `GET /applications/{applicationId}/listflights`: one page of an app's package flights. Parse with
/// [`parse_flight_list`].
///
/// # Errors
/// `invalid_argument` when `app_id` is empty.
pub fn list_app_flights(ep: &Endpoints, app_id: &str, page: Page) -> Result<HttpRequest> {
    paged(op(ep, "devcenter.list_app_flights")?.param("applicationId", app_id), page).build()
}

// ---- app submissions ----------------------------------------------------------------------------------

/// `POST /applications/{applicationId}/submissions`: creates a submission copied from the last published
/// one. Parse with [`parse_app_submission`] (its `fileUploadUrl` is where the ZIP goes).
///
/// # Errors
/// `invalid_argument` when `app_id` is empty.
pub fn create_app_submission(ep: &Endpoints, app_id: &str) -> Result<HttpRequest> {
    op(ep, "devcenter.create_app_submission")?.param("applicationId", app_id).build()
}

/// `GET /applications/{applicationId}/submissions/{submissionId}`. Parse with [`parse_app_submission`].
///
/// # Errors
/// `invalid_argument` when an id is empty.
pub fn get_app_submission(ep: &Endpoints, app_id: &str, submission_id: &str) -> Result<HttpRequest> {
    op(ep, "devcenter.get_app_submission")?.param("applicationId", app_id).param("submissionId", submission_id).build()
}

/// `PUT /applications/{applicationId}/submissions/{submissionId}` with the submission minus its
/// read-only fields ([`AppSubmission::READ_ONLY`]); unknown fields are sent as read. Parse with
/// [`parse_app_submission`].
///
/// # Errors
/// `invalid_argument` when an id is empty.
pub fn update_app_submission(
    ep: &Endpoints,
    app_id: &str,
    submission_id: &str,
    submission: &AppSubmission,
) -> Result<HttpRequest> {
    let body = to_update_body(submission, AppSubmission::READ_ONLY)?;
    op(ep, "devcenter.update_app_submission")?
        .param("applicationId", app_id)
        .param("submissionId", submission_id)
        .json(body)
        .build()
}

/// `DELETE /applications/{applicationId}/submissions/{submissionId}`. Check with [`parse_deleted`].
///
/// # Errors
/// `invalid_argument` when an id is empty.
pub fn delete_app_submission(ep: &Endpoints, app_id: &str, submission_id: &str) -> Result<HttpRequest> {
    op(ep, "devcenter.delete_app_submission")?
        .param("applicationId", app_id)
        .param("submissionId", submission_id)
        .build()
}

/// `POST …/submissions/{submissionId}/commit`: tells Partner Center the submission (and its uploaded ZIP)
/// is ready. Parse with [`parse_commit`], then poll [`get_app_submission_status`].
///
/// # Errors
/// `invalid_argument` when an id is empty.
pub fn commit_app_submission(ep: &Endpoints, app_id: &str, submission_id: &str) -> Result<HttpRequest> {
    op(ep, "devcenter.commit_app_submission")?
        .param("applicationId", app_id)
        .param("submissionId", submission_id)
        .build()
}

/// `GET …/submissions/{submissionId}/status`: the polling call after a commit. Parse with
/// [`parse_submission_status`].
///
/// # Errors
/// `invalid_argument` when an id is empty.
pub fn get_app_submission_status(ep: &Endpoints, app_id: &str, submission_id: &str) -> Result<HttpRequest> {
    op(ep, "devcenter.get_app_submission_status")?
        .param("applicationId", app_id)
        .param("submissionId", submission_id)
        .build()
}

/// `GET …/submissions/{submissionId}/packagerollout`. Parse with [`parse_package_rollout`].
///
/// # Errors
/// `invalid_argument` when an id is empty.
pub fn get_app_package_rollout(ep: &Endpoints, app_id: &str, submission_id: &str) -> Result<HttpRequest> {
    op(ep, "devcenter.get_app_package_rollout")?
        .param("applicationId", app_id)
        .param("submissionId", submission_id)
        .build()
}

/// `POST …/submissions/{submissionId}/updatepackagerolloutpercentage?percentage=…`: changes the share of
/// customers who get a published submission's packages. Parse with [`parse_package_rollout`].
///
/// # Errors
/// `invalid_argument` when an id is empty or `percentage` is not a number in 0–100.
pub fn update_app_package_rollout_percentage(
    ep: &Endpoints,
    app_id: &str,
    submission_id: &str,
    percentage: f64,
) -> Result<HttpRequest> {
    let p = percentage_arg(percentage)?;
    op(ep, "devcenter.update_app_package_rollout_percentage")?
        .param("applicationId", app_id)
        .param("submissionId", submission_id)
        .query("percentage", p)
        .build()
}

/// `POST …/submissions/{submissionId}/haltpackagerollout`: stops a gradual rollout. Parse with
/// [`parse_package_rollout`].
///
/// # Errors
/// `invalid_argument` when an id is empty.
pub fn halt_app_package_rollout(ep: &Endpoints, app_id: &str, submission_id: &str) -> Result<HttpRequest> {
    op(ep, "devcenter.halt_app_package_rollout")?
        .param("applicationId", app_id)
        .param("submissionId", submission_id)
        .build()
}

/// `POST …/submissions/{submissionId}/finalizepackagerollout`: rolls the packages out to everyone. Parse
/// with [`parse_package_rollout`].
///
/// # Errors
/// `invalid_argument` when an id is empty.
pub fn finalize_app_package_rollout(ep: &Endpoints, app_id: &str, submission_id: &str) -> Result<HttpRequest> {
    op(ep, "devcenter.finalize_app_package_rollout")?
        .param("applicationId", app_id)
        .param("submissionId", submission_id)
        .build()
}

// ---- add-ons ------------------------------------------------------------------------------------------

/// `GET /inappproducts`: one page of all add-ons of the account. Parse with [`parse_addon_list`].
///
/// # Errors
/// `invalid_argument` only if the route table lacks the operation.
pub fn list_addons(ep: &Endpoints, page: Page) -> Result<HttpRequest> {
    paged(op(ep, "devcenter.list_addons")?, page).build()
}

/// `GET /inappproducts/{inAppProductId}`. Parse with [`parse_addon`].
///
/// # Errors
/// `invalid_argument` when `addon_id` is empty.
pub fn get_addon(ep: &Endpoints, addon_id: &str) -> Result<HttpRequest> {
    op(ep, "devcenter.get_addon")?.param("inAppProductId", addon_id).build()
}

/// `POST /inappproducts` with the create body. Parse with [`parse_addon`].
///
/// # Errors
/// `invalid_argument` if the body cannot be serialised.
pub fn create_addon(ep: &Endpoints, addon: &AddonCreate) -> Result<HttpRequest> {
    let body = to_update_body(addon, AddonCreate::READ_ONLY)?;
    op(ep, "devcenter.create_addon")?.json(body).build()
}

/// `DELETE /inappproducts/{inAppProductId}`. Check with [`parse_deleted`].
///
/// # Errors
/// `invalid_argument` when `addon_id` is empty.
pub fn delete_addon(ep: &Endpoints, addon_id: &str) -> Result<HttpRequest> {
    op(ep, "devcenter.delete_addon")?.param("inAppProductId", addon_id).build()
}

// ---- add-on submissions -------------------------------------------------------------------------------

/// `POST /inappproducts/{inAppProductId}/submissions`. Parse with [`parse_addon_submission`].
///
/// # Errors
/// `invalid_argument` when `addon_id` is empty.
pub fn create_addon_submission(ep: &Endpoints, addon_id: &str) -> Result<HttpRequest> {
    op(ep, "devcenter.create_addon_submission")?.param("inAppProductId", addon_id).build()
}

/// `GET /inappproducts/{inAppProductId}/submissions/{submissionId}`. Parse with
/// [`parse_addon_submission`].
///
/// # Errors
/// `invalid_argument` when an id is empty.
pub fn get_addon_submission(ep: &Endpoints, addon_id: &str, submission_id: &str) -> Result<HttpRequest> {
    op(ep, "devcenter.get_addon_submission")?
        .param("inAppProductId", addon_id)
        .param("submissionId", submission_id)
        .build()
}

/// `PUT /inappproducts/{inAppProductId}/submissions/{submissionId}` with the submission minus
/// [`AddonSubmission::READ_ONLY`]. Parse with [`parse_addon_submission`].
///
/// # Errors
/// `invalid_argument` when an id is empty.
pub fn update_addon_submission(
    ep: &Endpoints,
    addon_id: &str,
    submission_id: &str,
    submission: &AddonSubmission,
) -> Result<HttpRequest> {
    let body = to_update_body(submission, AddonSubmission::READ_ONLY)?;
    op(ep, "devcenter.update_addon_submission")?
        .param("inAppProductId", addon_id)
        .param("submissionId", submission_id)
        .json(body)
        .build()
}

/// `DELETE /inappproducts/{inAppProductId}/submissions/{submissionId}`. Check with [`parse_deleted`].
///
/// # Errors
/// `invalid_argument` when an id is empty.
pub fn delete_addon_submission(ep: &Endpoints, addon_id: &str, submission_id: &str) -> Result<HttpRequest> {
    op(ep, "devcenter.delete_addon_submission")?
        .param("inAppProductId", addon_id)
        .param("submissionId", submission_id)
        .build()
}

/// `POST …/inappproducts/{inAppProductId}/submissions/{submissionId}/commit`. Parse with
/// [`parse_commit`].
///
/// # Errors
/// `invalid_argument` when an id is empty.
pub fn commit_addon_submission(ep: &Endpoints, addon_id: &str, submission_id: &str) -> Result<HttpRequest> {
    op(ep, "devcenter.commit_addon_submission")?
        .param("inAppProductId", addon_id)
        .param("submissionId", submission_id)
        .build()
}

/// `GET …/inappproducts/{inAppProductId}/submissions/{submissionId}/status`. Parse with
/// [`parse_submission_status`].
///
/// # Errors
/// `invalid_argument` when an id is empty.
pub fn get_addon_submission_status(ep: &Endpoints, addon_id: &str, submission_id: &str) -> Result<HttpRequest> {
    op(ep, "devcenter.get_addon_submission_status")?
        .param("inAppProductId", addon_id)
        .param("submissionId", submission_id)
        .build()
}

// ---- flights ------------------------------------------------------------------------------------------

/// `GET /applications/{applicationId}/flights/{flightId}`. Parse with [`parse_flight`].
///
/// # Errors
/// `invalid_argument` when an id is empty.
pub fn get_flight(ep: &Endpoints, app_id: &str, flight_id: &str) -> Result<HttpRequest> {
    op(ep, "devcenter.get_flight")?.param("applicationId", app_id).param("flightId", flight_id).build()
}

/// `POST /applications/{applicationId}/flights` with the create body. Parse with [`parse_flight`].
///
/// # Errors
/// `invalid_argument` when `app_id` is empty.
pub fn create_flight(ep: &Endpoints, app_id: &str, flight: &FlightCreate) -> Result<HttpRequest> {
    let body = to_update_body(flight, FlightCreate::READ_ONLY)?;
    op(ep, "devcenter.create_flight")?.param("applicationId", app_id).json(body).build()
}

/// `DELETE /applications/{applicationId}/flights/{flightId}`. Check with [`parse_deleted`].
///
/// # Errors
/// `invalid_argument` when an id is empty.
pub fn delete_flight(ep: &Endpoints, app_id: &str, flight_id: &str) -> Result<HttpRequest> {
    op(ep, "devcenter.delete_flight")?.param("applicationId", app_id).param("flightId", flight_id).build()
}

// ---- flight submissions -------------------------------------------------------------------------------

fn flight_sub<'a>(
    ep: &'a Endpoints,
    id: &str,
    app_id: &str,
    flight_id: &str,
    submission_id: &str,
) -> Result<OpRequest<'a>> {
    Ok(op(ep, id)?.param("applicationId", app_id).param("flightId", flight_id).param("submissionId", submission_id))
}

/// `POST /applications/{applicationId}/flights/{flightId}/submissions`. Parse with
/// [`parse_flight_submission`].
///
/// # Errors
/// `invalid_argument` when an id is empty.
pub fn create_flight_submission(ep: &Endpoints, app_id: &str, flight_id: &str) -> Result<HttpRequest> {
    op(ep, "devcenter.create_flight_submission")?.param("applicationId", app_id).param("flightId", flight_id).build()
}

/// `GET …/flights/{flightId}/submissions/{submissionId}`. Parse with [`parse_flight_submission`].
///
/// # Errors
/// `invalid_argument` when an id is empty.
pub fn get_flight_submission(
    ep: &Endpoints,
    app_id: &str,
    flight_id: &str,
    submission_id: &str,
) -> Result<HttpRequest> {
    flight_sub(ep, "devcenter.get_flight_submission", app_id, flight_id, submission_id)?.build()
}

/// `PUT …/flights/{flightId}/submissions/{submissionId}` with the submission minus
/// [`FlightSubmission::READ_ONLY`]. Parse with [`parse_flight_submission`].
///
/// # Errors
/// `invalid_argument` when an id is empty.
pub fn update_flight_submission(
    ep: &Endpoints,
    app_id: &str,
    flight_id: &str,
    submission_id: &str,
    submission: &FlightSubmission,
) -> Result<HttpRequest> {
    let body = to_update_body(submission, FlightSubmission::READ_ONLY)?;
    flight_sub(ep, "devcenter.update_flight_submission", app_id, flight_id, submission_id)?.json(body).build()
}

/// `DELETE …/flights/{flightId}/submissions/{submissionId}`. Check with [`parse_deleted`].
///
/// # Errors
/// `invalid_argument` when an id is empty.
pub fn delete_flight_submission(
    ep: &Endpoints,
    app_id: &str,
    flight_id: &str,
    submission_id: &str,
) -> Result<HttpRequest> {
    flight_sub(ep, "devcenter.delete_flight_submission", app_id, flight_id, submission_id)?.build()
}

/// `POST …/flights/{flightId}/submissions/{submissionId}/commit`. Parse with [`parse_commit`].
///
/// # Errors
/// `invalid_argument` when an id is empty.
pub fn commit_flight_submission(
    ep: &Endpoints,
    app_id: &str,
    flight_id: &str,
    submission_id: &str,
) -> Result<HttpRequest> {
    flight_sub(ep, "devcenter.commit_flight_submission", app_id, flight_id, submission_id)?.build()
}

/// `GET …/flights/{flightId}/submissions/{submissionId}/status`. Parse with [`parse_submission_status`].
///
/// # Errors
/// `invalid_argument` when an id is empty.
pub fn get_flight_submission_status(
    ep: &Endpoints,
    app_id: &str,
    flight_id: &str,
    submission_id: &str,
) -> Result<HttpRequest> {
    flight_sub(ep, "devcenter.get_flight_submission_status", app_id, flight_id, submission_id)?.build()
}

/// `GET …/flights/{flightId}/submissions/{submissionId}/packagerollout`. Parse with
/// [`parse_package_rollout`].
///
/// # Errors
/// `invalid_argument` when an id is empty.
pub fn get_flight_package_rollout(
    ep: &Endpoints,
    app_id: &str,
    flight_id: &str,
    submission_id: &str,
) -> Result<HttpRequest> {
    flight_sub(ep, "devcenter.get_flight_package_rollout", app_id, flight_id, submission_id)?.build()
}

/// `POST …/flights/{flightId}/submissions/{submissionId}/updatepackagerolloutpercentage?percentage=…`.
/// Parse with [`parse_package_rollout`].
///
/// # Errors
/// `invalid_argument` when an id is empty or `percentage` is not a number in 0–100.
pub fn update_flight_package_rollout_percentage(
    ep: &Endpoints,
    app_id: &str,
    flight_id: &str,
    submission_id: &str,
    percentage: f64,
) -> Result<HttpRequest> {
    let p = percentage_arg(percentage)?;
    flight_sub(ep, "devcenter.update_flight_package_rollout_percentage", app_id, flight_id, submission_id)?
        .query("percentage", p)
        .build()
}

/// `POST …/flights/{flightId}/submissions/{submissionId}/haltpackagerollout`. Parse with
/// [`parse_package_rollout`].
///
/// # Errors
/// `invalid_argument` when an id is empty.
pub fn halt_flight_package_rollout(
    ep: &Endpoints,
    app_id: &str,
    flight_id: &str,
    submission_id: &str,
) -> Result<HttpRequest> {
    flight_sub(ep, "devcenter.halt_flight_package_rollout", app_id, flight_id, submission_id)?.build()
}

/// `POST …/flights/{flightId}/submissions/{submissionId}/finalizepackagerollout`. Parse with
/// [`parse_package_rollout`].
///
/// # Errors
/// `invalid_argument` when an id is empty.
pub fn finalize_flight_package_rollout(
    ep: &Endpoints,
    app_id: &str,
    flight_id: &str,
    submission_id: &str,
) -> Result<HttpRequest> {
    flight_sub(ep, "devcenter.finalize_flight_package_rollout", app_id, flight_id, submission_id)?.build()
}

/// Formats a rollout percentage for the `percentage` query (`25`, `12.5`).
fn percentage_arg(percentage: f64) -> Result<String> {
    if !percentage.is_finite() || !(0.0..=100.0).contains(&percentage) {
        return Err(Error::invalid_argument(format!(
            "rollout percentage must be a number from 0 to 100, got {percentage}"
        )));
    }
    Ok(format!("{percentage}"))
}

// ---- paging -------------------------------------------------------------------------------------------

/// The path prefix every devcenter `@nextLink` and `resourceLocation` is relative to (`/v1.0/my/`),
/// derived from the route table (the parent of the `devcenter.list_apps` path).
pub fn relative_base_path() -> &'static str {
    let path = routes::operation("devcenter.list_apps").map(|o| o.path).unwrap_or("/");
    match path.rfind('/') {
        Some(i) => &path[..=i],
        None => "/",
    }
}

/// Turns a page's `@nextLink` (relative to `/v1.0/my/`, e.g. `applications?skip=10&top=10`; an absolute
/// path `/v1.0/my/…` or a full URL under the devcenter root is accepted too) into the request for the
/// next page. The link's path must be one of the devcenter list operations, so the access token is never
/// sent anywhere else; its query is kept as the Store wrote it. Parse the response with the parser of
/// the list that produced the link.
///
/// # Errors
/// `invalid_argument` when the link is empty, points outside the devcenter API, or names no list
/// operation.
pub fn next_page(ep: &Endpoints, next_link: &str) -> Result<HttpRequest> {
    let base = relative_base_path();
    let root = ep.root(Family::Devcenter);
    let link = next_link.trim();
    let bad = |why: &str| Error::invalid_argument(format!("devcenter @nextLink `{link}`: {why}"));
    if link.is_empty() {
        return Err(bad("empty"));
    }
    if link.chars().any(|c| c.is_control() || c == ' ' || c == '#' || c == '\\') {
        return Err(bad("contains characters a relative link cannot hold"));
    }
    // Normalise to a path below the service root: `/v1.0/my/…?query`.
    let rel = if let Some(rest) = link.strip_prefix(root).filter(|r| r.starts_with('/')) {
        rest.to_string()
    } else if link.starts_with(base) {
        link.to_string()
    } else if link.starts_with('/') || link.contains("://") || link.starts_with("//") {
        return Err(bad("not relative to the devcenter API"));
    } else {
        format!("{base}{link}")
    };
    let (path, query) = match rel.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (rel.as_str(), None),
    };
    if path.split('/').any(|s| s == ".." || s == ".") {
        return Err(bad("dot segments are not allowed"));
    }
    let (op, params) = routes::match_route(Family::Devcenter, Method::Get, path)
        .filter(|(o, _)| o.query.contains(&"top"))
        .ok_or_else(|| bad("not a devcenter list operation"))?;
    let mut r = OpRequest::new(ep, op.id)?;
    for (name, value) in params {
        r = r.param(name, value);
    }
    let mut req = r.build()?;
    if let Some(q) = query.filter(|q| !q.is_empty()) {
        req.url.push('?');
        req.url.push_str(q);
    }
    Ok(req)
}

// ---- parsers ------------------------------------------------------------------------------------------

/// Parses "get all apps" (and its next pages).
///
/// # Errors
/// The mapped error for a non-2xx response; `invalid_response` for an unexpected body.
pub fn parse_app_list(resp: &HttpResponse) -> Result<PagedList<Application>> {
    parse_json(resp)
}

/// Parses "get an app".
///
/// # Errors
/// The mapped error for a non-2xx response; `invalid_response` for an unexpected body.
pub fn parse_app(resp: &HttpResponse) -> Result<Application> {
    parse_json(resp)
}

/// Parses "get add-ons for an app": a page of `{inAppProductId}`.
///
/// # Errors
/// The mapped error for a non-2xx response; `invalid_response` for an unexpected body.
pub fn parse_app_addon_list(resp: &HttpResponse) -> Result<PagedList<AppAddonRef>> {
    parse_json(resp)
}

/// Parses "get package flights for an app".
///
/// # Errors
/// The mapped error for a non-2xx response; `invalid_response` for an unexpected body.
pub fn parse_flight_list(resp: &HttpResponse) -> Result<PagedList<Flight>> {
    parse_json(resp)
}

/// Parses "get all add-ons".
///
/// # Errors
/// The mapped error for a non-2xx response; `invalid_response` for an unexpected body.
pub fn parse_addon_list(resp: &HttpResponse) -> Result<PagedList<Addon>> {
    parse_json(resp)
}

/// Parses "get an add-on" and "create an add-on".
///
/// # Errors
/// The mapped error for a non-2xx response; `invalid_response` for an unexpected body.
pub fn parse_addon(resp: &HttpResponse) -> Result<Addon> {
    parse_json(resp)
}

/// Parses "get a package flight" and "create a package flight".
///
/// # Errors
/// The mapped error for a non-2xx response; `invalid_response` for an unexpected body.
pub fn parse_flight(resp: &HttpResponse) -> Result<Flight> {
    parse_json(resp)
}

/// Parses an app submission (create, get, update).
///
/// # Errors
/// The mapped error for a non-2xx response; `invalid_response` for an unexpected body.
pub fn parse_app_submission(resp: &HttpResponse) -> Result<AppSubmission> {
    parse_json(resp)
}

/// Parses an add-on submission (create, get, update).
///
/// # Errors
/// The mapped error for a non-2xx response; `invalid_response` for an unexpected body.
pub fn parse_addon_submission(resp: &HttpResponse) -> Result<AddonSubmission> {
    parse_json(resp)
}

/// Parses a flight submission (create, get, update).
///
/// # Errors
/// The mapped error for a non-2xx response; `invalid_response` for an unexpected body.
pub fn parse_flight_submission(resp: &HttpResponse) -> Result<FlightSubmission> {
    parse_json(resp)
}

/// Parses a submission status (`…/status` of app, add-on and flight submissions).
///
/// # Errors
/// The mapped error for a non-2xx response; `invalid_response` for an unexpected body.
pub fn parse_submission_status(resp: &HttpResponse) -> Result<SubmissionStatusResource> {
    parse_json(resp)
}

/// Parses a commit response (`{"status": "CommitStarted"}`); an empty 2xx body gives an empty status
/// (poll the status call to learn more).
///
/// # Errors
/// The mapped error for a non-2xx response; `invalid_response` for an unexpected body.
pub fn parse_commit(resp: &HttpResponse) -> Result<SubmissionStatusResource> {
    if resp.is_success() && resp.body.iter().all(u8::is_ascii_whitespace) {
        return Ok(SubmissionStatusResource::default());
    }
    parse_json(resp)
}

/// Parses the package rollout resource returned by the get/update/halt/finalize rollout calls.
///
/// # Errors
/// The mapped error for a non-2xx response; `invalid_response` for an unexpected body.
pub fn parse_package_rollout(resp: &HttpResponse) -> Result<PackageRollout> {
    parse_json(resp)
}

/// Checks the response of a DELETE (app/add-on/flight submission, add-on, flight).
///
/// # Errors
/// The mapped error for a non-2xx response.
pub fn parse_deleted(resp: &HttpResponse) -> Result<()> {
    parse_empty(resp)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{build, OPERATIONS};
    use serde_json::json;
    use serde_json::Value;

    const APP: &str = "9NBLGGH4R315";
    const SUB: &str = "1152921504621243680";
    const ADDON: &str = "9NBLGGH4TNMP";
    const FLIGHT: &str = "43e448df-97c9-4a43-a0bc-2a445e736bcd";

    fn sample_submission() -> AppSubmission {
        serde_json::from_value(json!({
            "id": SUB,
            "status": "PendingCommit",
            "statusDetails": {"errors": [], "warnings": [], "certificationReports": []},
            "fileUploadUrl": "https://x.blob.core.windows.net/c/b?sv=1&sig=SECRET&sp=rwl",
            "friendlyName": "Submission 2",
            "notesForCertification": null,
            "pricing": {"priceId": "Free", "isAdvancedPricingModel": true},
            "applicationPackages": [{"fileName": "a.appx", "fileStatus": "PendingUpload", "version": "1.0.0.0", "id": "7"}],
            "packageDeliveryOptions": {"packageRollout": {"isPackageRollout": true, "packageRolloutPercentage": 10, "packageRolloutStatus": "PackageRolloutInProgress", "fallbackSubmissionId": "1"}},
            "futureField": {"x": 1}
        }))
        .unwrap()
    }

    #[test]
    fn every_typed_builder_matches_the_generic_builder() {
        let ep = Endpoints::production();
        let sub = sample_submission();
        let sub_body = to_update_body(&sub, AppSubmission::READ_ONLY).unwrap();
        let addon_sub: AddonSubmission =
            serde_json::from_value(json!({"id": SUB, "tag": "t", "status": "PendingCommit"})).unwrap();
        let addon_sub_body = to_update_body(&addon_sub, AddonSubmission::READ_ONLY).unwrap();
        let flight_sub_m: FlightSubmission =
            serde_json::from_value(json!({"id": SUB, "flightId": FLIGHT, "notesForCertification": ""})).unwrap();
        let flight_sub_body = to_update_body(&flight_sub_m, FlightSubmission::READ_ONLY).unwrap();
        let addon_create: AddonCreate =
            serde_json::from_value(json!({"applicationIds": [APP], "productId": "p", "productType": "Durable"}))
                .unwrap();
        let flight_create: FlightCreate =
            serde_json::from_value(json!({"friendlyName": "f", "groupIds": [0], "rankHigherThan": null})).unwrap();

        let a = |o: &'static str| (o, json!({"applicationId": APP}));
        let as_ = |o: &'static str| (o, json!({"applicationId": APP, "submissionId": SUB}));
        let i = |o: &'static str| (o, json!({"inAppProductId": ADDON}));
        let is = |o: &'static str| (o, json!({"inAppProductId": ADDON, "submissionId": SUB}));
        let af = |o: &'static str| (o, json!({"applicationId": APP, "flightId": FLIGHT}));
        let afs = |o: &'static str| (o, json!({"applicationId": APP, "flightId": FLIGHT, "submissionId": SUB}));
        let cases: Vec<(Result<HttpRequest>, (&str, Value))> = vec![
            (list_apps(&ep, Page::new(10, 20)), ("devcenter.list_apps", json!({"skip": 20, "top": 10}))),
            (get_app(&ep, APP), a("devcenter.get_app")),
            (
                list_app_addons(&ep, APP, Page { top: Some(5), skip: None }),
                ("devcenter.list_app_addons", json!({"applicationId": APP, "top": 5})),
            ),
            (list_app_flights(&ep, APP, Page::default()), a("devcenter.list_app_flights")),
            (create_app_submission(&ep, APP), a("devcenter.create_app_submission")),
            (get_app_submission(&ep, APP, SUB), as_("devcenter.get_app_submission")),
            (
                update_app_submission(&ep, APP, SUB, &sub),
                (
                    "devcenter.update_app_submission",
                    json!({"applicationId": APP, "submissionId": SUB, "body": sub_body}),
                ),
            ),
            (delete_app_submission(&ep, APP, SUB), as_("devcenter.delete_app_submission")),
            (commit_app_submission(&ep, APP, SUB), as_("devcenter.commit_app_submission")),
            (get_app_submission_status(&ep, APP, SUB), as_("devcenter.get_app_submission_status")),
            (get_app_package_rollout(&ep, APP, SUB), as_("devcenter.get_app_package_rollout")),
            (
                update_app_package_rollout_percentage(&ep, APP, SUB, 25.0),
                (
                    "devcenter.update_app_package_rollout_percentage",
                    json!({"applicationId": APP, "submissionId": SUB, "percentage": 25}),
                ),
            ),
            (halt_app_package_rollout(&ep, APP, SUB), as_("devcenter.halt_app_package_rollout")),
            (finalize_app_package_rollout(&ep, APP, SUB), as_("devcenter.finalize_app_package_rollout")),
            (list_addons(&ep, Page::new(10, 0)), ("devcenter.list_addons", json!({"skip": 0, "top": 10}))),
            (get_addon(&ep, ADDON), i("devcenter.get_addon")),
            (
                create_addon(&ep, &addon_create),
                (
                    "devcenter.create_addon",
                    json!({"body": {"applicationIds": [APP], "productId": "p", "productType": "Durable"}}),
                ),
            ),
            (delete_addon(&ep, ADDON), i("devcenter.delete_addon")),
            (create_addon_submission(&ep, ADDON), i("devcenter.create_addon_submission")),
            (get_addon_submission(&ep, ADDON, SUB), is("devcenter.get_addon_submission")),
            (
                update_addon_submission(&ep, ADDON, SUB, &addon_sub),
                (
                    "devcenter.update_addon_submission",
                    json!({"inAppProductId": ADDON, "submissionId": SUB, "body": addon_sub_body}),
                ),
            ),
            (delete_addon_submission(&ep, ADDON, SUB), is("devcenter.delete_addon_submission")),
            (commit_addon_submission(&ep, ADDON, SUB), is("devcenter.commit_addon_submission")),
            (get_addon_submission_status(&ep, ADDON, SUB), is("devcenter.get_addon_submission_status")),
            (get_flight(&ep, APP, FLIGHT), af("devcenter.get_flight")),
            (
                create_flight(&ep, APP, &flight_create),
                (
                    "devcenter.create_flight",
                    json!({"applicationId": APP, "body": {"friendlyName": "f", "groupIds": [0], "rankHigherThan": null}}),
                ),
            ),
            (delete_flight(&ep, APP, FLIGHT), af("devcenter.delete_flight")),
            (create_flight_submission(&ep, APP, FLIGHT), af("devcenter.create_flight_submission")),
            (get_flight_submission(&ep, APP, FLIGHT, SUB), afs("devcenter.get_flight_submission")),
            (
                update_flight_submission(&ep, APP, FLIGHT, SUB, &flight_sub_m),
                (
                    "devcenter.update_flight_submission",
                    json!({"applicationId": APP, "flightId": FLIGHT, "submissionId": SUB, "body": flight_sub_body}),
                ),
            ),
            (delete_flight_submission(&ep, APP, FLIGHT, SUB), afs("devcenter.delete_flight_submission")),
            (commit_flight_submission(&ep, APP, FLIGHT, SUB), afs("devcenter.commit_flight_submission")),
            (get_flight_submission_status(&ep, APP, FLIGHT, SUB), afs("devcenter.get_flight_submission_status")),
            (get_flight_package_rollout(&ep, APP, FLIGHT, SUB), afs("devcenter.get_flight_package_rollout")),
            (
                update_flight_package_rollout_percentage(&ep, APP, FLIGHT, SUB, 12.5),
                (
                    "devcenter.update_flight_package_rollout_percentage",
                    json!({"applicationId": APP, "flightId": FLIGHT, "submissionId": SUB, "percentage": 12.5}),
                ),
            ),
            (halt_flight_package_rollout(&ep, APP, FLIGHT, SUB), afs("devcenter.halt_flight_package_rollout")),
            (finalize_flight_package_rollout(&ep, APP, FLIGHT, SUB), afs("devcenter.finalize_flight_package_rollout")),
        ];
        let mut covered = std::collections::HashSet::new();
        for (typed, (op_id, args)) in cases {
            let typed = typed.unwrap_or_else(|e| panic!("{op_id}: {e}"));
            let generic = build(&ep, op_id, &args).unwrap_or_else(|e| panic!("{op_id}: {e}"));
            assert_eq!(typed, generic, "{op_id}");
            covered.insert(op_id);
        }
        let missing: Vec<_> = OPERATIONS
            .iter()
            .filter(|o| o.family == Family::Devcenter && !covered.contains(o.id))
            .map(|o| o.id)
            .collect();
        assert!(missing.is_empty(), "devcenter operations without a typed builder: {missing:?}");
    }

    #[test]
    fn update_strips_read_only_and_keeps_unknown_and_null() {
        let ep = Endpoints::production();
        let req = update_app_submission(&ep, APP, SUB, &sample_submission()).unwrap();
        let body = req.json_body().unwrap();
        for gone in ["id", "status", "statusDetails", "fileUploadUrl", "friendlyName"] {
            assert!(body.get(gone).is_none(), "{gone} sent");
        }
        assert!(body["pricing"].get("isAdvancedPricingModel").is_none());
        assert_eq!(body["pricing"]["priceId"], "Free");
        assert_eq!(
            body["applicationPackages"][0],
            json!({"fileName": "a.appx", "fileStatus": "PendingUpload", "id": "7"})
        );
        assert_eq!(
            body["packageDeliveryOptions"]["packageRollout"],
            json!({"isPackageRollout": true, "packageRolloutPercentage": 10})
        );
        assert_eq!(body["futureField"], json!({"x": 1}));
        assert_eq!(body["notesForCertification"], Value::Null);
        assert!(!format!("{req:?}").contains("SECRET"));
    }

    #[test]
    fn bad_ids_and_percentages_are_invalid_arguments() {
        let ep = Endpoints::production();
        for r in [
            get_app(&ep, ""),
            get_app_submission(&ep, APP, " "),
            get_flight_submission(&ep, APP, "", SUB),
            update_app_package_rollout_percentage(&ep, APP, SUB, 100.5),
            update_app_package_rollout_percentage(&ep, APP, SUB, -1.0),
            update_flight_package_rollout_percentage(&ep, APP, FLIGHT, SUB, f64::NAN),
        ] {
            assert_eq!(r.unwrap_err().code(), "invalid_argument");
        }
        assert!(update_app_package_rollout_percentage(&ep, APP, SUB, 0.0).unwrap().url.ends_with("percentage=0"));
        assert!(update_app_package_rollout_percentage(&ep, APP, SUB, 100.0).unwrap().url.ends_with("percentage=100"));
    }

    #[test]
    fn next_links_from_the_docs_become_requests() {
        let ep = Endpoints::production();
        assert_eq!(relative_base_path(), "/v1.0/my/");
        let cases = [
            ("applications?skip=10&top=10", "https://manage.devcenter.microsoft.com/v1.0/my/applications?skip=10&top=10"),
            (
                "applications/9NBLGGH4R315/listinappproducts/?skip=10&top=10",
                "https://manage.devcenter.microsoft.com/v1.0/my/applications/9NBLGGH4R315/listinappproducts?skip=10&top=10",
            ),
            ("inappproducts/?skip=5&top=5", "https://manage.devcenter.microsoft.com/v1.0/my/inappproducts?skip=5&top=5"),
            ("/v1.0/my/applications/9NBLGGH4R315/listflights?skip=1&top=1", "https://manage.devcenter.microsoft.com/v1.0/my/applications/9NBLGGH4R315/listflights?skip=1&top=1"),
            ("https://manage.devcenter.microsoft.com/v1.0/my/applications?top=2", "https://manage.devcenter.microsoft.com/v1.0/my/applications?top=2"),
            ("applications", "https://manage.devcenter.microsoft.com/v1.0/my/applications"),
        ];
        for (link, url) in cases {
            let req = next_page(&ep, link).unwrap_or_else(|e| panic!("{link}: {e}"));
            assert_eq!(req.url, url);
            assert_eq!(req.method, Method::Get);
            assert_eq!(req.header("Accept"), Some("application/json"));
        }
        for bad in [
            "",
            "https://evil.example/v1.0/my/applications?top=1",
            "//evil.example/applications",
            "/other/applications",
            "applications/9N/submissions/1",
            "applications/../inappproducts",
            "applications?top=1#frag",
        ] {
            assert_eq!(next_page(&ep, bad).unwrap_err().code(), "invalid_argument", "{bad}");
        }
        let emu = Endpoints::all_at("http://127.0.0.1:8080/");
        assert_eq!(
            next_page(&emu, "applications?skip=1").unwrap().url,
            "http://127.0.0.1:8080/v1.0/my/applications?skip=1"
        );
    }

    #[test]
    fn parsers_map_errors_and_empty_commit_bodies() {
        let ok = HttpResponse::json(200, &json!({"status": "CommitStarted"}));
        assert!(parse_commit(&ok).unwrap().status().unwrap().is_committing());
        assert_eq!(parse_commit(&HttpResponse::new(202, "")).unwrap(), SubmissionStatusResource::default());
        assert_eq!(parse_app(&HttpResponse::new(404, "")).unwrap_err().code(), "not_found");
        assert_eq!(parse_app_submission(&HttpResponse::new(200, "not json")).unwrap_err().code(), "invalid_response");
        assert!(parse_deleted(&HttpResponse::new(204, "")).is_ok());
        assert_eq!(parse_deleted(&HttpResponse::new(409, "")).unwrap_err().code(), "conflict");
        let r = parse_package_rollout(&HttpResponse::json(
            200,
            &json!({"isPackageRollout": true, "packageRolloutPercentage": 25.0}),
        ))
        .unwrap();
        assert_eq!(r.percentage(), Some(25.0));
    }
}
