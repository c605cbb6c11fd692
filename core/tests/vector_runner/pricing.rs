//! Loader of `tests/vectors/pricing.json`.

use fleetgate::pricing::{self, RateCard};
use serde_json::Value as Json;

use crate::{code, Outcome};

/// `quote` / `quote_total`: `[card, start, end, options]`; `late_fee`: `[planned, actual, options]`. Absent
/// options are `null` (the core's defaults), as the bindings pass them.
pub fn load(function: &str, args: &[Json]) -> Outcome {
    let get = |v: &Json, key: &str| v.get(key).cloned().unwrap_or(Json::Null);
    match function {
        "quote" | "quote_total" => {
            let (card, options) = (&args[0], &args[3]);
            let card = RateCard::from_json(
                &card["rules"],
                &get(card, "currency"),
                card.get("list_price"),
                card.get("pricelist_rules"),
            )
            .map_err(code)?;
            let quote = card
                .quote_json(&args[1], &args[2], &get(options, "mode"), &get(options, "pricelist"), &get(options, "tz"))
                .map_err(code)?;
            Ok(if function == "quote" { quote } else { quote["total_minor"].clone() })
        }
        "late_fee" => {
            let o = &args[2];
            let (hourly, daily, grace) = (get(o, "extra_hourly"), get(o, "extra_daily"), get(o, "grace_hours"));
            pricing::late_fee_json(&args[0], &args[1], &hourly, &daily, &grace, &get(o, "variant"), &get(o, "currency"))
                .map_err(code)
        }
        other => panic!("unknown pricing function {other}"),
    }
}
