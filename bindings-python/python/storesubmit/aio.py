"""Generated from surface/manifest.json by bindings-python/tools/generate.py: do not edit, regenerate.

The asyncio client: one method per workflow of the surface (each a coroutine), a typed method per API
operation under ``devcenter``, ``win32`` and ``ingestion``.
"""

from __future__ import annotations

from typing import Any, Dict, Mapping, Optional, Sequence, Union, cast

from ._host import ClientBase, Credential, EventCallback, PathLike, Transport
from ._ops import AsyncDevcenterOperations, AsyncWin32Operations, AsyncIngestionOperations
from .types import *  # noqa: F401,F403
from .types import to_json

__all__ = ["Client"]


class Client(ClientBase):
    """The asyncio twin of :class:`storesubmit.Client`: every method is a coroutine. ``credential``: a
    ``ClientSecretCredential``, any azure-identity style credential (sync or async ``get_token``), or ``None``
    for the workflows that need no token (``pack``, ``upload`` to a SAS URL). ``seller_id``: the seller id
    MSI/EXE calls need (X-Seller-Account-Id). ``endpoints``: service roots: {devcenter, win32, ingestion, token}
    (the emulator's, another cloud's). ``token_version``: the token endpoint version. ``retry``: {maxAttempts,
    baseDelay, maxDelay, maxRetryAfter} (seconds). ``poll``: {initial, factor, max} (seconds). ``deadline``: the
    most a workflow may take, seconds (null: none). ``request_timeout``: each request's timeout, seconds.
    ``upload``: {blockSize, concurrency, maxBuffered, …}. ``journal``: a folder for the journal of runs that
    change the service: the same call after a kill continues the submission (native hosts). ``connection``: sign
    in and connect by the one precedence instead of a credential object: {explicit, config_text, config_name,
    credential_names, env, naming} as resolve_connection takes them (explicit.auth: secret, github-oidc,
    azure-pipelines, token-file, command, certificate, managed-identity; without env, the process environment).
    ``transport``: ``None`` for the bundled HTTP client, or a callable (sync, or async with the asyncio client)
    taking a ``Request`` and returning a ``Response``: ``storesubmit.adapters``' ``requests``/``httpx``
    transports, or your own. ``on_event``: receives every run's ``ProgressEvent`` s. ``user_agent``: the bundled
    HTTP client's ``User-Agent``. ``connect_timeout``: the bundled HTTP client's connect timeout, seconds.
    """

    def __init__(
        self,
        credential: Optional[Credential],
        *,
        seller_id: Optional[str] = None,
        endpoints: Any = None,
        token_version: Optional[TokenVersion] = "v2",
        retry: Any = None,
        poll: Any = None,
        deadline: Optional[float] = 14400,
        request_timeout: Optional[float] = 120,
        upload: Any = None,
        journal: Optional[str] = None,
        connection: Any = None,
        transport: Optional[Transport] = None,
        on_event: Optional[EventCallback] = None,
        user_agent: Optional[str] = None,
        connect_timeout: float = 30.0,
    ) -> None:
        options = {"sellerId": seller_id, "endpoints": endpoints, "tokenVersion": token_version, "retry": retry, "poll": poll, "deadline": deadline, "requestTimeout": request_timeout, "upload": upload, "journal": journal, "connection": connection}
        super().__init__(credential, options, transport, on_event, user_agent, connect_timeout, True)
        #: The classic Store submission API (apps, submissions, add-ons, flights, rollout).
        self.devcenter = AsyncDevcenterOperations(self._document)
        #: The MSI/EXE submission API.
        self.win32 = AsyncWin32Operations(self._document)
        #: The Partner Center ingestion API.
        self.ingestion = AsyncIngestionOperations(self._document)

    async def __aenter__(self) -> Client:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def close(self) -> None:
        """Nothing to release (connections are pooled per process); for ``with`` blocks."""

    async def run(self, request: Mapping[str, Any], *, files: Optional[PathLike] = None, output: Optional[PathLike] = None,
            on_progress: Optional[EventCallback] = None) -> Any:
        """Runs a workflow request as it is (``{"workflow": name, …}``, e.g. what ``load_project`` resolves) and
        returns what it returns.
        """
        return await self._arun(dict(request), None, files, output, on_progress)

    async def _document(self, op: str, args: Dict[str, Any]) -> Any:
        return (await self.call(op, args)).get("document")

    async def publish_app_submission(
        self,
        app_id: str,
        changes: Optional[Union[AppSubmission, Mapping[str, Any]]] = None,
        *,
        rollout_percentage: Optional[float] = None,
        mandatory_update: Optional[bool] = None,
        mandatory_update_effective_date: Optional[str] = None,
        old_packages: Optional[OldPackages] = "replace",
        pending: Optional[PendingPolicy] = "reuse",
        stop_after: Optional[StopAfter] = "published",
        archive: Optional[str] = None,
        files: Optional[PathLike] = None,
        on_progress: Optional[EventCallback] = None,
    ) -> Outcome:
        """Publishes an app submission: pre-flight checks (rules, every named file), create (or reuse the pending
        one), apply the changes (GET-modify-PUT, unknown fields kept), upload the new files, commit, wait until
        ``stop_after``. ``app_id``: the app's Store id. ``changes``: the fields to change (a partial
        submission). ``rollout_percentage``: a gradual rollout percentage (0–100) for the new packages; none: no
        rollout. ``mandatory_update``: make the update mandatory; none: the submission's setting.
        ``mandatory_update_effective_date``: when a mandatory update takes effect (ISO 8601). ``old_packages``:
        what happens to the packages already in the submission: ``replace`` (marked PendingDelete) or ``keep``.
        ``pending``: what to do with a submission already pending: ``reuse`` it (a lost create is never
        repeated), ``recreate`` it (delete, then create) or ``fail``. ``stop_after``: where the workflow stops:
        ``draft`` (uploaded and updated, not committed: the outcome carries a resume token), ``committed``,
        ``certification`` or ``published``. ``archive``: a ready ZIP (from ``pack``), named as the files are:
        uploaded as is, after its entries are checked. ``files``: the folder the file names of the request are
        relative to. ``on_progress``: receives each ``ProgressEvent`` (stages, requests, waits, upload bytes,
        ``resumable``). ``task.cancel()`` stops the run cleanly: it raises ``OperationCancelledError``, with the
        ``resume_token`` to continue from when it can.
        """
        run_request = {
            "workflow": "publishAppSubmission",
            "appId": app_id,
            "changes": changes,
            "rolloutPercentage": rollout_percentage,
            "mandatoryUpdate": mandatory_update,
            "mandatoryUpdateEffectiveDate": mandatory_update_effective_date,
            "oldPackages": old_packages,
            "pending": pending,
            "stopAfter": stop_after,
            "archive": archive,
        }
        return cast(Outcome, await self._arun(run_request, "Outcome", files, None, on_progress))

    async def publish_addon_submission(
        self,
        addon_id: str,
        changes: Optional[Union[AddonSubmission, Mapping[str, Any]]] = None,
        *,
        pending: Optional[PendingPolicy] = "reuse",
        stop_after: Optional[StopAfter] = "published",
        archive: Optional[str] = None,
        files: Optional[PathLike] = None,
        on_progress: Optional[EventCallback] = None,
    ) -> Outcome:
        """Publishes an add-on (in-app product) submission, as publish_app_submission does. ``addon_id``: the
        add-on's Store id. ``changes``: the fields to change (a partial submission). ``pending``: what to do
        with a submission already pending: ``reuse`` it (a lost create is never repeated), ``recreate`` it
        (delete, then create) or ``fail``. ``stop_after``: where the workflow stops: ``draft`` (uploaded and
        updated, not committed: the outcome carries a resume token), ``committed``, ``certification`` or
        ``published``. ``archive``: a ready ZIP (from ``pack``), named as the files are: uploaded as is, after
        its entries are checked. ``files``: the folder the file names of the request are relative to.
        ``on_progress``: receives each ``ProgressEvent`` (stages, requests, waits, upload bytes, ``resumable``).
        ``task.cancel()`` stops the run cleanly: it raises ``OperationCancelledError``, with the
        ``resume_token`` to continue from when it can.
        """
        run_request = {
            "workflow": "publishAddonSubmission",
            "addonId": addon_id,
            "changes": changes,
            "pending": pending,
            "stopAfter": stop_after,
            "archive": archive,
        }
        return cast(Outcome, await self._arun(run_request, "Outcome", files, None, on_progress))

    async def publish_flight_submission(
        self,
        app_id: str,
        flight_id: str,
        changes: Optional[Union[FlightSubmission, Mapping[str, Any]]] = None,
        *,
        rollout_percentage: Optional[float] = None,
        mandatory_update: Optional[bool] = None,
        mandatory_update_effective_date: Optional[str] = None,
        old_packages: Optional[OldPackages] = "replace",
        pending: Optional[PendingPolicy] = "reuse",
        stop_after: Optional[StopAfter] = "published",
        archive: Optional[str] = None,
        files: Optional[PathLike] = None,
        on_progress: Optional[EventCallback] = None,
    ) -> Outcome:
        """Publishes a package flight submission, as publish_app_submission does. ``app_id``: the app's Store id.
        ``flight_id``: the package flight's id. ``changes``: the fields to change (a partial submission).
        ``rollout_percentage``: a gradual rollout percentage (0–100) for the new packages; none: no rollout.
        ``mandatory_update``: make the update mandatory; none: the submission's setting.
        ``mandatory_update_effective_date``: when a mandatory update takes effect (ISO 8601). ``old_packages``:
        what happens to the packages already in the submission: ``replace`` (marked PendingDelete) or ``keep``.
        ``pending``: what to do with a submission already pending: ``reuse`` it (a lost create is never
        repeated), ``recreate`` it (delete, then create) or ``fail``. ``stop_after``: where the workflow stops:
        ``draft`` (uploaded and updated, not committed: the outcome carries a resume token), ``committed``,
        ``certification`` or ``published``. ``archive``: a ready ZIP (from ``pack``), named as the files are:
        uploaded as is, after its entries are checked. ``files``: the folder the file names of the request are
        relative to. ``on_progress``: receives each ``ProgressEvent`` (stages, requests, waits, upload bytes,
        ``resumable``). ``task.cancel()`` stops the run cleanly: it raises ``OperationCancelledError``, with the
        ``resume_token`` to continue from when it can.
        """
        run_request = {
            "workflow": "publishFlightSubmission",
            "appId": app_id,
            "flightId": flight_id,
            "changes": changes,
            "rolloutPercentage": rollout_percentage,
            "mandatoryUpdate": mandatory_update,
            "mandatoryUpdateEffectiveDate": mandatory_update_effective_date,
            "oldPackages": old_packages,
            "pending": pending,
            "stopAfter": stop_after,
            "archive": archive,
        }
        return cast(Outcome, await self._arun(run_request, "Outcome", files, None, on_progress))

    async def rollout(
        self,
        app_id: str,
        submission_id: str,
        *,
        action: Optional[RolloutAction] = "get",
        percentage: Optional[float] = None,
        flight_id: Optional[str] = None,
        on_progress: Optional[EventCallback] = None,
    ) -> Outcome:
        """Reads or changes a submission's gradual package rollout; a lost answer is checked by reading the rollout
        back. The outcome's document is the rollout. ``app_id``: the app's Store id. ``submission_id``: the
        submission whose rollout is read or changed. ``action``: ``get``, ``update``, ``halt`` or ``finalize``.
        ``percentage``: the new percentage (0–100), with ``update``. ``flight_id``: the flight, for a flight
        submission's rollout. ``on_progress``: receives each ``ProgressEvent`` (stages, requests, waits, upload
        bytes, ``resumable``). ``task.cancel()`` stops the run cleanly: it raises ``OperationCancelledError``,
        with the ``resume_token`` to continue from when it can.
        """
        run_request = {
            "workflow": "rollout",
            "appId": app_id,
            "submissionId": submission_id,
            "action": action,
            "percentage": percentage,
            "flightId": flight_id,
        }
        return cast(Outcome, await self._arun(run_request, "Outcome", None, None, on_progress))

    async def wait_for_submission(
        self,
        submission_id: str,
        *,
        app_id: Optional[str] = None,
        addon_id: Optional[str] = None,
        flight_id: Optional[str] = None,
        stop_after: Optional[StopAfter] = "published",
        on_progress: Optional[EventCallback] = None,
    ) -> Outcome:
        """Waits for a submission committed elsewhere (another job, the portal) until ``stop_after``; commits
        nothing, and a submission still in draft is a conflict. ``submission_id``: the submission to follow.
        ``app_id``: the app (give app_id, with flight_id for a flight, or addon_id). ``addon_id``: the add-on.
        ``flight_id``: the flight (with app_id). ``stop_after``: where the workflow stops: ``draft`` (uploaded
        and updated, not committed: the outcome carries a resume token), ``committed``, ``certification`` or
        ``published``. ``on_progress``: receives each ``ProgressEvent`` (stages, requests, waits, upload bytes,
        ``resumable``). ``task.cancel()`` stops the run cleanly: it raises ``OperationCancelledError``, with the
        ``resume_token`` to continue from when it can.
        """
        run_request = {
            "workflow": "waitForSubmission",
            "submissionId": submission_id,
            "appId": app_id,
            "addonId": addon_id,
            "flightId": flight_id,
            "stopAfter": stop_after,
        }
        return cast(Outcome, await self._arun(run_request, "Outcome", None, None, on_progress))

    async def publish_win32(
        self,
        product_id: str,
        *,
        packages: Optional[Union[Win32PackageList, Mapping[str, Any]]] = None,
        package_patches: Optional[Sequence[Any]] = None,
        metadata: Optional[Union[Win32MetadataUpdate, Mapping[str, Any]]] = None,
        metadata_patch: Optional[bool] = False,
        assets: Optional[Sequence[Any]] = None,
        stop_after: Optional[StopAfter] = "published",
        files: Optional[PathLike] = None,
        on_progress: Optional[EventCallback] = None,
    ) -> Outcome:
        """Publishes an MSI/EXE product: pre-flight checks, packages (commit, wait for processing), metadata,
        listing assets, submit, wait until ``stop_after``. Needs the client's seller_id. ``product_id``: the
        MSI/EXE product's id. ``packages``: the packages, as a full update (PUT): {packages: [...]}.
        ``package_patches``: single package patches: [{packageId, body}]. ``metadata``: the draft metadata
        (listings, properties, availability). ``metadata_patch``: send the metadata as a module PATCH instead of
        a full PUT. ``assets``: listing images to replace: [{language, screenshots, logos}]. ``stop_after``:
        where the workflow stops: ``draft`` (uploaded and updated, not committed: the outcome carries a resume
        token), ``committed``, ``certification`` or ``published``. ``files``: the folder the file names of the
        request are relative to. ``on_progress``: receives each ``ProgressEvent`` (stages, requests, waits,
        upload bytes, ``resumable``). ``task.cancel()`` stops the run cleanly: it raises
        ``OperationCancelledError``, with the ``resume_token`` to continue from when it can.
        """
        run_request = {
            "workflow": "publishWin32",
            "productId": product_id,
            "packages": packages,
            "packagePatches": package_patches,
            "metadata": metadata,
            "metadataPatch": metadata_patch,
            "assets": assets,
            "stopAfter": stop_after,
        }
        return cast(Outcome, await self._arun(run_request, "Outcome", files, None, on_progress))

    async def publish_ingestion(
        self,
        product_id: str,
        changes: Any = None,
        *,
        modules: Optional[Sequence[str]] = None,
        scope: Optional[str] = "Preview",
        promote: Optional[bool] = False,
        publish_option: Any = None,
        stop_after: Optional[StopAfter] = "published",
        files: Optional[PathLike] = None,
        on_progress: Optional[EventCallback] = None,
    ) -> Outcome:
        """Submits a Partner Center product's drafts (after the changes), waits until ready, and with ``promote``
        takes the preview live. ``product_id``: the Partner Center product's id. ``changes``: changes to the
        drafts (listings, media, property, availability, plans). ``modules``: the modules whose drafts are
        submitted (none: the default set). ``scope``: ``Preview`` or ``Live``. ``promote``: after the preview is
        ready, take it live. ``publish_option``: the submission's publish_option, passed as is. ``stop_after``:
        where the workflow stops: ``draft`` (uploaded and updated, not committed: the outcome carries a resume
        token), ``committed``, ``certification`` or ``published``. ``files``: the folder the file names of the
        request are relative to. ``on_progress``: receives each ``ProgressEvent`` (stages, requests, waits,
        upload bytes, ``resumable``). ``task.cancel()`` stops the run cleanly: it raises
        ``OperationCancelledError``, with the ``resume_token`` to continue from when it can.
        """
        run_request = {
            "workflow": "publishIngestion",
            "productId": product_id,
            "modules": modules,
            "scope": scope,
            "promote": promote,
            "publishOption": publish_option,
            "changes": changes,
            "stopAfter": stop_after,
        }
        return cast(Outcome, await self._arun(run_request, "Outcome", files, None, on_progress))

    async def resume(
        self,
        token: str,
        *,
        stop_after: Optional[StopAfter] = "published",
        files: Optional[PathLike] = None,
        on_progress: Optional[EventCallback] = None,
    ) -> Outcome:
        """Continues a workflow that stopped early, failed after its changes reached the service, or was cancelled,
        from its resume token: the same submission, never a second one. ``token``: the resume token a stopped
        run handed out. ``stop_after``: where the workflow stops: ``draft`` (uploaded and updated, not
        committed: the outcome carries a resume token), ``committed``, ``certification`` or ``published``.
        ``files``: the folder the file names of the request are relative to. ``on_progress``: receives each
        ``ProgressEvent`` (stages, requests, waits, upload bytes, ``resumable``). ``task.cancel()`` stops the
        run cleanly: it raises ``OperationCancelledError``, with the ``resume_token`` to continue from when it
        can.
        """
        run_request = {
            "workflow": "resume",
            "token": token,
            "stopAfter": stop_after,
        }
        return cast(Outcome, await self._arun(run_request, "Outcome", files, None, on_progress))

    async def call(
        self,
        op: str,
        args: Any = None,
        *,
        on_progress: Optional[EventCallback] = None,
    ) -> Outcome:
        """Calls one operation of the API families (with tokens, retries and the deadline); the outcome's document
        is the response body. ``op``: an operation id of the manifest (``devcenter.get_app``, …). ``args``: the
        operation's arguments by their documented names. ``on_progress``: receives each ``ProgressEvent``
        (stages, requests, waits, upload bytes, ``resumable``). ``task.cancel()`` stops the run cleanly: it
        raises ``OperationCancelledError``, with the ``resume_token`` to continue from when it can.
        """
        run_request = {
            "workflow": "call",
            "op": op,
            "args": args,
        }
        return cast(Outcome, await self._arun(run_request, "Outcome", None, None, on_progress))

    async def list_all(
        self,
        op: str,
        args: Any = None,
        *,
        max_pages: Optional[int] = 1000,
        on_progress: Optional[EventCallback] = None,
    ) -> Outcome:
        """Every item of a list operation, following its next-page links; the outcome's document is ``{value:
        [...]}``. ``op``: a list operation id (``devcenter.list_apps``, ``ingestion.list_products``, …).
        ``args``: the operation's arguments. ``max_pages``: the most pages followed. ``on_progress``: receives
        each ``ProgressEvent`` (stages, requests, waits, upload bytes, ``resumable``). ``task.cancel()`` stops
        the run cleanly: it raises ``OperationCancelledError``, with the ``resume_token`` to continue from when
        it can.
        """
        run_request = {
            "workflow": "listAll",
            "op": op,
            "args": args,
            "maxPages": max_pages,
        }
        return cast(Outcome, await self._arun(run_request, "Outcome", None, None, on_progress))

    async def plan(
        self,
        request: Any,
        *,
        files: Optional[PathLike] = None,
        on_progress: Optional[EventCallback] = None,
    ) -> Outcome:
        """A dry run: pre-flight checks, then only reads; the outcome's document is the plan (the requests the real
        run would send, the fields and files it changes). ``request``: a ``submission`` or ``win32`` request (as
        a project file resolves). ``files``: the folder the file names of the request are relative to.
        ``on_progress``: receives each ``ProgressEvent`` (stages, requests, waits, upload bytes, ``resumable``).
        ``task.cancel()`` stops the run cleanly: it raises ``OperationCancelledError``, with the
        ``resume_token`` to continue from when it can.
        """
        run_request = {
            "workflow": "plan",
            "request": request,
        }
        return cast(Outcome, await self._arun(run_request, "Outcome", files, None, on_progress))

    async def pack(
        self,
        *,
        kind: Optional[DocumentKind] = None,
        document: Any = None,
        names: Optional[Sequence[str]] = None,
        files: Optional[PathLike] = None,
        output: Optional[PathLike] = None,
        on_progress: Optional[EventCallback] = None,
    ) -> PackReport:
        """Builds the ZIP a submission uploads (packages stored, the same bytes as a publish uploads) from the
        host's files to its output. ``kind``: the submission's kind (with document). ``document``: the
        submission whose files are packed. ``names``: instead of a submission: these files, each its own entry.
        ``files``: the folder the file names of the request are relative to. ``output``: the file the ZIP is
        written to. ``on_progress``: receives each ``ProgressEvent`` (stages, requests, waits, upload bytes,
        ``resumable``). ``task.cancel()`` stops the run cleanly: it raises ``OperationCancelledError``, with the
        ``resume_token`` to continue from when it can.
        """
        run_request = {
            "workflow": "pack",
            "kind": kind,
            "document": document,
            "names": names,
        }
        return cast(PackReport, await self._arun(run_request, "PackReport", files, output, on_progress))

    async def upload(
        self,
        url: str,
        file: str,
        *,
        files: Optional[PathLike] = None,
        on_progress: Optional[EventCallback] = None,
    ) -> Outcome:
        """Uploads one file to a blob SAS URL in resumable blocks, with the workflows' retries. ``url``: a blob SAS
        URL. ``file``: the file, named as the host's files are. ``files``: the folder the file names of the
        request are relative to. ``on_progress``: receives each ``ProgressEvent`` (stages, requests, waits,
        upload bytes, ``resumable``). ``task.cancel()`` stops the run cleanly: it raises
        ``OperationCancelledError``, with the ``resume_token`` to continue from when it can.
        """
        run_request = {
            "workflow": "upload",
            "url": url,
            "file": file,
        }
        return cast(Outcome, await self._arun(run_request, "Outcome", files, None, on_progress))
