//! `storesubmit demo`: starts the embedded emulator and publishes a sample app (with a 25 % gradual
//! rollout), add-on, package flight and MSI/EXE product end to end through the same workflows a real
//! release uses, printing each stage. Needs no credentials and touches nothing outside a temp folder.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::json;
use storesubmit::api::auth::ClientCredentials;
use storesubmit::flow::devcenter::{SubmissionOptions, Target};
use storesubmit::flow::win32::{AssetSet, Win32Spec};
use storesubmit::flow::{FlowConfig, Outcome, StopAfter, SubmissionSpec};
use storesubmit::policy::PollSchedule;
use storesubmit::{Error, ErrorKind, Result};
use storesubmit_emulator::{Config, Emulator, Info};

use super::client;
use crate::output::{self, Mode};

/// A temp folder removed on drop.
struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> Result<()> {
    let path = name.split(['/', '\\']).fold(dir.to_path_buf(), |p, s| p.join(s));
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::new(ErrorKind::Io, format!("{}: {e}", parent.display())))?;
    }
    std::fs::write(&path, bytes).map_err(|e| Error::new(ErrorKind::Io, format!("{}: {e}", path.display())))
}

/// Deterministic filler standing in for a package (already-compressed data looks random).
fn filler(len: usize, seed: u64) -> Vec<u8> {
    let mut x = seed | 1;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect()
}

/// `len` bytes that start as a `width` x `height` PNG (signature and `IHDR`, what validation reads of a
/// listing image), then filler: the sample's images need not be pictures, only of a size the Store takes.
fn png_filler(width: u32, height: u32, len: usize, seed: u64) -> Vec<u8> {
    let mut v = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    v.extend_from_slice(&width.to_be_bytes());
    v.extend_from_slice(&height.to_be_bytes());
    v.extend_from_slice(&[8, 6, 0, 0, 0]);
    let head = v.len();
    v.extend_from_slice(&filler(len - head, seed));
    v
}

fn sample_files() -> Result<TempDir> {
    let dir = std::env::temp_dir().join(format!(
        "storesubmit-demo-{}-{}",
        std::process::id(),
        Instant::now().elapsed().as_nanos()
    ));
    let dir = TempDir(dir);
    write(&dir.0, "Contoso.App_1.2.0.0_x64.msixupload", &filler(3 << 20, 1))?;
    write(&dir.0, "Contoso.App_1.2.1.0_x64.msixupload", &filler(1 << 20, 2))?;
    write(&dir.0, "Images/Screenshot1.png", &png_filler(1920, 1080, 64 << 10, 3))?;
    write(&dir.0, "Images/Icon300.png", &png_filler(300, 300, 16 << 10, 4))?;
    write(&dir.0, "Assets/screenshot-en-us.png", &filler(48 << 10, 5))?;
    write(&dir.0, "Assets/logo-en-us.png", &filler(8 << 10, 6))?;
    Ok(dir)
}

fn flow_config(info: &Info) -> FlowConfig {
    let mut cfg = FlowConfig::new(
        info.endpoints(),
        ClientCredentials::new(&info.tenant_id, &info.client_id, info.client_secret.as_str()),
    );
    cfg.seller_id = Some(info.seller_id.clone());
    cfg.poll = PollSchedule::fast(Duration::from_millis(250));
    cfg.deadline = Some(Duration::from_secs(300));
    cfg
}

fn report(mode: Mode, what: &str, out: &Outcome, started: Instant) {
    output::print_outcome(mode, what, out);
    output::note(mode, &format!("[{what}] done in {:.1}s", started.elapsed().as_secs_f64()));
}

/// Runs the demo.
pub fn run(mode: Mode) -> Result<i32> {
    // The emulated pipeline's phases take seconds instead of days (see emulator::Durations).
    let config = Config::default();
    let emu = Emulator::start_blocking(config)
        .map_err(|e| Error::new(ErrorKind::Transport, format!("cannot start the emulator: {e}")))?;
    let info = emu.info().clone();
    output::note(
        mode,
        &format!("emulator: devcenter {} · MSI/EXE {} · token {}", info.devcenter_url, info.win32_url, info.token_url),
    );
    let files = sample_files()?;
    let cfg = flow_config(&info);
    let all = Instant::now();

    // 1. An app submission: a new package replacing the old ones, a listing screenshot, 25 % rollout.
    let what = format!("app {}", info.app_id);
    let (c, reporter) = client(mode, cfg.clone(), &what)?;
    let spec = SubmissionSpec {
        changes: json!({
            "applicationPackages": [{"fileName": "Contoso.App_1.2.0.0_x64.msixupload", "minimumDirectXVersion": "None", "minimumSystemRam": "None"}],
            "listings": {"en-us": {"baseListing": {
                "description": "Contoso App: the demo of storesubmit.",
                "releaseNotes": "Published by `storesubmit demo`.",
                "images": [{"fileName": "Images\\Screenshot1.png", "imageType": "Screenshot", "description": "Main window"}]
            }}},
            "notesForCertification": "Demo submission from the storesubmit emulator."
        }),
        rollout_percentage: Some(25.0),
        ..SubmissionSpec::default()
    };
    let started = Instant::now();
    let out = c.publish_submission(
        Target::App { app_id: info.app_id.clone() },
        spec,
        SubmissionOptions::default(),
        Some(&files.0),
    );
    reporter.finish();
    report(mode, &what, &out?, started);

    // 2. An add-on submission with a new icon.
    let what = format!("add-on {}", info.addon_id);
    let (c, reporter) = client(mode, cfg.clone(), &what)?;
    let spec = SubmissionSpec::from_changes(json!({
        "listings": {"en-us": {"title": "Contoso Coins", "description": "100 coins.", "icon": {"fileName": "Images/Icon300.png"}}},
        "pricing": {"priceId": "Tier2"}
    }));
    let started = Instant::now();
    let out = c.publish_submission(
        Target::Addon { addon_id: info.addon_id.clone() },
        spec,
        SubmissionOptions::default(),
        Some(&files.0),
    );
    reporter.finish();
    report(mode, &what, &out?, started);

    // 3. A package flight submission.
    let what = format!("flight {}", info.flight_id);
    let (c, reporter) = client(mode, cfg.clone(), &what)?;
    let spec = SubmissionSpec::from_changes(json!({
        "flightPackages": [{"fileName": "Contoso.App_1.2.1.0_x64.msixupload"}]
    }));
    let target = Target::Flight { app_id: info.app_id.clone(), flight_id: info.flight_id.clone() };
    let started = Instant::now();
    let out = c.publish_submission(target, spec, SubmissionOptions::default(), Some(&files.0));
    reporter.finish();
    report(mode, &what, &out?, started);

    // 4. An MSI/EXE product: new installer, a listing change, new listing images, submit.
    let what = format!("MSI/EXE {}", info.win32_product_id);
    let (c, reporter) = client(mode, cfg, &what)?;
    let spec = Win32Spec {
        packages: Some(json!({"packages": [{
            "packageUrl": "https://downloads.contoso.example/setup-1.2.0.msi",
            "languages": ["en-us"],
            "architectures": ["X64"],
            "isSilentInstall": true,
            "packageType": "msi"
        }]})),
        metadata: Some(json!({"listings": {
            "language": "en-us",
            "description": "Contoso Desktop: the demo of storesubmit.",
            "whatsNew": "Published by storesubmit demo.",
            "productFeatures": ["Fast", "Small"],
            "shortDescription": "Contoso Desktop",
            "searchTerms": ["contoso", "demo"]
        }})),
        metadata_patch: true,
        assets: vec![AssetSet {
            language: "en-us".into(),
            screenshots: vec!["Assets/screenshot-en-us.png".into()],
            logos: vec!["Assets/logo-en-us.png".into()],
        }],
        ..Win32Spec::default()
    };
    let started = Instant::now();
    let out = c.publish_win32(&info.win32_product_id, spec, StopAfter::Published, Some(&files.0));
    reporter.finish();
    report(mode, &what, &out?, started);

    output::note(
        mode,
        &format!("demo: app, add-on, flight and MSI/EXE product published in {:.1}s", all.elapsed().as_secs_f64()),
    );
    Ok(0)
}
