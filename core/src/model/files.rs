//! The files a devcenter submission names: packages, listing images, trailer videos and thumbnails,
//! add-on icons. One home for "which JSON fields are file names", used by validation's cross-check, by
//! packaging (what to put in the ZIP) and by the emulator's commit (`MissingFiles`).

use serde_json::Value;

use super::kind::DocumentKind;

/// `fileStatus` value of a file that must be in the uploaded ZIP.
pub const PENDING_UPLOAD: &str = "PendingUpload";

/// One file named by a submission.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileRef {
    /// JSON pointer of the field holding the name (e.g. `/applicationPackages/0/fileName`).
    pub pointer: String,
    /// The name exactly as written in the submission (may use `\` as in the Store's examples).
    pub name: String,
    /// Whether the file must be in this submission's ZIP: `fileStatus` is `PendingUpload`, or (trailers,
    /// which carry no `fileStatus`) the trailer is new (no `id` assigned by Partner Center yet).
    pub pending_upload: bool,
}

/// Escapes a JSON-pointer segment (RFC 6901).
pub fn pointer_segment(s: &str) -> String {
    s.replace('~', "~0").replace('/', "~1")
}

fn push_file(out: &mut Vec<FileRef>, obj: &Value, pointer: String, name_key: &str) {
    if let Some(name) = obj.get(name_key).and_then(Value::as_str) {
        let pending = obj.get("fileStatus").and_then(Value::as_str) == Some(PENDING_UPLOAD);
        out.push(FileRef { pointer: format!("{pointer}/{name_key}"), name: name.to_string(), pending_upload: pending });
    }
}

fn each_array(v: Option<&Value>) -> impl Iterator<Item = (usize, &Value)> {
    v.and_then(Value::as_array).into_iter().flatten().enumerate()
}

fn each_object(v: Option<&Value>) -> impl Iterator<Item = (&String, &Value)> {
    v.and_then(Value::as_object).into_iter().flatten()
}

fn images(out: &mut Vec<FileRef>, listing: &Value, pointer: &str) {
    for (i, img) in each_array(listing.get("images")) {
        push_file(out, img, format!("{pointer}/images/{i}"), "fileName");
    }
}

/// Every file a document names, in document order. Documents of kinds that name no files (win32 uses
/// URLs, not uploaded ZIPs) give an empty list.
pub fn referenced_files(kind: DocumentKind, doc: &Value) -> Vec<FileRef> {
    let mut out = Vec::new();
    match kind {
        DocumentKind::AppSubmission => {
            for (i, p) in each_array(doc.get("applicationPackages")) {
                push_file(&mut out, p, format!("/applicationPackages/{i}"), "fileName");
            }
            for (lang, listing) in each_object(doc.get("listings")) {
                let base = format!("/listings/{}", pointer_segment(lang));
                if let Some(bl) = listing.get("baseListing") {
                    images(&mut out, bl, &format!("{base}/baseListing"));
                }
                for (plat, ov) in each_object(listing.get("platformOverrides")) {
                    images(&mut out, ov, &format!("{base}/platformOverrides/{}", pointer_segment(plat)));
                }
            }
            for (i, t) in each_array(doc.get("trailers")) {
                let is_new = t.get("id").and_then(Value::as_str).is_none_or(str::is_empty);
                let ptr = format!("/trailers/{i}");
                if let Some(name) = t.get("videoFileName").and_then(Value::as_str) {
                    out.push(FileRef {
                        pointer: format!("{ptr}/videoFileName"),
                        name: name.into(),
                        pending_upload: is_new,
                    });
                }
                for (lang, asset) in each_object(t.get("trailerAssets")) {
                    for (j, img) in each_array(asset.get("imageList")) {
                        if let Some(name) = img.get("fileName").and_then(Value::as_str) {
                            let img_new = is_new || img.get("id").and_then(Value::as_str).is_none_or(str::is_empty);
                            out.push(FileRef {
                                pointer: format!(
                                    "{ptr}/trailerAssets/{}/imageList/{j}/fileName",
                                    pointer_segment(lang)
                                ),
                                name: name.into(),
                                pending_upload: img_new,
                            });
                        }
                    }
                }
            }
        }
        DocumentKind::FlightSubmission => {
            for (i, p) in each_array(doc.get("flightPackages")) {
                push_file(&mut out, p, format!("/flightPackages/{i}"), "fileName");
            }
        }
        DocumentKind::AddonSubmission => {
            for (lang, listing) in each_object(doc.get("listings")) {
                if let Some(icon) = listing.get("icon") {
                    push_file(&mut out, icon, format!("/listings/{}/icon", pointer_segment(lang)), "fileName");
                }
            }
        }
        _ => {}
    }
    out
}

/// Turns a name as written in a submission into the ZIP entry name: `\` becomes `/` (the ZIP format's
/// separator; the Store's examples write `Trailers\\Video.mp4` and the Store resolves it to the folder
/// `Trailers`). Everything else is kept, case included.
pub fn zip_entry_name(name: &str) -> String {
    name.replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn app_submission_files() {
        let doc = json!({
            "applicationPackages": [{"fileName": "a.msix", "fileStatus": "PendingUpload"}, {"fileName": "old.appx", "fileStatus": "Uploaded"}],
            "listings": {"en-us": {"baseListing": {"images": [{"fileName": "img\\s1.png", "fileStatus": "PendingUpload"}]},
                                    "platformOverrides": {"Windows81": {"images": [{"fileName": "w81.png", "fileStatus": "Uploaded"}]}}}},
            "trailers": [{"videoFileName": "Trailers\\T.mp4", "trailerAssets": {"en-us": {"title": "t", "imageList": [{"fileName": "Images\\th.png"}]}}},
                         {"id": "1", "videoFileName": "Trailers\\Old.mp4", "trailerAssets": {}}]
        });
        let files = referenced_files(DocumentKind::AppSubmission, &doc);
        let pending: Vec<_> = files.iter().filter(|f| f.pending_upload).map(|f| f.name.as_str()).collect();
        assert_eq!(pending, ["a.msix", "img\\s1.png", "Trailers\\T.mp4", "Images\\th.png"]);
        assert_eq!(files.len(), 7);
        assert_eq!(files[2].pointer, "/listings/en-us/baseListing/images/0/fileName");
        assert_eq!(files[5].pointer, "/trailers/0/trailerAssets/en-us/imageList/0/fileName");
        assert_eq!(zip_entry_name("Trailers\\T.mp4"), "Trailers/T.mp4");
    }

    #[test]
    fn addon_and_flight_files() {
        let a = json!({"listings": {"en-us": {"icon": {"fileName": "i.png", "fileStatus": "PendingUpload"}}}});
        assert_eq!(referenced_files(DocumentKind::AddonSubmission, &a)[0].pointer, "/listings/en-us/icon/fileName");
        let f = json!({"flightPackages": [{"fileName": "p.msixupload", "fileStatus": "PendingUpload"}]});
        assert!(referenced_files(DocumentKind::FlightSubmission, &f)[0].pending_upload);
        assert!(referenced_files(DocumentKind::Win32Metadata, &f).is_empty());
    }
}
