//! Client keys from the peer address, forwarding headers and trusted proxies: `[peer, headers, trusted, prefix]`
//! (a client_key vector's arguments); trusted networks are parsed too.
#![no_main]

use fleetgate::ratelimit::{client_key, ipv6_prefix, Network, TrustedProxies};
use fleetgate_fuzz::json_args;
use libfuzzer_sys::fuzz_target;
use serde_json::Value as Json;

fuzz_target!(|data: &[u8]| {
    let Some(args) = json_args(data) else { return };
    let Some(peer) = args.first().and_then(Json::as_str) else { return };
    let headers: Vec<(&str, &str)> = args
        .get(1)
        .and_then(Json::as_array)
        .map(|pairs| pairs.iter().filter_map(|p| Some((p.get(0)?.as_str()?, p.get(1)?.as_str()?))).collect())
        .unwrap_or_default();
    let trusted = match args.get(2) {
        Some(Json::Array(nets)) => {
            let parsed: Result<Vec<Network>, _> = nets.iter().filter_map(Json::as_str).map(Network::parse).collect();
            match parsed {
                Ok(n) => TrustedProxies::Networks(n),
                Err(_) => return,
            }
        }
        Some(n) => TrustedProxies::Hops(n.as_u64().unwrap_or(0).min(u64::from(u32::MAX)) as u32),
        None => TrustedProxies::default(),
    };
    let prefix = ipv6_prefix(args.get(3).and_then(Json::as_i64).unwrap_or(56)).unwrap_or(56);
    if let Ok(key) = client_key(peer, &headers, &trusted, prefix) {
        assert!(!key.is_empty());
    }
});
