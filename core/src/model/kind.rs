//! Which kind of document a JSON value is: selects the validation rules, the files it names, the
//! read-only fields, and the CLI's `--kind`.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

macro_rules! kinds {
    ($( $(#[$doc:meta])* $variant:ident = $name:literal; )*) => {
        /// A kind of document storesubmit can validate, package or send.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum DocumentKind {
            $( $(#[$doc])* #[serde(rename = $name)] $variant, )*
        }

        impl DocumentKind {
            /// Every kind.
            pub const ALL: &'static [DocumentKind] = &[$(DocumentKind::$variant,)*];

            /// The kebab-case name used by the CLI (`--kind`) and every binding.
            pub fn as_str(self) -> &'static str {
                match self { $(DocumentKind::$variant => $name,)* }
            }
        }

        impl FromStr for DocumentKind {
            type Err = crate::error::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($name => Ok(DocumentKind::$variant),)*
                    _ => Err(crate::error::Error::invalid_argument(format!(
                        "unknown document kind `{s}` (expected one of: {})",
                        [$($name),*].join(", ")
                    ))),
                }
            }
        }
    };
}

kinds! {
    /// devcenter app submission resource.
    AppSubmission = "app-submission";
    /// devcenter add-on submission resource.
    AddonSubmission = "addon-submission";
    /// devcenter package flight submission resource.
    FlightSubmission = "flight-submission";
    /// devcenter add-on create body.
    Addon = "addon";
    /// devcenter flight create body.
    Flight = "flight";
    /// win32 draft metadata, full module update (PUT).
    Win32Metadata = "win32-metadata";
    /// win32 draft metadata, module patch update (PATCH).
    Win32MetadataPatch = "win32-metadata-patch";
    /// win32 packages, full update (PUT).
    Win32Packages = "win32-packages";
    /// win32 single package patch (PATCH by id).
    Win32Package = "win32-package";
    /// win32 listing assets create request.
    Win32AssetsCreate = "win32-assets-create";
    /// win32 listing assets commit request.
    Win32AssetsCommit = "win32-assets-commit";
}

impl fmt::Display for DocumentKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
