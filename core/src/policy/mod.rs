//! Pure decision functions for retries and polling. The host supplies time and randomness; these only
//! decide. Every flow and every binding uses the same rules.

pub mod poll;
pub mod retry;

pub use poll::PollSchedule;
pub use retry::{decide, jitter, RetryDecision, RetryPolicy};
