//! The `meter_entries` row the maintenance app stores for an accepted reading.

use super::time::to_rfc3339;
use super::{Ident, RawValue, Reading, Status, Verdict};

/// How the reading reached the app; it decides the row's `notes`. Given as `webhook` (the default) or `manual`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SyncKind {
    /// A Smartcar webhook delivery: "Automatically synced from Smartcar".
    #[default]
    Webhook,
    /// A "Sync Now" press: "Automatically synced from Smartcar (manual sync)".
    Manual,
}

impl SyncKind {
    /// Parses `webhook` or `manual`.
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "webhook" => Some(SyncKind::Webhook),
            "manual" => Some(SyncKind::Manual),
            _ => None,
        }
    }

    /// The `notes` text for rows synced this way.
    pub const fn notes(self) -> &'static str {
        match self {
            SyncKind::Webhook => "Automatically synced from Smartcar",
            SyncKind::Manual => "Automatically synced from Smartcar (manual sync)",
        }
    }
}

/// A `meter_entries` row, plus fleetgate's provenance fields. Its JSON shape (the same in every binding) uses the
/// `meter_entries` column names.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct MeterEntry {
    /// The app's car id.
    pub car_id: Ident,
    /// The reading in kilometres (`odometer_reading` column): exact metres / 1000.
    pub odometer_reading: f64,
    /// The reading time, RFC 3339 UTC (`entry_date` column).
    pub entry_date: String,
    /// The app's source type (default [`super::DEFAULT_SOURCE_TYPE`]: its enum has no `smartcar_sync` yet).
    pub source_type: String,
    /// The smartcar_vehicles row id.
    pub source_id: Ident,
    /// "Automatically synced from Smartcar", or "... (manual sync)".
    pub notes: String,
    /// Provenance: the reading in whole metres.
    pub metres: i64,
    /// Provenance: the value exactly as delivered.
    pub raw_value: RawValue,
    /// Provenance: the unit exactly as delivered.
    pub raw_unit: Option<String>,
    /// Provenance: the source event id.
    pub event_id: Option<String>,
    /// Provenance: the reading time, RFC 3339 UTC.
    pub reading_time: String,
    /// Provenance: when the reading reached the app, RFC 3339 UTC.
    pub received_time: Option<String>,
}

/// The row to insert for `reading`, or `None` unless its verdict is `accept` (duplicates and void readings are kept
/// in the sync log by the caller, never stored as the current odometer).
pub fn meter_entry(
    verdict: &Verdict,
    reading: &Reading,
    car_id: Ident,
    source_id: Ident,
    source_type: &str,
    sync: SyncKind,
) -> Option<MeterEntry> {
    let metres = match (verdict.status, verdict.metres) {
        (Status::Accept, Some(m)) => m,
        _ => return None,
    };
    let entry_date = to_rfc3339(reading.reading_time_ms);
    Some(MeterEntry {
        car_id,
        odometer_reading: metres as f64 / 1000.0,
        reading_time: entry_date.clone(),
        entry_date,
        source_type: source_type.to_owned(),
        source_id,
        notes: sync.notes().to_owned(),
        metres,
        raw_value: reading.value.clone(),
        raw_unit: reading.unit.clone(),
        event_id: reading.event_id.clone(),
        received_time: reading.received_time_ms.map(to_rfc3339),
    })
}
