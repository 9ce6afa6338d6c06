"""The types of the generated surface under ``mypy --strict`` (issue 23): asyncio methods are coroutines
(``asyncio.create_task`` takes them), ``Client`` options are explicit keyword-only parameters (a misspelt
or mistyped option is an error), option strings are ``Literal`` s of the core's values."""

from __future__ import annotations

import inspect
import subprocess
import sys
from pathlib import Path
from typing import List

import storesubmit
import storesubmit.aio
from storesubmit import _ops


def mypy_errors(tmp_path: Path, code: str) -> List[str]:
    path = tmp_path / "snippet.py"
    path.write_text(code)
    r = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(path)],
                       capture_output=True, text=True, timeout=300, cwd=str(tmp_path))
    return [line.split("snippet.py:", 1)[1] for line in r.stdout.splitlines() if ": error:" in line]


def test_asyncio_methods_are_coroutines_create_task_takes() -> None:
    for cls in (storesubmit.aio.Client, _ops.AsyncDevcenterOperations, _ops.AsyncWin32Operations, _ops.AsyncIngestionOperations):
        for name, member in inspect.getmembers(cls, inspect.isfunction):
            if not name.startswith("_"):
                assert inspect.iscoroutinefunction(member), f"{cls.__name__}.{name}"


def test_mypy_strict_accepts_create_task_and_refuses_bad_options(tmp_path: Path) -> None:
    errors = mypy_errors(tmp_path, (
        "import asyncio\n"
        "import storesubmit, storesubmit.aio\n"
        "from storesubmit.types import Outcome\n"
        "cred = storesubmit.ClientSecretCredential('t', 'c', 's')\n"
        "async def main() -> Outcome:\n"
        "    client = storesubmit.aio.Client(cred, seller_id='1', deadline=600, retry={'maxAttempts': 3})\n"
        "    task: 'asyncio.Task[Outcome]' = asyncio.create_task(client.publish_app_submission('9N', {}, stop_after='draft'))\n"
        "    waited = asyncio.create_task(client.wait_for_submission('1', app_id='9N'))\n"
        "    return (await task) if task else await waited\n"
        "storesubmit.Client(cred, seler_id='1')\n"  # line 10: no such option
        "storesubmit.Client(cred, deadline='soon')\n"  # line 11: not a number
        "storesubmit.Client(cred).publish_app_submission('9N', {}, stop_after='drafted')\n"  # line 12: not a value
        "storesubmit.validate({}, kind='app')\n"  # line 13: not a document kind
    ))
    assert sorted(int(e.split(":", 1)[0]) for e in errors) == [10, 11, 12, 13], errors
    assert "seler_id" in errors[0] and "Literal" in errors[2], errors
