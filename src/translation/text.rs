//! One text in several languages, read and changed in place without disturbing the layout
//! of the file around it.

use std::fmt::Write;

use toml_edit::{InlineTable, Item, Table, Value};

/// A text's table as the file writes it: inline (`text = { en = "…" }`) or a `[table]`.
pub enum TextMut<'a> {
    Inline(&'a mut InlineTable),
    Table(&'a mut Table),
}

/// What setting a language's text did to the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Unchanged,
    Added,
    Changed,
    Removed,
}

impl TextMut<'_> {
    /// The text in `language`, if the file has it.
    pub fn get(&self, language: &str) -> Option<&str> {
        match self {
            TextMut::Inline(table) => table.get(language).and_then(Value::as_str),
            TextMut::Table(table) => table.get(language).and_then(Item::as_str),
        }
    }

    /// Sets the text in `language`, or removes it for `None`. A text that does not change
    /// is not touched, so a file whose texts all stay the same stays the same byte for byte.
    pub fn set(&mut self, language: &str, text: Option<&str>) -> Change {
        let old = self.get(language).map(str::to_owned);
        match (old, text) {
            (None, None) => Change::Unchanged,
            (Some(old), Some(new)) if old == new => Change::Unchanged,
            (Some(_), Some(new)) => {
                self.replace(language, new);
                Change::Changed
            }
            (None, Some(new)) => {
                self.append(language, new);
                Change::Added
            }
            (Some(_), None) => {
                self.remove(language);
                Change::Removed
            }
        }
    }

    /// Replaces the string and keeps the spacing around it.
    fn replace(&mut self, language: &str, text: &str) {
        let slot = match self {
            TextMut::Inline(table) => table.get_mut(language),
            TextMut::Table(table) => table.get_mut(language).and_then(Item::as_value_mut),
        };
        if let Some(value) = slot {
            let decor = value.decor().clone();
            *value = basic_string(text);
            *value.decor_mut() = decor;
        }
    }

    /// Adds the language after the others. In an inline table the new entry copies the
    /// spacing of the one before it and takes over the space before the closing brace.
    fn append(&mut self, language: &str, text: &str) {
        let table = match self {
            TextMut::Table(table) => {
                table.insert(language, Item::Value(basic_string(text)));
                return;
            }
            TextMut::Inline(table) => table,
        };
        let mut value = basic_string(text);
        let mut key_decor = None;
        if let Some((mut last_key, last)) = table.iter_mut().last() {
            key_decor = Some(last_key.leaf_decor_mut().clone());
            let decor = last.decor_mut();
            if let Some(prefix) = decor.prefix() {
                value.decor_mut().set_prefix(prefix.clone());
            }
            if let Some(suffix) = decor.suffix() {
                value.decor_mut().set_suffix(suffix.clone());
            }
            decor.set_suffix("");
        }
        table.insert(language, value);
        if let (Some(decor), Some(mut key)) = (key_decor, table.key_mut(language)) {
            *key.leaf_decor_mut() = decor;
        }
    }

    /// Removes the language; the space before an inline table's closing brace stays.
    fn remove(&mut self, language: &str) {
        let table = match self {
            TextMut::Table(table) => {
                table.remove(language);
                return;
            }
            TextMut::Inline(table) => table,
        };
        let was_last = table.iter().last().is_some_and(|(key, _)| key == language);
        let Some(removed) = table.remove(language) else {
            return;
        };
        if let (true, Some((_, last))) = (was_last, table.iter_mut().last())
            && let Some(suffix) = removed.decor().suffix()
        {
            last.decor_mut().set_suffix(suffix.clone());
        }
    }
}

/// A single-line basic string, as the questionnaire files write their texts: `"…"` with
/// escapes, never a multi-line or a literal string, so an inline table stays on one line.
pub fn basic_string(text: &str) -> Value {
    let mut quoted = String::with_capacity(text.len() + 2);
    quoted.push('"');
    for c in text.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            '\n' => quoted.push_str("\\n"),
            '\r' => quoted.push_str("\\r"),
            '\t' => quoted.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(quoted, "\\u{:04X}", u32::from(c));
            }
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    // Cannot fail for what is built above; should it, the library's own encoding is as correct.
    quoted.parse().unwrap_or_else(|_| Value::from(text))
}
