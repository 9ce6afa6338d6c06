"""What the sync and asyncio clients share: settings, workflow construction, logging, events.

Only the driving loop differs between :class:`storesubmit.Client` and :class:`storesubmit.aio.Client`;
both build the same core workflows (:class:`storesubmit._native.Flow`) here.
"""

from __future__ import annotations

import json
import logging
import random
import time
from pathlib import Path
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, Union

from . import _native
from .credentials import AccessTokenLike, ClientSecretCredential
from .types import Outcome, ProgressEvent

logger = logging.getLogger("storesubmit")

PathLike = Union[str, Path]
EventCallback = Callable[[ProgressEvent], None]
ProgressCallback = Callable[[int, int], None]

_STOP = ("draft", "committed", "certification", "published")
_OLD = ("replace", "keep")
_PENDING = ("fail", "reuse", "recreate")


def now() -> int:
    """Unix time, seconds (the core has no clock)."""
    return int(time.time())


def jitter() -> float:
    """A random number in [0, 1) for retry backoff (the core has no randomness)."""
    return random.random()


def _choice(name: str, value: str, allowed: Sequence[str]) -> str:
    if value not in allowed:
        from ._errors import InvalidArgumentError

        raise InvalidArgumentError(f"`{name}` must be one of {', '.join(repr(a) for a in allowed)}, not {value!r}")
    return value


def token_response(token: AccessTokenLike) -> "_native.Response":
    """A token-service answer carrying a credential's token, fed to the workflow instead of a request."""
    body = json.dumps({"token_type": "Bearer", "access_token": token.token, "expires_on": int(token.expires_on)})
    return _native.Response(200, [("Content-Type", "application/json")], body.encode())


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
        cfg: Dict[str, Any] = {"endpoints": eps, "request_timeout": request_timeout}
        self._secret: Optional["_native.Secret"] = None
        if isinstance(credential, ClientSecretCredential):
            tenant, client, secret = credential._native_parts()
            cfg["tenant_id"], cfg["client_id"] = tenant, client
            self._secret = secret
            if credential.authority and "token" not in eps:
                eps["token"] = credential.authority
            cfg["token_version"] = token_version or credential.token_version
        else:
            # Tokens come from credential.get_token: the workflow's token requests are answered here and
            # never sent, so the placeholder identity below never leaves the process.
            cfg["tenant_id"] = cfg["client_id"] = "external-credential"
            cfg["token_version"] = token_version or "v2"
        if seller_id is not None:
            cfg["seller_id"] = str(seller_id)
        if retry:
            cfg["retry"] = dict(retry)
        if poll:
            cfg["poll"] = dict(poll)
        if deadline is not None:
            cfg["deadline"] = float(deadline)
        self._cfg = cfg
        self._intercept = self._secret is None
        self._tokens = _native.TokenCache()
        self._on_event = on_event
        self._transport = as_transport(
            transport, upload_block_size=upload_block_size, upload_concurrency=upload_concurrency, user_agent=user_agent
        )

    def __repr__(self) -> str:
        return f"{type(self).__name__}(credential={self._credential!r}, endpoints={self._cfg['endpoints']!r})"

    # -- events and logs ------------------------------------------------------------------------

    def _event(self, event: ProgressEvent) -> None:
        if self._on_event is not None:
            self._on_event(event)

    def _stage(self, stage: str) -> None:
        logger.info("stage %s", stage)
        self._event({"type": "stage", "stage": stage})

    def _request_done(self, request: "_native.Request", status: Optional[int], started: float) -> None:
        elapsed = time.monotonic() - started
        url = _native.redact_url(request.url)
        if status is None:
            logger.debug("%s %s failed after %.3fs", request.method, url, elapsed)
        else:
            logger.debug("%s %s -> %d in %.3fs", request.method, url, status, elapsed)
        self._event({"type": "request", "method": request.method, "url": url, "status": status, "elapsed": elapsed})

    def _wait(self, seconds: float) -> None:
        logger.debug("waiting %.3fs", seconds)
        self._event({"type": "wait", "seconds": seconds})

    def _progress(self, on_progress: Optional[ProgressCallback]) -> Optional[ProgressCallback]:
        if on_progress is None and self._on_event is None:
            return None

        def report(done: int, total: int) -> None:
            if on_progress is not None:
                on_progress(done, total)
            self._event({"type": "upload", "done": done, "total": total})

        return report

    # -- workflows ------------------------------------------------------------------------------

    def _kw(self) -> Dict[str, Any]:
        return {"secret": self._secret, "intercept_tokens": self._intercept}

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
        spec: Dict[str, Any] = {"changes": dict(changes or {}), "oldPackages": _choice("old_packages", old_packages, _OLD)}
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
        _choice("stop_after", stop_after, _STOP)
        _choice("pending", pending, _PENDING)
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
        _choice("stop_after", stop_after, _STOP)
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
        _choice("stop_after", stop_after, _STOP)
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
        _choice("stop_after", stop_after, _STOP)
        return _native.Flow.resume_from(self._cfg, token, stop_after, **self._kw())
