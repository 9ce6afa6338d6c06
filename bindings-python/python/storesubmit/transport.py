"""Transports: what carries the core's requests.

A transport is anything with the methods of :class:`BundledTransport` — or simply a callable taking a
:class:`Request` and returning a :class:`Response` (wrapped by :func:`as_transport`). The core's
workflows run the same way over every transport: token refresh, retries, verification after ambiguous
failures and polling are decided in the core, the transport only moves bytes.

- :class:`BundledTransport`: the extension's reqwest client (rustls, no OpenSSL needed), GIL released,
  parallel resumable block uploads. The default.
- :func:`storesubmit.adapters.requests_transport`, :func:`storesubmit.adapters.httpx_transport`: adapters
  for ``requests`` and ``httpx`` (optional imports).
- Your own callable: ``transport=lambda request: Response(...)`` (tests, proxies, recording).

A callable signals "no response" by raising: a :class:`storesubmit.StoreSubmitError` (its ``code``
is used, e.g. ``TransportError``/``RequestTimeoutError``), a builtin ``TimeoutError`` (``timeout``) or
``ConnectionError``/``OSError`` (``transport``); the workflow then retries or verifies. Any other
exception propagates and stops the workflow.
"""

from __future__ import annotations

import asyncio
import inspect
import random
import time
from pathlib import Path
from typing import Any, Awaitable, Callable, Optional, Tuple, Union

from . import _native
from ._errors import StoreSubmitError, error_class_for
from .types import UploadReport

__all__ = [
    "Request",
    "Response",
    "BundledTransport",
    "CallableTransport",
    "TransportCallable",
    "as_transport",
    "failure_of",
]

#: An HTTP request built by the core (immutable; ``repr()`` redacts secrets).
Request = _native.Request
#: An HTTP response handed back to the core.
Response = _native.Response

#: A transport as a plain callable (sync, or async for the asyncio client).
TransportCallable = Callable[[Any], Union[Any, Awaitable[Any]]]

ProgressCallback = Callable[[int, int], None]
PathLike = Union[str, Path]


def _user_agent() -> str:
    return f"storesubmit-python/{_native.CORE_VERSION}"


def failure_of(exc: BaseException) -> Optional[Tuple[str, str, Optional[int], Optional[bool]]]:
    """``(code, message, status, retryable)`` when ``exc`` means "no response" (see the module docs), else ``None``."""
    if isinstance(exc, StoreSubmitError):
        return exc.code, exc.message, exc.status, exc.retryable
    if isinstance(exc, TimeoutError):
        return "timeout", f"request timed out: {type(exc).__name__}", None, True
    if isinstance(exc, (ConnectionError, OSError)):
        return "transport", f"connection failed: {type(exc).__name__}", None, True
    return None


class BundledTransport:
    """The extension's HTTP client: https (or http to loopback), rustls, proxies from the environment
    (``HTTPS_PROXY``/``NO_PROXY``), no redirects. Sends and uploads release the GIL; the I/O runtime is
    created on first use and again after ``fork()``."""

    def __init__(
        self,
        *,
        user_agent: Optional[str] = None,
        connect_timeout: float = 30.0,
        upload_block_size: int = 0,
        upload_concurrency: int = 4,
    ) -> None:
        self._native = _native.BundledTransport(user_agent or _user_agent(), connect_timeout, upload_block_size, upload_concurrency)

    def __repr__(self) -> str:
        return "BundledTransport()"

    def send(self, request: Request) -> Response:
        """Sends one request; returns the response whatever its status."""
        return self._native.send(request)

    def upload(self, upload: "_native.Upload", files: Optional[PathLike], on_progress: Optional[ProgressCallback] = None) -> None:
        """Performs a workflow's upload step (files under ``files``)."""
        self._native.upload(upload, None if files is None else str(files), on_progress)

    def upload_file(self, url: str, path: PathLike, on_progress: Optional[ProgressCallback] = None) -> UploadReport:
        """Uploads a local file to a blob SAS URL (resumable blocks)."""
        report: UploadReport = self._native.upload_file(url, str(path), on_progress)
        return report

    async def send_async(self, request: Request) -> Response:
        """``send`` without blocking the event loop."""
        loop = asyncio.get_running_loop()
        future: "asyncio.Future[Response]" = loop.create_future()
        handle = self._native.send_async(request, loop, future)
        try:
            return await future
        except asyncio.CancelledError:
            handle.cancel()
            raise

    async def upload_async(
        self, upload: "_native.Upload", files: Optional[PathLike], on_progress: Optional[ProgressCallback] = None
    ) -> None:
        """``upload`` without blocking the event loop; ``on_progress`` runs on the loop."""
        loop = asyncio.get_running_loop()
        future: "asyncio.Future[None]" = loop.create_future()
        hop: Optional[ProgressCallback] = None
        if on_progress is not None:
            callback = on_progress

            def hop(done: int, total: int) -> None:
                loop.call_soon_threadsafe(callback, done, total)

        handle = self._native.upload_async(upload, None if files is None else str(files), hop, loop, future)
        try:
            await future
        except asyncio.CancelledError:
            handle.cancel()
            raise


def _as_response(value: Any) -> Response:
    if isinstance(value, _native.Response):
        return value
    if isinstance(value, tuple) and len(value) == 3:
        return _native.Response(value[0], value[1], value[2])
    raise TypeError(f"a transport must return storesubmit.Response (or (status, headers, body)), not {type(value).__name__}")


def _check_blob(response: Response) -> None:
    _native.check_blob_response(response)


_BLOB_ATTEMPTS = 4


class CallableTransport:
    """Turns a callable ``fn(request) -> Response`` into a transport. Uploads go through the same
    callable, one Put Block at a time (each retried alone when the error is retryable)."""

    def __init__(self, fn: TransportCallable, *, upload_block_size: int = 0) -> None:
        if not callable(fn):
            raise TypeError("transport must be callable")
        self._fn = fn
        self._block_size = upload_block_size
        #: Whether ``fn`` is a coroutine function (only the asyncio client can use those).
        self.is_async = inspect.iscoroutinefunction(fn) or inspect.iscoroutinefunction(getattr(fn, "__call__", None))

    def __repr__(self) -> str:
        return f"CallableTransport({getattr(self._fn, '__name__', type(self._fn).__name__)})"

    # -- sync ---------------------------------------------------------------------------------

    def send(self, request: Request) -> Response:
        """Calls the callable."""
        result = self._fn(request)
        if inspect.isawaitable(result):
            close = getattr(result, "close", None)
            if close is not None:
                close()
            raise TypeError("this transport is async: use storesubmit.aio.Client")
        return _as_response(result)

    def _send_blob(self, request: Request) -> None:
        for attempt in range(1, _BLOB_ATTEMPTS + 1):
            try:
                _check_blob(self.send(request))
                return
            except Exception as exc:  # noqa: BLE001 - classified below
                failure = failure_of(exc)
                if failure is None or not failure[3] or attempt == _BLOB_ATTEMPTS:
                    if failure is not None and not isinstance(exc, StoreSubmitError):
                        raise error_class_for(failure[0])(failure[1], code=failure[0], retryable=bool(failure[3])) from exc
                    raise
                time.sleep(min(8.0, 0.25 * 2**attempt) * (0.5 + random.random() / 2))

    def upload(self, upload: "_native.Upload", files: Optional[PathLike], on_progress: Optional[ProgressCallback] = None) -> None:
        """Performs an upload step through the callable."""
        folder = None if files is None else str(files)
        if upload.kind == "zip":
            blocks = _native.BlockUpload(upload, folder, self._block_size)
            while True:
                request = blocks.next_request()
                if request is None:
                    break
                self._send_blob(request)
                if on_progress is not None:
                    on_progress(blocks.done, blocks.total)
            self._send_blob(blocks.commit_request())
            if on_progress is not None:
                on_progress(blocks.total, blocks.total)
            return
        requests = _native.asset_requests(upload, folder)
        for i, request in enumerate(requests):
            try:
                self._send_blob(request)
                if on_progress is not None:
                    size = len(request.body)
                    on_progress(size, size)
                return
            except StoreSubmitError:
                if i == len(requests) - 1:
                    raise

    # -- async --------------------------------------------------------------------------------

    async def send_async(self, request: Request) -> Response:
        """Calls the callable (awaiting it when async; a sync one runs in a worker thread)."""
        if self.is_async:
            return _as_response(await self._fn(request))
        loop = asyncio.get_running_loop()
        return _as_response(await loop.run_in_executor(None, self._fn, request))

    async def _send_blob_async(self, request: Request) -> None:
        for attempt in range(1, _BLOB_ATTEMPTS + 1):
            try:
                _check_blob(await self.send_async(request))
                return
            except Exception as exc:  # noqa: BLE001 - classified below
                failure = failure_of(exc)
                if failure is None or not failure[3] or attempt == _BLOB_ATTEMPTS:
                    if failure is not None and not isinstance(exc, StoreSubmitError):
                        raise error_class_for(failure[0])(failure[1], code=failure[0], retryable=bool(failure[3])) from exc
                    raise
                await asyncio.sleep(min(8.0, 0.25 * 2**attempt) * (0.5 + random.random() / 2))

    async def upload_async(
        self, upload: "_native.Upload", files: Optional[PathLike], on_progress: Optional[ProgressCallback] = None
    ) -> None:
        """Performs an upload step through the callable without blocking the loop."""
        loop = asyncio.get_running_loop()
        folder = None if files is None else str(files)
        if upload.kind == "zip":
            blocks = await loop.run_in_executor(None, _native.BlockUpload, upload, folder, self._block_size)
            while True:
                request = await loop.run_in_executor(None, blocks.next_request)
                if request is None:
                    break
                await self._send_blob_async(request)
                if on_progress is not None:
                    on_progress(blocks.done, blocks.total)
            await self._send_blob_async(blocks.commit_request())
            if on_progress is not None:
                on_progress(blocks.total, blocks.total)
            return
        requests = await loop.run_in_executor(None, _native.asset_requests, upload, folder)
        for i, request in enumerate(requests):
            try:
                await self._send_blob_async(request)
                if on_progress is not None:
                    size = len(request.body)
                    on_progress(size, size)
                return
            except StoreSubmitError:
                if i == len(requests) - 1:
                    raise


def as_transport(transport: Any, *, upload_block_size: int = 0, upload_concurrency: int = 4, user_agent: Optional[str] = None) -> Any:
    """The transport object for a ``transport=`` argument: ``None`` → :class:`BundledTransport`, an object
    with ``send`` → itself, a callable → :class:`CallableTransport`."""
    if transport is None:
        return BundledTransport(user_agent=user_agent, upload_block_size=upload_block_size, upload_concurrency=upload_concurrency)
    if hasattr(transport, "send") and hasattr(transport, "upload"):
        return transport
    if callable(transport):
        return CallableTransport(transport, upload_block_size=upload_block_size)
    raise TypeError("transport must be None, a transport object or a callable taking a Request")
