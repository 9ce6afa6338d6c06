//! Fault injection: rules that match requests and make them fail, slow down or lose their connection,
//! and per-token rate limits.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One fault rule. A request matches when its method (or `*`), its full path (with the service prefix,
/// e.g. `/devcenter/v1.0/my/applications/*`; `*` matches any run of characters) and/or its operation id
/// (`devcenter.commit_app_submission`, from the core's route table) match. Rules are tried in order; each
/// counts the requests that reach it (`matched`), and the first one past its `skip` with `times` left
/// applies (later rules are not consulted for that request):
///
/// 1. wait `delay_ms`;
/// 2. `drop`: close the connection without answering;
/// 3. `after_work`: handle the request normally (it takes effect), then answer `status` (default 503);
/// 4. `status` set (or `echo`): answer it with `headers` and `body` (or the echo) without doing the work;
/// 5. otherwise (delay only) handle the request normally.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FaultRule {
    /// Assigned by the emulator.
    pub id: u64,
    /// HTTP method, or `*`/absent for any.
    pub method: Option<String>,
    /// Path pattern with `*` wildcards, matched against the whole path (prefix included).
    pub path: Option<String>,
    /// Operation id from the core's route table (`devcenter.create_app_submission`, `token.v2`, …).
    pub op: Option<String>,
    /// Let this many matching requests through untouched first.
    pub skip: u32,
    /// Apply to this many matching requests, then stop (absent: forever).
    pub times: Option<u32>,
    /// Status to answer.
    pub status: Option<u16>,
    /// Headers to add (e.g. `Retry-After`).
    pub headers: HashMap<String, String>,
    /// Answer `Retry-After` as an HTTP-date (IMF-fixdate) this many seconds after the answer's `Date`
    /// header (both set from the real clock), instead of delay-seconds.
    pub retry_after_date_secs: Option<u64>,
    /// Body to answer: a string is sent as is, anything else as JSON. Absent: the family's error shape.
    pub body: Option<Value>,
    /// Delay before anything else, milliseconds.
    pub delay_ms: u64,
    /// Close the connection without a response.
    pub drop: bool,
    /// Do the work, then fail (StoreBroker issue #123: the call took effect but the client saw an error).
    pub after_work: bool,
    /// Answer with an error whose message repeats what the request carried — its headers (the bearer
    /// token) and its body (a token request's client secret) — as a misbehaving gateway does: the test of
    /// every surface's redaction by value. Without `status`, 500.
    pub echo: bool,
    /// How many requests matched so far (reported by the admin API).
    pub matched: u32,
}

/// What a matching rule asks for.
#[derive(Clone, Debug, PartialEq)]
pub struct FaultAction {
    /// Delay first.
    pub delay_ms: u64,
    /// Drop the connection.
    pub drop: bool,
    /// Do the work, then answer the status.
    pub after_work: bool,
    /// Status to answer (None: handle normally).
    pub status: Option<u16>,
    /// Headers to add.
    pub headers: Vec<(String, String)>,
    /// `Retry-After` as an HTTP-date this many seconds after `Date`.
    pub retry_after_date_secs: Option<u64>,
    /// Body to answer.
    pub body: Option<Value>,
    /// Repeat the request in the answer.
    pub echo: bool,
}

/// Whether `text` matches `pattern`, where `*` matches any run of characters (case-insensitive).
pub fn glob(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.to_ascii_lowercase().chars().collect();
    let t: Vec<char> = text.to_ascii_lowercase().chars().collect();
    let (mut pi, mut ti) = (0usize, 0usize);
    let (mut star, mut mark) = (None::<usize>, 0usize);
    while ti < t.len() {
        if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ti;
            pi += 1;
        } else if pi < p.len() && p[pi] == t[ti] {
            pi += 1;
            ti += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi] == '*' {
        pi += 1;
    }
    pi == p.len()
}

impl FaultRule {
    fn matches(&self, method: &str, path: &str, op: Option<&str>) -> bool {
        if let Some(m) = &self.method {
            if m != "*" && !m.eq_ignore_ascii_case(method) {
                return false;
            }
        }
        if let Some(p) = &self.path {
            if !glob(p, path) {
                return false;
            }
        }
        if let Some(o) = &self.op {
            if op != Some(o.as_str()) {
                return false;
            }
        }
        true
    }

    /// Validates a rule from the admin API or config.
    ///
    /// # Errors
    /// A message when the rule does nothing or asks for an impossible status.
    pub fn check(&self) -> Result<(), String> {
        if let Some(s) = self.status {
            if !(100..=599).contains(&s) {
                return Err(format!("status {s} is not an HTTP status"));
            }
        }
        if self.status.is_none() && !self.drop && !self.after_work && !self.echo && self.delay_ms == 0 {
            return Err("a rule needs one of status, drop, after_work, echo or delay_ms".into());
        }
        Ok(())
    }
}

/// The active rules.
#[derive(Debug, Default)]
pub struct Faults {
    /// Rules in priority order.
    pub rules: Vec<FaultRule>,
    next_id: u64,
}

impl Faults {
    /// Adds a rule and returns its id.
    pub fn add(&mut self, mut rule: FaultRule) -> u64 {
        self.next_id += 1;
        rule.id = self.next_id;
        rule.matched = 0;
        self.rules.push(rule);
        self.next_id
    }

    /// Removes a rule; whether it existed.
    pub fn remove(&mut self, id: u64) -> bool {
        let before = self.rules.len();
        self.rules.retain(|r| r.id != id);
        before != self.rules.len()
    }

    /// The action for a request, consuming one use of the matching rule.
    pub fn take(&mut self, method: &str, path: &str, op: Option<&str>) -> Option<FaultAction> {
        for r in &mut self.rules {
            if !r.matches(method, path, op) {
                continue;
            }
            r.matched = r.matched.saturating_add(1);
            if r.matched <= r.skip {
                continue;
            }
            if let Some(t) = r.times {
                if r.matched - r.skip > t {
                    continue;
                }
            }
            return Some(FaultAction {
                delay_ms: r.delay_ms,
                drop: r.drop,
                after_work: r.after_work,
                status: if r.after_work {
                    Some(r.status.unwrap_or(503))
                } else if r.echo {
                    Some(r.status.unwrap_or(500))
                } else {
                    r.status
                },
                headers: r.headers.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
                retry_after_date_secs: r.retry_after_date_secs,
                body: r.body.clone(),
                echo: r.echo,
            });
        }
        None
    }
}

/// Fixed-window per-token request counter.
#[derive(Debug, Default)]
pub struct RateLimiter {
    windows: HashMap<String, (u64, u32)>,
}

impl RateLimiter {
    /// Counts a call by `key` at `now_ms`; `Some(retry_after_secs)` when over the limit.
    pub fn hit(&mut self, key: &str, now_ms: u64, limit: &crate::config::RateLimit) -> Option<u64> {
        let window = crate::config::secs_to_ms(limit.per_seconds).max(1);
        let entry = self.windows.entry(key.to_string()).or_insert((now_ms, 0));
        if now_ms >= entry.0 + window || now_ms < entry.0 {
            *entry = (now_ms, 0);
        }
        entry.1 += 1;
        if entry.1 > limit.requests {
            let left = (entry.0 + window).saturating_sub(now_ms);
            Some(left.div_ceil(1000).max(1))
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glob_matches() {
        assert!(glob("/devcenter/*/commit", "/devcenter/v1/x/commit"));
        assert!(glob("*", ""));
        assert!(!glob("/a*b", "/acbd"));
        assert!(glob("/A*", "/abc"));
    }

    #[test]
    fn skip_and_times() {
        let mut f = Faults::default();
        f.add(FaultRule { path: Some("/x".into()), status: Some(500), skip: 1, times: Some(1), ..Default::default() });
        assert!(f.take("GET", "/x", None).is_none());
        assert_eq!(f.take("GET", "/x", None).unwrap().status, Some(500));
        assert!(f.take("GET", "/x", None).is_none());
    }
}
