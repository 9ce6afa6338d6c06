//! The listing languages the win32 API accepts (listing `language`, `listingsToAdd`, `listingsToRemove`,
//! package `languages`), also used to recognise devcenter listing keys.
//!
//! Source: seed 003, "Update Current Draft Submission Metadata API", table **Languages** (102 rows),
//! verbatim except: two names whose last letter the markdown lost (`Filipin` → Filipino, `Igb` → Igbo),
//! stray spaces trimmed (`ja `, `fr-be `) and the repeated codes of Chinese (Traditional) listed once.
//! Codes are matched case-insensitively (the table itself mixes `zh-Hans` and `zh-hans-cn`).

use serde::Serialize;

/// One language and every code the Store accepts for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Language {
    /// English name (`"English"`).
    pub name: &'static str,
    /// Accepted codes as the table spells them (`"en"`, `"en-us"`, …).
    pub codes: &'static [&'static str],
}

/// Every language, in the documentation's order.
pub const LANGUAGES: &[Language] = &[
    Language { name: "Afrikaans", codes: &["af", "af-za"] },
    Language { name: "Albanian", codes: &["sq", "sq-al"] },
    Language { name: "Amharic", codes: &["am", "am-et"] },
    Language { name: "Armenian", codes: &["hy", "hy-am"] },
    Language { name: "Assamese", codes: &["as", "as-in"] },
    Language {
        name: "Azerbaijani",
        codes: &["az-arab", "az-arab-az", "az-cyrl", "az-cyrl-az", "az-latn", "az-latn-az"],
    },
    Language { name: "Basque (Basque)", codes: &["eu", "eu-es"] },
    Language { name: "Belarusian", codes: &["be", "be-by"] },
    Language { name: "Bangla", codes: &["bn", "bn-bd", "bn-in"] },
    Language { name: "Bosnian", codes: &["bs", "bs-cyrl", "bs-cyrl-ba", "bs-latn", "bs-latn-ba"] },
    Language { name: "Bulgarian", codes: &["bg", "bg-bg"] },
    Language { name: "Catalan", codes: &["ca", "ca-es", "ca-es-valencia"] },
    Language { name: "Cherokee", codes: &["chr-cher", "chr-cher-us", "chr-latn"] },
    Language { name: "Chinese (Simplified)", codes: &["zh-Hans", "zh-cn", "zh-hans-cn", "zh-sg", "zh-hans-sg"] },
    Language {
        name: "Chinese (Traditional)",
        codes: &["zh-Hant", "zh-hk", "zh-mo", "zh-tw", "zh-hant-hk", "zh-hant-mo", "zh-hant-tw"],
    },
    Language { name: "Croatian", codes: &["hr", "hr-hr", "hr-ba"] },
    Language { name: "Czech", codes: &["cs", "cs-cz"] },
    Language { name: "Danish", codes: &["da", "da-dk"] },
    Language { name: "Dari", codes: &["prs", "prs-af", "prs-arab"] },
    Language { name: "Dutch", codes: &["nl", "nl-nl", "nl-be"] },
    Language {
        name: "English",
        codes: &[
            "en", "en-au", "en-ca", "en-gb", "en-ie", "en-in", "en-nz", "en-sg", "en-us", "en-za", "en-bz", "en-hk",
            "en-id", "en-jm", "en-kz", "en-mt", "en-my", "en-ph", "en-pk", "en-tt", "en-vn", "en-zw",
        ],
    },
    Language { name: "Estonian", codes: &["et", "et-ee"] },
    Language { name: "Filipino", codes: &["fil", "fil-latn", "fil-ph"] },
    Language { name: "Finnish", codes: &["fi", "fi-fi"] },
    Language {
        name: "French",
        codes: &[
            "fr", "fr-be", "fr-ca", "fr-ch", "fr-fr", "fr-lu", "fr-cd", "fr-ci", "fr-cm", "fr-ht", "fr-ma", "fr-mc",
            "fr-ml", "fr-re", "frc-latn", "frp-latn",
        ],
    },
    Language { name: "Galician", codes: &["gl", "gl-es"] },
    Language { name: "Georgian", codes: &["ka", "ka-ge"] },
    Language { name: "German", codes: &["de", "de-at", "de-ch", "de-de", "de-lu", "de-li"] },
    Language { name: "Greek", codes: &["el", "el-gr"] },
    Language { name: "Gujarati", codes: &["gu", "gu-in"] },
    Language { name: "Hausa", codes: &["ha", "ha-latn", "ha-latn-ng"] },
    Language { name: "Hebrew", codes: &["he", "he-il"] },
    Language { name: "Hindi", codes: &["hi", "hi-in"] },
    Language { name: "Hungarian", codes: &["hu", "hu-hu"] },
    Language { name: "Icelandic", codes: &["is", "is-is"] },
    Language { name: "Igbo", codes: &["ig-latn", "ig-ng"] },
    Language { name: "Indonesian", codes: &["id", "id-id"] },
    Language { name: "Inuktitut (Latin)", codes: &["iu-cans", "iu-latn", "iu-latn-ca"] },
    Language { name: "Irish", codes: &["ga", "ga-ie"] },
    Language { name: "isiXhosa", codes: &["xh", "xh-za"] },
    Language { name: "isiZulu", codes: &["zu", "zu-za"] },
    Language { name: "Italian", codes: &["it", "it-it", "it-ch"] },
    Language { name: "Japanese", codes: &["ja", "ja-jp"] },
    Language { name: "Kannada", codes: &["kn", "kn-in"] },
    Language { name: "Kazakh", codes: &["kk", "kk-kz"] },
    Language { name: "Khmer", codes: &["km", "km-kh"] },
    Language { name: "K'iche'", codes: &["quc-latn", "qut-gt", "qut-latn"] },
    Language { name: "Kinyarwanda", codes: &["rw", "rw-rw"] },
    Language { name: "KiSwahili", codes: &["sw", "sw-ke"] },
    Language { name: "Konkani", codes: &["kok", "kok-in"] },
    Language { name: "Korean", codes: &["ko", "ko-kr"] },
    Language { name: "Kurdish", codes: &["ku-arab", "ku-arab-iq"] },
    Language { name: "Kyrgyz", codes: &["ky-kg", "ky-cyrl"] },
    Language { name: "Lao", codes: &["lo", "lo-la"] },
    Language { name: "Latvian", codes: &["lv", "lv-lv"] },
    Language { name: "Lithuanian", codes: &["lt", "lt-lt"] },
    Language { name: "Luxembourgish", codes: &["lb", "lb-lu"] },
    Language { name: "Macedonian", codes: &["mk", "mk-mk"] },
    Language { name: "Malay", codes: &["ms", "ms-bn", "ms-my"] },
    Language { name: "Malayalam", codes: &["ml", "ml-in"] },
    Language { name: "Maltese", codes: &["mt", "mt-mt"] },
    Language { name: "Maori", codes: &["mi", "mi-latn", "mi-nz"] },
    Language { name: "Marathi", codes: &["mr", "mr-in"] },
    Language { name: "Mongolian (Cyrillic)", codes: &["mn-cyrl", "mn-mong", "mn-mn", "mn-phag"] },
    Language { name: "Nepali", codes: &["ne", "ne-np"] },
    Language { name: "Norwegian", codes: &["nb", "nb-no", "nn", "nn-no", "no", "no-no"] },
    Language { name: "Odia", codes: &["or", "or-in"] },
    Language { name: "Persian", codes: &["fa", "fa-ir"] },
    Language { name: "Polish", codes: &["pl", "pl-pl"] },
    Language { name: "Portuguese (Brazil)", codes: &["pt-br"] },
    Language { name: "Portuguese (Portugal)", codes: &["pt", "pt-pt"] },
    Language { name: "Punjabi", codes: &["pa", "pa-arab", "pa-arab-pk", "pa-deva", "pa-in"] },
    Language { name: "Quechua", codes: &["quz", "quz-bo", "quz-ec", "quz-pe"] },
    Language { name: "Romanian", codes: &["ro", "ro-ro"] },
    Language { name: "Russian", codes: &["ru", "ru-ru"] },
    Language { name: "Scottish Gaelic", codes: &["gd-gb", "gd-latn"] },
    Language {
        name: "Serbian (Latin)",
        codes: &["sr-Latn", "sr-latn-cs", "sr", "sr-latn-ba", "sr-latn-me", "sr-latn-rs"],
    },
    Language {
        name: "Serbian (Cyrillic)",
        codes: &["sr-cyrl", "sr-cyrl-ba", "sr-cyrl-cs", "sr-cyrl-me", "sr-cyrl-rs"],
    },
    Language { name: "Sesotho sa Leboa", codes: &["nso", "nso-za"] },
    Language { name: "Setswana", codes: &["tn", "tn-bw", "tn-za"] },
    Language { name: "Sindhi", codes: &["sd-arab", "sd-arab-pk", "sd-deva"] },
    Language { name: "Sinhala", codes: &["si", "si-lk"] },
    Language { name: "Slovak", codes: &["sk", "sk-sk"] },
    Language { name: "Slovenian", codes: &["sl", "sl-si"] },
    Language {
        name: "Spanish",
        codes: &[
            "es", "es-cl", "es-co", "es-es", "es-mx", "es-ar", "es-bo", "es-cr", "es-do", "es-ec", "es-gt", "es-hn",
            "es-ni", "es-pa", "es-pe", "es-pr", "es-py", "es-sv", "es-us", "es-uy", "es-ve",
        ],
    },
    Language { name: "Swedish", codes: &["sv", "sv-se", "sv-fi"] },
    Language { name: "Tajik (Cyrillic)", codes: &["tg-arab", "tg-cyrl", "tg-cyrl-tj", "tg-latn"] },
    Language { name: "Tamil", codes: &["ta", "ta-in"] },
    Language { name: "Tatar", codes: &["tt-arab", "tt-cyrl", "tt-latn", "tt-ru"] },
    Language { name: "Telugu", codes: &["te", "te-in"] },
    Language { name: "Thai", codes: &["th", "th-th"] },
    Language { name: "Tigrinya", codes: &["ti", "ti-et"] },
    Language { name: "Turkish", codes: &["tr", "tr-tr"] },
    Language { name: "Turkmen", codes: &["tk-cyrl", "tk-latn", "tk-tm", "tk-latn-tr", "tk-cyrl-tr"] },
    Language { name: "Ukrainian", codes: &["uk", "uk-ua"] },
    Language { name: "Urdu", codes: &["ur", "ur-pk"] },
    Language { name: "Uyghur", codes: &["ug-arab", "ug-cn", "ug-cyrl", "ug-latn"] },
    Language { name: "Uzbek (Latin)", codes: &["uz", "uz-cyrl", "uz-latn", "uz-latn-uz"] },
    Language { name: "Vietnamese", codes: &["vi", "vi-vn"] },
    Language { name: "Welsh", codes: &["cy", "cy-gb"] },
    Language { name: "Wolof", codes: &["wo", "wo-sn"] },
    Language { name: "Yoruba", codes: &["yo-latn", "yo-ng"] },
];

/// The language a code belongs to (case-insensitive: `"EN-US"` and `"en-us"` both find English).
pub fn language_of(code: &str) -> Option<&'static Language> {
    LANGUAGES.iter().find(|l| l.codes.iter().any(|c| c.eq_ignore_ascii_case(code)))
}

/// Whether `code` is a documented language code (case-insensitive).
pub fn is_language(code: &str) -> bool {
    language_of(code).is_some()
}

/// Every accepted code, flattened, in table order.
pub fn language_codes() -> impl Iterator<Item = &'static str> {
    LANGUAGES.iter().flat_map(|l| l.codes.iter().copied())
}

#[cfg(test)]
mod tests {
    #[test]
    fn lookups() {
        assert_eq!(super::LANGUAGES.len(), 102);
        assert_eq!(super::language_codes().count(), 320);
        assert_eq!(super::language_of("EN-us").unwrap().name, "English");
        assert!(super::is_language("zh-hans") && super::is_language("ja") && !super::is_language("xx-yy"));
    }
}
