//! Verdicts that cannot be forged: [`Checked`] holds a verdict together with the reading it was produced for, its
//! fields are private, and only [`check_checked`] / [`check_batch_checked`] make one. A meter entry is made from a
//! `Checked` alone, so a binding cannot be handed `{status: "accept", metres: N}` for a reading never checked.

use serde::{Deserialize, Serialize};

use super::{
    check, check_batch, entry, Ident, MeterEntry, OdometerError, Policy, Reading, Reason, Status, SyncKind, Verdict,
};
use crate::boundary::{snake_to_camel, Keys, Site, INVALID_ARGUMENT};

/// The `source_type` of a meter entry when none is given: `manual` (the app's enum has no `smartcar_sync` yet).
pub const DEFAULT_SOURCE_TYPE: &str = "manual";

/// A verdict fleetgate produced, with the reading it judged and the id of the reading it duplicates.
#[derive(Clone, Debug, PartialEq)]
pub struct Checked {
    verdict: Verdict,
    reading: Reading,
    duplicate_of: Option<Ident>,
}

/// The verdict's JSON shape, the same in every binding:
/// `{"status", "reason", "metres", "km", "allowed_range_m", "duplicate_of"}`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct VerdictView {
    /// `accept`, `duplicate` or `void`.
    pub status: Status,
    /// Why it is void, else `None`.
    pub reason: Option<Reason>,
    /// The reading in whole metres, when it could be read.
    pub metres: Option<i64>,
    /// The reading in km (metres / 1000), when it could be read.
    pub km: Option<f64>,
    /// For order failures, `[prev, next]` in metres (`next` `None` when unbounded).
    pub allowed_range_m: Option<(i64, Option<i64>)>,
    /// For duplicates, the id (else the event id) of the reading this one repeats.
    pub duplicate_of: Option<Ident>,
}

impl Checked {
    fn new(verdict: Verdict, reading: Reading, pool: &[Reading]) -> Self {
        let duplicate_of = verdict.duplicate_of.and_then(|i| pool.get(i)).and_then(Reading::ident);
        Checked { verdict, reading, duplicate_of }
    }

    /// The verdict.
    pub fn verdict(&self) -> &Verdict {
        &self.verdict
    }

    /// The reading it was produced for.
    pub fn reading(&self) -> &Reading {
        &self.reading
    }

    /// For duplicates, the id (else the event id) of the reading this one repeats.
    pub fn duplicate_of(&self) -> Option<&Ident> {
        self.duplicate_of.as_ref()
    }

    /// The verdict's shared JSON shape.
    pub fn view(&self) -> VerdictView {
        let v = &self.verdict;
        VerdictView {
            status: v.status,
            reason: v.reason,
            metres: v.metres,
            km: v.km(),
            allowed_range_m: v.allowed_range_m,
            duplicate_of: self.duplicate_of.clone(),
        }
    }

    /// Refuses `given` unless it is the reading this verdict was produced for (`invalid_argument`, argument
    /// `reading`).
    pub fn require_reading(&self, given: &Reading) -> Result<(), OdometerError> {
        if *given == self.reading {
            return Ok(());
        }
        let site = Site::coded("odometer", INVALID_ARGUMENT, "reading");
        Err(site.error("", "is not the reading this verdict was produced for").into())
    }

    /// The `meter_entries` row for this reading, or `None` unless the verdict is `accept` (duplicates and void
    /// readings are kept in the sync log by the caller, never stored as the current odometer). A missing `car_id`
    /// or `source_id` is `invalid_option` naming it in `keys`' spelling.
    pub fn meter_entry(&self, options: &MeterEntryOptions, keys: Keys) -> Result<Option<MeterEntry>, OdometerError> {
        let required = |id: &Option<Ident>, key: &'static str| {
            id.clone().ok_or_else(|| {
                let path = if keys == Keys::Camel { snake_to_camel(key) } else { key.to_owned() };
                OdometerError::from(Site::options("odometer").with_keys(keys).error(path, "is required"))
            })
        };
        let (car_id, source_id) = (required(&options.car_id, "car_id")?, required(&options.source_id, "source_id")?);
        Ok(entry::meter_entry(&self.verdict, &self.reading, car_id, source_id, &options.source_type, options.sync))
    }
}

impl Serialize for Checked {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.view().serialize(serializer)
    }
}

/// The options of a meter entry (`meter_entry(verdict, options)`): the app's ids, and how the row is labelled.
/// Defaults (here, in the core, for every binding): `source_type` [`DEFAULT_SOURCE_TYPE`] (`manual`), `sync`
/// [`SyncKind::Webhook`].
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MeterEntryOptions {
    /// The app's car id (required: [`Checked::meter_entry`] refuses `None` naming it).
    pub car_id: Option<Ident>,
    /// The `smartcar_vehicles` row id (required, like `car_id`).
    pub source_id: Option<Ident>,
    /// The app's `source_type` value (default [`DEFAULT_SOURCE_TYPE`]; `None` / `null` is the default).
    #[serde(deserialize_with = "source_type_or_default")]
    pub source_type: String,
    /// `webhook` (default: notes "Automatically synced from Smartcar") or `manual` ("Sync Now": "... (manual
    /// sync)"); `None` / `null` is the default.
    #[serde(deserialize_with = "crate::instant::null_default")]
    pub sync: SyncKind,
}

/// `source_type` as given, or [`DEFAULT_SOURCE_TYPE`] for `None` / `null`.
fn source_type_or_default<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    Ok(Option::<String>::deserialize(deserializer)?.unwrap_or_else(|| DEFAULT_SOURCE_TYPE.to_owned()))
}

impl Default for MeterEntryOptions {
    fn default() -> Self {
        MeterEntryOptions {
            car_id: None,
            source_id: None,
            source_type: DEFAULT_SOURCE_TYPE.to_owned(),
            sync: SyncKind::default(),
        }
    }
}

/// [`check`], keeping the reading with its verdict.
pub fn check_checked(history: &[Reading], candidate: Reading, policy: &Policy) -> Checked {
    let verdict = check(history, &candidate, policy);
    Checked::new(verdict, candidate, history)
}

/// [`check_batch`], keeping every reading with its verdict (in input order).
pub fn check_batch_checked(readings: Vec<Reading>, policy: &Policy) -> Vec<Checked> {
    let verdicts = check_batch(&readings, policy);
    let ids: Vec<Option<Ident>> =
        verdicts.iter().map(|v| v.duplicate_of.and_then(|i| readings.get(i)).and_then(Reading::ident)).collect();
    verdicts
        .into_iter()
        .zip(readings)
        .zip(ids)
        .map(|((verdict, reading), duplicate_of)| Checked { verdict, reading, duplicate_of })
        .collect()
}
