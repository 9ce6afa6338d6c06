//! Connection settings: where the services are and which credentials to use, resolved by one rule that
//! the CLI, the GitHub Action, the Azure DevOps task and every binding share ([`resolve`], and the wire
//! call `resolveConnection`), so a pipeline that moves from one to another keeps its meaning.
//!
//! # Precedence
//! Each setting — the credentials `tenantId`, `clientId`, `clientSecret`, `sellerId`, the service roots
//! `devcenterUrl`, `win32Url`, `ingestionUrl`, `tokenUrl` and `tokenVersion` — is taken from the first of
//! these that gives it a value (an empty or blank string counts as not given):
//!
//! | | source | CLI | Action (DevOps task) | bindings (`resolveConnection`) |
//! |---|---|---|---|---|
//! | 1 | an explicit value | `--tenant-id` … | input `tenant-id` (`tenantId`) | `explicit` |
//! | 2 | the config file | `--config FILE` | input `config` | `configText` |
//! | 3 | the project's named variables | `[credentials]` of the project file | the same | `credentialNames` |
//! | 4 | the `STORESUBMIT_*` variables | `STORESUBMIT_TENANT_ID` … | the same | `env` |
//! | 5 | production defaults | | | |
//!
//! Why this order: an explicit value is the most specific thing a run says. A config file describes one
//! whole target (the emulator, another cloud) chosen for this run, so its settings stay together and beat
//! whatever happens to be in the environment. The project file's variable names are the release's own
//! choice, more specific than the tool's generic `STORESUBMIT_*` names, which are the fallback of every
//! host. The project names variables for the four credentials only; a project variable named like the
//! default (`STORESUBMIT_TENANT_ID`) is simply the default. The service roots default to production's and
//! `tokenVersion` to `v2`; the three credentials have no default: when one is missing, [`resolve`] fails
//! with `invalid_argument` naming every way to give it (never a value). A resolved setting remembers where
//! it came from ([`Source`]), for messages; a client secret is never shown, in errors or descriptions.
//!
//! The environment is data here (a map the host passes), never read from the process: the rule is the
//! same in tests, in wasm and in every host.
//!
//! # The config file
//! A JSON object naming the service roots and credentials to use instead of production's ([`read_text`]).
//! Each key is accepted in camelCase or snake_case: the emulator prints one JSON object per line and its
//! first line (snake_case, with its fixture ids and admin URL too) is a valid config file as it is.

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

use crate::api::auth::{ClientCredentials, TokenVersion};
use crate::api::{self, Endpoints};
use crate::credential::{AssertionProvider, AuthMethod, TokenSource};
use crate::error::{Error, Result};
use crate::flow::Credentials;
use crate::project::CredentialNames;
use crate::secret::{redact_url, Secret};

/// One connection setting and every name it goes by, so messages, help texts and tests read them from one
/// table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Setting {
    /// Its camelCase name: the config file's key, the wire call's key, a binding's argument.
    pub key: &'static str,
    /// Its snake_case name: the config file's other spelling (the emulator's line), and the key of the
    /// project file's `[credentials]` when the project may name a variable for it.
    pub snake: &'static str,
    /// Its default environment variable.
    pub variable: &'static str,
    /// The CLI flag and the GitHub Action input (without `--`).
    pub flag: &'static str,
    /// Whether every connection needs it (the three credentials).
    pub required: bool,
    /// Whether a project file may name the variable that holds it.
    pub project: bool,
    /// Whether its value is a secret (never shown).
    pub secret: bool,
    /// Its production default.
    pub default: Option<&'static str>,
    /// The sign-in methods that use it (empty: every connection uses it); a description leaves it out
    /// when it is not set and the method does not use it.
    pub methods: &'static [AuthMethod],
    /// The CI platform's own variables that give it under a method, read after its `STORESUBMIT_*`
    /// variable (`ACTIONS_ID_TOKEN_REQUEST_URL` for `github-oidc`, `AZURE_FEDERATED_TOKEN_FILE`, …).
    pub platform: &'static [(AuthMethod, &'static str)],
}

const fn setting(key: &'static str, snake: &'static str, variable: &'static str, flag: &'static str) -> Setting {
    Setting {
        key,
        snake,
        variable,
        flag,
        required: false,
        project: false,
        secret: false,
        default: None,
        methods: &[],
        platform: &[],
    }
}

/// A setting only some sign-in methods use.
const fn method_setting(
    key: &'static str,
    snake: &'static str,
    variable: &'static str,
    flag: &'static str,
    methods: &'static [AuthMethod],
) -> Setting {
    Setting { methods, ..setting(key, snake, variable, flag) }
}

use AuthMethod as M;

const fn credential(key: &'static str, snake: &'static str, variable: &'static str, flag: &'static str) -> Setting {
    Setting { required: true, project: true, ..setting(key, snake, variable, flag) }
}

const fn root(
    key: &'static str,
    snake: &'static str,
    variable: &'static str,
    flag: &'static str,
    default: &'static str,
) -> Setting {
    Setting { default: Some(default), ..setting(key, snake, variable, flag) }
}

/// Every connection setting, in the order messages list them.
pub const SETTINGS: &[Setting] = &[
    Setting {
        platform: &[(M::TokenFile, "AZURE_TENANT_ID"), (M::AzurePipelines, "AZURESUBSCRIPTION_TENANT_ID")],
        ..credential("tenantId", "tenant_id", "STORESUBMIT_TENANT_ID", "tenant-id")
    },
    Setting {
        platform: &[(M::TokenFile, "AZURE_CLIENT_ID"), (M::AzurePipelines, "AZURESUBSCRIPTION_CLIENT_ID")],
        ..credential("clientId", "client_id", "STORESUBMIT_CLIENT_ID", "client-id")
    },
    Setting {
        secret: true,
        methods: &[M::Secret],
        ..credential("clientSecret", "client_secret", "STORESUBMIT_CLIENT_SECRET", "client-secret")
    },
    Setting { required: false, ..credential("sellerId", "seller_id", "STORESUBMIT_SELLER_ID", "seller-id") },
    root("devcenterUrl", "devcenter_url", "STORESUBMIT_DEVCENTER_URL", "devcenter-url", api::DEVCENTER_ROOT),
    root("win32Url", "win32_url", "STORESUBMIT_WIN32_URL", "win32-url", api::WIN32_ROOT),
    root("ingestionUrl", "ingestion_url", "STORESUBMIT_INGESTION_URL", "ingestion-url", api::INGESTION_ROOT),
    root("tokenUrl", "token_url", "STORESUBMIT_TOKEN_URL", "token-url", api::TOKEN_ROOT),
    root("tokenVersion", "token_version", "STORESUBMIT_TOKEN_VERSION", "token-version", "v2"),
    Setting { project: true, ..setting("auth", "auth", "STORESUBMIT_AUTH", "auth") },
    Setting {
        platform: &[(M::GithubOidc, "ACTIONS_ID_TOKEN_REQUEST_URL"), (M::AzurePipelines, "SYSTEM_OIDCREQUESTURI")],
        ..method_setting(
            "oidcRequestUrl",
            "oidc_request_url",
            "STORESUBMIT_OIDC_REQUEST_URL",
            "oidc-request-url",
            &[M::GithubOidc, M::AzurePipelines],
        )
    },
    Setting {
        secret: true,
        platform: &[(M::GithubOidc, "ACTIONS_ID_TOKEN_REQUEST_TOKEN"), (M::AzurePipelines, "SYSTEM_ACCESSTOKEN")],
        ..method_setting(
            "oidcRequestToken",
            "oidc_request_token",
            "STORESUBMIT_OIDC_REQUEST_TOKEN",
            "oidc-request-token",
            &[M::GithubOidc, M::AzurePipelines],
        )
    },
    Setting {
        project: true,
        platform: &[(M::AzurePipelines, "AZURESUBSCRIPTION_SERVICE_CONNECTION_ID")],
        ..method_setting(
            "serviceConnectionId",
            "service_connection_id",
            "STORESUBMIT_SERVICE_CONNECTION_ID",
            "service-connection-id",
            &[M::AzurePipelines],
        )
    },
    Setting {
        project: true,
        platform: &[(M::TokenFile, "AZURE_FEDERATED_TOKEN_FILE")],
        ..method_setting("tokenFile", "token_file", "STORESUBMIT_TOKEN_FILE", "token-file", &[M::TokenFile])
    },
    Setting {
        project: true,
        ..method_setting("tokenCommand", "token_command", "STORESUBMIT_TOKEN_COMMAND", "token-command", &[M::Command])
    },
    Setting {
        project: true,
        ..method_setting("certificate", "certificate", "STORESUBMIT_CERTIFICATE", "certificate", &[M::Certificate])
    },
    Setting {
        secret: true,
        project: true,
        ..method_setting(
            "certificatePassword",
            "certificate_password",
            "STORESUBMIT_CERTIFICATE_PASSWORD",
            "certificate-password",
            &[M::Certificate],
        )
    },
    Setting {
        default: Some(crate::credential::IMDS_URL),
        ..method_setting(
            "managedIdentityUrl",
            "managed_identity_url",
            "STORESUBMIT_MANAGED_IDENTITY_URL",
            "managed-identity-url",
            &[M::ManagedIdentity],
        )
    },
];

/// The settings a sign-in method needs (a missing one fails the resolution, naming each way to give it).
pub fn needed_by(method: AuthMethod) -> &'static [&'static str] {
    match method {
        M::Secret => &["tenantId", "clientId", "clientSecret"],
        M::GithubOidc => &["tenantId", "clientId", "oidcRequestUrl", "oidcRequestToken"],
        M::AzurePipelines => &["tenantId", "clientId", "oidcRequestUrl", "oidcRequestToken", "serviceConnectionId"],
        M::TokenFile => &["tenantId", "clientId", "tokenFile"],
        M::Command => &["tenantId", "clientId", "tokenCommand"],
        M::Certificate => &["tenantId", "clientId", "certificate"],
        M::ManagedIdentity => &[],
    }
}

/// When no source names the sign-in method, the first of these whose setting is given (by any source,
/// the platform's variables included) chooses it; none: `secret`. So a client secret given anywhere
/// wins, and a GitHub Actions job with `permissions: id-token: write` signs in with its ID token.
pub const DETECTION: &[(AuthMethod, &str)] = &[
    (M::Secret, "clientSecret"),
    (M::Certificate, "certificate"),
    (M::TokenFile, "tokenFile"),
    (M::Command, "tokenCommand"),
    (M::AzurePipelines, "serviceConnectionId"),
    (M::GithubOidc, "oidcRequestUrl"),
];

/// The variable naming the config file's path for the CLI (`--config`).
pub const CONFIG_VARIABLE: &str = "STORESUBMIT_CONFIG";

/// The setting called `key` (camelCase).
pub fn setting_named(key: &str) -> Option<&'static Setting> {
    SETTINGS.iter().find(|s| s.key == key)
}

/// How the host calls its explicit values and its config file, so messages use the words its user typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Naming {
    /// Command-line flags: `--tenant-id`, `--config`.
    Flag,
    /// GitHub Action inputs: `tenant-id`, `config`.
    Input,
    /// Azure DevOps task inputs: `tenantId`, `config`.
    TaskInput,
    /// A binding's arguments: `tenantId`, `configText`.
    #[default]
    Argument,
}

impl Naming {
    /// The wire spelling: `flag`, `input`, `taskInput`, `argument`.
    pub const NAMES: &'static [&'static str] = &["flag", "input", "taskInput", "argument"];

    /// Reads the wire spelling.
    pub fn parse(s: &str) -> Option<Naming> {
        [Naming::Flag, Naming::Input, Naming::TaskInput, Naming::Argument]
            .into_iter()
            .zip(Self::NAMES)
            .find_map(|(n, name)| (*name == s).then_some(n))
    }

    /// What the host calls the explicit value of `s` (`--tenant-id`, `input tenant-id`).
    fn explicit(self, s: &Setting) -> String {
        match self {
            Naming::Flag => format!("--{}", s.flag),
            Naming::Input => format!("input {}", s.flag),
            Naming::TaskInput => format!("input {}", s.key),
            Naming::Argument => s.key.to_string(),
        }
    }

    /// How to give the explicit value of `s`.
    fn give(self, s: &Setting) -> String {
        match self {
            Naming::Flag | Naming::Argument => format!("pass {}", self.explicit(s)),
            Naming::Input | Naming::TaskInput => format!("set the {}", self.explicit(s)),
        }
    }

    /// The config file, as the host's user names it.
    fn config(self) -> &'static str {
        match self {
            Naming::Flag => "the --config file",
            Naming::Input | Naming::TaskInput => "the config file (input config)",
            Naming::Argument => "the config file",
        }
    }
}

/// Where a resolved setting came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// A flag, an input or a binding's argument.
    Explicit,
    /// The config file.
    Config,
    /// The environment variable the project file names.
    Project,
    /// Its `STORESUBMIT_*` variable.
    Environment,
    /// The production default.
    Default,
}

impl Origin {
    /// Its wire name: `explicit`, `config`, `project`, `environment`, `default`.
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Explicit => "explicit",
            Origin::Config => "config",
            Origin::Project => "project",
            Origin::Environment => "environment",
            Origin::Default => "default",
        }
    }
}

/// Where one setting came from: the kind of source and its name (`--tenant-id`, `--config emu.json`,
/// the variable `STORE_TENANT_ID`). Never a value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    /// The kind of source.
    pub origin: Origin,
    /// The flag, input, file or variable, as the host's user would name it.
    pub name: String,
}

impl Source {
    /// `{from, name}`.
    pub fn to_json(&self) -> Value {
        json!({"from": self.origin.as_str(), "name": self.name})
    }

    /// The source in a sentence (`STORE_TENANT (the project's credentials.tenant_id)`).
    fn describe(&self, s: &Setting) -> String {
        match self.origin {
            Origin::Project => format!("{} (the project's credentials.{})", self.name, s.snake),
            _ => self.name.clone(),
        }
    }
}

/// The config file's text and the name it goes by in messages (its path).
#[derive(Clone, Debug, Default)]
pub struct ConfigText {
    /// The file's text.
    pub text: String,
    /// Its name for messages.
    pub name: String,
}

/// Every source of a connection, as data: what [`resolve`] chooses from.
#[derive(Clone, Default)]
pub struct Sources {
    /// Values given explicitly (flags, inputs, arguments), by camelCase key ([`SETTINGS`]).
    pub explicit: BTreeMap<&'static str, String>,
    /// The config file, when one is given.
    pub config: Option<ConfigText>,
    /// The environment variables the project file names, when a project is published.
    pub credential_names: Option<CredentialNames>,
    /// The environment (the host's process environment, or any map): name → value.
    pub env: BTreeMap<String, String>,
    /// How the host names its flags or inputs, for messages.
    pub naming: Naming,
}

impl Sources {
    /// The variable the project names for `s`, unless it is the default one (then it is simply the default).
    fn project_variable(&self, s: &Setting) -> Option<&str> {
        let names = self.credential_names.as_ref()?;
        let var = match s.key {
            "tenantId" => Some(names.tenant_id.as_str()),
            "clientId" => Some(names.client_id.as_str()),
            "clientSecret" => Some(names.client_secret.as_str()),
            "sellerId" => names.seller_id.as_deref(),
            "serviceConnectionId" => names.service_connection_id.as_deref(),
            "tokenFile" => names.token_file.as_deref(),
            "tokenCommand" => names.token_command.as_deref(),
            "certificate" => names.certificate.as_deref(),
            "certificatePassword" => names.certificate_password.as_deref(),
            _ => None,
        }?;
        // A name that is not one (a secret pasted where a variable name goes) is never used, nor shown.
        let usable = crate::project::credentials::check("", var).is_none();
        (usable && !var.is_empty() && var != s.variable).then_some(var)
    }

    fn env(&self, name: &str) -> Option<&str> {
        self.env.get(name).map(String::as_str).filter(|v| !v.trim().is_empty())
    }

    fn config_name(&self) -> String {
        let name = self.config.as_ref().map_or("", |c| c.name.as_str());
        match self.naming {
            Naming::Flag => format!("--config {name}"),
            _ => format!("config file {name}"),
        }
    }

    /// The first source that gives `s` a value, the platform's variables of `method` included.
    fn pick(&self, config: &Value, s: &Setting, method: AuthMethod) -> Option<(String, Source)> {
        let source = |origin, name: String| Source { origin, name };
        if let Some(v) = self.explicit.get(s.key).filter(|v| !v.trim().is_empty()) {
            return Some((v.clone(), source(Origin::Explicit, self.naming.explicit(s))));
        }
        if let Some(v) = config.get(s.key).and_then(Value::as_str) {
            return Some((v.to_string(), source(Origin::Config, self.config_name())));
        }
        if s.key == "auth" {
            // the project file names the method itself, not a variable
            let auth = self.credential_names.as_ref().and_then(|n| n.auth.as_deref()).filter(|a| !a.trim().is_empty());
            if let Some(a) = auth {
                return Some((a.to_string(), source(Origin::Project, PROJECT_AUTH.to_string())));
            }
        }
        if let Some(var) = self.project_variable(s) {
            if let Some(v) = self.env(var) {
                return Some((v.to_string(), source(Origin::Project, var.to_string())));
            }
        }
        if let Some(v) = self.env(s.variable) {
            return Some((v.to_string(), source(Origin::Environment, s.variable.to_string())));
        }
        for (m, var) in s.platform {
            if *m == method {
                if let Some(v) = self.env(var) {
                    return Some((v.to_string(), source(Origin::Environment, var.to_string())));
                }
            }
        }
        s.default.map(|d| (d.to_string(), source(Origin::Default, "production default".to_string())))
    }

    /// The sign-in method: the `auth` setting, else detected ([`DETECTION`]), else `secret`.
    fn method(&self, config: &Value) -> Result<(AuthMethod, Option<Source>)> {
        let s = setting_named("auth").expect("a known key");
        if let Some((v, src)) = self.pick(config, s, AuthMethod::Secret) {
            let m = AuthMethod::parse(&v).ok_or_else(|| {
                Error::invalid_argument(format!(
                    "auth from {}: must be one of {}, not `{}`",
                    src.describe(s),
                    AuthMethod::names(),
                    v.trim()
                ))
            })?;
            return Ok((m, Some(src)));
        }
        for (m, key) in DETECTION {
            let s = setting_named(key).expect("a known key");
            if self.pick(config, s, *m).is_some() {
                return Ok((*m, None));
            }
        }
        Ok((AuthMethod::Secret, None))
    }

    /// The `invalid_argument` error of settings found nowhere: each one with every way to give it.
    fn missing(&self, missing: &[&Setting], method: AuthMethod, detected: bool) -> Error {
        let ways = missing.iter().map(|s| {
            let mut ways = vec![self.naming.give(s), format!("put `{}` in {}", s.key, self.naming.config())];
            if let Some(v) = self.project_variable(s) {
                ways.push(format!("set {v} (the project's credentials.{})", s.snake));
            }
            ways.push(format!("set {}", s.variable));
            ways.extend(s.platform.iter().filter(|(m, _)| *m == method).map(|(_, v)| format!("set {v}")));
            let last = ways.pop().unwrap_or_default();
            format!("no {}: {} or {last}", s.key, ways.join(", "))
        });
        let mut message = ways.collect::<Vec<_>>().join("; ");
        if method == AuthMethod::GithubOidc {
            message.push_str(" (a GitHub Actions job has them with `permissions: id-token: write`)");
        }
        if detected {
            let auth = setting_named("auth").expect("a known key");
            message.push_str(&format!(
                "; or sign in without a secret: {} ({})",
                self.naming.give(auth),
                AuthMethod::names()
            ));
        } else {
            message = format!("{message} (to sign in with {method})");
        }
        Error::invalid_argument(message)
    }
}

/// The source name of a sign-in method the project file writes itself (`credentials.auth`).
const PROJECT_AUTH: &str = "the project file";

/// A resolved connection: the values to use and where each came from.
#[derive(Clone, Debug)]
pub struct Resolved {
    /// The Azure AD tenant id (empty when not given: a managed identity needs none).
    pub tenant_id: String,
    /// The Azure AD application (client) id (empty when not given: a system-assigned managed identity).
    pub client_id: String,
    /// The client secret (empty unless the method is `secret`).
    pub client_secret: Secret,
    /// The seller id (MSI/EXE), when one was given.
    pub seller_id: Option<String>,
    /// The service roots.
    pub endpoints: Endpoints,
    /// The token endpoint version.
    pub token_version: TokenVersion,
    /// How the connection signs in.
    pub auth: AuthMethod,
    /// The OIDC request token of `github-oidc` and `azure-pipelines` (empty otherwise).
    pub oidc_request_token: Secret,
    /// The PFX file's password of `certificate` (empty otherwise).
    pub certificate_password: Secret,
    /// The other settings given (not secret), by key.
    others: BTreeMap<&'static str, String>,
    sources: BTreeMap<&'static str, Source>,
}

impl Resolved {
    /// The client credentials of a client secret (empty parts for the other methods).
    pub fn credentials(&self) -> ClientCredentials {
        ClientCredentials::new(self.tenant_id.clone(), self.client_id.clone(), self.client_secret.clone())
    }

    /// Where the workflow's tokens come from: the client secret, or the token source of the method.
    ///
    /// # Errors
    /// `invalid_argument` for a token command that is not a command line.
    pub fn credential(&self) -> Result<Credentials> {
        let other = |k: &str| self.others.get(k).cloned().unwrap_or_default();
        let assertion = |provider| {
            Credentials::Source(TokenSource::Assertion {
                tenant_id: self.tenant_id.clone(),
                client_id: self.client_id.clone(),
                provider,
            })
        };
        Ok(match self.auth {
            AuthMethod::Secret => Credentials::ClientSecret(self.credentials()),
            AuthMethod::GithubOidc => assertion(AssertionProvider::GithubOidc {
                request_url: other("oidcRequestUrl"),
                request_token: self.oidc_request_token.clone(),
            }),
            AuthMethod::AzurePipelines => assertion(AssertionProvider::AzurePipelines {
                request_url: other("oidcRequestUrl"),
                access_token: self.oidc_request_token.clone(),
                service_connection_id: other("serviceConnectionId"),
            }),
            AuthMethod::TokenFile => assertion(AssertionProvider::File { path: other("tokenFile") }),
            AuthMethod::Command => {
                assertion(AssertionProvider::Command { argv: command_line(&other("tokenCommand"))? })
            }
            AuthMethod::Certificate => Credentials::Source(TokenSource::Certificate {
                tenant_id: self.tenant_id.clone(),
                client_id: self.client_id.clone(),
                path: other("certificate"),
                password: Some(self.certificate_password.clone()).filter(|p| !p.is_empty()),
            }),
            AuthMethod::ManagedIdentity => Credentials::Source(TokenSource::ManagedIdentity {
                endpoint: other("managedIdentityUrl"),
                client_id: Some(self.client_id.clone()).filter(|c| !c.is_empty()),
            }),
        })
    }

    /// Where the setting `key` (camelCase) came from; `None` when it was given nowhere (a seller id), or
    /// for `auth` when the method was detected.
    pub fn source(&self, key: &str) -> Option<&Source> {
        self.sources.get(key)
    }

    /// The value of a setting that is not secret (`None` for the secrets and unset settings).
    pub fn value(&self, key: &str) -> Option<&str> {
        match key {
            "tenantId" => Some(&self.tenant_id).filter(|_| self.sources.contains_key(key)).map(String::as_str),
            "clientId" => Some(&self.client_id).filter(|_| self.sources.contains_key(key)).map(String::as_str),
            "sellerId" => self.seller_id.as_deref(),
            "devcenterUrl" => Some(&self.endpoints.devcenter),
            "win32Url" => Some(&self.endpoints.win32),
            "ingestionUrl" => Some(&self.endpoints.ingestion),
            "tokenUrl" => Some(&self.endpoints.token),
            "tokenVersion" => Some(match self.token_version {
                TokenVersion::V1 => "v1",
                TokenVersion::V2 => "v2",
            }),
            "auth" => Some(self.auth.as_str()),
            _ => self.others.get(key).map(String::as_str),
        }
    }

    /// Whether a description lists the setting `s`: given, or used by every method, or by this one.
    fn shown(&self, s: &Setting) -> bool {
        s.key != "auth" && (self.sources.contains_key(s.key) || s.methods.is_empty() || s.methods.contains(&self.auth))
    }

    /// One line for logs and error hints: each setting, its value (never a secret's) and its source, then
    /// the sign-in method. `tenantId 7f… from --tenant-id; clientSecret (hidden) from STORE_SECRET (the
    /// project's credentials.client_secret); sellerId not set; devcenterUrl production default; …; auth
    /// secret (detected)`.
    pub fn describe(&self) -> String {
        let mut parts: Vec<String> = SETTINGS
            .iter()
            .filter(|s| self.shown(s))
            .map(|s| match (self.source(s.key), self.value(s.key)) {
                (None, _) => format!("{} not set", s.key),
                (Some(src), _) if src.origin == Origin::Default => format!("{} production default", s.key),
                (Some(src), _) if s.secret => format!("{} (hidden) from {}", s.key, src.describe(s)),
                (Some(src), v) => format!("{} {} from {}", s.key, redact_url(v.unwrap_or("")), src.describe(s)),
            })
            .collect();
        let auth = setting_named("auth").expect("a known key");
        parts.push(match self.source("auth") {
            Some(src) => format!("auth {} from {}", self.auth, src.describe(auth)),
            None => format!("auth {} (detected)", self.auth),
        });
        parts.join("; ")
    }

    /// `{values, sources, description}`: every value but the secrets' (`null` when unset or secret), each
    /// setting's source (`{from, name}`, `null` when unset; `auth`: `{from: "detected"}` when detected)
    /// and [`Resolved::describe`]. Holds no secret.
    pub fn to_json(&self) -> Value {
        // a secret's value is never in the answer: the client secret is left out (bindings read it from the
        // wire call's own field), the other secrets are null
        let values: Map<String, Value> = SETTINGS
            .iter()
            .filter(|s| s.key != "clientSecret")
            .map(|s| (s.key.to_string(), if s.secret { Value::Null } else { json!(self.value(s.key)) }))
            .collect();
        let mut sources: Map<String, Value> = SETTINGS
            .iter()
            .map(|s| (s.key.to_string(), self.source(s.key).map_or(Value::Null, Source::to_json)))
            .collect();
        if self.source("auth").is_none() {
            sources.insert("auth".into(), json!({"from": "detected", "name": "detected"}));
        }
        json!({"values": values, "sources": sources, "description": self.describe()})
    }
}

/// A token command's program and arguments: a JSON list of strings, or words separated by spaces (no
/// shell, no quoting).
///
/// # Errors
/// `invalid_argument` for an empty command or a malformed list.
pub fn command_line(text: &str) -> Result<Vec<String>> {
    let t = text.trim();
    let argv: Vec<String> = if t.starts_with('[') {
        serde_json::from_str(t).map_err(|_| {
            Error::invalid_argument("tokenCommand: a JSON list of strings, or words separated by spaces")
        })?
    } else {
        t.split_whitespace().map(str::to_string).collect()
    };
    if argv.first().is_none_or(|p| p.trim().is_empty()) {
        return Err(Error::invalid_argument("tokenCommand: is empty"));
    }
    Ok(argv)
}

/// Resolves a connection from every source by the one precedence (see the module documentation).
///
/// # Errors
/// `invalid_argument` naming every setting the sign-in method needs that was found nowhere and each way
/// to give it; the config file's own errors ([`read_text`]); `invalid_argument` for a `tokenVersion` that
/// is not `v1` or `v2` or an unknown `auth`, and `unsupported` for a service root that is not https
/// (plain http only to a loopback host), each naming the setting and where it came from. No error shows
/// a secret.
pub fn resolve(sources: &Sources) -> Result<Resolved> {
    let config = match &sources.config {
        Some(c) => read_text(&c.text, &c.name)?,
        None => Value::Null,
    };
    let (method, auth_source) = sources.method(&config)?;
    let needed = needed_by(method);
    let mut picked: BTreeMap<&'static str, (String, Source)> = BTreeMap::new();
    let mut missing = Vec::new();
    for s in SETTINGS.iter().filter(|s| s.key != "auth") {
        if !s.methods.is_empty() && !s.methods.contains(&method) {
            continue;
        }
        match sources.pick(&config, s, method) {
            Some(v) => {
                picked.insert(s.key, v);
            }
            None if needed.contains(&s.key) => missing.push(s),
            None => {}
        }
    }
    if !missing.is_empty() {
        return Err(sources.missing(&missing, method, auth_source.is_none()));
    }
    for s in SETTINGS.iter().filter(|s| s.key.ends_with("Url")) {
        if let Some((url, src)) = picked.get(s.key) {
            crate::http::check_url_scheme(url)
                .map_err(|e| Error::new(e.kind(), format!("{} from {}: {}", s.key, src.describe(s), e.message())))?;
        }
    }
    let value = |key: &str| picked.get(key).map(|(v, _)| v.clone()).unwrap_or_default();
    let token_version = match value("tokenVersion").trim().to_ascii_lowercase().as_str() {
        "v1" => TokenVersion::V1,
        "v2" => TokenVersion::V2,
        other => {
            let s = setting_named("tokenVersion").expect("a known key");
            let from = picked.get(s.key).map(|(_, src)| src.describe(s)).unwrap_or_default();
            return Err(Error::invalid_argument(format!("tokenVersion from {from}: must be v1 or v2, not `{other}`")));
        }
    };
    if method == AuthMethod::Command {
        command_line(&value("tokenCommand"))?;
    }
    let others = SETTINGS
        .iter()
        .filter(|s| !s.secret && !s.methods.is_empty())
        .filter_map(|s| picked.get(s.key).map(|(v, _)| (s.key, v.clone())))
        .collect();
    let mut sources_out: BTreeMap<&'static str, Source> =
        picked.iter().map(|(k, (_, src))| (*k, src.clone())).collect();
    if let Some(src) = auth_source {
        sources_out.insert("auth", src);
    }
    Ok(Resolved {
        tenant_id: value("tenantId"),
        client_id: value("clientId"),
        client_secret: Secret::new(value("clientSecret")),
        seller_id: picked.get("sellerId").map(|(v, _)| v.clone()),
        endpoints: Endpoints {
            devcenter: value("devcenterUrl"),
            win32: value("win32Url"),
            ingestion: value("ingestionUrl"),
            token: value("tokenUrl"),
        },
        token_version,
        auth: method,
        oidc_request_token: Secret::new(value("oidcRequestToken")),
        certificate_password: Secret::new(value("certificatePassword")),
        others,
        sources: sources_out,
    })
}

/// The wire call `resolveConnection`: `args` holds `explicit` (camelCase key → string or null),
/// `configText`/`configName`, `credentialNames` (`{tenantId, clientId, clientSecret, sellerId}`: the
/// project's variable names, as the `project` call answers them, and its `auth`), `env` (name → value)
/// and `naming` (`flag`, `input`, `taskInput` or `argument`, the default). Answers [`Resolved::to_json`]
/// plus `clientSecret` (null when the method is not `secret`), the one field that holds a secret (bindings
/// keep it out of logs).
///
/// # Errors
/// `invalid_argument` naming `resolveConnection/<field>` for malformed arguments; otherwise as [`resolve`].
pub fn wire_call(args: &Map<String, Value>) -> Result<Value> {
    let resolved = resolve(&sources_from_args(args, "resolveConnection")?)?;
    let mut out = resolved.to_json();
    out["clientSecret"] = json!(Some(resolved.client_secret.expose()).filter(|t| !t.is_empty()));
    Ok(out)
}

/// The sources of a connection as JSON: the arguments of `resolveConnection`, or a client's `connection`
/// option (then `at` is `/connection`, and without `env` a native host reads the process environment).
///
/// # Errors
/// `invalid_argument` naming `<at>/<field>` for malformed arguments.
pub fn sources_from_args(args: &Map<String, Value>, at: &str) -> Result<Sources> {
    // the snake_case spellings a Python caller writes are the same fields
    const ALIASES: &[(&str, &str)] =
        &[("config_text", "configText"), ("config_name", "configName"), ("credential_names", "credentialNames")];
    let normalized;
    let args = if ALIASES.iter().any(|(snake, _)| args.contains_key(*snake)) {
        let mut m = args.clone();
        for (snake, camel) in ALIASES {
            if let Some(v) = m.remove(*snake) {
                m.entry(camel.to_string()).or_insert(v);
            }
        }
        normalized = m;
        &normalized
    } else {
        args
    };
    let bad = |field: &str, rule: &str| Error::invalid_argument(format!("{at}/{field}: {rule}"));
    let object = |field: &str| -> Result<Option<&Map<String, Value>>> {
        match args.get(field) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Object(m)) => Ok(Some(m)),
            Some(_) => Err(bad(field, "must be an object")),
        }
    };
    let string = |field: &str, v: &Value| -> Result<Option<String>> {
        match v {
            Value::Null => Ok(None),
            Value::String(s) => Ok(Some(s.clone())),
            Value::Number(n) => Ok(Some(n.to_string())),
            _ => Err(bad(field, "must be a string")),
        }
    };
    let known = |field: &str, keys: &mut dyn Iterator<Item = &'static str>, k: &str| {
        bad(&format!("{field}/{k}"), &format!("unknown key; expected one of {}", keys.collect::<Vec<_>>().join(", ")))
    };
    let mut sources = Sources::default();
    for (k, v) in object("explicit")?.into_iter().flatten() {
        let s = SETTINGS
            .iter()
            .find(|s| s.key == k || s.snake == k)
            .ok_or_else(|| known("explicit", &mut SETTINGS.iter().map(|s| s.key), k))?;
        if let Some(v) = string(&format!("explicit/{k}"), v)? {
            sources.explicit.insert(s.key, v);
        }
    }
    if let Some(text) = args.get("configText").map(|v| string("configText", v)).transpose()?.flatten() {
        let name = args.get("configName").map(|v| string("configName", v)).transpose()?.flatten();
        sources.config = Some(ConfigText { text, name: name.unwrap_or_else(|| "(text)".to_string()) });
    }
    if let Some(m) = object("credentialNames")? {
        let mut names = CredentialNames::default();
        for (k, v) in m {
            let v = string(&format!("credentialNames/{k}"), v)?;
            // every key names a variable, but `auth`, which names the sign-in method itself
            let named = v.as_deref().filter(|_| k != "auth");
            if let Some(issue) =
                named.and_then(|v| crate::project::credentials::check(&format!("credentialNames/{k}"), v))
            {
                return Err(Error::invalid_argument(format!("credentialNames/{k}: {}", issue.message)));
            }
            match k.as_str() {
                "tenantId" => names.tenant_id = v.unwrap_or(names.tenant_id),
                "clientId" => names.client_id = v.unwrap_or(names.client_id),
                "clientSecret" => names.client_secret = v.unwrap_or(names.client_secret),
                "sellerId" => names.seller_id = v,
                "auth" => names.auth = v,
                "serviceConnectionId" => names.service_connection_id = v,
                "tokenFile" => names.token_file = v,
                "tokenCommand" => names.token_command = v,
                "certificate" => names.certificate = v,
                "certificatePassword" => names.certificate_password = v,
                _ => {
                    let mut keys = SETTINGS.iter().filter(|s| s.project).map(|s| s.key);
                    return Err(known("credentialNames", &mut keys, k));
                }
            }
        }
        sources.credential_names = Some(names);
    }
    for (k, v) in object("env")?.into_iter().flatten() {
        if let Some(v) = string(&format!("env/{k}"), v)? {
            sources.env.insert(k.clone(), v);
        }
    }
    if let Some(n) = args.get("naming").map(|v| string("naming", v)).transpose()?.flatten() {
        sources.naming = Naming::parse(&n)
            .ok_or_else(|| bad("naming", &format!("must be one of {}, not `{n}`", Naming::NAMES.join(", "))))?;
    }
    if at == "/connection" && args.get("env").is_none() {
        #[cfg(not(target_arch = "wasm32"))]
        {
            sources.env =
                std::env::vars_os().filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?))).collect();
        }
    }
    Ok(sources)
}

/// Reads the text of a config file named `name` (for messages): a JSON object, or lines whose first is
/// one. Answers every key of [`SETTINGS`] in camelCase, `null` when absent or empty; numbers (a seller
/// id) are given as strings. Other keys ending in `_id` or `_url` (the emulator's fixtures) are ignored.
///
/// # Errors
/// `invalid_argument` naming the file when it is not a JSON object, or for an unknown key (listing the
/// known ones) or a value that is not a string or number.
pub fn read_text(text: &str, name: &str) -> Result<Value> {
    let first = text.trim_start().lines().next().unwrap_or("");
    let v: Value = serde_json::from_str(text.trim())
        .or_else(|_| serde_json::from_str(first))
        .map_err(|e| Error::invalid_argument(format!("config file {name}: not a JSON object: {e}")))?;
    let Value::Object(m) = v else {
        return Err(Error::invalid_argument(format!("config file {name}: not a JSON object")));
    };
    for k in m.keys() {
        let known = SETTINGS.iter().any(|s| s.key == k || s.snake == k);
        if !known && !k.ends_with("_id") && !k.ends_with("_url") {
            return Err(Error::invalid_argument(format!(
                "config file {name}: unknown key `{k}` (known: {})",
                SETTINGS.iter().map(|s| s.key).collect::<Vec<_>>().join(", ")
            )));
        }
    }
    let mut out = Map::new();
    for s in SETTINGS {
        let value = match m.get(s.key).or_else(|| m.get(s.snake)) {
            None | Some(Value::Null) => Value::Null,
            Some(Value::String(v)) if v.trim().is_empty() => Value::Null,
            Some(Value::String(v)) => Value::String(v.clone()),
            Some(Value::Number(n)) => Value::String(n.to_string()),
            Some(_) => {
                return Err(Error::invalid_argument(format!("config file {name}: `{}` must be a string", s.key)));
            }
        };
        out.insert(s.key.to_string(), value);
    }
    Ok(Value::Object(out))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_emulator_line_and_camel_case_read_the_same() {
        let line = r#"{"devcenter_url":"http://127.0.0.1:9/dc","token_url":"http://127.0.0.1:9/t","tenant_id":"T","seller_id":42,"app_id":"9N","admin_url":"http://a"}
{"event":"listening"}"#;
        let v = read_text(line, "emu.out").unwrap();
        assert_eq!(v["devcenterUrl"], "http://127.0.0.1:9/dc");
        assert_eq!(v["tokenUrl"], "http://127.0.0.1:9/t");
        assert_eq!(v["tenantId"], "T");
        assert_eq!(v["sellerId"], "42");
        assert!(v["clientSecret"].is_null() && v["win32Url"].is_null());
        assert!(v.get("appId").is_none() && v.get("app_id").is_none(), "fixtures are not connection keys");
        let camel =
            read_text(r#"{"devcenterUrl": "https://x", "tokenVersion": "v1", "clientId": ""}"#, "c.json").unwrap();
        assert_eq!(camel["devcenterUrl"], "https://x");
        assert_eq!(camel["tokenVersion"], "v1");
        assert!(camel["clientId"].is_null(), "an empty value is absent");
    }

    #[test]
    fn mistakes_name_the_file_and_the_key() {
        let e = read_text(r#"{"tenantId": "T", "typo": 1}"#, "c.json").unwrap_err();
        assert!(e.message().contains("c.json") && e.message().contains("unknown key `typo`"), "{e}");
        assert!(e.message().contains("devcenterUrl"), "{e}");
        assert!(read_text("[1]", "c.json").unwrap_err().message().contains("not a JSON object"));
        assert!(read_text("nope", "c.json").unwrap_err().message().contains("not a JSON object"));
        let e = read_text(&json!({"tenantId": ["T"]}).to_string(), "c.json").unwrap_err();
        assert!(e.message().contains("`tenantId` must be a string"), "{e}");
    }

    #[test]
    fn a_secret_given_where_a_variable_name_goes_is_never_shown() {
        let pasted = "Zq8~Xw.3kLmN0pQrStUvWxYz-12345678";
        let e = wire_call(json!({"credentialNames": {"clientSecret": pasted}, "env": {}}).as_object().unwrap())
            .unwrap_err();
        assert!(e.message().contains("credentialNames/clientSecret") && !e.message().contains(pasted), "{e}");
        // the Rust API: the name is neither used nor printed in "no clientSecret: set …"
        let names = CredentialNames { client_secret: pasted.into(), ..CredentialNames::default() };
        let sources = Sources { credential_names: Some(names), ..Sources::default() };
        let e = resolve(&sources).unwrap_err();
        assert!(e.message().contains("no clientSecret") && !e.message().contains(pasted), "{e}");
    }
}
