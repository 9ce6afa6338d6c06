//! The one description of the project file's fields ([`TABLES`], [`FIELDS`]): the parser checks keys,
//! types and values against it, and [`schema`] turns it into the JSON Schema published as
//! `schema/storesubmit.schema.json` (written by `storesubmit-manifest`; a test fails when it is stale), so
//! editors can complete and check `storesubmit.json` (and TOML editors that read JSON Schema).

use serde_json::{json, Map, Value};

/// Where the published schema lives, relative to the repository root.
pub const SCHEMA_PATH: &str = "schema/storesubmit.schema.json";

/// What a field holds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum FieldType {
    /// A string.
    Str,
    /// `true` or `false`.
    Bool,
    /// A number from `min` to `max`.
    Number {
        /// The smallest value.
        min: f64,
        /// The largest value.
        max: f64,
    },
    /// A list of strings.
    Strings,
    /// One of these strings.
    OneOf(&'static [&'static str]),
}

impl FieldType {
    /// The words a type error uses.
    pub fn describe(self) -> String {
        match self {
            FieldType::Str => "a string".into(),
            FieldType::Bool => "true or false".into(),
            FieldType::Number { min, max } => format!("a number from {min} to {max}"),
            FieldType::Strings => "a list of strings".into(),
            FieldType::OneOf(v) => format!("one of {}", quoted(v)),
        }
    }
}

/// `"a", "b" or "c"`.
pub(crate) fn quoted(values: &[&str]) -> String {
    let q: Vec<String> = values.iter().map(|v| format!("\"{v}\"")).collect();
    match q.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => q.join(""),
    }
}

/// One key of one table.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Field {
    /// The table (`release`).
    pub table: &'static str,
    /// The key (`rollout`).
    pub key: &'static str,
    /// What it holds.
    pub ty: FieldType,
    /// What it means (the schema's `description`).
    pub doc: &'static str,
}

/// `kind` of `[product]`.
pub const PRODUCT_KINDS: &[&str] = &["app", "addon", "flight", "win32"];
/// `pending` of `[release]`: the workflow's pending policies (`flow::PendingPolicy`).
pub const PENDING_POLICIES: &[&str] = &["reuse", "recreate", "fail"];
/// `auth` of `[credentials]`: the sign-in methods ([`crate::credential::AuthMethod`]).
pub const AUTH_METHODS: &[&str] =
    &["secret", "github-oidc", "azure-pipelines", "token-file", "command", "certificate", "managed-identity"];
/// `wait` of `[release]`: where the workflow stops (`flow::StopAfter`).
pub const WAIT_STAGES: &[&str] = &["draft", "committed", "certification", "published"];

/// The tables of the file, with what each is for.
pub const TABLES: &[(&str, &str)] = &[
    ("product", "Which product the project publishes."),
    (
        "credentials",
        "The NAMES of the environment variables that hold the credentials (never the values: a value that looks \
         like a secret is an error).",
    ),
    ("packages", "The packages to upload, by glob, relative to the project folder."),
    ("listings", "Store listings: one file per language, images by folder convention."),
    ("submission", "Any other submission fields, from a JSON file merged under the generated ones."),
    ("release", "How the release goes out: gradual rollout, mandatory update, pending submission, where to stop."),
];

/// Every key of every table.
pub const FIELDS: &[Field] = &[
    Field {
        table: "product",
        key: "kind",
        ty: FieldType::OneOf(PRODUCT_KINDS),
        doc: "app, addon (an add-on), flight (a package flight of an app) or win32 (an MSI/EXE product).",
    },
    Field {
        table: "product",
        key: "id",
        ty: FieldType::Str,
        doc: "The Store id: the app id (app, flight), the add-on id, or the MSI/EXE product id.",
    },
    Field { table: "product", key: "flight", ty: FieldType::Str, doc: "kind = \"flight\" only: the flight id." },
    Field {
        table: "credentials",
        key: "tenant_id",
        ty: FieldType::Str,
        doc: "The variable holding the Azure AD tenant id (default STORESUBMIT_TENANT_ID).",
    },
    Field {
        table: "credentials",
        key: "client_id",
        ty: FieldType::Str,
        doc: "The variable holding the client (application) id (default STORESUBMIT_CLIENT_ID).",
    },
    Field {
        table: "credentials",
        key: "client_secret",
        ty: FieldType::Str,
        doc: "The variable holding the client secret (default STORESUBMIT_CLIENT_SECRET).",
    },
    Field {
        table: "credentials",
        key: "seller_id",
        ty: FieldType::Str,
        doc: "MSI/EXE only: the variable holding the seller id (default STORESUBMIT_SELLER_ID).",
    },
    Field {
        table: "credentials",
        key: "auth",
        ty: FieldType::OneOf(AUTH_METHODS),
        doc: "How the release signs in (the method itself, not a variable): secret (a client secret), github-oidc \
              (the GitHub Actions job's ID token), azure-pipelines (a workload identity service connection), \
              token-file, command, certificate or managed-identity. Default: detected from what is given (a \
              client secret first).",
    },
    Field {
        table: "credentials",
        key: "service_connection_id",
        ty: FieldType::Str,
        doc: "azure-pipelines: the variable holding the service connection id (default \
              STORESUBMIT_SERVICE_CONNECTION_ID).",
    },
    Field {
        table: "credentials",
        key: "token_file",
        ty: FieldType::Str,
        doc: "token-file: the variable holding the federated token file's path (default STORESUBMIT_TOKEN_FILE, \
              then AZURE_FEDERATED_TOKEN_FILE).",
    },
    Field {
        table: "credentials",
        key: "token_command",
        ty: FieldType::Str,
        doc: "command: the variable holding a command that prints a federated token (default \
              STORESUBMIT_TOKEN_COMMAND).",
    },
    Field {
        table: "credentials",
        key: "certificate",
        ty: FieldType::Str,
        doc: "certificate: the variable holding the path of the PEM file with the certificate and its private key, \
              or of a PFX file (default STORESUBMIT_CERTIFICATE).",
    },
    Field {
        table: "credentials",
        key: "certificate_password",
        ty: FieldType::Str,
        doc: "certificate: the variable holding the PFX file's password (default STORESUBMIT_CERTIFICATE_PASSWORD).",
    },
    Field {
        table: "packages",
        key: "files",
        ty: FieldType::Strings,
        doc: "Globs (*, ?, [a-z], ** for any folders); each match is a package named by its path. MSI/EXE: each \
              match is a JSON file holding one package object (packageUrl, languages, architectures, ...).",
    },
    Field {
        table: "packages",
        key: "keep_old",
        ty: FieldType::Bool,
        doc: "Keep the packages the project does not name (default false: they are marked PendingDelete).",
    },
    Field {
        table: "listings",
        key: "folder",
        ty: FieldType::Str,
        doc: "The folder of the listing files: <language>.json, or <language>.md (Markdown with front matter; the \
              body is the description). Default \"listings\" when it exists.",
    },
    Field {
        table: "listings",
        key: "images",
        ty: FieldType::Str,
        doc: "The images folder: <language>/<ImageType>/<file>, e.g. en-us/Screenshot/01.png (add-on: \
              <language>/Icon/<file>.png; MSI/EXE: Screenshot and Logo). Default \"images\" when it exists.",
    },
    Field {
        table: "submission",
        key: "file",
        ty: FieldType::Str,
        doc:
            "A JSON file of other submission fields (MSI/EXE: draft metadata fields), merged under the generated ones.",
    },
    Field {
        table: "release",
        key: "rollout",
        ty: FieldType::Number {
            min: crate::data::limits::ROLLOUT_PERCENTAGE_MIN,
            max: crate::data::limits::ROLLOUT_PERCENTAGE_MAX,
        },
        doc: "Gradual rollout percentage of the new packages (app and flight).",
    },
    Field {
        table: "release",
        key: "mandatory",
        ty: FieldType::Bool,
        doc: "Make the update mandatory (app and flight).",
    },
    Field {
        table: "release",
        key: "pending",
        ty: FieldType::OneOf(PENDING_POLICIES),
        doc: "What to do with a pending submission: reuse it (default), recreate it, or fail.",
    },
    Field {
        table: "release",
        key: "wait",
        ty: FieldType::OneOf(WAIT_STAGES),
        doc: "Where the publish stops: draft (a resume token), committed, certification or published (default).",
    },
];

/// The top-level keys besides the tables.
pub const ENVIRONMENTS: &str = "environments";
/// The key a JSON project file may use to name its schema.
pub const SCHEMA_KEY: &str = "$schema";

/// The fields of one table.
pub fn fields_of(table: &str) -> impl Iterator<Item = &'static Field> + '_ {
    FIELDS.iter().filter(move |f| f.table == table)
}

fn field_schema(f: &Field) -> Value {
    let mut s = match f.ty {
        FieldType::Str => json!({"type": "string"}),
        FieldType::Bool => json!({"type": "boolean"}),
        FieldType::Number { min, max } => json!({"type": "number", "minimum": min, "maximum": max}),
        FieldType::Strings => json!({"type": "array", "items": {"type": "string"}}),
        FieldType::OneOf(v) => json!({"type": "string", "enum": v}),
    };
    s["description"] = json!(f.doc);
    s
}

fn tables_schema() -> Map<String, Value> {
    TABLES
        .iter()
        .map(|(t, doc)| {
            let props: Map<String, Value> = fields_of(t).map(|f| (f.key.to_string(), field_schema(f))).collect();
            (
                t.to_string(),
                json!({"type": "object", "description": doc, "properties": props, "additionalProperties": false}),
            )
        })
        .collect()
}

/// The JSON Schema (draft 2020-12) of a project file.
pub fn schema() -> Value {
    let tables = tables_schema();
    let mut props = tables.clone();
    props.insert(SCHEMA_KEY.into(), json!({"type": "string", "description": "The schema of this file."}));
    props.insert(
        ENVIRONMENTS.into(),
        json!({
            "type": "object",
            "description": "Per-environment overrides (`--environment NAME`): each table under [environments.NAME] \
                            is merged over the top-level one.",
            "additionalProperties": {"type": "object", "properties": tables, "additionalProperties": false},
        }),
    );
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://example.invalid/storesubmit/schema/storesubmit.schema.json",
        "title": "storesubmit project file (storesubmit.toml or storesubmit.json)",
        "type": "object",
        "properties": props,
        "required": ["product"],
        "additionalProperties": false,
    })
}

/// [`schema`] as the text of [`SCHEMA_PATH`] (pretty, newline at the end).
pub fn schema_text() -> String {
    serde_json::to_string_pretty(&schema()).unwrap_or_default() + "\n"
}
