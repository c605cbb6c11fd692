//! `smartcar.Client` and `odoo.Client`: wrap `fleetgate::client`. Every request runs off the main thread (a napi
//! `AsyncTask` on the libuv pool) and returns a Promise; every failure, argument mistakes included, rejects it with
//! an `Error` whose `code` is fleetgate's. Results are objects in the JSON shape every binding shares.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

use fleetgate::booking::{BookingError, BookingRules};
use fleetgate::boundary::{decode_or_default, Value};
use fleetgate::client::args::{id_arg, number_arg, opt_text_arg, seconds_arg, text_arg, unit_system_arg, version_arg};
use fleetgate::client::{self as core, ClientError, HttpConfig, SyncOptions, Vehicle};
use fleetgate::error::internal_error_message;
use fleetgate::odometer::input::Naming;
use fleetgate::odometer::OdometerError;
use napi::bindgen_prelude::{AsyncTask, ClassInstance, Either, Object, Unknown};
use napi::Env;
use napi::ScopedTask;
use napi_derive::napi;
use serde_json::Value as Json;

use crate::errors::{guard, internal_error, to_js_err};
use crate::js::as_object;
use crate::json::to_json;
use crate::odometer::{policy, readings};
use crate::retry::Backoff;

/// Why a request failed.
pub enum Failure {
    /// A client error (a refused booking keeps its `errors`).
    Client(ClientError),
    /// A history reading or policy that could not be read.
    Odometer(OdometerError),
    /// A panic, caught: `internal_error`.
    Internal(String),
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

/// The JS `Error` for a failure: fleetgate's code, and `errors` for a refused booking.
fn failure_err(env: &Env, failure: Failure) -> napi::Error {
    match failure {
        Failure::Client(ClientError::Booking(e)) => to_js_err(env)(e),
        Failure::Client(e) => to_js_err(env)(e),
        Failure::Odometer(e) => to_js_err(env)(e),
        Failure::Internal(message) => internal_error(env, message),
    }
}

/// The JSON of an optional options object, checked against `names` (unknown keys are `invalid_argument`).
fn options<const N: usize>(env: &Env, value: Option<&Unknown<'_>>, names: [&str; N]) -> Result<[Json; N], ClientError> {
    let json = value.map_or(Json::Null, |v| to_json(env, v));
    fleetgate::args::options(&json, names).map_err(|problem| ClientError::invalid("options", problem))
}

/// `options.backoff`, when given: a `retry.Backoff`.
fn backoff_of(value: Option<&Unknown<'_>>, given: &Json) -> Result<Option<fleetgate::retry::Backoff>, ClientError> {
    if given.is_null() {
        return Ok(None);
    }
    let wrong = || ClientError::invalid("options.backoff", "must be a retry.Backoff");
    let object = value.and_then(as_object).ok_or_else(wrong)?;
    let instance = object.get::<ClassInstance<Backoff>>("backoff").map_err(|_| wrong())?.ok_or_else(wrong)?;
    Ok(Some(instance.inner().clone()))
}

/// A property of an optional options object, as it is (for arguments that are not plain JSON).
fn property<'a>(value: Option<&Unknown<'a>>, name: &str) -> Option<Unknown<'a>> {
    value.and_then(as_object).and_then(|o: Object<'a>| o.get::<Unknown<'a>>(name).ok().flatten())
}

/// `now` as unix seconds: the system clock when absent.
fn now_of(given: &Json) -> Result<i64, ClientError> {
    if given.is_null() {
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
        return Ok(now as i64);
    }
    seconds_arg("now", given)
}

/// Runs `body` inside the panic guard; argument errors make a Promise that rejects.
fn task(env: &Env, body: impl FnOnce() -> Result<AsyncTask<Request>, Failure>) -> napi::Result<AsyncTask<Request>> {
    guard(env, || Ok(body().unwrap_or_else(Request::failed)))
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
    /// attempt in seconds (default 10), `backoff` a `retry.Backoff` (default: full jitter, 3 attempts).
    /// @throws {Error} with `code` `invalid_argument`.
    #[napi(
        constructor,
        ts_args_type = "clientId: string, clientSecret: string, options?: { authBaseUrl?: string, apiBaseUrl?: string, timeout?: number, backoff?: retry.Backoff } | null"
    )]
    pub fn new(
        env: Env,
        client_id: Unknown<'_>,
        client_secret: Unknown<'_>,
        options: Option<Unknown<'_>>,
    ) -> napi::Result<Self> {
        guard(&env, || {
            let make = || -> Result<Self, ClientError> {
                let id = text_arg("clientId", &to_json(&env, &client_id))?;
                let secret = text_arg("clientSecret", &to_json(&env, &client_secret))?;
                let [auth, api, timeout, backoff] =
                    self::options(&env, options.as_ref(), ["authBaseUrl", "apiBaseUrl", "timeout", "backoff"])?;
                let auth = opt_text_arg("authBaseUrl", &auth)?.unwrap_or_else(|| "https://auth.smartcar.com".into());
                let api = opt_text_arg("apiBaseUrl", &api)?.unwrap_or_else(|| "https://api.smartcar.com".into());
                let config =
                    HttpConfig::new(number_arg("timeout", &timeout, 10.0)?, backoff_of(options.as_ref(), &backoff)?)?;
                let inner = core::SmartcarClient::new(&id, &secret, &auth, &api, config)?;
                Ok(SmartcarClient { inner: Arc::new(inner) })
            };
            make().map_err(to_js_err(&env))
        })
    }

    /// Exchanges `refreshToken` for new tokens: `{access_token, refresh_token, expires_at}` (unix seconds, from
    /// `now` + `expires_in`). Store the new refresh token; a token this client already exchanged gives the same
    /// result again, so concurrent callers refresh once.
    /// @throws {Error} (the Promise rejects) with `code` `unauthorized`, `timeout`, `invalid_response`, ...
    #[napi(
        js_name = "refreshToken",
        ts_args_type = "refreshToken: string, options?: { now?: number | string } | null",
        ts_return_type = "Promise<Record<string, any>>"
    )]
    pub fn refresh_token(
        &self,
        env: Env,
        refresh_token: Unknown<'_>,
        options: Option<Unknown<'_>>,
    ) -> napi::Result<AsyncTask<Request>> {
        task(&env, || {
            let token = text_arg("refreshToken", &to_json(&env, &refresh_token))?;
            let [now] = self::options(&env, options.as_ref(), ["now"])?;
            let now = now_of(&now)?;
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
        ts_return_type = "Promise<Record<string, any>>"
    )]
    pub fn odometer(
        &self,
        env: Env,
        vehicle_id: Unknown<'_>,
        access_token: Unknown<'_>,
        options: Option<Unknown<'_>>,
    ) -> napi::Result<AsyncTask<Request>> {
        task(&env, || {
            let vehicle_id = text_arg("vehicleId", &to_json(&env, &vehicle_id))?;
            let token = text_arg("accessToken", &to_json(&env, &access_token))?;
            let [unit_system, version] = self::options(&env, options.as_ref(), ["unitSystem", "version"])?;
            let (unit_system, version) = (unit_system_arg(&unit_system)?, version_arg(&version)?);
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
        ts_return_type = "Promise<Record<string, any>>"
    )]
    pub fn sync_vehicle(
        &self,
        env: Env,
        vehicle: Unknown<'_>,
        history: Either<Vec<Unknown<'_>>, Unknown<'_>>,
        options: Option<Unknown<'_>>,
    ) -> napi::Result<AsyncTask<Request>> {
        task(&env, || {
            let vehicle = Vehicle::from_json(&to_json(&env, &vehicle), Naming::Camel)?;
            let history = readings(&history, "history")?;
            let names = ["policy", "now", "sourceType", "unitSystem", "version"];
            let [_, now, source_type, unit_system, version] = self::options(&env, options.as_ref(), names)?;
            let sync = SyncOptions {
                policy: policy(property(options.as_ref(), "policy").as_ref())?,
                source_type: opt_text_arg("sourceType", &source_type)?.unwrap_or_else(|| "manual".into()),
                unit_system: unit_system_arg(&unit_system)?,
                version: version_arg(&version)?,
            };
            let now = now_of(&now)?;
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
        ts_args_type = "baseUrl: string, options?: { timeout?: number, backoff?: retry.Backoff, bookingRules?: Record<string, any> } | null"
    )]
    pub fn new(env: Env, base_url: Unknown<'_>, options: Option<Unknown<'_>>) -> napi::Result<Self> {
        guard(&env, || {
            let make = || -> Result<Self, Failure> {
                let base = text_arg("baseUrl", &to_json(&env, &base_url))?;
                let [timeout, backoff, rules] =
                    self::options(&env, options.as_ref(), ["timeout", "backoff", "bookingRules"])?;
                let rules: BookingRules = decode_or_default(Some(Value::from(rules)), &fleetgate::booking::site::RULES)
                    .map_err(|e| Failure::Client(ClientError::Booking(BookingError::invalid_rules(e))))?;
                let config =
                    HttpConfig::new(number_arg("timeout", &timeout, 10.0)?, backoff_of(options.as_ref(), &backoff)?)?;
                Ok(OdooClient { inner: Arc::new(core::OdooClient::new(&base, rules, config)?) })
            };
            make().map_err(|failure| failure_err(&env, failure))
        })
    }

    /// `GET /api/fleet/vehicles`: the vehicle list, image paths made absolute.
    #[napi(ts_return_type = "Promise<any>")]
    pub fn vehicles(&self, env: Env) -> napi::Result<AsyncTask<Request>> {
        task(&env, || Ok(self.run(|c| c.vehicles())))
    }

    /// `GET /api/fleet/vehicles/{id}`: one vehicle, image paths made absolute.
    #[napi(ts_args_type = "id: number | string", ts_return_type = "Promise<Record<string, any>>")]
    pub fn vehicle(&self, env: Env, id: Unknown<'_>) -> napi::Result<AsyncTask<Request>> {
        task(&env, || {
            let id = id_arg("id", &to_json(&env, &id))?;
            Ok(self.run(move |c| c.vehicle(&id)))
        })
    }

    /// `GET /api/fleet/vehicles/{vehicleId}/availability?start=&end=`: Odoo's answer. `start` and `end` are RFC
    /// 3339 instants or `YYYY-MM-DD` dates (a `Date` is sent as its ISO string).
    #[napi(
        ts_args_type = "vehicleId: number | string, start: string | Date, end: string | Date",
        ts_return_type = "Promise<any>"
    )]
    pub fn availability(
        &self,
        env: Env,
        vehicle_id: Unknown<'_>,
        start: Unknown<'_>,
        end: Unknown<'_>,
    ) -> napi::Result<AsyncTask<Request>> {
        task(&env, || {
            let id = id_arg("vehicleId", &to_json(&env, &vehicle_id))?;
            let start = text_arg("start", &to_json(&env, &start))?;
            let end = text_arg("end", &to_json(&env, &end))?;
            Ok(self.run(move |c| c.availability(&id, &start, &end)))
        })
    }

    /// `POST /api/fleet/bookings` with `request` as `booking.validate` cleans it at `now`; an invalid request
    /// rejects with `code` `validation_failed` (and `errors`) and nothing is sent. With `idempotencyKey` (sent as
    /// `Idempotency-Key`) failures are retried; without one the POST is never repeated.
    #[napi(
        js_name = "createBooking",
        ts_args_type = "request: Record<string, any>, options?: { idempotencyKey?: string, now?: number | string } | null",
        ts_return_type = "Promise<any>"
    )]
    pub fn create_booking(
        &self,
        env: Env,
        request: Unknown<'_>,
        options: Option<Unknown<'_>>,
    ) -> napi::Result<AsyncTask<Request>> {
        task(&env, || {
            let request = to_json(&env, &request);
            let [key, now] = self::options(&env, options.as_ref(), ["idempotencyKey", "now"])?;
            let (key, now) = (opt_text_arg("idempotencyKey", &key)?, now_of(&now)?);
            Ok(self.run(move |c| c.create_booking(&request, key.as_deref(), now)))
        })
    }
}
