"""Typed methods for every operation of the core's route table, generated (``tools/generate.py``).

Each method is one call of :meth:`storesubmit.Client.call` with the same token refresh, retries and
typed errors; the operation id is named in its docstring. Do not edit: regenerate.
"""

from __future__ import annotations

from typing import Any, Awaitable, Callable, Dict, Mapping, Optional, Sequence, Union, cast

from ._models import *  # noqa: F401,F403
from ._models import (
    Addon,
    AddonSubmission,
    AppSubmission,
    Application,
    Flight,
    FlightSubmission,
    IngestionCosellAsset,
    IngestionCosellListing,
    IngestionFeatureAvailability,
    IngestionLeadConfiguration,
    IngestionListing,
    IngestionListingAsset,
    IngestionListingImage,
    IngestionListingVideo,
    IngestionPackage,
    IngestionPackageConfiguration,
    IngestionProduct,
    IngestionProductAvailability,
    IngestionProductSetup,
    IngestionProperty,
    IngestionResellerConfiguration,
    IngestionSubmission,
    IngestionSupplementalContent,
    IngestionVariant,
    IngestionWorkflowDetail,
    PackageRollout,
    SubmissionStatusResource,
)
from .types import ListPage, Win32Response

__all__ = ["DevcenterOperations", "Win32Operations", "IngestionOperations",
           "AsyncDevcenterOperations", "AsyncWin32Operations", "AsyncIngestionOperations"]

_Call = Callable[[str, Dict[str, Any]], Any]


class DevcenterOperations:
    """Every method of the classic Store submission API."""

    def __init__(self, call: _Call) -> None:
        self._call = call

    def list_apps(self, *, top: Optional[int] = None, skip: Optional[int] = None) -> ListPage:
        """Get data for all your apps (``devcenter.list_apps``, HTTP GET)."""
        args: Dict[str, Any] = {}
        if top is not None:
            args["top"] = top
        if skip is not None:
            args["skip"] = skip
        return cast('ListPage', self._call("devcenter.list_apps", args))

    def get_app(self, application_id: str) -> Application:
        """Get data for a specific app (``devcenter.get_app``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["applicationId"] = application_id
        return cast('Application', self._call("devcenter.get_app", args))

    def list_app_addons(self, application_id: str, *, top: Optional[int] = None, skip: Optional[int] = None) -> ListPage:
        """Get add-ons for an app (``devcenter.list_app_addons``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["applicationId"] = application_id
        if top is not None:
            args["top"] = top
        if skip is not None:
            args["skip"] = skip
        return cast('ListPage', self._call("devcenter.list_app_addons", args))

    def list_app_flights(self, application_id: str, *, top: Optional[int] = None, skip: Optional[int] = None) -> ListPage:
        """Get package flights for an app (``devcenter.list_app_flights``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["applicationId"] = application_id
        if top is not None:
            args["top"] = top
        if skip is not None:
            args["skip"] = skip
        return cast('ListPage', self._call("devcenter.list_app_flights", args))

    def create_app_submission(self, application_id: str) -> AppSubmission:
        """Create an app submission (``devcenter.create_app_submission``, HTTP POST)."""
        args: Dict[str, Any] = {}
        args["applicationId"] = application_id
        return cast('AppSubmission', self._call("devcenter.create_app_submission", args))

    def get_app_submission(self, application_id: str, submission_id: str) -> AppSubmission:
        """Get an app submission (``devcenter.get_app_submission``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["applicationId"] = application_id
        args["submissionId"] = submission_id
        return cast('AppSubmission', self._call("devcenter.get_app_submission", args))

    def update_app_submission(self, application_id: str, submission_id: str, body: Mapping[str, Any]) -> AppSubmission:
        """Update an app submission (``devcenter.update_app_submission``, HTTP PUT)."""
        args: Dict[str, Any] = {}
        args["applicationId"] = application_id
        args["submissionId"] = submission_id
        args["body"] = body
        return cast('AppSubmission', self._call("devcenter.update_app_submission", args))

    def delete_app_submission(self, application_id: str, submission_id: str) -> Dict[str, Any]:
        """Delete an app submission (``devcenter.delete_app_submission``, HTTP DELETE)."""
        args: Dict[str, Any] = {}
        args["applicationId"] = application_id
        args["submissionId"] = submission_id
        return cast('Dict[str, Any]', self._call("devcenter.delete_app_submission", args))

    def commit_app_submission(self, application_id: str, submission_id: str) -> SubmissionStatusResource:
        """Commit an app submission (``devcenter.commit_app_submission``, HTTP POST)."""
        args: Dict[str, Any] = {}
        args["applicationId"] = application_id
        args["submissionId"] = submission_id
        return cast('SubmissionStatusResource', self._call("devcenter.commit_app_submission", args))

    def get_app_submission_status(self, application_id: str, submission_id: str) -> SubmissionStatusResource:
        """Get the status of an app submission (``devcenter.get_app_submission_status``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["applicationId"] = application_id
        args["submissionId"] = submission_id
        return cast('SubmissionStatusResource', self._call("devcenter.get_app_submission_status", args))

    def get_app_package_rollout(self, application_id: str, submission_id: str) -> PackageRollout:
        """Get package rollout info for an app submission (``devcenter.get_app_package_rollout``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["applicationId"] = application_id
        args["submissionId"] = submission_id
        return cast('PackageRollout', self._call("devcenter.get_app_package_rollout", args))

    def update_app_package_rollout_percentage(self, application_id: str, submission_id: str, *, percentage: Optional[Any] = None) -> PackageRollout:
        """Update the package rollout percentage for an app submission (``devcenter.update_app_package_rollout_percentage``, HTTP POST)."""
        args: Dict[str, Any] = {}
        args["applicationId"] = application_id
        args["submissionId"] = submission_id
        if percentage is not None:
            args["percentage"] = percentage
        return cast('PackageRollout', self._call("devcenter.update_app_package_rollout_percentage", args))

    def halt_app_package_rollout(self, application_id: str, submission_id: str) -> PackageRollout:
        """Halt the package rollout for an app submission (``devcenter.halt_app_package_rollout``, HTTP POST)."""
        args: Dict[str, Any] = {}
        args["applicationId"] = application_id
        args["submissionId"] = submission_id
        return cast('PackageRollout', self._call("devcenter.halt_app_package_rollout", args))

    def finalize_app_package_rollout(self, application_id: str, submission_id: str) -> PackageRollout:
        """Finalize the package rollout for an app submission (``devcenter.finalize_app_package_rollout``, HTTP POST)."""
        args: Dict[str, Any] = {}
        args["applicationId"] = application_id
        args["submissionId"] = submission_id
        return cast('PackageRollout', self._call("devcenter.finalize_app_package_rollout", args))

    def list_addons(self, *, top: Optional[int] = None, skip: Optional[int] = None) -> ListPage:
        """Get all add-ons (``devcenter.list_addons``, HTTP GET)."""
        args: Dict[str, Any] = {}
        if top is not None:
            args["top"] = top
        if skip is not None:
            args["skip"] = skip
        return cast('ListPage', self._call("devcenter.list_addons", args))

    def get_addon(self, in_app_product_id: str) -> Addon:
        """Get an add-on (``devcenter.get_addon``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["inAppProductId"] = in_app_product_id
        return cast('Addon', self._call("devcenter.get_addon", args))

    def create_addon(self, body: Mapping[str, Any]) -> Addon:
        """Create an add-on (``devcenter.create_addon``, HTTP POST)."""
        args: Dict[str, Any] = {}
        args["body"] = body
        return cast('Addon', self._call("devcenter.create_addon", args))

    def delete_addon(self, in_app_product_id: str) -> Dict[str, Any]:
        """Delete an add-on (``devcenter.delete_addon``, HTTP DELETE)."""
        args: Dict[str, Any] = {}
        args["inAppProductId"] = in_app_product_id
        return cast('Dict[str, Any]', self._call("devcenter.delete_addon", args))

    def create_addon_submission(self, in_app_product_id: str) -> AddonSubmission:
        """Create an add-on submission (``devcenter.create_addon_submission``, HTTP POST)."""
        args: Dict[str, Any] = {}
        args["inAppProductId"] = in_app_product_id
        return cast('AddonSubmission', self._call("devcenter.create_addon_submission", args))

    def get_addon_submission(self, in_app_product_id: str, submission_id: str) -> AddonSubmission:
        """Get an add-on submission (``devcenter.get_addon_submission``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["inAppProductId"] = in_app_product_id
        args["submissionId"] = submission_id
        return cast('AddonSubmission', self._call("devcenter.get_addon_submission", args))

    def update_addon_submission(self, in_app_product_id: str, submission_id: str, body: Mapping[str, Any]) -> AddonSubmission:
        """Update an add-on submission (``devcenter.update_addon_submission``, HTTP PUT)."""
        args: Dict[str, Any] = {}
        args["inAppProductId"] = in_app_product_id
        args["submissionId"] = submission_id
        args["body"] = body
        return cast('AddonSubmission', self._call("devcenter.update_addon_submission", args))

    def delete_addon_submission(self, in_app_product_id: str, submission_id: str) -> Dict[str, Any]:
        """Delete an add-on submission (``devcenter.delete_addon_submission``, HTTP DELETE)."""
        args: Dict[str, Any] = {}
        args["inAppProductId"] = in_app_product_id
        args["submissionId"] = submission_id
        return cast('Dict[str, Any]', self._call("devcenter.delete_addon_submission", args))

    def commit_addon_submission(self, in_app_product_id: str, submission_id: str) -> SubmissionStatusResource:
        """Commit an add-on submission (``devcenter.commit_addon_submission``, HTTP POST)."""
        args: Dict[str, Any] = {}
        args["inAppProductId"] = in_app_product_id
        args["submissionId"] = submission_id
        return cast('SubmissionStatusResource', self._call("devcenter.commit_addon_submission", args))

    def get_addon_submission_status(self, in_app_product_id: str, submission_id: str) -> SubmissionStatusResource:
        """Get the status of an add-on submission (``devcenter.get_addon_submission_status``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["inAppProductId"] = in_app_product_id
        args["submissionId"] = submission_id
        return cast('SubmissionStatusResource', self._call("devcenter.get_addon_submission_status", args))

    def get_flight(self, application_id: str, flight_id: str) -> Flight:
        """Get a package flight (``devcenter.get_flight``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["applicationId"] = application_id
        args["flightId"] = flight_id
        return cast('Flight', self._call("devcenter.get_flight", args))

    def create_flight(self, application_id: str, body: Mapping[str, Any]) -> Flight:
        """Create a package flight (``devcenter.create_flight``, HTTP POST)."""
        args: Dict[str, Any] = {}
        args["applicationId"] = application_id
        args["body"] = body
        return cast('Flight', self._call("devcenter.create_flight", args))

    def delete_flight(self, application_id: str, flight_id: str) -> Dict[str, Any]:
        """Delete a package flight (``devcenter.delete_flight``, HTTP DELETE)."""
        args: Dict[str, Any] = {}
        args["applicationId"] = application_id
        args["flightId"] = flight_id
        return cast('Dict[str, Any]', self._call("devcenter.delete_flight", args))

    def create_flight_submission(self, application_id: str, flight_id: str) -> FlightSubmission:
        """Create a package flight submission (``devcenter.create_flight_submission``, HTTP POST)."""
        args: Dict[str, Any] = {}
        args["applicationId"] = application_id
        args["flightId"] = flight_id
        return cast('FlightSubmission', self._call("devcenter.create_flight_submission", args))

    def get_flight_submission(self, application_id: str, flight_id: str, submission_id: str) -> FlightSubmission:
        """Get a package flight submission (``devcenter.get_flight_submission``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["applicationId"] = application_id
        args["flightId"] = flight_id
        args["submissionId"] = submission_id
        return cast('FlightSubmission', self._call("devcenter.get_flight_submission", args))

    def update_flight_submission(self, application_id: str, flight_id: str, submission_id: str, body: Mapping[str, Any]) -> FlightSubmission:
        """Update a package flight submission (``devcenter.update_flight_submission``, HTTP PUT)."""
        args: Dict[str, Any] = {}
        args["applicationId"] = application_id
        args["flightId"] = flight_id
        args["submissionId"] = submission_id
        args["body"] = body
        return cast('FlightSubmission', self._call("devcenter.update_flight_submission", args))

    def delete_flight_submission(self, application_id: str, flight_id: str, submission_id: str) -> Dict[str, Any]:
        """Delete a package flight submission (``devcenter.delete_flight_submission``, HTTP DELETE)."""
        args: Dict[str, Any] = {}
        args["applicationId"] = application_id
        args["flightId"] = flight_id
        args["submissionId"] = submission_id
        return cast('Dict[str, Any]', self._call("devcenter.delete_flight_submission", args))

    def commit_flight_submission(self, application_id: str, flight_id: str, submission_id: str) -> SubmissionStatusResource:
        """Commit a package flight submission (``devcenter.commit_flight_submission``, HTTP POST)."""
        args: Dict[str, Any] = {}
        args["applicationId"] = application_id
        args["flightId"] = flight_id
        args["submissionId"] = submission_id
        return cast('SubmissionStatusResource', self._call("devcenter.commit_flight_submission", args))

    def get_flight_submission_status(self, application_id: str, flight_id: str, submission_id: str) -> SubmissionStatusResource:
        """Get the status of a package flight submission (``devcenter.get_flight_submission_status``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["applicationId"] = application_id
        args["flightId"] = flight_id
        args["submissionId"] = submission_id
        return cast('SubmissionStatusResource', self._call("devcenter.get_flight_submission_status", args))

    def get_flight_package_rollout(self, application_id: str, flight_id: str, submission_id: str) -> PackageRollout:
        """Get package rollout info for a flight submission (``devcenter.get_flight_package_rollout``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["applicationId"] = application_id
        args["flightId"] = flight_id
        args["submissionId"] = submission_id
        return cast('PackageRollout', self._call("devcenter.get_flight_package_rollout", args))

    def update_flight_package_rollout_percentage(self, application_id: str, flight_id: str, submission_id: str, *, percentage: Optional[Any] = None) -> PackageRollout:
        """Update the package rollout percentage for a flight submission (``devcenter.update_flight_package_rollout_percentage``, HTTP POST)."""
        args: Dict[str, Any] = {}
        args["applicationId"] = application_id
        args["flightId"] = flight_id
        args["submissionId"] = submission_id
        if percentage is not None:
            args["percentage"] = percentage
        return cast('PackageRollout', self._call("devcenter.update_flight_package_rollout_percentage", args))

    def halt_flight_package_rollout(self, application_id: str, flight_id: str, submission_id: str) -> PackageRollout:
        """Halt the package rollout for a flight submission (``devcenter.halt_flight_package_rollout``, HTTP POST)."""
        args: Dict[str, Any] = {}
        args["applicationId"] = application_id
        args["flightId"] = flight_id
        args["submissionId"] = submission_id
        return cast('PackageRollout', self._call("devcenter.halt_flight_package_rollout", args))

    def finalize_flight_package_rollout(self, application_id: str, flight_id: str, submission_id: str) -> PackageRollout:
        """Finalize the package rollout for a flight submission (``devcenter.finalize_flight_package_rollout``, HTTP POST)."""
        args: Dict[str, Any] = {}
        args["applicationId"] = application_id
        args["flightId"] = flight_id
        args["submissionId"] = submission_id
        return cast('PackageRollout', self._call("devcenter.finalize_flight_package_rollout", args))


class AsyncDevcenterOperations:
    """Every method of the classic Store submission API (asyncio)."""

    def __init__(self, call: _Call) -> None:
        self._call = call

    def list_apps(self, *, top: Optional[int] = None, skip: Optional[int] = None) -> Awaitable[ListPage]:
        """Get data for all your apps (``devcenter.list_apps``, HTTP GET)."""
        args: Dict[str, Any] = {}
        if top is not None:
            args["top"] = top
        if skip is not None:
            args["skip"] = skip
        return cast('Awaitable[ListPage]', self._call("devcenter.list_apps", args))

    def get_app(self, application_id: str) -> Awaitable[Application]:
        """Get data for a specific app (``devcenter.get_app``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["applicationId"] = application_id
        return cast('Awaitable[Application]', self._call("devcenter.get_app", args))

    def list_app_addons(self, application_id: str, *, top: Optional[int] = None, skip: Optional[int] = None) -> Awaitable[ListPage]:
        """Get add-ons for an app (``devcenter.list_app_addons``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["applicationId"] = application_id
        if top is not None:
            args["top"] = top
        if skip is not None:
            args["skip"] = skip
        return cast('Awaitable[ListPage]', self._call("devcenter.list_app_addons", args))

    def list_app_flights(self, application_id: str, *, top: Optional[int] = None, skip: Optional[int] = None) -> Awaitable[ListPage]:
        """Get package flights for an app (``devcenter.list_app_flights``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["applicationId"] = application_id
        if top is not None:
            args["top"] = top
        if skip is not None:
            args["skip"] = skip
        return cast('Awaitable[ListPage]', self._call("devcenter.list_app_flights", args))

    def create_app_submission(self, application_id: str) -> Awaitable[AppSubmission]:
        """Create an app submission (``devcenter.create_app_submission``, HTTP POST)."""
        args: Dict[str, Any] = {}
        args["applicationId"] = application_id
        return cast('Awaitable[AppSubmission]', self._call("devcenter.create_app_submission", args))

    def get_app_submission(self, application_id: str, submission_id: str) -> Awaitable[AppSubmission]:
        """Get an app submission (``devcenter.get_app_submission``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["applicationId"] = application_id
        args["submissionId"] = submission_id
        return cast('Awaitable[AppSubmission]', self._call("devcenter.get_app_submission", args))

    def update_app_submission(self, application_id: str, submission_id: str, body: Mapping[str, Any]) -> Awaitable[AppSubmission]:
        """Update an app submission (``devcenter.update_app_submission``, HTTP PUT)."""
        args: Dict[str, Any] = {}
        args["applicationId"] = application_id
        args["submissionId"] = submission_id
        args["body"] = body
        return cast('Awaitable[AppSubmission]', self._call("devcenter.update_app_submission", args))

    def delete_app_submission(self, application_id: str, submission_id: str) -> Awaitable[Dict[str, Any]]:
        """Delete an app submission (``devcenter.delete_app_submission``, HTTP DELETE)."""
        args: Dict[str, Any] = {}
        args["applicationId"] = application_id
        args["submissionId"] = submission_id
        return cast('Awaitable[Dict[str, Any]]', self._call("devcenter.delete_app_submission", args))

    def commit_app_submission(self, application_id: str, submission_id: str) -> Awaitable[SubmissionStatusResource]:
        """Commit an app submission (``devcenter.commit_app_submission``, HTTP POST)."""
        args: Dict[str, Any] = {}
        args["applicationId"] = application_id
        args["submissionId"] = submission_id
        return cast('Awaitable[SubmissionStatusResource]', self._call("devcenter.commit_app_submission", args))

    def get_app_submission_status(self, application_id: str, submission_id: str) -> Awaitable[SubmissionStatusResource]:
        """Get the status of an app submission (``devcenter.get_app_submission_status``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["applicationId"] = application_id
        args["submissionId"] = submission_id
        return cast('Awaitable[SubmissionStatusResource]', self._call("devcenter.get_app_submission_status", args))

    def get_app_package_rollout(self, application_id: str, submission_id: str) -> Awaitable[PackageRollout]:
        """Get package rollout info for an app submission (``devcenter.get_app_package_rollout``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["applicationId"] = application_id
        args["submissionId"] = submission_id
        return cast('Awaitable[PackageRollout]', self._call("devcenter.get_app_package_rollout", args))

    def update_app_package_rollout_percentage(self, application_id: str, submission_id: str, *, percentage: Optional[Any] = None) -> Awaitable[PackageRollout]:
        """Update the package rollout percentage for an app submission (``devcenter.update_app_package_rollout_percentage``, HTTP POST)."""
        args: Dict[str, Any] = {}
        args["applicationId"] = application_id
        args["submissionId"] = submission_id
        if percentage is not None:
            args["percentage"] = percentage
        return cast('Awaitable[PackageRollout]', self._call("devcenter.update_app_package_rollout_percentage", args))

    def halt_app_package_rollout(self, application_id: str, submission_id: str) -> Awaitable[PackageRollout]:
        """Halt the package rollout for an app submission (``devcenter.halt_app_package_rollout``, HTTP POST)."""
        args: Dict[str, Any] = {}
        args["applicationId"] = application_id
        args["submissionId"] = submission_id
        return cast('Awaitable[PackageRollout]', self._call("devcenter.halt_app_package_rollout", args))

    def finalize_app_package_rollout(self, application_id: str, submission_id: str) -> Awaitable[PackageRollout]:
        """Finalize the package rollout for an app submission (``devcenter.finalize_app_package_rollout``, HTTP POST)."""
        args: Dict[str, Any] = {}
        args["applicationId"] = application_id
        args["submissionId"] = submission_id
        return cast('Awaitable[PackageRollout]', self._call("devcenter.finalize_app_package_rollout", args))

    def list_addons(self, *, top: Optional[int] = None, skip: Optional[int] = None) -> Awaitable[ListPage]:
        """Get all add-ons (``devcenter.list_addons``, HTTP GET)."""
        args: Dict[str, Any] = {}
        if top is not None:
            args["top"] = top
        if skip is not None:
            args["skip"] = skip
        return cast('Awaitable[ListPage]', self._call("devcenter.list_addons", args))

    def get_addon(self, in_app_product_id: str) -> Awaitable[Addon]:
        """Get an add-on (``devcenter.get_addon``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["inAppProductId"] = in_app_product_id
        return cast('Awaitable[Addon]', self._call("devcenter.get_addon", args))

    def create_addon(self, body: Mapping[str, Any]) -> Awaitable[Addon]:
        """Create an add-on (``devcenter.create_addon``, HTTP POST)."""
        args: Dict[str, Any] = {}
        args["body"] = body
        return cast('Awaitable[Addon]', self._call("devcenter.create_addon", args))

    def delete_addon(self, in_app_product_id: str) -> Awaitable[Dict[str, Any]]:
        """Delete an add-on (``devcenter.delete_addon``, HTTP DELETE)."""
        args: Dict[str, Any] = {}
        args["inAppProductId"] = in_app_product_id
        return cast('Awaitable[Dict[str, Any]]', self._call("devcenter.delete_addon", args))

    def create_addon_submission(self, in_app_product_id: str) -> Awaitable[AddonSubmission]:
        """Create an add-on submission (``devcenter.create_addon_submission``, HTTP POST)."""
        args: Dict[str, Any] = {}
        args["inAppProductId"] = in_app_product_id
        return cast('Awaitable[AddonSubmission]', self._call("devcenter.create_addon_submission", args))

    def get_addon_submission(self, in_app_product_id: str, submission_id: str) -> Awaitable[AddonSubmission]:
        """Get an add-on submission (``devcenter.get_addon_submission``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["inAppProductId"] = in_app_product_id
        args["submissionId"] = submission_id
        return cast('Awaitable[AddonSubmission]', self._call("devcenter.get_addon_submission", args))

    def update_addon_submission(self, in_app_product_id: str, submission_id: str, body: Mapping[str, Any]) -> Awaitable[AddonSubmission]:
        """Update an add-on submission (``devcenter.update_addon_submission``, HTTP PUT)."""
        args: Dict[str, Any] = {}
        args["inAppProductId"] = in_app_product_id
        args["submissionId"] = submission_id
        args["body"] = body
        return cast('Awaitable[AddonSubmission]', self._call("devcenter.update_addon_submission", args))

    def delete_addon_submission(self, in_app_product_id: str, submission_id: str) -> Awaitable[Dict[str, Any]]:
        """Delete an add-on submission (``devcenter.delete_addon_submission``, HTTP DELETE)."""
        args: Dict[str, Any] = {}
        args["inAppProductId"] = in_app_product_id
        args["submissionId"] = submission_id
        return cast('Awaitable[Dict[str, Any]]', self._call("devcenter.delete_addon_submission", args))

    def commit_addon_submission(self, in_app_product_id: str, submission_id: str) -> Awaitable[SubmissionStatusResource]:
        """Commit an add-on submission (``devcenter.commit_addon_submission``, HTTP POST)."""
        args: Dict[str, Any] = {}
        args["inAppProductId"] = in_app_product_id
        args["submissionId"] = submission_id
        return cast('Awaitable[SubmissionStatusResource]', self._call("devcenter.commit_addon_submission", args))

    def get_addon_submission_status(self, in_app_product_id: str, submission_id: str) -> Awaitable[SubmissionStatusResource]:
        """Get the status of an add-on submission (``devcenter.get_addon_submission_status``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["inAppProductId"] = in_app_product_id
        args["submissionId"] = submission_id
        return cast('Awaitable[SubmissionStatusResource]', self._call("devcenter.get_addon_submission_status", args))

    def get_flight(self, application_id: str, flight_id: str) -> Awaitable[Flight]:
        """Get a package flight (``devcenter.get_flight``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["applicationId"] = application_id
        args["flightId"] = flight_id
        return cast('Awaitable[Flight]', self._call("devcenter.get_flight", args))

    def create_flight(self, application_id: str, body: Mapping[str, Any]) -> Awaitable[Flight]:
        """Create a package flight (``devcenter.create_flight``, HTTP POST)."""
        args: Dict[str, Any] = {}
        args["applicationId"] = application_id
        args["body"] = body
        return cast('Awaitable[Flight]', self._call("devcenter.create_flight", args))

    def delete_flight(self, application_id: str, flight_id: str) -> Awaitable[Dict[str, Any]]:
        """Delete a package flight (``devcenter.delete_flight``, HTTP DELETE)."""
        args: Dict[str, Any] = {}
        args["applicationId"] = application_id
        args["flightId"] = flight_id
        return cast('Awaitable[Dict[str, Any]]', self._call("devcenter.delete_flight", args))

    def create_flight_submission(self, application_id: str, flight_id: str) -> Awaitable[FlightSubmission]:
        """Create a package flight submission (``devcenter.create_flight_submission``, HTTP POST)."""
        args: Dict[str, Any] = {}
        args["applicationId"] = application_id
        args["flightId"] = flight_id
        return cast('Awaitable[FlightSubmission]', self._call("devcenter.create_flight_submission", args))

    def get_flight_submission(self, application_id: str, flight_id: str, submission_id: str) -> Awaitable[FlightSubmission]:
        """Get a package flight submission (``devcenter.get_flight_submission``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["applicationId"] = application_id
        args["flightId"] = flight_id
        args["submissionId"] = submission_id
        return cast('Awaitable[FlightSubmission]', self._call("devcenter.get_flight_submission", args))

    def update_flight_submission(self, application_id: str, flight_id: str, submission_id: str, body: Mapping[str, Any]) -> Awaitable[FlightSubmission]:
        """Update a package flight submission (``devcenter.update_flight_submission``, HTTP PUT)."""
        args: Dict[str, Any] = {}
        args["applicationId"] = application_id
        args["flightId"] = flight_id
        args["submissionId"] = submission_id
        args["body"] = body
        return cast('Awaitable[FlightSubmission]', self._call("devcenter.update_flight_submission", args))

    def delete_flight_submission(self, application_id: str, flight_id: str, submission_id: str) -> Awaitable[Dict[str, Any]]:
        """Delete a package flight submission (``devcenter.delete_flight_submission``, HTTP DELETE)."""
        args: Dict[str, Any] = {}
        args["applicationId"] = application_id
        args["flightId"] = flight_id
        args["submissionId"] = submission_id
        return cast('Awaitable[Dict[str, Any]]', self._call("devcenter.delete_flight_submission", args))

    def commit_flight_submission(self, application_id: str, flight_id: str, submission_id: str) -> Awaitable[SubmissionStatusResource]:
        """Commit a package flight submission (``devcenter.commit_flight_submission``, HTTP POST)."""
        args: Dict[str, Any] = {}
        args["applicationId"] = application_id
        args["flightId"] = flight_id
        args["submissionId"] = submission_id
        return cast('Awaitable[SubmissionStatusResource]', self._call("devcenter.commit_flight_submission", args))

    def get_flight_submission_status(self, application_id: str, flight_id: str, submission_id: str) -> Awaitable[SubmissionStatusResource]:
        """Get the status of a package flight submission (``devcenter.get_flight_submission_status``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["applicationId"] = application_id
        args["flightId"] = flight_id
        args["submissionId"] = submission_id
        return cast('Awaitable[SubmissionStatusResource]', self._call("devcenter.get_flight_submission_status", args))

    def get_flight_package_rollout(self, application_id: str, flight_id: str, submission_id: str) -> Awaitable[PackageRollout]:
        """Get package rollout info for a flight submission (``devcenter.get_flight_package_rollout``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["applicationId"] = application_id
        args["flightId"] = flight_id
        args["submissionId"] = submission_id
        return cast('Awaitable[PackageRollout]', self._call("devcenter.get_flight_package_rollout", args))

    def update_flight_package_rollout_percentage(self, application_id: str, flight_id: str, submission_id: str, *, percentage: Optional[Any] = None) -> Awaitable[PackageRollout]:
        """Update the package rollout percentage for a flight submission (``devcenter.update_flight_package_rollout_percentage``, HTTP POST)."""
        args: Dict[str, Any] = {}
        args["applicationId"] = application_id
        args["flightId"] = flight_id
        args["submissionId"] = submission_id
        if percentage is not None:
            args["percentage"] = percentage
        return cast('Awaitable[PackageRollout]', self._call("devcenter.update_flight_package_rollout_percentage", args))

    def halt_flight_package_rollout(self, application_id: str, flight_id: str, submission_id: str) -> Awaitable[PackageRollout]:
        """Halt the package rollout for a flight submission (``devcenter.halt_flight_package_rollout``, HTTP POST)."""
        args: Dict[str, Any] = {}
        args["applicationId"] = application_id
        args["flightId"] = flight_id
        args["submissionId"] = submission_id
        return cast('Awaitable[PackageRollout]', self._call("devcenter.halt_flight_package_rollout", args))

    def finalize_flight_package_rollout(self, application_id: str, flight_id: str, submission_id: str) -> Awaitable[PackageRollout]:
        """Finalize the package rollout for a flight submission (``devcenter.finalize_flight_package_rollout``, HTTP POST)."""
        args: Dict[str, Any] = {}
        args["applicationId"] = application_id
        args["flightId"] = flight_id
        args["submissionId"] = submission_id
        return cast('Awaitable[PackageRollout]', self._call("devcenter.finalize_flight_package_rollout", args))


class Win32Operations:
    """Every method of the MSI/EXE submission API."""

    def __init__(self, call: _Call) -> None:
        self._call = call

    def get_metadata(self, product_id: str, *, languages: Optional[Union[str, Sequence[str]]] = None, includelanguagelist: Optional[Any] = None) -> Win32Response:
        """Get current draft submission metadata (all modules) (``win32.get_metadata``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        if languages is not None:
            args["languages"] = languages
        if includelanguagelist is not None:
            args["includelanguagelist"] = includelanguagelist
        return cast('Win32Response', self._call("win32.get_metadata", args))

    def get_metadata_module(self, product_id: str, module_name: str, *, languages: Optional[Union[str, Sequence[str]]] = None, includelanguagelist: Optional[Any] = None) -> Win32Response:
        """Get current draft submission metadata (one module: listings, properties or availability) (``win32.get_metadata_module``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["moduleName"] = module_name
        if languages is not None:
            args["languages"] = languages
        if includelanguagelist is not None:
            args["includelanguagelist"] = includelanguagelist
        return cast('Win32Response', self._call("win32.get_metadata_module", args))

    def put_metadata(self, product_id: str, body: Mapping[str, Any]) -> Win32Response:
        """Update current draft submission metadata (full module update) (``win32.put_metadata``, HTTP PUT)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["body"] = body
        return cast('Win32Response', self._call("win32.put_metadata", args))

    def patch_metadata(self, product_id: str, body: Mapping[str, Any]) -> Win32Response:
        """Update current draft submission metadata (module patch update) (``win32.patch_metadata``, HTTP PATCH)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["body"] = body
        return cast('Win32Response', self._call("win32.patch_metadata", args))

    def get_packages(self, product_id: str) -> Win32Response:
        """Get current draft packages (all) (``win32.get_packages``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        return cast('Win32Response', self._call("win32.get_packages", args))

    def get_package(self, product_id: str, package_id: str) -> Win32Response:
        """Get current draft packages (one) (``win32.get_package``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["packageId"] = package_id
        return cast('Win32Response', self._call("win32.get_package", args))

    def put_packages(self, product_id: str, body: Mapping[str, Any]) -> Win32Response:
        """Update current draft packages (full module update) (``win32.put_packages``, HTTP PUT)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["body"] = body
        return cast('Win32Response', self._call("win32.put_packages", args))

    def patch_package(self, product_id: str, package_id: str, body: Mapping[str, Any]) -> Win32Response:
        """Update current draft packages (single package patch update) (``win32.patch_package``, HTTP PATCH)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["packageId"] = package_id
        args["body"] = body
        return cast('Win32Response', self._call("win32.patch_package", args))

    def commit_packages(self, product_id: str) -> Win32Response:
        """Commit packages (``win32.commit_packages``, HTTP POST)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        return cast('Win32Response', self._call("win32.commit_packages", args))

    def get_listing_assets(self, product_id: str, *, languages: Optional[Union[str, Sequence[str]]] = None) -> Win32Response:
        """Get current draft listing assets (``win32.get_listing_assets``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        if languages is not None:
            args["languages"] = languages
        return cast('Win32Response', self._call("win32.get_listing_assets", args))

    def create_listing_assets(self, product_id: str, body: Mapping[str, Any]) -> Win32Response:
        """Create listing assets (returns upload URLs) (``win32.create_listing_assets``, HTTP POST)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["body"] = body
        return cast('Win32Response', self._call("win32.create_listing_assets", args))

    def commit_listing_assets(self, product_id: str, body: Mapping[str, Any]) -> Win32Response:
        """Commit listing assets (``win32.commit_listing_assets``, HTTP PUT)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["body"] = body
        return cast('Win32Response', self._call("win32.commit_listing_assets", args))

    def get_module_status(self, product_id: str) -> Win32Response:
        """Module status polling (``win32.get_module_status``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        return cast('Win32Response', self._call("win32.get_module_status", args))

    def submit(self, product_id: str) -> Win32Response:
        """Create submission (submit the draft) (``win32.submit``, HTTP POST)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        return cast('Win32Response', self._call("win32.submit", args))

    def get_submission_status(self, product_id: str, submission_id: str) -> Win32Response:
        """Submission status polling (``win32.get_submission_status``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["submissionId"] = submission_id
        return cast('Win32Response', self._call("win32.get_submission_status", args))


class AsyncWin32Operations:
    """Every method of the MSI/EXE submission API (asyncio)."""

    def __init__(self, call: _Call) -> None:
        self._call = call

    def get_metadata(self, product_id: str, *, languages: Optional[Union[str, Sequence[str]]] = None, includelanguagelist: Optional[Any] = None) -> Awaitable[Win32Response]:
        """Get current draft submission metadata (all modules) (``win32.get_metadata``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        if languages is not None:
            args["languages"] = languages
        if includelanguagelist is not None:
            args["includelanguagelist"] = includelanguagelist
        return cast('Awaitable[Win32Response]', self._call("win32.get_metadata", args))

    def get_metadata_module(self, product_id: str, module_name: str, *, languages: Optional[Union[str, Sequence[str]]] = None, includelanguagelist: Optional[Any] = None) -> Awaitable[Win32Response]:
        """Get current draft submission metadata (one module: listings, properties or availability) (``win32.get_metadata_module``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["moduleName"] = module_name
        if languages is not None:
            args["languages"] = languages
        if includelanguagelist is not None:
            args["includelanguagelist"] = includelanguagelist
        return cast('Awaitable[Win32Response]', self._call("win32.get_metadata_module", args))

    def put_metadata(self, product_id: str, body: Mapping[str, Any]) -> Awaitable[Win32Response]:
        """Update current draft submission metadata (full module update) (``win32.put_metadata``, HTTP PUT)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["body"] = body
        return cast('Awaitable[Win32Response]', self._call("win32.put_metadata", args))

    def patch_metadata(self, product_id: str, body: Mapping[str, Any]) -> Awaitable[Win32Response]:
        """Update current draft submission metadata (module patch update) (``win32.patch_metadata``, HTTP PATCH)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["body"] = body
        return cast('Awaitable[Win32Response]', self._call("win32.patch_metadata", args))

    def get_packages(self, product_id: str) -> Awaitable[Win32Response]:
        """Get current draft packages (all) (``win32.get_packages``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        return cast('Awaitable[Win32Response]', self._call("win32.get_packages", args))

    def get_package(self, product_id: str, package_id: str) -> Awaitable[Win32Response]:
        """Get current draft packages (one) (``win32.get_package``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["packageId"] = package_id
        return cast('Awaitable[Win32Response]', self._call("win32.get_package", args))

    def put_packages(self, product_id: str, body: Mapping[str, Any]) -> Awaitable[Win32Response]:
        """Update current draft packages (full module update) (``win32.put_packages``, HTTP PUT)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["body"] = body
        return cast('Awaitable[Win32Response]', self._call("win32.put_packages", args))

    def patch_package(self, product_id: str, package_id: str, body: Mapping[str, Any]) -> Awaitable[Win32Response]:
        """Update current draft packages (single package patch update) (``win32.patch_package``, HTTP PATCH)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["packageId"] = package_id
        args["body"] = body
        return cast('Awaitable[Win32Response]', self._call("win32.patch_package", args))

    def commit_packages(self, product_id: str) -> Awaitable[Win32Response]:
        """Commit packages (``win32.commit_packages``, HTTP POST)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        return cast('Awaitable[Win32Response]', self._call("win32.commit_packages", args))

    def get_listing_assets(self, product_id: str, *, languages: Optional[Union[str, Sequence[str]]] = None) -> Awaitable[Win32Response]:
        """Get current draft listing assets (``win32.get_listing_assets``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        if languages is not None:
            args["languages"] = languages
        return cast('Awaitable[Win32Response]', self._call("win32.get_listing_assets", args))

    def create_listing_assets(self, product_id: str, body: Mapping[str, Any]) -> Awaitable[Win32Response]:
        """Create listing assets (returns upload URLs) (``win32.create_listing_assets``, HTTP POST)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["body"] = body
        return cast('Awaitable[Win32Response]', self._call("win32.create_listing_assets", args))

    def commit_listing_assets(self, product_id: str, body: Mapping[str, Any]) -> Awaitable[Win32Response]:
        """Commit listing assets (``win32.commit_listing_assets``, HTTP PUT)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["body"] = body
        return cast('Awaitable[Win32Response]', self._call("win32.commit_listing_assets", args))

    def get_module_status(self, product_id: str) -> Awaitable[Win32Response]:
        """Module status polling (``win32.get_module_status``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        return cast('Awaitable[Win32Response]', self._call("win32.get_module_status", args))

    def submit(self, product_id: str) -> Awaitable[Win32Response]:
        """Create submission (submit the draft) (``win32.submit``, HTTP POST)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        return cast('Awaitable[Win32Response]', self._call("win32.submit", args))

    def get_submission_status(self, product_id: str, submission_id: str) -> Awaitable[Win32Response]:
        """Submission status polling (``win32.get_submission_status``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["submissionId"] = submission_id
        return cast('Awaitable[Win32Response]', self._call("win32.get_submission_status", args))


class IngestionOperations:
    """Every method of the Partner Center ingestion API."""

    def __init__(self, call: _Call) -> None:
        self._call = call

    def list_products(self, *, filter: Optional[Any] = None) -> Dict[str, Any]:
        """List products (``ingestion.list_products``, HTTP GET)."""
        args: Dict[str, Any] = {}
        if filter is not None:
            args["$filter"] = filter
        return cast('Dict[str, Any]', self._call("ingestion.list_products", args))

    def create_product(self, body: Mapping[str, Any]) -> IngestionProduct:
        """Create a product (``ingestion.create_product``, HTTP POST)."""
        args: Dict[str, Any] = {}
        args["body"] = body
        return cast('IngestionProduct', self._call("ingestion.create_product", args))

    def get_product(self, product_id: str) -> IngestionProduct:
        """Get a product (``ingestion.get_product``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        return cast('IngestionProduct', self._call("ingestion.get_product", args))

    def delete_product(self, product_id: str) -> Dict[str, Any]:
        """Delete a product (``ingestion.delete_product``, HTTP DELETE)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        return cast('Dict[str, Any]', self._call("ingestion.delete_product", args))

    def get_product_setup(self, product_id: str) -> IngestionProductSetup:
        """Get a product's setup (``ingestion.get_product_setup``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        return cast('IngestionProductSetup', self._call("ingestion.get_product_setup", args))

    def list_branches_by_module(self, product_id: str, module: str) -> Dict[str, Any]:
        """List a product's branches for a module (``ingestion.list_branches_by_module``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["module"] = module
        return cast('Dict[str, Any]', self._call("ingestion.list_branches_by_module", args))

    def get_listing(self, product_id: str, listing_id: str) -> IngestionListing:
        """Get a listing (``ingestion.get_listing``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["listingId"] = listing_id
        return cast('IngestionListing', self._call("ingestion.get_listing", args))

    def update_listing(self, product_id: str, listing_id: str, body: Mapping[str, Any], *, if_match: Optional[str] = None) -> IngestionListing:
        """Update a listing (``ingestion.update_listing``, HTTP PUT)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["listingId"] = listing_id
        args["body"] = body
        if if_match is not None:
            args["ifMatch"] = if_match
        return cast('IngestionListing', self._call("ingestion.update_listing", args))

    def get_listings_by_instance(self, product_id: str, instance_id: str) -> Dict[str, Any]:
        """Get the listings of a branch instance (``ingestion.get_listings_by_instance``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["instanceId"] = instance_id
        return cast('Dict[str, Any]', self._call("ingestion.get_listings_by_instance", args))

    def list_listing_images(self, product_id: str, listing_id: str) -> Dict[str, Any]:
        """List a listing's images (``ingestion.list_listing_images``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["listingId"] = listing_id
        return cast('Dict[str, Any]', self._call("ingestion.list_listing_images", args))

    def create_listing_image(self, product_id: str, listing_id: str, body: Mapping[str, Any]) -> IngestionListingImage:
        """Create a listing image (returns fileSasUri) (``ingestion.create_listing_image``, HTTP POST)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["listingId"] = listing_id
        args["body"] = body
        return cast('IngestionListingImage', self._call("ingestion.create_listing_image", args))

    def get_listing_image(self, product_id: str, listing_id: str, image_id: str) -> IngestionListingImage:
        """Get a listing image (``ingestion.get_listing_image``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["listingId"] = listing_id
        args["imageId"] = image_id
        return cast('IngestionListingImage', self._call("ingestion.get_listing_image", args))

    def update_listing_image(self, product_id: str, listing_id: str, image_id: str, body: Mapping[str, Any], *, if_match: Optional[str] = None) -> IngestionListingImage:
        """Update a listing image (e.g. mark Uploaded) (``ingestion.update_listing_image``, HTTP PUT)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["listingId"] = listing_id
        args["imageId"] = image_id
        args["body"] = body
        if if_match is not None:
            args["ifMatch"] = if_match
        return cast('IngestionListingImage', self._call("ingestion.update_listing_image", args))

    def list_packages(self, product_id: str) -> Dict[str, Any]:
        """List a product's packages (``ingestion.list_packages``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        return cast('Dict[str, Any]', self._call("ingestion.list_packages", args))

    def create_package(self, product_id: str, body: Mapping[str, Any]) -> IngestionPackage:
        """Create a package (returns fileSasUri) (``ingestion.create_package``, HTTP POST)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["body"] = body
        return cast('IngestionPackage', self._call("ingestion.create_package", args))

    def get_package(self, product_id: str, package_id: str) -> IngestionPackage:
        """Get a package (``ingestion.get_package``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["packageId"] = package_id
        return cast('IngestionPackage', self._call("ingestion.get_package", args))

    def update_package(self, product_id: str, package_id: str, body: Mapping[str, Any], *, if_match: Optional[str] = None) -> IngestionPackage:
        """Update a package (e.g. mark Uploaded) (``ingestion.update_package``, HTTP PUT)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["packageId"] = package_id
        args["body"] = body
        if if_match is not None:
            args["ifMatch"] = if_match
        return cast('IngestionPackage', self._call("ingestion.update_package", args))

    def delete_package(self, product_id: str, package_id: str) -> Dict[str, Any]:
        """Delete a package (``ingestion.delete_package``, HTTP DELETE)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["packageId"] = package_id
        return cast('Dict[str, Any]', self._call("ingestion.delete_package", args))

    def get_package_configuration(self, product_id: str, package_configuration_id: str) -> IngestionPackageConfiguration:
        """Get a package configuration (``ingestion.get_package_configuration``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["packageConfigurationId"] = package_configuration_id
        return cast('IngestionPackageConfiguration', self._call("ingestion.get_package_configuration", args))

    def update_package_configuration(self, product_id: str, package_configuration_id: str, body: Mapping[str, Any], *, if_match: Optional[str] = None) -> IngestionPackageConfiguration:
        """Update a package configuration (``ingestion.update_package_configuration``, HTTP PUT)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["packageConfigurationId"] = package_configuration_id
        args["body"] = body
        if if_match is not None:
            args["ifMatch"] = if_match
        return cast('IngestionPackageConfiguration', self._call("ingestion.update_package_configuration", args))

    def get_package_configurations_by_instance(self, product_id: str, instance_id: str) -> Dict[str, Any]:
        """Get the package configurations of a branch instance (``ingestion.get_package_configurations_by_instance``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["instanceId"] = instance_id
        return cast('Dict[str, Any]', self._call("ingestion.get_package_configurations_by_instance", args))

    def list_submissions(self, product_id: str) -> Dict[str, Any]:
        """List a product's submissions (``ingestion.list_submissions``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        return cast('Dict[str, Any]', self._call("ingestion.list_submissions", args))

    def create_submission(self, product_id: str, body: Mapping[str, Any]) -> IngestionSubmission:
        """Create a submission (``ingestion.create_submission``, HTTP POST)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["body"] = body
        return cast('IngestionSubmission', self._call("ingestion.create_submission", args))

    def get_submission(self, product_id: str, submission_id: str) -> IngestionSubmission:
        """Get a submission (``ingestion.get_submission``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["submissionId"] = submission_id
        return cast('IngestionSubmission', self._call("ingestion.get_submission", args))

    def delete_submission(self, product_id: str, submission_id: str) -> Dict[str, Any]:
        """Cancel (delete) a submission (``ingestion.delete_submission``, HTTP DELETE)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["submissionId"] = submission_id
        return cast('Dict[str, Any]', self._call("ingestion.delete_submission", args))

    def promote_submission(self, product_id: str, submission_id: str) -> IngestionWorkflowDetail:
        """Promote a submission (preview to live) (``ingestion.promote_submission``, HTTP POST)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["submissionId"] = submission_id
        return cast('IngestionWorkflowDetail', self._call("ingestion.promote_submission", args))

    def get_submission_validations(self, product_id: str, submission_id: str) -> Dict[str, Any]:
        """Get a submission's validation results (``ingestion.get_submission_validations``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["submissionId"] = submission_id
        return cast('Dict[str, Any]', self._call("ingestion.get_submission_validations", args))

    def get_submission_workflow(self, product_id: str, submission_id: str) -> Dict[str, Any]:
        """Get a submission's workflow details (``ingestion.get_submission_workflow``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["submissionId"] = submission_id
        return cast('Dict[str, Any]', self._call("ingestion.get_submission_workflow", args))

    def create_product_setup(self, product_id: str, body: Mapping[str, Any]) -> IngestionProductSetup:
        """Create a product's setup (``ingestion.create_product_setup``, HTTP POST)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["body"] = body
        return cast('IngestionProductSetup', self._call("ingestion.create_product_setup", args))

    def list_product_availabilities(self, product_id: str) -> Dict[str, Any]:
        """List a product's availabilities (``ingestion.list_product_availabilities``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        return cast('Dict[str, Any]', self._call("ingestion.list_product_availabilities", args))

    def create_product_availability(self, product_id: str, body: Mapping[str, Any]) -> IngestionProductAvailability:
        """Create a product availability (``ingestion.create_product_availability``, HTTP POST)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["body"] = body
        return cast('IngestionProductAvailability', self._call("ingestion.create_product_availability", args))

    def get_product_availability(self, product_id: str, product_availability_id: str) -> IngestionProductAvailability:
        """Get a product availability (``ingestion.get_product_availability``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["productAvailabilityId"] = product_availability_id
        return cast('IngestionProductAvailability', self._call("ingestion.get_product_availability", args))

    def update_product_availability(self, product_id: str, product_availability_id: str, body: Mapping[str, Any], *, if_match: Optional[str] = None) -> IngestionProductAvailability:
        """Update a product availability (``ingestion.update_product_availability``, HTTP PUT)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["productAvailabilityId"] = product_availability_id
        args["body"] = body
        if if_match is not None:
            args["ifMatch"] = if_match
        return cast('IngestionProductAvailability', self._call("ingestion.update_product_availability", args))

    def get_product_availabilities_by_instance(self, product_id: str, instance_id: str) -> Dict[str, Any]:
        """Get the product availabilities of a branch instance (``ingestion.get_product_availabilities_by_instance``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["instanceId"] = instance_id
        return cast('Dict[str, Any]', self._call("ingestion.get_product_availabilities_by_instance", args))

    def list_properties(self, product_id: str) -> Dict[str, Any]:
        """List a product's properties (``ingestion.list_properties``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        return cast('Dict[str, Any]', self._call("ingestion.list_properties", args))

    def create_property(self, product_id: str, body: Mapping[str, Any]) -> IngestionProperty:
        """Create a property (``ingestion.create_property``, HTTP POST)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["body"] = body
        return cast('IngestionProperty', self._call("ingestion.create_property", args))

    def get_property(self, product_id: str, property_id: str) -> IngestionProperty:
        """Get a property (``ingestion.get_property``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["propertyId"] = property_id
        return cast('IngestionProperty', self._call("ingestion.get_property", args))

    def update_property(self, product_id: str, property_id: str, body: Mapping[str, Any], *, if_match: Optional[str] = None) -> IngestionProperty:
        """Update a property (``ingestion.update_property``, HTTP PUT)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["propertyId"] = property_id
        args["body"] = body
        if if_match is not None:
            args["ifMatch"] = if_match
        return cast('IngestionProperty', self._call("ingestion.update_property", args))

    def get_properties_by_instance(self, product_id: str, instance_id: str) -> Dict[str, Any]:
        """Get the properties of a branch instance (``ingestion.get_properties_by_instance``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["instanceId"] = instance_id
        return cast('Dict[str, Any]', self._call("ingestion.get_properties_by_instance", args))

    def delete_listing(self, product_id: str, listing_id: str) -> Dict[str, Any]:
        """Delete a listing (``ingestion.delete_listing``, HTTP DELETE)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["listingId"] = listing_id
        return cast('Dict[str, Any]', self._call("ingestion.delete_listing", args))

    def create_listing_with_instance(self, product_id: str, instance_id: str, body: Mapping[str, Any]) -> IngestionListing:
        """Create a listing in a branch instance (``ingestion.create_listing_with_instance``, HTTP POST)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["instanceId"] = instance_id
        args["body"] = body
        return cast('IngestionListing', self._call("ingestion.create_listing_with_instance", args))

    def list_listing_assets(self, product_id: str, listing_id: str, *, expand: Optional[Any] = None) -> Dict[str, Any]:
        """List a listing's assets (``ingestion.list_listing_assets``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["listingId"] = listing_id
        if expand is not None:
            args["$expand"] = expand
        return cast('Dict[str, Any]', self._call("ingestion.list_listing_assets", args))

    def create_listing_asset(self, product_id: str, listing_id: str, body: Mapping[str, Any]) -> IngestionListingAsset:
        """Create a listing asset (returns fileSasUri) (``ingestion.create_listing_asset``, HTTP POST)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["listingId"] = listing_id
        args["body"] = body
        return cast('IngestionListingAsset', self._call("ingestion.create_listing_asset", args))

    def get_listing_asset(self, product_id: str, listing_id: str, asset_id: str, *, expand: Optional[Any] = None) -> IngestionListingAsset:
        """Get a listing asset (``ingestion.get_listing_asset``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["listingId"] = listing_id
        args["assetId"] = asset_id
        if expand is not None:
            args["$expand"] = expand
        return cast('IngestionListingAsset', self._call("ingestion.get_listing_asset", args))

    def update_listing_asset(self, product_id: str, listing_id: str, asset_id: str, body: Mapping[str, Any], *, if_match: Optional[str] = None) -> IngestionListingAsset:
        """Update a listing asset (e.g. mark Uploaded) (``ingestion.update_listing_asset``, HTTP PUT)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["listingId"] = listing_id
        args["assetId"] = asset_id
        args["body"] = body
        if if_match is not None:
            args["ifMatch"] = if_match
        return cast('IngestionListingAsset', self._call("ingestion.update_listing_asset", args))

    def delete_listing_asset(self, product_id: str, listing_id: str, asset_id: str) -> Dict[str, Any]:
        """Delete a listing asset (``ingestion.delete_listing_asset``, HTTP DELETE)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["listingId"] = listing_id
        args["assetId"] = asset_id
        return cast('Dict[str, Any]', self._call("ingestion.delete_listing_asset", args))

    def delete_listing_image(self, product_id: str, listing_id: str, image_id: str) -> Dict[str, Any]:
        """Delete a listing image (``ingestion.delete_listing_image``, HTTP DELETE)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["listingId"] = listing_id
        args["imageId"] = image_id
        return cast('Dict[str, Any]', self._call("ingestion.delete_listing_image", args))

    def list_listing_videos(self, product_id: str, listing_id: str, *, expand: Optional[Any] = None) -> Dict[str, Any]:
        """List a listing's videos (``ingestion.list_listing_videos``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["listingId"] = listing_id
        if expand is not None:
            args["$expand"] = expand
        return cast('Dict[str, Any]', self._call("ingestion.list_listing_videos", args))

    def create_listing_video(self, product_id: str, listing_id: str, body: Mapping[str, Any]) -> IngestionListingVideo:
        """Create a listing video (returns fileSasUri) (``ingestion.create_listing_video``, HTTP POST)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["listingId"] = listing_id
        args["body"] = body
        return cast('IngestionListingVideo', self._call("ingestion.create_listing_video", args))

    def get_listing_video(self, product_id: str, listing_id: str, video_id: str, *, expand: Optional[Any] = None) -> IngestionListingVideo:
        """Get a listing video (``ingestion.get_listing_video``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["listingId"] = listing_id
        args["videoId"] = video_id
        if expand is not None:
            args["$expand"] = expand
        return cast('IngestionListingVideo', self._call("ingestion.get_listing_video", args))

    def update_listing_video(self, product_id: str, listing_id: str, video_id: str, body: Mapping[str, Any], *, if_match: Optional[str] = None) -> IngestionListingVideo:
        """Update a listing video (e.g. mark Uploaded) (``ingestion.update_listing_video``, HTTP PUT)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["listingId"] = listing_id
        args["videoId"] = video_id
        args["body"] = body
        if if_match is not None:
            args["ifMatch"] = if_match
        return cast('IngestionListingVideo', self._call("ingestion.update_listing_video", args))

    def delete_listing_video(self, product_id: str, listing_id: str, video_id: str) -> Dict[str, Any]:
        """Delete a listing video (``ingestion.delete_listing_video``, HTTP DELETE)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["listingId"] = listing_id
        args["videoId"] = video_id
        return cast('Dict[str, Any]', self._call("ingestion.delete_listing_video", args))

    def list_variants(self, product_id: str, *, skip_token: Optional[Any] = None) -> Dict[str, Any]:
        """List a product's variants (plans) (``ingestion.list_variants``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        if skip_token is not None:
            args["$skipToken"] = skip_token
        return cast('Dict[str, Any]', self._call("ingestion.list_variants", args))

    def create_variant(self, product_id: str, body: Mapping[str, Any]) -> IngestionVariant:
        """Create a variant (plan) (``ingestion.create_variant``, HTTP POST)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["body"] = body
        return cast('IngestionVariant', self._call("ingestion.create_variant", args))

    def get_variant(self, product_id: str, variant_id: str) -> IngestionVariant:
        """Get a variant (plan) (``ingestion.get_variant``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["variantId"] = variant_id
        return cast('IngestionVariant', self._call("ingestion.get_variant", args))

    def update_variant(self, product_id: str, variant_id: str, body: Mapping[str, Any], *, if_match: Optional[str] = None) -> IngestionVariant:
        """Update a variant (plan) (``ingestion.update_variant``, HTTP PUT)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["variantId"] = variant_id
        args["body"] = body
        if if_match is not None:
            args["ifMatch"] = if_match
        return cast('IngestionVariant', self._call("ingestion.update_variant", args))

    def delete_variant(self, product_id: str, variant_id: str) -> Dict[str, Any]:
        """Delete a variant (plan) (``ingestion.delete_variant``, HTTP DELETE)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["variantId"] = variant_id
        return cast('Dict[str, Any]', self._call("ingestion.delete_variant", args))

    def get_feature_availabilities_by_instance(self, product_id: str, instance_id: str, *, expand: Optional[Any] = None) -> Dict[str, Any]:
        """Get the feature availabilities of a branch instance (``ingestion.get_feature_availabilities_by_instance``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["instanceId"] = instance_id
        if expand is not None:
            args["$expand"] = expand
        return cast('Dict[str, Any]', self._call("ingestion.get_feature_availabilities_by_instance", args))

    def get_feature_availability(self, product_id: str, feature_availability_id: str, *, expand: Optional[Any] = None) -> IngestionFeatureAvailability:
        """Get a feature availability (``ingestion.get_feature_availability``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["featureAvailabilityId"] = feature_availability_id
        if expand is not None:
            args["$expand"] = expand
        return cast('IngestionFeatureAvailability', self._call("ingestion.get_feature_availability", args))

    def update_feature_availability(self, product_id: str, feature_availability_id: str, body: Mapping[str, Any], *, expand: Optional[Any] = None, if_match: Optional[str] = None) -> IngestionFeatureAvailability:
        """Update a feature availability (``ingestion.update_feature_availability``, HTTP PUT)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["featureAvailabilityId"] = feature_availability_id
        args["body"] = body
        if expand is not None:
            args["$expand"] = expand
        if if_match is not None:
            args["ifMatch"] = if_match
        return cast('IngestionFeatureAvailability', self._call("ingestion.update_feature_availability", args))

    def get_submission_reports(self, product_id: str, submission_id: str) -> Dict[str, Any]:
        """Get a submission's certification reports (``ingestion.get_submission_reports``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["submissionId"] = submission_id
        return cast('Dict[str, Any]', self._call("ingestion.get_submission_reports", args))

    def get_lead_configuration(self, product_id: str) -> IngestionLeadConfiguration:
        """Get a product's lead configuration (``ingestion.get_lead_configuration``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        return cast('IngestionLeadConfiguration', self._call("ingestion.get_lead_configuration", args))

    def create_lead_configuration(self, product_id: str, body: Mapping[str, Any]) -> IngestionLeadConfiguration:
        """Create a product's lead configuration (``ingestion.create_lead_configuration``, HTTP POST)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["body"] = body
        return cast('IngestionLeadConfiguration', self._call("ingestion.create_lead_configuration", args))

    def get_supplemental_contents_by_instance(self, product_id: str, instance_id: str) -> Dict[str, Any]:
        """Get the supplemental contents of a branch instance (``ingestion.get_supplemental_contents_by_instance``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["instanceId"] = instance_id
        return cast('Dict[str, Any]', self._call("ingestion.get_supplemental_contents_by_instance", args))

    def get_supplemental_content(self, product_id: str, instance_id: str) -> IngestionSupplementalContent:
        """Get a supplemental content (``ingestion.get_supplemental_content``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["instanceId"] = instance_id
        return cast('IngestionSupplementalContent', self._call("ingestion.get_supplemental_content", args))

    def update_supplemental_content(self, product_id: str, instance_id: str, body: Mapping[str, Any], *, if_match: Optional[str] = None) -> IngestionSupplementalContent:
        """Update a supplemental content (``ingestion.update_supplemental_content``, HTTP PUT)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["instanceId"] = instance_id
        args["body"] = body
        if if_match is not None:
            args["ifMatch"] = if_match
        return cast('IngestionSupplementalContent', self._call("ingestion.update_supplemental_content", args))

    def commit_supplemental_content(self, product_id: str, instance_id: str) -> IngestionSupplementalContent:
        """Commit a supplemental content (``ingestion.commit_supplemental_content``, HTTP POST)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["instanceId"] = instance_id
        return cast('IngestionSupplementalContent', self._call("ingestion.commit_supplemental_content", args))

    def list_cosell_assets(self, product_id: str) -> Dict[str, Any]:
        """List a product's co-sell assets (``ingestion.list_cosell_assets``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        return cast('Dict[str, Any]', self._call("ingestion.list_cosell_assets", args))

    def create_cosell_asset(self, product_id: str, body: Mapping[str, Any]) -> IngestionCosellAsset:
        """Create a co-sell asset (returns fileSasUri) (``ingestion.create_cosell_asset``, HTTP POST)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["body"] = body
        return cast('IngestionCosellAsset', self._call("ingestion.create_cosell_asset", args))

    def get_cosell_assets_by_instance(self, product_id: str, instance_id: str) -> Dict[str, Any]:
        """Get the co-sell assets of a co-sell listing instance (``ingestion.get_cosell_assets_by_instance``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["instanceId"] = instance_id
        return cast('Dict[str, Any]', self._call("ingestion.get_cosell_assets_by_instance", args))

    def get_cosell_asset(self, product_id: str, cosell_asset_id: str) -> IngestionCosellAsset:
        """Get a co-sell asset (``ingestion.get_cosell_asset``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["cosellAssetId"] = cosell_asset_id
        return cast('IngestionCosellAsset', self._call("ingestion.get_cosell_asset", args))

    def update_cosell_asset(self, product_id: str, cosell_asset_id: str, body: Mapping[str, Any], *, if_match: Optional[str] = None) -> IngestionCosellAsset:
        """Update a co-sell asset (e.g. mark Uploaded) (``ingestion.update_cosell_asset``, HTTP PUT)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["cosellAssetId"] = cosell_asset_id
        args["body"] = body
        if if_match is not None:
            args["ifMatch"] = if_match
        return cast('IngestionCosellAsset', self._call("ingestion.update_cosell_asset", args))

    def delete_cosell_asset(self, product_id: str, cosell_asset_id: str) -> Dict[str, Any]:
        """Delete a co-sell asset (``ingestion.delete_cosell_asset``, HTTP DELETE)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["cosellAssetId"] = cosell_asset_id
        return cast('Dict[str, Any]', self._call("ingestion.delete_cosell_asset", args))

    def get_cosell_listing(self, product_id: str, instance_id: str) -> IngestionCosellListing:
        """Get a co-sell listing (``ingestion.get_cosell_listing``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["instanceId"] = instance_id
        return cast('IngestionCosellListing', self._call("ingestion.get_cosell_listing", args))

    def update_cosell_listing(self, product_id: str, instance_id: str, body: Mapping[str, Any], *, if_match: Optional[str] = None) -> IngestionCosellListing:
        """Update a co-sell listing (``ingestion.update_cosell_listing``, HTTP PUT)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["instanceId"] = instance_id
        args["body"] = body
        if if_match is not None:
            args["ifMatch"] = if_match
        return cast('IngestionCosellListing', self._call("ingestion.update_cosell_listing", args))

    def get_cosell_listings_by_instance(self, product_id: str, instance_id: str) -> Dict[str, Any]:
        """Get the co-sell listings of a branch instance (``ingestion.get_cosell_listings_by_instance``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["instanceId"] = instance_id
        return cast('Dict[str, Any]', self._call("ingestion.get_cosell_listings_by_instance", args))

    def get_reseller_configuration(self, product_id: str) -> IngestionResellerConfiguration:
        """Get a product's reseller configuration (``ingestion.get_reseller_configuration``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        return cast('IngestionResellerConfiguration', self._call("ingestion.get_reseller_configuration", args))

    def create_reseller_configuration(self, product_id: str, body: Mapping[str, Any]) -> IngestionResellerConfiguration:
        """Create a product's reseller configuration (``ingestion.create_reseller_configuration``, HTTP POST)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["body"] = body
        return cast('IngestionResellerConfiguration', self._call("ingestion.create_reseller_configuration", args))


class AsyncIngestionOperations:
    """Every method of the Partner Center ingestion API (asyncio)."""

    def __init__(self, call: _Call) -> None:
        self._call = call

    def list_products(self, *, filter: Optional[Any] = None) -> Awaitable[Dict[str, Any]]:
        """List products (``ingestion.list_products``, HTTP GET)."""
        args: Dict[str, Any] = {}
        if filter is not None:
            args["$filter"] = filter
        return cast('Awaitable[Dict[str, Any]]', self._call("ingestion.list_products", args))

    def create_product(self, body: Mapping[str, Any]) -> Awaitable[IngestionProduct]:
        """Create a product (``ingestion.create_product``, HTTP POST)."""
        args: Dict[str, Any] = {}
        args["body"] = body
        return cast('Awaitable[IngestionProduct]', self._call("ingestion.create_product", args))

    def get_product(self, product_id: str) -> Awaitable[IngestionProduct]:
        """Get a product (``ingestion.get_product``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        return cast('Awaitable[IngestionProduct]', self._call("ingestion.get_product", args))

    def delete_product(self, product_id: str) -> Awaitable[Dict[str, Any]]:
        """Delete a product (``ingestion.delete_product``, HTTP DELETE)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        return cast('Awaitable[Dict[str, Any]]', self._call("ingestion.delete_product", args))

    def get_product_setup(self, product_id: str) -> Awaitable[IngestionProductSetup]:
        """Get a product's setup (``ingestion.get_product_setup``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        return cast('Awaitable[IngestionProductSetup]', self._call("ingestion.get_product_setup", args))

    def list_branches_by_module(self, product_id: str, module: str) -> Awaitable[Dict[str, Any]]:
        """List a product's branches for a module (``ingestion.list_branches_by_module``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["module"] = module
        return cast('Awaitable[Dict[str, Any]]', self._call("ingestion.list_branches_by_module", args))

    def get_listing(self, product_id: str, listing_id: str) -> Awaitable[IngestionListing]:
        """Get a listing (``ingestion.get_listing``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["listingId"] = listing_id
        return cast('Awaitable[IngestionListing]', self._call("ingestion.get_listing", args))

    def update_listing(self, product_id: str, listing_id: str, body: Mapping[str, Any], *, if_match: Optional[str] = None) -> Awaitable[IngestionListing]:
        """Update a listing (``ingestion.update_listing``, HTTP PUT)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["listingId"] = listing_id
        args["body"] = body
        if if_match is not None:
            args["ifMatch"] = if_match
        return cast('Awaitable[IngestionListing]', self._call("ingestion.update_listing", args))

    def get_listings_by_instance(self, product_id: str, instance_id: str) -> Awaitable[Dict[str, Any]]:
        """Get the listings of a branch instance (``ingestion.get_listings_by_instance``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["instanceId"] = instance_id
        return cast('Awaitable[Dict[str, Any]]', self._call("ingestion.get_listings_by_instance", args))

    def list_listing_images(self, product_id: str, listing_id: str) -> Awaitable[Dict[str, Any]]:
        """List a listing's images (``ingestion.list_listing_images``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["listingId"] = listing_id
        return cast('Awaitable[Dict[str, Any]]', self._call("ingestion.list_listing_images", args))

    def create_listing_image(self, product_id: str, listing_id: str, body: Mapping[str, Any]) -> Awaitable[IngestionListingImage]:
        """Create a listing image (returns fileSasUri) (``ingestion.create_listing_image``, HTTP POST)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["listingId"] = listing_id
        args["body"] = body
        return cast('Awaitable[IngestionListingImage]', self._call("ingestion.create_listing_image", args))

    def get_listing_image(self, product_id: str, listing_id: str, image_id: str) -> Awaitable[IngestionListingImage]:
        """Get a listing image (``ingestion.get_listing_image``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["listingId"] = listing_id
        args["imageId"] = image_id
        return cast('Awaitable[IngestionListingImage]', self._call("ingestion.get_listing_image", args))

    def update_listing_image(self, product_id: str, listing_id: str, image_id: str, body: Mapping[str, Any], *, if_match: Optional[str] = None) -> Awaitable[IngestionListingImage]:
        """Update a listing image (e.g. mark Uploaded) (``ingestion.update_listing_image``, HTTP PUT)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["listingId"] = listing_id
        args["imageId"] = image_id
        args["body"] = body
        if if_match is not None:
            args["ifMatch"] = if_match
        return cast('Awaitable[IngestionListingImage]', self._call("ingestion.update_listing_image", args))

    def list_packages(self, product_id: str) -> Awaitable[Dict[str, Any]]:
        """List a product's packages (``ingestion.list_packages``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        return cast('Awaitable[Dict[str, Any]]', self._call("ingestion.list_packages", args))

    def create_package(self, product_id: str, body: Mapping[str, Any]) -> Awaitable[IngestionPackage]:
        """Create a package (returns fileSasUri) (``ingestion.create_package``, HTTP POST)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["body"] = body
        return cast('Awaitable[IngestionPackage]', self._call("ingestion.create_package", args))

    def get_package(self, product_id: str, package_id: str) -> Awaitable[IngestionPackage]:
        """Get a package (``ingestion.get_package``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["packageId"] = package_id
        return cast('Awaitable[IngestionPackage]', self._call("ingestion.get_package", args))

    def update_package(self, product_id: str, package_id: str, body: Mapping[str, Any], *, if_match: Optional[str] = None) -> Awaitable[IngestionPackage]:
        """Update a package (e.g. mark Uploaded) (``ingestion.update_package``, HTTP PUT)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["packageId"] = package_id
        args["body"] = body
        if if_match is not None:
            args["ifMatch"] = if_match
        return cast('Awaitable[IngestionPackage]', self._call("ingestion.update_package", args))

    def delete_package(self, product_id: str, package_id: str) -> Awaitable[Dict[str, Any]]:
        """Delete a package (``ingestion.delete_package``, HTTP DELETE)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["packageId"] = package_id
        return cast('Awaitable[Dict[str, Any]]', self._call("ingestion.delete_package", args))

    def get_package_configuration(self, product_id: str, package_configuration_id: str) -> Awaitable[IngestionPackageConfiguration]:
        """Get a package configuration (``ingestion.get_package_configuration``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["packageConfigurationId"] = package_configuration_id
        return cast('Awaitable[IngestionPackageConfiguration]', self._call("ingestion.get_package_configuration", args))

    def update_package_configuration(self, product_id: str, package_configuration_id: str, body: Mapping[str, Any], *, if_match: Optional[str] = None) -> Awaitable[IngestionPackageConfiguration]:
        """Update a package configuration (``ingestion.update_package_configuration``, HTTP PUT)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["packageConfigurationId"] = package_configuration_id
        args["body"] = body
        if if_match is not None:
            args["ifMatch"] = if_match
        return cast('Awaitable[IngestionPackageConfiguration]', self._call("ingestion.update_package_configuration", args))

    def get_package_configurations_by_instance(self, product_id: str, instance_id: str) -> Awaitable[Dict[str, Any]]:
        """Get the package configurations of a branch instance (``ingestion.get_package_configurations_by_instance``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["instanceId"] = instance_id
        return cast('Awaitable[Dict[str, Any]]', self._call("ingestion.get_package_configurations_by_instance", args))

    def list_submissions(self, product_id: str) -> Awaitable[Dict[str, Any]]:
        """List a product's submissions (``ingestion.list_submissions``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        return cast('Awaitable[Dict[str, Any]]', self._call("ingestion.list_submissions", args))

    def create_submission(self, product_id: str, body: Mapping[str, Any]) -> Awaitable[IngestionSubmission]:
        """Create a submission (``ingestion.create_submission``, HTTP POST)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["body"] = body
        return cast('Awaitable[IngestionSubmission]', self._call("ingestion.create_submission", args))

    def get_submission(self, product_id: str, submission_id: str) -> Awaitable[IngestionSubmission]:
        """Get a submission (``ingestion.get_submission``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["submissionId"] = submission_id
        return cast('Awaitable[IngestionSubmission]', self._call("ingestion.get_submission", args))

    def delete_submission(self, product_id: str, submission_id: str) -> Awaitable[Dict[str, Any]]:
        """Cancel (delete) a submission (``ingestion.delete_submission``, HTTP DELETE)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["submissionId"] = submission_id
        return cast('Awaitable[Dict[str, Any]]', self._call("ingestion.delete_submission", args))

    def promote_submission(self, product_id: str, submission_id: str) -> Awaitable[IngestionWorkflowDetail]:
        """Promote a submission (preview to live) (``ingestion.promote_submission``, HTTP POST)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["submissionId"] = submission_id
        return cast('Awaitable[IngestionWorkflowDetail]', self._call("ingestion.promote_submission", args))

    def get_submission_validations(self, product_id: str, submission_id: str) -> Awaitable[Dict[str, Any]]:
        """Get a submission's validation results (``ingestion.get_submission_validations``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["submissionId"] = submission_id
        return cast('Awaitable[Dict[str, Any]]', self._call("ingestion.get_submission_validations", args))

    def get_submission_workflow(self, product_id: str, submission_id: str) -> Awaitable[Dict[str, Any]]:
        """Get a submission's workflow details (``ingestion.get_submission_workflow``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["submissionId"] = submission_id
        return cast('Awaitable[Dict[str, Any]]', self._call("ingestion.get_submission_workflow", args))

    def create_product_setup(self, product_id: str, body: Mapping[str, Any]) -> Awaitable[IngestionProductSetup]:
        """Create a product's setup (``ingestion.create_product_setup``, HTTP POST)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["body"] = body
        return cast('Awaitable[IngestionProductSetup]', self._call("ingestion.create_product_setup", args))

    def list_product_availabilities(self, product_id: str) -> Awaitable[Dict[str, Any]]:
        """List a product's availabilities (``ingestion.list_product_availabilities``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        return cast('Awaitable[Dict[str, Any]]', self._call("ingestion.list_product_availabilities", args))

    def create_product_availability(self, product_id: str, body: Mapping[str, Any]) -> Awaitable[IngestionProductAvailability]:
        """Create a product availability (``ingestion.create_product_availability``, HTTP POST)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["body"] = body
        return cast('Awaitable[IngestionProductAvailability]', self._call("ingestion.create_product_availability", args))

    def get_product_availability(self, product_id: str, product_availability_id: str) -> Awaitable[IngestionProductAvailability]:
        """Get a product availability (``ingestion.get_product_availability``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["productAvailabilityId"] = product_availability_id
        return cast('Awaitable[IngestionProductAvailability]', self._call("ingestion.get_product_availability", args))

    def update_product_availability(self, product_id: str, product_availability_id: str, body: Mapping[str, Any], *, if_match: Optional[str] = None) -> Awaitable[IngestionProductAvailability]:
        """Update a product availability (``ingestion.update_product_availability``, HTTP PUT)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["productAvailabilityId"] = product_availability_id
        args["body"] = body
        if if_match is not None:
            args["ifMatch"] = if_match
        return cast('Awaitable[IngestionProductAvailability]', self._call("ingestion.update_product_availability", args))

    def get_product_availabilities_by_instance(self, product_id: str, instance_id: str) -> Awaitable[Dict[str, Any]]:
        """Get the product availabilities of a branch instance (``ingestion.get_product_availabilities_by_instance``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["instanceId"] = instance_id
        return cast('Awaitable[Dict[str, Any]]', self._call("ingestion.get_product_availabilities_by_instance", args))

    def list_properties(self, product_id: str) -> Awaitable[Dict[str, Any]]:
        """List a product's properties (``ingestion.list_properties``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        return cast('Awaitable[Dict[str, Any]]', self._call("ingestion.list_properties", args))

    def create_property(self, product_id: str, body: Mapping[str, Any]) -> Awaitable[IngestionProperty]:
        """Create a property (``ingestion.create_property``, HTTP POST)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["body"] = body
        return cast('Awaitable[IngestionProperty]', self._call("ingestion.create_property", args))

    def get_property(self, product_id: str, property_id: str) -> Awaitable[IngestionProperty]:
        """Get a property (``ingestion.get_property``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["propertyId"] = property_id
        return cast('Awaitable[IngestionProperty]', self._call("ingestion.get_property", args))

    def update_property(self, product_id: str, property_id: str, body: Mapping[str, Any], *, if_match: Optional[str] = None) -> Awaitable[IngestionProperty]:
        """Update a property (``ingestion.update_property``, HTTP PUT)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["propertyId"] = property_id
        args["body"] = body
        if if_match is not None:
            args["ifMatch"] = if_match
        return cast('Awaitable[IngestionProperty]', self._call("ingestion.update_property", args))

    def get_properties_by_instance(self, product_id: str, instance_id: str) -> Awaitable[Dict[str, Any]]:
        """Get the properties of a branch instance (``ingestion.get_properties_by_instance``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["instanceId"] = instance_id
        return cast('Awaitable[Dict[str, Any]]', self._call("ingestion.get_properties_by_instance", args))

    def delete_listing(self, product_id: str, listing_id: str) -> Awaitable[Dict[str, Any]]:
        """Delete a listing (``ingestion.delete_listing``, HTTP DELETE)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["listingId"] = listing_id
        return cast('Awaitable[Dict[str, Any]]', self._call("ingestion.delete_listing", args))

    def create_listing_with_instance(self, product_id: str, instance_id: str, body: Mapping[str, Any]) -> Awaitable[IngestionListing]:
        """Create a listing in a branch instance (``ingestion.create_listing_with_instance``, HTTP POST)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["instanceId"] = instance_id
        args["body"] = body
        return cast('Awaitable[IngestionListing]', self._call("ingestion.create_listing_with_instance", args))

    def list_listing_assets(self, product_id: str, listing_id: str, *, expand: Optional[Any] = None) -> Awaitable[Dict[str, Any]]:
        """List a listing's assets (``ingestion.list_listing_assets``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["listingId"] = listing_id
        if expand is not None:
            args["$expand"] = expand
        return cast('Awaitable[Dict[str, Any]]', self._call("ingestion.list_listing_assets", args))

    def create_listing_asset(self, product_id: str, listing_id: str, body: Mapping[str, Any]) -> Awaitable[IngestionListingAsset]:
        """Create a listing asset (returns fileSasUri) (``ingestion.create_listing_asset``, HTTP POST)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["listingId"] = listing_id
        args["body"] = body
        return cast('Awaitable[IngestionListingAsset]', self._call("ingestion.create_listing_asset", args))

    def get_listing_asset(self, product_id: str, listing_id: str, asset_id: str, *, expand: Optional[Any] = None) -> Awaitable[IngestionListingAsset]:
        """Get a listing asset (``ingestion.get_listing_asset``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["listingId"] = listing_id
        args["assetId"] = asset_id
        if expand is not None:
            args["$expand"] = expand
        return cast('Awaitable[IngestionListingAsset]', self._call("ingestion.get_listing_asset", args))

    def update_listing_asset(self, product_id: str, listing_id: str, asset_id: str, body: Mapping[str, Any], *, if_match: Optional[str] = None) -> Awaitable[IngestionListingAsset]:
        """Update a listing asset (e.g. mark Uploaded) (``ingestion.update_listing_asset``, HTTP PUT)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["listingId"] = listing_id
        args["assetId"] = asset_id
        args["body"] = body
        if if_match is not None:
            args["ifMatch"] = if_match
        return cast('Awaitable[IngestionListingAsset]', self._call("ingestion.update_listing_asset", args))

    def delete_listing_asset(self, product_id: str, listing_id: str, asset_id: str) -> Awaitable[Dict[str, Any]]:
        """Delete a listing asset (``ingestion.delete_listing_asset``, HTTP DELETE)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["listingId"] = listing_id
        args["assetId"] = asset_id
        return cast('Awaitable[Dict[str, Any]]', self._call("ingestion.delete_listing_asset", args))

    def delete_listing_image(self, product_id: str, listing_id: str, image_id: str) -> Awaitable[Dict[str, Any]]:
        """Delete a listing image (``ingestion.delete_listing_image``, HTTP DELETE)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["listingId"] = listing_id
        args["imageId"] = image_id
        return cast('Awaitable[Dict[str, Any]]', self._call("ingestion.delete_listing_image", args))

    def list_listing_videos(self, product_id: str, listing_id: str, *, expand: Optional[Any] = None) -> Awaitable[Dict[str, Any]]:
        """List a listing's videos (``ingestion.list_listing_videos``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["listingId"] = listing_id
        if expand is not None:
            args["$expand"] = expand
        return cast('Awaitable[Dict[str, Any]]', self._call("ingestion.list_listing_videos", args))

    def create_listing_video(self, product_id: str, listing_id: str, body: Mapping[str, Any]) -> Awaitable[IngestionListingVideo]:
        """Create a listing video (returns fileSasUri) (``ingestion.create_listing_video``, HTTP POST)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["listingId"] = listing_id
        args["body"] = body
        return cast('Awaitable[IngestionListingVideo]', self._call("ingestion.create_listing_video", args))

    def get_listing_video(self, product_id: str, listing_id: str, video_id: str, *, expand: Optional[Any] = None) -> Awaitable[IngestionListingVideo]:
        """Get a listing video (``ingestion.get_listing_video``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["listingId"] = listing_id
        args["videoId"] = video_id
        if expand is not None:
            args["$expand"] = expand
        return cast('Awaitable[IngestionListingVideo]', self._call("ingestion.get_listing_video", args))

    def update_listing_video(self, product_id: str, listing_id: str, video_id: str, body: Mapping[str, Any], *, if_match: Optional[str] = None) -> Awaitable[IngestionListingVideo]:
        """Update a listing video (e.g. mark Uploaded) (``ingestion.update_listing_video``, HTTP PUT)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["listingId"] = listing_id
        args["videoId"] = video_id
        args["body"] = body
        if if_match is not None:
            args["ifMatch"] = if_match
        return cast('Awaitable[IngestionListingVideo]', self._call("ingestion.update_listing_video", args))

    def delete_listing_video(self, product_id: str, listing_id: str, video_id: str) -> Awaitable[Dict[str, Any]]:
        """Delete a listing video (``ingestion.delete_listing_video``, HTTP DELETE)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["listingId"] = listing_id
        args["videoId"] = video_id
        return cast('Awaitable[Dict[str, Any]]', self._call("ingestion.delete_listing_video", args))

    def list_variants(self, product_id: str, *, skip_token: Optional[Any] = None) -> Awaitable[Dict[str, Any]]:
        """List a product's variants (plans) (``ingestion.list_variants``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        if skip_token is not None:
            args["$skipToken"] = skip_token
        return cast('Awaitable[Dict[str, Any]]', self._call("ingestion.list_variants", args))

    def create_variant(self, product_id: str, body: Mapping[str, Any]) -> Awaitable[IngestionVariant]:
        """Create a variant (plan) (``ingestion.create_variant``, HTTP POST)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["body"] = body
        return cast('Awaitable[IngestionVariant]', self._call("ingestion.create_variant", args))

    def get_variant(self, product_id: str, variant_id: str) -> Awaitable[IngestionVariant]:
        """Get a variant (plan) (``ingestion.get_variant``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["variantId"] = variant_id
        return cast('Awaitable[IngestionVariant]', self._call("ingestion.get_variant", args))

    def update_variant(self, product_id: str, variant_id: str, body: Mapping[str, Any], *, if_match: Optional[str] = None) -> Awaitable[IngestionVariant]:
        """Update a variant (plan) (``ingestion.update_variant``, HTTP PUT)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["variantId"] = variant_id
        args["body"] = body
        if if_match is not None:
            args["ifMatch"] = if_match
        return cast('Awaitable[IngestionVariant]', self._call("ingestion.update_variant", args))

    def delete_variant(self, product_id: str, variant_id: str) -> Awaitable[Dict[str, Any]]:
        """Delete a variant (plan) (``ingestion.delete_variant``, HTTP DELETE)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["variantId"] = variant_id
        return cast('Awaitable[Dict[str, Any]]', self._call("ingestion.delete_variant", args))

    def get_feature_availabilities_by_instance(self, product_id: str, instance_id: str, *, expand: Optional[Any] = None) -> Awaitable[Dict[str, Any]]:
        """Get the feature availabilities of a branch instance (``ingestion.get_feature_availabilities_by_instance``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["instanceId"] = instance_id
        if expand is not None:
            args["$expand"] = expand
        return cast('Awaitable[Dict[str, Any]]', self._call("ingestion.get_feature_availabilities_by_instance", args))

    def get_feature_availability(self, product_id: str, feature_availability_id: str, *, expand: Optional[Any] = None) -> Awaitable[IngestionFeatureAvailability]:
        """Get a feature availability (``ingestion.get_feature_availability``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["featureAvailabilityId"] = feature_availability_id
        if expand is not None:
            args["$expand"] = expand
        return cast('Awaitable[IngestionFeatureAvailability]', self._call("ingestion.get_feature_availability", args))

    def update_feature_availability(self, product_id: str, feature_availability_id: str, body: Mapping[str, Any], *, expand: Optional[Any] = None, if_match: Optional[str] = None) -> Awaitable[IngestionFeatureAvailability]:
        """Update a feature availability (``ingestion.update_feature_availability``, HTTP PUT)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["featureAvailabilityId"] = feature_availability_id
        args["body"] = body
        if expand is not None:
            args["$expand"] = expand
        if if_match is not None:
            args["ifMatch"] = if_match
        return cast('Awaitable[IngestionFeatureAvailability]', self._call("ingestion.update_feature_availability", args))

    def get_submission_reports(self, product_id: str, submission_id: str) -> Awaitable[Dict[str, Any]]:
        """Get a submission's certification reports (``ingestion.get_submission_reports``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["submissionId"] = submission_id
        return cast('Awaitable[Dict[str, Any]]', self._call("ingestion.get_submission_reports", args))

    def get_lead_configuration(self, product_id: str) -> Awaitable[IngestionLeadConfiguration]:
        """Get a product's lead configuration (``ingestion.get_lead_configuration``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        return cast('Awaitable[IngestionLeadConfiguration]', self._call("ingestion.get_lead_configuration", args))

    def create_lead_configuration(self, product_id: str, body: Mapping[str, Any]) -> Awaitable[IngestionLeadConfiguration]:
        """Create a product's lead configuration (``ingestion.create_lead_configuration``, HTTP POST)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["body"] = body
        return cast('Awaitable[IngestionLeadConfiguration]', self._call("ingestion.create_lead_configuration", args))

    def get_supplemental_contents_by_instance(self, product_id: str, instance_id: str) -> Awaitable[Dict[str, Any]]:
        """Get the supplemental contents of a branch instance (``ingestion.get_supplemental_contents_by_instance``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["instanceId"] = instance_id
        return cast('Awaitable[Dict[str, Any]]', self._call("ingestion.get_supplemental_contents_by_instance", args))

    def get_supplemental_content(self, product_id: str, instance_id: str) -> Awaitable[IngestionSupplementalContent]:
        """Get a supplemental content (``ingestion.get_supplemental_content``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["instanceId"] = instance_id
        return cast('Awaitable[IngestionSupplementalContent]', self._call("ingestion.get_supplemental_content", args))

    def update_supplemental_content(self, product_id: str, instance_id: str, body: Mapping[str, Any], *, if_match: Optional[str] = None) -> Awaitable[IngestionSupplementalContent]:
        """Update a supplemental content (``ingestion.update_supplemental_content``, HTTP PUT)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["instanceId"] = instance_id
        args["body"] = body
        if if_match is not None:
            args["ifMatch"] = if_match
        return cast('Awaitable[IngestionSupplementalContent]', self._call("ingestion.update_supplemental_content", args))

    def commit_supplemental_content(self, product_id: str, instance_id: str) -> Awaitable[IngestionSupplementalContent]:
        """Commit a supplemental content (``ingestion.commit_supplemental_content``, HTTP POST)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["instanceId"] = instance_id
        return cast('Awaitable[IngestionSupplementalContent]', self._call("ingestion.commit_supplemental_content", args))

    def list_cosell_assets(self, product_id: str) -> Awaitable[Dict[str, Any]]:
        """List a product's co-sell assets (``ingestion.list_cosell_assets``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        return cast('Awaitable[Dict[str, Any]]', self._call("ingestion.list_cosell_assets", args))

    def create_cosell_asset(self, product_id: str, body: Mapping[str, Any]) -> Awaitable[IngestionCosellAsset]:
        """Create a co-sell asset (returns fileSasUri) (``ingestion.create_cosell_asset``, HTTP POST)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["body"] = body
        return cast('Awaitable[IngestionCosellAsset]', self._call("ingestion.create_cosell_asset", args))

    def get_cosell_assets_by_instance(self, product_id: str, instance_id: str) -> Awaitable[Dict[str, Any]]:
        """Get the co-sell assets of a co-sell listing instance (``ingestion.get_cosell_assets_by_instance``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["instanceId"] = instance_id
        return cast('Awaitable[Dict[str, Any]]', self._call("ingestion.get_cosell_assets_by_instance", args))

    def get_cosell_asset(self, product_id: str, cosell_asset_id: str) -> Awaitable[IngestionCosellAsset]:
        """Get a co-sell asset (``ingestion.get_cosell_asset``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["cosellAssetId"] = cosell_asset_id
        return cast('Awaitable[IngestionCosellAsset]', self._call("ingestion.get_cosell_asset", args))

    def update_cosell_asset(self, product_id: str, cosell_asset_id: str, body: Mapping[str, Any], *, if_match: Optional[str] = None) -> Awaitable[IngestionCosellAsset]:
        """Update a co-sell asset (e.g. mark Uploaded) (``ingestion.update_cosell_asset``, HTTP PUT)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["cosellAssetId"] = cosell_asset_id
        args["body"] = body
        if if_match is not None:
            args["ifMatch"] = if_match
        return cast('Awaitable[IngestionCosellAsset]', self._call("ingestion.update_cosell_asset", args))

    def delete_cosell_asset(self, product_id: str, cosell_asset_id: str) -> Awaitable[Dict[str, Any]]:
        """Delete a co-sell asset (``ingestion.delete_cosell_asset``, HTTP DELETE)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["cosellAssetId"] = cosell_asset_id
        return cast('Awaitable[Dict[str, Any]]', self._call("ingestion.delete_cosell_asset", args))

    def get_cosell_listing(self, product_id: str, instance_id: str) -> Awaitable[IngestionCosellListing]:
        """Get a co-sell listing (``ingestion.get_cosell_listing``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["instanceId"] = instance_id
        return cast('Awaitable[IngestionCosellListing]', self._call("ingestion.get_cosell_listing", args))

    def update_cosell_listing(self, product_id: str, instance_id: str, body: Mapping[str, Any], *, if_match: Optional[str] = None) -> Awaitable[IngestionCosellListing]:
        """Update a co-sell listing (``ingestion.update_cosell_listing``, HTTP PUT)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["instanceId"] = instance_id
        args["body"] = body
        if if_match is not None:
            args["ifMatch"] = if_match
        return cast('Awaitable[IngestionCosellListing]', self._call("ingestion.update_cosell_listing", args))

    def get_cosell_listings_by_instance(self, product_id: str, instance_id: str) -> Awaitable[Dict[str, Any]]:
        """Get the co-sell listings of a branch instance (``ingestion.get_cosell_listings_by_instance``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["instanceId"] = instance_id
        return cast('Awaitable[Dict[str, Any]]', self._call("ingestion.get_cosell_listings_by_instance", args))

    def get_reseller_configuration(self, product_id: str) -> Awaitable[IngestionResellerConfiguration]:
        """Get a product's reseller configuration (``ingestion.get_reseller_configuration``, HTTP GET)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        return cast('Awaitable[IngestionResellerConfiguration]', self._call("ingestion.get_reseller_configuration", args))

    def create_reseller_configuration(self, product_id: str, body: Mapping[str, Any]) -> Awaitable[IngestionResellerConfiguration]:
        """Create a product's reseller configuration (``ingestion.create_reseller_configuration``, HTTP POST)."""
        args: Dict[str, Any] = {}
        args["productId"] = product_id
        args["body"] = body
        return cast('Awaitable[IngestionResellerConfiguration]', self._call("ingestion.create_reseller_configuration", args))
