//! Offline validation of every documented Store rule (in progress).
