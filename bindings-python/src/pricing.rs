//! `fleetgate.pricing`: wraps `fleetgate::pricing` (Odoo-compatible rate cards, best cover, late fees).

use pyo3::prelude::*;

/// Rental prices: rate cards quoted in Odoo mode or best mode, and late-return fees, in integer minor units.
#[pymodule]
pub(crate) mod pricing {
    use fleetgate::instant::Instant;
    use fleetgate::pricing::{self as core, site, LateFeeOptions, QuoteOptions, RateCardOptions, Rule};
    use pyo3::prelude::*;
    use pyo3::types::PyDict;

    use crate::boundary;
    use crate::errors::{guard, to_py_err};

    /// A validated rate card; see :class:`fleetgate.pricing.RateCard`.
    #[pyclass(frozen, subclass, module = "fleetgate._fleetgate.pricing")]
    pub(crate) struct RateCard {
        card: core::RateCard,
    }

    #[pymethods]
    impl RateCard {
        #[new]
        #[pyo3(signature = (rules: "object", *, currency: "object" = None, list_price: "object" = None, pricelist_rules: "object" = None, **unknown: "object"))]
        fn new(
            py: Python<'_>,
            rules: &Bound<'_, PyAny>,
            currency: Option<&Bound<'_, PyAny>>,
            list_price: Option<&Bound<'_, PyAny>>,
            pricelist_rules: Option<&Bound<'_, PyAny>>,
            unknown: Option<&Bound<'_, PyDict>>,
        ) -> PyResult<Self> {
            guard(py, || {
                let rules: Vec<Rule> = boundary::decode(rules, &site::RULES)?;
                let kwargs = [("currency", currency), ("list_price", list_price), ("pricelist_rules", pricelist_rules)];
                let options: RateCardOptions = boundary::decode_kwargs(py, &kwargs, unknown, &site::CARD_OPTIONS)?;
                let card = core::RateCard::with_options(rules, options).map_err(|e| to_py_err(py, &e))?;
                Ok(RateCard { card })
            })
        }

        /// Quotes ``[start, end)``; see :meth:`fleetgate.pricing.RateCard.quote`. Returns a
        /// ``fleetgate.pricing.Quote``.
        #[allow(clippy::too_many_arguments)]
        #[pyo3(signature = (start: "object", end: "object", *, mode: "object" = None, pricelist: "object" = None, tz: "object" = None, **unknown: "object") -> "object")]
        fn quote(
            &self,
            py: Python<'_>,
            start: &Bound<'_, PyAny>,
            end: &Bound<'_, PyAny>,
            mode: Option<&Bound<'_, PyAny>>,
            pricelist: Option<&Bound<'_, PyAny>>,
            tz: Option<&Bound<'_, PyAny>>,
            unknown: Option<&Bound<'_, PyDict>>,
        ) -> PyResult<Py<PyAny>> {
            guard(py, || {
                let start: Instant = boundary::decode(start, &site::START)?;
                let end: Instant = boundary::decode(end, &site::END)?;
                let kwargs = [("mode", mode), ("pricelist", pricelist), ("tz", tz)];
                let options: QuoteOptions = boundary::decode_kwargs(py, &kwargs, unknown, &site::OPTIONS)?;
                let quote = self.card.quote(start.0, end.0, &options).map_err(|e| to_py_err(py, &e))?;
                boundary::result(py, "fleetgate.pricing", "Quote", &serde_json::to_value(quote).expect("serializes"))
            })
        }
    }

    /// The late-return fee; see :func:`fleetgate.pricing.late_fee`. Returns a ``fleetgate.pricing.LateFee``.
    #[pyfunction]
    #[pyo3(signature = (planned_return: "object", actual_return: "object", *, extra_hourly: "object" = None, extra_daily: "object" = None, grace_hours: "object" = None, variant: "object" = None, currency: "object" = None, **unknown: "object") -> "object")]
    #[allow(clippy::too_many_arguments)]
    fn late_fee(
        py: Python<'_>,
        planned_return: &Bound<'_, PyAny>,
        actual_return: &Bound<'_, PyAny>,
        extra_hourly: Option<&Bound<'_, PyAny>>,
        extra_daily: Option<&Bound<'_, PyAny>>,
        grace_hours: Option<&Bound<'_, PyAny>>,
        variant: Option<&Bound<'_, PyAny>>,
        currency: Option<&Bound<'_, PyAny>>,
        unknown: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Py<PyAny>> {
        guard(py, || {
            let planned: Instant = boundary::decode(planned_return, &site::PLANNED_RETURN)?;
            let actual: Instant = boundary::decode(actual_return, &site::ACTUAL_RETURN)?;
            let kwargs = [
                ("extra_hourly", extra_hourly),
                ("extra_daily", extra_daily),
                ("grace_hours", grace_hours),
                ("variant", variant),
                ("currency", currency),
            ];
            let options: LateFeeOptions = boundary::decode_kwargs(py, &kwargs, unknown, &site::OPTIONS)?;
            let fee = core::late_fee(planned.0, actual.0, &options).map_err(|e| to_py_err(py, &e))?;
            boundary::result(py, "fleetgate.pricing", "LateFee", &serde_json::to_value(fee).expect("serializes"))
        })
    }
}
