"""How a run goes, for the sync and the asyncio client alike: one loop (:meth:`ClientBase._loop`) over the
core's session.

The session runs the workflow on the extension's executor: its requests (bundled HTTP client), waits and
file reads. The loop only takes what the session has (``next``, the GIL released), forwards the progress
events, performs the tasks the client keeps — sends through a ``transport=`` of its own, tokens from a
credential that is not a ``ClientSecretCredential`` — and ends with the outcome or the run's error. No
thread of the extension ever calls into Python, so an interpreter may exit while a run goes on.

The loop is a coroutine. The asyncio client awaits it; the sync client runs it to its end in one step,
since everything it awaits is a plain blocking call there. A cancel — Ctrl-C in a sync run, ``task.cancel()``
in an asyncio one — asks the session to stop: the run then ends with ``OperationCancelledError`` carrying
its ``resume_token``, after a ``resumable`` event.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import json
import logging
import os
import signal
import threading
import time
from typing import Any, Callable, Dict, Iterator, List, Mapping, Optional, Sequence, Tuple, Union

from . import _native
from ._errors import StoreSubmitError, _from_info
from .credentials import AsyncTokenCredential, ClientSecretCredential, TokenCredential
from .types import ProgressEvent, to_py

logger = logging.getLogger("storesubmit")

#: A folder or file name.
PathLike = Union[str, "os.PathLike[str]"]
#: Receives progress events.
EventCallback = Callable[[ProgressEvent], None]
#: Headers as a mapping or as ``(name, value)`` pairs.
Headers = Union[Mapping[str, str], Sequence[Tuple[str, str]], None]
#: What a client accepts as its credential.
Credential = Union[ClientSecretCredential, TokenCredential, AsyncTokenCredential]
#: A transport: ``Request`` → ``Response`` (or an awaitable of one, with the asyncio client).
Transport = Callable[["Request"], Any]


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        return dict(value)
    if isinstance(value, os.PathLike):
        return os.fspath(value)
    if isinstance(value, (tuple, set, frozenset)):
        return list(value)
    raise TypeError(f"{type(value).__name__} cannot be sent as JSON")


def dumps(value: Any) -> str:
    """JSON text of a value for the core (mappings, paths and tuples as JSON)."""
    return json.dumps(value, default=_plain, allow_nan=False)


def call(name: str, args: Mapping[str, Any], returns: Optional[str] = None) -> Any:
    """One of the core's offline functions (``surface.calls``), its answer as ``returns`` in Python."""
    return to_py(json.loads(_native.call(name, dumps(args))), returns)


def _pairs(headers: Headers) -> List[Tuple[str, str]]:
    items = headers.items() if isinstance(headers, Mapping) else headers or []
    return [(str(k), str(v)) for k, v in items]


def _header(headers: List[Tuple[str, str]], name: str) -> Optional[str]:
    return next((v for k, v in headers if k.lower() == name.lower()), None)


class Request:
    """An HTTP request the core built, for a transport to send: ``method``, ``url`` (a SAS URL holds its
    signature), ``headers`` (``(name, value)`` pairs, the bearer token among them), ``body`` (bytes) and
    ``timeout`` (seconds or ``None``) and ``max_response_bytes`` (the most body bytes the core accepts for
    it, or ``None``: a transport stops reading past it and raises
    :class:`storesubmit.ResponseTooLargeError`, as the bundled adapters do). ``repr()`` and ``str()`` show no
    secret."""

    __slots__ = ("method", "url", "headers", "body", "timeout", "max_response_bytes")

    def __init__(self, method: str, url: str, headers: Headers = None, body: bytes = b"",
                 timeout: Optional[float] = None, max_response_bytes: Optional[int] = None) -> None:
        self.method, self.url, self.headers, self.body, self.timeout = method, url, _pairs(headers), body, timeout
        self.max_response_bytes = max_response_bytes

    def header(self, name: str) -> Optional[str]:
        """The first value of a header (case-insensitive), or ``None``."""
        return _header(self.headers, name)

    def json(self) -> Any:
        """The body as JSON (``None`` when empty)."""
        return json.loads(self.body) if self.body else None

    def __repr__(self) -> str:
        return f"Request({self.method} {call('redactUrl', {'url': self.url})})"

    __str__ = __repr__


class Response:
    """An HTTP response as a transport received it: ``status``, ``headers`` (a mapping or pairs), ``body``
    (bytes, or text sent as UTF-8)."""

    __slots__ = ("status", "headers", "body")

    def __init__(self, status: int, headers: Headers = None, body: Union[bytes, str, None] = None) -> None:
        self.status, self.headers = int(status), _pairs(headers)
        self.body = body.encode() if isinstance(body, str) else bytes(body or b"")

    def header(self, name: str) -> Optional[str]:
        """The first value of a header (case-insensitive), or ``None``."""
        return _header(self.headers, name)

    def __repr__(self) -> str:
        return f"Response({self.status})"


def build_request(op: str, args: Optional[Mapping[str, Any]] = None, endpoints: Optional[Mapping[str, str]] = None) -> Request:
    """The request of any operation (``storesubmit.operations()``), built and not sent."""
    r = call("buildRequest", {"op": op, "args": args, "endpoints": endpoints})
    return Request(r["method"], r["url"], r["headers"], r["body"].encode(), r["timeout"], r.get("maxResponseBytes"))


def parse_response(response: Response, op: Optional[str] = None) -> Any:
    """The JSON body of a response (``None`` when empty), or raises its typed error; with an MSI/EXE
    operation's ``op``, a 2xx envelope with ``isSuccess: false`` raises too."""
    text = response.body.decode("utf-8", "replace")
    return call("parseResponse", {"response": {"status": response.status, "headers": response.headers, "text": text}, "op": op})


def _failure(exc: Exception, task: Dict[str, Any]) -> Dict[str, Any]:
    """What the core is told when performing a task raised: a typed error keeps its code; a credential's
    failure is ``auth`` (its text is not copied: it may hold a secret); "no response" is ``timeout`` or
    ``transport``. Any other exception stops the run (re-raised)."""
    if isinstance(exc, StoreSubmitError):
        return {"code": exc.code, "message": exc.message, "status": exc.status, "retryAfter": exc.retry_after}
    what = f"({type(exc).__name__}; see the cause)"
    if task["kind"] == "token":
        return {"code": "auth", "message": f"the credential could not get a token for {task['scope']} {what}"}
    if isinstance(exc, OSError):  # TimeoutError, ConnectionError
        return {"code": "timeout" if isinstance(exc, TimeoutError) else "transport", "message": f"no response {what}"}
    raise exc


@contextlib.contextmanager
def _ctrl_c(session: _native.Session) -> Iterator[None]:
    """While a sync run goes on in the main thread, the first Ctrl-C cancels it instead of raising
    ``KeyboardInterrupt`` (the run then ends with its resume token); a second one interrupts at once. A
    SIGINT handler other than Python's own is left alone."""
    if threading.current_thread() is not threading.main_thread() or signal.getsignal(signal.SIGINT) is not signal.default_int_handler:
        yield
        return

    def cancel(signum: int, frame: Any) -> None:
        signal.signal(signal.SIGINT, signal.default_int_handler)
        session.cancel()

    signal.signal(signal.SIGINT, cancel)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler)


class ClientBase:
    """The settings and the run loop :class:`storesubmit.Client` and :class:`storesubmit.aio.Client` share."""

    def __init__(self, credential: Optional[Credential], options: Dict[str, Any], transport: Optional[Transport],
                 on_event: Optional[EventCallback], user_agent: Optional[str], connect_timeout: float, is_async: bool) -> None:
        if credential is not None and not callable(getattr(credential, "get_token", None)):
            raise TypeError("credential must be a ClientSecretCredential, an object with get_token(*scopes), or None")
        if transport is not None and not callable(transport):
            raise TypeError("transport must be None or a callable taking a storesubmit.Request")
        self._credential, self._transport, self._on_event, self._async = credential, transport, on_event, is_async
        self._async_transport = inspect.iscoroutinefunction(transport) or inspect.iscoroutinefunction(getattr(transport, "__call__", None))
        self._async_token = inspect.iscoroutinefunction(getattr(credential, "get_token", None))
        if not is_async and (self._async_transport or self._async_token):
            raise TypeError("an async transport or credential needs storesubmit.aio.Client")
        self._secret: Optional[_native.Secret] = None
        if isinstance(credential, ClientSecretCredential):
            # the core requests this credential's tokens itself; any other credential answers token tasks
            options.update(tenantId=credential.tenant_id, clientId=credential.client_id)
            options["tokenVersion"] = credential.token_version if credential.token_version != "v2" else options["tokenVersion"]
            if credential.authority:
                options["endpoints"] = {"token": credential.authority, **(options.get("endpoints") or {})}
            self._secret = credential._secret
        self._options, self._endpoints = dumps(options), options.get("endpoints")
        self._tokens = _native.TokenCache()
        self._user_agent = user_agent or f"storesubmit-python/{_native.CORE_VERSION}"
        self._connect_timeout = connect_timeout

    def __repr__(self) -> str:
        return f"{type(self).__name__}(credential={self._credential!r}, endpoints={self._endpoints!r})"

    def _session(self, request: Mapping[str, Any], files: Optional[PathLike], output: Optional[PathLike]) -> _native.Session:
        keep_token = self._secret is None and self._credential is not None
        request = {k: v for k, v in request.items() if v is not None}  # None: the parameter's default
        return _native.Session(self._options, dumps(request), self._secret, self._tokens,
                               None if files is None else os.fspath(files), None if output is None else os.fspath(output),
                               self._transport is not None, keep_token, self._user_agent, self._connect_timeout)

    def _run(self, request: Mapping[str, Any], returns: Optional[str], files: Optional[PathLike] = None,
             output: Optional[PathLike] = None, on_progress: Optional[EventCallback] = None) -> Any:
        session = self._session(request, files, output)
        with _ctrl_c(session):
            loop = self._loop(session, on_progress)
            try:
                loop.send(None)
            except StopIteration as done:
                return to_py(done.value, returns)
        loop.close()
        raise RuntimeError("a sync run waited for something")

    async def _arun(self, request: Mapping[str, Any], returns: Optional[str], files: Optional[PathLike] = None,
                    output: Optional[PathLike] = None, on_progress: Optional[EventCallback] = None) -> Any:
        return to_py(await self._loop(self._session(request, files, output), on_progress), returns)

    async def _loop(self, session: _native.Session, on_progress: Optional[EventCallback]) -> Any:
        """The run: progress forwarded, kept tasks performed, the outcome returned or the error raised."""
        cause: Optional[BaseException] = None
        try:
            while True:
                m = json.loads(await self._next(session))
                for event in m["progress"]:
                    self._forward(to_py(event, "ProgressEvent"), on_progress)
                for task in m["tasks"]:
                    cause = await self._answer(session, task) or cause
                done = m["done"]
                if done and "error" in done:
                    raise _from_info(done["error"]) from cause
                if done:
                    return done["outcome"]
        finally:
            session.cancel()

    async def _next(self, session: _native.Session) -> str:
        """What the session has. Asyncio: in a worker thread, never lost to a cancel (which it passes on)."""
        if not self._async:
            return session.next(0.2)
        pending = asyncio.get_running_loop().run_in_executor(None, session.next, 0.5)
        while True:
            try:
                return await asyncio.shield(pending)
            except asyncio.CancelledError:
                session.cancel()

    async def _apply(self, fn: Callable[[Any], Any], is_async: bool, arg: Any) -> Any:
        """``fn(arg)``: awaited when it is async, in a worker thread for an asyncio client, else as is."""
        if is_async:
            return await fn(arg)
        return await asyncio.to_thread(fn, arg) if self._async else fn(arg)

    async def _answer(self, session: _native.Session, task: Dict[str, Any]) -> Optional[BaseException]:
        """Performs a kept task and answers it; returns a credential's failure (the cause of the run's error)."""
        tid, data, failure = task["id"], b"", None
        try:
            if task["kind"] == "send":
                request = Request(task["method"], task["url"], task["headers"], session.take_body(tid), task["timeout"],
                                  task["maxResponseBytes"])
                r = await self._apply(self._transport, self._async_transport, request)  # type: ignore[arg-type]
                r = Response(*r) if isinstance(r, tuple) else r
                answer, data = {"kind": "response", "status": r.status, "headers": r.headers}, r.body
            else:
                t = await self._apply(self._credential.get_token, self._async_token, task["scope"])  # type: ignore[union-attr]
                answer = {"kind": "token", "token": t.token, "expiresOn": int(t.expires_on), "obtainedAt": int(time.time())}
        except asyncio.CancelledError:
            session.cancel()
            answer = {"kind": "failed", "error": {"code": "cancelled", "message": "cancelled by the caller"}}
        except Exception as exc:
            answer, failure = {"kind": "failed", "error": _failure(exc, task)}, exc
        session.complete(dumps({"id": tid, **answer}), data)
        return failure if task["kind"] == "token" else None

    def _forward(self, event: ProgressEvent, on_progress: Optional[EventCallback]) -> None:
        """Logs an event (stages at INFO, requests, waits and resume tokens at DEBUG) and hands it over."""
        if event["kind"] not in ("upload", "pack"):
            logger.log(logging.INFO if event["kind"] == "stage" else logging.DEBUG, "%s", event["message"])
        for receiver in (self._on_event, on_progress):
            if receiver is not None:
                receiver(event)
