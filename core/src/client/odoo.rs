//! The Odoo client of the rental site: vehicles, availability, bookings (the module's `/api/fleet/*` REST API), and
//! stock Odoo's website rental routes (JSON-RPC, [`crate::odoo::rental`]).

use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};

use chrono::NaiveDate;
use serde_json::Value as Json;

use super::http::{Call, Http, HttpConfig};
use super::smartcar::{base_url, segment};
use super::ClientError;
use crate::booking::{validate, BookingRules};
use crate::instant;
use crate::odoo::image_url;
use crate::odoo::rental::{self, RentalAvailabilities, RentalConstraints};

/// The vehicle fields holding image paths (strings, or lists of strings for `images`): made absolute against the
/// base URL ([`crate::odoo::image_url`]); empty strings and other values are left as they are.
pub const IMAGE_FIELDS: [&str; 4] = ["image_url", "image", "thumbnail_url", "images"];

/// A client of the Odoo module's REST API (`/api/fleet/...`). Safe to share between threads.
pub struct OdooClient {
    base_url: String,
    rules: BookingRules,
    http: Http,
    /// The id of the next JSON-RPC request.
    rpc_id: AtomicU64,
}

impl fmt::Debug for OdooClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OdooClient").field("base_url", &self.base_url).field("http", self.http.config()).finish()
    }
}

/// A period bound: an RFC 3339 instant or a `YYYY-MM-DD` date, as unix seconds (dates at 00:00 UTC) for the order
/// check.
fn bound(field: &str, text: &str) -> Result<i64, ClientError> {
    let as_instant = instant::parse_rfc3339(text).ok();
    let as_date = NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|t| t.and_utc().timestamp());
    as_instant
        .or(as_date)
        .ok_or_else(|| ClientError::invalid(field, "must be an RFC 3339 instant or a YYYY-MM-DD date"))
}

impl OdooClient {
    /// A client for the Odoo at `base_url` (`http(s)://...`); booking requests are validated with `rules`.
    pub fn new(base_url_text: &str, rules: BookingRules, config: HttpConfig) -> Result<Self, ClientError> {
        Ok(OdooClient {
            base_url: base_url("base_url", base_url_text)?,
            rules,
            http: Http::new(config)?,
            rpc_id: AtomicU64::new(1),
        })
    }

    fn get(&self, path: &str, query: &[(&str, &str)]) -> Result<Json, ClientError> {
        let url = format!("{}{path}", self.base_url);
        let call = Call { method: "GET", idempotency_key: false, secrets: &[] };
        self.http.send(&call, |c| c.get(&url).query(query).header("Accept", "application/json"))?.json()
    }

    /// POSTs a JSON-RPC `body` to stock Odoo's `path` and returns the reply. The routes only read, so failures are
    /// retried like idempotent calls (no `Idempotency-Key` header is sent).
    fn rpc(&self, path: &str, body: &Json) -> Result<Json, ClientError> {
        let url = format!("{}{path}", self.base_url);
        let bytes = serde_json::to_vec(body).map_err(|e| ClientError::invalid("params", e.to_string()))?;
        let call = Call { method: "POST", idempotency_key: true, secrets: &[] };
        let reply = self.http.send(&call, |c| {
            c.post(&url)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .body(bytes.clone())
        })?;
        reply.json()
    }

    fn next_id(&self) -> u64 {
        self.rpc_id.fetch_add(1, Ordering::Relaxed)
    }

    /// `POST /rental/product/constraints` (stock Odoo 17/18, `website_sale_renting`): the forbidden weekdays, the
    /// minimal rental and the website's time zone ([`RentalConstraints::booking_rules`] feeds
    /// [`crate::booking::validate`]). A JSON-RPC error is the odoo area's `odoo_rpc_error`, a reply of another
    /// shape `invalid_odoo_payload`.
    pub fn rental_constraints(&self) -> Result<RentalConstraints, ClientError> {
        let id = self.next_id();
        let reply = self.rpc(rental::CONSTRAINTS_PATH, &rental::constraints_request(id))?;
        rental::constraints(&reply, Some(&Json::from(id))).map_err(ClientError::Odoo)
    }

    /// `POST /rental/product/availabilities` (stock Odoo 17/18, `website_sale_stock_renting`) for `product_id`
    /// (a `product.product` id, 1 to 2^53 - 1) over `[start, end)` (unix seconds, sent as Odoo's naive UTC
    /// datetimes; `end` after `start`, else `invalid_argument`): the preparation time and the availability
    /// timeline.
    pub fn rental_availabilities(
        &self,
        product_id: i64,
        start: i64,
        end: i64,
    ) -> Result<RentalAvailabilities, ClientError> {
        if !(1..=9_007_199_254_740_991).contains(&product_id) {
            return Err(ClientError::invalid("product_id", "must be a positive integer (a product.product id)"));
        }
        if !instant::in_range(start) || !instant::in_range(end) {
            return Err(ClientError::invalid("start", "must be an instant in the years 1 to 9999"));
        }
        if end <= start {
            return Err(ClientError::invalid("end", "must be after start"));
        }
        let id = self.next_id();
        let reply =
            self.rpc(rental::AVAILABILITIES_PATH, &rental::availabilities_request(id, product_id, start, end))?;
        rental::availabilities(&reply, Some(&Json::from(id))).map_err(ClientError::Odoo)
    }

    /// Makes the image paths of one vehicle record absolute.
    fn absolute_images(&self, vehicle: &mut Json) {
        let Some(fields) = vehicle.as_object_mut() else { return };
        let absolute = |value: &mut Json| {
            if let Some(url) = value.as_str().and_then(|p| image_url(&self.base_url, p).ok()) {
                *value = Json::String(url);
            }
        };
        for name in IMAGE_FIELDS {
            match fields.get_mut(name) {
                Some(Json::Array(items)) => items.iter_mut().for_each(absolute),
                Some(value) => absolute(value),
                None => {}
            }
        }
    }

    /// `GET /api/fleet/vehicles`: the vehicle list (a JSON array, or an object whose `vehicles` or `data` member is
    /// the array), image paths made absolute; any other shape is `invalid_response`.
    pub fn vehicles(&self) -> Result<Json, ClientError> {
        let mut answer = self.get("/api/fleet/vehicles", &[])?;
        let list = match &mut answer {
            Json::Array(items) => items,
            Json::Object(map) => match ["vehicles", "data"].iter().find(|k| map.get(**k).is_some_and(Json::is_array)) {
                Some(key) => map.get_mut(*key).and_then(Json::as_array_mut).expect("checked to be an array"),
                None => return Err(ClientError::response("the vehicle list has no vehicles or data array")),
            },
            _ => return Err(ClientError::response("the vehicle list is not an array or an object")),
        };
        list.iter_mut().for_each(|v| self.absolute_images(v));
        Ok(answer)
    }

    /// `GET /api/fleet/vehicles/{id}`: one vehicle (an object, or an object whose `vehicle` member is it), image
    /// paths made absolute.
    pub fn vehicle(&self, id: &str) -> Result<Json, ClientError> {
        segment("id", id)?;
        let mut answer = self.get(&format!("/api/fleet/vehicles/{id}"), &[])?;
        if !answer.is_object() {
            return Err(ClientError::response("the vehicle is not an object"));
        }
        match answer.get_mut("vehicle") {
            Some(inner) if inner.is_object() => self.absolute_images(inner),
            _ => self.absolute_images(&mut answer),
        }
        Ok(answer)
    }

    /// `GET /api/fleet/vehicles/{id}/availability?start=...&end=...`: the answer as Odoo gives it. `start` and
    /// `end` are RFC 3339 instants or `YYYY-MM-DD` dates, sent as given; `end` must be after `start`.
    pub fn availability(&self, vehicle_id: &str, start: &str, end: &str) -> Result<Json, ClientError> {
        segment("vehicle_id", vehicle_id)?;
        if bound("end", end)? <= bound("start", start)? {
            return Err(ClientError::invalid("end", "must be after start"));
        }
        self.get(&format!("/api/fleet/vehicles/{vehicle_id}/availability"), &[("start", start), ("end", end)])
    }

    /// `POST /api/fleet/bookings` with the request as [`crate::booking::validate`] cleans it at `now` (unix
    /// seconds); an invalid request is the booking area's `validation_failed` and nothing is sent. With an
    /// `idempotency_key` (sent as `Idempotency-Key`) failures are retried like idempotent calls; without one a
    /// POST is never repeated. Returns Odoo's JSON answer.
    pub fn create_booking(&self, request: &Json, idempotency_key: Option<&str>, now: i64) -> Result<Json, ClientError> {
        if idempotency_key.is_some_and(|k| k.is_empty() || k.len() > 255 || !k.bytes().all(|b| b.is_ascii_graphic())) {
            return Err(ClientError::invalid("idempotency_key", "must be 1 to 255 visible ASCII characters"));
        }
        let cleaned = validate(request, &self.rules, now).map_err(ClientError::Booking)?;
        let body = serde_json::to_vec(&cleaned).map_err(|e| ClientError::invalid("request", e.to_string()))?;
        let url = format!("{}/api/fleet/bookings", self.base_url);
        let call = Call { method: "POST", idempotency_key: idempotency_key.is_some(), secrets: &[] };
        let reply = self.http.send(&call, |c| {
            let request = c.post(&url).header("Content-Type", "application/json").body(body.clone());
            match idempotency_key {
                Some(key) => request.header("Idempotency-Key", key),
                None => request,
            }
        })?;
        reply.json()
    }
}
