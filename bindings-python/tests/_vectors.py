"""Helpers shared by the Python runners of ``tests/vectors/responses`` and ``tests/vectors/blob``: reading a
folder's cases, building a case's response, and comparing an exception with a case's ``expect`` (the keys
of ``tests/vectors/responses/README.md``)."""

from __future__ import annotations

import json
from typing import Any, Dict, List, Tuple

import storesubmit

from conftest import REPO


def load_cases(folder: str) -> List[Tuple[str, Dict[str, Any]]]:
    """``(file:case name, case)`` of every ``*.json`` file of ``tests/vectors/<folder>``."""
    out = []
    for path in sorted((REPO / "tests/vectors" / folder).glob("*.json")):
        for case in json.loads(path.read_text(encoding="utf-8"))["cases"]:
            out.append((f"{path.name}:{case['name']}", case))
    return out


def response_of(r: Dict[str, Any]) -> storesubmit.Response:
    """A case's ``response`` (``status``, ``headers`` as an object or pairs, ``json`` / ``text`` body)."""
    headers = r.get("headers") or {}
    pairs = list(headers.items()) if isinstance(headers, dict) else [tuple(p) for p in headers]
    if "json" in r:
        body: bytes = json.dumps(r["json"], separators=(",", ":"), ensure_ascii=False).encode()
    else:
        body = str(r.get("text", "")).encode()
    return storesubmit.Response(r["status"], pairs, body)


def check_error(e: storesubmit.StoreSubmitError, exp: Dict[str, Any]) -> None:
    """Asserts that an exception is what ``expect`` says (only the keys present are checked)."""
    assert e.code == exp["error"], (e.code, exp["error"], e.message)
    assert isinstance(e, storesubmit.error_class_for(exp["error"])), type(e)
    if "status" in exp:
        assert e.status == exp["status"]
    if "retryable" in exp:
        assert e.retryable is exp["retryable"]
    if "retryAfterMs" in exp:
        want = exp["retryAfterMs"]
        assert (None if e.retry_after is None else round(e.retry_after * 1000)) == want
    if "correlationId" in exp:
        assert e.correlation_id == exp["correlationId"]
    if "serverErrors" in exp:
        got = [{k: v for k, v in item.items() if not (k == "target" and v is None)} for item in e.server_errors]
        assert got == exp["serverErrors"]
    for text in exp.get("messageContains", []):
        assert text in e.message
    for secret in exp.get("secretsAbsent", []):
        assert secret not in f"{e} {e!r} {e.server_errors}", "a secret shows in the error"
