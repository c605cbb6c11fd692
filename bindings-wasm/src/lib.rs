//! The wasm-bindgen module behind the npm package `fleetgate-wasm`. One Rust file per core module; each exports a
//! class of static functions named like the Node namespace (`units.toMetres`, ...), so code reads the same against
//! the napi module and the WASM package.
#![forbid(unsafe_code)]

mod availability;
mod booking;
mod boundary;
mod errors;
mod js;
mod odometer;
mod odoo;
mod pricing;
mod ratelimit;
mod retry;
mod smartcar;
mod sse;
mod units;
mod webhook;
