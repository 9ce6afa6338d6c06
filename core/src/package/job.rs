//! Packaging as a sans-IO machine: the ZIP a submission needs, written from files a host reads and to
//! an output the host writes, in the task protocol of [`crate::task`].
//!
//! [`super::PackagePlan`] packs from a local folder to a local file; a browser (`File`s of a picked
//! folder, a download `Blob`), Node (streams) or .NET (`Stream`s) has neither. [`ZipJob`] asks its host
//! for the sizes of the files ([`Work::Stat`]), for their bytes in chunks ([`Work::Read`]) and to
//! append the archive's bytes to its output ([`Work::Write`], in order, one at a time), through the same
//! streaming writer a zip-while-uploading upload uses, so both give the same bytes for the same input.
//!
//! Memory stays bounded whatever the sizes: at most [`READ_AHEAD`] reads of [`CHUNK`] bytes are out,
//! reading waits while [`MAX_HELD`] bytes are read but not yet written, and one write of at most
//! [`CHUNK`] bytes is out.
//!
//! Names in `Stat` and `Read` tasks are the archive's entry names ([`super::entry_name`]: `/`-separated,
//! relative, NFC), which is how a picked folder or a path relative to a base folder spells them.

use std::collections::HashMap;

use serde_json::Value;

use super::stream::{changed_while_read, ZipInput, ZipProducer};
use super::{default_compression, entry_name, submission_entries};
use crate::error::{Error, ErrorKind, Result};
use crate::model::DocumentKind;
use crate::task::{Completion, Event, Machine, Progress, Step, Task, TaskId, Tick, Work};

/// Largest read, and largest write, of a job (1 MiB).
pub const CHUNK: u64 = 1 << 20;
/// Reads out at once.
pub const READ_AHEAD: usize = 2;
/// Bytes read but not yet written that stop further reads (4 MiB).
pub const MAX_HELD: u64 = 4 << 20;

/// What a finished job wrote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ZipReport {
    /// Bytes of the archive.
    pub size: u64,
    /// The entry names, in archive order.
    pub entries: Vec<String>,
    /// Bytes of input read (the sum of the files' sizes).
    pub input_bytes: u64,
}

/// A task the job waits for.
#[derive(Clone, Copy, Debug)]
enum Out {
    Stat,
    Read { file: usize, offset: u64, len: u64 },
    Write,
}

/// The packaging machine (see the module documentation).
pub struct ZipJob {
    /// `(entry name, compression)` of each file, in archive order.
    files: Vec<(String, super::Compression)>,
    producer: Option<ZipProducer>,
    out: HashMap<TaskId, Out>,
    next_id: u64,
    reading: u64,
    written: u64,
    input_total: u64,
    input_done: u64,
    started: bool,
    done: Option<Result<ZipReport>>,
    /// The input bytes last reported as [`Progress::Pack`].
    reported: (u64, u64),
}

impl Machine for ZipJob {
    type Output = ZipReport;

    /// Advances the job: [`Event::Start`] first, then each completion; [`Event::Cancel`] stops it (the
    /// host's output then holds a partial archive, which it should discard). The tick is unused: the job
    /// has no clock.
    fn resume(&mut self, event: Event, _tick: Tick) -> Step<ZipReport> {
        if self.done.is_none() {
            let completion = match event {
                Event::Cancel => {
                    self.done = Some(Err(Error::new(ErrorKind::Cancelled, "packaging was cancelled")));
                    None
                }
                Event::Start => None,
                Event::Completed(id, c) => Some((id, c)),
            };
            if self.done.is_none() {
                let mut tasks = Vec::new();
                match self.advance(completion, &mut tasks) {
                    Err(e) => self.done = Some(Err(e)),
                    Ok(()) if tasks.is_empty() && self.out.is_empty() => {
                        let size = self.producer.as_ref().map_or(0, ZipProducer::produced);
                        self.done = Some(Ok(ZipReport {
                            size,
                            entries: self.files.iter().map(|(n, _)| n.clone()).collect(),
                            input_bytes: self.input_total,
                        }));
                    }
                    Ok(()) if tasks.is_empty() => return Step::Pending,
                    Ok(()) => return Step::Run(tasks),
                }
            }
        }
        Step::Done(self.done.clone().expect("set above"))
    }

    /// A [`Progress::Pack`] event when the input bytes read changed since the last call.
    fn take_progress(&mut self) -> Vec<Progress> {
        let now = self.progress();
        if now == self.reported || now.1 == 0 {
            return Vec::new();
        }
        self.reported = now;
        vec![Progress::Pack { done: now.0, total: now.1 }]
    }

    fn stage(&self) -> String {
        match (&self.done, self.started) {
            (Some(_), _) => "done",
            (None, false) => "start",
            (None, true) => "pack",
        }
        .into()
    }
}

impl std::fmt::Debug for ZipJob {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ZipJob")
            .field("files", &self.files.len())
            .field("written", &self.written)
            .field("done", &self.done.is_some())
            .finish()
    }
}

impl ZipJob {
    /// The job for a submission: every file it names for upload ([`submission_entries`]), once each.
    ///
    /// # Errors
    /// `invalid_archive` for an unsafe name or two names differing only in case.
    pub fn for_submission(kind: DocumentKind, doc: &Value) -> Result<ZipJob> {
        let entries = submission_entries(kind, doc)?;
        Ok(ZipJob::with_entries(entries.into_iter().map(|e| e.name).collect()))
    }

    /// The job for a plain list of files, each becoming the entry [`entry_name`] of itself.
    ///
    /// # Errors
    /// `invalid_archive` for an unsafe name, or a name given twice (also when only the case differs).
    pub fn for_names<I, S>(names: I) -> Result<ZipJob>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut list: Vec<String> = Vec::new();
        for n in names {
            let name = entry_name(n.as_ref())?;
            if list.iter().any(|o| o.to_lowercase() == name.to_lowercase()) {
                return Err(Error::new(ErrorKind::InvalidArchive, format!("`{name}` is named twice")));
            }
            list.push(name);
        }
        Ok(ZipJob::with_entries(list))
    }

    fn with_entries(names: Vec<String>) -> ZipJob {
        let files = names.into_iter().map(|n| (n.clone(), default_compression(&n))).collect();
        ZipJob {
            files,
            producer: None,
            out: HashMap::new(),
            next_id: 0,
            reading: 0,
            written: 0,
            input_total: 0,
            input_done: 0,
            started: false,
            done: None,
            reported: (0, 0),
        }
    }

    /// Input bytes read so far and in total (the total is known once the sizes are in).
    pub fn progress(&self) -> (u64, u64) {
        (self.input_done, self.input_total)
    }

    fn task(&mut self, work: Work, out: Out, tasks: &mut Vec<Task>) {
        self.next_id += 1;
        let id = TaskId(self.next_id);
        self.out.insert(id, out);
        tasks.push(Task { id, work });
    }

    fn advance(&mut self, completion: Option<(TaskId, Completion)>, tasks: &mut Vec<Task>) -> Result<()> {
        if !self.started {
            self.started = true;
            let names = self.files.iter().map(|(n, _)| n.clone()).collect();
            self.task(Work::Stat { names }, Out::Stat, tasks);
            return Ok(());
        }
        if let Some((id, c)) = completion {
            let out = self
                .out
                .remove(&id)
                .ok_or_else(|| Error::invalid_argument(format!("the host completed task {id}, which is not out")))?;
            self.complete(out, c)?;
        }
        self.issue(tasks)
    }

    fn complete(&mut self, out: Out, c: Completion) -> Result<()> {
        match (out, c) {
            (_, Completion::Failed(e)) => Err(e),
            (Out::Stat, Completion::Sizes(sizes)) => self.on_sizes(sizes),
            (Out::Read { file, offset, len }, Completion::Data(data)) => {
                self.reading -= len;
                if data.len() as u64 != len {
                    return Err(changed_while_read(&self.files[file].0, offset, len, data.len()));
                }
                self.input_done += len;
                self.producer.as_mut().expect("reading").on_data(file, offset, data)
            }
            (Out::Write, Completion::Written) => Ok(()),
            (out, c) => {
                let what = match out {
                    Out::Stat => "stat",
                    Out::Read { .. } => "read",
                    Out::Write => "write",
                };
                Err(Error::invalid_argument(format!("the {what} task was completed with {}", c.kind_name())))
            }
        }
    }

    fn on_sizes(&mut self, sizes: Vec<Option<u64>>) -> Result<()> {
        if sizes.len() != self.files.len() {
            return Err(Error::invalid_argument(format!(
                "the host answered a stat of {} files with {} sizes",
                self.files.len(),
                sizes.len()
            )));
        }
        let missing: Vec<&str> =
            self.files.iter().zip(&sizes).filter(|(_, s)| s.is_none()).map(|((n, _), _)| n.as_str()).collect();
        if !missing.is_empty() {
            return Err(Error::new(
                ErrorKind::MissingFiles,
                format!("{} file(s) missing: {}", missing.len(), missing.join(", ")),
            ));
        }
        let inputs: Vec<ZipInput> = self
            .files
            .iter()
            .zip(sizes)
            .map(|((name, c), size)| ZipInput {
                name: name.clone(),
                entry: name.clone(),
                compression: *c,
                size: size.unwrap_or(0),
            })
            .collect();
        self.input_total = inputs.iter().map(|f| f.size).sum();
        let mut producer = ZipProducer::new(inputs, CHUNK, CHUNK as usize);
        // an archive of empty files needs no read: it is complete at once
        producer.feed()?;
        self.producer = Some(producer);
        Ok(())
    }

    fn issue(&mut self, tasks: &mut Vec<Task>) -> Result<()> {
        if self.producer.is_none() {
            return Ok(());
        }
        let writing = self.out.values().any(|o| matches!(o, Out::Write));
        if !writing {
            if let Some((_, data)) = self.producer.as_mut().expect("checked").take_ready() {
                let offset = self.written;
                self.written += data.len() as u64;
                self.task(Work::Write { offset, data }, Out::Write, tasks);
            }
        }
        loop {
            let reads = self.out.values().filter(|o| matches!(o, Out::Read { .. })).count();
            let producer = self.producer.as_mut().expect("checked");
            let held = producer.buffered() + self.reading;
            // what is read and not yet written stays within MAX_HELD (plus the one write out): a full
            // block is always ready to write when this holds, so the job never stalls
            if reads >= READ_AHEAD || held + CHUNK > MAX_HELD {
                break;
            }
            let Some((file, offset, len)) = producer.next_read() else { break };
            let name = producer.files[file].name.clone();
            self.reading += len;
            self.task(Work::Read { name, offset, len }, Out::Read { file, offset, len }, tasks);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::package::entry_names;

    /// Runs a job against files in memory; completes reads in reverse order to show order does not matter.
    fn run(job: &mut ZipJob, files: &BTreeMap<&str, Vec<u8>>) -> (Result<ZipReport>, Vec<u8>, usize) {
        let mut out = Vec::new();
        let mut queue: Vec<Task> = Vec::new();
        let mut most_reads = 0;
        let mut step = job.resume(Event::Start, Tick::at(0));
        loop {
            match step {
                Step::Done(r) => return (r, out, most_reads),
                Step::Run(t) => queue.extend(t),
                Step::Pending => {}
            }
            most_reads = most_reads.max(queue.iter().filter(|t| matches!(t.work, Work::Read { .. })).count());
            let task = queue.pop().expect("a task to answer");
            let c = match task.work {
                Work::Stat { names } => {
                    Completion::Sizes(names.iter().map(|n| files.get(n.as_str()).map(|d| d.len() as u64)).collect())
                }
                Work::Read { name, offset, len } => {
                    let d = &files[name.as_str()];
                    Completion::Data(d[offset as usize..(offset + len) as usize].to_vec())
                }
                Work::Write { offset, data } => {
                    assert_eq!(offset, out.len() as u64, "writes come in order");
                    assert!(data.len() as u64 <= CHUNK);
                    out.extend_from_slice(&data);
                    Completion::Written
                }
                other => panic!("unexpected {other:?}"),
            };
            step = job.resume(Event::Completed(task.id, c), Tick::at(0));
        }
    }

    #[test]
    fn a_job_writes_the_archive_the_streaming_writer_writes_with_bounded_reads() {
        let big: Vec<u8> = (0..5_000_000u32).map(|i| (i % 251) as u8).collect();
        let files: BTreeMap<&str, Vec<u8>> =
            [("pkg/App.msixupload", big.clone()), ("notes.txt", b"hello".to_vec()), ("empty.txt", Vec::new())].into();
        let mut job = ZipJob::for_names(["pkg\\App.msixupload", "notes.txt", "empty.txt"]).unwrap();
        let (r, out, most) = run(&mut job, &files);
        let report = r.unwrap();
        assert_eq!(report.size, out.len() as u64);
        assert_eq!(report.input_bytes, big.len() as u64 + 5);
        assert_eq!(report.entries, ["pkg/App.msixupload", "notes.txt", "empty.txt"]);
        assert!(most <= READ_AHEAD, "{most} reads out at once");
        assert_eq!(entry_names(std::io::Cursor::new(&out)).unwrap(), report.entries);
        assert_eq!(job.progress(), (report.input_bytes, report.input_bytes));
    }

    #[test]
    fn missing_files_are_named_and_nothing_is_written() {
        let files: BTreeMap<&str, Vec<u8>> = [("a.png", vec![1, 2, 3])].into();
        let mut job = ZipJob::for_names(["a.png", "b.png", "c.png"]).unwrap();
        let (r, out, _) = run(&mut job, &files);
        let e = r.unwrap_err();
        assert_eq!(e.kind(), ErrorKind::MissingFiles);
        assert!(e.message().contains("b.png, c.png"), "{}", e.message());
        assert!(out.is_empty());
    }

    #[test]
    fn a_file_that_shrinks_while_read_fails_the_job() {
        let mut job = ZipJob::for_names(["a.bin"]).unwrap();
        let Step::Run(t) = job.resume(Event::Start, Tick::at(0)) else { panic!() };
        let Step::Run(t) = job.resume(Event::Completed(t[0].id, Completion::Sizes(vec![Some(10)])), Tick::at(0)) else {
            panic!()
        };
        let Step::Done(Err(e)) = job.resume(Event::Completed(t[0].id, Completion::Data(vec![0; 4])), Tick::at(0))
        else {
            panic!()
        };
        assert_eq!(e.kind(), ErrorKind::Io);
    }

    #[test]
    fn unsafe_and_repeated_names_are_refused_before_any_task() {
        assert_eq!(ZipJob::for_names(["../x"]).unwrap_err().kind(), ErrorKind::InvalidArchive);
        assert_eq!(ZipJob::for_names(["A.png", "a.png"]).unwrap_err().kind(), ErrorKind::InvalidArchive);
    }

    #[test]
    fn cancel_ends_the_job() {
        let mut job = ZipJob::for_names(["a.bin"]).unwrap();
        let _ = job.resume(Event::Start, Tick::at(0));
        let Step::Done(Err(e)) = job.resume(Event::Cancel, Tick::at(0)) else { panic!() };
        assert_eq!(e.kind(), ErrorKind::Cancelled);
    }
}
