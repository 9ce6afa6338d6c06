//! How often to poll a long-running status (submission processing, certification, package upload).
//!
//! Fixed-interval polling with no cap is a peer failure: this schedule starts fast, grows geometrically
//! to a ceiling, and the flows stop it at their deadline.

use std::time::Duration;

/// A geometric poll schedule.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PollSchedule {
    /// Delay before the first re-poll.
    pub initial: Duration,
    /// Growth factor per poll (≥ 1).
    pub factor: f64,
    /// Longest delay between polls.
    pub max: Duration,
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
    fn grows_then_caps() {
        let s = PollSchedule::default();
        assert_eq!(s.delay(0), Duration::from_secs(5));
        assert_eq!(s.delay(1), Duration::from_secs_f64(7.5));
        assert!(s.delay(2) > s.delay(1));
        assert_eq!(s.delay(20), Duration::from_secs(60));
        assert_eq!(s.delay(u32::MAX), Duration::from_secs(60));
    }
}
