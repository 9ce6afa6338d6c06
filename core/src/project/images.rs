//! Images by folder convention: `<images>/<language>/<ImageType>/<file>`, the image type being one of the
//! product kind's (app listings: the devcenter image types; add-on: `Icon`; MSI/EXE: the listing asset
//! types `Screenshot` and `Logo`). Files are taken in name order (`01.png`, `02.png`, …).

use std::collections::BTreeMap;

use super::files::{join, ProjectFiles};
use super::ProductKind;
use crate::data::enums::{ASSET_TYPES, IMAGE_TYPES};
use crate::data::languages::is_language;
use crate::issue::Issue;
use crate::validate::codes;

/// The add-on listing's one image type (its `icon`).
pub(crate) const ADDON_ICON: &str = "Icon";

/// The image types (folder names) of a kind.
pub(crate) fn image_types(kind: ProductKind) -> &'static [&'static str] {
    match kind {
        ProductKind::App | ProductKind::Flight => IMAGE_TYPES,
        ProductKind::Addon => &[ADDON_ICON],
        ProductKind::Win32 => ASSET_TYPES,
    }
}

/// One image: its type and its path relative to the project folder.
pub(crate) type Images = BTreeMap<String, Vec<(String, String)>>;

/// The images under `dir` (language → `(image type, path)`), and whether the entry budget ran out.
pub(crate) fn read(
    files: &dyn ProjectFiles,
    dir: &str,
    kind: ProductKind,
    budget: &mut usize,
    issues: &mut Vec<Issue>,
) -> Result<(Images, bool), String> {
    let mut out = Images::new();
    let types = image_types(kind);
    let take = |n: usize, budget: &mut usize| {
        if n > *budget {
            *budget = 0;
            false
        } else {
            *budget -= n;
            true
        }
    };
    let langs = files.list(dir)?.unwrap_or_default();
    if !take(langs.len(), budget) {
        return Ok((out, true));
    }
    for l in &langs {
        let lpath = join(dir, &l.name);
        if !l.dir {
            issues.push(misplaced(&lpath));
            continue;
        }
        if !is_language(&l.name) {
            issues.push(Issue::error(
                codes::PROJECT_IMAGES_LANGUAGE_UNKNOWN.code,
                lpath.as_str(),
                format!("{lpath}: `{}` is not a language of the Store's languages table (e.g. en-us)", l.name),
            ));
            continue;
        }
        let type_dirs = files.list(&lpath)?.unwrap_or_default();
        if !take(type_dirs.len(), budget) {
            return Ok((out, true));
        }
        for t in &type_dirs {
            let tpath = join(&lpath, &t.name);
            if !t.dir {
                issues.push(misplaced(&tpath));
                continue;
            }
            let Some(ty) = types.iter().find(|x| x.eq_ignore_ascii_case(&t.name)) else {
                let hint = match crate::validate::fields_suggestion(&t.name, types) {
                    Some(h) => format!("; did you mean `{h}`?"),
                    None => String::new(),
                };
                issues.push(Issue::error(
                    codes::PROJECT_IMAGES_TYPE_UNKNOWN.code,
                    tpath.as_str(),
                    format!(
                        "{tpath}: `{}` is not an image type of a {} listing (one of {}){hint}",
                        t.name,
                        kind.as_str(),
                        types.join(", ")
                    ),
                ));
                continue;
            };
            let images = files.list(&tpath)?.unwrap_or_default();
            if !take(images.len(), budget) {
                return Ok((out, true));
            }
            for f in &images {
                let fpath = join(&tpath, &f.name);
                if f.dir {
                    issues.push(misplaced(&fpath));
                    continue;
                }
                out.entry(l.name.clone()).or_default().push((ty.to_string(), fpath));
            }
        }
    }
    Ok((out, false))
}

fn misplaced(path: &str) -> Issue {
    Issue::warning(
        codes::PROJECT_IMAGES_MISPLACED.code,
        path,
        format!("{path} is not at <images>/<language>/<ImageType>/<file>; ignored"),
    )
}
