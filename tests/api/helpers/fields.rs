//! What a page's form offers, read from its HTML: the CSRF field, and a value for every
//! question as a respondent who picks the first option would send it. The module uses
//! nothing of the test binary, so a benchmark can take it in with `#[path]`.

/// The value of the hidden `csrf_token` field in a page, if it has one.
pub fn csrf_token(html: &str) -> Option<String> {
    let field = html.find("name=\"csrf_token\"")?;
    let tag_start = html[..field].rfind('<')?;
    let tag = &html[tag_start..tag_start + html[tag_start..].find('>')?];
    let value = tag.split("value=\"").nth(1)?;
    Some(value[..value.find('"')?].to_owned())
}

/// The first offered value of every `q.…` field of a page, as a respondent picking the
/// first option (a field offering no value gets "1").
pub fn first_values(html: &str) -> Vec<(String, String)> {
    let mut picked: Vec<(String, String)> = Vec::new();
    for part in html.split("name=\"q.").skip(1) {
        let name = format!(
            "q.{}",
            part.chars().take_while(|c| *c != '"').collect::<String>()
        );
        if picked.iter().any(|(n, _)| *n == name) {
            continue;
        }
        let value = part
            .split_once("value=\"")
            .map(|(_, rest)| rest.chars().take_while(|c| *c != '"').collect::<String>())
            .filter(|v| !v.is_empty())
            .unwrap_or_else(|| "1".to_owned());
        picked.push((name, value));
    }
    picked
}
