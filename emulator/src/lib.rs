//! The storesubmit Store emulator (in progress).
