//! The catalogue of issue codes: every code validation can report, with its severity and a one-line
//! description. Codes are stable: bindings map them, users filter on them; new codes may be added,
//! existing ones never change meaning.

use serde::Serialize;

use crate::issue::Severity;

/// One issue code: the code, the severity every issue with this code has, and what it means.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct IssueCodeInfo {
    /// Stable code (`"listing.description.too_long"`).
    pub code: &'static str,
    /// Severity of every issue with this code.
    pub severity: Severity,
    /// One-line description of the rule.
    pub description: &'static str,
}

/// What an issue code is about, by its prefix: `project` (a project file and its folder,
/// `storesubmit::project`), `import` (a StoreBroker configuration being imported), `ingestion` (an
/// ingestion offer-changes document, `validate::offer_changes`), or `document` (every other code: a rule
/// of a document kind, which the shared validation vectors cover one by one).
pub const SUBJECTS: &[(&str, &str)] = &[("project.", "project"), ("import.", "import"), ("ingestion.", "ingestion")];

impl IssueCodeInfo {
    /// `document`, `project`, `import` or `ingestion` (see [`SUBJECTS`]): a host or a test runner that checks
    /// documents takes the `document` codes, without knowing the prefixes.
    pub fn subject(&self) -> &'static str {
        SUBJECTS.iter().find(|(prefix, _)| self.code.starts_with(prefix)).map_or("document", |(_, s)| s)
    }
}

macro_rules! codes {
    ($( $konst:ident = $code:literal, $sev:ident, $desc:literal; )*) => {
        $(
            #[doc = concat!("`", $code, "` (", stringify!($sev), "): ", $desc)]
            pub const $konst: IssueCodeInfo = IssueCodeInfo { code: $code, severity: Severity::$sev, description: $desc };
        )*
        /// Every code, in catalogue order.
        pub const ALL: &[IssueCodeInfo] = &[$($konst,)*];
    };
}

codes! {
    // ---- reading a document (validate::lenient_json) ----
    JSON_SYNTAX = "json.syntax", Error, "the text is not JSON, even allowing trailing commas, comments and a byte-order mark";
    JSON_TRAILING_COMMA = "json.trailing_comma", Warning, "a comma directly before `}` or `]` (the Store's samples have them; JSON forbids them); accepted";
    JSON_COMMENT = "json.comment", Warning, "a `//` or `/* */` comment (the Store's samples have them; JSON forbids them); ignored";
    JSON_BOM = "json.bom", Warning, "the text starts with a UTF-8 byte-order mark, which JSON forbids; accepted";
    JSON_TOO_DEEP = "json.too_deep", Error, "objects and arrays are nested deeper than 128 levels (refused before parsing further)";
    // ---- any document ----
    DOCUMENT_NOT_OBJECT = "document.not_object", Error, "the document, or a resource inside it, is not a JSON object";
    FIELD_REQUIRED = "field.required", Error, "a required field (or a field required by another field's value) is missing or null";
    FIELD_TYPE = "field.type", Error, "a field has the wrong JSON type (string, boolean, number, array or object expected)";
    FIELD_EMPTY = "field.empty", Error, "a required text field is empty";
    FIELD_READ_ONLY = "field.read_only", Warning, "a read-only field (set by Partner Center) is present in an update; the Store ignores it";
    FIELD_OBSOLETE = "field.obsolete", Warning, "an obsolete or deprecated field has a value; the Store ignores it";
    FIELD_CASE = "field.case", Warning, "a field is spelled in another case than documented (`FileName` for `fileName`); the Store binds it case-insensitively, and so does storesubmit";
    FIELD_UNKNOWN = "field.unknown", Warning, "a field, at any depth, is not part of the resource that holds it (a typo, or a field of another kind); sent as written, ignored by the Store; the message suggests the closest known field";
    FIELD_PLACEHOLDER = "field.placeholder", Error, "a field holds a placeholder the Store would take as meant: a StoreBroker template value (visibility or applicationCategory `NotSet`, pricing.priceId `NotAvailable`, targetPublishMode `NotSet`), text a `storesubmit init` starter marked `TODO:`, or a URL on the starters' placeholder host (`todo.invalid`); the message says what to put instead";
    TEXT_MARKDOWN = "text.markdown", Warning, "a plain-text field holds Markdown (`## heading`, `**bold**`, `[text](url)`, a code fence): the Store shows plain text, so the marks appear as written";
    FORMAT_URL = "format.url", Error, "a URL field does not hold an absolute http(s) URL";
    FORMAT_URL_OR_EMAIL = "format.url_or_email", Error, "a contact field holds neither an absolute http(s) URL nor an e-mail address";
    FORMAT_DATE = "format.date", Error, "a date field is not an ISO 8601 date-time";
    LANGUAGE_UNKNOWN = "language.unknown", Error, "a win32 language code is not in the Store's languages table";
    LANGUAGE_UNRECOGNIZED = "language.unrecognized", Warning, "a devcenter listing language is not in the Store's languages table";
    MARKET_UNKNOWN = "market.unknown", Error, "a market code is not in the Store's markets table (codes are upper case, e.g. US)";
    MARKET_DUPLICATE = "market.duplicate", Warning, "a market is listed more than once";
    // ---- win32 metadata: availability ----
    AVAILABILITY_MARKETS_EMPTY = "availability.markets.empty", Error, "availability.markets is empty: the product would be offered nowhere";
    AVAILABILITY_DISCOVERABILITY_INVALID = "availability.discoverability.invalid", Error, "availability.discoverability is not DISCOVERABLE or DEEPLINK_ONLY";
    AVAILABILITY_PRICING_INVALID = "availability.pricing.invalid", Error, "availability.pricing is not FREE, FREEMIUM, SUBSCRIPTION or PAID";
    AVAILABILITY_FREE_TRIAL_INVALID = "availability.free_trial.invalid", Error, "availability.freeTrial is not NO_FREE_TRIAL or FREE_TRIAL";
    AVAILABILITY_FREE_TRIAL_REQUIRED = "availability.free_trial.required", Error, "availability.freeTrial is required when pricing is PAID or SUBSCRIPTION";
    // ---- win32 metadata: properties ----
    PROPERTIES_PRIVACY_POLICY_URL_REQUIRED = "properties.privacy_policy_url.required", Error, "properties.privacyPolicyUrl is required when isPrivacyPolicyRequired is true";
    PROPERTIES_CERTIFICATION_NOTES_TOO_LONG = "properties.certification_notes.too_long", Error, "properties.certificationNotes is longer than 2000 characters";
    PROPERTIES_CATEGORY_UNKNOWN = "properties.category.unknown", Error, "properties.category is not in the Store's categories table";
    PROPERTIES_SUBCATEGORY_UNKNOWN = "properties.subcategory.unknown", Error, "properties.subcategory is not a sub-category of properties.category";
    PROPERTIES_SYSTEM_FEATURE_UNKNOWN = "properties.system_feature.unknown", Error, "isSystemFeatureRequired[].hardwareItemType is not a documented system feature";
    PROPERTIES_SYSTEM_REQUIREMENT_UNKNOWN = "properties.system_requirement.unknown", Error, "systemRequirementDetails[].hardwareItemType is not Processor, Graphics, Memory, DirectX or Video_Memory";
    PROPERTIES_SYSTEM_REQUIREMENT_VALUE_INVALID = "properties.system_requirement.value_invalid", Error, "a Memory, DirectX or Video_Memory requirement is not one of the allowed values";
    PROPERTIES_SYSTEM_REQUIREMENT_TOO_LONG = "properties.system_requirement.too_long", Error, "a Processor or Graphics requirement text is longer than 200 characters";
    // ---- win32 metadata: listings ----
    LISTING_DESCRIPTION_TOO_LONG = "listing.description.too_long", Error, "listing description is longer than its limit: 10000 characters (app and MSI/EXE listings), 200 (add-on listings)";
    LISTING_WHATS_NEW_TOO_LONG = "listing.whats_new.too_long", Error, "listing whatsNew (MSI/EXE) or releaseNotes (app) is longer than 1500 characters";
    LISTING_SHORT_DESCRIPTION_TOO_LONG = "listing.short_description.too_long", Error, "listing shortDescription (MSI/EXE and app) is longer than 1000 characters";
    LISTING_ADDITIONAL_LICENSE_TERMS_TOO_LONG = "listing.additional_license_terms.too_long", Error, "listing additionalLicenseTerms (MSI/EXE) or licenseTerms (app) is longer than 10000 characters";
    LISTING_COPYRIGHT_TOO_LONG = "listing.copyright.too_long", Error, "listing copyright (MSI/EXE) or copyrightAndTrademarkInfo (app) is longer than 200 characters";
    LISTING_DEVELOPED_BY_TOO_LONG = "listing.developed_by.too_long", Error, "listing developedBy (MSI/EXE) or devStudio (app) is longer than 255 characters";
    LISTING_CONTACT_INFO_TOO_LONG = "listing.contact_info.too_long", Error, "listing contactInfo is longer than 200 characters";
    LISTING_PRODUCT_FEATURES_TOO_MANY = "listing.product_features.too_many", Error, "listing productFeatures has more than 20 features";
    LISTING_PRODUCT_FEATURE_TOO_LONG = "listing.product_feature.too_long", Error, "a listing product feature (MSI/EXE productFeatures[], app features[]) is longer than 200 characters";
    LISTING_SEARCH_TERMS_TOO_MANY = "listing.search_terms.too_many", Error, "listing searchTerms has more than 7 terms";
    LISTING_SEARCH_TERM_TOO_LONG = "listing.search_term.too_long", Error, "a listing search term is longer than 30 characters";
    LISTING_SEARCH_TERMS_TOO_MANY_WORDS = "listing.search_terms.too_many_words", Error, "listing searchTerms hold more than 21 unique words in total";
    LISTING_REQUIREMENTS_TOO_MANY = "listing.requirements.too_many", Error, "listing requirements hold more than 11 items in total between minimumHardware and recommendedHardware";
    LISTING_REQUIREMENT_TOO_LONG = "listing.requirement.too_long", Error, "a listing minimumHardware or recommendedHardware text (MSI/EXE requirements[], app listing arrays) is longer than 200 characters";
    LISTING_TITLE_TOO_LONG = "listing.title.too_long", Error, "a listing title is longer than its limit: 256 characters (app: the longest app name Partner Center reserves), 100 (add-on)";
    LISTING_SHORT_TITLE_TOO_LONG = "listing.short_title.too_long", Error, "an app listing shortTitle is longer than 50 characters";
    LISTING_SORT_TITLE_TOO_LONG = "listing.sort_title.too_long", Error, "a listing sortTitle (app and MSI/EXE) is longer than 255 characters";
    LISTING_VOICE_TITLE_TOO_LONG = "listing.voice_title.too_long", Error, "an app listing voiceTitle is longer than 255 characters";
    LISTING_LANGUAGE_DUPLICATE = "listing.language.duplicate", Error, "two listings in one document have the same language";
    LISTINGS_ADD_REMOVE_OVERLAP = "listings.add_remove_overlap", Error, "a language is both in listingsToAdd and in listingsToRemove";
    // ---- win32 packages ----
    PACKAGES_EMPTY = "packages.empty", Error, "a full packages update holds no package (it would remove every package)";
    PACKAGE_ARCHITECTURES_COUNT = "package.architectures.count", Error, "a win32 package must list exactly one architecture";
    PACKAGE_ARCHITECTURE_INVALID = "package.architecture.invalid", Error, "a win32 package architecture is not Neutral, X86, X64, Arm or Arm64";
    PACKAGE_TYPE_INVALID = "package.package_type.invalid", Error, "a win32 packageType is not exe or msi";
    PACKAGE_INSTALLER_PARAMETERS_REQUIRED = "package.installer_parameters.required", Error, "installerParameters is required when isSilentInstall is false";
    PACKAGE_GENERIC_DOC_URL_REQUIRED = "package.generic_doc_url.required", Error, "genericDocUrl is required when packageType is exe";
    PACKAGE_ERROR_SCENARIO_INVALID = "package.error_scenario.invalid", Error, "errorDetails[].errorScenario is not a documented error scenario";
    PACKAGE_LANGUAGES_EMPTY = "package.languages.empty", Error, "a win32 package lists no language";
    PACKAGE_URL_NOT_HTTPS = "package.url.not_https", Error, "a win32 packageUrl is not https: the Store takes a versioned secure URL";
    PACKAGE_URL_TYPE_MISMATCH = "package.url.type_mismatch", Error, "a win32 packageUrl ends in .msi or .exe but packageType says the other";
    PACKAGE_URL_MSIX = "package.url.msix", Error, "a win32 packageUrl names an MSIX/APPX package: those are submitted with the app submission API (applicationPackages), not the MSI/EXE API";
    PACKAGE_INSTALLER_PARAMETERS_NOT_MSIEXEC = "package.installer_parameters.not_msiexec", Error, "an msi package's installerParameters hold a switch msiexec does not take (`/S`, `/VERYSILENT`, `--silent`): the Store runs MSI installers with msiexec";
    // ---- win32 listing assets ----
    ASSETS_SCREENSHOTS_OUT_OF_RANGE = "assets.screenshots.out_of_range", Error, "screenshots requested or committed per language must be 1 to 10 (0 requests none)";
    ASSETS_LOGOS_OUT_OF_RANGE = "assets.logos.out_of_range", Error, "logos requested or committed per language must be 1 or 2 (0 requests none)";
    ASSETS_NOTHING_REQUESTED = "assets.create.nothing_requested", Error, "a listing assets create request asks for no screenshot and no logo";
    ASSETS_TYPE_UNKNOWN = "assets.create.type_unknown", Error, "createAssetRequest has a key other than Screenshot and Logo";
    // ---- devcenter: every submission ----
    SUBMISSION_VISIBILITY_INVALID = "submission.visibility.invalid", Error, "visibility is not Hidden, Public, Private or NotSet";
    SUBMISSION_PUBLISH_MODE_INVALID = "submission.target_publish_mode.invalid", Error, "targetPublishMode is not Immediate, Manual or SpecificDate";
    SUBMISSION_PUBLISH_DATE_REQUIRED = "submission.target_publish_date.required", Error, "targetPublishDate is required when targetPublishMode is SpecificDate";
    PRICING_PRICE_ID_INVALID = "pricing.price_id.invalid", Error, "a price tier is not Base, NotAvailable, Free, Tier2-Tier96 or Tier1012-Tier1424";
    PRICING_TRIAL_PERIOD_INVALID = "pricing.trial_period.invalid", Error, "pricing.trialPeriod is not a documented trial period";
    ROLLOUT_PERCENTAGE_OUT_OF_RANGE = "rollout.percentage.out_of_range", Error, "packageRolloutPercentage is not between 0 and 100";
    FILE_STATUS_INVALID = "file_status.invalid", Error, "fileStatus is not None, PendingUpload, Uploaded or PendingDelete";
    PACKAGE_MINIMUM_DIRECTX_INVALID = "package.minimum_directx_version.invalid", Error, "minimumDirectXVersion is not None, DirectX93 or DirectX100";
    PACKAGE_MINIMUM_SYSTEM_RAM_INVALID = "package.minimum_system_ram.invalid", Error, "minimumSystemRam is not None or Memory2GB";
    // ---- devcenter: app submission ----
    APP_CATEGORY_UNRECOGNIZED = "app.application_category.unrecognized", Warning, "applicationCategory is not Category or Category_Subcategory from the Store's categories table";
    APP_HARDWARE_PREFERENCE_INVALID = "app.hardware_preference.invalid", Error, "hardwarePreferences holds a value that is not a documented hardware preference";
    APP_DEVICE_FAMILY_UNRECOGNIZED = "app.device_family.unrecognized", Warning, "an allowTargetFutureDeviceFamilies key is not Desktop, Mobile, Holographic, Xbox or Team";
    APP_ENTERPRISE_LICENSING_INVALID = "app.enterprise_licensing.invalid", Error, "enterpriseLicensing is not None, Online or OnlineAndOffline";
    LISTING_PLATFORM_OVERRIDE_INVALID = "listing.platform_override.invalid", Error, "a platformOverrides key is not a documented platform";
    IMAGE_TYPE_INVALID = "image.image_type.invalid", Error, "a listing image's imageType is not a documented image type";
    IMAGE_DESCRIPTION_TOO_LONG = "image.description.too_long", Error, "a listing image's description (a screenshot's caption) or a trailer thumbnail's description is longer than 200 characters";
    IMAGE_FORMAT = "image.format", Error, "a listing image, trailer thumbnail or add-on icon to upload is not a PNG: its name does not end in .png, or its bytes (read where the files are at hand) are not a PNG";
    IMAGE_DIMENSIONS = "image.dimensions", Error, "a PNG's width x height (from its header) is not a size the Store takes for its image type and device family";
    IMAGE_TOO_LARGE = "image.too_large", Error, "a listing image, trailer thumbnail or add-on icon is larger than 50 MB";
    LISTING_SCREENSHOTS_TOO_MANY = "listing.screenshots.too_many", Error, "a listing has more screenshots of one device family than the Store takes (10 desktop, 8 of each other family)";
    MEDIA_FILE_NAME_TOO_LONG = "media.file_name.too_long", Error, "the file name of a listing image, trailer video or thumbnail is longer than 255 characters";
    LISTING_FEATURES_TOO_MANY = "listing.features.too_many", Error, "base listing features has more than 20 features";
    LISTING_HARDWARE_TOO_MANY = "listing.hardware.too_many", Error, "base listing recommendedHardware or minimumHardware has more than 11 items";
    LISTING_KEYWORDS_TOO_MANY = "listing.keywords.too_many", Error, "app listing keywords has more than 7 keywords (the Store's search-term limit)";
    LISTING_KEYWORD_TOO_LONG = "listing.keyword.too_long", Error, "an app listing keyword is longer than 30 characters";
    LISTING_KEYWORDS_TOO_MANY_WORDS = "listing.keywords.too_many_words", Error, "app listing keywords hold more than 21 unique words in total";
    GAMING_OPTIONS_TOO_MANY = "gaming.options.too_many", Error, "gamingOptions holds more than one gaming options resource";
    GAMING_GENRE_INVALID = "gaming.genre.invalid", Error, "gamingOptions[].genres holds a value that is not a documented genre";
    GAMING_KINECT_DATA_INVALID = "gaming.kinect_data.invalid", Error, "kinectDataForExternal is not NotSet, Unknown, Enabled or Disabled";
    TRAILERS_TOO_MANY = "trailers.too_many", Error, "trailers has more than 15 trailers";
    TRAILER_THUMBNAIL_COUNT = "trailer.thumbnail.count", Error, "a trailer's imageList must hold a thumbnail image for each language";
    TRAILER_TITLE_TOO_LONG = "trailer.title.too_long", Error, "a trailer's title is longer than 255 characters";
    TRAILER_VIDEO_FORMAT = "trailer.video.format", Error, "a trailer video to upload is not MP4 or MOV: its name does not end in .mp4 or .mov, or its bytes (read where the files are at hand) are not an MP4/QuickTime container";
    TRAILER_VIDEO_TOO_LARGE = "trailer.video.too_large", Error, "a trailer video is larger than 2 GB";
    TRAILER_THUMBNAIL_EXTRA = "trailer.thumbnail.extra", Warning, "a trailer's imageList holds more than the one thumbnail the documentation allows (Microsoft's published samples send two)";
    // ---- devcenter: add-ons ----
    ADDON_CONTENT_TYPE_INVALID = "addon.content_type.invalid", Error, "contentType is not a documented add-on content type";
    ADDON_LIFETIME_INVALID = "addon.lifetime.invalid", Error, "lifetime is not a documented add-on lifetime";
    ADDON_KEYWORDS_TOO_MANY = "addon.keywords.too_many", Error, "add-on keywords has more than 10 keywords";
    ADDON_ICON_NOT_PNG = "addon.icon.not_png", Error, "an add-on listing icon is not a .png file";
    ADDON_APPLICATION_IDS_COUNT = "addon.application_ids.count", Error, "applicationIds must hold exactly one app id";
    ADDON_KEYWORD_TOO_LONG = "addon.keyword.too_long", Error, "an add-on keyword is longer than 30 characters";
    ADDON_TAG_TOO_LONG = "addon.tag.too_long", Error, "an add-on's tag (custom developer data) is longer than 3000 characters";
    ADDON_PRODUCT_TYPE_INVALID = "addon.product_type.invalid", Error, "productType is not Durable or Consumable";
    // ---- devcenter: flights ----
    FLIGHT_GROUP_IDS_EMPTY = "flight.group_ids.empty", Error, "groupIds is empty: the flight would reach nobody";
    FLIGHT_GROUP_IDS_MISSING = "flight.group_ids.missing", Warning, "groupIds is absent: the flight has no flight group yet";
    // ---- project files (storesubmit.toml / storesubmit.json: core/src/project) ----
    PROJECT_SYNTAX = "project.syntax", Error, "the project file is not TOML (storesubmit.toml) or JSON (storesubmit.json): the message names the line and column";
    PROJECT_FIELD_UNKNOWN = "project.field.unknown", Error, "a project file key is not part of the project format (a typo: the message suggests the closest known key)";
    PROJECT_FIELD_TYPE = "project.field.type", Error, "a project file value has the wrong type (string, boolean, number, list of strings or table expected)";
    PROJECT_FIELD_VALUE = "project.field.value", Error, "a project file value is not one of the allowed values or out of range (kind, pending, wait, rollout 0-100)";
    PROJECT_FIELD_NOT_FOR_KIND = "project.field.not_for_kind", Error, "a project file field has no meaning for the product kind (packages of an add-on, rollout of an MSI/EXE product, keep_old for MSI/EXE, ...)";
    PROJECT_FIELD_IGNORED = "project.field.ignored", Warning, "a project file field is ignored for the product kind (listings and images of a flight: a flight submission has none)";
    PROJECT_PRODUCT_KIND_MISSING = "project.product.kind_missing", Error, "product.kind is missing: app, addon, flight or win32";
    PROJECT_PRODUCT_ID_MISSING = "project.product.id_missing", Error, "product.id is missing or empty: the app, add-on or MSI/EXE product id";
    PROJECT_PRODUCT_FLIGHT_MISSING = "project.product.flight_missing", Error, "product.flight (the flight id) is missing for kind = \"flight\"";
    PROJECT_CREDENTIALS_NOT_A_NAME = "project.credentials.not_a_name", Error, "a credentials value is not an environment variable name (letters, digits and _, not starting with a digit); the value is never shown";
    PROJECT_CREDENTIALS_SECRET = "project.credentials.secret", Error, "a credentials value looks like a secret (long, or mixed letters and digits without _) rather than the NAME of an environment variable; the value is never shown";
    PROJECT_ENVIRONMENT_UNKNOWN = "project.environment.unknown", Error, "the environment asked for is not a table under [environments]";
    PROJECT_PACKAGES_GLOB_INVALID = "project.packages.glob_invalid", Error, "a packages glob is empty, absolute, has a `..` segment or an unclosed `[`";
    PROJECT_PACKAGES_NO_MATCH = "project.packages.no_match", Error, "a packages glob matches no file under the project folder";
    PROJECT_PACKAGES_WIN32_INVALID = "project.packages.win32_invalid", Error, "a file matched by an MSI/EXE project's packages glob is not a JSON package object ({packageUrl, languages, architectures, ...})";
    PROJECT_WALK_LIMIT = "project.walk_limit", Error, "listing the project folder for globs or images visited more entries than the limit (project.walk.entries.max); nothing beyond was matched";
    PROJECT_FOLDER_MISSING = "project.folder.missing", Error, "a folder the project file names (listings.folder, listings.images) does not exist";
    PROJECT_FILE_UNREADABLE = "project.file.unreadable", Error, "a file the project names or holds (submission file, listing, package file) cannot be read or is not UTF-8";
    PROJECT_SUBMISSION_FILE_INVALID = "project.submission.file_invalid", Error, "submission.file does not hold a JSON object";
    PROJECT_LISTINGS_LANGUAGE_UNKNOWN = "project.listings.language_unknown", Error, "a listing file is named for a language that is not in the Store's languages table (listings/<language>.json or .md)";
    PROJECT_LISTINGS_DUPLICATE = "project.listings.duplicate", Error, "one language has two listing files (en-us.json and en-us.md)";
    PROJECT_LISTINGS_FILE_IGNORED = "project.listings.file_ignored", Warning, "a file in the listings folder is neither <language>.json nor <language>.md; ignored";
    PROJECT_LISTINGS_SYNTAX = "project.listings.syntax", Error, "a listing file is not a JSON object, or its Markdown front matter is malformed (key: value, key: with - item lines)";
    PROJECT_LISTINGS_FIELD_UNKNOWN = "project.listings.field_unknown", Warning, "a listing file has a field the product kind's listing does not document (sent as written; the message suggests the closest field)";
    PROJECT_IMAGES_LANGUAGE_UNKNOWN = "project.images.language_unknown", Error, "an images folder is named for a language that is not in the Store's languages table (images/<language>/<ImageType>/<file>)";
    PROJECT_IMAGES_TYPE_UNKNOWN = "project.images.type_unknown", Error, "an images/<language>/<folder> is not an image type of the product kind (app: Screenshot, StoreLogo9x16, ...; add-on: Icon; MSI/EXE: Screenshot, Logo)";
    PROJECT_IMAGES_TOO_MANY = "project.images.too_many", Error, "an images/<language>/<ImageType> folder holds more files than the listing takes (add-on Icon: 1; MSI/EXE Screenshot: 10, Logo: 2)";
    PROJECT_IMAGES_MISPLACED = "project.images.misplaced", Warning, "a file in the images folder is not at images/<language>/<ImageType>/<file>; ignored";
    PROJECT_NOTHING_TO_PUBLISH = "project.nothing_to_publish", Warning, "the project names no package, listing, image or submission file: the publish would change nothing";
    // ---- ingestion offer changes (validate::offer_changes) ----
    INGESTION_CHANGES_FIELD_UNKNOWN = "ingestion.changes.field_unknown", Error, "a key of an offer-changes document's own structure (listings[], images[], videos[], plans[]) is not one it has; publish refuses the document";
    // ---- files cross-check ----
    FILES_MISSING = "files.missing", Error, "a file the submission names (PendingUpload) is not in the folder or ZIP (the Store's MissingFiles)";
    FILES_CASE_MISMATCH = "files.case_mismatch", Error, "a file the submission names is present only with different letter case (names are case-sensitive)";
    FILES_ABSOLUTE_PATH = "files.absolute_path", Error, "a file name in the submission is absolute; names are relative to the ZIP root";
    FILES_PARENT_SEGMENT = "files.parent_segment", Error, "a file name in the submission uses a `..` segment";
    FILES_UNREFERENCED = "files.unreferenced", Warning, "a file in the folder or ZIP is not named by the submission";
    FILES_UNSAFE_ENTRY = "files.unsafe_entry", Error, "an entry of the folder or ZIP escapes it: a `..` or absolute ZIP entry name, or a symbolic link to outside the folder (pack and publish refuse it)";
    FILES_CASE_DUPLICATE = "files.case_duplicate", Error, "two files (in the folder or ZIP, or named by the submission) differ only in letter case: Windows and the Store treat them as one";
    FILES_CONTROL_CHARACTER = "files.control_character", Error, "a file name holds a NUL or other control character";
    FILES_FOLDER_MISSING = "files.folder_missing", Error, "the files folder does not exist: one error naming it (instead of one files.missing per file)";
    FILES_EMPTY = "files.empty", Error, "a package the submission uploads (PendingUpload) is empty (0 bytes): the Store cannot accept it";
    // ---- importing a StoreBroker project (storesubmit::import::storebroker) ----
    IMPORT_CONFIG_SYNTAX = "import.config.syntax", Error, "SBConfig.json is not JSON, even allowing StoreBroker's `//` comments; the message names the line and column";
    IMPORT_CONFIG_TOO_LARGE = "import.config.too_large", Error, "SBConfig.json is larger than the import reads (import.file.bytes.max)";
    IMPORT_CONFIG_KIND = "import.config.kind", Error, "SBConfig.json has neither an appSubmission nor an iapSubmission object (or both): the product kind is unknown";
    IMPORT_CONFIG_ID_MISSING = "import.config.id_missing", Error, "appSubmission.appId (or iapSubmission.iapId) is missing or empty: the project needs the product id";
    IMPORT_CONFIG_CREDENTIAL = "import.config.credential", Warning, "SBConfig.json holds a credential (client secret, client id, tenant id, password, token, key); it is not imported and never shown: the project names environment variables instead";
    IMPORT_CONFIG_FIELD_DROPPED = "import.config.field_dropped", Warning, "a submission field of SBConfig.json is not carried to submission.json (listings and trailers come from the PDP files, packages from [packages])";
    IMPORT_CONFIG_PLACEHOLDER = "import.config.placeholder", Warning, "a submission field of SBConfig.json holds StoreBroker's template value (visibility, targetPublishMode, applicationCategory or contentType `NotSet`, pricing.priceId `NotAvailable`): not carried, so the live value stays";
    IMPORT_CONFIG_PARAMETER_UNKNOWN = "import.config.parameter_unknown", Warning, "a packageParameters key is not one StoreBroker documents (a typo?); ignored";
    IMPORT_PACKAGES_MOVED = "import.packages.moved", Warning, "a package path of SBConfig.json (AppxPath/PackagePath) became a glob under packages/ in the project: put the build's packages there or edit [packages] files";
    IMPORT_PDP_NONE = "import.pdp.none", Warning, "no PDP file was imported (no PDPRootPath or --pdp, or no file matched PDPInclude): the project has no listings";
    IMPORT_PDP_FOLDER_MISSING = "import.pdp.folder_missing", Error, "the PDP folder (PDPRootPath or --pdp) does not exist";
    IMPORT_PDP_TOO_LARGE = "import.pdp.too_large", Error, "a PDP file is larger than the import reads (import.file.bytes.max)";
    IMPORT_PDP_UNREADABLE = "import.pdp.unreadable", Error, "a PDP file cannot be read or is not UTF-8 text";
    IMPORT_PDP_XML = "import.pdp.xml", Error, "a PDP file is not well-formed XML (or nests too deep, or has a DOCTYPE); the message names the file, the line and the element";
    IMPORT_PDP_ROOT = "import.pdp.root", Error, "a PDP file's root element is not ProductDescription (app) or InAppProductDescription (add-on), or not the one of the config's product kind";
    IMPORT_PDP_NAMESPACE = "import.pdp.namespace", Warning, "a PDP file's root element is not in the namespace of StoreBroker's schema; read anyway";
    IMPORT_PDP_OBSOLETE = "import.pdp.obsolete", Warning, "a PDP element maps to a listing field the Store no longer takes (WebsiteURL, SupportContactInfo, PrivacyPolicyURL: set them on the Properties page); not imported";
    IMPORT_PDP_ELEMENT_UNKNOWN = "import.pdp.element_unknown", Warning, "a PDP element or attribute is not in StoreBroker's schema (a typo, or a newer schema); not imported";
    IMPORT_PDP_REQUIRED = "import.pdp.required", Error, "a PDP element the schema requires is missing or empty (Description of a ProductDescription, Title of an InAppProductDescription, a trailer's Title and Image)";
    IMPORT_PDP_LANGUAGE_UNKNOWN = "import.pdp.language_unknown", Error, "the language folder of a PDP file is not in the Store's languages table";
    IMPORT_PDP_LANGUAGE_DUPLICATE = "import.pdp.language_duplicate", Error, "two PDP files are in one language's folder; the listing would be ambiguous";
    IMPORT_PDP_LANGUAGE_MISMATCH = "import.pdp.language_mismatch", Warning, "a PDP file's language attribute differs from its folder's language; the folder's is used, as StoreBroker does";
    IMPORT_MEDIA_FOLDER_MISSING = "import.media.folder_missing", Error, "PDP files name images or trailers but there is no images folder (ImagesRootPath or --images), or it does not exist";
    IMPORT_MEDIA_MISSING = "import.media.missing", Error, "an image or trailer a PDP file names is not under <images>/<Release>/<language>/ (nor under the fallback language's folder)";
    IMPORT_MEDIA_AMBIGUOUS = "import.media.ambiguous", Warning, "more than one file of that name is under the language's images folder; the first in path order is taken";
    IMPORT_WALK_LIMIT = "import.walk_limit", Error, "listing the PDP or images folder visited more entries than the limit (import.walk.entries.max); nothing beyond was read";
}

/// Every issue code with its severity and a one-line description (pydantic-core's `list_all_errors`).
pub fn all_issue_codes() -> Vec<IssueCodeInfo> {
    ALL.to_vec()
}

/// The catalogue entry of a code.
pub fn issue_code(code: &str) -> Option<IssueCodeInfo> {
    ALL.iter().find(|c| c.code == code).copied()
}

#[cfg(test)]
mod tests {
    #[test]
    fn catalogue_serialises_for_bindings() {
        let v = serde_json::to_value(super::all_issue_codes()).unwrap();
        let items = v.as_array().unwrap();
        assert_eq!(items.len(), super::ALL.len());
        let trailing = items.iter().find(|c| c["code"] == "json.trailing_comma").unwrap();
        assert_eq!(trailing["severity"], "warning");
        let too_long = items.iter().find(|c| c["code"] == "listing.description.too_long").unwrap();
        assert_eq!(too_long["severity"], "error");
        assert!(too_long["description"].as_str().unwrap().contains("10000"));
        assert!(items.iter().all(|c| c.as_object().unwrap().len() == 3));
        assert_eq!(super::issue_code("files.missing").unwrap().severity, crate::Severity::Error);
        assert!(super::issue_code("no.such.code").is_none());
    }

    #[test]
    fn codes_are_unique() {
        let mut codes: Vec<_> = super::ALL.iter().map(|c| c.code).collect();
        codes.sort_unstable();
        let n = codes.len();
        codes.dedup();
        assert_eq!(n, codes.len());
    }
}
