//! The rate card and its quotes: the typed results ([`Quote`], [`Line`], [`PricedRule`]).

use std::collections::BTreeMap;

use serde::Serialize;

use super::best::best_quote;
use super::odoo::{odoo_quote, Period};
use super::schema::{Amount, Currency, Mode, PeriodUnit, QuoteOptions, RateCardOptions, Rule};
use super::{card_err, quote_err, PricingError};

/// A rule of a validated card: its price in minor units (and as text), and its pricelist.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PricedRule {
    /// The unit.
    pub unit: PeriodUnit,
    /// How many units one price covers; 0 = a flat price for any period.
    pub duration: u32,
    /// The price in minor units.
    #[serde(skip)]
    pub price_minor: i64,
    /// The price as a decimal string in the card's currency (`"60.00"`).
    pub price: String,
    /// The pricelist the rule belongs to; `None` for generic rules.
    pub pricelist: Option<String>,
}

/// One line of a quote: a rule (or the list price when `rule` is `None`) taken `count` times.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Line {
    /// The rule; `None` for the list price.
    pub rule: Option<PricedRule>,
    /// How many times its price is charged.
    pub count: u64,
    /// `count` x price, in minor units.
    pub subtotal_minor: i64,
    /// The subtotal as a decimal string.
    pub subtotal: String,
}

impl Line {
    pub(super) fn new(rule: Option<PricedRule>, count: u64, subtotal_minor: i64, currency: &Currency) -> Line {
        Line { rule, count, subtotal_minor, subtotal: currency.format(subtotal_minor) }
    }
}

/// A price quote.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Quote {
    /// The total in minor units.
    pub total_minor: i64,
    /// The total as a decimal string (`"355.00"`).
    pub total: String,
    /// The currency (serialized as its code).
    pub currency: Currency,
    /// The rule Odoo mode chose (`None` in best mode and for the list price).
    pub rule: Option<PricedRule>,
    /// What the total is made of.
    pub breakdown: Vec<Line>,
}

impl Quote {
    pub(super) fn new(total_minor: i64, currency: &Currency, rule: Option<PricedRule>, breakdown: Vec<Line>) -> Quote {
        Quote { total_minor, total: currency.format(total_minor), currency: currency.clone(), rule, breakdown }
    }
}

/// A validated rate card.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RateCard {
    currency: Currency,
    list_price_minor: Option<i64>,
    /// Generic rules, stably ordered by price.
    generic: Vec<PricedRule>,
    /// Pricelist rules, stably ordered by price.
    per_pricelist: Vec<PricedRule>,
}

fn priced(
    rules: Vec<Rule>,
    path: &str,
    pricelist: Option<&str>,
    currency: &Currency,
) -> Result<Vec<PricedRule>, PricingError> {
    rules
        .into_iter()
        .enumerate()
        .map(|(i, rule)| {
            let price_minor = currency.minor(&rule.price).map_err(|p| {
                card_err(if path.is_empty() { "rules" } else { "options" }, format!("{path}[{i}].price"), p)
            })?;
            Ok(PricedRule {
                unit: rule.unit,
                duration: rule.duration,
                price_minor,
                price: currency.format(price_minor),
                pricelist: pricelist.map(str::to_owned),
            })
        })
        .collect()
}

impl RateCard {
    /// A card of generic `rules`, the rules of each pricelist, and the `list_price` charged when no rule applies,
    /// all in `currency`. A price with more decimals than the currency has is `invalid_rate_card` (with the
    /// argument and path of the price, e.g. `rules` `[2].price`).
    pub fn new(
        rules: Vec<Rule>,
        currency: Currency,
        list_price: Option<Amount>,
        pricelist_rules: BTreeMap<String, Vec<Rule>>,
    ) -> Result<Self, PricingError> {
        let list_price_minor = match list_price {
            None => None,
            Some(amount) => Some(currency.minor(&amount).map_err(|p| card_err("options", "list_price", p))?),
        };
        let mut generic = priced(rules, "", None, &currency)?;
        let mut per_pricelist = Vec::new();
        for (name, list) in pricelist_rules {
            per_pricelist.extend(priced(list, &format!("pricelist_rules.{name}"), Some(&name), &currency)?);
        }
        generic.sort_by_key(|r| r.price_minor);
        per_pricelist.sort_by_key(|r| r.price_minor);
        Ok(RateCard { currency, list_price_minor, generic, per_pricelist })
    }

    /// [`RateCard::new`] with the decoded [`RateCardOptions`].
    pub fn with_options(rules: Vec<Rule>, options: RateCardOptions) -> Result<Self, PricingError> {
        RateCard::new(rules, options.currency, options.list_price, options.pricelist_rules)
    }

    /// The card's currency.
    pub fn currency(&self) -> &Currency {
        &self.currency
    }

    /// The candidate rules for `pricelist`, in Odoo's order: that pricelist's rules, then generic ones.
    fn candidates(&self, pricelist: Option<&str>) -> Vec<&PricedRule> {
        let specific = self.per_pricelist.iter().filter(|r| pricelist.is_some() && r.pricelist.as_deref() == pricelist);
        specific.chain(self.generic.iter()).collect()
    }

    /// Quotes `[start, end)` (unix seconds, `end > start`) with the pricelist's rules and the generic ones, in the
    /// options' mode; calendar months are counted in the options' time zone.
    pub fn quote(&self, start: i64, end: i64, options: &QuoteOptions) -> Result<Quote, PricingError> {
        if end <= start {
            return Err(quote_err("end", "", "the end must be after the start"));
        }
        let candidates = self.candidates(options.pricelist.as_deref());
        if candidates.is_empty() {
            let price = self.list_price_minor.ok_or(PricingError::NoPrice)?;
            let line = Line::new(None, 1, price, &self.currency);
            return Ok(Quote::new(price, &self.currency, None, vec![line]));
        }
        let period = Period::new(start, end, options.tz.0);
        match options.mode {
            Mode::Odoo => odoo_quote(&candidates, &period, &self.currency),
            Mode::Best if period.minutes == 0 => odoo_quote(&candidates, &period, &self.currency),
            Mode::Best => best_quote(&candidates, &period, &self.currency),
        }
    }
}
