"""storesubmit: automate Microsoft Store submissions from Python.

One Rust core (the same one behind the CLI and the Node, browser and .NET bindings) implements the
classic devcenter API (apps, app submissions with gradual rollout, add-ons, package flights), the MSI/EXE
submission API and the Partner Center ingestion API: request building, response parsing, validation,
ZIP packaging, and the publishing workflows with token refresh, retries that never duplicate a
submission, polling and resume.

    import storesubmit

    credential = storesubmit.ClientSecretCredential(tenant_id, client_id, client_secret)
    with storesubmit.Client(credential) as client:
        outcome = client.publish_app_submission(
            "9NBLGGH4R315",
            {"applicationPackages": [{"fileName": "app.msixupload"}]},
            files="release/",
        )

- :class:`Client` (sync) and :class:`storesubmit.aio.Client` (asyncio); ``client.devcenter``,
  ``client.win32``, ``client.ingestion`` have a typed method per API operation; :meth:`Client.call` takes
  any operation id.
- :func:`validate`, :func:`pack`, :func:`all_issue_codes`, :func:`all_error_codes`, :func:`tables`.
- :mod:`storesubmit.emulator`: a local Store for tests. :mod:`storesubmit.adapters`: ``requests``/``httpx``.
- Errors: :class:`StoreSubmitError` and one subclass per code. Logs: the ``storesubmit`` logger.
"""

from __future__ import annotations

import logging as _logging

from . import _native
from . import _errors
from ._errors import *  # noqa: F401,F403
from .aio import Client as AsyncClient
from .client import Client
from .credentials import AccessToken, AsyncTokenCredential, ClientSecretCredential, TokenCredential
from .packaging import pack, package_entries, upload_file
from .transport import BundledTransport, CallableTransport, Request, Response
from .validation import (
    all_error_codes,
    all_issue_codes,
    check,
    document_kinds,
    guess_kind,
    operations,
    parse_json_lenient,
    tables,
    validate,
)

__version__: str = _native.CORE_VERSION

_logging.getLogger("storesubmit").addHandler(_logging.NullHandler())


def build_request(op_id: str, args: object = None, endpoints: object = None) -> Request:
    """Builds the request of any operation from its id and arguments, without sending it (the core's
    ``api::build``; what the shared request vectors check)."""
    return _native.build_request(op_id, args, endpoints)


def parse_response(response: Response, op_id: object = None) -> object:
    """The JSON body of a successful response (``None`` when empty), or raises its typed error; with the
    ``op_id`` of an MSI/EXE operation, a 2xx envelope with ``isSuccess: false`` raises too."""
    return _native.parse_response(response, op_id)


def redact(text: str) -> str:
    """``text`` with every secret the core recognises (SAS ``sig``, client secrets, bearer tokens) removed."""
    return str(_native.call("redact", {"text": text}))


__all__ = [
    "__version__",
    "Client",
    "AsyncClient",
    "ClientSecretCredential",
    "AccessToken",
    "TokenCredential",
    "AsyncTokenCredential",
    "Request",
    "Response",
    "BundledTransport",
    "CallableTransport",
    "build_request",
    "parse_response",
    "redact",
    "validate",
    "check",
    "all_issue_codes",
    "all_error_codes",
    "document_kinds",
    "guess_kind",
    "tables",
    "parse_json_lenient",
    "operations",
    "pack",
    "package_entries",
    "upload_file",
]
# Every error class, listed once, in `_errors`.
__all__ += _errors.__all__
