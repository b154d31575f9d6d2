//! Where the translatable texts of a TOML file are, and the stable key that names each one.
//!
//! The walk is generic over the TOML tree, so a new key or a new question kind needs no
//! change here: any table whose keys are all language codes and which has the source
//! language is a text. Its key is the path to it, with each element of an array named by
//! what identifies it in the file (its `id`, an option's `value` …) rather than by its
//! position, so that adding, removing or moving other elements leaves the key alone.

use std::collections::HashMap;

use toml_edit::{DocumentMut, Item, TableLike, Value};

use super::text::TextMut;

/// The keys that name an array element, tried in order. An element with none of them is
/// named by `target@from` (a recommendation), then by its `duty`, then by its position. An
/// option of a `single` question has both a `value` and a `level`: the value names it.
const IDENTITIES: [&str; 3] = ["id", "value", "level"];

/// Whether `code` looks like a language code: two or three lower-case letters, optionally
/// followed by a region or script (`pt-br`). Broader than what a questionnaire may declare,
/// so that a table in a not-yet-declared language is still recognised as a text.
pub fn is_language_code(code: &str) -> bool {
    let (language, region) = match code.split_once('-') {
        Some((language, region)) => (language, Some(region)),
        None => (code, None),
    };
    let letters = |s: &str, len: std::ops::RangeInclusive<usize>, digits: bool| {
        len.contains(&s.len())
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || (digits && b.is_ascii_digit()))
    };
    letters(language, 2..=3, false) && region.is_none_or(|r| letters(r, 2..=8, true))
}

/// Calls `visit` with the path and the table of every text in `doc`, in file order.
pub fn visit_texts(doc: &mut DocumentMut, source: &str, visit: &mut dyn FnMut(&str, TextMut<'_>)) {
    let mut walk = Walk {
        source,
        path: Vec::new(),
        visit,
    };
    walk.table(doc.as_table_mut());
}

struct Walk<'v, 's> {
    source: &'s str,
    path: Vec<String>,
    visit: &'v mut dyn FnMut(&str, TextMut<'_>),
}

impl Walk<'_, '_> {
    fn table(&mut self, table: &mut dyn TableLike) {
        for (key, item) in table.iter_mut() {
            self.path.push(key.get().to_owned());
            self.item(item);
            self.path.pop();
        }
    }

    fn item(&mut self, item: &mut Item) {
        match item {
            Item::Table(table) if is_text(table, self.source) => self.text(TextMut::Table(table)),
            Item::Table(table) => self.table(table),
            Item::ArrayOfTables(array) => {
                let names = names(array.iter().map(|t| identity(t)));
                for (table, name) in array.iter_mut().zip(names) {
                    self.path.push(name);
                    self.table(table);
                    self.path.pop();
                }
            }
            Item::Value(value) => self.value(value),
            Item::None => {}
        }
    }

    fn value(&mut self, value: &mut Value) {
        match value {
            Value::InlineTable(table) if is_text(table, self.source) => {
                self.text(TextMut::Inline(table));
            }
            Value::InlineTable(table) => self.table(table),
            Value::Array(array) => {
                let names = names(
                    array
                        .iter()
                        .map(|v| v.as_inline_table().and_then(|t| identity(t))),
                );
                for (element, name) in array.iter_mut().zip(names) {
                    self.path.push(name);
                    self.value(element);
                    self.path.pop();
                }
            }
            _ => {}
        }
    }

    fn text(&mut self, text: TextMut<'_>) {
        (self.visit)(&self.path.join("."), text);
    }
}

/// Every key a language code, every value a string, one of them the source language.
fn is_text(table: &dyn TableLike, source: &str) -> bool {
    table.contains_key(source)
        && table
            .iter()
            .all(|(key, item)| is_language_code(key) && item.as_str().is_some())
}

/// What names an array element in a key: its `id`, `value`, `level`, `target`@`from`
/// (recommendations) or `duty`.
fn identity(table: &dyn TableLike) -> Option<String> {
    let field = |name: &str| table.get(name).and_then(Item::as_value).and_then(scalar);
    IDENTITIES
        .iter()
        .find_map(|name| field(name))
        .or_else(|| Some(format!("{}@{}", field("target")?, field("from")?)))
        .or_else(|| field("duty"))
}

fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.value().clone()),
        Value::Integer(i) => Some(i.value().to_string()),
        // `1.0` and `1` name the same level.
        Value::Float(f) => Some(f.value().to_string()),
        Value::Boolean(b) => Some(b.value().to_string()),
        _ => None,
    }
}

/// The path segment of each element: its identity, or its position when it has none. The
/// second element with the same identity (two recommendations for the same band) becomes
/// `identity#2`, so every key stays unique and the first one keeps its plain name.
fn names(identities: impl Iterator<Item = Option<String>>) -> Vec<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    identities
        .enumerate()
        .map(|(index, identity)| {
            let name = identity.unwrap_or_else(|| index.to_string());
            let count = seen.entry(name.clone()).or_insert(0);
            *count += 1;
            match *count {
                1 => name,
                n => format!("{name}#{n}"),
            }
        })
        .collect()
}
