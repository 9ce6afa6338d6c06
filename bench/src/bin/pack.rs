//! Benchmark driver for packaging and upload (issue 4), run by `bench/pack.sh`, which times each
//! subcommand with GNU time against `cp`, Python's `zipfile`, Info-ZIP `zip` and Azurite.
//!
//! - `pack gen DIR [MIB]`: writes the input, 1024 MiB unless `MIB` says otherwise — `app.msixupload`
//!   (random bytes: 900 MiB of the 1024, `MIB - 124` in general), 41 random screenshots
//!   `Images/Shot NN.png` (3 MiB each), `notes.txt` (1 MiB of text) — and `submission.json`, an app
//!   submission naming them all (`PendingUpload`).
//! - `pack pack SUBMISSION FILES OUT`: [`storesubmit::package::pack`], the one-call packaging API.
//! - `pack upload FILE SAS_URL`: [`BlobUploader::upload_file`] (the "then upload" half).
//! - `pack zip-upload SUBMISSION FILES SAS_URL`: zip-while-uploading ([`BlobUploader::upload_zip`]).
//! - `pack rwcopy FILES OUT`: the reference for "as fast as the disk takes the bytes": every file under
//!   `FILES` (but `submission.json`), in name order, copied into the one file `OUT` by a plain
//!   `read(2)`/`write(2)` loop with a 1 MiB buffer. `cp` (and `std::io::copy`) may hand the copy to the
//!   kernel (`copy_file_range`) and skip writing data at all, so it is not a fair floor for a tool that
//!   writes a new archive.
//! - `pack sas ACCOUNT_URL CONTAINER BLOB`: creates the container on Azurite (development account) and
//!   prints a write SAS URL for the blob, signed with the core's service-SAS signer.
//!
//! Results go in BENCHMARKS.md, section "Packaging and upload".

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use serde_json::{json, Value};
use storesubmit::api::blob::{self, SasUrl, DEV_ACCOUNT, DEV_ACCOUNT_KEY};
use storesubmit::model::DocumentKind;
use storesubmit::package::{self, PackagePlan};
use storesubmit::transport::{BlobUploader, UploadOptions};

const MIB: usize = 1 << 20;
const SAS_VERSION: &str = "2021-12-02";

fn usage() -> ExitCode {
    eprintln!(
        "usage: pack gen DIR [MIB] | pack pack SUBMISSION FILES OUT | pack upload FILE SAS_URL | \
         pack zip-upload SUBMISSION FILES SAS_URL | pack sas ACCOUNT_URL CONTAINER BLOB"
    );
    ExitCode::from(2)
}

/// xorshift64*: incompressible bytes, fast, no dependency.
fn fill(state: &mut u64, buf: &mut [u8]) {
    for c in buf.chunks_mut(8) {
        *state ^= *state >> 12;
        *state ^= *state << 25;
        *state ^= *state >> 27;
        let v = state.wrapping_mul(0x2545_F491_4F6C_DD1D).to_le_bytes();
        c.copy_from_slice(&v[..c.len()]);
    }
}

fn write_random(path: &Path, seed: u64, len: usize) -> std::io::Result<()> {
    let mut f = std::fs::File::create(path)?;
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut buf = vec![0u8; MIB];
    let mut left = len;
    while left > 0 {
        let n = left.min(MIB);
        fill(&mut state, &mut buf[..n]);
        f.write_all(&buf[..n])?;
        left -= n;
    }
    Ok(())
}

fn generate(dir: &Path, total_mib: usize) -> std::io::Result<()> {
    std::fs::create_dir_all(dir.join("Images"))?;
    write_random(&dir.join("app.msixupload"), 1, total_mib.saturating_sub(124).max(1) * MIB)?;
    let mut images = Vec::new();
    for i in 0..41 {
        let name = format!("Images/Shot {i:02}.png");
        write_random(&dir.join(&name), 100 + i as u64, 3 * MIB)?;
        // a listing image starts as a PNG of a size the Store takes (validation reads its first bytes)
        let mut head = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        head.extend_from_slice(&1920u32.to_be_bytes());
        head.extend_from_slice(&1080u32.to_be_bytes());
        std::fs::OpenOptions::new().write(true).open(dir.join(&name))?.write_all(&head)?;
        images.push(
            json!({"fileName": name.replace('/', "\\"), "fileStatus": "PendingUpload", "imageType": "Screenshot"}),
        );
    }
    let mut notes = String::new();
    let mut i = 0;
    while notes.len() < MIB {
        notes.push_str(&format!("{i:06} release note: fixed the thing that broke the other thing\n"));
        i += 1;
    }
    notes.truncate(MIB);
    std::fs::write(dir.join("notes.txt"), notes)?;
    // the text file rides as a new trailer's file name, the only way a submission names an arbitrary
    // file; it is deflated (by extension) like any text
    let doc = json!({
        "applicationPackages": [{"fileName": "app.msixupload", "fileStatus": "PendingUpload"}],
        "listings": {"en-us": {"baseListing": {"images": images}}},
        "trailers": [{"videoFileName": "notes.txt", "trailerAssets": {}}]
    });
    std::fs::write(dir.join("submission.json"), serde_json::to_vec_pretty(&doc)?)?;
    Ok(())
}

fn read_doc(path: &str) -> Result<Value, String> {
    let text = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
    serde_json::from_slice(&text).map_err(|e| format!("{path}: {e}"))
}

fn now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}

/// The files under `dir` (but `submission.json`), sorted by path.
fn input_files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?.map(|e| e.map(|e| e.path())).collect::<Result<_, _>>()?;
    entries.sort();
    for p in entries {
        if p.is_dir() {
            input_files(&p, out)?;
        } else if p.file_name().is_some_and(|n| n != "submission.json") {
            out.push(p);
        }
    }
    Ok(())
}

/// `pack rwcopy`: a plain read/write copy of the inputs into one file (no `copy_file_range`, no mmap).
fn rw_copy(dir: &Path, out: &Path) -> std::io::Result<u64> {
    use std::io::Read;
    let mut files = Vec::new();
    input_files(dir, &mut files)?;
    let mut dst = std::fs::File::create(out)?;
    let mut buf = vec![0u8; MIB];
    let mut total = 0u64;
    for f in files {
        let mut src = std::fs::File::open(f)?;
        loop {
            let n = src.read(&mut buf)?;
            if n == 0 {
                break;
            }
            dst.write_all(&buf[..n])?;
            total += n as u64;
        }
    }
    // flushed, not fsynced: as `pack` leaves its archive
    dst.flush()?;
    Ok(total)
}

fn mib_s(bytes: u64, secs: f64) -> f64 {
    bytes as f64 / (1 << 20) as f64 / secs.max(1e-9)
}

async fn run(args: &[String]) -> Result<(), String> {
    let a: Vec<&str> = args.iter().map(String::as_str).collect();
    let t0 = Instant::now();
    match a.as_slice() {
        ["gen", dir] => generate(Path::new(dir), 1024).map_err(|e| e.to_string()),
        ["gen", dir, mib] => {
            generate(Path::new(dir), mib.parse().map_err(|_| format!("bad size `{mib}`"))?).map_err(|e| e.to_string())
        }
        ["pack", sub, files, out] => {
            let doc = read_doc(sub)?;
            let r = package::pack(DocumentKind::AppSubmission, &doc, Path::new(files), Path::new(out), &mut |_, _| {})
                .map_err(|e| e.to_string())?;
            let s = t0.elapsed().as_secs_f64();
            eprintln!(
                "packed {} entries, {} → {} bytes in {s:.2} s ({:.0} MiB/s)",
                r.entries,
                r.input_bytes,
                r.archive_bytes,
                mib_s(r.input_bytes, s)
            );
            Ok(())
        }
        ["upload", file, url] => {
            let sas = SasUrl::parse(url).map_err(|e| e.to_string())?;
            let up = BlobUploader::new(UploadOptions::default()).map_err(|e| e.to_string())?;
            let r = up.upload_file(&sas, &PathBuf::from(file)).await.map_err(|e| e.to_string())?;
            let s = t0.elapsed().as_secs_f64();
            eprintln!("uploaded {} bytes in {} blocks in {s:.2} s ({:.0} MiB/s)", r.size, r.blocks, mib_s(r.size, s));
            Ok(())
        }
        ["zip-upload", sub, files, url] => {
            let doc = read_doc(sub)?;
            let plan = PackagePlan::from_submission(DocumentKind::AppSubmission, &doc, Path::new(files))
                .map_err(|e| e.to_string())?;
            let sas = SasUrl::parse(url).map_err(|e| e.to_string())?;
            let up = BlobUploader::new(UploadOptions::default()).map_err(|e| e.to_string())?;
            let r = up.upload_zip(&sas, &plan).await.map_err(|e| e.to_string())?;
            let s = t0.elapsed().as_secs_f64();
            eprintln!(
                "zipped and uploaded {} bytes in {} blocks in {s:.2} s ({:.0} MiB/s)",
                r.size,
                r.blocks,
                mib_s(r.size, s)
            );
            Ok(())
        }
        ["rwcopy", files, out] => {
            let bytes = rw_copy(Path::new(files), Path::new(out)).map_err(|e| e.to_string())?;
            let s = t0.elapsed().as_secs_f64();
            eprintln!("copied {bytes} bytes with read/write in {s:.2} s ({:.0} MiB/s)", mib_s(bytes, s));
            Ok(())
        }
        ["sas", account_url, container, blob_name] => {
            let q = blob::sign_account_sas(DEV_ACCOUNT, DEV_ACCOUNT_KEY, "sco", "rwdlac", now() + 86_400, SAS_VERSION)
                .map_err(|e| e.to_string())?;
            let req = blob::create_container(account_url, container, &q, SAS_VERSION);
            let client = reqwest::Client::new();
            let resp = client
                .put(&req.url)
                .headers(req.headers.iter().map(|(k, v)| (k.parse().unwrap(), v.parse().unwrap())).collect())
                .header("Content-Length", "0")
                .send()
                .await
                .map_err(|e| e.to_string())?;
            if !(resp.status().is_success() || resp.status().as_u16() == 409) {
                return Err(format!("create container: HTTP {}", resp.status()));
            }
            let url = blob::blob_sas_url(
                account_url,
                DEV_ACCOUNT,
                DEV_ACCOUNT_KEY,
                container,
                blob_name,
                "rcw",
                now() + 86_400,
                SAS_VERSION,
            )
            .map_err(|e| e.to_string())?;
            println!("{url}");
            Ok(())
        }
        _ => Err("bad arguments".into()),
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.is_empty() {
        return usage();
    }
    match run(&args).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("pack: {e}");
            usage()
        }
    }
}
