//! Reading JSON arguments with errors that name their field, and merging JSON documents: the helpers every
//! options type, workflow request and change document of the core is read and applied with.
//!
//! - [`Fields`] reads an object field by field: each error names the JSON pointer of its field and its rule
//!   (``/retry/maxAttempts: must be an integer from 1 to 100, got 0``), an unknown key is refused by name.
//! - [`decode`] reads a serde-derived type with the same error shape.
//! - [`merge`] applies a change document to a resource: objects recursively, any other value replaced.

use std::time::Duration;

use serde::de::DeserializeOwned;
use serde::Serializer;
use serde_json::{Map, Value};

use crate::error::{Error, Result};

/// Merges `src` into `dst`: objects recursively, every other value (arrays included) replaced. How a
/// submission's changes, a win32 module patch, an ingestion listing edit and a project's environment
/// override are applied: one rule everywhere.
pub fn merge(dst: &mut Value, src: &Value) {
    match (dst, src) {
        (Value::Object(d), Value::Object(s)) => {
            for (k, v) in s {
                match d.get_mut(k) {
                    Some(existing) if existing.is_object() && v.is_object() => merge(existing, v),
                    _ => {
                        d.insert(k.clone(), v.clone());
                    }
                }
            }
        }
        (d, s) => *d = s.clone(),
    }
}

/// Reads a serde-derived option type (a spec, a policy enum) from JSON with the options' error shape:
/// `invalid_argument` whose message starts with `what` and, when one field is at fault, its pointer
/// (``spec/rolloutPercentage: must be a number from 0 to 100, got 150``; ``spec/x: unknown field `x`…``).
///
/// # Errors
/// As above.
pub fn decode<T: DeserializeOwned>(what: &str, v: &Value) -> Result<T> {
    let e = match T::deserialize(v) {
        Ok(t) => return Ok(t),
        Err(e) => e,
    };
    // Locate the field when every field of the type has a default (the specs): then each key can be
    // read alone, and the first key that fails by itself is the one at fault. (A type with required or
    // interdependent fields, like a rollout action, is reported as a whole.)
    if let Value::Object(m) = v {
        if T::deserialize(&Value::Object(Map::new())).is_ok() {
            for (k, x) in m {
                let one = Value::Object(Map::from_iter([(k.clone(), x.clone())]));
                if let Err(e1) = T::deserialize(&one) {
                    return Err(Error::invalid_argument(format!("{what}/{}: {e1}", escape(k))));
                }
            }
        }
    }
    Err(Error::invalid_argument(format!("{what}: {e}")))
}

// ---- the field reader ----------------------------------------------------------------------------------

/// A JSON pointer's segment, escaped (`~` → `~0`, `/` → `~1`).
fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// How a pointer is shown: `(root)` for the whole document.
fn shown(at: &str) -> &str {
    if at.is_empty() {
        "(root)"
    } else {
        at
    }
}

/// How a JSON value's type is named in messages ("a string", "an object").
pub fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A JSON object read field by field, so each error names the pointer of its field and an unknown key
/// is refused by name. What every options type's `from_json_at` is written with.
#[derive(Debug)]
pub struct Fields<'a> {
    at: String,
    map: &'a Map<String, Value>,
    known: Vec<&'static str>,
    taken: Vec<&'a str>,
}

/// One field taken from [`Fields`]: its JSON pointer and value.
#[derive(Debug, Clone)]
pub struct Field<'a> {
    /// The field's JSON pointer.
    pub at: String,
    /// Its value (never `null` unless taken with [`Fields::take_nullable`]).
    pub value: &'a Value,
}

impl<'a> Fields<'a> {
    /// Starts reading the object `v` found at pointer `at` (`""` for the document).
    ///
    /// # Errors
    /// `invalid_argument` when `v` is not an object.
    pub fn new(v: &'a Value, at: &str) -> Result<Self> {
        match v {
            Value::Object(map) => Ok(Fields { at: at.to_string(), map, known: Vec::new(), taken: Vec::new() }),
            other => {
                Err(Error::invalid_argument(format!("{}: must be an object, got {}", shown(at), type_name(other))))
            }
        }
    }

    /// Takes the field `name` (or one of its `aliases`); `None` when absent or `null` (the default).
    ///
    /// # Errors
    /// `invalid_argument` when the field is given under two spellings.
    pub fn take(&mut self, name: &'static str, aliases: &[&'static str]) -> Result<Option<Field<'a>>> {
        Ok(self.take_nullable(name, aliases)?.filter(|f| !f.value.is_null()))
    }

    /// As [`Fields::take`], but a `null` value is returned (for fields where `null` means "none").
    ///
    /// # Errors
    /// As [`Fields::take`].
    pub fn take_nullable(&mut self, name: &'static str, aliases: &[&'static str]) -> Result<Option<Field<'a>>> {
        self.known.push(name);
        let mut found: Option<(&'a str, &'a Value)> = None;
        for key in std::iter::once(&name).chain(aliases) {
            if let Some((k, v)) = self.map.get_key_value(*key) {
                self.taken.push(k.as_str());
                if let Some((first, _)) = found {
                    return Err(Error::invalid_argument(format!(
                        "{}/{}: given twice (as `{first}` and `{key}`)",
                        self.at,
                        escape(name)
                    )));
                }
                found = Some((k.as_str(), v));
            }
        }
        Ok(found.map(|(k, value)| Field { at: format!("{}/{}", self.at, escape(k)), value }))
    }

    /// Ends the reading: every key must have been taken.
    ///
    /// # Errors
    /// `invalid_argument` naming the first unknown key and the accepted ones.
    pub fn finish(self) -> Result<()> {
        match self.map.keys().find(|k| !self.taken.contains(&k.as_str())) {
            None => Ok(()),
            Some(k) => Err(Error::invalid_argument(format!(
                "{}/{}: unknown field (accepted: {})",
                self.at,
                escape(k),
                self.known.join(", ")
            ))),
        }
    }
}

impl Field<'_> {
    /// An `invalid_argument` error about this field: `{pointer}: {rule}`.
    pub fn invalid(&self, rule: impl std::fmt::Display) -> Error {
        Error::invalid_argument(format!("{}: {rule}", self.at))
    }

    /// The value as a string.
    ///
    /// # Errors
    /// `invalid_argument` when it is not one.
    pub fn string(&self) -> Result<&str> {
        self.value.as_str().ok_or_else(|| self.invalid(format!("must be a string, got {}", type_name(self.value))))
    }

    /// The value as an id that goes into a URL path or header: a non-empty string without whitespace,
    /// control characters, `/`, `?` or `#`.
    ///
    /// # Errors
    /// `invalid_argument` stating the rule.
    pub fn identifier(&self) -> Result<&str> {
        let s = self.string()?;
        if s.is_empty() {
            return Err(self.invalid("must not be empty"));
        }
        if s.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, '/' | '?' | '#')) {
            return Err(self.invalid("must not contain whitespace, control characters, `/`, `?` or `#`"));
        }
        Ok(s)
    }

    /// The value as a finite number in `min..=max`.
    ///
    /// # Errors
    /// `invalid_argument` stating the range.
    pub fn number(&self, min: f64, max: f64) -> Result<f64> {
        match self.value.as_f64() {
            Some(n) if n.is_finite() && (min..=max).contains(&n) => Ok(n),
            Some(n) => Err(self.invalid(format!("must be a number from {min} to {max}, got {n}"))),
            None => Err(self.invalid(format!("must be a number from {min} to {max}, got {}", type_name(self.value)))),
        }
    }

    /// The value as an integer in `min..=max`.
    ///
    /// # Errors
    /// `invalid_argument` stating the range.
    pub fn integer(&self, min: u64, max: u64) -> Result<u64> {
        let rule = format!("must be an integer from {min} to {max}");
        match self.value {
            Value::Number(n) => match n.as_u64() {
                Some(i) if (min..=max).contains(&i) => Ok(i),
                _ => Err(self.invalid(format!("{rule}, got {n}"))),
            },
            other => Err(self.invalid(format!("{rule}, got {}", type_name(other)))),
        }
    }

    /// The value as a duration in seconds, `min..=max`.
    ///
    /// # Errors
    /// `invalid_argument` stating the range.
    pub fn seconds(&self, min: f64, max: f64) -> Result<Duration> {
        let n = self.number(min, max).map_err(|_| {
            let got = self.value.as_f64().map(|n| n.to_string()).unwrap_or_else(|| type_name(self.value).into());
            self.invalid(format!("must be a number of seconds from {min} to {max}, got {got}"))
        })?;
        Ok(Duration::from_secs_f64(n))
    }

    /// A positive duration in seconds up to `max`, `null` being `None` (a deadline, a timeout: zero
    /// would fail every workflow at once).
    ///
    /// # Errors
    /// `invalid_argument` stating the range.
    pub fn optional_positive_seconds(&self, max: f64) -> Result<Option<Duration>> {
        match self.value {
            Value::Null => Ok(None),
            Value::Number(n) if n.as_f64().is_some_and(|n| n > 0.0 && n <= max) => {
                Ok(Some(Duration::from_secs_f64(n.as_f64().unwrap_or(0.0))))
            }
            other => {
                let got = other.as_f64().map(|n| n.to_string()).unwrap_or_else(|| type_name(other).into());
                Err(self.invalid(format!("must be a number of seconds above 0 and up to {max} (or null), got {got}")))
            }
        }
    }
}

/// Serialises a duration as seconds (a number): the options' one duration format.
///
/// # Errors
/// The serializer's.
pub fn seconds<S: Serializer>(d: &Duration, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_f64(d.as_secs_f64())
}

/// Serialises an optional duration as seconds or `null`.
///
/// # Errors
/// The serializer's.
pub fn opt_seconds<S: Serializer>(d: &Option<Duration>, s: S) -> std::result::Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.serialize_f64(d.as_secs_f64()),
        None => s.serialize_none(),
    }
}
