//! The command line: every subcommand, flag and its help text (clap derive).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Ship apps to the Microsoft Store from release pipelines: the classic submission API (apps, add-ons,
/// package flights, gradual rollout), the MSI/EXE API and the Partner Center ingestion API.
///
/// Every API command takes each connection setting from its flag, else the config file (--config), else
/// the variable the project file names, else its STORESUBMIT_* environment variable, else production's;
/// it can target the local emulator (`storesubmit emulator`) through the service roots.
#[derive(Debug, Parser)]
#[command(name = "storesubmit", version, propagate_version = true, max_term_width = 110, after_help = crate::exit::TABLE)]
pub struct Cli {
    /// More log output on stderr (-v info, -vv debug, -vvv trace). Secrets are never logged.
    #[arg(short, long, action = clap::ArgAction::Count, global = true)]
    pub verbose: u8,
    /// Print results as JSON on stdout (progress stays on stderr).
    #[arg(long, global = true)]
    pub json: bool,
    /// No progress output.
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// The command.
    #[command(subcommand)]
    pub command: Command,
}

/// Top-level commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start the built-in emulator and publish a sample app, add-on, flight and MSI/EXE product end to end.
    Demo,
    /// Run the local Store emulator (devcenter, MSI/EXE, ingestion, token service, blob store).
    ///
    /// Its first stdout line is one JSON object with the service roots, ids and emulator-only
    /// credentials; pass that file to --config of any other command to target the emulator.
    Emulator(EmulatorArgs),
    /// Check a submission document against every documented Store rule, offline.
    ///
    /// Exit status: 0 valid (warnings allowed), 3 invalid, 2 usage or I/O error.
    Validate(ValidateArgs),
    /// Build the ZIP a devcenter submission uploads (stored packages, streamed, deterministic).
    Pack(PackArgs),
    /// Apps: get, list, publish submissions, status, gradual rollout.
    #[command(subcommand)]
    App(AppCommand),
    /// Add-ons (in-app products): get, list, create, publish submissions, status.
    #[command(subcommand)]
    Addon(AddonCommand),
    /// Package flights: get, list, create, publish submissions, status, rollout.
    #[command(subcommand)]
    Flight(FlightCommand),
    /// MSI/EXE products: draft metadata, packages, module status, publish, submission status.
    #[command(subcommand)]
    Win32(Win32Command),
    /// Partner Center ingestion: products, drafts (listings, media, properties, availability, plans, …),
    /// submissions and certification reports, offer updates.
    #[command(subcommand)]
    Ingestion(IngestionCommand),
    /// Continue a workflow stopped with --draft-only (or interrupted), from its resume token.
    Resume(ResumeArgs),
    /// List every error code and validation issue code with its meaning.
    Codes,
    /// Write starter documents (app, add-on, flight, MSI/EXE or ingestion) that validate, and their files folder;
    /// `init project DIR --app-id ID` writes a project file (storesubmit.toml) from a live product.
    Init(InitArgs),
    /// Turn another tool's release setup into a storesubmit project (storesubmit.toml, listings/, images/).
    #[command(subcommand)]
    Import(ImportCommand),
    /// Publish the release a project file (storesubmit.toml) describes: show the diff against the live
    /// submission, then publish (`--dry-run`: the diff only, nothing is changed).
    ///
    /// Exit status: 3 when the project file has errors (printed like `validate` prints them).
    Publish(ProjectPublishArgs),
}

/// `storesubmit import`.
#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// StoreBroker: SBConfig.json and its PDP XML files (with the screenshots and trailers they name).
    ///
    /// Exit status: 0 written (warnings allowed), 2 when a file cannot be read or has errors (nothing is
    /// written then).
    Storebroker(StorebrokerArgs),
}

/// `storesubmit import storebroker`.
#[derive(Debug, Args)]
pub struct StorebrokerArgs {
    /// StoreBroker's config file (`New-StoreBrokerConfigFile` / `New-StoreBrokerInAppProductConfigFile`).
    #[arg(long)]
    pub config: PathBuf,
    /// The PDP root folder (default: the config's PDPRootPath, relative to the config's folder).
    #[arg(long)]
    pub pdp: Option<PathBuf>,
    /// The images root folder (default: the config's ImagesRootPath, relative to the config's folder).
    #[arg(long)]
    pub images: Option<PathBuf>,
    /// The project folder to write (created).
    #[arg(long)]
    pub out: PathBuf,
    /// Overwrite files of an earlier import.
    #[arg(long)]
    pub force: bool,
}

/// `storesubmit publish`.
#[derive(Debug, Args)]
pub struct ProjectPublishArgs {
    /// The project file (default: ./storesubmit.toml, else ./storesubmit.json).
    #[arg(long, value_name = "FILE")]
    pub project: Option<PathBuf>,
    /// Apply the overrides of [environments.NAME] (e.g. beta).
    #[arg(long, value_name = "NAME")]
    pub environment: Option<String>,
    /// Show what the publish would change (requests, fields changed, files added and removed) and stop;
    /// only reads are sent.
    #[arg(long)]
    pub dry_run: bool,
    /// Write the resume token here, each new one as it comes (always printed too).
    #[arg(long, value_name = "FILE")]
    pub save_resume: Option<PathBuf>,
    /// Also write a Markdown summary here: the result table, the requests and the changes (the GitHub
    /// Action's job summary; e.g. `--summary "$GITHUB_STEP_SUMMARY"`). Written on failure too.
    #[arg(long, value_name = "FILE")]
    pub summary: Option<PathBuf>,
    #[command(flatten)]
    pub conn: Connection,
}

/// `storesubmit init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// What to start.
    #[arg(value_enum)]
    pub kind: InitKind,
    /// The folder to write the documents (`submission.json`; `packages.json` and `metadata.json`;
    /// `changes.json`) and `files/` into (created); for `project`: storesubmit.toml and listings/.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// `init project`: the app (with --flight-id: the flight's app) to read.
    #[arg(long, value_name = "ID")]
    pub app_id: Option<String>,
    /// `init project`: the add-on to read.
    #[arg(long, value_name = "ID", conflicts_with_all = ["app_id", "win32_product_id"])]
    pub addon_id: Option<String>,
    /// `init project`: the package flight to read (with --app-id).
    #[arg(long, value_name = "ID", requires = "app_id")]
    pub flight_id: Option<String>,
    /// `init project`: the MSI/EXE product to read.
    #[arg(long, value_name = "ID", conflicts_with_all = ["app_id", "addon_id"])]
    pub win32_product_id: Option<String>,
    /// `init project`: write the listings as Markdown with front matter (<language>.md) instead of JSON.
    #[arg(long)]
    pub markdown: bool,
    /// `init project`: overwrite files that exist.
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub conn: Connection,
}

/// The kinds `init` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum InitKind {
    /// An app submission.
    App,
    /// An add-on submission.
    Addon,
    /// A package flight submission.
    Flight,
    /// An MSI/EXE product: a packages update and a listing metadata patch.
    Win32,
    /// Partner Center ingestion: changes to a product's drafts (listing text and images).
    Ingestion,
    /// A project file (storesubmit.toml) and listings/ from a live product (--app-id, --addon-id,
    /// --app-id with --flight-id, or --win32-product-id), for `storesubmit publish`.
    Project,
}

/// `storesubmit emulator`.
#[derive(Debug, Args)]
pub struct EmulatorArgs {
    /// TCP port on 127.0.0.1 (0: any free port).
    #[arg(long, default_value_t = 0)]
    pub port: u16,
    /// Emulator config file (fixture, durations, outcomes, fault rules; see emulator/README.md).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Further emulator flags (e.g. --blob-endpoint URL --blob-account NAME --blob-key KEY).
    #[arg(trailing_var_arg = true, allow_hyphen_values = true, hide = true)]
    pub rest: Vec<String>,
}

/// `storesubmit validate`.
#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// The JSON document (trailing commas are accepted with a warning), or a project file
    /// (storesubmit.toml, storesubmit.json).
    #[arg(required_unless_present = "project")]
    pub file: Option<PathBuf>,
    /// Validate a project file and the submission it resolves to, with the same issue codes.
    #[arg(long, value_name = "FILE", conflicts_with = "file")]
    pub project: Option<PathBuf>,
    /// With a project file: apply the overrides of [environments.NAME].
    #[arg(long, value_name = "NAME")]
    pub environment: Option<String>,
    /// What the document is; guessed from its content when omitted.
    #[arg(long, value_name = "KIND", value_parser = kind_names())]
    pub kind: Option<String>,
    /// A folder or ZIP with the files the submission names (checks MissingFiles, case, unsafe names).
    #[arg(long, value_name = "DIR|ZIP")]
    pub files: Option<PathBuf>,
    /// Check the document as the changes `publish --submission` applies to the live submission: fields it
    /// leaves out keep their live values, so only the rules that apply to what it holds are checked —
    /// exactly what publish and `--dry-run` check before sending anything.
    #[arg(long)]
    pub change: bool,
}

/// `storesubmit pack`.
#[derive(Debug, Args)]
pub struct PackArgs {
    /// The submission document naming the files (applicationPackages, images, trailers, icons).
    #[arg(long, value_name = "FILE")]
    pub submission: PathBuf,
    /// The folder the submission's file names are relative to.
    #[arg(long, value_name = "DIR")]
    pub files: PathBuf,
    /// The ZIP to write.
    #[arg(short, long, value_name = "OUT.zip")]
    pub output: PathBuf,
    /// The submission's kind; guessed when omitted.
    #[arg(long, value_name = "KIND", value_parser = ["app-submission", "addon-submission", "flight-submission"])]
    pub kind: Option<String>,
}

fn kind_names() -> Vec<&'static str> {
    storesubmit::model::DocumentKind::ALL.iter().map(|k| k.as_str()).collect()
}

/// Where to find the services and the credentials. Each setting is taken from its flag, else the --config
/// file, else the variable the project file names (`publish --project`), else its STORESUBMIT_* variable,
/// else production's (the one rule of `storesubmit::connection`, shared with the GitHub Action).
#[derive(Debug, Args, Clone, Default)]
pub struct Connection {
    /// Azure AD tenant (directory) id [else: --config, the project's variable, STORESUBMIT_TENANT_ID].
    #[arg(long, value_name = "ID")]
    pub tenant_id: Option<String>,
    /// Azure AD application (client) id [else: --config, the project's variable, STORESUBMIT_CLIENT_ID].
    #[arg(long, value_name = "ID")]
    pub client_id: Option<String>,
    /// Azure AD client secret (prefer a variable or the config file: flags show up in process lists) [else:
    /// --config, the project's variable, STORESUBMIT_CLIENT_SECRET].
    #[arg(long, value_name = "SECRET")]
    pub client_secret: Option<String>,
    /// Seller id (X-Seller-Account-Id), needed by the MSI/EXE API [else: --config, the project's variable,
    /// STORESUBMIT_SELLER_ID].
    #[arg(long, value_name = "ID")]
    pub seller_id: Option<String>,
    /// Root of the classic submission API [else: --config, STORESUBMIT_DEVCENTER_URL, production].
    #[arg(long, value_name = "URL")]
    pub devcenter_url: Option<String>,
    /// Root of the MSI/EXE submission API [else: --config, STORESUBMIT_WIN32_URL, production].
    #[arg(long, value_name = "URL")]
    pub win32_url: Option<String>,
    /// Root of the Partner Center ingestion API [else: --config, STORESUBMIT_INGESTION_URL, production].
    #[arg(long, value_name = "URL")]
    pub ingestion_url: Option<String>,
    /// Root of the Azure AD token service [else: --config, STORESUBMIT_TOKEN_URL, production].
    #[arg(long, value_name = "URL")]
    pub token_url: Option<String>,
    /// Config file (JSON): tenantId, clientId, clientSecret, sellerId, the *Url roots and tokenVersion; the
    /// emulator's first stdout line is accepted as is [else: STORESUBMIT_CONFIG].
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Token endpoint version [else: --config, STORESUBMIT_TOKEN_VERSION, v2].
    #[arg(long, value_enum)]
    pub token_version: Option<TokenVersionArg>,
    /// How to sign in: secret, github-oidc (the GitHub Actions job's ID token; `permissions: id-token:
    /// write`), azure-pipelines (a workload identity service connection), token-file, command, certificate
    /// or managed-identity [else: --config, the project's credentials.auth, STORESUBMIT_AUTH; else
    /// detected: a client secret, a certificate, a token file (AZURE_FEDERATED_TOKEN_FILE), a token
    /// command, an Azure Pipelines service connection, a GitHub ID-token URL, in that order; else secret].
    #[arg(long, value_name = "METHOD")]
    pub auth: Option<String>,
    /// github-oidc / azure-pipelines: the ID-token request URL [else: --config, STORESUBMIT_OIDC_REQUEST_URL,
    /// ACTIONS_ID_TOKEN_REQUEST_URL (github-oidc) or SYSTEM_OIDCREQUESTURI (azure-pipelines)].
    #[arg(long, value_name = "URL")]
    pub oidc_request_url: Option<String>,
    /// github-oidc / azure-pipelines: the request's bearer token (prefer the variable) [else: --config,
    /// STORESUBMIT_OIDC_REQUEST_TOKEN, ACTIONS_ID_TOKEN_REQUEST_TOKEN or SYSTEM_ACCESSTOKEN].
    #[arg(long, value_name = "TOKEN")]
    pub oidc_request_token: Option<String>,
    /// azure-pipelines: the workload identity service connection's id [else: --config, the project's
    /// variable, STORESUBMIT_SERVICE_CONNECTION_ID, AZURESUBSCRIPTION_SERVICE_CONNECTION_ID].
    #[arg(long, value_name = "ID")]
    pub service_connection_id: Option<String>,
    /// token-file: a file holding a federated token, read again for every token [else: --config, the
    /// project's variable, STORESUBMIT_TOKEN_FILE, AZURE_FEDERATED_TOKEN_FILE].
    #[arg(long, value_name = "FILE")]
    pub token_file: Option<String>,
    /// command: a command printing a federated token, run again for every token (words, no shell; or a
    /// JSON list) [else: --config, the project's variable, STORESUBMIT_TOKEN_COMMAND].
    #[arg(long, value_name = "COMMAND")]
    pub token_command: Option<String>,
    /// certificate: a PEM file with the certificate and its unencrypted private key, or a PFX file [else:
    /// --config, the project's variable, STORESUBMIT_CERTIFICATE].
    #[arg(long, value_name = "FILE")]
    pub certificate: Option<String>,
    /// certificate: the PFX file's password (prefer the variable) [else: --config, the project's variable,
    /// STORESUBMIT_CERTIFICATE_PASSWORD].
    #[arg(long, value_name = "PASSWORD")]
    pub certificate_password: Option<String>,
    /// managed-identity: the metadata endpoint [else: --config, STORESUBMIT_MANAGED_IDENTITY_URL, the Azure
    /// instance metadata service]. --client-id picks a user-assigned identity.
    #[arg(long, value_name = "URL")]
    pub managed_identity_url: Option<String>,
    /// Give up when the whole workflow takes longer (e.g. 90s, 30m, 2h; `none` for no limit). Default: 4h
    /// (the core's default workflow deadline).
    #[arg(long, value_name = "DURATION|none", value_parser = parse_timeout)]
    pub timeout: Option<Timeout>,
    /// First delay between status polls (grows to 12× that); default 5s.
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub poll_interval: Option<std::time::Duration>,
}

/// `--token-version`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TokenVersionArg {
    /// `/{tenant}/oauth2/token` with `resource=`.
    V1,
    /// `/{tenant}/oauth2/v2.0/token` with `scope=`.
    V2,
}

/// `--timeout`: a deadline, or `none` for no deadline at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeout(pub Option<std::time::Duration>);

/// Parses `none` (no deadline) or a duration as [`parse_duration`] does.
pub fn parse_timeout(s: &str) -> Result<Timeout, String> {
    if s.trim().eq_ignore_ascii_case("none") {
        return Ok(Timeout(None));
    }
    parse_duration(s).map(|d| Timeout(Some(d)))
}

/// Parses `500ms`, `90s`, `30m`, `2h` or a number of seconds.
pub fn parse_duration(s: &str) -> Result<std::time::Duration, String> {
    let s = s.trim();
    let (num, unit) = match s.find(|c: char| !(c.is_ascii_digit() || c == '.')) {
        Some(i) => (&s[..i], &s[i..]),
        None => (s, "s"),
    };
    let n: f64 = num.parse().map_err(|_| format!("`{s}` is not a duration (e.g. 90s, 30m, 2h)"))?;
    let secs = match unit {
        "ms" => n / 1000.0,
        "s" | "sec" => n,
        "m" | "min" => n * 60.0,
        "h" => n * 3600.0,
        _ => return Err(format!("`{s}`: unknown unit `{unit}` (use ms, s, m or h)")),
    };
    if !secs.is_finite() || secs < 0.0 {
        return Err(format!("`{s}` is not a duration"));
    }
    Ok(std::time::Duration::from_secs_f64(secs))
}

/// How far a publish goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum WaitArg {
    /// Committed (submitted): processing has started.
    Committed,
    /// Certification has started (devcenter).
    Certification,
    /// Published.
    #[default]
    Published,
}

/// What to do with an existing pending submission.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum PendingArg {
    /// Fail with a conflict error.
    Fail,
    /// Apply the changes to it.
    #[default]
    Reuse,
    /// Delete it and create a new one.
    Recreate,
}

/// Options shared by the devcenter `publish` commands.
#[derive(Debug, Args)]
pub struct PublishArgs {
    /// The changes: a (partial) submission document in the Store's JSON (the file `validate` checks and
    /// `pack` packages). Packages it names replace the current ones.
    #[arg(long, value_name = "FILE")]
    pub submission: PathBuf,
    /// The folder the submission's file names are relative to, or a ZIP built by `pack` (uploaded as is,
    /// after checking it holds every file the submission names).
    #[arg(long, value_name = "DIR|ZIP")]
    pub files: Option<PathBuf>,
    /// Stop after creating, updating and uploading: do not commit (continue with `storesubmit resume`).
    #[arg(long)]
    pub draft_only: bool,
    /// How far to go after committing.
    #[arg(long, value_enum, default_value_t = WaitArg::Published)]
    pub wait: WaitArg,
    /// What to do when a pending submission exists.
    #[arg(long, value_enum, default_value_t = PendingArg::Reuse)]
    pub pending: PendingArg,
    /// Keep the packages already in the submission (default: mark those not named PendingDelete).
    #[arg(long)]
    pub keep_old_packages: bool,
    /// Gradual rollout percentage (0-100) for the new packages.
    #[arg(long, value_name = "PERCENT")]
    pub rollout: Option<f64>,
    /// Make the update mandatory.
    #[arg(long)]
    pub mandatory: bool,
    /// When the mandatory update takes effect (ISO 8601).
    #[arg(long, value_name = "DATE", requires = "mandatory")]
    pub mandatory_from: Option<String>,
    /// Change nothing. With connection settings (--config, flags or STORESUBMIT_*): read the current
    /// state (GET requests only) and print every request the publish would send, in order — method and
    /// URL, how many fields each body holds (--json prints the whole bodies) — the ZIP's entries and real
    /// size, the fields that change (JSON pointer: old → new) and the files added and removed. Without
    /// them: validate and build the ZIP offline.
    #[arg(long)]
    pub dry_run: bool,
    /// Write the resume token here, each new one as it comes (always printed too).
    #[arg(long, value_name = "FILE")]
    pub save_resume: Option<PathBuf>,
}

/// `app|addon|flight wait`: follow a committed submission started elsewhere.
#[derive(Debug, Args)]
pub struct WaitArgs {
    /// The submission to follow.
    #[arg(long, value_name = "ID")]
    pub submission_id: String,
    /// How far to follow it.
    #[arg(long, value_enum, default_value_t = WaitArg::Published)]
    pub wait: WaitArg,
}

/// A rollout change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RolloutArg {
    /// Show the rollout state.
    Get,
    /// Set the percentage (--percentage).
    Update,
    /// Halt the rollout.
    Halt,
    /// Finalize it (100 %).
    Finalize,
}

/// Rollout options.
#[derive(Debug, Args)]
pub struct RolloutArgs {
    /// The submission whose rollout changes.
    #[arg(long, value_name = "ID")]
    pub submission_id: String,
    /// What to do.
    #[arg(value_enum)]
    pub action: RolloutArg,
    /// The new percentage, for `update`.
    #[arg(long, value_name = "PERCENT", required_if_eq("action", "update"))]
    pub percentage: Option<f64>,
}

/// `storesubmit app …`.
#[derive(Debug, Subcommand)]
pub enum AppCommand {
    /// Show an app.
    Get {
        /// The app's Store id.
        #[arg(long, value_name = "ID")]
        app_id: String,
        #[command(flatten)]
        conn: Connection,
    },
    /// List every app of the account.
    List {
        #[command(flatten)]
        conn: Connection,
    },
    /// List an app's add-ons.
    Addons {
        /// The app's Store id.
        #[arg(long, value_name = "ID")]
        app_id: String,
        #[command(flatten)]
        conn: Connection,
    },
    /// List an app's package flights.
    Flights {
        /// The app's Store id.
        #[arg(long, value_name = "ID")]
        app_id: String,
        #[command(flatten)]
        conn: Connection,
    },
    /// Publish a new app submission: create (or reuse), update, upload, commit, wait.
    Publish {
        /// The app's Store id.
        #[arg(long, value_name = "ID")]
        app_id: String,
        #[command(flatten)]
        publish: PublishArgs,
        #[command(flatten)]
        conn: Connection,
    },
    /// Show a submission.
    Submission {
        /// The app's Store id.
        #[arg(long, value_name = "ID")]
        app_id: String,
        /// The submission id.
        #[arg(long, value_name = "ID")]
        submission_id: String,
        #[command(flatten)]
        conn: Connection,
    },
    /// Show a submission's status (and its errors, warnings, certification reports).
    Status {
        /// The app's Store id.
        #[arg(long, value_name = "ID")]
        app_id: String,
        /// The submission id.
        #[arg(long, value_name = "ID")]
        submission_id: String,
        #[command(flatten)]
        conn: Connection,
    },
    /// Wait for a committed submission (started by another job, the portal, or an interrupted run) to finish;
    /// changes and commits nothing.
    Wait {
        /// The app's Store id.
        #[arg(long, value_name = "ID")]
        app_id: String,
        #[command(flatten)]
        wait: WaitArgs,
        #[command(flatten)]
        conn: Connection,
    },
    /// Delete a pending submission.
    Delete {
        /// The app's Store id.
        #[arg(long, value_name = "ID")]
        app_id: String,
        /// The submission id.
        #[arg(long, value_name = "ID")]
        submission_id: String,
        #[command(flatten)]
        conn: Connection,
    },
    /// Show or change a submission's gradual package rollout.
    Rollout {
        /// The app's Store id.
        #[arg(long, value_name = "ID")]
        app_id: String,
        #[command(flatten)]
        rollout: RolloutArgs,
        #[command(flatten)]
        conn: Connection,
    },
}

/// `storesubmit addon …`.
#[derive(Debug, Subcommand)]
pub enum AddonCommand {
    /// Show an add-on.
    Get {
        /// The add-on's Store id.
        #[arg(long, value_name = "ID")]
        addon_id: String,
        #[command(flatten)]
        conn: Connection,
    },
    /// List every add-on of the account.
    List {
        #[command(flatten)]
        conn: Connection,
    },
    /// Create an add-on from a create body (applicationIds, productId, productType).
    Create {
        /// The create body.
        #[arg(long, value_name = "FILE")]
        file: PathBuf,
        #[command(flatten)]
        conn: Connection,
    },
    /// Publish a new add-on submission.
    Publish {
        /// The add-on's Store id.
        #[arg(long, value_name = "ID")]
        addon_id: String,
        #[command(flatten)]
        publish: PublishArgs,
        #[command(flatten)]
        conn: Connection,
    },
    /// Show an add-on submission's status.
    Status {
        /// The add-on's Store id.
        #[arg(long, value_name = "ID")]
        addon_id: String,
        /// The submission id.
        #[arg(long, value_name = "ID")]
        submission_id: String,
        #[command(flatten)]
        conn: Connection,
    },
    /// Wait for a committed add-on submission to finish; changes and commits nothing.
    Wait {
        /// The add-on's Store id.
        #[arg(long, value_name = "ID")]
        addon_id: String,
        #[command(flatten)]
        wait: WaitArgs,
        #[command(flatten)]
        conn: Connection,
    },
    /// Delete an add-on (refused while it has a submission in progress).
    Delete {
        /// The add-on's Store id.
        #[arg(long, value_name = "ID")]
        addon_id: String,
        #[command(flatten)]
        conn: Connection,
    },
}

/// `storesubmit flight …`.
#[derive(Debug, Subcommand)]
pub enum FlightCommand {
    /// Show a package flight.
    Get {
        /// The app's Store id.
        #[arg(long, value_name = "ID")]
        app_id: String,
        /// The flight id.
        #[arg(long, value_name = "ID")]
        flight_id: String,
        #[command(flatten)]
        conn: Connection,
    },
    /// List an app's package flights.
    List {
        /// The app's Store id.
        #[arg(long, value_name = "ID")]
        app_id: String,
        #[command(flatten)]
        conn: Connection,
    },
    /// Create a package flight from a create body (friendlyName, groupIds, rankHigherThan).
    Create {
        /// The app's Store id.
        #[arg(long, value_name = "ID")]
        app_id: String,
        /// The create body.
        #[arg(long, value_name = "FILE")]
        file: PathBuf,
        #[command(flatten)]
        conn: Connection,
    },
    /// Publish a new flight submission.
    Publish {
        /// The app's Store id.
        #[arg(long, value_name = "ID")]
        app_id: String,
        /// The flight id.
        #[arg(long, value_name = "ID")]
        flight_id: String,
        #[command(flatten)]
        publish: PublishArgs,
        #[command(flatten)]
        conn: Connection,
    },
    /// Show a flight submission's status.
    Status {
        /// The app's Store id.
        #[arg(long, value_name = "ID")]
        app_id: String,
        /// The flight id.
        #[arg(long, value_name = "ID")]
        flight_id: String,
        /// The submission id.
        #[arg(long, value_name = "ID")]
        submission_id: String,
        #[command(flatten)]
        conn: Connection,
    },
    /// Wait for a committed flight submission to finish; changes and commits nothing.
    Wait {
        /// The app's Store id.
        #[arg(long, value_name = "ID")]
        app_id: String,
        /// The flight id.
        #[arg(long, value_name = "ID")]
        flight_id: String,
        #[command(flatten)]
        wait: WaitArgs,
        #[command(flatten)]
        conn: Connection,
    },
    /// Show or change a flight submission's gradual package rollout.
    Rollout {
        /// The app's Store id.
        #[arg(long, value_name = "ID")]
        app_id: String,
        /// The flight id.
        #[arg(long, value_name = "ID")]
        flight_id: String,
        #[command(flatten)]
        rollout: RolloutArgs,
        #[command(flatten)]
        conn: Connection,
    },
    /// Delete a package flight (refused while it has a submission in progress).
    Delete {
        /// The app's Store id.
        #[arg(long, value_name = "ID")]
        app_id: String,
        /// The flight id.
        #[arg(long, value_name = "ID")]
        flight_id: String,
        #[command(flatten)]
        conn: Connection,
    },
}

/// `storesubmit win32 …`.
#[derive(Debug, Subcommand)]
pub enum Win32Command {
    /// Show the current draft's metadata (all modules, or one).
    Get {
        /// The product id.
        #[arg(long, value_name = "ID")]
        product_id: String,
        /// Only this module.
        #[arg(long, value_parser = ["listings", "properties", "availability"])]
        module: Option<String>,
        /// Only these listing languages (comma separated).
        #[arg(long, value_name = "LANGS")]
        languages: Option<String>,
        #[command(flatten)]
        conn: Connection,
    },
    /// Show the current draft's packages.
    Packages {
        /// The product id.
        #[arg(long, value_name = "ID")]
        product_id: String,
        #[command(flatten)]
        conn: Connection,
    },
    /// One package of the current draft.
    #[command(subcommand)]
    Package(Win32PackageCommand),
    /// Show the module status (readiness, ongoing submission).
    Status {
        /// The product id.
        #[arg(long, value_name = "ID")]
        product_id: String,
        #[command(flatten)]
        conn: Connection,
    },
    /// Show a submission's publishing status.
    SubmissionStatus {
        /// The product id.
        #[arg(long, value_name = "ID")]
        product_id: String,
        /// The submission id.
        #[arg(long, value_name = "ID")]
        submission_id: String,
        #[command(flatten)]
        conn: Connection,
    },
    /// Update packages, metadata and listing assets, then submit and wait.
    Publish {
        /// The product id.
        #[arg(long, value_name = "ID")]
        product_id: String,
        /// A spec file: {"packages": {...}, "packagePatches": [...], "metadata": {...}, "metadataPatch":
        /// bool, "assets": [{"language", "screenshots": [...], "logos": [...]}]}.
        #[arg(long, value_name = "FILE")]
        spec: Option<PathBuf>,
        /// A full packages update body (`{"packages": [...]}`), instead of or on top of --spec.
        #[arg(long, value_name = "FILE")]
        packages: Option<PathBuf>,
        /// A metadata body (full module update), instead of or on top of --spec.
        #[arg(long, value_name = "FILE")]
        metadata: Option<PathBuf>,
        /// Send the metadata as a module PATCH instead of a full PUT.
        #[arg(long)]
        patch: bool,
        /// The folder the listing asset files are relative to.
        #[arg(long, value_name = "DIR")]
        files: Option<PathBuf>,
        /// Stop before submitting (continue with `storesubmit resume`).
        #[arg(long)]
        draft_only: bool,
        /// How far to go after submitting.
        #[arg(long, value_enum, default_value_t = WaitArg::Published)]
        wait: WaitArg,
        /// Change nothing. With connection settings (--config, flags or STORESUBMIT_*): read the current
        /// draft (GET requests only) and print every request the publish would send, in order (--json
        /// prints the whole bodies), and the fields and files that change. Without them: validate offline.
        #[arg(long)]
        dry_run: bool,
        /// Write the resume token here.
        #[arg(long, value_name = "FILE")]
        save_resume: Option<PathBuf>,
        #[command(flatten)]
        conn: Connection,
    },
}

/// `storesubmit win32 package …`.
#[derive(Debug, Subcommand)]
pub enum Win32PackageCommand {
    /// Show one package of the current draft.
    Get {
        /// The product id.
        #[arg(long, value_name = "ID")]
        product_id: String,
        /// The package id.
        #[arg(long, value_name = "ID")]
        package_id: String,
        #[command(flatten)]
        conn: Connection,
    },
}

/// What an ingestion resource command does (each family accepts the actions its help lists).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ResourceAction {
    /// List the product's resources of this kind (one page; `@odata.nextLink` is printed).
    List,
    /// Show one (`--id`).
    Get,
    /// Create one from `--file`.
    Create,
    /// Update one: `--file` is merged into the resource as read, sent with `If-Match` (a file with its own
    /// `@odata.etag` is sent as is).
    Update,
    /// Delete one (`--id`).
    Delete,
    /// The resources of a draft instance (`--instance-id`).
    ByInstance,
    /// Commit (supplemental content).
    Commit,
    /// Promote a preview submission to live.
    Promote,
    /// A submission's validation results.
    Validations,
    /// A submission's workflow details.
    Workflow,
    /// A submission's certification reports (report text shown).
    Reports,
}

/// Flags of an ingestion resource command.
#[derive(Debug, Args)]
pub struct ResourceArgs {
    /// What to do.
    #[arg(value_enum)]
    pub action: ResourceAction,
    /// The product id (every command but `product create`).
    #[arg(long, value_name = "ID")]
    pub product_id: Option<String>,
    /// The resource's id (image, asset, video, package, configuration, property, availability, plan,
    /// submission, co-sell asset).
    #[arg(long, value_name = "ID")]
    pub id: Option<String>,
    /// The listing the image, asset or video belongs to.
    #[arg(long, value_name = "ID")]
    pub listing_id: Option<String>,
    /// The draft instance (a branch's `currentDraftInstanceID`).
    #[arg(long, value_name = "ID")]
    pub instance_id: Option<String>,
    /// The JSON body (create, update).
    #[arg(long, value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// OData `$expand` (e.g. `FileSasUri`, `MarketStates,PriceSchedules,Trial`).
    #[arg(long, value_name = "EXPAND")]
    pub expand: Option<String>,
    /// OData `$filter` (products).
    #[arg(long, value_name = "FILTER")]
    pub filter: Option<String>,
    #[command(flatten)]
    pub conn: Connection,
}

/// `storesubmit ingestion …`.
#[derive(Debug, Subcommand)]
pub enum IngestionCommand {
    /// List products.
    Products {
        #[command(flatten)]
        conn: Connection,
    },
    /// Show a product.
    Get {
        /// The product id.
        #[arg(long, value_name = "ID")]
        product_id: String,
        #[command(flatten)]
        conn: Connection,
    },
    /// List a product's branches of one module.
    Branches {
        /// The product id.
        #[arg(long, value_name = "ID")]
        product_id: String,
        /// The module (Listing, Package, Availability, Property, …).
        #[arg(long, default_value = "Listing")]
        module: String,
        #[command(flatten)]
        conn: Connection,
    },
    /// Change the drafts (with --changes), submit them and wait: validations, certification reports on
    /// failure, promotion.
    Publish {
        /// The product id.
        #[arg(long, value_name = "ID")]
        product_id: String,
        /// Offer changes applied to the drafts first: {"listings": [{"languageCode", "set", "images":
        /// [{"file", "type"}], "videos": [...]}], "property": {...}, "availability": {...}, "plans":
        /// [{"plan", "create", "set", "availability"}]}.
        #[arg(long, value_name = "FILE")]
        changes: Option<PathBuf>,
        /// The folder the changes' image and video files are relative to.
        #[arg(long, value_name = "DIR")]
        files: Option<PathBuf>,
        /// Modules to submit (comma separated; default Listing,Package,Availability,Property).
        #[arg(long, value_delimiter = ',')]
        modules: Vec<String>,
        /// Target scope.
        #[arg(long, default_value = "Preview", value_parser = ["Preview", "Live"], ignore_case = true)]
        scope: String,
        /// Promote the preview to live once ready.
        #[arg(long)]
        promote: bool,
        /// How far to go.
        #[arg(long, value_enum, default_value_t = WaitArg::Published)]
        wait: WaitArg,
        #[command(flatten)]
        conn: Connection,
    },
    /// Show a submission.
    Status {
        /// The product id.
        #[arg(long, value_name = "ID")]
        product_id: String,
        /// The submission id.
        #[arg(long, value_name = "ID")]
        submission_id: String,
        #[command(flatten)]
        conn: Connection,
    },
    /// A product: create (--file), get, delete.
    Product(ResourceArgs),
    /// A product's setup: get, create.
    Setup(ResourceArgs),
    /// Listings: get, update, delete (--id), create in a draft instance, by-instance.
    Listing(ResourceArgs),
    /// Listing images: list, get, create, update, delete (--listing-id).
    Image(ResourceArgs),
    /// Listing assets: list, get, create, update, delete (--listing-id).
    Asset(ResourceArgs),
    /// Listing videos: list, get, create, update, delete (--listing-id).
    Video(ResourceArgs),
    /// Packages: list, get, create, update, delete.
    Package(ResourceArgs),
    /// Package configurations: get, update, by-instance.
    PackageConfig(ResourceArgs),
    /// Properties: list, get, create, update, by-instance.
    Property(ResourceArgs),
    /// Product availabilities: list, get, create, update, by-instance.
    Availability(ResourceArgs),
    /// Plans' feature availabilities (markets, prices, trial): get, update, by-instance.
    FeatureAvailability(ResourceArgs),
    /// Plans (variants): list, get, create, update, delete.
    Plan(ResourceArgs),
    /// Submissions: list, get, create, delete, promote, validations, workflow, reports.
    Submission(ResourceArgs),
    /// The lead configuration: get, create.
    Lead(ResourceArgs),
    /// Supplemental content: get, update (--instance-id), by-instance, commit.
    Supplemental(ResourceArgs),
    /// Co-sell assets: list, get, create, update, delete, by-instance.
    CosellAsset(ResourceArgs),
    /// The co-sell listing: get, update (--instance-id), by-instance.
    CosellListing(ResourceArgs),
    /// The reseller configuration: get, create.
    Reseller(ResourceArgs),
}

/// `storesubmit resume`.
#[derive(Debug, Args)]
pub struct ResumeArgs {
    /// The resume token: a file written by --save-resume, or the token's JSON text.
    pub token: String,
    /// The folder the submission's file names are relative to (if uploads remain).
    #[arg(long, value_name = "DIR")]
    pub files: Option<PathBuf>,
    /// How far to go.
    #[arg(long, value_enum, default_value_t = WaitArg::Published)]
    pub wait: WaitArg,
    #[command(flatten)]
    pub conn: Connection,
}
