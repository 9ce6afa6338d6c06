"""The asyncio client: ``storesubmit.aio.Client``, the same API as :class:`storesubmit.Client` with
``async`` methods.

Workflows over the bundled transport run whole on the extension's I/O runtime and resolve asyncio
futures, so the event loop never blocks and the GIL is free meanwhile; with another transport waits are ``asyncio.sleep``; a
``transport=`` callable may be async (``httpx_async_transport``) or sync (run in a worker thread); a
credential's ``get_token`` may be a coroutine (``azure.identity.aio``) or not.
"""

from __future__ import annotations

import asyncio
import inspect
from typing import Any, Awaitable, List, Mapping, Optional, Tuple

from . import _native
from ._base import ClientBase, PathLike, ProgressCallback, credential_failed, failure_args, forward, jitter, now
from ._errors import StoreSubmitError
from ._ops import AsyncDevcenterOperations, AsyncIngestionOperations, AsyncWin32Operations
from .transport import BundledTransport
from .types import Outcome

__all__ = ["Client"]


class Client(ClientBase[Awaitable[Outcome]]):
    """The asyncio twin of :class:`storesubmit.Client` (every method is a coroutine). A client for all three Store APIs: typed methods per family (:attr:`devcenter`, :attr:`win32`,
    :attr:`ingestion`), the generic :meth:`call`, and the publishing workflows.

    ``credential``: a :class:`storesubmit.ClientSecretCredential` or any azure-identity style credential.
    ``seller_id``: the ``X-Seller-Account-Id`` MSI/EXE calls need. ``endpoints``: service roots
    (``devcenter``, ``win32``, ``ingestion``, ``token``; e.g. the emulator's). ``transport``: ``None`` for the
    bundled one, a transport object or a callable. ``retry`` (``max_attempts``, ``base_delay``,
    ``max_delay``, ``max_retry_after``), ``poll`` (``initial``, ``factor``, ``max``), ``deadline`` and
    ``request_timeout`` are seconds. ``on_event`` receives :class:`storesubmit.types.ProgressEvent` dicts.
    """

    def __init__(self, credential: Any, **kwargs: Any) -> None:
        super().__init__(credential, **kwargs)
        #: The classic Store submission API (apps, submissions, add-ons, flights, rollout).
        self.devcenter = AsyncDevcenterOperations(self.call)
        #: The MSI/EXE submission API.
        self.win32 = AsyncWin32Operations(self.call)
        #: The Partner Center ingestion API.
        self.ingestion = AsyncIngestionOperations(self.call)

    async def __aenter__(self) -> "Client":
        return self

    async def __aexit__(self, *exc: Any) -> None:
        await self.close()

    async def close(self) -> None:
        """Releases nothing today (connections are pooled per transport); kept for ``with`` blocks."""

    # -- the driver -----------------------------------------------------------------------------

    async def _token(self, scope: str) -> Tuple[str, int]:
        try:
            token = self._credential.get_token(scope)
            if inspect.isawaitable(token):
                token = await token
        except StoreSubmitError:
            raise
        except Exception as exc:
            raise credential_failed(scope, exc) from exc
        return token.token, int(token.expires_on)

    async def run(self, flow: "_native.Flow", files: Optional[PathLike] = None, on_progress: Optional[ProgressCallback] = None) -> Outcome:
        """Runs a workflow to its end and returns its outcome (raises its typed error): the bundled transport
        runs it whole on the extension's runtime; any other transport performs its tasks one by one."""
        on_event = self._events(on_progress)
        folder = None if files is None else str(files)
        if isinstance(self._transport, BundledTransport):
            return await self._run_bundled(flow, folder, on_event)
        try:
            step = flow.start(now(), jitter(), self._tokens, folder)
            while step.kind != "done":
                forward(flow, on_event)
                if step.kind == "send":
                    try:
                        response = await self._transport.send_async(step.request)
                    except Exception as exc:
                        step = flow.failed(*failure_args(exc), now(), jitter())
                        continue
                    step = flow.respond(response, now(), jitter())
                elif step.kind == "wait":
                    await asyncio.sleep(step.seconds)
                    step = flow.waited(now(), jitter())
                else:
                    step = flow.token(*(await self._token(step.scope)), now(), jitter())
            done: Outcome = step.outcome
            return done
        finally:
            forward(flow, on_event)
            flow.save_tokens(self._tokens)

    async def _run_bundled(self, flow: "_native.Flow", folder: Optional[str], on_event: Any) -> Outcome:
        """The whole workflow on the extension's runtime; its callbacks hop onto this loop."""
        loop = asyncio.get_running_loop()

        def hop(event: Any) -> None:
            loop.call_soon_threadsafe(on_event, event)

        def get_token(scope: str) -> Tuple[str, int]:
            return asyncio.run_coroutine_threadsafe(self._token(scope), loop).result()

        future: "asyncio.Future[Outcome]" = loop.create_future()
        native = self._transport._native
        handle = native.run_async(flow, self._tokens, folder, hop, get_token if self._secret is None else None, loop, future)
        try:
            return await future
        except asyncio.CancelledError:
            handle.cancel()
            raise

    def _drive(self, flow: "_native.Flow", files: Optional[PathLike] = None, on_progress: Optional[ProgressCallback] = None) -> Awaitable[Outcome]:
        return self.run(flow, files, on_progress)

    # -- one call -------------------------------------------------------------------------------

    async def call(self, op_id: str, args: Optional[Mapping[str, Any]] = None) -> Any:
        """Calls any operation of the route table by id (``devcenter.get_app``, …; see
        :func:`storesubmit.operations`) with its arguments by their documented names
        (``applicationId``, ``top``, ``body``, …); returns the response body."""
        outcome = await self.run(self._flow({"workflow": "call", "op": op_id, "args": dict(args or {})}))
        return outcome.get("document")

    async def list_all(self, op_id: str, args: Optional[Mapping[str, Any]] = None) -> List[Any]:
        """Every item of a list operation (devcenter or ingestion), following next-page links (the core's
        paging, capped at 1,000 pages)."""
        outcome = await self.run(self._flow({"workflow": "listAll", "op": op_id, "args": dict(args or {})}))
        items: List[Any] = outcome["document"]["value"]
        return items

    async def upload_file(self, url: str, path: PathLike, on_progress: Optional[ProgressCallback] = None) -> Any:
        """Uploads a local file to a blob SAS URL with the bundled transport (in a worker thread)."""
        transport = self._transport if isinstance(self._transport, BundledTransport) else BundledTransport()
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(None, transport.upload_file, url, path, self._upload_events(on_progress))
