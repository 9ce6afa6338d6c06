//! A workflow's result (and its plan) as Markdown: the job summary of the GitHub Action and the Azure
//! DevOps task, and what the CLI or any binding prints when asked for a summary — written once here so
//! every front end shows the same table.
//!
//! Everything written goes through [`crate::secret`] redaction first (a certification report link or an
//! upload URL keeps its path and loses its SAS signature), every value is escaped for a Markdown table cell
//! (pipes, newlines, HTML) and cut at [`SUMMARY_CELL_MAX_CHARS`]; a table stops at
//! [`SUMMARY_TABLE_MAX_ROWS`] rows and says how many it left out.

use serde_json::Value;

use crate::data::limits::{SUMMARY_CELL_MAX_CHARS, SUMMARY_TABLE_MAX_ROWS};
use crate::secret::{redact_json, redact_text};

/// The Markdown summary of a workflow's `outcome` (a serialised [`crate::flow::Outcome`], or `null` when
/// nothing ran, as in a dry run) and, when given, of its `plan` (a [`crate::flow`] plan document: the
/// requests a run sends and the changes it makes).
///
/// The result table names the product, the kind of workflow, the submission id, the status, the stage
/// reached, whether a pending submission was adopted, the service's errors and warnings with their codes,
/// and the certification report links. The plan adds the requests table and the changes table (JSON
/// pointer, from → to) with the files added and removed.
pub fn summary_markdown(outcome: &Value, plan: Option<&Value>) -> String {
    let outcome = redact_json(outcome);
    let plan = plan.filter(|p| !p.is_null()).map(redact_json);
    let mut md = String::new();
    let has_outcome = outcome.is_object();
    let title = match (has_outcome, &plan) {
        (true, _) => "storesubmit: result",
        (false, Some(_)) => "storesubmit: plan (dry run, nothing was changed)",
        (false, None) => "storesubmit: nothing ran",
    };
    md.push_str(&format!("## {title}\n\n"));
    if has_outcome {
        result_table(&mut md, &outcome, plan.as_ref());
    }
    if let Some(plan) = &plan {
        plan_tables(&mut md, plan, !has_outcome);
    }
    md
}

/// The Markdown summary of a workflow that failed with `error` (a typed error as JSON: `code`, `message`,
/// and when known `correlationId`, `status`, and `resumeToken` (the manifest's ErrorInfo) or `resumable`),
/// with the plan made before it when given: a CI job that fails still says why, and what it was about to
/// change.
pub fn failure_markdown(error: &Value, plan: Option<&Value>) -> String {
    let error = redact_json(error);
    let plan = plan.filter(|p| !p.is_null()).map(redact_json);
    let mut md = String::from("## storesubmit: failed\n\n");
    let mut rows = vec![
        vec!["Error code".to_string(), cell_of(error.get("code"))],
        vec!["Message".to_string(), cell_of(error.get("message"))],
    ];
    if let Some(p) = plan.as_ref().and_then(plan_product) {
        rows.insert(0, vec!["Product".to_string(), cell(&p)]);
    }
    for (key, label) in [("status", "HTTP status"), ("correlationId", "Correlation id")] {
        if let Some(v) = field(&error, key, key) {
            rows.push(vec![label.to_string(), cell(&text_of(v))]);
        }
    }
    let resumable = error.get("resumable").and_then(Value::as_bool);
    if let Some(r) = resumable.or_else(|| error.get("resumeToken").map(|t| t.is_string())) {
        rows.push(vec!["Resumable".to_string(), yes_no(r).to_string()]);
    }
    table(&mut md, &["Field", "Value"], rows, "fields");
    if let Some(plan) = &plan {
        md.push_str("The plan made before the run:\n\n");
        plan_tables(&mut md, plan, false);
    }
    md
}

/// The field `snake` (or its camelCase form `camel`) of an object, when it is not null.
fn field<'a>(v: &'a Value, snake: &str, camel: &str) -> Option<&'a Value> {
    v.get(snake).or_else(|| v.get(camel)).filter(|x| !x.is_null())
}

/// A value as the text of one cell: strings as they are, anything else as compact JSON.
fn text_of(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Text made safe for one Markdown table cell: secrets removed, cut at the cell limit, HTML, pipes and
/// Markdown's inline signs (links, emphasis) escaped, line breaks as `<br>`. Empty text is an em dash, so a cell never looks missing.
fn cell(text: &str) -> String {
    let text = redact_text(text);
    let mut cut: String = text.chars().take(SUMMARY_CELL_MAX_CHARS).collect();
    if cut.len() < text.len() {
        cut.push('…');
    }
    if cut.trim().is_empty() {
        return "—".to_string();
    }
    let mut out = String::with_capacity(cut.len() + 8);
    let mut chars = cut.chars().peekable();
    let mut prev: Option<char> = None;
    while let Some(c) = chars.next() {
        let before = prev.replace(c);
        let prev = before;
        match c {
            '|' => out.push_str("\\|"),
            '\\' => out.push_str("\\\\"),
            '`' => out.push_str("\\`"),
            // Markdown's inline syntax: a title like `[release notes](https://elsewhere)` stays text, never a
            // link whose target the reader cannot see; emphasis and strike-through signs stay literal.
            // (`_` inside a word, as in `not_found`, is no emphasis in GitHub's Markdown: left as is).
            '_' if prev.is_some_and(char::is_alphanumeric) && chars.peek().is_some_and(|n| n.is_alphanumeric()) => {
                out.push(c)
            }
            '[' | ']' | '*' | '_' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("<br>");
            }
            '\n' => out.push_str("<br>"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A cell for a value that may be absent.
fn cell_of(v: Option<&Value>) -> String {
    v.map(|v| cell(&text_of(v))).unwrap_or_else(|| "—".to_string())
}

/// A Markdown link to an http(s) URL (already redacted), or the URL as plain text when it is not one.
fn link(label: &str, url: &str) -> String {
    let url = redact_text(url);
    if !(url.starts_with("https://") || url.starts_with("http://")) || url.chars().count() > 2 * SUMMARY_CELL_MAX_CHARS
    {
        return cell(&url);
    }
    let mut href = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            ' ' => href.push_str("%20"),
            '(' => href.push_str("%28"),
            ')' => href.push_str("%29"),
            '|' => href.push_str("%7C"),
            '<' => href.push_str("%3C"),
            '>' => href.push_str("%3E"),
            '"' => href.push_str("%22"),
            c if c.is_control() => {}
            c => href.push(c),
        }
    }
    let label = cell(label);
    format!("[{label}]({href})")
}

/// Appends a table with `header` and `rows`, cut at the row limit with a line naming what was left out.
fn table(md: &mut String, header: &[&str], rows: Vec<Vec<String>>, what: &str) {
    md.push_str(&format!("| {} |\n", header.join(" | ")));
    md.push_str(&format!("|{}\n", "---|".repeat(header.len())));
    let total = rows.len();
    for row in rows.into_iter().take(SUMMARY_TABLE_MAX_ROWS) {
        md.push_str(&format!("| {} |\n", row.join(" | ")));
    }
    if total > SUMMARY_TABLE_MAX_ROWS {
        md.push_str(&format!("\n… and {} more {what} not shown.\n", total - SUMMARY_TABLE_MAX_ROWS));
    }
    md.push('\n');
}

/// The product a plan works on (`app 9N…`, `flight 9N… / 1234…`, `win32 1234…`).
fn plan_product(plan: &Value) -> Option<String> {
    if let Some(t) = plan.get("target").filter(|t| t.is_object()) {
        let kind = t.get("type").and_then(Value::as_str).unwrap_or("product");
        let id = ["appId", "addonId", "productId", "app_id", "addon_id", "product_id"]
            .iter()
            .find_map(|k| t.get(*k))
            .map(text_of);
        let flight = t.get("flightId").or_else(|| t.get("flight_id")).map(text_of);
        return Some(match (id, flight) {
            (Some(id), Some(f)) => format!("{kind} {id} / flight {f}"),
            (Some(id), None) => format!("{kind} {id}"),
            (None, _) => kind.to_string(),
        });
    }
    plan.get("productId").or_else(|| plan.get("product_id")).map(|id| format!("win32 {}", text_of(id)))
}

fn yes_no(b: bool) -> &'static str {
    if b {
        "yes"
    } else {
        "no"
    }
}

fn result_table(md: &mut String, outcome: &Value, plan: Option<&Value>) {
    let product = plan
        .and_then(plan_product)
        .map(|p| cell(&p))
        .or_else(|| field(outcome, "resource_id", "resourceId").map(|v| cell(&text_of(v))))
        .unwrap_or_else(|| "—".to_string());
    let adopted = field(outcome, "adopted", "adopted").and_then(Value::as_bool).unwrap_or(false);
    let rows = vec![
        vec!["Product".to_string(), product],
        vec!["Kind".to_string(), cell_of(outcome.get("flow"))],
        vec!["Submission id".to_string(), cell_of(field(outcome, "submission_id", "submissionId"))],
        vec!["Status".to_string(), cell_of(outcome.get("status"))],
        vec!["Stage".to_string(), cell_of(outcome.get("stage"))],
        vec!["Adopted a pending submission".to_string(), yes_no(adopted).to_string()],
    ];
    table(md, &["Field", "Value"], rows, "fields");
    for (key, heading) in [("errors", "Errors"), ("warnings", "Warnings")] {
        let items = outcome.get(key).and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
        if items.is_empty() {
            continue;
        }
        md.push_str(&format!("### {heading} ({})\n\n", items.len()));
        let rows = items
            .iter()
            .map(|f| vec![cell_of(f.get("code")), cell_of(f.get("message")), cell_of(f.get("target"))])
            .collect();
        table(md, &["Code", "Message", "Target"], rows, &heading.to_lowercase());
    }
    let reports = field(outcome, "certification_reports", "certificationReports")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default();
    if !reports.is_empty() {
        md.push_str(&format!("### Certification reports ({})\n\n", reports.len()));
        let rows = reports
            .iter()
            .map(|r| {
                let date = cell_of(r.get("date"));
                let report = match r.get("reportUrl").and_then(Value::as_str) {
                    Some(url) => link("report", url),
                    None => cell(&text_of(r)),
                };
                vec![date, report]
            })
            .collect();
        table(md, &["Date", "Report"], rows, "reports");
    }
}

fn plan_tables(md: &mut String, plan: &Value, plan_only: bool) {
    if plan_only {
        let base = plan.get("base");
        let source = base.and_then(|b| b.get("source")).map(text_of);
        let base_id = base.and_then(|b| field(b, "submission_id", "submissionId")).map(text_of);
        let based_on = match (source, base_id) {
            (Some(s), Some(id)) => format!("{s} ({id})"),
            (Some(s), None) => s,
            (None, _) => String::new(),
        };
        let rows = vec![
            vec!["Product".to_string(), plan_product(plan).map(|p| cell(&p)).unwrap_or_else(|| "—".to_string())],
            vec!["Kind".to_string(), cell_of(plan.get("workflow"))],
            vec!["Based on".to_string(), cell(&based_on)],
        ];
        table(md, &["Field", "Value"], rows, "fields");
    }
    let requests = plan.get("requests").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
    md.push_str(&format!("### Requests ({})\n\n", requests.len()));
    if requests.is_empty() {
        md.push_str("No request would change anything.\n\n");
    } else {
        let rows = requests
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let zip = r
                    .get("zip")
                    .and_then(|z| z.get("entries"))
                    .and_then(Value::as_array)
                    .map(|e| format!("ZIP: {}", e.iter().map(text_of).collect::<Vec<_>>().join(", ")))
                    .unwrap_or_default();
                vec![
                    (i + 1).to_string(),
                    cell_of(r.get("operation")),
                    cell_of(r.get("method")),
                    cell_of(r.get("url")),
                    cell(&zip),
                ]
            })
            .collect();
        table(md, &["#", "Operation", "Method", "URL", "Files"], rows, "requests");
    }
    let changes = plan.get("changes").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
    md.push_str(&format!("### Changes ({})\n\n", changes.len()));
    if changes.is_empty() {
        md.push_str("No field changes.\n\n");
    } else {
        let rows = changes
            .iter()
            .map(|c| {
                let change = match (c.get("from"), c.get("to")) {
                    (None, Some(_)) => "added",
                    (Some(_), None) => "removed",
                    _ => "changed",
                };
                vec![cell_of(c.get("path")), change.to_string(), cell_of(c.get("from")), cell_of(c.get("to"))]
            })
            .collect();
        table(md, &["Path", "Change", "From", "To"], rows, "changes");
    }
    for (key, heading) in [("filesAdded", "Files added"), ("filesRemoved", "Files removed")] {
        let files = plan.get(key).and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
        if files.is_empty() {
            continue;
        }
        md.push_str(&format!("### {heading} ({})\n\n", files.len()));
        let rows = files.iter().map(|f| vec![cell(&text_of(f))]).collect();
        table(md, &["File"], rows, "files");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn outcome() -> Value {
        json!({
            "flow": "app-submission", "stage": "published", "resource_id": "9NBLGGH4R315",
            "submission_id": "1152921505694106457", "status": "Published", "adopted": true,
            "errors": [{"code": "InvalidParameterValue", "message": "bad | value\nsecond line", "target": "listings"}],
            "warnings": [{"code": "SalesUnsupportedWarning", "message": "sales ignored"}],
            "certification_reports": [{"date": "2026-12-02T10:00:00Z",
                "reportUrl": "https://cert.example/r/1 (x)?sv=2020&sig=SECRETSIG123"}],
        })
    }

    fn plan() -> Value {
        json!({
            "workflow": "submission",
            "target": {"type": "app", "appId": "9NBLGGH4R315"},
            "base": {"source": "lastPublished", "submissionId": "111"},
            "requests": [
                {"operation": "devcenter.create_app_submission", "method": "POST", "url": "https://dc/v1.0/my/applications/9N/submissions"},
                {"operation": "blob.upload", "method": "PUT", "url": "https://blob/x?sv=1&sig=SASSECRET456",
                 "zip": {"entries": ["App_1.1.msixupload", "Images/x.png"]}},
            ],
            "changes": [
                {"path": "/listings/en-us/baseListing/title", "from": "Old | title", "to": "New title"},
                {"path": "/listings/en-us/baseListing/keywords/0", "to": "fast"},
                {"path": "/allowTargetFutureDeviceFamilies/Xbox", "from": true},
            ],
            "filesAdded": ["App_1.1.msixupload"], "filesRemoved": ["App_1.0.msixupload"],
        })
    }

    #[test]
    fn the_result_table_names_every_field_and_escapes_the_service_text() {
        let md = summary_markdown(&outcome(), None);
        assert!(md.starts_with("## storesubmit: result\n"), "{md}");
        for want in [
            "| Product | 9NBLGGH4R315 |",
            "| Kind | app-submission |",
            "| Submission id | 1152921505694106457 |",
            "| Status | Published |",
            "| Stage | published |",
            "| Adopted a pending submission | yes |",
            "### Errors (1)",
            "| InvalidParameterValue | bad \\| value<br>second line | listings |",
            "### Warnings (1)",
            "| SalesUnsupportedWarning | sales ignored | — |",
            "### Certification reports (1)",
        ] {
            assert!(md.contains(want), "missing {want:?} in\n{md}");
        }
        assert!(!md.contains("SECRETSIG123"), "{md}");
        assert!(md.contains("[report](https://cert.example/r/1%20%28x%29?sv=2020&sig=%3Credacted%3E)"), "{md}");
        assert!(!md.contains("Requests"), "no plan, no requests table: {md}");
        // every table row has as many cells as its header (no pipe escaped into a new column)
        for line in md.lines().filter(|l| l.starts_with('|')) {
            let cells = line.replace("\\|", "").matches('|').count();
            assert!(cells == 3 || cells == 4 || cells == 5 || cells == 6, "{line}");
        }
    }

    /// Issue 24: a title or file name with Markdown (a link whose target the reader cannot see,
    /// emphasis) reached the job summary live; it stays literal text now.
    #[test]
    fn markdown_in_service_text_stays_literal() {
        assert_eq!(cell("not_found devcenter.get_app"), "not_found devcenter.get_app");
        let c = cell("[release notes](https://elsewhere.example) **now** _here_ ~~x~~ ![img](x.png)");
        assert!(!c.contains("](") || c.contains("\\]("), "{c}");
        assert_eq!(
            c,
            "\\[release notes\\](https://elsewhere.example) \\*\\*now\\*\\* \\_here\\_ \\~\\~x\\~\\~ !\\[img\\](x.png)"
        );
    }

    #[test]
    fn a_plan_adds_the_requests_and_changes_tables_without_secrets() {
        let md = summary_markdown(&outcome(), Some(&plan()));
        assert!(md.contains("| Product | app 9NBLGGH4R315 |"), "{md}");
        assert!(md.contains("### Requests (2)"), "{md}");
        assert!(
            md.contains(
                "| 1 | devcenter.create_app_submission | POST | https://dc/v1.0/my/applications/9N/submissions | — |"
            ),
            "{md}"
        );
        assert!(md.contains("ZIP: App_1.1.msixupload, Images/x.png"), "{md}");
        assert!(!md.contains("SASSECRET456"), "{md}");
        assert!(md.contains("sig=&lt;redacted&gt;"), "the redaction marker stays visible in HTML: {md}");
        assert!(md.contains("| /listings/en-us/baseListing/title | changed | Old \\| title | New title |"), "{md}");
        assert!(md.contains("| /listings/en-us/baseListing/keywords/0 | added | — | fast |"), "{md}");
        assert!(md.contains("| /allowTargetFutureDeviceFamilies/Xbox | removed | true | — |"), "{md}");
        assert!(md.contains("### Files added (1)\n\n| File |\n|---|\n| App_1.1.msixupload |"), "{md}");
        assert!(md.contains("### Files removed (1)"), "{md}");

        let dry = summary_markdown(&Value::Null, Some(&plan()));
        assert!(dry.starts_with("## storesubmit: plan (dry run, nothing was changed)"), "{dry}");
        assert!(dry.contains("| Based on | lastPublished (111) |"), "{dry}");
        assert!(dry.contains("| Kind | submission |"), "{dry}");
        assert!(!dry.contains("Submission id"), "{dry}");
        assert!(summary_markdown(&Value::Null, None).contains("nothing ran"));
        let empty = summary_markdown(&Value::Null, Some(&json!({"requests": [], "changes": []})));
        assert!(empty.contains("No request would change anything.") && empty.contains("No field changes."), "{empty}");
    }

    #[test]
    fn a_failure_names_its_code_and_keeps_the_plan() {
        let e = json!({"code": "conflict", "message": "a pending | submission\nexists; sig=SIGSECRET9",
            "correlationId": "c-1", "status": 409, "resumable": true});
        let md = failure_markdown(&e, Some(&plan()));
        assert!(md.starts_with("## storesubmit: failed\n"), "{md}");
        for want in [
            "| Product | app 9NBLGGH4R315 |",
            "| Error code | conflict |",
            "| HTTP status | 409 |",
            "| Correlation id | c-1 |",
            "| Resumable | yes |",
            "a pending \\| submission<br>exists",
            "### Changes (3)",
        ] {
            assert!(md.contains(want), "missing {want:?} in\n{md}");
        }
        assert!(!md.contains("SIGSECRET9"), "{md}");
        // an ErrorInfo (what every binding's error serialises to) says it with its resume token
        let info = json!({"code": "cancelled", "message": "stopped", "resumeToken": "{\"flow\":\"x\"}"});
        assert!(failure_markdown(&info, None).contains("| Resumable | yes |"));
        let info = json!({"code": "cancelled", "message": "stopped", "resumeToken": null});
        assert!(failure_markdown(&info, None).contains("| Resumable | no |"));
        let bare = failure_markdown(&json!({"code": "auth", "message": "no token"}), None);
        assert!(!bare.contains("Requests") && !bare.contains("Product") && bare.contains("| auth |"), "{bare}");
    }

    #[test]
    fn long_values_are_cut_and_long_tables_say_what_they_left_out() {
        let long = "é".repeat(SUMMARY_CELL_MAX_CHARS + 50);
        let rows: Vec<Value> = (0..SUMMARY_TABLE_MAX_ROWS + 7)
            .map(|i| json!({"path": format!("/p/{i}"), "from": long, "to": "x"}))
            .collect();
        let md = summary_markdown(&Value::Null, Some(&json!({"changes": rows})));
        let cut = format!("{}…", "é".repeat(SUMMARY_CELL_MAX_CHARS));
        assert!(md.contains(&format!("| {cut} |")), "cut at the limit");
        assert!(!md.contains(&"é".repeat(SUMMARY_CELL_MAX_CHARS + 1)));
        assert!(md.contains("… and 7 more changes not shown."), "{}", &md[md.len() - 200..]);
        assert!(!md.contains(&format!("/p/{}", SUMMARY_TABLE_MAX_ROWS)));
        assert!(md.contains(&format!("/p/{}", SUMMARY_TABLE_MAX_ROWS - 1)));
    }

    #[test]
    fn secrets_in_any_field_never_reach_the_markdown() {
        let o = json!({"flow": "win32", "stage": "published", "resource_id": "Bearer eyJhbGciOiJIUzI1NiJ9.TOKENPART",
            "status": "client_secret=HUNTER2&x=1", "errors": [], "warnings": [],
            "certification_reports": [{"date": "d", "reportUrl": "javascript:alert(1)"}]});
        let md = summary_markdown(
            &o,
            Some(&json!({"requests": [{"operation": "token", "method": "POST",
            "url": "https://login/t", "body": {"client_secret": "HUNTER2"}}]})),
        );
        assert!(!md.contains("TOKENPART") && !md.contains("HUNTER2"), "{md}");
        assert!(!md.contains("](javascript:"), "only http(s) URLs become links: {md}");
        assert!(md.contains("| Adopted a pending submission | no |"), "{md}");
        let cells = cell("a\r\nb`c\u{7}<d>&");
        assert_eq!(cells, "a<br>b\\`c &lt;d&gt;&amp;");
        assert_eq!(cell("  "), "—");
    }
}
