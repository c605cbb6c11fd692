//! Verifying a body that arrives in chunks (every verification is one: [`Verifier::verify`] feeds one chunk).

use ed25519_dalek::{Signature, VerifyingKey};
use hmac::Mac;
use subtle::ConstantTimeEq;

use super::presets::Key;
use super::verify::{Kind, Request};
use super::{HmacSha256, TimeCheck, Verified, Verifier, WebhookError, DEFAULT_MAX_BUFFERED_BODY};

impl Verifier {
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
        let VerifyStream { request, macs, publics, mut message, .. } = self;
        if let Some(message) = &mut message {
            message.extend_from_slice(&request.suffix);
        }
        let keys = macs.len();
        let ok = |key_index| Verified { key_index, msg_id: request.msg_id.clone(), timestamp: request.timestamp };
        for (index, mac) in macs.into_iter().enumerate() {
            if let Some(mut mac) = mac {
                mac.update(&request.suffix);
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
