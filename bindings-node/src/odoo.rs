//! `odoo` namespace: wraps `fleetgate::odoo` (Odoo webhook events, image URLs).

use fleetgate::odoo::{self as core, OdooError, Problem};
use napi::bindgen_prelude::{Either, JsObjectValue, Uint8Array, Unknown};
use napi::{Env, JsError, JsValue};
use napi_derive::napi;

use crate::errors::{guard, to_js_err};

/// The JS `Error` for `err`, with `err.errors`: every problem as `{loc, code, message}`.
fn odoo_err(env: &Env, err: OdooError) -> napi::Error {
    let build = || -> napi::Result<napi::Error> {
        let error = JsError::from(napi::Error::new(err.code(), err.to_string())).into_unknown(*env);
        let mut object = error.coerce_to_object()?;
        object.set_named_property("errors", env.to_js_value(&err.problems_json())?)?;
        Ok(napi::Error::from(object.to_unknown()))
    };
    build().unwrap_or_else(|failed| failed)
}

/// Parses a webhook body (the raw bytes: `Buffer` / `Uint8Array`) into an event object: `type`, the ids,
/// `fields` (the rest of the body) and `invalidates` (`{cache: "vehicle_list" | "vehicle" | "availability",
/// vehicle_id?}`). Passing a parsed object is an error: pass the raw body.
/// @throws {Error} with `code` `invalid_odoo_payload` (`err.errors`: every problem as `{loc, code, message}`) or
/// `unknown_odoo_event`.
#[napi(namespace = "odoo", js_name = "parseEvent", ts_return_type = "Record<string, any>")]
pub fn parse_event(
    env: Env,
    #[napi(ts_arg_type = "Uint8Array")] body: Either<Uint8Array, Unknown<'_>>,
) -> napi::Result<serde_json::Value> {
    guard(&env, || {
        let Either::A(bytes) = &body else {
            let message =
                "the body must be the raw request bytes (Buffer or Uint8Array), not a parsed or decoded value";
            let problem = Problem { loc: String::new(), code: "wrong_type", message: message.to_owned() };
            return Err(to_js_err(&env)(OdooError::InvalidPayload { problems: vec![problem] }));
        };
        core::parse_event(bytes).map(|e| e.to_json()).map_err(|e| odoo_err(&env, e))
    })
}

/// The absolute URL of an image path from an Odoo record (one `/` between base and path; absolute URLs untouched).
/// @throws {Error} with `code` `invalid_base_url` or `invalid_image_path`.
#[napi(namespace = "odoo", js_name = "imageUrl")]
pub fn image_url(env: Env, base: String, path: String) -> napi::Result<String> {
    guard(&env, || core::image_url(&base, &path).map_err(to_js_err(&env)))
}
