//! `Retry-After` in both of its HTTP forms (issue 11, defect 7): delay-seconds, and an HTTP-date
//! (IMF-fixdate) read relative to the response's own `Date` header, as azure-core honours it.

use std::time::Duration;

use storesubmit::http::retry_after_from_headers;
use storesubmit::policy::{retry, RetryDecision, RetryPolicy};
use storesubmit::{Error, HttpResponse};

fn resp(headers: &[(&str, &str)]) -> HttpResponse {
    let mut r = HttpResponse::new(429, "");
    for (n, v) in headers {
        r = r.with_header(*n, *v);
    }
    r
}

#[test]
fn http_date_is_read_relative_to_the_date_header() {
    let r = resp(&[("Date", "Wed, 02 Dec 2026 08:00:00 GMT"), ("Retry-After", "Wed, 02 Dec 2026 08:00:06 GMT")]);
    assert_eq!(retry_after_from_headers(&r), Some(Duration::from_secs(6)));
    // The retry policy waits those 6 s (it retried after 0.3 s before).
    let e = Error::from_response(&r);
    assert_eq!(e.retry_after(), Some(Duration::from_secs(6)));
    assert_eq!(retry::decide(&RetryPolicy::default(), true, 1, &e, 0.5), RetryDecision::Retry(Duration::from_secs(6)));
    // Across a day boundary, and capped by the policy like any server-requested delay.
    let r = resp(&[("Date", "Wed, 02 Dec 2026 23:59:50 GMT"), ("Retry-After", "Thu, 03 Dec 2026 00:00:20 GMT")]);
    assert_eq!(retry_after_from_headers(&r), Some(Duration::from_secs(30)));
    let r = resp(&[("Date", "Wed, 02 Dec 2026 08:00:00 GMT"), ("Retry-After", "Fri, 01 Jan 2027 00:00:00 GMT")]);
    let e = Error::from_response(&r);
    assert_eq!(
        retry::decide(&RetryPolicy::default(), true, 1, &e, 0.5),
        RetryDecision::Retry(Duration::from_secs(300))
    );
}

#[test]
fn past_dates_mean_now_and_unreadable_values_are_ignored() {
    let past = resp(&[("Date", "Wed, 02 Dec 2026 08:00:00 GMT"), ("Retry-After", "Wed, 02 Dec 2026 07:59:00 GMT")]);
    assert_eq!(retry_after_from_headers(&past), Some(Duration::ZERO));
    // Without a Date header a date cannot become a delay here: the policy's backoff applies.
    assert_eq!(retry_after_from_headers(&resp(&[("Retry-After", "Wed, 02 Dec 2026 08:00:06 GMT")])), None);
    for bad in ["soon", "-3", "Wed, 32 Dec 2026 08:00:06 GMT", "NaN", "inf", ""] {
        let r = resp(&[("Date", "Wed, 02 Dec 2026 08:00:00 GMT"), ("Retry-After", bad)]);
        assert_eq!(retry_after_from_headers(&r), None, "{bad:?}");
    }
}

#[test]
fn seconds_and_milliseconds_still_work_and_huge_values_do_not_panic() {
    assert_eq!(retry_after_from_headers(&resp(&[("Retry-After", "7")])), Some(Duration::from_secs(7)));
    assert_eq!(retry_after_from_headers(&resp(&[("Retry-After", "1.5")])), Some(Duration::from_millis(1500)));
    assert_eq!(retry_after_from_headers(&resp(&[("retry-after-ms", "250")])), Some(Duration::from_millis(250)));
    // A hostile value used to panic in Duration::from_secs_f64 (found by the fuzz harness).
    assert_eq!(retry_after_from_headers(&resp(&[("Retry-After", "1e300")])), Some(Duration::MAX));
}

/// Also seen in issue 11: a redirect error did not say where it pointed. Now it does (signature redacted).
#[test]
fn redirect_errors_name_their_target() {
    let r = HttpResponse::new(302, "")
        .with_header("Location", "https://login.example.com/signin?next=/x&sig=SECRETSIG&sv=1");
    let e = Error::from_response(&r);
    let text = e.to_string();
    assert!(text.contains("https://login.example.com/signin"), "{text}");
    assert!(text.contains("not followed"), "{text}");
    assert!(!text.contains("SECRETSIG"), "{text}");
}
