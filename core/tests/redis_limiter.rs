//! RedisLimiter against a real redis-server (`FLEETGATE_REDIS_URL`; `scripts/test.sh` starts a private one).
//! Without the variable these tests fail: they must not pass silently when Redis is missing.
#![cfg(feature = "redis")]

use std::process::Command;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use fleetgate::ratelimit::redis_limiter::RedisLimiter;
use fleetgate::ratelimit::{Algorithm, Decision, Limiter, Quota};

fn url() -> String {
    std::env::var("FLEETGATE_REDIS_URL")
        .expect("FLEETGATE_REDIS_URL must point at a redis-server (scripts/test.sh starts one on 127.0.0.1)")
}

/// A key no other run has used.
fn fresh_key(name: &str) -> String {
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or_default();
    format!("{name}-{}-{nanos}", std::process::id())
}

const WORKERS: usize = 8;
const REQUESTS_PER_WORKER: usize = 150;

fn hammer_quota() -> Quota {
    Quota::new(20, 500_000, Some(5)).unwrap() // 20 per 0.5 s (T = 25 ms), bursts of 5
}

#[test]
fn lua_and_in_memory_agree_decision_by_decision() {
    let quota = Quota::new(5, 200_000, None).unwrap(); // 5 per 0.2 s: T = 40 ms
    let key = fresh_key("recorded");
    let mut redis = RedisLimiter::connect(&url(), quota, "fleetgate-test:").unwrap();
    let mut recorded: Vec<Decision> = Vec::new();
    for i in 0..120u64 {
        recorded.push(redis.check(&key, 1 + i % 2).unwrap());
        std::thread::sleep(Duration::from_millis(if i % 10 < 7 { 1 } else { 30 }));
    }
    let mut memory = Limiter::new(quota, Algorithm::Gcra).unwrap();
    for (i, got) in recorded.iter().enumerate() {
        let want = memory.check("k", got.at_us, 1 + i as u64 % 2).unwrap();
        assert_eq!(got, &want, "decision {i} differs");
    }
    let allowed = recorded.iter().filter(|d| d.allowed).count();
    assert!(allowed > 0 && allowed < recorded.len(), "the sequence exercises both outcomes ({allowed} allowed)");
}

#[test]
fn eight_processes_admit_exactly_what_the_in_memory_limiter_admits() {
    let key = fresh_key("hammer");
    let exe = std::env::current_exe().unwrap();
    let children: Vec<_> = (0..WORKERS)
        .map(|_| {
            Command::new(&exe)
                .args(["--exact", "hammer_worker", "--ignored", "--nocapture", "--test-threads", "1"])
                .env("FLEETGATE_HAMMER_KEY", &key)
                .stdout(std::process::Stdio::piped())
                .spawn()
                .expect("spawn a worker process")
        })
        .collect();
    let mut arrivals: Vec<(i64, bool)> = Vec::new();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "a worker failed");
        // libtest may print "test hammer_worker ... " in front of the first line.
        for line in String::from_utf8_lossy(&out.stdout).lines() {
            if let Some((_, rest)) = line.split_once("DECISION ") {
                let (at, allowed) = rest.split_once(' ').unwrap();
                arrivals.push((at.parse().unwrap(), allowed == "true"));
            }
        }
    }
    assert_eq!(arrivals.len(), WORKERS * REQUESTS_PER_WORKER, "every worker reported every decision");
    // Redis ran the scripts one at a time in TIME order: replay the same arrivals through the in-memory limiter.
    arrivals.sort_by_key(|(at, _)| *at);
    let mut memory = Limiter::new(hammer_quota(), Algorithm::Gcra).unwrap();
    let by_memory = arrivals.iter().filter(|(at, _)| memory.check("k", *at, 1).unwrap().allowed).count();
    let by_redis = arrivals.iter().filter(|(_, allowed)| *allowed).count();
    assert_eq!(by_redis, by_memory, "Redis admitted {by_redis}, the in-memory limiter {by_memory}");
    let span = arrivals.last().unwrap().0 - arrivals[0].0;
    let bound = 5 + span / hammer_quota().emission_interval_us();
    assert!(by_redis as i64 <= bound, "{by_redis} admitted in {span} us exceeds burst + elapsed / T = {bound}");
    assert!(by_redis < arrivals.len(), "the workers were limited");
}

/// Run by the test above in 8 child processes; prints one `DECISION <at_us> <allowed>` line per request.
#[test]
#[ignore = "a worker process of eight_processes_admit_exactly_what_the_in_memory_limiter_admits"]
fn hammer_worker() {
    let key = std::env::var("FLEETGATE_HAMMER_KEY").expect("run by the eight-process test");
    let mut redis = RedisLimiter::connect(&url(), hammer_quota(), "fleetgate-test:").unwrap();
    for _ in 0..REQUESTS_PER_WORKER {
        let d = redis.check(&key, 1).unwrap();
        println!("DECISION {} {}", d.at_us, d.allowed);
    }
}

#[test]
fn unreachable_server_is_a_redis_error() {
    let quota = Quota::new(1, 1_000_000, None).unwrap();
    let err = RedisLimiter::connect("redis://127.0.0.1:1/", quota, "x:").err().expect("port 1 has no Redis");
    assert_eq!(err.code(), "redis_error");
}

/// The plans of the bindings' RedisLimiter (sliding log by default, GCRA, several quotas) against the in-memory
/// limiter: the recorded Redis decisions replayed at Redis' instants give the same decisions.
#[test]
fn planned_scripts_and_in_memory_agree_decision_by_decision() {
    use fleetgate::ratelimit::redis_limiter::PlannedRedisLimiter;
    use fleetgate::ratelimit::{limiter_of, RedisLimiterOptions, RedisPlan};
    let cases = [
        r#"{"limit": 5, "period": 0.2}"#,
        r#"{"limit": 5, "period": 0.2, "algorithm": "gcra"}"#,
        r#"{"quotas": [{"limit": 3, "period": 0.05}, {"limit": 8, "period": 0.4}]}"#,
        r#"{"quotas": [{"limit": 3, "period": 0.05}, {"limit": 8, "period": 0.4}], "algorithm": "gcra"}"#,
    ];
    for options in cases {
        let options: RedisLimiterOptions = serde_json::from_str(options).unwrap();
        let plan =
            RedisPlan::new(&RedisLimiterOptions { prefix: Some("fleetgate-test".into()), ..options.clone() }).unwrap();
        let key = fresh_key("planned");
        let mut redis = PlannedRedisLimiter::connect(&url(), plan).unwrap();
        let cost = |i: u64| 1 + u64::from(i % 5 == 3);
        let mut recorded: Vec<Decision> = Vec::new();
        for i in 0..150u64 {
            recorded.push(redis.check(&key, cost(i)).unwrap());
            std::thread::sleep(Duration::from_millis(if i % 10 < 7 { 1 } else { 25 }));
        }
        let (l, p, b, q, a) =
            (options.limit, options.period, options.burst, options.quotas.clone(), options.algorithm.clone());
        let mut memory = limiter_of(l, p, b, q.as_deref(), a.as_deref()).unwrap();
        for (i, got) in recorded.iter().enumerate() {
            let want = memory.check("k", got.at_us, cost(i as u64)).unwrap();
            assert_eq!(got, &want, "{options:?}: decision {i} differs");
        }
        let allowed = recorded.iter().filter(|d| d.allowed).count();
        assert!(allowed > 0 && allowed < recorded.len(), "{options:?}: both outcomes ({allowed} allowed)");
        if q.is_some() {
            let by: Vec<_> = recorded.iter().filter_map(|d| d.denied_by).collect();
            assert!(by.contains(&0) && by.contains(&1), "{options:?}: each quota denies some: {by:?}");
        }
    }
}
