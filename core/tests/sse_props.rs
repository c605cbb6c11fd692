//! Property tests of the SSE encoder and decoder.

use fleetgate::sse::{comment, encode, Decoder};
use proptest::prelude::*;

/// Splits `bytes` at the given cut points (any byte offsets, also inside CRLF pairs and UTF-8 sequences).
fn chunks(bytes: &[u8], cuts: &[usize]) -> Vec<Vec<u8>> {
    let mut points: Vec<usize> = cuts.iter().map(|c| c % (bytes.len() + 1)).collect();
    points.sort_unstable();
    let mut out = Vec::new();
    let mut start = 0;
    for p in points {
        out.push(bytes[start..p].to_vec());
        start = p;
    }
    out.push(bytes[start..].to_vec());
    out
}

proptest! {
    #[test]
    fn decode_of_encode_is_identity(
        data in "\\PC*(\n\\PC*){0,4}",
        event in proptest::option::of("[^\r\n]{1,12}"),
        id in proptest::option::of("[^\r\n\0]{0,12}"),
        cuts in prop::collection::vec(any::<usize>(), 0..6),
    ) {
        let wire = encode(&data, event.as_deref(), id.as_deref(), None).unwrap();
        let mut decoder = Decoder::new();
        let events: Vec<_> = chunks(wire.as_bytes(), &cuts).iter().flat_map(|c| decoder.feed(c)).collect();
        prop_assert_eq!(events.len(), 1);
        prop_assert_eq!(&events[0].data, &data);
        prop_assert_eq!(&events[0].event, event.as_deref().filter(|e| !e.is_empty()).unwrap_or("message"));
        prop_assert_eq!(&events[0].id, id.as_deref().unwrap_or(""));
    }

    #[test]
    fn line_breaks_in_data_come_back_as_lf(parts in prop::collection::vec("[a-z ]{1,5}", 1..5), breaks in prop::collection::vec(0usize..3, 4)) {
        let newline = ["\n", "\r\n", "\r"];
        let mut data = parts[0].clone();
        for (part, b) in parts.iter().skip(1).zip(&breaks) {
            data.push_str(newline[*b]);
            data.push_str(part);
        }
        let events = Decoder::new().feed(encode(&data, None, None, None).unwrap().as_bytes());
        prop_assert_eq!(&events[0].data, &parts.join("\n"));
    }

    #[test]
    fn comments_never_produce_events(text in "\\PC*(\n\\PC*){0,3}") {
        let mut decoder = Decoder::new();
        prop_assert!(decoder.feed(comment(&text).as_bytes()).is_empty());
        prop_assert!(decoder.feed(b"\n").is_empty());
    }

    #[test]
    fn injection_in_id_or_event_is_rejected(before in "[a-z]{0,5}", after in "[a-z:]{0,8}", brk in prop::sample::select(vec!["\n", "\r", "\r\n"])) {
        let evil = format!("{before}{brk}{after}");
        prop_assert_eq!(encode("x", Some(&evil), None, None).unwrap_err().code(), "field_injection");
        prop_assert_eq!(encode("x", None, Some(&evil), None).unwrap_err().code(), "field_injection");
    }
}
