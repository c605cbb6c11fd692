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

/// An optional field taken out of `fields` when `read` accepts it (`Ok(None)`: empty, Odoo's `false`); `None` when
/// absent. A field `read` refuses is a problem and stays in `fields`.
fn take_optional<T>(
    fields: &mut Map<String, Value>,
    name: &str,
    problems: &mut Vec<Problem>,
    read: impl FnOnce(&Value) -> Result<Option<T>, Problem>,
) -> Option<T> {
    match read(fields.get(name)?) {
        Ok(value) => {
            fields.remove(name);
            value
        }
        Err(problem) => {
            problems.push(problem);
            None
        }
    }
}

/// A many2one field (Odoo's `read(load=None)` sends the raw id, `read()` the `[id, "name"]` pair; `false` when
/// empty), taken out of `fields`; `None` when absent or empty.
pub(super) fn take_many2one(fields: &mut Map<String, Value>, name: &str, problems: &mut Vec<Problem>) -> Option<i64> {
    take_optional(fields, name, problems, |value| match value {
        Value::Bool(false) => Ok(None),
        Value::Array(pair) if pair.len() == 2 && pair[1].is_string() && pair[0].as_i64().is_some() => {
            Ok(pair[0].as_i64())
        }
        value => match value.as_i64() {
            Some(id) => Ok(Some(id)),
            None => Err(wrong_type(name, "a record id (an integer, or Odoo's [id, \"name\"] pair) or false")),
        },
    })
}

/// A boolean field, taken out of `fields`; `None` when absent.
pub(super) fn take_bool(fields: &mut Map<String, Value>, name: &str, problems: &mut Vec<Problem>) -> Option<bool> {
    take_optional(fields, name, problems, |value| match value {
        Value::Bool(b) => Ok(Some(*b)),
        _ => Err(wrong_type(name, "a boolean")),
    })
}

/// A char or selection field (`false` when empty), taken out of `fields`; `None` when absent or empty.
pub(super) fn take_text(fields: &mut Map<String, Value>, name: &str, problems: &mut Vec<Problem>) -> Option<String> {
    take_optional(fields, name, problems, |value| match value {
        Value::Bool(false) => Ok(None),
        Value::String(s) => Ok(Some(s.clone())),
        _ => Err(wrong_type(name, "a string or false")),
    })
}

/// A float or integer field, taken out of `fields` as sent; `None` when absent.
pub(super) fn take_number(
    fields: &mut Map<String, Value>,
    name: &str,
    problems: &mut Vec<Problem>,
) -> Option<serde_json::Number> {
    take_optional(fields, name, problems, |value| match value {
        Value::Number(n) => Ok(Some(n.clone())),
        _ => Err(wrong_type(name, "a number")),
    })
}

/// A datetime (or date) field as unix seconds (see [`super::parse_datetime`]), taken out of `fields`; `None` when
/// absent or `false`. Text that is not an Odoo datetime is an `invalid_datetime` problem.
pub(super) fn take_datetime(fields: &mut Map<String, Value>, name: &str, problems: &mut Vec<Problem>) -> Option<i64> {
    take_optional(fields, name, problems, |value| match value {
        Value::Bool(false) => Ok(None),
        Value::String(text) => super::parse_datetime(text).map(Some).ok_or_else(|| Problem {
            loc: name.to_owned(),
            code: "invalid_datetime",
            message: format!(
                "{name} must be Odoo's naive UTC \"YYYY-MM-DD HH:MM:SS\" or a \"YYYY-MM-DD\" date, not {text:?}"
            ),
        }),
        _ => Err(wrong_type(name, "a \"YYYY-MM-DD HH:MM:SS\" string or false")),
    })
}
