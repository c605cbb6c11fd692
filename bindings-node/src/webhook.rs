//! `webhooks` namespace: wraps `fleetgate::webhook` (verification and signing of webhook requests).

use std::time::{SystemTime, UNIX_EPOCH};

use fleetgate::webhook::{self as core, Encoding, HmacConfig, TimeCheck, WebhookError};
use napi::bindgen_prelude::{Either, Either3, Function, JsObjectValue, Object, Uint8Array, Unknown};
use napi::{Env, ValueType};
use napi_derive::napi;

use crate::errors::{guard, to_js_err};

/// One secret or several (the first signs, all verify).
type Secrets = Either<String, Vec<String>>;
/// A raw body as JS holds it: bytes (`Buffer`, `Uint8Array`) or text (encoded as UTF-8); anything else is
/// `body_not_bytes`.
pub(crate) type Body<'a> = Either3<Uint8Array, String, Unknown<'a>>;

/// Options of the presets that sign a timestamp.
#[napi(object, namespace = "webhooks")]
pub struct TimedOptions {
    /// Seconds a timestamp may be off, both directions (default 300), or `[past, future]`.
    #[napi(ts_type = "number | [number, number]")]
    pub tolerance: Option<Either<u32, Vec<u32>>>,
    /// Reject bodies longer than this many bytes (`body_too_large`).
    pub max_body: Option<u32>,
}

/// Options of the presets without a timestamp.
#[napi(object, namespace = "webhooks")]
pub struct BodyOptions {
    /// Reject bodies longer than this many bytes (`body_too_large`).
    pub max_body: Option<u32>,
}

/// Options of the Odoo preset.
#[napi(object, namespace = "webhooks")]
pub struct OdooOptions {
    /// Require `X-Odoo-Timestamp`, signed as `timestamp + "." + body` (default false).
    pub timestamped: Option<bool>,
    /// Seconds a timestamp may be off, both directions (default 300), or `[past, future]`.
    #[napi(ts_type = "number | [number, number]")]
    pub tolerance: Option<Either<u32, Vec<u32>>>,
    /// Reject bodies longer than this many bytes (`body_too_large`).
    pub max_body: Option<u32>,
}

/// The generic HMAC-SHA256 scheme's configuration.
#[napi(object, namespace = "webhooks")]
pub struct HmacOptions {
    /// The signature header's name.
    pub header: String,
    /// A prefix before the encoded MAC, e.g. `sha256=`.
    pub prefix: Option<String>,
    /// `hex` (default) or `base64`.
    pub encoding: Option<String>,
    /// A header holding unix seconds, signed as `timestamp + "." + body`.
    pub timestamp_header: Option<String>,
    /// Seconds a timestamp may be off, both directions (default 300), or `[past, future]`.
    #[napi(ts_type = "number | [number, number]")]
    pub tolerance: Option<Either<u32, Vec<u32>>>,
    /// Reject bodies longer than this many bytes (`body_too_large`).
    pub max_body: Option<u32>,
}

/// Options of `verify` and `stream`.
#[napi(object, namespace = "webhooks")]
pub struct VerifyOptions {
    /// Unix seconds to check timestamps against (default: the system clock).
    pub now: Option<i64>,
    /// `false` skips the timestamp window (for re-verifying stored deliveries). Default true.
    pub check_time: Option<bool>,
}

/// Options of `sign`.
#[napi(object, namespace = "webhooks")]
pub struct SignOptions {
    /// The Standard Webhooks message id (default: derived from the timestamp and body).
    pub msg_id: Option<String>,
    /// Unix seconds to sign (default: the system clock).
    pub timestamp: Option<i64>,
}

/// What a successful verification reports. Never the parsed body.
#[napi(object, namespace = "webhooks")]
pub struct Verified {
    /// The position of the matching secret in the list given.
    pub key_index: u32,
    /// The message id (Standard Webhooks), or null.
    pub msg_id: Option<String>,
    /// The signed timestamp (unix seconds), or null.
    pub timestamp: Option<i64>,
}

impl From<core::Verified> for Verified {
    fn from(v: core::Verified) -> Self {
        Verified { key_index: v.key_index as u32, msg_id: v.msg_id, timestamp: v.timestamp }
    }
}

fn now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}

fn time_check(options: &Option<VerifyOptions>) -> TimeCheck {
    match options {
        Some(VerifyOptions { check_time: Some(false), .. }) => TimeCheck::Skip,
        Some(VerifyOptions { now: Some(now), .. }) => TimeCheck::At(*now),
        _ => TimeCheck::At(now()),
    }
}

/// Runs `f` on the raw body; a parsed object (or any other value) is `body_not_bytes`.
pub(crate) fn with_body<T>(
    body: &Body<'_>,
    f: impl FnOnce(&[u8]) -> Result<T, WebhookError>,
) -> Result<T, WebhookError> {
    match body {
        Either3::A(bytes) => f(bytes),
        Either3::B(text) => f(text.as_bytes()),
        Either3::C(other) => {
            let got = match other.get_type() {
                Ok(ValueType::Object) => "a parsed object".to_owned(),
                Ok(t) => format!("a JS {t:?}").to_lowercase(),
                Err(_) => "an unknown value".to_owned(),
            };
            Err(WebhookError::BodyNotBytes { got })
        }
    }
}

fn bad_headers() -> WebhookError {
    WebhookError::MalformedHeader {
        name: "<headers>".to_owned(),
        reason: "headers must be a Headers or Map object, a plain object or [name, value] pairs of strings",
    }
}

/// Header pairs from `[name, value][]`, a plain object, or anything with `entries()` (`Headers`, `Map`).
fn header_pairs(headers: &Either<Vec<Vec<String>>, Object<'_>>) -> Result<Vec<(String, String)>, WebhookError> {
    let pair = |p: Vec<String>| match <[String; 2]>::try_from(p) {
        Ok([k, v]) => Ok((k, v)),
        Err(_) => Err(bad_headers()),
    };
    match headers {
        Either::A(pairs) => pairs.iter().cloned().map(pair).collect(),
        Either::B(object) => {
            let entries = object.get_named_property::<Unknown>("entries").map_err(|_| bad_headers())?;
            if entries.get_type().ok() == Some(ValueType::Function) {
                let entries: Function<(), Object> = object.get_named_property("entries").map_err(|_| bad_headers())?;
                let iterator = entries.apply(object, ()).map_err(|_| bad_headers())?;
                let next: Function<(), Object> = iterator.get_named_property("next").map_err(|_| bad_headers())?;
                let mut out = Vec::new();
                loop {
                    let step = next.apply(iterator, ()).map_err(|_| bad_headers())?;
                    if step.get_named_property::<bool>("done").map_err(|_| bad_headers())? {
                        return Ok(out);
                    }
                    out.push(pair(step.get_named_property::<Vec<String>>("value").map_err(|_| bad_headers())?)?);
                }
            }
            let keys = Object::keys(object).map_err(|_| bad_headers())?;
            keys.into_iter()
                .map(|k| object.get_named_property::<String>(&k).map(|v| (k, v)).map_err(|_| bad_headers()))
                .collect()
        }
    }
}

fn tolerance(t: &Option<Either<u32, Vec<u32>>>) -> Option<(u64, u64)> {
    match t {
        Some(Either::A(both)) => Some((u64::from(*both), u64::from(*both))),
        Some(Either::B(pair)) if pair.len() == 2 => Some((u64::from(pair[0]), u64::from(pair[1]))),
        _ => None,
    }
}

/// Verifies and signs webhook requests of one scheme. Build it with a preset (`Verifier.smartcar(amt)`,
/// `Verifier.standardWebhooks(secret)`, ...) and reuse it.
#[napi(namespace = "webhooks")]
pub struct Verifier {
    inner: core::Verifier,
}

impl Verifier {
    fn build(
        env: &Env,
        secrets: Secrets,
        make: impl FnOnce(&[&str]) -> Result<core::Verifier, WebhookError>,
        tolerance_s: Option<(u64, u64)>,
        max_body: Option<u32>,
    ) -> napi::Result<Self> {
        let owned = match secrets {
            Either::A(one) => vec![one],
            Either::B(many) => many,
        };
        let refs: Vec<&str> = owned.iter().map(String::as_str).collect();
        let mut inner = make(&refs).map_err(to_js_err(env))?;
        if let Some((past, future)) = tolerance_s {
            inner = inner.with_tolerance(past, future);
        }
        if let Some(max) = max_body {
            inner = inner.with_max_body(max as usize);
        }
        Ok(Verifier { inner })
    }
}

#[napi(namespace = "webhooks")]
impl Verifier {
    /// Standard Webhooks / Svix: `whsec_` (v1 HMAC), `whpk_` (v1a Ed25519 public key, raw or SPKI DER) or `whsk_`
    /// (Ed25519 seed, signs v1a) secrets.
    /// @throws {Error} with `code` `invalid_secret`.
    #[napi(factory)]
    pub fn standard_webhooks(env: &Env, secret: Secrets, options: Option<TimedOptions>) -> napi::Result<Self> {
        let (t, max) = options.map(|o| (tolerance(&o.tolerance), o.max_body)).unwrap_or_default();
        guard(env, || Self::build(env, secret, core::Verifier::standard_webhooks, t, max))
    }

    /// Smartcar `SC-Signature`, keyed with the application management token(s).
    /// @throws {Error} with `code` `invalid_secret`.
    #[napi(factory)]
    pub fn smartcar(env: &Env, amt: Secrets, options: Option<BodyOptions>) -> napi::Result<Self> {
        guard(env, || Self::build(env, amt, core::Verifier::smartcar, None, options.and_then(|o| o.max_body)))
    }

    /// Stripe `Stripe-Signature`, keyed with the whole secret string (`whsec_` included).
    /// @throws {Error} with `code` `invalid_secret`.
    #[napi(factory)]
    pub fn stripe(env: &Env, secret: Secrets, options: Option<TimedOptions>) -> napi::Result<Self> {
        let (t, max) = options.map(|o| (tolerance(&o.tolerance), o.max_body)).unwrap_or_default();
        guard(env, || Self::build(env, secret, core::Verifier::stripe, t, max))
    }

    /// GitHub `X-Hub-Signature-256: sha256=<hex>`.
    /// @throws {Error} with `code` `invalid_secret`.
    #[napi(factory)]
    pub fn github(env: &Env, secret: Secrets, options: Option<BodyOptions>) -> napi::Result<Self> {
        guard(env, || Self::build(env, secret, core::Verifier::github, None, options.and_then(|o| o.max_body)))
    }

    /// Shopify `X-Shopify-Hmac-Sha256: <base64>`.
    /// @throws {Error} with `code` `invalid_secret`.
    #[napi(factory)]
    pub fn shopify(env: &Env, secret: Secrets, options: Option<BodyOptions>) -> napi::Result<Self> {
        guard(env, || Self::build(env, secret, core::Verifier::shopify, None, options.and_then(|o| o.max_body)))
    }

    /// The rental site's Odoo webhooks: `X-Odoo-Signature: sha256=<hex>` of the body; with `timestamped: true`
    /// a required `X-Odoo-Timestamp` is signed as `timestamp + "." + body`.
    /// @throws {Error} with `code` `invalid_secret`.
    #[napi(factory)]
    pub fn odoo(env: &Env, secret: Secrets, options: Option<OdooOptions>) -> napi::Result<Self> {
        let (stamped, t, max) =
            options.map(|o| (o.timestamped.unwrap_or(false), tolerance(&o.tolerance), o.max_body)).unwrap_or_default();
        guard(env, || Self::build(env, secret, |s| core::Verifier::odoo(s, stamped), t, max))
    }

    /// A generic HMAC-SHA256 header (`header`, optional `prefix`, `encoding` `hex`|`base64`, optional
    /// `timestampHeader`).
    /// @throws {Error} with `code` `invalid_secret` or `malformed_header`.
    #[napi(factory)]
    pub fn hmac(env: &Env, secret: Secrets, options: HmacOptions) -> napi::Result<Self> {
        guard(env, || {
            let name = options.encoding.as_deref().unwrap_or("hex");
            let encoding = Encoding::parse(name)
                .ok_or_else(|| napi::Error::from_reason(format!("encoding must be 'hex' or 'base64', not {name:?}")))?;
            let config = HmacConfig {
                header: options.header,
                prefix: options.prefix,
                encoding,
                timestamp_header: options.timestamp_header,
            };
            let t = tolerance(&options.tolerance);
            Self::build(env, secret, |s| core::Verifier::hmac(s, config), t, options.max_body)
        })
    }

    /// Positions of the secrets shorter than 24 bytes (accepted, but worth replacing).
    #[napi(getter)]
    pub fn weak_keys(&self) -> Vec<u32> {
        self.inner.weak_keys().iter().map(|&i| i as u32).collect()
    }

    /// Verifies a request: `headers` (a `Headers`/`Map`, a plain object or `[name, value]` pairs) and the raw
    /// `body` (`Buffer`/`Uint8Array` - wrap an `ArrayBuffer` in `new Uint8Array(...)` - or the text of
    /// `await request.text()`).
    /// @throws {Error} with `code` `invalid_signature`, `timestamp_too_old`, `body_not_bytes`, ...
    #[napi]
    pub fn verify(
        &self,
        env: &Env,
        #[napi(ts_arg_type = "Headers | Map<string, string> | Record<string, string> | [string, string][]")]
        headers: Either<Vec<Vec<String>>, Object<'_>>,
        #[napi(ts_arg_type = "Uint8Array | string")] body: Body<'_>,
        options: Option<VerifyOptions>,
    ) -> napi::Result<Verified> {
        guard(env, || {
            let run = || -> Result<Verified, WebhookError> {
                let pairs = header_pairs(&headers)?;
                with_body(&body, |b| self.inner.verify(&pairs, b, time_check(&options))).map(Verified::from)
            };
            run().map_err(to_js_err(env))
        })
    }

    /// Signs `body` with the first secret and returns the headers to send, as an object.
    /// @throws {Error} with `code` `invalid_secret` or `invalid_timestamp`.
    #[napi(ts_return_type = "Record<string, string>")]
    pub fn sign<'env>(
        &self,
        env: &'env Env,
        #[napi(ts_arg_type = "Uint8Array | string")] body: Body<'_>,
        options: Option<SignOptions>,
    ) -> napi::Result<Object<'env>> {
        guard(env, || {
            let (msg_id, timestamp) = options.map(|o| (o.msg_id, o.timestamp)).unwrap_or_default();
            let ts = timestamp.unwrap_or_else(now);
            let pairs =
                with_body(&body, |b| self.inner.sign(b, msg_id.as_deref(), Some(ts))).map_err(to_js_err(env))?;
            let mut out = Object::new(env)?;
            for (name, value) in pairs {
                out.set_named_property(&name, value)?;
            }
            Ok(out)
        })
    }

    /// Starts verifying a body that arrives in chunks: `stream.update(chunk)` for each chunk, then
    /// `stream.finish()`. The headers come first because the signed content starts with some of them.
    /// @throws {Error} with the codes of `verify`.
    #[napi]
    pub fn stream(
        &self,
        env: &Env,
        #[napi(ts_arg_type = "Headers | Map<string, string> | Record<string, string> | [string, string][]")]
        headers: Either<Vec<Vec<String>>, Object<'_>>,
        options: Option<VerifyOptions>,
    ) -> napi::Result<VerifyStream> {
        guard(env, || {
            let run = || -> Result<VerifyStream, WebhookError> {
                let pairs = header_pairs(&headers)?;
                Ok(VerifyStream { inner: Some(self.inner.stream(&pairs, time_check(&options))?) })
            };
            run().map_err(to_js_err(env))
        })
    }
}

/// A verification in progress (see `Verifier.stream`): `update(chunk)` then `finish()` once.
#[napi(namespace = "webhooks")]
pub struct VerifyStream {
    inner: Option<core::VerifyStream>,
}

fn finished() -> napi::Error {
    napi::Error::from_reason("this VerifyStream has already finished")
}

#[napi(namespace = "webhooks")]
impl VerifyStream {
    /// Feeds the next chunk of the raw body.
    /// @throws {Error} with `code` `body_too_large` or `body_not_bytes`.
    #[napi]
    pub fn update(
        &mut self,
        env: &Env,
        #[napi(ts_arg_type = "Uint8Array | string")] chunk: Body<'_>,
    ) -> napi::Result<()> {
        guard(env, || {
            let stream = self.inner.as_mut().ok_or_else(finished)?;
            with_body(&chunk, |c| stream.update(c)).map_err(to_js_err(env))
        })
    }

    /// Checks the signature over everything fed so far; the stream cannot be used afterwards.
    /// @throws {Error} with `code` `invalid_signature`, ...
    #[napi]
    pub fn finish(&mut self, env: &Env) -> napi::Result<Verified> {
        guard(env, || {
            let stream = self.inner.take().ok_or_else(finished)?;
            stream.finish().map(Verified::from).map_err(to_js_err(env))
        })
    }
}
