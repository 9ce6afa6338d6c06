"""A killed script loses nothing (issue 24): with the ``journal`` client option, a publish killed with
SIGKILL after its submission exists is continued by the same call run again — the same submission,
published, never a second one — and a call that already ended answers its outcome again without a
request."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path
from typing import Any, Dict, List

import storesubmit

CHANGES = {"applicationPackages": [{"fileName": "app.msixupload"}]}

CHILD = r"""
import json, os, sys
import storesubmit
info, journal, files = json.loads(os.environ["EMU"]), sys.argv[1], sys.argv[2]
cred = storesubmit.ClientSecretCredential(info["tenant_id"], info["client_id"], info["client_secret"], authority=info["token_url"])
endpoints = {k: info[k + "_url"] for k in ("devcenter", "win32", "ingestion", "token")}
client = storesubmit.Client(cred, endpoints=endpoints, journal=journal, poll={"initial": 0.05, "factor": 1, "max": 0.2})
def progress(e):
    print(json.dumps({"kind": e["kind"], "stage": e.get("stage")}), flush=True)
client.publish_app_submission(info["app_id"], json.loads(sys.argv[3]), files=files, on_progress=progress)
"""


def requests(emu: Any) -> List[Dict[str, Any]]:
    """What the emulator was asked (its admin API's own calls aside)."""
    req = urllib.request.Request(f"{emu.admin_url}/requests")
    with urllib.request.build_opener(urllib.request.ProxyHandler({})).open(req, timeout=30) as r:
        return [x for x in json.loads(r.read()) if "_emulator" not in x["path"]]


def test_a_killed_publish_is_continued_by_the_same_call_with_its_journal(tmp_path: Path) -> None:
    files, journal = tmp_path / "files", tmp_path / "journal"
    files.mkdir()
    (files / "app.msixupload").write_bytes(b"PK\x05\x06" + bytes(18))
    with storesubmit.emulator.start() as emu:
        emu.add_fault({"op": "devcenter.commit_app_submission", "delay_ms": 5000, "times": 1})
        env = {**os.environ, "EMU": json.dumps(emu.info)}
        child = subprocess.Popen([sys.executable, "-c", CHILD, str(journal), str(files), json.dumps(CHANGES)],
                                 stdout=subprocess.PIPE, text=True, env=env)
        assert child.stdout is not None
        for line in child.stdout:
            if json.loads(line) == {"kind": "stage", "stage": "commit"}:
                child.send_signal(signal.SIGKILL)
                break
        assert child.wait() == -signal.SIGKILL, "the script was killed during the commit"
        entries = list(journal.iterdir())
        assert len(entries) == 1 and "resumable" in entries[0].read_text(), entries

        client = emu.client(journal=str(journal))
        out = client.publish_app_submission(emu.app_id, CHANGES, files=files)
        assert out["status"] == "Published", out
        ops = [r for r in requests(emu) if r.get("op") == "devcenter.create_app_submission" and 200 <= r["status"] < 300]
        assert len(ops) == 1, "one submission, never a duplicate"

        # the same call once more: the journal has its outcome, nothing is sent
        before = len(requests(emu))
        again = client.publish_app_submission(emu.app_id, CHANGES, files=files)
        assert again["submission_id"] == out["submission_id"] and len(requests(emu)) == before
