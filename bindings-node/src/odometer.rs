//! `odometer` namespace: wraps `fleetgate::odometer` (reading checks, batch checks, meter entries).
//!
//! Readings and policies are plain objects with camelCase keys; verdicts and meter entries come back in the JSON
//! shape shared by every binding (snake_case keys, `null` for absent values).

use fleetgate::odometer::input::{self, Naming, Scalar};
use fleetgate::odometer::{
    self as core, Columns, Ident, OdometerError, Policy, RawValue, Reading, Reason, Status, SyncKind, TimeInput,
    UnitColumn, Verdict as CoreVerdict,
};
use napi::bindgen_prelude::{Either, Float64Array, Int32Array, Object, Uint8Array, Unknown};
use napi::Env;
use napi_derive::napi;

use crate::errors::{guard, to_js_err};
use crate::js::{as_object, field, keys, type_name, ArrayOrOther, Field, NumberOrString};

fn invalid(field: &str, problem: &str) -> OdometerError {
    OdometerError::InvalidReading { field: field.to_owned(), problem: problem.to_owned() }
}

fn scalar(f: Field) -> Scalar {
    match f {
        Field::Absent => Scalar::Absent,
        Field::Number(n) => Scalar::Number(n),
        Field::Text(s) => Scalar::Text(s),
        Field::Other(t) => Scalar::Other(t),
    }
}

/// Reads an object's fields for `input::reading_from` / `input::policy_from`.
fn object_fields<'a>(value: &Unknown<'a>, what: &str) -> Result<(Object<'a>, Vec<String>), OdometerError> {
    let obj = as_object(value).ok_or_else(|| invalid(what, &format!("must be an object, not {}", type_name(value))))?;
    let names = keys(&obj).map_err(|e| invalid(what, &e.reason))?;
    Ok((obj, names))
}

fn reading(value: &Unknown<'_>) -> Result<Reading, OdometerError> {
    let (obj, names) = object_fields(value, "reading")?;
    input::reading_from(Naming::Camel, &names, |k| field(&obj, k).map(scalar).unwrap_or(Scalar::Other(String::new())))
}

pub(crate) fn readings(list: &ArrayOrOther<'_>, what: &str) -> Result<Vec<Reading>, OdometerError> {
    match list {
        Either::A(items) => items.iter().map(reading).collect(),
        Either::B(other) => Err(invalid(what, &format!("must be an array, not {}", type_name(other)))),
    }
}

pub(crate) fn policy(value: Option<&Unknown<'_>>) -> Result<Policy, OdometerError> {
    let Some(value) = value.filter(|v| !matches!(v.get_type(), Ok(napi::ValueType::Null | napi::ValueType::Undefined)))
    else {
        return Ok(Policy::default());
    };
    let (obj, names) = object_fields(value, "policy")
        .map_err(|_| OdometerError::InvalidPolicy { field: "policy", rule: "an object" })?;
    input::policy_from(Naming::Camel, &names, |k| field(&obj, k).map(scalar).unwrap_or(Scalar::Other(String::new())))
}

/// A reading as JavaScript passes it (the type of `ReadingInput` in index.d.ts). Values of the wrong type are
/// still reported with fleetgate's codes, because the functions read their arguments field by field.
#[napi(object, namespace = "odometer")]
#[allow(dead_code)] // declares the TypeScript type only: arguments are read field by field
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
    /// Your row id, echoed in `duplicate_of`.
    pub id: Option<Either<f64, String>>,
    /// When it reached the app (provenance).
    pub received_time: Option<Either<f64, String>>,
    /// For history entries: `accept`, `duplicate` or `void`.
    pub status: Option<String>,
}

/// The thresholds of the checks (the type of `PolicyInput`); every field has the documented default.
#[napi(object, namespace = "odometer")]
#[allow(dead_code)] // declares the TypeScript type only: arguments are read field by field
pub struct PolicyInput {
    /// Highest plausible average speed between two readings, km/h (default 250).
    pub max_speed_kmh: Option<f64>,
    /// Elapsed-time floor in seconds for speed checks (default 60).
    pub min_elapsed_s: Option<f64>,
    /// Digits of the meter, if known (enables capacity, all-nines and rollover checks).
    pub meter_digits: Option<f64>,
    /// Slack in metres for the order checks (default 0).
    pub tolerance_m: Option<f64>,
    /// Legacy rule: the same value within this many seconds is a duplicate (default off).
    pub same_value_window_s: Option<f64>,
}

/// The verdict on one reading, in the JSON shape shared by every binding.
#[napi(object, namespace = "odometer", use_nullable = true)]
pub struct Verdict {
    /// `accept`, `duplicate` or `void`.
    pub status: String,
    /// Why it is void: `out_of_sequence`, `exceeds_max_rate`, `unit_mismatch`, `rollover_suspected`,
    /// `invalid_value`.
    pub reason: Option<String>,
    /// The reading in whole metres, when it could be read.
    pub metres: Option<i64>,
    /// The reading in km, when it could be read.
    pub km: Option<f64>,
    /// For order failures, `[prev, next]` in metres (`next` null when unbounded).
    #[napi(js_name = "allowed_range_m")]
    pub allowed_range_m: Option<Vec<Option<i64>>>,
    /// For duplicates, the id (else the event id) of the reading this one repeats.
    #[napi(js_name = "duplicate_of")]
    pub duplicate_of: Option<Either<i64, String>>,
}

fn ident_js(ident: Option<Ident>) -> Option<Either<i64, String>> {
    ident.map(|i| match i {
        Ident::Int(n) => Either::A(n),
        Ident::Text(s) => Either::B(s),
    })
}

fn verdict(v: &CoreVerdict, pool: &[Reading]) -> Verdict {
    Verdict {
        status: v.status.as_str().to_owned(),
        reason: v.reason.map(|r| r.code().to_owned()),
        metres: v.metres,
        km: v.km(),
        allowed_range_m: v.allowed_range_m.map(|(lo, hi)| vec![Some(lo), hi]),
        duplicate_of: ident_js(v.duplicate_of.and_then(|i| pool.get(i)).and_then(Reading::ident)),
    }
}

/// Judges `candidate` against the vehicle's `history` (any order). Readings are objects with `value` + `unit` (or
/// `metres`), `readingTime` (unix seconds or an RFC 3339 string) and optionally `eventId`, `source`, `id`,
/// `receivedTime`, `status`; `policy` has `maxSpeedKmh`, `minElapsedS`, `meterDigits`, `toleranceM`,
/// `sameValueWindowS`. Returns `{status, reason, metres, km, allowed_range_m, duplicate_of}`.
/// @throws {Error} `invalid_reading`, `invalid_time` or `invalid_policy` for malformed input (a bad value is a
/// `void` verdict, not an error).
#[napi(
    namespace = "odometer",
    ts_args_type = "history: ReadingInput[], candidate: ReadingInput, policy?: PolicyInput | null"
)]
pub fn check(
    env: &Env,
    history: ArrayOrOther<'_>,
    candidate: Unknown<'_>,
    policy: Option<Unknown<'_>>,
) -> napi::Result<Verdict> {
    guard(env, || {
        let run = || -> Result<(CoreVerdict, Vec<Reading>), OdometerError> {
            let policy = self::policy(policy.as_ref())?;
            let history = readings(&history, "history")?;
            let candidate = reading(&candidate)?;
            Ok((core::check(&history, &candidate, &policy), history))
        };
        let (v, history) = run().map_err(to_js_err(env))?;
        Ok(verdict(&v, &history))
    })
}

/// Judges a whole history in one call (sorted by reading time, O(n log n)); one verdict per input, in input order,
/// the same as checking them one at a time in reading-time order.
/// @throws {Error} `invalid_reading`, `invalid_time` or `invalid_policy`.
#[napi(
    namespace = "odometer",
    js_name = "checkBatch",
    ts_args_type = "readings: ReadingInput[], policy?: PolicyInput | null"
)]
pub fn check_batch(env: &Env, readings: ArrayOrOther<'_>, policy: Option<Unknown<'_>>) -> napi::Result<Vec<Verdict>> {
    guard(env, || {
        let policy = self::policy(policy.as_ref()).map_err(to_js_err(env))?;
        let all = self::readings(&readings, "readings").map_err(to_js_err(env))?;
        Ok(core::check_batch(&all, &policy).iter().map(|v| verdict(v, &all)).collect())
    })
}

/// Columns of readings for `checkBatchColumns`.
#[napi(object, namespace = "odometer")]
pub struct ReadingColumns {
    /// The values.
    pub values: Float64Array,
    /// One unit for every value (`km`, `mi`, ...), or one unit per value.
    pub units: Either<String, Vec<String>>,
    /// Reading times in unix seconds.
    pub times: Float64Array,
    /// Event ids, if any (`null` where a reading has none).
    pub event_ids: Option<Vec<Option<String>>>,
    /// Sources, if any.
    pub sources: Option<Vec<Option<String>>>,
}

/// Verdicts of `checkBatchColumns`, column by column, as typed arrays (one copy each, no object per reading).
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
pub const STATUSES: [&str; 3] = ["accept", "duplicate", "void"];

/// The void reasons `VerdictColumns.reason` indexes. Index 0, the empty string, means no reason (not void).
#[napi(namespace = "odometer", js_name = "REASONS")]
pub const REASONS: [&str; 6] =
    ["", "out_of_sequence", "exceeds_max_rate", "unit_mismatch", "rollover_suspected", "invalid_value"];

/// `checkBatch` over columns, for large backfills: no object per reading crosses the boundary on the way in.
/// @throws {Error} `invalid_reading` when the columns differ in length, `invalid_time`, `invalid_policy`.
#[napi(
    namespace = "odometer",
    js_name = "checkBatchColumns",
    ts_args_type = "columns: ReadingColumns, policy?: PolicyInput | null"
)]
pub fn check_batch_columns(
    env: &Env,
    columns: ReadingColumns,
    policy: Option<Unknown<'_>>,
) -> napi::Result<VerdictColumns> {
    guard(env, || {
        let run = || -> Result<Vec<CoreVerdict>, OdometerError> {
            let policy = self::policy(policy.as_ref())?;
            let times_ms: Vec<i64> =
                columns.times.iter().map(|&t| TimeInput::FractionalSeconds(t).to_millis()).collect::<Result<_, _>>()?;
            let event_ids: Option<Vec<Option<&str>>> =
                columns.event_ids.as_ref().map(|v| v.iter().map(Option::as_deref).collect());
            let sources: Option<Vec<Option<&str>>> =
                columns.sources.as_ref().map(|v| v.iter().map(Option::as_deref).collect());
            let unit_names: Vec<&str> = match &columns.units {
                Either::A(one) => vec![one.as_str()],
                Either::B(each) => each.iter().map(String::as_str).collect(),
            };
            let units = match &columns.units {
                Either::A(_) => UnitColumn::Same(unit_names[0]),
                Either::B(_) => UnitColumn::Each(&unit_names),
            };
            let cols = Columns {
                values: &columns.values,
                units,
                times_ms: &times_ms,
                event_ids: event_ids.as_deref(),
                sources: sources.as_deref(),
            };
            core::check_columns(&cols, &policy).ok_or_else(|| invalid("columns", "must all have the same length"))
        };
        let verdicts = run().map_err(to_js_err(env))?;
        let status_code = |v: &CoreVerdict| match v.status {
            Status::Accept => 0,
            Status::Duplicate => 1,
            Status::Void => 2,
        };
        // REASONS lists Reason::ALL in order after the empty "no reason" (same length, checked at compile time; the
        // JS tests check the order against the object API).
        const _: () = assert!(Reason::ALL.len() + 1 == REASONS.len());
        let reason_code = |v: &CoreVerdict| {
            v.reason.and_then(|r| Reason::ALL.iter().position(|x| *x == r)).map_or(0, |i| i as u8 + 1)
        };
        Ok(VerdictColumns {
            status: Uint8Array::new(verdicts.iter().map(status_code).collect()),
            reason: Uint8Array::new(verdicts.iter().map(reason_code).collect()),
            metres: Float64Array::new(verdicts.iter().map(|v| v.metres.map_or(f64::NAN, |m| m as f64)).collect()),
            duplicate_of: Int32Array::new(
                verdicts.iter().map(|v| v.duplicate_of.and_then(|i| i32::try_from(i).ok()).unwrap_or(-1)).collect(),
            ),
        })
    })
}

/// Options of `meterEntry`.
#[napi(object, namespace = "odometer")]
pub struct MeterEntryOptions {
    /// The app's `source_type` value (default `manual`: its enum has no `smartcar_sync` yet).
    pub source_type: Option<String>,
    /// `webhook` (default) or `manual` ("Sync Now"); it decides the notes.
    pub sync: Option<String>,
}

fn verdict_from_object(value: &Unknown<'_>) -> Result<CoreVerdict, OdometerError> {
    let bad = || invalid("verdict", "must be a verdict returned by odometer.check");
    let obj = as_object(value).ok_or_else(bad)?;
    let status = match field(&obj, "status").map_err(|_| bad())? {
        Field::Text(s) => Status::parse(&s).ok_or_else(bad)?,
        _ => return Err(bad()),
    };
    let metres = match field(&obj, "metres").map_err(|_| bad())? {
        Field::Number(m) => Some(fleetgate::units::metres_from_f64(m).map_err(|_| bad())?),
        Field::Absent => None,
        _ => return Err(bad()),
    };
    Ok(CoreVerdict { status, reason: None, metres, allowed_range_m: None, duplicate_of: None })
}

/// A `meter_entries` row (snake_case keys: they are the app's column names) plus fleetgate's provenance.
#[napi(object, namespace = "odometer", use_nullable = true)]
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

/// The `meter_entries` row to insert for an accepted reading, or `null` for a duplicate or void reading.
/// @throws {Error} `invalid_reading` for a malformed verdict, reading or id.
#[napi(
    namespace = "odometer",
    js_name = "meterEntry",
    ts_args_type = "verdict: Verdict, reading: ReadingInput, carId: number | string, sourceId: number | string, options?: MeterEntryOptions | null"
)]
pub fn meter_entry(
    env: &Env,
    verdict: Unknown<'_>,
    reading: Unknown<'_>,
    car_id: NumberOrString<'_>,
    source_id: NumberOrString<'_>,
    options: Option<MeterEntryOptions>,
) -> napi::Result<Option<MeterEntry>> {
    guard(env, || {
        let options = options.unwrap_or(MeterEntryOptions { source_type: None, sync: None });
        let id = |value: &NumberOrString<'_>, name: &str| -> Result<Ident, OdometerError> {
            let given = match value {
                Either::A(Either::A(n)) => Scalar::Number(*n),
                Either::A(Either::B(s)) => Scalar::Text(s.clone()),
                Either::B(other) => Scalar::Other(type_name(other)),
            };
            input::ident(name, given)?.ok_or_else(|| invalid(name, "is required"))
        };
        let run = || -> Result<Option<core::MeterEntry>, OdometerError> {
            let verdict = verdict_from_object(&verdict)?;
            let reading = self::reading(&reading)?;
            let sync = SyncKind::parse(options.sync.as_deref().unwrap_or("webhook"))
                .ok_or_else(|| invalid("sync", "must be webhook or manual"))?;
            let source_type = options.source_type.as_deref().unwrap_or("manual");
            Ok(core::meter_entry(
                &verdict,
                &reading,
                id(&car_id, "carId")?,
                id(&source_id, "sourceId")?,
                source_type,
                sync,
            ))
        };
        Ok(run().map_err(to_js_err(env))?.map(|e| MeterEntry {
            car_id: ident_js(Some(e.car_id)).unwrap_or(Either::A(0)),
            odometer_reading: e.odometer_reading,
            entry_date: e.entry_date,
            source_type: e.source_type,
            source_id: ident_js(Some(e.source_id)).unwrap_or(Either::A(0)),
            notes: e.notes,
            metres: e.metres,
            raw_value: match e.raw_value {
                RawValue::Integer(n) | RawValue::Metres(n) => Either::A(n as f64),
                RawValue::Number(n) => Either::A(n),
                RawValue::Text(s) => Either::B(s),
            },
            raw_unit: e.raw_unit,
            event_id: e.event_id,
            reading_time: e.reading_time,
            received_time: e.received_time,
        }))
    })
}
