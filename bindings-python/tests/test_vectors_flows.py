"""The shared flow vectors (``tests/vectors/flows``, format in its README) through the installed package's
flow API: each vector's workflow is built from the same options and request a Python client passes, every
task the flow hands out is matched against the file and answered from it, and the run must end in the
vector's outcome. File tasks are answered by the binding itself (the core's ``LocalFiles`` over a folder
holding the vector's files), so a vector's ``stat`` exchanges are checked to come where the binding
answers them, not replayed."""

from __future__ import annotations

import hashlib
import json
import math
import tempfile
import urllib.parse
from pathlib import Path
from typing import Any, Dict, List, Optional

import pytest

import storesubmit
from storesubmit import _native

from conftest import REPO

FLOWS = REPO / "tests" / "vectors" / "flows"
CASES = sorted(FLOWS.glob("*.json"))
SECRET = "vector-client-secret"


def _request(workflow: Dict[str, Any]) -> Dict[str, Any]:
    """The vector's workflow as the request a Python client builds (the core's wire form)."""
    kind = workflow["kind"]
    if kind == "devcenter.submission":
        opts = workflow.get("options", {})
        return {
            "workflow": "submission",
            "target": workflow["target"],
            "spec": workflow.get("spec", {}),
            "stopAfter": opts.get("stop_after", "published"),
            "pending": opts.get("pending", "reuse"),
        }
    if kind in ("win32.publish", "ingestion.publish"):
        return {
            "workflow": kind.split(".")[0],
            "productId": workflow["productId"],
            "spec": workflow.get("spec", {}),
            "stopAfter": workflow.get("stopAfter", "published"),
        }
    assert kind == "resume", kind
    return {"workflow": "resume", "token": workflow["token"], "stopAfter": workflow.get("stopAfter", "published")}


def _lay_out(files: Dict[str, int]) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="storesubmit-flow-vector-"))
    for name, size in files.items():
        target = folder.joinpath(*[p for p in name.replace("\\", "/").split("/") if p])
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(bytes(i % 251 for i in range(size)))
    return folder


def _redacted_form(body: bytes) -> Dict[str, str]:
    form = dict(urllib.parse.parse_qsl(body.decode(), keep_blank_values=True))
    if "client_secret" in form:
        form["client_secret"] = "<redacted>"
    return form


def _match_send(want: Dict[str, Any], req: _native.Request, where: str) -> None:
    assert req.method == want["method"], where
    assert req.url == want["url"], where
    for name, value in want.get("headers", {}).items():
        assert req.header(name) == value, f"{where}: header {name}"
    if "body" not in want:
        return
    body, exp = req.body, want["body"]
    if exp is None:
        assert body == b"", where
    elif "json" in exp:
        assert json.loads(body) == exp["json"], where
    elif "form" in exp:
        assert _redacted_form(body) == exp["form"], where
    elif "text" in exp:
        assert body.decode() == exp["text"], where
    else:
        assert len(body) == exp["length"], where
        assert hashlib.sha256(body).hexdigest() == exp["sha256"], where


def _response(answer: Dict[str, Any]) -> _native.Response:
    headers: List[Any] = list(answer.get("headers", {}).items())
    if "json" in answer:
        headers.append(("Content-Type", "application/json"))
        return _native.Response(answer["status"], headers, json.dumps(answer["json"], separators=(",", ":")))
    return _native.Response(answer["status"], headers, answer.get("text"))


def test_the_flow_vectors_exist() -> None:
    names = {p.stem for p in CASES}
    assert {"app-publish", "create-503-adopts", "token-refresh-401", "resume-from-token"} <= names
    assert any(n.startswith("win32") for n in names) and any(n.startswith("ingestion") for n in names)


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_flow_vector(path: Path) -> None:
    v = json.loads(path.read_text())
    now: int = v["clock"]["start"]
    jitter: float = v["clock"]["jitter"]
    secret = _native.Secret(SECRET) if v["credentials"] == "clientSecret" else None
    flow = _native.Flow(v["config"], _request(v["workflow"]), secret)
    exchanges = list(v["exchanges"])
    folder = _lay_out(v.get("files", {}))
    stages: List[str] = []
    outcome: Optional[Dict[str, Any]] = None
    error: Optional[storesubmit.StoreSubmitError] = None

    def take(kind: str) -> Dict[str, Any]:
        # the binding answers `stat` itself, from the folder: such exchanges are passed over here
        while exchanges and exchanges[0]["task"]["kind"] == "stat" and kind != "stat":
            exchanges.pop(0)
        assert exchanges, f"{path.name}: a {kind} task after the last exchange"
        ex = exchanges.pop(0)
        assert ex["task"]["kind"] == kind, f"{path.name}: {kind} task where the vector has {ex['task']}"
        return ex

    try:
        step = flow.start(now, jitter, _native.TokenCache(), str(folder))
        while True:
            stages += [e["stage"] for e in flow.take_progress() if e.get("kind") == "stage"]
            where = f"{path.name}, exchange {len(v['exchanges']) - len(exchanges)}"
            if step.kind == "done":
                outcome = dict(step.outcome)
                break
            ex = take(step.kind)
            task, answer = ex["task"], ex["answer"]
            now += int(ex.get("advance", 0))
            if step.kind == "send":
                _match_send(task, step.request, where)
                if answer["kind"] == "failed":
                    step = flow.failed(answer["error"], answer.get("message", ""), None, None, now, jitter)
                else:
                    step = flow.respond(_response(answer), now, jitter)
            elif step.kind == "wait":
                assert math.isclose(step.seconds, task["seconds"], abs_tol=0.001), where
                now += max(1, math.floor(step.seconds))
                step = flow.waited(now, jitter)
            else:
                assert step.scope == task["scope"], where
                step = flow.token(answer["token"], now + answer["expiresIn"], now, jitter)
    except storesubmit.StoreSubmitError as e:
        error = e
        stages += [e["stage"] for e in flow.take_progress() if e.get("kind") == "stage"]
    assert [e for e in exchanges if e["task"]["kind"] != "stat"] == [], f"{path.name}: exchanges left over"

    want = v["outcome"]
    if "ok" in want:
        assert error is None, f"{path.name}: {error!r}"
        assert outcome is not None
        for key, value in want["ok"].items():
            got = outcome.get(key)
            if key == "resume" and isinstance(got, str):
                got = json.loads(got)
            assert got == value, f"{path.name}: outcome {key}"
    else:
        assert error is not None, f"{path.name}: finished with {outcome}"
        exp = want["error"]
        assert error.code == exp["code"], f"{path.name}: {error!r}"
        if "status" in exp:
            assert error.status == exp["status"]
        for text in exp.get("messageContains", []):
            assert text in str(error), f"{path.name}: {error}"
        if "resume" in exp:
            token = flow.resume_token()
            assert (json.loads(token) if token else None) == exp["resume"], path.name
    if "progress" in want:
        assert stages == want["progress"], path.name
    shown = json.dumps(outcome, default=str) + repr(error)
    assert SECRET not in shown
    assert "sig=" not in shown.replace("sig=<redacted>", "").replace("sig=%3Credacted%3E", "")
