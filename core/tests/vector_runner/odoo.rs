//! Loader of `tests/vectors/odoo.json`.

use fleetgate::boundary::{decode_or_default, Value};
use fleetgate::odoo::{self, ParseOptions};
use serde_json::Value as Json;

use crate::{body_arg, code, Outcome};

pub fn load(function: &str, args: &[Json]) -> Outcome {
    match function {
        "parse_event" => {
            // The options (snake_case, as Python's keywords) at the site every binding decodes them at.
            let options: ParseOptions =
                decode_or_default(args.get(1).cloned().map(Value::from), &odoo::OPTIONS_SITE).map_err(code)?;
            odoo::parse_event_with(&body_arg(&args[0]), &options).map(|e| e.to_json()).map_err(code)
        }
        "image_url" => {
            let (base, path) = (args[0].as_str().expect("base"), args[1].as_str().expect("path"));
            odoo::image_url(base, path).map(Json::from).map_err(code)
        }
        other => panic!("unknown odoo function {other}"),
    }
}
