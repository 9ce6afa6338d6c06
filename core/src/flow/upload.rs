//! A workflow that only uploads: one [`Upload`] run by the flow's block-upload machine, with its retries
//! and progress, for a host that uploads to a SAS URL it got elsewhere.

use super::types::{FlowConfig, Outcome, Upload};
use super::workflow::{Action, Reply, Workflow};
use super::Flow;
use crate::error::{Error, Result};

/// A workflow that only performs one [`Upload`] (a submission's ZIP, or a listing asset) with the flow's
/// block-upload machine, retries and progress: for a host that uploads to a SAS URL it got elsewhere, over
/// its own transport. The outcome's `stage` is `uploaded`.
pub fn upload(cfg: FlowConfig, upload: Upload) -> Flow {
    Flow::new(cfg, Box::new(UploadMachine { upload: Some(upload) }))
}

#[derive(Debug)]
struct UploadMachine {
    upload: Option<Upload>,
}

impl Workflow for UploadMachine {
    fn step(&mut self, reply: Reply, _cfg: &FlowConfig) -> Result<Action> {
        match (reply, self.upload.take()) {
            (Reply::Start, Some(u)) => Ok(Action::Upload(u)),
            (Reply::Uploaded, _) => {
                Ok(Action::Done(Outcome { flow: "upload".into(), stage: "uploaded".into(), ..Outcome::default() }))
            }
            (Reply::Failed(e) | Reply::Ambiguous(e), _) => Err(e),
            (other, _) => Err(Error::invalid_argument(format!("upload: unexpected {other:?}"))),
        }
    }

    fn stage(&self) -> String {
        if self.upload.is_some() { "start" } else { "upload" }.into()
    }
}
