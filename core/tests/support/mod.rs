//! Helpers shared by the packaging and upload suites: temporary folders and generated data
//! ([`data`]), the independent ZIP readers ([`readers`]), Azurite ([`azurite`]) and a fault-injecting
//! TCP proxy ([`proxy`]). Each suite includes this module with `mod support;` and uses what it needs.
#![allow(dead_code)]

pub mod data;
pub mod readers;

#[cfg(feature = "reqwest")]
pub mod azurite;
pub mod proxy;
