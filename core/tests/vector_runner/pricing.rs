//! Loader of `tests/vectors/pricing.json`.

use fleetgate::pricing::{self, RateCard};
use serde_json::Value as Json;

use crate::{code, Outcome};

/// `quote` / `quote_total`: `[card, start, end, options]`; `late_fee`: `[planned, actual, options]`.
pub fn load(function: &str, args: &[Json]) -> Outcome {
    let str_opt = |v: &Json, key: &str| v.get(key).and_then(Json::as_str).map(str::to_owned);
    match function {
        "quote" | "quote_total" => {
            let (card, options) = (&args[0], &args[3]);
            let currency = str_opt(card, "currency").unwrap_or_else(|| "EUR".to_owned());
            let card =
                RateCard::from_json(&card["rules"], &currency, card.get("list_price"), card.get("pricelist_rules"))
                    .map_err(code)?;
            let mode = str_opt(options, "mode").unwrap_or_else(|| "odoo".to_owned());
            let pricelist = str_opt(options, "pricelist");
            let tz = str_opt(options, "tz");
            let quote =
                card.quote_json(&args[1], &args[2], &mode, pricelist.as_deref(), tz.as_deref()).map_err(code)?;
            Ok(if function == "quote" { quote } else { quote["total_minor"].clone() })
        }
        "late_fee" => {
            let options = &args[2];
            let grace = options.get("grace_hours").cloned().unwrap_or(Json::from(2));
            let variant = str_opt(options, "variant").unwrap_or_else(|| "odoo".to_owned());
            let currency = str_opt(options, "currency").unwrap_or_else(|| "EUR".to_owned());
            pricing::late_fee_json(
                &args[0],
                &args[1],
                &options["extra_hourly"],
                &options["extra_daily"],
                &grace,
                &variant,
                &currency,
            )
            .map_err(code)
        }
        other => panic!("unknown pricing function {other}"),
    }
}
