//! Package flights and flight submissions.

use super::{
    ApplicationPackage, PackageDeliveryOptions, ResourceRef, SasUrl, StatusDetails, StringOrNumber, SubmissionStatus,
    TargetPublishMode,
};

model! {
    /// A package flight (get a flight, items of get flights for an app, response of create a flight).
    pub struct Flight {
        /// Flight id (a GUID).
        flight_id: String,
        /// Name of the flight.
        friendly_name: String,
        /// The last published submission.
        last_published_flight_submission: ResourceRef,
        /// The pending submission.
        pending_flight_submission: ResourceRef,
        /// Ids of the flight groups.
        group_ids: Vec<StringOrNumber>,
        /// Friendly name of the flight ranked immediately lower.
        rank_higher_than: String,
    }
}

impl Flight {
    /// Server-assigned fields (the resource is never sent back; listed for completeness).
    pub const READ_ONLY: &'static [&'static str] =
        &["/flightId", "/lastPublishedFlightSubmission", "/pendingFlightSubmission"];
}

model! {
    /// Body of "create a package flight". All fields are optional; the docs' sample sends
    /// `"groupIds": [0]` and `"rankHigherThan": null`, both kept as written.
    pub struct FlightCreate {
        /// Name of the flight.
        friendly_name: String,
        /// Ids of the flight groups.
        group_ids: Vec<StringOrNumber>,
        /// Friendly name of the flight ranked immediately lower (absent: highest rank).
        rank_higher_than: String,
    }
}

impl FlightCreate {
    /// A create body has no server-assigned field.
    pub const READ_ONLY: &'static [&'static str] = &[];
}

/// A package of a flight submission (same shape as an app package, without `targetDeviceFamilies`).
pub type FlightPackage = ApplicationPackage;

model! {
    /// A package flight submission: packages, rollout, publish mode, notes, plus status and SAS URL.
    pub struct FlightSubmission {
        /// Submission id (read-only).
        id: String,
        /// Flight id (read-only).
        flight_id: String,
        /// Submission status (read-only).
        status: SubmissionStatus,
        /// Status details (read-only).
        status_details: StatusDetails,
        /// Packages.
        flight_packages: Vec<FlightPackage>,
        /// Gradual rollout and mandatory update settings.
        package_delivery_options: PackageDeliveryOptions,
        /// SAS URL to upload the submission's ZIP to (read-only; redacted in `Debug`).
        file_upload_url: SasUrl,
        /// Publish mode.
        target_publish_mode: TargetPublishMode,
        /// Publish date (ISO 8601) when `targetPublishMode` is `SpecificDate`.
        target_publish_date: String,
        /// Notes for certification testers.
        notes_for_certification: String,
        /// Friendly name (read-only; not in the flight submission table, but the app and add-on
        /// submissions carry one and it is accepted here as there).
        friendly_name: String,
    }
}

impl FlightSubmission {
    /// Fields Partner Center assigns or derives from the packages; removed from update bodies.
    pub const READ_ONLY: &'static [&'static str] = &[
        "/id",
        "/flightId",
        "/status",
        "/statusDetails",
        "/fileUploadUrl",
        "/packageDeliveryOptions/packageRollout/packageRolloutStatus",
        "/packageDeliveryOptions/packageRollout/fallbackSubmissionId",
        "/flightPackages/*/version",
        "/flightPackages/*/architecture",
        "/flightPackages/*/languages",
        "/flightPackages/*/capabilities",
        "/flightPackages/*/targetDeviceFamilies",
    ];
}
