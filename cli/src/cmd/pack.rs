//! `storesubmit pack --submission FILE --files DIR -o OUT.zip`: the ZIP a devcenter submission uploads,
//! written to a file (the same bytes the zip-while-uploading path streams).

use std::sync::Arc;

use serde_json::json;
use storesubmit::flow::SubmissionSpec;
use storesubmit::model::DocumentKind;
use storesubmit::package::PackagePlan;
use storesubmit::validate::guess_kind;
use storesubmit::{Error, Result};

use crate::args::PackArgs;
use crate::output::{self, Mode, Reporter};

/// Packs; prints the archive's size and entries.
pub fn run(mode: Mode, args: &PackArgs) -> Result<i32> {
    let doc = super::read_json(mode, &args.submission)?;
    let kind = match &args.kind {
        Some(k) => k.parse::<DocumentKind>()?,
        None => guess_kind(&doc)
            .filter(|k| {
                matches!(
                    k,
                    DocumentKind::AppSubmission | DocumentKind::AddonSubmission | DocumentKind::FlightSubmission
                )
            })
            .ok_or_else(|| {
                Error::invalid_argument(
                    "cannot tell the submission's kind: pass --kind app-submission|addon-submission|flight-submission",
                )
            })?,
    };
    // A document written for `publish` leaves fileStatus out: its new files are PendingUpload.
    let doc = SubmissionSpec::from_changes(doc).standalone_document(kind);
    let plan = PackagePlan::from_submission(kind, &doc, &args.files)?;
    let reporter = Reporter::new(mode, "pack");
    let handler = reporter.handler();
    let progress = Arc::new(move |done, total| handler(&storesubmit::client::Progress::Upload { done, total }));
    let size = plan.write_to_file(&args.output, &mut |d, t| progress(d, t))?;
    reporter.finish();
    let names: Vec<&str> = plan.files.iter().map(|f| f.name.as_str()).collect();
    if mode.json {
        output::print_json(mode, &json!({"output": args.output, "size": size, "entries": names}));
    } else {
        println!("{}: {} entries, {size} bytes", args.output.display(), names.len());
        for n in names {
            println!("  {n}");
        }
    }
    Ok(0)
}
