//! The presets: a [`Verifier`] per scheme, its keys prepared once.

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use ed25519_dalek::{SigningKey, VerifyingKey};
use hmac::Mac;

use super::{HmacConfig, HmacSha256, Scheme, WebhookError, DEFAULT_TOLERANCE, WEAK_KEY_BYTES};

/// The DER prefix of a 44-byte X.509 SubjectPublicKeyInfo holding an Ed25519 key (RFC 8410); the 32-byte key follows.
const ED25519_SPKI_PREFIX: [u8; 12] = [0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00];

/// One key of a verifier.
#[derive(Clone)]
pub(super) enum Key {
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

    pub(super) fn public(&self) -> Option<VerifyingKey> {
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
    pub(super) scheme: Scheme,
    pub(super) keys: Vec<Key>,
    weak: Vec<usize>,
    pub(super) tolerance_past: u64,
    pub(super) tolerance_future: u64,
    pub(super) max_body: Option<usize>,
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

    /// The generic HMAC-SHA256 scheme. Empty header names are `malformed_header`; a `signed_content` that does
    /// not fit the other options is `invalid_signed_content`.
    pub fn hmac(secrets: &[&str], config: HmacConfig) -> Result<Self, WebhookError> {
        let names = std::iter::once(&config.header).chain(&config.timestamp_header).chain(&config.id_header);
        if let Some(empty) = names.into_iter().find(|n| n.trim().is_empty() || n.contains(':')) {
            return Err(WebhookError::MalformedHeader { name: empty.clone(), reason: "not a usable header name" });
        }
        let bad = |reason| Err(WebhookError::InvalidSignedContent { at: 0, reason });
        let (timestamped, with_id) = (config.timestamp_header.is_some(), config.id_header.is_some());
        match &config.signed_content {
            None if with_id => return bad("an id_header is only read with a signed_content that has {id}"),
            Some(t) if t.uses_timestamp() && !timestamped => return bad("{timestamp} needs a timestamp_header"),
            Some(t) if timestamped && !t.uses_timestamp() => {
                return bad("the timestamp header would be checked but not signed: add {timestamp}")
            }
            Some(t) if t.uses_id() && !with_id => return bad("{id} needs an id_header"),
            Some(t) if with_id && !t.uses_id() => return bad("the id header would be read but not signed: add {id}"),
            _ => {}
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
    /// [`super::DEFAULT_MAX_BUFFERED_BODY`] bound of Ed25519 verification to `max`).
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
