"""The shared response vectors (``tests/vectors/responses``, format in its README) through the installed
package: the same cases the Rust suite runs. Each service answer goes through the parser of its
operation's family and must give the same typed exception (class, code, status, retryable, retry-after,
correlation id, server items) or succeed."""

from __future__ import annotations

from typing import Any, Dict

import pytest

import storesubmit

from _vectors import check_error, load_cases, response_of

CASES = load_cases("responses")


def _parse(op: str, resp: storesubmit.Response) -> None:
    storesubmit.parse_response(resp, op)


def test_vectors_exist_and_cover_every_family() -> None:
    assert len(CASES) >= 60
    assert {c["op"].split(".")[0] for _, c in CASES} == {"devcenter", "win32", "ingestion", "token"}


@pytest.mark.parametrize("name,case", CASES, ids=[n for n, _ in CASES])
def test_response_vector(name: str, case: Dict[str, Any]) -> None:
    resp = response_of(case["response"])
    exp = case["expect"]
    if exp.get("ok"):
        _parse(case["op"], resp)
        return
    with pytest.raises(storesubmit.StoreSubmitError) as info:
        _parse(case["op"], resp)
    check_error(info.value, exp)
