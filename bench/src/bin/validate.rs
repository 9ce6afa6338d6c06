//! Benchmark: offline validation of a win32 draft-metadata document with 200 listings (issue 3's target:
//! under 5 ms in release mode).
//!
//! The document is the worst realistic case the Store allows: availability in every market, properties
//! with every system feature and requirement, and 200 listings (every one in a different language) whose
//! texts sit near their limits with multi-byte characters, so that every character limit is counted
//! rather than skipped by the byte-length shortcut. The document must validate clean, so the whole rule
//! set runs to the end.
//!
//! Run: `cargo run --release -p storesubmit-bench --bin validate [-- ITERATIONS] [--write FILE]` (default 300
//! iterations; `--write` also saves the document's text, which `bench/wasm.sh` times in the wasm builds).
//! Results go in BENCHMARKS.md, sections "Validation" and "wasm".

use std::time::{Duration, Instant};

use serde_json::{json, Value};
use storesubmit::data::{languages, markets};
use storesubmit::model::DocumentKind;
use storesubmit::validate::{lenient_json, validate};

/// `n` characters of text with one two-byte character in every ten, so the byte length exceeds the
/// character count.
fn text(n: usize, seed: usize) -> String {
    (0..n).map(|i| if (i + seed).is_multiple_of(10) { 'é' } else { (b'a' + ((i + seed) % 26) as u8) as char }).collect()
}

fn listing(i: usize, language: &str) -> Value {
    json!({
        "language": language,
        "description": text(9_500, i),
        "whatsNew": text(1_450, i),
        "productFeatures": (0..20).map(|f| text(190, i + f)).collect::<Vec<_>>(),
        "shortDescription": text(950, i),
        "searchTerms": ["disk format tool", "partition resize", "backup clone", "drive health", "usb repair", "ssd speed", "raid setup"],
        "additionalLicenseTerms": text(9_000, i),
        "copyright": text(190, i),
        "developedBy": text(250, i),
        "sortTitle": format!("Contoso Disk Tool {i}"),
        "requirements": (0..5).map(|r| json!({"minimumHardware": text(150, r), "recommendedHardware": text(150, r + 1)})).collect::<Vec<_>>(),
        "contactInfo": "support@contoso.com"
    })
}

fn document() -> Value {
    let langs: Vec<&str> = languages::language_codes().take(200).collect();
    assert_eq!(langs.len(), 200);
    let features =
        ["Touch", "Keyboard", "Mouse", "Camera", "NFC_HCE", "NFC_Proximity", "Bluetooth_LE", "Telephony", "Microphone"];
    json!({
        "availability": {
            "markets": markets::MARKETS.iter().map(|m| m.code).collect::<Vec<_>>(),
            "discoverability": "DISCOVERABLE",
            "enableInFutureMarkets": true,
            "pricing": "PAID",
            "freeTrial": "FREE_TRIAL"
        },
        "properties": {
            "isPrivacyPolicyRequired": true,
            "privacyPolicyUrl": "https://contoso.com/privacy",
            "website": "https://contoso.com",
            "supportContactInfo": "support@contoso.com",
            "certificationNotes": text(1_900, 7),
            "category": "UtilitiesAndTools",
            "subcategory": "BackupAndManage",
            "productDeclarations": {"dependsOnDriversOrNT": false, "accessibilitySupport": true, "penAndInkSupport": false},
            "isSystemFeatureRequired": features.iter().map(|f| json!({"isRequired": false, "isRecommended": true, "hardwareItemType": f})).collect::<Vec<_>>(),
            "systemRequirementDetails": [
                {"hardwareItemType": "Memory", "minimumRequirement": "4GB", "recommendedRequirement": "16GB"},
                {"hardwareItemType": "DirectX", "minimumRequirement": "DX11", "recommendedRequirement": "DX12-FEATURELEVEL12"},
                {"hardwareItemType": "Video_Memory", "minimumRequirement": "1GB", "recommendedRequirement": "4GB"},
                {"hardwareItemType": "Processor", "minimumRequirement": text(180, 1), "recommendedRequirement": text(180, 2)},
                {"hardwareItemType": "Graphics", "minimumRequirement": text(180, 3), "recommendedRequirement": text(180, 4)}
            ]
        },
        "listings": langs.iter().enumerate().map(|(i, l)| listing(i, l)).collect::<Vec<_>>(),
        "listingsToAdd": ["en-au"],
        "listingsToRemove": ["en-gb"]
    })
}

struct Stats {
    min: Duration,
    median: Duration,
    mean: Duration,
    p95: Duration,
}

fn measure(iterations: usize, mut f: impl FnMut()) -> Stats {
    for _ in 0..iterations.min(20) {
        f(); // warm-up: caches, allocator
    }
    let mut times: Vec<Duration> = (0..iterations)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    let total: Duration = times.iter().sum();
    Stats {
        min: times[0],
        median: times[times.len() / 2],
        mean: total / times.len() as u32,
        p95: times[(times.len() * 95 / 100).min(times.len() - 1)],
    }
}

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1e3)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let iterations: usize = args.iter().find_map(|a| a.parse().ok()).unwrap_or(300).max(1);
    let doc = document();
    let text = serde_json::to_string(&doc).unwrap();
    if let Some(path) = args.iter().position(|a| a == "--write").and_then(|i| args.get(i + 1)) {
        std::fs::write(path, &text).unwrap_or_else(|e| panic!("write {path}: {e}"));
    }
    let report = validate(DocumentKind::Win32Metadata, &doc);
    assert!(
        report.issues.is_empty(),
        "the benchmark document must validate clean: {:?}",
        &report.issues[..report.issues.len().min(3)]
    );

    let v = measure(iterations, || {
        std::hint::black_box(validate(DocumentKind::Win32Metadata, std::hint::black_box(&doc)));
    });
    let p = measure(iterations, || {
        let (d, _) = lenient_json::parse(std::hint::black_box(&text)).unwrap();
        std::hint::black_box(validate(DocumentKind::Win32Metadata, &d));
    });
    // what the wasm and other JSON bindings run: the arguments' text parsed, `wire::call`, the answer written
    let args = serde_json::json!({"kind": "win32-metadata", "text": text}).to_string();
    let w = measure(iterations, || {
        let a: serde_json::Value = serde_json::from_str(std::hint::black_box(&args)).unwrap();
        std::hint::black_box(storesubmit::wire::call("validate", &a).unwrap().to_string());
    });
    println!(
        "win32-metadata, 200 listings, {} markets, {:.1} MB of JSON, {iterations} iterations",
        markets::MARKETS.len(),
        text.len() as f64 / 1e6
    );
    println!(
        "validate (parsed document): min {}  median {}  mean {}  p95 {}",
        ms(v.min),
        ms(v.median),
        ms(v.mean),
        ms(v.p95)
    );
    println!(
        "parse text + validate:      min {}  median {}  mean {}  p95 {}",
        ms(p.min),
        ms(p.median),
        ms(p.mean),
        ms(p.p95)
    );
    println!(
        "wire::call validate (text):  min {}  median {}  mean {}  p95 {}",
        ms(w.min),
        ms(w.median),
        ms(w.mean),
        ms(w.p95)
    );
    let target = Duration::from_millis(5);
    println!("target: validate under {} -> {}", ms(target), if v.median < target { "met" } else { "MISSED" });
}
