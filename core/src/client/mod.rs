//! Async and blocking clients that drive the flows over the bundled transport (feature `reqwest`) (in progress).
