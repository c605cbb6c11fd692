//! Invariants of webhook verification and Smartcar parsing, over generated inputs.

use fleetgate::smartcar;
use fleetgate::webhook::{HmacConfig, TimeCheck, Verifier};
use proptest::prelude::*;

const NOW: i64 = 1_700_000_000;

fn verifiers() -> Vec<Verifier> {
    let whsec = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    let whsk = "whsk_BwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyAhIiMkJSY=";
    vec![
        Verifier::smartcar(&["amt-0123456789abcdef01234567"]).unwrap(),
        Verifier::standard_webhooks(&[whsec]).unwrap(),
        Verifier::standard_webhooks(&[whsk]).unwrap(),
        Verifier::stripe(&["whsec_stripe_0123456789abcdefghij"]).unwrap(),
        Verifier::github(&["github-secret-0123456789abcdef"]).unwrap(),
        Verifier::shopify(&["shopify-secret-0123456789abcdef"]).unwrap(),
        Verifier::odoo(&["odoo-secret-0123456789abcdefghij"], false).unwrap(),
        Verifier::odoo(&["odoo-secret-0123456789abcdefghij"], true).unwrap(),
        Verifier::hmac(
            &["generic-secret-0123456789abcdef"],
            HmacConfig {
                header: "X-Sig".into(),
                prefix: None,
                encoding: fleetgate::webhook::Encoding::Base64,
                timestamp_header: Some("X-Ts".into()),
                id_header: None,
                signed_content: None,
            },
        )
        .unwrap(),
        Verifier::hmac(
            &["generic-secret-0123456789abcdef"],
            HmacConfig {
                header: "X-Sig".into(),
                prefix: Some("v1=".into()),
                encoding: fleetgate::webhook::Encoding::Hex,
                timestamp_header: Some("X-Ts".into()),
                id_header: Some("X-Id".into()),
                signed_content: Some(
                    fleetgate::webhook::SignedContent::parse("v1:{id}:{{{timestamp}}}:{body}:end").unwrap(),
                ),
            },
        )
        .unwrap(),
    ]
}

proptest! {
    /// What a preset signs, the same preset verifies, with the signing key's index.
    #[test]
    fn sign_then_verify(body in proptest::collection::vec(any::<u8>(), 0..512), skew in -300i64..=300) {
        for v in verifiers() {
            let headers = v.sign(&body, None, Some(NOW + skew)).unwrap();
            let ok = v.verify(&headers, &body, TimeCheck::At(NOW)).unwrap();
            prop_assert_eq!(ok.key_index, 0);
        }
    }

    /// Changing any byte of the body makes every preset reject the request as `invalid_signature`.
    #[test]
    fn any_changed_byte_is_rejected(body in proptest::collection::vec(any::<u8>(), 1..256), at in any::<prop::sample::Index>(), flip in 1u8..=255) {
        for v in verifiers() {
            let headers = v.sign(&body, None, Some(NOW)).unwrap();
            let mut forged = body.clone();
            let i = at.index(forged.len());
            forged[i] ^= flip;
            let err = v.verify(&headers, &forged, TimeCheck::At(NOW)).unwrap_err();
            prop_assert_eq!(err.code(), "invalid_signature");
        }
    }

    /// Outside the tolerance a correctly signed request is rejected with the direction's code; inside it passes.
    #[test]
    fn time_window(offset in -10_000i64..10_000, past in 0u64..1000, future in 0u64..1000) {
        let v = Verifier::stripe(&["whsec_stripe_0123456789abcdefghij"]).unwrap().with_tolerance(past, future);
        let headers = v.sign(b"{}", None, Some(NOW + offset)).unwrap();
        let got = v.verify(&headers, b"{}", TimeCheck::At(NOW));
        if offset < -(past as i64) {
            prop_assert_eq!(got.unwrap_err().code(), "timestamp_too_old");
        } else if offset > future as i64 {
            prop_assert_eq!(got.unwrap_err().code(), "timestamp_too_new");
        } else {
            prop_assert_eq!(got.unwrap().timestamp, Some(NOW + offset));
        }
        let skipped = v.verify(&headers, b"{}", TimeCheck::Skip);
        prop_assert!(skipped.is_ok());
    }

    /// Arbitrary header values never panic: the outcome is an error with a code, or (never, by luck) a match.
    #[test]
    fn arbitrary_headers_never_panic(value in ".{0,200}", ts in ".{0,24}") {
        for v in verifiers() {
            let headers = [("SC-Signature", value.as_str()), ("webhook-id", "m"), ("webhook-timestamp", ts.as_str()),
                ("webhook-signature", value.as_str()), ("Stripe-Signature", value.as_str()),
                ("X-Hub-Signature-256", value.as_str()), ("X-Shopify-Hmac-Sha256", value.as_str()),
                ("X-Odoo-Signature", value.as_str()), ("X-Odoo-Timestamp", ts.as_str()), ("X-Sig", value.as_str()),
                ("X-Ts", ts.as_str())];
            if let Err(e) = v.verify(&headers, b"body", TimeCheck::At(NOW)) {
                prop_assert!(!e.code().is_empty());
            }
        }
    }

    /// Any byte string parses to an event or to `invalid_payload`, never a panic.
    #[test]
    fn parse_event_total(body in proptest::collection::vec(any::<u8>(), 0..300)) {
        if let Err(e) = smartcar::parse_event(&body) {
            prop_assert_eq!(e.code(), "invalid_payload");
        }
    }

    /// An odometer value round-trips as its exact text and converts like the units module.
    #[test]
    fn odometer_value_text_kept(int in 0u64..10_000_000, frac in "[0-9]{0,4}", unit in prop::sample::select(vec!["km", "kilometers", "mi", "MILES"])) {
        let raw = if frac.is_empty() { int.to_string() } else { format!("{int}.{frac}") };
        let body = format!(r#"{{"eventId":"e","eventType":"VEHICLE_STATE","vehicleId":"v","data":{{"signals":[{{"code":"odometer-traveleddistance","body":{{"unit":"{unit}","value":{raw}}}}}]}}}}"#);
        let event = smartcar::parse_event(body.as_bytes()).unwrap();
        prop_assert_eq!(&event.readings[0].raw_value, &raw);
        prop_assert_eq!(event.readings[0].metres, fleetgate::units::to_metres(raw.as_str(), unit).unwrap());
    }

    /// The top-level `signal: "Group.Name"` trigger names the same signal as the object form with Smartcar's
    /// code (the lowercase `group-name`).
    #[test]
    fn trigger_forms_agree(group in "[A-Z][A-Za-z]{0,12}", name in "[A-Z][A-Za-z]{0,12}") {
        let code = format!("{}-{}", group.to_lowercase(), name.to_lowercase());
        let body = format!(
            r#"{{"eventId":"e","eventType":"VEHICLE_STATE","vehicleId":"v","data":{{"triggers":[{{"code":"{code}","name":"{name}","group":"{group}"}}]}},"triggers":[{{"type":"SIGNAL_UPDATED","signal":"{group}.{name}"}}]}}"#
        );
        let event = smartcar::parse_event(body.as_bytes()).unwrap();
        let (data, top) = (&event.triggers[0], &event.triggers[1]);
        prop_assert_eq!((&data.trigger_type, &data.code, &data.name, &data.group), (&top.trigger_type, &top.code, &top.name, &top.group));
        prop_assert_eq!((data.source.as_str(), top.source.as_str()), ("data.triggers", "triggers"));
    }

    /// Every signal is kept in order, its body equal to the body's JSON as delivered.
    #[test]
    fn signals_keep_their_bodies(values in proptest::collection::vec((any::<i32>(), "[a-z_]{1,8}"), 0..6)) {
        let signals: Vec<String> = values
            .iter()
            .enumerate()
            .map(|(i, (v, key))| format!(r#"{{"code":"s{i}","body":{{"{key}":{v},"n":[{v},null]}}}}"#))
            .collect();
        let body = format!(
            r#"{{"eventId":"e","eventType":"VEHICLE_STATE","vehicleId":"v","data":{{"signals":[{}]}}}}"#,
            signals.join(",")
        );
        let event = smartcar::parse_event(body.as_bytes()).unwrap();
        prop_assert_eq!(event.signals.len(), values.len());
        for (i, ((v, key), signal)) in values.iter().zip(&event.signals).enumerate() {
            prop_assert_eq!(&signal.code, &format!("s{i}"));
            let expected = serde_json::json!({ key.as_str(): v, "n": [v, null] });
            prop_assert_eq!(&serde_json::Value::Object(signal.body.clone().unwrap()), &expected);
        }
    }
}

#[test]
fn errors_name_the_field() {
    let body = br#"{"eventId":"e","eventType":"VEHICLE_STATE","vehicleId":"v","data":{"signals":[{"code":"odometer-traveleddistance","body":{"value":1}}]}}"#;
    let err = smartcar::parse_event(body).unwrap_err();
    assert!(err.to_string().contains("data.signals[0].body.unit"), "{err}");
}

#[test]
fn weak_key_flag_and_debug_hides_keys() {
    let v = Verifier::github(&["short"]).unwrap();
    assert_eq!(v.weak_keys(), &[0]);
    assert!(!format!("{v:?}").contains("short"));
}

#[test]
fn streaming_equals_one_shot() {
    for v in verifiers() {
        let body: Vec<u8> = (0..5000u32).map(|i| (i % 251) as u8).collect();
        let headers = v.sign(&body, None, Some(NOW)).unwrap();
        let mut stream = v.stream(&headers, TimeCheck::At(NOW)).unwrap();
        for chunk in body.chunks(333) {
            stream.update(chunk).unwrap();
        }
        assert_eq!(stream.finish().unwrap(), v.verify(&headers, &body, TimeCheck::At(NOW)).unwrap());
        let mut short = v.stream(&headers, TimeCheck::At(NOW)).unwrap();
        short.update(&body[..4999]).unwrap();
        assert_eq!(short.finish().unwrap_err().code(), "invalid_signature");
    }
}

#[test]
fn max_body_applies_to_streams() {
    let v = Verifier::github(&["github-secret-0123456789abcdef"]).unwrap().with_max_body(10);
    let headers = v.sign(b"0123456789", None, None).unwrap();
    let mut stream = v.stream(&headers, TimeCheck::Skip).unwrap();
    stream.update(b"01234").unwrap();
    assert_eq!(stream.update(b"567890").unwrap_err().code(), "body_too_large");
}
