//! From the checked project to the workflow request: `submission` (app, add-on, flight: target, spec,
//! pending, stopAfter) or `win32` (productId, spec, stopAfter), then the request's changes checked with
//! the rules of a publish's pre-flight.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use serde_json::{json, Map, Value};

use super::files::ProjectFiles;
use super::parse::{self, Origin, Project};
use super::{images, listings, packages, Format, ProductKind, Resolved};
use crate::issue::Issue;
use crate::json::merge;
use crate::validate::{codes, FileSet, Input};

/// The default folders, used when they exist and the file does not name others.
const DEFAULT_LISTINGS: &str = "listings";
const DEFAULT_IMAGES: &str = "images";

pub(crate) fn resolve(
    text: &str,
    format: Format,
    environment: Option<&str>,
    files: &dyn ProjectFiles,
    folder: PathBuf,
) -> Resolved {
    let mut issues = Vec::new();
    let mut out = Resolved {
        request: Value::Null,
        files: folder,
        credentials: Default::default(),
        issues: Vec::new(),
        kind: None,
        environment: environment.map(String::from),
    };
    let Some(doc) = parse::parse_text(text, format, &mut issues) else {
        out.issues = issues;
        return out;
    };
    parse::check_structure(&doc, &mut issues);
    let merged = parse::apply_environment(&doc, environment, &mut issues);
    let origin = Origin { doc: &doc, environment };
    let p = parse::project(&merged, &origin);
    out.credentials = p.credentials.clone();
    if p.kind == Some(ProductKind::Win32) && out.credentials.seller_id.is_none() {
        out.credentials.seller_id = Some(super::credentials::DEFAULT_SELLER_ID.into());
    }
    out.kind = p.kind;
    let request = build(&p, &merged, &origin, files, &mut issues);
    if let (Some(request), false) = (request, issues.iter().any(Issue::is_error)) {
        out.request = request;
    }
    out.issues = issues;
    out
}

fn error(code: &codes::IssueCodeInfo, path: impl Into<String>, message: impl Into<String>) -> Issue {
    Issue::error(code.code, path, message)
}

/// The folder a key names (which must exist), or the default folder when it exists.
fn folder(
    files: &dyn ProjectFiles,
    named: &Option<(String, String)>,
    default: &str,
    key: &str,
    issues: &mut Vec<Issue>,
) -> Option<String> {
    let clean = |s: &str| s.trim().replace('\\', "/").trim_start_matches("./").trim_end_matches('/').to_string();
    match named {
        Some((dir, at)) => {
            let dir = clean(dir);
            if super::files::inside(&dir).is_err() {
                issues.push(error(
                    &codes::PROJECT_FIELD_VALUE,
                    at.as_str(),
                    format!("listings.{key} must be a folder inside the project folder, got {dir:?}"),
                ));
                return None;
            }
            match files.list(&dir) {
                Ok(Some(_)) => Some(dir),
                Ok(None) => {
                    issues.push(error(
                        &codes::PROJECT_FOLDER_MISSING,
                        at.as_str(),
                        format!("listings.{key}: the folder {dir:?} does not exist in the project folder"),
                    ));
                    None
                }
                Err(e) => {
                    issues.push(error(&codes::PROJECT_FILE_UNREADABLE, at.as_str(), format!("cannot list {dir}: {e}")));
                    None
                }
            }
        }
        None => matches!(files.list(default), Ok(Some(_))).then(|| default.to_string()),
    }
}

fn build(
    p: &Project,
    merged: &Value,
    origin: &Origin<'_>,
    files: &dyn ProjectFiles,
    issues: &mut Vec<Issue>,
) -> Option<Value> {
    let product_given = |k: &str| merged.get("product").and_then(|t| t.get(k)).is_some();
    if !product_given("kind") {
        issues.push(error(
            &codes::PROJECT_PRODUCT_KIND_MISSING,
            "/product/kind",
            "product.kind is required: \"app\", \"addon\", \"flight\" or \"win32\"",
        ));
    }
    if p.id.is_none() && merged.pointer("/product/id").is_none_or(|v| v.is_string()) {
        issues.push(error(
            &codes::PROJECT_PRODUCT_ID_MISSING,
            origin.path("product", "id"),
            "product.id is required: the app id (app, flight), the add-on id or the MSI/EXE product id",
        ));
    }
    let kind = p.kind?;
    let not_for = |issues: &mut Vec<Issue>, at: String, what: &str| {
        issues.push(error(
            &codes::PROJECT_FIELD_NOT_FOR_KIND,
            at,
            format!(
                "{what} has no meaning for kind = \"{}\"; remove it (or override it per environment)",
                kind.as_str()
            ),
        ))
    };
    let ignored = |issues: &mut Vec<Issue>, at: String, what: &str| {
        issues.push(Issue::warning(
            codes::PROJECT_FIELD_IGNORED.code,
            at,
            format!("{what} is ignored for kind = \"{}\"", kind.as_str()),
        ))
    };
    match (kind, &p.flight) {
        (ProductKind::Flight, None) => issues.push(error(
            &codes::PROJECT_PRODUCT_FLIGHT_MISSING,
            origin.path("product", "flight"),
            "product.flight (the flight id) is required for kind = \"flight\"",
        )),
        (k, Some(_)) if k != ProductKind::Flight => {
            ignored(issues, origin.path("product", "flight"), "product.flight (a flight id)")
        }
        _ => {}
    }
    if kind != ProductKind::Win32 && merged.pointer("/credentials/seller_id").is_some() {
        ignored(issues, origin.path("credentials", "seller_id"), "credentials.seller_id (MSI/EXE only)");
    }
    let devcenter_release = matches!(kind, ProductKind::App | ProductKind::Flight);
    if let Some((_, at)) = &p.rollout {
        if !devcenter_release {
            not_for(issues, at.clone(), "release.rollout (a gradual rollout of packages)");
        }
    }
    if let Some((_, at)) = &p.mandatory {
        if !devcenter_release {
            not_for(issues, at.clone(), "release.mandatory (a mandatory package update)");
        }
    }
    if let (Some((_, at)), ProductKind::Win32) = (&p.pending, kind) {
        not_for(issues, at.clone(), "release.pending (an MSI/EXE product has one draft)");
    }
    if p.keep_old.is_some() && matches!(kind, ProductKind::Addon | ProductKind::Win32) {
        let what = if kind == ProductKind::Win32 {
            "packages.keep_old (an MSI/EXE packages update lists every package)"
        } else {
            "packages.keep_old (an add-on has no packages)"
        };
        not_for(issues, origin.path("packages", "keep_old"), what);
    }

    let mut budget = super::glob::budget();
    let mut limited = false;
    let matched = if kind == ProductKind::Addon && !p.package_globs.is_empty() {
        not_for(issues, origin.path("packages", "files"), "packages.files (an add-on has no packages)");
        BTreeMap::new()
    } else {
        let (m, l) = packages::matches(files, &p.package_globs, &mut budget, issues);
        limited |= l;
        m
    };

    let listings_dir = folder(files, &p.listings_folder, DEFAULT_LISTINGS, "folder", issues);
    let images_dir = folder(files, &p.images_folder, DEFAULT_IMAGES, "images", issues);
    let (listings, images) = if kind == ProductKind::Flight {
        if listings_dir.is_some() {
            ignored(
                issues,
                origin.path("listings", "folder"),
                "the listings folder (a flight submission has no listings)",
            );
        }
        if images_dir.is_some() {
            ignored(
                issues,
                origin.path("listings", "images"),
                "the images folder (a flight submission has no listings)",
            );
        }
        (BTreeMap::new(), BTreeMap::new())
    } else {
        let listings = match &listings_dir {
            Some(d) => listings::read(files, d, kind, issues).unwrap_or_else(|e| {
                issues.push(error(&codes::PROJECT_FILE_UNREADABLE, d.as_str(), format!("cannot list {d}: {e}")));
                BTreeMap::new()
            }),
            None => BTreeMap::new(),
        };
        let images = match &images_dir {
            Some(d) => match images::read(files, d, kind, &mut budget, issues) {
                Ok((i, l)) => {
                    limited |= l;
                    i
                }
                Err(e) => {
                    issues.push(error(&codes::PROJECT_FILE_UNREADABLE, d.as_str(), format!("cannot list {d}: {e}")));
                    BTreeMap::new()
                }
            },
            None => BTreeMap::new(),
        };
        (listings, images)
    };
    if limited {
        issues.push(error(
            &codes::PROJECT_WALK_LIMIT,
            "/packages/files",
            format!(
                "the project folder has more entries than the {} a project may list for its globs and images; \
                 narrow the globs (e.g. build/*.msixupload instead of **/*)",
                crate::data::limits::PROJECT_WALK_MAX_ENTRIES
            ),
        ));
    }
    let extra = submission_file(files, &p.submission_file, issues);
    if matched.is_empty() && listings.is_empty() && images.is_empty() && extra.is_none() {
        issues.push(Issue::warning(
            codes::PROJECT_NOTHING_TO_PUBLISH.code,
            "",
            "the project names no package, listing, image or submission file: the publish would change nothing",
        ));
    }
    let id = p.id.clone()?;
    let stop_after = p.wait.as_ref().map(|(w, _)| w.clone());
    let request = if kind == ProductKind::Win32 {
        let win32_packages = packages::win32_packages(files, &matched, issues);
        let spec = win32_spec(extra, win32_packages, &listings, &images, issues);
        check_win32(&spec, issues);
        let mut r = json!({"workflow": "win32", "productId": id, "spec": spec});
        if let Some(s) = stop_after {
            r["stopAfter"] = json!(s);
        }
        r
    } else {
        let doc_kind = kind.submission_kind()?;
        let changes = devcenter_changes(kind, extra, &matched, &listings, &images, issues);
        check_devcenter(doc_kind, &changes, files, issues);
        let target = match kind {
            ProductKind::App => json!({"type": "app", "appId": id}),
            ProductKind::Addon => json!({"type": "addon", "addonId": id}),
            _ => json!({"type": "flight", "appId": id, "flightId": p.flight.clone().unwrap_or_default()}),
        };
        let mut spec = json!({"changes": changes});
        if devcenter_release {
            spec["oldPackages"] = json!(if p.keep_old == Some(true) { "keep" } else { "replace" });
            if let Some((r, _)) = p.rollout {
                spec["rolloutPercentage"] = json!(r);
            }
            if let Some((m, _)) = p.mandatory {
                spec["mandatoryUpdate"] = json!(m);
            }
        }
        let mut r = json!({"workflow": "submission", "target": target, "spec": spec});
        if let Some((pending, _)) = &p.pending {
            r["pending"] = json!(pending);
        }
        if let Some(s) = stop_after {
            r["stopAfter"] = json!(s);
        }
        r
    };
    Some(request)
}

/// The JSON object of `[submission] file`.
fn submission_file(
    files: &dyn ProjectFiles,
    named: &Option<(String, String)>,
    issues: &mut Vec<Issue>,
) -> Option<Map<String, Value>> {
    let (path, at) = named.as_ref()?;
    let path = path.replace('\\', "/");
    let path = path.trim_start_matches("./");
    if let Err(rule) = super::files::inside(path) {
        issues.push(error(&codes::PROJECT_FIELD_VALUE, at.as_str(), format!("submission.file: {rule}")));
        return None;
    }
    let text = match files.read(path).map(String::from_utf8) {
        Ok(Ok(t)) => t,
        Ok(Err(_)) => {
            issues.push(error(&codes::PROJECT_FILE_UNREADABLE, at.as_str(), format!("{path} is not UTF-8 text")));
            return None;
        }
        Err(e) => {
            issues.push(error(
                &codes::PROJECT_FILE_UNREADABLE,
                at.as_str(),
                format!("submission.file: cannot read {path}: {e}"),
            ));
            return None;
        }
    };
    match crate::validate::lenient_json::parse(&text) {
        Ok((Value::Object(m), warnings)) => {
            issues.extend(warnings.into_iter().map(|mut w| {
                w.path = format!("{path}#{}", w.path);
                w
            }));
            Some(m)
        }
        _ => {
            issues.push(error(
                &codes::PROJECT_SUBMISSION_FILE_INVALID,
                at.as_str(),
                format!("submission.file: {path} must hold one JSON object of submission fields"),
            ));
            None
        }
    }
}

fn too_many(issues: &mut Vec<Issue>, lang: &str, ty: &str, max: usize, n: usize) {
    issues.push(error(
        &codes::PROJECT_IMAGES_TOO_MANY,
        format!("images/{lang}/{ty}"),
        format!("images/{lang}/{ty} holds {n} files; a listing takes at most {max}"),
    ));
}

fn devcenter_changes(
    kind: ProductKind,
    extra: Option<Map<String, Value>>,
    matched: &BTreeMap<String, u64>,
    listings: &BTreeMap<String, Map<String, Value>>,
    images: &images::Images,
    issues: &mut Vec<Issue>,
) -> Value {
    let mut generated = Map::new();
    if !matched.is_empty() {
        let key = if kind == ProductKind::Flight { "flightPackages" } else { "applicationPackages" };
        let items: Vec<Value> = matched.keys().map(|f| json!({"fileName": f})).collect();
        generated.insert(key.into(), Value::Array(items));
    }
    let langs: BTreeSet<&String> = listings.keys().chain(images.keys()).collect();
    let mut out_listings = Map::new();
    for lang in langs {
        let mut fields = listings.get(lang).cloned().unwrap_or_default();
        let imgs = images.get(lang).cloned().unwrap_or_default();
        let listing = if kind == ProductKind::Addon {
            if imgs.len() > 1 {
                too_many(issues, lang, images::ADDON_ICON, 1, imgs.len());
            }
            if let Some((_, f)) = imgs.first() {
                fields.insert("icon".into(), json!({"fileName": f}));
            }
            Value::Object(fields)
        } else {
            let overrides = fields.remove("platformOverrides");
            if !imgs.is_empty() {
                let list: Vec<Value> = imgs.iter().map(|(t, f)| json!({"fileName": f, "imageType": t})).collect();
                fields.insert("images".into(), Value::Array(list));
            }
            let mut l = json!({"baseListing": fields});
            if let Some(o) = overrides {
                l["platformOverrides"] = o;
            }
            l
        };
        out_listings.insert(lang.clone(), listing);
    }
    if !out_listings.is_empty() {
        generated.insert("listings".into(), Value::Object(out_listings));
    }
    let mut changes = Value::Object(extra.unwrap_or_default());
    merge(&mut changes, &Value::Object(generated));
    changes
}

fn win32_spec(
    extra: Option<Map<String, Value>>,
    packages: Vec<Value>,
    listings: &BTreeMap<String, Map<String, Value>>,
    images: &images::Images,
    issues: &mut Vec<Issue>,
) -> Value {
    let mut spec = json!({});
    if !packages.is_empty() {
        spec["packages"] = json!({"packages": packages});
    }
    let mut metadata = Value::Object(extra.unwrap_or_default());
    if !listings.is_empty() {
        let list: Vec<Value> = listings
            .iter()
            .map(|(lang, fields)| {
                let mut l = Map::new();
                l.insert("language".into(), json!(lang));
                l.extend(fields.clone());
                Value::Object(l)
            })
            .collect();
        metadata["listings"] = Value::Array(list);
    }
    if metadata.as_object().is_some_and(|m| !m.is_empty()) {
        spec["metadata"] = metadata;
        spec["metadataPatch"] = json!(true);
    }
    let mut assets = Vec::new();
    for (lang, imgs) in images {
        let of = |t: &str| imgs.iter().filter(|(ty, _)| ty == t).map(|(_, f)| f.clone()).collect::<Vec<_>>();
        let (screenshots, logos) = (of("Screenshot"), of("Logo"));
        use crate::data::limits::{LOGOS_MAX, SCREENSHOTS_MAX};
        if screenshots.len() as u64 > SCREENSHOTS_MAX {
            too_many(issues, lang, "Screenshot", SCREENSHOTS_MAX as usize, screenshots.len());
        }
        if logos.len() as u64 > LOGOS_MAX {
            too_many(issues, lang, "Logo", LOGOS_MAX as usize, logos.len());
        }
        assets.push(json!({"language": lang, "screenshots": screenshots, "logos": logos}));
    }
    if !assets.is_empty() {
        spec["assets"] = Value::Array(assets);
    }
    spec
}

/// A resolved-submission issue, its path marked as pointing into the resolved changes.
fn resolved(mut i: Issue) -> Issue {
    i.path = format!("resolved:{}", i.path);
    i.message = format!("the resolved submission: {}", i.message);
    i
}

/// The changes checked as a publish's pre-flight checks them, with the files they name looked up in the
/// project folder (each parent folder listed once).
fn check_devcenter(
    kind: crate::model::DocumentKind,
    changes: &Value,
    files: &dyn ProjectFiles,
    issues: &mut Vec<Issue>,
) {
    let standalone = crate::flow::SubmissionSpec::from_changes(changes.clone()).standalone_document(kind);
    let mut set = FileSet::new();
    let mut listed: BTreeMap<String, Vec<super::Entry>> = BTreeMap::new();
    for f in crate::model::files::referenced_files(kind, &standalone) {
        let name = f.name.replace('\\', "/");
        let (dir, base) = name.rsplit_once('/').unwrap_or(("", name.as_str()));
        if dir.split('/').any(|s| s == "..") || name.starts_with('/') {
            continue;
        }
        let entries =
            listed.entry(dir.to_string()).or_insert_with(|| files.list(dir).ok().flatten().unwrap_or_default());
        if let Some(e) = entries.iter().find(|e| !e.dir && e.name == base) {
            if e.size == 0 {
                set.insert_empty(&name);
            } else {
                set.insert(&name);
            }
        } else if let Some(e) = entries.iter().find(|e| !e.dir && e.name.eq_ignore_ascii_case(base)) {
            // present with another letter case: the cross-check names it
            set.insert(&super::files::join(dir, &e.name));
        }
    }
    match crate::validate::check_change(Input::Document(changes), Some(kind), Some(&set)) {
        Ok(checked) => {
            issues.extend(checked.issues.into_iter().filter(|i| i.code != "files.unreferenced").map(resolved))
        }
        Err(e) => {
            issues.push(error(&codes::PROJECT_FIELD_VALUE, "", format!("the resolved submission: {}", e.message())))
        }
    }
}

/// The win32 spec checked as a publish's pre-flight checks it (packages, metadata patch).
fn check_win32(spec: &Value, issues: &mut Vec<Issue>) {
    use crate::model::DocumentKind as D;
    if let Some(p) = spec.get("packages") {
        issues.extend(crate::validate::validate(D::Win32Packages, p).issues.into_iter().map(|mut i| {
            i.path = format!("/packages{}", i.path);
            resolved(i)
        }));
    }
    if let Some(m) = spec.get("metadata") {
        issues.extend(crate::validate::validate(D::Win32MetadataPatch, m).issues.into_iter().map(|mut i| {
            i.path = format!("/metadata{}", i.path);
            resolved(i)
        }));
    }
}
