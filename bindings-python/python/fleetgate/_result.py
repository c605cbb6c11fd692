"""The one convention of fleetgate's Python results: frozen dataclasses with ``repr``, ``==`` and ``to_dict()``.

A result class is declared in its area's public module (``fleetgate.pricing.Quote``, ...) as::

    @dataclass(frozen=True)
    class Quote(Result):
        total_minor: int
        breakdown: tuple[Line, ...]
        _nested: ClassVar[dict[str, type[Result]]] = {"breakdown": Line}

The native module builds it from the core's JSON shape with ``_from_dict`` (called from Rust): the keys must be
exactly the fields (a mismatch is a fleetgate bug, never a silently dropped field), lists become tuples, and the
fields named in ``_nested`` become their result classes. ``to_dict()`` gives the JSON shape back.
"""

from __future__ import annotations

import dataclasses
from typing import Any, ClassVar, Dict, Type, TypeVar

__all__ = ["Result"]

_R = TypeVar("_R", bound="Result")


def _freeze(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_freeze(item) for item in value)
    return value


def _plain(value: Any) -> Any:
    if isinstance(value, Result):
        return value.to_dict()
    if isinstance(value, (tuple, list)):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


@dataclasses.dataclass(frozen=True)
class Result:
    """Base of every fleetgate result class: immutable, compared by value, ``to_dict()`` for JSON."""

    _nested: ClassVar[Dict[str, Type["Result"]]] = {}

    @classmethod
    def _from_dict(cls: Type[_R], data: Dict[str, Any]) -> _R:
        names = [field.name for field in dataclasses.fields(cls)]
        if set(names) != set(data):
            raise AssertionError(f"{cls.__name__}: fields {sorted(names)} but the core sent {sorted(data)}")
        values = {}
        for name in names:
            value = data[name]
            nested = cls._nested.get(name)
            if nested is not None and isinstance(value, list):
                value = tuple(nested._from_dict(item) for item in value)
            elif nested is not None and isinstance(value, dict):
                value = nested._from_dict(value)
            else:
                value = _freeze(value)
            values[name] = value
        return cls(**values)

    def to_dict(self) -> Dict[str, Any]:
        """The result as plain JSON-shaped data (dicts, lists, str, int, float, bool, None)."""
        return {field.name: _plain(getattr(self, field.name)) for field in dataclasses.fields(self)}
