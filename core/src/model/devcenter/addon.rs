//! Add-ons (in-app products) and add-on submissions.

use std::collections::BTreeMap;

use super::{
    AddonContentType, AddonLifetime, FileStatus, PagedList, Pricing, ProductType, ResourceRef, SasUrl, StatusDetails,
    SubmissionStatus, TargetPublishMode, Visibility,
};

model! {
    /// An add-on (get an add-on, items of get all add-ons, response of create an add-on).
    pub struct Addon {
        /// The one app the add-on belongs to, as a page `{value: [{id, resourceLocation}], totalCount}`.
        applications: PagedList<ResourceRef>,
        /// Store ID of the add-on (e.g. `9NBLGGH4TNMP`).
        id: String,
        /// Product id chosen by the developer.
        product_id: String,
        /// `Durable` or `Consumable`.
        product_type: ProductType,
        /// The pending submission.
        pending_in_app_product_submission: ResourceRef,
        /// The last published submission.
        last_published_in_app_product_submission: ResourceRef,
    }
}

impl Addon {
    /// Server-assigned fields (the resource is never sent back; listed for completeness).
    pub const READ_ONLY: &'static [&'static str] =
        &["/id", "/pendingInAppProductSubmission", "/lastPublishedInAppProductSubmission"];
}

model! {
    /// Body of "create an add-on".
    pub struct AddonCreate {
        /// Store IDs of the app the add-on belongs to (one supported).
        application_ids: Vec<String>,
        /// Product id of the new add-on.
        product_id: String,
        /// `Durable` or `Consumable`.
        product_type: ProductType,
    }
}

impl AddonCreate {
    /// A create body has no server-assigned field.
    pub const READ_ONLY: &'static [&'static str] = &[];
}

model! {
    /// An add-on submission: listings, pricing, content type, lifetime, … plus status and SAS upload URL.
    pub struct AddonSubmission {
        /// Submission id (read-only).
        id: String,
        /// Type of content.
        content_type: AddonContentType,
        /// Up to 10 keywords.
        keywords: Vec<String>,
        /// Lifetime.
        lifetime: AddonLifetime,
        /// Language code → listing.
        listings: BTreeMap<String, AddonListing>,
        /// Pricing (no `trialPeriod` for add-ons).
        pricing: Pricing,
        /// Publish date (ISO 8601) when `targetPublishMode` is `SpecificDate`.
        target_publish_date: String,
        /// Publish mode.
        target_publish_mode: TargetPublishMode,
        /// Custom developer data (formerly *tag*).
        tag: String,
        /// Visibility.
        visibility: Visibility,
        /// Submission status (read-only).
        status: SubmissionStatus,
        /// Status details (read-only).
        status_details: StatusDetails,
        /// SAS URL to upload the submission's ZIP to (read-only; redacted in `Debug`).
        file_upload_url: SasUrl,
        /// Friendly name shown in Partner Center (generated; read-only).
        friendly_name: String,
    }
}

impl AddonSubmission {
    /// Fields Partner Center assigns; removed from update bodies.
    pub const READ_ONLY: &'static [&'static str] =
        &["/id", "/status", "/statusDetails", "/fileUploadUrl", "/friendlyName", "/pricing/isAdvancedPricingModel"];
}

model! {
    /// Listing of an add-on in one language.
    pub struct AddonListing {
        /// Description.
        description: String,
        /// The 300×300 PNG icon.
        icon: AddonIcon,
        /// Title.
        title: String,
    }
}

model! {
    /// Icon of an add-on listing.
    pub struct AddonIcon {
        /// Path of the icon in the submission's ZIP.
        file_name: String,
        /// Upload status.
        file_status: FileStatus,
    }
}
