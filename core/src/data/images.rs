//! What the Store takes as a listing image of each type: the format (PNG), and the pixel sizes by image
//! type and device family. Validation checks an image's bytes against this table where the files are at
//! hand (`validate --files DIR`, a publish's pre-flight, a binding given a folder).
//!
//! Sources (MicrosoftDocs/windows-dev-docs, `hub/apps/publish/publish-your-app/`):
//! - [PC images] `msix/screenshots-and-images.md` ("App screenshots, images, and trailers for MSIX
//!   app"): screenshots ("must be a .png file in either landscape or portrait orientation"; Desktop
//!   "1366 x 768 pixels or larger. Supports 4K images (3840 x 2160)"; Xbox "1920 x 1080 pixels or larger",
//!   "3480 x 2160 pixels or smaller" (a typo for 3840: "Supports 4K images (3840 x 2160)"); Holographic
//!   "1268 x 720 pixels or larger. Supports 4K images"), Store logos ("2:3 Poster art (720 x 1080 or 1440 x
//!   2160 pixels)", "1:1 box art (1080 x 1080 or 2160 x 2160 pixels)", "1:1 App tile icon (300 x 300
//!   pixels)"), "16:9 Super hero art (1920 x 1080 or 3840 x 2160 pixels)", Xbox images ("Branded key art,
//!   584 x 800", "Titled hero art, 1920 x 1080", "Featured Promotional Square art, 1080 x 1080"),
//!   "Holographic image: The 2:1 (2400 x 1200)", trailer thumbnails ("a .png file that is 1920 x 1080").
//! - [PC images, all] `screenshots-and-images.md` (the page with every packaging pivot): Mobile screenshots
//!   "must be one of the following: 1080 x 1920, 1920 x 1080, 768 x 1280, 1280 x 768, 720 x 1280, 1280 x
//!   720, 800 x 480, or 480 x 800 pixels".
//! - [API] `manage-app-submissions` image resource: `Icon` is "the 1:1 300 x 300 pixels logo"; the
//!   optional promotional images' types name their size (`SquareIcon358X358`, `BackgroundImage1000X800`,
//!   `PromotionalArtwork414X180`).
//! - [PC add-on] `add-on/create-app-store-listing.md`: "This icon must be a .png file that measures
//!   exactly 300 x 300 pixels".

/// The pixel sizes an image type takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sizes {
    /// Exactly one of these `(width, height)` sizes.
    Exact(&'static [(u32, u32)]),
    /// Any size whose long side and short side are within these bounds, in either orientation:
    /// `min = (long, short)`, `max = (long, short)`.
    Range {
        /// Smallest long side and short side.
        min: (u32, u32),
        /// Largest long side and short side.
        max: (u32, u32),
    },
}

impl Sizes {
    /// Whether `width` × `height` is one of these sizes.
    pub fn allows(self, width: u32, height: u32) -> bool {
        match self {
            Sizes::Exact(list) => list.contains(&(width, height)),
            Sizes::Range { min, max } => {
                let (long, short) = (width.max(height), width.min(height));
                long >= min.0 && short >= min.1 && long <= max.0 && short <= max.1
            }
        }
    }

    /// The sizes for a message: `1920 x 1080 or 3840 x 2160`, `from 1366 x 768 to 3840 x 2160 (either
    /// orientation)`.
    pub fn describe(self) -> String {
        match self {
            Sizes::Exact(list) => {
                let all: Vec<String> = list.iter().map(|(w, h)| format!("{w} x {h}")).collect();
                match all.split_last() {
                    Some((last, [])) => format!("exactly {last}"),
                    Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
                    None => String::new(),
                }
            }
            Sizes::Range { min, max } => {
                format!("from {} x {} to {} x {} (either orientation)", min.0, min.1, max.0, max.1)
            }
        }
    }
}

/// One image type: what it is called in Partner Center and the sizes it takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ImageRule {
    /// The `imageType` value (`"trailerThumbnail"` and `"addonIcon"` for the two images without one).
    pub image_type: &'static str,
    /// Partner Center's name of the image, for messages.
    pub what: &'static str,
    /// The sizes; `None` when no size is documented (the format and file size are still checked).
    pub sizes: Option<Sizes>,
}

const MOBILE: &[(u32, u32)] =
    &[(1080, 1920), (1920, 1080), (768, 1280), (1280, 768), (720, 1280), (1280, 720), (800, 480), (480, 800)];

/// Every image type validation checks from bytes. All are PNG files of at most
/// [`crate::data::limits::IMAGE_MAX_BYTES`].
pub const IMAGE_RULES: &[ImageRule] = &[
    ImageRule {
        image_type: "Screenshot",
        what: "desktop screenshot",
        sizes: Some(Sizes::Range { min: (1366, 768), max: (3840, 2160) }),
    },
    ImageRule { image_type: "MobileScreenshot", what: "mobile screenshot", sizes: Some(Sizes::Exact(MOBILE)) },
    ImageRule {
        image_type: "XboxScreenshot",
        what: "Xbox screenshot",
        sizes: Some(Sizes::Range { min: (1920, 1080), max: (3840, 2160) }),
    },
    // Surface Hub shows the desktop screenshots; its own screenshots have no documented size.
    ImageRule { image_type: "SurfaceHubScreenshot", what: "Surface Hub screenshot", sizes: None },
    ImageRule {
        image_type: "HoloLensScreenshot",
        what: "holographic screenshot",
        sizes: Some(Sizes::Range { min: (1268, 720), max: (3840, 2160) }),
    },
    ImageRule {
        image_type: "StoreLogo9x16",
        what: "2:3 poster art",
        sizes: Some(Sizes::Exact(&[(720, 1080), (1440, 2160)])),
    },
    ImageRule {
        image_type: "StoreLogoSquare",
        what: "1:1 box art",
        sizes: Some(Sizes::Exact(&[(1080, 1080), (2160, 2160)])),
    },
    ImageRule { image_type: "Icon", what: "1:1 app tile icon", sizes: Some(Sizes::Exact(&[(300, 300)])) },
    ImageRule {
        image_type: "PromotionalArt16x9",
        what: "16:9 super hero art",
        sizes: Some(Sizes::Exact(&[(1920, 1080), (3840, 2160)])),
    },
    ImageRule {
        image_type: "PromotionalArtwork2400X1200",
        what: "2:1 holographic image",
        sizes: Some(Sizes::Exact(&[(2400, 1200)])),
    },
    ImageRule {
        image_type: "XboxBrandedKeyArt",
        what: "Xbox branded key art",
        sizes: Some(Sizes::Exact(&[(584, 800)])),
    },
    ImageRule {
        image_type: "XboxTitledHeroArt",
        what: "Xbox titled hero art",
        sizes: Some(Sizes::Exact(&[(1920, 1080)])),
    },
    ImageRule {
        image_type: "XboxFeaturedPromotionalArt",
        what: "Xbox featured promotional square art",
        sizes: Some(Sizes::Exact(&[(1080, 1080)])),
    },
    ImageRule { image_type: "SquareIcon358X358", what: "358 x 358 icon", sizes: Some(Sizes::Exact(&[(358, 358)])) },
    ImageRule {
        image_type: "BackgroundImage1000X800",
        what: "1000 x 800 background image",
        sizes: Some(Sizes::Exact(&[(1000, 800)])),
    },
    ImageRule {
        image_type: "PromotionalArtwork414X180",
        what: "414 x 180 promotional artwork",
        sizes: Some(Sizes::Exact(&[(414, 180)])),
    },
    ImageRule { image_type: "trailerThumbnail", what: "trailer thumbnail", sizes: Some(Sizes::Exact(&[(1920, 1080)])) },
    ImageRule { image_type: "addonIcon", what: "add-on icon", sizes: Some(Sizes::Exact(&[(300, 300)])) },
];

/// The rule of an image type (`None` for the legacy types no longer used in listings).
pub fn image_rule(image_type: &str) -> Option<&'static ImageRule> {
    IMAGE_RULES.iter().find(|r| r.image_type == image_type)
}

/// The screenshot image types and how many of each a listing takes ([PC images] "up to 10 desktop
/// screenshots and up to 8 screenshots for the other device families").
pub fn screenshots_max(image_type: &str) -> Option<usize> {
    use crate::data::limits::{DESKTOP_SCREENSHOTS_MAX, OTHER_SCREENSHOTS_MAX};
    match image_type {
        "Screenshot" => Some(DESKTOP_SCREENSHOTS_MAX),
        "MobileScreenshot" | "XboxScreenshot" | "SurfaceHubScreenshot" | "HoloLensScreenshot" => {
            Some(OTHER_SCREENSHOTS_MAX)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_allow_and_describe() {
        let desktop = image_rule("Screenshot").unwrap().sizes.unwrap();
        assert!(desktop.allows(1366, 768) && desktop.allows(768, 1366) && desktop.allows(3840, 2160));
        assert!(!desktop.allows(800, 600) && !desktop.allows(3841, 2160) && !desktop.allows(1366, 767));
        assert_eq!(desktop.describe(), "from 1366 x 768 to 3840 x 2160 (either orientation)");
        let hero = image_rule("PromotionalArt16x9").unwrap().sizes.unwrap();
        assert!(hero.allows(1920, 1080) && !hero.allows(1080, 1920));
        assert_eq!(hero.describe(), "1920 x 1080 or 3840 x 2160");
        assert_eq!(image_rule("addonIcon").unwrap().sizes.unwrap().describe(), "exactly 300 x 300");
        for t in crate::data::enums::IMAGE_TYPES {
            assert!(image_rule(t).is_some(), "{t} has a rule");
        }
        assert_eq!(screenshots_max("Screenshot"), Some(10));
        assert_eq!(screenshots_max("XboxScreenshot"), Some(8));
        assert_eq!(screenshots_max("Icon"), None);
    }
}
