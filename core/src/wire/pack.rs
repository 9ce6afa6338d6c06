//! [`crate::package::ZipJob`] in the JSON form of the host protocol, for hosts that speak only JSON and
//! bytes (a C ABI, wasm, Node): the same step shape as [`super::WireFlow`], with `write` tasks whose
//! bytes come from [`PackJob::take_body`].

use std::collections::HashMap;

use serde_json::{json, Value};

use super::json::{completion_from_json, error_json, tasks_json};
use crate::error::{Error, Result};
use crate::model::DocumentKind;
use crate::package::{ZipJob, ZipStep};
use crate::task::TaskId;

/// A packaging job a host drives with JSON events (see [`crate::package::ZipJob`] for the machine).
#[derive(Debug)]
pub struct PackJob {
    job: ZipJob,
    bodies: HashMap<TaskId, Vec<u8>>,
    reported: (u64, u64),
}

impl PackJob {
    /// A job for `{"kind", "document"}` (the files a submission names) or `{"names": [...]}` (a plain
    /// list of files, each its own entry).
    ///
    /// # Errors
    /// `invalid_argument` naming the bad field; `invalid_archive` for an unsafe or repeated name.
    pub fn start(request: &Value) -> Result<Self> {
        let obj = request.as_object().ok_or_else(|| Error::invalid_argument("pack: must be a JSON object"))?;
        for key in obj.keys() {
            if !["kind", "document", "names"].contains(&key.as_str()) {
                return Err(Error::invalid_argument(format!(
                    "pack/{key}: unknown field; expected kind, document, names"
                )));
            }
        }
        let job = match (obj.get("names"), obj.get("kind"), obj.get("document")) {
            (Some(Value::Array(names)), None, None) => {
                let names: Option<Vec<&str>> = names.iter().map(Value::as_str).collect();
                ZipJob::for_names(names.ok_or_else(|| Error::invalid_argument("pack/names: must list file names"))?)?
            }
            (None, Some(Value::String(kind)), Some(doc)) => {
                let kind = kind
                    .parse::<DocumentKind>()
                    .map_err(|e| Error::invalid_argument(format!("pack/kind: {}", e.message())))?;
                ZipJob::for_submission(kind, doc)?
            }
            _ => {
                return Err(Error::invalid_argument(
                    "pack: give `kind` and `document` (a submission's files), or `names` (a list of files)",
                ))
            }
        };
        Ok(PackJob { job, bodies: HashMap::new(), reported: (0, 0) })
    }

    /// Advances the job with one event (`{"kind": "start"}`, `{"kind": "cancel"}` or a completion and
    /// its bytes): `{"kind": "run", "tasks", "progress"}`, `{"kind": "pending", "progress"}`, or
    /// `{"kind": "done", "report": {size, entries, inputBytes}}` / `{"kind": "done", "error"}`. Progress
    /// entries are `{"kind": "pack", "done", "total"}` (input bytes).
    ///
    /// # Errors
    /// `invalid_argument` when the event is malformed; the job is unchanged then.
    pub fn step(&mut self, event: &Value, data: Vec<u8>) -> Result<Value> {
        let step = match event.get("kind").and_then(Value::as_str) {
            Some("start") => self.job.resume(None),
            Some("cancel") => {
                self.job.cancel();
                self.job.resume(None)
            }
            _ => {
                let c = completion_from_json(event, data)?;
                self.job.resume(Some(c))
            }
        };
        let mut progress = Vec::new();
        let now = self.job.progress();
        if now != self.reported && now.1 > 0 {
            self.reported = now;
            progress.push(json!({"kind": "pack", "done": now.0, "total": now.1}));
        }
        Ok(match step {
            ZipStep::Run(tasks) => {
                let tasks = tasks_json(tasks, &mut self.bodies);
                json!({"kind": "run", "tasks": tasks, "progress": progress})
            }
            ZipStep::Pending => json!({"kind": "pending", "progress": progress}),
            ZipStep::Done(Ok(r)) => {
                self.bodies.clear();
                json!({"kind": "done", "progress": progress,
                       "report": {"size": r.size, "entries": r.entries, "inputBytes": r.input_bytes}})
            }
            ZipStep::Done(Err(e)) => {
                self.bodies.clear();
                json!({"kind": "done", "error": error_json(&e), "progress": progress})
            }
        })
    }

    /// The bytes of a `write` task handed out by the last steps (taken: a second call gives nothing).
    pub fn take_body(&mut self, id: u64) -> Vec<u8> {
        self.bodies.remove(&TaskId(id)).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Drives a job over JSON the way a host does, with files in memory.
    fn drive(job: &mut PackJob, files: &[(&str, &[u8])]) -> (Value, Vec<u8>) {
        let mut out = Vec::new();
        let mut queue: Vec<Value> = Vec::new();
        let mut step = job.step(&json!({"kind": "start"}), Vec::new()).unwrap();
        loop {
            if step["kind"] == "done" {
                return (step, out);
            }
            queue.extend(step["tasks"].as_array().cloned().unwrap_or_default());
            let t = queue.remove(0);
            let id = t["id"].as_u64().unwrap();
            let size = |n: &Value| files.iter().find(|(f, _)| *f == n.as_str().unwrap()).map(|(_, d)| d.len());
            let (event, data) = match t["kind"].as_str().unwrap() {
                "stat" => {
                    let sizes: Vec<Option<usize>> = t["names"].as_array().unwrap().iter().map(size).collect();
                    (json!({"id": id, "kind": "sizes", "sizes": sizes}), Vec::new())
                }
                "read" => {
                    let d = files.iter().find(|(f, _)| *f == t["name"]).unwrap().1;
                    let (o, l) = (t["offset"].as_u64().unwrap() as usize, t["length"].as_u64().unwrap() as usize);
                    (json!({"id": id, "kind": "data"}), d[o..o + l].to_vec())
                }
                "write" => {
                    assert_eq!(t["offset"].as_u64().unwrap(), out.len() as u64);
                    out.extend(job.take_body(id));
                    (json!({"id": id, "kind": "written"}), Vec::new())
                }
                other => panic!("{other}"),
            };
            step = job.step(&event, data).unwrap();
        }
    }

    #[test]
    fn a_submission_packs_over_json_into_the_entries_it_names() {
        let doc = json!({"applicationPackages": [{"fileName": "pkg\\App.msixupload", "fileStatus": "PendingUpload"}],
                         "listings": {"en-us": {"baseListing": {"images": [
                            {"fileName": "icon.png", "fileStatus": "PendingUpload", "imageType": "Icon"}]}}}});
        let mut job = PackJob::start(&json!({"kind": "app-submission", "document": doc})).unwrap();
        let (done, out) = drive(&mut job, &[("pkg/App.msixupload", b"package bytes"), ("icon.png", b"png")]);
        assert_eq!(done["report"]["entries"], json!(["pkg/App.msixupload", "icon.png"]));
        assert_eq!(done["report"]["size"], out.len());
        assert_eq!(done["report"]["inputBytes"], 16);
        let names = crate::package::entry_names(std::io::Cursor::new(&out)).unwrap();
        assert_eq!(names, ["pkg/App.msixupload", "icon.png"]);
    }

    #[test]
    fn a_missing_file_ends_the_job_with_missing_files_and_bad_requests_name_the_field() {
        let mut job = PackJob::start(&json!({"names": ["a.txt"]})).unwrap();
        let (done, out) = drive(&mut job, &[]);
        assert_eq!(done["error"]["code"], "missing_files");
        assert!(out.is_empty());
        let e = PackJob::start(&json!({"kind": "app-submission"})).unwrap_err();
        assert!(e.message().starts_with("pack:"), "{}", e.message());
        let e = PackJob::start(&json!({"names": ["a"], "level": 9})).unwrap_err();
        assert!(e.message().contains("pack/level"), "{}", e.message());
    }
}
