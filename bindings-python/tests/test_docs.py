"""The examples in the Python docstrings run and give what they say."""

from __future__ import annotations

import doctest

import fleetgate.units


def test_units_module_doctests() -> None:
    result = doctest.testmod(fleetgate.units)
    assert result.attempted > 0
    assert result.failed == 0


def test_public_functions_have_docstrings() -> None:
    for name in fleetgate.units.__all__:
        obj = getattr(fleetgate.units, name)
        if callable(obj):
            assert obj.__doc__ and len(obj.__doc__) > 40, name


def test_webhook_and_smartcar_module_doctests() -> None:
    import fleetgate.smartcar
    import fleetgate.webhooks

    for module in (fleetgate.webhooks, fleetgate.smartcar):
        result = doctest.testmod(module)
        assert result.attempted > 0, module.__name__
        assert result.failed == 0, module.__name__
