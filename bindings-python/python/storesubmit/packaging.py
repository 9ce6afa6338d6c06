"""Packaging: the ZIP a devcenter submission uploads, written with the core's streaming writer.

Packages are stored (never re-compressed), each input file is read once, entries get fixed timestamps
(same input, same bytes), and every missing file is reported before anything is written.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Union

from . import _native
from .types import PackResult

__all__ = ["pack", "package_entries", "upload_file"]

PathLike = Union[str, Path]


def package_entries(kind: str, doc: Any) -> List[Dict[str, Any]]:
    """The files a submission needs in its ZIP (``PendingUpload`` packages, images, trailers…):
    ``{name, source_name, pointers}`` per entry, in archive order. Reads no file."""
    entries = _native.call("packageEntries", {"kind": kind, "document": doc})
    return [{"name": e["name"], "source_name": e["sourceName"], "pointers": e["pointers"]} for e in entries]


def pack(
    doc: Any,
    files: PathLike,
    out: PathLike,
    *,
    kind: str = "app-submission",
    on_progress: Optional[Callable[[int, int], None]] = None,
) -> PackResult:
    """Writes the ZIP for submission ``doc`` (its files found under the folder ``files``) to ``out``.
    ``on_progress(done, total)`` reports input bytes. Raises ``MissingFilesError`` naming every missing
    file before writing, ``InvalidArchiveError`` for an unsafe name. Runs with the GIL released."""
    result: PackResult = _native.pack(kind, doc, str(files), str(out), on_progress)
    return result


def upload_file(url: str, path: PathLike, *, on_progress: Optional[Callable[[int, int], None]] = None, transport: Any = None) -> Any:
    """Uploads a local file to an Azure blob SAS URL with the bundled transport: blocks in parallel,
    each checksummed, resumable (staged blocks are not sent again). ``transport`` may be a
    :class:`storesubmit.BundledTransport` with its own settings; workflow uploads (a submission's ZIP,
    listing assets) go through any transport, this helper only through the bundled one."""
    from .transport import as_transport

    t = as_transport(transport)
    if hasattr(t, "upload_file"):
        return t.upload_file(url, path, on_progress)
    raise TypeError("upload_file needs the bundled transport")
