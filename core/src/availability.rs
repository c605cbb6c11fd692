//! Availability of rental stock over a window, from the bookings that block it.
//!
//! A booking `{start, end, quantity = 1, padding_hours = 0, unit = null}` occupies `quantity` units over the
//! half-open interval `[start - padding, end)`: padding is preparation time before pickup, and a booking ending
//! at 10:00 does not overlap one starting at 10:00 (back-to-back is allowed). Which bookings block (confirmed
//! only, or also quotations sent) is the caller's choice: pass only those.
//!
//! - [`unavailable`]: the most units in use at any instant of `[from, to)` (a sweep line; changes at the same
//!   instant net out before the level is read);
//! - [`available`]: `stock - unavailable`, never below 0 (an overbooked window has nothing available);
//! - [`timeline`]: segments `{start, end, available}` tiling `[from, to)`, adjacent equal segments merged;
//! - [`free_units`]: the serial units no overlapping booking holds.
//!
//! ```
//! use fleetgate::availability::{self, Booking};
//! let b = |start, end| Booking { start, end, quantity: 1, padding_seconds: 0, unit: None };
//! let bookings = [b(0, 3600), b(3600, 7200)]; // back to back
//! assert_eq!(availability::unavailable(&bookings, 0, 7200).unwrap(), 1);
//! assert_eq!(availability::available(2, &bookings, 0, 7200).unwrap(), 1);
//! ```

use serde_json::{json, Value as Json};

use crate::error::ErrorCode;
use crate::instant;

/// An availability error. Codes: `invalid_booking`, `invalid_window`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AvailabilityError {
    /// A booking (or the stock, or the unit list) could not be read.
    #[error("invalid {loc}: {problem}")]
    InvalidBooking {
        /// Where, e.g. `bookings[3].end`.
        loc: String,
        /// What is wrong.
        problem: String,
    },
    /// The window `[from, to)` could not be read or is empty.
    #[error("invalid window: {problem}")]
    InvalidWindow {
        /// What is wrong.
        problem: String,
    },
}

impl AvailabilityError {
    /// The stable code of this error.
    pub fn code(&self) -> &'static str {
        match self {
            AvailabilityError::InvalidBooking { .. } => "invalid_booking",
            AvailabilityError::InvalidWindow { .. } => "invalid_window",
        }
    }
}

impl ErrorCode for AvailabilityError {
    fn code(&self) -> &'static str {
        AvailabilityError::code(self)
    }
    fn area(&self) -> &'static str {
        "availability"
    }
}

/// One blocking booking.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Booking {
    /// Pickup, unix seconds.
    pub start: i64,
    /// Return, unix seconds (after `start`).
    pub end: i64,
    /// Units it occupies (at least 1).
    pub quantity: u32,
    /// Preparation time before pickup, in seconds.
    pub padding_seconds: i64,
    /// The serial unit it holds, if any.
    pub unit: Option<String>,
}

impl Booking {
    /// The interval it blocks: `[start - padding, end)` (saturating: a Rust caller may pass any `i64`).
    pub fn blocked(&self) -> (i64, i64) {
        (self.start.saturating_sub(self.padding_seconds), self.end)
    }

    fn overlaps(&self, from: i64, to: i64) -> bool {
        let (s, e) = self.blocked();
        s < to && from < e
    }
}

/// A segment of a [`timeline`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    /// Start, unix seconds.
    pub start: i64,
    /// End (exclusive), unix seconds.
    pub end: i64,
    /// Units available throughout.
    pub available: u32,
}

fn check_window(from: i64, to: i64) -> Result<(), AvailabilityError> {
    if to <= from {
        return Err(AvailabilityError::InvalidWindow { problem: "the end must be after the start".into() });
    }
    Ok(())
}

/// The units in use at each change inside `[from, to)`: `(instant, level)` pairs, the first at `from`.
fn levels(bookings: &[Booking], from: i64, to: i64) -> Vec<(i64, i64)> {
    let mut events: Vec<(i64, i64)> = Vec::with_capacity(bookings.len() * 2);
    let mut level = 0i64;
    for b in bookings.iter().filter(|b| b.overlaps(from, to)) {
        let (s, e) = b.blocked();
        let q = i64::from(b.quantity);
        if s <= from {
            level += q;
        } else {
            events.push((s, q));
        }
        if e < to {
            events.push((e, -q));
        }
    }
    events.sort_unstable();
    let mut out = vec![(from, level)];
    let mut i = 0;
    while i < events.len() {
        let at = events[i].0;
        while i < events.len() && events[i].0 == at {
            level += events[i].1;
            i += 1;
        }
        out.push((at, level));
    }
    out
}

/// The most units in use at any instant of `[from, to)`.
pub fn unavailable(bookings: &[Booking], from: i64, to: i64) -> Result<u64, AvailabilityError> {
    check_window(from, to)?;
    let most = levels(bookings, from, to).iter().map(|&(_, l)| l).max().unwrap_or(0);
    Ok(u64::try_from(most).unwrap_or(0))
}

/// Units of `stock` free throughout `[from, to)`: `stock - unavailable`, at least 0.
pub fn available(stock: u32, bookings: &[Booking], from: i64, to: i64) -> Result<u32, AvailabilityError> {
    let used = unavailable(bookings, from, to)?;
    Ok(u32::try_from(u64::from(stock).saturating_sub(used)).unwrap_or(0))
}

/// Segments tiling `[from, to)` with the units of `stock` available in each (at least 0), equal neighbours merged.
pub fn timeline(stock: u32, bookings: &[Booking], from: i64, to: i64) -> Result<Vec<Segment>, AvailabilityError> {
    check_window(from, to)?;
    let free = |level: i64| u32::try_from((i64::from(stock) - level).max(0)).unwrap_or(0);
    let mut out: Vec<Segment> = Vec::new();
    let changes = levels(bookings, from, to);
    for (i, &(at, level)) in changes.iter().enumerate() {
        let end = changes.get(i + 1).map_or(to, |&(next, _)| next);
        match out.last_mut() {
            Some(last) if last.available == free(level) => last.end = end,
            _ => out.push(Segment { start: at, end, available: free(level) }),
        }
    }
    Ok(out)
}

/// The units (in the given order) that no booking holding them overlaps in `[from, to)`.
pub fn free_units<'a>(
    units: &'a [String],
    bookings: &[Booking],
    from: i64,
    to: i64,
) -> Result<Vec<&'a str>, AvailabilityError> {
    check_window(from, to)?;
    let held: std::collections::HashSet<&str> =
        bookings.iter().filter(|b| b.overlaps(from, to)).filter_map(|b| b.unit.as_deref()).collect();
    Ok(units.iter().map(String::as_str).filter(|u| !held.contains(u)).collect())
}

fn booking_err(loc: String, problem: impl Into<String>) -> AvailabilityError {
    AvailabilityError::InvalidBooking { loc, problem: problem.into() }
}

/// Reads a list of bookings from JSON (`[{start, end, quantity?, padding_hours?, unit?}]`).
fn bookings_from_json(value: &Json) -> Result<Vec<Booking>, AvailabilityError> {
    let items = value.as_array().ok_or_else(|| booking_err("bookings".into(), "a list of bookings"))?;
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let at = |f: &str| format!("bookings[{i}]{f}");
            let obj = item.as_object().ok_or_else(|| booking_err(at(""), "a booking is {start, end, ...}"))?;
            const KNOWN: [&str; 5] = ["start", "end", "quantity", "padding_hours", "unit"];
            if let Some(extra) = obj.keys().find(|k| !KNOWN.contains(&k.as_str())) {
                return Err(booking_err(at(&format!(".{extra}")), "unknown field"));
            }
            let moment = |f: &str| {
                let v = obj.get(f).ok_or_else(|| booking_err(at(&format!(".{f}")), "required"))?;
                instant::from_json(v).map_err(|p| booking_err(at(&format!(".{f}")), p.to_string()))
            };
            let (start, end) = (moment("start")?, moment("end")?);
            if end <= start {
                return Err(booking_err(at(".end"), "the end must be after the start"));
            }
            let quantity = match obj.get("quantity") {
                None | Some(Json::Null) => 1,
                Some(q) => q
                    .as_u64()
                    .and_then(|q| u32::try_from(q).ok())
                    .filter(|q| *q > 0)
                    .ok_or_else(|| booking_err(at(".quantity"), "a positive integer"))?,
            };
            let padding_seconds = match obj.get("padding_hours") {
                None | Some(Json::Null) => 0,
                Some(p) => p
                    .as_u64()
                    .filter(|h| *h <= 24 * 366)
                    .map(|h| h as i64 * 3600)
                    .ok_or_else(|| booking_err(at(".padding_hours"), "a whole number of hours from 0 to 8784"))?,
            };
            let unit = match obj.get("unit") {
                None | Some(Json::Null) => None,
                Some(Json::String(s)) => Some(s.clone()),
                Some(_) => return Err(booking_err(at(".unit"), "a unit is a string (its serial number)")),
            };
            Ok(Booking { start, end, quantity, padding_seconds, unit })
        })
        .collect()
}

/// Reads a window `[from, to)` from JSON instants.
fn window_from_json(from: &Json, to: &Json) -> Result<(i64, i64), AvailabilityError> {
    let read = |v: &Json, name: &str| {
        instant::from_json(v).map_err(|p| AvailabilityError::InvalidWindow { problem: format!("{name}: {p}") })
    };
    Ok((read(from, "start")?, read(to, "end")?))
}

/// Reads a stock count (a non-negative integer below 2^32).
fn stock_from_json(value: &Json) -> Result<u32, AvailabilityError> {
    value
        .as_u64()
        .and_then(|s| u32::try_from(s).ok())
        .ok_or_else(|| booking_err("stock".into(), "a non-negative integer"))
}

/// Reads a list of serial units (strings).
fn units_from_json(value: &Json) -> Result<Vec<String>, AvailabilityError> {
    let items = value.as_array().ok_or_else(|| booking_err("units".into(), "a list of serial numbers"))?;
    items
        .iter()
        .enumerate()
        .map(|(i, u)| u.as_str().map(str::to_owned).ok_or_else(|| booking_err(format!("units[{i}]"), "a string")))
        .collect()
}

/// A timeline as JSON: `[{start, end, available}]` with RFC 3339 UTC instants.
fn timeline_to_json(segments: &[Segment]) -> Json {
    Json::Array(
        segments
            .iter()
            .map(
                |s| json!({"start": instant::format(s.start), "end": instant::format(s.end), "available": s.available}),
            )
            .collect(),
    )
}

/// [`unavailable`] with JSON arguments: bookings `[{start, end, quantity?, padding_hours?, unit?}]` and the
/// window's instants (RFC 3339 or unix seconds).
pub fn unavailable_json(bookings: &Json, from: &Json, to: &Json) -> Result<Json, AvailabilityError> {
    let bookings = bookings_from_json(bookings)?;
    let (from, to) = window_from_json(from, to)?;
    Ok(unavailable(&bookings, from, to)?.into())
}

/// [`available`] with JSON arguments (see [`unavailable_json`]); `stock` a non-negative integer.
pub fn available_json(stock: &Json, bookings: &Json, from: &Json, to: &Json) -> Result<Json, AvailabilityError> {
    let (stock, bookings) = (stock_from_json(stock)?, bookings_from_json(bookings)?);
    let (from, to) = window_from_json(from, to)?;
    Ok(available(stock, &bookings, from, to)?.into())
}

/// [`timeline`] with JSON arguments; returns `[{start, end, available}]` with RFC 3339 UTC instants.
pub fn timeline_json(stock: &Json, bookings: &Json, from: &Json, to: &Json) -> Result<Json, AvailabilityError> {
    let (stock, bookings) = (stock_from_json(stock)?, bookings_from_json(bookings)?);
    let (from, to) = window_from_json(from, to)?;
    Ok(timeline_to_json(&timeline(stock, &bookings, from, to)?))
}

/// [`free_units`] with JSON arguments; `units` a list of serial numbers.
pub fn free_units_json(units: &Json, bookings: &Json, from: &Json, to: &Json) -> Result<Json, AvailabilityError> {
    let (units, bookings) = (units_from_json(units)?, bookings_from_json(bookings)?);
    let (from, to) = window_from_json(from, to)?;
    Ok(free_units(&units, &bookings, from, to)?.into())
}
