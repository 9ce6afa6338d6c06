"""Example: validate, then publish a release with the sync client (type-checked with ``mypy --strict`` by
the suite, and run against the emulator). Ctrl-C during the publish stops it cleanly and prints the resume
token that continues it."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import storesubmit
from storesubmit.types import AppSubmission, Issue, Outcome, ProgressEvent


def problems(changes: AppSubmission, files: Path) -> List[Issue]:
    """The errors of the changes (a partial submission, checked as a publish applies it) against the files."""
    report = storesubmit.validate(changes, kind="app-submission", files=files, change=True)
    return [i for i in report["issues"] if i["severity"] == "error"]


def publish(client: storesubmit.Client, app_id: str, package: str, files: Path, percentage: Optional[float] = None) -> Outcome:
    """Publishes ``package`` (a file under ``files``) as the app's new package."""
    changes: AppSubmission = {"applicationPackages": [{"fileName": package}]}
    found = problems(changes, files)
    if found:
        raise SystemExit("; ".join(f"{i['code']} at {i['path']}" for i in found))

    def bar(event: ProgressEvent) -> None:
        if event["kind"] == "upload":
            print(f"\rupload {event['done'] * 100 // max(event['total'], 1)}%", end="", file=sys.stderr)

    try:
        return client.publish_app_submission(app_id, changes, files=files, rollout_percentage=percentage, on_progress=bar)
    except storesubmit.OperationCancelledError as err:
        print(f"stopped; continue with: storesubmit resume {err.resume_token}", file=sys.stderr)
        raise
    except storesubmit.ConflictError as err:
        print(f"a submission is in progress: {err} ({err.correlation_id})", file=sys.stderr)
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
        print(outcome.get("status"), outcome.get("submission_id"), app.get("primaryName"), len(events))


if __name__ == "__main__":
    main()
