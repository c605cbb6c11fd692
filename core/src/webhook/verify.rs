//! Reading a request's headers (per scheme) and the timestamp window.

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;

use super::template::{render, Values};
use super::{
    decode_hex, Encoding, HmacConfig, Scheme, SignedContent, TimeCheck, Verified, Verifier, WebhookError, MAX_HEADERS,
    MAX_HEADER_BYTES, MAX_SIGNATURES,
};

impl Verifier {
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

    pub(super) fn check_time(&self, ts: i64, now: i64) -> Result<(), WebhookError> {
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
    pub(super) fn read_headers<K: AsRef<str>, V: AsRef<str>>(
        &self,
        headers: &[(K, V)],
    ) -> Result<Request, WebhookError> {
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
            Scheme::Hmac(c) => match &c.signed_content {
                Some(template) => templated(&h, c, template),
                None => {
                    single(&h, &c.header, c.timestamp_header.as_deref(), c.prefix.as_deref().unwrap_or(""), c.encoding)
                }
            },
            Scheme::Stripe => stripe_request(&h),
            Scheme::StandardWebhooks => standard_request(&h),
        }
    }
}

/// What a signature token is checked with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    Hmac,
    Ed25519,
}

/// One decoded signature from the header.
pub(super) struct Candidate {
    pub(super) kind: Kind,
    pub(super) bytes: Vec<u8>,
}

/// What the headers of one request say.
pub(super) struct Request {
    /// Signed bytes that precede the body (`id.ts.`, `t.`, or nothing).
    pub(super) prefix: Vec<u8>,
    /// Signed bytes that follow the body (only a `signed_content` template has any).
    pub(super) suffix: Vec<u8>,
    pub(super) msg_id: Option<String>,
    pub(super) timestamp: Option<i64>,
    pub(super) candidates: Vec<Candidate>,
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
        Ok(Request { prefix, suffix: Vec::new(), msg_id: None, timestamp, candidates })
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

/// The generic scheme with a `signed_content` template: every header it names is required.
fn templated<K: AsRef<str>, V: AsRef<str>>(
    h: &HeaderLookup<'_, K, V>,
    c: &HmacConfig,
    template: &SignedContent,
) -> Result<Request, WebhookError> {
    let value = h.require(&c.header)?;
    let timestamp = c.timestamp_header.as_deref().map(|name| h.require(name)).transpose()?;
    let ts = timestamp.map(parse_timestamp).transpose()?;
    let id = c.id_header.as_deref().map(|name| h.require(name)).transpose()?;
    if let (Some(""), Some(name)) = (id, &c.id_header) {
        return Err(WebhookError::MalformedHeader { name: name.clone(), reason: "empty message id" });
    }
    let mut named: Vec<(&str, &str)> = Vec::new();
    for name in template.headers() {
        named.push((name, h.require(name)?));
    }
    let lookup = |name: &str| named.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|&(_, v)| v);
    let values = Values { timestamp, id, header: &lookup };
    let token = trim_ows(value);
    let candidates = token
        .strip_prefix(c.prefix.as_deref().unwrap_or(""))
        .filter(|t| !t.is_empty())
        .and_then(|t| c.encoding.decode(t))
        .map(|bytes| Candidate { kind: Kind::Hmac, bytes })
        .into_iter()
        .collect();
    let mut request = Request::new(&c.header, render(&template.before, &values), ts, candidates)?;
    request.suffix = render(&template.after, &values);
    request.msg_id = id.map(str::to_owned);
    Ok(request)
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
