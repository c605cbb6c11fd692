//! [`WebhookError`]: the errors of the webhook area, with typed fields (`err.details` in the bindings).

use crate::error::ErrorCode;

use super::MAX_SIGNATURES;

/// Errors of the webhook area. Each variant's code is stable (see [`WebhookError::code`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Serialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum WebhookError {
    /// Code `missing_header`: a header the scheme needs is absent.
    #[error("missing header {name:?}")]
    MissingHeader {
        /// The header's name as the scheme spells it.
        name: String,
    },
    /// Code `malformed_header`: a header is present but cannot be read (given twice, no `t=`, ...).
    #[error("malformed header {name:?}: {reason}")]
    MalformedHeader {
        /// The header's name.
        name: String,
        /// What is wrong.
        reason: &'static str,
    },
    /// Code `invalid_timestamp`: the timestamp is not plain ASCII digits of unix seconds.
    #[error("invalid timestamp {value:?}: expected unix seconds as ASCII digits")]
    InvalidTimestamp {
        /// The timestamp as received.
        value: String,
    },
    /// Code `timestamp_too_old`: the timestamp is further in the past than the tolerance.
    #[error("timestamp {timestamp} is {age} s older than now ({now}); the tolerance is {tolerance} s")]
    TimestampTooOld {
        /// The request's timestamp (unix seconds).
        timestamp: i64,
        /// The `now` it was checked against.
        now: i64,
        /// How old it is, in seconds.
        age: i64,
        /// The tolerance, in seconds.
        tolerance: u64,
    },
    /// Code `timestamp_too_new`: the timestamp is further in the future than the tolerance.
    #[error("timestamp {timestamp} is {ahead} s ahead of now ({now}); the tolerance is {tolerance} s")]
    TimestampTooNew {
        /// The request's timestamp (unix seconds).
        timestamp: i64,
        /// The `now` it was checked against.
        now: i64,
        /// How far ahead it is, in seconds.
        ahead: i64,
        /// The tolerance, in seconds.
        tolerance: u64,
    },
    /// Code `no_supported_signature`: no token of the signature header is one this verifier can check.
    #[error(
        "no supported signature in header {name:?} (tokens that are malformed or of an unknown version are skipped)"
    )]
    NoSupportedSignature {
        /// The signature header's name.
        name: String,
    },
    /// Code `invalid_signature`: signatures were checked and none matches any key.
    #[error("no signature matches: {checked} signature(s) checked against {keys} key(s)")]
    InvalidSignature {
        /// How many usable signature tokens were compared.
        checked: usize,
        /// How many keys they were compared with.
        keys: usize,
    },
    /// Code `too_many_signatures`: the header carries more than [`MAX_SIGNATURES`] tokens.
    #[error("header {name:?} carries {count} signature tokens; at most {MAX_SIGNATURES} are read")]
    TooManySignatures {
        /// The signature header's name.
        name: String,
        /// How many tokens it carries.
        count: usize,
    },
    /// Code `invalid_secret`: a secret is empty, not strict base64 where the scheme decodes it, or cannot sign.
    #[error("invalid secret #{index}: {reason}")]
    InvalidSecret {
        /// The position of the secret in the list given.
        index: usize,
        /// What is wrong.
        reason: &'static str,
    },
    /// Code `body_not_bytes`: a binding received a parsed object instead of the raw body.
    #[error(
        "the webhook body must be the raw bytes as received (got {got}); signatures cover the exact bytes, so a \
         parsed and re-serialised object never verifies. Next.js App Router: `await request.arrayBuffer()` or \
         `await request.text()` before anything parses it; Express: `express.raw({{type: 'application/json'}})`"
    )]
    BodyNotBytes {
        /// What was passed instead.
        got: String,
    },
    /// Code `stream_finished`: a binding's `VerifyStream` was used after `finish()` (in Rust, `finish` consumes it).
    #[error("this VerifyStream has already finished; start another with Verifier.stream(headers)")]
    StreamFinished,
    /// Code `too_many_headers`: the request carries more than [`MAX_HEADERS`](super::MAX_HEADERS) headers.
    #[error("{count} headers, more than the {max} a webhook request may carry")]
    TooManyHeaders {
        /// How many headers were given.
        count: usize,
        /// [`MAX_HEADERS`](super::MAX_HEADERS).
        max: usize,
    },
    /// Code `header_too_large`: a header the scheme reads is longer than [`MAX_HEADER_BYTES`](super::MAX_HEADER_BYTES).
    #[error("header {name:?} is {size} bytes long, more than the {max} allowed")]
    HeaderTooLarge {
        /// The header's name as the scheme spells it.
        name: String,
        /// Its length in bytes.
        size: usize,
        /// [`MAX_HEADER_BYTES`](super::MAX_HEADER_BYTES).
        max: usize,
    },
    /// Code `invalid_signed_content`: the generic HMAC scheme's `signed_content` template cannot be used (unknown
    /// placeholder, no or two `{body}`, a lone brace, too long, too many placeholders, `{timestamp}` without a
    /// timestamp header or a timestamp header left unsigned, `{id}` without an id header or the reverse).
    #[error("invalid signed_content template at byte {at}: {reason}")]
    InvalidSignedContent {
        /// The byte offset in the template where the problem was found (0 for a problem with the other options).
        at: usize,
        /// What is wrong.
        reason: &'static str,
    },
    /// Code `body_too_large`: the body exceeds the configured maximum size (or, for Ed25519, the default
    /// [`DEFAULT_MAX_BUFFERED_BODY`](super::DEFAULT_MAX_BUFFERED_BODY)).
    #[error("body of {size} bytes exceeds the maximum of {max} bytes")]
    BodyTooLarge {
        /// The body's size (or the size read so far).
        size: usize,
        /// The configured maximum.
        max: usize,
    },
}

impl ErrorCode for WebhookError {
    fn code(&self) -> &'static str {
        match self {
            WebhookError::MissingHeader { .. } => "missing_header",
            WebhookError::MalformedHeader { .. } => "malformed_header",
            WebhookError::InvalidTimestamp { .. } => "invalid_timestamp",
            WebhookError::TimestampTooOld { .. } => "timestamp_too_old",
            WebhookError::TimestampTooNew { .. } => "timestamp_too_new",
            WebhookError::NoSupportedSignature { .. } => "no_supported_signature",
            WebhookError::InvalidSignature { .. } => "invalid_signature",
            WebhookError::TooManySignatures { .. } => "too_many_signatures",
            WebhookError::InvalidSecret { .. } => "invalid_secret",
            WebhookError::BodyNotBytes { .. } => "body_not_bytes",
            WebhookError::BodyTooLarge { .. } => "body_too_large",
            WebhookError::TooManyHeaders { .. } => "too_many_headers",
            WebhookError::HeaderTooLarge { .. } => "header_too_large",
            WebhookError::StreamFinished => "stream_finished",
            WebhookError::InvalidSignedContent { .. } => "invalid_signed_content",
        }
    }
    fn area(&self) -> &'static str {
        "webhook"
    }
}

impl WebhookError {
    /// The stable code (same as [`ErrorCode::code`], callable without importing the trait).
    pub fn code(&self) -> &'static str {
        ErrorCode::code(self)
    }
}
