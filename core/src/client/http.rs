//! One HTTP exchange with timeouts and retries, shared by the Smartcar and Odoo clients.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use reqwest::blocking::{Client, RequestBuilder};
use reqwest::header::{HeaderMap, RETRY_AFTER};
use serde_json::Value as Json;

use super::ClientError;
use crate::retry::{is_retryable, parse_retry_after, Backoff, BackoffOptions};

/// Waits between attempts; [`HttpConfig::sleeper`] replaces `std::thread::sleep` in simulations and tests.
pub type Sleeper = Arc<dyn Fn(Duration) + Send + Sync>;

/// Timeout and retry policy of a client.
#[derive(Clone)]
pub struct HttpConfig {
    /// The limit for one attempt, connection included.
    pub timeout: Duration,
    /// The retry policy; each call starts from a fresh copy of it.
    pub backoff: Backoff,
    /// How the client waits between attempts (default: `std::thread::sleep`).
    pub sleeper: Sleeper,
    /// The longest response body read, in bytes (default [`DEFAULT_MAX_RESPONSE_BYTES`], 8 MiB): a successful
    /// answer beyond it is `response_too_large`; of an error answer only this many bytes are read.
    pub max_response_bytes: usize,
}

/// The default [`HttpConfig::max_response_bytes`]: 8 MiB, far above any Smartcar or Odoo answer.
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 8 << 20;

impl fmt::Debug for HttpConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpConfig")
            .field("timeout", &self.timeout)
            .field("backoff", &self.backoff)
            .field("max_response_bytes", &self.max_response_bytes)
            .finish()
    }
}

impl HttpConfig {
    /// A config with `timeout_s` seconds per attempt (positive, at most one hour: `invalid_argument` otherwise)
    /// and `backoff`, by default [`BackoffOptions::default`] (the one default of every retry policy: full jitter
    /// from 0.1 s, capped at 30 s, 5 attempts in all), seeded from the clock.
    pub fn new(timeout_s: f64, backoff: Option<Backoff>) -> Result<Self, ClientError> {
        if !(timeout_s.is_finite() && timeout_s > 0.0 && timeout_s <= 3600.0) {
            return Err(ClientError::invalid("timeout", "must be a positive number of seconds, at most 3600"));
        }
        let backoff = match backoff {
            Some(b) => b,
            None => BackoffOptions::default().backoff(Self::entropy()).expect("the default backoff is valid"),
        };
        let sleeper: Sleeper = Arc::new(std::thread::sleep);
        Ok(HttpConfig {
            timeout: Duration::from_secs_f64(timeout_s),
            backoff,
            sleeper,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
        })
    }

    /// The same config reading at most `max` bytes of a response body (see [`HttpConfig::max_response_bytes`]).
    pub fn with_max_response_bytes(mut self, max: usize) -> Self {
        self.max_response_bytes = max;
        self
    }

    /// A seed for a policy given without one: the clock's nanoseconds.
    pub fn entropy() -> u64 {
        SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos() as u64)
    }
}

/// A successful (2xx) answer.
pub(crate) struct Reply {
    pub(crate) headers: HeaderMap,
    pub(crate) body: Vec<u8>,
}

impl Reply {
    /// The body as JSON.
    pub(crate) fn json(&self) -> Result<Json, ClientError> {
        serde_json::from_slice(&self.body).map_err(|e| ClientError::response(format!("the body is not JSON ({e})")))
    }

    /// A header's value as text, when present.
    pub(crate) fn header(&self, name: &str) -> Result<Option<&str>, ClientError> {
        self.headers
            .get(name)
            .map(|v| v.to_str().map_err(|_| ClientError::response(format!("the {name} header is not ASCII"))))
            .transpose()
    }
}

/// The transport of one client.
pub(crate) struct Http {
    client: Client,
    config: HttpConfig,
}

/// How one logical call may be retried, and what its errors must not reveal.
pub(crate) struct Call<'a> {
    /// The HTTP method (decides, with `idempotency_key`, whether failures are retried).
    pub(crate) method: &'static str,
    /// Whether the request carries an idempotency key.
    pub(crate) idempotency_key: bool,
    /// Values scrubbed from upstream error descriptions.
    pub(crate) secrets: &'a [&'a str],
}

impl Http {
    pub(crate) fn new(config: HttpConfig) -> Result<Self, ClientError> {
        let client = Client::builder()
            .timeout(config.timeout)
            .connect_timeout(config.timeout)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| ClientError::invalid("client", format!("the HTTP client could not start ({e})")))?;
        Ok(Http { client, config })
    }

    pub(crate) fn config(&self) -> &HttpConfig {
        &self.config
    }

    /// Sends the request `build` makes, again after each retryable failure while the backoff allows.
    pub(crate) fn send(
        &self,
        call: &Call<'_>,
        build: impl Fn(&Client) -> RequestBuilder,
    ) -> Result<Reply, ClientError> {
        let mut backoff = self.config.backoff.clone();
        let mut attempt = 0u32;
        loop {
            attempt += 1;
            let (status, retry_after_us, error) = match self.attempt(&build, attempt, call.secrets) {
                Ok(reply) => return Ok(reply),
                Err(failure) => failure,
            };
            let retryable = is_retryable(status.map(i64::from), call.method, call.idempotency_key).unwrap_or(false);
            match backoff.next_delay(attempt, retry_after_us).filter(|_| retryable) {
                Some(delay_us) => (self.config.sleeper)(Duration::from_micros(delay_us.max(0) as u64)),
                None => return Err(error),
            }
        }
    }

    /// One attempt: the reply, or (status, Retry-After in microseconds, the error to report if it is the last).
    fn attempt(
        &self,
        build: &impl Fn(&Client) -> RequestBuilder,
        attempt: u32,
        secrets: &[&str],
    ) -> Result<Reply, (Option<u16>, Option<i64>, ClientError)> {
        let transport = |e: reqwest::Error| {
            let error = if e.is_timeout() {
                ClientError::Timeout { attempts: attempt }
            } else {
                ClientError::ConnectionFailed {
                    attempts: attempt,
                    detail: scrub(&e.without_url().to_string(), secrets),
                }
            };
            (None, None, error)
        };
        let response = build(&self.client).send().map_err(transport)?;
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let max = self.config.max_response_bytes;
        let success = (200..300).contains(&status);
        let too_large = || (Some(status), None, ClientError::ResponseTooLarge { max });
        if success && response.content_length().is_some_and(|len| len > max as u64) {
            return Err(too_large());
        }
        // Never more than `max + 1` bytes in memory, whatever the upstream sends.
        let mut body = Vec::new();
        let limit = u64::try_from(max).unwrap_or(u64::MAX).saturating_add(1);
        let read = std::io::Read::read_to_end(&mut std::io::Read::take(response, limit), &mut body);
        if let Err(e) = read {
            let error = if e.kind() == std::io::ErrorKind::TimedOut {
                ClientError::Timeout { attempts: attempt }
            } else {
                ClientError::ConnectionFailed { attempts: attempt, detail: scrub(&e.to_string(), secrets) }
            };
            return Err((None, None, error));
        }
        if body.len() > max {
            if success {
                return Err(too_large());
            }
            body.truncate(max);
        }
        if success {
            return Ok(Reply { headers, body });
        }
        let now_us = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_micros() as i64);
        let retry_after_us =
            headers.get(RETRY_AFTER).and_then(|v| v.to_str().ok()).and_then(|v| parse_retry_after(v, now_us).ok());
        Err((Some(status), retry_after_us, failure(status, &body, retry_after_us, secrets)))
    }
}

/// The error for an unsuccessful status.
fn failure(status: u16, body: &[u8], retry_after_us: Option<i64>, secrets: &[&str]) -> ClientError {
    let parsed: Option<Json> = serde_json::from_slice(body).ok();
    let field = |key: &str| parsed.as_ref().and_then(|j| j.get(key));
    let oauth_refusal =
        field("error").and_then(Json::as_str).is_some_and(|e| ["invalid_grant", "invalid_client"].contains(&e));
    let detail = parsed.as_ref().and_then(|j| describe(j, secrets));
    match status {
        401 | 403 => ClientError::Unauthorized { status, detail },
        400 if oauth_refusal => ClientError::Unauthorized { status, detail },
        429 => ClientError::RateLimited { retry_after_s: retry_after_us.map(|us| (us + 999_999) / 1_000_000) },
        _ => ClientError::Upstream { status, detail },
    }
}

/// The upstream's own explanation from a JSON error body (Smartcar's `type`/`code`/`description`, OAuth's
/// `error`/`error_description`, Odoo's `error`/`message`), at most 300 characters, scrubbed of secrets.
fn describe(body: &Json, secrets: &[&str]) -> Option<String> {
    let mut parts = Vec::new();
    for key in ["type", "code", "error", "description", "error_description", "message"] {
        match body.get(key) {
            Some(Json::String(s)) if !s.is_empty() => parts.push(s.clone()),
            Some(Json::Object(inner)) => {
                if let Some(Json::String(s)) = inner.get("message") {
                    parts.push(s.clone());
                }
            }
            _ => {}
        }
    }
    if parts.is_empty() {
        return None;
    }
    let text: String = scrub(&parts.join(": "), secrets).chars().take(300).collect();
    Some(text)
}

/// `text` with every non-empty secret replaced by `[redacted]`.
pub(crate) fn scrub(text: &str, secrets: &[&str]) -> String {
    secrets.iter().filter(|s| !s.is_empty()).fold(text.to_owned(), |t, s| t.replace(s, "[redacted]"))
}
