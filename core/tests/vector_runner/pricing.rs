//! Loader of `tests/vectors/pricing.json`: every argument decoded at the core's own sites (`pricing::site`), as
//! the bindings do.

use fleetgate::boundary::{decode, Value};
use fleetgate::instant::Instant;
use fleetgate::pricing::{self, site, LateFeeOptions, QuoteOptions, RateCard, RateCardOptions, Rule};
use serde_json::{Map, Value as Json};

use crate::{code, Outcome};

/// `quote` / `quote_total`: `[card, start, end, options]`; `late_fee`: `[planned, actual, options]`. A card is
/// `{rules, currency?, list_price?, pricelist_rules?}`: its rules and its options.
pub fn load(function: &str, args: &[Json]) -> Outcome {
    match function {
        "quote" | "quote_total" => {
            let card = args[0].as_object().expect("a card object");
            let rules: Vec<Rule> = decode(Value::from(card["rules"].clone()), &site::RULES).map_err(code)?;
            let options: Map<String, Json> =
                card.iter().filter(|(k, _)| *k != "rules").map(|(k, v)| (k.clone(), v.clone())).collect();
            let options: RateCardOptions =
                decode(Value::from(Json::Object(options)), &site::CARD_OPTIONS).map_err(code)?;
            let card = RateCard::with_options(rules, options).map_err(code)?;
            let start: Instant = decode(Value::from(args[1].clone()), &site::START).map_err(code)?;
            let end: Instant = decode(Value::from(args[2].clone()), &site::END).map_err(code)?;
            let options: QuoteOptions = decode(Value::from(args[3].clone()), &site::OPTIONS).map_err(code)?;
            let quote = card.quote(start.0, end.0, &options).map_err(code)?;
            Ok(if function == "quote" { serde_json::to_value(&quote).unwrap() } else { quote.total_minor.into() })
        }
        "late_fee" => {
            let planned: Instant = decode(Value::from(args[0].clone()), &site::PLANNED_RETURN).map_err(code)?;
            let actual: Instant = decode(Value::from(args[1].clone()), &site::ACTUAL_RETURN).map_err(code)?;
            let options: LateFeeOptions = decode(Value::from(args[2].clone()), &site::OPTIONS).map_err(code)?;
            let fee = pricing::late_fee(planned.0, actual.0, &options).map_err(code)?;
            Ok(serde_json::to_value(&fee).unwrap())
        }
        other => panic!("unknown pricing function {other}"),
    }
}
