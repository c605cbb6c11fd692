//! The Odoo event types: booking and inventory webhooks, Odoo's native webhook, the views every binding hands out,
//! and the caches an event invalidates.

use serde_json::{Map, Value};

use super::records::{self, Head, NativeRecord, ProductRecord, RentalLine, RentalOrder, SerialUnit};

/// What a booking webhook reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum BookingAction {
    /// `booking.created`
    Created,
    /// `booking.confirmed`
    Confirmed,
    /// `booking.cancelled`
    Cancelled,
    /// `booking.modified`
    Modified,
}

/// What an inventory webhook reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum VehicleAction {
    /// `vehicle.availability_changed` (carries `availability_status`)
    AvailabilityChanged,
    /// `vehicle.added`
    Added,
    /// `vehicle.updated`
    Updated,
    /// `vehicle.removed`
    Removed,
    /// `vehicle.maintenance_status_changed` (maintenance start or end)
    MaintenanceStatusChanged,
    /// `vehicle.price_updated`
    PriceUpdated,
}

pub(super) const BOOKING_TYPES: [(&str, BookingAction); 4] = [
    ("booking.created", BookingAction::Created),
    ("booking.confirmed", BookingAction::Confirmed),
    ("booking.cancelled", BookingAction::Cancelled),
    ("booking.modified", BookingAction::Modified),
];

pub(super) const VEHICLE_TYPES: [(&str, VehicleAction); 6] = [
    ("vehicle.availability_changed", VehicleAction::AvailabilityChanged),
    ("vehicle.added", VehicleAction::Added),
    ("vehicle.updated", VehicleAction::Updated),
    ("vehicle.removed", VehicleAction::Removed),
    ("vehicle.maintenance_status_changed", VehicleAction::MaintenanceStatusChanged),
    ("vehicle.price_updated", VehicleAction::PriceUpdated),
];

/// The Odoo model of vehicles; a native webhook on it concerns that vehicle.
pub const VEHICLE_MODEL: &str = "fleet.vehicle";

/// The kind of an event, with the ids that identify what it is about.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum EventKind {
    /// A booking webhook (`booking.*`).
    Booking {
        /// What happened.
        action: BookingAction,
        /// The booking's id.
        booking_id: i64,
        /// The booked vehicle's id.
        vehicle_id: i64,
    },
    /// An inventory webhook (`vehicle.*`).
    Vehicle {
        /// What happened.
        action: VehicleAction,
        /// The vehicle's id.
        vehicle_id: i64,
    },
    /// Odoo's native "Send Webhook Notification" on a vehicle (`_model` = `fleet.vehicle`, or a model the model map
    /// reads as it) or on another record that has a `vehicle_id` (a booking-like record).
    Native {
        /// `_model`, e.g. `fleet.vehicle`.
        model: String,
        /// `_id`: the record's id.
        record_id: i64,
        /// `_action`, e.g. `Notify site(#12)`.
        action: String,
        /// The vehicle concerned: `_id` for `fleet.vehicle`, the record's `vehicle_id` otherwise.
        vehicle_id: i64,
        /// The record is the vehicle: `fleet.vehicle` or a model the model map reads as it (`false` for a
        /// booking-like record with a `vehicle_id`).
        vehicle_record: bool,
    },
    /// A native webhook on `sale.order` (in Odoo's rental app, a rental order: the booking).
    SaleOrder {
        /// `_model`, `_id`, `_action`.
        record: NativeRecord,
        /// The order's fields.
        order: RentalOrder,
    },
    /// A native webhook on `sale.order.line` (what an order rents).
    SaleOrderLine {
        /// `_model`, `_id`, `_action`.
        record: NativeRecord,
        /// The line's fields.
        line: RentalLine,
    },
    /// A native webhook on `product.product`.
    Product {
        /// `_model`, `_id`, `_action`.
        record: NativeRecord,
        /// The product's fields.
        product: ProductRecord,
    },
    /// A native webhook on `product.template`.
    ProductTemplate {
        /// `_model`, `_id`, `_action`.
        record: NativeRecord,
        /// The template's fields.
        product: ProductRecord,
    },
    /// A native webhook on `stock.lot` (a serial unit).
    StockLot {
        /// `_model`, `_id`, `_action`.
        record: NativeRecord,
        /// The lot's fields.
        lot: SerialUnit,
    },
}

/// A cache the site should drop (and broadcast over SSE) after an event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Cache {
    /// The vehicle list (the catalogue of what can be rented).
    VehicleList,
    /// One vehicle's detail.
    Vehicle(i64),
    /// One vehicle's availability.
    Availability(i64),
    /// Every vehicle's and product's availability: a rental order whose lines the webhook does not name.
    AllAvailability,
    /// One product's (`product.product`) availability.
    ProductAvailability(i64),
    /// One product's (`product.product`) detail.
    Product(i64),
    /// One product template's detail.
    Template(i64),
    /// One product's (`product.product`) prices.
    Prices(i64),
    /// One product template's prices (rental pricing lives on the template).
    TemplatePrices(i64),
}

impl Cache {
    /// `{"cache": "vehicle_list"}`, `{"cache": "vehicle", "vehicle_id": 1}`,
    /// `{"cache": "availability", "vehicle_id": 1}`, `{"cache": "availability_all"}`,
    /// `{"cache": "product_availability", "product_id": 4}`, `{"cache": "product", "product_id": 4}` (or
    /// `"template_id"`), `{"cache": "prices", "product_id": 4}` (or `"template_id"`).
    pub fn to_json(&self) -> Value {
        serde_json::to_value(self.view()).unwrap_or(Value::Null)
    }

    /// The cache as the bindings hand it out.
    pub fn view(&self) -> Invalidation {
        let none = Invalidation { cache: "", vehicle_id: None, product_id: None, template_id: None };
        match *self {
            Cache::VehicleList => Invalidation { cache: "vehicle_list", ..none },
            Cache::Vehicle(id) => Invalidation { cache: "vehicle", vehicle_id: Some(id), ..none },
            Cache::Availability(id) => Invalidation { cache: "availability", vehicle_id: Some(id), ..none },
            Cache::AllAvailability => Invalidation { cache: "availability_all", ..none },
            Cache::ProductAvailability(id) => {
                Invalidation { cache: "product_availability", product_id: Some(id), ..none }
            }
            Cache::Product(id) => Invalidation { cache: "product", product_id: Some(id), ..none },
            Cache::Template(id) => Invalidation { cache: "product", template_id: Some(id), ..none },
            Cache::Prices(id) => Invalidation { cache: "prices", product_id: Some(id), ..none },
            Cache::TemplatePrices(id) => Invalidation { cache: "prices", template_id: Some(id), ..none },
        }
    }
}

/// A parsed Odoo event: its kind and every other field of the body, unchanged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OdooEvent {
    /// The kind and ids.
    pub kind: EventKind,
    /// The body's other fields, as sent (for a native webhook, the selected fields; datetimes stay Odoo's naive
    /// UTC `"YYYY-MM-DD HH:MM:SS"` text, many2one fields raw ids).
    pub fields: Map<String, Value>,
}

impl OdooEvent {
    /// The event type: `booking.created`, `vehicle.updated`, ..., `odoo.native` for Odoo's own webhook on a
    /// vehicle, `odoo.sale_order`, `odoo.sale_order_line`, `odoo.product`, `odoo.product_template` or
    /// `odoo.stock_lot` for one on the rental app's models.
    pub fn event_type(&self) -> &'static str {
        match &self.kind {
            EventKind::Booking { action, .. } => BOOKING_TYPES.iter().find(|(_, a)| a == action).map_or("", |t| t.0),
            EventKind::Vehicle { action, .. } => VEHICLE_TYPES.iter().find(|(_, a)| a == action).map_or("", |t| t.0),
            EventKind::Native { .. } => "odoo.native",
            EventKind::SaleOrder { .. } => "odoo.sale_order",
            EventKind::SaleOrderLine { .. } => "odoo.sale_order_line",
            EventKind::Product { .. } => "odoo.product",
            EventKind::ProductTemplate { .. } => "odoo.product_template",
            EventKind::StockLot { .. } => "odoo.stock_lot",
        }
    }

    /// The vehicle the event concerns; for the rental app's records (orders, lines, products, lots), which name
    /// products instead, only an order's or line's `vehicle_id` (a field of the site's own module), else `None`.
    pub fn vehicle_id(&self) -> Option<i64> {
        match &self.kind {
            EventKind::Booking { vehicle_id, .. }
            | EventKind::Vehicle { vehicle_id, .. }
            | EventKind::Native { vehicle_id, .. } => Some(*vehicle_id),
            EventKind::SaleOrder { order, .. } => order.vehicle_id,
            EventKind::SaleOrderLine { line, .. } => line.vehicle_id,
            _ => None,
        }
    }

    /// The caches this event makes stale. A booking changes one vehicle's availability; price and detail updates
    /// change the list and the vehicle; availability, maintenance, additions, removals and native vehicle
    /// webhooks change all three. The rental app's records: see [`records::invalidates`] (and docs/odoo.md).
    pub fn invalidates(&self) -> Vec<Cache> {
        let all = |v| vec![Cache::VehicleList, Cache::Vehicle(v), Cache::Availability(v)];
        match &self.kind {
            EventKind::Booking { vehicle_id, .. } => vec![Cache::Availability(*vehicle_id)],
            EventKind::Vehicle { action: VehicleAction::Updated | VehicleAction::PriceUpdated, vehicle_id } => {
                vec![Cache::VehicleList, Cache::Vehicle(*vehicle_id)]
            }
            EventKind::Vehicle { vehicle_id, .. } => all(*vehicle_id),
            EventKind::Native { vehicle_id, vehicle_record: true, .. } => all(*vehicle_id),
            EventKind::Native { vehicle_id, .. } => vec![Cache::Availability(*vehicle_id)],
            other => records::invalidates(other),
        }
    }

    /// The event as JSON: `type`, the ids (`booking_id`, `vehicle_id`; native: `model`, `record_id`, `action`,
    /// `vehicle_id`, or the rental record's fields), `fields` and `invalidates` (see [`Cache::to_json`]): the shape
    /// of [`OdooEvent::view`].
    pub fn to_json(&self) -> Value {
        serde_json::to_value(self.view()).unwrap_or(Value::Null)
    }

    /// The event as the bindings hand it out: one typed shape per kind.
    pub fn view(&self) -> EventView {
        let invalidates = self.invalidates().iter().map(Cache::view).collect();
        let (event_type, fields) = (self.event_type(), self.fields.clone());
        let vehicle_id = self.vehicle_id().unwrap_or_default();
        match &self.kind {
            EventKind::Booking { booking_id, .. } => EventView::Booking(BookingEvent {
                event_type,
                booking_id: *booking_id,
                vehicle_id,
                fields,
                invalidates,
            }),
            EventKind::Vehicle { .. } => {
                EventView::Vehicle(VehicleEvent { event_type, vehicle_id, fields, invalidates })
            }
            EventKind::Native { model, record_id, action, .. } => EventView::Native(NativeEvent {
                event_type,
                model: model.clone(),
                record_id: *record_id,
                action: action.clone(),
                vehicle_id,
                fields,
                invalidates,
            }),
            EventKind::SaleOrder { record, order } => {
                EventView::SaleOrder(order.view(record, Head { event_type, fields, invalidates }))
            }
            EventKind::SaleOrderLine { record, line } => {
                EventView::SaleOrderLine(line.view(record, Head { event_type, fields, invalidates }))
            }
            EventKind::Product { record, product } | EventKind::ProductTemplate { record, product } => {
                EventView::Product(product.view(record, Head { event_type, fields, invalidates }))
            }
            EventKind::StockLot { record, lot } => {
                EventView::StockLot(lot.view(record, Head { event_type, fields, invalidates }))
            }
        }
    }
}

/// A parsed event in the shape every binding gives (`type` tells the kind).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(untagged)]
pub enum EventView {
    /// `booking.*`.
    Booking(BookingEvent),
    /// `vehicle.*`.
    Vehicle(VehicleEvent),
    /// `odoo.native`.
    Native(NativeEvent),
    /// `odoo.sale_order`.
    SaleOrder(records::SaleOrderEvent),
    /// `odoo.sale_order_line`.
    SaleOrderLine(records::SaleOrderLineEvent),
    /// `odoo.product` and `odoo.product_template`.
    Product(records::ProductEvent),
    /// `odoo.stock_lot`.
    StockLot(records::StockLotEvent),
}

impl EventView {
    /// The name of the result class (Python) / interface (TypeScript) of this shape.
    pub fn class_name(&self) -> &'static str {
        match self {
            EventView::Booking(_) => "BookingEvent",
            EventView::Vehicle(_) => "VehicleEvent",
            EventView::Native(_) => "NativeEvent",
            EventView::SaleOrder(_) => "SaleOrderEvent",
            EventView::SaleOrderLine(_) => "SaleOrderLineEvent",
            EventView::Product(_) => "ProductEvent",
            EventView::StockLot(_) => "StockLotEvent",
        }
    }
}

/// A booking webhook: `type` is `booking.created`, `booking.confirmed`, `booking.cancelled` or `booking.modified`.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct BookingEvent {
    /// The event type.
    #[serde(rename = "type")]
    pub event_type: &'static str,
    /// The booking's id.
    pub booking_id: i64,
    /// The booked vehicle's id.
    pub vehicle_id: i64,
    /// The body's other fields, as sent.
    pub fields: Map<String, Value>,
    /// The caches to drop.
    pub invalidates: Vec<Invalidation>,
}

/// An inventory webhook: `type` is `vehicle.added`, `vehicle.updated`, ...
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct VehicleEvent {
    /// The event type.
    #[serde(rename = "type")]
    pub event_type: &'static str,
    /// The vehicle's id.
    pub vehicle_id: i64,
    /// The body's other fields, as sent.
    pub fields: Map<String, Value>,
    /// The caches to drop.
    pub invalidates: Vec<Invalidation>,
}

/// Odoo's native webhook: `type` is `odoo.native`.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct NativeEvent {
    /// `odoo.native`.
    #[serde(rename = "type")]
    pub event_type: &'static str,
    /// `_model`.
    pub model: String,
    /// `_id`.
    pub record_id: i64,
    /// `_action`.
    pub action: String,
    /// The vehicle concerned.
    pub vehicle_id: i64,
    /// The selected fields, as sent.
    pub fields: Map<String, Value>,
    /// The caches to drop.
    pub invalidates: Vec<Invalidation>,
}

/// One cache to drop (see [`Cache::to_json`]): `cache` and the one id that names it, if any.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Invalidation {
    /// `vehicle_list`, `vehicle`, `availability`, `availability_all`, `product_availability`, `product` or
    /// `prices`.
    pub cache: &'static str,
    /// The vehicle, for `vehicle` and `availability`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vehicle_id: Option<i64>,
    /// The `product.product`, for `product_availability`, and `product` / `prices` of a variant.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub product_id: Option<i64>,
    /// The `product.template`, for `product` / `prices` of a template.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub template_id: Option<i64>,
}

/// One problem with a webhook body: where (`loc`, a field name), a code and a message.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Problem {
    /// The field, e.g. `vehicle_id` (empty for the body itself).
    pub loc: String,
    /// `missing`, `wrong_type`, `invalid_datetime` or `not_json`.
    pub code: &'static str,
    /// What is wrong.
    pub message: String,
}

impl Problem {
    /// `{"loc": ..., "code": ..., "message": ...}`.
    pub fn to_json(&self) -> Value {
        serde_json::json!({"loc": self.loc, "code": self.code, "message": self.message})
    }
}
