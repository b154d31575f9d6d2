//! The ISO 639-1 two-letter language codes, as data (184), with their English
//! names for hints in error messages.
//!
//! Generated from the Debian `iso-codes` package (`iso_639-2.json`, the entries
//! that have a two-letter code); regenerate rather than edit by hand.

/// Every two-letter code with its English name, sorted by code so a lookup can
/// use binary search.
pub(super) const LANGUAGES: &[(&str, &str)] = &[
    ("aa", "Afar"),
    ("ab", "Abkhazian"),
    ("ae", "Avestan"),
    ("af", "Afrikaans"),
    ("ak", "Akan"),
    ("am", "Amharic"),
    ("an", "Aragonese"),
    ("ar", "Arabic"),
    ("as", "Assamese"),
    ("av", "Avaric"),
    ("ay", "Aymara"),
    ("az", "Azerbaijani"),
    ("ba", "Bashkir"),
    ("be", "Belarusian"),
    ("bg", "Bulgarian"),
    ("bh", "Bihari languages"),
    ("bi", "Bislama"),
    ("bm", "Bambara"),
    ("bn", "Bengali"),
    ("bo", "Tibetan"),
    ("br", "Breton"),
    ("bs", "Bosnian"),
    ("ca", "Catalan; Valencian"),
    ("ce", "Chechen"),
    ("ch", "Chamorro"),
    ("co", "Corsican"),
    ("cr", "Cree"),
    ("cs", "Czech"),
    (
        "cu",
        "Church Slavic; Old Slavonic; Church Slavonic; Old Bulgarian; Old Church Slavonic",
    ),
    ("cv", "Chuvash"),
    ("cy", "Welsh"),
    ("da", "Danish"),
    ("de", "German"),
    ("dv", "Divehi; Dhivehi; Maldivian"),
    ("dz", "Dzongkha"),
    ("ee", "Ewe"),
    ("el", "Greek, Modern (1453-)"),
    ("en", "English"),
    ("eo", "Esperanto"),
    ("es", "Spanish; Castilian"),
    ("et", "Estonian"),
    ("eu", "Basque"),
    ("fa", "Persian"),
    ("ff", "Fulah"),
    ("fi", "Finnish"),
    ("fj", "Fijian"),
    ("fo", "Faroese"),
    ("fr", "French"),
    ("fy", "Western Frisian"),
    ("ga", "Irish"),
    ("gd", "Gaelic; Scottish Gaelic"),
    ("gl", "Galician"),
    ("gn", "Guarani"),
    ("gu", "Gujarati"),
    ("gv", "Manx"),
    ("ha", "Hausa"),
    ("he", "Hebrew"),
    ("hi", "Hindi"),
    ("ho", "Hiri Motu"),
    ("hr", "Croatian"),
    ("ht", "Haitian; Haitian Creole"),
    ("hu", "Hungarian"),
    ("hy", "Armenian"),
    ("hz", "Herero"),
    (
        "ia",
        "Interlingua (International Auxiliary Language Association)",
    ),
    ("id", "Indonesian"),
    ("ie", "Interlingue; Occidental"),
    ("ig", "Igbo"),
    ("ii", "Sichuan Yi; Nuosu"),
    ("ik", "Inupiaq"),
    ("io", "Ido"),
    ("is", "Icelandic"),
    ("it", "Italian"),
    ("iu", "Inuktitut"),
    ("ja", "Japanese"),
    ("jv", "Javanese"),
    ("ka", "Georgian"),
    ("kg", "Kongo"),
    ("ki", "Kikuyu; Gikuyu"),
    ("kj", "Kuanyama; Kwanyama"),
    ("kk", "Kazakh"),
    ("kl", "Kalaallisut; Greenlandic"),
    ("km", "Central Khmer"),
    ("kn", "Kannada"),
    ("ko", "Korean"),
    ("kr", "Kanuri"),
    ("ks", "Kashmiri"),
    ("ku", "Kurdish"),
    ("kv", "Komi"),
    ("kw", "Cornish"),
    ("ky", "Kirghiz; Kyrgyz"),
    ("la", "Latin"),
    ("lb", "Luxembourgish; Letzeburgesch"),
    ("lg", "Ganda"),
    ("li", "Limburgan; Limburger; Limburgish"),
    ("ln", "Lingala"),
    ("lo", "Lao"),
    ("lt", "Lithuanian"),
    ("lu", "Luba-Katanga"),
    ("lv", "Latvian"),
    ("mg", "Malagasy"),
    ("mh", "Marshallese"),
    ("mi", "Maori"),
    ("mk", "Macedonian"),
    ("ml", "Malayalam"),
    ("mn", "Mongolian"),
    ("mr", "Marathi"),
    ("ms", "Malay"),
    ("mt", "Maltese"),
    ("my", "Burmese"),
    ("na", "Nauru"),
    ("nb", "Bokmål, Norwegian; Norwegian Bokmål"),
    ("nd", "Ndebele, North; North Ndebele"),
    ("ne", "Nepali"),
    ("ng", "Ndonga"),
    ("nl", "Dutch; Flemish"),
    ("nn", "Norwegian Nynorsk; Nynorsk, Norwegian"),
    ("no", "Norwegian"),
    ("nr", "Ndebele, South; South Ndebele"),
    ("nv", "Navajo; Navaho"),
    ("ny", "Chichewa; Chewa; Nyanja"),
    ("oc", "Occitan (post 1500); Provençal"),
    ("oj", "Ojibwa"),
    ("om", "Oromo"),
    ("or", "Oriya"),
    ("os", "Ossetian; Ossetic"),
    ("pa", "Panjabi; Punjabi"),
    ("pi", "Pali"),
    ("pl", "Polish"),
    ("ps", "Pushto; Pashto"),
    ("pt", "Portuguese"),
    ("qu", "Quechua"),
    ("rm", "Romansh"),
    ("rn", "Rundi"),
    ("ro", "Romanian; Moldavian; Moldovan"),
    ("ru", "Russian"),
    ("rw", "Kinyarwanda"),
    ("sa", "Sanskrit"),
    ("sc", "Sardinian"),
    ("sd", "Sindhi"),
    ("se", "Northern Sami"),
    ("sg", "Sango"),
    ("si", "Sinhala; Sinhalese"),
    ("sk", "Slovak"),
    ("sl", "Slovenian"),
    ("sm", "Samoan"),
    ("sn", "Shona"),
    ("so", "Somali"),
    ("sq", "Albanian"),
    ("sr", "Serbian"),
    ("ss", "Swati"),
    ("st", "Sotho, Southern"),
    ("su", "Sundanese"),
    ("sv", "Swedish"),
    ("sw", "Swahili"),
    ("ta", "Tamil"),
    ("te", "Telugu"),
    ("tg", "Tajik"),
    ("th", "Thai"),
    ("ti", "Tigrinya"),
    ("tk", "Turkmen"),
    ("tl", "Tagalog"),
    ("tn", "Tswana"),
    ("to", "Tonga (Tonga Islands)"),
    ("tr", "Turkish"),
    ("ts", "Tsonga"),
    ("tt", "Tatar"),
    ("tw", "Twi"),
    ("ty", "Tahitian"),
    ("ug", "Uighur; Uyghur"),
    ("uk", "Ukrainian"),
    ("ur", "Urdu"),
    ("uz", "Uzbek"),
    ("ve", "Venda"),
    ("vi", "Vietnamese"),
    ("vo", "Volapük"),
    ("wa", "Walloon"),
    ("wo", "Wolof"),
    ("xh", "Xhosa"),
    ("yi", "Yiddish"),
    ("yo", "Yoruba"),
    ("za", "Zhuang; Chuang"),
    ("zh", "Chinese"),
    ("zu", "Zulu"),
];

/// The code for `input` (any case, surrounding spaces ignored), lower-cased, if
/// it is an ISO 639-1 code.
pub(super) fn language_code(input: &str) -> Option<&'static str> {
    let wanted = input.trim().to_ascii_lowercase();
    LANGUAGES
        .binary_search_by(|(code, _)| (*code).cmp(wanted.as_str()))
        .ok()
        .map(|i| LANGUAGES[i].0)
}

/// The code of the language whose English name is `input` (e.g. "German"), for
/// a "did you mean" hint. Names like "Spanish; Castilian" match either part.
pub(super) fn code_for_name(input: &str) -> Option<&'static str> {
    let wanted = input.trim();
    LANGUAGES
        .iter()
        .find(|(_, names)| {
            names
                .split(';')
                .any(|n| n.trim().eq_ignore_ascii_case(wanted))
        })
        .map(|(code, _)| *code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_complete_and_sorted_for_binary_search() {
        assert_eq!(LANGUAGES.len(), 184);
        assert!(LANGUAGES.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn codes_are_found_in_any_case() {
        assert_eq!(language_code("DE"), Some("de"));
        assert_eq!(language_code("en"), Some("en"));
        assert_eq!(language_code("xx"), None);
        assert_eq!(language_code("deu"), None);
    }

    #[test]
    fn a_language_name_points_to_its_code() {
        assert_eq!(code_for_name("german"), Some("de"));
        assert_eq!(code_for_name("Castilian"), Some("es"));
    }
}
