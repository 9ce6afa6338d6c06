"""Uploads to a real Azure blob service (Azurite): the ``upload`` workflow (the core's block machine) with
the bundled HTTP client, and a packed ZIP through the ``requests`` adapter, checked by reading the blobs back."""

from __future__ import annotations

import base64
import hashlib
import hmac
import io
import time
import zipfile
from email.utils import formatdate
from pathlib import Path
from typing import Any, List

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
    (tmp_path / "big.msixupload").write_bytes(data)
    seen: List[Any] = []
    client = storesubmit.Client(None, upload={"blockSize": 4 << 20})
    out = client.upload(sas(azurite, "bundled", "big.msixupload"), "big.msixupload", files=tmp_path, on_progress=seen.append)
    assert out["stage"] == "uploaded"
    uploads = [(e["done"], e["total"]) for e in seen if e["kind"] == "upload"]
    assert len(uploads) >= 3 and uploads[-1] == (len(data), len(data))
    got = requests.get(sas(azurite, "bundled", "big.msixupload", "r"), timeout=30)
    assert got.status_code == 200 and got.content == data
    # Uploading the same data again skips the blocks already staged (resume).
    assert client.upload(sas(azurite, "bundled", "big.msixupload"), "big.msixupload", files=tmp_path)["stage"] == "uploaded"


def test_zip_blocks_through_requests_adapter_to_azurite(azurite: str, release: Path, tmp_path: Path) -> None:
    create_container(azurite, "adapter")
    doc = {"applicationPackages": [{"fileName": "Contoso.App_1.2.0.0_x64.msixupload", "fileStatus": "PendingUpload"}],
           "listings": {"en-us": {"baseListing": {"images": [{"fileName": "Images\\Screenshot1.png", "fileStatus": "PendingUpload"}]}}}}
    storesubmit.pack(kind="app-submission", document=doc, files=release, output=tmp_path / "submission.zip")
    sent: List[str] = []
    adapter = requests_transport()

    def send(request: storesubmit.Request) -> storesubmit.Response:
        sent.append(request.url)
        return adapter(request)

    # The block upload the workflows run, through the requests adapter.
    client = storesubmit.Client(None, transport=send, upload={"blockSize": 1 << 20})
    progress: List[Any] = []
    out = client.upload(sas(azurite, "adapter", "submission.zip"), "submission.zip", files=tmp_path, on_progress=progress.append)
    assert out["stage"] == "uploaded"
    assert sum("comp=block&" in u for u in sent) >= 5 and any("comp=blocklist" in u for u in sent)
    got = requests.get(sas(azurite, "adapter", "submission.zip", "r"), timeout=30)
    assert got.status_code == 200 and got.content == (tmp_path / "submission.zip").read_bytes()
    z = zipfile.ZipFile(io.BytesIO(got.content))
    assert sorted(z.namelist()) == ["Contoso.App_1.2.0.0_x64.msixupload", "Images/Screenshot1.png"]
    assert z.read("Images/Screenshot1.png") == (release / "Images/Screenshot1.png").read_bytes()
    assert z.getinfo("Contoso.App_1.2.0.0_x64.msixupload").compress_type == zipfile.ZIP_STORED
    uploads = [e for e in progress if e["kind"] == "upload"]
    assert len(uploads) >= 5 and uploads[-1]["done"] == uploads[-1]["total"] == len(got.content)


def test_expired_and_read_only_sas_are_refused_before_sending(azurite: str, tmp_path: Path) -> None:
    (tmp_path / "f.bin").write_bytes(b"x" * 10)
    client = storesubmit.Client(None)
    with pytest.raises(storesubmit.SasExpiredError):
        client.upload(sas(azurite, "bundled", "f.bin", ttl=-60), "f.bin", files=tmp_path)
    with pytest.raises(storesubmit.SasPermissionError):
        client.upload(sas(azurite, "bundled", "f.bin", perms="r"), "f.bin", files=tmp_path)
