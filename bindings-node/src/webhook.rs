//! `webhooks` namespace: wraps `fleetgate::webhook` (verification and signing of webhook requests).
//!
//! Every argument is decoded by the core (`crate::boundary`): secrets as `fleetgate::webhook::Secrets`, options
//! as the preset's options type, headers by `fleetgate::boundary::header_pairs`. The bodies are read here, once
//! (`with_body`), without a copy.

use fleetgate::boundary::{header_pairs, Site};
use fleetgate::webhook::{self as core, system_clock, Timed, Untimed, WebhookError};
use napi::bindgen_prelude::{ArrayBuffer, FromNapiValue, JsObjectValue, Object, Uint8Array, Unknown};
use napi::{Env, JsValue, ValueType};
use napi_derive::napi;

use crate::boundary;
use crate::errors::{guard, to_js_err};

const AREA: &str = "webhook";
const SECRET: Site = Site::coded(AREA, "invalid_secret", "secret").camel();
const OPTIONS: Site = Site::options(AREA).camel();
const HEADERS: Site = Site::argument(AREA, "headers").camel();

/// The options of the presets that sign a timestamp (`standardWebhooks`, `stripe`); decoded by the core as
/// `fleetgate::webhook::TimedOptions`.
#[napi(object, object_to_js = false, namespace = "webhooks")]
#[allow(dead_code)]
pub struct TimedOptions {
    /// Seconds a timestamp may be off, both directions, or `[past, future]` (default 300 each way).
    #[napi(ts_type = "number | [number, number]")]
    pub tolerance: Option<Vec<u32>>,
    /// Reject bodies longer than this many bytes (`body_too_large`).
    pub max_body: Option<u32>,
}

/// The options of the presets without a timestamp (`smartcar`, `github`, `shopify`); decoded by the core as
/// `fleetgate::webhook::BodyOptions`.
#[napi(object, object_to_js = false, namespace = "webhooks")]
#[allow(dead_code)]
pub struct BodyOptions {
    /// Reject bodies longer than this many bytes (`body_too_large`).
    pub max_body: Option<u32>,
}

/// The options of the Odoo preset (`fleetgate::webhook::OdooOptions`).
#[napi(object, object_to_js = false, namespace = "webhooks")]
#[allow(dead_code)]
pub struct OdooOptions {
    /// Require `X-Odoo-Timestamp`, signed as `timestamp + "." + body` (default false).
    pub timestamped: Option<bool>,
    /// Seconds a timestamp may be off, both directions, or `[past, future]` (default 300 each way).
    #[napi(ts_type = "number | [number, number]")]
    pub tolerance: Option<Vec<u32>>,
    /// Reject bodies longer than this many bytes (`body_too_large`).
    pub max_body: Option<u32>,
}

/// The generic HMAC-SHA256 scheme's configuration (`fleetgate::webhook::HmacOptions`).
#[napi(object, object_to_js = false, namespace = "webhooks")]
#[allow(dead_code)]
pub struct HmacOptions {
    /// The signature header's name.
    pub header: String,
    /// A prefix before the encoded MAC, e.g. `sha256=`.
    pub prefix: Option<String>,
    /// `hex` (default) or `base64`.
    #[napi(ts_type = "'hex' | 'base64'")]
    pub encoding: Option<String>,
    /// A header holding unix seconds, signed as `timestamp + "." + body` (or where `signedContent` puts
    /// `{timestamp}`).
    pub timestamp_header: Option<String>,
    /// A header holding the message id, signed where `signedContent` puts `{id}`.
    pub id_header: Option<String>,
    /// What is signed, as a template such as `'{id}.{timestamp}.{body}'` (`{header:Name}` for any other
    /// header); default the body, or `{timestamp}.{body}` with a `timestampHeader`.
    pub signed_content: Option<String>,
    /// Seconds a timestamp may be off, both directions, or `[past, future]` (default 300 each way).
    #[napi(ts_type = "number | [number, number]")]
    pub tolerance: Option<Vec<u32>>,
    /// Reject bodies longer than this many bytes (`body_too_large`).
    pub max_body: Option<u32>,
}

/// Options of `verify` and `stream` (`fleetgate::webhook::VerifyOptions`).
#[napi(object, object_to_js = false, namespace = "webhooks")]
#[allow(dead_code)]
pub struct VerifyOptions {
    /// The instant to check timestamps against: unix seconds or an RFC 3339 string (default: the system clock).
    #[napi(ts_type = "number | string")]
    pub now: Option<String>,
    /// `false` skips the timestamp window (for re-verifying stored deliveries). Default true.
    pub check_time: Option<bool>,
}

/// Options of `sign` (`fleetgate::webhook::SignOptions`).
#[napi(object, object_to_js = false, namespace = "webhooks")]
#[allow(dead_code)]
pub struct SignOptions {
    /// The Standard Webhooks message id, or a template's `{id}` (default: derived from the timestamp and body).
    pub msg_id: Option<String>,
    /// The instant to sign: unix seconds or an RFC 3339 string (default: the system clock).
    #[napi(ts_type = "number | string")]
    pub timestamp: Option<String>,
    /// The values of the headers a `signedContent` template names (`{header:Name}`), as `[name, value]` pairs.
    #[napi(ts_type = "Array<[string, string]>")]
    pub headers: Option<Vec<Vec<String>>>,
}

/// What a successful verification reports. Never the parsed body.
#[napi(object, object_from_js = false, namespace = "webhooks")]
pub struct Verified {
    /// The position of the matching secret in the list given.
    pub key_index: u32,
    /// The message id (Standard Webhooks); absent for other schemes.
    pub msg_id: Option<String>,
    /// The signed timestamp (unix seconds); absent for schemes without one.
    pub timestamp: Option<i64>,
}

impl From<core::Verified> for Verified {
    fn from(v: core::Verified) -> Self {
        Verified { key_index: u32::try_from(v.key_index).unwrap_or(u32::MAX), msg_id: v.msg_id, timestamp: v.timestamp }
    }
}

/// Runs `f` on the raw body without copying it: a `Uint8Array` (a `Buffer` is one), an `ArrayBuffer`, or a string
/// (its UTF-8). Anything else (a parsed object above all) is `body_not_bytes`. The one body reader of the package.
pub(crate) fn with_body<T, E: fleetgate::error::ErrorCode>(
    env: &Env,
    body: Unknown<'_>,
    f: impl FnOnce(&[u8]) -> Result<T, E>,
) -> napi::Result<T> {
    let not_bytes = |got: &str| to_js_err(env)(WebhookError::BodyNotBytes { got: got.to_owned() });
    let kind = body.get_type()?;
    match kind {
        ValueType::String => f(String::from_unknown(body)?.as_bytes()).map_err(to_js_err(env)),
        ValueType::Object if body.is_typedarray()? || body.is_buffer()? => match Uint8Array::from_unknown(body) {
            Ok(bytes) => f(&bytes).map_err(to_js_err(env)),
            Err(_) => Err(not_bytes("a typed array other than Uint8Array")),
        },
        ValueType::Object if body.is_arraybuffer()? => f(&ArrayBuffer::from_unknown(body)?).map_err(to_js_err(env)),
        ValueType::Object => Err(not_bytes("a parsed object")),
        other => Err(not_bytes(&format!("a JS {other:?}").to_lowercase())),
    }
}

/// The `(name, value)` pairs of a headers argument, in any shape `header_pairs` reads.
fn headers(env: &Env, given: Unknown<'_>) -> napi::Result<Vec<(String, String)>> {
    let walked = boundary::value(env, Some(given), &HEADERS)?;
    header_pairs(walked, &HEADERS).map_err(|e| boundary::arg_err(env, e))
}

/// Verifies and signs webhook requests of one scheme. Build it with a preset (`Verifier.smartcar(amt)`,
/// `Verifier.standardWebhooks(secret)`, ...) and reuse it.
#[napi(namespace = "webhooks")]
pub struct Verifier {
    inner: core::Verifier,
}

impl Verifier {
    fn untimed(env: &Env, preset: Untimed, secret: Unknown<'_>, options: Option<Unknown<'_>>) -> napi::Result<Self> {
        guard(env, || {
            let secrets = boundary::decode(env, secret, &SECRET)?;
            let options: core::BodyOptions = boundary::decode_or_default(env, options, &OPTIONS)?;
            options.verifier(preset, &secrets).map(|inner| Verifier { inner }).map_err(to_js_err(env))
        })
    }

    fn timed(env: &Env, preset: Timed, secret: Unknown<'_>, options: Option<Unknown<'_>>) -> napi::Result<Self> {
        guard(env, || {
            let secrets = boundary::decode(env, secret, &SECRET)?;
            let options: core::TimedOptions = boundary::decode_or_default(env, options, &OPTIONS)?;
            options.verifier(preset, &secrets).map(|inner| Verifier { inner }).map_err(to_js_err(env))
        })
    }
}

#[napi(namespace = "webhooks")]
impl Verifier {
    /// Standard Webhooks / Svix: `whsec_` (v1 HMAC), `whpk_` (v1a Ed25519 public key, raw or SPKI DER) or `whsk_`
    /// (Ed25519 seed, signs v1a) secrets.
    /// @throws {Error} with `code` `invalid_secret` or `invalid_option`.
    #[napi(factory)]
    pub fn standard_webhooks(
        env: &Env,
        #[napi(ts_arg_type = "string | string[]")] secret: Unknown<'_>,
        #[napi(ts_arg_type = "webhooks.TimedOptions")] options: Option<Unknown<'_>>,
    ) -> napi::Result<Self> {
        Self::timed(env, Timed::StandardWebhooks, secret, options)
    }

    /// Smartcar `SC-Signature`, keyed with the application management token(s).
    /// @throws {Error} with `code` `invalid_secret` or `invalid_option`.
    #[napi(factory)]
    pub fn smartcar(
        env: &Env,
        #[napi(ts_arg_type = "string | string[]")] amt: Unknown<'_>,
        #[napi(ts_arg_type = "webhooks.BodyOptions")] options: Option<Unknown<'_>>,
    ) -> napi::Result<Self> {
        Self::untimed(env, Untimed::Smartcar, amt, options)
    }

    /// Stripe `Stripe-Signature`, keyed with the whole secret string (`whsec_` included).
    /// @throws {Error} with `code` `invalid_secret` or `invalid_option`.
    #[napi(factory)]
    pub fn stripe(
        env: &Env,
        #[napi(ts_arg_type = "string | string[]")] secret: Unknown<'_>,
        #[napi(ts_arg_type = "webhooks.TimedOptions")] options: Option<Unknown<'_>>,
    ) -> napi::Result<Self> {
        Self::timed(env, Timed::Stripe, secret, options)
    }

    /// GitHub `X-Hub-Signature-256: sha256=<hex>`.
    /// @throws {Error} with `code` `invalid_secret` or `invalid_option`.
    #[napi(factory)]
    pub fn github(
        env: &Env,
        #[napi(ts_arg_type = "string | string[]")] secret: Unknown<'_>,
        #[napi(ts_arg_type = "webhooks.BodyOptions")] options: Option<Unknown<'_>>,
    ) -> napi::Result<Self> {
        Self::untimed(env, Untimed::Github, secret, options)
    }

    /// Shopify `X-Shopify-Hmac-Sha256: <base64>`.
    /// @throws {Error} with `code` `invalid_secret` or `invalid_option`.
    #[napi(factory)]
    pub fn shopify(
        env: &Env,
        #[napi(ts_arg_type = "string | string[]")] secret: Unknown<'_>,
        #[napi(ts_arg_type = "webhooks.BodyOptions")] options: Option<Unknown<'_>>,
    ) -> napi::Result<Self> {
        Self::untimed(env, Untimed::Shopify, secret, options)
    }

    /// The rental site's Odoo webhooks: `X-Odoo-Signature: sha256=<hex>` of the body; with `timestamped: true`
    /// a required `X-Odoo-Timestamp` is signed as `timestamp + "." + body`.
    /// @throws {Error} with `code` `invalid_secret` or `invalid_option`.
    #[napi(factory)]
    pub fn odoo(
        env: &Env,
        #[napi(ts_arg_type = "string | string[]")] secret: Unknown<'_>,
        #[napi(ts_arg_type = "webhooks.OdooOptions")] options: Option<Unknown<'_>>,
    ) -> napi::Result<Self> {
        guard(env, || {
            let secrets = boundary::decode(env, secret, &SECRET)?;
            let options: core::OdooOptions = boundary::decode_or_default(env, options, &OPTIONS)?;
            options.verifier(&secrets).map(|inner| Verifier { inner }).map_err(to_js_err(env))
        })
    }

    /// A generic HMAC-SHA256 header (`header`, optional `prefix`, `encoding` `hex`|`base64`, optional
    /// `timestampHeader`).
    /// @throws {Error} with `code` `invalid_secret`, `invalid_option` or `malformed_header`.
    #[napi(factory)]
    pub fn hmac(
        env: &Env,
        #[napi(ts_arg_type = "string | string[]")] secret: Unknown<'_>,
        #[napi(ts_arg_type = "webhooks.HmacOptions")] options: Unknown<'_>,
    ) -> napi::Result<Self> {
        guard(env, || {
            let secrets = boundary::decode(env, secret, &SECRET)?;
            let options: core::HmacOptions = boundary::decode(env, options, &OPTIONS)?;
            options.verifier(&secrets).map(|inner| Verifier { inner }).map_err(to_js_err(env))
        })
    }

    /// Positions of the secrets shorter than 24 bytes (accepted, but worth replacing).
    #[napi(getter)]
    pub fn weak_keys(&self) -> Vec<u32> {
        self.inner.weak_keys().iter().map(|&i| u32::try_from(i).unwrap_or(u32::MAX)).collect()
    }

    /// Verifies a request: `headers` (a `Headers`/`Map`, a plain object or `[name, value]` pairs) and the raw
    /// `body` (`Buffer`/`Uint8Array`, the `ArrayBuffer` of `await request.arrayBuffer()`, or the text of
    /// `await request.text()`).
    /// @throws {Error} with `code` `invalid_signature`, `timestamp_too_old`, `body_not_bytes`, `invalid_argument`,
    /// ...
    #[napi]
    pub fn verify(
        &self,
        env: &Env,
        #[napi(ts_arg_type = "Headers | Map<string, string> | Record<string, string | string[]> | [string, string][]")]
        headers: Unknown<'_>,
        #[napi(ts_arg_type = "Uint8Array | ArrayBuffer | string")] body: Unknown<'_>,
        #[napi(ts_arg_type = "webhooks.VerifyOptions")] options: Option<Unknown<'_>>,
    ) -> napi::Result<Verified> {
        guard(env, || {
            let pairs = self::headers(env, headers)?;
            let options: core::VerifyOptions = boundary::decode_or_default(env, options, &OPTIONS)?;
            let time = options.time_check(system_clock);
            with_body(env, body, |b| self.inner.verify(&pairs, b, time)).map(Verified::from)
        })
    }

    /// Signs `body` with the first secret and returns the headers to send, as an object.
    /// @throws {Error} with `code` `invalid_secret`, `invalid_timestamp` or `invalid_option`.
    #[napi(ts_return_type = "Record<string, string>")]
    pub fn sign<'env>(
        &self,
        env: &'env Env,
        #[napi(ts_arg_type = "Uint8Array | ArrayBuffer | string")] body: Unknown<'_>,
        #[napi(ts_arg_type = "webhooks.SignOptions")] options: Option<Unknown<'_>>,
    ) -> napi::Result<Object<'env>> {
        guard(env, || {
            let options: core::SignOptions = boundary::decode_or_default(env, options, &OPTIONS)?;
            let pairs = with_body(env, body, |b| options.sign(&self.inner, b, system_clock))?;
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
        #[napi(ts_arg_type = "Headers | Map<string, string> | Record<string, string | string[]> | [string, string][]")]
        headers: Unknown<'_>,
        #[napi(ts_arg_type = "webhooks.VerifyOptions")] options: Option<Unknown<'_>>,
    ) -> napi::Result<VerifyStream> {
        guard(env, || {
            let pairs = self::headers(env, headers)?;
            let options: core::VerifyOptions = boundary::decode_or_default(env, options, &OPTIONS)?;
            let inner = self.inner.stream(&pairs, options.time_check(system_clock)).map_err(to_js_err(env))?;
            Ok(VerifyStream { inner: Some(inner) })
        })
    }
}

/// A verification in progress (see `Verifier.stream`): `update(chunk)` then `finish()` once.
#[napi(namespace = "webhooks")]
pub struct VerifyStream {
    inner: Option<core::VerifyStream>,
}

#[napi(namespace = "webhooks")]
impl VerifyStream {
    /// Feeds the next chunk of the raw body.
    /// @throws {Error} with `code` `body_too_large`, `body_not_bytes` or `stream_finished`.
    #[napi]
    pub fn update(
        &mut self,
        env: &Env,
        #[napi(ts_arg_type = "Uint8Array | ArrayBuffer | string")] chunk: Unknown<'_>,
    ) -> napi::Result<()> {
        guard(env, || {
            let stream = self.inner.as_mut().ok_or(WebhookError::StreamFinished).map_err(to_js_err(env))?;
            with_body(env, chunk, |c| stream.update(c))
        })
    }

    /// Checks the signature over everything fed so far; the stream cannot be used afterwards.
    /// @throws {Error} with `code` `invalid_signature`, `stream_finished`, ...
    #[napi]
    pub fn finish(&mut self, env: &Env) -> napi::Result<Verified> {
        guard(env, || {
            let stream = self.inner.take().ok_or(WebhookError::StreamFinished).map_err(to_js_err(env))?;
            stream.finish().map(Verified::from).map_err(to_js_err(env))
        })
    }
}
