"""The asyncio client: same workflows, never blocking the event loop, sync or async transports and
credentials, concurrent calls, cancellation."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any, List

import pytest

import storesubmit
import storesubmit.aio
from storesubmit.adapters import httpx_async_transport, requests_transport

from test_e2e import APP_CHANGES


def run(coro: Any) -> Any:
    return asyncio.run(coro)


def test_async_publish_does_not_block_the_loop(emu: Any, release: Path) -> None:
    async def main() -> Any:
        ticks: List[float] = []

        async def ticker() -> None:
            while True:
                ticks.append(time.monotonic())
                await asyncio.sleep(0.01)

        t = asyncio.ensure_future(ticker())
        async with emu.async_client() as client:
            assert isinstance(client, storesubmit.aio.Client)
            out = await client.publish_app_submission(emu.app_id, APP_CHANGES, files=release)
        t.cancel()
        gaps = [b - a for a, b in zip(ticks, ticks[1:])]
        return out, ticks, gaps

    out, ticks, gaps = run(main())
    assert out["stage"] == "published"
    assert len(ticks) > 20 and max(gaps) < 0.5, "the event loop kept running during the workflow"


def test_async_with_httpx_and_an_async_credential(emu: Any, release: Path) -> None:
    class AsyncCredential:
        def __init__(self) -> None:
            self.inner = emu.credential()
            self.calls = 0

        async def get_token(self, *scopes: str, **kwargs: Any) -> Any:
            self.calls += 1
            await asyncio.sleep(0)
            return self.inner.get_token(*scopes)

    cred = AsyncCredential()

    async def main() -> Any:
        client = emu.async_client(cred, transport=httpx_async_transport())
        out = await client.publish_flight_submission(
            emu.app_id, emu.flight_id, {"flightPackages": [{"fileName": "Contoso.App_1.2.1.0_x64.msixupload"}]}, files=release)
        win = await client.win32.get_packages(emu.win32_product_id)
        return out, win

    out, win = run(main())
    assert out["stage"] == "published" and win["isSuccess"] is True
    assert cred.calls == 2, "one token per API family, kept between runs"


def test_async_credential_errors_are_authentication_errors(emu: Any, release: Path) -> None:
    class Refused(Exception):
        pass

    class AsyncFailing:
        async def get_token(self, *scopes: str, **kwargs: Any) -> Any:
            raise Refused("no token today")

    async def main() -> None:
        for transport in (None, httpx_async_transport()):
            client = emu.async_client(AsyncFailing(), transport=transport)
            with pytest.raises(storesubmit.AuthenticationError) as info:
                await client.publish_app_submission(emu.app_id, {"notesForCertification": "x"}, files=release)
            assert isinstance(info.value.__cause__, Refused)

    run(main())


def test_async_sync_adapter_runs_in_threads_and_calls_are_concurrent(emu: Any) -> None:
    async def main() -> Any:
        client = emu.async_client(transport=requests_transport())
        apps, addons, product = await asyncio.gather(
            client.devcenter.list_apps(),
            client.devcenter.list_addons(),
            client.win32.get_metadata(emu.win32_product_id),
        )
        return apps, addons, product

    apps, addons, product = run(main())
    assert apps["value"][0]["id"] == emu.app_id
    assert emu.addon_id in str(addons["value"])
    assert product["isSuccess"] is True


def test_async_errors_and_cancellation(emu: Any) -> None:
    emu.add_fault({"op": "devcenter.get_app", "delay_ms": 3000})

    async def main() -> Any:
        client = emu.async_client()
        with pytest.raises(storesubmit.NotFoundError) as info:
            await client.devcenter.get_addon("9NOPE")
        assert "GET " in str(info.value) and "/inappproducts/9NOPE" in str(info.value), "the error names its request"
        task = asyncio.ensure_future(client.devcenter.get_app(emu.app_id))
        await asyncio.sleep(0.3)
        task.cancel()
        started = time.monotonic()
        with pytest.raises(storesubmit.OperationCancelledError):
            await task
        return time.monotonic() - started

    assert run(main()) < 1.0


def test_async_draft_and_resume(emu: Any, release: Path) -> None:
    async def main() -> Any:
        client = emu.async_client()
        draft = await client.publish_app_submission(emu.app_id, APP_CHANGES, files=release, stop_after="draft")
        return draft, await client.resume(draft["resume_token"])

    draft, done = run(main())
    assert draft["stage"] == "draft" and done["stage"] == "published"
