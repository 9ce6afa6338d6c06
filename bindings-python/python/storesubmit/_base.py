"""What the sync and asyncio clients share: settings, workflow construction, logging, events.

Only the driving loop differs between :class:`storesubmit.Client` and :class:`storesubmit.aio.Client`;
both build the same core workflows (:class:`storesubmit._native.Flow`) here.
"""

from __future__ import annotations

import logging
import random
import time
from pathlib import Path
from typing import Any, Callable, Dict, Generic, cast, Mapping, Optional, Sequence, Tuple, TypeVar, Union

from . import _native
from ._errors import AuthenticationError
from .credentials import AccessTokenLike, ClientSecretCredential
from ._models import OldPackages, PendingPolicy, StopAfter
from .types import Outcome, ProgressEvent

logger = logging.getLogger("storesubmit")

PathLike = Union[str, Path]
_R = TypeVar("_R")
EventCallback = Callable[[ProgressEvent], None]
ProgressCallback = Callable[[int, int], None]

def now() -> int:
    """Unix time, seconds (the core has no clock)."""
    return int(time.time())


def jitter() -> float:
    """A random number in [0, 1) for the core's retry jitter (the core has no randomness)."""
    return random.random()


def failure_args(exc: BaseException) -> Tuple[str, str, Optional[int], Optional[bool]]:
    """What to tell a workflow when its transport raised instead of answering (re-raises an exception
    that does not mean "no response")."""
    from .transport import failure_of

    failure = failure_of(exc)
    if failure is None:
        raise exc
    return failure


def credential_failed(scope: str, exc: BaseException) -> AuthenticationError:
    """The error a workflow raises when the caller's credential (azure-identity or any ``get_token``) failed:
    a :class:`storesubmit.AuthenticationError` naming the scope and the credential's exception type (its text
    is not copied, so nothing it holds leaks into logs; it stays reachable as ``__cause__``)."""
    return AuthenticationError(
        f"the credential could not get a token for {scope} ({type(exc).__name__}; see the cause)", code="auth"
    )


def forward(flow: "_native.Flow", on_event: Callable[[Dict[str, Any]], None]) -> None:
    """Hands the workflow's new progress events to ``on_event``."""
    for event in flow.take_progress():
        on_event(event)


class ClientBase(Generic[_R]):
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

    def _events(self, on_progress: Optional[ProgressCallback]) -> Callable[[Dict[str, Any]], None]:
        """The receiver of a run's progress events (the core's): logs them, hands them to ``on_event`` and
        upload bytes to ``on_progress``."""

        def forward(event: Dict[str, Any]) -> None:
            kind = event["type"] = event.pop("kind")  # the core's events, in the keys this package has used
            if kind == "resumable":
                event["resume"] = event.pop("token")
            if kind == "upload" and on_progress is not None:
                on_progress(event["done"], event["total"])
            elif kind != "upload":
                logger.log(logging.INFO if kind == "stage" else logging.DEBUG, "%s", event["message"])
            if self._on_event is not None:
                self._on_event(cast(ProgressEvent, event))

        return forward

    def _upload_events(self, on_progress: Optional[ProgressCallback]) -> ProgressCallback:
        """An ``on_progress`` for a standalone upload that also reports ``upload`` events."""
        events = self._events(on_progress)
        return lambda done, total: events({"kind": "upload", "done": done, "total": total})

    # -- the workflows (the sync client returns their outcome, the asyncio client an awaitable of it) --

    def publish_app_submission(
        self,
        app_id: str,
        changes: Optional[Mapping[str, Any]] = None,
        *,
        files: Optional[PathLike] = None,
        old_packages: OldPackages = "replace",
        rollout_percentage: Optional[float] = None,
        mandatory_update: Optional[bool] = None,
        mandatory_update_effective_date: Optional[str] = None,
        pending: PendingPolicy = "reuse",
        stop_after: StopAfter = "published",
        on_progress: Optional[ProgressCallback] = None,
    ) -> _R:
        """Publishes an app submission: pre-flight checks (rules, every named file under ``files``), then
        create (or reuse the pending one) → apply ``changes`` (GET-modify-PUT, unknown fields kept) → upload
        the ZIP of new files → commit → poll to ``stop_after``. ``stop_after="draft"`` stops before the
        commit and returns a ``resume`` token. ``on_progress(done, total)`` reports upload bytes."""
        spec = _spec(changes, old_packages, rollout_percentage, mandatory_update, mandatory_update_effective_date)
        return self._submission("app-submission", {"type": "app", "app_id": app_id}, spec, stop_after, pending, files, on_progress)

    def publish_addon_submission(
        self,
        addon_id: str,
        changes: Optional[Mapping[str, Any]] = None,
        *,
        files: Optional[PathLike] = None,
        pending: PendingPolicy = "reuse",
        stop_after: StopAfter = "published",
        on_progress: Optional[ProgressCallback] = None,
    ) -> _R:
        """Publishes an add-on (in-app product) submission; see :meth:`publish_app_submission`."""
        spec = _spec(changes, "replace", None, None, None)
        return self._submission("addon-submission", {"type": "addon", "addon_id": addon_id}, spec, stop_after, pending, files, on_progress)

    def publish_flight_submission(
        self,
        app_id: str,
        flight_id: str,
        changes: Optional[Mapping[str, Any]] = None,
        *,
        files: Optional[PathLike] = None,
        old_packages: OldPackages = "replace",
        rollout_percentage: Optional[float] = None,
        mandatory_update: Optional[bool] = None,
        mandatory_update_effective_date: Optional[str] = None,
        pending: PendingPolicy = "reuse",
        stop_after: StopAfter = "published",
        on_progress: Optional[ProgressCallback] = None,
    ) -> _R:
        """Publishes a package flight submission; see :meth:`publish_app_submission`."""
        spec = _spec(changes, old_packages, rollout_percentage, mandatory_update, mandatory_update_effective_date)
        target = {"type": "flight", "app_id": app_id, "flight_id": flight_id}
        return self._submission("flight-submission", target, spec, stop_after, pending, files, on_progress)

    def rollout(
        self,
        app_id: str,
        submission_id: str,
        action: str = "get",
        *,
        percentage: Optional[float] = None,
        flight_id: Optional[str] = None,
    ) -> _R:
        """Reads (``"get"``) or changes (``"update"`` with ``percentage``, ``"halt"``, ``"finalize"``) the gradual
        package rollout of an app's (or, with ``flight_id``, a flight's) submission. A lost answer is checked
        by reading the rollout back; the outcome's ``document`` is the rollout resource."""
        target = {"type": "flight", "app_id": app_id, "flight_id": flight_id} if flight_id else {"type": "app", "app_id": app_id}
        act: Dict[str, Any] = {"action": action} if percentage is None else {"action": action, "percentage": percentage}
        return self._drive(self._flow({"workflow": "rollout", "target": target, "submissionId": submission_id, "action": act}))

    def publish_win32(
        self,
        product_id: str,
        *,
        packages: Optional[Mapping[str, Any]] = None,
        package_patches: Optional[Sequence[Mapping[str, Any]]] = None,
        metadata: Optional[Mapping[str, Any]] = None,
        metadata_patch: bool = False,
        assets: Optional[Sequence[Mapping[str, Any]]] = None,
        files: Optional[PathLike] = None,
        stop_after: StopAfter = "published",
        on_progress: Optional[ProgressCallback] = None,
    ) -> _R:
        """Publishes an MSI/EXE product: packages (full ``{"packages": [...]}`` PUT and/or
        ``[{"package_id", "body"}]`` patches) → commit and poll processing → ``metadata`` (PUT, or PATCH with
        ``metadata_patch``) → listing ``assets`` (``[{"language", "screenshots", "logos"}]``, files under
        ``files``) → submit → poll. Needs the client's ``seller_id``."""
        spec: Dict[str, Any] = {"metadataPatch": bool(metadata_patch)}
        if packages is not None:
            spec["packages"] = dict(packages)
        if package_patches:
            spec["packagePatches"] = [{"packageId": p.get("package_id", p.get("packageId")), "body": dict(p["body"])} for p in package_patches]
        if metadata is not None:
            spec["metadata"] = dict(metadata)
        if assets:
            spec["assets"] = [{"language": a["language"], "screenshots": list(a.get("screenshots", [])), "logos": list(a.get("logos", []))} for a in assets]
        _preflight("win32", spec, files)
        flow = self._flow({"workflow": "win32", "productId": product_id, "spec": spec, "stopAfter": stop_after})
        return self._drive(flow, files, on_progress)

    def publish_ingestion(
        self,
        product_id: str,
        *,
        modules: Optional[Sequence[str]] = None,
        scope: Optional[str] = None,
        promote: bool = False,
        publish_option: Optional[Mapping[str, Any]] = None,
        stop_after: StopAfter = "published",
    ) -> _R:
        """Submits a Partner Center product's current drafts (``modules``, default Listing, Package,
        Availability, Property) to ``scope`` (``"Preview"`` by default, or ``"Live"``), polls until ready, and with ``promote`` takes the preview live."""
        spec: Dict[str, Any] = {"modules": list(modules or []), "promote": bool(promote)}
        if scope is not None:
            spec["scope"] = scope
        if publish_option is not None:
            spec["publishOption"] = dict(publish_option)
        return self._drive(self._flow({"workflow": "ingestion", "productId": product_id, "spec": spec, "stopAfter": stop_after}))

    def resume(
        self,
        token: str,
        *,
        stop_after: StopAfter = "published",
        files: Optional[PathLike] = None,
        on_progress: Optional[ProgressCallback] = None,
    ) -> _R:
        """Continues a workflow stopped early (the ``resume`` string of its outcome) up to ``stop_after``."""
        return self._drive(self._flow({"workflow": "resume", "token": token, "stopAfter": stop_after}), files, on_progress)

    def _drive(self, flow: "_native.Flow", files: Optional[PathLike] = None, on_progress: Optional[ProgressCallback] = None) -> _R:
        raise NotImplementedError

    def _submission(
        self, kind: str, target: Dict[str, Any], spec: Dict[str, Any], stop_after: str, pending: str,
        files: Optional[PathLike], on_progress: Optional[ProgressCallback],
    ) -> _R:
        _preflight(kind, spec, files)
        request = {"workflow": "submission", "target": target, "spec": spec, "stopAfter": stop_after, "pending": pending}
        return self._drive(self._flow(request), files, on_progress)

    def _flow(self, request: Dict[str, Any]) -> "_native.Flow":
        """The core's workflow a request names (``{"workflow": "submission" | "call" | …, …}``)."""
        return _native.Flow(self._cfg, request, self._secret)


def _preflight(kind: str, spec: Dict[str, Any], files: Optional[PathLike]) -> None:
    """The core's checks before a workflow's first request (rules, every named file under ``files``)."""
    _native.call("preflight", {"kind": kind, "spec": spec, **({} if files is None else {"folder": str(files)})})


def _spec(
    changes: Optional[Mapping[str, Any]],
    old_packages: str,
    rollout_percentage: Optional[float],
    mandatory_update: Optional[bool],
    mandatory_update_effective_date: Optional[str],
) -> Dict[str, Any]:
    spec: Dict[str, Any] = {"changes": dict(changes or {}), "oldPackages": old_packages}
    for key, value in (("rolloutPercentage", rollout_percentage), ("mandatoryUpdate", mandatory_update),
                       ("mandatoryUpdateEffectiveDate", mandatory_update_effective_date)):
        if value is not None:
            spec[key] = value
    return spec
