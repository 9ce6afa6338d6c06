//! Links the addon against Node's N-API symbols (resolved by the `node` process at load time).
fn main() {
    napi_build::setup();
}
