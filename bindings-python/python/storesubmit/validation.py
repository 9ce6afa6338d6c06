"""Offline validation with the core's rules, the issue and error catalogues, reference tables.

Nothing here talks to a service: the rules, codes and tables are the core's (the same ones the CLI, the
browser page and the other bindings use).
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple, Union, cast

from . import _native
from ._errors import ValidationError
from .types import ErrorCode, Issue, IssueCode

__all__ = [
    "validate",
    "check",
    "all_issue_codes",
    "all_error_codes",
    "document_kinds",
    "guess_kind",
    "tables",
    "parse_json_lenient",
    "operations",
]


def validate(kind: str, doc: Any, *, files: Union[None, str, Path, Sequence[str]] = None, change: bool = False) -> List[Issue]:
    """Every issue (errors and warnings) of ``doc`` checked as a ``kind`` document (see
    :func:`document_kinds`: ``app-submission``, ``win32-metadata``, …). With ``files`` (a folder, or a list
    of names as in a ZIP) the files the document names are cross-checked too (``MissingFiles`` before
    the Store says it). With ``change=True`` a submission is checked as the changes a publish applies
    (fields left out keep their live values): the publish's own pre-flight rules. An empty list means the
    document is clean."""
    args: Dict[str, Any] = {"kind": kind, "document": doc, "change": change}
    if isinstance(files, (str, Path)):
        args["folder"] = str(files)
    elif files is not None:
        args["files"] = [str(n) for n in files]
    return cast(List[Issue], _native.call("validate", args)["issues"])


def check(kind: str, doc: Any, *, files: Union[None, str, Path, Sequence[str]] = None) -> List[Issue]:
    """Like :func:`validate`, but raises :class:`storesubmit.ValidationError` (with ``.issues``) when any
    issue is an error; returns the warnings otherwise."""
    issues = validate(kind, doc, files=files)
    errors = [i for i in issues if i["severity"] == "error"]
    if errors:
        first = errors[0]
        raise ValidationError(
            f"{len(errors)} validation error(s); first: {first['code']} at {first['path'] or '/'}: {first['message']}",
            code="validation",
            issues=issues,
        )
    return issues


def all_issue_codes() -> List[IssueCode]:
    """Every validation issue code with its severity and description (stable; new ones may be added)."""
    return cast(List[IssueCode], _pick("issues", ("code", "severity", "description", "subject")))


def all_error_codes() -> List[ErrorCode]:
    """Every error code with its default retryability and description; each has an exception class."""
    return cast(List[ErrorCode], _pick("errors", ("code", "number", "retryable", "description")))


def document_kinds() -> List[str]:
    """The document kinds :func:`validate` knows (as the CLI's ``--kind`` spells them)."""
    return cast(List[str], _native.call("documentKinds"))


def guess_kind(doc: Any) -> Optional[str]:
    """The kind a document most probably is, or ``None``."""
    return cast(Optional[str], _native.call("guessKind", {"document": doc}))


def tables() -> Dict[str, Any]:
    """The Store's reference tables (markets, languages, categories, limits, value lists) as one dict."""
    return cast(Dict[str, Any], _native.call("tables"))


def parse_json_lenient(text: str) -> Tuple[Any, List[Issue]]:
    """Reads JSON as people write it (trailing commas, comments, a BOM), as the CLI reads input files:
    returns ``(document, warnings)``; raises :class:`storesubmit.ValidationError` (``json.syntax``) when the
    text is not JSON."""
    parsed = _native.call("parseJson", {"text": text})
    return parsed["document"], parsed["issues"]


def operations() -> List[Dict[str, Any]]:
    """Every operation of the core's route table: ``{id, family, method, path, query, body, summary}``."""
    return _pick("operations", ("id", "family", "method", "path", "query", "body", "summary"))


@functools.lru_cache(maxsize=None)
def _manifest() -> Dict[str, Any]:
    return cast(Dict[str, Any], _native.call("manifest"))


def _pick(section: str, keys: Sequence[str]) -> List[Dict[str, Any]]:
    """The items of a manifest section with these keys (copies: callers may change them)."""
    return [{k: item[k] for k in keys} for item in _manifest()[section]]
