"""Resolves asyncio futures from the extension's runtime threads (scheduled with ``call_soon_threadsafe``)."""

from __future__ import annotations

import asyncio
from typing import Any


def resolve(future: "asyncio.Future[Any]", ok: bool, value: Any) -> None:
    """Sets the result (``ok``) or the exception of ``future`` unless it was cancelled meanwhile."""
    if future.done():
        return
    if ok:
        future.set_result(value)
    else:
        future.set_exception(value)
