//! `pricing`: wraps `fleetgate::pricing` (Odoo-compatible rate cards, best cover, late fees).

use fleetgate::instant::Instant;
use fleetgate::pricing::{self as core, site, LateFeeOptions, QuoteOptions, RateCardOptions, Rule};
use wasm_bindgen::prelude::*;

use crate::boundary;
use crate::errors::to_js_err;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
/** A pricing rule as written: `price` for every started `duration` x `unit` (duration 0 = a flat price). */
export interface PricingRule {
  unit: "hour" | "day" | "week" | "month" | "year";
  duration: number;
  price: string | number;
}
/** The options of a rate card (keys as given: `listPrice` or `list_price`; pricelist names are data). */
export interface RateCardOptions {
  currency?: string | null;
  listPrice?: string | number | null;
  pricelistRules?: Record<string, PricingRule[]> | null;
}
/** The options of `quote`: `mode`, `pricelist`, `tz` (defaults: docs/pricing.md). */
export interface QuoteOptions {
  mode?: "odoo" | "best" | null;
  pricelist?: string | null;
  tz?: string | null;
}
/** The options of `lateFee`: the rates (required), `graceHours`, `variant`, `currency` (defaults: docs/pricing.md). */
export interface LateFeeOptions {
  extraHourly: string | number;
  extraDaily: string | number;
  graceHours?: number | null;
  variant?: "odoo" | "grace_subtracted" | "hourly_capped" | null;
  currency?: string | null;
}
/** A rule of a quote, its price in the card's currency. */
export interface PricedRule {
  unit: "hour" | "day" | "week" | "month" | "year";
  duration: number;
  price: string;
  pricelist: string | null;
}
/** One line of a quote: a rule (or the list price when `rule` is null) taken `count` times. */
export interface QuoteLine {
  rule: PricedRule | null;
  count: number;
  subtotal_minor: number;
  subtotal: string;
}
/** A price quote. */
export interface Quote {
  total_minor: number;
  total: string;
  currency: string;
  rule: PricedRule | null;
  breakdown: QuoteLine[];
}
/** A late-return fee. */
export interface LateFee {
  total_minor: number;
  total: string;
  currency: string;
  days: number;
  hours: number;
}
"#;

/// Rental prices: late-return fees here; rate cards are `pricing.RateCard`.
#[wasm_bindgen(js_name = "pricing")]
pub struct Pricing;

/// A validated rate card: rules `{unit, duration, price}` (duration 0 = a flat price), with `options.currency`,
/// `options.listPrice` (charged when no rule applies) and `options.pricelistRules`
/// (`{pricelist name: [rules]}`). See docs/pricing.md.
#[wasm_bindgen(js_name = "RateCard")]
pub struct RateCard {
    card: core::RateCard,
}

#[wasm_bindgen(js_class = "RateCard")]
impl RateCard {
    /// Reads and validates the card.
    /// @throws {FleetgateError} `code` `invalid_rate_card` or `invalid_argument`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "PricingRule[]")] rules: JsValue,
        #[wasm_bindgen(unchecked_param_type = "RateCardOptions")] options: JsValue,
    ) -> Result<RateCard, JsValue> {
        let rules: Vec<Rule> = boundary::decode(&rules, &site::RULES)?;
        let options: RateCardOptions = boundary::decode_or_default(&options, &site::CARD_OPTIONS)?;
        let card = core::RateCard::with_options(rules, options).map_err(to_js_err)?;
        Ok(RateCard { card })
    }

    /// Quotes `[start, end)` (RFC 3339 strings, `Date`s or unix seconds) in `options.mode` (`'odoo'` or
    /// `'best'`), with `options.pricelist`'s rules first; calendar months are counted in `options.tz`.
    /// @throws {FleetgateError} `code` `invalid_quote`, `no_price` or `amount_overflow`.
    #[wasm_bindgen(unchecked_return_type = "Quote")]
    pub fn quote(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | number | Date")] start: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string | number | Date")] end: JsValue,
        #[wasm_bindgen(unchecked_param_type = "QuoteOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let start: Instant = boundary::decode(&start, &site::START)?;
        let end: Instant = boundary::decode(&end, &site::END)?;
        let options: QuoteOptions = boundary::decode_or_default(&options, &site::OPTIONS.camel())?;
        let quote = self.card.quote(start.0, end.0, &options).map_err(to_js_err)?;
        Ok(boundary::to_js(&serde_json::to_value(quote).expect("a quote serializes")))
    }
}

#[wasm_bindgen(js_class = "pricing")]
impl Pricing {
    /// The late-return fee (Odoo-compatible): nothing while the delay is at most `graceHours`; otherwise
    /// whole days x `extraDaily` + whole remaining hours x `extraHourly`. See docs/pricing.md.
    /// @throws {FleetgateError} `code` `invalid_quote` or `amount_overflow`.
    #[wasm_bindgen(js_name = "lateFee", unchecked_return_type = "LateFee")]
    pub fn late_fee(
        #[wasm_bindgen(unchecked_param_type = "string | number | Date", js_name = "plannedReturn")]
        planned_return: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string | number | Date", js_name = "actualReturn")]
        actual_return: JsValue,
        #[wasm_bindgen(unchecked_param_type = "LateFeeOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let planned: Instant = boundary::decode(&planned_return, &site::PLANNED_RETURN)?;
        let actual: Instant = boundary::decode(&actual_return, &site::ACTUAL_RETURN)?;
        let options: LateFeeOptions = boundary::decode(&options, &site::OPTIONS.camel())?;
        let fee = core::late_fee(planned.0, actual.0, &options).map_err(to_js_err)?;
        Ok(boundary::to_js(&serde_json::to_value(fee).expect("a late fee serializes")))
    }
}
