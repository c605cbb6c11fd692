//! `odoo`: wraps `fleetgate::odoo` (Odoo webhook events, image URLs).

use fleetgate::odoo::{self as core, OdooError, Problem};
use wasm_bindgen::prelude::*;

use crate::errors::to_js_err;

/// Odoo webhooks parsed into one event that names the caches it invalidates; vehicle image URLs.
#[wasm_bindgen(js_name = "odoo")]
pub struct Odoo;

#[wasm_bindgen(js_class = "odoo")]
impl Odoo {
    /// Parses a webhook body (the raw bytes, a `Uint8Array`) into an event object: `type`, the ids, `fields` and
    /// `invalidates`. Passing a parsed object or a string is an error: pass the raw body.
    /// @throws {Error} with `code` `invalid_odoo_payload` (`err.errors`: every problem as `{loc, code, message}`) or
    /// `unknown_odoo_event`.
    #[wasm_bindgen(js_name = "parseEvent", unchecked_return_type = "Record<string, any>")]
    pub fn parse_event(#[wasm_bindgen(unchecked_param_type = "Uint8Array")] body: JsValue) -> Result<JsValue, JsValue> {
        if !body.is_instance_of::<js_sys::Uint8Array>() {
            let message = "the body must be the raw request bytes (a Uint8Array), not a parsed or decoded value";
            let problem = Problem { loc: String::new(), code: "wrong_type", message: message.to_owned() };
            return Err(to_js_err(OdooError::InvalidPayload { problems: vec![problem] }));
        }
        let event = core::parse_event(&js_sys::Uint8Array::from(body).to_vec()).map_err(|e| {
            let problems = js_sys::JSON::parse(&e.problems_json().to_string()).unwrap_or(JsValue::NULL);
            let error = to_js_err(e);
            let _ = js_sys::Reflect::set(&error, &JsValue::from_str("errors"), &problems);
            error
        })?;
        js_sys::JSON::parse(&event.to_json().to_string())
    }

    /// The absolute URL of an image path from an Odoo record (one `/` between base and path; absolute URLs
    /// untouched).
    /// @throws {Error} with `code` `invalid_base_url` or `invalid_image_path`.
    #[wasm_bindgen(js_name = "imageUrl")]
    pub fn image_url(base: &str, path: &str) -> Result<String, JsValue> {
        core::image_url(base, path).map_err(to_js_err)
    }
}
