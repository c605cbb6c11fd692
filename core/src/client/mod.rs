//! HTTP clients for Smartcar and Odoo (cargo feature `http`; never in the WASM build).
//!
//! - [`SmartcarClient`]: token refresh (Basic auth, form body, the new refresh token kept, expiry tracked from
//!   `expires_in` and refreshed [`REFRESH_AHEAD_S`] seconds ahead), odometer reads over v2 (`SC-Unit-System` sent
//!   and honoured, `SC-Data-Age` as the reading time) and v3 signals, and [`SmartcarClient::sync_vehicle`]: the
//!   "Sync Now" button, judged by [`crate::odometer::check`] exactly like a webhook delivery of the same reading.
//! - [`OdooClient`]: the rental site's vehicles, availability and bookings (requests validated with
//!   [`crate::booking::validate`] before they are sent).
//!
//! Every call has a timeout and follows a [`crate::retry::Backoff`] policy: connect errors, timeouts, 408, 425, 429,
//! 500, 502, 503 and 504 are retried ([`crate::retry::is_retryable`]), a server's `Retry-After` is honoured (capped
//! by the policy), and a POST is retried only when it carries an idempotency key. Requests are blocking (reqwest,
//! rustls): the Python binding releases the GIL around them and the Node binding runs them off the main thread.
//!
//! Secrets (the client secret, access and refresh tokens) never appear in `Debug` output or error messages: the
//! types holding them redact them, and an upstream error description that echoes one is scrubbed.

mod error;
mod http;
mod odoo;
mod options;
mod smartcar;
mod sync;

pub use error::ClientError;
pub use http::{HttpConfig, Sleeper, DEFAULT_MAX_RESPONSE_BYTES};
pub use odoo::{OdooClient, IMAGE_FIELDS};
pub use options::{
    now_or, CallOptions, HttpOptions, Id, Instant, NowOptions, OdometerOptions, OdooClientOptions,
    SmartcarClientOptions, SyncCallOptions, UnitSystemName, VersionNumber, DEFAULT_TIMEOUT_S, SMARTCAR_API_BASE_URL,
    SMARTCAR_AUTH_BASE_URL,
};
pub use smartcar::{OdometerRead, SmartcarClient, Tokens, UnitSystem, Version, MAX_SEGMENT_BYTES, REFRESH_AHEAD_S};
pub use sync::{reading_of, SyncOptions, SyncOutcome, Vehicle, SOURCE};
