//! The host's file tasks (`stat`, `read`) for the JavaScript host loop, answered by the core's
//! `LocalFiles` (which maps a submission's file names into the folder and refuses names that leave it)
//! on tokio's blocking pool, so reading a package never blocks the JavaScript thread.

use napi::bindgen_prelude::{Buffer, PromiseRaw};
use napi::Env;
use napi_derive::napi;
use storesubmit::flow::host::LocalFiles;
use storesubmit::{Error, ErrorKind};

use crate::js_err;

async fn blocking<T: Send + 'static>(f: impl FnOnce() -> storesubmit::Result<T> + Send + 'static) -> napi::Result<T> {
    tokio::task::spawn_blocking(f)
        .await
        .unwrap_or_else(|e| Err(Error::new(ErrorKind::Io, format!("file task failed: {e}"))))
        .map_err(|e| js_err(&e))
}

/// The sizes of the named files under `dir` (`null` for a file that does not exist).
#[napi(ts_return_type = "Promise<Array<number | null>>")]
pub fn stat_files(env: &Env, dir: String, names: Vec<String>) -> napi::Result<PromiseRaw<'_, Vec<Option<f64>>>> {
    env.spawn_future(async move {
        let sizes = blocking(move || LocalFiles::new(dir).stat(&names)).await?;
        Ok(sizes.into_iter().map(|s| s.map(|n| n as f64)).collect())
    })
}

/// `length` bytes of the named file under `dir` from `offset` (fewer only at the end of the file).
#[napi(ts_return_type = "Promise<Buffer>")]
pub fn read_file(
    env: &Env,
    dir: String,
    name: String,
    offset: f64,
    length: f64,
) -> napi::Result<PromiseRaw<'_, Buffer>> {
    env.spawn_future(async move {
        let data = blocking(move || LocalFiles::new(dir).read(&name, offset as u64, length as u64)).await?;
        Ok(Buffer::from(data))
    })
}
