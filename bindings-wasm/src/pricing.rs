//! `pricing`: wraps `fleetgate::pricing` (Odoo-compatible rate cards, best cover, late fees).

use fleetgate::pricing::{self as core, PricingError};
use wasm_bindgen::prelude::*;

use crate::errors::to_js_err;
use crate::json::{read_options, to_js, to_json};

/// Rental prices: late-return fees here; rate cards are `pricing.RateCard`.
#[wasm_bindgen(js_name = "pricing")]
pub struct Pricing;

/// A validated rate card: rules `{unit: 'hour'|'day'|'week'|'month'|'year', duration, price: '3.50'}`
/// (duration 0 = a flat price), with `options.currency` (default EUR), `options.listPrice` (charged when no
/// rule applies) and `options.pricelistRules` (`{pricelist name: [rules]}`).
#[wasm_bindgen(js_name = "RateCard")]
pub struct RateCard {
    card: core::RateCard,
}

#[wasm_bindgen(js_class = "RateCard")]
impl RateCard {
    /// Reads and validates the card.
    /// @throws {Error} `code` `invalid_rate_card`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "Array<{ unit: string; duration: number; price: string }>")]
        rules: JsValue,
        #[wasm_bindgen(
            unchecked_param_type = "{ currency?: string; listPrice?: string | number | null; pricelistRules?: Record<string, Array<{ unit: string; duration: number; price: string }>> | null }"
        )]
        options: JsValue,
    ) -> Result<RateCard, JsValue> {
        let [currency, list_price, pricelist_rules] =
            read_options(&options, ["currency", "listPrice", "pricelistRules"])
                .map_err(|problem| to_js_err(PricingError::InvalidRateCard { loc: "options".into(), problem }))?;
        core::RateCard::from_json(&to_json(&rules), &currency, Some(&list_price), Some(&pricelist_rules))
            .map(|card| RateCard { card })
            .map_err(to_js_err)
    }

    /// Quotes `[start, end)` (RFC 3339 strings or unix seconds). `options.mode`: `'odoo'` (default; Odoo's single
    /// cheapest rule) or `'best'` (the cheapest combination, never dearer); `options.pricelist`: that
    /// pricelist's rules first; `options.tz`: where calendar months are counted (IANA name, default UTC).
    /// Returns `{total_minor, total, currency, rule, breakdown: [{rule, count, subtotal_minor, subtotal}]}`.
    /// @throws {Error} `code` `invalid_quote`, `no_price` or `amount_overflow`.
    #[wasm_bindgen(unchecked_return_type = "Record<string, any>")]
    pub fn quote(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | number")] start: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string | number")] end: JsValue,
        #[wasm_bindgen(
            unchecked_param_type = "{ mode?: 'odoo' | 'best'; pricelist?: string | null; tz?: string | null }"
        )]
        options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let [mode, pricelist, tz] = read_options(&options, ["mode", "pricelist", "tz"])
            .map_err(|problem| to_js_err(PricingError::InvalidQuote { argument: "options".into(), problem }))?;
        let quote = self.card.quote_json(&to_json(&start), &to_json(&end), &mode, &pricelist, &tz);
        quote.map(|q| to_js(&q)).map_err(to_js_err)
    }
}

#[wasm_bindgen(js_class = "pricing")]
impl Pricing {
    /// The late-return fee (Odoo-compatible): nothing while the delay is at most `graceHours` (default 2);
    /// otherwise whole days x `extraDaily` + whole remaining hours x `extraHourly`. `variant`: `'odoo'`
    /// (default), `'grace_subtracted'` or `'hourly_capped'`; rates are decimal strings in `currency` (default
    /// EUR). Returns `{total_minor, total, currency, days, hours}`.
    /// @throws {Error} `code` `invalid_quote` or `amount_overflow`.
    #[wasm_bindgen(js_name = "lateFee", unchecked_return_type = "Record<string, any>")]
    pub fn late_fee(
        #[wasm_bindgen(unchecked_param_type = "string | number", js_name = "plannedReturn")] planned_return: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string | number", js_name = "actualReturn")] actual_return: JsValue,
        #[wasm_bindgen(
            unchecked_param_type = "{ extraHourly: string | number; extraDaily: string | number; graceHours?: number; variant?: 'odoo' | 'grace_subtracted' | 'hourly_capped'; currency?: string }"
        )]
        options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let [hourly, daily, grace, variant, currency] =
            read_options(&options, ["extraHourly", "extraDaily", "graceHours", "variant", "currency"])
                .map_err(|problem| to_js_err(PricingError::InvalidQuote { argument: "options".into(), problem }))?;
        let (planned, actual) = (to_json(&planned_return), to_json(&actual_return));
        let fee = core::late_fee_json(&planned, &actual, &hourly, &daily, &grace, &variant, &currency);
        fee.map(|f| to_js(&f)).map_err(to_js_err)
    }
}
