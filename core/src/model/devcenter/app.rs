//! Apps and app submissions.

use std::collections::BTreeMap;

use super::{
    EnterpriseLicensing, FileStatus, GameGenre, HardwarePreference, ImageType, KinectDataForExternal,
    MinimumDirectXVersion, MinimumSystemRam, PackageDeliveryOptions, Pricing, ResourceRef, SasUrl, StatusDetails,
    SubmissionStatus, TargetPublishMode, Visibility,
};

model! {
    /// An app registered to the account (get an app; items of get all apps).
    pub struct Application {
        /// Store ID of the app (e.g. `9NBLGGH4R315`).
        id: String,
        /// Primary name of the app.
        primary_name: String,
        /// Package family name.
        package_family_name: String,
        /// Package identity name.
        package_identity_name: String,
        /// Windows publisher id (`CN=…`).
        publisher_name: String,
        /// When the app was first published (ISO 8601).
        first_published_date: String,
        /// The last published submission.
        last_published_application_submission: ResourceRef,
        /// The pending (in-progress) submission.
        pending_application_submission: ResourceRef,
        /// Whether `gamingOptions` and `trailers` can be set for the app's submissions.
        has_advanced_listing_permission: bool,
    }
}

impl Application {
    /// Server-assigned fields (the resource is never sent back; listed for completeness).
    pub const READ_ONLY: &'static [&'static str] = &[
        "/id",
        "/packageFamilyName",
        "/packageIdentityName",
        "/publisherName",
        "/firstPublishedDate",
        "/lastPublishedApplicationSubmission",
        "/pendingApplicationSubmission",
        "/hasAdvancedListingPermission",
    ];
}

model! {
    /// An item of "get add-ons for an app": `{inAppProductId}`.
    pub struct AppAddonRef {
        /// Store ID of the add-on.
        in_app_product_id: String,
    }
}

model! {
    /// An app submission: the whole draft (listings, pricing, packages, …) plus its status and SAS upload
    /// URL. Read with GET, modified, and sent back with PUT (read-only fields stripped).
    pub struct AppSubmission {
        /// Submission id (read-only).
        id: String,
        /// Category and subcategory joined by `_` (e.g. `BooksAndReference_EReader`).
        application_category: String,
        /// Pricing.
        pricing: Pricing,
        /// Visibility of the app.
        visibility: Visibility,
        /// Publish mode.
        target_publish_mode: TargetPublishMode,
        /// Publish date (ISO 8601) when `targetPublishMode` is `SpecificDate`.
        target_publish_date: String,
        /// Language code → listing.
        listings: BTreeMap<String, Listing>,
        /// Hardware preferences.
        hardware_preferences: Vec<HardwarePreference>,
        /// Whether app data may be included in automatic OneDrive backups.
        automatic_backup_enabled: bool,
        /// Whether the app can be installed on removable storage.
        can_install_on_removable_media: bool,
        /// Whether game DVR is enabled.
        is_game_dvr_enabled: bool,
        /// One gaming options resource (`null` on submissions older than May 2017).
        gaming_options: Vec<GamingOptions>,
        /// Whether the app sells products outside the Store commerce system.
        has_external_in_app_products: bool,
        /// Whether the app was tested against accessibility guidelines.
        meet_accessibility_guidelines: bool,
        /// Notes for certification testers.
        notes_for_certification: String,
        /// Submission status (read-only).
        status: SubmissionStatus,
        /// Status details (read-only).
        status_details: StatusDetails,
        /// SAS URL to upload the submission's ZIP to (read-only; redacted in `Debug`).
        file_upload_url: SasUrl,
        /// Packages.
        application_packages: Vec<ApplicationPackage>,
        /// Gradual rollout and mandatory update settings.
        package_delivery_options: PackageDeliveryOptions,
        /// Organizational licensing.
        enterprise_licensing: EnterpriseLicensing,
        /// Whether Microsoft may offer the app to future device families.
        allow_microsoft_decide_app_availability_to_future_device_families: bool,
        /// Device family (`Desktop`, `Mobile`, …; see [`super::DeviceFamily`]) → allowed.
        allow_target_future_device_families: BTreeMap<String, bool>,
        /// Friendly name shown in Partner Center (generated; read-only).
        friendly_name: String,
        /// Up to 15 trailers (`null` on submissions older than May 2017).
        trailers: Vec<Trailer>,
        /// Whether customers outside a gradual rollout who check for updates get the newest packages
        /// ("Always provide the newest packages when customers manually check for updates").
        is_seek_enabled: bool,
    }
}

impl AppSubmission {
    /// Fields Partner Center assigns or derives from the uploaded packages; removed from update bodies.
    /// Package, image and trailer `id`s are kept: they identify existing items.
    pub const READ_ONLY: &'static [&'static str] = &[
        "/id",
        "/status",
        "/statusDetails",
        "/fileUploadUrl",
        "/friendlyName",
        "/pricing/isAdvancedPricingModel",
        "/packageDeliveryOptions/packageRollout/packageRolloutStatus",
        "/packageDeliveryOptions/packageRollout/fallbackSubmissionId",
        "/applicationPackages/*/version",
        "/applicationPackages/*/architecture",
        "/applicationPackages/*/languages",
        "/applicationPackages/*/capabilities",
        "/applicationPackages/*/targetDeviceFamilies",
    ];
}

model! {
    /// Listing of an app in one language.
    pub struct Listing {
        /// The default listing for all platforms.
        base_listing: BaseListing,
        /// Platform (`Windows81`, …; see [`super::ListingPlatform`]) → overriding listing values.
        platform_overrides: BTreeMap<String, BaseListing>,
    }
}

model! {
    /// Base listing info of an app (also the value type of `platformOverrides`).
    pub struct BaseListing {
        /// Copyright and trademark info.
        copyright_and_trademark_info: String,
        /// Search keywords.
        keywords: Vec<String>,
        /// License terms.
        license_terms: String,
        /// Obsolete (set in Partner Center); ignored by the Store.
        privacy_policy: String,
        /// Obsolete (set in Partner Center); ignored by the Store.
        support_contact: String,
        /// Obsolete (set in Partner Center); ignored by the Store.
        website_url: String,
        /// Description.
        description: String,
        /// Up to 20 feature bullet points.
        features: Vec<String>,
        /// Release notes.
        release_notes: String,
        /// Screenshots, logos and other images.
        images: Vec<Image>,
        /// Up to 11 recommended hardware configurations.
        recommended_hardware: Vec<String>,
        /// Up to 11 minimum hardware configurations.
        minimum_hardware: Vec<String>,
        /// Title.
        title: String,
        /// Short description (games; Xbox Game Hub).
        short_description: String,
        /// Shorter product name.
        short_title: String,
        /// Alternative title for sorting.
        sort_title: String,
        /// Alternative name for voice experiences.
        voice_title: String,
        /// "Developed by" value.
        dev_studio: String,
    }
}

model! {
    /// An image of a listing.
    pub struct Image {
        /// Path of the file in the submission's ZIP.
        file_name: String,
        /// Upload status of the file.
        file_status: FileStatus,
        /// Id assigned by Partner Center.
        id: String,
        /// Description.
        description: String,
        /// Image type.
        image_type: ImageType,
    }
}

model! {
    /// Game-related settings of an app.
    pub struct GamingOptions {
        /// Genres.
        genres: Vec<GameGenre>,
        /// Local multiplayer support.
        is_local_multiplayer: bool,
        /// Local co-op support.
        is_local_cooperative: bool,
        /// Online multiplayer support.
        is_online_multiplayer: bool,
        /// Online co-op support.
        is_online_cooperative: bool,
        /// Minimum players for local multiplayer.
        local_multiplayer_min_players: i64,
        /// Maximum players for local multiplayer.
        local_multiplayer_max_players: i64,
        /// Minimum players for local co-op.
        local_cooperative_min_players: i64,
        /// Maximum players for local co-op.
        local_cooperative_max_players: i64,
        /// Broadcasting support.
        is_broadcasting_privilege_granted: bool,
        /// Cross-play between PC and Xbox.
        is_cross_play_enabled: bool,
        /// Whether Kinect data may be sent to external services.
        kinect_data_for_external: KinectDataForExternal,
    }
}

model! {
    /// A package of an app submission (also the flight package resource).
    pub struct ApplicationPackage {
        /// Path of the package in the submission's ZIP.
        file_name: String,
        /// Upload status.
        file_status: FileStatus,
        /// Id assigned by Partner Center.
        id: String,
        /// Package version (read-only; from the package).
        version: String,
        /// Architecture (read-only; from the package).
        architecture: String,
        /// Supported languages (read-only; from the package).
        languages: Vec<String>,
        /// Capabilities (read-only; from the package).
        capabilities: Vec<String>,
        /// Minimum DirectX version.
        minimum_direct_x_version: MinimumDirectXVersion,
        /// Minimum RAM.
        minimum_system_ram: MinimumSystemRam,
        /// Target device families (`Windows.Desktop min version 10.0.14393.0`; read-only).
        target_device_families: Vec<String>,
    }
}

model! {
    /// A video trailer of the app listing.
    pub struct Trailer {
        /// Id assigned by Partner Center (absent for a new trailer).
        id: String,
        /// Path of the video in the submission's ZIP.
        video_file_name: String,
        /// Id of the video file assigned by Partner Center.
        video_file_id: String,
        /// Language code → localized assets.
        trailer_assets: BTreeMap<String, TrailerAssets>,
    }
}

model! {
    /// Locale-specific assets of a trailer.
    pub struct TrailerAssets {
        /// Localized title.
        title: String,
        /// One thumbnail image.
        image_list: Vec<TrailerImage>,
    }
}

model! {
    /// The thumbnail image of a trailer.
    pub struct TrailerImage {
        /// Path of the image in the submission's ZIP.
        file_name: String,
        /// Id assigned by Partner Center.
        id: String,
        /// Description (metadata only).
        description: String,
    }
}
