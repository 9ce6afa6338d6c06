//! Rules of the win32 (MSI/EXE) API, seed 003: draft metadata (availability, properties, listings;
//! full PUT and PATCH), packages (full and single) and listing assets (create and commit).
//!
//! Full updates (PUT) replace a whole module, so every *Required* field of a module present in the
//! document is checked; a module absent from the document is left alone (the Store's own samples PUT
//! `{"listings": …}` only). Patch updates (PATCH) check only the fields they carry, and skip the
//! conditional requirements (freeTrial, privacyPolicyUrl, installerParameters, genericDocUrl), whose
//! trigger may already be satisfied on the server.

use std::borrow::Cow;
use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value};

use super::check::{At, Ck};
use super::codes as c;
use super::formats;
use crate::data::{categories, enums, languages, limits as lim, markets};

/// Reports `language.unknown` for a language code outside the table.
pub(crate) fn language(ck: &mut Ck, at: &At, code: &str) {
    if !languages::is_language(code.trim()) {
        ck.push(
            c::LANGUAGE_UNKNOWN,
            at,
            format!("{}: `{}` is not a language code in the Store's languages table", at.name(), code),
        );
    }
}

/// Reports `market.unknown` for a market code outside the table.
pub(crate) fn market(ck: &mut Ck, at: &At, code: &str) {
    if !markets::is_market(code) {
        let hint = if markets::is_market(&code.to_ascii_uppercase()) {
            format!(" (market codes are upper case: `{}`)", code.to_ascii_uppercase())
        } else {
            String::new()
        };
        ck.push(
            c::MARKET_UNKNOWN,
            at,
            format!("{}: `{code}` is not a market code in the Store's markets table{hint}", at.name()),
        );
    }
}

/// Draft metadata, PUT (`full`) or PATCH.
pub(crate) fn metadata(ck: &mut Ck, doc: &Value, full: bool) {
    let root = At::root();
    let Some(obj) = ck.as_object(doc, &root) else { return };
    // A draft read with GET carries `listingLanguages` (which languages have a complete listing).
    ck.read_only(doc, &["/listingLanguages"]);
    if let Some(a) = ck.object(obj, &root, "availability", false) {
        availability(ck, a, &root.key("availability"), full);
    }
    if let Some(p) = ck.object(obj, &root, "properties", false) {
        properties(ck, p, &root.key("properties"), full);
    }
    // Lower-cased language → pointer of the first listing in it.
    let mut langs: HashMap<String, String> = HashMap::new();
    if let Some(v) = ck.member(obj, &root, "listings", false) {
        let at = root.key("listings");
        match v {
            Value::Object(l) => {
                let lang = l.get("language").and_then(Value::as_str).unwrap_or("?");
                listing(ck, l, &at.tagged(lang), full, &mut langs);
            }
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    let at_i = match item.get("language").and_then(Value::as_str) {
                        Some(lang) => at.idx_named(i, lang),
                        None => at.idx(i),
                    };
                    if let Some(l) = ck.as_object(item, &at_i) {
                        listing(ck, l, &at_i, full, &mut langs);
                    }
                }
            }
            other => ck.wrong_type(&at, "an object (one listing) or an array of listings", other),
        }
    }
    let mut added: HashSet<String> = HashSet::new();
    for key in ["listingsToAdd", "listingsToRemove"] {
        if let Some(items) = ck.array(obj, &root, key, false) {
            let at = root.key(key);
            for (i, s) in ck.strings(items, &at) {
                let at_i = at.idx(i);
                language(ck, &at_i, s);
                if key == "listingsToAdd" {
                    added.insert(s.to_ascii_lowercase());
                } else if added.contains(&s.to_ascii_lowercase()) {
                    ck.push(
                        c::LISTINGS_ADD_REMOVE_OVERLAP,
                        &at_i,
                        format!(
                            "{}: `{s}` is also in listingsToAdd; a language cannot be added and removed at once",
                            at_i.label()
                        ),
                    );
                }
            }
        }
    }
}

fn availability(ck: &mut Ck, a: &Map<String, Value>, at: &At, full: bool) {
    if let Some(items) = ck.array(a, at, "markets", full) {
        let at_m = at.key("markets");
        if items.is_empty() {
            ck.push(
                c::AVAILABILITY_MARKETS_EMPTY,
                &at_m,
                format!("{}: empty; at least one market is required", at_m.label()),
            );
        }
        let mut seen: HashSet<&str> = HashSet::new();
        for (i, s) in ck.strings(items, &at_m) {
            let at_i = at_m.idx(i);
            market(ck, &at_i, s);
            if !seen.insert(s) {
                ck.push(c::MARKET_DUPLICATE, &at_i, format!("{}: `{s}` is listed more than once", at_i.label()));
            }
        }
    }
    ck.enum_member(a, at, "discoverability", full, c::AVAILABILITY_DISCOVERABILITY_INVALID, enums::DISCOVERABILITY);
    ck.bool(a, at, "enableInFutureMarkets", full);
    let pricing = ck.enum_member(a, at, "pricing", full, c::AVAILABILITY_PRICING_INVALID, enums::PRICING);
    let trial = ck.enum_member(a, at, "freeTrial", false, c::AVAILABILITY_FREE_TRIAL_INVALID, enums::FREE_TRIAL);
    if full && trial.is_none() {
        if let Some(p) = pricing.filter(|p| enums::PRICING_NEEDS_FREE_TRIAL.contains(p)) {
            let at_t = at.key("freeTrial");
            ck.push(
                c::AVAILABILITY_FREE_TRIAL_REQUIRED,
                &at_t,
                format!("{}: required when pricing is {p} (NO_FREE_TRIAL or FREE_TRIAL)", at_t.label()),
            );
        }
    }
}

fn properties(ck: &mut Ck, p: &Map<String, Value>, at: &At, full: bool) {
    let needs_policy = ck.bool(p, at, "isPrivacyPolicyRequired", full);
    let policy = ck.str(p, at, "privacyPolicyUrl", false);
    if full && needs_policy == Some(true) && policy.is_none_or(|s| s.trim().is_empty()) {
        let a = at.key("privacyPolicyUrl");
        ck.push(
            c::PROPERTIES_PRIVACY_POLICY_URL_REQUIRED,
            &a,
            format!("{}: required when isPrivacyPolicyRequired is true", a.label()),
        );
    }
    if policy.is_some() {
        ck.url(p, at, "privacyPolicyUrl", false);
    }
    ck.url(p, at, "website", false);
    ck.url_or_email(p, at, "supportContactInfo");
    ck.limited_text(
        p,
        at,
        "certificationNotes",
        false,
        c::PROPERTIES_CERTIFICATION_NOTES_TOO_LONG,
        lim::CERTIFICATION_NOTES_MAX_CHARS,
    );

    let category = ck.str(p, at, "category", full);
    let known = category.and_then(|name| {
        let found = categories::category(name);
        if found.is_none() {
            let names: Vec<&str> = categories::CATEGORIES.iter().map(|c| c.name).collect();
            ck.one_of(c::PROPERTIES_CATEGORY_UNKNOWN, &at.key("category"), name, &names);
        }
        found
    });
    let sub_required = full && known.is_some_and(|k| !k.subcategories.is_empty());
    let sub = ck.str(p, at, "subcategory", sub_required);
    if let (Some(cat), Some(sub)) = (known, sub) {
        let at_s = at.key("subcategory");
        if cat.subcategories.is_empty() {
            if !(sub.is_empty() || sub == "None") {
                ck.push(
                    c::PROPERTIES_SUBCATEGORY_UNKNOWN,
                    &at_s,
                    format!("{}: category {} has no sub-categories, found `{sub}`", at_s.label(), cat.name),
                );
            }
        } else if !cat.subcategories.contains(&sub) {
            let hint = super::check::did_you_mean(sub, cat.subcategories);
            ck.push(
                c::PROPERTIES_SUBCATEGORY_UNKNOWN,
                &at_s,
                format!(
                    "{}: `{sub}` is not a sub-category of {}; expected one of {}{hint}",
                    at_s.label(),
                    cat.name,
                    cat.subcategories.join(", ")
                ),
            );
        }
    }

    if let Some(d) = ck.object(p, at, "productDeclarations", full) {
        let at_d = at.key("productDeclarations");
        for key in ["dependsOnDriversOrNT", "accessibilitySupport", "penAndInkSupport"] {
            ck.bool(d, &at_d, key, full);
        }
    }
    if let Some(items) = ck.array(p, at, "isSystemFeatureRequired", false) {
        let at_f = at.key("isSystemFeatureRequired");
        for (i, item) in items.iter().enumerate() {
            let at_i = at_f.idx(i);
            let Some(f) = ck.as_object(item, &at_i) else { continue };
            ck.bool(f, &at_i, "isRequired", true);
            ck.bool(f, &at_i, "isRecommended", true);
            ck.enum_member(
                f,
                &at_i,
                "hardwareItemType",
                true,
                c::PROPERTIES_SYSTEM_FEATURE_UNKNOWN,
                enums::SYSTEM_FEATURES,
            );
        }
    }
    if let Some(items) = ck.array(p, at, "systemRequirementDetails", false) {
        let at_r = at.key("systemRequirementDetails");
        for (i, item) in items.iter().enumerate() {
            let at_i = at_r.idx(i);
            let Some(r) = ck.as_object(item, &at_i) else { continue };
            let kind = ck.enum_member(
                r,
                &at_i,
                "hardwareItemType",
                true,
                c::PROPERTIES_SYSTEM_REQUIREMENT_UNKNOWN,
                enums::SYSTEM_REQUIREMENT_ITEMS,
            );
            let allowed: Option<&[&str]> = match kind {
                Some("Memory") => Some(enums::MEMORY_VALUES),
                Some("DirectX") => Some(enums::DIRECTX_VALUES),
                Some("Video_Memory") => Some(enums::VIDEO_MEMORY_VALUES),
                _ => None,
            };
            for key in ["minimumRequirement", "recommendedRequirement"] {
                let Some(s) = ck.str(r, &at_i, key, true) else { continue };
                let at_v = at_i.key(key);
                match allowed {
                    Some(values) if !s.is_empty() => {
                        if !values.contains(&s) {
                            ck.push(
                                c::PROPERTIES_SYSTEM_REQUIREMENT_VALUE_INVALID,
                                &at_v,
                                format!(
                                    "{}: `{s}` is not allowed for {}; expected one of {}",
                                    at_v.label(),
                                    kind.unwrap_or("?"),
                                    values.join(", ")
                                ),
                            );
                        }
                    }
                    Some(_) => {}
                    None => ck.max_chars(
                        c::PROPERTIES_SYSTEM_REQUIREMENT_TOO_LONG,
                        &at_v,
                        s,
                        lim::SYSTEM_REQUIREMENT_MAX_CHARS,
                    ),
                }
            }
        }
    }
}

fn listing(ck: &mut Ck, l: &Map<String, Value>, at: &At, full: bool, seen: &mut HashMap<String, String>) {
    if let Some(lang) = ck.text(l, at, "language", true) {
        let at_l = at.key("language");
        // A blank language is already `field.empty`; it is neither looked up nor compared.
        if !lang.trim().is_empty() {
            language(ck, &at_l, lang);
            match seen.entry(lang.trim().to_ascii_lowercase()) {
                Entry::Occupied(first) => {
                    let msg = format!("{}: language `{lang}` already has a listing at {}", at_l.label(), first.get());
                    ck.push(c::LISTING_LANGUAGE_DUPLICATE, &at_l, msg);
                }
                Entry::Vacant(v) => {
                    v.insert(at_l.ptr());
                }
            }
        }
    }
    if let Some(s) = ck.text(l, at, "description", full) {
        let a = at.key("description");
        ck.max_chars(c::LISTING_DESCRIPTION_TOO_LONG, &a, s, lim::DESCRIPTION_MAX_CHARS);
        super::text::markdown(ck, &a, s);
    }
    ck.plain_text(l, at, "whatsNew", c::LISTING_WHATS_NEW_TOO_LONG, lim::WHATS_NEW_MAX_CHARS);
    ck.plain_text(l, at, "shortDescription", c::LISTING_SHORT_DESCRIPTION_TOO_LONG, lim::SHORT_DESCRIPTION_MAX_CHARS);
    if let Some(s) = ck.str(l, at, "additionalLicenseTerms", full) {
        let a = at.key("additionalLicenseTerms");
        ck.max_chars(c::LISTING_ADDITIONAL_LICENSE_TERMS_TOO_LONG, &a, s, lim::ADDITIONAL_LICENSE_TERMS_MAX_CHARS);
        super::text::markdown(ck, &a, s);
    }
    ck.limited_text(l, at, "copyright", false, c::LISTING_COPYRIGHT_TOO_LONG, lim::COPYRIGHT_MAX_CHARS);
    ck.limited_text(l, at, "developedBy", false, c::LISTING_DEVELOPED_BY_TOO_LONG, lim::DEVELOPED_BY_MAX_CHARS);
    ck.limited_text(l, at, "contactInfo", false, c::LISTING_CONTACT_INFO_TOO_LONG, lim::CONTACT_INFO_MAX_CHARS);
    ck.limited_text(l, at, "sortTitle", false, c::LISTING_SORT_TITLE_TOO_LONG, lim::SORT_TITLE_MAX_CHARS);
    if let Some(items) = ck.array(l, at, "productFeatures", false) {
        let at_f = at.key("productFeatures");
        ck.max_items(c::LISTING_PRODUCT_FEATURES_TOO_MANY, &at_f, items.len(), lim::PRODUCT_FEATURES_MAX, "features");
        for (i, s) in ck.strings(items, &at_f) {
            let at_i = at_f.idx(i);
            ck.max_chars(c::LISTING_PRODUCT_FEATURE_TOO_LONG, &at_i, s, lim::PRODUCT_FEATURE_MAX_CHARS);
            super::text::markdown(ck, &at_i, s);
        }
    }
    if let Some(items) = ck.array(l, at, "searchTerms", false) {
        search_terms(
            ck,
            items,
            &at.key("searchTerms"),
            [c::LISTING_SEARCH_TERMS_TOO_MANY, c::LISTING_SEARCH_TERM_TOO_LONG, c::LISTING_SEARCH_TERMS_TOO_MANY_WORDS],
        );
    }
    if let Some(items) = ck.array(l, at, "requirements", false) {
        // "Up to 11 items TOTAL between minimum and recommended": every non-empty text counts.
        let at_r = at.key("requirements");
        let mut texts = 0;
        for (i, item) in items.iter().enumerate() {
            let at_i = at_r.idx(i);
            let Some(r) = ck.as_object(item, &at_i) else { continue };
            for key in ["minimumHardware", "recommendedHardware"] {
                if let Some(s) = ck.str(r, &at_i, key, false) {
                    ck.max_chars(c::LISTING_REQUIREMENT_TOO_LONG, &at_i.key(key), s, lim::REQUIREMENT_MAX_CHARS);
                    texts += usize::from(!s.trim().is_empty());
                }
            }
        }
        ck.max_items(
            c::LISTING_REQUIREMENTS_TOO_MANY,
            &at_r,
            texts,
            lim::REQUIREMENTS_MAX,
            "items between minimumHardware and recommendedHardware",
        );
    }
}

/// Search terms / keywords: count, length of each, unique words in total. `codes` = [too_many,
/// too_long, too_many_words].
pub(crate) fn search_terms(ck: &mut Ck, items: &[Value], at: &At, codes: [c::IssueCodeInfo; 3]) {
    ck.max_items(codes[0], at, items.len(), lim::SEARCH_TERMS_MAX, "terms");
    // Words compare case-insensitively; most are already lower case and are not copied.
    let mut words: HashSet<Cow<'_, str>> = HashSet::new();
    for (i, s) in ck.strings(items, at) {
        ck.max_chars(codes[1], &at.idx(i), s, lim::SEARCH_TERM_MAX_CHARS);
        for w in s.split_whitespace() {
            words.insert(if w.chars().any(char::is_uppercase) {
                Cow::Owned(w.to_lowercase())
            } else {
                Cow::Borrowed(w)
            });
        }
    }
    if words.len() > lim::SEARCH_TERMS_MAX_UNIQUE_WORDS {
        ck.push(
            codes[2],
            at,
            format!(
                "{}: {} unique words across all terms, limit {}",
                at.label(),
                words.len(),
                lim::SEARCH_TERMS_MAX_UNIQUE_WORDS
            ),
        );
    }
}

/// Packages, full update: `{"packages": [...]}`.
pub(crate) fn packages(ck: &mut Ck, doc: &Value) {
    let root = At::root();
    let Some(obj) = ck.as_object(doc, &root) else { return };
    let Some(items) = ck.array(obj, &root, "packages", true) else { return };
    let at = root.key("packages");
    if items.is_empty() {
        ck.push(
            c::PACKAGES_EMPTY,
            &at,
            "packages: empty; a full update replaces every package, so at least one is required".into(),
        );
    }
    for (i, item) in items.iter().enumerate() {
        let at_i = at.idx(i);
        if let Some(p) = ck.as_object(item, &at_i) {
            package(ck, p, &at_i, true);
        }
    }
}

/// One package; `full` for an element of a full update, false for a single-package PATCH.
pub(crate) fn package(ck: &mut Ck, p: &Map<String, Value>, at: &At, full: bool) {
    let url_ok = ck.url(p, at, "packageUrl", full).is_some();
    let url = p.get("packageUrl").and_then(Value::as_str).filter(|u| url_ok && formats::is_url(u));
    if let Some(items) = ck.array(p, at, "languages", full) {
        let at_l = at.key("languages");
        if items.is_empty() {
            ck.push(
                c::PACKAGE_LANGUAGES_EMPTY,
                &at_l,
                format!("{}: empty; at least one language is required", at_l.label()),
            );
        }
        for (i, s) in ck.strings(items, &at_l) {
            language(ck, &at_l.idx(i), s);
        }
    }
    if let Some(items) = ck.array(p, at, "architectures", full) {
        let at_a = at.key("architectures");
        if items.len() != 1 {
            ck.push(
                c::PACKAGE_ARCHITECTURES_COUNT,
                &at_a,
                format!(
                    "{}: {} architectures, exactly one required ({})",
                    at_a.label(),
                    items.len(),
                    enums::ARCHITECTURES.join(", ")
                ),
            );
        }
        for (i, s) in ck.strings(items, &at_a) {
            ck.one_of(c::PACKAGE_ARCHITECTURE_INVALID, &at_a.idx(i), s, enums::ARCHITECTURES);
        }
    }
    let silent = ck.bool(p, at, "isSilentInstall", full);
    let params = ck.str(p, at, "installerParameters", false);
    if full && silent == Some(false) && params.is_none_or(|s| s.trim().is_empty()) {
        let a = at.key("installerParameters");
        ck.push(
            c::PACKAGE_INSTALLER_PARAMETERS_REQUIRED,
            &a,
            format!(
                "{}: required when isSilentInstall is false (the switches that make the installer silent)",
                a.label()
            ),
        );
    }
    let kind = ck.enum_member(p, at, "packageType", full, c::PACKAGE_TYPE_INVALID, enums::PACKAGE_TYPES);
    if let Some(u) = url {
        package_url(ck, &at.key("packageUrl"), u, kind.filter(|k| enums::PACKAGE_TYPES.contains(k)));
    }
    if let (Some("msi"), Some(params)) = (kind, params) {
        msiexec_parameters(ck, &at.key("installerParameters"), params);
    }
    let doc_url = ck.str(p, at, "genericDocUrl", false);
    if full && kind == Some("exe") && doc_url.is_none_or(|s| s.trim().is_empty()) {
        let a = at.key("genericDocUrl");
        ck.push(
            c::PACKAGE_GENERIC_DOC_URL_REQUIRED,
            &a,
            format!("{}: required when packageType is exe (link to the installer's custom error codes)", a.label()),
        );
    }
    if doc_url.is_some() {
        ck.url(p, at, "genericDocUrl", false);
    }
    if let Some(items) = ck.array(p, at, "errorDetails", false) {
        let at_e = at.key("errorDetails");
        for (i, item) in items.iter().enumerate() {
            let at_i = at_e.idx(i);
            let Some(e) = ck.as_object(item, &at_i) else { continue };
            ck.enum_member(e, &at_i, "errorScenario", true, c::PACKAGE_ERROR_SCENARIO_INVALID, enums::ERROR_SCENARIOS);
            if let Some(details) = ck.array(e, &at_i, "errorScenarioDetails", false) {
                let at_d = at_i.key("errorScenarioDetails");
                for (j, d) in details.iter().enumerate() {
                    let at_j = at_d.idx(j);
                    let Some(d) = ck.as_object(d, &at_j) else { continue };
                    ck.str(d, &at_j, "errorValue", false);
                    ck.url(d, &at_j, "errorUrl", false);
                }
            }
        }
    }
}

/// The file extensions of MSIX/APPX packages, which the MSI/EXE API does not take.
const MSIX_EXTENSIONS: &[&str] = &["msix", "msixbundle", "msixupload", "appx", "appxbundle", "appxupload", "msixvc"];

/// `package.url.not_https`, `package.url.msix` and `package.url.type_mismatch` for a package URL that
/// is an absolute http(s) URL.
fn package_url(ck: &mut Ck, at: &At, url: &str, kind: Option<&str>) {
    if !url.get(..8).is_some_and(|s| s.eq_ignore_ascii_case("https://")) {
        ck.push(
            c::PACKAGE_URL_NOT_HTTPS,
            at,
            format!(
                "{}: `{}` is not https; the Store downloads the installer from a versioned secure (https) URL",
                at.name(),
                super::check::clip(url)
            ),
        );
    }
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let file = path.rsplit('/').next().unwrap_or("");
    let Some((_, ext)) = file.rsplit_once('.') else { return };
    let ext = ext.to_ascii_lowercase();
    if MSIX_EXTENSIONS.contains(&ext.as_str()) {
        ck.push(
            c::PACKAGE_URL_MSIX,
            at,
            format!(
                "{}: `{file}` is an MSIX/APPX package; the MSI/EXE API takes .msi and .exe installers only. Submit it \
                 with the app submission API instead (`storesubmit app publish`, applicationPackages)",
                at.name()
            ),
        );
    } else if let Some(k) = kind.filter(|k| matches!(ext.as_str(), "msi" | "exe") && *k != ext) {
        ck.push(
            c::PACKAGE_URL_TYPE_MISMATCH,
            at,
            format!("{}: `{file}` is an .{ext} installer but packageType is `{k}`; make them agree", at.name()),
        );
    }
}

/// The option letters msiexec takes (`/i`, `/qn`, `/l*v`, `/x`, …) and its word options.
const MSIEXEC_LETTERS: &str = "iajxfpqlmnyzctg";
const MSIEXEC_WORDS: &[&str] = &[
    "quiet",
    "passive",
    "norestart",
    "forcerestart",
    "promptrestart",
    "package",
    "update",
    "uninstall",
    "log",
    "help",
];

/// `package.installer_parameters.not_msiexec` for a switch of an MSI package's installer parameters that
/// msiexec does not take (the Store runs MSI installers with msiexec, which refuses an unknown switch).
fn msiexec_parameters(ck: &mut Ck, at: &At, params: &str) {
    for token in params.split_whitespace() {
        let bad = if let Some(rest) = token.strip_prefix("--") {
            !rest.is_empty()
        } else if let Some(opt) = token.strip_prefix('/').or_else(|| token.strip_prefix('-')) {
            let word = opt.split([':', '=']).next().unwrap_or("").to_ascii_lowercase();
            !(word.is_empty()
                || word == "?"
                || MSIEXEC_WORDS.contains(&word.as_str())
                || (word.len() <= 6 && word.starts_with(|c: char| MSIEXEC_LETTERS.contains(c))))
        } else {
            false
        };
        if bad {
            ck.push(
                c::PACKAGE_INSTALLER_PARAMETERS_NOT_MSIEXEC,
                at,
                format!(
                    "{}: `{token}` is not an msiexec switch; the Store installs an msi package with msiexec (silently \
                     with /qn): give msiexec options (/qn, /norestart, PROPERTY=value) or leave installerParameters out",
                    at.name()
                ),
            );
            return;
        }
    }
}

/// Single package PATCH body.
pub(crate) fn single_package(ck: &mut Ck, doc: &Value) {
    let root = At::root();
    if let Some(p) = ck.as_object(doc, &root) {
        package(ck, p, &root, false);
    }
}

/// Listing assets create request: `{"language", "createAssetRequest": {"Screenshot": n, "Logo": n}}`.
pub(crate) fn assets_create(ck: &mut Ck, doc: &Value) {
    let root = At::root();
    let Some(obj) = ck.as_object(doc, &root) else { return };
    if let Some(lang) = ck.text(obj, &root, "language", true) {
        if !lang.trim().is_empty() {
            language(ck, &root.key("language"), lang);
        }
    }
    let Some(req) = ck.object(obj, &root, "createAssetRequest", true) else { return };
    let at = root.key("createAssetRequest");
    let mut requested = 0u64;
    let before = ck.issues.len();
    for (key, v) in req {
        let at_k = at.key(key);
        let (code, max) = match key.as_str() {
            "Screenshot" => (c::ASSETS_SCREENSHOTS_OUT_OF_RANGE, lim::SCREENSHOTS_MAX),
            "Logo" => (c::ASSETS_LOGOS_OUT_OF_RANGE, lim::LOGOS_MAX),
            _ => {
                ck.push(
                    c::ASSETS_TYPE_UNKNOWN,
                    &at_k,
                    format!(
                        "{}: unknown asset type `{key}`; expected {}",
                        at_k.label(),
                        enums::ASSET_TYPES.join(" or ")
                    ),
                );
                continue;
            }
        };
        if v.is_null() {
            continue;
        }
        match v.as_u64() {
            Some(n) if n <= max => requested += n,
            Some(n) => ck.push(code, &at_k, format!("{}: {n} requested, limit {max}", at_k.label())),
            None if v.as_i64().is_some() => {
                ck.push(code, &at_k, format!("{}: {v} requested, must be 0 to {max}", at_k.label()))
            }
            None => ck.wrong_type(&at_k, "a whole number", v),
        }
    }
    if requested == 0 && ck.issues.len() == before {
        ck.push(
            c::ASSETS_NOTHING_REQUESTED,
            &at,
            "createAssetRequest: requests no screenshot and no logo; ask for Screenshot 1-10 and/or Logo 1-2".into(),
        );
    }
}

/// Listing assets commit request: `{"listingAssets": {"language", "storeLogos": [...], "screenshots": [...]}}`.
pub(crate) fn assets_commit(ck: &mut Ck, doc: &Value) {
    let root = At::root();
    let Some(obj) = ck.as_object(doc, &root) else { return };
    let Some(la) = ck.object(obj, &root, "listingAssets", true) else { return };
    let at = root.key("listingAssets");
    if let Some(lang) = ck.text(la, &at, "language", true) {
        if !lang.trim().is_empty() {
            language(ck, &at.key("language"), lang);
        }
    }
    for (key, code, max) in [
        ("storeLogos", c::ASSETS_LOGOS_OUT_OF_RANGE, lim::LOGOS_MAX),
        ("screenshots", c::ASSETS_SCREENSHOTS_OUT_OF_RANGE, lim::SCREENSHOTS_MAX),
    ] {
        let Some(items) = ck.array(la, &at, key, false) else { continue };
        let at_k = at.key(key);
        if items.len() as u64 > max {
            ck.push(code, &at_k, format!("{}: {} assets, limit {max}", at_k.label(), items.len()));
        }
        for (i, item) in items.iter().enumerate() {
            let at_i = at_k.idx(i);
            let Some(a) = ck.as_object(item, &at_i) else { continue };
            ck.text(a, &at_i, "id", true);
            ck.url(a, &at_i, "assetUrl", true);
        }
    }
}
