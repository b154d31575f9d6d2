//! Filling `{name}` placeholders of an interface text.

/// `text` with each `{name}` of `values` replaced by its value. A placeholder not among
/// `values` stays as written, and a value is never read for placeholders again, so a
/// campaign called "{deadline}" is printed as it is.
pub fn fill(text: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(text.len() + 32);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            values
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v, close))
        });
        match value {
            Some((value, close)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The names of the `{name}` placeholders in `text` (lower-case words), sorted, each once.
pub(super) fn placeholders(text: &str) -> Vec<&str> {
    let mut names: Vec<&str> = text
        .split('{')
        .skip(1)
        .filter_map(|part| {
            let name = &part[..part.find('}')?];
            let plain =
                !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c == '_');
            plain.then_some(name)
        })
        .collect();
    names.sort_unstable();
    names.dedup();
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_filled_once_and_unknown_ones_stay() {
        assert_eq!(
            fill("{a} and {b}, {c} {", &[("a", "{b}"), ("b", "two")]),
            "{b} and two, {c} {"
        );
        assert_eq!(placeholders("{n} of {max}, {n} {Not} {}"), ["max", "n"]);
    }
}
