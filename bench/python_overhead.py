"""Per-call overhead of the Python binding: building a request and parsing a response through the wheel,
against the same calls in Rust (``bench/src/bin/build_parse.rs``).

Run from the repository root with a *release* wheel installed (``maturin build --release``)::

    python bench/python_overhead.py [calls]

It runs the Rust baseline (``cargo run --release -p storesubmit-bench --bin build_parse``), times the same
three calls from Python (best of 5 rounds), and prints a Markdown table: Rust ns/call, Python ns/call, and
the difference (the binding's cost: argument conversion dict → JSON, the call, JSON → dict).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Callable, Dict

import storesubmit

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "core/tests/fixtures/devcenter"


def best_ns(fn: Callable[[], Any], calls: int) -> float:
    for _ in range(calls // 10):
        fn()
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter_ns()
        for _ in range(calls):
            fn()
        best = min(best, (time.perf_counter_ns() - start) / calls)
    return best


def main() -> None:
    calls = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    rust: Dict[str, float] = {}
    out = subprocess.run(
        ["cargo", "run", "--quiet", "--release", "-p", "storesubmit-bench", "--bin", "build_parse", "--", str(calls)],
        cwd=ROOT, check=True, capture_output=True, text=True,
    ).stdout
    for line in out.splitlines():
        row = json.loads(line)
        rust[row["what"]] = row["ns_per_call"]

    body = json.loads((FIXTURES / "app_submission_update_request.json").read_text())
    args = {"applicationId": "9NBLGGH4R315", "submissionId": "1152921504621243610", "body": body}
    small = {"applicationId": "9NBLGGH4R315"}
    raw = (FIXTURES / "app_submission_get_response.json").read_bytes()
    resp = storesubmit.Response(200, [("Content-Type", "application/json")], raw)
    py = {
        "build get_app": best_ns(lambda: storesubmit.build_request("devcenter.get_app", small), calls),
        "build update_app_submission": best_ns(lambda: storesubmit.build_request("devcenter.update_app_submission", args), calls),
        "parse app submission": best_ns(lambda: storesubmit.parse_response(resp), calls),
    }
    print(f"request body {len(json.dumps(body))} bytes, response body {len(raw)} bytes, {calls} calls x 5 rounds (best)")
    print("| call | Rust | Python | overhead |")
    print("| --- | --- | --- | --- |")
    for what, ns in py.items():
        r = rust[what]
        print(f"| {what} | {r / 1000:.2f} µs | {ns / 1000:.2f} µs | +{(ns - r) / 1000:.2f} µs ({ns / r:.1f}×) |")


if __name__ == "__main__":
    main()
