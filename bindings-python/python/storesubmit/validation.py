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


def validate(kind: str, doc: Any, *, files: Union[None, str, Path, Sequence[str]] = None) -> List[Issue]:
    """Every issue (errors and warnings) of ``doc`` checked as a ``kind`` document (see
    :func:`document_kinds`: ``app-submission``, ``win32-metadata``, …). With ``files`` (a folder, or a list
    of names as in a ZIP) the files the document names are cross-checked too (``MissingFiles`` before
    the Store says it). An empty list means the document is clean."""
    if isinstance(files, (str, Path)):
        folder_issues: List[Issue] = _native.validate_document(kind, doc, None, str(files))
        return folder_issues
    names = None if files is None else [str(n) for n in files]
    issues: List[Issue] = _native.validate_document(kind, doc, names)
    return issues


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
    return cast(List[IssueCode], _pick("issues", ("code", "severity", "description")))


def all_error_codes() -> List[ErrorCode]:
    """Every error code with its default retryability and description; each has an exception class."""
    return cast(List[ErrorCode], _pick("errors", ("code", "number", "retryable", "description")))


def document_kinds() -> List[str]:
    """The document kinds :func:`validate` knows (as the CLI's ``--kind`` spells them)."""
    return list(_native.document_kinds())


def guess_kind(doc: Any) -> Optional[str]:
    """The kind a document most probably is, or ``None``."""
    kind: Optional[str] = _native.guess_kind(doc)
    return kind


def tables() -> Dict[str, Any]:
    """The Store's reference tables (markets, languages, categories, limits, value lists) as one dict."""
    t: Dict[str, Any] = _native.data_tables()
    return t


def parse_json_lenient(text: str) -> Tuple[Any, List[Issue]]:
    """Reads JSON as people write it (trailing commas, comments, a BOM), as the CLI reads input files:
    returns ``(document, warnings)``; raises :class:`storesubmit.ValidationError` (``json.syntax``) when the
    text is not JSON."""
    doc, issues = _native.parse_json_lenient(text)
    return doc, issues


def operations() -> List[Dict[str, Any]]:
    """Every operation of the core's route table: ``{id, family, method, path, query, body, summary}``."""
    return _pick("operations", ("id", "family", "method", "path", "query", "body", "summary"))


@functools.lru_cache(maxsize=None)
def _manifest() -> Dict[str, Any]:
    manifest: Dict[str, Any] = _native.manifest()
    return manifest


def _pick(section: str, keys: Sequence[str]) -> List[Dict[str, Any]]:
    """The items of a manifest section with these keys (copies: callers may change them)."""
    return [{k: item[k] for k in keys} for item in _manifest()[section]]
