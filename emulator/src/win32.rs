//! The MSI/EXE ("win32") submission API: one draft per product (metadata modules, packages, listing
//! assets), package processing after a commit, module readiness, submissions and their publishing status,
//! all in the `{isSuccess, errors, responseData}` envelope.
//!
//! Rules come from the core (`storesubmit::validate`, kinds `win32-*`); paths (the `pollingUrl`s) from the
//! core's route table. Choices where seed 003 is silent are listed in `emulator/README.md`.

use std::collections::HashMap;

use serde_json::{json, Map, Value};
use storesubmit::model::DocumentKind;
use storesubmit::validate::validate;

use crate::state::{numeric_id, State, WIN32_ASSET_CONTAINER};
pub use crate::svc::envelope_error;
use crate::svc::envelope_errors;
use crate::util::{self, param, Req, Resp};

/// A listing-asset upload slot handed out by "create listing assets".
#[derive(Clone, Debug)]
pub struct Slot {
    /// Listing language.
    pub language: String,
    /// `storeLogos` or `screenshots`.
    pub kind: &'static str,
    /// Blob behind `primaryAssetUploadUrl`.
    pub primary: String,
    /// Blob behind `secondaryAssetUploadUrl`.
    pub secondary: String,
}

/// Package processing started by a packages commit.
#[derive(Clone, Debug)]
pub struct Processing {
    /// When the commit happened (emulated clock, ms).
    pub since: u64,
    /// `packageUrl`s that cannot be downloaded (they end in `packageuploaderror`).
    pub bad_urls: Vec<String>,
}

/// A submission created by "submit".
#[derive(Clone, Debug)]
pub struct W32Submission {
    /// Its id.
    pub id: String,
    /// When it was created (emulated clock, ms).
    pub since: u64,
    /// `INPROGRESS`, `PUBLISHED` or `FAILED`.
    pub status: String,
}

/// One MSI/EXE product and its draft.
#[derive(Clone, Debug)]
pub struct Product {
    /// Partner Center product id.
    pub id: String,
    /// Draft `availability` module.
    pub availability: Value,
    /// Draft `properties` module.
    pub properties: Value,
    /// Draft listings, one object per language (`language` inside).
    pub listings: Vec<Value>,
    /// Draft packages (each with its `packageId`).
    pub packages: Vec<Value>,
    /// Packages changed since the last commit.
    pub packages_dirty: bool,
    /// Processing after the last packages commit (`None`: nothing committed since load).
    pub processing: Option<Processing>,
    /// Listing assets per language: `{language, storeLogos: [...], screenshots: [...]}`.
    pub assets: Vec<Value>,
    /// Upload slots by asset id.
    pub slots: HashMap<String, Slot>,
    /// Submissions, oldest first.
    pub submissions: Vec<W32Submission>,
}

/// win32 state.
#[derive(Debug, Default)]
pub struct Win32 {
    /// Products in fixture order.
    pub products: Vec<Product>,
}

impl Win32 {
    /// The first product's id.
    pub fn first_product(&self) -> Option<String> {
        self.products.first().map(|p| p.id.clone())
    }

    fn product_mut(&mut self, id: &str) -> Option<&mut Product> {
        self.products.iter_mut().find(|p| p.id.eq_ignore_ascii_case(id))
    }

    /// A JSON dump.
    pub fn dump(&self) -> Value {
        Value::Array(
            self.products
                .iter()
                .map(|p| {
                    json!({
                        "id": p.id,
                        "listingLanguages": p.listings.iter().filter_map(|l| l.get("language").cloned()).collect::<Vec<_>>(),
                        "packages": p.packages,
                        "packagesDirty": p.packages_dirty,
                        "processing": p.processing.as_ref().map(|x| json!({"since": util::iso(x.since), "badUrls": x.bad_urls})),
                        "submissions": p.submissions.iter().map(|s| json!({"id": s.id, "status": s.status})).collect::<Vec<_>>(),
                    })
                })
                .collect(),
        )
    }
}

/// The envelope of a successful call.
pub fn envelope_ok(data: Value) -> Resp {
    Resp::json(200, &json!({"isSuccess": true, "errors": [], "responseData": data}))
}

fn module_status_path(product: &str) -> String {
    util::op_path("win32.get_module_status", &[("productId", product)])
}

fn submission_status_path(product: &str, sid: &str) -> String {
    util::op_path("win32.get_submission_status", &[("productId", product), ("submissionId", sid)])
}

/// Loads the `win32` part of a fixture: `{"products": [{"id", "metadata": {availability, properties,
/// listings: [...]}, "packages": [...], "listingAssets": [...]}]}`.
///
/// # Errors
/// A message naming the malformed entry.
pub fn load(st: &mut State, f: &Value) -> Result<(), String> {
    for (i, p) in f.get("products").and_then(Value::as_array).into_iter().flatten().enumerate() {
        let id = p.get("id").and_then(Value::as_str).ok_or(format!("win32.products[{i}].id missing"))?.to_string();
        let md = p.get("metadata").cloned().unwrap_or(json!({}));
        let listings = md.get("listings").and_then(Value::as_array).cloned().unwrap_or_default();
        if listings.iter().any(|l| l.get("language").and_then(Value::as_str).is_none()) {
            return Err(format!("win32.products[{i}].metadata.listings: every listing needs a `language`"));
        }
        let mut packages = p.get("packages").and_then(Value::as_array).cloned().unwrap_or_default();
        for pk in &mut packages {
            if pk.get("packageId").and_then(Value::as_str).is_none() {
                pk["packageId"] = json!(numeric_id());
            }
        }
        st.w32.products.push(Product {
            id,
            availability: md.get("availability").cloned().unwrap_or_else(default_availability),
            properties: md.get("properties").cloned().unwrap_or_else(default_properties),
            listings,
            packages,
            packages_dirty: false,
            processing: None,
            assets: p.get("listingAssets").and_then(Value::as_array).cloned().unwrap_or_default(),
            slots: HashMap::new(),
            submissions: Vec::new(),
        });
    }
    Ok(())
}

fn default_availability() -> Value {
    json!({"markets": [], "discoverability": "DISCOVERABLE", "enableInFutureMarkets": false, "pricing": "FREE", "freeTrial": "NO_FREE_TRIAL"})
}

fn default_properties() -> Value {
    json!({
        "isPrivacyPolicyRequired": false, "privacyPolicyUrl": "", "website": "", "supportContactInfo": "",
        "certificationNotes": "", "category": "", "subcategory": "",
        "productDeclarations": {"dependsOnDriversOrNT": false, "accessibilitySupport": false, "penAndInkSupport": false},
        "isSystemFeatureRequired": [], "systemRequirementDetails": []
    })
}

fn default_listing(language: &str) -> Value {
    json!({
        "language": language, "description": "", "whatsNew": "", "productFeatures": [], "shortDescription": "",
        "searchTerms": [], "additionalLicenseTerms": "", "copyright": "", "developedBy": "", "sortTitle": "",
        "requirements": [], "contactInfo": ""
    })
}

fn default_package() -> Value {
    json!({
        "packageUrl": "", "languages": [], "architectures": [], "isSilentInstall": false, "installerParameters": "",
        "genericDocUrl": "", "errorDetails": [], "packageType": ""
    })
}

/// A full-module replacement: the module's defaults overwritten by every field of `body`.
fn replaced(defaults: Value, body: &Value) -> Value {
    let mut out = defaults;
    if let (Some(o), Some(b)) = (out.as_object_mut(), body.as_object()) {
        for (k, v) in b {
            o.insert(k.clone(), v.clone());
        }
    }
    out
}

fn lang_eq(v: &Value, lang: &str) -> bool {
    v.get("language").and_then(Value::as_str).is_some_and(|l| l.eq_ignore_ascii_case(lang))
}

/// Moves package processing and submissions forward.
pub fn tick(st: &mut State, now: u64) {
    let d = st.durations.clone();
    let outcome = st.config.outcomes.win32.clone();
    for p in &mut st.w32.products {
        for s in &mut p.submissions {
            if s.status == "INPROGRESS" && now >= s.since + d.win32_publishing {
                s.status = if outcome.eq_ignore_ascii_case("FAILED") { "FAILED".into() } else { "PUBLISHED".into() };
            }
        }
    }
}

fn processing_done(st: &State, p: &Product) -> bool {
    p.processing.as_ref().is_none_or(|x| st.now() >= x.since + st.durations.win32_package_processing)
}

fn ongoing(p: &Product) -> Option<&W32Submission> {
    p.submissions.iter().rev().find(|s| s.status == "INPROGRESS")
}

/// Whether a `packageUrl` can be "downloaded": an absolute http(s) URL whose host is not under the
/// reserved `.invalid` domain and, when it points at the emulator's own blob store, names a stored blob.
fn package_url_ok(st: &State, url: &str) -> bool {
    if !storesubmit::validate::formats::is_url(url) {
        return false;
    }
    let rest = url.split_once("://").map(|(_, r)| r).unwrap_or("");
    let host = rest.split(['/', '?', '#', ':']).next().unwrap_or("").to_ascii_lowercase();
    if host == "invalid" || host.ends_with(".invalid") {
        return false;
    }
    if let Some(path) = st.blob_path_of(url) {
        let path = util::decode(path.split('?').next().unwrap_or(""));
        return st.blobs.get(&path).is_some();
    }
    true
}

/// Errors of the draft's package module (upload failures after processing, an uncommitted change).
fn package_findings(st: &State, p: &Product) -> Vec<Value> {
    let mut out = Vec::new();
    if let Some(x) = &p.processing {
        if processing_done(st, p) {
            for u in &x.bad_urls {
                out.push(json!({
                    "code": "packageuploaderror",
                    "message": format!("The package could not be downloaded from its packageUrl ({u}); fix the URL and commit the packages again."),
                    "target": "packages"
                }));
            }
        }
    }
    if p.packages_dirty {
        out.push(json!({"code": "packagesnotcommitted", "message": "The packages were changed but not committed; call packages/commit.", "target": "packages"}));
    }
    out
}

fn is_ready(st: &State, p: &Product) -> bool {
    processing_done(st, p) && package_findings(st, p).is_empty()
}

/// The blobs an operation reads (fetched from an outside store before it runs).
pub fn blobs_needed(st: &State, op: &str, params: &[(&'static str, String)], req: &Req) -> Vec<String> {
    if op != "win32.commit_listing_assets" {
        return Vec::new();
    }
    let Some(p) = st.w32.products.iter().find(|p| p.id.eq_ignore_ascii_case(param(params, "productId"))) else {
        return Vec::new();
    };
    let Some(body) = req.json() else { return Vec::new() };
    let mut out = Vec::new();
    for kind in ["storeLogos", "screenshots"] {
        for a in body.pointer(&format!("/listingAssets/{kind}")).and_then(Value::as_array).into_iter().flatten() {
            if let Some(slot) = a.get("id").and_then(Value::as_str).and_then(|id| p.slots.get(id)) {
                out.push(slot.primary.clone());
                out.push(slot.secondary.clone());
            }
        }
    }
    out
}

/// Handles a win32 operation (the bearer token was checked by the server).
pub fn handle(st: &mut State, req: &Req, op: &str, params: &[(&'static str, String)]) -> Resp {
    match req.header(storesubmit::api::SELLER_HEADER).map(str::trim) {
        None | Some("") => {
            return envelope_error(
                400,
                "badrequest",
                "The X-Seller-Account-Id header is required: the seller id of the Partner Center account.",
                storesubmit::api::SELLER_HEADER,
                json!({}),
            )
        }
        Some(s) if s != st.config.seller_id => {
            return envelope_error(
                403,
                "forbidden",
                "The X-Seller-Account-Id does not name the seller account this application is registered with.",
                storesubmit::api::SELLER_HEADER,
                json!({}),
            )
        }
        _ => {}
    }
    let pid = param(params, "productId").to_string();
    if st.w32.product_mut(&pid).is_none() {
        return envelope_error(
            404,
            "notfound",
            &format!("Product {pid} was not found for this seller."),
            "productId",
            json!({}),
        );
    }
    let body = req.json();
    let needs_body = storesubmit::api::routes::operation(op).is_some_and(|o| o.body);
    if needs_body && !body.as_ref().is_some_and(Value::is_object) {
        return envelope_error(400, "badrequest", "The request body must be a JSON object.", "body", json!({}));
    }
    let body = body.unwrap_or(Value::Null);
    match op {
        "win32.get_metadata" | "win32.get_metadata_module" => get_metadata(st, req, &pid, params),
        "win32.put_metadata" | "win32.patch_metadata" => update_metadata(st, &pid, &body, op == "win32.put_metadata"),
        "win32.get_packages" => with_product(st, &pid, |_, p| envelope_ok(json!({"packages": p.packages}))),
        "win32.get_package" => {
            let id = param(params, "packageId").to_string();
            with_product(st, &pid, |_, p| {
                match p.packages.iter().find(|k| k.get("packageId").and_then(Value::as_str) == Some(id.as_str())) {
                    Some(k) => envelope_ok(json!({"packages": [k]})),
                    None => envelope_error(
                        404,
                        "notfound",
                        &format!("Package {id} was not found in the current draft."),
                        "packageId",
                        json!({}),
                    ),
                }
            })
        }
        "win32.put_packages" => put_packages(st, &pid, &body),
        "win32.patch_package" => patch_package(st, &pid, param(params, "packageId"), &body),
        "win32.commit_packages" => commit_packages(st, &pid),
        "win32.get_listing_assets" => get_assets(st, req, &pid),
        "win32.create_listing_assets" => create_assets(st, &pid, &body),
        "win32.commit_listing_assets" => commit_assets(st, &pid, &body),
        "win32.get_module_status" => with_product(st, &pid, |st, p| {
            let ongoing = ongoing(p).map(|s| s.id.clone()).unwrap_or_default();
            Resp::json(
                200,
                &json!({"isSuccess": true, "errors": package_findings(st, p), "responseData": {"isReady": is_ready(st, p), "ongoingSubmissionId": ongoing}}),
            )
        }),
        "win32.submit" => submit(st, &pid),
        "win32.get_submission_status" => {
            let sid = param(params, "submissionId").to_string();
            with_product(st, &pid, |_, p| match p.submissions.iter().find(|s| s.id == sid) {
                None => envelope_error(
                    404,
                    "notfound",
                    &format!("Submission {sid} was not found for product {}.", p.id),
                    "submissionId",
                    json!({}),
                ),
                Some(s) if s.status == "FAILED" => Resp::json(
                    200,
                    &json!({
                        "isSuccess": true,
                        "errors": [{"code": "certificationfailed", "message": "The submission failed certification (emulated outcome).", "target": "submission"}],
                        "responseData": {"publishingStatus": "FAILED", "hasFailed": true}
                    }),
                ),
                Some(s) => envelope_ok(json!({"publishingStatus": s.status, "hasFailed": false})),
            })
        }
        _ => envelope_error(404, "notfound", "No such method.", "", json!({})),
    }
}

fn with_product(st: &mut State, pid: &str, f: impl FnOnce(&State, &Product) -> Resp) -> Resp {
    let p = st.w32.products.iter().find(|p| p.id.eq_ignore_ascii_case(pid)).cloned();
    match p {
        Some(p) => f(st, &p),
        None => envelope_error(404, "notfound", "Product not found.", "productId", json!({})),
    }
}

/// The answer to a draft change while a submission is in progress: fail with its id and polling URL.
fn busy(p: &Product) -> Option<Resp> {
    let s = ongoing(p)?;
    Some(envelope_error(
        409,
        "conflict",
        &format!("Submission {} is in progress; the draft cannot change until it finishes.", s.id),
        "submission",
        json!({"pollingUrl": submission_status_path(&p.id, &s.id), "ongoingSubmissionId": s.id}),
    ))
}

fn issues_response(issues: Vec<storesubmit::Issue>) -> Option<Resp> {
    let errors: Vec<Value> = issues
        .iter()
        .filter(|i| i.is_error())
        .map(|i| json!({"code": "badrequest", "message": format!("{}: {}", i.code, i.message), "target": i.path}))
        .collect();
    (!errors.is_empty()).then(|| envelope_errors(400, errors, json!({})))
}

fn accepted(pid: &str) -> Resp {
    envelope_ok(json!({"pollingUrl": module_status_path(pid), "ongoingSubmissionId": ""}))
}

fn requested_languages(req: &Req) -> Result<Option<Vec<String>>, Resp> {
    let Some(raw) = req.query("languages") else { return Ok(None) };
    let list: Vec<String> = raw.split(',').map(|s| s.trim().to_ascii_lowercase()).filter(|s| !s.is_empty()).collect();
    if list.len() > storesubmit::api::win32::LANGUAGES_FILTER_MAX {
        return Err(envelope_error(
            400,
            "badrequest",
            &format!("languages: at most {} languages may be requested", storesubmit::api::win32::LANGUAGES_FILTER_MAX),
            "languages",
            json!({}),
        ));
    }
    Ok(Some(list))
}

fn listing_complete(listing: &Value) -> bool {
    let doc = json!({"listings": listing});
    validate(DocumentKind::Win32Metadata, &doc).issues.iter().all(|i| !i.is_error())
}

fn get_metadata(st: &mut State, req: &Req, pid: &str, params: &[(&'static str, String)]) -> Resp {
    let module = param(params, "moduleName").to_ascii_lowercase();
    if !module.is_empty() && !["listings", "properties", "availability"].contains(&module.as_str()) {
        return envelope_error(
            400,
            "badrequest",
            &format!("Unknown module `{module}`: expected listings, properties or availability."),
            "moduleName",
            json!({}),
        );
    }
    let langs = match requested_languages(req) {
        Ok(l) => l,
        Err(e) => return e,
    };
    let include_list = req.query("includelanguagelist").is_some_and(|v| v.eq_ignore_ascii_case("true"));
    with_product(st, pid, |_, p| {
        let listings: Vec<Value> = p
            .listings
            .iter()
            .filter(|l| langs.as_ref().is_none_or(|ls| ls.iter().any(|x| lang_eq(l, x))))
            .take(storesubmit::api::win32::LANGUAGES_FILTER_MAX)
            .cloned()
            .collect();
        let mut data = Map::new();
        if module.is_empty() || module == "availability" {
            data.insert("availability".into(), p.availability.clone());
        }
        if module.is_empty() || module == "properties" {
            data.insert("properties".into(), p.properties.clone());
        }
        if module.is_empty() || module == "listings" {
            data.insert("listings".into(), Value::Array(listings));
        }
        if include_list {
            let list: Vec<Value> = p
                .listings
                .iter()
                .map(|l| json!({"language": l.get("language"), "isComplete": listing_complete(l)}))
                .collect();
            data.insert("listingLanguages".into(), Value::Array(list));
        }
        envelope_ok(Value::Object(data))
    })
}

fn update_metadata(st: &mut State, pid: &str, body: &Value, full: bool) -> Resp {
    let mut body = body.clone();
    storesubmit::model::strip_read_only(&mut body, storesubmit::model::win32::MetadataUpdate::READ_ONLY);
    // Seed 003's order: an active submission first, then module readiness, then each field.
    let ready = {
        let p = st.w32.products.iter().find(|p| p.id.eq_ignore_ascii_case(pid)).expect("checked");
        if let Some(r) = busy(p) {
            return r;
        }
        processing_done(st, p)
    };
    if !ready {
        return envelope_error(
            409,
            "conflict",
            "The packages are still being processed; wait until the module status is ready, then save the draft.",
            "packages",
            json!({"pollingUrl": module_status_path(pid), "ongoingSubmissionId": ""}),
        );
    }
    let kind = if full { DocumentKind::Win32Metadata } else { DocumentKind::Win32MetadataPatch };
    if let Some(r) = issues_response(validate(kind, &body).issues) {
        return r;
    }
    let p = st.w32.product_mut(pid).expect("checked");
    if let Some(a) = body.get("availability") {
        if full {
            p.availability = replaced(default_availability(), a);
        } else {
            util::merge(&mut p.availability, a);
        }
    }
    if let Some(pr) = body.get("properties") {
        if full {
            p.properties = replaced(default_properties(), pr);
        } else {
            util::merge(&mut p.properties, pr);
        }
    }
    for l in body.get("listingsToAdd").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str) {
        if !p.listings.iter().any(|x| lang_eq(x, l)) {
            p.listings.push(default_listing(&l.to_ascii_lowercase()));
        }
    }
    let listings: Vec<Value> = match body.get("listings") {
        Some(Value::Array(a)) => a.clone(),
        Some(o @ Value::Object(_)) => vec![o.clone()],
        _ => Vec::new(),
    };
    for l in listings {
        let lang = l.get("language").and_then(Value::as_str).unwrap_or("").to_ascii_lowercase();
        match p.listings.iter_mut().find(|x| lang_eq(x, &lang)) {
            Some(existing) if full => *existing = replaced(default_listing(&lang), &l),
            Some(existing) => util::merge(existing, &l),
            None if full => p.listings.push(replaced(default_listing(&lang), &l)),
            None => {
                let mut n = default_listing(&lang);
                util::merge(&mut n, &l);
                p.listings.push(n);
            }
        }
    }
    for l in body.get("listingsToRemove").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str) {
        p.listings.retain(|x| !lang_eq(x, l));
        p.assets.retain(|x| !lang_eq(x, l));
    }
    accepted(pid)
}

fn put_packages(st: &mut State, pid: &str, body: &Value) -> Resp {
    let mut body = body.clone();
    storesubmit::model::strip_read_only(&mut body, storesubmit::model::win32::PackageList::READ_ONLY);
    if let Some(r) = busy(st.w32.product_mut(pid).expect("checked")) {
        return r;
    }
    if let Some(r) = issues_response(validate(DocumentKind::Win32Packages, &body).issues) {
        return r;
    }
    let p = st.w32.product_mut(pid).expect("checked");
    p.packages = body
        .get("packages")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|k| {
            let mut v = replaced(default_package(), k);
            v["packageId"] = json!(numeric_id());
            v
        })
        .collect();
    p.packages_dirty = true;
    accepted(pid)
}

fn patch_package(st: &mut State, pid: &str, package_id: &str, body: &Value) -> Resp {
    let mut body = body.clone();
    storesubmit::model::strip_read_only(&mut body, storesubmit::model::win32::Package::READ_ONLY);
    if let Some(r) = busy(st.w32.product_mut(pid).expect("checked")) {
        return r;
    }
    if let Some(r) = issues_response(validate(DocumentKind::Win32Package, &body).issues) {
        return r;
    }
    let p = st.w32.product_mut(pid).expect("checked");
    let Some(k) = p.packages.iter_mut().find(|k| k.get("packageId").and_then(Value::as_str) == Some(package_id)) else {
        return envelope_error(
            404,
            "notfound",
            &format!("Package {package_id} was not found in the current draft (a full packages update regenerates package ids)."),
            "packageId",
            json!({}),
        );
    };
    util::merge(k, &body);
    p.packages_dirty = true;
    accepted(pid)
}

fn commit_packages(st: &mut State, pid: &str) -> Resp {
    let now = st.now();
    let (urls, empty) = {
        let p = st.w32.products.iter().find(|p| p.id.eq_ignore_ascii_case(pid)).expect("checked");
        if let Some(r) = busy(p) {
            return r;
        }
        let urls: Vec<String> =
            p.packages.iter().map(|k| k.get("packageUrl").and_then(Value::as_str).unwrap_or("").to_string()).collect();
        (urls, p.packages.is_empty())
    };
    if empty {
        return envelope_error(400, "badrequest", "The draft has no packages to commit.", "packages", json!({}));
    }
    let bad_urls: Vec<String> = urls.into_iter().filter(|u| !package_url_ok(st, u)).collect();
    let p = st.w32.product_mut(pid).expect("checked");
    p.processing = Some(Processing { since: now, bad_urls });
    p.packages_dirty = false;
    accepted(pid)
}

fn get_assets(st: &mut State, req: &Req, pid: &str) -> Resp {
    let langs = match requested_languages(req) {
        Ok(l) => l,
        Err(e) => return e,
    };
    with_product(st, pid, |_, p| {
        let mut out = Vec::new();
        for l in &p.listings {
            let lang = l.get("language").and_then(Value::as_str).unwrap_or("");
            if langs.as_ref().is_some_and(|ls| !ls.iter().any(|x| x.eq_ignore_ascii_case(lang))) {
                continue;
            }
            let a = p.assets.iter().find(|a| lang_eq(a, lang));
            out.push(json!({
                "language": lang,
                "storeLogos": a.and_then(|a| a.get("storeLogos")).cloned().unwrap_or(json!([])),
                "screenshots": a.and_then(|a| a.get("screenshots")).cloned().unwrap_or(json!([])),
            }));
        }
        envelope_ok(json!({"listingAssets": out}))
    })
}

fn create_assets(st: &mut State, pid: &str, body: &Value) -> Resp {
    if let Some(r) = issues_response(validate(DocumentKind::Win32AssetsCreate, body).issues) {
        return r;
    }
    let language = body.get("language").and_then(Value::as_str).unwrap_or("").to_ascii_lowercase();
    let count = |k: &str| body.pointer(&format!("/createAssetRequest/{k}")).and_then(Value::as_u64).unwrap_or(0);
    let (shots, logos) = (count("Screenshot"), count("Logo"));
    let mut out = json!({"language": language, "storeLogos": [], "screenshots": []});
    let mut slots = Vec::new();
    for (kind, n) in [("storeLogos", logos), ("screenshots", shots)] {
        for _ in 0..n {
            let id = util::random_hex(9);
            let (primary_url, primary) = st.new_upload_url(WIN32_ASSET_CONTAINER, "cw");
            let (secondary_url, secondary) = st.new_upload_url(WIN32_ASSET_CONTAINER, "cw");
            out[kind].as_array_mut().expect("array").push(json!({
                "id": id,
                "primaryAssetUploadUrl": primary_url,
                "secondaryAssetUploadUrl": secondary_url,
                "httpMethod": "PUT",
                "httpHeaders": {"x-ms-blob-type": "BlockBlob"},
            }));
            slots.push((id, Slot { language: language.clone(), kind, primary, secondary }));
        }
    }
    let p = st.w32.product_mut(pid).expect("checked");
    p.slots.extend(slots);
    envelope_ok(json!({"listingAssets": out}))
}

/// Width and height of a PNG (from its IHDR chunk).
fn png_size(data: &[u8]) -> Option<(u32, u32)> {
    if data.len() < 24 || &data[..8] != b"\x89PNG\r\n\x1a\n" || &data[12..16] != b"IHDR" {
        return None;
    }
    let w = u32::from_be_bytes(data[16..20].try_into().ok()?);
    let h = u32::from_be_bytes(data[20..24].try_into().ok()?);
    Some((w, h))
}

fn url_path(url: &str) -> String {
    let no_query = url.split(['?', '#']).next().unwrap_or("");
    util::decode(
        no_query.split_once("://").map(|(_, r)| r).and_then(|r| r.split_once('/')).map(|(_, p)| p).unwrap_or(""),
    )
}

fn commit_assets(st: &mut State, pid: &str, body: &Value) -> Resp {
    let mut body = body.clone();
    storesubmit::model::strip_read_only(&mut body, storesubmit::model::win32::CommitAssetsRequest::READ_ONLY);
    let p = st.w32.products.iter().find(|p| p.id.eq_ignore_ascii_case(pid)).cloned().expect("checked");
    if let Some(r) = busy(&p) {
        return r;
    }
    if let Some(r) = issues_response(validate(DocumentKind::Win32AssetsCommit, &body).issues) {
        return r;
    }
    let language = body.pointer("/listingAssets/language").and_then(Value::as_str).unwrap_or("").to_ascii_lowercase();
    if !p.listings.iter().any(|l| lang_eq(l, &language)) {
        return envelope_error(
            400,
            "badrequest",
            &format!("`{language}` is not a listing language of the draft; add it with listingsToAdd first."),
            "listingAssets.language",
            json!({}),
        );
    }
    let current = p.assets.iter().find(|a| lang_eq(a, &language)).cloned().unwrap_or(json!({}));
    let mut new_assets = current.clone();
    new_assets["language"] = json!(language);
    let mut used_slots = Vec::new();
    let mut errors = Vec::new();
    for kind in ["storeLogos", "screenshots"] {
        let Some(items) = body.pointer(&format!("/listingAssets/{kind}")).and_then(Value::as_array) else { continue };
        let mut list = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let id = item.get("id").and_then(Value::as_str).unwrap_or("");
            let url = item.get("assetUrl").and_then(Value::as_str).unwrap_or("");
            let target = format!("listingAssets.{kind}[{i}]");
            if let Some(existing) = current
                .get(kind)
                .and_then(Value::as_array)
                .and_then(|a| a.iter().find(|x| x.get("id").and_then(Value::as_str) == Some(id)))
            {
                list.push(existing.clone());
                continue;
            }
            let Some(slot) = p.slots.get(id).filter(|s| s.kind == kind && s.language == language) else {
                errors.push(json!({"code": "badrequest", "message": format!("Asset {id} is neither a current {kind} asset of {language} nor an upload slot created for it."), "target": target}));
                continue;
            };
            let path = url_path(url);
            let blob = if path.ends_with(&slot.primary) {
                &slot.primary
            } else if path.ends_with(&slot.secondary) {
                &slot.secondary
            } else {
                errors.push(json!({"code": "badrequest", "message": format!("assetUrl of asset {id} is not one of its upload URLs."), "target": target}));
                continue;
            };
            let Some(data) = st.blob_data(blob) else {
                errors.push(json!({"code": "badrequest", "message": format!("Asset {id} was not uploaded to its upload URL."), "target": target}));
                continue;
            };
            let (w, h) = png_size(&data).unwrap_or((0, 0));
            list.push(json!({"id": id, "assetUrl": st.read_url(blob), "imageSize": {"width": w, "height": h}}));
            used_slots.push(id.to_string());
        }
        new_assets[kind] = Value::Array(list);
    }
    if !errors.is_empty() {
        return envelope_errors(400, errors, json!({}));
    }
    let p = st.w32.product_mut(pid).expect("checked");
    for id in used_slots {
        p.slots.remove(&id);
    }
    p.assets.retain(|a| !lang_eq(a, &language));
    p.assets.push(new_assets);
    accepted(pid)
}

fn submit(st: &mut State, pid: &str) -> Resp {
    let now = st.now();
    let p = st.w32.products.iter().find(|p| p.id.eq_ignore_ascii_case(pid)).cloned().expect("checked");
    if let Some(s) = ongoing(&p) {
        return envelope_error(
            409,
            "conflict",
            &format!("Submission {} is already in progress for this product.", s.id),
            "submission",
            json!({"pollingUrl": submission_status_path(pid, &s.id), "ongoingSubmissionId": s.id}),
        );
    }
    if !is_ready(st, &p) {
        let mut errors = package_findings(st, &p);
        errors.insert(0, json!({"code": "conflict", "message": "Not every module is ready; poll the module status until isReady is true.", "target": "status"}));
        return envelope_errors(409, errors, json!({"pollingUrl": module_status_path(pid), "ongoingSubmissionId": ""}));
    }
    let draft = json!({"availability": p.availability, "properties": p.properties, "listings": p.listings});
    if let Some(r) = issues_response(validate(DocumentKind::Win32Metadata, &draft).issues) {
        return r;
    }
    let id = numeric_id();
    let prod = st.w32.product_mut(pid).expect("checked");
    prod.submissions.push(W32Submission { id: id.clone(), since: now, status: "INPROGRESS".into() });
    envelope_ok(json!({"submissionId": id, "pollingUrl": submission_status_path(pid, &id), "ongoingSubmissionId": ""}))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn png_dimensions_and_replacement() {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        png.extend_from_slice(&300u32.to_be_bytes());
        png.extend_from_slice(&200u32.to_be_bytes());
        assert_eq!(png_size(&png), Some((300, 200)));
        assert_eq!(png_size(b"GIF89a"), None);
        let r = replaced(default_listing("en-us"), &json!({"language": "en-us", "description": "d", "x": 1}));
        assert_eq!(r["description"], "d");
        assert_eq!(r["whatsNew"], "");
        assert_eq!(r["x"], 1);
        assert_eq!(url_path("http://h:1/blob/c/a%20b?sig=x"), "blob/c/a b");
    }
}
