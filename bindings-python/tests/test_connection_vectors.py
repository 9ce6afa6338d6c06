"""``tests/vectors/connection/precedence.json`` through ``storesubmit.resolve_connection`` (the core's call
``resolveConnection``): every row's values, sources and errors, and no client secret outside the answer's ``clientSecret``."""

from __future__ import annotations

import json
from typing import Any, Dict, List, Tuple

import pytest

import storesubmit

from conftest import REPO


def rows() -> List[Tuple[str, Dict[str, Any]]]:
    doc = json.loads((REPO / "tests/vectors/connection/precedence.json").read_text(encoding="utf-8"))
    return [(r["name"], r) for r in doc["rows"]]


def args_of(row: Dict[str, Any]) -> Dict[str, Any]:
    """The row as the call's arguments (only the row's environment, never the process's)."""
    args: Dict[str, Any] = {"env": row.get("env", {})}
    for key, name in (("explicit", "explicit"), ("credentialNames", "credential_names")):
        if key in row:
            args[name] = row[key]
    text = row.get("configText")
    if text is None and "config" in row:
        text = json.dumps(row["config"])
    if text is not None:
        args["config_text"] = text
        args["config_name"] = row.get("configName", "config.json")
    return args


def no_secret(row: Dict[str, Any], text: str) -> None:
    for s in row["secrets"]:
        assert s not in text, f"{row['name']}: a secret in {text}"


@pytest.mark.parametrize("name,row", rows(), ids=[n for n, _ in rows()])
def test_connection_precedence(name: str, row: Dict[str, Any]) -> None:
    exp = row["expect"]
    if "error" in exp:
        with pytest.raises(storesubmit.StoreSubmitError) as info:
            storesubmit.resolve_connection(**args_of(row))
        e = info.value
        assert e.code == exp["error"], e.message
        for m in exp["mentions"]:
            assert m in e.message, (m, e.message)
        for k in exp.get("missing", []):
            assert f"pass {k}" in e.message, (k, e.message)
        for a in exp.get("absent", []):
            assert a not in e.message, (a, e.message)
        no_secret(row, f"{e.message} {e!r} {e!s}")
        return
    got = storesubmit.resolve_connection(**args_of(row))
    for key, e in exp.items():
        value = got["clientSecret"] if key == "clientSecret" else got["values"][key]
        assert value == e["value"], key
        if e["from"] is None:
            assert got["sources"][key] is None, key
            continue
        assert got["sources"][key]["from"] == e["from"], key
        if "name" in e:
            assert got["sources"][key]["name"] == e["name"], key
    shown = {k: v for k, v in got.items() if k != "clientSecret"}
    no_secret(row, json.dumps(shown))
