//! Loader of `tests/vectors/odoo_rental.json`: a reply given as JSON (the parsed reply) or as a string (its text).

use fleetgate::boundary::Value;
use fleetgate::odoo::rental;
use serde_json::Value as Json;

use crate::{code, Outcome};

pub fn load(function: &str, args: &[Json]) -> Outcome {
    let reply = rental::reply_json(Value::from(args[0].clone())).map_err(code)?;
    match function {
        "constraints" => rental::constraints(&reply, None)
            .map(|c| serde_json::to_value(c.view()).expect("serializable"))
            .map_err(code),
        "availabilities" => {
            rental::availabilities(&reply, None).map(|a| serde_json::to_value(a).expect("serializable")).map_err(code)
        }
        other => panic!("unknown odoo_rental function {other}"),
    }
}
