"""End to end through the embedded emulator: app, add-on, flight and MSI/EXE product (and ingestion),
with the bundled transport and with the ``requests`` and ``httpx`` adapters — the same core workflows."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Callable, Dict, List

import pytest

import storesubmit
from storesubmit.adapters import httpx_transport, requests_transport

TRANSPORTS: Dict[str, Callable[[], Any]] = {
    "bundled": lambda: None,
    "requests": requests_transport,
    "httpx": httpx_transport,
}

APP_CHANGES = {
    "applicationPackages": [{"fileName": "Contoso.App_1.2.0.0_x64.msixupload"}],
    "listings": {"en-us": {"baseListing": {
        "description": "Contoso App, published from Python.",
        "images": [{"fileName": "Images\\Screenshot1.png", "imageType": "Screenshot", "description": "Main window"}],
    }}},
}


def counting(transport: Any, log: List[str]) -> Any:
    """Wraps an adapter to record what went through it (proves the adapter carried the workflow)."""
    if transport is None:
        return None

    def send(request: storesubmit.Request) -> storesubmit.Response:
        log.append(f"{request.method} {storesubmit.redact(request.url)}")
        return transport(request)

    return send


@pytest.fixture(params=list(TRANSPORTS))
def transport_name(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def test_publish_app_addon_flight_and_win32(emu: Any, release: Path, transport_name: str) -> None:
    sent: List[str] = []
    client = emu.client(transport=counting(TRANSPORTS[transport_name](), sent))
    progress: List[tuple] = []

    app = client.publish_app_submission(emu.app_id, APP_CHANGES, files=release, rollout_percentage=25,
                                        on_progress=lambda e: e["kind"] == "upload" and progress.append((e["done"], e["total"])))
    assert app["stage"] == "published" and app["status"] == "Published"
    assert app["flow"] == "app-submission" and app["submission_id"]
    assert progress and progress[-1][0] == progress[-1][1] > 5 << 20
    sub = client.devcenter.get_app_submission(emu.app_id, app["submission_id"])
    pkgs = {p["fileName"]: p["fileStatus"] for p in sub["applicationPackages"]}
    assert pkgs["Contoso.App_1.2.0.0_x64.msixupload"] == "Uploaded"
    assert sub["packageDeliveryOptions"]["packageRollout"]["packageRolloutPercentage"] == 25

    addon = client.publish_addon_submission(emu.addon_id, {
        "listings": {"en-us": {"title": "Contoso Coins", "description": "100 coins.", "icon": {"fileName": "Images/Icon300.png"}}},
        "pricing": {"priceId": "Tier2"},
    }, files=release)
    assert addon["stage"] == "published" and addon["flow"] == "addon-submission"

    flight = client.publish_flight_submission(emu.app_id, emu.flight_id, {
        "flightPackages": [{"fileName": "Contoso.App_1.2.1.0_x64.msixupload"}],
    }, files=release)
    assert flight["stage"] == "published" and flight["flow"] == "flight-submission"

    win32 = client.publish_win32(
        emu.win32_product_id,
        packages={"packages": [{"packageUrl": "https://downloads.contoso.example/setup-1.2.0.msi", "languages": ["en-us"],
                                "architectures": ["X64"], "isSilentInstall": True, "packageType": "msi"}]},
        metadata={"listings": {"language": "en-us", "description": "Contoso Desktop, from Python.", "whatsNew": "New.",
                               "productFeatures": ["Fast"], "shortDescription": "Contoso", "searchTerms": ["contoso"]}},
        metadata_patch=True,
        assets=[{"language": "en-us", "screenshots": ["Assets/screenshot-en-us.png"], "logos": ["Assets/logo-en-us.png"]}],
        files=release,
    )
    assert win32["flow"] == "win32" and win32["stage"] == "published", win32
    pkgs = client.win32.get_packages(emu.win32_product_id)
    assert pkgs["responseData"]["packages"][0]["packageUrl"].endswith("setup-1.2.0.msi")

    if transport_name != "bundled":
        assert any("/oauth2/v2.0/token" in s for s in sent)
        assert any("comp=block" in s for s in sent), "the ZIP went through the adapter in blocks"
        assert any("comp=blocklist" in s for s in sent)
        assert all("sig=<redacted>" in s or "sig=" not in s for s in sent)


def test_ingestion_publish_and_typed_calls(emu: Any, transport_name: str) -> None:
    client = emu.client(transport=TRANSPORTS[transport_name]())
    product = client.ingestion.get_product(emu.ingestion_product_id)
    assert product["id"] == emu.ingestion_product_id
    out = client.publish_ingestion(emu.ingestion_product_id, promote=True)
    assert out["flow"] == "ingestion" and out["stage"] == "published", out
    subs = client.ingestion.list_submissions(emu.ingestion_product_id)
    assert any(s["id"] == out["submission_id"] for s in subs["value"])


def test_draft_then_resume(emu: Any, release: Path) -> None:
    client = emu.client()
    draft = client.publish_app_submission(emu.app_id, APP_CHANGES, files=release, stop_after="draft")
    assert draft["stage"] == "draft" and draft["resume_token"]
    assert "sig=" not in draft["resume_token"] and emu.info["client_secret"] not in draft["resume_token"]
    status = client.devcenter.get_app_submission_status(emu.app_id, draft["submission_id"])
    assert status["status"] == "PendingCommit"
    done = emu.client(transport=requests_transport()).resume(draft["resume_token"])
    assert done["stage"] == "published" and done["submission_id"] == draft["submission_id"]


def test_rollout_update_halt(emu: Any, release: Path) -> None:
    client = emu.client()
    out = client.publish_app_submission(emu.app_id, APP_CHANGES, files=release, rollout_percentage=10)
    sid = out["submission_id"]
    got = client.rollout(emu.app_id, sid)
    assert got["document"]["packageRolloutPercentage"] == 10
    up = client.rollout(emu.app_id, sid, action="update", percentage=50)
    assert up["document"]["packageRolloutPercentage"] == 50
    halted = client.rollout(emu.app_id, sid, action="halt")
    assert halted["status"] == "PackageRolloutStopped"  # the documented value
    with pytest.raises(storesubmit.InvalidArgumentError):
        client.rollout(emu.app_id, sid, action="update")


def test_lost_commit_answer_is_verified_not_repeated(emu: Any, release: Path) -> None:
    emu.add_fault({"op": "devcenter.commit_app_submission", "status": 503, "after_work": True, "times": 1})
    out = emu.client(transport=requests_transport()).publish_app_submission(emu.app_id, APP_CHANGES, files=release)
    assert out["stage"] == "published"


def test_retry_after_429_and_generic_call(emu: Any) -> None:
    emu.add_fault({"op": "devcenter.get_app", "status": 429, "headers": {"Retry-After": "0"}, "times": 2})
    client = emu.client()
    app = client.call("devcenter.get_app", {"applicationId": emu.app_id})
    assert app["document"]["id"] == emu.app_id and app["flow"] == "call"
    assert [a["id"] for a in client.list_all("devcenter.list_apps", {"top": 1})["document"]["value"]] == [emu.app_id]


def test_typed_errors_from_the_service(emu: Any) -> None:
    client = emu.client()
    with pytest.raises(storesubmit.NotFoundError) as info:
        client.devcenter.get_app("9NOPE")
    assert info.value.status == 404
    assert info.value.request and info.value.request["op"] == "devcenter.get_app"
    assert f"GET {info.value.request['url']}" in str(info.value) and "/applications/9NOPE" in str(info.value)
    bad = storesubmit.ClientSecretCredential(emu.tenant_id, emu.client_id, "wrong-secret", authority=emu.token_url)
    with pytest.raises(storesubmit.AuthenticationError) as auth:
        emu.client(bad).devcenter.list_apps()
    assert "wrong-secret" not in repr(auth.value) + str(auth.value)
    with pytest.raises(storesubmit.InvalidArgumentError, match="seller"):
        emu.client(seller_id=None).win32.get_packages(emu.win32_product_id)


def test_a_connection_error_names_its_request_sync_and_asyncio(emu: Any, transport_name: str) -> None:
    """Nothing listens at the devcenter endpoint: the error (sync and asyncio, every transport) names the
    operation, its method and its URL, as every error from a request does."""
    import asyncio
    import socket

    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    opts = {"endpoints": dict(emu.endpoints, devcenter=f"http://127.0.0.1:{port}"), "retry": {"maxAttempts": 1},
            "transport": TRANSPORTS[transport_name]()}

    async def in_asyncio() -> Any:
        return await emu.async_client(**opts).devcenter.get_app(emu.app_id)

    for run in (lambda: emu.client(**opts).devcenter.get_app(emu.app_id), lambda: asyncio.run(in_asyncio())):
        with pytest.raises(storesubmit.StoreSubmitError) as info:
            run()
        assert info.value.request and info.value.request["op"] == "devcenter.get_app", repr(info.value)
        assert f"GET http://127.0.0.1:{port}/" in str(info.value) and f"/applications/{emu.app_id}" in str(info.value)


def test_preflight_refuses_missing_files_before_any_request(emu: Any, tmp_path: Path) -> None:
    sent: List[str] = []

    def never(request: storesubmit.Request) -> storesubmit.Response:
        sent.append(request.url)
        raise AssertionError("no request expected")

    with pytest.raises(storesubmit.MissingFilesError) as info:
        emu.client(transport=never).publish_app_submission(emu.app_id, APP_CHANGES, files=tmp_path)
    assert info.value.issues and sent == []


class FakeAzureCredential:
    """An azure-identity style credential (here backed by the emulator's token service)."""

    def __init__(self, inner: storesubmit.ClientSecretCredential) -> None:
        self.inner = inner
        self.scopes: List[str] = []

    def get_token(self, *scopes: str, **kwargs: Any) -> Any:
        self.scopes.extend(scopes)
        return self.inner.get_token(*scopes)


def test_any_azure_identity_credential(emu: Any, release: Path) -> None:
    cred = FakeAzureCredential(emu.credential())
    sent: List[str] = []
    client = emu.client(cred, transport=counting(requests_transport(), sent))
    out = client.publish_app_submission(emu.app_id, APP_CHANGES, files=release)
    assert out["stage"] == "published"
    client.win32.get_packages(emu.win32_product_id)
    assert set(cred.scopes) == {"https://manage.devcenter.microsoft.com/.default", "https://api.store.microsoft.com/.default"}
    assert len(cred.scopes) == 2, "tokens are cached between calls"
    assert not any("oauth2" in s for s in sent), "the credential answered every token request"


class ClientAuthenticationError(Exception):
    """Stands for azure.core.exceptions.ClientAuthenticationError."""


class FailingCredential:
    def __init__(self) -> None:
        self.scopes: List[str] = []

    def get_token(self, *scopes: str, **kwargs: Any) -> Any:
        self.scopes.extend(scopes)
        raise ClientAuthenticationError("AADSTS7000215: Invalid client secret provided: hunter2-secret")


def test_a_failing_credential_raises_authentication_error_with_its_cause(emu: Any, release: Path) -> None:
    for transport in (None, requests_transport()):
        cred = FailingCredential()
        client = emu.client(cred, transport=transport)
        with pytest.raises(storesubmit.AuthenticationError) as info:
            client.publish_app_submission(emu.app_id, APP_CHANGES, files=release)
        assert isinstance(info.value.__cause__, ClientAuthenticationError), transport
        assert cred.scopes and cred.scopes[0] in str(info.value), "the error names the scope asked for"
        assert "hunter2" not in str(info.value) and "hunter2" not in repr(info.value)


def test_logs_are_redacted(emu: Any, release: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="storesubmit")
    out = emu.client().publish_app_submission(emu.app_id, APP_CHANGES, files=release)
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert "stage" in text and "POST" in text and "-> 200" in text
    assert emu.info["client_secret"] not in text
    assert "Bearer" not in text
    assert out["stage"] == "published"


def test_plain_http_to_a_remote_host_is_refused_for_every_transport() -> None:
    sent: List[str] = []

    def recorder(request: storesubmit.Request) -> storesubmit.Response:
        sent.append(request.url)
        return storesubmit.Response(500)

    cred = storesubmit.ClientSecretCredential("t", "c", "secret")
    for transport in (None, recorder):
        client = storesubmit.Client(cred, endpoints={"devcenter": "http://store.example", "token": "http://login.example"}, transport=transport)
        with pytest.raises(storesubmit.UnsupportedError):
            client.devcenter.list_apps()
    assert sent == []


def test_custom_credential_is_asked_again_when_tokens_expire_mid_workflow(release: Path) -> None:
    import storesubmit.emulator

    slow = {"commit": 1.0, "preprocessing": 1.0, "certification": 1.0, "release": 1.0}
    with storesubmit.emulator.start(token_lifetime_secs=4, durations=slow) as emu:
        cred = FakeAzureCredential(emu.credential())
        events: List[Any] = []
        client = emu.client(cred, on_event=events.append)
        out = client.publish_app_submission(emu.app_id, APP_CHANGES, files=release)
        assert out["stage"] == "published"
        assert cred.scopes.count("https://manage.devcenter.microsoft.com/.default") >= 2, cred.scopes
        kinds = {e["kind"] for e in events}
        assert {"stage", "request", "wait", "upload"} <= kinds
        assert all("sig=" not in e.get("url", "") or "sig=<redacted>" in e["url"] for e in events)


def test_every_transport_reports_the_same_core_events(release: Path) -> None:
    """The workflow is the core's whatever carries it: the bundled transport (the core's executor) and a Python
    transport (the client's loop) see the same stages (the statuses polled depend on timing), the same API and
    token requests in the same order, and the same upload bytes."""
    import re
    from urllib.parse import urlsplit

    import storesubmit.emulator

    seen: Dict[str, Any] = {}
    for name in ("bundled", "requests"):
        with storesubmit.emulator.start() as emu:
            events: List[Any] = []
            client = emu.client(transport=TRANSPORTS[name](), on_event=events.append)
            out = client.publish_app_submission(emu.app_id, APP_CHANGES, files=release)
            assert out["stage"] == "published"
            paths = [re.sub(r"/\d{6,}", "/{id}", urlsplit(e["url"]).path) for e in events if e["kind"] == "request"]
            kinds = [(e["method"], e["purpose"]["kind"]) for e in events if e["kind"] == "request"]
            requests_ = [(m, p, k) for (m, k), p in zip(kinds, paths)]
            stages = [e["stage"] for e in events if e["kind"] == "stage" and not e["stage"].startswith("poll:")]
            uploads = [e for e in events if e["kind"] == "upload"]
            seen[name] = (list(dict.fromkeys(requests_)), list(dict.fromkeys(stages)), uploads[-1])
    assert seen["bundled"] == seen["requests"]
    assert any(kind == "token" for _, _, kind in seen["bundled"][0]) and "upload" in seen["bundled"][1]
