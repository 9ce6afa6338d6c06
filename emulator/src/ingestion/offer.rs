//! What an offer sells and to whom: product setup (create), properties and product availabilities (one
//! per draft instance of the product's `Property` / `Availability` branch), variants (plans, each with
//! its own `Listing` and `Availability` branches) and their feature availabilities (markets, prices,
//! trial, audiences).

use serde_json::{json, Value};

use super::{apply_update, check_if_match, etag, ing_err, new_branch, page, IngProduct};
use crate::state::State;
use crate::util::{self, param, Req, Resp};

/// Documents kept per draft instance: `(instance id, resource)`.
pub type InstanceDocs = Vec<(String, Value)>;

/// The offer resources of one product.
#[derive(Clone, Debug, Default)]
pub struct OfferState {
    /// Properties by instance.
    pub properties: InstanceDocs,
    /// Product availabilities by instance.
    pub availabilities: InstanceDocs,
    /// Variants (plans and test drives), in creation order.
    pub variants: Vec<Value>,
    /// Feature availabilities by (a plan's `Availability`) instance.
    pub features: InstanceDocs,
}

/// Gives a new product its first property and product availability.
pub fn seed(p: &mut IngProduct) {
    if let Some(inst) = p.instance_of("Property") {
        let doc = json!({
            "resourceType": "AzureProperty", "industries": [], "leveledCategories": {}, "categories": [],
            "additionalCategories": [], "submissionVersion": "1", "hideKeys": [], "productTags": [], "appVersion": "",
            "useEnterpriseContract": false, "termsOfUse": "", "marketingOnlyChange": null, "globalAmendmentTerms": "",
            "customAmendments": [], "id": util::guid(), "@odata.etag": etag()
        });
        p.offer.properties.push((inst, doc));
    }
    if let Some(inst) = p.instance_of("Availability") {
        let doc = json!({
            "resourceType": "ProductAvailability", "visibility": "Public", "enterpriseLicensing": "Online",
            "audiences": [], "emailAudiences": [], "subscriptionAudiences": [], "hideKeyAudience": null,
            "id": util::guid(), "@odata.etag": etag()
        });
        p.offer.availabilities.push((inst, doc));
    }
}

const OPS: &[&str] = &[
    "ingestion.create_product_setup",
    "ingestion.list_product_availabilities",
    "ingestion.create_product_availability",
    "ingestion.get_product_availability",
    "ingestion.update_product_availability",
    "ingestion.get_product_availabilities_by_instance",
    "ingestion.list_properties",
    "ingestion.create_property",
    "ingestion.get_property",
    "ingestion.update_property",
    "ingestion.get_properties_by_instance",
    "ingestion.list_variants",
    "ingestion.create_variant",
    "ingestion.get_variant",
    "ingestion.update_variant",
    "ingestion.delete_variant",
    "ingestion.get_feature_availabilities_by_instance",
    "ingestion.get_feature_availability",
    "ingestion.update_feature_availability",
];

/// Whether [`handle`] answers this operation.
pub fn handles(op: &str) -> bool {
    OPS.contains(&op)
}

/// Which instance-scoped collection an operation works on.
#[derive(Clone, Copy)]
enum Kind {
    Property,
    Availability,
    Feature,
}

impl Kind {
    fn docs(self, p: &mut IngProduct) -> &mut InstanceDocs {
        match self {
            Kind::Property => &mut p.offer.properties,
            Kind::Availability => &mut p.offer.availabilities,
            Kind::Feature => &mut p.offer.features,
        }
    }

    fn what(self) -> &'static str {
        match self {
            Kind::Property => "property",
            Kind::Availability => "product availability",
            Kind::Feature => "feature availability",
        }
    }

    fn id_param(self) -> &'static str {
        match self {
            Kind::Property => "propertyId",
            Kind::Availability => "productAvailabilityId",
            Kind::Feature => "featureAvailabilityId",
        }
    }

    fn path(self) -> &'static str {
        match self {
            Kind::Property => "properties",
            Kind::Availability => "productavailabilities",
            Kind::Feature => "featureavailabilities",
        }
    }
}

/// Handles an offer operation on product `i`.
pub fn handle(st: &mut State, req: &Req, op: &str, params: &[(&'static str, String)], i: usize, body: &Value) -> Resp {
    let pid = st.ing.products[i].id().to_string();
    match op {
        "ingestion.create_product_setup" => create_setup(st, i, body),
        "ingestion.list_product_availabilities" => list(st, req, i, Kind::Availability, &pid),
        "ingestion.list_properties" => list(st, req, i, Kind::Property, &pid),
        "ingestion.create_product_availability" => create(st, i, Kind::Availability, body, "visibility"),
        "ingestion.create_property" => create(st, i, Kind::Property, body, "resourceType"),
        "ingestion.get_product_availability" => get(st, req, params, i, Kind::Availability),
        "ingestion.get_property" => get(st, req, params, i, Kind::Property),
        "ingestion.get_feature_availability" => get(st, req, params, i, Kind::Feature),
        "ingestion.update_product_availability" => update(st, req, params, i, Kind::Availability, body),
        "ingestion.update_property" => update(st, req, params, i, Kind::Property, body),
        "ingestion.update_feature_availability" => update(st, req, params, i, Kind::Feature, body),
        "ingestion.get_product_availabilities_by_instance" => by_instance(st, req, params, i, Kind::Availability),
        "ingestion.get_properties_by_instance" => by_instance(st, req, params, i, Kind::Property),
        "ingestion.get_feature_availabilities_by_instance" => by_instance(st, req, params, i, Kind::Feature),
        "ingestion.list_variants" => {
            let items = st.ing.products[i].offer.variants.clone();
            page(st, req, items, &format!("products/{pid}/variants"))
        }
        "ingestion.create_variant" => create_variant(st, i, body),
        _ => variant_op(st, req, op, param(params, "variantId"), i, body),
    }
}

fn create_setup(st: &mut State, i: usize, body: &Value) -> Resp {
    if body.get("resourceType").and_then(Value::as_str).is_some_and(|t| t != "AzureProductSetup") {
        return ing_err(400, "InvalidRequest", "resourceType must be AzureProductSetup.", "resourceType");
    }
    let selling = body.get("sellingOption").and_then(Value::as_str).unwrap_or("ListingOnly");
    if !["ListingOnly", "ListAndSell"].contains(&selling) {
        return ing_err(400, "InvalidRequest", "sellingOption must be ListingOnly or ListAndSell.", "sellingOption");
    }
    let mut doc = body.clone();
    doc["resourceType"] = json!("AzureProductSetup");
    doc["@odata.etag"] = json!(etag());
    st.ing.products[i].setup = doc.clone();
    Resp::json(201, &doc)
}

fn list(st: &State, req: &Req, i: usize, kind: Kind, pid: &str) -> Resp {
    let mut p = st.ing.products[i].clone();
    let items: Vec<Value> = kind.docs(&mut p).iter().map(|(_, d)| d.clone()).collect();
    page(st, req, items, &format!("products/{pid}/{}", kind.path()))
}

/// A create in the product's own draft instance of the kind's module; `required` must be a non-empty
/// string.
fn create(st: &mut State, i: usize, kind: Kind, body: &Value, required: &str) -> Resp {
    if body.get(required).and_then(Value::as_str).is_none_or(str::is_empty) {
        return ing_err(400, "InvalidRequest", format!("`{required}` is required."), required);
    }
    let module = if matches!(kind, Kind::Property) { "Property" } else { "Availability" };
    let p = &mut st.ing.products[i];
    let Some(inst) = p.instance_of(module) else {
        return ing_err(409, "Conflict", format!("The product has no {module} branch."), "module");
    };
    let mut doc = body.clone();
    doc["id"] = json!(util::guid());
    doc["@odata.etag"] = json!(etag());
    kind.docs(p).push((inst, doc.clone()));
    Resp::json(if matches!(kind, Kind::Property) { 200 } else { 201 }, &doc)
}

fn find(p: &mut IngProduct, kind: Kind, id: &str) -> Option<usize> {
    kind.docs(p).iter().position(|(_, d)| d["id"] == id)
}

/// Feature availabilities answer `marketStates`, `priceSchedules` and `trial` only when `$expand`
/// names them (as the swagger describes).
fn expanded(req: &Req, kind: Kind, doc: &Value) -> Value {
    if !matches!(kind, Kind::Feature) {
        return doc.clone();
    }
    let expand = req.query("$expand").unwrap_or("").to_ascii_lowercase();
    let wanted: Vec<&str> = expand.split(',').map(str::trim).collect();
    let mut out = doc.clone();
    if let Some(o) = out.as_object_mut() {
        for key in FEATURE_EXPANDABLE {
            if !wanted.contains(&key.to_ascii_lowercase().as_str()) {
                o.remove(*key);
            }
        }
    }
    out
}

const FEATURE_EXPANDABLE: &[&str] = &["marketStates", "priceSchedules", "trial"];

fn get(st: &mut State, req: &Req, params: &[(&'static str, String)], i: usize, kind: Kind) -> Resp {
    let id = param(params, kind.id_param()).to_string();
    let p = &mut st.ing.products[i];
    match find(p, kind, &id) {
        Some(k) => Resp::json(200, &expanded(req, kind, &kind.docs(p)[k].1)),
        None => ing_err(404, "ResourceNotFound", format!("The {} {id} was not found.", kind.what()), kind.id_param()),
    }
}

fn update(st: &mut State, req: &Req, params: &[(&'static str, String)], i: usize, kind: Kind, body: &Value) -> Resp {
    let id = param(params, kind.id_param()).to_string();
    let p = &mut st.ing.products[i];
    let Some(k) = find(p, kind, &id) else {
        return ing_err(404, "ResourceNotFound", format!("The {} {id} was not found.", kind.what()), kind.id_param());
    };
    let current = kind.docs(p)[k].1.clone();
    if let Err(r) = check_if_match(req, &current, true, kind.what()) {
        return r;
    }
    if let Err(r) = check_body(kind, body) {
        return r;
    }
    let mut next = apply_update(&current, body);
    if matches!(kind, Kind::Feature) {
        // A body read without `$expand` lacks the expandable fields: they stay as they were.
        for key in FEATURE_EXPANDABLE {
            if body.get(*key).is_none() {
                if let Some(v) = current.get(*key) {
                    next[*key] = v.clone();
                }
            }
        }
    }
    kind.docs(p)[k].1 = next.clone();
    Resp::json(200, &expanded(req, kind, &next))
}

/// Field checks where the swagger lists the values.
fn check_body(kind: Kind, body: &Value) -> Result<(), Resp> {
    let Kind::Feature = kind else { return Ok(()) };
    for (n, m) in body.get("marketStates").and_then(Value::as_array).into_iter().flatten().enumerate() {
        let code = m.get("marketCode").and_then(Value::as_str).unwrap_or("");
        let state = m.get("state").and_then(Value::as_str).unwrap_or("");
        if code.is_empty() || !["Disabled", "Enabled", "StopSelling", "Terminated"].contains(&state) {
            return Err(ing_err(
                400,
                "InvalidRequest",
                format!(
                    "marketStates[{n}] needs a marketCode and a state of Disabled, Enabled, StopSelling or Terminated."
                ),
                "marketStates",
            ));
        }
    }
    if let Some(v) = body.get("visibility").and_then(Value::as_str) {
        if !["Public", "Private"].contains(&v) {
            return Err(ing_err(400, "InvalidRequest", "visibility must be Public or Private.", "visibility"));
        }
    }
    Ok(())
}

fn by_instance(st: &mut State, req: &Req, params: &[(&'static str, String)], i: usize, kind: Kind) -> Resp {
    let inst = param(params, "instanceId").to_string();
    let pid = st.ing.products[i].id().to_string();
    let mut p = st.ing.products[i].clone();
    let items: Vec<Value> =
        kind.docs(&mut p).iter().filter(|(x, _)| *x == inst).map(|(_, d)| expanded(req, kind, d)).collect();
    if items.is_empty() {
        return ing_err(
            404,
            "ResourceNotFound",
            format!("Instance {inst} has no {} resources.", kind.what()),
            "instanceID",
        );
    }
    let segment = match kind {
        Kind::Property => "properties",
        Kind::Availability => "productAvailabilities",
        Kind::Feature => "featureAvailabilities",
    };
    page(st, req, items, &format!("products/{pid}/{segment}/getByInstanceID(instanceID={inst})"))
}

fn create_variant(st: &mut State, i: usize, body: &Value) -> Resp {
    let kind = body.get("resourceType").and_then(Value::as_str).unwrap_or("");
    if !["AzureSkuVariant", "AzureTestDriveVariant"].contains(&kind) {
        return ing_err(
            400,
            "InvalidRequest",
            "resourceType must be AzureSkuVariant (a plan) or AzureTestDriveVariant.",
            "resourceType",
        );
    }
    if kind == "AzureSkuVariant" && body.get("friendlyName").and_then(Value::as_str).is_none_or(str::is_empty) {
        return ing_err(400, "InvalidRequest", "`friendlyName` is required for a plan.", "friendlyName");
    }
    let p = &mut st.ing.products[i];
    if let Some(ext) = body.get("externalID").and_then(Value::as_str).filter(|s| !s.is_empty()) {
        if p.offer.variants.iter().any(|v| v["externalID"] == ext) {
            return ing_err(409, "Conflict", format!("A plan with externalID {ext} already exists."), "externalID");
        }
    }
    let vid = util::guid();
    let mut doc = body.clone();
    doc["id"] = json!(vid);
    doc.as_object_mut().expect("object").entry("state").or_insert(json!("Inactive"));
    doc["@odata.etag"] = json!(etag());
    if kind == "AzureSkuVariant" {
        // A plan has its own Listing and Availability branches; its availability instance holds its
        // feature availability, its listing instance a listing named after it.
        let listing = new_branch("Listing", &vid);
        let avail = new_branch("Availability", &vid);
        let name = doc["friendlyName"].clone();
        let linst = listing["currentDraftInstanceID"].as_str().unwrap_or("").to_string();
        let ainst = avail["currentDraftInstanceID"].as_str().unwrap_or("").to_string();
        p.listings.push((
            linst,
            json!({"resourceType": "AzureListing", "languageCode": "en-us", "title": name, "description": "",
                   "summary": "", "id": util::guid(), "@odata.etag": etag()}),
        ));
        p.offer.features.push((
            ainst,
            json!({"resourceType": "FeatureAvailability", "visibility": "Public", "marketStates": [],
                   "properties": [], "trial": {"type": "NoTrial"}, "tenantAudiences": [], "subscriptionAudiences": [],
                   "priceSchedules": [], "customMeters": [], "isHidden": false,
                   "id": util::guid(), "@odata.etag": etag()}),
        ));
        p.branches.push(listing);
        p.branches.push(avail);
    }
    p.offer.variants.push(doc.clone());
    Resp::json(201, &doc)
}

fn variant_op(st: &mut State, req: &Req, op: &str, vid: &str, i: usize, body: &Value) -> Resp {
    let p = &mut st.ing.products[i];
    let Some(k) = p.offer.variants.iter().position(|v| v["id"] == vid) else {
        return ing_err(404, "ResourceNotFound", format!("Variant {vid} was not found."), "variantID");
    };
    match op {
        "ingestion.get_variant" => Resp::json(200, &p.offer.variants[k]),
        "ingestion.update_variant" => {
            let current = p.offer.variants[k].clone();
            if let Err(r) = check_if_match(req, &current, false, "variant") {
                return r;
            }
            let mut next = apply_update(&current, body);
            next["resourceType"] = current["resourceType"].clone();
            p.offer.variants[k] = next.clone();
            Resp::json(200, &next)
        }
        _ => {
            let busy = p.submissions.iter().any(|s| {
                matches!(s.doc["substate"].as_str(), Some("Submitted" | "Publishing"))
                    && s.doc["variantResources"].as_array().is_some_and(|v| v.iter().any(|r| r["variantID"] == vid))
            });
            if busy {
                return ing_err(
                    409,
                    "Conflict",
                    format!("Variant {vid} is in a submission being processed."),
                    "variant",
                );
            }
            let gone: Vec<String> = p
                .branches
                .iter()
                .filter(|b| b["variantID"] == vid)
                .filter_map(|b| b["currentDraftInstanceID"].as_str().map(str::to_string))
                .collect();
            p.branches.retain(|b| b["variantID"] != vid);
            p.listings.retain(|(inst, _)| !gone.contains(inst));
            p.offer.features.retain(|(inst, _)| !gone.contains(inst));
            p.offer.variants.remove(k);
            Resp::empty(204)
        }
    }
}
