//! # fleetgate
//!
//! The domain rules behind vehicle integrations, written once in Rust and shared by the Python, Node and WASM
//! packages: exact distance units today; webhook verification, odometer sync and bookings as they land.
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
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod args;
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
