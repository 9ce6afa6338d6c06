//! The exit status of every command, by failure class, so a script can tell "fix the input" from
//! "retry later" without parsing messages. The table is in `storesubmit --help` and the README.

use storesubmit::ErrorKind;

/// Success.
pub const OK: i32 = 0;
/// The workflow ran and the Store failed it: commit failed, certification or publishing failed.
pub const WORKFLOW_FAILED: i32 = 1;
/// Usage or local input: a bad argument, a file that cannot be read, missing files, an unsafe archive.
pub const USAGE: i32 = 2;
/// The document breaks Store rules (`validate` found an error; `publish` refused before sending).
pub const INVALID: i32 = 3;
/// Authentication or permission: bad client credentials, an expired token, a forbidden call.
pub const AUTH: i32 = 4;
/// The service refused the request: not found, conflict (a pending submission), bad request.
pub const REFUSED: i32 = 5;
/// Transient: rate limited, unavailable, server error, timeout, the connection failed. Retry later.
pub const RETRY_LATER: i32 = 6;
/// Interrupted (SIGINT/SIGTERM) or the deadline passed: the resume token continues the submission.
pub const INTERRUPTED: i32 = 7;

/// The help text's table (kept next to the constants it describes).
pub const TABLE: &str = "Exit status:
  0  success
  1  the workflow ran and the Store failed it (commit, certification or publishing failed)
  2  usage or local input (bad argument, unreadable file, missing files, unsafe archive)
  3  the document breaks Store rules (validate found an error, publish refused before sending)
  4  authentication or permission (bad credentials, expired token, forbidden)
  5  the service refused the request (not found, conflict such as a pending submission, bad request)
  6  transient: rate limited, unavailable, server error, timeout, connection failed (retry later)
  7  interrupted (SIGINT/SIGTERM) or deadline passed: continue with `storesubmit resume`";

/// The exit status for an error of `kind`.
pub fn for_kind(kind: ErrorKind) -> i32 {
    use ErrorKind as K;
    match kind {
        K::CommitFailed | K::SubmissionFailed => WORKFLOW_FAILED,
        K::Validation => INVALID,
        K::Auth | K::Forbidden | K::SasPermission => AUTH,
        K::NotFound | K::Conflict | K::PreconditionFailed | K::BadRequest | K::InvalidResponse => REFUSED,
        K::RateLimited
        | K::Unavailable
        | K::Server
        | K::Timeout
        | K::Transport
        | K::ChecksumMismatch
        | K::SasExpired => RETRY_LATER,
        K::DeadlineExceeded | K::Cancelled => INTERRUPTED,
        _ => USAGE,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_a_documented_status() {
        for k in storesubmit::all_error_codes() {
            let kind = ErrorKind::from_code(k.code).expect("known code");
            let status = for_kind(kind);
            assert!(TABLE.contains(&format!("  {status}  ")), "{} → {status}", k.code);
        }
        assert_eq!(for_kind(ErrorKind::InvalidArgument), USAGE);
        assert_eq!(for_kind(ErrorKind::Transport), RETRY_LATER);
    }
}
