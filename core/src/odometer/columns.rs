//! The columnar API's input (`check_batch_columns`): plain arrays in, with the same checks in every binding.

use std::fmt;

use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::Deserialize;

use super::input::{keyed_path, reading_site};
use super::{check_columns, Columns, OdometerError, Policy, Reason, Status, TimeInput, UnitColumn, Verdict};
use crate::boundary::{self, snake_to_camel, Host, Keys, Site, Value};

/// The unit column: one unit name for every value, or one per value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UnitsInput {
    /// Every value has this unit.
    One(String),
    /// One unit name per value.
    Each(Vec<String>),
}

impl<'de> Deserialize<'de> for UnitsInput {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = UnitsInput;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a unit name or a list of unit names")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<UnitsInput, E> {
                Ok(UnitsInput::One(v.to_owned()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<UnitsInput, A::Error> {
                let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1 << 20));
                while let Some(name) = seq.next_element::<String>()? {
                    out.push(name);
                }
                Ok(UnitsInput::Each(out))
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// Readings column by column, as the bindings received them (times in unix seconds).
#[derive(Clone, Copy, Debug)]
pub struct ColumnsInput<'a> {
    /// The values, in `units`.
    pub values: &'a [f64],
    /// The unit column.
    pub units: &'a UnitsInput,
    /// Reading times in unix seconds (to the millisecond).
    pub times: &'a [f64],
    /// Event ids, if any (same length as `values`).
    pub event_ids: Option<&'a [Option<String>]>,
    /// Sources, if any (same length as `values`).
    pub sources: Option<&'a [Option<String>]>,
}

/// `check_batch` over columns: every column must have the length of `values` (else `invalid_reading` naming the
/// column in `details.path`), every time must be readable (else `invalid_time` at `times[i]`). Verdicts in input
/// order; `duplicate_of` indexes into the columns.
pub fn check_columns_input(
    columns: &ColumnsInput<'_>,
    policy: &Policy,
    keys: Keys,
) -> Result<Vec<Verdict>, OdometerError> {
    let site = reading_site("columns").with_keys(keys);
    let name = |key: &str| match keys {
        Keys::Snake => key.to_owned(),
        Keys::Camel => snake_to_camel(key),
    };
    let n = columns.values.len();
    let lengths = [
        ("times", Some(columns.times.len())),
        ("units", if let UnitsInput::Each(u) = columns.units { Some(u.len()) } else { None }),
        ("event_ids", columns.event_ids.map(<[_]>::len)),
        ("sources", columns.sources.map(<[_]>::len)),
    ];
    for (key, len) in lengths {
        if let Some(len) = len.filter(|&len| len != n) {
            let problem = format!("has {len} items, values has {n}: every column must have the same length");
            return Err(site.error(name(key), problem).into());
        }
    }
    let times_ms = columns
        .times
        .iter()
        .enumerate()
        .map(|(i, &t)| {
            TimeInput::FractionalSeconds(t).to_millis().map_err(|e| e.at("columns", format!("{}[{i}]", name("times"))))
        })
        .collect::<Result<Vec<i64>, _>>()?;
    let unit_refs: Vec<&str>;
    let units = match columns.units {
        UnitsInput::One(u) => UnitColumn::Same(u),
        UnitsInput::Each(each) => {
            unit_refs = each.iter().map(String::as_str).collect();
            UnitColumn::Each(&unit_refs)
        }
    };
    let (event_ids, sources) = (as_refs(columns.event_ids), as_refs(columns.sources));
    let cols = Columns {
        values: columns.values,
        units,
        times_ms: &times_ms,
        event_ids: event_ids.as_deref(),
        sources: sources.as_deref(),
    };
    // The lengths were checked above, so the core always answers.
    Ok(check_columns(&cols, policy).unwrap_or_default())
}

fn as_refs(column: Option<&[Option<String>]>) -> Option<Vec<Option<&str>>> {
    column.map(|c| c.iter().map(Option::as_deref).collect())
}

/// The fields of a columns object (`checkBatchColumns({values, units, times, eventIds, sources})` in
/// JavaScript). `values` and `times` are absent here when the binding read them as typed arrays.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ColumnsFields {
    /// The values, when given as a plain array.
    pub values: Option<Vec<f64>>,
    /// The unit column (required).
    pub units: Option<UnitsInput>,
    /// The reading times in unix seconds, when given as a plain array.
    pub times: Option<Vec<f64>>,
    /// Event ids, if any.
    pub event_ids: Option<Vec<Option<String>>>,
    /// Sources, if any.
    pub sources: Option<Vec<Option<String>>>,
}

impl ColumnsFields {
    /// Checks that the required columns are there (`invalid_reading` naming the first missing one, in `keys`'
    /// spelling); `values` and `times` may come from elsewhere (typed arrays).
    pub fn require(&self, keys: Keys, has_values: bool, has_times: bool) -> Result<(), OdometerError> {
        let site = reading_site("columns").with_keys(keys);
        let missing = [
            ("values", has_values || self.values.is_some()),
            ("units", self.units.is_some()),
            ("times", has_times || self.times.is_some()),
        ];
        match missing.iter().find(|(_, there)| !there) {
            Some((key, _)) => Err(site.error(*key, "is required").into()),
            None => Ok(()),
        }
    }
}

/// The columns as [`ColumnsParts::finish`] gives them: the decoded fields, then `values` and `times` when they came
/// as the host's float arrays.
pub type DecodedColumns = (ColumnsFields, Option<Vec<f64>>, Option<Vec<f64>>);

/// The columns argument as a binding reads it, entry by entry: `values` and `times` as the host's own float
/// arrays when they are (`Float64Array`), every other entry walked through the boundary, then decoded once.
pub struct ColumnsParts {
    site: Site,
    values: Option<Vec<f64>>,
    times: Option<Vec<f64>>,
    rest: Vec<(String, Value)>,
}

impl ColumnsParts {
    /// No entry yet; keys and paths in `keys`' spelling.
    pub fn new(keys: Keys) -> Self {
        ColumnsParts { site: reading_site("columns").with_keys(keys), values: None, times: None, rest: Vec::new() }
    }

    /// Takes the entry `key`: `float_array` reads `item` as the host's float array (asked only for `values` and
    /// `times`; `None` when it is not one), else `item` is walked (an error's path starts at `key`).
    pub fn entry<H: Host>(
        &mut self,
        key: String,
        item: &H,
        float_array: impl FnOnce(&H) -> Option<Vec<f64>>,
    ) -> Result<(), OdometerError> {
        let typed = match key.as_str() {
            "values" | "times" => float_array(item),
            _ => None,
        };
        match (key.as_str(), typed) {
            ("values", Some(array)) => self.values = Some(array),
            ("times", Some(array)) => self.times = Some(array),
            _ => {
                let walked = boundary::walk(item, &self.site).map_err(|mut e| {
                    e.path = keyed_path(&key, &e.path);
                    e
                })?;
                self.rest.push((key, walked));
            }
        }
        Ok(())
    }

    /// The decoded fields and the float arrays taken as they were; a missing column is `invalid_reading`.
    pub fn finish(self) -> Result<DecodedColumns, OdometerError> {
        let fields: ColumnsFields = boundary::decode(Value::Map(self.rest), &self.site)?;
        fields.require(self.site.keys, self.values.is_some(), self.times.is_some())?;
        Ok((fields, self.values, self.times))
    }
}

/// The statuses the columnar verdicts index (`status` column): `["accept", "duplicate", "void"]`.
pub const STATUS_CODES: [&str; 3] = [Status::Accept.as_str(), Status::Duplicate.as_str(), Status::Void.as_str()];

/// The void reasons the columnar verdicts index (`reason` column): index 0, the empty string, is no reason; then
/// [`Reason::ALL`] in order.
pub const REASON_CODES: [&str; 6] = [
    "",
    Reason::ALL[0].code(),
    Reason::ALL[1].code(),
    Reason::ALL[2].code(),
    Reason::ALL[3].code(),
    Reason::ALL[4].code(),
];

const _: () = assert!(Reason::ALL.len() + 1 == REASON_CODES.len());

/// `duplicate_of` in the columnar verdicts of a reading that duplicates none (an index is never negative).
pub const NOT_A_DUPLICATE: i32 = -1;

impl Verdict {
    /// The verdict's status as its index in [`STATUS_CODES`].
    pub fn status_index(&self) -> u8 {
        STATUS_CODES.iter().position(|s| *s == self.status.as_str()).map_or(0, |i| i as u8)
    }

    /// The verdict's reason as its index in [`REASON_CODES`] (0: none).
    pub fn reason_index(&self) -> u8 {
        self.reason.and_then(|r| Reason::ALL.iter().position(|x| *x == r)).map_or(0, |i| i as u8 + 1)
    }

    /// The repeated reading's index for the columnar verdicts, or [`NOT_A_DUPLICATE`].
    pub fn duplicate_index(&self) -> i32 {
        self.duplicate_of.and_then(|i| i32::try_from(i).ok()).unwrap_or(NOT_A_DUPLICATE)
    }
}
