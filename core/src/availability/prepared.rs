//! [`Bookings`]: one vehicle's bookings read, checked and indexed once, then queried many times.
//!
//! The free functions of [`super`] take the bookings on every call and sweep them all; through a binding,
//! converting 10,000 booking objects costs more than the sweep itself. A [`Bookings`] is built once (per vehicle,
//! per cache refresh) and answers each query from an index:
//!
//! - the **level** (units in use) as a step function: the distinct instants where it changes, ascending, and the
//!   level from each one to the next, with a max segment tree over those levels: [`Bookings::unavailable`] and
//!   [`Bookings::available`] are O(log n), [`Bookings::timeline`] is O(log n + k) for k changes inside the window;
//! - per serial **unit** (units sorted by name), the blocked intervals of the bookings holding it sorted by start,
//!   with the running maximum of their ends: [`Bookings::free_units`] is O(log n) per unit asked about.
//!
//! Results are those of the free functions, on every input (a property test compares them).
//!
//! ```
//! use fleetgate::availability::{self, Booking, Bookings};
//! let b = |start, end, quantity| Booking { start, end, quantity, padding_hours: 0, unit: None };
//! let list = vec![b(0, 3600, 1), b(1800, 7200, 2)];
//! let prepared = Bookings::new(list.clone()).unwrap();
//! assert_eq!(prepared.unavailable(0, 7200).unwrap(), 3);
//! assert_eq!(prepared.unavailable(3600, 7200).unwrap(), availability::unavailable(&list, 3600, 7200).unwrap());
//! assert_eq!(prepared.available(5, 0, 1800).unwrap(), 4);
//! ```

use super::{check_window, steps, AvailabilityError, Booking, Segment};

/// The most bookings one [`Bookings`] holds (2^20: years of bookings of a fleet; the index takes about 100 bytes
/// per booking). More is `invalid_booking`.
pub const MAX_BOOKINGS: usize = 1 << 20;

/// The blocked intervals of the bookings that hold one serial unit.
#[derive(Clone, Debug, Default)]
struct UnitIndex {
    /// Blocked starts, ascending.
    starts: Vec<i64>,
    /// `ends_max[i]`: the latest end among the first `i + 1` intervals (by start).
    ends_max: Vec<i64>,
}

impl UnitIndex {
    /// Whether one of the intervals overlaps `[from, to)`: among those starting before `to`, the latest end is
    /// after `from`.
    fn overlaps(&self, from: i64, to: i64) -> bool {
        let before = self.starts.partition_point(|&s| s < to);
        before > 0 && self.ends_max[before - 1] > from
    }
}

/// One vehicle's blocking bookings, read and indexed once, queried many times: the same answers as
/// [`super::unavailable`], [`super::available`], [`super::timeline`] and [`super::free_units`] over the same list.
#[derive(Clone, Debug)]
pub struct Bookings {
    /// The distinct instants where the level changes, ascending.
    points: Vec<i64>,
    /// `levels[i]`: the units in use over `[points[i], points[i + 1])` (before `points[0]`: none).
    levels: Vec<i64>,
    /// A max segment tree over `levels`: leaf `i` at `tree[levels.len() + i]`, node `j` the max of `2j`, `2j + 1`.
    tree: Vec<i64>,
    /// Serial unit -> the intervals of the bookings holding it, sorted by unit (looked up by binary search).
    units: Vec<(String, UnitIndex)>,
    /// How many bookings were given.
    len: usize,
}

impl Bookings {
    /// Indexes `bookings` (at most [`MAX_BOOKINGS`]; more is `invalid_booking` with an empty path).
    pub fn new(bookings: Vec<Booking>) -> Result<Self, AvailabilityError> {
        if bookings.len() > MAX_BOOKINGS {
            return Err(AvailabilityError::InvalidBooking {
                argument: "bookings",
                path: String::new(),
                problem: format!("{} bookings: at most {MAX_BOOKINGS}", bookings.len()),
            });
        }
        let len = bookings.len();
        let mut events: Vec<(i64, i64)> = Vec::with_capacity(len * 2);
        let mut held: Vec<(String, i64, i64)> = Vec::new();
        for booking in bookings {
            let (s, e) = booking.blocked();
            let q = i64::from(booking.quantity);
            events.push((s, q));
            events.push((e, -q));
            if let Some(unit) = booking.unit {
                held.push((unit, s, e));
            }
        }
        let (mut points, mut levels) = (Vec::new(), Vec::new());
        steps(&mut events, 0, |at, level| {
            points.push(at);
            levels.push(level);
        });
        let m = levels.len();
        let mut tree = vec![0i64; 2 * m];
        tree[m..].copy_from_slice(&levels);
        for j in (1..m).rev() {
            tree[j] = tree[2 * j].max(tree[2 * j + 1]);
        }
        held.sort_unstable();
        let mut units: Vec<(String, UnitIndex)> = Vec::new();
        for (unit, s, e) in held {
            match units.last_mut() {
                Some((last, index)) if *last == unit => {
                    let latest = index.ends_max.last().map_or(e, |&l| l.max(e));
                    index.starts.push(s);
                    index.ends_max.push(latest);
                }
                _ => units.push((unit, UnitIndex { starts: vec![s], ends_max: vec![e] })),
            }
        }
        Ok(Bookings { points, levels, tree, units, len })
    }

    /// How many bookings it holds.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether it holds no booking.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The index of the first change after `from` and of the first at or after `to`, and the level at `from`.
    fn span(&self, from: i64, to: i64) -> (usize, usize, i64) {
        let first = self.points.partition_point(|&p| p <= from);
        let last = first + self.points[first..].partition_point(|&p| p < to);
        let at_from = if first == 0 { 0 } else { self.levels[first - 1] };
        (first, last, at_from)
    }

    /// The largest level in `levels[lo..hi]` (0 when empty; levels are never negative).
    fn max_level(&self, lo: usize, hi: usize) -> i64 {
        let m = self.levels.len();
        let (mut lo, mut hi, mut best) = (lo + m, hi + m, 0i64);
        while lo < hi {
            if lo & 1 == 1 {
                best = best.max(self.tree[lo]);
                lo += 1;
            }
            if hi & 1 == 1 {
                hi -= 1;
                best = best.max(self.tree[hi]);
            }
            lo /= 2;
            hi /= 2;
        }
        best
    }

    /// The most units in use at any instant of `[from, to)` ([`super::unavailable`]).
    pub fn unavailable(&self, from: i64, to: i64) -> Result<u64, AvailabilityError> {
        check_window(from, to)?;
        let (first, last, at_from) = self.span(from, to);
        Ok(u64::try_from(at_from.max(self.max_level(first, last))).unwrap_or(0))
    }

    /// Units of `stock` free throughout `[from, to)`: `stock - unavailable`, at least 0 ([`super::available`]).
    pub fn available(&self, stock: u32, from: i64, to: i64) -> Result<u32, AvailabilityError> {
        let used = self.unavailable(from, to)?;
        Ok(u32::try_from(u64::from(stock).saturating_sub(used)).unwrap_or(0))
    }

    /// Segments tiling `[from, to)` with the units of `stock` available in each, equal neighbours merged
    /// ([`super::timeline`]).
    pub fn timeline(&self, stock: u32, from: i64, to: i64) -> Result<Vec<Segment>, AvailabilityError> {
        check_window(from, to)?;
        let free = |level: i64| u32::try_from((i64::from(stock) - level).max(0)).unwrap_or(0);
        let (first, last, at_from) = self.span(from, to);
        let mut out = vec![Segment { start: from, end: to, available: free(at_from) }];
        for k in first..last {
            let (at, available) = (self.points[k], free(self.levels[k]));
            let current = out.last_mut().expect("never empty");
            if current.available != available {
                current.end = at;
                out.push(Segment { start: at, end: to, available });
            }
        }
        Ok(out)
    }

    /// The `units` (in the given order) that no booking holding them overlaps in `[from, to)`
    /// ([`super::free_units`]).
    pub fn free_units<'a>(&self, units: &'a [String], from: i64, to: i64) -> Result<Vec<&'a str>, AvailabilityError> {
        check_window(from, to)?;
        Ok(units
            .iter()
            .map(String::as_str)
            .filter(|u| {
                let found = self.units.binary_search_by(|(unit, _)| unit.as_str().cmp(u));
                !found.is_ok_and(|at| self.units[at].1.overlaps(from, to))
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::availability as free;

    fn booking() -> impl Strategy<Value = Booking> {
        (0i64..200, 1i64..60, 1u32..4, 0u32..3, proptest::option::of(0u8..4)).prop_map(|(start, len, q, pad, unit)| {
            Booking {
                start: start * 900,
                end: (start + len) * 900,
                quantity: q,
                padding_hours: pad,
                unit: unit.map(|u| format!("U{u}")),
            }
        })
    }

    proptest! {
        #[test]
        fn same_answers_as_the_free_functions(
            bookings in proptest::collection::vec(booking(), 0..40),
            windows in proptest::collection::vec((-20i64..280, 1i64..120), 1..8),
            stock in 0u32..8,
        ) {
            let prepared = Bookings::new(bookings.clone()).unwrap();
            let units: Vec<String> = ["U0", "U1", "U2", "U3", "U9", "U1"].iter().map(|u| (*u).to_owned()).collect();
            for (start, len) in windows {
                let (from, to) = (start * 900, (start + len) * 900);
                prop_assert_eq!(prepared.unavailable(from, to), free::unavailable(&bookings, from, to));
                prop_assert_eq!(prepared.available(stock, from, to), free::available(stock, &bookings, from, to));
                prop_assert_eq!(prepared.timeline(stock, from, to), free::timeline(stock, &bookings, from, to));
                prop_assert_eq!(
                    prepared.free_units(&units, from, to),
                    free::free_units(&units, &bookings, from, to)
                );
                // Windows that do not fall on the 15-minute grid, and empty windows.
                prop_assert_eq!(prepared.timeline(stock, from + 1, to - 1), free::timeline(stock, &bookings, from + 1, to - 1));
                prop_assert_eq!(prepared.unavailable(to, from), free::unavailable(&bookings, to, from));
            }
        }
    }

    #[test]
    fn extreme_instants_and_quantities() {
        let b = |start, end, quantity, padding_hours| Booking { start, end, quantity, padding_hours, unit: None };
        let bookings = vec![
            b(i64::MIN + 1, i64::MAX, u32::MAX, 8784),
            b(i64::MIN + 10, i64::MIN + 20, u32::MAX, 0),
            b(0, 1, 1, 0),
        ];
        let prepared = Bookings::new(bookings.clone()).unwrap();
        for (from, to) in [(i64::MIN, i64::MAX), (i64::MIN, i64::MIN + 15), (0, 1), (1, 2), (-5, 5)] {
            assert_eq!(prepared.unavailable(from, to), free::unavailable(&bookings, from, to));
            assert_eq!(prepared.timeline(3, from, to), free::timeline(3, &bookings, from, to));
        }
        assert_eq!(prepared.unavailable(i64::MIN, i64::MAX).unwrap(), 2 * u64::from(u32::MAX));
        assert_eq!(prepared.len(), 3);
    }

    #[test]
    fn empty_and_too_many() {
        let empty = Bookings::new(Vec::new()).unwrap();
        assert!(empty.is_empty());
        assert_eq!(empty.unavailable(0, 10).unwrap(), 0);
        assert_eq!(empty.timeline(2, 0, 10).unwrap(), vec![Segment { start: 0, end: 10, available: 2 }]);
        assert_eq!(empty.unavailable(10, 10).unwrap_err().code(), "invalid_window");
        let one = Booking { start: 0, end: 1, quantity: 1, padding_hours: 0, unit: None };
        let err = Bookings::new(vec![one; MAX_BOOKINGS + 1]).unwrap_err();
        assert_eq!(err.code(), "invalid_booking");
    }
}
