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
/// The product, submission or flight does not exist (or the account cannot see it).
pub const NOT_FOUND: i32 = 5;
/// Transient on the service's side: rate limited, unavailable, server error, timeout. Retry later.
pub const RETRY_LATER: i32 = 6;
/// Interrupted (SIGINT/SIGTERM) or the deadline passed: the resume token continues the submission.
pub const INTERRUPTED: i32 = 7;
/// A conflict with the service's state: a pending submission, a precondition (`If-Match`) that failed.
pub const CONFLICT: i32 = 8;
/// The service refused the request as malformed, or answered something unreadable.
pub const REFUSED: i32 = 9;
/// No connection: the host could not be reached (URL, proxy, DNS, network). Check the setup, then retry.
pub const TRANSPORT: i32 = 10;

/// The help text's table (kept next to the constants it describes).
pub const TABLE: &str = "Exit status:
  0  success
  1  the workflow ran and the Store failed it (commit, certification or publishing failed)
  2  usage or local input (bad argument, unreadable file, missing files, unsafe archive)
  3  the document breaks Store rules (validate found an error, publish refused before sending)
  4  authentication or permission (bad credentials, expired token, forbidden)
  5  not found (the product, submission or flight does not exist or is not visible to the account)
  6  transient on the service's side: rate limited, unavailable, server error, timeout (retry later)
  7  interrupted (SIGINT/SIGTERM) or deadline passed: continue with `storesubmit resume`
  8  conflict with the service's state (a pending submission, a failed If-Match precondition)
  9  the service refused the request as malformed (bad request) or answered something unreadable or too large
 10  no connection (URL, proxy, DNS, network): check the setup, then retry";

/// The exit status for an error of `kind`.
pub fn for_kind(kind: ErrorKind) -> i32 {
    use ErrorKind as K;
    match kind {
        K::CommitFailed | K::SubmissionFailed => WORKFLOW_FAILED,
        K::Validation => INVALID,
        K::Auth | K::Forbidden | K::SasPermission => AUTH,
        K::NotFound => NOT_FOUND,
        K::Conflict | K::PreconditionFailed => CONFLICT,
        K::BadRequest | K::InvalidResponse | K::ResponseTooLarge => REFUSED,
        K::Transport => TRANSPORT,
        K::RateLimited | K::Unavailable | K::Server | K::Timeout | K::ChecksumMismatch | K::SasExpired => RETRY_LATER,
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
            assert!(TABLE.contains(&format!("{status:>3}  ")), "{} → {status}", k.code);
        }
        assert_eq!(for_kind(ErrorKind::InvalidArgument), USAGE);
        assert_eq!(for_kind(ErrorKind::Transport), TRANSPORT);
        assert_eq!(for_kind(ErrorKind::Conflict), CONFLICT);
        assert_eq!(for_kind(ErrorKind::NotFound), NOT_FOUND);
    }
}
