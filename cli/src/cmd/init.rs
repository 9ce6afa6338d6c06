//! `storesubmit init app|addon|flight|win32|ingestion DIR`: starter documents, the files folder they
//! name, and the next commands, so a first release starts from something that works. The text a user must
//! write (descriptions, release notes, titles) is marked `TODO:` and the MSI/EXE URLs are on the `todo.invalid`
//! host, so `validate` reports each (`field.placeholder`) until it is replaced: a starter never publishes
//! as it is. Everything else in a starter validates.

use std::path::Path;

use serde_json::{json, Value};
use storesubmit::model::DocumentKind;
use storesubmit::validate::PLACEHOLDER_MARK;
use storesubmit::{Error, ErrorKind, Result};

use crate::args::{InitArgs, InitKind};
use crate::output::{self, Mode};

/// What `init` writes for a kind: the documents (file name, the kind `validate` checks it as, body),
/// the placeholder files they name (under `files/`), and the publish command line (its arguments
/// after `storesubmit`, with `{dir}` and `{files}` for the paths).
struct Starter {
    documents: Vec<(&'static str, Option<DocumentKind>, Value)>,
    needs: &'static [&'static str],
    publish: &'static str,
    /// Whether that publish command takes `--dry-run` and `--save-resume`.
    rehearsable: bool,
}

/// A text the user must write: the placeholder mark, then what to write.
fn todo(what: &str) -> String {
    format!("{PLACEHOLDER_MARK} {what}")
}

/// The starter of a kind; `None` for `project` (read from a live product: `project_init`).
fn starter(kind: InitKind) -> Option<Starter> {
    let package = |name: &str| json!({"fileName": name, "fileStatus": "PendingUpload", "minimumDirectXVersion": "None", "minimumSystemRam": "None"});
    Some(match kind {
        InitKind::Project => return None,
        InitKind::App => Starter {
            documents: vec![(
                "submission.json",
                Some(DocumentKind::AppSubmission),
                json!({
                    "applicationPackages": [package("MyApp_1.0.0.0_x64.msixupload")],
                    "listings": {"en-us": {"baseListing": {
                        "description": todo("what the app does, in a few sentences."),
                        "releaseNotes": todo("what is new in this version."),
                        "images": [{"fileName": "Images/screenshot1.png", "fileStatus": "PendingUpload", "imageType": "Screenshot"}]
                    }}}
                }),
            )],
            needs: &["MyApp_1.0.0.0_x64.msixupload", "Images/screenshot1.png"],
            publish: "app publish --app-id <APP ID> --submission {dir}/submission.json --files {files}",
            rehearsable: true,
        },
        InitKind::Addon => Starter {
            documents: vec![(
                "submission.json",
                Some(DocumentKind::AddonSubmission),
                json!({
                    "listings": {"en-us": {"title": todo("the add-on's name"), "description": todo("what it gives, in a sentence."),
                        "icon": {"fileName": "Images/icon.png", "fileStatus": "PendingUpload"}}},
                    "pricing": {"priceId": "Tier2"}
                }),
            )],
            needs: &["Images/icon.png"],
            publish: "addon publish --addon-id <ADD-ON ID> --submission {dir}/submission.json --files {files}",
            rehearsable: true,
        },
        InitKind::Flight => Starter {
            documents: vec![(
                "submission.json",
                Some(DocumentKind::FlightSubmission),
                json!({"flightPackages": [package("MyApp_1.0.1.0_x64.msixupload")]}),
            )],
            needs: &["MyApp_1.0.1.0_x64.msixupload"],
            publish: "flight publish --app-id <APP ID> --flight-id <FLIGHT ID> --submission {dir}/submission.json \
                      --files {files}",
            rehearsable: true,
        },
        InitKind::Win32 => Starter {
            documents: vec![
                (
                    "packages.json",
                    Some(DocumentKind::Win32Packages),
                    json!({"packages": [{
                        "packageUrl": "https://downloads.todo.invalid/1.0/setup.exe",
                        "languages": ["en-us"],
                        "architectures": ["X64"],
                        "isSilentInstall": true,
                        "installerParameters": "/S",
                        "genericDocUrl": "https://docs.todo.invalid/install-errors",
                        "packageType": "exe"
                    }]}),
                ),
                (
                    "metadata.json",
                    Some(DocumentKind::Win32MetadataPatch),
                    json!({"listings": {
                        "language": "en-us",
                        "description": todo("what the app does, in a few sentences."),
                        "whatsNew": todo("what is new in this version."),
                        "shortDescription": todo("one line about the app.")
                    }}),
                ),
            ],
            needs: &[],
            publish: "win32 publish --product-id <PRODUCT ID> --packages {dir}/packages.json --metadata \
                      {dir}/metadata.json --patch",
            rehearsable: true,
        },
        InitKind::Ingestion => Starter {
            documents: vec![(
                "changes.json",
                None,
                json!({"listings": [{
                    "languageCode": "en-us",
                    "set": {"description": todo("what the product does, in a few sentences."), "summary": todo("one line.")},
                    "images": [{"file": "Images/logo.png", "type": "AzureLogoLarge"}]
                }]}),
            )],
            needs: &["Images/logo.png"],
            publish: "ingestion publish --product-id <PRODUCT ID> --changes {dir}/changes.json --files {files}",
            rehearsable: false,
        },
    })
}

/// Writes the starter documents and `DIR/files/`; refuses to overwrite an existing document. `init project`
/// writes a project file from a live product instead.
pub fn run(mode: Mode, args: &InitArgs) -> Result<i32> {
    let Some(s) = starter(args.kind) else { return super::project_init::init(mode, args) };
    let io = |p: &Path, e: std::io::Error| Error::new(ErrorKind::Io, format!("cannot write {}: {e}", p.display()));
    for (name, kind, doc) in &s.documents {
        let report = match kind {
            Some(kind) => storesubmit::validate::validate(*kind, doc),
            None => storesubmit::validate::offer_changes(doc),
        };
        debug_assert!(
            report.issues.iter().all(|i| i.code == "field.placeholder"),
            "the {name} starter validates but for its placeholders: {:?}",
            report.issues
        );
        let path = args.dir.join(name);
        if path.exists() {
            return Err(Error::invalid_argument(format!("{} exists; not overwritten", path.display())));
        }
    }
    let files = args.dir.join("files");
    std::fs::create_dir_all(&files).map_err(|e| io(&files, e))?;
    let mut written = Vec::new();
    for (name, kind, doc) in &s.documents {
        let path = args.dir.join(name);
        let text = serde_json::to_string_pretty(doc).unwrap_or_default() + "\n";
        std::fs::write(&path, text).map_err(|e| io(&path, e))?;
        written.push((path, *kind));
    }
    let (dir_s, files_s) = (args.dir.display().to_string(), files.display().to_string());
    let publish = s.publish.replace("{dir}", &dir_s).replace("{files}", &files_s);
    let validates: Vec<String> = written
        .iter()
        .map(|(p, k)| match k {
            Some(k) => format!("storesubmit validate {} --kind {}", p.display(), k.as_str()),
            None => format!("storesubmit validate {}", p.display()),
        })
        .collect();
    if mode.json {
        let docs: Vec<Value> =
            written.iter().map(|(p, k)| json!({"path": p, "kind": k.map(DocumentKind::as_str)})).collect();
        output::print_json(
            mode,
            &json!({"documents": docs, "files": files, "needs": s.needs, "next": {"validate": validates, "publish": publish}}),
        );
    } else {
        let names: Vec<String> = written.iter().map(|(p, _)| p.display().to_string()).collect();
        println!("wrote {} and {files_s}/", names.join(", "));
        println!(
            "replace each text marked `{PLACEHOLDER_MARK}`{}: validate reports each until you do",
            if args.kind == InitKind::Win32 { " and each URL on todo.invalid" } else { "" }
        );
        if !s.needs.is_empty() {
            println!("put these files under {files_s}: {}", s.needs.join(", "));
        }
        println!("next:");
        for v in &validates {
            println!("  {v} --files {files_s}");
        }
        println!("  storesubmit emulator --port 0 > emulator.json &   # rehearse, then: --config emulator.json");
        if s.rehearsable {
            println!("  storesubmit {publish} --dry-run");
            println!("  storesubmit {publish} --save-resume token.json");
        } else {
            println!("  storesubmit {publish}");
        }
    }
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 25: the starters' placeholder text validated and published; now each is reported, and it is
    /// the only thing reported.
    #[test]
    fn starters_validate_but_for_their_marked_placeholders() {
        for kind in [InitKind::App, InitKind::Addon, InitKind::Flight, InitKind::Win32, InitKind::Ingestion] {
            let s = starter(kind).expect("a starter");
            let mut placeholders = 0;
            for (name, doc_kind, doc) in &s.documents {
                let report = match doc_kind {
                    Some(k) => storesubmit::validate::validate(*k, doc),
                    None => storesubmit::validate::offer_changes(doc),
                };
                assert!(report.issues.iter().all(|i| i.code == "field.placeholder"), "{name}: {:?}", report.issues);
                placeholders += report.issues.len();
            }
            // a flight starter holds no text, only the package to upload
            assert_eq!(placeholders == 0, kind == InitKind::Flight, "{kind:?}");
        }
    }
}
