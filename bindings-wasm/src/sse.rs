//! `sse`: wraps `fleetgate::sse` (server-sent events encoder and streaming decoder).

use fleetgate::boundary::Site;
use fleetgate::sse as core;
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;

use crate::boundary;
use crate::errors::{describe, to_js_err};
use crate::retry::Backoff;

/// A streaming event-stream decoder (the WHATWG rules `EventSource` follows).
#[wasm_bindgen]
pub struct Decoder {
    inner: core::Decoder,
}

#[wasm_bindgen]
impl Decoder {
    /// A decoder at the start of a stream.
    #[wasm_bindgen(constructor)]
    #[allow(clippy::new_without_default)]
    pub fn new() -> Decoder {
        Decoder { inner: core::Decoder::new() }
    }

    /// Feeds the next bytes (a `Uint8Array`, or a string as UTF-8); returns the completed events
    /// (`{event, data, id}`).
    #[wasm_bindgen(unchecked_return_type = "{event: string, data: string, id: string}[]")]
    pub fn feed(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array | string")] chunk: JsValue,
    ) -> Result<Array, JsValue> {
        let bytes = match chunk.as_string() {
            Some(text) => text.into_bytes(),
            None if chunk.is_instance_of::<js_sys::Uint8Array>() => js_sys::Uint8Array::from(chunk).to_vec(),
            None => {
                let error = js_sys::Error::new(&format!("expected a Uint8Array or a string, got {}", describe(&chunk)));
                error.set_name("TypeError");
                return Err(error.into());
            }
        };
        let out = Array::new();
        for e in self.inner.feed(&bytes) {
            let event = Object::new();
            for (name, value) in [("event", e.event), ("data", e.data), ("id", e.id)] {
                let _ = Reflect::set(&event, &JsValue::from_str(name), &JsValue::from_str(&value));
            }
            out.push(&event);
        }
        Ok(out)
    }

    /// The last event ID: send it as `Last-Event-ID` when reconnecting.
    #[wasm_bindgen(getter = lastEventId)]
    pub fn last_event_id(&self) -> String {
        self.inner.last_event_id().to_owned()
    }

    /// After the stream dropped and `attempt` connection attempts were made: `{delay, lastEventId}`, the seconds to
    /// wait (the server's `retry:` if it sent one, capped by `backoff`, else `backoff`'s own delay) and the
    /// `Last-Event-ID` to send (empty: none); `null` when `backoff`'s budget is spent.
    #[wasm_bindgen(unchecked_return_type = "{delay: number, lastEventId: string} | null")]
    pub fn reconnect(&self, backoff: &mut Backoff, attempt: u32) -> JsValue {
        match self.inner.reconnect(backoff.inner_mut(), attempt) {
            Some((delay, id)) => {
                let out = Object::new();
                let _ = Reflect::set(&out, &JsValue::from_str("delay"), &JsValue::from(delay as f64 / 1e6));
                let _ = Reflect::set(&out, &JsValue::from_str("lastEventId"), &JsValue::from_str(&id));
                out.into()
            }
            None => JsValue::NULL,
        }
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
        #[wasm_bindgen(unchecked_param_type = "{event?: string, id?: string, retry?: number}")] options: JsValue,
    ) -> Result<String, JsValue> {
        let data: String = boundary::decode(&data, &Site::argument("sse", "data"))?;
        let options: core::EncodeOptions = boundary::decode_or_default(&options, &Site::options("sse").camel())?;
        options.encode(&data).map_err(to_js_err)
    }

    /// A comment line (`: text`), e.g. a heartbeat; a multi-line text becomes several comment lines.
    pub fn comment(text: &str) -> String {
        core::comment(text)
    }
}
