//! StoreBroker (Microsoft's PowerShell module) to a storesubmit project: its `SBConfig.json` and its
//! per-language PDP ("product description page") XML files become `storesubmit.toml`,
//! `submission.json`, `listings/<language>.json` and the media under `images/` and `trailers/`.
//!
//! The mapping follows what StoreBroker's own packaging (`New-SubmissionPackage`) sends:
//!
//! - `SBConfig.json` (comments accepted): `appSubmission` makes an `app` project, `iapSubmission` an
//!   `addon` one; its `appId` / `iapId` is the product id; its other fields go to `submission.json`
//!   (but `listings`, `trailers` and packages, which come from the PDP files and `[packages]`;
//!   nulls, which mean "leave as is", are left out, and so are StoreBroker's template values —
//!   `"NotSet"` of visibility, targetPublishMode, applicationCategory and contentType, pricing.priceId
//!   `"NotAvailable"` — each with an `import.config.placeholder` warning). `packageParameters`
//!   gives the PDP root and `Release`, `PDPInclude`/`PDPExclude` (wildcards), `LanguageExclude`,
//!   `ImagesRootPath`, `MediaFallbackLanguage` and the package paths (`AppxPath` or `PackagePath`), each
//!   of which becomes a `packages/<file name>` glob. A credential in the file is never carried (nor
//!   shown): the project names the environment variables `STORESUBMIT_*` instead.
//! - PDP files are found as StoreBroker finds them: `<PDP root>[/<Release>]/<language>/…/<file>`, the
//!   language being the first folder. `ProductDescription` fields map to the base listing as
//!   StoreBroker maps them (`AppStoreName` → `title`, `Description` → `description`, `AppFeatures` →
//!   `features`, `Keywords` → `keywords`, `ReleaseNotes` → `releaseNotes`, `CopyrightAndTrademark` →
//!   `copyrightAndTrademarkInfo`, `AdditionalLicenseTerms` → `licenseTerms`,
//!   `RecommendedHardware` / `MinimumHardware` → `recommendedHardware` / `minimumHardware`,
//!   `ShortDescription`, `ShortTitle`, `SortTitle`, `VoiceTitle`, `DevStudio` → the same names in camel
//!   case); values are trimmed and empty ones left out. `WebsiteURL`, `SupportContactInfo` and
//!   `PrivacyPolicyURL` map to listing fields the Store no longer takes (set on the Properties page): they
//!   are not imported (`import.pdp.obsolete`). `InAppProductDescription` gives an add-on's
//!   `title`, `description` and `Icon`.
//! - Media: each `Caption`'s `DesktopImage`, `MobileImage`, `XboxImage`, `SurfaceHubImage` and
//!   `HoloLensImage` is a `Screenshot`, `MobileScreenshot`, `XboxScreenshot`, `SurfaceHubScreenshot` or
//!   `HoloLensScreenshot` image; each `AdditionalAssets` element is an image of that type. The file is
//!   looked up under `<images root>/<Release>/<language>/` (any depth; then `<images root>/<language>/`),
//!   then under the fallback language's folder (`FallbackLanguage` of the element, its section, the root
//!   element, or `MediaFallbackLanguage`), and copied to `images/<language>/<ImageType>/<NN>-<file>`, NN
//!   keeping the PDP's order (the project takes images in name order).
//! - Captions are kept in the listing: `listings/<language>.json` holds the Store's own `images` field,
//!   one entry per image (`fileName` — the copied file —, `imageType` and, for a captioned screenshot,
//!   `description`: the caption), in the PDP's order. (The project loader takes a listing's images from
//!   the images folder, so publishing does not send the captions yet.)
//! - Trailers go to `submission.json`'s `trailers` (the Store keeps them at the submission level), their
//!   videos and thumbnails copied to `trailers/<language>/`; a trailer shared through a fallback language
//!   is one trailer with an asset per language.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{json, Map, Value};

use super::xml::{self, Element};
use super::{ImportResult, Source};
use crate::data::languages::is_language;
use crate::data::limits::{IMPORT_FILE_MAX_BYTES, IMPORT_WALK_MAX_DEPTH, IMPORT_WALK_MAX_ENTRIES};
use crate::issue::Issue;
use crate::model::files::pointer_segment;
use crate::validate::codes::{self, IssueCodeInfo};

/// The namespace of StoreBroker's `ProductDescription.xsd`.
pub const PDP_NAMESPACE: &str = "http://schemas.microsoft.com/appx/2012/ProductDescription";
/// The namespace of StoreBroker's `InAppProductDescription.xsd`.
pub const IAP_NAMESPACE: &str = "http://schemas.microsoft.com/appx/2012/InAppProductDescription";

/// The `packageParameters` keys StoreBroker documents (matched case-insensitively, as PowerShell does).
const PACKAGE_PARAMETERS: &[&str] = &[
    "PDPRootPath",
    "Release",
    "PDPInclude",
    "PDPExclude",
    "LanguageExclude",
    "ImagesRootPath",
    "MediaFallbackLanguage",
    "AppxPath",
    "PackagePath",
    "OutPath",
    "OutName",
    "DisableAutoPackageNameFormatting",
];

/// PDP text elements → base listing fields (StoreBroker's `Convert-ListingToObject`).
const APP_TEXT: &[(&str, &str)] = &[
    ("AppStoreName", "title"),
    ("Description", "description"),
    ("ReleaseNotes", "releaseNotes"),
    ("ShortDescription", "shortDescription"),
    ("ShortTitle", "shortTitle"),
    ("SortTitle", "sortTitle"),
    ("VoiceTitle", "voiceTitle"),
    ("DevStudio", "devStudio"),
    ("CopyrightAndTrademark", "copyrightAndTrademarkInfo"),
    ("AdditionalLicenseTerms", "licenseTerms"),
];

/// PDP elements whose listing fields the Store no longer takes (`websiteUrl`, `supportContact`,
/// `privacyPolicy`: "This value is obsolete … it will be ignored"; they live on the Properties page now):
/// not imported, each with an `import.pdp.obsolete` warning, so the project does not warn on every run.
const APP_OBSOLETE: &[(&str, &str)] =
    &[("WebsiteURL", "websiteUrl"), ("SupportContactInfo", "supportContact"), ("PrivacyPolicyURL", "privacyPolicy")];

/// StoreBroker's template values (`New-StoreBrokerConfigFile` writes them until the user chooses): field
/// (a `/`-separated path in the submission) → value. Not carried, so the live value stays; each is an
/// `import.config.placeholder` warning.
const TEMPLATE_PLACEHOLDERS: &[(&str, &str)] = &[
    ("targetPublishMode", "NotSet"),
    ("visibility", "NotSet"),
    ("applicationCategory", "NotSet"),
    ("contentType", "NotSet"),
    ("pricing/priceId", "NotAvailable"),
];

/// PDP list elements (and their item element) → base listing fields.
const APP_LISTS: &[(&str, &str, &str)] = &[
    ("Keywords", "Keyword", "keywords"),
    ("AppFeatures", "AppFeature", "features"),
    ("RecommendedHardware", "Recommendation", "recommendedHardware"),
    ("MinimumHardware", "MinimumRequirement", "minimumHardware"),
];

/// `Caption` attributes → screenshot image types.
const CAPTION_IMAGES: &[(&str, &str)] = &[
    ("DesktopImage", "Screenshot"),
    ("MobileImage", "MobileScreenshot"),
    ("XboxImage", "XboxScreenshot"),
    ("SurfaceHubImage", "SurfaceHubScreenshot"),
    ("HoloLensImage", "HoloLensScreenshot"),
];

/// `AdditionalAssets` elements (each is the image type of the same name).
const ADDITIONAL_ASSETS: &[&str] = &[
    "StoreLogo9x16",
    "StoreLogoSquare",
    "Icon",
    "PromotionalArt16x9",
    "PromotionalArtwork2400X1200",
    "XboxBrandedKeyArt",
    "XboxTitledHeroArt",
    "XboxFeaturedPromotionalArt",
    "SquareIcon358X358",
    "BackgroundImage1000X800",
    "PromotionalArtwork414X180",
];

/// Attributes every PDP element may carry (localisation id, schema location).
const ANY_ATTRIBUTES: &[&str] = &["_locID", "schemaLocation", "noNamespaceSchemaLocation"];

/// Which product an `SBConfig.json` describes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `appSubmission`: an app (`ProductDescription` PDP files).
    App,
    /// `iapSubmission`: an add-on (`InAppProductDescription` PDP files).
    Addon,
}

impl Kind {
    /// The project's `product.kind`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::App => "app",
            Kind::Addon => "addon",
        }
    }
}

/// An `SBConfig.json` read: the product, the submission fields, the `packageParameters` StoreBroker
/// packages with, and the issues of reading it. Paths are as written, with `\` turned into `/`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Config {
    /// The config's file name, as issues and messages show it.
    pub name: String,
    /// The product kind (`None` when the file says neither or both).
    pub kind: Option<Kind>,
    /// `appId` / `iapId`.
    pub id: String,
    /// The submission fields carried to `submission.json`.
    pub submission: Map<String, Value>,
    /// `AppxPath` / `PackagePath`.
    pub packages: Vec<String>,
    /// `PDPRootPath` (empty: none).
    pub pdp_root: String,
    /// `Release`: the sub-folder of the PDP root holding the PDP files.
    pub release: String,
    /// `PDPInclude` (empty: every `*.xml`).
    pub pdp_include: Vec<String>,
    /// `PDPExclude`.
    pub pdp_exclude: Vec<String>,
    /// `LanguageExclude`.
    pub language_exclude: Vec<String>,
    /// `ImagesRootPath` (empty: none).
    pub images_root: String,
    /// `MediaFallbackLanguage`.
    pub media_fallback: String,
    /// The issues of reading the file.
    pub issues: Vec<Issue>,
}

fn issue(code: IssueCodeInfo, path: impl Into<String>, message: impl Into<String>) -> Issue {
    Issue::new(code.code, path, message, code.severity)
}

/// The environment variable a credential-like key's value belongs in, when the key names a credential.
fn credential_env(key: &str) -> Option<&'static str> {
    let k: String = key.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_ascii_lowercase();
    let named =
        ["secret", "password", "token", "credential", "bearer", "authorization", "connectionstring", "passphrase"];
    if named.iter().any(|n| k.contains(n)) || k == "pwd" || k == "sas" || k.ends_with("key") || k.ends_with("signature")
    {
        Some("STORESUBMIT_CLIENT_SECRET")
    } else if k == "clientid" {
        Some("STORESUBMIT_CLIENT_ID")
    } else if k == "tenantid" {
        Some("STORESUBMIT_TENANT_ID")
    } else if k == "sellerid" {
        Some("STORESUBMIT_SELLER_ID")
    } else {
        None
    }
}

fn has_value(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::String(s) => !s.trim().is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
        _ => true,
    }
}

/// Removes every credential-like key below `v` (any depth) — named like a credential, or holding a string
/// shaped like one ([`crate::secret::secret_shape`]) — with a warning for each that held a value.
fn strip_credentials(v: &mut Value, pointer: &str, name: &str, issues: &mut Vec<Issue>) {
    match v {
        Value::Object(m) => {
            let keys: Vec<String> = m.keys().cloned().collect();
            for k in keys {
                let p = format!("{pointer}/{}", pointer_segment(&k));
                if let Some(env) = credential_env(&k) {
                    let held = m.shift_remove(&k).is_some_and(|x| has_value(&x));
                    if held {
                        issues.push(issue(
                            codes::IMPORT_CONFIG_CREDENTIAL,
                            format!("{name}#{p}"),
                            format!(
                                "{name}: `{k}` holds a credential; it is not imported and its value is not shown. \
                                 The project reads it from the environment variable {env}"
                            ),
                        ));
                    }
                } else if let Some(shape) = m.get(&k).and_then(Value::as_str).and_then(crate::secret::secret_shape) {
                    m.shift_remove(&k);
                    issues.push(issue(
                        codes::IMPORT_CONFIG_CREDENTIAL,
                        format!("{name}#{p}"),
                        format!(
                            "{name}: `{k}` holds what looks like {shape}; it is not imported and its value is not \
                             shown. Keep credentials in environment variables (the project names them)"
                        ),
                    ));
                } else if let Some(child) = m.get_mut(&k) {
                    strip_credentials(child, &p, name, issues);
                }
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                strip_credentials(item, &format!("{pointer}/{i}"), name, issues);
            }
        }
        _ => {}
    }
}

fn strings(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::String(s)) if !s.trim().is_empty() => vec![s.trim().to_string()],
        Some(Value::Array(a)) => {
            a.iter().filter_map(Value::as_str).map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect()
        }
        _ => Vec::new(),
    }
}

fn text(v: Option<&Value>) -> String {
    v.and_then(Value::as_str).map(|s| s.trim().replace('\\', "/")).unwrap_or_default()
}

/// Reads `SBConfig.json` (`name` is how issues name it). Never fails: problems are issues of the answer.
pub fn read_config(text_in: &str, name: &str) -> Config {
    let mut cfg = Config { name: name.to_string(), ..Config::default() };
    if text_in.len() > IMPORT_FILE_MAX_BYTES {
        cfg.issues.push(issue(
            codes::IMPORT_CONFIG_TOO_LARGE,
            name,
            format!("{name}: {} bytes, more than the {IMPORT_FILE_MAX_BYTES} an import reads", text_in.len()),
        ));
        return cfg;
    }
    let mut doc = match crate::validate::lenient_json::parse(text_in) {
        Ok((doc, warnings)) => {
            // StoreBroker's format has `//` comments by design: they are not worth a warning each.
            for mut w in warnings.into_iter().filter(|w| w.code != codes::JSON_COMMENT.code) {
                w.path = format!("{name}#{}", w.path);
                w.message = format!("{name}: {}", w.message);
                cfg.issues.push(w);
            }
            doc
        }
        Err(e) => {
            let detail = e.issues().first().map(|i| i.message.clone()).unwrap_or_else(|| e.message().to_string());
            cfg.issues.push(issue(codes::IMPORT_CONFIG_SYNTAX, name, format!("{name}: {detail}")));
            return cfg;
        }
    };
    strip_credentials(&mut doc, "", name, &mut cfg.issues);
    let Some(root) = doc.as_object() else {
        cfg.issues.push(issue(codes::IMPORT_CONFIG_KIND, name, format!("{name}: not a JSON object")));
        return cfg;
    };
    let get = |m: &Map<String, Value>, key: &str| -> Option<Value> {
        m.iter().find(|(k, _)| k.eq_ignore_ascii_case(key)).map(|(_, v)| v.clone())
    };
    let app = get(root, "appSubmission").filter(Value::is_object);
    let iap = get(root, "iapSubmission").filter(Value::is_object);
    let (kind, sub, id_key) = match (app, iap) {
        (Some(a), None) => (Kind::App, a, "appId"),
        (None, Some(i)) => (Kind::Addon, i, "iapId"),
        (a, _) => {
            let why = if a.is_some() {
                "both appSubmission and iapSubmission"
            } else {
                "neither appSubmission nor iapSubmission"
            };
            cfg.issues.push(issue(
                codes::IMPORT_CONFIG_KIND,
                name,
                format!("{name}: {why}; StoreBroker's New-StoreBrokerConfigFile writes appSubmission, New-StoreBrokerInAppProductConfigFile iapSubmission"),
            ));
            return cfg;
        }
    };
    cfg.kind = Some(kind);
    let section = if kind == Kind::App { "appSubmission" } else { "iapSubmission" };
    let mut sub = sub.as_object().cloned().unwrap_or_default();
    let id_field = sub.keys().find(|k| k.eq_ignore_ascii_case(id_key)).cloned();
    cfg.id = id_field
        .as_ref()
        .and_then(|k| sub.shift_remove(k))
        .as_ref()
        .and_then(Value::as_str)
        .unwrap_or("")
        .trim()
        .to_string();
    if cfg.id.is_empty() {
        cfg.issues.push(issue(
            codes::IMPORT_CONFIG_ID_MISSING,
            format!("{name}#/{section}/{id_key}"),
            format!("{name}: {section}.{id_key} is empty; the project needs the product's Store id"),
        ));
    }
    let keys: Vec<String> = sub.keys().cloned().collect();
    for k in keys {
        let dropped = ["listings", "trailers", "applicationPackages", "flightPackages"]
            .iter()
            .any(|d| d.eq_ignore_ascii_case(&k));
        let v = &sub[&k];
        if dropped {
            if has_value(v) {
                cfg.issues.push(issue(
                    codes::IMPORT_CONFIG_FIELD_DROPPED,
                    format!("{name}#/{section}/{}", pointer_segment(&k)),
                    format!(
                        "{name}: {section}.{k} is not carried to submission.json (listings and trailers come from the PDP \
                         files, packages from [packages] in storesubmit.toml)"
                    ),
                ));
            }
            sub.shift_remove(&k);
        } else if v.is_null() {
            // StoreBroker's "not set": the submission keeps the value it has.
            sub.shift_remove(&k);
        }
    }
    drop_placeholders(&mut cfg.issues, &mut sub, name, section);
    cfg.submission = sub;
    if let Some(Value::Object(pp)) = get(root, "packageParameters") {
        for k in pp.keys() {
            if !PACKAGE_PARAMETERS.iter().any(|p| p.eq_ignore_ascii_case(k)) {
                let hint = crate::validate::fields_suggestion(k, PACKAGE_PARAMETERS)
                    .map(|h| format!("; did you mean `{h}`?"))
                    .unwrap_or_default();
                cfg.issues.push(issue(
                    codes::IMPORT_CONFIG_PARAMETER_UNKNOWN,
                    format!("{name}#/packageParameters/{}", pointer_segment(k)),
                    format!("{name}: packageParameters.{k} is not a StoreBroker parameter; ignored{hint}"),
                ));
            }
        }
        let p = |key: &str| get(&pp, key);
        cfg.pdp_root = text(p("PDPRootPath").as_ref());
        cfg.release = text(p("Release").as_ref());
        cfg.pdp_include = strings(p("PDPInclude").as_ref());
        cfg.pdp_exclude = strings(p("PDPExclude").as_ref());
        cfg.language_exclude = strings(p("LanguageExclude").as_ref());
        cfg.images_root = text(p("ImagesRootPath").as_ref());
        cfg.media_fallback = text(p("MediaFallbackLanguage").as_ref());
        let mut packages = strings(p("AppxPath").as_ref());
        packages.extend(strings(p("PackagePath").as_ref()));
        cfg.packages = packages.into_iter().map(|s| s.replace('\\', "/")).collect();
    }
    cfg
}

/// Removes StoreBroker's template values ([`TEMPLATE_PLACEHOLDERS`]) from the submission fields, with an
/// `import.config.placeholder` warning each (keys matched case-insensitively, as PowerShell does).
fn drop_placeholders(issues: &mut Vec<Issue>, sub: &mut Map<String, Value>, name: &str, section: &str) {
    for (path, template) in TEMPLATE_PLACEHOLDERS {
        let (parent, field) = match path.split_once('/') {
            Some((p, f)) => (Some(p), f),
            None => (None, *path),
        };
        let obj = match parent {
            None => Some(&mut *sub),
            Some(p) => sub.iter_mut().find(|(k, _)| k.eq_ignore_ascii_case(p)).and_then(|(_, v)| v.as_object_mut()),
        };
        let Some(obj) = obj else { continue };
        let Some(key) = obj.keys().find(|k| k.eq_ignore_ascii_case(field)).cloned() else { continue };
        if obj.get(&key).and_then(Value::as_str) != Some(*template) {
            continue;
        }
        obj.shift_remove(&key);
        let shown_path = path.replace('/', ".");
        issues.push(issue(
            codes::IMPORT_CONFIG_PLACEHOLDER,
            format!("{name}#/{section}/{path}"),
            format!(
                "{name}: {section}.{shown_path} is `{template}`, StoreBroker's template value; not carried to \
                 submission.json, so the live value stays (set it there to change it)"
            ),
        ));
    }
}

/// `*` and `?` wildcards, case-insensitive (PowerShell's `-Include` / `-Exclude`).
fn wildcard(pattern: &str, name: &str) -> bool {
    let p: Vec<char> = pattern.to_lowercase().chars().collect();
    let n: Vec<char> = name.to_lowercase().chars().collect();
    let (mut pi, mut ni, mut star, mut mark) = (0, 0, None, 0);
    while ni < n.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == n[ni]) {
            pi += 1;
            ni += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ni;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ni = mark;
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|c| *c == '*')
}

fn join(dir: &str, name: &str) -> String {
    if dir.is_empty() {
        name.to_string()
    } else {
        format!("{dir}/{name}")
    }
}

/// Walks a source's folder: every file below `dir` (paths relative to the source), in path order.
struct Walker<'a> {
    source: &'a dyn Source,
    budget: usize,
    exhausted: bool,
    cache: BTreeMap<String, Vec<String>>,
}

impl<'a> Walker<'a> {
    fn new(source: &'a dyn Source) -> Self {
        Walker { source, budget: IMPORT_WALK_MAX_ENTRIES, exhausted: false, cache: BTreeMap::new() }
    }

    /// The files below `dir`, or `None` when `dir` does not exist.
    fn files(&mut self, dir: &str) -> Result<Option<Vec<String>>, String> {
        if let Some(c) = self.cache.get(dir) {
            return Ok(Some(c.clone()));
        }
        if self.source.list(dir)?.is_none() {
            return Ok(None);
        }
        let mut out = Vec::new();
        self.walk(dir, 0, &mut out)?;
        self.cache.insert(dir.to_string(), out.clone());
        Ok(Some(out))
    }

    fn walk(&mut self, dir: &str, depth: usize, out: &mut Vec<String>) -> Result<(), String> {
        if depth > IMPORT_WALK_MAX_DEPTH || self.exhausted {
            return Ok(());
        }
        let entries = self.source.list(dir)?.unwrap_or_default();
        if entries.len() > self.budget {
            self.exhausted = true;
            self.budget = 0;
            return Ok(());
        }
        self.budget -= entries.len();
        for e in entries {
            let p = join(dir, &e.name);
            if e.dir {
                self.walk(&p, depth + 1, out)?;
            } else {
                out.push(p);
            }
        }
        Ok(())
    }
}

/// One image of a listing: type, project path, caption.
struct Image {
    ty: &'static str,
    to: String,
    caption: Option<String>,
}

/// A trailer being assembled: its video's project path and its per-language assets.
struct Trailer {
    video: String,
    assets: Map<String, Value>,
}

/// The state of one import.
struct Run<'a> {
    cfg: &'a Config,
    media: Option<Walker<'a>>,
    /// The images folder given but missing (shown), reported when a PDP first names a media file.
    media_absent: Option<String>,
    media_missing_reported: bool,
    walk_limit_reported: bool,
    copies: Vec<(String, String)>,
    claimed: BTreeMap<String, String>,
    issues: Vec<Issue>,
    trailers: Vec<Trailer>,
}

impl Run<'_> {
    /// Finds `file` for `lang` (then `fallback`) under the images root; `Some((from, folder language))`.
    /// `path` is the issue path (the PDP file), `at` where in it (file and line) for messages.
    fn find(
        &mut self,
        release: &str,
        lang: &str,
        fallback: Option<&str>,
        file: &str,
        (path, at): (&str, &str),
    ) -> Option<(String, String)> {
        let Some(media) = self.media.as_mut() else {
            if !self.media_missing_reported {
                self.media_missing_reported = true;
                let why = match &self.media_absent {
                    Some(shown) => format!("the images folder {shown} does not exist"),
                    None => "there is no images folder: set ImagesRootPath or pass --images".to_string(),
                };
                self.issues.push(issue(
                    codes::IMPORT_MEDIA_FOLDER_MISSING,
                    path,
                    format!("{at} names media files ({file}, …) but {why}"),
                ));
            }
            return None;
        };
        let wanted = file.replace('\\', "/");
        let wanted = wanted.trim_matches('/').to_lowercase();
        let mut langs = vec![lang.to_string()];
        if let Some(f) = fallback.filter(|f| !f.eq_ignore_ascii_case(lang)) {
            langs.push(f.to_string());
        }
        let mut looked = Vec::new();
        for l in &langs {
            let mut dirs = Vec::new();
            if !release.is_empty() {
                dirs.push(format!("{release}/{l}"));
            }
            dirs.push(l.clone());
            for d in dirs {
                let files = match media.files(&d) {
                    Ok(Some(f)) => f,
                    Ok(None) => {
                        looked.push(media.source.display(&d));
                        continue;
                    }
                    Err(e) => {
                        self.issues.push(issue(
                            codes::IMPORT_MEDIA_MISSING,
                            path,
                            format!("{at}: cannot list {}: {e}", media.source.display(&d)),
                        ));
                        return None;
                    }
                };
                looked.push(media.source.display(&d));
                let hits: Vec<&String> = files
                    .iter()
                    .filter(|p| {
                        let lower = p.to_lowercase();
                        lower == format!("{}/{wanted}", d.to_lowercase()) || lower.ends_with(&format!("/{wanted}"))
                    })
                    .collect();
                if let Some(first) = hits.first() {
                    if hits.len() > 1 {
                        self.issues.push(issue(
                            codes::IMPORT_MEDIA_AMBIGUOUS,
                            path,
                            format!(
                                "{at}: {} files named {file} under {}; {} is taken",
                                hits.len(),
                                media.source.display(&d),
                                media.source.display(first)
                            ),
                        ));
                    }
                    return Some(((*first).clone(), l.clone()));
                }
            }
        }
        if media.exhausted && !self.walk_limit_reported {
            self.walk_limit_reported = true;
            self.issues.push(walk_limit(path, &media.source.display("")));
        }
        self.issues.push(issue(
            codes::IMPORT_MEDIA_MISSING,
            path,
            format!("{at}: {file} is not under {}", looked.join(" nor ")),
        ));
        None
    }

    /// A project path for a copy of `from`, unique among the copies (`to` itself when free).
    fn claim(&mut self, from: &str, to: String) -> String {
        let mut candidate = to.clone();
        let mut n = 2;
        while let Some(owner) = self.claimed.get(&candidate) {
            if owner == from {
                return candidate;
            }
            let (dir, file) = to.rsplit_once('/').unwrap_or(("", &to));
            candidate = join(dir, &format!("{n}-{file}"));
            n += 1;
        }
        self.claimed.insert(candidate.clone(), from.to_string());
        self.copies.push((from.to_string(), candidate.clone()));
        candidate
    }
}

fn walk_limit(path: &str, at: &str) -> Issue {
    issue(
        codes::IMPORT_WALK_LIMIT,
        path,
        format!("{at}: the folders hold more than the {IMPORT_WALK_MAX_ENTRIES} entries an import lists; nothing beyond was read"),
    )
}

fn base_name(file: &str) -> &str {
    file.rsplit(['/', '\\']).next().unwrap_or(file)
}

/// The first non-empty fallback language of `candidates`.
fn fallback<'x>(candidates: &[Option<&'x str>]) -> Option<&'x str> {
    candidates.iter().flatten().map(|s| s.trim()).find(|s| !s.is_empty())
}

/// Imports a StoreBroker setup: `cfg` (from [`read_config`]), the PDP root folder and the images root
/// folder (the CLI opens `PDPRootPath` / `ImagesRootPath`, or `--pdp` / `--images`). The answer holds the
/// project's files and the media to copy from `images` — or, with an error among its issues, what could
/// be read (nothing should be written then).
pub fn import(cfg: &Config, pdp: Option<&dyn Source>, images: Option<&dyn Source>) -> ImportResult {
    let mut run = Run {
        cfg,
        media: images.map(Walker::new),
        media_absent: None,
        media_missing_reported: false,
        walk_limit_reported: false,
        copies: Vec::new(),
        claimed: BTreeMap::new(),
        issues: cfg.issues.clone(),
        trailers: Vec::new(),
    };
    if let Some(src) = images.filter(|s| matches!(s.list(""), Ok(None))) {
        // only an error when a PDP file names a media file (StoreBroker's own check is stricter)
        run.media_absent = Some(src.display(""));
        run.media = None;
    }
    let Some(kind) = cfg.kind else {
        return ImportResult { issues: run.issues, ..ImportResult::default() };
    };
    let mut listings: BTreeMap<String, Value> = BTreeMap::new();
    match pdp {
        None => run.issues.push(issue(
            codes::IMPORT_PDP_NONE,
            "",
            format!("{}: no PDPRootPath and no --pdp folder: the project has no listings", cfg.name),
        )),
        Some(src) => read_pdps(&mut run, kind, src, &mut listings),
    }
    let mut files = Vec::new();
    files.push(("storesubmit.toml".to_string(), project_toml(cfg, kind, &listings, &run.copies)));
    let mut submission = cfg.submission.clone();
    if !run.trailers.is_empty() {
        let trailers: Vec<Value> = run
            .trailers
            .iter()
            .map(|t| json!({"videoFileName": t.video, "trailerAssets": Value::Object(t.assets.clone())}))
            .collect();
        submission.insert("trailers".into(), Value::Array(trailers));
    }
    files.push(("submission.json".to_string(), pretty(&Value::Object(submission))));
    for (lang, listing) in &listings {
        files.push((format!("listings/{lang}.json"), pretty(listing)));
    }
    ImportResult { files, copies: run.copies, issues: run.issues }
}

fn pretty(v: &Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_default() + "\n"
}

/// A TOML basic string.
fn toml_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn project_toml(cfg: &Config, kind: Kind, listings: &BTreeMap<String, Value>, copies: &[(String, String)]) -> String {
    let mut t = format!(
        "# Imported from StoreBroker's {} by `storesubmit import storebroker`.\n\n[product]\nkind = {}\nid = {}\n\n",
        cfg.name,
        toml_str(kind.as_str()),
        toml_str(&cfg.id)
    );
    t.push_str(
        "[credentials]                # names of environment variables, never values\n\
         tenant_id = \"STORESUBMIT_TENANT_ID\"\n\
         client_id = \"STORESUBMIT_CLIENT_ID\"\n\
         client_secret = \"STORESUBMIT_CLIENT_SECRET\"\n\n",
    );
    if kind == Kind::App && !cfg.packages.is_empty() {
        let globs: Vec<String> = package_globs(cfg).iter().map(|g| toml_str(g)).collect();
        t.push_str(&format!("[packages]\nfiles = [{}]\n\n", globs.join(", ")));
    }
    let has_images = copies.iter().any(|(_, to)| to.starts_with("images/"));
    if !listings.is_empty() || has_images {
        t.push_str("[listings]\n");
        if !listings.is_empty() {
            t.push_str("folder = \"listings\"\n");
        }
        if has_images {
            t.push_str("images = \"images\"\n");
        }
        t.push('\n');
    }
    t.push_str("[submission]\nfile = \"submission.json\"\n");
    t
}

/// The `[packages]` globs of the config's package paths: `packages/<file name>`, one each (the project's
/// globs are relative to it; StoreBroker's paths are usually absolute build paths).
pub fn package_globs(cfg: &Config) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for p in &cfg.packages {
        let g = format!("packages/{}", base_name(p));
        if !out.contains(&g) {
            out.push(g);
        }
    }
    out
}

fn read_pdps(run: &mut Run<'_>, kind: Kind, src: &dyn Source, listings: &mut BTreeMap<String, Value>) {
    let cfg = run.cfg;
    if matches!(src.list(""), Ok(None)) {
        run.issues.push(issue(
            codes::IMPORT_PDP_FOLDER_MISSING,
            "",
            format!("the PDP folder {} does not exist", src.display("")),
        ));
        return;
    }
    if kind == Kind::App && !cfg.packages.is_empty() {
        for (p, g) in cfg.packages.iter().zip(package_globs(cfg)) {
            run.issues.push(issue(
                codes::IMPORT_PACKAGES_MOVED,
                format!("{}#/packageParameters", cfg.name),
                format!("{}: package {p} is `{g}` in storesubmit.toml: put the build's package there, or edit [packages] files (globs, e.g. build/*.msixupload)", cfg.name),
            ));
        }
    }
    let base = if !cfg.release.is_empty() && matches!(src.list(&cfg.release), Ok(Some(_))) {
        cfg.release.clone()
    } else {
        String::new()
    };
    let mut walker = Walker::new(src);
    let all = match walker.files(&base) {
        Ok(f) => f.unwrap_or_default(),
        Err(e) => {
            run.issues.push(issue(
                codes::IMPORT_PDP_UNREADABLE,
                "",
                format!("cannot list {}: {e}", src.display(&base)),
            ));
            return;
        }
    };
    if walker.exhausted {
        run.issues.push(walk_limit("", &src.display(&base)));
    }
    let include: Vec<String> = if cfg.pdp_include.is_empty() { vec!["*.xml".into()] } else { cfg.pdp_include.clone() };
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    for path in all {
        let rel = if base.is_empty() { path.as_str() } else { &path[base.len() + 1..] };
        let name = base_name(rel);
        if !include.iter().any(|p| wildcard(p, name)) || cfg.pdp_exclude.iter().any(|p| wildcard(p, name)) {
            continue;
        }
        let Some((lang_dir, _)) = rel.split_once('/') else {
            run.issues.push(issue(
                codes::IMPORT_PDP_LANGUAGE_UNKNOWN,
                rel,
                format!(
                    "{}: a PDP file must be in a language folder (<PDP root>/<language>/…/{name})",
                    src.display(&path)
                ),
            ));
            continue;
        };
        if cfg.language_exclude.iter().any(|l| l.eq_ignore_ascii_case(lang_dir)) {
            continue;
        }
        let lang = lang_dir.to_ascii_lowercase();
        if !is_language(&lang) {
            run.issues.push(issue(
                codes::IMPORT_PDP_LANGUAGE_UNKNOWN,
                rel,
                format!(
                    "{}: `{lang_dir}` is not a language of the Store's languages table (add it to LanguageExclude to skip it)",
                    src.display(&path)
                ),
            ));
            continue;
        }
        if let Some(first) = seen.get(&lang) {
            run.issues.push(issue(
                codes::IMPORT_PDP_LANGUAGE_DUPLICATE,
                rel,
                format!(
                    "{} and {first} are both PDP files of `{lang}`; keep one (or narrow PDPInclude)",
                    src.display(&path)
                ),
            ));
            continue;
        }
        seen.insert(lang.clone(), src.display(&path));
        let bytes = match src.read(&path, IMPORT_FILE_MAX_BYTES) {
            Ok(b) => b,
            Err(e) => {
                let code =
                    if e.contains("more than") { codes::IMPORT_PDP_TOO_LARGE } else { codes::IMPORT_PDP_UNREADABLE };
                run.issues.push(issue(code, rel, format!("{}: {e}", src.display(&path))));
                continue;
            }
        };
        let Ok(text) = String::from_utf8(bytes) else {
            run.issues.push(issue(
                codes::IMPORT_PDP_UNREADABLE,
                rel,
                format!("{}: not UTF-8 text", src.display(&path)),
            ));
            continue;
        };
        let shown = src.display(&path);
        let root = match xml::parse(&text) {
            Ok(r) => r,
            Err(e) => {
                let inside = e.element.map(|el| format!(", in <{el}>")).unwrap_or_default();
                run.issues.push(issue(
                    codes::IMPORT_PDP_XML,
                    rel,
                    format!("{shown} line {}{inside}: {}", e.line, e.message),
                ));
                continue;
            }
        };
        let pdp = Pdp { rel, shown: &shown, lang: &lang };
        let listing = match (kind, root.name.as_str()) {
            (Kind::App, "ProductDescription") => app_listing(run, &pdp, &root),
            (Kind::Addon, "InAppProductDescription") => addon_listing(run, &pdp, &root),
            (_, other) => {
                let want = if kind == Kind::App { "ProductDescription" } else { "InAppProductDescription" };
                run.issues.push(issue(
                    codes::IMPORT_PDP_ROOT,
                    rel,
                    format!(
                        "{shown} line {}: the root element is <{other}>; a PDP file of an {} ({}) is <{want}>",
                        root.line,
                        if kind == Kind::App { "app" } else { "add-on" },
                        cfg.name
                    ),
                ));
                continue;
            }
        };
        listings.insert(lang, listing);
    }
    if seen.is_empty() {
        run.issues.push(issue(
            codes::IMPORT_PDP_NONE,
            "",
            format!(
                "no PDP file under {} matched {} (PDPInclude): the project has no listings",
                src.display(&base),
                include.join(", ")
            ),
        ));
    }
}

/// The PDP file being read.
struct Pdp<'a> {
    rel: &'a str,
    shown: &'a str,
    lang: &'a str,
}

impl Pdp<'_> {
    fn at(&self, el: &Element) -> String {
        format!("{} line {}", self.shown, el.line)
    }
}

fn unknown_element(run: &mut Run<'_>, pdp: &Pdp<'_>, el: &Element, parent: &str) {
    run.issues.push(issue(
        codes::IMPORT_PDP_ELEMENT_UNKNOWN,
        pdp.rel,
        format!("{}: <{}> is not an element of <{parent}> in StoreBroker's schema; not imported", pdp.at(el), el.name),
    ));
}

fn check_attributes(run: &mut Run<'_>, pdp: &Pdp<'_>, el: &Element, known: &[&str]) {
    for (k, _) in &el.attributes {
        if !known.contains(&k.as_str()) && !ANY_ATTRIBUTES.contains(&k.as_str()) {
            let hint = crate::validate::fields_suggestion(k, known)
                .map(|h| format!("; did you mean `{h}`?"))
                .unwrap_or_default();
            run.issues.push(issue(
                codes::IMPORT_PDP_ELEMENT_UNKNOWN,
                pdp.rel,
                format!(
                    "{}: <{}> has no attribute `{k}` in StoreBroker's schema; not imported{hint}",
                    pdp.at(el),
                    el.name
                ),
            ));
        }
    }
}

fn check_root(run: &mut Run<'_>, pdp: &Pdp<'_>, root: &Element, namespace: &str) {
    if root.namespace.as_deref() != Some(namespace) {
        run.issues.push(issue(
            codes::IMPORT_PDP_NAMESPACE,
            pdp.rel,
            format!(
                "{}: <{}> is in namespace {}, not {namespace}; read anyway",
                pdp.at(root),
                root.name,
                root.namespace.as_deref().unwrap_or("(none)")
            ),
        ));
    }
    check_attributes(run, pdp, root, &["language", "Release", "FallbackLanguage"]);
    if let Some(l) = root.attr("language").map(str::trim).filter(|l| !l.is_empty()) {
        if !l.eq_ignore_ascii_case(pdp.lang) {
            run.issues.push(issue(
                codes::IMPORT_PDP_LANGUAGE_MISMATCH,
                pdp.rel,
                format!(
                    "{}: language=\"{l}\" but the file is in the `{}` folder; `{}` is used, as StoreBroker does",
                    pdp.at(root),
                    pdp.lang,
                    pdp.lang
                ),
            ));
        }
    }
}

fn required(run: &mut Run<'_>, pdp: &Pdp<'_>, parent: &Element, what: &str) {
    run.issues.push(issue(
        codes::IMPORT_PDP_REQUIRED,
        pdp.rel,
        format!("{}: <{}> has no {what}; StoreBroker's schema requires it", pdp.at(parent), parent.name),
    ));
}

fn app_listing(run: &mut Run<'_>, pdp: &Pdp<'_>, root: &Element) -> Value {
    check_root(run, pdp, root, PDP_NAMESPACE);
    let release = root.attr("Release").unwrap_or("").trim().to_string();
    let root_fallback = root.attr("FallbackLanguage");
    let media_fallback = Some(run.cfg.media_fallback.as_str());
    let mut base = Map::new();
    let mut images: Vec<Image> = Vec::new();
    let mut has_description = false;
    for el in &root.children {
        let name = el.name.as_str();
        if let Some((_, field)) = APP_TEXT.iter().find(|(e, _)| *e == name) {
            check_attributes(run, pdp, el, &[]);
            let v = el.trimmed();
            if name == "Description" && !v.is_empty() {
                has_description = true;
            }
            if !v.is_empty() {
                base.insert((*field).to_string(), Value::String(v.to_string()));
            }
        } else if let Some((_, field)) = APP_OBSOLETE.iter().find(|(e, _)| *e == name) {
            check_attributes(run, pdp, el, &[]);
            if !el.trimmed().is_empty() {
                run.issues.push(issue(
                    codes::IMPORT_PDP_OBSOLETE,
                    pdp.rel,
                    format!(
                        "{}: <{name}> maps to the listing's `{field}`, which the Store no longer takes (it is set on \
                         the Properties page in Partner Center); not imported",
                        pdp.at(el)
                    ),
                ));
            }
        } else if let Some((_, item, field)) = APP_LISTS.iter().find(|(e, _, _)| *e == name) {
            let mut values = Vec::new();
            for c in &el.children {
                if c.name == *item {
                    check_attributes(run, pdp, c, &[]);
                    let v = c.trimmed();
                    if !v.is_empty() {
                        values.push(Value::String(v.to_string()));
                    }
                } else {
                    unknown_element(run, pdp, c, name);
                }
            }
            if !values.is_empty() {
                base.insert((*field).to_string(), Value::Array(values));
            }
        } else if name == "ScreenshotCaptions" {
            check_attributes(run, pdp, el, &["FallbackLanguage"]);
            let known: Vec<&str> = CAPTION_IMAGES.iter().map(|(a, _)| *a).chain(["FallbackLanguage"]).collect();
            for c in &el.children {
                if c.name != "Caption" {
                    unknown_element(run, pdp, c, name);
                    continue;
                }
                check_attributes(run, pdp, c, &known);
                let caption = c.trimmed();
                let fb =
                    fallback(&[c.attr("FallbackLanguage"), el.attr("FallbackLanguage"), root_fallback, media_fallback]);
                for (attr, ty) in CAPTION_IMAGES {
                    let Some(file) = c.attr(attr).map(str::trim).filter(|f| !f.is_empty()) else { continue };
                    if let Some(img) = image(run, pdp, c, &release, fb, file, ty, &images) {
                        images.push(Image { caption: (!caption.is_empty()).then(|| caption.to_string()), ..img });
                    }
                }
            }
        } else if name == "AdditionalAssets" {
            check_attributes(run, pdp, el, &["FallbackLanguage"]);
            for a in &el.children {
                let Some(ty) = ADDITIONAL_ASSETS.iter().find(|t| **t == a.name) else {
                    unknown_element(run, pdp, a, name);
                    continue;
                };
                check_attributes(run, pdp, a, &["FileName", "FallbackLanguage"]);
                let Some(file) = a.attr("FileName").map(str::trim).filter(|f| !f.is_empty()) else {
                    required(run, pdp, a, "FileName attribute");
                    continue;
                };
                let fb =
                    fallback(&[a.attr("FallbackLanguage"), el.attr("FallbackLanguage"), root_fallback, media_fallback]);
                if let Some(img) = image(run, pdp, a, &release, fb, file, ty, &images) {
                    images.push(img);
                }
            }
        } else if name == "Trailers" {
            check_attributes(run, pdp, el, &["FallbackLanguage"]);
            for t in &el.children {
                if t.name != "Trailer" {
                    unknown_element(run, pdp, t, name);
                    continue;
                }
                trailer(run, pdp, &release, t, &[el.attr("FallbackLanguage"), root_fallback, media_fallback]);
            }
        } else {
            unknown_element(run, pdp, el, &root.name);
        }
    }
    if !has_description {
        required(run, pdp, root, "Description");
    }
    if !images.is_empty() {
        let list: Vec<Value> = images
            .iter()
            .map(|i| {
                let mut m = Map::new();
                m.insert("fileName".into(), json!(i.to));
                m.insert("imageType".into(), json!(i.ty));
                if let Some(c) = &i.caption {
                    m.insert("description".into(), json!(c));
                }
                Value::Object(m)
            })
            .collect();
        base.insert("images".into(), Value::Array(list));
    }
    Value::Object(base)
}

/// Finds and claims one listing image: `images/<lang>/<type>/<NN>-<file>`, NN its place among the
/// language's images of that type.
#[allow(clippy::too_many_arguments)]
fn image(
    run: &mut Run<'_>,
    pdp: &Pdp<'_>,
    el: &Element,
    release: &str,
    fb: Option<&str>,
    file: &str,
    ty: &'static str,
    so_far: &[Image],
) -> Option<Image> {
    let (from, _) = run.find(release, pdp.lang, fb, file, (pdp.rel, &pdp.at(el)))?;
    let n = so_far.iter().filter(|i| i.ty == ty).count() + 1;
    let to = run.claim(&from, format!("images/{}/{ty}/{n:02}-{}", pdp.lang, base_name(file)));
    Some(Image { ty, to, caption: None })
}

fn trailer(run: &mut Run<'_>, pdp: &Pdp<'_>, release: &str, t: &Element, outer: &[Option<&str>]) {
    check_attributes(run, pdp, t, &["FileName", "FallbackLanguage"]);
    let mut chain = vec![t.attr("FallbackLanguage")];
    chain.extend_from_slice(outer);
    let Some(file) = t.attr("FileName").map(str::trim).filter(|f| !f.is_empty()) else {
        required(run, pdp, t, "FileName attribute");
        return;
    };
    let mut title = None;
    let mut thumbs = Vec::new();
    for c in &t.children {
        match c.name.as_str() {
            "Title" => {
                check_attributes(run, pdp, c, &[]);
                title = Some(c.trimmed().to_string());
            }
            "Images" => {
                check_attributes(run, pdp, c, &["FallbackLanguage"]);
                for i in &c.children {
                    if i.name != "Image" {
                        unknown_element(run, pdp, i, "Images");
                        continue;
                    }
                    check_attributes(run, pdp, i, &["FileName", "FallbackLanguage"]);
                    let Some(f) = i.attr("FileName").map(str::trim).filter(|f| !f.is_empty()) else {
                        required(run, pdp, i, "FileName attribute");
                        continue;
                    };
                    let mut fbs = vec![i.attr("FallbackLanguage"), c.attr("FallbackLanguage")];
                    fbs.extend_from_slice(&chain);
                    thumbs.push((i, f.to_string(), fallback(&fbs).map(String::from), i.trimmed().to_string()));
                }
            }
            _ => unknown_element(run, pdp, c, "Trailer"),
        }
    }
    let Some(title) = title.filter(|t| !t.is_empty()) else {
        required(run, pdp, t, "Title");
        return;
    };
    if thumbs.is_empty() {
        required(run, pdp, t, "Images/Image");
        return;
    }
    let Some((from, used)) = run.find(release, pdp.lang, fallback(&chain), file, (pdp.rel, &pdp.at(t))) else { return };
    let video = run.claim(&from, format!("trailers/{used}/{}", base_name(file)));
    let mut image_list = Vec::new();
    for (el, f, fb, description) in thumbs {
        let Some((from, used)) = run.find(release, pdp.lang, fb.as_deref(), &f, (pdp.rel, &pdp.at(el))) else {
            continue;
        };
        let to = run.claim(&from, format!("trailers/{used}/{}", base_name(&f)));
        let mut m = Map::new();
        m.insert("fileName".into(), json!(to));
        if !description.is_empty() {
            m.insert("description".into(), json!(description));
        }
        image_list.push(Value::Object(m));
    }
    let asset = json!({"title": title, "imageList": image_list});
    match run.trailers.iter_mut().find(|x| x.video == video) {
        Some(existing) => {
            existing.assets.insert(pdp.lang.to_string(), asset);
        }
        None => {
            let mut assets = Map::new();
            assets.insert(pdp.lang.to_string(), asset);
            run.trailers.push(Trailer { video, assets });
        }
    }
}

fn addon_listing(run: &mut Run<'_>, pdp: &Pdp<'_>, root: &Element) -> Value {
    check_root(run, pdp, root, IAP_NAMESPACE);
    let release = root.attr("Release").unwrap_or("").trim().to_string();
    let mut listing = Map::new();
    for el in &root.children {
        match el.name.as_str() {
            "Title" | "Description" => {
                check_attributes(run, pdp, el, &[]);
                let v = el.trimmed();
                if !v.is_empty() {
                    listing.insert(el.name.to_ascii_lowercase(), json!(v));
                }
            }
            "Icon" => {
                check_attributes(run, pdp, el, &["Filename", "FallbackLanguage"]);
                let Some(file) = el.attr("Filename").map(str::trim).filter(|f| !f.is_empty()) else {
                    required(run, pdp, el, "Filename attribute");
                    continue;
                };
                let fb = fallback(&[
                    el.attr("FallbackLanguage"),
                    root.attr("FallbackLanguage"),
                    Some(run.cfg.media_fallback.as_str()),
                ]);
                if let Some((from, _)) = run.find(&release, pdp.lang, fb, file, (pdp.rel, &pdp.at(el))) {
                    run.claim(&from, format!("images/{}/Icon/01-{}", pdp.lang, base_name(file)));
                }
            }
            _ => unknown_element(run, pdp, el, &root.name),
        }
    }
    if !listing.contains_key("title") {
        required(run, pdp, root, "Title");
    }
    Value::Object(listing)
}

/// Every language a set of listing files covers (for callers that print what was imported).
pub fn languages(result: &ImportResult) -> BTreeSet<String> {
    result
        .files
        .iter()
        .filter_map(|(p, _)| p.strip_prefix("listings/").and_then(|f| f.strip_suffix(".json")).map(String::from))
        .collect()
}

#[cfg(test)]
mod tests;
