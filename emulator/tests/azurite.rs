//! The emulator with an outside blob store: a real Azurite (tests/tools, installed by scripts/setup.sh).
//! Upload URLs point at Azurite, signed with its account key by the core's signer; the emulator reads
//! the uploads back from Azurite at commit. Fails loudly when Azurite is not installed.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use bytes::Bytes;
use common::{body, Emu};
use serde_json::json;
use storesubmit::api::blob::SasUrl;
use storesubmit::api::devcenter as dc;
use storesubmit::api::win32::Win32;
use storesubmit::api::Family;
use storesubmit::transport::{BlobUploader, UploadOptions};
use storesubmit_emulator::config::ExternalBlob;

/// Azurite's well-known development account key (from Azurite's README).
const AZURITE_KEY: &str = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
const ACCOUNT: &str = "devstoreaccount1";

struct Azurite {
    child: Child,
    dir: std::path::PathBuf,
    endpoint: String,
}

impl Drop for Azurite {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn start_azurite() -> Azurite {
    let bin = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/tools/node_modules/.bin/azurite-blob");
    assert!(bin.exists(), "Azurite is not installed at {} (run scripts/setup.sh)", bin.display());
    let dir = std::env::temp_dir().join(format!("storesubmit-azurite-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut child = Command::new(&bin)
        .args(["--blobHost", "127.0.0.1", "--blobPort", "0", "--inMemoryPersistence", "--disableTelemetry"])
        .current_dir(&dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start Azurite");
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    let endpoint = loop {
        line.clear();
        let n = out.read_line(&mut line).unwrap();
        assert!(n > 0, "Azurite exited before listening");
        if let Some(url) = line.trim().strip_prefix("Azurite Blob service successfully listens on ") {
            break format!("{}/{ACCOUNT}", url.trim_end_matches('/'));
        }
    };
    // Keep draining Azurite's stdout so it never blocks on a full pipe.
    std::thread::spawn(move || for _ in out.lines() {});
    Azurite { child, dir, endpoint }
}

#[tokio::test]
async fn upload_urls_point_at_azurite_and_commits_read_from_it() {
    let az = start_azurite();
    let mut cfg = common::config();
    cfg.external_blob =
        Some(ExternalBlob { endpoint: az.endpoint.clone(), account: ACCOUNT.into(), key: AZURITE_KEY.into() });
    let emu = Emu::with(cfg);
    let ep = emu.ep.clone();
    let app = emu.info.app_id.clone();

    // devcenter: the SAS points at Azurite; the core's uploader writes blocks there; the commit reads it.
    let r = emu.call(Family::Devcenter, dc::create_app_submission(&ep, &app).unwrap()).await;
    let doc = body(&r);
    let sid = doc["id"].as_str().unwrap().to_string();
    let url = doc["fileUploadUrl"].as_str().unwrap().to_string();
    assert!(url.starts_with(&format!("{}/ingestion/", az.endpoint)), "{url}");
    let mut changed = doc.clone();
    changed["applicationPackages"].as_array_mut().unwrap().push(json!({"fileName": "app.msixbundle", "fileStatus": "PendingUpload", "minimumDirectXVersion": "None", "minimumSystemRam": "None"}));
    let model: storesubmit::model::devcenter::AppSubmission = serde_json::from_value(changed).unwrap();
    let r = emu.call(Family::Devcenter, dc::update_app_submission(&ep, &app, &sid, &model).unwrap()).await;
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));

    // Nothing uploaded yet (Azurite: BlobNotFound): MissingFiles.
    emu.call(Family::Devcenter, dc::commit_app_submission(&ep, &app, &sid).unwrap()).await;
    emu.advance(100.0);
    let r = emu.call(Family::Devcenter, dc::get_app_submission_status(&ep, &app, &sid).unwrap()).await;
    assert_eq!(body(&r)["statusDetails"]["errors"][0]["code"], "MissingFiles");

    let padded: Vec<u8> = {
        // A ZIP over two 1 MiB blocks: the stored entry carries 1.5 MiB of data.
        use storesubmit::package::{EntryOptions, ZipWriter};
        let data = vec![7u8; 3 << 19];
        let mut w = ZipWriter::new(Vec::new());
        w.add_reader("app.msixbundle", EntryOptions::sized(data.len() as u64), &mut data.as_slice()).unwrap();
        w.finish().unwrap()
    };
    let up =
        BlobUploader::new(UploadOptions { block_size: 1 << 20, single_put_max: 1 << 20, ..UploadOptions::default() })
            .unwrap();
    let report = up.upload_bytes(&SasUrl::parse(&url).unwrap(), Bytes::from(padded)).await.expect("upload to Azurite");
    assert_eq!(report.blocks, 2);
    emu.call(Family::Devcenter, dc::commit_app_submission(&ep, &app, &sid).unwrap()).await;
    let mut seen = Vec::new();
    for _ in 0..5 {
        let r = emu.call(Family::Devcenter, dc::get_app_submission_status(&ep, &app, &sid).unwrap()).await;
        seen.push(body(&r)["status"].as_str().unwrap().to_string());
        emu.advance(100.0);
    }
    assert_eq!(seen, ["CommitStarted", "PreProcessing", "Certification", "Release", "Published"]);

    // win32 listing assets upload to Azurite; the commit checks the blob there and reads its size.
    let api = Win32::new(&ep, emu.info.seller_id.clone()).unwrap();
    let pid = emu.info.win32_product_id.clone();
    let create = serde_json::from_value(json!({"language": "en-us", "createAssetRequest": {"Screenshot": 1}})).unwrap();
    let r = emu.call(Family::Win32, api.create_listing_assets(&pid, &create).unwrap()).await;
    let slot = body(&r)["responseData"]["listingAssets"]["screenshots"][0].clone();
    let primary = slot["primaryAssetUploadUrl"].as_str().unwrap();
    assert!(primary.starts_with(&az.endpoint));
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend_from_slice(&800u32.to_be_bytes());
    png.extend_from_slice(&600u32.to_be_bytes());
    let n = up
        .upload_asset(primary, slot["secondaryAssetUploadUrl"].as_str(), Bytes::from(png))
        .await
        .expect("asset to Azurite");
    assert_eq!(n, 0, "the primary URL took it");
    let commit = serde_json::from_value(
        json!({"listingAssets": {"language": "en-us", "screenshots": [{"id": slot["id"], "assetUrl": primary}]}}),
    )
    .unwrap();
    let r = emu.call(Family::Win32, api.commit_listing_assets(&pid, &commit).unwrap()).await;
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let r = emu.call(Family::Win32, api.get_listing_assets(&pid, &[]).unwrap()).await;
    let shot = body(&r)["responseData"]["listingAssets"][0]["screenshots"][0].clone();
    assert_eq!(shot["imageSize"], json!({"width": 800, "height": 600}));
    assert!(shot["assetUrl"].as_str().unwrap().starts_with(&az.endpoint));
}
