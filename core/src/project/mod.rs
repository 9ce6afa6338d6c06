//! Release as code: the project file (`storesubmit.toml`, or `storesubmit.json` with the same model) that
//! keeps a product's release in its repository — which product, the NAMES of the environment variables
//! holding the credentials, package globs, a listings folder with one file per language, images by folder
//! convention, rollout and pending policy, per-environment overrides — resolved into the workflow request
//! [`crate::wire::workflow_from_json`] takes (`submission` for apps, add-ons and flights, `win32` for
//! MSI/EXE products).
//!
//! - [`load`]: reads the file and the folders it names (native), → [`Resolved`].
//! - [`resolve_text`]: the same from the file's text and a [`ProjectFiles`] (what the folder holds), with
//!   no I/O of its own (tests, hosts without a filesystem).
//! - [`schema`]: the JSON Schema of the file, generated from the one description of its fields
//!   ([`schema::FIELDS`]) that the parser checks against as well.
//!
//! Every problem is an [`Issue`] with a `project.*` code of [`crate::validate::codes`] (so bindings and
//! `storesubmit codes` list them), never a thrown error: a project with errors resolves to no request.
//! Paths of issues in the project file are JSON pointers into it (`/environments/beta/release/rollout`);
//! issues in a file it names start with that file's path relative to the project folder
//! (`listings/en-us.md#/title`). The resolved submission is also checked with the rules of a publish's
//! pre-flight ([`crate::validate::check_change`]); those issues keep their own codes, their paths point
//! into the resolved changes, prefixed `resolved:`.

pub(crate) mod credentials;
mod files;
mod glob;
mod images;
mod listings;
mod packages;
mod parse;
mod resolve;
pub mod schema;

use std::path::PathBuf;

use serde::Serialize;
use serde_json::Value;

use crate::issue::Issue;

pub use credentials::{looks_like_secret, CredentialNames};
#[cfg(not(target_arch = "wasm32"))]
pub use files::FsFiles;
pub use files::{Entry, MemFiles, ProjectFiles};
pub use glob::Glob;
pub use listings::front_matter;

/// The product kinds a project publishes: `kind` of `[product]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ProductKind {
    /// An app (`submission` workflow, target `app`).
    App,
    /// An add-on (in-app product).
    Addon,
    /// A package flight of an app.
    Flight,
    /// An MSI/EXE product (`win32` workflow).
    Win32,
}

impl ProductKind {
    /// Every kind, in the order the format documents them.
    pub const ALL: &'static [ProductKind] =
        &[ProductKind::App, ProductKind::Addon, ProductKind::Flight, ProductKind::Win32];

    /// The name written in the file.
    pub fn as_str(self) -> &'static str {
        match self {
            ProductKind::App => "app",
            ProductKind::Addon => "addon",
            ProductKind::Flight => "flight",
            ProductKind::Win32 => "win32",
        }
    }

    /// The kind of a name written in the file.
    pub fn parse(s: &str) -> Option<ProductKind> {
        ProductKind::ALL.iter().copied().find(|k| k.as_str() == s)
    }

    /// The devcenter submission kind it publishes (`None` for MSI/EXE).
    pub fn submission_kind(self) -> Option<crate::model::DocumentKind> {
        use crate::model::DocumentKind as D;
        match self {
            ProductKind::App => Some(D::AppSubmission),
            ProductKind::Addon => Some(D::AddonSubmission),
            ProductKind::Flight => Some(D::FlightSubmission),
            ProductKind::Win32 => None,
        }
    }
}

/// How the project file is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// `storesubmit.toml`.
    Toml,
    /// `storesubmit.json` (read leniently: comments and trailing commas are warnings).
    Json,
}

impl Format {
    /// The format of a file name: `.json` is JSON, anything else TOML.
    pub fn of_path(path: &std::path::Path) -> Format {
        match path.extension().and_then(|e| e.to_str()) {
            Some(e) if e.eq_ignore_ascii_case("json") => Format::Json,
            _ => Format::Toml,
        }
    }
}

/// A project file resolved: the workflow request it publishes, where its files are, which environment
/// variables hold its credentials, and every issue found. `request` is `null` when an issue is an error.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Resolved {
    /// A workflow request as [`crate::wire::workflow_from_json`] takes it (`submission` or `win32`), or
    /// `null` when the project has errors.
    pub request: Value,
    /// The folder the submission's file names are relative to (the project file's folder).
    pub files: PathBuf,
    /// The names of the environment variables holding the credentials.
    pub credentials: CredentialNames,
    /// Every issue: the file, the files it names, then the resolved submission's rules.
    pub issues: Vec<Issue>,
    /// The product kind (after the environment's overrides), when the file names a valid one.
    pub kind: Option<ProductKind>,
    /// The environment whose overrides were applied.
    pub environment: Option<String>,
}

impl Resolved {
    /// Whether no issue is an error (then `request` is set).
    pub fn valid(&self) -> bool {
        !self.issues.iter().any(Issue::is_error)
    }

    /// The answer of the wire call `project`: `{valid, issues, request, files, credentials, kind, environment}`.
    pub fn to_json(&self) -> Value {
        serde_json::json!({
            "valid": self.valid(),
            "issues": self.issues,
            "request": self.request,
            "files": self.files,
            "credentials": self.credentials,
            "kind": self.kind.map(ProductKind::as_str),
            "environment": self.environment,
        })
    }
}

/// Resolves a project file's text against what its folder holds, with no I/O of its own. `folder` is
/// reported as [`Resolved::files`] only.
pub fn resolve_text(
    text: &str,
    format: Format,
    environment: Option<&str>,
    files: &dyn ProjectFiles,
    folder: PathBuf,
) -> Resolved {
    resolve::resolve(text, format, environment, files, folder)
}

/// Reads the project file at `path` and resolves it with the files of its folder (the packages globs,
/// the listings and images folders, the submission file), applying the overrides of `environment`.
///
/// # Errors
/// `io` when the project file itself cannot be read; every problem in it is an issue of the answer.
#[cfg(not(target_arch = "wasm32"))]
pub fn load(path: &std::path::Path, environment: Option<&str>) -> crate::Result<Resolved> {
    let io = |e: std::io::Error| {
        crate::Error::new(crate::ErrorKind::Io, format!("cannot read the project file {}: {e}", path.display()))
    };
    let bytes = std::fs::read(path).map_err(io)?;
    let text = String::from_utf8(bytes).map_err(|_| {
        crate::Error::new(crate::ErrorKind::Io, format!("the project file {} is not UTF-8 text", path.display()))
    })?;
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let folder = parent.canonicalize().unwrap_or(parent);
    let fs = FsFiles::new(&folder);
    Ok(resolve_text(&text, Format::of_path(path), environment, &fs, folder))
}

#[cfg(test)]
mod tests;
