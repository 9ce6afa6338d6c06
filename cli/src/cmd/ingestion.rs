//! `storesubmit ingestion <family> <action>`: one command per family of Partner Center ingestion
//! operations. Each (family, action) names one operation of the core's route table; its path parameters
//! come from `--product-id`, `--listing-id`, `--instance-id` and `--id`, its body from `--file`. An
//! update reads the resource first and merges the file into it (sent with the resource's `@odata.etag` as
//! `If-Match`), unless the file carries its own `@odata.etag`.

use serde_json::{json, Value};
use storesubmit::api::routes;
use storesubmit::json::merge;
use storesubmit::{Error, ErrorKind, Result};

use super::{client, read_json};
use crate::args::{IngestionCommand, ResourceAction as A, ResourceArgs};
use crate::connect::flow_config;
use crate::output::{self, Mode};

/// The operations of each family, by action.
const FAMILIES: &[(&str, &[(A, &str)])] = &[
    ("product", &[(A::Create, "create_product"), (A::Delete, "delete_product"), (A::Get, "get_product")]),
    ("setup", &[(A::Get, "get_product_setup"), (A::Create, "create_product_setup")]),
    (
        "listing",
        &[
            (A::Get, "get_listing"),
            (A::Update, "update_listing"),
            (A::Delete, "delete_listing"),
            (A::Create, "create_listing_with_instance"),
            (A::ByInstance, "get_listings_by_instance"),
        ],
    ),
    (
        "image",
        &[
            (A::List, "list_listing_images"),
            (A::Get, "get_listing_image"),
            (A::Create, "create_listing_image"),
            (A::Update, "update_listing_image"),
            (A::Delete, "delete_listing_image"),
        ],
    ),
    (
        "asset",
        &[
            (A::List, "list_listing_assets"),
            (A::Get, "get_listing_asset"),
            (A::Create, "create_listing_asset"),
            (A::Update, "update_listing_asset"),
            (A::Delete, "delete_listing_asset"),
        ],
    ),
    (
        "video",
        &[
            (A::List, "list_listing_videos"),
            (A::Get, "get_listing_video"),
            (A::Create, "create_listing_video"),
            (A::Update, "update_listing_video"),
            (A::Delete, "delete_listing_video"),
        ],
    ),
    (
        "package",
        &[
            (A::List, "list_packages"),
            (A::Get, "get_package"),
            (A::Create, "create_package"),
            (A::Update, "update_package"),
            (A::Delete, "delete_package"),
        ],
    ),
    (
        "package-config",
        &[
            (A::Get, "get_package_configuration"),
            (A::Update, "update_package_configuration"),
            (A::ByInstance, "get_package_configurations_by_instance"),
        ],
    ),
    (
        "property",
        &[
            (A::List, "list_properties"),
            (A::Get, "get_property"),
            (A::Create, "create_property"),
            (A::Update, "update_property"),
            (A::ByInstance, "get_properties_by_instance"),
        ],
    ),
    (
        "availability",
        &[
            (A::List, "list_product_availabilities"),
            (A::Get, "get_product_availability"),
            (A::Create, "create_product_availability"),
            (A::Update, "update_product_availability"),
            (A::ByInstance, "get_product_availabilities_by_instance"),
        ],
    ),
    (
        "feature-availability",
        &[
            (A::Get, "get_feature_availability"),
            (A::Update, "update_feature_availability"),
            (A::ByInstance, "get_feature_availabilities_by_instance"),
        ],
    ),
    (
        "plan",
        &[
            (A::List, "list_variants"),
            (A::Get, "get_variant"),
            (A::Create, "create_variant"),
            (A::Update, "update_variant"),
            (A::Delete, "delete_variant"),
        ],
    ),
    (
        "submission",
        &[
            (A::List, "list_submissions"),
            (A::Get, "get_submission"),
            (A::Create, "create_submission"),
            (A::Delete, "delete_submission"),
            (A::Promote, "promote_submission"),
            (A::Validations, "get_submission_validations"),
            (A::Workflow, "get_submission_workflow"),
            (A::Reports, "get_submission_reports"),
        ],
    ),
    ("lead", &[(A::Get, "get_lead_configuration"), (A::Create, "create_lead_configuration")]),
    (
        "supplemental",
        &[
            (A::Get, "get_supplemental_content"),
            (A::Update, "update_supplemental_content"),
            (A::ByInstance, "get_supplemental_contents_by_instance"),
            (A::Commit, "commit_supplemental_content"),
        ],
    ),
    (
        "cosell-asset",
        &[
            (A::List, "list_cosell_assets"),
            (A::Get, "get_cosell_asset"),
            (A::Create, "create_cosell_asset"),
            (A::Update, "update_cosell_asset"),
            (A::Delete, "delete_cosell_asset"),
            (A::ByInstance, "get_cosell_assets_by_instance"),
        ],
    ),
    (
        "cosell-listing",
        &[
            (A::Get, "get_cosell_listing"),
            (A::Update, "update_cosell_listing"),
            (A::ByInstance, "get_cosell_listings_by_instance"),
        ],
    ),
    ("reseller", &[(A::Get, "get_reseller_configuration"), (A::Create, "create_reseller_configuration")]),
];

/// The family name and flags of a resource command; `None` for the other ingestion commands.
pub fn family(cmd: &IngestionCommand) -> Option<(&'static str, &ResourceArgs)> {
    use IngestionCommand as C;
    Some(match cmd {
        C::Product(a) => ("product", a),
        C::Setup(a) => ("setup", a),
        C::Listing(a) => ("listing", a),
        C::Image(a) => ("image", a),
        C::Asset(a) => ("asset", a),
        C::Video(a) => ("video", a),
        C::Package(a) => ("package", a),
        C::PackageConfig(a) => ("package-config", a),
        C::Property(a) => ("property", a),
        C::Availability(a) => ("availability", a),
        C::FeatureAvailability(a) => ("feature-availability", a),
        C::Plan(a) => ("plan", a),
        C::Submission(a) => ("submission", a),
        C::Lead(a) => ("lead", a),
        C::Supplemental(a) => ("supplemental", a),
        C::CosellAsset(a) => ("cosell-asset", a),
        C::CosellListing(a) => ("cosell-listing", a),
        C::Reseller(a) => ("reseller", a),
        _ => return None,
    })
}

fn action_name(a: A) -> String {
    format!("{a:?}").chars().fold(String::new(), |mut s, c| {
        if c.is_ascii_uppercase() && !s.is_empty() {
            s.push('-');
        }
        s.push(c.to_ascii_lowercase());
        s
    })
}

/// The operation id of a family's action.
///
/// # Errors
/// `invalid_argument` naming the actions the family has.
pub fn op_of(family: &str, action: A) -> Result<&'static str> {
    let (_, ops) = FAMILIES.iter().find(|(f, _)| *f == family).expect("every family is in the table");
    let op = ops.iter().find(|(a, _)| *a == action).map(|(_, op)| *op).ok_or_else(|| {
        let names: Vec<String> = ops.iter().map(|(a, _)| action_name(*a)).collect();
        Error::invalid_argument(format!(
            "`ingestion {family}` has no `{}`; it has: {}",
            action_name(action),
            names.join(", ")
        ))
    })?;
    let id = routes::OPERATIONS
        .iter()
        .find(|o| o.id.strip_prefix("ingestion.") == Some(op))
        .map(|o| o.id)
        .expect("every family operation is routed");
    Ok(id)
}

/// The arguments of an operation from the flags (path parameters, query), without the body.
fn op_args(op_id: &str, a: &ResourceArgs) -> Result<Value> {
    let op = routes::operation(op_id).expect("routed");
    let mut args = json!({});
    let params = op.path_params();
    let own = params.last().copied();
    for p in params {
        let (value, flag) = match p {
            "productId" => (a.product_id.clone(), "--product-id"),
            // A listing's own id may be given as --id (`listing get --id`).
            "listingId" if own == Some("listingId") => (a.listing_id.clone().or_else(|| a.id.clone()), "--id"),
            "listingId" => (a.listing_id.clone(), "--listing-id"),
            "instanceId" => (a.instance_id.clone().or_else(|| a.id.clone()), "--instance-id"),
            _ => (a.id.clone(), "--id"),
        };
        let v = value.ok_or_else(|| Error::invalid_argument(format!("{op_id} needs {flag}")))?;
        args[p] = Value::String(v);
    }
    for (name, value) in [("$expand", &a.expand), ("$filter", &a.filter)] {
        if let Some(v) = value {
            if !op.query.contains(&name) {
                return Err(Error::invalid_argument(format!("{op_id} takes no {name}")));
            }
            args[name] = Value::String(v.clone());
        }
    }
    Ok(args)
}

/// Runs `storesubmit ingestion <family> <action>`.
///
/// # Errors
/// Usage errors (`invalid_argument`), the file's errors, the service's errors.
pub fn run(mode: Mode, family: &str, a: &ResourceArgs) -> Result<i32> {
    let op = op_of(family, a.action)?;
    let mut args = op_args(op, a)?;
    let route = routes::operation(op).expect("routed");
    let (c, reporter) = client(Mode { quiet: true, ..mode }, flow_config(&a.conn)?, op)?;
    let result = (|| {
        if route.body {
            let file = a.file.as_ref().ok_or_else(|| Error::invalid_argument(format!("{op} needs --file")))?;
            let mut body = read_json(mode, file)?;
            if a.action == A::Update && body.get("@odata.etag").is_none() {
                // Read, merge, write back with the resource's tag.
                let get = op_of(family, A::Get)?;
                let mut current = c.call(get, op_args(get, a)?)?;
                merge(&mut current, &body);
                body = current;
            }
            if let Some(tag) = body.get("@odata.etag").and_then(Value::as_str).filter(|_| a.action == A::Update) {
                args["ifMatch"] = Value::String(tag.to_string());
            }
            args["body"] = body;
        }
        // Lists print one page (its `@odata.nextLink` included); paging joins `flow::simple::list_all`.
        c.call(op, args)
    })();
    reporter.finish();
    let doc = result?;
    if a.action == A::Reports && !mode.json {
        print_reports(&doc);
    } else {
        output::print_json(mode, &doc);
    }
    Ok(0)
}

/// Certification reports for people: status, time and the report text (a `data:` URI decoded; another
/// URI named, its signature redacted).
fn print_reports(page: &Value) {
    let items = page.get("value").and_then(Value::as_array).cloned().unwrap_or_default();
    if items.is_empty() {
        println!("no certification reports yet");
    }
    for r in items {
        let s = |k: &str| r.get(k).and_then(Value::as_str).unwrap_or("").to_string();
        println!("certification report: {} ({})", s("status"), s("reportTimeInUtc"));
        let uri = s("fileUri");
        match storesubmit::flow::ingestion::report_text(&uri) {
            Some(text) => {
                for line in storesubmit::secret::redact_text(&text).lines() {
                    println!("  {line}");
                }
            }
            None if !uri.is_empty() => println!("  report: {}", storesubmit::secret::redact_url(&uri)),
            None => {}
        }
    }
}

/// Reads `--changes` into the workflow's offer changes.
///
/// # Errors
/// The file's errors; `invalid_argument` when it is not an offer-changes document.
pub fn read_changes(mode: Mode, path: &std::path::Path) -> Result<storesubmit::flow::ingestion::OfferChanges> {
    let v = read_json(mode, path)?;
    serde_json::from_value(v).map_err(|e| {
        Error::new(ErrorKind::InvalidArgument, format!("{}: not an offer-changes document: {e}", path.display()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_ingestion_operation_has_a_command() {
        let covered: Vec<&str> = FAMILIES.iter().flat_map(|(_, ops)| ops.iter().map(|(_, op)| *op)).collect();
        let extra = ["list_products", "list_branches_by_module"]; // `ingestion products`, `ingestion branches`
        for op in routes::OPERATIONS.iter().filter(|o| o.family == routes::Family::Ingestion) {
            let short = op.id.strip_prefix("ingestion.").unwrap();
            assert!(covered.contains(&short) || extra.contains(&short), "{} has no CLI command", op.id);
        }
        for (family, ops) in FAMILIES {
            for (action, _) in *ops {
                op_of(family, *action).unwrap();
            }
        }
        assert!(op_of("lead", A::Delete).unwrap_err().to_string().contains("it has: get, create"));
        assert_eq!(action_name(A::ByInstance), "by-instance");
    }
}
