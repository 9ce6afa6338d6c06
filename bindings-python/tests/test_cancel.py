"""Cancelling keeps the submission (issue 23): Ctrl-C during a sync publish (a SIGINT to a child process)
and ``task.cancel()`` during an asyncio one raise ``OperationCancelledError`` with a resume token, after a
``resumable`` event; resuming publishes the same submission (one create, one commit, no ``ConflictError``).
And ``wait_for_submission`` follows a submission committed elsewhere."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict, List

import storesubmit
import storesubmit.aio

from test_behaviour import admin

CHANGES = {"applicationPackages": [{"fileName": "app.msixupload"}]}

CHILD = r"""
import json, sys, storesubmit
emu = json.loads(sys.argv[1])
cred = storesubmit.ClientSecretCredential(emu["tenant_id"], emu["client_id"], emu["client_secret"], authority=emu["token_url"])
client = storesubmit.Client(cred, endpoints={k: emu[k + "_url"] for k in ("devcenter", "win32", "ingestion", "token")},
                            poll={"initial": 0.05, "max": 0.2})
events = []
def on_progress(e):
    events.append(e)
    print(json.dumps({"event": e}), flush=True)
try:
    client.publish_app_submission(emu["app_id"], {"applicationPackages": [{"fileName": "app.msixupload"}]},
                                  files=sys.argv[2], on_progress=on_progress)
    print(json.dumps({"done": "published"}), flush=True)
except storesubmit.OperationCancelledError as e:
    resumable = [x["resume_token"] for x in events if x["kind"] == "resumable"]
    print(json.dumps({"error": e.code, "token": e.resume_token, "resumable": resumable}), flush=True)
"""


def release(tmp_path: Path, size: int = 200_000) -> Path:
    (tmp_path / "app.msixupload").write_bytes(os.urandom(size))
    return tmp_path


def ops(emu: Any, op: str) -> int:
    return sum(1 for r in admin(emu, "GET", "requests") if r.get("op") == op and 200 <= r["status"] < 300)


def test_ctrl_c_during_a_sync_publish_gives_a_resume_token_that_asyncio_resumes(emu: Any, tmp_path: Path) -> None:
    emu.add_fault({"op": "devcenter.commit_app_submission", "delay_ms": 1500, "times": 1})
    child = subprocess.Popen([sys.executable, "-c", CHILD, json.dumps(emu.info), str(release(tmp_path))],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert child.stdout is not None
    last: Dict[str, Any] = {}
    for line in child.stdout:
        last = json.loads(line)
        if last.get("event", {}).get("stage") == "commit":
            child.send_signal(signal.SIGINT)  # Ctrl-C
    assert child.wait(timeout=60) == 0, child.stderr.read() if child.stderr else ""
    assert last["error"] == "cancelled" and last["token"], last
    assert last["resumable"] and last["resumable"][-1] == last["token"], "a resumable event carried the token"
    # the token of a sync run resumes in asyncio (and the asyncio test's in sync): one resume, one token form
    done = asyncio.run(emu.async_client().resume(last["token"]))
    assert done["stage"] == "published"
    assert ops(emu, "devcenter.create_app_submission") == ops(emu, "devcenter.commit_app_submission") == 1


def test_task_cancel_gives_a_resume_token_that_the_sync_client_resumes_to_the_same_submission(emu: Any, tmp_path: Path) -> None:
    emu.add_fault({"op": "blob.put_block", "delay_ms": 1000, "times": 2})
    events: List[Any] = []

    async def main() -> Any:
        client = emu.async_client(upload={"blockSize": 1 << 20})
        files = release(tmp_path, 4 << 20)
        task = asyncio.create_task(client.publish_app_submission(emu.app_id, CHANGES, files=files, on_progress=events.append))
        while not any(e["kind"] == "stage" and e["stage"] == "upload" for e in events):
            await asyncio.sleep(0.01)
        task.cancel()
        try:
            await task
        except storesubmit.OperationCancelledError as e:
            return e
        raise AssertionError("the publish was not cancelled")

    error = asyncio.run(main())
    done = emu.client().resume(error.resume_token or "", files=tmp_path)
    assert error.code == "cancelled" and error.resume_token
    assert [e["resume_token"] for e in events if e["kind"] == "resumable"][-1] == error.resume_token
    assert done["stage"] == "published" and done["submission_id"] in error.resume_token
    assert ops(emu, "devcenter.create_app_submission") == 1


def test_wait_for_submission_follows_a_commit_made_elsewhere(emu: Any, tmp_path: Path) -> None:
    committed = emu.client().publish_app_submission(emu.app_id, CHANGES, files=release(tmp_path), stop_after="committed")
    assert committed["stage"] == "committed"
    sid = committed["submission_id"]
    done = emu.client().wait_for_submission(sid, app_id=emu.app_id)
    assert done["stage"] == "published" and done["submission_id"] == sid

    async def main() -> Any:
        return await emu.async_client().wait_for_submission(sid, app_id=emu.app_id, stop_after="certification")

    assert asyncio.run(main())["submission_id"] == sid
    assert ops(emu, "devcenter.commit_app_submission") == 1
