"""Generated from surface/manifest.json by bindings-python/tools/generate.py: do not edit, regenerate.

Exceptions: one class per stable error code of the core's catalogue, picked by code, so
``except storesubmit.NotFoundError`` works. Messages come from the core, secrets removed.
"""

from __future__ import annotations

import json
from typing import Any, Dict, List, Optional, Type, cast

from .types import ErrorInfo, Finding, Issue, RequestRef, to_json, to_py

__all__ = [
    "StoreSubmitError",
    "InvalidArgumentError",
    "ValidationError",
    "AuthenticationError",
    "ForbiddenError",
    "NotFoundError",
    "ConflictError",
    "PreconditionFailedError",
    "BadRequestError",
    "RateLimitedError",
    "ServiceUnavailableError",
    "ServerError",
    "RequestTimeoutError",
    "TransportError",
    "InvalidResponseError",
    "CommitFailedError",
    "SubmissionFailedError",
    "SasExpiredError",
    "SasPermissionError",
    "ChecksumMismatchError",
    "MissingFilesError",
    "InvalidArchiveError",
    "IoError",
    "DeadlineExceededError",
    "OperationCancelledError",
    "UnsupportedError",
    "ResponseTooLargeError",
    "error_class_for",
]


class StoreSubmitError(Exception):
    """Base of every storesubmit error: ``code`` says which kind (:func:`storesubmit.all_error_codes`), as
    the CLI and the other bindings report it. ``str()`` names the request it is about; ``resume_token``
    is set when the run it stopped can continue (:meth:`storesubmit.Client.resume`)."""

    #: The stable code of the kind (each subclass's; an instance carries the actual one).
    code: str = "unknown"
    #: The stable number of the kind (0: a kind this version does not know).
    number: int = 0

    def __init__(self, message: str, *, code: Optional[str] = None, number: Optional[int] = None,
                 status: Optional[int] = None, retryable: bool = False, retry_after: Optional[float] = None,
                 correlation_id: Optional[str] = None, server_errors: Optional[List[Finding]] = None,
                 issues: Optional[List[Issue]] = None, request: Optional[RequestRef] = None,
                 resume_token: Optional[str] = None) -> None:
        super().__init__(message)
        #: What happened (no secret: the core removed them).
        self.message = message
        self.code = code or self.code
        self.number = self.number if number is None else number
        #: The HTTP status when the service answered.
        self.status = status
        #: Whether retrying may succeed.
        self.retryable = retryable
        #: Seconds the service asked to wait before retrying.
        self.retry_after = retry_after
        #: The service's correlation id (quote it in support requests).
        self.correlation_id = correlation_id
        #: The service's own error items.
        self.server_errors: List[Finding] = list(server_errors or [])
        #: Validation issues (``validation``, ``missing_files``).
        self.issues: List[Issue] = list(issues or [])
        #: The request the error is about (its URL without secrets).
        self.request = request
        #: When the run can continue: the token :meth:`storesubmit.Client.resume` takes.
        self.resume_token = resume_token

    @property
    def info(self) -> ErrorInfo:
        """The error as a plain dict (``ErrorInfo``), to save or to pass to :func:`storesubmit.summary`."""
        info = {
            "code": self.code, "number": self.number, "message": self.message, "status": self.status,
            "retryable": self.retryable, "retry_after": self.retry_after, "correlation_id": self.correlation_id,
            "server_errors": self.server_errors, "issues": self.issues, "request": self.request,
            "resume_token": self.resume_token,
        }
        return cast(ErrorInfo, {k: v for k, v in info.items() if v is not None})

    def __str__(self) -> str:
        about = [f"{self.request['method']} {self.request['url']}"] if self.request else []
        about += [f"correlation id {self.correlation_id}"] if self.correlation_id else []
        return f"{self.code}: {self.message}" + (f" ({'; '.join(about)})" if about else "")

    def __repr__(self) -> str:
        return f"{type(self).__name__}(code={self.code!r}, status={self.status!r}, message={self.message!r})"

    def __reduce__(self) -> Any:
        return (_from_info, (to_json(self.info, "ErrorInfo"),))


class InvalidArgumentError(StoreSubmitError, ValueError):
    """A caller passed an argument the core cannot use (an empty id, a missing required argument)."""

    code = "invalid_argument"
    number = 1


class ValidationError(StoreSubmitError, ValueError):
    """Local validation found errors; the error carries the issues."""

    code = "validation"
    number = 2


class AuthenticationError(StoreSubmitError):
    """The token service or the API rejected the credentials or the token (HTTP 401)."""

    code = "auth"
    number = 3


class ForbiddenError(StoreSubmitError):
    """The caller is authenticated but not allowed (HTTP 403)."""

    code = "forbidden"
    number = 4


class NotFoundError(StoreSubmitError):
    """The resource does not exist (HTTP 404)."""

    code = "not_found"
    number = 5


class ConflictError(StoreSubmitError):
    """The resource's state forbids the call, e.g. a pending submission already exists (HTTP 409)."""

    code = "conflict"
    number = 6


class PreconditionFailedError(StoreSubmitError):
    """An ``If-Match`` precondition failed: someone else changed the resource (HTTP 412)."""

    code = "precondition_failed"
    number = 7


class BadRequestError(StoreSubmitError):
    """The server rejected the request as malformed (HTTP 400 or a win32 envelope with errors)."""

    code = "bad_request"
    number = 8


class RateLimitedError(StoreSubmitError):
    """Too many requests (HTTP 429); honour ``retry_after``."""

    code = "rate_limited"
    number = 9


class ServiceUnavailableError(StoreSubmitError):
    """The service is temporarily unavailable (HTTP 503)."""

    code = "unavailable"
    number = 10


class ServerError(StoreSubmitError):
    """Any other server-side failure (HTTP 5xx)."""

    code = "server"
    number = 11


class RequestTimeoutError(StoreSubmitError):
    """The request timed out before a response arrived."""

    code = "timeout"
    number = 12


class TransportError(StoreSubmitError):
    """The connection failed (DNS, TLS, reset)."""

    code = "transport"
    number = 13


class InvalidResponseError(StoreSubmitError):
    """The response could not be understood (not JSON, missing fields)."""

    code = "invalid_response"
    number = 14


class CommitFailedError(StoreSubmitError):
    """Committing a submission failed (``CommitFailed`` status)."""

    code = "commit_failed"
    number = 15


class SubmissionFailedError(StoreSubmitError):
    """The submission failed certification, pre-processing or publishing."""

    code = "submission_failed"
    number = 16


class SasExpiredError(StoreSubmitError):
    """The SAS URL has expired (checked before any byte is sent)."""

    code = "sas_expired"
    number = 17


class SasPermissionError(StoreSubmitError):
    """The SAS URL does not grant the permission needed (e.g. read-only)."""

    code = "sas_permission"
    number = 18


class ChecksumMismatchError(StoreSubmitError):
    """The blob service detected corrupted data (CRC64/MD5 mismatch)."""

    code = "checksum_mismatch"
    number = 19


class MissingFilesError(StoreSubmitError):
    """Files the submission names are absent from the package or folder."""

    code = "missing_files"
    number = 20


class InvalidArchiveError(StoreSubmitError):
    """The archive is malformed or a path in it is unsafe."""

    code = "invalid_archive"
    number = 21


class IoError(StoreSubmitError):
    """Reading or writing a local file failed."""

    code = "io"
    number = 22


class DeadlineExceededError(StoreSubmitError):
    """The workflow's total deadline passed."""

    code = "deadline_exceeded"
    number = 23


class OperationCancelledError(StoreSubmitError):
    """The operation was cancelled by the caller."""

    code = "cancelled"
    number = 24


class UnsupportedError(StoreSubmitError):
    """The configuration is unsafe or unsupported (e.g. plain http to a non-loopback host)."""

    code = "unsupported"
    number = 25


class ResponseTooLargeError(StoreSubmitError):
    """An answer was larger than the core accepts for its kind (API JSON, blob XML, token; the limits
    ``response.*.bytes.max``): refused as it streams in, never held whole in memory.
    """

    code = "response_too_large"
    number = 26


_CLASSES: Dict[str, Type[StoreSubmitError]] = {cls.code: cls for cls in (
    InvalidArgumentError,
    ValidationError,
    AuthenticationError,
    ForbiddenError,
    NotFoundError,
    ConflictError,
    PreconditionFailedError,
    BadRequestError,
    RateLimitedError,
    ServiceUnavailableError,
    ServerError,
    RequestTimeoutError,
    TransportError,
    InvalidResponseError,
    CommitFailedError,
    SubmissionFailedError,
    SasExpiredError,
    SasPermissionError,
    ChecksumMismatchError,
    MissingFilesError,
    InvalidArchiveError,
    IoError,
    DeadlineExceededError,
    OperationCancelledError,
    UnsupportedError,
    ResponseTooLargeError,
)}


def error_class_for(code: str) -> Type[StoreSubmitError]:
    """The exception class of an error code (``StoreSubmitError`` for a code this version does not know)."""
    return _CLASSES.get(code, StoreSubmitError)


def _from_info(error: Dict[str, Any]) -> StoreSubmitError:
    """The exception of an error in the core's JSON (``ErrorInfo``, camelCase)."""
    info = to_py(error, "ErrorInfo")
    kwargs = {k: info.get(k) for k in ("number", "status", "retry_after", "correlation_id", "server_errors", "issues",
                                       "request", "resume_token")}
    return error_class_for(info["code"])(info["message"], code=info["code"], retryable=bool(info.get("retryable")), **kwargs)


def _from_json(text: str) -> StoreSubmitError:
    """``_from_info`` of JSON text (what the extension hands over)."""
    return _from_info(json.loads(text))
