//! A bounded load test (not timed): 200 concurrent clients on loopback, each on its own connection,
//! get a token and call each family and the blob store; every answer must be a success.

mod common;

use std::sync::Arc;

use common::Emu;
use storesubmit::api::auth::{self, TokenVersion};
use storesubmit::api::blob::{put_blob, SasUrl};
use storesubmit::api::ingestion::Ingestion;
use storesubmit::api::win32::Win32;
use storesubmit::api::{devcenter as dc, Family};
use storesubmit::{HttpRequest, Method};

const CLIENTS: usize = 200;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_hundred_concurrent_clients_without_errors() {
    let emu = Arc::new(Emu::start());
    // One upload URL shared by every client (each Put Blob replaces the content; all must succeed).
    let blob_url = {
        let r = emu.call(Family::Devcenter, dc::create_app_submission(&emu.ep, &emu.info.app_id).unwrap()).await;
        common::body(&r)["fileUploadUrl"].as_str().unwrap().to_string()
    };
    let barrier = Arc::new(tokio::sync::Barrier::new(CLIENTS));
    let mut tasks = Vec::new();
    for i in 0..CLIENTS {
        let (emu, barrier, blob_url) = (emu.clone(), barrier.clone(), blob_url.clone());
        tasks.push(tokio::spawn(async move {
            let http = reqwest::Client::builder().pool_max_idle_per_host(1).build().unwrap();
            let ep = emu.ep.clone();
            barrier.wait().await;
            let mut statuses = Vec::new();
            let family = [Family::Devcenter, Family::Win32, Family::Ingestion][i % 3];
            let tok =
                common::send_with(&http, &auth::token_request(&ep, &emu.creds(), family, TokenVersion::V2).unwrap())
                    .await?;
            statuses.push(tok.status);
            let token = auth::parse_token_response(&tok, 0).map_err(|e| e.to_string())?.token;
            let mut reqs = match family {
                Family::Devcenter => {
                    vec![dc::get_app(&ep, &emu.info.app_id).unwrap(), dc::list_apps(&ep, dc::Page::default()).unwrap()]
                }
                Family::Win32 => {
                    let api = Win32::new(&ep, emu.info.seller_id.clone()).unwrap();
                    vec![
                        api.get_module_status(&emu.info.win32_product_id).unwrap(),
                        api.get_packages(&emu.info.win32_product_id).unwrap(),
                    ]
                }
                _ => vec![
                    Ingestion::new(&ep).list_products(None).unwrap(),
                    Ingestion::new(&ep).get_product(&emu.info.ingestion_product_id).unwrap(),
                ],
            };
            for r in &mut reqs {
                r.authorize(&token);
                statuses.push(common::send_with(&http, r).await?.status);
            }
            let sas = SasUrl::parse(&blob_url).unwrap();
            statuses.push(
                common::send_with(
                    &http,
                    &put_blob(&sas, sas.request_version(), format!("client {i}").into_bytes(), None),
                )
                .await?
                .status,
            );
            statuses.push(common::send_with(&http, &HttpRequest::new(Method::Get, blob_url.clone())).await?.status);
            Ok::<Vec<u16>, String>(statuses)
        }));
    }
    let mut answered = 0;
    for t in tasks {
        let statuses = t.await.expect("client task").expect("no transport error");
        assert!(statuses.iter().all(|s| (200..300).contains(s)), "{statuses:?}");
        answered += statuses.len();
    }
    assert_eq!(answered, CLIENTS * 5);
    let (_, log) = emu.admin(Method::Get, "/requests", None).await;
    assert!(log.as_array().unwrap().len() >= CLIENTS * 5);
}
