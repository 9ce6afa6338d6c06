//! Rules of the devcenter API (seed 002, `reference/docs`): what app, add-on and flight submissions
//! share (publish mode and date, pricing, packages, package delivery options) and the app submission.

use serde_json::{Map, Value};

use super::check::{At, Ck};
use super::codes as c;
use super::{media, text, win32};
use crate::data::{categories, enums, languages, limits as lim};
use crate::model::devcenter::GameGenre;

/// Reports `language.unrecognized` (a warning: the languages table comes from the win32 docs).
pub(crate) fn language(ck: &mut Ck, at: &At, code: &str) {
    if !languages::is_language(code) {
        ck.push(
            c::LANGUAGE_UNRECOGNIZED,
            at,
            format!("{}: `{code}` is not a language code in the Store's languages table", at.label()),
        );
    }
}

/// `visibility`, `targetPublishMode`, `targetPublishDate`.
pub(crate) fn publishing(ck: &mut Ck, obj: &Map<String, Value>, at: &At, with_visibility: bool) {
    if with_visibility {
        if let Some(v) = ck.str(obj, at, "visibility", false) {
            let a = at.key("visibility");
            if !text::template_value(ck, &a, v, "NotSet", "set Public, Private or Hidden") {
                ck.one_of(c::SUBMISSION_VISIBILITY_INVALID, &a, v, enums::VISIBILITY);
            }
        }
    }
    let mode = ck.str(obj, at, "targetPublishMode", false);
    if let Some(m) = mode {
        let a = at.key("targetPublishMode");
        if !text::template_value(ck, &a, m, "NotSet", "set Immediate, Manual or SpecificDate") {
            ck.one_of(c::SUBMISSION_PUBLISH_MODE_INVALID, &a, m, enums::TARGET_PUBLISH_MODE);
        }
    }
    let date = ck.str(obj, at, "targetPublishDate", false);
    if mode == Some("SpecificDate") && date.is_none_or(|d| d.trim().is_empty()) {
        let a = at.key("targetPublishDate");
        ck.push(
            c::SUBMISSION_PUBLISH_DATE_REQUIRED,
            &a,
            format!("{}: required (ISO 8601) when targetPublishMode is SpecificDate", a.label()),
        );
    }
    ck.date(obj, at, "targetPublishDate");
}

/// Whether `s` is a documented price tier.
pub(crate) fn is_price_tier(s: &str) -> bool {
    if enums::PRICE_WORDS.contains(&s) {
        return true;
    }
    let Some(n) = s.strip_prefix("Tier") else { return false };
    if n.is_empty() || n.len() > 4 || n.starts_with('0') || !n.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let n: u32 = n.parse().unwrap_or(0);
    let (a, b) = lim::PRICE_TIERS_ORIGINAL;
    let (x, y) = lim::PRICE_TIERS_ADVANCED;
    (a..=b).contains(&n) || (x..=y).contains(&n)
}

fn price(ck: &mut Ck, at: &At, s: &str) {
    if !is_price_tier(s) {
        ck.push(
            c::PRICING_PRICE_ID_INVALID,
            at,
            format!(
                "{}: `{s}` is not a price tier; expected Base, NotAvailable, Free, Tier2-Tier96 or Tier1012-Tier1424",
                at.label()
            ),
        );
    }
}

/// The pricing resource of app and add-on submissions.
pub(crate) fn pricing(ck: &mut Ck, obj: &Map<String, Value>, at: &At) {
    let Some(p) = ck.object(obj, at, "pricing", false) else { return };
    let at = at.key("pricing");
    ck.enum_member(p, &at, "trialPeriod", false, c::PRICING_TRIAL_PERIOD_INVALID, enums::TRIAL_PERIOD);
    if let Some(s) = ck.str(p, &at, "priceId", false) {
        let a = at.key("priceId");
        let instead = "set Free, Base or a price tier (Tier2 …); to stop selling in some markets set \
                       marketSpecificPricings[market] to NotAvailable";
        if !text::template_value(ck, &a, s, "NotAvailable", instead) {
            price(ck, &a, s);
        }
    }
    if let Some(m) = ck.object(p, &at, "marketSpecificPricings", false) {
        let at_m = at.key("marketSpecificPricings");
        for (market, v) in m {
            let at_k = at_m.named(market, market);
            win32::market(ck, &at_k, market);
            match v.as_str() {
                Some(s) => price(ck, &at_k, s),
                None => ck.wrong_type(&at_k, "a price tier string", v),
            }
        }
    }
    if let Some(sales) = ck.array(p, &at, "sales", false) {
        if !sales.is_empty() {
            let a = at.key("sales");
            ck.push(
                c::FIELD_OBSOLETE,
                &a,
                format!("{}: deprecated; the Store ignores sales in an update (use Partner Center)", a.label()),
            );
        }
    }
    ck.bool(p, &at, "isAdvancedPricingModel", false);
}

/// `applicationPackages[]` / `flightPackages[]`.
pub(crate) fn packages(ck: &mut Ck, obj: &Map<String, Value>, at: &At, key: &str) {
    let Some(items) = ck.array(obj, at, key, false) else { return };
    let at = at.key(key);
    for (i, item) in items.iter().enumerate() {
        let at_i = at.idx(i);
        let Some(p) = ck.as_object(item, &at_i) else { continue };
        ck.text(p, &at_i, "fileName", true);
        file_status(ck, p, &at_i, true);
        ck.enum_member(
            p,
            &at_i,
            "minimumDirectXVersion",
            true,
            c::PACKAGE_MINIMUM_DIRECTX_INVALID,
            enums::MINIMUM_DIRECTX,
        );
        ck.enum_member(
            p,
            &at_i,
            "minimumSystemRam",
            true,
            c::PACKAGE_MINIMUM_SYSTEM_RAM_INVALID,
            enums::MINIMUM_SYSTEM_RAM,
        );
        for k in ["languages", "capabilities", "targetDeviceFamilies"] {
            if let Some(a) = ck.array(p, &at_i, k, false) {
                ck.strings(a, &at_i.key(k));
            }
        }
    }
}

/// `fileStatus` of a package, image or icon.
pub(crate) fn file_status(ck: &mut Ck, obj: &Map<String, Value>, at: &At, required: bool) {
    ck.enum_member(obj, at, "fileStatus", required, c::FILE_STATUS_INVALID, enums::FILE_STATUS);
}

/// `packageDeliveryOptions` of app and flight submissions.
pub(crate) fn delivery(ck: &mut Ck, obj: &Map<String, Value>, at: &At) {
    let Some(d) = ck.object(obj, at, "packageDeliveryOptions", false) else { return };
    let at = at.key("packageDeliveryOptions");
    if let Some(r) = ck.object(d, &at, "packageRollout", false) {
        let at_r = at.key("packageRollout");
        ck.bool(r, &at_r, "isPackageRollout", false);
        if let Some(n) = ck.number(r, &at_r, "packageRolloutPercentage", false) {
            if !(lim::ROLLOUT_PERCENTAGE_MIN..=lim::ROLLOUT_PERCENTAGE_MAX).contains(&n) {
                let a = at_r.key("packageRolloutPercentage");
                ck.push(
                    c::ROLLOUT_PERCENTAGE_OUT_OF_RANGE,
                    &a,
                    format!("{}: {n}, must be between 0 and 100", a.label()),
                );
            }
        }
    }
    ck.bool(d, &at, "isMandatoryUpdate", false);
    ck.date(d, &at, "mandatoryUpdateEffectiveDate");
}

/// The app submission resource.
pub(crate) fn app_submission(ck: &mut Ck, doc: &Value) {
    let root = At::root();
    let Some(obj) = ck.as_object(doc, &root) else { return };
    ck.read_only(doc, crate::data::enums::APP_SUBMISSION_READ_ONLY);

    if let Some(cat) = ck.str(obj, &root, "applicationCategory", false) {
        let a = root.key("applicationCategory");
        let instead = "set a category of the Store's table (Productivity, BooksAndReference_EReader, …)";
        if !cat.is_empty() && !text::template_value(ck, &a, cat, "NotSet", instead) && !app_category_known(cat) {
            let names = app_categories();
            let refs: Vec<&str> = names.iter().map(String::as_str).collect();
            let hint = super::check::did_you_mean(cat, &refs);
            ck.push(c::APP_CATEGORY_UNRECOGNIZED, &a, format!("applicationCategory: `{cat}` is not Category or Category_Subcategory from the Store's categories table{hint}"));
        }
    }
    pricing(ck, obj, &root);
    publishing(ck, obj, &root, true);
    if let Some(listings) = ck.object(obj, &root, "listings", false) {
        let at = root.key("listings");
        for (lang, l) in listings {
            let at_l = at.named(lang, lang);
            language(ck, &at_l, lang);
            let Some(l) = ck.as_object(l, &at_l) else { continue };
            if let Some(b) = ck.object(l, &at_l, "baseListing", false) {
                base_listing(ck, b, &at_l.key("baseListing"));
            }
            if let Some(ov) = ck.object(l, &at_l, "platformOverrides", false) {
                let at_o = at_l.key("platformOverrides");
                for (plat, v) in ov {
                    let at_p = at_o.named(plat, plat);
                    if !enums::PLATFORM_OVERRIDES.contains(&plat.as_str()) {
                        ck.push(
                            c::LISTING_PLATFORM_OVERRIDE_INVALID,
                            &at_p,
                            format!(
                                "{}: `{plat}` is not a platform; expected one of {}",
                                at_p.label(),
                                enums::PLATFORM_OVERRIDES.join(", ")
                            ),
                        );
                    }
                    if let Some(b) = ck.as_object(v, &at_p) {
                        base_listing(ck, b, &at_p);
                    }
                }
            }
        }
    }
    if let Some(items) = ck.array(obj, &root, "hardwarePreferences", false) {
        let at = root.key("hardwarePreferences");
        for (i, s) in ck.strings(items, &at) {
            ck.one_of(c::APP_HARDWARE_PREFERENCE_INVALID, &at.idx(i), s, enums::HARDWARE_PREFERENCES);
        }
    }
    for key in [
        "automaticBackupEnabled",
        "canInstallOnRemovableMedia",
        "isGameDvrEnabled",
        "hasExternalInAppProducts",
        "meetAccessibilityGuidelines",
        "allowMicrosoftDecideAppAvailabilityToFutureDeviceFamilies",
    ] {
        ck.bool(obj, &root, key, false);
    }
    ck.str(obj, &root, "notesForCertification", false);
    if let Some(items) = ck.array(obj, &root, "gamingOptions", false) {
        let at = root.key("gamingOptions");
        ck.max_items(c::GAMING_OPTIONS_TOO_MANY, &at, items.len(), lim::GAMING_OPTIONS_MAX, "gaming options resources");
        for (i, item) in items.iter().enumerate() {
            let at_i = at.idx(i);
            let Some(g) = ck.as_object(item, &at_i) else { continue };
            if let Some(genres) = ck.array(g, &at_i, "genres", false) {
                let at_g = at_i.key("genres");
                for (j, s) in ck.strings(genres, &at_g) {
                    ck.one_of(c::GAMING_GENRE_INVALID, &at_g.idx(j), s, enums::GENRES);
                }
            }
            ck.enum_member(g, &at_i, "kinectDataForExternal", false, c::GAMING_KINECT_DATA_INVALID, enums::KINECT_DATA);
        }
    }
    packages(ck, obj, &root, "applicationPackages");
    delivery(ck, obj, &root);
    ck.enum_member(
        obj,
        &root,
        "enterpriseLicensing",
        false,
        c::APP_ENTERPRISE_LICENSING_INVALID,
        enums::ENTERPRISE_LICENSING,
    );
    if let Some(f) = ck.object(obj, &root, "allowTargetFutureDeviceFamilies", false) {
        let at = root.key("allowTargetFutureDeviceFamilies");
        for (k, v) in f {
            let at_k = at.key(k);
            if !enums::DEVICE_FAMILIES.contains(&k.as_str()) {
                ck.push(
                    c::APP_DEVICE_FAMILY_UNRECOGNIZED,
                    &at_k,
                    format!(
                        "{}: `{k}` is not a documented device family ({})",
                        at_k.label(),
                        enums::DEVICE_FAMILIES.join(", ")
                    ),
                );
            }
            if !v.is_boolean() {
                ck.wrong_type(&at_k, "a boolean", v);
            }
        }
    }
    trailers(ck, obj, &root);
}

/// Every devcenter `applicationCategory` value: the categories, `Category_Subcategory`, `Games` and the
/// game genres (for suggestions).
fn app_categories() -> Vec<String> {
    let mut out: Vec<String> = vec!["Games".into()];
    out.extend(GameGenre::VALUES.iter().map(|g| g.to_string()));
    for cat in categories::CATEGORIES {
        out.push(cat.name.to_string());
        out.extend(cat.subcategories.iter().map(|sub| format!("{}_{sub}", cat.name)));
    }
    out
}

/// Whether `s` is a devcenter `applicationCategory`: a category of the Store's table, or
/// `Category_Subcategory`. The devcenter list is the win32 table plus `Games`, whose subcategories are the
/// game genres (`Games_Fighting`: the Store's MSIX categories page lists them under Games, and the
/// submission API spells them as `gamingOptions[].genres` does).
fn app_category_known(s: &str) -> bool {
    if s == "Games" || GameGenre::VALUES.contains(&s) {
        return true;
    }
    match s.split_once('_') {
        None => categories::category(s).is_some(),
        Some((cat, sub)) => categories::subcategories(cat).is_some_and(|subs| subs.contains(&sub)),
    }
}

fn base_listing(ck: &mut Ck, b: &Map<String, Value>, at: &At) {
    ck.plain_text(b, at, "description", c::LISTING_DESCRIPTION_TOO_LONG, lim::DEVCENTER_DESCRIPTION_MAX_CHARS);
    ck.plain_text(b, at, "releaseNotes", c::LISTING_WHATS_NEW_TOO_LONG, lim::WHATS_NEW_MAX_CHARS);
    ck.plain_text(b, at, "shortDescription", c::LISTING_SHORT_DESCRIPTION_TOO_LONG, lim::SHORT_DESCRIPTION_MAX_CHARS);
    ck.plain_text(
        b,
        at,
        "licenseTerms",
        c::LISTING_ADDITIONAL_LICENSE_TERMS_TOO_LONG,
        lim::ADDITIONAL_LICENSE_TERMS_MAX_CHARS,
    );
    for (key, code, max) in [
        ("title", c::LISTING_TITLE_TOO_LONG, lim::APP_TITLE_MAX_CHARS),
        ("shortTitle", c::LISTING_SHORT_TITLE_TOO_LONG, lim::SHORT_TITLE_MAX_CHARS),
        ("sortTitle", c::LISTING_SORT_TITLE_TOO_LONG, lim::SORT_TITLE_MAX_CHARS),
        ("voiceTitle", c::LISTING_VOICE_TITLE_TOO_LONG, lim::VOICE_TITLE_MAX_CHARS),
        ("devStudio", c::LISTING_DEVELOPED_BY_TOO_LONG, lim::DEVELOPED_BY_MAX_CHARS),
        ("copyrightAndTrademarkInfo", c::LISTING_COPYRIGHT_TOO_LONG, lim::COPYRIGHT_MAX_CHARS),
    ] {
        ck.limited_text(b, at, key, false, code, max);
    }
    if let Some(items) = ck.array(b, at, "keywords", false) {
        win32::search_terms(
            ck,
            items,
            &at.key("keywords"),
            [c::LISTING_KEYWORDS_TOO_MANY, c::LISTING_KEYWORD_TOO_LONG, c::LISTING_KEYWORDS_TOO_MANY_WORDS],
        );
    }
    if let Some(items) = ck.array(b, at, "features", false) {
        let at_f = at.key("features");
        ck.max_items(c::LISTING_FEATURES_TOO_MANY, &at_f, items.len(), lim::FEATURES_MAX, "features");
        for (i, s) in ck.strings(items, &at_f) {
            let at_i = at_f.idx(i);
            ck.max_chars(c::LISTING_PRODUCT_FEATURE_TOO_LONG, &at_i, s, lim::PRODUCT_FEATURE_MAX_CHARS);
            text::markdown(ck, &at_i, s);
        }
    }
    for key in ["recommendedHardware", "minimumHardware"] {
        // Documented as an array of up to 11 strings (minimumHardware's type column says string).
        match ck.member(b, at, key, false) {
            Some(Value::Array(items)) => {
                let at_h = at.key(key);
                ck.max_items(c::LISTING_HARDWARE_TOO_MANY, &at_h, items.len(), lim::HARDWARE_ITEMS_MAX, "items");
                for (i, s) in ck.strings(items, &at_h) {
                    ck.max_chars(c::LISTING_REQUIREMENT_TOO_LONG, &at_h.idx(i), s, lim::REQUIREMENT_MAX_CHARS);
                }
            }
            Some(Value::String(s)) => {
                ck.max_chars(c::LISTING_REQUIREMENT_TOO_LONG, &at.key(key), s, lim::REQUIREMENT_MAX_CHARS)
            }
            None => {}
            Some(v) => ck.wrong_type(&at.key(key), "an array of strings", v),
        }
    }
    for key in enums::BASE_LISTING_OBSOLETE {
        if let Some(s) = ck.str(b, at, key, false) {
            if !s.is_empty() {
                let a = at.key(key);
                ck.push(
                    c::FIELD_OBSOLETE,
                    &a,
                    format!(
                        "{}: obsolete; the Store ignores it (set it on the Properties page in Partner Center)",
                        a.label()
                    ),
                );
            }
        }
    }
    if let Some(items) = ck.array(b, at, "images", false) {
        let at_i = at.key("images");
        let mut screenshots: Vec<(&str, usize)> = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let at_n = at_i.idx(i);
            let Some(img) = ck.as_object(item, &at_n) else { continue };
            let name = ck.text(img, &at_n, "fileName", true);
            file_status(ck, img, &at_n, false);
            ck.limited_text(
                img,
                &at_n,
                "description",
                false,
                c::IMAGE_DESCRIPTION_TOO_LONG,
                lim::IMAGE_DESCRIPTION_MAX_CHARS,
            );
            let pending = img.get("fileStatus").and_then(Value::as_str) == Some(crate::model::files::PENDING_UPLOAD);
            if let Some(t) = ck.str(img, &at_n, "imageType", true) {
                if !enums::IMAGE_TYPES.contains(&t) && !enums::IMAGE_TYPES_LEGACY.contains(&t) {
                    ck.one_of(c::IMAGE_TYPE_INVALID, &at_n.key("imageType"), t, enums::IMAGE_TYPES);
                }
                if img.get("fileStatus").and_then(Value::as_str) != Some("PendingDelete") {
                    if let Some(max) = crate::data::images::screenshots_max(t) {
                        match screenshots.iter_mut().find(|(k, _)| *k == t) {
                            Some((_, n)) => *n += 1,
                            None => screenshots.push((t, 1)),
                        }
                        let n = screenshots.iter().find(|(k, _)| *k == t).map_or(0, |(_, n)| *n);
                        if n == max + 1 {
                            ck.push(
                                c::LISTING_SCREENSHOTS_TOO_MANY,
                                &at_i,
                                format!("{}: more than {max} {t} images; the Store takes at most {max}", at_i.label()),
                            );
                        }
                    }
                }
                if pending && enums::IMAGE_TYPES.contains(&t) {
                    if let Some(n) = name {
                        media::png_name(ck, &at_n.key("fileName"), n);
                    }
                }
            }
            if let Some(n) = name {
                media::file_name_length(ck, &at_n.key("fileName"), n);
            }
        }
    }
}

fn trailers(ck: &mut Ck, obj: &Map<String, Value>, root: &At) {
    let Some(items) = ck.array(obj, root, "trailers", false) else { return };
    let at = root.key("trailers");
    ck.max_items(c::TRAILERS_TOO_MANY, &at, items.len(), lim::TRAILERS_MAX, "trailers");
    for (i, item) in items.iter().enumerate() {
        let at_t = at.idx(i);
        let Some(t) = ck.as_object(item, &at_t) else { continue };
        let is_new = t.get("id").and_then(Value::as_str).is_none_or(str::is_empty);
        if let Some(video) = ck.text(t, &at_t, "videoFileName", true) {
            let a = at_t.key("videoFileName");
            media::file_name_length(ck, &a, video);
            if is_new {
                media::video_name(ck, &a, video);
            }
        }
        let Some(assets) = ck.object(t, &at_t, "trailerAssets", false) else { continue };
        let at_a = at_t.key("trailerAssets");
        for (lang, a) in assets {
            let at_l = at_a.named(lang, lang);
            language(ck, &at_l, lang);
            let Some(a) = ck.as_object(a, &at_l) else { continue };
            ck.limited_text(a, &at_l, "title", false, c::TRAILER_TITLE_TOO_LONG, lim::TRAILER_TITLE_MAX_CHARS);
            if let Some(images) = ck.array(a, &at_l, "imageList", true) {
                let at_img = at_l.key("imageList");
                // The docs allow one image; Microsoft's own samples send two, so more is a warning (the
                // emulator accepts what the samples send) and none is the error.
                if images.is_empty() {
                    ck.push(c::TRAILER_THUMBNAIL_COUNT, &at_img, format!("{}: no thumbnail image", at_img.label()));
                } else if images.len() > lim::TRAILER_THUMBNAILS {
                    ck.push(
                        c::TRAILER_THUMBNAIL_EXTRA,
                        &at_img,
                        format!(
                            "{}: {} images where the documentation allows {}",
                            at_img.label(),
                            images.len(),
                            lim::TRAILER_THUMBNAILS
                        ),
                    );
                }
                for (j, img) in images.iter().enumerate() {
                    let at_j = at_img.idx(j);
                    if let Some(img) = ck.as_object(img, &at_j) {
                        if let Some(n) = ck.text(img, &at_j, "fileName", true) {
                            let a = at_j.key("fileName");
                            media::file_name_length(ck, &a, n);
                            if is_new {
                                media::png_name(ck, &a, n);
                            }
                        }
                        ck.limited_text(
                            img,
                            &at_j,
                            "description",
                            false,
                            c::IMAGE_DESCRIPTION_TOO_LONG,
                            lim::IMAGE_DESCRIPTION_MAX_CHARS,
                        );
                    }
                }
            }
        }
    }
}
