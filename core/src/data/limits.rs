//! Numeric limits of the Store's documented rules: character limits (counted in Unicode scalar values),
//! item counts and ranges.
//!
//! Sources: seed 003 (win32 metadata, packages, listing assets), seed 002 and `reference/docs`
//! (devcenter app, add-on and flight submissions), StoreBroker's PDP schemas and Partner Center's pages on
//! Store listings and their images: each text and media limit names its source (see "Text limits" below).

use std::time::Duration;

use serde::Serialize;

// ---- Text limits -------------------------------------------------------------------------------------
// Counted as the Store counts: in characters (Unicode scalar values, as XML Schema's pattern facets count
// them), line breaks included, leading and trailing white space not (StoreBroker's PDP schemas write each
// limit as `\s*(\S(\r|\n|.){0,N-1}\s*)?`). Sources, cited by each constant:
// - [seed 003]: "Update Current Draft Submission Metadata API", request parameters (MSI/EXE listings).
// - [PDP]: microsoft/StoreBroker `PDP/ProductDescription.xsd` (app listings) and
//   `PDP/InAppProductDescription.xsd` (add-on listings): the pattern and `maxLength` facets.
// - [PC listing]: MicrosoftDocs/windows-dev-docs `hub/apps/publish/publish-your-app/msix/
//   add-and-edit-store-listing-info.md` ("Create app Store listings": Description, What's new, Product
//   features, Short title, Sort title, Voice title, Short description, Additional system requirements).
// - [PC additional]: same folder, `msix/add-additional-information.md` (Keywords, Copyright and trademark
//   info, Additional license terms, Developed by).
// - [PC images]: same folder, `msix/screenshots-and-images.md` ("App screenshots, images, and trailers").
// - [PC add-on]: `add-on/create-app-store-listing.md` (Product name, Description, Icon) and
//   `add-on/enter-app-properties.md` (Keywords, Custom developer data).
// - [PC name]: `msix/reserve-your-apps-name.md` ("your app's name can have up to 256 characters").

/// Listing `description` (MSI/EXE listings; app listings `baseListing.description` and platform
/// overrides): characters. [seed 003] "Character limit = 10000"; [PDP] `DescriptionString` {0,9999};
/// [PC listing] "will accept up to 10,000 characters of plain text".
pub const DESCRIPTION_MAX_CHARS: usize = 10_000;
/// MSI/EXE listing `whatsNew` and app listing `releaseNotes`: characters. [seed 003] "Character limit =
/// 1500"; [PDP] `ReleaseNotes`: `NotesString` {0,1499}; [PC listing] "What's new in this version … 1500
/// character limit".
pub const WHATS_NEW_MAX_CHARS: usize = 1_500;
/// MSI/EXE listing and app listing `shortDescription`: characters. [seed 003] "Character limit = 1000";
/// [PC listing] "Short description … The field has a 1000 character limit" (the older [PDP]
/// `ShortDescriptionString` allowed 500, when the field was for games only).
pub const SHORT_DESCRIPTION_MAX_CHARS: usize = 1_000;
/// MSI/EXE listing `additionalLicenseTerms` and app listing `licenseTerms`: characters. [seed 003]
/// "Character limit = 10000"; [PDP] `LicencseTermsString` {0,9999}; [PC additional] "up to 10,000
/// characters".
pub const ADDITIONAL_LICENSE_TERMS_MAX_CHARS: usize = 10_000;
/// MSI/EXE listing `copyright` and app listing `copyrightAndTrademarkInfo`: characters. [seed 003]
/// "Character limit = 200"; [PDP] `CopyrightString` {0,199}; [PC additional] "200 character limit".
pub const COPYRIGHT_MAX_CHARS: usize = 200;
/// MSI/EXE listing `developedBy` and app listing `devStudio`: characters. [seed 003] "Character limit =
/// 255"; [PDP] `DevStudioString` {0,254}; [PC additional] "Developed by … 255 character limit".
pub const DEVELOPED_BY_MAX_CHARS: usize = 255;
/// MSI/EXE listing `contactInfo`: characters. [seed 003] "Character limit = 200".
pub const CONTACT_INFO_MAX_CHARS: usize = 200;
/// MSI/EXE properties `certificationNotes`: characters. [seed 003] "Character limit = 2000".
pub const CERTIFICATION_NOTES_MAX_CHARS: usize = 2_000;
/// MSI/EXE listing `productFeatures` and app listing `features`: number of features. [seed 003] "Up to
/// 20 features"; [PDP] `AppFeature` maxOccurs 20; [PC listing] "You may include up to 20 features".
pub const PRODUCT_FEATURES_MAX: usize = 20;
/// One feature of `productFeatures` / `features`: characters. [seed 003] "200 characters per feature";
/// [PDP] `AppFeatureString` {0,199}; [PC listing] "no more than 200 characters per feature".
pub const PRODUCT_FEATURE_MAX_CHARS: usize = 200;
/// MSI/EXE listing `searchTerms` and app listing `keywords`: number of terms. [seed 003] "Up to 7 search
/// terms"; [PDP] `Keyword` maxOccurs 7; [PC additional] "up to 7 keywords".
pub const SEARCH_TERMS_MAX: usize = 7;
/// One term of `searchTerms` / `keywords`: characters. [seed 003] "30 characters per search term"; [PDP]
/// `KeywordString` {0,29}. (Partner Center's page now says 40 for MSIX keywords; the API documents 30,
/// and 30 is kept until the API's documentation changes.)
pub const SEARCH_TERM_MAX_CHARS: usize = 30;
/// `searchTerms` / `keywords`: unique words across all terms. [seed 003] "21 unique words TOTAL across
/// all search terms"; [PC additional] "no more than 21 separate words across all keywords".
pub const SEARCH_TERMS_MAX_UNIQUE_WORDS: usize = 21;
/// MSI/EXE listing `requirements`: number of texts in total between every item's `minimumHardware` and
/// `recommendedHardware` ([seed 003] "Up to 11 items TOTAL between minimum and recommended"; empty texts do
/// not count).
pub const REQUIREMENTS_MAX: usize = 11;
/// MSI/EXE `requirements[].minimumHardware` / `recommendedHardware` and app listing
/// `minimumHardware[]` / `recommendedHardware[]`: characters per text. [seed 003] "Character limit =
/// 200"; [PDP] `RequirementString` / `RecommendationString` {0,199}; [PC listing] "no more than 200
/// characters per item".
pub const REQUIREMENT_MAX_CHARS: usize = 200;
/// MSI/EXE properties `systemRequirementDetails[].minimumRequirement` / `recommendedRequirement` free
/// text (Processor, Graphics): characters. [seed 003] "For systemRequirementsText, MaxLength = 200".
pub const SYSTEM_REQUIREMENT_MAX_CHARS: usize = 200;
/// win32 listing assets create: screenshots per request (`Screenshot` 1–10; 0 requests none). [seed 003].
pub const SCREENSHOTS_MAX: u64 = 10;
/// win32 listing assets create: logos per request (`Logo` 1–2; 0 requests none). [seed 003].
pub const LOGOS_MAX: u64 = 2;
/// App listing `description`: characters (the same limit as [`DESCRIPTION_MAX_CHARS`]: [PDP]
/// `DescriptionString` {0,9999}, [PC listing] "up to 10,000 characters of plain text").
pub const DEVCENTER_DESCRIPTION_MAX_CHARS: usize = 10_000;
/// App listing `title`: characters. The title is one of the app's reserved names: [PC name] "your app's
/// name can have up to 256 characters".
pub const APP_TITLE_MAX_CHARS: usize = 256;
/// App listing `shortTitle`: characters. [PDP] `ShortTitleString` {0,49}; [PC listing] "Short title …
/// 50 character limit".
pub const SHORT_TITLE_MAX_CHARS: usize = 50;
/// App listing `sortTitle` (and MSI/EXE listing `sortTitle`): characters. [PDP] `SortTitleString`
/// {0,254}; [PC listing] "Sort title … 255 character limit".
pub const SORT_TITLE_MAX_CHARS: usize = 255;
/// App listing `voiceTitle`: characters. [PDP] `VoiceTitleString` {0,254}; [PC listing] "Voice title …
/// 255 character limit".
pub const VOICE_TITLE_MAX_CHARS: usize = 255;
/// App listing image `description` (a screenshot's caption) and a trailer thumbnail's `description`:
/// characters. [PDP] `CaptionStringContent` and `TrailerImageDescriptionString` {0,199}; [PC images]
/// "a short caption that describes each screenshot in 200 characters or less".
pub const IMAGE_DESCRIPTION_MAX_CHARS: usize = 200;
/// A trailer's `title` (per language): characters. [PDP] `TrailerTitleString` {0,254}; [PC images]
/// "a title for your trailer (255 characters or fewer)", "The title can't exceed 255 characters".
pub const TRAILER_TITLE_MAX_CHARS: usize = 255;
/// The file name of a listing image, trailer video or thumbnail: characters. [PDP] `maxLength value="255"`
/// of the screenshot attributes (`DesktopImage`, …) and of `AssetPathString` (additional assets,
/// trailers, their images).
pub const MEDIA_FILE_NAME_MAX_CHARS: usize = 255;
/// Add-on listing `title`: characters. [PC add-on] "Your title can be up to 100 characters"; [PDP]
/// `InAppProductDescription.xsd` `Title`: "May not exceed 100 characters".
pub const ADDON_TITLE_MAX_CHARS: usize = 100;
/// Add-on listing `description`: characters. [PC add-on] "a description of up to 200 characters"; [PDP]
/// `InAppProductDescription.xsd` `Description`: "May not exceed 200 characters".
pub const ADDON_DESCRIPTION_MAX_CHARS: usize = 200;
/// Add-on `keywords[]`: characters per keyword. [PC add-on] "up to ten keywords of up to 30 characters
/// each".
pub const ADDON_KEYWORD_MAX_CHARS: usize = 30;
/// Add-on `tag` (custom developer data): characters. [PC add-on] "You can enter up to 3000 characters
/// into the Custom developer data field (formerly called Tag)".
pub const ADDON_TAG_MAX_CHARS: usize = 3_000;
/// App listing `features`: number of features (see [`PRODUCT_FEATURES_MAX`]).
pub const FEATURES_MAX: usize = 20;
/// App listing `recommendedHardware` and `minimumHardware`: number of items each. [PDP]
/// `Recommendation` / `MinimumRequirement` maxOccurs 11; [PC listing] "up to 11 items for both Minimum
/// hardware and Recommended hardware".
pub const HARDWARE_ITEMS_MAX: usize = 11;
/// App submission `trailers`: number of trailers. [PDP] `Trailer` maxOccurs 15; [PC images] "You can add
/// up to 15 trailers".
pub const TRAILERS_MAX: usize = 15;
/// Trailer assets `imageList`: thumbnail images per language. [PDP] "Only one image/screenshot is
/// permitted (and required) per trailer".
pub const TRAILER_THUMBNAILS: usize = 1;
/// App submission `gamingOptions`: at most one gaming options resource.
pub const GAMING_OPTIONS_MAX: usize = 1;
/// Add-on submission `keywords`: number of keywords. [PC add-on] "up to ten keywords"; the submission
/// API's resource table "up to 10 keywords".
pub const ADDON_KEYWORDS_MAX: usize = 10;
/// devcenter add-on create `applicationIds`: exactly this many ids.
pub const ADDON_APPLICATION_IDS: usize = 1;

// ---- Media (listing images, trailers, add-on icons): read from their bytes where the files are at hand.
/// Largest listing image (screenshot, logo, promotional art, trailer thumbnail, add-on icon): bytes.
/// [PC images] "the file size can't be larger than 50 MB", "as .png files (no greater than 50 MB)". Read
/// as 50 MiB, the more generous reading.
pub const IMAGE_MAX_BYTES: u64 = 50 * 1024 * 1024;
/// Largest trailer video: bytes. [PC images] "The file size of the trailer shouldn't exceed 2 GB" (read as
/// 2 GiB).
pub const TRAILER_MAX_BYTES: u64 = 2 * 1024 * 1024 * 1024;
/// Desktop screenshots (`Screenshot`) per listing. [PC images] "up to 10 desktop screenshots".
pub const DESKTOP_SCREENSHOTS_MAX: usize = 10;
/// Screenshots of each other device family (`MobileScreenshot`, `XboxScreenshot`,
/// `SurfaceHubScreenshot`, `HoloLensScreenshot`) per listing. [PC images] "up to 8 screenshots for the
/// other device families".
pub const OTHER_SCREENSHOTS_MAX: usize = 8;
/// The first bytes of a media file read to tell its format and dimensions (a PNG's signature and `IHDR`
/// chunk fit in 24 bytes, an MP4/MOV `ftyp` box in 12): reads stay bounded whatever the file's size.
pub const MEDIA_HEADER_BYTES: usize = 64;

/// devcenter `packageRolloutPercentage`: lowest value.
pub const ROLLOUT_PERCENTAGE_MIN: f64 = 0.0;
/// devcenter `packageRolloutPercentage`: highest value.
pub const ROLLOUT_PERCENTAGE_MAX: f64 = 100.0;
/// Client options `retry.maxAttempts`: fewest attempts (the first included).
pub const RETRY_ATTEMPTS_MIN: u64 = 1;
/// Client options `retry.maxAttempts`: most attempts.
pub const RETRY_ATTEMPTS_MAX: u64 = 100;
/// Client options `retry.baseDelay`, `retry.maxDelay`, `retry.maxRetryAfter`: longest delay, seconds.
pub const RETRY_DELAY_MAX_SECS: f64 = 3_600.0;
/// Client options `poll.initial` and `poll.max`: longest delay between polls, seconds.
pub const POLL_DELAY_MAX_SECS: f64 = 3_600.0;
/// Client options `poll.factor`: smallest growth factor (fixed interval).
pub const POLL_FACTOR_MIN: f64 = 1.0;
/// Client options `poll.factor`: largest growth factor.
pub const POLL_FACTOR_MAX: f64 = 10.0;
/// Client options `deadline`: longest total time of a workflow, seconds (30 days: certification can take days).
pub const DEADLINE_MAX_SECS: f64 = 2_592_000.0;
/// Client options `requestTimeout`: longest per-request timeout, seconds.
pub const REQUEST_TIMEOUT_MAX_SECS: f64 = 3_600.0;
/// Paged lists: pages one listing follows by default before it stops and reports truncation.
pub const LIST_PAGES_DEFAULT: u32 = 1_000;
/// Paged lists: the highest page cap a caller may ask for.
pub const LIST_PAGES_MAX: u32 = 100_000;
/// Price tiers of the original pricing model: `Tier2` … `Tier96`.
pub const PRICE_TIERS_ORIGINAL: (u32, u32) = (2, 96);
/// Price tiers of the advanced pricing model: `Tier1012` … `Tier1424`.
pub const PRICE_TIERS_ADVANCED: (u32, u32) = (1012, 1424);
/// Reading JSON (`validate::lenient_json`): deepest nesting of objects and arrays accepted (serde_json's
/// own recursion limit; deeper input is refused with `json.too_deep` before anything large is built).
pub const JSON_MAX_DEPTH: usize = 128;
/// Reading JSON: warnings (trailing commas, comments) listed one by one; the rest are counted in one more.
pub const JSON_MAX_WARNINGS: usize = 1_000;
/// Reading JSON: longest JSON pointer written into a warning (longer ones are cut and end in `…`).
pub const JSON_MAX_POINTER_CHARS: usize = 1_024;

/// A result summary (`report::summary_markdown`): longest value written into one table cell (longer ones are
/// cut and end in `…`): a listing description or a whole PUT body must not turn a CI job summary into pages.
pub const SUMMARY_CELL_MAX_CHARS: usize = 200;
/// A result summary: most rows of one table (requests, changes, findings, files); the rest is counted in
/// one closing line. GitHub refuses a job summary over 1 MiB; 500 rows of 200 characters stay well under.
pub const SUMMARY_TABLE_MAX_ROWS: usize = 500;
/// Project files: most folder entries listed to match the packages globs and find the images of one
/// project (an unbounded walk of a large build folder would stall a pipeline); past it the project has
/// a `project.walk_limit` issue.
pub const PROJECT_WALK_MAX_ENTRIES: usize = 20_000;
/// Project files: deepest folder level a packages glob (`**`) or the images folder is walked to.
pub const PROJECT_WALK_MAX_DEPTH: usize = 32;
/// The largest text file a project reads (a listing, a submission file, release notes): 8 MiB, far above
/// any real listing (the Store's text limits add up to well under 100 KB), so a runaway file is refused
/// before it is read instead of costing memory.
pub const PROJECT_FILE_MAX_BYTES: u64 = 8 << 20;

/// The most characters of an issue's message and path (kept beside the type they bound, which every
/// other module uses: see [`crate::issue`]).
pub use crate::issue::{ISSUE_MESSAGE_MAX_CHARS, ISSUE_PATH_MAX_CHARS};

/// The largest answer of a Store API (JSON): 32 MiB. The largest real answers (a page of 100 submissions,
/// a submission with hundreds of listings) are a few MiB; a larger one is refused (`response_too_large`)
/// as it streams in instead of being held in memory.
pub const RESPONSE_API_MAX_BYTES: u64 = 32 << 20;
/// The largest answer of the blob service (XML: an error, a block list of at most 50,000 blocks): 16 MiB.
pub const RESPONSE_BLOB_MAX_BYTES: u64 = 16 << 20;
/// The largest answer of the token endpoint (a JSON object with one token): 1 MiB.
pub const RESPONSE_TOKEN_MAX_BYTES: u64 = 1 << 20;

/// Every workflow's overall deadline unless the caller sets another (or none): long enough for a devcenter
/// submission to reach certification on an ordinary day, short of a CI job's own limit (GitHub Actions
/// stops a job at 6 h without a word), so a workflow that cannot finish fails with `deadline_exceeded`
/// and says at which stage instead of polling for ever. `FlowConfig::new` uses it; the CLI's `--timeout`
/// overrides it (`--timeout none` for no deadline).
pub const DEFAULT_WORKFLOW_DEADLINE_SECS: u64 = 4 * 3600;
/// [`DEFAULT_WORKFLOW_DEADLINE_SECS`] as a duration.
pub const DEFAULT_WORKFLOW_DEADLINE: Duration = Duration::from_secs(DEFAULT_WORKFLOW_DEADLINE_SECS);

/// StoreBroker import: largest SBConfig.json or PDP XML file read (StoreBroker's own files are a few
/// tens of KiB; a larger one is refused with an `import.*.too_large` issue instead of being parsed).
pub const IMPORT_FILE_MAX_BYTES: usize = 1024 * 1024;
/// StoreBroker import: deepest element nesting of a PDP file (the schema nests 5 levels).
pub const IMPORT_XML_MAX_DEPTH: usize = 32;
/// StoreBroker import: most elements of one PDP file (the schema allows a few hundred).
pub const IMPORT_XML_MAX_ELEMENTS: usize = 10_000;
/// StoreBroker import: most folder entries listed to find the PDP files and the media they name; past it
/// the import has an `import.walk_limit` issue.
pub const IMPORT_WALK_MAX_ENTRIES: usize = 20_000;
/// StoreBroker import: deepest folder level walked under the PDP and images roots.
pub const IMPORT_WALK_MAX_DEPTH: usize = 16;

/// One limit, for pick-lists and documentation in bindings.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Limit {
    /// Which field and what is limited (`"win32.listing.description.chars"`).
    pub key: &'static str,
    /// The limit (maximum unless the key says `min`).
    pub value: f64,
}

/// Every limit above, by key.
pub const LIMITS: &[Limit] = &[
    Limit { key: "win32.listing.description.chars", value: DESCRIPTION_MAX_CHARS as f64 },
    Limit { key: "win32.listing.whatsNew.chars", value: WHATS_NEW_MAX_CHARS as f64 },
    Limit { key: "win32.listing.shortDescription.chars", value: SHORT_DESCRIPTION_MAX_CHARS as f64 },
    Limit { key: "win32.listing.additionalLicenseTerms.chars", value: ADDITIONAL_LICENSE_TERMS_MAX_CHARS as f64 },
    Limit { key: "win32.listing.copyright.chars", value: COPYRIGHT_MAX_CHARS as f64 },
    Limit { key: "win32.listing.developedBy.chars", value: DEVELOPED_BY_MAX_CHARS as f64 },
    Limit { key: "win32.listing.contactInfo.chars", value: CONTACT_INFO_MAX_CHARS as f64 },
    Limit { key: "win32.properties.certificationNotes.chars", value: CERTIFICATION_NOTES_MAX_CHARS as f64 },
    Limit { key: "win32.listing.productFeatures.count", value: PRODUCT_FEATURES_MAX as f64 },
    Limit { key: "win32.listing.productFeatures.item.chars", value: PRODUCT_FEATURE_MAX_CHARS as f64 },
    Limit { key: "win32.listing.searchTerms.count", value: SEARCH_TERMS_MAX as f64 },
    Limit { key: "win32.listing.searchTerms.item.chars", value: SEARCH_TERM_MAX_CHARS as f64 },
    Limit { key: "win32.listing.searchTerms.uniqueWords", value: SEARCH_TERMS_MAX_UNIQUE_WORDS as f64 },
    Limit { key: "win32.listing.requirements.count", value: REQUIREMENTS_MAX as f64 },
    Limit { key: "win32.listing.requirements.item.chars", value: REQUIREMENT_MAX_CHARS as f64 },
    Limit { key: "win32.properties.systemRequirementDetails.text.chars", value: SYSTEM_REQUIREMENT_MAX_CHARS as f64 },
    Limit { key: "win32.assets.create.Screenshot.max", value: SCREENSHOTS_MAX as f64 },
    Limit { key: "win32.assets.create.Logo.max", value: LOGOS_MAX as f64 },
    Limit { key: "devcenter.listing.description.chars", value: DEVCENTER_DESCRIPTION_MAX_CHARS as f64 },
    Limit { key: "devcenter.listing.title.chars", value: APP_TITLE_MAX_CHARS as f64 },
    Limit { key: "devcenter.listing.shortTitle.chars", value: SHORT_TITLE_MAX_CHARS as f64 },
    Limit { key: "devcenter.listing.sortTitle.chars", value: SORT_TITLE_MAX_CHARS as f64 },
    Limit { key: "devcenter.listing.voiceTitle.chars", value: VOICE_TITLE_MAX_CHARS as f64 },
    Limit { key: "devcenter.listing.releaseNotes.chars", value: WHATS_NEW_MAX_CHARS as f64 },
    Limit { key: "devcenter.listing.shortDescription.chars", value: SHORT_DESCRIPTION_MAX_CHARS as f64 },
    Limit { key: "devcenter.listing.licenseTerms.chars", value: ADDITIONAL_LICENSE_TERMS_MAX_CHARS as f64 },
    Limit { key: "devcenter.listing.copyrightAndTrademarkInfo.chars", value: COPYRIGHT_MAX_CHARS as f64 },
    Limit { key: "devcenter.listing.devStudio.chars", value: DEVELOPED_BY_MAX_CHARS as f64 },
    Limit { key: "devcenter.listing.features.item.chars", value: PRODUCT_FEATURE_MAX_CHARS as f64 },
    Limit { key: "devcenter.listing.hardware.item.chars", value: REQUIREMENT_MAX_CHARS as f64 },
    Limit { key: "devcenter.listing.keywords.count", value: SEARCH_TERMS_MAX as f64 },
    Limit { key: "devcenter.listing.keywords.item.chars", value: SEARCH_TERM_MAX_CHARS as f64 },
    Limit { key: "devcenter.listing.images.description.chars", value: IMAGE_DESCRIPTION_MAX_CHARS as f64 },
    Limit { key: "devcenter.listing.screenshots.desktop.count", value: DESKTOP_SCREENSHOTS_MAX as f64 },
    Limit { key: "devcenter.listing.screenshots.other.count", value: OTHER_SCREENSHOTS_MAX as f64 },
    Limit { key: "devcenter.trailer.title.chars", value: TRAILER_TITLE_MAX_CHARS as f64 },
    Limit { key: "devcenter.media.fileName.chars", value: MEDIA_FILE_NAME_MAX_CHARS as f64 },
    Limit { key: "devcenter.media.image.bytes", value: IMAGE_MAX_BYTES as f64 },
    Limit { key: "devcenter.media.trailer.bytes", value: TRAILER_MAX_BYTES as f64 },
    Limit { key: "devcenter.addon.listing.title.chars", value: ADDON_TITLE_MAX_CHARS as f64 },
    Limit { key: "devcenter.addon.listing.description.chars", value: ADDON_DESCRIPTION_MAX_CHARS as f64 },
    Limit { key: "devcenter.addon.keywords.item.chars", value: ADDON_KEYWORD_MAX_CHARS as f64 },
    Limit { key: "devcenter.addon.tag.chars", value: ADDON_TAG_MAX_CHARS as f64 },
    Limit { key: "win32.listing.sortTitle.chars", value: SORT_TITLE_MAX_CHARS as f64 },
    Limit { key: "devcenter.listing.features.count", value: FEATURES_MAX as f64 },
    Limit { key: "devcenter.listing.hardware.count", value: HARDWARE_ITEMS_MAX as f64 },
    Limit { key: "devcenter.trailers.count", value: TRAILERS_MAX as f64 },
    Limit { key: "devcenter.trailerAssets.imageList.count", value: TRAILER_THUMBNAILS as f64 },
    Limit { key: "devcenter.gamingOptions.count", value: GAMING_OPTIONS_MAX as f64 },
    Limit { key: "devcenter.addon.keywords.count", value: ADDON_KEYWORDS_MAX as f64 },
    Limit { key: "devcenter.addon.applicationIds.count", value: ADDON_APPLICATION_IDS as f64 },
    Limit { key: "devcenter.packageRolloutPercentage.min", value: ROLLOUT_PERCENTAGE_MIN },
    Limit { key: "devcenter.packageRolloutPercentage.max", value: ROLLOUT_PERCENTAGE_MAX },
    Limit { key: "options.retry.maxAttempts.min", value: RETRY_ATTEMPTS_MIN as f64 },
    Limit { key: "options.retry.maxAttempts.max", value: RETRY_ATTEMPTS_MAX as f64 },
    Limit { key: "options.retry.delay.seconds.max", value: RETRY_DELAY_MAX_SECS },
    Limit { key: "options.poll.delay.seconds.max", value: POLL_DELAY_MAX_SECS },
    Limit { key: "options.poll.factor.min", value: POLL_FACTOR_MIN },
    Limit { key: "options.poll.factor.max", value: POLL_FACTOR_MAX },
    Limit { key: "options.deadline.seconds.max", value: DEADLINE_MAX_SECS },
    Limit { key: "options.requestTimeout.seconds.max", value: REQUEST_TIMEOUT_MAX_SECS },
    Limit { key: "list.pages.default", value: LIST_PAGES_DEFAULT as f64 },
    Limit { key: "list.pages.max", value: LIST_PAGES_MAX as f64 },
    Limit { key: "devcenter.priceTier.original.min", value: PRICE_TIERS_ORIGINAL.0 as f64 },
    Limit { key: "devcenter.priceTier.original.max", value: PRICE_TIERS_ORIGINAL.1 as f64 },
    Limit { key: "devcenter.priceTier.advanced.min", value: PRICE_TIERS_ADVANCED.0 as f64 },
    Limit { key: "devcenter.priceTier.advanced.max", value: PRICE_TIERS_ADVANCED.1 as f64 },
    Limit { key: "json.depth.max", value: JSON_MAX_DEPTH as f64 },
    Limit { key: "summary.cell.chars", value: SUMMARY_CELL_MAX_CHARS as f64 },
    Limit { key: "summary.table.rows", value: SUMMARY_TABLE_MAX_ROWS as f64 },
    Limit { key: "project.walk.entries.max", value: PROJECT_WALK_MAX_ENTRIES as f64 },
    Limit { key: "project.walk.depth.max", value: PROJECT_WALK_MAX_DEPTH as f64 },
    Limit { key: "project.file.bytes.max", value: PROJECT_FILE_MAX_BYTES as f64 },
    Limit { key: "issue.message.chars.max", value: ISSUE_MESSAGE_MAX_CHARS as f64 },
    Limit { key: "issue.path.chars.max", value: ISSUE_PATH_MAX_CHARS as f64 },
    Limit { key: "response.api.bytes.max", value: RESPONSE_API_MAX_BYTES as f64 },
    Limit { key: "response.blob.bytes.max", value: RESPONSE_BLOB_MAX_BYTES as f64 },
    Limit { key: "response.token.bytes.max", value: RESPONSE_TOKEN_MAX_BYTES as f64 },
    Limit { key: "workflow.deadline.default.secs", value: DEFAULT_WORKFLOW_DEADLINE_SECS as f64 },
    Limit { key: "import.file.bytes.max", value: IMPORT_FILE_MAX_BYTES as f64 },
    Limit { key: "import.xml.depth.max", value: IMPORT_XML_MAX_DEPTH as f64 },
    Limit { key: "import.xml.elements.max", value: IMPORT_XML_MAX_ELEMENTS as f64 },
    Limit { key: "import.walk.entries.max", value: IMPORT_WALK_MAX_ENTRIES as f64 },
    Limit { key: "import.walk.depth.max", value: IMPORT_WALK_MAX_DEPTH as f64 },
];
