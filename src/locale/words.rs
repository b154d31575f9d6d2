//! The macro that declares a table of interface texts.

/// Declares a struct with one `&'static str` per text, read from the word files under
/// the key `<prefix>.<field>`, and `of(language)`, which gives the table in a language
/// (English for one the interface does not speak). Each table is built once per language.
macro_rules! words {
    (
        $(#[$meta:meta])*
        pub struct $name:ident in $prefix:literal {
            $($(#[$field_meta:meta])* $field:ident,)+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug)]
        pub struct $name {
            /// The language of these texts.
            pub code: &'static str,
            $($(#[$field_meta])* pub $field: &'static str,)+
        }

        impl $name {
            /// The key of every text of the table.
            pub const KEYS: &'static [&'static str] =
                &[$(concat!($prefix, ".", stringify!($field)),)+];

            /// The texts in `language`; English when the interface does not speak it.
            pub fn of(language: &str) -> &'static $name {
                static ALL: std::sync::LazyLock<Vec<$name>> = std::sync::LazyLock::new(|| {
                    $crate::locale::spoken()
                        .map(|code| $name {
                            code,
                            $($field: $crate::locale::text(
                                code,
                                concat!($prefix, ".", stringify!($field)),
                            ),)+
                        })
                        .collect()
                });
                ALL.iter().find(|w| w.code == language).unwrap_or(&ALL[0])
            }
        }
    };
}

pub(crate) use words;
