//! Loader of `tests/vectors/odoo.json`.

use fleetgate::odoo;
use serde_json::Value as Json;

use crate::{body_arg, code, Outcome};

pub fn load(function: &str, args: &[Json]) -> Outcome {
    match function {
        "parse_event" => odoo::parse_event(&body_arg(&args[0])).map(|e| e.to_json()).map_err(code),
        "image_url" => {
            let (base, path) = (args[0].as_str().expect("base"), args[1].as_str().expect("path"));
            odoo::image_url(base, path).map(Json::from).map_err(code)
        }
        other => panic!("unknown odoo function {other}"),
    }
}
