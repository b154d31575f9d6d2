//! Interning the millions of texts a campaign's answers repeat: each row's question id and
//! value are read without a heap allocation when short and looked up with a cheap hash,
//! since a report reads them all once and keeps only a few dozen distinct ones.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use diesel::deserialize::{self, FromSql, FromSqlRow};
use diesel::pg::{Pg, PgValue};
use diesel::sql_types::Text;
use diesel::sqlite::{Sqlite, SqliteValue};

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

/// FNV-1a: a few instructions per byte of a short key, where the default hasher costs
/// more than the rest of the row. The keys are the campaign's own stored texts.
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.0 = (self.0 ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Hands out a small index per distinct text.
#[derive(Default)]
pub(super) struct Interner {
    index: HashMap<String, u32, BuildHasherDefault<Fnv>>,
    pub(super) texts: Vec<String>,
}

impl Interner {
    pub(super) fn intern(&mut self, text: &str) -> u32 {
        if let Some(&i) = self.index.get(text) {
            return i;
        }
        // More than 4 billion distinct texts cannot come from one campaign's answers.
        let i = u32::try_from(self.texts.len()).unwrap_or(u32::MAX);
        self.texts.push(text.to_owned());
        self.index.insert(text.to_owned(), i);
        i
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
            .map(|t| interner.intern(t))
            .collect();
        assert_eq!(got, vec![0, 1, 0, 2, 1]);
        assert_eq!(interner.texts, vec!["b", "a", "c"]);
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
