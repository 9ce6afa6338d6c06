"""Transports: what carries the core's requests.

A transport is anything with the methods of :class:`BundledTransport` — or simply a callable taking a
:class:`Request` and returning a :class:`Response` (wrapped by :func:`as_transport`). The core's
workflows run the same way over every transport: token refresh, retries, verification after ambiguous
failures, block uploads, paging and polling are decided in the core; the transport only sends requests.

- :class:`BundledTransport`: the extension's reqwest client (rustls, no OpenSSL needed), which runs whole
  workflows in the extension (GIL released, several upload blocks in flight). The default.
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
from pathlib import Path
from typing import Any, Awaitable, Callable, Optional, Tuple, Union

from . import _native
from ._errors import StoreSubmitError
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
    (``HTTPS_PROXY``/``NO_PROXY``), no redirects. It runs workflows whole (the client's ``run``); sends,
runs and uploads release the GIL; the I/O runtime is
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


def _as_response(value: Any) -> Response:
    if isinstance(value, _native.Response):
        return value
    if isinstance(value, tuple) and len(value) == 3:
        return _native.Response(value[0], value[1], value[2])
    raise TypeError(f"a transport must return storesubmit.Response (or (status, headers, body)), not {type(value).__name__}")


class CallableTransport:
    """Turns a callable ``fn(request) -> Response`` into a transport: every request of a workflow goes
    through it, the blocks of its uploads too. (``upload_block_size`` is kept for compatibility: the
    client's ``upload_block_size`` sets the block size of the workflows' uploads.)"""

    def __init__(self, fn: TransportCallable, *, upload_block_size: int = 0) -> None:
        if not callable(fn):
            raise TypeError("transport must be callable")
        self._fn = fn
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

    # -- async --------------------------------------------------------------------------------

    async def send_async(self, request: Request) -> Response:
        """Calls the callable (awaiting it when async; a sync one runs in a worker thread)."""
        if self.is_async:
            return _as_response(await self._fn(request))
        loop = asyncio.get_running_loop()
        return _as_response(await loop.run_in_executor(None, self._fn, request))


def as_transport(transport: Any, *, upload_block_size: int = 0, upload_concurrency: int = 4, user_agent: Optional[str] = None) -> Any:
    """The transport object for a ``transport=`` argument: ``None`` → :class:`BundledTransport`, an object
    with ``send`` and ``send_async`` → itself, a callable → :class:`CallableTransport`."""
    if transport is None:
        return BundledTransport(user_agent=user_agent, upload_block_size=upload_block_size, upload_concurrency=upload_concurrency)
    if hasattr(transport, "send") and hasattr(transport, "send_async"):
        return transport
    if callable(transport):
        return CallableTransport(transport)
    raise TypeError("transport must be None, a transport object or a callable taking a Request")
