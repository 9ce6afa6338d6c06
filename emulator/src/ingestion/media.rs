//! What an offer shows and where its leads go: listings created in an instance or deleted, listing
//! assets and videos (uploaded to a SAS `fileSasUri` like images), co-sell assets and the co-sell listing,
//! supplemental content for certification, the lead configuration and the reseller configuration.

use serde_json::{json, Value};

use super::{apply_update, check_if_match, etag, ing_err, page, upload_update, IngProduct, Upload};
use crate::state::{State, INGESTION_CONTAINER};
use crate::util::{self, param, Req, Resp};

/// The media, co-sell and configuration resources of one product.
#[derive(Clone, Debug, Default)]
pub struct MediaState {
    /// Listing assets by listing id.
    pub assets: Vec<(String, Upload)>,
    /// Listing videos by listing id.
    pub videos: Vec<(String, Upload)>,
    /// Co-sell assets by co-sell instance.
    pub cosell_assets: Vec<(String, Upload)>,
    /// Co-sell listings by instance.
    pub cosell_listings: Vec<(String, Value)>,
    /// Supplemental contents by instance, with whether the current version was committed.
    pub supplemental: Vec<(String, Value, bool)>,
    /// The lead configuration, once created.
    pub lead: Option<Value>,
    /// The reseller configuration (`Disabled` until created).
    pub reseller: Option<Value>,
}

impl MediaState {
    /// Every upload-backed resource (processed on the clock like packages and images).
    pub fn uploads_mut(&mut self) -> impl Iterator<Item = &mut Upload> {
        self.assets.iter_mut().chain(self.videos.iter_mut()).chain(self.cosell_assets.iter_mut()).map(|(_, u)| u)
    }

    /// The blob an `Uploaded` update of one of these resources reads.
    pub fn blobs_needed(&self, op: &str, params: &[(&'static str, String)]) -> Vec<String> {
        let (list, id) = match op {
            "ingestion.update_listing_asset" => (&self.assets, param(params, "assetId")),
            "ingestion.update_listing_video" => (&self.videos, param(params, "videoId")),
            "ingestion.update_cosell_asset" => (&self.cosell_assets, param(params, "cosellAssetId")),
            _ => return Vec::new(),
        };
        list.iter().filter(|(_, u)| u.doc["id"] == id).map(|(_, u)| u.blob.clone()).collect()
    }
}

/// Gives a new product its supplemental content and co-sell listing (on those branches' instances).
pub fn seed(p: &mut IngProduct) {
    if let Some(inst) = p.instance_of("SupplementalContent") {
        let doc = json!({"resourceType": "SupplementalContent", "targetRelease": "", "supportedEditions": [],
                         "assets": [], "id": inst, "@odata.etag": etag()});
        p.media.supplemental.push((inst, doc, false));
    }
    if let Some(inst) = p.instance_of("Cosell") {
        let doc = json!({"resourceType": "CosellListing", "offerPlatforms": [], "endCustomerSegments": [],
                         "offerType": "", "solutionAreas": [], "contacts": [], "assetReferences": [],
                         "id": inst, "@odata.etag": etag()});
        p.media.cosell_listings.push((inst, doc));
    }
}

const OPS: &[&str] = &[
    "ingestion.delete_listing",
    "ingestion.create_listing_with_instance",
    "ingestion.list_listing_assets",
    "ingestion.create_listing_asset",
    "ingestion.get_listing_asset",
    "ingestion.update_listing_asset",
    "ingestion.delete_listing_asset",
    "ingestion.list_listing_videos",
    "ingestion.create_listing_video",
    "ingestion.get_listing_video",
    "ingestion.update_listing_video",
    "ingestion.delete_listing_video",
    "ingestion.list_cosell_assets",
    "ingestion.create_cosell_asset",
    "ingestion.get_cosell_assets_by_instance",
    "ingestion.get_cosell_asset",
    "ingestion.update_cosell_asset",
    "ingestion.delete_cosell_asset",
    "ingestion.get_cosell_listing",
    "ingestion.update_cosell_listing",
    "ingestion.get_cosell_listings_by_instance",
    "ingestion.get_supplemental_contents_by_instance",
    "ingestion.get_supplemental_content",
    "ingestion.update_supplemental_content",
    "ingestion.commit_supplemental_content",
    "ingestion.get_lead_configuration",
    "ingestion.create_lead_configuration",
    "ingestion.get_reseller_configuration",
    "ingestion.create_reseller_configuration",
];

/// Whether [`handle`] answers this operation.
pub fn handles(op: &str) -> bool {
    OPS.contains(&op)
}

/// Which upload-backed collection an operation works on.
#[derive(Clone, Copy, PartialEq)]
enum Media {
    Asset,
    Video,
    Cosell,
}

impl Media {
    fn list(self, p: &mut IngProduct) -> &mut Vec<(String, Upload)> {
        match self {
            Media::Asset => &mut p.media.assets,
            Media::Video => &mut p.media.videos,
            Media::Cosell => &mut p.media.cosell_assets,
        }
    }

    fn what(self) -> &'static str {
        match self {
            Media::Asset => "listing asset",
            Media::Video => "listing video",
            Media::Cosell => "co-sell asset",
        }
    }

    fn id_param(self) -> &'static str {
        match self {
            Media::Asset => "assetId",
            Media::Video => "videoId",
            Media::Cosell => "cosellAssetId",
        }
    }

    fn resource_type(self) -> &'static str {
        match self {
            Media::Asset => "ListingAsset",
            Media::Video => "ListingVideo",
            Media::Cosell => "CosellAsset",
        }
    }
}

/// Handles a media or configuration operation on product `i`.
#[allow(clippy::too_many_arguments)]
pub fn handle(
    st: &mut State,
    req: &Req,
    op: &str,
    params: &[(&'static str, String)],
    i: usize,
    body: &Value,
    now: u64,
) -> Resp {
    let pid = st.ing.products[i].id().to_string();
    let lid = param(params, "listingId").to_string();
    if !lid.is_empty() && !st.ing.products[i].listings.iter().any(|(_, l)| l["id"] == lid) {
        return ing_err(404, "ResourceNotFound", format!("Listing {lid} was not found."), "listingID");
    }
    match op {
        "ingestion.delete_listing" => {
            let p = &mut st.ing.products[i];
            p.listings.retain(|(_, l)| l["id"] != lid);
            p.images.retain(|(l, _)| *l != lid);
            p.media.assets.retain(|(l, _)| *l != lid);
            p.media.videos.retain(|(l, _)| *l != lid);
            Resp::empty(204)
        }
        "ingestion.create_listing_with_instance" => create_listing(st, i, param(params, "instanceId"), body),
        "ingestion.list_listing_assets" => {
            list(st, req, i, Media::Asset, &lid, &format!("products/{pid}/listings/{lid}/assets"))
        }
        "ingestion.list_listing_videos" => {
            list(st, req, i, Media::Video, &lid, &format!("products/{pid}/listings/{lid}/videos"))
        }
        "ingestion.list_cosell_assets" => list(st, req, i, Media::Cosell, "", &format!("products/{pid}/cosellAssets")),
        "ingestion.get_cosell_assets_by_instance" => {
            let inst = param(params, "instanceId").to_string();
            if !st.ing.products[i].has_instance(&inst, Some("Cosell")) {
                return ing_err(
                    404,
                    "ResourceNotFound",
                    format!("Co-sell instance {inst} was not found."),
                    "instanceID",
                );
            }
            let next = format!("products/{pid}/cosellAssets/getByInstanceID(instanceID={inst})");
            list(st, req, i, Media::Cosell, &inst, &next)
        }
        "ingestion.create_listing_asset" => create_upload(st, i, Media::Asset, lid, body),
        "ingestion.create_listing_video" => create_upload(st, i, Media::Video, lid, body),
        "ingestion.create_cosell_asset" => match st.ing.products[i].instance_of("Cosell") {
            Some(inst) => create_upload(st, i, Media::Cosell, inst, body),
            None => ing_err(409, "Conflict", "The product has no Cosell branch.", "module"),
        },
        "ingestion.get_listing_asset" | "ingestion.update_listing_asset" | "ingestion.delete_listing_asset" => {
            upload_op(st, req, op, params, i, Media::Asset, body, now)
        }
        "ingestion.get_listing_video" | "ingestion.update_listing_video" | "ingestion.delete_listing_video" => {
            upload_op(st, req, op, params, i, Media::Video, body, now)
        }
        "ingestion.get_cosell_asset" | "ingestion.update_cosell_asset" | "ingestion.delete_cosell_asset" => {
            upload_op(st, req, op, params, i, Media::Cosell, body, now)
        }
        "ingestion.get_cosell_listing" | "ingestion.update_cosell_listing" => {
            cosell_listing(st, req, op, params, i, body)
        }
        "ingestion.get_cosell_listings_by_instance" => {
            let inst = param(params, "instanceId").to_string();
            let items: Vec<Value> = st.ing.products[i]
                .media
                .cosell_listings
                .iter()
                .filter(|(x, _)| *x == inst)
                .map(|(_, d)| d.clone())
                .collect();
            if items.is_empty() {
                return ing_err(
                    404,
                    "ResourceNotFound",
                    format!("Instance {inst} has no co-sell listing."),
                    "instanceID",
                );
            }
            page(st, req, items, &format!("products/{pid}/cosellListing/getByInstanceID(instanceID={inst})"))
        }
        "ingestion.get_supplemental_contents_by_instance"
        | "ingestion.get_supplemental_content"
        | "ingestion.update_supplemental_content"
        | "ingestion.commit_supplemental_content" => supplemental(st, req, op, params, i, body),
        "ingestion.get_lead_configuration" => match &st.ing.products[i].media.lead {
            Some(l) => Resp::json(200, l),
            None => ing_err(404, "ResourceNotFound", "The product has no lead configuration.", "leadConfiguration"),
        },
        "ingestion.create_lead_configuration" => create_lead(st, i, body),
        "ingestion.get_reseller_configuration" => {
            let doc = st.ing.products[i].media.reseller.clone().unwrap_or_else(
                || json!({"resourceType": "ResellerConfiguration", "resellerChannelState": "Disabled", "tenantIds": []}),
            );
            Resp::json(200, &doc)
        }
        _ => create_reseller(st, i, body),
    }
}

fn create_listing(st: &mut State, i: usize, inst: &str, body: &Value) -> Resp {
    let p = &mut st.ing.products[i];
    if !p.has_instance(inst, Some("Listing")) {
        return ing_err(
            404,
            "ResourceNotFound",
            format!("Instance {inst} is not a Listing draft instance."),
            "instanceID",
        );
    }
    let lang = body.get("languageCode").and_then(Value::as_str).unwrap_or("").trim().to_ascii_lowercase();
    if lang.is_empty() {
        return ing_err(400, "InvalidRequest", "`languageCode` is required.", "languageCode");
    }
    let taken = p
        .listings
        .iter()
        .any(|(x, l)| x == inst && l["languageCode"].as_str().is_some_and(|c| c.eq_ignore_ascii_case(&lang)));
    if taken {
        return ing_err(409, "Conflict", format!("Instance {inst} already has a {lang} listing."), "languageCode");
    }
    let mut doc = body.clone();
    doc["id"] = json!(util::guid());
    doc.as_object_mut().expect("object").entry("resourceType").or_insert(json!("AzureListing"));
    doc["@odata.etag"] = json!(etag());
    p.listings.push((inst.to_string(), doc.clone()));
    Resp::json(201, &doc)
}

/// Lists answer `fileSasUri` (also a video thumbnail's) only with `$expand=FileSasUri`.
fn shown(req: &Req, doc: &Value) -> Value {
    let expand = req.query("$expand").unwrap_or("");
    if expand.split(',').any(|e| e.trim().eq_ignore_ascii_case("FileSasUri")) {
        return doc.clone();
    }
    let mut out = doc.clone();
    if let Some(o) = out.as_object_mut() {
        o.remove("fileSasUri");
        if let Some(t) = o.get_mut("thumbnail").and_then(Value::as_object_mut) {
            t.remove("fileSasUri");
        }
    }
    out
}

fn list(st: &State, req: &Req, i: usize, kind: Media, owner: &str, next: &str) -> Resp {
    let mut p = st.ing.products[i].clone();
    let items: Vec<Value> = kind
        .list(&mut p)
        .iter()
        .filter(|(o, _)| owner.is_empty() || o == owner)
        .map(|(_, u)| if kind == Media::Cosell { u.doc.clone() } else { shown(req, &u.doc) })
        .collect();
    page(st, req, items, next)
}

fn create_upload(st: &mut State, i: usize, kind: Media, owner: String, body: &Value) -> Resp {
    let file = body.get("fileName").and_then(Value::as_str).unwrap_or("").trim().to_string();
    if file.is_empty() {
        return ing_err(400, "InvalidRequest", "`fileName` is required.", "fileName");
    }
    if kind != Media::Video && body.get("type").and_then(Value::as_str).is_none_or(str::is_empty) {
        return ing_err(400, "InvalidRequest", "`type` is required.", "type");
    }
    let (url, blob) = st.new_upload_url(INGESTION_CONTAINER, "rw");
    let mut doc = body.clone();
    doc["id"] = json!(util::guid());
    doc["resourceType"] = json!(kind.resource_type());
    doc["fileSasUri"] = json!(url);
    doc["state"] = json!("PendingUpload");
    if kind == Media::Video {
        doc.as_object_mut().expect("object").entry("streamingUri").or_insert(Value::Null);
        if doc.get("thumbnail").is_some_and(Value::is_object) {
            let (turl, _) = st.new_upload_url(INGESTION_CONTAINER, "rw");
            doc["thumbnail"]["fileSasUri"] = json!(turl);
            doc["thumbnail"]["state"] = json!("PendingUpload");
        }
    }
    doc["@odata.etag"] = json!(etag());
    let u = Upload { doc: doc.clone(), blob, uploaded_at: None, fails: false };
    kind.list(&mut st.ing.products[i]).push((owner, u));
    Resp::json(if kind == Media::Cosell { 200 } else { 201 }, &doc)
}

#[allow(clippy::too_many_arguments)]
fn upload_op(
    st: &mut State,
    req: &Req,
    op: &str,
    params: &[(&'static str, String)],
    i: usize,
    kind: Media,
    body: &Value,
    now: u64,
) -> Resp {
    let id = param(params, kind.id_param()).to_string();
    let lid = param(params, "listingId").to_string();
    let Some(k) = kind
        .list(&mut st.ing.products[i])
        .iter()
        .position(|(o, u)| u.doc["id"] == id && (kind == Media::Cosell || *o == lid))
    else {
        return ing_err(404, "ResourceNotFound", format!("The {} {id} was not found.", kind.what()), kind.id_param());
    };
    if op.starts_with("ingestion.get_") {
        let doc = kind.list(&mut st.ing.products[i])[k].1.doc.clone();
        return Resp::json(200, &if kind == Media::Cosell { doc } else { shown(req, &doc) });
    }
    if op.starts_with("ingestion.delete_") {
        if kind == Media::Cosell {
            let referenced = st.ing.products[i]
                .media
                .cosell_listings
                .iter()
                .any(|(_, l)| l["assetReferences"].as_array().is_some_and(|r| r.iter().any(|x| x["value"] == id)));
            if referenced {
                return ing_err(
                    409,
                    "Conflict",
                    format!("Co-sell asset {id} is referenced by the co-sell listing."),
                    "cosellAsset",
                );
            }
        }
        kind.list(&mut st.ing.products[i]).remove(k);
        return Resp::empty(204);
    }
    let cur = kind.list(&mut st.ing.products[i])[k].1.clone();
    if let Err(r) = check_if_match(req, &cur.doc, false, kind.what()) {
        return r;
    }
    match upload_update(st, &cur, body, now, false) {
        Ok(mut u) => {
            if let (Some(t), Some(old)) = (u.doc.get_mut("thumbnail"), cur.doc.get("thumbnail")) {
                // The thumbnail's upload URL and state are the server's, like the video's.
                for keep in ["fileSasUri", "state"] {
                    if let (Some(o), Some(v)) = (t.as_object_mut(), old.get(keep)) {
                        o.insert(keep.into(), v.clone());
                    }
                }
            }
            let doc = u.doc.clone();
            kind.list(&mut st.ing.products[i])[k].1 = u;
            Resp::json(200, &doc)
        }
        Err(r) => r,
    }
}

fn cosell_listing(
    st: &mut State,
    req: &Req,
    op: &str,
    params: &[(&'static str, String)],
    i: usize,
    body: &Value,
) -> Resp {
    let inst = param(params, "instanceId").to_string();
    let p = &mut st.ing.products[i];
    let Some(k) = p.media.cosell_listings.iter().position(|(x, _)| *x == inst) else {
        return ing_err(404, "ResourceNotFound", format!("Instance {inst} has no co-sell listing."), "instanceID");
    };
    if op == "ingestion.get_cosell_listing" {
        return Resp::json(200, &p.media.cosell_listings[k].1);
    }
    let current = p.media.cosell_listings[k].1.clone();
    if let Err(r) = check_if_match(req, &current, false, "co-sell listing") {
        return r;
    }
    for r in body.get("assetReferences").and_then(Value::as_array).into_iter().flatten() {
        let v = r.get("value").and_then(Value::as_str).unwrap_or("");
        if !p.media.cosell_assets.iter().any(|(_, u)| u.doc["id"] == v) {
            return ing_err(
                400,
                "InvalidRequest",
                format!("assetReferences names co-sell asset {v}, which this product does not have."),
                "assetReferences",
            );
        }
    }
    let next = apply_update(&current, body);
    p.media.cosell_listings[k].1 = next.clone();
    Resp::json(200, &next)
}

fn supplemental(
    st: &mut State,
    req: &Req,
    op: &str,
    params: &[(&'static str, String)],
    i: usize,
    body: &Value,
) -> Resp {
    let inst = param(params, "instanceId").to_string();
    let pid = st.ing.products[i].id().to_string();
    let Some(k) = st.ing.products[i].media.supplemental.iter().position(|(x, _, _)| *x == inst) else {
        return ing_err(404, "ResourceNotFound", format!("Instance {inst} has no supplemental content."), "instanceID");
    };
    let (_, current, _) = st.ing.products[i].media.supplemental[k].clone();
    match op {
        "ingestion.get_supplemental_contents_by_instance" => page(
            st,
            req,
            vec![current],
            &format!("products/{pid}/supplementalcontents/getByInstanceID(instanceID={inst})"),
        ),
        "ingestion.get_supplemental_content" => Resp::json(200, &current),
        "ingestion.update_supplemental_content" => {
            if let Err(r) = check_if_match(req, &current, true, "supplemental content") {
                return r;
            }
            let next = apply_update(&current, body);
            st.ing.products[i].media.supplemental[k] = (inst, next.clone(), false);
            Resp::json(200, &next)
        }
        _ => {
            let unnamed = current["assets"]
                .as_array()
                .into_iter()
                .flatten()
                .position(|a| a.get("fileName").and_then(Value::as_str).is_none_or(str::is_empty));
            if let Some(n) = unnamed {
                return ing_err(
                    400,
                    "InvalidRequest",
                    format!("assets[{n}] has no fileName; it cannot be committed."),
                    "assets",
                );
            }
            st.ing.products[i].media.supplemental[k].2 = true;
            Resp::json(200, &current)
        }
    }
}

/// The lead destinations and the fields each needs.
const LEAD_TYPES: &[(&str, &[&str])] = &[
    ("AzureTableLeadConfiguration", &["connectionString"]),
    ("AzureBlobLeadConfiguration", &["connectionString", "containerName"]),
    ("DynamicsCustomerRelationshipManagementLeadConfiguration", &["uri"]),
    ("HttpsEndpointLeadConfiguration", &["httpsEndpointUri"]),
    ("MarketoLeadConfiguration", &["serverID", "munchkinAccountID", "formID"]),
    ("SalesForceLeadConfiguration", &["objectIdentifier"]),
];

fn create_lead(st: &mut State, i: usize, body: &Value) -> Resp {
    let kind = body.get("resourceType").and_then(Value::as_str).unwrap_or("");
    let Some((_, needs)) = LEAD_TYPES.iter().find(|(t, _)| *t == kind) else {
        let names: Vec<&str> = LEAD_TYPES.iter().map(|(t, _)| *t).collect();
        return ing_err(
            400,
            "InvalidRequest",
            format!("resourceType must be one of {}.", names.join(", ")),
            "resourceType",
        );
    };
    for f in *needs {
        if body.get(*f).and_then(Value::as_str).is_none_or(str::is_empty) {
            return ing_err(400, "InvalidRequest", format!("`{f}` is required for {kind}."), f);
        }
    }
    st.ing.products[i].media.lead = Some(body.clone());
    Resp::json(200, body)
}

fn create_reseller(st: &mut State, i: usize, body: &Value) -> Resp {
    let state = body.get("resellerChannelState").and_then(Value::as_str).unwrap_or("");
    if !["Disabled", "PartialOptIn", "OptOut", "Enabled"].contains(&state) {
        return ing_err(
            400,
            "InvalidRequest",
            "resellerChannelState must be Disabled, PartialOptIn, OptOut or Enabled.",
            "resellerChannelState",
        );
    }
    let tenants = body.get("tenantIds").and_then(Value::as_array).map_or(0, Vec::len);
    if state == "PartialOptIn" && tenants == 0 {
        return ing_err(400, "InvalidRequest", "PartialOptIn needs the resellers' tenantIds.", "tenantIds");
    }
    let mut doc = body.clone();
    doc["resourceType"] = json!("ResellerConfiguration");
    st.ing.products[i].media.reseller = Some(doc.clone());
    Resp::json(200, &doc)
}
