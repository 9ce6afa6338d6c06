"""What the sync and asyncio clients share: settings, workflow construction, logging, events.

Only the driving loop differs between :class:`storesubmit.Client` and :class:`storesubmit.aio.Client`;
both build the same core workflows (:class:`storesubmit._native.Flow`) here.
"""

from __future__ import annotations

import logging
import random
import time
from pathlib import Path
from typing import Any, Callable, Dict, Mapping, Optional, Sequence, Tuple, Union

from . import _native
from .credentials import AccessTokenLike, ClientSecretCredential
from .types import Outcome, ProgressEvent

logger = logging.getLogger("storesubmit")

PathLike = Union[str, Path]
EventCallback = Callable[[ProgressEvent], None]
ProgressCallback = Callable[[int, int], None]

def now() -> int:
    """Unix time, seconds (the core has no clock)."""
    return int(time.time())


def jitter() -> float:
    """A random number in [0, 1) for retry backoff (the core has no randomness)."""
    return random.random()


def failure_args(exc: BaseException) -> Tuple[str, str, Optional[int], Optional[bool]]:
    """What to tell a workflow when its transport raised instead of answering (re-raises an exception
    that does not mean "no response")."""
    from .transport import failure_of

    failure = failure_of(exc)
    if failure is None:
        raise exc
    return failure


def forward(flow: "_native.Flow", on_event: EventCallback) -> None:
    """Hands the workflow's new progress events to ``on_event``."""
    for event in flow.take_progress():
        on_event(event)


class ClientBase:
    """Settings and workflow construction shared by the sync and asyncio clients."""

    def __init__(
        self,
        credential: Any,
        *,
        seller_id: Optional[str] = None,
        endpoints: Optional[Mapping[str, str]] = None,
        transport: Any = None,
        token_version: Optional[str] = None,
        retry: Optional[Mapping[str, float]] = None,
        poll: Optional[Mapping[str, float]] = None,
        deadline: Optional[float] = None,
        request_timeout: Optional[float] = 120.0,
        user_agent: Optional[str] = None,
        on_event: Optional[EventCallback] = None,
        upload_block_size: int = 0,
        upload_concurrency: int = 4,
    ) -> None:
        from .transport import as_transport

        if credential is None or not hasattr(credential, "get_token"):
            raise TypeError("credential must be a ClientSecretCredential or an object with get_token(*scopes)")
        self._credential = credential
        eps: Dict[str, str] = dict(endpoints or {})
        upload: Dict[str, int] = {"blockSize": upload_block_size, "concurrency": upload_concurrency}
        opts: Dict[str, Any] = {"endpoints": eps, "requestTimeout": request_timeout, "upload": upload}
        self._secret: Optional["_native.Secret"] = None
        if isinstance(credential, ClientSecretCredential):
            # The flow requests this credential's tokens itself; any other credential answers the flow's
            # token tasks (its get_token).
            opts["tenantId"], opts["clientId"], self._secret = credential._native_parts()
            if credential.authority and "token" not in eps:
                eps["token"] = credential.authority
            opts["tokenVersion"] = token_version or credential.token_version
        elif token_version is not None:
            opts["tokenVersion"] = token_version
        for key, value in (("sellerId", seller_id), ("retry", retry), ("poll", poll), ("deadline", deadline)):
            if value is not None:
                opts[key] = value
        self._cfg = opts
        self._tokens = _native.TokenCache()
        self._on_event = on_event
        self._transport = as_transport(
            transport, upload_block_size=upload_block_size, upload_concurrency=upload_concurrency, user_agent=user_agent
        )

    def __repr__(self) -> str:
        return f"{type(self).__name__}(credential={self._credential!r}, endpoints={self._cfg['endpoints']!r})"

    # -- events and logs ------------------------------------------------------------------------

    def _events(self, on_progress: Optional[ProgressCallback]) -> EventCallback:
        """The receiver of a run's progress events (the core's): logs them, hands them to ``on_event`` and
        upload bytes to ``on_progress``."""

        def forward(event: ProgressEvent) -> None:
            kind = event["type"]
            if kind == "stage":
                logger.info("stage %s", event["stage"])
            elif kind == "request":
                status = event["status"]
                logger.debug("%s %s -> %s", event["method"], event["url"], "no response" if status is None else status)
            elif kind == "wait":
                logger.debug("waiting %.3fs", event["seconds"])
            elif kind == "upload" and on_progress is not None:
                on_progress(event["done"], event["total"])
            if self._on_event is not None:
                self._on_event(event)

        return forward

    def _upload_events(self, on_progress: Optional[ProgressCallback]) -> ProgressCallback:
        """An ``on_progress`` for a standalone upload that also reports ``upload`` events."""
        events = self._events(on_progress)
        return lambda done, total: events({"type": "upload", "done": done, "total": total})

    # -- workflows ------------------------------------------------------------------------------

    def _kw(self) -> Dict[str, Any]:
        return {"secret": self._secret}

    def _flow_call(self, op_id: str, args: Optional[Mapping[str, Any]]) -> "_native.Flow":
        return _native.Flow.call(self._cfg, op_id, dict(args or {}), **self._kw())

    def _flow_list(self, op_id: str, args: Optional[Mapping[str, Any]]) -> "_native.Flow":
        return _native.Flow.list_all(self._cfg, op_id, dict(args or {}), **self._kw())

    @staticmethod
    def _spec(
        changes: Optional[Mapping[str, Any]],
        old_packages: str,
        rollout_percentage: Optional[float],
        mandatory_update: Optional[bool],
        mandatory_update_effective_date: Optional[str],
    ) -> Dict[str, Any]:
        spec: Dict[str, Any] = {"changes": dict(changes or {}), "oldPackages": old_packages}
        if rollout_percentage is not None:
            spec["rolloutPercentage"] = float(rollout_percentage)
        if mandatory_update is not None:
            spec["mandatoryUpdate"] = bool(mandatory_update)
        if mandatory_update_effective_date is not None:
            spec["mandatoryUpdateEffectiveDate"] = mandatory_update_effective_date
        return spec

    def _flow_submission(
        self,
        kind: str,
        target: Dict[str, str],
        spec: Dict[str, Any],
        stop_after: str,
        pending: str,
        files: Optional[PathLike],
    ) -> "_native.Flow":
        _native.preflight_submission(kind, spec, None if files is None else str(files))
        return _native.Flow.submission(self._cfg, target, spec, stop_after, pending, **self._kw())

    def _flow_win32(
        self,
        product_id: str,
        packages: Optional[Mapping[str, Any]],
        package_patches: Optional[Sequence[Mapping[str, Any]]],
        metadata: Optional[Mapping[str, Any]],
        metadata_patch: bool,
        assets: Optional[Sequence[Mapping[str, Any]]],
        stop_after: str,
        files: Optional[PathLike],
    ) -> "_native.Flow":
        spec: Dict[str, Any] = {"metadataPatch": bool(metadata_patch)}
        if packages is not None:
            spec["packages"] = dict(packages)
        if package_patches:
            spec["packagePatches"] = [
                {"packageId": p["package_id"] if "package_id" in p else p["packageId"], "body": dict(p["body"])} for p in package_patches
            ]
        if metadata is not None:
            spec["metadata"] = dict(metadata)
        if assets:
            spec["assets"] = [
                {"language": a["language"], "screenshots": list(a.get("screenshots", [])), "logos": list(a.get("logos", []))} for a in assets
            ]
        _native.preflight_win32(spec, None if files is None else str(files))
        return _native.Flow.win32(self._cfg, product_id, spec, stop_after, **self._kw())

    def _flow_ingestion(
        self,
        product_id: str,
        modules: Optional[Sequence[str]],
        scope: Optional[str],
        promote: bool,
        publish_option: Optional[Mapping[str, Any]],
        stop_after: str,
    ) -> "_native.Flow":
        spec: Dict[str, Any] = {"modules": list(modules or []), "promote": bool(promote)}
        if scope is not None:
            spec["scope"] = scope
        if publish_option is not None:
            spec["publishOption"] = dict(publish_option)
        return _native.Flow.ingestion(self._cfg, product_id, spec, stop_after, **self._kw())

    def _flow_rollout(self, app_id: str, flight_id: Optional[str], submission_id: str, action: str, percentage: Optional[float]) -> "_native.Flow":
        target = {"type": "flight", "app_id": app_id, "flight_id": flight_id} if flight_id else {"type": "app", "app_id": app_id}
        return _native.Flow.rollout(self._cfg, target, submission_id, action, percentage, **self._kw())

    def _flow_resume(self, token: str, stop_after: str) -> "_native.Flow":
        return _native.Flow.resume_from(self._cfg, token, stop_after, **self._kw())
