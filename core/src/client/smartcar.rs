//! The Smartcar client: token refresh and odometer reads.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex};

use chrono::DateTime;
use serde::Deserialize;
use serde_json::value::RawValue;

use super::http::{scrub, Call, Http, HttpConfig, Reply};
use super::ClientError;
use crate::units;
use crate::webhook::hmac_sha256_hex;

/// Tokens are refreshed when they expire within this many seconds (so a request never starts with a token about
/// to lapse).
pub const REFRESH_AHEAD_S: i64 = 300;

/// An access token, its refresh token and when the access token expires. `Debug` shows neither token.
#[derive(Clone, PartialEq, Eq)]
pub struct Tokens {
    /// The bearer token for API calls (lives 2 hours at Smartcar).
    pub access_token: String,
    /// The token to get the next pair (Smartcar replaces it on every refresh; store the new one).
    pub refresh_token: String,
    /// When the access token expires, unix seconds.
    pub expires_at: i64,
}

impl fmt::Debug for Tokens {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Tokens")
            .field("access_token", &"[redacted]")
            .field("refresh_token", &"[redacted]")
            .field("expires_at", &self.expires_at)
            .finish()
    }
}

impl Tokens {
    /// Whether the access token must be refreshed at `now` (unix seconds): it expires within [`REFRESH_AHEAD_S`].
    pub fn needs_refresh(&self, now: i64) -> bool {
        now >= self.expires_at.saturating_sub(REFRESH_AHEAD_S)
    }
}

/// The unit system requested with `SC-Unit-System`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnitSystem {
    /// Kilometres (Smartcar's default).
    Metric,
    /// Miles.
    Imperial,
}

impl UnitSystem {
    /// Parses `metric` or `imperial` (case-insensitive, as the header is).
    pub fn parse(text: &str) -> Option<Self> {
        match text.to_ascii_lowercase().as_str() {
            "metric" => Some(UnitSystem::Metric),
            "imperial" => Some(UnitSystem::Imperial),
            _ => None,
        }
    }

    /// [`UnitSystem::parse`] for an argument: `invalid_argument` when it is neither.
    pub fn from_arg(text: &str) -> Result<Self, ClientError> {
        Self::parse(text).ok_or_else(|| ClientError::invalid("unit_system", "must be 'metric' or 'imperial'"))
    }

    /// The header value: `metric` or `imperial`.
    pub const fn as_str(self) -> &'static str {
        match self {
            UnitSystem::Metric => "metric",
            UnitSystem::Imperial => "imperial",
        }
    }

    /// The distance unit of a v2 answer in this system: `km` or `miles`.
    pub const fn distance_unit(self) -> &'static str {
        match self {
            UnitSystem::Metric => "km",
            UnitSystem::Imperial => "miles",
        }
    }
}

/// The Smartcar API version used for odometer reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Version {
    /// `GET /v2.0/vehicles/{id}/odometer`: `{"distance"}`, headers `SC-Unit-System` and `SC-Data-Age`.
    V2,
    /// `GET /v3/vehicles/{id}/signals/odometer-traveleddistance`: `{body: {value, unit}, meta: {oemUpdatedAt}}`.
    V3,
}

impl Version {
    /// Version 2 or 3; anything else is `invalid_argument`.
    pub fn from_number(version: i64) -> Result<Self, ClientError> {
        match version {
            2 => Ok(Version::V2),
            3 => Ok(Version::V3),
            _ => Err(ClientError::invalid("version", "must be 2 or 3")),
        }
    }
}

/// An odometer value as Smartcar returned it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OdometerRead {
    /// The distance exactly as its JSON number was written (`"104.32"`).
    pub value: String,
    /// The unit: `km` or `miles` for v2 (from the answer's `SC-Unit-System`), as delivered for v3.
    pub unit: String,
    /// The distance in whole metres, `None` when it is not a usable distance (a negative number, say): the
    /// odometer check then voids it with reason `invalid_value`.
    pub metres: Option<i64>,
    /// When the car recorded it (v2 `SC-Data-Age`, v3 `meta.oemUpdatedAt`), unix milliseconds.
    pub reading_time_ms: i64,
}

/// A Smartcar API client. Safe to share between threads; `Debug` never shows the client secret.
pub struct SmartcarClient {
    client_id: String,
    client_secret: String,
    auth_base_url: String,
    api_base_url: String,
    http: Http,
    /// One slot per refresh token being or already exchanged (keyed by the HMAC of the token, not the token):
    /// callers holding the same token wait on its slot and share its tokens, so it is exchanged once, while
    /// refreshes of different tokens run in parallel.
    refreshed: Mutex<HashMap<String, Arc<Mutex<Option<Tokens>>>>>,
}

impl fmt::Debug for SmartcarClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SmartcarClient")
            .field("client_id", &self.client_id)
            .field("client_secret", &"[redacted]")
            .field("auth_base_url", &self.auth_base_url)
            .field("api_base_url", &self.api_base_url)
            .field("http", self.http.config())
            .finish()
    }
}

/// A base URL without its trailing slashes; `http(s)://host...` or `invalid_argument`.
pub(crate) fn base_url(field: &str, url: &str) -> Result<String, ClientError> {
    let host = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
    if host.is_none_or(|h| h.is_empty() || h.starts_with('/')) || url.contains(char::is_whitespace) {
        return Err(ClientError::invalid(field, "must be an http:// or https:// URL"));
    }
    Ok(url.trim_end_matches('/').to_owned())
}

/// The longest id accepted as a path segment, in bytes.
pub const MAX_SEGMENT_BYTES: usize = 256;

/// A path segment (an id that becomes part of a URL the bearer token is sent to): non-empty, at most
/// [`MAX_SEGMENT_BYTES`] bytes, not `.` or `..`, and without `/`, `\`, `?`, `#`, `%`, whitespace or control
/// characters, so it can never reach another path of the API host. Anything else is `invalid_path_segment`.
pub(crate) fn segment(field: &str, value: &str) -> Result<(), ClientError> {
    let bad = |c: char| matches!(c, '/' | '\\' | '?' | '#' | '%') || c.is_whitespace() || c.is_control();
    let problem = if value.is_empty() {
        "must not be empty"
    } else if value.len() > MAX_SEGMENT_BYTES {
        "must be at most 256 bytes"
    } else if value == "." || value == ".." {
        "must not be '.' or '..'"
    } else if value.contains(bad) {
        "must not contain '/', '\\', '?', '#', '%', whitespace or control characters"
    } else {
        return Ok(());
    };
    Err(ClientError::InvalidPathSegment { field: field.to_owned(), problem })
}

#[derive(Deserialize)]
struct TokenAnswer {
    access_token: String,
    refresh_token: String,
    expires_in: i64,
}

#[derive(Deserialize)]
struct V2Answer<'a> {
    #[serde(borrow)]
    distance: &'a RawValue,
}

#[derive(Deserialize)]
struct V3Answer<'a> {
    #[serde(borrow)]
    body: V3Body<'a>,
    meta: V3Meta,
}

#[derive(Deserialize)]
struct V3Body<'a> {
    #[serde(borrow)]
    value: &'a RawValue,
    unit: String,
}

#[derive(Deserialize)]
struct V3Meta {
    #[serde(rename = "oemUpdatedAt")]
    oem_updated_at: i64,
}

/// A JSON number's text, or `invalid_response`.
fn number_text(raw: &RawValue, what: &str) -> Result<String, ClientError> {
    let text = raw.get();
    if text.starts_with(|c: char| c == '-' || c.is_ascii_digit()) {
        Ok(text.to_owned())
    } else {
        Err(ClientError::response(format!("{what} is not a number")))
    }
}

impl SmartcarClient {
    /// A client for the application `client_id` / `client_secret`; base URLs such as `https://auth.smartcar.com`
    /// and `https://api.smartcar.com` (configurable so tests and sandboxes can point elsewhere).
    pub fn new(
        client_id: &str,
        client_secret: &str,
        auth_base_url: &str,
        api_base_url: &str,
        config: HttpConfig,
    ) -> Result<Self, ClientError> {
        if client_id.is_empty() || client_secret.is_empty() {
            return Err(ClientError::invalid("credentials", "client_id and client_secret must not be empty"));
        }
        Ok(SmartcarClient {
            client_id: client_id.to_owned(),
            client_secret: client_secret.to_owned(),
            auth_base_url: base_url("auth_base_url", auth_base_url)?,
            api_base_url: base_url("api_base_url", api_base_url)?,
            http: Http::new(config)?,
            refreshed: Mutex::new(HashMap::new()),
        })
    }

    /// Exchanges `refresh_token` for new tokens at `now` (unix seconds): `expires_at = now + expires_in`. A refresh
    /// token this client already exchanged gives the tokens it got then, while they need no refresh (Smartcar
    /// replaces the refresh token on every refresh, so a second exchange would fail); concurrent calls with the same
    /// token wait for the first one and share its result.
    pub fn refresh_token(&self, refresh_token: &str, now: i64) -> Result<Tokens, ClientError> {
        if refresh_token.is_empty() {
            return Err(ClientError::invalid("refresh_token", "must not be empty"));
        }
        let key = hmac_sha256_hex(self.client_secret.as_bytes(), refresh_token.as_bytes());
        let slot = {
            let mut slots = self.refreshed.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            // Forget slots nobody is using whose tokens are spent or were never obtained.
            slots.retain(|_, slot| {
                let in_use = Arc::strong_count(slot) > 1;
                in_use || slot.lock().is_ok_and(|t| t.as_ref().is_some_and(|t| !t.needs_refresh(now)))
            });
            slots.entry(key).or_default().clone()
        };
        let mut held = slot.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(tokens) = held.as_ref().filter(|t| !t.needs_refresh(now)) {
            return Ok(tokens.clone());
        }
        let tokens = self.exchange(refresh_token, now)?;
        *held = Some(tokens.clone());
        Ok(tokens)
    }

    fn exchange(&self, refresh_token: &str, now: i64) -> Result<Tokens, ClientError> {
        let url = format!("{}/oauth/token", self.auth_base_url);
        let secrets = [self.client_secret.as_str(), refresh_token];
        let call = Call { method: "POST", idempotency_key: false, secrets: &secrets };
        let form = [("grant_type", "refresh_token"), ("refresh_token", refresh_token)];
        let reply = self
            .http
            .send(&call, |c| c.post(&url).basic_auth(&self.client_id, Some(&self.client_secret)).form(&form))?;
        // serde's messages can quote a value; name the problem without them (the body holds secrets).
        let answer: TokenAnswer = serde_json::from_slice(&reply.body).map_err(|_| {
            ClientError::response("the token answer is not JSON with access_token, refresh_token and expires_in")
        })?;
        if answer.expires_in <= 0 || answer.access_token.is_empty() || answer.refresh_token.is_empty() {
            return Err(ClientError::response("the token answer has an empty token or a non-positive expires_in"));
        }
        Ok(Tokens {
            access_token: answer.access_token,
            refresh_token: answer.refresh_token,
            expires_at: now.saturating_add(answer.expires_in),
        })
    }

    /// Reads the odometer of Smartcar vehicle `vehicle_id` with `access_token`. v2 sends `SC-Unit-System:
    /// <unit_system>` and reads the unit from the answer's own `SC-Unit-System` (falling back to the requested one)
    /// and the reading time from `SC-Data-Age` (required); v3 reads both from the signal.
    pub fn odometer(
        &self,
        vehicle_id: &str,
        access_token: &str,
        unit_system: UnitSystem,
        version: Version,
    ) -> Result<OdometerRead, ClientError> {
        segment("vehicle_id", vehicle_id)?;
        if access_token.is_empty() {
            return Err(ClientError::invalid("access_token", "must not be empty"));
        }
        let url = match version {
            Version::V2 => format!("{}/v2.0/vehicles/{vehicle_id}/odometer", self.api_base_url),
            Version::V3 => format!("{}/v3/vehicles/{vehicle_id}/signals/odometer-traveleddistance", self.api_base_url),
        };
        let secrets = [self.client_secret.as_str(), access_token];
        let call = Call { method: "GET", idempotency_key: false, secrets: &secrets };
        let reply = self
            .http
            .send(&call, |c| c.get(&url).bearer_auth(access_token).header("SC-Unit-System", unit_system.as_str()))?;
        let read = match version {
            Version::V2 => v2_read(&reply, unit_system),
            Version::V3 => v3_read(&reply),
        };
        read.map_err(|e| match e {
            ClientError::InvalidResponse { problem } => ClientError::response(scrub(&problem, &secrets)),
            other => other,
        })
    }
}

fn v2_read(reply: &Reply, requested: UnitSystem) -> Result<OdometerRead, ClientError> {
    let answer: V2Answer<'_> = serde_json::from_slice(&reply.body)
        .map_err(|e| ClientError::response(format!("the odometer answer is not {{\"distance\": <number>}} ({e})")))?;
    let value = number_text(answer.distance, "distance")?;
    let system = match reply.header("SC-Unit-System")? {
        None => requested,
        Some(text) => UnitSystem::parse(text)
            .ok_or_else(|| ClientError::response(format!("SC-Unit-System {text:?} is neither metric nor imperial")))?,
    };
    let age = reply.header("SC-Data-Age")?.ok_or_else(|| ClientError::response("the SC-Data-Age header is missing"))?;
    // Milliseconds, like the webhook's `oemUpdatedAt`: finer digits (if a server sends them) are cut, so both paths
    // name the same instant.
    let reading_time_ms = DateTime::parse_from_rfc3339(age)
        .map_err(|_| ClientError::response(format!("SC-Data-Age {age:?} is not an RFC 3339 instant")))?
        .timestamp_millis();
    let unit = system.distance_unit().to_owned();
    Ok(OdometerRead { metres: units::to_metres(value.as_str(), &unit).ok(), value, unit, reading_time_ms })
}

fn v3_read(reply: &Reply) -> Result<OdometerRead, ClientError> {
    let answer: V3Answer<'_> = serde_json::from_slice(&reply.body).map_err(|e| {
        ClientError::response(format!("the signal answer lacks body.value, body.unit or meta.oemUpdatedAt ({e})"))
    })?;
    let value = number_text(answer.body.value, "body.value")?;
    let unit = answer.body.unit;
    units::Unit::parse(&unit)
        .map_err(|_| ClientError::response(format!("body.unit {unit:?} is not a distance unit")))?;
    let metres = units::to_metres(value.as_str(), &unit).ok();
    let reading_time_ms = answer.meta.oem_updated_at;
    if !(0..=crate::smartcar::MAX_EPOCH_MS).contains(&reading_time_ms) {
        return Err(ClientError::response(format!(
            "meta.oemUpdatedAt {reading_time_ms} is not unix milliseconds from 0 to the end of year 9999"
        )));
    }
    Ok(OdometerRead { value, unit, metres, reading_time_ms })
}
