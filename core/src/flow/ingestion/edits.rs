//! The draft edits of an offer update, run by the ingestion workflow before it submits: listings (fields
//! merged, a language created when missing), listing images and videos (created, uploaded to their SAS
//! `fileSasUri`, marked `Uploaded`; images of the same type replaced), the product's property and
//! availability, and plans (created when missing, fields merged, their feature availability — markets,
//! prices, trial — merged).
//!
//! Every change is a read-modify-write of the current draft (the product's `Main` branch instance, or a
//! plan's) with `If-Match` from the resource as read; a `412` (someone changed it meanwhile) re-reads and
//! re-applies, twice at most. Fields are merged object by object; arrays and scalars replace.

use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use crate::api::Operation;
use crate::error::{Error, ErrorKind, Result};
use crate::flow::{str_of, Action, Call, Reply, Upload};
use crate::json::merge;

/// Changes to an offer's drafts, applied before the submission is created.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OfferChanges {
    /// Listing changes, one per language.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub listings: Vec<ListingChange>,
    /// Fields merged into the product's property (categories, industries, terms, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub property: Option<Value>,
    /// Fields merged into the product's availability (visibility, preview audiences).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub availability: Option<Value>,
    /// Plan changes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub plans: Vec<PlanChange>,
}

impl OfferChanges {
    /// Whether there is nothing to change.
    pub fn is_empty(&self) -> bool {
        self.listings.is_empty() && self.property.is_none() && self.availability.is_none() && self.plans.is_empty()
    }
}

/// The listing of one language.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ListingChange {
    /// The language (`en-us` by default); a listing is created in the draft when it has none.
    #[serde(default = "default_language")]
    pub language_code: String,
    /// Fields merged into the listing (`title`, `description`, `summary`, `listingUris`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub set: Option<Value>,
    /// Images to add; existing images of the same `type` are deleted first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub images: Vec<MediaFile>,
    /// Videos to add.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub videos: Vec<MediaFile>,
}

fn default_language() -> String {
    "en-us".into()
}

/// A file to upload as a listing image or video.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MediaFile {
    /// The file (relative to the host's files folder, or absolute).
    pub file: String,
    /// The image type (`AzureLogoLarge`, `Screenshot`, …); required for images.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Further fields of the created resource (`description`, `order`, a video's `thumbnail`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fields: Option<Value>,
}

/// One plan (variant).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PlanChange {
    /// The plan: its `externalID` (the plan id customers see), its `id` or its `friendlyName`.
    pub plan: String,
    /// The create body when the product has no such plan (`resourceType` defaults to `AzureSkuVariant`,
    /// `externalID` to [`PlanChange::plan`]); without it a missing plan is an error.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub create: Option<Value>,
    /// Fields merged into the plan (`friendlyName`, `state`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub set: Option<Value>,
    /// Fields merged into the plan's feature availability (`marketStates`, `priceSchedules`, `trial`,
    /// `visibility`, audiences, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub availability: Option<Value>,
}

/// `$expand` that makes a feature availability answer its markets, prices and trial.
const FEATURE_EXPAND: &str = "MarketStates,PriceSchedules,Trial";

/// One unit of work.
#[derive(Clone, Debug)]
enum Job {
    Listing { lang: String, set: Value },
    ReplaceImages { lang: String, types: Vec<String> },
    Media { lang: String, video: bool, file: MediaFile },
    Property(Value),
    Availability(Value),
    Plan(PlanChange),
}

impl Job {
    /// The module whose product draft instance the job needs first.
    fn module(&self) -> &'static str {
        match self {
            Job::Property(_) => "Property",
            Job::Availability(_) => "Availability",
            Job::Plan(_) => "",
            _ => "Listing",
        }
    }
}

/// What the editor waits for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    Idle,
    Instance,
    ReadListings,
    WriteListing,
    ListImages,
    DeleteImage,
    CreateMedia,
    UploadMedia,
    MarkUploaded,
    ReadDoc,
    WriteDoc,
    ReadVariants,
    CreateVariant,
    UpdateVariant,
    PlanBranches,
    ReadFeature,
    WriteFeature,
}

/// Runs the jobs of an [`OfferChanges`], one call at a time.
#[derive(Debug)]
pub(super) struct Editor {
    product_id: String,
    jobs: Vec<Job>,
    phase: Phase,
    instances: Map<String, Value>,
    listings: Option<Vec<Value>>,
    doomed: Vec<(String, String)>,
    media: Option<Value>,
    variants: Option<Vec<Value>>,
    variant: Option<Value>,
    retries: u32,
    /// Calls made, for the outcome's summary.
    pub(super) changed: Vec<String>,
}

impl Editor {
    /// The jobs for `changes`, in order: listings (fields, images, videos), property, availability, plans.
    pub(super) fn new(product_id: &str, changes: &OfferChanges) -> Self {
        let mut jobs = Vec::new();
        for l in &changes.listings {
            let lang = l.language_code.clone();
            jobs.push(Job::Listing { lang: lang.clone(), set: l.set.clone().unwrap_or(json!({})) });
            let mut types: Vec<String> = l.images.iter().filter_map(|i| i.kind.clone()).collect();
            types.dedup();
            if !types.is_empty() {
                jobs.push(Job::ReplaceImages { lang: lang.clone(), types });
            }
            for f in &l.images {
                jobs.push(Job::Media { lang: lang.clone(), video: false, file: f.clone() });
            }
            for f in &l.videos {
                jobs.push(Job::Media { lang: lang.clone(), video: true, file: f.clone() });
            }
        }
        if let Some(p) = &changes.property {
            jobs.push(Job::Property(p.clone()));
        }
        if let Some(a) = &changes.availability {
            jobs.push(Job::Availability(a.clone()));
        }
        jobs.extend(changes.plans.iter().cloned().map(Job::Plan));
        jobs.reverse();
        Editor {
            product_id: product_id.to_string(),
            jobs,
            phase: Phase::Idle,
            instances: Map::new(),
            listings: None,
            doomed: Vec::new(),
            media: None,
            variants: None,
            variant: None,
            retries: 0,
            changed: Vec::new(),
        }
    }

    fn args(&self, extra: Value) -> Value {
        let mut a = json!({ "productId": self.product_id });
        if let Value::Object(m) = extra {
            for (k, v) in m {
                a[k] = v;
            }
        }
        a
    }

    fn call(&mut self, phase: Phase, op: &'static Operation, extra: Value) -> Result<Option<Action>> {
        self.phase = phase;
        Ok(Some(Action::Call(Call::new(op, self.args(extra)))))
    }

    /// An update with the resource as body and its `@odata.etag` as `If-Match`.
    fn write(&mut self, phase: Phase, op: &'static Operation, mut extra: Value, doc: Value) -> Result<Option<Action>> {
        if let Some(tag) = str_of(&doc, "@odata.etag") {
            extra["ifMatch"] = Value::String(tag.to_string());
        }
        extra["body"] = doc;
        self.changed.push(op.id.to_string());
        self.call(phase, op, extra)
    }

    fn done_job(&mut self) -> Result<Option<Action>> {
        self.jobs.pop();
        self.retries = 0;
        self.media = None;
        self.variant = None;
        self.next()
    }

    fn instance(&self, module: &str) -> Option<String> {
        self.instances.get(module).and_then(Value::as_str).map(str::to_string)
    }

    fn listing_id(&self, lang: &str) -> Option<String> {
        self.listings.as_ref()?.iter().find(|l| same_lang(l, lang)).and_then(|l| str_of(l, "id")).map(str::to_string)
    }

    /// Starts (or restarts) the current job; `None` when every job is done.
    fn next(&mut self) -> Result<Option<Action>> {
        let Some(job) = self.jobs.last().cloned() else { return Ok(None) };
        let module = job.module();
        if !module.is_empty() && self.instance(module).is_none() {
            return self.call(Phase::Instance, op!("ingestion.list_branches_by_module"), json!({"module": module}));
        }
        let listing_needed = matches!(job, Job::Listing { .. } | Job::ReplaceImages { .. } | Job::Media { .. });
        if listing_needed && self.listings.is_none() {
            let inst = self.instance("Listing").unwrap_or_default();
            return self.call(
                Phase::ReadListings,
                op!("ingestion.get_listings_by_instance"),
                json!({"instanceId": inst}),
            );
        }
        match job {
            Job::Listing { lang, set } => {
                match self.listings.as_ref().and_then(|ls| ls.iter().find(|l| same_lang(l, &lang))) {
                    // Only media for an existing listing: nothing to write.
                    Some(_) if set.as_object().is_some_and(Map::is_empty) => self.done_job(),
                    Some(l) => {
                        let mut doc = l.clone();
                        merge(&mut doc, &set);
                        let id = str_of(&doc, "id").unwrap_or_default().to_string();
                        self.write(Phase::WriteListing, op!("ingestion.update_listing"), json!({"listingId": id}), doc)
                    }
                    None => {
                        let mut body = json!({"resourceType": "AzureListing", "languageCode": lang});
                        merge(&mut body, &set);
                        let inst = self.instance("Listing").unwrap_or_default();
                        self.changed.push("ingestion.create_listing_with_instance".into());
                        self.call(
                            Phase::WriteListing,
                            op!("ingestion.create_listing_with_instance"),
                            json!({"instanceId": inst, "body": body}),
                        )
                    }
                }
            }
            Job::ReplaceImages { lang, .. } => {
                let lid = self.listing_for(&lang)?;
                self.call(Phase::ListImages, op!("ingestion.list_listing_images"), json!({"listingId": lid}))
            }
            Job::Media { lang, video, file } => {
                let lid = self.listing_for(&lang)?;
                let name = file.file.rsplit(['/', '\\']).next().unwrap_or(&file.file).to_string();
                let mut body = if video {
                    json!({"resourceType": "ListingVideo", "fileName": name})
                } else {
                    let kind = file.kind.clone().ok_or_else(|| {
                        Error::invalid_argument(format!("listing image {}: `type` is required", file.file))
                    })?;
                    json!({"resourceType": "ListingImage", "fileName": name, "type": kind})
                };
                if let Some(f) = &file.fields {
                    merge(&mut body, f);
                }
                let op =
                    if video { op!("ingestion.create_listing_video") } else { op!("ingestion.create_listing_image") };
                self.changed.push(op.id.to_string());
                self.call(Phase::CreateMedia, op, json!({"listingId": lid, "body": body}))
            }
            Job::Property(_) => {
                let inst = self.instance("Property").unwrap_or_default();
                self.call(Phase::ReadDoc, op!("ingestion.get_properties_by_instance"), json!({"instanceId": inst}))
            }
            Job::Availability(_) => {
                let inst = self.instance("Availability").unwrap_or_default();
                self.call(
                    Phase::ReadDoc,
                    op!("ingestion.get_product_availabilities_by_instance"),
                    json!({"instanceId": inst}),
                )
            }
            Job::Plan(plan) => self.plan(&plan),
        }
    }

    fn listing_for(&self, lang: &str) -> Result<String> {
        self.listing_id(lang)
            .ok_or_else(|| Error::invalid_response(format!("the draft has no {lang} listing after it was written")))
    }

    /// A plan job: find (or create) the plan, update it, then its feature availability.
    fn plan(&mut self, plan: &PlanChange) -> Result<Option<Action>> {
        let Some(variants) = &self.variants else {
            // One page of plans (paging: `flow::simple::list_all` once the engine pages).
            return self.call(Phase::ReadVariants, op!("ingestion.list_variants"), json!({}));
        };
        let found = variants.iter().find(|v| {
            [str_of(v, "externalID"), str_of(v, "id"), str_of(v, "friendlyName")].contains(&Some(plan.plan.as_str()))
        });
        match (found.cloned(), self.variant.is_some()) {
            (None, _) => {
                let Some(create) = &plan.create else {
                    return Err(Error::new(
                        ErrorKind::NotFound,
                        format!("product {} has no plan {} (give `create` to create it)", self.product_id, plan.plan),
                    ));
                };
                let mut body = json!({"resourceType": "AzureSkuVariant", "externalID": plan.plan});
                merge(&mut body, create);
                self.changed.push("ingestion.create_variant".into());
                self.call(Phase::CreateVariant, op!("ingestion.create_variant"), json!({"body": body}))
            }
            (Some(v), false) => {
                self.variant = Some(v.clone());
                match &plan.set {
                    Some(set) => {
                        let mut doc = v.clone();
                        merge(&mut doc, set);
                        let id = str_of(&v, "id").unwrap_or_default().to_string();
                        self.write(Phase::UpdateVariant, op!("ingestion.update_variant"), json!({"variantId": id}), doc)
                    }
                    None => self.plan_availability(plan),
                }
            }
            (Some(_), true) => self.plan_availability(plan),
        }
    }

    fn plan_availability(&mut self, plan: &PlanChange) -> Result<Option<Action>> {
        if plan.availability.is_none() {
            return self.done_job();
        }
        self.call(Phase::PlanBranches, op!("ingestion.list_branches_by_module"), json!({"module": "Availability"}))
    }

    /// Advances on the reply to the last call; `None` when every job is done.
    pub(super) fn step(&mut self, reply: Reply) -> Result<Option<Action>> {
        if self.phase == Phase::Idle {
            return self.next();
        }
        if self.phase == Phase::UploadMedia {
            return match reply {
                Reply::Uploaded => {
                    let mut doc = self.media.clone().ok_or_else(|| Error::invalid_response("no media to mark"))?;
                    doc["state"] = json!("Uploaded");
                    let Some(Job::Media { lang, video, .. }) = self.jobs.last().cloned() else {
                        return Err(Error::invalid_response("upload without a media job"));
                    };
                    // The job says what was created (the answer need not echo its resourceType).
                    let (op, key) = if video {
                        (op!("ingestion.update_listing_video"), "videoId")
                    } else {
                        (op!("ingestion.update_listing_image"), "imageId")
                    };
                    let lid = self.listing_for(&lang)?;
                    let id = str_of(&doc, "id").unwrap_or_default().to_string();
                    self.write(Phase::MarkUploaded, op, json!({"listingId": lid, key: id}), doc)
                }
                other => Err(other.response().err().unwrap_or_else(|| Error::invalid_response("upload failed"))),
            };
        }
        let write =
            matches!(self.phase, Phase::WriteListing | Phase::WriteDoc | Phase::UpdateVariant | Phase::WriteFeature);
        let v = match reply.json() {
            Err(e) if write && e.kind() == ErrorKind::PreconditionFailed && self.retries < 2 => {
                // Changed since it was read: read again and re-apply.
                self.retries += 1;
                self.listings = None;
                self.variants = None;
                self.variant = None;
                return self.next();
            }
            other => other?,
        };
        let job = self.jobs.last().cloned().ok_or_else(|| Error::invalid_response("no edit in progress"))?;
        match self.phase {
            Phase::Instance => {
                let module = job.module();
                let inst = items(&v)
                    .iter()
                    .filter(|b| str_of(b, "variantID").is_none())
                    .find(|b| str_of(b, "type").is_some_and(|t| t.eq_ignore_ascii_case("Main")))
                    .and_then(|b| str_of(b, "currentDraftInstanceID"))
                    .ok_or_else(|| {
                        Error::new(ErrorKind::NotFound, format!("product {} has no {module} branch", self.product_id))
                    })?
                    .to_string();
                self.instances.insert(module.into(), Value::String(inst));
                self.next()
            }
            Phase::ReadListings => {
                self.listings = Some(items(&v).to_vec());
                self.next()
            }
            Phase::WriteListing => {
                self.listings = None;
                self.done_job()
            }
            Phase::ListImages => {
                let Job::ReplaceImages { lang, types } = job else {
                    return Err(Error::invalid_response("no image job"));
                };
                let lid = self.listing_for(&lang)?;
                self.doomed = items(&v)
                    .iter()
                    .filter(|i| str_of(i, "type").is_some_and(|t| types.iter().any(|x| x == t)))
                    .filter_map(|i| str_of(i, "id").map(|id| (lid.clone(), id.to_string())))
                    .collect();
                self.delete_next()
            }
            Phase::DeleteImage => self.delete_next(),
            Phase::CreateMedia => {
                let url = str_of(&v, "fileSasUri")
                    .ok_or_else(|| Error::invalid_response("the created listing media has no fileSasUri"))?
                    .to_string();
                let Job::Media { file, .. } = job else { return Err(Error::invalid_response("no media job")) };
                self.media = Some(v);
                self.phase = Phase::UploadMedia;
                Ok(Some(Action::Upload(Upload::Asset {
                    file: file.file,
                    url,
                    fallback_url: None,
                    headers: vec![("x-ms-blob-type".into(), "BlockBlob".into())],
                })))
            }
            Phase::MarkUploaded | Phase::WriteDoc | Phase::WriteFeature => self.done_job(),
            Phase::ReadDoc => {
                let (set, op, key) = match &job {
                    Job::Property(s) => (s, op!("ingestion.update_property"), "propertyId"),
                    Job::Availability(s) => (s, op!("ingestion.update_product_availability"), "productAvailabilityId"),
                    _ => return Err(Error::invalid_response("no document job")),
                };
                let mut doc = items(&v).first().cloned().ok_or_else(|| {
                    Error::new(ErrorKind::NotFound, format!("the draft has no resource for {}", op.id))
                })?;
                merge(&mut doc, set);
                let id = str_of(&doc, "id").unwrap_or_default().to_string();
                self.write(Phase::WriteDoc, op, json!({ key: id }), doc)
            }
            Phase::ReadVariants => {
                self.variants = Some(items(&v).to_vec());
                self.next()
            }
            Phase::CreateVariant => {
                self.variants.get_or_insert_with(Vec::new).push(v.clone());
                self.variant = Some(v);
                let Job::Plan(plan) = job else { return Err(Error::invalid_response("no plan job")) };
                match &plan.set {
                    Some(_) => {
                        // The plan exists now: apply `set` to it as read.
                        self.variant = None;
                        self.next()
                    }
                    None => self.plan_availability(&plan),
                }
            }
            Phase::UpdateVariant => {
                let Job::Plan(plan) = job else { return Err(Error::invalid_response("no plan job")) };
                self.variant = Some(v);
                self.plan_availability(&plan)
            }
            Phase::PlanBranches => {
                let vid = self.variant.as_ref().and_then(|x| str_of(x, "id")).unwrap_or_default().to_string();
                let inst = items(&v)
                    .iter()
                    .find(|b| str_of(b, "variantID") == Some(vid.as_str()))
                    .and_then(|b| str_of(b, "currentDraftInstanceID"))
                    .ok_or_else(|| Error::new(ErrorKind::NotFound, format!("plan {vid} has no Availability branch")))?
                    .to_string();
                self.call(
                    Phase::ReadFeature,
                    op!("ingestion.get_feature_availabilities_by_instance"),
                    json!({"instanceId": inst, "$expand": FEATURE_EXPAND}),
                )
            }
            Phase::ReadFeature => {
                let Job::Plan(plan) = job else { return Err(Error::invalid_response("no plan job")) };
                let mut doc = items(&v)
                    .first()
                    .cloned()
                    .ok_or_else(|| Error::new(ErrorKind::NotFound, "the plan's draft has no feature availability"))?;
                merge(&mut doc, plan.availability.as_ref().unwrap_or(&Value::Null));
                let id = str_of(&doc, "id").unwrap_or_default().to_string();
                self.write(
                    Phase::WriteFeature,
                    op!("ingestion.update_feature_availability"),
                    json!({"featureAvailabilityId": id, "$expand": FEATURE_EXPAND}),
                    doc,
                )
            }
            Phase::Idle | Phase::UploadMedia => self.next(),
        }
    }

    fn delete_next(&mut self) -> Result<Option<Action>> {
        match self.doomed.pop() {
            Some((lid, iid)) => {
                self.changed.push("ingestion.delete_listing_image".into());
                self.call(
                    Phase::DeleteImage,
                    op!("ingestion.delete_listing_image"),
                    json!({"listingId": lid, "imageId": iid}),
                )
            }
            None => self.done_job(),
        }
    }
}

fn items(page: &Value) -> &[Value] {
    page.get("value").and_then(Value::as_array).map(Vec::as_slice).unwrap_or(&[])
}

fn same_lang(listing: &Value, lang: &str) -> bool {
    str_of(listing, "languageCode").is_some_and(|c| c.eq_ignore_ascii_case(lang))
}
