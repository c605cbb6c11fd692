"""Booking, pricing and availability from Python: exceptions with their error lists, datetimes, references."""

from __future__ import annotations

import pickle
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

import fleetgate
from fleetgate import availability, booking, pricing

REFERENCE = Path(__file__).resolve().parents[2] / "core" / "tests" / "vectors" / "reference"
REQUEST = {"vehicle_id": 7, "customer_name": "Ann", "customer_email": "ann@example.be",
           "customer_phone": "+32470123456", "date_from": "2024-02-01", "date_to": "2024-02-05"}


@pytest.mark.parametrize("area", ["booking", "pricing", "availability"])
def test_vectors_match_their_reference(area: str) -> None:
    result = subprocess.run([sys.executable, str(REFERENCE / f"{area}.py"), "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_validation_error_lists_every_problem_and_pickles() -> None:
    with pytest.raises(fleetgate.BookingValidationError) as raised:
        booking.validate({**REQUEST, "customer_email": "nope", "customer_phone": "x"}, now="2024-01-01T00:00:00Z")
    err = raised.value
    assert isinstance(err, fleetgate.BookingError) and isinstance(err, fleetgate.FleetgateError)
    assert err.code == "validation_failed"
    assert [(e["loc"], e["code"]) for e in err.errors] == [(["customer_email"], "invalid_email"),
                                                          (["customer_phone"], "invalid_phone")]
    assert all(isinstance(e["message"], str) and e["message"] for e in err.errors)
    again = pickle.loads(pickle.dumps(err))
    assert type(again) is fleetgate.BookingValidationError
    assert (again.code, again.errors, str(again)) == (err.code, err.errors, str(err))


def test_rules_errors_are_booking_errors() -> None:
    with pytest.raises(fleetgate.BookingError) as raised:
        booking.validate(REQUEST, rules={"time_zone": "Nowhere"}, now=0)
    assert raised.value.code == "invalid_booking_rules"
    assert raised.value.details["path"] == "rules.time_zone"
    assert not isinstance(raised.value, fleetgate.BookingValidationError)


def test_rules_ranges_and_now_are_checked_in_core() -> None:
    with pytest.raises(fleetgate.BookingError) as raised:
        booking.validate(REQUEST, rules={"max_lengths": {"notes": 0}}, now=0)
    assert (raised.value.code, raised.value.details["path"]) == ("invalid_booking_rules", "rules.max_lengths.notes")
    with pytest.raises(fleetgate.BookingError) as raised:
        booking.validate(REQUEST, now=1.5)
    assert (raised.value.code, raised.value.details["path"]) == ("invalid_now", "now")


def test_clean_booking_is_a_frozen_result() -> None:
    clean = booking.validate(REQUEST, now="2024-01-15T12:00:00Z")
    assert isinstance(clean, booking.CleanBooking)
    assert (clean.vehicle_id, clean.notes, clean.start) == (7, None, "2024-02-01T00:00:00Z")
    assert clean == booking.CleanBooking(**clean.to_dict())
    assert repr(clean).startswith("CleanBooking(vehicle_id=7, ")
    with pytest.raises(AttributeError):
        clean.vehicle_id = 8  # type: ignore[misc]


def test_now_defaults_to_the_clock() -> None:
    with pytest.raises(fleetgate.BookingValidationError) as raised:
        booking.validate({**REQUEST, "date_from": "2000-01-01", "date_to": "2000-01-02"})
    assert [e["code"] for e in raised.value.errors] == ["date_in_past"]


def test_aware_datetimes_are_instants_and_naive_ones_are_rejected() -> None:
    card = pricing.RateCard([{"unit": "hour", "duration": 1, "price": "2.50"}])
    start = datetime(2024, 2, 1, 10, tzinfo=timezone.utc)
    assert card.quote(start, datetime(2024, 2, 1, 13, tzinfo=timezone.utc)).total_minor == 750
    with pytest.raises(fleetgate.PricingError) as raised:
        card.quote(start, datetime(2024, 2, 1, 13))
    assert raised.value.code == "invalid_quote"


def test_wrong_types_get_fleetgate_codes() -> None:
    with pytest.raises(fleetgate.PricingError) as raised:
        pricing.RateCard([{"unit": "day", "duration": 1, "price": object()}])
    assert raised.value.code == "invalid_rate_card"
    with pytest.raises(fleetgate.AvailabilityError) as raised2:
        availability.available("3", [], "2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z")
    assert raised2.value.code == "invalid_booking"


def test_late_fee_defaults() -> None:
    fee = pricing.late_fee("2024-02-05T10:00:00Z", "2024-02-06T15:30:00Z", extra_hourly="8", extra_daily="70")
    assert fee == pricing.LateFee(total_minor=11000, total="110.00", currency="EUR", days=1, hours=5)
    assert fee.to_dict() == {"total_minor": 11000, "total": "110.00", "currency": "EUR", "days": 1, "hours": 5}


def test_quote_is_typed_all_the_way_down() -> None:
    card = pricing.RateCard([{"unit": "day", "duration": 1, "price": "60"}], list_price="80")
    quote = card.quote("2024-02-01T10:00:00Z", "2024-02-03T10:00:00Z")
    assert isinstance(quote, pricing.Quote) and isinstance(quote.breakdown, tuple)
    line = quote.breakdown[0]
    assert isinstance(line, pricing.Line) and isinstance(line.rule, pricing.PricedRule)
    assert (quote.total, line.count, line.rule.price, line.rule.pricelist) == ("120.00", 2, "60.00", None)
    assert quote.rule == line.rule
    assert quote.to_dict()["breakdown"][0]["rule"] == {"unit": "day", "duration": 1, "price": "60.00",
                                                       "pricelist": None}


def test_options_are_decoded_in_core_with_paths() -> None:
    card = pricing.RateCard([{"unit": "day", "duration": 1, "price": "60"}])
    with pytest.raises(fleetgate.PricingError) as raised:
        card.quote("2024-02-01T10:00:00Z", "2024-02-03T10:00:00Z", mode="cheapest")
    assert (raised.value.code, raised.value.details["path"]) == ("invalid_quote", "mode")
    with pytest.raises(fleetgate.PricingError) as raised:
        pricing.RateCard([{"unit": "day", "duration": 1, "price": "60.001"}])
    assert (raised.value.code, raised.value.details["argument"], raised.value.details["path"]) == (
        "invalid_rate_card", "rules", "[0].price")
    with pytest.raises(fleetgate.AvailabilityError) as raised2:
        availability.unavailable([{"start": 0, "end": 3600, "quantity": 0}], 0, 7200)
    assert (raised2.value.code, raised2.value.details["path"]) == ("invalid_booking", "[0].quantity")


def test_timeline_segments_are_results() -> None:
    segments = availability.timeline(1, [{"start": 3600, "end": 7200}], 0, 10800)
    assert [s.available for s in segments] == [1, 0, 1]
    assert segments[1] == availability.Segment(start="1970-01-01T01:00:00Z", end="1970-01-01T02:00:00Z", available=0)


@pytest.mark.parametrize("module", [booking, pricing, availability], ids=lambda m: m.__name__)
def test_module_doctests_and_docstrings(module: object) -> None:
    import doctest

    result = doctest.testmod(module)  # type: ignore[arg-type]
    assert result.attempted > 0 and result.failed == 0
    for name in module.__all__:  # type: ignore[attr-defined]
        assert len(getattr(module, name).__doc__ or "") > 40, name


def test_prepared_bookings_answer_as_the_functions() -> None:
    bookings = [{"start": 3600 * i, "end": 3600 * (i + 1 + i % 5), "quantity": 1 + i % 3, "padding_hours": i % 2,
                 "unit": f"VIN-{i % 4}"} for i in range(0, 200, 3)]
    prepared = availability.Bookings(bookings)
    assert len(prepared) == len(bookings)
    units = ["VIN-0", "VIN-1", "VIN-2", "VIN-3", "VIN-9"]
    for f, t in [(0, 3600), (1800, 90_000), (-10, 10), (3600 * 50, 3600 * 80), (3600 * 199, 3600 * 400)]:
        assert prepared.unavailable(f, t) == availability.unavailable(bookings, f, t)
        assert prepared.available(4, f, t) == availability.available(4, bookings, f, t)
        assert prepared.timeline(4, f, t) == availability.timeline(4, bookings, f, t)
        assert prepared.free_units(units, f, t) == availability.free_units(units, bookings, f, t)
    start = datetime(1970, 1, 1, 1, tzinfo=timezone.utc)
    assert prepared.unavailable(start, "1970-01-01T02:00:00Z") == availability.unavailable(bookings, 3600, 7200)
    assert isinstance(prepared.timeline(1, 0, 7200)[0], availability.Segment)


def test_prepared_bookings_errors() -> None:
    with pytest.raises(fleetgate.AvailabilityError) as raised:
        availability.Bookings([{"start": 0, "end": 10}, {"start": 10, "end": 5}])
    assert (raised.value.code, raised.value.details["path"]) == ("invalid_booking", "[1]")
    prepared = availability.Bookings([])
    with pytest.raises(fleetgate.AvailabilityError) as raised:
        prepared.unavailable(10, 10)
    assert raised.value.code == "invalid_window"
    with pytest.raises(fleetgate.AvailabilityError) as raised:
        prepared.available(-1, 0, 10)
    assert raised.value.code == "invalid_booking"


def test_prepared_bookings_bound() -> None:
    one = {"start": 0, "end": 1}
    with pytest.raises(fleetgate.AvailabilityError) as raised:
        availability.Bookings([one] * (1_048_576 + 1))
    assert (raised.value.code, raised.value.details["path"]) == ("invalid_booking", "")
    assert "1048576" in str(raised.value)
