//! Best mode: the cheapest combination of a rate card's rules covering the period (see the module docs of
//! [`crate::pricing`]). The covers themselves are [`super::cover`].

use super::card::{Line, PricedRule as Rule, Quote};
use super::cover::Cover;
use super::odoo::Period;
use super::schema::{Currency, PeriodUnit};
use super::{quote_err, times, PricingError, BEST_MODE_MAX_HOURS, BEST_MODE_MAX_STEPS, MAX_MINOR};

pub(super) fn best_quote(candidates: &[&Rule], period: &Period, currency: &Currency) -> Result<Quote, PricingError> {
    let total_hours = (period.minutes + 59) / 60;
    if total_hours > BEST_MODE_MAX_HOURS {
        return Err(quote_err("end", "", "best mode quotes periods of up to 100 years"));
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
            let line = Line::new(Some((*rule).clone()), 1, rule.price_minor, currency);
            return Ok(Quote::new(rule.price_minor, currency, None, vec![line]));
        }
    }
    let (total, m, hours) = best.ok_or(PricingError::AmountOverflow)?;
    let mut breakdown = Vec::new();
    let groups = [(&calendar, &month_cover, m), (&elapsed, &hour_cover, hours)];
    for (rules, cover, size) in groups {
        for (rule, count) in rules.iter().zip(cover.taken(size)) {
            if count > 0 {
                let subtotal_minor = times(count, rule.price_minor).ok_or(PricingError::AmountOverflow)?;
                breakdown.push(Line::new(Some((*rule).clone()), count, subtotal_minor, currency));
            }
        }
    }
    Ok(Quote::new(total, currency, None, breakdown))
}
