//! `sse` namespace: wraps `fleetgate::sse` (server-sent events encoder and streaming decoder).

use fleetgate::boundary::Site;
use fleetgate::sse as core;
use napi::bindgen_prelude::Unknown;
use napi::Env;
use napi_derive::napi;

use crate::boundary;
use crate::errors::{guard, to_js_err};
use crate::retry::Backoff;

/// The optional fields of an event (the TypeScript declaration; the core decodes them as
/// `fleetgate::sse::EncodeOptions`).
#[napi(object, object_to_js = false, namespace = "sse")]
#[allow(dead_code)]
pub struct EncodeOptions {
    /// The event type.
    pub event: Option<String>,
    /// The event ID.
    pub id: Option<String>,
    /// The reconnection time to ask for, in milliseconds.
    pub retry: Option<u32>,
}

/// Encodes one event; a CR or LF in `event` or `id` (or NUL in `id`) is refused.
/// @throws {Error} with `code` `field_injection`, `invalid_argument` or `invalid_option`.
#[napi(namespace = "sse")]
pub fn encode(
    env: Env,
    #[napi(ts_arg_type = "string")] data: Unknown<'_>,
    #[napi(ts_arg_type = "sse.EncodeOptions")] options: Option<Unknown<'_>>,
) -> napi::Result<String> {
    guard(&env, || {
        let data: String = boundary::decode(&env, data, &Site::argument("sse", "data"))?;
        let options: core::EncodeOptions = boundary::decode_or_default(&env, options, &Site::options("sse").camel())?;
        options.encode(&data).map_err(to_js_err(&env))
    })
}

/// A comment line (`: text`), e.g. a heartbeat; a multi-line text becomes several comment lines.
/// @throws {Error} with `code` `invalid_argument`.
#[napi(namespace = "sse")]
pub fn comment(env: Env, #[napi(ts_arg_type = "string")] text: Unknown<'_>) -> napi::Result<String> {
    guard(&env, || {
        let text: String = boundary::decode(&env, text, &Site::argument("sse", "text"))?;
        Ok(core::comment(&text))
    })
}

/// One dispatched event (`fleetgate::sse::Event`).
#[napi(object, object_from_js = false, namespace = "sse")]
pub struct Event {
    /// The event type (`"message"` by default).
    pub event: String,
    /// The data lines joined with LF.
    pub data: String,
    /// The last event ID at dispatch.
    pub id: String,
}

/// When and how to reconnect (`fleetgate::sse::Reconnect`).
#[napi(object, object_from_js = false, namespace = "sse")]
pub struct Reconnect {
    /// Seconds to wait.
    pub delay: f64,
    /// The `Last-Event-ID` header to send (empty: none).
    pub last_event_id: String,
}

/// The options of a decoder (decoded as `fleetgate::sse::DecoderOptions`; an unknown one is `invalid_option`).
#[napi(object, object_to_js = false, namespace = "sse")]
#[allow(dead_code)]
pub struct DecoderOptions {
    /// The most bytes held (an unfinished line plus the event being built); more is `buffer_overflow`.
    /// Default 1 MiB.
    pub max_buffer: Option<u32>,
}

/// A streaming event-stream decoder (the WHATWG rules `EventSource` follows).
#[napi(namespace = "sse")]
pub struct Decoder {
    inner: core::Decoder,
}

#[napi(namespace = "sse")]
impl Decoder {
    /// A decoder at the start of a stream.
    /// @throws {Error} with `code` `invalid_option`.
    #[napi(constructor)]
    pub fn new(
        env: Env,
        #[napi(ts_arg_type = "sse.DecoderOptions")] options: Option<Unknown<'_>>,
    ) -> napi::Result<Self> {
        guard(&env, || {
            let options: core::DecoderOptions =
                boundary::decode_or_default(&env, options, &Site::options("sse").camel())?;
            Ok(Decoder { inner: options.decoder() })
        })
    }

    /// Feeds the next bytes (a `Uint8Array` / `Buffer`, or a string as UTF-8); returns the completed events.
    /// @throws {Error} with `code` `invalid_argument` or `buffer_overflow` (more than `maxBuffer` bytes held).
    #[napi]
    pub fn feed(
        &mut self,
        env: Env,
        #[napi(ts_arg_type = "Uint8Array | string")] chunk: Unknown<'_>,
    ) -> napi::Result<Vec<Event>> {
        guard(&env, || {
            let chunk: core::Chunk = boundary::decode(&env, chunk, &Site::argument("sse", "chunk"))?;
            let events = self.inner.try_feed(&chunk.0).map_err(to_js_err(&env))?;
            Ok(events.into_iter().map(|e| Event { event: e.event, data: e.data, id: e.id }).collect())
        })
    }

    /// The last event ID: send it as `Last-Event-ID` when reconnecting.
    #[napi(getter, js_name = "lastEventId")]
    pub fn last_event_id(&self) -> String {
        self.inner.last_event_id().to_owned()
    }

    /// After the stream dropped and `attempt` connection attempts were made: `{delay, lastEventId}`, the seconds to
    /// wait (the server's `retry:` if it sent one, capped by `backoff`, else `backoff`'s own delay) and the
    /// `Last-Event-ID` to send (empty: none); `null` when `backoff`'s budget is spent.
    /// @throws {Error} with `code` `invalid_argument`.
    #[napi]
    pub fn reconnect(
        &self,
        env: Env,
        backoff: &mut Backoff,
        #[napi(ts_arg_type = "number")] attempt: Unknown<'_>,
    ) -> napi::Result<Option<Reconnect>> {
        guard(&env, || {
            let attempt: u32 = boundary::decode(&env, attempt, &Site::argument("sse", "attempt"))?;
            let next = core::reconnect(&self.inner, backoff.inner_mut(), attempt);
            Ok(next.map(|r| Reconnect { delay: r.delay, last_event_id: r.last_event_id }))
        })
    }

    /// The reconnection time the server asked for (milliseconds), or `null`.
    #[napi(getter)]
    pub fn retry(&self) -> Option<f64> {
        self.inner.retry_ms().map(|ms| ms as f64)
    }
}
