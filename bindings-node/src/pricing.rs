//! `pricing` namespace: wraps `fleetgate::pricing` (Odoo-compatible rate cards, best cover, late fees).

use fleetgate::instant::Instant;
use fleetgate::pricing::{self as core, site, LateFeeOptions as CoreLateFeeOptions, QuoteOptions as CoreQuoteOptions};
use napi::bindgen_prelude::Unknown;
use napi::Env;
use napi_derive::napi;
use serde_json::Value as Json;

use crate::boundary;
use crate::errors::{guard, to_js_err};

/// A pricing rule as written (data: the same keys in every language).
#[napi(object, object_to_js = false, namespace = "pricing")]
#[allow(dead_code)]
pub struct Rule {
    /// The unit.
    #[napi(ts_type = "'hour' | 'day' | 'week' | 'month' | 'year'")]
    pub unit: String,
    /// Units one price covers; 0 = a flat price.
    pub duration: u32,
    /// The price, a decimal string (`'3.50'`) or a whole number.
    #[napi(ts_type = "string | number")]
    pub price: Json,
}

/// The options of a rate card (`fleetgate::pricing::RateCardOptions`; pricelist names are data, so the keys
/// are read as given: `listPrice` / `list_price`).
#[napi(object, object_to_js = false, namespace = "pricing")]
#[allow(dead_code)]
pub struct RateCardOptions {
    /// The ISO 4217 currency.
    pub currency: Option<String>,
    /// The price charged when no rule applies.
    #[napi(ts_type = "string | number | null")]
    pub list_price: Option<Json>,
    /// Rules per pricelist.
    #[napi(ts_type = "Record<string, Array<{ unit: string; duration: number; price: string | number }>> | null")]
    pub pricelist_rules: Option<Json>,
}

/// The options of `quote` (`fleetgate::pricing::QuoteOptions`).
#[napi(object, object_to_js = false, namespace = "pricing")]
#[allow(dead_code)]
pub struct QuoteOptions {
    /// `'odoo'` (Odoo's single cheapest rule) or `'best'` (the cheapest combination).
    #[napi(ts_type = "'odoo' | 'best' | null")]
    pub mode: Option<String>,
    /// That pricelist's rules first.
    #[napi(ts_type = "string | null")]
    pub pricelist: Option<String>,
    /// Where calendar months are counted (an IANA name).
    #[napi(ts_type = "string | null")]
    pub tz: Option<String>,
}

/// The options of `lateFee` (`fleetgate::pricing::LateFeeOptions`).
#[napi(object, object_to_js = false, namespace = "pricing")]
#[allow(dead_code)]
pub struct LateFeeOptions {
    /// The rate per whole hour late.
    #[napi(ts_type = "string | number")]
    pub extra_hourly: Json,
    /// The rate per whole day late.
    #[napi(ts_type = "string | number")]
    pub extra_daily: Json,
    /// No fee while the delay is at most this many hours.
    pub grace_hours: Option<u32>,
    /// How grace and hours are charged.
    #[napi(ts_type = "'odoo' | 'grace_subtracted' | 'hourly_capped'")]
    pub variant: Option<String>,
    /// The currency of the rates.
    pub currency: Option<String>,
}

/// A rule of a quote, with its price in the card's currency.
#[napi(object, object_from_js = false, namespace = "pricing")]
#[allow(dead_code)]
pub struct PricedRule {
    /// The unit.
    #[napi(ts_type = "'hour' | 'day' | 'week' | 'month' | 'year'")]
    pub unit: String,
    /// Units one price covers; 0 = a flat price.
    pub duration: u32,
    /// The price, a decimal string.
    pub price: String,
    /// The pricelist, or `null` for generic rules.
    #[napi(ts_type = "string | null")]
    pub pricelist: Json,
}

/// One line of a quote.
#[napi(object, object_from_js = false, namespace = "pricing")]
#[allow(dead_code)]
pub struct Line {
    /// The rule, or `null` for the list price.
    #[napi(ts_type = "pricing.PricedRule | null")]
    pub rule: Json,
    /// How many times its price is charged.
    pub count: i64,
    /// The subtotal in minor units.
    #[napi(js_name = "subtotal_minor")]
    pub subtotal_minor: i64,
    /// The subtotal, a decimal string.
    pub subtotal: String,
}

/// A price quote (`fleetgate::pricing::Quote`).
#[napi(object, object_from_js = false, namespace = "pricing")]
#[allow(dead_code)]
pub struct Quote {
    /// The total in minor units.
    #[napi(js_name = "total_minor")]
    pub total_minor: i64,
    /// The total, a decimal string.
    pub total: String,
    /// The ISO 4217 currency.
    pub currency: String,
    /// The rule Odoo mode chose (`null` in best mode and for the list price).
    #[napi(ts_type = "pricing.PricedRule | null")]
    pub rule: Json,
    /// What the total is made of.
    pub breakdown: Vec<Line>,
}

/// A late-return fee (`fleetgate::pricing::LateFee`).
#[napi(object, object_from_js = false, namespace = "pricing")]
#[allow(dead_code)]
pub struct LateFee {
    /// The fee in minor units.
    #[napi(js_name = "total_minor")]
    pub total_minor: i64,
    /// The fee, a decimal string.
    pub total: String,
    /// The ISO 4217 currency.
    pub currency: String,
    /// Whole days charged.
    pub days: i64,
    /// Whole hours charged.
    pub hours: i64,
}

/// A validated rate card: rules `{unit, duration, price}` (duration 0 = a flat price) with `options.currency`,
/// `options.listPrice` (charged when no rule applies) and `options.pricelistRules`
/// (`{pricelist name: [rules]}`). See docs/pricing.md.
/// @throws {FleetgateError} `code` `invalid_rate_card` or `invalid_argument`.
#[napi(namespace = "pricing")]
pub struct RateCard {
    card: core::RateCard,
}

#[napi(namespace = "pricing")]
impl RateCard {
    /// Reads and validates the card.
    #[napi(constructor)]
    pub fn new(
        env: &Env,
        #[napi(ts_arg_type = "Array<pricing.Rule>")] rules: Unknown<'_>,
        #[napi(ts_arg_type = "pricing.RateCardOptions")] options: Option<Unknown<'_>>,
    ) -> napi::Result<Self> {
        guard(env, || {
            let rules = boundary::decode(env, rules, &site::RULES)?;
            let options = boundary::decode_or_default(env, options, &site::CARD_OPTIONS)?;
            let card = core::RateCard::with_options(rules, options).map_err(to_js_err(env))?;
            Ok(RateCard { card })
        })
    }

    /// Quotes `[start, end)` (RFC 3339 strings, `Date`s or unix seconds) in `options.mode` (`'odoo'` or `'best'`), with `options.pricelist`'s rules first; calendar months are counted in `options.tz`.
    /// @throws {FleetgateError} `code` `invalid_quote`, `no_price` or `amount_overflow`.
    #[napi(ts_return_type = "pricing.Quote")]
    pub fn quote(
        &self,
        env: &Env,
        #[napi(ts_arg_type = "string | number | Date")] start: Unknown<'_>,
        #[napi(ts_arg_type = "string | number | Date")] end: Unknown<'_>,
        #[napi(ts_arg_type = "pricing.QuoteOptions")] options: Option<Unknown<'_>>,
    ) -> napi::Result<Json> {
        guard(env, || {
            let start: Instant = boundary::decode(env, start, &site::START)?;
            let end: Instant = boundary::decode(env, end, &site::END)?;
            let options: CoreQuoteOptions = boundary::decode_or_default(env, options, &site::OPTIONS.camel())?;
            let quote = self.card.quote(start.0, end.0, &options).map_err(to_js_err(env))?;
            Ok(serde_json::to_value(quote).expect("a quote serializes"))
        })
    }
}

/// The late-return fee (Odoo-compatible): nothing while the delay is at most `graceHours`; otherwise
/// whole days x `extraDaily` + whole remaining hours x `extraHourly`. See docs/pricing.md.
/// @throws {FleetgateError} `code` `invalid_quote` or `amount_overflow`.
#[napi(namespace = "pricing", js_name = "lateFee", ts_return_type = "pricing.LateFee")]
pub fn late_fee(
    env: &Env,
    #[napi(ts_arg_type = "string | number | Date")] planned_return: Unknown<'_>,
    #[napi(ts_arg_type = "string | number | Date")] actual_return: Unknown<'_>,
    #[napi(ts_arg_type = "pricing.LateFeeOptions")] options: Unknown<'_>,
) -> napi::Result<Json> {
    guard(env, || {
        let planned: Instant = boundary::decode(env, planned_return, &site::PLANNED_RETURN)?;
        let actual: Instant = boundary::decode(env, actual_return, &site::ACTUAL_RETURN)?;
        let options: CoreLateFeeOptions = boundary::decode(env, options, &site::OPTIONS.camel())?;
        let fee = core::late_fee(planned.0, actual.0, &options).map_err(to_js_err(env))?;
        Ok(serde_json::to_value(fee).expect("a late fee serializes"))
    })
}
