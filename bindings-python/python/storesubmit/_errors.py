"""Exceptions: one class per stable error code of the core's catalogue.

Every failure storesubmit reports is a :class:`StoreSubmitError` carrying the core's stable ``code``,
the HTTP ``status`` when a server answered, whether a retry may succeed (``retryable``), the server's
``correlation_id`` (quote it in support requests) and the server's own error items. The subclass is
picked by code, so ``except storesubmit.NotFoundError`` works, and ``err.code`` is the same string the
CLI, the Node and .NET bindings report. Messages come from the core with secrets already removed.
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
    """An argument passed to storesubmit is missing or malformed (names the argument and the rule)."""

    code = "invalid_argument"


class ValidationError(StoreSubmitError, ValueError):
    """The document breaks one or more Store rules; ``issues`` lists every finding."""

    code = "validation"


class AuthenticationError(StoreSubmitError):
    """Bad client credentials, or an invalid/expired token (HTTP 401, AAD errors)."""

    code = "auth"


class ForbiddenError(StoreSubmitError):
    """The account or token is not allowed to do this (HTTP 403)."""

    code = "forbidden"


class NotFoundError(StoreSubmitError):
    """The app, product, submission or other resource was not found (HTTP 404)."""

    code = "not_found"


class ConflictError(StoreSubmitError):
    """The resource's state forbids the call, e.g. a pending submission exists (HTTP 409)."""

    code = "conflict"


class PreconditionFailedError(StoreSubmitError):
    """The resource changed since it was read: ETag mismatch (HTTP 412)."""

    code = "precondition_failed"


class BadRequestError(StoreSubmitError):
    """The service rejected the request as invalid (HTTP 400, or a win32 envelope with errors)."""

    code = "bad_request"


class RateLimitedError(StoreSubmitError):
    """Too many requests (HTTP 429); ``retry_after`` says how long to wait."""

    code = "rate_limited"


class ServiceUnavailableError(StoreSubmitError):
    """The service is temporarily unavailable (HTTP 503)."""

    code = "unavailable"


class ServerError(StoreSubmitError):
    """The service failed to process the request (HTTP 5xx)."""

    code = "server"


class RequestTimeoutError(StoreSubmitError):
    """The request timed out before a response arrived."""

    code = "timeout"


class TransportError(StoreSubmitError):
    """The connection to the service failed (DNS, TLS, reset)."""

    code = "transport"


class InvalidResponseError(StoreSubmitError):
    """The service's response could not be parsed."""

    code = "invalid_response"


class CommitFailedError(StoreSubmitError):
    """The submission's commit failed (``server_errors`` says why, e.g. ``MissingFiles``)."""

    code = "commit_failed"


class SubmissionFailedError(StoreSubmitError):
    """The submission failed certification, processing or publishing."""

    code = "submission_failed"


class SasExpiredError(StoreSubmitError):
    """The upload URL's shared access signature has expired (checked before any byte is sent)."""

    code = "sas_expired"


class SasPermissionError(StoreSubmitError):
    """The upload URL's shared access signature lacks a needed permission."""

    code = "sas_permission"


class ChecksumMismatchError(StoreSubmitError):
    """Uploaded data failed the blob service's checksum check."""

    code = "checksum_mismatch"


class MissingFilesError(StoreSubmitError):
    """Files the submission names are missing; ``issues`` names each one."""

    code = "missing_files"


class InvalidArchiveError(StoreSubmitError):
    """The ZIP archive is malformed or holds an unsafe path."""

    code = "invalid_archive"


class IoError(StoreSubmitError):
    """Reading or writing a local file failed."""

    code = "io"


class DeadlineExceededError(StoreSubmitError):
    """The workflow's deadline passed before it finished."""

    code = "deadline_exceeded"


class OperationCancelledError(StoreSubmitError):
    """The operation was cancelled."""

    code = "cancelled"


class UnsupportedError(StoreSubmitError):
    """The configuration is not supported (e.g. plain http to a non-loopback host)."""

    code = "unsupported"


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


def _from_native(**kwargs: Any) -> StoreSubmitError:
    """Called by the extension with every field of a core error; picks the class by code."""
    message = kwargs.pop("message")
    cls = error_class_for(kwargs["code"])
    return cls(message, **kwargs)
