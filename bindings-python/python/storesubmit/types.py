"""Types shared by the whole package: issues, outcomes, progress events, envelopes.

The resources themselves (``AppSubmission``, ``Win32Package``, ``IngestionProduct``, …) are generated
from the core's models into :mod:`storesubmit._models` and re-exported here.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, TypedDict

from ._models import *  # noqa: F401,F403
from . import _models

__all__ = [
    "JSON",
    "Issue",
    "IssueCode",
    "ErrorCode",
    "ServerErrorItem",
    "Finding",
    "Outcome",
    "ProgressEvent",
    "ListPage",
    "Win32Response",
    "EmulatorInfo",
    "UploadReport",
    "PackResult",
]
__all__ += _models.__all__

#: A JSON document as exchanged with the services (plain ``dict``/``list``/scalars).
JSON = Any


class Issue(TypedDict):
    """One validation finding: stable ``code``, JSON pointer ``path``, ``message``, ``severity``."""

    code: str
    path: str
    message: str
    severity: str


class IssueCode(TypedDict):
    """An entry of :func:`storesubmit.all_issue_codes`."""

    code: str
    severity: str
    description: str
    subject: str


class ErrorCode(TypedDict):
    """An entry of :func:`storesubmit.all_error_codes`."""

    code: str
    #: The stable number of the kind (the C ABI's code; never reused).
    number: int
    retryable: bool
    description: str


class ServerErrorItem(TypedDict):
    """One error item as the server reported it."""

    code: str
    message: str
    target: Optional[str]


class Finding(TypedDict, total=False):
    """An error or warning the service reported without failing the workflow."""

    code: str
    message: str
    target: str


class Outcome(TypedDict, total=False):
    """What a finished workflow reports.

    ``resume`` (set when the workflow stopped early, e.g. ``stop_after="draft"``) is an opaque string
    with no secret in it: keep it (a file, a CI variable) and pass it to ``Client.resume`` later.
    """

    flow: str
    stage: str
    resource_id: str
    submission_id: str
    status: str
    adopted: bool
    errors: List[Finding]
    warnings: List[Finding]
    certification_reports: List[Dict[str, Any]]
    document: Any
    resume: str


class ProgressEvent(TypedDict, total=False):
    """A workflow's progress event (the core emits them, the same for every transport), for ``on_event``:
    ``type`` is ``stage``, ``request``, ``wait``, ``upload`` or ``resumable``.

    ``stage`` has ``stage``; ``request`` has ``method``, ``url`` (redacted), ``status`` (``None`` when no
    response arrived) and ``purpose`` (``{"kind": "token" | "api" | "blob", …}``); ``wait`` has ``seconds``
    and ``reason`` (``{"kind": "retry" | "poll", …}``); ``upload`` has ``done`` and ``total`` (bytes);
    ``resumable`` has ``resume`` (the token to continue a workflow stopped after its changes arrived).
    Every event has ``message``: the event as one log line (the core's wording, the same in every binding).
    """

    type: str
    message: str
    stage: str
    method: str
    url: str
    status: Optional[int]
    purpose: Dict[str, Any]
    seconds: float
    reason: Dict[str, Any]
    done: int
    total: int
    resume: str


class ListPage(TypedDict, total=False):
    """A page of a devcenter list: ``value`` items, ``totalCount`` and the link to the next page."""

    value: List[Dict[str, Any]]
    totalCount: int


class Win32Response(TypedDict, total=False):
    """The MSI/EXE API's envelope: ``isSuccess``, ``errors``, ``responseData``."""

    isSuccess: bool
    errors: List[Dict[str, Any]]
    responseData: Any


class EmulatorInfo(TypedDict):
    """What a started emulator reports: service roots, the fixture's ids, emulator-only credentials."""

    devcenter_url: str
    win32_url: str
    ingestion_url: str
    token_url: str
    blob_url: str
    admin_url: str
    tenant_id: str
    client_id: str
    client_secret: str
    seller_id: str
    app_id: str
    addon_id: str
    flight_id: str
    win32_product_id: str
    ingestion_product_id: str


class UploadReport(TypedDict):
    """What a blob upload did."""

    size: int
    single_put: bool
    blocks: int
    blocks_sent: int
    blocks_skipped: int
    bytes_sent: int
    retries: int


class PackResult(TypedDict):
    """What :func:`storesubmit.pack` wrote."""

    size: int
    entries: List[str]
    input_bytes: int
