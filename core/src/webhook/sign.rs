//! Signing, for every preset (so callers can test their endpoints, and the rental site can sign what it sends).

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use ed25519_dalek::Signer as _;
use hmac::Mac;
use sha2::{Digest as _, Sha256};

use super::presets::Key;
use super::template::{render, Values};
use super::{hex, Scheme, Verifier, WebhookError};

/// The default message id: `msg_` + the first 32 hex digits of SHA-256(`timestamp.body`).
fn derived_id(ts: &str, body: &[u8]) -> String {
    let digest = Sha256::new().chain_update(ts.as_bytes()).chain_update(b".").chain_update(body).finalize();
    format!("msg_{}", &hex(&digest)[..32])
}

impl Verifier {
    /// Signs `body` with the first key, returning the headers to send. `msg_id` (Standard Webhooks, and the
    /// generic scheme's `{id}`) defaults to `msg_` + the first 32 hex digits of SHA-256(`timestamp.body`), so
    /// signing is deterministic; `timestamp` (unix seconds) is required by the schemes that sign one and ignored
    /// by the others.
    pub fn sign(
        &self,
        body: &[u8],
        msg_id: Option<&str>,
        timestamp: Option<i64>,
    ) -> Result<Vec<(String, String)>, WebhookError> {
        self.sign_with_headers::<&str, &str>(body, msg_id, timestamp, &[])
    }

    /// [`Verifier::sign`], with the values of the headers a generic `signed_content` template names
    /// (`{header:Name}`; a missing one is `missing_header`). They are returned with the other headers to send.
    pub fn sign_with_headers<K: AsRef<str>, V: AsRef<str>>(
        &self,
        body: &[u8],
        msg_id: Option<&str>,
        timestamp: Option<i64>,
        headers: &[(K, V)],
    ) -> Result<Vec<(String, String)>, WebhookError> {
        let needs_time = matches!(&self.scheme, Scheme::StandardWebhooks | Scheme::Stripe)
            || matches!(&self.scheme, Scheme::Hmac(c) if c.timestamp_header.is_some());
        let ts = match timestamp {
            Some(t) if t < 0 => return Err(WebhookError::InvalidTimestamp { value: t.to_string() }),
            Some(t) => t.to_string(),
            None if needs_time => return Err(WebhookError::InvalidTimestamp { value: String::new() }),
            None => String::new(),
        };
        let mac_around = |prefix: &[u8], suffix: &[u8]| -> Result<Vec<u8>, WebhookError> {
            match &self.keys[0] {
                Key::Hmac(m) => {
                    let mut m = m.clone();
                    m.update(prefix);
                    m.update(body);
                    m.update(suffix);
                    Ok(m.finalize().into_bytes().to_vec())
                }
                _ => Err(WebhookError::InvalidSecret { index: 0, reason: "an Ed25519 key cannot make an HMAC" }),
            }
        };
        let mac = |prefix: &[u8]| mac_around(prefix, b"");
        let headers = match &self.scheme {
            Scheme::Smartcar => vec![("SC-Signature".to_owned(), hex(&mac(b"")?))],
            Scheme::Github => vec![("X-Hub-Signature-256".to_owned(), format!("sha256={}", hex(&mac(b"")?)))],
            Scheme::Shopify => vec![("X-Shopify-Hmac-Sha256".to_owned(), BASE64.encode(mac(b"")?))],
            Scheme::Stripe => {
                let sig = hex(&mac(format!("{ts}.").as_bytes())?);
                vec![("Stripe-Signature".to_owned(), format!("t={ts},v1={sig}"))]
            }
            Scheme::Hmac(config) => {
                let mut extra = Vec::new();
                let sig = match &config.signed_content {
                    None => {
                        let prefix = if config.timestamp_header.is_some() { format!("{ts}.") } else { String::new() };
                        mac(prefix.as_bytes())?
                    }
                    Some(template) => {
                        let id = config
                            .id_header
                            .as_ref()
                            .map(|_| msg_id.map_or_else(|| derived_id(&ts, body), str::to_owned));
                        if let (Some(name), Some(id)) = (&config.id_header, &id) {
                            if id.is_empty() || id.contains(|c: char| c.is_ascii_control()) {
                                return Err(WebhookError::MalformedHeader {
                                    name: name.clone(),
                                    reason: "empty or with control characters",
                                });
                            }
                        }
                        let mut named: Vec<(String, String)> = Vec::new();
                        for name in template.headers() {
                            let given = headers.iter().find(|(k, _)| k.as_ref().eq_ignore_ascii_case(name));
                            let value = given.ok_or_else(|| WebhookError::MissingHeader { name: name.to_owned() })?;
                            named.push((name.to_owned(), value.1.as_ref().to_owned()));
                        }
                        let lookup = |name: &str| {
                            named.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
                        };
                        let values = Values {
                            timestamp: config.timestamp_header.as_ref().map(|_| ts.as_str()),
                            id: id.as_deref(),
                            header: &lookup,
                        };
                        let sig = mac_around(&render(&template.before, &values), &render(&template.after, &values))?;
                        if let (Some(name), Some(id)) = (&config.id_header, &id) {
                            extra.push((name.clone(), id.clone()));
                        }
                        extra.extend(named.iter().cloned());
                        sig
                    }
                };
                let sig = config.encoding.encode(&sig);
                let mut out = vec![(config.header.clone(), format!("{}{sig}", config.prefix.as_deref().unwrap_or("")))];
                if let Some(name) = &config.timestamp_header {
                    out.push((name.clone(), ts));
                }
                out.extend(extra);
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
                    None => derived_id(&ts, body),
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
}
