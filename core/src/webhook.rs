//! Webhook verification and signing for every scheme the sites receive.
//!
//! A [`Verifier`] is built from a preset ([`Verifier::smartcar`], [`Verifier::standard_webhooks`],
//! [`Verifier::stripe`], [`Verifier::github`], [`Verifier::shopify`], [`Verifier::odoo`]) or the generic
//! [`Verifier::hmac`] configuration, with one or more secrets (rotation: the first secret signs, every secret
//! verifies, [`Verified::key_index`] says which one matched).
//!
//! Rules shared by every preset:
//!
//! - the body is raw bytes: never decoded, parsed or copied; the signed content (`id.timestamp.body`, ...) is
//!   streamed into the MAC piece by piece;
//! - header names are matched ASCII case-insensitively; a header given twice is `malformed_header`;
//! - each key's MAC is computed once and compared in constant time with every candidate signature, on decoded bytes;
//! - at most [`MAX_SIGNATURES`] tokens are looked at (`too_many_signatures` beyond); malformed tokens (no comma, empty
//!   value, bad hex/base64, unknown version) are skipped; nothing usable is `no_supported_signature`, usable but no
//!   match is `invalid_signature`;
//! - timestamps are ASCII digits only; they must lie within the tolerance (default 300 s each way, the bound itself
//!   passes) of the `now` the caller passes, unless the caller asks for [`TimeCheck::Skip`].
//!
//! ```
//! use fleetgate::webhook::{TimeCheck, Verifier};
//! let v = Verifier::github(&["It's a Secret to Everybody"]).unwrap();
//! let headers = [("X-Hub-Signature-256",
//!     "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")];
//! let ok = v.verify(&headers, b"Hello, World!", TimeCheck::At(0)).unwrap();
//! assert_eq!(ok.key_index, 0);
//! let forged = v.verify(&headers, b"Hello, World?", TimeCheck::At(0)).unwrap_err();
//! assert_eq!(forged.code(), "invalid_signature");
//! ```

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use ed25519_dalek::{Signature, Signer as _, SigningKey, VerifyingKey};
use hmac::{Hmac, Mac};
use sha2::{Digest as _, Sha256};
use subtle::ConstantTimeEq;

use crate::error::ErrorCode;

/// The most signature tokens a header may carry; more is `too_many_signatures`.
pub const MAX_SIGNATURES: usize = 32;
/// Keys shorter than this many bytes are accepted but flagged by [`Verifier::weak_keys`].
pub const WEAK_KEY_BYTES: usize = 24;
/// The default timestamp tolerance, in seconds, in both directions.
pub const DEFAULT_TOLERANCE: u64 = 300;
/// The most headers a request may carry (`too_many_headers` beyond): each lookup scans them all.
pub const MAX_HEADERS: usize = 256;
/// The longest value of a header the scheme reads (signature, timestamp, id), in bytes (`header_too_large`
/// beyond). Thirty-two signatures fit several times over.
pub const MAX_HEADER_BYTES: usize = 8192;
/// Ed25519 (`v1a`) signs the whole message, so verifying one keeps the body in memory: without
/// [`Verifier::with_max_body`], a body above this many bytes (16 MiB) is `body_too_large` when an Ed25519
/// signature is to be checked. HMAC verification streams and needs no such bound.
pub const DEFAULT_MAX_BUFFERED_BODY: usize = 16 << 20;

/// The DER prefix of a 44-byte X.509 SubjectPublicKeyInfo holding an Ed25519 key (RFC 8410); the 32-byte key follows.
const ED25519_SPKI_PREFIX: [u8; 12] = [0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00];

type HmacSha256 = Hmac<Sha256>;

/// Errors of the webhook area. Each variant's code is stable (see [`WebhookError::code`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
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
    /// Code `too_many_headers`: the request carries more than [`MAX_HEADERS`] headers.
    #[error("{count} headers, more than the {max} a webhook request may carry")]
    TooManyHeaders {
        /// How many headers were given.
        count: usize,
        /// [`MAX_HEADERS`].
        max: usize,
    },
    /// Code `header_too_large`: a header the scheme reads is longer than [`MAX_HEADER_BYTES`].
    #[error("header {name:?} is {size} bytes long, more than the {max} allowed")]
    HeaderTooLarge {
        /// The header's name as the scheme spells it.
        name: String,
        /// Its length in bytes.
        size: usize,
        /// [`MAX_HEADER_BYTES`].
        max: usize,
    },
    /// Code `body_too_large`: the body exceeds the configured maximum size (or, for Ed25519, the default
    /// [`DEFAULT_MAX_BUFFERED_BODY`]).
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

/// How a signature is written in its header.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Encoding {
    /// Hexadecimal (either case is read; lowercase is written).
    Hex,
    /// Standard base64 with padding.
    Base64,
}

impl Encoding {
    /// Parses `hex` or `base64` (ASCII case-insensitive); `None` for anything else.
    pub fn parse(name: &str) -> Option<Self> {
        if name.eq_ignore_ascii_case("hex") {
            Some(Encoding::Hex)
        } else if name.eq_ignore_ascii_case("base64") {
            Some(Encoding::Base64)
        } else {
            None
        }
    }

    fn decode(self, text: &str) -> Option<Vec<u8>> {
        match self {
            Encoding::Hex => decode_hex(text),
            Encoding::Base64 => BASE64.decode(text).ok(),
        }
    }

    fn encode(self, bytes: &[u8]) -> String {
        match self {
            Encoding::Hex => hex(bytes),
            Encoding::Base64 => BASE64.encode(bytes),
        }
    }
}

/// The generic HMAC-SHA256 scheme's configuration (also what the Odoo preset uses).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HmacConfig {
    /// The signature header's name, e.g. `X-Odoo-Signature`.
    pub header: String,
    /// A prefix the signature carries before its encoded bytes, e.g. `sha256=`; required when set.
    pub prefix: Option<String>,
    /// How the MAC is encoded.
    pub encoding: Encoding,
    /// When set, this header holds unix seconds, the signed content is `timestamp + "." + body`, and the
    /// timestamp is checked against the tolerance. The header is then required.
    pub timestamp_header: Option<String>,
}

impl HmacConfig {
    /// The rental site's Odoo default: `X-Odoo-Signature: sha256=<hex>` of the raw body, and, when `timestamped`,
    /// a required `X-Odoo-Timestamp` signed as `timestamp + "." + body`.
    pub fn odoo(timestamped: bool) -> Self {
        HmacConfig {
            header: "X-Odoo-Signature".to_owned(),
            prefix: Some("sha256=".to_owned()),
            encoding: Encoding::Hex,
            timestamp_header: timestamped.then(|| "X-Odoo-Timestamp".to_owned()),
        }
    }
}

/// Which scheme a verifier speaks.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Scheme {
    /// `SC-Signature`: lowercase hex HMAC-SHA256 of the body, keyed with the application management token.
    Smartcar,
    /// Standard Webhooks (and Svix): `v1` base64 HMAC-SHA256 or `v1a` base64 Ed25519 of `id.timestamp.body`.
    StandardWebhooks,
    /// `Stripe-Signature: t=..,v1=..`: hex HMAC-SHA256 of `t.body`, keyed with the whole secret string.
    Stripe,
    /// `X-Hub-Signature-256: sha256=<hex>` of the body.
    Github,
    /// `X-Shopify-Hmac-Sha256: <base64>` of the body.
    Shopify,
    /// A configurable HMAC-SHA256 header (the Odoo preset is one).
    Hmac(HmacConfig),
}

/// Whether and against what instant timestamps are checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeCheck {
    /// Check timestamps against this unix time, in seconds.
    At(i64),
    /// Do not check timestamps (they are still parsed strictly and reported). For replaying stored deliveries.
    Skip,
}

/// What a successful verification reports. Never the parsed body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verified {
    /// The position, in the list of secrets given, of the key whose signature matched.
    pub key_index: usize,
    /// The message id (`webhook-id`), for schemes that carry one.
    pub msg_id: Option<String>,
    /// The signed timestamp (unix seconds), for schemes that carry one.
    pub timestamp: Option<i64>,
}

/// One key of a verifier.
#[derive(Clone)]
enum Key {
    /// An HMAC-SHA256 key, already absorbed into the MAC state (cloned per message).
    Hmac(HmacSha256),
    /// An Ed25519 public key (Standard Webhooks `whpk_`).
    Public(VerifyingKey),
    /// An Ed25519 signing key (Standard Webhooks `whsk_`); also verifies.
    Secret(SigningKey),
}

impl Key {
    fn hmac(index: usize, bytes: &[u8]) -> Result<Self, WebhookError> {
        if bytes.is_empty() {
            return Err(WebhookError::InvalidSecret { index, reason: "the key is empty" });
        }
        HmacSha256::new_from_slice(bytes)
            .map(Key::Hmac)
            .map_err(|_| WebhookError::InvalidSecret { index, reason: "not a usable HMAC key" })
    }

    fn public(&self) -> Option<VerifyingKey> {
        match self {
            Key::Hmac(_) => None,
            Key::Public(k) => Some(*k),
            Key::Secret(k) => Some(k.verifying_key()),
        }
    }
}

/// Verifies (and signs) webhook requests of one scheme with one or more keys.
#[derive(Clone)]
pub struct Verifier {
    scheme: Scheme,
    keys: Vec<Key>,
    weak: Vec<usize>,
    tolerance_past: u64,
    tolerance_future: u64,
    max_body: Option<usize>,
}

impl std::fmt::Debug for Verifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Keys are never printed.
        f.debug_struct("Verifier")
            .field("scheme", &self.scheme)
            .field("keys", &self.keys.len())
            .field("weak", &self.weak)
            .field("tolerance_past", &self.tolerance_past)
            .field("tolerance_future", &self.tolerance_future)
            .field("max_body", &self.max_body)
            .finish()
    }
}

impl Verifier {
    fn build(
        scheme: Scheme,
        secrets: &[&str],
        key: impl Fn(usize, &str) -> Result<Key, WebhookError>,
    ) -> Result<Self, WebhookError> {
        if secrets.is_empty() {
            return Err(WebhookError::InvalidSecret { index: 0, reason: "no secret given" });
        }
        let mut keys = Vec::with_capacity(secrets.len());
        let mut weak = Vec::new();
        for (index, secret) in secrets.iter().enumerate() {
            let k = key(index, secret)?;
            if let Key::Hmac(_) = k {
                if key_len(&scheme, secret) < WEAK_KEY_BYTES {
                    weak.push(index);
                }
            }
            keys.push(k);
        }
        Ok(Verifier {
            scheme,
            keys,
            weak,
            tolerance_past: DEFAULT_TOLERANCE,
            tolerance_future: DEFAULT_TOLERANCE,
            max_body: None,
        })
    }

    fn utf8_keys(scheme: Scheme, secrets: &[&str]) -> Result<Self, WebhookError> {
        Self::build(scheme, secrets, |i, s| Key::hmac(i, s.as_bytes()))
    }

    /// Smartcar: `SC-Signature` keyed with the application management token(s).
    pub fn smartcar(amts: &[&str]) -> Result<Self, WebhookError> {
        Self::utf8_keys(Scheme::Smartcar, amts)
    }

    /// Standard Webhooks / Svix. Each secret is `whsec_<base64>` (or bare base64) for `v1` HMAC, `whpk_<base64>` of a
    /// raw 32-byte or 44-byte SPKI DER Ed25519 public key for `v1a`, or `whsk_<base64>` of a 32-byte Ed25519 seed
    /// (signs `v1a`, and verifies). Base64 is strict (padding, no whitespace).
    pub fn standard_webhooks(secrets: &[&str]) -> Result<Self, WebhookError> {
        Self::build(Scheme::StandardWebhooks, secrets, standard_key)
    }

    /// Stripe: keyed with the UTF-8 of each whole secret string, `whsec_` included.
    pub fn stripe(secrets: &[&str]) -> Result<Self, WebhookError> {
        Self::utf8_keys(Scheme::Stripe, secrets)
    }

    /// GitHub: `X-Hub-Signature-256`.
    pub fn github(secrets: &[&str]) -> Result<Self, WebhookError> {
        Self::utf8_keys(Scheme::Github, secrets)
    }

    /// Shopify: `X-Shopify-Hmac-Sha256`.
    pub fn shopify(secrets: &[&str]) -> Result<Self, WebhookError> {
        Self::utf8_keys(Scheme::Shopify, secrets)
    }

    /// The rental site's Odoo webhooks ([`HmacConfig::odoo`]).
    pub fn odoo(secrets: &[&str], timestamped: bool) -> Result<Self, WebhookError> {
        Self::utf8_keys(Scheme::Hmac(HmacConfig::odoo(timestamped)), secrets)
    }

    /// The generic HMAC-SHA256 scheme. Empty header names are `malformed_header`.
    pub fn hmac(secrets: &[&str], config: HmacConfig) -> Result<Self, WebhookError> {
        let names = std::iter::once(&config.header).chain(config.timestamp_header.as_ref());
        if let Some(empty) = names.into_iter().find(|n| n.trim().is_empty() || n.contains(':')) {
            return Err(WebhookError::MalformedHeader { name: empty.clone(), reason: "not a usable header name" });
        }
        Self::utf8_keys(Scheme::Hmac(config), secrets)
    }

    /// Sets the timestamp tolerance, in seconds, into the past and into the future (inclusive bounds).
    pub fn with_tolerance(mut self, past: u64, future: u64) -> Self {
        self.tolerance_past = past;
        self.tolerance_future = future;
        self
    }

    /// Rejects bodies longer than `max` bytes with `body_too_large` (also raises the
    /// [`DEFAULT_MAX_BUFFERED_BODY`] bound of Ed25519 verification to `max`).
    pub fn with_max_body(mut self, max: usize) -> Self {
        self.max_body = Some(max);
        self
    }

    /// The scheme this verifier speaks.
    pub fn scheme(&self) -> &Scheme {
        &self.scheme
    }

    /// Positions of the HMAC keys shorter than [`WEAK_KEY_BYTES`] bytes (accepted, but worth replacing).
    pub fn weak_keys(&self) -> &[usize] {
        &self.weak
    }

    /// Verifies a request: `headers` as (name, value) pairs, the raw `body`, and the time check.
    pub fn verify<K: AsRef<str>, V: AsRef<str>>(
        &self,
        headers: &[(K, V)],
        body: &[u8],
        time: TimeCheck,
    ) -> Result<Verified, WebhookError> {
        let mut stream = self.stream(headers, time)?;
        stream.update(body)?;
        stream.finish()
    }

    /// Starts verifying a body that arrives in pieces: the headers are read and checked now (the signed content
    /// starts with some of them), then [`VerifyStream::update`] takes each chunk and [`VerifyStream::finish`] says
    /// whether the signature matches.
    pub fn stream<K: AsRef<str>, V: AsRef<str>>(
        &self,
        headers: &[(K, V)],
        time: TimeCheck,
    ) -> Result<VerifyStream, WebhookError> {
        let request = self.read_headers(headers)?;
        if let (Some(ts), TimeCheck::At(now)) = (request.timestamp, time) {
            self.check_time(ts, now)?;
        }
        let mut macs: Vec<Option<HmacSha256>> = Vec::with_capacity(self.keys.len());
        let wants_hmac = request.candidates.iter().any(|c| c.kind == Kind::Hmac);
        let wants_ed25519 = request.candidates.iter().any(|c| c.kind == Kind::Ed25519);
        for key in &self.keys {
            macs.push(match key {
                Key::Hmac(mac) if wants_hmac => {
                    let mut mac = mac.clone();
                    mac.update(&request.prefix);
                    Some(mac)
                }
                _ => None,
            })
        }
        let message = wants_ed25519.then(|| request.prefix.clone());
        let publics = if wants_ed25519 { self.keys.iter().map(Key::public).collect() } else { Vec::new() };
        Ok(VerifyStream { request, macs, publics, message, size: 0, max_body: self.max_body })
    }

    /// Signs `body` with the first key, returning the headers to send. `msg_id` (Standard Webhooks) defaults to
    /// `msg_` + the first 32 hex digits of SHA-256(`timestamp.body`), so signing is deterministic; `timestamp` (unix
    /// seconds) is required by the schemes that sign one and ignored by the others.
    pub fn sign(
        &self,
        body: &[u8],
        msg_id: Option<&str>,
        timestamp: Option<i64>,
    ) -> Result<Vec<(String, String)>, WebhookError> {
        let needs_time = matches!(&self.scheme, Scheme::StandardWebhooks | Scheme::Stripe)
            || matches!(&self.scheme, Scheme::Hmac(c) if c.timestamp_header.is_some());
        let ts = match timestamp {
            Some(t) if t < 0 => return Err(WebhookError::InvalidTimestamp { value: t.to_string() }),
            Some(t) => t.to_string(),
            None if needs_time => return Err(WebhookError::InvalidTimestamp { value: String::new() }),
            None => String::new(),
        };
        let mac = |prefix: &[u8]| -> Result<Vec<u8>, WebhookError> {
            match &self.keys[0] {
                Key::Hmac(m) => {
                    let mut m = m.clone();
                    m.update(prefix);
                    m.update(body);
                    Ok(m.finalize().into_bytes().to_vec())
                }
                _ => Err(WebhookError::InvalidSecret { index: 0, reason: "an Ed25519 key cannot make an HMAC" }),
            }
        };
        let headers = match &self.scheme {
            Scheme::Smartcar => vec![("SC-Signature".to_owned(), hex(&mac(b"")?))],
            Scheme::Github => vec![("X-Hub-Signature-256".to_owned(), format!("sha256={}", hex(&mac(b"")?)))],
            Scheme::Shopify => vec![("X-Shopify-Hmac-Sha256".to_owned(), BASE64.encode(mac(b"")?))],
            Scheme::Stripe => {
                let sig = hex(&mac(format!("{ts}.").as_bytes())?);
                vec![("Stripe-Signature".to_owned(), format!("t={ts},v1={sig}"))]
            }
            Scheme::Hmac(config) => {
                let prefix = if config.timestamp_header.is_some() { format!("{ts}.") } else { String::new() };
                let sig = config.encoding.encode(&mac(prefix.as_bytes())?);
                let mut out = vec![(config.header.clone(), format!("{}{sig}", config.prefix.as_deref().unwrap_or("")))];
                if let Some(name) = &config.timestamp_header {
                    out.push((name.clone(), ts));
                }
                out
            }
            Scheme::StandardWebhooks => {
                let id = match msg_id {
                    Some(id) if id.is_empty() || id.contains(|c: char| c.is_ascii_control()) => {
                        return Err(WebhookError::MalformedHeader {
                            name: "webhook-id".to_owned(),
                            reason: "empty or with control characters",
                        })
                    }
                    Some(id) => id.to_owned(),
                    None => {
                        let digest =
                            Sha256::new().chain_update(ts.as_bytes()).chain_update(b".").chain_update(body).finalize();
                        format!("msg_{}", &hex(&digest)[..32])
                    }
                };
                let prefix = format!("{id}.{ts}.");
                let signature = match &self.keys[0] {
                    Key::Hmac(_) => format!("v1,{}", BASE64.encode(mac(prefix.as_bytes())?)),
                    Key::Secret(k) => {
                        let mut message = Vec::with_capacity(prefix.len() + body.len());
                        message.extend_from_slice(prefix.as_bytes());
                        message.extend_from_slice(body);
                        format!("v1a,{}", BASE64.encode(k.sign(&message).to_bytes()))
                    }
                    Key::Public(_) => {
                        return Err(WebhookError::InvalidSecret {
                            index: 0,
                            reason: "a public key (whpk_) cannot sign",
                        })
                    }
                };
                vec![
                    ("webhook-id".to_owned(), id),
                    ("webhook-timestamp".to_owned(), ts),
                    ("webhook-signature".to_owned(), signature),
                ]
            }
        };
        Ok(headers)
    }

    fn check_time(&self, ts: i64, now: i64) -> Result<(), WebhookError> {
        let delta = i128::from(now) - i128::from(ts);
        let clamp = |d: i128| i64::try_from(d).unwrap_or(i64::MAX);
        if delta > i128::from(self.tolerance_past) {
            return Err(WebhookError::TimestampTooOld {
                timestamp: ts,
                now,
                age: clamp(delta),
                tolerance: self.tolerance_past,
            });
        }
        if -delta > i128::from(self.tolerance_future) {
            return Err(WebhookError::TimestampTooNew {
                timestamp: ts,
                now,
                ahead: clamp(-delta),
                tolerance: self.tolerance_future,
            });
        }
        Ok(())
    }

    /// Reads the scheme's headers into the signed prefix, the timestamp and the candidate signatures.
    fn read_headers<K: AsRef<str>, V: AsRef<str>>(&self, headers: &[(K, V)]) -> Result<Request, WebhookError> {
        if headers.len() > MAX_HEADERS {
            return Err(WebhookError::TooManyHeaders { count: headers.len(), max: MAX_HEADERS });
        }
        let h = HeaderLookup(headers);
        match &self.scheme {
            Scheme::Smartcar => single(&h, "SC-Signature", None, "", Encoding::Hex),
            Scheme::Github => single(&h, "X-Hub-Signature-256", None, "sha256=", Encoding::Hex),
            Scheme::Shopify => {
                let name = if h.get("X-Shopify-Hmac-Sha256")?.is_some() {
                    "X-Shopify-Hmac-Sha256"
                } else {
                    "shopify-hmac-sha256"
                };
                single(&h, name, None, "", Encoding::Base64)
            }
            Scheme::Hmac(c) => {
                single(&h, &c.header, c.timestamp_header.as_deref(), c.prefix.as_deref().unwrap_or(""), c.encoding)
            }
            Scheme::Stripe => stripe_request(&h),
            Scheme::StandardWebhooks => standard_request(&h),
        }
    }
}

/// The length in bytes of the key a secret gives (for the weak-key flag).
fn key_len(scheme: &Scheme, secret: &str) -> usize {
    match scheme {
        Scheme::StandardWebhooks => standard_secret_bytes(secret).map(|b| b.len()).unwrap_or(0),
        _ => secret.len(),
    }
}

fn standard_secret_bytes(secret: &str) -> Option<Vec<u8>> {
    BASE64.decode(secret.strip_prefix("whsec_").unwrap_or(secret)).ok()
}

fn standard_key(index: usize, secret: &str) -> Result<Key, WebhookError> {
    let bad = |reason| WebhookError::InvalidSecret { index, reason };
    if let Some(b64) = secret.strip_prefix("whpk_") {
        let bytes = BASE64.decode(b64).map_err(|_| bad("whpk_ key is not strict base64"))?;
        let raw: [u8; 32] = match bytes.len() {
            32 => bytes[..].try_into().map_err(|_| bad("bad key length"))?,
            44 if bytes[..12] == ED25519_SPKI_PREFIX => bytes[12..].try_into().map_err(|_| bad("bad key length"))?,
            _ => return Err(bad("whpk_ key is neither a 32-byte Ed25519 key nor its 44-byte SubjectPublicKeyInfo")),
        };
        return VerifyingKey::from_bytes(&raw).map(Key::Public).map_err(|_| bad("not a valid Ed25519 public key"));
    }
    if let Some(b64) = secret.strip_prefix("whsk_") {
        let bytes = BASE64.decode(b64).map_err(|_| bad("whsk_ key is not strict base64"))?;
        let seed: [u8; 32] = bytes[..].try_into().map_err(|_| bad("whsk_ key is not a 32-byte Ed25519 seed"))?;
        return Ok(Key::Secret(SigningKey::from_bytes(&seed)));
    }
    let bytes = standard_secret_bytes(secret).ok_or_else(|| bad("whsec_ secret is not strict base64"))?;
    Key::hmac(index, &bytes)
}

/// What a signature token is checked with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Hmac,
    Ed25519,
}

/// One decoded signature from the header.
struct Candidate {
    kind: Kind,
    bytes: Vec<u8>,
}

/// What the headers of one request say.
struct Request {
    /// Signed bytes that precede the body (`id.ts.`, `t.`, or nothing).
    prefix: Vec<u8>,
    msg_id: Option<String>,
    timestamp: Option<i64>,
    candidates: Vec<Candidate>,
}

impl Request {
    fn new(
        header: &str,
        prefix: Vec<u8>,
        timestamp: Option<i64>,
        candidates: Vec<Candidate>,
    ) -> Result<Self, WebhookError> {
        if candidates.is_empty() {
            return Err(WebhookError::NoSupportedSignature { name: header.to_owned() });
        }
        Ok(Request { prefix, msg_id: None, timestamp, candidates })
    }
}

/// Case-insensitive lookup over (name, value) pairs; a header present twice is malformed.
struct HeaderLookup<'a, K, V>(&'a [(K, V)]);

impl<K: AsRef<str>, V: AsRef<str>> HeaderLookup<'_, K, V> {
    fn get(&self, name: &str) -> Result<Option<&str>, WebhookError> {
        let mut found = None;
        for (k, v) in self.0 {
            if k.as_ref().eq_ignore_ascii_case(name) {
                if found.is_some() {
                    return Err(WebhookError::MalformedHeader {
                        name: name.to_owned(),
                        reason: "given more than once",
                    });
                }
                found = Some(v.as_ref());
            }
        }
        if let Some(value) = found.filter(|v| v.len() > MAX_HEADER_BYTES) {
            return Err(WebhookError::HeaderTooLarge {
                name: name.to_owned(),
                size: value.len(),
                max: MAX_HEADER_BYTES,
            });
        }
        Ok(found)
    }

    fn require(&self, name: &str) -> Result<&str, WebhookError> {
        self.get(name)?.ok_or_else(|| WebhookError::MissingHeader { name: name.to_owned() })
    }
}

/// Optional whitespace around a header value or token (space and tab, as HTTP allows).
fn trim_ows(s: &str) -> &str {
    s.trim_matches(|c| c == ' ' || c == '\t')
}

/// Parses unix seconds strictly: ASCII digits only, no sign, space or fraction, within `i64`.
pub fn parse_timestamp(text: &str) -> Result<i64, WebhookError> {
    let bad = || WebhookError::InvalidTimestamp { value: text.to_owned() };
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    text.parse::<i64>().map_err(|_| bad())
}

/// A scheme with one signature token in one header, optionally with a timestamp header.
fn single<K: AsRef<str>, V: AsRef<str>>(
    h: &HeaderLookup<'_, K, V>,
    name: &str,
    timestamp_header: Option<&str>,
    prefix: &str,
    encoding: Encoding,
) -> Result<Request, WebhookError> {
    let value = h.require(name)?;
    let (signed_prefix, timestamp) = match timestamp_header {
        Some(ts_name) => {
            let text = h.require(ts_name)?;
            let ts = parse_timestamp(text)?;
            (format!("{text}.").into_bytes(), Some(ts))
        }
        None => (Vec::new(), None),
    };
    let token = trim_ows(value);
    let candidates = token
        .strip_prefix(prefix)
        .filter(|t| !t.is_empty())
        .and_then(|t| encoding.decode(t))
        .map(|bytes| Candidate { kind: Kind::Hmac, bytes })
        .into_iter()
        .collect();
    Request::new(name, signed_prefix, timestamp, candidates)
}

fn stripe_request<K: AsRef<str>, V: AsRef<str>>(h: &HeaderLookup<'_, K, V>) -> Result<Request, WebhookError> {
    const NAME: &str = "Stripe-Signature";
    let value = h.require(NAME)?;
    let mut timestamp: Option<&str> = None;
    let mut candidates = Vec::new();
    let mut count = 0;
    for item in value.split(',') {
        let item = trim_ows(item);
        let Some((key, val)) = item.split_once('=') else { continue };
        if key == "t" {
            if timestamp.replace(val).is_some() {
                return Err(WebhookError::MalformedHeader { name: NAME.to_owned(), reason: "more than one t=" });
            }
            continue;
        }
        count += 1;
        if count > MAX_SIGNATURES {
            let total = value.split(',').filter(|i| !trim_ows(i).starts_with("t=")).count();
            return Err(WebhookError::TooManySignatures { name: NAME.to_owned(), count: total });
        }
        if key == "v1" && !val.is_empty() {
            if let Some(bytes) = decode_hex(val) {
                candidates.push(Candidate { kind: Kind::Hmac, bytes });
            }
        }
    }
    let text = timestamp.ok_or(WebhookError::MalformedHeader { name: NAME.to_owned(), reason: "no t= timestamp" })?;
    let ts = parse_timestamp(text)?;
    Request::new(NAME, format!("{text}.").into_bytes(), Some(ts), candidates)
}

fn standard_request<K: AsRef<str>, V: AsRef<str>>(h: &HeaderLookup<'_, K, V>) -> Result<Request, WebhookError> {
    // The webhook-* family, or svix-* when webhook-id is absent; never a mix.
    const WEBHOOK: [&str; 3] = ["webhook-id", "webhook-timestamp", "webhook-signature"];
    const SVIX: [&str; 3] = ["svix-id", "svix-timestamp", "svix-signature"];
    let family = if h.get(WEBHOOK[0])?.is_some() || h.get(SVIX[0])?.is_none() { WEBHOOK } else { SVIX };
    let [id_name, ts_name, sig_name] = family;
    let id = h.require(id_name)?;
    if id.is_empty() {
        return Err(WebhookError::MalformedHeader { name: id_name.to_owned(), reason: "empty message id" });
    }
    let ts_text = h.require(ts_name)?;
    let ts = parse_timestamp(ts_text)?;
    let value = h.require(sig_name)?;
    let tokens: Vec<&str> = value.split([' ', '\t']).filter(|t| !t.is_empty()).collect();
    if tokens.len() > MAX_SIGNATURES {
        return Err(WebhookError::TooManySignatures { name: sig_name.to_owned(), count: tokens.len() });
    }
    let candidates = tokens
        .iter()
        .filter_map(|token| {
            let (version, sig) = token.split_once(',')?;
            let kind = match version {
                "v1" => Kind::Hmac,
                "v1a" => Kind::Ed25519,
                _ => return None,
            };
            let bytes = BASE64.decode(sig).ok().filter(|b| !b.is_empty())?;
            Some(Candidate { kind, bytes })
        })
        .collect();
    let mut request = Request::new(sig_name, format!("{id}.{ts_text}.").into_bytes(), Some(ts), candidates)?;
    request.msg_id = Some(id.to_owned());
    Ok(request)
}

/// A verification in progress over a body that arrives in chunks (see [`Verifier::stream`]).
pub struct VerifyStream {
    request: Request,
    /// One running MAC per key (`None` for keys no candidate needs).
    macs: Vec<Option<HmacSha256>>,
    /// The whole signed message, kept only when an Ed25519 candidate needs it (Ed25519 signs the full message).
    message: Option<Vec<u8>>,
    /// One Ed25519 public key per key (`None` for HMAC keys); empty when no Ed25519 candidate is present.
    publics: Vec<Option<VerifyingKey>>,
    size: usize,
    max_body: Option<usize>,
}

impl VerifyStream {
    /// Feeds the next chunk of the raw body. Fails with `body_too_large` once the configured maximum is exceeded
    /// (for a request with an Ed25519 signature and no configured maximum, [`DEFAULT_MAX_BUFFERED_BODY`]).
    pub fn update(&mut self, chunk: &[u8]) -> Result<(), WebhookError> {
        self.size = self.size.saturating_add(chunk.len());
        let buffered_max = self.message.is_some().then_some(DEFAULT_MAX_BUFFERED_BODY);
        if let Some(max) = self.max_body.or(buffered_max) {
            if self.size > max {
                return Err(WebhookError::BodyTooLarge { size: self.size, max });
            }
        }
        for mac in self.macs.iter_mut().flatten() {
            mac.update(chunk);
        }
        if let Some(message) = &mut self.message {
            message.extend_from_slice(chunk);
        }
        Ok(())
    }

    /// Compares every key's MAC (or Ed25519 verification) with every candidate signature.
    pub fn finish(self) -> Result<Verified, WebhookError> {
        let VerifyStream { request, macs, publics, message, .. } = self;
        let keys = macs.len();
        let ok = |key_index| Verified { key_index, msg_id: request.msg_id.clone(), timestamp: request.timestamp };
        for (index, mac) in macs.into_iter().enumerate() {
            if let Some(mac) = mac {
                let tag = mac.finalize().into_bytes();
                let mut matched = subtle::Choice::from(0);
                for c in request.candidates.iter().filter(|c| c.kind == Kind::Hmac) {
                    matched |= tag.as_slice().ct_eq(&c.bytes);
                }
                if bool::from(matched) {
                    return Ok(ok(index));
                }
            }
            if let (Some(Some(public)), Some(message)) = (publics.get(index), &message) {
                for c in request.candidates.iter().filter(|c| c.kind == Kind::Ed25519) {
                    let Ok(signature) = Signature::from_slice(&c.bytes) else { continue };
                    if public.verify_strict(message, &signature).is_ok() {
                        return Ok(ok(index));
                    }
                }
            }
        }
        Err(WebhookError::InvalidSignature { checked: request.candidates.len(), keys })
    }
}

/// Lowercase hex of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(DIGITS[usize::from(b >> 4)] as char);
        out.push(DIGITS[usize::from(b & 15)] as char);
    }
    out
}

/// Decodes hex (either case); `None` for an odd length or a non-hex character.
fn decode_hex(text: &str) -> Option<Vec<u8>> {
    let digit = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
    let bytes = text.as_bytes();
    if !bytes.len().is_multiple_of(2) || bytes.is_empty() {
        return None;
    }
    bytes.chunks_exact(2).map(|p| Some(digit(p[0])? << 4 | digit(p[1])?)).collect()
}

/// HMAC-SHA256 of `message` keyed with `key`, as lowercase hex (Smartcar's challenge reply uses it).
pub fn hmac_sha256_hex(key: &[u8], message: &[u8]) -> String {
    let mut mac = HmacSha256::new_from_slice(key).expect("HMAC accepts keys of any length");
    mac.update(message);
    hex(&mac.finalize().into_bytes())
}
