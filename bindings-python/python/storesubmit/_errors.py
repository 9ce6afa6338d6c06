"""Exceptions: one class per stable error code of the core's catalogue, generated from the core's
manifest (``tools/generate.py``). Do not edit: regenerate.

Every failure storesubmit reports is a :class:`StoreSubmitError` carrying the core's stable ``code``,
the HTTP ``status`` when a server answered, whether a retry may succeed (``retryable``), the server's
``correlation_id`` (quote it in support requests) and the server's own error items. The subclass is
picked by code, so ``except storesubmit.NotFoundError`` works, and ``err.code`` is the same string the
CLI, the Node and .NET bindings report (``number`` is the stable number of the C ABI). Messages come
from the core with secrets already removed.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Type

from .types import Issue, ServerErrorItem

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
    "error_class_for",
]


class StoreSubmitError(Exception):
    """Base of every storesubmit error; ``code`` says which kind (see :func:`storesubmit.all_error_codes`)."""

    #: The stable code of the kind (class attribute of each subclass; instances carry the actual code).
    code: str = "unknown"
    #: The stable number of the kind (0: a kind this version does not know).
    number: int = 0

    def __init__(
        self,
        message: str,
        *,
        code: Optional[str] = None,
        status: Optional[int] = None,
        retryable: bool = False,
        retry_after: Optional[float] = None,
        correlation_id: Optional[str] = None,
        server_errors: Optional[List[ServerErrorItem]] = None,
        issues: Optional[List[Issue]] = None,
    ) -> None:
        super().__init__(message)
        #: The message (secrets already removed by the core).
        self.message: str = message
        if code is not None:
            self.code = code
        #: HTTP status when a server answered, else ``None``.
        self.status: Optional[int] = status
        #: Whether repeating the call may succeed.
        self.retryable: bool = retryable
        #: Seconds the server asked to wait before retrying, when it said.
        self.retry_after: Optional[float] = retry_after
        #: The server's correlation id (for support requests), when it sent one.
        self.correlation_id: Optional[str] = correlation_id
        #: The server's own error items ``{code, message, target}``.
        self.server_errors: List[ServerErrorItem] = list(server_errors or [])
        #: Validation issues (``validation`` and ``missing_files`` errors).
        self.issues: List[Issue] = list(issues or [])

    def __str__(self) -> str:
        text = f"{self.code}: {self.message}"
        if self.correlation_id:
            text += f" (correlation id {self.correlation_id})"
        return text

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(code={self.code!r}, status={self.status!r}, "
            f"retryable={self.retryable!r}, message={self.message!r})"
        )

    def __reduce__(self) -> Any:
        kwargs: Dict[str, Any] = {
            "code": self.code,
            "status": self.status,
            "retryable": self.retryable,
            "retry_after": self.retry_after,
            "correlation_id": self.correlation_id,
            "server_errors": self.server_errors,
            "issues": self.issues,
        }
        return (_rebuild, (type(self), self.message, kwargs))


def _rebuild(cls: Type[StoreSubmitError], message: str, kwargs: Dict[str, Any]) -> StoreSubmitError:
    return cls(message, **kwargs)


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
    """Committing a submission failed (``CommitFailed`` status). ``server_errors`` says why (e.g. ``MissingFiles``)."""

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
    """Files the submission names are absent from the package or folder. ``issues`` names each missing file."""

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


_CLASSES: Dict[str, Type[StoreSubmitError]] = {
    cls.code: cls
    for cls in (
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
    )
}


def error_class_for(code: str) -> Type[StoreSubmitError]:
    """The exception class of an error code (``StoreSubmitError`` itself for a code this version does not know)."""
    return _CLASSES.get(code, StoreSubmitError)


def _from_native(error: Dict[str, Any]) -> StoreSubmitError:
    """A core error in its JSON form (``code``, ``message``, ``status``, ``retryAfter``, …), as the extension
    passes it, as the exception of its code."""
    return error_class_for(error["code"])(
        error["message"], code=error["code"], status=error.get("status"), retryable=bool(error.get("retryable")),
        retry_after=error.get("retryAfter"), correlation_id=error.get("correlationId"),
        server_errors=error.get("serverErrors") or [], issues=error.get("issues") or [],
    )
