//! The webhook options as the bindings decode them (the schemes themselves: `tests/webhook_props.rs` and the
//! vectors).

use crate::boundary::{decode, ArgError, Site, Value};
use crate::error::ErrorCode;

use super::*;

fn map(entries: Vec<(&str, Value)>) -> Value {
    Value::Map(entries.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
}

fn ints(items: &[i64]) -> Value {
    Value::List(items.iter().map(|&i| Value::Int(i)).collect())
}

fn js() -> Site {
    Site::options("webhook").camel()
}

fn bad<T: serde::de::DeserializeOwned + std::fmt::Debug>(given: Value, site: &Site) -> ArgError {
    decode::<T>(given, site).expect_err("must be refused")
}

#[test]
fn defaults_are_the_documented_ones() {
    let timed: TimedOptions = decode(map(vec![]), &js()).unwrap();
    assert_eq!(timed, TimedOptions::default());
    assert_eq!(Tolerance::default(), Tolerance { past: 300, future: 300 });
    let v = timed.verifier(Timed::Stripe, &Secrets(vec!["whsec_x".into()])).unwrap();
    let headers = v.sign(b"{}", None, Some(1_000)).unwrap();
    assert!(v.verify(&headers, b"{}", TimeCheck::At(1_300)).is_ok(), "exactly 300 s passes");
    let err = v.verify(&headers, b"{}", TimeCheck::At(1_301)).unwrap_err();
    assert_eq!(err.details()["tolerance"], 300);
    let verify: VerifyOptions = decode(map(vec![]), &js()).unwrap();
    assert_eq!(verify.time_check(|| 42), TimeCheck::At(42));
    let hmac: HmacOptions = decode(map(vec![("header", Value::Str("X-Sig".into()))]), &js()).unwrap();
    assert_eq!(hmac.config().unwrap().encoding, Encoding::Hex);
    assert_eq!(hmac.config().unwrap().prefix, None);
}

#[test]
fn tolerance_is_seconds_or_a_pair() {
    let got: TimedOptions = decode(map(vec![("tolerance", Value::Int(5))]), &js()).unwrap();
    assert_eq!(got.tolerance, Some(Tolerance { past: 5, future: 5 }));
    let got: TimedOptions = decode(map(vec![("tolerance", ints(&[600, 0]))]), &js()).unwrap();
    assert_eq!(got.tolerance, Some(Tolerance { past: 600, future: 0 }));
    for wrong in [ints(&[1, 2, 3]), ints(&[1]), ints(&[]), Value::Int(-1), Value::Float(1.5), Value::Str("300".into())]
    {
        let err = bad::<TimedOptions>(map(vec![("tolerance", wrong.clone())]), &js());
        assert_eq!((err.code, err.area), ("invalid_option", "webhook"), "{wrong:?}");
        assert!(err.path.starts_with("tolerance"), "{wrong:?}: {}", err.path);
    }
    let err = bad::<TimedOptions>(map(vec![("tolerance", ints(&[1, -2]))]), &js());
    assert_eq!(err.path, "tolerance[1]");
}

#[test]
fn max_body_and_unknown_options_name_the_callers_spelling() {
    let err = bad::<BodyOptions>(map(vec![("maxBody", Value::Str("1000".into()))]), &js());
    assert_eq!((err.code, err.path.as_str()), ("invalid_option", "maxBody"));
    let err = bad::<BodyOptions>(map(vec![("max_body", Value::Str("1000".into()))]), &Site::options("webhook"));
    assert_eq!(err.path, "max_body");
    let err = bad::<BodyOptions>(map(vec![("tolerance", Value::Int(5))]), &js());
    assert!(err.problem.contains("unknown field `tolerance`") && err.problem.contains("`maxBody`"), "{}", err.problem);
    let err = bad::<HmacOptions>(map(vec![("timestampHeader", Value::Str("X-Ts".into()))]), &js());
    assert!(err.problem.contains("missing field `header`"), "{}", err.problem);
    let given = map(vec![("header", Value::Str("X".into())), ("encoding", Value::Str("base32".into()))]);
    assert_eq!(bad::<HmacOptions>(given, &js()).path, "encoding");
    let got: HmacOptions =
        decode(map(vec![("header", Value::Str("X".into())), ("encoding", Value::Str("BASE64".into()))]), &js())
            .unwrap();
    assert_eq!(got.encoding, Some(Encoding::Base64));
}

#[test]
fn secrets_are_a_string_or_a_list_of_strings() {
    let site = Site::coded("webhook", "invalid_secret", "secret");
    assert_eq!(decode::<Secrets>(Value::Str("s".into()), &site).unwrap().0, vec!["s"]);
    let two = Value::List(vec![Value::Str("a".into()), Value::Str("b".into())]);
    assert_eq!(decode::<Secrets>(two, &site).unwrap().as_strs(), vec!["a", "b"]);
    let err = bad::<Secrets>(Value::List(vec![Value::Str("a".into()), Value::Int(2)]), &site);
    assert_eq!((err.code, err.path.as_str()), ("invalid_secret", "[1]"));
    assert_eq!(bad::<Secrets>(Value::Int(3), &site).code, "invalid_secret");
    assert_eq!(format!("{:?}", Secrets(vec!["hunter2".into()])), "Secrets(1 redacted)");
    let none = BodyOptions::default().verifier(Untimed::Smartcar, &Secrets(vec![])).unwrap_err();
    assert_eq!(none.code(), "invalid_secret");
}

#[test]
fn now_and_timestamps_are_unix_seconds_or_rfc3339() {
    let got: VerifyOptions = decode(map(vec![("now", Value::Str("2023-11-14T22:13:20Z".into()))]), &js()).unwrap();
    assert_eq!(got.time_check(|| unreachable!()), TimeCheck::At(1_700_000_000));
    let got: VerifyOptions = decode(map(vec![("checkTime", Value::Bool(false))]), &js()).unwrap();
    assert_eq!(got.time_check(|| unreachable!()), TimeCheck::Skip);
    for wrong in [Value::Float(1.5), Value::Str("yesterday".into()), Value::Str("2023-11-14T22:13:20.5Z".into())] {
        assert_eq!(bad::<VerifyOptions>(map(vec![("now", wrong.clone())]), &js()).path, "now", "{wrong:?}");
    }
    assert_eq!(bad::<VerifyOptions>(map(vec![("checkTime", Value::Str("no".into()))]), &js()).path, "checkTime");
    let sign: SignOptions = decode(map(vec![("msgId", Value::Str("msg_1".into()))]), &js()).unwrap();
    let v = Verifier::standard_webhooks(&["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"]).unwrap();
    let headers = sign.sign(&v, b"x", || 1_700_000_000).unwrap();
    assert_eq!(headers[0], ("webhook-id".to_owned(), "msg_1".to_owned()));
    assert_eq!(headers[1], ("webhook-timestamp".to_owned(), "1700000000".to_owned()));
}

#[test]
fn typed_error_fields_are_the_details() {
    let v = Verifier::stripe(&["whsec_x"]).unwrap().with_tolerance(10, 20);
    let headers = v.sign(b"b", None, Some(1_000)).unwrap();
    let old = v.verify(&headers, b"b", TimeCheck::At(1_011)).unwrap_err().details();
    assert_eq!(
        (old["timestamp"].as_i64(), old["now"].as_i64(), old["age"].as_i64()),
        (Some(1_000), Some(1_011), Some(11))
    );
    assert_eq!(old["tolerance"], 10);
    let new = v.verify(&headers, b"b", TimeCheck::At(979)).unwrap_err().details();
    assert_eq!((new["ahead"].as_i64(), new["tolerance"].as_i64()), (Some(21), Some(20)));
    assert_eq!(WebhookError::StreamFinished.code(), "stream_finished");
}

#[test]
fn header_count_and_length_are_bounded() {
    let v = Verifier::smartcar(&["amt"]).unwrap();
    let many: Vec<(String, String)> = (0..=MAX_HEADERS).map(|i| (format!("x-{i}"), "v".to_owned())).collect();
    let err = v.verify(&many, b"", TimeCheck::Skip).unwrap_err();
    assert_eq!((err.code(), err.details()["count"].as_u64()), ("too_many_headers", Some(257)));
    let long = [("SC-Signature", "0".repeat(MAX_HEADER_BYTES + 1))];
    let err = v.verify(&long, b"", TimeCheck::Skip).unwrap_err();
    assert_eq!((err.code(), err.details()["size"].as_u64()), ("header_too_large", Some(8193)));
}
