//! `pricing` namespace: wraps `fleetgate::pricing` (Odoo-compatible rate cards, best cover, late fees).

use fleetgate::pricing::{self as core, PricingError};
use napi::bindgen_prelude::Unknown;
use napi::Env;
use napi_derive::napi;
use serde_json::Value as Json;

use crate::errors::{guard, to_js_err};
use crate::json::{read_options, to_json};

/// A validated rate card: rules `{unit: 'hour'|'day'|'week'|'month'|'year', duration, price: '3.50'}`
/// (duration 0 = a flat price), with `options.currency` (default EUR), `options.listPrice` (charged when no
/// rule applies) and `options.pricelistRules` (`{pricelist name: [rules]}`).
/// @throws {Error} `code` `invalid_rate_card`.
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
        #[napi(ts_arg_type = "Array<{ unit: string; duration: number; price: string }>")] rules: Unknown<'_>,
        #[napi(
            ts_arg_type = "{ currency?: string; listPrice?: string | number | null; pricelistRules?: Record<string, Array<{ unit: string; duration: number; price: string }>> | null }"
        )]
        options: Option<Unknown<'_>>,
    ) -> napi::Result<Self> {
        guard(env, || {
            let [currency, list_price, pricelist_rules] =
                read_options(env, options.as_ref(), ["currency", "listPrice", "pricelistRules"])
                    .map_err(|problem| PricingError::InvalidRateCard { loc: "options".into(), problem })
                    .map_err(to_js_err(env))?;
            core::RateCard::from_json(&to_json(env, &rules), &currency, Some(&list_price), Some(&pricelist_rules))
                .map(|card| RateCard { card })
                .map_err(to_js_err(env))
        })
    }

    /// Quotes `[start, end)` (RFC 3339 strings or unix seconds). `options.mode`: `'odoo'` (default; Odoo's single
    /// cheapest rule) or `'best'` (the cheapest combination, never dearer); `options.pricelist`: that
    /// pricelist's rules first; `options.tz`: where calendar months are counted (IANA name, default UTC).
    /// Returns `{total_minor, total, currency, rule, breakdown: [{rule, count, subtotal_minor, subtotal}]}`.
    /// @throws {Error} `code` `invalid_quote`, `no_price` or `amount_overflow`.
    #[napi(ts_return_type = "Record<string, any>")]
    pub fn quote(
        &self,
        env: &Env,
        #[napi(ts_arg_type = "string | number")] start: Unknown<'_>,
        #[napi(ts_arg_type = "string | number")] end: Unknown<'_>,
        #[napi(ts_arg_type = "{ mode?: 'odoo' | 'best'; pricelist?: string | null; tz?: string | null }")]
        options: Option<Unknown<'_>>,
    ) -> napi::Result<Json> {
        guard(env, || {
            let [mode, pricelist, tz] = read_options(env, options.as_ref(), ["mode", "pricelist", "tz"])
                .map_err(|problem| PricingError::InvalidQuote { argument: "options".into(), problem })
                .map_err(to_js_err(env))?;
            self.card
                .quote_json(&to_json(env, &start), &to_json(env, &end), &mode, &pricelist, &tz)
                .map_err(to_js_err(env))
        })
    }
}

/// The late-return fee (Odoo-compatible): nothing while the delay is at most `graceHours` (default 2);
/// otherwise whole days x `extraDaily` + whole remaining hours x `extraHourly`. `variant`: `'odoo'` (default),
/// `'grace_subtracted'` or `'hourly_capped'`; rates are decimal strings in `currency` (default EUR).
/// Returns `{total_minor, total, currency, days, hours}`.
/// @throws {Error} `code` `invalid_quote` or `amount_overflow`.
#[napi(namespace = "pricing", js_name = "lateFee", ts_return_type = "Record<string, any>")]
pub fn late_fee(
    env: &Env,
    #[napi(ts_arg_type = "string | number")] planned_return: Unknown<'_>,
    #[napi(ts_arg_type = "string | number")] actual_return: Unknown<'_>,
    #[napi(
        ts_arg_type = "{ extraHourly: string | number; extraDaily: string | number; graceHours?: number; variant?: 'odoo' | 'grace_subtracted' | 'hourly_capped'; currency?: string }"
    )]
    options: Option<Unknown<'_>>,
) -> napi::Result<Json> {
    guard(env, || {
        let [hourly, daily, grace, variant, currency] =
            read_options(env, options.as_ref(), ["extraHourly", "extraDaily", "graceHours", "variant", "currency"])
                .map_err(|problem| PricingError::InvalidQuote { argument: "options".into(), problem })
                .map_err(to_js_err(env))?;
        let (planned, actual) = (to_json(env, &planned_return), to_json(env, &actual_return));
        core::late_fee_json(&planned, &actual, &hourly, &daily, &grace, &variant, &currency).map_err(to_js_err(env))
    })
}
