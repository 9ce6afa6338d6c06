"""Secrets never leave a full workflow (issue 11): with every logger at its most verbose level, the
client secret, the access tokens and every SAS ``sig`` the service handed out must not appear in any log
record, captured output, exception text or returned result — including ``outcome["document"]``, which
used to carry the live write SAS (``fileUploadUrl``)."""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path
from typing import Any, List, Set

import pytest

import storesubmit
from storesubmit.adapters import httpx_transport, requests_transport

CHANGES = {"applicationPackages": [{"fileName": "Contoso.App_1.2.0.0_x64.msixupload"}]}


def recording(seen: Set[str], inner: Any) -> Any:
    """Wraps a transport to record every secret crossing it: bearer tokens sent, access tokens and SAS
    signatures received, signatures in request URLs."""

    def send(request: storesubmit.Request) -> storesubmit.Response:
        for name, value in request.headers:
            if name.lower() == "authorization" and value.startswith("Bearer "):
                seen.add(value[len("Bearer "):])
        seen.update(re.findall(r"[?&]sig=([^&\"\s]+)", request.url))
        response = inner(request)
        text = response.body.decode("utf-8", "replace")
        seen.update(re.findall(r'"access_token"\s*:\s*"([^"]+)"', text))
        seen.update(re.findall(r"[?&]sig=([^&\"\\\s]+)", text))
        return response

    return send


def scan(what: str, text: str, secrets: Set[str]) -> None:
    for s in secrets:
        assert s not in text, f"{what}: a secret leaked ({s[:4]}…)"
    for m in re.finditer(r"sig=", text):
        rest = text[m.end():]
        assert rest.startswith("<redacted>") or rest.startswith("%3Credacted%3E"), f"{what}: unredacted sig="


def test_outcome_document_has_no_live_sas(emu: Any, release: Path) -> None:
    """Defect 6: ``outcome["document"]["fileUploadUrl"]`` carried the write SAS."""
    client = emu.client()
    draft = client.publish_app_submission(emu.app_id, CHANGES, files=release, stop_after="draft")
    live = client.devcenter.get_app_submission(emu.app_id, draft["submission_id"])
    url = live["fileUploadUrl"] if isinstance(live, dict) else live.file_upload_url
    sig = re.search(r"[?&]sig=([^&]+)", url)
    assert sig and len(sig.group(1)) > 10, "the service's URL is signed"
    text = json.dumps(draft, default=str) + repr(draft)
    assert sig.group(1) not in text
    assert "fileUploadUrl" in draft["document"], "the document is still there, only redacted"
    assert "sig=" not in draft["document"]["fileUploadUrl"] or "sig=<redacted>" in draft["document"]["fileUploadUrl"]


@pytest.mark.parametrize("adapter", ["requests", "httpx"])
def test_full_flow_at_most_verbose_logging_leaks_nothing(
    emu: Any, release: Path, caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str], adapter: str
) -> None:
    caplog.set_level(1)  # below DEBUG: everything every logger emits (urllib3, httpx, httpcore included)
    logging.getLogger().setLevel(1)
    seen: Set[str] = {emu.info["client_secret"]}
    inner = requests_transport() if adapter == "requests" else httpx_transport()
    client = emu.client(transport=recording(seen, inner))
    results: List[Any] = []
    results.append(client.publish_app_submission(emu.app_id, CHANGES, files=release, stop_after="draft"))
    results.append(client.resume(results[0]["resume_token"]))
    # A failing flow: every upload refused; the exception must not carry the SAS either.
    emu.add_fault({"method": "PUT", "path": "/blob/*", "status": 500})
    with pytest.raises(storesubmit.StoreSubmitError) as info:
        client.publish_app_submission(emu.app_id, CHANGES, files=release, pending="recreate")
    emu.clear_faults()
    assert any(len(s) > 20 for s in seen - {emu.info["client_secret"]}), "tokens and signatures were recorded"
    out, err = capsys.readouterr()
    texts = {
        "log records": "\n".join(f"{r.getMessage()} {r.args!r}" for r in caplog.records),
        "captured output": out + err,
        "exception": f"{info.value} {info.value!r} {getattr(info.value, 'server_errors', '')!r}",
        "results": json.dumps(results, default=str) + repr(results),
        "client": repr(client),
    }
    assert texts["log records"], "the workflow logged something"
    for what, text in texts.items():
        scan(what, text, seen)
