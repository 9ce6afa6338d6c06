//! README.md's "First release in 10 minutes" runs as written, against the emulator, up to the step that
//! needs real credentials: each command line of its `sh` block, in order, in a scratch folder. `cp`
//! lines put a placeholder file of the named file's name into the destination folder (the user copies
//! their real package and screenshot; a `.png` placeholder starts as a PNG of a size the Store takes);
//! `$EDITOR FILE` writes the texts the starter marked `TODO:`; the emulator line starts the binary in the
//! background; every
//! other line runs the `storesubmit` binary and must exit 0. Publishing commands get a short poll
//! interval so the emulator's release pipeline is followed quickly.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, ChildStdout, Stdio};

mod common;

use common::bin;

/// The command lines of the walkthrough's `sh` block, comments and blank lines dropped, up to the
/// credentials (`export`).
fn walkthrough() -> Vec<String> {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../README.md")).unwrap();
    let section = readme.split("## First release in 10 minutes").nth(1).expect("the README has the walkthrough");
    let block = section.split("```sh\n").nth(1).and_then(|b| b.split("```").next()).expect("its sh block");
    block
        .lines()
        .map(|l| l.split(" # ").next().unwrap_or("").trim().to_string())
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .take_while(|l| !l.starts_with("export "))
        .collect()
}

/// The emulator running in the background, with its stdout kept open (it may print more).
struct Background(Child, #[allow(dead_code)] BufReader<ChildStdout>);

impl Drop for Background {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn the_readme_walkthrough_publishes_on_the_emulator() {
    let lines = walkthrough();
    assert!(lines.len() >= 7, "{lines:?}");
    let dir = common::dir("readme", "walkthrough");
    let mut emulator = None;
    let mut ran = 0;
    for line in &lines {
        let words: Vec<&str> = line.split_whitespace().collect();
        match words.as_slice() {
            ["cargo", "install", ..] => continue, // the binary under test is already built
            ["cp", file, dest] => {
                let dest = dir.0.join(dest);
                std::fs::create_dir_all(&dest).unwrap();
                std::fs::write(dest.join(file), common::placeholder_bytes(file, 2048)).unwrap();
            }
            ["$EDITOR", file] => {
                // the user writes the texts the starter marked TODO: (validate reports each until then)
                common::write_the_todos(&dir.0.join(file));
            }
            ["storesubmit", "emulator", args @ .., ">", out, "&"] => {
                let mut child =
                    bin().arg("emulator").args(args).current_dir(&dir.0).stdout(Stdio::piped()).spawn().unwrap();
                let mut first = String::new();
                let mut stdout = BufReader::new(child.stdout.take().unwrap());
                stdout.read_line(&mut first).unwrap();
                std::fs::write(dir.0.join(out), &first).unwrap();
                emulator = Some(Background(child, stdout));
            }
            ["storesubmit", args @ ..] => {
                let mut cmd = bin();
                cmd.args(args).current_dir(&dir.0);
                if args.contains(&"publish") {
                    cmd.args(["--poll-interval", "100ms"]);
                }
                let o = cmd.output().unwrap();
                let (out, err) = (String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
                assert_eq!(o.status.code(), Some(0), "`{line}`:\n{out}\n{err}");
                if args.contains(&"publish") && !args.contains(&"--dry-run") {
                    assert!(out.contains("Published") || out.contains("published"), "`{line}`:\n{out}");
                }
                ran += 1;
            }
            other => panic!("the walkthrough has a line the test does not know how to run: {other:?}"),
        }
    }
    assert!(emulator.is_some(), "the walkthrough starts the emulator");
    assert!(ran >= 4, "{ran} storesubmit commands ran");
}
