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

    /// Whether a commit is still being processed (`CommitStarted`): poll again.
    pub fn is_committing(&self) -> bool {
        matches!(self, SubmissionStatus::CommitStarted)
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
