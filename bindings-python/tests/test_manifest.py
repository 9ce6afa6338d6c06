"""The core's manifest (``surface/manifest.json``) agrees with the installed package: the route
table, the error catalogue (codes, numbers, classes) and the issue catalogue."""

from __future__ import annotations

import json
from typing import Any, Dict

import pytest

import storesubmit
from storesubmit import _errors

from conftest import REPO


@pytest.fixture(scope="module")
def manifest() -> Dict[str, Any]:
    data: Dict[str, Any] = json.loads((REPO / "surface/manifest.json").read_text(encoding="utf-8"))
    return data


def test_operations_are_the_wheels(manifest: Dict[str, Any]) -> None:
    keys = ("id", "family", "method", "path", "query", "body", "summary")
    assert [{k: op[k] for k in keys} for op in manifest["operations"]] == storesubmit.operations()
    names = {m["name"] for m in manifest["models"]}
    for op in manifest["operations"]:
        for key in ("bodyModel", "resultModel"):
            assert op[key] is None or op[key] in names, (op["id"], key)


def test_errors_match_the_catalogue_and_the_classes(manifest: Dict[str, Any]) -> None:
    native = {c["code"]: c for c in storesubmit.all_error_codes()}
    assert {e["code"] for e in manifest["errors"]} == set(native)
    for e in manifest["errors"]:
        assert native[e["code"]]["number"] == e["number"]
        assert native[e["code"]]["retryable"] == e["retryable"]
        cls = storesubmit.error_class_for(e["code"])
        assert (cls.code, cls.number) == (e["code"], e["number"])
    assert len({e["number"] for e in manifest["errors"]}) == len(manifest["errors"])
    assert set(_errors._CLASSES) == set(native)


def test_issues_match_the_catalogue(manifest: Dict[str, Any]) -> None:
    native = sorted((c["code"], c["severity"], c["description"]) for c in storesubmit.all_issue_codes())
    assert sorted((i["code"], i["severity"], i["description"]) for i in manifest["issues"]) == native
