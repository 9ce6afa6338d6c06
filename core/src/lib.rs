//! # storesubmit
//!
//! The sans-IO core of storesubmit: everything about the Microsoft Store submission APIs (the classic
//! devcenter API, the MSI/EXE "win32" API and the Partner Center ingestion API) except moving bytes.
//!
//! The core builds [`http::HttpRequest`]s and parses [`http::HttpResponse`]s; a host sends them (the
//! bundled reqwest transport behind the `reqwest` feature, or a binding's own HTTP client). It never opens
//! a socket, sleeps or spawns, so it compiles to `wasm32-unknown-unknown` with default features off.
//!
//! - [`api`]: the endpoint table, request builders and response parsers per family, auth, blob.
//! - [`model`]: typed, round-trip-safe models of every resource.
//! - [`validate`]: every documented Store rule, offline, with stable issue codes.
//! - [`package`]: streaming ZIP packaging of submissions.
//! - [`data`]: the Store's reference tables (markets, languages, categories, limits).
//! - [`policy`]: retry and poll decisions.
//! - [`task`]: the host protocol: the one [`task::Machine`] interface every machine speaks.
//! - [`upload`]: the block upload of a blob as a machine (files, a streamed ZIP, listing assets).
//! - [`spec`]: the changes a publishing workflow applies to a submission (GET-modify-PUT).
//! - [`flow`]: multi-step workflows as state machines (pre-flight checks first).
//! - [`files`] (native): the host's files on disk, with one confinement rule.
//! - [`host`] (feature `reqwest`): the native executor that runs any machine, and the sessions bindings
//!   drive.
//! - [`json`]: reading JSON arguments with errors that name the field, and the one deep merge.
//! - [`flow`]: multi-step workflows as state machines.
//! - [`connection`]: the connection settings (credentials, service roots) chosen from every source by one
//!   rule, and the config file.
//! - [`options`]: the one JSON options object every binding passes ([`options::ClientOptions`]).
//! - [`project`]: release as code: the project file (`storesubmit.toml`) resolved into a workflow request.
//! - [`report`]: a workflow's result and plan as Markdown (job summaries, the same in every front end).
//! - [`error`]: the stable error catalogue.
//! - [`surface`]: the contract of every binding's facade: methods, parameters, defaults, returned values.
//! - [`manifest`]: every fact bindings generate code from, as one JSON document.
//! - [`import`]: another tool's release setup (StoreBroker) turned into a storesubmit project.
#![warn(missing_docs)]

pub mod api;
#[cfg(feature = "reqwest")]
pub mod client;
pub mod connection;
pub mod credential;
pub mod data;
pub mod error;
#[cfg(not(target_arch = "wasm32"))]
pub mod files;
pub mod flow;
#[cfg(feature = "reqwest")]
pub mod host;
pub mod http;
pub mod import;
pub mod issue;
#[cfg(not(target_arch = "wasm32"))]
pub mod journal;
pub mod json;
pub mod manifest;
pub mod model;
pub mod options;
pub mod package;
pub mod policy;
pub mod project;
pub mod report;
pub mod secret;
pub mod spec;
pub mod surface;
pub mod task;
#[cfg(feature = "reqwest")]
pub mod transport;
pub mod upload;
pub mod validate;
pub mod wire;

pub use error::{all_error_codes, Error, ErrorKind, Result};
pub use http::{HttpRequest, HttpResponse, Method};
pub use issue::{Issue, Severity};
pub use secret::Secret;

/// The README's Rust snippets, compiled and run as doc tests so the README stays true.
// The README's Rust snippets use the bundled client, so they are compiled with the `reqwest` feature
// (`cargo test --all-features --doc`); a default-feature `cargo test -p storesubmit` skips them.
#[cfg(all(doctest, feature = "reqwest"))]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;
