"""The synchronous client: :class:`Client`.

The bundled transport runs the core's workflows whole in the extension (GIL released); with any other
transport the client performs their tasks: each request goes through the transport, each wait is a
``time.sleep``, and token tasks are answered by the credential when it is not a
:class:`ClientSecretCredential`. Uploads, retries, token refresh and paging are the workflows' own.
"""

from __future__ import annotations

import time
from typing import Any, List, Mapping, Optional, Sequence, Tuple

from . import _native
from ._base import ClientBase, PathLike, ProgressCallback, credential_failed, failure_args, forward, jitter, now
from ._errors import StoreSubmitError
from ._ops import DevcenterOperations, IngestionOperations, Win32Operations
from .transport import BundledTransport
from .types import Outcome

__all__ = ["Client"]


class Client(ClientBase[Outcome]):
    """A client for all three Store APIs: typed methods per family (:attr:`devcenter`, :attr:`win32`,
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
        if getattr(self._transport, "is_async", False):
            raise TypeError("an async transport needs storesubmit.aio.Client")
        #: The classic Store submission API (apps, submissions, add-ons, flights, rollout).
        self.devcenter = DevcenterOperations(self.call)
        #: The MSI/EXE submission API.
        self.win32 = Win32Operations(self.call)
        #: The Partner Center ingestion API.
        self.ingestion = IngestionOperations(self.call)

    def __enter__(self) -> "Client":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def close(self) -> None:
        """Releases nothing today (connections are pooled per transport); kept for ``with`` blocks."""

    # -- the driver -----------------------------------------------------------------------------

    def _token(self, scope: str) -> Tuple[str, int]:
        try:
            token = self._credential.get_token(scope)
        except StoreSubmitError:
            raise
        except Exception as exc:
            raise credential_failed(scope, exc) from exc
        if hasattr(token, "__await__"):
            raise TypeError("this credential is async: use storesubmit.aio.Client")
        return token.token, int(token.expires_on)

    def run(self, flow: "_native.Flow", files: Optional[PathLike] = None, on_progress: Optional[ProgressCallback] = None) -> Outcome:
        """Runs a workflow to its end and returns its outcome (raises its typed error): the bundled transport
        runs it whole in the extension; any other transport performs its tasks one by one."""
        on_event = self._events(on_progress)
        folder = None if files is None else str(files)
        get_token = self._token if self._secret is None else None
        if isinstance(self._transport, BundledTransport):
            outcome: Outcome = self._transport._native.run(flow, self._tokens, folder, on_event, get_token)
            return outcome
        try:
            step = flow.start(now(), jitter(), self._tokens, folder)
            while step.kind != "done":
                forward(flow, on_event)
                if step.kind == "send":
                    try:
                        response = self._transport.send(step.request)
                    except Exception as exc:
                        step = flow.failed(*failure_args(exc), now(), jitter())
                        continue
                    step = flow.respond(response, now(), jitter())
                elif step.kind == "wait":
                    time.sleep(step.seconds)
                    step = flow.waited(now(), jitter())
                else:
                    step = flow.token(*self._token(step.scope), now(), jitter())
            done: Outcome = step.outcome
            return done
        finally:
            forward(flow, on_event)
            flow.save_tokens(self._tokens)

    def _drive(self, flow: "_native.Flow", files: Optional[PathLike] = None, on_progress: Optional[ProgressCallback] = None) -> Outcome:
        return self.run(flow, files, on_progress)

    # -- one call -------------------------------------------------------------------------------

    def call(self, op_id: str, args: Optional[Mapping[str, Any]] = None) -> Any:
        """Calls any operation of the route table by id (``devcenter.get_app``, …; see
        :func:`storesubmit.operations`) with its arguments by their documented names
        (``applicationId``, ``top``, ``body``, …); returns the response body."""
        outcome = self.run(self._flow({"workflow": "call", "op": op_id, "args": dict(args or {})}))
        return outcome.get("document")

    def list_all(self, op_id: str, args: Optional[Mapping[str, Any]] = None) -> List[Any]:
        """Every item of a list operation (devcenter or ingestion), following next-page links (the core's
        paging, capped at 1,000 pages)."""
        outcome = self.run(self._flow({"workflow": "listAll", "op": op_id, "args": dict(args or {})}))
        items: List[Any] = outcome["document"]["value"]
        return items

    def upload_file(self, url: str, path: PathLike, on_progress: Optional[ProgressCallback] = None) -> Any:
        """Uploads a local file to a blob SAS URL with the bundled transport (blocks, resumable)."""
        transport = self._transport if isinstance(self._transport, BundledTransport) else BundledTransport()
        return transport.upload_file(url, path, self._upload_events(on_progress))
