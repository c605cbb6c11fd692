//! Odoo's native "Send Webhook Notification" (`{"_id", "_model", "_action", ...}`): which model it is about and
//! the event it becomes.

use serde_json::{Map, Value};

use super::fields::{int_field, take_int, take_string};
use super::{EventKind, OdooError, Problem, VEHICLE_MODEL};

/// The native body `fields` (`_id`, `_model` and `_action` are taken out of it) as an [`EventKind`], its problems
/// collected into `problems`; `Ok(None)` when a problem stops the event being built.
pub(super) fn parse(
    fields: &mut Map<String, Value>,
    problems: &mut Vec<Problem>,
) -> Result<Option<EventKind>, OdooError> {
    let record_id = take_int(fields, "_id", problems);
    let model = take_string(fields, "_model", problems);
    let action = take_string(fields, "_action", problems);
    let vehicle_id = match model.as_deref() {
        Some(VEHICLE_MODEL) => record_id,
        Some(other) if !fields.contains_key("vehicle_id") && problems.is_empty() => {
            return Err(OdooError::UnknownEvent { event_type: format!("native webhook on model {other}") });
        }
        Some(_) => int_field(fields, "vehicle_id", problems),
        None => None,
    };
    Ok(match (record_id, model, action, vehicle_id) {
        (Some(record_id), Some(model), Some(action), Some(vehicle_id)) => {
            Some(EventKind::Native { model, record_id, action, vehicle_id })
        }
        _ => None,
    })
}
