"""Generated from surface/manifest.json by bindings-python/tools/generate.py: do not edit, regenerate.

A ``TypedDict`` per Store resource: every resource travels as a plain ``dict``; these types describe
its documented fields for editors and type checkers. Fields are all optional (``total=False``) and
documents keep the fields these types do not list (GET-modify-PUT loses nothing).
"""

from __future__ import annotations

from typing import Any, Dict, List, TypedDict

__all__ = ["ResourceRef", "StatusDetails", "StatusDetail", "CertificationReport", "SubmissionStatusResource", "Pricing", "Sale", "PackageDeliveryOptions", "PackageRollout", "Application", "AppAddonRef", "AppSubmission", "Listing", "BaseListing", "Image", "GamingOptions", "ApplicationPackage", "Trailer", "TrailerAssets", "TrailerImage", "Addon", "AddonCreate", "AddonSubmission", "AddonListing", "AddonIcon", "Flight", "FlightCreate", "FlightSubmission", "Win32ResponseMessage", "Win32PollingData", "Win32Availability", "Win32ProductDeclarations", "Win32SystemFeature", "Win32SystemRequirement", "Win32Properties", "Win32HardwareRequirement", "Win32Listing", "Win32ListingLanguage", "Win32DraftMetadata", "Win32MetadataUpdate", "Win32ErrorScenarioDetail", "Win32ErrorDetail", "Win32Package", "Win32PackageList", "Win32ImageSize", "Win32Asset", "Win32ListingAssets", "Win32ListingAssetsData", "Win32AssetCounts", "Win32CreateAssetsRequest", "Win32AssetUpload", "Win32CreatedAssets", "Win32CreateAssetsData", "Win32CommitAssetsRequest", "Win32ModuleStatus", "Win32SubmitData", "Win32SubmissionStatus", "IngestionTypeValuePair", "IngestionProduct", "IngestionProductSetup", "IngestionBranch", "IngestionPublishOption", "IngestionPendingUpdateInfo", "IngestionVariantResource", "IngestionSubmission", "IngestionSubmissionCreationRequest", "IngestionValidationItem", "IngestionWorkflowStepDetail", "IngestionWorkflowDetail", "IngestionPublishTarget", "IngestionPackage", "IngestionListingUri", "IngestionListingContact", "IngestionListing", "IngestionListingImage", "IngestionPackageConfiguration", "IngestionAudienceMember", "IngestionAzureGovernmentCertification", "IngestionCertificationReport", "IngestionCosellAsset", "IngestionCosellContact", "IngestionCosellListing", "IngestionCosellSolutionArea", "IngestionCustomAmendment", "IngestionCustomMeter", "IngestionFeatureAvailability", "IngestionIncludedBaseQuantity", "IngestionLeadConfiguration", "IngestionListingAsset", "IngestionListingVideo", "IngestionListingVideoThumbnail", "IngestionLocalizedDateTime", "IngestionLocalizedDateTimeRange", "IngestionMarketState", "IngestionPrice", "IngestionPriceSchedule", "IngestionPriceScheduleInfo", "IngestionPricingCadence", "IngestionPricingUnit", "IngestionProductAvailability", "IngestionProperty", "IngestionResellerConfiguration", "IngestionSupplementalContent", "IngestionSupplementalContentAsset", "IngestionTenant", "IngestionTrial", "IngestionValidationResult", "IngestionVariant"]


class ResourceRef(TypedDict, total=False):
    """A reference to another resource: ``{id, resourceLocation}`` (the docs' "submission resource", e.g. ``pendingApplicationSubmission``, and an add-on's application entries). ``resourceLocation`` is relative to the API base, like the next-page link of a list."""

    id: str
    """The id of the referenced resource."""
    resourceLocation: str
    """Relative path of the resource (e.g. ``applications/9NBLGGH4R315/submissions/1152921504621243487``)."""


class StatusDetails(TypedDict, total=False):
    """Additional details about a submission's status: errors, warnings and certification reports."""

    errors: List["StatusDetail"]
    """Error details."""
    warnings: List["StatusDetail"]
    """Warning details."""
    certificationReports: List["CertificationReport"]
    """Certification reports (useful when certification fails)."""


class StatusDetail(TypedDict, total=False):
    """One error or warning about a submission."""

    code: str
    """The submission status code (``MissingFiles``, ``InvalidParameterValue``, …)."""
    details: str
    """A message with more details."""


class CertificationReport(TypedDict, total=False):
    """Access to a certification report."""

    date: str
    """When the report was generated (ISO 8601)."""
    reportUrl: str
    """Where the report can be read (may carry a SAS signature; redacted in ``Debug``)."""


class SubmissionStatusResource(TypedDict, total=False):
    """The status resource of a submission (``GET …/status``; also the body of a commit response, ``{"status": "CommitStarted"}``)."""

    status: str
    """The submission's status."""
    statusDetails: "StatusDetails"
    """Details: errors, warnings, certification reports."""


class Pricing(TypedDict, total=False):
    """Pricing of an app or add-on submission."""

    trialPeriod: str
    """Trial period (apps only)."""
    marketSpecificPricings: Dict[str, str]
    """Market (ISO 3166-1 alpha-2) → price tier overrides of the base price."""
    sales: List["Sale"]
    """Deprecated sales; the Store returns ``[]`` and ignores it on PUT."""
    priceId: str
    """Base price tier: ``Base``, ``NotAvailable``, ``Free`` or ``Tier…`` (see [``PRICE_TIER_KEYWORDS``])."""
    isAdvancedPricingModel: bool
    """Whether the account has the expanded tier set (read-only)."""


class Sale(TypedDict, total=False):
    """A sale (deprecated; no longer readable or writable through the API)."""

    name: str
    """Name of the sale."""
    basePriceId: str
    """Price tier used as the sale's base price."""
    startDate: str
    """Start date (ISO 8601)."""
    endDate: str
    """End date (ISO 8601)."""
    marketSpecificPricings: Dict[str, str]
    """Market → price tier overrides during the sale."""


class PackageDeliveryOptions(TypedDict, total=False):
    """Gradual rollout and mandatory update settings of an app or flight submission."""

    packageRollout: "PackageRollout"
    """Gradual rollout settings."""
    isMandatoryUpdate: bool
    """Whether the packages are mandatory for self-installing updates."""
    mandatoryUpdateEffectiveDate: str
    """When the packages become mandatory (ISO 8601, UTC)."""


class PackageRollout(TypedDict, total=False):
    """Gradual package rollout settings of a submission; also the response of the get/update/halt/ finalize package rollout methods."""

    isPackageRollout: bool
    """Whether gradual rollout is enabled."""
    packageRolloutPercentage: float
    """Percentage of users who get the packages. Kept as a JSON number so ``0`` and ``0.0`` round-trip; see [``PackageRollout::percentage``]."""
    packageRolloutStatus: str
    """Rollout state (assigned by Partner Center; read-only)."""
    fallbackSubmissionId: str
    """Submission that customers outside the rollout get (assigned by Partner Center; read-only)."""
    isSeekEnabled: bool
    """Whether customers outside the rollout who check for updates manually get the newest packages."""


class Application(TypedDict, total=False):
    """An app registered to the account (get an app; items of get all apps)."""

    id: str
    """Store ID of the app (e.g. ``9NBLGGH4R315``)."""
    primaryName: str
    """Primary name of the app."""
    packageFamilyName: str
    """Package family name."""
    packageIdentityName: str
    """Package identity name."""
    publisherName: str
    """Windows publisher id (``CN=…``)."""
    firstPublishedDate: str
    """When the app was first published (ISO 8601)."""
    lastPublishedApplicationSubmission: "ResourceRef"
    """The last published submission."""
    pendingApplicationSubmission: "ResourceRef"
    """The pending (in-progress) submission."""
    hasAdvancedListingPermission: bool
    """Whether ``gamingOptions`` and ``trailers`` can be set for the app's submissions."""


class AppAddonRef(TypedDict, total=False):
    """An item of "get add-ons for an app": ``{inAppProductId}``."""

    inAppProductId: str
    """Store ID of the add-on."""


class AppSubmission(TypedDict, total=False):
    """An app submission: the whole draft (listings, pricing, packages, …) plus its status and SAS upload URL. Read with GET, modified, and sent back with PUT (read-only fields stripped)."""

    id: str
    """Submission id (read-only)."""
    applicationCategory: str
    """Category and subcategory joined by ``_`` (e.g. ``BooksAndReference_EReader``)."""
    pricing: "Pricing"
    """Pricing."""
    visibility: str
    """Visibility of the app."""
    targetPublishMode: str
    """Publish mode."""
    targetPublishDate: str
    """Publish date (ISO 8601) when ``targetPublishMode`` is ``SpecificDate``."""
    listings: Dict[str, "Listing"]
    """Language code → listing."""
    hardwarePreferences: List[str]
    """Hardware preferences."""
    automaticBackupEnabled: bool
    """Whether app data may be included in automatic OneDrive backups."""
    canInstallOnRemovableMedia: bool
    """Whether the app can be installed on removable storage."""
    isGameDvrEnabled: bool
    """Whether game DVR is enabled."""
    gamingOptions: List["GamingOptions"]
    """One gaming options resource (``null`` on submissions older than May 2017)."""
    hasExternalInAppProducts: bool
    """Whether the app sells products outside the Store commerce system."""
    meetAccessibilityGuidelines: bool
    """Whether the app was tested against accessibility guidelines."""
    notesForCertification: str
    """Notes for certification testers."""
    status: str
    """Submission status (read-only)."""
    statusDetails: "StatusDetails"
    """Status details (read-only)."""
    fileUploadUrl: str
    """SAS URL to upload the submission's ZIP to (read-only; redacted in ``Debug``)."""
    applicationPackages: List["ApplicationPackage"]
    """Packages."""
    packageDeliveryOptions: "PackageDeliveryOptions"
    """Gradual rollout and mandatory update settings."""
    enterpriseLicensing: str
    """Organizational licensing."""
    allowMicrosoftDecideAppAvailabilityToFutureDeviceFamilies: bool
    """Whether Microsoft may offer the app to future device families."""
    allowTargetFutureDeviceFamilies: Dict[str, bool]
    """Device family (``Desktop``, ``Mobile``, …; see [``super::DeviceFamily``]) → allowed."""
    friendlyName: str
    """Friendly name shown in Partner Center (generated; read-only)."""
    trailers: List["Trailer"]
    """Up to 15 trailers (``null`` on submissions older than May 2017)."""
    isSeekEnabled: bool
    """Whether customers outside a gradual rollout who check for updates get the newest packages ("Always provide the newest packages when customers manually check for updates")."""


class Listing(TypedDict, total=False):
    """Listing of an app in one language."""

    baseListing: "BaseListing"
    """The default listing for all platforms."""
    platformOverrides: Dict[str, "BaseListing"]
    """Platform (``Windows81``, …; see [``super::ListingPlatform``]) → overriding listing values."""


class BaseListing(TypedDict, total=False):
    """Base listing info of an app (also the value type of ``platformOverrides``)."""

    copyrightAndTrademarkInfo: str
    """Copyright and trademark info."""
    keywords: List[str]
    """Search keywords."""
    licenseTerms: str
    """License terms."""
    privacyPolicy: str
    """Obsolete (set in Partner Center); ignored by the Store."""
    supportContact: str
    """Obsolete (set in Partner Center); ignored by the Store."""
    websiteUrl: str
    """Obsolete (set in Partner Center); ignored by the Store."""
    description: str
    """Description."""
    features: List[str]
    """Up to 20 feature bullet points."""
    releaseNotes: str
    """Release notes."""
    images: List["Image"]
    """Screenshots, logos and other images."""
    recommendedHardware: List[str]
    """Up to 11 recommended hardware configurations."""
    minimumHardware: List[str]
    """Up to 11 minimum hardware configurations."""
    title: str
    """Title."""
    shortDescription: str
    """Short description (games; Xbox Game Hub)."""
    shortTitle: str
    """Shorter product name."""
    sortTitle: str
    """Alternative title for sorting."""
    voiceTitle: str
    """Alternative name for voice experiences."""
    devStudio: str
    """"Developed by" value."""


class Image(TypedDict, total=False):
    """An image of a listing."""

    fileName: str
    """Path of the file in the submission's ZIP."""
    fileStatus: str
    """Upload status of the file."""
    id: str
    """Id assigned by Partner Center."""
    description: str
    """Description."""
    imageType: str
    """Image type."""


class GamingOptions(TypedDict, total=False):
    """Game-related settings of an app."""

    genres: List[str]
    """Genres."""
    isLocalMultiplayer: bool
    """Local multiplayer support."""
    isLocalCooperative: bool
    """Local co-op support."""
    isOnlineMultiplayer: bool
    """Online multiplayer support."""
    isOnlineCooperative: bool
    """Online co-op support."""
    localMultiplayerMinPlayers: int
    """Minimum players for local multiplayer."""
    localMultiplayerMaxPlayers: int
    """Maximum players for local multiplayer."""
    localCooperativeMinPlayers: int
    """Minimum players for local co-op."""
    localCooperativeMaxPlayers: int
    """Maximum players for local co-op."""
    isBroadcastingPrivilegeGranted: bool
    """Broadcasting support."""
    isCrossPlayEnabled: bool
    """Cross-play between PC and Xbox."""
    kinectDataForExternal: str
    """Whether Kinect data may be sent to external services."""


class ApplicationPackage(TypedDict, total=False):
    """A package of an app submission (also the flight package resource)."""

    fileName: str
    """Path of the package in the submission's ZIP."""
    fileStatus: str
    """Upload status."""
    id: str
    """Id assigned by Partner Center."""
    version: str
    """Package version (read-only; from the package)."""
    architecture: str
    """Architecture (read-only; from the package)."""
    languages: List[str]
    """Supported languages (read-only; from the package)."""
    capabilities: List[str]
    """Capabilities (read-only; from the package)."""
    minimumDirectXVersion: str
    """Minimum DirectX version."""
    minimumSystemRam: str
    """Minimum RAM."""
    targetDeviceFamilies: List[str]
    """Target device families (``Windows.Desktop min version 10.0.14393.0``; read-only)."""


class Trailer(TypedDict, total=False):
    """A video trailer of the app listing."""

    id: str
    """Id assigned by Partner Center (absent for a new trailer)."""
    videoFileName: str
    """Path of the video in the submission's ZIP."""
    videoFileId: str
    """Id of the video file assigned by Partner Center."""
    trailerAssets: Dict[str, "TrailerAssets"]
    """Language code → localized assets."""


class TrailerAssets(TypedDict, total=False):
    """Locale-specific assets of a trailer."""

    title: str
    """Localized title."""
    imageList: List["TrailerImage"]
    """One thumbnail image."""


class TrailerImage(TypedDict, total=False):
    """The thumbnail image of a trailer."""

    fileName: str
    """Path of the image in the submission's ZIP."""
    id: str
    """Id assigned by Partner Center."""
    description: str
    """Description (metadata only)."""


class Addon(TypedDict, total=False):
    """An add-on (get an add-on, items of get all add-ons, response of create an add-on)."""

    applications: Dict[str, Any]
    """The one app the add-on belongs to, as a page ``{value: [{id, resourceLocation}], totalCount}``."""
    id: str
    """Store ID of the add-on (e.g. ``9NBLGGH4TNMP``)."""
    productId: str
    """Product id chosen by the developer."""
    productType: str
    """``Durable`` or ``Consumable``."""
    pendingInAppProductSubmission: "ResourceRef"
    """The pending submission."""
    lastPublishedInAppProductSubmission: "ResourceRef"
    """The last published submission."""


class AddonCreate(TypedDict, total=False):
    """Body of "create an add-on"."""

    applicationIds: List[str]
    """Store IDs of the app the add-on belongs to (one supported)."""
    productId: str
    """Product id of the new add-on."""
    productType: str
    """``Durable`` or ``Consumable``."""


class AddonSubmission(TypedDict, total=False):
    """An add-on submission: listings, pricing, content type, lifetime, … plus status and SAS upload URL."""

    id: str
    """Submission id (read-only)."""
    contentType: str
    """Type of content."""
    keywords: List[str]
    """Up to 10 keywords."""
    lifetime: str
    """Lifetime."""
    listings: Dict[str, "AddonListing"]
    """Language code → listing."""
    pricing: "Pricing"
    """Pricing (no ``trialPeriod`` for add-ons)."""
    targetPublishDate: str
    """Publish date (ISO 8601) when ``targetPublishMode`` is ``SpecificDate``."""
    targetPublishMode: str
    """Publish mode."""
    tag: str
    """Custom developer data (formerly *tag*)."""
    visibility: str
    """Visibility."""
    status: str
    """Submission status (read-only)."""
    statusDetails: "StatusDetails"
    """Status details (read-only)."""
    fileUploadUrl: str
    """SAS URL to upload the submission's ZIP to (read-only; redacted in ``Debug``)."""
    friendlyName: str
    """Friendly name shown in Partner Center (generated; read-only)."""


class AddonListing(TypedDict, total=False):
    """Listing of an add-on in one language."""

    description: str
    """Description."""
    icon: "AddonIcon"
    """The 300×300 PNG icon."""
    title: str
    """Title."""


class AddonIcon(TypedDict, total=False):
    """Icon of an add-on listing."""

    fileName: str
    """Path of the icon in the submission's ZIP."""
    fileStatus: str
    """Upload status."""


class Flight(TypedDict, total=False):
    """A package flight (get a flight, items of get flights for an app, response of create a flight)."""

    flightId: str
    """Flight id (a GUID)."""
    friendlyName: str
    """Name of the flight."""
    lastPublishedFlightSubmission: "ResourceRef"
    """The last published submission."""
    pendingFlightSubmission: "ResourceRef"
    """The pending submission."""
    groupIds: List[str]
    """Ids of the flight groups."""
    rankHigherThan: str
    """Friendly name of the flight ranked immediately lower."""


class FlightCreate(TypedDict, total=False):
    """Body of "create a package flight". All fields are optional; the docs' sample sends ``"groupIds": [0]`` and ``"rankHigherThan": null``, both kept as written."""

    friendlyName: str
    """Name of the flight."""
    groupIds: List[str]
    """Ids of the flight groups."""
    rankHigherThan: str
    """Friendly name of the flight ranked immediately lower (absent: highest rank)."""


class FlightSubmission(TypedDict, total=False):
    """A package flight submission: packages, rollout, publish mode, notes, plus status and SAS URL."""

    id: str
    """Submission id (read-only)."""
    flightId: str
    """Flight id (read-only)."""
    status: str
    """Submission status (read-only)."""
    statusDetails: "StatusDetails"
    """Status details (read-only)."""
    flightPackages: List["ApplicationPackage"]
    """Packages."""
    packageDeliveryOptions: "PackageDeliveryOptions"
    """Gradual rollout and mandatory update settings."""
    fileUploadUrl: str
    """SAS URL to upload the submission's ZIP to (read-only; redacted in ``Debug``)."""
    targetPublishMode: str
    """Publish mode."""
    targetPublishDate: str
    """Publish date (ISO 8601) when ``targetPublishMode`` is ``SpecificDate``."""
    notesForCertification: str
    """Notes for certification testers."""
    friendlyName: str
    """Friendly name (read-only; not in the flight submission table, but the app and add-on submissions carry one and it is accepted here as there)."""


class Win32ResponseMessage(TypedDict, total=False):
    """One item of an envelope's ``errors`` array: an error or a warning."""

    code: str
    """The error code (``badrequest``, ``warning``, ``packageuploaderror``, …)."""
    message: str
    """The description of the error."""
    target: str
    """The entity from which the error originated (``listings``, ``properties``, …)."""


class Win32PollingData(TypedDict, total=False):
    """``responseData`` of calls that return a polling URL: metadata and package updates, package commit, listing asset commit."""

    pollingUrl: str
    """Relative URL to poll (module status or submission status); see [``crate::api::win32::Win32::poll_request``]."""
    ongoingSubmissionId: str
    """Id of a submission already in progress (empty when none)."""


class Win32Availability(TypedDict, total=False):
    """The availability module."""

    markets: List[str]
    """Market codes (``US``, ``GB``, …)."""
    discoverability: str
    """Whether the product is discoverable in the Store."""
    enableInFutureMarkets: bool
    """Whether the product becomes available in markets added later."""
    pricing: str
    """Pricing model."""
    freeTrial: str
    """Free trial (required when pricing is PAID or SUBSCRIPTION)."""


class Win32ProductDeclarations(TypedDict, total=False):
    """``properties.productDeclarations``."""

    dependsOnDriversOrNT: bool
    """The product depends on drivers or NT services."""
    accessibilitySupport: bool
    """The product meets accessibility guidelines."""
    penAndInkSupport: bool
    """The product supports pen and ink input."""


class Win32SystemFeature(TypedDict, total=False):
    """One item of ``properties.isSystemFeatureRequired``."""

    isRequired: bool
    """The feature is required."""
    isRecommended: bool
    """The feature is recommended."""
    hardwareItemType: str
    """Which hardware feature."""


class Win32SystemRequirement(TypedDict, total=False):
    """One item of ``properties.systemRequirementDetails``."""

    minimumRequirement: str
    """Minimum requirement (restricted values for Memory, DirectX, Video_Memory; else text ≤ 200)."""
    recommendedRequirement: str
    """Recommended requirement (same rules)."""
    hardwareItemType: str
    """Which hardware item."""


class Win32Properties(TypedDict, total=False):
    """The properties module."""

    isPrivacyPolicyRequired: bool
    """Whether a privacy policy is required."""
    privacyPolicyUrl: str
    """Privacy policy URL (required when ``isPrivacyPolicyRequired``)."""
    website: str
    """Website URL."""
    supportContactInfo: str
    """Support contact: URL or email address."""
    certificationNotes: str
    """Notes for certification (≤ 2000 characters)."""
    category: str
    """Category."""
    subcategory: str
    """Subcategory."""
    productDeclarations: "Win32ProductDeclarations"
    """Product declarations."""
    isSystemFeatureRequired: List["Win32SystemFeature"]
    """Hardware features required or recommended."""
    systemRequirementDetails: List["Win32SystemRequirement"]
    """System requirements."""


class Win32HardwareRequirement(TypedDict, total=False):
    """One item of a listing's ``requirements``."""

    minimumHardware: str
    """Minimum hardware (≤ 200 characters)."""
    recommendedHardware: str
    """Recommended hardware (≤ 200 characters)."""


class Win32Listing(TypedDict, total=False):
    """The listing of one language."""

    language: str
    """Language code (``en-us``, …)."""
    description: str
    """Description (required, ≤ 10000 characters)."""
    whatsNew: str
    """What's new (≤ 1500 characters)."""
    productFeatures: List[str]
    """Product features (≤ 20, 200 characters each)."""
    shortDescription: str
    """Short description (≤ 1000 characters)."""
    searchTerms: List[str]
    """Search terms (≤ 7, 30 characters each, 21 unique words in total)."""
    additionalLicenseTerms: str
    """Additional license terms (required, ≤ 10000 characters)."""
    copyright: str
    """Copyright (≤ 200 characters)."""
    developedBy: str
    """Developed by (≤ 255 characters)."""
    sortTitle: str
    """Sort title."""
    requirements: List["Win32HardwareRequirement"]
    """Hardware requirements (≤ 11 items in total)."""
    contactInfo: str
    """Contact information (≤ 200 characters)."""


class Win32ListingLanguage(TypedDict, total=False):
    """One item of ``listingLanguages`` (returned with ``includelanguagelist=true``)."""

    language: str
    """Language code."""
    isComplete: bool
    """Whether the listing of this language is complete."""


class Win32DraftMetadata(TypedDict, total=False):
    """``responseData`` of the Get Current Draft Submission Metadata API (all modules or one)."""

    availability: "Win32Availability"
    """Availability module."""
    properties: "Win32Properties"
    """Properties module."""
    listings: List["Win32Listing"]
    """Listings, one per language."""
    listingLanguages: List["Win32ListingLanguage"]
    """Listing languages and their completeness (output only)."""


class Win32MetadataUpdate(TypedDict, total=False):
    """Body of the Update Current Draft Submission Metadata API (PUT: full module update, every field of a module present; PATCH: only the fields to change). ``listings`` is a single language's listing."""

    availability: "Win32Availability"
    """Availability module."""
    properties: "Win32Properties"
    """Properties module."""
    listings: "Win32Listing"
    """The listing of one language."""
    listingsToAdd: List[str]
    """Listing languages to add."""
    listingsToRemove: List[str]
    """Listing languages to remove."""


class Win32ErrorScenarioDetail(TypedDict, total=False):
    """One item of ``errorDetails[].errorScenarioDetails``."""

    errorValue: str
    """Error code the installer can return."""
    errorUrl: str
    """URL with details on the error."""


class Win32ErrorDetail(TypedDict, total=False):
    """One item of a package's ``errorDetails`` (custom installer error codes, EXE installers)."""

    errorScenario: str
    """The scenario."""
    errorScenarioDetails: List["Win32ErrorScenarioDetail"]
    """Codes and URLs of the scenario."""


class Win32Package(TypedDict, total=False):
    """One MSI/EXE package of the draft. Also the body of the single-package PATCH."""

    packageId: str
    """Package id (output only; regenerated by a full PUT)."""
    packageUrl: str
    """Installer download URL (required)."""
    languages: List[str]
    """Languages (required)."""
    architectures: List[str]
    """Architectures (required; a single one)."""
    isSilentInstall: bool
    """The installer runs silently without switches."""
    installerParameters: str
    """Installer parameters (required when not silent)."""
    genericDocUrl: str
    """Link to the custom error code document (required for EXE)."""
    errorDetails: List["Win32ErrorDetail"]
    """Custom installer error codes."""
    packageType: str
    """``exe`` or ``msi`` (required)."""


class Win32PackageList(TypedDict, total=False):
    """``{packages: [...]}``: ``responseData`` of Get Current Draft Packages (all or one) and the body of the full packages PUT."""

    packages: List["Win32Package"]
    """The packages."""


class Win32ImageSize(TypedDict, total=False):
    """``imageSize`` of an asset."""

    width: int
    """Width in pixels."""
    height: int
    """Height in pixels."""


class Win32Asset(TypedDict, total=False):
    """An existing (or newly uploaded) listing asset."""

    id: str
    """Asset id."""
    assetUrl: str
    """Asset URL."""
    imageSize: "Win32ImageSize"
    """Image size (output only)."""


class Win32ListingAssets(TypedDict, total=False):
    """The assets of one listing language."""

    language: str
    """Language code."""
    storeLogos: List["Win32Asset"]
    """Store logos."""
    screenshots: List["Win32Asset"]
    """Screenshots."""


class Win32ListingAssetsData(TypedDict, total=False):
    """``responseData`` of Get Current Draft Listing Assets."""

    listingAssets: List["Win32ListingAssets"]
    """Assets per language."""


class Win32AssetCounts(TypedDict, total=False):
    """``createAssetRequest``: how many assets of each type to create."""

    Screenshot: int
    """Number of screenshots (1–10)."""
    Logo: int
    """Number of logos (1 or 2)."""


class Win32CreateAssetsRequest(TypedDict, total=False):
    """Body of the Create Listing Assets API."""

    language: str
    """Listing language."""
    createAssetRequest: "Win32AssetCounts"
    """Counts per asset type."""


class Win32AssetUpload(TypedDict, total=False):
    """An asset slot created for upload. The upload URLs are SAS URLs (hidden in ``Debug``)."""

    id: str
    """New asset id (send it back in the commit)."""
    primaryAssetUploadUrl: str
    """Primary upload URL (Azure Blob Put Blob)."""
    secondaryAssetUploadUrl: str
    """Secondary upload URL."""
    httpMethod: str
    """HTTP method of the upload."""
    httpHeaders: Dict[str, Any]
    """Headers the upload must carry (an empty value: computed by the client)."""


class Win32CreatedAssets(TypedDict, total=False):
    """The created asset slots of one language."""

    language: str
    """Language code."""
    storeLogos: List["Win32AssetUpload"]
    """Logo slots."""
    screenshots: List["Win32AssetUpload"]
    """Screenshot slots."""


class Win32CreateAssetsData(TypedDict, total=False):
    """``responseData`` of Create Listing Assets."""

    listingAssets: "Win32CreatedAssets"
    """The created slots."""


class Win32CommitAssetsRequest(TypedDict, total=False):
    """Body of the Commit Listing Assets API: the full set of assets to keep per type (existing ids and URLs, or new ids with the upload URL used)."""

    listingAssets: "Win32ListingAssets"
    """The assets of one language."""


class Win32ModuleStatus(TypedDict, total=False):
    """``responseData`` of Module Status Polling."""

    isReady: bool
    """All modules are ready, package upload included."""
    ongoingSubmissionId: str
    """Id of a submission already in progress (empty when none)."""


class Win32SubmitData(TypedDict, total=False):
    """``responseData`` of Create Submission (submit)."""

    submissionId: str
    """The new submission's id."""
    pollingUrl: str
    """Relative URL to poll."""
    ongoingSubmissionId: str
    """Id of a submission already in progress (empty when none)."""


class Win32SubmissionStatus(TypedDict, total=False):
    """``responseData`` of Submission Status Polling."""

    publishingStatus: str
    """INPROGRESS, PUBLISHED, FAILED or UNKNOWN."""
    hasFailed: bool
    """Publishing failed and will not be retried."""


IngestionTypeValuePair = TypedDict("IngestionTypeValuePair", {"type": str, "value": str}, total=False)
"""``{type, value}`` pair (external ids, targets, resources, extended properties, package references)."""


IngestionProduct = TypedDict("IngestionProduct", {"id": str, "resourceType": str, "name": str, "externalIds": List["IngestionTypeValuePair"], "externalIDs": List["IngestionTypeValuePair"], "isModularPublishing": bool, "offerMarketingUrlIDentifier": str, "@odata.etag": str}, total=False)
"""A product (offer)."""


IngestionProductSetup = TypedDict("IngestionProductSetup", {"resourceType": str, "sellingOption": str, "callToAction": str, "trialUri": str, "enableTestDrive": bool, "testDriveType": str, "channelStates": List["IngestionTypeValuePair"], "@odata.etag": str}, total=False)
"""A product's setup."""


IngestionBranch = TypedDict("IngestionBranch", {"id": str, "resourceType": str, "friendlyName": str, "type": str, "module": str, "currentDraftInstanceID": str, "variantID": str, "@odata.etag": str}, total=False)
"""A branch: a module's line of drafts (``currentDraftInstanceID`` names the instance to edit)."""


class IngestionPublishOption(TypedDict, total=False):
    """``publish_option`` of a submission."""

    releaseTimeInUtc: str
    """Release time (UTC)."""
    isManualPublish: bool
    """Publish manually."""
    isAutoPromote: bool
    """Promote to live automatically."""
    certificationNotes: str
    """Certification notes."""


class IngestionPendingUpdateInfo(TypedDict, total=False):
    """``pendingUpdateInfo`` of a submission."""

    updateType: str
    """Update type."""
    status: str
    """Status."""
    href: str
    """Link."""
    failureReason: str
    """Failure reason."""


class IngestionVariantResource(TypedDict, total=False):
    """A variant's resources in a submission."""

    variantID: str
    """Variant id."""
    resources: List["IngestionTypeValuePair"]
    """Resources."""


IngestionSubmission = TypedDict("IngestionSubmission", {"id": str, "resourceType": str, "state": str, "substate": str, "targets": List["IngestionTypeValuePair"], "resources": List["IngestionTypeValuePair"], "variantResources": List["IngestionVariantResource"], "publishOption": "IngestionPublishOption", "publishedTimeInUtc": str, "pendingUpdateInfo": "IngestionPendingUpdateInfo", "extendedProperties": List["IngestionTypeValuePair"], "releaseNumber": int, "friendlyName": str, "areResourcesReady": bool, "@odata.etag": str}, total=False)
"""A submission."""


class IngestionSubmissionCreationRequest(TypedDict, total=False):
    """Body of the create-submission call."""

    resourceType: str
    """``SubmissionCreationRequest``."""
    targets: List["IngestionTypeValuePair"]
    """Targets."""
    resources: List["IngestionTypeValuePair"]
    """Resources (draft instances) to submit."""
    variantResources: List["IngestionVariantResource"]
    """Variant resources."""
    publishOption: "IngestionPublishOption"
    """Publish options."""
    extendedProperties: List["IngestionTypeValuePair"]
    """Extended properties."""


class IngestionValidationItem(TypedDict, total=False):
    """A validation result (package validation items, submission validations)."""

    errorCode: str
    """Error code."""
    severity: str
    """Severity."""
    message: str
    """Message."""
    resource: str
    """Resource concerned."""


class IngestionWorkflowStepDetail(TypedDict, total=False):
    """One step of a workflow."""

    name: str
    """Step name."""
    state: str
    """Step state."""
    startDateTimeInUtc: str
    """Start time (UTC)."""
    completeDateTimeInUtc: str
    """Completion time (UTC)."""


IngestionWorkflowDetail = TypedDict("IngestionWorkflowDetail", {"type": str, "state": str, "targetEnvironment": str, "workflowSteps": List["IngestionWorkflowStepDetail"], "startDateTimeInUtc": str, "completeDateTimeInUtc": str}, total=False)
"""A submission's workflow details."""


class IngestionPublishTarget(TypedDict, total=False):
    """Where a package was published."""

    sandboxId: str
    """Sandbox id."""
    trainId: str
    """Train id."""
    firstPublishedDateTime: str
    """First publication time."""


IngestionPackage = TypedDict("IngestionPackage", {"id": str, "resourceType": str, "state": str, "isEmpty": bool, "fileName": str, "fileSasUri": str, "fileSize": int, "validationItems": List["IngestionValidationItem"], "publishTargets": List["IngestionPublishTarget"], "isCertified": bool, "@odata.etag": str}, total=False)
"""A package. Created with ``fileName`` (state ``PendingUpload``, the response carries the SAS ``fileSasUri``); after the upload, updated with state ``Uploaded``."""


IngestionListingUri = TypedDict("IngestionListingUri", {"type": str, "subtype": str, "displayText": str, "uri": str}, total=False)
"""A listing URI."""


IngestionListingContact = TypedDict("IngestionListingContact", {"type": str, "email": str, "name": str, "phone": str, "uri": str}, total=False)
"""A listing contact."""


IngestionListing = TypedDict("IngestionListing", {"id": str, "resourceType": str, "languageCode": str, "title": str, "description": str, "shortDescription": str, "publisherName": str, "keywords": List[str], "productDisplayName": str, "summary": str, "listingUris": List["IngestionListingUri"], "listingContacts": List["IngestionListingContact"], "accessInformation": str, "gettingStartedInstructions": str, "allowOnlyManagedDiskDeployments": bool, "compatibleProducts": List[str], "@odata.etag": str}, total=False)
"""A listing (one language)."""


IngestionListingImage = TypedDict("IngestionListingImage", {"id": str, "resourceType": str, "fileName": str, "type": str, "fileSasUri": str, "state": str, "description": str, "order": int, "@odata.etag": str}, total=False)
"""A listing image. Created with ``fileName`` and ``type`` (state ``PendingUpload``, the response carries the SAS ``fileSasUri``); after the upload, updated with state ``Uploaded``."""


IngestionPackageConfiguration = TypedDict("IngestionPackageConfiguration", {"id": str, "resourceType": str, "version": str, "packageReferences": List["IngestionTypeValuePair"], "azureActiveDirectoryTenantID": str, "azureActiveDirectoryApplicationID": str, "@odata.etag": str}, total=False)
"""A package configuration. The fields common to the offer types are typed; the type-specific ones (policies, authorizations, test drive settings, …) are kept in ``extra``."""


class IngestionAudienceMember(TypedDict, total=False):
    """An audience member (tenant or subscription id with a description)."""

    ID: str
    """Id (the swagger spells it ``ID``)."""
    description: str
    """Description."""


class IngestionAzureGovernmentCertification(TypedDict, total=False):
    """An Azure Government certification of a plan."""

    validationResults: List["IngestionValidationResult"]
    """Validation results."""
    title: str
    """Title."""
    uri: str
    """URI."""


class IngestionCertificationReport(TypedDict, total=False):
    """A certification report of a submission (the report itself is a file at ``fileUri``)."""

    reportTimeInUtc: str
    """Report time (UTC)."""
    status: str
    """Status."""
    fileUri: str
    """Where the report is."""


IngestionCosellAsset = TypedDict("IngestionCosellAsset", {"id": str, "resourceType": str, "fileName": str, "type": str, "fileSasUri": str, "state": str, "@odata.etag": str}, total=False)
"""A co-sell asset (a document for Microsoft sellers), uploaded like listing assets."""


IngestionCosellContact = TypedDict("IngestionCosellContact", {"type": str, "email": str, "name": str, "jobTitle": str, "role": str, "regions": List[str], "subRegions": List[str]}, total=False)
"""A co-sell contact."""


IngestionCosellListing = TypedDict("IngestionCosellListing", {"id": str, "resourceType": str, "offerPlatforms": List[str], "endCustomerSegments": List[str], "offerType": str, "solutionAreas": List["IngestionCosellSolutionArea"], "contacts": List["IngestionCosellContact"], "assetReferences": List["IngestionTypeValuePair"], "@odata.etag": str}, total=False)
"""A product's co-sell listing (one per instance)."""


class IngestionCosellSolutionArea(TypedDict, total=False):
    """A co-sell solution area."""

    area: str
    """Area."""
    subAreas: List[str]
    """Sub-areas."""


class IngestionCustomAmendment(TypedDict, total=False):
    """Custom amendment terms for some tenants."""

    name: str
    """Name."""
    terms: str
    """Terms."""
    tenants: List["IngestionTenant"]
    """Tenants."""


class IngestionCustomMeter(TypedDict, total=False):
    """A custom meter (metered billing dimension)."""

    isEnabled: bool
    """Enabled."""
    ID: str
    """Meter id (the swagger spells it ``ID``)."""
    uniqueID: str
    """Unique id."""
    displayName: str
    """Display name."""
    unitOfMeasure: str
    """Unit of measure."""
    priceInUsd: float
    """Price in USD."""
    includedBaseQuantities: List["IngestionIncludedBaseQuantity"]
    """Included quantities."""


IngestionFeatureAvailability = TypedDict("IngestionFeatureAvailability", {"id": str, "resourceType": str, "visibility": str, "marketStates": List["IngestionMarketState"], "properties": List["IngestionTypeValuePair"], "trial": "IngestionTrial", "tenantAudiences": List["IngestionAudienceMember"], "subscriptionAudiences": List["IngestionAudienceMember"], "priceSchedules": List["IngestionPriceScheduleInfo"], "customMeters": List["IngestionCustomMeter"], "isHidden": bool, "@odata.etag": str}, total=False)
"""A plan's feature availability: markets, prices, trial, audiences, visibility."""


class IngestionIncludedBaseQuantity(TypedDict, total=False):
    """A quantity included in the base price."""

    recurringUnit: str
    """Recurring unit."""
    isInfinite: bool
    """Infinite."""
    quantity: float
    """Quantity."""


class IngestionLeadConfiguration(TypedDict, total=False):
    """A product's lead configuration. The fields of every destination type are typed here; which apply follows ``resourceType``. Credentials (``connectionString``, ``password``, ``applicationKey``) are [``HiddenText``]."""

    resourceType: str
    """Destination type."""
    dailyDigestEmailContacts: List[str]
    """Daily digest recipients."""
    contactEmail: str
    """Contact email."""
    connectionString: str
    """Storage connection string (Azure table, Azure blob)."""
    containerName: str
    """Blob container (Azure blob)."""
    uri: str
    """Endpoint (Dynamics CRM)."""
    authentication: str
    """Authentication kind (Dynamics CRM)."""
    userName: str
    """User name (Dynamics CRM)."""
    password: str
    """Password (Dynamics CRM)."""
    applicationID: str
    """Application id (Dynamics CRM)."""
    applicationKey: str
    """Application key (Dynamics CRM)."""
    directoryID: str
    """Directory id (Dynamics CRM)."""
    httpsEndpointUri: str
    """Endpoint (HTTPS endpoint)."""
    serverID: str
    """Server id (Marketo)."""
    munchkinAccountID: str
    """Munchkin account id (Marketo)."""
    formID: str
    """Form id (Marketo)."""
    objectIdentifier: str
    """Object identifier (Salesforce)."""


IngestionListingAsset = TypedDict("IngestionListingAsset", {"id": str, "resourceType": str, "fileName": str, "type": str, "fileSasUri": str, "publisherDefinedSasUri": str, "state": str, "description": str, "friendlyName": str, "@odata.etag": str}, total=False)
"""A listing asset (a document or other file attached to a listing). Created with ``fileName`` and ``type`` (state ``PendingUpload``, the response carries the SAS ``fileSasUri``); after the upload, updated with state ``Uploaded``."""


IngestionListingVideo = TypedDict("IngestionListingVideo", {"id": str, "resourceType": str, "fileName": str, "fileSasUri": str, "streamingUri": str, "state": str, "thumbnail": "IngestionListingVideoThumbnail", "@odata.etag": str}, total=False)
"""A listing video. Created with ``fileName`` (state ``PendingUpload``, the response carries the SAS ``fileSasUri``); after the upload, updated with state ``Uploaded``."""


class IngestionListingVideoThumbnail(TypedDict, total=False):
    """The thumbnail of a listing video (uploaded like the video itself)."""

    fileName: str
    """File name."""
    title: str
    """Title."""
    description: str
    """Description."""
    fileSasUri: str
    """SAS URI to upload the thumbnail to (hidden in ``Debug``)."""
    publisherDefinedSasUri: str
    """A SAS URI of the publisher's own store (hidden in ``Debug``)."""
    state: str
    """Upload/processing state."""


class IngestionLocalizedDateTime(TypedDict, total=False):
    """A point in time, optionally the same local time in every market."""

    localizePerMarket: bool
    """Localize per market."""
    dateTimeInUtc: str
    """Time (UTC)."""


class IngestionLocalizedDateTimeRange(TypedDict, total=False):
    """A time range."""

    startAt: "IngestionLocalizedDateTime"
    """Start."""
    endAt: "IngestionLocalizedDateTime"
    """End."""


class IngestionMarketState(TypedDict, total=False):
    """Whether a plan sells in one market."""

    marketCode: str
    """Market code (e.g. ``US``)."""
    state: str
    """State."""


class IngestionPrice(TypedDict, total=False):
    """A price."""

    priceTierID: str
    """Price tier id."""
    openPrice: float
    """Open price."""
    currencyCode: str
    """Currency."""


class IngestionPriceSchedule(TypedDict, total=False):
    """One price over a time range."""

    retailPrice: "IngestionPrice"
    """Price."""
    pricingModel: str
    """``Flat``, ``Recurring``, ``Usage``."""
    priceCadence: "IngestionPricingCadence"
    """Cadence."""
    pricingUnits: List["IngestionPricingUnit"]
    """Units."""
    dateTimeRange: "IngestionLocalizedDateTimeRange"
    """Range."""


class IngestionPriceScheduleInfo(TypedDict, total=False):
    """The prices of some markets (the swagger's ``ScheduleInfo<PriceSchedule>``)."""

    isBaseSchedule: bool
    """Whether this is the base schedule."""
    marketCodes: List[str]
    """Markets."""
    friendlyName: str
    """Friendly name."""
    schedules: List["IngestionPriceSchedule"]
    """Schedules."""


IngestionPricingCadence = TypedDict("IngestionPricingCadence", {"type": str, "value": int}, total=False)
"""A billing cadence."""


class IngestionPricingUnit(TypedDict, total=False):
    """A pricing unit (per core, per transaction, …)."""

    name: str
    """``sharedcore``, ``transactions``."""
    unitType: str
    """Unit type."""
    isUnlimitedUnit: bool
    """Unlimited."""
    lowerUnit: int
    """Lower bound."""
    upperUnit: int
    """Upper bound."""


IngestionProductAvailability = TypedDict("IngestionProductAvailability", {"id": str, "resourceType": str, "visibility": str, "enterpriseLicensing": str, "audiences": List[Any], "emailAudiences": List["IngestionAudienceMember"], "subscriptionAudiences": List["IngestionAudienceMember"], "hideKeyAudience": str, "@odata.etag": str}, total=False)
"""A product's availability: visibility and preview audiences."""


IngestionProperty = TypedDict("IngestionProperty", {"id": str, "resourceType": str, "industries": List[str], "leveledCategories": Dict[str, Any], "categories": List[str], "additionalCategories": List[str], "submissionVersion": str, "hideKeys": List[str], "productTags": List[str], "appVersion": str, "useEnterpriseContract": bool, "termsOfUse": str, "marketingOnlyChange": bool, "globalAmendmentTerms": str, "customAmendments": List["IngestionCustomAmendment"], "@odata.etag": str}, total=False)
"""A product's properties (``AzureProperty``): categories, industries, terms, version."""


class IngestionResellerConfiguration(TypedDict, total=False):
    """Whether Cloud Solution Provider resellers may sell the product."""

    resourceType: str
    """``ResellerConfiguration``."""
    resellerChannelState: str
    """Channel state."""
    tenantIds: List[str]
    """Resellers (for ``PartialOptIn``)."""


IngestionSupplementalContent = TypedDict("IngestionSupplementalContent", {"id": str, "resourceType": str, "targetRelease": str, "supportedEditions": List[str], "assets": List["IngestionSupplementalContentAsset"], "@odata.etag": str}, total=False)
"""Supplemental content for certification (one per instance; committed when complete)."""


IngestionSupplementalContentAsset = TypedDict("IngestionSupplementalContentAsset", {"assetID": str, "fileName": str, "type": str, "fileSasUri": str}, total=False)
"""A file of a supplemental content."""


class IngestionTenant(TypedDict, total=False):
    """A tenant a custom amendment applies to."""

    ID: str
    """Tenant id (the swagger spells it ``ID``)."""
    description: str
    """Description."""


IngestionTrial = TypedDict("IngestionTrial", {"type": str, "durationType": str, "duration": int, "dateTimeRange": "IngestionLocalizedDateTimeRange"}, total=False)
"""A plan's free trial."""


class IngestionValidationResult(TypedDict, total=False):
    """One validation result of a government certification."""

    memberNames: List[str]
    """Members concerned."""
    errorMessage: str
    """Message."""


IngestionVariant = TypedDict("IngestionVariant", {"id": str, "resourceType": str, "friendlyName": str, "extendedProperties": List["IngestionTypeValuePair"], "state": str, "conversionPaths": str, "leadGenID": str, "externalID": str, "referenceVariantID": str, "azureGovernmentCertifications": List["IngestionAzureGovernmentCertification"], "cloudAvailabilities": List[str], "testDriveType": str, "@odata.etag": str}, total=False)
"""A variant: a plan (``AzureSkuVariant``) or a test drive (``AzureTestDriveVariant``). The fields of both are typed here; which apply follows ``resourceType``."""
