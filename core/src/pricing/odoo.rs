//! Odoo mode: exactly Odoo's rental pricing, the single cheapest rule (see the module docs of
//! [`crate::pricing`]), and the rental period measured in every unit Odoo uses.

use chrono_tz::Tz;

use super::card::{Line, PricedRule, Quote};
use super::schema::{Currency, PeriodUnit};
use super::{times, PricingError};
use crate::instant;

/// A rental period measured in every unit Odoo uses.
pub(super) struct Period {
    start: i64,
    end: i64,
    tz: Tz,
    /// Whole elapsed minutes.
    pub(super) minutes: i64,
    /// Calendar months, plus one for leftover days/hours/minutes.
    pub(super) months: i64,
}

impl Period {
    pub(super) fn new(start: i64, end: i64, tz: Tz) -> Self {
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
    pub(super) fn hours_after_months(&self, months: i64) -> i64 {
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
    fn odoo_count(&self, rule: &PricedRule) -> Option<u64> {
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

pub(super) fn odoo_quote(
    candidates: &[&PricedRule],
    period: &Period,
    currency: &Currency,
) -> Result<Quote, PricingError> {
    let mut best: Option<(&PricedRule, u64, i64)> = None;
    for rule in candidates {
        let count = period.odoo_count(rule);
        let total = times(count.unwrap_or(1), rule.price_minor).ok_or(PricingError::AmountOverflow)?;
        if best.is_none_or(|(_, _, t)| total < t) {
            best = Some((rule, count.unwrap_or(1), total));
        }
    }
    let (rule, count, total) = best.ok_or(PricingError::NoPrice)?;
    let line = Line::new(Some(rule.clone()), count, total, currency);
    Ok(Quote::new(total, currency, Some(rule.clone()), vec![line]))
}
