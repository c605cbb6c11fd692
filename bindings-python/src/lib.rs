//! The native module `fleetgate._fleetgate`. One Rust file per core module; the Python package
//! (`bindings-python/python/fleetgate/`) re-exports these functions under their public names.
#![forbid(unsafe_code)]

mod errors;
mod odoo;
mod ratelimit;
mod retry;
mod sse;
mod units;

use pyo3::prelude::*;

/// Native part of fleetgate. Import the public modules instead: `fleetgate.units`, ...
#[pymodule]
mod _fleetgate {
    #[pymodule_export]
    use super::units::units;

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
