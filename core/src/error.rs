//! What every fleetgate error has in common: a stable code and the area it belongs to.
//!
//! Codes are public API: they are documented in [`CODES`], tested against every error variant, and never renamed.
//! The bindings use [`ErrorCode::area`] to pick the exception class (Python `fleetgate.UnitsError`, ...) and
//! [`ErrorCode::code`] for its `.code`.

/// Implemented by every area's error enum.
pub trait ErrorCode: std::error::Error {
    /// The stable snake_case code of this error, e.g. `invalid_value`.
    fn code(&self) -> &'static str;
    /// The area the error comes from, e.g. `units`; one exception class per area in the bindings.
    fn area(&self) -> &'static str;
}

/// The code a binding reports when Rust code panicked: a bug in fleetgate, never an input problem.
pub const INTERNAL_ERROR: &str = "internal_error";

/// One row of the error-code table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CodeInfo {
    /// The area (and so the exception class) the code belongs to.
    pub area: &'static str,
    /// The stable code.
    pub code: &'static str,
    /// When it is raised.
    pub meaning: &'static str,
}

/// Every error code fleetgate can report, across all areas and bindings.
pub const CODES: &[CodeInfo] = &[
    CodeInfo {
        area: "internal",
        code: INTERNAL_ERROR,
        meaning: "fleetgate itself failed (a Rust panic caught at the binding boundary); please report it",
    },
    CodeInfo {
        area: "units",
        code: "invalid_unit",
        meaning: "the unit is not one of km, kilometers, kilometres, mi, miles, metric, imperial",
    },
    CodeInfo {
        area: "units",
        code: "invalid_value",
        meaning: "the distance is not a finite, non-negative number within range, or not a plain decimal string",
    },
    CodeInfo { area: "odometer", code: "invalid_policy", meaning: "an odometer policy threshold is out of range" },
    CodeInfo {
        area: "odometer",
        code: "invalid_time",
        meaning: "a reading time is not unix seconds or an RFC 3339 instant (to the millisecond)",
    },
    CodeInfo {
        area: "odometer",
        code: "invalid_reading",
        meaning: "a reading lacks a field or has one of the wrong type (a bad value is a void verdict, not this)",
    },
    CodeInfo {
        area: "booking",
        code: "validation_failed",
        meaning: "the booking request has problems; errors lists every one as {loc, code, message}",
    },
    CodeInfo {
        area: "booking",
        code: "invalid_booking_rules",
        meaning:
            "the booking rules (time zone, limits, weekdays, date-only convention, region, lengths) could not be read",
    },
    CodeInfo {
        area: "booking",
        code: "invalid_now",
        meaning: "now is not an RFC 3339 instant or integer unix seconds",
    },
    CodeInfo {
        area: "pricing",
        code: "invalid_rate_card",
        meaning: "a rule, price, currency or list price of the rate card could not be read",
    },
    CodeInfo {
        area: "pricing",
        code: "invalid_quote",
        meaning: "a quote or late-fee argument (start, end, mode, time zone, rate, grace, variant) could not be read",
    },
    CodeInfo { area: "pricing", code: "no_price", meaning: "no rule applies and the rate card has no list price" },
    CodeInfo { area: "pricing", code: "amount_overflow", meaning: "the amount exceeds 2^53 - 1 minor units" },
    CodeInfo {
        area: "availability",
        code: "invalid_booking",
        meaning: "a booking, the stock or the unit list could not be read (or a booking ends before it starts)",
    },
    CodeInfo {
        area: "availability",
        code: "invalid_window",
        meaning: "the window start or end could not be read, or the end is not after the start",
    },
    CodeInfo { area: "webhook", code: "missing_header", meaning: "a header the webhook scheme needs is absent" },
    CodeInfo {
        area: "webhook",
        code: "malformed_header",
        meaning: "a webhook header is present but unreadable (given twice, no `t=`, empty id, bad configured name)",
    },
    CodeInfo {
        area: "webhook",
        code: "invalid_timestamp",
        meaning: "the webhook timestamp is not unix seconds written as ASCII digits",
    },
    CodeInfo {
        area: "webhook",
        code: "timestamp_too_old",
        meaning: "the webhook timestamp is older than now minus the tolerance (a replay or a slow queue)",
    },
    CodeInfo {
        area: "webhook",
        code: "timestamp_too_new",
        meaning: "the webhook timestamp is later than now plus the tolerance",
    },
    CodeInfo {
        area: "webhook",
        code: "no_supported_signature",
        meaning: "no signature token is usable (malformed, bad hex/base64, unknown version)",
    },
    CodeInfo {
        area: "webhook",
        code: "invalid_signature",
        meaning: "usable signatures were compared and none matches any key",
    },
    CodeInfo {
        area: "webhook",
        code: "too_many_signatures",
        meaning: "the signature header carries more than 32 tokens",
    },
    CodeInfo {
        area: "webhook",
        code: "invalid_secret",
        meaning: "a webhook secret is empty, not strict base64 where decoded, or cannot sign",
    },
    CodeInfo {
        area: "webhook",
        code: "body_not_bytes",
        meaning: "a parsed object was passed as the webhook body instead of the raw bytes",
    },
    CodeInfo {
        area: "webhook",
        code: "body_too_large",
        meaning: "the webhook body exceeds the configured maximum size",
    },
    CodeInfo {
        area: "smartcar",
        code: "invalid_payload",
        meaning:
            "a Smartcar body is not JSON, or a required field is missing or of the wrong type (the message names it)",
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_snake_case() {
        let mut seen = std::collections::HashSet::new();
        for info in CODES {
            assert!(seen.insert(info.code), "duplicate code {}", info.code);
            assert!(info.code.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'), "{} is not snake_case", info.code);
        }
    }
}

#[cfg(test)]
mod table_tests {
    use super::CODES;

    /// The README's error table is the documentation of every code: keep it complete.
    #[test]
    fn readme_lists_every_code() {
        let readme = include_str!("../../README.md");
        for info in CODES {
            let row = format!("| {} | `{}` |", info.area, info.code);
            assert!(readme.contains(&row), "README error table lacks {row}");
        }
    }
}
