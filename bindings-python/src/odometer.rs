//! `fleetgate.odometer`: wraps `fleetgate::odometer` (reading checks, batch checks, meter entries). Readings,
//! policies and options are decoded by the core (`fleetgate::odometer::input`) through `crate::boundary`.

use pyo3::prelude::*;

/// Odometer readings: normalisation, duplicates, order and speed checks, verdicts and meter entries.
#[pymodule]
pub(crate) mod odometer {
    use fleetgate::boundary::{self as core_boundary, Keys, Site};
    use fleetgate::odometer::input::{self, indexed_path, reading_site, POLICY_SITE};
    use fleetgate::odometer::{
        self as core, Checked, ColumnsInput, FromSmartcarOptions, MeterEntryOptions, OdometerError, Policy, Reading,
        ReadingInput, Reason, UnitsInput, SMARTCAR_READING_SITE,
    };
    use pyo3::prelude::*;
    use pyo3::types::{PyDict, PyFloat, PyList, PyTuple};
    use serde::de::DeserializeOwned;

    use crate::boundary;
    use crate::errors::{guard, to_py_err};

    fn err(py: Python<'_>) -> impl Fn(OdometerError) -> PyErr + '_ {
        move |e| to_py_err(py, &e)
    }

    /// Refuses keyword arguments the function does not have (`invalid_argument` naming the first), as the JS
    /// bindings refuse unknown keys: never Python's own `TypeError`.
    fn no_unknown(py: Python<'_>, unknown: Option<&Bound<'_, PyDict>>) -> PyResult<()> {
        match unknown.and_then(|d| d.keys().iter().next()) {
            None => Ok(()),
            Some(name) => {
                let site = Site::argument("odometer", "keywords");
                Err(boundary::arg_err(py, site.error(name.str()?.to_string(), "is not an argument of this function")))
            }
        }
    }

    /// The thresholds of the checks; every keyword is optional and defaults to the documented value
    /// (see ``docs/odometer.md``).
    #[pyclass(module = "fleetgate.odometer", name = "Policy", frozen, eq)]
    #[derive(Clone, PartialEq)]
    pub struct PyPolicy {
        pub(crate) inner: Policy,
    }

    #[pymethods]
    impl PyPolicy {
        /// Builds a policy; raises ``fleetgate.OdometerError`` (``invalid_policy``, with ``details.path`` and the
        /// bound) for a threshold of the wrong type or out of range.
        #[new]
        #[pyo3(signature = (*, max_speed_kmh: "float | None" = None, min_elapsed_s: "int | None" = None, meter_digits: "int | None" = None, tolerance_m: "int | None" = None, same_value_window_s: "int | None" = None, **unknown: "object"))]
        fn new(
            py: Python<'_>,
            max_speed_kmh: Option<&Bound<'_, PyAny>>,
            min_elapsed_s: Option<&Bound<'_, PyAny>>,
            meter_digits: Option<&Bound<'_, PyAny>>,
            tolerance_m: Option<&Bound<'_, PyAny>>,
            same_value_window_s: Option<&Bound<'_, PyAny>>,
            unknown: Option<&Bound<'_, PyDict>>,
        ) -> PyResult<Self> {
            guard(py, || {
                let given = [
                    ("max_speed_kmh", max_speed_kmh),
                    ("min_elapsed_s", min_elapsed_s),
                    ("meter_digits", meter_digits),
                    ("tolerance_m", tolerance_m),
                    ("same_value_window_s", same_value_window_s),
                ];
                let policy: Policy = boundary::decode_kwargs(py, &given, unknown, &POLICY_SITE)?;
                Ok(PyPolicy { inner: policy.validated(Keys::Snake).map_err(err(py))? })
            })
        }

        /// Highest plausible average speed between two readings, km/h.
        #[getter]
        fn max_speed_kmh(&self) -> f64 {
            self.inner.max_speed_kmh
        }
        /// Elapsed-time floor in seconds for speed checks.
        #[getter]
        fn min_elapsed_s(&self) -> i64 {
            self.inner.min_elapsed_s
        }
        /// Digits of the meter, if known.
        #[getter]
        fn meter_digits(&self) -> Option<u32> {
            self.inner.meter_digits
        }
        /// Slack in metres for the order checks.
        #[getter]
        fn tolerance_m(&self) -> i64 {
            self.inner.tolerance_m
        }
        /// The legacy same-value duplicate window in seconds, if on.
        #[getter]
        fn same_value_window_s(&self) -> Option<i64> {
            self.inner.same_value_window_s
        }
        fn __repr__(&self) -> String {
            let p = &self.inner;
            let opt = |v: Option<i64>| v.map_or("None".to_owned(), |v| v.to_string());
            format!(
                "Policy(max_speed_kmh={:?}, min_elapsed_s={}, meter_digits={}, tolerance_m={}, same_value_window_s={})",
                p.max_speed_kmh,
                p.min_elapsed_s,
                opt(p.meter_digits.map(i64::from)),
                p.tolerance_m,
                opt(p.same_value_window_s)
            )
        }
    }

    /// One odometer reading: a value and unit (or whole metres), when the car recorded it, and what identifies it.
    #[pyclass(module = "fleetgate.odometer", name = "Reading", frozen, eq)]
    #[derive(Clone, PartialEq)]
    pub struct PyReading {
        pub(crate) inner: Reading,
    }

    /// A reading from keyword arguments (the same keys as a reading dict).
    fn reading_from_kwargs(
        py: Python<'_>,
        given: &[(&'static str, Option<&Bound<'_, PyAny>>)],
        unknown: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Reading> {
        let site = reading_site("reading");
        let input: ReadingInput = boundary::decode_kwargs(py, given, unknown, &site)?;
        input.into_reading_at(&site, "").map_err(err(py))
    }

    #[pymethods]
    impl PyReading {
        /// A reading of ``value`` (a number or decimal string) in ``unit`` at ``reading_time`` (unix seconds or an
        /// RFC 3339 string). ``event_id``, ``source`` and ``id`` (your row id: a str or a whole number) identify it;
        /// ``status`` marks a history entry that was voided or duplicated. Raises ``fleetgate.OdometerError``
        /// (``invalid_reading`` / ``invalid_time``, with ``details.path``).
        #[new]
        #[pyo3(signature = (value: "int | float | str", unit: "str", reading_time: "int | float | str", *, event_id: "str | None" = None, source: "str | None" = None, id: "int | str | None" = None, received_time: "int | float | str | None" = None, status: "str | None" = None, **unknown: "object"))]
        #[allow(clippy::too_many_arguments)]
        fn new(
            py: Python<'_>,
            value: &Bound<'_, PyAny>,
            unit: &Bound<'_, PyAny>,
            reading_time: &Bound<'_, PyAny>,
            event_id: Option<&Bound<'_, PyAny>>,
            source: Option<&Bound<'_, PyAny>>,
            id: Option<&Bound<'_, PyAny>>,
            received_time: Option<&Bound<'_, PyAny>>,
            status: Option<&Bound<'_, PyAny>>,
            unknown: Option<&Bound<'_, PyDict>>,
        ) -> PyResult<Self> {
            guard(py, || {
                let given = [
                    ("value", Some(value)),
                    ("unit", Some(unit)),
                    ("reading_time", Some(reading_time)),
                    ("event_id", event_id),
                    ("source", source),
                    ("id", id),
                    ("received_time", received_time),
                    ("status", status),
                ];
                Ok(PyReading { inner: reading_from_kwargs(py, &given, unknown)? })
            })
        }

        /// A reading already in whole metres.
        #[staticmethod]
        #[pyo3(signature = (metres: "int", reading_time: "int | float | str", *, event_id: "str | None" = None, source: "str | None" = None, id: "int | str | None" = None, received_time: "int | float | str | None" = None, status: "str | None" = None, **unknown: "object") -> "Reading")]
        #[allow(clippy::too_many_arguments)]
        fn from_metres(
            py: Python<'_>,
            metres: &Bound<'_, PyAny>,
            reading_time: &Bound<'_, PyAny>,
            event_id: Option<&Bound<'_, PyAny>>,
            source: Option<&Bound<'_, PyAny>>,
            id: Option<&Bound<'_, PyAny>>,
            received_time: Option<&Bound<'_, PyAny>>,
            status: Option<&Bound<'_, PyAny>>,
            unknown: Option<&Bound<'_, PyDict>>,
        ) -> PyResult<Self> {
            guard(py, || {
                let given = [
                    ("metres", Some(metres)),
                    ("reading_time", Some(reading_time)),
                    ("event_id", event_id),
                    ("source", source),
                    ("id", id),
                    ("received_time", received_time),
                    ("status", status),
                ];
                Ok(PyReading { inner: reading_from_kwargs(py, &given, unknown)? })
            })
        }

        /// The reading time in unix milliseconds.
        #[getter]
        fn reading_time_ms(&self) -> i64 {
            self.inner.reading_time_ms
        }
        /// The source event id.
        #[getter]
        fn event_id(&self) -> Option<&str> {
            self.inner.event_id.as_deref()
        }
        /// The source (``smartcar``, ``manual``, ...).
        #[getter]
        fn source(&self) -> Option<&str> {
            self.inner.source.as_deref()
        }
        /// The unit as given.
        #[getter]
        fn unit(&self) -> Option<&str> {
            self.inner.unit.as_deref()
        }
        /// The reading as a dict, as ``check`` takes it back: ``value`` + ``unit`` (or ``metres``),
        /// ``reading_time`` and ``received_time`` as RFC 3339 UTC, and ``event_id``, ``source``, ``id``,
        /// ``status`` when set (``{**reading.to_dict(), "id": row_id}`` adds your row id).
        #[pyo3(signature = () -> "dict[str, object]")]
        fn to_dict(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
            boundary::to_py(py, &self.inner.to_input_json(Keys::Snake))
        }
        fn __repr__(&self) -> String {
            format!(
                "Reading({:?}, {:?}, reading_time_ms={})",
                self.inner.value, self.inner.unit, self.inner.reading_time_ms
            )
        }
    }

    /// One reading: a ``Reading`` or a reading dict (decoded by the core at `site`).
    fn reading_of(obj: &Bound<'_, PyAny>, site: &Site) -> PyResult<Reading> {
        if let Ok(r) = obj.cast::<PyReading>() {
            return Ok(r.get().inner.clone());
        }
        input::decode_reading(boundary::value(obj, site)?, site).map_err(err(obj.py()))
    }

    /// A list of readings (``Reading`` objects and dicts, mixed); problems name the item (``[2].reading_time``).
    fn readings_at(list: &Bound<'_, PyAny>, site: &Site) -> PyResult<Vec<Reading>> {
        let py = list.py();
        if !(list.is_instance_of::<PyList>() || list.is_instance_of::<PyTuple>()) {
            // Not a list: the core's decoder says what it expected.
            return input::decode_readings(boundary::value(list, site)?, site).map_err(err(py));
        }
        let mut out = Vec::with_capacity(list.len()?);
        for (index, item) in list.try_iter()?.enumerate() {
            let item = item?;
            if let Ok(r) = item.cast::<PyReading>() {
                out.push(r.get().inner.clone());
                continue;
            }
            let walked = core_boundary::walk(&boundary::PyHost(item.clone()), site).map_err(|mut e| {
                e.path = indexed_path(index, &e.path);
                boundary::arg_err(py, e)
            })?;
            out.push(input::decode_reading_at(walked, site, index).map_err(err(py))?);
        }
        Ok(out)
    }

    /// The readings of a ``history`` argument (used by ``smartcar.Client.sync_vehicle`` too).
    pub(crate) fn readings_of(list: &Bound<'_, PyAny>) -> PyResult<Vec<Reading>> {
        readings_at(list, &reading_site("history"))
    }

    /// The ``policy`` argument: a ``Policy``, a dict with the same keys, or None (the defaults).
    pub(crate) fn policy_of(py: Python<'_>, policy: Option<&Bound<'_, PyAny>>) -> PyResult<Policy> {
        match policy {
            None => Ok(Policy::default()),
            Some(p) => match p.cast::<PyPolicy>() {
                Ok(p) => Ok(p.get().inner.clone()),
                Err(_) => input::decode_policy(boundary::value(p, &POLICY_SITE)?, &POLICY_SITE).map_err(err(py)),
            },
        }
    }

    /// The verdict on one reading, made only by ``check`` / ``check_batch`` and holding the reading it judged:
    /// ``status`` (accept, duplicate, void), ``reason``, ``metres``, ``km``, ``allowed_range_m``,
    /// ``duplicate_of``; ``to_dict()`` gives the JSON shape shared by every binding.
    #[pyclass(module = "fleetgate.odometer", name = "Verdict", frozen, eq)]
    #[derive(PartialEq)]
    pub struct PyVerdict {
        inner: Checked,
    }

    #[pymethods]
    impl PyVerdict {
        /// ``accept``, ``duplicate`` or ``void``.
        #[getter]
        fn status(&self) -> &'static str {
            self.inner.verdict().status.as_str()
        }
        /// Why the reading is void (``out_of_sequence``, ``exceeds_max_rate``, ``unit_mismatch``,
        /// ``rollover_suspected``, ``invalid_value``), else None.
        #[getter]
        fn reason(&self) -> Option<&'static str> {
            self.inner.verdict().reason.map(Reason::code)
        }
        /// The reading in whole metres, when it could be read.
        #[getter]
        fn metres(&self) -> Option<i64> {
            self.inner.verdict().metres
        }
        /// The reading in kilometres, when it could be read.
        #[getter]
        fn km(&self) -> Option<f64> {
            self.inner.verdict().km()
        }
        /// For order failures, ``(prev, next)`` in metres (``next`` None when unbounded).
        #[getter]
        fn allowed_range_m(&self) -> Option<(i64, Option<i64>)> {
            self.inner.verdict().allowed_range_m
        }
        /// For duplicates, the id (else the event id) of the reading this one repeats.
        #[getter]
        fn duplicate_of(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
            boundary::to_py(py, &serde_json::to_value(self.inner.duplicate_of()).unwrap_or_default())
        }
        /// The reading this verdict was produced for.
        #[getter]
        fn reading(&self) -> PyReading {
            PyReading { inner: self.inner.reading().clone() }
        }
        /// The verdict as a dict in the JSON shape shared by every binding.
        #[pyo3(signature = () -> "dict[str, object]")]
        fn to_dict(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
            boundary::to_py(py, &serde_json::to_value(&self.inner).unwrap_or_default())
        }
        fn __repr__(&self) -> String {
            let v = self.inner.verdict();
            format!("Verdict(status={:?}, reason={:?}, metres={:?})", self.status(), self.reason(), v.metres)
        }
    }

    /// Judges ``candidate`` against the vehicle's ``history`` (Readings or dicts, any order). Every reading gets a
    /// verdict; a bad value is a ``void`` verdict with reason ``invalid_value``. Raises ``fleetgate.OdometerError``
    /// for malformed readings (``invalid_reading``, ``invalid_time``) or policies (``invalid_policy``), with
    /// ``details.path``. Rules: ``docs/odometer.md``.
    #[pyfunction]
    #[pyo3(signature = (history: "list[Reading | dict[str, object]]", candidate: "Reading | dict[str, object]", policy: "Policy | dict[str, object] | None" = None, **unknown: "object") -> "Verdict")]
    fn check(
        py: Python<'_>,
        history: &Bound<'_, PyAny>,
        candidate: &Bound<'_, PyAny>,
        policy: Option<&Bound<'_, PyAny>>,
        unknown: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<PyVerdict> {
        guard(py, || {
            no_unknown(py, unknown)?;
            let policy = policy_of(py, policy)?;
            let history = readings_at(history, &reading_site("history"))?;
            let candidate = reading_of(candidate, &reading_site("candidate"))?;
            Ok(PyVerdict { inner: core::check_checked(&history, candidate, &policy) })
        })
    }

    /// Judges a whole history (a backfill) in one call: sorted by reading time, O(n log n); returns one verdict per
    /// input, in input order, the same as checking them one at a time in reading-time order.
    #[pyfunction]
    #[pyo3(signature = (readings: "list[Reading | dict[str, object]]", policy: "Policy | dict[str, object] | None" = None, **unknown: "object") -> "list[Verdict]")]
    fn check_batch(
        py: Python<'_>,
        readings: &Bound<'_, PyAny>,
        policy: Option<&Bound<'_, PyAny>>,
        unknown: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Vec<PyVerdict>> {
        guard(py, || {
            no_unknown(py, unknown)?;
            let policy = policy_of(py, policy)?;
            let all = readings_at(readings, &reading_site("readings"))?;
            let checked = py.detach(|| core::check_batch_checked(all, &policy));
            Ok(checked.into_iter().map(|inner| PyVerdict { inner }).collect())
        })
    }

    /// A column argument decoded by the core (its problems name the column: ``times[3]``).
    fn column<T: DeserializeOwned>(py: Python<'_>, name: &'static str, given: &Bound<'_, PyAny>) -> PyResult<T> {
        let columns: std::collections::BTreeMap<String, T> =
            boundary::decode_kwargs(py, &[(name, Some(given))], None, &reading_site("columns"))?;
        columns.into_values().next().ok_or_else(|| to_py_err(py, &reading_site("columns").error(name, "is required")))
    }

    /// A float column: a list of floats is read directly (the fast path for large backfills); anything else goes
    /// through the core's decoder (ints, and the error for anything that is not a number).
    fn floats(py: Python<'_>, name: &'static str, given: &Bound<'_, PyAny>) -> PyResult<Vec<f64>> {
        if let Ok(list) = given.cast::<PyList>() {
            let fast: Option<Vec<f64>> =
                list.iter().map(|item| item.cast_exact::<PyFloat>().ok().map(|f| f.value())).collect();
            if let Some(values) = fast {
                return Ok(values);
            }
        }
        column(py, name, given)
    }

    /// ``check_batch`` over columns, for large backfills: ``values`` (floats), ``units`` (one unit name or one
    /// per value), ``times`` (unix seconds), optional ``event_ids`` and ``sources``. Returns a dict of lists:
    /// ``status``, ``reason``, ``metres`` and ``duplicate_of`` (the index of the repeated input, or None). These
    /// are not ``Verdict`` objects: meter entries come from ``check`` / ``check_batch`` verdicts.
    #[pyfunction]
    #[pyo3(signature = (values: "list[float]", units: "str | list[str]", times: "list[float]", *, event_ids: "list[str | None] | None" = None, sources: "list[str | None] | None" = None, policy: "Policy | dict[str, object] | None" = None, **unknown: "object") -> "dict[str, list[object]]")]
    #[allow(clippy::too_many_arguments)]
    fn check_batch_columns<'py>(
        py: Python<'py>,
        values: &Bound<'py, PyAny>,
        units: &Bound<'py, PyAny>,
        times: &Bound<'py, PyAny>,
        event_ids: Option<&Bound<'py, PyAny>>,
        sources: Option<&Bound<'py, PyAny>>,
        policy: Option<&Bound<'py, PyAny>>,
        unknown: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        guard(py, || {
            no_unknown(py, unknown)?;
            let policy = policy_of(py, policy)?;
            let values = floats(py, "values", values)?;
            let times = floats(py, "times", times)?;
            let units: UnitsInput = column(py, "units", units)?;
            let event_ids: Option<Vec<Option<String>>> = event_ids.map(|e| column(py, "event_ids", e)).transpose()?;
            let sources: Option<Vec<Option<String>>> = sources.map(|s| column(py, "sources", s)).transpose()?;
            let columns = ColumnsInput {
                values: &values,
                units: &units,
                times: &times,
                event_ids: event_ids.as_deref(),
                sources: sources.as_deref(),
            };
            let verdicts = py.detach(|| core::check_columns_input(&columns, &policy, Keys::Snake)).map_err(err(py))?;
            let out = PyDict::new(py);
            out.set_item("status", verdicts.iter().map(|v| v.status.as_str()).collect::<Vec<_>>())?;
            out.set_item("reason", verdicts.iter().map(|v| v.reason.map(Reason::code)).collect::<Vec<_>>())?;
            out.set_item("metres", verdicts.iter().map(|v| v.metres).collect::<Vec<_>>())?;
            out.set_item("duplicate_of", verdicts.iter().map(|v| v.duplicate_of).collect::<Vec<_>>())?;
            Ok(out)
        })
    }

    /// The ``meter_entries`` row to insert for an accepted reading (a ``fleetgate.odometer.MeterEntry``), or None
    /// for a duplicate or void one. ``verdict`` must be a ``Verdict`` returned by ``check`` / ``check_batch`` (the
    /// entry is made from the reading it holds; anything else is ``invalid_argument``); a ``reading``, if given,
    /// must be that same reading. ``car_id`` and ``source_id`` are required; ``source_type`` and ``sync``
    /// (``webhook`` or ``manual``) have the documented defaults.
    #[pyfunction]
    #[pyo3(signature = (verdict: "Verdict", reading: "Reading | dict[str, object] | None" = None, car_id: "int | str | None" = None, source_id: "int | str | None" = None, *, source_type: "str | None" = None, sync: "str | None" = None, **unknown: "object") -> "object | None")]
    #[allow(clippy::too_many_arguments)]
    fn meter_entry(
        py: Python<'_>,
        verdict: &Bound<'_, PyAny>,
        reading: Option<&Bound<'_, PyAny>>,
        car_id: Option<&Bound<'_, PyAny>>,
        source_id: Option<&Bound<'_, PyAny>>,
        source_type: Option<&Bound<'_, PyAny>>,
        sync: Option<&Bound<'_, PyAny>>,
        unknown: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Option<Py<PyAny>>> {
        guard(py, || {
            let Ok(verdict) = verdict.cast::<PyVerdict>() else {
                let site = Site::argument("odometer", "verdict");
                let problem = "must be a Verdict returned by odometer.check or odometer.check_batch";
                return Err(boundary::arg_err(py, site.error("", problem)));
            };
            let checked = &verdict.get().inner;
            if let Some(given) = reading {
                checked.require_reading(&reading_of(given, &reading_site("reading"))?).map_err(err(py))?;
            }
            let given = [("car_id", car_id), ("source_id", source_id), ("source_type", source_type), ("sync", sync)];
            let options: MeterEntryOptions = boundary::decode_kwargs(py, &given, unknown, &Site::options("odometer"))?;
            match checked.meter_entry(&options, Keys::Snake).map_err(err(py))? {
                None => Ok(None),
                Some(entry) => {
                    let json = serde_json::to_value(&entry).unwrap_or_default();
                    Ok(Some(boundary::result(py, "fleetgate.odometer", "MeterEntry", &json)?))
                }
            }
        })
    }

    /// Now in unix milliseconds (the received time when none is given).
    fn clock_ms() -> i64 {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis() as i64)
    }

    /// The ``reading`` argument of ``reading_from_smartcar``: a ``fleetgate.smartcar.OdometerReading`` (read by
    /// its fields, ``to_dict()``) or a dict with the same keys, decoded by the core.
    fn smartcar_reading(reading: &Bound<'_, PyAny>) -> PyResult<core::SmartcarReadingInput> {
        let py = reading.py();
        let class = py.import("fleetgate.smartcar")?.getattr("OdometerReading")?;
        let plain = if reading.is_instance(&class)? { reading.call_method0("to_dict")? } else { reading.clone() };
        let site = SMARTCAR_READING_SITE;
        core::decode_smartcar_reading(boundary::value(&plain, &site)?, &site).map_err(err(py))
    }

    /// The reading ``check`` takes for one reading of ``smartcar.parse_event(body).readings``, passed as
    /// ``parse_event`` returns it (an ``OdometerReading``, or a dict with its fields): a ``Reading`` with source
    /// ``smartcar``, the event id, the car's reading time (``read_at_ms``, Smartcar's ``oemUpdatedAt``), the value
    /// exactly as delivered and ``received_time`` (unix seconds or RFC 3339; default: now). Without a reading time
    /// it raises ``OdometerError`` ``missing_reading_time`` unless ``time_fallback`` is ``"fetched"`` (Smartcar's
    /// fetch time) or ``"received"`` (that, else the received time); the default, ``"none"``, lives in the core.
    /// Also ``invalid_reading``, ``invalid_time``, ``invalid_option``, with ``details.path``.
    #[pyfunction]
    #[pyo3(signature = (reading: "object", *, received_time: "int | float | str | None" = None, time_fallback: "str | None" = None, **unknown: "object") -> "Reading")]
    fn reading_from_smartcar(
        py: Python<'_>,
        reading: &Bound<'_, PyAny>,
        received_time: Option<&Bound<'_, PyAny>>,
        time_fallback: Option<&Bound<'_, PyAny>>,
        unknown: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<PyReading> {
        guard(py, || {
            let given = smartcar_reading(reading)?;
            let named = [("received_time", received_time), ("time_fallback", time_fallback)];
            let options: FromSmartcarOptions =
                boundary::decode_kwargs(py, &named, unknown, &Site::options("odometer"))?;
            let reading = core::reading_from_smartcar(given, &options, clock_ms, Keys::Snake).map_err(err(py))?;
            Ok(PyReading { inner: reading })
        })
    }

    /// The vehicle's current odometer (a ``fleetgate.odometer.CurrentOdometer``): the newest reading of
    /// ``history`` that ``check_batch`` accepts under ``policy`` (entries with status ``void`` or ``duplicate``
    /// left out; latest reading time, then highest metres, then first in history order), or None when none is
    /// accepted (an empty history included). Raises ``OdometerError`` (``invalid_reading``, ``invalid_time``,
    /// ``invalid_policy``) like ``check_batch``.
    #[pyfunction]
    #[pyo3(signature = (history: "list[Reading | dict[str, object]]", policy: "Policy | dict[str, object] | None" = None, **unknown: "object") -> "object | None")]
    fn current(
        py: Python<'_>,
        history: &Bound<'_, PyAny>,
        policy: Option<&Bound<'_, PyAny>>,
        unknown: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Option<Py<PyAny>>> {
        guard(py, || {
            no_unknown(py, unknown)?;
            let policy = policy_of(py, policy)?;
            let history = readings_at(history, &reading_site("history"))?;
            match py.detach(|| core::current(&history, &policy)) {
                None => Ok(None),
                Some(found) => {
                    let json = serde_json::to_value(&found).unwrap_or_default();
                    Ok(Some(boundary::result(py, "fleetgate.odometer", "CurrentOdometer", &json)?))
                }
            }
        })
    }
}
