//! Whole-history validation: one sort by reading time, one pass, a verdict per input in input order.
//!
//! The result is exactly what [`super::check`] gives when the readings are checked one at a time in reading-time
//! order, each against the ones before it (with their verdicts); equal times are ordered by event id, source,
//! readable before unreadable, and value, so shuffling the input changes no verdict.

use std::collections::hash_map::Entry as Slot;
use std::collections::HashMap;

use rustc_hash::FxHashMap;

use super::{judge, normalise, normalise_value, Neighbour, Policy, Reading, Reason, Status, Verdict};
use crate::units::{Unit, Value};

/// What the pass needs of one reading.
#[derive(Clone, Copy, Debug)]
struct Entry<'a> {
    /// Whole metres and the meter capacity, or `None` for an unusable value.
    normalised: Option<(i64, Option<i64>)>,
    time: i64,
    event_id: Option<&'a str>,
    source: Option<&'a str>,
}

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

/// Judges a whole history in one call: sorts by reading time (O(n log n)) and returns one verdict per input, in
/// input order. `duplicate_of` indexes into `readings`.
pub fn check_batch(readings: &[Reading], policy: &Policy) -> Vec<Verdict> {
    let entries: Vec<Entry<'_>> = readings
        .iter()
        .map(|r| Entry {
            normalised: normalise(r, policy),
            time: r.reading_time_ms,
            event_id: r.event_id.as_deref(),
            source: r.source.as_deref(),
        })
        .collect();
    judge_all(&entries, policy)
}

/// [`check_batch`] over columns. Returns `None` when the columns' lengths differ.
pub fn check_columns(columns: &Columns<'_>, policy: &Policy) -> Option<Vec<Verdict>> {
    let n = columns.values.len();
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
    let same_unit = match columns.units {
        UnitColumn::Same(u) => Some(Unit::parse(u).ok()),
        UnitColumn::Each(_) => None,
    };
    let entries: Vec<Entry<'_>> = (0..n)
        .map(|i| {
            let unit = match (same_unit, columns.units) {
                (Some(u), _) => u,
                (None, UnitColumn::Each(names)) => Unit::parse(names[i]).ok(),
                (None, UnitColumn::Same(_)) => None,
            };
            Entry {
                normalised: unit.and_then(|u| normalise_value(Value::Number(columns.values[i]), u, policy)),
                time: columns.times_ms[i],
                event_id: columns.event_ids.and_then(|e| e[i]),
                source: columns.sources.and_then(|s| s[i]),
            }
        })
        .collect();
    Some(judge_all(&entries, policy))
}

/// Indices of `entries` sorted by (time, event id, source, unreadable last, metres, index). Sorting compact (time, index) keys first
/// keeps the sort cache-friendly; only runs of equal times are re-sorted with the full key.
fn processing_order(entries: &[Entry<'_>]) -> Vec<usize> {
    let mut keys: Vec<(i64, usize)> = entries.iter().enumerate().map(|(i, e)| (e.time, i)).collect();
    keys.sort_unstable();
    let mut order: Vec<usize> = keys.into_iter().map(|(_, i)| i).collect();
    let full_key = |i: usize| {
        let e = &entries[i];
        // readable readings first: a good reading is never the duplicate of an unreadable one at the same instant
        (e.event_id, e.source, e.normalised.is_none(), e.normalised.map(|n| n.0), i)
    };
    let mut start = 0;
    while start < order.len() {
        let time = entries[order[start]].time;
        let end = start + order[start..].iter().take_while(|&&i| entries[i].time == time).count();
        if end - start > 1 {
            order[start..end].sort_unstable_by_key(|&i| full_key(i));
        }
        start = end;
    }
    order
}

/// The single pass over entries sorted by (time, event id, source, metres).
fn judge_all(entries: &[Entry<'_>], policy: &Policy) -> Vec<Verdict> {
    let order = processing_order(entries);
    let mut verdicts = vec![Verdict::new(Status::Void, Some(Reason::InvalidValue), None); entries.len()];
    let mut events = EventIndex::new(entries);
    // Readings at the current time (any verdict), and the accepted ones among them.
    let mut group_time = i64::MIN;
    let mut group: Vec<usize> = Vec::new();
    let mut group_next: Option<Neighbour> = None;
    let mut prev: Option<Neighbour> = None;
    // Legacy rule only: accepted readings by value, in time order.
    let mut accepted_by_metres: HashMap<i64, Vec<(i64, usize)>> = HashMap::new();

    for &i in &order {
        let entry = &entries[i];
        if entry.time != group_time {
            group_time = entry.time;
            group.clear();
            group_next = None;
        }
        let first_with_event = events.first_or_insert(entries, i);
        let verdict =
            judge_entry(entry, entries, &group, first_with_event, &accepted_by_metres, prev, group_next, policy);
        group.push(i);
        if let (Status::Accept, Some(metres)) = (verdict.status, verdict.metres) {
            let here = Neighbour { metres, time: entry.time };
            prev = Some(prev.map_or(here, |p| if (metres, entry.time) > (p.metres, p.time) { here } else { p }));
            group_next = Some(group_next.map_or(here, |n| if metres < n.metres { here } else { n }));
            if policy.same_value_window_s.is_some() {
                accepted_by_metres.entry(metres).or_default().push((entry.time, i));
            }
        }
        verdicts[i] = verdict;
    }
    verdicts
}

/// The first reading (in processing order) of every event id.
///
/// Ids are hashed once, in input order, where their text lies sequentially in memory; the pass in time order then
/// probes a map of 64-bit hashes and compares text only when a hash is already there (a duplicate, or a collision,
/// which goes to a map keyed by the text itself). FxHash is fast for short ids; the maps live for one call, so hash
/// flooding buys an attacker nothing lasting.
struct EventIndex<'a> {
    hashes: Vec<u64>,
    first_by_hash: FxHashMap<u64, usize>,
    collided: FxHashMap<&'a str, usize>,
}

impl<'a> EventIndex<'a> {
    fn new(entries: &[Entry<'a>]) -> Self {
        let hasher = rustc_hash::FxBuildHasher;
        let hashes: Vec<u64> =
            entries.iter().map(|e| e.event_id.map_or(0, |id| std::hash::BuildHasher::hash_one(&hasher, id))).collect();
        let mut first_by_hash = FxHashMap::default();
        first_by_hash.reserve(entries.iter().filter(|e| e.event_id.is_some()).count());
        EventIndex { hashes, first_by_hash, collided: FxHashMap::default() }
    }

    /// The first reading with entry `i`'s event id, or `None` when `i` is the first (it becomes the first).
    fn first_or_insert(&mut self, entries: &[Entry<'a>], i: usize) -> Option<usize> {
        let id = entries[i].event_id?;
        match self.first_by_hash.entry(self.hashes[i]) {
            Slot::Vacant(slot) => {
                slot.insert(i);
                None
            }
            Slot::Occupied(first) if entries[*first.get()].event_id == Some(id) => Some(*first.get()),
            Slot::Occupied(_) => match self.collided.entry(id) {
                Slot::Occupied(first) => Some(*first.get()),
                Slot::Vacant(slot) => {
                    slot.insert(i);
                    None
                }
            },
        }
    }
}

/// Rules 2 to 6 for one entry, given what the pass has seen so far (all of it at or before this entry's time).
#[allow(clippy::too_many_arguments)]
fn judge_entry(
    entry: &Entry<'_>,
    entries: &[Entry<'_>],
    group: &[usize],
    first_with_event: Option<usize>,
    accepted_by_metres: &HashMap<i64, Vec<(i64, usize)>>,
    prev: Option<Neighbour>,
    group_next: Option<Neighbour>,
    policy: &Policy,
) -> Verdict {
    let Some((metres, capacity)) = entry.normalised else {
        return Verdict::new(Status::Void, Some(Reason::InvalidValue), None);
    };
    if let Some(first) = first_with_event {
        return Verdict::duplicate(metres, first);
    }
    if let Some(&same) = group.iter().find(|&&j| entries[j].source == entry.source && entries[j].normalised.is_some()) {
        return Verdict::duplicate(metres, same);
    }
    if let Some(window) = policy.same_value_window_s {
        let earliest = entry.time - window * 1000;
        if let Some(list) = accepted_by_metres.get(&metres) {
            let first_in_window = list.partition_point(|&(t, _)| t < earliest);
            if let Some(&(_, j)) = list.get(first_in_window) {
                return Verdict::duplicate(metres, j);
            }
        }
    }
    judge(metres, entry.time, prev, group_next, capacity, policy)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str) -> Entry<'_> {
        Entry { normalised: Some((1, None)), time: 0, event_id: Some(id), source: None }
    }

    #[test]
    fn colliding_hashes_still_tell_ids_apart() {
        let entries = [entry("a"), entry("b"), entry("a"), entry("b"), entry("c")];
        let mut index = EventIndex::new(&entries);
        index.hashes = vec![7; entries.len()]; // every id collides
        let firsts: Vec<Option<usize>> = (0..entries.len()).map(|i| index.first_or_insert(&entries, i)).collect();
        assert_eq!(firsts, [None, None, Some(0), Some(1), None]);
    }
}
