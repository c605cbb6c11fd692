//! Property tests of the booking areas: best-mode quotes never exceed Odoo mode and add up; availability is never
//! negative and matches a direct count; timelines tile their window.

use fleetgate::availability::{self, Booking};
use fleetgate::instant::TimeZone;
use fleetgate::pricing::{Amount, Currency, Mode, PeriodUnit, QuoteOptions, RateCard, Rule};
use proptest::prelude::*;

const UNITS: [PeriodUnit; 5] =
    [PeriodUnit::Hour, PeriodUnit::Day, PeriodUnit::Week, PeriodUnit::Month, PeriodUnit::Year];
/// 2024-01-01T00:00:00Z.
const BASE: i64 = 1_704_067_200;

fn rule() -> impl Strategy<Value = Rule> {
    (0..UNITS.len(), 0u32..4, 0u32..100_000).prop_map(|(u, d, cents)| Rule {
        unit: UNITS[u],
        duration: d,
        price: Amount::parse(&format!("{}.{:02}", cents / 100, cents % 100)).unwrap(),
    })
}

fn zone() -> impl Strategy<Value = &'static str> {
    prop_oneof![Just("UTC"), Just("Europe/Brussels"), Just("America/New_York")]
}

/// Whether the lines cover `[start, end)`: a flat rule, or their calendar months added to the local start and
/// then their hours reach the end (to the minute, seconds ignored as in the spec).
fn covers(lines: &[fleetgate::pricing::Line], start: i64, end: i64, tz: chrono_tz::Tz) -> bool {
    use fleetgate::instant;
    use fleetgate::pricing::PeriodUnit;
    let (mut months, mut hours) = (0i64, 0i64);
    for line in lines {
        let Some(rule) = &line.rule else { return true };
        let n = i64::from(rule.duration) * line.count as i64;
        match rule.unit {
            _ if rule.duration == 0 => return true,
            PeriodUnit::Hour => hours += n,
            PeriodUnit::Day => hours += 24 * n,
            PeriodUnit::Week => hours += 168 * n,
            PeriodUnit::Month => months += n,
            PeriodUnit::Year => months += 12 * n,
        }
    }
    let after = if months == 0 {
        start
    } else {
        instant::from_local(instant::add_months(instant::to_local(start, tz), months).unwrap(), tz)
    };
    (end - after).div_euclid(60) <= hours * 60
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn best_never_exceeds_odoo_and_adds_up(
        rules in prop::collection::vec(rule(), 1..6),
        start in 0i64..(2 * 366 * 86_400),
        length in 1i64..(400 * 86_400),
        tz in zone(),
    ) {
        let card = RateCard::new(rules, Currency::default(), None, Default::default()).unwrap();
        let tz: chrono_tz::Tz = tz.parse().unwrap();
        let (start, end) = (BASE + start, BASE + start + length);
        let options = |mode| QuoteOptions { mode, pricelist: None, tz: TimeZone(tz) };
        let odoo = card.quote(start, end, &options(Mode::Odoo)).unwrap();
        let best = card.quote(start, end, &options(Mode::Best)).unwrap();
        prop_assert!(best.total_minor <= odoo.total_minor, "best {} > odoo {}", best.total_minor, odoo.total_minor);
        let sum: i64 = best.breakdown.iter().map(|l| l.subtotal_minor).sum();
        prop_assert_eq!(sum, best.total_minor);
        for line in &best.breakdown {
            let price = line.rule.as_ref().map_or(0, |r| r.price_minor);
            prop_assert_eq!(line.subtotal_minor, price * line.count as i64);
        }
        prop_assert!(covers(&best.breakdown, start, end, tz), "best mode does not cover the period: {:?}", best);
    }

    #[test]
    fn availability_matches_a_direct_count(
        raw in prop::collection::vec((0i64..96, 1i64..24, 1u32..4, 0u32..4), 0..25),
        from in 0i64..100,
        span in 1i64..60,
        stock in 0u32..8,
    ) {
        let hour = 3600;
        let bookings: Vec<Booking> = raw
            .iter()
            .map(|&(s, len, quantity, pad)| Booking {
                start: s * hour, end: (s + len) * hour, quantity, padding_hours: pad, unit: None,
            })
            .collect();
        let (from, to) = (from * hour, (from + span) * hour);
        // Direct count on every hour of the window (every boundary is on the hour).
        let level = |t: i64| -> u64 {
            bookings.iter().filter(|b| b.start - i64::from(b.padding_hours) * hour <= t && t < b.end).map(|b| u64::from(b.quantity)).sum()
        };
        let peak = (from..to).step_by(hour as usize).map(level).max().unwrap_or(0);
        prop_assert_eq!(availability::unavailable(&bookings, from, to).unwrap(), peak);
        let free = availability::available(stock, &bookings, from, to).unwrap();
        prop_assert!(free <= stock);
        prop_assert_eq!(u64::from(free), u64::from(stock).saturating_sub(peak));

        let segments = availability::timeline(stock, &bookings, from, to).unwrap();
        prop_assert_eq!(segments.first().map(|s| s.start), Some(from));
        prop_assert_eq!(segments.last().map(|s| s.end), Some(to));
        for pair in segments.windows(2) {
            prop_assert_eq!(pair[0].end, pair[1].start);
            prop_assert_ne!(pair[0].available, pair[1].available);
        }
        for s in &segments {
            prop_assert!(s.start < s.end);
            prop_assert_eq!(u64::from(s.available), u64::from(stock).saturating_sub(level(s.start)));
        }
        prop_assert_eq!(segments.iter().map(|s| s.available).min(), Some(free));
    }
}
