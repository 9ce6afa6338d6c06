"""The shared blob vectors (``tests/vectors/blob``, format in its README) through the installed package:
checksums, block ids, the block blob requests, block lists, SAS URLs and blob errors, the same cases the
Rust suite runs. The blob functions are internal to uploads, so each case goes through the extension's
one entry point (``call("blobVector", …)``); its answer must equal the case, and a typed failure must map
to the exception the case expects. Failure messages never print a case (the ``sig`` values are fake, but
are treated as secrets)."""

from __future__ import annotations

from typing import Any, Dict

import pytest

from storesubmit import _errors
from storesubmit._host import call

from _vectors import check_error, load_cases

ALL = load_cases("blob")
FILES = ("checksums", "block-ids", "requests", "block-lists", "sas", "errors")


def test_every_file_has_cases() -> None:
    for f in FILES:
        assert sum(n.startswith(f + ".json:") for n, _ in ALL) >= 4, f


@pytest.mark.parametrize("name,case", ALL, ids=[n for n, _ in ALL])
def test_blob_vector(name: str, case: Dict[str, Any]) -> None:
    answer = call("blobVector", {"file": name.split(".json:")[0], "case": case})
    assert answer, "an empty answer"
    for key, value in answer.items():
        if key == "failure":
            check_error(_errors._from_info(value), case["expect"])
        else:
            assert value == case[key], f"{key} differs"
