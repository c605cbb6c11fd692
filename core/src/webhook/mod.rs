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

mod error;
pub mod options;
mod presets;
mod sign;
mod stream;
mod template;
mod verify;

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha2::Sha256;

pub use error::WebhookError;
pub use options::{
    system_clock, BodyOptions, HeaderValues, HmacOptions, OdooOptions, Secrets, SignOptions, Timed, TimedOptions,
    Tolerance, UnixSeconds, Untimed, VerifyOptions,
};
pub use presets::Verifier;
pub use stream::VerifyStream;
pub use template::{SignedContent, MAX_SIGNED_CONTENT_BYTES, MAX_SIGNED_CONTENT_PLACEHOLDERS};
pub use verify::parse_timestamp;

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

type HmacSha256 = Hmac<Sha256>;

/// How a signature is written in its header.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Encoding {
    /// Hexadecimal (either case is read; lowercase is written). The default.
    #[default]
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
    /// When set, this header holds unix seconds, the signed content is `timestamp + "." + body` (unless
    /// `signed_content` says otherwise), and the timestamp is checked against the tolerance. The header is then
    /// required.
    pub timestamp_header: Option<String>,
    /// When set, this header holds the message id, signed where `signed_content` has `{id}` and reported as
    /// [`Verified::msg_id`]. The header is then required. Only with a `signed_content` that has `{id}`.
    pub id_header: Option<String>,
    /// What is signed, as a template (`{id}.{timestamp}.{body}`, see [`SignedContent`]); none: `{body}`, or
    /// `{timestamp}.{body}` with a `timestamp_header`.
    pub signed_content: Option<SignedContent>,
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
            id_header: None,
            signed_content: None,
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
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Verified {
    /// The position, in the list of secrets given, of the key whose signature matched.
    pub key_index: usize,
    /// The message id (`webhook-id`), for schemes that carry one.
    pub msg_id: Option<String>,
    /// The signed timestamp (unix seconds), for schemes that carry one.
    pub timestamp: Option<i64>,
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

#[cfg(test)]
mod tests;
