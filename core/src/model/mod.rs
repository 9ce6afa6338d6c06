//! Typed models of every Store resource, serde camelCase on the wire.
//!
//! Two rules hold for every model:
//! - **Round-trip safe.** Each struct keeps the JSON fields it does not know in a flattened `extra` map,
//!   so GET → modify → PUT loses nothing the user (or a newer service) wrote.
//! - **Never fails on a new server value.** Enums are declared with [`string_enum!`](crate::string_enum), which adds an
//!   `Other(String)` variant for values the documentation does not list.

pub mod case;
pub mod catalogue;
pub mod devcenter;
mod family;
pub mod files;
pub mod ingestion;
pub mod kind;
pub mod win32;

pub use case::{canonicalize_case, Renamed};
pub use family::Family;
pub use files::{referenced_files, FileRef};
pub use kind::DocumentKind;

/// Unknown JSON fields of a model, kept verbatim and written back.
pub type Extra = serde_json::Map<String, serde_json::Value>;

/// What a model declares, as data: its name, documentation and documented fields. Every `model!`
/// struct has one (`SCHEMA`), so the manifest (`crate::manifest`) describes the models to bindings
/// without any generator parsing Rust.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ModelSchema {
    /// The Rust type name (unique within its family's module).
    pub name: &'static str,
    /// The doc comment, one line per source line (leading space kept as written).
    pub doc: &'static str,
    /// The documented fields, in declaration order (`extra` is not listed).
    pub fields: &'static [FieldSchema],
}

/// One documented field of a model.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldSchema {
    /// The Rust field name (`r#` prefix removed).
    pub name: &'static str,
    /// The JSON key when the model names it explicitly (win32, ingestion); `None` means the serde
    /// camelCase of `name` (devcenter).
    pub json: Option<&'static str>,
    /// The Rust type as written in the declaration (`Vec<Listing>`).
    pub rust_type: &'static str,
    /// The doc comment, one line per source line.
    pub doc: &'static str,
}

impl FieldSchema {
    /// The field's JSON key.
    pub fn wire_name(&self) -> String {
        match self.json {
            Some(j) => j.to_string(),
            None => camel_case(self.name),
        }
    }
}

/// serde's `rename_all = "camelCase"` of a snake_case Rust name.
pub fn camel_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut upper = false;
    for c in name.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// The doc text of a list of attributes (`[doc = "…"]` token groups; other attributes are skipped), one
/// line per attribute. Used by the `model!` macros to fill [`ModelSchema`].
macro_rules! doc_text {
    () => { "" };
    ([doc = $d:literal] $($rest:tt)*) => { concat!($d, "\n", $crate::model::doc_text!($($rest)*)) };
    ([$($other:tt)*] $($rest:tt)*) => { $crate::model::doc_text!($($rest)*) };
}
pub(crate) use doc_text;

/// Declares a string enum with the documented values and an `Other(String)` fallback.
///
/// ```
/// storesubmit::string_enum! {
///     /// Example.
///     pub enum Color { Red = "Red", Green = "Green" }
/// }
/// let c: Color = serde_json::from_str("\"Blue\"").unwrap();
/// assert_eq!(c, Color::Other("Blue".into()));
/// assert_eq!(serde_json::to_string(&Color::Red).unwrap(), "\"Red\"");
/// assert_eq!(Color::VALUES, &["Red", "Green"]);
/// ```
#[macro_export]
macro_rules! string_enum {
    ($(#[$meta:meta])* pub enum $name:ident { $( $(#[$vmeta:meta])* $variant:ident = $value:literal ),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        pub enum $name {
            $( $(#[$vmeta])* #[doc = concat!("`", $value, "`")] $variant, )*
            /// A value the documentation does not list (kept verbatim).
            Other(String),
        }

        impl $name {
            /// Every documented value, in documentation order.
            pub const VALUES: &'static [&'static str] = &[$($value),*];

            /// The wire value.
            pub fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant => $value, )*
                    $name::Other(s) => s.as_str(),
                }
            }

            /// Whether this is a documented value (not `Other`).
            pub fn is_known(&self) -> bool {
                !matches!(self, $name::Other(_))
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;
            fn from_str(s: &str) -> ::std::result::Result<Self, Self::Err> {
                Ok(match s {
                    $( $value => $name::$variant, )*
                    other => $name::Other(other.to_string()),
                })
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
                let s = <::std::string::String as ::serde::Deserialize>::deserialize(d)?;
                Ok(s.parse().expect("infallible"))
            }
        }
    };
}

/// Removes read-only fields from a serialised model before it is sent back (PUT/PATCH bodies).
/// `pointers` are JSON pointers (`/id`, `/statusDetails`, `/applicationPackages/*/version`); a `*`
/// segment applies the rest of the pointer to every element of an array.
pub fn strip_read_only(value: &mut serde_json::Value, pointers: &[&str]) {
    for p in pointers {
        let segments: Vec<&str> = p.trim_start_matches('/').split('/').collect();
        strip_path(value, &segments);
    }
}

fn strip_path(value: &mut serde_json::Value, segments: &[&str]) {
    match segments {
        [] => {}
        [last] => {
            if let Some(obj) = value.as_object_mut() {
                obj.remove(*last);
            }
        }
        ["*", rest @ ..] => {
            if let Some(items) = value.as_array_mut() {
                for item in items {
                    strip_path(item, rest);
                }
            }
        }
        [first, rest @ ..] => {
            if let Some(child) = value.get_mut(*first) {
                strip_path(child, rest);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn camel_case_matches_serde() {
        assert_eq!(super::camel_case("is_advanced_pricing_model"), "isAdvancedPricingModel");
        assert_eq!(super::camel_case("id"), "id");
        let schema = super::devcenter::Pricing::SCHEMA;
        assert!(schema.fields.iter().any(|f| f.wire_name() == "isAdvancedPricingModel"));
        assert!(schema.doc.contains("Pricing"));
    }

    #[test]
    fn strip_read_only_handles_wildcards() {
        let mut v =
            serde_json::json!({"id": "1", "keep": 1, "pkgs": [{"version": "1", "fileName": "a"}, {"fileName": "b"}]});
        super::strip_read_only(&mut v, &["/id", "/pkgs/*/version", "/absent/x"]);
        assert_eq!(v, serde_json::json!({"keep": 1, "pkgs": [{"fileName": "a"}, {"fileName": "b"}]}));
    }
}
