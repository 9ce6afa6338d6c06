"""The behaviour vectors (``tests/vectors/behaviour/scenarios.json``, format in its README) on the Python
surface, sync and asyncio: each scenario against a fresh emulator through the generated facade method its
request names, cancelled the surface's own way (Ctrl-C, a SIGINT to this process, for the sync client;
``task.cancel()`` for the asyncio one), then resumed or run again; what the service saw is checked from
the emulator's request log, and no secret it issued may show in an error. And every validation case
through ``storesubmit.validate``."""

from __future__ import annotations

import asyncio
import inspect
import json
import os
import re
import signal
import time
import urllib.request
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional

import pytest

import storesubmit
import storesubmit.emulator

from conftest import REPO

VECTORS = json.loads((REPO / "tests/vectors/behaviour/scenarios.json").read_text(encoding="utf-8"))
SCENARIOS = {s["name"]: s for s in VECTORS["scenarios"]}


def admin(emu: Any, method: str, path: str, body: Any = None) -> Any:
    """A call of the emulator's admin API (no proxy: it is on loopback)."""
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(f"{emu.admin_url}/{path}", data=data, method=method, headers={"Content-Type": "application/json"})
    with urllib.request.build_opener(urllib.request.ProxyHandler({})).open(req, timeout=30) as r:
        text = r.read()
    return json.loads(text) if text else None


def fill(value: Any, emu: Any) -> Any:
    text = json.dumps(value)
    for key in ("appId", "addonId", "flightId"):
        text = text.replace("{" + key + "}", getattr(emu, re.sub(r"([A-Z])", r"_\1", key).lower()))
    return json.loads(text)


def file_bytes(name: str, size: int) -> bytes:
    """A vector file's bytes: byte ``i`` is ``i % 251``, the start overwritten by the ``fileHeaders`` entry of
    the name's extension (a real PNG header for a ``.png``, which the media rules read)."""
    body = bytearray(i % 251 for i in range(size))
    for ext, hex_head in VECTORS.get("fileHeaders", {}).items():
        if name.lower().endswith(ext):
            head = bytes.fromhex(hex_head)[:size]
            body[: len(head)] = head
    return bytes(body)


def lay_out(folder: Path, files: Dict[str, int]) -> Path:
    for name, size in files.items():
        path = folder.joinpath(*name.replace("\\", "/").split("/"))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(file_bytes(name, size))
    return folder


def method_of(client: Any, request: Dict[str, Any]) -> Callable[..., Any]:
    """The facade method a request names, taking the request's parameters and the host's it has as keywords."""
    method = getattr(client, re.sub(r"([A-Z])", r"_\1", request["workflow"]).lower())
    params = {re.sub(r"([A-Z])", r"_\1", k).lower(): v for k, v in request.items() if k != "workflow"}
    takes = inspect.signature(method).parameters
    return lambda **host: method(**params, **{k: v for k, v in host.items() if k in takes})


def matches(event: Dict[str, Any], want: Optional[Dict[str, Any]]) -> bool:
    return want is not None and all(event.get(k) == v for k, v in want.items())


def run_sync(client: Any, request: Dict[str, Any], files: Path, cancel_on: Optional[Dict[str, Any]]) -> Any:
    """Runs a request with the sync client; Ctrl-C (SIGINT to this process) at the first matching event."""

    def on_progress(event: Any) -> None:
        if matches(event, cancel_on):
            os.kill(os.getpid(), signal.SIGINT)

    try:
        return method_of(client, request)(files=files, on_progress=on_progress)
    except storesubmit.StoreSubmitError as e:
        return e


def run_async(client: Any, request: Dict[str, Any], files: Path, cancel_on: Optional[Dict[str, Any]]) -> Any:
    """Runs a request with the asyncio client in a task; ``task.cancel()`` at the first matching event."""

    async def main() -> Any:
        task: "asyncio.Task[Any]"

        def on_progress(event: Any) -> None:
            if matches(event, cancel_on):
                task.cancel()

        task = asyncio.ensure_future(method_of(client, request)(files=files, on_progress=on_progress))
        try:
            return await task
        except storesubmit.StoreSubmitError as e:
            return e

    return asyncio.run(main())


@pytest.mark.parametrize("mode", ["sync", "asyncio"])
@pytest.mark.parametrize("name", list(SCENARIOS))
def test_scenario(name: str, mode: str, tmp_path: Path) -> None:
    s = SCENARIOS[name]
    with storesubmit.emulator.start(fast=False) as emu:
        admin(emu, "PATCH", "settings", VECTORS["emulatorSettings"])
        for rule in s.get("faults", []):
            admin(emu, "POST", "faults", rule)
        admin(emu, "DELETE", "requests")
        opts = {k: VECTORS["clientOptions"].get(k) for k in ("poll", "upload")}
        opts.update(s.get("clientOptions", {}))
        client = emu.async_client(**opts) if mode == "asyncio" else emu.client(**opts)
        run = run_async if mode == "asyncio" else run_sync
        files, request = lay_out(tmp_path, s["files"]), fill(s["request"], emu)
        started = time.monotonic()
        first = run(client, request, files, s.get("cancelOn"))
        expect = s["expect"]
        took = time.monotonic() - started
        assert took <= expect.get("withinSeconds", took), f"{name}: the run took {took:.1f} s"
        if "error" not in expect:
            assert not isinstance(first, Exception), f"{name}: {first}"
            assert {k: first[k] for k in expect["outcome"]} == expect["outcome"]
        else:
            assert isinstance(first, storesubmit.error_class_for(expect["error"])), f"{name}: {first!r}"
            assert first.resume_token or not expect.get("resumeToken"), f"{name}: no resume token in {first!r}"
            codes = {i["code"] for i in first.issues}
            assert set(expect.get("issues", [])) <= codes, f"{name}: {codes}"
        if "then" in s:
            assert s["then"] == "resumeOrRerun" or first.resume_token, name
            again = {"workflow": "resume", "token": first.resume_token} if first.resume_token else request
            last = run(client, again, files, None)
            assert not isinstance(last, Exception), f"{name}: the {s['then']} failed: {last}"
            assert {k: last[k] for k in s["final"]} == s["final"], name
        if s.get("secretsAbsent"):
            shown = f"{first} {first!r} {json.dumps(first.info)} {first.server_errors!r}"
            assert not [v for v in admin(emu, "GET", "issued") if v in shown], f"{name}: a secret in {shown}"
        log: List[Dict[str, Any]] = [r for r in admin(emu, "GET", "requests") if "_emulator" not in r["path"]]
        service = s.get("service", {})
        if "requests" in service:
            assert len(log) == service["requests"], f"{name}: {log}"
        for op, n in service.get("ops", {}).items():
            ok = [r for r in log if r.get("op") == op and 200 <= r["status"] < 300]
            assert len(ok) == n, f"{name}: {op} answered 2xx {len(ok)} time(s)"


@pytest.mark.parametrize("case", VECTORS["validate"], ids=[c["name"] for c in VECTORS["validate"]])
def test_validation_case(case: Dict[str, Any]) -> None:
    report = storesubmit.validate(case["document"], kind=case.get("kind"), files=case.get("files"), change=case.get("change", False))
    assert (report["valid"], report["kind"]) == (case["expect"]["valid"], case["expect"]["kind"]), report
    assert set(case["expect"].get("issues", [])) <= {i["code"] for i in report["issues"]}, report
