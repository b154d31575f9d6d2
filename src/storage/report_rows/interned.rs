//! Interning the millions of texts a campaign's answers repeat: each row's question id and
//! value are read without a heap allocation when short and looked up with a cheap hash,
//! since a report reads them all once and keeps only a few dozen distinct ones.

use diesel::deserialize::{self, FromSql, FromSqlRow};
use diesel::pg::{Pg, PgValue};
use diesel::sql_types::Text;
use diesel::sqlite::{Sqlite, SqliteValue};
use rustc_hash::FxHashMap;

use crate::storage::StorageError;

/// Room for question ids and level answers (`{"choice":"3"}`) without allocating.
const INLINE: usize = 30;

/// A text column read for interning: inline when short, on the heap otherwise.
#[derive(Debug, FromSqlRow)]
pub(super) enum ShortText {
    Inline { bytes: [u8; INLINE], len: u8 },
    Heap(String),
}

impl ShortText {
    fn new(text: &str) -> Self {
        match u8::try_from(text.len()) {
            Ok(len) if text.len() <= INLINE => {
                let mut bytes = [0; INLINE];
                bytes[..text.len()].copy_from_slice(text.as_bytes());
                ShortText::Inline { bytes, len }
            }
            _ => ShortText::Heap(text.to_owned()),
        }
    }

    pub(super) fn as_str(&self) -> &str {
        match self {
            // Copied whole from a `str` and cut at its length, so still UTF-8.
            ShortText::Inline { bytes, len } => {
                std::str::from_utf8(&bytes[..usize::from(*len)]).unwrap_or_default()
            }
            ShortText::Heap(text) => text,
        }
    }
}

impl FromSql<Text, Sqlite> for ShortText {
    fn from_sql(mut value: SqliteValue<'_, '_, '_>) -> deserialize::Result<Self> {
        Ok(ShortText::new(value.read_text()))
    }
}

impl FromSql<Text, Pg> for ShortText {
    fn from_sql(value: PgValue<'_>) -> deserialize::Result<Self> {
        Ok(ShortText::new(std::str::from_utf8(value.as_bytes())?))
    }
}

/// Hands out a small index per distinct text, kept as bytes: the plain scan reads a
/// row's text without checking it is UTF-8, which each distinct text then is once, at
/// the end ([`Interner::into_texts`]).
#[derive(Default)]
pub(super) struct Interner {
    // FxHash: a few instructions per word of a short key, where the default hasher costs
    // more than the rest of the row. The keys are the campaign's own stored texts.
    index: FxHashMap<Box<[u8]>, u32>,
    texts: Vec<Box<[u8]>>,
}

impl Interner {
    pub(super) fn intern(&mut self, text: &[u8]) -> u32 {
        if let Some(&i) = self.index.get(text) {
            return i;
        }
        // More than 4 billion distinct texts cannot come from one campaign's answers.
        let i = u32::try_from(self.texts.len()).unwrap_or(u32::MAX);
        self.texts.push(text.into());
        self.index.insert(text.into(), i);
        i
    }

    /// The distinct texts in order of their index, as bytes.
    pub(super) fn texts(&self) -> &[Box<[u8]>] {
        &self.texts
    }

    /// The distinct texts in order of their index; a text that is not UTF-8 is named by
    /// `what` in the error.
    pub(super) fn into_texts(self, what: &str) -> Result<Vec<String>, StorageError> {
        self.texts
            .into_iter()
            .map(|bytes| {
                String::from_utf8(bytes.into_vec()).map_err(|e| {
                    StorageError::Corrupt(format!("an answer's {what} is not UTF-8: {e}"))
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interning_gives_each_distinct_text_one_index_in_order_of_arrival() {
        let mut interner = Interner::default();
        let got: Vec<u32> = ["b", "a", "b", "c", "a"]
            .into_iter()
            .map(|t| interner.intern(t.as_bytes()))
            .collect();
        assert_eq!(got, vec![0, 1, 0, 2, 1]);
        assert_eq!(
            interner.into_texts("text").expect("UTF-8"),
            vec!["b", "a", "c"]
        );
    }

    #[test]
    fn a_text_that_is_not_utf8_is_refused_when_the_texts_are_taken() {
        let mut interner = Interner::default();
        interner.intern(b"ok");
        interner.intern(&[0xff, 0xfe]);
        assert!(matches!(
            interner.into_texts("value"),
            Err(StorageError::Corrupt(_))
        ));
    }

    #[test]
    fn short_and_long_texts_read_back_as_they_were() {
        let long = "é".repeat(INLINE);
        for text in ["", "O-1", "{\"choice\":\"3\"}", "ünïcödé", long.as_str()] {
            assert_eq!(ShortText::new(text).as_str(), text);
        }
        assert!(matches!(ShortText::new(&long), ShortText::Heap(_)));
        assert!(matches!(ShortText::new("O-1"), ShortText::Inline { .. }));
    }
}
