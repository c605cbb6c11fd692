//! The arguments and options of the webhook API as serde types: what every binding decodes its host values into
//! (through [`crate::boundary::decode`]), holding the documented defaults (300 s of tolerance each way, the time
//! check on, `hex`, ...). A binding reads nothing by hand and holds no default.
//!
//! ```
//! use fleetgate::boundary::{decode, Site, Value};
//! use fleetgate::webhook::{Secrets, TimedOptions, Timed, Tolerance};
//! let site = Site::options("webhook").camel();
//! let given = Value::Map(vec![("tolerance".into(), Value::List(vec![Value::Int(600), Value::Int(5)]))]);
//! let options: TimedOptions = decode(given, &site).unwrap();
//! assert_eq!(options.tolerance, Some(Tolerance { past: 600, future: 5 }));
//! let secrets = Secrets(vec!["whsec_stripe_0123456789abcdefghij".into()]);
//! assert!(options.verifier(Timed::Stripe, &secrets).is_ok());
//! let wrong = Value::Map(vec![("maxBody".into(), Value::Str("1000".into()))]);
//! let err = decode::<TimedOptions>(wrong, &site).unwrap_err();
//! assert_eq!((err.code, err.path.as_str()), ("invalid_option", "maxBody"));
//! ```

use std::fmt;

use serde::de::{self, Deserializer, SeqAccess, Unexpected, Visitor};
use serde::Deserialize;

use super::{Encoding, HmacConfig, SignedContent, TimeCheck, Verifier, WebhookError, DEFAULT_TOLERANCE};

/// One secret or several (a string or a list of strings): the first signs, every one verifies, and
/// [`super::Verified::key_index`] says which matched. Never printed by `Debug`.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Secrets(pub Vec<String>);

impl Secrets {
    /// The secrets as string slices, in order.
    pub fn as_strs(&self) -> Vec<&str> {
        self.0.iter().map(String::as_str).collect()
    }
}

impl fmt::Debug for Secrets {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Secrets({} redacted)", self.0.len())
    }
}

impl<'de> Deserialize<'de> for Secrets {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SecretsVisitor;
        impl<'de> Visitor<'de> for SecretsVisitor {
            type Value = Secrets;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a secret string or a list of secret strings")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Secrets, E> {
                Ok(Secrets(vec![s.to_owned()]))
            }
            fn visit_string<E: de::Error>(self, s: String) -> Result<Secrets, E> {
                Ok(Secrets(vec![s]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Secrets, A::Error> {
                let mut out = Vec::new();
                while let Some(secret) = seq.next_element::<String>()? {
                    out.push(secret);
                }
                Ok(Secrets(out))
            }
        }
        deserializer.deserialize_any(SecretsVisitor)
    }
}

/// The timestamp window, in seconds into the past and into the future (the bounds themselves pass). Given as one
/// number of seconds (both directions) or a `[past, future]` pair; the default is [`DEFAULT_TOLERANCE`] each way.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tolerance {
    /// How old a timestamp may be.
    pub past: u64,
    /// How far ahead of now a timestamp may be.
    pub future: u64,
}

impl Default for Tolerance {
    fn default() -> Self {
        Tolerance { past: DEFAULT_TOLERANCE, future: DEFAULT_TOLERANCE }
    }
}

/// Whole non-negative seconds, for the tolerance's parts.
struct Seconds(u64);

impl<'de> Deserialize<'de> for Seconds {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(SecondsVisitor).map(Seconds)
    }
}

struct SecondsVisitor;

impl<'de> Visitor<'de> for SecondsVisitor {
    type Value = u64;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("whole non-negative seconds")
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<u64, E> {
        Ok(v)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<u64, E> {
        u64::try_from(v).map_err(|_| E::invalid_value(Unexpected::Signed(v), &self))
    }
}

impl<'de> Deserialize<'de> for Tolerance {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ToleranceVisitor;
        impl<'de> Visitor<'de> for ToleranceVisitor {
            type Value = Tolerance;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("whole non-negative seconds or a [past, future] pair of them")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Tolerance, E> {
                Ok(Tolerance { past: v, future: v })
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Tolerance, E> {
                SecondsVisitor.visit_i64(v).map(|s| Tolerance { past: s, future: s })
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Tolerance, A::Error> {
                let pair = "a [past, future] pair";
                let past = seq.next_element::<Seconds>()?.ok_or_else(|| de::Error::invalid_length(0, &pair))?;
                let future = seq.next_element::<Seconds>()?.ok_or_else(|| de::Error::invalid_length(1, &pair))?;
                let mut extra = 0;
                while seq.next_element::<de::IgnoredAny>()?.is_some() {
                    extra += 1;
                }
                if extra > 0 {
                    return Err(de::Error::invalid_length(2 + extra, &pair));
                }
                Ok(Tolerance { past: past.0, future: future.0 })
            }
        }
        deserializer.deserialize_any(ToleranceVisitor)
    }
}

/// An instant as unix seconds: an integer, or an RFC 3339 string with an offset (whole seconds, see
/// [`crate::instant`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UnixSeconds(pub i64);

impl<'de> Deserialize<'de> for UnixSeconds {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct InstantVisitor;
        impl<'de> Visitor<'de> for InstantVisitor {
            type Value = UnixSeconds;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("integer unix seconds or an RFC 3339 instant")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<UnixSeconds, E> {
                Ok(UnixSeconds(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<UnixSeconds, E> {
                i64::try_from(v).map(UnixSeconds).map_err(|_| E::invalid_value(Unexpected::Unsigned(v), &self))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<UnixSeconds, E> {
                crate::instant::parse_rfc3339(s).map(UnixSeconds).map_err(|problem| E::custom(problem.to_string()))
            }
        }
        deserializer.deserialize_any(InstantVisitor)
    }
}

/// The options of the presets without a timestamp (`smartcar`, `github`, `shopify`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct BodyOptions {
    /// Reject bodies longer than this many bytes (`body_too_large`); none: no limit.
    pub max_body: Option<u64>,
}

/// The options of the presets that sign a timestamp (`standard_webhooks`, `stripe`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct TimedOptions {
    /// The timestamp window (none: [`Tolerance::default`], 300 s each way).
    pub tolerance: Option<Tolerance>,
    /// Reject bodies longer than this many bytes (`body_too_large`); none: no limit.
    pub max_body: Option<u64>,
}

/// The options of the Odoo preset ([`HmacConfig::odoo`]).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct OdooOptions {
    /// Require `X-Odoo-Timestamp`, signed as `timestamp + "." + body` (none: false).
    pub timestamped: Option<bool>,
    /// The timestamp window when `timestamped` (none: [`Tolerance::default`], 300 s each way).
    pub tolerance: Option<Tolerance>,
    /// Reject bodies longer than this many bytes (`body_too_large`); none: no limit.
    pub max_body: Option<u64>,
}

/// The generic HMAC-SHA256 scheme: its [`HmacConfig`] and the limits.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HmacOptions {
    /// The signature header's name (required), e.g. `X-Signature`.
    pub header: String,
    /// A prefix before the encoded MAC, e.g. `sha256=`; none: no prefix.
    #[serde(default)]
    pub prefix: Option<String>,
    /// How the MAC is written: `hex` or `base64` (none: [`Encoding::Hex`]).
    #[serde(default)]
    pub encoding: Option<Encoding>,
    /// A header holding unix seconds, signed as `timestamp + "." + body` (or where `signed_content` puts
    /// `{timestamp}`); none: no timestamp.
    #[serde(default)]
    pub timestamp_header: Option<String>,
    /// A header holding the message id, signed where `signed_content` puts `{id}`; none: no id.
    #[serde(default)]
    pub id_header: Option<String>,
    /// What is signed, as a template such as `{id}.{timestamp}.{body}` ([`SignedContent`]); none: the body, or
    /// `timestamp.body` with a `timestamp_header`.
    #[serde(default)]
    pub signed_content: Option<String>,
    /// The timestamp window when `timestamp_header` is set (none: [`Tolerance::default`], 300 s each way).
    #[serde(default)]
    pub tolerance: Option<Tolerance>,
    /// Reject bodies longer than this many bytes (`body_too_large`); none: no limit.
    #[serde(default)]
    pub max_body: Option<u64>,
}

/// The presets without a timestamp.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Untimed {
    /// [`Verifier::smartcar`].
    Smartcar,
    /// [`Verifier::github`].
    Github,
    /// [`Verifier::shopify`].
    Shopify,
}

/// The presets that sign a timestamp.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Timed {
    /// [`Verifier::standard_webhooks`].
    StandardWebhooks,
    /// [`Verifier::stripe`].
    Stripe,
}

fn limited(verifier: Verifier, tolerance: Option<Tolerance>, max_body: Option<u64>) -> Verifier {
    let t = tolerance.unwrap_or_default();
    let verifier = verifier.with_tolerance(t.past, t.future);
    match max_body {
        // A limit beyond the address space limits nothing a caller can pass.
        Some(max) => verifier.with_max_body(usize::try_from(max).unwrap_or(usize::MAX)),
        None => verifier,
    }
}

impl BodyOptions {
    /// The `preset` verifier with these options.
    pub fn verifier(&self, preset: Untimed, secrets: &Secrets) -> Result<Verifier, WebhookError> {
        let secrets = secrets.as_strs();
        let verifier = match preset {
            Untimed::Smartcar => Verifier::smartcar(&secrets),
            Untimed::Github => Verifier::github(&secrets),
            Untimed::Shopify => Verifier::shopify(&secrets),
        }?;
        Ok(limited(verifier, None, self.max_body))
    }
}

impl TimedOptions {
    /// The `preset` verifier with these options.
    pub fn verifier(&self, preset: Timed, secrets: &Secrets) -> Result<Verifier, WebhookError> {
        let secrets = secrets.as_strs();
        let verifier = match preset {
            Timed::StandardWebhooks => Verifier::standard_webhooks(&secrets),
            Timed::Stripe => Verifier::stripe(&secrets),
        }?;
        Ok(limited(verifier, self.tolerance, self.max_body))
    }
}

impl OdooOptions {
    /// The Odoo verifier with these options.
    pub fn verifier(&self, secrets: &Secrets) -> Result<Verifier, WebhookError> {
        let verifier = Verifier::odoo(&secrets.as_strs(), self.timestamped.unwrap_or(false))?;
        Ok(limited(verifier, self.tolerance, self.max_body))
    }
}

impl HmacOptions {
    /// The scheme's configuration, its `signed_content` parsed (`invalid_signed_content`).
    pub fn config(&self) -> Result<HmacConfig, WebhookError> {
        Ok(HmacConfig {
            header: self.header.clone(),
            prefix: self.prefix.clone(),
            encoding: self.encoding.unwrap_or_default(),
            timestamp_header: self.timestamp_header.clone(),
            id_header: self.id_header.clone(),
            signed_content: self.signed_content.as_deref().map(SignedContent::parse).transpose()?,
        })
    }

    /// The generic HMAC verifier with these options (`malformed_header` for an unusable header name,
    /// `invalid_signed_content` for a template that cannot be used).
    pub fn verifier(&self, secrets: &Secrets) -> Result<Verifier, WebhookError> {
        let verifier = Verifier::hmac(&secrets.as_strs(), self.config()?)?;
        Ok(limited(verifier, self.tolerance, self.max_body))
    }
}

/// The options of `verify` and `stream`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct VerifyOptions {
    /// The instant to check timestamps against (default: the clock the binding reads, the system clock).
    pub now: Option<UnixSeconds>,
    /// `false` skips the timestamp window, for re-verifying stored deliveries (none: true).
    pub check_time: Option<bool>,
}

impl VerifyOptions {
    /// The time check these options ask for; `clock` (unix seconds) is read only when `now` is not given.
    pub fn time_check(&self, clock: impl FnOnce() -> i64) -> TimeCheck {
        match (self.check_time.unwrap_or(true), self.now) {
            (false, _) => TimeCheck::Skip,
            (true, Some(now)) => TimeCheck::At(now.0),
            (true, None) => TimeCheck::At(clock()),
        }
    }
}

/// The options of `sign`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SignOptions {
    /// The Standard Webhooks message id (default: derived from the timestamp and the body).
    pub msg_id: Option<String>,
    /// The instant to sign (default: `clock`, the system clock).
    pub timestamp: Option<UnixSeconds>,
    /// The values of the headers a generic `signed_content` template names (`{header:Name}`).
    pub headers: Option<HeaderValues>,
}

/// Header values given to `sign`: `[name, value]` pairs, or a mapping of names to values. (JavaScript options
/// objects have their keys read as camelCase, so JS callers give pairs: `[['X-Delivery', 'd-1']]`.)
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HeaderValues(pub Vec<(String, String)>);

impl<'de> Deserialize<'de> for HeaderValues {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PairsVisitor;
        impl<'de> Visitor<'de> for PairsVisitor {
            type Value = HeaderValues;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("[name, value] pairs of strings or a mapping of header names to strings")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<HeaderValues, A::Error> {
                let mut out = Vec::new();
                while let Some(pair) = seq.next_element::<(String, String)>()? {
                    out.push(pair);
                }
                Ok(HeaderValues(out))
            }
            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<HeaderValues, A::Error> {
                let mut out = Vec::new();
                while let Some(pair) = map.next_entry::<String, String>()? {
                    out.push(pair);
                }
                Ok(HeaderValues(out))
            }
        }
        deserializer.deserialize_any(PairsVisitor)
    }
}

impl SignOptions {
    /// Signs `body` with `verifier`'s first key ([`Verifier::sign`]); `clock` (unix seconds) is read only when no
    /// `timestamp` is given.
    pub fn sign(
        &self,
        verifier: &Verifier,
        body: &[u8],
        clock: impl FnOnce() -> i64,
    ) -> Result<Vec<(String, String)>, WebhookError> {
        let timestamp = self.timestamp.map_or_else(clock, |t| t.0);
        let headers: Vec<(&str, &str)> =
            self.headers.iter().flat_map(|h| &h.0).map(|(k, v)| (k.as_str(), v.as_str())).collect();
        verifier.sign_with_headers(body, self.msg_id.as_deref(), Some(timestamp), &headers)
    }
}

/// The system clock in unix seconds, for the native bindings (`wasm32-unknown-unknown` has no system clock: the
/// WASM binding reads JavaScript's `Date.now()`).
pub fn system_clock() -> i64 {
    use std::time::{SystemTime, UNIX_EPOCH};
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

impl<'de> Deserialize<'de> for Encoding {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        Encoding::parse(&name).ok_or_else(|| de::Error::invalid_value(Unexpected::Str(&name), &"`hex` or `base64`"))
    }
}
