//! `odometer` namespace: wraps `fleetgate::odometer` (reading checks, batch checks, meter entries).
//!
//! Readings, policies and options are decoded by the core (`fleetgate::odometer::input`) through
//! `crate::boundary`, with camelCase keys. `check` returns a `Verdict` object (no constructor: only fleetgate makes
//! one), which holds the reading it judged; `meterEntry` takes only such an object.

use fleetgate::boundary::{self as core_boundary, ArgError, Keys, Site, Value};
use fleetgate::odometer::input::{self, indexed_path, reading_site, POLICY_SITE};
use fleetgate::odometer::{
    self as core, Checked, ColumnsInput, ColumnsParts, DecodedColumns, OdometerError, Policy, Reading, Reason,
    Verdict as CoreVerdict, SMARTCAR_READING_SITE,
};
use napi::bindgen_prelude::{
    ClassInstance, Either, Float64Array, FromNapiValue, Int32Array, JsObjectValue, JsValue, Object, Uint8Array, Unknown,
};
use napi::{Env, ValueType};
use napi_derive::napi;

use crate::boundary::{self, JsHost};
use crate::errors::{guard, to_js_err};

/// A list of JS values (the client's `history`) walked item by item; problems name the item (`[2].readingTime`).
fn walked_items(items: &[Unknown<'_>], site: &Site) -> Result<Value, ArgError> {
    let walk = |(index, item): (usize, &Unknown<'_>)| {
        core_boundary::walk(&JsHost(*item), site).map_err(|mut e| {
            e.path = indexed_path(index, &e.path);
            e
        })
    };
    Ok(Value::List(items.iter().enumerate().map(walk).collect::<Result<_, _>>()?))
}

/// The readings of an array argument (`history` of `smartcar.Client.syncVehicle` too).
pub(crate) fn readings(
    list: &Either<Vec<Unknown<'_>>, Unknown<'_>>,
    argument: &'static str,
) -> Result<Vec<Reading>, OdometerError> {
    let site = reading_site(argument).camel();
    let walked = match list {
        Either::A(items) => walked_items(items, &site)?,
        Either::B(other) => core_boundary::walk(&JsHost(*other), &site)?,
    };
    input::decode_readings(walked, &site)
}

/// The `policy` argument: an object, or absent / `null` / `undefined` for the defaults.
pub(crate) fn policy(value: Option<&Unknown<'_>>) -> Result<Policy, OdometerError> {
    let site = POLICY_SITE.camel();
    let walked = match value {
        None => Value::Null,
        Some(v) => core_boundary::walk(&JsHost(*v), &site)?,
    };
    input::decode_policy(walked, &site)
}

fn reading(value: Unknown<'_>, argument: &'static str) -> Result<Reading, OdometerError> {
    let site = reading_site(argument).camel();
    input::decode_reading(core_boundary::walk(&JsHost(value), &site)?, &site)
}

/// A reading as JavaScript passes it (the TypeScript declaration; the core decodes it as
/// `fleetgate::odometer::ReadingInput`).
#[napi(object, object_to_js = false, namespace = "odometer")]
#[allow(dead_code)]
pub struct ReadingInput {
    /// The value as delivered: a number or a decimal string such as `"12,345.6"` (with `unit`).
    pub value: Option<Either<f64, String>>,
    /// Or the value already in whole metres (no `unit`).
    pub metres: Option<f64>,
    /// `km`, `kilometers`, `kilometres`, `mi`, `miles`, `metric` or `imperial`.
    pub unit: Option<String>,
    /// When the car recorded it: unix seconds or an RFC 3339 string.
    pub reading_time: Either<f64, String>,
    /// The source event id (the same across webhook retries).
    pub event_id: Option<String>,
    /// Where it came from (`smartcar`, `manual`, ...).
    pub source: Option<String>,
    /// Your row id (a string or a whole number), echoed in `duplicate_of`.
    pub id: Option<Either<f64, String>>,
    /// When it reached the app (provenance).
    pub received_time: Option<Either<f64, String>>,
    /// For history entries: `accept`, `duplicate` or `void`.
    pub status: Option<String>,
}

/// The thresholds of the checks (the TypeScript declaration; the core decodes them as
/// `fleetgate::odometer::Policy`, with its defaults and bounds).
#[napi(object, object_to_js = false, namespace = "odometer")]
#[allow(dead_code)]
pub struct PolicyInput {
    /// Highest plausible average speed between two readings, km/h (more than 0, at most 1,000,000, three decimals).
    pub max_speed_kmh: Option<f64>,
    /// Elapsed-time floor in seconds for speed checks (0 to one year).
    pub min_elapsed_s: Option<f64>,
    /// Digits of the meter, if known, 1 to 15 (enables capacity, all-nines and rollover checks).
    pub meter_digits: Option<f64>,
    /// Slack in metres for the order checks.
    pub tolerance_m: Option<f64>,
    /// Legacy rule: the same value within this many seconds (0 to one year) is a duplicate.
    pub same_value_window_s: Option<f64>,
}

/// The verdict's JSON shape, shared by every binding (what `Verdict.toJSON()` returns).
#[napi(object, object_from_js = false, namespace = "odometer", use_nullable = true)]
#[allow(dead_code)]
pub struct VerdictJson {
    /// `accept`, `duplicate` or `void`.
    #[napi(ts_type = "'accept' | 'duplicate' | 'void'")]
    pub status: String,
    /// Why it is void: `out_of_sequence`, `exceeds_max_rate`, `unit_mismatch`, `rollover_suspected`,
    /// `invalid_value`.
    #[napi(
        ts_type = "'out_of_sequence' | 'exceeds_max_rate' | 'unit_mismatch' | 'rollover_suspected' | 'invalid_value' | null"
    )]
    pub reason: Option<String>,
    /// The reading in whole metres, when it could be read.
    pub metres: Option<i64>,
    /// The reading in km, when it could be read.
    pub km: Option<f64>,
    /// For order failures, `[prev, next]` in metres (`next` null when unbounded).
    #[napi(js_name = "allowed_range_m", ts_type = "[number, number | null] | null")]
    pub allowed_range_m: Option<Vec<Option<i64>>>,
    /// For duplicates, the id (else the event id) of the reading this one repeats.
    #[napi(js_name = "duplicate_of")]
    pub duplicate_of: Option<Either<i64, String>>,
}

/// The verdict on one reading. Made only by `check` and `checkBatch` (it has no constructor), it holds the reading
/// it judged, so `meterEntry` can trust it. Its getters are the fields of the shared JSON shape; `toJSON()` gives
/// that shape (so `JSON.stringify(verdict)` works).
#[napi(namespace = "odometer")]
pub struct Verdict {
    inner: Checked,
}

#[napi(namespace = "odometer")]
impl Verdict {
    /// `accept`, `duplicate` or `void`.
    #[napi(getter, ts_return_type = "'accept' | 'duplicate' | 'void'")]
    pub fn status(&self) -> &'static str {
        self.inner.verdict().status.as_str()
    }
    /// Why it is void (`out_of_sequence`, `exceeds_max_rate`, `unit_mismatch`, `rollover_suspected`,
    /// `invalid_value`), else `null`.
    #[napi(getter, ts_return_type = "VerdictJson['reason']")]
    pub fn reason(&self) -> Option<&'static str> {
        self.inner.verdict().reason.map(Reason::code)
    }
    /// The reading in whole metres, when it could be read.
    #[napi(getter)]
    pub fn metres(&self) -> Option<i64> {
        self.inner.verdict().metres
    }
    /// The reading in km, when it could be read.
    #[napi(getter)]
    pub fn km(&self) -> Option<f64> {
        self.inner.verdict().km()
    }
    /// For order failures, `[prev, next]` in metres (`next` null when unbounded).
    #[napi(getter, js_name = "allowed_range_m", ts_return_type = "[number, number | null] | null")]
    pub fn allowed_range_m(&self) -> Option<Vec<Option<i64>>> {
        self.inner.verdict().allowed_range_m.map(|(lo, hi)| vec![Some(lo), hi])
    }
    /// For duplicates, the id (else the event id) of the reading this one repeats.
    #[napi(getter, js_name = "duplicate_of")]
    pub fn duplicate_of(&self) -> Option<Either<i64, String>> {
        self.inner.duplicate_of().map(|id| match id {
            core::Ident::Int(i) => Either::A(*i),
            core::Ident::Text(s) => Either::B(s.clone()),
        })
    }
    /// The verdict in the JSON shape shared by every binding (snake_case keys, `null` for absent values).
    #[napi(js_name = "toJSON", ts_return_type = "odometer.VerdictJson")]
    pub fn to_json<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        boundary::to_js(env, &serde_json::to_value(&self.inner).unwrap_or_default())
    }
}

/// Judges `candidate` against the vehicle's `history` (any order). Readings are objects with `value` + `unit` (or
/// `metres`), `readingTime` (unix seconds or an RFC 3339 string) and optionally `eventId`, `source`, `id`,
/// `receivedTime`, `status`; `policy` has `maxSpeedKmh`, `minElapsedS`, `meterDigits`, `toleranceM`,
/// `sameValueWindowS`. Rules: docs/odometer.md.
/// @throws {Error} `invalid_reading`, `invalid_time` or `invalid_policy` for malformed input, with `details.path`
/// (a bad value is a `void` verdict, not an error).
#[napi(
    namespace = "odometer",
    ts_args_type = "history: ReadingInput[], candidate: ReadingInput, policy?: PolicyInput | null"
)]
pub fn check(
    env: &Env,
    history: Unknown<'_>,
    candidate: Unknown<'_>,
    policy: Option<Unknown<'_>>,
) -> napi::Result<Verdict> {
    guard(env, || {
        let run = || -> Result<Checked, OdometerError> {
            let policy = self::policy(policy.as_ref())?;
            let site = reading_site("history").camel();
            let history = input::decode_readings(core_boundary::walk(&JsHost(history), &site)?, &site)?;
            let candidate = reading(candidate, "candidate")?;
            Ok(core::check_checked(&history, candidate, &policy))
        };
        Ok(Verdict { inner: run().map_err(to_js_err(env))? })
    })
}

/// Judges a whole history in one call (sorted by reading time, O(n log n)); one verdict per input, in input order,
/// the same as checking them one at a time in reading-time order.
/// @throws {Error} `invalid_reading`, `invalid_time` or `invalid_policy`, with `details.path`.
#[napi(
    namespace = "odometer",
    js_name = "checkBatch",
    ts_args_type = "readings: ReadingInput[], policy?: PolicyInput | null"
)]
pub fn check_batch(env: &Env, readings: Unknown<'_>, policy: Option<Unknown<'_>>) -> napi::Result<Vec<Verdict>> {
    guard(env, || {
        let run = || -> Result<Vec<Checked>, OdometerError> {
            let policy = self::policy(policy.as_ref())?;
            let site = reading_site("readings").camel();
            let all = input::decode_readings(core_boundary::walk(&JsHost(readings), &site)?, &site)?;
            Ok(core::check_batch_checked(all, &policy))
        };
        Ok(run().map_err(to_js_err(env))?.into_iter().map(|inner| Verdict { inner }).collect())
    })
}

/// Columns of readings for `checkBatchColumns` (the TypeScript declaration; decoded by the core as
/// `fleetgate::odometer::ColumnsFields`, with `values` and `times` read as typed arrays when they are).
#[napi(object, object_to_js = false, namespace = "odometer")]
#[allow(dead_code)]
pub struct ReadingColumns {
    /// The values.
    pub values: Either<Float64Array, Vec<f64>>,
    /// One unit for every value (`km`, `mi`, ...), or one unit per value.
    pub units: Either<String, Vec<String>>,
    /// Reading times in unix seconds.
    pub times: Either<Float64Array, Vec<f64>>,
    /// Event ids, if any (`null` where a reading has none).
    pub event_ids: Option<Vec<Option<String>>>,
    /// Sources, if any.
    pub sources: Option<Vec<Option<String>>>,
}

/// Verdicts of `checkBatchColumns`, column by column, as typed arrays (one copy each, no object per reading). These
/// are not `Verdict` objects: meter entries come from `check` / `checkBatch` verdicts.
#[napi(object, namespace = "odometer")]
pub struct VerdictColumns {
    /// Per reading, an index into `odometer.STATUSES` (`accept`, `duplicate`, `void`).
    pub status: Uint8Array,
    /// Per reading, an index into `odometer.REASONS` (0 = no reason).
    pub reason: Uint8Array,
    /// Whole metres per reading; `NaN` when the value could not be read.
    pub metres: Float64Array,
    /// For duplicates, the index of the repeated reading; `-1` otherwise.
    pub duplicate_of: Int32Array,
}

/// The statuses `VerdictColumns.status` indexes: `["accept", "duplicate", "void"]`.
#[napi(namespace = "odometer", js_name = "STATUSES")]
pub const STATUSES: [&str; 3] = core::STATUS_CODES;

/// The void reasons `VerdictColumns.reason` indexes. Index 0, the empty string, means no reason (not void).
#[napi(namespace = "odometer", js_name = "REASONS")]
pub const REASONS: [&str; 6] = core::REASON_CODES;

/// The columns object: `values` and `times` as typed arrays (the fast path) or plain arrays, the other fields
/// decoded by the core.
fn columns_of(value: Unknown<'_>) -> Result<DecodedColumns, OdometerError> {
    let site = reading_site("columns").camel();
    let not_object = || site.error("", "must be an object with values, units and times");
    if value.get_type().ok() != Some(ValueType::Object) || !matches!(value.is_array(), Ok(false)) {
        return Err(not_object().into());
    }
    let object = Object::from_unknown(value).map_err(|_| not_object())?;
    let mut parts = ColumnsParts::new(Keys::Camel);
    for key in Object::keys(&object).map_err(|_| not_object())? {
        let item: Unknown = object.get_named_property(&key).map_err(|_| not_object())?;
        parts.entry(key, &JsHost(item), |item| match item.0.is_typedarray() {
            Ok(true) => Float64Array::from_unknown(item.0).ok().map(|array| array.to_vec()),
            _ => None,
        })?;
    }
    parts.finish()
}

/// `checkBatch` over columns, for large backfills: no object per reading crosses the boundary on the way in.
/// @throws {Error} `invalid_reading` (a missing column, columns of different lengths), `invalid_time`,
/// `invalid_policy`, with `details.path`.
#[napi(
    namespace = "odometer",
    js_name = "checkBatchColumns",
    ts_args_type = "columns: ReadingColumns, policy?: PolicyInput | null"
)]
pub fn check_batch_columns(
    env: &Env,
    columns: Unknown<'_>,
    policy: Option<Unknown<'_>>,
) -> napi::Result<VerdictColumns> {
    guard(env, || {
        let run = || -> Result<Vec<CoreVerdict>, OdometerError> {
            let policy = self::policy(policy.as_ref())?;
            let (fields, typed_values, typed_times) = columns_of(columns)?;
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
        let verdicts = run().map_err(to_js_err(env))?;
        // The indexes into STATUSES / REASONS and the duplicate index are the core's (`Verdict::status_index`, ...).
        Ok(VerdictColumns {
            status: Uint8Array::new(verdicts.iter().map(CoreVerdict::status_index).collect()),
            reason: Uint8Array::new(verdicts.iter().map(CoreVerdict::reason_index).collect()),
            metres: Float64Array::new(verdicts.iter().map(|v| v.metres.map_or(f64::NAN, |m| m as f64)).collect()),
            duplicate_of: Int32Array::new(verdicts.iter().map(CoreVerdict::duplicate_index).collect()),
        })
    })
}

/// Options of `meterEntry` (the TypeScript declaration; the core decodes them as
/// `fleetgate::odometer::MeterEntryOptions`, with its defaults).
#[napi(object, object_to_js = false, namespace = "odometer")]
#[allow(dead_code)]
pub struct MeterEntryOptions {
    /// The app's car id (required).
    pub car_id: Either<f64, String>,
    /// The smartcar_vehicles row id (required).
    pub source_id: Either<f64, String>,
    /// The app's `source_type` value. Optional: the default, `manual` (the app's enum has no `smartcar_sync` yet),
    /// lives in the core (`fleetgate::odometer::DEFAULT_SOURCE_TYPE`); `null` is the default too.
    #[napi(ts_type = "string | null")]
    pub source_type: Option<String>,
    /// `webhook` or `manual` ("Sync Now"); it decides the notes. Optional: the default, `webhook`, lives in the core.
    #[napi(ts_type = "'webhook' | 'manual' | null")]
    pub sync: Option<String>,
}

/// A `meter_entries` row (snake_case keys: they are the app's column names) plus fleetgate's provenance (the
/// TypeScript declaration of what `meterEntry` returns).
#[napi(object, object_from_js = false, namespace = "odometer", use_nullable = true)]
#[allow(dead_code)]
pub struct MeterEntry {
    /// The app's car id.
    #[napi(js_name = "car_id")]
    pub car_id: Either<i64, String>,
    /// The reading in kilometres.
    #[napi(js_name = "odometer_reading")]
    pub odometer_reading: f64,
    /// The reading time, RFC 3339 UTC.
    #[napi(js_name = "entry_date")]
    pub entry_date: String,
    /// The app's source type.
    #[napi(js_name = "source_type")]
    pub source_type: String,
    /// The smartcar_vehicles row id.
    #[napi(js_name = "source_id")]
    pub source_id: Either<i64, String>,
    /// "Automatically synced from Smartcar" or "... (manual sync)".
    pub notes: String,
    /// Provenance: whole metres.
    pub metres: i64,
    /// Provenance: the value exactly as delivered.
    #[napi(js_name = "raw_value")]
    pub raw_value: Either<f64, String>,
    /// Provenance: the unit exactly as delivered.
    #[napi(js_name = "raw_unit")]
    pub raw_unit: Option<String>,
    /// Provenance: the source event id.
    #[napi(js_name = "event_id")]
    pub event_id: Option<String>,
    /// Provenance: the reading time, RFC 3339 UTC.
    #[napi(js_name = "reading_time")]
    pub reading_time: String,
    /// Provenance: when the reading reached the app, RFC 3339 UTC.
    #[napi(js_name = "received_time")]
    pub received_time: Option<String>,
}

/// The `meter_entries` row to insert for an accepted reading, or `null` for a duplicate or void one. `verdict`
/// must be a `Verdict` returned by `check` / `checkBatch` (anything else is `invalid_argument`): the entry is made
/// from the reading it holds. A `reading`, if given, must be that same reading.
/// @throws {Error} `invalid_argument` (not a fleetgate verdict, another reading), `invalid_option` (a missing or
/// malformed id, an unknown option), `invalid_reading`.
#[napi(
    namespace = "odometer",
    js_name = "meterEntry",
    ts_args_type = "verdict: Verdict, options: MeterEntryOptions, reading?: ReadingInput | null",
    ts_return_type = "odometer.MeterEntry | null"
)]
pub fn meter_entry<'env>(
    env: &'env Env,
    verdict: Unknown<'_>,
    options: Unknown<'_>,
    reading: Option<Unknown<'_>>,
) -> napi::Result<Unknown<'env>> {
    guard(env, || {
        let run = || -> Result<Option<core::MeterEntry>, OdometerError> {
            let is_object = verdict.get_type().ok() == Some(ValueType::Object);
            let instance = if is_object { ClassInstance::<Verdict>::from_unknown(verdict).ok() } else { None };
            let Some(instance) = instance else {
                let site = Site::argument("odometer", "verdict");
                return Err(site
                    .error("", "must be a Verdict returned by odometer.check or odometer.checkBatch")
                    .into());
            };
            let checked = &instance.inner;
            let given = reading.filter(|r| !matches!(r.get_type(), Ok(ValueType::Undefined | ValueType::Null)));
            if let Some(given) = given {
                checked.require_reading(&self::reading(given, "reading")?)?;
            }
            let site = Site::options("odometer").camel();
            let options: core::MeterEntryOptions =
                core_boundary::decode(core_boundary::walk(&JsHost(options), &site)?, &site)?;
            checked.meter_entry(&options, Keys::Camel)
        };
        let entry = run().map_err(to_js_err(env))?;
        boundary::to_js(env, &serde_json::to_value(&entry).unwrap_or_default())
    })
}

/// Options of `readingFromSmartcar` (the TypeScript declaration; the core decodes them as
/// `fleetgate::odometer::FromSmartcarOptions`, with its defaults).
#[napi(object, object_to_js = false, namespace = "odometer")]
#[allow(dead_code)]
pub struct FromSmartcarOptions {
    /// When the delivery reached you: unix seconds or an RFC 3339 string (to the millisecond). Default: now.
    pub received_time: Option<Either<f64, String>>,
    /// What stands in for a missing reading time (`oemUpdatedAt`): `none` (the default: the reading is the error
    /// `missing_reading_time`), `fetched` (Smartcar's fetch time), `received` (the fetch time, else the received
    /// time).
    #[napi(ts_type = "'none' | 'fetched' | 'received' | null")]
    pub time_fallback: Option<String>,
}

/// Now in unix milliseconds (the received time when none is given).
fn clock_ms() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis() as i64)
}

/// The reading `check` takes for one reading of `smartcar.parseEvent(body).readings`, passed exactly as
/// `parseEvent` returns it: source `smartcar`, the event id, the car's reading time (`readAtMs`, Smartcar's
/// `oemUpdatedAt`, as an RFC 3339 string), the value exactly as delivered and the received time. So
/// `parseEvent` -> `readingFromSmartcar` -> `check` -> `meterEntry` needs no renaming; add your row `id` when you
/// store it in the history.
/// @throws {Error} `missing_reading_time` (no `readAtMs` and no `timeFallback` that applies), `invalid_reading`
/// (not such a reading: a missing `rawValue` / `rawUnit`, a wrong type, an unknown field), `invalid_time`,
/// `invalid_option`, with `details.path`.
#[napi(
    namespace = "odometer",
    js_name = "readingFromSmartcar",
    ts_args_type = "reading: smartcar.OdometerReading, options?: FromSmartcarOptions | null",
    ts_return_type = "odometer.ReadingInput"
)]
pub fn reading_from_smartcar<'env>(
    env: &'env Env,
    reading: Unknown<'_>,
    options: Option<Unknown<'_>>,
) -> napi::Result<Unknown<'env>> {
    guard(env, || {
        let run = || -> Result<Reading, OdometerError> {
            let site = SMARTCAR_READING_SITE.camel();
            let given = core::decode_smartcar_reading(core_boundary::walk(&JsHost(reading), &site)?, &site)?;
            let options_site = Site::options("odometer").camel();
            let options = match options {
                None => Value::Null,
                Some(o) => core_boundary::walk(&JsHost(o), &options_site)?,
            };
            let options = core::decode_from_smartcar_options(options, &options_site)?;
            core::reading_from_smartcar(given, &options, clock_ms, Keys::Camel)
        };
        let reading = run().map_err(to_js_err(env))?;
        boundary::to_js(env, &reading.to_input_json(Keys::Camel))
    })
}

/// The current odometer (the TypeScript declaration of what `current` returns; snake_case keys like every
/// result's JSON shape).
#[napi(object, object_from_js = false, namespace = "odometer", use_nullable = true)]
#[allow(dead_code)]
pub struct CurrentOdometer {
    /// The entry's position in the history given.
    pub index: u32,
    /// The entry's `id`, else its `eventId`; null when it has neither.
    pub id: Option<Either<i64, String>>,
    /// The reading in whole metres.
    pub metres: i64,
    /// The reading in kilometres.
    pub km: f64,
    /// When the car recorded it, RFC 3339 UTC.
    #[napi(js_name = "reading_time")]
    pub reading_time: String,
}

/// The vehicle's current odometer: the newest reading of `history` that `checkBatch` accepts under `policy`
/// (entries with status `void` or `duplicate` left out; latest reading time, then highest metres, then first in
/// history order), or `null` when none is accepted (an empty history included). Rules: docs/odometer.md.
/// @throws {Error} `invalid_reading`, `invalid_time` or `invalid_policy`, with `details.path`.
#[napi(
    namespace = "odometer",
    ts_args_type = "history: ReadingInput[], policy?: PolicyInput | null",
    ts_return_type = "odometer.CurrentOdometer | null"
)]
pub fn current<'env>(env: &'env Env, history: Unknown<'_>, policy: Option<Unknown<'_>>) -> napi::Result<Unknown<'env>> {
    guard(env, || {
        let run = || -> Result<Option<core::CurrentOdometer>, OdometerError> {
            let policy = self::policy(policy.as_ref())?;
            let site = reading_site("history").camel();
            let history = input::decode_readings(core_boundary::walk(&JsHost(history), &site)?, &site)?;
            Ok(core::current(&history, &policy))
        };
        let found = run().map_err(to_js_err(env))?;
        boundary::to_js(env, &serde_json::to_value(&found).unwrap_or_default())
    })
}
