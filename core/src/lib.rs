//! # fleetgate
//!
//! The domain rules behind vehicle integrations, written once in Rust and shared by the Python, Node and WASM
//! packages. Pure logic, no I/O by default; time is an input (`now`), bodies are bytes, money is integer minor
//! units and distance integer metres.
//!
//! Telematics sync (a car-maintenance app fed by Smartcar):
//!
//! - [`units`]: exact distances (1 mi = 1609.344 m, whole metres, one rounding); [docs/units.md];
//! - [`webhook`]: webhook verification and signing (Smartcar, Standard Webhooks, Stripe, GitHub, Shopify, Odoo,
//!   generic HMAC); [docs/webhooks.md];
//! - [`smartcar`]: the VERIFY challenge reply and event parsing into odometer readings; [docs/smartcar.md];
//! - [`odometer`]: a verdict for every reading (duplicates, order, speed, unit mix-ups) and the meter entry;
//!   [docs/odometer.md];
//! - `client` (cargo feature `http`): the Smartcar ("Sync Now", token refresh) and Odoo HTTP clients;
//!   [docs/clients.md].
//!
//! Rental bookings (a rental site fed by an Odoo back office):
//!
//! - [`booking`]: request validation and sanitisation, every problem collected; [docs/booking.md];
//! - [`pricing`]: Odoo-compatible rate cards, the cheapest cover, late-return fees; [docs/pricing.md];
//! - [`availability`]: units free over a window, timelines, serial units; [docs/availability.md];
//! - [`ratelimit`]: GCRA and sliding-log limiters, the Redis script, client keys; [docs/ratelimit.md];
//! - [`retry`]: backoff policies, `Retry-After`, what is retryable; [docs/retry.md];
//! - [`sse`]: server-sent events, encoder and decoder; [docs/sse.md];
//! - [`odoo`]: Odoo webhook events, the caches they invalidate, image URLs; [docs/odoo.md].
//!
//! The `docs/` pages of the repository ([docs/README.md]) state each area's rules, defaults and error codes as
//! users of every language need them; [docs/errors.md] describes the errors.
//!
//! Every fallible function returns an area error enum whose variants carry a stable snake_case
//! [`ErrorCode::code`]; [`error::CODES`] lists them all.
//!
//! ```
//! use fleetgate::units;
//! assert_eq!(units::to_metres("12,345.6", "mi").unwrap(), 19_868_317);
//! assert_eq!(units::to_metres(1.0, "miles").unwrap(), 1_609);
//! assert_eq!(units::to_metres("abc", "km").unwrap_err().code(), "invalid_value");
//! ```
//!
//! [docs/README.md]: https://github.com/fleetgate/fleetgate/blob/main/docs/README.md
//! [docs/units.md]: https://github.com/fleetgate/fleetgate/blob/main/docs/units.md
//! [docs/webhooks.md]: https://github.com/fleetgate/fleetgate/blob/main/docs/webhooks.md
//! [docs/smartcar.md]: https://github.com/fleetgate/fleetgate/blob/main/docs/smartcar.md
//! [docs/odometer.md]: https://github.com/fleetgate/fleetgate/blob/main/docs/odometer.md
//! [docs/clients.md]: https://github.com/fleetgate/fleetgate/blob/main/docs/clients.md
//! [docs/booking.md]: https://github.com/fleetgate/fleetgate/blob/main/docs/booking.md
//! [docs/pricing.md]: https://github.com/fleetgate/fleetgate/blob/main/docs/pricing.md
//! [docs/availability.md]: https://github.com/fleetgate/fleetgate/blob/main/docs/availability.md
//! [docs/ratelimit.md]: https://github.com/fleetgate/fleetgate/blob/main/docs/ratelimit.md
//! [docs/retry.md]: https://github.com/fleetgate/fleetgate/blob/main/docs/retry.md
//! [docs/sse.md]: https://github.com/fleetgate/fleetgate/blob/main/docs/sse.md
//! [docs/odoo.md]: https://github.com/fleetgate/fleetgate/blob/main/docs/odoo.md
//! [docs/errors.md]: https://github.com/fleetgate/fleetgate/blob/main/docs/errors.md
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod availability;
pub mod booking;
pub mod boundary;
#[cfg(feature = "http")]
pub mod client;
pub mod error;
pub mod instant;
pub mod odometer;
pub mod odoo;
pub mod pricing;
pub mod ratelimit;
pub mod retry;
pub mod smartcar;
pub mod sse;
pub mod units;
pub mod webhook;

pub use error::ErrorCode;
