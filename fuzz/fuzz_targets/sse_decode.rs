//! SSE decoding in chunks of any size (the first byte picks the size), with a small max_buffer so overflows are
//! reached; and encoder round trips: any data, event and id the encoder accepts decode back to themselves.
#![no_main]

use fleetgate::sse::{encode, Decoder};
use fleetgate_fuzz::small;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let chunk = small(data, 0);
    let mut decoder = Decoder::new().with_max_buffer(small(data, 1) * 16);
    let mut whole = Decoder::new();
    let mut pieces = Vec::new();
    for part in data.chunks(chunk) {
        match decoder.try_feed(part) {
            Ok(events) => pieces.extend(events),
            Err(e) => assert_eq!(e.code(), "buffer_overflow"),
        }
    }
    let all = whole.feed(data);
    if !decoder.overflowed() {
        // Chunking never changes what is decoded.
        assert_eq!(pieces, all);
        assert_eq!(decoder.last_event_id(), whole.last_event_id());
    }
    // Round trip: data / event / id taken from the input's text.
    let text = String::from_utf8_lossy(data);
    let mut parts = text.splitn(3, '\u{1f}');
    let (payload, event, id) = (parts.next().unwrap_or(""), parts.next(), parts.next());
    if let Ok(wire) = encode(payload, event.filter(|e| !e.is_empty()), id, None) {
        let mut decoder = Decoder::new().with_max_buffer(usize::MAX);
        let events = decoder.feed(wire.as_bytes());
        assert_eq!(events.len(), 1, "{wire:?}");
        let expected = payload.replace("\r\n", "\n").replace('\r', "\n");
        assert_eq!(events[0].data, expected);
        // An empty event name means `message`; everything else comes back exactly.
        assert_eq!(events[0].event, event.filter(|e| !e.is_empty()).unwrap_or("message"));
        assert_eq!(events[0].id, id.unwrap_or(""));
    }
});
