//! `odometer`: wraps `fleetgate::odometer` (reading checks, batch checks, meter entries), with the same API as the
//! napi package. Readings, policies and options are decoded by the core (`fleetgate::odometer::input`) through
//! `crate::boundary`, with camelCase keys; `check` returns a `Verdict` object that holds the reading it judged, and
//! `meterEntry` takes only such an object.

use fleetgate::boundary::{Keys, Site};
use fleetgate::odometer::input::{self, reading_site, POLICY_SITE};
use fleetgate::odometer::{self as core, Checked, MeterEntryOptions, OdometerError, Policy, RawValue, Reading, Reason};
use js_sys::{Array, Function, Reflect};
use wasm_bindgen::prelude::*;

use crate::boundary;
use crate::errors::to_js_err;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
/** A reading: `value` + `unit` (or `metres`), `readingTime` (unix seconds or an instant as text: docs/odometer.md), optional identity. */
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
/** The thresholds of the checks; every field has the documented default (docs/odometer.md). */
export interface PolicyInput {
  maxSpeedKmh?: number;
  minElapsedS?: number;
  meterDigits?: number | null;
  toleranceM?: number;
  sameValueWindowS?: number | null;
}
/** The verdict's JSON shape, shared by every binding (`Verdict.toJSON()`). */
export interface VerdictJson {
  status: "accept" | "duplicate" | "void";
  reason: "out_of_sequence" | "exceeds_max_rate" | "unit_mismatch" | "rollover_suspected" | "invalid_value" | null;
  metres: number | null;
  km: number | null;
  allowed_range_m: [number, number | null] | null;
  duplicate_of: number | string | null;
}
/** The options of `meterEntry`: the app's ids (required), the source type (default `manual`), the sync kind. */
export interface MeterEntryOptions {
  carId: number | string;
  sourceId: number | string;
  sourceType?: string;
  sync?: "webhook" | "manual";
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

fn policy(value: &JsValue) -> Result<Policy, JsValue> {
    let site = POLICY_SITE.camel();
    input::decode_policy(boundary::value(value, &site)?, &site).map_err(to_js_err)
}

fn readings(value: &JsValue, argument: &'static str) -> Result<Vec<Reading>, JsValue> {
    let site = reading_site(argument).camel();
    input::decode_readings(boundary::value(value, &site)?, &site).map_err(to_js_err)
}

fn reading(value: &JsValue, argument: &'static str) -> Result<Reading, JsValue> {
    let site = reading_site(argument).camel();
    input::decode_reading(boundary::value(value, &site)?, &site).map_err(to_js_err)
}

fn json<T: serde::Serialize>(value: &T) -> JsValue {
    boundary::to_js(&serde_json::to_value(value).unwrap_or_default())
}

/// The verdict on one reading. Made only by `check` and `checkBatch` (there is nothing to construct it from), it
/// holds the reading it judged, so `meterEntry` can trust it. Its getters are the fields of the shared JSON shape;
/// `toJSON()` gives that shape.
#[wasm_bindgen]
pub struct Verdict {
    inner: Checked,
}

#[wasm_bindgen]
impl Verdict {
    /// `accept`, `duplicate` or `void`.
    #[wasm_bindgen(getter, unchecked_return_type = "\"accept\" | \"duplicate\" | \"void\"")]
    pub fn status(&self) -> String {
        self.inner.verdict().status.as_str().to_owned()
    }
    /// Why it is void, else `null`.
    #[wasm_bindgen(getter, unchecked_return_type = "VerdictJson[\"reason\"]")]
    pub fn reason(&self) -> JsValue {
        self.inner.verdict().reason.map_or(JsValue::NULL, |r: Reason| JsValue::from_str(r.code()))
    }
    /// The reading in whole metres, when it could be read.
    #[wasm_bindgen(getter, unchecked_return_type = "number | null")]
    pub fn metres(&self) -> JsValue {
        self.inner.verdict().metres.map_or(JsValue::NULL, |m| JsValue::from_f64(m as f64))
    }
    /// The reading in km, when it could be read.
    #[wasm_bindgen(getter, unchecked_return_type = "number | null")]
    pub fn km(&self) -> JsValue {
        self.inner.verdict().km().map_or(JsValue::NULL, JsValue::from_f64)
    }
    /// For order failures, `[prev, next]` in metres (`next` null when unbounded).
    #[wasm_bindgen(getter, js_name = "allowed_range_m", unchecked_return_type = "[number, number | null] | null")]
    pub fn allowed_range_m(&self) -> JsValue {
        json(&self.inner.verdict().allowed_range_m)
    }
    /// For duplicates, the id (else the event id) of the reading this one repeats.
    #[wasm_bindgen(getter, js_name = "duplicate_of", unchecked_return_type = "number | string | null")]
    pub fn duplicate_of(&self) -> JsValue {
        json(&self.inner.duplicate_of())
    }
    /// The verdict in the JSON shape shared by every binding.
    #[wasm_bindgen(js_name = "toJSON", unchecked_return_type = "VerdictJson")]
    pub fn to_json(&self) -> JsValue {
        json(&self.inner)
    }
    /// `odometer.meterEntry` on this verdict (called by it, on the class's own method, once it knows `this` is a
    /// genuine Verdict). Not part of the public API.
    #[wasm_bindgen(js_name = "__meterEntry", skip_typescript)]
    pub fn entry(&self, options: JsValue, given: JsValue) -> Result<JsValue, JsValue> {
        if !(given.is_undefined() || given.is_null()) {
            self.inner.require_reading(&reading(&given, "reading")?).map_err(to_js_err)?;
        }
        let site = Site::options("odometer").camel();
        let options: MeterEntryOptions = boundary::decode(&options, &site)?;
        let entry = self.inner.meter_entry(&options, Keys::Camel).map_err(to_js_err)?;
        Ok(entry.map_or(JsValue::NULL, |e| json(&e)))
    }
}

thread_local! {
    /// `Verdict.prototype`, taken from a verdict made here (the class is not reachable from Rust otherwise).
    static VERDICT_PROTOTYPE: JsValue = {
        let probe = core::check_checked(&[], Reading::new(RawValue::Metres(0), None, 0), &Policy::default());
        Reflect::get_prototype_of(&JsValue::from(Verdict { inner: probe })).map_or(JsValue::NULL, JsValue::from)
    };
}

/// `verdict.__meterEntry(options, reading)` when `verdict` is a live `Verdict` made by this package (its prototype
/// is the class's and it holds a Rust value); anything else is `invalid_argument`.
fn entry_of(verdict: &JsValue, options: &JsValue, given: &JsValue) -> Result<JsValue, JsValue> {
    let not_ours = || {
        let problem = "must be a Verdict returned by odometer.check or odometer.checkBatch";
        to_js_err(OdometerError::from(Site::argument("odometer", "verdict").error("", problem)))
    };
    if !verdict.is_object() {
        return Err(not_ours());
    }
    let prototype = VERDICT_PROTOTYPE.with(JsValue::clone);
    let genuine = Reflect::get_prototype_of(verdict).map(JsValue::from).is_ok_and(|p| p == prototype);
    let live =
        Reflect::get(verdict, &JsValue::from_str("__wbg_ptr")).ok().and_then(|p| p.as_f64()).is_some_and(|p| p > 0.0);
    if !(genuine && live) {
        return Err(not_ours());
    }
    let method: Function = Reflect::get(&prototype, &JsValue::from_str("__meterEntry"))?.dyn_into()?;
    method.call2(verdict, options, given)
}

#[wasm_bindgen(js_class = "odometer")]
impl Odometer {
    /// Judges `candidate` against the vehicle's `history` (any order). Readings are objects with `value` + `unit`
    /// (or `metres`), `readingTime` (unix seconds or an RFC 3339 string) and optionally `eventId`, `source`, `id`,
    /// `receivedTime`, `status`; `policy` has `maxSpeedKmh`, `minElapsedS`, `meterDigits`, `toleranceM`,
    /// `sameValueWindowS`. Rules: docs/odometer.md.
    /// @throws {Error} `invalid_reading`, `invalid_time` or `invalid_policy` for malformed input, with
    /// `details.path` (a bad value is a `void` verdict, not an error).
    pub fn check(
        #[wasm_bindgen(unchecked_param_type = "ReadingInput[]")] history: JsValue,
        #[wasm_bindgen(unchecked_param_type = "ReadingInput")] candidate: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "PolicyInput | null")] policy: Option<JsValue>,
    ) -> Result<Verdict, JsValue> {
        let policy = self::policy(&policy.unwrap_or(JsValue::NULL))?;
        let history = readings(&history, "history")?;
        let candidate = reading(&candidate, "candidate")?;
        Ok(Verdict { inner: core::check_checked(&history, candidate, &policy) })
    }

    /// Judges a whole history in one call (sorted by reading time, O(n log n)); one verdict per input, in input
    /// order.
    /// @throws {Error} `invalid_reading`, `invalid_time` or `invalid_policy`, with `details.path`.
    #[wasm_bindgen(js_name = "checkBatch", unchecked_return_type = "Verdict[]")]
    pub fn check_batch(
        #[wasm_bindgen(unchecked_param_type = "ReadingInput[]")] readings: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "PolicyInput | null")] policy: Option<JsValue>,
    ) -> Result<Array, JsValue> {
        let policy = self::policy(&policy.unwrap_or(JsValue::NULL))?;
        let all = self::readings(&readings, "readings")?;
        Ok(core::check_batch_checked(all, &policy).into_iter().map(|inner| JsValue::from(Verdict { inner })).collect())
    }

    /// The `meter_entries` row to insert for an accepted reading, or `null` for a duplicate or void one. `verdict`
    /// must be a `Verdict` returned by `check` / `checkBatch` (anything else is `invalid_argument`); the entry is
    /// made from the reading it holds, and a `reading`, if given, must be that same reading.
    /// @throws {Error} `invalid_argument`, `invalid_option` (a missing or malformed id, an unknown option),
    /// `invalid_reading`.
    #[wasm_bindgen(js_name = "meterEntry", unchecked_return_type = "MeterEntry | null")]
    pub fn meter_entry(
        #[wasm_bindgen(unchecked_param_type = "Verdict")] verdict: JsValue,
        #[wasm_bindgen(unchecked_param_type = "MeterEntryOptions")] options: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "ReadingInput | null")] reading: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        entry_of(&verdict, &options, &reading.unwrap_or(JsValue::NULL))
    }
}
