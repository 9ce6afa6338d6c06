"""Python asyncio exits cleanly (issue 23): ``asyncio.run`` of ``async with storesubmit.aio.Client(...)`` and
one call, in many fresh interpreters, never ends in a crash (SIGSEGV/SIGABRT at shutdown came from an
extension thread calling into Python; none does now)."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any, List

RUNS = 200
PARALLEL = 4

CHILD = r"""
import asyncio, json, sys
import storesubmit, storesubmit.aio
emu = json.loads(sys.argv[1])

async def main():
    cred = storesubmit.ClientSecretCredential(emu["tenant_id"], emu["client_id"], emu["client_secret"], authority=emu["token_url"])
    async with storesubmit.aio.Client(cred, endpoints={"devcenter": emu["devcenter_url"], "token": emu["token_url"]}) as client:
        app = await client.devcenter.get_app(emu["app_id"])
    assert app["id"] == emu["app_id"]

asyncio.run(main())
"""


def test_asyncio_run_exits_cleanly_in_fresh_interpreters(emu: Any) -> None:
    info = json.dumps(emu.info)
    codes: List[int] = []
    errors: List[str] = []
    for start in range(0, RUNS, PARALLEL):
        batch = [subprocess.Popen([sys.executable, "-c", CHILD, info], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
                 for _ in range(min(PARALLEL, RUNS - start))]
        for p in batch:
            _, err = p.communicate(timeout=120)
            codes.append(p.returncode)
            if p.returncode:
                errors.append(err.decode(errors="replace")[-400:])
    assert len(codes) == RUNS
    assert codes == [0] * RUNS, f"{sum(c != 0 for c in codes)} of {RUNS} runs failed (codes {set(codes)}): {errors[:2]}"
