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
//! by hour/day/week rules (an unbounded covering knapsack over hours whose table stops once the best-value rule
//! just repeats, so its cost does not grow with the period; bounded by [`BEST_MODE_MAX_STEPS`]), or one flat rule.
//! Every single-rule Odoo choice is one of these covers, so best mode is never dearer than Odoo mode.
//!
//! ```
//! use fleetgate::pricing::{Mode, RateCard};
//! let rules = serde_json::json!([
//!     {"unit": "day", "duration": 1, "price": "60.00"},
//!     {"unit": "week", "duration": 1, "price": "300.00"},
//! ]);
//! let card = RateCard::from_json(&rules, &"EUR".into(), None, None).unwrap();
//! // 2024-02-01 10:00 to 2024-02-05 10:00 UTC: 4 days; Odoo picks 4 x 60 = 240, best mode too.
//! let quote = card.quote(1_706_781_600, 1_707_127_200, Mode::Odoo, None, chrono_tz::UTC).unwrap();
//! assert_eq!(quote.total_minor, 24_000);
//! ```

use chrono_tz::Tz;
use serde_json::{json, Map, Value as Json};

mod cover;

use cover::Cover;

use crate::error::ErrorCode;
use crate::instant;

/// Periods quoted in best mode are limited to 100 years of hours (the cover is computed hour by hour).
pub const BEST_MODE_MAX_HOURS: i64 = 100 * 366 * 24;

/// The most work one best-mode quote may take, in knapsack steps (cover sizes x rules kept; see
/// [`Mode::Best`]): 50 million, tens of milliseconds. Ordinary rate cards need a few thousand steps for any period
/// (dominated rules are dropped, and the table stops once the best-value rule just repeats); a card of thousands
/// of rules that all stay worth combining over a long period can need more, and is `quote_too_complex`.
pub const BEST_MODE_MAX_STEPS: usize = 50_000_000;

/// A pricing error. Codes: `invalid_rate_card`, `invalid_quote`, `no_price`, `amount_overflow`,
/// `quote_too_complex`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PricingError {
    /// A rule, price, currency or list price could not be read.
    #[error("invalid rate card at {loc}: {problem}")]
    InvalidRateCard {
        /// Where in the card, e.g. `rules[2].price`.
        loc: String,
        /// What is wrong.
        problem: String,
    },
    /// A quote or fee argument (start, end, mode, time zone, variant, ...) could not be read.
    #[error("invalid {argument}: {problem}")]
    InvalidQuote {
        /// The argument, e.g. `end`.
        argument: String,
        /// What is wrong.
        problem: String,
    },
    /// No rule applies and the card has no list price.
    #[error("no rule applies and the rate card has no list price")]
    NoPrice,
    /// The amount does not fit in 2^53 - 1 minor units.
    #[error("the amount exceeds 2^53 - 1 minor units")]
    AmountOverflow,
    /// A best-mode quote would take more than [`BEST_MODE_MAX_STEPS`] knapsack steps (thousands of rules that
    /// all stay worth combining over a long period).
    #[error(
        "the best-mode quote needs {steps} knapsack steps, more than the limit of {max}; use odoo mode or fewer rules"
    )]
    QuoteTooComplex {
        /// The steps this quote would take.
        steps: usize,
        /// The limit, [`BEST_MODE_MAX_STEPS`].
        max: usize,
    },
}

impl PricingError {
    /// The stable code of this error.
    pub fn code(&self) -> &'static str {
        match self {
            PricingError::InvalidRateCard { .. } => "invalid_rate_card",
            PricingError::InvalidQuote { .. } => "invalid_quote",
            PricingError::NoPrice => "no_price",
            PricingError::AmountOverflow => "amount_overflow",
            PricingError::QuoteTooComplex { .. } => "quote_too_complex",
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

fn card_err(loc: impl Into<String>, problem: impl Into<String>) -> PricingError {
    PricingError::InvalidRateCard { loc: loc.into(), problem: problem.into() }
}

fn quote_err(argument: &str, problem: impl Into<String>) -> PricingError {
    PricingError::InvalidQuote { argument: argument.to_owned(), problem: problem.into() }
}

/// The largest amount, in minor units (2^53 - 1, exact in every binding's number type).
pub const MAX_MINOR: i64 = 9_007_199_254_740_991;

/// A rule's unit of time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PeriodUnit {
    /// An elapsed hour.
    Hour,
    /// 24 elapsed hours.
    Day,
    /// 7 x 24 elapsed hours.
    Week,
    /// A calendar month in the location's time zone.
    Month,
    /// 12 calendar months.
    Year,
}

impl PeriodUnit {
    /// Parses `hour`, `day`, `week`, `month` or `year`.
    pub fn parse(name: &str) -> Option<Self> {
        Some(match name {
            "hour" => PeriodUnit::Hour,
            "day" => PeriodUnit::Day,
            "week" => PeriodUnit::Week,
            "month" => PeriodUnit::Month,
            "year" => PeriodUnit::Year,
            _ => return None,
        })
    }

    /// The unit's name.
    pub fn name(self) -> &'static str {
        match self {
            PeriodUnit::Hour => "hour",
            PeriodUnit::Day => "day",
            PeriodUnit::Week => "week",
            PeriodUnit::Month => "month",
            PeriodUnit::Year => "year",
        }
    }

    /// Hours in one elapsed unit (hour, day, week); `None` for calendar units.
    fn hours(self) -> Option<i64> {
        match self {
            PeriodUnit::Hour => Some(1),
            PeriodUnit::Day => Some(24),
            PeriodUnit::Week => Some(168),
            PeriodUnit::Month | PeriodUnit::Year => None,
        }
    }
}

/// One pricing rule: `price` for every started `duration` x `unit` (duration 0: a flat price).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rule {
    /// The unit.
    pub unit: PeriodUnit,
    /// How many units one price covers; 0 = a flat price for any period.
    pub duration: u32,
    /// The price in minor units.
    pub price_minor: i64,
    /// The pricelist the rule belongs to; `None` for generic rules.
    pub pricelist: Option<String>,
}

/// An ISO 4217 currency and its number of decimals.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Currency {
    /// The three-letter code, e.g. `EUR`.
    pub code: String,
    /// Decimals of the minor unit (2 for EUR, 0 for JPY, 3 for KWD).
    pub exponent: u32,
}

impl Currency {
    /// Reads a three-letter upper-case code; the exponent is 0 for BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX
    /// UYI VND VUV XAF XOF XPF, 3 for BHD IQD JOD KWD LYD OMR TND, 4 for CLF UYW, and 2 otherwise.
    pub fn parse(code: &str) -> Option<Self> {
        if code.len() != 3 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
            return None;
        }
        const ZERO: &[&str] = &[
            "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND", "VUV", "XAF",
            "XOF", "XPF",
        ];
        const THREE: &[&str] = &["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"];
        let exponent = if ZERO.contains(&code) {
            0
        } else if THREE.contains(&code) {
            3
        } else if code == "CLF" || code == "UYW" {
            4
        } else {
            2
        };
        Some(Currency { code: code.to_owned(), exponent })
    }

    /// Formats minor units as a decimal string with the currency's decimals: 1234 EUR -> `"12.34"`.
    pub fn format(&self, minor: i64) -> String {
        let sign = if minor < 0 { "-" } else { "" };
        let abs = minor.unsigned_abs();
        if self.exponent == 0 {
            return format!("{sign}{abs}");
        }
        let scale = 10u64.pow(self.exponent);
        format!("{sign}{}.{:0width$}", abs / scale, abs % scale, width = self.exponent as usize)
    }

    /// Reads an amount: a decimal string (`"3.5"`, `"60.00"`) or a JSON integer, non-negative, with at most
    /// the currency's decimals.
    pub fn parse_amount(&self, value: &Json) -> Result<i64, String> {
        let text = match value {
            Json::String(s) => s.clone(),
            Json::Number(n) if n.is_u64() => n.to_string(),
            Json::Number(_) => return Err("pass amounts as decimal strings (\"3.50\") or integers, not floats".into()),
            _ => return Err("an amount is a decimal string such as \"3.50\"".into()),
        };
        let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
        let digits_only = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty()
            || !digits_only(whole)
            || !digits_only(fraction)
            || (text.contains('.') && fraction.is_empty())
        {
            return Err(format!("{text:?} is not a plain non-negative decimal"));
        }
        let significant = fraction.trim_end_matches('0');
        if significant.len() > self.exponent as usize {
            return Err(format!("{text:?} has more decimals than {} allows ({})", self.code, self.exponent));
        }
        let mut minor: i64 = 0;
        let padded = format!("{significant:0<width$}", width = self.exponent as usize);
        for b in whole.bytes().chain(padded.bytes()) {
            minor = minor
                .checked_mul(10)
                .and_then(|m| m.checked_add(i64::from(b - b'0')))
                .filter(|m| *m <= MAX_MINOR)
                .ok_or_else(|| format!("{text:?} exceeds 2^53 - 1 minor units"))?;
        }
        Ok(minor)
    }
}

/// How a quote chooses its rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Exactly Odoo's rental pricing: the single cheapest rule.
    Odoo,
    /// The cheapest combination of rules covering the period.
    Best,
}

impl Mode {
    /// Parses `odoo` or `best`.
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "odoo" => Some(Mode::Odoo),
            "best" => Some(Mode::Best),
            _ => None,
        }
    }
}

/// One line of a quote: a rule (or the list price when `rule` is `None`) taken `count` times.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    /// The rule; `None` for the list price.
    pub rule: Option<Rule>,
    /// How many times its price is charged.
    pub count: u64,
    /// `count` x price, in minor units.
    pub subtotal_minor: i64,
}

/// A price quote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quote {
    /// The total in minor units.
    pub total_minor: i64,
    /// The currency.
    pub currency: Currency,
    /// The rule Odoo mode chose (`None` in best mode and for the list price).
    pub rule: Option<Rule>,
    /// What the total is made of.
    pub breakdown: Vec<Line>,
}

impl Quote {
    /// The quote as JSON: `{total_minor, total, currency, rule, breakdown: [{rule, count, subtotal_minor,
    /// subtotal}]}`, rules as `{unit, duration, price, pricelist}`.
    pub fn to_json(&self) -> Json {
        let rule = |r: &Option<Rule>| match r {
            Some(r) => json!({
                "unit": r.unit.name(), "duration": r.duration,
                "price": self.currency.format(r.price_minor), "pricelist": r.pricelist,
            }),
            None => Json::Null,
        };
        let breakdown: Vec<Json> = self
            .breakdown
            .iter()
            .map(|l| {
                json!({"rule": rule(&l.rule), "count": l.count, "subtotal_minor": l.subtotal_minor,
                       "subtotal": self.currency.format(l.subtotal_minor)})
            })
            .collect();
        json!({
            "total_minor": self.total_minor, "total": self.currency.format(self.total_minor),
            "currency": self.currency.code, "rule": rule(&self.rule), "breakdown": breakdown,
        })
    }
}

/// A validated rate card.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RateCard {
    currency: Currency,
    list_price_minor: Option<i64>,
    /// Generic rules, stably ordered by price.
    generic: Vec<Rule>,
    /// Pricelist rules, stably ordered by price.
    per_pricelist: Vec<Rule>,
}

impl RateCard {
    /// Reads a rate card: `rules` a list of `{unit, duration, price}`, `currency` an ISO code (`null`: EUR),
    /// `pricelist_rules` an object `{pricelist name: [rules]}`, `list_price` an amount. Every problem is
    /// `invalid_rate_card`.
    pub fn from_json(
        rules: &Json,
        currency: &Json,
        list_price: Option<&Json>,
        pricelist_rules: Option<&Json>,
    ) -> Result<Self, PricingError> {
        let currency = read_currency(currency).map_err(|p| card_err("currency", p))?;
        let list_price_minor = match list_price {
            None | Some(Json::Null) => None,
            Some(v) => Some(currency.parse_amount(v).map_err(|p| card_err("list_price", p))?),
        };
        let mut generic = read_rules(rules, "rules", None, &currency)?;
        let mut per_pricelist = Vec::new();
        match pricelist_rules {
            None | Some(Json::Null) => {}
            Some(Json::Object(map)) => {
                for (name, list) in map {
                    per_pricelist.extend(read_rules(list, &format!("pricelist_rules.{name}"), Some(name), &currency)?);
                }
            }
            Some(_) => return Err(card_err("pricelist_rules", "an object {pricelist name: [rules]}")),
        }
        generic.sort_by_key(|r| r.price_minor);
        per_pricelist.sort_by_key(|r| r.price_minor);
        Ok(RateCard { currency, list_price_minor, generic, per_pricelist })
    }

    /// The card's currency.
    pub fn currency(&self) -> &Currency {
        &self.currency
    }

    /// The candidate rules for `pricelist`, in Odoo's order: that pricelist's rules, then generic ones.
    fn candidates(&self, pricelist: Option<&str>) -> Vec<&Rule> {
        let specific = self.per_pricelist.iter().filter(|r| pricelist.is_some() && r.pricelist.as_deref() == pricelist);
        specific.chain(self.generic.iter()).collect()
    }

    /// Quotes `[start, end)` (unix seconds in the years 1 to 9999, `end > start`; else `invalid_quote`) with
    /// `pricelist`'s rules and the generic ones; calendar months are counted in `tz`.
    pub fn quote(
        &self,
        start: i64,
        end: i64,
        mode: Mode,
        pricelist: Option<&str>,
        tz: Tz,
    ) -> Result<Quote, PricingError> {
        for (argument, at) in [("start", start), ("end", end)] {
            if !instant::in_range(at) {
                return Err(quote_err(argument, "an instant in the years 1 to 9999"));
            }
        }
        if end <= start {
            return Err(quote_err("end", "the end must be after the start"));
        }
        let candidates = self.candidates(pricelist);
        if candidates.is_empty() {
            let price = self.list_price_minor.ok_or(PricingError::NoPrice)?;
            let line = Line { rule: None, count: 1, subtotal_minor: price };
            return Ok(Quote {
                total_minor: price,
                currency: self.currency.clone(),
                rule: None,
                breakdown: vec![line],
            });
        }
        let period = Period::new(start, end, tz);
        match mode {
            Mode::Odoo => odoo_quote(&candidates, &period, &self.currency),
            Mode::Best if period.minutes == 0 => odoo_quote(&candidates, &period, &self.currency),
            Mode::Best => best_quote(&candidates, &period, &self.currency),
        }
    }

    /// [`RateCard::quote`] with JSON arguments: `start`/`end` RFC 3339 or unix seconds, `mode` `odoo` | `best`
    /// (`null`: odoo), `pricelist` a name or `null`, `tz` an IANA name (`null`: UTC). Returns [`Quote::to_json`].
    pub fn quote_json(
        &self,
        start: &Json,
        end: &Json,
        mode: &Json,
        pricelist: &Json,
        tz: &Json,
    ) -> Result<Json, PricingError> {
        let start = instant::from_json(start).map_err(|p| quote_err("start", p.to_string()))?;
        let end = instant::from_json(end).map_err(|p| quote_err("end", p.to_string()))?;
        let mode = match mode {
            Json::Null => Mode::Odoo,
            other => other.as_str().and_then(Mode::parse).ok_or_else(|| quote_err("mode", "odoo or best"))?,
        };
        let pricelist = match pricelist {
            Json::Null => None,
            other => Some(other.as_str().ok_or_else(|| quote_err("pricelist", "a pricelist name"))?),
        };
        let tz = match tz {
            Json::Null => chrono_tz::UTC,
            other => other
                .as_str()
                .and_then(instant::parse_tz)
                .ok_or_else(|| quote_err("tz", "an IANA time zone such as Europe/Brussels"))?,
        };
        Ok(self.quote(start, end, mode, pricelist, tz)?.to_json())
    }
}

/// A currency code from JSON; `null` is EUR.
fn read_currency(value: &Json) -> Result<Currency, String> {
    match value {
        Json::Null => Currency::parse("EUR").ok_or_else(String::new),
        Json::String(code) => {
            Currency::parse(code).ok_or_else(|| format!("{code:?} is not a three-letter ISO 4217 code"))
        }
        _ => Err("a three-letter ISO 4217 code such as \"EUR\"".to_owned()),
    }
}

fn read_rules(list: &Json, loc: &str, pricelist: Option<&str>, currency: &Currency) -> Result<Vec<Rule>, PricingError> {
    let items = list.as_array().ok_or_else(|| card_err(loc, "a list of rules"))?;
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let at = |field: &str| format!("{loc}[{i}]{field}");
            let obj = item.as_object().ok_or_else(|| card_err(at(""), "a rule is {unit, duration, price}"))?;
            if let Some(extra) = obj.keys().find(|k| !["unit", "duration", "price"].contains(&k.as_str())) {
                return Err(card_err(at(&format!(".{extra}")), "unknown field"));
            }
            let unit = obj
                .get("unit")
                .and_then(Json::as_str)
                .and_then(PeriodUnit::parse)
                .ok_or_else(|| card_err(at(".unit"), "one of hour, day, week, month, year"))?;
            let duration = obj
                .get("duration")
                .and_then(Json::as_u64)
                .and_then(|d| u32::try_from(d).ok())
                .ok_or_else(|| card_err(at(".duration"), "a non-negative integer (0 = flat price)"))?;
            let price = obj.get("price").ok_or_else(|| card_err(at(".price"), "required"))?;
            let price_minor = currency.parse_amount(price).map_err(|p| card_err(at(".price"), p))?;
            Ok(Rule { unit, duration, price_minor, pricelist: pricelist.map(str::to_owned) })
        })
        .collect()
}

/// A rental period measured in every unit Odoo uses.
struct Period {
    start: i64,
    end: i64,
    tz: Tz,
    /// Whole elapsed minutes.
    minutes: i64,
    /// Calendar months, plus one for leftover days/hours/minutes.
    months: i64,
}

impl Period {
    fn new(start: i64, end: i64, tz: Tz) -> Self {
        let minutes = (end - start).div_euclid(60);
        let (start_local, end_local) = (instant::to_local(start, tz), instant::to_local(end, tz));
        // relativedelta(end, start): the most months m with start + m months <= end, then the leftover.
        use chrono::Datelike;
        let mut months = i64::from(end_local.year() - start_local.year()) * 12 + i64::from(end_local.month())
            - i64::from(start_local.month());
        let shifted = |m: i64| instant::add_months(start_local, m).unwrap_or(start_local);
        while months > 0 && shifted(months) > end_local {
            months -= 1;
        }
        let leftover = (end_local - shifted(months)).num_seconds();
        if leftover >= 60 {
            months += 1;
        }
        Period { start, end, tz, minutes, months }
    }

    /// Whole hours needed to cover the time left after `months` calendar months from the local start
    /// (seconds ignored; 0 when nothing is left).
    fn hours_after_months(&self, months: i64) -> i64 {
        let from = if months == 0 {
            self.start
        } else {
            match instant::add_months(instant::to_local(self.start, self.tz), months) {
                Some(local) => instant::from_local(local, self.tz),
                None => self.end,
            }
        };
        let minutes = (self.end - from).div_euclid(60).max(0);
        (minutes + 59) / 60
    }

    /// How many times `rule`'s price is charged in Odoo mode (`None`: the flat price, charged once).
    fn odoo_count(&self, rule: &Rule) -> Option<u64> {
        let n = i64::from(rule.duration);
        let days = (self.minutes + 1439) / 1440;
        // (numerator, denominator) of period / rule.duration, in the rule's unit.
        let (num, den) = match rule.unit {
            PeriodUnit::Hour => (self.minutes, 60 * n),
            PeriodUnit::Day => (days, n),
            PeriodUnit::Week => ((days + 6) / 7, n),
            PeriodUnit::Month => (self.months, n),
            PeriodUnit::Year => (self.months, 12 * n),
        };
        if num <= 0 || den <= 0 {
            return None;
        }
        u64::try_from((num + den - 1) / den).ok()
    }
}

fn times(count: u64, price: i64) -> Option<i64> {
    i64::try_from(count).ok()?.checked_mul(price).filter(|t| *t <= MAX_MINOR)
}

fn odoo_quote(candidates: &[&Rule], period: &Period, currency: &Currency) -> Result<Quote, PricingError> {
    let mut best: Option<(&Rule, u64, i64)> = None;
    for rule in candidates {
        let count = period.odoo_count(rule);
        let total = times(count.unwrap_or(1), rule.price_minor).ok_or(PricingError::AmountOverflow)?;
        if best.is_none_or(|(_, _, t)| total < t) {
            best = Some((rule, count.unwrap_or(1), total));
        }
    }
    let (rule, count, total) = best.ok_or(PricingError::NoPrice)?;
    let line = Line { rule: Some(rule.clone()), count, subtotal_minor: total };
    Ok(Quote { total_minor: total, currency: currency.clone(), rule: Some(rule.clone()), breakdown: vec![line] })
}

fn best_quote(candidates: &[&Rule], period: &Period, currency: &Currency) -> Result<Quote, PricingError> {
    let total_hours = (period.minutes + 59) / 60;
    if total_hours > BEST_MODE_MAX_HOURS {
        return Err(quote_err("end", "best mode quotes periods of up to 100 years"));
    }
    let elapsed: Vec<&Rule> =
        candidates.iter().copied().filter(|r| r.duration > 0 && r.unit.hours().is_some()).collect();
    let calendar: Vec<&Rule> =
        candidates.iter().copied().filter(|r| r.duration > 0 && r.unit.hours().is_none()).collect();
    let len = |r: &Rule| {
        let per = r.unit.hours().unwrap_or(if r.unit == PeriodUnit::Year { 12 } else { 1 });
        usize::try_from(per * i64::from(r.duration)).unwrap_or(usize::MAX)
    };
    let hour_items: Vec<(usize, i64)> = elapsed.iter().map(|r| (len(r), r.price_minor)).collect();
    let month_items: Vec<(usize, i64)> = calendar.iter().map(|r| (len(r), r.price_minor)).collect();
    let months = if calendar.is_empty() { 0 } else { period.months };
    // Both are at most 100 years of hours (checked above), so they fit a usize on every target.
    let hour_cover = Cover::plan(usize::try_from(total_hours).unwrap_or(usize::MAX), &hour_items);
    let month_cover = Cover::plan(usize::try_from(months).unwrap_or(usize::MAX), &month_items);
    let steps = hour_cover.steps().saturating_add(month_cover.steps());
    if steps > BEST_MODE_MAX_STEPS {
        return Err(PricingError::QuoteTooComplex { steps, max: BEST_MODE_MAX_STEPS });
    }
    let (hour_cover, month_cover) = (hour_cover.compute(), month_cover.compute());
    let month_count = usize::try_from(months).unwrap_or(0);

    // (total, months covered by calendar rules, hours covered by elapsed rules) or a flat rule.
    let mut best: Option<(i64, usize, usize)> = None;
    for m in 0..=month_count {
        let hours = usize::try_from(period.hours_after_months(m as i64)).unwrap_or(usize::MAX);
        let total = match (month_cover.cost(m), hour_cover.cost(hours)) {
            (Some(a), Some(b)) => a.checked_add(b).filter(|t| *t <= MAX_MINOR),
            _ => None,
        };
        if let Some(total) = total {
            if best.is_none_or(|(t, _, _)| total < t) {
                best = Some((total, m, hours));
            }
        }
    }
    let flat = candidates.iter().filter(|r| r.duration == 0).min_by_key(|r| r.price_minor);
    if let Some(rule) = flat {
        if best.is_none_or(|(t, _, _)| rule.price_minor < t) {
            let line = Line { rule: Some((*rule).clone()), count: 1, subtotal_minor: rule.price_minor };
            return Ok(Quote {
                total_minor: rule.price_minor,
                currency: currency.clone(),
                rule: None,
                breakdown: vec![line],
            });
        }
    }
    let (total, m, hours) = best.ok_or(PricingError::AmountOverflow)?;
    let mut breakdown = Vec::new();
    let groups = [(&calendar, &month_cover, m), (&elapsed, &hour_cover, hours)];
    for (rules, cover, size) in groups {
        for (rule, count) in rules.iter().zip(cover.taken(size)) {
            if count > 0 {
                let subtotal_minor = times(count, rule.price_minor).ok_or(PricingError::AmountOverflow)?;
                breakdown.push(Line { rule: Some((*rule).clone()), count, subtotal_minor });
            }
        }
    }
    Ok(Quote { total_minor: total, currency: currency.clone(), rule: None, breakdown })
}

/// How the late fee treats the grace period and the hourly part.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LateFeeVariant {
    /// Odoo: once past the grace period, the whole delay is charged.
    Odoo,
    /// The grace period is subtracted from the delay before charging.
    GraceSubtracted,
    /// As Odoo, but the hourly part never exceeds the daily rate.
    HourlyCapped,
}

impl LateFeeVariant {
    /// Parses `odoo`, `grace_subtracted` or `hourly_capped`.
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "odoo" => Some(LateFeeVariant::Odoo),
            "grace_subtracted" => Some(LateFeeVariant::GraceSubtracted),
            "hourly_capped" => Some(LateFeeVariant::HourlyCapped),
            _ => None,
        }
    }
}

/// A late-return fee: whole `days` and `hours` charged, and the total.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LateFee {
    /// Whole days charged at the daily rate.
    pub days: i64,
    /// Whole hours charged at the hourly rate.
    pub hours: i64,
    /// The fee in minor units.
    pub total_minor: i64,
}

/// The late-return fee (Odoo-compatible): no fee while `actual - planned <= grace_hours`; otherwise
/// `whole days x extra_daily + whole remaining hours x extra_hourly` (see [`LateFeeVariant`]).
pub fn late_fee(
    planned: i64,
    actual: i64,
    extra_hourly_minor: i64,
    extra_daily_minor: i64,
    grace_hours: u32,
    variant: LateFeeVariant,
) -> Result<LateFee, PricingError> {
    let grace = i64::from(grace_hours) * 3600;
    let mut late =
        actual.checked_sub(planned).ok_or_else(|| quote_err("actual_return", "too far from planned_return"))?;
    if late <= grace {
        return Ok(LateFee { days: 0, hours: 0, total_minor: 0 });
    }
    if variant == LateFeeVariant::GraceSubtracted {
        late -= grace;
    }
    let (days, hours) = (late / 86_400, late % 86_400 / 3600);
    let mut hourly = hours.checked_mul(extra_hourly_minor).ok_or(PricingError::AmountOverflow)?;
    if variant == LateFeeVariant::HourlyCapped {
        hourly = hourly.min(extra_daily_minor);
    }
    let total = days
        .checked_mul(extra_daily_minor)
        .and_then(|d| d.checked_add(hourly))
        .filter(|t| *t <= MAX_MINOR)
        .ok_or(PricingError::AmountOverflow)?;
    Ok(LateFee { days, hours, total_minor: total })
}

/// [`late_fee`] with JSON arguments: instants as RFC 3339 or unix seconds, rates as decimal strings in
/// `currency` (`null`: EUR), `grace_hours` a non-negative integer (`null`: 2), `variant` (`null`: odoo).
/// Returns `{total_minor, total, currency, days, hours}`.
pub fn late_fee_json(
    planned: &Json,
    actual: &Json,
    extra_hourly: &Json,
    extra_daily: &Json,
    grace_hours: &Json,
    variant: &Json,
    currency: &Json,
) -> Result<Json, PricingError> {
    let planned = instant::from_json(planned).map_err(|p| quote_err("planned_return", p.to_string()))?;
    let actual = instant::from_json(actual).map_err(|p| quote_err("actual_return", p.to_string()))?;
    let currency = read_currency(currency).map_err(|p| quote_err("currency", p))?;
    let hourly = currency.parse_amount(extra_hourly).map_err(|p| quote_err("extra_hourly", p))?;
    let daily = currency.parse_amount(extra_daily).map_err(|p| quote_err("extra_daily", p))?;
    let grace = match grace_hours {
        Json::Null => 2,
        other => other
            .as_u64()
            .and_then(|g| u32::try_from(g).ok())
            .ok_or_else(|| quote_err("grace_hours", "a non-negative integer"))?,
    };
    let variant = match variant {
        Json::Null => LateFeeVariant::Odoo,
        other => other
            .as_str()
            .and_then(LateFeeVariant::parse)
            .ok_or_else(|| quote_err("variant", "odoo, grace_subtracted or hourly_capped"))?,
    };
    let fee = late_fee(planned, actual, hourly, daily, grace, variant)?;
    let mut out = Map::new();
    out.insert("total_minor".into(), fee.total_minor.into());
    out.insert("total".into(), currency.format(fee.total_minor).into());
    out.insert("currency".into(), currency.code.into());
    out.insert("days".into(), fee.days.into());
    out.insert("hours".into(), fee.hours.into());
    Ok(Json::Object(out))
}
