//! The arguments and options of the HTTP clients as every binding passes them, with their defaults (the public
//! Smartcar base URLs, 10 s per attempt, the [`BackoffOptions`] default policy), decoded by [`crate::boundary`].
//! A wrong type or an unknown option is `invalid_option` / `invalid_argument`; a value of the right type that
//! cannot be used (an empty credential, a URL without a host, a timeout of 0) is the client's `invalid_argument`.

use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;
use serde_json::Value as Json;

use super::http::HttpConfig;
use super::smartcar::{UnitSystem, Version};
use super::ClientError;
use crate::instant;
use crate::retry::{Backoff, BackoffOptions};

/// Smartcar's authorization server.
pub const SMARTCAR_AUTH_BASE_URL: &str = "https://auth.smartcar.com";
/// Smartcar's API server.
pub const SMARTCAR_API_BASE_URL: &str = "https://api.smartcar.com";
/// The default limit of one attempt, connection included, in seconds.
pub const DEFAULT_TIMEOUT_S: f64 = 10.0;

/// The timeout and retries of a client: `backoff` is the data form (`{kind, base, ...}`); a binding's
/// `retry.Backoff` object is passed beside it to [`HttpOptions::config`].
fn config(timeout: f64, backoff: &Option<BackoffOptions>, given: Option<Backoff>) -> Result<HttpConfig, ClientError> {
    let backoff = match (given, backoff) {
        (Some(b), _) => Some(b),
        (None, Some(options)) => {
            Some(options.backoff(HttpConfig::entropy()).map_err(|e| ClientError::invalid("backoff", e.to_string()))?)
        }
        (None, None) => None,
    };
    HttpConfig::new(timeout, backoff)
}

/// What every client takes: `timeout` and `backoff`.
pub trait HttpOptions {
    /// The transport settings; `backoff` is a binding's `retry.Backoff` object when one was given.
    fn config(&self, backoff: Option<Backoff>) -> Result<HttpConfig, ClientError>;
}

/// `new smartcar.Client(clientId, clientSecret, {authBaseUrl, apiBaseUrl, timeout, backoff})`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SmartcarClientOptions {
    /// The authorization server (default [`SMARTCAR_AUTH_BASE_URL`]).
    pub auth_base_url: String,
    /// The API server (default [`SMARTCAR_API_BASE_URL`]).
    pub api_base_url: String,
    /// Seconds per attempt (default [`DEFAULT_TIMEOUT_S`], 10; positive, at most 3600).
    pub timeout: f64,
    /// The retry policy as data (default: [`BackoffOptions::default`]); a `retry.Backoff` object is taken too.
    pub backoff: Option<BackoffOptions>,
}

impl Default for SmartcarClientOptions {
    fn default() -> Self {
        SmartcarClientOptions {
            auth_base_url: SMARTCAR_AUTH_BASE_URL.to_owned(),
            api_base_url: SMARTCAR_API_BASE_URL.to_owned(),
            timeout: DEFAULT_TIMEOUT_S,
            backoff: None,
        }
    }
}

impl HttpOptions for SmartcarClientOptions {
    fn config(&self, backoff: Option<Backoff>) -> Result<HttpConfig, ClientError> {
        config(self.timeout, &self.backoff, backoff)
    }
}

impl SmartcarClientOptions {
    /// The client for `client_id` / `client_secret` with these options.
    pub fn client(
        &self,
        client_id: &str,
        client_secret: &str,
        backoff: Option<Backoff>,
    ) -> Result<super::SmartcarClient, ClientError> {
        super::SmartcarClient::new(
            client_id,
            client_secret,
            &self.auth_base_url,
            &self.api_base_url,
            self.config(backoff)?,
        )
    }
}

/// `new odoo.Client(baseUrl, {timeout, backoff, bookingRules})`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct OdooClientOptions {
    /// Seconds per attempt (default 10).
    pub timeout: f64,
    /// The retry policy as data (default: [`BackoffOptions::default`]); a `retry.Backoff` object is taken too.
    pub backoff: Option<BackoffOptions>,
    /// The booking rules requests are validated with (as for `booking.validate`; default: none).
    pub booking_rules: Option<Json>,
}

impl Default for OdooClientOptions {
    fn default() -> Self {
        OdooClientOptions { timeout: DEFAULT_TIMEOUT_S, backoff: None, booking_rules: None }
    }
}

impl HttpOptions for OdooClientOptions {
    fn config(&self, backoff: Option<Backoff>) -> Result<HttpConfig, ClientError> {
        config(self.timeout, &self.backoff, backoff)
    }
}

impl OdooClientOptions {
    /// The client for the Odoo at `base_url` with these options.
    pub fn client(&self, base_url: &str, backoff: Option<Backoff>) -> Result<super::OdooClient, ClientError> {
        let given = self.booking_rules.clone().map(crate::boundary::Value::from);
        let rules: crate::booking::BookingRules =
            crate::boundary::decode_or_default(given, &crate::booking::site::RULES)
                .map_err(|e| ClientError::Booking(crate::booking::BookingError::invalid_rules(e)))?;
        super::OdooClient::new(base_url, rules, self.config(backoff)?)
    }
}

/// An instant argument (`now`, `expires_at`): integer unix seconds or an RFC 3339 string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Instant(pub i64);

impl<'de> Deserialize<'de> for Instant {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Seconds;
        impl<'de> Visitor<'de> for Seconds {
            type Value = Instant;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("integer unix seconds or an RFC 3339 instant")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Instant, E> {
                instant::from_json(&Json::from(v)).map(Instant).map_err(|_| E::custom("the instant is out of range"))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Instant, E> {
                instant::from_json(&Json::from(v)).map(Instant).map_err(|_| E::custom("the instant is out of range"))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Instant, E> {
                instant::parse_rfc3339(v)
                    .map(Instant)
                    .map_err(|_| E::custom(format!("{v:?} is not an RFC 3339 instant")))
            }
        }
        deserializer.deserialize_any(Seconds)
    }
}

/// `now` in unix seconds: as given, else `clock_s` (the system clock).
pub fn now_or(now: Option<Instant>, clock_s: impl FnOnce() -> i64) -> i64 {
    now.map_or_else(clock_s, |n| n.0)
}

/// An id that becomes a path segment: an integer or a string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Id(pub String);

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Segment;
        impl<'de> Visitor<'de> for Segment {
            type Value = Id;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an integer or a string")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Id, E> {
                Ok(Id(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Id, E> {
                Ok(Id(v.to_string()))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Id, E> {
                Ok(Id(v.to_owned()))
            }
        }
        deserializer.deserialize_any(Segment)
    }
}

/// `refreshToken(token, {now})`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct NowOptions {
    /// The instant of the call (default: the system clock).
    pub now: Option<Instant>,
}

/// `createBooking(request, {idempotencyKey, now})`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CallOptions {
    /// The instant of the call (default: the system clock).
    pub now: Option<Instant>,
    /// `Idempotency-Key` of the POST (default: none, and the POST is never repeated).
    pub idempotency_key: Option<String>,
}

/// `odometer(vehicleId, accessToken, {unitSystem, version})`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct OdometerOptions {
    /// `metric` (default) or `imperial`.
    pub unit_system: UnitSystemName,
    /// 2 (default) or 3.
    pub version: VersionNumber,
}

/// `syncVehicle(vehicle, history, {policy, now, sourceType, unitSystem, version})` without `policy`, which the
/// odometer decoder reads.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SyncCallOptions {
    /// The instant of the sync (default: the system clock).
    pub now: Option<Instant>,
    /// The meter entry's `source_type` (default `manual`: the app's enum has no `smartcar_sync` yet).
    pub source_type: String,
    /// `metric` (default) or `imperial`.
    pub unit_system: UnitSystemName,
    /// 2 (default) or 3.
    pub version: VersionNumber,
}

impl Default for SyncCallOptions {
    fn default() -> Self {
        let sync = super::SyncOptions::default();
        SyncCallOptions {
            now: None,
            source_type: sync.source_type,
            unit_system: UnitSystemName::default(),
            version: VersionNumber::default(),
        }
    }
}

impl SyncCallOptions {
    /// The sync options with `policy`.
    pub fn sync(&self, policy: crate::odometer::Policy) -> super::SyncOptions {
        super::SyncOptions {
            policy,
            source_type: self.source_type.clone(),
            unit_system: self.unit_system.0,
            version: self.version.0,
        }
    }
}

/// `unitSystem`: `metric` or `imperial` (case-insensitive); another string is `invalid_option`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnitSystemName(pub UnitSystem);

impl Default for UnitSystemName {
    fn default() -> Self {
        UnitSystemName(UnitSystem::Metric)
    }
}

impl<'de> Deserialize<'de> for UnitSystemName {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        UnitSystem::parse(&text)
            .map(UnitSystemName)
            .ok_or_else(|| de::Error::custom(format!("{text:?} is not 'metric' or 'imperial'")))
    }
}

/// `version`: 2 or 3; another number is `invalid_option`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VersionNumber(pub Version);

impl Default for VersionNumber {
    fn default() -> Self {
        VersionNumber(Version::V2)
    }
}

impl<'de> Deserialize<'de> for VersionNumber {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let number = i64::deserialize(deserializer)?;
        Version::from_number(number)
            .map(VersionNumber)
            .map_err(|_| de::Error::custom(format!("{number} is not 2 or 3")))
    }
}
