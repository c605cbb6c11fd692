//! Reading the fields of a webhook body, every problem collected as a [`Problem`] with its `loc`.

use serde_json::{Map, Value};

use super::Problem;

pub(super) fn missing(loc: &str) -> Problem {
    Problem { loc: loc.to_owned(), code: "missing", message: format!("{loc} is required") }
}

pub(super) fn wrong_type(loc: &str, expected: &str) -> Problem {
    Problem { loc: loc.to_owned(), code: "wrong_type", message: format!("{loc} must be {expected}") }
}

/// An integer field left in `fields` (many2one ids stay in the body).
pub(super) fn int_field(fields: &Map<String, Value>, name: &str, problems: &mut Vec<Problem>) -> Option<i64> {
    match fields.get(name) {
        None => problems.push(missing(name)),
        Some(value) => match value.as_i64() {
            Some(id) => return Some(id),
            None => problems.push(wrong_type(name, "an integer")),
        },
    }
    None
}

pub(super) fn take_int(fields: &mut Map<String, Value>, name: &str, problems: &mut Vec<Problem>) -> Option<i64> {
    let id = int_field(fields, name, problems);
    if id.is_some() {
        fields.remove(name);
    }
    id
}

pub(super) fn check_string(fields: &Map<String, Value>, name: &str, problems: &mut Vec<Problem>) {
    match fields.get(name) {
        None => problems.push(missing(name)),
        Some(Value::String(_)) => {}
        Some(_) => problems.push(wrong_type(name, "a string")),
    }
}

pub(super) fn take_string(fields: &mut Map<String, Value>, name: &str, problems: &mut Vec<Problem>) -> Option<String> {
    check_string(fields, name, problems);
    match fields.get(name) {
        Some(Value::String(_)) => fields.remove(name).and_then(|v| v.as_str().map(str::to_owned)),
        _ => None,
    }
}

/// A many2one field (Odoo's `read(load=None)` sends the raw id, `read()` the `[id, "name"]` pair; `false` when
/// empty), taken out of `fields`; `None` when absent or empty.
pub(super) fn take_many2one(fields: &mut Map<String, Value>, name: &str, problems: &mut Vec<Problem>) -> Option<i64> {
    let id = match fields.get(name)? {
        Value::Bool(false) => None,
        Value::Array(pair) if pair.len() == 2 && pair[1].is_string() && pair[0].as_i64().is_some() => pair[0].as_i64(),
        value => match value.as_i64() {
            Some(id) => Some(id),
            None => {
                problems.push(wrong_type(name, "a record id (an integer, or Odoo's [id, \"name\"] pair) or false"));
                return None;
            }
        },
    };
    fields.remove(name);
    id
}

/// A boolean field, taken out of `fields`; `None` when absent.
pub(super) fn take_bool(fields: &mut Map<String, Value>, name: &str, problems: &mut Vec<Problem>) -> Option<bool> {
    match fields.get(name)? {
        Value::Bool(b) => {
            let b = *b;
            fields.remove(name);
            Some(b)
        }
        _ => {
            problems.push(wrong_type(name, "a boolean"));
            None
        }
    }
}

/// A char or selection field (`false` when empty), taken out of `fields`; `None` when absent or empty.
pub(super) fn take_text(fields: &mut Map<String, Value>, name: &str, problems: &mut Vec<Problem>) -> Option<String> {
    let text = match fields.get(name)? {
        Value::Bool(false) => None,
        Value::String(s) => Some(s.clone()),
        _ => {
            problems.push(wrong_type(name, "a string or false"));
            return None;
        }
    };
    fields.remove(name);
    text
}

/// A float or integer field, taken out of `fields` as sent; `None` when absent.
pub(super) fn take_number(
    fields: &mut Map<String, Value>,
    name: &str,
    problems: &mut Vec<Problem>,
) -> Option<serde_json::Number> {
    match fields.get(name)? {
        Value::Number(n) => {
            let n = n.clone();
            fields.remove(name);
            Some(n)
        }
        _ => {
            problems.push(wrong_type(name, "a number"));
            None
        }
    }
}

/// A datetime (or date) field as unix seconds (see [`super::parse_datetime`]), taken out of `fields`; `None` when
/// absent or `false`. Text that is not an Odoo datetime is an `invalid_datetime` problem.
pub(super) fn take_datetime(fields: &mut Map<String, Value>, name: &str, problems: &mut Vec<Problem>) -> Option<i64> {
    let at = match fields.get(name)? {
        Value::Bool(false) => None,
        Value::String(text) => match super::parse_datetime(text) {
            Some(at) => Some(at),
            None => {
                problems.push(Problem {
                    loc: name.to_owned(),
                    code: "invalid_datetime",
                    message: format!(
                        "{name} must be Odoo's naive UTC \"YYYY-MM-DD HH:MM:SS\" or a \"YYYY-MM-DD\" date, not {text:?}"
                    ),
                });
                return None;
            }
        },
        _ => {
            problems.push(wrong_type(name, "a \"YYYY-MM-DD HH:MM:SS\" string or false"));
            return None;
        }
    };
    fields.remove(name);
    at
}
