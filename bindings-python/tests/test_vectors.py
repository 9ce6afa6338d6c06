"""The shared vectors (``tests/vectors/requests``, ``tests/vectors/validation``) through the installed
package: the same cases the Rust, Node, browser and .NET suites run."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path
from typing import Any, Dict, List, Set, Tuple

import pytest

import storesubmit

from conftest import REPO


def _request_cases() -> List[Tuple[str, Dict[str, Any], Dict[str, Any]]]:
    out = []
    for path in sorted((REPO / "tests/vectors/requests").glob("*.json")):
        data = json.loads(path.read_text())
        for case in data["cases"]:
            out.append((f"{path.name}:{case['name']}", data.get("endpoints") or {}, case))
    return out


def _validation_cases() -> List[Tuple[str, Path, Dict[str, Any]]]:
    out = []
    for path in sorted((REPO / "tests/vectors/validation").glob("*.json")):
        for case in json.loads(path.read_text())["cases"]:
            out.append((f"{path.name}:{case['name']}", path, case))
    return out


REQUEST_CASES = _request_cases()
VALIDATION_CASES = _validation_cases()


def test_vectors_exist_and_cover_every_operation() -> None:
    assert len(REQUEST_CASES) > 100
    covered = {c["op"] for _, _, c in REQUEST_CASES if "expect" in c}
    ops = {o["id"] for o in storesubmit.operations()}
    assert ops - covered == set()
    assert len(VALIDATION_CASES) >= 150


@pytest.mark.parametrize("name,endpoints,case", REQUEST_CASES, ids=[c[0] for c in REQUEST_CASES])
def test_request_vector(name: str, endpoints: Dict[str, str], case: Dict[str, Any]) -> None:
    args = case.get("args")
    if "error" in case:
        with pytest.raises(storesubmit.StoreSubmitError) as info:
            storesubmit.build_request(case["op"], args, endpoints or None)
        assert info.value.code == case["error"]
        assert isinstance(info.value, storesubmit.error_class_for(case["error"]))
        return
    req = storesubmit.build_request(case["op"], args, endpoints or None)
    exp = case["expect"]
    assert req.method == exp["method"]
    assert req.url == exp["url"]
    want = {k.lower(): v for k, v in exp["headers"].items()}
    got = {k.lower(): v for k, v in req.headers}
    assert len(req.headers) == len(want)
    assert got == want
    if "json" in exp:
        assert json.loads(req.body) == exp["json"]
        assert req.json() == exp["json"]
    elif "form" in exp:
        assert req.body.decode() == exp["form"]
    else:
        assert req.body == b""


@pytest.mark.parametrize("name,path,case", VALIDATION_CASES, ids=[c[0] for c in VALIDATION_CASES])
def test_validation_vector(name: str, path: Path, case: Dict[str, Any]) -> None:
    issues: List[Dict[str, Any]] = []
    text = None
    if "doc_file" in case:
        text = (path.parent / case["doc_file"]).read_text()
    elif "doc_text" in case:
        text = case["doc_text"]
    if text is not None:
        try:
            parsed = storesubmit.parse_json(text)
        except storesubmit.ValidationError as err:
            got = {(i["code"], i["path"]) for i in err.issues}
            assert got == {(e["code"], e["path"]) for e in case["expect"]}
            return
        doc = parsed["document"]
        issues.extend(parsed["issues"])
    else:  # a string document travels as its JSON text (a string is read as text)
        doc = json.dumps(case["doc"]) if isinstance(case["doc"], str) else case["doc"]
    files: Any = case.get("files")
    scratch = Path(tempfile.mkdtemp(prefix="storesubmit-vector-"))
    try:
        _check_vector(case, doc, files, scratch, issues)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _check_vector(case: Dict[str, Any], doc: Any, files: Any, scratch: Path, issues: List[Dict[str, Any]]) -> None:
    if case.get("folderMissing"):
        # the files were to come from a folder that does not exist
        files = scratch / case["folderMissing"]
    elif case.get("emptyFiles") or case.get("fileBytes") or case.get("fileSizes"):
        # a folder knows sizes and first bytes: lay the files out (the empty ones with 0 bytes, the media
        # ones with their first bytes, each as long as fileSizes says: sparse)
        folder = scratch
        heads: Dict[str, str] = case.get("fileBytes") or {}
        sizes: Dict[str, int] = case.get("fileSizes") or {}
        for name in files:
            target = folder.joinpath(*[p for p in name.replace("\\", "/").split("/") if p])
            target.parent.mkdir(parents=True, exist_ok=True)
            body = b"" if name in case.get("emptyFiles", []) else bytes.fromhex(heads[name]) if name in heads else b"x"
            with open(target, "wb") as f:
                f.write(body)
                if name in sizes:
                    f.truncate(sizes[name])
        files = folder
    issues.extend(storesubmit.validate(doc, kind=case["kind"], files=files)["issues"])
    got: Set[Tuple[str, str]] = {(i["code"], i["path"]) for i in issues}
    assert got == {(e["code"], e["path"]) for e in case["expect"]}
    severities = {c["code"]: c["severity"] for c in storesubmit.all_issue_codes()}
    for i in issues:
        assert i["message"], i
        assert i["severity"] == severities[i["code"]]


def test_every_issue_code_has_a_vector() -> None:
    covered = {e["code"] for _, _, c in VALIDATION_CASES for e in c["expect"]}
    # codes about a project file or an import, not a document kind, are produced by the core's own tests
    codes = {c["code"] for c in storesubmit.all_issue_codes() if c["subject"] == "document"}
    assert codes - covered == set()
