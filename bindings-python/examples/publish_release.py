"""Example: validate, package and publish a release with the sync client (type-checked with
``mypy --strict`` by the suite, and run against the emulator)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import storesubmit
from storesubmit.types import AppSubmission, Issue, Outcome, ProgressEvent


def problems(changes: AppSubmission, files: Path) -> List[Issue]:
    """Error-severity issues of the changes (a partial submission) against the files folder."""
    doc = storesubmit._native.standalone_document("app-submission", {"changes": dict(changes)})
    return [i for i in storesubmit.validate("app-submission", doc, files=files) if i["severity"] == "error" and not i["code"].endswith("required")]


def publish(client: storesubmit.Client, app_id: str, package: str, files: Path, percentage: Optional[float] = None) -> Outcome:
    """Publishes ``package`` (a file under ``files``) as the app's new package."""
    changes: AppSubmission = {"applicationPackages": [{"fileName": package}]}
    found = problems(changes, files)
    if found:
        raise SystemExit("; ".join(f"{i['code']} at {i['path']}" for i in found))

    def bar(done: int, total: int) -> None:
        print(f"\rupload {done * 100 // max(total, 1)}%", end="", file=sys.stderr)

    try:
        return client.publish_app_submission(app_id, changes, files=files, rollout_percentage=percentage, on_progress=bar)
    except storesubmit.ConflictError as err:
        print(f"a submission is in progress: {err.message} ({err.correlation_id})", file=sys.stderr)
        raise


def main() -> None:
    import tempfile

    import storesubmit.emulator

    events: List[ProgressEvent] = []
    with storesubmit.emulator.start() as emu:
        client = emu.client(on_event=events.append)
        folder = Path(tempfile.mkdtemp())
        (folder / "app.msixupload").write_bytes(b"\x01" * 4096)
        outcome = publish(client, emu.app_id, "app.msixupload", folder, percentage=10)
        app = client.devcenter.get_app(emu.app_id)
        print(outcome.get("status"), app.get("primaryName"), len(events))


if __name__ == "__main__":
    main()
