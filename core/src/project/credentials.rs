//! `[credentials]`: the NAMES of the environment variables that hold the tenant id, client id, client
//! secret and seller id. A value that is not a variable name, or that looks like a secret pasted in by
//! mistake, is an error whose message never shows the value.

use serde::Serialize;

use crate::issue::Issue;
use crate::validate::codes;

/// The environment variable names of a project's credentials (defaults: `STORESUBMIT_TENANT_ID`,
/// `STORESUBMIT_CLIENT_ID`, `STORESUBMIT_CLIENT_SECRET`, `STORESUBMIT_SELLER_ID`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CredentialNames {
    /// The variable holding the Azure AD tenant id.
    pub tenant_id: String,
    /// The variable holding the client (application) id.
    pub client_id: String,
    /// The variable holding the client secret.
    pub client_secret: String,
    /// The variable holding the seller id (MSI/EXE products), when the project names one.
    pub seller_id: Option<String>,
    /// How the release signs in (`auth`: `secret`, `github-oidc`, …; the method itself, not a variable),
    /// when the project says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auth: Option<String>,
    /// The variable holding the Azure Pipelines service connection id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_connection_id: Option<String>,
    /// The variable holding the path of a federated token file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token_file: Option<String>,
    /// The variable holding a command that prints a federated token.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token_command: Option<String>,
    /// The variable holding the path of the certificate's PEM or PFX file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub certificate: Option<String>,
    /// The variable holding the PFX file's password.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub certificate_password: Option<String>,
}

impl Default for CredentialNames {
    fn default() -> Self {
        CredentialNames {
            tenant_id: "STORESUBMIT_TENANT_ID".into(),
            client_id: "STORESUBMIT_CLIENT_ID".into(),
            client_secret: "STORESUBMIT_CLIENT_SECRET".into(),
            seller_id: None,
            auth: None,
            service_connection_id: None,
            token_file: None,
            token_command: None,
            certificate: None,
            certificate_password: None,
        }
    }
}

/// The keys of `[credentials]` that name variables, as written in the file (`auth` names the method).
pub(crate) const KEYS: &[&str] = &[
    "tenant_id",
    "client_id",
    "client_secret",
    "seller_id",
    "service_connection_id",
    "token_file",
    "token_command",
    "certificate",
    "certificate_password",
];

/// The default variable of `seller_id` (used when an MSI/EXE project does not name one).
pub(crate) const DEFAULT_SELLER_ID: &str = "STORESUBMIT_SELLER_ID";

/// Whether `value` is an environment variable name: ASCII letters, digits and `_`, not starting with a
/// digit.
fn is_variable_name(value: &str) -> bool {
    let mut chars = value.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Whether a value that is a valid variable name still looks like a secret: longer than 64 characters,
/// or a long run of letters and digits with no `_` between words — 20 characters or more with two digits
/// or more, or 16 or more mixing upper- and lower-case letters with digits (variable names are words
/// joined by `_`; keys and tokens are not).
pub fn looks_like_secret(value: &str) -> bool {
    let n = value.chars().count();
    let lower = value.chars().any(|c| c.is_ascii_lowercase());
    let upper = value.chars().any(|c| c.is_ascii_uppercase());
    let digits = value.chars().filter(char::is_ascii_digit).count();
    let words = value.contains('_');
    n > 64 || (!words && digits >= 2 && (n >= 20 || (n >= 16 && lower && upper)))
}

/// The issue of one credentials value at `path` (`/credentials/client_secret`), if any.
pub(crate) fn check(path: &str, value: &str) -> Option<Issue> {
    let key = path.rsplit('/').next().unwrap_or(path);
    if !is_variable_name(value) {
        return Some(Issue::error(
            codes::PROJECT_CREDENTIALS_NOT_A_NAME.code,
            path,
            format!(
                "credentials.{key} must be the NAME of an environment variable (letters, digits and _, not \
                 starting with a digit), e.g. \"STORESUBMIT_{}\"; the value (not shown) is not one",
                key.to_ascii_uppercase()
            ),
        ));
    }
    if looks_like_secret(value) {
        return Some(Issue::error(
            codes::PROJECT_CREDENTIALS_SECRET.code,
            path,
            format!(
                "credentials.{key} looks like a secret, not the NAME of an environment variable; keep secrets \
                 out of the project file: put the value in a variable and write its name here (the value is \
                 not shown)"
            ),
        ));
    }
    None
}
