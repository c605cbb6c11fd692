//! The one bounded walk over a host value: every binding implements [`Host`] for its value type and calls [`walk`].

use super::{ArgError, Site, Value};

/// The deepest nesting accepted in any argument (a list or object inside another counts one level). Deeper input
/// is an error, never a stack overflow.
pub const MAX_DEPTH: usize = 64;

/// The most values (every number, string, list, object and entry counts one) accepted in one argument: 4,194,304.
/// Large batches belong in the columnar APIs (`check_batch_columns`), which take plain arrays.
pub const MAX_NODES: usize = 1 << 22;

/// What one host value is, as its binding sees it. Lists and maps hand over their items, not yet walked.
#[derive(Debug)]
pub enum Kind<H> {
    /// JS `undefined` (a property holding it is left out, like an absent one).
    Undefined,
    /// `None` / `null`.
    Null,
    /// A boolean.
    Bool(bool),
    /// A host integer that fits in `i64` (Python `int`, JS `BigInt`).
    Int(i64),
    /// A host number (JS `number`, Python `float`); whole numbers within ±2^53 become [`Value::Int`].
    Number(f64),
    /// A string.
    Str(String),
    /// Bytes.
    Bytes(Vec<u8>),
    /// A list, tuple or array, with its items.
    List(Vec<H>),
    /// A dict, object, `Map` or `Headers`, with its entries in order (keys must be strings).
    Map(Vec<(String, H)>),
    /// A value fleetgate cannot take (a function, a symbol, an int beyond 64 bits, a dict with non-str keys, ...):
    /// what it is, for the error message.
    Unsupported(String),
}

/// A binding's host value (a `Bound<PyAny>`, a napi `Unknown`, a `JsValue`).
pub trait Host: Sized {
    /// What this value is (see [`Kind`]). A host exception while looking (a throwing getter) is `Unsupported`.
    fn kind(&self) -> Kind<Self>;
}

/// Turns `value` into a [`Value`] within [`MAX_DEPTH`] and [`MAX_NODES`]; anything else is an error at `site`.
pub fn walk<H: Host>(value: &H, site: &Site) -> Result<Value, ArgError> {
    let mut nodes = 0;
    Ok(walk_at(value, site, 0, &mut nodes, &mut String::new())?.unwrap_or(Value::Null))
}

/// The largest integer a float holds exactly (2^53).
const EXACT_INT: f64 = 9_007_199_254_740_992.0;

fn walk_at<H: Host>(
    value: &H,
    site: &Site,
    depth: usize,
    nodes: &mut usize,
    path: &mut String,
) -> Result<Option<Value>, ArgError> {
    *nodes += 1;
    if *nodes > MAX_NODES {
        return Err(site.error(path.clone(), format!("more than {MAX_NODES} values in one argument")));
    }
    Ok(Some(match value.kind() {
        Kind::Undefined => return Ok(None),
        Kind::Null => Value::Null,
        Kind::Bool(b) => Value::Bool(b),
        Kind::Int(i) => Value::Int(i),
        Kind::Number(f) if f.fract() == 0.0 && f.abs() <= EXACT_INT => Value::Int(f as i64),
        Kind::Number(f) => Value::Float(f),
        Kind::Str(s) => Value::Str(s),
        Kind::Bytes(b) => Value::Bytes(b),
        Kind::Unsupported(what) => return Err(site.error(path.clone(), format!("{what} is not accepted here"))),
        Kind::List(items) => {
            nested(site, depth, path)?;
            let mut out = Vec::with_capacity(items.len().min(MAX_NODES));
            for (index, item) in items.iter().enumerate() {
                let len = path.len();
                path.push_str(&format!("[{index}]"));
                out.push(walk_at(item, site, depth + 1, nodes, path)?.unwrap_or(Value::Null));
                path.truncate(len);
            }
            Value::List(out)
        }
        Kind::Map(entries) => {
            nested(site, depth, path)?;
            let mut out = Vec::with_capacity(entries.len().min(MAX_NODES));
            for (key, item) in &entries {
                let len = path.len();
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
                if let Some(item) = walk_at(item, site, depth + 1, nodes, path)? {
                    out.push((key.clone(), item));
                }
                path.truncate(len);
            }
            Value::Map(out)
        }
    }))
}

fn nested(site: &Site, depth: usize, path: &str) -> Result<(), ArgError> {
    if depth >= MAX_DEPTH {
        return Err(site.error(path, format!("nested deeper than {MAX_DEPTH} levels")));
    }
    Ok(())
}
