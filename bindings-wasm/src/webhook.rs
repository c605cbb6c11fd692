//! `webhooks`: wraps `fleetgate::webhook` (verification and signing of webhook requests), with the same API as the
//! napi package.
//!
//! Every argument is decoded by the core (`crate::boundary`): secrets as `fleetgate::webhook::Secrets`, options
//! as the preset's options type, headers by `fleetgate::boundary::header_pairs`. Bodies are read here, once
//! (`with_body`).

use fleetgate::boundary::{header_pairs, Site};
use fleetgate::error::ErrorCode;
use fleetgate::webhook::{self as core, Timed, Untimed, WebhookError};
use js_sys::{ArrayBuffer, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::boundary;
use crate::errors::to_js_err;

const AREA: &str = "webhook";
const SECRET: Site = Site::coded(AREA, "invalid_secret", "secret").camel();
const OPTIONS: Site = Site::options(AREA).camel();
const HEADERS: Site = Site::argument(AREA, "headers").camel();

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
/** A secret or several (the first signs, every one verifies). */
export type Secrets = string | string[];
/** Request headers: a `Headers`, a `Map`, a plain object or `[name, value]` pairs. */
export type HeadersInput = Headers | Map<string, string> | Record<string, string | string[] | undefined> | [string, string][];
/** A raw body: the bytes as received, or their text. */
export type BodyInput = Uint8Array | ArrayBuffer | string;
/** Options of the presets without a timestamp (`smartcar`, `github`, `shopify`). */
export interface BodyOptions {
  /** Reject bodies longer than this many bytes (`body_too_large`). */
  maxBody?: number;
}
/** Options of the presets that sign a timestamp (`standardWebhooks`, `stripe`). */
export interface TimedOptions {
  /** Seconds a timestamp may be off, both directions, or `[past, future]` (default: see docs/webhooks.md). */
  tolerance?: number | [number, number];
  /** Reject bodies longer than this many bytes (`body_too_large`). */
  maxBody?: number;
}
/** Options of the Odoo preset. */
export interface OdooOptions extends TimedOptions {
  /** Require `X-Odoo-Timestamp`, signed as `timestamp + "." + body` (default false). */
  timestamped?: boolean;
}
/** The generic HMAC-SHA256 scheme's configuration. */
export interface HmacOptions extends TimedOptions {
  /** The signature header's name. */
  header: string;
  /** A prefix before the encoded MAC, e.g. `sha256=`. */
  prefix?: string;
  /** `hex` (default) or `base64`. */
  encoding?: 'hex' | 'base64';
  /** A header holding unix seconds, signed as `timestamp + "." + body` (or where `signedContent` puts `{timestamp}`). */
  timestampHeader?: string;
  /** A header holding the message id, signed where `signedContent` puts `{id}`. */
  idHeader?: string;
  /** What is signed, as a template such as `'{id}.{timestamp}.{body}'` (`{header:Name}` for any other header). */
  signedContent?: string;
}
/** Options of `verify` and `stream`. */
export interface VerifyOptions {
  /** The instant to check timestamps against: unix seconds or an instant string with an offset (default: `Date.now()`). */
  now?: number | string;
  /** `false` skips the timestamp window (for re-verifying stored deliveries). Default true. */
  checkTime?: boolean;
}
/** Options of `sign`. */
export interface SignOptions {
  /** The Standard Webhooks message id, or a template's `{id}` (default: derived from the timestamp and body). */
  msgId?: string;
  /** The instant to sign: unix seconds or an instant string with an offset (default: `Date.now()`). */
  timestamp?: number | string;
  /** The values of the headers a `signedContent` template names (`{header:Name}`), as `[name, value]` pairs. */
  headers?: Array<[string, string]>;
}
/** What a successful verification reports. Never the parsed body. */
export interface Verified {
  /** The position of the matching secret in the list given. */
  keyIndex: number;
  /** The message id (Standard Webhooks); absent for other schemes. */
  msgId?: string;
  /** The signed timestamp (unix seconds); absent for schemes without one. */
  timestamp?: number;
}
"#;

/// Sets `name` on a plain object (cannot fail on a fresh object).
pub(crate) fn set(object: &Object, name: &str, value: impl Into<JsValue>) {
    let _ = Reflect::set(object, &JsValue::from_str(name), &value.into());
}

/// Sets `name` only when there is a value: absent values are left out (`undefined`), as in the napi package.
pub(crate) fn set_opt(object: &Object, name: &str, value: Option<impl Into<JsValue>>) {
    if let Some(v) = value {
        set(object, name, v);
    }
}

/// JavaScript's clock in unix seconds (`wasm32-unknown-unknown` has no system clock).
fn clock() -> i64 {
    (js_sys::Date::now() / 1000.0).floor() as i64
}

/// Runs `f` on the raw body: a `Uint8Array` (a `Buffer` is one), an `ArrayBuffer`, or a string (its UTF-8).
/// Anything else (a parsed object above all) is `body_not_bytes`. The one body reader of the package.
pub(crate) fn with_body<T, E: ErrorCode>(body: &JsValue, f: impl FnOnce(&[u8]) -> Result<T, E>) -> Result<T, JsValue> {
    let bytes = if let Some(text) = body.as_string() {
        text.into_bytes()
    } else if let Some(bytes) = body.dyn_ref::<Uint8Array>() {
        bytes.to_vec()
    } else if let Some(buffer) = body.dyn_ref::<ArrayBuffer>() {
        Uint8Array::new(buffer).to_vec()
    } else {
        let got = if ArrayBuffer::is_view(body) {
            "a typed array other than Uint8Array".to_owned()
        } else if body.is_object() {
            "a parsed object".to_owned()
        } else {
            format!("a JS {}", body.js_typeof().as_string().unwrap_or_default())
        };
        return Err(to_js_err(WebhookError::BodyNotBytes { got }));
    };
    f(&bytes).map_err(to_js_err)
}

/// An optional options argument (absent, `undefined` or `null`: the core's defaults).
fn optional<T: serde::de::DeserializeOwned + Default>(options: Option<JsValue>) -> Result<T, JsValue> {
    boundary::decode_or_default(&options.unwrap_or(JsValue::UNDEFINED), &OPTIONS)
}

/// The `(name, value)` pairs of a headers argument, in any shape `header_pairs` reads.
fn headers(given: &JsValue) -> Result<Vec<(String, String)>, JsValue> {
    header_pairs(boundary::value(given, &HEADERS)?, &HEADERS).map_err(boundary::arg_err)
}

fn verified(v: core::Verified) -> JsValue {
    let out = Object::new();
    set(&out, "keyIndex", v.key_index as f64);
    set_opt(&out, "msgId", v.msg_id);
    set_opt(&out, "timestamp", v.timestamp.map(|t| t as f64));
    out.into()
}

/// Verifies and signs webhook requests of one scheme. Build it with a preset (`Verifier.smartcar(amt)`,
/// `Verifier.standardWebhooks(secret)`, ...) and reuse it.
#[wasm_bindgen(js_name = "Verifier")]
pub struct WebhookVerifier {
    inner: core::Verifier,
}

impl WebhookVerifier {
    fn untimed(preset: Untimed, secret: &JsValue, options: Option<JsValue>) -> Result<WebhookVerifier, JsValue> {
        let secrets = boundary::decode(secret, &SECRET)?;
        let options: core::BodyOptions = optional(options)?;
        options.verifier(preset, &secrets).map(|inner| WebhookVerifier { inner }).map_err(to_js_err)
    }

    fn timed(preset: Timed, secret: &JsValue, options: Option<JsValue>) -> Result<WebhookVerifier, JsValue> {
        let secrets = boundary::decode(secret, &SECRET)?;
        let options: core::TimedOptions = optional(options)?;
        options.verifier(preset, &secrets).map(|inner| WebhookVerifier { inner }).map_err(to_js_err)
    }
}

#[wasm_bindgen(js_class = "Verifier")]
impl WebhookVerifier {
    /// Standard Webhooks / Svix: `whsec_` (v1 HMAC), `whpk_` (v1a Ed25519 public key, raw or SPKI DER) or `whsk_`
    /// (Ed25519 seed, signs v1a) secrets.
    /// @throws {Error} with `code` `invalid_secret` or `invalid_option`.
    #[wasm_bindgen(js_name = "standardWebhooks")]
    pub fn standard_webhooks(
        #[wasm_bindgen(unchecked_param_type = "Secrets")] secret: JsValue,
        #[wasm_bindgen(unchecked_param_type = "TimedOptions")] options: Option<JsValue>,
    ) -> Result<WebhookVerifier, JsValue> {
        Self::timed(Timed::StandardWebhooks, &secret, options)
    }

    /// Smartcar `SC-Signature`, keyed with the application management token(s).
    /// @throws {Error} with `code` `invalid_secret` or `invalid_option`.
    pub fn smartcar(
        #[wasm_bindgen(unchecked_param_type = "Secrets")] amt: JsValue,
        #[wasm_bindgen(unchecked_param_type = "BodyOptions")] options: Option<JsValue>,
    ) -> Result<WebhookVerifier, JsValue> {
        Self::untimed(Untimed::Smartcar, &amt, options)
    }

    /// Stripe `Stripe-Signature`, keyed with the whole secret string.
    /// @throws {Error} with `code` `invalid_secret` or `invalid_option`.
    pub fn stripe(
        #[wasm_bindgen(unchecked_param_type = "Secrets")] secret: JsValue,
        #[wasm_bindgen(unchecked_param_type = "TimedOptions")] options: Option<JsValue>,
    ) -> Result<WebhookVerifier, JsValue> {
        Self::timed(Timed::Stripe, &secret, options)
    }

    /// GitHub `X-Hub-Signature-256: sha256=<hex>`.
    /// @throws {Error} with `code` `invalid_secret` or `invalid_option`.
    pub fn github(
        #[wasm_bindgen(unchecked_param_type = "Secrets")] secret: JsValue,
        #[wasm_bindgen(unchecked_param_type = "BodyOptions")] options: Option<JsValue>,
    ) -> Result<WebhookVerifier, JsValue> {
        Self::untimed(Untimed::Github, &secret, options)
    }

    /// Shopify `X-Shopify-Hmac-Sha256: <base64>`.
    /// @throws {Error} with `code` `invalid_secret` or `invalid_option`.
    pub fn shopify(
        #[wasm_bindgen(unchecked_param_type = "Secrets")] secret: JsValue,
        #[wasm_bindgen(unchecked_param_type = "BodyOptions")] options: Option<JsValue>,
    ) -> Result<WebhookVerifier, JsValue> {
        Self::untimed(Untimed::Shopify, &secret, options)
    }

    /// The rental site's Odoo webhooks (`X-Odoo-Signature: sha256=<hex>`; with `timestamped: true` a required
    /// `X-Odoo-Timestamp` is signed as `timestamp + "." + body`).
    /// @throws {Error} with `code` `invalid_secret` or `invalid_option`.
    pub fn odoo(
        #[wasm_bindgen(unchecked_param_type = "Secrets")] secret: JsValue,
        #[wasm_bindgen(unchecked_param_type = "OdooOptions")] options: Option<JsValue>,
    ) -> Result<WebhookVerifier, JsValue> {
        let secrets = boundary::decode(&secret, &SECRET)?;
        let options: core::OdooOptions = optional(options)?;
        options.verifier(&secrets).map(|inner| WebhookVerifier { inner }).map_err(to_js_err)
    }

    /// A generic HMAC-SHA256 header (`header`, optional `prefix`, `encoding` `hex`|`base64`, optional
    /// `timestampHeader`).
    /// @throws {Error} with `code` `invalid_secret`, `invalid_option` or `malformed_header`.
    pub fn hmac(
        #[wasm_bindgen(unchecked_param_type = "Secrets")] secret: JsValue,
        #[wasm_bindgen(unchecked_param_type = "HmacOptions")] options: JsValue,
    ) -> Result<WebhookVerifier, JsValue> {
        let secrets = boundary::decode(&secret, &SECRET)?;
        let options: core::HmacOptions = boundary::decode(&options, &OPTIONS)?;
        options.verifier(&secrets).map(|inner| WebhookVerifier { inner }).map_err(to_js_err)
    }

    /// Positions of the secrets shorter than 24 bytes (accepted, but worth replacing).
    #[wasm_bindgen(getter = weakKeys)]
    pub fn weak_keys(&self) -> Vec<u32> {
        self.inner.weak_keys().iter().map(|&i| u32::try_from(i).unwrap_or(u32::MAX)).collect()
    }

    /// Verifies a request: `headers` (a `Headers`/`Map`, a plain object or `[name, value]` pairs) and the raw
    /// `body` (`Uint8Array`/`ArrayBuffer`, or the text of `await request.text()`).
    /// @throws {Error} with `code` `invalid_signature`, `timestamp_too_old`, `body_not_bytes`, `invalid_argument`,
    /// ...
    #[wasm_bindgen(unchecked_return_type = "Verified")]
    pub fn verify(
        &self,
        #[wasm_bindgen(unchecked_param_type = "HeadersInput")] headers: JsValue,
        #[wasm_bindgen(unchecked_param_type = "BodyInput")] body: JsValue,
        #[wasm_bindgen(unchecked_param_type = "VerifyOptions")] options: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        let pairs = self::headers(&headers)?;
        let options: core::VerifyOptions = optional(options)?;
        let time = options.time_check(clock);
        with_body(&body, |b| self.inner.verify(&pairs, b, time)).map(verified)
    }

    /// Signs `body` with the first secret and returns the headers to send.
    /// @throws {Error} with `code` `invalid_secret`, `invalid_timestamp` or `invalid_option`.
    #[wasm_bindgen(unchecked_return_type = "Record<string, string>")]
    pub fn sign(
        &self,
        #[wasm_bindgen(unchecked_param_type = "BodyInput")] body: JsValue,
        #[wasm_bindgen(unchecked_param_type = "SignOptions")] options: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        let options: core::SignOptions = optional(options)?;
        let pairs = with_body(&body, |b| options.sign(&self.inner, b, clock))?;
        let out = Object::new();
        for (name, value) in pairs {
            set(&out, &name, value);
        }
        Ok(out.into())
    }

    /// Starts verifying a body that arrives in chunks: `stream.update(chunk)` for each, then `stream.finish()`.
    /// @throws {Error} with the codes of `verify`.
    pub fn stream(
        &self,
        #[wasm_bindgen(unchecked_param_type = "HeadersInput")] headers: JsValue,
        #[wasm_bindgen(unchecked_param_type = "VerifyOptions")] options: Option<JsValue>,
    ) -> Result<VerifyStream, JsValue> {
        let pairs = self::headers(&headers)?;
        let options: core::VerifyOptions = optional(options)?;
        let inner = self.inner.stream(&pairs, options.time_check(clock)).map_err(to_js_err)?;
        Ok(VerifyStream { inner: Some(inner) })
    }
}

/// A verification in progress (see `Verifier.stream`): `update(chunk)` then `finish()` once.
#[wasm_bindgen]
pub struct VerifyStream {
    inner: Option<core::VerifyStream>,
}

#[wasm_bindgen]
impl VerifyStream {
    /// Feeds the next chunk of the raw body.
    /// @throws {Error} with `code` `body_too_large`, `body_not_bytes` or `stream_finished`.
    pub fn update(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "BodyInput")] chunk: JsValue,
    ) -> Result<(), JsValue> {
        let stream = self.inner.as_mut().ok_or(WebhookError::StreamFinished).map_err(to_js_err)?;
        with_body(&chunk, |c| stream.update(c))
    }

    /// Checks the signature over everything fed so far; the stream cannot be used afterwards.
    /// @throws {Error} with `code` `invalid_signature`, `stream_finished`, ...
    #[wasm_bindgen(unchecked_return_type = "Verified")]
    pub fn finish(&mut self) -> Result<JsValue, JsValue> {
        let stream = self.inner.take().ok_or(WebhookError::StreamFinished).map_err(to_js_err)?;
        stream.finish().map(verified).map_err(to_js_err)
    }
}
