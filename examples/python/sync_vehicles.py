"""'Sync Now' for a list of vehicles against the bundled mock Smartcar, printing the meter entries to insert.

Each vehicle row is what the maintenance app stores in smartcar_vehicles; each history is the car's meter entries
(what the odometer check compares against). The sync refreshes expired tokens (storing the new refresh token is the
caller's job: it is returned, never printed here), reads the odometer, and judges the reading with the same rules as
a webhook delivery, so a reading the webhook already delivered comes back as a duplicate.

Run: .venv/bin/python examples/python/sync_vehicles.py
"""

from __future__ import annotations

import fleetgate
from fleetgate import retry, smartcar
from mock_smartcar import CLIENT_ID, CLIENT_SECRET, MockSmartcar

NOW = "2025-06-02T09:00:00Z"
NOW_S = 1_748_854_800

mock = MockSmartcar().start()
client = smartcar.Client(
    CLIENT_ID,
    CLIENT_SECRET,
    auth_base_url=mock.url,
    api_base_url=mock.url,
    timeout=5.0,
    backoff=retry.Backoff(kind="full_jitter", base=0.2, cap=5.0, max_attempts=3, seed=7),
)
print("client ->", repr(client))


def row(row_id: int, smartcar_id: str, car_id: int, *, expires_in: int) -> dict[str, object]:
    return {
        "id": row_id,
        "smartcar_vehicle_id": smartcar_id,
        "car_id": car_id,
        "access_token": mock.issue_access_token() if expires_in > 0 else "mock-access-expired",
        "refresh_token": mock.issue_refresh_token(),
        "expires_at": NOW_S + expires_in,
    }


vehicles = [
    row(1, "sc-veh-civic", 101, expires_in=-60),  # expired a minute ago: refreshed first
    row(2, "sc-veh-model3", 102, expires_in=3600),  # still valid
    row(3, "sc-veh-transit", 103, expires_in=120),  # expires within 5 minutes: refreshed ahead
    row(4, "sc-veh-unknown", 104, expires_in=3600),  # Smartcar does not know it
]
histories: dict[int, list[dict[str, object]]] = {
    101: [{"value": "47980.2", "unit": "km", "reading_time": "2025-05-30T18:00:00Z", "source": "smartcar", "id": 9001}],
    # The webhook already delivered the Model 3's reading (same car reading time): the sync is its duplicate.
    102: [{"value": "12034.25", "unit": "kilometers", "reading_time": "2025-06-02T08:10:00Z", "source": "smartcar",
           "event_id": "evt-77", "id": 9002}],
    103: [{"value": "150400", "unit": "km", "reading_time": "2025-05-31T12:00:00Z", "source": "smartcar", "id": 9003}],
    104: [],
}

created = []
for vehicle in vehicles:
    label = f"vehicle {vehicle['id']} ({vehicle['smartcar_vehicle_id']})"
    try:
        result = client.sync_vehicle(vehicle, histories[vehicle["car_id"]], now=NOW)
    except fleetgate.ClientError as err:
        print(f"{label}: ClientError code={err.code}: {err}")
        continue
    verdict, log = result.verdict, result.sync_log
    tokens = result.tokens
    refreshed = "tokens refreshed (store the new pair)" if tokens.refreshed else "tokens still valid"
    why = verdict["reason"] or (f"repeats entry {verdict['duplicate_of']}" if verdict["duplicate_of"] else "")
    outcome = f"{verdict['status']} ({why})" if why else verdict["status"]
    print(f"{label}: {log['raw_value']} {log['raw_unit']} read at {log['reading_time']} -> {outcome}; {refreshed}")
    if result.meter_entry:
        created.append(result.meter_entry)

print(f"meter entries to insert: {len(created)}")
for entry in created:
    print(f"  car {entry['car_id']}: {entry['odometer_reading']} km on {entry['entry_date']}"
          f" (source {entry['source_type']} #{entry['source_id']}, {entry['notes']!r})")
print(f"token requests the mock served: {mock.token_requests}")
mock.stop()
