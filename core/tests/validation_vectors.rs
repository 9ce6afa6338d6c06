//! Runs the shared validation vectors in `tests/vectors/validation/*.json` (every binding runs the same
//! files) and checks that every issue code in the catalogue has at least one vector.
//!
//! The vector format is described in `tests/vectors/validation/README.md` (the one description every
//! language's runner follows). In short: a case has a `kind`, a document (`doc`, or `doc_text` / `doc_file`
//! read with `validate::lenient_json` whose warnings count), optional `files` for the cross-check, and the
//! exact set of `(code, path)` pairs to `expect` (`[]`: clean).

use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};

use serde_json::Value;
use storesubmit::model::DocumentKind;
use storesubmit::validate::{all_issue_codes, cross_check_files, lenient_json, validate, FileSet};
use storesubmit::Issue;

/// Bytes from hex (`fileBytes`).
fn hex(s: &str) -> Vec<u8> {
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("hex")).collect()
}

fn vector_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/validation")
}

struct Case {
    file: String,
    name: String,
    kind: DocumentKind,
    /// The document, or `Null` when its text is not JSON.
    doc: Value,
    /// Issues from reading `doc_text` / `doc_file` (lenient JSON warnings, or the `json.syntax` error).
    read_issues: Vec<Issue>,
    /// Whether the text parsed (only then is the document validated).
    parsed: bool,
    files: Option<Vec<String>>,
    /// Names of `files` that are empty (0 bytes): `emptyFiles`.
    empty_files: Vec<String>,
    /// Sizes of `files` in bytes: `fileSizes`.
    file_sizes: Vec<(String, u64)>,
    /// First bytes of `files`: `fileBytes` (hex).
    file_bytes: Vec<(String, Vec<u8>)>,
    /// The files come from a folder that does not exist: `folderMissing`.
    folder_missing: Option<String>,
    expect: BTreeSet<(String, String)>,
}

fn load_cases() -> Vec<Case> {
    let dir = vector_dir();
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("read {}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    let mut cases = Vec::new();
    for path in paths {
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        let v: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{file}: {e}"));
        for c in v["cases"].as_array().unwrap_or_else(|| panic!("{file}: no cases array")) {
            let name = c["name"].as_str().unwrap_or_else(|| panic!("{file}: case without name")).to_string();
            let kind: DocumentKind =
                c["kind"].as_str().unwrap_or("").parse().unwrap_or_else(|e| panic!("{file} / {name}: {e}"));
            let text = match (c.get("doc_file").and_then(Value::as_str), c.get("doc_text").and_then(Value::as_str)) {
                (Some(rel), _) => {
                    let p = path.parent().unwrap().join(rel);
                    Some(
                        std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{file} / {name}: {}: {e}", p.display())),
                    )
                }
                (None, Some(t)) => Some(t.to_string()),
                (None, None) => None,
            };
            let (doc, read_issues, parsed) = match text {
                Some(t) => match lenient_json::parse(&t) {
                    Ok((v, issues)) => (v, issues, true),
                    Err(e) => (Value::Null, e.issues().to_vec(), false),
                },
                None => (c.get("doc").cloned().unwrap_or_else(|| panic!("{file} / {name}: no doc")), Vec::new(), true),
            };
            let files =
                c.get("files").map(|f| f.as_array().unwrap().iter().map(|n| n.as_str().unwrap().to_string()).collect());
            let empty_files = c
                .get("emptyFiles")
                .map(|f| f.as_array().unwrap().iter().map(|n| n.as_str().unwrap().to_string()).collect())
                .unwrap_or_default();
            let file_sizes = c
                .get("fileSizes")
                .and_then(Value::as_object)
                .map(|m| m.iter().map(|(k, v)| (k.clone(), v.as_u64().unwrap())).collect())
                .unwrap_or_default();
            let file_bytes = c
                .get("fileBytes")
                .and_then(Value::as_object)
                .map(|m| m.iter().map(|(k, v)| (k.clone(), hex(v.as_str().unwrap()))).collect())
                .unwrap_or_default();
            let folder_missing = c.get("folderMissing").and_then(Value::as_str).map(String::from);
            let expect = c["expect"]
                .as_array()
                .unwrap_or_else(|| panic!("{file} / {name}: no expect"))
                .iter()
                .map(|e| (e["code"].as_str().unwrap().to_string(), e["path"].as_str().unwrap().to_string()))
                .collect();
            cases.push(Case {
                file: file.clone(),
                name,
                kind,
                doc,
                read_issues,
                parsed,
                files,
                empty_files,
                file_sizes,
                file_bytes,
                folder_missing,
                expect,
            });
        }
    }
    cases
}

fn run(case: &Case) -> (BTreeSet<(String, String)>, Vec<Issue>) {
    let mut issues = case.read_issues.clone();
    if !case.parsed {
        return (issues.iter().map(|i| (i.code.clone(), i.path.clone())).collect(), issues);
    }
    issues.extend(validate(case.kind, &case.doc).issues);
    if let Some(files) = &case.files {
        let mut set = match &case.folder_missing {
            Some(folder) => FileSet::missing_folder(folder),
            None => FileSet::from_names(files),
        };
        for e in &case.empty_files {
            set.insert_empty(e);
        }
        for (name, size) in &case.file_sizes {
            set.insert_sized(name, *size);
        }
        for (name, bytes) in &case.file_bytes {
            let size = case.file_sizes.iter().find(|(n, _)| n == name).map_or(bytes.len() as u64, |(_, s)| *s);
            set.insert_header(name, Some(size), bytes);
        }
        issues.extend(cross_check_files(case.kind, &case.doc, &set));
    }
    (issues.iter().map(|i| (i.code.clone(), i.path.clone())).collect(), issues)
}

#[test]
fn every_vector_passes() {
    let cases = load_cases();
    let mut failures = Vec::new();
    let mut names = HashSet::new();
    for case in &cases {
        assert!(
            names.insert((case.file.clone(), case.name.clone())),
            "duplicate case name {} / {}",
            case.file,
            case.name
        );
        let (got, issues) = run(case);
        if got != case.expect {
            let missing: Vec<_> = case.expect.difference(&got).collect();
            let extra: Vec<_> = got.difference(&case.expect).collect();
            let msgs: Vec<String> = issues.iter().map(|i| i.to_string()).collect();
            failures.push(format!(
                "{} / {}\n  missing: {missing:?}\n  unexpected: {extra:?}\n  issues: {msgs:#?}",
                case.file, case.name
            ));
        }
        for i in &issues {
            assert!(!i.message.is_empty(), "{} / {}: empty message for {}", case.file, case.name, i.code);
            // The parent of every reported pointer exists in the document (the field itself may be the
            // missing one); file-set warnings point at the document root.
            let parent = i.path.rsplit_once('/').map(|(p, _)| p).unwrap_or("");
            assert!(
                case.doc.pointer(parent).is_some(),
                "{} / {}: {} path {} has no parent in the doc",
                case.file,
                case.name,
                i.code,
                i.path
            );
        }
    }
    assert!(failures.is_empty(), "{} of {} vectors failed:\n{}", failures.len(), cases.len(), failures.join("\n"));
    assert!(cases.len() >= 150, "only {} validation vectors", cases.len());
}

#[test]
fn every_code_has_a_vector() {
    let cases = load_cases();
    let covered: HashSet<String> = cases.iter().flat_map(|c| c.expect.iter().map(|(code, _)| code.clone())).collect();
    // Codes whose subject is not a document (a project file, an import) are produced by their own module's
    // tests (`project::tests::every_project_code_is_registered_and_tested_here`, the import's).
    let missing: Vec<&str> = all_issue_codes()
        .iter()
        .filter(|c| c.subject() == "document")
        .map(|c| c.code)
        .filter(|c| !covered.contains(*c))
        .collect();
    assert!(missing.is_empty(), "issue codes without a vector: {missing:?}");
    let known: HashSet<&str> = all_issue_codes().iter().map(|c| c.code).collect();
    let unknown: Vec<&String> = covered.iter().filter(|c| !known.contains(c.as_str())).collect();
    assert!(unknown.is_empty(), "vectors expect codes not in the catalogue: {unknown:?}");
}

#[test]
fn every_kind_has_a_clean_vector() {
    let cases = load_cases();
    for kind in DocumentKind::ALL {
        assert!(
            cases.iter().any(|c| c.kind == *kind && c.expect.is_empty()),
            "no valid (clean) vector for kind {kind}"
        );
    }
}

#[test]
fn messages_name_field_rule_and_limit() {
    let doc = serde_json::json!({"listings": {"language": "en-us", "description": "é".repeat(10412), "additionalLicenseTerms": ""}});
    let r = validate(DocumentKind::Win32Metadata, &doc);
    let i = r.issues.iter().find(|i| i.code == "listing.description.too_long").expect("too_long reported");
    assert_eq!(i.message, "listings[en-us].description: 10412 characters, limit 10000");
    assert_eq!(i.path, "/listings/description");
    assert!(!r.is_valid());
    // 10000 two-byte characters are 20000 bytes but within the limit: characters, not bytes, count.
    let ok = serde_json::json!({"listings": {"language": "en-us", "description": "é".repeat(10000), "additionalLicenseTerms": ""}});
    assert!(validate(DocumentKind::Win32Metadata, &ok).issues.is_empty());
}
