"""Bounded answers (issue 24): a server that declares or sends more than a request accepts makes every
transport — the requests and httpx adapters (sync and async) and a caller's own — fail with
``ResponseTooLargeError``, having read no more than about the limit, instead of growing without bound; and
a server that never answers meets the run's deadline through every adapter (the core gives each request
the smaller of its timeout and the time left)."""

from __future__ import annotations

import asyncio
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Dict, Iterator

import pytest

import storesubmit
from storesubmit.adapters import httpx_async_transport, httpx_transport, requests_transport

CHUNK = 1 << 16


class _Hostile(BaseHTTPRequestHandler):
    """``/declared``: a 10 GB Content-Length and nothing after; ``/endless``: bytes until the client goes."""

    sent: Dict[str, int] = {"bytes": 0}

    def do_GET(self) -> None:  # noqa: N802 - the standard library's name
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        if "stall" in self.path:
            time.sleep(30)
            return
        if "declared" in self.path:
            self.send_header("Content-Length", "10000000000")
            self.end_headers()
            return
        self.send_header("Connection", "close")
        self.end_headers()
        try:
            for _ in range(4096):  # 256 MiB at most
                self.wfile.write(b" " * CHUNK)
                _Hostile.sent["bytes"] += CHUNK
        except OSError:
            pass

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    srv = ThreadingHTTPServer(("127.0.0.1", 0), _Hostile)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()


class _Token:
    def get_token(self, *scopes: str, **kwargs: Any) -> storesubmit.AccessToken:
        return storesubmit.AccessToken("t", int(time.time()) + 3600)


def _client(root: str, transport: Any, cls: Any = storesubmit.Client, **options: Any) -> Any:
    options.setdefault("retry", {"maxAttempts": 1})
    return cls(_Token(), endpoints={"devcenter": root}, transport=transport, **options)


@pytest.mark.parametrize("path", ["declared", "endless"])
@pytest.mark.parametrize("adapter", [requests_transport, httpx_transport])
def test_the_adapters_stop_at_the_limit(server: str, path: str, adapter: Any) -> None:
    _Hostile.sent["bytes"] = 0
    client = _client(f"{server}/{path}", adapter())
    with pytest.raises(storesubmit.ResponseTooLargeError) as err:
        client.devcenter.get_app("9NBLGGH4R315")
    assert "more than the" in str(err.value)
    # the API limit is 32 MiB; the server may have written a few socket buffers more before it noticed
    assert _Hostile.sent["bytes"] <= 48 << 20, _Hostile.sent


@pytest.mark.parametrize("path", ["declared", "endless"])
def test_the_async_adapter_stops_at_the_limit(server: str, path: str) -> None:
    _Hostile.sent["bytes"] = 0

    async def main() -> None:
        async with _client(f"{server}/{path}", httpx_async_transport(), storesubmit.aio.Client) as client:
            with pytest.raises(storesubmit.ResponseTooLargeError):
                await client.devcenter.get_app("9NBLGGH4R315")

    asyncio.run(main())
    assert _Hostile.sent["bytes"] <= 48 << 20, _Hostile.sent


def test_a_callers_transport_that_reads_too_much_gets_the_same_error() -> None:
    def reads_everything(request: storesubmit.Request) -> storesubmit.Response:
        assert request.max_response_bytes == 32 << 20
        return storesubmit.Response(200, {"Content-Type": "application/json"}, b" " * ((32 << 20) + 1))

    with pytest.raises(storesubmit.ResponseTooLargeError):
        _client("http://127.0.0.1:9/dc", reads_everything).devcenter.get_app("9NBLGGH4R315")


@pytest.mark.parametrize("adapter", [requests_transport, httpx_transport])
def test_a_stalled_server_meets_the_deadline_through_the_adapters(server: str, adapter: Any) -> None:
    started = time.monotonic()
    with pytest.raises(storesubmit.DeadlineExceededError):
        _client(f"{server}/stall", adapter(), deadline=2, retry=None).devcenter.get_app("9NBLGGH4R315")
    assert time.monotonic() - started < 15, "the deadline did not cut the request in flight"


def test_a_stalled_server_meets_the_deadline_through_the_async_adapter(server: str) -> None:
    async def main() -> None:
        async with _client(f"{server}/stall", httpx_async_transport(), storesubmit.aio.Client, deadline=2, retry=None) as client:
            with pytest.raises(storesubmit.DeadlineExceededError):
                await client.devcenter.get_app("9NBLGGH4R315")

    started = time.monotonic()
    asyncio.run(main())
    assert time.monotonic() - started < 15, "the deadline did not cut the request in flight"
