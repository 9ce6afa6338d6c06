"""An outside client of the emulator that joins absolute paths onto each service root with
``urllib.parse.urljoin`` (as Microsoft's sample client does with .NET's ``Uri``): each API answers at the
root of its own origin, so the client reaches it unchanged, and the Partner Center APIs echo the
``MS-CorrelationId`` / ``MS-RequestId`` it sends."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
import uuid
from typing import Any, Dict, Optional, Tuple

import storesubmit.emulator

Answer = Tuple[int, Dict[str, str], Any]


def call(method: str, url: str, token: Optional[str] = None, headers: Optional[Dict[str, str]] = None,
         form: Optional[Dict[str, str]] = None) -> Answer:
    """One HTTP call with urllib: (status, headers, JSON body or None)."""
    data = urllib.parse.urlencode(form).encode() if form is not None else None
    req = urllib.request.Request(url, data=data, method=method)
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    for k, v in (headers or {}).items():
        req.add_header(k, v)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            status, hs, body = r.status, dict(r.headers.items()), r.read()
    except urllib.error.HTTPError as e:
        status, hs, body = e.code, dict(e.headers.items()), e.read()
    return status, hs, json.loads(body) if body.strip() else None


def token(emu: storesubmit.emulator.Emulator, resource: str) -> str:
    """A v1 client-credentials token, asked for as Microsoft's sample does (``resource=``)."""
    info = emu.info
    url = urllib.parse.urljoin(info["token_url"], f"/{info['tenant_id']}/oauth2/token")
    status, _, body = call("POST", url, form={
        "grant_type": "client_credentials",
        "client_id": info["client_id"],
        "client_secret": info["client_secret"],
        "resource": resource,
    })
    assert status == 200, (url, body)
    return str(body["access_token"])


def test_absolute_paths_joined_with_urljoin_reach_every_service(emu: storesubmit.emulator.Emulator) -> None:
    info = emu.info
    for key in ("devcenter_url", "win32_url", "ingestion_url", "token_url"):
        assert urllib.parse.urlsplit(info[key]).path in ("", "/"), f"{key} is an origin: {info[key]}"

    dc = token(emu, "https://manage.devcenter.microsoft.com")
    ids = {"MS-CorrelationId": str(uuid.uuid4()), "MS-RequestId": str(uuid.uuid4())}
    url = urllib.parse.urljoin(info["devcenter_url"], f"/v1.0/my/applications/{info['app_id']}")
    status, headers, app = call("GET", url, dc, ids)
    assert status == 200, (url, app)
    assert app["id"] == info["app_id"]
    got = {k.lower(): v for k, v in headers.items()}
    assert (got["ms-correlationid"], got["ms-requestid"]) == (ids["MS-CorrelationId"], ids["MS-RequestId"])

    w32 = token(emu, "https://api.store.microsoft.com")
    url = urllib.parse.urljoin(info["win32_url"], f"/submission/v1/product/{info['win32_product_id']}/status")
    status, _, body = call("GET", url, w32, {"X-Seller-Account-Id": info["seller_id"]})
    assert status == 200 and body["isSuccess"] is True, (url, body)

    ing = token(emu, "https://api.partner.microsoft.com")
    url = urllib.parse.urljoin(info["ingestion_url"], f"/v1.0/ingestion/products/{info['ingestion_product_id']}")
    status, _, body = call("GET", url, ing)
    assert status == 200 and body["id"] == info["ingestion_product_id"], (url, body)
