"""Vector loaders of the booking, pricing and availability areas (used by ``vectors.LOADERS``).

Vector arguments are positional and options are dicts; these adapters call the public API with keyword options
exactly as a user would.
"""

from __future__ import annotations

from typing import Any

import fleetgate
from fleetgate import availability, booking, pricing


def validate(request: Any, rules: Any, now: Any) -> Any:
    return booking.validate(request, rules=rules, now=now).to_dict()


def validate_errors(request: Any, rules: Any, now: Any) -> list[dict[str, Any]]:
    """The call's field errors as ``[{loc, code}]``; ``[]`` when the request is valid."""
    try:
        booking.validate(request, rules=rules, now=now)
    except fleetgate.BookingValidationError as err:
        assert err.code == "validation_failed"
        return [{"loc": e["loc"], "code": e["code"]} for e in err.errors]
    return []


def _card(card: dict[str, Any]) -> pricing.RateCard:
    return pricing.RateCard(card["rules"], currency=card.get("currency"), list_price=card.get("list_price"),
                            pricelist_rules=card.get("pricelist_rules"))


def quote(card: dict[str, Any], start: Any, end: Any, options: dict[str, Any]) -> Any:
    return _card(card).quote(start, end, **options).to_dict()


def quote_total(card: dict[str, Any], start: Any, end: Any, options: dict[str, Any]) -> Any:
    return _card(card).quote(start, end, **options).total_minor


def late_fee(planned: Any, actual: Any, options: dict[str, Any]) -> Any:
    return pricing.late_fee(planned, actual, **options).to_dict()


def timeline(stock: Any, bookings: Any, start: Any, end: Any) -> Any:
    return [segment.to_dict() for segment in availability.timeline(stock, bookings, start, end)]


def prepared(bookings: Any, queries: list[Any]) -> list[Any]:
    """One ``availability.Bookings``, then every ``[method, args]`` query on it; a failing one is ``{"error": code}``."""
    index = availability.Bookings(bookings)
    answers: list[Any] = []
    for method, args in queries:
        try:
            answer = getattr(index, method)(*args)
        except fleetgate.FleetgateError as err:
            answers.append({"error": err.code})
            continue
        answers.append([s.to_dict() for s in answer] if method == "timeline" else answer)
    return answers


BOOKING = {"validate": validate, "validate_errors": validate_errors}
PRICING = {"quote": quote, "quote_total": quote_total, "late_fee": late_fee}
AVAILABILITY = {
    "unavailable": availability.unavailable,
    "available": availability.available,
    "timeline": timeline,
    "free_units": availability.free_units,
    "Bookings": prepared,
}
