//! Typed request builders and response parsers for the Partner Center ingestion API
//! (`{ingestion root}/v1.0/ingestion/...`): one builder per swagger operation (all 78) — products and
//! their setup, branches, listings with images, assets and videos, packages and package configurations,
//! properties, product and feature availability, variants (plans), submissions with validations, workflow
//! details and certification reports, supplemental content, lead configuration, co-sell assets and
//! listings, reseller configuration.
//!
//! Builders are thin wrappers over [`OpRequest`] (every path lives in [`super::routes`]). Updates (PUT)
//! send the resource's `@odata.etag` as `If-Match`; a stale tag makes the service answer `412`, which the
//! parsers turn into `precondition_failed` (re-read, re-apply, retry). Lists are OData pages; follow
//! `@odata.nextLink` (absolute or relative) with [`Ingestion::next_page`].
//!
//! ```
//! use storesubmit::api::{ingestion::Ingestion, Endpoints};
//! let ep = Endpoints::production();
//! let api = Ingestion::new(&ep);
//! let req = api.get_product("p-1").unwrap();
//! assert_eq!(req.url, "https://api.partner.microsoft.com/v1.0/ingestion/products/p-1");
//! ```

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use super::routes::INGESTION_PREFIX;
use super::{parse_empty, parse_json, Endpoints, Family, OpRequest};
use crate::error::{Error, Result};
use crate::http::{HttpRequest, HttpResponse, Method};
use crate::model::ingestion::{
    Branch, BranchModule, CertificationReport, CosellAsset, CosellListing, ETagged, FeatureAvailability,
    LeadConfiguration, Listing, ListingAsset, ListingImage, ListingVideo, Package, PackageConfiguration, Page, Product,
    ProductAvailability, ProductSetup, Property, ResellerConfiguration, Submission, SubmissionCreationRequest,
    SupplementalContent, ValidationItem, Variant, WorkflowDetail,
};

/// Request builder against one set of endpoints.
#[derive(Clone, Copy, Debug)]
pub struct Ingestion<'a> {
    endpoints: &'a Endpoints,
}

fn to_body<T: Serialize>(op: &str, value: &T) -> Result<Value> {
    let v = serde_json::to_value(value)
        .map_err(|e| Error::invalid_argument(format!("{op}: body cannot be serialised: {e}")))?;
    if !v.is_object() {
        return Err(Error::invalid_argument(format!("{op}: body must be a JSON object")));
    }
    Ok(v)
}

impl<'a> Ingestion<'a> {
    /// A builder for these endpoints.
    pub fn new(endpoints: &'a Endpoints) -> Self {
        Ingestion { endpoints }
    }

    fn op(&self, id: &str, product_id: &str) -> Result<OpRequest<'a>> {
        Ok(OpRequest::new(self.endpoints, id)?.param("productId", product_id))
    }

    /// A request for `id` on a product with further path parameters (`(name, value)`, in any order).
    fn at(&self, id: &str, product_id: &str, params: &[(&str, &str)]) -> Result<OpRequest<'a>> {
        Ok(params.iter().fold(self.op(id, product_id)?, |r, (n, v)| r.param(n, *v)))
    }

    /// A bodyless call (get, list, delete, commit) on a product.
    fn plain(&self, id: &str, product_id: &str, params: &[(&str, &str)]) -> Result<HttpRequest> {
        self.at(id, product_id, params)?.build()
    }

    /// A create (POST with the resource as body) on a product.
    fn create<T: Serialize>(
        &self,
        id: &str,
        product_id: &str,
        params: &[(&str, &str)],
        body: &T,
    ) -> Result<HttpRequest> {
        let b = to_body(id, body)?;
        self.at(id, product_id, params)?.json(b).build()
    }

    /// An update: body plus `If-Match` from the resource's `@odata.etag`. `etag_required`: the swagger
    /// declares `If-Match` required for this operation.
    fn update<T: Serialize + ETagged>(
        &self,
        r: OpRequest<'a>,
        op: &str,
        resource: &T,
        etag_required: bool,
    ) -> Result<HttpRequest> {
        let body = to_body(op, resource)?;
        let r = match resource.etag() {
            Some(tag) => r.header("If-Match", tag),
            None if etag_required => {
                return Err(Error::invalid_argument(format!(
                    "{op}: the resource has no `@odata.etag` (read it first; the update needs If-Match)"
                )))
            }
            None => r,
        };
        r.json(body).build()
    }

    /// `ingestion.list_products`, optionally with an OData `$filter`.
    ///
    /// # Errors
    /// Never for valid input; `invalid_argument` if the route table changed.
    pub fn list_products(&self, filter: Option<&str>) -> Result<HttpRequest> {
        OpRequest::new(self.endpoints, "ingestion.list_products")?.query_opt("$filter", filter).build()
    }

    /// `ingestion.create_product`.
    ///
    /// # Errors
    /// `invalid_argument` when the body cannot be serialised.
    pub fn create_product(&self, product: &Product) -> Result<HttpRequest> {
        let b = to_body("ingestion.create_product", product)?;
        OpRequest::new(self.endpoints, "ingestion.create_product")?.json(b).build()
    }

    /// `ingestion.get_product`.
    ///
    /// # Errors
    /// `invalid_argument` for an empty id.
    pub fn get_product(&self, product_id: &str) -> Result<HttpRequest> {
        self.op("ingestion.get_product", product_id)?.build()
    }

    /// `ingestion.delete_product`.
    ///
    /// # Errors
    /// `invalid_argument` for an empty id.
    pub fn delete_product(&self, product_id: &str) -> Result<HttpRequest> {
        self.op("ingestion.delete_product", product_id)?.build()
    }

    /// `ingestion.get_product_setup`.
    ///
    /// # Errors
    /// `invalid_argument` for an empty id.
    pub fn get_product_setup(&self, product_id: &str) -> Result<HttpRequest> {
        self.op("ingestion.get_product_setup", product_id)?.build()
    }

    /// `ingestion.list_branches_by_module`.
    ///
    /// # Errors
    /// `invalid_argument` for an empty id or module.
    pub fn list_branches_by_module(&self, product_id: &str, module: &BranchModule) -> Result<HttpRequest> {
        self.op("ingestion.list_branches_by_module", product_id)?.param("module", module.as_str()).build()
    }

    /// `ingestion.get_listing`.
    ///
    /// # Errors
    /// `invalid_argument` for an empty id.
    pub fn get_listing(&self, product_id: &str, listing_id: &str) -> Result<HttpRequest> {
        self.op("ingestion.get_listing", product_id)?.param("listingId", listing_id).build()
    }

    /// `ingestion.update_listing`, with `If-Match` from the listing's `@odata.etag` (required).
    ///
    /// # Errors
    /// `invalid_argument` for an empty id or a listing without `@odata.etag`.
    pub fn update_listing(&self, product_id: &str, listing_id: &str, listing: &Listing) -> Result<HttpRequest> {
        let r = self.op("ingestion.update_listing", product_id)?.param("listingId", listing_id);
        self.update(r, "ingestion.update_listing", listing, true)
    }

    /// `ingestion.get_listings_by_instance`.
    ///
    /// # Errors
    /// `invalid_argument` for an empty id.
    pub fn get_listings_by_instance(&self, product_id: &str, instance_id: &str) -> Result<HttpRequest> {
        self.op("ingestion.get_listings_by_instance", product_id)?.param("instanceId", instance_id).build()
    }

    /// `ingestion.list_listing_images`.
    ///
    /// # Errors
    /// `invalid_argument` for an empty id.
    pub fn list_listing_images(&self, product_id: &str, listing_id: &str) -> Result<HttpRequest> {
        self.op("ingestion.list_listing_images", product_id)?.param("listingId", listing_id).build()
    }

    /// `ingestion.create_listing_image` (the response carries the SAS `fileSasUri`).
    ///
    /// # Errors
    /// `invalid_argument` for an empty id.
    pub fn create_listing_image(
        &self,
        product_id: &str,
        listing_id: &str,
        image: &ListingImage,
    ) -> Result<HttpRequest> {
        let b = to_body("ingestion.create_listing_image", image)?;
        self.op("ingestion.create_listing_image", product_id)?.param("listingId", listing_id).json(b).build()
    }

    /// `ingestion.get_listing_image`.
    ///
    /// # Errors
    /// `invalid_argument` for an empty id.
    pub fn get_listing_image(&self, product_id: &str, listing_id: &str, image_id: &str) -> Result<HttpRequest> {
        self.op("ingestion.get_listing_image", product_id)?
            .param("listingId", listing_id)
            .param("imageId", image_id)
            .build()
    }

    /// `ingestion.update_listing_image` (e.g. state `Uploaded`), with `If-Match` (required).
    ///
    /// # Errors
    /// `invalid_argument` for an empty id or an image without `@odata.etag`.
    pub fn update_listing_image(
        &self,
        product_id: &str,
        listing_id: &str,
        image_id: &str,
        image: &ListingImage,
    ) -> Result<HttpRequest> {
        let r = self
            .op("ingestion.update_listing_image", product_id)?
            .param("listingId", listing_id)
            .param("imageId", image_id);
        self.update(r, "ingestion.update_listing_image", image, true)
    }

    /// `ingestion.list_packages`.
    ///
    /// # Errors
    /// `invalid_argument` for an empty id.
    pub fn list_packages(&self, product_id: &str) -> Result<HttpRequest> {
        self.op("ingestion.list_packages", product_id)?.build()
    }

    /// `ingestion.create_package` (the response carries the SAS `fileSasUri`).
    ///
    /// # Errors
    /// `invalid_argument` for an empty id.
    pub fn create_package(&self, product_id: &str, package: &Package) -> Result<HttpRequest> {
        let b = to_body("ingestion.create_package", package)?;
        self.op("ingestion.create_package", product_id)?.json(b).build()
    }

    /// `ingestion.get_package`.
    ///
    /// # Errors
    /// `invalid_argument` for an empty id.
    pub fn get_package(&self, product_id: &str, package_id: &str) -> Result<HttpRequest> {
        self.op("ingestion.get_package", product_id)?.param("packageId", package_id).build()
    }

    /// `ingestion.update_package` (e.g. state `Uploaded`). `If-Match` is sent when the package has an
    /// `@odata.etag` (the swagger does not require it for packages).
    ///
    /// # Errors
    /// `invalid_argument` for an empty id.
    pub fn update_package(&self, product_id: &str, package_id: &str, package: &Package) -> Result<HttpRequest> {
        let r = self.op("ingestion.update_package", product_id)?.param("packageId", package_id);
        self.update(r, "ingestion.update_package", package, false)
    }

    /// `ingestion.delete_package`.
    ///
    /// # Errors
    /// `invalid_argument` for an empty id.
    pub fn delete_package(&self, product_id: &str, package_id: &str) -> Result<HttpRequest> {
        self.op("ingestion.delete_package", product_id)?.param("packageId", package_id).build()
    }

    /// `ingestion.get_package_configuration`.
    ///
    /// # Errors
    /// `invalid_argument` for an empty id.
    pub fn get_package_configuration(&self, product_id: &str, configuration_id: &str) -> Result<HttpRequest> {
        self.op("ingestion.get_package_configuration", product_id)?
            .param("packageConfigurationId", configuration_id)
            .build()
    }

    /// `ingestion.update_package_configuration`, with `If-Match` (required).
    ///
    /// # Errors
    /// `invalid_argument` for an empty id or a configuration without `@odata.etag`.
    pub fn update_package_configuration(
        &self,
        product_id: &str,
        configuration_id: &str,
        configuration: &PackageConfiguration,
    ) -> Result<HttpRequest> {
        let r = self
            .op("ingestion.update_package_configuration", product_id)?
            .param("packageConfigurationId", configuration_id);
        self.update(r, "ingestion.update_package_configuration", configuration, true)
    }

    /// `ingestion.get_package_configurations_by_instance`.
    ///
    /// # Errors
    /// `invalid_argument` for an empty id.
    pub fn get_package_configurations_by_instance(&self, product_id: &str, instance_id: &str) -> Result<HttpRequest> {
        self.op("ingestion.get_package_configurations_by_instance", product_id)?
            .param("instanceId", instance_id)
            .build()
    }

    /// `ingestion.list_submissions`.
    ///
    /// # Errors
    /// `invalid_argument` for an empty id.
    pub fn list_submissions(&self, product_id: &str) -> Result<HttpRequest> {
        self.op("ingestion.list_submissions", product_id)?.build()
    }

    /// `ingestion.create_submission`.
    ///
    /// # Errors
    /// `invalid_argument` for an empty id.
    pub fn create_submission(&self, product_id: &str, request: &SubmissionCreationRequest) -> Result<HttpRequest> {
        let b = to_body("ingestion.create_submission", request)?;
        self.op("ingestion.create_submission", product_id)?.json(b).build()
    }

    /// `ingestion.get_submission`.
    ///
    /// # Errors
    /// `invalid_argument` for an empty id.
    pub fn get_submission(&self, product_id: &str, submission_id: &str) -> Result<HttpRequest> {
        self.op("ingestion.get_submission", product_id)?.param("submissionId", submission_id).build()
    }

    /// `ingestion.delete_submission` (cancels it).
    ///
    /// # Errors
    /// `invalid_argument` for an empty id.
    pub fn delete_submission(&self, product_id: &str, submission_id: &str) -> Result<HttpRequest> {
        self.op("ingestion.delete_submission", product_id)?.param("submissionId", submission_id).build()
    }

    /// `ingestion.promote_submission` (preview to live).
    ///
    /// # Errors
    /// `invalid_argument` for an empty id.
    pub fn promote_submission(&self, product_id: &str, submission_id: &str) -> Result<HttpRequest> {
        self.op("ingestion.promote_submission", product_id)?.param("submissionId", submission_id).build()
    }

    /// `ingestion.get_submission_validations`.
    ///
    /// # Errors
    /// `invalid_argument` for an empty id.
    pub fn get_submission_validations(&self, product_id: &str, submission_id: &str) -> Result<HttpRequest> {
        self.op("ingestion.get_submission_validations", product_id)?.param("submissionId", submission_id).build()
    }

    /// `ingestion.get_submission_workflow`.
    ///
    /// # Errors
    /// `invalid_argument` for an empty id.
    pub fn get_submission_workflow(&self, product_id: &str, submission_id: &str) -> Result<HttpRequest> {
        self.op("ingestion.get_submission_workflow", product_id)?.param("submissionId", submission_id).build()
    }

    /// `ingestion.create_product_setup`: create the product's setup.
    ///
    /// # Errors
    /// `invalid_argument` for an empty id or a body that is not a JSON object.
    pub fn create_product_setup(&self, product_id: &str, setup: &ProductSetup) -> Result<HttpRequest> {
        self.create("ingestion.create_product_setup", product_id, &[], setup)
    }

    /// `ingestion.list_product_availabilities`: the product's availabilities.
    ///
    /// # Errors
    /// `invalid_argument` for an empty id.
    pub fn list_product_availabilities(&self, product_id: &str) -> Result<HttpRequest> {
        self.plain("ingestion.list_product_availabilities", product_id, &[])
    }

    /// `ingestion.create_product_availability`: create a product availability.
    ///
    /// # Errors
    /// `invalid_argument` for an empty id or a body that is not a JSON object.
    pub fn create_product_availability(
        &self,
        product_id: &str,
        availability: &ProductAvailability,
    ) -> Result<HttpRequest> {
        self.create("ingestion.create_product_availability", product_id, &[], availability)
    }

    /// `ingestion.get_product_availability`: a product availability.
    ///
    /// # Errors
    /// `invalid_argument` for an empty id.
    pub fn get_product_availability(&self, product_id: &str, availability_id: &str) -> Result<HttpRequest> {
        self.plain("ingestion.get_product_availability", product_id, &[("productAvailabilityId", availability_id)])
    }

    /// `ingestion.update_product_availability`: update a product availability, with `If-Match` from the resource's `@odata.etag` (required).
    ///
    /// # Errors
    /// `invalid_argument` for an empty id or a resource without `@odata.etag`.
    pub fn update_product_availability(
        &self,
        product_id: &str,
        availability_id: &str,
        availability: &ProductAvailability,
    ) -> Result<HttpRequest> {
        let r = self.at(
            "ingestion.update_product_availability",
            product_id,
            &[("productAvailabilityId", availability_id)],
        )?;
        self.update(r, "ingestion.update_product_availability", availability, true)
    }

    /// `ingestion.get_product_availabilities_by_instance`: the product availabilities of a branch instance.
    ///
    /// # Errors
    /// `invalid_argument` for an empty id.
    pub fn get_product_availabilities_by_instance(&self, product_id: &str, instance_id: &str) -> Result<HttpRequest> {
        self.plain("ingestion.get_product_availabilities_by_instance", product_id, &[("instanceId", instance_id)])
    }

    /// `ingestion.list_properties`: the product's properties.
    ///
    /// # Errors
    /// `invalid_argument` for an empty id.
    pub fn list_properties(&self, product_id: &str) -> Result<HttpRequest> {
        self.plain("ingestion.list_properties", product_id, &[])
    }

    /// `ingestion.create_property`: create a property.
    ///
    /// # Errors
    /// `invalid_argument` for an empty id or a body that is not a JSON object.
    pub fn create_property(&self, product_id: &str, property: &Property) -> Result<HttpRequest> {
        self.create("ingestion.create_property", product_id, &[], property)
    }

    /// `ingestion.get_property`: a property.
    ///
    /// # Errors
    /// `invalid_argument` for an empty id.
    pub fn get_property(&self, product_id: &str, property_id: &str) -> Result<HttpRequest> {
        self.plain("ingestion.get_property", product_id, &[("propertyId", property_id)])
    }

    /// `ingestion.update_property`: update a property, with `If-Match` from the resource's `@odata.etag` (required).
    ///
    /// # Errors
    /// `invalid_argument` for an empty id or a resource without `@odata.etag`.
    pub fn update_property(&self, product_id: &str, property_id: &str, property: &Property) -> Result<HttpRequest> {
        let r = self.at("ingestion.update_property", product_id, &[("propertyId", property_id)])?;
        self.update(r, "ingestion.update_property", property, true)
    }

    /// `ingestion.get_properties_by_instance`: the properties of a branch instance.
    ///
    /// # Errors
    /// `invalid_argument` for an empty id.
    pub fn get_properties_by_instance(&self, product_id: &str, instance_id: &str) -> Result<HttpRequest> {
        self.plain("ingestion.get_properties_by_instance", product_id, &[("instanceId", instance_id)])
    }

    /// `ingestion.delete_listing`: delete a listing.
    ///
    /// # Errors
    /// `invalid_argument` for an empty id.
    pub fn delete_listing(&self, product_id: &str, listing_id: &str) -> Result<HttpRequest> {
        self.plain("ingestion.delete_listing", product_id, &[("listingId", listing_id)])
    }

    /// `ingestion.create_listing_with_instance`: create a listing (e.g. another language) in a branch instance.
    ///
    /// # Errors
    /// `invalid_argument` for an empty id or a body that is not a JSON object.
    pub fn create_listing_with_instance(
        &self,
        product_id: &str,
        instance_id: &str,
        listing: &Listing,
    ) -> Result<HttpRequest> {
        self.create("ingestion.create_listing_with_instance", product_id, &[("instanceId", instance_id)], listing)
    }

    /// `ingestion.list_listing_assets`: a listing's assets.
    ///
    /// `expand`: the OData `$expand` (e.g. `FileSasUri`).
    ///
    /// # Errors
    /// `invalid_argument` for an empty id.
    pub fn list_listing_assets(&self, product_id: &str, listing_id: &str, expand: Option<&str>) -> Result<HttpRequest> {
        self.at("ingestion.list_listing_assets", product_id, &[("listingId", listing_id)])?
            .query_opt("$expand", expand)
            .build()
    }

    /// `ingestion.create_listing_asset`: create a listing asset (the response carries the SAS `fileSasUri`).
    ///
    /// # Errors
    /// `invalid_argument` for an empty id or a body that is not a JSON object.
    pub fn create_listing_asset(
        &self,
        product_id: &str,
        listing_id: &str,
        asset: &ListingAsset,
    ) -> Result<HttpRequest> {
        self.create("ingestion.create_listing_asset", product_id, &[("listingId", listing_id)], asset)
    }

    /// `ingestion.get_listing_asset`: a listing asset.
    ///
    /// `expand`: the OData `$expand` (e.g. `FileSasUri`).
    ///
    /// # Errors
    /// `invalid_argument` for an empty id.
    pub fn get_listing_asset(
        &self,
        product_id: &str,
        listing_id: &str,
        asset_id: &str,
        expand: Option<&str>,
    ) -> Result<HttpRequest> {
        self.at("ingestion.get_listing_asset", product_id, &[("listingId", listing_id), ("assetId", asset_id)])?
            .query_opt("$expand", expand)
            .build()
    }

    /// `ingestion.update_listing_asset`: update a listing asset (e.g. state `Uploaded`). `If-Match` is sent when the resource has an `@odata.etag` (the
    /// swagger does not require it here).
    ///
    /// # Errors
    /// `invalid_argument` for an empty id.
    pub fn update_listing_asset(
        &self,
        product_id: &str,
        listing_id: &str,
        asset_id: &str,
        asset: &ListingAsset,
    ) -> Result<HttpRequest> {
        let r =
            self.at("ingestion.update_listing_asset", product_id, &[("listingId", listing_id), ("assetId", asset_id)])?;
        self.update(r, "ingestion.update_listing_asset", asset, false)
    }

    /// `ingestion.delete_listing_asset`: delete a listing asset.
    ///
    /// # Errors
    /// `invalid_argument` for an empty id.
    pub fn delete_listing_asset(&self, product_id: &str, listing_id: &str, asset_id: &str) -> Result<HttpRequest> {
        self.plain("ingestion.delete_listing_asset", product_id, &[("listingId", listing_id), ("assetId", asset_id)])
    }

    /// `ingestion.delete_listing_image`: delete a listing image.
    ///
    /// # Errors
    /// `invalid_argument` for an empty id.
    pub fn delete_listing_image(&self, product_id: &str, listing_id: &str, image_id: &str) -> Result<HttpRequest> {
        self.plain("ingestion.delete_listing_image", product_id, &[("listingId", listing_id), ("imageId", image_id)])
    }

    /// `ingestion.list_listing_videos`: a listing's videos.
    ///
    /// `expand`: the OData `$expand` (e.g. `FileSasUri`).
    ///
    /// # Errors
    /// `invalid_argument` for an empty id.
    pub fn list_listing_videos(&self, product_id: &str, listing_id: &str, expand: Option<&str>) -> Result<HttpRequest> {
        self.at("ingestion.list_listing_videos", product_id, &[("listingId", listing_id)])?
            .query_opt("$expand", expand)
            .build()
    }

    /// `ingestion.create_listing_video`: create a listing video (the response carries the SAS `fileSasUri`).
    ///
    /// # Errors
    /// `invalid_argument` for an empty id or a body that is not a JSON object.
    pub fn create_listing_video(
        &self,
        product_id: &str,
        listing_id: &str,
        video: &ListingVideo,
    ) -> Result<HttpRequest> {
        self.create("ingestion.create_listing_video", product_id, &[("listingId", listing_id)], video)
    }

    /// `ingestion.get_listing_video`: a listing video.
    ///
    /// `expand`: the OData `$expand` (e.g. `FileSasUri`).
    ///
    /// # Errors
    /// `invalid_argument` for an empty id.
    pub fn get_listing_video(
        &self,
        product_id: &str,
        listing_id: &str,
        video_id: &str,
        expand: Option<&str>,
    ) -> Result<HttpRequest> {
        self.at("ingestion.get_listing_video", product_id, &[("listingId", listing_id), ("videoId", video_id)])?
            .query_opt("$expand", expand)
            .build()
    }

    /// `ingestion.update_listing_video`: update a listing video (e.g. state `Uploaded`). `If-Match` is sent when the resource has an `@odata.etag` (the
    /// swagger does not require it here).
    ///
    /// # Errors
    /// `invalid_argument` for an empty id.
    pub fn update_listing_video(
        &self,
        product_id: &str,
        listing_id: &str,
        video_id: &str,
        video: &ListingVideo,
    ) -> Result<HttpRequest> {
        let r =
            self.at("ingestion.update_listing_video", product_id, &[("listingId", listing_id), ("videoId", video_id)])?;
        self.update(r, "ingestion.update_listing_video", video, false)
    }

    /// `ingestion.delete_listing_video`: delete a listing video.
    ///
    /// # Errors
    /// `invalid_argument` for an empty id.
    pub fn delete_listing_video(&self, product_id: &str, listing_id: &str, video_id: &str) -> Result<HttpRequest> {
        self.plain("ingestion.delete_listing_video", product_id, &[("listingId", listing_id), ("videoId", video_id)])
    }

    /// `ingestion.list_variants`: the product's variants (plans); follow `@odata.nextLink` with [`Ingestion::next_page`].
    ///
    /// # Errors
    /// `invalid_argument` for an empty id.
    pub fn list_variants(&self, product_id: &str) -> Result<HttpRequest> {
        self.plain("ingestion.list_variants", product_id, &[])
    }

    /// `ingestion.create_variant`: create a variant (plan).
    ///
    /// # Errors
    /// `invalid_argument` for an empty id or a body that is not a JSON object.
    pub fn create_variant(&self, product_id: &str, variant: &Variant) -> Result<HttpRequest> {
        self.create("ingestion.create_variant", product_id, &[], variant)
    }

    /// `ingestion.get_variant`: a variant (plan).
    ///
    /// # Errors
    /// `invalid_argument` for an empty id.
    pub fn get_variant(&self, product_id: &str, variant_id: &str) -> Result<HttpRequest> {
        self.plain("ingestion.get_variant", product_id, &[("variantId", variant_id)])
    }

    /// `ingestion.update_variant`: update a variant (plan). `If-Match` is sent when the resource has an `@odata.etag` (the
    /// swagger does not require it here).
    ///
    /// # Errors
    /// `invalid_argument` for an empty id.
    pub fn update_variant(&self, product_id: &str, variant_id: &str, variant: &Variant) -> Result<HttpRequest> {
        let r = self.at("ingestion.update_variant", product_id, &[("variantId", variant_id)])?;
        self.update(r, "ingestion.update_variant", variant, false)
    }

    /// `ingestion.delete_variant`: delete a variant (plan).
    ///
    /// # Errors
    /// `invalid_argument` for an empty id.
    pub fn delete_variant(&self, product_id: &str, variant_id: &str) -> Result<HttpRequest> {
        self.plain("ingestion.delete_variant", product_id, &[("variantId", variant_id)])
    }

    /// `ingestion.get_feature_availabilities_by_instance`: the feature availabilities of a branch instance.
    ///
    /// `expand`: the OData `$expand` (e.g. `FileSasUri`).
    ///
    /// # Errors
    /// `invalid_argument` for an empty id.
    pub fn get_feature_availabilities_by_instance(
        &self,
        product_id: &str,
        instance_id: &str,
        expand: Option<&str>,
    ) -> Result<HttpRequest> {
        self.at("ingestion.get_feature_availabilities_by_instance", product_id, &[("instanceId", instance_id)])?
            .query_opt("$expand", expand)
            .build()
    }

    /// `ingestion.get_feature_availability`: a feature availability (`expand`: e.g. `MarketStates,PriceSchedules,Trial`).
    ///
    /// `expand`: the OData `$expand` (e.g. `FileSasUri`).
    ///
    /// # Errors
    /// `invalid_argument` for an empty id.
    pub fn get_feature_availability(
        &self,
        product_id: &str,
        feature_availability_id: &str,
        expand: Option<&str>,
    ) -> Result<HttpRequest> {
        self.at(
            "ingestion.get_feature_availability",
            product_id,
            &[("featureAvailabilityId", feature_availability_id)],
        )?
        .query_opt("$expand", expand)
        .build()
    }

    /// `ingestion.update_feature_availability`: update a feature availability, with `If-Match` from the resource's `@odata.etag` (required).
    ///
    /// # Errors
    /// `invalid_argument` for an empty id or a resource without `@odata.etag`.
    pub fn update_feature_availability(
        &self,
        product_id: &str,
        feature_availability_id: &str,
        expand: Option<&str>,
        availability: &FeatureAvailability,
    ) -> Result<HttpRequest> {
        let r = self
            .at(
                "ingestion.update_feature_availability",
                product_id,
                &[("featureAvailabilityId", feature_availability_id)],
            )?
            .query_opt("$expand", expand);
        self.update(r, "ingestion.update_feature_availability", availability, true)
    }

    /// `ingestion.get_submission_reports`: a submission's certification reports.
    ///
    /// # Errors
    /// `invalid_argument` for an empty id.
    pub fn get_submission_reports(&self, product_id: &str, submission_id: &str) -> Result<HttpRequest> {
        self.plain("ingestion.get_submission_reports", product_id, &[("submissionId", submission_id)])
    }

    /// `ingestion.get_lead_configuration`: the product's lead configuration.
    ///
    /// # Errors
    /// `invalid_argument` for an empty id.
    pub fn get_lead_configuration(&self, product_id: &str) -> Result<HttpRequest> {
        self.plain("ingestion.get_lead_configuration", product_id, &[])
    }

    /// `ingestion.create_lead_configuration`: create (or replace) the product's lead configuration.
    ///
    /// # Errors
    /// `invalid_argument` for an empty id or a body that is not a JSON object.
    pub fn create_lead_configuration(
        &self,
        product_id: &str,
        configuration: &LeadConfiguration,
    ) -> Result<HttpRequest> {
        self.create("ingestion.create_lead_configuration", product_id, &[], configuration)
    }

    /// `ingestion.get_supplemental_contents_by_instance`: the supplemental contents of a branch instance.
    ///
    /// # Errors
    /// `invalid_argument` for an empty id.
    pub fn get_supplemental_contents_by_instance(&self, product_id: &str, instance_id: &str) -> Result<HttpRequest> {
        self.plain("ingestion.get_supplemental_contents_by_instance", product_id, &[("instanceId", instance_id)])
    }

    /// `ingestion.get_supplemental_content`: the supplemental content of an instance.
    ///
    /// # Errors
    /// `invalid_argument` for an empty id.
    pub fn get_supplemental_content(&self, product_id: &str, instance_id: &str) -> Result<HttpRequest> {
        self.plain("ingestion.get_supplemental_content", product_id, &[("instanceId", instance_id)])
    }

    /// `ingestion.update_supplemental_content`: update the supplemental content of an instance, with `If-Match` from the resource's `@odata.etag` (required).
    ///
    /// # Errors
    /// `invalid_argument` for an empty id or a resource without `@odata.etag`.
    pub fn update_supplemental_content(
        &self,
        product_id: &str,
        instance_id: &str,
        content: &SupplementalContent,
    ) -> Result<HttpRequest> {
        let r = self.at("ingestion.update_supplemental_content", product_id, &[("instanceId", instance_id)])?;
        self.update(r, "ingestion.update_supplemental_content", content, true)
    }

    /// `ingestion.commit_supplemental_content`: commit the supplemental content of an instance.
    ///
    /// # Errors
    /// `invalid_argument` for an empty id.
    pub fn commit_supplemental_content(&self, product_id: &str, instance_id: &str) -> Result<HttpRequest> {
        self.plain("ingestion.commit_supplemental_content", product_id, &[("instanceId", instance_id)])
    }

    /// `ingestion.list_cosell_assets`: the product's co-sell assets.
    ///
    /// # Errors
    /// `invalid_argument` for an empty id.
    pub fn list_cosell_assets(&self, product_id: &str) -> Result<HttpRequest> {
        self.plain("ingestion.list_cosell_assets", product_id, &[])
    }

    /// `ingestion.create_cosell_asset`: create a co-sell asset (the response carries the SAS `fileSasUri`).
    ///
    /// # Errors
    /// `invalid_argument` for an empty id or a body that is not a JSON object.
    pub fn create_cosell_asset(&self, product_id: &str, asset: &CosellAsset) -> Result<HttpRequest> {
        self.create("ingestion.create_cosell_asset", product_id, &[], asset)
    }

    /// `ingestion.get_cosell_assets_by_instance`: the co-sell assets of a co-sell listing instance.
    ///
    /// # Errors
    /// `invalid_argument` for an empty id.
    pub fn get_cosell_assets_by_instance(&self, product_id: &str, instance_id: &str) -> Result<HttpRequest> {
        self.plain("ingestion.get_cosell_assets_by_instance", product_id, &[("instanceId", instance_id)])
    }

    /// `ingestion.get_cosell_asset`: a co-sell asset.
    ///
    /// # Errors
    /// `invalid_argument` for an empty id.
    pub fn get_cosell_asset(&self, product_id: &str, asset_id: &str) -> Result<HttpRequest> {
        self.plain("ingestion.get_cosell_asset", product_id, &[("cosellAssetId", asset_id)])
    }

    /// `ingestion.update_cosell_asset`: update a co-sell asset (e.g. state `Uploaded`). `If-Match` is sent when the resource has an `@odata.etag` (the
    /// swagger does not require it here).
    ///
    /// # Errors
    /// `invalid_argument` for an empty id.
    pub fn update_cosell_asset(&self, product_id: &str, asset_id: &str, asset: &CosellAsset) -> Result<HttpRequest> {
        let r = self.at("ingestion.update_cosell_asset", product_id, &[("cosellAssetId", asset_id)])?;
        self.update(r, "ingestion.update_cosell_asset", asset, false)
    }

    /// `ingestion.delete_cosell_asset`: delete a co-sell asset.
    ///
    /// # Errors
    /// `invalid_argument` for an empty id.
    pub fn delete_cosell_asset(&self, product_id: &str, asset_id: &str) -> Result<HttpRequest> {
        self.plain("ingestion.delete_cosell_asset", product_id, &[("cosellAssetId", asset_id)])
    }

    /// `ingestion.get_cosell_listing`: the co-sell listing of an instance.
    ///
    /// # Errors
    /// `invalid_argument` for an empty id.
    pub fn get_cosell_listing(&self, product_id: &str, instance_id: &str) -> Result<HttpRequest> {
        self.plain("ingestion.get_cosell_listing", product_id, &[("instanceId", instance_id)])
    }

    /// `ingestion.update_cosell_listing`: update the co-sell listing of an instance. `If-Match` is sent when the resource has an `@odata.etag` (the
    /// swagger does not require it here).
    ///
    /// # Errors
    /// `invalid_argument` for an empty id.
    pub fn update_cosell_listing(
        &self,
        product_id: &str,
        instance_id: &str,
        listing: &CosellListing,
    ) -> Result<HttpRequest> {
        let r = self.at("ingestion.update_cosell_listing", product_id, &[("instanceId", instance_id)])?;
        self.update(r, "ingestion.update_cosell_listing", listing, false)
    }

    /// `ingestion.get_cosell_listings_by_instance`: the co-sell listings of a branch instance.
    ///
    /// # Errors
    /// `invalid_argument` for an empty id.
    pub fn get_cosell_listings_by_instance(&self, product_id: &str, instance_id: &str) -> Result<HttpRequest> {
        self.plain("ingestion.get_cosell_listings_by_instance", product_id, &[("instanceId", instance_id)])
    }

    /// `ingestion.get_reseller_configuration`: the product's reseller configuration.
    ///
    /// # Errors
    /// `invalid_argument` for an empty id.
    pub fn get_reseller_configuration(&self, product_id: &str) -> Result<HttpRequest> {
        self.plain("ingestion.get_reseller_configuration", product_id, &[])
    }

    /// `ingestion.create_reseller_configuration`: create (or replace) the product's reseller configuration.
    ///
    /// # Errors
    /// `invalid_argument` for an empty id or a body that is not a JSON object.
    pub fn create_reseller_configuration(
        &self,
        product_id: &str,
        configuration: &ResellerConfiguration,
    ) -> Result<HttpRequest> {
        self.create("ingestion.create_reseller_configuration", product_id, &[], configuration)
    }

    /// The GET for the next page of a list, or `None` on the last page.
    ///
    /// # Errors
    /// See [`Ingestion::next_link_request`].
    pub fn next_page<T>(&self, page: &Page<T>) -> Option<Result<HttpRequest>> {
        page.next().map(|link| self.next_link_request(link))
    }

    /// The GET for an `@odata.nextLink`. An absolute link must be on the ingestion root; a relative one is
    /// resolved against the root (`/v1.0/ingestion/products?...`) or against the API base
    /// (`products?...`, `v1.0/ingestion/products?...`). The query (`$skipToken`, …) is kept verbatim.
    ///
    /// # Errors
    /// `invalid_response` when the link is empty, holds whitespace or control characters, or is absolute on
    /// another host (the bearer token must not go elsewhere).
    pub fn next_link_request(&self, link: &str) -> Result<HttpRequest> {
        let link = link.trim();
        if link.is_empty() || link.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(Error::invalid_response(format!("ingestion: invalid @odata.nextLink {link:?}")));
        }
        let root = self.endpoints.root(Family::Ingestion);
        let url = if link.contains("://") || link.starts_with("//") {
            match strip_prefix_ci(link, root) {
                Some(rest) if rest.starts_with('/') || rest.starts_with('?') => format!("{root}{rest}"),
                _ => {
                    return Err(Error::invalid_response(format!(
                        "ingestion: @odata.nextLink {link:?} is not on the ingestion root {root}"
                    )))
                }
            }
        } else if link.starts_with('/') {
            format!("{root}{link}")
        } else if strip_prefix_ci(link, INGESTION_PREFIX.trim_start_matches('/')).is_some_and(|r| r.starts_with('/')) {
            format!("{root}/{link}")
        } else {
            format!("{root}{INGESTION_PREFIX}/{link}")
        };
        let mut req = HttpRequest::new(Method::Get, url);
        req.headers.push(("Accept".to_string(), "application/json".to_string()));
        Ok(req)
    }
}

fn strip_prefix_ci<'s>(s: &'s str, prefix: &str) -> Option<&'s str> {
    if s.len() >= prefix.len() && s.is_char_boundary(prefix.len()) && s[..prefix.len()].eq_ignore_ascii_case(prefix) {
        Some(&s[prefix.len()..])
    } else {
        None
    }
}

/// Parses any ingestion JSON response into `T`.
///
/// # Errors
/// The mapped [`Error`] for non-2xx (`412` → `precondition_failed`, `409` → `conflict`, …);
/// `invalid_response` for an unexpected body.
pub fn parse<T: DeserializeOwned>(resp: &HttpResponse) -> Result<T> {
    parse_json(resp)
}

/// Parses a product (`get_product`, `create_product`).
///
/// # Errors
/// See [`parse`].
pub fn parse_product(resp: &HttpResponse) -> Result<Product> {
    parse(resp)
}

/// Parses a page of products (`list_products`).
///
/// # Errors
/// See [`parse`].
pub fn parse_products(resp: &HttpResponse) -> Result<Page<Product>> {
    parse(resp)
}

/// Parses a product setup (`get_product_setup`, `create_product_setup`).
///
/// # Errors
/// See [`parse`].
pub fn parse_product_setup(resp: &HttpResponse) -> Result<ProductSetup> {
    parse(resp)
}

/// Parses a page of branches (`list_branches_by_module`).
///
/// # Errors
/// See [`parse`].
pub fn parse_branches(resp: &HttpResponse) -> Result<Page<Branch>> {
    parse(resp)
}

/// Parses a listing (`get_listing`, `update_listing`).
///
/// # Errors
/// See [`parse`].
pub fn parse_listing(resp: &HttpResponse) -> Result<Listing> {
    parse(resp)
}

/// Parses a page of listings (`get_listings_by_instance`).
///
/// # Errors
/// See [`parse`].
pub fn parse_listings(resp: &HttpResponse) -> Result<Page<Listing>> {
    parse(resp)
}

/// Parses a listing image (`create_listing_image`, `get_listing_image`, `update_listing_image`).
///
/// # Errors
/// See [`parse`].
pub fn parse_listing_image(resp: &HttpResponse) -> Result<ListingImage> {
    parse(resp)
}

/// Parses a page of listing images (`list_listing_images`).
///
/// # Errors
/// See [`parse`].
pub fn parse_listing_images(resp: &HttpResponse) -> Result<Page<ListingImage>> {
    parse(resp)
}

/// Parses a package (`create_package`, `get_package`, `update_package`).
///
/// # Errors
/// See [`parse`].
pub fn parse_package(resp: &HttpResponse) -> Result<Package> {
    parse(resp)
}

/// Parses a page of packages (`list_packages`).
///
/// # Errors
/// See [`parse`].
pub fn parse_packages(resp: &HttpResponse) -> Result<Page<Package>> {
    parse(resp)
}

/// Parses a package configuration (`get_package_configuration`, `update_package_configuration`).
///
/// # Errors
/// See [`parse`].
pub fn parse_package_configuration(resp: &HttpResponse) -> Result<PackageConfiguration> {
    parse(resp)
}

/// Parses a page of package configurations (`get_package_configurations_by_instance`).
///
/// # Errors
/// See [`parse`].
pub fn parse_package_configurations(resp: &HttpResponse) -> Result<Page<PackageConfiguration>> {
    parse(resp)
}

/// Parses a submission (`create_submission`, `get_submission`).
///
/// # Errors
/// See [`parse`].
pub fn parse_submission(resp: &HttpResponse) -> Result<Submission> {
    parse(resp)
}

/// Parses the answer to `promote_submission`: the swagger declares a workflow detail (read the
/// submission for its state).
///
/// # Errors
/// See [`parse`].
pub fn parse_promote(resp: &HttpResponse) -> Result<WorkflowDetail> {
    parse(resp)
}

/// Parses a page of submissions (`list_submissions`).
///
/// # Errors
/// See [`parse`].
pub fn parse_submissions(resp: &HttpResponse) -> Result<Page<Submission>> {
    parse(resp)
}

/// Parses a page of validation results (`get_submission_validations`).
///
/// # Errors
/// See [`parse`].
pub fn parse_validations(resp: &HttpResponse) -> Result<Page<ValidationItem>> {
    parse(resp)
}

/// Parses a page of workflow details (`get_submission_workflow`).
///
/// # Errors
/// See [`parse`].
pub fn parse_workflow(resp: &HttpResponse) -> Result<Page<WorkflowDetail>> {
    parse(resp)
}

/// Parses a product availability (get, create, update).
///
/// # Errors
/// See [`parse`].
pub fn parse_product_availability(resp: &HttpResponse) -> Result<ProductAvailability> {
    parse(resp)
}

/// Parses a page of product availabilities (list, by instance).
///
/// # Errors
/// See [`parse`].
pub fn parse_product_availabilities(resp: &HttpResponse) -> Result<Page<ProductAvailability>> {
    parse(resp)
}

/// Parses a property (get, create, update).
///
/// # Errors
/// See [`parse`].
pub fn parse_property(resp: &HttpResponse) -> Result<Property> {
    parse(resp)
}

/// Parses a page of properties (list, by instance).
///
/// # Errors
/// See [`parse`].
pub fn parse_properties(resp: &HttpResponse) -> Result<Page<Property>> {
    parse(resp)
}

/// Parses a listing asset (get, create, update).
///
/// # Errors
/// See [`parse`].
pub fn parse_listing_asset(resp: &HttpResponse) -> Result<ListingAsset> {
    parse(resp)
}

/// Parses a page of listing assets.
///
/// # Errors
/// See [`parse`].
pub fn parse_listing_assets(resp: &HttpResponse) -> Result<Page<ListingAsset>> {
    parse(resp)
}

/// Parses a listing video (get, create, update).
///
/// # Errors
/// See [`parse`].
pub fn parse_listing_video(resp: &HttpResponse) -> Result<ListingVideo> {
    parse(resp)
}

/// Parses a page of listing videos.
///
/// # Errors
/// See [`parse`].
pub fn parse_listing_videos(resp: &HttpResponse) -> Result<Page<ListingVideo>> {
    parse(resp)
}

/// Parses a variant (get, create, update).
///
/// # Errors
/// See [`parse`].
pub fn parse_variant(resp: &HttpResponse) -> Result<Variant> {
    parse(resp)
}

/// Parses a page of variants.
///
/// # Errors
/// See [`parse`].
pub fn parse_variants(resp: &HttpResponse) -> Result<Page<Variant>> {
    parse(resp)
}

/// Parses a feature availability (get, update).
///
/// # Errors
/// See [`parse`].
pub fn parse_feature_availability(resp: &HttpResponse) -> Result<FeatureAvailability> {
    parse(resp)
}

/// Parses a page of feature availabilities.
///
/// # Errors
/// See [`parse`].
pub fn parse_feature_availabilities(resp: &HttpResponse) -> Result<Page<FeatureAvailability>> {
    parse(resp)
}

/// Parses a page of certification reports (`get_submission_reports`).
///
/// # Errors
/// See [`parse`].
pub fn parse_certification_reports(resp: &HttpResponse) -> Result<Page<CertificationReport>> {
    parse(resp)
}

/// Parses a lead configuration (get, create).
///
/// # Errors
/// See [`parse`].
pub fn parse_lead_configuration(resp: &HttpResponse) -> Result<LeadConfiguration> {
    parse(resp)
}

/// Parses a supplemental content (get, update, commit).
///
/// # Errors
/// See [`parse`].
pub fn parse_supplemental_content(resp: &HttpResponse) -> Result<SupplementalContent> {
    parse(resp)
}

/// Parses a page of supplemental contents.
///
/// # Errors
/// See [`parse`].
pub fn parse_supplemental_contents(resp: &HttpResponse) -> Result<Page<SupplementalContent>> {
    parse(resp)
}

/// Parses a co-sell asset (get, create, update).
///
/// # Errors
/// See [`parse`].
pub fn parse_cosell_asset(resp: &HttpResponse) -> Result<CosellAsset> {
    parse(resp)
}

/// Parses a page of co-sell assets (list, by instance).
///
/// # Errors
/// See [`parse`].
pub fn parse_cosell_assets(resp: &HttpResponse) -> Result<Page<CosellAsset>> {
    parse(resp)
}

/// Parses a co-sell listing (get, update).
///
/// # Errors
/// See [`parse`].
pub fn parse_cosell_listing(resp: &HttpResponse) -> Result<CosellListing> {
    parse(resp)
}

/// Parses a page of co-sell listings.
///
/// # Errors
/// See [`parse`].
pub fn parse_cosell_listings(resp: &HttpResponse) -> Result<Page<CosellListing>> {
    parse(resp)
}

/// Parses a reseller configuration (get, create).
///
/// # Errors
/// See [`parse`].
pub fn parse_reseller_configuration(resp: &HttpResponse) -> Result<ResellerConfiguration> {
    parse(resp)
}

/// Checks a response without a body of interest (every `delete_*`).
///
/// # Errors
/// The mapped [`Error`] for non-2xx.
pub fn parse_deleted(resp: &HttpResponse) -> Result<()> {
    parse_empty(resp)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;
    use crate::model::ingestion::Field;

    #[test]
    fn update_sends_if_match_and_412_is_precondition_failed() {
        let ep = Endpoints::production();
        let api = Ingestion::new(&ep);
        let mut l = Listing::default();
        assert_eq!(api.update_listing("p", "l", &l).unwrap_err().kind(), ErrorKind::InvalidArgument);
        l.odata_etag = Field::Value("\"abc\"".into());
        let r = api.update_listing("p", "l", &l).unwrap();
        assert_eq!(r.method, Method::Put);
        assert_eq!(r.header("If-Match"), Some("\"abc\""));
        assert_eq!(r.json_body().unwrap()["@odata.etag"], "\"abc\"");
        // packages: If-Match only when known
        assert_eq!(api.update_package("p", "k", &Package::default()).unwrap().header("If-Match"), None);
        let resp =
            HttpResponse::json(412, &serde_json::json!({"error": {"code": "PreconditionFailed", "message": "etag"}}));
        assert_eq!(parse_listing(&resp).unwrap_err().kind(), ErrorKind::PreconditionFailed);
    }

    #[test]
    fn next_links_absolute_and_relative() {
        let ep = Endpoints::all_at("http://127.0.0.1:9");
        let api = Ingestion::new(&ep);
        let base = "http://127.0.0.1:9/v1.0/ingestion/products?$skipToken=a%3D";
        for link in [
            "http://127.0.0.1:9/v1.0/ingestion/products?$skipToken=a%3D",
            "/v1.0/ingestion/products?$skipToken=a%3D",
            "v1.0/ingestion/products?$skipToken=a%3D",
            "products?$skipToken=a%3D",
        ] {
            let r = api.next_link_request(link).unwrap();
            assert_eq!(r.url, base, "{link}");
            assert_eq!(r.method, Method::Get);
        }
        for bad in ["https://evil.example/v1.0/ingestion/products", "//evil.example/x", "", "a b"] {
            assert_eq!(api.next_link_request(bad).unwrap_err().kind(), ErrorKind::InvalidResponse, "{bad}");
        }
        let page: Page<Product> =
            serde_json::from_value(serde_json::json!({"value": [], "@odata.nextLink": "products?$skipToken=x"}))
                .unwrap();
        assert!(api.next_page(&page).unwrap().is_ok());
        let last: Page<Product> = serde_json::from_value(serde_json::json!({"value": []})).unwrap();
        assert!(api.next_page(&last).is_none());
    }
}
