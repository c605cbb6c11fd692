use serde::Deserialize;

use super::*;

#[derive(Debug, Deserialize, PartialEq, Default)]
#[serde(deny_unknown_fields, default)]
struct Opts {
    max_body: Option<u64>,
    tolerance: Option<Tolerance>,
    quotas: Vec<Quota>,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(untagged)]
enum Tolerance {
    Both(u64),
    Pair(u64, u64),
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct Quota {
    limit: u32,
    period_s: f64,
}

fn map(entries: Vec<(&str, Value)>) -> Value {
    Value::Map(entries.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
}

#[test]
fn decodes_with_defaults_and_both_spellings() {
    let site = Site::options("webhook");
    assert_eq!(decode::<Opts>(map(vec![]), &site).unwrap(), Opts::default());
    let got = decode::<Opts>(map(vec![("maxBody", Value::Int(5))]), &site.clone().camel()).unwrap();
    assert_eq!(got.max_body, Some(5));
    let pair = decode::<Opts>(map(vec![("tolerance", Value::List(vec![Value::Int(1), Value::Int(2)]))]), &site);
    assert_eq!(pair.unwrap().tolerance, Some(Tolerance::Pair(1, 2)));
}

#[test]
fn problems_name_the_path_in_the_callers_spelling() {
    let site = Site::options("ratelimit").camel();
    let quota = map(vec![("limit", Value::Int(3)), ("periodS", Value::Str("60".into()))]);
    let err = decode::<Opts>(map(vec![("quotas", Value::List(vec![quota]))]), &site).unwrap_err();
    assert_eq!((err.area, err.code, err.path.as_str()), ("ratelimit", "invalid_option", "quotas[0].periodS"));
    let err = decode::<Opts>(map(vec![("maxBdy", Value::Int(1))]), &site).unwrap_err();
    assert!(err.problem.contains("`maxBdy`") && err.problem.contains("`maxBody`"), "{}", err.problem);
    let err =
        decode::<Opts>(map(vec![("max_body", Value::Str("1000".into()))]), &Site::options("webhook")).unwrap_err();
    assert_eq!(err.path, "max_body");
    assert_eq!(err.to_string(), format!("invalid option max_body: {}", err.problem));
}

#[test]
fn wrong_types_and_ranges_are_errors() {
    let site = Site::options("webhook");
    for bad in [Value::Float(1.5), Value::Int(-1), Value::Bool(true), Value::List(vec![Value::Int(1); 3])] {
        let err = decode::<Opts>(map(vec![("tolerance", bad.clone())]), &site).unwrap_err();
        assert_eq!(err.code, "invalid_option", "{bad:?}");
    }
}

#[test]
fn details_are_the_typed_fields() {
    let err = Site::coded("odometer", "invalid_policy", "policy").error("max_speed_kmh", "must be positive");
    let details = crate::ErrorCode::details(&err);
    assert_eq!(details["argument"], "policy");
    assert_eq!(details["path"], "max_speed_kmh");
    assert_eq!(details["problem"], "must be positive");
    assert!(!details.contains_key("code"));
}

#[test]
fn json_has_no_nan_and_no_bytes() {
    let site = Site::argument("booking", "request");
    let err = map(vec![("notes", Value::Float(f64::NAN))]).into_json(&site).unwrap_err();
    assert_eq!(err.path, "notes");
    assert!(Value::Bytes(vec![1]).into_json(&site).is_err());
    let ok = map(vec![("a", Value::List(vec![Value::Int(1), Value::Float(0.5)]))]).into_json(&site).unwrap();
    assert_eq!(ok, serde_json::json!({"a": [1, 0.5]}));
}

/// A host value for the walk's tests: a tree built in Rust.
enum Fake {
    Leaf(Kind<Fake>),
    Deep(usize),
}

impl Host for Fake {
    fn kind(&self) -> Kind<Fake> {
        match self {
            Fake::Leaf(Kind::Number(n)) => Kind::Number(*n),
            Fake::Leaf(Kind::Str(s)) => Kind::Str(s.clone()),
            Fake::Leaf(Kind::Unsupported(s)) => Kind::Unsupported(s.clone()),
            Fake::Leaf(_) => Kind::Undefined,
            Fake::Deep(0) => Kind::Number(1.0),
            Fake::Deep(n) => Kind::List(vec![Fake::Deep(n - 1)]),
        }
    }
}

#[test]
fn the_walk_is_bounded_in_depth() {
    let site = Site::argument("booking", "request");
    assert!(walk(&Fake::Deep(MAX_DEPTH), &site).is_ok());
    let err = walk(&Fake::Deep(200_000), &site).unwrap_err();
    assert_eq!(err.code, "invalid_argument");
    assert!(err.problem.contains("nested deeper than 64"), "{}", err.problem);
}

#[test]
fn the_walk_types_numbers_and_refuses_what_it_cannot_take() {
    let site = Site::argument("units", "value");
    assert_eq!(walk(&Fake::Leaf(Kind::Number(3.0)), &site).unwrap(), Value::Int(3));
    assert_eq!(walk(&Fake::Leaf(Kind::Number(2f64.powi(60))), &site).unwrap(), Value::Float(2f64.powi(60)));
    assert!(matches!(walk(&Fake::Leaf(Kind::Number(f64::NAN)), &site).unwrap(), Value::Float(f) if f.is_nan()));
    let err = walk(&Fake::Leaf(Kind::Unsupported("a function".into())), &site).unwrap_err();
    assert_eq!(err.problem, "a function is not accepted here");
}

#[test]
fn header_shapes() {
    let site = Site::argument("webhook", "headers");
    let obj = map(vec![
        ("A", Value::Str("1".into())),
        ("Set-Cookie", Value::List(vec![Value::Str("x".into()), Value::Str("y".into())])),
    ]);
    assert_eq!(header_pairs(obj, &site).unwrap().len(), 3);
    let many = Value::List(
        (0..=MAX_HEADERS).map(|i| Value::List(vec![Value::Str(format!("h{i}")), Value::Str(String::new())])).collect(),
    );
    assert!(header_pairs(many, &site).unwrap_err().problem.contains("header lines"));
    assert_eq!(header_pairs(map(vec![("A", Value::Int(1))]), &site).unwrap_err().path, "A");
}

#[test]
fn names() {
    assert_eq!(camel_to_snake("maxSpeedKmh"), "max_speed_kmh");
    assert_eq!(snake_to_camel("max_speed_kmh"), "maxSpeedKmh");
    assert_eq!(snake_to_camel(&camel_to_snake("maxBdy")), "maxBdy");
}

#[test]
fn a_list_is_not_a_struct() {
    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Pair {
        a: i64,
        b: i64,
    }
    let site = Site::options("any");
    let err = decode::<Pair>(Value::List(vec![Value::Int(1), Value::Int(2)]), &site).unwrap_err();
    assert_eq!((err.code, err.path.as_str()), ("invalid_option", ""));
    assert!(err.problem.contains("an object"), "{}", err.problem);
}
