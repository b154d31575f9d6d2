//! Reading a respondent form's url-encoded body strictly: a field whose name or value
//! is not UTF-8 (such as `%FF`) is reported by name, never silently turned into U+FFFD,
//! so the page can say which answer to enter again.

use percent_encoding::percent_decode;

/// The fields of a form body, in the order sent, and the names of those that are not text.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct FormBody {
    /// Decoded name/value pairs.
    pub fields: Vec<(String, String)>,
    /// Names (made readable with U+FFFD where needed) of fields that are not UTF-8.
    pub unreadable: Vec<String>,
}

/// Reads `application/x-www-form-urlencoded` bytes: `&`-separated `name=value` pairs,
/// `+` for a space and `%XX` escapes, as browsers send them.
pub fn read_form(body: &[u8]) -> FormBody {
    let mut form = FormBody::default();
    for pair in body.split(|b| *b == b'&').filter(|p| !p.is_empty()) {
        let (name, value) = match pair.iter().position(|b| *b == b'=') {
            Some(at) => (&pair[..at], &pair[at + 1..]),
            None => (pair, &[][..]),
        };
        match (decode(name), decode(value)) {
            (Ok(name), Ok(value)) => form.fields.push((name, value)),
            (Ok(name) | Err(name), _) => form.unreadable.push(name),
        }
    }
    form
}

/// The text of one encoded name or value, or its lossy reading when it is not UTF-8.
fn decode(encoded: &[u8]) -> Result<String, String> {
    let spaced: Vec<u8> = encoded
        .iter()
        .map(|b| if *b == b'+' { b' ' } else { *b })
        .collect();
    let bytes: Vec<u8> = percent_decode(&spaced).collect();
    String::from_utf8(bytes).map_err(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(fields: &[(&str, &str)]) -> Vec<(String, String)> {
        fields
            .iter()
            .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn fields_decode_as_browsers_encode_them() {
        let form = read_form(b"q.a=K%C3%B6ln+Mitte&q.b=1%2B1&empty=&bare&&q.a=x");
        assert_eq!(
            form.fields,
            pairs(&[
                ("q.a", "Köln Mitte"),
                ("q.b", "1+1"),
                ("empty", ""),
                ("bare", ""),
                ("q.a", "x")
            ])
        );
        assert!(form.unreadable.is_empty());
    }

    #[test]
    fn a_value_or_name_that_is_not_utf8_is_named_not_replaced() {
        let form = read_form(b"q.a=%FF&q.b=ok&q.c=caf\xe9&%FE%FF=1");
        assert_eq!(form.fields, pairs(&[("q.b", "ok")]));
        assert_eq!(
            form.unreadable,
            [
                "q.a".to_owned(),
                "q.c".to_owned(),
                "\u{FFFD}\u{FFFD}".to_owned()
            ]
        );
    }
}
