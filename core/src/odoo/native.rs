//! Odoo's native "Send Webhook Notification" (`{"_id", "_model", "_action", ...}`, Odoo 17+'s
//! `ir.actions.server._run_action_webhook`: `record.read(fields, load=None)` dumped with `json.dumps(default=str)`,
//! so many2one fields are raw ids, datetimes naive UTC text and empty fields `false`): which model it is about and
//! the event it becomes.

use serde_json::{Map, Value};

use super::fields::{
    int_field, take_bool, take_datetime, take_int, take_many2one, take_number, take_string, take_text,
};
use super::records::{NativeRecord, ProductRecord, RentalLine, RentalOrder, SerialUnit};
use super::{EventKind, Model, OdooError, ParseOptions, Problem};

/// The native body `fields` (`_id`, `_model`, `_action` and the fields read are taken out of it) as an
/// [`EventKind`], its problems collected into `problems`; `Ok(None)` when a problem stops the event being built.
pub(super) fn parse(
    fields: &mut Map<String, Value>,
    options: &ParseOptions,
    problems: &mut Vec<Problem>,
) -> Result<Option<EventKind>, OdooError> {
    let record_id = take_int(fields, "_id", problems);
    let model = take_string(fields, "_model", problems);
    let action = take_string(fields, "_action", problems);
    let Some(model) = model else { return Ok(None) };
    let target = options.resolve(&model);
    if target.is_none() && !fields.contains_key("vehicle_id") && problems.is_empty() {
        return Err(OdooError::UnknownEvent { event_type: format!("native webhook on model {model}") });
    }
    let kind = match target {
        Some(Model::FleetVehicle) => record_id.map(|vehicle_id| Native { vehicle_id, vehicle_record: true }),
        None => {
            int_field(fields, "vehicle_id", problems).map(|vehicle_id| Native { vehicle_id, vehicle_record: false })
        }
        Some(target) => Some(record(target, fields, record_id, problems)),
    };
    Ok(match (record_id, action, kind) {
        (Some(record_id), Some(action), Some(kind)) => Some(kind.build(NativeRecord { model, record_id, action })),
        _ => None,
    })
}

/// What the body says beyond `_model`, `_id` and `_action`.
enum Parsed {
    Native { vehicle_id: i64, vehicle_record: bool },
    Order(RentalOrder),
    Line(RentalLine),
    Product(ProductRecord),
    Template(ProductRecord),
    Lot(SerialUnit),
}
use Parsed::Native;

impl Parsed {
    fn build(self, record: NativeRecord) -> EventKind {
        match self {
            Parsed::Native { vehicle_id, vehicle_record } => EventKind::Native {
                model: record.model,
                record_id: record.record_id,
                action: record.action,
                vehicle_id,
                vehicle_record,
            },
            Parsed::Order(order) => EventKind::SaleOrder { record, order },
            Parsed::Line(line) => EventKind::SaleOrderLine { record, line },
            Parsed::Product(product) => EventKind::Product { record, product },
            Parsed::Template(product) => EventKind::ProductTemplate { record, product },
            Parsed::Lot(lot) => EventKind::StockLot { record, lot },
        }
    }
}

/// The fields of one of the rental app's models (every one optional: a webhook sends the fields its action
/// selects).
fn record(target: Model, f: &mut Map<String, Value>, record_id: Option<i64>, p: &mut Vec<Problem>) -> Parsed {
    match target {
        Model::SaleOrder => Parsed::Order(RentalOrder {
            is_rental: take_bool(f, "is_rental_order", p),
            state: take_text(f, "state", p),
            rental_status: take_text(f, "rental_status", p),
            partner_id: take_many2one(f, "partner_id", p),
            vehicle_id: take_many2one(f, "vehicle_id", p),
            start: take_datetime(f, "rental_start_date", p),
            end: take_datetime(f, "rental_return_date", p),
        }),
        Model::SaleOrderLine => Parsed::Line(RentalLine {
            order_id: take_many2one(f, "order_id", p),
            product_id: take_many2one(f, "product_id", p),
            vehicle_id: take_many2one(f, "vehicle_id", p),
            is_rental: take_bool(f, "is_rental", p),
            start: take_datetime(f, "start_date", p),
            end: take_datetime(f, "return_date", p),
            quantity: take_number(f, "product_uom_qty", p),
        }),
        Model::ProductProduct => Parsed::Product(ProductRecord {
            product_id: record_id,
            template_id: take_many2one(f, "product_tmpl_id", p),
            rent_ok: take_bool(f, "rent_ok", p),
        }),
        Model::ProductTemplate => Parsed::Template(ProductRecord {
            product_id: None,
            template_id: record_id,
            rent_ok: take_bool(f, "rent_ok", p),
        }),
        Model::StockLot => {
            Parsed::Lot(SerialUnit { product_id: take_many2one(f, "product_id", p), serial: take_text(f, "name", p) })
        }
        Model::FleetVehicle => Parsed::Native { vehicle_id: record_id.unwrap_or_default(), vehicle_record: true },
    }
}
