//! The documented value lists ("enums") of the three Store APIs that validation checks.
//!
//! A list a typed model also declares (`model::devcenter`, `model::win32`, via `string_enum!`) is taken
//! from the model (`=> devcenter::Visibility`), so each list exists once; the validation rules use the
//! table here, so that raw JSON from any binding or the browser is checked against one table. Sources: seed 003 (win32), seed 002,
//! `reference/docs/manage-app-submissions.ENUMS-EXTRACT.md` and the add-on / flight docs (devcenter).

use serde::Serialize;

/// One named value list, for pick-lists in bindings and the browser page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct EnumList {
    /// Dotted name of the field (`"win32.availability.pricing"`).
    pub name: &'static str,
    /// The documented values, in documentation order.
    pub values: &'static [&'static str],
}

macro_rules! lists {
    // `NAME = "field" [values…];` declares a list here; `NAME = "field" => model::Enum;` takes the values a
    // typed model declares (`string_enum!`), so a list shared by the rules and the models lives once.
    ($( $(#[$doc:meta])* $konst:ident = $name:literal $([$($v:literal),* $(,)?])? $(=> $($model:ident)::+)?; )*) => {
        $( $(#[$doc])* pub const $konst: &[&str] = lists!(@values $([$($v),*])? $($($model)::+)?); )*
        /// Every list above, by name.
        pub const ENUMS: &[EnumList] = &[$(EnumList { name: $name, values: $konst },)*];
    };
    (@values [$($v:literal),*]) => { &[$($v),*] };
    (@values $($model:ident)::+) => { crate::model::$($model)::+::VALUES };
}

lists! {
    /// win32 `availability.discoverability`.
    DISCOVERABILITY = "win32.availability.discoverability" => win32::Discoverability;
    /// win32 `availability.pricing`.
    PRICING = "win32.availability.pricing" => win32::Pricing;
    /// win32 `availability.pricing` values that require `freeTrial`.
    PRICING_NEEDS_FREE_TRIAL = "win32.availability.pricingNeedsFreeTrial" ["PAID", "SUBSCRIPTION"];
    /// win32 `availability.freeTrial`.
    FREE_TRIAL = "win32.availability.freeTrial" => win32::FreeTrial;
    /// win32 `properties.isSystemFeatureRequired[].hardwareItemType`.
    SYSTEM_FEATURES = "win32.properties.isSystemFeatureRequired.hardwareItemType" => win32::HardwareFeature;
    /// win32 `properties.systemRequirementDetails[].hardwareItemType`.
    SYSTEM_REQUIREMENT_ITEMS = "win32.properties.systemRequirementDetails.hardwareItemType" => win32::SystemRequirementItem;
    /// Allowed requirement values when `hardwareItemType` is `Memory`.
    MEMORY_VALUES = "win32.properties.systemRequirementDetails.Memory" => win32::MemoryRequirement;
    /// Allowed requirement values when `hardwareItemType` is `DirectX`.
    DIRECTX_VALUES = "win32.properties.systemRequirementDetails.DirectX" => win32::DirectXRequirement;
    /// Allowed requirement values when `hardwareItemType` is `Video_Memory`.
    VIDEO_MEMORY_VALUES = "win32.properties.systemRequirementDetails.Video_Memory" => win32::VideoMemoryRequirement;
    /// win32 package `architectures[]` (exactly one per package).
    ARCHITECTURES = "win32.package.architectures" => win32::Architecture;
    /// win32 package `packageType`.
    PACKAGE_TYPES = "win32.package.packageType" => win32::PackageType;
    /// win32 package `errorDetails[].errorScenario`.
    ERROR_SCENARIOS = "win32.package.errorDetails.errorScenario" => win32::ErrorScenario;
    /// win32 listing assets create `createAssetRequest` keys.
    ASSET_TYPES = "win32.assets.createAssetRequest" ["Screenshot", "Logo"];
    /// devcenter `visibility` (app and add-on submissions).
    VISIBILITY = "devcenter.visibility" => devcenter::Visibility;
    /// devcenter `targetPublishMode`.
    TARGET_PUBLISH_MODE = "devcenter.targetPublishMode" => devcenter::TargetPublishMode;
    /// devcenter app `hardwarePreferences[]`.
    HARDWARE_PREFERENCES = "devcenter.app.hardwarePreferences" => devcenter::HardwarePreference;
    /// devcenter submission `status` (read-only).
    SUBMISSION_STATUS = "devcenter.status" => devcenter::SubmissionStatus;
    /// devcenter app `pricing.trialPeriod`.
    TRIAL_PERIOD = "devcenter.app.pricing.trialPeriod" => devcenter::TrialPeriod;
    /// devcenter price tiers that are words (the others are `Tier<n>`, see `limits::PRICE_TIERS_*`).
    PRICE_WORDS = "devcenter.priceId.words" ["Base", "NotAvailable", "Free"];
    /// devcenter app listing `platformOverrides` keys.
    PLATFORM_OVERRIDES = "devcenter.app.listing.platformOverrides" => devcenter::ListingPlatform;
    /// devcenter `fileStatus` (packages, images, icons).
    FILE_STATUS = "devcenter.fileStatus" => devcenter::FileStatus;
    /// devcenter app listing image `imageType` (current types).
    IMAGE_TYPES = "devcenter.app.listing.images.imageType" [
        "Screenshot", "MobileScreenshot", "XboxScreenshot", "SurfaceHubScreenshot", "HoloLensScreenshot",
        "StoreLogo9x16", "StoreLogoSquare", "Icon", "PromotionalArt16x9", "PromotionalArtwork2400X1200",
        "XboxBrandedKeyArt", "XboxTitledHeroArt", "XboxFeaturedPromotionalArt", "SquareIcon358X358",
        "BackgroundImage1000X800", "PromotionalArtwork414X180",
    ];
    /// devcenter `imageType` values still recognised but for image types no longer used in listings.
    IMAGE_TYPES_LEGACY = "devcenter.app.listing.images.imageType.legacy" [
        "PromotionalArtwork846X468", "PromotionalArtwork558X756", "PromotionalArtwork414X468",
        "PromotionalArtwork558X558", "WideIcon358X173", "Unknown",
    ];
    /// devcenter app `gamingOptions[].genres[]`.
    GENRES = "devcenter.app.gamingOptions.genres" => devcenter::GameGenre;
    /// devcenter app `gamingOptions[].kinectDataForExternal`.
    KINECT_DATA = "devcenter.app.gamingOptions.kinectDataForExternal" => devcenter::KinectDataForExternal;
    /// devcenter package `minimumDirectXVersion`.
    MINIMUM_DIRECTX = "devcenter.package.minimumDirectXVersion" => devcenter::MinimumDirectXVersion;
    /// devcenter package `minimumSystemRam`.
    MINIMUM_SYSTEM_RAM = "devcenter.package.minimumSystemRam" => devcenter::MinimumSystemRam;
    /// devcenter `packageRollout.packageRolloutStatus` (read-only).
    PACKAGE_ROLLOUT_STATUS = "devcenter.packageRolloutStatus" => devcenter::PackageRolloutStatus;
    /// devcenter app `allowTargetFutureDeviceFamilies` keys (the Windows 10/11 device families of the
    /// documented example).
    DEVICE_FAMILIES = "devcenter.app.allowTargetFutureDeviceFamilies" => devcenter::DeviceFamily;
    /// devcenter app `enterpriseLicensing`.
    ENTERPRISE_LICENSING = "devcenter.app.enterpriseLicensing" => devcenter::EnterpriseLicensing;
    /// devcenter submission status codes (`statusDetails.errors[].code`).
    SUBMISSION_STATUS_CODES = "devcenter.statusDetails.code" => devcenter::SubmissionStatusCode;
    /// devcenter add-on `contentType`.
    CONTENT_TYPES = "devcenter.addon.contentType" => devcenter::AddonContentType;
    /// devcenter add-on `lifetime`.
    LIFETIMES = "devcenter.addon.lifetime" => devcenter::AddonLifetime;
    /// devcenter add-on create `productType`.
    PRODUCT_TYPES = "devcenter.addon.productType" => devcenter::ProductType;
}

/// JSON pointers of read-only fields of a devcenter app submission: set by Partner Center and ignored
/// (or rejected) in an update. Documented in seed 002 (`isAdvancedPricingModel` "read-only",
/// `packageRolloutStatus`/`fallbackSubmissionId` "assigned by Partner Center … ignored", `friendlyName`
/// "generated for you") and DESIGN.md.
pub const APP_SUBMISSION_READ_ONLY: &[&str] = &[
    "/id",
    "/status",
    "/statusDetails",
    "/fileUploadUrl",
    "/friendlyName",
    "/pricing/isAdvancedPricingModel",
    "/packageDeliveryOptions/packageRollout/packageRolloutStatus",
    "/packageDeliveryOptions/packageRollout/fallbackSubmissionId",
];

/// Read-only fields of a devcenter add-on submission.
pub const ADDON_SUBMISSION_READ_ONLY: &[&str] =
    &["/id", "/status", "/statusDetails", "/fileUploadUrl", "/friendlyName", "/pricing/isAdvancedPricingModel"];

/// Read-only fields of a devcenter flight submission.
pub const FLIGHT_SUBMISSION_READ_ONLY: &[&str] = &[
    "/id",
    "/flightId",
    "/status",
    "/statusDetails",
    "/fileUploadUrl",
    "/packageDeliveryOptions/packageRollout/packageRolloutStatus",
    "/packageDeliveryOptions/packageRollout/fallbackSubmissionId",
];

/// Fields of a devcenter app base listing that are obsolete: the Store ignores a non-empty value
/// (`privacyPolicy`, `supportContact`, `websiteUrl`: "This value is obsolete … it will be ignored").
pub const BASE_LISTING_OBSOLETE: &[&str] = &["privacyPolicy", "supportContact", "websiteUrl"];
