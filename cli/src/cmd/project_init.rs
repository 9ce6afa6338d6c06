//! `storesubmit init project DIR (--app-id ID | --addon-id ID | --app-id ID --flight-id ID |
//! --win32-product-id ID)`: reads a live product (the Store, or the emulator with `--config`) and its last
//! published submission (else its pending one; an MSI/EXE product's draft) and writes a project file that
//! publishes it: `DIR/storesubmit.toml` (commented; credentials as environment variable names),
//! `DIR/listings/<language>.json` (or `.md`) from the live listings, the packages folder, and prints the
//! next commands.

use std::path::PathBuf;

use serde_json::{json, Map, Value};
use storesubmit::{Error, Result};

use super::client;
use super::project::write_new;
use crate::args::InitArgs;
use crate::connect::flow_config;
use crate::output::{self, Mode};

/// What was read from the service.
struct Live {
    kind: &'static str,
    id: String,
    flight: Option<String>,
    name: Option<String>,
    /// Where the listings and packages came from (`last published submission 1152…`).
    source: String,
    /// Language → listing fields as the project's listing files hold them.
    listings: Vec<(String, Map<String, Value>)>,
    /// The live package file names (devcenter) or package objects (MSI/EXE).
    packages: Vec<Value>,
}

fn q(s: &str) -> String {
    // a JSON string is a TOML basic string (the same escapes)
    serde_json::to_string(s).unwrap_or_default()
}

fn data(v: Value) -> Value {
    match v.get("responseData") {
        Some(d) => d.clone(),
        None => v,
    }
}

/// A listing's fields without the ones a project file does not carry (files, empty values).
fn tidy(mut m: Map<String, Value>, drop: &[&str]) -> Map<String, Value> {
    for d in drop {
        m.remove(*d);
    }
    m.retain(|_, v| match v {
        Value::Null => false,
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
        _ => true,
    });
    m
}

fn read_live(mode: Mode, args: &InitArgs) -> Result<Live> {
    let (kind, id) = match (&args.app_id, &args.flight_id, &args.addon_id, &args.win32_product_id) {
        (Some(app), Some(_), _, _) => ("flight", app.clone()),
        (Some(app), None, _, _) => ("app", app.clone()),
        (None, _, Some(addon), _) => ("addon", addon.clone()),
        (None, _, None, Some(p)) => ("win32", p.clone()),
        _ => {
            return Err(Error::invalid_argument(
                "init project: name the product: --app-id ID, --addon-id ID, --app-id ID --flight-id ID or \
                 --win32-product-id ID",
            ))
        }
    };
    let cfg = flow_config(&args.conn)?;
    let (c, reporter) = client(Mode { quiet: true, ..mode }, cfg, &format!("{kind} {id}"))?;
    let result = read_with(&c, kind, &id, args.flight_id.as_deref());
    reporter.finish();
    result
}

fn pick_submission(resource: &Value, published: &str, pending: &str) -> Option<(String, &'static str)> {
    let id = |k: &str| resource.get(k).and_then(|s| s.get("id")).and_then(Value::as_str).map(String::from);
    id(published).map(|i| (i, "last published submission")).or_else(|| id(pending).map(|i| (i, "pending submission")))
}

fn read_with(
    c: &storesubmit::client::blocking::Client,
    kind: &'static str,
    id: &str,
    flight: Option<&str>,
) -> Result<Live> {
    let mut live = Live {
        kind,
        id: id.to_string(),
        flight: flight.map(String::from),
        name: None,
        source: String::new(),
        listings: Vec::new(),
        packages: Vec::new(),
    };
    match kind {
        "win32" => {
            let packages = data(c.call("win32.get_packages", json!({"productId": id}))?);
            live.packages = packages.get("packages").and_then(Value::as_array).cloned().unwrap_or_default();
            let metadata = data(c.call("win32.get_metadata", json!({"productId": id}))?);
            let listings = match metadata.get("listings") {
                Some(Value::Array(a)) => a.clone(),
                Some(o @ Value::Object(_)) => vec![o.clone()],
                _ => Vec::new(),
            };
            for l in listings {
                let Value::Object(m) = l else { continue };
                let lang = m.get("language").and_then(Value::as_str).unwrap_or("").to_ascii_lowercase();
                if !lang.is_empty() {
                    live.listings.push((lang, tidy(m, &["language"])));
                }
            }
            live.source = "current draft".into();
        }
        "addon" => {
            let addon = c.call("devcenter.get_addon", json!({"inAppProductId": id}))?;
            live.name = addon.get("productId").and_then(Value::as_str).map(String::from);
            if let Some((sid, from)) =
                pick_submission(&addon, "lastPublishedInAppProductSubmission", "pendingInAppProductSubmission")
            {
                let s = c.call("devcenter.get_addon_submission", json!({"inAppProductId": id, "submissionId": sid}))?;
                for (lang, l) in s.get("listings").and_then(Value::as_object).into_iter().flatten() {
                    if let Value::Object(m) = l {
                        live.listings.push((lang.clone(), tidy(m.clone(), &["icon"])));
                    }
                }
                live.source = format!("{from} {sid}");
            }
        }
        "flight" => {
            let fid = flight.unwrap_or_default();
            let f = c.call("devcenter.get_flight", json!({"applicationId": id, "flightId": fid}))?;
            live.name = f.get("friendlyName").and_then(Value::as_str).map(String::from);
            if let Some((sid, from)) = pick_submission(&f, "lastPublishedFlightSubmission", "pendingFlightSubmission") {
                let s = c.call(
                    "devcenter.get_flight_submission",
                    json!({"applicationId": id, "flightId": fid, "submissionId": sid}),
                )?;
                live.packages = file_names(&s, "flightPackages");
                live.source = format!("{from} {sid}");
            }
        }
        _ => {
            let app = c.call("devcenter.get_app", json!({"applicationId": id}))?;
            live.name = app.get("primaryName").and_then(Value::as_str).map(String::from);
            if let Some((sid, from)) =
                pick_submission(&app, "lastPublishedApplicationSubmission", "pendingApplicationSubmission")
            {
                let s = c.call("devcenter.get_app_submission", json!({"applicationId": id, "submissionId": sid}))?;
                live.packages = file_names(&s, "applicationPackages");
                for (lang, l) in s.get("listings").and_then(Value::as_object).into_iter().flatten() {
                    live.listings.push((lang.clone(), app_listing_fields(l)));
                }
                live.source = format!("{from} {sid}");
            }
        }
    }
    Ok(live)
}

/// A live app listing as a project's listing file holds it: the base listing's fields and the platform
/// overrides, without images (the images folder holds those) and without the obsolete fields a live
/// listing may still carry (`privacyPolicy`, `supportContact`, `websiteUrl`: the Store ignores them, and
/// every later run would warn about them).
fn app_listing_fields(listing: &Value) -> Map<String, Value> {
    let mut drop = vec!["images"];
    drop.extend_from_slice(storesubmit::data::enums::BASE_LISTING_OBSOLETE);
    let mut m = listing.get("baseListing").and_then(Value::as_object).cloned().unwrap_or_default();
    if let Some(Value::Object(po)) = listing.get("platformOverrides") {
        let po: Map<String, Value> = po
            .iter()
            .map(|(k, v)| match v {
                Value::Object(o) => (k.clone(), Value::Object(tidy(o.clone(), &drop))),
                other => (k.clone(), other.clone()),
            })
            .filter(|(_, v)| !matches!(v, Value::Object(o) if o.is_empty()))
            .collect();
        if !po.is_empty() {
            m.insert("platformOverrides".into(), Value::Object(po));
        }
    }
    tidy(m, &drop)
}

fn file_names(submission: &Value, key: &str) -> Vec<Value> {
    submission
        .get(key)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter(|p| p.get("fileStatus").and_then(Value::as_str) != Some("PendingDelete"))
        .filter_map(|p| p.get("fileName").cloned())
        .collect()
}

/// The packages glob for the live packages' extension (`packages/*.msixupload`).
fn package_glob(live: &Live) -> String {
    if live.kind == "win32" {
        return "packages/*.json".into();
    }
    let ext = live
        .packages
        .iter()
        .filter_map(Value::as_str)
        .filter_map(|n| n.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()))
        .next()
        .unwrap_or_else(|| "msixupload".into());
    format!("packages/*.{ext}")
}

fn project_toml(live: &Live, has_listings: bool) -> String {
    let mut t = String::new();
    let name = live.name.as_deref().map(|n| format!(" ({n})")).unwrap_or_default();
    let from = if live.source.is_empty() { "it".to_string() } else { format!("its {}", live.source) };
    t.push_str(&format!(
        "# storesubmit project file: the release of {} {}{name}, written by `storesubmit init project` from {from}.\n",
        live.kind, live.id
    ));
    t.push_str(
        "# Paths are relative to this file's folder. Check it: `storesubmit validate storesubmit.toml`; see what a\n\
         # publish would change: `storesubmit publish --dry-run`; publish: `storesubmit publish`.\n\
         # Every key: schema/storesubmit.schema.json in the storesubmit repository.\n\n",
    );
    t.push_str(&format!("[product]\nkind = {}\nid = {}\n", q(live.kind), q(&live.id)));
    if let Some(f) = &live.flight {
        t.push_str(&format!("flight = {}\n", q(f)));
    }
    t.push_str(
        "\n# The NAMES of the environment variables that hold the credentials (never the values themselves).\n\
         [credentials]\n\
         tenant_id = \"STORESUBMIT_TENANT_ID\"\n\
         client_id = \"STORESUBMIT_CLIENT_ID\"\n\
         client_secret = \"STORESUBMIT_CLIENT_SECRET\"\n",
    );
    if live.kind == "win32" {
        t.push_str("seller_id = \"STORESUBMIT_SELLER_ID\"\n");
    }
    if live.kind != "addon" {
        let glob = package_glob(live);
        if live.kind == "win32" {
            t.push_str(
                "\n# The packages: each file the glob matches holds one package object (packageUrl, languages,\n\
                 # architectures, ...); the draft's packages are replaced by these. packages/ holds the live ones.\n",
            );
        } else {
            let names: Vec<&str> = live.packages.iter().filter_map(Value::as_str).collect();
            let live_names = if names.is_empty() { "none".to_string() } else { names.join(", ") };
            t.push_str(&format!(
                "\n# The packages to upload: each file the glob matches becomes a package named by its path. Packages\n\
                 # the project does not name are removed from the submission (keep_old = true keeps them).\n\
                 # Live packages: {live_names}\n"
            ));
        }
        t.push_str(&format!("[packages]\nfiles = [{}]\n", q(&glob)));
        if live.kind != "win32" {
            t.push_str("keep_old = false\n");
        }
    }
    if live.kind != "flight" {
        let types = match live.kind {
            "addon" => "Icon (one .png)",
            "win32" => "Screenshot, Logo",
            _ => "Screenshot, StoreLogo9x16, StoreLogoSquare, ...",
        };
        t.push_str(&format!(
            "\n# Listings: listings/<language>.json, or listings/<language>.md (Markdown with front matter; the body is\n\
             # the description). Fields left out keep their live values.\n\
             # Images: images/<language>/<ImageType>/<file> ({types}) replace that language's images;\n\
             # without an images folder the live images stay.\n\
             [listings]\n{}# images = \"images\"\n",
            if has_listings { "folder = \"listings\"\n" } else { "# folder = \"listings\"\n" }
        ));
    }
    t.push_str("\n# Other submission fields (pricing, properties, ...) from a JSON file, merged under the generated ones.\n[submission]\n# file = \"submission.json\"\n");
    t.push_str("\n[release]\n");
    if matches!(live.kind, "app" | "flight") {
        t.push_str("# rollout = 10          # gradual rollout percentage of the new packages\n# mandatory = false\n");
    }
    if live.kind != "win32" {
        t.push_str("pending = \"reuse\"        # a pending submission: reuse | recreate | fail\n");
    }
    t.push_str("wait = \"published\"       # stop after: draft | committed | certification | published\n");
    if live.kind == "app" {
        t.push_str(
            "\n# Per-environment overrides: `storesubmit publish --environment beta` merges these over the tables above.\n\
             # [environments.beta]\n# product = { kind = \"flight\", flight = \"<FLIGHT ID>\" }\n# release = { rollout = 100 }\n",
        );
    }
    t
}

/// A listing as Markdown with front matter, when every field fits on one line (else `None`: JSON).
fn markdown(fields: &Map<String, Value>) -> Option<String> {
    let mut front = String::new();
    for (k, v) in fields.iter().filter(|(k, _)| *k != "description") {
        match v {
            Value::String(s) if !s.contains('\n') => front.push_str(&format!("{k}: {s}\n")),
            Value::Array(items) => {
                front.push_str(&format!("{k}:\n"));
                for i in items {
                    let s = i.as_str().filter(|s| !s.contains('\n'))?;
                    front.push_str(&format!("  - {s}\n"));
                }
            }
            _ => return None,
        }
    }
    let body = match fields.get("description") {
        None => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(_) => return None,
    };
    // a body starting with `---` would read as front matter; a value ending in `:` as a list key
    if body.trim_start().starts_with("---") && front.is_empty() {
        return None;
    }
    Some(format!("---\n{front}---\n{body}\n"))
}

/// `init project DIR …`.
pub fn init(mode: Mode, args: &InitArgs) -> Result<i32> {
    let live = read_live(mode, args)?;
    let dir = &args.dir;
    let mut files: Vec<(PathBuf, String)> = Vec::new();
    let listing_kind = live.kind != "flight";
    if listing_kind {
        for (lang, fields) in &live.listings {
            let md = if args.markdown { markdown(fields) } else { None };
            match md {
                Some(text) => files.push((dir.join("listings").join(format!("{lang}.md")), text)),
                None => files.push((
                    dir.join("listings").join(format!("{lang}.json")),
                    serde_json::to_string_pretty(fields).unwrap_or_default() + "\n",
                )),
            }
        }
    }
    if live.kind == "win32" {
        for (i, p) in live.packages.iter().enumerate() {
            let name = p
                .get("packageId")
                .and_then(Value::as_str)
                .map(String::from)
                .unwrap_or_else(|| format!("package{}", i + 1));
            let safe: String =
                name.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).collect();
            files.push((
                dir.join("packages").join(format!("{safe}.json")),
                serde_json::to_string_pretty(p).unwrap_or_default() + "\n",
            ));
        }
    }
    let project = dir.join("storesubmit.toml");
    files.insert(0, (project.clone(), project_toml(&live, listing_kind && !live.listings.is_empty())));
    if !args.force {
        if let Some((p, _)) = files.iter().find(|(p, _)| p.exists()) {
            return Err(Error::invalid_argument(format!("{} exists; not overwritten (pass --force)", p.display())));
        }
    }
    for (p, text) in &files {
        write_new(p, text, true)?;
    }
    let packages_dir = dir.join("packages");
    if live.kind != "addon" {
        std::fs::create_dir_all(&packages_dir).map_err(|e| {
            Error::new(storesubmit::ErrorKind::Io, format!("cannot create {}: {e}", packages_dir.display()))
        })?;
    }
    let p = project.display();
    let mut next = vec![format!("storesubmit validate {p}")];
    next.push(format!("storesubmit publish --project {p} --dry-run"));
    next.push(format!("storesubmit publish --project {p}"));
    let written: Vec<String> = files.iter().map(|(p, _)| p.display().to_string()).collect();
    if mode.json {
        output::print_json(
            mode,
            &json!({"project": project, "kind": live.kind, "source": live.source, "written": written, "next": next}),
        );
        return Ok(0);
    }
    println!("wrote {}", written.join(", "));
    println!(
        "read from {} {}: {}",
        live.kind,
        live.id,
        if live.source.is_empty() { "no submission" } else { &live.source }
    );
    match live.kind {
        "addon" => {}
        "win32" => println!("edit or add package files under {}/ (one package object each)", packages_dir.display()),
        _ => println!(
            "put the new package under {}/ (the glob {}); edit the listings, then:",
            packages_dir.display(),
            package_glob(&live)
        ),
    }
    println!("next:");
    for n in &next {
        println!("  {n}");
    }
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 25: `init project` wrote the obsolete fields of a live listing, and every later run warned
    /// about each of them.
    #[test]
    fn obsolete_listing_fields_are_not_written() {
        let live = json!({
            "baseListing": {"title": "Contoso", "description": "d", "privacyPolicy": "https://contoso.com/p",
                            "supportContact": "support@contoso.com", "websiteUrl": "https://contoso.com",
                            "images": [{"fileName": "a.png"}]},
            "platformOverrides": {"Windows81": {"websiteUrl": "https://contoso.com/8"}, "Windows80": {"title": "C8"}}
        });
        let m = app_listing_fields(&live);
        assert_eq!(
            Value::Object(m.clone()),
            json!({"title": "Contoso", "description": "d",
            "platformOverrides": {"Windows80": {"title": "C8"}}})
        );
        let doc = json!({"listings": {"en-us": {"baseListing": m}}});
        let issues = storesubmit::validate::validate(storesubmit::model::DocumentKind::AppSubmission, &doc).issues;
        assert!(issues.iter().all(|i| i.code != "field.obsolete"), "{issues:?}");
    }
}
