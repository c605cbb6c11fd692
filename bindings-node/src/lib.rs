//! The napi-rs module behind the npm package `fleetgate`. One Rust file per core module; each exports a JS
//! namespace of the same name (`units.toMetres`, ...).
#![deny(clippy::all)]

mod errors;
mod units;
