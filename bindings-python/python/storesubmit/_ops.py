"""Generated from surface/manifest.json by bindings-python/tools/generate.py: do not edit, regenerate.

One typed method per operation of the core's route table: each is one ``call`` workflow (tokens,
retries, the deadline) answering the response body; the operation id is in its docstring.
"""

from __future__ import annotations

from typing import Any, Awaitable, Callable, Dict, Mapping, Optional, Sequence, Union, cast

from ._models import Addon, AddonSubmission, AppSubmission, Application, Flight, FlightSubmission, IngestionCosellAsset, IngestionCosellListing, IngestionFeatureAvailability, IngestionLeadConfiguration, IngestionListing, IngestionListingAsset, IngestionListingImage, IngestionListingVideo, IngestionPackage, IngestionPackageConfiguration, IngestionProduct, IngestionProductAvailability, IngestionProductSetup, IngestionProperty, IngestionResellerConfiguration, IngestionSubmission, IngestionSupplementalContent, IngestionVariant, IngestionWorkflowDetail, PackageRollout, SubmissionStatusResource
from .types import ListPage, Win32Response

__all__ = ["DevcenterOperations", "AsyncDevcenterOperations", "Win32Operations", "AsyncWin32Operations", "IngestionOperations", "AsyncIngestionOperations"]

_Call = Callable[[str, Dict[str, Any]], Any]
_AsyncCall = Callable[[str, Dict[str, Any]], Awaitable[Any]]


class DevcenterOperations:
    """Every method of the classic Store submission API (apps, submissions, add-ons, flights, rollout)."""

    def __init__(self, call: _Call) -> None:
        self._call = call

    def list_apps(self, *, top: Optional[int] = None, skip: Optional[int] = None) -> ListPage:
        """Get data for all your apps (``devcenter.list_apps``, HTTP GET)."""
        return cast('ListPage', self._call("devcenter.list_apps", {"top": top, "skip": skip}))

    def get_app(self, application_id: str) -> Application:
        """Get data for a specific app (``devcenter.get_app``, HTTP GET)."""
        return cast('Application', self._call("devcenter.get_app", {"applicationId": application_id}))

    def list_app_addons(self, application_id: str, *, top: Optional[int] = None, skip: Optional[int] = None) -> ListPage:
        """Get add-ons for an app (``devcenter.list_app_addons``, HTTP GET)."""
        return cast('ListPage', self._call("devcenter.list_app_addons", {"applicationId": application_id, "top": top, "skip": skip}))

    def list_app_flights(self, application_id: str, *, top: Optional[int] = None, skip: Optional[int] = None) -> ListPage:
        """Get package flights for an app (``devcenter.list_app_flights``, HTTP GET)."""
        return cast('ListPage', self._call("devcenter.list_app_flights", {"applicationId": application_id, "top": top, "skip": skip}))

    def create_app_submission(self, application_id: str) -> AppSubmission:
        """Create an app submission (``devcenter.create_app_submission``, HTTP POST)."""
        return cast('AppSubmission', self._call("devcenter.create_app_submission", {"applicationId": application_id}))

    def get_app_submission(self, application_id: str, submission_id: str) -> AppSubmission:
        """Get an app submission (``devcenter.get_app_submission``, HTTP GET)."""
        return cast('AppSubmission', self._call("devcenter.get_app_submission", {"applicationId": application_id, "submissionId": submission_id}))

    def update_app_submission(self, application_id: str, submission_id: str, body: Mapping[str, Any]) -> AppSubmission:
        """Update an app submission (``devcenter.update_app_submission``, HTTP PUT)."""
        return cast('AppSubmission', self._call("devcenter.update_app_submission", {"applicationId": application_id, "submissionId": submission_id, "body": body}))

    def delete_app_submission(self, application_id: str, submission_id: str) -> Dict[str, Any]:
        """Delete an app submission (``devcenter.delete_app_submission``, HTTP DELETE)."""
        return cast('Dict[str, Any]', self._call("devcenter.delete_app_submission", {"applicationId": application_id, "submissionId": submission_id}))

    def commit_app_submission(self, application_id: str, submission_id: str) -> SubmissionStatusResource:
        """Commit an app submission (``devcenter.commit_app_submission``, HTTP POST)."""
        return cast('SubmissionStatusResource', self._call("devcenter.commit_app_submission", {"applicationId": application_id, "submissionId": submission_id}))

    def get_app_submission_status(self, application_id: str, submission_id: str) -> SubmissionStatusResource:
        """Get the status of an app submission (``devcenter.get_app_submission_status``, HTTP GET)."""
        return cast('SubmissionStatusResource', self._call("devcenter.get_app_submission_status", {"applicationId": application_id, "submissionId": submission_id}))

    def get_app_package_rollout(self, application_id: str, submission_id: str) -> PackageRollout:
        """Get package rollout info for an app submission (``devcenter.get_app_package_rollout``, HTTP GET)."""
        return cast('PackageRollout', self._call("devcenter.get_app_package_rollout", {"applicationId": application_id, "submissionId": submission_id}))

    def update_app_package_rollout_percentage(self, application_id: str, submission_id: str, *, percentage: Optional[Any] = None) -> PackageRollout:
        """Update the package rollout percentage for an app submission (``devcenter.update_app_package_rollout_percentage``, HTTP POST)."""
        return cast('PackageRollout', self._call("devcenter.update_app_package_rollout_percentage", {"applicationId": application_id, "submissionId": submission_id, "percentage": percentage}))

    def halt_app_package_rollout(self, application_id: str, submission_id: str) -> PackageRollout:
        """Halt the package rollout for an app submission (``devcenter.halt_app_package_rollout``, HTTP POST)."""
        return cast('PackageRollout', self._call("devcenter.halt_app_package_rollout", {"applicationId": application_id, "submissionId": submission_id}))

    def finalize_app_package_rollout(self, application_id: str, submission_id: str) -> PackageRollout:
        """Finalize the package rollout for an app submission (``devcenter.finalize_app_package_rollout``, HTTP POST)."""
        return cast('PackageRollout', self._call("devcenter.finalize_app_package_rollout", {"applicationId": application_id, "submissionId": submission_id}))

    def list_addons(self, *, top: Optional[int] = None, skip: Optional[int] = None) -> ListPage:
        """Get all add-ons (``devcenter.list_addons``, HTTP GET)."""
        return cast('ListPage', self._call("devcenter.list_addons", {"top": top, "skip": skip}))

    def get_addon(self, in_app_product_id: str) -> Addon:
        """Get an add-on (``devcenter.get_addon``, HTTP GET)."""
        return cast('Addon', self._call("devcenter.get_addon", {"inAppProductId": in_app_product_id}))

    def create_addon(self, body: Mapping[str, Any]) -> Addon:
        """Create an add-on (``devcenter.create_addon``, HTTP POST)."""
        return cast('Addon', self._call("devcenter.create_addon", {"body": body}))

    def delete_addon(self, in_app_product_id: str) -> Dict[str, Any]:
        """Delete an add-on (``devcenter.delete_addon``, HTTP DELETE)."""
        return cast('Dict[str, Any]', self._call("devcenter.delete_addon", {"inAppProductId": in_app_product_id}))

    def create_addon_submission(self, in_app_product_id: str) -> AddonSubmission:
        """Create an add-on submission (``devcenter.create_addon_submission``, HTTP POST)."""
        return cast('AddonSubmission', self._call("devcenter.create_addon_submission", {"inAppProductId": in_app_product_id}))

    def get_addon_submission(self, in_app_product_id: str, submission_id: str) -> AddonSubmission:
        """Get an add-on submission (``devcenter.get_addon_submission``, HTTP GET)."""
        return cast('AddonSubmission', self._call("devcenter.get_addon_submission", {"inAppProductId": in_app_product_id, "submissionId": submission_id}))

    def update_addon_submission(self, in_app_product_id: str, submission_id: str, body: Mapping[str, Any]) -> AddonSubmission:
        """Update an add-on submission (``devcenter.update_addon_submission``, HTTP PUT)."""
        return cast('AddonSubmission', self._call("devcenter.update_addon_submission", {"inAppProductId": in_app_product_id, "submissionId": submission_id, "body": body}))

    def delete_addon_submission(self, in_app_product_id: str, submission_id: str) -> Dict[str, Any]:
        """Delete an add-on submission (``devcenter.delete_addon_submission``, HTTP DELETE)."""
        return cast('Dict[str, Any]', self._call("devcenter.delete_addon_submission", {"inAppProductId": in_app_product_id, "submissionId": submission_id}))

    def commit_addon_submission(self, in_app_product_id: str, submission_id: str) -> SubmissionStatusResource:
        """Commit an add-on submission (``devcenter.commit_addon_submission``, HTTP POST)."""
        return cast('SubmissionStatusResource', self._call("devcenter.commit_addon_submission", {"inAppProductId": in_app_product_id, "submissionId": submission_id}))

    def get_addon_submission_status(self, in_app_product_id: str, submission_id: str) -> SubmissionStatusResource:
        """Get the status of an add-on submission (``devcenter.get_addon_submission_status``, HTTP GET)."""
        return cast('SubmissionStatusResource', self._call("devcenter.get_addon_submission_status", {"inAppProductId": in_app_product_id, "submissionId": submission_id}))

    def get_flight(self, application_id: str, flight_id: str) -> Flight:
        """Get a package flight (``devcenter.get_flight``, HTTP GET)."""
        return cast('Flight', self._call("devcenter.get_flight", {"applicationId": application_id, "flightId": flight_id}))

    def create_flight(self, application_id: str, body: Mapping[str, Any]) -> Flight:
        """Create a package flight (``devcenter.create_flight``, HTTP POST)."""
        return cast('Flight', self._call("devcenter.create_flight", {"applicationId": application_id, "body": body}))

    def delete_flight(self, application_id: str, flight_id: str) -> Dict[str, Any]:
        """Delete a package flight (``devcenter.delete_flight``, HTTP DELETE)."""
        return cast('Dict[str, Any]', self._call("devcenter.delete_flight", {"applicationId": application_id, "flightId": flight_id}))

    def create_flight_submission(self, application_id: str, flight_id: str) -> FlightSubmission:
        """Create a package flight submission (``devcenter.create_flight_submission``, HTTP POST)."""
        return cast('FlightSubmission', self._call("devcenter.create_flight_submission", {"applicationId": application_id, "flightId": flight_id}))

    def get_flight_submission(self, application_id: str, flight_id: str, submission_id: str) -> FlightSubmission:
        """Get a package flight submission (``devcenter.get_flight_submission``, HTTP GET)."""
        return cast('FlightSubmission', self._call("devcenter.get_flight_submission", {"applicationId": application_id, "flightId": flight_id, "submissionId": submission_id}))

    def update_flight_submission(self, application_id: str, flight_id: str, submission_id: str, body: Mapping[str, Any]) -> FlightSubmission:
        """Update a package flight submission (``devcenter.update_flight_submission``, HTTP PUT)."""
        return cast('FlightSubmission', self._call("devcenter.update_flight_submission", {"applicationId": application_id, "flightId": flight_id, "submissionId": submission_id, "body": body}))

    def delete_flight_submission(self, application_id: str, flight_id: str, submission_id: str) -> Dict[str, Any]:
        """Delete a package flight submission (``devcenter.delete_flight_submission``, HTTP DELETE)."""
        return cast('Dict[str, Any]', self._call("devcenter.delete_flight_submission", {"applicationId": application_id, "flightId": flight_id, "submissionId": submission_id}))

    def commit_flight_submission(self, application_id: str, flight_id: str, submission_id: str) -> SubmissionStatusResource:
        """Commit a package flight submission (``devcenter.commit_flight_submission``, HTTP POST)."""
        return cast('SubmissionStatusResource', self._call("devcenter.commit_flight_submission", {"applicationId": application_id, "flightId": flight_id, "submissionId": submission_id}))

    def get_flight_submission_status(self, application_id: str, flight_id: str, submission_id: str) -> SubmissionStatusResource:
        """Get the status of a package flight submission (``devcenter.get_flight_submission_status``, HTTP GET)."""
        return cast('SubmissionStatusResource', self._call("devcenter.get_flight_submission_status", {"applicationId": application_id, "flightId": flight_id, "submissionId": submission_id}))

    def get_flight_package_rollout(self, application_id: str, flight_id: str, submission_id: str) -> PackageRollout:
        """Get package rollout info for a flight submission (``devcenter.get_flight_package_rollout``, HTTP GET)."""
        return cast('PackageRollout', self._call("devcenter.get_flight_package_rollout", {"applicationId": application_id, "flightId": flight_id, "submissionId": submission_id}))

    def update_flight_package_rollout_percentage(self, application_id: str, flight_id: str, submission_id: str, *, percentage: Optional[Any] = None) -> PackageRollout:
        """Update the package rollout percentage for a flight submission (``devcenter.update_flight_package_rollout_percentage``, HTTP POST)."""
        return cast('PackageRollout', self._call("devcenter.update_flight_package_rollout_percentage", {"applicationId": application_id, "flightId": flight_id, "submissionId": submission_id, "percentage": percentage}))

    def halt_flight_package_rollout(self, application_id: str, flight_id: str, submission_id: str) -> PackageRollout:
        """Halt the package rollout for a flight submission (``devcenter.halt_flight_package_rollout``, HTTP POST)."""
        return cast('PackageRollout', self._call("devcenter.halt_flight_package_rollout", {"applicationId": application_id, "flightId": flight_id, "submissionId": submission_id}))

    def finalize_flight_package_rollout(self, application_id: str, flight_id: str, submission_id: str) -> PackageRollout:
        """Finalize the package rollout for a flight submission (``devcenter.finalize_flight_package_rollout``, HTTP POST)."""
        return cast('PackageRollout', self._call("devcenter.finalize_flight_package_rollout", {"applicationId": application_id, "flightId": flight_id, "submissionId": submission_id}))


class AsyncDevcenterOperations:
    """Every method of the classic Store submission API (apps, submissions, add-ons, flights, rollout) (asyncio)."""

    def __init__(self, call: _AsyncCall) -> None:
        self._call = call

    async def list_apps(self, *, top: Optional[int] = None, skip: Optional[int] = None) -> ListPage:
        """Get data for all your apps (``devcenter.list_apps``, HTTP GET)."""
        return cast('ListPage', await self._call("devcenter.list_apps", {"top": top, "skip": skip}))

    async def get_app(self, application_id: str) -> Application:
        """Get data for a specific app (``devcenter.get_app``, HTTP GET)."""
        return cast('Application', await self._call("devcenter.get_app", {"applicationId": application_id}))

    async def list_app_addons(self, application_id: str, *, top: Optional[int] = None, skip: Optional[int] = None) -> ListPage:
        """Get add-ons for an app (``devcenter.list_app_addons``, HTTP GET)."""
        return cast('ListPage', await self._call("devcenter.list_app_addons", {"applicationId": application_id, "top": top, "skip": skip}))

    async def list_app_flights(self, application_id: str, *, top: Optional[int] = None, skip: Optional[int] = None) -> ListPage:
        """Get package flights for an app (``devcenter.list_app_flights``, HTTP GET)."""
        return cast('ListPage', await self._call("devcenter.list_app_flights", {"applicationId": application_id, "top": top, "skip": skip}))

    async def create_app_submission(self, application_id: str) -> AppSubmission:
        """Create an app submission (``devcenter.create_app_submission``, HTTP POST)."""
        return cast('AppSubmission', await self._call("devcenter.create_app_submission", {"applicationId": application_id}))

    async def get_app_submission(self, application_id: str, submission_id: str) -> AppSubmission:
        """Get an app submission (``devcenter.get_app_submission``, HTTP GET)."""
        return cast('AppSubmission', await self._call("devcenter.get_app_submission", {"applicationId": application_id, "submissionId": submission_id}))

    async def update_app_submission(self, application_id: str, submission_id: str, body: Mapping[str, Any]) -> AppSubmission:
        """Update an app submission (``devcenter.update_app_submission``, HTTP PUT)."""
        return cast('AppSubmission', await self._call("devcenter.update_app_submission", {"applicationId": application_id, "submissionId": submission_id, "body": body}))

    async def delete_app_submission(self, application_id: str, submission_id: str) -> Dict[str, Any]:
        """Delete an app submission (``devcenter.delete_app_submission``, HTTP DELETE)."""
        return cast('Dict[str, Any]', await self._call("devcenter.delete_app_submission", {"applicationId": application_id, "submissionId": submission_id}))

    async def commit_app_submission(self, application_id: str, submission_id: str) -> SubmissionStatusResource:
        """Commit an app submission (``devcenter.commit_app_submission``, HTTP POST)."""
        return cast('SubmissionStatusResource', await self._call("devcenter.commit_app_submission", {"applicationId": application_id, "submissionId": submission_id}))

    async def get_app_submission_status(self, application_id: str, submission_id: str) -> SubmissionStatusResource:
        """Get the status of an app submission (``devcenter.get_app_submission_status``, HTTP GET)."""
        return cast('SubmissionStatusResource', await self._call("devcenter.get_app_submission_status", {"applicationId": application_id, "submissionId": submission_id}))

    async def get_app_package_rollout(self, application_id: str, submission_id: str) -> PackageRollout:
        """Get package rollout info for an app submission (``devcenter.get_app_package_rollout``, HTTP GET)."""
        return cast('PackageRollout', await self._call("devcenter.get_app_package_rollout", {"applicationId": application_id, "submissionId": submission_id}))

    async def update_app_package_rollout_percentage(self, application_id: str, submission_id: str, *, percentage: Optional[Any] = None) -> PackageRollout:
        """Update the package rollout percentage for an app submission (``devcenter.update_app_package_rollout_percentage``, HTTP POST)."""
        return cast('PackageRollout', await self._call("devcenter.update_app_package_rollout_percentage", {"applicationId": application_id, "submissionId": submission_id, "percentage": percentage}))

    async def halt_app_package_rollout(self, application_id: str, submission_id: str) -> PackageRollout:
        """Halt the package rollout for an app submission (``devcenter.halt_app_package_rollout``, HTTP POST)."""
        return cast('PackageRollout', await self._call("devcenter.halt_app_package_rollout", {"applicationId": application_id, "submissionId": submission_id}))

    async def finalize_app_package_rollout(self, application_id: str, submission_id: str) -> PackageRollout:
        """Finalize the package rollout for an app submission (``devcenter.finalize_app_package_rollout``, HTTP POST)."""
        return cast('PackageRollout', await self._call("devcenter.finalize_app_package_rollout", {"applicationId": application_id, "submissionId": submission_id}))

    async def list_addons(self, *, top: Optional[int] = None, skip: Optional[int] = None) -> ListPage:
        """Get all add-ons (``devcenter.list_addons``, HTTP GET)."""
        return cast('ListPage', await self._call("devcenter.list_addons", {"top": top, "skip": skip}))

    async def get_addon(self, in_app_product_id: str) -> Addon:
        """Get an add-on (``devcenter.get_addon``, HTTP GET)."""
        return cast('Addon', await self._call("devcenter.get_addon", {"inAppProductId": in_app_product_id}))

    async def create_addon(self, body: Mapping[str, Any]) -> Addon:
        """Create an add-on (``devcenter.create_addon``, HTTP POST)."""
        return cast('Addon', await self._call("devcenter.create_addon", {"body": body}))

    async def delete_addon(self, in_app_product_id: str) -> Dict[str, Any]:
        """Delete an add-on (``devcenter.delete_addon``, HTTP DELETE)."""
        return cast('Dict[str, Any]', await self._call("devcenter.delete_addon", {"inAppProductId": in_app_product_id}))

    async def create_addon_submission(self, in_app_product_id: str) -> AddonSubmission:
        """Create an add-on submission (``devcenter.create_addon_submission``, HTTP POST)."""
        return cast('AddonSubmission', await self._call("devcenter.create_addon_submission", {"inAppProductId": in_app_product_id}))

    async def get_addon_submission(self, in_app_product_id: str, submission_id: str) -> AddonSubmission:
        """Get an add-on submission (``devcenter.get_addon_submission``, HTTP GET)."""
        return cast('AddonSubmission', await self._call("devcenter.get_addon_submission", {"inAppProductId": in_app_product_id, "submissionId": submission_id}))

    async def update_addon_submission(self, in_app_product_id: str, submission_id: str, body: Mapping[str, Any]) -> AddonSubmission:
        """Update an add-on submission (``devcenter.update_addon_submission``, HTTP PUT)."""
        return cast('AddonSubmission', await self._call("devcenter.update_addon_submission", {"inAppProductId": in_app_product_id, "submissionId": submission_id, "body": body}))

    async def delete_addon_submission(self, in_app_product_id: str, submission_id: str) -> Dict[str, Any]:
        """Delete an add-on submission (``devcenter.delete_addon_submission``, HTTP DELETE)."""
        return cast('Dict[str, Any]', await self._call("devcenter.delete_addon_submission", {"inAppProductId": in_app_product_id, "submissionId": submission_id}))

    async def commit_addon_submission(self, in_app_product_id: str, submission_id: str) -> SubmissionStatusResource:
        """Commit an add-on submission (``devcenter.commit_addon_submission``, HTTP POST)."""
        return cast('SubmissionStatusResource', await self._call("devcenter.commit_addon_submission", {"inAppProductId": in_app_product_id, "submissionId": submission_id}))

    async def get_addon_submission_status(self, in_app_product_id: str, submission_id: str) -> SubmissionStatusResource:
        """Get the status of an add-on submission (``devcenter.get_addon_submission_status``, HTTP GET)."""
        return cast('SubmissionStatusResource', await self._call("devcenter.get_addon_submission_status", {"inAppProductId": in_app_product_id, "submissionId": submission_id}))

    async def get_flight(self, application_id: str, flight_id: str) -> Flight:
        """Get a package flight (``devcenter.get_flight``, HTTP GET)."""
        return cast('Flight', await self._call("devcenter.get_flight", {"applicationId": application_id, "flightId": flight_id}))

    async def create_flight(self, application_id: str, body: Mapping[str, Any]) -> Flight:
        """Create a package flight (``devcenter.create_flight``, HTTP POST)."""
        return cast('Flight', await self._call("devcenter.create_flight", {"applicationId": application_id, "body": body}))

    async def delete_flight(self, application_id: str, flight_id: str) -> Dict[str, Any]:
        """Delete a package flight (``devcenter.delete_flight``, HTTP DELETE)."""
        return cast('Dict[str, Any]', await self._call("devcenter.delete_flight", {"applicationId": application_id, "flightId": flight_id}))

    async def create_flight_submission(self, application_id: str, flight_id: str) -> FlightSubmission:
        """Create a package flight submission (``devcenter.create_flight_submission``, HTTP POST)."""
        return cast('FlightSubmission', await self._call("devcenter.create_flight_submission", {"applicationId": application_id, "flightId": flight_id}))

    async def get_flight_submission(self, application_id: str, flight_id: str, submission_id: str) -> FlightSubmission:
        """Get a package flight submission (``devcenter.get_flight_submission``, HTTP GET)."""
        return cast('FlightSubmission', await self._call("devcenter.get_flight_submission", {"applicationId": application_id, "flightId": flight_id, "submissionId": submission_id}))

    async def update_flight_submission(self, application_id: str, flight_id: str, submission_id: str, body: Mapping[str, Any]) -> FlightSubmission:
        """Update a package flight submission (``devcenter.update_flight_submission``, HTTP PUT)."""
        return cast('FlightSubmission', await self._call("devcenter.update_flight_submission", {"applicationId": application_id, "flightId": flight_id, "submissionId": submission_id, "body": body}))

    async def delete_flight_submission(self, application_id: str, flight_id: str, submission_id: str) -> Dict[str, Any]:
        """Delete a package flight submission (``devcenter.delete_flight_submission``, HTTP DELETE)."""
        return cast('Dict[str, Any]', await self._call("devcenter.delete_flight_submission", {"applicationId": application_id, "flightId": flight_id, "submissionId": submission_id}))

    async def commit_flight_submission(self, application_id: str, flight_id: str, submission_id: str) -> SubmissionStatusResource:
        """Commit a package flight submission (``devcenter.commit_flight_submission``, HTTP POST)."""
        return cast('SubmissionStatusResource', await self._call("devcenter.commit_flight_submission", {"applicationId": application_id, "flightId": flight_id, "submissionId": submission_id}))

    async def get_flight_submission_status(self, application_id: str, flight_id: str, submission_id: str) -> SubmissionStatusResource:
        """Get the status of a package flight submission (``devcenter.get_flight_submission_status``, HTTP GET)."""
        return cast('SubmissionStatusResource', await self._call("devcenter.get_flight_submission_status", {"applicationId": application_id, "flightId": flight_id, "submissionId": submission_id}))

    async def get_flight_package_rollout(self, application_id: str, flight_id: str, submission_id: str) -> PackageRollout:
        """Get package rollout info for a flight submission (``devcenter.get_flight_package_rollout``, HTTP GET)."""
        return cast('PackageRollout', await self._call("devcenter.get_flight_package_rollout", {"applicationId": application_id, "flightId": flight_id, "submissionId": submission_id}))

    async def update_flight_package_rollout_percentage(self, application_id: str, flight_id: str, submission_id: str, *, percentage: Optional[Any] = None) -> PackageRollout:
        """Update the package rollout percentage for a flight submission (``devcenter.update_flight_package_rollout_percentage``, HTTP POST)."""
        return cast('PackageRollout', await self._call("devcenter.update_flight_package_rollout_percentage", {"applicationId": application_id, "flightId": flight_id, "submissionId": submission_id, "percentage": percentage}))

    async def halt_flight_package_rollout(self, application_id: str, flight_id: str, submission_id: str) -> PackageRollout:
        """Halt the package rollout for a flight submission (``devcenter.halt_flight_package_rollout``, HTTP POST)."""
        return cast('PackageRollout', await self._call("devcenter.halt_flight_package_rollout", {"applicationId": application_id, "flightId": flight_id, "submissionId": submission_id}))

    async def finalize_flight_package_rollout(self, application_id: str, flight_id: str, submission_id: str) -> PackageRollout:
        """Finalize the package rollout for a flight submission (``devcenter.finalize_flight_package_rollout``, HTTP POST)."""
        return cast('PackageRollout', await self._call("devcenter.finalize_flight_package_rollout", {"applicationId": application_id, "flightId": flight_id, "submissionId": submission_id}))


class Win32Operations:
    """Every method of the MSI/EXE submission API."""

    def __init__(self, call: _Call) -> None:
        self._call = call

    def get_metadata(self, product_id: str, *, languages: Optional[Union[str, Sequence[str]]] = None, includelanguagelist: Optional[Any] = None) -> Win32Response:
        """Get current draft submission metadata (all modules) (``win32.get_metadata``, HTTP GET)."""
        return cast('Win32Response', self._call("win32.get_metadata", {"productId": product_id, "languages": languages, "includelanguagelist": includelanguagelist}))

    def get_metadata_module(self, product_id: str, module_name: str, *, languages: Optional[Union[str, Sequence[str]]] = None, includelanguagelist: Optional[Any] = None) -> Win32Response:
        """Get current draft submission metadata (one module: listings, properties or availability) (``win32.get_metadata_module``, HTTP GET)."""
        return cast('Win32Response', self._call("win32.get_metadata_module", {"productId": product_id, "moduleName": module_name, "languages": languages, "includelanguagelist": includelanguagelist}))

    def put_metadata(self, product_id: str, body: Mapping[str, Any]) -> Win32Response:
        """Update current draft submission metadata (full module update) (``win32.put_metadata``, HTTP PUT)."""
        return cast('Win32Response', self._call("win32.put_metadata", {"productId": product_id, "body": body}))

    def patch_metadata(self, product_id: str, body: Mapping[str, Any]) -> Win32Response:
        """Update current draft submission metadata (module patch update) (``win32.patch_metadata``, HTTP PATCH)."""
        return cast('Win32Response', self._call("win32.patch_metadata", {"productId": product_id, "body": body}))

    def get_packages(self, product_id: str) -> Win32Response:
        """Get current draft packages (all) (``win32.get_packages``, HTTP GET)."""
        return cast('Win32Response', self._call("win32.get_packages", {"productId": product_id}))

    def get_package(self, product_id: str, package_id: str) -> Win32Response:
        """Get current draft packages (one) (``win32.get_package``, HTTP GET)."""
        return cast('Win32Response', self._call("win32.get_package", {"productId": product_id, "packageId": package_id}))

    def put_packages(self, product_id: str, body: Mapping[str, Any]) -> Win32Response:
        """Update current draft packages (full module update) (``win32.put_packages``, HTTP PUT)."""
        return cast('Win32Response', self._call("win32.put_packages", {"productId": product_id, "body": body}))

    def patch_package(self, product_id: str, package_id: str, body: Mapping[str, Any]) -> Win32Response:
        """Update current draft packages (single package patch update) (``win32.patch_package``, HTTP PATCH)."""
        return cast('Win32Response', self._call("win32.patch_package", {"productId": product_id, "packageId": package_id, "body": body}))

    def commit_packages(self, product_id: str) -> Win32Response:
        """Commit packages (``win32.commit_packages``, HTTP POST)."""
        return cast('Win32Response', self._call("win32.commit_packages", {"productId": product_id}))

    def get_listing_assets(self, product_id: str, *, languages: Optional[Union[str, Sequence[str]]] = None) -> Win32Response:
        """Get current draft listing assets (``win32.get_listing_assets``, HTTP GET)."""
        return cast('Win32Response', self._call("win32.get_listing_assets", {"productId": product_id, "languages": languages}))

    def create_listing_assets(self, product_id: str, body: Mapping[str, Any]) -> Win32Response:
        """Create listing assets (returns upload URLs) (``win32.create_listing_assets``, HTTP POST)."""
        return cast('Win32Response', self._call("win32.create_listing_assets", {"productId": product_id, "body": body}))

    def commit_listing_assets(self, product_id: str, body: Mapping[str, Any]) -> Win32Response:
        """Commit listing assets (``win32.commit_listing_assets``, HTTP PUT)."""
        return cast('Win32Response', self._call("win32.commit_listing_assets", {"productId": product_id, "body": body}))

    def get_module_status(self, product_id: str) -> Win32Response:
        """Module status polling (``win32.get_module_status``, HTTP GET)."""
        return cast('Win32Response', self._call("win32.get_module_status", {"productId": product_id}))

    def submit(self, product_id: str) -> Win32Response:
        """Create submission (submit the draft) (``win32.submit``, HTTP POST)."""
        return cast('Win32Response', self._call("win32.submit", {"productId": product_id}))

    def get_submission_status(self, product_id: str, submission_id: str) -> Win32Response:
        """Submission status polling (``win32.get_submission_status``, HTTP GET)."""
        return cast('Win32Response', self._call("win32.get_submission_status", {"productId": product_id, "submissionId": submission_id}))


class AsyncWin32Operations:
    """Every method of the MSI/EXE submission API (asyncio)."""

    def __init__(self, call: _AsyncCall) -> None:
        self._call = call

    async def get_metadata(self, product_id: str, *, languages: Optional[Union[str, Sequence[str]]] = None, includelanguagelist: Optional[Any] = None) -> Win32Response:
        """Get current draft submission metadata (all modules) (``win32.get_metadata``, HTTP GET)."""
        return cast('Win32Response', await self._call("win32.get_metadata", {"productId": product_id, "languages": languages, "includelanguagelist": includelanguagelist}))

    async def get_metadata_module(self, product_id: str, module_name: str, *, languages: Optional[Union[str, Sequence[str]]] = None, includelanguagelist: Optional[Any] = None) -> Win32Response:
        """Get current draft submission metadata (one module: listings, properties or availability) (``win32.get_metadata_module``, HTTP GET)."""
        return cast('Win32Response', await self._call("win32.get_metadata_module", {"productId": product_id, "moduleName": module_name, "languages": languages, "includelanguagelist": includelanguagelist}))

    async def put_metadata(self, product_id: str, body: Mapping[str, Any]) -> Win32Response:
        """Update current draft submission metadata (full module update) (``win32.put_metadata``, HTTP PUT)."""
        return cast('Win32Response', await self._call("win32.put_metadata", {"productId": product_id, "body": body}))

    async def patch_metadata(self, product_id: str, body: Mapping[str, Any]) -> Win32Response:
        """Update current draft submission metadata (module patch update) (``win32.patch_metadata``, HTTP PATCH)."""
        return cast('Win32Response', await self._call("win32.patch_metadata", {"productId": product_id, "body": body}))

    async def get_packages(self, product_id: str) -> Win32Response:
        """Get current draft packages (all) (``win32.get_packages``, HTTP GET)."""
        return cast('Win32Response', await self._call("win32.get_packages", {"productId": product_id}))

    async def get_package(self, product_id: str, package_id: str) -> Win32Response:
        """Get current draft packages (one) (``win32.get_package``, HTTP GET)."""
        return cast('Win32Response', await self._call("win32.get_package", {"productId": product_id, "packageId": package_id}))

    async def put_packages(self, product_id: str, body: Mapping[str, Any]) -> Win32Response:
        """Update current draft packages (full module update) (``win32.put_packages``, HTTP PUT)."""
        return cast('Win32Response', await self._call("win32.put_packages", {"productId": product_id, "body": body}))

    async def patch_package(self, product_id: str, package_id: str, body: Mapping[str, Any]) -> Win32Response:
        """Update current draft packages (single package patch update) (``win32.patch_package``, HTTP PATCH)."""
        return cast('Win32Response', await self._call("win32.patch_package", {"productId": product_id, "packageId": package_id, "body": body}))

    async def commit_packages(self, product_id: str) -> Win32Response:
        """Commit packages (``win32.commit_packages``, HTTP POST)."""
        return cast('Win32Response', await self._call("win32.commit_packages", {"productId": product_id}))

    async def get_listing_assets(self, product_id: str, *, languages: Optional[Union[str, Sequence[str]]] = None) -> Win32Response:
        """Get current draft listing assets (``win32.get_listing_assets``, HTTP GET)."""
        return cast('Win32Response', await self._call("win32.get_listing_assets", {"productId": product_id, "languages": languages}))

    async def create_listing_assets(self, product_id: str, body: Mapping[str, Any]) -> Win32Response:
        """Create listing assets (returns upload URLs) (``win32.create_listing_assets``, HTTP POST)."""
        return cast('Win32Response', await self._call("win32.create_listing_assets", {"productId": product_id, "body": body}))

    async def commit_listing_assets(self, product_id: str, body: Mapping[str, Any]) -> Win32Response:
        """Commit listing assets (``win32.commit_listing_assets``, HTTP PUT)."""
        return cast('Win32Response', await self._call("win32.commit_listing_assets", {"productId": product_id, "body": body}))

    async def get_module_status(self, product_id: str) -> Win32Response:
        """Module status polling (``win32.get_module_status``, HTTP GET)."""
        return cast('Win32Response', await self._call("win32.get_module_status", {"productId": product_id}))

    async def submit(self, product_id: str) -> Win32Response:
        """Create submission (submit the draft) (``win32.submit``, HTTP POST)."""
        return cast('Win32Response', await self._call("win32.submit", {"productId": product_id}))

    async def get_submission_status(self, product_id: str, submission_id: str) -> Win32Response:
        """Submission status polling (``win32.get_submission_status``, HTTP GET)."""
        return cast('Win32Response', await self._call("win32.get_submission_status", {"productId": product_id, "submissionId": submission_id}))


class IngestionOperations:
    """Every method of the Partner Center ingestion API."""

    def __init__(self, call: _Call) -> None:
        self._call = call

    def list_products(self, *, filter: Optional[Any] = None) -> Dict[str, Any]:
        """List products (``ingestion.list_products``, HTTP GET)."""
        return cast('Dict[str, Any]', self._call("ingestion.list_products", {"$filter": filter}))

    def create_product(self, body: Mapping[str, Any]) -> IngestionProduct:
        """Create a product (``ingestion.create_product``, HTTP POST)."""
        return cast('IngestionProduct', self._call("ingestion.create_product", {"body": body}))

    def get_product(self, product_id: str) -> IngestionProduct:
        """Get a product (``ingestion.get_product``, HTTP GET)."""
        return cast('IngestionProduct', self._call("ingestion.get_product", {"productId": product_id}))

    def delete_product(self, product_id: str) -> Dict[str, Any]:
        """Delete a product (``ingestion.delete_product``, HTTP DELETE)."""
        return cast('Dict[str, Any]', self._call("ingestion.delete_product", {"productId": product_id}))

    def get_product_setup(self, product_id: str) -> IngestionProductSetup:
        """Get a product's setup (``ingestion.get_product_setup``, HTTP GET)."""
        return cast('IngestionProductSetup', self._call("ingestion.get_product_setup", {"productId": product_id}))

    def list_branches_by_module(self, product_id: str, module: str) -> Dict[str, Any]:
        """List a product's branches for a module (``ingestion.list_branches_by_module``, HTTP GET)."""
        return cast('Dict[str, Any]', self._call("ingestion.list_branches_by_module", {"productId": product_id, "module": module}))

    def get_listing(self, product_id: str, listing_id: str) -> IngestionListing:
        """Get a listing (``ingestion.get_listing``, HTTP GET)."""
        return cast('IngestionListing', self._call("ingestion.get_listing", {"productId": product_id, "listingId": listing_id}))

    def update_listing(self, product_id: str, listing_id: str, body: Mapping[str, Any], *, if_match: Optional[str] = None) -> IngestionListing:
        """Update a listing (``ingestion.update_listing``, HTTP PUT)."""
        return cast('IngestionListing', self._call("ingestion.update_listing", {"productId": product_id, "listingId": listing_id, "body": body, "ifMatch": if_match}))

    def get_listings_by_instance(self, product_id: str, instance_id: str) -> Dict[str, Any]:
        """Get the listings of a branch instance (``ingestion.get_listings_by_instance``, HTTP GET)."""
        return cast('Dict[str, Any]', self._call("ingestion.get_listings_by_instance", {"productId": product_id, "instanceId": instance_id}))

    def list_listing_images(self, product_id: str, listing_id: str) -> Dict[str, Any]:
        """List a listing's images (``ingestion.list_listing_images``, HTTP GET)."""
        return cast('Dict[str, Any]', self._call("ingestion.list_listing_images", {"productId": product_id, "listingId": listing_id}))

    def create_listing_image(self, product_id: str, listing_id: str, body: Mapping[str, Any]) -> IngestionListingImage:
        """Create a listing image (returns fileSasUri) (``ingestion.create_listing_image``, HTTP POST)."""
        return cast('IngestionListingImage', self._call("ingestion.create_listing_image", {"productId": product_id, "listingId": listing_id, "body": body}))

    def get_listing_image(self, product_id: str, listing_id: str, image_id: str) -> IngestionListingImage:
        """Get a listing image (``ingestion.get_listing_image``, HTTP GET)."""
        return cast('IngestionListingImage', self._call("ingestion.get_listing_image", {"productId": product_id, "listingId": listing_id, "imageId": image_id}))

    def update_listing_image(self, product_id: str, listing_id: str, image_id: str, body: Mapping[str, Any], *, if_match: Optional[str] = None) -> IngestionListingImage:
        """Update a listing image (e.g. mark Uploaded) (``ingestion.update_listing_image``, HTTP PUT)."""
        return cast('IngestionListingImage', self._call("ingestion.update_listing_image", {"productId": product_id, "listingId": listing_id, "imageId": image_id, "body": body, "ifMatch": if_match}))

    def list_packages(self, product_id: str) -> Dict[str, Any]:
        """List a product's packages (``ingestion.list_packages``, HTTP GET)."""
        return cast('Dict[str, Any]', self._call("ingestion.list_packages", {"productId": product_id}))

    def create_package(self, product_id: str, body: Mapping[str, Any]) -> IngestionPackage:
        """Create a package (returns fileSasUri) (``ingestion.create_package``, HTTP POST)."""
        return cast('IngestionPackage', self._call("ingestion.create_package", {"productId": product_id, "body": body}))

    def get_package(self, product_id: str, package_id: str) -> IngestionPackage:
        """Get a package (``ingestion.get_package``, HTTP GET)."""
        return cast('IngestionPackage', self._call("ingestion.get_package", {"productId": product_id, "packageId": package_id}))

    def update_package(self, product_id: str, package_id: str, body: Mapping[str, Any], *, if_match: Optional[str] = None) -> IngestionPackage:
        """Update a package (e.g. mark Uploaded) (``ingestion.update_package``, HTTP PUT)."""
        return cast('IngestionPackage', self._call("ingestion.update_package", {"productId": product_id, "packageId": package_id, "body": body, "ifMatch": if_match}))

    def delete_package(self, product_id: str, package_id: str) -> Dict[str, Any]:
        """Delete a package (``ingestion.delete_package``, HTTP DELETE)."""
        return cast('Dict[str, Any]', self._call("ingestion.delete_package", {"productId": product_id, "packageId": package_id}))

    def get_package_configuration(self, product_id: str, package_configuration_id: str) -> IngestionPackageConfiguration:
        """Get a package configuration (``ingestion.get_package_configuration``, HTTP GET)."""
        return cast('IngestionPackageConfiguration', self._call("ingestion.get_package_configuration", {"productId": product_id, "packageConfigurationId": package_configuration_id}))

    def update_package_configuration(self, product_id: str, package_configuration_id: str, body: Mapping[str, Any], *, if_match: Optional[str] = None) -> IngestionPackageConfiguration:
        """Update a package configuration (``ingestion.update_package_configuration``, HTTP PUT)."""
        return cast('IngestionPackageConfiguration', self._call("ingestion.update_package_configuration", {"productId": product_id, "packageConfigurationId": package_configuration_id, "body": body, "ifMatch": if_match}))

    def get_package_configurations_by_instance(self, product_id: str, instance_id: str) -> Dict[str, Any]:
        """Get the package configurations of a branch instance (``ingestion.get_package_configurations_by_instance``, HTTP GET)."""
        return cast('Dict[str, Any]', self._call("ingestion.get_package_configurations_by_instance", {"productId": product_id, "instanceId": instance_id}))

    def list_submissions(self, product_id: str) -> Dict[str, Any]:
        """List a product's submissions (``ingestion.list_submissions``, HTTP GET)."""
        return cast('Dict[str, Any]', self._call("ingestion.list_submissions", {"productId": product_id}))

    def create_submission(self, product_id: str, body: Mapping[str, Any]) -> IngestionSubmission:
        """Create a submission (``ingestion.create_submission``, HTTP POST)."""
        return cast('IngestionSubmission', self._call("ingestion.create_submission", {"productId": product_id, "body": body}))

    def get_submission(self, product_id: str, submission_id: str) -> IngestionSubmission:
        """Get a submission (``ingestion.get_submission``, HTTP GET)."""
        return cast('IngestionSubmission', self._call("ingestion.get_submission", {"productId": product_id, "submissionId": submission_id}))

    def delete_submission(self, product_id: str, submission_id: str) -> Dict[str, Any]:
        """Cancel (delete) a submission (``ingestion.delete_submission``, HTTP DELETE)."""
        return cast('Dict[str, Any]', self._call("ingestion.delete_submission", {"productId": product_id, "submissionId": submission_id}))

    def promote_submission(self, product_id: str, submission_id: str) -> IngestionWorkflowDetail:
        """Promote a submission (preview to live) (``ingestion.promote_submission``, HTTP POST)."""
        return cast('IngestionWorkflowDetail', self._call("ingestion.promote_submission", {"productId": product_id, "submissionId": submission_id}))

    def get_submission_validations(self, product_id: str, submission_id: str) -> Dict[str, Any]:
        """Get a submission's validation results (``ingestion.get_submission_validations``, HTTP GET)."""
        return cast('Dict[str, Any]', self._call("ingestion.get_submission_validations", {"productId": product_id, "submissionId": submission_id}))

    def get_submission_workflow(self, product_id: str, submission_id: str) -> Dict[str, Any]:
        """Get a submission's workflow details (``ingestion.get_submission_workflow``, HTTP GET)."""
        return cast('Dict[str, Any]', self._call("ingestion.get_submission_workflow", {"productId": product_id, "submissionId": submission_id}))

    def create_product_setup(self, product_id: str, body: Mapping[str, Any]) -> IngestionProductSetup:
        """Create a product's setup (``ingestion.create_product_setup``, HTTP POST)."""
        return cast('IngestionProductSetup', self._call("ingestion.create_product_setup", {"productId": product_id, "body": body}))

    def list_product_availabilities(self, product_id: str) -> Dict[str, Any]:
        """List a product's availabilities (``ingestion.list_product_availabilities``, HTTP GET)."""
        return cast('Dict[str, Any]', self._call("ingestion.list_product_availabilities", {"productId": product_id}))

    def create_product_availability(self, product_id: str, body: Mapping[str, Any]) -> IngestionProductAvailability:
        """Create a product availability (``ingestion.create_product_availability``, HTTP POST)."""
        return cast('IngestionProductAvailability', self._call("ingestion.create_product_availability", {"productId": product_id, "body": body}))

    def get_product_availability(self, product_id: str, product_availability_id: str) -> IngestionProductAvailability:
        """Get a product availability (``ingestion.get_product_availability``, HTTP GET)."""
        return cast('IngestionProductAvailability', self._call("ingestion.get_product_availability", {"productId": product_id, "productAvailabilityId": product_availability_id}))

    def update_product_availability(self, product_id: str, product_availability_id: str, body: Mapping[str, Any], *, if_match: Optional[str] = None) -> IngestionProductAvailability:
        """Update a product availability (``ingestion.update_product_availability``, HTTP PUT)."""
        return cast('IngestionProductAvailability', self._call("ingestion.update_product_availability", {"productId": product_id, "productAvailabilityId": product_availability_id, "body": body, "ifMatch": if_match}))

    def get_product_availabilities_by_instance(self, product_id: str, instance_id: str) -> Dict[str, Any]:
        """Get the product availabilities of a branch instance (``ingestion.get_product_availabilities_by_instance``, HTTP GET)."""
        return cast('Dict[str, Any]', self._call("ingestion.get_product_availabilities_by_instance", {"productId": product_id, "instanceId": instance_id}))

    def list_properties(self, product_id: str) -> Dict[str, Any]:
        """List a product's properties (``ingestion.list_properties``, HTTP GET)."""
        return cast('Dict[str, Any]', self._call("ingestion.list_properties", {"productId": product_id}))

    def create_property(self, product_id: str, body: Mapping[str, Any]) -> IngestionProperty:
        """Create a property (``ingestion.create_property``, HTTP POST)."""
        return cast('IngestionProperty', self._call("ingestion.create_property", {"productId": product_id, "body": body}))

    def get_property(self, product_id: str, property_id: str) -> IngestionProperty:
        """Get a property (``ingestion.get_property``, HTTP GET)."""
        return cast('IngestionProperty', self._call("ingestion.get_property", {"productId": product_id, "propertyId": property_id}))

    def update_property(self, product_id: str, property_id: str, body: Mapping[str, Any], *, if_match: Optional[str] = None) -> IngestionProperty:
        """Update a property (``ingestion.update_property``, HTTP PUT)."""
        return cast('IngestionProperty', self._call("ingestion.update_property", {"productId": product_id, "propertyId": property_id, "body": body, "ifMatch": if_match}))

    def get_properties_by_instance(self, product_id: str, instance_id: str) -> Dict[str, Any]:
        """Get the properties of a branch instance (``ingestion.get_properties_by_instance``, HTTP GET)."""
        return cast('Dict[str, Any]', self._call("ingestion.get_properties_by_instance", {"productId": product_id, "instanceId": instance_id}))

    def delete_listing(self, product_id: str, listing_id: str) -> Dict[str, Any]:
        """Delete a listing (``ingestion.delete_listing``, HTTP DELETE)."""
        return cast('Dict[str, Any]', self._call("ingestion.delete_listing", {"productId": product_id, "listingId": listing_id}))

    def create_listing_with_instance(self, product_id: str, instance_id: str, body: Mapping[str, Any]) -> IngestionListing:
        """Create a listing in a branch instance (``ingestion.create_listing_with_instance``, HTTP POST)."""
        return cast('IngestionListing', self._call("ingestion.create_listing_with_instance", {"productId": product_id, "instanceId": instance_id, "body": body}))

    def list_listing_assets(self, product_id: str, listing_id: str, *, expand: Optional[Any] = None) -> Dict[str, Any]:
        """List a listing's assets (``ingestion.list_listing_assets``, HTTP GET)."""
        return cast('Dict[str, Any]', self._call("ingestion.list_listing_assets", {"productId": product_id, "listingId": listing_id, "$expand": expand}))

    def create_listing_asset(self, product_id: str, listing_id: str, body: Mapping[str, Any]) -> IngestionListingAsset:
        """Create a listing asset (returns fileSasUri) (``ingestion.create_listing_asset``, HTTP POST)."""
        return cast('IngestionListingAsset', self._call("ingestion.create_listing_asset", {"productId": product_id, "listingId": listing_id, "body": body}))

    def get_listing_asset(self, product_id: str, listing_id: str, asset_id: str, *, expand: Optional[Any] = None) -> IngestionListingAsset:
        """Get a listing asset (``ingestion.get_listing_asset``, HTTP GET)."""
        return cast('IngestionListingAsset', self._call("ingestion.get_listing_asset", {"productId": product_id, "listingId": listing_id, "assetId": asset_id, "$expand": expand}))

    def update_listing_asset(self, product_id: str, listing_id: str, asset_id: str, body: Mapping[str, Any], *, if_match: Optional[str] = None) -> IngestionListingAsset:
        """Update a listing asset (e.g. mark Uploaded) (``ingestion.update_listing_asset``, HTTP PUT)."""
        return cast('IngestionListingAsset', self._call("ingestion.update_listing_asset", {"productId": product_id, "listingId": listing_id, "assetId": asset_id, "body": body, "ifMatch": if_match}))

    def delete_listing_asset(self, product_id: str, listing_id: str, asset_id: str) -> Dict[str, Any]:
        """Delete a listing asset (``ingestion.delete_listing_asset``, HTTP DELETE)."""
        return cast('Dict[str, Any]', self._call("ingestion.delete_listing_asset", {"productId": product_id, "listingId": listing_id, "assetId": asset_id}))

    def delete_listing_image(self, product_id: str, listing_id: str, image_id: str) -> Dict[str, Any]:
        """Delete a listing image (``ingestion.delete_listing_image``, HTTP DELETE)."""
        return cast('Dict[str, Any]', self._call("ingestion.delete_listing_image", {"productId": product_id, "listingId": listing_id, "imageId": image_id}))

    def list_listing_videos(self, product_id: str, listing_id: str, *, expand: Optional[Any] = None) -> Dict[str, Any]:
        """List a listing's videos (``ingestion.list_listing_videos``, HTTP GET)."""
        return cast('Dict[str, Any]', self._call("ingestion.list_listing_videos", {"productId": product_id, "listingId": listing_id, "$expand": expand}))

    def create_listing_video(self, product_id: str, listing_id: str, body: Mapping[str, Any]) -> IngestionListingVideo:
        """Create a listing video (returns fileSasUri) (``ingestion.create_listing_video``, HTTP POST)."""
        return cast('IngestionListingVideo', self._call("ingestion.create_listing_video", {"productId": product_id, "listingId": listing_id, "body": body}))

    def get_listing_video(self, product_id: str, listing_id: str, video_id: str, *, expand: Optional[Any] = None) -> IngestionListingVideo:
        """Get a listing video (``ingestion.get_listing_video``, HTTP GET)."""
        return cast('IngestionListingVideo', self._call("ingestion.get_listing_video", {"productId": product_id, "listingId": listing_id, "videoId": video_id, "$expand": expand}))

    def update_listing_video(self, product_id: str, listing_id: str, video_id: str, body: Mapping[str, Any], *, if_match: Optional[str] = None) -> IngestionListingVideo:
        """Update a listing video (e.g. mark Uploaded) (``ingestion.update_listing_video``, HTTP PUT)."""
        return cast('IngestionListingVideo', self._call("ingestion.update_listing_video", {"productId": product_id, "listingId": listing_id, "videoId": video_id, "body": body, "ifMatch": if_match}))

    def delete_listing_video(self, product_id: str, listing_id: str, video_id: str) -> Dict[str, Any]:
        """Delete a listing video (``ingestion.delete_listing_video``, HTTP DELETE)."""
        return cast('Dict[str, Any]', self._call("ingestion.delete_listing_video", {"productId": product_id, "listingId": listing_id, "videoId": video_id}))

    def list_variants(self, product_id: str, *, skip_token: Optional[Any] = None) -> Dict[str, Any]:
        """List a product's variants (plans) (``ingestion.list_variants``, HTTP GET)."""
        return cast('Dict[str, Any]', self._call("ingestion.list_variants", {"productId": product_id, "$skipToken": skip_token}))

    def create_variant(self, product_id: str, body: Mapping[str, Any]) -> IngestionVariant:
        """Create a variant (plan) (``ingestion.create_variant``, HTTP POST)."""
        return cast('IngestionVariant', self._call("ingestion.create_variant", {"productId": product_id, "body": body}))

    def get_variant(self, product_id: str, variant_id: str) -> IngestionVariant:
        """Get a variant (plan) (``ingestion.get_variant``, HTTP GET)."""
        return cast('IngestionVariant', self._call("ingestion.get_variant", {"productId": product_id, "variantId": variant_id}))

    def update_variant(self, product_id: str, variant_id: str, body: Mapping[str, Any], *, if_match: Optional[str] = None) -> IngestionVariant:
        """Update a variant (plan) (``ingestion.update_variant``, HTTP PUT)."""
        return cast('IngestionVariant', self._call("ingestion.update_variant", {"productId": product_id, "variantId": variant_id, "body": body, "ifMatch": if_match}))

    def delete_variant(self, product_id: str, variant_id: str) -> Dict[str, Any]:
        """Delete a variant (plan) (``ingestion.delete_variant``, HTTP DELETE)."""
        return cast('Dict[str, Any]', self._call("ingestion.delete_variant", {"productId": product_id, "variantId": variant_id}))

    def get_feature_availabilities_by_instance(self, product_id: str, instance_id: str, *, expand: Optional[Any] = None) -> Dict[str, Any]:
        """Get the feature availabilities of a branch instance (``ingestion.get_feature_availabilities_by_instance``, HTTP GET)."""
        return cast('Dict[str, Any]', self._call("ingestion.get_feature_availabilities_by_instance", {"productId": product_id, "instanceId": instance_id, "$expand": expand}))

    def get_feature_availability(self, product_id: str, feature_availability_id: str, *, expand: Optional[Any] = None) -> IngestionFeatureAvailability:
        """Get a feature availability (``ingestion.get_feature_availability``, HTTP GET)."""
        return cast('IngestionFeatureAvailability', self._call("ingestion.get_feature_availability", {"productId": product_id, "featureAvailabilityId": feature_availability_id, "$expand": expand}))

    def update_feature_availability(self, product_id: str, feature_availability_id: str, body: Mapping[str, Any], *, expand: Optional[Any] = None, if_match: Optional[str] = None) -> IngestionFeatureAvailability:
        """Update a feature availability (``ingestion.update_feature_availability``, HTTP PUT)."""
        return cast('IngestionFeatureAvailability', self._call("ingestion.update_feature_availability", {"productId": product_id, "featureAvailabilityId": feature_availability_id, "body": body, "$expand": expand, "ifMatch": if_match}))

    def get_submission_reports(self, product_id: str, submission_id: str) -> Dict[str, Any]:
        """Get a submission's certification reports (``ingestion.get_submission_reports``, HTTP GET)."""
        return cast('Dict[str, Any]', self._call("ingestion.get_submission_reports", {"productId": product_id, "submissionId": submission_id}))

    def get_lead_configuration(self, product_id: str) -> IngestionLeadConfiguration:
        """Get a product's lead configuration (``ingestion.get_lead_configuration``, HTTP GET)."""
        return cast('IngestionLeadConfiguration', self._call("ingestion.get_lead_configuration", {"productId": product_id}))

    def create_lead_configuration(self, product_id: str, body: Mapping[str, Any]) -> IngestionLeadConfiguration:
        """Create a product's lead configuration (``ingestion.create_lead_configuration``, HTTP POST)."""
        return cast('IngestionLeadConfiguration', self._call("ingestion.create_lead_configuration", {"productId": product_id, "body": body}))

    def get_supplemental_contents_by_instance(self, product_id: str, instance_id: str) -> Dict[str, Any]:
        """Get the supplemental contents of a branch instance (``ingestion.get_supplemental_contents_by_instance``, HTTP GET)."""
        return cast('Dict[str, Any]', self._call("ingestion.get_supplemental_contents_by_instance", {"productId": product_id, "instanceId": instance_id}))

    def get_supplemental_content(self, product_id: str, instance_id: str) -> IngestionSupplementalContent:
        """Get a supplemental content (``ingestion.get_supplemental_content``, HTTP GET)."""
        return cast('IngestionSupplementalContent', self._call("ingestion.get_supplemental_content", {"productId": product_id, "instanceId": instance_id}))

    def update_supplemental_content(self, product_id: str, instance_id: str, body: Mapping[str, Any], *, if_match: Optional[str] = None) -> IngestionSupplementalContent:
        """Update a supplemental content (``ingestion.update_supplemental_content``, HTTP PUT)."""
        return cast('IngestionSupplementalContent', self._call("ingestion.update_supplemental_content", {"productId": product_id, "instanceId": instance_id, "body": body, "ifMatch": if_match}))

    def commit_supplemental_content(self, product_id: str, instance_id: str) -> IngestionSupplementalContent:
        """Commit a supplemental content (``ingestion.commit_supplemental_content``, HTTP POST)."""
        return cast('IngestionSupplementalContent', self._call("ingestion.commit_supplemental_content", {"productId": product_id, "instanceId": instance_id}))

    def list_cosell_assets(self, product_id: str) -> Dict[str, Any]:
        """List a product's co-sell assets (``ingestion.list_cosell_assets``, HTTP GET)."""
        return cast('Dict[str, Any]', self._call("ingestion.list_cosell_assets", {"productId": product_id}))

    def create_cosell_asset(self, product_id: str, body: Mapping[str, Any]) -> IngestionCosellAsset:
        """Create a co-sell asset (returns fileSasUri) (``ingestion.create_cosell_asset``, HTTP POST)."""
        return cast('IngestionCosellAsset', self._call("ingestion.create_cosell_asset", {"productId": product_id, "body": body}))

    def get_cosell_assets_by_instance(self, product_id: str, instance_id: str) -> Dict[str, Any]:
        """Get the co-sell assets of a co-sell listing instance (``ingestion.get_cosell_assets_by_instance``, HTTP GET)."""
        return cast('Dict[str, Any]', self._call("ingestion.get_cosell_assets_by_instance", {"productId": product_id, "instanceId": instance_id}))

    def get_cosell_asset(self, product_id: str, cosell_asset_id: str) -> IngestionCosellAsset:
        """Get a co-sell asset (``ingestion.get_cosell_asset``, HTTP GET)."""
        return cast('IngestionCosellAsset', self._call("ingestion.get_cosell_asset", {"productId": product_id, "cosellAssetId": cosell_asset_id}))

    def update_cosell_asset(self, product_id: str, cosell_asset_id: str, body: Mapping[str, Any], *, if_match: Optional[str] = None) -> IngestionCosellAsset:
        """Update a co-sell asset (e.g. mark Uploaded) (``ingestion.update_cosell_asset``, HTTP PUT)."""
        return cast('IngestionCosellAsset', self._call("ingestion.update_cosell_asset", {"productId": product_id, "cosellAssetId": cosell_asset_id, "body": body, "ifMatch": if_match}))

    def delete_cosell_asset(self, product_id: str, cosell_asset_id: str) -> Dict[str, Any]:
        """Delete a co-sell asset (``ingestion.delete_cosell_asset``, HTTP DELETE)."""
        return cast('Dict[str, Any]', self._call("ingestion.delete_cosell_asset", {"productId": product_id, "cosellAssetId": cosell_asset_id}))

    def get_cosell_listing(self, product_id: str, instance_id: str) -> IngestionCosellListing:
        """Get a co-sell listing (``ingestion.get_cosell_listing``, HTTP GET)."""
        return cast('IngestionCosellListing', self._call("ingestion.get_cosell_listing", {"productId": product_id, "instanceId": instance_id}))

    def update_cosell_listing(self, product_id: str, instance_id: str, body: Mapping[str, Any], *, if_match: Optional[str] = None) -> IngestionCosellListing:
        """Update a co-sell listing (``ingestion.update_cosell_listing``, HTTP PUT)."""
        return cast('IngestionCosellListing', self._call("ingestion.update_cosell_listing", {"productId": product_id, "instanceId": instance_id, "body": body, "ifMatch": if_match}))

    def get_cosell_listings_by_instance(self, product_id: str, instance_id: str) -> Dict[str, Any]:
        """Get the co-sell listings of a branch instance (``ingestion.get_cosell_listings_by_instance``, HTTP GET)."""
        return cast('Dict[str, Any]', self._call("ingestion.get_cosell_listings_by_instance", {"productId": product_id, "instanceId": instance_id}))

    def get_reseller_configuration(self, product_id: str) -> IngestionResellerConfiguration:
        """Get a product's reseller configuration (``ingestion.get_reseller_configuration``, HTTP GET)."""
        return cast('IngestionResellerConfiguration', self._call("ingestion.get_reseller_configuration", {"productId": product_id}))

    def create_reseller_configuration(self, product_id: str, body: Mapping[str, Any]) -> IngestionResellerConfiguration:
        """Create a product's reseller configuration (``ingestion.create_reseller_configuration``, HTTP POST)."""
        return cast('IngestionResellerConfiguration', self._call("ingestion.create_reseller_configuration", {"productId": product_id, "body": body}))


class AsyncIngestionOperations:
    """Every method of the Partner Center ingestion API (asyncio)."""

    def __init__(self, call: _AsyncCall) -> None:
        self._call = call

    async def list_products(self, *, filter: Optional[Any] = None) -> Dict[str, Any]:
        """List products (``ingestion.list_products``, HTTP GET)."""
        return cast('Dict[str, Any]', await self._call("ingestion.list_products", {"$filter": filter}))

    async def create_product(self, body: Mapping[str, Any]) -> IngestionProduct:
        """Create a product (``ingestion.create_product``, HTTP POST)."""
        return cast('IngestionProduct', await self._call("ingestion.create_product", {"body": body}))

    async def get_product(self, product_id: str) -> IngestionProduct:
        """Get a product (``ingestion.get_product``, HTTP GET)."""
        return cast('IngestionProduct', await self._call("ingestion.get_product", {"productId": product_id}))

    async def delete_product(self, product_id: str) -> Dict[str, Any]:
        """Delete a product (``ingestion.delete_product``, HTTP DELETE)."""
        return cast('Dict[str, Any]', await self._call("ingestion.delete_product", {"productId": product_id}))

    async def get_product_setup(self, product_id: str) -> IngestionProductSetup:
        """Get a product's setup (``ingestion.get_product_setup``, HTTP GET)."""
        return cast('IngestionProductSetup', await self._call("ingestion.get_product_setup", {"productId": product_id}))

    async def list_branches_by_module(self, product_id: str, module: str) -> Dict[str, Any]:
        """List a product's branches for a module (``ingestion.list_branches_by_module``, HTTP GET)."""
        return cast('Dict[str, Any]', await self._call("ingestion.list_branches_by_module", {"productId": product_id, "module": module}))

    async def get_listing(self, product_id: str, listing_id: str) -> IngestionListing:
        """Get a listing (``ingestion.get_listing``, HTTP GET)."""
        return cast('IngestionListing', await self._call("ingestion.get_listing", {"productId": product_id, "listingId": listing_id}))

    async def update_listing(self, product_id: str, listing_id: str, body: Mapping[str, Any], *, if_match: Optional[str] = None) -> IngestionListing:
        """Update a listing (``ingestion.update_listing``, HTTP PUT)."""
        return cast('IngestionListing', await self._call("ingestion.update_listing", {"productId": product_id, "listingId": listing_id, "body": body, "ifMatch": if_match}))

    async def get_listings_by_instance(self, product_id: str, instance_id: str) -> Dict[str, Any]:
        """Get the listings of a branch instance (``ingestion.get_listings_by_instance``, HTTP GET)."""
        return cast('Dict[str, Any]', await self._call("ingestion.get_listings_by_instance", {"productId": product_id, "instanceId": instance_id}))

    async def list_listing_images(self, product_id: str, listing_id: str) -> Dict[str, Any]:
        """List a listing's images (``ingestion.list_listing_images``, HTTP GET)."""
        return cast('Dict[str, Any]', await self._call("ingestion.list_listing_images", {"productId": product_id, "listingId": listing_id}))

    async def create_listing_image(self, product_id: str, listing_id: str, body: Mapping[str, Any]) -> IngestionListingImage:
        """Create a listing image (returns fileSasUri) (``ingestion.create_listing_image``, HTTP POST)."""
        return cast('IngestionListingImage', await self._call("ingestion.create_listing_image", {"productId": product_id, "listingId": listing_id, "body": body}))

    async def get_listing_image(self, product_id: str, listing_id: str, image_id: str) -> IngestionListingImage:
        """Get a listing image (``ingestion.get_listing_image``, HTTP GET)."""
        return cast('IngestionListingImage', await self._call("ingestion.get_listing_image", {"productId": product_id, "listingId": listing_id, "imageId": image_id}))

    async def update_listing_image(self, product_id: str, listing_id: str, image_id: str, body: Mapping[str, Any], *, if_match: Optional[str] = None) -> IngestionListingImage:
        """Update a listing image (e.g. mark Uploaded) (``ingestion.update_listing_image``, HTTP PUT)."""
        return cast('IngestionListingImage', await self._call("ingestion.update_listing_image", {"productId": product_id, "listingId": listing_id, "imageId": image_id, "body": body, "ifMatch": if_match}))

    async def list_packages(self, product_id: str) -> Dict[str, Any]:
        """List a product's packages (``ingestion.list_packages``, HTTP GET)."""
        return cast('Dict[str, Any]', await self._call("ingestion.list_packages", {"productId": product_id}))

    async def create_package(self, product_id: str, body: Mapping[str, Any]) -> IngestionPackage:
        """Create a package (returns fileSasUri) (``ingestion.create_package``, HTTP POST)."""
        return cast('IngestionPackage', await self._call("ingestion.create_package", {"productId": product_id, "body": body}))

    async def get_package(self, product_id: str, package_id: str) -> IngestionPackage:
        """Get a package (``ingestion.get_package``, HTTP GET)."""
        return cast('IngestionPackage', await self._call("ingestion.get_package", {"productId": product_id, "packageId": package_id}))

    async def update_package(self, product_id: str, package_id: str, body: Mapping[str, Any], *, if_match: Optional[str] = None) -> IngestionPackage:
        """Update a package (e.g. mark Uploaded) (``ingestion.update_package``, HTTP PUT)."""
        return cast('IngestionPackage', await self._call("ingestion.update_package", {"productId": product_id, "packageId": package_id, "body": body, "ifMatch": if_match}))

    async def delete_package(self, product_id: str, package_id: str) -> Dict[str, Any]:
        """Delete a package (``ingestion.delete_package``, HTTP DELETE)."""
        return cast('Dict[str, Any]', await self._call("ingestion.delete_package", {"productId": product_id, "packageId": package_id}))

    async def get_package_configuration(self, product_id: str, package_configuration_id: str) -> IngestionPackageConfiguration:
        """Get a package configuration (``ingestion.get_package_configuration``, HTTP GET)."""
        return cast('IngestionPackageConfiguration', await self._call("ingestion.get_package_configuration", {"productId": product_id, "packageConfigurationId": package_configuration_id}))

    async def update_package_configuration(self, product_id: str, package_configuration_id: str, body: Mapping[str, Any], *, if_match: Optional[str] = None) -> IngestionPackageConfiguration:
        """Update a package configuration (``ingestion.update_package_configuration``, HTTP PUT)."""
        return cast('IngestionPackageConfiguration', await self._call("ingestion.update_package_configuration", {"productId": product_id, "packageConfigurationId": package_configuration_id, "body": body, "ifMatch": if_match}))

    async def get_package_configurations_by_instance(self, product_id: str, instance_id: str) -> Dict[str, Any]:
        """Get the package configurations of a branch instance (``ingestion.get_package_configurations_by_instance``, HTTP GET)."""
        return cast('Dict[str, Any]', await self._call("ingestion.get_package_configurations_by_instance", {"productId": product_id, "instanceId": instance_id}))

    async def list_submissions(self, product_id: str) -> Dict[str, Any]:
        """List a product's submissions (``ingestion.list_submissions``, HTTP GET)."""
        return cast('Dict[str, Any]', await self._call("ingestion.list_submissions", {"productId": product_id}))

    async def create_submission(self, product_id: str, body: Mapping[str, Any]) -> IngestionSubmission:
        """Create a submission (``ingestion.create_submission``, HTTP POST)."""
        return cast('IngestionSubmission', await self._call("ingestion.create_submission", {"productId": product_id, "body": body}))

    async def get_submission(self, product_id: str, submission_id: str) -> IngestionSubmission:
        """Get a submission (``ingestion.get_submission``, HTTP GET)."""
        return cast('IngestionSubmission', await self._call("ingestion.get_submission", {"productId": product_id, "submissionId": submission_id}))

    async def delete_submission(self, product_id: str, submission_id: str) -> Dict[str, Any]:
        """Cancel (delete) a submission (``ingestion.delete_submission``, HTTP DELETE)."""
        return cast('Dict[str, Any]', await self._call("ingestion.delete_submission", {"productId": product_id, "submissionId": submission_id}))

    async def promote_submission(self, product_id: str, submission_id: str) -> IngestionWorkflowDetail:
        """Promote a submission (preview to live) (``ingestion.promote_submission``, HTTP POST)."""
        return cast('IngestionWorkflowDetail', await self._call("ingestion.promote_submission", {"productId": product_id, "submissionId": submission_id}))

    async def get_submission_validations(self, product_id: str, submission_id: str) -> Dict[str, Any]:
        """Get a submission's validation results (``ingestion.get_submission_validations``, HTTP GET)."""
        return cast('Dict[str, Any]', await self._call("ingestion.get_submission_validations", {"productId": product_id, "submissionId": submission_id}))

    async def get_submission_workflow(self, product_id: str, submission_id: str) -> Dict[str, Any]:
        """Get a submission's workflow details (``ingestion.get_submission_workflow``, HTTP GET)."""
        return cast('Dict[str, Any]', await self._call("ingestion.get_submission_workflow", {"productId": product_id, "submissionId": submission_id}))

    async def create_product_setup(self, product_id: str, body: Mapping[str, Any]) -> IngestionProductSetup:
        """Create a product's setup (``ingestion.create_product_setup``, HTTP POST)."""
        return cast('IngestionProductSetup', await self._call("ingestion.create_product_setup", {"productId": product_id, "body": body}))

    async def list_product_availabilities(self, product_id: str) -> Dict[str, Any]:
        """List a product's availabilities (``ingestion.list_product_availabilities``, HTTP GET)."""
        return cast('Dict[str, Any]', await self._call("ingestion.list_product_availabilities", {"productId": product_id}))

    async def create_product_availability(self, product_id: str, body: Mapping[str, Any]) -> IngestionProductAvailability:
        """Create a product availability (``ingestion.create_product_availability``, HTTP POST)."""
        return cast('IngestionProductAvailability', await self._call("ingestion.create_product_availability", {"productId": product_id, "body": body}))

    async def get_product_availability(self, product_id: str, product_availability_id: str) -> IngestionProductAvailability:
        """Get a product availability (``ingestion.get_product_availability``, HTTP GET)."""
        return cast('IngestionProductAvailability', await self._call("ingestion.get_product_availability", {"productId": product_id, "productAvailabilityId": product_availability_id}))

    async def update_product_availability(self, product_id: str, product_availability_id: str, body: Mapping[str, Any], *, if_match: Optional[str] = None) -> IngestionProductAvailability:
        """Update a product availability (``ingestion.update_product_availability``, HTTP PUT)."""
        return cast('IngestionProductAvailability', await self._call("ingestion.update_product_availability", {"productId": product_id, "productAvailabilityId": product_availability_id, "body": body, "ifMatch": if_match}))

    async def get_product_availabilities_by_instance(self, product_id: str, instance_id: str) -> Dict[str, Any]:
        """Get the product availabilities of a branch instance (``ingestion.get_product_availabilities_by_instance``, HTTP GET)."""
        return cast('Dict[str, Any]', await self._call("ingestion.get_product_availabilities_by_instance", {"productId": product_id, "instanceId": instance_id}))

    async def list_properties(self, product_id: str) -> Dict[str, Any]:
        """List a product's properties (``ingestion.list_properties``, HTTP GET)."""
        return cast('Dict[str, Any]', await self._call("ingestion.list_properties", {"productId": product_id}))

    async def create_property(self, product_id: str, body: Mapping[str, Any]) -> IngestionProperty:
        """Create a property (``ingestion.create_property``, HTTP POST)."""
        return cast('IngestionProperty', await self._call("ingestion.create_property", {"productId": product_id, "body": body}))

    async def get_property(self, product_id: str, property_id: str) -> IngestionProperty:
        """Get a property (``ingestion.get_property``, HTTP GET)."""
        return cast('IngestionProperty', await self._call("ingestion.get_property", {"productId": product_id, "propertyId": property_id}))

    async def update_property(self, product_id: str, property_id: str, body: Mapping[str, Any], *, if_match: Optional[str] = None) -> IngestionProperty:
        """Update a property (``ingestion.update_property``, HTTP PUT)."""
        return cast('IngestionProperty', await self._call("ingestion.update_property", {"productId": product_id, "propertyId": property_id, "body": body, "ifMatch": if_match}))

    async def get_properties_by_instance(self, product_id: str, instance_id: str) -> Dict[str, Any]:
        """Get the properties of a branch instance (``ingestion.get_properties_by_instance``, HTTP GET)."""
        return cast('Dict[str, Any]', await self._call("ingestion.get_properties_by_instance", {"productId": product_id, "instanceId": instance_id}))

    async def delete_listing(self, product_id: str, listing_id: str) -> Dict[str, Any]:
        """Delete a listing (``ingestion.delete_listing``, HTTP DELETE)."""
        return cast('Dict[str, Any]', await self._call("ingestion.delete_listing", {"productId": product_id, "listingId": listing_id}))

    async def create_listing_with_instance(self, product_id: str, instance_id: str, body: Mapping[str, Any]) -> IngestionListing:
        """Create a listing in a branch instance (``ingestion.create_listing_with_instance``, HTTP POST)."""
        return cast('IngestionListing', await self._call("ingestion.create_listing_with_instance", {"productId": product_id, "instanceId": instance_id, "body": body}))

    async def list_listing_assets(self, product_id: str, listing_id: str, *, expand: Optional[Any] = None) -> Dict[str, Any]:
        """List a listing's assets (``ingestion.list_listing_assets``, HTTP GET)."""
        return cast('Dict[str, Any]', await self._call("ingestion.list_listing_assets", {"productId": product_id, "listingId": listing_id, "$expand": expand}))

    async def create_listing_asset(self, product_id: str, listing_id: str, body: Mapping[str, Any]) -> IngestionListingAsset:
        """Create a listing asset (returns fileSasUri) (``ingestion.create_listing_asset``, HTTP POST)."""
        return cast('IngestionListingAsset', await self._call("ingestion.create_listing_asset", {"productId": product_id, "listingId": listing_id, "body": body}))

    async def get_listing_asset(self, product_id: str, listing_id: str, asset_id: str, *, expand: Optional[Any] = None) -> IngestionListingAsset:
        """Get a listing asset (``ingestion.get_listing_asset``, HTTP GET)."""
        return cast('IngestionListingAsset', await self._call("ingestion.get_listing_asset", {"productId": product_id, "listingId": listing_id, "assetId": asset_id, "$expand": expand}))

    async def update_listing_asset(self, product_id: str, listing_id: str, asset_id: str, body: Mapping[str, Any], *, if_match: Optional[str] = None) -> IngestionListingAsset:
        """Update a listing asset (e.g. mark Uploaded) (``ingestion.update_listing_asset``, HTTP PUT)."""
        return cast('IngestionListingAsset', await self._call("ingestion.update_listing_asset", {"productId": product_id, "listingId": listing_id, "assetId": asset_id, "body": body, "ifMatch": if_match}))

    async def delete_listing_asset(self, product_id: str, listing_id: str, asset_id: str) -> Dict[str, Any]:
        """Delete a listing asset (``ingestion.delete_listing_asset``, HTTP DELETE)."""
        return cast('Dict[str, Any]', await self._call("ingestion.delete_listing_asset", {"productId": product_id, "listingId": listing_id, "assetId": asset_id}))

    async def delete_listing_image(self, product_id: str, listing_id: str, image_id: str) -> Dict[str, Any]:
        """Delete a listing image (``ingestion.delete_listing_image``, HTTP DELETE)."""
        return cast('Dict[str, Any]', await self._call("ingestion.delete_listing_image", {"productId": product_id, "listingId": listing_id, "imageId": image_id}))

    async def list_listing_videos(self, product_id: str, listing_id: str, *, expand: Optional[Any] = None) -> Dict[str, Any]:
        """List a listing's videos (``ingestion.list_listing_videos``, HTTP GET)."""
        return cast('Dict[str, Any]', await self._call("ingestion.list_listing_videos", {"productId": product_id, "listingId": listing_id, "$expand": expand}))

    async def create_listing_video(self, product_id: str, listing_id: str, body: Mapping[str, Any]) -> IngestionListingVideo:
        """Create a listing video (returns fileSasUri) (``ingestion.create_listing_video``, HTTP POST)."""
        return cast('IngestionListingVideo', await self._call("ingestion.create_listing_video", {"productId": product_id, "listingId": listing_id, "body": body}))

    async def get_listing_video(self, product_id: str, listing_id: str, video_id: str, *, expand: Optional[Any] = None) -> IngestionListingVideo:
        """Get a listing video (``ingestion.get_listing_video``, HTTP GET)."""
        return cast('IngestionListingVideo', await self._call("ingestion.get_listing_video", {"productId": product_id, "listingId": listing_id, "videoId": video_id, "$expand": expand}))

    async def update_listing_video(self, product_id: str, listing_id: str, video_id: str, body: Mapping[str, Any], *, if_match: Optional[str] = None) -> IngestionListingVideo:
        """Update a listing video (e.g. mark Uploaded) (``ingestion.update_listing_video``, HTTP PUT)."""
        return cast('IngestionListingVideo', await self._call("ingestion.update_listing_video", {"productId": product_id, "listingId": listing_id, "videoId": video_id, "body": body, "ifMatch": if_match}))

    async def delete_listing_video(self, product_id: str, listing_id: str, video_id: str) -> Dict[str, Any]:
        """Delete a listing video (``ingestion.delete_listing_video``, HTTP DELETE)."""
        return cast('Dict[str, Any]', await self._call("ingestion.delete_listing_video", {"productId": product_id, "listingId": listing_id, "videoId": video_id}))

    async def list_variants(self, product_id: str, *, skip_token: Optional[Any] = None) -> Dict[str, Any]:
        """List a product's variants (plans) (``ingestion.list_variants``, HTTP GET)."""
        return cast('Dict[str, Any]', await self._call("ingestion.list_variants", {"productId": product_id, "$skipToken": skip_token}))

    async def create_variant(self, product_id: str, body: Mapping[str, Any]) -> IngestionVariant:
        """Create a variant (plan) (``ingestion.create_variant``, HTTP POST)."""
        return cast('IngestionVariant', await self._call("ingestion.create_variant", {"productId": product_id, "body": body}))

    async def get_variant(self, product_id: str, variant_id: str) -> IngestionVariant:
        """Get a variant (plan) (``ingestion.get_variant``, HTTP GET)."""
        return cast('IngestionVariant', await self._call("ingestion.get_variant", {"productId": product_id, "variantId": variant_id}))

    async def update_variant(self, product_id: str, variant_id: str, body: Mapping[str, Any], *, if_match: Optional[str] = None) -> IngestionVariant:
        """Update a variant (plan) (``ingestion.update_variant``, HTTP PUT)."""
        return cast('IngestionVariant', await self._call("ingestion.update_variant", {"productId": product_id, "variantId": variant_id, "body": body, "ifMatch": if_match}))

    async def delete_variant(self, product_id: str, variant_id: str) -> Dict[str, Any]:
        """Delete a variant (plan) (``ingestion.delete_variant``, HTTP DELETE)."""
        return cast('Dict[str, Any]', await self._call("ingestion.delete_variant", {"productId": product_id, "variantId": variant_id}))

    async def get_feature_availabilities_by_instance(self, product_id: str, instance_id: str, *, expand: Optional[Any] = None) -> Dict[str, Any]:
        """Get the feature availabilities of a branch instance (``ingestion.get_feature_availabilities_by_instance``, HTTP GET)."""
        return cast('Dict[str, Any]', await self._call("ingestion.get_feature_availabilities_by_instance", {"productId": product_id, "instanceId": instance_id, "$expand": expand}))

    async def get_feature_availability(self, product_id: str, feature_availability_id: str, *, expand: Optional[Any] = None) -> IngestionFeatureAvailability:
        """Get a feature availability (``ingestion.get_feature_availability``, HTTP GET)."""
        return cast('IngestionFeatureAvailability', await self._call("ingestion.get_feature_availability", {"productId": product_id, "featureAvailabilityId": feature_availability_id, "$expand": expand}))

    async def update_feature_availability(self, product_id: str, feature_availability_id: str, body: Mapping[str, Any], *, expand: Optional[Any] = None, if_match: Optional[str] = None) -> IngestionFeatureAvailability:
        """Update a feature availability (``ingestion.update_feature_availability``, HTTP PUT)."""
        return cast('IngestionFeatureAvailability', await self._call("ingestion.update_feature_availability", {"productId": product_id, "featureAvailabilityId": feature_availability_id, "body": body, "$expand": expand, "ifMatch": if_match}))

    async def get_submission_reports(self, product_id: str, submission_id: str) -> Dict[str, Any]:
        """Get a submission's certification reports (``ingestion.get_submission_reports``, HTTP GET)."""
        return cast('Dict[str, Any]', await self._call("ingestion.get_submission_reports", {"productId": product_id, "submissionId": submission_id}))

    async def get_lead_configuration(self, product_id: str) -> IngestionLeadConfiguration:
        """Get a product's lead configuration (``ingestion.get_lead_configuration``, HTTP GET)."""
        return cast('IngestionLeadConfiguration', await self._call("ingestion.get_lead_configuration", {"productId": product_id}))

    async def create_lead_configuration(self, product_id: str, body: Mapping[str, Any]) -> IngestionLeadConfiguration:
        """Create a product's lead configuration (``ingestion.create_lead_configuration``, HTTP POST)."""
        return cast('IngestionLeadConfiguration', await self._call("ingestion.create_lead_configuration", {"productId": product_id, "body": body}))

    async def get_supplemental_contents_by_instance(self, product_id: str, instance_id: str) -> Dict[str, Any]:
        """Get the supplemental contents of a branch instance (``ingestion.get_supplemental_contents_by_instance``, HTTP GET)."""
        return cast('Dict[str, Any]', await self._call("ingestion.get_supplemental_contents_by_instance", {"productId": product_id, "instanceId": instance_id}))

    async def get_supplemental_content(self, product_id: str, instance_id: str) -> IngestionSupplementalContent:
        """Get a supplemental content (``ingestion.get_supplemental_content``, HTTP GET)."""
        return cast('IngestionSupplementalContent', await self._call("ingestion.get_supplemental_content", {"productId": product_id, "instanceId": instance_id}))

    async def update_supplemental_content(self, product_id: str, instance_id: str, body: Mapping[str, Any], *, if_match: Optional[str] = None) -> IngestionSupplementalContent:
        """Update a supplemental content (``ingestion.update_supplemental_content``, HTTP PUT)."""
        return cast('IngestionSupplementalContent', await self._call("ingestion.update_supplemental_content", {"productId": product_id, "instanceId": instance_id, "body": body, "ifMatch": if_match}))

    async def commit_supplemental_content(self, product_id: str, instance_id: str) -> IngestionSupplementalContent:
        """Commit a supplemental content (``ingestion.commit_supplemental_content``, HTTP POST)."""
        return cast('IngestionSupplementalContent', await self._call("ingestion.commit_supplemental_content", {"productId": product_id, "instanceId": instance_id}))

    async def list_cosell_assets(self, product_id: str) -> Dict[str, Any]:
        """List a product's co-sell assets (``ingestion.list_cosell_assets``, HTTP GET)."""
        return cast('Dict[str, Any]', await self._call("ingestion.list_cosell_assets", {"productId": product_id}))

    async def create_cosell_asset(self, product_id: str, body: Mapping[str, Any]) -> IngestionCosellAsset:
        """Create a co-sell asset (returns fileSasUri) (``ingestion.create_cosell_asset``, HTTP POST)."""
        return cast('IngestionCosellAsset', await self._call("ingestion.create_cosell_asset", {"productId": product_id, "body": body}))

    async def get_cosell_assets_by_instance(self, product_id: str, instance_id: str) -> Dict[str, Any]:
        """Get the co-sell assets of a co-sell listing instance (``ingestion.get_cosell_assets_by_instance``, HTTP GET)."""
        return cast('Dict[str, Any]', await self._call("ingestion.get_cosell_assets_by_instance", {"productId": product_id, "instanceId": instance_id}))

    async def get_cosell_asset(self, product_id: str, cosell_asset_id: str) -> IngestionCosellAsset:
        """Get a co-sell asset (``ingestion.get_cosell_asset``, HTTP GET)."""
        return cast('IngestionCosellAsset', await self._call("ingestion.get_cosell_asset", {"productId": product_id, "cosellAssetId": cosell_asset_id}))

    async def update_cosell_asset(self, product_id: str, cosell_asset_id: str, body: Mapping[str, Any], *, if_match: Optional[str] = None) -> IngestionCosellAsset:
        """Update a co-sell asset (e.g. mark Uploaded) (``ingestion.update_cosell_asset``, HTTP PUT)."""
        return cast('IngestionCosellAsset', await self._call("ingestion.update_cosell_asset", {"productId": product_id, "cosellAssetId": cosell_asset_id, "body": body, "ifMatch": if_match}))

    async def delete_cosell_asset(self, product_id: str, cosell_asset_id: str) -> Dict[str, Any]:
        """Delete a co-sell asset (``ingestion.delete_cosell_asset``, HTTP DELETE)."""
        return cast('Dict[str, Any]', await self._call("ingestion.delete_cosell_asset", {"productId": product_id, "cosellAssetId": cosell_asset_id}))

    async def get_cosell_listing(self, product_id: str, instance_id: str) -> IngestionCosellListing:
        """Get a co-sell listing (``ingestion.get_cosell_listing``, HTTP GET)."""
        return cast('IngestionCosellListing', await self._call("ingestion.get_cosell_listing", {"productId": product_id, "instanceId": instance_id}))

    async def update_cosell_listing(self, product_id: str, instance_id: str, body: Mapping[str, Any], *, if_match: Optional[str] = None) -> IngestionCosellListing:
        """Update a co-sell listing (``ingestion.update_cosell_listing``, HTTP PUT)."""
        return cast('IngestionCosellListing', await self._call("ingestion.update_cosell_listing", {"productId": product_id, "instanceId": instance_id, "body": body, "ifMatch": if_match}))

    async def get_cosell_listings_by_instance(self, product_id: str, instance_id: str) -> Dict[str, Any]:
        """Get the co-sell listings of a branch instance (``ingestion.get_cosell_listings_by_instance``, HTTP GET)."""
        return cast('Dict[str, Any]', await self._call("ingestion.get_cosell_listings_by_instance", {"productId": product_id, "instanceId": instance_id}))

    async def get_reseller_configuration(self, product_id: str) -> IngestionResellerConfiguration:
        """Get a product's reseller configuration (``ingestion.get_reseller_configuration``, HTTP GET)."""
        return cast('IngestionResellerConfiguration', await self._call("ingestion.get_reseller_configuration", {"productId": product_id}))

    async def create_reseller_configuration(self, product_id: str, body: Mapping[str, Any]) -> IngestionResellerConfiguration:
        """Create a product's reseller configuration (``ingestion.create_reseller_configuration``, HTTP POST)."""
        return cast('IngestionResellerConfiguration', await self._call("ingestion.create_reseller_configuration", {"productId": product_id, "body": body}))
