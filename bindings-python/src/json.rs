//! Python values <-> JSON values, for the areas whose core API takes JSON-shaped data (booking, pricing,
//! availability). A conversion, not a rule: the core validates every value and reports problems with its codes.
//!
//! Python to JSON: `None`, `bool`, `int`, `float`, `str`, lists and tuples, dicts (keys as `str()`), and
//! `datetime.datetime` / `datetime.date` as their `isoformat()` (a naive datetime has no offset, which the core
//! rejects as it should); `decimal.Decimal` as its exact `str()`. An int beyond 64 bits becomes its decimal text and
//! a non-finite float `null`. Anything else becomes `{"$unsupported": "<type name>"}`, which the core reports as
//! a value of the wrong type.

use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde_json::{Map, Number, Value as Json};

/// Converts a Python value to JSON (see the module docs).
pub(crate) fn to_json(value: &Bound<'_, PyAny>) -> PyResult<Json> {
    if value.is_none() {
        return Ok(Json::Null);
    }
    if let Ok(b) = value.cast::<PyBool>() {
        return Ok(Json::Bool(b.is_true()));
    }
    if let Ok(i) = value.cast::<PyInt>() {
        if let Ok(v) = i.extract::<i64>() {
            return Ok(v.into());
        }
        if let Ok(v) = i.extract::<u64>() {
            return Ok(v.into());
        }
        return Ok(Json::String(i.str()?.to_string()));
    }
    if let Ok(f) = value.cast::<PyFloat>() {
        return Ok(Number::from_f64(f.value()).map_or(Json::Null, Json::Number));
    }
    if let Ok(s) = value.cast::<PyString>() {
        return Ok(Json::String(s.to_cow()?.into_owned()));
    }
    if let Ok(d) = value.cast::<PyDict>() {
        let mut map = Map::new();
        for (k, v) in d.iter() {
            map.insert(k.str()?.to_string(), to_json(&v)?);
        }
        return Ok(Json::Object(map));
    }
    if value.is_instance_of::<PyList>() || value.is_instance_of::<PyTuple>() {
        return value.try_iter()?.map(|item| to_json(&item?)).collect::<PyResult<Vec<_>>>().map(Json::Array);
    }
    let type_name = value.get_type().fully_qualified_name()?.to_string();
    match type_name.as_str() {
        "datetime.datetime" | "datetime.date" => Ok(Json::String(value.call_method0("isoformat")?.str()?.to_string())),
        "decimal.Decimal" => Ok(Json::String(value.str()?.to_string())),
        _ => Ok(serde_json::json!({ "$unsupported": type_name })),
    }
}

/// Converts JSON to Python objects: dicts, lists, str, int, float, bool and None.
pub(crate) fn to_py(py: Python<'_>, value: &Json) -> PyResult<Py<PyAny>> {
    Ok(match value {
        Json::Null => py.None(),
        Json::Bool(b) => PyBool::new(py, *b).to_owned().into_any().unbind(),
        Json::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => i.into_pyobject(py)?.into_any().unbind(),
            (None, Some(u)) => u.into_pyobject(py)?.into_any().unbind(),
            _ => n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any().unbind(),
        },
        Json::String(s) => PyString::new(py, s).into_any().unbind(),
        Json::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(to_py(py, item)?)?;
            }
            list.into_any().unbind()
        }
        Json::Object(map) => {
            let dict = PyDict::new(py);
            for (k, v) in map {
                dict.set_item(k, to_py(py, v)?)?;
            }
            dict.into_any().unbind()
        }
    })
}

/// The current time as unix seconds: the default `now` at the outermost API.
pub(crate) fn now_json() -> Json {
    let seconds = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    Json::from(seconds)
}
