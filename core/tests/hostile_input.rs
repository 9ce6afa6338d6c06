//! Hostile input to the readers and validators: each case states its bound (time, memory, size) and
//! expects a clear typed error (or a clean answer), never a hang, a crash or unbounded memory.
//!
//! Time bounds are generous multiples of what a 2-core CI machine takes (the work is linear), so a
//! regression to quadratic behaviour fails them by orders of magnitude, not by noise.

use std::time::{Duration, Instant};

use storesubmit::validate::lenient_json;

/// Runs `f` and fails when it takes longer than `bound`.
fn within<T>(bound: Duration, what: &str, f: impl FnOnce() -> T) -> T {
    let t = Instant::now();
    let out = f();
    let took = t.elapsed();
    assert!(took <= bound, "{what}: took {took:?}, bound {bound:?}");
    out
}

fn nested(depth: usize) -> String {
    // `[[[1,],],]`: every level ends in a trailing comma (issue 11, defect 3).
    let mut s = "[".repeat(depth);
    s.push('1');
    s.push_str(&",]".repeat(depth));
    s
}

/// Defect 3: 10,000 nested levels with trailing commas (30 KB) took 6 s and 138 MB; bound 1 s, typed error.
#[test]
fn lenient_json_deep_trailing_commas_fail_fast_and_typed() {
    for depth in [10_000usize, 100_000] {
        let text = nested(depth);
        let e = within(Duration::from_secs(1), "deeply nested", || lenient_json::parse(&text)).unwrap_err();
        assert_eq!(e.code(), "validation");
        assert_eq!(e.issues()[0].code, "json.too_deep", "{depth}");
        assert!(e.issues()[0].message.contains("128"), "{}", e.issues()[0].message);
    }
    // Just under the limit still parses, warnings and all.
    let (v, issues) = lenient_json::parse(&nested(100)).unwrap();
    assert!(v.is_array());
    assert_eq!(issues.len(), 100);
}

/// Defect 3, wide form: 200,000 trailing commas on one line (1.4 MB) each computed their column from the
/// start of the text (quadratic). Bound: 2 s; warnings capped at 1,000 plus one summary.
#[test]
fn lenient_json_many_trailing_commas_on_one_line_is_linear() {
    let mut text = String::from("[");
    for _ in 0..200_000 {
        text.push_str("[1,],");
    }
    text.push_str("[1]]");
    let (v, issues) = within(Duration::from_secs(2), "wide", || lenient_json::parse(&text)).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 200_001);
    assert_eq!(issues.len(), 1_001);
    assert!(issues.last().unwrap().message.starts_with("199000 more"), "{}", issues.last().unwrap().message);
    assert_eq!(
        issues[999].message,
        "line 1, column 4999: trailing comma before `]` ends the array, which JSON forbids; accepted"
    );
}

/// Strict JSON nested 100,000 deep (the strict reader is serde_json, as used for responses): a typed
/// error within 1 s, whichever reader.
#[test]
fn strict_json_nested_100000_deep_is_a_typed_error() {
    let text = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let e = within(Duration::from_secs(1), "strict deep", || lenient_json::parse(&text)).unwrap_err();
    assert_eq!(e.issues()[0].code, "json.too_deep");
    let r: Result<serde_json::Value, _> = serde_json::from_str(&text);
    assert!(r.unwrap_err().to_string().contains("recursion limit"));
}
