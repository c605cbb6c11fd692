//! Loaders of `tests/vectors/ratelimit.json` and `tests/vectors/client_key.json`.

use fleetgate::ratelimit::{self, Algorithm, Decision, Limiter, Network, Quota, RateLimitError, TrustedProxies};
use serde_json::{json, Value as Json};

use crate::{code, Outcome};

fn quota(config: &Json) -> Result<(Quota, Algorithm), RateLimitError> {
    let period = ratelimit::micros_from_seconds(config["period"].as_f64().expect("period")).unwrap_or(0);
    let quota = Quota::new(config["limit"].as_u64().expect("limit"), period, config["burst"].as_u64())?;
    Ok((quota, Algorithm::parse(config["algorithm"].as_str().expect("algorithm"))?))
}

fn now(value: &Json) -> i64 {
    ratelimit::micros_from_seconds(value.as_f64().expect("now")).expect("now in range")
}

fn decision_json(d: &Decision) -> Json {
    json!({"allowed": d.allowed, "remaining": d.remaining, "retry_after": d.retry_after_s(), "reset": d.reset_s()})
}

fn run_requests(config: &Json, requests: &Json) -> Result<Vec<Decision>, RateLimitError> {
    let (quota, algorithm) = quota(config)?;
    let mut limiter = Limiter::new(quota, algorithm)?;
    let requests = requests.as_array().expect("requests");
    requests
        .iter()
        .map(|r| limiter.check(r[0].as_str().expect("key"), now(&r[1]), r[2].as_u64().expect("cost")))
        .collect()
}

/// `Limiter(**options)` as a user writes it: the algorithm, limit and period may be left to their defaults, or
/// `quotas` given.
fn run_options(options: &Json, requests: &Json) -> Result<Vec<Json>, RateLimitError> {
    let quotas: Option<Vec<ratelimit::QuotaSpec>> =
        options.get("quotas").map(|q| serde_json::from_value(q.clone()).expect("quotas"));
    let mut limiter = ratelimit::limiter_of(
        options.get("limit").map(|l| l.as_u64().expect("limit")),
        options.get("period").map(|p| p.as_f64().expect("period")),
        options.get("burst").and_then(Json::as_u64),
        quotas.as_deref(),
        options.get("algorithm").map(|a| a.as_str().expect("algorithm")),
    )?;
    let requests = requests.as_array().expect("requests");
    requests
        .iter()
        .map(|r| {
            let d = limiter.check(r[0].as_str().expect("key"), now(&r[1]), r[2].as_u64().expect("cost"))?;
            let mut out = decision_json(&d);
            out["denied_by"] = json!(d.denied_by);
            Ok(out)
        })
        .collect()
}

pub fn load(function: &str, args: &[Json]) -> Outcome {
    let result = match function {
        "limiter_options" => run_options(&args[0], &args[1]).map(Json::from),
        "limiter" => run_requests(&args[0], &args[1]).map(|ds| ds.iter().map(decision_json).collect()),
        "headers" => run_requests(&args[0], &args[1]).map(|ds| {
            let last = ds.last().expect("a request");
            last.headers(args[2].as_bool().expect("legacy")).into_iter().map(|(n, v)| json!([n, v])).collect()
        }),
        "gcra_step" => quota(&args[0]).and_then(|(quota, _)| {
            let state = args[1].as_i64().expect("state");
            let (d, next) = ratelimit::gcra_step(&quota, state, now(&args[2]), args[3].as_u64().expect("cost"))?;
            let mut out = decision_json(&d);
            out["state"] = json!(next);
            Ok(out)
        }),
        "redis_reply" => quota(&args[0]).and_then(|(quota, _)| {
            let reply: Vec<i64> = args[1].as_array().expect("reply").iter().map(|v| v.as_i64().expect("int")).collect();
            ratelimit::decision_from_redis_reply(&quota, &reply, args[2].as_u64().expect("cost"))
                .map(|d| decision_json(&d))
        }),
        other => panic!("unknown ratelimit function {other}"),
    };
    result.map_err(code)
}

pub fn load_client_key(function: &str, args: &[Json]) -> Outcome {
    assert_eq!(function, "client_key");
    let headers: Vec<(&str, &str)> = args[1]
        .as_array()
        .expect("headers")
        .iter()
        .map(|pair| (pair[0].as_str().expect("name"), pair[1].as_str().expect("value")))
        .collect();
    let run = || -> Result<String, RateLimitError> {
        let trusted = match &args[2] {
            Json::Number(n) => TrustedProxies::Hops(n.as_u64().expect("hops") as u32),
            Json::Array(nets) => TrustedProxies::Networks(
                nets.iter().map(|n| Network::parse(n.as_str().expect("network"))).collect::<Result<_, _>>()?,
            ),
            other => panic!("trusted proxies {other}"),
        };
        let prefix = ratelimit::ipv6_prefix(args[3].as_i64().expect("prefix"))?;
        ratelimit::client_key(args[0].as_str().expect("peer"), &headers, &trusted, prefix)
    };
    run().map(Json::from).map_err(code)
}
