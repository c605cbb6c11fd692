//! Property tests of the rate limiter's invariants.

use fleetgate::ratelimit::{self, client_key, Algorithm, Limiter, Network, Quota, TrustedProxies};
use proptest::prelude::*;

const T0: i64 = 1_700_000_000_000_000;

/// Arrival offsets (microseconds after T0), sorted.
fn arrivals() -> impl Strategy<Value = Vec<i64>> {
    prop::collection::vec(0i64..20_000_000, 1..300).prop_map(|mut v| {
        v.sort_unstable();
        v
    })
}

proptest! {
    #[test]
    fn gcra_never_admits_more_than_burst_plus_elapsed_over_t(
        limit in 1u64..20, period_ms in 1i64..5_000, burst in 1u64..20, offsets in arrivals(),
    ) {
        let quota = Quota::new(limit, period_ms * 1000, Some(burst)).unwrap();
        let mut limiter = Limiter::new(quota, Algorithm::Gcra).unwrap();
        let t = quota.emission_interval_us();
        let mut admitted: Vec<i64> = Vec::new();
        for &offset in &offsets {
            if limiter.check("k", T0 + offset, 1).unwrap().allowed {
                admitted.push(offset);
            }
        }
        // In every interval [a, b] of admitted arrivals: count <= burst + (b - a) / T.
        for (i, &a) in admitted.iter().enumerate() {
            for (j, &b) in admitted.iter().enumerate().skip(i) {
                let count = (j - i + 1) as i64;
                prop_assert!(count <= burst as i64 + (b - a) / t, "{} admitted in {} us, T={} B={}", count, b - a, t, burst);
            }
        }
    }

    #[test]
    fn sliding_log_never_admits_more_than_limit_in_any_window(
        limit in 1u64..15, period_ms in 1i64..5_000, offsets in arrivals(), costs in prop::collection::vec(1u64..3, 300),
    ) {
        let period = period_ms * 1000;
        let mut limiter = Limiter::new(Quota::new(limit, period, None).unwrap(), Algorithm::SlidingLog).unwrap();
        let mut admitted: Vec<(i64, u64)> = Vec::new();
        for (&offset, &cost) in offsets.iter().zip(&costs) {
            match limiter.check("k", T0 + offset, cost) {
                Ok(d) if d.allowed => admitted.push((offset, cost)),
                Ok(_) => {}
                Err(e) => prop_assert_eq!(e.code(), "invalid_cost"),
            }
        }
        for &(start, _) in &admitted {
            let in_window: u64 = admitted.iter().filter(|(t, _)| *t >= start && *t < start + period).map(|(_, c)| c).sum();
            prop_assert!(in_window <= limit, "{} in the window from {}", in_window, start);
        }
    }

    #[test]
    fn gcra_step_matches_keyed_limiter(limit in 1u64..10, offsets in arrivals()) {
        let quota = Quota::new(limit, 1_000_000, None).unwrap();
        let mut limiter = Limiter::new(quota, Algorithm::Gcra).unwrap();
        let mut state = 0;
        for &offset in &offsets {
            let (stepped, next) = ratelimit::gcra_step(&quota, state, T0 + offset, 1).unwrap();
            state = next;
            prop_assert_eq!(stepped, limiter.check("k", T0 + offset, 1).unwrap());
        }
    }

    #[test]
    fn redis_reply_agrees_with_step(limit in 1u64..10, offsets in arrivals()) {
        let quota = Quota::new(limit, 1_000_000, None).unwrap();
        let mut state = 0;
        for &offset in &offsets {
            let (d, next) = ratelimit::gcra_step(&quota, state, T0 + offset, 1).unwrap();
            let reply = [i64::from(d.allowed), T0 + offset, state];
            prop_assert_eq!(ratelimit::decision_from_redis_reply(&quota, &reply, 1).unwrap(), d);
            state = next;
        }
    }

    #[test]
    fn spoofed_headers_never_change_the_key_without_trust(
        a in any::<[u8; 4]>(), spoof in "[ -~]{0,40}", prefix in 48u8..=128,
    ) {
        let peer = std::net::Ipv4Addr::from(a).to_string();
        let headers = [("X-Forwarded-For", spoof.as_str()), ("Forwarded", spoof.as_str())];
        prop_assert_eq!(client_key(&peer, &headers, &TrustedProxies::Hops(0), prefix).unwrap(), peer.clone());
        // Trusting a network the peer is not in changes nothing either.
        let elsewhere = TrustedProxies::Networks(vec![Network::parse("192.0.2.0/24").unwrap()]);
        if a[..3] != [192, 0, 2] {
            prop_assert_eq!(client_key(&peer, &headers, &elsewhere, prefix).unwrap(), peer);
        }
    }

    #[test]
    fn a_spoofed_left_part_never_changes_the_key_behind_trusted_hops(spoof in "[0-9a-f.:, ]{0,40}", c in any::<[u8; 4]>()) {
        let client = std::net::Ipv4Addr::from(c).to_string();
        let xff = format!("{spoof},{client}");
        let key = client_key("10.0.0.1", &[("X-Forwarded-For", &xff)], &TrustedProxies::Hops(1), 56).unwrap();
        prop_assert_eq!(key, client);
    }
}

#[test]
fn idle_keys_are_evicted_under_a_flood() {
    let quota = Quota::new(10, 1_000_000, None).unwrap();
    let mut limiter = Limiter::new(quota, Algorithm::Gcra).unwrap();
    // 100 000 distinct keys, one request each, 10 ms apart: a key is idle 100 ms after its request.
    for i in 0..100_000i64 {
        limiter.check(&format!("key-{i}"), T0 + i * 10_000, 1).unwrap();
        assert!(limiter.len() <= 2048, "{} keys held after {} requests", limiter.len(), i + 1);
    }
    let held = limiter.len();
    assert_eq!(limiter.evict_idle(T0 + 100_000 * 10_000 + 1_000_000), held);
    assert!(limiter.is_empty());
}

#[test]
fn evict_idle_keeps_live_keys_and_counts_dropped_ones() {
    let quota = Quota::new(2, 10_000_000, None).unwrap();
    for algorithm in [Algorithm::Gcra, Algorithm::SlidingLog] {
        let mut limiter = Limiter::new(quota, algorithm).unwrap();
        limiter.check("old", T0, 1).unwrap();
        limiter.check("new", T0 + 9_000_000, 1).unwrap();
        assert_eq!(limiter.len(), 2);
        assert_eq!(limiter.evict_idle(T0 + 12_000_000), 1, "{algorithm:?}");
        assert_eq!(limiter.len(), 1);
        // The surviving key still remembers its request.
        assert_eq!(limiter.check("new", T0 + 12_000_000, 1).unwrap().remaining, 0, "{algorithm:?}");
    }
}

#[test]
fn denied_gcra_requests_do_not_create_keys() {
    let quota = Quota::new(1, 1_000_000, None).unwrap();
    let mut limiter = Limiter::new(quota, Algorithm::Gcra).unwrap();
    assert_eq!(limiter.check("k", T0, 2).unwrap_err().code(), "invalid_cost");
    assert!(limiter.is_empty());
}
