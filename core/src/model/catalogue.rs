//! The catalogue of every model of every family, as the manifest names them: which models and string enums
//! each family has, the language-neutral type of each field, and the names that keep models unique across
//! families. The manifest publishes it; case canonicalisation ([`super::case`]) and the validator walk it.

use serde_json::{json, Value};

use super::{devcenter as dc, ingestion as ing, win32, Family, ModelSchema};

/// The model families, in manifest order.
pub const MODEL_FAMILIES: [Family; 3] = [Family::Devcenter, Family::Win32, Family::Ingestion];

/// Every devcenter model, in declaration order.
const DEVCENTER_MODELS: &[ModelSchema] = &[
    dc::ResourceRef::SCHEMA,
    dc::StatusDetails::SCHEMA,
    dc::StatusDetail::SCHEMA,
    dc::CertificationReport::SCHEMA,
    dc::SubmissionStatusResource::SCHEMA,
    dc::Pricing::SCHEMA,
    dc::Sale::SCHEMA,
    dc::PackageDeliveryOptions::SCHEMA,
    dc::PackageRollout::SCHEMA,
    dc::Application::SCHEMA,
    dc::AppAddonRef::SCHEMA,
    dc::AppSubmission::SCHEMA,
    dc::Listing::SCHEMA,
    dc::BaseListing::SCHEMA,
    dc::Image::SCHEMA,
    dc::GamingOptions::SCHEMA,
    dc::ApplicationPackage::SCHEMA,
    dc::Trailer::SCHEMA,
    dc::TrailerAssets::SCHEMA,
    dc::TrailerImage::SCHEMA,
    dc::Addon::SCHEMA,
    dc::AddonCreate::SCHEMA,
    dc::AddonSubmission::SCHEMA,
    dc::AddonListing::SCHEMA,
    dc::AddonIcon::SCHEMA,
    dc::Flight::SCHEMA,
    dc::FlightCreate::SCHEMA,
    dc::FlightSubmission::SCHEMA,
];

/// Every win32 model, in declaration order.
const WIN32_MODELS: &[ModelSchema] = &[
    win32::ResponseMessage::SCHEMA,
    win32::PollingData::SCHEMA,
    win32::Availability::SCHEMA,
    win32::ProductDeclarations::SCHEMA,
    win32::SystemFeature::SCHEMA,
    win32::SystemRequirement::SCHEMA,
    win32::Properties::SCHEMA,
    win32::HardwareRequirement::SCHEMA,
    win32::Listing::SCHEMA,
    win32::ListingLanguage::SCHEMA,
    win32::DraftMetadata::SCHEMA,
    win32::MetadataUpdate::SCHEMA,
    win32::ErrorScenarioDetail::SCHEMA,
    win32::ErrorDetail::SCHEMA,
    win32::Package::SCHEMA,
    win32::PackageList::SCHEMA,
    win32::ImageSize::SCHEMA,
    win32::Asset::SCHEMA,
    win32::ListingAssets::SCHEMA,
    win32::ListingAssetsData::SCHEMA,
    win32::AssetCounts::SCHEMA,
    win32::CreateAssetsRequest::SCHEMA,
    win32::AssetUpload::SCHEMA,
    win32::CreatedAssets::SCHEMA,
    win32::CreateAssetsData::SCHEMA,
    win32::CommitAssetsRequest::SCHEMA,
    win32::ModuleStatus::SCHEMA,
    win32::SubmitData::SCHEMA,
    win32::SubmissionStatus::SCHEMA,
];

/// Every ingestion model, in declaration order.
const INGESTION_MODELS: &[ModelSchema] = &[
    ing::TypeValuePair::SCHEMA,
    ing::Product::SCHEMA,
    ing::ProductSetup::SCHEMA,
    ing::Branch::SCHEMA,
    ing::PublishOption::SCHEMA,
    ing::PendingUpdateInfo::SCHEMA,
    ing::VariantResource::SCHEMA,
    ing::Submission::SCHEMA,
    ing::SubmissionCreationRequest::SCHEMA,
    ing::ValidationItem::SCHEMA,
    ing::WorkflowStepDetail::SCHEMA,
    ing::WorkflowDetail::SCHEMA,
    ing::PublishTarget::SCHEMA,
    ing::Package::SCHEMA,
    ing::ListingUri::SCHEMA,
    ing::ListingContact::SCHEMA,
    ing::Listing::SCHEMA,
    ing::ListingImage::SCHEMA,
    ing::PackageConfiguration::SCHEMA,
    ing::AudienceMember::SCHEMA,
    ing::AzureGovernmentCertification::SCHEMA,
    ing::CertificationReport::SCHEMA,
    ing::CosellAsset::SCHEMA,
    ing::CosellContact::SCHEMA,
    ing::CosellListing::SCHEMA,
    ing::CosellSolutionArea::SCHEMA,
    ing::CustomAmendment::SCHEMA,
    ing::CustomMeter::SCHEMA,
    ing::FeatureAvailability::SCHEMA,
    ing::IncludedBaseQuantity::SCHEMA,
    ing::LeadConfiguration::SCHEMA,
    ing::ListingAsset::SCHEMA,
    ing::ListingVideo::SCHEMA,
    ing::ListingVideoThumbnail::SCHEMA,
    ing::LocalizedDateTime::SCHEMA,
    ing::LocalizedDateTimeRange::SCHEMA,
    ing::MarketState::SCHEMA,
    ing::Price::SCHEMA,
    ing::PriceSchedule::SCHEMA,
    ing::PriceScheduleInfo::SCHEMA,
    ing::PricingCadence::SCHEMA,
    ing::PricingUnit::SCHEMA,
    ing::ProductAvailability::SCHEMA,
    ing::Property::SCHEMA,
    ing::ResellerConfiguration::SCHEMA,
    ing::SupplementalContent::SCHEMA,
    ing::SupplementalContentAsset::SCHEMA,
    ing::Tenant::SCHEMA,
    ing::Trial::SCHEMA,
    ing::ValidationResult::SCHEMA,
    ing::Variant::SCHEMA,
];

/// `(type name, documented values)` of string enums.
pub type EnumTable = &'static [(&'static str, &'static [&'static str])];

macro_rules! enum_table {
    ($module:ident: $($name:ident),* $(,)?) => {
        &[$((stringify!($name), $module::$name::VALUES)),*]
    };
}

const DEVCENTER_ENUMS: EnumTable = enum_table!(dc:
    Visibility, TargetPublishMode, HardwarePreference, SubmissionStatus, SubmissionStatusCode, TrialPeriod,
    FileStatus, ImageType, GameGenre, KinectDataForExternal, MinimumDirectXVersion, MinimumSystemRam,
    PackageRolloutStatus, EnterpriseLicensing, ListingPlatform, DeviceFamily, ProductType, AddonContentType,
    AddonLifetime,
);

const WIN32_ENUMS: EnumTable = enum_table!(win32:
    MetadataModule, Pricing, FreeTrial, Discoverability, PackageType, Architecture, ErrorScenario,
    HardwareFeature, SystemRequirementItem, MemoryRequirement, DirectXRequirement, VideoMemoryRequirement,
    Category, Subcategory, PublishingStatus, UploadMethod,
);

const INGESTION_ENUMS: EnumTable = enum_table!(ing:
    ProductType, SellingOption, CallToAction, BranchType, BranchModule, SubmissionState, SubmissionSubstate,
    UploadState, PackageResourceType, ContactType, PackageConfigurationType, CertificationStatus,
    LeadConfigurationType, MarketStateValue, ResellerChannelState, VariantType,
);

/// Type aliases a model field may use, resolved to the model they name.
const ALIASES: &[(Family, &str, &str)] = &[(Family::Devcenter, "FlightPackage", "ApplicationPackage")];

/// The models of a family, in declaration order.
pub fn family_models(family: Family) -> &'static [ModelSchema] {
    match family {
        Family::Devcenter => DEVCENTER_MODELS,
        Family::Win32 => WIN32_MODELS,
        Family::Ingestion => INGESTION_MODELS,
        Family::Token => &[],
    }
}

/// The string enums of a family's models: `(type name, values)`.
pub fn family_enums(family: Family) -> EnumTable {
    match family {
        Family::Devcenter => DEVCENTER_ENUMS,
        Family::Win32 => WIN32_ENUMS,
        Family::Ingestion => INGESTION_ENUMS,
        Family::Token => &[],
    }
}

/// The manifest name of a family's model: devcenter names as they are, win32 and ingestion names with
/// their family as a prefix (`Win32Package`), so names are unique across families.
pub fn model_name(family: Family, rust_name: &str) -> String {
    match family {
        Family::Win32 => format!("Win32{rust_name}"),
        Family::Ingestion => format!("Ingestion{rust_name}"),
        _ => rust_name.to_string(),
    }
}

/// What a route table model column holds: the wrapper around the model and the model's Rust name.
/// `PagedList<Application>` → `("page", "Application")`, `Envelope<PollingData>` → `("envelope", …)`,
/// `Page<Product>` → `("odataPage", …)`, `Addon` → `(None, "Addon")`.
pub fn split_wrapper(column: &str) -> (Option<&'static str>, &str) {
    for (wrapper, name) in [("PagedList<", "page"), ("Page<", "odataPage"), ("Envelope<", "envelope")] {
        if let Some(inner) = column.strip_prefix(wrapper).and_then(|r| r.strip_suffix('>')) {
            return (Some(name), inner);
        }
    }
    (None, column)
}

/// The manifest name of a model named in the route table for an operation of `family`, when that
/// model exists.
pub fn resolve_model(family: Family, rust_name: &str) -> Option<String> {
    let rust_name = ALIASES.iter().find(|(f, a, _)| *f == family && *a == rust_name).map_or(rust_name, |a| a.2);
    family_models(family).iter().any(|m| m.name == rust_name).then(|| model_name(family, rust_name))
}

pub(crate) fn doc_lines(doc: &str) -> String {
    doc.lines().map(str::trim).collect::<Vec<_>>().join("\n").trim_end().to_string()
}

/// Splits `A, B<C, D>` at top-level commas.
fn split_top_level(s: &str) -> Vec<&str> {
    let (mut depth, mut start, mut out) = (0i32, 0usize, Vec::new());
    for (i, c) in s.char_indices() {
        match c {
            '<' => depth += 1,
            '>' => depth -= 1,
            ',' if depth == 0 => {
                out.push(s[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(s[start..].trim());
    out
}

/// The language-neutral type of a model field's Rust type (see the module documentation); a type it
/// cannot resolve is `{"rust": "<type>"}` (the manifest tests fail on it).
pub fn field_type(family: Family, rust: &str) -> Value {
    let rust = rust.trim();
    if let Some(open) = rust.find('<') {
        let outer = rust[..open].rsplit("::").next().unwrap_or("");
        let inner = rust[open + 1..].strip_suffix('>').unwrap_or("");
        let args = split_top_level(inner);
        return match (outer, args.as_slice()) {
            ("Vec", [t]) => json!({"array": field_type(family, t)}),
            ("Option" | "Box" | "Nullable" | "Field", [t]) => field_type(family, t),
            ("BTreeMap" | "HashMap" | "Map", [_, v]) => json!({"map": field_type(family, v)}),
            ("PagedList", [t]) => json!({"page": field_type(family, t)}),
            _ => json!({"rust": rust}),
        };
    }
    let name = rust.rsplit("::").next().unwrap_or(rust);
    match name {
        "String" | "SasUrl" | "HiddenText" => return json!("string"),
        "bool" => return json!("boolean"),
        "i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64" | "usize" | "isize" => return json!("integer"),
        "f32" | "f64" | "Number" => return json!("number"),
        "StringOrNumber" => return json!("stringOrNumber"),
        "Value" => return json!("any"),
        "Extra" => return json!({"map": "any"}),
        _ => {}
    }
    if let Some(model) = resolve_model(family, name) {
        return json!({ "model": model });
    }
    if family_enums(family).iter().any(|(n, _)| *n == name) {
        return json!({ "enum": format!("model.{}.{name}", family.as_str()) });
    }
    json!({ "rust": rust })
}
