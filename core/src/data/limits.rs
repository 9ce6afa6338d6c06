//! Numeric limits of the Store's documented rules: character limits (counted in Unicode scalar values),
//! item counts and ranges.
//!
//! Sources: seed 003 (win32 metadata, packages, listing assets), seed 002 and `reference/docs`
//! (devcenter app, add-on and flight submissions).

use std::time::Duration;

use serde::Serialize;

/// win32 listing `description`: characters.
pub const DESCRIPTION_MAX_CHARS: usize = 10_000;
/// win32 listing `whatsNew`: characters.
pub const WHATS_NEW_MAX_CHARS: usize = 1_500;
/// win32 listing `shortDescription`: characters.
pub const SHORT_DESCRIPTION_MAX_CHARS: usize = 1_000;
/// win32 listing `additionalLicenseTerms`: characters.
pub const ADDITIONAL_LICENSE_TERMS_MAX_CHARS: usize = 10_000;
/// win32 listing `copyright`: characters.
pub const COPYRIGHT_MAX_CHARS: usize = 200;
/// win32 listing `developedBy`: characters.
pub const DEVELOPED_BY_MAX_CHARS: usize = 255;
/// win32 listing `contactInfo`: characters.
pub const CONTACT_INFO_MAX_CHARS: usize = 200;
/// win32 properties `certificationNotes`: characters.
pub const CERTIFICATION_NOTES_MAX_CHARS: usize = 2_000;
/// win32 listing `productFeatures`: number of features.
pub const PRODUCT_FEATURES_MAX: usize = 20;
/// win32 listing `productFeatures[]`: characters per feature.
pub const PRODUCT_FEATURE_MAX_CHARS: usize = 200;
/// win32 listing `searchTerms` / devcenter app `keywords`: number of terms.
pub const SEARCH_TERMS_MAX: usize = 7;
/// win32 listing `searchTerms[]` / devcenter app `keywords[]`: characters per term.
pub const SEARCH_TERM_MAX_CHARS: usize = 30;
/// win32 listing `searchTerms` / devcenter app `keywords`: unique words across all terms.
pub const SEARCH_TERMS_MAX_UNIQUE_WORDS: usize = 21;
/// win32 listing `requirements`: number of texts in total between every item's `minimumHardware` and
/// `recommendedHardware` ("Up to 11 items TOTAL between minimum and recommended"; empty texts do not count).
pub const REQUIREMENTS_MAX: usize = 11;
/// win32 listing `requirements[].minimumHardware` / `recommendedHardware`: characters per text.
pub const REQUIREMENT_MAX_CHARS: usize = 200;
/// win32 properties `systemRequirementDetails[].minimumRequirement` / `recommendedRequirement` free text
/// (Processor, Graphics): characters.
pub const SYSTEM_REQUIREMENT_MAX_CHARS: usize = 200;
/// win32 listing assets create: screenshots per request (`Screenshot` 1–10; 0 requests none).
pub const SCREENSHOTS_MAX: u64 = 10;
/// win32 listing assets create: logos per request (`Logo` 1–2; 0 requests none).
pub const LOGOS_MAX: u64 = 2;
/// devcenter app listing `baseListing.description` (and platform overrides): characters. The devcenter
/// docs give no number; this is the Store's listing description limit, the one seed 003 documents for
/// the same field of MSI/EXE listings (Partner Center refuses a longer description at commit).
pub const DEVCENTER_DESCRIPTION_MAX_CHARS: usize = 10_000;
/// devcenter base listing `features`: number of features.
pub const FEATURES_MAX: usize = 20;
/// devcenter base listing `recommendedHardware` and `minimumHardware`: number of items.
pub const HARDWARE_ITEMS_MAX: usize = 11;
/// devcenter app submission `trailers`: number of trailers.
pub const TRAILERS_MAX: usize = 15;
/// devcenter trailer assets `imageList`: exactly this many thumbnail images per language.
pub const TRAILER_THUMBNAILS: usize = 1;
/// devcenter app submission `gamingOptions`: at most one gaming options resource.
pub const GAMING_OPTIONS_MAX: usize = 1;
/// devcenter add-on submission `keywords`: number of keywords.
pub const ADDON_KEYWORDS_MAX: usize = 10;
/// devcenter add-on create `applicationIds`: exactly this many ids.
pub const ADDON_APPLICATION_IDS: usize = 1;
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
    Limit { key: "workflow.deadline.default.secs", value: DEFAULT_WORKFLOW_DEADLINE_SECS as f64 },
    Limit { key: "import.file.bytes.max", value: IMPORT_FILE_MAX_BYTES as f64 },
    Limit { key: "import.xml.depth.max", value: IMPORT_XML_MAX_DEPTH as f64 },
    Limit { key: "import.xml.elements.max", value: IMPORT_XML_MAX_ELEMENTS as f64 },
    Limit { key: "import.walk.entries.max", value: IMPORT_WALK_MAX_ENTRIES as f64 },
    Limit { key: "import.walk.depth.max", value: IMPORT_WALK_MAX_DEPTH as f64 },
];
