//! `storesubmit init app|addon|flight DIR`: a starter submission that validates, the files folder it
//! names, and the next commands, so a first release starts from something that works.

use std::path::Path;

use serde_json::{json, Value};
use storesubmit::model::DocumentKind;
use storesubmit::{Error, ErrorKind, Result};

use crate::args::{InitArgs, InitKind};
use crate::output::{self, Mode};

/// The starter document of a kind, its kind and the placeholder files it names.
fn starter(kind: InitKind) -> (DocumentKind, Value, &'static [&'static str]) {
    let package = |name: &str| json!({"fileName": name, "fileStatus": "PendingUpload", "minimumDirectXVersion": "None", "minimumSystemRam": "None"});
    match kind {
        InitKind::App => (
            DocumentKind::AppSubmission,
            json!({
                "applicationPackages": [package("MyApp_1.0.0.0_x64.msixupload")],
                "listings": {"en-us": {"baseListing": {
                    "description": "What the app does, in a few sentences.",
                    "releaseNotes": "What is new in this version.",
                    "images": [{"fileName": "Images/screenshot1.png", "fileStatus": "PendingUpload", "imageType": "Screenshot"}]
                }}}
            }),
            &["MyApp_1.0.0.0_x64.msixupload", "Images/screenshot1.png"],
        ),
        InitKind::Addon => (
            DocumentKind::AddonSubmission,
            json!({
                "listings": {"en-us": {"title": "100 coins", "description": "A bag of 100 coins.",
                    "icon": {"fileName": "Images/icon.png", "fileStatus": "PendingUpload"}}},
                "pricing": {"priceId": "Tier2"}
            }),
            &["Images/icon.png"],
        ),
        InitKind::Flight => (
            DocumentKind::FlightSubmission,
            json!({"flightPackages": [package("MyApp_1.0.1.0_x64.msixupload")]}),
            &["MyApp_1.0.1.0_x64.msixupload"],
        ),
    }
}

/// Writes `DIR/submission.json` and `DIR/files/`; refuses to overwrite an existing submission.
pub fn run(mode: Mode, args: &InitArgs) -> Result<i32> {
    let (kind, doc, names) = starter(args.kind);
    let report = storesubmit::validate::validate(kind, &doc);
    debug_assert!(report.issues.is_empty(), "the starter validates: {:?}", report.issues);
    let io = |p: &Path, e: std::io::Error| Error::new(ErrorKind::Io, format!("cannot write {}: {e}", p.display()));
    let sub = args.dir.join("submission.json");
    if sub.exists() {
        return Err(Error::invalid_argument(format!("{} exists; not overwritten", sub.display())));
    }
    let files = args.dir.join("files");
    std::fs::create_dir_all(&files).map_err(|e| io(&files, e))?;
    let text = serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n";
    std::fs::write(&sub, text).map_err(|e| io(&sub, e))?;
    let (sub_s, files_s) = (sub.display(), files.display());
    let cmd = match args.kind {
        InitKind::App => "app publish --app-id <APP ID>",
        InitKind::Addon => "addon publish --addon-id <ADD-ON ID>",
        InitKind::Flight => "flight publish --app-id <APP ID> --flight-id <FLIGHT ID>",
    };
    if mode.json {
        output::print_json(mode, &json!({"submission": sub, "files": files, "kind": kind.as_str(), "needs": names}));
    } else {
        println!("wrote {sub_s} ({}) and {files_s}/", kind.as_str());
        println!("put these files under {files_s}: {}", names.join(", "));
        println!("next:");
        println!("  storesubmit validate {sub_s} --files {files_s}");
        println!("  storesubmit {cmd} --submission {sub_s} --files {files_s} --dry-run");
        println!("  storesubmit emulator --port 0 > emulator.json &   # rehearse, then: --config emulator.json");
        println!("  storesubmit {cmd} --submission {sub_s} --files {files_s} --save-resume token.json");
    }
    Ok(0)
}
