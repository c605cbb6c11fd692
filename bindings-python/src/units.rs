//! `fleetgate.units`: wraps `fleetgate::units` (exact km / mi / metre conversion).

use pyo3::prelude::*;

/// Distances: exact conversion between kilometres, miles and integer metres (1 mi = 1609.344 m exactly, one
/// round-half-even step). Values are numbers or plain decimal strings such as "12,345.6".
#[pymodule]
pub(crate) mod units {
    use fleetgate::units::{self as core, Unit, UnitsError, Value, ValueProblem};
    use pyo3::prelude::*;
    use pyo3::types::{PyBool, PyFloat, PyInt, PyString};

    use crate::errors::{guard, to_py_err};

    /// The largest distance fleetgate holds, in metres (2**53 - 1).
    #[pymodule_export]
    const MAX_METRES: i64 = core::MAX_METRES;

    /// A value as Python gave it, owned so it can outlive the borrow of the argument.
    enum Given {
        Number(f64),
        Text(String),
    }

    impl Given {
        fn as_value(&self) -> Value<'_> {
            match self {
                Given::Number(v) => Value::Number(*v),
                Given::Text(s) => Value::Text(s),
            }
        }
    }

    fn invalid(value: &Bound<'_, PyAny>, problem: ValueProblem) -> UnitsError {
        let shown = value.repr().map(|r| r.to_string()).unwrap_or_else(|_| "<unprintable>".to_owned());
        UnitsError::InvalidValue { value: shown, problem }
    }

    /// int, float, str and decimal.Decimal are read; bool and anything else are `invalid_value`.
    fn given(value: &Bound<'_, PyAny>) -> Result<Given, UnitsError> {
        if value.is_instance_of::<PyBool>() {
            return Err(invalid(value, ValueProblem::WrongType));
        }
        if let Ok(f) = value.cast::<PyFloat>() {
            return Ok(Given::Number(f.value()));
        }
        if let Ok(s) = value.cast::<PyString>() {
            return s.to_cow().map(|s| Given::Text(s.into_owned())).map_err(|_| invalid(value, ValueProblem::Syntax));
        }
        let is_decimal = value.get_type().fully_qualified_name().map(|n| n == "decimal.Decimal").unwrap_or(false);
        if value.is_instance_of::<PyInt>() || is_decimal {
            // str() of an int or a Decimal is its exact decimal text.
            return value.str().map(|s| Given::Text(s.to_string())).map_err(|_| invalid(value, ValueProblem::Syntax));
        }
        Err(invalid(value, ValueProblem::WrongType))
    }

    fn unit(name: &Bound<'_, PyAny>) -> Result<Unit, UnitsError> {
        match name.cast::<PyString>() {
            Ok(s) => match s.to_cow() {
                Ok(text) => Unit::parse(&text),
                Err(_) => Err(UnitsError::InvalidUnit { unit: name.to_string() }),
            },
            Err(_) => Err(UnitsError::InvalidUnit { unit: name.to_string() }),
        }
    }

    /// Converts ``value`` in ``unit`` to whole metres, exactly, rounding once half to even.
    ///
    /// ``value`` is an int, a float (read as its shortest repr), a decimal.Decimal or a plain decimal string
    /// ("12,345.6"). ``unit`` is km, kilometers, kilometres, mi, miles, metric or imperial (any case).
    /// Raises ``fleetgate.UnitsError`` with code ``invalid_value`` or ``invalid_unit``.
    #[pyfunction]
    #[pyo3(signature = (value: "int | float | str", unit: "str") -> "int")]
    fn to_metres(py: Python<'_>, value: &Bound<'_, PyAny>, unit: &Bound<'_, PyAny>) -> PyResult<i64> {
        guard(py, || {
            let run = || -> Result<i64, UnitsError> { self::unit(unit)?.to_metres(given(value)?.as_value()) };
            run().map_err(|e| to_py_err(py, &e))
        })
    }

    /// Converts whole ``metres`` (0 to MAX_METRES) to ``unit``: the float nearest to the exact quotient.
    ///
    /// Raises ``fleetgate.UnitsError`` (``invalid_value`` for a negative, fractional or too large count,
    /// ``invalid_unit`` for an unknown unit).
    #[pyfunction]
    #[pyo3(signature = (metres: "int", unit: "str") -> "float")]
    fn from_metres(py: Python<'_>, metres: &Bound<'_, PyAny>, unit: &Bound<'_, PyAny>) -> PyResult<f64> {
        guard(py, || {
            let run = || -> Result<f64, UnitsError> {
                let unit = self::unit(unit)?;
                let metres = if metres.is_instance_of::<PyBool>() {
                    return Err(invalid(metres, ValueProblem::WrongType));
                } else if let Ok(i) = metres.cast::<PyInt>() {
                    match i.extract::<i64>() {
                        Ok(m) => m,
                        Err(_) => {
                            let negative = i.lt(0).unwrap_or(false);
                            let problem = if negative { ValueProblem::Negative } else { ValueProblem::OutOfRange };
                            return Err(invalid(metres, problem));
                        }
                    }
                } else if let Ok(f) = metres.cast::<PyFloat>() {
                    core::metres_from_f64(f.value())?
                } else {
                    return Err(invalid(metres, ValueProblem::WrongType));
                };
                unit.from_metres(metres)
            };
            run().map_err(|e| to_py_err(py, &e))
        })
    }

    /// Converts ``value`` from ``from_unit`` to ``to_unit`` without rounding to metres: the float nearest to the
    /// exact result (``convert(1, "mi", "km") == 1.609344``).
    #[pyfunction]
    #[pyo3(signature = (value: "int | float | str", from_unit: "str", to_unit: "str") -> "float")]
    fn convert(
        py: Python<'_>,
        value: &Bound<'_, PyAny>,
        from_unit: &Bound<'_, PyAny>,
        to_unit: &Bound<'_, PyAny>,
    ) -> PyResult<f64> {
        guard(py, || {
            let run = || -> Result<f64, UnitsError> {
                let (from, to) = (unit(from_unit)?, unit(to_unit)?);
                from.convert(given(value)?.as_value(), to)
            };
            run().map_err(|e| to_py_err(py, &e))
        })
    }
}
