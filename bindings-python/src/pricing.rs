//! `fleetgate.pricing`: wraps `fleetgate::pricing` (Odoo-compatible rate cards, best cover, late fees).

use pyo3::prelude::*;

/// Rental prices: rate cards quoted in Odoo mode or best mode, and late-return fees, in integer minor units.
#[pymodule]
pub(crate) mod pricing {
    use fleetgate::pricing as core;
    use pyo3::prelude::*;

    use crate::errors::{guard, to_py_err};
    use crate::json::{opt_json, to_json, to_py};

    /// A validated rate card.
    ///
    /// ``rules`` is a list of ``{'unit': 'hour'|'day'|'week'|'month'|'year', 'duration': int, 'price': '3.50'}``
    /// (duration 0 = a flat price); ``pricelist_rules`` a dict ``{pricelist name: [rules]}``; ``list_price`` the
    /// price charged when no rule applies. Raises ``fleetgate.PricingError`` (``invalid_rate_card``).
    #[pyclass(frozen, subclass, module = "fleetgate._fleetgate.pricing")]
    pub(crate) struct RateCard {
        card: core::RateCard,
    }

    #[pymethods]
    impl RateCard {
        #[new]
        #[pyo3(signature = (rules: "list[dict[str, object]]", *, currency: "str | None" = None, list_price: "str | int | None" = None, pricelist_rules: "dict[str, list[dict[str, object]]] | None" = None))]
        fn new(
            py: Python<'_>,
            rules: &Bound<'_, PyAny>,
            currency: Option<&Bound<'_, PyAny>>,
            list_price: Option<&Bound<'_, PyAny>>,
            pricelist_rules: Option<&Bound<'_, PyAny>>,
        ) -> PyResult<Self> {
            guard(py, || {
                let (list_price, pricelist_rules) = (opt_json(list_price)?, opt_json(pricelist_rules)?);
                core::RateCard::from_json(
                    &to_json(rules)?,
                    &opt_json(currency)?,
                    Some(&list_price),
                    Some(&pricelist_rules),
                )
                .map(|card| RateCard { card })
                .map_err(|e| to_py_err(py, &e))
            })
        }

        /// Quotes ``[start, end)`` (RFC 3339 strings or unix seconds; aware datetimes are accepted too).
        ///
        /// ``mode`` is ``'odoo'`` (Odoo's single cheapest rule, the default) or ``'best'`` (the cheapest
        /// combination of rules, never dearer); ``pricelist`` selects that pricelist's rules before the generic
        /// ones; ``tz`` (IANA name, default UTC) is where calendar months are counted. Returns a dict
        /// ``{total_minor, total, currency, rule, breakdown: [{rule, count, subtotal_minor, subtotal}]}``.
        /// Raises ``fleetgate.PricingError`` (``invalid_quote``, ``no_price``, ``amount_overflow``).
        #[pyo3(signature = (start: "str | int", end: "str | int", *, mode: "str | None" = None, pricelist: "str | None" = None, tz: "str | None" = None) -> "dict[str, object]")]
        fn quote(
            &self,
            py: Python<'_>,
            start: &Bound<'_, PyAny>,
            end: &Bound<'_, PyAny>,
            mode: Option<&Bound<'_, PyAny>>,
            pricelist: Option<&Bound<'_, PyAny>>,
            tz: Option<&Bound<'_, PyAny>>,
        ) -> PyResult<Py<PyAny>> {
            guard(py, || {
                let (mode, pricelist, tz) = (opt_json(mode)?, opt_json(pricelist)?, opt_json(tz)?);
                let quote = self.card.quote_json(&to_json(start)?, &to_json(end)?, &mode, &pricelist, &tz);
                quote.map_err(|e| to_py_err(py, &e)).and_then(|q| to_py(py, &q))
            })
        }
    }

    /// The late-return fee (Odoo-compatible): nothing while ``actual_return - planned_return <= grace_hours``;
    /// otherwise whole days x ``extra_daily`` + whole remaining hours x ``extra_hourly``.
    ///
    /// ``variant``: ``'odoo'`` (default), ``'grace_subtracted'`` (the grace is not charged) or
    /// ``'hourly_capped'`` (the hourly part never exceeds the daily rate). Rates are decimal strings in
    /// ``currency`` (default EUR). Returns ``{total_minor, total, currency, days, hours}``. Raises
    /// ``fleetgate.PricingError`` (``invalid_quote``, ``amount_overflow``).
    #[pyfunction]
    #[pyo3(signature = (planned_return: "str | int", actual_return: "str | int", *, extra_hourly: "str | int", extra_daily: "str | int", grace_hours: "int | None" = None, variant: "str | None" = None, currency: "str | None" = None) -> "dict[str, object]")]
    #[allow(clippy::too_many_arguments)]
    fn late_fee(
        py: Python<'_>,
        planned_return: &Bound<'_, PyAny>,
        actual_return: &Bound<'_, PyAny>,
        extra_hourly: &Bound<'_, PyAny>,
        extra_daily: &Bound<'_, PyAny>,
        grace_hours: Option<&Bound<'_, PyAny>>,
        variant: Option<&Bound<'_, PyAny>>,
        currency: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        guard(py, || {
            let fee = core::late_fee_json(
                &to_json(planned_return)?,
                &to_json(actual_return)?,
                &to_json(extra_hourly)?,
                &to_json(extra_daily)?,
                &opt_json(grace_hours)?,
                &opt_json(variant)?,
                &opt_json(currency)?,
            );
            fee.map_err(|e| to_py_err(py, &e)).and_then(|f| to_py(py, &f))
        })
    }
}
