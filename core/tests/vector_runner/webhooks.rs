//! Loader of `tests/vectors/webhooks.json` (shapes documented in `tests/vectors/reference/webhooks.py`).

use fleetgate::smartcar;
use fleetgate::webhook::{Encoding, HmacConfig, SignedContent, TimeCheck, Verifier, WebhookError};
use serde_json::{json, Value as Json};

use crate::{body_arg, code, Outcome};

/// Builds the verifier a case's `config` describes.
fn verifier(config: &Json) -> Result<Verifier, WebhookError> {
    let secrets: Vec<&str> =
        config["secrets"].as_array().expect("secrets").iter().map(|s| s.as_str().expect("secret")).collect();
    let text = |k: &str| config.get(k).and_then(Json::as_str).map(str::to_owned);
    let v = match config["preset"].as_str().expect("preset") {
        "smartcar" => Verifier::smartcar(&secrets),
        "standard_webhooks" => Verifier::standard_webhooks(&secrets),
        "stripe" => Verifier::stripe(&secrets),
        "github" => Verifier::github(&secrets),
        "shopify" => Verifier::shopify(&secrets),
        "odoo" => Verifier::odoo(&secrets, config["timestamped"].as_bool().unwrap_or(false)),
        "hmac" => Verifier::hmac(
            &secrets,
            HmacConfig {
                header: text("header").expect("header"),
                prefix: text("prefix"),
                encoding: Encoding::parse(&text("encoding").unwrap_or_else(|| "hex".to_owned())).expect("encoding"),
                timestamp_header: text("timestamp_header"),
                id_header: text("id_header"),
                signed_content: text("signed_content").as_deref().map(SignedContent::parse).transpose()?,
            },
        ),
        other => panic!("unknown preset {other}"),
    }?;
    let v = match config.get("tolerance") {
        Some(Json::Array(t)) => v.with_tolerance(t[0].as_u64().expect("past"), t[1].as_u64().expect("future")),
        _ => v,
    };
    Ok(match config.get("max_body").and_then(Json::as_u64) {
        Some(max) => v.with_max_body(max as usize),
        None => v,
    })
}

fn headers(arg: &Json) -> Vec<(String, String)> {
    arg.as_array()
        .expect("headers")
        .iter()
        .map(|p| (p[0].as_str().expect("name").to_owned(), p[1].as_str().expect("value").to_owned()))
        .collect()
}

pub fn load(function: &str, args: &[Json]) -> Outcome {
    match function {
        "verify" => {
            let time = match &args[3] {
                Json::String(s) if s == "skip" => TimeCheck::Skip,
                n => TimeCheck::At(n.as_i64().expect("now")),
            };
            let body = body_arg(&args[2]);
            verifier(&args[0])
                .and_then(|v| v.verify(&headers(&args[1]), &body, time))
                .map(|ok| json!({"key_index": ok.key_index, "msg_id": ok.msg_id, "timestamp": ok.timestamp}))
                .map_err(code)
        }
        "sign" => {
            // An optional fifth argument: the [name, value] pairs of the headers a template names.
            let body = body_arg(&args[1]);
            let named = args.get(4).map(headers).unwrap_or_default();
            verifier(&args[0])
                .and_then(|v| v.sign_with_headers(&body, args[2].as_str(), args[3].as_i64(), &named))
                .map(|h| json!(h.into_iter().map(|(k, v)| vec![k, v]).collect::<Vec<_>>()))
                .map_err(code)
        }
        "weak_keys" => verifier(&args[0]).map(|v| json!(v.weak_keys())).map_err(code),
        "challenge" => {
            Ok(json!(smartcar::challenge(args[0].as_str().expect("amt"), args[1].as_str().expect("challenge"))))
        }
        other => panic!("unknown webhooks function {other}"),
    }
}
