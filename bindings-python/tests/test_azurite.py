"""Uploads to a real Azure blob service (Azurite): the bundled parallel uploader and a workflow's ZIP
upload (the core's block machine) through the ``requests`` adapter, checked by reading the blobs back."""

from __future__ import annotations

import base64
import hashlib
import hmac
import io
import time
import zipfile
from email.utils import formatdate
from pathlib import Path
from typing import Any

import pytest
import requests

import storesubmit
from storesubmit import _native
from storesubmit.adapters import requests_transport

from conftest import AZURITE_KEY, filler

ACCOUNT = "devstoreaccount1"


def create_container(account_url: str, name: str) -> None:
    """Create Container with Shared Key auth (test setup only)."""
    date = formatdate(usegmt=True)
    headers = {"x-ms-date": date, "x-ms-version": "2021-12-02", "Content-Length": "0"}
    canon_headers = "".join(f"{k}:{v}\n" for k, v in sorted((k.lower(), v) for k, v in headers.items() if k.startswith("x-ms-")))
    resource = f"/{ACCOUNT}/{ACCOUNT}/{name}\nrestype:container"
    to_sign = "PUT\n\n\n\n\n\n\n\n\n\n\n\n" + canon_headers + resource
    sig = base64.b64encode(hmac.new(base64.b64decode(AZURITE_KEY), to_sign.encode(), hashlib.sha256).digest()).decode()
    headers["Authorization"] = f"SharedKey {ACCOUNT}:{sig}"
    r = requests.put(f"{account_url}/{name}?restype=container", headers=headers, timeout=10)
    assert r.status_code in (201, 409), r.text


def sas(account_url: str, container: str, blob: str, perms: str = "rcw", ttl: int = 3600) -> str:
    return _native.blob_sas_url(account_url, ACCOUNT, AZURITE_KEY, container, blob, perms, int(time.time()) + ttl)


def test_bundled_upload_to_azurite(azurite: str, tmp_path: Path) -> None:
    create_container(azurite, "bundled")
    data = filler(9 << 20, 7)
    path = tmp_path / "big.msixupload"
    path.write_bytes(data)
    seen = []
    report = storesubmit.upload_file(sas(azurite, "bundled", "big.msixupload"), path, on_progress=lambda d, t: seen.append((d, t)))
    assert report["size"] == len(data) and report["blocks"] >= 3 and not report["single_put"]
    assert seen[-1] == (len(data), len(data))
    got = requests.get(sas(azurite, "bundled", "big.msixupload", "r"), timeout=30)
    assert got.status_code == 200 and got.content == data
    # Uploading the same data again skips every staged-and-committed block it can (resume).
    again = storesubmit.upload_file(sas(azurite, "bundled", "big.msixupload"), path)
    assert again["size"] == len(data)


def test_zip_blocks_through_requests_adapter_to_azurite(azurite: str, release: Path) -> None:
    create_container(azurite, "adapter")
    url = sas(azurite, "adapter", "submission.zip")
    # A ZIP upload as a workflow runs it (the core's block upload inside the flow), through the requests adapter.
    sent = []
    adapter = requests_transport()

    def send(request: storesubmit.Request) -> storesubmit.Response:
        sent.append(request.url)
        return adapter(request)

    client = storesubmit.Client(storesubmit.ClientSecretCredential("t", "c", "unused"), transport=send, upload_block_size=1 << 20)
    flow = _native.Flow.upload(client._cfg, _upload_step(url, ["Contoso.App_1.2.0.0_x64.msixupload", "Images\\Screenshot1.png"]))
    progress = []
    out = client.run(flow, release, lambda d, t: progress.append((d, t)))
    assert out["stage"] == "uploaded"
    assert sum("comp=block&" in u for u in sent) >= 5 and any("comp=blocklist" in u for u in sent)
    got = requests.get(sas(azurite, "adapter", "submission.zip", "r"), timeout=30)
    assert got.status_code == 200
    z = zipfile.ZipFile(io.BytesIO(got.content))
    assert sorted(z.namelist()) == ["Contoso.App_1.2.0.0_x64.msixupload", "Images/Screenshot1.png"]
    assert z.read("Images/Screenshot1.png") == (release / "Images/Screenshot1.png").read_bytes()
    assert z.getinfo("Contoso.App_1.2.0.0_x64.msixupload").compress_type == zipfile.ZIP_STORED
    assert len(progress) >= 5 and progress[-1][0] == progress[-1][1] == len(got.content)


def test_expired_and_read_only_sas_are_refused_before_sending(azurite: str, tmp_path: Path) -> None:
    path = tmp_path / "f.bin"
    path.write_bytes(b"x" * 10)
    with pytest.raises(storesubmit.SasExpiredError):
        storesubmit.upload_file(sas(azurite, "bundled", "f.bin", ttl=-60), path)
    with pytest.raises(storesubmit.SasPermissionError):
        storesubmit.upload_file(sas(azurite, "bundled", "f.bin", perms="r"), path)


def _upload_step(url: str, names: Any) -> Any:
    """A ZIP upload step like the one a workflow hands out, pointed at Azurite."""
    return _native.Upload.zip(url, list(names))
