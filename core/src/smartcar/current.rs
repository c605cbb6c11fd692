//! The current envelope: `{eventId, eventType, vehicleId?, data, triggers?, meta}`.

use super::issues::{read_issue, signal_error};
use super::json::{instant_ms, missing, Node, Obj};
use super::types::{Event, OdometerReading, Signal, Trigger, Vehicle};
use super::{metres, read_challenge, SmartcarError, ODOMETER_SIGNAL};

/// The trigger type of a signal change.
const SIGNAL_UPDATED: &str = "SIGNAL_UPDATED";
/// The trigger type (or `code`, in `data.triggers`) of a vehicle's first delivery.
const FIRST_DELIVERY: &str = "FIRST_DELIVERY";

pub(super) fn parse_current(root: &Obj<'_>) -> Result<Event, SmartcarError> {
    let event_type_node = root.req("eventType")?;
    let mut event = Event::empty(event_type_node.string()?, false);
    event.event_id = Some(root.req("eventId")?.text()?);
    let data = root.req("data")?.object()?;
    if let Some(meta) = root.opt_object("meta")? {
        event.version = meta.opt_text("version")?;
        event.webhook_id = meta.opt_text("webhookId")?;
        event.webhook_name = meta.opt_string("webhookName")?;
        event.delivery_id = meta.opt_text("deliveryId")?;
        event.delivered_at = meta.opt_text("deliveredAt")?;
        event.delivered_at_ms = event.delivered_at.as_deref().and_then(instant_ms);
        event.signal_count = meta.opt_count("signalCount")?;
        event.sequence = meta.opt_count("sequence")?;
        event.mode = meta.opt_string("mode")?;
    }
    match event.event_type.as_str() {
        "VERIFY" => event.challenge = Some(read_challenge(&data.req("challenge")?)?),
        "VEHICLE_STATE" | "VEHICLE_ERROR" => read_vehicle_data(root, &data, &mut event)?,
        _ => return Err(event_type_node.err("expected VERIFY, VEHICLE_STATE or VEHICLE_ERROR")),
    }
    Ok(event)
}

/// The user, vehicle, triggers, signals and errors of a VEHICLE_STATE / VEHICLE_ERROR event.
fn read_vehicle_data(root: &Obj<'_>, data: &Obj<'_>, event: &mut Event) -> Result<(), SmartcarError> {
    if let Some(user) = data.opt_object("user")? {
        event.user_id = user.opt_text("id")?;
        event.user_external_id = user.opt_text("externalId")?;
    }
    event.vehicle = data.opt_object("vehicle")?.map(|v| read_vehicle(&v)).transpose()?;
    event.vehicle_id = match (&event.vehicle, root.opt("vehicleId")) {
        (Some(vehicle), _) => Some(vehicle.id.clone()),
        (None, Some(id)) => Some(id.text()?),
        (None, None) => return Err(missing("data.vehicle.id")),
    };
    for (container, source) in [(data, "data.triggers"), (root, "triggers")] {
        for trigger in container.opt_array("triggers")? {
            event.triggers.push(read_trigger(&trigger, source)?);
        }
    }
    let vehicle_id = event.vehicle_id.clone().unwrap_or_default();
    for signal in data.opt_array("signals")? {
        read_signal(&signal, &vehicle_id, event)?;
    }
    for error in data.opt_array("errors")? {
        event.issues.push(read_issue(Some(&error.object()?), None)?);
    }
    Ok(())
}

fn read_vehicle(vehicle: &Obj<'_>) -> Result<Vehicle, SmartcarError> {
    Ok(Vehicle {
        id: vehicle.req("id")?.text()?,
        make: vehicle.opt_text("make")?,
        model: vehicle.opt_text("model")?,
        year: vehicle.opt_count("year")?,
        vin: vehicle.opt_text("vin")?,
        mode: vehicle.opt_string("mode")?,
        powertrain_type: vehicle.opt_string("powertrainType")?,
    })
}

/// One trigger, in either form: `data.triggers[]` entries `{code, name, group}` / `{code: "FIRST_DELIVERY"}`,
/// top-level entries `{type: "SIGNAL_UPDATED", signal: {code, ...} | "Group.Name"}` / `{type: "FIRST_DELIVERY"}`.
fn read_trigger(node: &Node<'_>, source: &str) -> Result<Trigger, SmartcarError> {
    let trigger = node.object()?;
    let mut code = trigger.opt_string("code")?;
    let mut name = trigger.opt_string("name")?;
    let mut group = trigger.opt_string("group")?;
    if let Some(signal) = trigger.opt("signal") {
        if signal.is_string() {
            let text = signal.string()?;
            match text.split_once('.') {
                Some((g, n)) if !g.is_empty() && !n.is_empty() => {
                    code = Some(format!("{}-{}", g.to_lowercase(), n.to_lowercase()));
                    (name, group) = (Some(n.to_owned()), Some(g.to_owned()));
                }
                _ => code = Some(text),
            }
        } else {
            let signal = signal.object()?;
            code = signal.opt_string("code")?.or(code);
            name = signal.opt_string("name")?.or(name);
            group = signal.opt_string("group")?.or(group);
        }
    }
    let trigger_type = match trigger.opt_string("type")? {
        Some(kind) => kind,
        None if code.as_deref() == Some(FIRST_DELIVERY) => FIRST_DELIVERY.to_owned(),
        None if code.is_some() => SIGNAL_UPDATED.to_owned(),
        None => return Err(node.err("a trigger needs a type or a code")),
    };
    if trigger_type == FIRST_DELIVERY && code.as_deref() == Some(FIRST_DELIVERY) {
        code = None;
    }
    Ok(Trigger { trigger_type, code, name, group, source: source.to_owned() })
}

/// One entry of `data.signals`: kept as a [`Signal`]; an odometer one is also a reading, a failed one an issue.
fn read_signal(node: &Node<'_>, vehicle_id: &str, event: &mut Event) -> Result<(), SmartcarError> {
    let signal = node.object()?;
    let code = signal.req("code")?.string()?;
    let status = signal.opt_object("status")?;
    let status_value = status.as_ref().map(|s| s.opt_string("value")).transpose()?.flatten();
    let (oem_updated_at_ms, fetched_at_ms) = match signal.opt_object("meta")? {
        Some(meta) => {
            let fetched = match meta.opt_epoch_ms("fetchedAt")? {
                Some(ms) => Some(ms),
                None => meta.opt_epoch_ms("retrievedAt")?,
            };
            (meta.opt_epoch_ms("oemUpdatedAt")?, fetched)
        }
        None => (None, None),
    };
    let mut out = Signal {
        code: code.clone(),
        name: signal.opt_string("name")?,
        group: signal.opt_string("group")?,
        body: signal.opt("body").map(|b| b.json_object()).transpose()?,
        status: status_value.clone(),
        oem_updated_at_ms,
        fetched_at_ms,
        error: None,
    };
    if status_value.as_deref() == Some("ERROR") {
        let error = status.as_ref().and_then(|s| s.opt("error")).map(|e| e.object()).transpose()?;
        let issue = read_issue(error.as_ref(), Some(code))?;
        out.error = Some(signal_error(&issue));
        event.issues.push(issue);
    } else if code.eq_ignore_ascii_case(ODOMETER_SIGNAL) {
        let body = signal.req("body")?.object()?;
        let (value, unit) = (body.req("value")?, body.req("unit")?);
        let raw_unit = unit.string()?;
        event.readings.push(OdometerReading {
            vehicle_id: vehicle_id.to_owned(),
            event_id: event.event_id.clone(),
            delivery_id: event.delivery_id.clone(),
            raw_value: value.number_text()?.to_owned(),
            metres: metres(&value, &raw_unit, &unit)?,
            raw_unit,
            read_at_ms: oem_updated_at_ms,
            fetched_at_ms,
        });
    }
    event.signals.push(out);
    Ok(())
}
