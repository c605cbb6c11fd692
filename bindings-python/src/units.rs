//! `fleetgate.units`: wraps `fleetgate::units` (exact km / mi / metre conversion).

use pyo3::prelude::*;

/// Distances: exact conversion between kilometres, miles and integer metres (1 mi = 1609.344 m exactly, one
/// round-half-even step). Values are numbers or plain decimal strings such as "12,345.6".
#[pymodule]
pub(crate) mod units {
    use fleetgate::boundary::Site;
    use fleetgate::units::{self as core, Quantity, Unit};
    use pyo3::prelude::*;

    use crate::boundary;
    use crate::errors::{guard, to_py_err};

    /// The largest distance fleetgate holds, in metres (2**53 - 1).
    #[pymodule_export]
    const MAX_METRES: i64 = core::MAX_METRES;

    /// A unit name (a non-string is ``invalid_unit``).
    fn unit(name: &Bound<'_, PyAny>) -> PyResult<Unit> {
        let value = boundary::value(name, &Site::coded("units", "invalid_unit", "unit"))?;
        Unit::from_value(value).map_err(|e| to_py_err(name.py(), &e))
    }

    /// A value: an int (its exact digits), a float, a decimal.Decimal (its exact ``str``) or a decimal string;
    /// anything else is ``invalid_value``.
    fn quantity(given: &Bound<'_, PyAny>) -> PyResult<Quantity> {
        let value = boundary::value(given, &Site::coded("units", "invalid_value", "value"))?;
        Quantity::from_value(value).map_err(|e| to_py_err(given.py(), &e))
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
            let unit = self::unit(unit)?;
            unit.to_metres(quantity(value)?.as_value()).map_err(|e| to_py_err(py, &e))
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
            let unit = self::unit(unit)?;
            let metres = boundary::value(metres, &Site::coded("units", "invalid_value", "metres"))?;
            core::metres_from_value(metres).and_then(|m| unit.from_metres(m)).map_err(|e| to_py_err(py, &e))
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
            let (from, to) = (unit(from_unit)?, unit(to_unit)?);
            from.convert(quantity(value)?.as_value(), to).map_err(|e| to_py_err(py, &e))
        })
    }
}
