//! What the command prints: results on stdout (human text or `--json`), progress and errors on stderr.
//! Progress is a live bar on a terminal and plain lines otherwise (CI logs). Every document printed goes
//! through [`storesubmit::secret::redact_json`]: a SAS signature or a token never reaches the output.

use std::io::{IsTerminal, Write};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};
use serde_json::Value;
use storesubmit::client::{Progress, ProgressHandler};
use storesubmit::flow::Outcome;
use storesubmit::secret::redact_json;
use storesubmit::Error;

/// How results are printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mode {
    /// JSON on stdout.
    pub json: bool,
    /// No progress on stderr.
    pub quiet: bool,
}

/// Prints a JSON document (redacted) on stdout, pretty for humans, one line for `--json`.
pub fn print_json(mode: Mode, v: &Value) {
    let v = redact_json(v);
    let text = if mode.json { v.to_string() } else { serde_json::to_string_pretty(&v).unwrap_or_default() };
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{text}");
}

/// Prints a workflow's outcome: one summary line (and findings) for humans, the whole outcome as JSON.
pub fn print_outcome(mode: Mode, what: &str, out: &Outcome) {
    if mode.json {
        print_json(mode, &camel_case_keys(serde_json::to_value(out).unwrap_or(Value::Null)));
        return;
    }
    let mut line = format!("{what}: {}", out.stage);
    if let Some(id) = &out.submission_id {
        line.push_str(&format!(" (submission {id}"));
        if let Some(s) = &out.status {
            line.push_str(&format!(", status {s}"));
        }
        line.push(')');
    }
    if out.adopted {
        line.push_str(" [adopted the existing pending submission]");
    }
    let mut so = std::io::stdout().lock();
    let _ = writeln!(so, "{line}");
    for f in &out.errors {
        let _ = writeln!(so, "  error {}: {}", f.code, redact(&f.message));
    }
    for f in &out.warnings {
        let _ = writeln!(so, "  warning {}: {}", f.code, redact(&f.message));
    }
    for r in &out.certification_reports {
        let _ = writeln!(so, "  certification report: {}", redact_json(r));
    }
    if let Some(token) = &out.resume {
        let _ = writeln!(so, "  resume token: {}", token.to_json());
        let _ = writeln!(so, "  continue with: storesubmit resume '<token or file>'");
    }
}

/// The outcome's own keys in camelCase (`submission_id` → `submissionId`), as every other `--json`
/// key; the documents inside (`document`, reports) are the service's and are left as they are.
pub(crate) fn camel_case_keys(v: Value) -> Value {
    let Value::Object(map) = v else { return v };
    let camel = |k: &str| {
        let mut out = String::new();
        let mut up = false;
        for c in k.chars() {
            match c {
                '_' => up = true,
                c if up => {
                    out.extend(c.to_uppercase());
                    up = false;
                }
                c => out.push(c),
            }
        }
        out
    };
    Value::Object(map.into_iter().map(|(k, v)| (camel(&k), v)).collect())
}

fn redact(s: &str) -> String {
    storesubmit::secret::redact_text(s)
}

/// Prints an error: one line `error[code]: message` (plus `status`, correlation id), then each issue and
/// server error indented, on stderr and redacted; with `--json`, one `{"error": …}` document on stdout.
pub fn print_error(mode: Mode, e: &Error) {
    if mode.json {
        let mut v = serde_json::json!({
            "error": {
                "code": e.code(),
                "message": format!("{}{}", redact(e.message()), calling(e)),
                "status": e.status(),
                "retryable": e.is_retryable(),
                "correlationId": e.correlation_id(),
                "serverErrors": e.server_errors(),
                "issues": e.issues(),
            }
        });
        if let Some(c) = CONNECTION.lock().ok().and_then(|c| c.clone()) {
            v["error"]["connection"] = c;
        }
        // On stdout, like every other `--json` result: a script reads one document whatever happened.
        let _ = writeln!(std::io::stdout().lock(), "{}", redact_json(&v));
        return;
    }
    let message = redact(e.message());
    let mut line = format!("error[{}]: {message}{}", e.code(), calling(e));
    let mut extra = Vec::new();
    if let Some(s) = e.status().filter(|s| !message.contains(&format!("HTTP {s}"))) {
        extra.push(format!("HTTP {s}"));
    }
    if let Some(c) = e.correlation_id() {
        extra.push(format!("correlation id {c}"));
    }
    if !extra.is_empty() {
        line.push_str(&format!(" ({})", extra.join(", ")));
    }
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "{line}");
    for i in e.issues() {
        let _ = writeln!(
            err,
            "  {} {} at {}: {}",
            i.severity.as_str(),
            i.code,
            if i.path.is_empty() { "/" } else { &i.path },
            redact(&i.message)
        );
    }
    for s in e.server_errors().iter().filter(|s| !message.contains(&redact(&s.message))) {
        let target = s.target.as_deref().map(|t| format!(" ({t})")).unwrap_or_default();
        let _ = writeln!(err, "  server {}{target}: {}", s.code, redact(&s.message));
    }
    // a failure to sign in or to reach a service: show which settings were used, and from where
    use storesubmit::ErrorKind as K;
    if matches!(e.kind(), K::Auth | K::Forbidden | K::Transport) {
        let described = CONNECTION.lock().ok().and_then(|c| c.as_ref()?["description"].as_str().map(str::to_string));
        if let Some(d) = described {
            let _ = writeln!(err, "  connection: {}", redact(&d));
        }
    }
}

/// The connection the command resolved (`storesubmit::connection::Resolved::to_json`: values but the
/// secret, sources, description), shown with its errors.
static CONNECTION: Mutex<Option<Value>> = Mutex::new(None);

/// Remembers the connection a command resolved, so an error can say which setting came from where
/// (`--json`: `error.connection`; otherwise a `connection:` line under a sign-in or connection failure).
pub fn connection_used(resolved: Value) {
    if let Ok(mut c) = CONNECTION.lock() {
        *c = Some(resolved);
    }
}

/// Whether stderr gets ANSI colours: only on a terminal, and never with `NO_COLOR` set (no-color.org).
pub fn colours() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// A plain stderr line (progress, notes), unless quiet.
pub fn note(mode: Mode, msg: &str) {
    if !mode.quiet {
        let _ = writeln!(std::io::stderr().lock(), "{msg}");
    }
}

fn human_bytes(n: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KiB", "MiB", "GiB", "TiB"];
    let mut v = n as f64;
    let mut u = 0;
    while v >= 1024.0 && u < UNITS.len() - 1 {
        v /= 1024.0;
        u += 1;
    }
    if u == 0 {
        format!("{n} B")
    } else {
        format!("{v:.1} {}", UNITS[u])
    }
}

/// The last request a workflow reported (`GET https://host/path`, its status; `None`: no response), so a
/// transport error can name what it was calling.
static LAST_REQUEST: Mutex<Option<(String, Option<u16>)>> = Mutex::new(None);

/// ` (calling GET https://…)` for a transport or timeout error whose request got no response.
fn calling(e: &Error) -> String {
    use storesubmit::ErrorKind as K;
    if !matches!(e.kind(), K::Transport | K::Timeout | K::Unavailable | K::Server) {
        return String::new();
    }
    match LAST_REQUEST.lock().ok().and_then(|l| l.clone()) {
        Some((req, _)) => format!(" (calling {req})"),
        None => String::new(),
    }
}

struct ReporterState {
    bar: Option<ProgressBar>,
    resumable: Option<storesubmit::flow::ResumeToken>,
    last_percent: u64,
    stage: String,
}

/// Shows a workflow's [`Progress`]: an indicatif bar/spinner on a terminal, plain lines otherwise.
pub struct Reporter {
    tty: bool,
    quiet: bool,
    label: String,
    state: Mutex<ReporterState>,
}

impl Reporter {
    /// A reporter for one workflow (`label` prefixes its lines, e.g. `app 9NBLGGH4R315`).
    pub fn new(mode: Mode, label: impl Into<String>) -> Arc<Reporter> {
        Arc::new(Reporter {
            tty: std::io::stderr().is_terminal(),
            quiet: mode.quiet,
            label: label.into(),
            state: Mutex::new(ReporterState { bar: None, resumable: None, last_percent: 0, stage: String::new() }),
        })
    }

    /// The handler to give the client.
    pub fn handler(self: &Arc<Self>) -> ProgressHandler {
        let me = self.clone();
        Arc::new(move |p: &Progress| me.on(p))
    }

    fn line(&self, msg: &str) {
        let _ = writeln!(std::io::stderr().lock(), "[{}] {msg}", self.label);
    }

    fn on(&self, p: &Progress) {
        if let Progress::Request { method, url, status, .. } = p {
            if let Ok(mut last) = LAST_REQUEST.lock() {
                *last = Some((format!("{method} {}", redact(url)), *status));
            }
        }
        if let Progress::Resumable(token) = p {
            crate::interrupt::remember(token);
        }
        if self.quiet {
            return;
        }
        let Ok(mut st) = self.state.lock() else { return };
        match p {
            Progress::Stage(s) => {
                if *s == st.stage {
                    return;
                }
                st.stage = s.clone();
                if let Some(bar) = st.bar.take() {
                    bar.finish_and_clear();
                }
                if self.tty {
                    let bar = ProgressBar::new_spinner();
                    bar.set_style(
                        ProgressStyle::with_template("{spinner} [{prefix}] {msg} {elapsed}")
                            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
                    );
                    bar.set_prefix(self.label.clone());
                    bar.set_message(s.clone());
                    bar.enable_steady_tick(Duration::from_millis(120));
                    st.bar = Some(bar);
                } else {
                    self.line(&format!("stage {s}"));
                }
            }
            Progress::Wait { duration: d, .. } => {
                let msg = format!("{}: waiting {:.1}s", st.stage, d.as_secs_f64());
                match &st.bar {
                    Some(bar) => bar.set_message(msg),
                    // In a log, only waits a reader would notice (stage changes already show progress).
                    None if !self.tty && *d >= Duration::from_secs(5) => self.line(&msg),
                    None => {}
                }
            }
            Progress::Upload { done, total } => {
                let (done, total) = (*done, (*total).max(*done).max(1));
                if self.tty {
                    let needs_new = st.bar.as_ref().is_none_or(|b| b.length().is_none());
                    if needs_new {
                        if let Some(b) = st.bar.take() {
                            b.finish_and_clear();
                        }
                        let bar = ProgressBar::new(total);
                        bar.set_style(
                            ProgressStyle::with_template(
                                "[{prefix}] upload {bar:30} {bytes}/{total_bytes} {bytes_per_sec} eta {eta}",
                            )
                            .unwrap_or_else(|_| ProgressStyle::default_bar()),
                        );
                        bar.set_prefix(self.label.clone());
                        st.bar = Some(bar);
                    }
                    if let Some(bar) = &st.bar {
                        bar.set_length(total);
                        bar.set_position(done);
                    }
                } else {
                    let percent = done * 100 / total;
                    if percent >= st.last_percent + 10 || done == total {
                        st.last_percent = percent;
                        self.line(&format!("upload {percent}% ({} of {})", human_bytes(done), human_bytes(total)));
                    }
                }
            }
            Progress::Resumable(token) => st.resumable = Some(token.clone()),
            Progress::Request { .. } => {}
            _ => {}
        }
    }

    /// The resume token of a workflow that failed after its changes reached the service.
    pub fn resumable(&self) -> Option<storesubmit::flow::ResumeToken> {
        self.state.lock().ok().and_then(|st| st.resumable.clone())
    }

    /// Clears the live bar (before the result is printed).
    pub fn finish(&self) {
        if let Ok(mut st) = self.state.lock() {
            if let Some(bar) = st.bar.take() {
                bar.finish_and_clear();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn bytes_read_well() {
        assert_eq!(super::human_bytes(512), "512 B");
        assert_eq!(super::human_bytes(3 << 20), "3.0 MiB");
    }
}
