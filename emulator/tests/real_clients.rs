//! The emulator as outside clients meet it. Microsoft's C# sample client (`IngestionClient` and the app,
//! add-on and flight samples of the docs' `StoreServicesExamples_Submission`) joins absolute paths
//! (`/v1.0/my/…`) onto its service root as .NET's `Uri` does, sends `MS-CorrelationId` and `MS-RequestId`
//! on every call, posts a whole submission to create an add-on submission and adds packages without the
//! Windows 8.x fields. `Sample` below is such a client (reqwest, `Url::join`). Then the one-port layout
//! for proxies, `--host` for test networks and CORS for browser pages.

mod common;

use common::{zip_with, Emu, Proc};
use reqwest::header::HeaderMap;
use reqwest::{Client, Method, StatusCode, Url};
use serde_json::{json, Value};
use storesubmit::api::auth;

/// A client in the style of the docs' `IngestionClient`: one base address per service, absolute paths
/// joined onto it, fresh `MS-CorrelationId` / `MS-RequestId` per call, a bearer token.
struct Sample {
    http: Client,
    root: Url,
    token: String,
    seller: Option<String>,
}

/// One answer: status, headers, JSON body (`Null` when empty or not JSON).
struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    body: Value,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

/// A v1 client-credentials token, as the sample asks for it (`resource=` form, `/{tenant}/oauth2/token`
/// joined onto the token service root).
async fn sample_token(http: &Client, emu: &Emu, resource: &str) -> String {
    let url = Url::parse(&emu.info.token_url).unwrap().join(&format!("/{}/oauth2/token", emu.info.tenant_id)).unwrap();
    let form = [
        ("grant_type", "client_credentials"),
        ("client_id", emu.info.client_id.as_str()),
        ("client_secret", emu.info.client_secret.as_str()),
        ("resource", resource),
    ];
    let r = http.post(url.clone()).form(&form).send().await.unwrap();
    assert_eq!(r.status(), 200, "token from {url}");
    r.json::<Value>().await.unwrap()["access_token"].as_str().unwrap().to_string()
}

impl Sample {
    async fn new(emu: &Emu, root: &str, resource: &str) -> Sample {
        let http = Client::new();
        let token = sample_token(&http, emu, resource).await;
        Sample { http, root: Url::parse(root).unwrap(), token, seller: None }
    }

    async fn devcenter(emu: &Emu) -> Sample {
        Sample::new(emu, &emu.info.devcenter_url, auth::DEVCENTER_RESOURCE).await
    }

    /// Sends `method path` (an absolute path, joined onto the root) with the sample's headers.
    async fn call_with(&self, method: Method, path: &str, body: Option<Value>, ids: (&str, &str)) -> Answer {
        let url = self.root.join(path).unwrap();
        let mut b = self
            .http
            .request(method, url)
            .bearer_auth(&self.token)
            .header("MS-CorrelationId", ids.0)
            .header("MS-RequestId", ids.1);
        if let Some(s) = &self.seller {
            b = b.header("X-Seller-Account-Id", s);
        }
        if let Some(v) = body {
            b = b.json(&v);
        }
        let r = b.send().await.unwrap();
        let (status, headers) = (r.status(), r.headers().clone());
        let body = serde_json::from_slice(&r.bytes().await.unwrap()).unwrap_or(Value::Null);
        Answer { status, headers, body }
    }

    async fn call(&self, method: Method, path: &str, body: Option<Value>) -> Answer {
        let ids = (storesubmit_emulator::util::guid(), storesubmit_emulator::util::guid());
        self.call_with(method, path, body, (&ids.0, &ids.1)).await
    }

    async fn ok(&self, method: Method, path: &str, body: Option<Value>) -> Value {
        let a = self.call(method.clone(), path, body).await;
        assert!(a.status.is_success(), "{method} {path}: {} {}", a.status, a.body);
        a.body
    }

    /// Uploads a ZIP to a `fileUploadUrl` (one Put Blob, as `CloudBlockBlob` does for a small file).
    async fn upload(&self, sas: &str, zip: Vec<u8>) {
        let r = self.http.put(sas).header("x-ms-blob-type", "BlockBlob").body(zip).send().await.unwrap();
        assert_eq!(r.status(), 201, "upload: {}", r.text().await.unwrap());
    }

    /// Commits and polls the status as the samples do (`while status == CommitStarted`), moving the
    /// emulated clock instead of sleeping; answers the final status.
    async fn commit_and_wait(&self, emu: &Emu, submission: &str) -> String {
        self.ok(Method::POST, &format!("{submission}/commit"), None).await;
        for _ in 0..20 {
            emu.advance(1000.0);
            let s = self.ok(Method::GET, &format!("{submission}/status"), None).await;
            let status = s["status"].as_str().unwrap().to_string();
            if status != "CommitStarted"
                && status != "PreProcessing"
                && status != "Certification"
                && status != "Release"
            {
                return status;
            }
        }
        panic!("{submission} never finished");
    }
}

#[tokio::test]
async fn absolute_paths_joined_onto_each_service_root_reach_the_service() {
    let emu = Emu::start();
    let i = emu.info.clone();
    for root in [&i.devcenter_url, &i.win32_url, &i.ingestion_url, &i.token_url] {
        let u = Url::parse(root).unwrap();
        assert_eq!(u.path(), "/", "{root} is an origin: a joined absolute path keeps every segment");
    }
    let dc = Sample::devcenter(&emu).await;
    let app = dc.ok(Method::GET, &format!("/v1.0/my/applications/{}", i.app_id), None).await;
    assert_eq!(app["id"], i.app_id.as_str());
    let list = dc.ok(Method::GET, "/v1.0/my/applications", None).await;
    assert!(list["value"].as_array().is_some_and(|v| !v.is_empty()), "{list}");

    let mut w32 = Sample::new(&emu, &i.win32_url, auth::WIN32_RESOURCE).await;
    w32.seller = Some(i.seller_id.clone());
    let status = w32.ok(Method::GET, &format!("/submission/v1/product/{}/status", i.win32_product_id), None).await;
    assert_eq!(status["isSuccess"], true, "{status}");
    let ing = Sample::new(&emu, &i.ingestion_url, auth::INGESTION_RESOURCE).await;
    let product = ing.ok(Method::GET, &format!("/v1.0/ingestion/products/{}", i.ingestion_product_id), None).await;
    assert_eq!(product["id"], i.ingestion_product_id.as_str());
    // Relative links the services hand out resolve against the same roots.
    let next = dc.ok(Method::GET, "/v1.0/my/applications?top=1", None).await;
    if let Some(link) = next["@nextLink"].as_str() {
        let again = dc.ok(Method::GET, &format!("/v1.0/my/{link}"), None).await;
        assert!(again["value"].is_array(), "{again}");
    }
}

#[tokio::test]
async fn the_add_on_create_sample_posts_the_submission_it_wants() {
    let emu = Emu::start();
    let dc = Sample::devcenter(&emu).await;
    let product_id = format!("Sample-{}", storesubmit_emulator::util::guid());
    let iap = dc
        .ok(
            Method::POST,
            "/v1.0/my/inappproducts",
            Some(json!({"applicationIds": [emu.info.app_id], "productType": "Durable", "productId": product_id})),
        )
        .await;
    let iap = iap["id"].as_str().unwrap().to_string();
    // The sample's body, field spellings included (`lifeTime`, `FileName`, `FileStatus`).
    let wanted = json!({
        "contentType": "BookDownload",
        "keywords": ["book", "download"],
        "lifeTime": "ThreeDays",
        "targetPublishMode": "Immediate",
        "visibility": "Public",
        "pricing": {"priceId": "Free"},
        "listings": {"en-us": {
            "description": "Sample IAP description",
            "title": "Sample IAP title",
            "icon": {"FileName": "icon300x300.png", "FileStatus": "PendingUpload"}
        }}
    });
    let created = dc.ok(Method::POST, &format!("/v1.0/my/inappproducts/{iap}/submissions"), Some(wanted)).await;
    assert_eq!(created["contentType"], "BookDownload", "{created}");
    assert_eq!(created["lifetime"], "ThreeDays", "{created}");
    assert_eq!(created["keywords"], json!(["book", "download"]));
    assert_eq!(created["listings"]["en-us"]["title"], "Sample IAP title");
    assert_eq!(created["listings"]["en-us"]["icon"]["fileName"], "icon300x300.png");
    assert_eq!(created["status"], "PendingCommit");
    let sid = created["id"].as_str().unwrap().to_string();
    assert!(created["fileUploadUrl"].as_str().is_some_and(|u| u.starts_with(&emu.info.blob_url)), "{created}");

    dc.upload(created["fileUploadUrl"].as_str().unwrap(), zip_with(&["icon300x300.png"])).await;
    let at = format!("/v1.0/my/inappproducts/{iap}/submissions/{sid}");
    assert_eq!(dc.commit_and_wait(&emu, &at).await, "Published");
    let published = dc.ok(Method::GET, &at, None).await;
    assert_eq!(published["contentType"], "BookDownload");
    assert_eq!(published["listings"]["en-us"]["description"], "Sample IAP description");
    assert_eq!(published["listings"]["en-us"]["icon"]["fileStatus"], "Uploaded", "{published}");
}

#[tokio::test]
async fn a_create_body_is_checked_like_an_update_and_a_bad_one_creates_nothing() {
    let emu = Emu::start();
    let dc = Sample::devcenter(&emu).await;
    let addon = &emu.info.addon_id;
    let create = format!("/v1.0/my/inappproducts/{addon}/submissions");
    let bad = dc.call(Method::POST, &create, Some(json!({"contentType": "NoSuchType"}))).await;
    assert_eq!(bad.status, 400, "{}", bad.body);
    assert_eq!(bad.body["code"], "InvalidParameterValue");
    let not_json = dc.http.post(dc.root.join(&create).unwrap()).bearer_auth(&dc.token).body("[1, 2").send().await;
    assert_eq!(not_json.unwrap().status(), 400);
    let addon_doc = dc.ok(Method::GET, &format!("/v1.0/my/inappproducts/{addon}"), None).await;
    assert!(addon_doc.get("pendingInAppProductSubmission").is_none_or(Value::is_null), "{addon_doc}");
    // Without a body (the documented call) the new submission copies the last published one.
    let copy = dc.ok(Method::POST, &create, None).await;
    let published = addon_doc["lastPublishedInAppProductSubmission"]["id"].as_str().unwrap();
    let last = dc.ok(Method::GET, &format!("/v1.0/my/inappproducts/{addon}/submissions/{published}"), None).await;
    assert_eq!(copy["listings"], last["listings"]);
    assert_eq!(copy["contentType"], last["contentType"]);
}

#[tokio::test]
async fn packages_without_the_windows_8_fields_are_taken_with_none_as_the_samples_expect() {
    let emu = Emu::start();
    let dc = Sample::devcenter(&emu).await;
    let app = &emu.info.app_id;

    // The app update sample: copy the published submission, mark its first package and image for
    // deletion, add a package and an image, upload, update at the trailing-slash URL, commit.
    let mut sub = dc.ok(Method::POST, &format!("/v1.0/my/applications/{app}/submissions"), None).await;
    let sid = sub["id"].as_str().unwrap().to_string();
    sub["notesForCertification"] = json!("This is a test update, updating listing info, images, and packages");
    sub["listings"]["en-us"]["baseListing"]["description"] = json!("This is my new en-Us description!");
    let mut old_image = sub["listings"]["en-us"]["baseListing"]["images"][0].clone();
    old_image["fileStatus"] = json!("PendingDelete");
    sub["listings"]["en-us"]["baseListing"]["images"] = json!([old_image, {
        "fileStatus": "PendingUpload", "fileName": "rectangles.png", "imageType": "Screenshot",
        "description": "This is a new image uploaded through the API!"
    }]);
    let mut old_package = sub["applicationPackages"][0].clone();
    old_package["fileStatus"] = json!("PendingDelete");
    sub["applicationPackages"] = json!([old_package, {"fileStatus": "PendingUpload", "fileName": "package.appx"}]);
    dc.upload(sub["fileUploadUrl"].as_str().unwrap(), zip_with(&["rectangles.png", "package.appx"])).await;
    let at = format!("/v1.0/my/applications/{app}/submissions/{sid}");
    let updated = dc.call(Method::PUT, &format!("{at}/"), Some(sub)).await;
    assert_eq!(updated.status, 200, "{}", updated.body);
    let added = &updated.body["applicationPackages"][1];
    assert_eq!(added["fileName"], "package.appx");
    assert_eq!(added["minimumDirectXVersion"], "None", "{added}");
    assert_eq!(added["minimumSystemRam"], "None", "{added}");
    assert_eq!(dc.commit_and_wait(&emu, &at).await, "Published");

    // The flight update sample: the same for flightPackages.
    let flight = &emu.info.flight_id;
    let base = format!("/v1.0/my/applications/{app}/flights/{flight}/submissions");
    let mut fsub = dc.ok(Method::POST, &base, None).await;
    let fsid = fsub["id"].as_str().unwrap().to_string();
    fsub["flightPackages"] = json!([{"fileStatus": "PendingUpload", "fileName": "newPackage.appx"}]);
    let updated = dc.call(Method::PUT, &format!("{base}/{fsid}"), Some(fsub)).await;
    assert_eq!(updated.status, 200, "{}", updated.body);
    assert_eq!(updated.body["flightPackages"][0]["minimumDirectXVersion"], "None");
    assert_eq!(updated.body["flightPackages"][0]["minimumSystemRam"], "None");
    // A value the client gives is kept, and a wrong one is still refused.
    let mut again = updated.body.clone();
    again["flightPackages"][0]["minimumSystemRam"] = json!("Memory2GB");
    let kept = dc.ok(Method::PUT, &format!("{base}/{fsid}"), Some(again.clone())).await;
    assert_eq!(kept["flightPackages"][0]["minimumSystemRam"], "Memory2GB");
    again["flightPackages"][0]["minimumDirectXVersion"] = json!("DirectX12");
    assert_eq!(dc.call(Method::PUT, &format!("{base}/{fsid}"), Some(again)).await.status, 400);
}

#[tokio::test]
async fn the_partner_center_apis_echo_ms_correlation_and_request_ids() {
    let emu = Emu::start();
    let dc = Sample::devcenter(&emu).await;
    let ids = ("0c4c7b6e-5b7a-4f39-9d0e-6a1f1d0c0001", "6f1e2d3c-4b5a-4968-8776-655443322110");
    let a = dc.call_with(Method::GET, &format!("/v1.0/my/applications/{}", emu.info.app_id), None, ids).await;
    assert_eq!((a.header("MS-CorrelationId"), a.header("MS-RequestId")), (Some(ids.0), Some(ids.1)));
    assert!(a.header("X-Correlation-ID").is_some());
    // Errors carry them too.
    let e = dc.call_with(Method::GET, "/v1.0/my/applications/9NOSUCHAPP00", None, ids).await;
    assert_eq!(e.status, 404);
    assert_eq!((e.header("MS-CorrelationId"), e.header("MS-RequestId")), (Some(ids.0), Some(ids.1)));
    let ing = Sample::new(&emu, &emu.info.ingestion_url, auth::INGESTION_RESOURCE).await;
    let a = ing.call_with(Method::GET, "/v1.0/ingestion/products", None, ids).await;
    assert_eq!(a.status, 200);
    assert_eq!((a.header("MS-CorrelationId"), a.header("MS-RequestId")), (Some(ids.0), Some(ids.1)));
    // A client that sends none gets ids of the service's own.
    let r = dc.http.get(dc.root.join("/v1.0/my/applications").unwrap()).bearer_auth(&dc.token).send().await.unwrap();
    for h in ["MS-CorrelationId", "MS-RequestId"] {
        assert!(r.headers().get(h).is_some_and(|v| v.len() >= 32), "{h}: {:?}", r.headers());
    }
}

#[tokio::test]
async fn the_one_port_layout_serves_every_service_under_its_prefix_for_proxies() {
    let emu = Emu::start();
    let one = emu.info.prefixed_endpoints();
    let base = &emu.info.base_url;
    assert_eq!(one.devcenter, format!("{base}/devcenter"));
    assert_eq!(emu.info.admin_url, format!("{base}/_emulator"));
    assert_eq!(emu.handle.addr().port(), Url::parse(base).unwrap().port().unwrap());
    let http = Client::new();
    let form = [
        ("grant_type", "client_credentials"),
        ("client_id", emu.info.client_id.as_str()),
        ("client_secret", emu.info.client_secret.as_str()),
        ("resource", auth::DEVCENTER_RESOURCE),
    ];
    let t = http.post(format!("{}/{}/oauth2/token", one.token, emu.info.tenant_id)).form(&form).send().await.unwrap();
    let token = t.json::<Value>().await.unwrap()["access_token"].as_str().unwrap().to_string();
    let app = format!("{}/v1.0/my/applications/{}", one.devcenter, emu.info.app_id);
    assert_eq!(http.get(&app).bearer_auth(&token).send().await.unwrap().status(), 200);
    // An upload URL made for a request on the main port points at the main port, so a client behind one
    // forwarded port reaches it; on the service's own origin, at the blob store's origin.
    let create = format!("{}/v1.0/my/applications/{}/submissions", one.devcenter, emu.info.app_id);
    let sub: Value = http.post(&create).bearer_auth(&token).send().await.unwrap().json().await.unwrap();
    let url = sub["fileUploadUrl"].as_str().unwrap();
    assert!(url.starts_with(&format!("{base}/blob/")), "{url}");
    let put = http.put(url).header("x-ms-blob-type", "BlockBlob").body(zip_with(&["x.png"])).send().await.unwrap();
    assert_eq!(put.status(), 201);
    assert_eq!(emu.handle.blob_at(url), Some(zip_with(&["x.png"])));
    let dc = Sample::devcenter(&emu).await;
    let sid = sub["id"].as_str().unwrap();
    let again = dc.ok(Method::GET, &format!("/v1.0/my/applications/{}/submissions/{sid}", emu.info.app_id), None).await;
    assert_eq!(again["fileUploadUrl"], url, "the stored URL is kept");
    // The log names paths with the prefix whichever origin served them, so fault rules match both.
    let (_, log) = emu.admin(storesubmit::Method::Get, "/requests", None).await;
    let paths: Vec<&str> = log.as_array().unwrap().iter().filter_map(|e| e["path"].as_str()).collect();
    let wanted = format!("/devcenter/v1.0/my/applications/{}/submissions/{sid}", emu.info.app_id);
    assert_eq!(paths.iter().filter(|p| **p == wanted).count(), 1, "{paths:?}");
    // A service origin serves its own service only.
    let wrong = http.get(format!("{}/v1.0/my/applications", emu.info.win32_url)).send().await.unwrap();
    assert_eq!(wrong.status(), 404);
    let blob_root = Url::parse(&emu.info.blob_url).unwrap();
    let outside = http.get(blob_root.join("/elsewhere/x").unwrap()).send().await.unwrap();
    assert_eq!(outside.status(), 404);
}

#[tokio::test]
async fn host_binds_another_address_and_the_urls_name_it() {
    // 127.0.0.2 is loopback too on Linux: an address other than the default that needs no setup.
    let p = Proc::start(&["--port", "0", "--host", "127.0.0.2"]);
    for k in ["devcenter_url", "win32_url", "ingestion_url", "token_url", "blob_url", "admin_url", "base_url"] {
        assert!(p.s(k).starts_with("http://127.0.0.2:"), "{k}: {}", p.s(k));
    }
    let http = Client::new();
    let info = http.get(format!("{}/info", p.s("admin_url"))).send().await.unwrap();
    assert_eq!(info.status(), 200);
    let dc = Url::parse(&p.s("devcenter_url")).unwrap();
    let port = dc.port().unwrap();
    assert!(std::net::TcpStream::connect(("127.0.0.1", port)).is_err(), "nothing listens on 127.0.0.1:{port}");
    let r = http.get(dc.join("/v1.0/my/applications").unwrap()).send().await.unwrap();
    assert_eq!(r.status(), 401, "the devcenter API answers on 127.0.0.2 (no token: 401)");
    assert_eq!(p.stop(), 0);
    let bad = std::process::Command::new(common::BIN).args(["--host", "not-an-address"]).output().unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("host: `not-an-address` is not an IP address"));
}

#[tokio::test]
async fn cors_lets_pages_of_an_allowed_origin_call_the_apis_and_upload() {
    let page = "http://127.0.0.1:5173";
    let p = Proc::start(&["--port", "0", "--cors-origin", page]);
    let http = Client::new();
    let blob = format!("{}/ingestion/anything?sv=x&sig=y", p.s("blob_url"));
    let preflight = |url: String, origin: &'static str, method: &'static str, headers: &'static str| {
        let http = http.clone();
        async move {
            http.request(Method::OPTIONS, url)
                .header("Origin", origin)
                .header("Access-Control-Request-Method", method)
                .header("Access-Control-Request-Headers", headers)
                .send()
                .await
                .unwrap()
        }
    };
    // The blob store: a preflight for a Put Block with Azure's headers, then the upload's answer.
    let r = preflight(blob.clone(), page, "PUT", "x-ms-blob-type,x-ms-version,content-md5").await;
    assert_eq!(r.status(), 200);
    let h = |r: &reqwest::Response, n: &str| r.headers().get(n).map(|v| v.to_str().unwrap().to_string());
    assert_eq!(h(&r, "access-control-allow-origin").as_deref(), Some(page));
    assert!(h(&r, "access-control-allow-methods").unwrap().contains("PUT"));
    assert_eq!(h(&r, "access-control-allow-headers").as_deref(), Some("x-ms-blob-type,x-ms-version,content-md5"));
    let put =
        http.put(&blob).header("Origin", page).header("x-ms-blob-type", "BlockBlob").body("x").send().await.unwrap();
    assert_eq!(put.status(), 403, "a made-up signature is still refused");
    assert_eq!(h(&put, "access-control-allow-origin").as_deref(), Some(page), "errors are readable too");
    assert!(h(&put, "access-control-expose-headers").unwrap().contains("x-ms-error-code"));
    // The APIs and the token service.
    let app = format!("{}/v1.0/my/applications/{}", p.s("devcenter_url"), p.s("app_id"));
    let r = preflight(app.clone(), page, "GET", "authorization,ms-correlationid").await;
    assert_eq!((r.status().as_u16(), h(&r, "access-control-allow-origin")), (200, Some(page.to_string())));
    let token = format!("{}/{}/oauth2/v2.0/token", p.s("token_url"), p.s("tenant_id"));
    let r =
        http.post(&token).header("Origin", page).form(&[("grant_type", "client_credentials")]).send().await.unwrap();
    assert_eq!(h(&r, "access-control-allow-origin").as_deref(), Some(page));
    // Another origin gets no CORS headers, and its preflight is refused.
    let other = "http://evil.example";
    let r = preflight(blob.clone(), other, "PUT", "x-ms-blob-type").await;
    assert_eq!(r.status(), 403);
    assert!(h(&r, "access-control-allow-origin").is_none());
    let r = http.get(&app).header("Origin", other).send().await.unwrap();
    assert!(h(&r, "access-control-allow-origin").is_none());
    assert_eq!(p.stop(), 0);
    // Without --cors-origin no page may call it.
    let p = Proc::start(&["--port", "0"]);
    let r = preflight(format!("{}/ingestion/x", p.s("blob_url")), page, "PUT", "x-ms-blob-type").await;
    assert_eq!(r.status(), 403);
    assert_eq!(p.stop(), 0);
    let bad = std::process::Command::new(common::BIN).args(["--cors-origin", "http://x/path"]).output().unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("cors_origins[0]: `http://x/path` is not an origin"));
}
