"""Fixtures of the Python suite: the repository (for the shared vectors), the embedded emulator, sample
release files, Azurite. The suite runs against the installed wheel, never the source tree."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path
from typing import Iterator

import pytest

import storesubmit
import storesubmit.emulator

REPO = Path(os.environ.get("STORESUBMIT_ROOT") or Path(__file__).resolve().parents[2])


@pytest.fixture(scope="session")
def repo() -> Path:
    """The repository root (shared vectors, README)."""
    assert (REPO / "tests" / "vectors").is_dir(), f"no tests/vectors under {REPO}"
    return REPO


@pytest.fixture()
def emu() -> Iterator[storesubmit.emulator.Emulator]:
    """A fresh emulator per test (state never leaks between tests)."""
    with storesubmit.emulator.start() as e:
        yield e


def filler(size: int, seed: int) -> bytes:
    """Deterministic bytes that do not compress (like a real package)."""
    out = bytearray()
    x = seed | 1
    while len(out) < size:
        x ^= (x << 13) & 0xFFFFFFFFFFFFFFFF
        x ^= x >> 7
        x ^= (x << 17) & 0xFFFFFFFFFFFFFFFF
        out += x.to_bytes(8, "little")
    return bytes(out[:size])


@pytest.fixture()
def release(tmp_path: Path) -> Path:
    """A files folder with packages, images and listing assets, as a release pipeline has."""
    files = {
        "Contoso.App_1.2.0.0_x64.msixupload": 5 << 20,
        "Contoso.App_1.2.1.0_x64.msixupload": 1 << 20,
        "Images/Screenshot1.png": 64 << 10,
        "Images/Icon300.png": 16 << 10,
        "Assets/screenshot-en-us.png": 48 << 10,
        "Assets/logo-en-us.png": 8 << 10,
    }
    for i, (name, size) in enumerate(files.items()):
        p = tmp_path / name
        p.parent.mkdir(parents=True, exist_ok=True)
        head = png_head(300, 300) if "Icon" in name else png_head(1920, 1080) if name.startswith("Images/") else b""
        p.write_bytes(head + filler(size - len(head), i + 1))
    return tmp_path


def png_head(width: int, height: int) -> bytes:
    """The first bytes of a PNG of that size (signature and IHDR): what validation reads of a listing image."""
    return b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR" + width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([8, 6, 0, 0, 0])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


AZURITE_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="


@pytest.fixture(scope="session")
def azurite(repo: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Azurite's blob service on a free loopback port; yields its account URL. Fails (never skips) when
    Azurite is not installed."""
    binary = repo / "tests" / "tools" / "node_modules" / ".bin" / "azurite-blob"
    assert binary.exists(), f"Azurite is missing ({binary}): run scripts/setup.sh"
    port = free_port()
    workdir = tmp_path_factory.mktemp("azurite")
    proc = subprocess.Popen(
        [str(binary), "--blobHost", "127.0.0.1", "--blobPort", str(port), "--inMemoryPersistence",
         "--disableTelemetry", "--silent", "--skipApiVersionCheck"],
        cwd=str(workdir),
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                break
        except OSError:
            if proc.poll() is not None:
                raise AssertionError(f"Azurite exited: {proc.stderr.read().decode() if proc.stderr else ''}")
            time.sleep(0.1)
    else:
        proc.kill()
        raise AssertionError("Azurite did not start within 30 s")
    try:
        yield f"http://127.0.0.1:{port}/devstoreaccount1"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def installed_from_wheel() -> bool:
    """Whether ``storesubmit`` is the installed package (site-packages), not the source tree."""
    return "site-packages" in Path(storesubmit.__file__).parts


__all__ = ["filler", "free_port", "AZURITE_KEY", "installed_from_wheel", "shutil"]
