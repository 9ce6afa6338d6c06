//! The bundled reqwest transport and clients (feature `reqwest`) (in progress).
