"""The wheel's ``storesubmit`` console script: installed by pip next to the interpreter, it runs the CLI
built into the extension module (the same code as the Rust binary): its output, exit codes and
workflows are the CLI's."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import List

import pytest

import storesubmit
from storesubmit import _native


def script() -> Path:
    """The console script pip wrote into the virtualenv's bin folder."""
    path = Path(sys.executable).parent / ("storesubmit.exe" if os.name == "nt" else "storesubmit")
    assert path.is_file(), f"pip did not install the console script at {path}"
    return path


def run(args: List[str], cwd: Path) -> "subprocess.CompletedProcess[str]":
    env = {k: v for k, v in os.environ.items() if not k.startswith("STORESUBMIT_")}
    env["NO_COLOR"] = "1"
    return subprocess.run([str(script()), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


def test_version_is_the_extension_s(tmp_path: Path) -> None:
    o = run(["--version"], tmp_path)
    assert o.returncode == 0, o.stderr
    assert o.stdout.strip() == f"storesubmit {_native.CORE_VERSION}"


def test_usage_errors_exit_2_with_clap_s_message(tmp_path: Path) -> None:
    o = run(["publish-everything"], tmp_path)
    assert o.returncode == 2
    assert "unrecognized subcommand" in o.stderr
    assert "Usage: storesubmit" in o.stderr, "the program is named storesubmit, not the script's path"


def test_validate_reports_issues_as_json_with_exit_3(tmp_path: Path) -> None:
    doc = tmp_path / "submission.json"
    doc.write_text(json.dumps({"applicationPackges": [], "visibility": "Sometimes"}))
    o = run(["--json", "validate", "submission.json", "--kind", "app-submission"], tmp_path)
    assert o.returncode == 3, o.stdout + o.stderr
    report = json.loads(o.stdout)
    codes = {i["code"] for i in report["issues"]}
    assert {"field.unknown", "submission.visibility.invalid"} <= codes, report
    assert report["valid"] is False
    unknown = next(i for i in report["issues"] if i["code"] == "field.unknown")
    assert "applicationPackages" in unknown["message"], "did-you-mean names the known field"
    # the library's validator says the same thing
    lib = storesubmit.validate(json.loads(doc.read_text()), kind="app-submission")
    assert {i["code"] for i in lib["issues"]} == codes


def test_init_then_validate_prints_the_next_commands(tmp_path: Path) -> None:
    o = run(["init", "app", "release"], tmp_path)
    assert o.returncode == 0, o.stderr
    assert (tmp_path / "release" / "submission.json").is_file()
    assert "storesubmit validate" in o.stdout
    o = run(["validate", "release/submission.json"], tmp_path)
    assert o.returncode in (0, 3), o.stderr
    assert "panicked" not in o.stderr


def test_demo_publishes_through_the_built_in_emulator(tmp_path: Path) -> None:
    o = run(["demo"], tmp_path)
    assert o.returncode == 0, o.stdout + o.stderr
    for what in ["app ", "add-on ", "flight ", "MSI/EXE "]:
        assert any(line.startswith(what) and ": published" in line for line in o.stdout.splitlines()), o.stdout
    assert "sig=" not in o.stdout + o.stderr or "sig=REDACTED" in o.stdout + o.stderr


@pytest.mark.skipif(os.name == "nt", reason="a closed pipe is a POSIX notion")
def test_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    p = subprocess.Popen([str(script()), "codes"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path)
    assert p.stdout is not None and p.stderr is not None
    first = p.stdout.readline()
    p.stdout.close()
    err = p.stderr.read().decode()
    p.wait(timeout=60)
    assert first.startswith(b"error codes"), first
    assert "panicked" not in err and "Traceback" not in err, err
