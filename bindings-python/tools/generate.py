"""Generates the package's typed surface from the core's manifest, so no Store fact, workflow parameter,
default or enum list is written by hand in the package.

Reads ``surface/manifest.json`` (written by ``cargo run -p storesubmit --bin storesubmit-manifest``; the
core's test suite fails when it is stale) and writes, under ``python/storesubmit/``:

- ``_models.py``: a ``TypedDict`` per core model (``models``).
- ``types.py``: the values a run hands back (``surface.types``: ``Outcome``, ``ProgressEvent``,
  ``ErrorInfo``, ``ValidationReport``…) as ``TypedDict`` s with snake_case keys, the ``Literal`` type of
  every enum the surface names, and the table that renames the core's camelCase JSON into them.
- ``_errors.py``: one exception class per error code (``errors``).
- ``_ops.py``: one typed method per API operation (``operations``), sync and asyncio.
- ``client.py`` and ``aio.py``: ``Client`` (sync) and ``storesubmit.aio.Client`` (``async def``), with
  the options of ``surface.clientOptions`` as keyword-only parameters and one method per facade workflow
  (``surface.workflows``): required parameters positional, in order, the rest keyword-only with the
  manifest's defaults, then the host's (``files``, ``output``, ``on_progress``).
- ``_calls.py``: one function per facade call (``surface.calls``: ``validate``, ``guess_kind``…).

``scripts/test.d/50-python.sh`` runs it before building the wheel (commit the files it rewrites)::

    python3 bindings-python/tools/generate.py [--check]

``--check`` exits 1 when the files on disk differ.
"""

from __future__ import annotations

import json
import re
import sys
import textwrap
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

ROOT = Path(__file__).resolve().parents[2]
PKG = ROOT / "bindings-python" / "python" / "storesubmit"
MANIFEST = ROOT / "surface" / "manifest.json"
HEAD = "Generated from surface/manifest.json by bindings-python/tools/generate.py: do not edit, regenerate."


def load_manifest() -> Dict[str, Any]:
    """The core's manifest (see ``surface/README.md`` for its shape)."""
    data: Dict[str, Any] = json.loads(MANIFEST.read_text(encoding="utf-8"))
    return data


#: The surface's camelCase names (methods, parameters, options), rendered snake_case in docs.
NAMES: set = set()


def doc_text(doc: str) -> str:
    """A manifest doc as docstring text, with RST literals and the surface's names in Python's case."""
    text = " ".join(doc.split("\n")).replace("`", "``").replace("````", "``")
    return re.sub(r"\b[a-z]+(?:[A-Z][a-z0-9]*)+\b", lambda m: snake(m.group(0)) if m.group(0) in NAMES else m.group(0), text)


def snake(name: str) -> str:
    """``appId`` → ``app_id``."""
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name.lstrip("$")).lower()


def docstring(text: str, indent: str) -> List[str]:
    """A docstring wrapped at 112 columns."""
    lines = textwrap.wrap(text, 112 - len(indent), break_on_hyphens=False)
    if len(lines) == 1 and len(lines[0]) + len(indent) + 6 <= 116:
        return [f'{indent}"""{lines[0]}"""']
    return [f'{indent}"""{lines[0]}'] + [f"{indent}{line}" for line in lines[1:]] + [f'{indent}"""']


def module_head(summary: str) -> List[str]:
    return [f'"""{HEAD}', "", summary, '"""', "", "from __future__ import annotations", ""]


# ---------------------------------------------------------------------------------------------------
# Types

SCALARS = {"string": "str", "boolean": "bool", "integer": "int", "number": "float", "stringOrNumber": "str", "any": "Any"}
#: Enum names that read better singular as a type.
ENUM_NAMES = {"documentKinds": "DocumentKind"}


def enum_name(key: str) -> str:
    last = key.split(".")[-1]
    return ENUM_NAMES.get(last, last[0].upper() + last[1:])


def py_type(t: Any, surface: Optional[Dict[str, Any]] = None, arg: bool = False) -> str:
    """The annotation of a manifest type (``arg``: as a parameter, so sequences and mappings are accepted)."""
    if isinstance(t, str):
        return SCALARS[t]
    if "array" in t:
        return f"{'Sequence' if arg else 'List'}[{py_type(t['array'], surface, arg)}]"
    if "map" in t:
        return f"{'Mapping' if arg else 'Dict'}[str, {py_type(t['map'], surface, arg)}]"
    if "page" in t:
        return "Dict[str, Any]"
    if "enum" in t:
        return enum_name(t["enum"]) if surface is not None else "str"
    if "model" in t:
        name = t["model"]
        if surface is None:
            return f'"{name}"'
        return name if name in surface or not arg else f"Union[{name}, Mapping[str, Any]]"
    raise ValueError(f"unknown manifest type {t!r}")


def surface_enums(manifest: Dict[str, Any]) -> List[str]:
    """Every enum the surface names, in order of first use."""
    found: List[str] = []
    for text in re.findall(r'"enum": "([^"]+)"', json.dumps(manifest["surface"])):
        if text not in found:
            found.append(text)
    return found


def nested_type(t: Any, types: Dict[str, Any]) -> Optional[str]:
    """The surface type a field holds (directly or as a list), if any."""
    inner = t.get("array", t) if isinstance(t, dict) else t
    return inner["model"] if isinstance(inner, dict) and inner.get("model") in types else None


def render_types(manifest: Dict[str, Any]) -> str:
    s = manifest["surface"]
    types = {t["name"]: t for t in s["types"]}
    out = module_head(
        "The values a run hands back (the manifest's ``surface.types``) as ``TypedDict`` s with snake_case keys:\n"
        "plain dicts, so an outcome or an error's ``info`` is saved with ``json.dump`` and read back as it\n"
        "was; an optional field without a value is absent (``outcome.get(\"submission_id\")``). The\n"
        "``Literal`` types list the values of every enum the surface names. The resources\n"
        "(``AppSubmission``, ``Win32Package``…) are re-exported from :mod:`storesubmit._models`.")
    out += ["from typing import Any, Dict, List, Literal, Optional, Tuple, TypedDict", "",
            "from ._models import *  # noqa: F401,F403", ""]
    enums = surface_enums(manifest)
    names = [enum_name(e) for e in enums] + list(types) + ["ListPage", "Win32Response", "IssueCode", "ErrorCodeInfo", "to_py", "to_json"]
    names += [m["name"] for m in manifest["models"]]
    out += ["__all__ = ["] + textwrap.wrap(", ".join(f'"{n}"' for n in names), 108, initial_indent="    ",
                                           subsequent_indent="    ", break_on_hyphens=False) + ["]"]
    for key in enums:
        out += ["", f"#: The values of ``{key}`` (the core's list)."]
        out.append(f"{enum_name(key)} = Literal[" + ", ".join(f'"{v}"' for v in manifest["enums"][key]) + "]")
    for t in s["types"]:
        total = ", total=False" if any(f["optional"] for f in t["fields"]) else ""
        out += ["", "", f"class {t['name']}(TypedDict{total}):"] + docstring(doc_text(t["doc"]), "    ") + [""]
        for f in t["fields"]:
            ann = py_type(f["type"], types)
            out.append(f"    {snake(f['name'])}: {ann}")
            out += docstring(doc_text(f["doc"][0].upper() + f["doc"][1:]) + ".", "    ")
    out += [EXTRA_TYPES.rstrip("\n"), "", "",
            "#: Each value's fields as the core names them → (the Python name, the value's type when it is one of these).",
            "_FIELDS: Dict[str, Dict[str, Tuple[str, Optional[str]]]] = {"]
    for t in s["types"]:
        fields = ", ".join(f'"{f["name"]}": ("{snake(f["name"])}", {nested_type(f["type"], types)!r})'.replace("'", '"')
                           for f in t["fields"])
        out.append(f'    "{t["name"]}": {{{fields}}},')
    out += ["}", CONVERT.rstrip("\n")]
    return "\n".join(out) + "\n"


EXTRA_TYPES = '''

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
'''

CONVERT = '''
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
'''


# ---------------------------------------------------------------------------------------------------
# Models


def render_models(manifest: Dict[str, Any]) -> str:
    models = [(m["name"], doc_text(m["doc"]), [(f["name"], py_type(f["type"]), doc_text(f["doc"])) for f in m["fields"]])
              for m in manifest["models"]]
    out = module_head(
        "A ``TypedDict`` per Store resource: every resource travels as a plain ``dict``; these types describe\n"
        "its documented fields for editors and type checkers. Fields are all optional (``total=False``) and\n"
        "documents keep the fields these types do not list (GET-modify-PUT loses nothing).")
    out += ["from typing import Any, Dict, List, TypedDict", ""]
    out.append("__all__ = [" + ", ".join(f'"{n}"' for n, _, _ in models) + "]")
    for name, doc, fields in models:
        out += ["", ""]
        if all(re.match(r"^[A-Za-z_]\w*$", w) and w not in ("from", "type", "class") for w, _, _ in fields):
            out += [f"class {name}(TypedDict, total=False):", f'    """{doc or name}"""', ""]
            for wire, t, fdoc in fields:
                out.append(f"    {wire}: {t}")
                if fdoc:
                    out.append(f'    """{fdoc}"""')
            if not fields:
                out.append("    pass")
        else:
            items = ", ".join(f'"{w}": {t}' for w, t, _ in fields)
            out += [f'{name} = TypedDict("{name}", {{{items}}}, total=False)', f'"""{doc or name}"""']
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------------------------------
# Operations


def return_type(op: Dict[str, Any]) -> str:
    """An operation's result: its model, a devcenter ``ListPage``, the win32 envelope, or a plain dict."""
    if op["family"] == "win32":
        return "Win32Response"
    if op["resultWrapper"] == "page":
        return "ListPage"
    if op["resultModel"] and not op["paged"]:
        return str(op["resultModel"])
    return "Dict[str, Any]"


def op_params(op: Dict[str, Any]) -> List[Tuple[str, str, str, bool]]:
    """(python name, wire name, annotation, required) per parameter of an operation."""
    params: List[Tuple[str, str, str, bool]] = [(snake(p), p, "str", True) for p in op["pathParams"]]
    if op["body"]:
        params.append(("body", "body", "Mapping[str, Any]", True))
    for q in op["query"]:
        ann = "Optional[int]" if q in ("top", "skip") else ("Optional[Union[str, Sequence[str]]]" if q == "languages" else "Optional[Any]")
        params.append((snake(q) if q != "$filter" else "filter", q, ann, False))
    if op["family"] == "ingestion" and op["method"] in ("PUT", "PATCH"):
        params.append(("if_match", "ifMatch", "Optional[str]", False))
    return params


FAMILIES = {"devcenter": ("Devcenter", "the classic Store submission API (apps, submissions, add-ons, flights, rollout)"),
            "win32": ("Win32", "the MSI/EXE submission API"), "ingestion": ("Ingestion", "the Partner Center ingestion API")}


def render_ops(operations: List[Dict[str, Any]]) -> str:
    out = module_head("One typed method per operation of the core's route table: each is one ``call`` workflow (tokens,\n"
                      "retries, the deadline) answering the response body; the operation id is in its docstring.")
    used = sorted({r for r in map(return_type, operations) if r not in ("ListPage", "Win32Response", "Dict[str, Any]")})
    out += ["from typing import Any, Awaitable, Callable, Dict, Mapping, Optional, Sequence, Union, cast", "",
            "from ._models import " + ", ".join(used), "from .types import ListPage, Win32Response", ""]
    names = [("Async" if a else "") + cls + "Operations" for cls, _ in FAMILIES.values() for a in (False, True)]
    out += ["__all__ = [" + ", ".join(f'"{n}"' for n in names) + "]", "",
            "_Call = Callable[[str, Dict[str, Any]], Any]", "_AsyncCall = Callable[[str, Dict[str, Any]], Awaitable[Any]]"]
    for family, (cls, what) in FAMILIES.items():
        for is_async in (False, True):
            out += ["", "", f"class {'Async' if is_async else ''}{cls}Operations:",
                    f'    """Every method of {what}{" (asyncio)" if is_async else ""}."""', "",
                    f"    def __init__(self, call: {'_AsyncCall' if is_async else '_Call'}) -> None:", "        self._call = call"]
            for op in (o for o in operations if o["family"] == family):
                params = op_params(op)
                sig = ["self"] + [f"{py}: {ann}" for py, _, ann, req in params if req]
                opt = [f"{py}: {ann} = None" for py, _, ann, req in params if not req]
                sig += ["*"] + opt if opt else []
                ret = return_type(op)
                out += ["", f"    {'async ' if is_async else ''}def {op['id'].split('.', 1)[1]}({', '.join(sig)}) -> {ret}:",
                        f'        """{op["summary"]} (``{op["id"]}``, HTTP {op["method"]})."""']
                args = ", ".join(f'"{wire}": {py}' for py, wire, _, _ in params)
                out.append(f'        return cast({ret!r}, {"await " if is_async else ""}self._call("{op["id"]}", {{{args}}}))')
    return "\n".join(out) + "\n"


def parse_operations(manifest: Optional[Dict[str, Any]] = None) -> List[Dict[str, object]]:
    """The operations of the core's route table, in table order, as ``storesubmit.operations()`` lists them."""
    keys = ("id", "family", "method", "path", "query", "body", "summary")
    return [{k: op[k] for k in keys} for op in (manifest or load_manifest())["operations"]]


# ---------------------------------------------------------------------------------------------------
# Errors

#: Class names that differ from ``CamelCase(code) + "Error"`` (not to shadow Python's builtins), extra bases.
ERROR_CLASS_NAMES = {"auth": "AuthenticationError", "unavailable": "ServiceUnavailableError",
                     "timeout": "RequestTimeoutError", "cancelled": "OperationCancelledError"}
ERROR_BASES = {"invalid_argument": "ValueError", "validation": "ValueError"}


def error_class_name(code: str) -> str:
    return ERROR_CLASS_NAMES.get(code) or "".join(p.capitalize() for p in code.split("_")) + "Error"


ERRORS_BASE = '''

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
'''

ERRORS_TAIL = '''

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
'''


def render_errors(manifest: Dict[str, Any]) -> str:
    errors = manifest["errors"]
    names = [error_class_name(e["code"]) for e in errors]
    out = module_head("Exceptions: one class per stable error code of the core's catalogue, picked by code, so\n"
                      "``except storesubmit.NotFoundError`` works. Messages come from the core, secrets removed.")
    out += ["import json", "from typing import Any, Dict, List, Optional, Type, cast", "",
            "from .types import ErrorInfo, Finding, Issue, RequestRef, to_json, to_py", "", "__all__ = ["]
    out += [f'    "{n}",' for n in ["StoreSubmitError", *names, "error_class_for"]] + ["]", ERRORS_BASE.rstrip("\n")]
    for e, name in zip(errors, names):
        bases = ", ".join(["StoreSubmitError"] + ([ERROR_BASES[e["code"]]] if e["code"] in ERROR_BASES else []))
        out += ["", "", f"class {name}({bases}):"] + docstring(doc_text(e["doc"]), "    ")
        out += ["", f'    code = "{e["code"]}"', f"    number = {e['number']}"]
    out += ["", "", "_CLASSES: Dict[str, Type[StoreSubmitError]] = {cls.code: cls for cls in ("]
    out += [f"    {n}," for n in names] + [")}"]
    return "\n".join(out) + "\n" + ERRORS_TAIL


# ---------------------------------------------------------------------------------------------------
# The facade: clients and calls

#: Parameters a method takes positionally although they are optional (what almost every call passes).
POSITIONAL_OPTIONAL = {"changes", "args"}
#: The host parameters in Python: (name, annotation, doc).
HOST = {
    "files": ("files", "Optional[PathLike]", "the folder the file names of the request are relative to"),
    "output": ("output", "Optional[PathLike]", "the file the ZIP is written to"),
    "progress": ("on_progress", "Optional[EventCallback]", "receives each ``ProgressEvent`` (stages, requests, waits, "
                 "upload bytes, ``resumable``)"),
}
CANCEL = {False: "Ctrl-C stops the run cleanly", True: "``task.cancel()`` stops the run cleanly"}
CANCELLED = ": it raises ``OperationCancelledError``, with the ``resume_token`` to continue from when it can."
#: The client's own options (the host's, beside ``surface.clientOptions``): (name, annotation, default, doc).
CLIENT_HOST_OPTIONS = [
    ("transport", "Optional[Transport]", "None", "``None`` for the bundled HTTP client, or a callable (sync, or async "
     "with the asyncio client) taking a ``Request`` and returning a ``Response``: ``storesubmit.adapters``' "
     "``requests``/``httpx`` transports, or your own"),
    ("on_event", "Optional[EventCallback]", "None", "receives every run's ``ProgressEvent`` s"),
    ("user_agent", "Optional[str]", "None", "the bundled HTTP client's ``User-Agent``"),
    ("connect_timeout", "float", "30.0", "the bundled HTTP client's connect timeout, seconds"),
]


def default_of(p: Dict[str, Any]) -> str:
    """A parameter's default as Python source (``None`` stands for a mutable default: the core fills it in)."""
    d = p["default"]
    return "None" if d is None or isinstance(d, (dict, list)) else json.dumps(d) if isinstance(d, str) else repr(d)


#: Parameters whose manifest type is ``any`` that Python types closer.
PARAM_TYPES = {"files": "Union[PathLike, Sequence[str], Mapping[str, int]]"}


def annotation(p: Dict[str, Any], types: Dict[str, Any]) -> str:
    ann = PARAM_TYPES.get(p["name"]) or py_type(p["type"], types, arg=True)
    return ann if p["required"] or ann == "Any" else f"Optional[{ann}]"


def arg_value(p: Dict[str, Any], types: Dict[str, Any]) -> str:
    name = snake(p["name"])
    inner = p["type"].get("model") if isinstance(p["type"], dict) else None
    return f'to_json({name}, "{inner}")' if inner in types else name


def returns_of(m: Dict[str, Any], types: Dict[str, Any]) -> Tuple[str, Optional[str]]:
    """(annotation, surface type name to convert to) of what a method returns."""
    r = m["returns"]
    if isinstance(r, dict) and "enum" in r:
        return f"Optional[{enum_name(r['enum'])}]", None
    return py_type(r, types), r.get("model") if isinstance(r, dict) and r.get("model") in types else None


def signature(m: Dict[str, Any], types: Dict[str, Any], host: List[str], first: List[str]) -> Tuple[List[str], List[str]]:
    """The parameters of a method (source) and their docs."""
    params = m["params"]
    positional = [p for p in params if p["required"]] + [p for p in params if not p["required"] and p["name"] in POSITIONAL_OPTIONAL]
    keyword = [p for p in params if p not in positional]
    sig = list(first)
    sig += [f"{snake(p['name'])}: {annotation(p, types)}" + ("" if p["required"] else f" = {default_of(p)}") for p in positional]
    extra = [f"{name}: {ann} = None" for key, (name, ann, _) in HOST.items() if key in host]
    if keyword or extra:
        sig += ["*"] + [f"{snake(p['name'])}: {annotation(p, types)} = {default_of(p)}" for p in keyword] + extra
    docs = [f"``{snake(p['name'])}``: {doc_text(p['doc'])}." for p in positional + keyword]
    docs += [f"``{name}``: {doc}." for key, (name, _, doc) in HOST.items() if key in host]
    return sig, docs


def render_method(m: Dict[str, Any], types: Dict[str, Any], is_async: bool) -> List[str]:
    sig, docs = signature(m, types, m["host"], ["self"])
    ann, conv = returns_of(m, types)
    text = doc_text(m["doc"]) + " " + " ".join(docs)
    if "cancel" in m["host"]:
        text += f" {CANCEL[is_async]}{CANCELLED}"
    request = [f'"workflow": "{m["name"]}"'] + [f'"{p["name"]}": {arg_value(p, types)}' for p in m["params"]]
    host = [HOST[k][0] if k in m["host"] else "None" for k in ("files", "output", "progress")]
    run = f"self._{'a' if is_async else ''}run(run_request, {conv!r}, {', '.join(host)})".replace("'", '"')
    out = ["", f"    {'async ' if is_async else ''}def {snake(m['name'])}("] + [f"        {a}," for a in sig] + [f"    ) -> {ann}:"]
    out += docstring(text, "        ") + ["        run_request = {"] + [f"            {r}," for r in request] + ["        }"]
    return out + [f"        return cast({ann}, {'await ' if is_async else ''}{run})"]


def render_client(manifest: Dict[str, Any], is_async: bool) -> str:
    s = manifest["surface"]
    types = {t["name"]: t for t in s["types"]}
    kind = "asyncio" if is_async else "synchronous"
    out = module_head(f"The {kind} client: one method per workflow of the surface{' (each a coroutine)' if is_async else ''}, "
                      "a typed method per API\noperation under ``devcenter``, ``win32`` and ``ingestion``.")
    out += ["from typing import Any, Dict, Mapping, Optional, Sequence, Union, cast", "",
            "from ._host import ClientBase, Credential, EventCallback, PathLike, Transport",
            "from ._ops import " + ", ".join(f"{'Async' if is_async else ''}{c}Operations" for c, _ in FAMILIES.values()),
            "from .types import *  # noqa: F401,F403", "from .types import to_json", "", '__all__ = ["Client"]', "", ""]
    opts = s["clientOptions"]
    init = ["self", "credential: Optional[Credential]", "*"]
    init += [f"{snake(o['name'])}: {annotation(o, types)} = {default_of(o)}" for o in opts]
    init += [f"{n}: {a} = {d}" for n, a, d, _ in CLIENT_HOST_OPTIONS]
    docs = [f"``{snake(o['name'])}``: {doc_text(o['doc'])}." for o in opts] + [f"``{n}``: {d}." for n, _, _, d in CLIENT_HOST_OPTIONS]
    twin = "The asyncio twin of :class:`storesubmit.Client`: every method is a coroutine." if is_async else \
        "A client of the Store's three API families and of every workflow the core runs."
    out += ["class Client(ClientBase):"] + docstring(
        f"{twin} ``credential``: a ``ClientSecretCredential``, any azure-identity style credential "
        f"({'sync or async ' if is_async else ''}``get_token``), or ``None`` for the workflows that need no token "
        f"(``pack``, ``upload`` to a SAS URL). " + " ".join(docs), "    ")
    out += ["", "    def __init__("] + [f"        {a}," for a in init] + ["    ) -> None:"]
    out.append("        options = {" + ", ".join(f'"{o["name"]}": {snake(o["name"])}' for o in opts) + "}")
    out.append(f"        super().__init__(credential, options, transport, on_event, user_agent, connect_timeout, {is_async})")
    for family, (cls, what) in FAMILIES.items():
        out += [f"        #: {what[0].upper() + what[1:]}.", f"        self.{family} = {'Async' if is_async else ''}{cls}Operations(self._document)"]
    aw, a_, asy = ("await ", "a", "async ") if is_async else ("", "", "")
    out += ["", f"    {asy}def __{a_}enter__(self) -> Client:", "        return self", "",
            f"    {asy}def __{a_}exit__(self, *exc: object) -> None:", f"        {aw}self.close()", "",
            f"    {asy}def close(self) -> None:", '        """Nothing to release (connections are pooled per process); for ``with`` blocks."""', "",
            f"    {asy}def run(self, request: Mapping[str, Any], *, files: Optional[PathLike] = None, output: Optional[PathLike] = None,",
            "            on_progress: Optional[EventCallback] = None) -> Any:"]
    out += docstring("Runs a workflow request as it is (``{\"workflow\": name, …}``, e.g. what "
                     "``load_project`` resolves) and returns what it returns.", "        ")
    out += [f"        return {aw}self._{a_}run(dict(request), None, files, output, on_progress)", "",
            f"    {asy}def _document(self, op: str, args: Dict[str, Any]) -> Any:",
            f"        return ({aw}self.call(op, args)).get(\"document\")"]
    for m in (w for w in s["workflows"] if w["facade"]):
        out += render_method(m, types, is_async)
    return "\n".join(out) + "\n"


#: Workflows that also get a module function (they need no credential): (name, doc).
MODULE_WORKFLOWS = {"pack"}


def one_def(name: str, sig: List[str], ann: str) -> List[str]:
    """A function's first line, or lines (one parameter each) when it is long."""
    line = f"def {name}({', '.join(sig)}) -> {ann}:"
    return [line] if len(line) <= 112 else [f"def {name}("] + [f"    {a}," for a in sig] + [f") -> {ann}:"]


def render_calls(manifest: Dict[str, Any]) -> str:
    s = manifest["surface"]
    types = {t["name"]: t for t in s["types"]}
    calls = [c for c in s["calls"] if c["facade"]]
    out = module_head("The core's offline functions (the manifest's ``surface.calls``), one typed function each.")
    out += ["from typing import Any, Dict, List, Mapping, Optional, Sequence, Union, cast", "",
            "from ._host import EventCallback, PathLike, call", "from .types import *  # noqa: F401,F403",
            "from .types import to_json", ""]
    names = [snake(c["name"]) for c in calls] + sorted(MODULE_WORKFLOWS)
    out += ["__all__ = [" + ", ".join(f'"{n}"' for n in names) + "]"]
    for c in calls:
        sig, docs = signature(c, types, [], [])
        ann, conv = returns_of(c, types)
        args = ", ".join(f'"{p["name"]}": {arg_value(p, types)}' for p in c["params"])
        out += ["", ""] + one_def(snake(c["name"]), sig, ann) + docstring(doc_text(c["doc"]) + " " + " ".join(docs), "    ")
        out.append(f'    return cast({ann}, call("{c["name"]}", {{{args}}}, {conv!r}))'.replace("'", '"'))
    for m in (w for w in s["workflows"] if w["name"] in MODULE_WORKFLOWS):
        sig, docs = signature(m, types, m["host"], [])
        ann, _ = returns_of(m, types)
        names = [snake(p["name"]) for p in m["params"]] + [HOST[k][0] for k in ("files", "output", "progress") if k in m["host"]]
        out += ["", ""] + one_def(snake(m["name"]), sig, ann)
        out += docstring(doc_text(m["doc"]) + " " + " ".join(docs) + " (``Client(None).pack``: no credential needed.)", "    ")
        out += ["    from .client import Client", "",
                f"    return Client(None).{snake(m['name'])}({', '.join(f'{n}={n}' for n in names)})"]
    return "\n".join(out) + "\n"


def main(argv: List[str]) -> int:
    manifest = load_manifest()
    s = manifest["surface"]
    NAMES.update(m["name"] for m in s["workflows"] + s["calls"])
    NAMES.update(p["name"] for m in s["workflows"] + s["calls"] for p in m["params"])
    NAMES.update(o["name"] for o in s["clientOptions"])
    files = {
        PKG / "_models.py": render_models(manifest),
        PKG / "types.py": render_types(manifest),
        PKG / "_errors.py": render_errors(manifest),
        PKG / "_ops.py": render_ops(manifest["operations"]),
        PKG / "client.py": render_client(manifest, False),
        PKG / "aio.py": render_client(manifest, True),
        PKG / "_calls.py": render_calls(manifest),
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
