//! Replies of the Redis GCRA script: `[quota, reply, cost]` (a redis_reply vector's arguments) with any integers.
#![no_main]

use fleetgate::ratelimit::{decision_from_redis_reply, micros_from_seconds, redis_argv, Quota};
use fleetgate_fuzz::json_args;
use libfuzzer_sys::fuzz_target;
use serde_json::Value as Json;

fuzz_target!(|data: &[u8]| {
    let Some(args) = json_args(data) else { return };
    let Some(config) = args.first() else { return };
    let period = config.get("period").and_then(Json::as_f64).and_then(micros_from_seconds).unwrap_or(1);
    let limit = config.get("limit").and_then(Json::as_u64).unwrap_or(1);
    let Ok(quota) = Quota::new(limit, period, config.get("burst").and_then(Json::as_u64)) else { return };
    let reply: Vec<i64> =
        args.get(1).and_then(Json::as_array).map(|r| r.iter().filter_map(Json::as_i64).collect()).unwrap_or_default();
    let cost = args.get(2).and_then(Json::as_u64).unwrap_or(1);
    let _ = redis_argv(&quota, cost);
    if let Ok(decision) = decision_from_redis_reply(&quota, &reply, cost) {
        assert!(decision.retry_after_us >= 0 && decision.reset_us >= 0);
        let _ = decision.headers(true);
    }
});
