//! Property tests of the units module's invariants.

use fleetgate::units::{self, Unit, MAX_METRES};
use proptest::prelude::*;

/// Round half to even of `num / den`, in plain integer arithmetic (an independent formula, not fleetgate's).
fn half_even(num: u128, den: u128) -> u128 {
    let (q, r) = (num / den, num % den);
    match (2 * r).cmp(&den) {
        std::cmp::Ordering::Less => q,
        std::cmp::Ordering::Greater => q + 1,
        std::cmp::Ordering::Equal => q + (q % 2),
    }
}

proptest! {
    #[test]
    fn three_decimal_strings_match_integer_formula(thousandths in 0u64..10_000_000_000_000, mi in any::<bool>()) {
        let text = format!("{}.{:03}", thousandths / 1000, thousandths % 1000);
        let (unit, mm) = if mi { ("mi", 1_609_344u128) } else { ("km", 1_000_000u128) };
        let expected = half_even(u128::from(thousandths) * mm, 1_000_000);
        let got = units::to_metres(text.as_str(), unit);
        if expected > MAX_METRES as u128 {
            prop_assert_eq!(got.map_err(|e| e.code()), Err("invalid_value"));
        } else {
            prop_assert_eq!(got.map(|m| m as u128), Ok(expected));
        }
    }

    #[test]
    fn floats_mean_their_shortest_decimal(x in 0.0f64..1e12) {
        let text = x.to_string();
        prop_assert_eq!(Unit::Miles.to_metres(x), Unit::Miles.to_metres(text.as_str()));
    }

    #[test]
    fn conversion_is_monotonic(a in 0.0f64..1e9, b in 0.0f64..1e9) {
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        prop_assert!(Unit::Miles.to_metres(lo).unwrap() <= Unit::Miles.to_metres(hi).unwrap());
    }

    #[test]
    fn metres_round_trip_within_half_a_metre(m in 0i64..MAX_METRES / 2) {
        for unit in [Unit::Kilometres, Unit::Miles] {
            let back = unit.to_metres(unit.from_metres(m).unwrap()).unwrap();
            prop_assert!((back - m).abs() <= 1, "{} -> {} via {}", m, back, unit);
        }
    }

    #[test]
    fn thousands_grouping_means_nothing(n in 0u64..1_000_000_000_000) {
        let plain = n.to_string();
        let grouped: String = plain
            .chars()
            .rev()
            .enumerate()
            .flat_map(|(i, c)| if i > 0 && i % 3 == 0 { vec![',', c] } else { vec![c] })
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        prop_assert_eq!(units::to_metres(plain.as_str(), "km"), units::to_metres(grouped.as_str(), "km"));
    }

    #[test]
    fn convert_agrees_with_exact_ratio(thousandths in 1u64..1_000_000_000_000) {
        // km -> mi: thousandths / 1000 * 1e6 / 1609344, nearest float via an exact integer split.
        let got = units::convert(format!("{}.{:03}", thousandths / 1000, thousandths % 1000).as_str(), "km", "mi").unwrap();
        let exact_num = u128::from(thousandths) * 1000; // value * 1e6 / 1000
        let approx = exact_num as f64 / 1_609_344.0;
        // both sides are within one ulp of the same exact rational
        prop_assert!((got - approx).abs() <= approx * f64::EPSILON, "{} vs {}", got, approx);
    }
}

proptest! {
    /// The float fast path must agree with reading the float's shortest decimal exactly, for every float.
    #[test]
    fn float_fast_path_matches_decimal_reading(bits in any::<u64>(), mi in any::<bool>()) {
        let v = f64::from_bits(bits).abs();
        let unit = if mi { Unit::Miles } else { Unit::Kilometres };
        let text = v.to_string();
        let expect = if v.is_finite() { unit.to_metres(text.as_str()).map_err(|e| e.code()) } else { Err("invalid_value") };
        prop_assert_eq!(unit.to_metres(v).map_err(|e| e.code()), expect);
    }

    #[test]
    fn float_fast_path_matches_decimal_reading_in_odometer_range(v in 0.0f64..2e7, mi in any::<bool>()) {
        let unit = if mi { Unit::Miles } else { Unit::Kilometres };
        prop_assert_eq!(unit.to_metres(v), unit.to_metres(v.to_string().as_str()));
    }

    #[test]
    fn float_ties_agree(k in 0u64..100_000_000) {
        // k + 0.5 metres expressed in km, e.g. 1.0005 km: a tie under the decimal reading.
        let v: f64 = format!("{}.{:03}5", k / 1000, k % 1000).parse().unwrap();
        prop_assert_eq!(Unit::Kilometres.to_metres(v), Unit::Kilometres.to_metres(v.to_string().as_str()));
    }
}
