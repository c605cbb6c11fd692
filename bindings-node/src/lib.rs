//! The napi-rs module behind the npm package `fleetgate`. One Rust file per core module; each exports a JS
//! namespace of the same name (`units.toMetres`, ...).
#![deny(clippy::all)]
// Under `cfg(test)` napi-derive expands `#[napi]` items to plain Rust (nothing registers them), so they look unused.
#![cfg_attr(test, allow(dead_code))]

mod availability;
mod booking;
mod boundary;
mod client;
mod errors;
mod odometer;
mod odoo;
mod odoo_rental;
mod pricing;
mod ratelimit;
mod ratelimit_redis;
mod retry;
mod smartcar;
mod sse;
mod units;
mod webhook;
