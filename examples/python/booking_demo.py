"""A price report from Python: validates the sample booking, quotes it in both modes, shows availability.

Run: .venv/bin/python examples/python/booking_demo.py (after scripts/build.sh).
"""

import json
from pathlib import Path

import fleetgate
from fleetgate import availability, booking, pricing

sample = json.loads((Path(__file__).resolve().parent.parent / "data" / "rental-sample.json").read_text())
rules, now, tz = sample["rules"], sample["now"], sample["rules"]["time_zone"]


def show(value: object) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


print("== Python: fleetgate booking, pricing, availability ==")
cleaned = booking.validate(sample["request"], rules=rules, now=now)
print(f"validate(sample request) -> {cleaned.customer_name!r}, {cleaned.customer_phone}, "
      f"{cleaned.start} .. {cleaned.end}")
try:
    booking.validate(sample["bad_request"], rules=rules, now=now)
except fleetgate.BookingValidationError as err:
    errors = err.errors
    print(f"validate(bad request) -> {type(err).__name__} code={err.code}: "
          + ", ".join(f"{'.'.join(e['loc'])} {e['code']}" for e in errors))

rate_card = sample["rate_card"]
card = pricing.RateCard(rate_card["rules"], currency=rate_card["currency"], list_price=rate_card["list_price"])
start, end = cleaned.start, cleaned.end
print(f"sample quote odoo = {show(card.quote(start, end, mode='odoo', tz=tz).to_dict())}")
print(f"sample quote best = {show(card.quote(start, end, mode='best', tz=tz).to_dict())}")
print(f"sample errors = {show(errors)}")
print(f"sample timeline = {show([s.to_dict() for s in availability.timeline(2, sample['bookings']['7'], start, end)])}")
fee = pricing.late_fee(end, "2024-02-10T03:30:00Z", extra_hourly="15.00", extra_daily="65.00")
print(f"late_fee(returned 2024-02-10T03:30:00Z) = {fee.total} {fee.currency} ({fee.days} d {fee.hours} h)")
