//! The native module `fleetgate._fleetgate`. One Rust file per core module; the Python package
//! (`bindings-python/python/fleetgate/`) re-exports these functions under their public names.
#![forbid(unsafe_code)]

mod availability;
mod booking;
mod boundary;
mod client;
mod errors;
mod json;
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

use pyo3::prelude::*;

/// Native part of fleetgate. Import the public modules instead: `fleetgate.units`, ...
#[pymodule]
mod _fleetgate {
    /// The version of the package: the crate's own (`Cargo.toml`), never written twice.
    #[pymodule_export]
    #[allow(non_upper_case_globals)] // Python's own name for it
    const __version__: &str = env!("CARGO_PKG_VERSION");

    #[pymodule_export]
    use super::availability::availability;
    #[pymodule_export]
    use super::booking::booking;
    #[pymodule_export]
    use super::pricing::pricing;
    #[pymodule_export]
    use super::units::units;

    #[pymodule_export]
    use super::odometer::odometer;

    #[pymodule_export]
    use super::webhook::webhook;

    #[pymodule_export]
    use super::smartcar::smartcar;

    #[pymodule_export]
    use super::ratelimit::ratelimit;

    #[pymodule_export]
    use super::retry::retry;

    #[pymodule_export]
    use super::sse::sse;

    #[pymodule_export]
    use super::odoo::odoo;

    #[pymodule_export]
    use super::errors::_panic_for_tests;
}
