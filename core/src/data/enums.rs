//! The documented value lists ("enums") of the three Store APIs that validation checks.
//!
//! Some of these lists are also declared by the typed models (`model::devcenter`, `model::win32`, via
//! `string_enum!`); the validation rules use the lists here, so that raw JSON from any binding or the
//! browser is checked against one table. Sources: seed 003 (win32), seed 002,
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
    ($( $(#[$doc:meta])* $konst:ident = $name:literal [$($v:literal),* $(,)?]; )*) => {
        $( $(#[$doc])* pub const $konst: &[&str] = &[$($v),*]; )*
        /// Every list above, by name.
        pub const ENUMS: &[EnumList] = &[$(EnumList { name: $name, values: $konst },)*];
    };
}

lists! {
    /// win32 `availability.discoverability`.
    DISCOVERABILITY = "win32.availability.discoverability" ["DISCOVERABLE", "DEEPLINK_ONLY"];
    /// win32 `availability.pricing`.
    PRICING = "win32.availability.pricing" ["FREE", "FREEMIUM", "SUBSCRIPTION", "PAID"];
    /// win32 `availability.pricing` values that require `freeTrial`.
    PRICING_NEEDS_FREE_TRIAL = "win32.availability.pricingNeedsFreeTrial" ["PAID", "SUBSCRIPTION"];
    /// win32 `availability.freeTrial`.
    FREE_TRIAL = "win32.availability.freeTrial" ["NO_FREE_TRIAL", "FREE_TRIAL"];
    /// win32 `properties.isSystemFeatureRequired[].hardwareItemType`.
    SYSTEM_FEATURES = "win32.properties.isSystemFeatureRequired.hardwareItemType"
        ["Touch", "Keyboard", "Mouse", "Camera", "NFC_HCE", "NFC_Proximity", "Bluetooth_LE", "Telephony", "Microphone"];
    /// win32 `properties.systemRequirementDetails[].hardwareItemType`.
    SYSTEM_REQUIREMENT_ITEMS = "win32.properties.systemRequirementDetails.hardwareItemType"
        ["Processor", "Graphics", "Memory", "DirectX", "Video_Memory"];
    /// Allowed requirement values when `hardwareItemType` is `Memory`.
    MEMORY_VALUES = "win32.properties.systemRequirementDetails.Memory"
        ["300MB", "750MB", "1GB", "2GB", "4GB", "6GB", "8GB", "12GB", "16GB", "20GB"];
    /// Allowed requirement values when `hardwareItemType` is `DirectX`.
    DIRECTX_VALUES = "win32.properties.systemRequirementDetails.DirectX"
        ["DX9", "DX10", "DX11", "DX12-FEATURELEVEL11", "DX12-FEATURELEVEL12"];
    /// Allowed requirement values when `hardwareItemType` is `Video_Memory`.
    VIDEO_MEMORY_VALUES = "win32.properties.systemRequirementDetails.Video_Memory" ["1GB", "2GB", "4GB", "6GB"];
    /// win32 package `architectures[]` (exactly one per package).
    ARCHITECTURES = "win32.package.architectures" ["Neutral", "X86", "X64", "Arm", "Arm64"];
    /// win32 package `packageType`.
    PACKAGE_TYPES = "win32.package.packageType" ["exe", "msi"];
    /// win32 package `errorDetails[].errorScenario`.
    ERROR_SCENARIOS = "win32.package.errorDetails.errorScenario" [
        "installationCancelledByUser", "applicationAlreadyExists", "installationAlreadyInProgress",
        "diskSpaceIsFull", "rebootRequired", "networkFailure", "packageRejectedDuringInstallation",
        "installationSuccessful", "miscellaneous",
    ];
    /// win32 listing assets create `createAssetRequest` keys.
    ASSET_TYPES = "win32.assets.createAssetRequest" ["Screenshot", "Logo"];
    /// devcenter `visibility` (app and add-on submissions).
    VISIBILITY = "devcenter.visibility" ["Hidden", "Public", "Private", "NotSet"];
    /// devcenter `targetPublishMode`.
    TARGET_PUBLISH_MODE = "devcenter.targetPublishMode" ["Immediate", "Manual", "SpecificDate"];
    /// devcenter app `hardwarePreferences[]`.
    HARDWARE_PREFERENCES = "devcenter.app.hardwarePreferences"
        ["Touch", "Keyboard", "Mouse", "Camera", "NfcHce", "Nfc", "BluetoothLE", "Telephony"];
    /// devcenter submission `status` (read-only).
    SUBMISSION_STATUS = "devcenter.status" [
        "None", "Canceled", "PendingCommit", "CommitStarted", "CommitFailed", "PendingPublication", "Publishing",
        "Published", "PublishFailed", "PreProcessing", "PreProcessingFailed", "Certification",
        "CertificationFailed", "Release", "ReleaseFailed",
    ];
    /// devcenter app `pricing.trialPeriod`.
    TRIAL_PERIOD = "devcenter.app.pricing.trialPeriod"
        ["NoFreeTrial", "OneDay", "TrialNeverExpires", "SevenDays", "FifteenDays", "ThirtyDays"];
    /// devcenter price tiers that are words (the others are `Tier<n>`, see `limits::PRICE_TIERS_*`).
    PRICE_WORDS = "devcenter.priceId.words" ["Base", "NotAvailable", "Free"];
    /// devcenter app listing `platformOverrides` keys.
    PLATFORM_OVERRIDES = "devcenter.app.listing.platformOverrides"
        ["Unknown", "Windows80", "Windows81", "WindowsPhone71", "WindowsPhone80", "WindowsPhone81"];
    /// devcenter `fileStatus` (packages, images, icons).
    FILE_STATUS = "devcenter.fileStatus" ["None", "PendingUpload", "Uploaded", "PendingDelete"];
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
    GENRES = "devcenter.app.gamingOptions.genres" [
        "Games_ActionAndAdventure", "Games_CardAndBoard", "Games_Casino", "Games_Educational",
        "Games_FamilyAndKids", "Games_Fighting", "Games_Music", "Games_Platformer", "Games_PuzzleAndTrivia",
        "Games_RacingAndFlying", "Games_RolePlaying", "Games_Shooter", "Games_Simulation", "Games_Sports",
        "Games_Strategy", "Games_Word",
    ];
    /// devcenter app `gamingOptions[].kinectDataForExternal`.
    KINECT_DATA = "devcenter.app.gamingOptions.kinectDataForExternal" ["NotSet", "Unknown", "Enabled", "Disabled"];
    /// devcenter package `minimumDirectXVersion`.
    MINIMUM_DIRECTX = "devcenter.package.minimumDirectXVersion" ["None", "DirectX93", "DirectX100"];
    /// devcenter package `minimumSystemRam`.
    MINIMUM_SYSTEM_RAM = "devcenter.package.minimumSystemRam" ["None", "Memory2GB"];
    /// devcenter `packageRollout.packageRolloutStatus` (read-only).
    PACKAGE_ROLLOUT_STATUS = "devcenter.packageRolloutStatus"
        ["PackageRolloutNotStarted", "PackageRolloutInProgress", "PackageRolloutComplete", "PackageRolloutStopped"];
    /// devcenter app `allowTargetFutureDeviceFamilies` keys (the Windows 10/11 device families of the
    /// documented example).
    DEVICE_FAMILIES = "devcenter.app.allowTargetFutureDeviceFamilies" ["Desktop", "Mobile", "Holographic", "Xbox", "Team"];
    /// devcenter app `enterpriseLicensing`.
    ENTERPRISE_LICENSING = "devcenter.app.enterpriseLicensing" ["None", "Online", "OnlineAndOffline"];
    /// devcenter submission status codes (`statusDetails.errors[].code`).
    SUBMISSION_STATUS_CODES = "devcenter.statusDetails.code" [
        "None", "InvalidArchive", "MissingFiles", "PackageValidationFailed", "InvalidParameterValue",
        "InvalidOperation", "InvalidState", "ResourceNotFound", "ServiceError", "ListingOptOutWarning",
        "ListingOptInWarning", "UpdateOnlyWarning", "Other", "PackageValidationWarning",
    ];
    /// devcenter add-on `contentType`.
    CONTENT_TYPES = "devcenter.addon.contentType" [
        "NotSet", "BookDownload", "EMagazine", "ENewspaper", "MusicDownload", "MusicStream", "OnlineDataStorage",
        "VideoDownload", "VideoStream", "Asp", "OnlineDownload",
    ];
    /// devcenter add-on `lifetime`.
    LIFETIMES = "devcenter.addon.lifetime" [
        "Forever", "OneDay", "ThreeDays", "FiveDays", "OneWeek", "TwoWeeks", "OneMonth", "TwoMonths",
        "ThreeMonths", "SixMonths", "OneYear",
    ];
    /// devcenter add-on create `productType`.
    PRODUCT_TYPES = "devcenter.addon.productType" ["Durable", "Consumable"];
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
