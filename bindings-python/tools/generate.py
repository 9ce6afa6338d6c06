"""Generates the package's typed layer from the core's manifest, so no Store fact is written twice.

Reads ``surface/manifest.json`` (written by ``cargo run -p storesubmit --bin storesubmit-manifest``;
the core's test suite fails when it is stale) and writes:

- ``python/storesubmit/_models.py``: a ``TypedDict`` per core model (the manifest's ``models``).
- ``python/storesubmit/_ops.py``: one typed method per operation of the core's route table (the
  manifest's ``operations``), for the sync and the asyncio clients.
- ``python/storesubmit/_errors.py``: one exception class per error code (the manifest's ``errors``).

``scripts/test.d/50-python.sh`` runs it before building the wheel, so the wheel always matches the core
(commit the files it rewrites)::

    python3 bindings-python/tools/generate.py [--check]

``--check`` exits 1 when the files on disk differ.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

ROOT = Path(__file__).resolve().parents[2]
PKG = ROOT / "bindings-python" / "python" / "storesubmit"
MANIFEST = ROOT / "tests" / "vectors" / "manifest.json"


def load_manifest() -> Dict[str, Any]:
    """The core's manifest (see ``core/src/manifest.rs`` for its shape)."""
    data: Dict[str, Any] = json.loads(MANIFEST.read_text(encoding="utf-8"))
    return data


# ---------------------------------------------------------------------------------------------------
# Models

SCALARS = {"string": "str", "boolean": "bool", "integer": "int", "number": "float", "stringOrNumber": "str", "any": "Any"}


def doc_text(doc: str) -> str:
    """A manifest doc (lines) as one docstring line, with RST literals."""
    return " ".join(doc.split("\n")).replace("`", "``").replace("````", "``")


def py_type(t: Any) -> str:
    """The annotation of a manifest field type."""
    if isinstance(t, str):
        return SCALARS[t]
    if "array" in t:
        return f"List[{py_type(t['array'])}]"
    if "map" in t:
        return f"Dict[str, {py_type(t['map'])}]"
    if "page" in t:
        return "Dict[str, Any]"
    if "model" in t:
        return f'"{t["model"]}"'
    if "enum" in t:
        return "str"
    raise ValueError(f"unknown manifest type {t!r}")


def parse_models(manifest: Dict[str, Any]) -> List[Tuple[str, str, List[Tuple[str, str, str]]]]:
    """(name, doc, [(wire name, annotation, doc)]) per model, in manifest order."""
    return [
        (m["name"], doc_text(m["doc"]), [(f["name"], py_type(f["type"]), doc_text(f["doc"])) for f in m["fields"]])
        for m in manifest["models"]
    ]


# The workflow options a caller spells as strings, typed as ``Literal``s of the core's values.
OPTION_ENUMS = [
    ("StopAfter", "flow.stopAfter"),
    ("PendingPolicy", "flow.pendingPolicy"),
    ("OldPackages", "flow.oldPackages"),
    ("RolloutActionName", "flow.rolloutAction"),
]


def render_models(manifest: Dict[str, Any]) -> str:
    out = [
        '"""TypedDicts of every Store resource, generated from the core\'s models (``tools/generate.py``).',
        "",
        "Every resource travels as a plain ``dict``: these types describe the documented fields for editors",
        "and type checkers. Fields are all optional (``total=False``) and documents keep the fields these",
        "types do not list (GET-modify-PUT loses nothing). Do not edit: regenerate.",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "from typing import Any, Dict, List, Literal, TypedDict",
        "",
    ]
    models = parse_models(manifest)
    options = [(alias, manifest["enums"][key]) for alias, key in OPTION_ENUMS]
    out.append("__all__ = [" + ", ".join(f'"{n}"' for n in [a for a, _ in options] + [n for n, _, _ in models]) + "]")
    for alias, values in options:
        out += ["", f"#: The values of the workflows' ``{alias}`` option (the core's list, from the manifest)."]
        out.append(f"{alias} = Literal[" + ", ".join(f'"{v}"' for v in values) + "]")
    for name, doc, fields in models:
        out += ["", ""]
        ident_ok = all(re.match(r"^[A-Za-z_]\w*$", w) and w not in ("from", "type", "class") for w, _, _ in fields)
        if ident_ok:
            out.append(f"class {name}(TypedDict, total=False):")
            out.append(f'    """{doc or name}"""')
            out.append("")
            for wire, t, fdoc in fields:
                out.append(f"    {wire}: {t}")
                if fdoc:
                    out.append(f'    """{fdoc}"""')
            if not fields:
                out.append("    pass")
        else:
            items = ", ".join(f'"{w}": {t}' for w, t, _ in fields)
            out.append(f"{name} = TypedDict(\"{name}\", {{{items}}}, total=False)")
            out.append(f'"""{doc or name}"""')
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------------------------------
# Operations


def return_type(op: Dict[str, Any]) -> str:
    """The annotation of an operation's result: the result model, a devcenter ``ListPage``, the win32
    envelope, or a plain dict."""
    if op["family"] == "win32":
        return "Win32Response"
    if op["resultWrapper"] == "page":
        return "ListPage"
    if op["resultModel"] and not op["paged"]:
        return str(op["resultModel"])
    return "Dict[str, Any]"


def snake(name: str) -> str:
    name = name.lstrip("$")
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).lower()


def op_params(op: Dict[str, Any]) -> List[Tuple[str, str, str, bool]]:
    """(python name, wire name, annotation, required) per parameter of an operation."""
    params: List[Tuple[str, str, str, bool]] = []
    for p in op["pathParams"]:
        params.append((snake(p), p, "str", True))
    if op["body"]:
        params.append(("body", "body", "Mapping[str, Any]", True))
    for q in op["query"]:
        ann = "Optional[int]" if q in ("top", "skip") else ("Optional[Union[str, Sequence[str]]]" if q == "languages" else "Optional[Any]")
        params.append((snake(q) if q != "$filter" else "filter", q, ann, False))
    if op["family"] == "ingestion" and op["method"] in ("PUT", "PATCH"):
        params.append(("if_match", "ifMatch", "Optional[str]", False))
    return params


def render_ops(operations: List[Dict[str, Any]]) -> str:
    out = [
        '"""Typed methods for every operation of the core\'s route table, generated (``tools/generate.py``).',
        "",
        "Each method is one call of :meth:`storesubmit.Client.call` with the same token refresh, retries and",
        "typed errors; the operation id is named in its docstring. Do not edit: regenerate.",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "from typing import Any, Awaitable, Callable, Dict, Mapping, Optional, Sequence, Union, cast",
        "",
        "from ._models import *  # noqa: F401,F403",
        "from ._models import (",
    ]
    used = sorted({r for r in map(return_type, operations) if r not in ("ListPage", "Win32Response", "Dict[str, Any]")})
    out += [f"    {u}," for u in used] + [")", "from .types import ListPage, Win32Response", ""]
    out.append('__all__ = ["DevcenterOperations", "Win32Operations", "IngestionOperations",')
    out.append('           "AsyncDevcenterOperations", "AsyncWin32Operations", "AsyncIngestionOperations"]')
    out.append("")
    out.append("_Call = Callable[[str, Dict[str, Any]], Any]")
    for family, cls in (("devcenter", "Devcenter"), ("win32", "Win32"), ("ingestion", "Ingestion")):
        for is_async in (False, True):
            name = ("Async" if is_async else "") + cls + "Operations"
            what = {"devcenter": "classic Store submission API", "win32": "MSI/EXE submission API", "ingestion": "Partner Center ingestion API"}[family]
            out += ["", ""]
            out.append(f"class {name}:")
            out.append(f'    """Every method of the {what}' + (" (asyncio)" if is_async else "") + '."""')
            out.append("")
            out.append("    def __init__(self, call: _Call) -> None:")
            out.append("        self._call = call")
            for op in operations:
                if op["family"] != family:
                    continue
                op_id = str(op["id"])
                meth = op_id.split(".", 1)[1]
                params = op_params(op)
                ret = return_type(op)
                ret_ann = f"Awaitable[{ret}]" if is_async else ret
                sig = ["self"]
                req = [p for p in params if p[3]]
                opt = [p for p in params if not p[3]]
                sig += [f"{py}: {ann}" for py, _, ann, _ in req]
                if opt:
                    sig.append("*")
                    sig += [f"{py}: {ann} = None" for py, _, ann, _ in opt]
                out.append("")
                out.append(f"    def {meth}({', '.join(sig)}) -> {ret_ann}:")
                out.append(f'        """{op["summary"]} (``{op_id}``, HTTP {op["method"]})."""')
                out.append("        args: Dict[str, Any] = {}")
                for py, wire, _, required in params:
                    if required:
                        out.append(f'        args["{wire}"] = {py}')
                    else:
                        out.append(f"        if {py} is not None:")
                        out.append(f'            args["{wire}"] = {py}')
                out.append(f'        return cast({ret_ann!r}, self._call("{op_id}", args))')
    return "\n".join(out) + "\n"


def parse_operations(manifest: Optional[Dict[str, Any]] = None) -> List[Dict[str, object]]:
    """The operations of the core's route table, in table order, with the keys
    ``storesubmit.operations()`` has."""
    keys = ("id", "family", "method", "path", "query", "body", "summary")
    return [{k: op[k] for k in keys} for op in (manifest or load_manifest())["operations"]]


# ---------------------------------------------------------------------------------------------------
# Errors

#: Class names that differ from ``CamelCase(code) + "Error"`` (to avoid shadowing Python builtins or to
#: read better), extra bases, and what a docstring adds to the core's documentation of the kind.
ERROR_CLASS_NAMES = {
    "auth": "AuthenticationError",
    "unavailable": "ServiceUnavailableError",
    "timeout": "RequestTimeoutError",
    "cancelled": "OperationCancelledError",
}
ERROR_BASES = {"invalid_argument": "ValueError", "validation": "ValueError"}
ERROR_NOTES = {
    "commit_failed": "``server_errors`` says why (e.g. ``MissingFiles``).",
    "missing_files": "``issues`` names each missing file.",
}


def error_class_name(code: str) -> str:
    return ERROR_CLASS_NAMES.get(code) or "".join(p.capitalize() for p in code.split("_")) + "Error"


def error_doc(e: Dict[str, Any]) -> str:
    """The docstring of an error class: the core's documentation of the kind, plus what Python adds."""
    return " ".join([doc_text(e["doc"])] + ([ERROR_NOTES[e["code"]]] if e["code"] in ERROR_NOTES else []))


ERRORS_HEAD = '''"""Exceptions: one class per stable error code of the core's catalogue, generated from the core's
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

'''

ERRORS_BASE = '''

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
'''

ERRORS_TAIL = '''

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
'''


def render_errors(manifest: Dict[str, Any]) -> str:
    errors = manifest["errors"]
    names = [error_class_name(e["code"]) for e in errors]
    out = [ERRORS_HEAD.rstrip("\n"), "", "__all__ = ["]
    out += [f'    "{n}",' for n in ["StoreSubmitError", *names, "error_class_for"]]
    out.append("]")
    out.append(ERRORS_BASE.rstrip("\n"))
    for e, name in zip(errors, names):
        bases = ", ".join(["StoreSubmitError"] + ([ERROR_BASES[e["code"]]] if e["code"] in ERROR_BASES else []))
        out += ["", "", f"class {name}({bases}):", f'    """{error_doc(e)}"""', "", f'    code = "{e["code"]}"',
                f"    number = {e['number']}"]
    out += ["", "", "_CLASSES: Dict[str, Type[StoreSubmitError]] = {", "    cls.code: cls", "    for cls in ("]
    out += [f"        {n}," for n in names]
    out += ["    )", "}"]
    return "\n".join(out) + "\n" + ERRORS_TAIL


def main(argv: List[str]) -> int:

    manifest = load_manifest()
    files = {
        PKG / "_models.py": render_models(manifest),
        PKG / "_ops.py": render_ops(manifest["operations"]),
        PKG / "_errors.py": render_errors(manifest),
    }
    stale = [p for p, text in files.items() if not p.exists() or p.read_text() != text]
    if "--check" in argv:
        for p in stale:
            print(f"stale: {p.relative_to(ROOT)}")
        return 1 if stale else 0
    for p, text in files.items():
        p.write_text(text)
        print(f"wrote {p.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
