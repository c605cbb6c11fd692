//! The maintenance app's tables in SQLite: `smartcar_vehicles`, `meter_entries` (what the app shows) and
//! `odometer_readings` (every delivered reading with its verdict: the sync log, nothing lost).

use fleetgate::odometer::{Ident, MeterEntry, RawValue, Reading, Status, Verdict};
use rusqlite::{params, Connection, OptionalExtension};

/// The database of the example app.
pub struct Store {
    db: Connection,
}

/// A vehicle linked to Smartcar.
#[derive(Clone, Debug)]
pub struct Vehicle {
    /// The `smartcar_vehicles` row id (the meter entries' `source_id`).
    pub id: i64,
    /// The app's car id.
    pub car_id: i64,
}

/// A stored meter entry, as the demo prints it.
#[derive(Clone, Debug)]
pub struct EntryRow {
    /// The app's car id.
    pub car_id: i64,
    /// The odometer in km.
    pub km: f64,
    /// The reading time.
    pub entry_date: String,
    /// The Smartcar event id.
    pub event_id: Option<String>,
}

/// A sync-log row: a delivered reading and its verdict.
#[derive(Clone, Debug)]
pub struct LogRow {
    /// The Smartcar event id.
    pub event_id: Option<String>,
    /// The value as delivered.
    pub raw_value: String,
    /// The unit as delivered.
    pub raw_unit: Option<String>,
    /// accept, duplicate or void.
    pub status: String,
    /// Why it is void.
    pub reason: Option<String>,
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS smartcar_vehicles (
    id INTEGER PRIMARY KEY,
    smartcar_vehicle_id TEXT NOT NULL UNIQUE,
    car_id INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS meter_entries (
    id INTEGER PRIMARY KEY,
    car_id INTEGER NOT NULL,
    odometer_reading REAL NOT NULL,
    entry_date TEXT NOT NULL,
    source_type TEXT NOT NULL,
    source_id INTEGER NOT NULL,
    notes TEXT NOT NULL,
    metres INTEGER NOT NULL,
    raw_value TEXT NOT NULL,
    raw_unit TEXT,
    event_id TEXT,
    reading_time TEXT NOT NULL,
    received_time TEXT
);
CREATE TABLE IF NOT EXISTS odometer_readings (
    id INTEGER PRIMARY KEY,
    vehicle_id INTEGER NOT NULL REFERENCES smartcar_vehicles(id),
    raw_value TEXT NOT NULL,
    raw_unit TEXT,
    reading_time_ms INTEGER NOT NULL,
    received_time_ms INTEGER,
    event_id TEXT,
    source TEXT,
    status TEXT NOT NULL,
    reason TEXT,
    metres INTEGER
);
";

fn raw_text(value: &RawValue) -> String {
    match value {
        RawValue::Integer(n) | RawValue::Metres(n) => n.to_string(),
        RawValue::Number(n) => n.to_string(),
        RawValue::Text(s) => s.clone(),
    }
}

impl Store {
    /// Opens (or creates) the database at `path` (`:memory:` for a throwaway one).
    pub fn open(path: &str) -> rusqlite::Result<Self> {
        let db = Connection::open(path)?;
        db.execute_batch(SCHEMA)?;
        Ok(Store { db })
    }

    /// Links a Smartcar vehicle id to a car (idempotent); returns the link.
    pub fn link_vehicle(&self, smartcar_vehicle_id: &str, car_id: i64) -> rusqlite::Result<Vehicle> {
        self.db.execute(
            "INSERT INTO smartcar_vehicles (smartcar_vehicle_id, car_id) VALUES (?1, ?2)
             ON CONFLICT(smartcar_vehicle_id) DO UPDATE SET car_id = excluded.car_id",
            params![smartcar_vehicle_id, car_id],
        )?;
        self.vehicle(smartcar_vehicle_id).map(|v| v.expect("just linked"))
    }

    /// The linked vehicle, if any.
    pub fn vehicle(&self, smartcar_vehicle_id: &str) -> rusqlite::Result<Option<Vehicle>> {
        self.db
            .query_row(
                "SELECT id, car_id FROM smartcar_vehicles WHERE smartcar_vehicle_id = ?1",
                params![smartcar_vehicle_id],
                |row| Ok(Vehicle { id: row.get(0)?, car_id: row.get(1)? }),
            )
            .optional()
    }

    /// Every reading delivered for the vehicle so far, with the status it got (the history `check` needs).
    pub fn history(&self, vehicle: &Vehicle) -> rusqlite::Result<Vec<Reading>> {
        let mut stmt = self.db.prepare(
            "SELECT id, raw_value, raw_unit, reading_time_ms, received_time_ms, event_id, source, status
             FROM odometer_readings WHERE vehicle_id = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map(params![vehicle.id], |row| {
            let mut r = Reading::new(RawValue::Text(row.get(1)?), row.get(2)?, row.get(3)?);
            r.id = Some(Ident::Int(row.get(0)?));
            r.received_time_ms = row.get(4)?;
            r.event_id = row.get(5)?;
            r.source = row.get(6)?;
            r.status = Status::parse(&row.get::<_, String>(7)?);
            Ok(r)
        })?;
        rows.collect()
    }

    /// Records a delivered reading and its verdict in the sync log; returns its row id.
    pub fn log_reading(&self, vehicle: &Vehicle, reading: &Reading, verdict: &Verdict) -> rusqlite::Result<i64> {
        self.db.execute(
            "INSERT INTO odometer_readings (vehicle_id, raw_value, raw_unit, reading_time_ms, received_time_ms,
               event_id, source, status, reason, metres) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                vehicle.id,
                raw_text(&reading.value),
                reading.unit,
                reading.reading_time_ms,
                reading.received_time_ms,
                reading.event_id,
                reading.source,
                verdict.status.as_str(),
                verdict.reason.map(|r| r.code()),
                verdict.metres,
            ],
        )?;
        Ok(self.db.last_insert_rowid())
    }

    /// Inserts a meter entry; returns its row id.
    pub fn insert_entry(&self, e: &MeterEntry) -> rusqlite::Result<i64> {
        let id = |i: &Ident| match i {
            Ident::Int(n) => *n,
            Ident::Text(s) => s.parse().unwrap_or_default(),
        };
        self.db.execute(
            "INSERT INTO meter_entries (car_id, odometer_reading, entry_date, source_type, source_id, notes, metres,
               raw_value, raw_unit, event_id, reading_time, received_time)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            params![
                id(&e.car_id),
                e.odometer_reading,
                e.entry_date,
                e.source_type,
                id(&e.source_id),
                e.notes,
                e.metres,
                raw_text(&e.raw_value),
                e.raw_unit,
                e.event_id,
                e.reading_time,
                e.received_time,
            ],
        )?;
        Ok(self.db.last_insert_rowid())
    }

    /// The meter entries, oldest reading first.
    pub fn entries(&self) -> rusqlite::Result<Vec<EntryRow>> {
        let sql = "SELECT car_id, odometer_reading, entry_date, event_id FROM meter_entries ORDER BY entry_date";
        let mut stmt = self.db.prepare(sql)?;
        let rows = stmt.query_map([], |row| {
            Ok(EntryRow { car_id: row.get(0)?, km: row.get(1)?, entry_date: row.get(2)?, event_id: row.get(3)? })
        })?;
        rows.collect()
    }

    /// The sync log, in delivery order.
    pub fn log(&self) -> rusqlite::Result<Vec<LogRow>> {
        let sql = "SELECT event_id, raw_value, raw_unit, status, reason FROM odometer_readings ORDER BY id";
        let mut stmt = self.db.prepare(sql)?;
        let rows = stmt.query_map([], |row| {
            Ok(LogRow {
                event_id: row.get(0)?,
                raw_value: row.get(1)?,
                raw_unit: row.get(2)?,
                status: row.get(3)?,
                reason: row.get(4)?,
            })
        })?;
        rows.collect()
    }
}
