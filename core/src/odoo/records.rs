//! The records of Odoo's rental app a native webhook can be about (`sale.order`, `sale.order.line`,
//! `product.product` / `product.template`, `stock.lot`), with the fields fleetgate reads from them, and the shapes
//! the bindings hand out. Field names are those of Odoo's `sale_renting` and `sale_stock_renting` modules.

use serde_json::{Map, Number, Value};

use super::{Cache, EventKind, Invalidation};

/// What every native webhook names: `_model`, `_id` and `_action`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NativeRecord {
    /// `_model` as sent, e.g. `sale.order` or a model of the site's own module (read through the model map).
    pub model: String,
    /// `_id`: the record's id.
    pub record_id: i64,
    /// `_action`: the server action, `"<name>(#<id>)"`.
    pub action: String,
}

/// A `sale.order`: in Odoo's rental app a rental order, the booking itself. Every field is `None` when the
/// webhook did not select it (or Odoo sent `false`).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct RentalOrder {
    /// `is_rental_order`: `Some(false)` is an ordinary sale, which invalidates nothing.
    pub is_rental: Option<bool>,
    /// `state`: `draft`, `sent`, `sale`, `cancel` (and `done` before Odoo 17).
    pub state: Option<String>,
    /// `rental_status`: `draft`, `sent`, `pickup`, `return`, `returned`, `cancel`.
    pub rental_status: Option<String>,
    /// `partner_id`: the customer.
    pub partner_id: Option<i64>,
    /// `vehicle_id`: the vehicle, when the site's own module adds that many2one to its orders.
    pub vehicle_id: Option<i64>,
    /// `rental_start_date`, unix seconds.
    pub start: Option<i64>,
    /// `rental_return_date`, unix seconds.
    pub end: Option<i64>,
}

/// A `sale.order.line`: what an order rents.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct RentalLine {
    /// `order_id`: the order.
    pub order_id: Option<i64>,
    /// `product_id`: the `product.product` rented.
    pub product_id: Option<i64>,
    /// `vehicle_id`: the vehicle, when the site's own module adds that many2one to its lines.
    pub vehicle_id: Option<i64>,
    /// `is_rental`: `Some(false)` is a line that rents nothing (a fee, a sold item), which invalidates nothing.
    pub is_rental: Option<bool>,
    /// `start_date` (the order's `rental_start_date`), unix seconds.
    pub start: Option<i64>,
    /// `return_date` (the order's `rental_return_date`), unix seconds.
    pub end: Option<i64>,
    /// `product_uom_qty`, as sent (Odoo's float, e.g. `2.0`).
    pub quantity: Option<Number>,
}

/// A `product.product` or `product.template`.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct ProductRecord {
    /// The `product.product` id: `_id` of a variant; `None` for a template.
    pub product_id: Option<i64>,
    /// The `product.template` id: `_id` of a template, a variant's `product_tmpl_id`.
    pub template_id: Option<i64>,
    /// `rent_ok`: the product can be rented.
    pub rent_ok: Option<bool>,
}

/// A `stock.lot`: a serial unit of a product.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct SerialUnit {
    /// `product_id`: the product the unit is of.
    pub product_id: Option<i64>,
    /// `name`: the serial number.
    pub serial: Option<String>,
}

/// A native webhook on `sale.order` (`type` `odoo.sale_order`).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct SaleOrderEvent {
    /// `odoo.sale_order`.
    #[serde(rename = "type")]
    pub event_type: &'static str,
    /// `_model` as sent.
    pub model: String,
    /// `_id`: the order's id.
    pub record_id: i64,
    /// `_action`.
    pub action: String,
    /// `is_rental_order` (`null` when not selected).
    pub is_rental: Option<bool>,
    /// `state`.
    pub state: Option<String>,
    /// `rental_status`.
    pub rental_status: Option<String>,
    /// `partner_id`.
    pub partner_id: Option<i64>,
    /// `vehicle_id` (a field of the site's own module; `null` on stock Odoo).
    pub vehicle_id: Option<i64>,
    /// `rental_start_date`, unix seconds.
    pub start: Option<i64>,
    /// `rental_return_date`, unix seconds.
    pub end: Option<i64>,
    /// The other selected fields, as sent.
    pub fields: Map<String, Value>,
    /// The caches to drop.
    pub invalidates: Vec<Invalidation>,
}

/// A native webhook on `sale.order.line` (`type` `odoo.sale_order_line`).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct SaleOrderLineEvent {
    /// `odoo.sale_order_line`.
    #[serde(rename = "type")]
    pub event_type: &'static str,
    /// `_model` as sent.
    pub model: String,
    /// `_id`: the line's id.
    pub record_id: i64,
    /// `_action`.
    pub action: String,
    /// `order_id`.
    pub order_id: Option<i64>,
    /// `product_id`.
    pub product_id: Option<i64>,
    /// `vehicle_id` (a field of the site's own module; `null` on stock Odoo).
    pub vehicle_id: Option<i64>,
    /// `is_rental`.
    pub is_rental: Option<bool>,
    /// `start_date`, unix seconds.
    pub start: Option<i64>,
    /// `return_date`, unix seconds.
    pub end: Option<i64>,
    /// `product_uom_qty`, as sent.
    pub quantity: Option<Number>,
    /// The other selected fields, as sent.
    pub fields: Map<String, Value>,
    /// The caches to drop.
    pub invalidates: Vec<Invalidation>,
}

/// A native webhook on `product.product` (`type` `odoo.product`) or `product.template` (`odoo.product_template`).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct ProductEvent {
    /// `odoo.product` or `odoo.product_template`.
    #[serde(rename = "type")]
    pub event_type: &'static str,
    /// `_model` as sent.
    pub model: String,
    /// `_id`.
    pub record_id: i64,
    /// `_action`.
    pub action: String,
    /// The variant's id (`null` for a template).
    pub product_id: Option<i64>,
    /// The template's id (a variant's `product_tmpl_id`, `null` when not selected).
    pub template_id: Option<i64>,
    /// `rent_ok`.
    pub rent_ok: Option<bool>,
    /// The other selected fields (prices among them), as sent.
    pub fields: Map<String, Value>,
    /// The caches to drop.
    pub invalidates: Vec<Invalidation>,
}

/// A native webhook on `stock.lot` (`type` `odoo.stock_lot`).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct StockLotEvent {
    /// `odoo.stock_lot`.
    #[serde(rename = "type")]
    pub event_type: &'static str,
    /// `_model` as sent.
    pub model: String,
    /// `_id`: the lot's id.
    pub record_id: i64,
    /// `_action`.
    pub action: String,
    /// `product_id`.
    pub product_id: Option<i64>,
    /// `name`: the serial number.
    pub serial: Option<String>,
    /// The other selected fields, as sent.
    pub fields: Map<String, Value>,
    /// The caches to drop.
    pub invalidates: Vec<Invalidation>,
}

/// The caches a native webhook on one of the rental app's records makes stale (the table in docs/odoo.md):
///
/// - a rental order (`is_rental_order` true or not selected): its vehicle's availability when it has a
///   `vehicle_id` (a site's own module), else every availability, since a stock order does not name its products
///   (its lines do); an ordinary sale (`is_rental_order` false): nothing;
/// - an order line: its product's availability and its vehicle's (a site's `vehicle_id`), every availability
///   when it names neither; a line with `is_rental` false: nothing;
/// - a product or template: the list (`rent_ok` may just have changed), its detail and its prices;
/// - a serial unit: the list and its product's availability (every availability without `product_id`).
pub fn invalidates(kind: &EventKind) -> Vec<Cache> {
    let availability = |product: Option<i64>| product.map_or(Cache::AllAvailability, Cache::ProductAvailability);
    match kind {
        EventKind::SaleOrder { order, .. } if order.is_rental == Some(false) => Vec::new(),
        EventKind::SaleOrder { order, .. } => {
            vec![order.vehicle_id.map_or(Cache::AllAvailability, Cache::Availability)]
        }
        EventKind::SaleOrderLine { line, .. } if line.is_rental == Some(false) => Vec::new(),
        EventKind::SaleOrderLine { line, .. } => match (line.product_id, line.vehicle_id) {
            (Some(product), Some(vehicle)) => vec![Cache::ProductAvailability(product), Cache::Availability(vehicle)],
            (product, None) => vec![availability(product)],
            (None, Some(vehicle)) => vec![Cache::Availability(vehicle)],
        },
        EventKind::Product { record, .. } => {
            vec![Cache::VehicleList, Cache::Product(record.record_id), Cache::Prices(record.record_id)]
        }
        EventKind::ProductTemplate { record, .. } => {
            vec![Cache::VehicleList, Cache::Template(record.record_id), Cache::TemplatePrices(record.record_id)]
        }
        EventKind::StockLot { lot, .. } => vec![Cache::VehicleList, availability(lot.product_id)],
        _ => Vec::new(),
    }
}

/// What every view of a rental record starts with, and ends with.
pub(super) struct Head {
    pub(super) event_type: &'static str,
    pub(super) fields: Map<String, Value>,
    pub(super) invalidates: Vec<Invalidation>,
}

impl RentalOrder {
    pub(super) fn view(&self, r: &NativeRecord, h: Head) -> SaleOrderEvent {
        SaleOrderEvent {
            event_type: h.event_type,
            model: r.model.clone(),
            record_id: r.record_id,
            action: r.action.clone(),
            is_rental: self.is_rental,
            state: self.state.clone(),
            rental_status: self.rental_status.clone(),
            partner_id: self.partner_id,
            vehicle_id: self.vehicle_id,
            start: self.start,
            end: self.end,
            fields: h.fields,
            invalidates: h.invalidates,
        }
    }
}

impl RentalLine {
    pub(super) fn view(&self, r: &NativeRecord, h: Head) -> SaleOrderLineEvent {
        SaleOrderLineEvent {
            event_type: h.event_type,
            model: r.model.clone(),
            record_id: r.record_id,
            action: r.action.clone(),
            order_id: self.order_id,
            product_id: self.product_id,
            vehicle_id: self.vehicle_id,
            is_rental: self.is_rental,
            start: self.start,
            end: self.end,
            quantity: self.quantity.clone(),
            fields: h.fields,
            invalidates: h.invalidates,
        }
    }
}

impl ProductRecord {
    pub(super) fn view(&self, r: &NativeRecord, h: Head) -> ProductEvent {
        ProductEvent {
            event_type: h.event_type,
            model: r.model.clone(),
            record_id: r.record_id,
            action: r.action.clone(),
            product_id: self.product_id,
            template_id: self.template_id,
            rent_ok: self.rent_ok,
            fields: h.fields,
            invalidates: h.invalidates,
        }
    }
}

impl SerialUnit {
    pub(super) fn view(&self, r: &NativeRecord, h: Head) -> StockLotEvent {
        StockLotEvent {
            event_type: h.event_type,
            model: r.model.clone(),
            record_id: r.record_id,
            action: r.action.clone(),
            product_id: self.product_id,
            serial: self.serial.clone(),
            fields: h.fields,
            invalidates: h.invalidates,
        }
    }
}
