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
            "9NBLGGH4R315", {"applicationPackages": [{"fileName": "app.msixupload"}]}, files="release/")

- :class:`Client` (sync) and :class:`storesubmit.aio.Client` (asyncio): one method per workflow
  (``publish_app_submission``, ``wait_for_submission``, ``resume``, ``rollout``, ``plan``, ``pack``…), and
  ``client.devcenter``, ``client.win32``, ``client.ingestion`` with a typed method per API operation.
- :func:`validate`, :func:`pack`, :func:`guess_kind`, :func:`tables`… (the core's offline functions),
  :func:`all_issue_codes`, :func:`all_error_codes`, :func:`operations`.
- :mod:`storesubmit.emulator`: a local Store for tests. :mod:`storesubmit.adapters`: ``requests``/``httpx``.
- Errors: :class:`StoreSubmitError` and one subclass per code. Logs: the ``storesubmit`` logger.
"""

from __future__ import annotations

import functools
import logging as _logging
from typing import Any, Dict, List, cast

from . import _errors, _native, _calls
from ._calls import *  # noqa: F401,F403
from ._errors import *  # noqa: F401,F403
from ._host import Request, Response, build_request, parse_response
from .aio import Client as AsyncClient
from .client import Client
from .credentials import AccessToken, AsyncTokenCredential, ClientSecretCredential, TokenCredential
from .types import ErrorCodeInfo, IssueCode

__version__: str = _native.CORE_VERSION

_logging.getLogger("storesubmit").addHandler(_logging.NullHandler())


@functools.lru_cache(maxsize=None)
def _manifest() -> Dict[str, Any]:
    return cast(Dict[str, Any], manifest())  # noqa: F405


def _pick(section: str, keys: List[str]) -> List[Any]:
    return [{k: item[k] for k in keys} for item in _manifest()[section]]


def all_issue_codes() -> List[IssueCode]:
    """Every validation issue code: ``{code, severity, description, subject}`` (stable; new ones may come)."""
    return _pick("issues", ["code", "severity", "description", "subject"])


def all_error_codes() -> List[ErrorCodeInfo]:
    """Every error code: ``{code, number, retryable, description}``; each has its exception class."""
    return _pick("errors", ["code", "number", "retryable", "description"])


def operations() -> List[Dict[str, Any]]:
    """Every operation of the core's route table: ``{id, family, method, path, query, body, summary}``."""
    return _pick("operations", ["id", "family", "method", "path", "query", "body", "summary"])


__all__ = ["__version__", "Client", "AsyncClient", "ClientSecretCredential", "AccessToken", "TokenCredential",
           "AsyncTokenCredential", "Request", "Response", "build_request", "parse_response", "all_issue_codes",
           "all_error_codes", "operations"]
__all__ += _calls.__all__ + _errors.__all__
