"""fleetgate from Python: a booking limiter, client keys, retries, SSE and an Odoo webhook."""

import fleetgate
from fleetgate import odoo, ratelimit, retry, sse

print("== Python: fleetgate.ratelimit / retry / sse / odoo ==")
limiter = ratelimit.Limiter(limit=10, period=3600)
for _ in range(11):
    decision = limiter.check("198.51.100.9", now=1_763_700_000)
print(f"booking 11: allowed={decision.allowed} retry_after={decision.retry_after} headers={decision.headers}")

headers = {"X-Forwarded-For": "6.6.6.6, 198.51.100.9"}
print("client_key, no trusted proxy:", ratelimit.client_key("10.0.0.2", headers))
print("client_key behind 1 trusted proxy:", ratelimit.client_key("10.0.0.2", headers, trusted_proxies=1))

backoff = retry.Backoff("full_jitter", base=0.5, cap=30, max_attempts=5, seed=7)
print("full jitter delays:", backoff.delays())
print("Retry-After 'Fri, 21 Nov 2025 04:42:00 GMT' ->", retry.parse_retry_after("Fri, 21 Nov 2025 04:42:00 GMT", now=1_763_700_000), "s")

wire = sse.encode("line 1\nline 2", event="inventory", id="42")
print("sse frame:", repr(wire), "->", sse.Decoder().feed(wire.encode()))
try:
    sse.encode("x", event="inventory\ndata: injected")
except fleetgate.SseError as err:
    print(f"sse.encode with a newline in event -> {err.code}")

event = odoo.parse_event(b'{"event_type": "vehicle.availability_changed", "vehicle_id": 1, "availability_status": "available"}')
print("odoo event:", event.type, "invalidates", [cache.to_dict() for cache in event.invalidates])
