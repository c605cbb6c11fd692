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
//! - [`free_units`]: the serial units no overlapping booking holds;
//! - [`Bookings`]: the same four queries over bookings read and indexed once (built per vehicle, queried many
//!   times: O(log n) per `unavailable` / `available`, O(log n + k) per `timeline`), at most [`MAX_BOOKINGS`].
//!
//! Bookings are typed ([`Booking`], serde with `deny_unknown_fields`: instants as RFC 3339 or unix seconds,
//! `quantity` at least 1, `padding_hours` from 0 to 8784, the end after the start); results are typed
//! ([`Segment`]). The bindings decode their arguments at the [`site`]s below.
//!
//! ```
//! use fleetgate::availability::{self, Booking};
//! let b = |start, end| Booking { start, end, quantity: 1, padding_hours: 0, unit: None };
//! let bookings = [b(0, 3600), b(3600, 7200)]; // back to back
//! assert_eq!(availability::unavailable(&bookings, 0, 7200).unwrap(), 1);
//! assert_eq!(availability::available(2, &bookings, 0, 7200).unwrap(), 1);
//! ```

use serde::{Deserialize, Serialize};

use crate::error::ErrorCode;
use crate::instant;

mod prepared;
pub use prepared::{Bookings, MAX_BOOKINGS};

/// Where each argument of the availability API is decoded, and the code its problems get: bookings, stock and
/// units are `invalid_booking`; the window's instants `invalid_window`. Data: snake_case keys in every language.
pub mod site {
    use crate::boundary::Site;

    /// The bookings that block.
    pub const BOOKINGS: Site = Site::coded("availability", "invalid_booking", "bookings");
    /// The stock (a whole number from 0 to 2^32 - 1).
    pub const STOCK: Site = Site::coded("availability", "invalid_booking", "stock");
    /// The serial units.
    pub const UNITS: Site = Site::coded("availability", "invalid_booking", "units");
    /// The window's start.
    pub const START: Site = Site::coded("availability", "invalid_window", "start");
    /// The window's end.
    pub const END: Site = Site::coded("availability", "invalid_window", "end");
}

/// An availability error. Codes: `invalid_booking`, `invalid_window`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Serialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum AvailabilityError {
    /// A booking (or the stock, or the unit list) could not be read. Decoding problems at [`site::BOOKINGS`],
    /// [`site::STOCK`] and [`site::UNITS`] carry this code too.
    #[error("invalid {argument}{path}: {problem}")]
    InvalidBooking {
        /// The argument, e.g. `bookings`.
        argument: &'static str,
        /// Where inside it, e.g. `[3].end`.
        path: String,
        /// What is wrong.
        problem: String,
    },
    /// The window `[start, end)` is empty. Decoding problems at [`site::START`] and [`site::END`] carry this
    /// code too.
    #[error("invalid window: {problem}")]
    InvalidWindow {
        /// The argument: `end`.
        argument: &'static str,
        /// Empty: the argument itself.
        path: String,
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

/// The most padding a booking may have, in hours (366 days).
pub const MAX_PADDING_HOURS: u32 = 24 * 366;

/// One blocking booking: `{start, end, quantity = 1, padding_hours = 0, unit = null}` in its serde form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "BookingFields")]
pub struct Booking {
    /// Pickup, unix seconds.
    #[serde(with = "instant::seconds")]
    pub start: i64,
    /// Return, unix seconds (after `start`).
    #[serde(with = "instant::seconds")]
    pub end: i64,
    /// Units it occupies (at least 1).
    pub quantity: u32,
    /// Preparation time before pickup, in whole hours (at most [`MAX_PADDING_HOURS`]).
    pub padding_hours: u32,
    /// The serial unit it holds, if any.
    pub unit: Option<String>,
}

/// A booking as written, before the checks across its fields.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BookingFields {
    #[serde(with = "instant::seconds")]
    start: i64,
    #[serde(with = "instant::seconds")]
    end: i64,
    #[serde(default = "one", deserialize_with = "quantity")]
    quantity: u32,
    #[serde(default, deserialize_with = "padding_hours")]
    padding_hours: u32,
    #[serde(default)]
    unit: Option<String>,
}

fn one() -> u32 {
    1
}

fn quantity<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<u32, D::Error> {
    match Option::<u32>::deserialize(deserializer)? {
        None => Ok(1),
        Some(0) => Err(serde::de::Error::custom("a booking occupies at least 1 unit")),
        Some(q) => Ok(q),
    }
}

fn padding_hours<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<u32, D::Error> {
    match Option::<u32>::deserialize(deserializer)? {
        Some(h) if h > MAX_PADDING_HOURS => {
            Err(serde::de::Error::custom(format!("a whole number of hours from 0 to {MAX_PADDING_HOURS}")))
        }
        given => Ok(given.unwrap_or(0)),
    }
}

impl TryFrom<BookingFields> for Booking {
    type Error = String;
    fn try_from(b: BookingFields) -> Result<Booking, String> {
        if b.end <= b.start {
            return Err("the end must be after the start".to_owned());
        }
        Ok(Booking { start: b.start, end: b.end, quantity: b.quantity, padding_hours: b.padding_hours, unit: b.unit })
    }
}

impl Booking {
    /// The interval it blocks: `[start - padding, end)` (saturating: a Rust caller may pass any `i64`).
    pub fn blocked(&self) -> (i64, i64) {
        (self.start.saturating_sub(i64::from(self.padding_hours) * 3600), self.end)
    }

    fn overlaps(&self, from: i64, to: i64) -> bool {
        let (s, e) = self.blocked();
        s < to && from < e
    }
}

/// A segment of a [`timeline`] (serialized with RFC 3339 UTC instants).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Segment {
    /// Start, unix seconds.
    #[serde(with = "instant::seconds")]
    pub start: i64,
    /// End (exclusive), unix seconds.
    #[serde(with = "instant::seconds")]
    pub end: i64,
    /// Units available throughout.
    pub available: u32,
}

fn check_window(from: i64, to: i64) -> Result<(), AvailabilityError> {
    if to <= from {
        return Err(AvailabilityError::InvalidWindow {
            argument: "end",
            path: String::new(),
            problem: "the end must be after the start".into(),
        });
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
    let mut out = vec![(from, level)];
    steps(&mut events, level, |at, level| out.push((at, level)));
    out
}

/// Sorts `events` (`(instant, change in units)`) and gives each distinct instant with the level after all its
/// changes, starting from `level`: the step function both the free functions and [`Bookings`] read.
fn steps(events: &mut [(i64, i64)], mut level: i64, mut step: impl FnMut(i64, i64)) {
    events.sort_unstable_by_key(|&(at, _)| at);
    let mut i = 0;
    while i < events.len() {
        let at = events[i].0;
        while i < events.len() && events[i].0 == at {
            level += events[i].1;
            i += 1;
        }
        step(at, level);
    }
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
