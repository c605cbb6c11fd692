//! Stock Odoo's website rental routes (Odoo 17/18 Enterprise, `website_sale_renting` and
//! `website_sale_stock_renting`): their JSON-RPC replies turned into the library's own types, without I/O, so
//! the WASM package, an Edge function and the Node/Python clients read them the same way.
//!
//! - `POST /rental/product/constraints` (params `{}`) answers `{"renting_unavailabity_days": {"1": false, ...,
//!   "7": true}, "renting_minimal_time": {"duration": 1, "unit": "day"}, "website_tz": "Europe/Brussels"}`
//!   (`website_sale_renting/controllers/main.py`, `renting_product_constraints`; the weekday keys are ISO
//!   numbers, Monday = 1, from `res.company._get_renting_forbidden_days`, and Odoo spells the key
//!   `unavailabity`). [`constraints`] reads it into [`RentalConstraints`], whose [`RentalConstraints::booking_rules`]
//!   are what [`crate::booking::validate`] takes.
//! - `POST /rental/product/availabilities` (params `{product_id, min_date, max_date}`, naive UTC
//!   `YYYY-MM-DD HH:MM:SS`) answers `{"preparation_time": 1.5, "renting_availabilities": [{"start", "end",
//!   "quantity_available"}]}` (`website_sale_stock_renting/controllers/main.py` and
//!   `models/product_product.py`, `_get_availabilities`); `renting_availabilities` is left out when the product
//!   may be sold out of stock (and, from Odoo 18, when it is not storable), and the whole reply is `{}` when
//!   only `website_sale_renting` is installed (Odoo 19): no preparation time, no stock limit. [`availabilities`]
//!   reads it into [`RentalAvailabilities`].
//!
//! A reply is the whole JSON-RPC envelope `{"jsonrpc": "2.0", "id": ..., "result": ...}`; one with `error`
//! (Odoo answers errors at HTTP 200) is [`RentalError::Rpc`] (`odoo_rpc_error`), and a reply of another shape is
//! [`RentalError::InvalidPayload`] (`invalid_odoo_payload`) listing every problem as `{loc, code, message}`.
//! Keys Odoo may add later are ignored.

use chrono::Weekday;
use chrono_tz::Tz;
use serde::Serialize;
use serde_json::{json, Map, Value as Json};

use crate::booking::BookingRules;
use crate::error::ErrorCode;
use crate::instant;
use crate::odoo::Problem;

/// The path of the constraints route.
pub const CONSTRAINTS_PATH: &str = "/rental/product/constraints";
/// The path of the availabilities route.
pub const AVAILABILITIES_PATH: &str = "/rental/product/availabilities";
/// Odoo's datetime format (`fields.Datetime.to_string`): naive UTC, to the second.
pub const ODOO_DATETIME: &str = "%Y-%m-%d %H:%M:%S";
/// The largest minimal rental the booking rules take, in hours (`min_rental_hours`: 3660 days).
pub const MAX_MINIMAL_HOURS: u64 = 24 * 3660;
/// The largest preparation time read, in hours (the availability area's `padding_hours` limit, 366 days).
pub const MAX_PREPARATION_HOURS: u32 = crate::availability::MAX_PADDING_HOURS;
/// How far a float quantity may be from a whole number and still be that number (Odoo's quantities are floats).
const WHOLE_TOLERANCE: f64 = 1e-6;
/// The largest quantity read exactly (2^53).
const MAX_QUANTITY: f64 = 9_007_199_254_740_992.0;

/// The unit of Odoo's minimal rental time (`res.company.renting_minimal_time_unit`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MinimalUnit {
    /// `hour`
    Hour,
    /// `day`
    Day,
    /// `week`
    Week,
    /// `month`: 30 days, as Odoo's website date picker counts it (`renting_mixin.js`, `msecPerUnit`).
    Month,
}

impl MinimalUnit {
    /// Its length in hours: 1, 24, 168, 720.
    pub fn hours(self) -> u64 {
        match self {
            MinimalUnit::Hour => 1,
            MinimalUnit::Day => 24,
            MinimalUnit::Week => 24 * 7,
            MinimalUnit::Month => 24 * 30,
        }
    }

    fn parse(text: &str) -> Option<MinimalUnit> {
        match text {
            "hour" => Some(MinimalUnit::Hour),
            "day" => Some(MinimalUnit::Day),
            "week" => Some(MinimalUnit::Week),
            "month" => Some(MinimalUnit::Month),
            _ => None,
        }
    }
}

/// The shortest rental Odoo accepts: `duration` units (0: no minimum).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct MinimalTime {
    /// How many units.
    pub duration: u32,
    /// The unit.
    pub unit: MinimalUnit,
}

impl MinimalTime {
    /// The minimum in whole hours, as Odoo's website checks it (elapsed time, a month being 30 days).
    pub fn hours(&self) -> u64 {
        u64::from(self.duration) * self.unit.hours()
    }
}

/// The answer of `/rental/product/constraints`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RentalConstraints {
    /// The weekdays on which neither pickup nor return may fall, Monday first.
    pub forbidden_weekdays: Vec<Weekday>,
    /// The minimal rental.
    pub minimal_time: MinimalTime,
    /// The website's time zone (`website_tz`; `None` when Odoo sent none, as before 17.0).
    pub time_zone: Option<Tz>,
}

/// The booking area's name of a weekday (`mon` ... `sun`).
fn weekday_name(day: Weekday) -> &'static str {
    ["mon", "tue", "wed", "thu", "fri", "sat", "sun"][day.num_days_from_monday() as usize]
}

impl RentalConstraints {
    /// `base` with Odoo's forbidden weekdays, minimum rental and time zone (kept from `base` when Odoo sent
    /// none); every other rule (maximum rental, date-only convention, phone region, ...) is `base`'s. A
    /// duration of 0 means no minimum. Odoo has no maximum: a minimum above `base`'s maximum refuses every
    /// booking.
    pub fn booking_rules(&self, base: BookingRules) -> BookingRules {
        let minutes = i64::try_from(self.minimal_time.hours()).unwrap_or(i64::MAX / 60).saturating_mul(60);
        BookingRules {
            time_zone: self.time_zone.unwrap_or(base.time_zone),
            min_rental_minutes: minutes,
            forbidden_weekdays: self.forbidden_weekdays.clone(),
            ..base
        }
    }

    /// The same rules in the serde form `booking.validate(request, rules=...)` takes in every binding:
    /// `{forbidden_weekdays, min_rental_hours, time_zone}` (`time_zone` left out when Odoo sent none); merge it
    /// over the site's own rules (`{**site_rules, **c.booking_rules}`, `{...siteRules, ...c.booking_rules}`).
    pub fn booking_rules_json(&self) -> Json {
        let mut rules = Map::new();
        let days: Vec<Json> = self.forbidden_weekdays.iter().map(|d| Json::from(weekday_name(*d))).collect();
        rules.insert("forbidden_weekdays".into(), Json::Array(days));
        rules.insert("min_rental_hours".into(), Json::from(self.minimal_time.hours()));
        if let Some(tz) = self.time_zone {
            rules.insert("time_zone".into(), Json::from(tz.name()));
        }
        Json::Object(rules)
    }

    /// The shape every binding gives: `{forbidden_weekdays, minimal_time: {duration, unit}, time_zone,
    /// booking_rules}`.
    pub fn view(&self) -> ConstraintsView {
        ConstraintsView {
            forbidden_weekdays: self.forbidden_weekdays.iter().map(|d| weekday_name(*d)).collect(),
            minimal_time: self.minimal_time,
            time_zone: self.time_zone.map(|tz| tz.name().to_owned()),
            booking_rules: self.booking_rules_json(),
        }
    }
}

/// [`RentalConstraints`] as the bindings hand it out.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ConstraintsView {
    /// `mon` ... `sun`, Monday first.
    pub forbidden_weekdays: Vec<&'static str>,
    /// `{duration, unit}`.
    pub minimal_time: MinimalTime,
    /// The IANA name, or `null`.
    pub time_zone: Option<String>,
    /// [`RentalConstraints::booking_rules_json`].
    pub booking_rules: Json,
}

/// One segment of Odoo's availability timeline: `quantity_available` units from `start` to `end` (exclusive).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RentalSegment {
    /// Start, unix seconds (RFC 3339 UTC when serialized).
    #[serde(with = "instant::seconds")]
    pub start: i64,
    /// End, unix seconds (after `start`).
    #[serde(with = "instant::seconds")]
    pub end: i64,
    /// Units available throughout, as Odoo computes it (its worst case: negative when overbooked).
    pub quantity_available: i64,
}

/// The answer of `/rental/product/availabilities`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RentalAvailabilities {
    /// Odoo's `preparation_time`, hours (a float: 1.5 is 1 h 30).
    pub preparation_time: f64,
    /// The preparation time in seconds, rounded to the nearest second.
    pub padding_seconds: i64,
    /// The preparation time in whole hours, rounded up: what `availability`'s `padding_hours` takes (never
    /// shorter than Odoo's).
    pub padding_hours: u32,
    /// Whether Odoo limits the product by its stock: `false` when it sent no `renting_availabilities` (the
    /// product may be ordered out of stock, or is not storable), and then `segments` is empty.
    pub stock_limited: bool,
    /// The timeline, sorted by start, without overlaps.
    pub segments: Vec<RentalSegment>,
}

/// Errors of the rental routes (area `odoo`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum RentalError {
    /// Code `invalid_odoo_payload`: the reply is not a JSON-RPC reply of the route's shape; every problem listed.
    #[error("invalid Odoo rental reply: {}", describe(problems))]
    InvalidPayload {
        /// Every problem found (`errors` in the details).
        #[serde(rename = "errors")]
        problems: Vec<Problem>,
    },
    /// Code `odoo_rpc_error`: Odoo answered a JSON-RPC `error` (`{code, message, data: {name, message, debug}}`;
    /// the traceback in `debug` is not kept).
    #[error("Odoo answered a JSON-RPC error{}{}", rpc_code.map(|c| format!(" {c}")).unwrap_or_default(), rpc_detail(name, data_message, rpc_message))]
    Rpc {
        /// `error.code` (200: a server error, 100: session expired, 404: not found).
        rpc_code: Option<i64>,
        /// `error.message`, e.g. `Odoo Server Error`.
        rpc_message: Option<String>,
        /// `error.data.name`, the exception class, e.g. `odoo.exceptions.AccessError`.
        name: Option<String>,
        /// `error.data.message`, the exception's message.
        data_message: Option<String>,
    },
}

fn rpc_detail(name: &Option<String>, data_message: &Option<String>, rpc_message: &Option<String>) -> String {
    let mut out = String::new();
    if let Some(name) = name {
        out.push_str(&format!(" ({name})"));
    }
    if let Some(message) = data_message.as_ref().or(rpc_message.as_ref()) {
        out.push_str(&format!(": {message}"));
    }
    out
}

fn describe(problems: &[Problem]) -> String {
    let each =
        problems.iter().map(|p| if p.loc.is_empty() { p.message.clone() } else { format!("{}: {}", p.loc, p.message) });
    each.collect::<Vec<_>>().join("; ")
}

impl RentalError {
    /// The stable code (same as [`ErrorCode::code`], callable without importing the trait).
    pub fn code(&self) -> &'static str {
        ErrorCode::code(self)
    }
}

impl ErrorCode for RentalError {
    fn code(&self) -> &'static str {
        match self {
            RentalError::InvalidPayload { .. } => "invalid_odoo_payload",
            RentalError::Rpc { .. } => "odoo_rpc_error",
        }
    }
    fn area(&self) -> &'static str {
        "odoo"
    }
}

fn problem(loc: &str, code: &'static str, message: impl Into<String>) -> Problem {
    Problem { loc: loc.to_owned(), code, message: message.into() }
}

/// The JSON-RPC request of a route: `{"jsonrpc": "2.0", "method": "call", "params": params, "id": id}`.
pub fn rpc_request(params: Json, id: u64) -> Json {
    json!({"jsonrpc": "2.0", "method": "call", "params": params, "id": id})
}

/// The request body of `/rental/product/constraints`.
pub fn constraints_request(id: u64) -> Json {
    rpc_request(json!({}), id)
}

/// Unix seconds in Odoo's naive UTC datetime format (`2024-02-01 08:00:00`).
pub fn odoo_datetime(seconds: i64) -> String {
    instant::to_local(seconds, chrono_tz::UTC).format(ODOO_DATETIME).to_string()
}

/// The request body of `/rental/product/availabilities` for `product_id` over `[start, end)` (unix seconds,
/// sent as Odoo datetimes). The caller checks the arguments (the client does: `invalid_argument`).
pub fn availabilities_request(id: u64, product_id: i64, start: i64, end: i64) -> Json {
    let params = json!({"product_id": product_id, "min_date": odoo_datetime(start), "max_date": odoo_datetime(end)});
    rpc_request(params, id)
}

/// A reply as a binding passes it: the parsed object, or its bytes / text (parsed here).
pub fn reply_json(reply: crate::boundary::Value) -> Result<Json, RentalError> {
    use crate::boundary::{Site, Value};
    let invalid = |p: Problem| RentalError::InvalidPayload { problems: vec![p] };
    let text = match reply {
        Value::Bytes(bytes) => bytes,
        Value::Str(text) => text.into_bytes(),
        other => {
            let site = Site::coded("odoo", "invalid_odoo_payload", "reply");
            return other.into_json(&site).map_err(|e| invalid(problem(&e.path, "wrong_type", e.problem)));
        }
    };
    serde_json::from_slice(&text).map_err(|e| invalid(problem("", "not_json", format!("not JSON: {e}"))))
}

/// The `result` of a JSON-RPC reply, or its `error` as [`RentalError::Rpc`]. With `id`, the reply's `id` (when
/// it has one) must be the same.
pub fn rpc_result<'a>(reply: &'a Json, id: Option<&Json>) -> Result<&'a Json, RentalError> {
    let invalid = |problems| RentalError::InvalidPayload { problems };
    let Some(fields) = reply.as_object() else {
        return Err(invalid(vec![problem("", "wrong_type", "a JSON-RPC reply is an object")]));
    };
    let mut problems = Vec::new();
    match fields.get("jsonrpc") {
        None => {}
        Some(Json::String(v)) if v == "2.0" => {}
        Some(_) => problems.push(problem("jsonrpc", "wrong_version", "a JSON-RPC 2.0 reply has jsonrpc \"2.0\"")),
    }
    if let (Some(want), Some(got)) = (id, fields.get("id").filter(|v| !v.is_null())) {
        if want != got {
            problems.push(problem("id", "id_mismatch", format!("the reply's id {got} is not the request's {want}")));
        }
    }
    let result = match fields.get("error").filter(|e| !e.is_null()) {
        Some(Json::Object(error)) if problems.is_empty() => return Err(rpc_error(error)),
        Some(Json::Object(_)) => None,
        Some(_) => {
            problems.push(problem("error", "wrong_type", "error must be an object {code, message, data}"));
            None
        }
        None => match fields.get("result") {
            Some(result) => Some(result),
            None => {
                problems.push(problem("result", "missing", "a JSON-RPC reply has a result or an error"));
                None
            }
        },
    };
    match result {
        Some(result) if problems.is_empty() => Ok(result),
        _ => Err(invalid(problems)),
    }
}

fn rpc_error(error: &Map<String, Json>) -> RentalError {
    let text = |v: Option<&Json>| v.and_then(Json::as_str).map(str::to_owned);
    let data = error.get("data").and_then(Json::as_object);
    RentalError::Rpc {
        rpc_code: error.get("code").and_then(Json::as_i64),
        rpc_message: text(error.get("message")),
        name: text(data.and_then(|d| d.get("name"))),
        data_message: text(data.and_then(|d| d.get("message"))),
    }
}

/// The result object of a reply (`result` must be an object).
fn result_object<'a>(reply: &'a Json, id: Option<&Json>) -> Result<&'a Map<String, Json>, RentalError> {
    rpc_result(reply, id)?.as_object().ok_or_else(|| RentalError::InvalidPayload {
        problems: vec![problem("result", "wrong_type", "the result must be an object")],
    })
}

/// Reads a `/rental/product/constraints` reply (see the module docs). `id`: the request's, checked when given.
pub fn constraints(reply: &Json, id: Option<&Json>) -> Result<RentalConstraints, RentalError> {
    let result = result_object(reply, id)?;
    let mut problems = Vec::new();
    let forbidden = forbidden_days(result.get("renting_unavailabity_days"), &mut problems);
    let minimal = minimal_time(result.get("renting_minimal_time"), &mut problems);
    let time_zone = match result.get("website_tz") {
        None | Some(Json::Null) | Some(Json::Bool(false)) => None,
        Some(Json::String(name)) => {
            let tz = instant::parse_tz(name);
            if tz.is_none() {
                problems.push(problem(
                    "result.website_tz",
                    "unknown_time_zone",
                    format!("{name:?} is not an IANA time zone"),
                ));
            }
            tz
        }
        Some(_) => {
            problems.push(problem("result.website_tz", "wrong_type", "website_tz must be a time zone name"));
            None
        }
    };
    match (forbidden, minimal) {
        (Some(forbidden_weekdays), Some(minimal_time)) if problems.is_empty() => {
            Ok(RentalConstraints { forbidden_weekdays, minimal_time, time_zone })
        }
        _ => Err(RentalError::InvalidPayload { problems }),
    }
}

const WEEKDAYS: [Weekday; 7] =
    [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri, Weekday::Sat, Weekday::Sun];

/// `{"1": bool, ..., "7": bool}` (ISO weekdays, Monday = 1; a day left out is allowed).
fn forbidden_days(value: Option<&Json>, problems: &mut Vec<Problem>) -> Option<Vec<Weekday>> {
    const LOC: &str = "result.renting_unavailabity_days";
    let days = match value {
        None => {
            problems.push(problem(LOC, "missing", "renting_unavailabity_days is required (Odoo's spelling)"));
            return None;
        }
        Some(Json::Object(days)) => days,
        Some(_) => {
            problems.push(problem(LOC, "wrong_type", "renting_unavailabity_days must be an object {\"1\": bool, ...}"));
            return None;
        }
    };
    let mut forbidden = [false; 7];
    let before = problems.len();
    for (key, flag) in days {
        let loc = format!("{LOC}.{key}");
        let index = match key.parse::<usize>() {
            Ok(n @ 1..=7) if key.len() == 1 => n - 1,
            _ => {
                problems.push(problem(&loc, "unknown_weekday", "weekdays are 1 (Monday) to 7 (Sunday)"));
                continue;
            }
        };
        match flag {
            Json::Bool(b) => forbidden[index] = *b,
            _ => problems.push(problem(&loc, "wrong_type", "a weekday's flag is true or false")),
        }
    }
    (problems.len() == before).then(|| WEEKDAYS.iter().zip(forbidden).filter(|(_, f)| *f).map(|(d, _)| *d).collect())
}

/// `{"duration": int >= 0, "unit": "hour" | "day" | "week" | "month"}`.
fn minimal_time(value: Option<&Json>, problems: &mut Vec<Problem>) -> Option<MinimalTime> {
    const LOC: &str = "result.renting_minimal_time";
    let fields = match value {
        None => {
            problems.push(problem(LOC, "missing", "renting_minimal_time is required"));
            return None;
        }
        Some(Json::Object(fields)) => fields,
        Some(_) => {
            problems.push(problem(LOC, "wrong_type", "renting_minimal_time must be an object {duration, unit}"));
            return None;
        }
    };
    let duration = match fields.get("duration") {
        None => {
            problems.push(problem(&format!("{LOC}.duration"), "missing", "duration is required"));
            None
        }
        Some(Json::Number(n)) if n.as_i64().is_some() => match n.as_u64().and_then(|d| u32::try_from(d).ok()) {
            Some(d) => Some(d),
            None => {
                problems.push(problem(&format!("{LOC}.duration"), "out_of_range", format!("{n} is not a duration")));
                None
            }
        },
        Some(_) => {
            problems.push(problem(&format!("{LOC}.duration"), "wrong_type", "duration must be a whole number"));
            None
        }
    };
    let unit = match fields.get("unit") {
        None => {
            problems.push(problem(&format!("{LOC}.unit"), "missing", "unit is required"));
            None
        }
        Some(Json::String(text)) => {
            let unit = MinimalUnit::parse(text);
            if unit.is_none() {
                let message = format!("{text:?} is not hour, day, week or month");
                problems.push(problem(&format!("{LOC}.unit"), "unknown_unit", message));
            }
            unit
        }
        Some(_) => {
            problems.push(problem(&format!("{LOC}.unit"), "wrong_type", "unit must be a string"));
            None
        }
    };
    let minimal = MinimalTime { duration: duration?, unit: unit? };
    if minimal.hours() > MAX_MINIMAL_HOURS {
        let message = format!(
            "{} hours is above the longest minimum the booking rules take, {MAX_MINIMAL_HOURS}",
            minimal.hours()
        );
        problems.push(problem(&format!("{LOC}.duration"), "out_of_range", message));
        return None;
    }
    Some(minimal)
}

/// Reads a `/rental/product/availabilities` reply (see the module docs). `id`: the request's, checked when
/// given.
pub fn availabilities(reply: &Json, id: Option<&Json>) -> Result<RentalAvailabilities, RentalError> {
    let result = result_object(reply, id)?;
    let mut problems = Vec::new();
    let preparation = preparation_time(result.get("preparation_time"), &mut problems);
    let segments = match result.get("renting_availabilities") {
        None | Some(Json::Null) => None,
        Some(Json::Array(items)) => Some(segments(items, &mut problems)),
        Some(_) => {
            let message = "renting_availabilities must be a list of {start, end, quantity_available}";
            problems.push(problem("result.renting_availabilities", "wrong_type", message));
            None
        }
    };
    match preparation {
        Some(hours) if problems.is_empty() => {
            let seconds = (hours * 3600.0).round();
            let padding_seconds = seconds as i64;
            let padding_hours = (padding_seconds + 3599) / 3600;
            Ok(RentalAvailabilities {
                preparation_time: hours,
                padding_seconds,
                padding_hours: u32::try_from(padding_hours).unwrap_or(MAX_PREPARATION_HOURS),
                stock_limited: segments.is_some(),
                segments: segments.unwrap_or_default(),
            })
        }
        _ => Err(RentalError::InvalidPayload { problems }),
    }
}

/// `preparation_time` in hours; absent is 0 (Odoo 19's `website_sale_renting` alone answers `{}`).
fn preparation_time(value: Option<&Json>, problems: &mut Vec<Problem>) -> Option<f64> {
    const LOC: &str = "result.preparation_time";
    match value {
        None => return Some(0.0),
        Some(Json::Number(n)) => match n.as_f64() {
            Some(h) if (0.0..=f64::from(MAX_PREPARATION_HOURS)).contains(&h) => return Some(h),
            _ => problems.push(problem(LOC, "out_of_range", format!("{n} is not 0 to {MAX_PREPARATION_HOURS} hours"))),
        },
        Some(_) => problems.push(problem(LOC, "wrong_type", "preparation_time must be a number of hours")),
    }
    None
}

fn datetime(value: Option<&Json>, loc: &str, problems: &mut Vec<Problem>) -> Option<i64> {
    let parsed = match value {
        None => {
            problems.push(problem(loc, "missing", "required"));
            return None;
        }
        // A datetime, not a date: the routes answer `fields.Datetime` values without microseconds.
        Some(Json::String(text)) => {
            super::parse_datetime(text).filter(|s| text.len() == 19 && instant::in_range(*s))
        }
        Some(_) => None,
    };
    if parsed.is_none() {
        problems.push(problem(loc, "invalid_datetime", "an Odoo datetime is naive UTC text YYYY-MM-DD HH:MM:SS"));
    }
    parsed
}

fn quantity(value: Option<&Json>, loc: &str, problems: &mut Vec<Problem>) -> Option<i64> {
    let n = match value {
        None => {
            problems.push(problem(loc, "missing", "required"));
            return None;
        }
        Some(Json::Number(n)) => n,
        Some(_) => {
            problems.push(problem(loc, "wrong_type", "quantity_available must be a number"));
            return None;
        }
    };
    if let Some(q) = n.as_i64() {
        return Some(q);
    }
    let f = n.as_f64().unwrap_or(f64::NAN);
    let whole = f.round();
    if f.is_nan() || (f - whole).abs() > WHOLE_TOLERANCE {
        problems.push(problem(loc, "fractional_quantity", format!("{n} is not a whole number of units")));
        return None;
    }
    if whole.abs() > MAX_QUANTITY {
        problems.push(problem(loc, "out_of_range", format!("{n} is beyond 2^53")));
        return None;
    }
    Some(whole as i64)
}

fn segments(items: &[Json], problems: &mut Vec<Problem>) -> Vec<RentalSegment> {
    let before = problems.len();
    let mut out: Vec<(usize, RentalSegment)> = Vec::with_capacity(items.len());
    for (index, item) in items.iter().enumerate() {
        let loc = format!("result.renting_availabilities[{index}]");
        let Some(fields) = item.as_object() else {
            problems.push(problem(&loc, "wrong_type", "a segment is an object {start, end, quantity_available}"));
            continue;
        };
        let start = datetime(fields.get("start"), &format!("{loc}.start"), problems);
        let end = datetime(fields.get("end"), &format!("{loc}.end"), problems);
        let quantity_available =
            quantity(fields.get("quantity_available"), &format!("{loc}.quantity_available"), problems);
        if let (Some(start), Some(end), Some(quantity_available)) = (start, end, quantity_available) {
            if end <= start {
                problems.push(problem(&loc, "empty_segment", "a segment's end must be after its start"));
                continue;
            }
            out.push((index, RentalSegment { start, end, quantity_available }));
        }
    }
    if problems.len() > before {
        return Vec::new();
    }
    out.sort_by_key(|(_, s)| (s.start, s.end));
    for pair in out.windows(2) {
        let ((_, previous), (index, next)) = (&pair[0], &pair[1]);
        if next.start < previous.end {
            let loc = format!("result.renting_availabilities[{index}]");
            problems.push(problem(&loc, "overlapping_segments", "this segment overlaps another one"));
        }
    }
    out.into_iter().map(|(_, s)| s).collect()
}
