# wasm32 toolchain: Debian's rustc-web builds std from source (see shared TOOLCHAIN.md).
apt_install rustc-web cargo-web rust-web-src lld-19
