//! The napi-rs module behind the npm package `fleetgate`. One Rust file per core module; each exports a JS
//! namespace of the same name (`units.toMetres`, ...).
#![deny(clippy::all)]
// Under `cfg(test)` napi-derive expands `#[napi]` items to plain Rust (nothing registers them), so they look unused.
#![cfg_attr(test, allow(dead_code))]

mod errors;
mod odoo;
mod ratelimit;
mod retry;
mod sse;
mod units;
