//! `fleetgate.availability`: wraps `fleetgate::availability` (stock over half-open, padded booking intervals).

use pyo3::prelude::*;

/// Availability: bookings are {start, end, quantity=1, padding_hours=0, unit=None} blocking [start - padding, end).
#[pymodule]
pub(crate) mod availability {
    use fleetgate::availability::{self as core, site, Booking};
    use fleetgate::instant::Instant;
    use pyo3::prelude::*;

    use crate::boundary;
    use crate::errors::{guard, to_py_err};

    /// The bookings and the window `[start, end)`, decoded at the core's sites.
    fn inputs(
        bookings: &Bound<'_, PyAny>,
        start: &Bound<'_, PyAny>,
        end: &Bound<'_, PyAny>,
    ) -> PyResult<(Vec<Booking>, i64, i64)> {
        let bookings: Vec<Booking> = boundary::decode(bookings, &site::BOOKINGS)?;
        let (start, end) = window(start, end)?;
        Ok((bookings, start, end))
    }

    /// The window `[start, end)`, decoded at the core's sites.
    fn window(start: &Bound<'_, PyAny>, end: &Bound<'_, PyAny>) -> PyResult<(i64, i64)> {
        let start: Instant = boundary::decode(start, &site::START)?;
        let end: Instant = boundary::decode(end, &site::END)?;
        Ok((start.0, end.0))
    }

    /// The segments as ``fleetgate.availability.Segment`` objects.
    fn segments(py: Python<'_>, segments: &[core::Segment]) -> PyResult<Vec<Py<PyAny>>> {
        segments
            .iter()
            .map(|s| {
                let json = serde_json::to_value(s).expect("serializes");
                boundary::result(py, "fleetgate.availability", "Segment", &json)
            })
            .collect()
    }

    /// One vehicle's bookings, read and indexed once; see :class:`fleetgate.availability.Bookings`.
    #[pyclass(frozen, subclass, module = "fleetgate._fleetgate.availability")]
    pub(crate) struct Bookings {
        inner: core::Bookings,
    }

    #[pymethods]
    impl Bookings {
        #[new]
        #[pyo3(signature = (bookings: "object"))]
        fn new(py: Python<'_>, bookings: &Bound<'_, PyAny>) -> PyResult<Self> {
            guard(py, || {
                let bookings: Vec<Booking> = boundary::decode(bookings, &site::BOOKINGS)?;
                let inner = core::Bookings::new(bookings).map_err(|e| to_py_err(py, &e))?;
                Ok(Bookings { inner })
            })
        }

        /// How many bookings it holds.
        fn __len__(&self) -> usize {
            self.inner.len()
        }

        /// The most units in use at any instant of ``[start, end)``.
        #[pyo3(signature = (start: "object", end: "object") -> "int")]
        fn unavailable(&self, py: Python<'_>, start: &Bound<'_, PyAny>, end: &Bound<'_, PyAny>) -> PyResult<u64> {
            guard(py, || {
                let (start, end) = window(start, end)?;
                self.inner.unavailable(start, end).map_err(|e| to_py_err(py, &e))
            })
        }

        /// Units of ``stock`` free throughout ``[start, end)``.
        #[pyo3(signature = (stock: "object", start: "object", end: "object") -> "int")]
        fn available(
            &self,
            py: Python<'_>,
            stock: &Bound<'_, PyAny>,
            start: &Bound<'_, PyAny>,
            end: &Bound<'_, PyAny>,
        ) -> PyResult<u32> {
            guard(py, || {
                let stock: u32 = boundary::decode(stock, &site::STOCK)?;
                let (start, end) = window(start, end)?;
                self.inner.available(stock, start, end).map_err(|e| to_py_err(py, &e))
            })
        }

        /// The segments tiling ``[start, end)``: a list of ``fleetgate.availability.Segment``.
        #[pyo3(signature = (stock: "object", start: "object", end: "object") -> "object")]
        fn timeline(
            &self,
            py: Python<'_>,
            stock: &Bound<'_, PyAny>,
            start: &Bound<'_, PyAny>,
            end: &Bound<'_, PyAny>,
        ) -> PyResult<Vec<Py<PyAny>>> {
            guard(py, || {
                let stock: u32 = boundary::decode(stock, &site::STOCK)?;
                let (start, end) = window(start, end)?;
                segments(py, &self.inner.timeline(stock, start, end).map_err(|e| to_py_err(py, &e))?)
            })
        }

        /// The serial ``units`` no booking holding them overlaps in ``[start, end)``.
        #[pyo3(signature = (units: "object", start: "object", end: "object") -> "list[str]")]
        fn free_units(
            &self,
            py: Python<'_>,
            units: &Bound<'_, PyAny>,
            start: &Bound<'_, PyAny>,
            end: &Bound<'_, PyAny>,
        ) -> PyResult<Vec<String>> {
            guard(py, || {
                let units: Vec<String> = boundary::decode(units, &site::UNITS)?;
                let (start, end) = window(start, end)?;
                let free = self.inner.free_units(&units, start, end).map_err(|e| to_py_err(py, &e))?;
                Ok(free.into_iter().map(str::to_owned).collect())
            })
        }
    }

    /// The most units in use at any instant of ``[start, end)``; see :func:`fleetgate.availability.unavailable`.
    #[pyfunction]
    #[pyo3(signature = (bookings: "object", start: "object", end: "object") -> "int")]
    fn unavailable(
        py: Python<'_>,
        bookings: &Bound<'_, PyAny>,
        start: &Bound<'_, PyAny>,
        end: &Bound<'_, PyAny>,
    ) -> PyResult<u64> {
        guard(py, || {
            let (bookings, start, end) = inputs(bookings, start, end)?;
            core::unavailable(&bookings, start, end).map_err(|e| to_py_err(py, &e))
        })
    }

    /// Units of ``stock`` free throughout ``[start, end)``; see :func:`fleetgate.availability.available`.
    #[pyfunction]
    #[pyo3(signature = (stock: "object", bookings: "object", start: "object", end: "object") -> "int")]
    fn available(
        py: Python<'_>,
        stock: &Bound<'_, PyAny>,
        bookings: &Bound<'_, PyAny>,
        start: &Bound<'_, PyAny>,
        end: &Bound<'_, PyAny>,
    ) -> PyResult<u32> {
        guard(py, || {
            let stock: u32 = boundary::decode(stock, &site::STOCK)?;
            let (bookings, start, end) = inputs(bookings, start, end)?;
            core::available(stock, &bookings, start, end).map_err(|e| to_py_err(py, &e))
        })
    }

    /// The segments tiling ``[start, end)``; see :func:`fleetgate.availability.timeline`. Returns a list of
    /// ``fleetgate.availability.Segment``.
    #[pyfunction]
    #[pyo3(signature = (stock: "object", bookings: "object", start: "object", end: "object") -> "object")]
    fn timeline(
        py: Python<'_>,
        stock: &Bound<'_, PyAny>,
        bookings: &Bound<'_, PyAny>,
        start: &Bound<'_, PyAny>,
        end: &Bound<'_, PyAny>,
    ) -> PyResult<Vec<Py<PyAny>>> {
        guard(py, || {
            let stock: u32 = boundary::decode(stock, &site::STOCK)?;
            let (bookings, start, end) = inputs(bookings, start, end)?;
            segments(py, &core::timeline(stock, &bookings, start, end).map_err(|e| to_py_err(py, &e))?)
        })
    }

    /// The serial ``units`` no booking holding them overlaps in ``[start, end)``; see
    /// :func:`fleetgate.availability.free_units`.
    #[pyfunction]
    #[pyo3(signature = (units: "object", bookings: "object", start: "object", end: "object") -> "list[str]")]
    fn free_units(
        py: Python<'_>,
        units: &Bound<'_, PyAny>,
        bookings: &Bound<'_, PyAny>,
        start: &Bound<'_, PyAny>,
        end: &Bound<'_, PyAny>,
    ) -> PyResult<Vec<String>> {
        guard(py, || {
            let units: Vec<String> = boundary::decode(units, &site::UNITS)?;
            let (bookings, start, end) = inputs(bookings, start, end)?;
            let free = core::free_units(&units, &bookings, start, end).map_err(|e| to_py_err(py, &e))?;
            Ok(free.into_iter().map(str::to_owned).collect())
        })
    }
}
