//! Domain words kept as text: the macro each domain module uses to declare its
//! enumerated words (`Role`, `Tlp`, `ResponseState`, …), and the error for a word
//! that is not one of them.
//!
//! A word is declared where it means something; storage only maps it to a text
//! column (see `storage::enums`). The diesel derives here merely mark the type as
//! a text value so queries can bind it.

/// A word that is not one of an enum's values.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{value:?} is not a valid {what}")]
pub struct UnknownValue {
    /// What was being read, e.g. "TLP label".
    pub what: &'static str,
    /// The word found.
    pub value: String,
}

/// Declares a `Copy` enum of words with `ALL`, `as_str`, `FromStr` and `Display`.
/// Its stored form is `as_str`, which the migrations' `CHECK` constraints allow.
macro_rules! word_enum {
    ($(#[$meta:meta])* $name:ident, $what:literal, { $($(#[$vmeta:meta])* $variant:ident => $text:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, diesel::expression::AsExpression, diesel::deserialize::FromSqlRow)]
        #[diesel(sql_type = diesel::sql_types::Text)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The word as it is written and stored.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)+
                }
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::words::UnknownValue;

            fn from_str(s: &str) -> Result<Self, $crate::words::UnknownValue> {
                match s {
                    $($text => Ok($name::$variant),)+
                    _ => Err($crate::words::UnknownValue { what: $what, value: s.to_owned() }),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
pub(crate) use word_enum;
