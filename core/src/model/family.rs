//! The Store services a request goes to: the three API families and the token service.

/// Which service an operation belongs to; selects the service root in `api::Endpoints`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Family {
    /// Classic Store submission API (`manage.devcenter.microsoft.com`).
    Devcenter,
    /// MSI/EXE submission API (`api.store.microsoft.com`).
    Win32,
    /// Partner Center ingestion API (`api.partner.microsoft.com`).
    Ingestion,
    /// Azure AD token service (`login.microsoftonline.com`).
    Token,
}

impl Family {
    /// Lower-case name, as used in operation ids.
    pub fn as_str(self) -> &'static str {
        match self {
            Family::Devcenter => "devcenter",
            Family::Win32 => "win32",
            Family::Ingestion => "ingestion",
            Family::Token => "token",
        }
    }
}
