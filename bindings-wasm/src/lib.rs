//! The wasm-bindgen module behind the npm package `fleetgate-wasm`. One Rust file per core module; each exports a
//! class of static functions named like the Node namespace (`units.toMetres`, ...), so code reads the same against
//! the napi module and the WASM package.
//!
//! Feature `full` (default) registers every namespace; without it only booking, pricing, availability and units are
//! built, for the booking form's small `.wasm` (`fleetgate-wasm/booking`).
#![forbid(unsafe_code)]
// The booking-only build (`--no-default-features`) leaves some shared helpers unused.
#![cfg_attr(not(feature = "full"), allow(dead_code))]

mod availability;
mod booking;
mod boundary;
mod errors;
#[cfg(feature = "full")]
mod odometer;
#[cfg(feature = "full")]
mod odoo;
#[cfg(feature = "full")]
mod odoo_rental;
mod pricing;
#[cfg(feature = "full")]
mod ratelimit;
#[cfg(feature = "full")]
mod retry;
#[cfg(feature = "full")]
mod smartcar;
#[cfg(feature = "full")]
mod sse;
mod units;
#[cfg(feature = "full")]
mod webhook;
