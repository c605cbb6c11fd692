//! Best mode: the cheapest combination of a rate card's rules covering the period (see the module docs of
//! [`crate::pricing`]). Moved verbatim from `pricing.rs`; only the result constructors changed since.

use super::card::{Line, PricedRule as Rule, Quote};
use super::odoo::Period;
use super::schema::{Currency, PeriodUnit};
use super::{quote_err, times, PricingError, BEST_MODE_MAX_HOURS, MAX_MINOR};

/// Cheapest covers of 0..=size steps with items of (steps, price): `cost[s]` and the item chosen last.
fn covering_knapsack(size: usize, items: &[(usize, i64)]) -> (Vec<Option<i64>>, Vec<usize>) {
    let mut cost: Vec<Option<i64>> = vec![None; size + 1];
    let mut choice = vec![usize::MAX; size + 1];
    cost[0] = Some(0);
    for s in 1..=size {
        for (i, &(len, price)) in items.iter().enumerate() {
            let rest = cost[s.saturating_sub(len)];
            if let Some(c) = rest.and_then(|r| r.checked_add(price)).filter(|c| *c <= MAX_MINOR) {
                if cost[s].is_none_or(|best| c < best) {
                    cost[s] = Some(c);
                    choice[s] = i;
                }
            }
        }
    }
    (cost, choice)
}

/// How many times each item was taken in the cover of `size`.
fn taken(size: usize, items: &[(usize, i64)], choice: &[usize]) -> Vec<u64> {
    let mut counts = vec![0u64; items.len()];
    let mut s = size;
    while s > 0 {
        let i = choice[s];
        counts[i] += 1;
        s = s.saturating_sub(items[i].0);
    }
    counts
}

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
    let (hour_cost, hour_choice) = covering_knapsack(total_hours as usize, &hour_items);
    let months = if calendar.is_empty() { 0 } else { period.months };
    let (month_cost, month_choice) = covering_knapsack(months as usize, &month_items);

    // (total, months covered by calendar rules, hours covered by elapsed rules) or a flat rule.
    let mut best: Option<(i64, usize, usize)> = None;
    for (m, cost) in month_cost.iter().enumerate() {
        let hours = period.hours_after_months(m as i64) as usize;
        let total = match (*cost, hour_cost.get(hours).copied().flatten()) {
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
    let groups = [(&calendar, &month_items, &month_choice, m), (&elapsed, &hour_items, &hour_choice, hours)];
    for (rules, items, choice, size) in groups {
        for (rule, count) in rules.iter().zip(taken(size, items, choice)) {
            if count > 0 {
                let subtotal_minor = times(count, rule.price_minor).ok_or(PricingError::AmountOverflow)?;
                breakdown.push(Line::new(Some((*rule).clone()), count, subtotal_minor, currency));
            }
        }
    }
    Ok(Quote::new(total, currency, None, breakdown))
}
