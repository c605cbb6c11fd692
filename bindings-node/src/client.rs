//! `smartcar.Client` and `odoo.Client`: wrap `fleetgate::client`. Every request runs off the main thread (a napi
//! `AsyncTask` on the libuv pool) and returns a Promise; every failure, argument mistakes included, rejects it with
//! an `Error` whose `code` is fleetgate's. Results are objects in the JSON shape every binding shares.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

use fleetgate::boundary::{self as core_boundary, ArgError, Site, Value};
use fleetgate::client::{self as core, ClientError, Vehicle};
use fleetgate::error::internal_error_message;
use fleetgate::odometer::input::Naming;
use fleetgate::odometer::OdometerError;
use napi::bindgen_prelude::{AsyncTask, ClassInstance, Either, FromNapiValue, JsObjectValue, Object, Unknown};
use napi::{Env, JsValue, ScopedTask, ValueType};
use napi_derive::napi;
use serde::de::DeserializeOwned;
use serde_json::Value as Json;

use crate::boundary::JsHost;
use crate::errors::{guard, internal_error, to_js_err};
use crate::odometer::{policy, readings};
use crate::retry::Backoff;

/// Why a request failed.
pub enum Failure {
    /// A client error (a refused booking keeps its `errors`).
    Client(ClientError),
    /// A history reading or policy that could not be read.
    Odometer(OdometerError),
    /// An argument or option that could not be decoded.
    Arg(ArgError),
    /// A panic, caught: `internal_error`.
    Internal(String),
}

impl From<ArgError> for Failure {
    fn from(e: ArgError) -> Self {
        Failure::Arg(e)
    }
}

impl From<ClientError> for Failure {
    fn from(e: ClientError) -> Self {
        Failure::Client(e)
    }
}

impl From<OdometerError> for Failure {
    fn from(e: OdometerError) -> Self {
        Failure::Odometer(e)
    }
}

type Job = Box<dyn FnOnce() -> Result<Json, Failure> + Send>;

/// One request, run on the libuv thread pool; resolves to its JSON answer or rejects with fleetgate's `Error`.
pub struct Request {
    job: Option<Job>,
}

impl Request {
    fn new(job: impl FnOnce() -> Result<Json, Failure> + Send + 'static) -> AsyncTask<Request> {
        AsyncTask::new(Request { job: Some(Box::new(job)) })
    }

    /// A request that rejects at once (its arguments were unusable).
    fn failed(failure: Failure) -> AsyncTask<Request> {
        Request::new(move || Err(failure))
    }
}

impl<'task> ScopedTask<'task> for Request {
    type Output = Result<Json, Failure>;
    type JsValue = Unknown<'task>;

    fn compute(&mut self) -> napi::Result<Self::Output> {
        let Some(job) = self.job.take() else {
            return Ok(Err(Failure::Internal("a request ran twice".to_owned())));
        };
        Ok(catch_unwind(AssertUnwindSafe(job))
            .unwrap_or_else(|payload| Err(Failure::Internal(internal_error_message(&*payload)))))
    }

    fn resolve(&mut self, env: &'task Env, output: Self::Output) -> napi::Result<Unknown<'task>> {
        match output {
            Ok(json) => env.to_js_value(&json),
            Err(failure) => Err(failure_err(env, failure)),
        }
    }
}

/// The JS `Error` for a failure (fleetgate's code; `errors` for a refused booking, attached by `errors.rs`).
fn failure_err(env: &Env, failure: Failure) -> napi::Error {
    match failure {
        Failure::Client(ClientError::Booking(e)) => to_js_err(env)(e),
        Failure::Client(e) => to_js_err(env)(e),
        Failure::Odometer(e) => to_js_err(env)(e),
        Failure::Arg(e) => to_js_err(env)(e),
        Failure::Internal(message) => internal_error(env, message),
    }
}

const AREA: &str = "client";

/// `value` after the bounded walk (absent: `null`).
fn walked(value: Option<Unknown<'_>>, site: &Site) -> Result<Value, ArgError> {
    value.map_or(Ok(Value::Null), |v| core_boundary::walk(&JsHost(v), site))
}

/// A positional argument decoded at `site`.
fn arg<T: DeserializeOwned>(value: Unknown<'_>, name: &'static str) -> Result<T, ArgError> {
    let site = Site::argument(AREA, name);
    core_boundary::decode(walked(Some(value), &site)?, &site)
}

/// An options object decoded as `T` (absent: `T::default()`, the core's defaults), without the keys in `skip`
/// (read apart: a `retry.Backoff` object, the odometer policy), which are not walked.
fn options<T: DeserializeOwned + Default>(value: Option<Unknown<'_>>, skip: &[&str]) -> Result<T, ArgError> {
    let site = Site::options(AREA).camel();
    let plain = value.filter(|v| v.get_type().ok() == Some(ValueType::Object) && v.is_array().ok() == Some(false));
    let walked = match plain.map(Object::from_unknown) {
        Some(Ok(object)) if !skip.is_empty() => {
            let unreadable = |key: &str| site.error(key, "the options object could not be read");
            let mut entries = Vec::new();
            for key in Object::keys(&object).map_err(|_| unreadable(""))? {
                if skip.contains(&key.as_str()) {
                    continue;
                }
                let item: Unknown = object.get_named_property(&key).map_err(|_| unreadable(&key))?;
                if item.get_type().ok() == Some(ValueType::Undefined) {
                    continue;
                }
                let value = core_boundary::walk(&JsHost(item), &site).map_err(|mut e| {
                    e.path = if e.path.is_empty() || e.path.starts_with('[') {
                        format!("{key}{}", e.path)
                    } else {
                        format!("{key}.{}", e.path)
                    };
                    e
                })?;
                entries.push((key, value));
            }
            Value::Map(entries)
        }
        _ => walked(value, &site)?,
    };
    core_boundary::decode_or_default(Some(walked), &site)
}

/// A property of an optional options object, as it is (for arguments that are not plain JSON).
fn property<'a>(value: Option<&Unknown<'a>>, name: &str) -> Option<Unknown<'a>> {
    let object = value.filter(|v| v.get_type().ok() == Some(ValueType::Object))?;
    let object = Object::from_unknown(*object).ok()?;
    object.get::<Unknown<'a>>(name).ok().flatten()
}

/// `options.backoff` when it is a `retry.Backoff` object (the data form `{kind, base, ...}` is decoded by the core).
fn backoff_object(options: Option<&Unknown<'_>>) -> Option<fleetgate::retry::Backoff> {
    let object = options.filter(|v| v.get_type().ok() == Some(ValueType::Object))?;
    let object = Object::from_unknown(*object).ok()?;
    let instance = object.get::<ClassInstance<Backoff>>("backoff").ok()??;
    Some(instance.inner().clone())
}

/// The system clock in unix seconds.
fn clock_s() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
}

/// Runs `body` inside the panic guard; argument errors make a Promise that rejects.
fn task(env: &Env, body: impl FnOnce() -> Result<AsyncTask<Request>, Failure>) -> napi::Result<AsyncTask<Request>> {
    guard(env, || Ok(body().unwrap_or_else(Request::failed)))
}

/// Tokens to store after a refresh (`refreshToken`): secrets.
#[napi(object, object_to_js = false, namespace = "smartcar")]
#[allow(dead_code)]
pub struct Tokens {
    /// The bearer token for API calls.
    #[napi(js_name = "access_token")]
    pub access_token: String,
    /// The next refresh token (Smartcar replaces it on every refresh: store it).
    #[napi(js_name = "refresh_token")]
    pub refresh_token: String,
    /// When the access token expires, unix seconds.
    #[napi(js_name = "expires_at")]
    pub expires_at: i64,
}

/// The tokens after a sync, and whether they were refreshed.
#[napi(object, object_to_js = false, namespace = "smartcar")]
#[allow(dead_code)]
pub struct SyncTokens {
    /// The bearer token for API calls.
    #[napi(js_name = "access_token")]
    pub access_token: String,
    /// The refresh token to store.
    #[napi(js_name = "refresh_token")]
    pub refresh_token: String,
    /// When the access token expires, unix seconds.
    #[napi(js_name = "expires_at")]
    pub expires_at: i64,
    /// Whether this sync refreshed them.
    pub refreshed: bool,
}

/// An odometer read (`odometer`).
#[napi(object, object_to_js = false, namespace = "smartcar")]
#[allow(dead_code)]
pub struct OdometerRead {
    /// The value exactly as returned (a decimal string).
    pub value: String,
    /// `km` or `miles`.
    pub unit: String,
    /// Whole metres (`null` when unusable).
    #[napi(ts_type = "number | null")]
    pub metres: i64,
    /// The car's reading time, RFC 3339 UTC.
    #[napi(js_name = "reading_time")]
    pub reading_time: String,
}

/// The record of one sync, without secrets.
#[napi(object, object_to_js = false, namespace = "smartcar")]
#[allow(dead_code)]
pub struct SyncLog {
    /// The vehicle row's id.
    #[napi(js_name = "vehicle_id", ts_type = "number | string")]
    pub vehicle_id: String,
    /// Smartcar's vehicle id.
    #[napi(js_name = "smartcar_vehicle_id")]
    pub smartcar_vehicle_id: String,
    /// The app's car id.
    #[napi(js_name = "car_id", ts_type = "number | string")]
    pub car_id: String,
    /// `manual`.
    pub sync: String,
    /// The verdict's status.
    pub status: String,
    /// The verdict's reason code, if any.
    #[napi(ts_type = "string | null")]
    pub reason: String,
    /// The verdict's metres.
    #[napi(ts_type = "number | null")]
    pub metres: i64,
    /// The raw value as read.
    #[napi(js_name = "raw_value", ts_type = "number | string | null")]
    pub raw_value: String,
    /// The raw unit.
    #[napi(js_name = "raw_unit", ts_type = "string | null")]
    pub raw_unit: String,
    /// The reading time, RFC 3339.
    #[napi(js_name = "reading_time")]
    pub reading_time: String,
    /// When the sync ran, RFC 3339.
    #[napi(js_name = "synced_at")]
    pub synced_at: String,
    /// Whether the tokens were refreshed.
    #[napi(js_name = "token_refreshed")]
    pub token_refreshed: bool,
    /// The id of the history entry a duplicate repeats.
    #[napi(js_name = "duplicate_of", ts_type = "number | string | null")]
    pub duplicate_of: String,
}

/// What `syncVehicle` resolves to.
#[napi(object, object_to_js = false, namespace = "smartcar")]
#[allow(dead_code)]
pub struct SyncOutcome {
    /// The odometer check's verdict, as `odometer.check` gives it.
    #[napi(ts_type = "odometer.Verdict")]
    pub verdict: bool,
    /// The row to insert, for an accepted reading.
    #[napi(js_name = "meter_entry", ts_type = "odometer.MeterEntry | null")]
    pub meter_entry: bool,
    /// The tokens to store.
    pub tokens: SyncTokens,
    /// The record of the sync.
    #[napi(js_name = "sync_log")]
    pub sync_log: SyncLog,
}

/// A Smartcar API client: token refresh, odometer reads, and `syncVehicle` (the "Sync Now" button). The client
/// secret is never shown (it is not a property of the object) and never appears in error messages.
#[napi(namespace = "smartcar", js_name = "Client")]
pub struct SmartcarClient {
    inner: Arc<core::SmartcarClient>,
}

#[napi(namespace = "smartcar")]
impl SmartcarClient {
    /// `new smartcar.Client(clientId, clientSecret, {authBaseUrl, apiBaseUrl, timeout, backoff})`: `timeout` per
    /// attempt in seconds (default 10), `backoff` a `retry.Backoff` or its options (default: the `retry.Backoff`
    /// default, full jitter from 0.1 s capped at 30 s, 5 attempts).
    /// @throws {Error} with `code` `invalid_argument` or `invalid_option`.
    #[napi(
        constructor,
        ts_args_type = "clientId: string, clientSecret: string, options?: { authBaseUrl?: string, apiBaseUrl?: string, timeout?: number, backoff?: retry.Backoff | retry.BackoffOptions } | null"
    )]
    pub fn new(
        env: Env,
        client_id: Unknown<'_>,
        client_secret: Unknown<'_>,
        options: Option<Unknown<'_>>,
    ) -> napi::Result<Self> {
        guard(&env, || {
            let make = || -> Result<Self, Failure> {
                let id: String = arg(client_id, "clientId")?;
                let secret: String = arg(client_secret, "clientSecret")?;
                let backoff = backoff_object(options.as_ref());
                let skip: &[&str] = if backoff.is_some() { &["backoff"] } else { &[] };
                let settings: core::SmartcarClientOptions = self::options(options, skip)?;
                Ok(SmartcarClient { inner: Arc::new(settings.client(&id, &secret, backoff)?) })
            };
            make().map_err(|failure| failure_err(&env, failure))
        })
    }

    /// Exchanges `refreshToken` for new tokens: `{access_token, refresh_token, expires_at}` (unix seconds, from
    /// `now` + `expires_in`). Store the new refresh token; a token this client already exchanged gives the same
    /// result again, so concurrent callers refresh once.
    /// @throws {Error} (the Promise rejects) with `code` `unauthorized`, `timeout`, `invalid_response`, ...
    #[napi(
        js_name = "refreshToken",
        ts_args_type = "refreshToken: string, options?: { now?: number | string } | null",
        ts_return_type = "Promise<smartcar.Tokens>"
    )]
    pub fn refresh_token(
        &self,
        env: Env,
        refresh_token: Unknown<'_>,
        options: Option<Unknown<'_>>,
    ) -> napi::Result<AsyncTask<Request>> {
        task(&env, || {
            let token: String = arg(refresh_token, "refreshToken")?;
            let call: core::NowOptions = self::options(options, &[])?;
            let now = core::now_or(call.now, clock_s);
            let inner = self.inner.clone();
            Ok(Request::new(move || Ok(inner.refresh_token(&token, now)?.to_json())))
        })
    }

    /// Reads the odometer: `{value, unit, metres, reading_time}` (the value as returned, `km` or `miles` per the
    /// answer's `SC-Unit-System`, whole metres, the car's reading time from `SC-Data-Age`). `version: 3` reads the
    /// v3 signal.
    /// @throws {Error} (the Promise rejects) with `code` `unauthorized`, `rate_limited`, `timeout`, ...
    #[napi(
        ts_args_type = "vehicleId: string, accessToken: string, options?: { unitSystem?: 'metric' | 'imperial', version?: 2 | 3 } | null",
        ts_return_type = "Promise<smartcar.OdometerRead>"
    )]
    pub fn odometer(
        &self,
        env: Env,
        vehicle_id: Unknown<'_>,
        access_token: Unknown<'_>,
        options: Option<Unknown<'_>>,
    ) -> napi::Result<AsyncTask<Request>> {
        task(&env, || {
            let vehicle_id: String = arg(vehicle_id, "vehicleId")?;
            let token: String = arg(access_token, "accessToken")?;
            let read: core::OdometerOptions = self::options(options, &[])?;
            let (unit_system, version) = (read.unit_system.0, read.version.0);
            let inner = self.inner.clone();
            Ok(Request::new(move || Ok(inner.odometer(&vehicle_id, &token, unit_system, version)?.to_json())))
        })
    }

    /// "Sync Now" for `vehicle` (`{id, smartcarVehicleId, carId, accessToken, refreshToken, expiresAt}`):
    /// refreshes the tokens if they expire within 5 minutes of `now`, reads the odometer, judges the reading
    /// against `history` like `odometer.check`, and resolves to `{verdict, meter_entry, tokens, sync_log}`. The
    /// reading has source `smartcar` and the car's reading time, so a webhook delivery of the same reading is a
    /// duplicate of it (and it of the webhook's).
    /// @throws {Error} (the Promise rejects) with `code` `invalid_argument`, `invalid_reading`, `unauthorized`, ...
    #[napi(
        js_name = "syncVehicle",
        ts_args_type = "vehicle: { id: number | string, smartcarVehicleId: string, carId: number | string, accessToken: string, refreshToken: string, expiresAt: number | string }, history: Array<odometer.ReadingInput>, options?: { policy?: odometer.PolicyInput, now?: number | string, sourceType?: string, unitSystem?: 'metric' | 'imperial', version?: 2 | 3 } | null",
        ts_return_type = "Promise<smartcar.SyncOutcome>"
    )]
    pub fn sync_vehicle(
        &self,
        env: Env,
        vehicle: Unknown<'_>,
        history: Either<Vec<Unknown<'_>>, Unknown<'_>>,
        options: Option<Unknown<'_>>,
    ) -> napi::Result<AsyncTask<Request>> {
        task(&env, || {
            let site = Site::argument(AREA, "vehicle");
            let vehicle = Vehicle::from_json(&walked(Some(vehicle), &site)?.into_json(&site)?, Naming::Camel)?;
            let history = readings(&history, "history")?;
            let policy = policy(property(options.as_ref(), "policy").as_ref())?;
            let call: core::SyncCallOptions = self::options(options, &["policy"])?;
            let (sync, now) = (call.sync(policy), core::now_or(call.now, clock_s));
            let inner = self.inner.clone();
            Ok(Request::new(move || Ok(inner.sync_vehicle(&vehicle, &history, &sync, now)?.to_json())))
        })
    }
}

/// A client of the Odoo rental module's REST API: vehicles (image URLs made absolute), availability, bookings
/// (validated with the booking rules before they are sent).
#[napi(namespace = "odoo", js_name = "Client")]
pub struct OdooClient {
    inner: Arc<core::OdooClient>,
}

impl OdooClient {
    fn run(
        &self,
        call: impl FnOnce(&core::OdooClient) -> Result<Json, ClientError> + Send + 'static,
    ) -> AsyncTask<Request> {
        let inner = self.inner.clone();
        Request::new(move || Ok(call(&inner)?))
    }
}

#[napi(namespace = "odoo")]
impl OdooClient {
    /// `new odoo.Client(baseUrl, {timeout, backoff, bookingRules})`: `bookingRules` as for `booking.validate`.
    /// @throws {Error} with `code` `invalid_argument` or `invalid_booking_rules`.
    #[napi(
        constructor,
        ts_args_type = "baseUrl: string, options?: { timeout?: number, backoff?: retry.Backoff | retry.BackoffOptions, bookingRules?: Record<string, unknown> } | null"
    )]
    pub fn new(env: Env, base_url: Unknown<'_>, options: Option<Unknown<'_>>) -> napi::Result<Self> {
        guard(&env, || {
            let make = || -> Result<Self, Failure> {
                let base: String = arg(base_url, "baseUrl")?;
                let backoff = backoff_object(options.as_ref());
                let skip: &[&str] = if backoff.is_some() { &["backoff"] } else { &[] };
                let settings: core::OdooClientOptions = self::options(options, skip)?;
                Ok(OdooClient { inner: Arc::new(settings.client(&base, backoff)?) })
            };
            make().map_err(|failure| failure_err(&env, failure))
        })
    }

    /// `GET /api/fleet/vehicles`: the vehicle list, image paths made absolute.
    #[napi(ts_return_type = "Promise<Array<Record<string, unknown>> | Record<string, unknown>>")]
    pub fn vehicles(&self, env: Env) -> napi::Result<AsyncTask<Request>> {
        task(&env, || Ok(self.run(|c| c.vehicles())))
    }

    /// `GET /api/fleet/vehicles/{id}`: one vehicle, image paths made absolute.
    #[napi(ts_args_type = "id: number | string", ts_return_type = "Promise<Record<string, unknown>>")]
    pub fn vehicle(&self, env: Env, id: Unknown<'_>) -> napi::Result<AsyncTask<Request>> {
        task(&env, || {
            let id: core::Id = arg(id, "id")?;
            Ok(self.run(move |c| c.vehicle(&id.0)))
        })
    }

    /// `GET /api/fleet/vehicles/{vehicleId}/availability?start=&end=`: Odoo's answer. `start` and `end` are RFC
    /// 3339 instants or `YYYY-MM-DD` dates (a `Date` is sent as its ISO string).
    #[napi(
        ts_args_type = "vehicleId: number | string, start: string | Date, end: string | Date",
        ts_return_type = "Promise<unknown>"
    )]
    pub fn availability(
        &self,
        env: Env,
        vehicle_id: Unknown<'_>,
        start: Unknown<'_>,
        end: Unknown<'_>,
    ) -> napi::Result<AsyncTask<Request>> {
        task(&env, || {
            let id: core::Id = arg(vehicle_id, "vehicleId")?;
            let start: String = arg(start, "start")?;
            let end: String = arg(end, "end")?;
            Ok(self.run(move |c| c.availability(&id.0, &start, &end)))
        })
    }

    /// `POST /api/fleet/bookings` with `request` as `booking.validate` cleans it at `now`; an invalid request
    /// rejects with `code` `validation_failed` (and `errors`) and nothing is sent. With `idempotencyKey` (sent as
    /// `Idempotency-Key`) failures are retried; without one the POST is never repeated.
    #[napi(
        js_name = "createBooking",
        ts_args_type = "request: Record<string, unknown>, options?: { idempotencyKey?: string, now?: number | string } | null",
        ts_return_type = "Promise<unknown>"
    )]
    pub fn create_booking(
        &self,
        env: Env,
        request: Unknown<'_>,
        options: Option<Unknown<'_>>,
    ) -> napi::Result<AsyncTask<Request>> {
        task(&env, || {
            let site = Site::argument(AREA, "request");
            let request = walked(Some(request), &site)?.into_json(&site)?;
            let call: core::CallOptions = self::options(options, &[])?;
            let (key, now) = (call.idempotency_key, core::now_or(call.now, clock_s));
            Ok(self.run(move |c| c.create_booking(&request, key.as_deref(), now)))
        })
    }

    /// `POST /rental/product/constraints` (stock Odoo 17/18, `website_sale_renting`, JSON-RPC): the forbidden
    /// weekdays, the minimal rental, the website's time zone and the `booking_rules` for `booking.validate`.
    /// Rejects with `code` `odoo_rpc_error` (a JSON-RPC error), `invalid_odoo_payload` (`err.errors`) or a client
    /// code (`upstream_error`, `timeout`, ...).
    #[napi(js_name = "rentalConstraints", ts_return_type = "Promise<odoo.RentalConstraints>")]
    pub fn rental_constraints(&self, env: Env) -> napi::Result<AsyncTask<Request>> {
        task(&env, || {
            Ok(self.run(|c| c.rental_constraints().map(|r| serde_json::to_value(r.view()).unwrap_or_default())))
        })
    }

    /// `POST /rental/product/availabilities` (stock Odoo 17/18, `website_sale_stock_renting`, JSON-RPC) for
    /// `productId` (a `product.product` id) from `start` to `end` (RFC 3339 strings, `Date`s or unix seconds; sent
    /// as Odoo's naive UTC datetimes): the preparation time and the availability timeline.
    #[napi(
        js_name = "rentalAvailabilities",
        ts_args_type = "productId: number, start: string | Date | number, end: string | Date | number",
        ts_return_type = "Promise<odoo.RentalAvailabilities>"
    )]
    pub fn rental_availabilities(
        &self,
        env: Env,
        product_id: Unknown<'_>,
        start: Unknown<'_>,
        end: Unknown<'_>,
    ) -> napi::Result<AsyncTask<Request>> {
        task(&env, || {
            let product_id: i64 = arg(product_id, "productId")?;
            let start: core::Instant = arg(start, "start")?;
            let end: core::Instant = arg(end, "end")?;
            Ok(self.run(move |c| {
                c.rental_availabilities(product_id, start.0, end.0).map(|r| serde_json::to_value(r).unwrap_or_default())
            }))
        })
    }
}
