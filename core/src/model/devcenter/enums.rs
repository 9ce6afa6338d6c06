//! Every documented enum of the classic API (values from `manage-app-submissions.ENUMS-EXTRACT.md` and
//! the add-on / flight docs). Each has an `Other(String)` fallback for values the docs do not list.

crate::string_enum! {
    /// Visibility of an app or add-on.
    pub enum Visibility { Hidden = "Hidden", Public = "Public", Private = "Private", NotSet = "NotSet" }
}

crate::string_enum! {
    /// When a submission is published.
    pub enum TargetPublishMode { Immediate = "Immediate", Manual = "Manual", SpecificDate = "SpecificDate" }
}

crate::string_enum! {
    /// Hardware preference of an app (`hardwarePreferences`).
    pub enum HardwarePreference {
        Touch = "Touch",
        Keyboard = "Keyboard",
        Mouse = "Mouse",
        Camera = "Camera",
        NfcHce = "NfcHce",
        Nfc = "Nfc",
        BluetoothLE = "BluetoothLE",
        Telephony = "Telephony",
    }
}

crate::string_enum! {
    /// Status of an app, add-on or flight submission.
    pub enum SubmissionStatus {
        None = "None",
        Canceled = "Canceled",
        PendingCommit = "PendingCommit",
        CommitStarted = "CommitStarted",
        CommitFailed = "CommitFailed",
        PendingPublication = "PendingPublication",
        Publishing = "Publishing",
        Published = "Published",
        PublishFailed = "PublishFailed",
        PreProcessing = "PreProcessing",
        PreProcessingFailed = "PreProcessingFailed",
        Certification = "Certification",
        CertificationFailed = "CertificationFailed",
        Release = "Release",
        ReleaseFailed = "ReleaseFailed",
    }
}

impl SubmissionStatus {
    /// Parses a wire value (an unknown value becomes `Other`).
    pub fn parse(s: &str) -> SubmissionStatus {
        s.parse().unwrap_or_else(|never: std::convert::Infallible| match never {})
    }

    /// Whether the submission failed (commit, pre-processing, certification, release or publishing).
    pub fn is_failure(&self) -> bool {
        matches!(
            self,
            SubmissionStatus::CommitFailed
                | SubmissionStatus::PreProcessingFailed
                | SubmissionStatus::CertificationFailed
                | SubmissionStatus::ReleaseFailed
                | SubmissionStatus::PublishFailed
        )
    }

    /// Whether the submission ended without being published (a failure after its commit, or cancelled):
    /// nothing will change it any more.
    pub fn is_dead_end(&self) -> bool {
        (self.is_failure() && *self != SubmissionStatus::CommitFailed) || *self == SubmissionStatus::Canceled
    }

    /// Whether a commit is still being processed (`CommitStarted`): poll again.
    pub fn is_committing(&self) -> bool {
        matches!(self, SubmissionStatus::CommitStarted)
    }

    /// Whether the submission can still be changed (updated, committed again): `PendingCommit` or
    /// `CommitFailed`.
    pub fn is_editable(&self) -> bool {
        matches!(self, SubmissionStatus::PendingCommit | SubmissionStatus::CommitFailed)
    }

    /// Whether the Store is working on the submission (committed, not yet published or failed).
    pub fn is_in_flight(&self) -> bool {
        matches!(
            self,
            SubmissionStatus::CommitStarted
                | SubmissionStatus::PreProcessing
                | SubmissionStatus::Certification
                | SubmissionStatus::Release
                | SubmissionStatus::Publishing
                | SubmissionStatus::PendingPublication
        )
    }

    /// How far along the publishing pipeline the status is: 0 not committed or committing,
    /// 1 pre-processing, 2 certification, 3 release (publishing, or waiting for a manual publish),
    /// 4 published. Failures and unknown values rank 0.
    pub fn progress_rank(&self) -> u8 {
        match self {
            SubmissionStatus::PreProcessing => 1,
            SubmissionStatus::Certification => 2,
            SubmissionStatus::Release | SubmissionStatus::Publishing | SubmissionStatus::PendingPublication => 3,
            SubmissionStatus::Published => 4,
            _ => 0,
        }
    }
}

crate::string_enum! {
    /// Code of a submission error or warning (`statusDetails.errors[].code`).
    pub enum SubmissionStatusCode {
        None = "None",
        InvalidArchive = "InvalidArchive",
        MissingFiles = "MissingFiles",
        PackageValidationFailed = "PackageValidationFailed",
        InvalidParameterValue = "InvalidParameterValue",
        InvalidOperation = "InvalidOperation",
        InvalidState = "InvalidState",
        ResourceNotFound = "ResourceNotFound",
        ServiceError = "ServiceError",
        ListingOptOutWarning = "ListingOptOutWarning",
        ListingOptInWarning = "ListingOptInWarning",
        UpdateOnlyWarning = "UpdateOnlyWarning",
        /// The documented value `Other` (named `OtherCode` because `Other(String)` is the fallback).
        OtherCode = "Other",
        PackageValidationWarning = "PackageValidationWarning",
    }
}

crate::string_enum! {
    /// Trial period of an app.
    pub enum TrialPeriod {
        NoFreeTrial = "NoFreeTrial",
        OneDay = "OneDay",
        TrialNeverExpires = "TrialNeverExpires",
        SevenDays = "SevenDays",
        FifteenDays = "FifteenDays",
        ThirtyDays = "ThirtyDays",
    }
}

crate::string_enum! {
    /// Status of a package, image or icon file.
    pub enum FileStatus { None = "None", PendingUpload = "PendingUpload", Uploaded = "Uploaded", PendingDelete = "PendingDelete" }
}

crate::string_enum! {
    /// Type of a listing image. The last six values are still recognised by the Store but correspond to
    /// image types no longer used for listings.
    pub enum ImageType {
        Screenshot = "Screenshot",
        MobileScreenshot = "MobileScreenshot",
        XboxScreenshot = "XboxScreenshot",
        SurfaceHubScreenshot = "SurfaceHubScreenshot",
        HoloLensScreenshot = "HoloLensScreenshot",
        StoreLogo9x16 = "StoreLogo9x16",
        StoreLogoSquare = "StoreLogoSquare",
        Icon = "Icon",
        PromotionalArt16x9 = "PromotionalArt16x9",
        PromotionalArtwork2400X1200 = "PromotionalArtwork2400X1200",
        XboxBrandedKeyArt = "XboxBrandedKeyArt",
        XboxTitledHeroArt = "XboxTitledHeroArt",
        XboxFeaturedPromotionalArt = "XboxFeaturedPromotionalArt",
        SquareIcon358X358 = "SquareIcon358X358",
        BackgroundImage1000X800 = "BackgroundImage1000X800",
        PromotionalArtwork414X180 = "PromotionalArtwork414X180",
        PromotionalArtwork846X468 = "PromotionalArtwork846X468",
        PromotionalArtwork558X756 = "PromotionalArtwork558X756",
        PromotionalArtwork414X468 = "PromotionalArtwork414X468",
        PromotionalArtwork558X558 = "PromotionalArtwork558X558",
        WideIcon358X173 = "WideIcon358X173",
        Unknown = "Unknown",
    }
}

impl ImageType {
    /// Values recognised by the Store but no longer used for listings.
    pub const LEGACY: &'static [&'static str] = &[
        "PromotionalArtwork846X468",
        "PromotionalArtwork558X756",
        "PromotionalArtwork414X468",
        "PromotionalArtwork558X558",
        "WideIcon358X173",
        "Unknown",
    ];
}

crate::string_enum! {
    /// Genre of a game (`gamingOptions[].genres`).
    pub enum GameGenre {
        ActionAndAdventure = "Games_ActionAndAdventure",
        CardAndBoard = "Games_CardAndBoard",
        Casino = "Games_Casino",
        Educational = "Games_Educational",
        FamilyAndKids = "Games_FamilyAndKids",
        Fighting = "Games_Fighting",
        Music = "Games_Music",
        Platformer = "Games_Platformer",
        PuzzleAndTrivia = "Games_PuzzleAndTrivia",
        RacingAndFlying = "Games_RacingAndFlying",
        RolePlaying = "Games_RolePlaying",
        Shooter = "Games_Shooter",
        Simulation = "Games_Simulation",
        Sports = "Games_Sports",
        Strategy = "Games_Strategy",
        Word = "Games_Word",
    }
}

crate::string_enum! {
    /// Whether a game can collect Kinect data and send it to external services.
    pub enum KinectDataForExternal { NotSet = "NotSet", Unknown = "Unknown", Enabled = "Enabled", Disabled = "Disabled" }
}

crate::string_enum! {
    /// Minimum DirectX version of a package (Windows 8.x only; ignored otherwise but required on update).
    pub enum MinimumDirectXVersion { None = "None", DirectX93 = "DirectX93", DirectX100 = "DirectX100" }
}

crate::string_enum! {
    /// Minimum RAM of a package (Windows 8.x only; ignored otherwise but required on update).
    pub enum MinimumSystemRam { None = "None", Memory2GB = "Memory2GB" }
}

crate::string_enum! {
    /// State of a gradual package rollout.
    pub enum PackageRolloutStatus {
        PackageRolloutNotStarted = "PackageRolloutNotStarted",
        PackageRolloutInProgress = "PackageRolloutInProgress",
        PackageRolloutComplete = "PackageRolloutComplete",
        PackageRolloutStopped = "PackageRolloutStopped",
    }
}

crate::string_enum! {
    /// Organizational licensing behaviour of an app.
    pub enum EnterpriseLicensing { None = "None", Online = "Online", OnlineAndOffline = "OnlineAndOffline" }
}

crate::string_enum! {
    /// Keys of a listing's `platformOverrides`.
    pub enum ListingPlatform {
        Unknown = "Unknown",
        Windows80 = "Windows80",
        Windows81 = "Windows81",
        WindowsPhone71 = "WindowsPhone71",
        WindowsPhone80 = "WindowsPhone80",
        WindowsPhone81 = "WindowsPhone81",
    }
}

crate::string_enum! {
    /// Keys of `allowTargetFutureDeviceFamilies` (from the documented example).
    pub enum DeviceFamily { Desktop = "Desktop", Mobile = "Mobile", Holographic = "Holographic", Xbox = "Xbox", Team = "Team" }
}

crate::string_enum! {
    /// Product type of an add-on.
    pub enum ProductType { Durable = "Durable", Consumable = "Consumable" }
}

crate::string_enum! {
    /// Type of content an add-on provides.
    pub enum AddonContentType {
        NotSet = "NotSet",
        BookDownload = "BookDownload",
        EMagazine = "EMagazine",
        ENewspaper = "ENewspaper",
        MusicDownload = "MusicDownload",
        MusicStream = "MusicStream",
        OnlineDataStorage = "OnlineDataStorage",
        VideoDownload = "VideoDownload",
        VideoStream = "VideoStream",
        Asp = "Asp",
        OnlineDownload = "OnlineDownload",
    }
}

crate::string_enum! {
    /// Lifetime of an add-on.
    pub enum AddonLifetime {
        Forever = "Forever",
        OneDay = "OneDay",
        ThreeDays = "ThreeDays",
        FiveDays = "FiveDays",
        OneWeek = "OneWeek",
        TwoWeeks = "TwoWeeks",
        OneMonth = "OneMonth",
        TwoMonths = "TwoMonths",
        ThreeMonths = "ThreeMonths",
        SixMonths = "SixMonths",
        OneYear = "OneYear",
    }
}

/// Device family prefixes of `targetDeviceFamilies` entries (`"<family> min version <version>"`).
pub const TARGET_DEVICE_FAMILIES: &[&str] =
    &["Windows.Universal", "Windows.Desktop", "Windows.Mobile", "Windows.Xbox", "Windows.Holographic"];
