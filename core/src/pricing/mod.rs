//! Rental prices: Odoo-compatible rate cards, the cheapest cover, and late-return fees.
//!
//! A rate card is a list of rules `{unit: hour|day|week|month|year, duration: n, price: "3.50"}` (duration 0 is
//! a flat price), generic or per pricelist, plus an optional list price and an ISO currency. Money is an integer
//! count of minor units; prices are read from exact decimal strings (or integers) and never rounded: a price with
//! more decimals than the currency has is rejected.
//!
//! [`Mode::Odoo`] reproduces Odoo's rental pricing:
//!
//! - the period in each unit: hours = elapsed minutes / 60 (exact; seconds ignored), days = ceil(hours / 24),
//!   weeks = ceil(days / 7) (elapsed time: a 25-hour DST day is two 24-hour days); months = calendar months
//!   between the local start and end (`relativedelta`, day clipped to the month's end), plus one when days,
//!   hours or minutes are left over; years = months / 12, unrounded;
//! - a rule's price = price x ceil(period / rule.duration); a period or rule duration of 0 -> the flat price;
//! - the single cheapest rule wins; ties keep the first candidate: pricelist rules before generic ones, each
//!   group ordered by unit price (stable);
//! - no rule -> the list price, not multiplied by the duration.
//!
//! [`Mode::Best`] finds the cheapest combination of the same rules covering the period (overshoot allowed):
//! `m` calendar months from the local start covered by month/year rules, then the remaining whole hours covered
//! by hour/day/week rules (an unbounded covering knapsack over hours, linear in the period), or one flat rule.
//! Every single-rule Odoo choice is one of these covers, so best mode is never dearer than Odoo mode.
//!
//! Inputs are typed ([`Rule`], [`Amount`], [`Currency`], [`RateCardOptions`], [`QuoteOptions`],
//! [`LateFeeOptions`]); their serde form, with the defaults, is in one place (`pricing/schema.rs`), and the
//! bindings decode into them at the [`site`]s below. Results ([`Quote`], [`Line`], [`PricedRule`], [`LateFee`])
//! serialize to the JSON shape every binding returns.
//!
//! ```
//! use fleetgate::pricing::{Amount, Currency, PeriodUnit, QuoteOptions, RateCard, Rule};
//! let rule = |unit, price| Rule { unit, duration: 1, price: Amount::parse(price).unwrap() };
//! let rules = vec![rule(PeriodUnit::Day, "60.00"), rule(PeriodUnit::Week, "300.00")];
//! let card = RateCard::new(rules, Currency::default(), None, Default::default()).unwrap();
//! // 2024-02-01 10:00 to 2024-02-05 10:00 UTC: 4 days; Odoo picks 4 x 60 = 240, best mode too.
//! let quote = card.quote(1_706_781_600, 1_707_127_200, &QuoteOptions::default()).unwrap();
//! assert_eq!((quote.total_minor, quote.total.as_str()), (24_000, "240.00"));
//! ```

use crate::error::ErrorCode;

mod best;
mod card;
mod late_fee;
mod odoo;
mod schema;

pub use card::{Line, PricedRule, Quote, RateCard};
pub use late_fee::{late_fee, LateFee};
pub use schema::{
    Amount, Currency, LateFeeOptions, LateFeeVariant, Mode, PeriodUnit, QuoteOptions, RateCardOptions, Rule,
    DEFAULT_GRACE_HOURS,
};

/// Periods quoted in best mode are limited to 100 years of hours (the cover is computed hour by hour).
pub const BEST_MODE_MAX_HOURS: i64 = 100 * 366 * 24;

/// The largest amount, in minor units (2^53 - 1, exact in every binding's number type).
pub const MAX_MINOR: i64 = 9_007_199_254_740_991;

/// Where each argument of the pricing API is decoded, and the code its problems get: the card's rules and
/// options are `invalid_rate_card`; a quote's or a late fee's instants and options are `invalid_quote`.
pub mod site {
    use crate::boundary::Site;

    /// `RateCard(rules, ...)`: the generic rules (data: snake_case keys in every language).
    pub const RULES: Site = Site::coded("pricing", "invalid_rate_card", "rules");
    /// `RateCard(..., options)`: currency, list price, pricelist rules (keys as given: pricelist names are data).
    pub const CARD_OPTIONS: Site = Site::coded("pricing", "invalid_rate_card", "options");
    /// `quote(start, ...)`.
    pub const START: Site = Site::coded("pricing", "invalid_quote", "start");
    /// `quote(_, end, ...)`.
    pub const END: Site = Site::coded("pricing", "invalid_quote", "end");
    /// `quote(..., options)` and `late_fee(..., options)` (camelCase keys in JS).
    pub const OPTIONS: Site = Site::coded("pricing", "invalid_quote", "options");
    /// `late_fee(planned_return, ...)`.
    pub const PLANNED_RETURN: Site = Site::coded("pricing", "invalid_quote", "planned_return");
    /// `late_fee(_, actual_return, ...)`.
    pub const ACTUAL_RETURN: Site = Site::coded("pricing", "invalid_quote", "actual_return");
}

/// A pricing error. Codes: `invalid_rate_card`, `invalid_quote`, `no_price`, `amount_overflow`. The first two
/// have the same details as a decoding problem at a [`site`]: `{argument, path, problem}`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Serialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum PricingError {
    /// A price or list price does not fit the card's currency.
    #[error("invalid {}: {problem}", location(argument, path))]
    InvalidRateCard {
        /// The argument: `rules` or `options`.
        argument: &'static str,
        /// Where inside it, e.g. `[2].price`, `pricelist_rules.vip[0].price`, `list_price`.
        path: String,
        /// What is wrong.
        problem: String,
    },
    /// A quote or fee argument could not be used (the end is not after the start, a rate has too many decimals).
    #[error("invalid {}: {problem}", location(argument, path))]
    InvalidQuote {
        /// The argument, e.g. `end` or `options`.
        argument: &'static str,
        /// Where inside it (empty for the argument itself), e.g. `extra_hourly`.
        path: String,
        /// What is wrong.
        problem: String,
    },
    /// No rule applies and the card has no list price.
    #[error("no rule applies and the rate card has no list price")]
    NoPrice,
    /// The amount does not fit in 2^53 - 1 minor units.
    #[error("the amount exceeds 2^53 - 1 minor units")]
    AmountOverflow,
}

fn location(argument: &str, path: &str) -> String {
    match (path.is_empty(), path.starts_with('[')) {
        (true, _) => argument.to_owned(),
        (false, true) => format!("{argument}{path}"),
        (false, false) => format!("{argument}.{path}"),
    }
}

impl PricingError {
    /// The stable code of this error.
    pub fn code(&self) -> &'static str {
        match self {
            PricingError::InvalidRateCard { .. } => "invalid_rate_card",
            PricingError::InvalidQuote { .. } => "invalid_quote",
            PricingError::NoPrice => "no_price",
            PricingError::AmountOverflow => "amount_overflow",
        }
    }
}

impl ErrorCode for PricingError {
    fn code(&self) -> &'static str {
        PricingError::code(self)
    }
    fn area(&self) -> &'static str {
        "pricing"
    }
}

fn card_err(argument: &'static str, path: impl Into<String>, problem: impl Into<String>) -> PricingError {
    PricingError::InvalidRateCard { argument, path: path.into(), problem: problem.into() }
}

fn quote_err(argument: &'static str, path: impl Into<String>, problem: impl Into<String>) -> PricingError {
    PricingError::InvalidQuote { argument, path: path.into(), problem: problem.into() }
}

fn times(count: u64, price: i64) -> Option<i64> {
    i64::try_from(count).ok()?.checked_mul(price).filter(|t| *t <= MAX_MINOR)
}
