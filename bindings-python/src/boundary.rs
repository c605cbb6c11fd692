//! The Python side of `fleetgate::boundary`: Python objects described for the core's one bounded walk, then
//! decoded into the core's serde types. No function reads a Python argument any other way.
//!
//! What a Python value is to the core: `None`, `bool`, `int` (within 64 bits), `float` (NaN included), `str`,
//! `bytes` / `bytearray` / `memoryview`, lists and tuples, any mapping with `str` keys (`dict`, `MappingProxy`, ...),
//! `datetime.datetime` / `datetime.date` as their `isoformat()` text, and `decimal.Decimal` as its exact `str()`.
//! Anything else is an error naming its type, never a silent conversion.

use fleetgate::boundary::{self, ArgError, Host, Kind, Site, Value};
use pyo3::prelude::*;
use pyo3::types::{
    PyBool, PyByteArray, PyBytes, PyDict, PyFloat, PyInt, PyList, PyMapping, PyMemoryView, PyString, PyTuple,
};
use serde::de::DeserializeOwned;
use serde_json::Value as Json;

use crate::errors::to_py_err;

/// A Python object as the boundary's [`Host`].
pub(crate) struct PyHost<'py>(pub Bound<'py, PyAny>);

fn type_name(value: &Bound<'_, PyAny>) -> String {
    value.get_type().fully_qualified_name().map(|n| n.to_string()).unwrap_or_else(|_| "object".to_owned())
}

impl Host for PyHost<'_> {
    fn kind(&self) -> Kind<Self> {
        let value = &self.0;
        kind(value).unwrap_or_else(|err| {
            Kind::Unsupported(format!("a {} whose value could not be read ({err})", type_name(value)))
        })
    }
}

fn kind<'py>(value: &Bound<'py, PyAny>) -> PyResult<Kind<PyHost<'py>>> {
    Ok(if value.is_none() {
        Kind::Null
    } else if let Ok(b) = value.cast::<PyBool>() {
        Kind::Bool(b.is_true())
    } else if let Ok(i) = value.cast::<PyInt>() {
        match i.extract::<i64>() {
            Ok(i) => Kind::Int(i),
            Err(_) => Kind::Unsupported(format!("the int {} (beyond 64 bits)", i.str()?)),
        }
    } else if let Ok(f) = value.cast::<PyFloat>() {
        Kind::Number(f.value())
    } else if let Ok(s) = value.cast::<PyString>() {
        Kind::Str(s.to_cow()?.into_owned())
    } else if let Ok(b) = value.cast::<PyBytes>() {
        Kind::Bytes(b.as_bytes().to_vec())
    } else if let Ok(b) = value.cast::<PyByteArray>() {
        Kind::Bytes(b.to_vec())
    } else if value.is_instance_of::<PyMemoryView>() {
        Kind::Bytes(value.call_method0("tobytes")?.cast::<PyBytes>()?.as_bytes().to_vec())
    } else if value.is_instance_of::<PyList>() || value.is_instance_of::<PyTuple>() {
        Kind::List(value.try_iter()?.map(|item| item.map(PyHost)).collect::<PyResult<_>>()?)
    } else if let Ok(d) = value.cast::<PyDict>() {
        entries(d.iter().map(|(k, v)| Ok((k, v))))?
    } else if let Ok(m) = value.cast::<PyMapping>() {
        entries(m.items()?.iter().map(|item| item.extract::<(Bound<'py, PyAny>, Bound<'py, PyAny>)>()))?
    } else {
        match type_name(value).as_str() {
            "datetime.datetime" | "datetime.date" => Kind::Str(value.call_method0("isoformat")?.str()?.to_string()),
            "decimal.Decimal" => Kind::Str(value.str()?.to_string()),
            other => Kind::Unsupported(format!("a {other}")),
        }
    })
}

fn entries<'py>(
    items: impl Iterator<Item = PyResult<(Bound<'py, PyAny>, Bound<'py, PyAny>)>>,
) -> PyResult<Kind<PyHost<'py>>> {
    let mut out = Vec::new();
    for item in items {
        let (key, value) = item?;
        match key.cast::<PyString>() {
            Ok(k) => out.push((k.to_cow()?.into_owned(), PyHost(value))),
            Err(_) => return Ok(Kind::Unsupported(format!("a mapping with a {} key", type_name(&key)))),
        }
    }
    Ok(Kind::Map(out))
}

/// An [`ArgError`] as the area's Python exception.
pub(crate) fn arg_err(py: Python<'_>, err: ArgError) -> PyErr {
    to_py_err(py, &err)
}

/// `value` after the bounded walk (see the module docs).
#[allow(dead_code)] // used as the areas move onto the boundary
pub(crate) fn value(value: &Bound<'_, PyAny>, site: &Site) -> PyResult<Value> {
    boundary::walk(&PyHost(value.clone()), site).map_err(|e| arg_err(value.py(), e))
}

/// Decodes `value` into the core type `T` at `site`.
pub(crate) fn decode<T: DeserializeOwned>(value: &Bound<'_, PyAny>, site: &Site) -> PyResult<T> {
    let walked = self::value(value, site)?;
    boundary::decode(walked, site).map_err(|e| arg_err(value.py(), e))
}

/// Decodes an optional argument: `None` or absent is `T::default()` (the core's defaults).
#[allow(dead_code)] // used as the areas move onto the boundary
pub(crate) fn decode_or_default<T: DeserializeOwned + Default>(
    value: Option<&Bound<'_, PyAny>>,
    site: &Site,
) -> PyResult<T> {
    match value {
        None => Ok(T::default()),
        Some(v) if v.is_none() => Ok(T::default()),
        Some(v) => decode(v, site),
    }
}

/// Decodes keyword arguments (those given, by name) into the options type `T`: the same rules as a dict of them.
/// `unknown` is the function's `**unknown` catch-all: an unknown keyword is `invalid_option` naming it (like an
/// unknown key in JS), never Python's own `TypeError`.
pub(crate) fn decode_kwargs<T: DeserializeOwned>(
    py: Python<'_>,
    kwargs: &[(&str, Option<&Bound<'_, PyAny>>)],
    unknown: Option<&Bound<'_, PyDict>>,
    site: &Site,
) -> PyResult<T> {
    boundary::decode(kwargs_value(py, kwargs, unknown, site)?, site).map_err(|e| arg_err(py, e))
}

/// Keyword arguments (those given, by name, and the `**unknown` ones) after the bounded walk, as the map a JS
/// options object would be: for the core decoders that take a [`Value`] themselves (e.g.
/// `fleetgate::booking::decode_options`).
pub(crate) fn kwargs_value(
    py: Python<'_>,
    kwargs: &[(&str, Option<&Bound<'_, PyAny>>)],
    unknown: Option<&Bound<'_, PyDict>>,
    site: &Site,
) -> PyResult<Value> {
    let extra: Vec<(String, Bound<'_, PyAny>)> = match unknown {
        Some(d) => d.iter().map(|(k, v)| Ok((k.str()?.to_string(), v))).collect::<PyResult<_>>()?,
        None => Vec::new(),
    };
    let mut entries = Vec::with_capacity(kwargs.len() + extra.len());
    let named = kwargs.iter().map(|(name, given)| (*name, *given));
    for (name, given) in named.chain(extra.iter().map(|(k, v)| (k.as_str(), Some(v)))) {
        if let Some(given) = given {
            let walked = boundary::walk(&PyHost((*given).clone()), site).map_err(|mut e| {
                e.path = if e.path.starts_with('[') || e.path.is_empty() {
                    format!("{name}{}", e.path)
                } else {
                    format!("{name}.{}", e.path)
                };
                arg_err(py, e)
            })?;
            entries.push(((*name).to_owned(), walked));
        }
    }
    Ok(Value::Map(entries))
}

/// `value` as JSON, for the core functions that take JSON-shaped data (a booking request, an Odoo reply).
#[allow(dead_code)] // used as the areas move onto the boundary
pub(crate) fn json(value: &Bound<'_, PyAny>, site: &Site) -> PyResult<Json> {
    let walked = self::value(value, site)?;
    walked.into_json(site).map_err(|e| arg_err(value.py(), e))
}

/// Converts JSON to Python objects: dicts, lists, str, int, float, bool and None.
#[allow(dead_code)] // used as the areas move onto the boundary
pub(crate) fn to_py(py: Python<'_>, value: &Json) -> PyResult<Py<PyAny>> {
    crate::json::to_py(py, value)
}

/// A core result as its Python result class `module.class_name` (a frozen dataclass deriving
/// `fleetgate._result.Result`), built from the core's JSON shape.
#[allow(dead_code)] // used as the areas move onto the boundary
pub(crate) fn result(py: Python<'_>, module: &str, class_name: &str, value: &Json) -> PyResult<Py<PyAny>> {
    let data = to_py(py, value)?;
    Ok(py.import(module)?.getattr(class_name)?.call_method1("_from_dict", (data,))?.unbind())
}
