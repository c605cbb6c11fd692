//! Loader of `tests/vectors/units.json`.

use fleetgate::units::{self, Value};
use serde_json::Value as Json;

use crate::{code, float_arg, Outcome};

/// Calls `f` with the argument as a units value: JSON integers as exact decimal text (as Python passes ints),
/// other numbers as floats, strings as strings.
fn with_units_value<T>(arg: &Json, f: impl FnOnce(Value<'_>) -> T) -> T {
    match arg {
        Json::Number(n) if n.is_i64() || n.is_u64() => f(Value::Text(&n.to_string())),
        Json::String(s) => f(Value::Text(s)),
        other => f(Value::Number(float_arg(other).expect("numeric argument"))),
    }
}

pub fn load(function: &str, args: &[Json]) -> Outcome {
    let unit = |i: usize| args[i].as_str().expect("unit argument").to_owned();
    let float = |r: Result<f64, units::UnitsError>| r.map(Json::from).map_err(code);
    match function {
        "to_metres" => with_units_value(&args[0], |v| units::to_metres(v, &unit(1))).map(Json::from).map_err(code),
        "from_metres" => {
            let metres = match &args[0] {
                Json::Number(n) if n.is_i64() => Ok(n.as_i64().unwrap_or_default()),
                other => units::metres_from_f64(float_arg(other).expect("numeric argument")),
            };
            float(metres.and_then(|m| units::from_metres(m, &unit(1))))
        }
        "convert" => float(with_units_value(&args[0], |v| units::convert(v, &unit(1), &unit(2)))),
        other => panic!("unknown units function {other}"),
    }
}
