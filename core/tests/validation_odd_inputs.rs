//! Validation of odd inputs: every value of every documented sample replaced, one at a time, by a value of
//! each other JSON type (wrong types everywhere), every object wrapped in an array and every array turned
//! into an object (arrays vs objects), each validated as every kind of document.
//!
//! Nothing may panic, and every issue must be well-formed: a code from the catalogue with the catalogue's
//! severity, a non-empty message, and a JSON pointer whose parent exists in the document (a reported field
//! may itself be the missing one).

use std::collections::HashMap;
use std::path::Path;

use serde_json::{json, Map, Value};
use storesubmit::model::DocumentKind;
use storesubmit::validate::{all_issue_codes, cross_check_files, guess_kind, lenient_json, validate, FileSet};
use storesubmit::{Issue, Severity};

/// Every documented sample (the fixtures of `validation_samples.rs`).
fn samples() -> Vec<(String, Value)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/validation");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let (v, _) = lenient_json::parse(&text).unwrap();
        out.push((path.file_name().unwrap().to_string_lossy().into_owned(), v));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    assert!(out.len() >= 15);
    out
}

/// JSON pointers of every value in `v` (the root excluded).
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                let p = format!("{at}/{}", k.replace('~', "~0").replace('/', "~1"));
                out.push(p.clone());
                pointers(x, p, out);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                let p = format!("{at}/{i}");
                out.push(p.clone());
                pointers(x, p, out);
            }
        }
        _ => {}
    }
}

/// One value of every JSON type, plus the awkward ones.
fn odd_values() -> Vec<Value> {
    vec![
        Value::Null,
        json!(true),
        json!(-1),
        json!(1.0e300),
        json!(""),
        json!("é😀".repeat(6000)),
        json!([]),
        json!([{}, null, "x"]),
        json!({}),
        json!({"": {"~/": [1]}}),
    ]
}

fn check_issues(what: &str, kind: DocumentKind, doc: &Value, issues: &[Issue], severities: &HashMap<&str, Severity>) {
    for i in issues {
        let sev = severities
            .get(i.code.as_str())
            .unwrap_or_else(|| panic!("{what} as {kind}: code {} not in the catalogue", i.code));
        assert_eq!(*sev, i.severity, "{what} as {kind}: {} has the wrong severity", i.code);
        assert!(!i.message.is_empty(), "{what} as {kind}: empty message for {}", i.code);
        let parent = i.path.rsplit_once('/').map_or("", |(p, _)| p);
        assert!(
            i.path.is_empty() || i.path.starts_with('/'),
            "{what} as {kind}: {} path {:?} is not a pointer",
            i.code,
            i.path
        );
        assert!(
            doc.pointer(parent).is_some(),
            "{what} as {kind}: {} path {} has no parent in the document",
            i.code,
            i.path
        );
    }
}

fn validate_everywhere(what: &str, doc: &Value, files: &FileSet, severities: &HashMap<&str, Severity>) -> usize {
    let _ = guess_kind(doc);
    let mut n = 0;
    for kind in DocumentKind::ALL {
        let report = validate(*kind, doc);
        check_issues(what, *kind, doc, &report.issues, severities);
        let cross = cross_check_files(*kind, doc, files);
        check_issues(what, *kind, doc, &cross, severities);
        n += report.issues.len() + cross.len();
    }
    n
}

fn catalogue() -> HashMap<&'static str, Severity> {
    all_issue_codes().into_iter().map(|c| (c.code, c.severity)).collect()
}

#[test]
fn wrong_types_everywhere() {
    let severities = catalogue();
    let files = FileSet::from_names(["contoso_app.appx", "Images/x.png", "newPackage.appx"]);
    let mut docs = 0;
    let mut issues = 0;
    for (name, sample) in samples() {
        let mut ptrs = Vec::new();
        pointers(&sample, String::new(), &mut ptrs);
        for p in &ptrs {
            for odd in odd_values() {
                let mut doc = sample.clone();
                *doc.pointer_mut(p).unwrap() = odd;
                issues += validate_everywhere(&format!("{name} with {p} replaced"), &doc, &files, &severities);
                docs += 1;
            }
        }
    }
    assert!(docs > 3000, "only {docs} mutated documents");
    assert!(issues > docs, "wrong types should be reported: {issues} issues for {docs} documents");
}

#[test]
fn arrays_and_objects_swapped() {
    let severities = catalogue();
    let files = FileSet::new();
    let mut docs = 0;
    for (name, sample) in samples() {
        let mut ptrs = vec![String::new()];
        pointers(&sample, String::new(), &mut ptrs);
        for p in &ptrs {
            let mut doc = sample.clone();
            let target = doc.pointer_mut(p).unwrap();
            let swapped = match target.take() {
                Value::Object(m) => Value::Array(vec![Value::Object(m)]),
                Value::Array(a) => {
                    Value::Object(a.into_iter().enumerate().map(|(i, v)| (i.to_string(), v)).collect::<Map<_, _>>())
                }
                _ => continue,
            };
            *target = swapped;
            validate_everywhere(&format!("{name} with {p} swapped"), &doc, &files, &severities);
            docs += 1;
        }
    }
    assert!(docs > 200, "only {docs} swapped documents");
}

#[test]
fn scalars_and_deep_nesting() {
    let severities = catalogue();
    let files = FileSet::from_names(["a"]);
    let mut deep = json!("leaf");
    for i in 0..100 {
        deep = if i % 2 == 0 { json!([deep]) } else { json!({"listings": deep}) };
    }
    for doc in odd_values().into_iter().chain([deep, json!({"listings": {"": {"": {"": null}}}})]) {
        validate_everywhere("odd document", &doc, &files, &severities);
    }
    // A scalar or array document is reported as such, for every kind.
    for kind in DocumentKind::ALL {
        let codes: Vec<String> = validate(*kind, &json!([1])).issues.into_iter().map(|i| i.code).collect();
        assert_eq!(codes, ["document.not_object"], "{kind}");
    }
}
