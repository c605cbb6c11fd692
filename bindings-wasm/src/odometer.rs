//! `odometer`: wraps `fleetgate::odometer` (reading checks, batch checks, meter entries), with the same API as the
//! napi package. Readings, policies and options are decoded by the core (`fleetgate::odometer::input`) through
//! `crate::boundary`, with camelCase keys; `check` returns a `Verdict` object that holds the reading it judged, and
//! `meterEntry` takes only such an object.

use fleetgate::boundary::{Keys, Site};
use fleetgate::odometer::input::{self, reading_site, POLICY_SITE};
use fleetgate::odometer::{
    self as core, Checked, ColumnsInput, ColumnsParts, DecodedColumns, MeterEntryOptions, OdometerError, Policy,
    RawValue, Reading, Reason, Verdict as CoreVerdict, SMARTCAR_READING_SITE,
};
use js_sys::{Array, Float64Array, Function, Int32Array, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;

use crate::boundary::{self, JsHost};
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
/** The options of `meterEntry`: the app's ids (required) and how the row is labelled (defaults in the core). */
export interface MeterEntryOptions {
  /** The app's car id (required). */
  carId: number | string;
  /** The smartcar_vehicles row id (required). */
  sourceId: number | string;
  /** The app's `source_type` value. Default `manual` (the app's enum has no `smartcar_sync` yet); `null` too. */
  sourceType?: string | null;
  /** `webhook` (the default: "Automatically synced from Smartcar") or `manual` ("... (manual sync)"). */
  sync?: "webhook" | "manual" | null;
}
/** The options of `readingFromSmartcar`. */
export interface FromSmartcarOptions {
  /** When the delivery reached you: unix seconds or an instant as text (to the millisecond). Default: now. */
  receivedTime?: number | string | null;
  /**
   * What stands in for a missing reading time (`oemUpdatedAt`): `none` (the default: the error
   * `missing_reading_time`), `fetched` (Smartcar's fetch time), `received` (the fetch time, else the received time).
   */
  timeFallback?: "none" | "fetched" | "received" | null;
}
/** The current odometer (`current`): which history entry it is and its value. */
export interface CurrentOdometer {
  /** The entry's position in the history given. */
  index: number;
  /** The entry's `id`, else its `eventId`; null when it has neither. */
  id: number | string | null;
  /** The reading in whole metres. */
  metres: number;
  /** The reading in kilometres. */
  km: number;
  /** When the car recorded it, an instant as text (UTC, docs/odometer.md). */
  reading_time: string;
}
/** Readings column by column for `checkBatchColumns`: typed arrays (the fast path) or plain arrays. */
export interface ReadingColumns {
  /** The values. */
  values: Float64Array | number[];
  /** One unit for every value (`km`, `mi`, ...), or one unit per value. */
  units: string | string[];
  /** Reading times in unix seconds. */
  times: Float64Array | number[];
  /** Event ids, if any (`null` where a reading has none). */
  eventIds?: (string | null)[] | null;
  /** Sources, if any. */
  sources?: (string | null)[] | null;
}
/** Verdicts of `checkBatchColumns`, column by column, as typed arrays (not `Verdict` objects). */
export interface VerdictColumns {
  /** Per reading, an index into `odometer.STATUSES` (`accept`, `duplicate`, `void`). */
  status: Uint8Array;
  /** Per reading, an index into `odometer.REASONS` (0 = no reason). */
  reason: Uint8Array;
  /** Whole metres per reading; `NaN` when the value could not be read. */
  metres: Float64Array;
  /** For duplicates, the index of the repeated reading; `-1` otherwise. */
  duplicateOf: Int32Array;
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

/// Now in unix milliseconds (the received time when none is given).
fn clock_ms() -> i64 {
    js_sys::Date::now().floor() as i64
}

/// The columns object of `checkBatchColumns`: `values` and `times` as `Float64Array`s (copied once) or plain
/// arrays, every other field decoded by the core (its problems name the field: `eventIdz`, `values[1]`).
fn columns_of(value: &JsValue) -> Result<DecodedColumns, OdometerError> {
    let site = reading_site("columns").camel();
    let not_object = || OdometerError::from(site.error("", "must be an object with values, units and times"));
    if !value.is_object() || Array::is_array(value) || value.is_function() {
        return Err(not_object());
    }
    let mut parts = ColumnsParts::new(Keys::Camel);
    for entry in Object::entries(value.unchecked_ref::<Object>()).iter() {
        let pair = Array::from(&entry);
        let key = pair.get(0).as_string().unwrap_or_default();
        parts.entry(key, &JsHost(pair.get(1)), |item| item.0.dyn_ref::<Float64Array>().map(Float64Array::to_vec))?;
    }
    parts.finish()
}

#[wasm_bindgen(js_class = "odometer")]
impl Odometer {
    /// The statuses `VerdictColumns.status` indexes: `["accept", "duplicate", "void"]`.
    #[wasm_bindgen(getter = STATUSES, unchecked_return_type = "string[]")]
    pub fn statuses() -> Array {
        core::STATUS_CODES.iter().map(|s| JsValue::from_str(s)).collect()
    }

    /// The void reasons `VerdictColumns.reason` indexes. Index 0, the empty string, means no reason (not void).
    #[wasm_bindgen(getter = REASONS, unchecked_return_type = "string[]")]
    pub fn reasons() -> Array {
        core::REASON_CODES.iter().map(|s| JsValue::from_str(s)).collect()
    }

    /// `checkBatch` over columns, for large backfills: no object per reading crosses the boundary on the way in,
    /// and the verdicts come back as typed arrays (`status` and `reason` index `STATUSES` and `REASONS`,
    /// `duplicateOf` is the repeated input's index or -1). The same result as the napi package's.
    /// @throws {Error} `invalid_reading` (a missing column, columns of different lengths), `invalid_time`,
    /// `invalid_policy`, with `details.path`.
    #[wasm_bindgen(js_name = "checkBatchColumns", unchecked_return_type = "VerdictColumns")]
    pub fn check_batch_columns(
        #[wasm_bindgen(unchecked_param_type = "ReadingColumns")] columns: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "PolicyInput | null")] policy: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        let policy = self::policy(&policy.unwrap_or(JsValue::NULL))?;
        let run = || -> Result<Vec<CoreVerdict>, OdometerError> {
            let (fields, typed_values, typed_times) = columns_of(&columns)?;
            let values = typed_values.or(fields.values).unwrap_or_default();
            let times = typed_times.or(fields.times).unwrap_or_default();
            let units = fields.units.unwrap_or(core::UnitsInput::Each(Vec::new()));
            let given = ColumnsInput {
                values: &values,
                units: &units,
                times: &times,
                event_ids: fields.event_ids.as_deref(),
                sources: fields.sources.as_deref(),
            };
            core::check_columns_input(&given, &policy, Keys::Camel)
        };
        let verdicts = run().map_err(to_js_err)?;
        let status: Vec<u8> = verdicts.iter().map(CoreVerdict::status_index).collect();
        let reason: Vec<u8> = verdicts.iter().map(CoreVerdict::reason_index).collect();
        let metres: Vec<f64> = verdicts.iter().map(|v| v.metres.map_or(f64::NAN, |m| m as f64)).collect();
        let duplicate_of: Vec<i32> = verdicts.iter().map(CoreVerdict::duplicate_index).collect();
        let out = Object::new();
        Reflect::set(&out, &"status".into(), &Uint8Array::from(status.as_slice()))?;
        Reflect::set(&out, &"reason".into(), &Uint8Array::from(reason.as_slice()))?;
        Reflect::set(&out, &"metres".into(), &Float64Array::from(metres.as_slice()))?;
        Reflect::set(&out, &"duplicateOf".into(), &Int32Array::from(duplicate_of.as_slice()))?;
        Ok(out.into())
    }

    /// The reading `check` takes for one reading of `smartcar.parseEvent(body).readings`, passed exactly as
    /// `parseEvent` returns it: source `smartcar`, the event id, the car's reading time (`readAtMs`, Smartcar's
    /// `oemUpdatedAt`, as an RFC 3339 string), the value exactly as delivered and the received time. So
    /// `parseEvent` -> `readingFromSmartcar` -> `check` -> `meterEntry` needs no renaming.
    /// @throws {Error} `missing_reading_time` (no `readAtMs` and no `timeFallback` that applies),
    /// `invalid_reading`, `invalid_time`, `invalid_option`, with `details.path`.
    #[wasm_bindgen(js_name = "readingFromSmartcar", unchecked_return_type = "ReadingInput")]
    pub fn reading_from_smartcar(
        #[wasm_bindgen(unchecked_param_type = "OdometerReading")] reading: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "FromSmartcarOptions | null")] options: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        let site = SMARTCAR_READING_SITE.camel();
        let given = core::decode_smartcar_reading(boundary::value(&reading, &site)?, &site).map_err(to_js_err)?;
        let options_site = Site::options("odometer").camel();
        let options = boundary::value(&options.unwrap_or(JsValue::NULL), &options_site)?;
        let options = core::decode_from_smartcar_options(options, &options_site).map_err(to_js_err)?;
        let reading = core::reading_from_smartcar(given, &options, clock_ms, Keys::Camel).map_err(to_js_err)?;
        Ok(boundary::to_js(&reading.to_input_json(Keys::Camel)))
    }

    /// The vehicle's current odometer: the newest reading of `history` that `checkBatch` accepts under `policy`
    /// (entries with status `void` or `duplicate` left out; latest reading time, then highest metres, then first
    /// in history order), or `null` when none is accepted (an empty history included). Rules: docs/odometer.md.
    /// @throws {Error} `invalid_reading`, `invalid_time` or `invalid_policy`, with `details.path`.
    #[wasm_bindgen(unchecked_return_type = "CurrentOdometer | null")]
    pub fn current(
        #[wasm_bindgen(unchecked_param_type = "ReadingInput[]")] history: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "PolicyInput | null")] policy: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        let policy = self::policy(&policy.unwrap_or(JsValue::NULL))?;
        let history = readings(&history, "history")?;
        Ok(json(&core::current(&history, &policy)))
    }
}
