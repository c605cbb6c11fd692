//! `sse`: wraps `fleetgate::sse` (server-sent events encoder and streaming decoder).

use fleetgate::boundary::Site;
use fleetgate::sse as core;
use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;

use crate::boundary;
use crate::errors::to_js_err;
use crate::retry::Backoff;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
/** One dispatched event. */
export interface SseEvent {
  event: string;
  data: string;
  id: string;
}
/** When and how to reconnect: seconds to wait and the `Last-Event-ID` to send (empty: none). */
export interface SseReconnect {
  delay: number;
  lastEventId: string;
}
/** `new sse.Decoder(options)`; an unknown option is `invalid_option`. */
export interface DecoderOptions {
  /** The most bytes held (an unfinished line plus the event being built); more is `buffer_overflow`. Default 1 MiB. */
  maxBuffer?: number | null;
}
/** The optional fields of an event. */
export interface EncodeOptions {
  event?: string | null;
  id?: string | null;
  retry?: number | null;
}
"#;

/// A streaming event-stream decoder (the WHATWG rules `EventSource` follows).
#[wasm_bindgen]
pub struct Decoder {
    inner: core::Decoder,
}

#[wasm_bindgen]
impl Decoder {
    /// A decoder at the start of a stream.
    /// @throws {Error} with `code` `invalid_option`.
    #[wasm_bindgen(constructor)]
    pub fn new(#[wasm_bindgen(unchecked_param_type = "DecoderOptions")] options: JsValue) -> Result<Decoder, JsValue> {
        let options: core::DecoderOptions = boundary::decode_or_default(&options, &Site::options("sse").camel())?;
        Ok(Decoder { inner: options.decoder() })
    }

    /// Feeds the next bytes (a `Uint8Array`, or a string as UTF-8); returns the completed events.
    /// @throws {Error} with `code` `invalid_argument` or `buffer_overflow` (more than `maxBuffer` bytes held).
    #[wasm_bindgen(unchecked_return_type = "SseEvent[]")]
    pub fn feed(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array | string")] chunk: JsValue,
    ) -> Result<JsValue, JsValue> {
        let chunk: core::Chunk = boundary::decode(&chunk, &Site::argument("sse", "chunk"))?;
        let events = self.inner.try_feed(&chunk.0).map_err(to_js_err)?;
        Ok(boundary::to_js(&serde_json::to_value(events).unwrap_or_default()))
    }

    /// The last event ID: send it as `Last-Event-ID` when reconnecting.
    #[wasm_bindgen(getter = lastEventId)]
    pub fn last_event_id(&self) -> String {
        self.inner.last_event_id().to_owned()
    }

    /// After the stream dropped and `attempt` connection attempts were made: `{delay, lastEventId}`, the seconds to
    /// wait (the server's `retry:` if it sent one, capped by `backoff`, else `backoff`'s own delay) and the
    /// `Last-Event-ID` to send (empty: none); `null` when `backoff`'s budget is spent.
    /// @throws {Error} with `code` `invalid_argument`.
    #[wasm_bindgen(unchecked_return_type = "SseReconnect | null")]
    pub fn reconnect(
        &self,
        backoff: &mut Backoff,
        #[wasm_bindgen(unchecked_param_type = "number")] attempt: JsValue,
    ) -> Result<JsValue, JsValue> {
        let attempt: u32 = boundary::decode(&attempt, &Site::argument("sse", "attempt"))?;
        Ok(match core::reconnect(&self.inner, backoff.inner_mut(), attempt) {
            Some(next) => {
                let out = Object::new();
                Reflect::set(&out, &JsValue::from_str("delay"), &JsValue::from(next.delay))?;
                Reflect::set(&out, &JsValue::from_str("lastEventId"), &JsValue::from_str(&next.last_event_id))?;
                out.into()
            }
            None => JsValue::NULL,
        })
    }

    /// The reconnection time the server asked for (milliseconds), or `undefined`.
    #[wasm_bindgen(getter)]
    pub fn retry(&self) -> Option<f64> {
        self.inner.retry_ms().map(|ms| ms as f64)
    }
}

/// Server-sent events: the encoder (and the `Decoder` class).
#[wasm_bindgen(js_name = "sse")]
pub struct Sse;

#[wasm_bindgen(js_class = "sse")]
impl Sse {
    /// Encodes one event; a CR or LF in `event` or `id` (or NUL in `id`) is refused.
    /// @throws {Error} with `code` `field_injection`, `invalid_argument` or `invalid_option`.
    pub fn encode(
        #[wasm_bindgen(unchecked_param_type = "string")] data: JsValue,
        #[wasm_bindgen(unchecked_param_type = "EncodeOptions")] options: JsValue,
    ) -> Result<String, JsValue> {
        let data: String = boundary::decode(&data, &Site::argument("sse", "data"))?;
        let options: core::EncodeOptions = boundary::decode_or_default(&options, &Site::options("sse").camel())?;
        options.encode(&data).map_err(to_js_err)
    }

    /// A comment line (`: text`), e.g. a heartbeat; a multi-line text becomes several comment lines.
    /// @throws {Error} with `code` `invalid_argument`.
    pub fn comment(#[wasm_bindgen(unchecked_param_type = "string")] text: JsValue) -> Result<String, JsValue> {
        let text: String = boundary::decode(&text, &Site::argument("sse", "text"))?;
        Ok(core::comment(&text))
    }
}
