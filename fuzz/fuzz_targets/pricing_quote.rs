//! Rate cards and quotes: `[card, start, end, options]` (a quote vector's arguments). Best mode is never dearer
//! than Odoo mode, and its breakdown adds up.
#![no_main]

use fleetgate::pricing::{late_fee_json, RateCard};
use fleetgate_fuzz::json_args;
use libfuzzer_sys::fuzz_target;
use serde_json::{json, Value as Json};

fuzz_target!(|data: &[u8]| {
    let Some(args) = json_args(data) else { return };
    let get = |v: Option<&Json>, key: &str| v.and_then(|v| v.get(key)).cloned().unwrap_or(Json::Null);
    let card = args.first();
    let (start, end) = (args.get(1).cloned().unwrap_or(Json::Null), args.get(2).cloned().unwrap_or(Json::Null));
    let options = args.get(3);
    let _ = late_fee_json(
        &start,
        &end,
        &get(options, "extra_hourly"),
        &get(options, "extra_daily"),
        &json!(null),
        &json!(null),
        &json!(null),
    );
    let Ok(card) = RateCard::from_json(
        &get(card, "rules"),
        &get(card, "currency"),
        card.and_then(|c| c.get("list_price")),
        card.and_then(|c| c.get("pricelist_rules")),
    ) else {
        return;
    };
    let (pricelist, tz) = (get(options, "pricelist"), get(options, "tz"));
    let odoo = card.quote_json(&start, &end, &json!("odoo"), &pricelist, &tz);
    let best = card.quote_json(&start, &end, &json!("best"), &pricelist, &tz);
    if let (Ok(odoo), Ok(best)) = (&odoo, &best) {
        let total = |q: &Json| q["total_minor"].as_i64().expect("total");
        assert!(total(best) <= total(odoo), "best {best} > odoo {odoo}");
        let lines = best["breakdown"].as_array().expect("breakdown");
        let sum: i64 = lines.iter().map(|l| l["subtotal_minor"].as_i64().expect("subtotal")).sum();
        assert_eq!(sum, total(best));
    }
});
