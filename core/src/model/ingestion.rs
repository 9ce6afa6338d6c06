//! Models of the Partner Center ingestion API ([`crate::api::INGESTION_ROOT`]), from the
//! swagger in `reference/partner-ingestion-swagger.json`: products, product setup, branches, submissions,
//! packages (with their SAS `fileSasUri` and upload `state`), listings, listing images and package
//! configurations, plus the OData paged list `{value, @odata.nextLink}`.
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
