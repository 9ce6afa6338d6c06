"""The package itself: installed from the wheel, generated layer up to date, typed, documented, no
runtime at import, fork-safe, README quickstart and examples run, offline tools."""

from __future__ import annotations

import inspect
import io
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any, List

import pytest

import storesubmit
import storesubmit.aio
import storesubmit.emulator
import storesubmit.types
from storesubmit import _ops

from conftest import REPO, installed_from_wheel

PKG_SRC = REPO / "bindings-python"


def test_imported_from_the_installed_wheel() -> None:
    assert installed_from_wheel(), storesubmit.__file__
    assert not Path(storesubmit.__file__).is_relative_to(PKG_SRC)  # type: ignore[attr-defined]
    assert (Path(storesubmit.__file__).parent / "py.typed").exists()
    assert (Path(storesubmit.__file__).parent / "_native.pyi").exists()


def test_generated_layer_matches_the_core() -> None:
    # The generator reads the core's manifest; its table must be the wheel's table exactly.
    sys.path.insert(0, str(PKG_SRC / "tools"))
    try:
        import generate  # type: ignore[import-not-found]
    finally:
        sys.path.pop(0)
    assert generate.parse_operations() == storesubmit.operations()
    r = subprocess.run([sys.executable, str(PKG_SRC / "tools/generate.py"), "--check"], capture_output=True, text=True, cwd=str(REPO))
    assert r.returncode == 0, r.stdout + r.stderr
    for generated in ("_models.py", "_errors.py", "_ops.py", "types.py", "client.py", "aio.py", "_calls.py"):
        installed = Path(storesubmit.types.__file__).with_name(generated).read_text()
        assert installed.startswith('"""Generated from surface/manifest.json'), generated
        assert installed == (PKG_SRC / "python/storesubmit" / generated).read_text(), "the wheel is stale"


def test_every_operation_has_a_typed_method() -> None:
    families = {"devcenter": _ops.DevcenterOperations, "win32": _ops.Win32Operations, "ingestion": _ops.IngestionOperations}
    ops = [o for o in storesubmit.operations() if o["family"] != "token"]
    assert len(ops) > 70
    for op in ops:
        cls = families[op["family"]]
        name = op["id"].split(".", 1)[1]
        meth = getattr(cls, name)
        assert op["id"] in (meth.__doc__ or "")
        params = inspect.signature(meth).parameters
        for placeholder in re.findall(r"\{(\w+)\}", op["path"]):
            snake = re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", placeholder).lower()
            assert snake in params, (op["id"], snake)
        assert ("body" in params) == op["body"], op["id"]
        assert inspect.iscoroutinefunction(getattr(getattr(_ops, "Async" + cls.__name__), name))


def test_public_names_are_documented() -> None:
    for mod in (storesubmit, storesubmit.aio, storesubmit.emulator):
        for name in getattr(mod, "__all__", []) or [n for n in dir(mod) if not n.startswith("_")]:
            obj = getattr(mod, name)
            if inspect.isclass(obj) or inspect.isfunction(obj):
                assert obj.__doc__, f"{mod.__name__}.{name} has no docstring"
                for mname, m in inspect.getmembers(obj, inspect.isfunction):
                    if not mname.startswith("_"):
                        assert m.__doc__, f"{mod.__name__}.{name}.{mname} has no docstring"


def test_no_runtime_thread_at_import() -> None:
    code = (
        "import os\n"
        "before = len(os.listdir('/proc/self/task'))\n"
        "import storesubmit, storesubmit.aio, storesubmit.emulator\n"
        "storesubmit.validate({}, kind='flight')\n"
        "storesubmit.Client(storesubmit.ClientSecretCredential('t', 'c', 's'))\n"
        "after = len(os.listdir('/proc/self/task'))\n"
        "print(before, after)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out[0] == out[1], f"threads before/after import: {out}"


def test_fork_safe(emu: Any) -> None:
    client = emu.client()
    assert client.devcenter.get_app(emu.app_id)["id"] == emu.app_id  # runtime and pool exist in the parent
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: the parent's runtime threads do not exist here
        try:
            ok = client.devcenter.get_app(emu.app_id)["id"] == emu.app_id
            os.write(w, b"ok" if ok else b"bad")
        except BaseException as exc:  # noqa: BLE001
            os.write(w, repr(exc).encode()[:200])
        finally:
            os._exit(0)
    os.close(w)
    os.waitpid(pid, 0)
    assert os.read(r, 300) == b"ok"
    assert client.devcenter.get_app(emu.app_id)["id"] == emu.app_id  # the parent is unaffected


def test_readme_quickstart_runs(capsys: pytest.CaptureFixture[str]) -> None:
    text = (PKG_SRC / "README.md").read_text()
    blocks = re.findall(r"```python\n(.*?)```", text, re.S)
    assert len(blocks) >= 5
    namespace: dict = {"__name__": "readme"}
    for block in blocks:
        exec(compile(block, "README.md", "exec"), namespace)
    out = capsys.readouterr().out
    assert "Contoso sample app" in out and "published Published" in out and "draft" in out
    assert "stage upload" in out and "published Published\n" in out and "'published')" in out
    # the 300-character title of the validate example is over the 256 an app name may have
    assert "error listing.title.too_long /listings/en-us/baseListing/title" in out


def test_examples_run_and_pass_mypy_strict(tmp_path: Path) -> None:
    examples = sorted(str(p) for p in (PKG_SRC / "examples").glob("*.py"))
    assert examples
    for ex in examples:
        r = subprocess.run([sys.executable, ex], capture_output=True, text=True, timeout=120)
        assert r.returncode == 0, r.stderr
    r = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-incremental", *examples], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
    # The installed package itself (its .pyi stub and py.typed included) is strict-clean too.
    r = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-incremental", "-p", "storesubmit"],
                       capture_output=True, text=True, timeout=300, cwd=str(tmp_path))
    assert r.returncode == 0, r.stdout + r.stderr


def test_pack_validate_tables(release: Path, tmp_path: Path) -> None:
    doc = {"applicationPackages": [{"fileName": "Contoso.App_1.2.0.0_x64.msixupload", "fileStatus": "PendingUpload"}],
           "listings": {"en-us": {"baseListing": {"images": [{"fileName": "Images\\Screenshot1.png", "fileStatus": "PendingUpload", "imageType": "Screenshot"}]}}}}
    seen: List[Any] = []
    out = storesubmit.pack(kind="app-submission", document=doc, files=release, output=tmp_path / "s.zip", on_progress=seen.append)
    z = zipfile.ZipFile(tmp_path / "s.zip")
    assert sorted(z.namelist()) == sorted(out["entries"]) == ["Contoso.App_1.2.0.0_x64.msixupload", "Images/Screenshot1.png"]
    packed = [e for e in seen if e["kind"] == "pack"]
    assert out["size"] == (tmp_path / "s.zip").stat().st_size and packed[-1]["done"] == packed[-1]["total"] == out["input_bytes"]
    assert [e["name"] for e in storesubmit.package_entries("app-submission", doc)] == out["entries"]
    (tmp_path / "empty").mkdir()
    with pytest.raises(storesubmit.MissingFilesError):
        storesubmit.pack(kind="app-submission", document=doc, files=tmp_path / "empty", output=tmp_path / "x.zip")
    missing = storesubmit.validate(doc, kind="app-submission", files=["other.msix"])
    assert not missing["valid"] and "files.missing" in {i["code"] for i in missing["issues"]}
    # the same document as a change (what publish applies): presence rules do not apply, broken values do
    whole = storesubmit.validate(doc, kind="app-submission", files=release)
    assert any(i["code"].endswith("required") for i in whole["issues"])
    assert storesubmit.validate(doc, kind="app-submission", files=release, change=True)["valid"]
    bad = storesubmit.validate(dict(doc, visibility="Sometimes"), kind="app-submission", files=release, change=True)
    assert [i["path"] for i in bad["issues"] if i["severity"] == "error"] == ["/visibility"]
    t = storesubmit.tables()
    assert "markets" in t and "languages" in t
    assert "app-submission" in storesubmit.document_kinds()
    assert storesubmit.guess_kind({"applicationPackages": []}) == "app-submission"
    parsed = storesubmit.parse_json('{"a": 1,}')
    assert parsed["document"] == {"a": 1} and parsed["issues"][0]["code"] == "json.trailing_comma"


def test_gil_is_released_during_network_work(emu: Any) -> None:
    import threading
    import time as _time

    emu.add_fault({"op": "devcenter.get_app", "delay_ms": 800, "times": 1})
    client = emu.client()
    client.devcenter.list_apps()  # token fetched, runtime up
    counter = {"n": 0, "stop": False}

    def spin() -> None:
        while not counter["stop"]:
            counter["n"] += 1

    t = threading.Thread(target=spin)
    t.start()
    _time.sleep(0.05)
    before = counter["n"]
    started = _time.monotonic()
    client.devcenter.get_app(emu.app_id)
    elapsed = _time.monotonic() - started
    during = counter["n"] - before
    counter["stop"] = True
    t.join()
    assert elapsed >= 0.7
    # A held GIL would let the spinning thread run only at switch intervals of the waiting call, which
    # never come while Rust blocks; released, it runs freely for the whole 800 ms.
    assert during > 100_000, during


def test_extension_is_abi3_and_needs_no_openssl() -> None:
    import shutil as _shutil

    so = next(Path(storesubmit.__file__).parent.glob("_native*.so"))
    assert so.name == "_native.abi3.so"
    ldd = _shutil.which("ldd")
    assert ldd, "ldd is needed to check the extension's libraries"
    libs = subprocess.run([ldd, str(so)], capture_output=True, text=True, check=True).stdout
    assert "libssl" not in libs and "libcrypto" not in libs, libs


def test_top_level_readme_python_section_runs(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    """The repository README's Python snippet is code that runs, not a sketch."""
    text = (repo / "README.md").read_text()
    blocks = re.findall(r"```python\n(.*?)```", text, re.S)
    assert len(blocks) == 1, "one Python snippet in the top-level README"
    (tmp_path / "release").mkdir()
    (tmp_path / "release" / "app.msixupload").write_bytes(os.urandom(50_000))
    monkeypatch.chdir(tmp_path)
    exec(compile(blocks[0], "README.md", "exec"), {"__name__": "readme"})
    assert capsys.readouterr().out.strip().splitlines()[-1] == "Published"
