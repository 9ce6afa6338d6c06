//! A run killed hard at any moment (SIGKILL: an out-of-memory kill, a preempted runner), then **the same
//! command again** (issue 24): before the journal, 7 of 30 such reruns published a second submission and
//! 19 were refused ("in progress"). Now the rerun continues the same submission: exactly one created,
//! published, every file uploaded.
//!
//! Two tests: a kill at each stage of an app publish (deterministic: a slowed request holds the run in the
//! stage), and a seeded chaos campaign — random faults from the emulator's set, kills at random moments,
//! reruns until the command succeeds — whose figures RELIABILITY.md records.

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use storesubmit_emulator::{Config, Durations, Emulator, EmulatorHandle, FaultRule};

mod common;

fn quick() -> Durations {
    Durations { commit: 0.2, preprocessing: 0.2, certification: 0.2, release: 0.2, ..Durations::default() }
}

/// One emulator, its connection file, a package and a submission file, and the publish command.
struct Run {
    emu: EmulatorHandle,
    _dir: common::Dir,
    args: Vec<String>,
}

impl Run {
    fn new(tag: &str) -> Run {
        let d = common::dir("kill", tag);
        let emu = Emulator::start_blocking(Config { durations: quick(), ..Config::default() }).expect("emulator");
        let cfg = common::write(&d.0, "emulator.json", &serde_json::to_value(emu.info()).unwrap());
        let files = d.0.join("files");
        common::write_placeholder(&files, "app.msixupload", 3 << 20);
        let sub = common::write(&d.0, "sub.json", &json!({"applicationPackages": [{"fileName": "app.msixupload"}]}));
        let args = [
            "--json",
            "app",
            "publish",
            "--config",
            &cfg,
            "--app-id",
            &emu.info().app_id,
            "--submission",
            &sub,
            "--files",
            files.to_str().unwrap(),
            "--poll-interval",
            "50ms",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        Run { emu, _dir: d, args }
    }

    fn spawn(&self) -> Child {
        common::bin().args(&self.args).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap()
    }

    /// The command to its end: exit status and stdout.
    fn finish(&self) -> (Option<i32>, String, String) {
        let o = common::bin().args(&self.args).output().unwrap();
        (
            o.status.code(),
            String::from_utf8_lossy(&o.stdout).into_owned(),
            String::from_utf8_lossy(&o.stderr).into_owned(),
        )
    }

    /// Requests of `op` the emulator answered with a 2xx status.
    fn ok(&self, op: &str) -> usize {
        self.emu
            .requests()
            .iter()
            .filter(|r| r["op"] == op && r["status"].as_u64().is_some_and(|s| (200..300).contains(&s)))
            .count()
    }

    /// The checks after the last run: it published, exactly one submission was created, and the
    /// package's bytes are in the blob store of the published submission.
    fn assert_one_published(&self, what: &str, last: &(Option<i32>, String, String)) {
        assert_eq!(last.0, Some(0), "{what}: the last run: {}{}", last.1, last.2);
        let out: Value = serde_json::from_str(last.1.trim()).unwrap_or(Value::Null);
        assert_eq!(out["stage"], "published", "{what}: {}", last.1);
        let log: Vec<String> =
            self.emu.requests().iter().map(|r| format!("{} {} {}", r["op"], r["status"], r["ms"])).collect();
        assert_eq!(
            self.ok("devcenter.create_app_submission"),
            1,
            "{what}: one submission, never a duplicate; the service saw:\n{}",
            log.join("\n")
        );
        assert!(self.ok("blob.put_block_list") + self.ok("blob.put_blob") >= 1, "{what}: the package was uploaded");
    }
}

/// What became of a run: killed, or ended by itself (exit status, stdout, stderr).
enum Fate {
    Killed,
    Ended((Option<i32>, String, String)),
}

/// Kills `child` (SIGKILL) once a stderr line holds `marker` and `after` has passed, unless it ended
/// by itself first.
fn kill_when(mut child: Child, marker: &str, after: Duration) -> Fate {
    let mut err = BufReader::new(child.stderr.take().unwrap());
    let mut out = child.stdout.take().unwrap();
    let stdout = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = out.read_to_string(&mut s);
        s
    });
    let mut seen = String::new();
    let mut line = String::new();
    loop {
        line.clear();
        if err.read_line(&mut line).unwrap_or(0) == 0 {
            break;
        }
        seen.push_str(&line);
        if line.contains(marker) {
            break;
        }
    }
    let stderr = std::thread::spawn(move || {
        let _ = err.read_to_string(&mut seen);
        seen
    });
    let deadline = Instant::now() + after;
    while Instant::now() < deadline {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    if let Some(status) = child.try_wait().unwrap() {
        return Fate::Ended((status.code(), stdout.join().unwrap(), stderr.join().unwrap()));
    }
    let _ = child.kill();
    let _ = child.wait();
    let _ = (stdout.join(), stderr.join());
    Fate::Killed
}

fn slow(op: &str, times: u32) -> FaultRule {
    serde_json::from_value(json!({"op": op, "delay_ms": 1500, "times": times})).unwrap()
}

#[test]
fn a_kill_at_each_stage_then_the_same_command_publishes_exactly_one_submission() {
    for (stage, op) in [
        ("create", "devcenter.create_app_submission"),
        ("update", "devcenter.update_app_submission"),
        ("upload", "blob.put_block"),
        ("commit", "devcenter.commit_app_submission"),
        ("poll", "devcenter.get_app_submission_status"),
    ] {
        let run = Run::new(stage);
        run.emu.add_fault(slow(op, 1)).unwrap();
        let fate = kill_when(run.spawn(), &format!("stage {stage}"), Duration::from_millis(400));
        assert!(matches!(fate, Fate::Killed), "{stage}: the kill landed while the run was in the stage");
        let last = run.finish();
        run.assert_one_published(stage, &last);
    }
}

/// A small seeded generator (the campaign is the same on every machine).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

#[test]
fn chaos_campaign_random_faults_and_kills_leave_one_published_submission() {
    let seed = std::env::var("STORESUBMIT_CHAOS_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(24);
    let runs = std::env::var("STORESUBMIT_CHAOS_RUNS").ok().and_then(|s| s.parse().ok()).unwrap_or(16);
    let mut rng = Lcg(seed);
    let ops = [
        "devcenter.get_app",
        "devcenter.create_app_submission",
        "devcenter.update_app_submission",
        "blob.put_block",
        "blob.put_block_list",
        "devcenter.commit_app_submission",
        "devcenter.get_app_submission_status",
    ];
    let started = Instant::now();
    let (mut faults, mut kills) = (0, 0);
    for i in 0..runs {
        let run = Run::new(&format!("chaos-{i}"));
        for _ in 0..1 + rng.next(3) {
            let op = ops[rng.next(ops.len() as u64) as usize];
            let rule = match rng.next(4) {
                0 => json!({"op": op, "delay_ms": 300 + rng.next(1200), "times": 1}),
                1 => json!({"op": op, "status": 500, "times": 1, "skip": rng.next(2)}),
                2 => json!({"op": op, "status": 503, "headers": {"Retry-After": "0"}, "times": 1}),
                _ => json!({"op": op, "drop": true, "times": 1}),
            };
            run.emu.add_fault(serde_json::from_value(rule).unwrap()).unwrap();
            faults += 1;
        }
        // up to three kills at random moments, then a run left to finish
        let mut last = None;
        for _ in 0..3 {
            if rng.next(4) == 0 {
                break;
            }
            match kill_when(run.spawn(), "stage", Duration::from_millis(rng.next(900))) {
                Fate::Killed => kills += 1,
                Fate::Ended(result) => {
                    last = Some(result);
                    break;
                }
            }
        }
        let last = last.unwrap_or_else(|| run.finish());
        run.assert_one_published(&format!("chaos run {i} (seed {seed})"), &last);
    }
    eprintln!(
        "chaos campaign: seed {seed}, {runs} runs, {faults} faults, {kills} kills (each followed by the same \
         command); 0 duplicates, 0 stuck, every run published, {:.0} s",
        started.elapsed().as_secs_f64()
    );
}
