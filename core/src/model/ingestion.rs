//! Models of the Partner Center ingestion API ([`crate::api::INGESTION_ROOT`]), from the
//! swagger in `reference/partner-ingestion-swagger.json`: products, product setup, branches, submissions
//! and their certification reports, packages (with their SAS `fileSasUri` and upload `state`), listings
//! with their images, assets and videos, package configurations, properties, product and feature
//! availability, variants (plans), supplemental content, lead configuration, co-sell assets and listings,
//! reseller configuration, plus the OData paged list `{value, @odata.nextLink}`.
//!
//! Like every model: each documented field is a [`Field`] (absent / `null` / value, so a round trip is
//! exact), unknown fields stay in `extra`, enums fall back to `Other`. Each resource keeps its
//! `@odata.etag`; [`crate::api::ingestion`] sends it back as `If-Match` on updates.
//!
//! The swagger marks no field read-only, and the service expects an update (PUT) body to be the resource
//! as read; so these models define no `READ_ONLY` list and nothing is stripped from ingestion updates.

use serde::{Deserialize, Serialize};

use super::win32::model;
pub use super::win32::{Field, SasUrl};
use crate::model::Extra;

crate::string_enum! {
    /// `resourceType` of a product.
    pub enum ProductType {
        Application = "Application", AvatarItem = "AvatarItem", Bundle = "Bundle", Consumable = "Consumable",
        Durable = "Durable", DurableWithBits = "DurableWithBits", InternetOfThings = "InternetOfThings",
        ManagedConsumable = "ManagedConsumable", SeasonPass = "SeasonPass", Subscription = "Subscription",
        AzureApplication = "AzureApplication", AzureDeveloperService = "AzureDeveloperService",
        AzureThirdPartyVirtualMachine = "AzureThirdPartyVirtualMachine", AzureContainer = "AzureContainer",
        AzureVisualStudioExtension = "AzureVisualStudioExtension",
        AzureDynamics365ForCustomerEngagement = "AzureDynamics365ForCustomerEngagement",
        AzureDynamics365ForOperations = "AzureDynamics365ForOperations",
        AzureDynamics365BusinessCentral = "AzureDynamics365BusinessCentral",
    }
}

crate::string_enum! {
    /// `sellingOption` of a product setup.
    pub enum SellingOption { ListingOnly = "ListingOnly", ListAndSell = "ListAndSell" }
}

crate::string_enum! {
    /// `callToAction` of a product setup.
    pub enum CallToAction { Free = "free", FreeTrial = "free-trial", ContactMe = "contact-me" }
}

crate::string_enum! {
    /// `type` of a branch.
    pub enum BranchType { Main = "Main", Private = "Private" }
}

crate::string_enum! {
    /// `module` of a branch (also the `{module}` of `branches/getByModule(module=…)`).
    pub enum BranchModule {
        Listing = "Listing", Property = "Property", Package = "Package", Availability = "Availability",
        SupplementalContent = "SupplementalContent", Cosell = "Cosell",
    }
}

crate::string_enum! {
    /// `state` of a submission.
    pub enum SubmissionState { InProgress = "InProgress", Published = "Published" }
}

crate::string_enum! {
    /// `substate` of a submission.
    pub enum SubmissionSubstate {
        InDraft = "InDraft", Submitted = "Submitted", Failed = "Failed", FailedInCertification = "FailedInCertification",
        ReadyToPublish = "ReadyToPublish", Publishing = "Publishing", Published = "Published", InStore = "InStore",
    }
}

crate::string_enum! {
    /// Upload `state` of a package or listing image: create → `PendingUpload`, upload to `fileSasUri`,
    /// update with `Uploaded`, then the service processes it.
    pub enum UploadState {
        PendingUpload = "PendingUpload", Uploaded = "Uploaded", InProcessing = "InProcessing",
        Processed = "Processed", ProcessFailed = "ProcessFailed",
    }
}

crate::string_enum! {
    /// `resourceType` of a package.
    pub enum PackageResourceType {
        /// The swagger lists the empty string.
        Empty = "",
        AzureApplicationPackage = "AzureApplicationPackage",
        Dynamics365BusinessCentralAddOnExtensionPackage = "Dynamics365BusinessCentralAddOnExtensionPackage",
        Dynamics365BusinessCentralAddOnLibraryExtensionPackage = "Dynamics365BusinessCentralAddOnLibraryExtensionPackage",
        Dynamics365BusinessCentralAddOnDependencyPackage = "Dynamics365BusinessCentralAddOnDependencyPackage",
    }
}

crate::string_enum! {
    /// `type` of a listing contact.
    pub enum ContactType { CustomerSupport = "CustomerSupport", Engineering = "Engineering", ChannelManager = "ChannelManager" }
}

crate::string_enum! {
    /// `resourceType` of a package configuration (one per offer type).
    pub enum PackageConfigurationType {
        AzureApplicationPackageConfiguration = "AzureApplicationPackageConfiguration",
        AzureManagedApplicationPackageConfiguration = "AzureManagedApplicationPackageConfiguration",
        AzureSolutionTemplatePackageConfiguration = "AzureSolutionTemplatePackageConfiguration",
        AzureResourceManagerTestDrivePackageConfiguration = "AzureResourceManagerTestDrivePackageConfiguration",
        Dynamics365BusinessCentralPackageConfiguration = "Dynamics365BusinessCentralPackageConfiguration",
        Dynamics365BusinessCentralTestDrivePackageConfiguration = "Dynamics365BusinessCentralTestDrivePackageConfiguration",
        Dynamics365CustomerEngagementPackageConfiguration = "Dynamics365CustomerEngagementPackageConfiguration",
        Dynamics365CustomerEngagementTestDrivePackageConfiguration = "Dynamics365CustomerEngagementTestDrivePackageConfiguration",
        Dynamics365OperationsPackageConfiguration = "Dynamics365OperationsPackageConfiguration",
        Dynamics365OperationsTestDrivePackageConfiguration = "Dynamics365OperationsTestDrivePackageConfiguration",
    }
}

model! {
    /// `{type, value}` pair (external ids, targets, resources, extended properties, package references).
    pub struct TypeValuePair {
        /// Type.
        r#type: String = "type",
        /// Value.
        value: String = "value",
    }
}

/// An OData page: `{value: [...], @odata.nextLink}`. Follow `next_link` with
/// [`crate::api::ingestion::Ingestion::next_page`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(bound(serialize = "T: Serialize", deserialize = "T: Deserialize<'de>"))]
pub struct Page<T> {
    /// The items of this page.
    #[serde(rename = "value", default, skip_serializing_if = "Field::is_absent")]
    pub value: Field<Vec<T>>,
    /// The link to the next page (absolute or relative), absent on the last page.
    #[serde(rename = "@odata.nextLink", default, skip_serializing_if = "Field::is_absent")]
    pub next_link: Field<String>,
    /// JSON fields this model does not know, kept verbatim.
    #[serde(flatten)]
    pub extra: Extra,
}

impl<T> Default for Page<T> {
    fn default() -> Self {
        Page { value: Field::Absent, next_link: Field::Absent, extra: Extra::new() }
    }
}

impl<T> Page<T> {
    /// The items (empty when absent).
    pub fn items(&self) -> &[T] {
        self.value.value().map(Vec::as_slice).unwrap_or(&[])
    }

    /// The next link, when there is a non-empty one.
    pub fn next(&self) -> Option<&str> {
        self.next_link.value().map(String::as_str).filter(|s| !s.trim().is_empty())
    }
}

model! {
    /// A product (offer).
    pub struct Product {
        /// Product id.
        id: String = "id",
        /// Product type.
        resource_type: ProductType = "resourceType",
        /// Name.
        name: String = "name",
        /// External ids (base product spelling).
        external_ids: Vec<TypeValuePair> = "externalIds",
        /// External ids (Azure product spelling).
        external_ids_azure: Vec<TypeValuePair> = "externalIDs",
        /// Whether the product uses modular publishing.
        is_modular_publishing: bool = "isModularPublishing",
        /// Marketing URL identifier (Azure products).
        offer_marketing_url_identifier: String = "offerMarketingUrlIDentifier",
        /// Entity tag.
        odata_etag: String = "@odata.etag",
    }
}

model! {
    /// A product's setup.
    pub struct ProductSetup {
        /// `AzureProductSetup`.
        resource_type: String = "resourceType",
        /// Selling option.
        selling_option: SellingOption = "sellingOption",
        /// Call to action.
        call_to_action: CallToAction = "callToAction",
        /// Trial URI.
        trial_uri: String = "trialUri",
        /// Whether test drive is enabled.
        enable_test_drive: bool = "enableTestDrive",
        /// Test drive type.
        test_drive_type: String = "testDriveType",
        /// Channel states.
        channel_states: Vec<TypeValuePair> = "channelStates",
        /// Entity tag.
        odata_etag: String = "@odata.etag",
    }
}

model! {
    /// A branch: a module's line of drafts (`currentDraftInstanceID` names the instance to edit).
    pub struct Branch {
        /// Branch id.
        id: String = "id",
        /// `Branch`.
        resource_type: String = "resourceType",
        /// Friendly name.
        friendly_name: String = "friendlyName",
        /// Main or Private.
        r#type: BranchType = "type",
        /// Module.
        module: BranchModule = "module",
        /// Instance id of the current draft.
        current_draft_instance_id: String = "currentDraftInstanceID",
        /// Variant id.
        variant_id: String = "variantID",
        /// Entity tag.
        odata_etag: String = "@odata.etag",
    }
}

model! {
    /// `publishOption` of a submission.
    pub struct PublishOption {
        /// Release time (UTC).
        release_time_in_utc: String = "releaseTimeInUtc",
        /// Publish manually.
        is_manual_publish: bool = "isManualPublish",
        /// Promote to live automatically.
        is_auto_promote: bool = "isAutoPromote",
        /// Certification notes.
        certification_notes: String = "certificationNotes",
    }
}

model! {
    /// `pendingUpdateInfo` of a submission.
    pub struct PendingUpdateInfo {
        /// Update type.
        update_type: String = "updateType",
        /// Status.
        status: String = "status",
        /// Link.
        href: String = "href",
        /// Failure reason.
        failure_reason: String = "failureReason",
    }
}

model! {
    /// A variant's resources in a submission.
    pub struct VariantResource {
        /// Variant id.
        variant_id: String = "variantID",
        /// Resources.
        resources: Vec<TypeValuePair> = "resources",
    }
}

model! {
    /// A submission.
    pub struct Submission {
        /// Submission id.
        id: String = "id",
        /// `Submission`.
        resource_type: String = "resourceType",
        /// InProgress or Published.
        state: SubmissionState = "state",
        /// Detailed state.
        substate: SubmissionSubstate = "substate",
        /// Targets (e.g. `{type: "Scope", value: "Preview"}`).
        targets: Vec<TypeValuePair> = "targets",
        /// Resources (draft instances) of the submission.
        resources: Vec<TypeValuePair> = "resources",
        /// Variant resources.
        variant_resources: Vec<VariantResource> = "variantResources",
        /// Publish options.
        publish_option: PublishOption = "publishOption",
        /// Publication time (UTC).
        published_time_in_utc: String = "publishedTimeInUtc",
        /// Pending update.
        pending_update_info: PendingUpdateInfo = "pendingUpdateInfo",
        /// Extended properties.
        extended_properties: Vec<TypeValuePair> = "extendedProperties",
        /// Release number.
        release_number: i64 = "releaseNumber",
        /// Friendly name.
        friendly_name: String = "friendlyName",
        /// Whether the resources are ready.
        are_resources_ready: bool = "areResourcesReady",
        /// Entity tag.
        odata_etag: String = "@odata.etag",
    }
}

model! {
    /// Body of the create-submission call.
    pub struct SubmissionCreationRequest {
        /// `SubmissionCreationRequest`.
        resource_type: String = "resourceType",
        /// Targets.
        targets: Vec<TypeValuePair> = "targets",
        /// Resources (draft instances) to submit.
        resources: Vec<TypeValuePair> = "resources",
        /// Variant resources.
        variant_resources: Vec<VariantResource> = "variantResources",
        /// Publish options.
        publish_option: PublishOption = "publishOption",
        /// Extended properties.
        extended_properties: Vec<TypeValuePair> = "extendedProperties",
    }
}

model! {
    /// A validation result (package validation items, submission validations).
    pub struct ValidationItem {
        /// Error code.
        error_code: String = "errorCode",
        /// Severity.
        severity: String = "severity",
        /// Message.
        message: String = "message",
        /// Resource concerned.
        resource: String = "resource",
    }
}

model! {
    /// One step of a workflow.
    pub struct WorkflowStepDetail {
        /// Step name.
        name: String = "name",
        /// Step state.
        state: String = "state",
        /// Start time (UTC).
        start_date_time_in_utc: String = "startDateTimeInUtc",
        /// Completion time (UTC).
        complete_date_time_in_utc: String = "completeDateTimeInUtc",
    }
}

model! {
    /// A submission's workflow details.
    pub struct WorkflowDetail {
        /// Workflow type.
        r#type: String = "type",
        /// Workflow state.
        state: String = "state",
        /// Target environment.
        target_environment: String = "targetEnvironment",
        /// Steps.
        workflow_steps: Vec<WorkflowStepDetail> = "workflowSteps",
        /// Start time (UTC).
        start_date_time_in_utc: String = "startDateTimeInUtc",
        /// Completion time (UTC).
        complete_date_time_in_utc: String = "completeDateTimeInUtc",
    }
}

model! {
    /// Where a package was published.
    pub struct PublishTarget {
        /// Sandbox id.
        sandbox_id: String = "sandboxId",
        /// Train id.
        train_id: String = "trainId",
        /// First publication time.
        first_published_date_time: String = "firstPublishedDateTime",
    }
}

model! {
    /// A package. Created with `fileName` (state `PendingUpload`, the response carries the SAS
    /// `fileSasUri`); after the upload, updated with state `Uploaded`.
    pub struct Package {
        /// Package id.
        id: String = "id",
        /// Package type.
        resource_type: PackageResourceType = "resourceType",
        /// Upload/processing state.
        state: UploadState = "state",
        /// Whether the package is empty.
        is_empty: bool = "isEmpty",
        /// File name.
        file_name: String = "fileName",
        /// SAS URI to upload the file to (hidden in `Debug`).
        file_sas_uri: SasUrl = "fileSasUri",
        /// File size in bytes.
        file_size: i64 = "fileSize",
        /// Validation results.
        validation_items: Vec<ValidationItem> = "validationItems",
        /// Publish targets.
        publish_targets: Vec<PublishTarget> = "publishTargets",
        /// Whether the package is certified.
        is_certified: bool = "isCertified",
        /// Entity tag.
        odata_etag: String = "@odata.etag",
    }
}

model! {
    /// A listing URI.
    pub struct ListingUri {
        /// Type.
        r#type: String = "type",
        /// Subtype.
        subtype: String = "subtype",
        /// Display text.
        display_text: String = "displayText",
        /// URI.
        uri: String = "uri",
    }
}

model! {
    /// A listing contact.
    pub struct ListingContact {
        /// Contact type.
        r#type: ContactType = "type",
        /// Email.
        email: String = "email",
        /// Name.
        name: String = "name",
        /// Phone.
        phone: String = "phone",
        /// URI.
        uri: String = "uri",
    }
}

model! {
    /// A listing (one language).
    pub struct Listing {
        /// Listing id.
        id: String = "id",
        /// `AzureListing`.
        resource_type: String = "resourceType",
        /// Language code.
        language_code: String = "languageCode",
        /// Title.
        title: String = "title",
        /// Description.
        description: String = "description",
        /// Short description.
        short_description: String = "shortDescription",
        /// Publisher name.
        publisher_name: String = "publisherName",
        /// Keywords.
        keywords: Vec<String> = "keywords",
        /// Display name.
        product_display_name: String = "productDisplayName",
        /// Summary.
        summary: String = "summary",
        /// Links.
        listing_uris: Vec<ListingUri> = "listingUris",
        /// Contacts.
        listing_contacts: Vec<ListingContact> = "listingContacts",
        /// Access information.
        access_information: String = "accessInformation",
        /// Getting-started instructions.
        getting_started_instructions: String = "gettingStartedInstructions",
        /// Only managed-disk deployments.
        allow_only_managed_disk_deployments: bool = "allowOnlyManagedDiskDeployments",
        /// Compatible products.
        compatible_products: Vec<String> = "compatibleProducts",
        /// Entity tag.
        odata_etag: String = "@odata.etag",
    }
}

model! {
    /// A listing image. Created with `fileName` and `type` (state `PendingUpload`, the response carries
    /// the SAS `fileSasUri`); after the upload, updated with state `Uploaded`.
    pub struct ListingImage {
        /// Image id.
        id: String = "id",
        /// `ListingImage`.
        resource_type: String = "resourceType",
        /// File name.
        file_name: String = "fileName",
        /// Image type (e.g. `AzureLogoLarge`, `Screenshot`).
        r#type: String = "type",
        /// SAS URI to upload the file to (hidden in `Debug`).
        file_sas_uri: SasUrl = "fileSasUri",
        /// Upload/processing state.
        state: UploadState = "state",
        /// Description.
        description: String = "description",
        /// Display order.
        order: i64 = "order",
        /// Entity tag.
        odata_etag: String = "@odata.etag",
    }
}

model! {
    /// A package configuration. The fields common to the offer types are typed; the type-specific ones
    /// (policies, authorizations, test drive settings, …) are kept in `extra`.
    pub struct PackageConfiguration {
        /// Configuration id.
        id: String = "id",
        /// Configuration type.
        resource_type: PackageConfigurationType = "resourceType",
        /// Version (managed applications).
        version: String = "version",
        /// Packages the configuration references.
        package_references: Vec<TypeValuePair> = "packageReferences",
        /// AAD tenant id (Azure applications).
        azure_active_directory_tenant_id: String = "azureActiveDirectoryTenantID",
        /// AAD application id (Azure applications).
        azure_active_directory_application_id: String = "azureActiveDirectoryApplicationID",
        /// Entity tag.
        odata_etag: String = "@odata.etag",
    }
}

/// A resource that carries an `@odata.etag` (sent back as `If-Match` on update).
pub trait ETagged {
    /// The entity tag, when present and non-empty.
    fn etag(&self) -> Option<&str>;
}

macro_rules! etagged {
    ($($t:ty),*) => {$(
        impl ETagged for $t {
            fn etag(&self) -> Option<&str> {
                self.odata_etag.value().map(String::as_str).filter(|s| !s.is_empty())
            }
        }
    )*};
}
etagged!(Product, ProductSetup, Branch, Submission, Package, Listing, ListingImage, PackageConfiguration);

// ------------------------------------------------------------------------------------------------
// Listing assets and videos
// ------------------------------------------------------------------------------------------------

model! {
    /// A listing asset (a document or other file attached to a listing). Created with `fileName` and
    /// `type` (state `PendingUpload`, the response carries the SAS `fileSasUri`); after the upload,
    /// updated with state `Uploaded`.
    pub struct ListingAsset {
        /// Asset id.
        id: String = "id",
        /// `ListingAsset`.
        resource_type: String = "resourceType",
        /// File name.
        file_name: String = "fileName",
        /// Asset type.
        r#type: String = "type",
        /// SAS URI to upload the file to (hidden in `Debug`).
        file_sas_uri: SasUrl = "fileSasUri",
        /// A SAS URI of the publisher's own store the service copies the file from (hidden in `Debug`).
        publisher_defined_sas_uri: SasUrl = "publisherDefinedSasUri",
        /// Upload/processing state.
        state: UploadState = "state",
        /// Description.
        description: String = "description",
        /// Friendly name.
        friendly_name: String = "friendlyName",
        /// Entity tag.
        odata_etag: String = "@odata.etag",
    }
}

model! {
    /// The thumbnail of a listing video (uploaded like the video itself).
    pub struct ListingVideoThumbnail {
        /// File name.
        file_name: String = "fileName",
        /// Title.
        title: String = "title",
        /// Description.
        description: String = "description",
        /// SAS URI to upload the thumbnail to (hidden in `Debug`).
        file_sas_uri: SasUrl = "fileSasUri",
        /// A SAS URI of the publisher's own store (hidden in `Debug`).
        publisher_defined_sas_uri: SasUrl = "publisherDefinedSasUri",
        /// Upload/processing state.
        state: UploadState = "state",
    }
}

model! {
    /// A listing video. Created with `fileName` (state `PendingUpload`, the response carries the SAS
    /// `fileSasUri`); after the upload, updated with state `Uploaded`.
    pub struct ListingVideo {
        /// Video id.
        id: String = "id",
        /// `ListingVideo`.
        resource_type: String = "resourceType",
        /// File name.
        file_name: String = "fileName",
        /// SAS URI to upload the file to (hidden in `Debug`).
        file_sas_uri: SasUrl = "fileSasUri",
        /// Where the processed video streams from.
        streaming_uri: String = "streamingUri",
        /// Upload/processing state.
        state: UploadState = "state",
        /// The thumbnail.
        thumbnail: ListingVideoThumbnail = "thumbnail",
        /// Entity tag.
        odata_etag: String = "@odata.etag",
    }
}

// ------------------------------------------------------------------------------------------------
// Properties
// ------------------------------------------------------------------------------------------------

model! {
    /// A tenant a custom amendment applies to.
    pub struct Tenant {
        /// Tenant id (the swagger spells it `ID`).
        id: String = "ID",
        /// Description.
        description: String = "description",
    }
}

model! {
    /// Custom amendment terms for some tenants.
    pub struct CustomAmendment {
        /// Name.
        name: String = "name",
        /// Terms.
        terms: String = "terms",
        /// Tenants.
        tenants: Vec<Tenant> = "tenants",
    }
}

model! {
    /// A product's properties (`AzureProperty`): categories, industries, terms, version.
    pub struct Property {
        /// Property id.
        id: String = "id",
        /// `AzureProperty`.
        resource_type: String = "resourceType",
        /// Industries.
        industries: Vec<String> = "industries",
        /// Categories by level (`{"category": ["subcategory", …]}`).
        leveled_categories: serde_json::Map<String, serde_json::Value> = "leveledCategories",
        /// Categories.
        categories: Vec<String> = "categories",
        /// Additional categories.
        additional_categories: Vec<String> = "additionalCategories",
        /// Submission version.
        submission_version: String = "submissionVersion",
        /// Hide keys.
        hide_keys: Vec<String> = "hideKeys",
        /// Product tags.
        product_tags: Vec<String> = "productTags",
        /// App version.
        app_version: String = "appVersion",
        /// Use the standard enterprise contract.
        use_enterprise_contract: bool = "useEnterpriseContract",
        /// Terms of use.
        terms_of_use: String = "termsOfUse",
        /// A marketing-only change.
        marketing_only_change: bool = "marketingOnlyChange",
        /// Global amendment terms.
        global_amendment_terms: String = "globalAmendmentTerms",
        /// Custom amendments.
        custom_amendments: Vec<CustomAmendment> = "customAmendments",
        /// Entity tag.
        odata_etag: String = "@odata.etag",
    }
}

// ------------------------------------------------------------------------------------------------
// Availability
// ------------------------------------------------------------------------------------------------

model! {
    /// An audience member (tenant or subscription id with a description).
    pub struct AudienceMember {
        /// Id (the swagger spells it `ID`).
        id: String = "ID",
        /// Description.
        description: String = "description",
    }
}

model! {
    /// A product's availability: visibility and preview audiences.
    pub struct ProductAvailability {
        /// Availability id.
        id: String = "id",
        /// `ProductAvailability`.
        resource_type: String = "resourceType",
        /// Visibility.
        visibility: String = "visibility",
        /// Enterprise licensing.
        enterprise_licensing: String = "enterpriseLicensing",
        /// Preview marketplace groups (their shape is not documented; kept as JSON).
        audiences: Vec<serde_json::Value> = "audiences",
        /// Preview audience by email.
        email_audiences: Vec<AudienceMember> = "emailAudiences",
        /// Preview audience by subscription.
        subscription_audiences: Vec<AudienceMember> = "subscriptionAudiences",
        /// Hide key audience.
        hide_key_audience: String = "hideKeyAudience",
        /// Entity tag.
        odata_etag: String = "@odata.etag",
    }
}

crate::string_enum! {
    /// `state` of a plan in one market.
    pub enum MarketStateValue { Disabled = "Disabled", Enabled = "Enabled", StopSelling = "StopSelling", Terminated = "Terminated" }
}

model! {
    /// Whether a plan sells in one market.
    pub struct MarketState {
        /// Market code (e.g. `US`).
        market_code: String = "marketCode",
        /// State.
        state: MarketStateValue = "state",
    }
}

model! {
    /// A point in time, optionally the same local time in every market.
    pub struct LocalizedDateTime {
        /// Localize per market.
        localize_per_market: bool = "localizePerMarket",
        /// Time (UTC).
        date_time_in_utc: String = "dateTimeInUtc",
    }
}

model! {
    /// A time range.
    pub struct LocalizedDateTimeRange {
        /// Start.
        start_at: LocalizedDateTime = "startAt",
        /// End.
        end_at: LocalizedDateTime = "endAt",
    }
}

model! {
    /// A plan's free trial.
    pub struct Trial {
        /// `NoTrial`, `TimedAccess`, `TimedUsage`, `Unlimited`.
        r#type: String = "type",
        /// `Minute`, `Days`, `Months`.
        duration_type: String = "durationType",
        /// Duration.
        duration: i64 = "duration",
        /// Range.
        date_time_range: LocalizedDateTimeRange = "dateTimeRange",
    }
}

model! {
    /// A price.
    pub struct Price {
        /// Price tier id.
        price_tier_id: String = "priceTierID",
        /// Open price.
        open_price: serde_json::Number = "openPrice",
        /// Currency.
        currency_code: String = "currencyCode",
    }
}

model! {
    /// A billing cadence.
    pub struct PricingCadence {
        /// `Month` or `Year`.
        r#type: String = "type",
        /// Count.
        value: i64 = "value",
    }
}

model! {
    /// A pricing unit (per core, per transaction, …).
    pub struct PricingUnit {
        /// `sharedcore`, `transactions`.
        name: String = "name",
        /// Unit type.
        unit_type: String = "unitType",
        /// Unlimited.
        is_unlimited_unit: bool = "isUnlimitedUnit",
        /// Lower bound.
        lower_unit: i64 = "lowerUnit",
        /// Upper bound.
        upper_unit: i64 = "upperUnit",
    }
}

model! {
    /// One price over a time range.
    pub struct PriceSchedule {
        /// Price.
        retail_price: Price = "retailPrice",
        /// `Flat`, `Recurring`, `Usage`.
        pricing_model: String = "pricingModel",
        /// Cadence.
        price_cadence: PricingCadence = "priceCadence",
        /// Units.
        pricing_units: Vec<PricingUnit> = "pricingUnits",
        /// Range.
        date_time_range: LocalizedDateTimeRange = "dateTimeRange",
    }
}

model! {
    /// The prices of some markets (the swagger's `ScheduleInfo<PriceSchedule>`).
    pub struct PriceScheduleInfo {
        /// Whether this is the base schedule.
        is_base_schedule: bool = "isBaseSchedule",
        /// Markets.
        market_codes: Vec<String> = "marketCodes",
        /// Friendly name.
        friendly_name: String = "friendlyName",
        /// Schedules.
        schedules: Vec<PriceSchedule> = "schedules",
    }
}

model! {
    /// A quantity included in the base price.
    pub struct IncludedBaseQuantity {
        /// Recurring unit.
        recurring_unit: String = "recurringUnit",
        /// Infinite.
        is_infinite: bool = "isInfinite",
        /// Quantity.
        quantity: serde_json::Number = "quantity",
    }
}

model! {
    /// A custom meter (metered billing dimension).
    pub struct CustomMeter {
        /// Enabled.
        is_enabled: bool = "isEnabled",
        /// Meter id (the swagger spells it `ID`).
        id: String = "ID",
        /// Unique id.
        unique_id: String = "uniqueID",
        /// Display name.
        display_name: String = "displayName",
        /// Unit of measure.
        unit_of_measure: String = "unitOfMeasure",
        /// Price in USD.
        price_in_usd: serde_json::Number = "priceInUsd",
        /// Included quantities.
        included_base_quantities: Vec<IncludedBaseQuantity> = "includedBaseQuantities",
    }
}

model! {
    /// A plan's feature availability: markets, prices, trial, audiences, visibility.
    pub struct FeatureAvailability {
        /// Id.
        id: String = "id",
        /// `FeatureAvailability`.
        resource_type: String = "resourceType",
        /// `Public` or `Private`.
        visibility: String = "visibility",
        /// Markets.
        market_states: Vec<MarketState> = "marketStates",
        /// Properties.
        properties: Vec<TypeValuePair> = "properties",
        /// Trial.
        trial: Trial = "trial",
        /// Private audience by tenant.
        tenant_audiences: Vec<AudienceMember> = "tenantAudiences",
        /// Private audience by subscription.
        subscription_audiences: Vec<AudienceMember> = "subscriptionAudiences",
        /// Prices.
        price_schedules: Vec<PriceScheduleInfo> = "priceSchedules",
        /// Custom meters.
        custom_meters: Vec<CustomMeter> = "customMeters",
        /// Hidden plan.
        is_hidden: bool = "isHidden",
        /// Entity tag.
        odata_etag: String = "@odata.etag",
    }
}

// ------------------------------------------------------------------------------------------------
// Variants (plans)
// ------------------------------------------------------------------------------------------------

crate::string_enum! {
    /// `resourceType` of a variant.
    pub enum VariantType { BaseVariant = "BaseVariant", AzureSkuVariant = "AzureSkuVariant", AzureTestDriveVariant = "AzureTestDriveVariant" }
}

model! {
    /// One validation result of a government certification.
    pub struct ValidationResult {
        /// Members concerned.
        member_names: Vec<String> = "memberNames",
        /// Message.
        error_message: String = "errorMessage",
    }
}

model! {
    /// An Azure Government certification of a plan.
    pub struct AzureGovernmentCertification {
        /// Validation results.
        validation_results: Vec<ValidationResult> = "validationResults",
        /// Title.
        title: String = "title",
        /// URI.
        uri: String = "uri",
    }
}

model! {
    /// A variant: a plan (`AzureSkuVariant`) or a test drive (`AzureTestDriveVariant`). The fields of
    /// both are typed here; which apply follows `resourceType`.
    pub struct Variant {
        /// Variant id.
        id: String = "id",
        /// Variant type.
        resource_type: VariantType = "resourceType",
        /// Friendly name.
        friendly_name: String = "friendlyName",
        /// Extended properties.
        extended_properties: Vec<TypeValuePair> = "extendedProperties",
        /// `Inactive` or `Active`.
        state: String = "state",
        /// Conversion paths (plans).
        conversion_paths: String = "conversionPaths",
        /// Lead generation id (plans).
        lead_gen_id: String = "leadGenID",
        /// External id, the plan id customers see (plans).
        external_id: String = "externalID",
        /// The variant this one was copied from (plans).
        reference_variant_id: String = "referenceVariantID",
        /// Government certifications (plans).
        azure_government_certifications: Vec<AzureGovernmentCertification> = "azureGovernmentCertifications",
        /// Clouds (plans).
        cloud_availabilities: Vec<String> = "cloudAvailabilities",
        /// Test drive type (test drives).
        test_drive_type: String = "testDriveType",
        /// Entity tag.
        odata_etag: String = "@odata.etag",
    }
}

// ------------------------------------------------------------------------------------------------
// Certification reports, supplemental content
// ------------------------------------------------------------------------------------------------

crate::string_enum! {
    /// `status` of a certification report.
    pub enum CertificationStatus { Pending = "Pending", Failed = "Failed", Passed = "Passed", PassedWithNotes = "PassedWithNotes", Unknown = "Unknown" }
}

model! {
    /// A certification report of a submission (the report itself is a file at `fileUri`).
    pub struct CertificationReport {
        /// Report time (UTC).
        report_time_in_utc: String = "reportTimeInUtc",
        /// Status.
        status: CertificationStatus = "status",
        /// Where the report is.
        file_uri: String = "fileUri",
    }
}

model! {
    /// A file of a supplemental content.
    pub struct SupplementalContentAsset {
        /// Asset id.
        asset_id: String = "assetID",
        /// File name.
        file_name: String = "fileName",
        /// Type.
        r#type: String = "type",
        /// SAS URI to upload the file to (hidden in `Debug`).
        file_sas_uri: SasUrl = "fileSasUri",
    }
}

model! {
    /// Supplemental content for certification (one per instance; committed when complete).
    pub struct SupplementalContent {
        /// Id.
        id: String = "id",
        /// `SupplementalContent`.
        resource_type: String = "resourceType",
        /// Target release.
        target_release: String = "targetRelease",
        /// Supported editions.
        supported_editions: Vec<String> = "supportedEditions",
        /// Files.
        assets: Vec<SupplementalContentAsset> = "assets",
        /// Entity tag.
        odata_etag: String = "@odata.etag",
    }
}

// ------------------------------------------------------------------------------------------------
// Lead configuration, co-sell, reseller configuration
// ------------------------------------------------------------------------------------------------

/// A credential inside a resource (a storage connection string, a CRM password or application key):
/// serialised as the plain string, printed as `<redacted>` in `Debug`.
#[derive(Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct HiddenText(pub String);

impl HiddenText {
    /// The value itself, for the one place that must send it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for HiddenText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(crate::secret::REDACTED)
    }
}

crate::string_enum! {
    /// `resourceType` of a lead configuration: where the leads of a product go.
    pub enum LeadConfigurationType {
        AzureTableLeadConfiguration = "AzureTableLeadConfiguration",
        AzureBlobLeadConfiguration = "AzureBlobLeadConfiguration",
        DynamicsCustomerRelationshipManagementLeadConfiguration = "DynamicsCustomerRelationshipManagementLeadConfiguration",
        HttpsEndpointLeadConfiguration = "HttpsEndpointLeadConfiguration",
        MarketoLeadConfiguration = "MarketoLeadConfiguration",
        SalesForceLeadConfiguration = "SalesForceLeadConfiguration",
    }
}

model! {
    /// A product's lead configuration. The fields of every destination type are typed here; which apply
    /// follows `resourceType`. Credentials (`connectionString`, `password`, `applicationKey`) are
    /// [`HiddenText`].
    pub struct LeadConfiguration {
        /// Destination type.
        resource_type: LeadConfigurationType = "resourceType",
        /// Daily digest recipients.
        daily_digest_email_contacts: Vec<String> = "dailyDigestEmailContacts",
        /// Contact email.
        contact_email: String = "contactEmail",
        /// Storage connection string (Azure table, Azure blob).
        connection_string: HiddenText = "connectionString",
        /// Blob container (Azure blob).
        container_name: String = "containerName",
        /// Endpoint (Dynamics CRM).
        uri: String = "uri",
        /// Authentication kind (Dynamics CRM).
        authentication: String = "authentication",
        /// User name (Dynamics CRM).
        user_name: String = "userName",
        /// Password (Dynamics CRM).
        password: HiddenText = "password",
        /// Application id (Dynamics CRM).
        application_id: String = "applicationID",
        /// Application key (Dynamics CRM).
        application_key: HiddenText = "applicationKey",
        /// Directory id (Dynamics CRM).
        directory_id: String = "directoryID",
        /// Endpoint (HTTPS endpoint).
        https_endpoint_uri: String = "httpsEndpointUri",
        /// Server id (Marketo).
        server_id: String = "serverID",
        /// Munchkin account id (Marketo).
        munchkin_account_id: String = "munchkinAccountID",
        /// Form id (Marketo).
        form_id: String = "formID",
        /// Object identifier (Salesforce).
        object_identifier: String = "objectIdentifier",
    }
}

model! {
    /// A co-sell asset (a document for Microsoft sellers), uploaded like listing assets.
    pub struct CosellAsset {
        /// Asset id.
        id: String = "id",
        /// `CosellAsset`.
        resource_type: String = "resourceType",
        /// File name.
        file_name: String = "fileName",
        /// Asset type.
        r#type: String = "type",
        /// SAS URI to upload the file to (hidden in `Debug`).
        file_sas_uri: SasUrl = "fileSasUri",
        /// Upload/processing state.
        state: UploadState = "state",
        /// Entity tag.
        odata_etag: String = "@odata.etag",
    }
}

model! {
    /// A co-sell contact.
    pub struct CosellContact {
        /// Type.
        r#type: String = "type",
        /// Email.
        email: String = "email",
        /// Name.
        name: String = "name",
        /// Job title.
        job_title: String = "jobTitle",
        /// Role.
        role: String = "role",
        /// Regions.
        regions: Vec<String> = "regions",
        /// Sub-regions.
        sub_regions: Vec<String> = "subRegions",
    }
}

model! {
    /// A co-sell solution area.
    pub struct CosellSolutionArea {
        /// Area.
        area: String = "area",
        /// Sub-areas.
        sub_areas: Vec<String> = "subAreas",
    }
}

model! {
    /// A product's co-sell listing (one per instance).
    pub struct CosellListing {
        /// Id.
        id: String = "id",
        /// `CosellListing`.
        resource_type: String = "resourceType",
        /// Platforms.
        offer_platforms: Vec<String> = "offerPlatforms",
        /// Customer segments.
        end_customer_segments: Vec<String> = "endCustomerSegments",
        /// Offer type.
        offer_type: String = "offerType",
        /// Solution areas.
        solution_areas: Vec<CosellSolutionArea> = "solutionAreas",
        /// Contacts.
        contacts: Vec<CosellContact> = "contacts",
        /// Co-sell assets referenced (`{type, value: asset id}`).
        asset_references: Vec<TypeValuePair> = "assetReferences",
        /// Entity tag.
        odata_etag: String = "@odata.etag",
    }
}

crate::string_enum! {
    /// `resellerChannelState` of a reseller configuration.
    pub enum ResellerChannelState { Disabled = "Disabled", PartialOptIn = "PartialOptIn", OptOut = "OptOut", Enabled = "Enabled" }
}

model! {
    /// Whether Cloud Solution Provider resellers may sell the product.
    pub struct ResellerConfiguration {
        /// `ResellerConfiguration`.
        resource_type: String = "resourceType",
        /// Channel state.
        reseller_channel_state: ResellerChannelState = "resellerChannelState",
        /// Resellers (for `PartialOptIn`).
        tenant_ids: Vec<String> = "tenantIds",
    }
}

etagged!(ListingAsset, ListingVideo, Property, ProductAvailability, FeatureAvailability, Variant);
etagged!(SupplementalContent, CosellAsset, CosellListing);
