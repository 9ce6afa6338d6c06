//! Every sample request of the Store's documentation validates without errors, `guess_kind` recognises
//! it, and no input — random JSON or mangled samples — makes validation panic.
//!
//! The samples live verbatim in `core/tests/fixtures/validation/`, named `<source>.<kind>.json`
//! (`*-fragment.*`: a snippet the docs show for one part of a resource; `*.envelope.json`: a win32 response whose `responseData` is validated as `win32-metadata`). The
//! documentation's JSON has trailing commas (`"packageType": "exe",}`), which JSON forbids; the loader
//! reads them with `validate::lenient_json`, as the CLI does.

use std::path::{Path, PathBuf};

use serde_json::{json, Map, Value};
use storesubmit::model::DocumentKind;
use storesubmit::validate::{cross_check_files, guess_kind, lenient_json, validate, FileSet};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/validation")
}

fn samples() -> Vec<(String, DocumentKind, Value)> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(fixtures()).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    let mut out = Vec::new();
    for p in paths {
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        let stem = name.trim_end_matches(".json");
        let kind_name = stem.rsplit('.').next().unwrap();
        let text = std::fs::read_to_string(&p).unwrap();
        let (v, read_issues) = lenient_json::parse(&text).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        // The only liberty the samples take is trailing commas (the CLI accepts them with a warning).
        assert!(read_issues.iter().all(|i| i.code == "json.trailing_comma"), "{name}: {read_issues:?}");
        if kind_name == "envelope" {
            out.push((name, DocumentKind::Win32Metadata, v["responseData"].clone()));
        } else {
            out.push((name.clone(), kind_name.parse().unwrap_or_else(|e| panic!("{name}: {e}")), v));
        }
    }
    assert!(out.len() >= 15, "expected every documented sample, found {}", out.len());
    out
}

#[test]
fn documented_samples_validate_clean() {
    for (name, kind, doc) in samples() {
        let report = validate(kind, &doc);
        let errors: Vec<String> = report.errors().map(|i| i.to_string()).collect();
        assert!(errors.is_empty(), "{name} ({kind}) has errors: {errors:#?}");
        // Warnings are only about read-only fields the samples echo back from a GET (id, status,
        // packageRolloutStatus, …): documented as ignored by the Store.
        for w in report.warnings() {
            assert_eq!(w.code, "field.read_only", "{name}: unexpected warning {w}");
        }
    }
}

#[test]
fn documented_samples_are_recognised() {
    for (name, kind, doc) in samples() {
        if name.contains("-fragment.") {
            continue; // a snippet of a resource (e.g. packageDeliveryOptions alone) is ambiguous
        }
        let guessed = guess_kind(&doc);
        assert_eq!(guessed, Some(kind), "{name}");
    }
}

#[test]
fn pending_files_cross_check() {
    let doc = json!({"applicationPackages": [{"fileName": "pkg\\App.msix", "fileStatus": "PendingUpload", "minimumDirectXVersion": "None", "minimumSystemRam": "None"}]});
    assert!(cross_check_files(DocumentKind::AppSubmission, &doc, &FileSet::from_names(["pkg/App.msix"])).is_empty());
    let issues =
        cross_check_files(DocumentKind::AppSubmission, &doc, &FileSet::from_names(["pkg/app.msix", "extra.txt"]));
    let codes: Vec<&str> = issues.iter().map(|i| i.code.as_str()).collect();
    assert_eq!(codes, ["files.case_mismatch", "files.unreferenced"]);
    assert!(issues[0].message.contains("pkg/app.msix"), "{}", issues[0].message);
}

#[test]
fn file_set_from_dir() {
    let dir = std::env::temp_dir().join(format!("storesubmit-validate-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("Images")).unwrap();
    std::fs::write(dir.join("a.msix"), b"x").unwrap();
    std::fs::write(dir.join("Images").join("s.png"), b"x").unwrap();
    let set = FileSet::from_dir(&dir).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(set.iter().collect::<Vec<_>>(), ["Images/s.png", "a.msix"]);
}

/// A tiny deterministic PRNG (xorshift), so the fuzz test needs no extra dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

const KEYS: &[&str] = &[
    "listings",
    "language",
    "description",
    "availability",
    "markets",
    "pricing",
    "freeTrial",
    "properties",
    "category",
    "subcategory",
    "packages",
    "architectures",
    "packageType",
    "isSilentInstall",
    "createAssetRequest",
    "Screenshot",
    "Logo",
    "listingAssets",
    "screenshots",
    "storeLogos",
    "applicationPackages",
    "fileName",
    "fileStatus",
    "trailers",
    "trailerAssets",
    "imageList",
    "baseListing",
    "keywords",
    "priceId",
    "marketSpecificPricings",
    "packageDeliveryOptions",
    "packageRollout",
    "packageRolloutPercentage",
    "groupIds",
    "applicationIds",
    "searchTerms",
    "requirements",
    "systemRequirementDetails",
    "hardwareItemType",
    "icon",
    "flightPackages",
    "targetPublishMode",
    "targetPublishDate",
    "id",
    "",
    "~/",
    "é",
];

fn random_value(rng: &mut Rng, depth: u32) -> Value {
    let pick = if depth == 0 { rng.below(5) } else { rng.below(7) };
    match pick {
        0 => Value::Null,
        1 => Value::Bool(rng.below(2) == 0),
        2 => match rng.below(4) {
            0 => json!(rng.below(200) as i64 - 100),
            1 => json!(-1.5e300),
            2 => json!(u64::MAX),
            _ => json!((rng.below(1000) as f64) / 7.0),
        },
        3 | 4 => {
            let pool = [
                "",
                "en-us",
                "US",
                "PAID",
                "exe",
                "X86",
                "Tier5",
                "Tier0",
                "SpecificDate",
                "PendingUpload",
                "a/../b",
                "/abs",
                "C:\\x",
                "http://x.com",
                "not a url",
                "é😀",
                "DeveloperTools",
                "Memory",
                "1GB",
            ];
            let s = pool[rng.below(pool.len() as u64) as usize];
            if rng.below(10) == 0 {
                Value::String(s.repeat(3000))
            } else {
                Value::String(s.to_string())
            }
        }
        5 => Value::Array((0..rng.below(5)).map(|_| random_value(rng, depth - 1)).collect()),
        _ => {
            let mut m = Map::new();
            for _ in 0..rng.below(6) {
                m.insert(KEYS[rng.below(KEYS.len() as u64) as usize].to_string(), random_value(rng, depth - 1));
            }
            Value::Object(m)
        }
    }
}

/// Replaces one random sub-value of `v` by a random value.
fn mutate(v: &mut Value, rng: &mut Rng) {
    match v {
        Value::Object(m) if !m.is_empty() && rng.below(3) != 0 => {
            let i = rng.below(m.len() as u64) as usize;
            let key = m.keys().nth(i).unwrap().clone();
            mutate(m.get_mut(&key).unwrap(), rng);
        }
        Value::Array(a) if !a.is_empty() && rng.below(3) != 0 => {
            let i = rng.below(a.len() as u64) as usize;
            mutate(&mut a[i], rng);
        }
        _ => *v = random_value(rng, 3),
    }
}

#[test]
fn fuzz_never_panics() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let samples = samples();
    let files = FileSet::from_names(["a.msix", "Images/x.png", "../up", "/abs"]);
    for round in 0..3000 {
        let doc = if round % 2 == 0 {
            random_value(&mut rng, 5)
        } else {
            let mut d = samples[rng.below(samples.len() as u64) as usize].2.clone();
            for _ in 0..1 + rng.below(4) {
                mutate(&mut d, &mut rng);
            }
            d
        };
        let _ = guess_kind(&doc);
        for kind in DocumentKind::ALL {
            let report = validate(*kind, &doc);
            for i in &report.issues {
                assert!(!i.code.is_empty() && !i.message.is_empty());
            }
            let _ = cross_check_files(*kind, &doc, &files);
        }
    }
}
