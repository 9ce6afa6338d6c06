"""The shared flow vectors (``tests/vectors/flows``, format in its README) through the installed package:
each vector's workflow is built from the options and request a Python client passes, then driven step by
step (``_native.Run``: the core's ``wire::Run``, every task answered here with the vector's clock): each
task is matched against the file and answered from it — ``list`` and ``stat`` from its files, ``read``
from the bytes' pattern — until the run ends in the vector's outcome."""

from __future__ import annotations

import hashlib
import json
import math
import urllib.parse
from collections import deque
from pathlib import Path
from typing import Any, Deque, Dict, List, Tuple

import pytest

import storesubmit
from storesubmit import _native

from conftest import REPO

FLOWS = REPO / "tests" / "vectors" / "flows"
CASES = sorted(FLOWS.glob("*.json"))
SECRET = "vector-client-secret"


def _request(workflow: Dict[str, Any]) -> Dict[str, Any]:
    """The vector's workflow as the request a Python client hands its session (the core's wire form)."""
    kind = workflow["kind"]
    if kind == "devcenter.submission":
        opts = workflow.get("options", {})
        return {"workflow": "submission", "target": workflow["target"], "spec": workflow.get("spec", {}),
                "stopAfter": opts.get("stop_after", "published"), "pending": opts.get("pending", "reuse")}
    if kind in ("win32.publish", "ingestion.publish"):
        return {"workflow": kind.split(".")[0], "productId": workflow["productId"], "spec": workflow.get("spec", {}),
                "stopAfter": workflow.get("stopAfter", "published")}
    assert kind == "resume", kind
    return {"workflow": "resume", "token": workflow["token"], "stopAfter": workflow.get("stopAfter", "published")}


def _pattern(offset: int, end: int) -> bytes:
    return bytes(i % 251 for i in range(offset, end))


def _redacted_form(body: bytes) -> Dict[str, str]:
    form = dict(urllib.parse.parse_qsl(body.decode(), keep_blank_values=True))
    if "client_secret" in form:
        form["client_secret"] = "<redacted>"
    return form


def _match_send(want: Dict[str, Any], task: Dict[str, Any], body: bytes, where: str) -> None:
    assert (task["method"], task["url"], task["purpose"]) == (want["method"], want["url"], want["purpose"]), where
    headers = {k.lower(): v for k, v in task["headers"]}
    for name, value in want.get("headers", {}).items():
        assert headers.get(name.lower()) == value, f"{where}: header {name}"
    exp = want.get("body", ...)
    if exp is ...:
        return
    if exp is None:
        assert body == b"", where
    elif "json" in exp:
        assert json.loads(body) == exp["json"], where
    elif "form" in exp:
        assert _redacted_form(body) == exp["form"], where
    elif "text" in exp:
        assert body.decode() == exp["text"], where
    else:
        assert (len(body), hashlib.sha256(body).hexdigest()) == (exp["length"], exp["sha256"]), where


def _answer(task: Dict[str, Any], answer: Dict[str, Any], files: Dict[str, int], now: int) -> Tuple[Dict[str, Any], bytes]:
    """A vector's answer as the completion (and bytes) the run takes."""
    kind, tid = answer["kind"], task["id"]
    if kind == "response":
        headers = list(answer.get("headers", {}).items())
        if "json" in answer:
            headers.append(("Content-Type", "application/json"))
            body = json.dumps(answer["json"], separators=(",", ":")).encode()
        else:
            body = answer.get("text", "").encode()
        return {"id": tid, "kind": "response", "status": answer["status"], "headers": headers}, body
    if kind == "failed":
        return {"id": tid, "kind": "failed", "error": {"code": answer["error"], "message": answer.get("message", "")}}, b""
    if kind == "files":
        return {"id": tid, "kind": "files", "files": [{"name": n, "size": s} for n, s in files.items()]}, b""
    if kind == "sizes":
        return {"id": tid, "kind": "sizes", "sizes": [files.get(n) for n in task["names"]]}, b""
    if kind == "token":
        return {"id": tid, "kind": "token", "token": answer["token"], "expiresOn": now + answer["expiresIn"]}, b""
    assert kind == "waited", kind
    return {"id": tid, "kind": "waited"}, b""


def test_the_flow_vectors_exist() -> None:
    names = {p.stem for p in CASES}
    assert {"app-publish", "create-503-adopts", "token-refresh-401", "resume-from-token"} <= names
    assert any(n.startswith("win32") for n in names) and any(n.startswith("ingestion") for n in names)


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_flow_vector(path: Path) -> None:
    v = json.loads(path.read_text())
    now: int = v["clock"]["start"]
    jitter: float = v["clock"]["jitter"]
    files: Dict[str, int] = v.get("files", {})
    secret = _native.Secret(SECRET) if v["credentials"] == "clientSecret" else None
    run = _native.Run(json.dumps(v["config"]), json.dumps(_request(v["workflow"])), secret, _native.TokenCache())
    exchanges = list(v["exchanges"])
    queue: Deque[Dict[str, Any]] = deque()
    stages: List[str] = []
    step = json.loads(run.step('{"kind": "start"}', b"", now, jitter))
    while True:
        stages += [e["stage"] for e in step["progress"] if e["kind"] == "stage"]
        if step["kind"] == "done":
            break
        queue.extend(step.get("tasks", []))
        task = queue.popleft()
        if task["kind"] == "read":
            data = _pattern(task["offset"], min(files[task["name"]], task["offset"] + task["length"]))
            step = json.loads(run.step(json.dumps({"id": task["id"], "kind": "data"}), data, now, jitter))
            continue
        where = f"{path.name}, exchange {len(v['exchanges']) - len(exchanges)}"
        assert exchanges, f"{where}: a {task['kind']} task after the last exchange"
        ex = exchanges.pop(0)
        want = ex["task"]
        assert want["kind"] == task["kind"], f"{where}: {task} where the vector has {want}"
        if task["kind"] == "send":
            _match_send(want, task, run.take_body(task["id"]), where)
        elif task["kind"] == "wait":
            assert math.isclose(task["seconds"], want["seconds"], abs_tol=0.001) and task["reason"] == want["reason"], where
        else:
            assert {k: task[k] for k in want if k != "kind"} == {k: want[k] for k in want if k != "kind"}, where
        now += int(ex.get("advance", 0)) + (max(1, math.floor(task["seconds"])) if task["kind"] == "wait" else 0)
        completion, data = _answer(task, ex["answer"], files, now)
        step = json.loads(run.step(json.dumps(completion), data, now, jitter))
    assert exchanges == [], f"{path.name}: exchanges left over"

    want = v["outcome"]
    if "ok" in want:
        assert "outcome" in step, f"{path.name}: {step.get('error')}"
        for key, value in want["ok"].items():
            assert step["outcome"].get(key) == value, f"{path.name}: outcome {key}"
    else:
        error = step["error"]
        exp = want["error"]
        assert error["code"] == exp["code"], f"{path.name}: {error}"
        assert "status" not in exp or error["status"] == exp["status"]
        for text in exp.get("messageContains", []):
            assert text in error["message"], f"{path.name}: {error}"
        if "resumeToken" in exp:
            assert run.resume_token() == exp["resumeToken"], path.name
        assert isinstance(storesubmit.error_class_for(error["code"])("m"), storesubmit.StoreSubmitError)
    if "progress" in want:
        assert stages == want["progress"], path.name
    shown = json.dumps(step)
    assert SECRET not in shown
    assert "sig=" not in shown.replace("sig=<redacted>", "").replace("sig=%3Credacted%3E", "")
