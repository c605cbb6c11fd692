"""The examples in the Python docstrings run and give what they say."""

from __future__ import annotations

import doctest

import fleetgate.odometer
import fleetgate.units


def test_module_doctests() -> None:
    for module in (fleetgate.units, fleetgate.odometer):
        result = doctest.testmod(module)
        assert result.attempted > 0, module.__name__
        assert result.failed == 0, module.__name__


def test_public_functions_have_docstrings() -> None:
    for module in (fleetgate.units, fleetgate.odometer):
        for name in module.__all__:
            obj = getattr(module, name)
            if callable(obj):
                assert obj.__doc__ and len(obj.__doc__) > 30, name


def test_webhook_and_smartcar_module_doctests() -> None:
    import fleetgate.smartcar
    import fleetgate.webhooks

    for module in (fleetgate.webhooks, fleetgate.smartcar):
        result = doctest.testmod(module)
        assert result.attempted > 0, module.__name__
        assert result.failed == 0, module.__name__


def test_availability_module_doctest() -> None:
    import fleetgate.availability

    result = doctest.testmod(fleetgate.availability)
    assert result.attempted >= 4
    assert result.failed == 0
