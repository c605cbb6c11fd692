//! What every fleetgate error has in common: a stable code and the area it belongs to.
//!
//! Codes are public API: they are documented in [`CODES`], tested against every error variant, and never renamed.
//! The bindings use [`ErrorCode::area`] to pick the exception class (Python `fleetgate.UnitsError`, ...) and
//! [`ErrorCode::code`] for its `.code`.

/// Implemented by every area's error enum (and [`crate::boundary::ArgError`]).
pub trait ErrorCode: std::error::Error + serde::Serialize {
    /// The stable snake_case code of this error, e.g. `invalid_value`.
    fn code(&self) -> &'static str;
    /// The area the error comes from, e.g. `units`; one exception class per area in the bindings.
    fn area(&self) -> &'static str;
    /// The error's typed fields as a JSON object (`{"tolerance": 300, "age": 301, ...}`; `{}` when it has none):
    /// what the bindings attach as `err.details` / `.details`, so callers never parse the message.
    fn details(&self) -> serde_json::Map<String, serde_json::Value> {
        match serde_json::to_value(self) {
            Ok(serde_json::Value::Object(map)) => map,
            _ => serde_json::Map::new(),
        }
    }
}

/// The code a binding reports when Rust code panicked: a bug in fleetgate, never an input problem.
pub const INTERNAL_ERROR: &str = "internal_error";

/// The message a binding reports (with [`INTERNAL_ERROR`]) for a panic it caught: what the panic said, and that it is
/// a fleetgate bug. `payload` is what `std::panic::catch_unwind` returned.
pub fn internal_error_message(payload: &(dyn std::any::Any + Send)) -> String {
    let what = payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_owned());
    format!("fleetgate failed internally ({what}); this is a bug, please report it")
}

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
        area: "any",
        code: crate::boundary::INVALID_OPTION,
        meaning: "an options object has an unknown option, a wrong type or a value out of range (details: argument, \
                  path, problem)",
    },
    CodeInfo {
        area: "any",
        code: crate::boundary::INVALID_ARGUMENT,
        meaning: "an argument has the wrong type or shape, is nested deeper than 64 levels, or is a value fleetgate \
                  cannot take (a function, a symbol, an integer beyond 64 bits); details: argument, path, problem",
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
    CodeInfo {
        area: "odometer",
        code: "invalid_policy",
        meaning:
            "an odometer policy threshold is out of range (details: argument, path, rule, min, max), of the wrong \
                  type or unknown (details: argument, path, problem)",
    },
    CodeInfo {
        area: "odometer",
        code: "invalid_time",
        meaning: "a reading time is not unix seconds or an RFC 3339 instant (to the millisecond); details: argument, \
                  path, time",
    },
    CodeInfo {
        area: "odometer",
        code: "invalid_reading",
        meaning:
            "a reading lacks a field, has an unknown one or one of the wrong type, or columns differ in length (a \
                  bad value is a void verdict, not this); details: argument, path, problem",
    },
    CodeInfo {
        area: "odometer",
        code: "missing_reading_time",
        meaning: "a Smartcar reading given to reading_from_smartcar has no reading time (oemUpdatedAt) and no \
                  time_fallback allows the fetch or received time; details: argument, path, event_id",
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
        area: "pricing",
        code: "quote_too_complex",
        meaning: "a best-mode quote would take more than BEST_MODE_MAX_STEPS (50 million) knapsack steps",
    },
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
    CodeInfo { area: "webhook", code: "too_many_headers", meaning: "a webhook request carries more than 256 headers" },
    CodeInfo {
        area: "webhook",
        code: "header_too_large",
        meaning: "a header the webhook scheme reads (signature, timestamp, id) is longer than 8192 bytes",
    },
    CodeInfo {
        area: "webhook",
        code: "stream_finished",
        meaning: "a VerifyStream was fed or finished after finish() (start another with Verifier.stream)",
    },
    CodeInfo {
        area: "webhook",
        code: "invalid_signed_content",
        meaning: "the generic HMAC signed_content template cannot be used (placeholder, {body}, braces, bounds, \
                  or headers it needs)",
    },
    CodeInfo {
        area: "smartcar",
        code: "invalid_payload",
        meaning:
            "a Smartcar body is not JSON, or a required field is missing or of the wrong type (the message names it)",
    },
    CodeInfo {
        area: "ratelimit",
        code: "invalid_quota",
        meaning: "the limit, period, burst, quotas, algorithm or Redis timeout is unusable (zero, too large, a burst with the sliding log, limit and quotas both given)",
    },
    CodeInfo {
        area: "ratelimit",
        code: "invalid_cost",
        meaning: "a request's cost is below 1 or above the burst (GCRA) or limit (sliding log)",
    },
    CodeInfo {
        area: "ratelimit",
        code: "invalid_now",
        meaning: "the instant is negative, not finite or after 2^53 - 1 microseconds",
    },
    CodeInfo {
        area: "ratelimit",
        code: "invalid_state",
        meaning: "a stored GCRA state or a Redis script reply is not what the limiter writes",
    },
    CodeInfo {
        area: "ratelimit",
        code: "invalid_address",
        meaning: "the peer address, or a forwarded address that had to be read, is malformed",
    },
    CodeInfo {
        area: "ratelimit",
        code: "invalid_network",
        meaning: "a trusted proxy network is not an address or CIDR block with a clean prefix",
    },
    CodeInfo { area: "ratelimit", code: "invalid_prefix", meaning: "the IPv6 key prefix is outside 48 to 128" },
    CodeInfo {
        area: "ratelimit",
        code: "conflicting_forwarded_headers",
        meaning: "trusted Forwarded and X-Forwarded-For headers name different clients",
    },
    CodeInfo {
        area: "ratelimit",
        code: "invalid_platform",
        meaning: "the client-key platform is not vercel, cloudflare, trusted_proxies or none",
    },
    CodeInfo {
        area: "ratelimit",
        code: "missing_client_address",
        meaning: "the platform's client-address header (or the peer) is absent, or the platform is none",
    },
    CodeInfo {
        area: "ratelimit",
        code: "redis_error",
        meaning: "Redis could not be reached, failed running the script or did not answer in time (a RedisLimiter with on_error raise)",
    },
    CodeInfo {
        area: "retry",
        code: "invalid_backoff",
        meaning: "the backoff policy's kind, base, cap, attempts or elapsed budget is unusable",
    },
    CodeInfo {
        area: "retry",
        code: "invalid_retry_after",
        meaning: "a Retry-After value is neither delta-seconds nor an HTTP-date",
    },
    CodeInfo { area: "retry", code: "invalid_status", meaning: "an HTTP status outside 100 to 599" },
    CodeInfo { area: "retry", code: "invalid_method", meaning: "an HTTP method that is not a token" },
    CodeInfo {
        area: "sse",
        code: "field_injection",
        meaning: "an SSE id or event contains CR or LF, or an id contains NUL",
    },
    CodeInfo {
        area: "sse",
        code: "buffer_overflow",
        meaning:
            "an SSE line or event needs more than the decoder's max_buffer (default 1 MiB); the decoder is poisoned",
    },
    CodeInfo {
        area: "odoo",
        code: "invalid_odoo_payload",
        meaning: "an Odoo webhook body or rental route reply is not a JSON object of its documented shape (every problem listed)",
    },
    CodeInfo {
        area: "odoo",
        code: "unknown_odoo_event",
        meaning: "an Odoo event type or native webhook model fleetgate does not handle",
    },
    CodeInfo {
        area: "odoo",
        code: "odoo_rpc_error",
        meaning: "Odoo answered a JSON-RPC error (details: rpc_code, rpc_message, name, data_message)",
    },
    CodeInfo { area: "odoo", code: "invalid_base_url", meaning: "the Odoo base URL is not an http(s)://host URL" },
    CodeInfo { area: "odoo", code: "invalid_image_path", meaning: "an Odoo image path is empty" },
    CodeInfo {
        area: "client",
        code: "invalid_argument",
        meaning: "a client argument is unusable (base URL, timeout, backoff settings, vehicle field, id, period)",
    },
    CodeInfo {
        area: "client",
        code: "unauthorized",
        meaning: "the upstream refused the credentials or token (401, 403, OAuth invalid_grant / invalid_client)",
    },
    CodeInfo {
        area: "client",
        code: "rate_limited",
        meaning: "the upstream still answered 429 after the retries the backoff allows",
    },
    CodeInfo { area: "client", code: "timeout", meaning: "no complete answer within the timeout, on every attempt" },
    CodeInfo {
        area: "client",
        code: "connection_failed",
        meaning: "the upstream could not be reached, on every attempt",
    },
    CodeInfo {
        area: "client",
        code: "upstream_error",
        meaning: "the upstream answered another unsuccessful status (after retries for the retryable ones)",
    },
    CodeInfo {
        area: "client",
        code: "invalid_response",
        meaning: "a successful answer is not what the API documents (bad JSON, missing field or header)",
    },
    CodeInfo {
        area: "client",
        code: "invalid_path_segment",
        meaning: "an id that becomes a URL path segment is empty, over 256 bytes, . or .., or holds / \\ ? # % or a control character",
    },
    CodeInfo {
        area: "client",
        code: "response_too_large",
        meaning: "a successful upstream answer is longer than max_response_bytes (default 8 MiB)",
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_snake_case() {
        // A code may appear in several areas when it means the same there (e.g. `invalid_now`), never twice in one.
        let mut seen = std::collections::HashSet::new();
        for info in CODES {
            assert!(seen.insert((info.area, info.code)), "duplicate code {} in {}", info.code, info.area);
            assert!(info.code.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'), "{} is not snake_case", info.code);
        }
    }
}
