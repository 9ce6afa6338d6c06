//! Multi-step workflows as sans-IO state machines (in progress).
