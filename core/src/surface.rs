//! The contract of storesubmit's whole surface: every method a binding, the CLI or the GitHub Action
//! exposes, with its parameters, their types and defaults, what it returns, and the shapes of the values
//! it hands back (outcomes, progress events, errors, validation reports). One table, here, read by the
//! core when it parses a request ([`crate::wire::workflow_from_json`], [`crate::wire::call`]) and published
//! in the manifest (`surface`), from which every binding generates its facade: one name per concept, one
//! default per option, in every language.
//!
//! Two kinds of method:
//! - **workflows** ([`WORKFLOWS`]): a run against the Store's services (publish, rollout, wait, resume,
//!   call, list, plan, pack, upload). Each is one JSON request `{"workflow": name, …params}`; the core
//!   reads its parameters by this table (unknown ones refused, required ones named, defaults filled) and
//!   builds the machine. Methods marked `facade` are what bindings generate a method for; the others are
//!   the lower-level requests a project file resolves into (`submission`, `win32`, `ingestion`), which
//!   `run(request)` takes as they are.
//! - **calls** ([`CALLS`]): offline functions, JSON in and JSON out (validate, pack entries, tables…).
//!
//! Types are written in the manifest's type language: `"string"`, `"boolean"`, `"number"`, `"integer"`,
//! `"any"`, `{"array": t}`, `{"map": t}`, `{"model": name}` (a model of the manifest, or of [`TYPES`]),
//! `{"enum": name}` (a key of the manifest's `enums`).
//!
//! What a host brings besides the JSON parameters is named per method in `host`: `files` (the folder, or
//! map of files, that the names in the request are relative to), `output` (where a ZIP is written),
//! `progress` (events as the run goes) and `cancel` (a signal, a cancellation token, Ctrl-C). Each
//! language renders them in its own idiom; which methods take them is written once, here.

use serde_json::{json, Value};

/// One parameter of a method.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Param {
    /// Its name in JSON (camelCase; bindings render it in their case).
    pub name: &'static str,
    /// Its type, in the manifest's type language (JSON text).
    pub ty: &'static str,
    /// Whether it must be given (a positional argument in the facades).
    pub required: bool,
    /// Its default (JSON text), when absent; `None`: no value (the core's behaviour without it, said in
    /// `doc`).
    pub default: Option<&'static str>,
    /// What it means.
    pub doc: &'static str,
}

/// One method of the surface.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Method {
    /// Its name (camelCase): the `workflow` of a request, or the name of a call.
    pub name: &'static str,
    /// Whether bindings generate a facade method for it.
    pub facade: bool,
    /// Its parameters, required ones first, in the order a facade takes them.
    pub params: &'static [Param],
    /// What the host brings besides the parameters: `files`, `output`, `progress`, `cancel`.
    pub host: &'static [&'static str],
    /// What it returns (a type of the type language).
    pub returns: &'static str,
    /// What it does.
    pub doc: &'static str,
}

impl Method {
    /// The parameter `name`.
    pub fn param(&self, name: &str) -> Option<&'static Param> {
        self.params.iter().find(|p| p.name == name)
    }
}

const fn req(name: &'static str, ty: &'static str, doc: &'static str) -> Param {
    Param { name, ty, required: true, default: None, doc }
}

const fn opt(name: &'static str, ty: &'static str, doc: &'static str) -> Param {
    Param { name, ty, required: false, default: None, doc }
}

const fn def(name: &'static str, ty: &'static str, default: &'static str, doc: &'static str) -> Param {
    Param { name, ty, required: false, default: Some(default), doc }
}

const STRING: &str = r#""string""#;
const BOOLEAN: &str = r#""boolean""#;
const NUMBER: &str = r#""number""#;
const INTEGER: &str = r#""integer""#;
const ANY: &str = r#""any""#;
const OUTCOME: &str = r#"{"model": "Outcome"}"#;

const STOP_AFTER: Param = def(
    "stopAfter",
    r#"{"enum": "flow.stopAfter"}"#,
    r#""published""#,
    "where the workflow stops: `draft` (uploaded and updated, not committed: the outcome carries a resume \
     token), `committed`, `certification` or `published`",
);
const PENDING: Param = def(
    "pending",
    r#"{"enum": "flow.pendingPolicy"}"#,
    r#""reuse""#,
    "what to do with a submission already pending: `reuse` it (a lost create is never repeated), `recreate` it \
     (delete, then create) or `fail`",
);
const OLD_PACKAGES: Param = def(
    "oldPackages",
    r#"{"enum": "flow.oldPackages"}"#,
    r#""replace""#,
    "what happens to the packages already in the submission: `replace` (marked PendingDelete) or `keep`",
);
const ROLLOUT: Param =
    opt("rolloutPercentage", NUMBER, "a gradual rollout percentage (0–100) for the new packages; none: no rollout");
const MANDATORY: Param = opt("mandatoryUpdate", BOOLEAN, "make the update mandatory; none: the submission's setting");
const MANDATORY_DATE: Param =
    opt("mandatoryUpdateEffectiveDate", STRING, "when a mandatory update takes effect (ISO 8601)");
const ARCHIVE: Param = opt(
    "archive",
    STRING,
    "a ready ZIP (from `pack`), named as the files are: uploaded as is, after its entries are checked",
);
const PUBLISH_HOST: &[&str] = &["files", "progress", "cancel"];
const RUN_HOST: &[&str] = &["progress", "cancel"];

/// Every workflow request, facade methods first.
pub const WORKFLOWS: &[Method] = &[
    Method {
        name: "publishAppSubmission",
        facade: true,
        params: &[
            req("appId", STRING, "the app's Store id"),
            def("changes", r#"{"model": "AppSubmission"}"#, "{}", "the fields to change (a partial submission)"),
            ROLLOUT,
            MANDATORY,
            MANDATORY_DATE,
            OLD_PACKAGES,
            PENDING,
            STOP_AFTER,
            ARCHIVE,
        ],
        host: PUBLISH_HOST,
        returns: OUTCOME,
        doc: "Publishes an app submission: pre-flight checks (rules, every named file), create (or reuse the \
              pending one), apply the changes (GET-modify-PUT, unknown fields kept), upload the new files, \
              commit, wait until `stopAfter`.",
    },
    Method {
        name: "publishAddonSubmission",
        facade: true,
        params: &[
            req("addonId", STRING, "the add-on's Store id"),
            def("changes", r#"{"model": "AddonSubmission"}"#, "{}", "the fields to change (a partial submission)"),
            PENDING,
            STOP_AFTER,
            ARCHIVE,
        ],
        host: PUBLISH_HOST,
        returns: OUTCOME,
        doc: "Publishes an add-on (in-app product) submission, as publishAppSubmission does.",
    },
    Method {
        name: "publishFlightSubmission",
        facade: true,
        params: &[
            req("appId", STRING, "the app's Store id"),
            req("flightId", STRING, "the package flight's id"),
            def("changes", r#"{"model": "FlightSubmission"}"#, "{}", "the fields to change (a partial submission)"),
            ROLLOUT,
            MANDATORY,
            MANDATORY_DATE,
            OLD_PACKAGES,
            PENDING,
            STOP_AFTER,
            ARCHIVE,
        ],
        host: PUBLISH_HOST,
        returns: OUTCOME,
        doc: "Publishes a package flight submission, as publishAppSubmission does.",
    },
    Method {
        name: "rollout",
        facade: true,
        params: &[
            req("appId", STRING, "the app's Store id"),
            req("submissionId", STRING, "the submission whose rollout is read or changed"),
            def("action", r#"{"enum": "flow.rolloutAction"}"#, r#""get""#, "`get`, `update`, `halt` or `finalize`"),
            opt("percentage", NUMBER, "the new percentage (0–100), with `update`"),
            opt("flightId", STRING, "the flight, for a flight submission's rollout"),
        ],
        host: RUN_HOST,
        returns: OUTCOME,
        doc: "Reads or changes a submission's gradual package rollout; a lost answer is checked by reading the \
              rollout back. The outcome's document is the rollout.",
    },
    Method {
        name: "waitForSubmission",
        facade: true,
        params: &[
            req("submissionId", STRING, "the submission to follow"),
            opt("appId", STRING, "the app (give appId, with flightId for a flight, or addonId)"),
            opt("addonId", STRING, "the add-on"),
            opt("flightId", STRING, "the flight (with appId)"),
            STOP_AFTER,
        ],
        host: RUN_HOST,
        returns: OUTCOME,
        doc: "Waits for a submission committed elsewhere (another job, the portal) until `stopAfter`; commits \
              nothing, and a submission still in draft is a conflict.",
    },
    Method {
        name: "publishWin32",
        facade: true,
        params: &[
            req("productId", STRING, "the MSI/EXE product's id"),
            opt(
                "packages",
                r#"{"model": "Win32PackageList"}"#,
                "the packages, as a full update (PUT): {packages: [...]}",
            ),
            opt("packagePatches", r#"{"array": "any"}"#, "single package patches: [{packageId, body}]"),
            opt(
                "metadata",
                r#"{"model": "Win32MetadataUpdate"}"#,
                "the draft metadata (listings, properties, availability)",
            ),
            def("metadataPatch", BOOLEAN, "false", "send the metadata as a module PATCH instead of a full PUT"),
            opt("assets", r#"{"array": "any"}"#, "listing images to replace: [{language, screenshots, logos}]"),
            STOP_AFTER,
        ],
        host: PUBLISH_HOST,
        returns: OUTCOME,
        doc: "Publishes an MSI/EXE product: pre-flight checks, packages (commit, wait for processing), \
              metadata, listing assets, submit, wait until `stopAfter`. Needs the client's sellerId.",
    },
    Method {
        name: "publishIngestion",
        facade: true,
        params: &[
            req("productId", STRING, "the Partner Center product's id"),
            def(
                "modules",
                r#"{"array": "string"}"#,
                "[]",
                "the modules whose drafts are submitted (none: the default set)",
            ),
            def("scope", STRING, r#""Preview""#, "`Preview` or `Live`"),
            def("promote", BOOLEAN, "false", "after the preview is ready, take it live"),
            opt("publishOption", ANY, "the submission's publishOption, passed as is"),
            opt("changes", ANY, "changes to the drafts (listings, media, property, availability, plans)"),
            STOP_AFTER,
        ],
        host: PUBLISH_HOST,
        returns: OUTCOME,
        doc: "Submits a Partner Center product's drafts (after the changes), waits until ready, and with \
              `promote` takes the preview live.",
    },
    Method {
        name: "resume",
        facade: true,
        params: &[req("token", STRING, "the resume token a stopped run handed out"), STOP_AFTER],
        host: PUBLISH_HOST,
        returns: OUTCOME,
        doc: "Continues a workflow that stopped early, failed after its changes reached the service, or was \
              cancelled, from its resume token: the same submission, never a second one.",
    },
    Method {
        name: "call",
        facade: true,
        params: &[
            req("op", STRING, "an operation id of the manifest (`devcenter.get_app`, …)"),
            def("args", ANY, "{}", "the operation's arguments by their documented names"),
        ],
        host: RUN_HOST,
        returns: OUTCOME,
        doc: "Calls one operation of the API families (with tokens, retries and the deadline); the outcome's \
              document is the response body.",
    },
    Method {
        name: "listAll",
        facade: true,
        params: &[
            req("op", STRING, "a list operation id (`devcenter.list_apps`, `ingestion.list_products`, …)"),
            def("args", ANY, "{}", "the operation's arguments"),
            def("maxPages", INTEGER, "1000", "the most pages followed"),
        ],
        host: RUN_HOST,
        returns: OUTCOME,
        doc: "Every item of a list operation, following its next-page links; the outcome's document is \
              `{value: [...]}`.",
    },
    Method {
        name: "plan",
        facade: true,
        params: &[req("request", ANY, "a `submission` or `win32` request (as a project file resolves)")],
        host: PUBLISH_HOST,
        returns: OUTCOME,
        doc: "A dry run: pre-flight checks, then only reads; the outcome's document is the plan (the requests \
              the real run would send, the fields and files it changes).",
    },
    Method {
        name: "pack",
        facade: true,
        params: &[
            opt("kind", r#"{"enum": "documentKinds"}"#, "the submission's kind (with document)"),
            opt("document", ANY, "the submission whose files are packed"),
            opt("names", r#"{"array": "string"}"#, "instead of a submission: these files, each its own entry"),
        ],
        host: &["files", "output", "progress", "cancel"],
        returns: r#"{"model": "PackReport"}"#,
        doc: "Builds the ZIP a submission uploads (packages stored, the same bytes as a publish uploads) from \
              the host's files to its output.",
    },
    Method {
        name: "upload",
        facade: true,
        params: &[req("url", STRING, "a blob SAS URL"), req("file", STRING, "the file, named as the host's files are")],
        host: PUBLISH_HOST,
        returns: OUTCOME,
        doc: "Uploads one file to a blob SAS URL in resumable blocks, with the workflows' retries.",
    },
    Method {
        name: "submission",
        facade: false,
        params: &[
            req("target", ANY, "{type: app, appId} | {type: addon, addonId} | {type: flight, appId, flightId}"),
            opt(
                "spec",
                ANY,
                "{changes, oldPackages, rolloutPercentage, mandatoryUpdate, mandatoryUpdateEffectiveDate}",
            ),
            STOP_AFTER,
            PENDING,
            ARCHIVE,
        ],
        host: PUBLISH_HOST,
        returns: OUTCOME,
        doc: "A devcenter submission as a project file resolves it (the facades' publish*Submission).",
    },
    Method {
        name: "win32",
        facade: false,
        params: &[req("productId", STRING, "the product"), opt("spec", ANY, "the win32 spec"), STOP_AFTER],
        host: PUBLISH_HOST,
        returns: OUTCOME,
        doc: "An MSI/EXE publish as a project file resolves it (the facades' publishWin32).",
    },
    Method {
        name: "ingestion",
        facade: false,
        params: &[req("productId", STRING, "the product"), req("spec", ANY, "the ingestion spec"), STOP_AFTER],
        host: PUBLISH_HOST,
        returns: OUTCOME,
        doc: "An ingestion publish as a project file resolves it (the facades' publishIngestion).",
    },
];

/// Every offline function of [`crate::wire::call`].
pub const CALLS: &[Method] = &[
    Method {
        name: "validate",
        facade: true,
        params: &[
            req("document", ANY, "the document (JSON), or its text (a string, read leniently)"),
            opt("kind", r#"{"enum": "documentKinds"}"#, "the document's kind; none: guessed"),
            opt("files", ANY, "its files: a folder (native), a list of names, or name → size"),
            def(
                "change",
                BOOLEAN,
                "false",
                "check a submission as the changes a publish applies (fields left out keep their live values)",
            ),
        ],
        host: &[],
        returns: r#"{"model": "ValidationReport"}"#,
        doc: "Checks a document against every documented Store rule, offline.",
    },
    Method {
        name: "guessKind",
        facade: true,
        params: &[req("document", ANY, "a document")],
        host: &[],
        returns: r#"{"enum": "documentKinds"}"#,
        doc: "The kind a document most probably is, or null.",
    },
    Method {
        name: "packageEntries",
        facade: true,
        params: &[req("kind", r#"{"enum": "documentKinds"}"#, "the kind"), req("document", ANY, "the submission")],
        host: &[],
        returns: r#"{"array": "any"}"#,
        doc: "The files a submission needs in its ZIP, in archive order: [{name, sourceName, pointers}].",
    },
    Method {
        name: "preflight",
        facade: true,
        params: &[
            req("kind", STRING, "a submission kind, or `win32`"),
            req("spec", ANY, "the workflow's spec"),
            opt("files", ANY, "its files: a folder (native), a list of names, or name → size"),
        ],
        host: &[],
        returns: ANY,
        doc: "The checks a publish makes before its first request (every publish runs them first anyway): null \
              when they pass, else the typed error.",
    },
    Method {
        name: "loadProject",
        facade: true,
        params: &[req("path", STRING, "the project file"), opt("environment", STRING, "an environment of the file")],
        host: &[],
        returns: ANY,
        doc: "A project file (storesubmit.toml) resolved into the request it publishes: {valid, issues, request, \
              files, credentials (variable names), kind, environment}. Native only.",
    },
    Method {
        name: "connectionFile",
        facade: true,
        params: &[req("text", STRING, "the file's text"), opt("name", STRING, "the file's name, for messages")],
        host: &[],
        returns: ANY,
        doc: "A connection file (endpoints and credentials: the emulator's first line, another cloud) read by \
              its rules.",
    },
    Method {
        name: "resolveConnection",
        facade: true,
        params: &[
            opt("explicit", ANY, "values given explicitly (flags, inputs, arguments): {tenantId, clientId, …}"),
            opt("configText", STRING, "the config file's text (the emulator's first line, another cloud's)"),
            opt("configName", STRING, "the config file's name, for messages"),
            opt(
                "credentialNames",
                ANY,
                "the project file's variable names: {tenantId, clientId, clientSecret, sellerId}",
            ),
            opt("env", ANY, "the environment: name → value"),
            opt(
                "naming",
                STRING,
                "how the host names its explicit values in messages: flag, input, taskInput, argument",
            ),
        ],
        host: &[],
        returns: ANY,
        doc: "The connection chosen from every source by one precedence (explicit > config file > the project's \
              variables > STORESUBMIT_* > production defaults): {values, sources, description, clientSecret}; a \
              missing credential is an invalid_argument naming every way to give it.",
    },
    Method {
        name: "summary",
        facade: true,
        params: &[
            opt("outcome", OUTCOME, "a finished run's outcome"),
            opt("plan", ANY, "the plan workflow's document"),
            opt("error", r#"{"model": "ErrorInfo"}"#, "instead of an outcome: the error"),
        ],
        host: &[],
        returns: ANY,
        doc: "A run's result and plan as a Markdown job summary: {markdown}.",
    },
    Method {
        name: "tables",
        facade: true,
        params: &[],
        host: &[],
        returns: ANY,
        doc: "The reference tables: markets, languages, categories, limits.",
    },
    Method {
        name: "documentKinds",
        facade: true,
        params: &[],
        host: &[],
        returns: r#"{"array": "string"}"#,
        doc: "The document kinds validate accepts.",
    },
    Method { name: "manifest", facade: true, params: &[], host: &[], returns: ANY, doc: "This manifest." },
    Method {
        name: "redact",
        facade: true,
        params: &[req("text", STRING, "any text")],
        host: &[],
        returns: STRING,
        doc: "The text with secrets (SAS signatures, tokens, client secrets) removed.",
    },
    Method {
        name: "redactUrl",
        facade: true,
        params: &[req("url", STRING, "a URL")],
        host: &[],
        returns: STRING,
        doc: "The URL with its secret query values removed.",
    },
    Method {
        name: "secretsToMask",
        facade: true,
        params: &[def("after", INTEGER, "0", "the `next` of the previous call (0: every value still kept)")],
        host: &[],
        returns: r#"{"model": "SecretsToMask"}"#,
        doc: "The secret values this process came to hold since the previous call (access tokens, SAS signatures, client secrets), and the number to pass next time: for a CI host that masks them in its runner's log (GitHub Actions' add-mask, Azure Pipelines' setsecret). Never print them.",
    },
    Method {
        name: "parseJson",
        facade: true,
        params: &[req("text", STRING, "JSON text")],
        host: &[],
        returns: ANY,
        doc: "JSON read leniently (comments, trailing commas, a BOM are warnings): {document, issues}.",
    },
    Method {
        name: "buildRequest",
        facade: false,
        params: &[
            req("op", STRING, "an operation id"),
            opt("args", ANY, "its arguments"),
            opt("endpoints", ANY, "service roots"),
        ],
        host: &[],
        returns: ANY,
        doc: "The request of an operation: {method, url, headers, timeout, body}.",
    },
    Method {
        name: "parseResponse",
        facade: false,
        params: &[req("response", ANY, "{status, headers, text | json}"), opt("op", STRING, "the operation")],
        host: &[],
        returns: ANY,
        doc: "A response read by its family's parser (a token operation answers without the token).",
    },
    Method {
        name: "blobVector",
        facade: false,
        params: &[req("file", STRING, "a blob vector file"), req("case", ANY, "one of its cases")],
        host: &[],
        returns: ANY,
        doc: "The core's answer to a case of tests/vectors/blob (test support).",
    },
];

/// A field of a surface type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Field {
    /// Its JSON name.
    pub name: &'static str,
    /// Its type.
    pub ty: &'static str,
    /// Whether it may be absent or null.
    pub optional: bool,
    /// What it holds.
    pub doc: &'static str,
}

const fn f(name: &'static str, ty: &'static str, doc: &'static str) -> Field {
    Field { name, ty, optional: false, doc }
}

const fn o(name: &'static str, ty: &'static str, doc: &'static str) -> Field {
    Field { name, ty, optional: true, doc }
}

/// A value the surface hands back (or takes as options).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Type {
    /// Its name.
    pub name: &'static str,
    /// What it is.
    pub doc: &'static str,
    /// Its fields.
    pub fields: &'static [Field],
}

/// The values of the surface that are not Store models.
pub const TYPES: &[Type] = &[
    Type {
        name: "Outcome",
        doc: "What a finished workflow reports.",
        fields: &[
            f("flow", STRING, "which workflow (`app-submission`, `win32`, `call`, …)"),
            f("stage", STRING, "the last stage reached (`draft`, `committed`, `certification`, `published`, `done`)"),
            o("resourceId", STRING, "the app, add-on or product"),
            o("submissionId", STRING, "the submission created or adopted"),
            o("status", STRING, "the submission's last status as the service wrote it"),
            f("adopted", BOOLEAN, "whether a pending submission was adopted (after a lost create, or by policy)"),
            f("errors", r#"{"array": {"model": "Finding"}}"#, "errors the service reported without failing the run"),
            f("warnings", r#"{"array": {"model": "Finding"}}"#, "warnings the service reported"),
            f("certificationReports", r#"{"array": "any"}"#, "certification reports"),
            o("document", ANY, "the last document read (a submission, a rollout, a page, a plan)"),
            o("resumeToken", STRING, "when the run stopped early: the token resume takes"),
        ],
    },
    Type {
        name: "SecretsToMask",
        doc: "Secret values for a CI runner to mask in its log (never to print).",
        fields: &[
            f("values", r#"{"array": "string"}"#, "the values registered since the call's `after`"),
            f("next", INTEGER, "what to pass as `after` next time"),
        ],
    },
    Type {
        name: "Finding",
        doc: "A finding the service reported (status details, envelope errors, validations).",
        fields: &[
            f("code", STRING, "the service's code"),
            f("message", STRING, "its message"),
            o("target", STRING, "what it is about"),
        ],
    },
    Type {
        name: "ProgressEvent",
        doc: "One thing that happened while a run went on; `kind` says which fields are set. `message` is the \
              event as one log line (no secret).",
        fields: &[
            f(
                "kind",
                r#"{"enum": "surface.progressKind"}"#,
                "`stage`, `request`, `wait`, `upload`, `pack` or `resumable`",
            ),
            f("message", STRING, "the event as one log line"),
            o("stage", STRING, "stage: the stage entered (`preflight`, `create`, `upload`, `commit`, `poll: …`)"),
            o("method", STRING, "request: the method"),
            o("url", STRING, "request: the URL (redacted)"),
            o("status", INTEGER, "request: the HTTP status, null when no response arrived"),
            o("purpose", ANY, "request: {kind: token | api | blob, …}"),
            o("seconds", NUMBER, "wait: how long"),
            o("reason", ANY, "wait: {kind: retry, code, attempt} or {kind: poll, status}"),
            o("done", INTEGER, "upload, pack: bytes done"),
            o("total", INTEGER, "upload, pack: bytes in total"),
            o("resumeToken", STRING, "resumable: the token from which the run continues"),
        ],
    },
    Type {
        name: "Issue",
        doc: "A validation finding.",
        fields: &[
            f("code", STRING, "the stable issue code"),
            f("path", STRING, "the JSON pointer of the field"),
            f("message", STRING, "what is wrong"),
            f("severity", r#"{"enum": "surface.severity"}"#, "`error` or `warning`"),
        ],
    },
    Type {
        name: "ValidationReport",
        doc: "What validate answers.",
        fields: &[
            f("valid", BOOLEAN, "whether no issue is an error"),
            o("kind", r#"{"enum": "documentKinds"}"#, "the kind checked (named or guessed)"),
            f("issues", r#"{"array": {"model": "Issue"}}"#, "every issue"),
        ],
    },
    Type {
        name: "PackReport",
        doc: "What pack wrote.",
        fields: &[
            f("size", INTEGER, "bytes of the archive"),
            f("entries", r#"{"array": "string"}"#, "the entry names, in order"),
            f("inputBytes", INTEGER, "bytes of input read"),
        ],
    },
    Type {
        name: "RequestRef",
        doc: "The request an error is about.",
        fields: &[
            f("op", STRING, "the operation id"),
            f("method", STRING, "the HTTP method"),
            f("url", STRING, "the URL, secrets removed"),
        ],
    },
    Type {
        name: "ErrorInfo",
        doc: "A typed error as every surface reports it.",
        fields: &[
            f("code", r#"{"enum": "surface.errorCode"}"#, "the stable error code"),
            f("number", INTEGER, "its stable number"),
            f("message", STRING, "what happened (no secret)"),
            o("status", INTEGER, "the HTTP status, when the service answered"),
            f("retryable", BOOLEAN, "whether retrying may succeed"),
            o("retryAfter", NUMBER, "the delay the service asked for, seconds"),
            o("correlationId", STRING, "the service's correlation id"),
            f("serverErrors", r#"{"array": {"model": "Finding"}}"#, "the service's own error items"),
            f("issues", r#"{"array": {"model": "Issue"}}"#, "validation issues"),
            o("request", r#"{"model": "RequestRef"}"#, "the request the error is about"),
            o("resumeToken", STRING, "when the run can continue: the token resume takes"),
        ],
    },
];

/// The client options (what a binding's client constructor takes besides the credential), with their
/// defaults: [`crate::options::ClientOptions::from_json`] reads them.
pub const CLIENT_OPTIONS: &[Param] = &[
    opt("sellerId", STRING, "the seller id MSI/EXE calls need (X-Seller-Account-Id)"),
    opt("endpoints", ANY, "service roots: {devcenter, win32, ingestion, token} (the emulator's, another cloud's)"),
    def("tokenVersion", r#"{"enum": "surface.tokenVersion"}"#, r#""v2""#, "the token endpoint version"),
    opt("retry", ANY, "{maxAttempts, baseDelay, maxDelay, maxRetryAfter} (seconds)"),
    opt("poll", ANY, "{initial, factor, max} (seconds)"),
    def("deadline", NUMBER, "14400", "the most a workflow may take, seconds (null: none)"),
    def("requestTimeout", NUMBER, "120", "each request's timeout, seconds"),
    opt("upload", ANY, "{blockSize, concurrency, maxBuffered, …}"),
    opt(
        "journal",
        STRING,
        "a folder for the journal of runs that change the service: the same call after a kill continues the submission (native hosts)",
    ),
    opt(
        "connection",
        ANY,
        "sign in and connect by the one precedence instead of a credential object: {explicit, configText, \
         configName, credentialNames, env, naming} as resolveConnection takes them (explicit.auth: secret, \
         github-oidc, azure-pipelines, token-file, command, certificate, managed-identity; without env, the \
         process environment)",
    ),
];

/// Enums the surface adds to the manifest's `enums`.
pub fn enums() -> Vec<(&'static str, Vec<String>)> {
    vec![
        (
            "surface.progressKind",
            ["stage", "request", "wait", "upload", "pack", "resumable"].map(String::from).to_vec(),
        ),
        ("surface.severity", ["error", "warning"].map(String::from).to_vec()),
        ("surface.tokenVersion", ["v1", "v2"].map(String::from).to_vec()),
        ("surface.errorCode", crate::error::ErrorKind::ALL.iter().map(|k| k.code().to_string()).collect()),
        ("surface.hostParam", ["files", "output", "progress", "cancel"].map(String::from).to_vec()),
    ]
}

/// A workflow by name.
pub fn workflow(name: &str) -> Option<&'static Method> {
    WORKFLOWS.iter().find(|m| m.name == name)
}

/// A call by name.
pub fn call(name: &str) -> Option<&'static Method> {
    CALLS.iter().find(|m| m.name == name)
}

fn ty(t: &str) -> Value {
    serde_json::from_str(t).unwrap_or_else(|e| panic!("surface type `{t}`: {e}"))
}

fn params_json(params: &[Param]) -> Vec<Value> {
    params
        .iter()
        .map(|p| {
            json!({
                "name": p.name, "type": ty(p.ty), "required": p.required,
                "default": p.default.map(ty), "doc": p.doc,
            })
        })
        .collect()
}

fn methods_json(methods: &[Method]) -> Vec<Value> {
    methods
        .iter()
        .map(|m| {
            json!({
                "name": m.name, "facade": m.facade, "params": params_json(m.params), "host": m.host,
                "returns": ty(m.returns), "doc": m.doc,
            })
        })
        .collect()
}

/// The surface as the manifest publishes it: `{workflows, calls, types, clientOptions}`.
pub fn surface_json() -> Value {
    let types: Vec<Value> = TYPES
        .iter()
        .map(|t| {
            let fields: Vec<Value> = t
                .fields
                .iter()
                .map(|f| json!({"name": f.name, "type": ty(f.ty), "optional": f.optional, "doc": f.doc}))
                .collect();
            json!({"name": t.name, "doc": t.doc, "fields": fields})
        })
        .collect();
    json!({
        "workflows": methods_json(WORKFLOWS),
        "calls": methods_json(CALLS),
        "types": types,
        "clientOptions": params_json(CLIENT_OPTIONS),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_type_parses_and_required_params_come_first() {
        let v = surface_json();
        assert!(v["workflows"].as_array().unwrap().len() >= 13);
        for m in WORKFLOWS.iter().chain(CALLS) {
            let first_optional = m.params.iter().position(|p| !p.required).unwrap_or(m.params.len());
            assert!(m.params[first_optional..].iter().all(|p| !p.required), "{}: required after optional", m.name);
            assert!(m.params.iter().all(|p| !(p.required && p.default.is_some())), "{}", m.name);
            for h in m.host {
                assert!(["files", "output", "progress", "cancel"].contains(h), "{}: {h}", m.name);
            }
        }
        let names: Vec<&str> = WORKFLOWS.iter().chain(CALLS).map(|m| m.name).collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), names.len(), "one name per method");
    }
}
