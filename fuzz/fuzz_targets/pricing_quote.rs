//! Rate cards and quotes: `[card, start, end, options]` (a quote vector's arguments). Best mode is never dearer
//! than Odoo mode, and its breakdown adds up.
#![no_main]

use fleetgate::boundary::{decode, decode_or_default, Value};
use fleetgate::instant::Instant;
use fleetgate::pricing::{self, site, LateFeeOptions, Mode, QuoteOptions, RateCard, RateCardOptions, Rule};
use fleetgate_fuzz::json_args;
use libfuzzer_sys::fuzz_target;
use serde_json::Value as Json;

fuzz_target!(|data: &[u8]| {
    let Some(args) = json_args(data) else { return };
    let arg = |i: usize| Value::from(args.get(i).cloned().unwrap_or(Json::Null));
    let field = |i: usize, key: &str| Value::from(args.get(i).and_then(|v| v.get(key)).cloned().unwrap_or(Json::Null));
    let (Ok(start), Ok(end)) = (decode::<Instant>(arg(1), &site::START), decode::<Instant>(arg(2), &site::END)) else {
        return;
    };
    if let Ok(fee) = decode::<LateFeeOptions>(arg(3), &site::OPTIONS) {
        let _ = pricing::late_fee(start.0, end.0, &fee);
    }
    let Ok(rules) = decode::<Vec<Rule>>(field(0, "rules"), &site::RULES) else { return };
    let card_options = args.first().cloned().unwrap_or(Json::Null);
    let card_options = match card_options {
        Json::Object(mut map) => {
            map.remove("rules");
            Value::from(Json::Object(map))
        }
        other => Value::from(other),
    };
    let Ok(card_options) = decode_or_default::<RateCardOptions>(Some(card_options), &site::CARD_OPTIONS) else {
        return;
    };
    let Ok(card) = RateCard::with_options(rules, card_options) else { return };
    let Ok(options) = decode_or_default::<QuoteOptions>(Some(arg(3)), &site::OPTIONS) else { return };
    let odoo = card.quote(start.0, end.0, &QuoteOptions { mode: Mode::Odoo, ..options.clone() });
    let best = card.quote(start.0, end.0, &QuoteOptions { mode: Mode::Best, ..options });
    if let (Ok(odoo), Ok(best)) = (&odoo, &best) {
        assert!(best.total_minor <= odoo.total_minor, "best {best:?} > odoo {odoo:?}");
        let sum: i64 = best.breakdown.iter().map(|l| l.subtotal_minor).sum();
        assert_eq!(sum, best.total_minor);
    }
});
