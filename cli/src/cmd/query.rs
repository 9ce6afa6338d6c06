//! The one-call commands: get, list, status, create, delete and rollout, for every family. Each maps to
//! one operation of the core's route table (or the rollout workflow) and prints the (redacted) answer.

use serde_json::{json, Value};
use storesubmit::data::limits::LIST_PAGES_DEFAULT;
use storesubmit::flow::devcenter::{RolloutAction, Target};
use storesubmit::Result;

use super::{client, read_json};
use crate::args::{
    AddonCommand, AppCommand, Connection, FlightCommand, IngestionCommand, RolloutArg, RolloutArgs, Win32Command,
    Win32PackageCommand,
};
use crate::connect::flow_config;
use crate::output::{self, Mode};

/// One-call commands report no stages (there is one), only waits and errors.
fn quiet(mode: Mode) -> Mode {
    Mode { quiet: true, ..mode }
}

fn call(mode: Mode, conn: &Connection, op: &str, args: Value) -> Result<i32> {
    let (c, reporter) = client(quiet(mode), flow_config(conn)?, op)?;
    let doc = c.call(op, args);
    reporter.finish();
    output::print_json(mode, &doc?);
    Ok(0)
}

/// Every page of a list, through the core's paging flow (at most `LIST_PAGES_DEFAULT` pages).
fn list(mode: Mode, conn: &Connection, op: &str, args: Value) -> Result<i32> {
    let cfg = flow_config(conn)?;
    let flow = storesubmit::flow::simple::list_all(cfg.clone(), op, args, LIST_PAGES_DEFAULT)?;
    let (c, reporter) = client(quiet(mode), cfg, op)?;
    let out = c.run(flow, None);
    reporter.finish();
    let mut doc = out?.document.unwrap_or(Value::Null);
    if doc["truncated"] == true {
        output::note(mode, &format!("stopped after {LIST_PAGES_DEFAULT} pages: more items remain"));
    }
    let items = match doc["value"].take() {
        Value::Array(items) => items,
        _ => Vec::new(),
    };
    if mode.json {
        output::print_json(mode, &Value::Array(items));
    } else {
        for item in &items {
            // add-ons list as `inAppProductId`, flights as `flightId`; the rest as `id`
            let id = ["id", "inAppProductId", "flightId", "productId"]
                .iter()
                .find_map(|k| item.get(*k).and_then(Value::as_str))
                .unwrap_or("?");
            let name = ["primaryName", "friendlyName", "productId"]
                .iter()
                .find_map(|k| item.get(*k).and_then(Value::as_str))
                .unwrap_or("");
            println!("{id}\t{name}");
        }
        output::note(mode, &format!("{} item(s)", items.len()));
    }
    Ok(0)
}

fn rollout(mode: Mode, conn: &Connection, target: Target, r: &RolloutArgs) -> Result<i32> {
    // The core parses and range-checks the action (0–100), as for every binding.
    let name = match r.action {
        RolloutArg::Get => "get",
        RolloutArg::Update => "update",
        RolloutArg::Halt => "halt",
        RolloutArg::Finalize => "finalize",
    };
    let action = RolloutAction::parse(name, r.percentage)?;
    let (c, reporter) = client(mode, flow_config(conn)?, "rollout")?;
    let out = c.rollout(target, &r.submission_id, action);
    reporter.finish();
    let out = out?;
    output::print_json(mode, &out.document.unwrap_or(Value::Null));
    Ok(0)
}

/// `storesubmit app …`.
pub fn app(mode: Mode, cmd: &AppCommand) -> Result<i32> {
    match cmd {
        AppCommand::Get { app_id, conn } => call(mode, conn, "devcenter.get_app", json!({"applicationId": app_id})),
        AppCommand::List { conn } => list(mode, conn, "devcenter.list_apps", Value::Null),
        AppCommand::Addons { app_id, conn } => {
            list(mode, conn, "devcenter.list_app_addons", json!({"applicationId": app_id}))
        }
        AppCommand::Flights { app_id, conn } => {
            list(mode, conn, "devcenter.list_app_flights", json!({"applicationId": app_id}))
        }
        AppCommand::Publish { app_id, publish, conn } => {
            super::publish::submission(mode, Target::App { app_id: app_id.clone() }, publish, conn)
        }
        AppCommand::Submission { app_id, submission_id, conn } => call(
            mode,
            conn,
            "devcenter.get_app_submission",
            json!({"applicationId": app_id, "submissionId": submission_id}),
        ),
        AppCommand::Wait { app_id, wait, conn } => {
            super::publish::wait(mode, Target::App { app_id: app_id.clone() }, wait, conn)
        }
        AppCommand::Status { app_id, submission_id, conn } => call(
            mode,
            conn,
            "devcenter.get_app_submission_status",
            json!({"applicationId": app_id, "submissionId": submission_id}),
        ),
        AppCommand::Delete { app_id, submission_id, conn } => call(
            mode,
            conn,
            "devcenter.delete_app_submission",
            json!({"applicationId": app_id, "submissionId": submission_id}),
        ),
        AppCommand::Rollout { app_id, rollout: r, conn } => {
            rollout(mode, conn, Target::App { app_id: app_id.clone() }, r)
        }
    }
}

/// `storesubmit addon …`.
pub fn addon(mode: Mode, cmd: &AddonCommand) -> Result<i32> {
    match cmd {
        AddonCommand::Get { addon_id, conn } => {
            call(mode, conn, "devcenter.get_addon", json!({"inAppProductId": addon_id}))
        }
        AddonCommand::List { conn } => list(mode, conn, "devcenter.list_addons", Value::Null),
        AddonCommand::Create { file, conn } => {
            let body = read_json(mode, file)?;
            check(storesubmit::model::DocumentKind::Addon, &body)?;
            call(mode, conn, "devcenter.create_addon", json!({"body": body}))
        }
        AddonCommand::Publish { addon_id, publish, conn } => {
            super::publish::submission(mode, Target::Addon { addon_id: addon_id.clone() }, publish, conn)
        }
        AddonCommand::Wait { addon_id, wait, conn } => {
            super::publish::wait(mode, Target::Addon { addon_id: addon_id.clone() }, wait, conn)
        }
        AddonCommand::Status { addon_id, submission_id, conn } => call(
            mode,
            conn,
            "devcenter.get_addon_submission_status",
            json!({"inAppProductId": addon_id, "submissionId": submission_id}),
        ),
        AddonCommand::Delete { addon_id, conn } => {
            call(mode, conn, "devcenter.delete_addon", json!({"inAppProductId": addon_id}))
        }
    }
}

/// `storesubmit flight …`.
pub fn flight(mode: Mode, cmd: &FlightCommand) -> Result<i32> {
    match cmd {
        FlightCommand::Get { app_id, flight_id, conn } => {
            call(mode, conn, "devcenter.get_flight", json!({"applicationId": app_id, "flightId": flight_id}))
        }
        FlightCommand::List { app_id, conn } => {
            list(mode, conn, "devcenter.list_app_flights", json!({"applicationId": app_id}))
        }
        FlightCommand::Create { app_id, file, conn } => {
            let body = read_json(mode, file)?;
            check(storesubmit::model::DocumentKind::Flight, &body)?;
            call(mode, conn, "devcenter.create_flight", json!({"applicationId": app_id, "body": body}))
        }
        FlightCommand::Publish { app_id, flight_id, publish, conn } => super::publish::submission(
            mode,
            Target::Flight { app_id: app_id.clone(), flight_id: flight_id.clone() },
            publish,
            conn,
        ),
        FlightCommand::Wait { app_id, flight_id, wait, conn } => super::publish::wait(
            mode,
            Target::Flight { app_id: app_id.clone(), flight_id: flight_id.clone() },
            wait,
            conn,
        ),
        FlightCommand::Status { app_id, flight_id, submission_id, conn } => call(
            mode,
            conn,
            "devcenter.get_flight_submission_status",
            json!({"applicationId": app_id, "flightId": flight_id, "submissionId": submission_id}),
        ),
        FlightCommand::Rollout { app_id, flight_id, rollout: r, conn } => {
            rollout(mode, conn, Target::Flight { app_id: app_id.clone(), flight_id: flight_id.clone() }, r)
        }
        FlightCommand::Delete { app_id, flight_id, conn } => {
            call(mode, conn, "devcenter.delete_flight", json!({"applicationId": app_id, "flightId": flight_id}))
        }
    }
}

/// `storesubmit win32 …`.
pub fn win32(mode: Mode, cmd: &Win32Command) -> Result<i32> {
    match cmd {
        Win32Command::Get { product_id, module, languages, conn } => {
            let mut args = json!({"productId": product_id});
            if let Some(l) = languages {
                args["languages"] = json!(l);
            }
            match module {
                Some(m) => {
                    args["moduleName"] = json!(m);
                    call(mode, conn, "win32.get_metadata_module", args)
                }
                None => call(mode, conn, "win32.get_metadata", args),
            }
        }
        Win32Command::Packages { product_id, conn } => {
            call(mode, conn, "win32.get_packages", json!({"productId": product_id}))
        }
        Win32Command::Package(Win32PackageCommand::Get { product_id, package_id, conn }) => {
            call(mode, conn, "win32.get_package", json!({"productId": product_id, "packageId": package_id}))
        }
        Win32Command::Status { product_id, conn } => {
            call(mode, conn, "win32.get_module_status", json!({"productId": product_id}))
        }
        Win32Command::SubmissionStatus { product_id, submission_id, conn } => call(
            mode,
            conn,
            "win32.get_submission_status",
            json!({"productId": product_id, "submissionId": submission_id}),
        ),
        Win32Command::Publish {
            product_id,
            spec,
            packages,
            metadata,
            patch,
            files,
            draft_only,
            wait,
            dry_run,
            save_resume,
            conn,
        } => super::publish::win32(
            mode,
            product_id,
            spec,
            packages,
            metadata,
            *patch,
            files.as_deref(),
            super::stop_after(*wait, *draft_only),
            *dry_run,
            save_resume.as_deref(),
            conn,
        ),
    }
}

/// `storesubmit ingestion …`.
pub fn ingestion(mode: Mode, cmd: &IngestionCommand) -> Result<i32> {
    if let Some((family, args)) = super::ingestion::family(cmd) {
        return super::ingestion::run(mode, family, args);
    }
    match cmd {
        // One page (its `@odata.nextLink` printed); paging joins `flow::simple::list_all`.
        IngestionCommand::Products { conn } => call(mode, conn, "ingestion.list_products", Value::Null),
        IngestionCommand::Get { product_id, conn } => {
            call(mode, conn, "ingestion.get_product", json!({"productId": product_id}))
        }
        IngestionCommand::Branches { product_id, module, conn } => {
            call(mode, conn, "ingestion.list_branches_by_module", json!({"productId": product_id, "module": module}))
        }
        IngestionCommand::Publish { product_id, changes, files, modules, scope, promote, wait, conn } => {
            let spec = storesubmit::flow::ingestion::IngestionSpec {
                modules: modules.clone(),
                scope: if scope.eq_ignore_ascii_case("live") { "Live".into() } else { "Preview".into() },
                promote: *promote,
                changes: match changes {
                    Some(path) => super::ingestion::read_changes(mode, path)?,
                    None => Default::default(),
                },
                ..Default::default()
            };
            super::publish::ingestion(mode, product_id, spec, *wait, files.as_deref(), conn)
        }
        IngestionCommand::Status { product_id, submission_id, conn } => call(
            mode,
            conn,
            "ingestion.get_submission",
            json!({"productId": product_id, "submissionId": submission_id}),
        ),
        _ => unreachable!("resource commands are handled above"),
    }
}

/// Validates a create body before sending it.
fn check(kind: storesubmit::model::DocumentKind, body: &Value) -> Result<()> {
    storesubmit::validate::validate(kind, body).into_result().map(|_| ())
}
