//! A line-by-line check of a PO file before `polib` reads it.
//!
//! `polib` reads well-formed files faithfully, but it cuts a line's string by position
//! (so a missing closing quote silently loses a character, and some lines panic), gives
//! no line numbers, and merges two entries with the same key and text. This check refuses
//! a malformed line with its number and records the line of every `msgctxt`, so that
//! messages can point at the entry and a key given twice is caught.

/// A problem: the line (from 1) and what is wrong with it.
pub type LineError = (usize, String);

/// Checks every line; returns each `msgctxt` (unescaped) with its line, in file order.
pub fn check(text: &str) -> Result<Vec<(String, usize)>, LineError> {
    let mut contexts = Vec::new();
    // The msgctxt being read, continued by string lines.
    let mut context: Option<(String, usize)> = None;
    // polib panics on a bare `#` or a string line before any field has begun.
    let mut started = false;
    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        let fail = |reason: &str| Err((number, reason.to_owned()));
        if line.is_empty() || line.starts_with('#') {
            if ["# ", "#. ", "#: ", "#, "]
                .iter()
                .any(|p| line.starts_with(p))
            {
                started = true;
            } else if line == "#" && !started {
                return fail("a bare # before the first entry");
            }
            contexts.extend(context.take());
        } else if line.starts_with('"') {
            let inner = quoted(line).map_err(|reason| (number, reason))?;
            if !started {
                return fail("a string line that continues nothing");
            }
            if let Some((key, _)) = &mut context {
                key.push_str(inner);
            }
        } else if line.starts_with("msg") {
            let Some((keyword, rest)) = line.split_once(' ') else {
                return fail("expected a keyword, one space and a string in double quotes");
            };
            let inner = quoted(rest).map_err(|reason| (number, reason))?;
            contexts.extend(context.take());
            match keyword {
                "msgctxt" => context = Some((inner.to_owned(), number)),
                "msgid" | "msgstr" => {}
                "msgid_plural" => return fail("plural forms are not used in questionnaires"),
                k if k.starts_with("msgstr[") => {
                    return fail("plural forms are not used in questionnaires");
                }
                _ => return fail("unknown keyword (expected msgctxt, msgid or msgstr)"),
            }
            started = true;
        } else {
            return fail("not a PO line: expected a comment, msgctxt, msgid, msgstr or a string");
        }
    }
    contexts.extend(context.take());
    Ok(contexts
        .into_iter()
        .map(|(raw, line)| (unescape(&raw), line))
        .collect())
}

/// Keys given more than once, each with all its lines, in the order first seen.
pub fn duplicates(contexts: &[(String, usize)]) -> Vec<(String, Vec<usize>)> {
    let mut out: Vec<(String, Vec<usize>)> = Vec::new();
    for (key, line) in contexts {
        match out.iter_mut().find(|(k, _)| k == key) {
            Some((_, lines)) => lines.push(*line),
            None => out.push((key.clone(), vec![*line])),
        }
    }
    out.retain(|(_, lines)| lines.len() > 1);
    out
}

/// The inside of a string in double quotes, if its escapes are ones polib reads.
fn quoted(s: &str) -> Result<&str, String> {
    let inner = s
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .ok_or("expected a string in double quotes, with nothing after the closing quote")?;
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('\\' | '"' | 'n' | 'r' | 't') => {}
                Some(other) => {
                    return Err(format!(
                        "unknown escape \\{other} (expected \\n, \\t, \\r, \\\" or \\\\)"
                    ));
                }
                None => return Err("the string ends in a lone backslash".to_owned()),
            },
            '"' => return Err("a double quote inside a string must be written \\\"".to_owned()),
            _ => {}
        }
    }
    Ok(inner)
}

/// The text of a string that `quoted` accepted.
fn unescape(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('t') => out.push('\t'),
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}
