//! Whole-history validation: one sort by reading time, one pass, a verdict per input in input order.
//!
//! The result is exactly what [`super::check`] gives when the readings are checked one at a time in reading-time
//! order, each against the ones before it (with their verdicts); equal times are ordered by event id, source,
//! readable before unreadable, and value, so shuffling the input changes no verdict.

use std::collections::{BTreeMap, VecDeque};

use super::order::{self, NONE};
use super::{judge, normalise, normalise_value, Neighbour, Policy, Reading, Reason, Status, Verdict};
use crate::units::{Unit, Value};

/// Readings given column by column (the bindings' columnar APIs), so a million readings need no million objects.
#[derive(Clone, Copy, Debug)]
pub struct Columns<'a> {
    /// The values, in `units`.
    pub values: &'a [f64],
    /// One unit for every value, or one unit name per value.
    pub units: UnitColumn<'a>,
    /// Reading times in unix milliseconds.
    pub times_ms: &'a [i64],
    /// Event ids, if any (same length as `values`).
    pub event_ids: Option<&'a [Option<&'a str>]>,
    /// Sources, if any (same length as `values`).
    pub sources: Option<&'a [Option<&'a str>]>,
}

/// The unit column of [`Columns`].
#[derive(Clone, Copy, Debug)]
pub enum UnitColumn<'a> {
    /// Every value has this unit.
    Same(&'a str),
    /// One unit name per value.
    Each(&'a [&'a str]),
}

/// Judges a whole history in one call: sorts by reading time and returns one verdict per input, in input order.
/// `duplicate_of` indexes into `readings`. O(n log n) time and O(n) memory for every input shape (all readings at
/// one time, crafted event ids included).
///
/// # Panics
///
/// With more than [`MAX_BATCH`] readings.
pub fn check_batch(readings: &[Reading], policy: &Policy) -> Vec<Verdict> {
    let mut values = Values::with_capacity(readings.len(), policy);
    for r in readings {
        values.push(normalise(r, policy));
    }
    judge_all(&ReadingsInput(readings), values, policy)
}

/// [`check_batch`] over columns. Returns `None` when the columns' lengths differ or hold more than [`MAX_BATCH`]
/// readings.
pub fn check_columns(columns: &Columns<'_>, policy: &Policy) -> Option<Vec<Verdict>> {
    let n = columns.values.len();
    if u32::try_from(n).is_err() {
        return None;
    }
    let same_len = |len: Option<usize>| len.is_none_or(|l| l == n);
    let unit_len = match columns.units {
        UnitColumn::Same(_) => None,
        UnitColumn::Each(u) => Some(u.len()),
    };
    if columns.times_ms.len() != n
        || !same_len(unit_len)
        || !same_len(columns.event_ids.map(<[_]>::len))
        || !same_len(columns.sources.map(<[_]>::len))
    {
        return None;
    }
    let mut values = Values::with_capacity(n, policy);
    match columns.units {
        UnitColumn::Same(name) => match Unit::parse(name) {
            Ok(unit) => {
                for &v in columns.values {
                    values.push(normalise_value(Value::Number(v), unit, policy));
                }
            }
            Err(_) => (0..n).for_each(|_| values.push(None)),
        },
        UnitColumn::Each(names) => {
            for (&v, name) in columns.values.iter().zip(names) {
                values.push(Unit::parse(name).ok().and_then(|unit| normalise_value(Value::Number(v), unit, policy)));
            }
        }
    }
    let input = ColumnsInput { times: columns.times_ms, event_ids: columns.event_ids, sources: columns.sources };
    Some(judge_all(&input, values, policy))
}

/// The most readings one batch call judges: readings are indexed with 32 bits inside (smaller records, fewer cache
/// misses). [`check_columns`] answers `None` beyond it; [`check_batch`] panics (such an input needs hundreds of
/// gigabytes of readings, more than any binding can pass).
pub const MAX_BATCH: usize = u32::MAX as usize;

/// "Unreadable" in [`Row::metres`] and "no capacity" in [`Values::capacities`].
const NO_VALUE: i64 = i64::MIN;

/// One reading while the batch runs, in input order, 16 bytes: the pass touches one such row per reading.
#[derive(Clone, Copy)]
struct Row {
    /// Whole metres, or [`NO_VALUE`].
    metres: i64,
    /// Before the pass: the reading this one duplicates (input index), or [`NONE`]. After it: the same for
    /// duplicates, the position of the allowed range in the side table for order failures, else [`NONE`].
    link: u32,
    /// What the verdict is: [`INVALID`], [`ACCEPT`], [`DUPLICATE`], or `VOID + r` for `Reason::ALL[r]`.
    kind: u8,
}

/// [`Row::kind`]s: void with reason `invalid_value` (the initial value), accept, duplicate; `VOID + r` is void
/// with reason `Reason::ALL[r]`.
const INVALID: u8 = 0;
const ACCEPT: u8 = 1;
const DUPLICATE: u8 = 2;
const VOID: u8 = 3;

/// The readings' normalised values, in input order.
struct Values {
    rows: Vec<Row>,
    /// Meter capacities in metres (or [`NO_VALUE`]); empty when the policy sets no meter digits (no capacity).
    capacities: Vec<i64>,
    with_capacities: bool,
}

impl Values {
    fn with_capacity(n: usize, policy: &Policy) -> Self {
        let with_capacities = policy.meter_digits.is_some();
        let capacities = if with_capacities { Vec::with_capacity(n) } else { Vec::new() };
        Values { rows: Vec::with_capacity(n), capacities, with_capacities }
    }

    fn push(&mut self, normalised: Option<(i64, Option<i64>)>) {
        let metres = normalised.map_or(NO_VALUE, |(m, _)| m);
        self.rows.push(Row { metres, link: NONE, kind: INVALID });
        if self.with_capacities {
            self.capacities.push(normalised.and_then(|(_, c)| c).unwrap_or(NO_VALUE));
        }
    }

    fn capacity(&self, i: usize) -> Option<i64> {
        self.capacities.get(i).copied().filter(|&c| c != NO_VALUE)
    }
}

/// What the batch reads of its input, by index.
trait Input<'a> {
    fn time(&self, i: usize) -> i64;
    fn event_id(&self, i: usize) -> Option<&'a str>;
    fn source(&self, i: usize) -> Option<&'a str>;
}

struct ReadingsInput<'a>(&'a [Reading]);

impl<'a> Input<'a> for ReadingsInput<'a> {
    fn time(&self, i: usize) -> i64 {
        self.0[i].reading_time_ms
    }
    fn event_id(&self, i: usize) -> Option<&'a str> {
        self.0[i].event_id.as_deref()
    }
    fn source(&self, i: usize) -> Option<&'a str> {
        self.0[i].source.as_deref()
    }
}

struct ColumnsInput<'a> {
    times: &'a [i64],
    event_ids: Option<&'a [Option<&'a str>]>,
    sources: Option<&'a [Option<&'a str>]>,
}

impl<'a> Input<'a> for ColumnsInput<'a> {
    fn time(&self, i: usize) -> i64 {
        self.times[i]
    }
    fn event_id(&self, i: usize) -> Option<&'a str> {
        self.event_ids.and_then(|e| e[i])
    }
    fn source(&self, i: usize) -> Option<&'a str> {
        self.sources.and_then(|s| s[i])
    }
}

/// The processing order (indices sorted by time, event id, source, unreadable last, metres, index) and the times
/// in that order; links each reading not linked yet to an earlier readable reading at the same time from the same
/// source, if there is one.
///
/// Times are radix-sorted; only runs of equal times are sorted again with the full key, and each such run once
/// more by source to find same-instant duplicates, so readings that all share one time are O(n log n) like any
/// other input.
#[inline(never)]
fn processing_order<'a>(input: &impl Input<'a>, rows: &mut [Row]) -> (Vec<u32>, Vec<i64>) {
    let n = rows.len();
    let (mut order, times) = order::by_time(n, |i| input.time(i));
    let mut keys: Vec<(Text<'_>, Text<'_>, bool, i64, u32)> = Vec::new();
    let mut by_source: Vec<(Text<'_>, u32)> = Vec::new();
    let mut start = 0;
    while start < n {
        let time = times[start];
        let end = start + times[start..].iter().take_while(|&&t| t == time).count();
        if end - start > 1 {
            // readable readings first: a good reading is never the duplicate of an unreadable one at that instant
            keys.clear();
            keys.extend(order[start..end].iter().map(|&i| {
                let m = rows[i as usize].metres;
                let (id, source) = (Text::of(input.event_id(i as usize)), Text::of(input.source(i as usize)));
                (id, source, m == NO_VALUE, m, i)
            }));
            keys.sort_unstable();
            for (slot, key) in order[start..end].iter_mut().zip(&keys) {
                *slot = key.4;
            }
            by_source.clear();
            by_source.extend((start..end).zip(&keys).map(|(k, key)| (key.1, k as u32)));
            by_source.sort_unstable();
            let mut first_readable: Option<(Text<'_>, u32)> = None;
            for &(source, k) in &by_source {
                let i = order[k as usize] as usize;
                if let Some((_, f)) = first_readable.filter(|(s, _)| *s == source) {
                    if rows[i].link == NONE {
                        rows[i].link = order[f as usize];
                    }
                } else if rows[i].metres != NO_VALUE {
                    first_readable = Some((source, k));
                }
            }
        }
        start = end;
    }
    (order, times)
}

/// An optional text ordered like `Option<&str>` (`None` first, then bytewise), compared by its first 16 bytes as
/// one integer before any byte-by-byte comparison: sorting a million ids that share a prefix (`evt-...`) stays a
/// sort of integers.
#[derive(Clone, Copy, Debug)]
struct Text<'a> {
    /// 0 for `None`; else 1 and the first 16 bytes, zero-padded, big-endian.
    prefix: (u8, u128),
    text: Option<&'a str>,
}

impl<'a> Text<'a> {
    fn of(text: Option<&'a str>) -> Self {
        let prefix = text.map_or((0, 0), |t| {
            let mut bytes = [0u8; 16];
            let n = t.len().min(16);
            bytes[..n].copy_from_slice(&t.as_bytes()[..n]);
            (1, u128::from_be_bytes(bytes))
        });
        Text { prefix, text }
    }
}

impl Ord for Text<'_> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        // Zero-padded prefixes order like the texts whenever they differ; equal ones need the texts.
        self.prefix.cmp(&other.prefix).then_with(|| self.text.cmp(&other.text))
    }
}

impl PartialOrd for Text<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Text<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.prefix == other.prefix && self.text == other.text
    }
}

impl Eq for Text<'_> {}

/// The single pass over the readings in processing order.
#[inline(never)]
fn judge_all<'a>(input: &impl Input<'a>, mut values: Values, policy: &Policy) -> Vec<Verdict> {
    let n = values.rows.len();
    assert!(u32::try_from(n).is_ok(), "a batch holds at most {MAX_BATCH} readings");
    {
        // The first of each event id in processing order: least by the rest of the processing key.
        let rows = &values.rows;
        let key = |i: u32| {
            let m = rows[i as usize].metres;
            (input.time(i as usize), input.source(i as usize), m == NO_VALUE, m, i)
        };
        let mut links: Vec<(u32, u32)> = Vec::new();
        order::link_ids(n, |i| input.event_id(i), key, |i, first| links.push((i, first)));
        for (i, first) in links {
            values.rows[i as usize].link = first;
        }
    }
    let (order, times) = processing_order(input, &mut values.rows);
    let mut ranges: Vec<(i64, Option<i64>)> = Vec::new();
    // The accepted readings at the current time: the lowest of them bounds the others from above.
    let mut group_time = i64::MIN;
    let mut group_next: Option<Neighbour> = None;
    let mut prev: Option<Neighbour> = None;
    // Legacy rule only: accepted readings by value, in time order, those older than the window dropped (times
    // only grow along the pass). A B-tree: keyed by caller values, it must not degrade on crafted ones.
    let mut accepted_by_metres: BTreeMap<i64, VecDeque<(i64, u32)>> = BTreeMap::new();
    let window_ms = policy.same_value_window_s.map(|w| w.saturating_mul(1000));

    // The rows in processing order, gathered by a loop of independent loads (the processor overlaps their cache
    // misses, which the pass, one dependent step after another, cannot), judged in place, then scattered back.
    let mut sorted: Vec<Row> = order.iter().map(|&i| values.rows[i as usize]).collect();
    for ((slot, &i), &time) in sorted.iter_mut().zip(&order).zip(&times) {
        if time != group_time {
            group_time = time;
            group_next = None;
        }
        let row = *slot;
        let m = row.metres;
        if m == NO_VALUE {
            continue; // void, invalid_value
        }
        let mut duplicate = (row.link != NONE).then_some(row.link);
        if let (None, Some(window_ms)) = (duplicate, window_ms) {
            let earliest = time.saturating_sub(window_ms);
            if let Some(list) = accepted_by_metres.get_mut(&m) {
                while list.front().is_some_and(|&(t, _)| t < earliest) {
                    list.pop_front();
                }
                duplicate = list.front().map(|&(_, j)| j);
            }
        }
        if let Some(j) = duplicate {
            *slot = Row { link: j, kind: DUPLICATE, ..row };
            continue;
        }
        let verdict = judge(m, time, prev, group_next, values.capacity(i as usize), policy);
        let done = match verdict.reason {
            None => {
                let here = Neighbour { metres: m, time };
                prev = Some(prev.map_or(here, |p| if (m, time) > (p.metres, p.time) { here } else { p }));
                group_next = Some(group_next.map_or(here, |g| if m < g.metres { here } else { g }));
                if window_ms.is_some() {
                    accepted_by_metres.entry(m).or_default().push_back((time, i));
                }
                Row { link: NONE, kind: ACCEPT, ..row }
            }
            Some(reason) => {
                let r = Reason::ALL.iter().position(|&x| x == reason).unwrap_or(0) as u8;
                let link = match verdict.allowed_range_m {
                    Some(range) => {
                        ranges.push(range);
                        (ranges.len() - 1) as u32 // at most n - 1 < NONE
                    }
                    None => NONE,
                };
                Row { link, kind: VOID + r, ..row }
            }
        };
        *slot = done;
    }
    for (row, &i) in sorted.into_iter().zip(&order) {
        values.rows[i as usize] = row;
    }
    values
        .rows
        .iter()
        .map(|row| match row.kind {
            INVALID => Verdict::new(Status::Void, Some(Reason::InvalidValue), None),
            ACCEPT => Verdict::new(Status::Accept, None, Some(row.metres)),
            DUPLICATE => Verdict::duplicate(row.metres, row.link as usize),
            kind => Verdict {
                allowed_range_m: ranges.get(row.link as usize).copied(),
                ..Verdict::new(Status::Void, Some(Reason::ALL[usize::from(kind - VOID)]), Some(row.metres))
            },
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::Text;

    proptest! {
        #[test]
        fn text_orders_like_option_str(a in proptest::option::of("[a\\x00-\\x02é]{0,20}"), b in proptest::option::of("[a\\x00-\\x02é]{0,20}")) {
            let (x, y) = (Text::of(a.as_deref()), Text::of(b.as_deref()));
            prop_assert_eq!(x.cmp(&y), a.as_deref().cmp(&b.as_deref()));
            prop_assert_eq!(x == y, a == b);
        }
    }
}
