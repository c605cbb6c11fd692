//! The legacy v2 envelope: `{version: "2.0", webhookId, eventName, mode, payload}`.

use super::json::{instant_ms, Node, Obj};
use super::types::{Event, EventBased, OdometerReading};
use super::{metres, read_challenge, SmartcarError};

pub(super) fn parse_legacy(root: &Obj<'_>) -> Result<Event, SmartcarError> {
    let version = root.req("version")?;
    let version_text = version.text()?;
    if version_text != "2.0" {
        return Err(version.err("expected \"2.0\""));
    }
    let name_node = root.req("eventName")?;
    let mut event = Event::empty(name_node.string()?, true);
    event.version = Some(version_text);
    event.webhook_id = root.opt_text("webhookId")?;
    event.mode = root.opt_string("mode")?;
    let payload = root.req("payload")?.object()?;
    match event.event_type.as_str() {
        "verify" => event.challenge = Some(read_challenge(&payload.req("challenge")?)?),
        "eventBased" => {
            event.event_id = payload.opt_text("eventId")?;
            event.vehicle_id = payload.opt_text("vehicleId")?;
            let event_time = payload.opt_text("eventTime")?;
            event.event_based = Some(EventBased {
                event_type: payload.opt_string("eventType")?,
                event_time_ms: event_time.as_deref().and_then(instant_ms),
                event_time,
            });
        }
        "schedule" | "scheduled" | "dynamic" => {
            for vehicle in payload.opt_array("vehicles")? {
                read_legacy_vehicle(&vehicle.object()?, &mut event)?;
            }
        }
        _ => return Err(name_node.err("expected verify, schedule, scheduled, eventBased or dynamic")),
    }
    Ok(event)
}

fn read_legacy_vehicle(vehicle: &Obj<'_>, event: &mut Event) -> Result<(), SmartcarError> {
    let vehicle_id = vehicle.req("vehicleId")?.text()?;
    let request_id = vehicle.opt_text("requestId")?;
    for item in vehicle.opt_array("data")? {
        let item = item.object()?;
        if item.opt_string("path")?.as_deref() != Some("/odometer") {
            continue;
        }
        let body = item.req("body")?.object()?;
        let unit_system = match item.opt_object("headers")? {
            Some(headers) => {
                let found = headers.map.keys().find(|k| k.eq_ignore_ascii_case("sc-unit-system")).cloned();
                found.map(|k| headers.req(&k)?.string()).transpose()?
            }
            None => None,
        };
        let unit_path = format!("{}.headers.sc-unit-system", item.path);
        let raw_unit = unit_system.unwrap_or_else(|| "metric".to_owned());
        let unit_node = Node { raw: item.map["path"], path: unit_path };
        let value = body.req("distance")?;
        event.readings.push(OdometerReading {
            vehicle_id: vehicle_id.clone(),
            event_id: request_id.clone(),
            delivery_id: None,
            raw_value: value.number_text()?.to_owned(),
            metres: metres(&value, &raw_unit, &unit_node)?,
            raw_unit,
            read_at_ms: None,
            fetched_at_ms: None,
        });
    }
    Ok(())
}
