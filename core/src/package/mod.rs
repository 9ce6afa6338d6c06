//! Streaming ZIP packaging (in progress).
