//! Server-sent events: an encoder that cannot be tricked into injecting fields, and a streaming decoder that
//! follows the WHATWG event-stream rules (what a browser's `EventSource` does).
//!
//! ```
//! use fleetgate::sse::{encode, Decoder};
//! let wire = encode("line 1\nline 2", Some("inventory"), Some("42"), None).unwrap();
//! assert_eq!(wire, "id: 42\nevent: inventory\ndata: line 1\ndata: line 2\n\n");
//! let mut decoder = Decoder::new();
//! let events = decoder.feed(wire.as_bytes());
//! assert_eq!(events[0].data, "line 1\nline 2");
//! assert_eq!(decoder.last_event_id(), "42");
//! ```

use crate::error::ErrorCode;
use crate::retry::Backoff;

mod options;

pub use options::{reconnect, Chunk, DecoderOptions, Reconnect};

/// Encodes one event: `id`, `event`, `retry` (milliseconds) lines when given, then one `data:` line per line of
/// `data` (lines split on CRLF, LF and lone CR; a decoder joins them with LF), then a blank line.
///
/// A CR or LF in `id` or `event`, or a NUL in `id`, is `field_injection` (it would start another field or
/// event). Empty `data` is one empty `data:` line, which `EventSource` dispatches with empty data.
pub fn encode(data: &str, event: Option<&str>, id: Option<&str>, retry_ms: Option<u64>) -> Result<String, SseError> {
    let mut out = String::with_capacity(data.len() + 32);
    if let Some(id) = id {
        check_field("id", id, id.contains('\0'))?;
        push_field(&mut out, "id", id);
    }
    if let Some(event) = event {
        check_field("event", event, false)?;
        push_field(&mut out, "event", event);
    }
    if let Some(retry) = retry_ms {
        push_field(&mut out, "retry", &retry.to_string());
    }
    for line in lines(data) {
        push_field(&mut out, "data", line);
    }
    out.push('\n');
    Ok(out)
}

/// The optional fields of an event, as the bindings pass them (`encode(data, {event, id, retry})`).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct EncodeOptions {
    /// The event type (`event:`); none: the client's default, `message`.
    pub event: Option<String>,
    /// The event ID (`id:`), which the client sends back as `Last-Event-ID`.
    pub id: Option<String>,
    /// The reconnection time to ask for, in milliseconds (`retry:`).
    pub retry: Option<u64>,
}

impl EncodeOptions {
    /// [`encode`] with these fields.
    pub fn encode(&self, data: &str) -> Result<String, SseError> {
        encode(data, self.event.as_deref(), self.id.as_deref(), self.retry)
    }
}

/// A comment (`: text`, ignored by clients; used as a heartbeat to keep connections open). A multi-line text
/// becomes one comment line per line, so it can never end the comment and start a field.
pub fn comment(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 4);
    for line in lines(text) {
        out.push(':');
        if !line.is_empty() {
            out.push(' ');
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

fn check_field(field: &'static str, value: &str, has_nul: bool) -> Result<(), SseError> {
    if value.contains(['\r', '\n']) || has_nul {
        return Err(SseError::FieldInjection { field, value: value.to_owned() });
    }
    Ok(())
}

fn push_field(out: &mut String, name: &str, value: &str) {
    out.push_str(name);
    out.push_str(": ");
    out.push_str(value);
    out.push('\n');
}

/// The lines of `text`, split on CRLF, LF and lone CR; a trailing line break is followed by one more (empty) line, so
/// that joining the lines with LF gives the text back (with every line break as LF).
fn lines(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let (mut start, mut i) = (0, 0);
    while i < bytes.len() {
        match bytes[i] {
            b'\n' | b'\r' => {
                out.push(&text[start..i]);
                i += if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
                start = i;
            }
            _ => i += 1,
        }
    }
    out.push(&text[start..]);
    out
}

/// One dispatched event.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Event {
    /// The event type (`message` when the stream gave none).
    pub event: String,
    /// The data lines joined with LF.
    pub data: String,
    /// The last event ID at dispatch (carried over from earlier events when this one had no `id`).
    pub id: String,
}

/// The default [`Decoder::max_buffer`]: 1 MiB.
pub const DEFAULT_MAX_BUFFER: usize = 1 << 20;

/// A streaming event-stream decoder: feed it bytes as they arrive, in chunks of any size.
///
/// Memory is bounded: the bytes it holds between calls (an unfinished line, and the data, event type and id of
/// the event being built) never exceed [`Decoder::max_buffer`] ([`DEFAULT_MAX_BUFFER`], 1 MiB, unless set with
/// [`Decoder::with_max_buffer`]). A stream that needs more is `buffer_overflow`, and the decoder is then
/// **poisoned**: every later call fails the same way, since what follows can no longer be framed reliably.
/// Reconnect with a new decoder, sending [`Decoder::last_event_id`].
#[derive(Clone, Debug)]
pub struct Decoder {
    /// The most bytes held between calls.
    max_buffer: usize,
    /// Set once `max_buffer` was exceeded.
    overflowed: bool,
    /// Bytes of an unfinished line.
    line: Vec<u8>,
    /// The stream has started (a leading BOM was looked for).
    started: bool,
    /// The previous chunk ended with CR: an LF at the start of the next one belongs to it.
    after_cr: bool,
    data: String,
    event_type: String,
    id_buffer: String,
    last_event_id: String,
    retry_ms: Option<u64>,
}

impl Default for Decoder {
    fn default() -> Self {
        Decoder {
            max_buffer: DEFAULT_MAX_BUFFER,
            overflowed: false,
            line: Vec::new(),
            started: false,
            after_cr: false,
            data: String::new(),
            event_type: String::new(),
            id_buffer: String::new(),
            last_event_id: String::new(),
            retry_ms: None,
        }
    }
}

impl Decoder {
    /// A decoder at the start of a stream, holding at most [`DEFAULT_MAX_BUFFER`] bytes.
    pub fn new() -> Self {
        Decoder::default()
    }

    /// The same decoder holding at most `max_buffer` bytes between calls (at least 1).
    pub fn with_max_buffer(mut self, max_buffer: usize) -> Self {
        self.max_buffer = max_buffer.max(1);
        self
    }

    /// The most bytes this decoder holds between calls.
    pub fn max_buffer(&self) -> usize {
        self.max_buffer
    }

    /// Whether the buffer limit was exceeded (the decoder is poisoned).
    pub fn overflowed(&self) -> bool {
        self.overflowed
    }

    /// Feeds the next bytes; returns the events completed by them. Invalid UTF-8 becomes U+FFFD, as in browsers.
    ///
    /// The infallible form of [`Decoder::try_feed`]: once the buffer limit is exceeded it returns no more events
    /// (check [`Decoder::overflowed`]); prefer `try_feed`, which says so.
    pub fn feed(&mut self, chunk: &[u8]) -> Vec<Event> {
        self.try_feed(chunk).unwrap_or_default()
    }

    /// Feeds the next bytes; returns the events completed by them, or `buffer_overflow` when holding the stream's
    /// unfinished line or event would take more than [`Decoder::max_buffer`] bytes. The call that overflows
    /// still returns the events completed before the overflow (and `buffer_overflow` only when there are none);
    /// from then on the decoder is poisoned and every call is `buffer_overflow`.
    pub fn try_feed(&mut self, chunk: &[u8]) -> Result<Vec<Event>, SseError> {
        let overflow = SseError::BufferOverflow { max: self.max_buffer };
        if self.overflowed {
            return Err(overflow);
        }
        let mut events = Vec::new();
        let mut rest = chunk;
        if self.after_cr && !rest.is_empty() {
            if rest[0] == b'\n' {
                rest = &rest[1..];
            }
            self.after_cr = false;
        }
        while let Some(end) = rest.iter().position(|&b| b == b'\n' || b == b'\r') {
            if self.held() + end >= self.max_buffer {
                return self.overflow(events);
            }
            self.line.extend_from_slice(&rest[..end]);
            let crlf = rest[end] == b'\r' && rest.get(end + 1) == Some(&b'\n');
            self.after_cr = rest[end] == b'\r' && end + 1 == rest.len();
            rest = &rest[end + if crlf { 2 } else { 1 }..];
            let line = std::mem::take(&mut self.line);
            if let Some(event) = self.process_line(&line) {
                events.push(event);
            }
            self.line = line; // keeps its capacity
            self.line.clear();
        }
        if self.held() + rest.len() > self.max_buffer {
            return self.overflow(events);
        }
        self.line.extend_from_slice(rest);
        Ok(events)
    }

    /// Bytes held for the line and the event being built.
    fn held(&self) -> usize {
        self.line.len() + self.data.len() + self.event_type.len() + self.id_buffer.len()
    }

    /// Poisons the decoder and drops what it held.
    fn overflow(&mut self, events: Vec<Event>) -> Result<Vec<Event>, SseError> {
        self.overflowed = true;
        self.line = Vec::new();
        self.data = String::new();
        self.event_type = String::new();
        self.id_buffer = String::new();
        if events.is_empty() {
            Err(SseError::BufferOverflow { max: self.max_buffer })
        } else {
            Ok(events)
        }
    }

    /// The last event ID: what to send as `Last-Event-ID` when reconnecting.
    pub fn last_event_id(&self) -> &str {
        &self.last_event_id
    }

    /// The reconnection time the server asked for with `retry:` (milliseconds), if any.
    pub fn retry_ms(&self) -> Option<u64> {
        self.retry_ms
    }

    /// When the stream dropped after `attempt` connection attempts: the microseconds to wait before reconnecting
    /// (the server's `retry:` if it sent one, capped by the policy, else the policy's own delay) and the
    /// `Last-Event-ID` to send (empty: send none). `None` when the policy's attempts or elapsed budget are spent.
    pub fn reconnect(&self, backoff: &mut Backoff, attempt: u32) -> Option<(i64, String)> {
        let server = self.retry_ms.map(|ms| i64::try_from(ms.saturating_mul(1000)).unwrap_or(i64::MAX));
        backoff.next_delay(attempt, server).map(|delay| (delay, self.last_event_id.clone()))
    }

    fn process_line(&mut self, raw: &[u8]) -> Option<Event> {
        let mut bytes = raw;
        if !self.started {
            self.started = true;
            bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
        }
        let line = String::from_utf8_lossy(bytes);
        if line.is_empty() {
            return self.dispatch();
        }
        if line.starts_with(':') {
            return None;
        }
        let (field, value) = match line.split_once(':') {
            Some((field, value)) => (field, value.strip_prefix(' ').unwrap_or(value)),
            None => (line.as_ref(), ""),
        };
        match field {
            "event" => self.event_type = value.to_owned(),
            "data" => {
                self.data.push_str(value);
                self.data.push('\n');
            }
            "id" if !value.contains('\0') => self.id_buffer = value.to_owned(),
            "retry" if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) => {
                if let Ok(ms) = value.parse() {
                    self.retry_ms = Some(ms);
                }
            }
            _ => {}
        }
        None
    }

    fn dispatch(&mut self) -> Option<Event> {
        self.last_event_id.clone_from(&self.id_buffer);
        let event_type = std::mem::take(&mut self.event_type);
        let mut data = std::mem::take(&mut self.data);
        if data.is_empty() {
            return None;
        }
        data.pop(); // the LF after the last data line
        let event = if event_type.is_empty() { "message".to_owned() } else { event_type };
        Some(Event { event, data, id: self.last_event_id.clone() })
    }
}

/// Errors of the server-sent events area.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Serialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum SseError {
    /// Code `field_injection`: a CR or LF in `id` or `event`, or a NUL in `id`.
    #[error("the SSE {field} {value:?} contains a line break or NUL, which would inject fields")]
    FieldInjection {
        /// `id` or `event`.
        field: &'static str,
        /// The value as given.
        value: String,
    },
    /// Code `buffer_overflow`: the stream's unfinished line or event would take more than the decoder's
    /// `max_buffer` bytes; the decoder is poisoned (reconnect with a new one).
    #[error("the SSE stream needs more than the decoder's max_buffer of {max} bytes for one line or event")]
    BufferOverflow {
        /// The decoder's limit in bytes.
        max: usize,
    },
}

impl ErrorCode for SseError {
    fn code(&self) -> &'static str {
        match self {
            SseError::FieldInjection { .. } => "field_injection",
            SseError::BufferOverflow { .. } => "buffer_overflow",
        }
    }
    fn area(&self) -> &'static str {
        "sse"
    }
}

impl SseError {
    /// The stable code (same as [`ErrorCode::code`], callable without importing the trait).
    pub fn code(&self) -> &'static str {
        ErrorCode::code(self)
    }
}
