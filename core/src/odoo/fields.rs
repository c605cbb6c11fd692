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
