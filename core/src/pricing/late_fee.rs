//! Late-return fees (Odoo-compatible).

use serde::Serialize;

use super::schema::{Currency, LateFeeOptions, LateFeeVariant};
use super::{quote_err, PricingError, MAX_MINOR};

/// A late-return fee: whole `days` and `hours` charged, and the total.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LateFee {
    /// The fee in minor units.
    pub total_minor: i64,
    /// The fee as a decimal string.
    pub total: String,
    /// The currency (serialized as its code).
    pub currency: Currency,
    /// Whole days charged at the daily rate.
    pub days: i64,
    /// Whole hours charged at the hourly rate.
    pub hours: i64,
}

/// The late-return fee (Odoo-compatible) of a return at `actual` planned for `planned` (unix seconds): no fee
/// while `actual - planned <= grace_hours`; otherwise `whole days x extra_daily + whole remaining hours x
/// extra_hourly` (see [`LateFeeVariant`]). A rate with more decimals than the currency has is `invalid_quote`.
pub fn late_fee(planned: i64, actual: i64, options: &LateFeeOptions) -> Result<LateFee, PricingError> {
    let currency = &options.currency;
    let hourly = currency.minor(&options.extra_hourly).map_err(|p| quote_err("options", "extra_hourly", p))?;
    let daily = currency.minor(&options.extra_daily).map_err(|p| quote_err("options", "extra_daily", p))?;
    let (days, hours, total_minor) = fee(actual - planned, hourly, daily, options.grace_hours, options.variant)?;
    Ok(LateFee { total_minor, total: currency.format(total_minor), currency: currency.clone(), days, hours })
}

/// `(days, hours, total)` for a delay of `late` seconds.
fn fee(
    mut late: i64,
    extra_hourly_minor: i64,
    extra_daily_minor: i64,
    grace_hours: u32,
    variant: LateFeeVariant,
) -> Result<(i64, i64, i64), PricingError> {
    let grace = i64::from(grace_hours) * 3600;
    if late <= grace {
        return Ok((0, 0, 0));
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
    Ok((days, hours, total))
}
