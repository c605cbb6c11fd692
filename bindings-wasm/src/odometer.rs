//! `odometer`: wraps `fleetgate::odometer` (reading checks, batch checks, meter entries), with the same API as the
//! napi package: camelCase input objects, results in the JSON shape shared by every binding.

use fleetgate::odometer::input::{self, Naming, Scalar};
use fleetgate::odometer::{self as core, Ident, OdometerError, Policy, RawValue, Reading, Status, SyncKind, Verdict};
use js_sys::{Array, Object};
use wasm_bindgen::prelude::*;

use crate::errors::to_js_err;
use crate::js::{get, opt_number, opt_str, plain_object, scalar, set};

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
/** A reading: `value` + `unit` (or `metres`), `readingTime` (unix seconds or RFC 3339), optional identity. */
export interface ReadingInput {
  value?: number | string;
  metres?: number;
  unit?: string;
  readingTime: number | string;
  eventId?: string | null;
  source?: string | null;
  id?: number | string | null;
  receivedTime?: number | string | null;
  status?: "accept" | "duplicate" | "void" | null;
}
/** The thresholds of the checks; every field has the documented default. */
export interface PolicyInput {
  maxSpeedKmh?: number;
  minElapsedS?: number;
  meterDigits?: number | null;
  toleranceM?: number;
  sameValueWindowS?: number | null;
}
/** The verdict on one reading, in the JSON shape shared by every binding. */
export interface Verdict {
  status: "accept" | "duplicate" | "void";
  reason: "out_of_sequence" | "exceeds_max_rate" | "unit_mismatch" | "rollover_suspected" | "invalid_value" | null;
  metres: number | null;
  km: number | null;
  allowed_range_m: [number, number | null] | null;
  duplicate_of: number | string | null;
}
/** A meter_entries row (the app's column names) plus provenance. */
export interface MeterEntry {
  car_id: number | string;
  odometer_reading: number;
  entry_date: string;
  source_type: string;
  source_id: number | string;
  notes: string;
  metres: number;
  raw_value: number | string;
  raw_unit: string | null;
  event_id: string | null;
  reading_time: string;
  received_time: string | null;
}
"#;

/// Odometer readings: normalisation, duplicates, order and speed checks, verdicts and meter entries.
#[wasm_bindgen(js_name = "odometer")]
pub struct Odometer;

fn invalid(field: &str, problem: &str) -> OdometerError {
    OdometerError::InvalidReading { field: field.to_owned(), problem: problem.to_owned() }
}

fn reading(value: &JsValue) -> Result<Reading, OdometerError> {
    let (obj, keys) = plain_object(value).ok_or_else(|| invalid("reading", "must be an object"))?;
    input::reading_from(Naming::Camel, &keys, |k| get(&obj, k))
}

fn readings(list: &JsValue, what: &str) -> Result<Vec<Reading>, OdometerError> {
    if !Array::is_array(list) {
        return Err(invalid(what, "must be an array"));
    }
    Array::from(list).iter().map(|item| reading(&item)).collect()
}

fn policy(value: &JsValue) -> Result<Policy, OdometerError> {
    if value.is_null() || value.is_undefined() {
        return Ok(Policy::default());
    }
    let (obj, keys) = plain_object(value).ok_or(OdometerError::InvalidPolicy { field: "policy", rule: "an object" })?;
    input::policy_from(Naming::Camel, &keys, |k| get(&obj, k))
}

fn ident_js(ident: Option<Ident>) -> JsValue {
    match ident {
        Some(Ident::Int(i)) => JsValue::from_f64(i as f64),
        Some(Ident::Text(s)) => JsValue::from_str(&s),
        None => JsValue::NULL,
    }
}

fn verdict_js(v: &Verdict, pool: &[Reading]) -> JsValue {
    let obj = Object::new();
    set(&obj, "status", v.status.as_str());
    set(&obj, "reason", opt_str(v.reason.map(|r| r.code())));
    set(&obj, "metres", opt_number(v.metres.map(|m| m as f64)));
    set(&obj, "km", opt_number(v.km()));
    let range = v.allowed_range_m.map_or(JsValue::NULL, |(lo, hi)| {
        Array::of2(&JsValue::from_f64(lo as f64), &opt_number(hi.map(|h| h as f64))).into()
    });
    set(&obj, "allowed_range_m", range);
    set(&obj, "duplicate_of", ident_js(v.duplicate_of.and_then(|i| pool.get(i)).and_then(Reading::ident)));
    obj.into()
}

fn verdict_from_js(value: &JsValue) -> Result<Verdict, OdometerError> {
    let bad = || invalid("verdict", "must be a verdict returned by odometer.check");
    let (obj, _) = plain_object(value).ok_or_else(bad)?;
    let status = match get(&obj, "status") {
        Scalar::Text(s) => Status::parse(&s).ok_or_else(bad)?,
        _ => return Err(bad()),
    };
    let metres = match get(&obj, "metres") {
        Scalar::Number(m) => Some(fleetgate::units::metres_from_f64(m).map_err(|_| bad())?),
        Scalar::Absent => None,
        _ => return Err(bad()),
    };
    Ok(Verdict { status, reason: None, metres, allowed_range_m: None, duplicate_of: None })
}

#[wasm_bindgen(js_class = "odometer")]
impl Odometer {
    /// Judges `candidate` against the vehicle's `history` (any order). Readings are objects with `value` + `unit`
    /// (or `metres`), `readingTime` (unix seconds or an RFC 3339 string) and optionally `eventId`, `source`, `id`,
    /// `receivedTime`, `status`; `policy` has `maxSpeedKmh`, `minElapsedS`, `meterDigits`, `toleranceM`,
    /// `sameValueWindowS`. Returns `{status, reason, metres, km, allowed_range_m, duplicate_of}`.
    /// @throws {Error} `invalid_reading`, `invalid_time` or `invalid_policy` for malformed input.
    #[wasm_bindgen(unchecked_return_type = "Verdict")]
    pub fn check(
        #[wasm_bindgen(unchecked_param_type = "ReadingInput[]")] history: JsValue,
        #[wasm_bindgen(unchecked_param_type = "ReadingInput")] candidate: JsValue,
        #[wasm_bindgen(unchecked_param_type = "PolicyInput | null | undefined")] policy: JsValue,
    ) -> Result<JsValue, JsValue> {
        let policy = self::policy(&policy).map_err(to_js_err)?;
        let history = readings(&history, "history").map_err(to_js_err)?;
        let candidate = reading(&candidate).map_err(to_js_err)?;
        Ok(verdict_js(&core::check(&history, &candidate, &policy), &history))
    }

    /// Judges a whole history in one call (sorted by reading time, O(n log n)); one verdict per input, in input
    /// order.
    /// @throws {Error} `invalid_reading`, `invalid_time` or `invalid_policy`.
    #[wasm_bindgen(js_name = "checkBatch", unchecked_return_type = "Verdict[]")]
    pub fn check_batch(
        #[wasm_bindgen(unchecked_param_type = "ReadingInput[]")] readings: JsValue,
        #[wasm_bindgen(unchecked_param_type = "PolicyInput | null")] policy: JsValue,
    ) -> Result<Array, JsValue> {
        let policy = self::policy(&policy).map_err(to_js_err)?;
        let all = self::readings(&readings, "readings").map_err(to_js_err)?;
        Ok(core::check_batch(&all, &policy).iter().map(|v| verdict_js(v, &all)).collect())
    }

    /// The `meter_entries` row to insert for an accepted reading, or `null` for a duplicate or void one.
    /// `options` may set `sourceType` (default `manual`) and `sync` (`webhook` or `manual`).
    /// @throws {Error} `invalid_reading` for a malformed verdict, reading or id.
    #[wasm_bindgen(js_name = "meterEntry", unchecked_return_type = "MeterEntry | null")]
    pub fn meter_entry(
        #[wasm_bindgen(unchecked_param_type = "Verdict")] verdict: JsValue,
        #[wasm_bindgen(unchecked_param_type = "ReadingInput")] reading: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number | string", js_name = "carId")] car_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number | string", js_name = "sourceId")] source_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "{ sourceType?: string, sync?: string } | null")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let run = || -> Result<Option<core::MeterEntry>, OdometerError> {
            let verdict = verdict_from_js(&verdict)?;
            let reading = self::reading(&reading)?;
            let option = |key: &str| match plain_object(&options) {
                Some((obj, _)) => match get(&obj, key) {
                    Scalar::Text(s) => Ok(Some(s)),
                    Scalar::Absent => Ok(None),
                    _ => Err(invalid(key, "must be a string")),
                },
                None => Ok(None),
            };
            let sync = SyncKind::parse(option("sync")?.as_deref().unwrap_or("webhook"))
                .ok_or_else(|| invalid("sync", "must be webhook or manual"))?;
            let source_type = option("sourceType")?.unwrap_or_else(|| "manual".to_owned());
            let id =
                |v: &JsValue, name: &str| input::ident(name, scalar(v))?.ok_or_else(|| invalid(name, "is required"));
            Ok(core::meter_entry(
                &verdict,
                &reading,
                id(&car_id, "carId")?,
                id(&source_id, "sourceId")?,
                &source_type,
                sync,
            ))
        };
        let Some(e) = run().map_err(to_js_err)? else {
            return Ok(JsValue::NULL);
        };
        let obj = Object::new();
        set(&obj, "car_id", ident_js(Some(e.car_id)));
        set(&obj, "odometer_reading", e.odometer_reading);
        set(&obj, "entry_date", e.entry_date.as_str());
        set(&obj, "source_type", e.source_type.as_str());
        set(&obj, "source_id", ident_js(Some(e.source_id)));
        set(&obj, "notes", e.notes.as_str());
        set(&obj, "metres", e.metres as f64);
        let raw = match &e.raw_value {
            RawValue::Integer(n) | RawValue::Metres(n) => JsValue::from_f64(*n as f64),
            RawValue::Number(n) => JsValue::from_f64(*n),
            RawValue::Text(s) => JsValue::from_str(s),
        };
        set(&obj, "raw_value", raw);
        set(&obj, "raw_unit", opt_str(e.raw_unit.as_deref()));
        set(&obj, "event_id", opt_str(e.event_id.as_deref()));
        set(&obj, "reading_time", e.reading_time.as_str());
        set(&obj, "received_time", opt_str(e.received_time.as_deref()));
        Ok(obj.into())
    }
}
