//! The errors of the `client` area.

use crate::booking::BookingError;
use crate::error::ErrorCode;
use crate::odoo::rental::RentalError;

/// Errors of the client area. Messages never contain a secret (client secret, access or refresh token).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Serialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum ClientError {
    /// Code `invalid_argument`: an argument is unusable (a base URL, a unit system, a vehicle field, a period).
    #[error("invalid {field}: {problem}")]
    InvalidArgument {
        /// The argument or field, e.g. `api_base_url`, `vehicle.expires_at`.
        field: String,
        /// What is wrong with it.
        problem: String,
    },
    /// Code `unauthorized`: the credentials or token were refused (401, 403, or an OAuth `invalid_grant` /
    /// `invalid_client` answer).
    #[error("unauthorized: the upstream refused the credentials (HTTP {status}{})", detail_suffix(.detail))]
    Unauthorized {
        /// The HTTP status.
        status: u16,
        /// The upstream's error type/code and description, scrubbed of secrets.
        detail: Option<String>,
    },
    /// Code `rate_limited`: still 429 after the retries the policy allows.
    #[error("rate limited by the upstream (HTTP 429{})", retry_suffix(.retry_after_s))]
    RateLimited {
        /// The last `Retry-After`, in whole seconds (rounded up), when one was sent.
        retry_after_s: Option<i64>,
    },
    /// Code `timeout`: no complete answer within the timeout, on every attempt.
    #[error("the request timed out after {attempts} attempt(s)")]
    Timeout {
        /// How many attempts were made.
        attempts: u32,
    },
    /// Code `connection_failed`: the upstream could not be reached, on every attempt.
    #[error("could not connect to the upstream after {attempts} attempt(s): {detail}")]
    ConnectionFailed {
        /// How many attempts were made.
        attempts: u32,
        /// The transport's explanation (without the URL).
        detail: String,
    },
    /// Code `upstream_error`: any other unsuccessful status (after retries for the retryable ones).
    #[error("the upstream answered HTTP {status}{}", detail_suffix(.detail))]
    Upstream {
        /// The HTTP status.
        status: u16,
        /// The upstream's error type/code and description, scrubbed of secrets.
        detail: Option<String>,
    },
    /// Code `invalid_response`: a successful answer that is not what the API documents (bad JSON, a missing field,
    /// a missing or unreadable header).
    #[error("invalid response from the upstream: {problem}")]
    InvalidResponse {
        /// What is wrong with it.
        problem: String,
    },
    /// Code `invalid_path_segment`: an id that becomes a URL path segment (`vehicle_id`, ...) is empty, longer than
    /// 256 bytes, `.` or `..`, or holds `/`, `\`, `?`, `#`, `%`, whitespace or a control character.
    #[error("invalid {field}: {problem}")]
    InvalidPathSegment {
        /// The argument, e.g. `vehicle_id`.
        field: String,
        /// What is wrong with it.
        problem: &'static str,
    },
    /// Code `response_too_large`: a successful answer's body is longer than the client's
    /// [`HttpConfig::max_response_bytes`](super::HttpConfig::max_response_bytes).
    #[error("the upstream's answer exceeds the maximum of {max} bytes")]
    ResponseTooLarge {
        /// The limit in bytes.
        max: usize,
    },
    /// A booking request refused by [`crate::booking::validate`] before anything was sent: its own code
    /// (`validation_failed`, every problem listed) and area (`booking`).
    #[error(transparent)]
    Booking(BookingError),
    /// A stock Odoo rental route's reply that is a JSON-RPC error (`odoo_rpc_error`) or not of the route's shape
    /// (`invalid_odoo_payload`, every problem listed): its own code and area (`odoo`).
    #[error(transparent)]
    Odoo(RentalError),
}

fn detail_suffix(detail: &Option<String>) -> String {
    detail.as_ref().map(|d| format!(": {d}")).unwrap_or_default()
}

fn retry_suffix(retry_after_s: &Option<i64>) -> String {
    retry_after_s.map(|s| format!(", Retry-After {s} s")).unwrap_or_default()
}

impl ClientError {
    /// The stable code (same as [`ErrorCode::code`], callable without importing the trait).
    pub fn code(&self) -> &'static str {
        ErrorCode::code(self)
    }

    /// An `invalid_argument` error for `field` (the bindings use it for their own argument checks).
    pub fn invalid(field: &str, problem: impl Into<String>) -> Self {
        ClientError::InvalidArgument { field: field.to_owned(), problem: problem.into() }
    }

    pub(crate) fn response(problem: impl Into<String>) -> Self {
        ClientError::InvalidResponse { problem: problem.into() }
    }
}

impl ErrorCode for ClientError {
    fn code(&self) -> &'static str {
        match self {
            ClientError::InvalidArgument { .. } => "invalid_argument",
            ClientError::Unauthorized { .. } => "unauthorized",
            ClientError::RateLimited { .. } => "rate_limited",
            ClientError::Timeout { .. } => "timeout",
            ClientError::ConnectionFailed { .. } => "connection_failed",
            ClientError::Upstream { .. } => "upstream_error",
            ClientError::InvalidResponse { .. } => "invalid_response",
            ClientError::InvalidPathSegment { .. } => "invalid_path_segment",
            ClientError::ResponseTooLarge { .. } => "response_too_large",
            ClientError::Booking(e) => e.code(),
            ClientError::Odoo(e) => e.code(),
        }
    }
    fn area(&self) -> &'static str {
        match self {
            ClientError::Booking(e) => e.area(),
            ClientError::Odoo(e) => e.area(),
            _ => "client",
        }
    }
}
