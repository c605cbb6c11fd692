//! Property tests of the backoff policies.

use fleetgate::retry::{Backoff, Jitter};
use proptest::prelude::*;

fn kind() -> impl Strategy<Value = Jitter> {
    prop::sample::select(vec![Jitter::Full, Jitter::Equal, Jitter::Decorrelated, Jitter::Constant])
}

proptest! {
    #[test]
    fn delays_respect_cap_attempts_and_budget(
        kind in kind(), base in 1i64..1_000_000, extra in 0i64..60_000_000, attempts in 1u32..20,
        budget in proptest::option::of(0i64..100_000_000), seed in any::<u64>(),
    ) {
        let cap = base + extra;
        let backoff = Backoff::new(kind, base, cap, attempts, budget, seed).unwrap();
        let delays = backoff.delays();
        prop_assert!(delays.len() < attempts as usize);
        prop_assert!(delays.iter().all(|d| (0..=cap).contains(d)));
        if let Some(budget) = budget {
            prop_assert!(delays.iter().sum::<i64>() <= budget);
        } else {
            prop_assert_eq!(delays.len(), attempts as usize - 1);
        }
        prop_assert_eq!(&delays, &Backoff::new(kind, base, cap, attempts, budget, seed).unwrap().delays());
    }

    #[test]
    fn full_jitter_stays_under_the_exponential(base in 1i64..1_000_000, seed in any::<u64>()) {
        let mut backoff = Backoff::new(Jitter::Full, base, i64::MAX / 4, 30, None, seed).unwrap();
        for attempt in 1..30u32 {
            let d = backoff.next_delay(attempt, None).unwrap();
            prop_assert!(d <= base.saturating_mul(1 << (attempt - 1)));
        }
    }

    #[test]
    fn a_server_cannot_hold_a_client_past_the_budget(retry_after in 0i64..1_000_000_000_000, budget in 0i64..60_000_000) {
        let mut backoff = Backoff::new(Jitter::Full, 100_000, i64::MAX / 4, 1000, Some(budget), 1).unwrap();
        let mut total = 0;
        for attempt in 1..1000 {
            match backoff.next_delay(attempt, Some(retry_after)) {
                Some(d) => total += d,
                None => break,
            }
        }
        prop_assert!(total <= budget);
    }
}
