//! Loader of `tests/vectors/availability.json`: every argument decoded at the core's own sites
//! (`availability::site`), as the bindings do.

use fleetgate::availability::{self as av, site, Booking, Bookings};
use fleetgate::boundary::{decode, Value};
use fleetgate::instant::Instant;
use serde_json::Value as Json;

use crate::{code, Outcome};

fn window(args: &[Json]) -> Result<(i64, i64), String> {
    let start: Instant = decode(Value::from(args[0].clone()), &site::START).map_err(code)?;
    let end: Instant = decode(Value::from(args[1].clone()), &site::END).map_err(code)?;
    Ok((start.0, end.0))
}

fn bookings(arg: &Json) -> Result<Vec<Booking>, String> {
    decode(Value::from(arg.clone()), &site::BOOKINGS).map_err(code)
}

/// One query `[method, args]` on a prepared [`Bookings`]: its answer, or `{"error": code}`.
fn query(prepared: &Bookings, step: &Json) -> Json {
    let (method, args) = (step[0].as_str().expect("method"), step[1].as_array().expect("args"));
    let n = args.len();
    let answer = window(&args[n - 2..]).and_then(|(from, to)| match method {
        "unavailable" => prepared.unavailable(from, to).map(Json::from).map_err(code),
        "available" | "timeline" => {
            let stock: u32 = decode(Value::from(args[0].clone()), &site::STOCK).map_err(code)?;
            if method == "available" {
                prepared.available(stock, from, to).map(Json::from).map_err(code)
            } else {
                prepared.timeline(stock, from, to).map(|t| serde_json::to_value(t).unwrap()).map_err(code)
            }
        }
        "free_units" => {
            let units: Vec<String> = decode(Value::from(args[0].clone()), &site::UNITS).map_err(code)?;
            prepared.free_units(&units, from, to).map(Json::from).map_err(code)
        }
        other => panic!("unknown Bookings method {other}"),
    });
    answer.unwrap_or_else(|c| serde_json::json!({ "error": c }))
}

/// `Bookings`: `[bookings, [[method, args], ...]]`, one prepared object asked every query in turn;
/// `unavailable`: `[bookings, from, to]`; `available` / `timeline`: `[stock, bookings, from, to]`;
/// `free_units`: `[units, bookings, from, to]`.
pub fn load(function: &str, args: &[Json]) -> Outcome {
    match function {
        "Bookings" => {
            let prepared = Bookings::new(bookings(&args[0])?).map_err(code)?;
            Ok(Json::Array(args[1].as_array().expect("queries").iter().map(|q| query(&prepared, q)).collect()))
        }
        "unavailable" => {
            let (b, (from, to)) = (bookings(&args[0])?, window(&args[1..])?);
            av::unavailable(&b, from, to).map(Json::from).map_err(code)
        }
        "available" | "timeline" => {
            let stock: u32 = decode(Value::from(args[0].clone()), &site::STOCK).map_err(code)?;
            let (b, (from, to)) = (bookings(&args[1])?, window(&args[2..])?);
            if function == "available" {
                av::available(stock, &b, from, to).map(Json::from).map_err(code)
            } else {
                av::timeline(stock, &b, from, to).map(|t| serde_json::to_value(t).unwrap()).map_err(code)
            }
        }
        "free_units" => {
            let units: Vec<String> = decode(Value::from(args[0].clone()), &site::UNITS).map_err(code)?;
            let (b, (from, to)) = (bookings(&args[1])?, window(&args[2..])?);
            av::free_units(&units, &b, from, to).map(Json::from).map_err(code)
        }
        other => panic!("unknown availability function {other}"),
    }
}
