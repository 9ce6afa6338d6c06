"""Generated from surface/manifest.json by bindings-python/tools/generate.py: do not edit, regenerate.

The values a run hands back (the manifest's ``surface.types``) as ``TypedDict`` s with snake_case keys:
plain dicts, so an outcome or an error's ``info`` is saved with ``json.dump`` and read back as it
was; an optional field without a value is absent (``outcome.get("submission_id")``). The
``Literal`` types list the values of every enum the surface names. The resources
(``AppSubmission``, ``Win32Package``…) are re-exported from :mod:`storesubmit._models`.
"""

from __future__ import annotations

from typing import Any, Dict, List, Literal, Optional, Tuple, TypedDict

from ._models import *  # noqa: F401,F403

__all__ = [
    "OldPackages", "PendingPolicy", "StopAfter", "RolloutAction", "DocumentKind", "ProgressKind",
    "Severity", "ErrorCode", "TokenVersion", "Outcome", "SecretsToMask", "Finding", "ProgressEvent",
    "Issue", "ValidationReport", "PackReport", "RequestRef", "ErrorInfo", "ListPage", "Win32Response",
    "IssueCode", "ErrorCodeInfo", "to_py", "to_json", "ResourceRef", "StatusDetails", "StatusDetail",
    "CertificationReport", "SubmissionStatusResource", "Pricing", "Sale", "PackageDeliveryOptions",
    "PackageRollout", "Application", "AppAddonRef", "AppSubmission", "Listing", "BaseListing", "Image",
    "GamingOptions", "ApplicationPackage", "Trailer", "TrailerAssets", "TrailerImage", "Addon",
    "AddonCreate", "AddonSubmission", "AddonListing", "AddonIcon", "Flight", "FlightCreate",
    "FlightSubmission", "Win32ResponseMessage", "Win32PollingData", "Win32Availability",
    "Win32ProductDeclarations", "Win32SystemFeature", "Win32SystemRequirement", "Win32Properties",
    "Win32HardwareRequirement", "Win32Listing", "Win32ListingLanguage", "Win32DraftMetadata",
    "Win32MetadataUpdate", "Win32ErrorScenarioDetail", "Win32ErrorDetail", "Win32Package",
    "Win32PackageList", "Win32ImageSize", "Win32Asset", "Win32ListingAssets", "Win32ListingAssetsData",
    "Win32AssetCounts", "Win32CreateAssetsRequest", "Win32AssetUpload", "Win32CreatedAssets",
    "Win32CreateAssetsData", "Win32CommitAssetsRequest", "Win32ModuleStatus", "Win32SubmitData",
    "Win32SubmissionStatus", "IngestionTypeValuePair", "IngestionProduct", "IngestionProductSetup",
    "IngestionBranch", "IngestionPublishOption", "IngestionPendingUpdateInfo", "IngestionVariantResource",
    "IngestionSubmission", "IngestionSubmissionCreationRequest", "IngestionValidationItem",
    "IngestionWorkflowStepDetail", "IngestionWorkflowDetail", "IngestionPublishTarget", "IngestionPackage",
    "IngestionListingUri", "IngestionListingContact", "IngestionListing", "IngestionListingImage",
    "IngestionPackageConfiguration", "IngestionAudienceMember", "IngestionAzureGovernmentCertification",
    "IngestionCertificationReport", "IngestionCosellAsset", "IngestionCosellContact",
    "IngestionCosellListing", "IngestionCosellSolutionArea", "IngestionCustomAmendment",
    "IngestionCustomMeter", "IngestionFeatureAvailability", "IngestionIncludedBaseQuantity",
    "IngestionLeadConfiguration", "IngestionListingAsset", "IngestionListingVideo",
    "IngestionListingVideoThumbnail", "IngestionLocalizedDateTime", "IngestionLocalizedDateTimeRange",
    "IngestionMarketState", "IngestionPrice", "IngestionPriceSchedule", "IngestionPriceScheduleInfo",
    "IngestionPricingCadence", "IngestionPricingUnit", "IngestionProductAvailability", "IngestionProperty",
    "IngestionResellerConfiguration", "IngestionSupplementalContent", "IngestionSupplementalContentAsset",
    "IngestionTenant", "IngestionTrial", "IngestionValidationResult", "IngestionVariant"
]

#: The values of ``flow.oldPackages`` (the core's list).
OldPackages = Literal["replace", "keep"]

#: The values of ``flow.pendingPolicy`` (the core's list).
PendingPolicy = Literal["fail", "reuse", "recreate"]

#: The values of ``flow.stopAfter`` (the core's list).
StopAfter = Literal["draft", "committed", "certification", "published"]

#: The values of ``flow.rolloutAction`` (the core's list).
RolloutAction = Literal["get", "update", "halt", "finalize"]

#: The values of ``documentKinds`` (the core's list).
DocumentKind = Literal["app-submission", "addon-submission", "flight-submission", "addon", "flight", "win32-metadata", "win32-metadata-patch", "win32-packages", "win32-package", "win32-assets-create", "win32-assets-commit"]

#: The values of ``surface.progressKind`` (the core's list).
ProgressKind = Literal["stage", "request", "wait", "upload", "pack", "resumable"]

#: The values of ``surface.severity`` (the core's list).
Severity = Literal["error", "warning"]

#: The values of ``surface.errorCode`` (the core's list).
ErrorCode = Literal["invalid_argument", "validation", "auth", "forbidden", "not_found", "conflict", "precondition_failed", "bad_request", "rate_limited", "unavailable", "server", "timeout", "transport", "invalid_response", "commit_failed", "submission_failed", "sas_expired", "sas_permission", "checksum_mismatch", "missing_files", "invalid_archive", "io", "deadline_exceeded", "cancelled", "unsupported", "response_too_large"]

#: The values of ``surface.tokenVersion`` (the core's list).
TokenVersion = Literal["v1", "v2"]


class Outcome(TypedDict, total=False):
    """What a finished workflow reports."""

    flow: str
    """Which workflow (``app-submission``, ``win32``, ``call``, …)."""
    stage: str
    """The last stage reached (``draft``, ``committed``, ``certification``, ``published``, ``done``)."""
    resource_id: str
    """The app, add-on or product."""
    submission_id: str
    """The submission created or adopted."""
    status: str
    """The submission's last status as the service wrote it."""
    adopted: bool
    """Whether a pending submission was adopted (after a lost create, or by policy)."""
    errors: List[Finding]
    """Errors the service reported without failing the run."""
    warnings: List[Finding]
    """Warnings the service reported."""
    certification_reports: List[Any]
    """Certification reports."""
    document: Any
    """The last document read (a submission, a rollout, a page, a plan)."""
    resume_token: str
    """When the run stopped early: the token resume takes."""


class SecretsToMask(TypedDict):
    """Secret values for a CI runner to mask in its log (never to print)."""

    values: List[str]
    """The values registered since the call's ``after``."""
    next: int
    """What to pass as ``after`` next time."""


class Finding(TypedDict, total=False):
    """A finding the service reported (status details, envelope errors, validations)."""

    code: str
    """The service's code."""
    message: str
    """Its message."""
    target: str
    """What it is about."""


class ProgressEvent(TypedDict, total=False):
    """One thing that happened while a run went on; ``kind`` says which fields are set. ``message`` is the event as
    one log line (no secret).
    """

    kind: ProgressKind
    """``stage``, ``request``, ``wait``, ``upload``, ``pack`` or ``resumable``."""
    message: str
    """The event as one log line."""
    stage: str
    """Stage: the stage entered (``preflight``, ``create``, ``upload``, ``commit``, ``poll: …``)."""
    method: str
    """Request: the method."""
    url: str
    """Request: the URL (redacted)."""
    status: int
    """Request: the HTTP status, null when no response arrived."""
    purpose: Any
    """Request: {kind: token | api | blob, …}."""
    seconds: float
    """Wait: how long."""
    reason: Any
    """Wait: {kind: retry, code, attempt} or {kind: poll, status}."""
    done: int
    """Upload, pack: bytes done."""
    total: int
    """Upload, pack: bytes in total."""
    resume_token: str
    """Resumable: the token from which the run continues."""


class Issue(TypedDict):
    """A validation finding."""

    code: str
    """The stable issue code."""
    path: str
    """The JSON pointer of the field."""
    message: str
    """What is wrong."""
    severity: Severity
    """``error`` or ``warning``."""


class ValidationReport(TypedDict, total=False):
    """What validate answers."""

    valid: bool
    """Whether no issue is an error."""
    kind: DocumentKind
    """The kind checked (named or guessed)."""
    issues: List[Issue]
    """Every issue."""


class PackReport(TypedDict):
    """What pack wrote."""

    size: int
    """Bytes of the archive."""
    entries: List[str]
    """The entry names, in order."""
    input_bytes: int
    """Bytes of input read."""


class RequestRef(TypedDict):
    """The request an error is about."""

    op: str
    """The operation id."""
    method: str
    """The HTTP method."""
    url: str
    """The URL, secrets removed."""


class ErrorInfo(TypedDict, total=False):
    """A typed error as every surface reports it."""

    code: ErrorCode
    """The stable error code."""
    number: int
    """Its stable number."""
    message: str
    """What happened (no secret)."""
    status: int
    """The HTTP status, when the service answered."""
    retryable: bool
    """Whether retrying may succeed."""
    retry_after: float
    """The delay the service asked for, seconds."""
    correlation_id: str
    """The service's correlation id."""
    server_errors: List[Finding]
    """The service's own error items."""
    issues: List[Issue]
    """Validation issues."""
    request: RequestRef
    """The request the error is about."""
    resume_token: str
    """When the run can continue: the token resume takes."""


class ListPage(TypedDict, total=False):
    """A page of a devcenter list: ``value`` items, ``totalCount`` and the link to the next page."""

    value: List[Dict[str, Any]]
    totalCount: int


class Win32Response(TypedDict, total=False):
    """The MSI/EXE API's envelope: ``isSuccess``, ``errors``, ``responseData``."""

    isSuccess: bool
    errors: List[Dict[str, Any]]
    responseData: Any


class IssueCode(TypedDict):
    """An entry of :func:`storesubmit.all_issue_codes`."""

    code: str
    severity: Severity
    description: str
    subject: str


class ErrorCodeInfo(TypedDict):
    """An entry of :func:`storesubmit.all_error_codes`."""

    code: ErrorCode
    number: int
    retryable: bool
    description: str


#: Each value's fields as the core names them → (the Python name, the value's type when it is one of these).
_FIELDS: Dict[str, Dict[str, Tuple[str, Optional[str]]]] = {
    "Outcome": {"flow": ("flow", None), "stage": ("stage", None), "resourceId": ("resource_id", None), "submissionId": ("submission_id", None), "status": ("status", None), "adopted": ("adopted", None), "errors": ("errors", "Finding"), "warnings": ("warnings", "Finding"), "certificationReports": ("certification_reports", None), "document": ("document", None), "resumeToken": ("resume_token", None)},
    "SecretsToMask": {"values": ("values", None), "next": ("next", None)},
    "Finding": {"code": ("code", None), "message": ("message", None), "target": ("target", None)},
    "ProgressEvent": {"kind": ("kind", None), "message": ("message", None), "stage": ("stage", None), "method": ("method", None), "url": ("url", None), "status": ("status", None), "purpose": ("purpose", None), "seconds": ("seconds", None), "reason": ("reason", None), "done": ("done", None), "total": ("total", None), "resumeToken": ("resume_token", None)},
    "Issue": {"code": ("code", None), "path": ("path", None), "message": ("message", None), "severity": ("severity", None)},
    "ValidationReport": {"valid": ("valid", None), "kind": ("kind", None), "issues": ("issues", "Issue")},
    "PackReport": {"size": ("size", None), "entries": ("entries", None), "inputBytes": ("input_bytes", None)},
    "RequestRef": {"op": ("op", None), "method": ("method", None), "url": ("url", None)},
    "ErrorInfo": {"code": ("code", None), "number": ("number", None), "message": ("message", None), "status": ("status", None), "retryable": ("retryable", None), "retryAfter": ("retry_after", None), "correlationId": ("correlation_id", None), "serverErrors": ("server_errors", "Finding"), "issues": ("issues", "Issue"), "request": ("request", "RequestRef"), "resumeToken": ("resume_token", None)},
}

_REVERSE = {t: {py: (name, nested) for name, (py, nested) in f.items()} for t, f in _FIELDS.items()}


def to_py(value: Any, type_name: Optional[str]) -> Any:
    """A value of the core's JSON (camelCase keys) as this package hands it out (snake_case keys)."""
    return _rename(value, type_name, _FIELDS)


def to_json(value: Any, type_name: Optional[str]) -> Any:
    """A value this package handed out, back in the core's JSON."""
    return _rename(value, type_name, _REVERSE)


def _rename(value: Any, type_name: Optional[str], table: Dict[str, Dict[str, Tuple[str, Optional[str]]]]) -> Any:
    fields = table.get(type_name or "")
    if fields is None or value is None:
        return value
    if isinstance(value, list):
        return [_rename(v, type_name, table) for v in value]
    renamed = {}
    for key, item in value.items():
        name, nested = fields.get(key, (key, None))
        if item is not None:  # an optional field without a value is absent
            renamed[name] = _rename(item, nested, table)
    return renamed
