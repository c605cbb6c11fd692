//! Request headers as every binding receives them, read once: a mapping (Python dict, JS plain object, `Map`,
//! WHATWG `Headers`) or a list of `[name, value]` pairs.

use super::{ArgError, Site, Value};

/// The most header lines read from one argument (a list value counts once per item): 1,000.
pub const MAX_HEADERS: usize = 1_000;
/// The most bytes of header names and values read from one argument: 1 MiB.
pub const MAX_HEADER_BYTES: usize = 1 << 20;

/// The `(name, value)` pairs of `headers`, in the caller's order; names as given (matching is the reader's job,
/// case-insensitively). A mapping's value may be a string or a list of strings (Node's `IncomingHttpHeaders`
/// gives `set-cookie` as a list): each string is one pair. `null` / absent is no headers.
///
/// ```
/// use fleetgate::boundary::{header_pairs, Site, Value};
/// let site = Site::argument("webhook", "headers");
/// let given = Value::List(vec![Value::List(vec![Value::Str("A".into()), Value::Str("1".into())])]);
/// assert_eq!(header_pairs(given, &site).unwrap(), vec![("A".to_owned(), "1".to_owned())]);
/// assert_eq!(header_pairs(Value::Int(3), &site).unwrap_err().code, "invalid_argument");
/// ```
pub fn header_pairs(headers: Value, site: &Site) -> Result<Vec<(String, String)>, ArgError> {
    let shape = "headers must be a mapping (dict, object, Map, Headers) or a list of [name, value] string pairs";
    let mut out = Vec::new();
    let mut bytes = 0usize;
    let mut push = |name: String, value: String, at: String| -> Result<(), ArgError> {
        bytes = bytes.saturating_add(name.len() + value.len());
        if out.len() >= MAX_HEADERS {
            return Err(site.error(at, format!("more than {MAX_HEADERS} header lines")));
        }
        if bytes > MAX_HEADER_BYTES {
            return Err(site.error(at, format!("more than {MAX_HEADER_BYTES} bytes of headers")));
        }
        out.push((name, value));
        Ok(())
    };
    match headers {
        Value::Null => {}
        Value::Map(entries) => {
            for (name, value) in entries {
                match value {
                    Value::Str(v) => push(name.clone(), v, name)?,
                    Value::List(items) => {
                        for (i, item) in items.into_iter().enumerate() {
                            match item {
                                Value::Str(v) => push(name.clone(), v, format!("{name}[{i}]"))?,
                                other => {
                                    return Err(site.error(
                                        format!("{name}[{i}]"),
                                        format!("a header value must be a string, not {}", other.kind()),
                                    ))
                                }
                            }
                        }
                    }
                    other => {
                        return Err(site.error(name, format!("a header value must be a string, not {}", other.kind())))
                    }
                }
            }
        }
        Value::List(pairs) => {
            for (i, pair) in pairs.into_iter().enumerate() {
                match pair {
                    Value::List(mut two) if two.len() == 2 => match (two.remove(0), two.remove(0)) {
                        (Value::Str(name), Value::Str(value)) => push(name, value, format!("[{i}]"))?,
                        _ => return Err(site.error(format!("[{i}]"), "a header pair must be two strings")),
                    },
                    _ => return Err(site.error(format!("[{i}]"), "each item must be a [name, value] pair")),
                }
            }
        }
        other => return Err(site.error("", format!("{shape}, not {}", other.kind()))),
    }
    Ok(out)
}
