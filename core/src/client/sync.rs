//! "Sync Now": refresh if needed, read the odometer, judge it like a webhook delivery, build the rows to store.

use serde_json::{json, Value as Json};

use super::smartcar::{OdometerRead, SmartcarClient, Tokens, UnitSystem, Version};
use super::ClientError;
use crate::instant;
use crate::odometer::input::Naming;
use crate::odometer::time::to_rfc3339;
use crate::odometer::{check, meter_entry, Ident, MeterEntry, Policy, RawValue, Reading, SyncKind, Verdict};

/// The source of every reading read from Smartcar, by webhook or by sync: with the reading time (the car's
/// `oemUpdatedAt` / `SC-Data-Age`) it identifies a reading across both paths, so the second one is a duplicate.
pub const SOURCE: &str = crate::odometer::SMARTCAR_SOURCE;

/// A `smartcar_vehicles` row: what [`SmartcarClient::sync_vehicle`] needs. `Debug` shows neither token (see
/// [`Tokens`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Vehicle {
    /// The row id (the meter entry's `source_id`).
    pub id: Ident,
    /// Smartcar's vehicle id.
    pub smartcar_vehicle_id: String,
    /// The app's car id.
    pub car_id: Ident,
    /// The stored tokens and their expiry.
    pub tokens: Tokens,
}

/// (snake_case, camelCase) names of the vehicle fields.
const VEHICLE_KEYS: [(&str, &str); 6] = [
    ("id", "id"),
    ("smartcar_vehicle_id", "smartcarVehicleId"),
    ("car_id", "carId"),
    ("access_token", "accessToken"),
    ("refresh_token", "refreshToken"),
    ("expires_at", "expiresAt"),
];

impl Vehicle {
    /// Reads a vehicle from a JSON object with exactly the fields `id`, `smartcar_vehicle_id`, `car_id`,
    /// `access_token`, `refresh_token`, `expires_at` (unix seconds or RFC 3339), camelCase under
    /// [`Naming::Camel`]. Ids are integers or strings. Any mistake is `invalid_argument` naming the field (never
    /// its value).
    pub fn from_json(value: &Json, naming: Naming) -> Result<Vehicle, ClientError> {
        let object = value.as_object().ok_or_else(|| ClientError::invalid("vehicle", "must be an object"))?;
        let names: Vec<&str> =
            VEHICLE_KEYS.iter().map(|(s, c)| if naming == Naming::Snake { *s } else { *c }).collect();
        if let Some(unknown) = object.keys().find(|k| !names.contains(&k.as_str())) {
            return Err(ClientError::invalid(&format!("vehicle.{unknown}"), "is not a vehicle field"));
        }
        let get = |i: usize| (format!("vehicle.{}", names[i]), object.get(names[i]).unwrap_or(&Json::Null));
        let text = |i: usize| {
            let (field, v) = get(i);
            match v.as_str() {
                Some(s) if !s.is_empty() => Ok(s.to_owned()),
                _ => Err(ClientError::invalid(&field, "must be a non-empty string")),
            }
        };
        let ident = |i: usize| {
            let (field, v) = get(i);
            match v {
                Json::Number(n) if n.is_i64() => Ok(Ident::Int(n.as_i64().unwrap_or_default())),
                Json::String(s) if !s.is_empty() => Ok(Ident::Text(s.clone())),
                _ => Err(ClientError::invalid(&field, "must be an integer or a non-empty string")),
            }
        };
        let (field, expires) = get(5);
        let expires_at = instant::from_json(expires)
            .map_err(|_| ClientError::invalid(&field, "must be integer unix seconds or an RFC 3339 instant"))?;
        Ok(Vehicle {
            id: ident(0)?,
            smartcar_vehicle_id: text(1)?,
            car_id: ident(2)?,
            tokens: Tokens { access_token: text(3)?, refresh_token: text(4)?, expires_at },
        })
    }
}

/// How a sync reads and records.
#[derive(Clone, Debug, PartialEq)]
pub struct SyncOptions {
    /// The odometer checks' thresholds.
    pub policy: Policy,
    /// The meter entry's `source_type` (default [`crate::odometer::DEFAULT_SOURCE_TYPE`], `manual`: the app's enum
    /// has no `smartcar_sync` yet).
    pub source_type: String,
    /// The unit system requested from Smartcar (v2).
    pub unit_system: UnitSystem,
    /// The API version of the odometer read.
    pub version: Version,
}

impl Default for SyncOptions {
    fn default() -> Self {
        SyncOptions {
            policy: Policy::default(),
            source_type: crate::odometer::DEFAULT_SOURCE_TYPE.to_owned(),
            unit_system: UnitSystem::Metric,
            version: Version::V2,
        }
    }
}

/// What a sync produced. [`SyncOutcome::to_json`] is its shape in every binding.
#[derive(Clone, Debug, PartialEq)]
pub struct SyncOutcome {
    /// The odometer check's verdict on the reading.
    pub verdict: Verdict,
    /// The id (else event id) of the history entry a duplicate repeats.
    pub duplicate_of: Option<Ident>,
    /// The reading as it was judged (source `smartcar`, the car's reading time, received at `now`).
    pub reading: Reading,
    /// The row to insert, for an accepted reading.
    pub meter_entry: Option<MeterEntry>,
    /// The tokens to store (new ones when `refreshed`).
    pub tokens: Tokens,
    /// Whether the tokens were refreshed.
    pub refreshed: bool,
    /// The vehicle synced (with its stored tokens).
    pub vehicle: Vehicle,
    /// When the sync ran, unix seconds.
    pub synced_at: i64,
}

impl Tokens {
    /// `{access_token, refresh_token, expires_at}`: what the caller stores (the tokens are secrets).
    pub fn to_json(&self) -> Json {
        json!({
            "access_token": self.access_token,
            "refresh_token": self.refresh_token,
            "expires_at": self.expires_at,
        })
    }
}

impl OdometerRead {
    /// `{value, unit, metres, reading_time}`: the value exactly as returned (a decimal string), the unit, whole
    /// metres (`null` when unusable) and the reading time as RFC 3339 UTC.
    pub fn to_json(&self) -> Json {
        json!({
            "value": self.value,
            "unit": self.unit,
            "metres": self.metres,
            "reading_time": to_rfc3339(self.reading_time_ms),
        })
    }
}

impl SyncOutcome {
    /// `{verdict, meter_entry, tokens, sync_log}`: `verdict` as `odometer.check` gives it, `meter_entry` the row
    /// to insert or `null`, `tokens` `{access_token, refresh_token, expires_at, refreshed}`, and `sync_log` a
    /// record of the sync without secrets (`vehicle_id`, `smartcar_vehicle_id`, `car_id`, `sync`, `status`,
    /// `reason`, `metres`, `raw_value`, `raw_unit`, `reading_time`, `synced_at`, `token_refreshed`,
    /// `duplicate_of`).
    pub fn to_json(&self) -> Json {
        let mut tokens = self.tokens.to_json();
        tokens["refreshed"] = json!(self.refreshed);
        let log = json!({
            "vehicle_id": self.vehicle.id.to_json(),
            "smartcar_vehicle_id": self.vehicle.smartcar_vehicle_id,
            "car_id": &self.vehicle.car_id.to_json(),
            "sync": "manual",
            "status": self.verdict.status.as_str(),
            "reason": self.verdict.reason.map(|r| r.code()),
            "metres": self.verdict.metres,
            "raw_value": self.reading.value.to_json(),
            "raw_unit": self.reading.unit,
            "reading_time": to_rfc3339(self.reading.reading_time_ms),
            "synced_at": instant::format(self.synced_at),
            "token_refreshed": self.refreshed,
            "duplicate_of": self.duplicate_of.as_ref().map(Ident::to_json),
        });
        json!({
            "verdict": self.verdict.to_json(self.duplicate_of.as_ref()),
            "meter_entry": self.meter_entry.as_ref().map(MeterEntry::to_json),
            "tokens": tokens,
            "sync_log": log,
        })
    }
}

/// The reading a read becomes: source `smartcar`, the value exactly as returned, the car's reading time.
pub fn reading_of(read: &OdometerRead, received_at: i64) -> Reading {
    let mut reading = Reading::new(RawValue::Text(read.value.clone()), Some(read.unit.clone()), read.reading_time_ms);
    reading.source = Some(SOURCE.to_owned());
    reading.received_time_ms = received_at.checked_mul(1000);
    reading
}

impl SmartcarClient {
    /// "Sync Now" for `vehicle` at `now` (unix seconds): refreshes its tokens if they expire within
    /// [`super::REFRESH_AHEAD_S`], reads the odometer (after a 401 on tokens that were not refreshed, it refreshes
    /// them once and reads once more: never more than one refresh and one retry per sync, and a second 401 is the
    /// error; the refreshed tokens are in the outcome, `refreshed` set, and kept by this client like every
    /// refresh), judges the reading against `history` with
    /// [`crate::odometer::check`] and builds the meter entry (sync kind `manual`). The reading has source
    /// [`SOURCE`] and the car's reading time, like a webhook delivery's, so whichever path comes second is a
    /// `duplicate`.
    pub fn sync_vehicle(
        &self,
        vehicle: &Vehicle,
        history: &[Reading],
        options: &SyncOptions,
        now: i64,
    ) -> Result<SyncOutcome, ClientError> {
        let mut refreshed = vehicle.tokens.needs_refresh(now);
        let mut tokens =
            if refreshed { self.refresh_token(&vehicle.tokens.refresh_token, now)? } else { vehicle.tokens.clone() };
        let read_with = |access_token: &str| {
            self.odometer(&vehicle.smartcar_vehicle_id, access_token, options.unit_system, options.version)
        };
        let read = match read_with(&tokens.access_token) {
            // A 401 on a token that had not expired (revoked, or the clock and Smartcar disagree): refresh once and
            // retry once. A second 401 is the error; a refresh that hands back the refused token is not retried.
            Err(refused @ ClientError::Unauthorized { status: 401, .. }) if !refreshed => {
                let fresh = self.refresh_token(&vehicle.tokens.refresh_token, now)?;
                if fresh.access_token == tokens.access_token {
                    return Err(refused);
                }
                (tokens, refreshed) = (fresh, true);
                read_with(&tokens.access_token)?
            }
            other => other?,
        };
        let reading = reading_of(&read, now);
        let verdict = check(history, &reading, &options.policy);
        let duplicate_of = verdict.duplicate_of.and_then(|i| history.get(i)).and_then(Reading::ident);
        let entry = meter_entry(
            &verdict,
            &reading,
            vehicle.car_id.clone(),
            vehicle.id.clone(),
            &options.source_type,
            SyncKind::Manual,
        );
        Ok(SyncOutcome {
            verdict,
            duplicate_of,
            reading,
            meter_entry: entry,
            tokens,
            refreshed,
            vehicle: vehicle.clone(),
            synced_at: now,
        })
    }
}
