//! The arguments of the units functions as every binding passes them, read from the boundary's [`Value`] (after
//! the bounded walk): a value is a number or a decimal string, a unit a name, metres a whole number. A value of
//! another type is `invalid_value` (`problem: wrong_type`), a unit that is not a string `invalid_unit`, in every
//! binding.

use crate::boundary::Value;

use super::{metres_from_f64, Unit, UnitsError, ValueProblem, MAX_METRES};

/// A distance value as a caller gave it, owned: a float, or exact decimal text (an integer arrives as its digits,
/// so a Python int beyond 2^53 stays exact).
#[derive(Debug, Clone, PartialEq)]
pub enum Quantity {
    /// A float, read as its shortest round-trip decimal.
    Number(f64),
    /// A decimal string (or an integer's digits), read exactly.
    Text(String),
}

fn shown(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => f.to_string(),
        Value::Str(s) => s.clone(),
        other => other.kind().to_owned(),
    }
}

fn wrong_type(value: &Value) -> UnitsError {
    UnitsError::InvalidValue { value: shown(value), problem: ValueProblem::WrongType }
}

impl Quantity {
    /// A number or a string; anything else is `invalid_value` (`wrong_type`).
    pub fn from_value(value: Value) -> Result<Quantity, UnitsError> {
        match value {
            Value::Int(i) => Ok(Quantity::Text(i.to_string())),
            Value::Float(f) => Ok(Quantity::Number(f)),
            Value::Str(s) => Ok(Quantity::Text(s)),
            other => Err(wrong_type(&other)),
        }
    }

    /// The value as [`super::Value`], for the conversions.
    pub fn as_value(&self) -> super::Value<'_> {
        match self {
            Quantity::Number(f) => super::Value::Number(*f),
            Quantity::Text(s) => super::Value::Text(s),
        }
    }
}

impl Unit {
    /// A unit name; a value that is not a string is `invalid_unit`.
    pub fn from_value(value: Value) -> Result<Unit, UnitsError> {
        match value {
            Value::Str(name) => Unit::parse(&name),
            other => Err(UnitsError::InvalidUnit { unit: shown(&other) }),
        }
    }
}

/// A whole metre count (0 to [`MAX_METRES`]); anything else is `invalid_value`.
pub fn metres_from_value(value: Value) -> Result<i64, UnitsError> {
    match value {
        Value::Int(m) if m < 0 => {
            Err(UnitsError::InvalidValue { value: m.to_string(), problem: ValueProblem::Negative })
        }
        Value::Int(m) if m > MAX_METRES => {
            Err(UnitsError::InvalidValue { value: m.to_string(), problem: ValueProblem::OutOfRange })
        }
        Value::Int(m) => Ok(m),
        Value::Float(f) => metres_from_f64(f),
        other => Err(wrong_type(&other)),
    }
}
