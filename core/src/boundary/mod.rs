//! The boundary contract: how every binding turns a host value (a Python object, a JS value) into the typed
//! input of a core function, once, with the same rules and the same errors in Python, Node and WASM.
//!
//! 1. A binding describes one host value at a time through [`Host`] (its kind, its items); [`walk`] turns it into
//!    a [`Value`] with the documented bounds ([`MAX_DEPTH`], [`MAX_NODES`]). The walk is the only recursion over
//!    caller data, and it is bounded, so a 200,000-deep list is an error, never a stack overflow.
//! 2. [`decode`] turns the [`Value`] into a serde type of the core (an options struct with its defaults and
//!    `deny_unknown_fields`, a policy, a reading), naming the path of the first problem. JS keys are camelCase and
//!    Python's snake_case: a [`Site`] says which spelling its caller uses, and messages use the caller's spelling.
//! 3. Every failure is an [`ArgError`]: the area of the call, a stable code (`invalid_option`,
//!    `invalid_argument`, or an area's own such as `invalid_policy`) and typed details (`argument`, `path`,
//!    `problem`), like every other fleetgate error (see [`crate::ErrorCode::details`]).
//!
//! ```
//! use fleetgate::boundary::{decode, Site, Value};
//! #[derive(serde::Deserialize, Debug, PartialEq)]
//! #[serde(deny_unknown_fields)]
//! struct Options { max_body: Option<u64> }
//! let site = Site::options("webhook").camel();
//! let given = Value::Map(vec![("maxBody".into(), Value::Int(10))]);
//! assert_eq!(decode::<Options>(given, &site).unwrap(), Options { max_body: Some(10) });
//! let wrong = Value::Map(vec![("maxBody".into(), Value::Str("10".into()))]);
//! let err = decode::<Options>(wrong, &site).unwrap_err();
//! assert_eq!((err.code, err.path.as_str()), ("invalid_option", "maxBody"));
//! ```

mod headers;
mod names;
mod value;
mod walk;

pub use headers::{header_pairs, MAX_HEADERS, MAX_HEADER_BYTES};
pub use names::{camel_to_snake, snake_to_camel};
pub use value::Value;
pub use walk::{walk, Host, Kind, MAX_DEPTH, MAX_NODES};

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::ErrorCode;

/// The code of a problem in an options object: an unknown option, a wrong type, a value out of range.
pub const INVALID_OPTION: &str = "invalid_option";
/// The code of a positional argument of the wrong type or shape, or of a host value fleetgate cannot take (a
/// function, a symbol, an integer beyond 64 bits, input nested deeper than [`MAX_DEPTH`], ...).
pub const INVALID_ARGUMENT: &str = "invalid_argument";

/// How a caller spells the keys of the objects it passes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keys {
    /// `max_body` (Python, JSON data, Rust).
    Snake,
    /// `maxBody` (JavaScript options and readings); decoded as snake_case, reported back in camelCase.
    Camel,
}

/// Where a value is decoded: the area of the call, the code its problems get, the argument's name, the spelling.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Site {
    /// The area of the function called (it picks the exception class), e.g. `webhook`.
    pub area: &'static str,
    /// The code of every problem found here, e.g. [`INVALID_OPTION`] or `invalid_policy`.
    pub code: &'static str,
    /// The argument's name as documented, e.g. `options`, `policy`, `headers`.
    pub argument: &'static str,
    /// The caller's key spelling.
    pub keys: Keys,
}

impl Site {
    /// An options object of `area`: problems are [`INVALID_OPTION`].
    pub const fn options(area: &'static str) -> Site {
        Site { area, code: INVALID_OPTION, argument: "options", keys: Keys::Snake }
    }
    /// A positional argument `argument` of `area`: problems are [`INVALID_ARGUMENT`].
    pub const fn argument(area: &'static str, argument: &'static str) -> Site {
        Site { area, code: INVALID_ARGUMENT, argument, keys: Keys::Snake }
    }
    /// A value of `area` whose problems carry the area's own `code` (e.g. `invalid_policy`).
    pub const fn coded(area: &'static str, code: &'static str, argument: &'static str) -> Site {
        Site { area, code, argument, keys: Keys::Snake }
    }
    /// The same site for a caller writing camelCase keys (JavaScript).
    pub const fn camel(self) -> Site {
        Site { keys: Keys::Camel, ..self }
    }
    /// The same site with keys spelt as `keys`.
    pub const fn with_keys(self, keys: Keys) -> Site {
        Site { keys, ..self }
    }
    /// An error at this site.
    pub fn error(&self, path: impl Into<String>, problem: impl Into<String>) -> ArgError {
        ArgError {
            area: self.area,
            code: self.code,
            argument: self.argument,
            path: path.into(),
            problem: problem.into(),
        }
    }
}

/// A value a binding could not turn into the typed input of a core function.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[error("{}: {problem}", self.location())]
pub struct ArgError {
    /// The area of the function called.
    #[serde(skip)]
    pub area: &'static str,
    /// The stable code ([`INVALID_OPTION`], [`INVALID_ARGUMENT`] or the area's own).
    #[serde(skip)]
    pub code: &'static str,
    /// The argument's documented name, e.g. `options`.
    pub argument: &'static str,
    /// Where inside the argument, in the caller's spelling: `tolerance[1]`, `quotas[0].limit`; empty for the
    /// argument itself.
    pub path: String,
    /// What is wrong, in the caller's spelling.
    pub problem: String,
}

impl ArgError {
    fn location(&self) -> String {
        match (self.code, self.path.is_empty()) {
            (INVALID_OPTION, true) => "invalid options".to_owned(),
            (INVALID_OPTION, false) => format!("invalid option {}", self.path),
            (_, true) => format!("invalid {}", self.argument),
            (_, false) if self.path.starts_with('[') => format!("invalid {}{}", self.argument, self.path),
            (_, false) => format!("invalid {}.{}", self.argument, self.path),
        }
    }
}

impl ErrorCode for ArgError {
    fn code(&self) -> &'static str {
        self.code
    }
    fn area(&self) -> &'static str {
        self.area
    }
}

/// Decodes `value` into `T` (see the module docs): `T`'s own serde rules (defaults, `deny_unknown_fields`, value
/// checks in `TryFrom`) decide, and the first problem is an [`ArgError`] at `site`.
pub fn decode<T: DeserializeOwned>(value: Value, site: &Site) -> Result<T, ArgError> {
    let value = match site.keys {
        Keys::Snake => value,
        Keys::Camel => value.map_keys(&camel_to_snake),
    };
    let track = value::Track::default();
    T::deserialize(value::Tracked { value, track: &track }).map_err(|err| {
        let (path, problem) = (track.text(), err.to_string());
        match site.keys {
            Keys::Snake => site.error(path, problem),
            Keys::Camel => site.error(names::backticked_to_camel(&path), names::backticked_to_camel(&problem)),
        }
    })
}

/// Decodes an optional argument: absent (`None`, `null`, `undefined`) is `T::default()`.
pub fn decode_or_default<T: DeserializeOwned + Default>(value: Option<Value>, site: &Site) -> Result<T, ArgError> {
    match value {
        None | Some(Value::Null) => Ok(T::default()),
        Some(value) => decode(value, site),
    }
}

#[cfg(test)]
mod tests;
