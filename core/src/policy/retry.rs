//! When to retry a failed call, and after how long.
//!
//! - 429 (and 503 on idempotent calls) honour `Retry-After` / `retry-after-ms` / `x-ms-retry-after-ms`.
//! - Other 5xx, timeouts and connection failures back off exponentially with jitter, capped.
//! - A non-idempotent call (POST create/commit/submit) that failed *ambiguously* (timeout, connection
//!   lost, 5xx) is never blindly repeated: the decision is [`RetryDecision::Verify`], telling the flow to
//!   re-read state to learn whether the call took effect (StoreBroker issue #123, duplicate submissions).
//!   A 429 is safe to repeat for any method: the service refused the call before doing anything.

use std::time::Duration;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::data::limits as lim;
use crate::error::{Error, ErrorKind, Result};
use crate::json::{seconds, Fields};

/// Retry limits. JSON (`retry` of [`crate::options::ClientOptions`]): `{maxAttempts, baseDelay, maxDelay,
/// maxRetryAfter}`, delays in seconds, every key optional.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RetryPolicy {
    /// Attempts in total, the first included: 1–100. Default 6.
    pub max_attempts: u32,
    /// Delay before the first retry (doubled each time): 0–3,600 s. Default 0.5 s.
    #[serde(serialize_with = "seconds")]
    pub base_delay: Duration,
    /// Cap on a computed backoff delay: `baseDelay`–3,600 s. Default 30 s.
    #[serde(serialize_with = "seconds")]
    pub max_delay: Duration,
    /// Cap on a server-requested delay (a hostile or buggy `Retry-After` cannot stall a pipeline):
    /// 0–3,600 s. Default 300 s.
    #[serde(serialize_with = "seconds")]
    pub max_retry_after: Duration,
}

impl RetryPolicy {
    /// Reads the JSON form found at pointer `at` (absent keys keep their defaults).
    ///
    /// # Errors
    /// `invalid_argument` naming the field's pointer and its rule, or an unknown key.
    pub fn from_json_at(v: &Value, at: &str) -> Result<RetryPolicy> {
        let mut f = Fields::new(v, at)?;
        let mut p = RetryPolicy::default();
        if let Some(x) = f.take("maxAttempts", &["max_attempts"])? {
            p.max_attempts = x.integer(lim::RETRY_ATTEMPTS_MIN, lim::RETRY_ATTEMPTS_MAX)? as u32;
        }
        if let Some(x) = f.take("baseDelay", &["base_delay"])? {
            p.base_delay = x.seconds(0.0, lim::RETRY_DELAY_MAX_SECS)?;
        }
        if let Some(x) = f.take("maxDelay", &["max_delay"])? {
            p.max_delay = x.seconds(0.0, lim::RETRY_DELAY_MAX_SECS)?;
            if p.max_delay < p.base_delay {
                let (base, got) = (p.base_delay.as_secs_f64(), p.max_delay.as_secs_f64());
                return Err(x.invalid(format!("must be at least baseDelay ({base} s), got {got}")));
            }
        }
        if let Some(x) = f.take("maxRetryAfter", &["max_retry_after"])? {
            p.max_retry_after = x.seconds(0.0, lim::RETRY_DELAY_MAX_SECS)?;
        }
        f.finish()?;
        Ok(p)
    }
}

impl<'de> Deserialize<'de> for RetryPolicy {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let v = Value::deserialize(d)?;
        RetryPolicy::from_json_at(&v, "").map_err(|e| serde::de::Error::custom(e.message()))
    }
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 6,
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(30),
            max_retry_after: Duration::from_secs(300),
        }
    }
}

/// What to do after a failed attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RetryDecision {
    /// Wait this long, then send the same request again.
    Retry(Duration),
    /// The call may or may not have taken effect: re-read the resource's state before anything else.
    Verify,
    /// Stop and surface the error.
    GiveUp,
}

/// A jitter in `[0, 1)` for retry backoff from any 64-bit seed (a host passes its clock's nanoseconds):
/// the seed mixed through a 64-bit finaliser (splitmix64), so consecutive calls spread. The one jitter
/// every host uses; the core itself never reads a clock.
pub fn jitter(seed: u64) -> f64 {
    let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    (z >> 11) as f64 / (1u64 << 53) as f64
}

/// Decides what to do after attempt number `attempt` (1-based) failed with `error`.
///
/// `idempotent` is whether repeating the request is harmless (see `Operation::is_idempotent`);
/// `jitter` is a random number in `[0, 1)` from the host (tests pass a fixed value), spreading retries
/// of many clients over `[delay/2, delay)`.
pub fn decide(policy: &RetryPolicy, idempotent: bool, attempt: u32, error: &Error, jitter: f64) -> RetryDecision {
    let ambiguous =
        matches!(error.kind(), ErrorKind::Server | ErrorKind::Unavailable | ErrorKind::Timeout | ErrorKind::Transport);
    if !idempotent && ambiguous {
        return RetryDecision::Verify;
    }
    if !error.is_retryable() || attempt >= policy.max_attempts {
        return RetryDecision::GiveUp;
    }
    if let Some(after) = error.retry_after() {
        return RetryDecision::Retry(after.min(policy.max_retry_after));
    }
    RetryDecision::Retry(backoff(policy, attempt, jitter))
}

/// Exponential backoff with jitter: `base * 2^(attempt-1)`, capped, scaled into `[1/2, 1)` of itself.
pub fn backoff(policy: &RetryPolicy, attempt: u32, jitter: f64) -> Duration {
    let exp = attempt.saturating_sub(1).min(20);
    let raw = policy.base_delay.saturating_mul(1u32 << exp).min(policy.max_delay);
    let jitter = if jitter.is_finite() { jitter.clamp(0.0, 1.0) } else { 0.0 };
    raw.mul_f64(0.5 + jitter / 2.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::HttpResponse;

    fn err(status: u16) -> Error {
        Error::from_response(&HttpResponse::new(status, ""))
    }

    #[test]
    fn json_round_trip_and_rules() {
        let p = RetryPolicy::default();
        let v = serde_json::to_value(p).unwrap();
        assert_eq!(
            v,
            serde_json::json!({"maxAttempts": 6, "baseDelay": 0.5, "maxDelay": 30.0, "maxRetryAfter": 300.0})
        );
        assert_eq!(serde_json::from_value::<RetryPolicy>(v).unwrap(), p);
        let e = serde_json::from_value::<RetryPolicy>(serde_json::json!({"maxAttempts": 101})).unwrap_err();
        assert_eq!(e.to_string(), "/maxAttempts: must be an integer from 1 to 100, got 101");
    }

    #[test]
    fn rate_limit_honours_retry_after_for_any_method() {
        let e = Error::from_response(&HttpResponse::new(429, "").with_header("Retry-After", "3"));
        let p = RetryPolicy::default();
        assert_eq!(decide(&p, true, 1, &e, 0.0), RetryDecision::Retry(Duration::from_secs(3)));
        assert_eq!(decide(&p, false, 1, &e, 0.0), RetryDecision::Retry(Duration::from_secs(3)));
        let huge = Error::from_response(&HttpResponse::new(429, "").with_header("Retry-After", "99999"));
        assert_eq!(decide(&p, true, 1, &huge, 0.0), RetryDecision::Retry(p.max_retry_after));
    }

    #[test]
    fn ambiguous_post_failures_are_verified_not_repeated() {
        let p = RetryPolicy::default();
        for s in [500, 502, 503, 504] {
            assert_eq!(decide(&p, false, 1, &err(s), 0.5), RetryDecision::Verify, "{s}");
        }
        assert_eq!(decide(&p, false, 1, &Error::new(ErrorKind::Timeout, "t"), 0.5), RetryDecision::Verify);
        assert_eq!(decide(&p, false, 1, &err(409), 0.5), RetryDecision::GiveUp);
    }

    #[test]
    fn idempotent_failures_back_off_with_cap() {
        let p = RetryPolicy::default();
        assert_eq!(decide(&p, true, 1, &err(500), 0.0), RetryDecision::Retry(Duration::from_millis(250)));
        assert_eq!(decide(&p, true, 3, &err(502), 0.0), RetryDecision::Retry(Duration::from_millis(1000)));
        assert_eq!(decide(&p, true, 5, &err(500), 0.999_999), RetryDecision::Retry(backoff(&p, 5, 0.999_999)));
        assert!(backoff(&p, 30, 0.99) <= p.max_delay);
        assert_eq!(decide(&p, true, p.max_attempts, &err(500), 0.0), RetryDecision::GiveUp);
        assert_eq!(decide(&p, true, 1, &err(404), 0.0), RetryDecision::GiveUp);
        assert_eq!(decide(&p, true, 1, &err(401), 0.0), RetryDecision::GiveUp);
    }
}
