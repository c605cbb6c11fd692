//! Loader of `tests/vectors/booking.json`: the rules and `now` decoded at the core's own site
//! (`booking::site::OPTIONS`, through `booking::decode_options`), as the bindings do.

use fleetgate::booking::{self, site, BookingError};
use fleetgate::boundary::Value;
use serde_json::{json, Value as Json};

use crate::{code, Outcome};

/// `validate`: `[request, rules, now]` -> the cleaned request; `validate_errors`: the same call's field errors
/// as `[{loc, code}]` (`[]` when valid).
pub fn load(function: &str, args: &[Json]) -> Outcome {
    let options = Value::from(json!({"rules": args[1], "now": args[2]}));
    let options = booking::decode_options(options, &site::OPTIONS).map_err(code)?;
    let now = options.now_or(|| panic!("every booking vector gives now"));
    let result = booking::validate(&args[0], &options.rules, now);
    match function {
        "validate" => result.map(|clean| serde_json::to_value(clean).unwrap()).map_err(code),
        "validate_errors" => match result {
            Ok(_) => Ok(json!([])),
            Err(BookingError::ValidationFailed { errors }) => {
                Ok(errors.iter().map(|e| json!({"loc": e.loc, "code": e.code})).collect())
            }
            Err(other) => Err(code(other)),
        },
        other => panic!("unknown booking function {other}"),
    }
}
