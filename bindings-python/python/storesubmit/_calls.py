"""Generated from surface/manifest.json by bindings-python/tools/generate.py: do not edit, regenerate.

The core's offline functions (the manifest's ``surface.calls``), one typed function each.
"""

from __future__ import annotations

from typing import Any, Dict, List, Mapping, Optional, Sequence, Union, cast

from ._host import EventCallback, PathLike, call
from .types import *  # noqa: F401,F403
from .types import to_json

__all__ = ["validate", "guess_kind", "package_entries", "preflight", "load_project", "connection_file", "resolve_connection", "summary", "tables", "document_kinds", "manifest", "redact", "redact_url", "secrets_to_mask", "parse_json", "pack"]


def validate(
    document: Any,
    *,
    kind: Optional[DocumentKind] = None,
    files: Optional[Union[PathLike, Sequence[str], Mapping[str, int]]] = None,
    change: Optional[bool] = False,
) -> ValidationReport:
    """Checks a document against every documented Store rule, offline. ``document``: the document (JSON), or its
    text (a string, read leniently). ``kind``: the document's kind; none: guessed. ``files``: its files: a
    folder (native), a list of names, or name → size. ``change``: check a submission as the changes a publish
    applies (fields left out keep their live values).
    """
    return cast(ValidationReport, call("validate", {"document": document, "kind": kind, "files": files, "change": change}, "ValidationReport"))


def guess_kind(document: Any) -> Optional[DocumentKind]:
    """The kind a document most probably is, or null. ``document``: a document."""
    return cast(Optional[DocumentKind], call("guessKind", {"document": document}, None))


def package_entries(kind: DocumentKind, document: Any) -> List[Any]:
    """The files a submission needs in its ZIP, in archive order: [{name, sourceName, pointers}]. ``kind``: the
    kind. ``document``: the submission.
    """
    return cast(List[Any], call("packageEntries", {"kind": kind, "document": document}, None))


def preflight(
    kind: str,
    spec: Any,
    *,
    files: Optional[Union[PathLike, Sequence[str], Mapping[str, int]]] = None,
) -> Any:
    """The checks a publish makes before its first request (every publish runs them first anyway): null when they
    pass, else the typed error. ``kind``: a submission kind, or ``win32``. ``spec``: the workflow's spec.
    ``files``: its files: a folder (native), a list of names, or name → size.
    """
    return cast(Any, call("preflight", {"kind": kind, "spec": spec, "files": files}, None))


def load_project(path: str, *, environment: Optional[str] = None) -> Any:
    """A project file (storesubmit.toml) resolved into the request it publishes: {valid, issues, request, files,
    credentials (variable names), kind, environment}. Native only. ``path``: the project file. ``environment``:
    an environment of the file.
    """
    return cast(Any, call("loadProject", {"path": path, "environment": environment}, None))


def connection_file(text: str, *, name: Optional[str] = None) -> Any:
    """A connection file (endpoints and credentials: the emulator's first line, another cloud) read by its rules.
    ``text``: the file's text. ``name``: the file's name, for messages.
    """
    return cast(Any, call("connectionFile", {"text": text, "name": name}, None))


def resolve_connection(
    *,
    explicit: Any = None,
    config_text: Optional[str] = None,
    config_name: Optional[str] = None,
    credential_names: Any = None,
    env: Any = None,
    naming: Optional[str] = None,
) -> Any:
    """The connection chosen from every source by one precedence (explicit > config file > the project's variables
    > STORESUBMIT_* > production defaults): {values, sources, description, clientSecret}; a missing credential
    is an invalid_argument naming every way to give it. ``explicit``: values given explicitly (flags, inputs,
    arguments): {tenantId, clientId, …}. ``config_text``: the config file's text (the emulator's first line,
    another cloud's). ``config_name``: the config file's name, for messages. ``credential_names``: the project
    file's variable names: {tenantId, clientId, clientSecret, seller_id}. ``env``: the environment: name →
    value. ``naming``: how the host names its explicit values in messages: flag, input, taskInput, argument.
    """
    return cast(Any, call("resolveConnection", {"explicit": explicit, "configText": config_text, "configName": config_name, "credentialNames": credential_names, "env": env, "naming": naming}, None))


def summary(*, outcome: Optional[Outcome] = None, plan: Any = None, error: Optional[ErrorInfo] = None) -> Any:
    """A run's result and plan as a Markdown job summary: {markdown}. ``outcome``: a finished run's outcome.
    ``plan``: the plan workflow's document. ``error``: instead of an outcome: the error.
    """
    return cast(Any, call("summary", {"outcome": to_json(outcome, "Outcome"), "plan": plan, "error": to_json(error, "ErrorInfo")}, None))


def tables() -> Any:
    """The reference tables: markets, languages, categories, limits."""
    return cast(Any, call("tables", {}, None))


def document_kinds() -> List[str]:
    """The document kinds validate accepts."""
    return cast(List[str], call("documentKinds", {}, None))


def manifest() -> Any:
    """This manifest."""
    return cast(Any, call("manifest", {}, None))


def redact(text: str) -> str:
    """The text with secrets (SAS signatures, tokens, client secrets) removed. ``text``: any text."""
    return cast(str, call("redact", {"text": text}, None))


def redact_url(url: str) -> str:
    """The URL with its secret query values removed. ``url``: a URL."""
    return cast(str, call("redactUrl", {"url": url}, None))


def secrets_to_mask(*, after: Optional[int] = 0) -> SecretsToMask:
    """The secret values this process came to hold since the previous call (access tokens, SAS signatures, client
    secrets), and the number to pass next time: for a CI host that masks them in its runner's log (GitHub
    Actions' add-mask, Azure Pipelines' setsecret). Never print them. ``after``: the ``next`` of the previous
    call (0: every value still kept).
    """
    return cast(SecretsToMask, call("secretsToMask", {"after": after}, "SecretsToMask"))


def parse_json(text: str) -> Any:
    """JSON read leniently (comments, trailing commas, a BOM are warnings): {document, issues}. ``text``: JSON
    text.
    """
    return cast(Any, call("parseJson", {"text": text}, None))


def pack(
    *,
    kind: Optional[DocumentKind] = None,
    document: Any = None,
    names: Optional[Sequence[str]] = None,
    files: Optional[PathLike] = None,
    output: Optional[PathLike] = None,
    on_progress: Optional[EventCallback] = None,
) -> PackReport:
    """Builds the ZIP a submission uploads (packages stored, the same bytes as a publish uploads) from the host's
    files to its output. ``kind``: the submission's kind (with document). ``document``: the submission whose
    files are packed. ``names``: instead of a submission: these files, each its own entry. ``files``: the folder
    the file names of the request are relative to. ``output``: the file the ZIP is written to. ``on_progress``:
    receives each ``ProgressEvent`` (stages, requests, waits, upload bytes, ``resumable``).
    (``Client(None).pack``: no credential needed.)
    """
    from .client import Client

    return Client(None).pack(kind=kind, document=document, names=names, files=files, output=output, on_progress=on_progress)
