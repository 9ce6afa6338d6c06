"""The local Store emulator, for tests and demos: ``storesubmit.emulator.start()``.

The emulator is compiled into the extension, so it needs nothing but the wheel: one loopback port serves
the devcenter, MSI/EXE and ingestion APIs, an Azure AD token service and a blob store, with an emulated
clock and fault injection. Its credentials are emulator-only.

    with storesubmit.emulator.start() as emu:
        client = emu.client()
        client.publish_app_submission(emu.app_id, {...}, files="release/")
"""

from __future__ import annotations

import json
from typing import Any, Dict, Mapping, Optional

from . import _native
from .aio import Client as AsyncClient
from .client import Client
from .credentials import ClientSecretCredential

__all__ = ["Emulator", "start", "FAST"]

#: Phase durations (seconds) for quick tests: every pipeline finishes in well under a second.
FAST: Dict[str, float] = {
    "commit": 0.1, "preprocessing": 0.1, "certification": 0.1, "release": 0.1, "win32_package_processing": 0.1,
    "win32_publishing": 0.2, "ingestion_processing": 0.1, "ingestion_publishing": 0.2,
}


class Emulator:
    """A running emulator: its URLs and ids as attributes (``devcenter_url``, ``token_url``, ``admin_url``,
    ``app_id``, ``addon_id``, ``flight_id``, ``win32_product_id``, ``ingestion_product_id``, ``seller_id``…)
    and clients pointed at it. A context manager: leaving the block stops it."""

    devcenter_url: str
    win32_url: str
    ingestion_url: str
    token_url: str
    blob_url: str
    admin_url: str
    tenant_id: str
    client_id: str
    seller_id: str
    app_id: str
    addon_id: str
    flight_id: str
    win32_product_id: str
    ingestion_product_id: str

    def __init__(self, handle: _native.EmulatorHandle) -> None:
        self._handle = handle
        self._info: Dict[str, str] = json.loads(handle.info())
        for key, value in self._info.items():
            if key != "client_secret":
                setattr(self, key, value)

    @property
    def info(self) -> Dict[str, str]:
        """Everything the emulator reports, its emulator-only client secret included."""
        return dict(self._info)

    @property
    def endpoints(self) -> Dict[str, str]:
        """The service roots, as ``Client(endpoints=...)`` takes them."""
        return {k: self._info[f"{k}_url"] for k in ("devcenter", "win32", "ingestion", "token")}

    def credential(self) -> ClientSecretCredential:
        """The emulator's (emulator-only) client credentials."""
        i = self._info
        return ClientSecretCredential(i["tenant_id"], i["client_id"], i["client_secret"], authority=i["token_url"])

    def client_options(self, **overrides: Any) -> Dict[str, Any]:
        """Keyword arguments for a client pointed at the emulator (fast polling, a 5-minute deadline)."""
        opts: Dict[str, Any] = {"seller_id": self.seller_id, "endpoints": self.endpoints, "deadline": 300.0,
                                "poll": {"initial": 0.05, "factor": 1.5, "max": 0.5}, "retry": {"baseDelay": 0.05, "maxDelay": 0.5}}
        return {**opts, **overrides}

    def client(self, credential: Any = None, **overrides: Any) -> Client:
        """A :class:`storesubmit.Client` for this emulator (``credential`` defaults to the emulator's)."""
        return Client(credential or self.credential(), **self.client_options(**overrides))

    def async_client(self, credential: Any = None, **overrides: Any) -> AsyncClient:
        """A :class:`storesubmit.aio.Client` for this emulator."""
        return AsyncClient(credential or self.credential(), **self.client_options(**overrides))

    def advance_clock(self, seconds: float) -> None:
        """Moves the emulated clock forward (phases complete sooner)."""
        self._handle.advance_clock(seconds)

    def add_fault(self, rule: Mapping[str, Any]) -> int:
        """Adds a fault rule (``{"op": "devcenter.commit_app_submission", "status": 503, "times": 1}``,
        ``after_work``, ``drop``, ``delay_ms``, ``headers``…: the emulator's README); returns its id."""
        return self._handle.add_fault(json.dumps(dict(rule)))

    def clear_faults(self) -> None:
        """Removes every fault rule."""
        self._handle.clear_faults()

    def state(self) -> Dict[str, Any]:
        """A JSON dump of the emulator's state (no secrets)."""
        state: Dict[str, Any] = json.loads(self._handle.state())
        return state

    def stop(self) -> None:
        """Stops the emulator (idempotent)."""
        self._handle.stop()

    @property
    def running(self) -> bool:
        """Whether it still serves."""
        return self._handle.running

    def __enter__(self) -> Emulator:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def __repr__(self) -> str:
        return f"Emulator(devcenter_url={self.devcenter_url!r}, running={self.running})"


def start(config: Optional[Mapping[str, Any]] = None, *, fast: bool = True, **options: Any) -> Emulator:
    """Starts an emulator on a free loopback port. ``config`` is its JSON config (``durations``,
    ``outcomes``, ``faults``, ``token_lifetime_secs``, ``rate_limit``, ``fixture``…), ``options`` are
    merged into it; ``fast`` (default) makes every emulated phase take a tenth of a second."""
    cfg: Dict[str, Any] = {**(config or {}), **options}
    if fast:
        cfg["durations"] = {**FAST, **cfg.get("durations", {})}
    return Emulator(_native.EmulatorHandle(json.dumps(cfg)))
