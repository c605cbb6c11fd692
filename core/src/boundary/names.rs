//! camelCase <-> snake_case, for JS callers (`maxBody` is `max_body`).

/// `maxBody` -> `max_body`; a name already in snake_case is unchanged.
pub fn camel_to_snake(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    for c in name.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// `max_body` -> `maxBody`; a name without underscores is unchanged.
pub fn snake_to_camel(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut upper = false;
    for c in name.chars() {
        if c == '_' && !out.is_empty() {
            upper = true;
        } else if upper {
            out.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// A path (`quotas[0].max_body`) or a serde message (``unknown field `max_bdy`, expected `max_body` ``) with its
/// names in camelCase: in a path every key, in a message the names between backticks.
pub(crate) fn backticked_to_camel(text: &str) -> String {
    if !text.contains('`') {
        return text.split('.').map(snake_to_camel_keeping_index).collect::<Vec<_>>().join(".");
    }
    text.split('`')
        .enumerate()
        .map(|(i, part)| if i % 2 == 1 { snake_to_camel(part) } else { part.to_owned() })
        .collect::<Vec<_>>()
        .join("`")
}

fn snake_to_camel_keeping_index(key: &str) -> String {
    match key.find('[') {
        Some(at) => format!("{}{}", snake_to_camel(&key[..at]), &key[at..]),
        None => snake_to_camel(key),
    }
}
