"""Example: the asyncio client with an azure-identity style async credential and the httpx adapter:
concurrent calls, and a publish run as a task that ``task.cancel()`` would stop with a resume token."""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path
from typing import Any, Dict

import storesubmit
import storesubmit.aio
from storesubmit.adapters import httpx_async_transport
from storesubmit.types import Application, Outcome, Win32Response


class StaticCredential:
    """A credential in the azure-identity shape: ``get_token(*scopes)`` → ``.token``, ``.expires_on``."""

    def __init__(self, inner: storesubmit.ClientSecretCredential) -> None:
        self.inner = inner

    async def get_token(self, *scopes: str, **kwargs: Any) -> storesubmit.AccessToken:
        token = await asyncio.to_thread(self.inner.get_token, *scopes)
        return storesubmit.AccessToken(token.token, token.expires_on)


async def overview(client: storesubmit.aio.Client, app_id: str, product_id: str) -> Dict[str, Any]:
    app: Application
    packages: Win32Response
    app, packages = await asyncio.gather(client.devcenter.get_app(app_id), client.win32.get_packages(product_id))
    apps = await client.list_all("devcenter.list_apps")
    folder = Path(tempfile.mkdtemp())
    (folder / "app.msixupload").write_bytes(b"\x02" * 4096)
    changes = {"applicationPackages": [{"fileName": "app.msixupload"}]}
    task: "asyncio.Task[Outcome]" = asyncio.create_task(client.publish_app_submission(app_id, changes, files=folder))
    outcome = await task
    return {"app": app.get("primaryName"), "packages": packages.get("responseData"),
            "apps": len(apps["document"]["value"]), "published": outcome["stage"]}


def main() -> None:
    import storesubmit.emulator

    with storesubmit.emulator.start() as emu:
        client = emu.async_client(StaticCredential(emu.credential()), transport=httpx_async_transport())
        print(asyncio.run(overview(client, emu.app_id, emu.win32_product_id)))


if __name__ == "__main__":
    main()
