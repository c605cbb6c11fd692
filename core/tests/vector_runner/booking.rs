//! Loader of `tests/vectors/booking.json`.

use fleetgate::booking::{self, BookingError};
use serde_json::{json, Value as Json};

use crate::{code, Outcome};

/// `validate`: `[request, rules, now]` -> the cleaned request; `validate_errors`: the same call's field errors
/// as `[{loc, code}]` (`[]` when valid).
pub fn load(function: &str, args: &[Json]) -> Outcome {
    let result = booking::validate_json(&args[0], &args[1], &args[2]);
    match function {
        "validate" => result.map_err(code),
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
