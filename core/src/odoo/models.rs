//! The Odoo models a native webhook can be about, and the options of [`super::parse_event_with`]: the model map of
//! sites whose records live in a model of their own module (`{"atlas.equipment": "fleet.vehicle"}`).

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer};

/// A model fleetgate reads native webhooks of (the target of a model map entry).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, serde::Serialize)]
#[non_exhaustive]
pub enum Model {
    /// `fleet.vehicle`: a vehicle (a [`super::NativeEvent`], type `odoo.native`).
    #[serde(rename = "fleet.vehicle")]
    FleetVehicle,
    /// `sale.order`: in Odoo's rental app, a rental order (`is_rental_order`), the booking itself.
    #[serde(rename = "sale.order")]
    SaleOrder,
    /// `sale.order.line`: what an order rents (product, `start_date` / `return_date`, quantity).
    #[serde(rename = "sale.order.line")]
    SaleOrderLine,
    /// `product.product`: a product variant (`rent_ok`, prices).
    #[serde(rename = "product.product")]
    ProductProduct,
    /// `product.template`: a product template (`rent_ok`, rental pricing).
    #[serde(rename = "product.template")]
    ProductTemplate,
    /// `stock.lot`: a serial unit of a product.
    #[serde(rename = "stock.lot")]
    StockLot,
}

/// Every [`Model`] with its Odoo name.
pub const MODELS: [(&str, Model); 6] = [
    ("fleet.vehicle", Model::FleetVehicle),
    ("sale.order", Model::SaleOrder),
    ("sale.order.line", Model::SaleOrderLine),
    ("product.product", Model::ProductProduct),
    ("product.template", Model::ProductTemplate),
    ("stock.lot", Model::StockLot),
];

impl Model {
    /// The model's Odoo name, e.g. `sale.order`.
    pub fn name(self) -> &'static str {
        MODELS.iter().find(|(_, m)| *m == self).map_or("", |(n, _)| n)
    }

    /// The model of an Odoo name, `None` for a model fleetgate does not read.
    pub fn from_name(name: &str) -> Option<Model> {
        MODELS.iter().find(|(n, _)| *n == name).map(|(_, m)| *m)
    }
}

/// Options of [`super::parse_event_with`] (JS `parseEvent(body, { modelMap })`, Python
/// `parse_event(body, model_map=...)`). Model names are data, so this object is read with its keys as given (at
/// [`super::OPTIONS_SITE`], never camelCase-converted); JavaScript's `modelMap` is accepted as an alias.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ParseOptions {
    /// Models of the site's own module read as one of fleetgate's [`Model`]s: `{"atlas.equipment":
    /// "fleet.vehicle"}`. Keys are Odoo model names (lowercase letters, digits, `_` and `.`, Odoo's own rule for
    /// `_name`); a target that is not one of the [`MODELS`] or a value that is not a string is `invalid_option`.
    /// A mapped model is looked up first, so a known model can be mapped too (`{"stock.lot": "fleet.vehicle"}`
    /// for a site whose serial units are its vehicles). Empty by default (also when `null`).
    #[serde(alias = "modelMap", deserialize_with = "model_map")]
    pub model_map: BTreeMap<String, Model>,
}

impl ParseOptions {
    /// The model a native webhook on `model` is read as: its map entry, else the model itself if fleetgate knows
    /// it.
    pub fn resolve(&self, model: &str) -> Option<Model> {
        self.model_map.get(model).copied().or_else(|| Model::from_name(model))
    }
}

/// Odoo's rule for a model name (`odoo/models.py`, `regex_object_name`): `^[a-z0-9_.]+$`.
pub fn is_model_name(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'.')
}

fn model_map<'de, D: Deserializer<'de>>(deserializer: D) -> Result<BTreeMap<String, Model>, D::Error> {
    let map = Option::<BTreeMap<String, Model>>::deserialize(deserializer)?.unwrap_or_default();
    match map.keys().find(|k| !is_model_name(k)) {
        Some(bad) => Err(serde::de::Error::custom(format!(
            "{bad:?} is not an Odoo model name (lowercase letters, digits, `_` and `.`)"
        ))),
        None => Ok(map),
    }
}
