//! The Partner Center ingestion API (Azure offers): products with their setup and branches per module,
//! listings and listing images, packages (SAS `fileSasUri`, upload state, processing) and package
//! configurations, and submissions (created, validated, published to Preview, promoted to Live), with
//! `@odata.etag` on every resource and `If-Match` checks (412) on updates.
//!
//! Resource shapes follow `reference/partner-ingestion-swagger.json` and the core's
//! `storesubmit::model::ingestion`; paths come from the core's route table. Choices where the swagger is
//! silent are listed in `emulator/README.md`.

use base64::Engine;
use serde_json::{json, Value};

use crate::state::{numeric_id, State, INGESTION_CONTAINER};
use crate::svc::{error, Svc};
use crate::util::{self, param, Req, Resp};

/// A blob-backed resource (package or listing image).
#[derive(Clone, Debug)]
pub struct Upload {
    /// The resource as served.
    pub doc: Value,
    /// The blob behind its `fileSasUri`.
    pub blob: String,
    /// When it was marked `Uploaded` (emulated clock, ms).
    pub uploaded_at: Option<u64>,
    /// Processing fails (the package is not a ZIP archive).
    pub fails: bool,
}

/// A submission and its pipeline.
#[derive(Clone, Debug)]
pub struct IngSubmission {
    /// The resource as served.
    pub doc: Value,
    /// When the current phase began (emulated clock, ms).
    pub since: u64,
    /// Validation results found at creation.
    pub validations: Vec<Value>,
    /// Workflow steps so far (`{type, state, targetEnvironment, start, complete}`).
    pub workflow: Vec<Value>,
}

/// One product.
#[derive(Clone, Debug)]
pub struct IngProduct {
    /// The product resource.
    pub doc: Value,
    /// Its setup resource.
    pub setup: Value,
    /// Branches (one `Main` branch per module).
    pub branches: Vec<Value>,
    /// Listings with the instance they belong to.
    pub listings: Vec<(String, Value)>,
    /// Listing images by listing id.
    pub images: Vec<(String, Upload)>,
    /// Packages.
    pub packages: Vec<Upload>,
    /// Package configurations with their instance.
    pub configurations: Vec<(String, Value)>,
    /// Submissions, oldest first.
    pub submissions: Vec<IngSubmission>,
}

impl IngProduct {
    fn id(&self) -> &str {
        self.doc.get("id").and_then(Value::as_str).unwrap_or("")
    }
}

/// ingestion state.
#[derive(Debug, Default)]
pub struct Ingestion {
    /// Products in creation order.
    pub products: Vec<IngProduct>,
}

impl Ingestion {
    /// The first product's id.
    pub fn first_product(&self) -> Option<String> {
        self.products.first().map(|p| p.id().to_string())
    }

    /// A JSON dump.
    pub fn dump(&self) -> Value {
        Value::Array(
            self.products
                .iter()
                .map(|p| {
                    json!({
                        "id": p.id(),
                        "name": p.doc.get("name"),
                        "packages": p.packages.iter().map(|k| json!({"id": k.doc.get("id"), "state": k.doc.get("state")})).collect::<Vec<_>>(),
                        "submissions": p.submissions.iter().map(|s| json!({"id": s.doc.get("id"), "state": s.doc.get("state"), "substate": s.doc.get("substate")})).collect::<Vec<_>>(),
                    })
                })
                .collect(),
        )
    }
}

fn ing_err(status: u16, code: &str, message: impl AsRef<str>, target: &str) -> Resp {
    error(Svc::Api(storesubmit::api::Family::Ingestion), status, code, message.as_ref(), target)
}

fn etag() -> String {
    format!("\"{}\"", util::guid())
}

/// The modules a product has a `Main` branch for.
const MODULES: &[&str] = &["Listing", "Property", "Package", "Availability"];

fn new_product(body: &Value) -> IngProduct {
    let id = body.get("id").and_then(Value::as_str).map(str::to_string).unwrap_or_else(util::guid);
    let mut doc = body.clone();
    doc["id"] = json!(id);
    doc["@odata.etag"] = json!(etag());
    let branches: Vec<Value> = MODULES
        .iter()
        .map(|m| {
            json!({
                "resourceType": "Branch", "friendlyName": "Main", "type": "Main", "module": m,
                "currentDraftInstanceID": util::guid(), "variantID": "", "id": util::guid(), "@odata.etag": etag()
            })
        })
        .collect();
    let instance = |m: &str| {
        branches
            .iter()
            .find(|b| b["module"] == m)
            .and_then(|b| b["currentDraftInstanceID"].as_str())
            .unwrap_or("")
            .to_string()
    };
    let name = body.get("name").and_then(Value::as_str).unwrap_or("");
    let listing = json!({
        "resourceType": "AzureListing", "languageCode": "en-us", "title": name, "description": "", "shortDescription": "",
        "publisherName": "", "keywords": [], "productDisplayName": name, "summary": "", "listingUris": [], "listingContacts": [],
        "accessInformation": "", "gettingStartedInstructions": "", "allowOnlyManagedDiskDeployments": null, "compatibleProducts": [],
        "id": util::guid(), "@odata.etag": etag()
    });
    let configuration = json!({
        "resourceType": "AzureApplicationPackageConfiguration", "version": "1.0.0", "packageReferences": [],
        "azureActiveDirectoryTenantID": "", "azureActiveDirectoryApplicationID": "",
        "id": util::guid(), "@odata.etag": etag()
    });
    IngProduct {
        setup: json!({
            "resourceType": "AzureProductSetup", "sellingOption": "ListingOnly", "callToAction": "free", "trialUri": "",
            "enableTestDrive": false, "testDriveType": "", "channelStates": [], "@odata.etag": etag()
        }),
        listings: vec![(instance("Listing"), listing)],
        configurations: vec![(instance("Package"), configuration)],
        branches,
        doc,
        images: Vec::new(),
        packages: Vec::new(),
        submissions: Vec::new(),
    }
}

/// Loads the `ingestion` part of a fixture: `{"products": [product resource, …]}`; each product gets a
/// `Main` branch per module, an `en-us` listing and a package configuration.
///
/// # Errors
/// A message naming the malformed entry.
pub fn load(st: &mut State, f: &Value) -> Result<(), String> {
    for (i, p) in f.get("products").and_then(Value::as_array).into_iter().flatten().enumerate() {
        if !p.is_object() || p.get("name").and_then(Value::as_str).is_none() {
            return Err(format!("ingestion.products[{i}]: a product object with a `name` is required"));
        }
        let prod = new_product(p);
        st.ing.products.push(prod);
    }
    Ok(())
}

fn skip_token(skip: usize) -> String {
    util::encode(&base64::engine::general_purpose::STANDARD.encode(format!("{{\"skip\":{skip}}}")))
}

fn parse_skip(req: &Req) -> usize {
    req.query("$skipToken")
        .and_then(|t| base64::engine::general_purpose::STANDARD.decode(t.trim()).ok())
        .and_then(|b| serde_json::from_slice::<Value>(&b).ok())
        .and_then(|v| v.get("skip").and_then(Value::as_u64))
        .unwrap_or(0) as usize
}

/// An OData page of `items` (`value`, `@odata.nextLink` relative to the API base).
fn page(st: &State, req: &Req, items: Vec<Value>, next_base: &str) -> Resp {
    let size = st.config.page_size.max(1);
    let skip = parse_skip(req);
    let total = items.len();
    let value: Vec<Value> = items.into_iter().skip(skip).take(size).collect();
    let mut body = json!({"value": value});
    if skip + size < total {
        body["@odata.nextLink"] = json!(format!("{next_base}?$skipToken={}", skip_token(skip + size)));
    }
    Resp::json(200, &body)
}

fn product_index(st: &State, pid: &str) -> Option<usize> {
    st.ing.products.iter().position(|p| p.id().eq_ignore_ascii_case(pid))
}

/// `If-Match` against the resource's current tag: `Err` with 412 on mismatch, 400 when `required` and
/// absent.
fn check_if_match(req: &Req, current: &Value, required: bool, what: &str) -> Result<(), Resp> {
    let have = current.get("@odata.etag").and_then(Value::as_str).unwrap_or("");
    match req.header("If-Match").map(str::trim) {
        None | Some("") if required => Err(ing_err(
            400,
            "InvalidRequest",
            format!("The If-Match header with the {what}'s @odata.etag is required for this update."),
            "If-Match",
        )),
        None | Some("") | Some("*") => Ok(()),
        Some(tag) if tag == have => Ok(()),
        Some(_) => Err(ing_err(
            412,
            "PreconditionFailed",
            format!("The {what} was changed since it was read: If-Match does not match its current @odata.etag. Read it again, re-apply the change, and retry."),
            "If-Match",
        )),
    }
}

/// A PUT body applied to a resource: every field replaced, `id` kept, a fresh `@odata.etag`.
fn apply_update(current: &Value, body: &Value) -> Value {
    let mut next = body.clone();
    if let Some(o) = next.as_object_mut() {
        if let Some(id) = current.get("id") {
            o.insert("id".into(), id.clone());
        }
        o.insert("@odata.etag".into(), json!(etag()));
    }
    next
}

/// The blobs an operation reads (fetched from an outside store before it runs).
pub fn blobs_needed(st: &State, op: &str, params: &[(&'static str, String)], req: &Req) -> Vec<String> {
    let uploaded =
        req.json().and_then(|b| b.get("state").and_then(Value::as_str).map(|s| s == "Uploaded")).unwrap_or(false);
    if !uploaded {
        return Vec::new();
    }
    let Some(i) = product_index(st, param(params, "productId")) else { return Vec::new() };
    let p = &st.ing.products[i];
    match op {
        "ingestion.update_package" => {
            let id = param(params, "packageId");
            p.packages.iter().filter(|k| k.doc["id"] == id).map(|k| k.blob.clone()).collect()
        }
        "ingestion.update_listing_image" => {
            let id = param(params, "imageId");
            p.images.iter().filter(|(_, u)| u.doc["id"] == id).map(|(_, u)| u.blob.clone()).collect()
        }
        _ => Vec::new(),
    }
}

/// Moves uploads through processing and submissions through their pipeline.
pub fn tick(st: &mut State, now: u64) {
    let d = st.durations.clone();
    let fail_outcome = !st.config.outcomes.ingestion.eq_ignore_ascii_case("Published");
    for p in &mut st.ing.products {
        for u in p.packages.iter_mut().chain(p.images.iter_mut().map(|(_, u)| u)) {
            let Some(at) = u.uploaded_at else { continue };
            if now >= at + d.ingestion_processing && u.doc["state"] == "Uploaded" {
                if u.fails {
                    u.doc["state"] = json!("ProcessFailed");
                    let file = u.doc.get("fileName").cloned().unwrap_or(json!(""));
                    u.doc["validationItems"] = json!([{"errorCode": "InvalidArchive", "severity": "Error", "message": "The package is not a valid ZIP archive.", "resource": file}]);
                } else {
                    u.doc["state"] = json!("Processed");
                    if u.doc.get("isCertified").is_some() {
                        u.doc["isCertified"] = json!(true);
                    }
                }
                u.doc["@odata.etag"] = json!(etag());
            }
        }
        for s in &mut p.submissions {
            loop {
                let sub = s.doc["substate"].as_str().unwrap_or("").to_string();
                if !matches!(sub.as_str(), "Submitted" | "Publishing") || now < s.since + d.ingestion_publishing {
                    break;
                }
                let at = s.since + d.ingestion_publishing;
                let live = s.doc["targets"]
                    .as_array()
                    .is_some_and(|t| t.iter().any(|x| x["type"] == "Scope" && x["value"] == "Live"));
                let step = |s: &mut IngSubmission, name: &str, state: &str| {
                    s.workflow.push(json!({"name": name, "state": state, "startDateTimeInUtc": util::iso(s.since), "completeDateTimeInUtc": util::iso(at)}));
                };
                s.since = at;
                if sub == "Submitted" && !s.validations.is_empty() {
                    step(s, "Validation", "Failed");
                    s.doc["substate"] = json!("Failed");
                    s.doc["pendingUpdateInfo"]["status"] = json!("Failed");
                    s.doc["pendingUpdateInfo"]["failureReason"] =
                        json!("Validation failed; see the submission's validations.");
                } else if sub == "Submitted" && fail_outcome {
                    step(s, "Certification", "Failed");
                    s.doc["substate"] = json!("FailedInCertification");
                    s.doc["pendingUpdateInfo"]["status"] = json!("Failed");
                    s.doc["pendingUpdateInfo"]["failureReason"] = json!("Emulated certification failure.");
                } else if sub == "Submitted" && !live {
                    step(s, "Certification", "Succeeded");
                    s.doc["substate"] = json!("ReadyToPublish");
                    s.doc["pendingUpdateInfo"]["status"] = json!("Completed");
                } else {
                    step(s, "Publish", "Succeeded");
                    s.doc["state"] = json!("Published");
                    s.doc["substate"] = json!("InStore");
                    s.doc["publishedTimeInUtc"] = json!(util::iso(at));
                    s.doc["pendingUpdateInfo"]["status"] = json!("Completed");
                }
                s.doc["@odata.etag"] = json!(etag());
            }
        }
    }
}

/// Handles an ingestion operation (the bearer token was checked by the server).
pub fn handle(st: &mut State, req: &Req, op: &str, params: &[(&'static str, String)]) -> Resp {
    let body = req.json();
    if storesubmit::api::routes::operation(op).is_some_and(|o| o.body) && !body.as_ref().is_some_and(Value::is_object) {
        return ing_err(400, "InvalidRequest", "The request body must be a JSON object.", "body");
    }
    let body = body.unwrap_or(Value::Null);
    match op {
        "ingestion.list_products" => list_products(st, req),
        "ingestion.create_product" => create_product(st, &body),
        _ => {
            let pid = param(params, "productId").to_string();
            let Some(i) = product_index(st, &pid) else {
                return ing_err(404, "ResourceNotFound", format!("Product {pid} was not found."), "productID");
            };
            product_op(st, req, op, params, i, &body)
        }
    }
}

fn list_products(st: &State, req: &Req) -> Resp {
    let filter = req.query("$filter").map(str::trim).filter(|f| !f.is_empty());
    let mut conds = Vec::new();
    if let Some(f) = filter {
        for part in f.split(" and ") {
            let Some((field, value)) = part.trim().split_once(" eq ") else {
                return ing_err(
                    400,
                    "InvalidFilter",
                    format!("Unsupported $filter `{f}`: use `field eq 'value'` joined by `and`."),
                    "$filter",
                );
            };
            let field = field.trim();
            if !["resourceType", "name", "id"].contains(&field) {
                return ing_err(
                    400,
                    "InvalidFilter",
                    format!("$filter field `{field}` is not supported (resourceType, name, id)."),
                    "$filter",
                );
            }
            conds.push((field.to_string(), value.trim().trim_matches('\'').to_string()));
        }
    }
    let items: Vec<Value> = st
        .ing
        .products
        .iter()
        .filter(|p| conds.iter().all(|(f, v)| p.doc.get(f).and_then(Value::as_str) == Some(v.as_str())))
        .map(|p| p.doc.clone())
        .collect();
    page(st, req, items, "products")
}

fn create_product(st: &mut State, body: &Value) -> Resp {
    let name = body.get("name").and_then(Value::as_str).unwrap_or("").trim();
    if name.is_empty() {
        return ing_err(400, "InvalidRequest", "`name` is required.", "name");
    }
    if body.get("resourceType").and_then(Value::as_str).is_none_or(str::is_empty) {
        return ing_err(400, "InvalidRequest", "`resourceType` is required (e.g. AzureApplication).", "resourceType");
    }
    if st.ing.products.iter().any(|p| p.doc.get("name").and_then(Value::as_str) == Some(name)) {
        return ing_err(409, "Conflict", format!("A product named {name} already exists."), "name");
    }
    let mut b = body.clone();
    if let Some(o) = b.as_object_mut() {
        o.remove("id");
        o.remove("@odata.etag");
    }
    let p = new_product(&b);
    let doc = p.doc.clone();
    st.ing.products.push(p);
    Resp::json(201, &doc)
}

fn product_op(st: &mut State, req: &Req, op: &str, params: &[(&'static str, String)], i: usize, body: &Value) -> Resp {
    let pid = st.ing.products[i].id().to_string();
    let now = st.now();
    let p = |st: &State| st.ing.products[i].clone();
    match op {
        "ingestion.get_product" => Resp::json(200, &st.ing.products[i].doc),
        "ingestion.delete_product" => {
            if st.ing.products[i]
                .submissions
                .iter()
                .any(|s| matches!(s.doc["substate"].as_str(), Some("Submitted" | "Publishing")))
            {
                return ing_err(
                    409,
                    "Conflict",
                    "The product has a submission being processed; wait for it or cancel it first.",
                    "product",
                );
            }
            st.ing.products.remove(i);
            Resp::empty(204)
        }
        "ingestion.get_product_setup" => Resp::json(200, &st.ing.products[i].setup),
        "ingestion.list_branches_by_module" => {
            let module = param(params, "module");
            if !MODULES.iter().any(|m| m.eq_ignore_ascii_case(module))
                && !["SupplementalContent", "Cosell"].iter().any(|m| m.eq_ignore_ascii_case(module))
            {
                return ing_err(400, "InvalidRequest", format!("Unknown module `{module}`."), "module");
            }
            let items: Vec<Value> = p(st)
                .branches
                .into_iter()
                .filter(|b| b["module"].as_str().is_some_and(|m| m.eq_ignore_ascii_case(module)))
                .collect();
            page(st, req, items, &format!("products/{pid}/branches/getByModule(module={module})"))
        }
        "ingestion.get_listing" | "ingestion.update_listing" => {
            let lid = param(params, "listingId").to_string();
            let Some(li) = st.ing.products[i].listings.iter().position(|(_, l)| l["id"] == lid) else {
                return ing_err(404, "ResourceNotFound", format!("Listing {lid} was not found."), "listingID");
            };
            if op == "ingestion.get_listing" {
                return Resp::json(200, &st.ing.products[i].listings[li].1);
            }
            let current = st.ing.products[i].listings[li].1.clone();
            if let Err(r) = check_if_match(req, &current, true, "listing") {
                return r;
            }
            let next = apply_update(&current, body);
            st.ing.products[i].listings[li].1 = next.clone();
            Resp::json(200, &next)
        }
        "ingestion.get_listings_by_instance" => {
            let inst = param(params, "instanceId");
            let items: Vec<Value> = p(st).listings.into_iter().filter(|(x, _)| x == inst).map(|(_, l)| l).collect();
            if items.is_empty() {
                return ing_err(404, "ResourceNotFound", format!("Instance {inst} has no listings."), "instanceID");
            }
            page(st, req, items, &format!("products/{pid}/listings/getByInstanceID(instanceID={inst})"))
        }
        "ingestion.list_listing_images"
        | "ingestion.create_listing_image"
        | "ingestion.get_listing_image"
        | "ingestion.update_listing_image" => {
            let lid = param(params, "listingId").to_string();
            if !st.ing.products[i].listings.iter().any(|(_, l)| l["id"] == lid) {
                return ing_err(404, "ResourceNotFound", format!("Listing {lid} was not found."), "listingID");
            }
            images(st, req, op, params, i, &lid, body, now)
        }
        "ingestion.list_packages" => {
            let items: Vec<Value> = p(st).packages.into_iter().map(|k| k.doc).collect();
            page(st, req, items, &format!("products/{pid}/packages"))
        }
        "ingestion.create_package" => {
            let file = body.get("fileName").and_then(Value::as_str).unwrap_or("").trim().to_string();
            if file.is_empty() {
                return ing_err(400, "InvalidRequest", "`fileName` is required.", "fileName");
            }
            let (url, blob) = st.new_upload_url(INGESTION_CONTAINER, "rw");
            let mut doc = body.clone();
            doc["id"] = json!(util::guid());
            doc["fileSasUri"] = json!(url);
            doc["state"] = json!("PendingUpload");
            for (k, v) in [
                ("isEmpty", Value::Null),
                ("fileSize", Value::Null),
                ("validationItems", json!([])),
                ("publishTargets", json!([])),
                ("isCertified", Value::Null),
            ] {
                doc.as_object_mut().expect("object").entry(k).or_insert(v);
            }
            if doc.get("resourceType").is_none() {
                doc["resourceType"] = json!("AzureApplicationPackage");
            }
            doc["@odata.etag"] = json!(etag());
            st.ing.products[i].packages.push(Upload { doc: doc.clone(), blob, uploaded_at: None, fails: false });
            Resp::json(201, &doc)
        }
        "ingestion.get_package" | "ingestion.update_package" | "ingestion.delete_package" => {
            let kid = param(params, "packageId").to_string();
            let Some(ki) = st.ing.products[i].packages.iter().position(|k| k.doc["id"] == kid) else {
                return ing_err(404, "ResourceNotFound", format!("Package {kid} was not found."), "packageID");
            };
            match op {
                "ingestion.get_package" => Resp::json(200, &st.ing.products[i].packages[ki].doc),
                "ingestion.delete_package" => {
                    st.ing.products[i].packages.remove(ki);
                    Resp::empty(204)
                }
                _ => {
                    let cur = st.ing.products[i].packages[ki].clone();
                    if let Err(r) = check_if_match(req, &cur.doc, false, "package") {
                        return r;
                    }
                    match upload_update(st, &cur, body, now, true) {
                        Ok(u) => {
                            let doc = u.doc.clone();
                            st.ing.products[i].packages[ki] = u;
                            Resp::json(200, &doc)
                        }
                        Err(r) => r,
                    }
                }
            }
        }
        "ingestion.get_package_configuration" | "ingestion.update_package_configuration" => {
            let cid = param(params, "packageConfigurationId").to_string();
            let Some(ci) = st.ing.products[i].configurations.iter().position(|(_, c)| c["id"] == cid) else {
                return ing_err(
                    404,
                    "ResourceNotFound",
                    format!("Package configuration {cid} was not found."),
                    "packageConfigurationID",
                );
            };
            if op == "ingestion.get_package_configuration" {
                return Resp::json(200, &st.ing.products[i].configurations[ci].1);
            }
            let current = st.ing.products[i].configurations[ci].1.clone();
            if let Err(r) = check_if_match(req, &current, true, "package configuration") {
                return r;
            }
            let known: Vec<String> =
                st.ing.products[i].packages.iter().filter_map(|k| k.doc["id"].as_str().map(str::to_string)).collect();
            for r in body.get("packageReferences").and_then(Value::as_array).into_iter().flatten() {
                let v = r.get("value").and_then(Value::as_str).unwrap_or("");
                if !known.iter().any(|k| k == v) {
                    return ing_err(
                        400,
                        "InvalidRequest",
                        format!("packageReferences names package {v}, which this product does not have."),
                        "packageReferences",
                    );
                }
            }
            let next = apply_update(&current, body);
            st.ing.products[i].configurations[ci].1 = next.clone();
            Resp::json(200, &next)
        }
        "ingestion.get_package_configurations_by_instance" => {
            let inst = param(params, "instanceId");
            let items: Vec<Value> =
                p(st).configurations.into_iter().filter(|(x, _)| x == inst).map(|(_, c)| c).collect();
            if items.is_empty() {
                return ing_err(
                    404,
                    "ResourceNotFound",
                    format!("Instance {inst} has no package configurations."),
                    "instanceID",
                );
            }
            page(st, req, items, &format!("products/{pid}/packageConfigurations/getByInstanceID(instanceID={inst})"))
        }
        "ingestion.list_submissions" => {
            let items: Vec<Value> = p(st).submissions.into_iter().map(|s| s.doc).collect();
            page(st, req, items, &format!("products/{pid}/submissions"))
        }
        "ingestion.create_submission" => create_submission(st, i, &pid, body, now),
        _ => {
            let sid = param(params, "submissionId").to_string();
            let Some(si) = st.ing.products[i].submissions.iter().position(|s| s.doc["id"] == sid) else {
                return ing_err(404, "ResourceNotFound", format!("Submission {sid} was not found."), "submissionID");
            };
            let s = st.ing.products[i].submissions[si].clone();
            match op {
                "ingestion.get_submission" => Resp::json(200, &s.doc),
                "ingestion.delete_submission" => {
                    if s.doc["state"] != "InProgress" || s.doc["substate"] == "Publishing" {
                        return ing_err(
                            409,
                            "Conflict",
                            format!(
                                "Submission {sid} can no longer be canceled (state {}, substate {}).",
                                s.doc["state"], s.doc["substate"]
                            ),
                            "submission",
                        );
                    }
                    st.ing.products[i].submissions.remove(si);
                    Resp::empty(204)
                }
                "ingestion.promote_submission" => {
                    if s.doc["substate"] != "ReadyToPublish" {
                        return ing_err(
                            409,
                            "Conflict",
                            format!(
                                "Submission {sid} cannot be promoted in substate {}; it must be ReadyToPublish.",
                                s.doc["substate"]
                            ),
                            "submission",
                        );
                    }
                    let sub = &mut st.ing.products[i].submissions[si];
                    sub.doc["targets"] = json!([{"type": "Scope", "value": "Live"}]);
                    sub.doc["substate"] = json!("Publishing");
                    sub.doc["pendingUpdateInfo"] = json!({"updateType": "Promote", "status": "Running", "href": format!("products/{pid}/submissions/{sid}"), "failureReason": ""});
                    sub.doc["@odata.etag"] = json!(etag());
                    sub.since = now;
                    Resp::json(200, &sub.doc)
                }
                "ingestion.get_submission_validations" => {
                    page(st, req, s.validations, &format!("products/{pid}/submissions/{sid}/validations"))
                }
                "ingestion.get_submission_workflow" => {
                    let target = if s.doc["targets"].to_string().contains("Live") { "Live" } else { "Preview" };
                    let wf = json!({
                        "type": "Publish", "state": s.doc["substate"], "targetEnvironment": target,
                        "workflowSteps": s.workflow,
                        "startDateTimeInUtc": s.workflow.first().and_then(|w| w.get("startDateTimeInUtc")).cloned().unwrap_or(json!(util::iso(s.since))),
                        "completeDateTimeInUtc": if s.doc["state"] == "Published" { s.workflow.last().and_then(|w| w.get("completeDateTimeInUtc")).cloned().unwrap_or(Value::Null) } else { Value::Null },
                    });
                    page(st, req, vec![wf], &format!("products/{pid}/submissions/{sid}/workflowdetails"))
                }
                _ => ing_err(404, "ResourceNotFound", "No such method.", ""),
            }
        }
    }
}

/// A package or image update: the body replaces the resource, except the server-kept `fileSasUri`;
/// `state: Uploaded` requires the blob to be there and starts processing.
fn upload_update(st: &State, cur: &Upload, body: &Value, now: u64, is_package: bool) -> Result<Upload, Resp> {
    let mut next = apply_update(&cur.doc, body);
    for keep in ["fileSasUri", "resourceType"] {
        if let Some(v) = cur.doc.get(keep) {
            next[keep] = v.clone();
        }
    }
    let mut u = Upload { doc: next, blob: cur.blob.clone(), uploaded_at: cur.uploaded_at, fails: cur.fails };
    let new_state = body.get("state").and_then(Value::as_str).unwrap_or("");
    let old_state = cur.doc.get("state").and_then(Value::as_str).unwrap_or("");
    match new_state {
        "Uploaded" if old_state == "PendingUpload" || old_state == "ProcessFailed" => {
            let Some(data) = st.blob_data(&cur.blob) else {
                return Err(ing_err(
                    400,
                    "InvalidRequest",
                    "The file was not uploaded to fileSasUri; upload it before setting state to Uploaded.",
                    "state",
                ));
            };
            u.uploaded_at = Some(now);
            u.fails = is_package && storesubmit::package::entry_names(std::io::Cursor::new(&data)).is_err();
            if is_package {
                u.doc["fileSize"] = json!(data.len());
            }
        }
        "Uploaded" | "" => {
            u.doc["state"] = json!(old_state);
        }
        s if s == old_state => {}
        other => {
            return Err(ing_err(
                400,
                "InvalidRequest",
                format!("state cannot be set to {other}; only PendingUpload → Uploaded is a client transition."),
                "state",
            ));
        }
    }
    Ok(u)
}

#[allow(clippy::too_many_arguments)]
fn images(
    st: &mut State,
    req: &Req,
    op: &str,
    params: &[(&'static str, String)],
    i: usize,
    lid: &str,
    body: &Value,
    now: u64,
) -> Resp {
    let pid = st.ing.products[i].id().to_string();
    match op {
        "ingestion.list_listing_images" => {
            let items: Vec<Value> =
                st.ing.products[i].images.iter().filter(|(l, _)| l == lid).map(|(_, u)| u.doc.clone()).collect();
            page(st, req, items, &format!("products/{pid}/listings/{lid}/images"))
        }
        "ingestion.create_listing_image" => {
            let file = body.get("fileName").and_then(Value::as_str).unwrap_or("").trim().to_string();
            if file.is_empty() {
                return ing_err(400, "InvalidRequest", "`fileName` is required.", "fileName");
            }
            if body.get("type").and_then(Value::as_str).is_none_or(str::is_empty) {
                return ing_err(400, "InvalidRequest", "`type` is required (e.g. AzureLogoLarge, Screenshot).", "type");
            }
            let (url, blob) = st.new_upload_url(INGESTION_CONTAINER, "rw");
            let mut doc = body.clone();
            doc["id"] = json!(util::guid());
            doc["resourceType"] = json!("ListingImage");
            doc["fileSasUri"] = json!(url);
            doc["state"] = json!("PendingUpload");
            doc.as_object_mut().expect("object").entry("description").or_insert(json!(""));
            doc.as_object_mut().expect("object").entry("order").or_insert(json!(0));
            doc["@odata.etag"] = json!(etag());
            st.ing.products[i]
                .images
                .push((lid.to_string(), Upload { doc: doc.clone(), blob, uploaded_at: None, fails: false }));
            Resp::json(201, &doc)
        }
        _ => {
            let iid = param(params, "imageId").to_string();
            let Some(ii) = st.ing.products[i].images.iter().position(|(l, u)| l == lid && u.doc["id"] == iid) else {
                return ing_err(404, "ResourceNotFound", format!("Image {iid} was not found."), "imageID");
            };
            if op == "ingestion.get_listing_image" {
                return Resp::json(200, &st.ing.products[i].images[ii].1.doc);
            }
            let cur = st.ing.products[i].images[ii].1.clone();
            if let Err(r) = check_if_match(req, &cur.doc, true, "listing image") {
                return r;
            }
            match upload_update(st, &cur, body, now, false) {
                Ok(u) => {
                    let doc = u.doc.clone();
                    st.ing.products[i].images[ii].1 = u;
                    Resp::json(200, &doc)
                }
                Err(r) => r,
            }
        }
    }
}

fn create_submission(st: &mut State, i: usize, pid: &str, body: &Value, now: u64) -> Resp {
    let targets = body.get("targets").cloned().unwrap_or(json!([{"type": "Scope", "value": "Preview"}]));
    let scope_ok = targets
        .as_array()
        .is_some_and(|t| t.iter().any(|x| x["type"] == "Scope" && (x["value"] == "Preview" || x["value"] == "Live")));
    if !scope_ok {
        return ing_err(
            400,
            "InvalidRequest",
            "targets must hold {\"type\": \"Scope\", \"value\": \"Preview\" or \"Live\"}.",
            "targets",
        );
    }
    let prod = &st.ing.products[i];
    if let Some(s) =
        prod.submissions.iter().find(|s| matches!(s.doc["substate"].as_str(), Some("Submitted" | "Publishing")))
    {
        return ing_err(
            409,
            "Conflict",
            format!(
                "Submission {} of this product is still being processed; wait for it or cancel it first.",
                s.doc["id"].as_str().unwrap_or("")
            ),
            "submission",
        );
    }
    let mut validations = Vec::new();
    for k in &prod.packages {
        let state = k.doc["state"].as_str().unwrap_or("");
        let file = k.doc.get("fileName").cloned().unwrap_or(json!(""));
        match state {
            "Processed" => {}
            "ProcessFailed" => validations.push(json!({"errorCode": "PackageProcessingFailed", "severity": "Error", "message": "The package failed processing.", "resource": file})),
            other => validations.push(json!({"errorCode": "PackageNotProcessed", "severity": "Error", "message": format!("The package is {other}, not Processed."), "resource": file})),
        }
    }
    let release = prod.submissions.len() as i64 + 1;
    let sid = numeric_id();
    let doc = json!({
        "resourceType": "Submission",
        "state": "InProgress",
        "substate": "Submitted",
        "targets": targets,
        "resources": body.get("resources").cloned().unwrap_or(json!([])),
        "variantResources": body.get("variantResources").cloned().unwrap_or(json!([])),
        "publishOption": body.get("publishOption").cloned().unwrap_or(json!({"releaseTimeInUtc": null, "isManualPublish": false, "isAutoPromote": false, "certificationNotes": ""})),
        "publishedTimeInUtc": null,
        "pendingUpdateInfo": {"updateType": "Create", "status": "Running", "href": format!("products/{pid}/submissions/{sid}"), "failureReason": ""},
        "extendedProperties": body.get("extendedProperties").cloned().unwrap_or(json!([])),
        "releaseNumber": release,
        "friendlyName": format!("Release {release}"),
        "areResourcesReady": validations.is_empty(),
        "id": sid,
        "@odata.etag": etag(),
    });
    st.ing.products[i].submissions.push(IngSubmission {
        doc: doc.clone(),
        since: now,
        validations,
        workflow: Vec::new(),
    });
    Resp::json(201, &doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skip_tokens_round_trip_and_updates_keep_ids() {
        let t = skip_token(25);
        let req = Req {
            method: storesubmit::Method::Get,
            path: String::new(),
            raw_query: String::new(),
            query: util::parse_pairs(&format!("$skipToken={t}")),
            headers: Vec::new(),
            body: bytes::Bytes::new(),
        };
        assert_eq!(parse_skip(&req), 25);
        let cur = json!({"id": "x", "title": "a", "@odata.etag": "\"1\""});
        let next = apply_update(&cur, &json!({"id": "y", "title": "b", "@odata.etag": "\"1\""}));
        assert_eq!(next["id"], "x");
        assert_eq!(next["title"], "b");
        assert_ne!(next["@odata.etag"], "\"1\"");
        assert!(check_if_match(&req, &cur, true, "listing").is_err());
    }
}
