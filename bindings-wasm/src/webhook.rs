//! `webhooks`: wraps `fleetgate::webhook` (verification and signing of webhook requests).

use fleetgate::webhook::{self as core, Encoding, HmacConfig, TimeCheck, WebhookError};
use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::errors::{describe, to_js_err};

/// Reads property `name` of an options object (`undefined` when `options` is not an object).
fn option(options: &JsValue, name: &str) -> JsValue {
    if options.is_object() {
        Reflect::get(options, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
    } else {
        JsValue::UNDEFINED
    }
}

fn option_string(options: &JsValue, name: &str) -> Option<String> {
    option(options, name).as_string()
}

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

fn now_seconds() -> i64 {
    (js_sys::Date::now() / 1000.0).floor() as i64
}

/// Runs `f` on the raw body: a `Uint8Array` (incl. `Buffer`), an `ArrayBuffer`, or text (its UTF-8). A parsed
/// object or anything else is `body_not_bytes`.
pub(crate) fn with_body<T>(
    body: &JsValue,
    f: impl FnOnce(&[u8]) -> Result<T, WebhookError>,
) -> Result<T, WebhookError> {
    if let Some(bytes) = body.dyn_ref::<Uint8Array>() {
        return f(&bytes.to_vec());
    }
    if let Some(buffer) = body.dyn_ref::<js_sys::ArrayBuffer>() {
        return f(&Uint8Array::new(buffer).to_vec());
    }
    if let Some(text) = body.as_string() {
        return f(text.as_bytes());
    }
    let got = if body.is_object() { "a parsed object".to_owned() } else { describe(body) };
    Err(WebhookError::BodyNotBytes { got })
}

fn bad_headers() -> WebhookError {
    WebhookError::MalformedHeader {
        name: "<headers>".to_owned(),
        reason: "headers must be a Headers or Map object, a plain object or [name, value] pairs of strings",
    }
}

/// Header pairs from anything iterable of `[name, value]` (`Headers`, `Map`, arrays) or a plain object.
fn header_pairs(headers: &JsValue) -> Result<Vec<(String, String)>, WebhookError> {
    if !headers.is_object() {
        return Err(bad_headers());
    }
    let entries: Vec<JsValue> = match js_sys::try_iter(headers) {
        Ok(Some(iter)) => iter.collect::<Result<_, _>>().map_err(|_| bad_headers())?,
        _ => Object::entries(headers.unchecked_ref()).iter().collect(),
    };
    entries
        .into_iter()
        .map(|entry| {
            let pair: Array = entry.dyn_into().map_err(|_| bad_headers())?;
            match (pair.length(), pair.get(0).as_string(), pair.get(1).as_string()) {
                (2, Some(k), Some(v)) => Ok((k, v)),
                _ => Err(bad_headers()),
            }
        })
        .collect()
}

/// Secrets: a string or an array of strings.
fn secrets(given: &JsValue) -> Result<Vec<String>, WebhookError> {
    if let Some(one) = given.as_string() {
        return Ok(vec![one]);
    }
    let bad = |index| WebhookError::InvalidSecret { index, reason: "secrets must be a string or an array of strings" };
    let array: &Array = given.dyn_ref().ok_or(bad(0))?;
    array.iter().enumerate().map(|(i, s)| s.as_string().ok_or(bad(i))).collect()
}

/// `tolerance`: a number (both directions) or `[past, future]`; `None` when absent.
fn tolerance(options: &JsValue) -> Result<Option<(u64, u64)>, JsValue> {
    let given = option(options, "tolerance");
    let seconds = |v: JsValue| {
        v.as_f64()
            .filter(|s| s.fract() == 0.0 && *s >= 0.0 && *s <= 9.0e15)
            .map(|s| s as u64)
            .ok_or_else(|| JsValue::from(js_sys::TypeError::new("tolerance must be whole non-negative seconds")))
    };
    if given.is_undefined() || given.is_null() {
        return Ok(None);
    }
    if let Some(pair) = given.dyn_ref::<Array>() {
        if pair.length() != 2 {
            return Err(js_sys::TypeError::new("tolerance must be a number or [past, future]").into());
        }
        return Ok(Some((seconds(pair.get(0))?, seconds(pair.get(1))?)));
    }
    let both = seconds(given)?;
    Ok(Some((both, both)))
}

fn max_body(options: &JsValue) -> Option<usize> {
    option(options, "maxBody").as_f64().filter(|m| *m >= 0.0).map(|m| m as usize)
}

fn time_check(options: &JsValue) -> TimeCheck {
    if option(options, "checkTime").as_bool() == Some(false) {
        return TimeCheck::Skip;
    }
    match option(options, "now").as_f64() {
        Some(now) => TimeCheck::At(now as i64),
        None => TimeCheck::At(now_seconds()),
    }
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
    fn build(
        secret: &JsValue,
        options: &JsValue,
        timed: bool,
        make: impl FnOnce(&[&str]) -> Result<core::Verifier, WebhookError>,
    ) -> Result<WebhookVerifier, JsValue> {
        let owned = secrets(secret).map_err(to_js_err)?;
        let refs: Vec<&str> = owned.iter().map(String::as_str).collect();
        let mut inner = make(&refs).map_err(to_js_err)?;
        if timed {
            if let Some((past, future)) = tolerance(options)? {
                inner = inner.with_tolerance(past, future);
            }
        }
        if let Some(max) = max_body(options) {
            inner = inner.with_max_body(max);
        }
        Ok(WebhookVerifier { inner })
    }
}

#[wasm_bindgen(js_class = "Verifier")]
impl WebhookVerifier {
    /// Standard Webhooks / Svix: `whsec_` (v1 HMAC), `whpk_` (v1a Ed25519 public key, raw or SPKI DER) or `whsk_`
    /// (Ed25519 seed, signs v1a) secrets. Options: `{tolerance?: number | [past, future], maxBody?}`.
    /// @throws {Error} with `code` `invalid_secret`.
    #[wasm_bindgen(js_name = "standardWebhooks")]
    pub fn standard_webhooks(
        #[wasm_bindgen(unchecked_param_type = "string | string[]")] secret: JsValue,
        #[wasm_bindgen(unchecked_param_type = "{tolerance?: number | [number, number], maxBody?: number}")]
        options: JsValue,
    ) -> Result<WebhookVerifier, JsValue> {
        Self::build(&secret, &options, true, core::Verifier::standard_webhooks)
    }

    /// Smartcar `SC-Signature`, keyed with the application management token(s). Options: `{maxBody?}`.
    /// @throws {Error} with `code` `invalid_secret`.
    pub fn smartcar(
        #[wasm_bindgen(unchecked_param_type = "string | string[]")] amt: JsValue,
        #[wasm_bindgen(unchecked_param_type = "{maxBody?: number}")] options: JsValue,
    ) -> Result<WebhookVerifier, JsValue> {
        Self::build(&amt, &options, false, core::Verifier::smartcar)
    }

    /// Stripe `Stripe-Signature`, keyed with the whole secret string. Options: `{tolerance?, maxBody?}`.
    /// @throws {Error} with `code` `invalid_secret`.
    pub fn stripe(
        #[wasm_bindgen(unchecked_param_type = "string | string[]")] secret: JsValue,
        #[wasm_bindgen(unchecked_param_type = "{tolerance?: number | [number, number], maxBody?: number}")]
        options: JsValue,
    ) -> Result<WebhookVerifier, JsValue> {
        Self::build(&secret, &options, true, core::Verifier::stripe)
    }

    /// GitHub `X-Hub-Signature-256: sha256=<hex>`. Options: `{maxBody?}`.
    /// @throws {Error} with `code` `invalid_secret`.
    pub fn github(
        #[wasm_bindgen(unchecked_param_type = "string | string[]")] secret: JsValue,
        #[wasm_bindgen(unchecked_param_type = "{maxBody?: number}")] options: JsValue,
    ) -> Result<WebhookVerifier, JsValue> {
        Self::build(&secret, &options, false, core::Verifier::github)
    }

    /// Shopify `X-Shopify-Hmac-Sha256: <base64>`. Options: `{maxBody?}`.
    /// @throws {Error} with `code` `invalid_secret`.
    pub fn shopify(
        #[wasm_bindgen(unchecked_param_type = "string | string[]")] secret: JsValue,
        #[wasm_bindgen(unchecked_param_type = "{maxBody?: number}")] options: JsValue,
    ) -> Result<WebhookVerifier, JsValue> {
        Self::build(&secret, &options, false, core::Verifier::shopify)
    }

    /// The rental site's Odoo webhooks (`X-Odoo-Signature: sha256=<hex>`). Options:
    /// `{timestamped?: boolean, tolerance?, maxBody?}`.
    /// @throws {Error} with `code` `invalid_secret`.
    pub fn odoo(
        #[wasm_bindgen(unchecked_param_type = "string | string[]")] secret: JsValue,
        #[wasm_bindgen(
            unchecked_param_type = "{timestamped?: boolean, tolerance?: number | [number, number], maxBody?: number}"
        )]
        options: JsValue,
    ) -> Result<WebhookVerifier, JsValue> {
        let stamped = option(&options, "timestamped").as_bool().unwrap_or(false);
        Self::build(&secret, &options, true, |s| core::Verifier::odoo(s, stamped))
    }

    /// A generic HMAC-SHA256 header. Options: `{header, prefix?, encoding?: 'hex' | 'base64', timestampHeader?,
    /// tolerance?, maxBody?}`.
    /// @throws {Error} with `code` `invalid_secret` or `malformed_header`.
    pub fn hmac(
        #[wasm_bindgen(unchecked_param_type = "string | string[]")] secret: JsValue,
        #[wasm_bindgen(
            unchecked_param_type = "{header: string, prefix?: string, encoding?: 'hex' | 'base64', timestampHeader?: string, tolerance?: number | [number, number], maxBody?: number}"
        )]
        options: JsValue,
    ) -> Result<WebhookVerifier, JsValue> {
        let header = option_string(&options, "header")
            .ok_or_else(|| JsValue::from(js_sys::TypeError::new("hmac options need a header name")))?;
        let name = option_string(&options, "encoding").unwrap_or_else(|| "hex".to_owned());
        let encoding = Encoding::parse(&name)
            .ok_or_else(|| JsValue::from(js_sys::TypeError::new("encoding must be 'hex' or 'base64'")))?;
        let config = HmacConfig {
            header,
            prefix: option_string(&options, "prefix"),
            encoding,
            timestamp_header: option_string(&options, "timestampHeader"),
        };
        Self::build(&secret, &options, true, |s| core::Verifier::hmac(s, config))
    }

    /// Positions of the secrets shorter than 24 bytes (accepted, but worth replacing).
    #[wasm_bindgen(getter = weakKeys)]
    pub fn weak_keys(&self) -> Vec<u32> {
        self.inner.weak_keys().iter().map(|&i| i as u32).collect()
    }

    /// Verifies a request: `headers` (a `Headers`/`Map`, a plain object or `[name, value]` pairs) and the raw
    /// `body` (`Uint8Array`/`ArrayBuffer`, or the text of `await request.text()`). Options: `{now?, checkTime?}`.
    /// Returns `{keyIndex, msgId, timestamp}`.
    /// @throws {Error} with `code` `invalid_signature`, `timestamp_too_old`, `body_not_bytes`, ...
    #[wasm_bindgen(unchecked_return_type = "{keyIndex: number, msgId?: string, timestamp?: number}")]
    pub fn verify(
        &self,
        #[wasm_bindgen(
            unchecked_param_type = "Headers | Map<string, string> | Record<string, string> | [string, string][]"
        )]
        headers: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array | ArrayBuffer | string")] body: JsValue,
        #[wasm_bindgen(unchecked_param_type = "{now?: number, checkTime?: boolean}")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let pairs = header_pairs(&headers).map_err(to_js_err)?;
        with_body(&body, |b| self.inner.verify(&pairs, b, time_check(&options))).map(verified).map_err(to_js_err)
    }

    /// Signs `body` with the first secret and returns the headers to send. Options: `{msgId?, timestamp?}`.
    /// @throws {Error} with `code` `invalid_secret` or `invalid_timestamp`.
    #[wasm_bindgen(unchecked_return_type = "Record<string, string>")]
    pub fn sign(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array | ArrayBuffer | string")] body: JsValue,
        #[wasm_bindgen(unchecked_param_type = "{msgId?: string, timestamp?: number}")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let ts = option(&options, "timestamp").as_f64().map(|t| t as i64).unwrap_or_else(now_seconds);
        let msg_id = option_string(&options, "msgId");
        let pairs = with_body(&body, |b| self.inner.sign(b, msg_id.as_deref(), Some(ts))).map_err(to_js_err)?;
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
        #[wasm_bindgen(
            unchecked_param_type = "Headers | Map<string, string> | Record<string, string> | [string, string][]"
        )]
        headers: JsValue,
        #[wasm_bindgen(unchecked_param_type = "{now?: number, checkTime?: boolean}")] options: JsValue,
    ) -> Result<VerifyStream, JsValue> {
        let pairs = header_pairs(&headers).map_err(to_js_err)?;
        let inner = self.inner.stream(&pairs, time_check(&options)).map_err(to_js_err)?;
        Ok(VerifyStream { inner: Some(inner) })
    }
}

/// A verification in progress (see `Verifier.stream`): `update(chunk)` then `finish()` once.
#[wasm_bindgen]
pub struct VerifyStream {
    inner: Option<core::VerifyStream>,
}

fn finished() -> JsValue {
    js_sys::Error::new("this VerifyStream has already finished").into()
}

#[wasm_bindgen]
impl VerifyStream {
    /// Feeds the next chunk of the raw body.
    /// @throws {Error} with `code` `body_too_large` or `body_not_bytes`.
    pub fn update(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array | ArrayBuffer | string")] chunk: JsValue,
    ) -> Result<(), JsValue> {
        let stream = self.inner.as_mut().ok_or_else(finished)?;
        with_body(&chunk, |c| stream.update(c)).map_err(to_js_err)
    }

    /// Checks the signature over everything fed so far; the stream cannot be used afterwards.
    /// @throws {Error} with `code` `invalid_signature`, ...
    #[wasm_bindgen(unchecked_return_type = "{keyIndex: number, msgId?: string, timestamp?: number}")]
    pub fn finish(&mut self) -> Result<JsValue, JsValue> {
        let stream = self.inner.take().ok_or_else(finished)?;
        stream.finish().map(verified).map_err(to_js_err)
    }
}
