"""Transports over ``requests`` and ``httpx`` (optional dependencies: ``pip install storesubmit[requests]``
or ``storesubmit[httpx]``). Each returns a callable for ``transport=``: the client then sends every request
of its runs (token requests and upload blocks included) through it.

The adapters send exactly the core's request (method, URL, headers, body, per-request timeout), never
follow redirects (a redirect must not carry a bearer token elsewhere), and map the library's "no
response" exceptions to :class:`storesubmit.TransportError` / :class:`storesubmit.RequestTimeoutError`
so the workflows retry or verify. They read a body as it streams in and stop at the request's
``max_response_bytes`` (:class:`storesubmit.ResponseTooLargeError`; at once when the declared length is
already larger), so a hostile or broken server cannot make the process hold more. Messages never include the URL (it may hold a SAS signature), and the
libraries' own debug logs (``urllib3`` writes every request line, SAS ``sig`` included; ``httpx`` too) go
through a filter that redacts secrets before any handler sees them.
"""

from __future__ import annotations

import logging
from typing import Any, Awaitable, Callable, Dict, List, Optional

from ._errors import RequestTimeoutError, ResponseTooLargeError, TransportError
from ._host import Request, Response, call

__all__ = ["requests_transport", "httpx_transport", "httpx_async_transport"]


class _RedactSecrets(logging.Filter):
    """Rewrites a library's log record with secrets (SAS ``sig``, tokens) redacted."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # pragma: no cover - a broken record is left to logging's own handling
            return True
        record.msg = call("redact", {"text": message})
        record.args = ()
        return True


_REDACT = _RedactSecrets()


def _redact_library_logs(*names: str) -> None:
    """Attaches the redacting filter to the loggers a library writes request lines to (once each)."""
    for name in names:
        logger = logging.getLogger(name)
        if _REDACT not in logger.filters:
            logger.addFilter(_REDACT)


_URLLIB3_LOGGERS = ("urllib3.connectionpool", "urllib3.util.retry", "urllib3.connection")
_HTTPX_LOGGERS = ("httpx", "httpcore.http11", "httpcore.http2", "httpcore.connection", "httpcore.proxy")


class _Body:
    """A response body gathered chunk by chunk against the request's limit (none: unlimited)."""

    def __init__(self, declared: Optional[str], limit: Optional[int]) -> None:
        self.limit = limit
        self.chunks: List[bytes] = []
        self.length = 0
        if limit is not None and declared is not None and declared.isdigit() and int(declared) > limit:
            raise self._too_large(declared)

    def _too_large(self, seen: str) -> ResponseTooLargeError:
        return ResponseTooLargeError(f"the answer holds {seen} bytes, more than the {self.limit} this request accepts; it was not read")

    def add(self, chunk: bytes) -> None:
        """Keeps a chunk, or raises once the body passes the limit."""
        self.length += len(chunk)
        if self.limit is not None and self.length > self.limit:
            raise self._too_large(f"more than {self.length}")
        self.chunks.append(chunk)

    def bytes(self) -> bytes:
        return b"".join(self.chunks)


def requests_transport(session: Any = None) -> Callable[[Request], Response]:
    """A transport over a ``requests.Session`` (a new one when ``None``)."""
    try:
        import requests
    except ImportError as exc:  # pragma: no cover - exercised only without requests installed
        raise ImportError("requests_transport needs `requests`: pip install storesubmit[requests]") from exc
    s = session if session is not None else requests.Session()
    _redact_library_logs(*_URLLIB3_LOGGERS)

    def send(request: Request) -> Response:
        try:
            r = s.request(
                request.method,
                request.url,
                headers=dict(request.headers),
                data=request.body or None,
                timeout=request.timeout,
                allow_redirects=False,
                stream=True,
            )
            with r:
                body = _Body(r.headers.get("content-length"), request.max_response_bytes)
                for chunk in r.iter_content(1 << 16):
                    body.add(chunk)
        except requests.Timeout as exc:
            raise RequestTimeoutError(f"request timed out ({type(exc).__name__})", retryable=True) from None
        except requests.RequestException as exc:
            raise TransportError(f"connection failed ({type(exc).__name__})", retryable=True) from None
        return Response(r.status_code, list(r.headers.items()), body.bytes())

    send.__name__ = "requests_transport"
    return send


def _httpx_error(httpx: Any, exc: Exception) -> Exception:
    if isinstance(exc, httpx.TimeoutException):
        return RequestTimeoutError(f"request timed out ({type(exc).__name__})", retryable=True)
    return TransportError(f"connection failed ({type(exc).__name__})", retryable=True)


def httpx_transport(client: Any = None) -> Callable[[Request], Response]:
    """A transport over an ``httpx.Client`` (a new one when ``None``)."""
    try:
        import httpx
    except ImportError as exc:  # pragma: no cover
        raise ImportError("httpx_transport needs `httpx`: pip install storesubmit[httpx]") from exc
    c = client if client is not None else httpx.Client(follow_redirects=False)
    _redact_library_logs(*_HTTPX_LOGGERS)

    def send(request: Request) -> Response:
        try:
            with c.stream(request.method, request.url, headers=list(request.headers), content=request.body, timeout=request.timeout) as r:
                body = _Body(r.headers.get("content-length"), request.max_response_bytes)
                for chunk in r.iter_bytes():
                    body.add(chunk)
        except httpx.HTTPError as exc:
            raise _httpx_error(httpx, exc) from None
        return Response(r.status_code, list(r.headers.multi_items()), body.bytes())

    send.__name__ = "httpx_transport"
    return send


def httpx_async_transport(client: Any = None) -> Callable[[Request], Awaitable[Response]]:
    """An async transport over an ``httpx.AsyncClient`` (a new one when ``None``), for ``storesubmit.aio``."""
    try:
        import httpx
    except ImportError as exc:  # pragma: no cover
        raise ImportError("httpx_async_transport needs `httpx`: pip install storesubmit[httpx]") from exc
    holder: Dict[str, Any] = {"client": client}
    _redact_library_logs(*_HTTPX_LOGGERS)

    async def send(request: Request) -> Response:
        c: Optional[Any] = holder["client"]
        if c is None:
            c = holder["client"] = httpx.AsyncClient(follow_redirects=False)
        try:
            async with c.stream(request.method, request.url, headers=list(request.headers), content=request.body, timeout=request.timeout) as r:
                body = _Body(r.headers.get("content-length"), request.max_response_bytes)
                async for chunk in r.aiter_bytes():
                    body.add(chunk)
        except httpx.HTTPError as exc:
            raise _httpx_error(httpx, exc) from None
        return Response(r.status_code, list(r.headers.multi_items()), body.bytes())

    send.__name__ = "httpx_async_transport"
    return send
