//! How often to poll a long-running status (submission processing, certification, package upload).
//!
//! Fixed-interval polling with no cap is a peer failure: this schedule starts fast, grows geometrically
//! to a ceiling, and the flows stop it at their deadline.

use std::time::Duration;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::data::limits as lim;
use crate::error::Result;
use crate::json::{seconds, Fields};

/// A geometric poll schedule. JSON (`poll` of [`crate::options::ClientOptions`]): `{initial, factor, max}`,
/// delays in seconds, every key optional.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct PollSchedule {
    /// Delay before the first re-poll: 0–3,600 s. Default 5 s.
    #[serde(serialize_with = "seconds")]
    pub initial: Duration,
    /// Growth factor per poll: 1–10. Default 1.5.
    pub factor: f64,
    /// Longest delay between polls: `initial`–3,600 s. Default 60 s.
    #[serde(serialize_with = "seconds")]
    pub max: Duration,
}

impl PollSchedule {
    /// Reads the JSON form found at pointer `at` (absent keys keep their defaults).
    ///
    /// # Errors
    /// `invalid_argument` naming the field's pointer and its rule, or an unknown key.
    pub fn from_json_at(v: &Value, at: &str) -> Result<PollSchedule> {
        let mut f = Fields::new(v, at)?;
        let mut p = PollSchedule::default();
        if let Some(x) = f.take("initial", &[])? {
            p.initial = x.seconds(0.0, lim::POLL_DELAY_MAX_SECS)?;
        }
        if let Some(x) = f.take("factor", &[])? {
            p.factor = x.number(lim::POLL_FACTOR_MIN, lim::POLL_FACTOR_MAX)?;
        }
        match f.take("max", &[])? {
            Some(x) => {
                p.max = x.seconds(0.0, lim::POLL_DELAY_MAX_SECS)?;
                if p.max < p.initial {
                    let (initial, got) = (p.initial.as_secs_f64(), p.max.as_secs_f64());
                    return Err(x.invalid(format!("must be at least initial ({initial} s), got {got}")));
                }
            }
            // An `initial` above the default ceiling raises the ceiling with it.
            None => p.max = p.max.max(p.initial),
        }
        f.finish()?;
        Ok(p)
    }
}

impl<'de> Deserialize<'de> for PollSchedule {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let v = Value::deserialize(d)?;
        PollSchedule::from_json_at(&v, "").map_err(|e| serde::de::Error::custom(e.message()))
    }
}

impl Default for PollSchedule {
    fn default() -> Self {
        PollSchedule { initial: Duration::from_secs(5), factor: 1.5, max: Duration::from_secs(60) }
    }
}

impl PollSchedule {
    /// A schedule for tests and the emulator: starts at `initial`, same growth and a proportional cap.
    pub fn fast(initial: Duration) -> Self {
        PollSchedule { initial, factor: 1.5, max: initial.saturating_mul(12) }
    }

    /// The delay before poll number `n` (0-based: `delay(0)` is `initial`).
    pub fn delay(&self, n: u32) -> Duration {
        let factor = if self.factor.is_finite() && self.factor >= 1.0 { self.factor } else { 1.0 };
        let secs = self.initial.as_secs_f64() * factor.powi(n.min(64) as i32);
        if !secs.is_finite() || secs >= self.max.as_secs_f64() {
            self.max
        } else {
            Duration::from_secs_f64(secs)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_round_trip_and_rules() {
        let p = PollSchedule::fast(Duration::from_millis(500));
        let v = serde_json::to_value(p).unwrap();
        assert_eq!(v, serde_json::json!({"initial": 0.5, "factor": 1.5, "max": 6.0}));
        assert_eq!(serde_json::from_value::<PollSchedule>(v).unwrap(), p);
        let big = PollSchedule::from_json_at(&serde_json::json!({"initial": 120}), "/poll").unwrap();
        assert_eq!(big.max, Duration::from_secs(120));
        let e = PollSchedule::from_json_at(&serde_json::json!({"factor": 11}), "/poll").unwrap_err();
        assert_eq!(e.message(), "/poll/factor: must be a number from 1 to 10, got 11");
    }

    #[test]
    fn grows_then_caps() {
        let s = PollSchedule::default();
        assert_eq!(s.delay(0), Duration::from_secs(5));
        assert_eq!(s.delay(1), Duration::from_secs_f64(7.5));
        assert!(s.delay(2) > s.delay(1));
        assert_eq!(s.delay(20), Duration::from_secs(60));
        assert_eq!(s.delay(u32::MAX), Duration::from_secs(60));
    }
}
