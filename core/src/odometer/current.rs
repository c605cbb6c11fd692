//! The current odometer of a vehicle: the newest accepted reading of its history, decided by [`check_batch`] (the
//! same verdicts a backfill gets), never by a rule of its own.

use serde::Serialize;

use super::time::to_rfc3339;
use super::{check_batch, Ident, Policy, Reading, Status};

/// The current odometer (`odometer.current(history)`): which history entry it is and its value. Its JSON shape,
/// the same in every binding, is `{"index", "id", "metres", "km", "reading_time"}`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CurrentOdometer {
    /// The entry's position in the history given.
    pub index: usize,
    /// The entry's `id`, else its `event_id` (like a verdict's `duplicate_of`); `None` when it has neither.
    pub id: Option<Ident>,
    /// The reading in whole metres.
    pub metres: i64,
    /// The reading in kilometres (metres / 1000).
    pub km: f64,
    /// When the car recorded it, RFC 3339 UTC.
    pub reading_time: String,
}

/// The newest accepted reading of `history` (any order), or `None` when no entry is accepted (an empty history
/// included). Precisely:
///
/// 1. entries whose `status` is `void` or `duplicate` are left out (rule 3: they never bound a check, so they are
///    never the current value);
/// 2. the others are judged together by [`check_batch`] under `policy`, as a backfill is: in reading-time order,
///    each against the ones before it, so an out-of-sequence, too fast, unit-swapped, rolled-over, unreadable or
///    duplicated entry is not accepted and cannot be current;
/// 3. of the accepted ones, the one with the latest reading time; at the same reading time, the highest metres
///    (the one a next reading is checked against); then the first in history order.
pub fn current(history: &[Reading], policy: &Policy) -> Option<CurrentOdometer> {
    let counted: Vec<usize> =
        (0..history.len()).filter(|&i| matches!(history[i].status, None | Some(Status::Accept))).collect();
    let judged: Vec<Reading> = counted.iter().map(|&i| history[i].clone()).collect();
    let verdicts = check_batch(&judged, policy);
    let (index, metres) = counted
        .iter()
        .zip(&verdicts)
        .filter(|(_, v)| v.status == Status::Accept)
        .filter_map(|(&i, v)| Some((i, v.metres?)))
        .max_by_key(|&(i, metres)| (history[i].reading_time_ms, metres, std::cmp::Reverse(i)))?;
    let reading = &history[index];
    Some(CurrentOdometer {
        index,
        id: reading.ident(),
        metres,
        km: metres as f64 / 1000.0,
        reading_time: to_rfc3339(reading.reading_time_ms),
    })
}
