//! Webhook headers and `verify` for every preset. Input: one JSON line `[config, headers, now]` (a verify vector's
//! arguments without the body), then the raw body. Asserts that streamed and one-shot verification agree, and that
//! whatever a verifier signs, it verifies.
#![no_main]

use fleetgate::webhook::{parse_timestamp, Encoding, HmacConfig, SignedContent, TimeCheck, Verifier};
use fleetgate_fuzz::head_and_body;
use libfuzzer_sys::fuzz_target;
use serde_json::Value as Json;

fn verifier(config: &Json) -> Option<Verifier> {
    let secrets: Vec<&str> = config.get("secrets")?.as_array()?.iter().filter_map(Json::as_str).collect();
    let text = |k: &str| config.get(k).and_then(Json::as_str).map(str::to_owned);
    let v = match config.get("preset")?.as_str()? {
        "smartcar" => Verifier::smartcar(&secrets),
        "standard_webhooks" => Verifier::standard_webhooks(&secrets),
        "stripe" => Verifier::stripe(&secrets),
        "github" => Verifier::github(&secrets),
        "shopify" => Verifier::shopify(&secrets),
        "odoo" => Verifier::odoo(&secrets, config.get("timestamped").and_then(Json::as_bool).unwrap_or(false)),
        _ => Verifier::hmac(
            &secrets,
            HmacConfig {
                header: text("header").unwrap_or_default(),
                prefix: text("prefix"),
                encoding: Encoding::parse(&text("encoding").unwrap_or_default()).unwrap_or(Encoding::Hex),
                timestamp_header: text("timestamp_header"),
                id_header: text("id_header"),
                // A template the parser refuses gives no verifier (the parser itself is what is fuzzed here).
                signed_content: match text("signed_content") {
                    Some(template) => Some(SignedContent::parse(&template).ok()?),
                    None => None,
                },
            },
        ),
    }
    .ok()?;
    let v = match config.get("tolerance").and_then(Json::as_array) {
        Some(t) if t.len() == 2 => v.with_tolerance(t[0].as_u64()?, t[1].as_u64()?),
        _ => v,
    };
    Some(match config.get("max_body").and_then(Json::as_u64) {
        Some(max) => v.with_max_body(max as usize),
        None => v,
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((head, body)) = head_and_body(data) else { return };
    let Some(verifier) = head.first().and_then(verifier) else { return };
    let headers: Vec<(String, String)> = head
        .get(1)
        .and_then(Json::as_array)
        .map(|pairs| {
            pairs
                .iter()
                .filter_map(|p| Some((p.get(0)?.as_str()?.to_owned(), p.get(1)?.as_str()?.to_owned())))
                .collect()
        })
        .unwrap_or_default();
    let time = match head.get(2).and_then(Json::as_i64) {
        Some(now) => TimeCheck::At(now),
        None => TimeCheck::Skip,
    };
    for (_, value) in &headers {
        let _ = parse_timestamp(value);
    }
    let whole = verifier.verify(&headers, body, time);
    // The same body streamed in pieces gives the same answer.
    let streamed = verifier.stream(&headers, time).and_then(|mut s| {
        for chunk in body.chunks(7) {
            s.update(chunk)?;
        }
        s.finish()
    });
    match (&whole, &streamed) {
        (Ok(a), Ok(b)) => assert_eq!(a, b),
        // The same error; `body_too_large` reports the bytes read so far, which depends on the chunks.
        (Err(a), Err(b)) => assert_eq!(a.code(), b.code()),
        _ => panic!("one-shot {whole:?} but streamed {streamed:?}"),
    }
    // What a verifier signs, it verifies (keys that can sign: not public-only Ed25519 keys).
    if let Ok(signed) = verifier.sign(body, None, Some(1_700_000_000)) {
        // (Unless the body is above the verifier's max_body: signing has no such limit.)
        let result = verifier.verify(&signed, body, TimeCheck::At(1_700_000_000));
        assert!(result.as_ref().map_or_else(|e| e.code() == "body_too_large", |ok| ok.key_index == 0), "{result:?}");
    }
});
