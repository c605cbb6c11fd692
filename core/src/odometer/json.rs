//! The JSON shapes of odometer results, the same in every binding (serde is the one definition): a verdict is
//! `{"status", "reason", "metres", "km", "allowed_range_m", "duplicate_of"}` and a meter entry uses the
//! `meter_entries` column names plus the provenance fields.

use serde_json::{json, Value as Json};

use super::{Ident, MeterEntry, RawValue, Verdict};

impl Ident {
    /// The id as JSON: a number or a string, as given.
    pub fn to_json(&self) -> Json {
        match self {
            Ident::Int(i) => json!(i),
            Ident::Text(s) => json!(s),
        }
    }
}

impl RawValue {
    /// The value as delivered, as JSON: a number or a string (a non-finite number is `null`).
    pub fn to_json(&self) -> Json {
        serde_json::to_value(self).unwrap_or(Json::Null)
    }
}

impl Verdict {
    /// The verdict's shared JSON shape; `duplicate_of` is the id of the repeated reading (see [`super::Reading::ident`]).
    pub fn to_json(&self, duplicate_of: Option<&Ident>) -> Json {
        json!({
            "status": self.status.as_str(),
            "reason": self.reason.map(|r| r.code()),
            "metres": self.metres,
            "km": self.km(),
            "allowed_range_m": self.allowed_range_m.map(|(lo, hi)| json!([lo, hi])),
            "duplicate_of": duplicate_of.map(Ident::to_json),
        })
    }
}

impl MeterEntry {
    /// The `meter_entries` row plus provenance, keyed by column name.
    pub fn to_json(&self) -> Json {
        serde_json::to_value(self).unwrap_or(Json::Null)
    }
}
