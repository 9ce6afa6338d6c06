"""Generates the package's typed layer from the core, so no Store fact is written twice.

- ``python/storesubmit/_models.py``: a ``TypedDict`` per core model (``core/src/model/**``), fields and
  doc comments read from the Rust ``model!`` declarations (devcenter names camelCased like serde does).
- ``python/storesubmit/_ops.py``: one typed method per operation of the core's route table
  (``core/src/api/routes.rs``), for the sync and the asyncio clients.

Reads only the core's sources (no build needed); ``scripts/test.d/50-python.sh`` runs it before building
the wheel, so the wheel always matches the core (commit the files it rewrites)::

    python3 bindings-python/tools/generate.py [--check]

``--check`` exits 1 when the files on disk differ.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Dict, List, Optional, Tuple

ROOT = Path(__file__).resolve().parents[2]
PKG = ROOT / "bindings-python" / "python" / "storesubmit"

# ---------------------------------------------------------------------------------------------------
# Models

MODEL_FILES = [
    ("", ROOT / "core/src/model/devcenter/mod.rs"),
    ("", ROOT / "core/src/model/devcenter/app.rs"),
    ("", ROOT / "core/src/model/devcenter/addon.rs"),
    ("", ROOT / "core/src/model/devcenter/flight.rs"),
    ("Win32", ROOT / "core/src/model/win32.rs"),
    ("Ingestion", ROOT / "core/src/model/ingestion.rs"),
]

BLOCK = re.compile(r"model!\s*\{\s*((?:///[^\n]*\n\s*)*)pub struct (\w+)\s*\{(.*?)\n\s*\}\s*\n\s*\}", re.S)
FIELD = re.compile(r"((?:///[^\n]*\n\s*)*)(?:r#)?(\w+)\s*:\s*([^=\n]+?)(?:\s*=\s*\"([^\"]+)\")?,?\s*$", re.M)
SCALARS = {
    "String": "str", "bool": "bool", "f64": "float", "f32": "float", "u64": "int", "u32": "int",
    "i64": "int", "i32": "int", "u16": "int", "u8": "int", "usize": "int", "Value": "Any",
    "serde_json::Value": "Any", "SasUrl": "str",
}


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(p[:1].upper() + p[1:] for p in rest)


def doc_of(block: str) -> str:
    lines = [ln.strip()[3:].strip() for ln in block.strip().splitlines() if ln.strip().startswith("///")]
    return " ".join(lines).replace("`", "``").replace("````", "``")


def py_type(rust: str, names: Dict[str, str], enums: set) -> str:
    rust = rust.strip()
    m = re.match(r"^(Vec|Option|Nullable|Field|Box)<(.+)>$", rust)
    if m:
        inner = py_type(m.group(2), names, enums)
        return f"List[{inner}]" if m.group(1) == "Vec" else inner
    m = re.match(r"^(?:BTreeMap|HashMap|Map)<String,\s*(.+)>$", rust)
    if m:
        return f"Dict[str, {py_type(m.group(1), names, enums)}]"
    rust = rust.split("::")[-1]
    if rust in SCALARS:
        return SCALARS[rust]
    if rust in names:
        return f'"{names[rust]}"'
    return "str" if rust in enums or rust[:1].isupper() else "Any"


def parse_models() -> List[Tuple[str, str, List[Tuple[str, str, str]]]]:
    enums = set()
    raw = []
    for prefix, path in MODEL_FILES:
        text = path.read_text()
        for em in re.finditer(r"pub enum (\w+)", text):
            enums.add(em.group(1))
        for bm in BLOCK.finditer(text):
            raw.append((prefix, bm.group(2), doc_of(bm.group(1)), bm.group(3), "devcenter" in str(path)))
    for path in (ROOT / "core/src/model/devcenter/enums.rs",):
        for em in re.finditer(r"pub enum (\w+)", path.read_text()):
            enums.add(em.group(1))
    models = []
    for prefix, name, doc, body, is_devcenter in raw:
        # Types resolve within their own family (devcenter's SubmissionStatus is an enum, win32's a model).
        names = {n: prefix + n for p, n, _, _, _ in raw if p == prefix}
        fields = []
        for fm in FIELD.finditer(body):
            fdoc, fname, ftype, json = fm.group(1), fm.group(2), fm.group(3), fm.group(4)
            wire = json or (camel(fname) if is_devcenter else fname)
            fields.append((wire, py_type(ftype, names, enums), doc_of(fdoc)))
        models.append((prefix + name, doc, fields))
    return models


def render_models() -> str:
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
        "from typing import Any, Dict, List, TypedDict",
        "",
    ]
    models = parse_models()
    out.append("__all__ = [" + ", ".join(f'"{n}"' for n, _, _ in models) + "]")
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

RETURNS = {
    "devcenter.list_apps": "ListPage", "devcenter.get_app": "Application",
    "devcenter.list_app_addons": "ListPage", "devcenter.list_app_flights": "ListPage",
    "devcenter.create_app_submission": "AppSubmission", "devcenter.get_app_submission": "AppSubmission",
    "devcenter.update_app_submission": "AppSubmission", "devcenter.get_app_submission_status": "SubmissionStatusResource",
    "devcenter.get_app_package_rollout": "PackageRollout", "devcenter.update_app_package_rollout_percentage": "PackageRollout",
    "devcenter.halt_app_package_rollout": "PackageRollout", "devcenter.finalize_app_package_rollout": "PackageRollout",
    "devcenter.list_addons": "ListPage", "devcenter.get_addon": "Addon", "devcenter.create_addon": "Addon",
    "devcenter.create_addon_submission": "AddonSubmission", "devcenter.get_addon_submission": "AddonSubmission",
    "devcenter.update_addon_submission": "AddonSubmission", "devcenter.get_addon_submission_status": "SubmissionStatusResource",
    "devcenter.get_flight": "Flight", "devcenter.create_flight": "Flight",
    "devcenter.create_flight_submission": "FlightSubmission", "devcenter.get_flight_submission": "FlightSubmission",
    "devcenter.update_flight_submission": "FlightSubmission", "devcenter.get_flight_submission_status": "SubmissionStatusResource",
    "devcenter.get_flight_package_rollout": "PackageRollout", "devcenter.update_flight_package_rollout_percentage": "PackageRollout",
    "devcenter.halt_flight_package_rollout": "PackageRollout", "devcenter.finalize_flight_package_rollout": "PackageRollout",
    "ingestion.get_product": "IngestionProduct", "ingestion.create_product": "IngestionProduct",
    "ingestion.get_product_setup": "IngestionProductSetup", "ingestion.get_listing": "IngestionListing",
    "ingestion.update_listing": "IngestionListing", "ingestion.get_package": "IngestionPackage",
    "ingestion.create_package": "IngestionPackage", "ingestion.update_package": "IngestionPackage",
    "ingestion.get_submission": "IngestionSubmission", "ingestion.create_submission": "IngestionSubmission",
    "ingestion.promote_submission": "IngestionSubmission",
}


def snake(name: str) -> str:
    name = name.lstrip("$")
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).lower()


def op_params(op: Dict[str, object]) -> List[Tuple[str, str, str, bool]]:
    """(python name, wire name, annotation, required) per parameter of an operation."""
    params: List[Tuple[str, str, str, bool]] = []
    for p in re.findall(r"\{(\w+)\}", str(op["path"])):
        params.append((snake(p), p, "str", True))
    if op["body"]:
        params.append(("body", "body", "Mapping[str, Any]", True))
    for q in op["query"]:  # type: ignore[attr-defined]
        ann = "Optional[int]" if q in ("top", "skip") else ("Optional[Union[str, Sequence[str]]]" if q == "languages" else "Optional[Any]")
        params.append((snake(q) if q != "$filter" else "filter", q, ann, False))
    if op["family"] == "ingestion" and op["method"] in ("PUT", "PATCH"):
        params.append(("if_match", "ifMatch", "Optional[str]", False))
    return params


def render_ops(operations: List[Dict[str, object]]) -> str:
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
    used = sorted({v for v in RETURNS.values() if v != "ListPage"})
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
                ret = RETURNS.get(op_id, "Win32Response" if family == "win32" else "Dict[str, Any]")
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


OP_LINE = re.compile(r'^\s*"([\w.]+)"\s+(\w+)\s+(\w+)\s+"([^"]+)"\s+\[([^\]]*)\]\s+(true|false)\s+"([^"]*)";', re.M)


def parse_operations() -> List[Dict[str, object]]:
    """The operations of the core's route table, in table order (as ``storesubmit.operations()`` lists them)."""
    text = (ROOT / "core/src/api/routes.rs").read_text()
    ops: List[Dict[str, object]] = []
    for m in OP_LINE.finditer(text):
        ops.append({
            "id": m.group(1), "family": m.group(2).lower(), "method": m.group(3).upper(), "path": m.group(4),
            "query": re.findall(r'"([^"]+)"', m.group(5)), "body": m.group(6) == "true", "summary": m.group(7),
        })
    return ops


def main(argv: List[str]) -> int:

    files = {PKG / "_models.py": render_models(), PKG / "_ops.py": render_ops(parse_operations())}
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
