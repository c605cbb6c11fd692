//! The decoder's options and results as every binding passes and returns them.

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize};

use super::Decoder;
use crate::retry::Backoff;

/// `new sse.Decoder(options)` / `sse.Decoder(max_buffer=...)`; an unknown option is `invalid_option`, never
/// silently ignored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DecoderOptions {
    /// The most bytes the decoder holds (an unfinished line plus the event being built): more is
    /// `buffer_overflow`. Default [`super::DEFAULT_MAX_BUFFER`] (1 MiB); at least 1.
    pub max_buffer: Option<std::num::NonZeroUsize>,
}

impl DecoderOptions {
    /// A decoder at the start of a stream, with these options.
    pub fn decoder(&self) -> Decoder {
        match self.max_buffer {
            Some(max) => Decoder::new().with_max_buffer(max.get()),
            None => Decoder::new(),
        }
    }
}

/// A chunk of a stream as a binding passes it to `feed`: bytes, or a string (its UTF-8).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chunk(pub Vec<u8>);

impl<'de> Deserialize<'de> for Chunk {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Bytes;
        impl<'de> Visitor<'de> for Bytes {
            type Value = Chunk;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("bytes (bytes, Uint8Array, Buffer) or a string")
            }
            fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Chunk, E> {
                Ok(Chunk(v.to_vec()))
            }
            fn visit_byte_buf<E: de::Error>(self, v: Vec<u8>) -> Result<Chunk, E> {
                Ok(Chunk(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Chunk, E> {
                Ok(Chunk(v.as_bytes().to_vec()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Chunk, E> {
                Ok(Chunk(v.into_bytes()))
            }
        }
        deserializer.deserialize_any(Bytes)
    }
}

/// When and how to reconnect after the stream dropped (see [`Decoder::reconnect`]), as the bindings give it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reconnect {
    /// Seconds to wait.
    pub delay: f64,
    /// The `Last-Event-ID` header to send (empty: none).
    pub last_event_id: String,
}

/// [`Decoder::reconnect`] in seconds: `None` when `backoff`'s budget is spent.
pub fn reconnect(decoder: &Decoder, backoff: &mut Backoff, attempt: u32) -> Option<Reconnect> {
    decoder.reconnect(backoff, attempt).map(|(us, last_event_id)| Reconnect { delay: us as f64 / 1e6, last_event_id })
}
