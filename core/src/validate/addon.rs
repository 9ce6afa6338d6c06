//! Rules of devcenter add-ons (`reference/docs/manage-add-on-submissions.md`, `create-an-add-on.md`):
//! the add-on submission resource and the add-on create body.

use serde_json::Value;

use super::check::{At, Ck};
use super::codes as c;
use super::devcenter;
use crate::data::{enums, limits as lim};

/// The add-on submission resource.
pub(crate) fn submission(ck: &mut Ck, doc: &Value) {
    let root = At::root();
    let Some(obj) = ck.as_object(doc, &root) else { return };
    ck.read_only(doc, enums::ADDON_SUBMISSION_READ_ONLY);
    ck.enum_member(obj, &root, "contentType", false, c::ADDON_CONTENT_TYPE_INVALID, enums::CONTENT_TYPES);
    if let Some(items) = ck.array(obj, &root, "keywords", false) {
        let at = root.key("keywords");
        ck.max_items(c::ADDON_KEYWORDS_TOO_MANY, &at, items.len(), lim::ADDON_KEYWORDS_MAX, "keywords");
        for (i, s) in ck.strings(items, &at) {
            ck.max_chars(c::ADDON_KEYWORD_TOO_LONG, &at.idx(i), s, lim::ADDON_KEYWORD_MAX_CHARS);
        }
    }
    ck.enum_member(obj, &root, "lifetime", false, c::ADDON_LIFETIME_INVALID, enums::LIFETIMES);
    if let Some(listings) = ck.object(obj, &root, "listings", false) {
        let at = root.key("listings");
        for (lang, l) in listings {
            let at_l = at.named(lang, lang);
            devcenter::language(ck, &at_l, lang);
            let Some(l) = ck.as_object(l, &at_l) else { continue };
            ck.plain_text(l, &at_l, "description", c::LISTING_DESCRIPTION_TOO_LONG, lim::ADDON_DESCRIPTION_MAX_CHARS);
            ck.limited_text(l, &at_l, "title", false, c::LISTING_TITLE_TOO_LONG, lim::ADDON_TITLE_MAX_CHARS);
            if let Some(icon) = ck.object(l, &at_l, "icon", false) {
                let at_i = at_l.key("icon");
                if let Some(name) = ck.text(icon, &at_i, "fileName", true) {
                    super::media::file_name_length(ck, &at_i.key("fileName"), name);
                    let ext_png = name.rsplit_once('.').is_some_and(|(_, ext)| ext.eq_ignore_ascii_case("png"));
                    if !name.trim().is_empty() && !ext_png {
                        let a = at_i.key("fileName");
                        ck.push(
                            c::ADDON_ICON_NOT_PNG,
                            &a,
                            format!(
                                "{}: `{}` is not a .png file; the icon must be a 300 x 300 pixel PNG",
                                a.label(),
                                super::check::clip(name)
                            ),
                        );
                    }
                }
                devcenter::file_status(ck, icon, &at_i, false);
            }
        }
    }
    devcenter::pricing(ck, obj, &root);
    devcenter::publishing(ck, obj, &root, true);
    ck.limited_text(obj, &root, "tag", false, c::ADDON_TAG_TOO_LONG, lim::ADDON_TAG_MAX_CHARS);
}

/// The add-on create body: `{"applicationIds": [one id], "productId", "productType"}`.
pub(crate) fn create(ck: &mut Ck, doc: &Value) {
    let root = At::root();
    let Some(obj) = ck.as_object(doc, &root) else { return };
    if let Some(ids) = ck.array(obj, &root, "applicationIds", true) {
        let at = root.key("applicationIds");
        if ids.len() != lim::ADDON_APPLICATION_IDS {
            ck.push(
                c::ADDON_APPLICATION_IDS_COUNT,
                &at,
                format!("applicationIds: {} ids, exactly one app id required", ids.len()),
            );
        }
        for (i, s) in ck.strings(ids, &at) {
            if s.trim().is_empty() {
                let a = at.idx(i);
                ck.push(c::FIELD_EMPTY, &a, format!("{}: empty app id", a.label()));
            }
        }
    }
    ck.text(obj, &root, "productId", true);
    ck.enum_member(obj, &root, "productType", true, c::ADDON_PRODUCT_TYPE_INVALID, enums::PRODUCT_TYPES);
}
