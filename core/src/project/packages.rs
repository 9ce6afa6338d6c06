//! `[packages] files`: the globs, matched against the project folder (one walk budget per project); each
//! match is a package. For an MSI/EXE product (whose packages are URLs) each match is a JSON file holding
//! one package object.

use std::collections::BTreeMap;

use serde_json::Value;

use super::files::ProjectFiles;
use super::glob::Glob;
use crate::issue::Issue;
use crate::validate::codes;

/// The files every glob matched (path → size, sorted), and whether a walk ran out of budget.
pub(crate) fn matches(
    files: &dyn ProjectFiles,
    globs: &[(String, String)],
    budget: &mut usize,
    issues: &mut Vec<Issue>,
) -> (BTreeMap<String, u64>, bool) {
    let mut found = BTreeMap::new();
    let mut limited = false;
    for (pattern, at) in globs {
        let glob = match Glob::parse(pattern) {
            Ok(g) => g,
            Err(rule) => {
                issues.push(Issue::error(
                    codes::PROJECT_PACKAGES_GLOB_INVALID.code,
                    at.as_str(),
                    format!("packages.files: the glob {pattern:?} {rule}"),
                ));
                continue;
            }
        };
        match glob.walk(files, budget) {
            Ok((hits, hit_limit)) => {
                limited |= hit_limit;
                if hits.is_empty() && !hit_limit {
                    issues.push(Issue::error(
                        codes::PROJECT_PACKAGES_NO_MATCH.code,
                        at.as_str(),
                        format!("packages.files: the glob {pattern:?} matches no file under the project folder"),
                    ));
                }
                found.extend(hits);
            }
            Err(e) => issues.push(Issue::error(
                codes::PROJECT_FILE_UNREADABLE.code,
                at.as_str(),
                format!("packages.files: cannot list the folders of {pattern:?}: {e}"),
            )),
        }
    }
    (found, limited)
}

/// The MSI/EXE package objects of the matched files.
pub(crate) fn win32_packages(
    files: &dyn ProjectFiles,
    matched: &BTreeMap<String, u64>,
    issues: &mut Vec<Issue>,
) -> Vec<Value> {
    let mut out = Vec::new();
    for path in matched.keys() {
        let text = match files.read(path).map(String::from_utf8) {
            Ok(Ok(t)) => t,
            Ok(Err(_)) => {
                issues.push(super::listings::unreadable(path, "it is not UTF-8 text"));
                continue;
            }
            Err(e) => {
                issues.push(super::listings::unreadable(path, &e));
                continue;
            }
        };
        match crate::validate::lenient_json::parse(&text) {
            Ok((v @ Value::Object(_), _)) => out.push(v),
            Ok(_) | Err(_) => issues.push(Issue::error(
                codes::PROJECT_PACKAGES_WIN32_INVALID.code,
                path.as_str(),
                format!(
                    "{path}: an MSI/EXE package file must hold one JSON package object (packageUrl, languages, \
                     architectures, isSilentInstall, packageType, ...)"
                ),
            )),
        }
    }
    out
}
