//! The classic Store submission API (devcenter): apps, app submissions with gradual rollout, add-ons,
//! add-on submissions, package flights and flight submissions, on an emulated clock.

use std::collections::HashMap;

use serde_json::{json, Map, Value};
use storesubmit::model::devcenter::{read_only_pointers, MinimumDirectXVersion, MinimumSystemRam, SubmissionStatus};
use storesubmit::model::{referenced_files, strip_read_only, DocumentKind};
use storesubmit::validate::{codes, FileSet};

use crate::state::{numeric_id, store_id, State, DEVCENTER_CONTAINER};
use crate::svc::{error, Svc};
use crate::util::{self, param, Req, Resp};

/// What a parent resource is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// An app.
    App,
    /// An add-on (in-app product).
    Addon,
    /// A package flight.
    Flight,
}

impl Kind {
    fn doc_kind(self) -> DocumentKind {
        match self {
            Kind::App => DocumentKind::AppSubmission,
            Kind::Addon => DocumentKind::AddonSubmission,
            Kind::Flight => DocumentKind::FlightSubmission,
        }
    }

    fn pointers(self) -> (&'static str, &'static str) {
        match self {
            Kind::App => ("pendingApplicationSubmission", "lastPublishedApplicationSubmission"),
            Kind::Addon => ("pendingInAppProductSubmission", "lastPublishedInAppProductSubmission"),
            Kind::Flight => ("pendingFlightSubmission", "lastPublishedFlightSubmission"),
        }
    }

    fn collection(self) -> &'static str {
        match self {
            Kind::App => "applications",
            Kind::Addon => "inappproducts",
            Kind::Flight => "flights",
        }
    }

    fn noun(self) -> &'static str {
        match self {
            Kind::App => "app",
            Kind::Addon => "add-on",
            Kind::Flight => "package flight",
        }
    }

    fn target(self) -> &'static str {
        match self {
            Kind::App => "applicationSubmission",
            Kind::Addon => "inAppProductSubmission",
            Kind::Flight => "flightSubmission",
        }
    }
}

/// An app, add-on or flight.
#[derive(Clone, Debug)]
pub struct Parent {
    /// Kind.
    pub kind: Kind,
    /// Its id (app id, add-on id, flight id).
    pub id: String,
    /// The owning app (flights), the app itself (apps), empty for add-ons.
    pub app_id: String,
    /// The resource without the submission pointers (computed on read).
    pub doc: Value,
    /// The pending submission.
    pub pending: Option<String>,
    /// The last published submission.
    pub last_published: Option<String>,
    /// Submissions created so far (for friendly names).
    pub created: u32,
}

/// A submission of any kind.
#[derive(Clone, Debug)]
pub struct Submission {
    /// Parent kind.
    pub kind: Kind,
    /// Parent id.
    pub parent: String,
    /// The full resource.
    pub doc: Value,
    /// The blob the `fileUploadUrl` points at.
    pub blob: String,
    /// When the current status began, unix ms.
    pub since: u64,
    /// Problems found in the upload at commit time (code, details); shown when the commit phase ends.
    pub commit_errors: Vec<(String, String)>,
}

/// devcenter state.
#[derive(Debug, Default)]
pub struct Devcenter {
    /// Apps, add-ons and flights in creation order.
    pub parents: Vec<Parent>,
    /// Submissions by id.
    pub subs: HashMap<String, Submission>,
}

impl Devcenter {
    fn parent(&self, kind: Kind, id: &str) -> Option<&Parent> {
        self.parents.iter().find(|p| p.kind == kind && p.id.eq_ignore_ascii_case(id))
    }

    fn parent_mut(&mut self, kind: Kind, id: &str) -> Option<&mut Parent> {
        self.parents.iter_mut().find(|p| p.kind == kind && p.id.eq_ignore_ascii_case(id))
    }

    /// The first app's id.
    pub fn first_app(&self) -> Option<String> {
        self.parents.iter().find(|p| p.kind == Kind::App).map(|p| p.id.clone())
    }

    /// The first add-on's id.
    pub fn first_addon(&self) -> Option<String> {
        self.parents.iter().find(|p| p.kind == Kind::Addon).map(|p| p.id.clone())
    }

    /// The first flight's id.
    pub fn first_flight(&self) -> Option<String> {
        self.parents.iter().find(|p| p.kind == Kind::Flight).map(|p| p.id.clone())
    }

    /// A JSON dump.
    pub fn dump(&self) -> Value {
        json!({
            "parents": self.parents.iter().map(|p| self.parent_view(p)).collect::<Vec<_>>(),
            "submissions": self.subs.values().map(|s| json!({"kind": s.kind.noun(), "parent": s.parent, "id": s.doc.get("id"), "status": s.doc.get("status")})).collect::<Vec<_>>(),
        })
    }

    fn parent_view(&self, p: &Parent) -> Value {
        let mut doc = p.doc.clone();
        let (pending_key, published_key) = p.kind.pointers();
        let loc = |sid: &str| json!({"id": sid, "resourceLocation": format!("{}/{}/submissions/{}", p.kind.collection(), p.id, sid)});
        if let Some(obj) = doc.as_object_mut() {
            if let Some(s) = &p.last_published {
                obj.insert(published_key.into(), loc(s));
            }
            if let Some(s) = &p.pending {
                obj.insert(pending_key.into(), loc(s));
            }
        }
        doc
    }
}

fn dc_err(status: u16, code: &str, message: impl AsRef<str>, target: &str) -> Resp {
    error(Svc::Api(storesubmit::api::Family::Devcenter), status, code, message.as_ref(), target)
}

/// Loads the `devcenter` part of a fixture.
///
/// # Errors
/// A message naming the malformed entry.
pub fn load(st: &mut State, f: &Value) -> Result<(), String> {
    if f.is_null() {
        return Ok(());
    }
    for (i, a) in f.get("apps").and_then(Value::as_array).into_iter().flatten().enumerate() {
        let app = a.get("app").ok_or(format!("devcenter.apps[{i}]: `app` missing"))?;
        let id =
            app.get("id").and_then(Value::as_str).ok_or(format!("devcenter.apps[{i}].app.id missing"))?.to_string();
        add_parent(st, Kind::App, &id, &id, app.clone(), a.get("submissions"))?;
        for (j, fl) in a.get("flights").and_then(Value::as_array).into_iter().flatten().enumerate() {
            let flight = fl.get("flight").ok_or(format!("devcenter.apps[{i}].flights[{j}]: `flight` missing"))?;
            let fid = flight
                .get("flightId")
                .and_then(Value::as_str)
                .ok_or(format!("devcenter.apps[{i}].flights[{j}].flight.flightId missing"))?
                .to_string();
            add_parent(st, Kind::Flight, &fid, &id, flight.clone(), fl.get("submissions"))?;
        }
    }
    for (i, a) in f.get("addons").and_then(Value::as_array).into_iter().flatten().enumerate() {
        let addon = a.get("addon").ok_or(format!("devcenter.addons[{i}]: `addon` missing"))?;
        let id = addon
            .get("id")
            .and_then(Value::as_str)
            .ok_or(format!("devcenter.addons[{i}].addon.id missing"))?
            .to_string();
        add_parent(st, Kind::Addon, &id, "", addon.clone(), a.get("submissions"))?;
    }
    Ok(())
}

fn add_parent(
    st: &mut State,
    kind: Kind,
    id: &str,
    app_id: &str,
    mut doc: Value,
    subs: Option<&Value>,
) -> Result<(), String> {
    if let Some(o) = doc.as_object_mut() {
        let (a, b) = kind.pointers();
        o.remove(a);
        o.remove(b);
    }
    let mut parent = Parent {
        kind,
        id: id.to_string(),
        app_id: app_id.to_string(),
        doc,
        pending: None,
        last_published: None,
        created: 0,
    };
    let now = st.now();
    for s in subs.and_then(Value::as_array).into_iter().flatten() {
        let sid = s.get("id").and_then(Value::as_str).ok_or(format!("a submission of {id} has no id"))?.to_string();
        let status = s.get("status").and_then(Value::as_str).unwrap_or("Published").to_string();
        let (url, blob) = st.new_upload_url(DEVCENTER_CONTAINER, "rwl");
        let mut doc = s.clone();
        doc["fileUploadUrl"] = Value::String(url);
        if status == "Published" {
            parent.last_published = Some(sid.clone());
        } else {
            parent.pending = Some(sid.clone());
        }
        parent.created += 1;
        st.dc
            .subs
            .insert(sid, Submission { kind, parent: id.to_string(), doc, blob, since: now, commit_errors: Vec::new() });
    }
    st.dc.parents.push(parent);
    Ok(())
}

/// Which parent a request names, or the error to answer.
fn resolve(st: &State, op: &str, params: &[(&'static str, String)]) -> Result<(Kind, String), Resp> {
    let app = param(params, "applicationId");
    let flight = param(params, "flightId");
    let addon = param(params, "inAppProductId");
    if !addon.is_empty() {
        return match st.dc.parent(Kind::Addon, addon) {
            Some(p) => Ok((Kind::Addon, p.id.clone())),
            None => {
                Err(dc_err(404, "ResourceNotFound", format!("The add-on {addon} could not be found."), "inAppProduct"))
            }
        };
    }
    let Some(a) = st.dc.parent(Kind::App, app) else {
        return Err(dc_err(404, "ResourceNotFound", format!("The app {app} could not be found."), "application"));
    };
    if op.contains("flight") && !flight.is_empty() {
        return match st.dc.parent(Kind::Flight, flight) {
            Some(f) if f.app_id == a.id => Ok((Kind::Flight, f.id.clone())),
            _ => Err(dc_err(
                404,
                "ResourceNotFound",
                format!("The package flight {flight} could not be found."),
                "flight",
            )),
        };
    }
    Ok((Kind::App, a.id.clone()))
}

/// The submission a request names (and checks it belongs to the parent).
fn resolve_sub(st: &State, kind: Kind, parent: &str, sid: &str) -> Result<String, Resp> {
    match st.dc.subs.get(sid) {
        None => {
            Err(dc_err(404, "ResourceNotFound", format!("The submission {sid} could not be found."), kind.target()))
        }
        Some(s) if s.kind != kind || !s.parent.eq_ignore_ascii_case(parent) => Err(dc_err(
            409,
            "InvalidOperation",
            format!("The submission {sid} does not belong to the specified {}.", kind.noun()),
            kind.target(),
        )),
        Some(_) => Ok(sid.to_string()),
    }
}

/// The blobs an operation reads (fetched from an outside store before it runs): a commit reads the
/// submission's upload.
pub fn blobs_needed(st: &State, op: &str, params: &[(&'static str, String)]) -> Vec<String> {
    if !op.starts_with("devcenter.commit_") {
        return Vec::new();
    }
    st.dc.subs.get(param(params, "submissionId")).map(|s| vec![s.blob.clone()]).unwrap_or_default()
}

/// Handles a devcenter operation.
pub fn handle(st: &mut State, req: &Req, op: &str, params: &[(&'static str, String)]) -> Resp {
    match op {
        "devcenter.list_apps" => list(st, req, Kind::App, None, "applications"),
        "devcenter.list_addons" => list(st, req, Kind::Addon, None, "inappproducts/"),
        "devcenter.create_addon" => create_addon(st, req),
        "devcenter.create_flight"
        | "devcenter.list_app_addons"
        | "devcenter.list_app_flights"
        | "devcenter.get_app" => {
            let (_, app) = match resolve(st, "", params) {
                Ok(r) => r,
                Err(e) => return e,
            };
            match op {
                "devcenter.get_app" => {
                    Resp::json(200, &st.dc.parent_view(st.dc.parent(Kind::App, &app).expect("resolved")))
                }
                "devcenter.list_app_addons" => {
                    list(st, req, Kind::Addon, Some(&app), &format!("applications/{app}/listinappproducts/"))
                }
                "devcenter.list_app_flights" => {
                    list(st, req, Kind::Flight, Some(&app), &format!("applications/{app}/listflights/"))
                }
                _ => create_flight(st, req, &app),
            }
        }
        _ => {
            let (kind, parent) = match resolve(st, op, params) {
                Ok(r) => r,
                Err(e) => return e,
            };
            let sid = param(params, "submissionId").to_string();
            let action = op.rsplit('.').next().unwrap_or("");
            if matches!(action, "get_addon" | "get_flight") {
                return Resp::json(200, &st.dc.parent_view(st.dc.parent(kind, &parent).expect("resolved")));
            }
            if matches!(action, "delete_addon" | "delete_flight") {
                return delete_parent(st, kind, &parent);
            }
            if action.starts_with("create_") {
                return create_from_request(st, req, kind, &parent);
            }
            let sid = match resolve_sub(st, kind, &parent, &sid) {
                Ok(s) => s,
                Err(e) => return e,
            };
            if action.ends_with("_status") {
                let s = &st.dc.subs[&sid].doc;
                return Resp::json(200, &json!({"status": s.get("status"), "statusDetails": s.get("statusDetails")}));
            }
            if action.ends_with("package_rollout") || action.ends_with("rollout_percentage") {
                return rollout(st, req, action, &sid);
            }
            match action.split('_').next().unwrap_or("") {
                "get" => {
                    let pending = st.dc.subs[&sid].doc.get("status").and_then(Value::as_str) == Some("PendingCommit");
                    if st.config.fresh_upload_url_on_get && pending {
                        let (url, blob) = st.new_upload_url(DEVCENTER_CONTAINER, "rwl");
                        if let Some(s) = st.dc.subs.get_mut(&sid) {
                            s.doc["fileUploadUrl"] = Value::String(url);
                            s.blob = blob;
                        }
                    }
                    Resp::json(200, &st.dc.subs[&sid].doc)
                }
                "update" => update_submission(st, req, kind, &sid),
                "delete" => delete_submission(st, kind, &parent, &sid),
                "commit" => commit(st, kind, &sid),
                _ => dc_err(404, "ResourceNotFound", "No such method.", ""),
            }
        }
    }
}

fn paging(req: &Req) -> Result<(usize, usize), Resp> {
    let parse = |name: &str, default: usize, min: usize| -> Result<usize, Resp> {
        match req.query(name) {
            None => Ok(default),
            Some(v) => match v.trim().parse::<usize>() {
                Ok(n) if n >= min => Ok(n),
                _ => Err(dc_err(400, "InvalidParameterValue", format!("`{name}` must be an integer ≥ {min}."), name)),
            },
        }
    };
    Ok((parse("top", 10, 1)?, parse("skip", 0, 0)?))
}

fn list(st: &State, req: &Req, kind: Kind, app: Option<&str>, next_base: &str) -> Resp {
    let (top, skip) = match paging(req) {
        Ok(p) => p,
        Err(e) => return e,
    };
    let items: Vec<&Parent> = st
        .dc
        .parents
        .iter()
        .filter(|p| p.kind == kind)
        .filter(|p| match (app, kind) {
            (Some(a), Kind::Flight) => p.app_id == a,
            (Some(a), Kind::Addon) => p
                .doc
                .pointer("/applications/value")
                .and_then(Value::as_array)
                .is_some_and(|v| v.iter().any(|x| x.get("id").and_then(Value::as_str) == Some(a))),
            _ => true,
        })
        .collect();
    if items.is_empty() {
        return dc_err(404, "ResourceNotFound", format!("No {}s were found.", kind.noun()), kind.collection());
    }
    let page: Vec<Value> = items
        .iter()
        .skip(skip)
        .take(top)
        .map(|p| match (app, kind) {
            (Some(_), Kind::Addon) => json!({"inAppProductId": p.id}),
            _ => st.dc.parent_view(p),
        })
        .collect();
    let mut body = Map::new();
    if skip + top < items.len() {
        body.insert("@nextLink".into(), json!(format!("{next_base}?skip={}&top={top}", skip + top)));
    }
    body.insert("value".into(), Value::Array(page));
    body.insert("totalCount".into(), json!(items.len()));
    Resp::json(200, &Value::Object(body))
}

fn create_addon(st: &mut State, req: &Req) -> Resp {
    let Some(mut body) = req.json().filter(Value::is_object) else {
        return dc_err(400, "InvalidParameterValue", "A JSON object body is required.", "inAppProduct");
    };
    storesubmit::model::canonicalize_case(DocumentKind::Addon, &mut body);
    let product_id = body.get("productId").and_then(Value::as_str).unwrap_or("").trim().to_string();
    if product_id.is_empty() {
        return dc_err(400, "InvalidParameterValue", "`productId` is required.", "productId");
    }
    let product_type = body.get("productType").and_then(Value::as_str).unwrap_or("");
    if !["Durable", "Consumable"].contains(&product_type) {
        return dc_err(400, "InvalidParameterValue", "`productType` must be Durable or Consumable.", "productType");
    }
    let apps: Vec<String> = body
        .get("applicationIds")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).map(str::to_string).collect())
        .unwrap_or_default();
    if apps.len() != 1 {
        return dc_err(
            400,
            "InvalidParameterValue",
            "`applicationIds` must hold exactly one app id.",
            "applicationIds",
        );
    }
    let Some(app) = st.dc.parent(Kind::App, &apps[0]).map(|p| p.id.clone()) else {
        return dc_err(
            400,
            "InvalidParameterValue",
            format!("The app {} could not be found.", apps[0]),
            "applicationIds",
        );
    };
    if st
        .dc
        .parents
        .iter()
        .any(|p| p.kind == Kind::Addon && p.doc.get("productId").and_then(Value::as_str) == Some(product_id.as_str()))
    {
        return dc_err(
            409,
            "InvalidState",
            format!("An add-on with productId {product_id} already exists."),
            "productId",
        );
    }
    let id = store_id();
    let doc = json!({
        "applications": {"value": [{"id": app, "resourceLocation": format!("applications/{app}")}], "totalCount": 1},
        "id": id,
        "productId": product_id,
        "productType": product_type,
    });
    st.dc.parents.push(Parent {
        kind: Kind::Addon,
        id: id.clone(),
        app_id: String::new(),
        doc: doc.clone(),
        pending: None,
        last_published: None,
        created: 0,
    });
    Resp::json(200, &doc)
}

fn create_flight(st: &mut State, req: &Req, app: &str) -> Resp {
    let Some(mut body) = req.json().filter(Value::is_object) else {
        return dc_err(400, "InvalidParameterValue", "A JSON object body is required.", "flight");
    };
    storesubmit::model::canonicalize_case(DocumentKind::Flight, &mut body);
    let name = body.get("friendlyName").and_then(Value::as_str).unwrap_or("").trim().to_string();
    if name.is_empty() {
        return dc_err(400, "InvalidParameterValue", "`friendlyName` is required.", "friendlyName");
    }
    if st.dc.parents.iter().any(|p| {
        p.kind == Kind::Flight
            && p.app_id == app
            && p.doc.get("friendlyName").and_then(Value::as_str) == Some(name.as_str())
    }) {
        return dc_err(409, "InvalidState", format!("A package flight named {name} already exists."), "friendlyName");
    }
    let group_ids = body.get("groupIds").cloned().unwrap_or(json!([]));
    if !group_ids.is_array() {
        return dc_err(400, "InvalidParameterValue", "`groupIds` must be an array of strings.", "groupIds");
    }
    let id = util::guid();
    let doc = json!({
        "flightId": id,
        "friendlyName": name,
        "groupIds": group_ids,
        "rankHigherThan": body.get("rankHigherThan").cloned().unwrap_or(Value::Null),
    });
    st.dc.parents.push(Parent {
        kind: Kind::Flight,
        id: id.clone(),
        app_id: app.to_string(),
        doc,
        pending: None,
        last_published: None,
        created: 0,
    });
    // Microsoft's flight sample reads `pendingFlightSubmission` from this response ("a flight submission
    // will be created together with the flight"); the method's page shows only the four fields. Both
    // hold: the flight comes with its first pending submission, and the response adds the pointers of
    // get-a-flight (see emulator/README.md).
    if let Err(refused) = create_submission(st, Kind::Flight, &id) {
        return refused;
    }
    Resp::json(200, &st.dc.parent_view(st.dc.parent(Kind::Flight, &id).expect("just created")))
}

fn delete_parent(st: &mut State, kind: Kind, id: &str) -> Resp {
    let busy = st
        .dc
        .parent(kind, id)
        .and_then(|p| p.pending.clone())
        .and_then(|s| st.dc.subs.get(&s))
        .is_some_and(|s| in_flight(s.doc.get("status").and_then(Value::as_str).unwrap_or("")));
    if busy {
        return dc_err(
            409,
            "InvalidState",
            format!("The {} has a submission in progress and cannot be deleted now.", kind.noun()),
            kind.collection(),
        );
    }
    st.dc.parents.retain(|p| !(p.kind == kind && p.id.eq_ignore_ascii_case(id)));
    st.dc.subs.retain(|_, s| !(s.kind == kind && s.parent.eq_ignore_ascii_case(id)));
    Resp::empty(204)
}

/// Whether the Store is working on a submission in this status (the core's vocabulary).
fn in_flight(status: &str) -> bool {
    SubmissionStatus::parse(status).is_in_flight()
}

fn blank_submission(kind: Kind, parent: &Parent) -> Value {
    let rollout = json!({
        "packageRollout": {"isPackageRollout": false, "packageRolloutPercentage": 0.0, "packageRolloutStatus": "PackageRolloutNotStarted", "fallbackSubmissionId": "0"},
        "isMandatoryUpdate": false,
        "mandatoryUpdateEffectiveDate": "1601-01-01T00:00:00.0000000Z"
    });
    match kind {
        Kind::Flight => json!({
            "flightId": parent.id,
            "flightPackages": [],
            "packageDeliveryOptions": rollout,
            "targetPublishMode": "Immediate",
            "targetPublishDate": "",
            "notesForCertification": ""
        }),
        Kind::Addon => json!({
            "contentType": "NotSet",
            "keywords": [],
            "lifetime": "Forever",
            "listings": {},
            "pricing": {"marketSpecificPricings": {}, "sales": [], "priceId": "Free", "isAdvancedPricingModel": true},
            "targetPublishDate": "1601-01-01T00:00:00Z",
            "targetPublishMode": "Immediate",
            "tag": "",
            "visibility": "Public"
        }),
        Kind::App => json!({}),
    }
}

/// Create a submission as the request asks: without a body (the documented call) a copy of the last
/// published submission, or the template of a first add-on or flight submission. With a JSON submission
/// body — Microsoft's add-on create sample posts a whole submission ("you can always post the new
/// submission entirely") — that body's fields replace the copy's, checked as an update's are; an invalid
/// body creates nothing.
fn create_from_request(st: &mut State, req: &Req, kind: Kind, parent_id: &str) -> Resp {
    let body = match req.json() {
        None if req.body.iter().all(u8::is_ascii_whitespace) => None,
        Some(Value::Null) => None,
        Some(Value::Object(o)) if o.is_empty() => None,
        Some(Value::Object(o)) => Some(Value::Object(o)),
        _ => {
            let message = "The request body must be empty or a JSON submission resource.";
            return dc_err(400, "InvalidParameterValue", message, kind.target());
        }
    };
    let sid = match create_submission(st, kind, parent_id) {
        Ok(sid) => sid,
        Err(refused) => return refused,
    };
    let Some(mut body) = body else { return Resp::json(200, &st.dc.subs[&sid].doc) };
    storesubmit::model::canonicalize_case(kind.doc_kind(), &mut body);
    let mut doc = st.dc.subs[&sid].doc.clone();
    if let (Some(doc), Value::Object(fields)) = (doc.as_object_mut(), body) {
        doc.extend(fields);
    }
    let answer = apply_update(st, kind, &sid, doc);
    if answer.status != 200 {
        st.dc.subs.remove(&sid);
        if let Some(p) = st.dc.parent_mut(kind, parent_id) {
            p.pending = None;
            p.created = p.created.saturating_sub(1);
        }
    }
    answer
}

/// Creates the pending submission of a parent (a copy of its last published submission, or the template
/// of a first add-on or flight submission); answers its id, or the refusal.
fn create_submission(st: &mut State, kind: Kind, parent_id: &str) -> Result<String, Resp> {
    let parent = st.dc.parent(kind, parent_id).expect("resolved").clone();
    if let Some(p) = &parent.pending {
        return Err(dc_err(
            409,
            "InvalidState",
            format!(
                "A pending submission ({p}) already exists for this {}. Commit or delete it before creating a new one.",
                kind.noun()
            ),
            kind.target(),
        ));
    }
    let mut doc = match parent.last_published.as_ref().and_then(|s| st.dc.subs.get(s)) {
        Some(s) => s.doc.clone(),
        None if kind == Kind::App => return Err(dc_err(
            409,
            "InvalidState",
            "The app has no published submission to copy. The first submission must be completed in Partner Center.",
            kind.target(),
        )),
        None => blank_submission(kind, &parent),
    };
    let id = numeric_id();
    let (url, blob) = st.new_upload_url(DEVCENTER_CONTAINER, "rwl");
    let created = parent.created + 1;
    if let Some(o) = doc.as_object_mut() {
        o.insert("id".into(), json!(id));
        o.insert("status".into(), json!(SubmissionStatus::PendingCommit.as_str()));
        o.insert("statusDetails".into(), json!({"errors": [], "warnings": [], "certificationReports": []}));
        o.insert("fileUploadUrl".into(), json!(url));
        if kind != Kind::Addon {
            o.insert("friendlyName".into(), json!(format!("Submission {}", created + 1)));
        }
        if let Some(r) = o.get_mut("packageDeliveryOptions").and_then(|p| p.get_mut("packageRollout")) {
            *r = json!({"isPackageRollout": false, "packageRolloutPercentage": 0.0, "packageRolloutStatus": "PackageRolloutNotStarted", "fallbackSubmissionId": "0"});
        }
        if let Some(p) = o.get_mut("pricing").and_then(Value::as_object_mut) {
            p.insert("sales".into(), json!([]));
        }
    }
    let now = st.now();
    st.dc.subs.insert(
        id.clone(),
        Submission { kind, parent: parent.id.clone(), doc, blob, since: now, commit_errors: Vec::new() },
    );
    if let Some(p) = st.dc.parent_mut(kind, parent_id) {
        p.pending = Some(id.clone());
        p.created = created;
    }
    Ok(id)
}

/// Fills what the service fills in a package that leaves it out: `minimumDirectXVersion` and
/// `minimumSystemRam` are `None` (they apply to Windows 8.x packages only). The docs call both required
/// in an update, yet Microsoft's app and flight update samples add packages without them and the
/// service takes those; the validator warns instead.
fn default_package_fields(kind: Kind, body: &mut Value) {
    let key = match kind {
        Kind::App => "applicationPackages",
        Kind::Flight => "flightPackages",
        Kind::Addon => return,
    };
    let defaults = [
        ("minimumDirectXVersion", MinimumDirectXVersion::None.as_str()),
        ("minimumSystemRam", MinimumSystemRam::None.as_str()),
    ];
    for package in body.get_mut(key).and_then(Value::as_array_mut).into_iter().flatten() {
        if let Some(p) = package.as_object_mut() {
            for (field, value) in defaults {
                p.entry(field).or_insert_with(|| json!(value));
            }
        }
    }
}

/// Validation of an update body: the core's rules for the submission kind, plus the core's file-name
/// rules of its files cross-check (a name must be relative and stay inside the ZIP).
fn validate(kind: DocumentKind, doc: &Value) -> Vec<storesubmit::Issue> {
    let mut issues = storesubmit::validate::validate(kind, doc).issues;
    let names = storesubmit::validate::cross_check_files(kind, doc, &FileSet::new());
    issues.extend(
        names
            .into_iter()
            .filter(|i| i.code == codes::FILES_ABSOLUTE_PATH.code || i.code == codes::FILES_PARENT_SEGMENT.code),
    );
    issues
}

fn update_submission(st: &mut State, req: &Req, kind: Kind, sid: &str) -> Resp {
    let Some(body) = req.json().filter(Value::is_object) else {
        return dc_err(
            400,
            "InvalidParameterValue",
            "The request body must be a JSON submission resource.",
            kind.target(),
        );
    };
    apply_update(st, kind, sid, body)
}

/// Replaces a pending submission's resource with `body` (an update's body, or a create's body over the
/// copy): read-only fields come from the stored resource, the core's rules check the rest.
fn apply_update(st: &mut State, kind: Kind, sid: &str, mut body: Value) -> Resp {
    let old = st.dc.subs[sid].doc.clone();
    let status = old.get("status").and_then(Value::as_str).unwrap_or("");
    if !SubmissionStatus::parse(status).is_editable() {
        return dc_err(
            409,
            "InvalidState",
            format!("The submission cannot be updated while its status is {status}."),
            kind.target(),
        );
    }
    // The service binds JSON case-insensitively (Microsoft's samples send `ApplicationPackages`,
    // `FileName`): the resource is stored with the documented spelling.
    storesubmit::model::canonicalize_case(kind.doc_kind(), &mut body);
    let read_only = read_only_pointers(kind.doc_kind());
    strip_read_only(&mut body, read_only);
    default_package_fields(kind, &mut body);
    let issues: Vec<_> = validate(kind.doc_kind(), &body).into_iter().filter(|i| i.is_error()).collect();
    if let Some(first) = issues.first() {
        let msg = issues.iter().map(|i| i.message.as_str()).collect::<Vec<_>>().join("; ");
        let target = if first.path.is_empty() { kind.target() } else { &first.path };
        let mut r = json!({"code": "InvalidParameterValue", "data": [], "details": [], "message": msg, "source": crate::svc::DEVCENTER_SOURCE, "target": target});
        r["details"] = issues.iter().map(|i| json!({"code": i.code, "message": i.message, "target": i.path})).collect();
        return Resp::json(400, &r);
    }
    // Put the read-only values back from the stored resource (the core's list; `*` entries are derived
    // from the packages and stay stripped).
    for ptr in read_only.iter().filter(|p| !p.contains('*')) {
        let Some(v) = old.pointer(ptr) else { continue };
        let (parent_ptr, key) = ptr.rsplit_once('/').expect("pointer has a slash");
        if let Some(obj) = body.pointer_mut(parent_ptr).and_then(Value::as_object_mut) {
            obj.insert(key.to_string(), v.clone());
        }
    }
    if let Some(p) = body.get_mut("pricing").and_then(Value::as_object_mut) {
        p.insert("sales".into(), json!([]));
    }
    if let Some(s) = st.dc.subs.get_mut(sid) {
        s.doc = body.clone();
    }
    Resp::json(200, &body)
}

fn delete_submission(st: &mut State, kind: Kind, parent: &str, sid: &str) -> Resp {
    let status = st.dc.subs[sid].doc.get("status").and_then(Value::as_str).unwrap_or("").to_string();
    if in_flight(&status) || SubmissionStatus::parse(&status) == SubmissionStatus::Published {
        return dc_err(
            409,
            "InvalidState",
            format!("The submission cannot be deleted while its status is {status}."),
            kind.target(),
        );
    }
    st.dc.subs.remove(sid);
    if let Some(p) = st.dc.parent_mut(kind, parent) {
        if p.pending.as_deref() == Some(sid) {
            p.pending = None;
        }
    }
    Resp::empty(204)
}

/// Reads the uploaded archive and lists what is wrong with it for this submission: not a ZIP or an entry
/// name that is not a safe relative path (`InvalidArchive`), or a `PendingUpload` file the core's files
/// cross-check does not find (`MissingFiles`, names compared exactly, as the core does).
fn check_upload(st: &State, kind: Kind, sub: &Submission) -> Vec<(String, String)> {
    let pending: Vec<_> =
        referenced_files(kind.doc_kind(), &sub.doc).into_iter().filter(|f| f.pending_upload).collect();
    let files = match st.blob_data(&sub.blob) {
        None if pending.is_empty() => return Vec::new(),
        None => FileSet::new(),
        Some(b) => match FileSet::from_zip_bytes(&b) {
            Ok(f) => f,
            Err(e) => {
                return vec![(
                    "InvalidArchive".into(),
                    format!("The uploaded file is not a valid ZIP archive: {}.", e.message()),
                )]
            }
        },
    };
    let bad = files.unsafe_entries().chain(files.iter()).find(|n| storesubmit::package::entry_name(n).is_err());
    if let Some(bad) = bad {
        let bad = storesubmit::validate::shown(bad);
        return vec![(
            "InvalidArchive".into(),
            format!("The ZIP archive holds an entry whose name is not a safe relative path: {bad}."),
        )];
    }
    let issues = storesubmit::validate::cross_check_files(kind.doc_kind(), &sub.doc, &files);
    let missing: Vec<&str> = pending
        .iter()
        .filter(|f| {
            issues.iter().any(|i| {
                i.path == f.pointer
                    && (i.code == codes::FILES_MISSING.code || i.code == codes::FILES_CASE_MISMATCH.code)
            })
        })
        .map(|f| f.name.as_str())
        .collect();
    if missing.is_empty() {
        Vec::new()
    } else {
        vec![(
            "MissingFiles".into(),
            format!(
                "The ZIP archive does not have all files which were listed in your submission data: {}.",
                missing.join(", ")
            ),
        )]
    }
}

fn commit(st: &mut State, kind: Kind, sid: &str) -> Resp {
    let sub = st.dc.subs[sid].clone();
    let status = sub.doc.get("status").and_then(Value::as_str).unwrap_or("");
    if !SubmissionStatus::parse(status).is_editable() {
        return dc_err(
            409,
            "InvalidState",
            format!("The submission cannot be committed while its status is {status}."),
            kind.target(),
        );
    }
    let errors = check_upload(st, kind, &sub);
    let now = st.now();
    if let Some(s) = st.dc.subs.get_mut(sid) {
        s.commit_errors = errors;
        s.since = now;
        s.doc["status"] = json!(SubmissionStatus::CommitStarted.as_str());
        s.doc["statusDetails"] = json!({"errors": [], "warnings": [], "certificationReports": []});
    }
    Resp::json(200, &json!({"status": SubmissionStatus::CommitStarted.as_str()}))
}

fn set_uploaded(doc: &mut Value, kind: Kind) {
    for f in referenced_files(kind.doc_kind(), doc) {
        if !f.pending_upload {
            continue;
        }
        let Some((parent_ptr, _)) = f.pointer.rsplit_once('/') else { continue };
        if let Some(obj) = doc.pointer_mut(parent_ptr).and_then(Value::as_object_mut) {
            if obj.contains_key("fileStatus") {
                obj.insert("fileStatus".into(), json!("Uploaded"));
            }
            if obj.get("id").and_then(Value::as_str).is_none_or(str::is_empty) {
                obj.insert("id".into(), json!(numeric_id()));
            }
        }
        // A new trailer gets its ids with its video.
        if f.pointer.ends_with("/videoFileName") {
            if let Some(obj) = doc.pointer_mut(parent_ptr).and_then(Value::as_object_mut) {
                obj.entry("videoFileId").or_insert_with(|| json!(numeric_id()));
            }
        }
    }
    remove_pending_delete(doc);
}

fn remove_pending_delete(v: &mut Value) {
    match v {
        Value::Array(items) => {
            items.retain(|i| i.get("fileStatus").and_then(Value::as_str) != Some("PendingDelete"));
            items.iter_mut().for_each(remove_pending_delete);
        }
        Value::Object(o) => o.values_mut().for_each(remove_pending_delete),
        _ => {}
    }
}

/// Moves submissions through CommitStarted → PreProcessing → Certification → Release → Published.
pub fn tick(st: &mut State, now: u64) {
    let d = st.durations.clone();
    let outcome = st.config.outcomes.devcenter.clone();
    let ids: Vec<String> = st
        .dc
        .subs
        .iter()
        .filter(|(_, s)| in_flight(s.doc.get("status").and_then(Value::as_str).unwrap_or("")))
        .map(|(k, _)| k.clone())
        .collect();
    for id in ids {
        while let Some(s) = st.dc.subs.get(&id) {
            use SubmissionStatus as S;
            let status = S::parse(s.doc.get("status").and_then(Value::as_str).unwrap_or(""));
            let dur = match status {
                S::CommitStarted => d.commit,
                S::PreProcessing => d.preprocessing,
                S::Certification => d.certification,
                S::Release | S::Publishing | S::PendingPublication => d.release,
                _ => break,
            };
            if now < s.since + dur {
                break;
            }
            let at = s.since + dur;
            let (kind, parent) = (s.kind, s.parent.clone());
            let fail = |phase: S| outcome == phase.as_str();
            let next = match status {
                S::CommitStarted if !s.commit_errors.is_empty() => S::CommitFailed,
                S::CommitStarted => S::PreProcessing,
                S::PreProcessing if fail(S::PreProcessingFailed) => S::PreProcessingFailed,
                S::PreProcessing => S::Certification,
                S::Certification if fail(S::CertificationFailed) => S::CertificationFailed,
                S::Certification => S::Release,
                _ if fail(S::ReleaseFailed) => S::ReleaseFailed,
                _ if fail(S::PublishFailed) => S::PublishFailed,
                _ => S::Published,
            };
            let previous = st.dc.parent(kind, &parent).and_then(|p| p.last_published.clone());
            let Some(s) = st.dc.subs.get_mut(&id) else { break };
            s.since = at;
            s.doc["status"] = json!(next.as_str());
            match next {
                S::CommitFailed => {
                    let errors: Vec<Value> =
                        s.commit_errors.iter().map(|(c, m)| json!({"code": c, "details": m})).collect();
                    s.doc["statusDetails"]["errors"] = Value::Array(errors);
                }
                S::PreProcessing => set_uploaded(&mut s.doc, kind),
                S::PreProcessingFailed | S::ReleaseFailed | S::PublishFailed => {
                    s.doc["statusDetails"]["errors"] =
                        json!([{"code": "PackageValidationFailed", "details": format!("Emulated failure: {next}.")}]);
                }
                S::CertificationFailed | S::Release => {
                    s.doc["statusDetails"]["certificationReports"] = json!([{"date": util::iso(at), "reportUrl": format!("https://certification.invalid/reports/{id}")}]);
                    if next == S::CertificationFailed {
                        s.doc["statusDetails"]["errors"] =
                            json!([{"code": "Other", "details": "Emulated certification failure."}]);
                    }
                }
                S::Published => {
                    if let Some(r) = s.doc.pointer_mut("/packageDeliveryOptions/packageRollout") {
                        if r.get("isPackageRollout").and_then(Value::as_bool) == Some(true) {
                            r["packageRolloutStatus"] = json!("PackageRolloutInProgress");
                            r["fallbackSubmissionId"] = json!(previous.clone().unwrap_or_else(|| "0".into()));
                        }
                    }
                    if let Some(p) = st.dc.parent_mut(kind, &parent) {
                        p.last_published = Some(id.clone());
                        if p.pending.as_deref() == Some(id.as_str()) {
                            p.pending = None;
                        }
                        if kind == Kind::App {
                            if let Some(o) = p.doc.as_object_mut() {
                                if o.get("firstPublishedDate")
                                    .and_then(Value::as_str)
                                    .is_none_or(|d| d.starts_with("1601"))
                                {
                                    o.insert("firstPublishedDate".into(), json!(util::iso(at)));
                                }
                            }
                        }
                    }
                }
                _ => {}
            }
        }
    }
}

fn rollout(st: &mut State, req: &Req, action: &str, sid: &str) -> Resp {
    let kind = st.dc.subs[sid].kind;
    let doc = &st.dc.subs[sid].doc;
    let current = doc.pointer("/packageDeliveryOptions/packageRollout").cloned().unwrap_or_else(
        || json!({"isPackageRollout": false, "packageRolloutPercentage": 0.0, "packageRolloutStatus": "PackageRolloutNotStarted", "fallbackSubmissionId": "0"}),
    );
    if action.starts_with("get_") {
        return Resp::json(200, &current);
    }
    let published = doc.get("status").and_then(Value::as_str) == Some("Published");
    let in_progress = current.get("packageRolloutStatus").and_then(Value::as_str) == Some("PackageRolloutInProgress");
    if !published || !in_progress {
        return dc_err(
            409,
            "InvalidState",
            "The submission is not in a valid state for the gradual rollout operation: it must be published and its packageRolloutStatus must be PackageRolloutInProgress.",
            kind.target(),
        );
    }
    let mut new = current.clone();
    if action.starts_with("update_") {
        let p = req.query("percentage").and_then(|p| p.trim().parse::<f64>().ok());
        match p {
            Some(p) if p.is_finite() && p > 0.0 && p <= 100.0 => new["packageRolloutPercentage"] = json!(p),
            _ => {
                return dc_err(
                    400,
                    "InvalidParameterValue",
                    "`percentage` must be a number greater than 0 and at most 100.",
                    "percentage",
                )
            }
        }
    } else if action.starts_with("halt_") {
        new["packageRolloutPercentage"] = json!(0.0);
        new["packageRolloutStatus"] = json!("PackageRolloutStopped");
    } else {
        new["packageRolloutPercentage"] = json!(100.0);
        new["packageRolloutStatus"] = json!("PackageRolloutComplete");
    }
    if let Some(s) = st.dc.subs.get_mut(sid) {
        if let Some(r) = s.doc.pointer_mut("/packageDeliveryOptions/packageRollout") {
            *r = new.clone();
        }
    }
    Resp::json(200, &new)
}
