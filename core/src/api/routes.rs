//! Every endpoint of the three Store API families, once.
//!
//! Each [`Operation`] names a method: its family, HTTP method, path template (with `{placeholders}`,
//! appended to the family's service root), the query parameters it accepts and whether it takes a JSON
//! body. Request builders fill templates from here ([`super::build`]); the emulator routes incoming
//! requests with [`match_route`]. No other file holds an endpoint path.

use crate::http::Method;

pub use crate::model::Family;

/// One documented API method.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Operation {
    /// Stable id, `family.snake_case_name` (e.g. `devcenter.get_app_submission`). Used by the shared
    /// request vectors and by bindings' generic `build_request`.
    pub id: &'static str,
    /// Service family.
    pub family: Family,
    /// HTTP method.
    pub method: Method,
    /// Path template appended to the family's service root.
    pub path: &'static str,
    /// Query parameters the method accepts (all optional).
    pub query: &'static [&'static str],
    /// Whether the method takes a JSON body.
    pub body: bool,
    /// What the method does (from the method's documentation).
    pub summary: &'static str,
    /// The model the JSON body follows (a type in [`crate::model`]), when the table names one.
    pub body_model: Option<&'static str>,
    /// The model the response body follows (a type in [`crate::model`]), when the table names one.
    pub result_model: Option<&'static str>,
}

impl Operation {
    /// Names of the path placeholders, in order.
    pub fn path_params(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        let mut rest = self.path;
        while let Some(start) = rest.find('{') {
            let end = rest[start..].find('}').expect("templates are well formed") + start;
            out.push(&rest[start + 1..end]);
            rest = &rest[end + 1..];
        }
        out
    }

    /// Whether a blind retry is safe. POSTs (create, commit, submit, rollout changes) are not: after an
    /// ambiguous failure the caller must re-read state first (StoreBroker issue #123).
    pub fn is_idempotent(&self) -> bool {
        self.method.is_idempotent()
    }
}

/// The ingestion API's path prefix under its service root (the swagger's server URL path).
pub const INGESTION_PREFIX: &str = "/v1.0/ingestion";

macro_rules! ops {
    // A route line: `"id" Family Method "path" [query…] takes_body "summary"`, optionally followed by
    // `=> "BodyModel" "ResultModel"` (either may be `""`: no model). Model names are types of the
    // family's module in `crate::model`; a result may be wrapped as the Rust parsers return it:
    // `PagedList<T>` (devcenter page), `Page<T>` (ingestion OData page), `Envelope<T>` (win32). The
    // manifest (`crate::manifest`) resolves them; `core/tests/manifest.rs` checks every name exists.
    ($( $id:literal $fam:ident $method:ident $path:literal [$($q:literal),*] $body:literal $summary:literal
        $(=> $bm:tt $rm:tt)?; )*) => {
        /// Every operation of every family.
        pub const OPERATIONS: &[Operation] = &[
            $( Operation {
                id: $id,
                family: Family::$fam,
                method: Method::$method,
                path: $path,
                query: &[$($q),*],
                body: $body,
                summary: $summary,
                body_model: ops!(@model $($bm)?),
                result_model: ops!(@model $($rm)?),
            }, )*
        ];
    };
    (@model) => { None };
    (@model $m:literal) => { model_column($m) };
}

/// A model column's value: `""` means no model. (A captured literal cannot be matched against `""` by
/// the macro, so the check is a `const fn`.)
const fn model_column(name: &'static str) -> Option<&'static str> {
    if name.is_empty() {
        None
    } else {
        Some(name)
    }
}

ops! {
    // ---- Azure AD token service --------------------------------------------------------------------
    "token.v1" Token Post "/{tenantId}/oauth2/token" [] false "Client-credentials token, v1 endpoint (resource=)";
    "token.v2" Token Post "/{tenantId}/oauth2/v2.0/token" [] false "Client-credentials token, v2 endpoint (scope=)";

    // ---- devcenter: apps ---------------------------------------------------------------------------
    "devcenter.list_apps" Devcenter Get "/v1.0/my/applications" ["top", "skip"] false "Get data for all your apps" => "" "PagedList<Application>";
    "devcenter.get_app" Devcenter Get "/v1.0/my/applications/{applicationId}" [] false "Get data for a specific app" => "" "Application";
    "devcenter.list_app_addons" Devcenter Get "/v1.0/my/applications/{applicationId}/listinappproducts" ["top", "skip"] false "Get add-ons for an app" => "" "PagedList<AppAddonRef>";
    "devcenter.list_app_flights" Devcenter Get "/v1.0/my/applications/{applicationId}/listflights" ["top", "skip"] false "Get package flights for an app" => "" "PagedList<Flight>";
    // ---- devcenter: app submissions ------------------------------------------------------------------
    "devcenter.create_app_submission" Devcenter Post "/v1.0/my/applications/{applicationId}/submissions" [] false "Create an app submission" => "" "AppSubmission";
    "devcenter.get_app_submission" Devcenter Get "/v1.0/my/applications/{applicationId}/submissions/{submissionId}" [] false "Get an app submission" => "" "AppSubmission";
    "devcenter.update_app_submission" Devcenter Put "/v1.0/my/applications/{applicationId}/submissions/{submissionId}" [] true "Update an app submission" => "AppSubmission" "AppSubmission";
    "devcenter.delete_app_submission" Devcenter Delete "/v1.0/my/applications/{applicationId}/submissions/{submissionId}" [] false "Delete an app submission";
    "devcenter.commit_app_submission" Devcenter Post "/v1.0/my/applications/{applicationId}/submissions/{submissionId}/commit" [] false "Commit an app submission" => "" "SubmissionStatusResource";
    "devcenter.get_app_submission_status" Devcenter Get "/v1.0/my/applications/{applicationId}/submissions/{submissionId}/status" [] false "Get the status of an app submission" => "" "SubmissionStatusResource";
    "devcenter.get_app_package_rollout" Devcenter Get "/v1.0/my/applications/{applicationId}/submissions/{submissionId}/packagerollout" [] false "Get package rollout info for an app submission" => "" "PackageRollout";
    "devcenter.update_app_package_rollout_percentage" Devcenter Post "/v1.0/my/applications/{applicationId}/submissions/{submissionId}/updatepackagerolloutpercentage" ["percentage"] false "Update the package rollout percentage for an app submission" => "" "PackageRollout";
    "devcenter.halt_app_package_rollout" Devcenter Post "/v1.0/my/applications/{applicationId}/submissions/{submissionId}/haltpackagerollout" [] false "Halt the package rollout for an app submission" => "" "PackageRollout";
    "devcenter.finalize_app_package_rollout" Devcenter Post "/v1.0/my/applications/{applicationId}/submissions/{submissionId}/finalizepackagerollout" [] false "Finalize the package rollout for an app submission" => "" "PackageRollout";
    // ---- devcenter: add-ons --------------------------------------------------------------------------
    "devcenter.list_addons" Devcenter Get "/v1.0/my/inappproducts" ["top", "skip"] false "Get all add-ons" => "" "PagedList<Addon>";
    "devcenter.get_addon" Devcenter Get "/v1.0/my/inappproducts/{inAppProductId}" [] false "Get an add-on" => "" "Addon";
    "devcenter.create_addon" Devcenter Post "/v1.0/my/inappproducts" [] true "Create an add-on" => "AddonCreate" "Addon";
    "devcenter.delete_addon" Devcenter Delete "/v1.0/my/inappproducts/{inAppProductId}" [] false "Delete an add-on";
    // ---- devcenter: add-on submissions ---------------------------------------------------------------
    "devcenter.create_addon_submission" Devcenter Post "/v1.0/my/inappproducts/{inAppProductId}/submissions" [] false "Create an add-on submission" => "" "AddonSubmission";
    "devcenter.get_addon_submission" Devcenter Get "/v1.0/my/inappproducts/{inAppProductId}/submissions/{submissionId}" [] false "Get an add-on submission" => "" "AddonSubmission";
    "devcenter.update_addon_submission" Devcenter Put "/v1.0/my/inappproducts/{inAppProductId}/submissions/{submissionId}" [] true "Update an add-on submission" => "AddonSubmission" "AddonSubmission";
    "devcenter.delete_addon_submission" Devcenter Delete "/v1.0/my/inappproducts/{inAppProductId}/submissions/{submissionId}" [] false "Delete an add-on submission";
    "devcenter.commit_addon_submission" Devcenter Post "/v1.0/my/inappproducts/{inAppProductId}/submissions/{submissionId}/commit" [] false "Commit an add-on submission" => "" "SubmissionStatusResource";
    "devcenter.get_addon_submission_status" Devcenter Get "/v1.0/my/inappproducts/{inAppProductId}/submissions/{submissionId}/status" [] false "Get the status of an add-on submission" => "" "SubmissionStatusResource";
    // ---- devcenter: flights --------------------------------------------------------------------------
    "devcenter.get_flight" Devcenter Get "/v1.0/my/applications/{applicationId}/flights/{flightId}" [] false "Get a package flight" => "" "Flight";
    "devcenter.create_flight" Devcenter Post "/v1.0/my/applications/{applicationId}/flights" [] true "Create a package flight" => "FlightCreate" "Flight";
    "devcenter.delete_flight" Devcenter Delete "/v1.0/my/applications/{applicationId}/flights/{flightId}" [] false "Delete a package flight";
    // ---- devcenter: flight submissions ---------------------------------------------------------------
    "devcenter.create_flight_submission" Devcenter Post "/v1.0/my/applications/{applicationId}/flights/{flightId}/submissions" [] false "Create a package flight submission" => "" "FlightSubmission";
    "devcenter.get_flight_submission" Devcenter Get "/v1.0/my/applications/{applicationId}/flights/{flightId}/submissions/{submissionId}" [] false "Get a package flight submission" => "" "FlightSubmission";
    "devcenter.update_flight_submission" Devcenter Put "/v1.0/my/applications/{applicationId}/flights/{flightId}/submissions/{submissionId}" [] true "Update a package flight submission" => "FlightSubmission" "FlightSubmission";
    "devcenter.delete_flight_submission" Devcenter Delete "/v1.0/my/applications/{applicationId}/flights/{flightId}/submissions/{submissionId}" [] false "Delete a package flight submission";
    "devcenter.commit_flight_submission" Devcenter Post "/v1.0/my/applications/{applicationId}/flights/{flightId}/submissions/{submissionId}/commit" [] false "Commit a package flight submission" => "" "SubmissionStatusResource";
    "devcenter.get_flight_submission_status" Devcenter Get "/v1.0/my/applications/{applicationId}/flights/{flightId}/submissions/{submissionId}/status" [] false "Get the status of a package flight submission" => "" "SubmissionStatusResource";
    "devcenter.get_flight_package_rollout" Devcenter Get "/v1.0/my/applications/{applicationId}/flights/{flightId}/submissions/{submissionId}/packagerollout" [] false "Get package rollout info for a flight submission" => "" "PackageRollout";
    "devcenter.update_flight_package_rollout_percentage" Devcenter Post "/v1.0/my/applications/{applicationId}/flights/{flightId}/submissions/{submissionId}/updatepackagerolloutpercentage" ["percentage"] false "Update the package rollout percentage for a flight submission" => "" "PackageRollout";
    "devcenter.halt_flight_package_rollout" Devcenter Post "/v1.0/my/applications/{applicationId}/flights/{flightId}/submissions/{submissionId}/haltpackagerollout" [] false "Halt the package rollout for a flight submission" => "" "PackageRollout";
    "devcenter.finalize_flight_package_rollout" Devcenter Post "/v1.0/my/applications/{applicationId}/flights/{flightId}/submissions/{submissionId}/finalizepackagerollout" [] false "Finalize the package rollout for a flight submission" => "" "PackageRollout";

    // ---- win32 (MSI/EXE) -----------------------------------------------------------------------------
    "win32.get_metadata" Win32 Get "/submission/v1/product/{productId}/metadata" ["languages", "includelanguagelist"] false "Get current draft submission metadata (all modules)" => "" "Envelope<DraftMetadata>";
    "win32.get_metadata_module" Win32 Get "/submission/v1/product/{productId}/metadata/{moduleName}" ["languages", "includelanguagelist"] false "Get current draft submission metadata (one module: listings, properties or availability)" => "" "Envelope<DraftMetadata>";
    "win32.put_metadata" Win32 Put "/submission/v1/product/{productId}/metadata" [] true "Update current draft submission metadata (full module update)" => "MetadataUpdate" "Envelope<PollingData>";
    "win32.patch_metadata" Win32 Patch "/submission/v1/product/{productId}/metadata" [] true "Update current draft submission metadata (module patch update)" => "MetadataUpdate" "Envelope<PollingData>";
    "win32.get_packages" Win32 Get "/submission/v1/product/{productId}/packages" [] false "Get current draft packages (all)" => "" "Envelope<PackageList>";
    "win32.get_package" Win32 Get "/submission/v1/product/{productId}/packages/{packageId}" [] false "Get current draft packages (one)" => "" "Envelope<Package>";
    "win32.put_packages" Win32 Put "/submission/v1/product/{productId}/packages" [] true "Update current draft packages (full module update)" => "PackageList" "Envelope<PollingData>";
    "win32.patch_package" Win32 Patch "/submission/v1/product/{productId}/packages/{packageId}" [] true "Update current draft packages (single package patch update)" => "Package" "Envelope<PollingData>";
    "win32.commit_packages" Win32 Post "/submission/v1/product/{productId}/packages/commit" [] false "Commit packages" => "" "Envelope<PollingData>";
    "win32.get_listing_assets" Win32 Get "/submission/v1/product/{productId}/listings/assets" ["languages"] false "Get current draft listing assets" => "" "Envelope<ListingAssetsData>";
    "win32.create_listing_assets" Win32 Post "/submission/v1/product/{productId}/listings/assets/create" [] true "Create listing assets (returns upload URLs)" => "CreateAssetsRequest" "Envelope<CreateAssetsData>";
    "win32.commit_listing_assets" Win32 Put "/submission/v1/product/{productId}/listings/assets/commit" [] true "Commit listing assets" => "CommitAssetsRequest" "Envelope<PollingData>";
    "win32.get_module_status" Win32 Get "/submission/v1/product/{productId}/status" [] false "Module status polling" => "" "Envelope<ModuleStatus>";
    "win32.submit" Win32 Post "/submission/v1/product/{productId}/submit" [] false "Create submission (submit the draft)" => "" "Envelope<SubmitData>";
    "win32.get_submission_status" Win32 Get "/submission/v1/product/{productId}/submission/{submissionId}/status" [] false "Submission status polling" => "" "Envelope<SubmissionStatus>";

    // ---- ingestion (Partner Center) ------------------------------------------------------------------
    "ingestion.list_products" Ingestion Get "/v1.0/ingestion/products" ["$filter"] false "List products" => "" "Page<Product>";
    "ingestion.create_product" Ingestion Post "/v1.0/ingestion/products" [] true "Create a product" => "Product" "Product";
    "ingestion.get_product" Ingestion Get "/v1.0/ingestion/products/{productId}" [] false "Get a product" => "" "Product";
    "ingestion.delete_product" Ingestion Delete "/v1.0/ingestion/products/{productId}" [] false "Delete a product";
    "ingestion.get_product_setup" Ingestion Get "/v1.0/ingestion/products/{productId}/setup" [] false "Get a product's setup" => "" "ProductSetup";
    "ingestion.list_branches_by_module" Ingestion Get "/v1.0/ingestion/products/{productId}/branches/getByModule(module={module})" [] false "List a product's branches for a module" => "" "Page<Branch>";
    "ingestion.get_listing" Ingestion Get "/v1.0/ingestion/products/{productId}/listings/{listingId}" [] false "Get a listing" => "" "Listing";
    "ingestion.update_listing" Ingestion Put "/v1.0/ingestion/products/{productId}/listings/{listingId}" [] true "Update a listing" => "Listing" "Listing";
    "ingestion.get_listings_by_instance" Ingestion Get "/v1.0/ingestion/products/{productId}/listings/getByInstanceID(instanceID={instanceId})" [] false "Get the listings of a branch instance" => "" "Page<Listing>";
    "ingestion.list_listing_images" Ingestion Get "/v1.0/ingestion/products/{productId}/listings/{listingId}/images" [] false "List a listing's images" => "" "Page<ListingImage>";
    "ingestion.create_listing_image" Ingestion Post "/v1.0/ingestion/products/{productId}/listings/{listingId}/images" [] true "Create a listing image (returns fileSasUri)" => "ListingImage" "ListingImage";
    "ingestion.get_listing_image" Ingestion Get "/v1.0/ingestion/products/{productId}/listings/{listingId}/images/{imageId}" [] false "Get a listing image" => "" "ListingImage";
    "ingestion.update_listing_image" Ingestion Put "/v1.0/ingestion/products/{productId}/listings/{listingId}/images/{imageId}" [] true "Update a listing image (e.g. mark Uploaded)" => "ListingImage" "ListingImage";
    "ingestion.list_packages" Ingestion Get "/v1.0/ingestion/products/{productId}/packages" [] false "List a product's packages" => "" "Page<Package>";
    "ingestion.create_package" Ingestion Post "/v1.0/ingestion/products/{productId}/packages" [] true "Create a package (returns fileSasUri)" => "Package" "Package";
    "ingestion.get_package" Ingestion Get "/v1.0/ingestion/products/{productId}/packages/{packageId}" [] false "Get a package" => "" "Package";
    "ingestion.update_package" Ingestion Put "/v1.0/ingestion/products/{productId}/packages/{packageId}" [] true "Update a package (e.g. mark Uploaded)" => "Package" "Package";
    "ingestion.delete_package" Ingestion Delete "/v1.0/ingestion/products/{productId}/packages/{packageId}" [] false "Delete a package";
    "ingestion.get_package_configuration" Ingestion Get "/v1.0/ingestion/products/{productId}/packageconfigurations/{packageConfigurationId}" [] false "Get a package configuration" => "" "PackageConfiguration";
    "ingestion.update_package_configuration" Ingestion Put "/v1.0/ingestion/products/{productId}/packageconfigurations/{packageConfigurationId}" [] true "Update a package configuration" => "PackageConfiguration" "PackageConfiguration";
    "ingestion.get_package_configurations_by_instance" Ingestion Get "/v1.0/ingestion/products/{productId}/packageConfigurations/getByInstanceID(instanceID={instanceId})" [] false "Get the package configurations of a branch instance" => "" "Page<PackageConfiguration>";
    "ingestion.list_submissions" Ingestion Get "/v1.0/ingestion/products/{productId}/submissions" [] false "List a product's submissions" => "" "Page<Submission>";
    "ingestion.create_submission" Ingestion Post "/v1.0/ingestion/products/{productId}/submissions" [] true "Create a submission" => "SubmissionCreationRequest" "Submission";
    "ingestion.get_submission" Ingestion Get "/v1.0/ingestion/products/{productId}/submissions/{submissionId}" [] false "Get a submission" => "" "Submission";
    "ingestion.delete_submission" Ingestion Delete "/v1.0/ingestion/products/{productId}/submissions/{submissionId}" [] false "Cancel (delete) a submission";
    "ingestion.promote_submission" Ingestion Post "/v1.0/ingestion/products/{productId}/submissions/{submissionId}/promote" [] false "Promote a submission (preview to live)" => "" "WorkflowDetail";
    "ingestion.get_submission_validations" Ingestion Get "/v1.0/ingestion/products/{productId}/submissions/{submissionId}/validations" [] false "Get a submission's validation results" => "" "Page<ValidationItem>";
    "ingestion.get_submission_workflow" Ingestion Get "/v1.0/ingestion/products/{productId}/submissions/{submissionId}/workflowdetails" [] false "Get a submission's workflow details" => "" "Page<WorkflowDetail>";
    // product setup, availability, properties
    "ingestion.create_product_setup" Ingestion Post "/v1.0/ingestion/products/{productId}/setup" [] true "Create a product's setup" => "ProductSetup" "ProductSetup";
    "ingestion.list_product_availabilities" Ingestion Get "/v1.0/ingestion/products/{productId}/productavailabilities" [] false "List a product's availabilities" => "" "Page<ProductAvailability>";
    "ingestion.create_product_availability" Ingestion Post "/v1.0/ingestion/products/{productId}/productavailabilities" [] true "Create a product availability" => "ProductAvailability" "ProductAvailability";
    "ingestion.get_product_availability" Ingestion Get "/v1.0/ingestion/products/{productId}/productavailabilities/{productAvailabilityId}" [] false "Get a product availability" => "" "ProductAvailability";
    "ingestion.update_product_availability" Ingestion Put "/v1.0/ingestion/products/{productId}/productavailabilities/{productAvailabilityId}" [] true "Update a product availability" => "ProductAvailability" "ProductAvailability";
    "ingestion.get_product_availabilities_by_instance" Ingestion Get "/v1.0/ingestion/products/{productId}/productAvailabilities/getByInstanceID(instanceID={instanceId})" [] false "Get the product availabilities of a branch instance" => "" "Page<ProductAvailability>";
    "ingestion.list_properties" Ingestion Get "/v1.0/ingestion/products/{productId}/properties" [] false "List a product's properties" => "" "Page<Property>";
    "ingestion.create_property" Ingestion Post "/v1.0/ingestion/products/{productId}/properties" [] true "Create a property" => "Property" "Property";
    "ingestion.get_property" Ingestion Get "/v1.0/ingestion/products/{productId}/properties/{propertyId}" [] false "Get a property" => "" "Property";
    "ingestion.update_property" Ingestion Put "/v1.0/ingestion/products/{productId}/properties/{propertyId}" [] true "Update a property" => "Property" "Property";
    "ingestion.get_properties_by_instance" Ingestion Get "/v1.0/ingestion/products/{productId}/properties/getByInstanceID(instanceID={instanceId})" [] false "Get the properties of a branch instance" => "" "Page<Property>";
    // listings, listing assets, images and videos
    "ingestion.delete_listing" Ingestion Delete "/v1.0/ingestion/products/{productId}/listings/{listingId}" [] false "Delete a listing" => "" "";
    "ingestion.create_listing_with_instance" Ingestion Post "/v1.0/ingestion/products/{productId}/listings/createWithInstanceID(instanceID={instanceId})" [] true "Create a listing in a branch instance" => "Listing" "Listing";
    "ingestion.list_listing_assets" Ingestion Get "/v1.0/ingestion/products/{productId}/listings/{listingId}/assets" ["$expand"] false "List a listing's assets" => "" "Page<ListingAsset>";
    "ingestion.create_listing_asset" Ingestion Post "/v1.0/ingestion/products/{productId}/listings/{listingId}/assets" [] true "Create a listing asset (returns fileSasUri)" => "ListingAsset" "ListingAsset";
    "ingestion.get_listing_asset" Ingestion Get "/v1.0/ingestion/products/{productId}/listings/{listingId}/assets/{assetId}" ["$expand"] false "Get a listing asset" => "" "ListingAsset";
    "ingestion.update_listing_asset" Ingestion Put "/v1.0/ingestion/products/{productId}/listings/{listingId}/assets/{assetId}" [] true "Update a listing asset (e.g. mark Uploaded)" => "ListingAsset" "ListingAsset";
    "ingestion.delete_listing_asset" Ingestion Delete "/v1.0/ingestion/products/{productId}/listings/{listingId}/assets/{assetId}" [] false "Delete a listing asset" => "" "";
    "ingestion.delete_listing_image" Ingestion Delete "/v1.0/ingestion/products/{productId}/listings/{listingId}/images/{imageId}" [] false "Delete a listing image" => "" "";
    "ingestion.list_listing_videos" Ingestion Get "/v1.0/ingestion/products/{productId}/listings/{listingId}/videos" ["$expand"] false "List a listing's videos" => "" "Page<ListingVideo>";
    "ingestion.create_listing_video" Ingestion Post "/v1.0/ingestion/products/{productId}/listings/{listingId}/videos" [] true "Create a listing video (returns fileSasUri)" => "ListingVideo" "ListingVideo";
    "ingestion.get_listing_video" Ingestion Get "/v1.0/ingestion/products/{productId}/listings/{listingId}/videos/{videoId}" ["$expand"] false "Get a listing video" => "" "ListingVideo";
    "ingestion.update_listing_video" Ingestion Put "/v1.0/ingestion/products/{productId}/listings/{listingId}/videos/{videoId}" [] true "Update a listing video (e.g. mark Uploaded)" => "ListingVideo" "ListingVideo";
    "ingestion.delete_listing_video" Ingestion Delete "/v1.0/ingestion/products/{productId}/listings/{listingId}/videos/{videoId}" [] false "Delete a listing video" => "" "";
    // variants (plans) and feature availability
    "ingestion.list_variants" Ingestion Get "/v1.0/ingestion/products/{productId}/variants" ["$skipToken"] false "List a product's variants (plans)" => "" "Page<Variant>";
    "ingestion.create_variant" Ingestion Post "/v1.0/ingestion/products/{productId}/variants" [] true "Create a variant (plan)" => "Variant" "Variant";
    "ingestion.get_variant" Ingestion Get "/v1.0/ingestion/products/{productId}/variants/{variantId}" [] false "Get a variant (plan)" => "" "Variant";
    "ingestion.update_variant" Ingestion Put "/v1.0/ingestion/products/{productId}/variants/{variantId}" [] true "Update a variant (plan)" => "Variant" "Variant";
    "ingestion.delete_variant" Ingestion Delete "/v1.0/ingestion/products/{productId}/variants/{variantId}" [] false "Delete a variant (plan)" => "" "";
    "ingestion.get_feature_availabilities_by_instance" Ingestion Get "/v1.0/ingestion/products/{productId}/featureAvailabilities/getByInstanceID(instanceID={instanceId})" ["$expand"] false "Get the feature availabilities of a branch instance" => "" "Page<FeatureAvailability>";
    "ingestion.get_feature_availability" Ingestion Get "/v1.0/ingestion/products/{productId}/featureavailabilities/{featureAvailabilityId}" ["$expand"] false "Get a feature availability" => "" "FeatureAvailability";
    "ingestion.update_feature_availability" Ingestion Put "/v1.0/ingestion/products/{productId}/featureavailabilities/{featureAvailabilityId}" ["$expand"] true "Update a feature availability" => "FeatureAvailability" "FeatureAvailability";
    // certification reports, lead configuration, supplemental content, co-sell, reseller configuration
    "ingestion.get_submission_reports" Ingestion Get "/v1.0/ingestion/products/{productId}/submissions/{submissionId}/reports" [] false "Get a submission's certification reports" => "" "Page<CertificationReport>";
    "ingestion.get_lead_configuration" Ingestion Get "/v1.0/ingestion/products/{productId}/leadconfiguration" [] false "Get a product's lead configuration" => "" "LeadConfiguration";
    "ingestion.create_lead_configuration" Ingestion Post "/v1.0/ingestion/products/{productId}/leadconfiguration" [] true "Create a product's lead configuration" => "LeadConfiguration" "LeadConfiguration";
    "ingestion.get_supplemental_contents_by_instance" Ingestion Get "/v1.0/ingestion/products/{productId}/supplementalcontents/getByInstanceID(instanceID={instanceId})" [] false "Get the supplemental contents of a branch instance" => "" "Page<SupplementalContent>";
    "ingestion.get_supplemental_content" Ingestion Get "/v1.0/ingestion/products/{productId}/supplementalContents/{instanceId}" [] false "Get a supplemental content" => "" "SupplementalContent";
    "ingestion.update_supplemental_content" Ingestion Put "/v1.0/ingestion/products/{productId}/supplementalContents/{instanceId}" [] true "Update a supplemental content" => "SupplementalContent" "SupplementalContent";
    "ingestion.commit_supplemental_content" Ingestion Post "/v1.0/ingestion/products/{productId}/supplementalContents/{instanceId}/commit" [] false "Commit a supplemental content" => "" "SupplementalContent";
    "ingestion.list_cosell_assets" Ingestion Get "/v1.0/ingestion/products/{productId}/cosellAssets" [] false "List a product's co-sell assets" => "" "Page<CosellAsset>";
    "ingestion.create_cosell_asset" Ingestion Post "/v1.0/ingestion/products/{productId}/cosellAssets" [] true "Create a co-sell asset (returns fileSasUri)" => "CosellAsset" "CosellAsset";
    "ingestion.get_cosell_assets_by_instance" Ingestion Get "/v1.0/ingestion/products/{productId}/cosellAssets/getByInstanceID(instanceID={instanceId})" [] false "Get the co-sell assets of a co-sell listing instance" => "" "Page<CosellAsset>";
    "ingestion.get_cosell_asset" Ingestion Get "/v1.0/ingestion/products/{productId}/cosellAssets/{cosellAssetId}" [] false "Get a co-sell asset" => "" "CosellAsset";
    "ingestion.update_cosell_asset" Ingestion Put "/v1.0/ingestion/products/{productId}/cosellAssets/{cosellAssetId}" [] true "Update a co-sell asset (e.g. mark Uploaded)" => "CosellAsset" "CosellAsset";
    "ingestion.delete_cosell_asset" Ingestion Delete "/v1.0/ingestion/products/{productId}/cosellAssets/{cosellAssetId}" [] false "Delete a co-sell asset" => "" "";
    "ingestion.get_cosell_listing" Ingestion Get "/v1.0/ingestion/products/{productId}/cosellListing/{instanceId}" [] false "Get a co-sell listing" => "" "CosellListing";
    "ingestion.update_cosell_listing" Ingestion Put "/v1.0/ingestion/products/{productId}/cosellListing/{instanceId}" [] true "Update a co-sell listing" => "CosellListing" "CosellListing";
    "ingestion.get_cosell_listings_by_instance" Ingestion Get "/v1.0/ingestion/products/{productId}/cosellListing/getByInstanceID(instanceID={instanceId})" [] false "Get the co-sell listings of a branch instance" => "" "Page<CosellListing>";
    "ingestion.get_reseller_configuration" Ingestion Get "/v1.0/ingestion/products/{productId}/resellerConfiguration" [] false "Get a product's reseller configuration" => "" "ResellerConfiguration";
    "ingestion.create_reseller_configuration" Ingestion Post "/v1.0/ingestion/products/{productId}/resellerConfiguration" [] true "Create a product's reseller configuration" => "ResellerConfiguration" "ResellerConfiguration";
}

/// The operation with the given id.
pub fn operation(id: &str) -> Option<&'static Operation> {
    OPERATIONS.iter().find(|o| o.id == id)
}

/// The operation with the given id, looked up while compiling: in a `const` (as the workflows name
/// their operations, through `flow::op!`), an id the table does not hold stops the build, so a
/// misspelled operation is a compile error rather than a run-time `unknown operation`. Bindings, which
/// get ids from the manifest at run time, use [`operation`] or [`super::build`].
///
/// ```
/// use storesubmit::api::routes::{operation_by_id, Operation};
/// const GET_APP: &Operation = operation_by_id("devcenter.get_app");
/// assert_eq!(GET_APP.id, "devcenter.get_app");
/// ```
///
/// ```compile_fail,E0080
/// use storesubmit::api::routes::{operation_by_id, Operation};
/// const TYPO: &Operation = operation_by_id("devcenter.get_ap");
/// ```
///
/// # Panics
/// When no operation has that id (during compilation, when evaluated in a `const`).
pub const fn operation_by_id(id: &str) -> &'static Operation {
    let mut i = 0;
    while i < OPERATIONS.len() {
        if same_str(OPERATIONS[i].id, id) {
            return &OPERATIONS[i];
        }
        i += 1;
    }
    panic!("no operation of the route table has this id")
}

/// `a == b` for a `const fn`.
const fn same_str(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// Decoded path placeholder values of a matched route, in template order (`("productId", "9N…")`).
pub type PathParams = Vec<(&'static str, String)>;

/// Matches a path (no query string, already stripped of the service root) against the operations of a
/// family. Returns the operation and the decoded placeholder values. Literal segments match
/// case-insensitively (the services are case-insensitive); when several operations match, the one with
/// the most literal characters wins (so `packages/commit` beats `packages/{packageId}`).
pub fn match_route(family: Family, method: Method, path: &str) -> Option<(&'static Operation, PathParams)> {
    let actual: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    let mut best: Option<(usize, &'static Operation, PathParams)> = None;
    for op in OPERATIONS.iter().filter(|o| o.family == family && o.method == method) {
        let tmpl: Vec<&'static str> = op.path.split('/').collect();
        if tmpl.len() != actual.len() {
            continue;
        }
        let mut params = Vec::new();
        let mut literal = 0usize;
        let mut ok = true;
        for (t, a) in tmpl.iter().zip(&actual) {
            match segment_match(t, a) {
                Some((lit, p)) => {
                    literal += lit;
                    if let Some(p) = p {
                        params.push(p);
                    }
                }
                None => {
                    ok = false;
                    break;
                }
            }
        }
        if ok && best.as_ref().is_none_or(|(l, _, _)| literal > *l) {
            best = Some((literal, op, params));
        }
    }
    best.map(|(_, op, params)| (op, params))
}

/// Matches one segment; returns the number of literal characters matched and the placeholder value.
fn segment_match(template: &'static str, actual: &str) -> Option<(usize, Option<(&'static str, String)>)> {
    match template.find('{') {
        None => template.eq_ignore_ascii_case(actual).then_some((template.len(), None)),
        Some(open) => {
            let close = template.find('}')?;
            let (prefix, name, suffix) = (&template[..open], &template[open + 1..close], &template[close + 1..]);
            if actual.len() < prefix.len() + suffix.len() + 1 {
                return None;
            }
            let (a_prefix, rest) = actual.split_at(prefix.len());
            let (value, a_suffix) = rest.split_at(rest.len() - suffix.len());
            if !a_prefix.eq_ignore_ascii_case(prefix) || !a_suffix.eq_ignore_ascii_case(suffix) {
                return None;
            }
            let decoded = percent_encoding::percent_decode_str(value).decode_utf8().ok()?.into_owned();
            Some((prefix.len() + suffix.len(), Some((name, decoded))))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_prefixed_by_family() {
        let mut seen = std::collections::HashSet::new();
        for op in OPERATIONS {
            assert!(seen.insert(op.id), "duplicate {}", op.id);
            assert!(op.id.starts_with(&format!("{}.", op.family.as_str())), "{}", op.id);
        }
    }

    #[test]
    fn every_operation_matches_its_own_template() {
        for op in OPERATIONS {
            let path = op.path.replace('{', "X").replace('}', "");
            let (m, _) = match_route(op.family, op.method, &path).unwrap_or_else(|| panic!("{}", op.id));
            assert_eq!(m.id, op.id);
        }
    }

    #[test]
    fn literal_beats_placeholder_and_params_decode() {
        let (op, p) = match_route(Family::Win32, Method::Post, "/submission/v1/product/9N1/packages/commit").unwrap();
        assert_eq!(op.id, "win32.commit_packages");
        assert_eq!(p, vec![("productId", "9N1".to_string())]);
        let (op, p) = match_route(Family::Win32, Method::Patch, "/submission/v1/product/9N1/packages/a%20b").unwrap();
        assert_eq!(op.id, "win32.patch_package");
        assert_eq!(p[1], ("packageId", "a b".to_string()));
        let (op, p) = match_route(
            Family::Ingestion,
            Method::Get,
            "/v1.0/ingestion/products/p1/branches/getByModule(module=Listing)",
        )
        .unwrap();
        assert_eq!(op.id, "ingestion.list_branches_by_module");
        assert_eq!(p[1], ("module", "Listing".to_string()));
        assert!(match_route(Family::Devcenter, Method::Get, "/v1.0/my/nothing").is_none());
    }
}
